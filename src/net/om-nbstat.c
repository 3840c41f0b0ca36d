/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-nbstat"

#include "config.h"

#include <string.h>

#include "om-nbstat.h"

#define TYPE_NBSTAT 0x0021
#define CLASS_IN    0x0001

void
om_nbstat_build_request (guint16 id,
                         guint8  out[OM_NBSTAT_REQUEST_SIZE])
{
  guint8 name[16] = { '*' };   /* "*" padded with NULs: ask for every name */
  guint8 *p = out;

  memset (out, 0, OM_NBSTAT_REQUEST_SIZE);
  *p++ = id >> 8;
  *p++ = id & 0xff;
  *p++ = 0x00;   /* query, opcode 0, no recursion */
  *p++ = 0x00;
  *p++ = 0x00; *p++ = 0x01;   /* QDCOUNT */
  p += 6;                     /* AN/NS/AR counts */
  *p++ = 32;                  /* first-level encoded name: two letters per byte */
  for (guint i = 0; i < 16; i++)
    {
      *p++ = 'A' + (name[i] >> 4);
      *p++ = 'A' + (name[i] & 0x0f);
    }
  *p++ = 0;
  *p++ = TYPE_NBSTAT >> 8;
  *p++ = TYPE_NBSTAT & 0xff;
  *p++ = CLASS_IN >> 8;
  *p++ = CLASS_IN & 0xff;
  g_assert (p - out == OM_NBSTAT_REQUEST_SIZE);
}

static gboolean
fail (GError    **error,
      const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed node status reply: %s", what);
  return FALSE;
}

/* Skips an encoded name (labels or a compression pointer) at *pos. */
static gboolean
skip_name (const guint8 *data,
           gsize         len,
           gsize        *pos)
{
  guint labels = 0;

  while (*pos < len)
    {
      guint8 l = data[*pos];

      if (l == 0)
        {
          (*pos)++;
          return TRUE;
        }
      if ((l & 0xc0) == 0xc0)
        {
          if (*pos + 2 > len)
            return FALSE;
          *pos += 2;
          return TRUE;
        }
      if ((l & 0xc0) != 0 || ++labels > 16)
        return FALSE;
      if (*pos + 1 + l > len)
        return FALSE;
      *pos += 1 + l;
    }
  return FALSE;
}

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static char *
latin1_to_utf8 (const guint8 *bytes,
                gsize         n)
{
  GString *s = g_string_sized_new (n * 2);

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = bytes[i];

      if (c < 0x20 || c == 0x7f)
        g_string_append_c (s, '?');
      else
        g_string_append_unichar (s, c);
    }
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

OmNbstatReply *
om_nbstat_parse_reply (const guint8 *data,
                       gsize         len,
                       GError      **error)
{
  g_autoptr(OmNbstatReply) reply = NULL;
  gsize pos;
  guint16 flags, qd, an, rdlength;
  guint n;

  if (data == NULL || len < 12)
    return fail (error, "too short"), NULL;
  if (len > OM_NBSTAT_MAX_REPLY)
    return fail (error, "too long"), NULL;

  flags = get16 (data + 2);
  qd = get16 (data + 4);
  an = get16 (data + 6);
  if (!(flags & 0x8000))
    return fail (error, "not a response"), NULL;
  if ((flags & 0x000f) != 0)
    return fail (error, "error code set"), NULL;
  if (an < 1 || qd > 1)
    return fail (error, "no answer"), NULL;

  pos = 12;
  if (qd == 1)
    {
      if (!skip_name (data, len, &pos) || pos + 4 > len)
        return fail (error, "bad question"), NULL;
      pos += 4;
    }
  if (!skip_name (data, len, &pos) || pos + 10 > len)
    return fail (error, "bad answer name"), NULL;
  if (get16 (data + pos) != TYPE_NBSTAT || get16 (data + pos + 2) != CLASS_IN)
    return fail (error, "not a node status answer"), NULL;
  rdlength = get16 (data + pos + 8);
  pos += 10;
  if (rdlength < 1 || pos + rdlength > len)
    return fail (error, "bad length"), NULL;
  len = pos + rdlength;   /* never read past the record */

  n = data[pos++];
  if (pos + (gsize) n * 18 > len)
    return fail (error, "name table truncated"), NULL;

  reply = g_new0 (OmNbstatReply, 1);
  reply->id = get16 (data);
  for (guint i = 0; i < n; i++, pos += 18)
    {
      g_autofree char *name = latin1_to_utf8 (data + pos, 15);
      guint16 nflags = get16 (data + pos + 16);
      OmNbstatName *entry;

      if (reply->n_names >= G_N_ELEMENTS (reply->names))
        continue;
      entry = &reply->names[reply->n_names++];
      /* Latin-1 → UTF-8 can double the size: keep whole characters within 15 bytes. */
      {
        gsize used = 0;

        for (const char *c = name; *c != '\0'; c = g_utf8_next_char (c))
          {
            gsize clen = g_utf8_next_char (c) - c;

            if (used + clen > sizeof entry->name - 1)
              break;
            memcpy (entry->name + used, c, clen);
            used += clen;
          }
        entry->name[used] = '\0';
      }
      entry->suffix = data[pos + 15];
      entry->group = (nflags & 0x8000) != 0;
      entry->active = (nflags & 0x0400) != 0;

      if (entry->suffix == 0x00 && !entry->group && reply->host == NULL && *entry->name)
        reply->host = g_strdup (entry->name);
      else if (entry->suffix == 0x00 && entry->group && reply->workgroup == NULL && *entry->name)
        reply->workgroup = g_strdup (entry->name);
      else if (entry->suffix == 0x20 && !entry->group)
        reply->file_server = TRUE;
    }

  /* Statistics: the unit id (MAC) comes first; Samba sends zeros. */
  if (pos + 6 <= len)
    {
      const guint8 *m = data + pos;

      if (m[0] | m[1] | m[2] | m[3] | m[4] | m[5])
        reply->mac = g_strdup_printf ("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    }
  return g_steal_pointer (&reply);
}

void
om_nbstat_reply_free (OmNbstatReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->host);
  g_free (reply->workgroup);
  g_free (reply->mac);
  g_free (reply);
}

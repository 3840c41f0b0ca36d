/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Layouts from [MS-SMB2] 2.2.1 (header), 2.2.3/2.2.4 (NEGOTIATE), 2.2.5/2.2.6
 * (SESSION_SETUP) and [MS-NLMP] 2.2.1.1/2.2.1.2 (NEGOTIATE/CHALLENGE), 2.2.2.1
 * (AV_PAIR), 2.2.2.10 (VERSION); SPNEGO from RFC 4178. Every offset and length in
 * a reply is checked against the bytes actually received before it is used.
 */
#define G_LOG_DOMAIN "om-smb-ntlm"

#include "config.h"

#include <string.h>

#include "om-smb-ntlm.h"

#define SMB2_HEADER_SIZE           64
#define SMB2_NEGOTIATE             0x0000
#define SMB2_SESSION_SETUP         0x0001
#define SMB2_FLAGS_SERVER_TO_REDIR 0x00000001u
#define STATUS_SUCCESS             0x00000000u
#define STATUS_MORE_PROCESSING     0xc0000016u

#define SMB1_HEADER_SIZE           32
#define SMB1_NEGOTIATE             0x72
#define SMB1_SESSION_SETUP_ANDX    0x73
#define SMB1_FLAGS_REPLY           0x80
#define SMB1_FLAGS2                0xc841
#define SMB1_FLAGS2_UNICODE        0x8000
#define SMB1_CAP_EXTENDED_SECURITY 0x80000000u

#define NTLMSSP_SIGNATURE          "NTLMSSP"   /* + NUL: 8 bytes */
#define NTLMSSP_CHALLENGE_MIN      32          /* up to and including ServerChallenge */
#define NTLMSSP_CHALLENGE_FIXED    48          /* … with Reserved and TargetInfoFields */

enum {
  AV_EOL = 0,
  AV_NB_COMPUTER = 1,
  AV_NB_DOMAIN = 2,
  AV_DNS_COMPUTER = 3,
  AV_DNS_DOMAIN = 4,
  AV_DNS_TREE = 5,
  AV_TIMESTAMP = 7,
};

/* At most this many AV pairs are looked at; real servers send fewer than ten. */
#define MAX_AV_PAIRS 64

/* ------------------------------------------------------------------------- */
/* Little-endian helpers (callers have checked the bounds) */

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static void
put16 (GByteArray *out,
       guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
put_zeros (GByteArray *out,
           guint       n)
{
  static const guint8 zeros[16] = { 0 };

  while (n > 0)
    {
      guint k = MIN (n, sizeof zeros);

      g_byte_array_append (out, zeros, k);
      n -= k;
    }
}

static gboolean
fail (GError    **error,
      const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed SMB reply: %s", what);
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* Strings */

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

char *
om_smb_ntlm_utf16le_to_utf8 (const guint8 *data,
                             gsize         len,
                             guint         max_chars)
{
  GString *out = g_string_sized_new (MIN (len, (gsize) max_chars * 3) + 1);
  gsize n_units = len / 2;
  guint n_chars = 0;

  for (gsize i = 0; i < n_units && n_chars < max_chars; i++)
    {
      gunichar u = get16 (data + 2 * i);

      if (u == 0)
        break;
      if (u >= 0xd800 && u <= 0xdbff)
        {
          gunichar low = i + 1 < n_units ? get16 (data + 2 * (i + 1)) : 0;

          if (low >= 0xdc00 && low <= 0xdfff)
            {
              u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              i++;
            }
          else
            u = 0xfffd;
        }
      else if (u >= 0xdc00 && u <= 0xdfff)
        u = 0xfffd;
      if (is_control (u))
        u = 0xfffd;
      g_string_append_unichar (out, u);
      n_chars++;
    }
  return g_string_free (out, FALSE);
}

/* OEM (non-Unicode) names: ASCII kept, anything else replaced. */
static char *
oem_to_utf8 (const guint8 *data,
             gsize         len,
             guint         max_chars)
{
  GString *out = g_string_sized_new (MIN (len, max_chars) + 1);

  for (gsize i = 0; i < len && i < max_chars && data[i] != 0; i++)
    {
      if (data[i] >= 0x80 || is_control (data[i]))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_c (out, (char) data[i]);
    }
  return g_string_free (out, FALSE);
}

/* Empty (or blank) names are absent. */
static char *
nonempty (char *s)
{
  g_strstrip (s);
  if (*s == '\0')
    {
      g_free (s);
      return NULL;
    }
  return s;
}

/* ------------------------------------------------------------------------- */
/* Requests */

static void
put_smb2_header (GByteArray *out,
                 guint16     command,
                 guint64     message_id)
{
  static const guint8 magic[4] = { 0xfe, 'S', 'M', 'B' };

  g_byte_array_append (out, magic, 4);
  put16 (out, SMB2_HEADER_SIZE);
  put16 (out, 0);             /* CreditCharge */
  put32 (out, 0);             /* Status / ChannelSequence */
  put16 (out, command);
  put16 (out, 1);             /* CreditRequest */
  put32 (out, 0);             /* Flags: a request */
  put32 (out, 0);             /* NextCommand */
  put32 (out, (guint32) message_id);
  put32 (out, (guint32) (message_id >> 32));
  put32 (out, 0xfeff);        /* Reserved (ProcessId) */
  put32 (out, 0);             /* TreeId */
  put_zeros (out, 8);         /* SessionId */
  put_zeros (out, 16);        /* Signature */
}

/* Prepends the 4-byte session header (zero type, 24-bit big-endian length). */
static GBytes *
frame (GByteArray *msg)
{
  guint32 n = msg->len;
  guint8 hdr[4] = { 0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff };

  g_byte_array_prepend (msg, hdr, 4);
  return g_byte_array_free_to_bytes (msg);
}

GBytes *
om_smb_ntlm_build_negotiate (const guint8 client_guid[16])
{
  static const guint16 dialects[] = { 0x0202, 0x0210, 0x0300, 0x0302 };
  GByteArray *msg = g_byte_array_sized_new (128);

  g_return_val_if_fail (client_guid != NULL, NULL);

  put_smb2_header (msg, SMB2_NEGOTIATE, 0);
  put16 (msg, 36);                       /* StructureSize */
  put16 (msg, G_N_ELEMENTS (dialects));  /* DialectCount */
  put16 (msg, 0x0001);                   /* SecurityMode: signing enabled (not required) */
  put16 (msg, 0);                        /* Reserved */
  put32 (msg, 0);                        /* Capabilities */
  g_byte_array_append (msg, client_guid, 16);
  put_zeros (msg, 8);                    /* ClientStartTime */
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    put16 (msg, dialects[i]);
  return frame (msg);
}

/* An NTLMSSP NEGOTIATE with no domain and no workstation name: it asks for the
 * target info and the version, and offers nothing about us. */
static void
put_ntlmssp_negotiate (GByteArray *out)
{
  const guint32 flags = 0x00000001   /* UNICODE */
                      | 0x00000002   /* OEM */
                      | 0x00000004   /* REQUEST_TARGET */
                      | 0x00000200   /* NTLM */
                      | 0x00008000   /* ALWAYS_SIGN */
                      | 0x00080000   /* EXTENDED_SESSIONSECURITY */
                      | OM_NTLMSSP_NEGOTIATE_VERSION
                      | 0x20000000   /* 128 */
                      | 0x40000000   /* KEY_EXCH */
                      | 0x80000000u; /* 56 */
  static const guint8 version[8] = { 0, 0, 0, 0, 0, 0, 0, 15 };   /* only NTLMRevisionCurrent */

  g_byte_array_append (out, (const guint8 *) NTLMSSP_SIGNATURE, 8);
  put32 (out, 1);             /* MessageType: NEGOTIATE */
  put32 (out, flags);
  put_zeros (out, 8);         /* DomainNameFields: empty */
  put_zeros (out, 8);         /* WorkstationFields: empty */
  g_byte_array_append (out, version, 8);
}

/* DER tag + short-form length (every length here is < 128). */
static void
put_der (GByteArray *out,
         guint8      tag,
         gsize       len)
{
  guint8 b[2] = { tag, (guint8) len };

  g_assert (len < 128);
  g_byte_array_append (out, b, 2);
}

/* GSS-API InitialContextToken { SPNEGO, NegTokenInit { mechTypes [NTLMSSP], mechToken } } */
static GByteArray *
build_spnego_negotiate (void)
{
  static const guint8 spnego_oid[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
  static const guint8 ntlm_oid[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };
  g_autoptr(GByteArray) ntlm = g_byte_array_new ();
  GByteArray *blob = g_byte_array_new ();
  gsize mech_types, mech_token, seq, init;

  put_ntlmssp_negotiate (ntlm);
  mech_types = 2 + 2 + sizeof ntlm_oid;   /* [0] { SEQUENCE { OID } } */
  mech_token = 2 + 2 + ntlm->len;         /* [2] { OCTET STRING } */
  seq = mech_types + mech_token;
  init = 2 + seq;
  put_der (blob, 0x60, sizeof spnego_oid + 2 + init);
  g_byte_array_append (blob, spnego_oid, sizeof spnego_oid);
  put_der (blob, 0xa0, init);
  put_der (blob, 0x30, seq);
  put_der (blob, 0xa0, 2 + sizeof ntlm_oid);
  put_der (blob, 0x30, sizeof ntlm_oid);
  g_byte_array_append (blob, ntlm_oid, sizeof ntlm_oid);
  put_der (blob, 0xa2, 2 + ntlm->len);
  put_der (blob, 0x04, ntlm->len);
  g_byte_array_append (blob, ntlm->data, ntlm->len);
  return blob;
}

GBytes *
om_smb_ntlm_build_session_setup (void)
{
  g_autoptr(GByteArray) blob = build_spnego_negotiate ();
  GByteArray *msg = g_byte_array_sized_new (192);

  put_smb2_header (msg, SMB2_SESSION_SETUP, 1);
  put16 (msg, 25);                              /* StructureSize */
  g_byte_array_append (msg, (const guint8[]) { 0x00, 0x01 }, 2);   /* Flags, SecurityMode */
  put32 (msg, 0);                               /* Capabilities */
  put32 (msg, 0);                               /* Channel */
  put16 (msg, SMB2_HEADER_SIZE + 24);           /* SecurityBufferOffset */
  put16 (msg, blob->len);                       /* SecurityBufferLength */
  put_zeros (msg, 8);                           /* PreviousSessionId */
  g_byte_array_append (msg, blob->data, blob->len);
  return frame (msg);
}

/* [MS-CIFS] 2.2.3.1: Flags CASE_INSENSITIVE | CANONICALIZED_PATHS; Flags2 UNICODE |
 * NT_STATUS | EXTENDED_SECURITY | LONG_NAMES_USED | LONG_NAMES_ALLOWED. */
static void
put_smb1_header (GByteArray *out,
                 guint8      command,
                 guint16     mid)
{
  static const guint8 magic[4] = { 0xff, 'S', 'M', 'B' };

  g_byte_array_append (out, magic, 4);
  g_byte_array_append (out, &command, 1);
  put32 (out, 0);                 /* Status */
  g_byte_array_append (out, (const guint8[]) { 0x18 }, 1);
  put16 (out, SMB1_FLAGS2);
  put16 (out, 0);                 /* PIDHigh */
  put_zeros (out, 8);             /* SecurityFeatures */
  put16 (out, 0);                 /* Reserved */
  put16 (out, 0);                 /* TID */
  put16 (out, 0xfeff);            /* PIDLow */
  put16 (out, 0);                 /* UID */
  put16 (out, mid);
}

GBytes *
om_smb_ntlm_build_smb1_negotiate (void)
{
  static const char dialect[] = "\x02NT LM 0.12";   /* buffer format 2, NUL included */
  GByteArray *msg = g_byte_array_sized_new (64);

  put_smb1_header (msg, SMB1_NEGOTIATE, 0);
  g_byte_array_append (msg, (const guint8[]) { 0 }, 1);   /* WordCount */
  put16 (msg, sizeof dialect);                            /* ByteCount */
  g_byte_array_append (msg, (const guint8 *) dialect, sizeof dialect);
  return frame (msg);
}

GBytes *
om_smb_ntlm_build_smb1_session_setup (void)
{
  g_autoptr(GByteArray) blob = build_spnego_negotiate ();
  GByteArray *msg = g_byte_array_sized_new (192);
  gsize bytes;
  gboolean pad;

  put_smb1_header (msg, SMB1_SESSION_SETUP_ANDX, 1);
  g_byte_array_append (msg, (const guint8[]) { 12 }, 1);         /* WordCount */
  g_byte_array_append (msg, (const guint8[]) { 0xff, 0 }, 2);    /* no AndX command */
  put16 (msg, 0);                 /* AndXOffset */
  put16 (msg, 16644);             /* MaxBufferSize */
  put16 (msg, 2);                 /* MaxMpxCount */
  put16 (msg, 1);                 /* VcNumber */
  put32 (msg, 0);                 /* SessionKey */
  put16 (msg, blob->len);         /* SecurityBlobLength */
  put32 (msg, 0);                 /* Reserved */
  put32 (msg, 0x80000000u | 0x40 | 0x04);   /* CAP_EXTENDED_SECURITY | NT_STATUS | UNICODE */
  /* Unicode strings start on an even offset from the SMB header. */
  pad = (msg->len + 2 + blob->len) % 2 != 0;
  bytes = blob->len + (pad ? 1 : 0) + 4;
  put16 (msg, bytes);             /* ByteCount */
  g_byte_array_append (msg, blob->data, blob->len);
  put_zeros (msg, (pad ? 1 : 0) + 4);   /* pad, empty NativeOS and NativeLanMan */
  return frame (msg);
}

/* ------------------------------------------------------------------------- */
/* Replies */

/* Strips an optional session header and checks the SMB2 header of a reply to
 * @command; leaves data and len on the SMB2 message. */
static gboolean
check_smb2_header (const guint8 **data,
                   gsize         *len,
                   guint16        command,
                   guint32       *status,
                   GError       **error)
{
  const guint8 *p = *data;
  gsize n = *len;

  if (p == NULL || n > OM_SMB_NTLM_MAX_REPLY + 4)
    return fail (error, "empty or oversized");
  if (n >= 8 && p[0] == 0x00 && p[4] == 0xfe)
    {
      gsize framed = ((gsize) p[1] << 16) | ((gsize) p[2] << 8) | p[3];

      if (framed > n - 4)
        return fail (error, "session header longer than the data");
      p += 4;
      n = framed;
    }
  if (n < SMB2_HEADER_SIZE)
    return fail (error, "shorter than an SMB2 header");
  if (memcmp (p, "\xfeSMB", 4) != 0)
    return fail (error, "not SMB2");
  if (get16 (p + 4) != SMB2_HEADER_SIZE)
    return fail (error, "bad SMB2 header size");
  if (get16 (p + 12) != command)
    return fail (error, "answer to another command");
  if ((get32 (p + 16) & SMB2_FLAGS_SERVER_TO_REDIR) == 0)
    return fail (error, "not a response");
  *status = get32 (p + 8);
  *data = p;
  *len = n;
  return TRUE;
}

gboolean
om_smb_ntlm_parse_negotiate (const guint8 *data,
                             gsize         len,
                             guint16      *dialect,
                             GError      **error)
{
  guint32 status;
  guint16 d;

  g_return_val_if_fail (dialect != NULL, FALSE);

  *dialect = 0;
  if (!check_smb2_header (&data, &len, SMB2_NEGOTIATE, &status, error))
    return FALSE;
  if (status != STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "SMB2 NEGOTIATE refused (status 0x%08x)", status);
      return FALSE;
    }
  if (len < SMB2_HEADER_SIZE + 6 || get16 (data + SMB2_HEADER_SIZE) != 65)
    return fail (error, "short NEGOTIATE response");
  d = get16 (data + SMB2_HEADER_SIZE + 4);
  if (d != 0x0202 && d != 0x0210 && d != 0x0300 && d != 0x0302 && d != 0x0311)
    return fail (error, "unknown dialect");
  *dialect = d;
  return TRUE;
}

/* Reads a (Len, MaxLen, Offset) field at @at and checks the payload it points
 * to lies within the message. */
static gboolean
payload_field (const guint8  *msg,
               gsize          len,
               gsize          at,
               const guint8 **out,
               gsize         *out_len)
{
  guint16 n = get16 (msg + at);
  guint32 off = get32 (msg + at + 4);

  *out = NULL;
  *out_len = 0;
  if (n == 0)
    return TRUE;
  if ((guint64) off + n > len)
    return FALSE;
  *out = msg + off;
  *out_len = n;
  return TRUE;
}

static gboolean
parse_av_pairs (OmSmbNtlmInfo *info,
                const guint8  *p,
                gsize          len)
{
  gsize pos = 0;

  for (guint i = 0; i < MAX_AV_PAIRS; i++)
    {
      guint16 id, n;
      char **slot = NULL;

      if (pos == len)
        return TRUE;   /* no MsvAvEOL: tolerated, everything was in bounds */
      if (len - pos < 4)
        return FALSE;
      id = get16 (p + pos);
      n = get16 (p + pos + 2);
      pos += 4;
      if (n > len - pos)
        return FALSE;
      switch (id)
        {
        case AV_EOL:
          return TRUE;
        case AV_NB_COMPUTER: slot = &info->netbios_computer; break;
        case AV_NB_DOMAIN: slot = &info->netbios_domain; break;
        case AV_DNS_COMPUTER: slot = &info->dns_computer; break;
        case AV_DNS_DOMAIN: slot = &info->dns_domain; break;
        case AV_DNS_TREE: slot = &info->dns_tree; break;
        case AV_TIMESTAMP:
          info->has_timestamp = n == 8;
          break;
        default:
          break;
        }
      /* The first of duplicates counts. */
      if (slot != NULL && *slot == NULL)
        *slot = nonempty (om_smb_ntlm_utf16le_to_utf8 (p + pos, n, OM_SMB_NTLM_MAX_NAME));
      pos += n;
    }
  return TRUE;   /* more pairs than any server sends: the rest is ignored */
}

OmSmbNtlmInfo *
om_smb_ntlm_parse_challenge (const guint8 *data,
                             gsize         len,
                             GError      **error)
{
  g_autoptr(OmSmbNtlmInfo) info = NULL;
  const guint8 *field;
  gsize field_len;

  if (data == NULL || len < NTLMSSP_CHALLENGE_MIN)
    {
      fail (error, "NTLMSSP message too short");
      return NULL;
    }
  if (len > OM_SMB_NTLM_MAX_REPLY)
    {
      fail (error, "NTLMSSP message too long");
      return NULL;
    }
  if (memcmp (data, NTLMSSP_SIGNATURE, 8) != 0 || get32 (data + 8) != 2)
    {
      fail (error, "not an NTLMSSP CHALLENGE");
      return NULL;
    }

  info = g_new0 (OmSmbNtlmInfo, 1);
  info->flags = get32 (data + 20);

  if (!payload_field (data, len, 12, &field, &field_len))
    {
      fail (error, "TargetName outside the message");
      return NULL;
    }
  if (field != NULL)
    info->target_name = nonempty ((info->flags & OM_NTLMSSP_NEGOTIATE_UNICODE)
                                  ? om_smb_ntlm_utf16le_to_utf8 (field, field_len, OM_SMB_NTLM_MAX_NAME)
                                  : oem_to_utf8 (field, field_len, OM_SMB_NTLM_MAX_NAME));

  if (len >= NTLMSSP_CHALLENGE_FIXED)
    {
      if (!payload_field (data, len, 40, &field, &field_len))
        {
          fail (error, "TargetInfo outside the message");
          return NULL;
        }
      if (field != NULL && !parse_av_pairs (info, field, field_len))
        {
          fail (error, "AV pair overruns the TargetInfo");
          return NULL;
        }
    }

  if ((info->flags & OM_NTLMSSP_NEGOTIATE_VERSION) && len >= NTLMSSP_CHALLENGE_FIXED + 8)
    {
      const guint8 *v = data + NTLMSSP_CHALLENGE_FIXED;

      info->has_version = TRUE;
      info->major = v[0];
      info->minor = v[1];
      info->build = get16 (v + 2);
      info->ntlm_revision = v[7];
    }
  return g_steal_pointer (&info);
}

/* The CHALLENGE sits in SPNEGO's NegTokenResp as the responseToken OCTET STRING
 * (or bare, from servers that skip SPNEGO); rather than walk the DER, find the
 * NTLMSSP signature: every offset inside the CHALLENGE is relative to it and
 * checked against the end of the blob. *found tells a missing one from a bad one. */
static OmSmbNtlmInfo *
challenge_in_blob (const guint8 *blob,
                   gsize         n,
                   gboolean     *found,
                   GError      **error)
{
  for (gsize i = 0; i + 12 <= n; i++)
    if (memcmp (blob + i, NTLMSSP_SIGNATURE, 8) == 0 && get32 (blob + i + 8) == 2)
      {
        if (found != NULL)
          *found = TRUE;
        return om_smb_ntlm_parse_challenge (blob + i, n - i, error);
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no NTLMSSP challenge in the reply");
  return NULL;
}

/* Like check_smb2_header, for SMB1 replies (status as NT status). */
static gboolean
check_smb1_header (const guint8 **data,
                   gsize         *len,
                   guint8         command,
                   guint32       *status,
                   guint16       *flags2,
                   GError       **error)
{
  const guint8 *p = *data;
  gsize n = *len;

  if (p == NULL || n > OM_SMB_NTLM_MAX_REPLY + 4)
    return fail (error, "empty or oversized");
  if (n >= 8 && p[0] == 0x00 && p[4] == 0xff)
    {
      gsize framed = ((gsize) p[1] << 16) | ((gsize) p[2] << 8) | p[3];

      if (framed > n - 4)
        return fail (error, "session header longer than the data");
      p += 4;
      n = framed;
    }
  if (n < SMB1_HEADER_SIZE)
    return fail (error, "shorter than an SMB1 header");
  if (memcmp (p, "\xffSMB", 4) != 0)
    return fail (error, "not SMB1");
  if (p[4] != command)
    return fail (error, "answer to another command");
  if ((p[9] & SMB1_FLAGS_REPLY) == 0)
    return fail (error, "not a response");
  *status = get32 (p + 5);
  if (flags2 != NULL)
    *flags2 = get16 (p + 10);
  *data = p;
  *len = n;
  return TRUE;
}

OmSmbNtlmInfo *
om_smb_ntlm_parse_session_setup (const guint8 *data,
                                 gsize         len,
                                 GError      **error)
{
  guint32 status;
  guint16 off, n;
  const guint8 *blob;

  if (!check_smb2_header (&data, &len, SMB2_SESSION_SETUP, &status, error))
    return NULL;
  if (status != STATUS_MORE_PROCESSING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "SMB2 SESSION_SETUP gave no NTLM challenge (status 0x%08x)", status);
      return NULL;
    }
  if (len < SMB2_HEADER_SIZE + 8 || get16 (data + SMB2_HEADER_SIZE) != 9)
    {
      fail (error, "short SESSION_SETUP response");
      return NULL;
    }
  off = get16 (data + SMB2_HEADER_SIZE + 4);
  n = get16 (data + SMB2_HEADER_SIZE + 6);
  if (off < SMB2_HEADER_SIZE + 8 || (gsize) off + n > len)
    {
      fail (error, "security buffer outside the message");
      return NULL;
    }
  blob = data + off;
  return challenge_in_blob (blob, n, NULL, error);
}

gboolean
om_smb_ntlm_parse_smb1_negotiate (const guint8 *data,
                                  gsize         len,
                                  GError      **error)
{
  guint32 status;
  const guint8 *w;

  if (!check_smb1_header (&data, &len, SMB1_NEGOTIATE, &status, NULL, error))
    return FALSE;
  if (status != STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "SMB1 NEGOTIATE refused (status 0x%08x)", status);
      return FALSE;
    }
  /* A server without SMBv1 dialects answers one word: DialectIndex 0xffff. */
  if (len >= SMB1_HEADER_SIZE + 3 && data[SMB1_HEADER_SIZE] == 1
      && get16 (data + SMB1_HEADER_SIZE + 1) == 0xffff)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no common SMB1 dialect");
      return FALSE;
    }
  /* WordCount 17: DialectIndex, SecurityMode, MaxMpxCount, MaxNumberVcs,
   * MaxBufferSize, MaxRawSize, SessionKey, Capabilities, … */
  if (len < SMB1_HEADER_SIZE + 1 + 34 || data[SMB1_HEADER_SIZE] != 17)
    return fail (error, "short SMB1 NEGOTIATE response");
  w = data + SMB1_HEADER_SIZE + 1;
  if (get16 (w) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "NT LM 0.12 not chosen");
      return FALSE;
    }
  if ((get32 (w + 19) & SMB1_CAP_EXTENDED_SECURITY) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no extended security");
      return FALSE;
    }
  return TRUE;
}

/* One NUL-terminated string of an SMB1 reply's byte block, from *pos (advanced
 * past the terminator); NULL when nothing is left. */
static char *
smb1_string (const guint8 *p,
             gsize         end,
             gsize        *pos,
             gboolean      unicode)
{
  gsize start = *pos, n = 0;

  if (start >= end)
    return NULL;
  if (unicode)
    {
      while (start + n + 1 < end && (p[start + n] != 0 || p[start + n + 1] != 0))
        n += 2;
      *pos = MIN (end, start + n + 2);
      return nonempty (om_smb_ntlm_utf16le_to_utf8 (p + start, n, OM_SMB_NTLM_MAX_NAME));
    }
  while (start + n < end && p[start + n] != 0)
    n++;
  *pos = MIN (end, start + n + 1);
  return nonempty (oem_to_utf8 (p + start, n, OM_SMB_NTLM_MAX_NAME));
}

OmSmbNtlmInfo *
om_smb_ntlm_parse_smb1_session_setup (const guint8 *data,
                                      gsize         len,
                                      GError      **error)
{
  g_autoptr(OmSmbNtlmInfo) info = NULL;
  guint32 status;
  guint16 flags2, byte_count, blob_len = 0;
  guint8 wc;
  gsize bytes, pos, end;
  gboolean unicode;

  if (!check_smb1_header (&data, &len, SMB1_SESSION_SETUP_ANDX, &status, &flags2, error))
    return NULL;
  unicode = (flags2 & SMB1_FLAGS2_UNICODE) != 0;
  if (len < SMB1_HEADER_SIZE + 1)
    {
      fail (error, "no SESSION_SETUP_ANDX parameters");
      return NULL;
    }
  /* 4 words with a security blob (extended security), 3 without; 0 on refusal. */
  wc = data[SMB1_HEADER_SIZE];
  if (wc != 3 && wc != 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "SMB1 SESSION_SETUP_ANDX refused (status 0x%08x)", status);
      return NULL;
    }
  bytes = SMB1_HEADER_SIZE + 1 + 2 * wc + 2;
  if (len < bytes)
    {
      fail (error, "short SESSION_SETUP_ANDX response");
      return NULL;
    }
  byte_count = get16 (data + bytes - 2);
  if (byte_count > len - bytes)
    {
      fail (error, "ByteCount beyond the message");
      return NULL;
    }
  end = bytes + byte_count;
  if (wc == 4)
    {
      blob_len = get16 (data + SMB1_HEADER_SIZE + 1 + 6);
      if (blob_len > byte_count)
        {
          fail (error, "security blob beyond the ByteCount");
          return NULL;
        }
      if (blob_len > 0)
        {
          gboolean found = FALSE;
          g_autoptr(GError) local = NULL;

          info = challenge_in_blob (data + bytes, blob_len, &found, &local);
          if (info == NULL && found)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
        }
    }
  if (info == NULL)
    info = g_new0 (OmSmbNtlmInfo, 1);

  pos = bytes + blob_len;
  if (unicode && pos % 2 != 0)
    pos++;   /* aligned to the SMB header */
  info->native_os = smb1_string (data, end, &pos, unicode);
  info->native_lanman = smb1_string (data, end, &pos, unicode);

  if (!info->has_version && info->netbios_computer == NULL && info->native_os == NULL
      && info->native_lanman == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "nothing about the server in the SMB1 reply");
      return NULL;
    }
  return g_steal_pointer (&info);
}

void
om_smb_ntlm_info_free (OmSmbNtlmInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->target_name);
  g_free (info->netbios_computer);
  g_free (info->netbios_domain);
  g_free (info->dns_computer);
  g_free (info->dns_domain);
  g_free (info->dns_tree);
  g_free (info->native_os);
  g_free (info->native_lanman);
  g_free (info);
}

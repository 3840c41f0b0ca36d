/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-json-read"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "om-json-read.h"

#define MAX_DEPTH 128

typedef struct
{
  const char        *start;
  const char        *p;
  const char        *end;
  guint              depth;
  const char        *stream_member;
  OmJsonElementFunc  func;
  gpointer           user_data;
  GError           **error;
} Reader;

static JsonNode *read_value (Reader *r, JsonObject *root, const char *member);

static gboolean
fail (Reader *r, const char *what)
{
  guint line = 1, column = 1;

  if (r->error != NULL && *r->error != NULL)
    return FALSE;   /* keep the first error (e.g. from the callback) */
  for (const char *q = r->start; q < r->p && q < r->end; q++)
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *q & 0xc0) != 0x80)
        column++;
    }
  g_set_error (r->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
               /* Translators: a position in a file, then what is wrong there */
               _("line %u, column %u: %s"), line, column, what);
  return FALSE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader *r, gunichar *out)
{
  gunichar value = 0;

  if (r->end - r->p < 4)
    return fail (r, _("incomplete \\u escape"));
  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (r->p[i]);

      if (h < 0)
        return fail (r, _("invalid \\u escape"));
      value = (value << 4) | (gunichar) h;
    }
  r->p += 4;
  *out = value;
  return TRUE;
}

/* Reads a string; r->p is on the opening quote. Returns a newly allocated string. */
static char *
read_string (Reader *r)
{
  const char *begin;
  GString *out = NULL;

  g_assert (*r->p == '"');
  begin = ++r->p;

  /* Fast path: no escapes. The whole buffer was checked to be UTF-8. */
  while (r->p < r->end && *r->p != '"' && *r->p != '\\')
    {
      if ((guchar) *r->p < 0x20)
        {
          fail (r, _("control character in a string"));
          return NULL;
        }
      r->p++;
    }
  if (r->p >= r->end)
    {
      fail (r, _("unterminated string"));
      return NULL;
    }
  if (*r->p == '"')
    {
      r->p++;
      return g_strndup (begin, (gsize) (r->p - 1 - begin));
    }

  out = g_string_new_len (begin, r->p - begin);
  while (r->p < r->end && *r->p != '"')
    {
      char c = *r->p;

      if ((guchar) c < 0x20)
        {
          fail (r, _("control character in a string"));
          goto error;
        }
      if (c != '\\')
        {
          g_string_append_c (out, c);
          r->p++;
          continue;
        }
      if (++r->p >= r->end)
        break;
      c = *r->p++;
      switch (c)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar ch, low;

            if (!read_hex4 (r, &ch))
              goto error;
            if (ch >= 0xd800 && ch <= 0xdbff)
              {
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  {
                    fail (r, _("unpaired surrogate in a \\u escape"));
                    goto error;
                  }
                r->p += 2;
                if (!read_hex4 (r, &low))
                  goto error;
                if (low < 0xdc00 || low > 0xdfff)
                  {
                    fail (r, _("unpaired surrogate in a \\u escape"));
                    goto error;
                  }
                ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (ch >= 0xdc00 && ch <= 0xdfff)
              {
                fail (r, _("unpaired surrogate in a \\u escape"));
                goto error;
              }
            if (ch == 0)
              {
                /* A NUL would silently cut the C string short. */
                fail (r, _("NUL character in a string"));
                goto error;
              }
            g_string_append_unichar (out, ch);
            break;
          }
        default:
          r->p--;
          fail (r, _("invalid escape in a string"));
          goto error;
        }
    }
  if (r->p >= r->end)
    {
      fail (r, _("unterminated string"));
      goto error;
    }
  r->p++;
  return g_string_free (out, FALSE);

error:
  g_string_free (out, TRUE);
  return NULL;
}

static JsonNode *
read_number (Reader *r)
{
  const char *begin = r->p;
  gboolean is_int = TRUE;
  char buf[64];
  gsize n;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      fail (r, _("invalid number"));
      return NULL;
    }
  if (*r->p == '0')
    r->p++;
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;
  if (r->p < r->end && *r->p == '.')
    {
      is_int = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          fail (r, _("invalid number"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      is_int = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          fail (r, _("invalid number"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  n = (gsize) (r->p - begin);
  if (n >= sizeof buf)
    {
      fail (r, _("number too long"));
      return NULL;
    }
  memcpy (buf, begin, n);
  buf[n] = '\0';

  if (is_int)
    {
      gint64 value;
      char *endp = NULL;

      errno = 0;
      value = g_ascii_strtoll (buf, &endp, 10);
      if (errno == 0 && endp == buf + n)
        return json_node_init_int (json_node_alloc (), value);
      /* Out of gint64 range: keep it as a double, like json-glib. */
    }
  {
    double value = g_ascii_strtod (buf, NULL);

    /* JSON has no infinity; 1e400 would be written back as something unreadable. */
    if (!isfinite (value))
      {
        fail (r, _("number out of range"));
        return NULL;
      }
    return json_node_init_double (json_node_alloc (), value);
  }
}

static gboolean
read_literal (Reader *r, const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return fail (r, _("unexpected character"));
  r->p += n;
  return TRUE;
}

static JsonNode *
read_array (Reader *r, JsonObject *root, const char *member)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array = json_array_new ();
  gboolean streaming = (root != NULL && member != NULL && r->func != NULL &&
                        g_strcmp0 (member, r->stream_member) == 0);

  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  r->p++;   /* [ */
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return g_steal_pointer (&node);
    }

  for (;;)
    {
      JsonNode *element = read_value (r, NULL, NULL);
      gboolean consumed = FALSE;

      if (element == NULL)
        return NULL;
      if (streaming)
        {
          if (!r->func (root, element, &consumed, r->user_data, r->error))
            {
              json_node_unref (element);
              return NULL;
            }
        }
      if (consumed)
        json_node_unref (element);
      else
        json_array_add_element (array, element);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_space (r);
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return g_steal_pointer (&node);
        }
      fail (r, _("expected “,” or “]” in a list"));
      return NULL;
    }
}

static JsonNode *
read_object (Reader *r, gboolean is_root)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = json_object_new ();

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  r->p++;   /* { */
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return g_steal_pointer (&node);
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      if (r->p >= r->end || *r->p != '"')
        {
          fail (r, _("expected a member name"));
          return NULL;
        }
      name = read_string (r);
      if (name == NULL)
        return NULL;
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          fail (r, _("expected “:” after a member name"));
          return NULL;
        }
      r->p++;
      skip_space (r);
      value = read_value (r, is_root ? object : NULL, is_root ? name : NULL);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, name, value);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_space (r);
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return g_steal_pointer (&node);
        }
      fail (r, _("expected “,” or “}” in an object"));
      return NULL;
    }
}

/* @root/@member are set only for the values of the top-level object's members. */
static JsonNode *
read_value (Reader *r, JsonObject *root, const char *member)
{
  JsonNode *node = NULL;

  skip_space (r);
  if (r->p >= r->end)
    {
      fail (r, _("unexpected end of data"));
      return NULL;
    }
  if (++r->depth > MAX_DEPTH)
    {
      fail (r, _("too deeply nested"));
      return NULL;
    }

  switch (*r->p)
    {
    case '{':
      node = read_object (r, FALSE);
      break;
    case '[':
      node = read_array (r, root, member);
      break;
    case '"':
      {
        char *text = read_string (r);

        if (text != NULL)
          {
            node = json_node_init_string (json_node_alloc (), text);
            g_free (text);
          }
        break;
      }
    case 't':
      if (read_literal (r, "true"))
        node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (read_literal (r, "false"))
        node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (read_literal (r, "null"))
        node = json_node_init_null (json_node_alloc ());
      break;
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        node = read_number (r);
      else
        fail (r, _("unexpected character"));
      break;
    }

  r->depth--;
  return node;
}

/* Same answer as g_utf8_validate_len() (valid UTF-8, no NUL byte), but skips
 * plain ASCII eight bytes at a time: the data file is mostly ASCII, and the
 * byte-by-byte check was a tenth of the time to load 10,000 devices. A valid
 * multi-byte sequence has only bytes >= 0x80, so each run of such bytes is
 * checked on its own. */
static gboolean
utf8_validate (const char *data,
               gsize       len)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + len;

  while (p < end)
    {
      const guchar *run;

      while (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          /* A byte >= 0x80, or a zero byte (the classic has-zero-byte test). */
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0 ||
              ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word &
               G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
          p += 8;
        }
      while (p < end && *p != 0 && *p < 0x80)
        p++;
      if (p == end)
        break;
      if (*p == 0)
        return FALSE;
      run = p;
      while (p < end && *p >= 0x80)
        p++;
      if (!g_utf8_validate_len ((const char *) run, (gsize) (p - run), NULL))
        return FALSE;
    }
  return TRUE;
}

JsonNode *
om_json_read (const char         *data,
              gsize               len,
              const char         *stream_member,
              OmJsonElementFunc   func,
              gpointer            user_data,
              GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  GError *local_error = NULL;
  Reader r = {
    .start = data,
    .p = data,
    .end = data + len,
    .stream_member = stream_member,
    .func = func,
    .user_data = user_data,
    .error = &local_error,
  };

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!utf8_validate (data, len))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("the data is not valid UTF-8 text"));
      return NULL;
    }
  /* A byte-order mark is not JSON, but editors add one. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;

  skip_space (&r);
  if (r.p < r.end && *r.p == '{')
    {
      r.depth = 1;
      root = read_object (&r, TRUE);
    }
  else
    root = read_value (&r, NULL, NULL);

  if (root != NULL)
    {
      skip_space (&r);
      if (r.p < r.end)
        {
          fail (&r, _("unexpected data after the end"));
          g_clear_pointer (&root, json_node_unref);
        }
    }
  if (root == NULL)
    {
      if (local_error == NULL)
        fail (&r, _("invalid JSON"));
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&root);
}

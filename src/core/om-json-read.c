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

struct _OmJsonReader
{
  const char             *start;
  const char             *p;
  const char             *end;
  guint                   depth;
  const char             *stream_member;
  OmJsonElementFunc       func;
  OmJsonElementReadFunc   read_func;
  OmJsonMemberReadFunc    member_func;
  gpointer                user_data;
  GError                **error;
};

typedef struct _OmJsonReader Reader;

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

/* Bytes that end the plain part of a string: the quote, a backslash and
 * control characters. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1, ['\\'] = 1,
};

static inline const char *
scan_plain (const char *p, const char *end)
{
  /* A table lookup per byte, four to a bounds check: most strings in the file
   * are a few bytes long, where word-at-a-time tests cost more than they save. */
  while (end - p >= 4)
    {
      if (string_stop[(guchar) p[0]])
        return p;
      if (string_stop[(guchar) p[1]])
        return p + 1;
      if (string_stop[(guchar) p[2]])
        return p + 2;
      if (string_stop[(guchar) p[3]])
        return p + 3;
      p += 4;
    }
  while (p < end && !string_stop[(guchar) *p])
    p++;
  return p;
}

/* g_string_append_len() without the call into g_string_insert_len() when the
 * buffer has room (every string of the file comes through here). */
static inline void
append_len (GString *out, const char *text, gsize len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, (gssize) len);
}

/* Reads a string; r->p is on the opening quote. Appends it to @out. */
static gboolean
read_string_append (Reader *r, GString *out)
{
  const char *begin;

  g_assert (*r->p == '"');
  begin = ++r->p;

  /* Fast path: no escapes. The whole buffer was checked to be UTF-8. */
  r->p = scan_plain (r->p, r->end);
  if (r->p < r->end && (guchar) *r->p < 0x20)
    return fail (r, _("control character in a string"));
  if (r->p >= r->end)
    return fail (r, _("unterminated string"));
  append_len (out, begin, (gsize) (r->p - begin));
  if (*r->p == '"')
    {
      r->p++;
      return TRUE;
    }

  while (r->p < r->end && *r->p != '"')
    {
      char c = *r->p;

      if ((guchar) c < 0x20)
        return fail (r, _("control character in a string"));
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
              return FALSE;
            if (ch >= 0xd800 && ch <= 0xdbff)
              {
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  return fail (r, _("unpaired surrogate in a \\u escape"));
                r->p += 2;
                if (!read_hex4 (r, &low))
                  return FALSE;
                if (low < 0xdc00 || low > 0xdfff)
                  return fail (r, _("unpaired surrogate in a \\u escape"));
                ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (ch >= 0xdc00 && ch <= 0xdfff)
              return fail (r, _("unpaired surrogate in a \\u escape"));
            if (ch == 0)
              /* A NUL would silently cut the C string short. */
              return fail (r, _("NUL character in a string"));
            g_string_append_unichar (out, ch);
            break;
          }
        default:
          r->p--;
          return fail (r, _("invalid escape in a string"));
        }
    }
  if (r->p >= r->end)
    return fail (r, _("unterminated string"));
  r->p++;
  return TRUE;
}

/* Reads a string; r->p is on the opening quote. Returns a newly allocated string. */
static char *
read_string (Reader *r)
{
  const char *begin = r->p + 1;
  const char *q = begin;
  GString *out;

  /* Without escapes or control characters the text is copied as it is. */
  q = scan_plain (q, r->end);
  if (q < r->end && *q == '"')
    {
      r->p = q + 1;
      return g_strndup (begin, (gsize) (q - begin));
    }
  out = g_string_new (NULL);
  if (!read_string_append (r, out))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_number (Reader   *r,
              gboolean *out_is_int,
              gint64   *out_int,
              double   *out_double)
{
  const char *begin = r->p;
  gboolean is_int = TRUE;
  char buf[64];
  gsize n;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      return fail (r, _("invalid number"));
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
          return fail (r, _("invalid number"));
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
          return fail (r, _("invalid number"));
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  n = (gsize) (r->p - begin);
  if (n >= sizeof buf)
    {
      return fail (r, _("number too long"));
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
        {
          *out_is_int = TRUE;
          *out_int = value;
          return TRUE;
        }
      /* Out of gint64 range: keep it as a double, like json-glib. */
    }
  {
    double value = g_ascii_strtod (buf, NULL);

    /* JSON has no infinity; 1e400 would be written back as something unreadable. */
    if (!isfinite (value))
      return fail (r, _("number out of range"));
    *out_is_int = FALSE;
    *out_double = value;
    return TRUE;
  }
}

static JsonNode *
read_number (Reader *r)
{
  gboolean is_int;
  gint64 int_value;
  double double_value;

  if (!parse_number (r, &is_int, &int_value, &double_value))
    return NULL;
  if (is_int)
    return json_node_init_int (json_node_alloc (), int_value);
  return json_node_init_double (json_node_alloc (), double_value);
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
  gboolean streaming = (root != NULL && member != NULL &&
                        (r->func != NULL || r->read_func != NULL) &&
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
      JsonNode *element = NULL;
      gboolean consumed = FALSE;

      if (streaming && r->read_func != NULL)
        {
          const char *before = r->p;

          if (!r->read_func (root, r, &element, r->user_data, r->error))
            {
              g_clear_pointer (&element, json_node_unref);
              if (r->error != NULL && *r->error == NULL)
                fail (r, _("invalid JSON"));
              return NULL;
            }
          /* The callback must have read one value. */
          g_return_val_if_fail (r->p > before, NULL);
          if (element == NULL)
            goto next;
        }
      else
        element = read_value (r, NULL, NULL);

      if (element == NULL)
        return NULL;
      if (streaming && r->func != NULL)
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

    next:
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
      if (is_root && r->member_func != NULL)
        {
          const char *before = r->p;
          gboolean handled = FALSE;

          value = NULL;
          if (!r->member_func (object, name, r, &value, &handled, r->user_data, r->error))
            {
              g_clear_pointer (&value, json_node_unref);
              if (r->error != NULL && *r->error == NULL)
                fail (r, _("invalid JSON"));
              return NULL;
            }
          if (handled)
            {
              /* The callback must have read one value. */
              g_return_val_if_fail (r->p > before, NULL);
              if (value != NULL)
                json_object_set_member (object, name, value);
              goto next;
            }
          g_clear_pointer (&value, json_node_unref);
        }
      value = read_value (r, is_root ? object : NULL, is_root ? name : NULL);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, name, value);

    next:

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

static JsonNode *
read_document (Reader      *reader,
               const char  *data,
               gsize        len,
               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  GError *local_error = NULL;
  Reader r = *reader;

  r.start = data;
  r.p = data;
  r.end = data + len;
  r.error = &local_error;

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

JsonNode *
om_json_read (const char         *data,
              gsize               len,
              const char         *stream_member,
              OmJsonElementFunc   func,
              gpointer            user_data,
              GError            **error)
{
  Reader r = {
    .stream_member = stream_member,
    .func = func,
    .user_data = user_data,
  };

  return read_document (&r, data, len, error);
}

JsonNode *
om_json_read_document (const char             *data,
                       gsize                   len,
                       const char             *stream_member,
                       OmJsonElementReadFunc   element_func,
                       OmJsonMemberReadFunc    member_func,
                       gpointer                user_data,
                       GError                **error)
{
  Reader r = {
    .stream_member = stream_member,
    .read_func = element_func,
    .member_func = member_func,
    .user_data = user_data,
  };

  return read_document (&r, data, len, error);
}

JsonNode *
om_json_read_elements (const char             *data,
                       gsize                   len,
                       const char             *stream_member,
                       OmJsonElementReadFunc   func,
                       gpointer                user_data,
                       GError                **error)
{
  Reader r = {
    .stream_member = stream_member,
    .read_func = func,
    .user_data = user_data,
  };

  return read_document (&r, data, len, error);
}

/* ------------------------------------------------------------------------- */
/* The pull reader. Each value read goes through value_begin()/value_end() so
 * that depth and end-of-data errors are those read_value() gives. */

static inline gboolean
reader_failed (Reader *r)
{
  return r->error != NULL && *r->error != NULL;
}

gboolean
om_json_reader_failed (OmJsonReader *r)
{
  return reader_failed (r);
}

OmJsonToken
om_json_reader_peek (OmJsonReader *r)
{
  if (reader_failed (r))
    return OM_JSON_TOKEN_NONE;
  skip_space (r);
  if (r->p >= r->end)
    return OM_JSON_TOKEN_NONE;
  switch (*r->p)
    {
    case '{': return OM_JSON_TOKEN_OBJECT;
    case '[': return OM_JSON_TOKEN_ARRAY;
    case '"': return OM_JSON_TOKEN_STRING;
    case 't': return OM_JSON_TOKEN_TRUE;
    case 'f': return OM_JSON_TOKEN_FALSE;
    case 'n': return OM_JSON_TOKEN_NULL;
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return OM_JSON_TOKEN_NUMBER;
      return OM_JSON_TOKEN_NONE;
    }
}

static gboolean
value_begin (Reader *r, char first)
{
  if (reader_failed (r))
    return FALSE;
  skip_space (r);
  if (r->p >= r->end)
    return fail (r, _("unexpected end of data"));
  if (++r->depth > MAX_DEPTH)
    {
      r->depth--;
      return fail (r, _("too deeply nested"));
    }
  if (first != '\0' && *r->p != first)
    {
      r->depth--;
      return fail (r, _("unexpected character"));
    }
  return TRUE;
}

gboolean
om_json_reader_begin_object (OmJsonReader *r)
{
  if (!value_begin (r, '{'))
    return FALSE;
  r->p++;
  skip_space (r);
  return TRUE;
}

gboolean
om_json_reader_begin_array (OmJsonReader *r)
{
  if (!value_begin (r, '['))
    return FALSE;
  r->p++;
  skip_space (r);
  return TRUE;
}

/* Before the member or element at @index of the container being read: the comma
 * that separates it from the previous one, or the container's end (@closed). */
static gboolean
step_in_container (OmJsonReader *r,
                   guint         index,
                   char          close,
                   const char   *expected,
                   gboolean     *closed)
{
  *closed = FALSE;
  if (index > 0)
    {
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_space (r);
          return TRUE;
        }
      if (r->p >= r->end || *r->p != close)
        return fail (r, expected);
    }
  else if (r->p >= r->end || *r->p != close)
    return TRUE;
  r->p++;
  r->depth--;
  *closed = TRUE;
  return TRUE;
}

gboolean
om_json_reader_next_member (OmJsonReader *r,
                            guint         index,
                            GString      *name,
                            gboolean     *more)
{
  gboolean closed;

  *more = FALSE;
  if (reader_failed (r))
    return FALSE;
  if (!step_in_container (r, index, '}', _("expected “,” or “}” in an object"), &closed))
    return FALSE;
  if (closed)
    return TRUE;

  if (r->p >= r->end || *r->p != '"')
    return fail (r, _("expected a member name"));
  name->len = 0;
  name->str[0] = '\0';
  if (!read_string_append (r, name))
    return FALSE;
  skip_space (r);
  if (r->p >= r->end || *r->p != ':')
    return fail (r, _("expected “:” after a member name"));
  r->p++;
  skip_space (r);
  *more = TRUE;
  return TRUE;
}

gboolean
om_json_reader_next_element (OmJsonReader *r,
                             guint         index,
                             gboolean     *more)
{
  gboolean closed;

  *more = FALSE;
  if (reader_failed (r))
    return FALSE;
  if (!step_in_container (r, index, ']', _("expected “,” or “]” in a list"), &closed))
    return FALSE;
  *more = !closed;
  return TRUE;
}

gboolean
om_json_reader_read_string (OmJsonReader *r,
                            GString      *out)
{
  gboolean ok;

  if (!value_begin (r, '"'))
    return FALSE;
  ok = read_string_append (r, out);
  r->depth--;
  return ok;
}

gboolean
om_json_reader_read_boolean (OmJsonReader *r,
                             gboolean     *out)
{
  gboolean ok;

  if (!value_begin (r, '\0'))
    return FALSE;
  *out = *r->p == 't';
  ok = read_literal (r, *out ? "true" : "false");
  r->depth--;
  return ok;
}

gboolean
om_json_reader_read_number (OmJsonReader *r,
                            gboolean     *is_int,
                            gint64       *int_value,
                            double       *double_value)
{
  gboolean ok;

  if (!value_begin (r, '\0'))
    return FALSE;
  if (*r->p != '-' && !g_ascii_isdigit (*r->p))
    ok = fail (r, _("unexpected character"));
  else
    ok = parse_number (r, is_int, int_value, double_value);
  r->depth--;
  return ok;
}

JsonNode *
om_json_reader_read_node (OmJsonReader *r)
{
  if (reader_failed (r))
    return NULL;
  return read_value (r, NULL, NULL);
}

gboolean
om_json_reader_skip (OmJsonReader *r)
{
  JsonNode *node = om_json_reader_read_node (r);

  if (node == NULL)
    return FALSE;
  json_node_unref (node);
  return TRUE;
}

void
om_json_reader_mark (OmJsonReader *r,
                     OmJsonMark   *mark)
{
  skip_space (r);
  mark->position = r->p;
  mark->depth = r->depth;
}

gboolean
om_json_reader_reset (OmJsonReader     *r,
                      const OmJsonMark *mark)
{
  if (reader_failed (r))
    return FALSE;
  g_return_val_if_fail ((const char *) mark->position >= r->start && (const char *) mark->position <= r->end, FALSE);
  r->p = mark->position;
  r->depth = mark->depth;
  return TRUE;
}

OmJsonReader *
om_json_reader_new (const char  *data,
                    gsize        len,
                    GError     **error)
{
  Reader *r;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error != NULL && *error == NULL, NULL);

  if (!utf8_validate (data, len))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("the data is not valid UTF-8 text"));
      return NULL;
    }
  r = g_new0 (Reader, 1);
  r->start = data;
  r->p = data;
  r->end = data + len;
  r->error = error;
  return r;
}

gboolean
om_json_reader_at_end (OmJsonReader *r)
{
  if (reader_failed (r))
    return FALSE;
  skip_space (r);
  if (r->p < r->end)
    return fail (r, _("unexpected data after the end"));
  return TRUE;
}

void
om_json_reader_free (OmJsonReader *r)
{
  g_free (r);
}

/* ------------------------------------------------------------------------- */
/* Writing */

/* Bytes json-glib escapes: control characters, the quote, the backslash and
 * DEL. */
static const guint8 escape_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

void
om_json_append_string (GString    *out,
                       const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  const char *p = text;

  g_string_append_c (out, '"');
  for (;;)
    {
      guchar c;
      const char *escape = NULL;

      /* Plain bytes four at a time; the NUL at the end stops the scan too. */
      while (!escape_stop[(guchar) p[0]] && p[0] != '\0')
        {
          if (escape_stop[(guchar) p[1]] || p[1] == '\0')
            {
              p += 1;
              break;
            }
          if (escape_stop[(guchar) p[2]] || p[2] == '\0')
            {
              p += 2;
              break;
            }
          if (escape_stop[(guchar) p[3]] || p[3] == '\0')
            {
              p += 3;
              break;
            }
          p += 4;
        }
      c = (guchar) *p;
      if (c == '\0')
        break;
      append_len (out, run, (gsize) (p - run));
      run = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          break;
        }
      if (escape != NULL)
        append_len (out, escape, 2);
      else
        {
          char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

          append_len (out, u, sizeof u);
        }
      p++;
    }
  append_len (out, run, (gsize) (p - run));
  g_string_append_c (out, '"');
}

static inline char *
put_digits (char *p, int value, int width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  return p + width;
}

void
om_json_append_iso8601 (GString   *out,
                        GDateTime *when)
{
  char buf[40];
  char *p = buf;
  int usec;

  /* What g_date_time_format_iso8601() gives ("%C%y-%m-%dT%H:%M:%S", ".%f"
   * when there are microseconds, "Z" for UTC), without its strftime-like
   * machinery, or printf: they were a quarter of the time to write devices
   * and findings. GDateTime years are 1 to 9999. */
  if (g_date_time_get_utc_offset (when) != 0)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (when);

      om_json_append_string (out, iso);
      return;
    }
  usec = g_date_time_get_microsecond (when);
  *p++ = '"';
  p = put_digits (p, g_date_time_get_year (when), 4);
  *p++ = '-';
  p = put_digits (p, g_date_time_get_month (when), 2);
  *p++ = '-';
  p = put_digits (p, g_date_time_get_day_of_month (when), 2);
  *p++ = 'T';
  p = put_digits (p, g_date_time_get_hour (when), 2);
  *p++ = ':';
  p = put_digits (p, g_date_time_get_minute (when), 2);
  *p++ = ':';
  p = put_digits (p, g_date_time_get_second (when), 2);
  if (usec != 0)
    {
      *p++ = '.';
      p = put_digits (p, usec, 6);
    }
  *p++ = 'Z';
  *p++ = '"';
  append_len (out, buf, (gsize) (p - buf));
}

void
om_json_append_raw (GString    *out,
                    const char *text,
                    gsize       len)
{
  append_len (out, text, len);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * A strict JSON (RFC 8259) reader for the data file that builds json-glib
 * nodes, written because json-glib's GScanner-based parser needs over a second
 * and a whole-file tree (≈ 200 MB) for 10,000 devices. It can hand the elements
 * of one top-level array member to a callback, either as nodes as they are read
 * or unread, through a pull reader (OmJsonReader), so the store builds each
 * device straight from the text without any node for it.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Called for each element of the top-level array member named in
 * om_json_read(). @root is the top-level object read so far (members before the
 * array). Set *@consumed to TRUE to drop @element from the tree. */
typedef gboolean (*OmJsonElementFunc) (JsonObject  *root,
                                       JsonNode    *element,
                                       gboolean    *consumed,
                                       gpointer     user_data,
                                       GError     **error);

/* Parses @data (@len bytes of UTF-8) into a new tree. Errors are
 * JSON_PARSER_ERROR with the line and column in the message; nesting deeper
 * than 128 levels is refused. */
JsonNode *om_json_read (const char         *data,
                        gsize               len,
                        const char         *stream_member,
                        OmJsonElementFunc   func,
                        gpointer            user_data,
                        GError            **error);

/* A pull reader over the same grammar, for turning an element into an object
 * without building its nodes. The functions below read exactly what the tree
 * reader would accept, and fail with the same message at the same place; after
 * a failure every call returns FALSE/NULL and the first error is reported by
 * om_json_read_elements(). */
typedef struct _OmJsonReader OmJsonReader;

typedef enum {
  OM_JSON_TOKEN_NONE,     /* end of data, or no value starts here */
  OM_JSON_TOKEN_OBJECT,
  OM_JSON_TOKEN_ARRAY,
  OM_JSON_TOKEN_STRING,
  OM_JSON_TOKEN_NUMBER,
  OM_JSON_TOKEN_TRUE,
  OM_JSON_TOKEN_FALSE,
  OM_JSON_TOKEN_NULL,
} OmJsonToken;

/* What the next value starts with (white space is skipped). Reports nothing. */
OmJsonToken om_json_reader_peek          (OmJsonReader *reader);
/* TRUE if reading failed (bad syntax, or an error from a callback). */
gboolean    om_json_reader_failed        (OmJsonReader *reader);
/* Enters the object or array the next value starts. */
gboolean    om_json_reader_begin_object  (OmJsonReader *reader);
gboolean    om_json_reader_begin_array   (OmJsonReader *reader);
/* Moves to the next member of the object entered last: sets *@more to FALSE
 * after its closing brace, else appends the member's name to @name (cleared
 * first) and stops before its value, which the caller must read. @index is how
 * many members were read before. */
gboolean    om_json_reader_next_member   (OmJsonReader *reader,
                                          guint         index,
                                          GString      *name,
                                          gboolean     *more);
/* The same for the elements of an array. */
gboolean    om_json_reader_next_element  (OmJsonReader *reader,
                                          guint         index,
                                          gboolean     *more);
/* Reads a string value and appends it (without the NUL) to @out. */
gboolean    om_json_reader_read_string   (OmJsonReader *reader,
                                          GString      *out);
gboolean    om_json_reader_read_boolean  (OmJsonReader *reader,
                                          gboolean     *out);
/* Reads a number: an integer if it has no fraction or exponent and fits in
 * gint64 (*@is_int TRUE, @int_value), else a double, as the tree reader does. */
gboolean    om_json_reader_read_number   (OmJsonReader *reader,
                                          gboolean     *is_int,
                                          gint64       *int_value,
                                          double       *double_value);
/* Reads any value as a node (transfer full), or NULL on failure. */
JsonNode   *om_json_reader_read_node     (OmJsonReader *reader);
/* Reads and drops any value. */
gboolean    om_json_reader_skip          (OmJsonReader *reader);

/* Called for each element of the streamed array member: read exactly one value
 * from @reader. Set *@keep to a node to keep it in the tree (e.g. read with
 * om_json_reader_read_node()). Return FALSE with @error set, or FALSE after
 * the reader failed (then @error is already set). */
typedef gboolean (*OmJsonElementReadFunc) (JsonObject    *root,
                                           OmJsonReader  *reader,
                                           JsonNode     **keep,
                                           gpointer       user_data,
                                           GError       **error);

/* Like om_json_read(), but the elements of @stream_member are handed to @func
 * unread, as a pull reader. */
JsonNode *om_json_read_elements (const char             *data,
                                 gsize                   len,
                                 const char             *stream_member,
                                 OmJsonElementReadFunc   func,
                                 gpointer                user_data,
                                 GError                **error);

/* Called for each member of the top-level object before its value is read.
 * Leave *@handled FALSE to have the value read as usual; or read exactly one
 * value from @reader, set *@handled and optionally *@keep to a node to put in
 * the tree instead (e.g. a null placeholder keeping the member's place). */
typedef gboolean (*OmJsonMemberReadFunc) (JsonObject    *root,
                                          const char    *name,
                                          OmJsonReader  *reader,
                                          JsonNode     **keep,
                                          gboolean      *handled,
                                          gpointer       user_data,
                                          GError       **error);

/* om_json_read_elements() that can also take over top-level members. */
JsonNode *om_json_read_document (const char             *data,
                                 gsize                   len,
                                 const char             *stream_member,
                                 OmJsonElementReadFunc   element_func,
                                 OmJsonMemberReadFunc    member_func,
                                 gpointer                user_data,
                                 GError                **error);

/* A place in the text to come back to, e.g. to read a value a second time as
 * a node after reading it as an object turned out not to work. */
typedef struct
{
  gconstpointer position;
  guint         depth;
} OmJsonMark;

/* Marks where the next value starts (after white space). */
void        om_json_reader_mark          (OmJsonReader     *reader,
                                          OmJsonMark       *mark);
/* Goes back to @mark; FALSE (and nothing changes) if the reader failed. */
gboolean    om_json_reader_reset         (OmJsonReader     *reader,
                                          const OmJsonMark *mark);
/* A pull reader over @data alone (for a value kept as text); errors go to
 * @error, which must be set to NULL and outlive the reader. Fails if @data is
 * not valid UTF-8. */
OmJsonReader *om_json_reader_new         (const char   *data,
                                          gsize         len,
                                          GError      **error);
/* TRUE if nothing but white space is left (else fails the reader). */
gboolean    om_json_reader_at_end        (OmJsonReader *reader);
void        om_json_reader_free          (OmJsonReader *reader);

/* Appends @text as a JSON string (with its quotes), escaped exactly as
 * json-glib's JsonGenerator escapes it, so text written by hand sits byte for
 * byte next to generated text; except U+001F, which json-glib 1.6 leaves raw
 * (invalid JSON) and this writes as \u001f. */
void      om_json_append_string (GString    *out,
                                 const char *text);

/* Appends g_date_time_format_iso8601 (@when) as a JSON string, byte for byte
 * (quickly for UTC times, which is what Omamori stores). */
void      om_json_append_iso8601 (GString   *out,
                                  GDateTime *when);
/* g_string_append_len() without a call when the buffer has room. */
void      om_json_append_raw    (GString    *out,
                                 const char *text,
                                 gsize       len);

G_END_DECLS

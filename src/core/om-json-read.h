/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * A strict JSON (RFC 8259) reader for the data file that builds json-glib
 * nodes, written because json-glib's GScanner-based parser needs over a second
 * and a whole-file tree (≈ 200 MB) for 10,000 devices. It can hand the elements
 * of one top-level array member to a callback as they are read, so a caller
 * can turn each device into an object and free its JSON at once.
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

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the data file reader (om_json_read) and the document
 * loader: a file that reads must write out as JSON that reads again to the same
 * tree; a file that does not read must say why.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "om-document.h"
#include "om-json-read.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
on_element_cb (JsonObject *root, JsonNode *element, gboolean *consumed,
               gpointer user_data, GError **error)
{
  /* Consume every other element to exercise both paths. */
  guint *count = user_data;

  *consumed = ((*count)++ % 2) == 0;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) streamed = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  root = om_json_read ((const char *) data, size, NULL, NULL, NULL, &error);
  streamed = om_json_read ((const char *) data, size, "devices", on_element_cb, &count, NULL);
  g_assert ((root == NULL) == (streamed == NULL));
  if (root == NULL)
    {
      g_assert (error != NULL && error->domain == JSON_PARSER_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  /* What we read, json-glib writes, and we read back identically. */
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) again = NULL;
    gsize len;

    json_generator_set_root (generator, root);
    text = json_generator_to_data (generator, &len);
    again = om_json_read (text, len, NULL, NULL, NULL, NULL);
    g_assert (again != NULL);
    g_assert (json_node_equal (root, again));
  }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(OmDocument) doc = om_document_new ();
      g_autoptr(GError) load_error = NULL;

      if (om_document_load_json (doc, json_node_get_object (root), &load_error))
        {
          g_autoptr(GPtrArray) pieces = om_document_serialize (doc);
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(JsonNode) saved = NULL;

          for (guint i = 0; i < pieces->len; i++)
            g_string_append (text, g_ptr_array_index (pieces, i));
          saved = om_json_read (text->str, text->len, NULL, NULL, NULL, NULL);
          g_assert (saved != NULL);
        }
      else
        g_assert (load_error != NULL);
    }
  return 0;
}

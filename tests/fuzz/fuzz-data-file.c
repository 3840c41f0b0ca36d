/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the data file reader (om_json_read) and the document
 * loader: a file that reads must write out as JSON that reads again to the same
 * tree; a file that does not read must say why. The store's path (devices read
 * straight from the text with the pull reader) must accept and refuse exactly
 * what the tree reader does, with the same message, and build the same devices
 * as om_device_new_from_json() does from the tree. The findings section read
 * ahead from the text (OmDocumentReadAhead + om_finding_list_read_findings)
 * must give the same document, findings and refusals as the tree path.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "om-device.h"
#include "om-document.h"
#include "om-finding.h"
#include "om-json-read.h"
#include "om-snmpv3-sets.h"

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

/* What the store's callback does with each element: a device from the text,
 * or the element's node when it is not an object. Records a device's JSON text
 * or the reason it is not one. */
static gboolean
on_element_read_cb (JsonObject *root, OmJsonReader *reader, JsonNode **keep,
                    gpointer user_data, GError **error)
{
  GPtrArray *results = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OmDevice) device = NULL;

  if (om_json_reader_peek (reader) != OM_JSON_TOKEN_OBJECT)
    {
      *keep = om_json_reader_read_node (reader);
      if (*keep == NULL)
        return FALSE;
      g_ptr_array_add (results, g_strdup ("(not an object)"));
      return TRUE;
    }
  device = om_device_new_from_json_reader (reader, &local_error);
  if (device == NULL)
    {
      if (om_json_reader_failed (reader))
        {
          g_assert (local_error == NULL);
          return FALSE;
        }
      g_assert (local_error != NULL);
      g_ptr_array_add (results, g_strdup_printf ("(error) %s", local_error->message));
      return TRUE;
    }
  g_assert (local_error == NULL);
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(JsonNode) node = NULL;

    om_device_to_json (device, builder);
    node = json_builder_get_root (builder);
    json_generator_set_root (generator, node);
    g_ptr_array_add (results, json_generator_to_data (generator, NULL));
  }
  return TRUE;
}

/* The same for an element of the tree, with om_device_new_from_json(). */
static char *
describe_element (JsonNode *element)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmDevice) device = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return g_strdup ("(not an object)");
  device = om_device_new_from_json (json_node_get_object (element), &error);
  if (device == NULL)
    return g_strdup_printf ("(error) %s", error->message);
  builder = json_builder_new ();
  generator = json_generator_new ();
  om_device_to_json (device, builder);
  node = json_builder_get_root (builder);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
check_store_reader (const uint8_t *data, size_t size, JsonNode *root, const GError *error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) stream_error = NULL;
  g_autoptr(JsonNode) streamed = NULL;
  JsonNode *devices;
  JsonArray *array;
  guint n;

  streamed = om_json_read_elements ((const char *) data, size, "devices", on_element_read_cb,
                                    results, &stream_error);
  g_assert ((root == NULL) == (streamed == NULL));
  if (root == NULL)
    {
      /* Refused at the same place for the same reason. */
      g_assert (stream_error != NULL);
      g_assert_cmpstr (stream_error->message, ==, error->message);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  devices = json_object_get_member (json_node_get_object (root), "devices");
  if (devices == NULL || !JSON_NODE_HOLDS_ARRAY (devices))
    return;
  /* A "devices" member given twice streams both; the tree keeps the last. */
  array = json_node_get_array (devices);
  n = json_array_get_length (array);
  g_assert_cmpuint (results->len, >=, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = describe_element (json_array_get_element (array, i));

      g_assert_cmpstr (g_ptr_array_index (results, results->len - n + i), ==, expected);
    }
}

static gboolean
on_member_read_cb (JsonObject *root, const char *name, OmJsonReader *reader, JsonNode **keep,
                   gboolean *handled, gpointer user_data, GError **error)
{
  if (!om_document_read_ahead_member (user_data, name, reader, handled, error))
    return FALSE;
  if (*handled)
    *keep = json_node_init_null (json_node_alloc ());
  return TRUE;
}

static char *
document_text (OmDocument *doc)
{
  g_autoptr(GPtrArray) pieces = om_document_serialize (doc);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pieces->len; i++)
    g_string_append (text, g_ptr_array_index (pieces, i));
  return g_string_free (text, FALSE);
}

static OmDocument *
findings_document (void)
{
  OmDocument *doc = om_document_new ();

  om_document_register_section_reader (doc, "findings", om_finding_list_read_section,
                                       om_finding_list_apply_section, om_finding_list_write_content,
                                       (GDestroyNotify) g_ptr_array_unref);
  return doc;
}

/* The findings read ahead (as the store does) against the tree path. */
static void
check_findings_reader (const uint8_t *data, size_t size, JsonNode *root, const GError *error)
{
  g_autoptr(OmDocument) by_tree = findings_document ();
  g_autoptr(OmDocument) by_text = findings_document ();
  g_autoptr(OmDocumentReadAhead) ahead = om_document_read_ahead_new (by_text);
  g_autoptr(OmFindingList) tree_list = om_finding_list_new ();
  g_autoptr(OmFindingList) text_list = om_finding_list_new ();
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) text_error = NULL;
  g_autoptr(JsonNode) read = NULL;
  gboolean tree_ok, text_ok;

  read = om_json_read_document ((const char *) data, size, NULL, NULL, on_member_read_cb, ahead,
                                &read_error);
  g_assert ((root == NULL) == (read == NULL));
  if (root == NULL)
    {
      g_assert_cmpstr (read_error->message, ==, error->message);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;

  tree_ok = om_document_load_json (by_tree, json_node_get_object (root), &tree_error);
  text_ok = om_document_load_json_full (by_text, json_node_get_object (read), NULL, ahead, &text_error);
  g_assert_cmpint (tree_ok, ==, text_ok);
  if (!tree_ok)
    {
      g_assert_cmpstr (tree_error->message, ==, text_error->message);
      return;
    }
  {
    /* Not attached yet: still valid JSON when saved. */
    g_autofree char *text = document_text (by_text);
    g_autoptr(JsonNode) back = om_json_read (text, strlen (text), NULL, NULL, NULL, NULL);

    g_assert (back != NULL);
  }
  tree_ok = om_document_attach_section_full (by_tree, "findings", G_OBJECT (tree_list),
                                             om_finding_list_load_section, om_finding_list_save_section,
                                             om_finding_list_write_json, &tree_error);
  text_ok = om_document_attach_section_full (by_text, "findings", G_OBJECT (text_list),
                                             om_finding_list_load_section, om_finding_list_save_section,
                                             om_finding_list_write_json, &text_error);
  g_assert_cmpint (tree_ok, ==, text_ok);
  if (!tree_ok)
    g_assert_cmpstr (tree_error->message, ==, text_error->message);
  {
    g_autofree char *a = document_text (by_tree);
    g_autofree char *b = document_text (by_text);

    g_assert_cmpstr (a, ==, b);
  }
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
  check_store_reader (data, size, root, error);
  check_findings_reader (data, size, root, error);
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

      /* The SNMPv3 credential sets (names, users, address scopes; never secrets):
       * whatever parses must match addresses and survive its own round trip. */
      if (json_object_has_member (json_node_get_object (root), OM_SNMPV3_SETS_SECTION))
        {
          g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
          g_autoptr(GError) sets_error = NULL;
          JsonNode *member = json_object_get_member (json_node_get_object (root), OM_SNMPV3_SETS_SECTION);

          if (om_snmpv3_sets_load_json (sets, member, &sets_error))
            {
              g_autoptr(OmSnmpv3Sets) again = om_snmpv3_sets_new ();
              g_autoptr(JsonNode) written = om_snmpv3_sets_to_json (sets);

              (void) om_snmpv3_sets_best_for (sets, "10.0.0.5");
              (void) om_snmpv3_sets_best_for (sets, "255.255.255.255");
              g_assert (om_snmpv3_sets_load_json (again, written, NULL));
            }
          else
            g_assert (sets_error != NULL);
        }
    }
  return 0;
}

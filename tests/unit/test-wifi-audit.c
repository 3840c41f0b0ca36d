/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Wi-Fi networks (SSID display, grouping helpers, channels), registered office
 * networks (JSON round trip) and the audit rules.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "om-office-network.h"
#include "om-office-networks.h"
#include "om-wifi-audit.h"
#include "om-wifi-network.h"
#include "om-wifi-profile.h"

/* ---- SSIDs ---- */

typedef struct {
  const char *name;
  const char *bytes;
  gssize      len;        /* -1: strlen */
  const char *expected;
  gboolean    hidden;
} SsidCase;

static const SsidCase ssid_cases[] = {
  { "plain", "Office", -1, "Office", FALSE },
  { "japanese", "事務所-5G", -1, "事務所-5G", FALSE },
  { "invalid-utf8", "caf\xe9", -1, "caf\\xE9", FALSE },
  { "newline", "a\nb", -1, "a\\x0Ab", FALSE },
  { "escape-sequence", "\x1b[31mred", -1, "\\x1B[31mred", FALSE },
  { "backslash-is-escaped", "a\\x41", -1, "a\\\\x41", FALSE },
  { "bidi-override", "abc\xe2\x80\xae" "cba", -1, "abc\\u{202E}cba", FALSE },
  { "zero-width-space", "Off\xe2\x80\x8bice", -1, "Off\\u{200B}ice", FALSE },
  { "c1-control", "x\xc2\x85y", -1, "x\\u{0085}y", FALSE },
  { "truncated-utf8-at-end", "ab\xe4\xba", -1, "ab\\xE4\\xBA", FALSE },
  { "empty-is-hidden", "", 0, "", TRUE },
  { "zeros-are-hidden", "\0\0\0\0\0\0\0", 7, "\\x00\\x00\\x00\\x00\\x00\\x00\\x00", TRUE },
  { "embedded-nul-not-hidden", "a\0b", 3, "a\\x00b", FALSE },
  /* 40 bytes in: only the first 32 count. */
  { "bounded-to-32-bytes", "0123456789abcdef0123456789ABCDEFextra!!!", -1,
    "0123456789abcdef0123456789ABCDEF", FALSE },
};

static void
test_ssid_case (gconstpointer data)
{
  const SsidCase *c = data;
  gsize len = c->len < 0 ? strlen (c->bytes) : (gsize) c->len;
  g_autofree char *display = om_wifi_ssid_to_display ((const guint8 *) c->bytes, len);

  g_assert_cmpstr (display, ==, c->expected);
  g_assert_true (g_utf8_validate (display, -1, NULL));
  g_assert_cmpint (om_wifi_ssid_is_hidden ((const guint8 *) c->bytes, len), ==, c->hidden);
}

static void
test_bssid_and_channels (void)
{
  g_autofree char *a = om_wifi_normalize_bssid ("AA-bb-CC-dd-EE-0f");
  g_autofree char *b = om_wifi_normalize_bssid ("aa:bb:cc:dd:ee:0f");

  g_assert_cmpstr (a, ==, "aa:bb:cc:dd:ee:0f");
  g_assert_cmpstr (b, ==, a);
  g_assert_null (om_wifi_normalize_bssid ("aa:bb:cc:dd:ee"));
  g_assert_null (om_wifi_normalize_bssid ("aa:bb:cc:dd:ee:ff:00"));
  g_assert_null (om_wifi_normalize_bssid ("gg:bb:cc:dd:ee:ff"));
  g_assert_null (om_wifi_normalize_bssid (""));
  g_assert_null (om_wifi_normalize_bssid (NULL));

  g_assert_cmpuint (om_wifi_frequency_to_channel (2412), ==, 1);
  g_assert_cmpuint (om_wifi_frequency_to_channel (2472), ==, 13);
  g_assert_cmpuint (om_wifi_frequency_to_channel (2484), ==, 14);
  g_assert_cmpuint (om_wifi_frequency_to_channel (5180), ==, 36);
  g_assert_cmpuint (om_wifi_frequency_to_channel (5825), ==, 165);
  g_assert_cmpuint (om_wifi_frequency_to_channel (5955), ==, 1);
  g_assert_cmpuint (om_wifi_frequency_to_channel (6115), ==, 33);
  g_assert_cmpuint (om_wifi_frequency_to_channel (0), ==, 0);
  g_assert_cmpuint (om_wifi_frequency_to_channel (2413), ==, 0);
  g_assert_cmpint (om_wifi_frequency_to_band (2437), ==, OM_WIFI_BAND_2_4_GHZ);
  g_assert_cmpint (om_wifi_frequency_to_band (5500), ==, OM_WIFI_BAND_5_GHZ);
  g_assert_cmpint (om_wifi_frequency_to_band (6115), ==, OM_WIFI_BAND_6_GHZ);
  g_assert_cmpint (om_wifi_frequency_to_band (900), ==, OM_WIFI_BAND_UNKNOWN);
}

static guint notify_count;

static void
on_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  notify_count++;
}

static void
test_network_aggregates (void)
{
  g_autoptr(OmWifiNetwork) net = om_wifi_network_new ((const guint8 *) "Office", 6,
                                                      OM_WIFI_SECURITY_WPA2);
  g_autoptr(OmWifiNetwork) hidden = om_wifi_network_new (NULL, 0, OM_WIFI_SECURITY_WPA2);

  g_assert_cmpstr (om_wifi_network_get_key (net), ==, "4f6666696365/wpa2");
  g_assert_cmpstr (om_wifi_network_get_title (net), ==, "Office");
  g_assert_false (om_wifi_network_get_hidden (net));
  g_assert_true (om_wifi_network_matches_ssid (net, "Office"));
  g_assert_false (om_wifi_network_matches_ssid (net, "office"));
  g_assert_cmpuint (om_wifi_network_get_n_bssids (net), ==, 0);

  g_signal_connect (net, "notify::strength", G_CALLBACK (on_notify), NULL);
  notify_count = 0;
  om_wifi_network_update_bss (net, "00:11:22:33:44:02", 5180, 40, 1000, FALSE, FALSE);
  om_wifi_network_update_bss (net, "00:11:22:33:44:01", 2437, 80, 900, TRUE, TRUE);
  g_assert_cmpuint (notify_count, ==, 2);
  g_assert_cmpuint (om_wifi_network_get_n_bssids (net), ==, 2);
  g_assert_cmpstr (om_wifi_network_get_bssids (net)[0], ==, "00:11:22:33:44:01");
  g_assert_cmpuint (om_wifi_network_get_strength (net), ==, 80);
  g_assert_cmpuint (om_wifi_network_get_channel (net), ==, 6);
  g_assert_cmpint (om_wifi_network_get_band (net), ==, OM_WIFI_BAND_2_4_GHZ);
  g_assert_cmpint (om_wifi_network_get_last_seen (net), ==, 1000);
  g_assert_true (om_wifi_network_get_tkip (net));
  g_assert_true (om_wifi_network_get_wps (net));

  /* Same strength again: no notification. */
  notify_count = 0;
  om_wifi_network_update_bss (net, "00:11:22:33:44:01", 2437, 80, 1100, TRUE, TRUE);
  g_assert_cmpuint (notify_count, ==, 0);

  g_assert_true (om_wifi_network_remove_bss (net, "00:11:22:33:44:01"));
  g_assert_false (om_wifi_network_remove_bss (net, "00:11:22:33:44:01"));
  g_assert_cmpuint (om_wifi_network_get_strength (net), ==, 40);
  g_assert_cmpint (om_wifi_network_get_band (net), ==, OM_WIFI_BAND_5_GHZ);
  g_assert_false (om_wifi_network_get_tkip (net));
  g_assert_true (om_wifi_network_has_bssid (net, "00-11-22-33-44-02"));

  g_assert_true (om_wifi_network_get_hidden (hidden));
  om_wifi_network_update_bss (hidden, "00:11:22:33:44:99", 2412, 10, 1, FALSE, FALSE);
  g_assert_cmpstr (om_wifi_network_get_key (hidden), ==, "hidden:00:11:22:33:44:99/wpa2");
  g_assert_cmpstr (om_wifi_network_get_ssid_text (hidden), ==, "");
  g_assert_false (om_wifi_network_matches_ssid (hidden, ""));
}

/* ---- Registered networks ---- */

static void
test_office_network_json (void)
{
  g_autoptr(OmOfficeNetworks) list = om_office_networks_new ();
  g_autoptr(OmOfficeNetworks) back = om_office_networks_new ();
  g_autoptr(OmOfficeNetwork) office = om_office_network_new ("事務所", OM_WIFI_PURPOSE_OFFICE,
                                                            OM_WIFI_SECURITY_WPA3);
  g_autoptr(OmOfficeNetwork) again = om_office_network_new ("事務所", OM_WIFI_PURPOSE_OFFICE,
                                                           OM_WIFI_SECURITY_WPA2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  OmOfficeNetwork *loaded;

  g_assert_true (om_office_network_add_bssid (office, "AA:BB:CC:00:00:02", &error));
  g_assert_no_error (error);
  g_assert_true (om_office_network_add_bssid (office, "aa:bb:cc:00:00:01", NULL));
  g_assert_true (om_office_network_add_bssid (office, "aa-bb-cc-00-00-01", NULL));
  g_assert_false (om_office_network_add_bssid (office, "nonsense", &error));
  g_assert_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID_BSSID);
  g_clear_error (&error);
  g_assert_cmpuint (g_strv_length ((char **) om_office_network_get_bssids (office)), ==, 2);
  g_assert_cmpstr (om_office_network_get_bssids (office)[0], ==, "aa:bb:cc:00:00:01");

  g_assert_true (om_office_networks_register (list, office) == office);
  /* Registering the same SSID and purpose again updates the entry. */
  om_office_network_add_bssid (again, "aa:bb:cc:00:00:03", NULL);
  g_assert_true (om_office_networks_register (list, again) == office);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (om_office_network_get_required (office), ==, OM_WIFI_SECURITY_WPA2);
  g_assert_cmpuint (g_strv_length ((char **) om_office_network_get_bssids (office)), ==, 3);

  node = om_office_networks_to_json (list);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"purpose\":\"office\""));
  g_assert_nonnull (strstr (text, "\"security\":\"wpa2\""));
  g_assert_true (om_office_networks_load_json (back, node, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (back)), ==, 1);
  loaded = om_office_networks_find (back, "事務所", OM_WIFI_PURPOSE_OFFICE, FALSE);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (om_office_network_get_id (loaded), ==, om_office_network_get_id (office));
  g_assert_true (om_office_network_knows_bssid (loaded, "AA:BB:CC:00:00:03"));
  g_assert_null (om_office_networks_find (back, "事務所", OM_WIFI_PURPOSE_GUEST, FALSE));

  /* Damaged content leaves the list unchanged. */
  {
    g_autoptr(JsonNode) bad = json_from_string ("[{\"ssid\":\"\",\"security\":\"wpa2\"}]", NULL);
    g_autoptr(JsonNode) bad2 = json_from_string ("[{\"ssid\":\"x\",\"security\":\"WPA9\"}]", NULL);
    g_autoptr(JsonNode) bad3 = json_from_string ("{\"ssid\":\"x\"}", NULL);

    g_assert_false (om_office_networks_load_json (back, bad, &error));
    g_assert_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID_SSID);
    g_clear_error (&error);
    g_assert_false (om_office_networks_load_json (back, bad2, &error));
    g_assert_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (om_office_networks_load_json (back, bad3, &error));
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (back)), ==, 1);
  }

  g_assert_false (om_office_network_validate_ssid ("0123456789abcdef0123456789abcdef!", NULL));
  g_assert_false (om_office_network_validate_ssid ("caf\xe9", NULL));
  g_assert_true (om_office_network_validate_ssid ("0123456789abcdef0123456789abcdef", NULL));

  g_assert_true (om_office_networks_remove (back, loaded));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (back)), ==, 0);
}

/* The list lives in the organisation's document and survives a save/load. */
static void
test_office_networks_in_document (void)
{
  g_autoptr(OmDocument) doc = om_document_new ();
  g_autoptr(OmDocument) doc2 = om_document_new ();
  g_autoptr(OmOfficeNetwork) guest = om_office_network_new ("Guest", OM_WIFI_PURPOSE_GUEST,
                                                           OM_WIFI_SECURITY_OWE);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  OmOfficeNetworks *list = om_office_networks_get_for_document (doc);
  OmOfficeNetworks *list2;
  OmOfficeNetwork *back;

  g_assert_true (om_office_networks_get_for_document (doc) == list);
  om_office_networks_register (list, guest);
  root = om_document_to_json (doc);
  g_assert_true (json_object_has_member (json_node_get_object (root), OM_OFFICE_NETWORKS_SECTION));

  g_assert_true (om_document_load_json (doc2, json_node_get_object (root), &error));
  g_assert_no_error (error);
  list2 = om_office_networks_get_for_document (doc2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list2)), ==, 1);
  back = om_office_networks_find (list2, "Guest", OM_WIFI_PURPOSE_GUEST, FALSE);
  g_assert_nonnull (back);
  g_assert_cmpint (om_office_network_get_required (back), ==, OM_WIFI_SECURITY_OWE);
}

/* ---- Audit ---- */

typedef struct {
  GListStore *networks;
  GListStore *office;
  GListStore *profiles;
  GPtrArray  *findings;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->networks = g_list_store_new (OM_TYPE_WIFI_NETWORK);
  f->office = g_list_store_new (OM_TYPE_OFFICE_NETWORK);
  f->profiles = g_list_store_new (OM_TYPE_WIFI_PROFILE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->networks);
  g_clear_object (&f->office);
  g_clear_object (&f->profiles);
  g_clear_pointer (&f->findings, g_ptr_array_unref);
}

static OmWifiNetwork *
add_network (Fixture *f, const char *ssid, OmWifiSecurity security, const char *bssid,
             gboolean tkip, gboolean wps)
{
  g_autoptr(OmWifiNetwork) net = om_wifi_network_new ((const guint8 *) ssid, strlen (ssid),
                                                      security);

  om_wifi_network_update_bss (net, bssid, 2437, 70, 100, tkip, wps);
  g_list_store_append (f->networks, net);
  return net;
}

static OmOfficeNetwork *
add_office (Fixture *f, const char *ssid, OmWifiPurpose purpose, OmWifiSecurity required,
            const char *bssid)
{
  g_autoptr(OmOfficeNetwork) o = om_office_network_new (ssid, purpose, required);

  if (bssid != NULL)
    g_assert_true (om_office_network_add_bssid (o, bssid, NULL));
  g_list_store_append (f->office, o);
  return o;
}

static void
run (Fixture *f)
{
  g_clear_pointer (&f->findings, g_ptr_array_unref);
  f->findings = om_wifi_audit_run (G_LIST_MODEL (f->networks), G_LIST_MODEL (f->office),
                                   G_LIST_MODEL (f->profiles));
  for (guint i = 1; i < f->findings->len; i++)
    g_assert_cmpint (om_wifi_finding_get_severity (g_ptr_array_index (f->findings, i - 1)), >=,
                     om_wifi_finding_get_severity (g_ptr_array_index (f->findings, i)));
}

/* "rule@ssid=severity,…" in finding order, for compact assertions. */
static char *
summary (Fixture *f)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < f->findings->len; i++)
    {
      OmWifiFinding *finding = g_ptr_array_index (f->findings, i);

      g_assert_cmpstr (om_wifi_finding_get_title (finding), !=, "");
      g_assert_cmpstr (om_wifi_finding_get_advice (finding), !=, "");
      g_assert_cmpuint (om_wifi_finding_get_selfcheck (finding)[0], ==, 9);
      g_string_append_printf (s, "%s%s@%s=%s", i ? "," : "", om_wifi_finding_get_rule (finding),
                              om_wifi_finding_get_ssid (finding),
                              om_severity_to_string (om_wifi_finding_get_severity (finding)));
    }
  return g_string_free (s, FALSE);
}

#define ASSERT_FINDINGS(f, expected)                     \
  G_STMT_START {                                         \
    g_autofree char *got_ = (run (f), summary (f));      \
    g_assert_cmpstr (got_, ==, expected);                \
  } G_STMT_END

static void
test_audit_nothing_registered (Fixture *f, gconstpointer data)
{
  add_network (f, "Cafe", OM_WIFI_SECURITY_OPEN, "00:00:00:00:00:01", FALSE, FALSE);
  add_network (f, "Old", OM_WIFI_SECURITY_WEP, "00:00:00:00:00:02", FALSE, FALSE);
  /* Neighbours' networks are not ours to judge. */
  ASSERT_FINDINGS (f, "");
}

static void
test_audit_office_weaknesses (Fixture *f, gconstpointer data)
{
  add_office (f, "Open", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "Wep", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "Tkip", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "Hidden-tkip", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "Weaker", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA3, NULL);
  add_office (f, "Good", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "Stronger", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "GuestOpen", OM_WIFI_PURPOSE_GUEST, OM_WIFI_SECURITY_OPEN, NULL);
  add_office (f, "Wps", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "NotOnAir", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);

  add_network (f, "Open", OM_WIFI_SECURITY_OPEN, "00:00:00:00:01:01", FALSE, FALSE);
  add_network (f, "Wep", OM_WIFI_SECURITY_WEP, "00:00:00:00:01:02", FALSE, FALSE);
  add_network (f, "Tkip", OM_WIFI_SECURITY_WPA_WPA2_MIXED, "00:00:00:00:01:03", TRUE, FALSE);
  /* Enterprise class, but one BSS allows TKIP: still reported. */
  add_network (f, "Hidden-tkip", OM_WIFI_SECURITY_ENTERPRISE, "00:00:00:00:01:04", TRUE, FALSE);
  add_network (f, "Weaker", OM_WIFI_SECURITY_WPA2, "00:00:00:00:01:05", FALSE, FALSE);
  add_network (f, "Good", OM_WIFI_SECURITY_WPA2, "00:00:00:00:01:06", FALSE, FALSE);
  add_network (f, "Stronger", OM_WIFI_SECURITY_WPA3, "00:00:00:00:01:07", FALSE, FALSE);
  add_network (f, "GuestOpen", OM_WIFI_SECURITY_OPEN, "00:00:00:00:01:08", FALSE, FALSE);
  add_network (f, "Wps", OM_WIFI_SECURITY_WPA2, "00:00:00:00:01:09", FALSE, TRUE);

  ASSERT_FINDINGS (f, "wifi.office-open@Open=critical,wifi.office-wep@Wep=critical,"
                      "wifi.office-tkip@Tkip=medium,wifi.office-tkip@Hidden-tkip=medium,"
                      "wifi.office-weaker@Weaker=medium,wifi.office-open@GuestOpen=medium,"
                      "wifi.office-wps@Wps=low");
}

static void
test_audit_evil_twin_unknown_bssid (Fixture *f, gconstpointer data)
{
  OmWifiNetwork *net;
  g_autoptr(GPtrArray) mine = NULL;

  add_office (f, "Office", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, "00:00:00:00:00:01");
  net = add_network (f, "Office", OM_WIFI_SECURITY_WPA2, "00:00:00:00:00:01", FALSE, FALSE);
  ASSERT_FINDINGS (f, "");

  /* Same name and security, from a BSSID the office does not own. */
  om_wifi_network_update_bss (net, "66:66:66:66:66:66", 5180, 90, 100, FALSE, FALSE);
  ASSERT_FINDINGS (f, "wifi.evil-twin-unknown-bssid@Office=high");
  g_assert_nonnull (strstr (om_wifi_finding_get_title (g_ptr_array_index (f->findings, 0)),
                            "66:66:66:66:66:66"));
  mine = om_wifi_audit_filter_subject (f->findings, om_wifi_network_get_key (net));
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpuint (om_wifi_finding_get_five_rules (g_ptr_array_index (f->findings, 0))[0], ==, 5);

  /* An open copy from a stranger is critical; our own AP is not blamed for it. */
  add_network (f, "Office", OM_WIFI_SECURITY_OPEN, "77:77:77:77:77:77", FALSE, FALSE);
  ASSERT_FINDINGS (f, "wifi.evil-twin-unknown-bssid@Office=critical,"
                      "wifi.evil-twin-unknown-bssid@Office=high");
}

static void
test_audit_evil_twin_weaker (Fixture *f, gconstpointer data)
{
  add_office (f, "Office", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_network (f, "Office", OM_WIFI_SECURITY_WPA2, "00:00:00:00:00:01", FALSE, FALSE);
  add_network (f, "Office", OM_WIFI_SECURITY_OPEN, "00:00:00:00:00:02", FALSE, FALSE);
  add_network (f, "Office", OM_WIFI_SECURITY_WPA_TKIP, "00:00:00:00:00:03", TRUE, FALSE);
  ASSERT_FINDINGS (f, "wifi.evil-twin-weaker@Office=critical,wifi.evil-twin-weaker@Office=high");

  /* Only the weak one on the air: then it is the office's own weakness. */
  g_list_store_remove (f->networks, 0);
  g_list_store_remove (f->networks, 1);
  ASSERT_FINDINGS (f, "wifi.office-open@Office=critical");
}

static void
test_audit_guest_office_shared (Fixture *f, gconstpointer data)
{
  add_office (f, "Shop", OM_WIFI_PURPOSE_GUEST, OM_WIFI_SECURITY_WPA2, NULL);
  add_office (f, "Shop", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA3, NULL);
  add_office (f, "Shop-guest", OM_WIFI_PURPOSE_GUEST, OM_WIFI_SECURITY_WPA2, NULL);
  add_network (f, "Shop", OM_WIFI_SECURITY_WPA2, "00:00:00:00:00:01", FALSE, FALSE);
  /* Judged once, against the office entry's stricter requirement. */
  ASSERT_FINDINGS (f, "wifi.guest-office-shared@Shop=high,wifi.office-weaker@Shop=medium");
  g_assert_cmpuint (om_wifi_finding_get_five_rules (g_ptr_array_index (f->findings, 0))[0], ==, 4);
}

static void
test_audit_profiles (Fixture *f, gconstpointer data)
{
  g_autoptr(OmWifiProfile) cafe = om_wifi_profile_new ("u1", "Cafe", (const guint8 *) "Cafe", 4,
                                                       NULL, OM_WIFI_SECURITY_OPEN, FALSE, TRUE);
  g_autoptr(OmWifiProfile) manual = om_wifi_profile_new ("u2", "Hotel", (const guint8 *) "Hotel", 5,
                                                         NULL, OM_WIFI_SECURITY_OPEN, FALSE, FALSE);
  g_autoptr(OmWifiProfile) weak = om_wifi_profile_new ("u3", "Office", (const guint8 *) "Office", 6,
                                                       "wpa-psk", OM_WIFI_SECURITY_WPA2, FALSE,
                                                       TRUE);
  g_autoptr(OmWifiProfile) strong = om_wifi_profile_new ("u4", "Lab", (const guint8 *) "Lab", 3,
                                                         "sae", OM_WIFI_SECURITY_WPA3, FALSE, TRUE);
  g_autoptr(OmWifiProfile) unchecked = om_wifi_profile_new ("u5", "X", (const guint8 *) "X", 1,
                                                            "wpa-psk", OM_WIFI_SECURITY_WPA2,
                                                            FALSE, TRUE);
  g_autoptr(OmWifiProfile) tiny = om_wifi_profile_new ("u6", "Y", (const guint8 *) "Y", 1,
                                                       "sae", OM_WIFI_SECURITY_WPA3, FALSE, TRUE);
  guint length, classes;

  om_wifi_passphrase_measure ("password1", &length, &classes);
  om_wifi_profile_set_passphrase_measure (weak, length, classes);
  om_wifi_passphrase_measure ("Tr0ub4dor&3-horse", &length, &classes);
  om_wifi_profile_set_passphrase_measure (strong, length, classes);
  om_wifi_passphrase_measure ("abc", &length, &classes);
  om_wifi_profile_set_passphrase_measure (tiny, length, classes);

  g_list_store_append (f->profiles, cafe);
  g_list_store_append (f->profiles, manual);
  g_list_store_append (f->profiles, weak);
  g_list_store_append (f->profiles, strong);
  g_list_store_append (f->profiles, unchecked);
  g_list_store_append (f->profiles, tiny);

  ASSERT_FINDINGS (f, "wifi.weak-passphrase@Y=high,wifi.profile-autoconnect-open@Cafe=medium,"
                      "wifi.weak-passphrase@Office=medium");
  g_assert_cmpstr (om_wifi_finding_get_subject (g_ptr_array_index (f->findings, 1)), ==,
                   "profile:u1");
}

/* The audit's result lands in the organisation's finding list without duplicates,
 * and what is fixed gets resolved. */
static void
test_audit_apply (Fixture *f, gconstpointer data)
{
  g_autoptr(OmFindingList) list = om_finding_list_new ();
  g_autoptr(OmFinding) other = om_finding_new ("eol.unsupported", "device-1");
  OmFinding *found;

  om_finding_list_upsert (list, other);
  add_office (f, "Office", OM_WIFI_PURPOSE_OFFICE, OM_WIFI_SECURITY_WPA2, NULL);
  add_network (f, "Office", OM_WIFI_SECURITY_WEP, "00:00:00:00:00:01", FALSE, FALSE);
  run (f);
  g_assert_cmpuint (om_wifi_audit_apply (f->findings, list), ==, 1);
  g_assert_cmpuint (om_wifi_audit_apply (f->findings, list), ==, 1);
  g_assert_cmpuint (om_finding_list_get_n_findings (list), ==, 2);
  found = om_finding_list_lookup (list, OM_WIFI_RULE_OFFICE_WEP, "4f6666696365/wep");
  g_assert_nonnull (found);
  g_assert_cmpint (om_finding_get_severity (found), ==, OM_SEVERITY_CRITICAL);
  g_assert_cmpstr (om_finding_get_subject_name (found), ==, "Office");
  g_assert_cmpuint (om_finding_get_selfcheck (found)[0], ==, 9);

  /* Fixed: the network now uses WPA2. */
  g_list_store_remove_all (f->networks);
  add_network (f, "Office", OM_WIFI_SECURITY_WPA2, "00:00:00:00:00:01", FALSE, FALSE);
  run (f);
  g_assert_cmpuint (om_wifi_audit_apply (f->findings, list), ==, 0);
  g_assert_cmpint (om_finding_get_state (found), ==, OM_FINDING_STATE_RESOLVED);
  /* Findings of other rules are not touched. */
  g_assert_cmpint (om_finding_get_state (other), ==, OM_FINDING_STATE_OPEN);
}

typedef struct {
  const char *passphrase;
  guint       length;
  guint       n_classes;
  gboolean    weak;
} PassCase;

static void
test_passphrase_measure (void)
{
  static const PassCase cases[] = {
    { "", 0, 0, TRUE },
    { "password", 8, 1, TRUE },
    { "Password12", 10, 3, FALSE },
    { "password12", 10, 2, TRUE },
    { "correcthorsebatterystaple", 25, 1, FALSE },
    { "P@ss", 4, 3, TRUE },
    { "ぱすわーど123ABCxyz!", 15, 5, FALSE },
    { "aaaaaaaaaaaaaaaaaaa", 19, 1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint length, classes;

      om_wifi_passphrase_measure (cases[i].passphrase, &length, &classes);
      g_assert_cmpuint (length, ==, cases[i].length);
      g_assert_cmpuint (om_wifi_passphrase_count_classes (classes), ==, cases[i].n_classes);
      g_assert_cmpint (om_wifi_passphrase_is_weak (length, classes), ==, cases[i].weak);
    }
}

static void
test_finding_refs_label (void)
{
  static const guint items[] = { 9, 3, 0 };
  static const guint rules[] = { 3, 0 };
  g_autoptr(OmWifiFinding) f = om_wifi_finding_new ("r", OM_SEVERITY_LOW, "s", "x", "t", "a",
                                                    items, rules);
  g_autofree char *label = om_wifi_finding_dup_refs_label (f);

  g_assert_cmpstr (label, ==, "Self-diagnosis item 9, 3 · Five rules no. 3");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ssid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wifi/ssid/%s", ssid_cases[i].name);
      g_test_add_data_func (path, &ssid_cases[i], test_ssid_case);
    }
  g_test_add_func ("/wifi/network/bssid-and-channels", test_bssid_and_channels);
  g_test_add_func ("/wifi/network/aggregates", test_network_aggregates);
  g_test_add_func ("/wifi/office/json-round-trip", test_office_network_json);
  g_test_add_func ("/wifi/office/in-document", test_office_networks_in_document);
  g_test_add_func ("/wifi/passphrase/measure", test_passphrase_measure);
  g_test_add_func ("/wifi/finding/refs-label", test_finding_refs_label);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/wifi/audit/nothing-registered", test_audit_nothing_registered);
  ADD ("/wifi/audit/office-weaknesses", test_audit_office_weaknesses);
  ADD ("/wifi/audit/evil-twin-unknown-bssid", test_audit_evil_twin_unknown_bssid);
  ADD ("/wifi/audit/evil-twin-weaker", test_audit_evil_twin_weaker);
  ADD ("/wifi/audit/guest-office-shared", test_audit_guest_office_shared);
  ADD ("/wifi/audit/profiles", test_audit_profiles);
  ADD ("/wifi/audit/apply-to-finding-list", test_audit_apply);
#undef ADD

  return g_test_run ();
}

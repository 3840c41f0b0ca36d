/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWifiMonitor against python-dbusmock's NetworkManager template on a private
 * system bus (started by run-wifi-tests.py). OM_WIFI_SCENARIO selects what the bus
 * offers: "mock" (the template), "no-nm" (a bus without NetworkManager) or "no-bus"
 * (DBUS_SYSTEM_BUS_ADDRESS points at nothing). In "mock" the test drives the mock
 * itself over D-Bus: it adds, changes and removes access points while the monitor runs.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "om-office-networks.h"
#include "om-wifi-audit.h"
#include "om-wifi-monitor.h"
#include "om-wifi-network.h"

#define NM_BUS "org.freedesktop.NetworkManager"
#define NM_PATH "/org/freedesktop/NetworkManager"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"
#define AP_IFACE "org.freedesktop.NetworkManager.AccessPoint"
#define DEV_PATH "/org/freedesktop/NetworkManager/Devices/wlan0"
#define AP_PATH_PREFIX "/org/freedesktop/NetworkManager/AccessPoint/"
#define WAIT_MS 5000

/* Flag shorthands (NetworkManager's values, mirrored in om-wifi-security.h). */
#define PRIV   OM_WIFI_AP_FLAGS_PRIVACY
#define P_TKIP OM_WIFI_AP_SEC_PAIR_TKIP
#define P_CCMP OM_WIFI_AP_SEC_PAIR_CCMP
#define G_TKIP OM_WIFI_AP_SEC_GROUP_TKIP
#define G_CCMP OM_WIFI_AP_SEC_GROUP_CCMP
#define K_PSK  OM_WIFI_AP_SEC_KEY_MGMT_PSK
#define K_1X   OM_WIFI_AP_SEC_KEY_MGMT_802_1X
#define K_SAE  OM_WIFI_AP_SEC_KEY_MGMT_SAE
#define K_OWE  OM_WIFI_AP_SEC_KEY_MGMT_OWE
#define K_OWTM OM_WIFI_AP_SEC_KEY_MGMT_OWE_TM
#define K_SB   OM_WIFI_AP_SEC_KEY_MGMT_EAP_SUITE_B_192

/* ---- helpers ---- */

static GDBusConnection *
system_bus (void)
{
  static GDBusConnection *bus;

  if (bus == NULL)
    {
      g_autoptr(GError) error = NULL;

      bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
      g_assert_no_error (error);
    }
  return bus;
}

static GVariant *
call (const char *path, const char *iface, const char *method, GVariant *params)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (system_bus (), NM_BUS, path, iface, method, params, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

static void
mock (const char *method, GVariant *params)
{
  g_autoptr(GVariant) reply = call (NM_PATH, MOCK_IFACE, method, params);
}

static void
set_ap_property (const char *name, const char *property, GVariant *value)
{
  g_autofree char *path = g_strconcat (AP_PATH_PREFIX, name, NULL);

  mock ("SetProperty", g_variant_new ("(sssv)", path, AP_IFACE, property, value));
}

static void
add_ap (const char *name, const char *ssid, const char *bssid, guint freq, guint8 strength,
        guint32 flags, guint32 wpa, guint32 rsn)
{
  mock ("AddAccessPoint", g_variant_new ("(ssssuuuyu)", DEV_PATH, name, ssid, bssid, 2, freq,
                                         54000, strength, rsn));
  /* AddAccessPoint puts one value in both elements: set the exact flags. */
  set_ap_property (name, "Flags", g_variant_new_uint32 (flags));
  set_ap_property (name, "WpaFlags", g_variant_new_uint32 (wpa));
  set_ap_property (name, "RsnFlags", g_variant_new_uint32 (rsn));
}

static void
remove_ap (const char *name)
{
  g_autofree char *path = g_strconcat (AP_PATH_PREFIX, name, NULL);

  mock ("RemoveAccessPoint", g_variant_new ("(ss)", DEV_PATH, path));
}

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Predicate) (gpointer data);

/* Spins the main context until @pred holds, at most WAIT_MS. */
static gboolean
wait_until (Predicate pred, gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, on_wait_timeout_cb, &timed_out);

  while (!pred (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return pred (data);
}

static gboolean
state_settled (gpointer data)
{
  return om_wifi_monitor_get_state (data) != OM_WIFI_MONITOR_STATE_STARTING;
}

typedef struct {
  OmWifiMonitor      *monitor;
  OmWifiMonitorState  state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *w = data;
  return om_wifi_monitor_get_state (w->monitor) == w->state;
}

static void
assert_state (OmWifiMonitor *monitor, OmWifiMonitorState state)
{
  StateWait w = { monitor, state };

  if (!wait_until (state_is, &w))
    g_error ("state is %s, expected %s",
             om_wifi_monitor_state_to_string (om_wifi_monitor_get_state (monitor)),
             om_wifi_monitor_state_to_string (state));
}

static OmWifiNetwork *
find_network (OmWifiMonitor *monitor, const char *ssid_text, const char *security)
{
  GListModel *model = om_wifi_monitor_get_networks (monitor);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OmWifiNetwork) net = g_list_model_get_item (model, i);

      if (g_str_equal (om_wifi_network_get_ssid_text (net), ssid_text)
          && (security == NULL
              || g_str_equal (om_wifi_security_to_string (om_wifi_network_get_security (net)),
                              security)))
        return net;   /* the model keeps it alive */
    }
  return NULL;
}

typedef struct {
  OmWifiMonitor *monitor;
  const char    *ssid;
  const char    *security;
  guint          n_bssids;   /* 0: absent */
} NetWait;

static gboolean
network_matches (gpointer data)
{
  NetWait *w = data;
  OmWifiNetwork *net = find_network (w->monitor, w->ssid, w->security);

  if (w->n_bssids == 0)
    return net == NULL;
  return net != NULL && om_wifi_network_get_n_bssids (net) == w->n_bssids;
}

static OmWifiNetwork *
wait_network (OmWifiMonitor *monitor, const char *ssid, const char *security, guint n_bssids)
{
  NetWait w = { monitor, ssid, security, n_bssids };

  if (!wait_until (network_matches, &w))
    g_error ("network “%s” (%s) with %u BSSIDs did not show up", ssid,
             security ? security : "any", n_bssids);
  return find_network (monitor, ssid, security);
}

static void
wait_gone (OmWifiMonitor *monitor, const char *ssid, const char *security)
{
  NetWait w = { monitor, ssid, security, 0 };

  if (!wait_until (network_matches, &w))
    g_error ("network “%s” did not go away", ssid);
}

/* ---- no system bus / no NetworkManager ---- */

static void
on_rescan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  if (!om_wifi_monitor_rescan_finish (OM_WIFI_MONITOR (source), result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");   /* marks completion */
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
assert_rescan_refused (OmWifiMonitor *monitor)
{
  GError *error = NULL;

  om_wifi_monitor_rescan_async (monitor, NULL, on_rescan_done_cb, &error);
  g_assert_true (wait_until (pointer_set, &error));
  g_assert_error (error, OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NOT_READY);
  g_assert_nonnull (strstr (error->message, om_wifi_monitor_get_state_title (monitor)));
  g_error_free (error);
}

static void
test_no_system_bus (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();

  g_assert_cmpint (om_wifi_monitor_get_state (monitor), ==, OM_WIFI_MONITOR_STATE_STARTING);
  g_assert_true (wait_until (state_settled, monitor));
  g_assert_cmpint (om_wifi_monitor_get_state (monitor), ==, OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS);
  g_assert_nonnull (strstr (om_wifi_monitor_get_state_explanation (monitor), "D-Bus"));
  g_assert_cmpuint (g_list_model_get_n_items (om_wifi_monitor_get_networks (monitor)), ==, 0);
  assert_rescan_refused (monitor);

  /* Retrying fails the same way, without a crash or a warning. */
  om_wifi_monitor_retry (monitor);
  g_assert_true (wait_until (state_settled, monitor));
  g_assert_cmpint (om_wifi_monitor_get_state (monitor), ==, OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS);
}

static void
test_nm_not_running (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();

  g_assert_true (wait_until (state_settled, monitor));
  g_assert_cmpint (om_wifi_monitor_get_state (monitor), ==, OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING);
  g_assert_nonnull (strstr (om_wifi_monitor_get_state_explanation (monitor), "NetworkManager"));
  g_assert_cmpuint (g_list_model_get_n_items (om_wifi_monitor_get_networks (monitor)), ==, 0);
  assert_rescan_refused (monitor);
}

/* NetworkManager starts while the monitor runs, then stops again. */
static void
test_nm_appears_and_goes (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", "-m", "dbusmock", "--system", "--template",
                         "networkmanager", NULL };
  GPid pid;

  assert_state (monitor, OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD
                 | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  /* The template has no devices. */
  assert_state (monitor, OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  assert_state (monitor, OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING);
}

/* ---- with the NetworkManager mock ---- */

static void
test_no_device_then_device (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();
  g_autoptr(GVariant) reply = NULL;

  assert_state (monitor, OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE);
  g_assert_nonnull (strstr (om_wifi_monitor_get_state_explanation (monitor), "Wi-Fi adapter"));
  reply = call (NM_PATH, MOCK_IFACE, "AddWiFiDevice",
                g_variant_new ("(ssi)", "wlan0", "wlan0", 100 /* activated */));
  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);
}

static void
test_wifi_switched_off (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();

  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);
  mock ("SetProperty", g_variant_new ("(sssv)", NM_PATH, "org.freedesktop.NetworkManager",
                                      "WirelessEnabled", g_variant_new_boolean (FALSE)));
  assert_state (monitor, OM_WIFI_MONITOR_STATE_WIFI_DISABLED);
  mock ("SetProperty", g_variant_new ("(sssv)", NM_PATH, "org.freedesktop.NetworkManager",
                                      "WirelessEnabled", g_variant_new_boolean (TRUE)));
  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);
}

typedef struct {
  const char *name;
  const char *ssid;
  const char *bssid;
  guint       freq;
  guint8      strength;
  guint32     flags, wpa, rsn;
  const char *expected;
} ApSpec;

/* Every class, two BSSes of the office network, its evil twin and a hidden one. */
static const ApSpec office_air[] = {
  { "open", "Cafe-Free", "02:00:00:00:00:01", 2412, 60, 0, 0, 0, "open" },
  { "owe", "Owe-Net", "02:00:00:00:00:02", 2437, 55, PRIV, 0, K_OWE | P_CCMP | G_CCMP, "owe" },
  { "owetm", "Owe-Trans", "02:00:00:00:00:03", 2462, 50, 0, 0, K_OWTM, "owe-transition" },
  { "wep", "Old-Wep", "02:00:00:00:00:04", 2412, 45, PRIV, 0, 0, "wep" },
  { "wpa", "Legacy", "02:00:00:00:00:05", 2437, 40, PRIV, K_PSK | P_TKIP | G_TKIP, 0, "wpa-tkip" },
  { "mixed", "Mixed", "02:00:00:00:00:06", 2462, 35, PRIV, K_PSK | P_TKIP | G_TKIP,
    K_PSK | P_TKIP | P_CCMP | G_TKIP, "wpa-wpa2-mixed" },
  { "tkip", "Printer-Net", "02:00:00:00:00:07", 5180, 30, PRIV, 0, K_PSK | P_CCMP | G_TKIP,
    "wpa2-tkip" },
  { "office1", "Office", "00:11:22:33:44:01", 2437, 80, PRIV, 0, K_PSK | P_CCMP | G_CCMP, "wpa2" },
  { "office2", "Office", "00:11:22:33:44:02", 5200, 65, PRIV, 0, K_PSK | P_CCMP | G_CCMP, "wpa2" },
  { "trans", "Trans", "02:00:00:00:00:09", 5220, 25, PRIV, 0, K_PSK | K_SAE | P_CCMP | G_CCMP,
    "wpa2-wpa3-transition" },
  { "wpa3", "Secure", "02:00:00:00:00:0a", 5240, 20, PRIV, 0, K_SAE | P_CCMP | G_CCMP, "wpa3" },
  { "corp", "Corp", "02:00:00:00:00:0b", 5745, 15, PRIV, 0, K_1X | P_CCMP | G_CCMP, "enterprise" },
  { "gov", "Gov", "02:00:00:00:00:0c", 6115, 10, PRIV, 0, K_SB | P_CCMP | G_CCMP, "suite-b" },
  { "twin", "Office", "66:66:66:66:66:66", 2412, 90, 0, 0, 0, "open" },
  { "hidden", "", "02:00:00:00:00:0d", 2412, 5, PRIV, 0, K_PSK | P_CCMP | G_CCMP, "wpa2" },
};

static void
test_access_points (void)
{
  g_autoptr(OmWifiMonitor) monitor = NULL;
  g_autoptr(OmOfficeNetworks) office = om_office_networks_new ();
  g_autoptr(OmOfficeNetwork) reg = om_office_network_new ("Office", OM_WIFI_PURPOSE_OFFICE,
                                                         OM_WIFI_SECURITY_WPA2);
  g_autoptr(GPtrArray) findings = NULL;
  OmWifiNetwork *net;
  guint n_findings_twin = 0;

  for (guint i = 0; i < G_N_ELEMENTS (office_air); i++)
    add_ap (office_air[i].name, office_air[i].ssid, office_air[i].bssid, office_air[i].freq,
            office_air[i].strength, office_air[i].flags, office_air[i].wpa, office_air[i].rsn);
  /* An SSID that is not UTF-8. */
  add_ap ("latin1", "x", "02:00:00:00:00:0e", 2412, 5, PRIV, 0, K_PSK | P_CCMP | G_CCMP);
  {
    static const guint8 latin1[] = { 'c', 'a', 'f', 0xe9 };
    set_ap_property ("latin1", "Ssid", g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, latin1,
                                                                  sizeof latin1, 1));
  }

  monitor = om_wifi_monitor_new ();
  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);

  for (guint i = 0; i < G_N_ELEMENTS (office_air); i++)
    {
      const ApSpec *ap = &office_air[i];
      guint n = g_str_equal (ap->ssid, "Office") && g_str_equal (ap->expected, "wpa2") ? 2 : 1;

      net = wait_network (monitor, ap->ssid, ap->expected, n);
      g_assert_true (om_wifi_network_has_bssid (net, ap->bssid));
    }
  /* 12 classes + the twin + the hidden one + the non-UTF-8 one; the office's two
   * access points are one network. */
  g_assert_cmpuint (g_list_model_get_n_items (om_wifi_monitor_get_networks (monitor)), ==, 15);

  net = find_network (monitor, "Office", "wpa2");
  g_assert_cmpuint (om_wifi_network_get_strength (net), ==, 80);
  g_assert_cmpuint (om_wifi_network_get_channel (net), ==, 6);
  g_assert_cmpint (om_wifi_network_get_band (net), ==, OM_WIFI_BAND_2_4_GHZ);
  g_assert_cmpint (om_wifi_network_get_last_seen (net), >, 0);

  net = find_network (monitor, "Printer-Net", NULL);
  g_assert_true (om_wifi_network_get_tkip (net));
  g_assert_cmpint (om_wifi_network_get_band (net), ==, OM_WIFI_BAND_5_GHZ);
  net = find_network (monitor, "Gov", NULL);
  g_assert_cmpint (om_wifi_network_get_band (net), ==, OM_WIFI_BAND_6_GHZ);

  net = find_network (monitor, "", NULL);
  g_assert_true (om_wifi_network_get_hidden (net));
  g_assert_cmpstr (om_wifi_network_get_title (net), ==, "Hidden network");

  net = wait_network (monitor, "caf\\xE9", "wpa2", 1);
  g_assert_nonnull (net);

  /* The audit against the registered office network sees the evil twin. */
  g_assert_true (om_office_network_add_bssid (reg, "00:11:22:33:44:01", NULL));
  g_assert_true (om_office_network_add_bssid (reg, "00:11:22:33:44:02", NULL));
  om_office_networks_register (office, reg);
  findings = om_wifi_audit_run (om_wifi_monitor_get_networks (monitor), G_LIST_MODEL (office),
                                NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      OmWifiFinding *f = g_ptr_array_index (findings, i);

      g_assert_cmpstr (om_wifi_finding_get_ssid (f), ==, "Office");
      if (g_str_equal (om_wifi_finding_get_rule (f), OM_WIFI_RULE_EVIL_TWIN_UNKNOWN))
        {
          g_assert_cmpint (om_wifi_finding_get_severity (f), ==, OM_SEVERITY_CRITICAL);
          g_assert_nonnull (strstr (om_wifi_finding_get_title (f), "66:66:66:66:66:66"));
          n_findings_twin++;
        }
    }
  g_assert_cmpuint (n_findings_twin, ==, 1);
  g_assert_cmpuint (findings->len, ==, 1);

  remove_ap ("latin1");
}

static guint items_changed_count;

static void
on_items_changed_cb (GListModel *model, guint pos, guint removed, guint added, gpointer data)
{
  items_changed_count++;
}

typedef struct {
  OmWifiNetwork *net;
  guint          strength;
} StrengthWait;

static gboolean
strength_is (gpointer data)
{
  StrengthWait *w = data;
  return om_wifi_network_get_strength (w->net) == w->strength;
}

/* Access points come and go while the monitor is running. */
static void
test_live_updates (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();
  GListModel *model = om_wifi_monitor_get_networks (monitor);
  OmWifiNetwork *net;
  StrengthWait sw;
  guint before;

  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);
  wait_network (monitor, "Office", "wpa2", 2);
  before = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  items_changed_count = 0;

  /* A new network appears. */
  mock ("AddAccessPoint", g_variant_new ("(ssssuuuyu)", DEV_PATH, "popup", "Popup",
                                         "02:00:00:00:01:01", 2, 2412, 54000, 50, 0));
  wait_network (monitor, "Popup", "open", 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  g_assert_cmpuint (items_changed_count, >=, 1);

  /* It turns on WPA2: it is filed under its new class, the open one disappears. */
  set_ap_property ("popup", "Flags", g_variant_new_uint32 (PRIV));
  set_ap_property ("popup", "RsnFlags", g_variant_new_uint32 (K_PSK | P_CCMP | G_CCMP));
  wait_network (monitor, "Popup", "wpa2", 1);
  wait_gone (monitor, "Popup", "open");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);

  /* Signal strength follows the access point. */
  net = find_network (monitor, "Popup", "wpa2");
  set_ap_property ("popup", "Strength", g_variant_new_byte (77));
  sw.net = net;
  sw.strength = 77;
  g_assert_true (wait_until (strength_is, &sw));

  /* It disappears. */
  remove_ap ("popup");
  wait_gone (monitor, "Popup", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before);

  /* One of the office's two access points goes: the network stays with one BSSID. */
  remove_ap ("office2");
  net = wait_network (monitor, "Office", "wpa2", 1);
  g_assert_true (om_wifi_network_has_bssid (net, "00:11:22:33:44:01"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before);

  /* The evil twin leaves. */
  remove_ap ("twin");
  wait_gone (monitor, "Office", "open");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before - 1);

  g_signal_handlers_disconnect_by_func (model, on_items_changed_cb, NULL);
}

static void
on_rescan_ok_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  int *done = user_data;

  *done = om_wifi_monitor_rescan_finish (OM_WIFI_MONITOR (source), result, &error) ? 1 : -1;
  g_assert_no_error (error);
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data != 0;
}

static void
test_rescan (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  int done = 0;

  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);
  /* The mock never reports a finished scan: the timeout ends it. */
  om_wifi_monitor_set_scan_timeout (monitor, 400);
  om_wifi_monitor_rescan_async (monitor, NULL, on_rescan_ok_cb, &done);
  g_assert_true (om_wifi_monitor_get_scanning (monitor));
  g_assert_true (wait_until (int_set, &done));
  g_assert_cmpint (done, ==, 1);
  g_assert_false (om_wifi_monitor_get_scanning (monitor));
  g_assert_cmpfloat (om_wifi_monitor_get_scan_progress (monitor), ==, 1.0);

  /* Cancelling ends it at once with G_IO_ERROR_CANCELLED. */
  {
    GError *error = NULL;

    om_wifi_monitor_set_scan_timeout (monitor, 60000);
    om_wifi_monitor_rescan_async (monitor, cancellable, on_rescan_done_cb, &error);
    g_cancellable_cancel (cancellable);
    g_assert_true (wait_until (pointer_set, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_error_free (error);
    g_assert_false (om_wifi_monitor_get_scanning (monitor));
  }
}

static GVariant *
connection_settings (const char *id, const char *uuid, const char *ssid, gboolean autoconnect,
                     const char *key_mgmt)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{sa{sv}}"));
  g_variant_builder_open (&b, G_VARIANT_TYPE ("{sa{sv}}"));
  g_variant_builder_add (&b, "s", "connection");
  g_variant_builder_open (&b, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&b, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&b, "{sv}", "uuid", g_variant_new_string (uuid));
  g_variant_builder_add (&b, "{sv}", "type", g_variant_new_string ("802-11-wireless"));
  g_variant_builder_add (&b, "{sv}", "autoconnect", g_variant_new_boolean (autoconnect));
  g_variant_builder_close (&b);
  g_variant_builder_close (&b);
  g_variant_builder_open (&b, G_VARIANT_TYPE ("{sa{sv}}"));
  g_variant_builder_add (&b, "s", "802-11-wireless");
  g_variant_builder_open (&b, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&b, "{sv}", "ssid",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, ssid, strlen (ssid), 1));
  g_variant_builder_add (&b, "{sv}", "mode", g_variant_new_string ("infrastructure"));
  g_variant_builder_close (&b);
  g_variant_builder_close (&b);
  if (key_mgmt != NULL)
    {
      const char *proto[] = { "rsn", NULL };
      const char *pairwise[] = { "ccmp", NULL };

      g_variant_builder_open (&b, G_VARIANT_TYPE ("{sa{sv}}"));
      g_variant_builder_add (&b, "s", "802-11-wireless-security");
      g_variant_builder_open (&b, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&b, "{sv}", "key-mgmt", g_variant_new_string (key_mgmt));
      g_variant_builder_add (&b, "{sv}", "proto", g_variant_new_strv (proto, -1));
      g_variant_builder_add (&b, "{sv}", "pairwise", g_variant_new_strv (pairwise, -1));
      g_variant_builder_close (&b);
      g_variant_builder_close (&b);
    }
  return g_variant_builder_end (&b);
}

static OmWifiProfile *
find_profile (OmWifiMonitor *monitor, const char *name)
{
  GListModel *model = om_wifi_monitor_get_profiles (monitor);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OmWifiProfile) p = g_list_model_get_item (model, i);

      if (g_str_equal (om_wifi_profile_get_name (p), name))
        return p;
    }
  return NULL;
}

static gboolean
two_profiles (gpointer data)
{
  return find_profile (data, "Cafe") != NULL && find_profile (data, "Office") != NULL;
}

static void
on_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  if (om_wifi_monitor_check_passphrase_finish (OM_WIFI_MONITOR (source), result, error))
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");
}

static void
test_profiles_and_passphrase (void)
{
  g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();
  g_autoptr(GVariant) path = NULL;
  g_autoptr(GVariant) path2 = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  OmWifiProfile *cafe, *officep;
  const char *conn_path;
  GError *error = NULL;
  g_autoptr(GString) rules = g_string_new (NULL);

  assert_state (monitor, OM_WIFI_MONITOR_STATE_READY);
  path = call ("/org/freedesktop/NetworkManager/Settings", "org.freedesktop.NetworkManager.Settings",
               "AddConnection", g_variant_new ("(@a{sa{sv}})", connection_settings (
                 "Cafe", "6f1b8c1e-0000-4000-8000-000000000001", "Cafe-Free", TRUE, NULL)));
  path2 = call ("/org/freedesktop/NetworkManager/Settings", "org.freedesktop.NetworkManager.Settings",
                "AddConnection", g_variant_new ("(@a{sa{sv}})", connection_settings (
                  "Office", "6f1b8c1e-0000-4000-8000-000000000002", "Office", FALSE, "wpa-psk")));
  g_variant_get (path2, "(&o)", &conn_path);
  /* The template's GetSecrets does not answer like NetworkManager: teach it. */
  {
    g_autoptr(GVariant) r = NULL;

    r = g_dbus_connection_call_sync (system_bus (), NM_BUS, conn_path, MOCK_IFACE, "AddMethod",
                                     g_variant_new ("(sssss)",
                                                    "org.freedesktop.NetworkManager.Settings.Connection",
                                                    "GetSecrets", "s", "a{sa{sv}}",
                                                    "ret = {'802-11-wireless-security': "
                                                    "{'psk': 'password1'}}"),
                                     NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
    g_assert_no_error (error);
  }

  g_assert_true (wait_until (two_profiles, monitor));
  cafe = find_profile (monitor, "Cafe");
  officep = find_profile (monitor, "Office");
  g_assert_cmpint (om_wifi_profile_get_security (cafe), ==, OM_WIFI_SECURITY_OPEN);
  g_assert_true (om_wifi_profile_get_autoconnect (cafe));
  g_assert_cmpstr (om_wifi_profile_get_ssid_text (cafe), ==, "Cafe-Free");
  g_assert_cmpint (om_wifi_profile_get_security (officep), ==, OM_WIFI_SECURITY_WPA2);
  g_assert_cmpstr (om_wifi_profile_get_key_mgmt (officep), ==, "wpa-psk");
  g_assert_false (om_wifi_profile_get_autoconnect (officep));
  g_assert_false (om_wifi_profile_get_passphrase_checked (officep));

  /* An open profile has nothing to check. */
  om_wifi_monitor_check_passphrase_async (monitor, cafe, NULL, on_checked_cb, &error);
  g_assert_true (wait_until (pointer_set, &error));
  g_assert_error (error, OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NO_SECRET);
  g_clear_error (&error);

  om_wifi_monitor_check_passphrase_async (monitor, officep, NULL, on_checked_cb, &error);
  g_assert_true (wait_until (pointer_set, &error));
  g_assert_cmpstr (error->message, ==, "ok");
  g_clear_error (&error);
  g_assert_true (om_wifi_profile_get_passphrase_checked (officep));
  g_assert_cmpuint (om_wifi_profile_get_passphrase_length (officep), ==, 9);
  g_assert_cmpuint (om_wifi_profile_get_passphrase_classes (officep), ==,
                    OM_PASSPHRASE_CLASS_LOWER | OM_PASSPHRASE_CLASS_DIGIT);

  findings = om_wifi_audit_run (NULL, NULL, om_wifi_monitor_get_profiles (monitor));
  for (guint i = 0; i < findings->len; i++)
    g_string_append_printf (rules, "%s ", om_wifi_finding_get_rule (g_ptr_array_index (findings, i)));
  g_assert_cmpstr (rules->str, ==, "wifi.profile-autoconnect-open wifi.weak-passphrase ");
}

int
main (int argc, char **argv)
{
  const char *scenario = g_getenv ("OM_WIFI_SCENARIO");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_strcmp0 (scenario, "no-bus") == 0)
    {
      g_test_add_func ("/wifi/monitor/no-system-bus", test_no_system_bus);
    }
  else if (g_strcmp0 (scenario, "no-nm") == 0)
    {
      g_test_add_func ("/wifi/monitor/nm-not-running", test_nm_not_running);
      g_test_add_func ("/wifi/monitor/nm-appears-and-goes", test_nm_appears_and_goes);
    }
  else if (g_strcmp0 (scenario, "mock") == 0)
    {
      /* Order matters: they share one mock. */
      g_test_add_func ("/wifi/monitor/no-device-then-device", test_no_device_then_device);
      g_test_add_func ("/wifi/monitor/wifi-switched-off", test_wifi_switched_off);
      g_test_add_func ("/wifi/monitor/access-points", test_access_points);
      g_test_add_func ("/wifi/monitor/live-updates", test_live_updates);
      g_test_add_func ("/wifi/monitor/rescan", test_rescan);
      g_test_add_func ("/wifi/monitor/profiles-and-passphrase", test_profiles_and_passphrase);
    }
  else
    {
      g_printerr ("Run through run-wifi-tests.py (OM_WIFI_SCENARIO is not set).\n");
      return 77;
    }

  return g_test_run ();
}

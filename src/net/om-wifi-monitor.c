/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-monitor"

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n.h>
#include <NetworkManager.h>

#include "om-wifi-monitor.h"
#include "om-wifi-network.h"

/* The core mirrors NetworkManager's flag values (it must not include libnm). */
G_STATIC_ASSERT ((int) OM_WIFI_AP_FLAGS_PRIVACY == (int) NM_802_11_AP_FLAGS_PRIVACY);
G_STATIC_ASSERT ((int) OM_WIFI_AP_FLAGS_WPS == (int) NM_802_11_AP_FLAGS_WPS);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_PAIR_WEP40 == (int) NM_802_11_AP_SEC_PAIR_WEP40);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_PAIR_TKIP == (int) NM_802_11_AP_SEC_PAIR_TKIP);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_PAIR_CCMP == (int) NM_802_11_AP_SEC_PAIR_CCMP);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_GROUP_TKIP == (int) NM_802_11_AP_SEC_GROUP_TKIP);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_GROUP_CCMP == (int) NM_802_11_AP_SEC_GROUP_CCMP);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_KEY_MGMT_PSK == (int) NM_802_11_AP_SEC_KEY_MGMT_PSK);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_KEY_MGMT_802_1X == (int) NM_802_11_AP_SEC_KEY_MGMT_802_1X);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_KEY_MGMT_SAE == (int) NM_802_11_AP_SEC_KEY_MGMT_SAE);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_KEY_MGMT_OWE == (int) NM_802_11_AP_SEC_KEY_MGMT_OWE);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_KEY_MGMT_OWE_TM == (int) NM_802_11_AP_SEC_KEY_MGMT_OWE_TM);
G_STATIC_ASSERT ((int) OM_WIFI_AP_SEC_KEY_MGMT_EAP_SUITE_B_192
                 == (int) NM_802_11_AP_SEC_KEY_MGMT_EAP_SUITE_B_192);

#define DEFAULT_SCAN_TIMEOUT_MS 15000
/* A scan of all channels usually takes a few seconds: the progress bar moves over
 * this time and waits near the end if NetworkManager takes longer. */
#define EXPECTED_SCAN_MS 4000
#define PROGRESS_TICK_MS 100

/* What we remember about one NMAccessPoint. */
typedef struct {
  OmWifiMonitor *monitor;     /* borrowed */
  NMAccessPoint *ap;          /* owned ref */
  char          *key;         /* network group it is in, or NULL if skipped */
  char          *bssid;       /* normalised */
} ApEntry;

struct _OmWifiMonitor
{
  GObject             parent_instance;

  NMClient           *client;
  GCancellable       *cancellable;
  OmWifiMonitorState  state;

  GListStore         *networks;      /* OmWifiNetwork */
  GHashTable         *by_key;        /* key → OmWifiNetwork (borrowed from the store) */
  GHashTable         *aps;           /* NMAccessPoint* → ApEntry* */
  GPtrArray          *devices;       /* NMDeviceWifi* we listen to (owned refs) */
  GListStore         *profiles;      /* OmWifiProfile */
  guint               profiles_idle;

  /* Rescan in flight. */
  GTask              *scan_task;
  gint64              scan_started;  /* monotonic µs */
  guint               scan_pending;  /* request_scan calls not answered yet */
  guint               scan_refused;  /* … of which NetworkManager refused */
  GCancellable       *scan_cancellable;
  gulong              scan_cancelled_id;
  guint               scan_tick;
  guint               scan_timeout_id;
  guint               scan_timeout_ms;
  double              scan_progress;
};

G_DEFINE_FINAL_TYPE (OmWifiMonitor, om_wifi_monitor, G_TYPE_OBJECT)
G_DEFINE_QUARK (om-wifi-monitor-error-quark, om_wifi_monitor_error)

G_DEFINE_ENUM_TYPE (OmWifiMonitorState, om_wifi_monitor_state,
  G_DEFINE_ENUM_VALUE (OM_WIFI_MONITOR_STATE_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS, "no-system-bus"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING, "nm-not-running"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE, "no-wifi-device"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_MONITOR_STATE_WIFI_DISABLED, "wifi-disabled"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_MONITOR_STATE_READY, "ready"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_STATE_TITLE,
  PROP_STATE_EXPLANATION,
  PROP_SCANNING,
  PROP_SCAN_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_state (OmWifiMonitor *self);
static void sync_devices (OmWifiMonitor *self);
static void finish_scan (OmWifiMonitor *self, GError *error);

const char *
om_wifi_monitor_state_to_string (OmWifiMonitorState state)
{
  GEnumClass *klass = g_type_class_ref (OM_TYPE_WIFI_MONITOR_STATE);
  GEnumValue *ev = g_enum_get_value (klass, state);

  g_type_class_unref (klass);
  return ev != NULL ? ev->value_nick : NULL;
}

/* ---- access points → networks ---- */

static void
ap_entry_free (gpointer data)
{
  ApEntry *entry = data;

  g_signal_handlers_disconnect_by_data (entry->ap, entry);
  g_clear_object (&entry->ap);
  g_free (entry->key);
  g_free (entry->bssid);
  g_free (entry);
}

/* NetworkManager reports last-seen in CLOCK_BOOTTIME seconds; convert to Unix time. */
static gint64
boottime_to_unix (int last_seen)
{
  struct timespec ts;

  if (last_seen < 0 || clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return 0;
  return g_get_real_time () / G_USEC_PER_SEC - (ts.tv_sec - last_seen);
}

static void
detach_entry (OmWifiMonitor *self,
              ApEntry       *entry)
{
  OmWifiNetwork *net;

  if (entry->key == NULL)
    return;
  net = g_hash_table_lookup (self->by_key, entry->key);
  if (net != NULL)
    {
      om_wifi_network_remove_bss (net, entry->bssid);
      if (om_wifi_network_get_n_bssids (net) == 0)
        {
          guint pos;

          if (g_list_store_find (self->networks, net, &pos))
            {
              g_hash_table_remove (self->by_key, entry->key);
              g_list_store_remove (self->networks, pos);
            }
        }
    }
  g_clear_pointer (&entry->key, g_free);
}

/* (Re)files an access point under the network its current properties belong to. */
static void
refresh_entry (OmWifiMonitor *self,
               ApEntry       *entry)
{
  NMAccessPoint *ap = entry->ap;
  GBytes *ssid_bytes = nm_access_point_get_ssid (ap);
  const guint8 *ssid = NULL;
  gsize ssid_len = 0;
  g_autofree char *bssid = om_wifi_normalize_bssid (nm_access_point_get_bssid (ap));
  g_autofree char *key = NULL;
  OmWifiSecurity security;
  OmWifiNetwork *net;
  gboolean tkip;
  guint32 flags = nm_access_point_get_flags (ap);

  if (ssid_bytes != NULL)
    ssid = g_bytes_get_data (ssid_bytes, &ssid_len);

  security = om_wifi_security_classify_ap (flags, nm_access_point_get_wpa_flags (ap),
                                           nm_access_point_get_rsn_flags (ap), &tkip);

  if (bssid == NULL)
    {
      /* Without a BSSID we cannot tell access points apart; NetworkManager always
       * has one, so this is only a half-initialised object. */
      detach_entry (self, entry);
      return;
    }

  key = om_wifi_network_key_for (ssid, ssid_len, security, bssid);
  if (entry->key != NULL && (!g_str_equal (entry->key, key) || g_strcmp0 (entry->bssid, bssid) != 0))
    detach_entry (self, entry);
  g_free (entry->bssid);
  entry->bssid = g_strdup (bssid);

  net = g_hash_table_lookup (self->by_key, key);
  if (net == NULL)
    {
      g_autoptr(OmWifiNetwork) created = om_wifi_network_new (ssid, ssid_len, security);

      om_wifi_network_update_bss (created, bssid, nm_access_point_get_frequency (ap),
                                  nm_access_point_get_strength (ap),
                                  boottime_to_unix (nm_access_point_get_last_seen (ap)), tkip,
                                  (flags & NM_802_11_AP_FLAGS_WPS) != 0);
      g_hash_table_insert (self->by_key, g_strdup (key), created);
      g_list_store_append (self->networks, created);
    }
  else
    {
      om_wifi_network_update_bss (net, bssid, nm_access_point_get_frequency (ap),
                                  nm_access_point_get_strength (ap),
                                  boottime_to_unix (nm_access_point_get_last_seen (ap)), tkip,
                                  (flags & NM_802_11_AP_FLAGS_WPS) != 0);
    }
  g_free (entry->key);
  entry->key = g_steal_pointer (&key);
}

static void
on_ap_notify_cb (NMAccessPoint *ap,
                 GParamSpec    *pspec,
                 ApEntry       *entry)
{
  refresh_entry (entry->monitor, entry);
}

static void
add_ap (OmWifiMonitor *self,
        NMAccessPoint *ap)
{
  ApEntry *entry;

  if (g_hash_table_contains (self->aps, ap))
    return;
  entry = g_new0 (ApEntry, 1);
  entry->monitor = self;
  entry->ap = g_object_ref (ap);
  g_hash_table_insert (self->aps, ap, entry);
  g_signal_connect (ap, "notify", G_CALLBACK (on_ap_notify_cb), entry);
  refresh_entry (self, entry);
}

static void
remove_ap (OmWifiMonitor *self,
           NMAccessPoint *ap)
{
  ApEntry *entry = g_hash_table_lookup (self->aps, ap);

  if (entry == NULL)
    return;
  detach_entry (self, entry);
  g_hash_table_remove (self->aps, ap);
}

static void
on_ap_added_cb (NMDeviceWifi  *device,
                NMAccessPoint *ap,
                OmWifiMonitor *self)
{
  add_ap (self, ap);
}

static void
on_ap_removed_cb (NMDeviceWifi  *device,
                  NMAccessPoint *ap,
                  OmWifiMonitor *self)
{
  remove_ap (self, ap);
}

static void
on_last_scan_cb (NMDeviceWifi  *device,
                 GParamSpec    *pspec,
                 OmWifiMonitor *self)
{
  if (self->scan_task != NULL)
    finish_scan (self, NULL);
}

static void
clear_networks (OmWifiMonitor *self)
{
  g_hash_table_remove_all (self->aps);
  g_hash_table_remove_all (self->by_key);
  g_list_store_remove_all (self->networks);
}

static void
sync_devices (OmWifiMonitor *self)
{
  const GPtrArray *devices;
  g_autoptr(GHashTable) still_there = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->devices->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->devices, i), self);
  g_ptr_array_set_size (self->devices, 0);

  devices = (self->client != NULL && nm_client_get_nm_running (self->client))
            ? nm_client_get_devices (self->client) : NULL;
  for (guint i = 0; devices != NULL && i < devices->len; i++)
    {
      NMDevice *device = g_ptr_array_index (devices, i);
      const GPtrArray *aps;

      if (!NM_IS_DEVICE_WIFI (device))
        continue;
      g_ptr_array_add (self->devices, g_object_ref (device));
      g_signal_connect (device, "access-point-added", G_CALLBACK (on_ap_added_cb), self);
      g_signal_connect (device, "access-point-removed", G_CALLBACK (on_ap_removed_cb), self);
      g_signal_connect (device, "notify::" NM_DEVICE_WIFI_LAST_SCAN,
                        G_CALLBACK (on_last_scan_cb), self);
      aps = nm_device_wifi_get_access_points (NM_DEVICE_WIFI (device));
      for (guint j = 0; aps != NULL && j < aps->len; j++)
        {
          add_ap (self, g_ptr_array_index (aps, j));
          g_hash_table_add (still_there, g_ptr_array_index (aps, j));
        }
    }

  /* Forget access points of devices that went away. */
  {
    GHashTableIter iter;
    gpointer ap;
    g_autoptr(GPtrArray) gone = g_ptr_array_new ();

    g_hash_table_iter_init (&iter, self->aps);
    while (g_hash_table_iter_next (&iter, &ap, NULL))
      if (!g_hash_table_contains (still_there, ap))
        g_ptr_array_add (gone, ap);
    for (guint i = 0; i < gone->len; i++)
      remove_ap (self, g_ptr_array_index (gone, i));
  }
}

/* ---- saved profiles ---- */

static char **
collect (NMSettingWirelessSecurity *s,
         guint32 (*count) (NMSettingWirelessSecurity *),
         const char *(*get) (NMSettingWirelessSecurity *, guint32))
{
  guint32 n = s != NULL ? count (s) : 0;
  char **out = g_new0 (char *, n + 1);

  for (guint32 i = 0; i < n; i++)
    out[i] = g_strdup (get (s, i));
  return out;
}

static OmWifiProfile *
profile_from_connection (NMRemoteConnection *remote)
{
  NMConnection *connection = NM_CONNECTION (remote);
  NMSettingWireless *wireless = nm_connection_get_setting_wireless (connection);
  NMSettingWirelessSecurity *sec = nm_connection_get_setting_wireless_security (connection);
  NMSettingConnection *con = nm_connection_get_setting_connection (connection);
  g_auto(GStrv) proto = NULL, pairwise = NULL, group = NULL;
  const char *key_mgmt = sec != NULL ? nm_setting_wireless_security_get_key_mgmt (sec) : NULL;
  GBytes *ssid = wireless != NULL ? nm_setting_wireless_get_ssid (wireless) : NULL;
  OmWifiSecurity security;
  gboolean tkip;
  gsize len = 0;
  const guint8 *data = ssid != NULL ? g_bytes_get_data (ssid, &len) : NULL;

  if (wireless == NULL || con == NULL)
    return NULL;

  proto = collect (sec, nm_setting_wireless_security_get_num_protos,
                   nm_setting_wireless_security_get_proto);
  pairwise = collect (sec, nm_setting_wireless_security_get_num_pairwise,
                      nm_setting_wireless_security_get_pairwise);
  group = collect (sec, nm_setting_wireless_security_get_num_groups,
                   nm_setting_wireless_security_get_group);
  if (!om_wifi_security_classify_profile (key_mgmt, (const char * const *) proto,
                                          (const char * const *) pairwise,
                                          (const char * const *) group, &security, &tkip))
    {
      g_debug ("Skipping profile with unknown key management");
      return NULL;
    }

  return om_wifi_profile_new (nm_setting_connection_get_uuid (con),
                              nm_setting_connection_get_id (con),
                              data, len, key_mgmt, security, tkip,
                              nm_setting_connection_get_autoconnect (con));
}

static gboolean
rebuild_profiles_cb (gpointer user_data)
{
  OmWifiMonitor *self = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const GPtrArray *connections;
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  self->profiles_idle = 0;

  connections = (self->client != NULL && nm_client_get_nm_running (self->client))
                ? nm_client_get_connections (self->client) : NULL;
  for (guint i = 0; connections != NULL && i < connections->len; i++)
    {
      OmWifiProfile *profile = profile_from_connection (g_ptr_array_index (connections, i));

      if (profile == NULL)
        continue;
      /* Keep a passphrase measurement already taken for the same profile. */
      for (guint j = 0; j < old_n; j++)
        {
          g_autoptr(OmWifiProfile) old = g_list_model_get_item (G_LIST_MODEL (self->profiles), j);

          if (g_str_equal (om_wifi_profile_get_id (old), om_wifi_profile_get_id (profile))
              && om_wifi_profile_get_passphrase_checked (old))
            om_wifi_profile_set_passphrase_measure (profile,
                                                    om_wifi_profile_get_passphrase_length (old),
                                                    om_wifi_profile_get_passphrase_classes (old));
        }
      g_ptr_array_add (items, profile);
    }

  g_list_store_splice (self->profiles, 0, old_n, items->pdata, items->len);
  return G_SOURCE_REMOVE;
}

static void
queue_profiles (OmWifiMonitor *self)
{
  /* Connections arrive in bursts (and "changed" fires per setting): rebuild once. */
  if (self->profiles_idle == 0)
    self->profiles_idle = g_idle_add (rebuild_profiles_cb, self);
}

static void
on_connection_changed_cb (OmWifiMonitor *self)
{
  queue_profiles (self);
}

static void
watch_connections (OmWifiMonitor *self)
{
  const GPtrArray *connections = nm_client_get_connections (self->client);

  for (guint i = 0; connections != NULL && i < connections->len; i++)
    {
      GObject *c = g_ptr_array_index (connections, i);

      g_signal_handlers_disconnect_by_func (c, on_connection_changed_cb, self);
      g_signal_connect_object (c, "changed", G_CALLBACK (on_connection_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  queue_profiles (self);
}

/* ---- state ---- */

static void
set_state (OmWifiMonitor      *self,
           OmWifiMonitorState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_EXPLANATION]);
}

static void
sync_state (OmWifiMonitor *self)
{
  if (self->client == NULL)
    return;

  if (!nm_client_get_nm_running (self->client))
    {
      sync_devices (self);
      clear_networks (self);
      queue_profiles (self);
      set_state (self, OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING);
      return;
    }

  sync_devices (self);
  watch_connections (self);
  if (self->devices->len == 0)
    set_state (self, OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE);
  else if (!nm_client_wireless_get_enabled (self->client))
    set_state (self, OM_WIFI_MONITOR_STATE_WIFI_DISABLED);
  else
    set_state (self, OM_WIFI_MONITOR_STATE_READY);
}

static void
on_client_changed_cb (OmWifiMonitor *self)
{
  sync_state (self);
}

static void
on_client_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OmWifiMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  NMClient *client;

  client = nm_client_new_finish (result, &error);
  if (client == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* libnm only fails here when it cannot reach the system bus at all. */
      g_debug ("NetworkManager client not created: %s", error->message);
      set_state (self, OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS);
      return;
    }

  self->client = client;
  g_signal_connect_object (client, "notify::" NM_CLIENT_NM_RUNNING,
                           G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::" NM_CLIENT_WIRELESS_ENABLED,
                           G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, NM_CLIENT_DEVICE_ADDED,
                           G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, NM_CLIENT_DEVICE_REMOVED,
                           G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, NM_CLIENT_CONNECTION_ADDED,
                           G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, NM_CLIENT_CONNECTION_REMOVED,
                           G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  sync_state (self);
}

static void
start (OmWifiMonitor *self)
{
  set_state (self, OM_WIFI_MONITOR_STATE_STARTING);
  nm_client_new_async (self->cancellable, on_client_ready_cb, g_object_ref (self));
}

/* ---- rescan ---- */

static void
stop_scan_timers (OmWifiMonitor *self)
{
  g_clear_handle_id (&self->scan_tick, g_source_remove);
  g_clear_handle_id (&self->scan_timeout_id, g_source_remove);
}

static void
set_progress (OmWifiMonitor *self,
              double         progress)
{
  if (G_APPROX_VALUE (self->scan_progress, progress, 0.001))
    return;
  self->scan_progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_PROGRESS]);
}

static void
finish_scan (OmWifiMonitor *self,
             GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->scan_task);

  stop_scan_timers (self);
  if (self->scan_cancellable != NULL)
    {
      g_cancellable_disconnect (self->scan_cancellable, self->scan_cancelled_id);
      self->scan_cancelled_id = 0;
      g_clear_object (&self->scan_cancellable);
    }
  if (task == NULL)
    return;
  set_progress (self, error == NULL ? 1.0 : 0.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_scan_tick_cb (gpointer user_data)
{
  OmWifiMonitor *self = user_data;
  double elapsed = (g_get_monotonic_time () - self->scan_started) / 1000.0;

  set_progress (self, MIN (0.95, elapsed / EXPECTED_SCAN_MS));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_scan_timeout_cb (gpointer user_data)
{
  OmWifiMonitor *self = user_data;

  /* NetworkManager did not say the scan ended (older versions and test doubles
   * have no last-scan): what is visible now is the result. */
  self->scan_timeout_id = 0;
  finish_scan (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_scan_requested_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OmWifiMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!nm_device_wifi_request_scan_finish (NM_DEVICE_WIFI (source), result, &error))
    {
      /* NetworkManager refuses a scan right after another one; the last result is
       * then fresh anyway. Only a refusal by every device is an error. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Scan request refused: %s", error->message);
      self->scan_refused++;
    }
  if (self->scan_pending > 0)
    self->scan_pending--;
  if (self->scan_task != NULL && self->scan_pending == 0
      && self->scan_refused == self->devices->len)
    finish_scan (self, NULL);
}

static void
on_scan_cancelled_idle_cb (gpointer user_data)
{
  g_autoptr(OmWifiMonitor) self = user_data;

  if (self->scan_task != NULL && g_task_get_cancellable (self->scan_task) != NULL
      && g_cancellable_is_cancelled (g_task_get_cancellable (self->scan_task)))
    finish_scan (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("The scan was cancelled.")));
}

static void
on_scan_cancelled_cb (GCancellable  *cancellable,
                      OmWifiMonitor *self)
{
  /* Disconnecting from inside the handler would deadlock: finish from an idle. */
  g_idle_add_once (on_scan_cancelled_idle_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
om_wifi_monitor_dispose (GObject *object)
{
  OmWifiMonitor *self = (OmWifiMonitor *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->scan_task != NULL)
    finish_scan (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("The scan was cancelled.")));
  stop_scan_timers (self);
  g_clear_handle_id (&self->profiles_idle, g_source_remove);
  if (self->devices != NULL)
    for (guint i = 0; i < self->devices->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->devices, i), self);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_pointer (&self->aps, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_object (&self->networks);
  g_clear_object (&self->profiles);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (om_wifi_monitor_parent_class)->dispose (object);
}

static void
om_wifi_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OmWifiMonitor *self = OM_WIFI_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_STATE_TITLE: g_value_set_string (value, om_wifi_monitor_get_state_title (self)); break;
    case PROP_STATE_EXPLANATION:
      g_value_set_string (value, om_wifi_monitor_get_state_explanation (self));
      break;
    case PROP_SCANNING: g_value_set_boolean (value, self->scan_task != NULL); break;
    case PROP_SCAN_PROGRESS: g_value_set_double (value, self->scan_progress); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_wifi_monitor_class_init (OmWifiMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = om_wifi_monitor_dispose;
  object_class->get_property = om_wifi_monitor_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, OM_TYPE_WIFI_MONITOR_STATE,
                                              OM_WIFI_MONITOR_STATE_STARTING, ro);
  properties[PROP_STATE_TITLE] = g_param_spec_string ("state-title", NULL, NULL, NULL, ro);
  properties[PROP_STATE_EXPLANATION] = g_param_spec_string ("state-explanation", NULL, NULL,
                                                            NULL, ro);
  properties[PROP_SCANNING] = g_param_spec_boolean ("scanning", NULL, NULL, FALSE, ro);
  properties[PROP_SCAN_PROGRESS] = g_param_spec_double ("scan-progress", NULL, NULL,
                                                        0.0, 1.0, 0.0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_wifi_monitor_init (OmWifiMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->networks = g_list_store_new (OM_TYPE_WIFI_NETWORK);
  self->profiles = g_list_store_new (OM_TYPE_WIFI_PROFILE);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->aps = g_hash_table_new_full (NULL, NULL, NULL, ap_entry_free);
  self->devices = g_ptr_array_new_with_free_func (g_object_unref);
  self->scan_timeout_ms = DEFAULT_SCAN_TIMEOUT_MS;
}

/* ---- public API ---- */

OmWifiMonitor *
om_wifi_monitor_new (void)
{
  OmWifiMonitor *self = g_object_new (OM_TYPE_WIFI_MONITOR, NULL);

  start (self);
  return self;
}

OmWifiMonitorState
om_wifi_monitor_get_state (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), OM_WIFI_MONITOR_STATE_STARTING);
  return self->state;
}

const char *
om_wifi_monitor_get_state_title (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), NULL);

  switch (self->state)
    {
    case OM_WIFI_MONITOR_STATE_STARTING: return _("Connecting to NetworkManager…");
    case OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS: return _("The system message bus is not available");
    case OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING: return _("NetworkManager is not running");
    case OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE: return _("No Wi-Fi adapter");
    case OM_WIFI_MONITOR_STATE_WIFI_DISABLED: return _("Wi-Fi is switched off");
    case OM_WIFI_MONITOR_STATE_READY: return _("Wi-Fi networks");
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
om_wifi_monitor_get_state_explanation (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), NULL);

  switch (self->state)
    {
    case OM_WIFI_MONITOR_STATE_STARTING:
      return _("Omamori is asking NetworkManager which Wi-Fi networks are in range.");
    case OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS:
      return _("Omamori reads Wi-Fi networks through NetworkManager over the system "
               "message bus (D-Bus), which cannot be reached here. Run Omamori on the "
               "office computer’s own desktop rather than in a container or remote "
               "session, then try again.");
    case OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING:
      return _("Omamori reads Wi-Fi networks through NetworkManager, which is not running "
               "on this computer. Start it (for example with “systemctl start "
               "NetworkManager”) or use a computer that manages its network with it. "
               "Omamori notices when it starts.");
    case OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE:
      return _("NetworkManager has no Wi-Fi adapter on this computer. Run the Wi-Fi check "
               "on a laptop in the office, or plug in a USB Wi-Fi adapter.");
    case OM_WIFI_MONITOR_STATE_WIFI_DISABLED:
      return _("Switch Wi-Fi on in the system settings so the networks in range can be "
               "listed. Omamori does not connect to any of them.");
    case OM_WIFI_MONITOR_STATE_READY:
      return _("The networks this computer can see, with how well each is protected.");
    default: break;
    }
  g_return_val_if_reached (NULL);
}

void
om_wifi_monitor_retry (OmWifiMonitor *self)
{
  g_return_if_fail (OM_IS_WIFI_MONITOR (self));

  /* The client exists once and follows NetworkManager by itself; only a failed
   * creation is retried. */
  if (self->client != NULL || self->state == OM_WIFI_MONITOR_STATE_STARTING)
    return;
  start (self);
}

GListModel *
om_wifi_monitor_get_networks (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), NULL);
  return G_LIST_MODEL (self->networks);
}

GListModel *
om_wifi_monitor_get_profiles (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

gboolean
om_wifi_monitor_get_scanning (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), FALSE);
  return self->scan_task != NULL;
}

double
om_wifi_monitor_get_scan_progress (OmWifiMonitor *self)
{
  g_return_val_if_fail (OM_IS_WIFI_MONITOR (self), 0.0);
  return self->scan_progress;
}

void
om_wifi_monitor_set_scan_timeout (OmWifiMonitor *self,
                                  guint          timeout_ms)
{
  g_return_if_fail (OM_IS_WIFI_MONITOR (self));
  self->scan_timeout_ms = MAX (timeout_ms, 1);
}

static GError *
not_ready_error (OmWifiMonitor *self)
{
  return g_error_new (OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NOT_READY, "%s %s",
                      om_wifi_monitor_get_state_title (self),
                      om_wifi_monitor_get_state_explanation (self));
}

void
om_wifi_monitor_rescan_async (OmWifiMonitor       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OM_IS_WIFI_MONITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, om_wifi_monitor_rescan_async);

  if (self->state != OM_WIFI_MONITOR_STATE_READY)
    {
      g_task_return_error (task, not_ready_error (self));
      return;
    }
  if (self->scan_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("A scan is already running."));
      return;
    }

  self->scan_task = g_steal_pointer (&task);
  self->scan_started = g_get_monotonic_time ();
  self->scan_pending = self->devices->len;
  self->scan_refused = 0;
  set_progress (self, 0.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
  if (cancellable != NULL)
    {
      self->scan_cancellable = g_object_ref (cancellable);
      self->scan_cancelled_id = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (on_scan_cancelled_cb),
                                                       self, NULL);
    }

  for (guint i = 0; i < self->devices->len; i++)
    nm_device_wifi_request_scan_async (g_ptr_array_index (self->devices, i), self->cancellable,
                                       on_scan_requested_cb, g_object_ref (self));
  self->scan_tick = g_timeout_add (PROGRESS_TICK_MS, on_scan_tick_cb, self);
  self->scan_timeout_id = g_timeout_add (self->scan_timeout_ms, on_scan_timeout_cb, self);
}

gboolean
om_wifi_monitor_rescan_finish (OmWifiMonitor  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == om_wifi_monitor_rescan_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- passphrase check ---- */

static void
on_secrets_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OmWifiProfile *profile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) secrets = NULL;
  g_autoptr(GVariant) setting = NULL;
  g_autoptr(GVariant) psk = NULL;
  guint length, classes;

  secrets = nm_remote_connection_get_secrets_finish (NM_REMOTE_CONNECTION (source), result,
                                                     &error);
  if (secrets == NULL)
    {
      g_task_return_new_error (task, OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NO_SECRET,
                               _("NetworkManager did not hand out the Wi-Fi password (%s). "
                                 "Run the check as a user allowed to see saved passwords."),
                               error->message);
      return;
    }

  setting = g_variant_lookup_value (secrets, NM_SETTING_WIRELESS_SECURITY_SETTING_NAME,
                                    G_VARIANT_TYPE_VARDICT);
  if (setting != NULL)
    psk = g_variant_lookup_value (setting, NM_SETTING_WIRELESS_SECURITY_PSK,
                                  G_VARIANT_TYPE_STRING);
  if (psk == NULL)
    {
      g_task_return_new_error (task, OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NO_SECRET,
                               "%s", _("This profile has no saved Wi-Fi password (it may be "
                                       "asked for at each connection)."));
      return;
    }

  {
    gsize len = 0;
    char *text = (char *) g_variant_get_string (psk, &len);

    om_wifi_passphrase_measure (text, &length, &classes);
    /* Best effort: overwrite the only copy we own before the variant is freed.
     * GDBus has already freed the message it came in. */
    explicit_bzero (text, len);
  }

  om_wifi_profile_set_passphrase_measure (profile, length, classes);
  g_task_return_boolean (task, TRUE);
}

void
om_wifi_monitor_check_passphrase_async (OmWifiMonitor       *self,
                                        OmWifiProfile       *profile,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NMRemoteConnection *connection;

  g_return_if_fail (OM_IS_WIFI_MONITOR (self));
  g_return_if_fail (OM_IS_WIFI_PROFILE (profile));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, om_wifi_monitor_check_passphrase_async);
  g_task_set_task_data (task, g_object_ref (profile), g_object_unref);

  if (self->client == NULL || !nm_client_get_nm_running (self->client))
    {
      g_task_return_error (task, not_ready_error (self));
      return;
    }
  connection = nm_client_get_connection_by_uuid (self->client, om_wifi_profile_get_id (profile));
  if (connection == NULL)
    {
      g_task_return_new_error (task, OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NOT_FOUND,
                               "%s", _("This Wi-Fi profile no longer exists."));
      return;
    }
  if (om_wifi_profile_get_key_mgmt (profile) == NULL
      || (!g_str_equal (om_wifi_profile_get_key_mgmt (profile), "wpa-psk")
          && !g_str_equal (om_wifi_profile_get_key_mgmt (profile), "sae")))
    {
      g_task_return_new_error (task, OM_WIFI_MONITOR_ERROR, OM_WIFI_MONITOR_ERROR_NO_SECRET,
                               "%s", _("Only WPA and WPA3 personal passwords can be checked."));
      return;
    }

  nm_remote_connection_get_secrets_async (connection, NM_SETTING_WIRELESS_SECURITY_SETTING_NAME,
                                          cancellable, on_secrets_cb, g_steal_pointer (&task));
}

gboolean
om_wifi_monitor_check_passphrase_finish (OmWifiMonitor  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

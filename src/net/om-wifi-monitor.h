/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWifiMonitor: the one object that talks to NetworkManager (libnm). It creates
 * the NMClient once, asynchronously, and publishes what NetworkManager knows as our
 * own objects: the visible Wi-Fi networks (OmWifiNetwork, grouped by SSID and
 * security, updated live as access points appear and disappear) and the Wi-Fi
 * profiles saved on this computer (OmWifiProfile). It never connects to anything;
 * a rescan only asks NetworkManager to scan.
 *
 * When NetworkManager cannot be used, the "state" property says why and
 * om_wifi_monitor_get_state_title()/…_explanation() say what to do.
 */
#pragma once

#include <gio/gio.h>

#include "om-wifi-profile.h"

G_BEGIN_DECLS

typedef enum {
  OM_WIFI_MONITOR_STATE_STARTING,        /* connecting to NetworkManager */
  OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS,   /* no D-Bus system bus: NMClient creation failed */
  OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING,  /* the bus is there, NetworkManager is not */
  OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE,  /* NetworkManager runs, but has no Wi-Fi adapter */
  OM_WIFI_MONITOR_STATE_WIFI_DISABLED,   /* Wi-Fi is switched off */
  OM_WIFI_MONITOR_STATE_READY,
} OmWifiMonitorState;

#define OM_TYPE_WIFI_MONITOR_STATE (om_wifi_monitor_state_get_type ())
GType        om_wifi_monitor_state_get_type  (void) G_GNUC_CONST;
/* "starting", "no-system-bus", "nm-not-running", "no-wifi-device", "wifi-disabled", "ready". */
const char  *om_wifi_monitor_state_to_string (OmWifiMonitorState state);

#define OM_WIFI_MONITOR_ERROR (om_wifi_monitor_error_quark ())
typedef enum {
  OM_WIFI_MONITOR_ERROR_NOT_READY,     /* state is not READY; message says why */
  OM_WIFI_MONITOR_ERROR_NOT_FOUND,     /* the profile is gone */
  OM_WIFI_MONITOR_ERROR_NO_SECRET,     /* NetworkManager returned no passphrase */
} OmWifiMonitorError;
GQuark om_wifi_monitor_error_quark (void);

#define OM_TYPE_WIFI_MONITOR (om_wifi_monitor_get_type ())
G_DECLARE_FINAL_TYPE (OmWifiMonitor, om_wifi_monitor, OM, WIFI_MONITOR, GObject)

/* Starts connecting to NetworkManager right away (state STARTING). */
OmWifiMonitor      *om_wifi_monitor_new                 (void);

OmWifiMonitorState  om_wifi_monitor_get_state           (OmWifiMonitor *self);
/* Translated: a short title and a sentence or two on why and what to do. */
const char         *om_wifi_monitor_get_state_title     (OmWifiMonitor *self);
const char         *om_wifi_monitor_get_state_explanation (OmWifiMonitor *self);
/* After NO_SYSTEM_BUS: try to connect again (the other states recover by themselves). */
void                om_wifi_monitor_retry               (OmWifiMonitor *self);

/* (element-type OmWifiNetwork), borrowed, live. */
GListModel         *om_wifi_monitor_get_networks        (OmWifiMonitor *self);
/* (element-type OmWifiProfile), borrowed, live. */
GListModel         *om_wifi_monitor_get_profiles        (OmWifiMonitor *self);

/* Asks every Wi-Fi adapter to scan; completes when NetworkManager reports a new
 * scan or after the scan timeout. "scanning" and "scan-progress" (0–1) follow it. */
void                om_wifi_monitor_rescan_async        (OmWifiMonitor       *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            om_wifi_monitor_rescan_finish       (OmWifiMonitor  *self,
                                                         GAsyncResult   *result,
                                                         GError        **error);
gboolean            om_wifi_monitor_get_scanning        (OmWifiMonitor *self);
double              om_wifi_monitor_get_scan_progress   (OmWifiMonitor *self);
/* Upper bound of a rescan in milliseconds (default 15000). */
void                om_wifi_monitor_set_scan_timeout    (OmWifiMonitor *self, guint timeout_ms);

/* ONLY after the admin explicitly agreed: fetches the profile's passphrase from
 * NetworkManager's secret API, measures its length and character classes into
 * @profile, and wipes it. The passphrase is never stored, logged or returned. */
void                om_wifi_monitor_check_passphrase_async  (OmWifiMonitor       *self,
                                                             OmWifiProfile       *profile,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            om_wifi_monitor_check_passphrase_finish (OmWifiMonitor  *self,
                                                             GAsyncResult   *result,
                                                             GError        **error);

G_END_DECLS

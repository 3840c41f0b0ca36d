/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWifiNetwork: one Wi-Fi network as the office sees it — every access point
 * (BSS) that broadcasts the same SSID with the same security class. Hidden access
 * points are never grouped (nothing says two hidden ones belong together). The
 * properties are aggregates over the BSSes: the strongest signal and its channel,
 * the most recent sighting. SSIDs are untrusted bytes: they are kept raw for
 * comparison and shown only through om_wifi_ssid_to_display().
 */
#pragma once

#include <glib-object.h>

#include "om-wifi-security.h"

G_BEGIN_DECLS

/* IEEE 802.11: an SSID is 0–32 octets. Longer input is cut to this. */
#define OM_WIFI_SSID_MAX_LEN 32

typedef enum {
  OM_WIFI_BAND_UNKNOWN,
  OM_WIFI_BAND_2_4_GHZ,
  OM_WIFI_BAND_5_GHZ,
  OM_WIFI_BAND_6_GHZ,
} OmWifiBand;

/* Pure helpers. */
/* UTF-8 text safe to show as plain text: invalid bytes and control characters become
 * \xNN, invisible/bidirectional format characters \u{NNNN}, a backslash "\\".
 * At most OM_WIFI_SSID_MAX_LEN input bytes are read. Never NULL. */
char        *om_wifi_ssid_to_display         (const guint8 *ssid, gsize len);
/* The same escaping for other untrusted names, reading at most @max_len bytes. */
char        *om_wifi_untrusted_to_display    (const guint8 *bytes, gsize len, gsize max_len);
/* No bytes, or only NUL bytes: the access point hides its name. */
gboolean     om_wifi_ssid_is_hidden          (const guint8 *ssid, gsize len);
/* "aa:bb:cc:dd:ee:ff" (lower case) from any case with ':' or '-', or NULL if invalid. */
char        *om_wifi_normalize_bssid         (const char *bssid);
/* 0 when the frequency (MHz) is not a known Wi-Fi channel. */
guint        om_wifi_frequency_to_channel    (guint frequency_mhz);
OmWifiBand   om_wifi_frequency_to_band       (guint frequency_mhz);
/* "2.4 GHz", "5 GHz", "6 GHz", translated; "" for unknown. */
const char  *om_wifi_band_to_label           (OmWifiBand band);
/* The grouping key: hex SSID + "/" + security id; a hidden BSS is keyed by its BSSID. */
char        *om_wifi_network_key_for         (const guint8  *ssid,
                                              gsize          len,
                                              OmWifiSecurity security,
                                              const char    *bssid);

#define OM_TYPE_WIFI_NETWORK (om_wifi_network_get_type ())
G_DECLARE_FINAL_TYPE (OmWifiNetwork, om_wifi_network, OM, WIFI_NETWORK, GObject)

OmWifiNetwork  *om_wifi_network_new            (const guint8   *ssid,
                                                gsize           len,
                                                OmWifiSecurity  security);

const char     *om_wifi_network_get_key        (OmWifiNetwork *self);
/* Raw SSID bytes (at most 32); @len may be NULL. */
const guint8   *om_wifi_network_get_ssid       (OmWifiNetwork *self, gsize *len);
/* Escaped display text of the SSID; "" when hidden. */
const char     *om_wifi_network_get_ssid_text  (OmWifiNetwork *self);
/* What a list shows: the SSID text, or "Hidden network" (translated). */
const char     *om_wifi_network_get_title      (OmWifiNetwork *self);
gboolean        om_wifi_network_get_hidden     (OmWifiNetwork *self);
/* TRUE when @ssid (UTF-8 as typed by the admin) is byte-for-byte this SSID. */
gboolean        om_wifi_network_matches_ssid   (OmWifiNetwork *self, const char *ssid);

OmWifiSecurity  om_wifi_network_get_security   (OmWifiNetwork *self);
/* Some BSS allows TKIP (even where the class name does not say so). */
gboolean        om_wifi_network_get_tkip       (OmWifiNetwork *self);
/* Some BSS advertises WPS. */
gboolean        om_wifi_network_get_wps        (OmWifiNetwork *self);

/* Sorted, normalised BSSIDs; never NULL. */
const char * const *om_wifi_network_get_bssids (OmWifiNetwork *self);
guint           om_wifi_network_get_n_bssids   (OmWifiNetwork *self);
gboolean        om_wifi_network_has_bssid      (OmWifiNetwork *self, const char *bssid);
guint           om_wifi_network_get_strength   (OmWifiNetwork *self);   /* 0–100, best BSS */
guint           om_wifi_network_get_frequency  (OmWifiNetwork *self);   /* MHz, best BSS */
guint           om_wifi_network_get_channel    (OmWifiNetwork *self);
OmWifiBand      om_wifi_network_get_band       (OmWifiNetwork *self);
/* Unix time of the most recent sighting of any BSS, 0 if unknown. */
gint64          om_wifi_network_get_last_seen  (OmWifiNetwork *self);

/* Adds or updates one BSS (observation from src/net). @bssid must be valid.
 * @tkip / @wps describe that BSS. */
void            om_wifi_network_update_bss     (OmWifiNetwork *self,
                                                const char    *bssid,
                                                guint          frequency_mhz,
                                                guint          strength,
                                                gint64         last_seen,
                                                gboolean       tkip,
                                                gboolean       wps);
/* Returns TRUE if a BSS was removed. */
gboolean        om_wifi_network_remove_bss     (OmWifiNetwork *self, const char *bssid);

G_END_DECLS

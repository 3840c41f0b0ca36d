/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Wi-Fi security classes and the pure classification of what NetworkManager
 * reports: an access point's (flags, wpa_flags, rsn_flags) or a saved profile's
 * key-mgmt (+ proto / pairwise / group lists). Every network gets the class of the
 * weakest way a client can join it, and TKIP is reported separately because it hides
 * inside classes that look fine ("WPA2") — nmcli shows both as "WPA2".
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Ordered roughly from weakest to strongest; use om_wifi_security_get_rank() to
 * compare, not the numeric value. The string ids are stable (data file, JSON, CLI). */
typedef enum {
  OM_WIFI_SECURITY_OPEN,                  /* "open" */
  OM_WIFI_SECURITY_OWE,                   /* "owe" — encrypted, no password */
  OM_WIFI_SECURITY_OWE_TRANSITION,        /* "owe-transition" — open for old clients */
  OM_WIFI_SECURITY_WEP,                   /* "wep" */
  OM_WIFI_SECURITY_WPA_TKIP,              /* "wpa-tkip" — WPA (first generation) */
  OM_WIFI_SECURITY_WPA_WPA2_MIXED,        /* "wpa-wpa2-mixed" */
  OM_WIFI_SECURITY_WPA2_TKIP,             /* "wpa2-tkip" — WPA2 with TKIP allowed */
  OM_WIFI_SECURITY_WPA2,                  /* "wpa2" — WPA2-PSK, CCMP only */
  OM_WIFI_SECURITY_WPA2_WPA3_TRANSITION,  /* "wpa2-wpa3-transition" */
  OM_WIFI_SECURITY_WPA3,                  /* "wpa3" — SAE */
  OM_WIFI_SECURITY_ENTERPRISE,            /* "enterprise" — WPA2/3 802.1X */
  OM_WIFI_SECURITY_SUITE_B,               /* "suite-b" — WPA3-Enterprise 192-bit */
  OM_N_WIFI_SECURITIES
} OmWifiSecurity;

/* Mirrors of NetworkManager's NM80211ApFlags and NM80211ApSecurityFlags
 * (libnm/nm-dbus-interface.h, part of NetworkManager's stable D-Bus API). The core
 * must not include libnm, so the values are repeated here; src/net asserts at compile
 * time that they still match. */
typedef enum {
  OM_WIFI_AP_FLAGS_NONE    = 0x00000000,
  OM_WIFI_AP_FLAGS_PRIVACY = 0x00000001,
  OM_WIFI_AP_FLAGS_WPS     = 0x00000002,
  OM_WIFI_AP_FLAGS_WPS_PBC = 0x00000004,
  OM_WIFI_AP_FLAGS_WPS_PIN = 0x00000008,
} OmWifiApFlags;

typedef enum {
  OM_WIFI_AP_SEC_NONE                     = 0x00000000,
  OM_WIFI_AP_SEC_PAIR_WEP40               = 0x00000001,
  OM_WIFI_AP_SEC_PAIR_WEP104              = 0x00000002,
  OM_WIFI_AP_SEC_PAIR_TKIP                = 0x00000004,
  OM_WIFI_AP_SEC_PAIR_CCMP                = 0x00000008,
  OM_WIFI_AP_SEC_GROUP_WEP40              = 0x00000010,
  OM_WIFI_AP_SEC_GROUP_WEP104             = 0x00000020,
  OM_WIFI_AP_SEC_GROUP_TKIP               = 0x00000040,
  OM_WIFI_AP_SEC_GROUP_CCMP               = 0x00000080,
  OM_WIFI_AP_SEC_KEY_MGMT_PSK             = 0x00000100,
  OM_WIFI_AP_SEC_KEY_MGMT_802_1X          = 0x00000200,
  OM_WIFI_AP_SEC_KEY_MGMT_SAE             = 0x00000400,
  OM_WIFI_AP_SEC_KEY_MGMT_OWE             = 0x00000800,
  OM_WIFI_AP_SEC_KEY_MGMT_OWE_TM          = 0x00001000,
  OM_WIFI_AP_SEC_KEY_MGMT_EAP_SUITE_B_192 = 0x00002000,
} OmWifiApSecurityFlags;

#define OM_TYPE_WIFI_SECURITY (om_wifi_security_get_type ())
GType        om_wifi_security_get_type        (void) G_GNUC_CONST;

const char  *om_wifi_security_to_string       (OmWifiSecurity security);
gboolean     om_wifi_security_from_string     (const char     *str,
                                               OmWifiSecurity *out);
/* Short translated name for a badge: "WPA2 (TKIP allowed)". */
const char  *om_wifi_security_to_label        (OmWifiSecurity security);
/* One translated sentence saying what the class means for the office (tooltips). */
const char  *om_wifi_security_get_description (OmWifiSecurity security);
/* 0 (open) … 11 (Suite-B): a larger rank is harder to break into or eavesdrop. */
guint        om_wifi_security_get_rank        (OmWifiSecurity security);
/* TRUE for the classes whose name already says TKIP may be used. */
gboolean     om_wifi_security_uses_tkip       (OmWifiSecurity security);
/* TRUE when a client can join without knowing any key (open, OWE, OWE transition). */
gboolean     om_wifi_security_is_unauthenticated (OmWifiSecurity security);

/* Classify an access point. @out_tkip (optional) is set when TKIP is allowed for
 * pairwise or group traffic in either the WPA or the RSN element, whatever the class. */
OmWifiSecurity om_wifi_security_classify_ap   (guint32   flags,
                                               guint32   wpa_flags,
                                               guint32   rsn_flags,
                                               gboolean *out_tkip);

/* Classify a saved profile from its 802-11-wireless-security setting. @key_mgmt is
 * NULL when the profile has no security setting (an open network). @proto, @pairwise
 * and @group may be NULL or empty ("whatever the access point offers"): then the
 * profile adds no weakness of its own. Returns FALSE for an unknown key-mgmt. */
gboolean     om_wifi_security_classify_profile (const char         *key_mgmt,
                                                const char * const *proto,
                                                const char * const *pairwise,
                                                const char * const *group,
                                                OmWifiSecurity     *out_security,
                                                gboolean           *out_tkip);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The Wi-Fi audit: a pure function from what is visible (OmWifiNetwork), what the
 * admin registered (OmOfficeNetwork) and what this computer has saved
 * (OmWifiProfile) to findings (OmWifiFinding). It sends nothing and changes nothing.
 */
#pragma once

#include <gio/gio.h>

#include "om-finding.h"
#include "om-wifi-finding.h"

G_BEGIN_DECLS

/* Stable rule ids (JSON, CLI, task links). */
#define OM_WIFI_RULE_OFFICE_OPEN            "wifi.office-open"
#define OM_WIFI_RULE_OFFICE_WEP             "wifi.office-wep"
#define OM_WIFI_RULE_OFFICE_TKIP            "wifi.office-tkip"
#define OM_WIFI_RULE_OFFICE_WEAKER          "wifi.office-weaker"
#define OM_WIFI_RULE_OFFICE_WPS             "wifi.office-wps"
#define OM_WIFI_RULE_EVIL_TWIN_UNKNOWN      "wifi.evil-twin-unknown-bssid"
#define OM_WIFI_RULE_EVIL_TWIN_WEAKER       "wifi.evil-twin-weaker"
#define OM_WIFI_RULE_GUEST_OFFICE_SHARED    "wifi.guest-office-shared"
#define OM_WIFI_RULE_PROFILE_AUTOCONNECT    "wifi.profile-autoconnect-open"
#define OM_WIFI_RULE_WEAK_PASSPHRASE        "wifi.weak-passphrase"

/* @networks: OmWifiNetwork; @office: OmOfficeNetwork; @profiles: OmWifiProfile; any may
 * be NULL. Returns OmWifiFinding objects, most severe first (transfer full). */
GPtrArray   *om_wifi_audit_run              (GListModel *networks,
                                             GListModel *office,
                                             GListModel *profiles);

/* The findings in @findings whose subject is @subject (borrowed pointers). */
GPtrArray   *om_wifi_audit_filter_subject   (GPtrArray  *findings,
                                             const char *subject);

/* Copies the audit's result into the organisation's finding list (OmFinding, keyed by
 * rule and subject): new findings are added, those still true refreshed, and open
 * Wi-Fi findings (rule ids "wifi.…") that are no longer true are resolved. Call it
 * only with a complete observation (the monitor READY), or resolved findings would
 * be wrong. Returns the number of Wi-Fi findings now open. */
guint        om_wifi_audit_apply            (GPtrArray     *findings,
                                             OmFindingList *list);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWifiFinding: one result of the Wi-Fi audit — a stable rule id, a severity, the
 * network it is about, a one-line title and what to do, in plain words, plus the
 * self-diagnosis items and five-rule numbers it serves. Immutable.
 */
#pragma once

#include <glib-object.h>

#include "om-enums.h"

G_BEGIN_DECLS

#define OM_TYPE_WIFI_FINDING (om_wifi_finding_get_type ())
G_DECLARE_FINAL_TYPE (OmWifiFinding, om_wifi_finding, OM, WIFI_FINDING, GObject)

/* @selfcheck / @five_rules: 0-terminated lists of item / rule numbers (may be NULL). */
OmWifiFinding *om_wifi_finding_new            (const char  *rule,
                                               OmSeverity   severity,
                                               const char  *ssid,
                                               const char  *subject,
                                               const char  *title,
                                               const char  *advice,
                                               const guint *selfcheck,
                                               const guint *five_rules);

const char    *om_wifi_finding_get_rule       (OmWifiFinding *self);
OmSeverity     om_wifi_finding_get_severity   (OmWifiFinding *self);
/* Display text of the SSID (escaped), "" for a finding about no network. */
const char    *om_wifi_finding_get_ssid       (OmWifiFinding *self);
/* What it is about: an OmWifiNetwork key, "profile:<uuid>" or "office:<id>". */
const char    *om_wifi_finding_get_subject    (OmWifiFinding *self);
const char    *om_wifi_finding_get_title      (OmWifiFinding *self);
const char    *om_wifi_finding_get_advice     (OmWifiFinding *self);
/* 0-terminated. */
const guint   *om_wifi_finding_get_selfcheck  (OmWifiFinding *self);
const guint   *om_wifi_finding_get_five_rules (OmWifiFinding *self);
/* "Self-diagnosis 9 · Five rules 4" (translated). */
char          *om_wifi_finding_dup_refs_label (OmWifiFinding *self);

G_END_DECLS

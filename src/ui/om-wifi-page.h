/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWifiPage: the Wi-Fi section. The audit's findings (most urgent first), the
 * registered office networks with Register…/Remove, and the networks in range with
 * a security badge that carries its name as text and says why in its tooltip.
 * When NetworkManager cannot be used the network list becomes an AdwStatusPage that
 * says why and what to do. Rescan (Ctrl+R) shows its progress under the header bar.
 * The sidebar badge of the "wifi" section counts the open findings.
 */
#pragma once

#include <adwaita.h>

#include "om-finding.h"
#include "om-office-networks.h"
#include "om-wifi-monitor.h"
#include "om-window.h"

G_BEGIN_DECLS

#define OM_TYPE_WIFI_PAGE (om_wifi_page_get_type ())
G_DECLARE_FINAL_TYPE (OmWifiPage, om_wifi_page, OM, WIFI_PAGE, GtkWidget)

/* @office: where registrations live (the document's list). @findings (nullable):
 * the organisation's finding list the audit is copied into. @monitor (nullable):
 * created when the page is first shown. */
OmWifiPage     *om_wifi_page_new            (OmOfficeNetworks *office,
                                             OmFindingList    *findings,
                                             OmWifiMonitor    *monitor);
/* The constructor the window's builtin_sections[] table calls. */
GtkWidget      *om_wifi_page_new_for_window (OmWindow *window);

/* Creates the monitor now if the page has not been shown yet. */
OmWifiMonitor  *om_wifi_page_get_monitor    (OmWifiPage *self);
/* (element-type OmWifiFinding), the current audit result. */
GListModel     *om_wifi_page_get_findings   (OmWifiPage *self);

G_END_DECLS

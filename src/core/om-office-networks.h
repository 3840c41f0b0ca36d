/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmOfficeNetworks: the registered office Wi-Fi networks, a GListModel of
 * OmOfficeNetwork kept in the organisation's data file under the top-level member
 * "wifi_networks". Emits ::changed after any edit (the document saves on it).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-document.h"
#include "om-office-network.h"

G_BEGIN_DECLS

#define OM_OFFICE_NETWORKS_SECTION "wifi_networks"

#define OM_TYPE_OFFICE_NETWORKS (om_office_networks_get_type ())
G_DECLARE_FINAL_TYPE (OmOfficeNetworks, om_office_networks, OM, OFFICE_NETWORKS, GObject)

OmOfficeNetworks *om_office_networks_new            (void);
/* The document's list (attached on first use; borrowed). */
OmOfficeNetworks *om_office_networks_get_for_document (OmDocument *document);

/* Adds @network, or — when a network with the same SSID and purpose is already
 * registered — updates that one's security and adds @network's BSSIDs to it.
 * Returns the registered object (borrowed). */
OmOfficeNetwork  *om_office_networks_register       (OmOfficeNetworks *self,
                                                     OmOfficeNetwork  *network);
gboolean          om_office_networks_remove         (OmOfficeNetworks *self,
                                                     OmOfficeNetwork  *network);
/* First network with this SSID (and purpose, unless @any_purpose), or NULL. */
OmOfficeNetwork  *om_office_networks_find           (OmOfficeNetworks *self,
                                                     const char       *ssid,
                                                     OmWifiPurpose     purpose,
                                                     gboolean          any_purpose);

JsonNode         *om_office_networks_to_json        (OmOfficeNetworks *self);
/* Replaces the content; @node NULL empties the list. Unchanged on error. */
gboolean          om_office_networks_load_json      (OmOfficeNetworks *self,
                                                     JsonNode         *node,
                                                     GError          **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmOfficeNetwork: a Wi-Fi network the admin registered as the office's own — its
 * SSID, what it is for (staff or guests), the security it must have and, optionally,
 * the BSSIDs of the office's own access points (anything else broadcasting the SSID
 * is then a stranger). Lives in the organisation's data file (see om-office-networks.h).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "om-wifi-security.h"

G_BEGIN_DECLS

typedef enum {
  OM_WIFI_PURPOSE_OFFICE,   /* "office": staff and company devices */
  OM_WIFI_PURPOSE_GUEST,    /* "guest": visitors and personal devices */
  OM_N_WIFI_PURPOSES
} OmWifiPurpose;

#define OM_TYPE_WIFI_PURPOSE (om_wifi_purpose_get_type ())
GType        om_wifi_purpose_get_type     (void) G_GNUC_CONST;
const char  *om_wifi_purpose_to_string    (OmWifiPurpose purpose);
gboolean     om_wifi_purpose_from_string  (const char *str, OmWifiPurpose *out);
const char  *om_wifi_purpose_to_label     (OmWifiPurpose purpose);

#define OM_OFFICE_NETWORK_ERROR (om_office_network_error_quark ())
typedef enum {
  OM_OFFICE_NETWORK_ERROR_INVALID_SSID,
  OM_OFFICE_NETWORK_ERROR_INVALID_BSSID,
  OM_OFFICE_NETWORK_ERROR_INVALID,
} OmOfficeNetworkError;
GQuark om_office_network_error_quark (void);

#define OM_TYPE_OFFICE_NETWORK (om_office_network_get_type ())
G_DECLARE_FINAL_TYPE (OmOfficeNetwork, om_office_network, OM, OFFICE_NETWORK, GObject)

/* TRUE if @ssid is 1–32 bytes of valid UTF-8; else a translated error. */
gboolean          om_office_network_validate_ssid   (const char *ssid, GError **error);

/* A fresh id (UUID). @ssid must pass om_office_network_validate_ssid(). */
OmOfficeNetwork  *om_office_network_new             (const char     *ssid,
                                                     OmWifiPurpose   purpose,
                                                     OmWifiSecurity  required);

const char       *om_office_network_get_id          (OmOfficeNetwork *self);
const char       *om_office_network_get_ssid        (OmOfficeNetwork *self);
/* The SSID as safe display text (same escaping as visible networks). */
char             *om_office_network_dup_ssid_text   (OmOfficeNetwork *self);
OmWifiPurpose     om_office_network_get_purpose     (OmOfficeNetwork *self);
void              om_office_network_set_purpose     (OmOfficeNetwork *self, OmWifiPurpose purpose);
OmWifiSecurity    om_office_network_get_required    (OmOfficeNetwork *self);
void              om_office_network_set_required    (OmOfficeNetwork *self, OmWifiSecurity required);
/* Normalised, sorted, never NULL. Empty: the office's access points are not known. */
const char * const *om_office_network_get_bssids    (OmOfficeNetwork *self);
/* Adds a BSSID (any case, ':' or '-'); FALSE with an error if it is not a MAC address. */
gboolean          om_office_network_add_bssid       (OmOfficeNetwork *self,
                                                     const char      *bssid,
                                                     GError         **error);
gboolean          om_office_network_remove_bssid    (OmOfficeNetwork *self, const char *bssid);
gboolean          om_office_network_knows_bssid     (OmOfficeNetwork *self, const char *bssid);

void              om_office_network_to_json         (OmOfficeNetwork *self, JsonBuilder *builder);
/* NULL with an error when a required member is missing or invalid. */
OmOfficeNetwork  *om_office_network_new_from_json   (JsonObject *object, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmOrganisation: the organisation's name, its staff list and its settings
 * (SNMP community to try, the scan scope the admin confirmed). Emits ::changed on
 * any edit, including edits of a staff member in the list, so the store can save.
 * Members of the JSON object this version does not know are kept and written back.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-staff.h"

G_BEGIN_DECLS

#define OM_TYPE_ORGANISATION (om_organisation_get_type ())
G_DECLARE_FINAL_TYPE (OmOrganisation, om_organisation, OM, ORGANISATION, GObject)

#define OM_ORGANISATION_DEFAULT_SNMP_COMMUNITY "public"

OmOrganisation *om_organisation_new                 (void);

const char     *om_organisation_get_name            (OmOrganisation *self);
void            om_organisation_set_name            (OmOrganisation *self, const char *name);
/* Never NULL: defaults to "public". */
const char     *om_organisation_get_snmp_community  (OmOrganisation *self);
void            om_organisation_set_snmp_community  (OmOrganisation *self, const char *community);
/* Scan scope as CIDR/range strings confirmed by the admin; never NULL. */
const char * const *om_organisation_get_scan_scope  (OmOrganisation *self);
void            om_organisation_set_scan_scope      (OmOrganisation *self, const char * const *scope);

/* (element-type OmStaff), borrowed. */
GListModel     *om_organisation_get_staff           (OmOrganisation *self);
void            om_organisation_add_staff           (OmOrganisation *self, OmStaff *staff);
gboolean        om_organisation_remove_staff        (OmOrganisation *self, OmStaff *staff);
OmStaff        *om_organisation_find_staff          (OmOrganisation *self, const char *id);

/* Serialisation. load_json replaces everything in @self; on error @self is unchanged. */
void            om_organisation_to_json             (OmOrganisation *self, JsonBuilder *builder);
gboolean        om_organisation_load_json           (OmOrganisation *self, JsonObject *object,
                                                     GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmSnmpv3Group: the "SNMPv3" preferences group. User name, protocols and the
 * two passphrases, saved to and cleared from the Secret Service through
 * om-secrets (never the data file). The stored user is read when the group is
 * first shown; passphrases are never read back into the window.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OM_TYPE_SNMPV3_GROUP (om_snmpv3_group_get_type ())
G_DECLARE_FINAL_TYPE (OmSnmpv3Group, om_snmpv3_group, OM, SNMPV3_GROUP, AdwPreferencesGroup)

GtkWidget  *om_snmpv3_group_new             (void);
/* For tests: the rows and the status line ("" while busy). */
AdwEntryRow *om_snmpv3_group_get_user_row      (OmSnmpv3Group *self);
AdwComboRow *om_snmpv3_group_get_auth_row      (OmSnmpv3Group *self);
AdwEntryRow *om_snmpv3_group_get_auth_pass_row (OmSnmpv3Group *self);
AdwEntryRow *om_snmpv3_group_get_priv_pass_row (OmSnmpv3Group *self);
const char  *om_snmpv3_group_get_status        (OmSnmpv3Group *self);
gboolean     om_snmpv3_group_get_busy          (OmSnmpv3Group *self);
void         om_snmpv3_group_save              (OmSnmpv3Group *self);
void         om_snmpv3_group_clear             (OmSnmpv3Group *self);
void         om_snmpv3_group_reload            (OmSnmpv3Group *self);

G_END_DECLS

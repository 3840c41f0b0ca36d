/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmSnmpv3Group: the "SNMPv3 Credentials" preferences group — the list of
 * credential sets (OmSnmpv3Sets, kept in the data file) with Add, Edit and
 * Remove. Passphrases go to and from the Secret Service through om-secrets in
 * worker threads; the window never reads them back. When first shown it moves
 * the single set of older versions into the list (om_secrets_migrate_snmpv3).
 */
#pragma once

#include <adwaita.h>

#include "om-snmpv3-editor.h"
#include "om-snmpv3-sets.h"

G_BEGIN_DECLS

#define OM_TYPE_SNMPV3_GROUP (om_snmpv3_group_get_type ())
G_DECLARE_FINAL_TYPE (OmSnmpv3Group, om_snmpv3_group, OM, SNMPV3_GROUP, AdwPreferencesGroup)

GtkWidget      *om_snmpv3_group_new        (void);
/* The list it shows and edits (the document's, see om_snmpv3_sets_get_for_document). */
void            om_snmpv3_group_set_sets   (OmSnmpv3Group *self,
                                            OmSnmpv3Sets  *sets);
OmSnmpv3Sets   *om_snmpv3_group_get_sets   (OmSnmpv3Group *self);

/* What the Add and Edit buttons do: opens the editor (@set NULL: a new set). */
OmSnmpv3Editor *om_snmpv3_group_edit       (OmSnmpv3Group *self,
                                            OmSnmpv3Set   *set);
/* What the confirmed Remove does: the keyring item, then the list entry. */
void            om_snmpv3_group_remove_set (OmSnmpv3Group *self,
                                            const char    *id);

/* For tests: the status line ("" while busy), the rows shown. */
const char     *om_snmpv3_group_get_status (OmSnmpv3Group *self);
gboolean        om_snmpv3_group_get_busy   (OmSnmpv3Group *self);
guint           om_snmpv3_group_get_n_rows (OmSnmpv3Group *self);
AdwActionRow   *om_snmpv3_group_get_row    (OmSnmpv3Group *self,
                                            guint          index);

G_END_DECLS

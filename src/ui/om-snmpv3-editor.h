/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmSnmpv3Editor: the window that adds or edits one SNMPv3 credential set —
 * name, user, security level, protocols, passphrases and the addresses it
 * applies to, each checked with a message that says what to fix. It stores
 * nothing itself: ::save-requested hands the new set and the typed passphrases
 * (NULL where left empty on an edit: keep the stored ones) to whoever opened
 * it, then the passphrase rows are emptied and the window closes.
 */
#pragma once

#include <adwaita.h>

#include "om-snmpv3-set.h"

G_BEGIN_DECLS

#define OM_TYPE_SNMPV3_EDITOR (om_snmpv3_editor_get_type ())
G_DECLARE_FINAL_TYPE (OmSnmpv3Editor, om_snmpv3_editor, OM, SNMPV3_EDITOR, AdwWindow)

/* @set NULL: a new set. */
OmSnmpv3Editor *om_snmpv3_editor_new          (GtkWindow   *parent,
                                               OmSnmpv3Set *set);
/* What the Save button does; FALSE (and the message shown) if something is wrong. */
gboolean        om_snmpv3_editor_save         (OmSnmpv3Editor *self);
const char     *om_snmpv3_editor_get_error    (OmSnmpv3Editor *self);

/* For tests */
AdwEntryRow    *om_snmpv3_editor_get_label_row     (OmSnmpv3Editor *self);
AdwEntryRow    *om_snmpv3_editor_get_user_row      (OmSnmpv3Editor *self);
AdwComboRow    *om_snmpv3_editor_get_auth_row      (OmSnmpv3Editor *self);
AdwComboRow    *om_snmpv3_editor_get_priv_row      (OmSnmpv3Editor *self);
AdwComboRow    *om_snmpv3_editor_get_level_row     (OmSnmpv3Editor *self);
AdwEntryRow    *om_snmpv3_editor_get_auth_pass_row (OmSnmpv3Editor *self);
AdwEntryRow    *om_snmpv3_editor_get_priv_pass_row (OmSnmpv3Editor *self);
AdwEntryRow    *om_snmpv3_editor_get_targets_row   (OmSnmpv3Editor *self);

G_END_DECLS

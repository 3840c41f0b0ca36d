/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmSnmpv3Sets: the SNMPv3 credential sets (OmSnmpv3Set), a GListModel kept in
 * the data file under the top-level member "snmpv3_credentials" — user names,
 * protocols and addresses only; passphrases are in the Secret Service. Emits
 * ::changed after any edit (the document saves on it).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-document.h"
#include "om-snmpv3-set.h"

G_BEGIN_DECLS

#define OM_SNMPV3_SETS_SECTION "snmpv3_credentials"
#define OM_SNMPV3_SETS_MAX     256

#define OM_TYPE_SNMPV3_SETS (om_snmpv3_sets_get_type ())
G_DECLARE_FINAL_TYPE (OmSnmpv3Sets, om_snmpv3_sets, OM, SNMPV3_SETS, GObject)

OmSnmpv3Sets *om_snmpv3_sets_new             (void);
/* The document's list (attached on first use; borrowed). */
OmSnmpv3Sets *om_snmpv3_sets_get_for_document (OmDocument *document);

/* Adds @set, or replaces the set with the same id in place. */
void          om_snmpv3_sets_put              (OmSnmpv3Sets *self,
                                               OmSnmpv3Set  *set);
gboolean      om_snmpv3_sets_remove           (OmSnmpv3Sets *self,
                                               const char   *id);
OmSnmpv3Set  *om_snmpv3_sets_find             (OmSnmpv3Sets *self,
                                               const char   *id);
/* By id, or else by label (case-insensitive); NULL if none or ambiguous. */
OmSnmpv3Set  *om_snmpv3_sets_lookup           (OmSnmpv3Sets *self,
                                               const char   *id_or_label);
/* The most specific set for @address (see om-snmpv3-set.h); the first one
 * listed wins a tie. NULL if none applies. Borrowed. */
OmSnmpv3Set  *om_snmpv3_sets_best_for         (OmSnmpv3Sets *self,
                                               const char   *address);

JsonNode     *om_snmpv3_sets_to_json          (OmSnmpv3Sets *self);
/* Replaces the content; @node NULL empties the list. Unchanged on error. */
gboolean      om_snmpv3_sets_load_json        (OmSnmpv3Sets *self,
                                               JsonNode     *node,
                                               GError      **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The rule registry: every audit rule in one static table (id, severity, the five
 * rules and self-diagnosis items it serves, and its texts), and the evaluation of
 * the device rules over the inventory. Evaluating is idempotent: it adds findings
 * that became true, refreshes those still true and resolves those no longer true.
 */
#pragma once

#include <glib-object.h>

#include "om-eol.h"
#include "om-finding.h"
#include "om-inventory.h"

G_BEGIN_DECLS

#define OM_RULE_EOL_UNSUPPORTED     "eol.unsupported"
#define OM_RULE_EOL_ENDING_SOON     "eol.ending-soon"
#define OM_RULE_EOL_OS_UNKNOWN      "eol.os-unknown"
#define OM_RULE_DEVICE_PERSONAL     "device.personal"
#define OM_RULE_DEVICE_UNREGISTERED "device.unregistered"

typedef struct {
  const char *id;
  OmSeverity  severity;
  guint       five_rules[6];   /* 0-terminated, 1–5 */
  guint       selfcheck[26];   /* 0-terminated, 1–25 */
  const char *title;           /* N_(): use om_rule_get_title() for the translation */
  const char *detail;          /* N_() printf format; %s is the device's display name */
  const char *what_to_do;      /* N_() */
} OmRule;

/* All registered rules, in a stable order. */
const OmRule *om_rules_get_all        (guint *n_rules);
const OmRule *om_rules_lookup         (const char *id);
/* Translated texts. */
const char   *om_rule_get_title       (const OmRule *rule);
const char   *om_rule_get_what_to_do  (const OmRule *rule);

/* Judges every device in @inventory by the device rules (EOL via @db on @today,
 * personal and unregistered devices). Only findings of those rules are touched:
 * findings of other rules (Wi-Fi, sharing) in @findings stay as they are. Findings
 * whose device has left the inventory are resolved. @db may be NULL: the EOL rules
 * are then skipped and their findings left alone. */
void          om_rules_evaluate       (OmFindingList *findings,
                                       OmInventory   *inventory,
                                       OmEolDatabase *db,
                                       const GDate   *today);

G_END_DECLS

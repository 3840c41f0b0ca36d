/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Merging one scan's observations into the inventory. A host is matched to a
 * device by MAC, then by a stable identifier (IPP/mDNS UUID, SNMP engine,
 * NetBIOS name, host name), then — only when no MAC is known — by address.
 * Every value goes through om_device_offer_*() with OM_ORIGIN_DISCOVERED, so
 * nothing the admin typed or imported is overwritten. Devices not seen stay.
 */
#pragma once

#include <gio/gio.h>

#include "om-identify.h"
#include "om-inventory.h"
#include "om-observation.h"

G_BEGIN_DECLS

typedef struct {
  guint      n_new;
  guint      n_changed;
  guint      n_unchanged;
  guint      n_not_seen;
  GPtrArray *new_devices;       /* OmDevice*, owned refs */
  GPtrArray *changed_devices;   /* OmDevice* */
  GPtrArray *not_seen_devices;  /* OmDevice* */
  GPtrArray *matched;           /* OmDevice*, parallel to the observations merged (NULL: skipped) */
} OmMergeSummary;

/* Merges every live observation (element-type OmObservation). @now is the
 * scan time used for last-seen (and first-seen of new devices). */
OmMergeSummary *om_merge_observations   (OmInventory *inventory,
                                         GPtrArray   *observations,
                                         GDateTime   *now);
/* One host: returns the device (borrowed) and whether it was new / changed. */
OmDevice       *om_merge_observation    (OmInventory   *inventory,
                                         OmObservation *observation,
                                         GDateTime     *now,
                                         gboolean      *out_new,
                                         gboolean      *out_changed);
/* The device an observation would merge into, or NULL (no side effects). */
OmDevice       *om_merge_find_device    (OmInventory   *inventory,
                                         OmObservation *observation,
                                         OmIdentity    *identity);
void            om_merge_summary_free   (OmMergeSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmMergeSummary, om_merge_summary_free)

G_END_DECLS

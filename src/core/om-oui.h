/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * MAC vendor lookup in the IEEE MA-L registry (Debian's ieee-data, compacted at
 * build time). Locally administered (randomised) addresses have no vendor.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @mac in any form om_mac_normalize() accepts. Returns a static string or NULL. */
const char *om_oui_lookup    (const char *mac);
guint       om_oui_n_vendors (void);

G_END_DECLS

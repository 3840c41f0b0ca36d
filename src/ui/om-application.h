/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmApplication owns the models every window shows: the store (loaded from the
 * data directory on startup, flushed on shutdown), and through it the document
 * with the organisation, staff and inventory. Pages pull them from here.
 */
#pragma once

#include <adwaita.h>

#include "om-inventory.h"

G_BEGIN_DECLS

#define OM_TYPE_APPLICATION (om_application_get_type ())
G_DECLARE_FINAL_TYPE (OmApplication, om_application, OM, APPLICATION, AdwApplication)

OmApplication *om_application_new           (void);
/* Like om_application_new() but with G_APPLICATION_NON_UNIQUE (tests, benches). */
OmApplication *om_application_new_non_unique (void);

OmInventory   *om_application_get_inventory (OmApplication *self);
/* Writes pending edits now. Returns FALSE (and reports the error) if the save failed. */
gboolean       om_application_flush         (OmApplication *self);

G_END_DECLS

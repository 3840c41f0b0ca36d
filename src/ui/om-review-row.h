/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmReviewRow: one unregistered device in the "Review new devices" list — what it
 * is (as plain text) and the three decisions, whose buttons activate the
 * "scan.review" action with ("<device id>", "company" | "personal" | "investigate").
 */
#pragma once

#include <adwaita.h>

#include "om-device.h"

G_BEGIN_DECLS

#define OM_TYPE_REVIEW_ROW (om_review_row_get_type ())
G_DECLARE_FINAL_TYPE (OmReviewRow, om_review_row, OM, REVIEW_ROW, GtkWidget)

GtkWidget *om_review_row_new        (void);
OmDevice  *om_review_row_get_device (OmReviewRow *self);
void       om_review_row_set_device (OmReviewRow *self,
                                     OmDevice    *device);

G_END_DECLS

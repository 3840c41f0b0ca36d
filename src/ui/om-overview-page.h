/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmOverviewPage: a few large numbers on cards (unsupported OS, ending soon,
 * personal and unregistered devices, open findings, devices by kind). Each card
 * activates "win.show-devices" with the filter behind its number. Numbers follow
 * the inventory live.
 */
#pragma once

#include <adwaita.h>

#include "om-application.h"

G_BEGIN_DECLS

#define OM_TYPE_OVERVIEW_PAGE (om_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (OmOverviewPage, om_overview_page, OM, OVERVIEW_PAGE, GtkWidget)

OmOverviewPage *om_overview_page_new       (OmApplication  *application);
/* The number on the card for @filter_spec ("eol:unsupported", "kind:pc", …), or -1
 * if there is no such card. Recounts first if an update is pending. */
int             om_overview_page_get_count (OmOverviewPage *self,
                                            const char     *filter_spec);
GtkWidget      *om_overview_page_get_card  (OmOverviewPage *self,
                                            const char     *filter_spec);

G_END_DECLS

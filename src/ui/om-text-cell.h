/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmTextCell: one line of plain text in a list cell, shortened with "…" when the
 * column is too narrow. Its size comes from character counts, never from the
 * text, and it keeps no PangoContext or PangoLayout of its own: GTK 4.8's list
 * views create and destroy hundreds of cells on every search keystroke, and a
 * label's per-widget Pango context was a large part of that cost.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OM_TYPE_TEXT_CELL (om_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (OmTextCell, om_text_cell, OM, TEXT_CELL, GtkWidget)

GtkWidget  *om_text_cell_new             (int         min_chars,
                                          int         nat_chars);
const char *om_text_cell_get_text        (OmTextCell *self);
void        om_text_cell_set_text        (OmTextCell *self,
                                          const char *text);
void        om_text_cell_set_numeric     (OmTextCell *self,
                                          gboolean    numeric);
gboolean    om_text_cell_is_ellipsized   (OmTextCell *self);

G_END_DECLS

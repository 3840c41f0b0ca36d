/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Helpers shared by the window tests: spinning the main loop with a bound and
 * writing screenshots of real widgets.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates the default main context until @cond returns TRUE or @timeout_ms pass. */
gboolean  om_test_spin_until       (gboolean (*cond) (gpointer), gpointer data, guint timeout_ms);
void      om_test_spin_for         (guint ms);
gboolean  om_test_widget_is_mapped (gpointer widget);
/* Renders @widget to $OMAMORI_ARTIFACTS_DIR/@name (default tests/artifacts/). */
void      om_test_save_screenshot  (GtkWidget *widget, const char *name);
GtkWidget *om_test_find_descendant (GtkWidget *widget, GType type);

G_END_DECLS

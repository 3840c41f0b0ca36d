/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmPreferencesWindow: the organisation's name, the staff list, and loading a
 * newer end-of-life database file.
 */
#pragma once

#include <adwaita.h>

#include "om-application.h"

G_BEGIN_DECLS

#define OM_TYPE_PREFERENCES_WINDOW (om_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (OmPreferencesWindow, om_preferences_window, OM, PREFERENCES_WINDOW, AdwPreferencesWindow)

OmPreferencesWindow *om_preferences_window_new (OmApplication *application);
/* Loads @path as the end-of-life database (what the file chooser does); shows the
 * result in the window. Returns FALSE if the file was rejected. */
gboolean             om_preferences_window_load_eol_file (OmPreferencesWindow *self,
                                                          const char          *path);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWindow: the main window — a sidebar of sections on the left and the section's
 * page on the right. Every page brings its own AdwHeaderBar (title, search, main
 * action, and om_primary_menu_button_new() at the end).
 *
 * Adding a section is one call:
 *
 *   om_window_add_section (window, "wifi", _("Wi-Fi"), "network-wireless-symbolic", page);
 *
 * Rows are ordered by the section order of DESIGN.md ("overview", "devices", "scan",
 * "wifi", "sharing", "tasks", "self-check", "telework", "reports"; unknown ids last),
 * whatever the order of the calls. Sections that ship with the window are created in
 * om-window.c from the builtin_sections[] table: add one line there with a
 * constructor `GtkWidget *(*) (OmWindow *window)` that pulls its models from
 * om_window_get_application().
 */
#pragma once

#include <adwaita.h>

#include "om-application.h"

G_BEGIN_DECLS

#define OM_TYPE_WINDOW (om_window_get_type ())
G_DECLARE_FINAL_TYPE (OmWindow, om_window, OM, WINDOW, AdwApplicationWindow)

OmWindow      *om_window_new                (OmApplication *application);
OmApplication *om_window_get_application    (OmWindow      *self);

void           om_window_add_section        (OmWindow      *self,
                                             const char    *id,
                                             const char    *title,
                                             const char    *icon_name,
                                             GtkWidget     *page);
/* A count badge beside the section's name; @text NULL or "" hides it. The tooltip
 * says what the number means (badges never carry meaning by colour alone). */
void           om_window_set_section_badge  (OmWindow      *self,
                                             const char    *id,
                                             const char    *text,
                                             const char    *tooltip);
gboolean       om_window_show_section       (OmWindow      *self,
                                             const char    *id);
const char    *om_window_get_visible_section (OmWindow     *self);
GtkWidget     *om_window_get_section_page   (OmWindow      *self,
                                             const char    *id);
void           om_window_add_toast          (OmWindow      *self,
                                             AdwToast      *toast);

/* The primary menu (Preferences, Keyboard Shortcuts, About Omamori) for a page's
 * header bar: adw_header_bar_pack_end (header, om_primary_menu_button_new ()). */
GtkWidget     *om_primary_menu_button_new   (void);

G_END_DECLS

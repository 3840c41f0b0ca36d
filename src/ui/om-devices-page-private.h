/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Shared between om-devices-page.c and its import/export commands in
 * om-devices-page-io.c.
 */
#pragma once

#include "om-devices-page.h"

G_BEGIN_DECLS

OmApplication *om_devices_page_get_application (OmDevicesPage *self);
void           om_devices_page_show_toast      (OmDevicesPage *self, const char *markup_title);

void           om_devices_page_import_action   (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *parameter);
void           om_devices_page_export_action   (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *parameter);

G_END_DECLS

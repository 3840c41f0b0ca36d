/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmDevicesPage: the inventory as a sortable column view with search, filters,
 * an editor beside the list, delete with undo, and CSV/JSON import and export.
 */
#pragma once

#include <adwaita.h>

#include "om-application.h"
#include "om-device-editor.h"
#include "om-inventory-io.h"

G_BEGIN_DECLS

#define OM_TYPE_DEVICES_PAGE (om_devices_page_get_type ())
G_DECLARE_FINAL_TYPE (OmDevicesPage, om_devices_page, OM, DEVICES_PAGE, GtkWidget)

OmDevicesPage  *om_devices_page_new               (OmApplication *application);

/* Resets search and filters, then applies one filter: "all", "kind:<id>",
 * "ownership:<id>", "eol:<status id>", "registered:yes|no", "findings:<severity id>".
 * Returns FALSE for an
 * unknown spec (the filters are then simply cleared). */
gboolean        om_devices_page_apply_filter_spec (OmDevicesPage *self, const char *spec);
/* Sets the search text and filters at once (no typing delay). */
void            om_devices_page_set_search_text   (OmDevicesPage *self, const char *text);

/* The list as shown (filtered and sorted devices), the selection (its items are
 * OmDeviceRow: row i shows device i of the visible model), the editor and the
 * search entry. */
GListModel     *om_devices_page_get_visible_model (OmDevicesPage *self);
GtkSingleSelection *om_devices_page_get_selection (OmDevicesPage *self);
OmDeviceEditor *om_devices_page_get_editor        (OmDevicesPage *self);
GtkWidget      *om_devices_page_get_search_entry  (OmDevicesPage *self);
/* Selects @device (clearing filters if they hide it) and opens the editor. */
gboolean        om_devices_page_select_device     (OmDevicesPage *self, OmDevice *device);

/* Removes @device from the inventory and shows a toast whose "Undo" puts it back
 * where it was. Returns the toast (owned by the window), or NULL if it was not there. */
AdwToast       *om_devices_page_delete_device     (OmDevicesPage *self, OmDevice *device);
/* Plans importing the CSV @file and presents the preview dialog (adds, changes and
 * rejected rows with line numbers); nothing is applied until its "import" response.
 * Returns the dialog, or NULL with @error if the file cannot be imported at all. */
GtkWidget      *om_devices_page_preview_import    (OmDevicesPage *self, GFile *file, GError **error);
/* Exports the whole inventory to @file; reports the result in a toast or dialog. */
gboolean        om_devices_page_export_to_file    (OmDevicesPage *self, OmExportFormat format, GFile *file);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmDeviceEditor: every field of one OmDevice as preference rows. Edits apply at
 * once as manual edits (the store autosaves); each row says in its tooltip where
 * the current value came from (typed, imported, discovered by which probe).
 */
#pragma once

#include <adwaita.h>

#include "om-device.h"
#include "om-organisation.h"

G_BEGIN_DECLS

#define OM_TYPE_DEVICE_EDITOR (om_device_editor_get_type ())
G_DECLARE_FINAL_TYPE (OmDeviceEditor, om_device_editor, OM, DEVICE_EDITOR, AdwBin)

OmDeviceEditor *om_device_editor_new              (void);
OmDevice       *om_device_editor_get_device       (OmDeviceEditor *self);
void            om_device_editor_set_device       (OmDeviceEditor *self, OmDevice *device);
void            om_device_editor_set_organisation (OmDeviceEditor *self, OmOrganisation *organisation);
/* The row editing @field (an AdwEntryRow, AdwComboRow or AdwActionRow with a switch). */
GtkWidget      *om_device_editor_get_field_row    (OmDeviceEditor *self, OmDeviceField field);
/* One-line end-of-life text for the OS group ("Unsupported since 2025-10-14"); NULL hides it. */
void            om_device_editor_set_eol_text     (OmDeviceEditor *self, const char *title,
                                                   const char *detail, const char *css_class);
void            om_device_editor_focus_name       (OmDeviceEditor *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmDeviceRow: one position of the device list (see OmDeviceRows). The row stays
 * while the device shown in it changes, so the list's row widgets stay too.
 */
#pragma once

#include <glib-object.h>

#include "om-device.h"

G_BEGIN_DECLS

#define OM_TYPE_DEVICE_ROW (om_device_row_get_type ())
G_DECLARE_FINAL_TYPE (OmDeviceRow, om_device_row, OM, DEVICE_ROW, GObject)

OmDeviceRow *om_device_row_new        (OmDevice    *device);
OmDevice    *om_device_row_get_device (OmDeviceRow *self);
void         om_device_row_set_device (OmDeviceRow *self,
                                       OmDevice    *device);

G_END_DECLS

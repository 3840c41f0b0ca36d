/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmDeviceRows: a GListModel of OmDeviceRow over a model of devices (the sorted,
 * filtered list). Row i always shows device i of the source, but the row objects
 * stay put: when a search keystroke changes which devices are visible, rows only
 * change their "device" and the count changes at the end. GTK 4.8's list views
 * destroy and recreate the widgets of every row whose item was replaced (some 200
 * rows of seven cells), which was most of a keystroke's cost; this way they are
 * kept and rebound in place.
 */
#pragma once

#include <gio/gio.h>

#include "om-device.h"
#include "om-device-row.h"

G_BEGIN_DECLS

#define OM_TYPE_DEVICE_ROWS (om_device_rows_get_type ())
G_DECLARE_FINAL_TYPE (OmDeviceRows, om_device_rows, OM, DEVICE_ROWS, GObject)

OmDeviceRows *om_device_rows_new         (GListModel   *devices);
GListModel   *om_device_rows_get_devices (OmDeviceRows *self);
gboolean      om_device_rows_find        (OmDeviceRows *self,
                                          OmDevice     *device,
                                          guint        *position);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmInventory: the GListModel of every OmDevice, with lookups by id, MAC, address
 * and stable identifier. It emits ::changed whenever a device is added, removed or
 * edited, which is what the store listens to for autosave.
 */
#pragma once

#include <gio/gio.h>

#include "om-device.h"

G_BEGIN_DECLS

#define OM_TYPE_INVENTORY (om_inventory_get_type ())
G_DECLARE_FINAL_TYPE (OmInventory, om_inventory, OM, INVENTORY, GObject)

OmInventory *om_inventory_new                  (void);
void         om_inventory_add                  (OmInventory *self, OmDevice *device);
/* Appends many devices with a single items-changed. */
void         om_inventory_add_many             (OmInventory *self, OmDevice **devices, guint n);
/* Returns the position the device had (for undo), or -1. */
int          om_inventory_remove               (OmInventory *self, OmDevice *device);
void         om_inventory_insert               (OmInventory *self, guint position, OmDevice *device);
void         om_inventory_clear                (OmInventory *self);
guint        om_inventory_get_n_devices        (OmInventory *self);
OmDevice    *om_inventory_get_device           (OmInventory *self, guint position); /* borrowed */
OmDevice    *om_inventory_find_by_id           (OmInventory *self, const char *id);
OmDevice    *om_inventory_find_by_mac          (OmInventory *self, const char *mac);
OmDevice    *om_inventory_find_by_address      (OmInventory *self, const char *address);
OmDevice    *om_inventory_find_by_identifier   (OmInventory *self, const char *identifier);
OmDevice    *om_inventory_find_by_hostname     (OmInventory *self, const char *hostname);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmScanResult: one live host in the Scan page's result list — what the scan saw at
 * an address, as plain strings ready to show (never markup), plus whether the host
 * is new to the inventory and, once merged, the device it became.
 */
#pragma once

#include <gio/gio.h>

#include "om-device.h"
#include "om-enums.h"
#include "om-identify.h"

G_BEGIN_DECLS

#define OM_TYPE_SCAN_RESULT (om_scan_result_get_type ())
G_DECLARE_FINAL_TYPE (OmScanResult, om_scan_result, OM, SCAN_RESULT, GObject)

OmScanResult *om_scan_result_new             (const char *address);

const char   *om_scan_result_get_address     (OmScanResult *self);
/* The address as a host-order number, for sorting (0 if it is not IPv4). */
guint         om_scan_result_get_address_number (OmScanResult *self);
const char   *om_scan_result_get_name        (OmScanResult *self);
OmDeviceKind  om_scan_result_get_kind        (OmScanResult *self);
const char   *om_scan_result_get_kind_label  (OmScanResult *self);
const char   *om_scan_result_get_vendor_model (OmScanResult *self);
const char   *om_scan_result_get_os          (OmScanResult *self);
OmEolStatus   om_scan_result_get_eol_status  (OmScanResult *self);
const char   *om_scan_result_get_eol_label   (OmScanResult *self);
const char   *om_scan_result_get_eol_detail  (OmScanResult *self);
gboolean      om_scan_result_get_is_new      (OmScanResult *self);
gboolean      om_scan_result_get_identified  (OmScanResult *self);
OmDevice     *om_scan_result_get_device      (OmScanResult *self);

/* Fills name, kind, vendor/model and OS from an identification. */
void          om_scan_result_set_identity    (OmScanResult *self,
                                              OmIdentity   *identity);
void          om_scan_result_set_eol         (OmScanResult *self,
                                              OmEolStatus   status,
                                              const char   *detail);
void          om_scan_result_set_is_new      (OmScanResult *self,
                                              gboolean      is_new);
/* After the merge: the device this host is in the inventory; the row then shows
 * the device's own values, where the admin's typing wins over what was seen. */
void          om_scan_result_set_device      (OmScanResult *self,
                                              OmDevice     *device);

G_END_DECLS

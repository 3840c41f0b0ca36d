/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Enumerations shared by the core. Each has a stable string id (used in the data
 * file, CSV/JSON exports and the command line) and a translated label for the UI.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  OM_DEVICE_KIND_UNKNOWN,
  OM_DEVICE_KIND_PC,
  OM_DEVICE_KIND_LAPTOP,
  OM_DEVICE_KIND_SERVER,
  OM_DEVICE_KIND_NAS,
  OM_DEVICE_KIND_PRINTER,
  OM_DEVICE_KIND_MFP,
  OM_DEVICE_KIND_PHONE,
  OM_DEVICE_KIND_TABLET,
  OM_DEVICE_KIND_ROUTER,
  OM_DEVICE_KIND_ACCESS_POINT,
  OM_DEVICE_KIND_CAMERA,
  OM_DEVICE_KIND_OTHER,
  OM_N_DEVICE_KINDS
} OmDeviceKind;

typedef enum {
  OM_OWNERSHIP_UNKNOWN,
  OM_OWNERSHIP_COMPANY,
  OM_OWNERSHIP_PERSONAL,
  OM_N_OWNERSHIPS
} OmOwnership;

/* Where a field's value came from. Higher ranks win: discovery never overwrites
 * what the admin typed or imported. */
typedef enum {
  OM_ORIGIN_NONE,
  OM_ORIGIN_DISCOVERED,
  OM_ORIGIN_IMPORTED,
  OM_ORIGIN_MANUAL,
  OM_N_ORIGINS
} OmOrigin;

typedef enum {
  OM_SEVERITY_INFO,
  OM_SEVERITY_LOW,
  OM_SEVERITY_MEDIUM,
  OM_SEVERITY_HIGH,
  OM_SEVERITY_CRITICAL,
  OM_N_SEVERITIES
} OmSeverity;

typedef enum {
  OM_EOL_STATUS_UNKNOWN,
  OM_EOL_STATUS_SUPPORTED,
  OM_EOL_STATUS_ENDING_SOON,
  OM_EOL_STATUS_UNSUPPORTED,
  OM_N_EOL_STATUSES
} OmEolStatus;

#define OM_TYPE_DEVICE_KIND (om_device_kind_get_type ())
#define OM_TYPE_OWNERSHIP   (om_ownership_get_type ())
#define OM_TYPE_ORIGIN      (om_origin_get_type ())
#define OM_TYPE_SEVERITY    (om_severity_get_type ())
#define OM_TYPE_EOL_STATUS  (om_eol_status_get_type ())

GType om_device_kind_get_type (void) G_GNUC_CONST;
GType om_ownership_get_type   (void) G_GNUC_CONST;
GType om_origin_get_type      (void) G_GNUC_CONST;
GType om_severity_get_type    (void) G_GNUC_CONST;
GType om_eol_status_get_type  (void) G_GNUC_CONST;

/* Stable ids: "pc", "access-point", "company", "discovered", "high", "ending-soon", … */
const char  *om_device_kind_to_string   (OmDeviceKind kind);
gboolean     om_device_kind_from_string (const char *str, OmDeviceKind *out);
const char  *om_device_kind_to_label    (OmDeviceKind kind);

const char  *om_ownership_to_string     (OmOwnership ownership);
gboolean     om_ownership_from_string   (const char *str, OmOwnership *out);
const char  *om_ownership_to_label      (OmOwnership ownership);

const char  *om_origin_to_string        (OmOrigin origin);
gboolean     om_origin_from_string      (const char *str, OmOrigin *out);
const char  *om_origin_to_label         (OmOrigin origin);

const char  *om_severity_to_string      (OmSeverity severity);
gboolean     om_severity_from_string    (const char *str, OmSeverity *out);
const char  *om_severity_to_label       (OmSeverity severity);

const char  *om_eol_status_to_string    (OmEolStatus status);
gboolean     om_eol_status_from_string  (const char *str, OmEolStatus *out);
const char  *om_eol_status_to_label     (OmEolStatus status);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-enums"

#include "config.h"

#include <glib/gi18n.h>

#include "om-enums.h"

G_DEFINE_ENUM_TYPE (OmDeviceKind, om_device_kind,
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_PC, "pc"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_LAPTOP, "laptop"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_SERVER, "server"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_NAS, "nas"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_PRINTER, "printer"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_MFP, "mfp"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_TABLET, "tablet"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_ROUTER, "router"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_ACCESS_POINT, "access-point"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_CAMERA, "camera"),
  G_DEFINE_ENUM_VALUE (OM_DEVICE_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (OmOwnership, om_ownership,
  G_DEFINE_ENUM_VALUE (OM_OWNERSHIP_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (OM_OWNERSHIP_COMPANY, "company"),
  G_DEFINE_ENUM_VALUE (OM_OWNERSHIP_PERSONAL, "personal"))

G_DEFINE_ENUM_TYPE (OmOrigin, om_origin,
  G_DEFINE_ENUM_VALUE (OM_ORIGIN_NONE, "none"),
  G_DEFINE_ENUM_VALUE (OM_ORIGIN_DISCOVERED, "discovered"),
  G_DEFINE_ENUM_VALUE (OM_ORIGIN_IMPORTED, "imported"),
  G_DEFINE_ENUM_VALUE (OM_ORIGIN_MANUAL, "manual"))

G_DEFINE_ENUM_TYPE (OmSeverity, om_severity,
  G_DEFINE_ENUM_VALUE (OM_SEVERITY_INFO, "info"),
  G_DEFINE_ENUM_VALUE (OM_SEVERITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (OM_SEVERITY_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (OM_SEVERITY_HIGH, "high"),
  G_DEFINE_ENUM_VALUE (OM_SEVERITY_CRITICAL, "critical"))

G_DEFINE_ENUM_TYPE (OmEolStatus, om_eol_status,
  G_DEFINE_ENUM_VALUE (OM_EOL_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (OM_EOL_STATUS_SUPPORTED, "supported"),
  G_DEFINE_ENUM_VALUE (OM_EOL_STATUS_ENDING_SOON, "ending-soon"),
  G_DEFINE_ENUM_VALUE (OM_EOL_STATUS_UNSUPPORTED, "unsupported"))

/* The nick of each GEnumValue is its stable id. */
static const char *
enum_to_string (GType type, int value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return ev != NULL ? ev->value_nick : NULL;
}

static gboolean
enum_from_string (GType type, const char *str, int *out)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);
  if (ev == NULL)
    return FALSE;
  *out = ev->value;
  return TRUE;
}

#define DEFINE_STRING_FUNCS(Type, prefix, TYPE_MACRO)                        \
  const char *prefix##_to_string (Type value)                                \
  {                                                                          \
    return enum_to_string (TYPE_MACRO, value);                               \
  }                                                                          \
  gboolean prefix##_from_string (const char *str, Type *out)                 \
  {                                                                          \
    int v;                                                                   \
    if (!enum_from_string (TYPE_MACRO, str, &v))                             \
      return FALSE;                                                          \
    *out = (Type) v;                                                         \
    return TRUE;                                                             \
  }

DEFINE_STRING_FUNCS (OmDeviceKind, om_device_kind, OM_TYPE_DEVICE_KIND)
DEFINE_STRING_FUNCS (OmOwnership, om_ownership, OM_TYPE_OWNERSHIP)
DEFINE_STRING_FUNCS (OmOrigin, om_origin, OM_TYPE_ORIGIN)
DEFINE_STRING_FUNCS (OmSeverity, om_severity, OM_TYPE_SEVERITY)
DEFINE_STRING_FUNCS (OmEolStatus, om_eol_status, OM_TYPE_EOL_STATUS)

const char *
om_device_kind_to_label (OmDeviceKind kind)
{
  switch (kind)
    {
    case OM_DEVICE_KIND_PC: return _("Desktop PC");
    case OM_DEVICE_KIND_LAPTOP: return _("Laptop");
    case OM_DEVICE_KIND_SERVER: return _("Server");
    case OM_DEVICE_KIND_NAS: return _("NAS");
    case OM_DEVICE_KIND_PRINTER: return _("Printer");
    case OM_DEVICE_KIND_MFP: return _("Multifunction printer");
    case OM_DEVICE_KIND_PHONE: return _("Phone");
    case OM_DEVICE_KIND_TABLET: return _("Tablet");
    case OM_DEVICE_KIND_ROUTER: return _("Router");
    case OM_DEVICE_KIND_ACCESS_POINT: return _("Access point");
    case OM_DEVICE_KIND_CAMERA: return _("Camera");
    case OM_DEVICE_KIND_OTHER: return _("Other");
    case OM_DEVICE_KIND_UNKNOWN:
    case OM_N_DEVICE_KINDS:
    default: return _("Unknown");
    }
}

const char *
om_ownership_to_label (OmOwnership ownership)
{
  switch (ownership)
    {
    case OM_OWNERSHIP_COMPANY: return _("Company");
    case OM_OWNERSHIP_PERSONAL: return _("Personal (BYOD)");
    case OM_OWNERSHIP_UNKNOWN:
    case OM_N_OWNERSHIPS:
    default: return _("Unknown");
    }
}

const char *
om_origin_to_label (OmOrigin origin)
{
  switch (origin)
    {
    case OM_ORIGIN_DISCOVERED: return _("Discovered");
    case OM_ORIGIN_IMPORTED: return _("Imported");
    case OM_ORIGIN_MANUAL: return _("Entered by hand");
    case OM_ORIGIN_NONE:
    case OM_N_ORIGINS:
    default: return _("Not set");
    }
}

const char *
om_severity_to_label (OmSeverity severity)
{
  switch (severity)
    {
    case OM_SEVERITY_LOW: return _("Low");
    case OM_SEVERITY_MEDIUM: return _("Medium");
    case OM_SEVERITY_HIGH: return _("High");
    case OM_SEVERITY_CRITICAL: return _("Critical");
    case OM_SEVERITY_INFO:
    case OM_N_SEVERITIES:
    default: return _("Information");
    }
}

const char *
om_eol_status_to_label (OmEolStatus status)
{
  switch (status)
    {
    case OM_EOL_STATUS_SUPPORTED: return _("Supported");
    case OM_EOL_STATUS_ENDING_SOON: return _("Support ending soon");
    case OM_EOL_STATUS_UNSUPPORTED: return _("Unsupported");
    case OM_EOL_STATUS_UNKNOWN:
    case OM_N_EOL_STATUSES:
    default: return _("Unknown");
    }
}

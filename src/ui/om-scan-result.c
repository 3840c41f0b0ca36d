/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-scan-result"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "om-scan-result.h"

struct _OmScanResult
{
  GObject parent_instance;

  char        *address;
  guint        address_number;
  char        *name;
  OmDeviceKind kind;
  char        *vendor_model;
  char        *os;
  OmEolStatus  eol_status;
  char        *eol_detail;
  gboolean     is_new;
  gboolean     identified;
  OmDevice    *device;
};

G_DEFINE_FINAL_TYPE (OmScanResult, om_scan_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_ADDRESS_NUMBER,
  PROP_NAME,
  PROP_KIND_LABEL,
  PROP_VENDOR_MODEL,
  PROP_OS,
  PROP_EOL_LABEL,
  PROP_EOL_DETAIL,
  PROP_EOL_CSS_CLASSES,
  PROP_IS_NEW,
  PROP_STATUS_LABEL,
  PROP_STATUS_TOOLTIP,
  PROP_STATUS_CSS_CLASSES,
  PROP_IDENTIFIED,
  PROP_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces *@field with a copy of @value; TRUE if it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_string_prop (OmScanResult  *self,
                 char         **field,
                 const char    *value,
                 guint          prop)
{
  if (set_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static const char *
eol_css_class (OmEolStatus status)
{
  switch (status)
    {
    case OM_EOL_STATUS_SUPPORTED:
      return "success";
    case OM_EOL_STATUS_ENDING_SOON:
      return "warning";
    case OM_EOL_STATUS_UNSUPPORTED:
      return "error";
    case OM_EOL_STATUS_UNKNOWN:
    case OM_N_EOL_STATUSES:
    default:
      return "dim-label";
    }
}

static char *
join_vendor_model (const char *vendor,
                   const char *model)
{
  gboolean has_vendor = vendor != NULL && *vendor != '\0';
  gboolean has_model = model != NULL && *model != '\0';

  /* Models often repeat the vendor ("Brother HL-L2375DW"): don't say it twice. */
  if (has_vendor && has_model && g_str_has_prefix (model, vendor))
    return g_strdup (model);
  if (has_vendor && has_model)
    return g_strdup_printf ("%s %s", vendor, model);
  if (has_vendor)
    return g_strdup (vendor);
  if (has_model)
    return g_strdup (model);
  return g_strdup ("");
}

static void
om_scan_result_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OmScanResult *self = OM_SCAN_RESULT (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_ADDRESS_NUMBER:
      g_value_set_uint (value, self->address_number);
      break;
    case PROP_NAME:
      g_value_set_string (value, om_scan_result_get_name (self));
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, om_scan_result_get_kind_label (self));
      break;
    case PROP_VENDOR_MODEL:
      g_value_set_string (value, om_scan_result_get_vendor_model (self));
      break;
    case PROP_OS:
      g_value_set_string (value, om_scan_result_get_os (self));
      break;
    case PROP_EOL_LABEL:
      g_value_set_string (value, om_scan_result_get_eol_label (self));
      break;
    case PROP_EOL_DETAIL:
      g_value_set_string (value, self->eol_detail);
      break;
    case PROP_EOL_CSS_CLASSES:
      {
        const char *classes[] = { "om-eol-badge", eol_css_class (self->eol_status), NULL };

        /* No badge at all until there is something to judge. */
        g_value_set_boxed (value, self->identified ? classes : NULL);
      }
      break;
    case PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, self->is_new ? _("New") : _("Known"));
      break;
    case PROP_STATUS_TOOLTIP:
      g_value_set_string (value, self->is_new
                          ? _("Not in the inventory before this scan: review it")
                          : _("Already in the inventory"));
      break;
    case PROP_STATUS_CSS_CLASSES:
      {
        /* Bold accent text beside an icon: the word "New" carries the meaning. */
        const char *new_classes[] = { "heading", "accent", NULL };
        const char *known_classes[] = { "dim-label", NULL };
        const char * const *classes = self->is_new ? new_classes : known_classes;

        g_value_set_boxed (value, classes);
      }
      break;
    case PROP_IDENTIFIED:
      g_value_set_boolean (value, self->identified);
      break;
    case PROP_DEVICE:
      g_value_set_object (value, self->device);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_scan_result_finalize (GObject *object)
{
  OmScanResult *self = OM_SCAN_RESULT (object);

  g_free (self->address);
  g_free (self->name);
  g_free (self->vendor_model);
  g_free (self->os);
  g_free (self->eol_detail);
  g_clear_object (&self->device);

  G_OBJECT_CLASS (om_scan_result_parent_class)->finalize (object);
}

static void
om_scan_result_class_init (OmScanResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_scan_result_finalize;
  object_class->get_property = om_scan_result_get_property;

  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS_NUMBER] = g_param_spec_uint ("address-number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_VENDOR_MODEL] = g_param_spec_string ("vendor-model", NULL, NULL, NULL, flags);
  properties[PROP_OS] = g_param_spec_string ("os", NULL, NULL, NULL, flags);
  properties[PROP_EOL_LABEL] = g_param_spec_string ("eol-label", NULL, NULL, NULL, flags);
  properties[PROP_EOL_DETAIL] = g_param_spec_string ("eol-detail", NULL, NULL, NULL, flags);
  properties[PROP_EOL_CSS_CLASSES] = g_param_spec_boxed ("eol-css-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_IS_NEW] = g_param_spec_boolean ("is-new", NULL, NULL, FALSE, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_TOOLTIP] = g_param_spec_string ("status-tooltip", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_CSS_CLASSES] = g_param_spec_boxed ("status-css-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_IDENTIFIED] = g_param_spec_boolean ("identified", NULL, NULL, FALSE, flags);
  properties[PROP_DEVICE] = g_param_spec_object ("device", NULL, NULL, OM_TYPE_DEVICE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_scan_result_init (OmScanResult *self)
{
  self->eol_status = OM_EOL_STATUS_UNKNOWN;
}

OmScanResult *
om_scan_result_new (const char *address)
{
  OmScanResult *self;
  g_autoptr(GInetAddress) inet = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  self = g_object_new (OM_TYPE_SCAN_RESULT, NULL);
  self->address = g_strdup (address);
  inet = g_inet_address_new_from_string (address);
  if (inet != NULL && g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4)
    {
      const guint8 *b = g_inet_address_to_bytes (inet);

      self->address_number = ((guint) b[0] << 24) | ((guint) b[1] << 16) | ((guint) b[2] << 8) | b[3];
    }
  return self;
}

const char *
om_scan_result_get_address (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  return self->address;
}

guint
om_scan_result_get_address_number (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), 0);
  return self->address_number;
}

const char *
om_scan_result_get_name (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  return self->name != NULL ? self->name : "";
}

OmDeviceKind
om_scan_result_get_kind (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), OM_DEVICE_KIND_UNKNOWN);
  return self->kind;
}

const char *
om_scan_result_get_kind_label (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  if (!self->identified && self->kind == OM_DEVICE_KIND_UNKNOWN)
    return "";
  return om_device_kind_to_label (self->kind);
}

const char *
om_scan_result_get_vendor_model (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  return self->vendor_model != NULL ? self->vendor_model : "";
}

const char *
om_scan_result_get_os (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  if (!self->identified)
    return _("Identifying…");
  return self->os != NULL ? self->os : "";
}

OmEolStatus
om_scan_result_get_eol_status (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), OM_EOL_STATUS_UNKNOWN);
  return self->eol_status;
}

const char *
om_scan_result_get_eol_label (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  if (!self->identified)
    return "";
  return om_eol_status_to_label (self->eol_status);
}

const char *
om_scan_result_get_eol_detail (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  return self->eol_detail;
}

gboolean
om_scan_result_get_is_new (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), FALSE);
  return self->is_new;
}

gboolean
om_scan_result_get_identified (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), FALSE);
  return self->identified;
}

OmDevice *
om_scan_result_get_device (OmScanResult *self)
{
  g_return_val_if_fail (OM_IS_SCAN_RESULT (self), NULL);
  return self->device;
}

void
om_scan_result_set_identity (OmScanResult *self,
                             OmIdentity   *identity)
{
  g_autofree char *vendor_model = NULL;

  g_return_if_fail (OM_IS_SCAN_RESULT (self));
  g_return_if_fail (identity != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  set_string_prop (self, &self->name, identity->name.value, PROP_NAME);
  if (self->kind != identity->kind)
    {
      self->kind = identity->kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
    }
  vendor_model = join_vendor_model (identity->vendor.value, identity->model.value);
  set_string_prop (self, &self->vendor_model, vendor_model, PROP_VENDOR_MODEL);
  set_string (&self->os, identity->os_name.value);
  if (!self->identified)
    {
      self->identified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDENTIFIED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EOL_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EOL_CSS_CLASSES]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OS]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
om_scan_result_set_eol (OmScanResult *self,
                        OmEolStatus   status,
                        const char   *detail)
{
  g_return_if_fail (OM_IS_SCAN_RESULT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->eol_status != status)
    {
      self->eol_status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EOL_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EOL_CSS_CLASSES]);
    }
  set_string_prop (self, &self->eol_detail, detail, PROP_EOL_DETAIL);
  g_object_thaw_notify (G_OBJECT (self));
}

void
om_scan_result_set_is_new (OmScanResult *self,
                           gboolean      is_new)
{
  g_return_if_fail (OM_IS_SCAN_RESULT (self));

  is_new = !!is_new;
  if (self->is_new == is_new)
    return;
  self->is_new = is_new;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TOOLTIP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_CSS_CLASSES]);
}

void
om_scan_result_set_device (OmScanResult *self,
                           OmDevice     *device)
{
  g_autofree char *name = NULL;
  g_autofree char *vendor_model = NULL;
  g_autofree char *os = NULL;

  g_return_if_fail (OM_IS_SCAN_RESULT (self));
  g_return_if_fail (device == NULL || OM_IS_DEVICE (device));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->device, device))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE]);
  if (device != NULL)
    {
      name = om_device_dup_display_name (device);
      set_string_prop (self, &self->name, name, PROP_NAME);
      if (self->kind != om_device_get_kind (device))
        {
          self->kind = om_device_get_kind (device);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
        }
      vendor_model = join_vendor_model (om_device_get_vendor (device), om_device_get_model (device));
      set_string_prop (self, &self->vendor_model, vendor_model, PROP_VENDOR_MODEL);
      os = om_device_dup_os_display (device);
      if (!self->identified)
        {
          self->identified = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDENTIFIED]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EOL_LABEL]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EOL_CSS_CLASSES]);
        }
      set_string (&self->os, os);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-device-row"

#include "config.h"

#include "om-device-row.h"

struct _OmDeviceRow
{
  GObject   parent_instance;

  OmDevice *device;
};

G_DEFINE_FINAL_TYPE (OmDeviceRow, om_device_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
om_device_row_dispose (GObject *object)
{
  OmDeviceRow *self = OM_DEVICE_ROW (object);

  g_clear_object (&self->device);

  G_OBJECT_CLASS (om_device_row_parent_class)->dispose (object);
}

static void
om_device_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OmDeviceRow *self = OM_DEVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_object (value, self->device);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_device_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OmDeviceRow *self = OM_DEVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      om_device_row_set_device (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_device_row_class_init (OmDeviceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_device_row_dispose;
  object_class->get_property = om_device_row_get_property;
  object_class->set_property = om_device_row_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_object ("device", NULL, NULL, OM_TYPE_DEVICE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_device_row_init (OmDeviceRow *self)
{
}

OmDeviceRow *
om_device_row_new (OmDevice *device)
{
  g_return_val_if_fail (device == NULL || OM_IS_DEVICE (device), NULL);

  return g_object_new (OM_TYPE_DEVICE_ROW, "device", device, NULL);
}

OmDevice *
om_device_row_get_device (OmDeviceRow *self)
{
  g_return_val_if_fail (OM_IS_DEVICE_ROW (self), NULL);

  return self->device;
}

void
om_device_row_set_device (OmDeviceRow *self,
                          OmDevice    *device)
{
  g_return_if_fail (OM_IS_DEVICE_ROW (self));
  g_return_if_fail (device == NULL || OM_IS_DEVICE (device));

  if (g_set_object (&self->device, device))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE]);
}

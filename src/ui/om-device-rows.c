/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-device-rows"

#include "config.h"

#include "om-device-rows.h"

struct _OmDeviceRows
{
  GObject     parent_instance;

  GListModel *devices;
  GPtrArray  *rows;  /* OmDeviceRow, one per item of @devices */
};

static void om_device_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OmDeviceRows, om_device_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, om_device_rows_list_model_init))

static GType
om_device_rows_get_item_type (GListModel *model)
{
  return OM_TYPE_DEVICE_ROW;
}

static guint
om_device_rows_get_n_items (GListModel *model)
{
  return OM_DEVICE_ROWS (model)->rows->len;
}

static gpointer
om_device_rows_get_item (GListModel *model,
                         guint       position)
{
  OmDeviceRows *self = OM_DEVICE_ROWS (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
om_device_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = om_device_rows_get_item_type;
  iface->get_n_items = om_device_rows_get_n_items;
  iface->get_item = om_device_rows_get_item;
}

static void
on_devices_items_changed_cb (GListModel   *devices,
                             guint         position,
                             guint         removed,
                             guint         added,
                             OmDeviceRows *self)
{
  guint old_n = self->rows->len;
  guint new_n = g_list_model_get_n_items (devices);
  /* With as many added as removed nothing after the change moves. */
  guint end = removed == added ? position + added : new_n;

  for (guint i = position; i < MIN (end, old_n); i++)
    {
      g_autoptr(OmDevice) device = g_list_model_get_item (devices, i);

      om_device_row_set_device (g_ptr_array_index (self->rows, i), device);
    }

  if (new_n > old_n)
    {
      for (guint i = old_n; i < new_n; i++)
        {
          g_autoptr(OmDevice) device = g_list_model_get_item (devices, i);

          g_ptr_array_add (self->rows, om_device_row_new (device));
        }
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
  else if (new_n < old_n)
    {
      g_ptr_array_remove_range (self->rows, new_n, old_n - new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
}

static void
om_device_rows_dispose (GObject *object)
{
  OmDeviceRows *self = OM_DEVICE_ROWS (object);

  if (self->devices != NULL)
    g_signal_handlers_disconnect_by_func (self->devices, on_devices_items_changed_cb, self);
  g_clear_object (&self->devices);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (om_device_rows_parent_class)->dispose (object);
}

static void
om_device_rows_finalize (GObject *object)
{
  OmDeviceRows *self = OM_DEVICE_ROWS (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (om_device_rows_parent_class)->finalize (object);
}

static void
om_device_rows_class_init (OmDeviceRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_device_rows_dispose;
  object_class->finalize = om_device_rows_finalize;
}

static void
om_device_rows_init (OmDeviceRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

OmDeviceRows *
om_device_rows_new (GListModel *devices)
{
  OmDeviceRows *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (devices), NULL);

  self = g_object_new (OM_TYPE_DEVICE_ROWS, NULL);
  self->devices = g_object_ref (devices);
  g_signal_connect (devices, "items-changed", G_CALLBACK (on_devices_items_changed_cb), self);
  on_devices_items_changed_cb (devices, 0, 0, g_list_model_get_n_items (devices), self);
  return self;
}

GListModel *
om_device_rows_get_devices (OmDeviceRows *self)
{
  g_return_val_if_fail (OM_IS_DEVICE_ROWS (self), NULL);

  return self->devices;
}

gboolean
om_device_rows_find (OmDeviceRows *self,
                     OmDevice     *device,
                     guint        *position)
{
  g_return_val_if_fail (OM_IS_DEVICE_ROWS (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    if (om_device_row_get_device (g_ptr_array_index (self->rows, i)) == device)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-inventory"

#include "config.h"

#include "om-inventory.h"

struct _OmInventory
{
  GObject     parent_instance;

  GPtrArray  *devices;        /* of OmDevice*, owned */
  GHashTable *by_id;          /* id -> OmDevice*, borrowed */

  /* Lookups by MAC/address/identifier/host name are rebuilt lazily after edits. */
  GHashTable *by_key;         /* "mac:…", "ip:…", "idn:…", "host:…" -> OmDevice*, borrowed */
  gboolean    index_dirty;
};

static void om_inventory_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OmInventory, om_inventory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      om_inventory_list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
index_list (GHashTable         *index,
            const char         *prefix,
            const char * const *values,
            OmDevice           *device)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      char *key = g_strconcat (prefix, values[i], NULL);

      /* The first device keeps a contested key; duplicates are a merge problem. */
      if (g_hash_table_contains (index, key))
        g_free (key);
      else
        g_hash_table_insert (index, key, device);
    }
}

static void
ensure_index (OmInventory *self)
{
  if (!self->index_dirty)
    return;

  g_hash_table_remove_all (self->by_key);
  for (guint i = 0; i < self->devices->len; i++)
    {
      OmDevice *device = g_ptr_array_index (self->devices, i);

      index_list (self->by_key, "mac:", om_device_get_macs (device), device);
      index_list (self->by_key, "ip:", om_device_get_ipv4 (device), device);
      index_list (self->by_key, "ip:", om_device_get_ipv6 (device), device);
      index_list (self->by_key, "idn:", om_device_get_identifiers (device), device);
      index_list (self->by_key, "host:", om_device_get_hostnames (device), device);
    }
  self->index_dirty = FALSE;
}

static void
on_device_changed_cb (OmDevice *device,
                      gpointer  user_data)
{
  OmInventory *self = user_data;

  self->index_dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
track_device (OmInventory *self,
              OmDevice    *device)
{
  g_hash_table_insert (self->by_id, (gpointer) om_device_get_id (device), device);
  /* A direct watch: a signal connection per device was 8 % of a 10,000-device load. */
  om_device_add_watch (device, on_device_changed_cb, self);
}

static void
untrack_device (OmInventory *self,
                OmDevice    *device)
{
  g_hash_table_remove (self->by_id, om_device_get_id (device));
  om_device_remove_watch (device, on_device_changed_cb, self);
}

static void
items_changed (OmInventory *self,
               guint        position,
               guint        removed,
               guint        added)
{
  self->index_dirty = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GType
om_inventory_get_item_type (GListModel *model)
{
  return OM_TYPE_DEVICE;
}

static guint
om_inventory_get_n_items (GListModel *model)
{
  return OM_INVENTORY (model)->devices->len;
}

static gpointer
om_inventory_get_item (GListModel *model,
                       guint       position)
{
  OmInventory *self = OM_INVENTORY (model);

  if (position >= self->devices->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->devices, position));
}

static void
om_inventory_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = om_inventory_get_item_type;
  iface->get_n_items = om_inventory_get_n_items;
  iface->get_item = om_inventory_get_item;
}

static void
om_inventory_dispose (GObject *object)
{
  OmInventory *self = (OmInventory *) object;

  if (self->devices != NULL)
    for (guint i = 0; i < self->devices->len; i++)
      om_device_remove_watch (g_ptr_array_index (self->devices, i), on_device_changed_cb, self);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_ptr_array_unref);

  G_OBJECT_CLASS (om_inventory_parent_class)->dispose (object);
}

static void
om_inventory_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OmInventory *self = OM_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->devices->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_inventory_class_init (OmInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_inventory_dispose;
  object_class->get_property = om_inventory_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OmInventory::changed:
   *
   * Emitted when a device was added, removed or edited.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_inventory_init (OmInventory *self)
{
  self->devices = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->index_dirty = TRUE;
}

OmInventory *
om_inventory_new (void)
{
  return g_object_new (OM_TYPE_INVENTORY, NULL);
}

void
om_inventory_insert (OmInventory *self,
                     guint        position,
                     OmDevice    *device)
{
  g_return_if_fail (OM_IS_INVENTORY (self));
  g_return_if_fail (OM_IS_DEVICE (device));
  g_return_if_fail (!g_hash_table_contains (self->by_id, om_device_get_id (device)));

  position = MIN (position, self->devices->len);
  g_ptr_array_insert (self->devices, position, g_object_ref (device));
  track_device (self, device);
  items_changed (self, position, 0, 1);
}

void
om_inventory_add (OmInventory *self,
                  OmDevice    *device)
{
  g_return_if_fail (OM_IS_INVENTORY (self));
  om_inventory_insert (self, self->devices->len, device);
}

void
om_inventory_add_many (OmInventory  *self,
                       OmDevice    **devices,
                       guint         n)
{
  guint position;
  guint added = 0;

  g_return_if_fail (OM_IS_INVENTORY (self));

  position = self->devices->len;
  for (guint i = 0; i < n; i++)
    {
      if (g_hash_table_contains (self->by_id, om_device_get_id (devices[i])))
        {
          g_warning ("Device %s is already in the inventory", om_device_get_id (devices[i]));
          continue;
        }
      g_ptr_array_add (self->devices, g_object_ref (devices[i]));
      track_device (self, devices[i]);
      added++;
    }
  if (added > 0)
    items_changed (self, position, 0, added);
}

int
om_inventory_remove (OmInventory *self,
                     OmDevice    *device)
{
  guint position;

  g_return_val_if_fail (OM_IS_INVENTORY (self), -1);
  g_return_val_if_fail (OM_IS_DEVICE (device), -1);

  if (!g_ptr_array_find (self->devices, device, &position))
    return -1;
  untrack_device (self, device);
  g_ptr_array_remove_index (self->devices, position);
  items_changed (self, position, 1, 0);
  return (int) position;
}

void
om_inventory_clear (OmInventory *self)
{
  guint n;

  g_return_if_fail (OM_IS_INVENTORY (self));

  n = self->devices->len;
  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    untrack_device (self, g_ptr_array_index (self->devices, i));
  g_ptr_array_set_size (self->devices, 0);
  items_changed (self, 0, n, 0);
}

guint
om_inventory_get_n_devices (OmInventory *self)
{
  g_return_val_if_fail (OM_IS_INVENTORY (self), 0);
  return self->devices->len;
}

OmDevice *
om_inventory_get_device (OmInventory *self,
                         guint        position)
{
  g_return_val_if_fail (OM_IS_INVENTORY (self), NULL);
  if (position >= self->devices->len)
    return NULL;
  return g_ptr_array_index (self->devices, position);
}

OmDevice *
om_inventory_find_by_id (OmInventory *self,
                         const char  *id)
{
  g_return_val_if_fail (OM_IS_INVENTORY (self), NULL);
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

static OmDevice *
find_by_key (OmInventory *self,
             const char  *prefix,
             const char  *value)
{
  g_autofree char *key = NULL;

  if (value == NULL)
    return NULL;
  ensure_index (self);
  key = g_strconcat (prefix, value, NULL);
  return g_hash_table_lookup (self->by_key, key);
}

OmDevice *
om_inventory_find_by_mac (OmInventory *self,
                          const char  *mac)
{
  g_autofree char *normalized = om_mac_normalize (mac);

  g_return_val_if_fail (OM_IS_INVENTORY (self), NULL);
  return find_by_key (self, "mac:", normalized);
}

OmDevice *
om_inventory_find_by_address (OmInventory *self,
                              const char  *address)
{
  g_autoptr(GInetAddress) addr = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (OM_IS_INVENTORY (self), NULL);
  if (address == NULL)
    return NULL;
  addr = g_inet_address_new_from_string (address);
  if (addr == NULL)
    return NULL;
  canonical = g_inet_address_to_string (addr);
  return find_by_key (self, "ip:", canonical);
}

OmDevice *
om_inventory_find_by_identifier (OmInventory *self,
                                 const char  *identifier)
{
  g_return_val_if_fail (OM_IS_INVENTORY (self), NULL);
  return find_by_key (self, "idn:", identifier);
}

OmDevice *
om_inventory_find_by_hostname (OmInventory *self,
                               const char  *hostname)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (OM_IS_INVENTORY (self), NULL);
  if (hostname == NULL)
    return NULL;
  lower = g_utf8_strdown (hostname, -1);
  return find_by_key (self, "host:", lower);
}

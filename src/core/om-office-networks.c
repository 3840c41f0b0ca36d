/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-office-networks"

#include "config.h"

#include <glib/gi18n.h>

#include "om-office-networks.h"

struct _OmOfficeNetworks
{
  GObject    parent_instance;

  GPtrArray *items;   /* OmOfficeNetwork*, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OmOfficeNetworks, om_office_networks, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_network_notify_cb (OmOfficeNetworks *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
watch (OmOfficeNetworks *self,
       OmOfficeNetwork  *network)
{
  g_signal_connect_object (network, "notify", G_CALLBACK (on_network_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch (gpointer data,
         gpointer user_data)
{
  g_signal_handlers_disconnect_by_data (data, user_data);
}

static GType
get_item_type (GListModel *model)
{
  return OM_TYPE_OFFICE_NETWORK;
}

static guint
get_n_items (GListModel *model)
{
  return OM_OFFICE_NETWORKS (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  OmOfficeNetworks *self = OM_OFFICE_NETWORKS (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
om_office_networks_dispose (GObject *object)
{
  OmOfficeNetworks *self = (OmOfficeNetworks *) object;

  if (self->items != NULL)
    g_ptr_array_foreach (self->items, unwatch, self);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (om_office_networks_parent_class)->dispose (object);
}

static void
om_office_networks_class_init (OmOfficeNetworksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_office_networks_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_office_networks_init (OmOfficeNetworks *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

OmOfficeNetworks *
om_office_networks_new (void)
{
  return g_object_new (OM_TYPE_OFFICE_NETWORKS, NULL);
}

static gboolean
load_section (GObject   *section,
              JsonNode  *node,
              GError   **error)
{
  return om_office_networks_load_json (OM_OFFICE_NETWORKS (section), node, error);
}

static JsonNode *
save_section (GObject *section)
{
  return om_office_networks_to_json (OM_OFFICE_NETWORKS (section));
}

OmOfficeNetworks *
om_office_networks_get_for_document (OmDocument *document)
{
  g_return_val_if_fail (OM_IS_DOCUMENT (document), NULL);

  return OM_OFFICE_NETWORKS (om_document_ensure_section (document, OM_OFFICE_NETWORKS_SECTION,
                                                         OM_TYPE_OFFICE_NETWORKS, load_section, save_section));
}

OmOfficeNetwork *
om_office_networks_find (OmOfficeNetworks *self,
                         const char       *ssid,
                         OmWifiPurpose     purpose,
                         gboolean          any_purpose)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORKS (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      OmOfficeNetwork *n = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (om_office_network_get_ssid (n), ssid) == 0
          && (any_purpose || om_office_network_get_purpose (n) == purpose))
        return n;
    }
  return NULL;
}

OmOfficeNetwork *
om_office_networks_register (OmOfficeNetworks *self,
                             OmOfficeNetwork  *network)
{
  OmOfficeNetwork *existing;

  g_return_val_if_fail (OM_IS_OFFICE_NETWORKS (self), NULL);
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (network), NULL);

  existing = om_office_networks_find (self, om_office_network_get_ssid (network),
                                      om_office_network_get_purpose (network), FALSE);
  if (existing == network)
    return existing;
  if (existing != NULL)
    {
      const char * const *bssids = om_office_network_get_bssids (network);

      om_office_network_set_required (existing, om_office_network_get_required (network));
      for (guint i = 0; bssids[i] != NULL; i++)
        om_office_network_add_bssid (existing, bssids[i], NULL);
      return existing;
    }

  g_ptr_array_add (self->items, g_object_ref (network));
  watch (self, network);
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  g_signal_emit (self, signals[CHANGED], 0);
  return network;
}

gboolean
om_office_networks_remove (OmOfficeNetworks *self,
                           OmOfficeNetwork  *network)
{
  guint pos;

  g_return_val_if_fail (OM_IS_OFFICE_NETWORKS (self), FALSE);

  if (!g_ptr_array_find (self->items, network, &pos))
    return FALSE;
  unwatch (network, self);
  g_ptr_array_remove_index (self->items, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

JsonNode *
om_office_networks_to_json (OmOfficeNetworks *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (OM_IS_OFFICE_NETWORKS (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    om_office_network_to_json (g_ptr_array_index (self->items, i), builder);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

gboolean
om_office_networks_load_json (OmOfficeNetworks *self,
                              JsonNode         *node,
                              GError          **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint removed;

  g_return_val_if_fail (OM_IS_OFFICE_NETWORKS (self), FALSE);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID,
                       _("The list of registered Wi-Fi networks in the data file is damaged."));
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          OmOfficeNetwork *network;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID,
                           _("The list of registered Wi-Fi networks in the data file is damaged."));
              return FALSE;
            }
          network = om_office_network_new_from_json (json_node_get_object (element), error);
          if (network == NULL)
            return FALSE;
          g_ptr_array_add (items, network);
        }
    }

  g_ptr_array_foreach (self->items, unwatch, self);
  removed = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  for (guint i = 0; i < self->items->len; i++)
    watch (self, g_ptr_array_index (self->items, i));
  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
  return TRUE;
}

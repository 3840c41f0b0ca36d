/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-snmpv3-sets"

#include "config.h"

#include <glib/gi18n.h>

#include "om-snmpv3-sets.h"

struct _OmSnmpv3Sets
{
  GObject    parent_instance;

  GPtrArray *items;   /* OmSnmpv3Set*, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OmSnmpv3Sets, om_snmpv3_sets, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return OM_TYPE_SNMPV3_SET;
}

static guint
get_n_items (GListModel *model)
{
  return OM_SNMPV3_SETS (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  OmSnmpv3Sets *self = OM_SNMPV3_SETS (model);

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
om_snmpv3_sets_dispose (GObject *object)
{
  OmSnmpv3Sets *self = OM_SNMPV3_SETS (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (om_snmpv3_sets_parent_class)->dispose (object);
}

static void
om_snmpv3_sets_class_init (OmSnmpv3SetsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = om_snmpv3_sets_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_snmpv3_sets_init (OmSnmpv3Sets *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

OmSnmpv3Sets *
om_snmpv3_sets_new (void)
{
  return g_object_new (OM_TYPE_SNMPV3_SETS, NULL);
}

static gboolean
load_section (GObject   *section,
              JsonNode  *node,
              GError   **error)
{
  return om_snmpv3_sets_load_json (OM_SNMPV3_SETS (section), node, error);
}

static JsonNode *
save_section (GObject *section)
{
  return om_snmpv3_sets_to_json (OM_SNMPV3_SETS (section));
}

OmSnmpv3Sets *
om_snmpv3_sets_get_for_document (OmDocument *document)
{
  g_return_val_if_fail (OM_IS_DOCUMENT (document), NULL);

  return OM_SNMPV3_SETS (om_document_ensure_section (document, OM_SNMPV3_SETS_SECTION, OM_TYPE_SNMPV3_SETS,
                                                     load_section, save_section));
}

static gint
index_of (OmSnmpv3Sets *self,
          const char   *id)
{
  for (guint i = 0; id != NULL && i < self->items->len; i++)
    if (g_str_equal (om_snmpv3_set_get_id (g_ptr_array_index (self->items, i)), id))
      return (gint) i;
  return -1;
}

void
om_snmpv3_sets_put (OmSnmpv3Sets *self,
                    OmSnmpv3Set  *set)
{
  gint i;

  g_return_if_fail (OM_IS_SNMPV3_SETS (self));
  g_return_if_fail (OM_IS_SNMPV3_SET (set));

  i = index_of (self, om_snmpv3_set_get_id (set));
  if (i >= 0)
    {
      g_object_unref (g_ptr_array_index (self->items, i));
      g_ptr_array_index (self->items, i) = g_object_ref (set);
      g_list_model_items_changed (G_LIST_MODEL (self), (guint) i, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->items, g_object_ref (set));
      g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
om_snmpv3_sets_remove (OmSnmpv3Sets *self,
                       const char   *id)
{
  gint i;

  g_return_val_if_fail (OM_IS_SNMPV3_SETS (self), FALSE);
  i = index_of (self, id);
  if (i < 0)
    return FALSE;
  g_ptr_array_remove_index (self->items, (guint) i);
  g_list_model_items_changed (G_LIST_MODEL (self), (guint) i, 1, 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

OmSnmpv3Set *
om_snmpv3_sets_find (OmSnmpv3Sets *self,
                     const char   *id)
{
  gint i;

  g_return_val_if_fail (OM_IS_SNMPV3_SETS (self), NULL);
  i = index_of (self, id);
  return i >= 0 ? g_ptr_array_index (self->items, i) : NULL;
}

OmSnmpv3Set *
om_snmpv3_sets_lookup (OmSnmpv3Sets *self,
                       const char   *id_or_label)
{
  OmSnmpv3Set *found;
  g_autofree char *want = NULL;

  g_return_val_if_fail (OM_IS_SNMPV3_SETS (self), NULL);
  if (id_or_label == NULL)
    return NULL;
  found = om_snmpv3_sets_find (self, id_or_label);
  if (found != NULL)
    return found;
  want = g_utf8_casefold (id_or_label, -1);
  for (guint i = 0; i < self->items->len; i++)
    {
      OmSnmpv3Set *s = g_ptr_array_index (self->items, i);
      g_autofree char *label = g_utf8_casefold (om_snmpv3_set_get_label (s), -1);

      if (g_str_equal (label, want))
        {
          if (found != NULL)
            return NULL;   /* two sets with that name: say which by id */
          found = s;
        }
    }
  return found;
}

OmSnmpv3Set *
om_snmpv3_sets_best_for (OmSnmpv3Sets *self,
                         const char   *address)
{
  OmSnmpv3Set *best = NULL;
  guint64 best_score = OM_SNMPV3_SET_NO_MATCH;

  g_return_val_if_fail (OM_IS_SNMPV3_SETS (self), NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      OmSnmpv3Set *s = g_ptr_array_index (self->items, i);
      guint64 score = om_snmpv3_set_match_string (s, address);

      if (score < best_score)
        {
          best = s;
          best_score = score;
        }
    }
  return best;
}

JsonNode *
om_snmpv3_sets_to_json (OmSnmpv3Sets *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (OM_IS_SNMPV3_SETS (self), NULL);
  for (guint i = 0; i < self->items->len; i++)
    json_array_add_element (array, om_snmpv3_set_to_json (g_ptr_array_index (self->items, i)));
  json_node_take_array (node, array);
  return node;
}

gboolean
om_snmpv3_sets_load_json (OmSnmpv3Sets  *self,
                          JsonNode      *node,
                          GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_len;

  g_return_val_if_fail (OM_IS_SNMPV3_SETS (self), FALSE);
  if (node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                       _("The SNMPv3 credential sets in the data file are not a list."));
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array) && i < OM_SNMPV3_SETS_MAX; i++)
        {
          OmSnmpv3Set *set = om_snmpv3_set_new_from_json (json_array_get_element (array, i), error);

          if (set == NULL)
            return FALSE;
          g_ptr_array_add (items, set);
        }
    }
  old_len = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  return TRUE;
}

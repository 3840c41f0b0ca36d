/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-organisation"

#include "config.h"

#include <glib/gi18n.h>

#include "om-organisation.h"

struct _OmOrganisation
{
  GObject parent_instance;

  char *name;
  char *snmp_community;
  char **scan_scope;
  GListStore *staff;
  /* Members written by a newer version, kept so a save does not drop them. */
  JsonObject *extra;
  JsonObject *extra_settings;
};

G_DEFINE_FINAL_TYPE (OmOrganisation, om_organisation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SNMP_COMMUNITY,
  PROP_SCAN_SCOPE,
  PROP_STAFF,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_members[] = { "name", "settings", "staff", NULL };
static const char * const known_settings[] = { "snmp_community", "scan_scope", NULL };

static void
emit_changed (OmOrganisation *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_staff_notify_cb (OmStaff        *staff,
                    GParamSpec     *pspec,
                    OmOrganisation *self)
{
  emit_changed (self);
}

static void
on_staff_items_changed_cb (GListModel     *model,
                           guint           position,
                           guint           removed,
                           guint           added,
                           OmOrganisation *self)
{
  emit_changed (self);
}

static void
watch_staff (OmOrganisation *self, OmStaff *staff)
{
  g_signal_connect_object (staff, "notify", G_CALLBACK (on_staff_notify_cb), self, 0);
}

static void
unwatch_staff (OmOrganisation *self, OmStaff *staff)
{
  g_signal_handlers_disconnect_by_func (staff, on_staff_notify_cb, self);
}

static void
unwatch_all_staff (OmOrganisation *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->staff));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmStaff) staff = g_list_model_get_item (G_LIST_MODEL (self->staff), i);
      unwatch_staff (self, staff);
    }
}

/* Copies the members of @object not named in @known into a new object, or NULL. */
static JsonObject *
collect_unknown (JsonObject *object, const char * const *known)
{
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (g_strv_contains (known, member))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, member, json_node_copy (node));
    }
  return extra;
}

static void
add_unknown (JsonBuilder *builder, JsonObject *extra)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (extra == NULL)
    return;
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &member, &node))
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_value (builder, json_node_copy (node));
    }
}

static void
om_organisation_dispose (GObject *object)
{
  OmOrganisation *self = OM_ORGANISATION (object);

  if (self->staff != NULL)
    {
      unwatch_all_staff (self);
      g_signal_handlers_disconnect_by_func (self->staff, on_staff_items_changed_cb, self);
    }
  g_clear_object (&self->staff);

  G_OBJECT_CLASS (om_organisation_parent_class)->dispose (object);
}

static void
om_organisation_finalize (GObject *object)
{
  OmOrganisation *self = OM_ORGANISATION (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->snmp_community, g_free);
  g_clear_pointer (&self->scan_scope, g_strfreev);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->extra_settings, json_object_unref);

  G_OBJECT_CLASS (om_organisation_parent_class)->finalize (object);
}

static void
om_organisation_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OmOrganisation *self = OM_ORGANISATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SNMP_COMMUNITY:
      g_value_set_string (value, om_organisation_get_snmp_community (self));
      break;
    case PROP_SCAN_SCOPE:
      g_value_set_boxed (value, self->scan_scope);
      break;
    case PROP_STAFF:
      g_value_set_object (value, self->staff);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_organisation_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  OmOrganisation *self = OM_ORGANISATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      om_organisation_set_name (self, g_value_get_string (value));
      break;
    case PROP_SNMP_COMMUNITY:
      om_organisation_set_snmp_community (self, g_value_get_string (value));
      break;
    case PROP_SCAN_SCOPE:
      om_organisation_set_scan_scope (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_organisation_class_init (OmOrganisationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_organisation_dispose;
  object_class->finalize = om_organisation_finalize;
  object_class->get_property = om_organisation_get_property;
  object_class->set_property = om_organisation_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNMP_COMMUNITY] =
    g_param_spec_string ("snmp-community", NULL, NULL, OM_ORGANISATION_DEFAULT_SNMP_COMMUNITY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCAN_SCOPE] =
    g_param_spec_boxed ("scan-scope", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAFF] =
    g_param_spec_object ("staff", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OmOrganisation::changed:
   *
   * Emitted after any edit of the organisation, its settings or its staff.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_organisation_init (OmOrganisation *self)
{
  self->snmp_community = g_strdup (OM_ORGANISATION_DEFAULT_SNMP_COMMUNITY);
  self->scan_scope = g_new0 (char *, 1);
  self->staff = g_list_store_new (OM_TYPE_STAFF);
  g_signal_connect (self->staff, "items-changed", G_CALLBACK (on_staff_items_changed_cb), self);
}

OmOrganisation *
om_organisation_new (void)
{
  return g_object_new (OM_TYPE_ORGANISATION, NULL);
}

const char *
om_organisation_get_name (OmOrganisation *self)
{
  g_return_val_if_fail (OM_IS_ORGANISATION (self), NULL);
  return self->name;
}

void
om_organisation_set_name (OmOrganisation *self, const char *name)
{
  g_return_if_fail (OM_IS_ORGANISATION (self));

  if (name != NULL && *name == '\0')
    name = NULL;
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

const char *
om_organisation_get_snmp_community (OmOrganisation *self)
{
  g_return_val_if_fail (OM_IS_ORGANISATION (self), NULL);
  return self->snmp_community;
}

void
om_organisation_set_snmp_community (OmOrganisation *self, const char *community)
{
  g_return_if_fail (OM_IS_ORGANISATION (self));

  if (community == NULL || *community == '\0')
    community = OM_ORGANISATION_DEFAULT_SNMP_COMMUNITY;
  if (g_strcmp0 (self->snmp_community, community) == 0)
    return;
  g_free (self->snmp_community);
  self->snmp_community = g_strdup (community);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNMP_COMMUNITY]);
  emit_changed (self);
}

const char * const *
om_organisation_get_scan_scope (OmOrganisation *self)
{
  g_return_val_if_fail (OM_IS_ORGANISATION (self), NULL);
  return (const char * const *) self->scan_scope;
}

void
om_organisation_set_scan_scope (OmOrganisation *self, const char * const *scope)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (OM_IS_ORGANISATION (self));

  if (scope == NULL)
    scope = empty;
  if (g_strv_equal ((const char * const *) self->scan_scope, scope))
    return;
  g_strfreev (self->scan_scope);
  self->scan_scope = g_strdupv ((char **) scope);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_SCOPE]);
  emit_changed (self);
}

GListModel *
om_organisation_get_staff (OmOrganisation *self)
{
  g_return_val_if_fail (OM_IS_ORGANISATION (self), NULL);
  return G_LIST_MODEL (self->staff);
}

void
om_organisation_add_staff (OmOrganisation *self, OmStaff *staff)
{
  g_return_if_fail (OM_IS_ORGANISATION (self));
  g_return_if_fail (OM_IS_STAFF (staff));

  watch_staff (self, staff);
  g_list_store_append (self->staff, staff);
}

gboolean
om_organisation_remove_staff (OmOrganisation *self, OmStaff *staff)
{
  guint position;

  g_return_val_if_fail (OM_IS_ORGANISATION (self), FALSE);
  g_return_val_if_fail (OM_IS_STAFF (staff), FALSE);

  if (!g_list_store_find (self->staff, staff, &position))
    return FALSE;
  unwatch_staff (self, staff);
  g_list_store_remove (self->staff, position);
  return TRUE;
}

OmStaff *
om_organisation_find_staff (OmOrganisation *self, const char *id)
{
  guint n;

  g_return_val_if_fail (OM_IS_ORGANISATION (self), NULL);

  if (id == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->staff));
  for (guint i = 0; i < n; i++)
    {
      OmStaff *staff = g_list_model_get_item (G_LIST_MODEL (self->staff), i);

      /* The store keeps its own reference: returning a borrowed pointer is safe. */
      g_object_unref (staff);
      if (g_strcmp0 (om_staff_get_id (staff), id) == 0)
        return staff;
    }
  return NULL;
}

void
om_organisation_to_json (OmOrganisation *self, JsonBuilder *builder)
{
  guint n;

  g_return_if_fail (OM_IS_ORGANISATION (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);

  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "snmp_community");
  json_builder_add_string_value (builder, self->snmp_community);
  json_builder_set_member_name (builder, "scan_scope");
  json_builder_begin_array (builder);
  for (guint i = 0; self->scan_scope[i] != NULL; i++)
    json_builder_add_string_value (builder, self->scan_scope[i]);
  json_builder_end_array (builder);
  add_unknown (builder, self->extra_settings);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "staff");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->staff));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmStaff) staff = g_list_model_get_item (G_LIST_MODEL (self->staff), i);
      om_staff_to_json (staff, builder);
    }
  json_builder_end_array (builder);

  add_unknown (builder, self->extra);
  json_builder_end_object (builder);
}

static gboolean
member_is (JsonObject *object, const char *member, JsonNodeType type, gboolean *present,
           GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_TYPE (node) != type ||
      (type == JSON_NODE_VALUE && json_node_get_value_type (node) != G_TYPE_STRING))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Organisation field “%s” has the wrong type"), member);
      return FALSE;
    }
  *present = TRUE;
  return TRUE;
}

gboolean
om_organisation_load_json (OmOrganisation *self, JsonObject *object, GError **error)
{
  g_autoptr(GPtrArray) staff = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) scope_builder = g_strv_builder_new ();
  g_auto(GStrv) scope = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *settings = NULL;
  const char *name = NULL, *community = NULL;
  gboolean present;

  g_return_val_if_fail (OM_IS_ORGANISATION (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  /* Validate everything first so a bad object leaves @self untouched. */
  if (!member_is (object, "name", JSON_NODE_VALUE, &present, error))
    return FALSE;
  if (present)
    name = json_object_get_string_member (object, "name");

  if (!member_is (object, "settings", JSON_NODE_OBJECT, &present, error))
    return FALSE;
  if (present)
    {
      settings = json_object_get_object_member (object, "settings");
      if (!member_is (settings, "snmp_community", JSON_NODE_VALUE, &present, error))
        return FALSE;
      if (present)
        community = json_object_get_string_member (settings, "snmp_community");
      if (!member_is (settings, "scan_scope", JSON_NODE_ARRAY, &present, error))
        return FALSE;
      if (present)
        {
          JsonArray *array = json_object_get_array_member (settings, "scan_scope");
          guint n = json_array_get_length (array);

          for (guint i = 0; i < n; i++)
            {
              JsonNode *node = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
                {
                  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                       _("The scan scope contains something other than text"));
                  return FALSE;
                }
              g_strv_builder_add (scope_builder, json_node_get_string (node));
            }
        }
    }

  if (!member_is (object, "staff", JSON_NODE_ARRAY, &present, error))
    return FALSE;
  if (present)
    {
      JsonArray *array = json_object_get_array_member (object, "staff");
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          OmStaff *member;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The staff list contains something other than a person"));
              return FALSE;
            }
          member = om_staff_new_from_json (json_node_get_object (node), error);
          if (member == NULL)
            return FALSE;
          g_ptr_array_add (staff, member);
          if (!g_hash_table_add (ids, (gpointer) om_staff_get_id (member)))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Two staff members have the same id “%s”"), om_staff_get_id (member));
              return FALSE;
            }
        }
    }

  scope = g_strv_builder_end (scope_builder);

  /* Apply without emitting ::changed per field: a load is one change. */
  g_object_freeze_notify (G_OBJECT (self));
  g_signal_handlers_block_by_func (self->staff, on_staff_items_changed_cb, self);

  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = (name != NULL && *name != '\0') ? g_strdup (name) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (community == NULL || *community == '\0')
    community = OM_ORGANISATION_DEFAULT_SNMP_COMMUNITY;
  if (g_strcmp0 (self->snmp_community, community) != 0)
    {
      g_free (self->snmp_community);
      self->snmp_community = g_strdup (community);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNMP_COMMUNITY]);
    }
  if (!g_strv_equal ((const char * const *) self->scan_scope, (const char * const *) scope))
    {
      g_strfreev (self->scan_scope);
      self->scan_scope = g_steal_pointer (&scope);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_SCOPE]);
    }

  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->extra_settings, json_object_unref);
  self->extra = collect_unknown (object, known_members);
  if (settings != NULL)
    self->extra_settings = collect_unknown (settings, known_settings);

  unwatch_all_staff (self);
  for (guint i = 0; i < staff->len; i++)
    watch_staff (self, g_ptr_array_index (staff, i));
  g_list_store_splice (self->staff, 0, g_list_model_get_n_items (G_LIST_MODEL (self->staff)),
                       staff->pdata, staff->len);

  g_signal_handlers_unblock_by_func (self->staff, on_staff_items_changed_cb, self);
  g_object_thaw_notify (G_OBJECT (self));

  emit_changed (self);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-staff"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "om-staff.h"

struct _OmStaff
{
  GObject parent_instance;

  char *id;
  char *name;
  char *email;
  char *department;
  char *left_on;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (OmStaff, om_staff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_DEPARTMENT,
  PROP_ACTIVE,
  PROP_LEFT_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Empty strings are stored as NULL so "unset" has one representation. */
static gboolean
replace_string (char **field, const char *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
om_staff_finalize (GObject *object)
{
  OmStaff *self = OM_STAFF (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->left_on, g_free);

  G_OBJECT_CLASS (om_staff_parent_class)->finalize (object);
}

static void
om_staff_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OmStaff *self = OM_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_LEFT_ON:
      g_value_set_string (value, self->left_on);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_staff_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  OmStaff *self = OM_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      om_staff_set_name (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      om_staff_set_email (self, g_value_get_string (value));
      break;
    case PROP_DEPARTMENT:
      om_staff_set_department (self, g_value_get_string (value));
      break;
    case PROP_ACTIVE:
      om_staff_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_LEFT_ON:
      om_staff_set_left_on (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_staff_constructed (GObject *object)
{
  OmStaff *self = OM_STAFF (object);

  G_OBJECT_CLASS (om_staff_parent_class)->constructed (object);

  if (self->id == NULL || *self->id == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
}

static void
om_staff_class_init (OmStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = om_staff_finalize;
  object_class->get_property = om_staff_get_property;
  object_class->set_property = om_staff_set_property;
  object_class->constructed = om_staff_constructed;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DEPARTMENT] =
    g_param_spec_string ("department", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LEFT_ON] =
    g_param_spec_string ("left-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_staff_init (OmStaff *self)
{
  self->active = TRUE;
}

OmStaff *
om_staff_new (const char *name)
{
  return g_object_new (OM_TYPE_STAFF, "name", name, NULL);
}

OmStaff *
om_staff_new_with_id (const char *id)
{
  return g_object_new (OM_TYPE_STAFF, "id", id, NULL);
}

const char *
om_staff_get_id (OmStaff *self)
{
  g_return_val_if_fail (OM_IS_STAFF (self), NULL);
  return self->id;
}

const char *
om_staff_get_name (OmStaff *self)
{
  g_return_val_if_fail (OM_IS_STAFF (self), NULL);
  return self->name;
}

const char *
om_staff_get_email (OmStaff *self)
{
  g_return_val_if_fail (OM_IS_STAFF (self), NULL);
  return self->email;
}

const char *
om_staff_get_department (OmStaff *self)
{
  g_return_val_if_fail (OM_IS_STAFF (self), NULL);
  return self->department;
}

gboolean
om_staff_get_active (OmStaff *self)
{
  g_return_val_if_fail (OM_IS_STAFF (self), FALSE);
  return self->active;
}

const char *
om_staff_get_left_on (OmStaff *self)
{
  g_return_val_if_fail (OM_IS_STAFF (self), NULL);
  return self->left_on;
}

void
om_staff_set_name (OmStaff *self, const char *name)
{
  g_return_if_fail (OM_IS_STAFF (self));
  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
om_staff_set_email (OmStaff *self, const char *email)
{
  g_return_if_fail (OM_IS_STAFF (self));
  if (replace_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

void
om_staff_set_department (OmStaff *self, const char *department)
{
  g_return_if_fail (OM_IS_STAFF (self));
  if (replace_string (&self->department, department))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT]);
}

void
om_staff_set_active (OmStaff *self, gboolean active)
{
  g_return_if_fail (OM_IS_STAFF (self));
  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

void
om_staff_set_left_on (OmStaff *self, const char *left_on)
{
  g_return_if_fail (OM_IS_STAFF (self));
  g_return_if_fail (left_on == NULL || *left_on == '\0' || om_staff_date_is_valid (left_on));
  if (replace_string (&self->left_on, left_on))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_ON]);
}

gboolean
om_staff_date_is_valid (const char *date)
{
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  year = (guint) g_ascii_strtoull (date, NULL, 10);
  month = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  return year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

void
om_staff_to_json (OmStaff *self, JsonBuilder *builder)
{
  g_return_if_fail (OM_IS_STAFF (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, self->email);
  json_builder_set_member_name (builder, "department");
  json_builder_add_string_value (builder, self->department);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, self->active);
  json_builder_set_member_name (builder, "left_on");
  json_builder_add_string_value (builder, self->left_on);
  json_builder_end_object (builder);
}

/* Returns FALSE for a member of the wrong type; a missing or null member is "unset". */
static gboolean
get_optional_string (JsonObject *object, const char *member, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Staff member field “%s” is not text"), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

OmStaff *
om_staff_new_from_json (JsonObject *object, GError **error)
{
  const char *id, *name, *email, *department, *left_on;
  JsonNode *active;
  g_autoptr(OmStaff) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_optional_string (object, "id", &id, error) ||
      !get_optional_string (object, "name", &name, error) ||
      !get_optional_string (object, "email", &email, error) ||
      !get_optional_string (object, "department", &department, error) ||
      !get_optional_string (object, "left_on", &left_on, error))
    return NULL;

  if (id == NULL || *id == '\0' || strlen (id) > 64)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A staff member has no valid id"));
      return NULL;
    }
  if (left_on != NULL && *left_on != '\0' && !om_staff_date_is_valid (left_on))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Staff member leaving date “%s” is not a YYYY-MM-DD date"), left_on);
      return NULL;
    }
  active = json_object_get_member (object, "active");
  if (active != NULL && !JSON_NODE_HOLDS_NULL (active) &&
      (!JSON_NODE_HOLDS_VALUE (active) || json_node_get_value_type (active) != G_TYPE_BOOLEAN))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Staff member field “active” is not true or false"));
      return NULL;
    }

  self = om_staff_new_with_id (id);
  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->department = g_strdup (department);
  self->left_on = (left_on != NULL && *left_on != '\0') ? g_strdup (left_on) : NULL;
  /* Without an explicit flag, someone with a leaving date has left. */
  if (active != NULL && !JSON_NODE_HOLDS_NULL (active))
    self->active = json_node_get_boolean (active);
  else
    self->active = (self->left_on == NULL);

  return g_steal_pointer (&self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-office-network"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-office-network.h"
#include "om-wifi-network.h"

struct _OmOfficeNetwork
{
  GObject         parent_instance;

  char           *id;
  char           *ssid;
  OmWifiPurpose   purpose;
  OmWifiSecurity  required;
  GPtrArray      *bssids;   /* char*, sorted, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (OmOfficeNetwork, om_office_network, G_TYPE_OBJECT)
G_DEFINE_QUARK (om-office-network-error-quark, om_office_network_error)

G_DEFINE_ENUM_TYPE (OmWifiPurpose, om_wifi_purpose,
  G_DEFINE_ENUM_VALUE (OM_WIFI_PURPOSE_OFFICE, "office"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_PURPOSE_GUEST, "guest"))

enum {
  PROP_0,
  PROP_ID,
  PROP_SSID,
  PROP_PURPOSE,
  PROP_PURPOSE_LABEL,
  PROP_REQUIRED,
  PROP_REQUIRED_LABEL,
  PROP_BSSIDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
om_wifi_purpose_to_string (OmWifiPurpose purpose)
{
  switch (purpose)
    {
    case OM_WIFI_PURPOSE_OFFICE: return "office";
    case OM_WIFI_PURPOSE_GUEST: return "guest";
    case OM_N_WIFI_PURPOSES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
om_wifi_purpose_from_string (const char    *str,
                             OmWifiPurpose *out)
{
  OmWifiPurpose purpose;

  if (g_strcmp0 (str, "office") == 0)
    purpose = OM_WIFI_PURPOSE_OFFICE;
  else if (g_strcmp0 (str, "guest") == 0)
    purpose = OM_WIFI_PURPOSE_GUEST;
  else
    return FALSE;
  if (out != NULL)
    *out = purpose;
  return TRUE;
}

const char *
om_wifi_purpose_to_label (OmWifiPurpose purpose)
{
  switch (purpose)
    {
    case OM_WIFI_PURPOSE_OFFICE: return _("Office network");
    case OM_WIFI_PURPOSE_GUEST: return _("Guest network");
    case OM_N_WIFI_PURPOSES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

static gboolean
insert_bssid (OmOfficeNetwork *self,
              const char      *bssid,
              GError         **error)
{
  g_autofree char *norm = om_wifi_normalize_bssid (bssid);
  guint pos;

  if (norm == NULL)
    {
      g_set_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID_BSSID,
                   _("“%s” is not a BSSID. Enter the access point’s MAC address as six pairs "
                     "of hexadecimal digits, for example 00:11:22:33:44:55."),
                   bssid != NULL ? bssid : "");
      return FALSE;
    }

  /* Sorted insert, ignoring duplicates; the array keeps a trailing NULL. */
  for (pos = 0; pos + 1 < self->bssids->len; pos++)
    {
      int cmp = strcmp (g_ptr_array_index (self->bssids, pos), norm);

      if (cmp == 0)
        return TRUE;
      if (cmp > 0)
        break;
    }
  g_ptr_array_insert (self->bssids, pos, g_steal_pointer (&norm));
  return TRUE;
}

static void
om_office_network_finalize (GObject *object)
{
  OmOfficeNetwork *self = (OmOfficeNetwork *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->ssid, g_free);
  g_clear_pointer (&self->bssids, g_ptr_array_unref);

  G_OBJECT_CLASS (om_office_network_parent_class)->finalize (object);
}

static void
om_office_network_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OmOfficeNetwork *self = OM_OFFICE_NETWORK (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_SSID: g_value_take_string (value, om_office_network_dup_ssid_text (self)); break;
    case PROP_PURPOSE: g_value_set_enum (value, self->purpose); break;
    case PROP_PURPOSE_LABEL:
      g_value_set_string (value, om_wifi_purpose_to_label (self->purpose));
      break;
    case PROP_REQUIRED: g_value_set_enum (value, self->required); break;
    case PROP_REQUIRED_LABEL:
      g_value_set_string (value, om_wifi_security_to_label (self->required));
      break;
    case PROP_BSSIDS: g_value_set_boxed (value, self->bssids->pdata); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_office_network_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OmOfficeNetwork *self = OM_OFFICE_NETWORK (object);

  switch (prop_id)
    {
    case PROP_PURPOSE: om_office_network_set_purpose (self, g_value_get_enum (value)); break;
    case PROP_REQUIRED: om_office_network_set_required (self, g_value_get_enum (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_office_network_class_init (OmOfficeNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_office_network_finalize;
  object_class->get_property = om_office_network_get_property;
  object_class->set_property = om_office_network_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  /* Display text; the raw SSID is only available from C. */
  properties[PROP_SSID] = g_param_spec_string ("ssid", NULL, NULL, NULL, ro);
  properties[PROP_PURPOSE] = g_param_spec_enum ("purpose", NULL, NULL, OM_TYPE_WIFI_PURPOSE,
                                                OM_WIFI_PURPOSE_OFFICE, rw);
  properties[PROP_PURPOSE_LABEL] = g_param_spec_string ("purpose-label", NULL, NULL, NULL, ro);
  properties[PROP_REQUIRED] = g_param_spec_enum ("required", NULL, NULL, OM_TYPE_WIFI_SECURITY,
                                                 OM_WIFI_SECURITY_WPA2, rw);
  properties[PROP_REQUIRED_LABEL] = g_param_spec_string ("required-label", NULL, NULL, NULL, ro);
  properties[PROP_BSSIDS] = g_param_spec_boxed ("bssids", NULL, NULL, G_TYPE_STRV, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_office_network_init (OmOfficeNetwork *self)
{
  self->bssids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->bssids, NULL);
  self->required = OM_WIFI_SECURITY_WPA2;
}

gboolean
om_office_network_validate_ssid (const char  *ssid,
                                 GError     **error)
{
  gsize len = ssid != NULL ? strlen (ssid) : 0;

  if (len == 0 || len > OM_WIFI_SSID_MAX_LEN || !g_utf8_validate (ssid, len, NULL))
    {
      g_set_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID_SSID,
                   _("A network name (SSID) must be 1 to 32 bytes long. Check the name shown "
                     "on the access point or its label."));
      return FALSE;
    }
  return TRUE;
}

OmOfficeNetwork *
om_office_network_new (const char     *ssid,
                       OmWifiPurpose   purpose,
                       OmWifiSecurity  required)
{
  OmOfficeNetwork *self;

  g_return_val_if_fail (om_office_network_validate_ssid (ssid, NULL), NULL);
  g_return_val_if_fail (purpose < OM_N_WIFI_PURPOSES, NULL);
  g_return_val_if_fail (required < OM_N_WIFI_SECURITIES, NULL);

  self = g_object_new (OM_TYPE_OFFICE_NETWORK, NULL);
  self->id = g_uuid_string_random ();
  self->ssid = g_strdup (ssid);
  self->purpose = purpose;
  self->required = required;
  return self;
}

const char *
om_office_network_get_id (OmOfficeNetwork *self)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), NULL);
  return self->id;
}

const char *
om_office_network_get_ssid (OmOfficeNetwork *self)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), NULL);
  return self->ssid;
}

char *
om_office_network_dup_ssid_text (OmOfficeNetwork *self)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), NULL);
  return om_wifi_ssid_to_display ((const guint8 *) self->ssid, strlen (self->ssid));
}

OmWifiPurpose
om_office_network_get_purpose (OmOfficeNetwork *self)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), OM_WIFI_PURPOSE_OFFICE);
  return self->purpose;
}

void
om_office_network_set_purpose (OmOfficeNetwork *self,
                               OmWifiPurpose    purpose)
{
  g_return_if_fail (OM_IS_OFFICE_NETWORK (self));
  g_return_if_fail (purpose < OM_N_WIFI_PURPOSES);

  if (self->purpose == purpose)
    return;
  self->purpose = purpose;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURPOSE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURPOSE_LABEL]);
}

OmWifiSecurity
om_office_network_get_required (OmOfficeNetwork *self)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), OM_WIFI_SECURITY_WPA2);
  return self->required;
}

void
om_office_network_set_required (OmOfficeNetwork *self,
                                OmWifiSecurity   required)
{
  g_return_if_fail (OM_IS_OFFICE_NETWORK (self));
  g_return_if_fail (required < OM_N_WIFI_SECURITIES);

  if (self->required == required)
    return;
  self->required = required;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED_LABEL]);
}

const char * const *
om_office_network_get_bssids (OmOfficeNetwork *self)
{
  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), NULL);
  return (const char * const *) self->bssids->pdata;
}

gboolean
om_office_network_add_bssid (OmOfficeNetwork *self,
                             const char      *bssid,
                             GError         **error)
{
  guint before;

  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), FALSE);

  before = self->bssids->len;
  if (!insert_bssid (self, bssid, error))
    return FALSE;
  if (self->bssids->len != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BSSIDS]);
  return TRUE;
}

gboolean
om_office_network_remove_bssid (OmOfficeNetwork *self,
                                const char      *bssid)
{
  g_autofree char *norm = om_wifi_normalize_bssid (bssid);

  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), FALSE);

  for (guint i = 0; norm != NULL && i + 1 < self->bssids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->bssids, i), norm))
      {
        g_ptr_array_remove_index (self->bssids, i);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BSSIDS]);
        return TRUE;
      }
  return FALSE;
}

gboolean
om_office_network_knows_bssid (OmOfficeNetwork *self,
                               const char      *bssid)
{
  g_autofree char *norm = om_wifi_normalize_bssid (bssid);

  g_return_val_if_fail (OM_IS_OFFICE_NETWORK (self), FALSE);

  return norm != NULL
         && g_strv_contains ((const char * const *) self->bssids->pdata, norm);
}

void
om_office_network_to_json (OmOfficeNetwork *self,
                           JsonBuilder     *builder)
{
  g_return_if_fail (OM_IS_OFFICE_NETWORK (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "ssid");
  json_builder_add_string_value (builder, self->ssid);
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, om_wifi_purpose_to_string (self->purpose));
  json_builder_set_member_name (builder, "security");
  json_builder_add_string_value (builder, om_wifi_security_to_string (self->required));
  json_builder_set_member_name (builder, "bssids");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < self->bssids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->bssids, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

OmOfficeNetwork *
om_office_network_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(OmOfficeNetwork) self = NULL;
  const char *ssid, *purpose, *security, *id;
  OmWifiPurpose p;
  OmWifiSecurity s;
  JsonArray *bssids;

  g_return_val_if_fail (object != NULL, NULL);

  ssid = json_object_get_string_member_with_default (object, "ssid", NULL);
  purpose = json_object_get_string_member_with_default (object, "purpose", "office");
  security = json_object_get_string_member_with_default (object, "security", NULL);
  id = json_object_get_string_member_with_default (object, "id", NULL);

  if (!om_office_network_validate_ssid (ssid, error))
    return NULL;
  if (!om_wifi_purpose_from_string (purpose, &p) || !om_wifi_security_from_string (security, &s))
    {
      g_set_error (error, OM_OFFICE_NETWORK_ERROR, OM_OFFICE_NETWORK_ERROR_INVALID,
                   _("The registered Wi-Fi network “%s” has an unknown purpose or security "
                     "class. Register it again."), ssid);
      return NULL;
    }

  self = om_office_network_new (ssid, p, s);
  if (id != NULL && *id != '\0')
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }

  bssids = json_object_has_member (object, "bssids")
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "bssids"))
           ? json_object_get_array_member (object, "bssids") : NULL;
  for (guint i = 0; bssids != NULL && i < json_array_get_length (bssids); i++)
    {
      JsonNode *node = json_array_get_element (bssids, i);
      const char *bssid = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (!insert_bssid (self, bssid, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

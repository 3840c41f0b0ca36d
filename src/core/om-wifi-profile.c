/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-profile"

#include "config.h"

#include <string.h>

#include "om-wifi-network.h"
#include "om-wifi-profile.h"

/* Profile names come from the machine's configuration, possibly imported: bound them. */
#define MAX_NAME_BYTES 256

struct _OmWifiProfile
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  guint8          ssid[OM_WIFI_SSID_MAX_LEN];
  gsize           ssid_len;
  char           *ssid_text;
  char           *key_mgmt;
  OmWifiSecurity  security;
  gboolean        tkip;
  gboolean        autoconnect;

  gboolean        passphrase_checked;
  guint           passphrase_length;
  guint           passphrase_classes;
};

G_DEFINE_FINAL_TYPE (OmWifiProfile, om_wifi_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SSID_TEXT,
  PROP_SECURITY,
  PROP_SECURITY_LABEL,
  PROP_AUTOCONNECT,
  PROP_PASSPHRASE_CHECKED,
  PROP_PASSPHRASE_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
om_wifi_passphrase_measure (const char *passphrase,
                            guint      *out_length,
                            guint      *out_classes)
{
  guint length = 0, classes = 0;

  for (const char *p = passphrase; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      length++;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8 (NetworkManager stores bytes): count the byte and move on. */
          classes |= OM_PASSPHRASE_CLASS_OTHER;
          if (p[1] == '\0')
            break;
          p++;
          length++;
          continue;
        }
      if (c >= 'a' && c <= 'z')
        classes |= OM_PASSPHRASE_CLASS_LOWER;
      else if (c >= 'A' && c <= 'Z')
        classes |= OM_PASSPHRASE_CLASS_UPPER;
      else if (c >= '0' && c <= '9')
        classes |= OM_PASSPHRASE_CLASS_DIGIT;
      else if (c < 0x80)
        classes |= OM_PASSPHRASE_CLASS_SYMBOL;
      else
        classes |= OM_PASSPHRASE_CLASS_OTHER;
    }

  if (out_length != NULL)
    *out_length = length;
  if (out_classes != NULL)
    *out_classes = classes;
}

guint
om_wifi_passphrase_count_classes (guint classes)
{
  guint n = 0;

  for (guint bit = OM_PASSPHRASE_CLASS_LOWER; bit <= OM_PASSPHRASE_CLASS_OTHER; bit <<= 1)
    n += (classes & bit) != 0;
  return n;
}

gboolean
om_wifi_passphrase_is_weak (guint length,
                            guint classes)
{
  guint n = om_wifi_passphrase_count_classes (classes);

  return length < 10 || (length < 20 && n < 3);
}

static void
om_wifi_profile_finalize (GObject *object)
{
  OmWifiProfile *self = (OmWifiProfile *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->ssid_text, g_free);
  g_clear_pointer (&self->key_mgmt, g_free);

  G_OBJECT_CLASS (om_wifi_profile_parent_class)->finalize (object);
}

static void
om_wifi_profile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OmWifiProfile *self = OM_WIFI_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_SSID_TEXT: g_value_set_string (value, self->ssid_text); break;
    case PROP_SECURITY: g_value_set_enum (value, self->security); break;
    case PROP_SECURITY_LABEL:
      g_value_set_string (value, om_wifi_security_to_label (self->security));
      break;
    case PROP_AUTOCONNECT: g_value_set_boolean (value, self->autoconnect); break;
    case PROP_PASSPHRASE_CHECKED: g_value_set_boolean (value, self->passphrase_checked); break;
    case PROP_PASSPHRASE_LENGTH: g_value_set_uint (value, self->passphrase_length); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_wifi_profile_class_init (OmWifiProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_wifi_profile_finalize;
  object_class->get_property = om_wifi_profile_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_SSID_TEXT] = g_param_spec_string ("ssid-text", NULL, NULL, NULL, ro);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, OM_TYPE_WIFI_SECURITY,
                                                 OM_WIFI_SECURITY_OPEN, ro);
  properties[PROP_SECURITY_LABEL] = g_param_spec_string ("security-label", NULL, NULL, NULL, ro);
  properties[PROP_AUTOCONNECT] = g_param_spec_boolean ("autoconnect", NULL, NULL, FALSE, ro);
  properties[PROP_PASSPHRASE_CHECKED] = g_param_spec_boolean ("passphrase-checked", NULL, NULL,
                                                              FALSE, ro);
  properties[PROP_PASSPHRASE_LENGTH] = g_param_spec_uint ("passphrase-length", NULL, NULL,
                                                          0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_wifi_profile_init (OmWifiProfile *self)
{
}

OmWifiProfile *
om_wifi_profile_new (const char     *id,
                     const char     *name,
                     const guint8   *ssid,
                     gsize           ssid_len,
                     const char     *key_mgmt,
                     OmWifiSecurity  security,
                     gboolean        tkip,
                     gboolean        autoconnect)
{
  OmWifiProfile *self;

  g_return_val_if_fail (security < OM_N_WIFI_SECURITIES, NULL);

  self = g_object_new (OM_TYPE_WIFI_PROFILE, NULL);
  self->id = g_strdup (id != NULL ? id : "");
  /* Same escaping as SSIDs, with a longer bound. */
  self->name = om_wifi_untrusted_to_display ((const guint8 *) name, name ? strlen (name) : 0,
                                             MAX_NAME_BYTES);
  self->ssid_len = ssid != NULL ? MIN (ssid_len, OM_WIFI_SSID_MAX_LEN) : 0;
  if (self->ssid_len > 0)
    memcpy (self->ssid, ssid, self->ssid_len);
  self->ssid_text = om_wifi_ssid_to_display (self->ssid, self->ssid_len);
  self->key_mgmt = g_strdup (key_mgmt);
  self->security = security;
  self->tkip = tkip;
  self->autoconnect = autoconnect;
  return self;
}

const char *
om_wifi_profile_get_id (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), NULL);
  return self->id;
}

const char *
om_wifi_profile_get_name (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), NULL);
  return self->name;
}

const guint8 *
om_wifi_profile_get_ssid (OmWifiProfile *self,
                          gsize         *len)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), NULL);
  if (len != NULL)
    *len = self->ssid_len;
  return self->ssid;
}

const char *
om_wifi_profile_get_ssid_text (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), NULL);
  return self->ssid_text;
}

const char *
om_wifi_profile_get_key_mgmt (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), NULL);
  return self->key_mgmt;
}

OmWifiSecurity
om_wifi_profile_get_security (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), OM_WIFI_SECURITY_OPEN);
  return self->security;
}

gboolean
om_wifi_profile_get_tkip (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), FALSE);
  return self->tkip;
}

gboolean
om_wifi_profile_get_autoconnect (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), FALSE);
  return self->autoconnect;
}

gboolean
om_wifi_profile_get_passphrase_checked (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), FALSE);
  return self->passphrase_checked;
}

guint
om_wifi_profile_get_passphrase_length (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), 0);
  return self->passphrase_length;
}

guint
om_wifi_profile_get_passphrase_classes (OmWifiProfile *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PROFILE (self), 0);
  return self->passphrase_classes;
}

void
om_wifi_profile_set_passphrase_measure (OmWifiProfile *self,
                                        guint          length,
                                        guint          classes)
{
  g_return_if_fail (OM_IS_WIFI_PROFILE (self));

  if (self->passphrase_checked && self->passphrase_length == length
      && self->passphrase_classes == classes)
    return;
  self->passphrase_checked = TRUE;
  self->passphrase_length = length;
  self->passphrase_classes = classes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSPHRASE_CHECKED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSPHRASE_LENGTH]);
}

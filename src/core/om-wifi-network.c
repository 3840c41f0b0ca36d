/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-network"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-wifi-network.h"

typedef struct {
  char    *bssid;
  guint    frequency;
  guint    strength;
  gint64   last_seen;
  gboolean tkip;
  gboolean wps;
} Bss;

struct _OmWifiNetwork
{
  GObject         parent_instance;

  guint8          ssid[OM_WIFI_SSID_MAX_LEN];
  gsize           ssid_len;
  OmWifiSecurity  security;
  gboolean        hidden;
  char           *key;
  char           *ssid_text;
  char           *title;

  GPtrArray      *bsses;      /* Bss*, sorted by bssid */
  char          **bssids;     /* cache matching bsses */

  /* Aggregates, recomputed after every change. */
  gboolean        tkip;
  gboolean        wps;
  guint           strength;
  guint           frequency;
  gint64          last_seen;
};

G_DEFINE_FINAL_TYPE (OmWifiNetwork, om_wifi_network, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_SSID_TEXT,
  PROP_TITLE,
  PROP_HIDDEN,
  PROP_SECURITY,
  PROP_SECURITY_LABEL,
  PROP_SECURITY_DESCRIPTION,
  PROP_TKIP,
  PROP_WPS,
  PROP_BSSIDS,
  PROP_N_BSSIDS,
  PROP_STRENGTH,
  PROP_FREQUENCY,
  PROP_CHANNEL,
  PROP_BAND_LABEL,
  PROP_LAST_SEEN,
  PROP_STRENGTH_TEXT,
  PROP_BSSIDS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bss_free (gpointer data)
{
  Bss *bss = data;

  g_free (bss->bssid);
  g_free (bss);
}

/* Zero-width and bidirectional controls can make an SSID look like another one
 * ("Office" vs "Off\u200Bice") or reorder the text around it. */
static gboolean
is_invisible_format_char (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F)
         || (c >= 0x202A && c <= 0x202E)
         || (c >= 0x2060 && c <= 0x206F)
         || c == 0x00AD
         || c == 0x061C
         || c == 0x180E
         || c == 0xFEFF
         || (c >= 0xFFF9 && c <= 0xFFFB);
}

char *
om_wifi_ssid_to_display (const guint8 *ssid,
                         gsize         len)
{
  return om_wifi_untrusted_to_display (ssid, len, OM_WIFI_SSID_MAX_LEN);
}

char *
om_wifi_untrusted_to_display (const guint8 *ssid,
                              gsize         len,
                              gsize         max_len)
{
  GString *out;
  const char *p;
  const char *end;

  if (ssid == NULL)
    len = 0;
  len = MIN (len, max_len);
  out = g_string_sized_new (len + 8);
  p = (const char *) ssid;
  end = p + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guint8) *p);
          p++;
          continue;
        }
      if (c < 0x20 || c == 0x7F)
        g_string_append_printf (out, "\\x%02X", c);
      else if ((c >= 0x80 && c <= 0x9F) || is_invisible_format_char (c))
        g_string_append_printf (out, "\\u{%04X}", c);
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

gboolean
om_wifi_ssid_is_hidden (const guint8 *ssid,
                        gsize         len)
{
  len = MIN (len, OM_WIFI_SSID_MAX_LEN);
  for (gsize i = 0; ssid != NULL && i < len; i++)
    if (ssid[i] != 0)
      return FALSE;
  return TRUE;
}

char *
om_wifi_normalize_bssid (const char *bssid)
{
  guint8 octets[6];
  const char *p = bssid;

  if (bssid == NULL)
    return NULL;

  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]))
        return NULL;
      octets[i] = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
      p += 2;
      if (i < 5)
        {
          if (*p != ':' && *p != '-')
            return NULL;
          p++;
        }
    }
  if (*p != '\0')
    return NULL;

  return g_strdup_printf ("%02x:%02x:%02x:%02x:%02x:%02x",
                          octets[0], octets[1], octets[2], octets[3], octets[4], octets[5]);
}

guint
om_wifi_frequency_to_channel (guint f)
{
  if (f == 2484)
    return 14;
  if (f >= 2412 && f <= 2472 && (f - 2407) % 5 == 0)
    return (f - 2407) / 5;
  /* 6 GHz: channel 2 sits below the regular 20 MHz grid. */
  if (f == 5935)
    return 2;
  if (f >= 5955 && f <= 7115 && (f - 5950) % 5 == 0)
    return (f - 5950) / 5;
  if (f >= 5000 && f <= 5925 && f % 5 == 0)
    return (f - 5000) / 5;
  /* Japan's 4.9 GHz channels 184–196. */
  if (f >= 4915 && f <= 4980 && f % 5 == 0)
    return (f - 4000) / 5;
  return 0;
}

OmWifiBand
om_wifi_frequency_to_band (guint f)
{
  if (f >= 2400 && f < 2500)
    return OM_WIFI_BAND_2_4_GHZ;
  if (f == 5935 || (f >= 5950 && f <= 7125))
    return OM_WIFI_BAND_6_GHZ;
  if (f >= 4900 && f < 5950)
    return OM_WIFI_BAND_5_GHZ;
  return OM_WIFI_BAND_UNKNOWN;
}

const char *
om_wifi_band_to_label (OmWifiBand band)
{
  switch (band)
    {
    case OM_WIFI_BAND_2_4_GHZ: return _("2.4 GHz");
    case OM_WIFI_BAND_5_GHZ: return _("5 GHz");
    case OM_WIFI_BAND_6_GHZ: return _("6 GHz");
    case OM_WIFI_BAND_UNKNOWN:
    default: return "";
    }
}

char *
om_wifi_network_key_for (const guint8  *ssid,
                         gsize          len,
                         OmWifiSecurity security,
                         const char    *bssid)
{
  GString *key = g_string_new (NULL);

  len = MIN (len, OM_WIFI_SSID_MAX_LEN);
  if (om_wifi_ssid_is_hidden (ssid, len))
    {
      g_autofree char *norm = om_wifi_normalize_bssid (bssid);

      g_string_append_printf (key, "hidden:%s", norm ? norm : "unknown");
    }
  else
    {
      for (gsize i = 0; i < len; i++)
        g_string_append_printf (key, "%02x", ssid[i]);
    }
  g_string_append_printf (key, "/%s", om_wifi_security_to_string (security));
  return g_string_free (key, FALSE);
}

static int
compare_bss (gconstpointer a,
             gconstpointer b)
{
  const Bss *ba = *(const Bss * const *) a;
  const Bss *bb = *(const Bss * const *) b;

  return strcmp (ba->bssid, bb->bssid);
}

static Bss *
find_bss (OmWifiNetwork *self,
          const char    *bssid,
          guint         *out_index)
{
  for (guint i = 0; i < self->bsses->len; i++)
    {
      Bss *bss = g_ptr_array_index (self->bsses, i);

      if (g_str_equal (bss->bssid, bssid))
        {
          if (out_index != NULL)
            *out_index = i;
          return bss;
        }
    }
  return NULL;
}

/* Recomputes the aggregates and notifies each property whose value moved. */
static void
recompute (OmWifiNetwork *self,
           gboolean       bssids_changed)
{
  gboolean tkip = FALSE, wps = FALSE;
  guint strength = 0, frequency = 0;
  gint64 last_seen = 0;
  guint old_channel = om_wifi_frequency_to_channel (self->frequency);
  OmWifiBand old_band = om_wifi_frequency_to_band (self->frequency);

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < self->bsses->len; i++)
    {
      Bss *bss = g_ptr_array_index (self->bsses, i);

      tkip |= bss->tkip;
      wps |= bss->wps;
      if (i == 0 || bss->strength > strength)
        {
          strength = bss->strength;
          frequency = bss->frequency;
        }
      last_seen = MAX (last_seen, bss->last_seen);
    }

  if (bssids_changed)
    {
      g_strfreev (self->bssids);
      self->bssids = g_new0 (char *, self->bsses->len + 1);
      for (guint i = 0; i < self->bsses->len; i++)
        self->bssids[i] = g_strdup (((Bss *) g_ptr_array_index (self->bsses, i))->bssid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BSSIDS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BSSIDS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BSSIDS_TEXT]);
    }

#define UPDATE(field, prop)                                                   \
  if (self->field != field)                                                   \
    {                                                                         \
      self->field = field;                                                    \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);          \
    }
  UPDATE (tkip, PROP_TKIP);
  UPDATE (wps, PROP_WPS);
  if (self->strength != strength)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH_TEXT]);
  UPDATE (strength, PROP_STRENGTH);
  UPDATE (frequency, PROP_FREQUENCY);
  UPDATE (last_seen, PROP_LAST_SEEN);
#undef UPDATE

  if (old_channel != om_wifi_frequency_to_channel (frequency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
  if (old_band != om_wifi_frequency_to_band (frequency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAND_LABEL]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
om_wifi_network_finalize (GObject *object)
{
  OmWifiNetwork *self = (OmWifiNetwork *) object;

  g_clear_pointer (&self->bsses, g_ptr_array_unref);
  g_clear_pointer (&self->bssids, g_strfreev);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->ssid_text, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (om_wifi_network_parent_class)->finalize (object);
}

static void
om_wifi_network_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OmWifiNetwork *self = OM_WIFI_NETWORK (object);

  switch (prop_id)
    {
    case PROP_KEY: g_value_set_string (value, self->key); break;
    case PROP_SSID_TEXT: g_value_set_string (value, self->ssid_text); break;
    case PROP_TITLE: g_value_set_string (value, om_wifi_network_get_title (self)); break;
    case PROP_HIDDEN: g_value_set_boolean (value, self->hidden); break;
    case PROP_SECURITY: g_value_set_enum (value, self->security); break;
    case PROP_SECURITY_LABEL:
      g_value_set_string (value, om_wifi_security_to_label (self->security));
      break;
    case PROP_SECURITY_DESCRIPTION:
      g_value_set_string (value, om_wifi_security_get_description (self->security));
      break;
    case PROP_TKIP: g_value_set_boolean (value, om_wifi_network_get_tkip (self)); break;
    case PROP_WPS: g_value_set_boolean (value, self->wps); break;
    case PROP_BSSIDS: g_value_set_boxed (value, self->bssids); break;
    case PROP_N_BSSIDS: g_value_set_uint (value, self->bsses->len); break;
    case PROP_STRENGTH: g_value_set_uint (value, self->strength); break;
    case PROP_FREQUENCY: g_value_set_uint (value, self->frequency); break;
    case PROP_CHANNEL: g_value_set_uint (value, om_wifi_network_get_channel (self)); break;
    case PROP_BAND_LABEL:
      g_value_set_string (value, om_wifi_band_to_label (om_wifi_network_get_band (self)));
      break;
    case PROP_LAST_SEEN: g_value_set_int64 (value, self->last_seen); break;
    case PROP_STRENGTH_TEXT:
      /* Translators: Wi-Fi signal strength in percent */
      g_value_take_string (value, g_strdup_printf (_("Signal %u%%"), self->strength));
      break;
    case PROP_BSSIDS_TEXT: g_value_take_string (value, g_strjoinv (", ", self->bssids)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_wifi_network_class_init (OmWifiNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_wifi_network_finalize;
  object_class->get_property = om_wifi_network_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  properties[PROP_SSID_TEXT] = g_param_spec_string ("ssid-text", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, ro);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, OM_TYPE_WIFI_SECURITY,
                                                 OM_WIFI_SECURITY_OPEN, ro);
  properties[PROP_SECURITY_LABEL] = g_param_spec_string ("security-label", NULL, NULL, NULL, ro);
  properties[PROP_SECURITY_DESCRIPTION] = g_param_spec_string ("security-description", NULL,
                                                               NULL, NULL, ro);
  properties[PROP_TKIP] = g_param_spec_boolean ("tkip", NULL, NULL, FALSE, ro);
  properties[PROP_WPS] = g_param_spec_boolean ("wps", NULL, NULL, FALSE, ro);
  properties[PROP_BSSIDS] = g_param_spec_boxed ("bssids", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_N_BSSIDS] = g_param_spec_uint ("n-bssids", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_STRENGTH] = g_param_spec_uint ("strength", NULL, NULL, 0, 100, 0, ro);
  properties[PROP_FREQUENCY] = g_param_spec_uint ("frequency", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CHANNEL] = g_param_spec_uint ("channel", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_BAND_LABEL] = g_param_spec_string ("band-label", NULL, NULL, NULL, ro);
  properties[PROP_LAST_SEEN] = g_param_spec_int64 ("last-seen", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STRENGTH_TEXT] = g_param_spec_string ("strength-text", NULL, NULL, NULL, ro);
  properties[PROP_BSSIDS_TEXT] = g_param_spec_string ("bssids-text", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_wifi_network_init (OmWifiNetwork *self)
{
  self->bsses = g_ptr_array_new_with_free_func (bss_free);
  self->bssids = g_new0 (char *, 1);
}

OmWifiNetwork *
om_wifi_network_new (const guint8   *ssid,
                     gsize           len,
                     OmWifiSecurity  security)
{
  OmWifiNetwork *self;

  g_return_val_if_fail (security < OM_N_WIFI_SECURITIES, NULL);

  self = g_object_new (OM_TYPE_WIFI_NETWORK, NULL);
  len = ssid != NULL ? MIN (len, OM_WIFI_SSID_MAX_LEN) : 0;
  if (len > 0)
    memcpy (self->ssid, ssid, len);
  self->ssid_len = len;
  self->security = security;
  self->hidden = om_wifi_ssid_is_hidden (ssid, len);
  self->ssid_text = self->hidden ? g_strdup ("") : om_wifi_ssid_to_display (ssid, len);
  /* A hidden network's key needs its BSSID; it is fixed by the first update. */
  if (!self->hidden)
    self->key = om_wifi_network_key_for (ssid, len, security, NULL);
  return self;
}

const char *
om_wifi_network_get_key (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), NULL);

  if (self->key == NULL && self->bsses->len > 0)
    self->key = om_wifi_network_key_for (self->ssid, self->ssid_len, self->security,
                                         ((Bss *) g_ptr_array_index (self->bsses, 0))->bssid);
  return self->key;
}

const guint8 *
om_wifi_network_get_ssid (OmWifiNetwork *self,
                          gsize         *len)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), NULL);
  if (len != NULL)
    *len = self->ssid_len;
  return self->ssid;
}

const char *
om_wifi_network_get_ssid_text (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), NULL);
  return self->ssid_text;
}

const char *
om_wifi_network_get_title (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), NULL);
  return self->hidden ? _("Hidden network") : self->ssid_text;
}

gboolean
om_wifi_network_get_hidden (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), FALSE);
  return self->hidden;
}

gboolean
om_wifi_network_matches_ssid (OmWifiNetwork *self,
                              const char    *ssid)
{
  gsize len;

  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), FALSE);

  if (ssid == NULL || self->hidden)
    return FALSE;
  len = strlen (ssid);
  return len == self->ssid_len && memcmp (ssid, self->ssid, len) == 0;
}

OmWifiSecurity
om_wifi_network_get_security (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), OM_WIFI_SECURITY_OPEN);
  return self->security;
}

gboolean
om_wifi_network_get_tkip (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), FALSE);
  return self->tkip || om_wifi_security_uses_tkip (self->security);
}

gboolean
om_wifi_network_get_wps (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), FALSE);
  return self->wps;
}

const char * const *
om_wifi_network_get_bssids (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), NULL);
  return (const char * const *) self->bssids;
}

guint
om_wifi_network_get_n_bssids (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), 0);
  return self->bsses->len;
}

gboolean
om_wifi_network_has_bssid (OmWifiNetwork *self,
                           const char    *bssid)
{
  g_autofree char *norm = om_wifi_normalize_bssid (bssid);

  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), FALSE);
  return norm != NULL && find_bss (self, norm, NULL) != NULL;
}

guint
om_wifi_network_get_strength (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), 0);
  return self->strength;
}

guint
om_wifi_network_get_frequency (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), 0);
  return self->frequency;
}

guint
om_wifi_network_get_channel (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), 0);
  return om_wifi_frequency_to_channel (self->frequency);
}

OmWifiBand
om_wifi_network_get_band (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), OM_WIFI_BAND_UNKNOWN);
  return om_wifi_frequency_to_band (self->frequency);
}

gint64
om_wifi_network_get_last_seen (OmWifiNetwork *self)
{
  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), 0);
  return self->last_seen;
}

void
om_wifi_network_update_bss (OmWifiNetwork *self,
                            const char    *bssid,
                            guint          frequency_mhz,
                            guint          strength,
                            gint64         last_seen,
                            gboolean       tkip,
                            gboolean       wps)
{
  g_autofree char *norm = NULL;
  gboolean added = FALSE;
  Bss *bss;

  g_return_if_fail (OM_IS_WIFI_NETWORK (self));
  norm = om_wifi_normalize_bssid (bssid);
  g_return_if_fail (norm != NULL);

  bss = find_bss (self, norm, NULL);
  if (bss == NULL)
    {
      bss = g_new0 (Bss, 1);
      bss->bssid = g_steal_pointer (&norm);
      g_ptr_array_add (self->bsses, bss);
      g_ptr_array_sort (self->bsses, compare_bss);
      added = TRUE;
    }
  bss->frequency = frequency_mhz;
  bss->strength = MIN (strength, 100);
  bss->last_seen = last_seen;
  bss->tkip = tkip;
  bss->wps = wps;

  recompute (self, added);
}

gboolean
om_wifi_network_remove_bss (OmWifiNetwork *self,
                            const char    *bssid)
{
  g_autofree char *norm = om_wifi_normalize_bssid (bssid);
  guint index;

  g_return_val_if_fail (OM_IS_WIFI_NETWORK (self), FALSE);

  if (norm == NULL || find_bss (self, norm, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (self->bsses, index);
  recompute (self, TRUE);
  return TRUE;
}

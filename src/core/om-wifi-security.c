/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-security"

#include "config.h"

#include <glib/gi18n.h>

#include "om-wifi-security.h"

#define KEY_MGMT_MASK (OM_WIFI_AP_SEC_KEY_MGMT_PSK | OM_WIFI_AP_SEC_KEY_MGMT_802_1X   \
                       | OM_WIFI_AP_SEC_KEY_MGMT_SAE | OM_WIFI_AP_SEC_KEY_MGMT_OWE    \
                       | OM_WIFI_AP_SEC_KEY_MGMT_OWE_TM                               \
                       | OM_WIFI_AP_SEC_KEY_MGMT_EAP_SUITE_B_192)
#define TKIP_MASK (OM_WIFI_AP_SEC_PAIR_TKIP | OM_WIFI_AP_SEC_GROUP_TKIP)

G_DEFINE_ENUM_TYPE (OmWifiSecurity, om_wifi_security,
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_OWE, "owe"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_OWE_TRANSITION, "owe-transition"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WEP, "wep"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WPA_TKIP, "wpa-tkip"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WPA_WPA2_MIXED, "wpa-wpa2-mixed"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WPA2_TKIP, "wpa2-tkip"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WPA2, "wpa2"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WPA2_WPA3_TRANSITION, "wpa2-wpa3-transition"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_WPA3, "wpa3"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_ENTERPRISE, "enterprise"),
  G_DEFINE_ENUM_VALUE (OM_WIFI_SECURITY_SUITE_B, "suite-b"))

/* Indexed by OmWifiSecurity. WEP ranks just above open: its key is recovered in
 * minutes. The OWE classes rank below every class with a password because anyone
 * can still join them; the transition mode lets old clients join without any
 * encryption at all. Enterprise beats WPA3-Personal: each person has their own login,
 * so a leaver does not take the office's only key with them. */
static const guint security_rank[OM_N_WIFI_SECURITIES] = {
  [OM_WIFI_SECURITY_OPEN] = 0,
  [OM_WIFI_SECURITY_WEP] = 1,
  [OM_WIFI_SECURITY_OWE_TRANSITION] = 2,
  [OM_WIFI_SECURITY_OWE] = 3,
  [OM_WIFI_SECURITY_WPA_TKIP] = 4,
  [OM_WIFI_SECURITY_WPA_WPA2_MIXED] = 5,
  [OM_WIFI_SECURITY_WPA2_TKIP] = 6,
  [OM_WIFI_SECURITY_WPA2] = 7,
  [OM_WIFI_SECURITY_WPA2_WPA3_TRANSITION] = 8,
  [OM_WIFI_SECURITY_WPA3] = 9,
  [OM_WIFI_SECURITY_ENTERPRISE] = 10,
  [OM_WIFI_SECURITY_SUITE_B] = 11,
};

const char *
om_wifi_security_to_string (OmWifiSecurity security)
{
  GEnumClass *klass;
  GEnumValue *ev;

  klass = g_type_class_ref (OM_TYPE_WIFI_SECURITY);
  ev = g_enum_get_value (klass, security);
  g_type_class_unref (klass);
  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
om_wifi_security_from_string (const char     *str,
                              OmWifiSecurity *out)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (OM_TYPE_WIFI_SECURITY);
  ev = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);
  if (ev == NULL)
    return FALSE;
  if (out != NULL)
    *out = ev->value;
  return TRUE;
}

const char *
om_wifi_security_to_label (OmWifiSecurity security)
{
  switch (security)
    {
    case OM_WIFI_SECURITY_OPEN: return _("Open (no encryption)");
    case OM_WIFI_SECURITY_OWE: return _("Enhanced Open (OWE)");
    case OM_WIFI_SECURITY_OWE_TRANSITION: return _("Enhanced Open, transition mode");
    case OM_WIFI_SECURITY_WEP: return _("WEP");
    case OM_WIFI_SECURITY_WPA_TKIP: return _("WPA (TKIP)");
    case OM_WIFI_SECURITY_WPA_WPA2_MIXED: return _("WPA/WPA2 mixed");
    case OM_WIFI_SECURITY_WPA2_TKIP: return _("WPA2 (TKIP allowed)");
    case OM_WIFI_SECURITY_WPA2: return _("WPA2-Personal");
    case OM_WIFI_SECURITY_WPA2_WPA3_TRANSITION: return _("WPA2/WPA3 transition");
    case OM_WIFI_SECURITY_WPA3: return _("WPA3-Personal");
    case OM_WIFI_SECURITY_ENTERPRISE: return _("WPA2/WPA3-Enterprise");
    case OM_WIFI_SECURITY_SUITE_B: return _("WPA3-Enterprise 192-bit");
    case OM_N_WIFI_SECURITIES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
om_wifi_security_get_description (OmWifiSecurity security)
{
  switch (security)
    {
    case OM_WIFI_SECURITY_OPEN:
      return _("Anyone nearby can join and read the traffic.");
    case OM_WIFI_SECURITY_OWE:
      return _("Traffic is encrypted, but anyone nearby can join without a password.");
    case OM_WIFI_SECURITY_OWE_TRANSITION:
      return _("Newer devices get encryption; older devices join with no encryption at all.");
    case OM_WIFI_SECURITY_WEP:
      return _("WEP is broken: its key can be recovered in minutes.");
    case OM_WIFI_SECURITY_WPA_TKIP:
      return _("First-generation WPA with TKIP, which is outdated and weak.");
    case OM_WIFI_SECURITY_WPA_WPA2_MIXED:
      return _("Still accepts first-generation WPA with TKIP next to WPA2.");
    case OM_WIFI_SECURITY_WPA2_TKIP:
      return _("WPA2, but the outdated TKIP cipher is still allowed.");
    case OM_WIFI_SECURITY_WPA2:
      return _("WPA2 with AES (CCMP): fine with a long, unique password.");
    case OM_WIFI_SECURITY_WPA2_WPA3_TRANSITION:
      return _("Accepts WPA3 and, for older devices, WPA2 with AES.");
    case OM_WIFI_SECURITY_WPA3:
      return _("WPA3 (SAE): resists password guessing even if traffic is recorded.");
    case OM_WIFI_SECURITY_ENTERPRISE:
      return _("Each person signs in with their own account (802.1X).");
    case OM_WIFI_SECURITY_SUITE_B:
      return _("The strongest enterprise mode, with 192-bit cryptography.");
    case OM_N_WIFI_SECURITIES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

guint
om_wifi_security_get_rank (OmWifiSecurity security)
{
  g_return_val_if_fail (security < OM_N_WIFI_SECURITIES, 0);
  return security_rank[security];
}

gboolean
om_wifi_security_uses_tkip (OmWifiSecurity security)
{
  return security == OM_WIFI_SECURITY_WPA_TKIP
         || security == OM_WIFI_SECURITY_WPA_WPA2_MIXED
         || security == OM_WIFI_SECURITY_WPA2_TKIP;
}

gboolean
om_wifi_security_is_unauthenticated (OmWifiSecurity security)
{
  return security == OM_WIFI_SECURITY_OPEN
         || security == OM_WIFI_SECURITY_OWE
         || security == OM_WIFI_SECURITY_OWE_TRANSITION;
}

OmWifiSecurity
om_wifi_security_classify_ap (guint32   flags,
                              guint32   wpa_flags,
                              guint32   rsn_flags,
                              gboolean *out_tkip)
{
  guint32 wpa_km = wpa_flags & KEY_MGMT_MASK;
  guint32 rsn_km = rsn_flags & KEY_MGMT_MASK;
  guint32 any_km = wpa_km | rsn_km;
  gboolean tkip = ((wpa_flags | rsn_flags) & TKIP_MASK) != 0;

  /* A WPA element, however weak, means a client can negotiate TKIP only if the
   * element offers a key management; cipher bits alone are not joinable. */
  if (out_tkip != NULL)
    *out_tkip = any_km != 0 && tkip;

  /* Without any key management, privacy can only be static WEP. */
  if (any_km == 0)
    return (flags & OM_WIFI_AP_FLAGS_PRIVACY) ? OM_WIFI_SECURITY_WEP : OM_WIFI_SECURITY_OPEN;

  /* From here on, the weakest way in decides. The open half of an OWE transition
   * pair and the hidden OWE half both carry the transition element. */
  if (any_km & OM_WIFI_AP_SEC_KEY_MGMT_OWE_TM)
    return OM_WIFI_SECURITY_OWE_TRANSITION;
  if (any_km & OM_WIFI_AP_SEC_KEY_MGMT_OWE)
    return OM_WIFI_SECURITY_OWE;

  if (wpa_km & OM_WIFI_AP_SEC_KEY_MGMT_PSK)
    {
      if (rsn_km & (OM_WIFI_AP_SEC_KEY_MGMT_PSK | OM_WIFI_AP_SEC_KEY_MGMT_SAE))
        return OM_WIFI_SECURITY_WPA_WPA2_MIXED;
      return OM_WIFI_SECURITY_WPA_TKIP;
    }

  if (rsn_km & OM_WIFI_AP_SEC_KEY_MGMT_PSK)
    {
      if (tkip)
        return OM_WIFI_SECURITY_WPA2_TKIP;
      if (rsn_km & OM_WIFI_AP_SEC_KEY_MGMT_SAE)
        return OM_WIFI_SECURITY_WPA2_WPA3_TRANSITION;
      return OM_WIFI_SECURITY_WPA2;
    }

  if (rsn_km & OM_WIFI_AP_SEC_KEY_MGMT_SAE)
    return OM_WIFI_SECURITY_WPA3;

  /* Only 802.1X-style key management is left. Suite-B counts only when it is the
   * sole way in; next to plain 802.1X the network is ordinary enterprise. */
  if (any_km & OM_WIFI_AP_SEC_KEY_MGMT_802_1X)
    return OM_WIFI_SECURITY_ENTERPRISE;
  return OM_WIFI_SECURITY_SUITE_B;
}

static gboolean
strv_has (const char * const *strv,
          const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

static gboolean
strv_is_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

gboolean
om_wifi_security_classify_profile (const char         *key_mgmt,
                                   const char * const *proto,
                                   const char * const *pairwise,
                                   const char * const *group,
                                   OmWifiSecurity     *out_security,
                                   gboolean           *out_tkip)
{
  OmWifiSecurity security;
  gboolean tkip = strv_has (pairwise, "tkip") || strv_has (group, "tkip");
  gboolean wpa1 = strv_has (proto, "wpa");
  gboolean rsn = strv_has (proto, "rsn");

  if (key_mgmt == NULL || *key_mgmt == '\0')
    {
      security = OM_WIFI_SECURITY_OPEN;
      tkip = FALSE;
    }
  else if (g_str_equal (key_mgmt, "none") || g_str_equal (key_mgmt, "ieee8021x"))
    {
      /* Static WEP keys, or 802.1X handing out dynamic WEP keys: WEP either way. */
      security = OM_WIFI_SECURITY_WEP;
      tkip = FALSE;
    }
  else if (g_str_equal (key_mgmt, "owe"))
    {
      security = OM_WIFI_SECURITY_OWE;
      tkip = FALSE;
    }
  else if (g_str_equal (key_mgmt, "sae"))
    {
      security = OM_WIFI_SECURITY_WPA3;
    }
  else if (g_str_equal (key_mgmt, "wpa-psk") || g_str_equal (key_mgmt, "wpa-none"))
    {
      /* A profile restricted to the first-generation WPA element: NetworkManager
       * then negotiates TKIP unless the pairwise list forbids it. */
      if (wpa1 && !rsn)
        {
          security = OM_WIFI_SECURITY_WPA_TKIP;
          tkip = tkip || strv_is_empty (pairwise);
        }
      else if (wpa1 && rsn)
        security = OM_WIFI_SECURITY_WPA_WPA2_MIXED;
      else if (tkip)
        security = OM_WIFI_SECURITY_WPA2_TKIP;
      else
        security = OM_WIFI_SECURITY_WPA2;
    }
  else if (g_str_equal (key_mgmt, "wpa-eap"))
    {
      security = OM_WIFI_SECURITY_ENTERPRISE;
    }
  else if (g_str_equal (key_mgmt, "wpa-eap-suite-b-192"))
    {
      security = OM_WIFI_SECURITY_SUITE_B;
    }
  else
    {
      return FALSE;
    }

  if (out_security != NULL)
    *out_security = security;
  if (out_tkip != NULL)
    *out_tkip = tkip;
  return TRUE;
}

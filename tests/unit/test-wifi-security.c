/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The Wi-Fi security classification as a table: NetworkManager's numbers in,
 * one class (and whether TKIP is allowed) out.
 */
#include "config.h"

#include <locale.h>

#include "om-wifi-security.h"

/* Short names for the flag bits so the table stays readable. */
#define PRIV   OM_WIFI_AP_FLAGS_PRIVACY
#define WPS    OM_WIFI_AP_FLAGS_WPS
#define P_W40  OM_WIFI_AP_SEC_PAIR_WEP40
#define P_W104 OM_WIFI_AP_SEC_PAIR_WEP104
#define P_TKIP OM_WIFI_AP_SEC_PAIR_TKIP
#define P_CCMP OM_WIFI_AP_SEC_PAIR_CCMP
#define G_W40  OM_WIFI_AP_SEC_GROUP_WEP40
#define G_W104 OM_WIFI_AP_SEC_GROUP_WEP104
#define G_TKIP OM_WIFI_AP_SEC_GROUP_TKIP
#define G_CCMP OM_WIFI_AP_SEC_GROUP_CCMP
#define K_PSK  OM_WIFI_AP_SEC_KEY_MGMT_PSK
#define K_1X   OM_WIFI_AP_SEC_KEY_MGMT_802_1X
#define K_SAE  OM_WIFI_AP_SEC_KEY_MGMT_SAE
#define K_OWE  OM_WIFI_AP_SEC_KEY_MGMT_OWE
#define K_OWTM OM_WIFI_AP_SEC_KEY_MGMT_OWE_TM
#define K_SB   OM_WIFI_AP_SEC_KEY_MGMT_EAP_SUITE_B_192

typedef struct {
  const char *name;
  guint32     flags;
  guint32     wpa;
  guint32     rsn;
  const char *expected;   /* stable id */
  gboolean    tkip;
} ApCase;

static const ApCase ap_cases[] = {
  { "open", 0, 0, 0, "open", FALSE },
  { "open-wps", WPS, 0, 0, "open", FALSE },
  /* Cipher bits without any key management cannot be negotiated: still open. */
  { "open-stray-ciphers", 0, 0, P_CCMP | G_CCMP, "open", FALSE },
  { "wep-privacy-only", PRIV, 0, 0, "wep", FALSE },
  { "wep-privacy-stray-cipher", PRIV, 0, P_TKIP | G_TKIP, "wep", FALSE },
  { "wep-with-wep-cipher-bits", PRIV, P_W40 | G_W40, P_W104 | G_W104, "wep", FALSE },
  { "owe", PRIV, 0, K_OWE | P_CCMP | G_CCMP, "owe", FALSE },
  { "owe-transition-open-half", 0, 0, K_OWTM, "owe-transition", FALSE },
  { "owe-transition-hidden-half", PRIV, 0, K_OWE | K_OWTM | P_CCMP | G_CCMP, "owe-transition",
    FALSE },
  { "wpa-tkip", PRIV, K_PSK | P_TKIP | G_TKIP, 0, "wpa-tkip", TRUE },
  /* WPA1 with AES is still first-generation WPA. */
  { "wpa-ccmp", PRIV, K_PSK | P_CCMP | G_CCMP, 0, "wpa-tkip", FALSE },
  { "wpa-wpa2-mixed", PRIV, K_PSK | P_TKIP | G_TKIP, K_PSK | P_TKIP | P_CCMP | G_TKIP,
    "wpa-wpa2-mixed", TRUE },
  /* What AddAccessPoint in python-dbusmock produces: the same bits in both elements. */
  { "wpa-wpa2-mixed-dbusmock", PRIV, K_PSK, K_PSK, "wpa-wpa2-mixed", FALSE },
  { "wpa-wpa3-mixed", PRIV, K_PSK | P_TKIP | G_TKIP, K_SAE | P_CCMP | G_CCMP, "wpa-wpa2-mixed",
    TRUE },
  { "wpa2-tkip-pairwise", PRIV, 0, K_PSK | P_TKIP | P_CCMP | G_TKIP, "wpa2-tkip", TRUE },
  { "wpa2-tkip-only", PRIV, 0, K_PSK | P_TKIP | G_TKIP, "wpa2-tkip", TRUE },
  /* The case nmcli hides: pairwise CCMP, but group traffic still TKIP. */
  { "wpa2-tkip-group-only", PRIV, 0, K_PSK | P_CCMP | G_TKIP, "wpa2-tkip", TRUE },
  { "wpa2", PRIV, 0, K_PSK | P_CCMP | G_CCMP, "wpa2", FALSE },
  { "wpa2-wps", PRIV | WPS, 0, K_PSK | P_CCMP | G_CCMP, "wpa2", FALSE },
  { "wpa2-no-cipher-bits", PRIV, 0, K_PSK, "wpa2", FALSE },
  { "wpa2-wpa3-transition", PRIV, 0, K_PSK | K_SAE | P_CCMP | G_CCMP, "wpa2-wpa3-transition",
    FALSE },
  /* TKIP on the WPA2 side makes the transition network as weak as WPA2 with TKIP. */
  { "wpa2-wpa3-transition-tkip", PRIV, 0, K_PSK | K_SAE | P_CCMP | G_TKIP, "wpa2-tkip", TRUE },
  { "wpa3", PRIV, 0, K_SAE | P_CCMP | G_CCMP, "wpa3", FALSE },
  { "enterprise-wpa2", PRIV, 0, K_1X | P_CCMP | G_CCMP, "enterprise", FALSE },
  { "enterprise-wpa1-tkip", PRIV, K_1X | P_TKIP | G_TKIP, 0, "enterprise", TRUE },
  { "enterprise-wpa-wpa2", PRIV, K_1X | P_TKIP | G_TKIP, K_1X | P_CCMP | G_CCMP, "enterprise",
    TRUE },
  { "enterprise-and-suite-b", PRIV, 0, K_1X | K_SB | P_CCMP | G_CCMP, "enterprise", FALSE },
  /* A network offering both a password and 802.1X is as weak as its password side. */
  { "psk-and-enterprise", PRIV, 0, K_PSK | K_1X | P_CCMP | G_CCMP, "wpa2", FALSE },
  { "suite-b", PRIV, 0, K_SB | P_CCMP | G_CCMP, "suite-b", FALSE },
  /* Privacy missing but a key management present (a buggy driver): judge the elements. */
  { "wpa2-without-privacy-flag", 0, 0, K_PSK | P_CCMP | G_CCMP, "wpa2", FALSE },
};

static void
test_ap_case (gconstpointer data)
{
  const ApCase *c = data;
  gboolean tkip = !c->tkip;
  OmWifiSecurity security;

  security = om_wifi_security_classify_ap (c->flags, c->wpa, c->rsn, &tkip);
  g_assert_cmpstr (om_wifi_security_to_string (security), ==, c->expected);
  g_assert_cmpint (tkip, ==, c->tkip);

  /* The out argument is optional. */
  g_assert_cmpint (om_wifi_security_classify_ap (c->flags, c->wpa, c->rsn, NULL), ==, security);
}

typedef struct {
  const char *name;
  const char *key_mgmt;
  const char *proto;      /* comma-separated, NULL for unset */
  const char *pairwise;
  const char *group;
  const char *expected;   /* NULL: unknown key-mgmt, classification fails */
  gboolean    tkip;
} ProfileCase;

static const ProfileCase profile_cases[] = {
  { "open", NULL, NULL, NULL, NULL, "open", FALSE },
  { "open-empty-key-mgmt", "", NULL, NULL, NULL, "open", FALSE },
  { "wep-static", "none", NULL, NULL, NULL, "wep", FALSE },
  { "wep-dynamic-8021x", "ieee8021x", NULL, NULL, NULL, "wep", FALSE },
  { "owe", "owe", NULL, NULL, NULL, "owe", FALSE },
  { "wpa-only-proto", "wpa-psk", "wpa", NULL, NULL, "wpa-tkip", TRUE },
  { "wpa-only-proto-ccmp", "wpa-psk", "wpa", "ccmp", "ccmp", "wpa-tkip", FALSE },
  { "wpa-wpa2-both-protos", "wpa-psk", "wpa,rsn", NULL, NULL, "wpa-wpa2-mixed", FALSE },
  { "wpa2-tkip-pairwise", "wpa-psk", "rsn", "tkip,ccmp", NULL, "wpa2-tkip", TRUE },
  { "wpa2-tkip-group", "wpa-psk", "rsn", "ccmp", "tkip", "wpa2-tkip", TRUE },
  { "wpa2-tkip-no-proto", "wpa-psk", NULL, "tkip", NULL, "wpa2-tkip", TRUE },
  { "wpa2-default", "wpa-psk", NULL, NULL, NULL, "wpa2", FALSE },
  { "wpa2-rsn-ccmp", "wpa-psk", "rsn", "ccmp", "ccmp", "wpa2", FALSE },
  { "wpa-none-adhoc", "wpa-none", "wpa", NULL, NULL, "wpa-tkip", TRUE },
  { "wpa3-sae", "sae", NULL, NULL, NULL, "wpa3", FALSE },
  { "enterprise", "wpa-eap", NULL, NULL, NULL, "enterprise", FALSE },
  { "enterprise-tkip", "wpa-eap", "rsn", "tkip", NULL, "enterprise", TRUE },
  { "suite-b", "wpa-eap-suite-b-192", NULL, NULL, NULL, "suite-b", FALSE },
  { "unknown-key-mgmt", "wpa-psk-sha512", NULL, NULL, NULL, NULL, FALSE },
};

static void
test_profile_case (gconstpointer data)
{
  const ProfileCase *c = data;
  g_auto(GStrv) proto = c->proto ? g_strsplit (c->proto, ",", -1) : NULL;
  g_auto(GStrv) pairwise = c->pairwise ? g_strsplit (c->pairwise, ",", -1) : NULL;
  g_auto(GStrv) group = c->group ? g_strsplit (c->group, ",", -1) : NULL;
  OmWifiSecurity security = OM_N_WIFI_SECURITIES;
  gboolean tkip = !c->tkip;
  gboolean ok;

  ok = om_wifi_security_classify_profile (c->key_mgmt,
                                          (const char * const *) proto,
                                          (const char * const *) pairwise,
                                          (const char * const *) group,
                                          &security, &tkip);
  if (c->expected == NULL)
    {
      g_assert_false (ok);
      g_assert_cmpint (security, ==, OM_N_WIFI_SECURITIES);
      return;
    }
  g_assert_true (ok);
  g_assert_cmpstr (om_wifi_security_to_string (security), ==, c->expected);
  g_assert_cmpint (tkip, ==, c->tkip);
}

/* Every class has a stable id that round-trips, a label, a description and a rank;
 * the ranks are a strict order. */
static void
test_ids_labels_ranks (void)
{
  static const char * const ids[] = {
    "open", "owe", "owe-transition", "wep", "wpa-tkip", "wpa-wpa2-mixed", "wpa2-tkip",
    "wpa2", "wpa2-wpa3-transition", "wpa3", "enterprise", "suite-b", NULL
  };
  gboolean seen_rank[OM_N_WIFI_SECURITIES] = { FALSE, };

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, OM_N_WIFI_SECURITIES);
  for (guint i = 0; i < OM_N_WIFI_SECURITIES; i++)
    {
      OmWifiSecurity back;
      guint rank;

      g_assert_cmpstr (om_wifi_security_to_string (i), ==, ids[i]);
      g_assert_true (om_wifi_security_from_string (ids[i], &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (om_wifi_security_to_label (i));
      g_assert_cmpstr (om_wifi_security_to_label (i), !=, "");
      g_assert_nonnull (om_wifi_security_get_description (i));
      rank = om_wifi_security_get_rank (i);
      g_assert_cmpuint (rank, <, OM_N_WIFI_SECURITIES);
      g_assert_false (seen_rank[rank]);
      seen_rank[rank] = TRUE;
    }

  g_assert_false (om_wifi_security_from_string ("WPA2", NULL));
  g_assert_false (om_wifi_security_from_string ("", NULL));
  g_assert_false (om_wifi_security_from_string (NULL, NULL));

#define RANK(id) om_wifi_security_get_rank (OM_WIFI_SECURITY_##id)
  g_assert_cmpuint (RANK (OPEN), <, RANK (WEP));
  g_assert_cmpuint (RANK (WEP), <, RANK (WPA_TKIP));
  g_assert_cmpuint (RANK (OWE), <, RANK (WPA_TKIP));
  g_assert_cmpuint (RANK (OWE_TRANSITION), <, RANK (OWE));
  g_assert_cmpuint (RANK (WPA_TKIP), <, RANK (WPA_WPA2_MIXED));
  g_assert_cmpuint (RANK (WPA_WPA2_MIXED), <, RANK (WPA2_TKIP));
  g_assert_cmpuint (RANK (WPA2_TKIP), <, RANK (WPA2));
  g_assert_cmpuint (RANK (WPA2), <, RANK (WPA2_WPA3_TRANSITION));
  g_assert_cmpuint (RANK (WPA2_WPA3_TRANSITION), <, RANK (WPA3));
  g_assert_cmpuint (RANK (WPA3), <, RANK (ENTERPRISE));
  g_assert_cmpuint (RANK (ENTERPRISE), <, RANK (SUITE_B));
#undef RANK

  g_assert_true (om_wifi_security_uses_tkip (OM_WIFI_SECURITY_WPA2_TKIP));
  g_assert_true (om_wifi_security_uses_tkip (OM_WIFI_SECURITY_WPA_WPA2_MIXED));
  g_assert_false (om_wifi_security_uses_tkip (OM_WIFI_SECURITY_WPA2));
  g_assert_true (om_wifi_security_is_unauthenticated (OM_WIFI_SECURITY_OWE_TRANSITION));
  g_assert_false (om_wifi_security_is_unauthenticated (OM_WIFI_SECURITY_WEP));
}

/* Every class is reachable from an access point's flags: the table above covers them. */
static void
test_ap_table_covers_every_class (void)
{
  gboolean seen[OM_N_WIFI_SECURITIES] = { FALSE, };

  for (guint i = 0; i < G_N_ELEMENTS (ap_cases); i++)
    {
      OmWifiSecurity s;
      g_assert_true (om_wifi_security_from_string (ap_cases[i].expected, &s));
      seen[s] = TRUE;
    }
  for (guint i = 0; i < OM_N_WIFI_SECURITIES; i++)
    if (!seen[i])
      g_error ("no access-point case for %s", om_wifi_security_to_string (i));
}

/* Brute force over every combination of the bits that matter: never crashes, always
 * a valid class, and TKIP is reported exactly when a TKIP bit sits next to a key
 * management. */
static void
test_ap_exhaustive (void)
{
  const guint32 all_sec = 0x3fff;

  for (guint32 bits = 0; bits <= all_sec; bits += 1)
    {
      guint32 rsn = bits;
      guint32 wpa = bits & (P_TKIP | P_CCMP | G_TKIP | G_CCMP | K_PSK | K_1X);
      for (guint32 flags = 0; flags <= 1; flags++)
        {
          gboolean tkip;
          OmWifiSecurity s = om_wifi_security_classify_ap (flags, wpa, rsn, &tkip);

          g_assert_cmpint (s, <, OM_N_WIFI_SECURITIES);
          g_assert_cmpint (tkip, ==, (rsn & 0x3f00) != 0 && (rsn & (P_TKIP | G_TKIP)) != 0);
          if ((rsn & 0x3f00) == 0)
            g_assert_true (s == OM_WIFI_SECURITY_OPEN || s == OM_WIFI_SECURITY_WEP);
        }
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ap_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wifi/security/ap/%s", ap_cases[i].name);
      g_test_add_data_func (path, &ap_cases[i], test_ap_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (profile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wifi/security/profile/%s", profile_cases[i].name);
      g_test_add_data_func (path, &profile_cases[i], test_profile_case);
    }
  g_test_add_func ("/wifi/security/ids-labels-ranks", test_ids_labels_ranks);
  g_test_add_func ("/wifi/security/ap-table-covers-every-class", test_ap_table_covers_every_class);
  g_test_add_func ("/wifi/security/ap-exhaustive", test_ap_exhaustive);

  return g_test_run ();
}

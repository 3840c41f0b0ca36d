/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "om-office-network.h"
#include "om-wifi-audit.h"
#include "om-wifi-network.h"
#include "om-wifi-profile.h"

/* References: self-diagnosis item 9 is the Wi-Fi item; five rules 1 (firmware and
 * equipment up to date), 3 (passwords), 4 (who may reach what), 5 (know the attacks). */
static const guint ref_item9[] = { 9, 0 };
static const guint ref_item9_3[] = { 9, 3, 0 };
static const guint ref_rule1[] = { 1, 0 };
static const guint ref_rule3[] = { 3, 0 };
static const guint ref_rule4[] = { 4, 0 };
static const guint ref_rule5[] = { 5, 0 };

static void
add (GPtrArray   *findings,
     const char  *rule,
     OmSeverity   severity,
     const char  *ssid,
     const char  *subject,
     char        *title,      /* taken */
     const char  *advice,
     const guint *selfcheck,
     const guint *five_rules)
{
  g_ptr_array_add (findings, om_wifi_finding_new (rule, severity, ssid, subject, title, advice,
                                                  selfcheck, five_rules));
  g_free (title);
}

static gboolean
is_weaker (OmWifiSecurity seen,
           OmWifiSecurity required)
{
  return om_wifi_security_get_rank (seen) < om_wifi_security_get_rank (required);
}

/* Weaknesses of the office's own access points (the BSSes that are ours, or all of
 * them when the admin did not register BSSIDs). */
static void
judge_own_network (GPtrArray       *findings,
                   OmOfficeNetwork *office,
                   OmWifiNetwork   *net)
{
  OmWifiSecurity seen = om_wifi_network_get_security (net);
  OmWifiSecurity required = om_office_network_get_required (office);
  gboolean guest = om_office_network_get_purpose (office) == OM_WIFI_PURPOSE_GUEST;
  const char *ssid = om_wifi_network_get_ssid_text (net);
  const char *key = om_wifi_network_get_key (net);

  if (seen == OM_WIFI_SECURITY_OPEN || seen == OM_WIFI_SECURITY_OWE_TRANSITION)
    add (findings, OM_WIFI_RULE_OFFICE_OPEN, guest ? OM_SEVERITY_MEDIUM : OM_SEVERITY_CRITICAL,
         ssid, key,
         g_strdup_printf (_("“%s” has no password: anyone nearby can join it"), ssid),
         guest
         ? _("Even a guest network should be protected. In the access point’s settings, "
             "choose WPA2-Personal (AES) or WPA3 and give guests the password on a card, "
             "or use Enhanced Open (OWE) if all guest devices support it.")
         : _("Open the access point’s settings page and set the security to WPA2-Personal "
             "(AES) or WPA3 with a long password. Then reconnect the office’s devices."),
         ref_item9, guest ? ref_rule4 : NULL);
  else if (seen == OM_WIFI_SECURITY_WEP)
    add (findings, OM_WIFI_RULE_OFFICE_WEP, guest ? OM_SEVERITY_HIGH : OM_SEVERITY_CRITICAL,
         ssid, key,
         g_strdup_printf (_("“%s” uses WEP, which can be broken in minutes"), ssid),
         _("Switch the access point to WPA2-Personal (AES) or WPA3. If it does not offer "
           "these, update its firmware or replace it: WEP gives no real protection."),
         ref_item9, ref_rule1);
  else if (om_wifi_network_get_tkip (net))
    add (findings, OM_WIFI_RULE_OFFICE_TKIP, OM_SEVERITY_MEDIUM, ssid, key,
         g_strdup_printf (_("“%s” still allows the outdated TKIP cipher"), ssid),
         _("In the access point’s settings choose “WPA2 (AES)” or “WPA2/WPA3” instead of "
           "“WPA/WPA2” or “TKIP+AES”. Devices too old for AES should be replaced."),
         ref_item9, ref_rule1);
  else if (is_weaker (seen, required))
    add (findings, OM_WIFI_RULE_OFFICE_WEAKER, OM_SEVERITY_MEDIUM, ssid, key,
         g_strdup_printf (_("“%s” uses %s, weaker than the %s you registered"), ssid,
                          om_wifi_security_to_label (seen), om_wifi_security_to_label (required)),
         _("Check the access point’s security setting and set it back to what you "
           "registered. If the change was intended, register the network again with the "
           "new security."),
         ref_item9, NULL);

  if (om_wifi_network_get_wps (net) && !om_wifi_security_is_unauthenticated (seen)
      && seen != OM_WIFI_SECURITY_WEP)
    add (findings, OM_WIFI_RULE_OFFICE_WPS, OM_SEVERITY_LOW, ssid, key,
         g_strdup_printf (_("“%s” has WPS switched on"), ssid),
         _("WPS lets devices join with a button or a PIN, and the PIN can be guessed. "
           "Switch WPS off in the access point’s settings if nobody needs it."),
         ref_item9, NULL);
}

static void
judge_office_network (GPtrArray       *findings,
                      OmOfficeNetwork *office,
                      GListModel      *networks)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const *known = om_office_network_get_bssids (office);
  OmWifiSecurity required = om_office_network_get_required (office);
  gboolean have_known = known[0] != NULL;
  gboolean any_meets = FALSE;

  for (guint i = 0; networks != NULL && i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(OmWifiNetwork) net = g_list_model_get_item (networks, i);

      if (om_wifi_network_matches_ssid (net, om_office_network_get_ssid (office)))
        {
          if (!is_weaker (om_wifi_network_get_security (net), required))
            any_meets = TRUE;
          g_ptr_array_add (matches, g_steal_pointer (&net));
        }
    }

  for (guint i = 0; i < matches->len; i++)
    {
      OmWifiNetwork *net = g_ptr_array_index (matches, i);
      OmWifiSecurity seen = om_wifi_network_get_security (net);
      const char * const *bssids = om_wifi_network_get_bssids (net);
      const char *ssid = om_wifi_network_get_ssid_text (net);
      const char *key = om_wifi_network_get_key (net);
      g_autoptr(GPtrArray) strangers = g_ptr_array_new ();
      gboolean ours = FALSE;

      for (guint j = 0; bssids[j] != NULL; j++)
        {
          if (!have_known || om_office_network_knows_bssid (office, bssids[j]))
            ours = TRUE;
          else
            g_ptr_array_add (strangers, (gpointer) bssids[j]);
        }

      if (strangers->len > 0)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (strangers, NULL);
          list = g_strjoinv (", ", (char **) strangers->pdata);
          add (findings, OM_WIFI_RULE_EVIL_TWIN_UNKNOWN,
               is_weaker (seen, required) ? OM_SEVERITY_CRITICAL : OM_SEVERITY_HIGH,
               ssid, key,
               g_strdup_printf (_("An unknown access point (%s) broadcasts your network "
                                  "name “%s”"), list, ssid),
               _("This may be a fake access point set up to catch passwords and traffic, "
                 "or a new access point nobody registered. Find out who owns it. If it is "
                 "yours, add its BSSID to the registered network; if not, tell staff not to "
                 "connect to it and have it removed."),
               ref_item9, ref_rule5);
        }

      if (!ours)
        continue;

      /* Without registered BSSIDs: when the registered security is seen next to a
       * weaker copy of the same name, the copy is the suspect, not the office. */
      if (!have_known && any_meets && is_weaker (seen, required))
        {
          add (findings, OM_WIFI_RULE_EVIL_TWIN_WEAKER,
               om_wifi_security_is_unauthenticated (seen) || seen == OM_WIFI_SECURITY_WEP
               ? OM_SEVERITY_CRITICAL : OM_SEVERITY_HIGH,
               ssid, key,
               g_strdup_printf (_("A second “%s” network with weaker security (%s) is on the "
                                  "air"), ssid, om_wifi_security_to_label (seen)),
               _("Someone may be imitating your network to catch passwords and traffic. "
                 "Register the BSSIDs of your own access points so Omamori can tell them "
                 "apart, tell staff to check before connecting, and find the other device."),
               ref_item9, ref_rule5);
          continue;
        }

      judge_own_network (findings, office, net);
    }
}

static void
judge_shared_ssids (GPtrArray  *findings,
                    GListModel *office)
{
  guint n = office != NULL ? g_list_model_get_n_items (office) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmOfficeNetwork) a = g_list_model_get_item (office, i);
      g_autofree char *ssid = NULL;

      if (om_office_network_get_purpose (a) != OM_WIFI_PURPOSE_OFFICE)
        continue;
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(OmOfficeNetwork) b = g_list_model_get_item (office, j);
          g_autofree char *subject = NULL;

          if (om_office_network_get_purpose (b) != OM_WIFI_PURPOSE_GUEST
              || g_strcmp0 (om_office_network_get_ssid (a), om_office_network_get_ssid (b)) != 0)
            continue;
          ssid = om_office_network_dup_ssid_text (a);
          subject = g_strconcat ("office:", om_office_network_get_id (a), NULL);
          add (findings, OM_WIFI_RULE_GUEST_OFFICE_SHARED, OM_SEVERITY_HIGH, ssid, subject,
               g_strdup_printf (_("Guests and staff share the network “%s”"), ssid),
               _("Guests on the office network can reach shared folders, printers and NAS "
                 "devices. Create a separate guest network (most access points have a "
                 "“guest” or “isolation” setting) and give guests only that password."),
               ref_item9, ref_rule4);
          break;
        }
    }
}

static void
judge_profiles (GPtrArray  *findings,
                GListModel *profiles)
{
  for (guint i = 0; profiles != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(OmWifiProfile) profile = g_list_model_get_item (profiles, i);
      g_autofree char *subject = g_strconcat ("profile:", om_wifi_profile_get_id (profile), NULL);
      const char *ssid = om_wifi_profile_get_ssid_text (profile);

      if (om_wifi_profile_get_autoconnect (profile)
          && om_wifi_profile_get_security (profile) == OM_WIFI_SECURITY_OPEN)
        add (findings, OM_WIFI_RULE_PROFILE_AUTOCONNECT, OM_SEVERITY_MEDIUM, ssid, subject,
             g_strdup_printf (_("This computer joins the open network “%s” by itself"), ssid),
             _("Anyone can set up a network with this name, and the computer will join it "
               "without asking. In the Wi-Fi settings, turn off “Connect automatically” for "
               "this network, or remove it if it is no longer needed."),
             ref_item9, ref_rule5);

      if (om_wifi_profile_get_passphrase_checked (profile)
          && om_wifi_passphrase_is_weak (om_wifi_profile_get_passphrase_length (profile),
                                         om_wifi_profile_get_passphrase_classes (profile)))
        add (findings, OM_WIFI_RULE_WEAK_PASSPHRASE,
             om_wifi_profile_get_passphrase_length (profile) < 8
             ? OM_SEVERITY_HIGH : OM_SEVERITY_MEDIUM,
             ssid, subject,
             g_strdup_printf (_("The Wi-Fi password of “%s” is short or simple"), ssid),
             _("Set a new password on the access point: at least 10 characters mixing upper "
               "and lower case letters, digits and symbols — or a passphrase of 20 characters "
               "or more. Then update it on every device."),
             ref_item9_3, ref_rule3);
    }
}

static int
compare_severity_desc (gconstpointer a,
                       gconstpointer b)
{
  OmWifiFinding *fa = *(OmWifiFinding * const *) a;
  OmWifiFinding *fb = *(OmWifiFinding * const *) b;

  return (int) om_wifi_finding_get_severity (fb) - (int) om_wifi_finding_get_severity (fa);
}

GPtrArray *
om_wifi_audit_run (GListModel *networks,
                   GListModel *office,
                   GListModel *profiles)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; office != NULL && i < g_list_model_get_n_items (office); i++)
    {
      g_autoptr(OmOfficeNetwork) o = g_list_model_get_item (office, i);
      gboolean duplicate = FALSE;

      /* The same SSID registered for both purposes is judged once (as the office one). */
      for (guint j = 0; j < i; j++)
        {
          g_autoptr(OmOfficeNetwork) earlier = g_list_model_get_item (office, j);

          if (g_strcmp0 (om_office_network_get_ssid (earlier), om_office_network_get_ssid (o)) == 0)
            duplicate = TRUE;
        }
      if (duplicate)
        continue;
      if (om_office_network_get_purpose (o) == OM_WIFI_PURPOSE_GUEST)
        {
          OmOfficeNetwork *later = NULL;

          for (guint j = i + 1; j < g_list_model_get_n_items (office) && later == NULL; j++)
            {
              g_autoptr(OmOfficeNetwork) other = g_list_model_get_item (office, j);

              if (g_strcmp0 (om_office_network_get_ssid (other), om_office_network_get_ssid (o)) == 0)
                later = g_steal_pointer (&other);
            }
          if (later != NULL)
            {
              judge_office_network (findings, later, networks);
              g_object_unref (later);
              continue;
            }
        }
      judge_office_network (findings, o, networks);
    }

  judge_shared_ssids (findings, office);
  judge_profiles (findings, profiles);

  /* Stable: findings of equal severity keep the order they were found in. */
  g_ptr_array_sort (findings, compare_severity_desc);
  return findings;
}

GPtrArray *
om_wifi_audit_filter_subject (GPtrArray  *findings,
                              const char *subject)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (g_strcmp0 (om_wifi_finding_get_subject (g_ptr_array_index (findings, i)), subject) == 0)
      g_ptr_array_add (out, g_ptr_array_index (findings, i));
  return out;
}

guint
om_wifi_audit_apply (GPtrArray     *findings,
                     OmFindingList *list)
{
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  guint open = 0;

  g_return_val_if_fail (OM_IS_FINDING_LIST (list), 0);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      OmWifiFinding *wf = g_ptr_array_index (findings, i);
      g_autoptr(OmFinding) f = om_finding_new (om_wifi_finding_get_rule (wf),
                                               om_wifi_finding_get_subject (wf));

      om_finding_set_severity (f, om_wifi_finding_get_severity (wf));
      om_finding_set_subject_name (f, om_wifi_finding_get_ssid (wf));
      om_finding_set_title (f, om_wifi_finding_get_title (wf));
      om_finding_set_detail (f, om_wifi_finding_get_advice (wf));
      om_finding_set_five_rules (f, om_wifi_finding_get_five_rules (wf));
      om_finding_set_selfcheck (f, om_wifi_finding_get_selfcheck (wf));
      om_finding_list_upsert (list, f);
      g_hash_table_add (current, g_strconcat (om_wifi_finding_get_rule (wf), "\n",
                                              om_wifi_finding_get_subject (wf), NULL));
    }

  for (guint i = 0; i < om_finding_list_get_n_findings (list); i++)
    {
      OmFinding *f = om_finding_list_get_finding (list, i);
      g_autofree char *k = NULL;

      if (!g_str_has_prefix (om_finding_get_rule_id (f), "wifi."))
        continue;
      k = g_strconcat (om_finding_get_rule_id (f), "\n", om_finding_get_subject_id (f), NULL);
      if (g_hash_table_contains (current, k))
        open += om_finding_is_open (f);
      else if (om_finding_get_state (f) == OM_FINDING_STATE_OPEN)
        g_ptr_array_add (stale, f);
    }
  for (guint i = 0; i < stale->len; i++)
    om_finding_set_state (g_ptr_array_index (stale, i), OM_FINDING_STATE_RESOLVED);

  return open;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli wifi [--json] [--rescan] [--check-passphrases] [--timeout SECONDS]
 * omamori-cli wifi register SSID --purpose office|guest --security CLASS [--bssid MAC]…
 * omamori-cli wifi unregister SSID [--purpose office|guest]
 *
 * Lists the Wi-Fi networks NetworkManager sees, classified, with the audit's
 * findings against the office networks registered in the data file.
 */
#define G_LOG_DOMAIN "om-cli-wifi"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "om-cli.h"
#include "om-office-networks.h"
#include "om-store.h"
#include "om-wifi-audit.h"
#include "om-wifi-monitor.h"
#include "om-wifi-network.h"

#define DEFAULT_TIMEOUT_S 20

typedef struct {
  gboolean   done;
  gboolean   ok;
  GError    *error;
} Wait;

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_done (Wait *wait)
{
  /* Every operation ends by itself (the scan has its own timeout, D-Bus calls theirs). */
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_async_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == om_wifi_monitor_rescan_async)
    wait->ok = om_wifi_monitor_rescan_finish (OM_WIFI_MONITOR (source), result, &wait->error);
  else
    wait->ok = om_wifi_monitor_check_passphrase_finish (OM_WIFI_MONITOR (source), result,
                                                        &wait->error);
  wait->done = TRUE;
}

/* Runs pending idles (the profile list is rebuilt from one). */
static void
drain (void)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static OmStore *
open_store (GError **error)
{
  g_autoptr(OmStore) store = om_store_new (NULL);

  if (!om_store_load (store, error))
    return NULL;
  if (om_store_get_load_message (store) != NULL)
    om_cli_printerr ("%s", om_store_get_load_message (store));
  return g_steal_pointer (&store);
}

static const char *
band_id (OmWifiBand band)
{
  switch (band)
    {
    case OM_WIFI_BAND_2_4_GHZ: return "2.4GHz";
    case OM_WIFI_BAND_5_GHZ: return "5GHz";
    case OM_WIFI_BAND_6_GHZ: return "6GHz";
    case OM_WIFI_BAND_UNKNOWN:
    default: return NULL;
    }
}

static void
add_uint_array (JsonBuilder *b, const char *name, const guint *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values[i] != 0; i++)
    json_builder_add_int_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_finding (JsonBuilder *b, OmWifiFinding *f)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, om_wifi_finding_get_rule (f));
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, om_severity_to_string (om_wifi_finding_get_severity (f)));
  json_builder_set_member_name (b, "ssid");
  json_builder_add_string_value (b, om_wifi_finding_get_ssid (f));
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, om_wifi_finding_get_subject (f));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, om_wifi_finding_get_title (f));
  json_builder_set_member_name (b, "advice");
  json_builder_add_string_value (b, om_wifi_finding_get_advice (f));
  add_uint_array (b, "selfcheck", om_wifi_finding_get_selfcheck (f));
  add_uint_array (b, "five_rules", om_wifi_finding_get_five_rules (f));
  json_builder_end_object (b);
}

static OmOfficeNetwork *
registration_for (GListModel *office, OmWifiNetwork *net)
{
  OmOfficeNetwork *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (office) && found == NULL; i++)
    {
      g_autoptr(OmOfficeNetwork) o = g_list_model_get_item (office, i);

      if (om_wifi_network_matches_ssid (net, om_office_network_get_ssid (o)))
        found = o;
    }
  return found;
}

static void
print_json (OmWifiMonitor *monitor, GListModel *office, GPtrArray *findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  GListModel *networks = om_wifi_monitor_get_networks (monitor);
  GListModel *profiles = om_wifi_monitor_get_profiles (monitor);
  OmWifiMonitorState state = om_wifi_monitor_get_state (monitor);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, om_wifi_monitor_state_to_string (state));
  if (state != OM_WIFI_MONITOR_STATE_READY)
    {
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, om_wifi_monitor_get_state_explanation (monitor));
    }

  json_builder_set_member_name (b, "networks");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(OmWifiNetwork) net = g_list_model_get_item (networks, i);
      g_autoptr(GPtrArray) mine = om_wifi_audit_filter_subject (findings,
                                                                om_wifi_network_get_key (net));
      const char * const *bssids = om_wifi_network_get_bssids (net);
      OmOfficeNetwork *reg = registration_for (office, net);
      gint64 last_seen = om_wifi_network_get_last_seen (net);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ssid");
      json_builder_add_string_value (b, om_wifi_network_get_ssid_text (net));
      json_builder_set_member_name (b, "hidden");
      json_builder_add_boolean_value (b, om_wifi_network_get_hidden (net));
      json_builder_set_member_name (b, "bssids");
      json_builder_begin_array (b);
      for (guint j = 0; bssids[j] != NULL; j++)
        json_builder_add_string_value (b, bssids[j]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "security");
      json_builder_add_string_value (b, om_wifi_security_to_string (om_wifi_network_get_security (net)));
      json_builder_set_member_name (b, "tkip");
      json_builder_add_boolean_value (b, om_wifi_network_get_tkip (net));
      json_builder_set_member_name (b, "wps");
      json_builder_add_boolean_value (b, om_wifi_network_get_wps (net));
      json_builder_set_member_name (b, "strength");
      json_builder_add_int_value (b, om_wifi_network_get_strength (net));
      json_builder_set_member_name (b, "frequency");
      json_builder_add_int_value (b, om_wifi_network_get_frequency (net));
      json_builder_set_member_name (b, "channel");
      json_builder_add_int_value (b, om_wifi_network_get_channel (net));
      json_builder_set_member_name (b, "band");
      if (band_id (om_wifi_network_get_band (net)) != NULL)
        json_builder_add_string_value (b, band_id (om_wifi_network_get_band (net)));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "last_seen");
      if (last_seen > 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (last_seen);
          g_autofree char *iso = g_date_time_format_iso8601 (dt);

          json_builder_add_string_value (b, iso);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "registered");
      if (reg != NULL)
        json_builder_add_string_value (b, om_wifi_purpose_to_string (om_office_network_get_purpose (reg)));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (guint j = 0; j < mine->len; j++)
        add_finding (b, g_ptr_array_index (mine, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "profiles");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(OmWifiProfile) p = g_list_model_get_item (profiles, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, om_wifi_profile_get_name (p));
      json_builder_set_member_name (b, "ssid");
      json_builder_add_string_value (b, om_wifi_profile_get_ssid_text (p));
      json_builder_set_member_name (b, "key_mgmt");
      json_builder_add_string_value (b, om_wifi_profile_get_key_mgmt (p));
      json_builder_set_member_name (b, "security");
      json_builder_add_string_value (b, om_wifi_security_to_string (om_wifi_profile_get_security (p)));
      json_builder_set_member_name (b, "autoconnect");
      json_builder_add_boolean_value (b, om_wifi_profile_get_autoconnect (p));
      if (om_wifi_profile_get_passphrase_checked (p))
        {
          json_builder_set_member_name (b, "passphrase_length");
          json_builder_add_int_value (b, om_wifi_profile_get_passphrase_length (p));
          json_builder_set_member_name (b, "passphrase_classes");
          json_builder_add_int_value (b, om_wifi_passphrase_count_classes (
                                            om_wifi_profile_get_passphrase_classes (p)));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "registered");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (office); i++)
    {
      g_autoptr(OmOfficeNetwork) o = g_list_model_get_item (office, i);
      om_office_network_to_json (o, b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    add_finding (b, g_ptr_array_index (findings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  printf ("%s\n", out);
}

static void
print_human (OmWifiMonitor *monitor, GListModel *office, GPtrArray *findings)
{
  GListModel *networks = om_wifi_monitor_get_networks (monitor);
  guint n = g_list_model_get_n_items (networks);

  if (om_wifi_monitor_get_state (monitor) != OM_WIFI_MONITOR_STATE_READY)
    printf ("%s\n%s\n\n", om_wifi_monitor_get_state_title (monitor),
            om_wifi_monitor_get_state_explanation (monitor));

  printf (g_dngettext (GETTEXT_PACKAGE, "%u Wi-Fi network in range", "%u Wi-Fi networks in range",
                       n), n);
  printf ("\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmWifiNetwork) net = g_list_model_get_item (networks, i);
      g_autofree char *bssids = g_strjoinv (" ", (char **) om_wifi_network_get_bssids (net));

      printf ("  %-32s  %-28s  %3u%%  %s %u  %s\n", om_wifi_network_get_title (net),
              om_wifi_security_to_label (om_wifi_network_get_security (net)),
              om_wifi_network_get_strength (net),
              om_wifi_band_to_label (om_wifi_network_get_band (net)),
              om_wifi_network_get_channel (net), bssids);
    }

  if (g_list_model_get_n_items (office) == 0)
    printf ("\n%s\n", _("No office network is registered yet. Register yours with "
                        "“omamori-cli wifi register SSID --purpose office --security wpa2”."));

  printf ("\n");
  printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", findings->len),
          findings->len);
  printf ("\n");
  for (guint i = 0; i < findings->len; i++)
    {
      OmWifiFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *refs = om_wifi_finding_dup_refs_label (f);

      printf ("  [%s] %s\n", om_severity_to_label (om_wifi_finding_get_severity (f)),
              om_wifi_finding_get_title (f));
      printf ("      %s\n", om_wifi_finding_get_advice (f));
      printf ("      %s (%s)\n", refs, om_wifi_finding_get_rule (f));
    }
}

static int
run_list (int argc, char **argv)
{
  gboolean json = FALSE, rescan = FALSE, check = FALSE;
  int timeout = DEFAULT_TIMEOUT_S;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "rescan", 0, 0, G_OPTION_ARG_NONE, &rescan, N_("Ask NetworkManager to scan first"), NULL },
    { "check-passphrases", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Also check the length and character types of saved Wi-Fi passwords (you agree that "
         "Omamori reads them from NetworkManager; they are never stored or shown)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Wait at most SECONDS for NetworkManager and for a scan"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— audit the Wi-Fi networks in range"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmWifiMonitor) monitor = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GListModel *office;
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Subcommands:\n"
      "  wifi register SSID --purpose office|guest --security CLASS [--bssid MAC]…\n"
      "  wifi unregister SSID [--purpose office|guest]\n\n"
      "Security classes: open, owe, owe-transition, wep, wpa-tkip, wpa-wpa2-mixed, wpa2-tkip,\n"
      "wpa2, wpa2-wpa3-transition, wpa3, enterprise, suite-b"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (argc > 1)
    {
      om_cli_printerr (_("Unknown argument “%s”. Run “omamori-cli wifi --help”."), argv[1]);
      return 2;
    }

  store = open_store (&error);
  if (store == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  office = G_LIST_MODEL (om_office_networks_get_for_document (om_store_get_document (store)));

  monitor = om_wifi_monitor_new ();
  timeout_id = g_timeout_add_seconds (MAX (timeout, 1), on_timeout_cb, &timed_out);
  while (!timed_out && om_wifi_monitor_get_state (monitor) == OM_WIFI_MONITOR_STATE_STARTING)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  drain ();

  if (om_wifi_monitor_get_state (monitor) == OM_WIFI_MONITOR_STATE_STARTING)
    {
      om_cli_printerr (_("NetworkManager did not answer within %d seconds. Try again, or "
                         "check that it is running."), timeout);
      return 1;
    }

  if (rescan && om_wifi_monitor_get_state (monitor) == OM_WIFI_MONITOR_STATE_READY)
    {
      Wait wait = { FALSE, FALSE, NULL };

      /* The scan shares the time budget; NetworkManager usually reports it sooner. */
      om_wifi_monitor_set_scan_timeout (monitor, MIN (MAX (timeout, 1), 15) * 1000);
      om_wifi_monitor_rescan_async (monitor, NULL, on_async_done_cb, &wait);
      wait_done (&wait);
      if (!wait.ok)
        {
          om_cli_printerr ("%s", wait.error->message);
          g_clear_error (&wait.error);
        }
      drain ();
    }

  if (check)
    {
      GListModel *profiles = om_wifi_monitor_get_profiles (monitor);

      for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
        {
          g_autoptr(OmWifiProfile) p = g_list_model_get_item (profiles, i);
          Wait wait = { FALSE, FALSE, NULL };
          const char *km = om_wifi_profile_get_key_mgmt (p);

          if (km == NULL || (!g_str_equal (km, "wpa-psk") && !g_str_equal (km, "sae")))
            continue;
          om_wifi_monitor_check_passphrase_async (monitor, p, NULL, on_async_done_cb, &wait);
          wait_done (&wait);
          if (!wait.ok)
            {
              om_cli_printerr ("%s: %s", om_wifi_profile_get_name (p), wait.error->message);
              g_clear_error (&wait.error);
            }
        }
    }

  findings = om_wifi_audit_run (om_wifi_monitor_get_networks (monitor), office,
                                om_wifi_monitor_get_profiles (monitor));
  if (json)
    print_json (monitor, office, findings);
  else
    print_human (monitor, office, findings);

  return om_wifi_monitor_get_state (monitor) == OM_WIFI_MONITOR_STATE_READY ? 0 : 1;
}

static gboolean
parse_purpose (const char *text, OmWifiPurpose *out)
{
  if (om_wifi_purpose_from_string (text, out))
    return TRUE;
  om_cli_printerr (_("Unknown purpose “%s”: use “office” or “guest”."), text ? text : "");
  return FALSE;
}

static int
run_register (int argc, char **argv)
{
  g_autofree char *purpose_text = NULL;
  g_autofree char *security_text = NULL;
  g_auto(GStrv) bssids = NULL;
  GOptionEntry entries[] = {
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose_text, N_("office or guest"), N_("PURPOSE") },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security_text,
      N_("The security the network must have"), N_("CLASS") },
    { "bssid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bssids,
      N_("MAC address of one of the office’s own access points (repeatable)"), N_("MAC") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SSID — register an office Wi-Fi network"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmOfficeNetwork) network = NULL;
  g_autofree char *ssid_text = NULL;
  OmOfficeNetworks *list;
  OmOfficeNetwork *registered;
  OmWifiPurpose purpose;
  OmWifiSecurity security;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (argc != 2)
    {
      om_cli_printerr ("%s", _("Give exactly one network name (SSID). Run “omamori-cli wifi register --help”."));
      return 2;
    }
  if (!om_office_network_validate_ssid (argv[1], &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (purpose_text == NULL || security_text == NULL)
    {
      om_cli_printerr ("%s", _("Both --purpose and --security are required."));
      return 2;
    }
  if (!parse_purpose (purpose_text, &purpose))
    return 2;
  if (!om_wifi_security_from_string (security_text, &security))
    {
      om_cli_printerr (_("Unknown security class “%s”. Use one of: open, owe, owe-transition, "
                         "wep, wpa-tkip, wpa-wpa2-mixed, wpa2-tkip, wpa2, wpa2-wpa3-transition, "
                         "wpa3, enterprise, suite-b."), security_text);
      return 2;
    }

  network = om_office_network_new (argv[1], purpose, security);
  for (guint i = 0; bssids != NULL && bssids[i] != NULL; i++)
    if (!om_office_network_add_bssid (network, bssids[i], &error))
      {
        om_cli_printerr ("%s", error->message);
        return 2;
      }

  store = open_store (&error);
  if (store == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  list = om_office_networks_get_for_document (om_store_get_document (store));
  registered = om_office_networks_register (list, network);
  if (!om_store_flush (store, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }

  ssid_text = om_office_network_dup_ssid_text (registered);
  /* Translators: network name, “Office network”/“Guest network”, security label */
  printf (_("Registered “%s” as %s, requiring %s."), ssid_text,
          om_wifi_purpose_to_label (purpose), om_wifi_security_to_label (security));
  printf ("\n");
  return 0;
}

static int
run_unregister (int argc, char **argv)
{
  g_autofree char *purpose_text = NULL;
  GOptionEntry entries[] = {
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose_text, N_("office or guest"), N_("PURPOSE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SSID — forget a registered Wi-Fi network"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  OmOfficeNetworks *list;
  OmOfficeNetwork *found;
  OmWifiPurpose purpose = OM_WIFI_PURPOSE_OFFICE;
  guint removed = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (argc != 2)
    {
      om_cli_printerr ("%s", _("Give exactly one network name (SSID)."));
      return 2;
    }
  if (purpose_text != NULL && !parse_purpose (purpose_text, &purpose))
    return 2;

  store = open_store (&error);
  if (store == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  list = om_office_networks_get_for_document (om_store_get_document (store));
  while ((found = om_office_networks_find (list, argv[1], purpose, purpose_text == NULL)) != NULL)
    {
      om_office_networks_remove (list, found);
      removed++;
    }
  if (removed == 0)
    {
      om_cli_printerr (_("No registered network is called “%s”."), argv[1]);
      return 1;
    }
  if (!om_store_flush (store, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  return 0;
}

int
om_cli_wifi (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "register"))
    return run_register (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "unregister"))
    return run_unregister (argc - 1, argv + 1);
  return run_list (argc, argv);
}

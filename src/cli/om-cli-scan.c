/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli scan --scope CIDR [--yes] [--json]: discovery without the window,
 * for cron. Shows the address count and asks before sending anything unless
 * --yes; merges what it found into the inventory like the window does.
 */
#define G_LOG_DOMAIN "om-cli-scan"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "om-cli.h"
#include "om-document.h"
#include "om-eol.h"
#include "om-merge.h"
#include "om-observation.h"
#include "om-scan-scope.h"
#include "om-scanner.h"
#include "om-secrets.h"
#include "om-snmpv3-sets.h"
#include "om-store.h"

typedef struct {
  GPtrArray *hosts;
  GError    *error;
  gboolean   done;
} ScanRun;

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  ScanRun *run = data;

  run->hosts = om_scanner_run_finish (OM_SCANNER (source), result, &run->error);
  run->done = TRUE;
}

static gboolean
on_sigint_cb (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_CONTINUE;
}

static void
on_progress_cb (OmScanner  *scanner,
                guint       phase,
                double      fraction,
                const char *host,
                gpointer    data)
{
  static const char *names[] = { "", N_("Finding live hosts"), N_("Identifying"), N_("Done") };

  if (!isatty (STDERR_FILENO) || phase >= G_N_ELEMENTS (names) || phase == OM_SCAN_PHASE_IDLE)
    return;
  fprintf (stderr, "\r\033[K%s %3.0f%%%s%s", _(names[phase]), fraction * 100.0,
           host ? "  " : "", host ? host : "");
  if (phase == OM_SCAN_PHASE_DONE)
    fputc ('\n', stderr);
}

static gboolean
confirm (const char *scope_text,
         guint       n)
{
  char answer[16] = "";

  if (!isatty (STDIN_FILENO))
    {
      om_cli_printerr (_("Not scanning %u addresses without confirmation: add --yes to scan %s."), n, scope_text);
      return FALSE;
    }
  fprintf (stderr, _("Scan %u addresses in %s? [y/N] "), n, scope_text);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  return answer[0] == 'y' || answer[0] == 'Y';
}

static void
add_strv (JsonBuilder        *b,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_nullable_string (JsonBuilder *b,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
host_to_json (JsonBuilder    *b,
              OmObservation  *obs,
              OmDevice       *device,
              gboolean        is_new,
              OmEolDatabase  *eol)
{
  g_autofree char *os = om_device_dup_os_display (device);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new ();
  const char * const *names = om_device_get_hostnames (device);
  GPtrArray *services = om_observation_get_services (obs);
  GPtrArray *shares = om_observation_get_shares (obs);
  OmEolStatus status = OM_EOL_STATUS_UNKNOWN;
  g_autoptr(GDate) today = g_date_new ();

  g_date_set_time_t (today, time (NULL));
  if (eol != NULL)
    status = om_eol_judge_device (eol, device, today, NULL);

  json_builder_begin_object (b);
  add_strv (b, "addresses", om_observation_get_addresses (obs));
  add_nullable_string (b, "mac", om_observation_get_mac (obs));
  add_strv (b, "hostnames", names);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, om_device_kind_to_string (om_device_get_kind (device)));
  add_nullable_string (b, "vendor", om_device_get_vendor (device));
  add_nullable_string (b, "model", om_device_get_model (device));
  add_nullable_string (b, "os", os);
  json_builder_set_member_name (b, "eol_status");
  json_builder_add_string_value (b, om_eol_status_to_string (status));
  json_builder_set_member_name (b, "ownership");
  json_builder_add_string_value (b, om_ownership_to_string (om_device_get_ownership (device)));
  json_builder_set_member_name (b, "registered");
  json_builder_add_boolean_value (b, om_device_get_registered (device));
  json_builder_set_member_name (b, "new");
  json_builder_add_boolean_value (b, is_new);
  json_builder_set_member_name (b, "device_id");
  json_builder_add_string_value (b, om_device_get_id (device));
  add_nullable_string (b, "seen_by", om_observation_get_alive_how (obs));

  json_builder_set_member_name (b, "services");
  json_builder_begin_array (b);
  for (guint i = 0; i < services->len; i++)
    {
      OmService *s = g_ptr_array_index (services, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "port");
      json_builder_add_int_value (b, s->port);
      json_builder_set_member_name (b, "proto");
      json_builder_add_string_value (b, s->proto);
      add_nullable_string (b, "name", s->name);
      if (s->product != NULL)
        add_nullable_string (b, "product", s->product);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "shares");
  json_builder_begin_array (b);
  for (guint i = 0; i < shares->len; i++)
    {
      OmShare *s = g_ptr_array_index (shares, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "guest_read");
      json_builder_add_boolean_value (b, s->guest_read);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* Everything the probes said, for scripts and for checking identification. */
  json_builder_set_member_name (b, "facts");
  json_builder_begin_object (b);
  {
    GPtrArray *facts = om_observation_get_facts (obs);

    for (guint i = 0; i < facts->len; i++)
      {
        OmFact *f = g_ptr_array_index (facts, i);

        if (json_builder_set_member_name (b, f->key) != NULL)
          json_builder_add_string_value (b, f->value);
      }
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* SNMPv3 credential sets (data file) and their passphrases (keyring), for this
 * run only. Without a session bus (a cron job, a container) there is no keyring
 * to ask: v2c only. @store is the open data file, or NULL (--no-save): then it
 * is opened here just to read the sets. */
static void
use_keyring_snmpv3 (OmScanner *scanner,
                    OmStore   *store,
                    gboolean   quiet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) own = NULL;
  g_autoptr(OmSnmpv3Set) migrated = NULL;
  g_autofree char *bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  OmSnmpv3Sets *sets;
  guint n;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && !g_file_test (bus, G_FILE_TEST_EXISTS))
    return;
  if (store == NULL)
    {
      g_autofree char *data_dir = om_cli_dup_data_dir ();

      own = om_store_new (data_dir);
      if (!om_store_load (own, &error))
        {
          if (!quiet)
            om_cli_printerr (_("SNMPv3 credentials could not be read (%s); using the SNMP v2c community only."),
                             error->message);
          return;
        }
      store = own;
    }
  sets = om_snmpv3_sets_get_for_document (om_store_get_document (store));
  /* The single set of older versions becomes a set for every address, once the
   * data file can take it. */
  if (!om_store_get_read_only (store))
    migrated = om_secrets_migrate_snmpv3 (NULL, &error);
  if (migrated != NULL)
    {
      om_snmpv3_sets_put (sets, migrated);
      om_store_flush (store, NULL);
    }
  if (error != NULL)
    {
      if (!quiet)
        om_cli_printerr (_("SNMPv3 credentials could not be read (%s); using the SNMP v2c community only."),
                         error->message);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (sets));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmSnmpv3Set) set = g_list_model_get_item (G_LIST_MODEL (sets), i);
      g_autoptr(OmSnmpV3Credentials) creds = om_secrets_lookup_snmpv3_set (set, NULL, &error);
      g_autofree char *targets = om_snmpv3_set_dup_targets_text (set);

      if (creds == NULL)
        {
          if (!quiet)
            om_cli_printerr (_("SNMPv3 set “%s”: %s; its devices are asked with the v2c community only."),
                             om_snmpv3_set_get_label (set),
                             error != NULL ? error->message : _("no passphrases in the keyring"));
          g_clear_error (&error);
          continue;
        }
      om_scanner_add_snmpv3_set (scanner, set, creds);
      if (!quiet)
        printf (_("SNMPv3: set “%s” (user “%s”, %s, %s) for %s, then the v2c community.\n"),
                om_snmpv3_set_get_label (set), creds->user,
                om_snmp_auth_protocol_to_string (creds->auth_proto),
                om_snmp_priv_protocol_to_string (creds->priv_proto),
                *targets != '\0' ? targets : _("every address"));
    }
}

int
om_cli_scan (int    argc,
             char **argv)
{
  g_autofree char *scope_arg = NULL;
  g_autofree char *community = NULL;
  g_autofree char *data_dir = NULL;
  gboolean yes = FALSE, json = FALSE, timing = FALSE, liveness_only = FALSE, no_save = FALSE;
  gboolean no_snmpv3 = FALSE;
  int mdns_ms = 3000;
  GOptionEntry entries[] = {
    { "scope", 's', 0, G_OPTION_ARG_STRING, &scope_arg,
      N_("Networks, addresses or ranges to scan (default: this computer’s own subnets)"), N_("CIDR") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the live hosts as a JSON array"), NULL },
    { "community", 0, 0, G_OPTION_ARG_STRING, &community, N_("SNMP v2c community (default: public)"), N_("NAME") },
    { "no-snmpv3", 0, 0, G_OPTION_ARG_NONE, &no_snmpv3, N_("Do not use the SNMPv3 credentials kept in the keyring"), NULL },
    { "mdns-ms", 0, 0, G_OPTION_ARG_INT, &mdns_ms, N_("How long to listen for mDNS adverts"), N_("MS") },
    { "liveness-only", 0, 0, G_OPTION_ARG_NONE, &liveness_only, N_("Only find live hosts; do not identify or merge"), NULL },
    { "no-save", 0, 0, G_OPTION_ARG_NONE, &no_save, N_("Do not merge the result into the inventory"), NULL },
    { "timing", 0, 0, G_OPTION_ARG_NONE, &timing, N_("Print how long each phase took"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OmScanScope) scope = NULL;
  g_autoptr(OmScanner) scanner = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmMergeSummary) summary = NULL;
  g_autoptr(OmEolDatabase) eol = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *scope_text = NULL;
  OmInventory *inventory = NULL;
  g_autoptr(OmInventory) scratch = NULL;
  ScanRun run = { NULL, NULL, FALSE };
  GSource *sigint;
  gint64 t0;

  g_option_context_set_summary (octx, _("Find the devices on the office network, identify them and "
                                        "merge them into the inventory."));
  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }

  scope = scope_arg ? om_scan_scope_parse (scope_arg, &error) : om_scan_scope_new_default (&error);
  if (scope == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  scope_text = om_scan_scope_to_string (scope);
  if (!json)
    printf (_("Scope: %s (%u addresses)\n"), scope_text, om_scan_scope_get_n_addresses (scope));
  if (!yes && !confirm (scope_text, om_scan_scope_get_n_addresses (scope)))
    return 1;
  if (!om_scanner_check_safe (scope, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }

  if (!liveness_only && !no_save)
    {
      data_dir = om_cli_dup_data_dir ();
      store = om_store_new (data_dir);
      if (!om_store_load (store, &error))
        {
          om_cli_printerr ("%s", error->message);
          return 1;
        }
      if (om_store_get_read_only (store))
        {
          om_cli_printerr (_("The data file is read-only; the scan result cannot be saved. "
                             "Close other Omamori windows or use --no-save."));
          return 1;
        }
      inventory = om_document_get_inventory (om_store_get_document (store));
    }
  else
    inventory = scratch = om_inventory_new ();

  scanner = om_scanner_new (scope);
  if (community != NULL)
    om_scanner_set_community (scanner, community);
  if (!no_snmpv3 && !liveness_only)
    use_keyring_snmpv3 (scanner, store, json);
  om_scanner_set_mdns_duration (scanner, (guint) CLAMP (mdns_ms, 0, 30000));
  om_scanner_set_liveness_only (scanner, liveness_only);
  if (!json)
    g_signal_connect (scanner, "progress", G_CALLBACK (on_progress_cb), NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  sigint = g_unix_signal_source_new (SIGINT);
  g_source_set_callback (sigint, on_sigint_cb, cancellable, NULL);
  g_source_attach (sigint, context);
  t0 = g_get_monotonic_time ();
  om_scanner_run_async (scanner, cancellable, on_scan_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (sigint);
  g_source_unref (sigint);
  g_main_context_pop_thread_default (context);

  if (run.hosts == NULL)
    {
      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        om_cli_printerr (_("Scan cancelled; the inventory was not changed."));
      else
        om_cli_printerr ("%s", run.error->message);
      g_clear_error (&run.error);
      return 1;
    }

  if (timing)
    fprintf (stderr, "timing: liveness %.3f s, identify %.3f s, total %.3f s, hosts %u\n",
             om_scanner_get_phase_duration (scanner, OM_SCAN_PHASE_LIVENESS) / 1e6,
             om_scanner_get_phase_duration (scanner, OM_SCAN_PHASE_IDENTIFY) / 1e6,
             (g_get_monotonic_time () - t0) / 1e6, run.hosts->len);

  /* SNMPv3 that a device refused is said out loud, not only in the JSON facts. */
  for (guint i = 0; !json && i < run.hosts->len; i++)
    {
      OmObservation *obs = g_ptr_array_index (run.hosts, i);
      const char *v3 = om_observation_get_fact (obs, "snmp.v3.error");

      if (v3 != NULL && g_str_has_prefix (v3, "SNMPv3 authentication failed"))
        /* Translators: "10.0.0.5: SNMPv3 authentication failed with set “NAS” (…): wrong …" */
        om_cli_printerr (_("%s: %s. Check that credential set (omamori-cli secrets list)."),
                         om_observation_get_address (obs), v3);
    }

  now = g_date_time_new_now_utc ();
  summary = om_merge_observations (inventory, run.hosts, now);
  eol = om_eol_database_new_default (NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < run.hosts->len; i++)
        {
          OmDevice *device = g_ptr_array_index (summary->matched, i);
          gboolean is_new = device != NULL && g_ptr_array_find (summary->new_devices, device, NULL);

          if (device != NULL)
            host_to_json (b, g_ptr_array_index (run.hosts, i), device, is_new, eol);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
    }
  else
    {
      for (guint i = 0; i < run.hosts->len; i++)
        {
          OmObservation *obs = g_ptr_array_index (run.hosts, i);
          OmDevice *device = g_ptr_array_index (summary->matched, i);
          g_autofree char *name = device ? om_device_dup_display_name (device) : NULL;
          g_autofree char *os = device ? om_device_dup_os_display (device) : NULL;

          printf ("%-15s %-17s %-10s %-24s %s\n", om_observation_get_address (obs),
                  om_observation_get_mac (obs) ? om_observation_get_mac (obs) : "-",
                  device ? om_device_kind_to_string (om_device_get_kind (device)) : "-",
                  name ? name : "-", os ? os : "");
        }
      printf (_("%u live hosts: %u new, %u changed, %u unchanged; %u devices not seen.\n"),
              run.hosts->len, summary->n_new, summary->n_changed, summary->n_unchanged,
              summary->n_not_seen);
    }
  g_ptr_array_unref (run.hosts);

  if (store != NULL && !om_store_flush (store, &error))
    {
      om_cli_printerr (_("Could not save the inventory: %s"), error->message);
      return 1;
    }
  return 0;
}

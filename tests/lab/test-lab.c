/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Discovery against the namespace lab (tests/lab/lab.sh). Runs INSIDE the lab's
 * admin namespace (run-lab-tests.sh starts the lab and execs this there).
 * One scan of 10.203.0.0/25 is shared by the cases; a second scan checks that the
 * merge is idempotent and that manual edits survive.
 */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "om-identify.h"
#include "om-merge.h"
#include "om-observation.h"
#include "om-scanner.h"

static GPtrArray *hosts;          /* first scan */
static OmInventory *inventory;
static gint64 canary_before;
static double liveness_s, total_s;

static gint64
read_canary (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("OM_LAB_STATE"), "canary.count", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_ascii_strtoll (text, NULL, 10);
}

static GPtrArray *
scan (OmScanner **out_scanner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmScanScope) scope = om_scan_scope_parse ("10.203.0.0/25", &error);
  g_autoptr(OmScanner) scanner = NULL;
  GPtrArray *result;
  gint64 t0;

  g_assert_no_error (error);
  scanner = om_scanner_new (scope);
  om_scanner_set_mdns_duration (scanner, 3000);
  t0 = g_get_monotonic_time ();
  result = om_scanner_run (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  total_s = (g_get_monotonic_time () - t0) / 1e6;
  liveness_s = om_scanner_get_phase_duration (scanner, OM_SCAN_PHASE_LIVENESS) / 1e6;
  if (out_scanner)
    *out_scanner = g_steal_pointer (&scanner);
  return result;
}

static OmObservation *
host (const char *address)
{
  for (guint i = 0; i < hosts->len; i++)
    if (g_str_equal (om_observation_get_address (g_ptr_array_index (hosts, i)), address))
      return g_ptr_array_index (hosts, i);
  return NULL;
}

static OmIdentity *
identify (const char *address)
{
  OmObservation *obs = host (address);

  g_assert_nonnull (obs);
  return om_identify (obs);
}

static void
test_all_hosts_found (void)
{
  static const char *expected[] = { "10.203.0.2", "10.203.0.10", "10.203.0.20", "10.203.0.21",
                                    "10.203.0.30", "10.203.0.40", "10.203.0.50", "10.203.0.60" };

  g_test_message ("liveness %.2f s, whole scan %.2f s", liveness_s, total_s);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      OmObservation *obs = host (expected[i]);

      g_assert_nonnull (obs);
      g_assert_true (om_observation_get_alive (obs));
    }
  /* Nothing outside the scope, nothing that does not exist. */
  g_assert_cmpuint (hosts->len, ==, G_N_ELEMENTS (expected));
  g_assert_null (host ("10.203.0.200"));
}

static void
test_filtering_host_by_arp (void)
{
  OmObservation *obs = host ("10.203.0.60");

  g_assert_nonnull (obs);
  g_assert_cmpstr (om_observation_get_alive_how (obs), ==, "arp");
  g_assert_cmpstr (om_observation_get_mac (obs), ==, "00:0c:29:60:00:60");
  g_assert_cmpuint (om_observation_get_services (obs)->len, ==, 0);
}

static void
test_printer (void)
{
  g_autoptr(OmIdentity) id = identify ("10.203.0.10");
  OmObservation *obs = host ("10.203.0.10");

  g_assert_cmpint (id->kind, ==, OM_DEVICE_KIND_PRINTER);
  g_assert_cmpstr (id->vendor.value, ==, "Brother");
  g_assert_cmpstr (id->model.value, ==, "HL-L2375DW series");
  g_assert_cmpstr (id->os_version.value, ==, "1.14");
  g_assert_nonnull (om_observation_find_service (obs, 9100, "tcp"));
  g_assert_nonnull (om_observation_find_service (obs, 631, "tcp"));
  g_assert_nonnull (om_observation_get_fact (obs, "ipp.printer-uuid"));
  g_assert_cmpstr (om_observation_get_fact (obs, "ipp.auth"), ==, "none");
  g_assert_cmpstr (om_observation_get_fact (obs, "snmp.prtGeneralPrinterName"), ==, "Brother HL-L2375DW series");
  g_assert_nonnull (om_observation_get_fact (obs, "mdns.txt.UUID"));
  g_assert_true (g_strv_contains ((const char * const *) id->identifiers->pdata, "hostname:brn3c2af4100010")
                 || id->identifiers->len > 0);
}

static void
test_nas (void)
{
  g_autoptr(OmIdentity) id = identify ("10.203.0.20");
  OmObservation *obs = host ("10.203.0.20");
  GPtrArray *shares = om_observation_get_shares (obs);
  gboolean public_read = FALSE, private_read = TRUE, private_seen = FALSE;

  g_assert_cmpint (id->kind, ==, OM_DEVICE_KIND_NAS);
  g_assert_cmpstr (id->vendor.value, ==, "Synology");
  g_assert_cmpstr (id->model.value, ==, "DS920+");
  g_assert_cmpstr (id->os_name.value, ==, "DSM 7.1");
  g_assert_cmpstr (id->os_build.value, ==, "42661");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.smb1"), ==, "no");
  g_assert_cmpstr (om_observation_get_fact (obs, "nbstat.name"), ==, "NAS01");
  g_assert_cmpstr (om_observation_get_fact (obs, "http.title"), ==, "Synology DiskStation - nas01");
  g_assert_true (g_str_has_prefix (om_observation_get_fact (obs, "ssh.banner"), "SSH-2.0-OpenSSH_"));
  for (guint i = 0; i < shares->len; i++)
    {
      OmShare *s = g_ptr_array_index (shares, i);

      if (g_str_equal (s->name, "public"))
        public_read = s->guest_read;
      if (g_str_equal (s->name, "private"))
        {
          private_seen = TRUE;
          private_read = s->guest_read;
        }
    }
  g_assert_true (public_read);
  g_assert_true (private_seen);
  g_assert_false (private_read);

  /* What the SMB server says of itself (our NTLM probe): Samba's fixed NTLM
   * version, its names; no SMB1 strings on an SMB2-only server; DSM still wins. */
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.ntlm.version"), ==, "6.1.0");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.netbios"), ==, "NAS01");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.netbios-domain"), ==, "NAS01");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.dns-name"), ==, "nas01");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.dialect"), ==, "3.0.2");
  g_assert_null (om_observation_get_fact (obs, "smb.native-lanman"));
  g_assert_cmpstr (id->os_family.value, ==, "dsm");
}

static void
test_smb1 (void)
{
  g_autoptr(OmIdentity) id = identify ("10.203.0.21");
  OmObservation *obs = host ("10.203.0.21");

  g_assert_cmpstr (om_observation_get_fact (obs, "smb.smb1"), ==, "yes");
  g_assert_cmpstr (om_observation_get_fact (obs, "nbstat.name"), ==, "OLDFILES");
  g_assert_cmpstr (id->vendor.value, ==, "Raspberry Pi Foundation");

  /* SMBv1 also gives the server software: Samba, so no Windows claim; Debian's
   * Samba names its distribution (the lab runs the host's Samba). */
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.ntlm.version"), ==, "6.1.0");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.netbios"), ==, "OLDFILES");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.native-os"), ==, "Windows 6.1");
  g_assert_true (g_str_has_prefix (om_observation_get_fact (obs, "smb.native-lanman"), "Samba 4."));
  if (strstr (om_observation_get_fact (obs, "smb.native-lanman"), "-Debian") != NULL)
    g_assert_cmpstr (id->os_family.value, ==, "debian");
  g_assert_true (id->os_name.value == NULL || strstr (id->os_name.value, "Windows") == NULL);
}

static void
test_windows (void)
{
  g_autoptr(OmIdentity) id = identify ("10.203.0.30");

  g_assert_cmpint (id->kind, ==, OM_DEVICE_KIND_PC);
  g_assert_cmpstr (id->os_family.value, ==, "windows");
  g_assert_cmpstr (id->os_name.value, ==, "Windows 7 SP1");
  g_assert_cmpstr (id->os_build.value, ==, "7601");
  g_assert_cmpstr (id->vendor.value, ==, "Dell");
  g_assert_cmpstr (id->name.value, ==, "WIN7-PC");

  /* Its file server is Samba (6.1.0): the SMB evidence is seen but does not
   * override the Windows sysDescr. */
  g_assert_cmpstr (om_observation_get_fact (host ("10.203.0.30"), "smb.ntlm.version"), ==, "6.1.0");
  g_assert_cmpstr (om_observation_get_fact (host ("10.203.0.30"), "smb.netbios"), ==, "WIN7-PC");
  g_assert_true (g_str_has_prefix (id->os_name.evidence, "snmp sysDescr"));
}

static void
test_phone (void)
{
  g_autoptr(OmIdentity) id = identify ("10.203.0.40");

  g_assert_true (id->randomized_mac);
  g_assert_cmpint (id->kind, ==, OM_DEVICE_KIND_PHONE);
  g_assert_cmpstr (id->vendor.value, ==, "Apple");
  g_assert_cmpstr (id->model.value, ==, "iPhone14,5");
  g_assert_cmpstr (id->os_family.value, ==, "ios");
  g_assert_cmpstr (id->name.value, ==, "Taros-iPhone");
}

static void
test_linux (void)
{
  g_autoptr(OmIdentity) id = identify ("10.203.0.50");

  g_assert_cmpint (id->kind, ==, OM_DEVICE_KIND_SERVER);
  g_assert_cmpstr (id->os_family.value, ==, "debian");
  g_assert_cmpstr (id->os_name.value, ==, "Debian 12");
  g_assert_cmpstr (id->vendor.value, ==, "Hewlett Packard");
}

static void
test_merge_idempotent_and_manual_edits (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(OmMergeSummary) first = NULL, second = NULL;
  g_autoptr(GPtrArray) again = NULL;
  OmDevice *printer;

  inventory = om_inventory_new ();
  first = om_merge_observations (inventory, hosts, now);
  g_assert_cmpuint (first->n_new, ==, hosts->len);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, hosts->len);

  printer = om_inventory_find_by_mac (inventory, "3c:2a:f4:10:00:10");
  g_assert_nonnull (printer);
  g_assert_cmpint (om_device_get_kind (printer), ==, OM_DEVICE_KIND_PRINTER);
  /* The admin names it, says it is an MFP and types the model differently. */
  om_device_set_name (printer, "2F copier");
  om_device_set_kind (printer, OM_DEVICE_KIND_MFP);
  om_device_set_model (printer, "HL-L2375DW (leased)");

  again = scan (NULL);
  second = om_merge_observations (inventory, again, now);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_changed, ==, 0);
  g_assert_cmpuint (second->n_not_seen, ==, 0);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, hosts->len);
  g_assert_cmpstr (om_device_get_name (printer), ==, "2F copier");
  g_assert_cmpint (om_device_get_kind (printer), ==, OM_DEVICE_KIND_MFP);
  g_assert_cmpstr (om_device_get_model (printer), ==, "HL-L2375DW (leased)");
  g_assert_cmpint (om_device_get_field_origin (printer, OM_DEVICE_FIELD_MODEL), ==, OM_ORIGIN_MANUAL);
}

static void
test_canary_untouched (void)
{
  g_assert_cmpint (read_canary (), ==, canary_before);
}

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gint64 cancel_time;

static gboolean
cancel_cb (gpointer data)
{
  cancel_time = g_get_monotonic_time ();
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  GPtrArray *hosts;
  GError    *error;
  gboolean   done;
  gint64     finished_at;
} CancelRun;

static void
on_cancel_run_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  CancelRun *run = data;

  run->hosts = om_scanner_run_finish (OM_SCANNER (source), result, &run->error);
  run->finished_at = g_get_monotonic_time ();
  run->done = TRUE;
}

/* Cancel during liveness and during identification: the scan returns
 * G_IO_ERROR_CANCELLED promptly and, once the workers wind down (each probe is
 * bounded by its timeout), no socket is left open. */
static void
cancel_at (guint delay_ms)
{
  g_autoptr(OmScanScope) scope = om_scan_scope_parse ("10.203.0.0/25", NULL);
  g_autoptr(OmScanner) scanner = om_scanner_new (scope);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelRun run = { NULL, NULL, FALSE, 0 };
  guint before = count_fds ();
  gint64 cancelled_at, deadline;

  g_timeout_add (delay_ms, cancel_cb, cancellable);
  om_scanner_run_async (scanner, cancellable, on_cancel_run_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  g_assert_null (run.hosts);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  /* "Cancel stops everything at once": the caller gets control back promptly. */
  g_assert_cmpint (run.finished_at - cancel_time, <, G_USEC_PER_SEC / 2);

  /* Workers finish within a probe timeout (≤ 5 s); then every socket is closed. */
  deadline = cancelled_at + 8 * G_USEC_PER_SEC;
  while (count_fds () > before && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }
  g_assert_cmpuint (count_fds (), <=, before);
}

static void
test_cancel_liveness (void)
{
  cancel_at (150);
}

static void
test_cancel_identify (void)
{
  cancel_at (1500);
}

static void
test_cli_json (void)
{
  const char *cli = g_getenv ("OMAMORI_CLI");
  g_autofree char *data_dir = g_dir_make_tmp ("omamori-lab-XXXXXX", NULL);
  const char *argv[] = { cli, "scan", "--scope", "10.203.0.0/25", "--yes", "--json", "--mdns-ms", "3000", NULL };
  g_auto(GStrv) env = NULL;
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    {
      g_test_skip ("OMAMORI_CLI not set");
      return;
    }
  env = g_environ_setenv (g_get_environ (), "OMAMORI_DATA_DIR", data_dir, TRUE);
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *array;
      int status = 0;
      gboolean printer_seen = FALSE, nas_seen = FALSE;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
      g_assert_no_error (error);
      array = json_node_get_array (json_parser_get_root (parser));
      g_assert_cmpuint (json_array_get_length (array), ==, 8);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = json_array_get_object_element (array, i);
          static const char *keys[] = { "addresses", "mac", "hostnames", "kind", "vendor", "model", "os",
                                        "eol_status", "ownership", "registered", "new", "services", "shares" };
          const char *address;

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            g_assert_true (json_object_has_member (o, keys[k]));
          /* Second run: everything is already in the inventory. */
          g_assert_true (json_object_get_boolean_member (o, "new") == (round == 0));
          g_assert_false (json_object_get_boolean_member (o, "registered"));
          g_assert_cmpstr (json_object_get_string_member (o, "ownership"), ==, "unknown");
          address = json_array_get_string_element (json_object_get_array_member (o, "addresses"), 0);
          if (g_str_equal (address, "10.203.0.10"))
            {
              printer_seen = TRUE;
              g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "printer");
            }
          if (g_str_equal (address, "10.203.0.30"))
            {
              g_assert_cmpstr (json_object_get_string_member (o, "os"), ==, "Windows 7 SP1");
              g_assert_cmpstr (json_object_get_string_member (o, "eol_status"), ==, "unsupported");
            }
          if (g_str_equal (address, "10.203.0.20"))
            {
              JsonArray *shares = json_object_get_array_member (o, "shares");

              nas_seen = TRUE;
              g_assert_cmpuint (json_array_get_length (shares), >=, 2);
            }
        }
      g_assert_true (printer_seen && nas_seen);
    }
}

static void
test_refuses_outside_lab (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmScanScope) scope = om_scan_scope_parse ("192.0.2.0/24", &error);

  g_assert_no_error (error);
  g_assert_false (om_scanner_check_safe (scope, &error));
  g_assert_error (error, OM_SCANNER_ERROR, OM_SCANNER_ERROR_UNSAFE);
}

int
main (int argc, char **argv)
{
  int rc;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: libsmbclient then fails to set up (its
   * Kerberos and ~/.smb paths); the scan writes no user files. */
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("OM_LAB_STATE"));
  g_setenv ("OMAMORI_SCAN_REQUIRE_NETNS", "1", TRUE);

  canary_before = read_canary ();
  hosts = scan (NULL);

  g_test_add_func ("/lab/liveness/all-hosts", test_all_hosts_found);
  g_test_add_func ("/lab/liveness/filtering-host-by-arp", test_filtering_host_by_arp);
  g_test_add_func ("/lab/identify/printer", test_printer);
  g_test_add_func ("/lab/identify/nas", test_nas);
  g_test_add_func ("/lab/identify/smb1", test_smb1);
  g_test_add_func ("/lab/identify/windows7", test_windows);
  g_test_add_func ("/lab/identify/phone", test_phone);
  g_test_add_func ("/lab/identify/linux", test_linux);
  g_test_add_func ("/lab/merge/idempotent-manual-edits-survive", test_merge_idempotent_and_manual_edits);
  g_test_add_func ("/lab/cancel/during-liveness", test_cancel_liveness);
  g_test_add_func ("/lab/cancel/during-identification", test_cancel_identify);
  g_test_add_func ("/lab/cli/scan-json-twice", test_cli_json);
  g_test_add_func ("/lab/safety/canary-untouched", test_canary_untouched);
  g_test_add_func ("/lab/safety/refuses-outside-lab", test_refuses_outside_lab);
  rc = g_test_run ();
  g_clear_pointer (&hosts, g_ptr_array_unref);
  g_clear_object (&inventory);
  return rc;
}

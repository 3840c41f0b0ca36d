/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * SNMPv3 credential sets against the namespace lab, with the passphrases in a
 * real Secret Service: run-lab-tests.sh starts the lab and runs
 * run-secret-tests.sh in its admin namespace, which starts a throw-away
 * gnome-keyring in a private D-Bus session and runs this there.
 *
 * The NAS (10.203.0.20) knows the SNMPv3 user "omamori" (SHA, AES) and the v2c
 * community; the copier (10.203.0.130) answers only SNMPv3, to "mfpadmin"
 * (SHA-512, AES-256); the printer (10.203.0.10) only v2c. Also the scan guard's
 * limits (10.203.0.0/20 inside the lab, nothing else).
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "om-identify.h"
#include "om-observation.h"
#include "om-scanner.h"
#include "om-secrets.h"
#include "om-snmpv3-sets.h"

#define SCOPE "10.203.0.10, 10.203.0.20, 10.203.0.130"

static gint64 canary_before;

static gint64
read_canary (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("OM_LAB_STATE"), "canary.count", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_ascii_strtoll (text, NULL, 10);
}

static OmSnmpv3Set *
add_set (OmSnmpv3Sets *sets,
         const char   *label,
         const char   *user,
         const char   *auth,
         const char   *priv,
         const char   *targets,
         const char   *auth_pass,
         const char   *priv_pass)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) set = om_snmpv3_set_new (NULL, label, user, auth, priv, "authPriv", targets, &error);

  g_assert_no_error (error);
  g_assert_true (om_secrets_store_snmpv3_set (set, auth_pass, priv_pass, NULL, &error));
  g_assert_no_error (error);
  om_snmpv3_sets_put (sets, set);
  return set;
}

/* What the window and omamori-cli do: every set's passphrases from the
 * keyring, into the scanner, for one run. */
static GPtrArray *
scan_with (OmSnmpv3Sets *sets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmScanScope) scope = om_scan_scope_parse (SCOPE, &error);
  g_autoptr(OmScanner) scanner = NULL;
  GPtrArray *result;

  g_assert_no_error (error);
  scanner = om_scanner_new (scope);
  om_scanner_set_mdns_duration (scanner, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sets)); i++)
    {
      g_autoptr(OmSnmpv3Set) set = g_list_model_get_item (G_LIST_MODEL (sets), i);
      g_autoptr(OmSnmpV3Credentials) creds = om_secrets_lookup_snmpv3_set (set, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (creds);
      om_scanner_add_snmpv3_set (scanner, set, creds);
    }
  result = om_scanner_run (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static OmObservation *
host (GPtrArray  *hosts,
      const char *address)
{
  for (guint i = 0; i < hosts->len; i++)
    if (g_str_equal (om_observation_get_address (g_ptr_array_index (hosts, i)), address))
      return g_ptr_array_index (hosts, i);
  return NULL;
}

static void
clear_keyring (OmSnmpv3Sets *sets)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sets)); i++)
    {
      g_autoptr(OmSnmpv3Set) set = g_list_model_get_item (G_LIST_MODEL (sets), i);

      g_assert_true (om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (set), NULL, NULL));
    }
}

/* Each host with its own set; the set for every address (a user nobody
 * knows) is not used where a more specific one applies, and where it is used
 * (the printer) its failure is stated and v2c still identifies the printer. */
static void
test_each_host_its_own_set (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(GPtrArray) hosts = NULL;
  OmObservation *nas, *mfp, *printer;
  g_autoptr(OmIdentity) mfp_id = NULL;
  g_autoptr(OmIdentity) nas_id = NULL;
  const char *fact;

  /* The catch-all first: order must not matter, specificity does. */
  add_set (sets, "Everything else", "nobody-here", "sha", "aes", "", "unknown-pass-1", "unknown-pass-2");
  add_set (sets, "Copier", "mfpadmin", "sha512", "aes256", "10.203.0.128/25", "mfp-auth-pass", "mfp-priv-pass");
  add_set (sets, "NAS", "omamori", "sha", "aes", "10.203.0.20", "authpass123", "privpass123");
  hosts = scan_with (sets);

  nas = host (hosts, "10.203.0.20");
  mfp = host (hosts, "10.203.0.130");
  printer = host (hosts, "10.203.0.10");
  g_assert_nonnull (nas);
  g_assert_nonnull (mfp);
  g_assert_nonnull (printer);

  g_assert_cmpstr (om_observation_get_fact (nas, "snmp.security"), ==, "SNMPv3 authPriv");
  g_assert_cmpstr (om_observation_get_fact (nas, "snmp.credentials"), ==, "set “NAS” (user omamori, SHA/AES-128)");
  g_assert_cmpstr (om_observation_get_fact (nas, "snmp.synology.model"), ==, "DS920+");
  g_assert_null (om_observation_get_fact (nas, "snmp.community"));
  nas_id = om_identify (nas);
  g_assert_cmpint (nas_id->kind, ==, OM_DEVICE_KIND_NAS);

  g_assert_cmpstr (om_observation_get_fact (mfp, "snmp.credentials"), ==,
                   "set “Copier” (user mfpadmin, SHA-512/AES-256)");
  g_assert_cmpstr (om_observation_get_fact (mfp, "snmp.sysDescr"), ==, "KONICA MINOLTA bizhub C250i");
  g_assert_null (om_observation_get_fact (mfp, "snmp.v3.error"));
  mfp_id = om_identify (mfp);
  g_assert_cmpint (mfp_id->kind, ==, OM_DEVICE_KIND_MFP);   /* bizhub: a copier */

  /* The printer speaks v2c only: the catch-all set fails with a reason, then v2c answers. */
  fact = om_observation_get_fact (printer, "snmp.v3.error");
  g_assert_nonnull (fact);
  g_assert_true (strstr (fact, "SNMPv3 authentication failed with set “Everything else” (user nobody-here") != NULL);
  g_assert_true (strstr (fact, "does not know this user name") != NULL);
  g_assert_cmpstr (om_observation_get_fact (printer, "snmp.community"), ==, "public (default)");
  g_assert_cmpstr (om_observation_get_fact (printer, "snmp.prtGeneralPrinterName"), ==, "Brother HL-L2375DW series");
  clear_keyring (sets);
}

/* A wrong passphrase: the evidence says authentication failed; no crash, no
 * data, the rest of the scan unaffected. Never the passphrase itself. */
static void
test_wrong_passphrase (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(GPtrArray) hosts = NULL;
  OmObservation *mfp, *nas;
  const char *fact;
  GPtrArray *facts;

  add_set (sets, "Copier", "mfpadmin", "sha512", "aes256", "10.203.0.130", "not-the-auth-pass", "mfp-priv-pass");
  add_set (sets, "NAS", "omamori", "sha", "aes", "10.203.0.20", "authpass123", "privpass123");
  hosts = scan_with (sets);
  mfp = host (hosts, "10.203.0.130");
  nas = host (hosts, "10.203.0.20");
  g_assert_nonnull (mfp);
  g_assert_nonnull (nas);

  fact = om_observation_get_fact (mfp, "snmp.v3.error");
  g_assert_nonnull (fact);
  g_test_message ("copier: %s", fact);
  g_assert_true (g_str_has_prefix (fact, "SNMPv3 authentication failed with set “Copier” (user mfpadmin"));
  g_assert_true (strstr (fact, "wrong authentication passphrase") != NULL);
  g_assert_null (om_observation_get_fact (mfp, "snmp.sysDescr"));
  g_assert_null (om_observation_get_fact (mfp, "snmp.credentials"));
  g_assert_cmpstr (om_observation_get_fact (nas, "snmp.synology.model"), ==, "DS920+");

  facts = om_observation_get_facts (mfp);
  for (guint i = 0; i < facts->len; i++)
    {
      OmFact *f = g_ptr_array_index (facts, i);

      g_assert_null (strstr (f->value, "not-the-auth-pass"));
      g_assert_null (strstr (f->value, "mfp-priv-pass"));
    }
  clear_keyring (sets);
}

/* No set for the copier: it is still found (9100, ARP) but says nothing over
 * SNMP, and the scan completes. */
static void
test_no_matching_set (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(GPtrArray) hosts = NULL;
  OmObservation *mfp;

  add_set (sets, "NAS", "omamori", "sha", "aes", "10.203.0.20", "authpass123", "privpass123");
  hosts = scan_with (sets);
  mfp = host (hosts, "10.203.0.130");
  g_assert_nonnull (mfp);
  g_assert_true (om_observation_get_alive (mfp));
  g_assert_nonnull (om_observation_find_service (mfp, 9100, "tcp"));
  g_assert_null (om_observation_get_fact (mfp, "snmp.sysDescr"));
  g_assert_null (om_observation_get_fact (mfp, "snmp.v3.error"));
  g_assert_null (om_observation_find_service (mfp, 161, "udp"));
  g_assert_cmpstr (om_observation_get_fact (host (hosts, "10.203.0.20"), "snmp.credentials"), ==,
                   "set “NAS” (user omamori, SHA/AES-128)");
  clear_keyring (sets);
}

/* The development guard: inside the lab a scope may reach 10.203.0.0/20 (the
 * benchmark's /20), never beyond it. */
static void
test_guard_limits (void)
{
  static const struct {
    const char *scope;
    gboolean    allowed;
  } cases[] = {
    { "10.203.0.0/24", TRUE },
    { "10.203.0.0/20", TRUE },
    { "10.203.15.254", TRUE },
    { "10.203.16.0/24", FALSE },
    { "10.203.0.0/19", FALSE },
    { "10.204.0.1", FALSE },
    { "192.0.2.0/24", FALSE },
  };

  g_assert_cmpstr (g_getenv ("OMAMORI_SCAN_REQUIRE_NETNS"), ==, "1");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OmScanScope) scope = om_scan_scope_parse (cases[i].scope, &error);

      g_assert_no_error (error);
      g_assert_cmpint (om_scanner_check_safe (scope, &error), ==, cases[i].allowed);
      if (!cases[i].allowed)
        g_assert_error (error, OM_SCANNER_ERROR, OM_SCANNER_ERROR_UNSAFE);
    }
}

/* Liveness over more than one chunk of 512 addresses (660 here): only the
 * lab's hosts, none repeated 512 addresses further on. The addresses beyond the
 * /24 have no route from the lab, so nothing is sent to them; the canary (.200)
 * is left out. */
static void
test_liveness_beyond_one_chunk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmScanScope) scope = om_scan_scope_parse ("10.203.0.1-10.203.0.150, 10.203.2.0/23", &error);
  g_autoptr(OmScanner) scanner = om_scanner_new (scope);
  g_autoptr(GPtrArray) hosts = NULL;

  om_scanner_set_liveness_only (scanner, TRUE);
  hosts = om_scanner_run (scanner, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hosts);
  g_assert_nonnull (host (hosts, "10.203.0.20"));
  g_assert_nonnull (host (hosts, "10.203.0.130"));
  for (guint i = 0; i < hosts->len; i++)
    g_assert_true (g_str_has_prefix (om_observation_get_address (g_ptr_array_index (hosts, i)), "10.203.0."));
}

static void
test_canary_untouched (void)
{
  g_assert_cmpint (read_canary (), ==, canary_before);
}

int
main (int argc, char **argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: libsmbclient (the NAS has SMB) needs its
   * paths; run-secret-tests.sh has pointed the XDG dirs at a temporary tree. */
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("OM_LAB_STATE"));
  g_setenv ("OMAMORI_SCAN_REQUIRE_NETNS", "1", TRUE);
  canary_before = read_canary ();

  g_test_add_func ("/lab/snmpv3/each-host-its-own-set", test_each_host_its_own_set);
  g_test_add_func ("/lab/snmpv3/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/lab/snmpv3/no-matching-set", test_no_matching_set);
  g_test_add_func ("/lab/liveness/beyond-one-chunk", test_liveness_beyond_one_chunk);
  g_test_add_func ("/lab/safety/guard-allows-only-the-lab-20", test_guard_limits);
  g_test_add_func ("/lab/safety/canary-untouched-snmpv3", test_canary_untouched);
  return g_test_run ();
}

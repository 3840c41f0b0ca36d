/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Findings and the rule registry: evaluation over a small office, idempotence,
 * resolution when fixed, accepted risks, other rules left alone, JSON round trip.
 */
#define G_LOG_DOMAIN "test-findings"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "om-eol.h"
#include "om-finding.h"
#include "om-inventory.h"
#include "om-rules.h"

typedef struct {
  OmEolDatabase *db;
  OmInventory   *inventory;
  OmFindingList *findings;
  OmDevice      *reception;   /* Windows 10 22H2: unsupported */
  OmDevice      *server;      /* Windows Server 2016: ending soon */
  OmDevice      *nas;         /* DSM 7.3: fine */
  OmDevice      *phone;       /* personal, OS unknown */
  OmDevice      *stranger;    /* discovered, not registered */
  OmDevice      *printer;     /* registered, no OS: fine */
  GDate          today;
} Fixture;

static OmDevice *
add_device (Fixture *fx, const char *name, OmDeviceKind kind, OmOwnership ownership,
            gboolean registered, const char *os)
{
  g_autoptr(OmDevice) device = om_device_new ();

  if (name != NULL)
    om_device_set_name (device, name);
  om_device_set_kind (device, kind);
  om_device_set_ownership (device, ownership);
  om_device_set_registered (device, registered);
  if (os != NULL)
    om_device_set_os_name (device, os);
  om_inventory_add (fx->inventory, device);
  /* The fixture keeps its own reference: a test may remove the device. */
  return g_steal_pointer (&device);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", "eol.json", NULL);

  fx->db = om_eol_database_new_from_file (path, &error);
  g_assert_no_error (error);
  fx->inventory = om_inventory_new ();
  fx->findings = om_finding_list_new ();
  g_date_clear (&fx->today, 1);
  g_date_set_dmy (&fx->today, 26, G_DATE_NOVEMBER, 2026);

  fx->reception = add_device (fx, "受付PC", OM_DEVICE_KIND_PC, OM_OWNERSHIP_COMPANY, TRUE,
                              "Windows 10 Pro 22H2");
  fx->server = add_device (fx, "File server", OM_DEVICE_KIND_SERVER, OM_OWNERSHIP_COMPANY, TRUE,
                           "Windows Server 2016 Standard");
  fx->nas = add_device (fx, "NAS", OM_DEVICE_KIND_NAS, OM_OWNERSHIP_COMPANY, TRUE, "DSM 7.3.1-86003");
  fx->phone = add_device (fx, "<b>Taro's phone</b>", OM_DEVICE_KIND_PHONE, OM_OWNERSHIP_PERSONAL, FALSE, NULL);
  fx->stranger = add_device (fx, NULL, OM_DEVICE_KIND_UNKNOWN, OM_OWNERSHIP_UNKNOWN, FALSE, NULL);
  om_device_add_to_list (fx->stranger, OM_DEVICE_FIELD_IPV4, "10.203.0.77", OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (fx->stranger, OM_DEVICE_FIELD_MACS, "02:11:22:33:44:55", OM_ORIGIN_DISCOVERED, "arp");
  fx->printer = add_device (fx, "Printer", OM_DEVICE_KIND_MFP, OM_OWNERSHIP_COMPANY, TRUE, NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->findings);
  g_clear_object (&fx->inventory);
  g_clear_object (&fx->reception);
  g_clear_object (&fx->server);
  g_clear_object (&fx->nas);
  g_clear_object (&fx->phone);
  g_clear_object (&fx->stranger);
  g_clear_object (&fx->printer);
  g_clear_object (&fx->db);
}

static OmFinding *
find (Fixture *fx, const char *rule, OmDevice *device)
{
  return om_finding_list_lookup (fx->findings, rule, om_device_get_id (device));
}

static void
test_evaluate (Fixture *fx, gconstpointer data)
{
  OmFinding *f;
  guint counts[OM_N_SEVERITIES];

  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);

  g_assert_cmpuint (om_finding_list_get_n_findings (fx->findings), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->findings)), ==, 5);

  f = find (fx, OM_RULE_EOL_UNSUPPORTED, fx->reception);
  g_assert_nonnull (f);
  g_assert_cmpint (om_finding_get_severity (f), ==, OM_SEVERITY_HIGH);
  g_assert_cmpint (om_finding_get_state (f), ==, OM_FINDING_STATE_OPEN);
  g_assert_cmpstr (om_finding_get_subject_name (f), ==, "受付PC");
  g_assert_nonnull (strstr (om_finding_get_detail (f), "受付PC"));
  g_assert_nonnull (strstr (om_finding_get_detail (f), "2025-10-14"));
  g_assert_nonnull (strstr (om_finding_get_evidence (f), "Windows 10 Pro 22H2"));
  g_assert_cmpuint (om_finding_get_five_rules (f)[0], ==, 1);
  g_assert_cmpuint (om_finding_get_five_rules (f)[1], ==, 0);
  g_assert_cmpuint (om_finding_get_selfcheck (f)[0], ==, 1);
  g_assert_cmpuint (om_finding_get_selfcheck (f)[1], ==, 0);
  g_assert_true (g_uuid_string_is_valid (om_finding_get_id (f)));
  g_assert_nonnull (om_finding_get_first_seen (f));

  f = find (fx, OM_RULE_EOL_ENDING_SOON, fx->server);
  g_assert_nonnull (f);
  g_assert_cmpint (om_finding_get_severity (f), ==, OM_SEVERITY_MEDIUM);
  g_assert_nonnull (strstr (om_finding_get_detail (f), "2027-01-12"));

  /* The phone: personal, and its OS is not recorded. */
  f = find (fx, OM_RULE_DEVICE_PERSONAL, fx->phone);
  g_assert_nonnull (f);
  g_assert_cmpint (om_finding_get_severity (f), ==, OM_SEVERITY_MEDIUM);
  g_assert_cmpuint (om_finding_get_selfcheck (f)[0], ==, 21);
  /* The name is plain data, kept as typed (the UI shows it as text, not markup). */
  g_assert_cmpstr (om_finding_get_subject_name (f), ==, "<b>Taro's phone</b>");
  g_assert_null (find (fx, OM_RULE_DEVICE_UNREGISTERED, fx->phone));
  f = find (fx, OM_RULE_EOL_OS_UNKNOWN, fx->phone);
  g_assert_nonnull (f);
  g_assert_cmpint (om_finding_get_severity (f), ==, OM_SEVERITY_LOW);

  /* The stranger: unregistered, named by its address; unknown kind, so no OS finding. */
  f = find (fx, OM_RULE_DEVICE_UNREGISTERED, fx->stranger);
  g_assert_nonnull (f);
  g_assert_cmpuint (om_finding_get_selfcheck (f)[0], ==, 21);
  g_assert_nonnull (strstr (om_finding_get_evidence (f), "10.203.0.77"));
  g_assert_null (find (fx, OM_RULE_EOL_OS_UNKNOWN, fx->stranger));

  g_assert_null (find (fx, OM_RULE_EOL_UNSUPPORTED, fx->nas));
  g_assert_null (find (fx, OM_RULE_EOL_ENDING_SOON, fx->nas));
  g_assert_null (find (fx, OM_RULE_EOL_OS_UNKNOWN, fx->printer));

  om_finding_list_count_open_by_severity (fx->findings, counts);
  g_assert_cmpuint (counts[OM_SEVERITY_HIGH], ==, 1);
  g_assert_cmpuint (counts[OM_SEVERITY_MEDIUM], ==, 3);
  g_assert_cmpuint (counts[OM_SEVERITY_LOW], ==, 1);
  g_assert_cmpuint (counts[OM_SEVERITY_CRITICAL], ==, 0);
  g_assert_cmpuint (om_finding_list_count_open (fx->findings, OM_SEVERITY_HIGH), ==, 1);
  g_assert_cmpuint (om_finding_list_count_open_total (fx->findings), ==, 5);
}

static void
on_changed_cb (OmFindingList *list, guint *count)
{
  (*count)++;
}

static void
test_idempotent (Fixture *fx, gconstpointer data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  guint added = 0;

  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  for (guint i = 0; i < om_finding_list_get_n_findings (fx->findings); i++)
    {
      OmFinding *f = om_finding_list_get_finding (fx->findings, i);
      g_ptr_array_add (ids, g_strdup (om_finding_get_id (f)));
      g_ptr_array_add (firsts, g_date_time_ref (om_finding_get_first_seen (f)));
    }

  g_signal_connect_swapped (fx->findings, "items-changed", G_CALLBACK (on_changed_cb), &added);
  for (guint round = 0; round < 3; round++)
    om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);

  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (om_finding_list_get_n_findings (fx->findings), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      OmFinding *f = om_finding_list_get_finding (fx->findings, i);

      g_assert_cmpstr (om_finding_get_id (f), ==, ids->pdata[i]);
      g_assert_true (g_date_time_equal (om_finding_get_first_seen (f), firsts->pdata[i]));
      g_assert_cmpint (om_finding_get_state (f), ==, OM_FINDING_STATE_OPEN);
      g_assert_cmpint (g_date_time_compare (om_finding_get_last_seen (f), om_finding_get_first_seen (f)), >=, 0);
    }
  g_assert_cmpuint (om_finding_list_count_open_total (fx->findings), ==, 5);
}

static void
test_resolution (Fixture *fx, gconstpointer data)
{
  g_autofree char *reception_id = NULL;
  OmFinding *f;
  guint changed = 0;

  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  reception_id = g_strdup (om_finding_get_id (find (fx, OM_RULE_EOL_UNSUPPORTED, fx->reception)));
  g_signal_connect (fx->findings, "changed", G_CALLBACK (on_changed_cb), &changed);

  /* Fix things: upgrade the PC, allow the phone, take the stranger off the network. */
  om_device_set_os_name (fx->reception, "Windows 11 Pro 25H2");
  om_device_set_registered (fx->phone, TRUE);
  om_device_set_os_name (fx->phone, "iOS 26.1");
  om_inventory_remove (fx->inventory, fx->stranger);
  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);

  g_assert_cmpuint (changed, >, 0);
  f = find (fx, OM_RULE_EOL_UNSUPPORTED, fx->reception);
  g_assert_cmpint (om_finding_get_state (f), ==, OM_FINDING_STATE_RESOLVED);
  g_assert_nonnull (om_finding_get_resolved_at (f));
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_DEVICE_PERSONAL, fx->phone)), ==,
                   OM_FINDING_STATE_RESOLVED);
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_EOL_OS_UNKNOWN, fx->phone)), ==,
                   OM_FINDING_STATE_RESOLVED);
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_DEVICE_UNREGISTERED, fx->stranger)), ==,
                   OM_FINDING_STATE_RESOLVED);
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_EOL_ENDING_SOON, fx->server)), ==,
                   OM_FINDING_STATE_OPEN);
  g_assert_cmpuint (om_finding_list_count_open_total (fx->findings), ==, 1);
  g_assert_cmpuint (om_finding_list_count_open (fx->findings, OM_SEVERITY_HIGH), ==, 0);

  /* Time passes: the server's date goes by and it becomes unsupported. */
  g_date_set_dmy (&fx->today, 13, G_DATE_JANUARY, 2027);
  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_EOL_ENDING_SOON, fx->server)), ==,
                   OM_FINDING_STATE_RESOLVED);
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_EOL_UNSUPPORTED, fx->server)), ==,
                   OM_FINDING_STATE_OPEN);

  /* The PC is downgraded again: the same finding reopens (same id). */
  om_device_set_os_name (fx->reception, "Windows 10 Pro 22H2");
  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  f = find (fx, OM_RULE_EOL_UNSUPPORTED, fx->reception);
  g_assert_cmpstr (om_finding_get_id (f), ==, reception_id);
  g_assert_cmpint (om_finding_get_state (f), ==, OM_FINDING_STATE_OPEN);
  g_assert_null (om_finding_get_resolved_at (f));
}

static void
test_accepted_and_foreign (Fixture *fx, gconstpointer data)
{
  g_autoptr(OmFinding) wifi = om_finding_new ("wifi.open-network", "ap:00:11:22:33:44:55");
  OmFinding *f;

  om_finding_set_severity (wifi, OM_SEVERITY_HIGH);
  om_finding_list_upsert (fx->findings, wifi);

  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  f = find (fx, OM_RULE_DEVICE_UNREGISTERED, fx->stranger);
  om_finding_set_state (f, OM_FINDING_STATE_ACCEPTED_RISK);
  g_assert_cmpuint (om_finding_list_count_open (fx->findings, OM_SEVERITY_MEDIUM), ==, 2);

  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  g_assert_cmpint (om_finding_get_state (f), ==, OM_FINDING_STATE_ACCEPTED_RISK);
  g_assert_cmpuint (om_finding_list_count_open (fx->findings, OM_SEVERITY_MEDIUM), ==, 2);
  /* Another module's finding is not touched by the device rules. */
  g_assert_cmpint (om_finding_get_state (wifi), ==, OM_FINDING_STATE_OPEN);
  g_assert_cmpuint (om_finding_list_count_open (fx->findings, OM_SEVERITY_HIGH), ==, 2);

  /* Without a database, EOL findings are left as they were. */
  om_device_set_os_name (fx->reception, "Windows 11 Pro 25H2");
  om_rules_evaluate (fx->findings, fx->inventory, NULL, &fx->today);
  g_assert_cmpint (om_finding_get_state (find (fx, OM_RULE_EOL_UNSUPPORTED, fx->reception)), ==,
                   OM_FINDING_STATE_OPEN);
}

static char *
list_to_string (OmFindingList *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  om_finding_list_to_json (list, builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_json_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr(OmFindingList) copy = om_finding_list_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  om_rules_evaluate (fx->findings, fx->inventory, fx->db, &fx->today);
  om_finding_set_state (find (fx, OM_RULE_DEVICE_PERSONAL, fx->phone), OM_FINDING_STATE_ACCEPTED_RISK);
  om_finding_set_state (find (fx, OM_RULE_EOL_OS_UNKNOWN, fx->phone), OM_FINDING_STATE_RESOLVED);

  first = list_to_string (fx->findings);
  g_assert_true (json_parser_load_from_data (parser, first, -1, &error));
  g_assert_no_error (error);
  g_assert_true (om_finding_list_load_json (copy, json_node_get_array (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (om_finding_list_get_n_findings (copy), ==, om_finding_list_get_n_findings (fx->findings));
  for (guint i = 0; i < om_finding_list_get_n_findings (copy); i++)
    {
      OmFinding *a = om_finding_list_get_finding (fx->findings, i);
      OmFinding *b = om_finding_list_get_finding (copy, i);

      g_assert_cmpstr (om_finding_get_id (a), ==, om_finding_get_id (b));
      g_assert_cmpstr (om_finding_get_rule_id (a), ==, om_finding_get_rule_id (b));
      g_assert_cmpstr (om_finding_get_subject_id (a), ==, om_finding_get_subject_id (b));
      g_assert_cmpstr (om_finding_get_subject_name (a), ==, om_finding_get_subject_name (b));
      g_assert_cmpstr (om_finding_get_title (a), ==, om_finding_get_title (b));
      g_assert_cmpstr (om_finding_get_detail (a), ==, om_finding_get_detail (b));
      g_assert_cmpstr (om_finding_get_evidence (a), ==, om_finding_get_evidence (b));
      g_assert_cmpint (om_finding_get_severity (a), ==, om_finding_get_severity (b));
      g_assert_cmpint (om_finding_get_state (a), ==, om_finding_get_state (b));
      g_assert_cmpmem (om_finding_get_five_rules (a), 6 * sizeof (guint), om_finding_get_five_rules (b), 6 * sizeof (guint));
      g_assert_cmpmem (om_finding_get_selfcheck (a), 26 * sizeof (guint), om_finding_get_selfcheck (b), 26 * sizeof (guint));
      /* ISO 8601 keeps microseconds. */
      g_assert_true (g_date_time_equal (om_finding_get_first_seen (a), om_finding_get_first_seen (b)));
      g_assert_true (g_date_time_equal (om_finding_get_last_seen (a), om_finding_get_last_seen (b)));
      g_assert_true ((om_finding_get_resolved_at (a) == NULL) == (om_finding_get_resolved_at (b) == NULL));
    }
  g_assert_nonnull (om_finding_list_lookup (copy, OM_RULE_DEVICE_PERSONAL, om_device_get_id (fx->phone)));

  /* Serialising the copy gives the same document. */
  second = list_to_string (copy);
  g_assert_cmpstr (first, ==, second);

  /* Evaluating over the loaded list updates rather than duplicates. */
  om_rules_evaluate (copy, fx->inventory, fx->db, &fx->today);
  g_assert_cmpuint (om_finding_list_get_n_findings (copy), ==, om_finding_list_get_n_findings (fx->findings));
  g_assert_cmpint (om_finding_get_state (om_finding_list_lookup (copy, OM_RULE_DEVICE_PERSONAL,
                                                                 om_device_get_id (fx->phone))),
                   ==, OM_FINDING_STATE_ACCEPTED_RISK);
}

static void
test_json_errors (void)
{
  static const char *bad[] = {
    "[ { \"rule\": \"eol.unsupported\", \"severity\": \"high\" } ]",
    "[ { \"id\": \"x\", \"rule\": \"eol.unsupported\", \"severity\": \"dreadful\" } ]",
    "[ { \"id\": \"x\", \"rule\": \"eol.unsupported\", \"severity\": \"high\", \"state\": \"maybe\" } ]",
    "[ { \"id\": \"x\", \"rule\": \"eol.unsupported\", \"severity\": \"high\", \"five_rules\": [6] } ]",
    "[ { \"id\": \"x\", \"rule\": \"eol.unsupported\", \"severity\": \"high\", \"selfcheck\": [0] } ]",
    "[ { \"id\": \"x\", \"rule\": \"eol.unsupported\", \"severity\": \"high\", \"first_seen\": \"yesterday\" } ]",
    "[ 42 ]",
  };
  g_autoptr(OmFindingList) list = om_finding_list_new ();
  g_autoptr(OmFinding) keep = om_finding_new ("device.personal", "d1");

  om_finding_list_upsert (list, keep);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (json_parser_load_from_data (parser, bad[i], -1, NULL));
      g_assert_false (om_finding_list_load_json (list, json_node_get_array (json_parser_get_root (parser)), &error));
      g_assert_error (error, OM_FINDING_ERROR, OM_FINDING_ERROR_INVALID);
      /* The list is left as it was. */
      g_assert_cmpuint (om_finding_list_get_n_findings (list), ==, 1);
      g_assert_true (om_finding_list_get_finding (list, 0) == keep);
    }
}

static void
test_finding_basics (void)
{
  g_autoptr(OmFinding) f = om_finding_new ("device.personal", "dev-1");
  g_autoptr(OmFindingList) list = om_finding_list_new ();
  g_autofree char *refs = NULL;
  g_autofree char *huge = g_strnfill (OM_FINDING_MAX_TEXT + 100, 'x');
  const guint rules[] = { 3, 1, 9, 1, 2, 0 };
  const guint items[] = { 21, 0 };
  OmFindingState st;

  om_finding_set_five_rules (f, rules);
  g_assert_cmpuint (om_finding_get_five_rules (f)[0], ==, 1);
  g_assert_cmpuint (om_finding_get_five_rules (f)[1], ==, 2);
  g_assert_cmpuint (om_finding_get_five_rules (f)[2], ==, 3);
  g_assert_cmpuint (om_finding_get_five_rules (f)[3], ==, 0);
  om_finding_set_selfcheck (f, items);
  refs = om_finding_dup_refs_label (f);
  g_assert_cmpstr (refs, ==, "Five rules 1, 2, 3 · Self-diagnosis 21");

  om_finding_set_detail (f, huge);
  g_assert_cmpuint (strlen (om_finding_get_detail (f)), ==, OM_FINDING_MAX_TEXT);

  g_assert_true (om_finding_state_from_string ("accepted-risk", &st));
  g_assert_cmpint (st, ==, OM_FINDING_STATE_ACCEPTED_RISK);
  g_assert_false (om_finding_state_from_string ("nope", &st));
  g_assert_cmpstr (om_finding_state_to_string (OM_FINDING_STATE_RESOLVED), ==, "resolved");

  g_assert_true (om_finding_list_upsert (list, f) == f);
  g_assert_true (om_finding_list_find_by_id (list, om_finding_get_id (f)) == f);
  g_assert_true (om_finding_list_remove (list, f));
  g_assert_false (om_finding_list_remove (list, f));
  g_assert_null (om_finding_list_lookup (list, "device.personal", "dev-1"));

  /* The registry: one place, every rule with references. */
  {
    guint n = 0;
    const OmRule *all = om_rules_get_all (&n);

    g_assert_cmpuint (n, ==, 5);
    for (guint i = 0; i < n; i++)
      {
        g_assert_true (om_rules_lookup (all[i].id) == &all[i]);
        g_assert_cmpuint (all[i].five_rules[0], >=, 1);
        g_assert_cmpuint (all[i].selfcheck[0], >=, 1);
        g_assert_nonnull (strstr (all[i].detail, "%s"));
      }
    g_assert_cmpint (om_rules_lookup (OM_RULE_EOL_UNSUPPORTED)->severity, ==, OM_SEVERITY_HIGH);
    g_assert_null (om_rules_lookup ("no.such.rule"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/findings/basics", test_finding_basics);
  g_test_add_func ("/findings/json/errors", test_json_errors);
  g_test_add ("/findings/rules/evaluate", Fixture, NULL, fixture_set_up, test_evaluate, fixture_tear_down);
  g_test_add ("/findings/rules/idempotent", Fixture, NULL, fixture_set_up, test_idempotent, fixture_tear_down);
  g_test_add ("/findings/rules/resolution", Fixture, NULL, fixture_set_up, test_resolution, fixture_tear_down);
  g_test_add ("/findings/rules/accepted-and-foreign", Fixture, NULL, fixture_set_up,
              test_accepted_and_foreign, fixture_tear_down);
  g_test_add ("/findings/json/round-trip", Fixture, NULL, fixture_set_up, test_json_round_trip, fixture_tear_down);

  return g_test_run ();
}

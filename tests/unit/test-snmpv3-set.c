/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * SNMPv3 credential sets (the non-secret half): "applies to" parsing and its
 * messages, most-specific matching, and the data file section.
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "om-document.h"
#include "om-snmpv3-sets.h"

static OmSnmpv3Set *
make (const char *label,
      const char *targets)
{
  g_autoptr(GError) error = NULL;
  OmSnmpv3Set *set = om_snmpv3_set_new (NULL, label, "admin", "sha256", "aes", "authPriv", targets, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
test_targets (void)
{
  static const struct {
    const char *text;
    const char *normalised;   /* NULL: refused */
    const char *message;      /* part of the refusal */
  } cases[] = {
    { "", "", NULL },
    { "10.0.0.5", "10.0.0.5", NULL },
    { " 10.0.0.5 ,10.0.0.0/24\n10.0.1.10-20 ", "10.0.0.5, 10.0.0.0/24, 10.0.1.10-10.0.1.20", NULL },
    { "10.0.0.77/24", "10.0.0.0/24", NULL },
    { "10.0.0.9/32", "10.0.0.9", NULL },
    { "10.0.0.1-10.0.0.1", "10.0.0.1", NULL },
    { "10.0.0.300", NULL, "is not an IPv4 address" },
    { "10.0.0", NULL, "is not an IPv4 address" },
    { "nas.local", NULL, "is not an IPv4 address" },
    { "10.0.0.0/33", NULL, "must be 0 to 32" },
    { "10.0.0.0/", NULL, "is not an IPv4 address" },
    { "10.0.0.20-10.0.0.10", NULL, "ends before it starts" },
    { "10.0.0.20-5", NULL, "ends before it starts" },
    { "10.0.0.1/24-10.0.0.5", NULL, "is not an IPv4 address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OmSnmpv3Set) set = om_snmpv3_set_new (NULL, "Test", "admin", "sha", "aes", "authPriv",
                                                      cases[i].text, &error);

      if (cases[i].normalised != NULL)
        {
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          text = om_snmpv3_set_dup_targets_text (set);
          g_assert_cmpstr (text, ==, cases[i].normalised);
          g_assert_true (om_snmpv3_set_check_targets (cases[i].text, NULL));
        }
      else
        {
          g_assert_null (set);
          g_assert_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].message));
          g_assert_false (om_snmpv3_set_check_targets (cases[i].text, NULL));
        }
    }
}

static void
test_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) many = g_string_new (NULL);

  g_assert_null (om_snmpv3_set_new (NULL, "  ", "admin", "sha", "aes", "authPriv", "", &error));
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);
  g_assert_null (om_snmpv3_set_new (NULL, "X", "two words", "sha", "aes", "authPriv", "", &error));
  g_assert_nonnull (strstr (error->message, "spaces"));
  g_clear_error (&error);
  g_assert_null (om_snmpv3_set_new (NULL, "X", "admin", "sha3", "aes", "authPriv", "", &error));
  g_clear_error (&error);
  g_assert_null (om_snmpv3_set_new (NULL, "X", "admin", "sha", "aes", "everything", "", &error));
  g_clear_error (&error);
  for (guint i = 0; i <= OM_SNMPV3_SET_MAX_TARGETS; i++)
    g_string_append_printf (many, "10.0.%u.%u ", i / 200, i % 200 + 1);
  g_assert_null (om_snmpv3_set_new (NULL, "X", "admin", "sha", "aes", "authPriv", many->str, &error));
  g_assert_nonnull (strstr (error->message, "at most"));
}

/* A single address beats a range, a smaller block a larger one, anything
 * beats "every address"; list order does not matter, except for a tie. */
static void
test_most_specific (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(OmSnmpv3Set) all = make ("All", "");
  g_autoptr(OmSnmpv3Set) office = make ("Office", "10.0.0.0/16");
  g_autoptr(OmSnmpv3Set) floor = make ("Floor", "10.0.2.0/24");
  g_autoptr(OmSnmpv3Set) range = make ("Range", "10.0.2.10-10.0.2.19");
  g_autoptr(OmSnmpv3Set) nas = make ("NAS", "10.0.2.15, 192.168.9.9");
  g_autoptr(OmSnmpv3Set) tie = make ("Tie", "10.0.2.15");

  g_assert_null (om_snmpv3_sets_best_for (sets, "10.0.2.15"));
  om_snmpv3_sets_put (sets, nas);
  om_snmpv3_sets_put (sets, all);
  om_snmpv3_sets_put (sets, floor);
  om_snmpv3_sets_put (sets, range);
  om_snmpv3_sets_put (sets, office);
  om_snmpv3_sets_put (sets, tie);

  g_assert_true (om_snmpv3_sets_best_for (sets, "10.0.2.15") == nas);     /* first of two equal */
  g_assert_true (om_snmpv3_sets_best_for (sets, "192.168.9.9") == nas);
  g_assert_true (om_snmpv3_sets_best_for (sets, "10.0.2.12") == range);
  g_assert_true (om_snmpv3_sets_best_for (sets, "10.0.2.200") == floor);
  g_assert_true (om_snmpv3_sets_best_for (sets, "10.0.9.1") == office);
  g_assert_true (om_snmpv3_sets_best_for (sets, "172.16.0.1") == all);
  g_assert_true (om_snmpv3_sets_best_for (sets, "not an address") == NULL);
  g_assert_cmpuint (om_snmpv3_set_match_string (nas, "10.0.2.15"), ==, 1);
  g_assert_cmpuint (om_snmpv3_set_match_string (floor, "10.0.2.15"), ==, 256);
  g_assert_cmpuint (om_snmpv3_set_match_string (floor, "10.0.3.15"), ==, OM_SNMPV3_SET_NO_MATCH);

  om_snmpv3_sets_remove (sets, om_snmpv3_set_get_id (all));
  g_assert_null (om_snmpv3_sets_best_for (sets, "172.16.0.1"));
  g_assert_true (om_snmpv3_sets_lookup (sets, "floor") == floor);
  g_assert_true (om_snmpv3_sets_lookup (sets, om_snmpv3_set_get_id (range)) == range);
}

/* The section round-trips through the document; edits replace in place. */
static void
test_document_section (void)
{
  g_autoptr(OmDocument) doc = om_document_new ();
  g_autoptr(OmDocument) doc2 = om_document_new ();
  g_autoptr(OmSnmpv3Set) a = make ("NAS", "10.0.0.20");
  g_autoptr(OmSnmpv3Set) b = make ("Copier", "10.0.0.128/25");
  g_autoptr(OmSnmpv3Set) b2 = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  OmSnmpv3Sets *sets = om_snmpv3_sets_get_for_document (doc);
  OmSnmpv3Sets *sets2;
  OmSnmpv3Set *copy;

  om_snmpv3_sets_put (sets, a);
  om_snmpv3_sets_put (sets, b);
  b2 = om_snmpv3_set_new (om_snmpv3_set_get_id (b), "Copier 2F", "mfp", "sha512", "aes256", "authNoPriv",
                          "10.0.0.130", &error);
  g_assert_no_error (error);
  om_snmpv3_sets_put (sets, b2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sets)), ==, 2);

  node = om_document_dup_section_node (doc, OM_SNMPV3_SETS_SECTION);
  g_assert_true (om_document_set_section_node (doc2, OM_SNMPV3_SETS_SECTION, node, &error));
  g_assert_no_error (error);
  sets2 = om_snmpv3_sets_get_for_document (doc2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sets2)), ==, 2);
  copy = om_snmpv3_sets_find (sets2, om_snmpv3_set_get_id (b));
  g_assert_nonnull (copy);
  g_assert_cmpstr (om_snmpv3_set_get_label (copy), ==, "Copier 2F");
  g_assert_cmpstr (om_snmpv3_set_get_level (copy), ==, "authNoPriv");
  g_assert_cmpstr (om_snmpv3_set_get_priv (copy), ==, "aes256");
  g_assert_cmpstr (om_snmpv3_set_get_targets (copy)[0], ==, "10.0.0.130");
  g_assert_false (om_snmpv3_set_needs_priv_pass (copy));
  g_assert_true (om_snmpv3_set_needs_auth_pass (copy));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/snmpv3-set/targets", test_targets);
  g_test_add_func ("/snmpv3-set/fields", test_fields);
  g_test_add_func ("/snmpv3-set/most-specific", test_most_specific);
  g_test_add_func ("/snmpv3-set/document-section", test_document_section);
  return g_test_run ();
}

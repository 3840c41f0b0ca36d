/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The SNMPv3 credential sets in Preferences (OmSnmpv3Group and its editor)
 * against a throw-away keyring, under Xvfb (run-secret-tests.sh api --x11 …):
 * add a set, see it listed, edit it, remove it; the single set of an older
 * version shows up migrated.
 */
#define G_LOG_DOMAIN "test-secrets-ui"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsecret/secret.h>

#include "om-secrets.h"
#include "om-snmpv3-group.h"

static void
spin_until_idle (OmSnmpv3Group *group)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* One iteration first: a request may not have started yet. */
  g_main_context_iteration (NULL, FALSE);
  while (om_snmpv3_group_get_busy (group) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (om_snmpv3_group_get_busy (group));
}

static GtkWindow *
show_group (OmSnmpv3Sets   *sets,
            OmSnmpv3Group **out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *group = om_snmpv3_group_new ();

  om_snmpv3_group_set_sets (OM_SNMPV3_GROUP (group), sets);
  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  /* Mapping asks the keyring (the migration of an older single set). */
  while (!gtk_widget_get_mapped (group))
    g_main_context_iteration (NULL, TRUE);
  *out = OM_SNMPV3_GROUP (group);
  spin_until_idle (*out);
  return GTK_WINDOW (window);
}

static void
set_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static guint
count_set_items (void)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (om_secrets_get_schema (), SECRET_SEARCH_ALL, NULL, &error,
                                              "kind", "snmpv3-set", NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
fill (OmSnmpv3Editor *editor,
      const char     *label,
      const char     *user,
      const char     *auth_pass,
      const char     *priv_pass,
      const char     *targets)
{
  set_text (om_snmpv3_editor_get_label_row (editor), label);
  set_text (om_snmpv3_editor_get_user_row (editor), user);
  set_text (om_snmpv3_editor_get_auth_pass_row (editor), auth_pass);
  set_text (om_snmpv3_editor_get_priv_pass_row (editor), priv_pass);
  set_text (om_snmpv3_editor_get_targets_row (editor), targets);
}

static void
test_add_list_edit_remove (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(OmSnmpv3Set) stored = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  g_autoptr(OmSnmpV3Credentials) creds2 = NULL;
  g_autoptr(GError) error = NULL;
  OmSnmpv3Group *group;
  GtkWindow *window = show_group (sets, &group);
  OmSnmpv3Editor *editor;
  AdwActionRow *row;

  g_assert_cmpuint (om_snmpv3_group_get_n_rows (group), ==, 0);
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "No credential sets"));

  /* Add: a bad address and a short passphrase are refused in the editor with a
   * message saying what to fix; nothing is stored. */
  editor = om_snmpv3_group_edit (group, NULL);
  fill (editor, "Copier", "mfpadmin", "mfp-auth-pass", "mfp-priv-pass", "10.0.0.130, 10.0.0.300");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (om_snmpv3_editor_get_targets_row (editor)), "error"));
  g_assert_false (om_snmpv3_editor_save (editor));
  g_assert_nonnull (strstr (om_snmpv3_editor_get_error (editor), "“10.0.0.300” is not an IPv4 address"));
  set_text (om_snmpv3_editor_get_targets_row (editor), "10.0.0.130, 10.0.1.0/24");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (om_snmpv3_editor_get_targets_row (editor)), "error"));
  set_text (om_snmpv3_editor_get_auth_pass_row (editor), "short");
  g_assert_false (om_snmpv3_editor_save (editor));
  g_assert_nonnull (strstr (om_snmpv3_editor_get_error (editor), "8 to 256"));
  g_assert_cmpuint (count_set_items (), ==, 0);

  set_text (om_snmpv3_editor_get_auth_pass_row (editor), "mfp-auth-pass");
  adw_combo_row_set_selected (om_snmpv3_editor_get_auth_row (editor), 4);   /* SHA-512 */
  adw_combo_row_set_selected (om_snmpv3_editor_get_priv_row (editor), 2);   /* AES-256 */
  g_assert_true (om_snmpv3_editor_save (editor));
  spin_until_idle (group);

  /* Listed, with its user, protocols and addresses; passphrases in the keyring only. */
  g_assert_cmpuint (om_snmpv3_group_get_n_rows (group), ==, 1);
  row = om_snmpv3_group_get_row (group, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Copier");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "user mfpadmin · SHA-512/AES-256 · 10.0.0.130, 10.0.1.0/24");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sets)), ==, 1);
  stored = g_list_model_get_item (G_LIST_MODEL (sets), 0);
  creds = om_secrets_lookup_snmpv3_set (stored, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (creds);
  g_assert_cmpstr (creds->auth_pass, ==, "mfp-auth-pass");
  g_assert_cmpstr (creds->priv_pass, ==, "mfp-priv-pass");
  g_assert_cmpint (creds->auth_proto, ==, OM_SNMP_AUTH_SHA512);

  /* Edit: the passphrases are not read back; left empty they are kept. */
  editor = om_snmpv3_group_edit (group, stored);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_editor_get_user_row (editor))), ==, "mfpadmin");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_editor_get_auth_pass_row (editor))), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (om_snmpv3_editor_get_priv_row (editor)), ==, 2);
  set_text (om_snmpv3_editor_get_label_row (editor), "Copier 2F");
  g_assert_true (om_snmpv3_editor_save (editor));
  spin_until_idle (group);
  g_assert_cmpuint (om_snmpv3_group_get_n_rows (group), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (om_snmpv3_group_get_row (group, 0))), ==,
                   "Copier 2F");
  g_assert_cmpuint (count_set_items (), ==, 1);
  creds2 = om_secrets_lookup_snmpv3_set (om_snmpv3_sets_find (sets, om_snmpv3_set_get_id (stored)), NULL, &error);
  g_assert_nonnull (creds2);
  g_assert_cmpstr (creds2->auth_pass, ==, "mfp-auth-pass");

  /* Remove: gone from the list and from the keyring. */
  om_snmpv3_group_remove_set (group, om_snmpv3_set_get_id (stored));
  spin_until_idle (group);
  g_assert_cmpuint (om_snmpv3_group_get_n_rows (group), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sets)), ==, 0);
  g_assert_cmpuint (count_set_items (), ==, 0);
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "No credential sets"));
  gtk_window_destroy (window);
}

/* The single set an older version kept shows up as a set for every device. */
static void
test_migrated_on_show (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(OmSnmpV3Credentials) old =
    om_snmpv3_credentials_new ("olduser", OM_SNMP_AUTH_SHA256, "authpass123", OM_SNMP_PRIV_AES, "privpass123");
  g_autoptr(OmSnmpv3Set) set = NULL;
  g_autoptr(GError) error = NULL;
  OmSnmpv3Group *group;
  GtkWindow *window;

  g_assert_true (om_secrets_store_snmpv3 (NULL, old, NULL, &error));
  window = show_group (sets, &group);
  g_assert_cmpuint (om_snmpv3_group_get_n_rows (group), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (om_snmpv3_group_get_row (group, 0)), ==,
                   "user olduser · SHA-256/AES-128 · every device");
  g_assert_null (om_secrets_lookup_snmpv3 (NULL, NULL, &error));
  set = g_list_model_get_item (G_LIST_MODEL (sets), 0);
  om_snmpv3_group_remove_set (group, om_snmpv3_set_get_id (set));
  spin_until_idle (group);
  g_assert_cmpuint (count_set_items (), ==, 0);
  gtk_window_destroy (window);
}

/* Waits for the keyring check that follows every change (it runs without "busy"). */
static gboolean
wait_subtitle_has (AdwActionRow *row,
                   const char   *needle,
                   gboolean      want)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      const char *subtitle = adw_action_row_get_subtitle (row);

      if ((subtitle != NULL && strstr (subtitle, needle) != NULL) == want)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return FALSE;
}

/* A data file copied from another computer names sets whose passphrases this
 * keyring does not have: the list says which, and the status what to do. */
static void
test_passphrases_missing (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) nas = om_snmpv3_set_new (NULL, "NAS", "nasadmin", "sha256", "aes", "authPriv",
                                                  "10.0.0.20", &error);
  g_autoptr(OmSnmpv3Set) open_set = om_snmpv3_set_new (NULL, "Read-only", "ro", "sha", "aes", "noAuthNoPriv",
                                                       "", &error);
  OmSnmpv3Group *group;
  GtkWindow *window;

  g_assert_no_error (error);
  om_snmpv3_sets_put (sets, nas);
  om_snmpv3_sets_put (sets, open_set);
  window = show_group (sets, &group);
  g_assert_cmpuint (om_snmpv3_group_get_n_rows (group), ==, 2);
  g_assert_true (wait_subtitle_has (om_snmpv3_group_get_row (group, 0), "passphrases missing", TRUE));
  /* A set that needs no passphrases is never "missing". */
  g_assert_null (strstr (adw_action_row_get_subtitle (om_snmpv3_group_get_row (group, 1)), "missing"));
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "no passphrases for 1 set"));

  /* Entering them again (as the editor does) clears the warning. */
  g_assert_true (om_secrets_store_snmpv3_set (nas, "nas-auth-pass", "nas-priv-pass", NULL, &error));
  g_assert_no_error (error);
  om_snmpv3_sets_put (sets, nas);
  g_assert_true (wait_subtitle_has (om_snmpv3_group_get_row (group, 0), "passphrases missing", FALSE));
  g_assert_cmpstr (adw_action_row_get_subtitle (om_snmpv3_group_get_row (group, 0)), ==,
                   "user nasadmin · SHA-256/AES-128 · 10.0.0.20");
  for (guint i = 0; i < 50 && strstr (om_snmpv3_group_get_status (group), "no passphrases") != NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_null (strstr (om_snmpv3_group_get_status (group), "no passphrases"));
  g_assert_true (om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (nas), NULL, NULL));
  gtk_window_destroy (window);
}

static void
test_close_while_busy (void)
{
  g_autoptr(OmSnmpv3Sets) sets = om_snmpv3_sets_new ();
  OmSnmpv3Group *group;
  GtkWindow *window = show_group (sets, &group);
  OmSnmpv3Editor *editor = om_snmpv3_group_edit (group, NULL);

  /* Closing the window mid-request must not touch the freed group. */
  fill (editor, "NAS", "omamori", "authpass123", "privpass123", "10.0.0.20");
  g_assert_true (om_snmpv3_editor_save (editor));
  g_assert_true (om_snmpv3_group_get_busy (group));
  gtk_window_destroy (window);
  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  secret_password_clear_sync (om_secrets_get_schema (), NULL, NULL, "kind", "snmpv3-set", NULL);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/secrets/ui/add-list-edit-remove", test_add_list_edit_remove);
  g_test_add_func ("/secrets/ui/migrated-on-show", test_migrated_on_show);
  g_test_add_func ("/secrets/ui/passphrases-missing", test_passphrases_missing);
  g_test_add_func ("/secrets/ui/close-while-busy", test_close_while_busy);
  return g_test_run ();
}

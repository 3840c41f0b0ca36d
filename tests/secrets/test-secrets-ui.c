/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The SNMPv3 preferences group against a throw-away keyring, under Xvfb
 * (run-secret-tests.sh api --x11 …).
 */
#define G_LOG_DOMAIN "test-secrets-ui"

#include "config.h"

#include <adwaita.h>

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
show_group (OmSnmpv3Group **out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *group = om_snmpv3_group_new ();

  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  /* Mapping reads the keyring. */
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

static void
test_save_reload_clear (void)
{
  OmSnmpv3Group *group, *again;
  GtkWindow *window, *window2;
  g_autoptr(OmSnmpV3Credentials) stored = NULL;
  g_autoptr(GError) error = NULL;

  om_secrets_clear_snmpv3 (NULL, NULL, NULL);
  window = show_group (&group);
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "Not set"));

  /* Too short: refused in the window, nothing stored. */
  set_text (om_snmpv3_group_get_user_row (group), "nasadmin");
  set_text (om_snmpv3_group_get_auth_pass_row (group), "short");
  set_text (om_snmpv3_group_get_priv_pass_row (group), "privpass123");
  om_snmpv3_group_save (group);
  spin_until_idle (group);
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "8 to 256"));
  g_assert_null (om_secrets_lookup_snmpv3 (NULL, NULL, &error));
  g_assert_no_error (error);

  set_text (om_snmpv3_group_get_auth_pass_row (group), "authpass256x");
  adw_combo_row_set_selected (om_snmpv3_group_get_auth_row (group), 1);
  om_snmpv3_group_save (group);
  spin_until_idle (group);
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "Stored in the keyring for user “nasadmin” (SHA-256, AES)"));
  /* The window keeps no passphrase once they are stored. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_group_get_auth_pass_row (group))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_group_get_priv_pass_row (group))), ==, "");
  stored = om_secrets_lookup_snmpv3 (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->user, ==, "nasadmin");
  g_assert_cmpint (stored->auth_proto, ==, OM_SNMP_AUTH_SHA256);
  g_assert_cmpstr (stored->auth_pass, ==, "authpass256x");
  g_assert_cmpstr (stored->priv_pass, ==, "privpass123");

  /* A new window shows the stored user and protocol, not the passphrases. */
  window2 = show_group (&again);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_group_get_user_row (again))), ==, "nasadmin");
  g_assert_cmpuint (adw_combo_row_get_selected (om_snmpv3_group_get_auth_row (again)), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_group_get_auth_pass_row (again))), ==, "");
  gtk_window_destroy (window2);

  om_snmpv3_group_clear (group);
  spin_until_idle (group);
  g_assert_nonnull (strstr (om_snmpv3_group_get_status (group), "Not set"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (om_snmpv3_group_get_user_row (group))), ==, "");
  g_assert_null (om_secrets_lookup_snmpv3 (NULL, NULL, &error));
  g_assert_no_error (error);
  gtk_window_destroy (window);
}

static void
test_close_while_busy (void)
{
  OmSnmpv3Group *group;
  GtkWindow *window = show_group (&group);
  g_autoptr(OmSnmpV3Credentials) stored = NULL;

  /* Closing the window mid-request must not touch the freed group. */
  set_text (om_snmpv3_group_get_user_row (group), "omamori");
  set_text (om_snmpv3_group_get_auth_pass_row (group), "authpass123");
  set_text (om_snmpv3_group_get_priv_pass_row (group), "privpass123");
  om_snmpv3_group_save (group);
  g_assert_true (om_snmpv3_group_get_busy (group));
  gtk_window_destroy (window);
  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  om_secrets_clear_snmpv3 (NULL, NULL, NULL);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/secrets/ui/save-reload-clear", test_save_reload_clear);
  g_test_add_func ("/secrets/ui/close-while-busy", test_close_while_busy);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-snmpv3-group"

#include "config.h"

#include <glib/gi18n.h>

#include "om-secrets.h"
#include "om-snmpv3-group.h"

struct _OmSnmpv3Group
{
  AdwPreferencesGroup parent_instance;

  AdwEntryRow  *user_row;
  AdwComboRow  *auth_row;
  AdwEntryRow  *auth_pass_row;
  AdwEntryRow  *priv_pass_row;
  AdwActionRow *status_row;
  GtkWidget    *save_button;
  GtkWidget    *clear_button;

  GCancellable *cancellable;
  gboolean      busy;
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (OmSnmpv3Group, om_snmpv3_group, ADW_TYPE_PREFERENCES_GROUP)

static void
set_busy (OmSnmpv3Group *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->save_button, !busy);
  gtk_widget_set_sensitive (self->clear_button, !busy);
}

static void
set_status (OmSnmpv3Group *self,
            const char    *text)
{
  adw_action_row_set_subtitle (self->status_row, text);
}

static void
show_stored (OmSnmpv3Group             *self,
             const OmSnmpV3Credentials *creds)
{
  g_autofree char *text = NULL;

  if (creds == NULL)
    {
      set_status (self, _("Not set. Scans use the SNMP v2c community only."));
      return;
    }
  /* Translators: "Stored in the keyring for user “nasadmin” (SHA-256, AES)." */
  text = g_strdup_printf (_("Stored in the keyring for user “%s” (%s, AES)."), creds->user,
                          creds->auth_proto == OM_SNMP_AUTH_SHA256 ? "SHA-256" : "SHA");
  set_status (self, text);
}

/* Errors from om-secrets say what to do and never contain a passphrase. */
static void
show_error (OmSnmpv3Group *self,
            GError        *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, error->message);
}

static void
on_lookup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = om_secrets_lookup_snmpv3_finish (result, &error);
  OmSnmpv3Group *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = OM_SNMPV3_GROUP (data);
  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  if (creds != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), creds->user);
      adw_combo_row_set_selected (self->auth_row, creds->auth_proto == OM_SNMP_AUTH_SHA256 ? 1 : 0);
    }
  show_stored (self, creds);
}

void
om_snmpv3_group_reload (OmSnmpv3Group *self)
{
  g_return_if_fail (OM_IS_SNMPV3_GROUP (self));
  if (self->busy)
    return;
  set_busy (self, TRUE);
  set_status (self, "");
  om_secrets_lookup_snmpv3_async (NULL, self->cancellable, on_lookup_done_cb, self);
}

static void
on_store_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = om_secrets_store_snmpv3_finish (result, &error);
  OmSnmpv3Group *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = OM_SNMPV3_GROUP (data);
  set_busy (self, FALSE);
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  /* The passphrases are in the keyring now; keep no copy in the window. */
  gtk_editable_set_text (GTK_EDITABLE (self->auth_pass_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->priv_pass_row), "");
  om_snmpv3_group_reload (self);
}

void
om_snmpv3_group_save (OmSnmpv3Group *self)
{
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;

  g_return_if_fail (OM_IS_SNMPV3_GROUP (self));
  if (self->busy)
    return;
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  creds = om_snmpv3_credentials_new (user,
                                     adw_combo_row_get_selected (self->auth_row) == 1
                                       ? OM_SNMP_AUTH_SHA256 : OM_SNMP_AUTH_SHA,
                                     gtk_editable_get_text (GTK_EDITABLE (self->auth_pass_row)),
                                     OM_SNMP_PRIV_AES,
                                     gtk_editable_get_text (GTK_EDITABLE (self->priv_pass_row)));
  if (!om_snmpv3_credentials_validate (creds, &error))
    {
      show_error (self, error);
      return;
    }
  set_busy (self, TRUE);
  set_status (self, "");
  om_secrets_store_snmpv3_async (NULL, creds, self->cancellable, on_store_done_cb, self);
}

static void
on_clear_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = om_secrets_clear_snmpv3_finish (result, &error);
  OmSnmpv3Group *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = OM_SNMPV3_GROUP (data);
  set_busy (self, FALSE);
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->auth_pass_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->priv_pass_row), "");
  show_stored (self, NULL);
}

void
om_snmpv3_group_clear (OmSnmpv3Group *self)
{
  g_return_if_fail (OM_IS_SNMPV3_GROUP (self));
  if (self->busy)
    return;
  set_busy (self, TRUE);
  set_status (self, "");
  om_secrets_clear_snmpv3_async (NULL, self->cancellable, on_clear_done_cb, self);
}

/* The keyring is asked only once the group is on screen: a preferences
 * window opened for something else does not wake the Secret Service. */
static void
on_map_cb (OmSnmpv3Group *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  om_snmpv3_group_reload (self);
}

static void
om_snmpv3_group_dispose (GObject *object)
{
  OmSnmpv3Group *self = OM_SNMPV3_GROUP (object);

  /* Callbacks check for cancellation before touching the group. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (om_snmpv3_group_parent_class)->dispose (object);
}

static void
om_snmpv3_group_class_init (OmSnmpv3GroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = om_snmpv3_group_dispose;
}

static void
om_snmpv3_group_init (OmSnmpv3Group *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  const char *protocols[] = { "SHA", "SHA-256", NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (protocols);
  GtkWidget *priv_row, *buttons;

  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (group, _("SNMPv3"));
  adw_preferences_group_set_description (group,
    _("For devices that answer only SNMPv3 (authPriv). The passphrases are kept in the "
      "keyring, never in the data file; scans try them before the v2c community."));

  self->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User Name"));
  adw_preferences_group_add (group, GTK_WIDGET (self->user_row));

  self->auth_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->auth_row), _("Authentication Protocol"));
  adw_combo_row_set_model (self->auth_row, G_LIST_MODEL (model));
  adw_preferences_group_add (group, GTK_WIDGET (self->auth_row));

  self->auth_pass_row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->auth_pass_row), _("Authentication Passphrase"));
  adw_preferences_group_add (group, GTK_WIDGET (self->auth_pass_row));

  priv_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (priv_row), _("Privacy Protocol"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (priv_row), "AES-128");
  adw_preferences_group_add (group, priv_row);

  self->priv_pass_row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->priv_pass_row), _("Privacy Passphrase"));
  adw_preferences_group_add (group, GTK_WIDGET (self->priv_pass_row));

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Keyring"));
  adw_action_row_set_subtitle_lines (self->status_row, 0);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear"));
  gtk_widget_set_tooltip_text (self->clear_button, _("Remove the SNMPv3 credentials from the keyring"));
  gtk_widget_add_css_class (self->clear_button, "destructive-action");
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (om_snmpv3_group_clear), self);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_tooltip_text (self->save_button, _("Keep these SNMPv3 credentials in the keyring"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (om_snmpv3_group_save), self);
  gtk_box_append (GTK_BOX (buttons), self->clear_button);
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  adw_action_row_add_suffix (self->status_row, buttons);
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));
  set_status (self, _("Not read yet."));

  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
om_snmpv3_group_new (void)
{
  return g_object_new (OM_TYPE_SNMPV3_GROUP, NULL);
}

AdwEntryRow *
om_snmpv3_group_get_user_row (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  return self->user_row;
}

AdwComboRow *
om_snmpv3_group_get_auth_row (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  return self->auth_row;
}

AdwEntryRow *
om_snmpv3_group_get_auth_pass_row (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  return self->auth_pass_row;
}

AdwEntryRow *
om_snmpv3_group_get_priv_pass_row (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  return self->priv_pass_row;
}

const char *
om_snmpv3_group_get_status (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  return adw_action_row_get_subtitle (self->status_row);
}

gboolean
om_snmpv3_group_get_busy (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), FALSE);
  return self->busy;
}

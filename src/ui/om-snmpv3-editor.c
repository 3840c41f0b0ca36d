/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-snmpv3-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "om-secrets.h"
#include "om-snmpv3-editor.h"

struct _OmSnmpv3Editor
{
  AdwWindow     parent_instance;

  OmSnmpv3Set  *set;          /* NULL: a new set */
  AdwEntryRow  *label_row;
  AdwEntryRow  *user_row;
  AdwComboRow  *level_row;
  AdwComboRow  *auth_row;
  AdwComboRow  *priv_row;
  AdwEntryRow  *auth_pass_row;
  AdwEntryRow  *priv_pass_row;
  AdwEntryRow  *targets_row;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (OmSnmpv3Editor, om_snmpv3_editor, ADW_TYPE_WINDOW)

enum {
  SAVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (OmSnmpv3Editor *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');
}

static guint
index_of (const char * const *names,
          const char         *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

static const char *
selected_name (AdwComboRow        *row,
               const char * const *names)
{
  guint i = adw_combo_row_get_selected (row);

  return i < g_strv_length ((char **) names) ? names[i] : names[0];
}

static void
update_sensitivity (OmSnmpv3Editor *self)
{
  const char *level = selected_name (self->level_row, om_snmpv3_set_level_names ());
  gboolean auth = !g_str_equal (level, "noAuthNoPriv");
  gboolean priv = g_str_equal (level, "authPriv");

  gtk_widget_set_sensitive (GTK_WIDGET (self->auth_row), auth);
  gtk_widget_set_sensitive (GTK_WIDGET (self->auth_pass_row), auth);
  gtk_widget_set_sensitive (GTK_WIDGET (self->priv_row), priv);
  gtk_widget_set_sensitive (GTK_WIDGET (self->priv_pass_row), priv);
}

/* Live feedback on the addresses, before Save is pressed. */
static void
on_targets_changed_cb (OmSnmpv3Editor *self)
{
  g_autoptr(GError) error = NULL;

  if (om_snmpv3_set_check_targets (gtk_editable_get_text (GTK_EDITABLE (self->targets_row)), &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->targets_row), "error");
      show_error (self, NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->targets_row), "error");
      show_error (self, error->message);
    }
}

static const char *
typed_or_null (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
om_snmpv3_editor_save (OmSnmpv3Editor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) set = NULL;
  g_autofree char *user = NULL;
  const char *auth_pass, *priv_pass;

  g_return_val_if_fail (OM_IS_SNMPV3_EDITOR (self), FALSE);

  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  set = om_snmpv3_set_new (self->set != NULL ? om_snmpv3_set_get_id (self->set) : NULL,
                           gtk_editable_get_text (GTK_EDITABLE (self->label_row)), user,
                           selected_name (self->auth_row, om_snmpv3_set_auth_names ()),
                           selected_name (self->priv_row, om_snmpv3_set_priv_names ()),
                           selected_name (self->level_row, om_snmpv3_set_level_names ()),
                           gtk_editable_get_text (GTK_EDITABLE (self->targets_row)), &error);
  if (set == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  auth_pass = om_snmpv3_set_needs_auth_pass (set) ? typed_or_null (self->auth_pass_row) : NULL;
  priv_pass = om_snmpv3_set_needs_priv_pass (set) ? typed_or_null (self->priv_pass_row) : NULL;
  /* A new set needs its passphrases; an edit may keep the stored ones, but
   * whatever is typed must be usable. A kept passphrase was checked when it
   * was stored, so a valid stand-in takes its place in the check. */
  if (self->set == NULL || auth_pass != NULL || priv_pass != NULL)
    {
      const char *kept = self->set != NULL ? "kept-passphrase" : NULL;
      g_autoptr(OmSnmpV3Credentials) check =
        om_snmpv3_credentials_new_for_set (set, auth_pass != NULL ? auth_pass : kept,
                                           priv_pass != NULL ? priv_pass : kept);

      if (!om_snmpv3_credentials_validate (check, &error))
        {
          show_error (self, error->message);
          return FALSE;
        }
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVE_REQUESTED], 0, set, auth_pass, priv_pass);
  /* No copy of a passphrase stays in the window. */
  gtk_editable_set_text (GTK_EDITABLE (self->auth_pass_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->priv_pass_row), "");
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

const char *
om_snmpv3_editor_get_error (OmSnmpv3Editor *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_EDITOR (self), NULL);
  return gtk_label_get_text (self->error_label);
}

static void
om_snmpv3_editor_dispose (GObject *object)
{
  OmSnmpv3Editor *self = OM_SNMPV3_EDITOR (object);

  g_clear_object (&self->set);
  G_OBJECT_CLASS (om_snmpv3_editor_parent_class)->dispose (object);
}

static void
om_snmpv3_editor_class_init (OmSnmpv3EditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = om_snmpv3_editor_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* (set, auth passphrase or NULL, privacy passphrase or NULL); pointers, so
   * the passphrases are not copied by the signal machinery. */
  signals[SAVE_REQUESTED] = g_signal_new ("save-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                          OM_TYPE_SNMPV3_SET, G_TYPE_POINTER, G_TYPE_POINTER);
}

static AdwComboRow *
combo_row (const char         *title,
           const char * const *names,
           gboolean            display)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (model, display ? om_snmpv3_set_display_name (names[i]) : names[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static void
om_snmpv3_editor_init (OmSnmpv3Editor *self)
{
  GtkWidget *box, *header, *cancel, *save, *page, *group, *creds_group, *targets_group;
  const char *levels[] = {
    /* Translators: SNMPv3 security levels; keep the part in brackets */
    _("Encrypted (authPriv)"),
    _("Signed only (authNoPriv)"),
    _("None (noAuthNoPriv)"),
    NULL
  };
  AdwEntryRow *row;

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 680);
  gtk_window_set_title (GTK_WINDOW (self), _("SNMPv3 Credential Set"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (om_snmpv3_editor_save), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  group = adw_preferences_group_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  self->label_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->label_row), _("Name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->label_row));
  self->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User Name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->user_row));

  creds_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (creds_group), _("Security"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (creds_group));
  self->level_row = combo_row (_("Security Level"), levels, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (creds_group), GTK_WIDGET (self->level_row));
  self->auth_row = combo_row (_("Authentication Protocol"), om_snmpv3_set_auth_names (), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (creds_group), GTK_WIDGET (self->auth_row));
  row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Authentication Passphrase"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (creds_group), GTK_WIDGET (row));
  self->auth_pass_row = row;
  self->priv_row = combo_row (_("Privacy Protocol"), om_snmpv3_set_priv_names (), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (creds_group), GTK_WIDGET (self->priv_row));
  row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Privacy Passphrase"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (creds_group), GTK_WIDGET (row));
  self->priv_pass_row = row;
  g_signal_connect_swapped (self->level_row, "notify::selected", G_CALLBACK (update_sensitivity), self);

  targets_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (targets_group), _("Applies To"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (targets_group),
    _("Addresses (10.0.0.5), networks (10.0.0.0/24) or ranges (10.0.0.10-10.0.0.20), separated by "
      "commas. Leave empty for every device. Each device is asked with the most specific set."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (targets_group));
  self->targets_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->targets_row), _("Addresses"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (targets_group), GTK_WIDGET (self->targets_row));
  g_signal_connect_swapped (self->targets_row, "changed", G_CALLBACK (on_targets_changed_cb), self);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (targets_group), GTK_WIDGET (self->error_label));
}

OmSnmpv3Editor *
om_snmpv3_editor_new (GtkWindow   *parent,
                      OmSnmpv3Set *set)
{
  OmSnmpv3Editor *self = g_object_new (OM_TYPE_SNMPV3_EDITOR,
                                       "transient-for", parent, NULL);

  if (set != NULL)
    {
      g_autofree char *targets = om_snmpv3_set_dup_targets_text (set);

      self->set = g_object_ref (set);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit SNMPv3 Credential Set"));
      gtk_editable_set_text (GTK_EDITABLE (self->label_row), om_snmpv3_set_get_label (set));
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), om_snmpv3_set_get_user (set));
      gtk_editable_set_text (GTK_EDITABLE (self->targets_row), targets);
      adw_combo_row_set_selected (self->level_row, index_of (om_snmpv3_set_level_names (), om_snmpv3_set_get_level (set)));
      adw_combo_row_set_selected (self->auth_row, index_of (om_snmpv3_set_auth_names (), om_snmpv3_set_get_auth (set)));
      adw_combo_row_set_selected (self->priv_row, index_of (om_snmpv3_set_priv_names (), om_snmpv3_set_get_priv (set)));
      /* Translators: shown when editing a stored set; passphrases are never read back. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->auth_pass_row),
                                     _("Authentication Passphrase (empty: keep)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->priv_pass_row),
                                     _("Privacy Passphrase (empty: keep)"));
    }
  update_sensitivity (self);
  return self;
}

AdwEntryRow *
om_snmpv3_editor_get_label_row (OmSnmpv3Editor *self)
{
  return self->label_row;
}

AdwEntryRow *
om_snmpv3_editor_get_user_row (OmSnmpv3Editor *self)
{
  return self->user_row;
}

AdwComboRow *
om_snmpv3_editor_get_auth_row (OmSnmpv3Editor *self)
{
  return self->auth_row;
}

AdwComboRow *
om_snmpv3_editor_get_priv_row (OmSnmpv3Editor *self)
{
  return self->priv_row;
}

AdwComboRow *
om_snmpv3_editor_get_level_row (OmSnmpv3Editor *self)
{
  return self->level_row;
}

AdwEntryRow *
om_snmpv3_editor_get_auth_pass_row (OmSnmpv3Editor *self)
{
  return self->auth_pass_row;
}

AdwEntryRow *
om_snmpv3_editor_get_priv_pass_row (OmSnmpv3Editor *self)
{
  return self->priv_pass_row;
}

AdwEntryRow *
om_snmpv3_editor_get_targets_row (OmSnmpv3Editor *self)
{
  return self->targets_row;
}

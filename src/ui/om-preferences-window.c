/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "om-eol.h"
#include "om-preferences-window.h"
#include "om-snmpv3-group.h"

struct _OmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template widgets */
  AdwEntryRow  *name_row;
  GtkListBox   *staff_list;
  AdwActionRow *eol_row;
  OmSnmpv3Group *snmpv3_group;

  /* borrowed */
  OmApplication *application;

  /* owned */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (OmPreferencesWindow, om_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static OmOrganisation *
get_organisation (OmPreferencesWindow *self)
{
  return om_application_get_organisation (self->application);
}

static void
update_eol_row (OmPreferencesWindow *self)
{
  OmEolDatabase *database = om_application_get_eol_database (self->application);
  g_autofree char *snapshot = NULL;
  g_autofree char *subtitle = NULL;

  if (database == NULL)
    {
      adw_action_row_set_subtitle (self->eol_row, _("No database is loaded. Load a database file."));
      return;
    }
  snapshot = om_eol_database_dup_snapshot_string (database);
  /* Translators: "Data as of 2026-08-31 · 24 products, 310 releases" */
  subtitle = g_strdup_printf (_("Data as of %s · %u products, %u releases"), snapshot,
                              om_eol_database_get_n_products (database),
                              om_eol_database_get_n_cycles (database));
  adw_action_row_set_subtitle (self->eol_row, subtitle);
}

/* Staff rows */

static void
update_staff_row_subtitle (AdwExpanderRow *row,
                           OmStaff        *staff)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *email = om_staff_get_email (staff);
  const char *department = om_staff_get_department (staff);

  if (department != NULL && *department != '\0')
    g_string_append (subtitle, department);
  if (email != NULL && *email != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", email);
  if (!om_staff_get_active (staff))
    {
      const char *left_on = om_staff_get_left_on (staff);
      g_autofree char *left = left_on != NULL ? g_strdup_printf (_("Left on %s"), left_on) : g_strdup (_("Has left"));

      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", left);
    }
  adw_expander_row_set_subtitle (row, subtitle->str);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 om_staff_get_name (staff) != NULL && *om_staff_get_name (staff) != '\0'
                                 ? om_staff_get_name (staff) : _("Unnamed"));
}

static void
on_staff_notify_cb (OmStaff        *staff,
                    GParamSpec     *pspec,
                    AdwExpanderRow *row)
{
  update_staff_row_subtitle (row, staff);
}

static void
on_staff_entry_changed_cb (GtkEditable *editable,
                           OmStaff     *staff)
{
  const char *key = g_object_get_data (G_OBJECT (editable), "om-key");
  const char *text = gtk_editable_get_text (editable);

  if (g_str_equal (key, "name"))
    om_staff_set_name (staff, text);
  else if (g_str_equal (key, "email"))
    om_staff_set_email (staff, text);
  else if (g_str_equal (key, "department"))
    om_staff_set_department (staff, text);
  else if (g_str_equal (key, "left-on"))
    {
      /* Only a real date is stored; while typing, the row shows that it is not one yet. */
      if (*text == '\0' || om_staff_date_is_valid (text))
        {
          gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
          om_staff_set_left_on (staff, text);
        }
      else
        gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
    }
}

static GtkWidget *
add_staff_entry (AdwExpanderRow *row,
                 OmStaff        *staff,
                 const char     *key,
                 const char     *title,
                 const char     *value)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  g_object_set_data (G_OBJECT (entry), "om-key", (gpointer) key);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_staff_entry_changed_cb), staff, 0);
  adw_expander_row_add_row (row, entry);
  return entry;
}

static void
on_remove_staff_clicked_cb (GtkButton           *button,
                            OmPreferencesWindow *self)
{
  OmStaff *staff = g_object_get_data (G_OBJECT (button), "om-staff");

  om_organisation_remove_staff (get_organisation (self), staff);
}

static GtkWidget *
create_staff_row (gpointer item,
                  gpointer user_data)
{
  OmPreferencesWindow *self = user_data;
  OmStaff *staff = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *active_row, *toggle, *remove_row, *remove;
  g_autofree char *remove_label = NULL;

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  update_staff_row_subtitle (ADW_EXPANDER_ROW (row), staff);
  g_signal_connect_object (staff, "notify", G_CALLBACK (on_staff_notify_cb), row, 0);

  add_staff_entry (ADW_EXPANDER_ROW (row), staff, "name", _("Name"), om_staff_get_name (staff));
  add_staff_entry (ADW_EXPANDER_ROW (row), staff, "email", _("E-mail"), om_staff_get_email (staff));
  add_staff_entry (ADW_EXPANDER_ROW (row), staff, "department", _("Department"), om_staff_get_department (staff));

  active_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (active_row), _("Works here"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Works here"), -1);
  g_object_bind_property (staff, "active", toggle, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (active_row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (active_row), toggle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), active_row);

  /* Translators: the date format hint for the leaving date. */
  add_staff_entry (ADW_EXPANDER_ROW (row), staff, "left-on", _("Left on (YYYY-MM-DD)"), om_staff_get_left_on (staff));

  remove_row = adw_action_row_new ();
  remove = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  /* Translators: %s is a person's name. */
  remove_label = g_strdup_printf (_("Remove %s"), om_staff_get_name (staff));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "om-staff", staff);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_staff_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove from the staff list"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  return row;
}

static void
on_name_changed_cb (OmPreferencesWindow *self)
{
  om_organisation_set_name (get_organisation (self), gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

/* Actions */

static void
add_staff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OmPreferencesWindow *self = OM_PREFERENCES_WINDOW (widget);
  OmOrganisation *organisation = get_organisation (self);
  g_autoptr(OmStaff) staff = om_staff_new (_("New staff member"));
  GListModel *model = om_organisation_get_staff (organisation);
  GtkListBoxRow *row;

  om_organisation_add_staff (organisation, staff);
  row = gtk_list_box_get_row_at_index (self->staff_list, g_list_model_get_n_items (model) - 1);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
on_eol_chooser_response_cb (GtkNativeDialog     *chooser,
                            int                  response,
                            OmPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        om_preferences_window_load_eol_file (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
load_eol_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OmPreferencesWindow *self = OM_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Load End-of-Life Database"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("End-of-life database (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_eol_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
om_preferences_window_constructed (GObject *object)
{
  OmPreferencesWindow *self = OM_PREFERENCES_WINDOW (object);
  OmOrganisation *organisation = get_organisation (self);
  const char *name = om_organisation_get_name (organisation);

  G_OBJECT_CLASS (om_preferences_window_parent_class)->constructed (object);

  g_signal_handlers_block_by_func (self->name_row, on_name_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  g_signal_handlers_unblock_by_func (self->name_row, on_name_changed_cb, self);

  gtk_list_box_bind_model (self->staff_list, om_organisation_get_staff (organisation),
                           create_staff_row, self, NULL);
  update_eol_row (self);
  om_snmpv3_group_set_sets (self->snmpv3_group,
                            om_snmpv3_sets_get_for_document (om_application_get_document (self->application)));
}

static void
om_preferences_window_dispose (GObject *object)
{
  OmPreferencesWindow *self = OM_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->staff_list != NULL)
    gtk_list_box_bind_model (self->staff_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (om_preferences_window_parent_class)->dispose (object);
}

static void
om_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OmPreferencesWindow *self = OM_PREFERENCES_WINDOW (object);

  if (prop_id == 1)
    self->application = g_value_get_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
om_preferences_window_class_init (OmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = om_preferences_window_constructed;
  object_class->dispose = om_preferences_window_dispose;
  object_class->set_property = om_preferences_window_set_property;

  g_object_class_install_property (object_class, 1,
    g_param_spec_object ("om-application", NULL, NULL, OM_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OmPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, OmPreferencesWindow, staff_list);
  gtk_widget_class_bind_template_child (widget_class, OmPreferencesWindow, eol_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-staff", NULL, add_staff_action);
  gtk_widget_class_install_action (widget_class, "prefs.load-eol", NULL, load_eol_action);
}

static void
om_preferences_window_init (OmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* SNMPv3 credentials (om-snmpv3-group.c): the keyring is asked only when
     * this page is shown. */
    AdwPreferencesPage *network = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

    adw_preferences_page_set_title (network, _("Network"));
    adw_preferences_page_set_icon_name (network, "network-workgroup-symbolic");
    self->snmpv3_group = OM_SNMPV3_GROUP (om_snmpv3_group_new ());
    adw_preferences_page_add (network, ADW_PREFERENCES_GROUP (self->snmpv3_group));
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), network);
  }
}

OmPreferencesWindow *
om_preferences_window_new (OmApplication *application)
{
  g_return_val_if_fail (OM_IS_APPLICATION (application), NULL);

  return g_object_new (OM_TYPE_PREFERENCES_WINDOW, "om-application", application, NULL);
}

gboolean
om_preferences_window_load_eol_file (OmPreferencesWindow *self,
                                     const char          *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_val_if_fail (OM_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!om_application_install_eol_database (self->application, path, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Was Not Loaded"), NULL);

      /* Translators: %s is the reason, e.g. "not an end-of-life database". */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s\n\nThe database in use has not changed."), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  update_eol_row (self);
  snapshot = om_eol_database_dup_snapshot_string (om_application_get_eol_database (self->application));
  /* Translators: %s is the date of the data, 2026-08-31. */
  title = g_strdup_printf (_("End-of-life data as of %s loaded"), snapshot);
  toast = adw_toast_new (title);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
  return TRUE;
}

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

  OmSnmpv3Sets *sets;
  GPtrArray    *rows;          /* AdwActionRow*, one per set, in list order */
  AdwActionRow *status_row;
  GtkWidget    *add_button;

  GCancellable *cancellable;
  guint         busy;
  gboolean      loaded;
  guint         check_serial;  /* drops results of a keyring check that is out of date */
};

G_DEFINE_FINAL_TYPE (OmSnmpv3Group, om_snmpv3_group, ADW_TYPE_PREFERENCES_GROUP)

static void
set_status (OmSnmpv3Group *self,
            const char    *text)
{
  adw_action_row_set_subtitle (self->status_row, text);
}

static void check_keyring (OmSnmpv3Group *self);

static void
update_status (OmSnmpv3Group *self)
{
  guint n = self->sets != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->sets)) : 0;

  if (n == 0)
    set_status (self, _("No credential sets. Scans use the SNMP v2c community only."));
  else
    {
      set_status (self, _("Passphrases are in the keyring. Each device is asked with its most specific set, "
                          "then the v2c community."));
      check_keyring (self);
    }
}

static void
set_busy (OmSnmpv3Group *self,
          gboolean       busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_widget_set_sensitive (self->add_button, self->busy == 0);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->rows, i), self->busy == 0);
  if (busy)
    set_status (self, "");
}

/* Errors from om-secrets say what to do and never contain a passphrase. */
static void
show_error (OmSnmpv3Group *self,
            const GError  *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, error->message);
}

static char *
describe (OmSnmpv3Set *set)
{
  g_autofree char *targets = om_snmpv3_set_dup_targets_text (set);
  const char *level = om_snmpv3_set_get_level (set);
  g_autofree char *security = NULL;

  if (g_str_equal (level, "authPriv"))
    security = g_strdup_printf ("%s/%s", om_snmpv3_set_display_name (om_snmpv3_set_get_auth (set)),
                                om_snmpv3_set_display_name (om_snmpv3_set_get_priv (set)));
  else if (g_str_equal (level, "authNoPriv"))
    security = g_strdup (om_snmpv3_set_display_name (om_snmpv3_set_get_auth (set)));
  else
    security = g_strdup (level);
  /* Translators: a set's summary: "user nasadmin · SHA-256/AES-128 · 10.0.0.20"; the last
   * part is the addresses, or "every device". */
  return g_strdup_printf (_("user %s · %s · %s"), om_snmpv3_set_get_user (set), security,
                          *targets != '\0' ? targets : _("every device"));
}

static void on_edit_clicked_cb (GtkButton *button, OmSnmpv3Group *self);
static void on_remove_clicked_cb (GtkButton *button, OmSnmpv3Group *self);

static void
rebuild_rows (OmSnmpv3Group *self)
{
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (self->sets == NULL)
    return;
  /* Rows go above the status row: take it out and put it back last. */
  g_object_ref (self->status_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->status_row));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sets));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmSnmpv3Set) set = g_list_model_get_item (G_LIST_MODEL (self->sets), i);
      g_autofree char *subtitle = describe (set);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      /* Names and users are the admin's own text: plain, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), om_snmpv3_set_get_label (set));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (row), "om-set", g_object_ref (set), g_object_unref);

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit this credential set"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"), -1);
      g_object_set_data (G_OBJECT (edit), "om-row", row);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this credential set and its passphrases"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      g_object_set_data (G_OBJECT (remove), "om-row", row);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
      gtk_widget_set_sensitive (row, self->busy == 0);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->status_row));
  g_object_unref (self->status_row);
}

static void
on_sets_changed_cb (OmSnmpv3Group *self)
{
  rebuild_rows (self);
  if (self->busy == 0)
    update_status (self);
}

/* ---- keyring work in worker threads (sets are immutable, so they travel) */

typedef struct {
  OmSnmpv3Set *set;
  char        *auth_pass;   /* secret */
  char        *priv_pass;   /* secret */
  char        *id;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->set);
  om_secrets_wipe_free (job->auth_pass);
  om_secrets_wipe_free (job->priv_pass);
  g_free (job->id);
  g_free (job);
}

static void
store_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (om_secrets_store_snmpv3_set (job->set, job->auth_pass, job->priv_pass, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
clear_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (om_secrets_clear_snmpv3_set (job->id, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
migrate_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  OmSnmpv3Set *set = om_secrets_migrate_snmpv3 (cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, set, g_object_unref);
}

/* Which sets have no passphrases in the keyring (a data file copied from another
 * computer, or a keyring that was reset): the scan would quietly fall back to v2c
 * for their devices, so the list says so. */
static void
check_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GPtrArray *sets = data;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sets->len; i++)
    {
      OmSnmpv3Set *set = g_ptr_array_index (sets, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(OmSnmpV3Credentials) creds = om_secrets_lookup_snmpv3_set (set, cancellable, &error);

      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (creds == NULL)
        g_ptr_array_add (missing, g_strdup (om_snmpv3_set_get_id (set)));
    }
  g_task_return_pointer (task, g_steal_pointer (&missing), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = g_task_propagate_pointer (G_TASK (result), &error);
  OmSnmpv3Group *self;
  guint n_missing = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = OM_SNMPV3_GROUP (data);
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "om-serial")) != self->check_serial
      || self->busy > 0)
    return;
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      OmSnmpv3Set *set = g_object_get_data (G_OBJECT (row), "om-set");
      g_autofree char *subtitle = describe (set);

      if (g_ptr_array_find_with_equal_func (missing, om_snmpv3_set_get_id (set), g_str_equal, NULL))
        {
          g_autofree char *marked = NULL;

          /* Translators: a set's summary, then a warning */
          marked = g_strdup_printf (_("%s · passphrases missing"), subtitle);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), marked);
          n_missing++;
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  if (n_missing > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The keyring has no passphrases for %u set; its devices "
                                                         "are asked with the v2c community. Edit the set and "
                                                         "enter them again.",
                                                         "The keyring has no passphrases for %u sets; their "
                                                         "devices are asked with the v2c community. Edit each "
                                                         "set and enter them again.", n_missing),
                                               n_missing);
      set_status (self, text);
    }
}

static void
check_keyring (OmSnmpv3Group *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *sets;
  guint n;

  /* Only once the group has been shown (see on_map_cb), and not during a change. */
  if (!self->loaded || self->busy > 0 || self->sets == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sets));
  sets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sets, g_list_model_get_item (G_LIST_MODEL (self->sets), i));
  task = g_task_new (NULL, self->cancellable, on_check_done_cb, self);
  g_object_set_data (G_OBJECT (task), "om-serial", GUINT_TO_POINTER (++self->check_serial));
  g_task_set_task_data (task, sets, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, check_thread);
}

static void
run_job (OmSnmpv3Group       *self,
         Job                 *job,
         GTaskThreadFunc      func,
         GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, done, self);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, func);
}

/* The end of a job: NULL when the group is gone (cancelled) or the job failed
 * (the status says why), else the group to apply the job's result to. */
static OmSnmpv3Group *
job_finished (gpointer      data,
              const GError *error)
{
  OmSnmpv3Group *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  self = OM_SNMPV3_GROUP (data);
  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error);
      return NULL;
    }
  return self;
}

static void
on_store_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  OmSnmpv3Group *self;

  g_task_propagate_boolean (G_TASK (result), &error);
  if ((self = job_finished (data, error)) == NULL)
    return;
  /* In the keyring first, then in the data file. */
  if (self->sets != NULL)
    om_snmpv3_sets_put (self->sets, job->set);
  update_status (self);
}

static void
on_save_requested_cb (OmSnmpv3Editor *editor,
                      OmSnmpv3Set    *set,
                      const char     *auth_pass,
                      const char     *priv_pass,
                      OmSnmpv3Group  *self)
{
  Job *job = g_new0 (Job, 1);

  job->set = g_object_ref (set);
  job->auth_pass = g_strdup (auth_pass);
  job->priv_pass = g_strdup (priv_pass);
  run_job (self, job, store_thread, on_store_done_cb);
}

OmSnmpv3Editor *
om_snmpv3_group_edit (OmSnmpv3Group *self,
                      OmSnmpv3Set   *set)
{
  GtkRoot *root;
  OmSnmpv3Editor *editor;

  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = om_snmpv3_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, set);
  g_signal_connect_object (editor, "save-requested", G_CALLBACK (on_save_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_edit_clicked_cb (GtkButton     *button,
                    OmSnmpv3Group *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "om-row");

  om_snmpv3_group_edit (self, g_object_get_data (G_OBJECT (row), "om-set"));
}

static void
on_add_clicked_cb (OmSnmpv3Group *self)
{
  om_snmpv3_group_edit (self, NULL);
}

static void
on_clear_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  OmSnmpv3Group *self;

  g_task_propagate_boolean (G_TASK (result), &error);
  if ((self = job_finished (data, error)) == NULL)
    return;
  if (self->sets != NULL)
    om_snmpv3_sets_remove (self->sets, job->id);
  update_status (self);
}

void
om_snmpv3_group_remove_set (OmSnmpv3Group *self,
                            const char    *id)
{
  Job *job;

  g_return_if_fail (OM_IS_SNMPV3_GROUP (self));
  g_return_if_fail (id != NULL);
  job = g_new0 (Job, 1);
  job->id = g_strdup (id);
  run_job (self, job, clear_thread, on_clear_done_cb);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       OmSnmpv3Group    *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "om-set-id");

  if (g_strcmp0 (response, "remove") == 0)
    om_snmpv3_group_remove_set (self, id);
}

static void
on_remove_clicked_cb (GtkButton     *button,
                      OmSnmpv3Group *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "om-row");
  OmSnmpv3Set *set = g_object_get_data (G_OBJECT (row), "om-set");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove Credential Set?"), NULL);
  /* Translators: %s is the set's name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and its passphrases will be removed from Omamori and the keyring. "
                                    "Its devices will be asked with another set or the v2c community."),
                                  om_snmpv3_set_get_label (set));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "om-set-id", g_strdup (om_snmpv3_set_get_id (set)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_migrate_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) set = g_task_propagate_pointer (G_TASK (result), &error);
  OmSnmpv3Group *self;

  if ((self = job_finished (data, error)) == NULL)
    return;
  if (set != NULL && self->sets != NULL)
    om_snmpv3_sets_put (self->sets, set);
  update_status (self);
}

/* The keyring is asked only once the group is on screen: a preferences
 * window opened for something else does not wake the Secret Service. */
static void
on_map_cb (OmSnmpv3Group *self)
{
  if (self->loaded || self->sets == NULL)
    return;
  self->loaded = TRUE;
  run_job (self, g_new0 (Job, 1), migrate_thread, on_migrate_done_cb);
}

void
om_snmpv3_group_set_sets (OmSnmpv3Group *self,
                          OmSnmpv3Sets  *sets)
{
  g_return_if_fail (OM_IS_SNMPV3_GROUP (self));

  if (self->sets == sets)
    return;
  if (self->sets != NULL)
    g_signal_handlers_disconnect_by_data (self->sets, self);
  g_set_object (&self->sets, sets);
  if (sets != NULL)
    g_signal_connect_swapped (sets, "items-changed", G_CALLBACK (on_sets_changed_cb), self);
  rebuild_rows (self);
  update_status (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map_cb (self);
}

OmSnmpv3Sets *
om_snmpv3_group_get_sets (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  return self->sets;
}

static void
om_snmpv3_group_dispose (GObject *object)
{
  OmSnmpv3Group *self = OM_SNMPV3_GROUP (object);

  /* Callbacks check for cancellation before touching the group. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sets != NULL)
    g_signal_handlers_disconnect_by_data (self->sets, self);
  g_clear_object (&self->sets);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
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

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (group, _("SNMPv3 Credentials"));
  adw_preferences_group_set_description (group,
    _("For devices that answer SNMPv3, such as a NAS or a copier with a user of its own. Names and "
      "addresses are kept in the data file, passphrases only in the keyring."));

  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->add_button, _("Add a credential set"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Credential Set"), -1);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, self->add_button);

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Keyring"));
  adw_action_row_set_subtitle_lines (self->status_row, 0);
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));
  update_status (self);

  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
om_snmpv3_group_new (void)
{
  return g_object_new (OM_TYPE_SNMPV3_GROUP, NULL);
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
  return self->busy > 0;
}

guint
om_snmpv3_group_get_n_rows (OmSnmpv3Group *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), 0);
  return self->rows->len;
}

AdwActionRow *
om_snmpv3_group_get_row (OmSnmpv3Group *self,
                         guint          index)
{
  g_return_val_if_fail (OM_IS_SNMPV3_GROUP (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

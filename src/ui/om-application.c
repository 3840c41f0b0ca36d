/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-application"

#include "config.h"

#include <glib/gi18n.h>

#include "om-application.h"
#include "om-eol.h"
#include "om-rules.h"
#include "om-paths.h"
#include "om-preferences-window.h"
#include "om-window.h"

typedef struct
{
  OmEolStatus  status;
  char        *detail;
} EolVerdict;

struct _OmApplication
{
  AdwApplication parent_instance;

  /* owned */
  OmStore    *store;
  GError     *load_error;     /* the data file could not be read at all */
  OmEolDatabase *eol_database;  /* NULL when even the shipped file could not be read */
  GHashTable *eol_cache;      /* OS fields + kind → EolVerdict, for eol_cache_day */
  guint       eol_cache_day;  /* julian day the cache was computed for */
  guint       evaluate_id;    /* pending re-evaluation of the device rules */
  GCancellable *cancellable;
  gboolean    loading;        /* the data file is being read in the background */
  gboolean    load_started;
  guint       load_fallback_id; /* starts the read if the window never paints */
};

G_DEFINE_FINAL_TYPE (OmApplication, om_application, ADW_TYPE_APPLICATION)

enum {
  SIGNAL_EOL_CHANGED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void
eol_verdict_free (gpointer data)
{
  EolVerdict *verdict = data;

  g_free (verdict->detail);
  g_free (verdict);
}

static OmWindow *
find_window (OmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (OM_IS_WINDOW (window))
    return OM_WINDOW (window);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (OM_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
show_message_dialog (OmApplication *self,
                     const char    *heading,
                     const char    *body)
{
  OmWindow *window = find_window (self);
  GtkWidget *dialog;

  if (window == NULL)
    {
      g_warning ("%s: %s", heading, body);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_save_failed_cb (OmStore       *store,
                         const GError  *error,
                         OmApplication *self)
{
  OmWindow *window;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (error == NULL)
    return;

  g_message ("Saving failed: %s", error->message);
  window = find_window (self);
  if (window == NULL)
    return;
  /* Translators: %s says why, e.g. "The disk is full". */
  escaped = g_markup_escape_text (error->message, -1);   /* the toast title is markup */
  title = g_strdup_printf (_("Changes could not be saved: %s"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  om_window_add_toast (window, toast);
}

/* The findings live in the document under "findings" so they are saved with it
 * (om_finding_list_*_section). */

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static gboolean
evaluate_rules_cb (gpointer user_data)
{
  OmApplication *self = user_data;
  OmFindingList *findings = om_application_get_findings (self);
  GDate date;

  self->evaluate_id = 0;
  if (findings == NULL)
    return G_SOURCE_REMOVE;
  today (&date);
  om_rules_evaluate (findings, om_application_get_inventory (self), self->eol_database, &date);
  return G_SOURCE_REMOVE;
}

static void
queue_evaluate_rules (OmApplication *self)
{
  /* Edits arrive keystroke by keystroke: judge once they pause. */
  if (self->evaluate_id == 0)
    self->evaluate_id = g_timeout_add (300, evaluate_rules_cb, self);
}

static void
on_inventory_changed_cb (OmInventory   *inventory,
                         OmApplication *self)
{
  queue_evaluate_rules (self);
}

static void
report_load_problems (OmApplication *self)
{
  const char *message;

  if (self->load_error != NULL)
    {
      show_message_dialog (self, _("The Data File Could Not Be Opened"), self->load_error->message);
      g_clear_error (&self->load_error);
      return;
    }
  message = om_store_get_load_message (self->store);
  if (message != NULL)
    show_message_dialog (self, _("About Your Data"), message);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closing the windows lets them save their size; shutdown then flushes the store. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (app);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  OmApplication *self = OM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  OmPreferencesWindow *prefs = om_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  OmApplication *self = OM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Omamori developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application", self,
                        "application-name", _("Omamori"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Omamori developers"),
                        "developers", developers,
                        "copyright", "© 2026 The Omamori developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Know what is on the office network, what is dangerous about it, "
                                      "and how far along the work to fix it is."),
                        /* Translators: put your name and e-mail here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("End-of-life data"),
                                      "© endoflife.date contributors",
                                      GTK_LICENSE_MIT_X11, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
};

static int
om_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("omamori %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
on_store_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OmApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!om_store_load_finish (OM_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not load the data in %s: %s", om_store_get_directory (OM_STORE (source)), error->message);
      g_clear_error (&self->load_error);
      self->load_error = g_steal_pointer (&error);
    }

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (find_window (self) != NULL)
    report_load_problems (self);
  /* Judge after the data is in and the window has drawn. */
  if (self->evaluate_id == 0)
    self->evaluate_id = g_idle_add_full (G_PRIORITY_LOW, evaluate_rules_cb, self, NULL);
  g_application_release (G_APPLICATION (self));
}

static void
start_load (OmApplication *self)
{
  if (self->load_started)
    return;
  self->load_started = TRUE;
  g_clear_handle_id (&self->load_fallback_id, g_source_remove);
  om_store_load_async (self->store, self->cancellable, on_store_loaded_cb, g_object_ref (self));
}

static gboolean
load_fallback_cb (gpointer user_data)
{
  OmApplication *self = user_data;

  self->load_fallback_id = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   OmApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  start_load (self);
}

/* The read takes a few tens of milliseconds, but handing thousands of devices to
 * the pages on the main thread before the window has drawn would hold back its
 * first frame: start reading once the window is on screen. A window that never
 * paints (minimised, or a compositor that throttles it) still gets its data. */
static void
start_load_after_first_frame (OmApplication *self,
                              GtkWindow     *window)
{
  GdkFrameClock *clock;

  if (self->load_started)
    return;
  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock == NULL)
    {
      start_load (self);
      return;
    }
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame_cb), self, 0);
  self->load_fallback_id = g_timeout_add (1000, load_fallback_cb, self);
}

static void
om_application_startup (GApplication *app)
{
  OmApplication *self = OM_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };
  const char *add_accels[] = { "<Control>n", NULL };
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) eol_error = NULL;

  G_APPLICATION_CLASS (om_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.add-device", add_accels);

  data_dir = om_paths_dup_data_dir ();
  self->store = om_store_new (data_dir);
  g_signal_connect (self->store, "save-failed", G_CALLBACK (on_store_save_failed_cb), self);
  /* The findings (8,000 and more) are read in the loading thread straight from
   * the text; om_application_get_findings() attaches the list they go into. */
  om_document_register_section_reader (om_store_get_document (self->store), "findings",
                                       om_finding_list_read_section, om_finding_list_apply_section,
                                       om_finding_list_write_content, (GDestroyNotify) g_ptr_array_unref);
  /* Read the file in the background so the window shows at once; it stays
   * insensitive until the data is there (see OmWindow), and the application is
   * held so a quit cannot race the load. */
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  g_application_hold (app);

  self->eol_database = om_eol_database_new_default (&eol_error);
  if (self->eol_database == NULL)
    g_warning ("No end-of-life database: %s", eol_error->message);

  g_signal_connect (om_application_get_inventory (self), "changed", G_CALLBACK (on_inventory_changed_cb), self);
}

static void
om_application_activate (GApplication *app)
{
  OmApplication *self = OM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (om_window_new (self));
      gtk_window_present (window);
      start_load_after_first_frame (self, window);
      if (!self->loading)
        report_load_problems (self);
      return;
    }
  gtk_window_present (window);
}

static void
om_application_shutdown (GApplication *app)
{
  OmApplication *self = OM_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->evaluate_id != 0 && !self->loading)
    {
      g_clear_handle_id (&self->evaluate_id, g_source_remove);
      evaluate_rules_cb (self);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (om_application_get_inventory (self), on_inventory_changed_cb, self);

  om_application_flush (self);

  G_APPLICATION_CLASS (om_application_parent_class)->shutdown (app);
}

static void
om_application_dispose (GObject *object)
{
  OmApplication *self = OM_APPLICATION (object);

  g_clear_handle_id (&self->evaluate_id, g_source_remove);
  g_clear_handle_id (&self->load_fallback_id, g_source_remove);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_save_failed_cb, self);
  g_clear_object (&self->store);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->eol_cache, g_hash_table_unref);
  g_clear_object (&self->eol_database);

  G_OBJECT_CLASS (om_application_parent_class)->dispose (object);
}

static void
om_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OmApplication *self = OM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_application_class_init (OmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = om_application_dispose;
  object_class->get_property = om_application_get_property;
  app_class->startup = om_application_startup;
  app_class->activate = om_application_activate;
  app_class->shutdown = om_application_shutdown;
  app_class->handle_local_options = om_application_handle_local_options;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_EOL_CHANGED] =
    g_signal_new ("eol-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_application_init (OmApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->eol_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, eol_verdict_free);
}

OmApplication *
om_application_new (void)
{
  return g_object_new (OM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

OmApplication *
om_application_new_non_unique (void)
{
  return g_object_new (OM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

OmStore *
om_application_get_store (OmApplication *self)
{
  g_return_val_if_fail (OM_IS_APPLICATION (self), NULL);

  return self->store;
}

OmDocument *
om_application_get_document (OmApplication *self)
{
  g_return_val_if_fail (OM_IS_APPLICATION (self), NULL);

  return self->store != NULL ? om_store_get_document (self->store) : NULL;
}

OmInventory *
om_application_get_inventory (OmApplication *self)
{
  OmDocument *document = om_application_get_document (self);

  return document != NULL ? om_document_get_inventory (document) : NULL;
}

OmOrganisation *
om_application_get_organisation (OmApplication *self)
{
  OmDocument *document = om_application_get_document (self);

  return document != NULL ? om_document_get_organisation (document) : NULL;
}

gboolean
om_application_flush (OmApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (OM_IS_APPLICATION (self), FALSE);

  /* Before the file is read there is nothing of the user's to write. */
  if (self->store == NULL || self->loading || om_store_get_read_only (self->store))
    return TRUE;
  if (!om_store_flush (self->store, &error))
    {
      g_warning ("Could not save before quitting: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
describe_judgement (OmEolJudgement *judgement)
{
  g_autofree char *eol = om_eol_judgement_dup_eol_string (judgement);
  const char *label = om_eol_judgement_get_label (judgement);
  const char *source = om_eol_judgement_get_source (judgement);
  const char *reason = om_eol_judgement_get_reason (judgement);
  GString *text = g_string_new (NULL);

  if (label != NULL)
    g_string_append (text, label);
  if (eol != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is a date, 2025-10-14. */
      g_string_append_printf (text, _("End of support: %s"), eol);
    }
  if (source != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is where the date comes from, e.g. "endoflife.date". */
      g_string_append_printf (text, _("Source: %s"), source);
    }
  if (reason != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, reason);
    }
  return g_string_free (text, FALSE);
}

OmEolStatus
om_application_judge_device (OmApplication *self,
                             OmDevice      *device,
                             char         **detail)
{
  g_autofree char *key = NULL;
  EolVerdict *verdict;
  GDate date;

  g_return_val_if_fail (OM_IS_APPLICATION (self), OM_EOL_STATUS_UNKNOWN);
  g_return_val_if_fail (OM_IS_DEVICE (device), OM_EOL_STATUS_UNKNOWN);

  if (self->eol_database == NULL)
    {
      if (detail != NULL)
        *detail = g_strdup (_("The end-of-life database could not be loaded. "
                              "Load a database file in Preferences."));
      return OM_EOL_STATUS_UNKNOWN;
    }

  today (&date);
  /* A long-running window must move devices to "ending soon" when the day changes. */
  if (g_date_get_julian (&date) != self->eol_cache_day)
    {
      g_hash_table_remove_all (self->eol_cache);
      self->eol_cache_day = g_date_get_julian (&date);
    }

  /* Many devices share an OS: judge each distinct set of OS fields once (10,000 devices
   * sort and filter by status without re-parsing strings). */
  key = g_strjoin ("\x1f", om_device_kind_to_string (om_device_get_kind (device)),
                   om_device_get_os_family (device) ?: "", om_device_get_os_name (device) ?: "",
                   om_device_get_os_version (device) ?: "", om_device_get_os_build (device) ?: "",
                   om_device_get_os_edition (device) ?: "", NULL);
  verdict = g_hash_table_lookup (self->eol_cache, key);
  if (verdict == NULL)
    {
      g_autoptr(OmEolJudgement) judgement = NULL;

      verdict = g_new0 (EolVerdict, 1);
      verdict->status = om_eol_judge_device (self->eol_database, device, &date, &judgement);
      verdict->detail = judgement != NULL ? describe_judgement (judgement) : NULL;
      g_hash_table_insert (self->eol_cache, g_steal_pointer (&key), verdict);
    }
  if (detail != NULL)
    *detail = g_strdup (verdict->detail);
  return verdict->status;
}

OmEolDatabase *
om_application_get_eol_database (OmApplication *self)
{
  g_return_val_if_fail (OM_IS_APPLICATION (self), NULL);

  return self->eol_database;
}

gboolean
om_application_install_eol_database (OmApplication  *self,
                                     const char     *path,
                                     GError        **error)
{
  OmEolDatabase *database;

  g_return_val_if_fail (OM_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  database = om_eol_database_install_file (path, error);
  if (database == NULL)
    return FALSE;
  g_clear_object (&self->eol_database);
  self->eol_database = database;
  g_hash_table_remove_all (self->eol_cache);
  g_signal_emit (self, signals[SIGNAL_EOL_CHANGED], 0);
  evaluate_rules_cb (self);
  return TRUE;
}

OmFindingList *
om_application_get_findings (OmApplication *self)
{
  OmDocument *document;
  GObject *section;

  g_return_val_if_fail (OM_IS_APPLICATION (self), NULL);

  document = om_application_get_document (self);
  if (document == NULL)
    return NULL;
  section = om_document_get_section (document, "findings");
  if (section == NULL)
    {
      g_autoptr(OmFindingList) list = om_finding_list_new ();
      g_autoptr(GError) error = NULL;

      if (!om_document_attach_section_full (document, "findings", G_OBJECT (list),
                                            om_finding_list_load_section, om_finding_list_save_section,
                                            om_finding_list_write_json, &error))
        {
          /* The stored findings stay untouched in the file; they are judged afresh. */
          g_warning ("Stored findings could not be read: %s", error->message);
          return NULL;
        }
      section = G_OBJECT (list);
    }
  return OM_FINDING_LIST (section);
}

gboolean
om_application_get_loading (OmApplication *self)
{
  g_return_val_if_fail (OM_IS_APPLICATION (self), FALSE);

  return self->loading;
}

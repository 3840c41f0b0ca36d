/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The real application and window under Xvfb (see run-ui-test.sh): add a device
 * through the editor, find it through the search entry, quit, start again on the
 * same data directory and see it; a Japanese run; a screenshot of each section.
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "om-application.h"
#include "om-device-rows.h"
#include "om-devices-page.h"
#include "om-overview-page.h"
#include "om-preferences-window.h"
#include "om-store.h"
#include "om-text-cell.h"
#include "om-window.h"
#include "om-test-ui.h"

typedef void (*DriveFunc) (OmApplication *app, OmWindow *window, gpointer data);

typedef struct
{
  DriveFunc  drive;
  gpointer   data;
  gboolean   ran;
} Driver;

static char *data_dir;

/* Spins the main context until @cond holds or @timeout_ms passes. */

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
model_has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static gboolean
app_is_loaded (gpointer data)
{
  return !om_application_get_loading (OM_APPLICATION (data));
}

static gboolean
drive_idle_cb (gpointer user_data)
{
  Driver *driver = user_data;
  OmApplication *app = OM_APPLICATION (g_application_get_default ());
  GtkWindow *window = NULL;

  /* Not the active window: a dialog about the data may be in front of it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (OM_IS_WINDOW (l->data))
      window = l->data;
  g_assert_true (OM_IS_WINDOW (window));
  g_assert_true (om_test_spin_until (om_test_widget_is_mapped, window, 5000));
  /* The data file is read in the background; the window is insensitive until then. */
  g_assert_true (om_test_spin_until (app_is_loaded, app, 10000));
  g_assert_true (gtk_widget_is_sensitive (gtk_window_get_child (window)));
  om_test_spin_for (200);   /* let the first frames lay everything out */

  driver->drive (app, OM_WINDOW (window), driver->data);
  driver->ran = TRUE;

  /* Quit as a user does: the action closes the window, shutdown flushes the store. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Driver       *driver)
{
  g_idle_add (drive_idle_cb, driver);
}

/* Runs a whole application life: startup (load), window, @drive, quit (flush). */
static void
run_app (DriveFunc drive,
         gpointer  data)
{
  g_autoptr(OmApplication) app = om_application_new_non_unique ();
  Driver driver = { drive, data, FALSE };
  int status;

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &driver);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (driver.ran);
}

static OmDevicesPage *
get_devices_page (OmWindow *window)
{
  GtkWidget *page = om_window_get_section_page (window, "devices");

  g_assert_true (OM_IS_DEVICES_PAGE (page));
  return OM_DEVICES_PAGE (page);
}

/* ---- add, search, quit, restart ---- */

static GtkStack *
find_stack_with_page (GtkWidget  *widget,
                      const char *name)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_stack_with_page (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The overview's stack: "empty" (where to begin) or "cards"; waits for the recount. */
static void
wait_overview_state (OmWindow   *window,
                     const char *state)
{
  GtkWidget *overview = om_window_get_section_page (window, "overview");
  GtkStack *stack = find_stack_with_page (overview, "cards");

  for (guint i = 0; i < 60 && g_strcmp0 (gtk_stack_get_visible_child_name (stack), state) != 0; i++)
    om_test_spin_for (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, state);
}

static void
drive_add_and_search (OmApplication *app,
                      OmWindow      *window,
                      gpointer       data)
{
  OmDevicesPage *page = get_devices_page (window);
  OmInventory *inventory = om_application_get_inventory (app);
  OmDeviceEditor *editor = om_devices_page_get_editor (page);
  GtkWidget *search = om_devices_page_get_search_entry (page);
  GListModel *visible = om_devices_page_get_visible_model (page);
  CountWait wait = { visible, 0 };
  OmDevice *device;

  /* Only the sections that work are there. */
  g_assert_nonnull (om_window_get_section_page (window, "overview"));
  g_assert_null (om_window_get_section_page (window, "reports"));
  g_assert_cmpstr (om_window_get_visible_section (window), ==, "overview");
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);
  /* An empty inventory shows where to begin, not a page of zeros. */
  wait_overview_state (window, "empty");

  g_assert_true (om_window_show_section (window, "devices"));
  g_assert_cmpstr (om_window_get_visible_section (window), ==, "devices");
  om_test_spin_for (50);

  /* Add a device the way the button does, then type its name and OS into the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "devices.add", NULL));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 1);
  wait_overview_state (window, "cards");
  device = om_device_editor_get_device (editor);
  g_assert_nonnull (device);
  g_assert_true (om_inventory_get_device (inventory, 0) == device);

  gtk_editable_set_text (GTK_EDITABLE (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_NAME)),
                         "Reception PC");
  gtk_editable_set_text (GTK_EDITABLE (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_OS_NAME)),
                         "Windows 10 Pro 22H2");
  gtk_editable_set_text (GTK_EDITABLE (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_IPV4)),
                         "192.0.2.10");
  adw_combo_row_set_selected (ADW_COMBO_ROW (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_KIND)),
                              OM_DEVICE_KIND_PC);
  g_assert_cmpstr (om_device_get_name (device), ==, "Reception PC");
  g_assert_cmpstr (om_device_get_os_name (device), ==, "Windows 10 Pro 22H2");
  g_assert_cmpint (om_device_get_kind (device), ==, OM_DEVICE_KIND_PC);
  g_assert_cmpint (om_device_get_field_origin (device, OM_DEVICE_FIELD_NAME), ==, OM_ORIGIN_MANUAL);
  g_assert_cmpstr (om_device_get_ipv4 (device)[0], ==, "192.0.2.10");

  /* The EOL badge's text and tooltip come from the judgement: Windows 10 22H2 Home/Pro
   * ended on 2025-10-14 (these tests run after that day). */
  {
    g_autofree char *detail = NULL;

    g_assert_cmpint (om_application_judge_device (app, device, &detail), ==, OM_EOL_STATUS_UNSUPPORTED);
    g_test_message ("EOL tooltip: %s", detail);
    g_assert_nonnull (strstr (detail, "2025-10-14"));
  }

  /* A bad MAC is refused and marked, the device keeps its (empty) list. */
  gtk_editable_set_text (GTK_EDITABLE (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_MACS)),
                         "not-a-mac");
  g_assert_true (gtk_widget_has_css_class (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_MACS),
                                           "error"));
  g_assert_null (om_device_get_macs (device)[0]);
  gtk_editable_set_text (GTK_EDITABLE (om_device_editor_get_field_row (editor, OM_DEVICE_FIELD_MACS)), "");

  /* Search through the entry (with its typing delay): a match, then none. */
  gtk_editable_set_text (GTK_EDITABLE (search), "recep");
  wait.n = 1;
  g_assert_true (om_test_spin_until (model_has_n_items, &wait, 3000));
  gtk_editable_set_text (GTK_EDITABLE (search), "no such device");
  wait.n = 0;
  g_assert_true (om_test_spin_until (model_has_n_items, &wait, 3000));
  gtk_editable_set_text (GTK_EDITABLE (search), "192.0.2");
  wait.n = 1;
  g_assert_true (om_test_spin_until (model_has_n_items, &wait, 3000));
  g_assert_true (g_list_model_get_item (visible, 0) == g_object_ref (device));
  g_object_unref (device);

  /* Overview numbers follow the inventory. */
  g_assert_cmpint (om_overview_page_get_count (OM_OVERVIEW_PAGE (om_window_get_section_page (window, "overview")),
                                               "kind:pc"), ==, 1);
}

static void
drive_see_device (OmApplication *app,
                  OmWindow      *window,
                  gpointer       data)
{
  OmInventory *inventory = om_application_get_inventory (app);
  OmDevicesPage *page = get_devices_page (window);
  OmDevice *device;

  /* The window reopens on the section it was closed on (GSettings "last-section"). */
  g_assert_cmpstr (om_window_get_visible_section (window), ==, "devices");
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 1);
  device = om_inventory_get_device (inventory, 0);
  g_assert_cmpstr (om_device_get_name (device), ==, "Reception PC");
  g_assert_cmpstr (om_device_get_os_name (device), ==, "Windows 10 Pro 22H2");
  g_assert_cmpint (om_device_get_field_origin (device, OM_DEVICE_FIELD_NAME), ==, OM_ORIGIN_MANUAL);
  g_assert_cmpuint (g_list_model_get_n_items (om_devices_page_get_visible_model (page)), ==, 1);
}

static void
test_add_search_restart (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  run_app (drive_add_and_search, NULL);

  /* Quitting wrote the edit, not just the debounced autosave. */
  path = g_build_filename (data_dir, "omamori.json", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Reception PC"));

  run_app (drive_see_device, NULL);
}

/* ---- delete with undo, filter from the overview ---- */

static void
drive_delete_undo (OmApplication *app,
                   OmWindow      *window,
                   gpointer       data)
{
  OmInventory *inventory = om_application_get_inventory (app);
  OmDevicesPage *page = get_devices_page (window);
  GListModel *visible = om_devices_page_get_visible_model (page);
  OmDevice *device = om_inventory_get_device (inventory, 0);
  g_autoptr(OmDevice) personal = om_device_new ();
  OmOverviewPage *overview = OM_OVERVIEW_PAGE (om_window_get_section_page (window, "overview"));

  om_device_set_name (personal, "Someone's phone");
  om_device_set_ownership (personal, OM_OWNERSHIP_PERSONAL);
  om_inventory_add (inventory, personal);
  g_assert_cmpint (om_overview_page_get_count (overview, "ownership:personal"), ==, 1);

  /* The overview card opens the device list with its filter. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-devices", "s", "ownership:personal");
  g_assert_cmpstr (om_window_get_visible_section (window), ==, "devices");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_true (om_devices_page_apply_filter_spec (page, "all"));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  om_inventory_remove (inventory, personal);

  /* Delete, undo from the toast: the same device is back, in its place. */
  {
    AdwToast *toast;

    g_object_ref (device);
    toast = om_devices_page_delete_device (page, device);
    g_assert_nonnull (toast);
    g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);
    g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Reception PC” deleted");
    g_signal_emit_by_name (toast, "button-clicked");
    g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 1);
    g_assert_true (om_inventory_get_device (inventory, 0) == device);
    g_assert_true (om_device_editor_get_device (om_devices_page_get_editor (page)) == device);
    g_object_unref (device);
  }

  /* Then delete it for good through the editor's action. */
  g_assert_true (om_devices_page_select_device (page, device));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "devices.delete", NULL));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);
  g_assert_null (om_device_editor_get_device (om_devices_page_get_editor (page)));
}

static void
test_delete_persists (void)
{
  run_app (drive_delete_undo, NULL);
}

/* ---- import with preview, export ---- */

static gboolean
preview_mentions (GtkWidget  *dialog,
                  const char *needle)
{
  GtkWidget *scrolled = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  GtkWidget *list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *view = GTK_IS_VIEWPORT (list) ? gtk_viewport_get_child (GTK_VIEWPORT (list)) : list;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (model, i);

      g_test_message ("preview: %s", gtk_string_object_get_string (line));
      if (strstr (gtk_string_object_get_string (line), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
drive_import_export (OmApplication *app,
                     OmWindow      *window,
                     gpointer       data)
{
  const char *dir = data;
  OmInventory *inventory = om_application_get_inventory (app);
  OmDevicesPage *page = get_devices_page (window);
  g_autofree char *csv_path = g_build_filename (dir, "devices.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "export.json", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  const char *contents =
    "\xEF\xBB\xBFname,kind,ipv4,macs,location\r\n"
    "Front desk <b>PC</b>,pc,192.0.2.50,,1F\r\n"
    "Broken row,pc,192.0.2.51,zz:not:a:mac,2F\r\n"
    "NAS,nas,192.0.2.60,,Server room\r\n";
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (csv_path, contents, -1, NULL));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);
  om_window_show_section (window, "devices");

  dialog = om_devices_page_preview_import (page, csv, &error);
  g_assert_no_error (error);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  /* The preview changes nothing, names the rejected row's line and the additions. */
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);
  g_assert_true (preview_mentions (dialog, "Line 3"));
  g_assert_true (preview_mentions (dialog, "Front desk <b>PC</b>"));
  om_test_spin_for (200);
  om_test_save_screenshot (dialog, "import-preview.png");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  om_test_spin_for (100);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 2);
  g_assert_nonnull (om_inventory_find_by_address (inventory, "192.0.2.60"));
  g_assert_null (om_inventory_find_by_address (inventory, "192.0.2.51"));

  /* Cancelling a second preview applies nothing. */
  dialog = om_devices_page_preview_import (page, csv, &error);
  g_assert_no_error (error);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  om_test_spin_for (100);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 2);

  g_assert_true (om_devices_page_export_to_file (page, OM_EXPORT_FORMAT_JSON, json));
  g_assert_true (g_file_get_contents (json_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "Server room"));

  for (guint i = om_inventory_get_n_devices (inventory); i > 0; i--)
    om_inventory_remove (inventory, om_inventory_get_device (inventory, i - 1));
}

static void
test_import_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("omamori-import-XXXXXX", NULL);

  run_app (drive_import_export, dir);
}

/* ---- a data file that cannot be read, a save that fails ---- */

static void
drive_corrupt (OmApplication *app,
               OmWindow      *window,
               gpointer       data)
{
  g_autoptr(GError) error = g_error_new_literal (OM_STORE_ERROR, OM_STORE_ERROR_NO_SPACE,
                                                 "The disk is full <b>really</b>");
  const char *set_aside = om_store_get_set_aside_path (om_application_get_store (app));
  GtkWindow *dialog = NULL;

  /* The user is told the file was set aside, in a dialog over the window. */
  g_assert_nonnull (set_aside);
  g_assert_true (g_file_test (set_aside, G_FILE_TEST_EXISTS));
  om_test_spin_for (100);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_test_message ("load message: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   om_store_get_load_message (om_application_get_store (app)));
  om_test_save_screenshot (GTK_WIDGET (window), "data-set-aside.png");
  gtk_window_destroy (dialog);

  /* A failed save is reported in a toast (its text escaped: it is not markup). */
  g_signal_emit_by_name (om_application_get_store (app), "save-failed", error);
  om_test_spin_for (200);
  om_test_save_screenshot (GTK_WIDGET (window), "save-failed.png");

  g_assert_cmpuint (om_inventory_get_n_devices (om_application_get_inventory (app)), ==, 0);
}

static void
test_corrupt_file (void)
{
  g_autofree char *path = g_build_filename (data_dir, "omamori.json", NULL);
  g_autofree char *backup = g_build_filename (data_dir, "omamori.json.bak", NULL);

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_unlink (backup);
  g_assert_true (g_file_set_contents (path, "{ this is not json", -1, NULL));
  run_app (drive_corrupt, NULL);
}

/* ---- preferences, about, shortcuts ---- */

static GtkWindow *
find_window_of_type (OmApplication *app,
                     GType          type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static void
drive_preferences (OmApplication *app,
                   OmWindow      *window,
                   gpointer       data)
{
  OmOrganisation *organisation = om_application_get_organisation (app);
  GListModel *staff = om_organisation_get_staff (organisation);
  OmDevicesPage *page = get_devices_page (window);
  OmPreferencesWindow *prefs;
  g_autofree char *bad_path = g_build_filename (g_get_tmp_dir (), "omamori-not-eol.json", NULL);
  GtkWidget *user_row;
  GListModel *users;
  GtkWindow *about;

  /* The GtkApplication picked up gtk/help-overlay.ui from our resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  om_test_spin_for (100);
  prefs = OM_PREFERENCES_WINDOW (find_window_of_type (app, OM_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);

  /* Staff added in Preferences can be chosen as a device's user. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-staff", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (staff), ==, 1);
  {
    g_autoptr(OmStaff) member = g_list_model_get_item (staff, 0);

    om_staff_set_name (member, "Sato Hanako");
  }
  om_organisation_set_name (organisation, "Example KK");

  /* A file that is not an end-of-life database is refused, the database in use stays. */
  g_assert_true (g_file_set_contents (bad_path, "{\"not\": \"eol\"}", -1, NULL));
  g_assert_false (om_preferences_window_load_eol_file (prefs, bad_path));
  g_assert_nonnull (om_application_get_eol_database (app));
  g_assert_true (om_preferences_window_load_eol_file (prefs, TOP_SRCDIR "/data/eol.json"));
  om_test_spin_for (100);
  om_test_save_screenshot (GTK_WIDGET (prefs), "preferences.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        gtk_window_destroy (l->data);
        break;
      }

  om_window_show_section (window, "devices");
  gtk_widget_activate_action (GTK_WIDGET (page), "devices.add", NULL);
  user_row = om_device_editor_get_field_row (om_devices_page_get_editor (page), OM_DEVICE_FIELD_USER);
  users = adw_combo_row_get_model (ADW_COMBO_ROW (user_row));
  g_assert_cmpuint (g_list_model_get_n_items (users), ==, 2);   /* Nobody, Sato Hanako */
  adw_combo_row_set_selected (ADW_COMBO_ROW (user_row), 1);
  {
    g_autoptr(OmStaff) member = g_list_model_get_item (staff, 0);
    OmDevice *device = om_devices_page_get_editor (page) != NULL
                       ? om_device_editor_get_device (om_devices_page_get_editor (page)) : NULL;

    g_assert_nonnull (device);
    g_assert_cmpstr (om_device_get_user (device), ==, om_staff_get_id (member));
    gtk_widget_activate_action (GTK_WIDGET (page), "devices.delete", NULL);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  om_test_spin_for (200);
  about = find_window_of_type (app, ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);
}

static void
drive_see_organisation (OmApplication *app,
                        OmWindow      *window,
                        gpointer       data)
{
  OmOrganisation *organisation = om_application_get_organisation (app);

  g_assert_cmpstr (om_organisation_get_name (organisation), ==, "Example KK");
  g_assert_cmpuint (g_list_model_get_n_items (om_organisation_get_staff (organisation)), ==, 1);
}

static void
test_preferences (void)
{
  run_app (drive_preferences, NULL);
  run_app (drive_see_organisation, NULL);
}

/* ---- screenshots of each section ---- */

static void
add_sample (OmInventory *inventory, const char *name, OmDeviceKind kind, OmOwnership ownership,
            gboolean registered, const char *os, const char *ip, const char *user)
{
  g_autoptr(OmDevice) device = om_device_new ();

  om_device_set_name (device, name);
  om_device_set_kind (device, kind);
  om_device_set_ownership (device, ownership);
  om_device_set_registered (device, registered);
  if (os != NULL)
    om_device_set_os_name (device, os);
  if (ip != NULL)
    om_device_offer_field_text (device, OM_DEVICE_FIELD_IPV4, ip, OM_ORIGIN_DISCOVERED, "arp", NULL);
  if (user != NULL)
    om_device_set_user (device, user);
  om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Example Corp", OM_ORIGIN_DISCOVERED, "snmp");
  om_inventory_add (inventory, device);
}

static void
drive_screenshots (OmApplication *app,
                   OmWindow      *window,
                   gpointer       data)
{
  OmInventory *inventory = om_application_get_inventory (app);
  OmDevicesPage *page = get_devices_page (window);
  const char *dir = g_getenv ("OMAMORI_ARTIFACTS_DIR");
  g_autofree char *overview_png = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  add_sample (inventory, "Reception PC", OM_DEVICE_KIND_PC, OM_OWNERSHIP_COMPANY, TRUE,
              "Windows 10 Pro 22H2", "192.168.1.21", "Sato Hanako");
  add_sample (inventory, "Accounting laptop", OM_DEVICE_KIND_LAPTOP, OM_OWNERSHIP_COMPANY, TRUE,
              "Windows 11 Pro 23H2", "192.168.1.22", "Suzuki Ichiro");
  add_sample (inventory, "Old file server", OM_DEVICE_KIND_SERVER, OM_OWNERSHIP_COMPANY, TRUE,
              "Windows Server 2012 R2 Standard", "192.168.1.5", NULL);
  add_sample (inventory, "Office NAS", OM_DEVICE_KIND_NAS, OM_OWNERSHIP_COMPANY, TRUE,
              "DSM 7.1.1-42962", "192.168.1.6", NULL);
  add_sample (inventory, "Multifunction printer", OM_DEVICE_KIND_MFP, OM_OWNERSHIP_COMPANY, TRUE,
              NULL, "192.168.1.30", NULL);
  add_sample (inventory, "Tanaka's iPhone", OM_DEVICE_KIND_PHONE, OM_OWNERSHIP_PERSONAL, FALSE,
              "iOS 17.5", "192.168.1.104", "Tanaka Yui");
  add_sample (inventory, "Design Mac", OM_DEVICE_KIND_LAPTOP, OM_OWNERSHIP_COMPANY, TRUE,
              "macOS 13.6.1", "192.168.1.23", NULL);
  add_sample (inventory, "Unknown device", OM_DEVICE_KIND_UNKNOWN, OM_OWNERSHIP_UNKNOWN, FALSE,
              NULL, "192.168.1.117", NULL);
  add_sample (inventory, "Router", OM_DEVICE_KIND_ROUTER, OM_OWNERSHIP_COMPANY, TRUE,
              NULL, "192.168.1.1", NULL);
  om_test_spin_for (400);

  om_window_show_section (window, "overview");
  om_test_spin_for (300);
  om_test_save_screenshot (GTK_WIDGET (window), "overview.png");

  om_window_show_section (window, "devices");
  om_test_spin_for (300);
  om_test_save_screenshot (GTK_WIDGET (window), "devices.png");

  om_devices_page_select_device (page, om_inventory_get_device (inventory, 2));
  om_test_spin_for (300);
  om_test_save_screenshot (GTK_WIDGET (window), "devices-editor.png");

  /* A narrow window: the editor takes the page's whole width while it is open. */
  {
    GtkWidget *narrow = gtk_window_new ();
    OmDevicesPage *narrow_page = om_devices_page_new (app);
    GtkWidget *column_view;

    gtk_window_set_default_size (GTK_WINDOW (narrow), 520, 700);
    gtk_window_set_child (GTK_WINDOW (narrow), GTK_WIDGET (narrow_page));
    gtk_window_present (GTK_WINDOW (narrow));
    g_assert_true (om_test_spin_until (om_test_widget_is_mapped, narrow, 5000));
    om_test_spin_for (200);
    column_view = om_test_find_descendant (GTK_WIDGET (narrow_page), GTK_TYPE_COLUMN_VIEW);
    /* Nothing is selected until the admin picks a device. */
    g_assert_null (om_device_editor_get_device (om_devices_page_get_editor (narrow_page)));
    g_assert_true (om_test_spin_until (om_test_widget_is_mapped, column_view, 5000));
    g_assert_true (om_devices_page_select_device (narrow_page, om_inventory_get_device (inventory, 0)));
    om_test_spin_for (300);
    om_test_save_screenshot (narrow, "devices-narrow.png");
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (om_devices_page_get_editor (narrow_page))));
    g_assert_false (gtk_widget_get_mapped (column_view));
    gtk_widget_activate_action (GTK_WIDGET (narrow_page), "devices.close-editor", NULL);
    g_assert_true (om_test_spin_until (om_test_widget_is_mapped, column_view, 5000));
    gtk_window_destroy (GTK_WINDOW (narrow));
  }

  /* The overview is also the README / AppStream screenshot. */
  if (dir == NULL)
    dir = TOP_SRCDIR "/tests/artifacts";
  overview_png = g_build_filename (dir, "overview.png", NULL);
  g_assert_true (g_file_get_contents (overview_png, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpint (g_mkdir_with_parents (TOP_SRCDIR "/data/screenshots", 0755), ==, 0);
  g_assert_true (g_file_set_contents (TOP_SRCDIR "/data/screenshots/overview.png", bytes, length, NULL));

  for (guint i = om_inventory_get_n_devices (inventory); i > 0; i--)
    om_inventory_remove (inventory, om_inventory_get_device (inventory, i - 1));
  om_window_show_section (window, "devices");
  om_test_spin_for (200);
  om_test_save_screenshot (GTK_WIDGET (window), "devices-empty.png");
}

static void
test_screenshots (void)
{
  run_app (drive_screenshots, NULL);
}

/* ---- the device list: stable rows, selection, cell text ---- */

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_emissions;
} RowsChange;

static void
on_rows_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          RowsChange *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n_emissions++;
}

static gboolean
name_contains_cb (gpointer item,
                  gpointer user_data)
{
  const char *needle = *(const char **) user_data;

  return needle == NULL || strstr (om_device_get_name (item), needle) != NULL;
}

/* Row i shows device i of the filtered list, whatever the filter did. */
static void
assert_rows_mirror (OmDeviceRows *rows,
                    GListModel   *devices)
{
  guint n = g_list_model_get_n_items (devices);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmDevice) device = g_list_model_get_item (devices, i);
      g_autoptr(OmDeviceRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_assert_true (om_device_row_get_device (row) == device);
    }
}

static void
test_device_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (OM_TYPE_DEVICE);
  const char *needle = NULL;
  g_autoptr(GtkCustomFilter) filter = gtk_custom_filter_new (name_contains_cb, &needle, NULL);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(OmDeviceRows) rows = NULL;
  g_autoptr(OmDeviceRow) first = NULL;
  RowsChange change = { 0 };
  guint position;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(OmDevice) device = om_device_new ();
      g_autofree char *name = g_strdup_printf ("host-%02u", i);

      om_device_set_name (device, name);
      g_list_store_append (store, device);
    }
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (store)), GTK_FILTER (g_object_ref (filter)));
  rows = om_device_rows_new (G_LIST_MODEL (filtered));
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_rows_items_changed_cb), &change);
  assert_rows_mirror (rows, G_LIST_MODEL (filtered));
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);

  /* Narrowing: the first rows are the same objects showing other devices, and
   * only the rows past the new end go. */
  needle = "host-1";
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
  assert_rows_mirror (rows, G_LIST_MODEL (filtered));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 10);
  g_assert_cmpuint (change.n_emissions, ==, 1);
  g_assert_cmpuint (change.position, ==, 10);
  g_assert_cmpuint (change.removed, ==, 30);
  g_assert_cmpuint (change.added, ==, 0);
  {
    g_autoptr(OmDeviceRow) row = g_list_model_get_item (G_LIST_MODEL (rows), 0);

    g_assert_true (row == first);
    g_assert_cmpstr (om_device_get_name (om_device_row_get_device (row)), ==, "host-10");
  }

  /* Another set of the same size: no rows come or go at all. */
  needle = "host-2";
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_DIFFERENT);
  assert_rows_mirror (rows, G_LIST_MODEL (filtered));
  g_assert_cmpuint (change.n_emissions, ==, 1);
  g_assert_cmpstr (om_device_get_name (om_device_row_get_device (first)), ==, "host-20");

  /* Widening adds rows at the end; nothing matching leaves none. */
  needle = NULL;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_LESS_STRICT);
  assert_rows_mirror (rows, G_LIST_MODEL (filtered));
  g_assert_cmpuint (change.position, ==, 10);
  g_assert_cmpuint (change.added, ==, 30);
  needle = "no such host";
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
  assert_rows_mirror (rows, G_LIST_MODEL (filtered));

  /* Removing from the source shifts the devices of the later rows. */
  needle = NULL;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_LESS_STRICT);
  g_list_store_remove (store, 3);
  assert_rows_mirror (rows, G_LIST_MODEL (filtered));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 39);
  g_assert_true (om_device_rows_find (rows, g_list_model_get_item (G_LIST_MODEL (store), 3), &position));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (store), 3));
  g_assert_cmpuint (position, ==, 3);
}

static void
collect_cell_texts (GtkWidget  *widget,
                    GHashTable *texts)
{
  if (OM_IS_TEXT_CELL (widget) && om_text_cell_get_text (OM_TEXT_CELL (widget)) != NULL)
    g_hash_table_add (texts, g_strdup (om_text_cell_get_text (OM_TEXT_CELL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_cell_texts (child, texts);
}

/* The text the list's cells show now (after a frame). */
static GHashTable *
dup_cell_texts (OmDevicesPage *page)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  om_test_spin_for (150);
  collect_cell_texts (om_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW), texts);
  return texts;
}

static OmDevice *
selected_device (OmDevicesPage *page)
{
  OmDeviceRow *row = gtk_single_selection_get_selected_item (om_devices_page_get_selection (page));

  return row != NULL ? om_device_row_get_device (row) : NULL;
}

static void
drive_device_list (OmApplication *app,
                   OmWindow      *window,
                   gpointer       data)
{
  OmInventory *inventory = om_application_get_inventory (app);
  OmDevicesPage *page = get_devices_page (window);
  OmDeviceEditor *editor = om_devices_page_get_editor (page);
  GListModel *visible = om_devices_page_get_visible_model (page);
  OmDevice *host07;
  g_autoptr(GHashTable) texts = NULL;

  for (guint i = om_inventory_get_n_devices (inventory); i > 0; i--)
    om_inventory_remove (inventory, om_inventory_get_device (inventory, i - 1));
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Host %02u", i);
      g_autofree char *ip = g_strdup_printf ("192.0.2.%u", 100 + i);

      add_sample (inventory, name, OM_DEVICE_KIND_PC, OM_OWNERSHIP_COMPANY, TRUE, "Windows 11 Pro 23H2", ip, NULL);
    }
  host07 = om_inventory_find_by_id (inventory, om_device_get_id (om_inventory_get_device (inventory, 7)));
  g_assert_cmpstr (om_device_get_name (host07), ==, "Host 07");
  om_window_show_section (window, "devices");

  texts = dup_cell_texts (page);
  g_assert_true (g_hash_table_contains (texts, "Host 00"));
  g_assert_true (g_hash_table_contains (texts, "192.0.2.100"));

  /* Narrowing the search keeps the open device selected, in its new row. */
  g_assert_true (om_devices_page_select_device (page, host07));
  g_assert_true (selected_device (page) == host07);
  om_devices_page_set_search_text (page, "host 0");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 10);
  g_assert_true (selected_device (page) == host07);
  om_devices_page_set_search_text (page, "host 07");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_true (selected_device (page) == host07);
  g_assert_cmpuint (gtk_single_selection_get_selected (om_devices_page_get_selection (page)), ==, 0);

  /* Hidden by the search: nothing selected, the editor stays on it. */
  om_devices_page_set_search_text (page, "host 1");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 10);
  g_assert_null (selected_device (page));
  g_assert_true (om_device_editor_get_device (editor) == host07);
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = dup_cell_texts (page);
  /* The rows that showed Host 00… now show Host 10…, and nothing else. */
  g_assert_true (g_hash_table_contains (texts, "Host 10"));
  g_assert_true (g_hash_table_contains (texts, "Host 19"));
  g_assert_false (g_hash_table_contains (texts, "Host 00"));
  g_assert_false (g_hash_table_contains (texts, "Host 20"));

  /* An edit shows in the cell at once. */
  om_device_set_name (om_inventory_find_by_id (inventory, om_device_get_id (om_inventory_get_device (inventory, 12))),
                      "Host 12 renamed");
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = dup_cell_texts (page);
  g_assert_true (g_hash_table_contains (texts, "Host 12 renamed"));
  /* …and the search sees the new name at once too. */
  om_devices_page_set_search_text (page, "renamed");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  /* Back to everything: the open device is selected again. Deleting it clears the selection. */
  om_devices_page_set_search_text (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 30);
  g_assert_true (selected_device (page) == host07);
  g_assert_nonnull (om_devices_page_delete_device (page, host07));
  g_assert_null (om_device_editor_get_device (editor));
  g_assert_null (selected_device (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 29);

  for (guint i = om_inventory_get_n_devices (inventory); i > 0; i--)
    om_inventory_remove (inventory, om_inventory_get_device (inventory, i - 1));
}

static void
test_device_list (void)
{
  run_app (drive_device_list, NULL);
}

/* ---- Japanese ---- */

/* TRUE if po/ja.po translates @msgid (a non-empty msgstr, not fuzzy). */
static gboolean
ja_po_translates (const char *msgid)
{
  g_autofree char *po = NULL;
  g_autofree char *needle = g_strdup_printf ("\nmsgid \"%s\"\nmsgstr \"", msgid);
  const char *hit;

  if (!g_file_get_contents (TOP_SRCDIR "/po/ja.po", &po, NULL, NULL))
    return FALSE;
  hit = strstr (po, needle);
  if (hit == NULL)
    return FALSE;
  hit += strlen (needle);
  return *hit != '"';
}

static void
drive_japanese (OmApplication *app,
                OmWindow      *window,
                gpointer       data)
{
  GtkWidget *page = om_window_get_section_page (window, "devices");
  GtkStackPage *stack_page = gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (page)), page);
  const char *title = gtk_stack_page_get_title (stack_page);

  g_test_message ("Devices section title in Japanese: %s", title);
  g_assert_cmpstr (title, !=, "Devices");
  g_assert_cmpstr (title, ==, dgettext (GETTEXT_PACKAGE, "Devices"));
  om_window_show_section (window, "overview");
  om_test_spin_for (300);
  om_test_save_screenshot (GTK_WIDGET (window), "overview-ja.png");

  /* Japanese labels are wider: look at the list, the filters and the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-device", NULL));
  gtk_editable_set_text (GTK_EDITABLE (om_device_editor_get_field_row (
                           om_devices_page_get_editor (OM_DEVICES_PAGE (page)), OM_DEVICE_FIELD_NAME)),
                         "受付PC");
  om_test_spin_for (300);
  /* Template strings go through g_dgettext(), code through gettext(): both must be
   * Japanese. */
  {
    GtkWidget *search = om_test_find_descendant (page, GTK_TYPE_SEARCH_ENTRY);
    g_autofree char *placeholder = NULL;

    g_assert_nonnull (search);
    g_object_get (search, "placeholder-text", &placeholder, NULL);
    g_test_message ("search placeholder in Japanese: %s", placeholder);
    g_assert_cmpstr (placeholder, !=, "Search devices");
  }
  om_test_save_screenshot (GTK_WIDGET (window), "devices-ja.png");
  gtk_widget_activate_action (page, "devices.delete", NULL);
}

static void
test_japanese (void)
{
  const char *podir = g_getenv ("OMAMORI_BUILD_PODIR");
  g_autofree char *mo = NULL;

  if (!ja_po_translates ("Devices"))
    {
      g_test_skip ("po/ja.po has no translation of “Devices” yet");
      return;
    }
  mo = g_build_filename (podir != NULL ? podir : "", "ja", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (podir == NULL || !g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("ja.mo was not built");
      return;
    }

  /* In a fresh process: GLib decides once per process whether g_dgettext()
   * translates at all (GtkBuilder templates use it), and the English runs before
   * this one would have decided "no". A user starting Omamori in Japanese gets a
   * fresh process too. */
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "ja", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, podir);
      run_app (drive_japanese, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and the window needs the
   * system's MIME database (to load SVG icons) and icon themes. The user's own
   * directories are isolated here instead, before anything reads them. */
  tmp = g_dir_make_tmp ("omamori-ui-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  for (guint i = 0; i < 4; i++)
    {
      const char *vars[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (tmp, vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);

  data_dir = g_build_filename (tmp, "data", NULL);
  g_setenv ("OMAMORI_DATA_DIR", data_dir, TRUE);
  g_setenv ("OMAMORI_PKGDATADIR", TOP_SRCDIR "/data", FALSE);

  g_test_add_func ("/ui/window/add-search-restart", test_add_search_restart);
  g_test_add_func ("/ui/window/delete-persists", test_delete_persists);
  g_test_add_func ("/ui/window/import-export", test_import_export);
  g_test_add_func ("/ui/window/corrupt-file", test_corrupt_file);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/screenshots", test_screenshots);
  g_test_add_func ("/ui/window/japanese", test_japanese);
  g_test_add_func ("/ui/window/device-rows", test_device_rows);
  g_test_add_func ("/ui/window/device-list", test_device_list);

  status = g_test_run ();
  g_free (data_dir);
  return status;
}

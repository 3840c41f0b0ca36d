/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The Scan section of the real window against the lab LAN (tests/lab/lab.sh). Run
 * only by run-scan-lab-test.sh, which starts a private lab and runs this program
 * inside the lab's admin network namespace with OMAMORI_SCAN_REQUIRE_NETNS=1:
 * set the scope to the lab subnet, confirm, cancel one scan, run one to the end,
 * check the results and the inventory, review three devices, rescan (nothing new,
 * decisions kept), restart the application and see the decisions saved.
 */
#include "config.h"

#include <string.h>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "om-application.h"
#include "om-review-row.h"
#include "om-rules.h"
#include "om-scan-page.h"
#include "om-scan-result.h"
#include "om-scanner.h"
#include "om-window.h"
#include "om-test-ui.h"

#define LAB_SCOPE "10.203.0.0/25"

typedef void (*DriveFunc) (OmApplication *app, OmWindow *window);

static DriveFunc current_drive;
static gboolean drive_ran;
static gboolean confirmation_shot_taken;

/* The lab's live hosts (tests/lab/lab.sh), all inside LAB_SCOPE; .200 is the canary outside it. */
static const char * const lab_hosts[] = {
  "10.203.0.10", "10.203.0.20", "10.203.0.21", "10.203.0.30", "10.203.0.40", "10.203.0.50", "10.203.0.60",
};

static gboolean
has_confirmation (gpointer data)
{
  return om_scan_page_get_confirmation (OM_SCAN_PAGE (data)) != NULL;
}

static gboolean
has_no_confirmation (gpointer data)
{
  return om_scan_page_get_confirmation (OM_SCAN_PAGE (data)) == NULL;
}

static gboolean
is_running (gpointer data)
{
  return om_scan_page_get_running (OM_SCAN_PAGE (data));
}

static gboolean
is_stopped (gpointer data)
{
  return !om_scan_page_get_running (OM_SCAN_PAGE (data));
}

/* Positive check (containers often hide /proc/1/ns/net): every IPv4 address this
 * process can see is loopback or in the lab's 10.203.0.0/24, and one is in the lab. */
static gboolean
in_lab_netns (void)
{
  struct ifaddrs *list = NULL;
  gboolean lab = FALSE, foreign = FALSE;

  if (getifaddrs (&list) != 0)
    return FALSE;
  for (struct ifaddrs *ifa = list; ifa != NULL; ifa = ifa->ifa_next)
    {
      guint32 a;

      if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != AF_INET)
        continue;
      a = ntohl (((struct sockaddr_in *) ifa->ifa_addr)->sin_addr.s_addr);
      if ((a >> 24) == 127)
        continue;
      if ((a & 0xffffff00u) == 0x0acb0000u)
        lab = TRUE;
      else
        foreign = TRUE;
    }
  freeifaddrs (list);
  return lab && !foreign;
}

static OmScanResult *
find_result (GListModel *results,
             const char *address)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(OmScanResult) row = g_list_model_get_item (results, i);

      if (g_strcmp0 (om_scan_result_get_address (row), address) == 0)
        return row;   /* the model keeps its own reference */
    }
  return NULL;
}

static gboolean
review_model_contains (OmScanPage *page,
                       OmDevice   *device)
{
  GListModel *model = om_scan_page_get_review_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OmDevice) d = g_list_model_get_item (model, i);

      if (d == device)
        return TRUE;
    }
  return FALSE;
}

static gboolean
app_loaded (gpointer data)
{
  return !om_application_get_loading (OM_APPLICATION (data));
}

static gboolean
device_registered (gpointer data)
{
  return om_device_get_registered (OM_DEVICE (data));
}

/* The review row the list shows for one of @devices, or NULL. */
static OmReviewRow *
find_review_row (GtkWidget  *widget,
                 OmDevice  **devices,
                 guint       n_devices)
{
  if (OM_IS_REVIEW_ROW (widget) && gtk_widget_get_mapped (widget))
    for (guint i = 0; i < n_devices; i++)
      if (om_review_row_get_device (OM_REVIEW_ROW (widget)) == devices[i])
        return OM_REVIEW_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      OmReviewRow *row = find_review_row (child, devices, n_devices);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The button inside @widget whose action target is (@id, @decision). */
static GtkWidget *
find_decision_button (GtkWidget  *widget,
                      const char *id,
                      const char *decision)
{
  if (GTK_IS_BUTTON (widget))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      const char *t_id, *t_decision;

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE ("(ss)")))
        {
          g_variant_get (target, "(&s&s)", &t_id, &t_decision);
          if (g_str_equal (t_id, id) && g_str_equal (t_decision, decision)
              && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "scan.review") == 0)
            return widget;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_decision_button (child, id, decision);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static gboolean
finding_open (OmApplication *app,
              const char    *rule_id,
              OmDevice      *device)
{
  OmFinding *finding = om_finding_list_lookup (om_application_get_findings (app), rule_id,
                                               om_device_get_id (device));

  return finding != NULL && om_finding_is_open (finding);
}

static OmScanPage *
open_scan_page (OmWindow *window)
{
  GtkWidget *page = om_window_get_section_page (window, "scan");

  g_assert_true (OM_IS_SCAN_PAGE (page));
  g_assert_true (om_window_show_section (window, "scan"));
  g_assert_cmpstr (om_window_get_visible_section (window), ==, "scan");
  om_test_spin_for (100);
  return OM_SCAN_PAGE (page);
}

/* Types the lab scope, presses Start and answers the confirmation. */
static void
start_lab_scan (OmScanPage *page)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  const char *body;

  om_scan_page_set_scope_text (page, LAB_SCOPE);
  g_assert_nonnull (om_scan_page_get_scope (page));
  g_assert_cmpuint (om_scan_scope_get_n_addresses (om_scan_page_get_scope (page)), ==, 126);
  g_assert_true (om_scan_scope_contains_string (om_scan_page_get_scope (page), "10.203.0.10"));
  g_assert_false (om_scan_scope_contains_string (om_scan_page_get_scope (page), "10.203.0.200"));
  /* The last guard before anything is sent: this process is in the lab's namespace. */
  g_assert_true (in_lab_netns ());
  g_assert_cmpstr (g_getenv ("OMAMORI_SCAN_REQUIRE_NETNS"), ==, "1");
  g_assert_true (om_scanner_check_safe (om_scan_page_get_scope (page), &error));
  g_assert_no_error (error);

  /* Start asks first and sends nothing until confirmed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.start", NULL));
  g_assert_true (om_test_spin_until (has_confirmation, page, 5000));
  g_assert_false (om_scan_page_get_running (page));
  dialog = om_scan_page_get_confirmation (page);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, LAB_SCOPE));
  g_assert_nonnull (strstr (body, "126"));
  if (!confirmation_shot_taken)
    {
      g_assert_true (om_test_spin_until (om_test_widget_is_mapped, dialog, 5000));
      om_test_spin_for (300);
      om_test_save_screenshot (dialog, "scan-confirm.png");
      confirmation_shot_taken = TRUE;
    }

  /* What the Scan button does: respond, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "scan");
  gtk_window_close (GTK_WINDOW (dialog));
  /* Answered, the dialog goes away for good (a leaked window would keep the
   * application, and its data file, alive). */
  if (!om_test_spin_until (has_no_confirmation, page, 3000))
    g_error ("the confirmation dialog was not destroyed after its response");
  g_assert_true (om_test_spin_until (is_running, page, 2000) || om_scan_page_get_summary_text (page) != NULL);
}

/* ---- scan, review, rescan ---- */

static void
drive_scan_and_review (OmApplication *app,
                       OmWindow      *window)
{
  OmScanPage *page = open_scan_page (window);
  OmInventory *inventory = om_application_get_inventory (app);
  GListModel *results = om_scan_page_get_results (page);
  OmDevice *printer, *nas, *phone, *linux_server, *quiet, *oldsmb, *win7;
  OmDevice *clickable[3];
  OmReviewRow *review_row;
  OmDevice *clicked;
  GtkWidget *button;
  OmScanResult *row;
  guint n_review;
  gint64 t0;

  g_assert_true (om_test_spin_until (app_loaded, app, 10000));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);

  /* A scan cancelled right after it began stops at once and changes nothing. */
  start_lab_scan (page);
  g_assert_true (om_scan_page_get_running (page));
  om_test_spin_for (300);
  t0 = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.cancel", NULL));
  g_assert_true (om_test_spin_until (is_stopped, page, 3000));
  g_test_message ("cancel took %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (om_scan_page_get_summary_text (page), "cancelled"));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 0);

  /* The real scan, to the end. */
  t0 = g_get_monotonic_time ();
  start_lab_scan (page);
  om_test_spin_for (1500);
  om_test_save_screenshot (GTK_WIDGET (window), "scan-page-running.png");
  g_assert_true (om_test_spin_until (is_stopped, page, 120000));
  g_test_message ("scan took %.1f s", (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  g_test_message ("summary: %s", om_scan_page_get_summary_text (page));
  g_assert_true (g_str_has_prefix (om_scan_page_get_summary_text (page), "Inventory updated"));

  /* Every live lab host is listed, new, and now in the inventory; the canary is not. */
  for (guint i = 0; i < G_N_ELEMENTS (lab_hosts); i++)
    {
      OmDevice *device;

      row = find_result (results, lab_hosts[i]);
      if (row == NULL)
        g_error ("lab host %s is not in the results", lab_hosts[i]);
      g_assert_true (om_scan_result_get_is_new (row));
      g_assert_true (om_scan_result_get_identified (row));
      device = om_inventory_find_by_address (inventory, lab_hosts[i]);
      g_assert_nonnull (device);
      g_assert_true (om_scan_result_get_device (row) == device);
      g_assert_nonnull (om_device_get_last_seen (device));
      g_assert_false (om_device_get_registered (device));
      g_test_message ("%s: %s · %s · %s · %s · %s", lab_hosts[i], om_scan_result_get_name (row),
                      om_scan_result_get_kind_label (row), om_scan_result_get_vendor_model (row),
                      om_scan_result_get_os (row), om_scan_result_get_eol_label (row));
    }
  g_assert_null (find_result (results, "10.203.0.200"));
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(OmScanResult) r = g_list_model_get_item (results, i);

      g_assert_true (om_scan_scope_contains_string (om_scan_page_get_scope (page), om_scan_result_get_address (r)));
    }

  printer = om_inventory_find_by_address (inventory, "10.203.0.10");
  g_assert_true (om_device_get_kind (printer) == OM_DEVICE_KIND_PRINTER
                 || om_device_get_kind (printer) == OM_DEVICE_KIND_MFP);
  /* The Support column shows the inventory's judgement of each device; Windows 7
   * (when SNMP told us so) is unsupported. */
  for (guint i = 0; i < G_N_ELEMENTS (lab_hosts); i++)
    {
      row = find_result (results, lab_hosts[i]);
      g_assert_cmpint (om_scan_result_get_eol_status (row), ==,
                       om_application_judge_device (app, om_scan_result_get_device (row), NULL));
    }
  row = find_result (results, "10.203.0.30");
  if (g_str_has_prefix (om_scan_result_get_os (row), "Windows 7"))
    g_assert_cmpint (om_scan_result_get_eol_status (row), ==, OM_EOL_STATUS_UNSUPPORTED);
  else
    g_test_message ("10.203.0.30 was not identified as Windows 7 this time (SNMP): %s",
                    om_scan_result_get_os (row));

  /* Every new device waits for review. */
  n_review = g_list_model_get_n_items (om_scan_page_get_review_model (page));
  g_assert_cmpuint (n_review, >=, G_N_ELEMENTS (lab_hosts));
  om_test_spin_for (200);
  om_test_save_screenshot (GTK_WIDGET (window), "scan-page.png");

  /* Review: company, personal, investigate — through the rows' action. */
  nas = om_inventory_find_by_address (inventory, "10.203.0.20");
  phone = om_inventory_find_by_address (inventory, "10.203.0.40");
  quiet = om_inventory_find_by_address (inventory, "10.203.0.60");
  linux_server = om_inventory_find_by_address (inventory, "10.203.0.50");
  om_scan_page_show_review (page);
  om_test_spin_for (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.review", "(ss)",
                                             om_device_get_id (nas), "company"));
  g_assert_cmpint (om_device_get_ownership (nas), ==, OM_OWNERSHIP_COMPANY);
  g_assert_true (om_device_get_registered (nas));
  g_assert_cmpint (om_device_get_field_origin (nas, OM_DEVICE_FIELD_OWNERSHIP), ==, OM_ORIGIN_MANUAL);
  g_assert_cmpint (om_device_get_field_origin (nas, OM_DEVICE_FIELD_REGISTERED), ==, OM_ORIGIN_MANUAL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.review", "(ss)",
                                             om_device_get_id (phone), "personal"));
  g_assert_cmpint (om_device_get_ownership (phone), ==, OM_OWNERSHIP_PERSONAL);
  g_assert_true (om_device_get_registered (phone));
  g_assert_nonnull (strstr (om_device_get_notes (phone), "BYOD"));
  g_assert_nonnull (strstr (om_device_get_notes (phone), "guest network"));
  g_assert_cmpint (om_device_get_field_origin (phone, OM_DEVICE_FIELD_NOTES), ==, OM_ORIGIN_MANUAL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.review", "(ss)",
                                             om_device_get_id (quiet), "investigate"));
  g_assert_false (om_device_get_registered (quiet));
  g_assert_nonnull (strstr (om_device_get_notes (quiet), "investigation"));

  /* Undo takes the last decision back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.review", "(ss)",
                                             om_device_get_id (linux_server), "company"));
  g_assert_true (om_device_get_registered (linux_server));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.undo-review", NULL));
  g_assert_false (om_device_get_registered (linux_server));
  g_assert_cmpint (om_device_get_ownership (linux_server), ==, OM_OWNERSHIP_UNKNOWN);

  /* A real button in a row of the list: register one more as a company device. */
  oldsmb = om_inventory_find_by_address (inventory, "10.203.0.21");
  win7 = om_inventory_find_by_address (inventory, "10.203.0.30");
  clickable[0] = printer;
  clickable[1] = oldsmb;
  clickable[2] = win7;
  om_test_spin_for (200);
  review_row = find_review_row (GTK_WIDGET (page), clickable, G_N_ELEMENTS (clickable));
  g_assert_nonnull (review_row);
  button = find_decision_button (GTK_WIDGET (review_row), om_device_get_id (om_review_row_get_device (review_row)),
                                 "company");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  clicked = om_review_row_get_device (review_row);
  g_test_message ("clicking “Register as Company Device” for %s", om_device_get_ipv4 (clicked)[0]);
  gtk_widget_activate (button);
  g_assert_true (om_test_spin_until (device_registered, clicked, 3000));
  g_assert_cmpint (om_device_get_ownership (clicked), ==, OM_OWNERSHIP_COMPANY);
  g_assert_false (review_model_contains (page, clicked));
  /* Leave that device as the scan found it, so the counts below stay simple. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scan.undo-review", NULL));
  g_assert_false (om_device_get_registered (clicked));
  g_assert_true (review_model_contains (page, clicked));

  om_test_spin_for (600);   /* the application judges the rules shortly after each change */
  g_assert_cmpuint (g_list_model_get_n_items (om_scan_page_get_review_model (page)), ==, n_review - 2);
  /* Findings follow the decisions: the investigated device stays flagged. */
  g_assert_true (finding_open (app, OM_RULE_DEVICE_UNREGISTERED, quiet));
  g_assert_false (finding_open (app, OM_RULE_DEVICE_UNREGISTERED, nas));
  g_assert_false (finding_open (app, OM_RULE_DEVICE_UNREGISTERED, phone));
  g_assert_false (finding_open (app, OM_RULE_DEVICE_PERSONAL, phone));

  /* The review is reachable from any section through the window's "review.show". */
  g_assert_true (om_window_show_section (window, "devices"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "review.show", NULL));
  g_assert_cmpstr (om_window_get_visible_section (window), ==, "scan");
  g_assert_cmpstr (om_scan_page_get_view (page), ==, "review");
  om_test_spin_for (200);
  g_assert_false (review_model_contains (page, nas));
  g_assert_false (review_model_contains (page, phone));
  g_assert_true (review_model_contains (page, quiet));
  g_assert_true (review_model_contains (page, linux_server));
  om_test_save_screenshot (GTK_WIDGET (window), "scan-review.png");
}

static void
drive_rescan (OmApplication *app,
              OmWindow      *window)
{
  OmScanPage *page = open_scan_page (window);
  OmInventory *inventory = om_application_get_inventory (app);
  guint n_before = om_inventory_get_n_devices (inventory);
  OmDevice *nas, *phone, *quiet;

  g_assert_true (om_test_spin_until (app_loaded, app, 10000));
  n_before = om_inventory_get_n_devices (inventory);
  /* What the first run decided was saved and loaded again. */
  g_assert_cmpuint (n_before, >=, G_N_ELEMENTS (lab_hosts));
  nas = om_inventory_find_by_address (inventory, "10.203.0.20");
  phone = om_inventory_find_by_address (inventory, "10.203.0.40");
  quiet = om_inventory_find_by_address (inventory, "10.203.0.60");
  g_assert_true (om_device_get_registered (nas));
  g_assert_cmpint (om_device_get_ownership (phone), ==, OM_OWNERSHIP_PERSONAL);
  g_assert_nonnull (strstr (om_device_get_notes (quiet), "investigation"));
  g_assert_true (review_model_contains (page, quiet));

  /* A device typed in by hand that no scan sees is kept and reported as not seen. */
  {
    g_autoptr(OmDevice) fax = om_device_new ();

    om_device_set_name (fax, "Old fax machine");
    om_inventory_add (inventory, fax);
    n_before++;
  }

  /* A rescan finds nothing new and keeps every decision. */
  start_lab_scan (page);
  g_assert_true (om_test_spin_until (is_stopped, page, 120000));
  g_test_message ("rescan summary: %s", om_scan_page_get_summary_text (page));
  g_assert_nonnull (strstr (om_scan_page_get_summary_text (page), ": 0 new"));
  g_assert_nonnull (strstr (om_scan_page_get_summary_text (page), "· 1 not seen"));
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, n_before);
  om_test_spin_for (300);
  om_test_save_screenshot (GTK_WIDGET (window), "scan-page-rescan.png");
  for (guint i = 0; i < G_N_ELEMENTS (lab_hosts); i++)
    g_assert_false (om_scan_result_get_is_new (find_result (om_scan_page_get_results (page), lab_hosts[i])));
  g_assert_true (om_device_get_registered (nas));
  g_assert_cmpint (om_device_get_ownership (nas), ==, OM_OWNERSHIP_COMPANY);
  g_assert_cmpint (om_device_get_ownership (phone), ==, OM_OWNERSHIP_PERSONAL);
  g_assert_true (om_device_get_registered (phone));
  g_assert_false (om_device_get_registered (quiet));
}

static gboolean
drive_idle_cb (gpointer user_data)
{
  OmApplication *app = OM_APPLICATION (g_application_get_default ());
  GtkWindow *window = NULL;

  /* The main window, even if a message about the data file is in front of it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (OM_IS_WINDOW (l->data))
        window = l->data;
      else if (ADW_IS_MESSAGE_DIALOG (l->data))
        g_test_message ("dialog: %s: %s", adw_message_dialog_get_heading (l->data),
                        adw_message_dialog_get_body (l->data));
    }
  g_assert_true (OM_IS_WINDOW (window));
  g_assert_true (om_test_spin_until (om_test_widget_is_mapped, window, 5000));
  om_test_spin_for (200);
  current_drive (app, OM_WINDOW (window));
  drive_ran = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                gpointer      data)
{
  g_idle_add (drive_idle_cb, NULL);
}

static void
run_app (DriveFunc drive)
{
  OmApplication *app = om_application_new_non_unique ();
  gpointer weak = app;
  int status;

  current_drive = drive;
  drive_ran = FALSE;
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (drive_ran);

  /* Nothing of the scan page may keep the application (and its data file lock)
   * alive once it has quit. */
  g_object_add_weak_pointer (G_OBJECT (app), &weak);
  g_object_unref (app);
  om_test_spin_for (200);
  if (weak != NULL)
    g_error ("the application is still alive after quitting (refcount %u)", G_OBJECT (weak)->ref_count);
}

static void
test_scan_review_rescan (void)
{
  run_app (drive_scan_and_review);
  run_app (drive_rescan);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* Never scan from the machine's own namespace: the runner script puts us in the lab. */
  if (!in_lab_netns () || g_strcmp0 (g_getenv ("OMAMORI_SCAN_REQUIRE_NETNS"), "1") != 0
      || g_getenv ("OMAMORI_DATA_DIR") == NULL)
    {
      g_printerr ("test-scan-page runs only inside the lab's admin namespace (use run-scan-lab-test.sh)\n");
      return 77;
    }

  g_test_add_func ("/scan-page/lab/scan-review-rescan", test_scan_review_rescan);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The Scan section without a network (run-ui-test.sh, any user): the scope field
 * and its address count, Start disabled for a scope that does not parse, the review
 * of devices already in the inventory with its sidebar badge, and screenshots.
 * Nothing here starts a scan: Start is never pressed outside the lab
 * (test-scan-page.c does that inside the lab's namespace).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "om-application.h"
#include "om-scan-page.h"
#include "om-window.h"
#include "om-test-ui.h"

static gboolean
app_loaded (gpointer data)
{
  return !om_application_get_loading (OM_APPLICATION (data));
}

/* The text of the visible sidebar badge whose tooltip speaks of review, or NULL. */
static const char *
find_review_badge (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "om-badge") && gtk_widget_get_visible (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (tooltip != NULL && strstr (tooltip, "review") != NULL)
        return gtk_label_get_text (GTK_LABEL (widget));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = find_review_badge (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static gboolean
review_badge_is_3 (gpointer data)
{
  return g_strcmp0 (find_review_badge (GTK_WIDGET (data)), "3") == 0;
}

static OmDevice *
add_device (OmInventory *inventory,
            const char  *name,
            const char  *address,
            OmDeviceKind kind)
{
  g_autoptr(OmDevice) device = om_device_new ();
  const char *ipv4[] = { address, NULL };

  om_device_offer_string (device, OM_DEVICE_FIELD_NAME, name, OM_ORIGIN_DISCOVERED, "test");
  om_device_offer_strv (device, OM_DEVICE_FIELD_IPV4, ipv4, OM_ORIGIN_DISCOVERED, "test");
  om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, kind, OM_ORIGIN_DISCOVERED, "test");
  om_inventory_add (inventory, device);
  return device;
}

static void
drive (OmApplication *app,
       OmWindow      *window)
{
  OmInventory *inventory = om_application_get_inventory (app);
  OmScanPage *page;
  GListModel *review;
  OmDevice *laptop, *phone, *unknown;

  g_assert_true (om_test_spin_until (app_loaded, app, 10000));
  page = OM_SCAN_PAGE (om_window_get_section_page (window, "scan"));
  g_assert_true (OM_IS_SCAN_PAGE (page));
  g_assert_true (om_window_show_section (window, "scan"));
  review = om_scan_page_get_review_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 0);

  /* The scope: a count for what parses, nothing for what does not. Documentation
   * addresses only; no scan is started here. */
  om_scan_page_set_scope_text (page, "192.0.2.0/24");
  g_assert_nonnull (om_scan_page_get_scope (page));
  g_assert_cmpuint (om_scan_scope_get_n_addresses (om_scan_page_get_scope (page)), ==, 254);
  om_scan_page_set_scope_text (page, "192.0.2.10-20, 198.51.100.7");
  g_assert_cmpuint (om_scan_scope_get_n_addresses (om_scan_page_get_scope (page)), ==, 12);
  om_scan_page_set_scope_text (page, "192.0.2.0/33");
  g_assert_null (om_scan_page_get_scope (page));
  om_scan_page_set_scope_text (page, "");
  g_assert_null (om_scan_page_get_scope (page));
  /* With no valid scope Start does nothing: no dialog, no scan. */
  gtk_widget_activate_action (GTK_WIDGET (page), "scan.start", NULL);
  om_test_spin_for (100);
  g_assert_null (om_scan_page_get_confirmation (page));
  g_assert_false (om_scan_page_get_running (page));
  om_scan_page_set_scope_text (page, "192.0.2.0/24");
  om_test_spin_for (800);   /* past the sidebar's cross-fade */
  om_test_save_screenshot (GTK_WIDGET (window), "scan-page-empty.png");

  /* Devices that are not registered wait for review, whatever put them in. */
  laptop = add_device (inventory, "Reception laptop", "192.0.2.15", OM_DEVICE_KIND_LAPTOP);
  phone = add_device (inventory, "Yuki’s phone <b>", "192.0.2.40", OM_DEVICE_KIND_PHONE);
  unknown = add_device (inventory, NULL, "192.0.2.99", OM_DEVICE_KIND_UNKNOWN);
  om_test_spin_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 3);
  /* The sidebar says so in text, with a tooltip. */
  g_assert_true (om_test_spin_until (review_badge_is_3, window, 3000));

  om_scan_page_show_review (page);
  g_assert_cmpstr (om_scan_page_get_view (page), ==, "review");
  g_assert_true (om_scan_page_review_device (page, laptop, OM_REVIEW_COMPANY));
  g_assert_true (om_scan_page_review_device (page, phone, OM_REVIEW_PERSONAL));
  g_assert_true (om_scan_page_review_device (page, unknown, OM_REVIEW_INVESTIGATE));
  g_assert_true (om_scan_page_review_device (page, unknown, OM_REVIEW_INVESTIGATE));

  g_assert_cmpint (om_device_get_ownership (laptop), ==, OM_OWNERSHIP_COMPANY);
  g_assert_true (om_device_get_registered (laptop));
  g_assert_cmpint (om_device_get_ownership (phone), ==, OM_OWNERSHIP_PERSONAL);
  g_assert_true (om_device_get_registered (phone));
  g_assert_nonnull (strstr (om_device_get_notes (phone), "BYOD"));
  g_assert_false (om_device_get_registered (unknown));
  g_assert_cmpint (om_device_get_ownership (unknown), ==, OM_OWNERSHIP_UNKNOWN);
  /* Investigating twice on one day notes it once. */
  g_assert_nonnull (strstr (om_device_get_notes (unknown), "investigation"));
  g_assert_null (strchr (om_device_get_notes (unknown), '\n'));
  g_assert_cmpint (om_device_get_field_origin (laptop, OM_DEVICE_FIELD_REGISTERED), ==, OM_ORIGIN_MANUAL);
  g_assert_cmpint (om_device_get_field_origin (phone, OM_DEVICE_FIELD_OWNERSHIP), ==, OM_ORIGIN_MANUAL);

  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 1);
  g_assert_cmpstr (find_review_badge (GTK_WIDGET (window)), ==, "1");
  om_test_spin_for (300);
  om_test_save_screenshot (GTK_WIDGET (window), "scan-review-investigate.png");

  /* Everything reviewed: the empty state, and no badge. */
  g_assert_true (om_scan_page_review_device (page, unknown, OM_REVIEW_COMPANY));
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 0);
  g_assert_null (find_review_badge (GTK_WIDGET (window)));
  om_test_spin_for (100);
}

static gboolean
drive_idle_cb (gpointer user_data)
{
  OmApplication *app = OM_APPLICATION (g_application_get_default ());
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (OM_IS_WINDOW (window));
  g_assert_true (om_test_spin_until (om_test_widget_is_mapped, window, 5000));
  om_test_spin_for (200);
  drive (app, OM_WINDOW (window));
  *(gboolean *) user_data = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                gpointer      data)
{
  g_idle_add (drive_idle_cb, data);
}

static void
test_scope_and_review (void)
{
  g_autoptr(OmApplication) app = om_application_new_non_unique ();
  gboolean ran = FALSE;

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &ran);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_true (ran);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("omamori-scan-ui-XXXXXX", NULL);

  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, where the window
   * finds the MIME database and icon themes. Our own directories are private. */
  g_assert_nonnull (tmp);
  for (guint i = 0; i < 5; i++)
    {
      const char *vars[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "OMAMORI_DATA_DIR" };
      g_autofree char *dir = g_build_filename (tmp, vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);
  /* Belt and braces: even if something pressed Start, the scanner would refuse here. */
  g_setenv ("OMAMORI_SCAN_REQUIRE_NETNS", "1", TRUE);

  g_test_add_func ("/scan-page/scope-and-review", test_scope_and_review);
  return g_test_run ();
}

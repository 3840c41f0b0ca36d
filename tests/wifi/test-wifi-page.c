/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The Wi-Fi page under Xvfb against the NetworkManager mock (run-wifi-tests.py
 * starts the bus, the mock and its access points). OM_WIFI_SCENARIO "mock-ui": the
 * networks with their badges and the findings, live as the evil twin leaves;
 * "no-nm-ui": the empty state. Screenshots go to tests/artifacts/.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "om-wifi-page.h"

#define WAIT_MS 8000

static gboolean
spin_until (gboolean (*cond) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static void
spin_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Every label text (and its tooltip) in the widget tree, one per line. */
static void
collect_labels (GtkWidget *widget, GString *out, GHashTable *tooltips)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      g_string_append_printf (out, "%s\n", text);
      if (tooltips != NULL && gtk_widget_get_tooltip_text (widget) != NULL)
        g_hash_table_insert (tooltips, g_strdup (text),
                             g_strdup (gtk_widget_get_tooltip_text (widget)));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out, tooltips);
}

static char *
dup_labels (GtkWidget *widget, GHashTable *tooltips)
{
  GString *out = g_string_new (NULL);

  collect_labels (widget, out, tooltips);
  return g_string_free (out, FALSE);
}

typedef struct {
  GtkWidget  *window;
  GdkTexture *texture;
} Shot;

/* Right after a paint the window's render node is current: capture it there. */
static void
on_after_paint_cb (GdkFrameClock *clock, Shot *shot)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (shot->window), h = gtk_widget_get_height (shot->window);

  if (shot->texture != NULL)
    return;
  paintable = gtk_widget_paintable_new (shot->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    shot->texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (shot->window)),
                                                 node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static gboolean
shot_taken (gpointer data)
{
  Shot *shot = data;

  if (shot->texture == NULL)
    gtk_widget_queue_draw (shot->window);
  return shot->texture != NULL;
}

static void
screenshot (GtkWidget *window, const char *name)
{
  const char *dir = g_getenv ("OMAMORI_ARTIFACTS_DIR");
  g_autofree char *path = NULL;
  Shot shot = { window, NULL };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &shot);

  g_assert_true (spin_until (shot_taken, &shot));
  g_signal_handler_disconnect (clock, id);

  if (dir == NULL)
    dir = TOP_SRCDIR "/tests/artifacts";
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (shot.texture, path));
  g_object_unref (shot.texture);
  g_test_message ("screenshot: %s", path);
}

typedef struct {
  OmWifiPage *page;
  guint       n_findings;
  guint       min_networks;
} FindingsWait;

static gboolean
findings_are (gpointer data)
{
  FindingsWait *w = data;
  OmWifiMonitor *monitor = om_wifi_page_get_monitor (w->page);

  return om_wifi_monitor_get_state (monitor) == OM_WIFI_MONITOR_STATE_READY
         && g_list_model_get_n_items (om_wifi_monitor_get_networks (monitor)) >= w->min_networks
         && g_list_model_get_n_items (om_wifi_page_get_findings (w->page)) == w->n_findings;
}

static GtkWidget *main_window;

static gboolean
has_profile (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
label_shown (gpointer data)
{
  g_autofree char *labels = dup_labels (main_window, NULL);

  return strstr (labels, data) != NULL;
}

static gboolean
consent_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (w);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
new_window (GtkWidget *page)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 1000);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  main_window = window;
  return window;
}

static void
test_networks_and_findings (void)
{
  g_autoptr(OmOfficeNetworks) office = om_office_networks_new ();
  g_autoptr(OmOfficeNetwork) reg = om_office_network_new ("Office", OM_WIFI_PURPOSE_OFFICE,
                                                         OM_WIFI_SECURITY_WPA2);
  g_autoptr(OmOfficeNetwork) guest = om_office_network_new ("Office-Guest", OM_WIFI_PURPOSE_GUEST,
                                                           OM_WIFI_SECURITY_WPA2);
  g_autoptr(OmFindingList) list = om_finding_list_new ();
  g_autoptr(GHashTable) tooltips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  AdwMessageDialog *dialog = NULL;
  g_autoptr(OmWifiProfile) profile = NULL;
  FindingsWait w;
  OmWifiPage *page;
  GtkWidget *window;
  OmFinding *twin;

  om_office_network_add_bssid (reg, "00:11:22:33:44:01", NULL);
  om_office_network_add_bssid (reg, "00:11:22:33:44:02", NULL);
  om_office_networks_register (office, reg);
  om_office_networks_register (office, guest);

  page = om_wifi_page_new (office, list, NULL);
  window = new_window (GTK_WIDGET (page));

  w.page = page;
  w.n_findings = 2;
  w.min_networks = 15;
  g_assert_true (spin_until (findings_are, &w));
  spin_for (500);   /* let the rows and badges be laid out */

  labels = dup_labels (window, tooltips);
  /* Networks with their security badges (text, and a tooltip saying why). */
  g_assert_nonnull (strstr (labels, "Cafe-Free\n"));
  g_assert_nonnull (strstr (labels, "Hidden network\n"));
  g_assert_nonnull (strstr (labels, "WPA2 (TKIP allowed)\n"));
  g_assert_nonnull (strstr (labels, "WPA3-Enterprise 192-bit\n"));
  g_assert_cmpstr (g_hash_table_lookup (tooltips, "WEP"), ==,
                   "WEP is broken: its key can be recovered in minutes.");
  g_assert_nonnull (g_hash_table_lookup (tooltips, "Open (no encryption)"));
  /* Registered networks and findings with their severity badges. */
  g_assert_nonnull (strstr (labels, "Office-Guest\n"));
  g_assert_nonnull (strstr (labels, "Office network · requires WPA2-Personal · 2 access points"));
  g_assert_nonnull (strstr (labels, "66:66:66:66:66:66"));
  g_assert_nonnull (strstr (labels, "Critical\n"));
  g_assert_nonnull (strstr (g_hash_table_lookup (tooltips, "Critical"), "Self-diagnosis item 9"));

  /* The organisation's finding list got them too. */
  g_assert_cmpuint (om_finding_list_count_open_total (list), ==, 2);
  twin = om_finding_list_lookup (list, "wifi.evil-twin-unknown-bssid", "4f6666696365/open");
  g_assert_nonnull (twin);

  /* Passwords are checked only after the consent dialog says yes. */
  g_assert_true (spin_until (has_profile, om_wifi_monitor_get_profiles (om_wifi_page_get_monitor (page))));
  profile = g_list_model_get_item (om_wifi_monitor_get_profiles (om_wifi_page_get_monitor (page)), 0);
  g_assert_nonnull (profile);
  g_assert_false (om_wifi_profile_get_passphrase_checked (profile));
  gtk_widget_activate_action (GTK_WIDGET (page), "wifi.check-passwords", NULL);
  g_assert_true (spin_until (consent_dialog_shown, &dialog));
  adw_message_dialog_response (dialog, "check");
  w.n_findings = 3;
  g_assert_true (spin_until (findings_are, &w));
  g_assert_true (spin_until (label_shown, (gpointer) "password too short or simple"));
  spin_for (300);

  screenshot (window, "wifi-page.png");

  /* The evil twin leaves while the page is open: its finding goes, and is resolved. */
  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.NetworkManager",
                                       "/org/freedesktop/NetworkManager", "org.freedesktop.DBus.Mock",
                                       "RemoveAccessPoint",
                                       g_variant_new ("(ss)", "/org/freedesktop/NetworkManager/Devices/wlan0",
                                                      "/org/freedesktop/NetworkManager/AccessPoint/twin"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  w.n_findings = 2;
  w.min_networks = 14;
  g_assert_true (spin_until (findings_are, &w));
  g_assert_cmpint (om_finding_get_state (twin), ==, OM_FINDING_STATE_RESOLVED);

  /* Removing a registration through the row's action updates the list and findings. */
  gtk_widget_activate_action (GTK_WIDGET (page), "wifi.remove-office", "s",
                              om_office_network_get_id (guest));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (office)), ==, 1);
  w.n_findings = 1;
  g_assert_true (spin_until (findings_are, &w));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
status_shown (gpointer data)
{
  g_autofree char *labels = dup_labels (data, NULL);

  return strstr (labels, "NetworkManager is not running\n") != NULL;
}

static void
test_empty_state (void)
{
  g_autoptr(OmOfficeNetworks) office = om_office_networks_new ();
  OmWifiPage *page = om_wifi_page_new (office, NULL, NULL);
  GtkWidget *window = new_window (GTK_WIDGET (page));
  g_autofree char *labels = NULL;

  g_assert_true (spin_until (status_shown, window));
  labels = dup_labels (window, NULL);
  g_assert_nonnull (strstr (labels, "systemctl start NetworkManager"));
  g_assert_nonnull (strstr (labels, "No network registered yet."));
  /* NetworkManager starts by itself: no retry button, and nothing to rescan. */
  g_assert_false (strstr (labels, "Try Again") != NULL);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "wifi.rescan", NULL)
                  && om_wifi_monitor_get_scanning (om_wifi_page_get_monitor (page)));
  spin_for (300);
  screenshot (window, "wifi-page-no-networkmanager.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  const char *scenario = g_getenv ("OM_WIFI_SCENARIO");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  if (g_strcmp0 (scenario, "mock-ui") == 0)
    g_test_add_func ("/wifi/page/networks-and-findings", test_networks_and_findings);
  else if (g_strcmp0 (scenario, "no-nm-ui") == 0)
    g_test_add_func ("/wifi/page/empty-state", test_empty_state);
  else
    {
      g_printerr ("Run through run-wifi-tests.py (OM_WIFI_SCENARIO is not set).\n");
      return 77;
    }
  return g_test_run ();
}

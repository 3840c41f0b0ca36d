/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-page"

#include "config.h"

#include <glib/gi18n.h>

#include "om-wifi-audit.h"
#include "om-wifi-network.h"
#include "om-wifi-page.h"

/* Findings are recomputed shortly after the last change, not per access point. */
#define AUDIT_DELAY_MS 150

struct _OmWifiPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  AdwHeaderBar        *header_bar;
  GtkProgressBar      *progress_bar;
  GtkListBox          *findings_list;
  GtkListBox          *office_list;
  GtkListBox          *profiles_list;
  GtkWidget           *profiles_group;
  GtkStack            *networks_stack;
  AdwStatusPage       *status_page;
  GtkWidget           *retry_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *security_column;

  /* owned */
  OmWifiMonitor       *monitor;
  OmOfficeNetworks    *office;
  OmFindingList       *finding_list;   /* nullable */
  GListStore          *findings;       /* OmWifiFinding */
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  guint                audit_id;
  guint                checks_pending;

  /* borrowed */
  OmWindow            *window;         /* weak */
};

G_DEFINE_FINAL_TYPE (OmWifiPage, om_wifi_page, GTK_TYPE_WIDGET)

static void schedule_audit (OmWifiPage *self);

/* ---- badges ---- */

static const char *
severity_css (OmSeverity severity)
{
  switch (severity)
    {
    case OM_SEVERITY_CRITICAL:
    case OM_SEVERITY_HIGH: return "error";
    case OM_SEVERITY_MEDIUM: return "warning";
    case OM_SEVERITY_LOW:
    case OM_SEVERITY_INFO:
    case OM_N_SEVERITIES:
    default: return "dim-label";
    }
}

static GtkWidget *
new_badge (const char *text,
           const char *css,
           const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "om-eol-badge");
  gtk_widget_add_css_class (label, css);
  gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

/* ---- rows ---- */

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
create_finding_row (gpointer item,
                    gpointer user_data)
{
  OmWifiFinding *finding = item;
  g_autofree char *refs = om_wifi_finding_dup_refs_label (finding);
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", refs, om_wifi_finding_get_rule (finding));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), om_wifi_finding_get_title (finding));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), om_wifi_finding_get_advice (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             new_badge (om_severity_to_label (om_wifi_finding_get_severity (finding)),
                                        severity_css (om_wifi_finding_get_severity (finding)),
                                        tooltip));
  return row;
}

static char *
office_subtitle (OmOfficeNetwork *network)
{
  guint n = g_strv_length ((char **) om_office_network_get_bssids (network));
  g_autofree char *aps = n == 0
    ? g_strdup (_("access points not registered"))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u access point", "%u access points", n), n);

  /* Translators: “Office network · requires WPA2-Personal · 2 access points” */
  return g_strdup_printf (_("%s · requires %s · %s"),
                          om_wifi_purpose_to_label (om_office_network_get_purpose (network)),
                          om_wifi_security_to_label (om_office_network_get_required (network)),
                          aps);
}

static GtkWidget *
create_office_row (gpointer item,
                   gpointer user_data)
{
  OmOfficeNetwork *network = item;
  g_autofree char *ssid = om_office_network_dup_ssid_text (network);
  g_autofree char *subtitle = office_subtitle (network);
  g_autofree char *remove_label = g_strdup_printf (_("Forget “%s”"), ssid);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ssid);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wifi.remove-office");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    om_office_network_get_id (network));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
create_profile_row (gpointer item,
                    gpointer user_data)
{
  OmWifiProfile *profile = item;
  GtkWidget *row = adw_action_row_new ();
  GString *subtitle = g_string_new (om_wifi_profile_get_ssid_text (profile));

  g_string_append (subtitle, " · ");
  g_string_append (subtitle, om_wifi_security_to_label (om_wifi_profile_get_security (profile)));
  if (om_wifi_profile_get_autoconnect (profile))
    g_string_append_printf (subtitle, " · %s", _("connects automatically"));
  if (om_wifi_profile_get_passphrase_checked (profile))
    g_string_append_printf (subtitle, " · %s",
                            om_wifi_passphrase_is_weak (om_wifi_profile_get_passphrase_length (profile),
                                                        om_wifi_profile_get_passphrase_classes (profile))
                            ? _("password too short or simple") : _("password length and variety fine"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), om_wifi_profile_get_name (profile));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_string_free (subtitle, TRUE);
  return row;
}

static void
on_security_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "om-eol-badge");
  gtk_list_item_set_child (list_item, label);
}

/* The badge's text names the class; colour only repeats it. */
static void
on_security_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  OmWifiNetwork *net = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  OmWifiSecurity security = om_wifi_network_get_security (net);
  gboolean hidden_tkip = om_wifi_network_get_tkip (net) && !om_wifi_security_uses_tkip (security);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *css;

  if (om_wifi_security_get_rank (security) <= om_wifi_security_get_rank (OM_WIFI_SECURITY_OWE))
    css = "error";
  else if (om_wifi_network_get_tkip (net))
    css = "warning";
  else
    css = "success";

  /* Translators: a security class, then a warning that TKIP is allowed */
  text = hidden_tkip ? g_strdup_printf (_("%s, TKIP allowed"), om_wifi_security_to_label (security))
                     : g_strdup (om_wifi_security_to_label (security));
  tooltip = hidden_tkip
    ? g_strdup_printf ("%s %s", om_wifi_security_get_description (security),
                       _("The outdated TKIP cipher is still accepted."))
    : g_strdup (om_wifi_security_get_description (security));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_add_css_class (label, css);
}

/* ---- state ---- */

static const char *
state_icon (OmWifiMonitorState state)
{
  switch (state)
    {
    case OM_WIFI_MONITOR_STATE_STARTING: return "content-loading-symbolic";
    case OM_WIFI_MONITOR_STATE_WIFI_DISABLED: return "network-wireless-disabled-symbolic";
    case OM_WIFI_MONITOR_STATE_NO_WIFI_DEVICE: return "network-wireless-hardware-disabled-symbolic";
    case OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS:
    case OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING:
    case OM_WIFI_MONITOR_STATE_READY:
    default: return "network-wireless-offline-symbolic";
    }
}

static void
sync_monitor (OmWifiPage *self)
{
  OmWifiMonitorState state;
  gboolean scanning;

  if (self->monitor == NULL)
    return;

  state = om_wifi_monitor_get_state (self->monitor);
  scanning = om_wifi_monitor_get_scanning (self->monitor);

  if (state == OM_WIFI_MONITOR_STATE_READY)
    gtk_stack_set_visible_child_name (self->networks_stack, "list");
  else
    {
      adw_status_page_set_title (self->status_page, om_wifi_monitor_get_state_title (self->monitor));
      adw_status_page_set_description (self->status_page,
                                       om_wifi_monitor_get_state_explanation (self->monitor));
      adw_status_page_set_icon_name (self->status_page, state_icon (state));
      gtk_widget_set_visible (self->retry_button, state == OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS);
      gtk_stack_set_visible_child_name (self->networks_stack, "status");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), scanning);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 om_wifi_monitor_get_scan_progress (self->monitor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wifi.rescan",
                                 state == OM_WIFI_MONITOR_STATE_READY && !scanning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wifi.retry",
                                 state == OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wifi.check-passwords",
                                 state != OM_WIFI_MONITOR_STATE_NO_SYSTEM_BUS
                                 && state != OM_WIFI_MONITOR_STATE_NM_NOT_RUNNING
                                 && self->checks_pending == 0);
}

static void
on_monitor_notify_cb (OmWifiPage *self)
{
  sync_monitor (self);
  schedule_audit (self);
}

static void
on_model_changed_cb (OmWifiPage *self)
{
  schedule_audit (self);
}

/* Rows show what an edit or a check changed: rebuild them (the lists are short). */
static void
on_office_changed_cb (OmWifiPage *self)
{
  gtk_list_box_bind_model (self->office_list, G_LIST_MODEL (self->office), create_office_row,
                           NULL, NULL);
  schedule_audit (self);
}

static void
rebind_profiles (OmWifiPage *self)
{
  GListModel *profiles = om_wifi_monitor_get_profiles (self->monitor);

  gtk_list_box_bind_model (self->profiles_list, profiles, create_profile_row, NULL, NULL);
  gtk_widget_set_visible (self->profiles_group, g_list_model_get_n_items (profiles) > 0);
}

static void
on_profiles_changed_cb (OmWifiPage *self)
{
  gtk_widget_set_visible (self->profiles_group,
                          g_list_model_get_n_items (om_wifi_monitor_get_profiles (self->monitor)) > 0);
  schedule_audit (self);
}

static gboolean
run_audit_cb (gpointer user_data)
{
  OmWifiPage *self = user_data;
  g_autoptr(GPtrArray) findings = NULL;
  GListModel *networks = self->monitor ? om_wifi_monitor_get_networks (self->monitor) : NULL;
  GListModel *profiles = self->monitor ? om_wifi_monitor_get_profiles (self->monitor) : NULL;
  gboolean ready = self->monitor != NULL
                   && om_wifi_monitor_get_state (self->monitor) == OM_WIFI_MONITOR_STATE_READY;

  self->audit_id = 0;

  findings = om_wifi_audit_run (networks, G_LIST_MODEL (self->office), profiles);
  g_list_store_splice (self->findings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->findings)),
                       findings->pdata, findings->len);

  /* Only a complete observation may resolve findings in the organisation's list. */
  if (ready && self->finding_list != NULL)
    om_wifi_audit_apply (findings, self->finding_list);

  if (self->window != NULL)
    {
      g_autofree char *count = findings->len > 0 ? g_strdup_printf ("%u", findings->len) : NULL;
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u Wi-Fi finding to look at",
                                                               "%u Wi-Fi findings to look at",
                                                               findings->len), findings->len);

      om_window_set_section_badge (self->window, "wifi", count, tooltip);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_audit (OmWifiPage *self)
{
  if (self->audit_id == 0)
    self->audit_id = g_timeout_add (AUDIT_DELAY_MS, run_audit_cb, self);
}

static void
attach_monitor (OmWifiPage    *self,
                OmWifiMonitor *monitor)
{
  g_assert (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  g_signal_connect_object (monitor, "notify::state", G_CALLBACK (on_monitor_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "notify::scanning", G_CALLBACK (on_monitor_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "notify::scan-progress", G_CALLBACK (sync_monitor), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (om_wifi_monitor_get_networks (monitor), "items-changed",
                           G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (om_wifi_monitor_get_profiles (monitor), "items-changed",
                           G_CALLBACK (on_profiles_changed_cb), self, G_CONNECT_SWAPPED);
  rebind_profiles (self);
  gtk_sort_list_model_set_model (self->sorted, om_wifi_monitor_get_networks (monitor));
  sync_monitor (self);
  schedule_audit (self);
}

/* ---- actions ---- */

static void
on_rescan_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OmWifiPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!om_wifi_monitor_rescan_finish (OM_WIFI_MONITOR (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->window != NULL)
    om_window_add_toast (self->window, adw_toast_new (error->message));
}

static void
rescan_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OmWifiPage *self = OM_WIFI_PAGE (widget);

  om_wifi_monitor_rescan_async (om_wifi_page_get_monitor (self), NULL, on_rescan_done_cb,
                                g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  om_wifi_monitor_retry (om_wifi_page_get_monitor (OM_WIFI_PAGE (widget)));
}

static void
remove_office_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OmWifiPage *self = OM_WIFI_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->office)); i++)
    {
      g_autoptr(OmOfficeNetwork) n = g_list_model_get_item (G_LIST_MODEL (self->office), i);

      if (g_str_equal (om_office_network_get_id (n), id))
        {
          om_office_networks_remove (self->office, n);
          break;
        }
    }
}

static void
on_password_checked_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(OmWifiPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!om_wifi_monitor_check_passphrase_finish (OM_WIFI_MONITOR (source), result, &error)
      && self->window != NULL)
    om_window_add_toast (self->window, adw_toast_new (error->message));
  if (self->checks_pending > 0)
    self->checks_pending--;
  if (self->monitor != NULL)
    {
      rebind_profiles (self);
      sync_monitor (self);
    }
  schedule_audit (self);
}

static void
on_check_consent_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     OmWifiPage       *self)
{
  GListModel *profiles;

  if (!g_str_equal (response, "check") || self->monitor == NULL)
    return;
  profiles = om_wifi_monitor_get_profiles (self->monitor);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(OmWifiProfile) p = g_list_model_get_item (profiles, i);
      const char *km = om_wifi_profile_get_key_mgmt (p);

      if (km == NULL || (!g_str_equal (km, "wpa-psk") && !g_str_equal (km, "sae")))
        continue;
      self->checks_pending++;
      om_wifi_monitor_check_passphrase_async (self->monitor, p, NULL, on_password_checked_cb,
                                              g_object_ref (self));
    }
  sync_monitor (self);
}

/* The passwords are read only after the admin said yes here. */
static void
check_passwords_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OmWifiPage *self = OM_WIFI_PAGE (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Check the Saved Wi-Fi Passwords?"),
                                   _("Omamori will ask NetworkManager for the passwords saved on "
                                     "this computer, count their length and the kinds of "
                                     "characters in them, and forget them at once. They are never "
                                     "stored, shown or sent anywhere. NetworkManager may ask you to "
                                     "authenticate."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "check", _("C_heck Passwords"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "check",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_check_consent_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  OmWifiPage   *page;
  AdwEntryRow  *ssid_row;
  AdwComboRow  *purpose_row;
  AdwComboRow  *security_row;
  AdwEntryRow  *bssid_row;
} AddDialog;

static void
add_dialog_free (gpointer data)
{
  AddDialog *d = data;

  g_object_unref (d->page);
  g_free (d);
}

/* BSSIDs separated by commas, spaces or new lines; NULL if one is malformed. */
static GStrv
parse_bssids (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,;]+", text != NULL ? text : "", 0, 0);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *norm = NULL;

      if (*parts[i] == '\0')
        continue;
      norm = om_wifi_normalize_bssid (parts[i]);
      if (norm == NULL)
        return NULL;
      g_strv_builder_add (out, norm);
    }
  return g_strv_builder_end (out);
}

static void
on_add_input_changed_cb (AdwMessageDialog *dialog)
{
  AddDialog *d = g_object_get_data (G_OBJECT (dialog), "om-add-dialog");
  g_auto(GStrv) bssids = parse_bssids (gtk_editable_get_text (GTK_EDITABLE (d->bssid_row)));
  gboolean ssid_ok = om_office_network_validate_ssid (gtk_editable_get_text (GTK_EDITABLE (d->ssid_row)),
                                                      NULL);

  if (bssids == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (d->bssid_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (d->bssid_row), "error");
  adw_message_dialog_set_response_enabled (dialog, "register", ssid_ok && bssids != NULL);
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AddDialog *d = g_object_get_data (G_OBJECT (dialog), "om-add-dialog");
  g_autoptr(OmOfficeNetwork) network = NULL;
  g_auto(GStrv) bssids = NULL;
  const char *ssid;

  if (!g_str_equal (response, "register"))
    return;
  ssid = gtk_editable_get_text (GTK_EDITABLE (d->ssid_row));
  bssids = parse_bssids (gtk_editable_get_text (GTK_EDITABLE (d->bssid_row)));
  if (!om_office_network_validate_ssid (ssid, NULL) || bssids == NULL)
    return;

  network = om_office_network_new (ssid, adw_combo_row_get_selected (d->purpose_row),
                                   adw_combo_row_get_selected (d->security_row));
  for (guint i = 0; bssids[i] != NULL; i++)
    om_office_network_add_bssid (network, bssids[i], NULL);
  om_office_networks_register (d->page->office, network);
}

static void
add_office_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OmWifiPage *self = OM_WIFI_PAGE (widget);
  g_autoptr(GtkStringList) purposes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) classes = gtk_string_list_new (NULL);
  OmWifiNetwork *selected = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *dialog, *group;
  AddDialog *d = g_new0 (AddDialog, 1);

  for (guint i = 0; i < OM_N_WIFI_PURPOSES; i++)
    gtk_string_list_append (purposes, om_wifi_purpose_to_label (i));
  for (guint i = 0; i < OM_N_WIFI_SECURITIES; i++)
    gtk_string_list_append (classes, om_wifi_security_to_label (i));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Register a Wi-Fi Network"),
                                   _("Enter the name of one of the office’s networks and the "
                                     "security it must have. With the BSSIDs (MAC addresses) of "
                                     "your own access points, any other access point using the "
                                     "name is reported."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "register", _("_Register"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "register",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "register");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  group = adw_preferences_group_new ();
  d->page = g_object_ref (self);
  d->ssid_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->ssid_row), _("Network name (SSID)"));
  d->purpose_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->purpose_row), _("Used by"));
  adw_combo_row_set_model (d->purpose_row, G_LIST_MODEL (purposes));
  d->security_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->security_row), _("Required security"));
  adw_combo_row_set_model (d->security_row, G_LIST_MODEL (classes));
  adw_combo_row_set_selected (d->security_row, OM_WIFI_SECURITY_WPA2);
  d->bssid_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->bssid_row),
                                 _("Access point BSSIDs (optional, comma-separated)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->ssid_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->purpose_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->security_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->bssid_row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_object_set_data_full (G_OBJECT (dialog), "om-add-dialog", d, add_dialog_free);

  /* Start from the network selected in the list, if any: its name, class and BSSIDs. */
  if (selected != NULL && !om_wifi_network_get_hidden (selected))
    {
      gsize len;
      const guint8 *ssid = om_wifi_network_get_ssid (selected, &len);
      g_autofree char *text = g_strndup ((const char *) ssid, len);
      g_autofree char *bssids = g_strjoinv (", ", (char **) om_wifi_network_get_bssids (selected));

      if (g_utf8_validate (text, -1, NULL))
        gtk_editable_set_text (GTK_EDITABLE (d->ssid_row), text);
      adw_combo_row_set_selected (d->security_row, om_wifi_network_get_security (selected));
      gtk_editable_set_text (GTK_EDITABLE (d->bssid_row), bssids);
    }

  g_signal_connect_swapped (d->ssid_row, "changed", G_CALLBACK (on_add_input_changed_cb), dialog);
  g_signal_connect_swapped (d->bssid_row, "changed", G_CALLBACK (on_add_input_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response_cb), NULL);
  on_add_input_changed_cb (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static void
om_wifi_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (om_wifi_page_parent_class)->map (widget);

  /* NetworkManager is contacted only when the admin opens the section. */
  om_wifi_page_get_monitor (OM_WIFI_PAGE (widget));
}

static void
om_wifi_page_dispose (GObject *object)
{
  OmWifiPage *self = OM_WIFI_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->audit_id, g_source_remove);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_WIFI_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->findings);
  g_clear_object (&self->monitor);
  g_clear_object (&self->office);
  g_clear_object (&self->finding_list);

  G_OBJECT_CLASS (om_wifi_page_parent_class)->dispose (object);
}

static void
om_wifi_page_class_init (OmWifiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = om_wifi_page_dispose;
  widget_class->map = om_wifi_page_map;

  g_type_ensure (OM_TYPE_WIFI_NETWORK);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-wifi-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, office_list);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, profiles_list);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, networks_stack);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OmWifiPage, security_column);

  gtk_widget_class_install_action (widget_class, "wifi.rescan", NULL, rescan_action);
  gtk_widget_class_install_action (widget_class, "wifi.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "wifi.add-office", NULL, add_office_action);
  gtk_widget_class_install_action (widget_class, "wifi.remove-office", "s", remove_office_action);
  gtk_widget_class_install_action (widget_class, "wifi.check-passwords", NULL,
                                   check_passwords_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "wifi.rescan", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
om_wifi_page_init (OmWifiPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_header_bar_pack_end (self->header_bar, om_primary_menu_button_new ());

  self->findings = g_list_store_new (OM_TYPE_WIFI_FINDING);
  gtk_list_box_bind_model (self->findings_list, G_LIST_MODEL (self->findings),
                           create_finding_row, NULL, NULL);
  gtk_list_box_set_placeholder (self->findings_list,
                                new_placeholder (_("Nothing to fix. Registered networks and the "
                                                   "profiles saved on this computer are checked.")));
  gtk_list_box_set_placeholder (self->office_list,
                                new_placeholder (_("No network registered yet. Select your network "
                                                   "under Networks in Range, then press Register… "
                                                   "above.")));

  g_signal_connect (factory, "setup", G_CALLBACK (on_security_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_security_bind_cb), NULL);
  gtk_column_view_column_set_factory (self->security_column, factory);

  /* Strongest signal first. */
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (OM_TYPE_WIFI_NETWORK,
                                                                            NULL, "strength")));
  gtk_numeric_sorter_set_sort_order (GTK_NUMERIC_SORTER (sorter), GTK_SORT_DESCENDING);
  self->sorted = gtk_sort_list_model_new (NULL, sorter);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  adw_status_page_set_title (self->status_page, _("Wi-Fi networks"));
  gtk_stack_set_visible_child_name (self->networks_stack, "status");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wifi.rescan", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wifi.retry", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wifi.check-passwords", FALSE);
  gtk_widget_set_visible (self->profiles_group, FALSE);
}

OmWifiPage *
om_wifi_page_new (OmOfficeNetworks *office,
                  OmFindingList    *findings,
                  OmWifiMonitor    *monitor)
{
  OmWifiPage *self;

  g_return_val_if_fail (OM_IS_OFFICE_NETWORKS (office), NULL);
  g_return_val_if_fail (findings == NULL || OM_IS_FINDING_LIST (findings), NULL);
  g_return_val_if_fail (monitor == NULL || OM_IS_WIFI_MONITOR (monitor), NULL);

  self = g_object_new (OM_TYPE_WIFI_PAGE, NULL);
  self->office = g_object_ref (office);
  self->finding_list = findings != NULL ? g_object_ref (findings) : NULL;
  gtk_list_box_bind_model (self->office_list, G_LIST_MODEL (office), create_office_row, NULL, NULL);
  /* An edited registration changes the findings. */
  g_signal_connect_object (office, "changed", G_CALLBACK (on_office_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (monitor != NULL)
    attach_monitor (self, monitor);
  else
    schedule_audit (self);
  return self;
}

GtkWidget *
om_wifi_page_new_for_window (OmWindow *window)
{
  OmApplication *app = om_window_get_application (window);
  OmWifiPage *self;

  self = om_wifi_page_new (om_office_networks_get_for_document (om_application_get_document (app)),
                           om_application_get_findings (app), NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  return GTK_WIDGET (self);
}

OmWifiMonitor *
om_wifi_page_get_monitor (OmWifiPage *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PAGE (self), NULL);

  if (self->monitor == NULL)
    {
      g_autoptr(OmWifiMonitor) monitor = om_wifi_monitor_new ();

      attach_monitor (self, monitor);
    }
  return self->monitor;
}

GListModel *
om_wifi_page_get_findings (OmWifiPage *self)
{
  g_return_val_if_fail (OM_IS_WIFI_PAGE (self), NULL);
  return G_LIST_MODEL (self->findings);
}

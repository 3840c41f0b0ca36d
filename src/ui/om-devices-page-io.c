/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Import (CSV, with a preview that applies nothing until confirmed) and export
 * (CSV or JSON) of the inventory from the devices page.
 */
#define G_LOG_DOMAIN "om-devices-page"

#include "config.h"

#include <glib/gi18n.h>

#include "om-devices-page-private.h"
#include "om-import-plan.h"
#include "om-inventory-io.h"

/* The preview lists at most this many lines; the summary above it counts them all. */
#define PREVIEW_MAX_LINES 2000

static void
setup_preview_line_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Cells of an imported file are untrusted: plain text only. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_preview_line_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (line));
}

static char *
shorten (const char *text)
{
  /* A cell may be 64 KiB; the preview needs a recognisable start, not all of it. */
  if (g_utf8_strlen (text, -1) <= 80)
    return g_strdup (text);
  else
    {
      g_autofree char *start = g_utf8_substring (text, 0, 79);

      return g_strconcat (start, "…", NULL);
    }
}

static GtkStringList *
build_preview_lines (OmImportPlan *plan)
{
  GtkStringList *lines = gtk_string_list_new (NULL);
  guint n_add = om_import_plan_get_n_additions (plan);
  guint n_change = om_import_plan_get_n_changes (plan);
  guint n_reject = om_import_plan_get_n_rejections (plan);
  const char * const *warnings = om_import_plan_get_warnings (plan);
  guint shown = 0, total = n_add + n_change + n_reject;

  for (guint i = 0; warnings[i] != NULL; i++)
    gtk_string_list_append (lines, warnings[i]);

  /* Rejections first: they are what the admin must fix in the file. */
  for (guint i = 0; i < n_reject && shown < PREVIEW_MAX_LINES; i++, shown++)
    {
      const OmImportRejection *rejection = om_import_plan_get_rejection (plan, i);
      /* Translators: "Line 7: rejected — the MAC address “xx” is not valid." */
      g_autofree char *text = g_strdup_printf (_("Line %u: rejected — %s"), rejection->line, rejection->reason);

      gtk_string_list_append (lines, text);
    }
  for (guint i = 0; i < n_add && shown < PREVIEW_MAX_LINES; i++, shown++)
    {
      guint line = 0;
      OmDevice *device = om_import_plan_get_addition (plan, i, &line);
      g_autofree char *name = om_device_dup_display_name (device);
      g_autofree char *short_name = shorten (name != NULL && *name != '\0' ? name : _("Unnamed device"));
      g_autofree char *text = g_strdup_printf (_("Line %u: add “%s”"), line, short_name);

      gtk_string_list_append (lines, text);
    }
  for (guint i = 0; i < n_change && shown < PREVIEW_MAX_LINES; i++, shown++)
    {
      const OmImportChange *change = om_import_plan_get_change (plan, i);
      g_autofree char *name = om_device_dup_display_name (change->device);
      g_autofree char *short_name = shorten (name != NULL ? name : "");
      g_autofree char *old_value = shorten (change->old_value != NULL ? change->old_value : "");
      g_autofree char *new_value = shorten (change->new_value != NULL ? change->new_value : "");
      /* Translators: "Line 4: “Reception PC”, Location: “1F” → “2F”" */
      g_autofree char *text = g_strdup_printf (_("Line %u: “%s”, %s: “%s” → “%s”"), change->line, short_name,
                                               om_device_field_get_label (change->field), old_value, new_value);

      gtk_string_list_append (lines, text);
    }
  if (shown < total)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more line",
                                                            "… and %u more lines", total - shown),
                                               total - shown);

      gtk_string_list_append (lines, text);
    }
  return lines;
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       OmDevicesPage    *self)
{
  OmImportPlan *plan = g_object_get_data (G_OBJECT (dialog), "om-plan");
  OmInventory *inventory = om_application_get_inventory (om_devices_page_get_application (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_devices = 0;

  if (!g_str_equal (response, "import"))
    return;

  if (!om_import_plan_apply (plan, inventory, &n_devices, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      title = g_strdup_printf (_("Import failed: %s"), escaped);
      om_devices_page_show_toast (self, title);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device imported", "%u devices imported", n_devices),
                           n_devices);
  om_devices_page_show_toast (self, title);
}

/* Plans the import of @file and shows the preview; returns the dialog (owned by
 * GTK, already presented) or NULL with @error when the file cannot be used. */
GtkWidget *
om_devices_page_preview_import (OmDevicesPage  *self,
                                GFile          *file,
                                GError        **error)
{
  OmInventory *inventory;
  g_autoptr(OmImportPlan) plan = NULL;
  g_autoptr(GtkStringList) lines = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *dialog, *scrolled, *list;

  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  inventory = om_application_get_inventory (om_devices_page_get_application (self));
  plan = om_import_plan_new_for_file (inventory, file, NULL, error);
  if (plan == NULL)
    return NULL;

  basename = g_file_get_basename (file);
  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Import “%s”?"), basename);
  summary = om_import_plan_dup_summary (plan);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), summary);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import", om_import_plan_has_effect (plan));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  lines = build_preview_lines (plan);
  if (g_list_model_get_n_items (G_LIST_MODEL (lines)) > 0)
    {
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_preview_line_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_preview_line_cb), NULL);
      list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (lines)))),
                                g_object_ref (factory));
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("What the import would do"), -1);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 180);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_widget_add_css_class (scrolled, "card");
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }

  g_object_set_data_full (G_OBJECT (dialog), "om-plan", g_steal_pointer (&plan), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_error_dialog (OmDevicesPage *self,
                   const char    *heading,
                   const char    *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               OmDevicesPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (om_devices_page_preview_import (self, file, &error) == NULL)
        show_error_dialog (self, _("The File Cannot Be Imported"), error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
om_devices_page_import_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Devices"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Writes the inventory to @file; shows a toast or an error dialog. */
gboolean
om_devices_page_export_to_file (OmDevicesPage  *self,
                                OmExportFormat  format,
                                GFile          *file)
{
  OmInventory *inventory = om_application_get_inventory (om_devices_page_get_application (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *escaped = g_markup_escape_text (basename, -1);
  g_autofree char *title = NULL;
  guint n = om_inventory_get_n_devices (inventory);

  if (!om_inventory_export_to_file (inventory, format, file, NULL, &error))
    {
      show_error_dialog (self, _("The Devices Were Not Exported"), error->message);
      return FALSE;
    }
  /* Translators: "12 devices exported to devices.csv" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device exported to %s", "%u devices exported to %s", n),
                           n, escaped);
  om_devices_page_show_toast (self, title);
  return TRUE;
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               OmDevicesPage   *self)
{
  OmExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "om-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      om_devices_page_export_to_file (self, format, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
om_devices_page_export_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);
  OmExportFormat format;
  GtkFileChooserNative *chooser;

  if (!om_export_format_from_string (g_variant_get_string (parameter, NULL), &format))
    return;

  chooser = gtk_file_chooser_native_new (format == OM_EXPORT_FORMAT_CSV ? _("Export Devices as CSV")
                                                                        : _("Export Devices as JSON"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     format == OM_EXPORT_FORMAT_CSV ? "omamori-devices.csv" : "omamori-devices.json");
  g_object_set_data (G_OBJECT (chooser), "om-format", GINT_TO_POINTER (format));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

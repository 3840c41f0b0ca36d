/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-window"

#include "config.h"

#include <glib/gi18n.h>

#include "om-devices-page.h"
#include "om-overview-page.h"
#include "om-scan-page.h"
#include "om-wifi-page.h"
#include "om-window.h"

/* The schema has the application id (jp.omamori.Omamori, or .Devel). */
#define SETTINGS_SCHEMA_ID APP_ID

struct _OmWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkListBox      *sidebar_list;
  GtkStack        *stack;

  /* owned */
  GSettings       *settings;   /* NULL when the schema is not installed */
  GHashTable      *rows;       /* section id → GtkListBoxRow (borrowed from the list) */
};

typedef struct
{
  const char *id;
  const char *title;           /* N_() */
  const char *icon_name;
  GtkWidget *(*new_page) (OmWindow *window);
} OmBuiltinSection;

G_DEFINE_FINAL_TYPE (OmWindow, om_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *new_overview_page (OmWindow *window);
static GtkWidget *new_devices_page (OmWindow *window);

/* Sections that ship with the window. To add one, append a line; the sidebar
 * orders rows by section_order[] below, not by this table. */
static const OmBuiltinSection builtin_sections[] = {
  { "overview", N_("Overview"), "view-grid-symbolic", new_overview_page },
  { "devices", N_("Devices"), "computer-symbolic", new_devices_page },
  { "scan", N_("Scan"), "network-workgroup-symbolic", om_scan_page_new_for_window },
  { "wifi", N_("Wi-Fi"), "network-wireless-symbolic", om_wifi_page_new_for_window },
};

/* The order an admin thinks in (DESIGN.md "The window"). */
static const char * const section_order[] = {
  "overview", "devices", "scan", "wifi", "sharing", "tasks", "self-check", "telework", "reports",
};

static int
section_rank (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_order); i++)
    if (g_strcmp0 (section_order[i], id) == 0)
      return (int) i;
  return G_N_ELEMENTS (section_order);
}

static GtkWidget *
new_overview_page (OmWindow *window)
{
  return GTK_WIDGET (om_overview_page_new (om_window_get_application (window)));
}

static GtkWidget *
new_devices_page (OmWindow *window)
{
  return GTK_WIDGET (om_devices_page_new (om_window_get_application (window)));
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  int ra = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "om-section-rank"));
  int rb = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "om-section-rank"));

  return ra - rb;
}

static void
load_window_state (OmWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  /* Without the schema (an uninstalled run) the window just opens at its default size. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "window-width")
      || !g_settings_schema_has_key (schema, "window-height"))
    {
      g_debug ("GSettings schema %s not found; window size is not remembered", SETTINGS_SCHEMA_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (360, g_settings_get_int (self->settings, "window-width")),
                               MAX (400, g_settings_get_int (self->settings, "window-height")));
  if (g_settings_schema_has_key (schema, "window-maximized")
      && g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (OmWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  int width, height;
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "window-maximized"))
    g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (g_settings_schema_has_key (schema, "last-section") && om_window_get_visible_section (self) != NULL)
    g_settings_set_string (self->settings, "last-section", om_window_get_visible_section (self));
}

/* Opens the section shown when the window was last closed; a section this build
 * does not have (or no schema) falls back to the overview. */
static void
restore_last_section (OmWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *last = NULL;

  if (self->settings != NULL)
    {
      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "last-section"))
        last = g_settings_get_string (self->settings, "last-section");
    }
  if (last == NULL || !om_window_show_section (self, last))
    om_window_show_section (self, "overview");
}

static void
on_sidebar_row_selected_cb (OmWindow      *self,
                            GtkListBoxRow *row)
{
  const char *id;

  if (row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "om-section-id");
  gtk_stack_set_visible_child_name (self->stack, id);
}

static void
on_sidebar_row_activated_cb (OmWindow      *self,
                             GtkListBoxRow *row)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_leaflet_folded_cb (OmWindow *self)
{
  /* When folded, the list stays a list: no row looks "selected" while it is the only thing shown. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_NONE);
  else
    {
      GtkListBoxRow *row = g_hash_table_lookup (self->rows, gtk_stack_get_visible_child_name (self->stack));

      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_BROWSE);
      if (row != NULL)
        gtk_list_box_select_row (self->sidebar_list, row);
    }
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  om_window_show_section (OM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* "win.show-devices" with a filter spec ("kind:pc", "eol:unsupported", …): what the
 * overview cards activate. */
static void
show_devices_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OmWindow *self = OM_WINDOW (widget);
  GtkWidget *page = om_window_get_section_page (self, "devices");

  if (page == NULL)
    return;
  om_devices_page_apply_filter_spec (OM_DEVICES_PAGE (page), g_variant_get_string (parameter, NULL));
  om_window_show_section (self, "devices");
}

static void
on_application_loading_cb (OmWindow      *self,
                           GParamSpec    *pspec,
                           OmApplication *application)
{
  /* While the data file is read nothing can be edited (the edit would be replaced). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->leaflet), !om_application_get_loading (application));
}

/* "win.add-device" (Ctrl+N from anywhere in the window): the Devices page's add. */
static void
add_device_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OmWindow *self = OM_WINDOW (widget);
  GtkWidget *page = om_window_get_section_page (self, "devices");

  if (page == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->leaflet)))
    return;
  om_window_show_section (self, "devices");
  gtk_widget_activate_action (page, "devices.add", NULL);
}

static gboolean
om_window_close_request (GtkWindow *window)
{
  save_window_state (OM_WINDOW (window));
  return GTK_WINDOW_CLASS (om_window_parent_class)->close_request (window);
}

static void
om_window_dispose (GObject *object)
{
  OmWindow *self = OM_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_WINDOW);

  G_OBJECT_CLASS (om_window_parent_class)->dispose (object);
}

static void
om_window_class_init (OmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = om_window_dispose;
  window_class->close_request = om_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OmWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, OmWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-devices", "s", show_devices_action);
  gtk_widget_class_install_action (widget_class, "win.add-device", NULL, add_device_action);
}

static void
om_window_init (OmWindow *self)
{
  g_type_ensure (OM_TYPE_DEVICES_PAGE);
  g_type_ensure (OM_TYPE_OVERVIEW_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_set_sort_func (self->sidebar_list, sort_rows, NULL, NULL);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  load_window_state (self);
}

OmWindow *
om_window_new (OmApplication *application)
{
  OmWindow *self;

  g_return_val_if_fail (OM_IS_APPLICATION (application), NULL);

  /* "application" is not a construct property: the pages, which need it, come after. */
  self = g_object_new (OM_TYPE_WINDOW, "application", application, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_sections); i++)
    om_window_add_section (self, builtin_sections[i].id, _(builtin_sections[i].title),
                           builtin_sections[i].icon_name, builtin_sections[i].new_page (self));
  restore_last_section (self);
  g_signal_connect_object (application, "notify::loading", G_CALLBACK (on_application_loading_cb), self,
                           G_CONNECT_SWAPPED);
  on_application_loading_cb (self, NULL, application);
  return self;
}

OmApplication *
om_window_get_application (OmWindow *self)
{
  g_return_val_if_fail (OM_IS_WINDOW (self), NULL);

  return OM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

void
om_window_add_section (OmWindow   *self,
                       const char *id,
                       const char *title,
                       const char *icon_name,
                       GtkWidget  *page)
{
  GtkWidget *row, *box, *icon, *label, *badge;

  g_return_if_fail (OM_IS_WINDOW (self));
  g_return_if_fail (id != NULL && title != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (!g_hash_table_contains (self->rows, id));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (badge, "om-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (badge, FALSE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "om-section-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "om-section-title", label);
  g_object_set_data (G_OBJECT (row), "om-section-badge", badge);
  g_object_set_data (G_OBJECT (row), "om-section-rank", GINT_TO_POINTER (section_rank (id)));

  gtk_stack_add_titled (self->stack, page, id, title);
  gtk_list_box_append (self->sidebar_list, row);
  g_hash_table_insert (self->rows, g_strdup (id), row);
}

void
om_window_set_section_badge (OmWindow   *self,
                             const char *id,
                             const char *text,
                             const char *tooltip)
{
  GtkWidget *row, *badge;
  const char *title;
  g_autofree char *label = NULL;

  g_return_if_fail (OM_IS_WINDOW (self));

  row = g_hash_table_lookup (self->rows, id);
  g_return_if_fail (row != NULL);

  badge = g_object_get_data (G_OBJECT (row), "om-section-badge");
  title = gtk_label_get_text (g_object_get_data (G_OBJECT (row), "om-section-title"));
  gtk_label_set_text (GTK_LABEL (badge), text != NULL ? text : "");
  gtk_widget_set_visible (badge, text != NULL && *text != '\0');
  gtk_widget_set_tooltip_text (badge, tooltip);
  gtk_widget_set_tooltip_text (row, tooltip);

  /* The screen reader hears the number and its meaning, not a bare digit. */
  if (text != NULL && *text != '\0' && tooltip != NULL)
    label = g_strdup_printf ("%s, %s", title, tooltip);
  else
    label = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

gboolean
om_window_show_section (OmWindow   *self,
                        const char *id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (OM_IS_WINDOW (self), FALSE);

  row = g_hash_table_lookup (self->rows, id);
  if (row == NULL)
    return FALSE;

  gtk_stack_set_visible_child_name (self->stack, id);
  if (gtk_list_box_get_selection_mode (self->sidebar_list) != GTK_SELECTION_NONE)
    gtk_list_box_select_row (self->sidebar_list, row);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

const char *
om_window_get_visible_section (OmWindow *self)
{
  g_return_val_if_fail (OM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
om_window_get_section_page (OmWindow   *self,
                            const char *id)
{
  g_return_val_if_fail (OM_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, id);
}

void
om_window_add_toast (OmWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (OM_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkWidget *
om_primary_menu_button_new (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/om-primary-menu.ui");
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button),
                                  G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_tooltip_text (button, _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  return button;
}

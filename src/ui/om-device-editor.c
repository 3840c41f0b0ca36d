/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-device-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "om-device-editor.h"

struct _OmDeviceEditor
{
  AdwBin parent_instance;

  /* widgets, built in init (the rows follow the field table, not a template) */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *device_group;
  GtkWidget           *rows[OM_DEVICE_N_FIELDS];
  GtkWidget           *origin_icons[OM_DEVICE_N_FIELDS];
  GtkStringList       *user_names;
  AdwActionRow        *eol_row;
  AdwActionRow        *first_seen_row;
  AdwActionRow        *last_seen_row;

  /* owned */
  OmDevice            *device;
  OmOrganisation      *organisation;
  GPtrArray           *user_ids;      /* parallel to user_names; [0] is NULL (nobody) */
  gulong               notify_id;
  gulong               staff_changed_id;
  gboolean             loading;       /* TRUE while rows are filled from the device */
};

G_DEFINE_FINAL_TYPE (OmDeviceEditor, om_device_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_field (OmDeviceEditor *self, OmDeviceField field);

static char *
describe_origin (OmDevice      *device,
                 OmDeviceField  field)
{
  OmOrigin origin = om_device_get_field_origin (device, field);
  const char *source = om_device_get_field_source (device, field);

  switch (origin)
    {
    case OM_ORIGIN_MANUAL:
      return g_strdup (_("Entered by hand"));
    case OM_ORIGIN_IMPORTED:
      if (source != NULL && *source != '\0')
        /* Translators: %s is a file name or import source. */
        return g_strdup_printf (_("Imported from %s"), source);
      return g_strdup (_("Imported"));
    case OM_ORIGIN_DISCOVERED:
      if (source != NULL && *source != '\0')
        /* Translators: %s is how it was found: "snmp", "mdns", "netbios", … */
        return g_strdup_printf (_("Discovered by %s"), source);
      return g_strdup (_("Discovered on the network"));
    case OM_ORIGIN_NONE:
    case OM_N_ORIGINS:
    default:
      return NULL;
    }
}

static void
show_origin (OmDeviceEditor *self,
             OmDeviceField   field)
{
  GtkWidget *row = self->rows[field];
  GtkWidget *icon = self->origin_icons[field];
  g_autofree char *origin = NULL;
  OmOrigin kind;

  if (row == NULL)
    return;

  origin = self->device != NULL ? describe_origin (self->device, field) : NULL;
  kind = self->device != NULL ? om_device_get_field_origin (self->device, field) : OM_ORIGIN_NONE;

  if (!gtk_widget_has_css_class (row, "error"))
    gtk_widget_set_tooltip_text (row, origin);

  /* A small mark for values the admin did not type, so they know what discovery filled in. */
  if (icon != NULL)
    {
      gtk_widget_set_visible (icon, kind == OM_ORIGIN_DISCOVERED || kind == OM_ORIGIN_IMPORTED);
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind == OM_ORIGIN_DISCOVERED
                                                      ? "network-workgroup-symbolic"
                                                      : "document-open-symbolic");
      gtk_widget_set_tooltip_text (icon, origin);
      if (origin != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, origin, -1);
    }
}

static void
set_row_error (OmDeviceEditor *self,
               OmDeviceField   field,
               const char     *message)
{
  GtkWidget *row = self->rows[field];

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      show_origin (self, field);
    }
}

static void
on_entry_row_changed_cb (GtkEditable    *editable,
                         OmDeviceEditor *self)
{
  OmDeviceField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "om-field"));
  g_autoptr(GError) error = NULL;

  if (self->loading || self->device == NULL)
    return;

  /* FALSE without an error only means nothing changed. */
  if (!om_device_offer_field_text (self->device, field, gtk_editable_get_text (editable),
                                   OM_ORIGIN_MANUAL, NULL, &error) && error != NULL)
    set_row_error (self, field, error->message);
  else
    set_row_error (self, field, NULL);
}

static void
on_combo_row_selected_cb (AdwComboRow    *row,
                          GParamSpec     *pspec,
                          OmDeviceEditor *self)
{
  OmDeviceField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "om-field"));
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || self->device == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (field == OM_DEVICE_FIELD_USER)
    {
      const char *id = selected < self->user_ids->len ? g_ptr_array_index (self->user_ids, selected) : NULL;

      om_device_offer_string (self->device, field, id, OM_ORIGIN_MANUAL, NULL);
    }
  else
    om_device_offer_enum (self->device, field, (int) selected, OM_ORIGIN_MANUAL, NULL);
  show_origin (self, field);
}

static void
on_switch_active_cb (GtkSwitch      *toggle,
                     GParamSpec     *pspec,
                     OmDeviceEditor *self)
{
  if (self->loading || self->device == NULL)
    return;

  om_device_offer_boolean (self->device, OM_DEVICE_FIELD_REGISTERED,
                           gtk_switch_get_active (toggle), OM_ORIGIN_MANUAL, NULL);
  show_origin (self, OM_DEVICE_FIELD_REGISTERED);
}

static GtkWidget *
add_origin_icon (OmDeviceEditor *self,
                 OmDeviceField   field)
{
  GtkWidget *icon = gtk_image_new ();

  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_visible (icon, FALSE);
  self->origin_icons[field] = icon;
  return icon;
}

static GtkWidget *
add_entry_row (OmDeviceEditor      *self,
               AdwPreferencesGroup *group,
               OmDeviceField        field,
               const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), add_origin_icon (self, field));
  g_object_set_data (G_OBJECT (row), "om-field", GINT_TO_POINTER (field));
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_row_changed_cb), self);
  adw_preferences_group_add (group, row);
  self->rows[field] = row;
  return row;
}

static GtkWidget *
add_combo_row (OmDeviceEditor      *self,
               AdwPreferencesGroup *group,
               OmDeviceField        field,
               const char          *title,
               GListModel          *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add_origin_icon (self, field));
  g_object_set_data (G_OBJECT (row), "om-field", GINT_TO_POINTER (field));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_row_selected_cb), self);
  adw_preferences_group_add (group, row);
  self->rows[field] = row;
  return row;
}

static AdwActionRow *
add_info_row (AdwPreferencesGroup *group,
              const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

static AdwPreferencesGroup *
add_group (OmDeviceEditor *self,
           const char     *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
rebuild_user_list (OmDeviceEditor *self)
{
  GListModel *staff = self->organisation != NULL ? om_organisation_get_staff (self->organisation) : NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->user_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *current = self->device != NULL ? om_device_get_user (self->device) : NULL;
  gboolean current_found = current == NULL || *current == '\0';
  gboolean was_loading = self->loading;

  g_ptr_array_set_size (self->user_ids, 0);
  g_ptr_array_add (self->user_ids, NULL);
  g_ptr_array_add (names, g_strdup (_("Nobody")));

  for (guint i = 0; staff != NULL && i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr(OmStaff) member = g_list_model_get_item (staff, i);
      const char *name = om_staff_get_name (member);

      g_ptr_array_add (self->user_ids, g_strdup (om_staff_get_id (member)));
      if (!om_staff_get_active (member))
        /* Translators: a staff member who has left, in the device's user list. */
        g_ptr_array_add (names, g_strdup_printf (_("%s (left)"), name));
      else
        g_ptr_array_add (names, g_strdup (name));
      if (g_strcmp0 (current, om_staff_get_id (member)) == 0)
        current_found = TRUE;
    }

  /* A user typed or imported as a free name (not a staff id) stays visible as itself. */
  if (!current_found)
    {
      g_ptr_array_add (self->user_ids, g_strdup (current));
      g_ptr_array_add (names, g_strdup (current));
    }
  g_ptr_array_add (names, NULL);

  self->loading = TRUE;
  gtk_string_list_splice (self->user_names, 0, n_old, (const char * const *) names->pdata);
  self->loading = was_loading;
}

static void
load_field (OmDeviceEditor *self,
            OmDeviceField   field)
{
  GtkWidget *row = self->rows[field];
  gboolean was_loading = self->loading;

  if (row == NULL || self->device == NULL)
    return;

  self->loading = TRUE;
  if (ADW_IS_ENTRY_ROW (row))
    {
      g_autofree char *text = om_device_dup_field_text (self->device, field);

      /* Don't fight the admin's cursor: the row they are typing in already shows their text. */
      if (!gtk_widget_has_focus (row) && !gtk_widget_is_focus (row)
          && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
      if (!gtk_widget_has_focus (row))
        gtk_widget_remove_css_class (row, "error");
    }
  else if (field == OM_DEVICE_FIELD_USER)
    {
      const char *user = om_device_get_user (self->device);
      guint selected = 0;

      rebuild_user_list (self);
      for (guint i = 1; i < self->user_ids->len; i++)
        if (user != NULL && g_strcmp0 (g_ptr_array_index (self->user_ids, i), user) == 0)
          selected = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
    }
  else if (field == OM_DEVICE_FIELD_KIND)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), om_device_get_kind (self->device));
  else if (field == OM_DEVICE_FIELD_OWNERSHIP)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), om_device_get_ownership (self->device));
  else if (field == OM_DEVICE_FIELD_REGISTERED)
    gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "om-switch"),
                           om_device_get_registered (self->device));
  else if (field == OM_DEVICE_FIELD_SERVICES)
    {
      GPtrArray *services = om_device_get_services (self->device);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; services != NULL && i < services->len; i++)
        {
          OmService *service = g_ptr_array_index (services, i);

          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append_printf (text, "%u/%s %s", service->port,
                                  service->proto != NULL ? service->proto : "",
                                  service->name != NULL ? service->name : "");
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->len > 0 ? text->str : _("None seen"));
    }
  else if (ADW_IS_ACTION_ROW (row))
    {
      g_autofree char *text = om_device_dup_field_text (self->device, field);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL && *text != '\0' ? text : _("None"));
    }
  show_origin (self, field);
  self->loading = was_loading;
}

static void
load_seen (OmDeviceEditor *self)
{
  GDateTime *first = om_device_get_first_seen (self->device);
  GDateTime *last = om_device_get_last_seen (self->device);
  g_autoptr(GDateTime) first_local = first != NULL ? g_date_time_to_local (first) : NULL;
  g_autoptr(GDateTime) last_local = last != NULL ? g_date_time_to_local (last) : NULL;
  g_autofree char *first_text = first_local != NULL ? g_date_time_format (first_local, "%x %X") : NULL;
  g_autofree char *last_text = last_local != NULL ? g_date_time_format (last_local, "%x %X") : NULL;

  adw_action_row_set_subtitle (self->first_seen_row, first_text != NULL ? first_text : _("Never"));
  adw_action_row_set_subtitle (self->last_seen_row, last_text != NULL ? last_text : _("Never seen by a scan"));
}

static void
load_all (OmDeviceEditor *self)
{
  g_autofree char *title = NULL;

  if (self->device == NULL)
    return;

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    load_field (self, f);
  load_seen (self);
  title = om_device_dup_display_name (self->device);
  adw_preferences_group_set_title (self->device_group,
                                   title != NULL && *title != '\0' ? title : _("Unnamed device"));
}

static void
on_device_notify_cb (OmDevice       *device,
                     GParamSpec     *pspec,
                     OmDeviceEditor *self)
{
  OmDeviceField field;

  if (g_strcmp0 (pspec->name, "display-name") == 0)
    {
      g_autofree char *title = om_device_dup_display_name (device);

      adw_preferences_group_set_title (self->device_group,
                                       title != NULL && *title != '\0' ? title : _("Unnamed device"));
      return;
    }
  if (g_strcmp0 (pspec->name, "first-seen") == 0 || g_strcmp0 (pspec->name, "last-seen") == 0)
    {
      load_seen (self);
      return;
    }
  for (field = 0; field < OM_DEVICE_N_FIELDS; field++)
    if (g_strcmp0 (om_device_field_get_property (field), pspec->name) == 0)
      {
        load_field (self, field);
        return;
      }
}

static void
on_staff_changed_cb (GListModel     *staff,
                     guint           position,
                     guint           removed,
                     guint           added,
                     OmDeviceEditor *self)
{
  load_field (self, OM_DEVICE_FIELD_USER);
}

static void
build_rows (OmDeviceEditor *self)
{
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ownerships = gtk_string_list_new (NULL);
  GtkWidget *row, *toggle;

  for (guint i = 0; i < OM_N_DEVICE_KINDS; i++)
    gtk_string_list_append (kinds, om_device_kind_to_label (i));
  for (guint i = 0; i < OM_N_OWNERSHIPS; i++)
    gtk_string_list_append (ownerships, om_ownership_to_label (i));

  group = self->device_group = add_group (self, _("Device"));
  add_entry_row (self, group, OM_DEVICE_FIELD_NAME, _("Name"));
  add_combo_row (self, group, OM_DEVICE_FIELD_KIND, _("Kind"), G_LIST_MODEL (kinds));
  add_combo_row (self, group, OM_DEVICE_FIELD_OWNERSHIP, _("Ownership"), G_LIST_MODEL (ownerships));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Registered"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The device is known and allowed on the office network"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Registered"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add_origin_icon (self, OM_DEVICE_FIELD_REGISTERED));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "om-switch", toggle);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_switch_active_cb), self);
  adw_preferences_group_add (group, row);
  self->rows[OM_DEVICE_FIELD_REGISTERED] = row;

  self->user_names = gtk_string_list_new (NULL);
  add_combo_row (self, group, OM_DEVICE_FIELD_USER, _("User"), G_LIST_MODEL (self->user_names));
  add_entry_row (self, group, OM_DEVICE_FIELD_LOCATION, _("Location"));

  group = add_group (self, _("Network"));
  adw_preferences_group_set_description (group, _("Separate several values with commas"));
  add_entry_row (self, group, OM_DEVICE_FIELD_MACS, _("MAC addresses"));
  add_entry_row (self, group, OM_DEVICE_FIELD_IPV4, _("IPv4 addresses"));
  add_entry_row (self, group, OM_DEVICE_FIELD_IPV6, _("IPv6 addresses"));
  add_entry_row (self, group, OM_DEVICE_FIELD_HOSTNAMES, _("Host names"));

  group = add_group (self, _("Hardware"));
  add_entry_row (self, group, OM_DEVICE_FIELD_VENDOR, _("Vendor"));
  add_entry_row (self, group, OM_DEVICE_FIELD_MODEL, _("Model"));

  group = add_group (self, _("Operating System"));
  self->eol_row = add_info_row (group, _("Support"));
  gtk_widget_set_visible (GTK_WIDGET (self->eol_row), FALSE);
  add_entry_row (self, group, OM_DEVICE_FIELD_OS_NAME, _("Operating system"));
  add_entry_row (self, group, OM_DEVICE_FIELD_OS_FAMILY, _("Family"));
  add_entry_row (self, group, OM_DEVICE_FIELD_OS_VERSION, _("Version"));
  add_entry_row (self, group, OM_DEVICE_FIELD_OS_BUILD, _("Build"));
  add_entry_row (self, group, OM_DEVICE_FIELD_OS_EDITION, _("Edition"));

  group = add_group (self, _("Notes"));
  add_entry_row (self, group, OM_DEVICE_FIELD_NOTES, _("Notes"));

  group = add_group (self, _("Seen on the Network"));
  self->rows[OM_DEVICE_FIELD_SERVICES] = GTK_WIDGET (add_info_row (group, _("Services")));
  self->rows[OM_DEVICE_FIELD_IDENTIFIERS] = GTK_WIDGET (add_info_row (group, _("Identifiers")));
  self->first_seen_row = add_info_row (group, _("First seen"));
  self->last_seen_row = add_info_row (group, _("Last seen"));
}

static void
om_device_editor_dispose (GObject *object)
{
  OmDeviceEditor *self = OM_DEVICE_EDITOR (object);

  om_device_editor_set_device (self, NULL);
  om_device_editor_set_organisation (self, NULL);
  g_clear_object (&self->user_names);
  g_clear_pointer (&self->user_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (om_device_editor_parent_class)->dispose (object);
}

static void
om_device_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OmDeviceEditor *self = OM_DEVICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_object (value, self->device);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_device_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OmDeviceEditor *self = OM_DEVICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      om_device_editor_set_device (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_device_editor_class_init (OmDeviceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_device_editor_dispose;
  object_class->get_property = om_device_editor_get_property;
  object_class->set_property = om_device_editor_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_object ("device", NULL, NULL, OM_TYPE_DEVICE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "omdeviceeditor");
}

static void
om_device_editor_init (OmDeviceEditor *self)
{
  self->user_ids = g_ptr_array_new_with_free_func (g_free);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->page));
  build_rows (self);
}

OmDeviceEditor *
om_device_editor_new (void)
{
  return g_object_new (OM_TYPE_DEVICE_EDITOR, NULL);
}

OmDevice *
om_device_editor_get_device (OmDeviceEditor *self)
{
  g_return_val_if_fail (OM_IS_DEVICE_EDITOR (self), NULL);

  return self->device;
}

void
om_device_editor_set_device (OmDeviceEditor *self,
                             OmDevice       *device)
{
  g_return_if_fail (OM_IS_DEVICE_EDITOR (self));
  g_return_if_fail (device == NULL || OM_IS_DEVICE (device));

  if (self->device == device)
    return;

  if (self->device != NULL)
    g_clear_signal_handler (&self->notify_id, self->device);
  g_set_object (&self->device, device);
  if (device != NULL)
    {
      self->notify_id = g_signal_connect (device, "notify", G_CALLBACK (on_device_notify_cb), self);
      /* A different device: its values replace whatever the rows showed, focused or not. */
      for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
        if (self->rows[f] != NULL && ADW_IS_ENTRY_ROW (self->rows[f]))
          {
            g_autofree char *text = om_device_dup_field_text (device, f);

            self->loading = TRUE;
            gtk_editable_set_text (GTK_EDITABLE (self->rows[f]), text != NULL ? text : "");
            self->loading = FALSE;
          }
      load_all (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE]);
}

void
om_device_editor_set_organisation (OmDeviceEditor *self,
                                   OmOrganisation *organisation)
{
  g_return_if_fail (OM_IS_DEVICE_EDITOR (self));

  if (self->organisation == organisation)
    return;

  if (self->organisation != NULL)
    g_clear_signal_handler (&self->staff_changed_id, om_organisation_get_staff (self->organisation));
  g_set_object (&self->organisation, organisation);
  if (organisation != NULL)
    self->staff_changed_id = g_signal_connect (om_organisation_get_staff (organisation), "items-changed",
                                               G_CALLBACK (on_staff_changed_cb), self);
  load_field (self, OM_DEVICE_FIELD_USER);
}

GtkWidget *
om_device_editor_get_field_row (OmDeviceEditor *self,
                                OmDeviceField   field)
{
  g_return_val_if_fail (OM_IS_DEVICE_EDITOR (self), NULL);
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, NULL);

  return self->rows[field];
}

void
om_device_editor_set_eol_text (OmDeviceEditor *self,
                               const char     *title,
                               const char     *detail,
                               const char     *css_class)
{
  GtkWidget *row;
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };

  g_return_if_fail (OM_IS_DEVICE_EDITOR (self));

  row = GTK_WIDGET (self->eol_row);
  gtk_widget_set_visible (row, title != NULL);
  if (title == NULL)
    return;
  adw_action_row_set_subtitle (self->eol_row, title);
  gtk_widget_set_tooltip_text (row, detail);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (row, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (row, css_class);
}

void
om_device_editor_focus_name (OmDeviceEditor *self)
{
  g_return_if_fail (OM_IS_DEVICE_EDITOR (self));

  gtk_widget_grab_focus (self->rows[OM_DEVICE_FIELD_NAME]);
}

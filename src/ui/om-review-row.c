/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-review-row"

#include "config.h"

#include <glib/gi18n.h>

#include "om-review-row.h"

struct _OmReviewRow
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel  *name_label;
  GtkLabel  *status_label;
  GtkLabel  *details_label;
  GtkLabel  *notes_label;
  GtkWidget *company_button;
  GtkWidget *personal_button;
  GtkWidget *investigate_button;

  /* owned */
  OmDevice  *device;
};

G_DEFINE_FINAL_TYPE (OmReviewRow, om_review_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_details (OmDevice *device)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *ipv4 = om_device_get_ipv4 (device);
  const char * const *macs = om_device_get_macs (device);
  const char *vendor = om_device_get_vendor (device);
  const char *model = om_device_get_model (device);
  GDateTime *first = om_device_get_first_seen (device);
  g_autofree char *os = om_device_dup_os_display (device);

  if (ipv4[0] != NULL)
    g_ptr_array_add (parts, g_strdup (ipv4[0]));
  if (macs[0] != NULL)
    g_ptr_array_add (parts, g_strdup (macs[0]));
  g_ptr_array_add (parts, g_strdup (om_device_kind_to_label (om_device_get_kind (device))));
  if (vendor != NULL && *vendor != '\0')
    g_ptr_array_add (parts, g_strdup (vendor));
  if (model != NULL && *model != '\0')
    g_ptr_array_add (parts, g_strdup (model));
  if (os != NULL && *os != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&os));
  if (first != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (first);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

      /* Translators: %s is a local date and time, "2026-11-26 10:02". */
      g_ptr_array_add (parts, g_strdup_printf (_("first seen %s"), when));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update (OmReviewRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  const char *notes;
  const char *id;

  if (self->device == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->notes_label), FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->company_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->personal_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->investigate_button), NULL);
      return;
    }

  name = om_device_dup_display_name (self->device);
  details = dup_details (self->device);
  notes = om_device_get_notes (self->device);
  id = om_device_get_id (self->device);

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label), details);
  gtk_label_set_text (self->notes_label, notes != NULL ? notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes != NULL && *notes != '\0');

  if (om_device_get_ownership (self->device) == OM_OWNERSHIP_PERSONAL)
    {
      gtk_label_set_text (self->status_label, _("Personal, not allowed yet"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                                   _("Marked as a personal device but not allowed for work"));
    }
  else
    {
      gtk_label_set_text (self->status_label, _("Not registered"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                                   _("Seen on the office network but nobody has confirmed what it is"));
    }

  /* Target first, then the name: a name without its (ss) target makes GTK complain. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->company_button), "(ss)", id, "company");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->personal_button), "(ss)", id, "personal");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->investigate_button), "(ss)", id, "investigate");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->company_button), "scan.review");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->personal_button), "scan.review");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->investigate_button), "scan.review");

  /* Each button says which device it acts on: three "Register" buttons in a row
   * would be indistinguishable to a screen reader. */
  {
    g_autofree char *company = g_strdup_printf (_("Register “%s” as a company device"), name);
    g_autofree char *personal = g_strdup_printf (_("Allow “%s” as a personal device on the guest network"), name);
    g_autofree char *investigate = g_strdup_printf (_("Investigate “%s” and keep it flagged"), name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->company_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, company, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->personal_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, personal, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->investigate_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, investigate, -1);
    gtk_widget_set_tooltip_text (self->company_button, company);
    gtk_widget_set_tooltip_text (self->personal_button, personal);
    gtk_widget_set_tooltip_text (self->investigate_button, investigate);
  }
}

static void
on_device_changed_cb (OmDevice    *device,
                      OmReviewRow *self)
{
  update (self);
}

static void
om_review_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OmReviewRow *self = OM_REVIEW_ROW (object);

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
om_review_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OmReviewRow *self = OM_REVIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      om_review_row_set_device (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_review_row_dispose (GObject *object)
{
  OmReviewRow *self = OM_REVIEW_ROW (object);
  GtkWidget *child;

  if (self->device != NULL)
    g_signal_handlers_disconnect_by_func (self->device, on_device_changed_cb, self);
  g_clear_object (&self->device);
  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_REVIEW_ROW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (om_review_row_parent_class)->dispose (object);
}

static void
om_review_row_class_init (OmReviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = om_review_row_dispose;
  object_class->get_property = om_review_row_get_property;
  object_class->set_property = om_review_row_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_object ("device", NULL, NULL, OM_TYPE_DEVICE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-review-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, company_button);
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, personal_button);
  gtk_widget_class_bind_template_child (widget_class, OmReviewRow, investigate_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
om_review_row_init (OmReviewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
om_review_row_new (void)
{
  return g_object_new (OM_TYPE_REVIEW_ROW, NULL);
}

OmDevice *
om_review_row_get_device (OmReviewRow *self)
{
  g_return_val_if_fail (OM_IS_REVIEW_ROW (self), NULL);

  return self->device;
}

void
om_review_row_set_device (OmReviewRow *self,
                          OmDevice    *device)
{
  g_return_if_fail (OM_IS_REVIEW_ROW (self));
  g_return_if_fail (device == NULL || OM_IS_DEVICE (device));

  if (self->device == device)
    return;
  if (self->device != NULL)
    g_signal_handlers_disconnect_by_func (self->device, on_device_changed_cb, self);
  g_set_object (&self->device, device);
  if (device != NULL)
    g_signal_connect (device, "changed", G_CALLBACK (on_device_changed_cb), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE]);
}

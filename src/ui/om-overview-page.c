/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "om-overview-page.h"
#include "om-window.h"

typedef struct
{
  GtkWidget *button;
  GtkLabel  *number;
  GtkLabel  *caption_label;
  int        count;
  const char *caption;         /* translated: a title under the number, like a dashboard */
  const char *css_class;       /* colours the number, only when it is not zero */
} Card;

struct _OmOverviewPage
{
  GtkWidget parent_instance;

  /* template widgets */
  AdwHeaderBar *header_bar;
  GtkFlowBox   *attention_box;
  GtkWidget    *findings_heading;
  GtkFlowBox   *findings_box;
  GtkFlowBox   *kinds_box;
  GtkStack     *content_stack;

  /* borrowed */
  OmApplication *application;

  /* owned */
  GHashTable   *cards;        /* filter spec → Card */
  guint         recount_id;
};

G_DEFINE_FINAL_TYPE (OmOverviewPage, om_overview_page, GTK_TYPE_WIDGET)

static void
card_free (gpointer data)
{
  g_free (data);
}

static Card *
add_card (OmOverviewPage *self,
          GtkFlowBox     *box,
          const char     *spec,
          const char     *caption,
          const char     *tooltip,
          const char     *css_class)
{
  Card *card = g_new0 (Card, 1);
  GtkWidget *content;

  card->caption = caption;
  card->count = -1;

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  card->number = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (card->number), "om-stat-number");
  gtk_widget_add_css_class (GTK_WIDGET (card->number), "numeric");
  card->css_class = css_class;
  gtk_label_set_xalign (card->number, 0.0);

  card->caption_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (card->caption_label, TRUE);
  gtk_label_set_wrap_mode (card->caption_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (card->caption_label, 0.0);
  gtk_label_set_lines (card->caption_label, 3);

  gtk_box_append (GTK_BOX (content), GTK_WIDGET (card->number));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (card->caption_label));

  card->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (card->button), content);
  gtk_widget_add_css_class (card->button, "card");
  gtk_widget_add_css_class (card->button, "om-stat-card");
  gtk_widget_set_tooltip_text (card->button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (card->button), "win.show-devices");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (card->button), "s", spec);

  gtk_flow_box_append (box, card->button);
  g_hash_table_insert (self->cards, g_strdup (spec), card);
  return card;
}

static void
set_card_count (Card *card,
                int   count,
                gboolean hide_when_zero)
{
  g_autofree char *number = g_strdup_printf ("%d", count);
  g_autofree char *accessible = NULL;
  GtkWidget *child = gtk_widget_get_parent (card->button);   /* the GtkFlowBoxChild */

  card->count = count;
  gtk_label_set_text (card->number, number);
  if (card->css_class != NULL)
    {
      /* A red zero would alarm for nothing; the colour only backs up a real number. */
      if (count > 0)
        gtk_widget_add_css_class (GTK_WIDGET (card->number), card->css_class);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (card->number), card->css_class);
    }
  gtk_label_set_text (card->caption_label, card->caption);
  /* The accessible name is the whole sentence: "3 unsupported operating systems". */
  accessible = g_strdup_printf ("%s: %s", card->caption, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (child != NULL)
    gtk_widget_set_visible (child, !(hide_when_zero && count == 0));
}

static void
recount (OmOverviewPage *self)
{
  OmInventory *inventory = om_application_get_inventory (self->application);
  guint n = om_inventory_get_n_devices (inventory);
  guint kinds[OM_N_DEVICE_KINDS] = { 0 };
  guint statuses[OM_N_EOL_STATUSES] = { 0 };
  guint personal = 0, unregistered = 0;
  OmFindingList *findings = om_application_get_findings (self->application);

  g_clear_handle_id (&self->recount_id, g_source_remove);

  for (guint i = 0; i < n; i++)
    {
      OmDevice *device = om_inventory_get_device (inventory, i);

      kinds[om_device_get_kind (device)]++;
      statuses[om_application_judge_device (self->application, device, NULL)]++;
      if (om_device_get_ownership (device) == OM_OWNERSHIP_PERSONAL)
        personal++;
      if (!om_device_get_registered (device))
        unregistered++;
    }

  /* A new user sees where to begin instead of a wall of zeros; while the file is
   * still being read the cards stay (they fill in a moment later). */
  gtk_stack_set_visible_child_name (self->content_stack,
                                    n == 0 && !om_application_get_loading (self->application)
                                    ? "empty" : "cards");
  set_card_count (g_hash_table_lookup (self->cards, "all"), n, FALSE);
  set_card_count (g_hash_table_lookup (self->cards, "eol:unsupported"), statuses[OM_EOL_STATUS_UNSUPPORTED], FALSE);
  set_card_count (g_hash_table_lookup (self->cards, "eol:ending-soon"), statuses[OM_EOL_STATUS_ENDING_SOON], FALSE);
  set_card_count (g_hash_table_lookup (self->cards, "ownership:personal"), personal, FALSE);
  set_card_count (g_hash_table_lookup (self->cards, "registered:no"), unregistered, FALSE);
  set_card_count (g_hash_table_lookup (self->cards, "eol:unknown"), statuses[OM_EOL_STATUS_UNKNOWN], TRUE);

  if (findings != NULL)
    {
      guint counts[OM_N_SEVERITIES] = { 0 };
      guint total;
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), OM_TYPE_WINDOW);

      om_finding_list_count_open_by_severity (findings, counts);
      for (guint sev = OM_SEVERITY_LOW; sev < OM_N_SEVERITIES; sev++)
        {
          g_autofree char *spec = g_strdup_printf ("findings:%s", om_severity_to_string (sev));

          set_card_count (g_hash_table_lookup (self->cards, spec), counts[sev], FALSE);
        }
      total = om_finding_list_count_open_total (findings);
      if (window != NULL)
        {
          g_autofree char *badge = g_strdup_printf ("%u", total);
          g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open finding",
                                                                   "%u open findings", total), total);

          om_window_set_section_badge (OM_WINDOW (window), "overview", total > 0 ? badge : NULL, tooltip);
        }
    }

  for (guint k = 0; k < OM_N_DEVICE_KINDS; k++)
    {
      g_autofree char *spec = g_strdup_printf ("kind:%s", om_device_kind_to_string (k));

      set_card_count (g_hash_table_lookup (self->cards, spec), kinds[k], TRUE);
    }
}

static gboolean
recount_timeout_cb (gpointer user_data)
{
  OmOverviewPage *self = user_data;

  self->recount_id = 0;
  recount (self);
  return G_SOURCE_REMOVE;
}

static void
queue_recount (OmOverviewPage *self)
{
  /* Typing in the editor changes the inventory on every key: count a moment later, once. */
  if (self->recount_id == 0)
    self->recount_id = g_timeout_add (150, recount_timeout_cb, self);
}

static void
on_inventory_changed_cb (GObject        *inventory,
                         OmOverviewPage *self)
{
  queue_recount (self);
}

static void
on_inventory_items_changed_cb (GListModel     *model,
                               guint           position,
                               guint           removed,
                               guint           added,
                               OmOverviewPage *self)
{
  queue_recount (self);
}

static void
on_eol_changed_cb (OmApplication  *application,
                   OmOverviewPage *self)
{
  recount (self);
}

static void
build_cards (OmOverviewPage *self)
{
  add_card (self, self->attention_box, "eol:unsupported",
            _("Unsupported operating system"),
            _("Operating systems that no longer get security updates. Show these devices."), "error");
  add_card (self, self->attention_box, "eol:ending-soon",
            _("Support ends within 180 days"),
            _("Plan to update or replace these soon. Show these devices."), "warning");
  add_card (self, self->attention_box, "ownership:personal",
            _("Personal devices"),
            _("Devices owned by staff rather than the company. Show these devices."), NULL);
  add_card (self, self->attention_box, "registered:no",
            _("Unregistered devices"),
            _("Devices nobody has confirmed as known and allowed. Show these devices."), NULL);
  add_card (self, self->attention_box, "eol:unknown",
            _("Operating system not known"),
            _("Without the OS and its version Omamori cannot tell whether it is supported. Show these devices."),
            "dim-label");
  add_card (self, self->kinds_box, "all", _("Devices in total"),
            _("Show all devices"), NULL);

  for (guint k = 0; k < OM_N_DEVICE_KINDS; k++)
    {
      g_autofree char *spec = g_strdup_printf ("kind:%s", om_device_kind_to_string (k));
      const char *label = om_device_kind_to_label (k);
      g_autofree char *tooltip = g_strdup_printf (_("Show devices of the kind “%s”"), label);
      add_card (self, self->kinds_box, spec, label, tooltip, NULL);
    }

  /* Most severe first, as the admin should read them. */
  for (int sev = OM_N_SEVERITIES - 1; sev >= OM_SEVERITY_LOW; sev--)
    {
      g_autofree char *spec = g_strdup_printf ("findings:%s", om_severity_to_string (sev));
      const char *label = om_severity_to_label (sev);
      /* Translators: %s is a severity, "High". */
      g_autofree char *tooltip = g_strdup_printf (_("Show devices with open findings of severity “%s”"), label);

      add_card (self, self->findings_box, spec, label, tooltip,
                sev >= OM_SEVERITY_HIGH ? "error" : sev == OM_SEVERITY_MEDIUM ? "warning" : NULL);
    }
}

static void
om_overview_page_constructed (GObject *object)
{
  OmOverviewPage *self = OM_OVERVIEW_PAGE (object);
  OmInventory *inventory = om_application_get_inventory (self->application);

  G_OBJECT_CLASS (om_overview_page_parent_class)->constructed (object);

  build_cards (self);
  g_signal_connect_object (inventory, "changed", G_CALLBACK (on_inventory_changed_cb), self, 0);
  g_signal_connect_object (inventory, "items-changed", G_CALLBACK (on_inventory_items_changed_cb), self, 0);
  g_signal_connect_object (self->application, "eol-changed", G_CALLBACK (on_eol_changed_cb), self, 0);
  g_signal_connect_object (self->application, "notify::loading", G_CALLBACK (queue_recount), self,
                           G_CONNECT_SWAPPED);
  if (om_application_get_findings (self->application) != NULL)
    g_signal_connect_object (om_application_get_findings (self->application), "changed",
                             G_CALLBACK (on_inventory_changed_cb), self, 0);
  recount (self);
}

static void
om_overview_page_dispose (GObject *object)
{
  OmOverviewPage *self = OM_OVERVIEW_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->recount_id, g_source_remove);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_OVERVIEW_PAGE);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (om_overview_page_parent_class)->dispose (object);
}

static void
om_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OmOverviewPage *self = OM_OVERVIEW_PAGE (object);

  if (prop_id == 1)
    self->application = g_value_get_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
om_overview_page_class_init (OmOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = om_overview_page_constructed;
  object_class->dispose = om_overview_page_dispose;
  object_class->set_property = om_overview_page_set_property;

  g_object_class_install_property (object_class, 1,
    g_param_spec_object ("application", NULL, NULL, OM_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OmOverviewPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OmOverviewPage, attention_box);
  gtk_widget_class_bind_template_child (widget_class, OmOverviewPage, findings_heading);
  gtk_widget_class_bind_template_child (widget_class, OmOverviewPage, findings_box);
  gtk_widget_class_bind_template_child (widget_class, OmOverviewPage, kinds_box);
  gtk_widget_class_bind_template_child (widget_class, OmOverviewPage, content_stack);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "omoverviewpage");
}

static void
om_overview_page_init (OmOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, card_free);
  adw_header_bar_pack_end (self->header_bar, om_primary_menu_button_new ());
}

OmOverviewPage *
om_overview_page_new (OmApplication *application)
{
  g_return_val_if_fail (OM_IS_APPLICATION (application), NULL);

  return g_object_new (OM_TYPE_OVERVIEW_PAGE, "application", application, NULL);
}

int
om_overview_page_get_count (OmOverviewPage *self,
                            const char     *filter_spec)
{
  Card *card;

  g_return_val_if_fail (OM_IS_OVERVIEW_PAGE (self), -1);

  if (self->recount_id != 0)
    recount (self);
  card = g_hash_table_lookup (self->cards, filter_spec);
  return card != NULL ? card->count : -1;
}

GtkWidget *
om_overview_page_get_card (OmOverviewPage *self,
                           const char     *filter_spec)
{
  Card *card;

  g_return_val_if_fail (OM_IS_OVERVIEW_PAGE (self), NULL);

  card = g_hash_table_lookup (self->cards, filter_spec);
  return card != NULL ? card->button : NULL;
}

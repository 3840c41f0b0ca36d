/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-text-cell"

#include "config.h"

#include "om-text-cell.h"

struct _OmTextCell
{
  GtkWidget parent_instance;

  char     *text;
  int       min_chars;
  int       nat_chars;
  gboolean  numeric;  /* tabular figures, so addresses and dates line up */
};

G_DEFINE_FINAL_TYPE (OmTextCell, om_text_cell, GTK_TYPE_WIDGET)

/* Font metrics shared by every cell under one list: measured once per font rather
 * than once per cell (the list measures each new row). */
typedef struct
{
  PangoFontDescription *font;
  int                   char_width;  /* Pango units */
  int                   ascent;      /* Pango units */
  int                   height;      /* Pango units */
} Metrics;

static GQuark metrics_quark;

static void
metrics_free (gpointer data)
{
  Metrics *metrics = data;

  pango_font_description_free (metrics->font);
  g_free (metrics);
}

/* The widget whose Pango context the cells borrow: the list they are in (or the
 * cell itself when it has no list, as in a test). */
static GtkWidget *
get_context_widget (OmTextCell *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_COLUMN_VIEW);

  if (view == NULL)
    view = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);
  return view != NULL ? view : GTK_WIDGET (self);
}

static const Metrics *
get_metrics (OmTextCell *self)
{
  GtkWidget *owner = get_context_widget (self);
  PangoContext *context = gtk_widget_get_pango_context (owner);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  Metrics *metrics = g_object_get_qdata (G_OBJECT (owner), metrics_quark);
  PangoFontMetrics *font_metrics;

  if (metrics != NULL && pango_font_description_equal (metrics->font, font))
    return metrics;

  metrics = g_new0 (Metrics, 1);
  metrics->font = pango_font_description_copy (font);
  font_metrics = pango_context_get_metrics (context, font, pango_context_get_language (context));
  metrics->char_width = MAX (pango_font_metrics_get_approximate_char_width (font_metrics),
                             pango_font_metrics_get_approximate_digit_width (font_metrics));
  metrics->ascent = pango_font_metrics_get_ascent (font_metrics);
  metrics->height = MAX (pango_font_metrics_get_height (font_metrics),
                         metrics->ascent + pango_font_metrics_get_descent (font_metrics));
  pango_font_metrics_unref (font_metrics);
  g_object_set_qdata_full (G_OBJECT (owner), metrics_quark, metrics, metrics_free);
  return metrics;
}

static PangoLayout *
create_layout (OmTextCell *self)
{
  PangoLayout *layout = pango_layout_new (gtk_widget_get_pango_context (get_context_widget (self)));

  pango_layout_set_text (layout, self->text != NULL ? self->text : "", -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (self->numeric)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attributes);
    }
  return layout;
}

static void
om_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  OmTextCell *self = OM_TEXT_CELL (widget);
  const Metrics *metrics = get_metrics (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (self->min_chars * metrics->char_width);
      *natural = MAX (*minimum, PANGO_PIXELS_CEIL (self->nat_chars * metrics->char_width));
    }
  else
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (metrics->height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS (metrics->ascent);
    }
}

static void
om_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  OmTextCell *self = OM_TEXT_CELL (widget);
  g_autoptr(PangoLayout) layout = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int layout_height;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  layout = create_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, NULL, &layout_height);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - layout_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
om_text_cell_finalize (GObject *object)
{
  OmTextCell *self = OM_TEXT_CELL (object);

  g_free (self->text);

  G_OBJECT_CLASS (om_text_cell_parent_class)->finalize (object);
}

static void
om_text_cell_class_init (OmTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = om_text_cell_finalize;
  widget_class->measure = om_text_cell_measure;
  widget_class->snapshot = om_text_cell_snapshot;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  metrics_quark = g_quark_from_static_string ("om-text-cell-metrics");
}

static void
om_text_cell_init (OmTextCell *self)
{
}

GtkWidget *
om_text_cell_new (int min_chars,
                  int nat_chars)
{
  OmTextCell *self = g_object_new (OM_TYPE_TEXT_CELL, NULL);

  self->min_chars = MAX (min_chars, 0);
  self->nat_chars = MAX (nat_chars, self->min_chars);
  return GTK_WIDGET (self);
}

const char *
om_text_cell_get_text (OmTextCell *self)
{
  g_return_val_if_fail (OM_IS_TEXT_CELL (self), NULL);

  return self->text;
}

void
om_text_cell_set_text (OmTextCell *self,
                       const char *text)
{
  g_return_if_fail (OM_IS_TEXT_CELL (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  /* The size does not depend on the text: a redraw, never a resize of the column. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
}

void
om_text_cell_set_numeric (OmTextCell *self,
                          gboolean    numeric)
{
  g_return_if_fail (OM_IS_TEXT_CELL (self));

  numeric = !!numeric;
  if (self->numeric == numeric)
    return;
  self->numeric = numeric;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
om_text_cell_is_ellipsized (OmTextCell *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  g_return_val_if_fail (OM_IS_TEXT_CELL (self), FALSE);

  if (self->text == NULL)
    return FALSE;
  layout = create_layout (self);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width > gtk_widget_get_width (GTK_WIDGET (self));
}

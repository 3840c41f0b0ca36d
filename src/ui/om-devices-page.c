/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-devices-page"

#include "config.h"

#include <glib/gi18n.h>

#include "om-devices-page-private.h"
#include "om-device-rows.h"
#include "om-text-cell.h"
#include "om-window.h"

typedef enum {
  COLUMN_NAME,
  COLUMN_KIND,
  COLUMN_USER,
  COLUMN_ADDRESS,
  COLUMN_OS,
  COLUMN_EOL,
  COLUMN_LAST_SEEN,
  N_COLUMNS
} Column;

/* Dropdown index 0 means "any"; index i > 0 maps to enum value i - 1. */
typedef enum {
  FILTER_KIND,
  FILTER_OWNERSHIP,
  FILTER_EOL,
  FILTER_REGISTERED,
  FILTER_FINDINGS,
  N_FILTERS
} FilterId;

struct _OmDevicesPage
{
  GtkWidget parent_instance;

  /* template widgets */
  AdwHeaderBar    *header_bar;
  GtkSearchEntry  *search_entry;
  GtkFlowBox      *filter_box;
  GtkLabel        *count_label;
  GtkStack        *content_stack;
  GtkStack        *list_stack;
  GtkColumnView   *column_view;
  GtkWidget       *editor_box;
  OmDeviceEditor  *editor;

  /* borrowed */
  OmApplication   *application;

  /* owned */
  GtkDropDown        *filters[N_FILTERS];
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  OmDeviceRows       *rows;          /* what the list shows: stable rows over filter_model */
  GtkSingleSelection *selection;
  char               *needle;        /* casefolded search text, NULL when empty */
  GHashTable         *finding_index; /* subject id → bitmask of open severities; NULL = stale */
  GHashTable         *haystacks;     /* OmDevice → Haystack (casefolded searchable text) */
  guint               warm_id;
  guint               warm_position;
  guint               update_idle_id;
  guint               narrow_idle_id;
  gboolean            narrow;        /* too narrow for the list and the editor side by side */
  int                 kind_chars;    /* natural width of the kind column, 0 until computed */
};

G_DEFINE_FINAL_TYPE (OmDevicesPage, om_devices_page, GTK_TYPE_WIDGET)

static void update_counts (OmDevicesPage *self);
static void update_narrow_layout (OmDevicesPage *self);
static void refilter (OmDevicesPage *self);
static int filter_value (OmDevicesPage *self, FilterId id);

/* Cell text */

/* Cell widths in characters (the EOL badge is a label and sizes itself; the kind
 * column's natural width is its longest label, see kind_width_chars()). */
static const int cell_min_chars[N_COLUMNS] = { 16, 8, 12, 12, 18, 0, 10 };
static const int cell_nat_chars[N_COLUMNS] = { 22, 0, 18, 15, 28, 0, 16 };

/* Width of @text in character cells: East Asian wide characters take two. */
static int
width_chars (const char *text)
{
  int n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    n += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return n;
}

/* The longest (translated) kind label, so that column shows every kind whole. */
static int
kind_width_chars (void)
{
  int widest = 0;

  for (guint i = 0; i < OM_N_DEVICE_KINDS; i++)
    widest = MAX (widest, width_chars (om_device_kind_to_label (i)));
  return widest;
}

static char *
dup_user_text (OmDevicesPage *self,
               OmDevice      *device)
{
  const char *user = om_device_get_user (device);
  OmOrganisation *organisation = om_application_get_organisation (self->application);
  OmStaff *staff;

  if (user == NULL || *user == '\0')
    return NULL;
  staff = organisation != NULL ? om_organisation_find_staff (organisation, user) : NULL;
  return g_strdup (staff != NULL ? om_staff_get_name (staff) : user);
}

static char *
dup_last_seen_text (OmDevice *device)
{
  GDateTime *last = om_device_get_last_seen (device);
  g_autoptr(GDateTime) local = NULL;

  if (last == NULL)
    return NULL;
  local = g_date_time_to_local (last);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
dup_cell_text (OmDevicesPage *self,
               OmDevice      *device,
               Column         column)
{
  const char * const *addresses;

  switch (column)
    {
    case COLUMN_NAME:
      {
        char *name = om_device_dup_display_name (device);

        if (name == NULL || *name == '\0')
          {
            g_free (name);
            return g_strdup (_("Unnamed device"));
          }
        return name;
      }
    case COLUMN_KIND:
      return g_strdup (om_device_kind_to_label (om_device_get_kind (device)));
    case COLUMN_USER:
      {
        g_autofree char *user = dup_user_text (self, device);
        OmOwnership ownership = om_device_get_ownership (device);

        /* Personal devices say so next to the person: that is what the admin scans for. */
        if (ownership == OM_OWNERSHIP_PERSONAL)
          return user != NULL ? g_strdup_printf (_("%s (personal)"), user) : g_strdup (_("Personal"));
        return g_steal_pointer (&user);
      }
    case COLUMN_ADDRESS:
      addresses = om_device_get_ipv4 (device);
      if (addresses[0] == NULL)
        addresses = om_device_get_ipv6 (device);
      return addresses[0] != NULL ? g_strdup (addresses[0]) : NULL;
    case COLUMN_OS:
      return om_device_dup_os_display (device);
    case COLUMN_LAST_SEEN:
      return dup_last_seen_text (device);
    case COLUMN_EOL:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
eol_css_class (OmEolStatus status)
{
  switch (status)
    {
    case OM_EOL_STATUS_SUPPORTED:
      return "success";
    case OM_EOL_STATUS_ENDING_SOON:
      return "warning";
    case OM_EOL_STATUS_UNSUPPORTED:
      return "error";
    case OM_EOL_STATUS_UNKNOWN:
    case OM_N_EOL_STATUSES:
    default:
      return "dim-label";
    }
}

/* What a cell shows. Kept on the cell widget itself (one qdata lookup) rather than
 * in several g_object_set_data() entries: GTK 4.8's list views keep about 200 rows
 * of seven cells and create or rebind most of them on a search keystroke. */
typedef struct
{
  OmDevicesPage *page;
  OmDeviceRow   *row;         /* borrowed while bound; the list item holds it */
  gulong         row_notify_id;
  OmDevice      *device;      /* borrowed: the row holds it */
  gulong         notify_id;
  Column         column;
  int            eol_status;  /* the badge's current class, -1 before the first bind */
} Cell;

static GQuark cell_quark;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  /* The widget is going away: whatever GTK did or did not unbind, the device must
   * not call back into it. */
  if (cell->device != NULL)
    g_clear_signal_handler (&cell->notify_id, cell->device);
  if (cell->row != NULL)
    g_clear_signal_handler (&cell->row_notify_id, cell->row);
  g_free (cell);
}

static Cell *
get_cell (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), cell_quark);
}

static void
update_eol_badge (Cell      *cell,
                  GtkWidget *label)
{
  OmEolStatus status = om_application_judge_device (cell->page->application, cell->device, NULL);

  /* Changing classes restyles the widget: only when the status does change. */
  if ((int) status == cell->eol_status)
    return;
  if (cell->eol_status >= 0)
    gtk_widget_remove_css_class (label, eol_css_class (cell->eol_status));
  gtk_widget_add_css_class (label, eol_css_class (status));
  gtk_label_set_text (GTK_LABEL (label), om_eol_status_to_label (status));
  cell->eol_status = status;
}

static void
update_cell (GtkWidget *widget)
{
  Cell *cell = get_cell (widget);
  g_autofree char *text = NULL;

  if (cell->device == NULL)
    return;

  if (cell->column == COLUMN_EOL)
    {
      update_eol_badge (cell, widget);
      return;
    }
  text = dup_cell_text (cell->page, cell->device, cell->column);
  om_text_cell_set_text (OM_TEXT_CELL (widget), text);
}

/* One tooltip handler on the column view for every cell, computed when asked for:
 * a handler per cell would be set up again for each of the rows GTK recreates on
 * every keystroke, and setting tooltip text on each bind costs an X round trip
 * (GTK 4.8 re-checks the pointer). */
static gboolean
on_list_query_tooltip_cb (GtkWidget     *view,
                          int            x,
                          int            y,
                          gboolean       keyboard,
                          GtkTooltip    *tooltip,
                          OmDevicesPage *self)
{
  GtkWidget *widget;
  g_autofree char *text = NULL;
  Cell *cell = NULL;

  if (keyboard)
    widget = gtk_root_get_focus (gtk_widget_get_root (view));
  else
    widget = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  for (; widget != NULL && widget != view; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if ((cell = get_cell (widget)) != NULL)
        break;
      /* The pointer on a cell's padding picks GTK's cell container, not our widget. */
      if (child != NULL && gtk_widget_get_next_sibling (child) == NULL && (cell = get_cell (child)) != NULL)
        {
          widget = child;
          break;
        }
    }
  if (cell == NULL || cell->device == NULL)
    return FALSE;

  if (cell->column == COLUMN_EOL)
    /* The badge's reason: end date, source and what it means. */
    om_application_judge_device (self->application, cell->device, &text);
  else
    {
      /* Long names and OS strings are shortened in the cell; the tooltip shows them whole. */
      if (om_text_cell_is_ellipsized (OM_TEXT_CELL (widget)))
        text = g_strdup (om_text_cell_get_text (OM_TEXT_CELL (widget)));
    }

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_cell_device_notify_cb (OmDevice   *device,
                          GParamSpec *pspec,
                          GtkWidget  *widget)
{
  update_cell (widget);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               OmDevicesPage            *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "om-column"));
  Cell *cell = g_new0 (Cell, 1);
  GtkWidget *widget;

  if (column == COLUMN_EOL)
    {
      /* A label, not an inscription: the badge's background is as wide as its text. */
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 0.0);
      gtk_label_set_single_line_mode (GTK_LABEL (widget), TRUE);
      gtk_widget_add_css_class (widget, "om-eol-badge");
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
    }
  else
    {
      /* Plain text only (device strings come from the network and from imported
       * files), sized by character counts: binding a row to another device does not
       * re-measure the whole column. A minimum, not a fixed width: columns never
       * squeeze below a readable size (the list scrolls sideways instead) and can
       * be widened by dragging. */
      if (self->kind_chars == 0)
        self->kind_chars = kind_width_chars ();
      widget = om_text_cell_new (cell_min_chars[column],
                                 column == COLUMN_KIND ? self->kind_chars : cell_nat_chars[column]);
      om_text_cell_set_numeric (OM_TEXT_CELL (widget), column == COLUMN_ADDRESS || column == COLUMN_LAST_SEEN);
    }
  cell->page = self;
  cell->column = column;
  cell->eol_status = -1;
  g_object_set_qdata_full (G_OBJECT (widget), cell_quark, cell, cell_free);
  gtk_list_item_set_child (item, widget);
}

static void
set_cell_device (GtkWidget *widget,
                 OmDevice  *device)
{
  Cell *cell = get_cell (widget);

  if (cell->device == device)
    return;
  if (cell->device != NULL)
    g_clear_signal_handler (&cell->notify_id, cell->device);
  cell->device = device;
  /* A plain handler, disconnected when the row shows another device, on unbind and
   * when the widget goes: g_signal_connect_object() would add weak references on
   * both sides for each of the ~1,400 cells. */
  if (device != NULL)
    cell->notify_id = g_signal_connect (device, "notify", G_CALLBACK (on_cell_device_notify_cb), widget);
  update_cell (widget);
}

static void
on_cell_row_device_cb (OmDeviceRow *row,
                       GParamSpec  *pspec,
                       GtkWidget   *widget)
{
  set_cell_device (widget, om_device_row_get_device (row));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              OmDevicesPage            *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Cell *cell = get_cell (widget);

  cell->row = gtk_list_item_get_item (item);
  cell->row_notify_id = g_signal_connect (cell->row, "notify::device", G_CALLBACK (on_cell_row_device_cb), widget);
  set_cell_device (widget, om_device_row_get_device (cell->row));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                OmDevicesPage            *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Cell *cell = widget != NULL ? get_cell (widget) : NULL;

  if (cell == NULL)
    return;
  if (cell->device != NULL)
    g_clear_signal_handler (&cell->notify_id, cell->device);
  cell->device = NULL;
  if (cell->row != NULL)
    g_clear_signal_handler (&cell->row_notify_id, cell->row);
  cell->row = NULL;
}

/* Sorting: every column sorts by a key computed once per device (GtkStringSorter
 * and GtkNumericSorter cache keys), so 10,000 rows sort without re-reading each
 * device O(n log n) times. */

static char *
sort_key_name (OmDevice *device, gpointer user_data)
{
  return om_device_dup_display_name (device);
}

static char *
sort_key_kind (OmDevice *device, gpointer user_data)
{
  return g_strdup (om_device_kind_to_label (om_device_get_kind (device)));
}

static char *
sort_key_user (OmDevice *device, gpointer user_data)
{
  return dup_cell_text (user_data, device, COLUMN_USER);
}

static char *
sort_key_os (OmDevice *device, gpointer user_data)
{
  return om_device_dup_os_display (device);
}

static guint64
sort_key_address (OmDevice *device, gpointer user_data)
{
  const char * const *addresses = om_device_get_ipv4 (device);
  guint64 key = 0;
  const char *p;

  if (addresses[0] == NULL)
    return G_MAXUINT64;   /* devices without an address sort last */
  p = addresses[0];
  for (int octet = 0; octet < 4; octet++)
    {
      guint64 value = g_ascii_strtoull (p, (char **) &p, 10);

      key = (key << 8) | (value & 0xff);
      if (*p == '.')
        p++;
    }
  return key;
}

static int
sort_key_eol (OmDevice *device, gpointer user_data)
{
  OmDevicesPage *self = user_data;
  /* Most urgent first when ascending: unsupported, ending soon, unknown, supported. */
  static const int rank[OM_N_EOL_STATUSES] = {
    [OM_EOL_STATUS_UNSUPPORTED] = 0, [OM_EOL_STATUS_ENDING_SOON] = 1,
    [OM_EOL_STATUS_UNKNOWN] = 2, [OM_EOL_STATUS_SUPPORTED] = 3,
  };

  return rank[om_application_judge_device (self->application, device, NULL)];
}

static gint64
sort_key_last_seen (OmDevice *device, gpointer user_data)
{
  GDateTime *last = om_device_get_last_seen (device);

  /* Ascending shows the most recently seen first; never seen goes last. */
  return last != NULL ? -g_date_time_to_unix (last) : G_MAXINT64;
}

static GtkSorter *
create_sorter (OmDevicesPage *self,
               Column         column)
{
  GtkExpression *expression;

  switch (column)
    {
    case COLUMN_NAME:
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (sort_key_name), self, NULL);
      return GTK_SORTER (gtk_string_sorter_new (expression));
    case COLUMN_KIND:
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (sort_key_kind), self, NULL);
      return GTK_SORTER (gtk_string_sorter_new (expression));
    case COLUMN_USER:
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (sort_key_user), self, NULL);
      return GTK_SORTER (gtk_string_sorter_new (expression));
    case COLUMN_OS:
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (sort_key_os), self, NULL);
      return GTK_SORTER (gtk_string_sorter_new (expression));
    case COLUMN_ADDRESS:
      expression = gtk_cclosure_expression_new (G_TYPE_UINT64, NULL, 0, NULL, G_CALLBACK (sort_key_address), self, NULL);
      return GTK_SORTER (gtk_numeric_sorter_new (expression));
    case COLUMN_EOL:
      expression = gtk_cclosure_expression_new (G_TYPE_INT, NULL, 0, NULL, G_CALLBACK (sort_key_eol), self, NULL);
      return GTK_SORTER (gtk_numeric_sorter_new (expression));
    case COLUMN_LAST_SEEN:
      expression = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL, G_CALLBACK (sort_key_last_seen), self, NULL);
      return GTK_SORTER (gtk_numeric_sorter_new (expression));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Filtering */

static int
filter_value (OmDevicesPage *self,
              FilterId       id)
{
  guint selected = gtk_drop_down_get_selected (self->filters[id]);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

/* Which devices have open findings of which severity, built once per change of the
 * findings rather than once per device. */
static GHashTable *
get_finding_index (OmDevicesPage *self)
{
  OmFindingList *findings;

  if (self->finding_index != NULL)
    return self->finding_index;

  self->finding_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  findings = om_application_get_findings (self->application);
  for (guint i = 0; findings != NULL && i < om_finding_list_get_n_findings (findings); i++)
    {
      OmFinding *finding = om_finding_list_get_finding (findings, i);
      const char *subject = om_finding_get_subject_id (finding);
      guint mask;

      if (subject == NULL || !om_finding_is_open (finding))
        continue;
      mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->finding_index, subject));
      mask |= 1u << om_finding_get_severity (finding);
      g_hash_table_insert (self->finding_index, g_strdup (subject), GUINT_TO_POINTER (mask));
    }
  return self->finding_index;
}

static void
on_findings_changed_cb (OmFindingList *findings,
                        OmDevicesPage *self)
{
  g_clear_pointer (&self->finding_index, g_hash_table_unref);
  if (filter_value (self, FILTER_FINDINGS) >= 0)
    refilter (self);
}

/* What om_device_matches_text() searches, casefolded once per device and kept until
 * the inventory changes: each keystroke is then one strstr() per device instead of
 * casefolding a dozen fields of 10,000 devices again. */
static char *
build_haystack (OmDevice *device)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *value = NULL;

      switch (om_device_field_get_type (f))
        {
        case OM_FIELD_TYPE_STRING:
          value = om_device_dup_field_text (device, f);
          break;
        case OM_FIELD_TYPE_STRV:
          {
            const char * const *items = f == OM_DEVICE_FIELD_MACS ? om_device_get_macs (device)
                                        : f == OM_DEVICE_FIELD_IPV4 ? om_device_get_ipv4 (device)
                                        : f == OM_DEVICE_FIELD_IPV6 ? om_device_get_ipv6 (device)
                                        : f == OM_DEVICE_FIELD_HOSTNAMES ? om_device_get_hostnames (device)
                                        : om_device_get_identifiers (device);

            /* One item per line, so a needle never matches across two items. */
            value = g_strjoinv ("\n", (char **) items);
            break;
          }
        case OM_FIELD_TYPE_ENUM:
          value = g_strdup (f == OM_DEVICE_FIELD_KIND ? om_device_kind_to_label (om_device_get_kind (device))
                                                      : om_ownership_to_label (om_device_get_ownership (device)));
          break;
        case OM_FIELD_TYPE_BOOLEAN:
        case OM_FIELD_TYPE_SERVICES:
        default:
          break;
        }
      if (value != NULL && *value != '\0')
        {
          g_string_append (text, value);
          g_string_append_c (text, '\n');
        }
    }
  return g_utf8_casefold (text->str, text->len);
}

/* A device's haystack, dropped when that device changes (not when any device
 * does: after one edit the next keystroke must not casefold 10,000 devices). The
 * entry holds a reference so its key cannot be reused by a new device. */
typedef struct
{
  GHashTable *table;
  OmDevice   *device;
  char       *text;
  gulong      changed_id;
} Haystack;

static void
haystack_free (gpointer data)
{
  Haystack *haystack = data;

  g_clear_signal_handler (&haystack->changed_id, haystack->device);
  g_object_unref (haystack->device);
  g_free (haystack->text);
  g_free (haystack);
}

static void
on_haystack_device_changed_cb (OmDevice *device,
                               Haystack *haystack)
{
  g_hash_table_remove (haystack->table, device);
}

static const char *
get_haystack (OmDevicesPage *self,
              OmDevice      *device)
{
  Haystack *haystack;

  if (self->haystacks == NULL)
    self->haystacks = g_hash_table_new_full (NULL, NULL, NULL, haystack_free);
  haystack = g_hash_table_lookup (self->haystacks, device);
  if (haystack == NULL)
    {
      haystack = g_new0 (Haystack, 1);
      haystack->table = self->haystacks;
      haystack->device = g_object_ref (device);
      haystack->text = build_haystack (device);
      haystack->changed_id = g_signal_connect (device, "changed", G_CALLBACK (on_haystack_device_changed_cb),
                                               haystack);
      g_hash_table_insert (self->haystacks, device, haystack);
    }
  return haystack->text;
}

static gboolean
device_matches (OmDevicesPage *self,
                OmDevice      *device)
{
  return strstr (get_haystack (self, device), self->needle) != NULL;
}

static void
on_inventory_items_changed_cb (GListModel    *inventory,
                               guint          position,
                               guint          removed,
                               guint          added,
                               OmDevicesPage *self)
{
  /* Entries keep their devices alive: let removed devices go (rare, and the
   * haystacks are rebuilt when next searched). */
  if (removed > 0)
    g_clear_pointer (&self->haystacks, g_hash_table_unref);
}

/* Casefold every device's haystack in the background once the admin heads for the
 * search entry, in slices short enough not to delay a frame, so that the first
 * keystroke does not pay for 10,000 devices at once. */
static gboolean
warm_haystacks_cb (gpointer user_data)
{
  OmDevicesPage *self = user_data;
  OmInventory *inventory = om_application_get_inventory (self->application);
  guint n = om_inventory_get_n_devices (inventory);
  gint64 deadline = g_get_monotonic_time () + 4000;

  while (self->warm_position < n && g_get_monotonic_time () < deadline)
    for (guint i = 0; i < 64 && self->warm_position < n; i++)
      get_haystack (self, om_inventory_get_device (inventory, self->warm_position++));
  if (self->warm_position < n)
    return G_SOURCE_CONTINUE;
  self->warm_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_search_focus_enter_cb (OmDevicesPage *self)
{
  if (self->warm_id == 0 && !om_application_get_loading (self->application))
    {
      self->warm_position = 0;
      self->warm_id = g_idle_add_full (G_PRIORITY_LOW, warm_haystacks_cb, self, NULL);
    }
}

static gboolean
filter_device_cb (gpointer item,
                  gpointer user_data)
{
  OmDevicesPage *self = user_data;
  OmDevice *device = item;
  int kind = filter_value (self, FILTER_KIND);
  int ownership = filter_value (self, FILTER_OWNERSHIP);
  int eol = filter_value (self, FILTER_EOL);
  int registered = filter_value (self, FILTER_REGISTERED);
  int findings = filter_value (self, FILTER_FINDINGS);

  if (kind >= 0 && (int) om_device_get_kind (device) != kind)
    return FALSE;
  if (ownership >= 0 && (int) om_device_get_ownership (device) != ownership)
    return FALSE;
  /* registered dropdown: 0 = registered, 1 = not registered */
  if (registered >= 0 && om_device_get_registered (device) != (registered == 0))
    return FALSE;
  if (eol >= 0 && (int) om_application_judge_device (self->application, device, NULL) != eol)
    return FALSE;
  if (self->needle != NULL && !device_matches (self, device))
    return FALSE;
  if (findings >= 0)
    {
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (get_finding_index (self), om_device_get_id (device)));

      if ((mask & (1u << findings)) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
refilter_with (OmDevicesPage   *self,
               GtkFilterChange  change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_counts (self);
}

static void
refilter (OmDevicesPage *self)
{
  refilter_with (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Sets the search text and says how the set of matches can change, so the filter
 * model re-checks only what it must: typing one more character (the new text
 * contains the old) can only drop devices from the visible ones, a backspace can
 * only add hidden ones. Returns FALSE if the search is the same as before. */
static gboolean
set_needle (OmDevicesPage   *self,
            const char      *text,
            GtkFilterChange *change)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *old = g_steal_pointer (&self->needle);

  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);

  if (g_strcmp0 (old, self->needle) == 0)
    return FALSE;
  if (old == NULL || (self->needle != NULL && strstr (self->needle, old) != NULL))
    *change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle == NULL || strstr (old, self->needle) != NULL)
    *change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    *change = GTK_FILTER_CHANGE_DIFFERENT;
  return TRUE;
}

static void
apply_search_text (OmDevicesPage *self,
                   const char    *text)
{
  GtkFilterChange change;

  if (set_needle (self, text, &change))
    refilter_with (self, change);
}

static void
on_search_changed_cb (OmDevicesPage *self)
{
  apply_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search_cb (OmDevicesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  om_devices_page_set_search_text (self, NULL);
}

static void
on_filter_selected_cb (GtkDropDown   *dropdown,
                       GParamSpec    *pspec,
                       OmDevicesPage *self)
{
  refilter (self);
}

/* Counts, empty state, badge */

static gboolean
update_counts_idle_cb (gpointer user_data)
{
  OmDevicesPage *self = user_data;
  OmInventory *inventory = om_application_get_inventory (self->application);
  guint total = om_inventory_get_n_devices (inventory);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;
  GtkWidget *window;

  self->update_idle_id = 0;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device", "%u devices", total), total);
  else
    /* Translators: "3 of 120 devices" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u device", "%u of %u devices", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);

  /* No "No devices yet" while the file is still being read. */
  gtk_stack_set_visible_child_name (self->content_stack,
                                    total == 0 && !om_application_get_loading (self->application) ? "empty" : "list");
  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 && total > 0 ? "no-results" : "list");
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), total > 0);

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), OM_TYPE_WINDOW);
  if (window != NULL)
    {
      g_autofree char *badge = g_strdup_printf ("%u", total);
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u device in the inventory",
                                                               "%u devices in the inventory", total),
                                                  total);

      om_window_set_section_badge (OM_WINDOW (window), "devices", total > 0 ? badge : NULL, tooltip);
    }
  return G_SOURCE_REMOVE;
}

static void
update_counts (OmDevicesPage *self)
{
  /* Coalesce: an import adds thousands of rows, the label needs one update. */
  if (self->update_idle_id == 0)
    self->update_idle_id = g_idle_add (update_counts_idle_cb, self);
}

/* Rows stay where they are while their devices change, so the selection would
 * stay on a position: keep it on the device open in the editor instead, and
 * clear it when a filter hides that device or the editor was closed (deleted). */
static void
sync_selection (OmDevicesPage *self)
{
  OmDevice *device = om_device_editor_get_device (self->editor);
  OmDeviceRow *selected = gtk_single_selection_get_selected_item (self->selection);
  guint position;

  if (selected != NULL && om_device_row_get_device (selected) == device)
    return;
  if (device != NULL && om_device_rows_find (self->rows, device, &position))
    gtk_single_selection_set_selected (self->selection, position);
  else if (selected != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_model_items_changed_cb (GListModel    *model,
                           guint          position,
                           guint          removed,
                           guint          added,
                           OmDevicesPage *self)
{
  sync_selection (self);
  update_counts (self);
}

static void
refresh_cells_in (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (get_cell (child) != NULL)
        update_cell (child);
      else
        refresh_cells_in (child);
    }
}

/* Rows are rebound in place and only when their device changes, so what a cell
 * shows from elsewhere (the EOL judgement, staff names) is refreshed here. */
static void
refresh_cells (OmDevicesPage *self)
{
  refresh_cells_in (GTK_WIDGET (self->column_view));
}

static void
on_eol_changed_cb (OmApplication *application,
                   OmDevicesPage *self)
{
  refresh_cells (self);
  refilter (self);
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Selection and editor */

static void
update_editor_eol (OmDevicesPage *self)
{
  OmDevice *device = om_device_editor_get_device (self->editor);
  g_autofree char *detail = NULL;
  OmEolStatus status;

  if (device == NULL)
    return;
  status = om_application_judge_device (self->application, device, &detail);
  om_device_editor_set_eol_text (self->editor, om_eol_status_to_label (status), detail, eol_css_class (status));
}

static void
on_editor_device_notify_cb (OmDevice      *device,
                            GParamSpec    *pspec,
                            OmDevicesPage *self)
{
  update_editor_eol (self);
}

static void
show_device (OmDevicesPage *self,
             OmDevice      *device)
{
  OmDevice *old = om_device_editor_get_device (self->editor);

  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, on_editor_device_notify_cb, self);
  om_device_editor_set_device (self->editor, device);
  gtk_widget_set_visible (self->editor_box, device != NULL);
  update_narrow_layout (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.delete", device != NULL);
  if (device != NULL)
    {
      g_signal_connect_object (device, "notify::os-display", G_CALLBACK (on_editor_device_notify_cb), self, 0);
      update_editor_eol (self);
    }
}

static void
on_selection_changed_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         OmDevicesPage      *self)
{
  OmDeviceRow *row = gtk_single_selection_get_selected_item (selection);
  OmDevice *device = row != NULL ? om_device_row_get_device (row) : NULL;

  if (device != NULL && device != om_device_editor_get_device (self->editor))
    show_device (self, device);
}

/* On a narrow window the editor takes the whole width while it is open; "Close"
 * brings the list back. */
static void
update_narrow_layout (OmDevicesPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->list_stack),
                          !(self->narrow && gtk_widget_get_visible (self->editor_box)));
}

static gboolean
narrow_idle_cb (gpointer user_data)
{
  OmDevicesPage *self = user_data;

  self->narrow_idle_id = 0;
  update_narrow_layout (self);
  return G_SOURCE_REMOVE;
}

/* A bin, by hand rather than with GtkBinLayout: a layout manager would take
 * size_allocate away, and the page needs to see its width. */
static void
om_devices_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
om_devices_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);
  gboolean narrow = width < 720;

  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Visibility must not change during allocation: apply it right after. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_idle_id == 0)
        self->narrow_idle_id = g_idle_add (narrow_idle_cb, self);
    }
}

/* Actions */

static void
clear_filters (OmDevicesPage *self)
{
  for (guint i = 0; i < N_FILTERS; i++)
    {
      g_signal_handlers_block_by_func (self->filters[i], on_filter_selected_cb, self);
      gtk_drop_down_set_selected (self->filters[i], 0);
      g_signal_handlers_unblock_by_func (self->filters[i], on_filter_selected_cb, self);
    }
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  g_clear_pointer (&self->needle, g_free);
  refilter (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);
  g_autoptr(OmDevice) device = om_device_new ();

  om_device_offer_enum (device, OM_DEVICE_FIELD_OWNERSHIP, OM_OWNERSHIP_COMPANY, OM_ORIGIN_MANUAL, NULL);
  om_device_offer_boolean (device, OM_DEVICE_FIELD_REGISTERED, TRUE, OM_ORIGIN_MANUAL, NULL);
  om_inventory_add (om_application_get_inventory (self->application), device);
  om_devices_page_select_device (self, device);
  om_device_editor_focus_name (self->editor);
}

static void
on_undo_delete_cb (AdwToast      *toast,
                   OmDevicesPage *self)
{
  OmDevice *device = g_object_get_data (G_OBJECT (toast), "om-device");
  int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "om-position"));
  OmInventory *inventory = om_application_get_inventory (self->application);

  if (om_inventory_find_by_id (inventory, om_device_get_id (device)) != NULL)
    return;
  om_inventory_insert (inventory, MIN ((guint) position, om_inventory_get_n_devices (inventory)), device);
  om_devices_page_select_device (self, device);
}

static void
add_toast (OmDevicesPage *self,
           AdwToast      *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), OM_TYPE_WINDOW);

  if (window != NULL)
    om_window_add_toast (OM_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);
  OmDevice *device = om_device_editor_get_device (self->editor);

  if (device != NULL)
    om_devices_page_delete_device (self, device);
}

static void
close_editor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  show_device (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (OM_DEVICES_PAGE (widget));
}


/* Construction */

static GtkDropDown *
add_filter (OmDevicesPage *self,
            FilterId       id,
            const char    *any_label,
            const char    *accessible_name,
            const char * const *labels,
            guint          n_labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  gtk_string_list_append (list, any_label);
  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (list, labels[i]);

  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_filter_selected_cb), self);
  gtk_flow_box_append (self->filter_box, GTK_WIDGET (dropdown));
  self->filters[id] = dropdown;
  return dropdown;
}

static void
build_filters (OmDevicesPage *self)
{
  const char *kinds[OM_N_DEVICE_KINDS];
  const char *ownerships[OM_N_OWNERSHIPS];
  const char *statuses[OM_N_EOL_STATUSES];
  const char *registered[] = { _("Registered"), _("Not registered") };
  const char *severities[OM_N_SEVERITIES];

  for (guint i = 0; i < OM_N_DEVICE_KINDS; i++)
    kinds[i] = om_device_kind_to_label (i);
  for (guint i = 0; i < OM_N_OWNERSHIPS; i++)
    ownerships[i] = om_ownership_to_label (i);
  for (guint i = 0; i < OM_N_EOL_STATUSES; i++)
    statuses[i] = om_eol_status_to_label (i);
  for (guint i = 0; i < OM_N_SEVERITIES; i++)
    severities[i] = om_severity_to_label (i);

  add_filter (self, FILTER_KIND, _("All kinds"), _("Filter by kind"), kinds, OM_N_DEVICE_KINDS);
  add_filter (self, FILTER_OWNERSHIP, _("Any ownership"), _("Filter by ownership"), ownerships, OM_N_OWNERSHIPS);
  add_filter (self, FILTER_EOL, _("Any support status"), _("Filter by operating system support"),
              statuses, OM_N_EOL_STATUSES);
  add_filter (self, FILTER_REGISTERED, _("Registered or not"), _("Filter by registration"),
              registered, G_N_ELEMENTS (registered));
  add_filter (self, FILTER_FINDINGS, _("Any findings"), _("Filter by open findings of a severity"),
              severities, OM_N_SEVERITIES);
}

static const char * const column_ids[N_COLUMNS] = {
  "name", "kind", "user", "address", "os", "eol", "last-seen",
};

static void
add_column (OmDevicesPage *self,
            Column         column,
            const char    *title,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "om-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  sorter = create_sorter (self, column);
  gtk_column_view_column_set_sorter (view_column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  g_object_set_data (G_OBJECT (view_column), "om-column-id", (gpointer) column_ids[column]);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
build_list (OmDevicesPage *self)
{
  OmInventory *inventory = om_application_get_inventory (self->application);
  GListModel *columns;
  GtkColumnViewColumn *name_column;

  add_column (self, COLUMN_NAME, _("Name"), TRUE);
  add_column (self, COLUMN_KIND, _("Kind"), FALSE);
  add_column (self, COLUMN_USER, _("User"), FALSE);
  add_column (self, COLUMN_ADDRESS, _("Address"), FALSE);
  add_column (self, COLUMN_OS, _("Operating System"), TRUE);
  add_column (self, COLUMN_EOL, _("Support"), FALSE);
  add_column (self, COLUMN_LAST_SEEN, _("Last Seen"), FALSE);

  /* Sort first, then filter: a search keystroke only refilters an already sorted
   * list instead of making the sort model digest thousands of removals. */
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (inventory)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_device_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  /* No autoselect before the model is set, or the first device would open in the editor. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->rows = om_device_rows_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->column_view), TRUE);
  g_signal_connect (self->column_view, "query-tooltip", G_CALLBACK (on_list_query_tooltip_cb), self);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self);

  columns = gtk_column_view_get_columns (self->column_view);
  name_column = g_list_model_get_item (columns, 0);
  gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);
  g_object_unref (name_column);
}

static void
om_devices_page_constructed (GObject *object)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (object);

  G_OBJECT_CLASS (om_devices_page_parent_class)->constructed (object);

  build_list (self);
  om_device_editor_set_organisation (self->editor, om_application_get_organisation (self->application));
  g_signal_connect_object (self->application, "eol-changed", G_CALLBACK (on_eol_changed_cb), self, 0);
  if (om_application_get_organisation (self->application) != NULL)
    g_signal_connect_object (om_application_get_organisation (self->application), "changed",
                             G_CALLBACK (refresh_cells), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (om_application_get_inventory (self->application), "items-changed",
                           G_CALLBACK (on_inventory_items_changed_cb), self, 0);
  g_signal_connect_object (self->application, "notify::loading", G_CALLBACK (update_counts), self,
                           G_CONNECT_SWAPPED);
  if (om_application_get_findings (self->application) != NULL)
    g_signal_connect_object (om_application_get_findings (self->application), "changed",
                             G_CALLBACK (on_findings_changed_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.delete", FALSE);
  update_counts (self);
}

static void
om_devices_page_dispose (GObject *object)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (object);
  GtkWidget *child;

  if (self->editor != NULL)
    show_device (self, NULL);
  g_clear_handle_id (&self->update_idle_id, g_source_remove);
  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  g_clear_handle_id (&self->warm_id, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->finding_index, g_hash_table_unref);
  g_clear_pointer (&self->haystacks, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_DEVICES_PAGE);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (om_devices_page_parent_class)->dispose (object);
}

static void
om_devices_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OmDevicesPage *self = OM_DEVICES_PAGE (object);

  if (prop_id == 1)
    self->application = g_value_get_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
om_devices_page_class_init (OmDevicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = om_devices_page_constructed;
  object_class->dispose = om_devices_page_dispose;
  widget_class->measure = om_devices_page_measure;
  widget_class->size_allocate = om_devices_page_size_allocate;
  object_class->set_property = om_devices_page_set_property;

  g_object_class_install_property (object_class, 1,
    g_param_spec_object ("application", NULL, NULL, OM_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-devices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, editor_box);
  gtk_widget_class_bind_template_child (widget_class, OmDevicesPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "devices.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "devices.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "devices.close-editor", NULL, close_editor_action);
  gtk_widget_class_install_action (widget_class, "devices.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "devices.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "devices.import", NULL, om_devices_page_import_action);
  gtk_widget_class_install_action (widget_class, "devices.export", "s", om_devices_page_export_action);

  gtk_widget_class_set_css_name (widget_class, "omdevicespage");
  cell_quark = g_quark_from_static_string ("om-devices-page-cell");
}

static void
om_devices_page_init (OmDevicesPage *self)
{
  GtkEventController *shortcuts;
  GtkEventController *focus;

  g_type_ensure (OM_TYPE_DEVICE_EDITOR);
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_header_bar_pack_end (self->header_bar, om_primary_menu_button_new ());
  build_filters (self);

  /* Managed scope: Ctrl+F and Ctrl+I work wherever the focus is while this page is
   * shown (Ctrl+N is the window's "win.add-device", from any section). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"), gtk_named_action_new ("devices.search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>i"), gtk_named_action_new ("devices.import")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Delete only from the list itself, so the key still deletes text in the editor's entries. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete"), gtk_named_action_new ("devices.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_search_focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), focus);
}

OmDevicesPage *
om_devices_page_new (OmApplication *application)
{
  g_return_val_if_fail (OM_IS_APPLICATION (application), NULL);

  return g_object_new (OM_TYPE_DEVICES_PAGE, "application", application, NULL);
}

gboolean
om_devices_page_apply_filter_spec (OmDevicesPage *self,
                                   const char    *spec)
{
  g_autofree char *key = NULL;
  const char *value;
  gboolean ok = FALSE;

  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  clear_filters (self);
  if (g_str_equal (spec, "all"))
    return TRUE;

  value = strchr (spec, ':');
  if (value == NULL)
    return FALSE;
  key = g_strndup (spec, value - spec);
  value++;

  if (g_str_equal (key, "kind"))
    {
      OmDeviceKind kind;

      if ((ok = om_device_kind_from_string (value, &kind)))
        gtk_drop_down_set_selected (self->filters[FILTER_KIND], kind + 1);
    }
  else if (g_str_equal (key, "ownership"))
    {
      OmOwnership ownership;

      if ((ok = om_ownership_from_string (value, &ownership)))
        gtk_drop_down_set_selected (self->filters[FILTER_OWNERSHIP], ownership + 1);
    }
  else if (g_str_equal (key, "eol"))
    {
      OmEolStatus status;

      if ((ok = om_eol_status_from_string (value, &status)))
        gtk_drop_down_set_selected (self->filters[FILTER_EOL], status + 1);
    }
  else if (g_str_equal (key, "registered"))
    {
      ok = g_str_equal (value, "yes") || g_str_equal (value, "no");
      if (ok)
        gtk_drop_down_set_selected (self->filters[FILTER_REGISTERED], g_str_equal (value, "yes") ? 1 : 2);
    }
  else if (g_str_equal (key, "findings"))
    {
      OmSeverity severity;

      if ((ok = om_severity_from_string (value, &severity)))
        gtk_drop_down_set_selected (self->filters[FILTER_FINDINGS], severity + 1);
    }
  return ok;
}

void
om_devices_page_set_search_text (OmDevicesPage *self,
                                 const char    *text)
{
  g_return_if_fail (OM_IS_DEVICES_PAGE (self));

  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  apply_search_text (self, text);
}

GListModel *
om_devices_page_get_visible_model (OmDevicesPage *self)
{
  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GtkSingleSelection *
om_devices_page_get_selection (OmDevicesPage *self)
{
  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);

  return self->selection;
}

OmDeviceEditor *
om_devices_page_get_editor (OmDevicesPage *self)
{
  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);

  return self->editor;
}

GtkWidget *
om_devices_page_get_search_entry (OmDevicesPage *self)
{
  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

gboolean
om_devices_page_select_device (OmDevicesPage *self,
                               OmDevice      *device)
{
  guint position;

  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), FALSE);
  g_return_val_if_fail (OM_IS_DEVICE (device), FALSE);

  if (!filter_device_cb (device, self))
    clear_filters (self);

  if (!om_device_rows_find (self->rows, device, &position))
    return FALSE;
  show_device (self, device);
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

OmApplication *
om_devices_page_get_application (OmDevicesPage *self)
{
  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);

  return self->application;
}

void
om_devices_page_show_toast (OmDevicesPage *self,
                            const char    *markup_title)
{
  g_return_if_fail (OM_IS_DEVICES_PAGE (self));

  add_toast (self, adw_toast_new (markup_title));
}

AdwToast *
om_devices_page_delete_device (OmDevicesPage *self,
                               OmDevice      *device)
{
  g_autoptr(OmDevice) keep = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  int position;

  g_return_val_if_fail (OM_IS_DEVICES_PAGE (self), NULL);
  g_return_val_if_fail (OM_IS_DEVICE (device), NULL);

  keep = g_object_ref (device);
  if (om_device_editor_get_device (self->editor) == device)
    show_device (self, NULL);
  position = om_inventory_remove (om_application_get_inventory (self->application), keep);
  if (position < 0)
    return NULL;

  name = dup_cell_text (self, keep, COLUMN_NAME);
  /* AdwToast 1.2 always parses its title as markup: a device name must not be. */
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a device name. */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "om-device", g_steal_pointer (&keep), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "om-position", GINT_TO_POINTER (position));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete_cb), self, 0);

  add_toast (self, toast);
  return toast;
}

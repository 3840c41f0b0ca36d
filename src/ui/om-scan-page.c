/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-scan-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "om-identify.h"
#include "om-merge.h"
#include "om-review-row.h"
#include "om-scan-page.h"
#include "om-scan-result.h"
#include "om-scanner.h"
#include "om-secrets.h"
#include "om-snmpv3-sets.h"

/* Share of the progress bar that finding live hosts takes; identifying takes the rest. */
#define LIVENESS_SHARE 0.3
/* How many devices the "not seen" line names before it says "and N more". */
#define NOT_SEEN_NAMED 5

typedef struct
{
  OmDevice    *device;
  OmOwnership  ownership;
  gboolean     registered;
  char        *notes;
} ReviewUndo;

struct _OmScanPage
{
  GtkWidget parent_instance;

  /* template widgets */
  AdwHeaderBar        *header_bar;
  AdwViewStack        *view_stack;
  AdwViewStackPage    *review_stack_page;
  AdwEntryRow         *scope_row;
  GtkLabel            *count_label;
  GtkWidget           *progress_box;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *summary_box;
  GtkLabel            *summary_label;
  GtkLabel            *not_seen_label;
  GtkWidget           *review_button;
  GtkStack            *results_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *address_column;
  GtkStack            *review_stack;
  GtkListView         *review_list;

  /* borrowed */
  OmApplication       *application;
  GtkWidget           *confirmation;     /* weak: the dialog Start opened */

  /* owned */
  OmInventory         *inventory;        /* the application's, watched for review */
  OmScanScope         *scope;            /* NULL while the text does not parse */
  OmScanner           *scanner;          /* NULL when no scan runs */
  GCancellable        *cancellable;
  GListStore          *results;          /* OmScanResult */
  GHashTable          *rows;             /* address → OmScanResult (borrowed from results) */
  GtkCustomFilter     *review_filter;
  GtkFilterListModel  *review_model;
  GtkSortListModel    *review_sorted;
  char                *summary_text;
  ReviewUndo          *undo;
  guint                n_found;
  guint                n_identified;
  guint                refresh_id;
  gboolean             suppress_scope_notify;
};

G_DEFINE_FINAL_TYPE (OmScanPage, om_scan_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
review_undo_free (ReviewUndo *undo)
{
  if (undo == NULL)
    return;
  g_clear_object (&undo->device);
  g_free (undo->notes);
  g_free (undo);
}

static OmWindow *
get_window (OmScanPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return OM_IS_WINDOW (root) ? OM_WINDOW (root) : NULL;
}

static void
update_actions (OmScanPage *self)
{
  gboolean running = self->scanner != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.start", !running && self->scope != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.default-scope", !running);
  gtk_editable_set_editable (GTK_EDITABLE (self->scope_row), !running);
}

/* ---- the scope ---- */

static void
set_count_text (OmScanPage *self,
                const char *text,
                gboolean    is_error)
{
  gtk_label_set_text (self->count_label, text);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->scope_row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->scope_row), "error");
    }
}

static void
parse_scope (OmScanPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->scope_row));
  g_autoptr(GError) error = NULL;
  OmScanScope *scope;

  g_clear_pointer (&self->scope, om_scan_scope_unref);

  if (text == NULL || text[strspn (text, " \t,")] == '\0')
    {
      set_count_text (self, _("Type the addresses to scan, for example 192.168.1.0/24."), TRUE);
      update_actions (self);
      return;
    }

  scope = om_scan_scope_parse (text, &error);
  if (scope == NULL)
    {
      set_count_text (self, error->message, TRUE);
    }
  else
    {
      guint n = om_scan_scope_get_n_addresses (scope);
      g_autofree char *count = NULL;

      /* Translators: shown under the scope before anything is sent. */
      count = g_strdup_printf (ngettext ("%u address will be contacted. Nothing is sent before you press Start and confirm.",
                                         "%u addresses will be contacted. Nothing is sent before you press Start and confirm.",
                                         n), n);
      set_count_text (self, count, FALSE);
      self->scope = scope;
    }
  update_actions (self);
}

static void
on_scope_changed_cb (OmScanPage *self)
{
  parse_scope (self);
}

static void
on_scope_activated_cb (OmScanPage *self)
{
  if (self->scope != NULL && self->scanner == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "scan.start", NULL);
}

static void
use_default_scope (OmScanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmScanScope) scope = om_scan_scope_new_default (&error);
  g_autofree char *text = NULL;

  if (scope == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->scope_row), "");
      set_count_text (self, error->message, TRUE);
      return;
    }
  text = om_scan_scope_to_string (scope);
  gtk_editable_set_text (GTK_EDITABLE (self->scope_row), text);
}

/* ---- badge and review list ---- */

static guint
count_awaiting_review (OmScanPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->review_model));
}

static void
update_badge (OmScanPage *self)
{
  OmWindow *window = get_window (self);
  guint n = count_awaiting_review (self);

  adw_view_stack_page_set_badge_number (self->review_stack_page, n);
  adw_view_stack_page_set_needs_attention (self->review_stack_page, n > 0);
  gtk_stack_set_visible_child_name (self->review_stack, n > 0 ? "list" : "empty");

  if (window != NULL && om_window_get_section_page (window, "scan") == GTK_WIDGET (self))
    {
      g_autofree char *text = n > 0 ? g_strdup_printf ("%u", n) : NULL;
      g_autofree char *tooltip = NULL;

      if (n > 0)
        tooltip = g_strdup_printf (ngettext ("%u device on the network awaits review",
                                             "%u devices on the network await review", n), n);
      om_window_set_section_badge (window, "scan", text, tooltip);
    }
}

static gboolean
refresh_cb (gpointer user_data)
{
  OmScanPage *self = user_data;

  self->refresh_id = 0;
  if (self->review_filter == NULL)
    return G_SOURCE_REMOVE;   /* disposed */
  /* A device's "registered" may have changed: the filter must look again. */
  gtk_filter_changed (GTK_FILTER (self->review_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_badge (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (OmScanPage *self)
{
  if (self->refresh_id == 0 && self->review_filter != NULL)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static void
on_inventory_changed_cb (OmScanPage *self)
{
  queue_refresh (self);
}

static gboolean
awaits_review (gpointer item,
               gpointer user_data)
{
  return !om_device_get_registered (OM_DEVICE (item));
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GDateTime *ta = om_device_get_first_seen (OM_DEVICE ((gpointer) a));
  GDateTime *tb = om_device_get_first_seen (OM_DEVICE ((gpointer) b));

  if (ta == NULL || tb == NULL)
    return (ta == NULL) - (tb == NULL);
  return g_date_time_compare (tb, ta);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
append_note (OmDevice   *device,
             const char *line)
{
  const char *notes = om_device_get_notes (device);
  g_autofree char *joined = NULL;

  if (notes != NULL && strstr (notes, line) != NULL)
    return;   /* the same decision on the same day says nothing new */
  if (notes != NULL && *notes != '\0')
    joined = g_strdup_printf ("%s\n%s", notes, line);
  else
    joined = g_strdup (line);
  om_device_set_notes (device, joined);
}

static void undo_review (OmScanPage *self);

static void
on_toast_undo_clicked_cb (OmScanPage *self)
{
  undo_review (self);
}

static void
toast (OmScanPage *self,
       const char *title,
       gboolean    with_undo)
{
  OmWindow *window = get_window (self);
  g_autofree char *escaped = g_markup_escape_text (title, -1);   /* toast titles are markup */
  AdwToast *t;

  if (window == NULL)
    return;
  t = adw_toast_new (escaped);
  if (with_undo)
    {
      /* The toast lives in the window's overlay, outside this page, where the
       * page's "scan." actions cannot be reached: call back directly. */
      adw_toast_set_button_label (t, _("_Undo"));
      g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_toast_undo_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }
  om_window_add_toast (window, t);
}

/* ---- the scan ---- */

static OmScanResult *
ensure_row (OmScanPage *self,
            const char *address)
{
  OmScanResult *row = g_hash_table_lookup (self->rows, address);

  if (row == NULL)
    {
      g_autoptr(OmScanResult) fresh = om_scan_result_new (address);

      g_list_store_append (self->results, fresh);
      g_hash_table_insert (self->rows, g_strdup (address), fresh);
      row = fresh;
      gtk_stack_set_visible_child_name (self->results_stack, "list");
    }
  return row;
}

static void
judge_row (OmScanPage   *self,
           OmScanResult *row,
           OmDevice     *device)
{
  g_autofree char *detail = NULL;
  OmEolStatus status = om_application_judge_device (self->application, device, &detail);

  om_scan_result_set_eol (row, status, detail);
}

static void
set_progress_text (OmScanPage  *self,
                   OmScanPhase  phase,
                   const char  *host)
{
  g_autofree char *text = NULL;
  guint n = self->scanner != NULL ? om_scan_scope_get_n_addresses (om_scanner_get_scope (self->scanner)) : 0;

  if (phase == OM_SCAN_PHASE_LIVENESS)
    text = g_strdup_printf (ngettext ("Looking for live hosts among %u address… %u found",
                                      "Looking for live hosts among %u addresses… %u found", n),
                            n, self->n_found);
  else if (phase == OM_SCAN_PHASE_IDENTIFY && host != NULL)
    /* Translators: "Identifying 10.0.0.5 (3 of 7 hosts identified)". */
    text = g_strdup_printf (_("Identifying %s (%u of %u hosts identified)"),
                            host, self->n_identified, self->n_found);
  else if (phase == OM_SCAN_PHASE_IDENTIFY)
    text = g_strdup_printf (_("Identifying devices (%u of %u hosts identified)"),
                            self->n_identified, self->n_found);
  else if (phase == OM_SCAN_PHASE_DONE)
    text = g_strdup (_("Saving what was found…"));
  else
    text = g_strdup (_("Starting…"));
  gtk_label_set_text (self->progress_label, text);
}

static void
on_scanner_progress_cb (OmScanner  *scanner,
                        guint       phase,
                        double      fraction,
                        const char *host,
                        OmScanPage *self)
{
  double overall;

  if (scanner != self->scanner)
    return;
  if (phase == OM_SCAN_PHASE_LIVENESS)
    overall = fraction * LIVENESS_SHARE;
  else if (phase == OM_SCAN_PHASE_IDENTIFY)
    overall = LIVENESS_SHARE + fraction * (1.0 - LIVENESS_SHARE);
  else if (phase == OM_SCAN_PHASE_DONE)
    overall = 1.0;
  else
    overall = 0.0;
  gtk_progress_bar_set_fraction (self->progress_bar, overall);
  set_progress_text (self, phase, host);
}

static void
on_scanner_host_found_cb (OmScanner     *scanner,
                          OmObservation *observation,
                          OmScanPage    *self)
{
  g_autoptr(OmIdentity) identity = NULL;
  OmScanResult *row;
  gboolean existed;

  if (scanner != self->scanner)
    return;

  existed = g_hash_table_contains (self->rows, om_observation_get_address (observation));
  row = ensure_row (self, om_observation_get_address (observation));
  if (!existed)
    self->n_found++;
  /* Known or not is decided the way the merge will decide it, without merging yet. */
  identity = om_identify (observation);
  om_scan_result_set_is_new (row, om_merge_find_device (om_application_get_inventory (self->application),
                                                        observation, identity) == NULL);
  set_progress_text (self, om_scanner_get_phase (scanner), NULL);
}

static void
on_scanner_host_identified_cb (OmScanner     *scanner,
                               OmObservation *observation,
                               OmScanPage    *self)
{
  g_autoptr(OmIdentity) identity = NULL;
  g_autoptr(OmDevice) scratch = NULL;
  OmScanResult *row;
  OmDevice *known;

  if (scanner != self->scanner)
    return;

  if (!g_hash_table_contains (self->rows, om_observation_get_address (observation)))
    self->n_found++;
  row = ensure_row (self, om_observation_get_address (observation));
  self->n_identified++;
  identity = om_identify (observation);
  om_scan_result_set_identity (row, identity);
  known = om_merge_find_device (om_application_get_inventory (self->application), observation, identity);
  om_scan_result_set_is_new (row, known == NULL);

  /* Judge what was seen on a scratch device (not in the inventory); after the
   * merge the row is judged again on the real device, where typed values win. */
  scratch = om_device_new ();
  if (identity->kind != OM_DEVICE_KIND_UNKNOWN)
    om_device_offer_enum (scratch, OM_DEVICE_FIELD_KIND, identity->kind, OM_ORIGIN_DISCOVERED, "scan");
  om_device_offer_string (scratch, OM_DEVICE_FIELD_OS_FAMILY, identity->os_family.value, OM_ORIGIN_DISCOVERED, "scan");
  om_device_offer_string (scratch, OM_DEVICE_FIELD_OS_NAME, identity->os_name.value, OM_ORIGIN_DISCOVERED, "scan");
  om_device_offer_string (scratch, OM_DEVICE_FIELD_OS_VERSION, identity->os_version.value, OM_ORIGIN_DISCOVERED, "scan");
  om_device_offer_string (scratch, OM_DEVICE_FIELD_OS_BUILD, identity->os_build.value, OM_ORIGIN_DISCOVERED, "scan");
  judge_row (self, row, scratch);
  set_progress_text (self, OM_SCAN_PHASE_IDENTIFY, om_observation_get_address (observation));
}

static void
stop_scanner (OmScanPage *self)
{
  if (self->scanner != NULL)
    g_signal_handlers_disconnect_by_data (self->scanner, self);
  g_clear_object (&self->scanner);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (self->progress_box, FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
show_summary (OmScanPage *self,
              const char *text,
              const char *not_seen,
              gboolean    offer_review)
{
  g_free (self->summary_text);
  self->summary_text = g_strdup (text);
  gtk_label_set_text (self->summary_label, text);
  gtk_label_set_text (self->not_seen_label, not_seen != NULL ? not_seen : "");
  gtk_widget_set_visible (GTK_WIDGET (self->not_seen_label), not_seen != NULL && *not_seen != '\0');
  gtk_widget_set_visible (self->review_button, offer_review);
  gtk_widget_set_visible (self->summary_box, TRUE);
}

static char *
dup_not_seen_text (OmMergeSummary *summary)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *names = NULL;
  guint n = summary->not_seen_devices->len;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < MIN (n, NOT_SEEN_NAMED); i++)
    {
      OmDevice *device = g_ptr_array_index (summary->not_seen_devices, i);
      g_autofree char *name = om_device_dup_display_name (device);
      GDateTime *last = om_device_get_last_seen (device);

      if (i > 0)
        /* Translators: separates the names of devices in a list. */
        g_string_append (list, _(", "));
      if (last != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (last);
          g_autofree char *when = g_date_time_format (local, "%Y-%m-%d");

          /* Translators: a device name and the date it was last seen by a scan. */
          g_string_append_printf (list, _("%s (not seen since %s)"), name, when);
        }
      else
        /* Translators: a device that no scan has ever seen (typed in by hand). */
        g_string_append_printf (list, _("%s (never seen by a scan)"), name);
    }
  if (n > NOT_SEEN_NAMED)
    /* Translators: %s is a list of device names, %u how many more were not named. */
    names = g_strdup_printf (ngettext ("%s, and %u more", "%s, and %u more", n - NOT_SEEN_NAMED),
                             list->str, n - NOT_SEEN_NAMED);
  else
    names = g_strdup (list->str);
  /* Translators: %s is a list of devices. */
  return g_strdup_printf (_("Not seen in this scan: %s"), names);
}

/* Devices that refused their SNMPv3 credential set: the admin should hear of
 * it here, not only find SNMP data missing. NULL if none. */
static char *
dup_snmpv3_failures_text (GPtrArray *observations)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < observations->len; i++)
    {
      OmObservation *obs = g_ptr_array_index (observations, i);
      const char *v3 = om_observation_get_fact (obs, "snmp.v3.error");

      if (v3 == NULL || !g_str_has_prefix (v3, "SNMPv3 authentication failed"))
        continue;
      if (n++ < NOT_SEEN_NAMED)
        g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", om_observation_get_address (obs));
    }
  if (n == 0)
    return NULL;
  /* Translators: %u devices, then their addresses. */
  return g_strdup_printf (ngettext ("SNMPv3 authentication failed on %u device (%s): check its credential set in "
                                    "Preferences → Network.",
                                    "SNMPv3 authentication failed on %u devices (%s): check their credential sets "
                                    "in Preferences → Network.", n), n, list->str);
}

static void
merge_results (OmScanPage *self,
               GPtrArray  *observations)
{
  OmInventory *inventory = om_application_get_inventory (self->application);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(OmMergeSummary) summary = om_merge_observations (inventory, observations, now);
  g_autoptr(GHashTable) new_devices = g_hash_table_new (NULL, NULL);
  g_autofree char *text = NULL;
  g_autofree char *not_seen = NULL;
  g_autofree char *part_new = NULL, *part_changed = NULL, *part_unchanged = NULL, *part_not_seen = NULL;

  for (guint i = 0; i < summary->new_devices->len; i++)
    g_hash_table_add (new_devices, g_ptr_array_index (summary->new_devices, i));

  for (guint i = 0; i < observations->len; i++)
    {
      OmObservation *obs = g_ptr_array_index (observations, i);
      OmDevice *device = g_ptr_array_index (summary->matched, i);
      OmScanResult *row;

      if (device == NULL)
        continue;
      row = ensure_row (self, om_observation_get_address (obs));
      om_scan_result_set_device (row, device);
      om_scan_result_set_is_new (row, g_hash_table_contains (new_devices, device));
      judge_row (self, row, device);
    }

  part_new = g_strdup_printf (ngettext ("%u new", "%u new", summary->n_new), summary->n_new);
  part_changed = g_strdup_printf (ngettext ("%u changed", "%u changed", summary->n_changed), summary->n_changed);
  part_unchanged = g_strdup_printf (ngettext ("%u unchanged", "%u unchanged", summary->n_unchanged),
                                    summary->n_unchanged);
  part_not_seen = g_strdup_printf (ngettext ("%u not seen", "%u not seen", summary->n_not_seen),
                                   summary->n_not_seen);
  /* Translators: the inventory after a scan: "2 new · 1 changed · 4 unchanged · 3 not seen". */
  text = g_strdup_printf (_("Inventory updated: %s · %s · %s · %s"),
                          part_new, part_changed, part_unchanged, part_not_seen);
  not_seen = dup_not_seen_text (summary);
  {
    g_autofree char *v3 = dup_snmpv3_failures_text (observations);

    if (v3 != NULL)
      {
        char *both = not_seen != NULL ? g_strconcat (not_seen, "\n", v3, NULL) : g_strdup (v3);

        g_free (not_seen);
        not_seen = both;
      }
  }
  show_summary (self, text, not_seen, count_awaiting_review (self) > 0 || summary->n_new > 0);
  /* The badge counts at once, not after the idle: the summary offers the review now. */
  refresh_cb (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
}

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OmScanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) observations = NULL;

  observations = om_scanner_run_finish (OM_SCANNER (source), result, &error);
  if (OM_SCANNER (source) != self->scanner)
    return;   /* the page was disposed or a new scan replaced this one */

  stop_scanner (self);
  if (observations == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_summary (self, _("Scan cancelled. Nothing was changed in the inventory."), NULL, FALSE);
      else
        {
          g_autofree char *text = g_strdup_printf (_("The scan failed: %s"), error->message);

          show_summary (self, text, NULL, FALSE);
        }
      return;
    }
  merge_results (self, observations);
}

typedef struct {
  OmScanPage  *page;
  OmScanner   *scanner;
  GPtrArray   *sets;       /* OmSnmpv3Set*, a snapshot (sets are immutable) */
  GPtrArray   *creds;      /* OmSnmpV3Credentials* or NULL, parallel to sets (worker) */
  OmSnmpv3Set *migrated;   /* the single set of an older version, now a set (worker) */
} Snmpv3Lookup;

static void
snmpv3_lookup_free (Snmpv3Lookup *lookup)
{
  g_clear_pointer (&lookup->sets, g_ptr_array_unref);
  g_clear_pointer (&lookup->creds, g_ptr_array_unref);   /* wipes the passphrases */
  g_clear_object (&lookup->migrated);
  g_free (lookup);
}

static void
snmpv3_lookup_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  Snmpv3Lookup *lookup = data;
  g_autoptr(GError) error = NULL;

  lookup->migrated = om_secrets_migrate_snmpv3 (cancellable, &error);
  if (error != NULL)
    g_debug ("SNMPv3 credentials not migrated: %s", error->message);
  if (lookup->migrated != NULL)
    g_ptr_array_add (lookup->sets, g_object_ref (lookup->migrated));
  lookup->creds = g_ptr_array_new_with_free_func ((GDestroyNotify) om_snmpv3_credentials_free);
  for (guint i = 0; i < lookup->sets->len; i++)
    {
      g_clear_error (&error);
      g_ptr_array_add (lookup->creds, om_secrets_lookup_snmpv3_set (g_ptr_array_index (lookup->sets, i),
                                                                   cancellable, &error));
      if (error != NULL)
        g_debug ("No SNMPv3 passphrases from the keyring: %s", error->message);
    }
  g_task_return_boolean (task, TRUE);
}

/* SNMPv3 credential sets: names and addresses from the data file, passphrases
 * from the keyring for this run only (the scanner wipes its copies when the
 * run ends). Without any, or without a keyring, the scan uses the v2c
 * community: it starts either way, also when cancelled meanwhile, so the usual
 * completion reports it. */
static void
on_snmpv3_lookup_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Snmpv3Lookup *lookup = g_task_get_task_data (G_TASK (result));
  OmScanPage *self = lookup->page;
  OmScanner *scanner = lookup->scanner;

  if (lookup->migrated != NULL)
    om_snmpv3_sets_put (om_snmpv3_sets_get_for_document (om_application_get_document (self->application)),
                        lookup->migrated);
  for (guint i = 0; lookup->creds != NULL && i < lookup->creds->len; i++)
    if (g_ptr_array_index (lookup->creds, i) != NULL)
      om_scanner_add_snmpv3_set (scanner, g_ptr_array_index (lookup->sets, i),
                                 g_ptr_array_index (lookup->creds, i));
  if (scanner != self->scanner)
    return;   /* the page was disposed or a new scan replaced this one */
  om_scanner_run_async (scanner, self->cancellable, on_scan_done_cb, g_object_ref (self));
}

static void
snmpv3_lookup_data_free (Snmpv3Lookup *lookup)
{
  g_clear_object (&lookup->page);
  g_clear_object (&lookup->scanner);
  snmpv3_lookup_free (lookup);
}

static void
start_scan (OmScanPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->scope == NULL || self->scanner != NULL)
    return;

  if (!om_scanner_check_safe (self->scope, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)),
                                                  _("The Scan Was Not Started"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_list_store_remove_all (self->results);
  g_hash_table_remove_all (self->rows);
  self->n_found = self->n_identified = 0;
  gtk_stack_set_visible_child_name (self->results_stack, "list");
  gtk_widget_set_visible (self->summary_box, FALSE);
  g_clear_pointer (&self->summary_text, g_free);

  self->scanner = om_scanner_new (self->scope);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->scanner, "progress", G_CALLBACK (on_scanner_progress_cb), self);
  g_signal_connect (self->scanner, "host-found", G_CALLBACK (on_scanner_host_found_cb), self);
  g_signal_connect (self->scanner, "host-identified", G_CALLBACK (on_scanner_host_identified_cb), self);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_progress_text (self, OM_SCAN_PHASE_IDLE, NULL);
  gtk_widget_set_visible (self->progress_box, TRUE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  {
    OmSnmpv3Sets *sets = om_snmpv3_sets_get_for_document (om_application_get_document (self->application));
    Snmpv3Lookup *lookup = g_new0 (Snmpv3Lookup, 1);
    g_autoptr(GTask) task = NULL;

    lookup->page = g_object_ref (self);
    lookup->scanner = g_object_ref (self->scanner);
    lookup->sets = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sets)); i++)
      g_ptr_array_add (lookup->sets, g_list_model_get_item (G_LIST_MODEL (sets), i));
    /* Not the scan's cancellable: a scan cancelled meanwhile still starts and
     * reports itself cancelled, as before. */
    task = g_task_new (NULL, NULL, on_snmpv3_lookup_cb, NULL);
    g_task_set_task_data (task, lookup, (GDestroyNotify) snmpv3_lookup_data_free);
    g_task_run_in_thread (task, snmpv3_lookup_thread);
  }
}

static void
on_confirmation_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             OmScanPage       *self)
{
  if (g_strcmp0 (response, "scan") == 0)
    start_scan (self);
}

/* ---- actions ---- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OmScanPage *self = OM_SCAN_PAGE (widget);
  g_autofree char *scope_text = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n;

  if (self->scope == NULL || self->scanner != NULL || self->confirmation != NULL)
    return;

  scope_text = om_scan_scope_to_string (self->scope);
  n = om_scan_scope_get_n_addresses (self->scope);
  /* Translators: %u is the number of addresses, %s the scope ("192.168.1.0/24"). */
  body = g_strdup_printf (ngettext ("Omamori will contact %u address in %s to find and identify devices. "
                                    "Nothing outside this scope is contacted. Scan only networks you "
                                    "are responsible for.",
                                    "Omamori will contact %u addresses in %s to find and identify devices. "
                                    "Nothing outside this scope is contacted. Scan only networks you "
                                    "are responsible for.", n),
                          n, scope_text);
  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), _("Scan the Network?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "scan", _("_Scan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "scan", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "scan");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmation_response_cb), self, 0);
  self->confirmation = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OmScanPage *self = OM_SCAN_PAGE (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label, _("Stopping…"));
    }
}

static void
default_scope_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  use_default_scope (OM_SCAN_PAGE (widget));
}

static void
show_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  om_scan_page_show_review (OM_SCAN_PAGE (widget));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OmScanPage *self = OM_SCAN_PAGE (widget);
  const char *id, *decision;
  OmDevice *device;

  g_variant_get (parameter, "(&s&s)", &id, &decision);
  device = om_inventory_find_by_id (om_application_get_inventory (self->application), id);
  if (device == NULL)
    return;
  if (g_str_equal (decision, "company"))
    om_scan_page_review_device (self, device, OM_REVIEW_COMPANY);
  else if (g_str_equal (decision, "personal"))
    om_scan_page_review_device (self, device, OM_REVIEW_PERSONAL);
  else if (g_str_equal (decision, "investigate"))
    om_scan_page_review_device (self, device, OM_REVIEW_INVESTIGATE);
}

static void
undo_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_review (OM_SCAN_PAGE (widget));
}

static void
undo_review (OmScanPage *self)
{
  ReviewUndo *undo = g_steal_pointer (&self->undo);

  if (undo == NULL)
    return;
  om_device_set_ownership (undo->device, undo->ownership);
  om_device_set_registered (undo->device, undo->registered);
  om_device_set_notes (undo->device, undo->notes);
  review_undo_free (undo);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh_cb (self);
}

/* ---- GObject ---- */

static void
window_show_review_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  OmScanPage *self = OM_SCAN_PAGE (user_data);
  OmWindow *window = get_window (self);

  if (window == NULL)
    return;
  om_window_show_section (window, "scan");
  om_scan_page_show_review (self);
}

static void
om_scan_page_root (GtkWidget *widget)
{
  OmScanPage *self = OM_SCAN_PAGE (widget);
  OmWindow *window;

  GTK_WIDGET_CLASS (om_scan_page_parent_class)->root (widget);

  /* "review.show" on the window: the review is reachable from outside this page
   * (the Overview's unregistered-devices count, a finding), where the page's own
   * "scan." actions are not. */
  window = get_window (self);
  if (window != NULL)
    {
      g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
      const GActionEntry entries[] = {
        { "show", window_show_review_cb, NULL, NULL, NULL, { 0 } },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
      gtk_widget_insert_action_group (GTK_WIDGET (window), "review", G_ACTION_GROUP (group));
    }

  /* The window adds the sidebar row after the page: badge it once both exist. */
  queue_refresh (self);
}

static void
om_scan_page_unroot (GtkWidget *widget)
{
  OmWindow *window = get_window (OM_SCAN_PAGE (widget));

  if (window != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (window), "review", NULL);

  GTK_WIDGET_CLASS (om_scan_page_parent_class)->unroot (widget);
}

static void
on_review_list_map_cb (GtkListView *list,
                       OmScanPage  *self)
{
  g_autoptr(GtkNoSelection) review_selection = NULL;

  if (gtk_list_view_get_model (list) != NULL)
    return;
  review_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->review_sorted)));
  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (review_selection));
}

static void
om_scan_page_constructed (GObject *object)
{
  OmScanPage *self = OM_SCAN_PAGE (object);
  OmInventory *inventory;
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkSorter *sorter;

  G_OBJECT_CLASS (om_scan_page_parent_class)->constructed (object);

  g_assert (OM_IS_APPLICATION (self->application));
  inventory = om_application_get_inventory (self->application);
  self->inventory = g_object_ref (inventory);

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->results)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->column_view, self->address_column, GTK_SORT_ASCENDING);

  self->review_filter = gtk_custom_filter_new (awaits_review, NULL, NULL);
  self->review_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (inventory)),
                                                  g_object_ref (GTK_FILTER (self->review_filter)));
  sorter = GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL));
  self->review_sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->review_model)), sorter);
  /* The list view builds its rows as soon as it has a model, even on a page nobody
   * looks at: with thousands of unregistered devices that cost half a second at
   * start-up. Give it the model when the review is first shown. */
  g_signal_connect_object (self->review_list, "map", G_CALLBACK (on_review_list_map_cb), self, 0);

  g_signal_connect_object (inventory, "changed", G_CALLBACK (on_inventory_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (inventory, "items-changed", G_CALLBACK (on_inventory_changed_cb), self, G_CONNECT_SWAPPED);

  use_default_scope (self);
  parse_scope (self);
  update_badge (self);
}

static void
om_scan_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OmScanPage *self = OM_SCAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->scanner != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_scan_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OmScanPage *self = OM_SCAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_get_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_scan_page_dispose (GObject *object)
{
  OmScanPage *self = OM_SCAN_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->scanner != NULL)
    g_signal_handlers_disconnect_by_data (self->scanner, self);
  g_clear_object (&self->scanner);
  g_clear_object (&self->cancellable);
  if (self->confirmation != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirmation), (gpointer *) &self->confirmation);
      gtk_window_destroy (GTK_WINDOW (self->confirmation));
      self->confirmation = NULL;
    }
  /* Signal handlers connected with g_signal_connect_object() go only at finalize;
   * the inventory outlives the page, so let go of it now. */
  if (self->inventory != NULL)
    g_signal_handlers_disconnect_by_data (self->inventory, self);
  g_clear_object (&self->inventory);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->scope, om_scan_scope_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->undo, review_undo_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), OM_TYPE_SCAN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->review_sorted);
  g_clear_object (&self->review_model);
  g_clear_object (&self->review_filter);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (om_scan_page_parent_class)->dispose (object);
}

static void
om_scan_page_finalize (GObject *object)
{
  OmScanPage *self = OM_SCAN_PAGE (object);

  g_free (self->summary_text);

  G_OBJECT_CLASS (om_scan_page_parent_class)->finalize (object);
}

static void
om_scan_page_class_init (OmScanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = om_scan_page_constructed;
  object_class->dispose = om_scan_page_dispose;
  object_class->finalize = om_scan_page_finalize;
  object_class->get_property = om_scan_page_get_property;
  object_class->set_property = om_scan_page_set_property;
  widget_class->root = om_scan_page_root;
  widget_class->unroot = om_scan_page_unroot;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, OM_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OM_TYPE_SCAN_RESULT);
  g_type_ensure (OM_TYPE_REVIEW_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/om-scan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, review_stack_page);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, scope_row);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, not_seen_label);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, address_column);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, review_stack);
  gtk_widget_class_bind_template_child (widget_class, OmScanPage, review_list);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_activated_cb);

  gtk_widget_class_install_action (widget_class, "scan.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "scan.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "scan.default-scope", NULL, default_scope_action);
  gtk_widget_class_install_action (widget_class, "scan.show-review", NULL, show_review_action);
  gtk_widget_class_install_action (widget_class, "scan.review", "(ss)", review_action);
  gtk_widget_class_install_action (widget_class, "scan.undo-review", NULL, undo_review_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "scan.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "scan.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
om_scan_page_init (OmScanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (OM_TYPE_SCAN_RESULT);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  adw_header_bar_pack_end (self->header_bar, om_primary_menu_button_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scope_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Addresses to scan"), -1);
}

OmScanPage *
om_scan_page_new (OmApplication *application)
{
  g_return_val_if_fail (OM_IS_APPLICATION (application), NULL);

  return g_object_new (OM_TYPE_SCAN_PAGE, "application", application, NULL);
}

GtkWidget *
om_scan_page_new_for_window (OmWindow *window)
{
  return GTK_WIDGET (om_scan_page_new (om_window_get_application (window)));
}

const char *
om_scan_page_get_scope_text (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->scope_row));
}

void
om_scan_page_set_scope_text (OmScanPage *self,
                             const char *text)
{
  g_return_if_fail (OM_IS_SCAN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->scope_row), text != NULL ? text : "");
  parse_scope (self);
}

OmScanScope *
om_scan_page_get_scope (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return self->scope;
}

GtkWidget *
om_scan_page_get_confirmation (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return self->confirmation;
}

gboolean
om_scan_page_get_running (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), FALSE);

  return self->scanner != NULL;
}

GListModel *
om_scan_page_get_results (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
}

GListModel *
om_scan_page_get_review_model (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return G_LIST_MODEL (self->review_sorted);
}

const char *
om_scan_page_get_summary_text (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return self->summary_text;
}

gboolean
om_scan_page_review_device (OmScanPage       *self,
                            OmDevice         *device,
                            OmReviewDecision  decision)
{
  g_autofree char *name = NULL;
  g_autofree char *today = NULL;
  g_autofree char *line = NULL;
  g_autofree char *message = NULL;
  ReviewUndo *undo;

  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), FALSE);
  g_return_val_if_fail (OM_IS_DEVICE (device), FALSE);

  name = om_device_dup_display_name (device);
  today = dup_today ();

  undo = g_new0 (ReviewUndo, 1);
  undo->device = g_object_ref (device);
  undo->ownership = om_device_get_ownership (device);
  undo->registered = om_device_get_registered (device);
  undo->notes = g_strdup (om_device_get_notes (device));
  g_clear_pointer (&self->undo, review_undo_free);
  self->undo = undo;

  switch (decision)
    {
    case OM_REVIEW_COMPANY:
      om_device_set_ownership (device, OM_OWNERSHIP_COMPANY);
      om_device_set_registered (device, TRUE);
      /* Translators: %s is a device name. */
      message = g_strdup_printf (_("“%s” registered as a company device"), name);
      break;

    case OM_REVIEW_PERSONAL:
      om_device_set_ownership (device, OM_OWNERSHIP_PERSONAL);
      om_device_set_registered (device, TRUE);
      /* Translators: a note kept with the device; %s is a date. */
      line = g_strdup_printf (_("Allowed as a personal device (BYOD) on the guest network only, %s."), today);
      append_note (device, line);
      message = g_strdup_printf (_("“%s” allowed as a personal device on the guest network"), name);
      break;

    case OM_REVIEW_INVESTIGATE:
      /* Stays unregistered, so the "not registered" finding stays open. */
      line = g_strdup_printf (_("Under investigation since %s: find out whose device this is and what it does."),
                              today);
      append_note (device, line);
      message = g_strdup_printf (_("“%s” kept flagged for investigation"), name);
      break;

    default:
      g_clear_pointer (&self->undo, review_undo_free);
      g_return_val_if_reached (FALSE);
    }

  toast (self, message, TRUE);
  /* The list drops the device now, not after an idle: the row just clicked goes. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh_cb (self);
  return TRUE;
}

void
om_scan_page_show_review (OmScanPage *self)
{
  g_return_if_fail (OM_IS_SCAN_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "review");
}

const char *
om_scan_page_get_view (OmScanPage *self)
{
  g_return_val_if_fail (OM_IS_SCAN_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Inventory export (CSV, JSON) and the CSV column layout that the import
 * (om-import-plan.h) reads back.
 *
 * CSV: UTF-8 with a BOM (so Japanese Excel opens it as UTF-8), RFC 4180, CR LF,
 * cells that a spreadsheet would run as a formula prefixed with ' (om-csv.h).
 * The header row holds stable keys: "id", then om_device_field_get_key() of every
 * field in OmDeviceField order, then "first_seen", "last_seen". Cells:
 *   text      as stored (notes may hold line breaks)
 *   lists     items joined by ", " (macs, ipv4, ipv6, hostnames, identifiers)
 *   kind, ownership  the stable id ("access-point", "personal")
 *   registered       "yes" / "no"
 *   services  one per line: "PORT/PROTO NAME (PRODUCT)", e.g. "22/tcp ssh (OpenSSH_9.2p1)"
 *   dates     ISO 8601 UTC, empty if unknown
 *
 * JSON: one object
 *   { "format": "omamori-inventory", "version": 1, "generator": "Omamori 0.1.0",
 *     "exported": "2026-11-26T03:00:00Z", "devices": [ …om_device_to_json()… ] }
 */
#pragma once

#include <gio/gio.h>

#include "om-inventory.h"

G_BEGIN_DECLS

#define OM_INVENTORY_JSON_FORMAT  "omamori-inventory"
#define OM_INVENTORY_JSON_VERSION 1

typedef enum {
  OM_EXPORT_FORMAT_CSV,
  OM_EXPORT_FORMAT_JSON,
} OmExportFormat;

/* "csv" / "json" (case-insensitive). */
gboolean     om_export_format_from_string   (const char *text, OmExportFormat *out);

/* The whole export as bytes (CSV starts with the UTF-8 BOM). */
GBytes      *om_inventory_export            (OmInventory *inventory, OmExportFormat format);
/* Writes the export to @file atomically (temporary file + rename, via
 * g_file_replace_contents); an existing file is replaced. */
gboolean     om_inventory_export_to_file    (OmInventory   *inventory,
                                             OmExportFormat format,
                                             GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* The same; the export is built at once (it reads @inventory), the file is
 * written asynchronously. */
void         om_inventory_export_to_file_async  (OmInventory         *inventory,
                                                 OmExportFormat       format,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     om_inventory_export_to_file_finish (OmInventory   *inventory,
                                                 GAsyncResult  *result,
                                                 GError       **error);

/* CSV columns: 0 … OM_DEVICE_N_FIELDS-1 are the OmDeviceField of the same
 * number; then the three below. */
typedef enum {
  OM_CSV_COLUMN_ID = OM_DEVICE_N_FIELDS,
  OM_CSV_COLUMN_FIRST_SEEN,
  OM_CSV_COLUMN_LAST_SEEN,
  OM_CSV_N_COLUMNS
} OmCsvColumn;

/* Export order: id, the fields, first_seen, last_seen. Returns OM_CSV_N_COLUMNS
 * column numbers in that order. */
const guint *om_inventory_csv_get_column_order (void);
/* The stable header key ("id", "os_name", "last_seen"). */
const char  *om_inventory_csv_column_get_key   (guint column);
/* A translated label for the column (the device field's label, "Identifier", …). */
const char  *om_inventory_csv_column_get_label (guint column);
/* Maps a header cell to a column. Accepts the key, the GObject property name,
 * the label in the current language and the English and Japanese labels
 * ("MAC addresses", "MACアドレス", "名前"), ignoring case, width (ＭＡＣ)
 * and surrounding blanks. */
gboolean     om_inventory_csv_column_from_header (const char *header, guint *out_column);
/* Folds text for loose matching of headers and values: NFKC (full-width →
 * ASCII), case-folded, without blanks, '-' and '_'. Caller frees. */
char        *om_inventory_csv_fold_label       (const char *text);
/* The cell text the export writes for @device in @column (not neutralised). */
char        *om_inventory_csv_dup_cell         (OmDevice *device, guint column);

G_END_DECLS

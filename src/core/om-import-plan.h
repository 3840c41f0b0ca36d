/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmImportPlan: what importing a CSV file into an inventory would do, worked out
 * without touching the inventory — the devices it would add, each field it would
 * change (device, field, old → new) and each row it rejects (line number and a
 * translated reason). Nothing happens until om_import_plan_apply().
 *
 * Columns are found by their header (om_inventory_csv_column_from_header(): keys,
 * English or Japanese labels); unknown columns are ignored with a warning. A row
 * updates the existing device with the same id, else one with one of its MAC
 * addresses, else one with one of its IP addresses (not when the row lists MACs
 * and that device has other MACs: DHCP moves addresses between machines); any
 * other row adds a device. An empty cell leaves the field as it is. Imported values
 * get origin OM_ORIGIN_IMPORTED and source "import:<file name>"; first_seen and
 * last_seen are taken for added devices only.
 */
#pragma once

#include <gio/gio.h>

#include "om-inventory.h"

G_BEGIN_DECLS

#define OM_IMPORT_ERROR (om_import_error_quark ())
GQuark om_import_error_quark (void);

/* Besides these, a file that is not usable CSV fails with OM_CSV_ERROR. */
typedef enum {
  OM_IMPORT_ERROR_NOT_A_FILE,        /* a directory, a device node, … */
  OM_IMPORT_ERROR_TOO_LARGE,
  OM_IMPORT_ERROR_NO_HEADER,         /* the first line names no known column */
  OM_IMPORT_ERROR_DUPLICATE_COLUMN,
  OM_IMPORT_ERROR_NO_ROWS,           /* a header and nothing else */
  OM_IMPORT_ERROR_ALREADY_APPLIED,
} OmImportError;

/* Largest file om_import_plan_new_for_file() reads (16 MiB, ~30 000 devices). */
#define OM_IMPORT_MAX_FILE_SIZE (16 * 1024 * 1024)

typedef struct {
  guint          line;       /* first line of the row in the file */
  OmDevice      *device;     /* the device in the inventory (borrowed from the plan) */
  OmDeviceField  field;
  char          *old_value;  /* the cell text om_inventory_csv_dup_cell() gives ("" if empty) */
  char          *new_value;
} OmImportChange;

typedef struct {
  guint  line;
  char  *reason;             /* translated, one sentence or more */
} OmImportRejection;

#define OM_TYPE_IMPORT_PLAN (om_import_plan_get_type ())
G_DECLARE_FINAL_TYPE (OmImportPlan, om_import_plan, OM, IMPORT_PLAN, GObject)

/* Reads @file (refusing anything but a regular file of at most
 * OM_IMPORT_MAX_FILE_SIZE bytes) and plans the import into @inventory. */
OmImportPlan *om_import_plan_new_for_file   (OmInventory   *inventory,
                                             GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The same, reading the file in a worker thread; the planning itself runs in the
 * calling thread's main context (it reads @inventory): ~170 ms for 10 000 rows. */
void          om_import_plan_new_for_file_async  (OmInventory         *inventory,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
OmImportPlan *om_import_plan_new_for_file_finish (GAsyncResult  *result,
                                                  GError       **error);
/* Plans from CSV bytes; @source_name (a file's base name) goes into the field
 * source "import:<source_name>". */
OmImportPlan *om_import_plan_new_for_data   (OmInventory   *inventory,
                                             const char    *data,
                                             gsize          length,
                                             const char    *source_name,
                                             GError       **error);

/* "import:<file name>" */
const char   *om_import_plan_get_source          (OmImportPlan *self);

guint         om_import_plan_get_n_additions     (OmImportPlan *self);
/* The device that would be added (not in the inventory yet); @out_line may be NULL. */
OmDevice     *om_import_plan_get_addition        (OmImportPlan *self, guint index, guint *out_line);

guint         om_import_plan_get_n_changes       (OmImportPlan *self);
const OmImportChange *om_import_plan_get_change  (OmImportPlan *self, guint index);
/* Devices with at least one change. */
guint         om_import_plan_get_n_changed_devices (OmImportPlan *self);

guint         om_import_plan_get_n_rejections    (OmImportPlan *self);
const OmImportRejection *om_import_plan_get_rejection (OmImportPlan *self, guint index);

/* Rows that matched a device and would change nothing. */
guint         om_import_plan_get_n_unchanged     (OmImportPlan *self);
/* Translated notes about the file as a whole ("Column “foo” is not known and was
 * ignored."). NULL-terminated, never NULL. */
const char * const *om_import_plan_get_warnings  (OmImportPlan *self);

/* TRUE if applying would add or change anything. */
gboolean      om_import_plan_has_effect          (OmImportPlan *self);
/* One translated line: "2 devices to add, 3 changes to 1 device, 1 row rejected". */
char         *om_import_plan_dup_summary         (OmImportPlan *self);

/* Applies the additions and changes to @inventory (normally the one planned
 * against). Devices removed from @inventory since planning are skipped, and so
 * are additions whose id is there by now. Works once; a second call fails with
 * OM_IMPORT_ERROR_ALREADY_APPLIED. Returns the number of devices added or changed
 * in @out_n_devices (may be NULL). */
gboolean      om_import_plan_apply               (OmImportPlan  *self,
                                                  OmInventory   *inventory,
                                                  guint         *out_n_devices,
                                                  GError       **error);
gboolean      om_import_plan_get_applied         (OmImportPlan *self);

G_END_DECLS

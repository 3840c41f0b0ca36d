/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * End-of-life judgement.
 *
 * OmEolDatabase holds a dated snapshot of operating-system end dates (data/eol.json,
 * schema 1). OmEolJudgement is the answer for one OS on one day:
 *
 *   days_left = eol − today (in days)
 *   days_left < 0           → unsupported (the end date has passed; on the end date
 *                             itself updates still ship: Microsoft ends on Patch Tuesday)
 *   0 ≤ days_left ≤ 180     → ending-soon (both boundaries included)
 *   days_left > 180         → supported
 *   no end date announced   → supported
 *   ended, date not known   → unsupported
 *   not recognised / not in the database / version missing / per-model → unknown
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-device.h"
#include "om-enums.h"
#include "om-os-info.h"

G_BEGIN_DECLS

/* Days before the end date from which an OS counts as ending soon (inclusive). */
#define OM_EOL_ENDING_SOON_DAYS 180
/* A database older than this many months gets a warning. */
#define OM_EOL_STALE_MONTHS 12
/* The eol.json schema this code reads. */
#define OM_EOL_SCHEMA_VERSION 1

#define OM_EOL_ERROR (om_eol_error_quark ())
typedef enum {
  OM_EOL_ERROR_READ,      /* the file cannot be read (missing, unreadable, too large) */
  OM_EOL_ERROR_PARSE,     /* not JSON */
  OM_EOL_ERROR_SCHEMA,    /* JSON, but not an end-of-life database */
  OM_EOL_ERROR_VERSION,   /* a newer schema than this version of Omamori reads */
} OmEolError;
GQuark om_eol_error_quark (void);

/* ---- OmEolJudgement: immutable, reference-counted ---- */

typedef struct _OmEolJudgement OmEolJudgement;

#define OM_TYPE_EOL_JUDGEMENT (om_eol_judgement_get_type ())
GType            om_eol_judgement_get_type        (void) G_GNUC_CONST;
OmEolJudgement  *om_eol_judgement_ref             (OmEolJudgement *self);
void             om_eol_judgement_unref           (OmEolJudgement *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmEolJudgement, om_eol_judgement_unref)

OmEolStatus      om_eol_judgement_get_status      (const OmEolJudgement *self);
/* Database ids ("windows", "10-22h2"); NULL when not recognised. */
const char      *om_eol_judgement_get_product     (const OmEolJudgement *self);
const char      *om_eol_judgement_get_cycle       (const OmEolJudgement *self);
/* "Windows", "Windows 10 22H2 (Home, Pro)"; NULL when not recognised. */
const char      *om_eol_judgement_get_product_name (const OmEolJudgement *self);
const char      *om_eol_judgement_get_label       (const OmEolJudgement *self);
OmOsEdition      om_eol_judgement_get_edition     (const OmEolJudgement *self);
/* TRUE when the edition was not given and the (shorter) Home/Pro date was used. */
gboolean         om_eol_judgement_get_edition_assumed (const OmEolJudgement *self);
/* The end date, or NULL when none is known. */
const GDate     *om_eol_judgement_get_eol         (const OmEolJudgement *self);
/* "2025-10-14" or NULL. Caller frees. */
char            *om_eol_judgement_dup_eol_string  (const OmEolJudgement *self);
/* eol − today in days (negative once past); 0 when there is no end date. */
int              om_eol_judgement_get_days_left   (const OmEolJudgement *self);
/* Where the date comes from: "endoflife.date", "Synology Software Life Cycle Policy". */
const char      *om_eol_judgement_get_source      (const OmEolJudgement *self);
const char      *om_eol_judgement_get_source_url  (const OmEolJudgement *self);
/* A translated sentence saying what the status means and what to do. Plain text. */
const char      *om_eol_judgement_get_reason      (const OmEolJudgement *self);
/* The database's own remark on this cycle (English data, may be NULL). */
const char      *om_eol_judgement_get_note        (const OmEolJudgement *self);
/* Adds the members product, product_name, cycle, label, edition, status, eol,
 * days_left, source, source_url, reason (to an object the caller has begun). */
void             om_eol_judgement_add_json_members (const OmEolJudgement *self, JsonBuilder *builder);

/* ---- OmEolDatabase ---- */

#define OM_TYPE_EOL_DATABASE (om_eol_database_get_type ())
G_DECLARE_FINAL_TYPE (OmEolDatabase, om_eol_database, OM, EOL_DATABASE, GObject)

OmEolDatabase   *om_eol_database_new_from_file    (const char *path, GError **error);
OmEolDatabase   *om_eol_database_new_from_data    (const char *data, gssize length, GError **error);
/* The shipped database (om_paths_dup_pkgdata_file ("eol.json")), or the user's
 * eol.json in the data directory when that one loads and has a newer snapshot date.
 * A broken user file is ignored (with a log message) rather than failing. */
OmEolDatabase   *om_eol_database_new_default      (GError **error);
/* Validates @path as a database and copies it into the data directory as eol.json,
 * where om_eol_database_new_default() will prefer it if it is newer. Returns the
 * loaded database. */
OmEolDatabase   *om_eol_database_install_file     (const char *path, GError **error);

/* The file it was loaded from; NULL for data. */
const char      *om_eol_database_get_path         (OmEolDatabase *self);
const GDate     *om_eol_database_get_snapshot_date (OmEolDatabase *self);
/* "2026-08-31". Caller frees. */
char            *om_eol_database_dup_snapshot_string (OmEolDatabase *self);
guint            om_eol_database_get_n_products   (OmEolDatabase *self);
guint            om_eol_database_get_n_cycles     (OmEolDatabase *self);
/* Product display name ("Windows Server") for an id, or NULL. */
const char      *om_eol_database_get_product_name (OmEolDatabase *self, const char *product);
/* TRUE when @today is more than OM_EOL_STALE_MONTHS months after the snapshot date
 * (exactly twelve months later is not yet stale). */
gboolean         om_eol_database_is_stale         (OmEolDatabase *self, const GDate *today);

/* Judge a parsed OS (NULL = nothing recognised) or a string as typed. @input is only
 * used in the reason text. Never returns NULL. */
OmEolJudgement  *om_eol_database_judge            (OmEolDatabase  *self,
                                                   const OmOsInfo *info,
                                                   const char     *input,
                                                   const GDate    *today);
OmEolJudgement  *om_eol_database_judge_string     (OmEolDatabase *self,
                                                   const char    *os_string,
                                                   const GDate   *today);

/* Judges a device from its OS fields (family, name, version, build, edition; a server
 * kind hints Windows Server). Returns the status; @out (optional) receives the full
 * judgement. */
OmEolStatus      om_eol_judge_device              (OmEolDatabase   *db,
                                                   OmDevice        *device,
                                                   const GDate     *today,
                                                   OmEolJudgement **out);

G_END_DECLS

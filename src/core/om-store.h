/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmStore: keeps one OmDocument in one JSON file (default "omamori.json") in a
 * data directory, with a "schema" number and forward migrations.
 *
 * - Saves are atomic: a temporary file in the same directory is written and
 *   fsync'ed, the current file is kept as "omamori.json.bak", the temporary file is
 *   renamed over the current one and the directory is fsync'ed.
 * - After om_store_load() every change of the document is saved automatically
 *   (debounced, in a worker thread); om_store_flush() saves synchronously and is
 *   what an application calls on quit.
 * - A file that cannot be parsed is never overwritten: it is renamed to
 *   "omamori.json.corrupt-YYYYMMDD-HHMMSS", the backup is loaded if it parses, and
 *   om_store_get_load_message() tells the user what happened.
 * - A failed save leaves the previous file intact, keeps the data dirty, sets
 *   the "save-error" property and emits ::save-failed.
 * - A file from a newer version, or a directory another Omamori process has
 *   open (an advisory lock on "omamori.json.lock"), is opened read-only: saving
 *   fails with OM_STORE_ERROR_NEWER_SCHEMA / OM_STORE_ERROR_LOCKED.
 */
#pragma once

#include <gio/gio.h>

#include "om-document.h"

G_BEGIN_DECLS

#define OM_STORE_DEFAULT_BASENAME "omamori.json"

#define OM_STORE_ERROR (om_store_error_quark ())

typedef enum {
  OM_STORE_ERROR_FAILED,        /* any other I/O error */
  OM_STORE_ERROR_CORRUPT,       /* the file is not a readable Omamori document */
  OM_STORE_ERROR_NEWER_SCHEMA,  /* written by a newer Omamori; we do not write over it */
  OM_STORE_ERROR_LOCKED,        /* another Omamori process has the directory open */
  OM_STORE_ERROR_READ_ONLY,     /* the directory or file may not be written (EROFS, EACCES, EPERM) */
  OM_STORE_ERROR_NO_SPACE,      /* disk full or quota exceeded (ENOSPC, EDQUOT) */
} OmStoreError;

GQuark       om_store_error_quark        (void);

#define OM_TYPE_STORE (om_store_get_type ())
G_DECLARE_FINAL_TYPE (OmStore, om_store, OM, STORE, GObject)

/* @directory: the data directory, or NULL for om_paths_dup_data_dir(). */
OmStore     *om_store_new                (const char *directory);

/* Reads the file (creating the directory if needed) and enables autosave. Returns
 * TRUE also when it had to set a corrupt file aside or opened the data read-only;
 * om_store_get_load_message() then says so. FALSE (nothing touched) when the file
 * exists but cannot be read at all, or is from a newer version and unreadable. */
gboolean     om_store_load               (OmStore *self, GError **error);
/* The same, reading and parsing in a worker thread so a window can show at
 * once; the document is filled on the calling thread just before @callback. */
void         om_store_load_async         (OmStore             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     om_store_load_finish        (OmStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);

OmDocument  *om_store_get_document       (OmStore *self);
const char  *om_store_get_directory      (OmStore *self);
const char  *om_store_get_path           (OmStore *self);
/* A translated message for the user after om_store_load(), or NULL if all went well. */
const char  *om_store_get_load_message   (OmStore *self);
/* Where a corrupt file was set aside by om_store_load(), or NULL. */
const char  *om_store_get_set_aside_path (OmStore *self);
gboolean     om_store_get_read_only      (OmStore *self);
/* TRUE while some change is not yet on disk. */
gboolean     om_store_get_dirty          (OmStore *self);
/* The error of the last failed save (cleared by a successful one), or NULL. */
const GError *om_store_get_save_error    (OmStore *self);

/* Milliseconds after the last change before an autosave (default 500). */
guint        om_store_get_autosave_delay (OmStore *self);
void         om_store_set_autosave_delay (OmStore *self, guint delay_ms);

/* Saves now, synchronously, if anything is unsaved. Also waits for a save running
 * in the background. Call on quit. */
gboolean     om_store_flush              (OmStore *self, GError **error);

G_END_DECLS

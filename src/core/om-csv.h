/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * RFC 4180 CSV, written here because the format is small and every byte of an
 * imported file is untrusted. The reader works on a whole buffer and is bounded
 * (input size, rows, columns, field length); the writer quotes per RFC 4180, ends
 * records with CR LF and neutralises cells a spreadsheet would run as a formula.
 *
 * Formula neutralisation (export) and its inverse (import) are one bijection:
 * a cell is prefixed with a single quote when it starts with = + - @ TAB or CR,
 * or when it already looks neutralised ('=…, ''+…); on import exactly one
 * leading quote is removed from cells that look neutralised. So every string
 * survives export → import unchanged.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Excel needs to read a CSV file as UTF-8 rather than the ANSI code page. */
#define OM_CSV_BOM "\xEF\xBB\xBF"

#define OM_CSV_ERROR (om_csv_error_quark ())
GQuark om_csv_error_quark (void);

typedef enum {
  OM_CSV_ERROR_EMPTY,              /* no bytes (after an optional BOM) */
  OM_CSV_ERROR_TOO_LARGE,          /* input longer than max_input_size */
  OM_CSV_ERROR_BINARY,             /* NUL bytes: not text, or UTF-16 */
  OM_CSV_ERROR_INVALID_UTF8,       /* e.g. Shift_JIS; message carries the line */
  OM_CSV_ERROR_UNTERMINATED_QUOTE, /* a quoted field never closed */
  OM_CSV_ERROR_BAD_QUOTE,          /* text right after a closing quote */
  OM_CSV_ERROR_FIELD_TOO_LONG,
  OM_CSV_ERROR_TOO_MANY_COLUMNS,
  OM_CSV_ERROR_TOO_MANY_ROWS,
} OmCsvError;

typedef struct {
  gsize max_input_size;    /* bytes */
  gsize max_field_length;  /* bytes of one unquoted field value */
  guint max_columns;       /* per record */
  guint max_rows;          /* records, the header included */
} OmCsvLimits;

/* Defaults: 32 MiB input, 64 KiB fields, 256 columns, 100 000 rows. */
const OmCsvLimits *om_csv_limits_get_default (void);

typedef struct {
  guint   line;      /* 1-based physical line on which the record starts */
  guint   n_fields;
  char  **fields;    /* NULL-terminated, valid UTF-8, as written (not un-neutralised) */
} OmCsvRecord;

void        om_csv_record_free  (OmCsvRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmCsvRecord, om_csv_record_free)

/* Parses @data (a leading UTF-8 BOM is skipped; records end with CR LF, LF or a
 * lone CR; quoted fields may hold commas, doubled quotes and line breaks, which
 * are kept byte for byte). A quote inside an unquoted field is kept literally.
 * An empty line is a record with one empty field; a final line break does not
 * start another record. Returns (element-type OmCsvRecord) or NULL with @error
 * (OM_CSV_ERROR, translated message naming the line). @limits may be NULL. */
GPtrArray  *om_csv_parse        (const char *data, gsize length, const OmCsvLimits *limits,
                                 GError **error);

/* TRUE if a spreadsheet could run @cell as a formula (= + - @ TAB CR first). */
gboolean    om_csv_cell_is_dangerous (const char *cell);
/* Export side: @cell with a leading ' if needed (see above). Caller frees. */
char       *om_csv_neutralize   (const char *cell);
/* Import side: the exact inverse of om_csv_neutralize. Caller frees. */
char       *om_csv_unneutralize (const char *cell);

typedef enum {
  OM_CSV_WRITE_NONE       = 0,
  OM_CSV_WRITE_NEUTRALIZE = 1 << 0,   /* apply om_csv_neutralize to every cell */
} OmCsvWriteFlags;

/* Appends one field, quoted when it holds , " CR or LF or starts/ends with a space. */
void        om_csv_append_field (GString *out, const char *field, OmCsvWriteFlags flags);
/* Appends @n_fields fields (NULL counts as empty) and CR LF. @n_fields -1: NULL-terminated. */
void        om_csv_append_row   (GString *out, const char * const *fields, int n_fields,
                                 OmCsvWriteFlags flags);

G_END_DECLS

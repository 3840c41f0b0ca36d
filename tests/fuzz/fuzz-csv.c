/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the CSV reader and writer: whatever parses must survive
 * un-neutralising, re-writing and re-parsing to the same records.
 */
#include "config.h"

#include <stdint.h>
#include <glib.h>

#include "om-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Small limits reach the limit paths quickly. */
  static const OmCsvLimits limits = {
    .max_input_size = 1024 * 1024,
    .max_field_length = 4096,
    .max_columns = 64,
    .max_rows = 4096,
  };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;

  records = om_csv_parse ((const char *) data, size, &limits, &error);
  if (records == NULL)
    {
      g_assert (error != NULL && error->domain == OM_CSV_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  out = g_string_new (OM_CSV_BOM);
  for (guint i = 0; i < records->len; i++)
    {
      OmCsvRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_assert (record->line >= 1);
      for (guint j = 0; j < record->n_fields; j++)
        {
          g_assert (g_utf8_validate (record->fields[j], -1, NULL));
          g_ptr_array_add (cells, om_csv_unneutralize (record->fields[j]));
        }
      om_csv_append_row (out, (const char * const *) cells->pdata, cells->len,
                         OM_CSV_WRITE_NEUTRALIZE);
    }

  again = om_csv_parse (out->str, out->len, NULL, &error);
  g_assert (again != NULL);
  g_assert (again->len == records->len);
  for (guint i = 0; i < records->len; i++)
    {
      OmCsvRecord *a = g_ptr_array_index (records, i);
      OmCsvRecord *b = g_ptr_array_index (again, i);

      g_assert (a->n_fields == b->n_fields);
      for (guint j = 0; j < a->n_fields; j++)
        {
          g_autofree char *ua = om_csv_unneutralize (a->fields[j]);
          g_autofree char *ub = om_csv_unneutralize (b->fields[j]);

          g_assert (g_strcmp0 (ua, ub) == 0);
          g_assert (!om_csv_cell_is_dangerous (b->fields[j]));
        }
    }

  return 0;
}

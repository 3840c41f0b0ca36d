/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-csv.h"

G_DEFINE_QUARK (om-csv-error-quark, om_csv_error)

static const OmCsvLimits default_limits = {
  .max_input_size = 32 * 1024 * 1024,
  .max_field_length = 64 * 1024,
  .max_columns = 256,
  .max_rows = 100000,
};

const OmCsvLimits *
om_csv_limits_get_default (void)
{
  return &default_limits;
}

void
om_csv_record_free (OmCsvRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->fields);
  g_free (record);
}

/* Line breaks are CR LF, LF or a lone CR (old Mac spreadsheets); each counts once. */
static guint
count_line_breaks (const char *p,
                   const char *end)
{
  guint n = 0;

  for (; p < end; p++)
    {
      if (*p == '\n')
        n++;
      else if (*p == '\r' && (p + 1 >= end || p[1] != '\n'))
        n++;
    }
  return n;
}

static gboolean
check_encoding (const char  *data,
                gsize        length,
                GError     **error)
{
  const char *invalid = NULL;

  if (length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                      || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error_literal (error, OM_CSV_ERROR, OM_CSV_ERROR_BINARY,
                           _("The file is saved as UTF-16 (“Unicode text”). Save it as "
                             "“CSV UTF-8 (comma delimited)” and try again."));
      return FALSE;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, OM_CSV_ERROR, OM_CSV_ERROR_BINARY,
                           _("The file is not a text file. Choose a CSV file saved as "
                             "“CSV UTF-8 (comma delimited)”."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      guint line = 1 + count_line_breaks (data, invalid);

      g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_INVALID_UTF8,
                   _("Line %u is not UTF-8 text; the file may be in Shift_JIS. Save it as "
                     "“CSV UTF-8 (comma delimited)” and try again."),
                   line);
      return FALSE;
    }

  return TRUE;
}

static gboolean
field_too_long (const GString      *field,
                const OmCsvLimits  *limits,
                guint               line,
                GError            **error)
{
  g_autofree char *size = NULL;

  if (field->len <= limits->max_field_length)
    return FALSE;

  size = g_format_size (limits->max_field_length);
  g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_FIELD_TOO_LONG,
               _("Line %u: a field is longer than %s. Shorten it and try again."),
               line, size);
  return TRUE;
}

static void
finish_record (GPtrArray *records,
               GPtrArray *fields,
               guint      line)
{
  OmCsvRecord *record = g_new0 (OmCsvRecord, 1);

  record->line = line;
  record->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **) g_ptr_array_free (fields, FALSE);
  g_ptr_array_add (records, record);
}

GPtrArray *
om_csv_parse (const char         *data,
              gsize               length,
              const OmCsvLimits  *limits,
              GError            **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) field = NULL;
  const char *p;
  const char *end;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (limits == NULL)
    limits = &default_limits;

  if (length > limits->max_input_size)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *max = g_format_size (limits->max_input_size);

      g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_TOO_LARGE,
                   _("The file is too large (%s; at most %s can be imported). "
                     "Split it into smaller files."),
                   size, max);
      return NULL;
    }

  if (length >= 3 && memcmp (data, OM_CSV_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length == 0)
    {
      g_set_error_literal (error, OM_CSV_ERROR, OM_CSV_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  if (!check_encoding (data, length, error))
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) om_csv_record_free);
  field = g_string_new (NULL);
  p = data;
  end = data + length;

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint record_line = line;

      if (records->len >= limits->max_rows)
        {
          g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_TOO_MANY_ROWS,
                       _("The file has more than %u rows. Split it into smaller files."),
                       limits->max_rows);
          return NULL;
        }

      for (;;)
        {
          g_string_truncate (field, 0);

          if (p < end && *p == '"')
            {
              guint quote_line = line;

              p++;
              for (;;)
                {
                  const char *quote = memchr (p, '"', end - p);

                  if (quote == NULL)
                    {
                      g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_UNTERMINATED_QUOTE,
                                   _("Line %u: a quoted field is never closed. Check for a "
                                     "missing double quote (\")."),
                                   quote_line);
                      return NULL;
                    }
                  line += count_line_breaks (p, quote);
                  g_string_append_len (field, p, quote - p);
                  p = quote + 1;
                  if (p < end && *p == '"')
                    {
                      g_string_append_c (field, '"');
                      p++;
                    }
                  else
                    break;
                  if (field_too_long (field, limits, quote_line, error))
                    return NULL;
                }
              if (field_too_long (field, limits, quote_line, error))
                return NULL;
              if (p < end && *p != ',' && *p != '\r' && *p != '\n')
                {
                  g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_BAD_QUOTE,
                               _("Line %u: unexpected text after a closing double quote. "
                                 "A double quote inside a field must be written twice (\"\")."),
                               line);
                  return NULL;
                }
            }
          else
            {
              const char *start = p;

              while (p < end && *p != ',' && *p != '\r' && *p != '\n')
                p++;
              g_string_append_len (field, start, p - start);
              if (field_too_long (field, limits, line, error))
                return NULL;
            }

          if (fields->len >= limits->max_columns)
            {
              g_set_error (error, OM_CSV_ERROR, OM_CSV_ERROR_TOO_MANY_COLUMNS,
                           _("Line %u has more than %u columns."),
                           record_line, limits->max_columns);
              return NULL;
            }
          g_ptr_array_add (fields, g_strndup (field->str, field->len));

          if (p >= end)
            break;
          if (*p == ',')
            {
              p++;
              continue;
            }
          /* End of the record. */
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p += 2;
          else
            p++;
          line++;
          break;
        }

      finish_record (records, g_steal_pointer (&fields), record_line);
    }

  return g_steal_pointer (&records);
}

static gboolean
is_formula_trigger (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

gboolean
om_csv_cell_is_dangerous (const char *cell)
{
  return cell != NULL && is_formula_trigger (cell[0]);
}

/* ' followed by more 's and then a trigger: the shape om_csv_neutralize produces. */
static gboolean
looks_neutralized (const char *cell)
{
  const char *p = cell;

  if (*p != '\'')
    return FALSE;
  while (*p == '\'')
    p++;
  return is_formula_trigger (*p);
}

char *
om_csv_neutralize (const char *cell)
{
  if (cell == NULL)
    return g_strdup ("");
  if (is_formula_trigger (cell[0]) || looks_neutralized (cell))
    return g_strconcat ("'", cell, NULL);
  return g_strdup (cell);
}

char *
om_csv_unneutralize (const char *cell)
{
  if (cell == NULL)
    return g_strdup ("");
  if (looks_neutralized (cell))
    return g_strdup (cell + 1);
  return g_strdup (cell);
}

static gboolean
needs_quotes (const char *field)
{
  gsize len = strlen (field);

  if (len == 0)
    return FALSE;
  if (field[0] == ' ' || field[len - 1] == ' ')
    return TRUE;
  return strpbrk (field, ",\"\r\n") != NULL;
}

void
om_csv_append_field (GString         *out,
                     const char      *field,
                     OmCsvWriteFlags  flags)
{
  g_autofree char *neutral = NULL;

  g_return_if_fail (out != NULL);

  if (field == NULL)
    field = "";
  if (flags & OM_CSV_WRITE_NEUTRALIZE)
    field = neutral = om_csv_neutralize (field);

  if (!needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
om_csv_append_row (GString            *out,
                   const char * const *fields,
                   int                 n_fields,
                   OmCsvWriteFlags     flags)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields <= 0);

  if (n_fields < 0)
    n_fields = fields != NULL ? (int) g_strv_length ((char **) fields) : 0;

  for (int i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      om_csv_append_field (out, fields[i], flags);
    }
  g_string_append (out, "\r\n");
}

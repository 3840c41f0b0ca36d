/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Runs a fuzz target's entry point over seed files with the normal compiler, so
 * the `fuzz` suite checks every target in CI without clang or libFuzzer.
 * Usage: replay-<name> DIR|FILE… — each file is fed whole, and each file up to
 * 4 KiB also as every prefix (truncated input is the commonest hostile case).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_PREFIX_REPLAY 4096

static guint n_inputs;

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }

  if (length <= MAX_PREFIX_REPLAY)
    {
      for (gsize n = 0; n < length; n++)
        {
          /* A private copy so reads past the prefix show up under ASan/valgrind. */
          g_autofree guint8 *prefix = g_memdup2 (contents, n);

          LLVMFuzzerTestOneInput (prefix, n);
          n_inputs++;
        }
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  n_inputs++;
  printf ("ok %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  gboolean ok = TRUE;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return replay_file (path);

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  if (names->len == 0)
    {
      fprintf (stderr, "replay: no seeds in %s\n", path);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    ok = replay_path (g_ptr_array_index (names, i)) && ok;
  return ok;
}

int
main (int argc, char **argv)
{
  gboolean ok = TRUE;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR|FILE…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    ok = replay_path (argv[i]) && ok;
  printf ("%u inputs replayed\n", n_inputs);
  return ok ? 0 : 1;
}

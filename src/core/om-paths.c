/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-paths"

#include "config.h"

#include "om-paths.h"

char *
om_paths_dup_data_dir (void)
{
  const char *env = g_getenv ("OMAMORI_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "omamori", NULL);
}

char *
om_paths_dup_pkgdata_file (const char *basename)
{
  const char *env = g_getenv ("OMAMORI_PKGDATADIR");
  const char *candidates[] = { env, PKGDATADIR, SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = NULL;

      if (candidates[i] == NULL || *candidates[i] == '\0')
        continue;
      path = g_build_filename (candidates[i], basename, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return g_build_filename (PKGDATADIR, basename, NULL);
}

const char *
om_paths_get_localedir (void)
{
  const char *env = g_getenv ("OMAMORI_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  return LOCALEDIR;
}

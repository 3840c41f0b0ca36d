/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $OMAMORI_DATA_DIR if set, else $XDG_DATA_HOME/omamori. Caller frees. */
char *om_paths_dup_data_dir (void);
/* The directory holding the shipped data files (eol.json): $OMAMORI_PKGDATADIR,
 * else the installed pkgdatadir, else the source tree's data/ (uninstalled runs). */
char *om_paths_dup_pkgdata_file (const char *basename);

/* Where the message catalogues are: $OMAMORI_LOCALEDIR (an uninstalled run points it
 * at the build tree's po/), else the installed LOCALEDIR. */
const char *om_paths_get_localedir (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli: one function per subcommand. Each takes the arguments after the
 * subcommand name (argv[0] is the subcommand) and returns the process exit status.
 * Results go to stdout, messages to stderr; exit 0 ok, 1 failure, 2 usage.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*OmCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char       *name;
  const char       *summary;   /* N_() marked, translated when printed */
  OmCliCommandFunc  func;
} OmCliCommand;

int          om_cli_main           (int argc, char **argv);
/* The data directory: $OMAMORI_DATA_DIR, else $XDG_DATA_HOME/omamori. Caller frees. */
char        *om_cli_dup_data_dir   (void);
void         om_cli_printerr       (const char *format, ...) G_GNUC_PRINTF (1, 2);

int          om_cli_eol            (int argc, char **argv);
int          om_cli_export         (int argc, char **argv);
int          om_cli_import         (int argc, char **argv);
int          om_cli_scan           (int argc, char **argv);
int          om_cli_secrets        (int argc, char **argv);
int          om_cli_wifi           (int argc, char **argv);

G_END_DECLS

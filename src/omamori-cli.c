/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#include "config.h"

#include "om-cli.h"

int
main (int argc, char **argv)
{
  return om_cli_main (argc, argv);
}

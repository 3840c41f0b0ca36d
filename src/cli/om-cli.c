/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "om-cli.h"
#include "om-paths.h"

/* Subcommands add themselves here. */
static const OmCliCommand commands[] = {
  { "eol", N_("Judge whether an operating system still gets security updates"), om_cli_eol },
  { "export", N_("Export the device inventory as CSV or JSON"), om_cli_export },
  { "import", N_("Import devices from a CSV file (a dry run unless --yes)"), om_cli_import },
  { "scan", N_("Find, identify and remember the devices on the office network"), om_cli_scan },
  { "secrets", N_("Keep SNMPv3 credentials in the keyring (never in the data file)"), om_cli_secrets },
  { "wifi", N_("Audit the Wi-Fi networks in range; register the office’s own"), om_cli_wifi },
  { NULL, NULL, NULL }
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: omamori-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “omamori-cli COMMAND --help” for a command’s options."));
}

void
om_cli_printerr (const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "omamori-cli: %s\n", msg);
}

char *
om_cli_dup_data_dir (void)
{
  return om_paths_dup_data_dir ();
}

int
om_cli_main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, om_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("omamori-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  om_cli_printerr (_("Unknown command “%s”."), argv[1]);
  print_usage (stderr);
  return 2;
}

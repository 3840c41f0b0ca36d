/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli export [--format csv|json] FILE   (FILE “-”: standard output)
 */
#define G_LOG_DOMAIN "om-cli-export"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "om-cli.h"
#include "om-inventory-io.h"
#include "om-store.h"

int
om_cli_export (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *format_arg = NULL;
  g_auto(GStrv) rest = NULL;
  OmInventory *inventory;
  OmExportFormat format = OM_EXPORT_FORMAT_CSV;
  guint n_devices;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg, N_("csv (default; UTF-8 for Excel) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Export the device inventory to FILE, or to standard output with “-”. "
                                  "Without --format, a FILE ending in .json gets JSON, anything else CSV."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      om_cli_printerr ("%s", _("Give one file to write, or “-” for standard output, e.g. "
                               "omamori-cli export --format csv devices.csv."));
      return 2;
    }
  if (format_arg != NULL)
    {
      if (!om_export_format_from_string (format_arg, &format))
        {
          om_cli_printerr (_("“%s” is not an export format. Use csv or json."), format_arg);
          return 2;
        }
    }
  else if (g_str_has_suffix (rest[0], ".json") || g_str_has_suffix (rest[0], ".JSON"))
    format = OM_EXPORT_FORMAT_JSON;

  data_dir = om_cli_dup_data_dir ();
  store = om_store_new (data_dir);
  if (!om_store_load (store, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  if (om_store_get_load_message (store) != NULL)
    om_cli_printerr ("%s", om_store_get_load_message (store));

  inventory = om_document_get_inventory (om_store_get_document (store));
  n_devices = om_inventory_get_n_devices (inventory);

  if (g_str_equal (rest[0], "-"))
    {
      g_autoptr(GBytes) bytes = om_inventory_export (inventory, format);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          om_cli_printerr ("%s", _("Could not write to standard output."));
          return 1;
        }
      return 0;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (rest[0]);
      g_autofree char *display_name = g_file_get_parse_name (file);

      if (!om_inventory_export_to_file (inventory, format, file, NULL, &error))
        {
          om_cli_printerr ("%s", error->message);
          return 1;
        }
      /* Translators: a count, then a file name */
      printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u device to “%s”.",
                           "Exported %u devices to “%s”.", n_devices),
              n_devices, display_name);
      printf ("\n");
    }
  return 0;
}

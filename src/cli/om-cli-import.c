/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli import [--yes] FILE.csv
 *
 * Without --yes a dry run: prints what the import would add and change and
 * every rejected row, and leaves the data as it is.
 */
#define G_LOG_DOMAIN "om-cli-import"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "om-cli.h"
#include "om-import-plan.h"
#include "om-inventory-io.h"
#include "om-store.h"

/* Values come from an untrusted file: one line, no control characters, bounded. */
static char *
dup_printable (const char *text,
               guint       max_chars)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  if (text == NULL)
    text = "";
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n')
        g_string_append (out, " ⏎ ");
      else if (c == '\t')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
dup_device_line (OmDevice *device)
{
  g_autofree char *name = om_device_dup_display_name (device);
  g_autofree char *shown = dup_printable (name, 60);
  const char * const *macs = om_device_get_macs (device);
  const char * const *ipv4 = om_device_get_ipv4 (device);
  GString *details = g_string_new (om_device_kind_to_label (om_device_get_kind (device)));
  char *line;

  if (macs[0] != NULL)
    g_string_append_printf (details, ", %s", macs[0]);
  if (ipv4[0] != NULL)
    g_string_append_printf (details, ", %s", ipv4[0]);
  /* Translators: a device in the import preview: its name, then its kind, MAC and address. */
  line = g_strdup_printf (_("%s (%s)"), shown, details->str);
  g_string_free (details, TRUE);
  return line;
}

static void
print_plan (OmImportPlan *plan,
            const char   *display_name)
{
  g_autofree char *summary = om_import_plan_dup_summary (plan);
  const char * const *warnings = om_import_plan_get_warnings (plan);
  guint n;

  /* Translators: a file name, then a summary such as “2 devices to add, 1 row rejected” */
  printf (_("Import from “%s”: %s"), display_name, summary);
  printf ("\n");

  if ((n = om_import_plan_get_n_additions (plan)) > 0)
    {
      printf ("\n%s\n", _("Devices to add:"));
      for (guint i = 0; i < n; i++)
        {
          guint line = 0;
          OmDevice *device = om_import_plan_get_addition (plan, i, &line);
          g_autofree char *text = dup_device_line (device);

          /* Translators: a line number in the file, then a device */
          printf ("  ");
          printf (_("line %u: %s"), line, text);
          printf ("\n");
        }
    }

  if ((n = om_import_plan_get_n_changes (plan)) > 0)
    {
      OmDevice *last = NULL;

      printf ("\n%s\n", _("Changes:"));
      for (guint i = 0; i < n; i++)
        {
          const OmImportChange *change = om_import_plan_get_change (plan, i);
          g_autofree char *old_value = dup_printable (change->old_value, 60);
          g_autofree char *new_value = dup_printable (change->new_value, 60);

          if (change->device != last)
            {
              g_autofree char *text = dup_device_line (change->device);

              printf ("  ");
              printf (_("line %u: %s"), change->line, text);
              printf ("\n");
              last = change->device;
            }
          /* Translators: a field name, the old value, the new value */
          printf ("    ");
          printf (_("%s: “%s” → “%s”"), om_device_field_get_label (change->field),
                  old_value, new_value);
          printf ("\n");
        }
    }

  if ((n = om_import_plan_get_n_rejections (plan)) > 0)
    {
      printf ("\n%s\n", _("Rejected rows (not imported):"));
      for (guint i = 0; i < n; i++)
        {
          const OmImportRejection *rejection = om_import_plan_get_rejection (plan, i);
          g_autofree char *reason = dup_printable (rejection->reason, 400);

          printf ("  ");
          printf (_("line %u: %s"), rejection->line, reason);
          printf ("\n");
        }
    }

  if (warnings[0] != NULL)
    {
      printf ("\n%s\n", _("Notes:"));
      for (guint i = 0; warnings[i] != NULL; i++)
        {
          g_autofree char *warning = dup_printable (warnings[i], 400);

          printf ("  %s\n", warning);
        }
    }
}

int
om_cli_import (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmImportPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *display_name = NULL;
  g_auto(GStrv) rest = NULL;
  OmInventory *inventory;
  gboolean yes = FALSE;
  guint n_devices = 0;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Apply the import (without it, only show what would change)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("FILE.csv") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Import devices from a CSV file (UTF-8, with a header line such as "
                                  "the one “omamori-cli export” writes). Shows what would be added and "
                                  "changed and which rows are rejected; changes the data only with "
                                  "--yes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      om_cli_printerr ("%s", _("Give one CSV file to import, e.g. omamori-cli import devices.csv."));
      return 2;
    }

  file = g_file_new_for_commandline_arg (rest[0]);
  display_name = g_file_get_parse_name (file);

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
  plan = om_import_plan_new_for_file (inventory, file, NULL, &error);
  if (plan == NULL)
    {
      /* Translators: a file name, then what is wrong with it */
      om_cli_printerr (_("Nothing was imported from “%s”: %s"), display_name, error->message);
      return 1;
    }

  print_plan (plan, display_name);

  if (!yes)
    {
      printf ("\n%s\n", om_import_plan_has_effect (plan)
                          ? _("This was a dry run: nothing was changed. Run the same command with "
                              "--yes to apply it.")
                          : _("Nothing would change."));
      return 0;
    }

  if (!om_import_plan_has_effect (plan))
    {
      printf ("\n%s\n", _("Nothing to apply."));
      return 0;
    }

  if (om_store_get_read_only (store))
    {
      om_cli_printerr ("%s", _("The data is open read-only, so nothing was imported."));
      return 1;
    }

  if (!om_import_plan_apply (plan, inventory, &n_devices, &error)
      || !om_store_flush (store, &error))
    {
      om_cli_printerr (_("The import could not be saved: %s"), error->message);
      return 1;
    }

  printf ("\n");
  printf (g_dngettext (GETTEXT_PACKAGE, "Imported: %u device added or changed.",
                       "Imported: %u devices added or changed.", n_devices),
          n_devices);
  printf ("\n");
  return 0;
}

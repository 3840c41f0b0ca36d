/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli eol [--date YYYY-MM-DD] [--json] [--database FILE] "OS STRING"
 */
#define G_LOG_DOMAIN "om-cli-eol"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "om-cli.h"
#include "om-eol.h"

static gboolean
parse_date_arg (const char *text, GDate *out)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3
      || text[4] != '-' || text[7] != '-'
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
print_json (OmEolDatabase *db, OmEolJudgement *judgement, const char *input, const GDate *today)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (today),
                                           g_date_get_month (today), g_date_get_day (today));
  g_autofree char *snapshot = om_eol_database_dup_snapshot_string (db);
  g_autofree char *out = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, input);
  om_eol_judgement_add_json_members (judgement, builder);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "database_date");
  json_builder_add_string_value (builder, snapshot);
  json_builder_set_member_name (builder, "database_stale");
  json_builder_add_boolean_value (builder, om_eol_database_is_stale (db, today));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  printf ("%s\n", out);
}

static void
print_human (OmEolDatabase *db, OmEolJudgement *judgement)
{
  const char *label = om_eol_judgement_get_label (judgement);
  g_autofree char *eol = om_eol_judgement_dup_eol_string (judgement);
  g_autofree char *snapshot = om_eol_database_dup_snapshot_string (db);
  const char *source = om_eol_judgement_get_source (judgement);
  const char *url = om_eol_judgement_get_source_url (judgement);

  /* Translators: an OS label, then a status such as “Unsupported” */
  printf (_("%s: %s"), label != NULL ? label : _("Unknown operating system"),
          om_eol_status_to_label (om_eol_judgement_get_status (judgement)));
  printf ("\n");
  if (eol != NULL)
    {
      int days = om_eol_judgement_get_days_left (judgement);

      if (days >= 0)
        printf (g_dngettext (GETTEXT_PACKAGE, "End of support: %s (%d day left)",
                             "End of support: %s (%d days left)", (gulong) days), eol, days);
      else
        printf (g_dngettext (GETTEXT_PACKAGE, "End of support: %s (%d day ago)",
                             "End of support: %s (%d days ago)", (gulong) -days), eol, -days);
      printf ("\n");
    }
  printf ("%s\n", om_eol_judgement_get_reason (judgement));
  if (source != NULL)
    {
      /* Translators: a source name, its address, then the database date */
      printf (_("Source: %s %s (database of %s)"), source, url != NULL ? url : "", snapshot);
      printf ("\n");
    }
}

int
om_cli_eol (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmEolDatabase) db = NULL;
  g_autoptr(OmEolJudgement) judgement = NULL;
  g_autofree char *date_arg = NULL;
  g_autofree char *database = NULL;
  g_autofree char *input = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean json = FALSE;
  GDate today;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_arg, N_("Judge as of this day instead of today"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Use this end-of-life database file"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("\"OS STRING\"") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Say whether an operating system still gets security updates, "
                                           "e.g. omamori-cli eol \"Windows 10 Pro 22H2\"."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }

  if (rest == NULL || rest[0] == NULL)
    {
      om_cli_printerr ("%s", _("Give the operating system to judge, e.g. omamori-cli eol \"Windows 10 Pro 22H2\"."));
      return 2;
    }
  /* Unquoted words are joined: omamori-cli eol Windows 10 Pro. */
  input = g_strjoinv (" ", rest);

  if (date_arg != NULL)
    {
      if (!parse_date_arg (date_arg, &today))
        {
          om_cli_printerr (_("“%s” is not a date; write it as YYYY-MM-DD."), date_arg);
          return 2;
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
    }

  if (database != NULL)
    db = om_eol_database_new_from_file (database, &error);
  else
    db = om_eol_database_new_default (&error);
  if (db == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }

  if (om_eol_database_is_stale (db, &today))
    {
      g_autofree char *snapshot = om_eol_database_dup_snapshot_string (db);
      om_cli_printerr (_("The end-of-life database is from %s, more than a year ago. Newer versions may have "
                         "ended since; load a newer database with --database."), snapshot);
    }

  judgement = om_eol_database_judge_string (db, input, &today);
  if (json)
    print_json (db, judgement, input, &today);
  else
    print_human (db, judgement);
  return 0;
}

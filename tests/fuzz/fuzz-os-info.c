/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the OS-string parser (what devices report over SNMP, SMB,
 * mDNS, HTTP) and the judgement built on it: any bytes must give either nothing or
 * a well-formed result, and a judgement with a valid status and a UTF-8 reason.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "om-eol.h"
#include "om-os-info.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static OmEolDatabase *db;

static void
check_info (const OmOsInfo *info)
{
  if (info == NULL)
    return;
  g_assert (info->product != NULL && *info->product != '\0');
  g_assert (info->edition < OM_N_OS_EDITIONS);
  g_assert (info->cycle == NULL || g_utf8_validate (info->cycle, -1, NULL));
  g_assert (info->version == NULL || strlen (info->version) <= 512);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = size > 0 ? g_strndup ((const char *) data, size) : g_strdup ("");
  g_auto(GStrv) fields = g_strsplit (text, "\n", 5);
  g_autoptr(OmOsInfo) plain = NULL;
  g_autoptr(OmOsInfo) server = NULL;
  g_autoptr(OmOsInfo) from_fields = NULL;
  g_autoptr(OmEolJudgement) judgement = NULL;
  const char *f[5] = { NULL };
  GDate today;

  if (db == NULL)
    {
      g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", "eol.json", NULL);
      db = om_eol_database_new_from_file (path, NULL);
      g_assert (db != NULL);
    }

  plain = om_os_info_parse (text);
  check_info (plain);
  server = om_os_info_parse_full (text, TRUE);
  check_info (server);

  for (guint i = 0; i < 5 && fields[i] != NULL; i++)
    f[i] = fields[i];
  from_fields = om_os_info_parse_fields (f[0], f[1], f[2], f[3], f[4], FALSE);
  check_info (from_fields);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, G_DATE_NOVEMBER, 2026);
  judgement = om_eol_database_judge (db, plain, text, &today);
  g_assert (om_eol_judgement_get_status (judgement) < OM_N_EOL_STATUSES);
  g_assert (g_utf8_validate (om_eol_judgement_get_reason (judgement), -1, NULL));
  return 0;
}

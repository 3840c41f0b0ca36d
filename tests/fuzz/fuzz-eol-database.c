/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the end-of-life database loader (users load newer files
 * they downloaded): any bytes load or fail with an OM_EOL_ERROR, and a database
 * that loads can judge without crashing.
 */
#include "config.h"

#include <stdint.h>
#include <glib.h>

#include "om-eol.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const probes[] = {
    "Windows 10 Pro 22H2", "Windows 10 21H2", "Windows 10", "macOS 14", "DSM 7.1.1", "Debian 12", "banana",
  };
  g_autoptr(OmEolDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  db = om_eol_database_new_from_data ((const char *) data, (gssize) size, &error);
  if (db == NULL)
    {
      g_assert (error != NULL && error->domain == OM_EOL_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, G_DATE_NOVEMBER, 2026);
  (void) om_eol_database_is_stale (db, &today);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(OmEolJudgement) j = om_eol_database_judge_string (db, probes[i], &today);
      g_assert (om_eol_judgement_get_status (j) < OM_N_EOL_STATUSES);
      g_assert (g_utf8_validate (om_eol_judgement_get_reason (j), -1, NULL));
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the admin-page title extractor and the string bounding
 * every probe uses (OmObservation): output is short, valid UTF-8, no controls.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "om-observation.h"
#include "om-probes.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_clean (const char *s,
             gsize       max)
{
  if (s == NULL)
    return;
  g_assert (strlen (s) <= max);
  g_assert (g_utf8_validate (s, -1, NULL));
  for (const char *p = s; *p; p++)
    g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *title = om_probe_http_extract_title ((const char *) data, size);
  g_autofree char *clean = om_observation_clean_string ((const char *) data, size, 64);

  check_clean (title, 256);
  check_clean (clean, 64);
  return 0;
}

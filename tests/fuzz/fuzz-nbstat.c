/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the NetBIOS node-status reply parser: whatever a host
 * sends to our UDP 137 query must parse into bounded, valid UTF-8 or be refused.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "om-nbstat.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmNbstatReply) reply = om_nbstat_parse_reply (data, size, &error);

  if (reply == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (reply->n_names <= G_N_ELEMENTS (reply->names));
  for (guint i = 0; i < reply->n_names; i++)
    {
      g_assert (strlen (reply->names[i].name) < sizeof reply->names[i].name);
      g_assert (g_utf8_validate (reply->names[i].name, -1, NULL));
    }
  g_assert (reply->host == NULL || g_utf8_validate (reply->host, -1, NULL));
  g_assert (reply->workgroup == NULL || g_utf8_validate (reply->workgroup, -1, NULL));
  g_assert (reply->mac == NULL || strlen (reply->mac) == 17);
  return 0;
}

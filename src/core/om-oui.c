/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-oui"

#include "config.h"

#include <stdio.h>

#include "om-device.h"
#include "om-oui.h"
#include "om-oui-private.h"

guint
om_oui_n_vendors (void)
{
  return om_oui_n_entries;
}

const char *
om_oui_lookup (const char *mac)
{
  g_autofree char *norm = NULL;
  guint32 prefix;
  guint lo = 0, hi = om_oui_n_entries;
  unsigned int a, b, c;

  if (mac == NULL)
    return NULL;
  norm = om_mac_normalize (mac);
  if (norm == NULL || om_mac_is_locally_administered (norm))
    return NULL;
  if (sscanf (norm, "%2x:%2x:%2x", &a, &b, &c) != 3)
    return NULL;
  prefix = (a << 16) | (b << 8) | c;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (om_oui_prefixes[mid] < prefix)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < om_oui_n_entries && om_oui_prefixes[lo] == prefix)
    return om_oui_names + om_oui_name_offsets[lo];
  return NULL;
}

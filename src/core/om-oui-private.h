/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The table generated at build time by build-aux/om-oui-compact.py.
 */
#pragma once

#include <glib.h>

extern const guint   om_oui_n_entries;
extern const guint32 om_oui_prefixes[];      /* sorted, 24-bit */
extern const guint32 om_oui_name_offsets[];  /* into om_oui_names */
extern const char    om_oui_names[];

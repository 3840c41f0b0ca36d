/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmScanScope: the IPv4 addresses a scan may touch, confirmed by the user.
 * Parsed from "10.0.0.0/24", "10.0.0.5", "10.0.0.10-10.0.0.20", "10.0.0.10-20",
 * separated by commas or spaces. Larger than a /16 in total is refused. Network
 * and broadcast addresses of a prefix are left out.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OM_SCAN_SCOPE_MAX_ADDRESSES 65536

#define OM_SCAN_SCOPE_ERROR (om_scan_scope_error_quark ())
typedef enum {
  OM_SCAN_SCOPE_ERROR_INVALID,
  OM_SCAN_SCOPE_ERROR_TOO_LARGE,
  OM_SCAN_SCOPE_ERROR_EMPTY,
} OmScanScopeError;
GQuark om_scan_scope_error_quark (void);

typedef struct _OmScanScope OmScanScope;

OmScanScope *om_scan_scope_parse        (const char *text, GError **error);
/* The subnets of this machine's own IPv4 interfaces (not loopback), each cut to
 * at most a /16 — what the product proposes. Never used by tests outside the lab. */
OmScanScope *om_scan_scope_new_default  (GError **error);
OmScanScope *om_scan_scope_ref          (OmScanScope *scope);
void         om_scan_scope_unref        (OmScanScope *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmScanScope, om_scan_scope_unref)

guint        om_scan_scope_get_n_addresses (OmScanScope *scope);
/* Host-order IPv4 address number @index (0 ≤ index < n). */
guint32      om_scan_scope_get_address     (OmScanScope *scope, guint index);
char        *om_scan_scope_dup_address_string (OmScanScope *scope, guint index);
gboolean     om_scan_scope_contains     (OmScanScope *scope, guint32 address);
gboolean     om_scan_scope_contains_string (OmScanScope *scope, const char *address);
/* Normalised text ("10.203.0.0/25, 10.203.0.200"). */
char        *om_scan_scope_to_string    (OmScanScope *scope);
/* TRUE if every address is in 127.0.0.0/8. */
gboolean     om_scan_scope_is_loopback  (OmScanScope *scope);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * mDNS/DNS-SD through the system's Avahi daemon (avahi-client on the GLib main
 * loop): every service type on the link, each service resolved to its IPv4
 * address, host name, port and TXT record. Passive for the hosts (Avahi asks by
 * multicast on the local link only). Results are OmObservations by address.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Browses for @duration_ms on the thread-default main context. */
void        om_mdns_browse_async  (guint                duration_ms,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* (element-type utf8 OmObservation): IPv4 address → what was advertised. */
GHashTable *om_mdns_browse_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS

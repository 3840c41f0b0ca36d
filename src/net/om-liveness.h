/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Liveness: which addresses of a scope answer. Unprivileged and bounded:
 * 1. one UDP datagram (port 9, discard) to each address, so the kernel resolves
 *    it by ARP; the neighbour table (/proc/net/arp) then shows which hosts are on
 *    the link — even those that filter every port — with their MACs;
 * 2. TCP connects to a small port set on every host that answered ARP (and on
 *    addresses with no neighbour entry at all, i.e. routed ones), with bounded
 *    concurrency and a per-probe timeout. An accepted or refused connect proves
 *    the host is alive; an accepted one is an open service.
 * Cancelling closes every socket at once. Never touches an address outside the scope.
 */
#pragma once

#include <gio/gio.h>

#include "om-scan-scope.h"

G_BEGIN_DECLS

typedef struct {
  const guint16 *ports;            /* NULL: om_liveness_default_ports */
  guint          n_ports;
  guint          concurrency;      /* 0: 512 (bounded by RLIMIT_NOFILE) */
  guint          connect_timeout_ms; /* 0: 800 */
  guint          arp_wait_ms;      /* 0: 500 */
  gboolean       skip_tcp;         /* ARP only */
} OmLivenessOptions;

extern const guint16 om_liveness_default_ports[];
extern const guint   om_liveness_n_default_ports;

/* Blocking; run it in a thread. Returns live hosts (element-type OmObservation)
 * with MAC (if on link), "alive" and open tcp services. @done/@total, if given,
 * are updated atomically as addresses are settled. */
GPtrArray *om_liveness_run        (OmScanScope             *scope,
                                   const OmLivenessOptions *options,
                                   volatile gint           *done,
                                   GCancellable            *cancellable,
                                   GError                 **error);

void       om_liveness_run_async  (OmScanScope             *scope,
                                   const OmLivenessOptions *options,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data);
GPtrArray *om_liveness_run_finish (GAsyncResult            *result,
                                   GError                 **error);

/* Parses /proc/net/arp text into address → MAC for complete entries and
 * address → "" for incomplete ones (pure, for tests). */
GHashTable *om_liveness_parse_arp_table (const char *text);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The per-host probes. Each is blocking (run it in a worker thread), bounded by
 * its own timeouts, checks @cancellable between steps, sends only to the
 * observation's own address, and adds what it learnt to @obs (which the caller
 * does not touch meanwhile). Each returns TRUE if the host answered that protocol.
 * Replies are untrusted: strings are bounded and cleaned by OmObservation.
 */
#pragma once

#include <gio/gio.h>

#include "om-observation.h"

G_BEGIN_DECLS

/* NetBIOS node status on UDP 137: nbstat.name, nbstat.workgroup, nbstat.mac. */
gboolean om_probe_nbstat (OmObservation *obs, guint timeout_ms, GCancellable *cancellable);
/* SNMP v2c GET of the system group, Printer-MIB/host-resources model strings and
 * Synology/QNAP firmware OIDs: snmp.* facts. */
gboolean om_probe_snmp   (OmObservation *obs, const char *community, guint timeout_ms,
                          GCancellable *cancellable);
/* IPP Get-Printer-Attributes through libcups: ipp.* facts. */
gboolean om_probe_ipp    (OmObservation *obs, guint port, guint timeout_ms, GCancellable *cancellable);
/* SMB through libsmbclient: shares, guest listing/reading, SMBv1 (smb.* facts). */
gboolean om_probe_smb    (OmObservation *obs, guint timeout_ms, GCancellable *cancellable);
/* HTTP(S) through libsoup: http.server, http.title (first 64 KiB of the page). */
gboolean om_probe_http   (OmObservation *obs, guint port, gboolean tls, guint timeout_ms,
                          GCancellable *cancellable);
/* The SSH identification line: ssh.banner. */
gboolean om_probe_ssh    (OmObservation *obs, guint port, guint timeout_ms, GCancellable *cancellable);

/* Pure helper of the HTTP probe (fuzzed): the text of the first <title>, bounded. */
char    *om_probe_http_extract_title (const char *html, gsize len);

G_END_DECLS

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
#include "om-secrets.h"

G_BEGIN_DECLS

/* NetBIOS node status on UDP 137: nbstat.name, nbstat.workgroup, nbstat.mac. */
gboolean om_probe_nbstat (OmObservation *obs, guint timeout_ms, GCancellable *cancellable);
/* SNMP v2c GET of the system group, Printer-MIB/host-resources model strings and
 * Synology/QNAP firmware OIDs: snmp.* facts. */
gboolean om_probe_snmp   (OmObservation *obs, const char *community, guint timeout_ms,
                          GCancellable *cancellable);
/* The same GET over SNMPv3 USM authPriv; adds snmp.security instead of
 * snmp.community. v3 probes take turns (net-snmp keeps USM state globally). */
gboolean om_probe_snmpv3 (OmObservation *obs, const OmSnmpV3Credentials *creds,
                          guint timeout_ms, GCancellable *cancellable);
/* Sets up net-snmp's SNMPv3 state; call it before starting v3 probes in threads. */
void     om_probe_snmpv3_prepare (void);
/* IPP Get-Printer-Attributes through libcups: ipp.* facts. */
gboolean om_probe_ipp    (OmObservation *obs, guint port, guint timeout_ms, GCancellable *cancellable);
/* SMB through libsmbclient: shares, guest listing/reading, SMBv1 (smb.* facts). */
gboolean om_probe_smb    (OmObservation *obs, guint timeout_ms, GCancellable *cancellable);
/* SMB2 NEGOTIATE + anonymous NTLMSSP NEGOTIATE up to the server's CHALLENGE (no
 * credentials, no AUTHENTICATE): smb.dialect, smb.ntlm.version ("10.0.19045"),
 * smb.netbios, smb.netbios-domain, smb.dns-name, smb.dns-domain, smb.dns-tree; over
 * SMB1 too when smb.smb1 is "yes" (run om_probe_smb first): smb.native-os,
 * smb.native-lanman. */
gboolean om_probe_smb_ntlm (OmObservation *obs, guint port, guint timeout_ms, GCancellable *cancellable);
/* HTTP(S) through libsoup: http.server, http.title (first 64 KiB of the page). */
gboolean om_probe_http   (OmObservation *obs, guint port, gboolean tls, guint timeout_ms,
                          GCancellable *cancellable);
/* The SSH identification line: ssh.banner. */
gboolean om_probe_ssh    (OmObservation *obs, guint port, guint timeout_ms, GCancellable *cancellable);

/* Pure helper of the HTTP probe (fuzzed): the text of the first <title>, bounded. */
char    *om_probe_http_extract_title (const char *html, gsize len);

G_END_DECLS

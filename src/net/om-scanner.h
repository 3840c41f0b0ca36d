/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmScanner: one discovery run over a confirmed OmScanScope. Phases: liveness
 * (neighbour table + UDP nudge + TCP connects), then identification (NetBIOS,
 * SNMP, SSH, HTTP(S), IPP, SMB per live host, bounded concurrency) while mDNS is
 * browsed alongside. Emits ::progress and ::host-found / ::host-identified as it
 * goes; cancelling stops every probe and closes every socket. The result is the
 * list of live hosts' OmObservations; merging them is om-merge's job.
 *
 * Safety for development: with OMAMORI_SCAN_REQUIRE_NETNS=1 in the environment
 * (the test suites set it), a scan of anything but loopback is refused unless the
 * process runs in a network namespace other than init's.
 */
#pragma once

#include <gio/gio.h>

#include "om-scan-scope.h"
#include "om-secrets.h"

G_BEGIN_DECLS

typedef enum {
  OM_SCAN_PHASE_IDLE,
  OM_SCAN_PHASE_LIVENESS,
  OM_SCAN_PHASE_IDENTIFY,
  OM_SCAN_PHASE_DONE,
} OmScanPhase;

#define OM_SCANNER_ERROR (om_scanner_error_quark ())
typedef enum {
  OM_SCANNER_ERROR_BUSY,
  OM_SCANNER_ERROR_UNSAFE,
} OmScannerError;
GQuark om_scanner_error_quark (void);

#define OM_TYPE_SCANNER (om_scanner_get_type ())
G_DECLARE_FINAL_TYPE (OmScanner, om_scanner, OM, SCANNER, GObject)

OmScanner   *om_scanner_new               (OmScanScope *scope);
OmScanScope *om_scanner_get_scope         (OmScanner *self);
void         om_scanner_set_community     (OmScanner *self, const char *community);
/* SNMPv3 USM authPriv credentials, tried before the v2c community. The scanner
 * copies them and wipes its copies when the next run ends (or it is finalized),
 * so set them before each run; NULL @user forgets them. */
void         om_scanner_set_snmpv3        (OmScanner          *self,
                                           const char         *user,
                                           OmSnmpAuthProtocol  auth_proto,
                                           const char         *auth_pass,
                                           OmSnmpPrivProtocol  priv_proto,
                                           const char         *priv_pass);
/* Adds one SNMPv3 credential set (its addresses from @set, a copy of @creds)
 * for the next run. For each host the most specific set applies (an address
 * beats a range, a range beats "every address"); a host no set applies to is
 * asked with the v2c community only, and so is one whose set fails. Wiped and
 * forgotten when the run ends, like om_scanner_set_snmpv3(), which replaces all
 * sets with one for every address. */
void         om_scanner_add_snmpv3_set    (OmScanner                 *self,
                                           OmSnmpv3Set               *set,
                                           const OmSnmpV3Credentials *creds);
void         om_scanner_set_mdns_duration (OmScanner *self, guint ms);
void         om_scanner_set_concurrency   (OmScanner *self, guint hosts);
/* Stop after liveness (no identification, no mDNS). */
void         om_scanner_set_liveness_only (OmScanner *self, gboolean only);

OmScanPhase  om_scanner_get_phase         (OmScanner *self);
double       om_scanner_get_fraction      (OmScanner *self);   /* 0..1 within the phase */
/* Wall time a phase took in the last run, in microseconds (0 if not run). */
gint64       om_scanner_get_phase_duration (OmScanner *self, OmScanPhase phase);

void         om_scanner_run_async         (OmScanner           *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* (element-type OmObservation): every live host, sorted by address. */
GPtrArray   *om_scanner_run_finish        (OmScanner           *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Runs the scan on a private main context (for the CLI and tests). */
GPtrArray   *om_scanner_run               (OmScanner           *self,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* TRUE if the safety check allows this scope here (see above). */
gboolean     om_scanner_check_safe        (OmScanScope *scope, GError **error);

G_END_DECLS

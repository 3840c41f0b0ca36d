/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Identification: pure functions from what the probes saw (OmObservation) to what
 * a device probably is — kind, vendor, model, OS and version, stable identifiers —
 * each guess with its evidence and a confidence (0–100). No I/O.
 *
 * Fact keys read (written by src/net/): snmp.sysDescr, snmp.sysObjectID, snmp.sysName,
 * snmp.engineID, snmp.hrDeviceDescr, snmp.prtGeneralPrinterName, snmp.synology.model,
 * snmp.synology.version, snmp.qnap.model, snmp.qnap.version, mdns.service,
 * mdns.hostname, mdns.txt.<key>, ipp.printer-make-and-model, ipp.printer-firmware,
 * ipp.printer-uuid, smb.netbios, smb.smb1, nbstat.name, nbstat.workgroup,
 * ssh.banner, http.server, http.title.
 */
#pragma once

#include <glib-object.h>

#include "om-enums.h"
#include "om-observation.h"

G_BEGIN_DECLS

typedef struct {
  char  *value;
  guint  confidence;   /* 0 = unknown */
  char  *evidence;     /* "snmp sysDescr “…”" */
} OmGuess;

typedef struct {
  OmDeviceKind  kind;
  guint         kind_confidence;
  char         *kind_evidence;
  OmGuess       vendor;
  OmGuess       model;
  OmGuess       os_family;    /* "windows", "debian", "ubuntu", "linux", "ios", "macos", "dsm", "qts", "printer-firmware" */
  OmGuess       os_name;      /* display: "Windows 7 SP1", "Debian 12", "DSM 7.1" */
  OmGuess       os_version;   /* "7", "10", "12", "7.1", "1.14" */
  OmGuess       os_build;     /* "7601", "19045", "42661" */
  OmGuess       name;         /* the best host name */
  gboolean      randomized_mac;
  GPtrArray    *identifiers;  /* char*: "ipp-uuid:…", "mdns-uuid:…", "snmp-engine:…", "netbios:NAME", "hostname:name" */
} OmIdentity;

OmIdentity  *om_identify               (OmObservation *observation);
void         om_identity_free          (OmIdentity *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmIdentity, om_identity_free)

/* Windows build number → product and release ("Windows 10", "22H2"); @server picks
 * the server name for shared builds. FALSE for builds it does not know. */
gboolean     om_identify_windows_build (guint        build,
                                        gboolean     server,
                                        const char **product,
                                        const char **release);
/* "… Software: Windows Version 6.1 (Build 7601 Multiprocessor Free)" → fills OS guesses. */
gboolean     om_identify_windows_sysdescr (const char *sys_descr,
                                           gboolean    server,
                                           char      **os_name,
                                           char      **os_version,
                                           char      **os_build);
/* "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3" → "debian", "Debian 12", "12". */
gboolean     om_identify_ssh_os        (const char *banner,
                                        char      **os_family,
                                        char      **os_name,
                                        char      **os_version);
/* "DSM 7.1-42661", "DSM 6.2.4-25556 Update 7" → "7.1", "42661". */
gboolean     om_identify_dsm_version   (const char *text,
                                        char      **version,
                                        char      **build);
/* Printer firmware out of a sysDescr or IPP string: "…Firmware Ver.1.14 ,…" → "1.14". */
char        *om_identify_printer_firmware (const char *text);

G_END_DECLS

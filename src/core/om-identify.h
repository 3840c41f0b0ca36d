/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Identification: pure functions from what the probes saw (OmObservation) to what
 * a device probably is — kind, vendor, model, OS and version, stable identifiers —
 * each guess with its evidence and a confidence (0–100). No I/O.
 *
 * Fact keys read (written by src/net/): snmp.sysDescr, snmp.sysObjectID, snmp.sysName,
 * snmp.engineID, snmp.hrDeviceDescr, snmp.prtGeneralPrinterName, snmp.synology.model,
 * snmp.synology.version, snmp.qnap.model, snmp.entPhysicalFirmwareRev, mdns.service,
 * mdns.hostname, mdns.txt.<key>, ipp.printer-make-and-model, ipp.printer-firmware,
 * ipp.printer-uuid, smb.netbios, smb.smb1, smb.ntlm.version, smb.native-os,
 * smb.native-lanman, nbstat.name, nbstat.workgroup, ssh.banner, http.server, http.title.
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
/* The NTLM version in an SMB server's CHALLENGE → "Windows 7 SP1", "7", "7601". FALSE
 * for versions no Windows sends (Samba's fixed 6.1.0 among them) and for a build
 * outside its major.minor. Builds that stand for several feature updates (19041 is
 * 2004 … 22H2) give the line without a release ("Windows 10"); *os_build is then
 * NULL except for 19041, which the EOL judgement explains. */
gboolean     om_identify_windows_ntlm  (guint        major,
                                        guint        minor,
                                        guint        build,
                                        gboolean     server,
                                        char       **os_name,
                                        char       **os_version,
                                        char       **os_build);
/* TRUE when SMB evidence says Samba: NTLM version "6.1.0" or an SMB1 NativeLanMan
 * "Samba …". */
gboolean     om_identify_smb_samba     (const char *ntlm_version,
                                        const char *native_lanman);
/* An SMB1 NativeOS → "Windows 7 SP1", "7", "7601" ("Windows 7 Professional 7601
 * Service Pack 1"), "Windows XP", "XP", NULL ("Windows 5.1"). FALSE for anything
 * else and whenever @native_lanman says Samba (whose NativeOS is "Windows 6.1"). */
gboolean     om_identify_windows_native_os (const char  *native_os,
                                            const char  *native_lanman,
                                            char       **os_name,
                                            char       **os_version,
                                            char       **os_build);
/* An SMB1 NativeLanMan with a distribution suffix: "Samba 4.17.12-Debian" →
 * "debian", "Debian 12", "12"; "…-Ubuntu" → "ubuntu", "Ubuntu", NULL. */
gboolean     om_identify_samba_os      (const char  *native_lanman,
                                        char       **os_family,
                                        char       **os_name,
                                        char       **os_version);
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

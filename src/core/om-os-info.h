/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmOsInfo: what an operating-system string means, for the end-of-life database.
 * om_os_info_parse() turns what people type ("Win11 Ent 23H2", "Ｗｉｎｄｏｗｓ １０",
 * "macOS Sonoma") and what devices report ("10.0.19045.3803", "DSM 7.1.1-42962",
 * "Debian GNU/Linux 11 (bullseye)") into a product id and a release cycle that match
 * the "products"/"cycles" of data/eol.json. It is a pure function: no I/O, no locale.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Editions that have different end dates (Windows 10/11). */
typedef enum {
  OM_OS_EDITION_UNKNOWN,     /* not stated */
  OM_OS_EDITION_CONSUMER,    /* Home, Pro, Pro Education, Pro for Workstations, SE */
  OM_OS_EDITION_ENTERPRISE,  /* Enterprise, Education, IoT Enterprise (general availability channel) */
  OM_OS_EDITION_LTSC,        /* Enterprise LTSC / LTSB */
  OM_OS_EDITION_IOT_LTSC,    /* IoT Enterprise LTSC */
  OM_N_OS_EDITIONS
} OmOsEdition;

typedef struct {
  char        *product;          /* "windows", "windows-server", "macos", "ios", "ipados", "android",
                                    "ubuntu", "debian", "rhel", "centos", "centos-stream", "rocky",
                                    "almalinux", "synology-dsm", "qnap-qts", … never NULL */
  char        *cycle;            /* "10-22h2", "2012-r2", "13", "20.04", "7.1"; NULL if only the
                                    major line is known ("Windows 10" without a version) */
  char        *group;            /* the major line: "10" for any Windows 10, "7" for DSM 7.x;
                                    NULL when nothing but the product is known */
  OmOsEdition  edition;
  char        *version;          /* the version or build recognised, for display; may be NULL */
  guint        build;            /* Windows build number, 0 if none */
  gboolean     build_ambiguous;  /* the build alone cannot separate versions (19041 from NTLM) */
} OmOsInfo;

#define OM_TYPE_OS_INFO (om_os_info_get_type ())
GType        om_os_info_get_type      (void) G_GNUC_CONST;

/* Returns NULL when @text names no operating system Omamori knows. @text may be any
 * UTF-8 (invalid bytes are replaced); only its first 512 bytes are looked at. */
OmOsInfo    *om_os_info_parse         (const char *text);
/* Same, with a hint that the device is a server: a bare build such as 10.0.17763 then
 * means Windows Server 2019 rather than Windows 10 1809. */
OmOsInfo    *om_os_info_parse_full    (const char *text, gboolean server_hint);
/* From the separate OS fields a device carries (all may be NULL). The name is tried
 * first; the other fields fill in what it lacks (a version, a build, an edition). */
OmOsInfo    *om_os_info_parse_fields  (const char *family,
                                       const char *name,
                                       const char *version,
                                       const char *build,
                                       const char *edition,
                                       gboolean    server_hint);
OmOsInfo    *om_os_info_copy          (const OmOsInfo *info);
void         om_os_info_free          (OmOsInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmOsInfo, om_os_info_free)

/* "unknown", "consumer", "enterprise", "ltsc", "iot-ltsc" (the names used in eol.json). */
const char  *om_os_edition_to_string   (OmOsEdition edition);
gboolean     om_os_edition_from_string (const char *str, OmOsEdition *out);
/* Translated, for the UI: "Home/Pro", "Enterprise/Education", … */
const char  *om_os_edition_to_label    (OmOsEdition edition);

G_END_DECLS

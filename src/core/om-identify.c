/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-identify"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "om-device.h"
#include "om-identify.h"
#include "om-oui.h"

/* ------------------------------------------------------------------------- */
/* Tables */

typedef struct {
  guint       build;
  const char *client;   /* NULL: no client release with this build */
  const char *client_release;
  const char *server;
} WindowsBuild;

/* Windows builds as reported by sysDescr, SMB and the registry. */
static const WindowsBuild windows_builds[] = {
  { 2600,  "Windows XP",    NULL,   NULL },
  { 3790,  "Windows XP",    "x64",  "Windows Server 2003" },
  { 6000,  "Windows Vista", NULL,   NULL },
  { 6001,  "Windows Vista", "SP1",  "Windows Server 2008" },
  { 6002,  "Windows Vista", "SP2",  "Windows Server 2008 SP2" },
  { 7600,  "Windows 7",     NULL,   "Windows Server 2008 R2" },
  { 7601,  "Windows 7",     "SP1",  "Windows Server 2008 R2 SP1" },
  { 9200,  "Windows 8",     NULL,   "Windows Server 2012" },
  { 9600,  "Windows 8.1",   NULL,   "Windows Server 2012 R2" },
  { 10240, "Windows 10",    "1507", NULL },
  { 10586, "Windows 10",    "1511", NULL },
  { 14393, "Windows 10",    "1607", "Windows Server 2016" },
  { 15063, "Windows 10",    "1703", NULL },
  { 16299, "Windows 10",    "1709", NULL },
  { 17134, "Windows 10",    "1803", NULL },
  { 17763, "Windows 10",    "1809", "Windows Server 2019" },
  { 18362, "Windows 10",    "1903", NULL },
  { 18363, "Windows 10",    "1909", NULL },
  { 19041, "Windows 10",    "2004", NULL },
  { 19042, "Windows 10",    "20H2", NULL },
  { 19043, "Windows 10",    "21H1", NULL },
  { 19044, "Windows 10",    "21H2", NULL },
  { 19045, "Windows 10",    "22H2", NULL },
  { 20348, NULL,            NULL,   "Windows Server 2022" },
  { 22000, "Windows 11",    "21H2", NULL },
  { 22621, "Windows 11",    "22H2", NULL },
  { 22631, "Windows 11",    "23H2", NULL },
  { 26100, "Windows 11",    "24H2", "Windows Server 2025" },
};

/* Windows lines by the NTLM version an SMB server reports (major.minor) and the
 * builds that line shipped with; a build outside its line is not believed. */
static const struct {
  guint8      major, minor;
  guint       first_build, last_build;
  const char *client, *server;   /* for builds the build table does not know */
} ntlm_lines[] = {
  { 5,  0, 2195,  2195,  "Windows 2000",  "Windows 2000" },
  { 5,  1, 2600,  2600,  "Windows XP",    NULL },
  { 5,  2, 3790,  3790,  "Windows XP",    "Windows Server 2003" },
  { 6,  0, 6000,  6003,  "Windows Vista", "Windows Server 2008" },
  { 6,  1, 7600,  7601,  "Windows 7",     "Windows Server 2008 R2" },
  { 6,  2, 9200,  9200,  "Windows 8",     "Windows Server 2012" },
  { 6,  3, 9600,  9600,  "Windows 8.1",   "Windows Server 2012 R2" },
  { 10, 0, 10240, 29999, "Windows 10",    NULL },   /* 11 from build 22000 */
};

/* NTLM reports the build its binaries were made with: feature updates that ship as
 * enablement packages keep their base build, so these stand for several releases. */
static const struct { guint build; const char *releases; } ntlm_shared_builds[] = {
  { 18362, "1903 or 1909" },
  { 19041, "2004, 20H2, 21H1, 21H2 or 22H2" },
  { 22621, "22H2 or 23H2" },
  { 26100, "24H2 or 25H2" },
};

/* Debian's OpenSSH per release, for banners without a "debNN" suffix. */
static const struct { const char *openssh; const char *debian; const char *ubuntu; } openssh_releases[] = {
  { "6.0", "7",  NULL },
  { "6.6", NULL, "14.04" },
  { "6.7", "8",  NULL },
  { "7.2", NULL, "16.04" },
  { "7.4", "9",  NULL },
  { "7.6", NULL, "18.04" },
  { "7.9", "10", NULL },
  { "8.2", NULL, "20.04" },
  { "8.4", "11", NULL },
  { "8.9", NULL, "22.04" },
  { "9.2", "12", NULL },
  { "9.6", NULL, "24.04" },
  { "10.0", "13", NULL },
};

typedef struct {
  const char   *prefix;   /* enterprise number under 1.3.6.1.4.1. */
  const char   *vendor;
  OmDeviceKind  kind;     /* UNKNOWN if the vendor makes many kinds */
} Enterprise;

static const Enterprise enterprises[] = {
  { "2435.",  "Brother",          OM_DEVICE_KIND_PRINTER },
  { "1602.",  "Canon",            OM_DEVICE_KIND_PRINTER },
  { "367.",   "Ricoh",            OM_DEVICE_KIND_PRINTER },
  { "1347.",  "Kyocera",          OM_DEVICE_KIND_PRINTER },
  { "253.",   "Xerox",            OM_DEVICE_KIND_PRINTER },
  { "297.",   "Fuji Xerox",       OM_DEVICE_KIND_PRINTER },
  { "2001.",  "OKI",              OM_DEVICE_KIND_PRINTER },
  { "1248.",  "Epson",            OM_DEVICE_KIND_PRINTER },
  { "18334.", "Konica Minolta",   OM_DEVICE_KIND_PRINTER },
  { "1129.",  "Toshiba",          OM_DEVICE_KIND_PRINTER },
  { "2385.",  "Sharp",            OM_DEVICE_KIND_PRINTER },
  { "6574.",  "Synology",         OM_DEVICE_KIND_NAS },
  { "24681.", "QNAP",             OM_DEVICE_KIND_NAS },
  { "4526.",  "Netgear",          OM_DEVICE_KIND_UNKNOWN },
  { "1182.",  "Yamaha",           OM_DEVICE_KIND_ROUTER },
  { "9.",     "Cisco",            OM_DEVICE_KIND_ROUTER },
  { "14988.", "MikroTik",         OM_DEVICE_KIND_ROUTER },
  { "41112.", "Ubiquiti",         OM_DEVICE_KIND_ACCESS_POINT },
  { "311.",   NULL,               OM_DEVICE_KIND_UNKNOWN },   /* Windows: the OS, not the maker */
  { "11.",    "HP",               OM_DEVICE_KIND_UNKNOWN },
  { "674.",   "Dell",             OM_DEVICE_KIND_UNKNOWN },
  { "8072.",  NULL,               OM_DEVICE_KIND_UNKNOWN },   /* net-snmp: says nothing */
};

static const char * const printer_vendors[] = {
  "Brother", "Canon", "Ricoh", "Kyocera", "Xerox", "FUJIFILM", "Fuji Xerox", "OKI", "Epson",
  "EPSON", "Konica Minolta", "KONICA MINOLTA", "Toshiba", "TOSHIBA", "Sharp", "SHARP", "HP",
  "Hewlett-Packard", "Lexmark", "Panasonic", "Muratec", "RISO", NULL
};

static const char * const mfp_markers[] = {
  "MFC", "DCP", "MFP", "imageRUNNER", "bizhub", "ECOSYS M", "Aficio", "IM C", "MX-", "e-STUDIO",
  "WorkCentre", "ApeosPort", "DocuCentre", "TASKalfa", "EW-", "PX-M", "EP-", NULL
};

/* ------------------------------------------------------------------------- */
/* Guess helpers */

static void
guess_clear (OmGuess *g)
{
  g_clear_pointer (&g->value, g_free);
  g_clear_pointer (&g->evidence, g_free);
  g->confidence = 0;
}

/* Takes nothing; copies. A guess only replaces one with less confidence. */
static void
guess_offer (OmGuess    *g,
             const char *value,
             guint       confidence,
             const char *evidence_format,
             ...) G_GNUC_PRINTF (4, 5);

static void
guess_offer (OmGuess    *g,
             const char *value,
             guint       confidence,
             const char *evidence_format,
             ...)
{
  va_list args;

  if (value == NULL || *value == '\0' || confidence <= g->confidence)
    return;
  guess_clear (g);
  g->value = g_strdup (value);
  g->confidence = confidence;
  va_start (args, evidence_format);
  g->evidence = g_strdup_vprintf (evidence_format, args);
  va_end (args);
}

static void
kind_offer (OmIdentity   *id,
            OmDeviceKind  kind,
            guint         confidence,
            const char   *evidence_format,
            ...) G_GNUC_PRINTF (4, 5);

static void
kind_offer (OmIdentity   *id,
            OmDeviceKind  kind,
            guint         confidence,
            const char   *evidence_format,
            ...)
{
  va_list args;

  if (kind == OM_DEVICE_KIND_UNKNOWN || confidence <= id->kind_confidence)
    return;
  id->kind = kind;
  id->kind_confidence = confidence;
  g_free (id->kind_evidence);
  va_start (args, evidence_format);
  id->kind_evidence = g_strdup_vprintf (evidence_format, args);
  va_end (args);
}

static void
add_identifier (OmIdentity *id,
                const char *prefix,
                const char *value)
{
  g_autofree char *v = NULL;
  char *full;

  if (value == NULL || *value == '\0')
    return;
  v = g_ascii_strdown (value, -1);
  g_strstrip (v);
  if (*v == '\0')
    return;
  full = g_strconcat (prefix, v, NULL);
  for (guint i = 0; i < id->identifiers->len; i++)
    if (g_str_equal (g_ptr_array_index (id->identifiers, i), full))
      {
        g_free (full);
        return;
      }
  g_ptr_array_add (id->identifiers, full);
}

static gboolean
has_service (OmObservation *obs,
             const char    *type)
{
  GPtrArray *facts = om_observation_get_facts (obs);

  for (guint i = 0; i < facts->len; i++)
    {
      OmFact *f = g_ptr_array_index (facts, i);

      if (g_str_equal (f->key, "mdns.service") && g_str_equal (f->value, type))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_port (OmObservation *obs,
          guint          port)
{
  return om_observation_find_service (obs, port, "tcp") != NULL;
}

/* ------------------------------------------------------------------------- */
/* Pure parsers (public for table tests) */

gboolean
om_identify_windows_build (guint        build,
                           gboolean     server,
                           const char **product,
                           const char **release)
{
  for (guint i = 0; i < G_N_ELEMENTS (windows_builds); i++)
    {
      const WindowsBuild *b = &windows_builds[i];

      if (b->build != build)
        continue;
      if ((server && b->server != NULL) || b->client == NULL)
        {
          *product = b->server;
          *release = NULL;
        }
      else
        {
          *product = b->client;
          *release = b->client_release;
        }
      return *product != NULL;
    }
  return FALSE;
}

gboolean
om_identify_windows_sysdescr (const char *sys_descr,
                              gboolean    server,
                              char      **os_name,
                              char      **os_version,
                              char      **os_build)
{
  const char *p;
  guint64 build;
  const char *product, *release;
  char *end;

  *os_name = *os_version = *os_build = NULL;
  if (sys_descr == NULL || (p = strstr (sys_descr, "Windows")) == NULL)
    return FALSE;
  p = strstr (p, "Build ");
  if (p == NULL)
    {
      /* Old agents say "Windows Version 6.1" without a build. */
      if ((p = strstr (sys_descr, "Windows Version ")) == NULL)
        return FALSE;
      *os_name = g_strdup ("Windows");
      *os_version = g_strndup (p + 16, strspn (p + 16, "0123456789."));
      return TRUE;
    }
  build = g_ascii_strtoull (p + 6, &end, 10);
  if (end == p + 6 || build == 0 || build > 99999)
    return FALSE;
  *os_build = g_strdup_printf ("%" G_GUINT64_FORMAT, build);
  if (om_identify_windows_build ((guint) build, server, &product, &release))
    {
      *os_name = release ? g_strdup_printf ("%s %s", product, release) : g_strdup (product);
      *os_version = g_strdup (product + strlen ("Windows "));
    }
  else
    {
      *os_name = g_strdup_printf ("Windows (build %" G_GUINT64_FORMAT ")", build);
    }
  return TRUE;
}

static const char *
ntlm_shared_releases (guint build)
{
  for (guint i = 0; i < G_N_ELEMENTS (ntlm_shared_builds); i++)
    if (ntlm_shared_builds[i].build == build)
      return ntlm_shared_builds[i].releases;
  return NULL;
}

gboolean
om_identify_windows_ntlm (guint        major,
                          guint        minor,
                          guint        build,
                          gboolean     server,
                          char       **os_name,
                          char       **os_version,
                          char       **os_build)
{
  const char *product = NULL, *release = NULL, *shared;
  guint i;

  *os_name = *os_version = *os_build = NULL;
  /* Windows always fills in its build; Samba (and others imitating Windows) send 0. */
  if (build == 0)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (ntlm_lines); i++)
    if (ntlm_lines[i].major == major && ntlm_lines[i].minor == minor)
      break;
  if (i == G_N_ELEMENTS (ntlm_lines)
      || build < ntlm_lines[i].first_build || build > ntlm_lines[i].last_build)
    return FALSE;
  /* 5.2 is nearly always Server 2003 (XP x64 was rare). */
  server = server || (major == 5 && minor == 2);
  shared = ntlm_shared_releases (build);

  if (om_identify_windows_build (build, server, &product, &release)
      && (shared == NULL || strstr (product, "Server") != NULL))
    {
      *os_name = release ? g_strdup_printf ("%s %s", product, release) : g_strdup (product);
    }
  else
    {
      /* An unknown build of a known line, or a shared build: the line, no release. */
      product = (server && ntlm_lines[i].server) ? ntlm_lines[i].server : ntlm_lines[i].client;
      if (major == 10 && build >= 22000 && !server)
        product = "Windows 11";
      *os_name = g_strdup (product);
    }
  *os_version = g_strdup (product + strlen ("Windows "));
  /* A shared build would name one release of several, except 19041, which the EOL
   * judgement knows to be shared and explains. */
  if (shared == NULL || build == 19041 || strstr (product, "Server") != NULL)
    *os_build = g_strdup_printf ("%u", build);
  return TRUE;
}

gboolean
om_identify_smb_samba (const char *ntlm_version,
                       const char *native_lanman)
{
  if (native_lanman != NULL && g_str_has_prefix (native_lanman, "Samba"))
    return TRUE;
  /* Samba's NTLMSSP always says 6.1 build 0 (Windows 7 would say 7600/7601). */
  return g_strcmp0 (ntlm_version, "6.1.0") == 0;
}

gboolean
om_identify_windows_native_os (const char  *native_os,
                               const char  *native_lanman,
                               char       **os_name,
                               char       **os_version,
                               char       **os_build)
{
  const char *product, *release, *p;
  guint major, minor;
  char rest;

  *os_name = *os_version = *os_build = NULL;
  /* Samba's NativeOS is a fixed "Windows 6.1" too. */
  if (native_os == NULL || !g_str_has_prefix (native_os, "Windows")
      || om_identify_smb_samba (NULL, native_lanman))
    return FALSE;
  /* "Windows 7 Professional 7601 Service Pack 1", "Windows Server 2003 3790 Service Pack 2" */
  for (p = native_os; *p != '\0'; p++)
    {
      gsize n = strspn (p, "0123456789");

      if ((p == native_os || p[-1] == ' ') && (n == 4 || n == 5) && (p[n] == ' ' || p[n] == '\0'))
        {
          guint build = (guint) g_ascii_strtoull (p, NULL, 10);

          /* Product years ("Server 2008 R2") come before the build. */
          if (!om_identify_windows_build (build, strstr (native_os, "Server") != NULL, &product, &release))
            {
              p += n - 1;
              continue;
            }
          *os_name = release ? g_strdup_printf ("%s %s", product, release) : g_strdup (product);
          *os_version = g_strdup (product + strlen ("Windows "));
          *os_build = g_strdup_printf ("%u", build);
          return TRUE;
        }
      if (n > 0)
        p += n - 1;
    }
  /* XP and 2000 say only "Windows 5.1" / "Windows 5.0". */
  if (sscanf (native_os, "Windows %u.%u%c", &major, &minor, &rest) == 2)
    for (guint i = 0; i < G_N_ELEMENTS (ntlm_lines); i++)
      if (ntlm_lines[i].major == major && ntlm_lines[i].minor == minor && major < 6)
        {
          product = (major == 5 && minor == 2) ? ntlm_lines[i].server : ntlm_lines[i].client;
          *os_name = g_strdup (product);
          *os_version = g_strdup (product + strlen ("Windows "));
          return TRUE;
        }
  return FALSE;
}

gboolean
om_identify_samba_os (const char  *native_lanman,
                      char       **os_family,
                      char       **os_name,
                      char       **os_version)
{
  /* Debian keeps one Samba series per release (security fixes are backported). */
  static const struct { const char *series; const char *debian; } debian_samba[] = {
    { "4.5.", "9" }, { "4.9.", "10" }, { "4.13.", "11" }, { "4.17.", "12" }, { "4.22.", "13" },
  };
  const char *v;

  *os_family = *os_name = *os_version = NULL;
  if (native_lanman == NULL || !g_str_has_prefix (native_lanman, "Samba "))
    return FALSE;
  v = native_lanman + strlen ("Samba ");
  if (strstr (v, "-Debian") != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (debian_samba); i++)
        if (g_str_has_prefix (v, debian_samba[i].series))
          {
            *os_version = g_strdup (debian_samba[i].debian);
            break;
          }
      *os_family = g_strdup ("debian");
      *os_name = *os_version ? g_strdup_printf ("Debian %s", *os_version) : g_strdup ("Debian");
      return TRUE;
    }
  if (strstr (v, "-Ubuntu") != NULL)
    {
      /* Ubuntu moves LTS releases to newer Samba series: no release from it. */
      *os_family = g_strdup ("ubuntu");
      *os_name = g_strdup ("Ubuntu");
      return TRUE;
    }
  return FALSE;
}

static const char *
lookup_openssh (const char *software,
                gboolean    ubuntu)
{
  /* software: "OpenSSH_9.2p1 …" */
  const char *v = software + strlen ("OpenSSH_");
  gsize n = strspn (v, "0123456789.");

  for (guint i = 0; i < G_N_ELEMENTS (openssh_releases); i++)
    {
      if (strlen (openssh_releases[i].openssh) == n
          && strncmp (openssh_releases[i].openssh, v, n) == 0)
        return ubuntu ? openssh_releases[i].ubuntu : openssh_releases[i].debian;
    }
  return NULL;
}

gboolean
om_identify_ssh_os (const char *banner,
                    char      **os_family,
                    char      **os_name,
                    char      **os_version)
{
  const char *software, *comment, *p;

  *os_family = *os_name = *os_version = NULL;
  if (banner == NULL || !g_str_has_prefix (banner, "SSH-"))
    return FALSE;
  /* SSH-protoversion-softwareversion SP comments */
  software = strchr (banner + 4, '-');
  if (software == NULL)
    return FALSE;
  software++;
  comment = strchr (software, ' ');

  if (g_str_has_prefix (software, "OpenSSH_") && comment != NULL)
    {
      comment++;
      if (g_str_has_prefix (comment, "Debian") || g_str_has_prefix (comment, "Raspbian"))
        {
          const char *rel = NULL;
          g_autofree char *num = NULL;

          if ((p = strstr (comment, "+deb")) != NULL || (p = strstr (comment, "~deb")) != NULL)
            {
              num = g_strndup (p + 4, strspn (p + 4, "0123456789"));
              if (*num != '\0')
                rel = num;
            }
          if (rel == NULL)
            rel = lookup_openssh (software, FALSE);
          *os_family = g_strdup ("debian");
          *os_name = rel ? g_strdup_printf ("%s %s", g_str_has_prefix (comment, "Raspbian")
                                            ? "Raspberry Pi OS" : "Debian", rel)
                         : g_strdup ("Debian");
          *os_version = g_strdup (rel);
          return TRUE;
        }
      if (g_str_has_prefix (comment, "Ubuntu"))
        {
          const char *rel = lookup_openssh (software, TRUE);

          *os_family = g_strdup ("ubuntu");
          *os_name = rel ? g_strdup_printf ("Ubuntu %s", rel) : g_strdup ("Ubuntu");
          *os_version = g_strdup (rel);
          return TRUE;
        }
      if (g_str_has_prefix (comment, "FreeBSD"))
        {
          *os_family = g_strdup ("freebsd");
          *os_name = g_strdup ("FreeBSD");
          return TRUE;
        }
    }
  if (g_str_has_prefix (software, "OpenSSH_for_Windows"))
    {
      *os_family = g_strdup ("windows");
      *os_name = g_strdup ("Windows");
      return TRUE;
    }
  if (g_str_has_prefix (software, "ROSSSH"))
    {
      *os_family = g_strdup ("routeros");
      *os_name = g_strdup ("RouterOS");
      return TRUE;
    }
  return FALSE;
}

gboolean
om_identify_dsm_version (const char *text,
                         char      **version,
                         char      **build)
{
  const char *p;
  gsize n;

  *version = *build = NULL;
  if (text == NULL || (p = strstr (text, "DSM ")) == NULL)
    return FALSE;
  p += 4;
  n = strspn (p, "0123456789.");
  if (n == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  *version = g_strndup (p, n);
  p += n;
  if (*p == '-')
    {
      n = strspn (p + 1, "0123456789");
      if (n > 0)
        *build = g_strndup (p + 1, n);
    }
  return TRUE;
}

char *
om_identify_printer_firmware (const char *text)
{
  static const char * const markers[] = { "Firmware Ver.", "Firmware Ver ", "Firmware Version ",
                                          "firmware ", "FW:", "Firmware:", NULL };

  if (text == NULL)
    return NULL;
  for (guint i = 0; markers[i] != NULL; i++)
    {
      const char *p = strstr (text, markers[i]);
      gsize n;

      if (p == NULL)
        continue;
      p += strlen (markers[i]);
      while (*p == ' ')
        p++;
      n = strcspn (p, " ,;()");
      if (n > 0 && n < 64)
        return g_strndup (p, n);
    }
  return NULL;
}

/* ------------------------------------------------------------------------- */
/* Rules */

static const char *
strip_vendor (const char *model,
              const char *vendor)
{
  gsize n;

  if (vendor == NULL)
    return model;
  n = strlen (vendor);
  if (g_ascii_strncasecmp (model, vendor, n) == 0 && model[n] == ' ')
    return model + n + 1;
  return model;
}

static const char *
known_printer_vendor (const char *text)
{
  for (guint i = 0; printer_vendors[i] != NULL; i++)
    {
      gsize n = strlen (printer_vendors[i]);

      if (g_ascii_strncasecmp (text, printer_vendors[i], n) == 0 && (text[n] == ' ' || text[n] == '\0'))
        return printer_vendors[i];
    }
  return NULL;
}

static gboolean
looks_like_mfp (const char *model)
{
  for (guint i = 0; mfp_markers[i] != NULL; i++)
    if (model != NULL && strstr (model, mfp_markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
identify_printer (OmObservation *obs,
                  OmIdentity    *id)
{
  const char *mm = om_observation_get_fact (obs, "ipp.printer-make-and-model");
  const char *ty = om_observation_get_fact (obs, "mdns.txt.ty");
  const char *prt = om_observation_get_fact (obs, "snmp.prtGeneralPrinterName");
  const char *hr = om_observation_get_fact (obs, "snmp.hrDeviceDescr");
  const char *fw = om_observation_get_fact (obs, "ipp.printer-firmware");
  const char *descr = om_observation_get_fact (obs, "snmp.sysDescr");
  const char *model_src[] = { mm, prt, ty, hr };
  const char *model_key[] = { "ipp printer-make-and-model", "snmp prtGeneralPrinterName",
                              "mdns ty", "snmp hrDeviceDescr" };
  const guint model_conf[] = { 90, 85, 75, 70 };
  g_autofree char *sysfw = NULL;

  if (mm != NULL)
    kind_offer (id, OM_DEVICE_KIND_PRINTER, 90, "ipp printer-make-and-model “%s”", mm);
  if (prt != NULL)
    kind_offer (id, OM_DEVICE_KIND_PRINTER, 85, "snmp prtGeneralPrinterName “%s”", prt);
  if (has_service (obs, "_ipp._tcp") || has_service (obs, "_ipps._tcp")
      || has_service (obs, "_pdl-datastream._tcp") || has_service (obs, "_printer._tcp"))
    kind_offer (id, OM_DEVICE_KIND_PRINTER, 80, "mdns printer service");
  if (has_port (obs, 9100) && (has_port (obs, 631) || has_port (obs, 515)))
    kind_offer (id, OM_DEVICE_KIND_PRINTER, 60, "tcp 9100 and 631/515 open");
  else if (has_port (obs, 9100))
    kind_offer (id, OM_DEVICE_KIND_PRINTER, 45, "tcp 9100 (raw printing) open");

  for (guint i = 0; i < G_N_ELEMENTS (model_src); i++)
    {
      const char *vendor;

      if (model_src[i] == NULL)
        continue;
      vendor = known_printer_vendor (model_src[i]);
      if (vendor != NULL)
        {
          guess_offer (&id->vendor, vendor, model_conf[i], "%s “%s”", model_key[i], model_src[i]);
          guess_offer (&id->model, strip_vendor (model_src[i], vendor), model_conf[i],
                       "%s “%s”", model_key[i], model_src[i]);
        }
      else
        guess_offer (&id->model, model_src[i], model_conf[i] - 10, "%s “%s”", model_key[i], model_src[i]);
    }

  if (id->kind == OM_DEVICE_KIND_PRINTER && looks_like_mfp (id->model.value))
    kind_offer (id, OM_DEVICE_KIND_MFP, id->kind_confidence + 1, "model “%s” is a multifunction device",
                id->model.value);

  if (id->kind != OM_DEVICE_KIND_PRINTER && id->kind != OM_DEVICE_KIND_MFP)
    return;
  sysfw = om_identify_printer_firmware (descr);
  if (sysfw != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s%sfirmware %s", id->vendor.value ? id->vendor.value : "",
                                               id->vendor.value ? " " : "", sysfw);
      guess_offer (&id->os_family, "printer-firmware", 70, "snmp sysDescr “%s”", descr);
      guess_offer (&id->os_name, name, 70, "snmp sysDescr “%s”", descr);
      guess_offer (&id->os_version, sysfw, 70, "snmp sysDescr “%s”", descr);
    }
  if (fw != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s%sfirmware %s", id->vendor.value ? id->vendor.value : "",
                                               id->vendor.value ? " " : "", fw);
      guess_offer (&id->os_family, "printer-firmware", 60, "ipp printer-firmware “%s”", fw);
      guess_offer (&id->os_name, name, 60, "ipp printer-firmware “%s”", fw);
      guess_offer (&id->os_version, fw, 60, "ipp printer-firmware “%s”", fw);
    }
}

static void
identify_nas (OmObservation *obs,
              OmIdentity    *id)
{
  const char *syn_model = om_observation_get_fact (obs, "snmp.synology.model");
  const char *syn_ver = om_observation_get_fact (obs, "snmp.synology.version");
  const char *qnap_model = om_observation_get_fact (obs, "snmp.qnap.model");
  const char *entity_fw = om_observation_get_fact (obs, "snmp.entPhysicalFirmwareRev");
  const char *sysoid = om_observation_get_fact (obs, "snmp.sysObjectID");
  const char *qnap_ver = NULL;
  const char *mvendor = om_observation_get_fact (obs, "mdns.txt.vendor");
  const char *title = om_observation_get_fact (obs, "http.title");

  if (syn_model != NULL || syn_ver != NULL)
    {
      kind_offer (id, OM_DEVICE_KIND_NAS, 95, "snmp Synology MIB");
      guess_offer (&id->vendor, "Synology", 95, "snmp Synology MIB");
      guess_offer (&id->model, syn_model, 90, "snmp Synology modelName “%s”", syn_model);
    }
  if (syn_ver != NULL)
    {
      g_autofree char *v = NULL, *b = NULL;

      if (om_identify_dsm_version (syn_ver, &v, &b))
        {
          g_autofree char *name = g_strdup_printf ("DSM %s", v);
          guess_offer (&id->os_family, "dsm", 90, "snmp Synology version “%s”", syn_ver);
          guess_offer (&id->os_name, name, 90, "snmp Synology version “%s”", syn_ver);
          guess_offer (&id->os_version, v, 90, "snmp Synology version “%s”", syn_ver);
          guess_offer (&id->os_build, b, 90, "snmp Synology version “%s”", syn_ver);
        }
    }
  if (qnap_model != NULL)
    {
      kind_offer (id, OM_DEVICE_KIND_NAS, 95, "snmp QNAP MIB");
      guess_offer (&id->vendor, "QNAP", 95, "snmp QNAP MIB");
      guess_offer (&id->model, qnap_model, 90, "snmp QNAP model “%s”", qnap_model);
    }
  /* QTS reports its version only as ENTITY-MIB entPhysicalFirmwareRev.1, which
   * any device may have: it is QTS only next to QNAP's own MIB or enterprise. */
  if (entity_fw != NULL
      && (qnap_model != NULL || (sysoid != NULL && g_str_has_prefix (sysoid, "1.3.6.1.4.1.24681."))))
    {
      qnap_ver = entity_fw;
      kind_offer (id, OM_DEVICE_KIND_NAS, 95, "snmp QNAP MIB");
      guess_offer (&id->vendor, "QNAP", 95, "snmp QNAP MIB");
    }
  if (qnap_ver != NULL)
    {
      /* "5.1.0 Build 20230926", "QTS 5.1.0.2444", quoted by some agents */
      const char *v0 = qnap_ver + strspn (qnap_ver, "\" ");
      gsize n;

      if (g_str_has_prefix (v0, "QTS "))
        v0 += 4;
      n = strspn (v0, "0123456789.");

      if (n > 0 && g_ascii_isdigit (*v0))
        {
          g_autofree char *v = g_strndup (v0, n);
          g_autofree char *name = g_strdup_printf ("QTS %s", v);
          guess_offer (&id->os_family, "qts", 85, "snmp QNAP entPhysicalFirmwareRev “%s”", qnap_ver);
          guess_offer (&id->os_name, name, 85, "snmp QNAP entPhysicalFirmwareRev “%s”", qnap_ver);
          guess_offer (&id->os_version, v, 85, "snmp QNAP entPhysicalFirmwareRev “%s”", qnap_ver);
        }
    }
  if (mvendor != NULL && (g_ascii_strcasecmp (mvendor, "Synology") == 0
                          || g_ascii_strcasecmp (mvendor, "QNAP") == 0))
    {
      const char *model = om_observation_get_fact (obs, "mdns.txt.model");
      const char *maj = om_observation_get_fact (obs, "mdns.txt.version_major");
      const char *min = om_observation_get_fact (obs, "mdns.txt.version_minor");
      const char *build = om_observation_get_fact (obs, "mdns.txt.version_build");
      gboolean syno = g_ascii_strcasecmp (mvendor, "Synology") == 0;

      kind_offer (id, OM_DEVICE_KIND_NAS, 85, "mdns vendor=%s", mvendor);
      guess_offer (&id->vendor, syno ? "Synology" : "QNAP", 80, "mdns vendor=%s", mvendor);
      guess_offer (&id->model, model, 75, "mdns model=%s", model);
      if (syno && maj != NULL)
        {
          g_autofree char *v = min ? g_strdup_printf ("%s.%s", maj, min) : g_strdup (maj);
          g_autofree char *name = g_strdup_printf ("DSM %s", v);
          guess_offer (&id->os_family, "dsm", 75, "mdns version_major=%s", maj);
          guess_offer (&id->os_name, name, 75, "mdns version_major=%s", maj);
          guess_offer (&id->os_version, v, 75, "mdns version_major=%s", maj);
          guess_offer (&id->os_build, build, 75, "mdns version_build=%s", build);
        }
    }
  if (title != NULL && (strstr (title, "Synology") || strstr (title, "DiskStation")))
    {
      kind_offer (id, OM_DEVICE_KIND_NAS, 70, "http title “%s”", title);
      guess_offer (&id->vendor, "Synology", 60, "http title “%s”", title);
    }
  else if (title != NULL && (strstr (title, "QNAP") || strstr (title, "QTS")))
    {
      kind_offer (id, OM_DEVICE_KIND_NAS, 70, "http title “%s”", title);
      guess_offer (&id->vendor, "QNAP", 60, "http title “%s”", title);
    }
}

static void
identify_windows (OmObservation *obs,
                  OmIdentity    *id)
{
  const char *descr = om_observation_get_fact (obs, "snmp.sysDescr");
  const char *oid = om_observation_get_fact (obs, "snmp.sysObjectID");
  g_autofree char *name = NULL, *version = NULL, *build = NULL;
  gboolean server;

  if (descr == NULL || strstr (descr, "Windows") == NULL)
    return;
  /* Microsoft's sysObjectIDs: .1.1.3.1.1 workstation, .1.2 server, .1.3 domain controller. */
  server = oid != NULL && (g_str_has_prefix (oid, "1.3.6.1.4.1.311.1.1.3.1.2")
                           || g_str_has_prefix (oid, "1.3.6.1.4.1.311.1.1.3.1.3"));
  if (!om_identify_windows_sysdescr (descr, server, &name, &version, &build))
    return;
  guess_offer (&id->os_family, "windows", 90, "snmp sysDescr “%s”", descr);
  guess_offer (&id->os_name, name, 90, "snmp sysDescr “%s”", descr);
  guess_offer (&id->os_version, version, 90, "snmp sysDescr “%s”", descr);
  guess_offer (&id->os_build, build, 90, "snmp sysDescr “%s”", descr);
  if (server || (name != NULL && strstr (name, "Server") != NULL))
    kind_offer (id, OM_DEVICE_KIND_SERVER, 80, "snmp sysDescr “%s”", descr);
  else
    kind_offer (id, OM_DEVICE_KIND_PC, 80, "snmp sysDescr “%s”", descr);
}

/* The OS fields as one set: they replace the current OS only together, and
 * claim every field (a NULL one too) so a weaker source cannot fill the gaps with
 * its own version of another OS ("Windows 11" with Debian's "12"). */
static void
os_offer_set (OmIdentity *id,
              const char *family,
              const char *name,
              const char *version,
              const char *build,
              guint       confidence,
              const char *evidence)
{
  OmGuess *fields[] = { &id->os_family, &id->os_name, &id->os_version, &id->os_build };
  const char *values[] = { family, name, version, build };

  if (name == NULL || confidence <= id->os_name.confidence || confidence <= id->os_family.confidence)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      guess_clear (fields[i]);
      fields[i]->value = g_strdup (values[i]);
      fields[i]->evidence = g_strdup (evidence);
      fields[i]->confidence = confidence;
    }
}

/* What the SMB server said about itself (om-probe-smb-ntlm.c): the NTLM version
 * names the Windows release — below an SNMP sysDescr (90: the same OS data from an
 * agent the admin set up) and above an SSH banner (70); an SMB1 NativeOS (80) when
 * there is no NTLM version. Samba answers with a fixed 6.1.0 (and NativeOS "Windows
 * 6.1"), so a Samba reply says nothing about the OS beyond a distribution suffix
 * of its version: the NAS or Linux evidence (DSM, SSH, sysDescr) stands and no
 * "Windows 7" appears. */
static void
identify_smb (OmObservation *obs,
              OmIdentity    *id)
{
  const char *ver = om_observation_get_fact (obs, "smb.ntlm.version");
  const char *lanman = om_observation_get_fact (obs, "smb.native-lanman");
  const char *native_os = om_observation_get_fact (obs, "smb.native-os");
  const char *oid = om_observation_get_fact (obs, "snmp.sysObjectID");
  g_autofree char *name = NULL, *version = NULL, *build = NULL, *evidence = NULL;
  guint major, minor, b, confidence;
  gboolean server;

  if (om_identify_smb_samba (ver, lanman))
    {
      g_autofree char *family = NULL;

      /* Only the distribution suffix of an SMB1 NativeLanMan says anything, and
       * less than an SSH banner or a NAS MIB. */
      if (om_identify_samba_os (lanman, &family, &name, &version))
        {
          evidence = g_strdup_printf ("smb NativeLanMan “%s”", lanman);
          os_offer_set (id, family, name, version, NULL, 45, evidence);
        }
      return;
    }
  server = oid != NULL && (g_str_has_prefix (oid, "1.3.6.1.4.1.311.1.1.3.1.2")
                           || g_str_has_prefix (oid, "1.3.6.1.4.1.311.1.1.3.1.3"));
  if (ver != NULL && sscanf (ver, "%u.%u.%u", &major, &minor, &b) == 3 && major < 256 && minor < 256
      && b < 65536 && om_identify_windows_ntlm (major, minor, b, server, &name, &version, &build))
    {
      if (ntlm_shared_releases (b) != NULL && build == NULL)
        evidence = g_strdup_printf ("smb NTLM version %s (build %u: %s)", ver, b, ntlm_shared_releases (b));
      else
        evidence = g_strdup_printf ("smb NTLM version %s", ver);
      confidence = 85;
    }
  else if (om_identify_windows_native_os (native_os, lanman, &name, &version, &build))
    {
      evidence = g_strdup_printf ("smb NativeOS “%s”", native_os);
      confidence = 80;
    }
  else
    return;
  os_offer_set (id, "windows", name, version, build, confidence, evidence);
  if (strstr (name, "Server") != NULL)
    kind_offer (id, OM_DEVICE_KIND_SERVER, 75, "%s", evidence);
  else
    kind_offer (id, OM_DEVICE_KIND_PC, 75, "%s", evidence);
}

static void
identify_apple (OmObservation *obs,
                OmIdentity    *id)
{
  const char *rpmd = om_observation_get_fact (obs, "mdns.txt.rpMd");
  const char *dmodel = om_observation_get_fact (obs, "mdns.txt.model");
  const char *model = rpmd ? rpmd : dmodel;
  gboolean mobdev = has_service (obs, "_apple-mobdev2._tcp");
  gboolean companion = has_service (obs, "_companion-link._tcp");

  if (model != NULL && (g_str_has_prefix (model, "iPhone") || g_str_has_prefix (model, "iPad")
                        || g_str_has_prefix (model, "iPod")))
    {
      gboolean pad = g_str_has_prefix (model, "iPad");

      kind_offer (id, pad ? OM_DEVICE_KIND_TABLET : OM_DEVICE_KIND_PHONE, 90, "mdns model “%s”", model);
      guess_offer (&id->vendor, "Apple", 90, "mdns model “%s”", model);
      guess_offer (&id->model, model, 85, "mdns model “%s”", model);
      guess_offer (&id->os_family, pad ? "ipados" : "ios", 80, "mdns model “%s”", model);
      guess_offer (&id->os_name, pad ? "iPadOS" : "iOS", 80, "mdns model “%s”", model);
    }
  else if (model != NULL && (g_str_has_prefix (model, "MacBook") || g_str_has_prefix (model, "Macmini")
                             || g_str_has_prefix (model, "iMac") || g_str_has_prefix (model, "MacPro")
                             || g_str_has_prefix (model, "Mac1")))
    {
      const char *osx = om_observation_get_fact (obs, "mdns.txt.osxvers");

      kind_offer (id, g_str_has_prefix (model, "MacBook") ? OM_DEVICE_KIND_LAPTOP : OM_DEVICE_KIND_PC,
                  85, "mdns model “%s”", model);
      guess_offer (&id->vendor, "Apple", 90, "mdns model “%s”", model);
      guess_offer (&id->model, model, 85, "mdns model “%s”", model);
      guess_offer (&id->os_family, "macos", 80, "mdns model “%s”", model);
      guess_offer (&id->os_name, "macOS", 70, "mdns model “%s”", model);
      if (osx != NULL)
        {
          /* osxvers is the Darwin major: 20 = macOS 11, 21 = 12, … */
          guint64 darwin = g_ascii_strtoull (osx, NULL, 10);

          if (darwin >= 20 && darwin < 60)
            {
              g_autofree char *v = g_strdup_printf ("%" G_GUINT64_FORMAT, darwin - 9);
              g_autofree char *n = g_strdup_printf ("macOS %s", v);
              guess_offer (&id->os_name, n, 75, "mdns osxvers=%s", osx);
              guess_offer (&id->os_version, v, 75, "mdns osxvers=%s", osx);
            }
        }
    }
  else if (mobdev || companion)
    {
      /* An iPhone advertises these even when it does not publish a model. */
      kind_offer (id, OM_DEVICE_KIND_PHONE, 60, "mdns %s", mobdev ? "_apple-mobdev2._tcp" : "_companion-link._tcp");
      guess_offer (&id->vendor, "Apple", 70, "mdns Apple services");
      guess_offer (&id->os_family, "ios", 55, "mdns Apple services");
      guess_offer (&id->os_name, "iOS", 55, "mdns Apple services");
    }
}

static void
identify_generic (OmObservation *obs,
                  OmIdentity    *id)
{
  const char *oid = om_observation_get_fact (obs, "snmp.sysObjectID");
  const char *descr = om_observation_get_fact (obs, "snmp.sysDescr");
  const char *banner = om_observation_get_fact (obs, "ssh.banner");
  const char *mac = om_observation_get_mac (obs);
  const char * const *names = om_observation_get_hostnames (obs);

  if (oid != NULL && g_str_has_prefix (oid, "1.3.6.1.4.1."))
    {
      const char *ent = oid + strlen ("1.3.6.1.4.1.");

      for (guint i = 0; i < G_N_ELEMENTS (enterprises); i++)
        if (g_str_has_prefix (ent, enterprises[i].prefix))
          {
            if (enterprises[i].vendor != NULL)
              guess_offer (&id->vendor, enterprises[i].vendor, 60, "snmp sysObjectID %s", oid);
            kind_offer (id, enterprises[i].kind, 55, "snmp sysObjectID %s", oid);
            break;
          }
    }

  if (banner != NULL)
    {
      g_autofree char *fam = NULL, *name = NULL, *ver = NULL;

      if (om_identify_ssh_os (banner, &fam, &name, &ver))
        {
          guess_offer (&id->os_family, fam, 70, "ssh banner “%s”", banner);
          guess_offer (&id->os_name, name, 70, "ssh banner “%s”", banner);
          guess_offer (&id->os_version, ver, 70, "ssh banner “%s”", banner);
          if (g_strcmp0 (fam, "debian") == 0 || g_strcmp0 (fam, "ubuntu") == 0
              || g_strcmp0 (fam, "freebsd") == 0)
            kind_offer (id, OM_DEVICE_KIND_SERVER, 40, "ssh banner “%s”", banner);
        }
    }

  if (descr != NULL && g_str_has_prefix (descr, "Linux "))
    {
      g_autofree char *kver = g_strndup (descr + 6 + strcspn (descr + 6, " ") + 1,
                                         strcspn (descr + 6 + strcspn (descr + 6, " ") + 1, " "));
      g_autofree char *name = *kver ? g_strdup_printf ("Linux %s", kver) : g_strdup ("Linux");

      guess_offer (&id->os_family, "linux", 40, "snmp sysDescr “%s”", descr);
      guess_offer (&id->os_name, name, 40, "snmp sysDescr “%s”", descr);
    }

  if (om_observation_get_fact (obs, "smb.netbios") != NULL
      || om_observation_get_fact (obs, "nbstat.name") != NULL
      || has_port (obs, 445))
    kind_offer (id, OM_DEVICE_KIND_SERVER, 25, "file sharing (SMB) offered");

  /* Vendor from the MAC comes last: it names the network card, not the box. */
  if (mac != NULL)
    {
      if (om_mac_is_locally_administered (mac))
        id->randomized_mac = TRUE;
      else
        {
          const char *vendor = om_oui_lookup (mac);

          guess_offer (&id->vendor, vendor, 50, "MAC %s (IEEE OUI)", mac);
          if (vendor != NULL && (g_str_has_prefix (vendor, "Synology") || g_str_has_prefix (vendor, "QNAP")))
            kind_offer (id, OM_DEVICE_KIND_NAS, 50, "MAC %s belongs to %s", mac, vendor);
        }
    }

  /* Phone-style host names: typical for iOS/Android devices brought from home. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strstr (names[i], "iPhone") != NULL)
        {
          kind_offer (id, OM_DEVICE_KIND_PHONE, 50, "host name “%s”", names[i]);
          guess_offer (&id->vendor, "Apple", 45, "host name “%s”", names[i]);
        }
      else if (strstr (names[i], "iPad") != NULL)
        kind_offer (id, OM_DEVICE_KIND_TABLET, 50, "host name “%s”", names[i]);
      else if (g_str_has_prefix (names[i], "android-") || g_str_has_prefix (names[i], "Galaxy")
               || strstr (names[i], "Pixel") != NULL)
        kind_offer (id, OM_DEVICE_KIND_PHONE, 45, "host name “%s”", names[i]);
    }
  if (id->randomized_mac)
    kind_offer (id, OM_DEVICE_KIND_PHONE, 20, "randomised MAC %s (typical for phones)", mac);
}

static void
identify_names (OmObservation *obs,
                OmIdentity    *id)
{
  const char *mdns = om_observation_get_fact (obs, "mdns.hostname");
  const char *sysname = om_observation_get_fact (obs, "snmp.sysName");
  const char *nb = om_observation_get_fact (obs, "nbstat.name");
  const char *smbnb = om_observation_get_fact (obs, "smb.netbios");
  const char *ipp_uuid = om_observation_get_fact (obs, "ipp.printer-uuid");
  const char *txt_uuid = om_observation_get_fact (obs, "mdns.txt.UUID");
  const char *engine = om_observation_get_fact (obs, "snmp.engineID");
  const char * const *names = om_observation_get_hostnames (obs);

  if (mdns != NULL)
    {
      g_autofree char *short_name = g_strdup (mdns);

      if (g_str_has_suffix (short_name, ".local"))
        short_name[strlen (short_name) - strlen (".local")] = '\0';
      guess_offer (&id->name, short_name, 80, "mdns host name %s", mdns);
      add_identifier (id, "hostname:", short_name);
    }
  guess_offer (&id->name, nb, 70, "NetBIOS name %s", nb);
  guess_offer (&id->name, smbnb, 65, "SMB NetBIOS name %s", smbnb);
  guess_offer (&id->name, sysname, 60, "snmp sysName %s", sysname);
  for (guint i = 0; names[i] != NULL; i++)
    guess_offer (&id->name, names[i], 50, "host name %s", names[i]);

  if (ipp_uuid != NULL)
    add_identifier (id, "ipp-uuid:", g_str_has_prefix (ipp_uuid, "urn:uuid:") ? ipp_uuid + 9 : ipp_uuid);
  if (txt_uuid != NULL)
    add_identifier (id, (has_service (obs, "_ipp._tcp") || has_service (obs, "_ipps._tcp"))
                        ? "ipp-uuid:" : "mdns-uuid:", txt_uuid);
  add_identifier (id, "snmp-engine:", engine);
  add_identifier (id, "netbios:", nb != NULL ? nb : smbnb);
  if (mdns == NULL && sysname != NULL)
    add_identifier (id, "hostname:", sysname);
}

OmIdentity *
om_identify (OmObservation *observation)
{
  OmIdentity *id;

  g_return_val_if_fail (OM_IS_OBSERVATION (observation), NULL);

  id = g_new0 (OmIdentity, 1);
  id->identifiers = g_ptr_array_new_with_free_func (g_free);

  /* The most specific evidence first; later rules only fill gaps because a guess
   * needs more confidence to replace another. */
  identify_nas (observation, id);
  identify_printer (observation, id);
  identify_windows (observation, id);
  identify_smb (observation, id);
  identify_apple (observation, id);
  identify_generic (observation, id);
  identify_names (observation, id);

  if (id->kind == OM_DEVICE_KIND_UNKNOWN && om_observation_get_alive (observation))
    {
      id->kind = OM_DEVICE_KIND_UNKNOWN;
      id->kind_evidence = g_strdup ("answered, but said nothing about itself");
    }
  return id;
}

void
om_identity_free (OmIdentity *id)
{
  if (id == NULL)
    return;
  g_free (id->kind_evidence);
  guess_clear (&id->vendor);
  guess_clear (&id->model);
  guess_clear (&id->os_family);
  guess_clear (&id->os_name);
  guess_clear (&id->os_version);
  guess_clear (&id->os_build);
  guess_clear (&id->name);
  g_ptr_array_unref (id->identifiers);
  g_free (id);
}

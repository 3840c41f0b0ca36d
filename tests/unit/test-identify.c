/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Identification and merge, table-tested on synthetic observations (no network).
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "om-identify.h"
#include "om-merge.h"
#include "om-observation.h"
#include "om-os-info.h"
#include "om-oui.h"

static void
test_windows_builds (void)
{
  static const struct { guint build; gboolean server; const char *product; const char *release; } cases[] = {
    { 7601, FALSE, "Windows 7", "SP1" },
    { 7601, TRUE, "Windows Server 2008 R2 SP1", NULL },
    { 9600, FALSE, "Windows 8.1", NULL },
    { 17763, TRUE, "Windows Server 2019", NULL },
    { 19045, FALSE, "Windows 10", "22H2" },
    { 20348, FALSE, "Windows Server 2022", NULL },
    { 22631, FALSE, "Windows 11", "23H2" },
    { 26100, TRUE, "Windows Server 2025", NULL },
  };
  const char *product, *release;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (om_identify_windows_build (cases[i].build, cases[i].server, &product, &release));
      g_assert_cmpstr (product, ==, cases[i].product);
      g_assert_cmpstr (release, ==, cases[i].release);
    }
  g_assert_false (om_identify_windows_build (12345, FALSE, &product, &release));
}

static void
test_windows_sysdescr (void)
{
  static const struct { const char *descr; gboolean server; const char *name; const char *version; const char *build; } cases[] = {
    { "Hardware: Intel64 Family 6 Model 60 Stepping 3 AT/AT COMPATIBLE - Software: Windows Version 6.1 (Build 7601 Multiprocessor Free)",
      FALSE, "Windows 7 SP1", "7", "7601" },
    { "Hardware: AMD64 Family 23 - Software: Windows Version 6.3 (Build 19045 Multiprocessor Free)",
      FALSE, "Windows 10 22H2", "10", "19045" },
    { "Hardware: Intel64 - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)",
      TRUE, "Windows Server 2019", "Server 2019", "17763" },
    { "Software: Windows Version 6.3 (Build 99999 Multiprocessor Free)", FALSE, "Windows (build 99999)", NULL, "99999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL, *version = NULL, *build = NULL;

      g_assert_true (om_identify_windows_sysdescr (cases[i].descr, cases[i].server, &name, &version, &build));
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpstr (version, ==, cases[i].version);
      g_assert_cmpstr (build, ==, cases[i].build);
    }
  {
    g_autofree char *name = NULL, *version = NULL, *build = NULL;
    g_assert_false (om_identify_windows_sysdescr ("Linux nas 4.4", FALSE, &name, &version, &build));
    g_assert_null (name);
  }
}

static void
test_ssh_os (void)
{
  static const struct { const char *banner; const char *family; const char *name; const char *version; } cases[] = {
    { "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "debian", "Debian 12", "12" },
    { "SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u1", "debian", "Debian 11", "11" },
    { "SSH-2.0-OpenSSH_7.9p1 Debian-10+deb10u2", "debian", "Debian 10", "10" },
    { "SSH-2.0-OpenSSH_9.2p1 Debian-2", "debian", "Debian 12", "12" },
    { "SSH-2.0-OpenSSH_7.4p1 Raspbian-10+deb9u7", "debian", "Raspberry Pi OS 9", "9" },
    { "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10", "ubuntu", "Ubuntu 22.04", "22.04" },
    { "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5", "ubuntu", "Ubuntu 20.04", "20.04" },
    { "SSH-2.0-OpenSSH_for_Windows_8.1", "windows", "Windows", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *family = NULL, *name = NULL, *version = NULL;

      g_assert_true (om_identify_ssh_os (cases[i].banner, &family, &name, &version));
      g_assert_cmpstr (family, ==, cases[i].family);
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpstr (version, ==, cases[i].version);
    }
  {
    g_autofree char *family = NULL, *name = NULL, *version = NULL;
    g_assert_false (om_identify_ssh_os ("SSH-2.0-dropbear_2020.81", &family, &name, &version));
    g_assert_false (om_identify_ssh_os ("HTTP/1.1 400", &family, &name, &version));
  }
}

static void
test_dsm_and_firmware (void)
{
  g_autofree char *v1 = NULL, *b1 = NULL, *v2 = NULL, *b2 = NULL, *v3 = NULL, *b3 = NULL;
  g_autofree char *fw1 = om_identify_printer_firmware ("Brother NC-8300w, Firmware Ver.1.14  ,MID 8C5-K9E,FID 2");
  g_autofree char *fw2 = om_identify_printer_firmware ("Canon iR-ADV C3530 /P");

  g_assert_true (om_identify_dsm_version ("DSM 7.1-42661", &v1, &b1));
  g_assert_cmpstr (v1, ==, "7.1");
  g_assert_cmpstr (b1, ==, "42661");
  g_assert_true (om_identify_dsm_version ("DSM 6.2.4-25556 Update 7", &v2, &b2));
  g_assert_cmpstr (v2, ==, "6.2.4");
  g_assert_cmpstr (b2, ==, "25556");
  g_assert_false (om_identify_dsm_version ("QTS 5.1.0", &v3, &b3));
  g_assert_cmpstr (fw1, ==, "1.14");
  g_assert_null (fw2);
}

static void
test_oui (void)
{
  g_assert_cmpuint (om_oui_n_vendors (), >, 20000);
  g_assert_cmpstr (om_oui_lookup ("00:11:32:aa:bb:cc"), ==, "Synology");
  g_assert_cmpint (g_ascii_strcasecmp (om_oui_lookup ("3C-2A-F4-10-00-10"), "Brother Industries"), ==, 0);
  g_assert_cmpstr (om_oui_lookup ("d4be.d930.0030"), ==, "Dell");
  /* Locally administered (randomised): never a vendor. */
  g_assert_null (om_oui_lookup ("5a:3c:40:00:00:40"));
  g_assert_null (om_oui_lookup ("not a mac"));
}

static void
test_clean_string (void)
{
  g_autofree char *a = om_observation_clean_string ("  ab\x01\x1b[31mc\xff\xfe  ", -1, 64);
  g_autofree char *b = NULL;
  g_autofree char *c = om_observation_clean_string ("日本語のプリンタ", -1, 7);
  char big[10000];

  g_assert_true (g_utf8_validate (a, -1, NULL));
  g_assert_null (strchr (a, '\x1b'));
  g_assert_true (g_str_has_prefix (a, "ab"));
  memset (big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  b = om_observation_clean_string (big, -1, 512);
  g_assert_cmpuint (strlen (b), ==, 512);
  /* Cut on a character boundary: two 3-byte characters. */
  g_assert_cmpstr (c, ==, "日本");
}

static void
test_windows_ntlm (void)
{
  static const struct {
    guint major, minor, build; gboolean server;
    const char *name; const char *version; const char *build_str;
  } cases[] = {
    { 5, 1, 2600, FALSE, "Windows XP", "XP", "2600" },
    { 5, 2, 3790, FALSE, "Windows Server 2003", "Server 2003", "3790" },
    { 6, 0, 6002, FALSE, "Windows Vista SP2", "Vista", "6002" },
    { 6, 0, 6003, FALSE, "Windows Vista", "Vista", "6003" },          /* build the table lacks */
    { 6, 1, 7601, FALSE, "Windows 7 SP1", "7", "7601" },
    { 6, 1, 7601, TRUE, "Windows Server 2008 R2 SP1", "Server 2008 R2 SP1", "7601" },
    { 6, 2, 9200, FALSE, "Windows 8", "8", "9200" },
    { 6, 3, 9600, TRUE, "Windows Server 2012 R2", "Server 2012 R2", "9600" },
    { 10, 0, 14393, TRUE, "Windows Server 2016", "Server 2016", "14393" },
    { 10, 0, 17763, FALSE, "Windows 10 1809", "10", "17763" },
    { 10, 0, 17763, TRUE, "Windows Server 2019", "Server 2019", "17763" },
    { 10, 0, 20348, FALSE, "Windows Server 2022", "Server 2022", "20348" },   /* server-only build */
    { 10, 0, 26100, TRUE, "Windows Server 2025", "Server 2025", "26100" },
    /* Shared base builds: the line, no release; only 19041 keeps its build. */
    { 10, 0, 19041, FALSE, "Windows 10", "10", "19041" },
    { 10, 0, 18362, FALSE, "Windows 10", "10", NULL },
    { 10, 0, 22621, FALSE, "Windows 11", "11", NULL },
    { 10, 0, 26100, FALSE, "Windows 11", "11", NULL },
    { 10, 0, 22000, FALSE, "Windows 11 21H2", "11", "22000" },
    { 10, 0, 26200, FALSE, "Windows 11", "11", "26200" },              /* newer than the table */
    { 10, 0, 19046, FALSE, "Windows 10", "10", "19046" },
  };
  static const struct { guint major, minor, build; } refused[] = {
    { 6, 1, 0 },        /* Samba */
    { 6, 1, 19045 },    /* a build that is not Windows 7's */
    { 10, 0, 7601 },
    { 10, 0, 40000 },
    { 6, 4, 9841 },     /* no such line */
    { 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL, *version = NULL, *build = NULL;

      g_test_message ("%u.%u.%u", cases[i].major, cases[i].minor, cases[i].build);
      g_assert_true (om_identify_windows_ntlm (cases[i].major, cases[i].minor, cases[i].build, cases[i].server,
                                               &name, &version, &build));
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpstr (version, ==, cases[i].version);
      g_assert_cmpstr (build, ==, cases[i].build_str);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = NULL, *version = NULL, *build = NULL;

      g_assert_false (om_identify_windows_ntlm (refused[i].major, refused[i].minor, refused[i].build, FALSE,
                                                &name, &version, &build));
      g_assert_null (name);
      g_assert_null (build);
    }
  g_assert_true (om_identify_smb_samba ("6.1.0", NULL));
  g_assert_true (om_identify_smb_samba ("10.0.19041", "Samba 4.17.12-Debian"));
  g_assert_false (om_identify_smb_samba ("6.1.7601", NULL));
  g_assert_false (om_identify_smb_samba (NULL, "Windows 2000 LAN Manager"));
}

/* SMB evidence weighed against the other sources, including conflicts. */
static void
test_identify_smb_evidence (void)
{
  static const struct {
    const char *label;
    const char *ntlm;          /* smb.ntlm.version */
    const char *sysdescr;      /* snmp.sysDescr */
    const char *sysoid;        /* snmp.sysObjectID */
    const char *ssh;           /* ssh.banner */
    const char *dsm;           /* snmp.synology.version */
    const char *mdns_model;    /* mdns.txt.model */
    const char *family, *name, *version, *build;
    OmDeviceKind kind;
  } cases[] = {
    { "ntlm alone: Windows 10 22H2 machine (base build 19041)", "10.0.19041", NULL, NULL, NULL, NULL, NULL,
      "windows", "Windows 10", "10", "19041", OM_DEVICE_KIND_PC },
    { "ntlm alone: Windows 7", "6.1.7601", NULL, NULL, NULL, NULL, NULL,
      "windows", "Windows 7 SP1", "7", "7601", OM_DEVICE_KIND_PC },
    { "ntlm alone: Server 2022", "10.0.20348", NULL, NULL, NULL, NULL, NULL,
      "windows", "Windows Server 2022", "Server 2022", "20348", OM_DEVICE_KIND_SERVER },
    { "ntlm 17763 with a server sysObjectID", "10.0.17763", NULL, "1.3.6.1.4.1.311.1.1.3.1.2", NULL, NULL, NULL,
      "windows", "Windows Server 2019", "Server 2019", "17763", OM_DEVICE_KIND_SERVER },
    { "Samba alone says nothing about the OS", "6.1.0", NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, OM_DEVICE_KIND_SERVER },
    { "Samba on Debian: the SSH banner stands, no Windows 7", "6.1.0", NULL, NULL,
      "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", NULL, NULL,
      "debian", "Debian 12", "12", NULL, OM_DEVICE_KIND_SERVER },
    { "Samba on a Synology: DSM stands", "6.1.0", "Linux nas01 4.4.180+", "1.3.6.1.4.1.8072.3.2.10", NULL,
      "DSM 7.1-42661", NULL, "dsm", "DSM 7.1", "7.1", "42661", OM_DEVICE_KIND_NAS },
    { "sysDescr Windows 7 on a Samba host (the lab's win7): sysDescr stands", "6.1.0",
      "Hardware: Intel64 - Software: Windows Version 6.1 (Build 7601 Multiprocessor Free)",
      "1.3.6.1.4.1.311.1.1.3.1.1", NULL, NULL, NULL,
      "windows", "Windows 7 SP1", "7", "7601", OM_DEVICE_KIND_PC },
    { "sysDescr and NTLM disagree: the SNMP agent wins", "10.0.19041",
      "Hardware: Intel64 - Software: Windows Version 6.1 (Build 7601 Multiprocessor Free)",
      NULL, NULL, NULL, NULL, "windows", "Windows 7 SP1", "7", "7601", OM_DEVICE_KIND_PC },
    { "NTLM beats an SSH banner, and its set is not mixed with the banner's version", "10.0.22621", NULL, NULL,
      "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", NULL, NULL,
      "windows", "Windows 11", "11", NULL, OM_DEVICE_KIND_PC },
    { "OpenSSH for Windows and NTLM agree", "10.0.17763", NULL, NULL, "SSH-2.0-OpenSSH_for_Windows_8.1", NULL, NULL,
      "windows", "Windows 10 1809", "10", "17763", OM_DEVICE_KIND_PC },
    { "a Mac over mDNS, a nonsense NTLM version: macOS stands", "6.1.19045", NULL, NULL, NULL, NULL, "MacBookPro18,1",
      "macos", "macOS", NULL, NULL, OM_DEVICE_KIND_LAPTOP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OmObservation) obs = om_observation_new ("192.0.2.70");
      g_autoptr(OmIdentity) id = NULL;

      g_test_message ("%s", cases[i].label);
      om_observation_set_alive (obs, TRUE, "arp");
      om_observation_add_service (obs, 445, "tcp", "smb", NULL);
      om_observation_add_fact (obs, "smb", "smb.ntlm.version", cases[i].ntlm, NULL);
      om_observation_add_fact (obs, "smb", "smb.netbios", "PC-SATO", NULL);
      if (cases[i].sysdescr)
        om_observation_add_fact (obs, "snmp", "snmp.sysDescr", cases[i].sysdescr, NULL);
      if (cases[i].sysoid)
        om_observation_add_fact (obs, "snmp", "snmp.sysObjectID", cases[i].sysoid, NULL);
      if (cases[i].ssh)
        om_observation_add_fact (obs, "ssh", "ssh.banner", cases[i].ssh, NULL);
      if (cases[i].dsm)
        om_observation_add_fact (obs, "snmp", "snmp.synology.version", cases[i].dsm, NULL);
      if (cases[i].mdns_model)
        om_observation_add_fact (obs, "mdns", "mdns.txt.model", cases[i].mdns_model, NULL);
      id = om_identify (obs);
      g_assert_cmpstr (id->os_family.value, ==, cases[i].family);
      g_assert_cmpstr (id->os_name.value, ==, cases[i].name);
      g_assert_cmpstr (id->os_version.value, ==, cases[i].version);
      g_assert_cmpstr (id->os_build.value, ==, cases[i].build);
      g_assert_cmpint (id->kind, ==, cases[i].kind);
      g_assert_cmpstr (id->name.value, ==, "PC-SATO");
      if (g_strcmp0 (cases[i].family, "windows") == 0 && cases[i].sysdescr == NULL)
        {
          g_assert_true (g_str_has_prefix (id->os_name.evidence, "smb NTLM version "));
          g_assert_cmpuint (id->os_name.confidence, ==, 85);
        }
      if (g_strcmp0 (cases[i].ntlm, "6.1.0") == 0)
        g_assert_true (id->os_name.value == NULL || strstr (id->os_name.value, "Windows") == NULL
                       || cases[i].sysdescr != NULL);
    }

  /* What NTLM gives goes on to the EOL judgement: 19041 keeps its build, which
   * the OS parser knows to be shared; a Windows 11 base build gives the line only. */
  {
    g_autoptr(OmOsInfo) w10 = om_os_info_parse_fields ("windows", "Windows 10", "10", "19041", NULL, FALSE);
    g_autoptr(OmOsInfo) w11 = om_os_info_parse_fields ("windows", "Windows 11", "11", NULL, NULL, FALSE);
    g_autoptr(OmOsInfo) w7 = om_os_info_parse_fields ("windows", "Windows 7 SP1", "7", "7601", NULL, FALSE);

    g_assert_cmpstr (w10->product, ==, "windows");
    g_assert_true (w10->build_ambiguous);
    g_assert_cmpstr (w11->group, ==, "11");
    g_assert_null (w11->cycle);
    g_assert_cmpstr (w7->cycle, ==, "7");
  }

  /* A shared build says so in its evidence. */
  {
    g_autoptr(OmObservation) obs = om_observation_new ("192.0.2.71");
    g_autoptr(OmIdentity) id = NULL;

    om_observation_add_fact (obs, "smb", "smb.ntlm.version", "10.0.26100", NULL);
    id = om_identify (obs);
    g_assert_cmpstr (id->os_name.value, ==, "Windows 11");
    g_assert_nonnull (strstr (id->os_name.evidence, "24H2 or 25H2"));
  }
}

static void
test_smb1_native_strings (void)
{
  static const struct { const char *os; const char *lanman; const char *name; const char *version; const char *build; } win[] = {
    { "Windows 7 Professional 7601 Service Pack 1", "Windows 7 Professional 6.1", "Windows 7 SP1", "7", "7601" },
    { "Windows Server 2003 3790 Service Pack 2", "Windows Server 2003 5.2", "Windows Server 2003", "Server 2003", "3790" },
    { "Windows Server 2008 R2 Standard 7601 Service Pack 1", NULL, "Windows Server 2008 R2 SP1", "Server 2008 R2 SP1", "7601" },
    { "Windows 5.1", "Windows 2000 LAN Manager", "Windows XP", "XP", NULL },
    { "Windows 5.0", "Windows 2000 LAN Manager", "Windows 2000", "2000", NULL },
  };
  static const struct { const char *os; const char *lanman; } not_windows[] = {
    { "Windows 6.1", "Samba 4.17.12-Debian" },       /* Samba's fixed NativeOS */
    { "Windows 6.1", NULL },                         /* no build, not an old line */
    { "Unix", "Samba 3.0.37" },
    { "Windows 10 Pro 12345", NULL },                /* build nobody knows */
    { "Windows 5.1x", NULL },
    { NULL, NULL },
  };
  static const struct { const char *lanman; const char *family; const char *name; const char *version; } samba[] = {
    { "Samba 4.17.12-Debian", "debian", "Debian 12", "12" },
    { "Samba 4.13.13-Debian", "debian", "Debian 11", "11" },
    { "Samba 4.99.1-Debian", "debian", "Debian", NULL },
    { "Samba 4.15.13-Ubuntu", "ubuntu", "Ubuntu", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (win); i++)
    {
      g_autofree char *name = NULL, *version = NULL, *build = NULL;

      g_assert_true (om_identify_windows_native_os (win[i].os, win[i].lanman, &name, &version, &build));
      g_assert_cmpstr (name, ==, win[i].name);
      g_assert_cmpstr (version, ==, win[i].version);
      g_assert_cmpstr (build, ==, win[i].build);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_windows); i++)
    {
      g_autofree char *name = NULL, *version = NULL, *build = NULL;

      g_assert_false (om_identify_windows_native_os (not_windows[i].os, not_windows[i].lanman,
                                                     &name, &version, &build));
      g_assert_null (name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (samba); i++)
    {
      g_autofree char *family = NULL, *name = NULL, *version = NULL;

      g_assert_true (om_identify_samba_os (samba[i].lanman, &family, &name, &version));
      g_assert_cmpstr (family, ==, samba[i].family);
      g_assert_cmpstr (name, ==, samba[i].name);
      g_assert_cmpstr (version, ==, samba[i].version);
    }
  {
    g_autofree char *family = NULL, *name = NULL, *version = NULL;
    g_assert_false (om_identify_samba_os ("Samba 4.17.12", &family, &name, &version));
    g_assert_false (om_identify_samba_os ("Windows 7 Professional 6.1", &family, &name, &version));
  }

  /* Whole observations: the lab's SMB1 Samba on a Raspberry Pi, the same with a
   * Debian SSH banner, an old XP box, and Samba claiming "Windows 6.1" beside an
   * SNMP Windows sysDescr. */
  {
    g_autoptr(OmObservation) pi = om_observation_new ("192.0.2.21");
    g_autoptr(OmObservation) pi_ssh = om_observation_new ("192.0.2.22");
    g_autoptr(OmObservation) xp = om_observation_new ("192.0.2.23");
    g_autoptr(OmIdentity) ipi = NULL, issh = NULL, ixp = NULL;

    for (guint k = 0; k < 2; k++)
      {
        OmObservation *o = k == 0 ? pi : pi_ssh;

        om_observation_add_fact (o, "smb", "smb.ntlm.version", "6.1.0", NULL);
        om_observation_add_fact (o, "smb", "smb.native-os", "Windows 6.1", NULL);
        om_observation_add_fact (o, "smb", "smb.native-lanman", "Samba 4.17.12-Debian", NULL);
        om_observation_add_fact (o, "snmp", "snmp.sysDescr", "Linux oldfiles 6.1.0-rpi7-rpi-v8 #1 SMP aarch64", NULL);
      }
    om_observation_add_fact (pi_ssh, "ssh", "ssh.banner", "SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u3", NULL);
    om_observation_add_fact (xp, "smb", "smb.native-os", "Windows 5.1", NULL);
    om_observation_add_fact (xp, "smb", "smb.native-lanman", "Windows 2000 LAN Manager", NULL);

    ipi = om_identify (pi);
    g_assert_cmpstr (ipi->os_family.value, ==, "debian");
    g_assert_cmpstr (ipi->os_name.value, ==, "Debian 12");
    g_assert_cmpuint (ipi->os_name.confidence, ==, 45);
    g_assert_nonnull (strstr (ipi->os_name.evidence, "Samba 4.17.12-Debian"));

    issh = om_identify (pi_ssh);   /* the banner (70) outranks Samba's suffix (45) */
    g_assert_cmpstr (issh->os_name.value, ==, "Debian 11");
    g_assert_cmpstr (issh->os_version.value, ==, "11");

    ixp = om_identify (xp);
    g_assert_cmpstr (ixp->os_family.value, ==, "windows");
    g_assert_cmpstr (ixp->os_name.value, ==, "Windows XP");
    g_assert_null (ixp->os_build.value);
    g_assert_cmpint (ixp->kind, ==, OM_DEVICE_KIND_PC);
  }
}

static OmObservation *
make_printer (void)
{
  OmObservation *obs = om_observation_new ("192.0.2.10");

  om_observation_set_alive (obs, TRUE, "arp");
  om_observation_set_mac (obs, "3c:2a:f4:10:00:10");
  om_observation_add_service (obs, 9100, "tcp", "jetdirect", NULL);
  om_observation_add_service (obs, 631, "tcp", "ipp", NULL);
  om_observation_add_fact (obs, "ipp", "ipp.printer-make-and-model", "Brother MFC-L2750DW series", NULL);
  om_observation_add_fact (obs, "ipp", "ipp.printer-uuid", "urn:uuid:F66A6959-01FD-3419-6A31-1456811FADBA", NULL);
  om_observation_add_fact (obs, "snmp", "snmp.sysDescr", "Brother NC-8300w, Firmware Ver.1.14  ,MID 8C5-K9E", NULL);
  return obs;
}

static void
test_identify_observations (void)
{
  g_autoptr(OmObservation) printer = make_printer ();
  g_autoptr(OmObservation) nas = om_observation_new ("192.0.2.20");
  g_autoptr(OmObservation) phone = om_observation_new ("192.0.2.40");
  g_autoptr(OmObservation) mac = om_observation_new ("192.0.2.41");
  g_autoptr(OmObservation) bare = om_observation_new ("192.0.2.60");
  g_autoptr(OmIdentity) ip = NULL, in = NULL, iph = NULL, im = NULL, ib = NULL;

  ip = om_identify (printer);
  g_assert_cmpint (ip->kind, ==, OM_DEVICE_KIND_MFP);   /* "MFC-" is a multifunction model */
  g_assert_cmpstr (ip->vendor.value, ==, "Brother");
  g_assert_cmpstr (ip->model.value, ==, "MFC-L2750DW series");
  g_assert_cmpstr (ip->os_name.value, ==, "Brother firmware 1.14");
  g_assert_nonnull (ip->kind_evidence);
  g_assert_cmpuint (ip->model.confidence, >=, 80);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < ip->identifiers->len; i++)
      found |= g_str_equal (g_ptr_array_index (ip->identifiers, i), "ipp-uuid:f66a6959-01fd-3419-6a31-1456811fadba");
    g_assert_true (found);
  }

  om_observation_set_mac (nas, "24:5e:be:00:00:01");   /* QNAP */
  om_observation_add_fact (nas, "snmp", "snmp.qnap.model", "TS-453D", NULL);
  om_observation_add_fact (nas, "snmp", "snmp.entPhysicalFirmwareRev", "5.1.0 Build 20230926", NULL);
  in = om_identify (nas);
  g_assert_cmpint (in->kind, ==, OM_DEVICE_KIND_NAS);
  g_assert_cmpstr (in->vendor.value, ==, "QNAP");
  g_assert_cmpstr (in->os_name.value, ==, "QTS 5.1.0");

  /* entPhysicalFirmwareRev is QTS only next to QNAP evidence: the enterprise
   * number alone (quoted value) does; a switch's firmware does not. */
  {
    g_autoptr(OmObservation) qnap_oid = om_observation_new ("192.0.2.21");
    g_autoptr(OmObservation) sw = om_observation_new ("192.0.2.22");
    g_autoptr(OmIdentity) iq = NULL, isw = NULL;

    om_observation_add_fact (qnap_oid, "snmp", "snmp.sysObjectID", "1.3.6.1.4.1.24681.1", NULL);
    om_observation_add_fact (qnap_oid, "snmp", "snmp.entPhysicalFirmwareRev", "\"QTS 4.3.6.0993", NULL);
    om_observation_add_fact (sw, "snmp", "snmp.sysObjectID", "1.3.6.1.4.1.9.1.2134", NULL);
    om_observation_add_fact (sw, "snmp", "snmp.entPhysicalFirmwareRev", "15.2(7)E4", NULL);
    iq = om_identify (qnap_oid);
    isw = om_identify (sw);
    g_assert_cmpstr (iq->vendor.value, ==, "QNAP");
    g_assert_cmpint (iq->kind, ==, OM_DEVICE_KIND_NAS);
    g_assert_cmpstr (iq->os_name.value, ==, "QTS 4.3.6.0993");
    g_assert_cmpstr (isw->vendor.value, ==, "Cisco");
    g_assert_null (isw->os_name.value);
    g_assert_null (isw->os_family.value);
  }

  om_observation_set_mac (phone, "5a:3c:40:00:00:40");
  om_observation_add_fact (phone, "mdns", "mdns.service", "_companion-link._tcp", NULL);
  om_observation_add_fact (phone, "mdns", "mdns.txt.rpMd", "iPad13,4", NULL);
  iph = om_identify (phone);
  g_assert_true (iph->randomized_mac);
  g_assert_cmpint (iph->kind, ==, OM_DEVICE_KIND_TABLET);
  g_assert_cmpstr (iph->os_name.value, ==, "iPadOS");

  om_observation_add_fact (mac, "mdns", "mdns.txt.model", "MacBookPro18,1", NULL);
  om_observation_add_fact (mac, "mdns", "mdns.txt.osxvers", "23", NULL);
  im = om_identify (mac);
  g_assert_cmpint (im->kind, ==, OM_DEVICE_KIND_LAPTOP);
  g_assert_cmpstr (im->os_name.value, ==, "macOS 14");

  om_observation_set_alive (bare, TRUE, "arp");
  ib = om_identify (bare);
  g_assert_cmpint (ib->kind, ==, OM_DEVICE_KIND_UNKNOWN);
  g_assert_null (ib->vendor.value);
}

static void
test_merge (void)
{
  g_autoptr(OmInventory) inventory = om_inventory_new ();
  g_autoptr(GPtrArray) scan1 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) scan2 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 11, 1, 9, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);
  g_autoptr(OmMergeSummary) s1 = NULL, s2 = NULL, s3 = NULL;
  g_autoptr(OmDevice) manual = om_device_new ();
  OmObservation *moved;
  OmDevice *printer;

  /* A device the admin typed in, never seen by a scan: kept as "not seen". */
  om_device_set_name (manual, "Reception laptop");
  om_inventory_add (inventory, manual);

  g_ptr_array_add (scan1, make_printer ());
  s1 = om_merge_observations (inventory, scan1, t1);
  g_assert_cmpuint (s1->n_new, ==, 1);
  g_assert_cmpuint (s1->n_not_seen, ==, 1);
  printer = g_ptr_array_index (s1->new_devices, 0);
  g_assert_cmpint (om_device_get_kind (printer), ==, OM_DEVICE_KIND_MFP);
  g_assert_false (om_device_get_registered (printer));
  g_assert_cmpint (om_device_get_ownership (printer), ==, OM_OWNERSHIP_UNKNOWN);
  g_assert_true (g_date_time_equal (om_device_get_last_seen (printer), t1));

  om_device_set_model (printer, "MFC (rented)");

  /* Same printer behind another NIC (new MAC, new address): matched by IPP UUID. */
  moved = make_printer ();
  om_observation_set_mac (moved, "3c:2a:f4:99:99:99");
  g_ptr_array_add (scan2, moved);
  s2 = om_merge_observations (inventory, scan2, t2);
  g_assert_cmpuint (s2->n_new, ==, 0);
  g_assert_cmpuint (om_inventory_get_n_devices (inventory), ==, 2);
  g_assert_cmpstr (om_device_get_model (printer), ==, "MFC (rented)");
  g_assert_true (g_strv_contains (om_device_get_macs (printer), "3c:2a:f4:99:99:99"));
  g_assert_true (g_date_time_equal (om_device_get_last_seen (printer), t2));

  /* Again: nothing changes. */
  s3 = om_merge_observations (inventory, scan2, t2);
  g_assert_cmpuint (s3->n_new, ==, 0);
  g_assert_cmpuint (s3->n_changed, ==, 0);
  g_assert_cmpuint (s3->n_unchanged, ==, 1);
  g_assert_cmpuint (s3->n_not_seen, ==, 1);
  g_assert_true (g_ptr_array_index (s3->not_seen_devices, 0) == (gpointer) manual);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/identify/windows/builds", test_windows_builds);
  g_test_add_func ("/identify/windows/sysdescr", test_windows_sysdescr);
  g_test_add_func ("/identify/windows/ntlm", test_windows_ntlm);
  g_test_add_func ("/identify/smb/evidence-and-conflicts", test_identify_smb_evidence);
  g_test_add_func ("/identify/smb/smb1-native-strings", test_smb1_native_strings);
  g_test_add_func ("/identify/ssh/distributions", test_ssh_os);
  g_test_add_func ("/identify/dsm-and-printer-firmware", test_dsm_and_firmware);
  g_test_add_func ("/identify/oui", test_oui);
  g_test_add_func ("/identify/observation/clean-string", test_clean_string);
  g_test_add_func ("/identify/observations", test_identify_observations);
  g_test_add_func ("/merge/match-keep-manual-idempotent", test_merge);
  return g_test_run ();
}

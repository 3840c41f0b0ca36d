/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * End-of-life judgement: OS string parsing, the shipped database, boundary days,
 * load errors, staleness, the user override, devices and `omamori-cli eol --json`.
 */
#define G_LOG_DOMAIN "test-eol"

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "om-device.h"
#include "om-eol.h"
#include "om-os-info.h"

static OmEolDatabase *shipped_db;

static void
set_date (GDate *date, const char *iso)
{
  guint y, m, d;

  g_assert_cmpint (sscanf (iso, "%u-%u-%u", &y, &m, &d), ==, 3);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_assert_true (g_date_valid (date));
}

/* ---- parsing ---- */

typedef struct {
  const char  *input;
  const char  *product;   /* NULL: not recognised */
  const char  *cycle;
  OmOsEdition  edition;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "Windows 10 Pro 22H2", "windows", "10-22h2", OM_OS_EDITION_CONSUMER },
  { "Win11 Ent 23H2", "windows", "11-23h2", OM_OS_EDITION_ENTERPRISE },
  { "10.0.19045", "windows", "10-22h2", OM_OS_EDITION_UNKNOWN },
  { "Windows 10.0.19045.3803", "windows", "10-22h2", OM_OS_EDITION_UNKNOWN },
  { "Microsoft Windows 11 Pro 10.0.22631", "windows", "11-23h2", OM_OS_EDITION_CONSUMER },
  /* The registry still says "Windows 10" on Windows 11: the build wins. */
  { "Windows 10 Pro 10.0.26100", "windows", "11-24h2", OM_OS_EDITION_CONSUMER },
  { "Windows 10 Pro Education 21H2", "windows", "10-21h2", OM_OS_EDITION_CONSUMER },
  { "Windows 10 Education 21H2", "windows", "10-21h2", OM_OS_EDITION_ENTERPRISE },
  { "Windows 10 Enterprise LTSC 2021", "windows", "10-21h2", OM_OS_EDITION_LTSC },
  { "Windows 10 IoT Enterprise LTSC 2021", "windows", "10-21h2", OM_OS_EDITION_IOT_LTSC },
  { "Windows 10 Enterprise 2016 LTSB", "windows", "10-1607", OM_OS_EDITION_LTSC },
  { "Windows 11 Enterprise LTSC 2024", "windows", "11-24h2", OM_OS_EDITION_LTSC },
  { "Windows Server 2012 R2 Standard", "windows-server", "2012-r2", OM_OS_EDITION_UNKNOWN },
  { "Windows Server 2016 Standard 14393", "windows-server", "2016", OM_OS_EDITION_UNKNOWN },
  { "Microsoft Windows Server 2022 Datacenter", "windows-server", "2022", OM_OS_EDITION_UNKNOWN },
  { "Windows Server 2008 R2 Enterprise", "windows-server", "2008-r2", OM_OS_EDITION_UNKNOWN },
  { "10.0.20348", "windows-server", "2022", OM_OS_EDITION_UNKNOWN },
  { "Windows 7 Professional SP1", "windows", "7", OM_OS_EDITION_CONSUMER },
  { "6.1.7601", "windows", "7", OM_OS_EDITION_UNKNOWN },
  { "Windows XP Professional", "windows", "xp", OM_OS_EDITION_CONSUMER },
  { "Windows 8.1", "windows", "8.1", OM_OS_EDITION_UNKNOWN },
  { "Windows 10 Pro 22H2（社内PC）", "windows", "10-22h2", OM_OS_EDITION_CONSUMER },
  { "Ｗｉｎｄｏｗｓ　１１　Ｐｒｏ　２３Ｈ２", "windows", "11-23h2", OM_OS_EDITION_CONSUMER },
  { "ウィンドウズ10 プロ 22H2", "windows", "10-22h2", OM_OS_EDITION_CONSUMER },
  { "Ｗｉｎｄｏｗｓ １０", "windows", NULL, OM_OS_EDITION_UNKNOWN },
  { "macOS 13.6.1", "macos", "13", OM_OS_EDITION_UNKNOWN },
  { "Mac OS X 10.15.7", "macos", "10.15", OM_OS_EDITION_UNKNOWN },
  { "OS X El Capitan", "macos", "10.11", OM_OS_EDITION_UNKNOWN },
  { "macOS Sonoma", "macos", "14", OM_OS_EDITION_UNKNOWN },
  { "macOS High Sierra 10.13.6", "macos", "10.13", OM_OS_EDITION_UNKNOWN },
  { "Darwin 22.6.0", "macos", "13", OM_OS_EDITION_UNKNOWN },
  { "iOS 16.7", "ios", "16", OM_OS_EDITION_UNKNOWN },
  { "iPadOS 17", "ipados", "17", OM_OS_EDITION_UNKNOWN },
  { "Android 12", "android", "12", OM_OS_EDITION_UNKNOWN },
  { "Android 12L", "android", "12.1", OM_OS_EDITION_UNKNOWN },
  { "Android 8.1.0", "android", "8.1", OM_OS_EDITION_UNKNOWN },
  { "DSM 7.1.1-42962", "synology-dsm", "7.1", OM_OS_EDITION_UNKNOWN },
  { "Synology DSM 6.2.4", "synology-dsm", "6.2", OM_OS_EDITION_UNKNOWN },
  { "QTS 5.1.0", "qnap-qts", "5.1", OM_OS_EDITION_UNKNOWN },
  { "Ubuntu 20.04.6 LTS", "ubuntu", "20.04", OM_OS_EDITION_UNKNOWN },
  { "Ubuntu 24.04 LTS (Noble Numbat)", "ubuntu", "24.04", OM_OS_EDITION_UNKNOWN },
  { "Debian GNU/Linux 11 (bullseye)", "debian", "11", OM_OS_EDITION_UNKNOWN },
  { "Debian 12", "debian", "12", OM_OS_EDITION_UNKNOWN },
  { "Raspbian GNU/Linux 10 (buster)", "debian", "10", OM_OS_EDITION_UNKNOWN },
  { "CentOS Linux 7", "centos", "7", OM_OS_EDITION_UNKNOWN },
  { "CentOS Stream 9", "centos-stream", "9", OM_OS_EDITION_UNKNOWN },
  { "Red Hat Enterprise Linux 8.9", "rhel", "8", OM_OS_EDITION_UNKNOWN },
  { "Red Hat Enterprise Linux Server release 7.9 (Maipo)", "rhel", "7", OM_OS_EDITION_UNKNOWN },
  { "Rocky Linux 9.3", "rocky", "9", OM_OS_EDITION_UNKNOWN },
  { "AlmaLinux 8.10", "almalinux", "8", OM_OS_EDITION_UNKNOWN },
  { "Cisco IOS Software, C2960 Software, Version 15.0(2)SE", NULL, NULL, OM_OS_EDITION_UNKNOWN },
  { "banana", NULL, NULL, OM_OS_EDITION_UNKNOWN },
  { "", NULL, NULL, OM_OS_EDITION_UNKNOWN },
  { "Linux 5.10", NULL, NULL, OM_OS_EDITION_UNKNOWN },
  { "12345", NULL, NULL, OM_OS_EDITION_UNKNOWN },
};

static void
test_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(OmOsInfo) info = om_os_info_parse (c->input);

      g_test_message ("parse %s", c->input);
      if (c->product == NULL)
        {
          g_assert_null (info);
          continue;
        }
      g_assert_nonnull (info);
      g_assert_cmpstr (info->product, ==, c->product);
      g_assert_cmpstr (info->cycle, ==, c->cycle);
      g_assert_cmpint (info->edition, ==, c->edition);
    }
}

static void
test_parse_hints_and_fields (void)
{
  g_autoptr(OmOsInfo) client = om_os_info_parse ("10.0.17763");
  g_autoptr(OmOsInfo) server = om_os_info_parse_full ("10.0.17763", TRUE);
  g_autoptr(OmOsInfo) fields = NULL;
  g_autoptr(OmOsInfo) ntlm = om_os_info_parse ("Windows 10.0.19041");
  g_autoptr(OmOsInfo) nothing = om_os_info_parse_fields (NULL, NULL, NULL, NULL, NULL, FALSE);
  g_autoptr(OmOsInfo) mac = om_os_info_parse_fields ("macOS", NULL, "14.5", NULL, NULL, FALSE);
  g_autoptr(OmOsInfo) bare_build = om_os_info_parse_fields ("Windows", NULL, NULL, "22631", NULL, FALSE);
  g_autoptr(OmOsInfo) copy = NULL;
  g_autofree char *huge = NULL;
  g_autoptr(OmOsInfo) huge_info = NULL;

  g_assert_cmpstr (client->product, ==, "windows");
  g_assert_cmpstr (client->cycle, ==, "10-1809");
  g_assert_cmpstr (server->product, ==, "windows-server");
  g_assert_cmpstr (server->cycle, ==, "2019");

  /* The edition field fills in what the name lacks. */
  fields = om_os_info_parse_fields ("windows", "Windows 10 21H2", "10.0.19044", NULL, "Enterprise", FALSE);
  g_assert_cmpstr (fields->cycle, ==, "10-21h2");
  g_assert_cmpint (fields->edition, ==, OM_OS_EDITION_ENTERPRISE);

  g_assert_true (ntlm->build_ambiguous);
  g_assert_null (nothing);
  g_assert_cmpstr (mac->cycle, ==, "14");
  g_assert_cmpstr (bare_build->cycle, ==, "11-23h2");

  copy = om_os_info_copy (fields);
  g_assert_cmpstr (copy->cycle, ==, fields->cycle);
  g_assert_cmpint (copy->edition, ==, fields->edition);

  /* Hostile input: long, with invalid UTF-8. Only the first 512 bytes count. */
  huge = g_strnfill (100000, 'A');
  memcpy (huge, "Windows 11 Pro 24H2 \xff\xfe ", 22);
  huge_info = om_os_info_parse (huge);
  g_assert_cmpstr (huge_info->cycle, ==, "11-24h2");
}

/* ---- judgement table ---- */

typedef struct {
  const char  *input;
  const char  *date;
  OmEolStatus  status;
  const char  *cycle;     /* expected cycle, NULL if none */
  const char  *eol;       /* expected end date, NULL if none */
} JudgeCase;

#define SUP OM_EOL_STATUS_SUPPORTED
#define SOON OM_EOL_STATUS_ENDING_SOON
#define GONE OM_EOL_STATUS_UNSUPPORTED
#define UNK OM_EOL_STATUS_UNKNOWN

static const JudgeCase judge_cases[] = {
  /* Windows 10 22H2 (all editions end 2025-10-14): boundary days. */
  { "Windows 10 Pro 22H2", "2025-04-16", SUP,  "10-22h2", "2025-10-14" },  /* 181 days before */
  { "Windows 10 Pro 22H2", "2025-04-17", SOON, "10-22h2", "2025-10-14" },  /* 180 days before */
  { "Windows 10 Pro 22H2", "2025-10-13", SOON, "10-22h2", "2025-10-14" },  /* day before */
  { "Windows 10 Pro 22H2", "2025-10-14", SOON, "10-22h2", "2025-10-14" },  /* Patch Tuesday: last updates */
  { "Windows 10 Pro 22H2", "2025-10-15", GONE, "10-22h2", "2025-10-14" },  /* day after */
  { "Windows 10 Pro 22H2", "2026-11-26", GONE, "10-22h2", "2025-10-14" },
  { "10.0.19045", "2024-01-01", SUP, "10-22h2", "2025-10-14" },
  { "Windows 10.0.19045.3803", "2025-10-15", GONE, "10-22h2", "2025-10-14" },
  { "Windows 10 Pro 22H2（社内PC）", "2025-06-01", SOON, "10-22h2", "2025-10-14" },
  { "Ｗｉｎｄｏｗｓ １０", "2026-11-26", GONE, NULL, "2025-10-14" },
  { "Ｗｉｎｄｏｗｓ １０", "2025-01-01", UNK, NULL, NULL },
  /* Editions: 21H2 Home/Pro 2023-06-13, Enterprise/Education 2024-06-11. */
  { "Windows 10 Pro 21H2", "2024-01-01", GONE, "10-21h2", "2023-06-13" },
  { "Windows 10 Enterprise 21H2", "2024-01-01", SOON, "10-21h2", "2024-06-11" },
  { "Windows 10 Education 21H2", "2023-06-14", SUP, "10-21h2", "2024-06-11" },
  { "Windows 10 21H2", "2023-06-14", GONE, "10-21h2", "2023-06-13" },     /* edition unknown: Home/Pro */
  { "Windows 10 Home 21H2", "2023-06-13", SOON, "10-21h2", "2023-06-13" },
  { "Windows 10 Enterprise LTSC 2021", "2026-07-15", SUP, "10-21h2", "2027-01-12" },
  { "Windows 10 Enterprise LTSC 2021", "2026-07-16", SOON, "10-21h2", "2027-01-12" },
  { "Windows 10 Enterprise LTSC 2021", "2027-01-13", GONE, "10-21h2", "2027-01-12" },
  { "Windows 10 IoT Enterprise LTSC 2021", "2027-01-13", SUP, "10-21h2", "2032-01-13" },
  { "Windows 10 Enterprise LTSC 2019", "2026-11-26", SUP, "10-1809", "2029-01-09" },
  { "Windows 10 Enterprise 2016 LTSB", "2026-10-14", GONE, "10-1607", "2026-10-13" },
  { "Windows 10 Pro 1809", "2026-11-26", GONE, "10-1809", "2020-11-10" },
  { "Windows 10 Enterprise 1809", "2021-05-11", SOON, "10-1809", "2021-05-11" },
  /* Windows 11. */
  { "Win11 Ent 23H2", "2026-11-10", SOON, "11-23h2", "2026-11-10" },
  { "Win11 Ent 23H2", "2026-11-11", GONE, "11-23h2", "2026-11-10" },
  { "Win11 Ent 23H2", "2026-05-13", SUP, "11-23h2", "2026-11-10" },
  { "Win11 Ent 23H2", "2026-05-14", SOON, "11-23h2", "2026-11-10" },
  { "Windows 11 Pro 23H2", "2026-01-01", GONE, "11-23h2", "2025-11-11" },
  { "Windows 11 Pro 24H2", "2026-05-01", SOON, "11-24h2", "2026-10-13" },
  { "Windows 11 Home 25H2", "2026-11-26", SUP, "11-25h2", "2027-10-12" },
  { "Windows 11 Enterprise 25H2", "2026-11-26", SUP, "11-25h2", "2028-10-10" },
  { "Windows 11 Enterprise LTSC 2024", "2026-11-26", SUP, "11-24h2", "2029-10-09" },
  { "Windows 11 Pro", "2026-11-26", UNK, NULL, NULL },   /* 25H2 still supported: need the version */
  { "10.0.22000", "2026-11-26", GONE, "11-21h2", "2023-10-10" },
  /* Older Windows. */
  { "Windows XP Professional SP3", "2014-04-08", SOON, "xp", "2014-04-08" },
  { "Windows XP Professional SP3", "2014-04-09", GONE, "xp", "2014-04-08" },
  { "Windows Vista Business", "2017-04-12", GONE, "vista", "2017-04-11" },
  { "Windows 7 Professional SP1", "2020-01-14", SOON, "7", "2020-01-14" },
  { "Windows 7 Professional SP1", "2020-01-15", GONE, "7", "2020-01-14" },
  { "Windows 8.1 Pro", "2023-01-10", SOON, "8.1", "2023-01-10" },
  { "Windows 8.1 Pro", "2023-01-11", GONE, "8.1", "2023-01-10" },
  { "6.1.7601", "2026-11-26", GONE, "7", "2020-01-14" },
  /* Servers. */
  { "Windows Server 2012 R2 Standard", "2023-10-10", SOON, "2012-r2", "2023-10-10" },
  { "Windows Server 2012 R2 Standard", "2023-10-11", GONE, "2012-r2", "2023-10-10" },
  { "Windows Server 2008 R2 SP1", "2026-11-26", GONE, "2008-r2", "2020-01-14" },
  { "Windows Server 2016 Standard", "2026-11-26", SOON, "2016", "2027-01-12" },
  { "Windows Server 2019 Datacenter", "2026-11-26", SUP, "2019", "2029-01-09" },
  { "Windows Server 2022", "2026-11-26", SUP, "2022", "2031-10-14" },
  { "Windows Server 2025 Standard", "2034-11-14", SOON, "2025", "2034-11-14" },
  { "Windows Server 2025 Standard", "2034-11-15", GONE, "2025", "2034-11-14" },
  { "Windows Small Business Server 2011", "2026-11-26", GONE, "sbs-2011", "2020-01-14" },
  /* macOS (Apple announces no dates). */
  { "macOS 13.6.1", "2025-09-15", SOON, "13", "2025-09-15" },
  { "macOS 13.6.1", "2025-09-16", GONE, "13", "2025-09-15" },
  { "Mac OS X 10.15.7", "2026-11-26", GONE, "10.15", "2022-09-12" },
  { "OS X El Capitan", "2026-11-26", GONE, "10.11", "2018-12-01" },
  { "macOS Sonoma", "2026-08-31", SUP, "14", NULL },
  { "macOS 26.1", "2026-11-26", SUP, "26", NULL },
  { "macOS 11.7.10", "2026-11-26", GONE, "11", "2023-09-26" },
  { "macOS 20", "2026-11-26", UNK, "20", NULL },        /* there is no macOS 20 */
  /* Phones and tablets. */
  { "iOS 16.7", "2026-11-26", SUP, "16", NULL },
  { "iOS 17.5", "2026-11-26", GONE, "17", "2025-05-13" },
  { "iOS 26.1", "2026-11-26", SUP, "26", NULL },
  { "iPadOS 17", "2025-09-15", SOON, "17", "2025-09-15" },
  { "iPadOS 17", "2025-09-16", GONE, "17", "2025-09-15" },
  { "Android 12", "2025-03-04", GONE, "12", "2025-03-03" },
  { "Android 13", "2026-01-01", SOON, "13", "2026-03-02" },
  { "Android 14", "2026-11-26", SUP, "14", NULL },
  { "Android 4.3", "2026-11-26", GONE, "4.3", NULL },   /* ended, date not known */
  /* NAS. */
  { "DSM 7.1.1-42962", "2025-06-30", SOON, "7.1", "2025-06-30" },
  { "DSM 7.1.1-42962", "2025-07-01", GONE, "7.1", "2025-06-30" },
  { "Synology DSM 6.2.4", "2024-09-30", SOON, "6.2", "2024-09-30" },
  { "Synology DSM 6.2.4", "2024-10-01", GONE, "6.2", "2024-09-30" },
  { "DSM 7.2.2-72806 Update 3", "2025-07-03", SUP, "7.2", "2025-12-31" },
  { "DSM 7.2.2-72806 Update 3", "2025-07-04", SOON, "7.2", "2025-12-31" },
  { "DSM 7.3.1", "2026-11-26", SUP, "7.3", "2028-10-31" },
  { "QTS 5.1.0", "2026-11-26", UNK, "5.1", NULL },      /* per hardware model */
  { "QuTS hero h5.1.0", "2026-11-26", UNK, NULL, NULL },
  /* Linux. */
  { "Ubuntu 20.04.6 LTS", "2025-06-01", GONE, "20.04", "2025-05-31" },
  { "Ubuntu 22.04.4 LTS", "2026-10-02", SUP, "22.04", "2027-04-01" },
  { "Ubuntu 22.04.4 LTS", "2026-10-03", SOON, "22.04", "2027-04-01" },
  { "Ubuntu 24.04 LTS", "2026-11-26", SUP, "24.04", "2029-05-31" },
  { "Debian GNU/Linux 11 (bullseye)", "2024-08-14", SOON, "11", "2024-08-14" },
  { "Debian GNU/Linux 11 (bullseye)", "2024-08-15", GONE, "11", "2024-08-14" },
  { "Debian 12", "2026-01-01", SOON, "12", "2026-06-10" },
  { "Debian 12", "2026-06-11", GONE, "12", "2026-06-10" },
  { "Debian 13", "2026-11-26", SUP, "13", "2028-08-09" },
  { "CentOS Linux 7", "2024-07-01", GONE, "7", "2024-06-30" },
  { "CentOS Linux 8", "2026-11-26", GONE, "8", "2021-12-31" },
  { "Red Hat Enterprise Linux 8.9", "2026-11-26", SUP, "8", "2029-05-31" },
  { "Red Hat Enterprise Linux 8.9", "2028-12-02", SOON, "8", "2029-05-31" },
  { "Rocky Linux 9.3", "2026-11-26", SUP, "9", "2032-05-31" },
  { "AlmaLinux 8.10", "2029-03-02", GONE, "8", "2029-03-01" },
  /* Junk. */
  { "banana", "2026-11-26", UNK, NULL, NULL },
  { "", "2026-11-26", UNK, NULL, NULL },
  { "Windows", "2026-11-26", UNK, NULL, NULL },
  { "Windows 12 Pro", "2026-11-26", UNK, NULL, NULL },
  { "Ubuntu 99.04", "2026-11-26", UNK, "99.04", NULL },
  { "Cisco IOS Software, Version 15.0(2)SE", "2026-11-26", UNK, NULL, NULL },
  { "=cmd|' /C calc'!A0", "2026-11-26", UNK, NULL, NULL },
};

static void
test_judge_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (judge_cases), >=, 80);

  for (guint i = 0; i < G_N_ELEMENTS (judge_cases); i++)
    {
      const JudgeCase *c = &judge_cases[i];
      g_autoptr(OmEolJudgement) j = NULL;
      g_autofree char *eol = NULL;
      GDate today;

      set_date (&today, c->date);
      j = om_eol_database_judge_string (shipped_db, c->input, &today);
      eol = om_eol_judgement_dup_eol_string (j);
      g_test_message ("judge “%s” on %s: %s %s (%s)", c->input, c->date,
                      om_eol_status_to_string (om_eol_judgement_get_status (j)), eol,
                      om_eol_judgement_get_reason (j));
      g_assert_cmpstr (om_eol_status_to_string (om_eol_judgement_get_status (j)), ==,
                       om_eol_status_to_string (c->status));
      g_assert_cmpstr (om_eol_judgement_get_cycle (j), ==, c->cycle);
      g_assert_cmpstr (eol, ==, c->eol);
      /* Every judgement explains itself. */
      g_assert_nonnull (om_eol_judgement_get_reason (j));
      g_assert_cmpuint (strlen (om_eol_judgement_get_reason (j)), >, 10);
      if (c->status != UNK)
        g_assert_nonnull (om_eol_judgement_get_source (j));
    }
}

static void
test_judge_details (void)
{
  g_autoptr(OmEolJudgement) soon = NULL;
  g_autoptr(OmEolJudgement) assumed = NULL;
  g_autoptr(OmEolJudgement) esu = NULL;
  g_autoptr(OmEolJudgement) ntlm = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  GDate today;

  set_date (&today, "2025-04-17");
  soon = om_eol_database_judge_string (shipped_db, "Windows 10 Pro 22H2", &today);
  g_assert_cmpint (om_eol_judgement_get_days_left (soon), ==, 180);
  g_assert_cmpstr (om_eol_judgement_get_product (soon), ==, "windows");
  g_assert_cmpstr (om_eol_judgement_get_product_name (soon), ==, "Windows");
  g_assert_cmpstr (om_eol_judgement_get_source (soon), ==, "endoflife.date");
  g_assert_nonnull (strstr (om_eol_judgement_get_reason (soon), "180 days"));

  set_date (&today, "2023-06-14");
  assumed = om_eol_database_judge_string (shipped_db, "Windows 10 21H2", &today);
  g_assert_true (om_eol_judgement_get_edition_assumed (assumed));
  g_assert_nonnull (strstr (om_eol_judgement_get_reason (assumed), "2024-06-11"));

  /* Paid ESU is mentioned while it runs, but does not count as support. */
  set_date (&today, "2026-11-26");
  esu = om_eol_database_judge_string (shipped_db, "Windows Server 2012 R2", &today);
  g_assert_cmpint (om_eol_judgement_get_status (esu), ==, OM_EOL_STATUS_UNSUPPORTED);
  g_assert_null (strstr (om_eol_judgement_get_reason (esu), "2026-10-13"));
  g_clear_pointer (&esu, om_eol_judgement_unref);
  set_date (&today, "2026-01-01");
  esu = om_eol_database_judge_string (shipped_db, "Windows Server 2012 R2", &today);
  g_assert_cmpint (om_eol_judgement_get_status (esu), ==, OM_EOL_STATUS_UNSUPPORTED);
  g_assert_nonnull (strstr (om_eol_judgement_get_reason (esu), "2026-10-13"));

  ntlm = om_eol_database_judge_string (shipped_db, "10.0.19041", &today);
  g_assert_nonnull (strstr (om_eol_judgement_get_reason (ntlm), "winver"));

  json_builder_begin_object (builder);
  om_eol_judgement_add_json_members (soon, builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ending-soon");
  g_assert_cmpstr (json_object_get_string_member (object, "eol"), ==, "2025-10-14");
  g_assert_cmpint (json_object_get_int_member (object, "days_left"), ==, 180);
  g_assert_cmpstr (json_object_get_string_member (object, "edition"), ==, "consumer");
}

/* ---- database files ---- */

static const char *small_db =
  "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\","
  "  \"sources\": [ { \"id\": \"s\", \"name\": \"Test source\", \"url\": \"https://example.org/\" } ],"
  "  \"products\": [ { \"id\": \"debian\", \"name\": \"Debian\", \"cycles\": ["
  "    { \"cycle\": \"12\", \"label\": \"Debian 12\", \"eol\": \"2030-01-01\", \"source\": \"s\" } ] } ] }";

static void
test_load_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmEolDatabase) db = om_eol_database_new_from_data (small_db, -1, &error);
  g_autoptr(OmEolJudgement) j = NULL;
  g_autofree char *snapshot = NULL;
  GDate today;

  g_assert_no_error (error);
  g_assert_cmpuint (om_eol_database_get_n_products (db), ==, 1);
  g_assert_cmpuint (om_eol_database_get_n_cycles (db), ==, 1);
  snapshot = om_eol_database_dup_snapshot_string (db);
  g_assert_cmpstr (snapshot, ==, "2026-08-31");
  g_assert_cmpstr (om_eol_database_get_product_name (db, "debian"), ==, "Debian");

  /* A newer database changes the answer: this one keeps Debian 12 until 2030. */
  set_date (&today, "2026-11-26");
  j = om_eol_database_judge_string (db, "Debian 12", &today);
  g_assert_cmpint (om_eol_judgement_get_status (j), ==, OM_EOL_STATUS_SUPPORTED);
  g_assert_cmpstr (om_eol_judgement_get_source (j), ==, "Test source");
  g_assert_cmpstr (om_eol_judgement_get_source_url (j), ==, "https://example.org/");
  g_clear_pointer (&j, om_eol_judgement_unref);

  /* A product the database lacks is unknown, not an error. */
  j = om_eol_database_judge_string (db, "Windows 10 Pro 22H2", &today);
  g_assert_cmpint (om_eol_judgement_get_status (j), ==, OM_EOL_STATUS_UNKNOWN);
  g_assert_cmpstr (om_eol_judgement_get_product (j), ==, "windows");
  g_assert_null (om_eol_judgement_get_eol (j));
}

typedef struct {
  const char *name;
  const char *json;
  OmEolError  code;
} BadCase;

static const BadCase bad_cases[] = {
  { "not-json", "{ \"schema\": 1, \"products\": [", OM_EOL_ERROR_PARSE },
  { "empty", "", OM_EOL_ERROR_PARSE },
  { "array", "[1, 2, 3]", OM_EOL_ERROR_SCHEMA },
  { "no-schema", "{ \"snapshot_date\": \"2026-08-31\", \"products\": [] }", OM_EOL_ERROR_SCHEMA },
  { "schema-string", "{ \"schema\": \"1\", \"snapshot_date\": \"2026-08-31\", \"products\": [] }", OM_EOL_ERROR_SCHEMA },
  { "newer-schema", "{ \"schema\": 2, \"snapshot_date\": \"2026-08-31\", \"products\": [] }", OM_EOL_ERROR_VERSION },
  { "no-date", "{ \"schema\": 1, \"products\": [ { \"id\": \"a\", \"name\": \"A\", \"cycles\": [] } ] }", OM_EOL_ERROR_SCHEMA },
  { "bad-date", "{ \"schema\": 1, \"snapshot_date\": \"2026-02-30\", \"products\": [] }", OM_EOL_ERROR_SCHEMA },
  { "no-products", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": [] }", OM_EOL_ERROR_SCHEMA },
  { "products-string", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": \"x\" }", OM_EOL_ERROR_SCHEMA },
  { "cycle-no-eol", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": [ { \"id\": \"a\", \"name\": \"A\","
    " \"cycles\": [ { \"cycle\": \"1\", \"label\": \"A 1\" } ] } ] }", OM_EOL_ERROR_SCHEMA },
  { "cycle-bad-eol", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": [ { \"id\": \"a\", \"name\": \"A\","
    " \"cycles\": [ { \"cycle\": \"1\", \"label\": \"A 1\", \"eol\": \"2025-13-01\" } ] } ] }", OM_EOL_ERROR_SCHEMA },
  { "bad-edition", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": [ { \"id\": \"a\", \"name\": \"A\","
    " \"cycles\": [ { \"cycle\": \"1\", \"label\": \"A 1\", \"eol\": false, \"editions\": [\"gold\"] } ] } ] }", OM_EOL_ERROR_SCHEMA },
  { "wrong-product", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": [ { \"id\": \"a\", \"name\": \"A\","
    " \"cycles\": [ { \"product\": \"b\", \"cycle\": \"1\", \"label\": \"A 1\", \"eol\": false } ] } ] }", OM_EOL_ERROR_SCHEMA },
  { "duplicate-product", "{ \"schema\": 1, \"snapshot_date\": \"2026-08-31\", \"products\": ["
    " { \"id\": \"a\", \"name\": \"A\", \"cycles\": [] }, { \"id\": \"a\", \"name\": \"A\", \"cycles\": [] } ] }", OM_EOL_ERROR_SCHEMA },
};

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmEolDatabase) db = NULL;
  g_autofree char *dir = g_dir_make_tmp ("om-eol-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, bad_cases[i].name, NULL);

      g_test_message ("bad database %s", bad_cases[i].name);
      g_assert_true (g_file_set_contents (path, bad_cases[i].json, -1, NULL));
      db = om_eol_database_new_from_file (path, &error);
      g_assert_null (db);
      g_assert_error (error, OM_EOL_ERROR, (int) bad_cases[i].code);
      /* The message names the file so the user knows which one is wrong. */
      g_assert_nonnull (strstr (error->message, bad_cases[i].name));
      g_clear_error (&error);
      g_unlink (path);
    }

  {
    g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);

    db = om_eol_database_new_from_file (missing, &error);
    g_assert_null (db);
    g_assert_error (error, OM_EOL_ERROR, OM_EOL_ERROR_READ);
    g_assert_nonnull (strstr (error->message, "missing.json"));
    g_clear_error (&error);
  }

  g_rmdir (dir);
}

static void
test_stale (void)
{
  g_autoptr(OmEolDatabase) db = om_eol_database_new_from_data (small_db, -1, NULL);
  GDate today;

  set_date (&today, "2026-08-31");
  g_assert_false (om_eol_database_is_stale (db, &today));
  set_date (&today, "2027-08-31");   /* exactly twelve months */
  g_assert_false (om_eol_database_is_stale (db, &today));
  set_date (&today, "2027-09-01");
  g_assert_true (om_eol_database_is_stale (db, &today));
  set_date (&today, "2030-01-01");
  g_assert_true (om_eol_database_is_stale (db, &today));
}

static void
test_shipped_database (void)
{
  g_autofree char *snapshot = om_eol_database_dup_snapshot_string (shipped_db);
  static const char * const products[] = {
    "windows", "windows-server", "macos", "ios", "ipados", "android", "ubuntu", "debian",
    "rhel", "centos", "centos-stream", "rocky", "almalinux", "synology-dsm", "qnap-qts", NULL
  };

  g_assert_true (g_str_has_prefix (snapshot, "2026-08-"));
  g_assert_cmpuint (om_eol_database_get_n_cycles (shipped_db), >=, 150);
  for (guint i = 0; products[i] != NULL; i++)
    g_assert_nonnull (om_eol_database_get_product_name (shipped_db, products[i]));
}

static void
test_default_and_override (void)
{
  g_autofree char *dir = g_dir_make_tmp ("om-eol-data-XXXXXX", NULL);
  g_autofree char *user = g_build_filename (dir, "eol.json", NULL);
  g_autofree char *newer_src = g_build_filename (dir, "newer-download.json", NULL);
  g_autofree char *newer = NULL;
  g_autofree char *older = NULL;
  g_autoptr(OmEolDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;

  g_setenv ("OMAMORI_DATA_DIR", dir, TRUE);

  /* No user file: the shipped one. */
  db = om_eol_database_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (om_eol_database_get_n_products (db), >, 10);
  g_clear_object (&db);

  /* An older user file loses to the shipped one. */
  older = g_strdup (small_db);
  memcpy (strstr (older, "2026-08-31"), "2020-01-01", 10);
  g_assert_true (g_file_set_contents (user, older, -1, NULL));
  db = om_eol_database_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (om_eol_database_get_n_products (db), >, 10);
  g_clear_object (&db);

  /* A broken user file is ignored. */
  g_assert_true (g_file_set_contents (user, "{ broken", -1, NULL));
  db = om_eol_database_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (om_eol_database_get_n_products (db), >, 10);
  g_clear_object (&db);

  /* Installing a newer file makes it the default. */
  newer = g_strdup (small_db);
  memcpy (strstr (newer, "2026-08-31"), "2027-02-01", 10);
  g_assert_true (g_file_set_contents (newer_src, newer, -1, NULL));
  db = om_eol_database_install_file (newer_src, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (om_eol_database_get_path (db), ==, user);
  g_clear_object (&db);
  db = om_eol_database_new_default (&error);
  g_assert_no_error (error);
  snapshot = om_eol_database_dup_snapshot_string (db);
  g_assert_cmpstr (snapshot, ==, "2027-02-01");
  g_assert_cmpuint (om_eol_database_get_n_products (db), ==, 1);
  g_clear_object (&db);

  /* Installing a bad file fails and keeps the installed one. */
  g_assert_true (g_file_set_contents (newer_src, "[]", -1, NULL));
  db = om_eol_database_install_file (newer_src, &error);
  g_assert_null (db);
  g_assert_error (error, OM_EOL_ERROR, OM_EOL_ERROR_SCHEMA);
  g_clear_error (&error);
  db = om_eol_database_new_default (&error);
  g_clear_pointer (&snapshot, g_free);
  snapshot = om_eol_database_dup_snapshot_string (db);
  g_assert_cmpstr (snapshot, ==, "2027-02-01");

  g_unlink (user);
  g_unlink (newer_src);
  g_rmdir (dir);
  g_unsetenv ("OMAMORI_DATA_DIR");
}

static void
test_device (void)
{
  g_autoptr(OmDevice) pc = om_device_new ();
  g_autoptr(OmDevice) server = om_device_new ();
  g_autoptr(OmDevice) blank = om_device_new ();
  g_autoptr(OmEolJudgement) j = NULL;
  GDate today;

  set_date (&today, "2026-11-26");

  om_device_set_os_name (pc, "Windows 11 Pro 24H2");
  g_assert_cmpint (om_eol_judge_device (shipped_db, pc, &today, &j), ==, OM_EOL_STATUS_UNSUPPORTED);
  g_assert_cmpstr (om_eol_judgement_get_cycle (j), ==, "11-24h2");
  g_clear_pointer (&j, om_eol_judgement_unref);

  /* Discovered fields only: family + build, and the server kind. */
  om_device_offer_string (server, OM_DEVICE_FIELD_OS_FAMILY, "windows", OM_ORIGIN_DISCOVERED, "smb");
  om_device_offer_string (server, OM_DEVICE_FIELD_OS_VERSION, "10.0.17763", OM_ORIGIN_DISCOVERED, "smb");
  om_device_offer_enum (server, OM_DEVICE_FIELD_KIND, OM_DEVICE_KIND_SERVER, OM_ORIGIN_DISCOVERED, "smb");
  g_assert_cmpint (om_eol_judge_device (shipped_db, server, &today, &j), ==, OM_EOL_STATUS_SUPPORTED);
  g_assert_cmpstr (om_eol_judgement_get_product (j), ==, "windows-server");
  g_assert_cmpstr (om_eol_judgement_get_cycle (j), ==, "2019");
  g_clear_pointer (&j, om_eol_judgement_unref);

  g_assert_cmpint (om_eol_judge_device (shipped_db, blank, &today, NULL), ==, OM_EOL_STATUS_UNKNOWN);
  g_assert_cmpint (om_eol_judge_device (shipped_db, blank, &today, &j), ==, OM_EOL_STATUS_UNKNOWN);
  g_assert_nonnull (strstr (om_eol_judgement_get_reason (j), "editor"));
}

/* ---- the command line ---- */

static JsonObject *
run_cli_json (const char * const *args, int *exit_status, JsonParser *parser)
{
  const char *cli = g_getenv ("OMAMORI_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "eol");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  *exit_status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (*exit_status != 0)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_json (void)
{
  const char *cli = g_getenv ("OMAMORI_CLI");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  int status;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("OMAMORI_CLI does not point at the built omamori-cli");
      return;
    }

  o = run_cli_json ((const char *[]) { "--json", "--date", "2025-10-14", "Windows 10 Pro 22H2", NULL },
                    &status, parser);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "product"), ==, "windows");
  g_assert_cmpstr (json_object_get_string_member (o, "cycle"), ==, "10-22h2");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "ending-soon");
  g_assert_cmpstr (json_object_get_string_member (o, "eol"), ==, "2025-10-14");
  g_assert_cmpint (json_object_get_int_member (o, "days_left"), ==, 0);
  g_assert_nonnull (json_object_get_string_member (o, "label"));
  g_assert_nonnull (json_object_get_string_member (o, "source"));

  o = run_cli_json ((const char *[]) { "--date", "2026-11-26", "--json", "DSM 7.1.1-42962", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "product"), ==, "synology-dsm");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "unsupported");

  /* Unknown is a valid answer: exit 0, eol null. */
  o = run_cli_json ((const char *[]) { "--json", "--date", "2026-11-26", "toaster firmware", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "unknown");
  g_assert_true (json_node_is_null (json_object_get_member (o, "eol")));
  g_assert_true (json_node_is_null (json_object_get_member (o, "product")));

  /* Unquoted words are joined. */
  o = run_cli_json ((const char *[]) { "--json", "--date", "2026-11-26", "Ubuntu", "24.04", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "cycle"), ==, "24.04");

  /* Usage errors exit 2. */
  run_cli_json ((const char *[]) { "--json", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 2);
  run_cli_json ((const char *[]) { "--date", "2026-13-01", "Windows 10", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 2);
  run_cli_json ((const char *[]) { "--no-such-option", "Windows 10", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 2);
  /* A database that does not load is a failure, not a usage error. */
  run_cli_json ((const char *[]) { "--database", "/nonexistent/eol.json", "Windows 10", NULL }, &status, parser);
  g_assert_cmpint (status, ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  path = g_build_filename (TOP_SRCDIR, "data", "eol.json", NULL);
  shipped_db = om_eol_database_new_from_file (path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/eol/parse/table", test_parse_table);
  g_test_add_func ("/eol/parse/hints-and-fields", test_parse_hints_and_fields);
  g_test_add_func ("/eol/judge/table", test_judge_table);
  g_test_add_func ("/eol/judge/details", test_judge_details);
  g_test_add_func ("/eol/database/shipped", test_shipped_database);
  g_test_add_func ("/eol/database/small", test_load_small);
  g_test_add_func ("/eol/database/errors", test_load_errors);
  g_test_add_func ("/eol/database/stale", test_stale);
  g_test_add_func ("/eol/database/default-and-override", test_default_and_override);
  g_test_add_func ("/eol/device", test_device);
  g_test_add_func ("/eol/cli/json", test_cli_json);

  ret = g_test_run ();
  g_clear_object (&shipped_db);
  return ret;
}

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
  om_observation_add_fact (nas, "snmp", "snmp.qnap.version", "5.1.0 Build 20230926", NULL);
  in = om_identify (nas);
  g_assert_cmpint (in->kind, ==, OM_DEVICE_KIND_NAS);
  g_assert_cmpstr (in->vendor.value, ==, "QNAP");
  g_assert_cmpstr (in->os_name.value, ==, "QTS 5.1.0");

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
  g_test_add_func ("/identify/ssh/distributions", test_ssh_os);
  g_test_add_func ("/identify/dsm-and-printer-firmware", test_dsm_and_firmware);
  g_test_add_func ("/identify/oui", test_oui);
  g_test_add_func ("/identify/observation/clean-string", test_clean_string);
  g_test_add_func ("/identify/observations", test_identify_observations);
  g_test_add_func ("/merge/match-keep-manual-idempotent", test_merge);
  return g_test_run ();
}

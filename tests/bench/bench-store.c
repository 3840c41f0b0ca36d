/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Store benchmark (prints, never asserts): a generated organisation with N
 * devices (default 10,000) — time to serialise, to save (atomic, fsync'ed), to
 * load, and the peak RSS; then the rules' findings are saved with it and that
 * file is loaded again, as on every start after the first. Usage: bench-store [N] [DIR]
 */
#include "config.h"

#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "om-eol.h"
#include "om-finding.h"
#include "om-rules.h"
#include "om-store.h"

static const char * const os_names[] = {
  "Windows 11 Pro 23H2", "Windows 10 Pro 22H2", "Windows Server 2019 Standard",
  "macOS 14.5", "iOS 17.5", "Android 14", "DSM 7.1.1-42962", "Ubuntu 22.04.4 LTS",
};
static const OmDeviceKind kinds[] = {
  OM_DEVICE_KIND_PC, OM_DEVICE_KIND_LAPTOP, OM_DEVICE_KIND_SERVER, OM_DEVICE_KIND_LAPTOP,
  OM_DEVICE_KIND_PHONE, OM_DEVICE_KIND_PHONE, OM_DEVICE_KIND_NAS, OM_DEVICE_KIND_SERVER,
};

/* A device as a scan plus some admin edits would leave it. */
static OmDevice *
make_device (guint i)
{
  OmDevice *device = om_device_new ();
  g_autofree char *name = g_strdup_printf ("PC-%05u 総務部", i);
  g_autofree char *mac = g_strdup_printf ("02:%02x:%02x:%02x:%02x:%02x", (i >> 24) & 0xff,
                                          (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, 0x42);
  g_autofree char *ipv4 = g_strdup_printf ("10.%u.%u.%u", (i >> 16) & 0xff, (i >> 8) & 0xff,
                                           (i & 0xff) + 1);
  g_autofree char *ipv6 = g_strdup_printf ("fd00:203::%x", i + 1);
  g_autofree char *host = g_strdup_printf ("host-%05u.local", i);
  g_autoptr(OmService) smb = om_service_new (445, "tcp", "smb", "Samba 4.17.12-Debian");
  g_autoptr(OmService) ssh = om_service_new (22, "tcp", "ssh", "OpenSSH_9.2p1 Debian-2+deb12u3");

  om_device_set_name (device, name);
  om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, kinds[i % G_N_ELEMENTS (kinds)],
                        OM_ORIGIN_DISCOVERED, "mdns");
  om_device_set_ownership (device, i % 7 == 0 ? OM_OWNERSHIP_PERSONAL : OM_OWNERSHIP_COMPANY);
  om_device_set_registered (device, i % 5 != 0);
  om_device_set_location (device, "本社 2F");
  om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, mac, OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_IPV4, ipv4, OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_IPV6, ipv6, OM_ORIGIN_DISCOVERED, "ndp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_HOSTNAMES, host, OM_ORIGIN_DISCOVERED, "mdns");
  om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Dell Inc.", OM_ORIGIN_DISCOVERED, "oui");
  om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, "OptiPlex 7010", OM_ORIGIN_DISCOVERED, "smb");
  om_device_offer_string (device, OM_DEVICE_FIELD_OS_NAME, os_names[i % G_N_ELEMENTS (os_names)],
                          OM_ORIGIN_DISCOVERED, "smb");
  om_device_offer_service (device, smb, OM_ORIGIN_DISCOVERED, "scan");
  om_device_offer_service (device, ssh, OM_ORIGIN_DISCOVERED, "scan");
  if (i % 3 == 0)
    om_device_set_notes (device, "リース品。返却期限を確認すること。");
  return device;
}

/* Wall time, plus CPU time of this process: on a loaded machine (other builds
 * running) the CPU figure is closer to what an idle desktop would see. */
typedef struct
{
  gint64 wall;
  gint64 cpu;
  gint64 sys;
  glong  faults;
} Stamp;

/* Kernel time (page faults, reading the file) of this process. */
static gint64
sys_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

/* Page faults: on a virtual machine each costs microseconds of kernel time. */
static glong
faults_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_minflt + usage.ru_majflt;
}

static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static Stamp
stamp_now (void)
{
  return (Stamp) { g_get_monotonic_time (), cpu_now (), sys_now (), faults_now () };
}

static char *
since (Stamp start)
{
  return g_strdup_printf ("%8.1f ms wall %8.1f ms cpu (%5.1f sys, %5ld faults)",
                          (g_get_monotonic_time () - start.wall) / 1000.0,
                          (cpu_now () - start.cpu) / 1000.0,
                          (sys_now () - start.sys) / 1000.0,
                          faults_now () - start.faults);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* Resident now (peak RSS also counts the mapped file while it was read). */
static double
rss_now_mb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024 * 1024);
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* Loads a file that holds findings as the application does (the findings'
 * reader registered before the load, the list attached after it), in a fresh
 * process; with "nodes", without the reader (the findings as JSON nodes). */
static int
load_with_findings (const char *dir, gboolean read_ahead)
{
  g_autoptr(OmStore) store = om_store_new (dir);
  g_autoptr(OmFindingList) findings = om_finding_list_new ();
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *load_t = NULL;
  g_autofree char *cold_t = NULL;
  OmDocument *doc = om_store_get_document (store);
  double load_rss;
  Stamp start;

  if (read_ahead)
    om_document_register_section_reader (doc, "findings", om_finding_list_read_section,
                                         om_finding_list_apply_section, om_finding_list_write_content,
                                         (GDestroyNotify) g_ptr_array_unref);
  start = stamp_now ();
  if (!om_store_load (store, &error))
    g_error ("load: %s", error->message);
  if (!om_document_attach_section_full (doc, "findings", G_OBJECT (findings),
                                        om_finding_list_load_section, om_finding_list_save_section,
                                        om_finding_list_write_json, &error))
    g_error ("findings: %s", error->message);
  load_t = since (start);
  load_rss = peak_rss_mb ();
  start = stamp_now ();
  pieces = om_document_serialize (doc);
  cold_t = since (start);
  printf ("  load, findings  %s  (%u devices, %u findings, %s, fresh process)\n", load_t,
          om_inventory_get_n_devices (om_document_get_inventory (doc)),
          om_finding_list_get_n_findings (findings),
          read_ahead ? "findings read from the text" : "findings as JSON nodes");
  printf ("  peak RSS        %8.1f MB  (after that load)\n", load_rss);
  printf ("  first serialise %s  (cold cache, with findings)\n", cold_t);
  printf ("  peak RSS        %8.1f MB  (after load with findings and serialise)\n", peak_rss_mb ());
  return 0;
}

static void
spawn_self (const char *mode, const char *dir)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *child_argv[] = { self_path, mode, dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_error ("spawn: %s", error->message);
}

/* Runs in a fresh process so its peak RSS is that of an application that just
 * opened the data, not of the generator. */
static int
load_only (const char *source_dir)
{
  /* A copy: the findings added below must not end up in the caller's file. */
  g_autofree char *dir = g_dir_make_tmp ("om-bench-load-XXXXXX", NULL);
  g_autofree char *from = g_build_filename (source_dir, OM_STORE_DEFAULT_BASENAME, NULL);
  g_autofree char *to = g_build_filename (dir, OM_STORE_DEFAULT_BASENAME, NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  Stamp start;
  g_autofree char *load_t = NULL;
  g_autofree char *cold_t = NULL;
  double load_rss, load_now;
  int status = 0;

  if (!g_file_get_contents (from, &contents, &len, &error) ||
      !g_file_set_contents (to, contents, (gssize) len, &error))
    g_error ("copy: %s", error->message);
  g_clear_pointer (&contents, g_free);
  store = om_store_new (dir);

  start = stamp_now ();
  if (!om_store_load (store, &error))
    g_error ("load: %s", error->message);
  load_t = since (start);
  load_rss = peak_rss_mb ();
  load_now = rss_now_mb ();

  start = stamp_now ();
  pieces = om_document_serialize (om_store_get_document (store));
  cold_t = since (start);
  g_clear_pointer (&pieces, g_ptr_array_unref);

  printf ("  load            %s  (%u devices, fresh process)\n", load_t,
          om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (store))));
  printf ("  peak RSS        %8.1f MB  (after that load; %.1f MB resident now)\n", load_rss, load_now);
  printf ("  first serialise %s  (cold cache; an idle fills it after a load)\n", cold_t);
  printf ("  RSS             %8.1f MB  (after load and serialise; %.1f MB resident now, the texts cached)\n",
          peak_rss_mb (), rss_now_mb ());

  /* What the application does next: judge every device, then autosave the
   * findings with the devices. */
  {
    OmDocument *doc = om_store_get_document (store);
    g_autoptr(OmFindingList) findings = om_finding_list_new ();
    g_autoptr(OmEolDatabase) db = om_eol_database_new_default (&error);
    g_autoptr(GPtrArray) with_findings = NULL;
    g_autofree char *rules_t = NULL;
    g_autofree char *save_t = NULL;
    GDate today;

    if (db == NULL)
      {
        printf ("  (no EOL database: %s; set OMAMORI_PKGDATADIR)\n", error->message);
        goto out;
      }
    om_document_attach_section_full (doc, "findings", G_OBJECT (findings),
                                     om_finding_list_load_section, om_finding_list_save_section,
                                     om_finding_list_write_json, NULL);
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 26, 11, 2026);
    start = stamp_now ();
    om_rules_evaluate (findings, om_document_get_inventory (doc), db, &today);
    rules_t = since (start);
    start = stamp_now ();
    with_findings = om_document_serialize (doc);
    save_t = since (start);
    printf ("  rules           %s  (%u findings)\n", rules_t, om_finding_list_get_n_findings (findings));
    printf ("  serialise       %s  (warm devices, findings for the first time)\n", save_t);
    g_clear_pointer (&with_findings, g_ptr_array_unref);
    printf ("  peak RSS        %8.1f MB  (after load, rules and the first autosave; %.1f MB resident now)\n",
            peak_rss_mb (), rss_now_mb ());

    /* The file the application reads on every start after its first. */
    if (!om_store_flush (store, &error))
      g_error ("save: %s", error->message);
    g_clear_object (&store);
    spawn_self ("--load-findings", dir);
    spawn_self ("--load-findings-nodes", dir);
  }

out:
  g_clear_object (&store);
  /* For profiling a load by hand: bench-store --load-findings DIR. */
  if (g_getenv ("OM_BENCH_KEEP") != NULL)
    printf ("  (kept %s)\n", dir);
  else
    remove_tree (dir);
  return status;
}

int
main (int argc, char **argv)
{
  guint n;
  g_autofree char *dir = NULL;
  g_autofree char *self_path = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  OmDevice *edited;
  GStatBuf st;
  Stamp start;
  g_autofree char *gen_t = NULL, *cold_t = NULL, *save_t = NULL, *warm_t = NULL, *save2_t = NULL;
  int status = 0;

  if (argc == 3 && g_str_equal (argv[1], "--load"))
    return load_only (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--load-findings"))
    return load_with_findings (argv[2], TRUE);
  if (argc == 3 && g_str_equal (argv[1], "--load-findings-nodes"))
    return load_with_findings (argv[2], FALSE);

  n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  if (argc > 2)
    dir = g_strdup (argv[2]);
  else
    dir = g_dir_make_tmp ("om-bench-store-XXXXXX", NULL);

  store = om_store_new (dir);
  if (!om_store_load (store, &error))
    g_error ("load: %s", error->message);

  start = stamp_now ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (devices, make_device (i));
  om_inventory_add_many (om_document_get_inventory (om_store_get_document (store)),
                         (OmDevice **) devices->pdata, devices->len);
  gen_t = since (start);

  /* First serialisation: every device's text is built. */
  start = stamp_now ();
  g_ptr_array_unref (om_document_serialize (om_store_get_document (store)));
  cold_t = since (start);

  start = stamp_now ();
  if (!om_store_flush (store, &error))
    g_error ("save: %s", error->message);
  save_t = since (start);

  /* The usual autosave: one device edited. */
  edited = g_ptr_array_index (devices, n / 2);
  om_device_set_notes (edited, "edited");
  start = stamp_now ();
  g_ptr_array_unref (om_document_serialize (om_store_get_document (store)));
  warm_t = since (start);
  om_device_set_notes (edited, "edited again");
  start = stamp_now ();
  if (!om_store_flush (store, &error))
    g_error ("save: %s", error->message);
  save2_t = since (start);
  g_stat (om_store_get_path (store), &st);

  printf ("store bench: %u devices, file %.1f MB\n", n, st.st_size / 1e6);
  printf ("  generate        %s\n", gen_t);
  printf ("  serialise, cold %s  (every device)\n", cold_t);
  printf ("  save            %s  (write + fsync + backup + rename + dir fsync)\n", save_t);
  printf ("  serialise, edit %s  (main-thread part of an autosave after one edit)\n", warm_t);
  printf ("  save after edit %s  (whole flush, synchronous)\n", save2_t);
  printf ("  generator RSS   %8.1f MB\n", peak_rss_mb ());
  fflush (stdout);
  g_clear_object (&store);
  g_ptr_array_set_size (devices, 0);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  {
    const char *child_argv[] = { self_path, "--load", dir, NULL };

    if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                       NULL, NULL, NULL, NULL, &status, &error))
      g_error ("spawn: %s", error->message);
  }

  if (argc <= 2)
    remove_tree (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Store benchmark (prints, never asserts): a generated organisation with N
 * devices (default 10,000) — time to serialise, to save (atomic, fsync'ed), to
 * load, and the peak RSS. Usage: bench-store [N] [DIR]
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

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

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
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

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autofree char *dir = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmStore) loaded = NULL;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  struct rusage usage;
  GStatBuf st;
  gint64 start;
  double gen_ms, ser_ms, save_ms, save2_ms, load_ms;

  if (argc > 2)
    dir = g_strdup (argv[2]);
  else
    dir = g_dir_make_tmp ("om-bench-store-XXXXXX", NULL);

  store = om_store_new (dir);
  if (!om_store_load (store, &error))
    g_error ("load: %s", error->message);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (devices, make_device (i));
  om_inventory_add_many (om_document_get_inventory (om_store_get_document (store)),
                         (OmDevice **) devices->pdata, devices->len);
  gen_ms = ms_since (start);

  /* What an autosave costs the main thread: building the JSON tree. */
  start = g_get_monotonic_time ();
  root = om_document_to_json (om_store_get_document (store));
  ser_ms = ms_since (start);

  start = g_get_monotonic_time ();
  if (!om_store_flush (store, &error))
    g_error ("save: %s", error->message);
  save_ms = ms_since (start);

  /* A second save also rotates the backup. */
  om_device_set_notes (g_ptr_array_index (devices, 0), "edited");
  start = g_get_monotonic_time ();
  if (!om_store_flush (store, &error))
    g_error ("save: %s", error->message);
  save2_ms = ms_since (start);
  g_stat (om_store_get_path (store), &st);
  g_clear_object (&store);
  g_ptr_array_set_size (devices, 0);

  start = g_get_monotonic_time ();
  loaded = om_store_new (dir);
  if (!om_store_load (loaded, &error))
    g_error ("load: %s", error->message);
  load_ms = ms_since (start);

  getrusage (RUSAGE_SELF, &usage);

  printf ("store bench: %u devices, file %.1f MB\n", n, st.st_size / 1e6);
  printf ("  generate        %8.1f ms\n", gen_ms);
  printf ("  serialise       %8.1f ms  (main-thread part of an autosave)\n", ser_ms);
  printf ("  save (flush)    %8.1f ms  (serialise + format + write + fsync + rename)\n", save_ms);
  printf ("  save again      %8.1f ms  (with backup rotation)\n", save2_ms);
  printf ("  load            %8.1f ms  (%u devices)\n", load_ms,
          om_inventory_get_n_devices (om_document_get_inventory (om_store_get_document (loaded))));
  printf ("  peak RSS        %8.1f MB\n", usage.ru_maxrss / 1024.0);

  g_clear_object (&loaded);
  if (argc <= 2)
    remove_tree (dir);
  return 0;
}

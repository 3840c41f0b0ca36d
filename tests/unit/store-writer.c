/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Helper for /store/kill-9: loads the store in DIR, then edits and saves in a
 * loop, printing "ACK N" once edit N is on disk. Edit N names the organisation
 * "gen-N", adds device "d-N" and removes "d-(N-20)", so any state the file can be
 * in is checkable. Half of the saves are synchronous flushes, half background
 * autosaves. The test kills this process with SIGKILL at random moments.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>

#include "om-store.h"

#define WINDOW 20

static OmDevice *
find_by_name (OmInventory *inventory, const char *name)
{
  for (guint i = 0; i < om_inventory_get_n_devices (inventory); i++)
    if (g_strcmp0 (om_device_get_name (om_inventory_get_device (inventory, i)), name) == 0)
      return om_inventory_get_device (inventory, i);
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  OmDocument *doc;
  OmOrganisation *org;
  OmInventory *inventory;
  const char *name;
  guint64 gen = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* Never outlive the test, whatever happens to it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);

  if (argc != 2)
    {
      g_printerr ("usage: store-writer DIR\n");
      return 2;
    }

  store = om_store_new (argv[1]);
  if (!om_store_load (store, &error))
    {
      g_printerr ("load: %s\n", error->message);
      return 1;
    }
  if (om_store_get_read_only (store) || om_store_get_load_message (store) != NULL)
    {
      g_printerr ("unexpected state: %s\n", om_store_get_load_message (store));
      return 1;
    }
  om_store_set_autosave_delay (store, 0);

  doc = om_store_get_document (store);
  org = om_document_get_organisation (doc);
  inventory = om_document_get_inventory (doc);
  name = om_organisation_get_name (org);
  if (name != NULL && g_str_has_prefix (name, "gen-"))
    gen = g_ascii_strtoull (name + 4, NULL, 10);

  for (guint step = 0; g_get_monotonic_time () < deadline; step++)
    {
      g_autoptr(OmDevice) device = om_device_new ();
      g_autofree char *org_name = NULL;
      g_autofree char *device_name = NULL;
      OmDevice *old;

      gen++;
      org_name = g_strdup_printf ("gen-%" G_GUINT64_FORMAT, gen);
      device_name = g_strdup_printf ("d-%" G_GUINT64_FORMAT, gen);
      om_organisation_set_name (org, org_name);
      om_device_set_name (device, device_name);
      om_device_set_notes (device, "written by store-writer; every save must be whole");
      om_inventory_add (inventory, device);
      if (gen > WINDOW)
        {
          g_autofree char *old_name = g_strdup_printf ("d-%" G_GUINT64_FORMAT, gen - WINDOW);

          old = find_by_name (inventory, old_name);
          if (old != NULL)
            om_inventory_remove (inventory, old);
        }

      if (step % 2 == 0)
        {
          if (!om_store_flush (store, &error))
            {
              g_printerr ("flush: %s\n", error->message);
              return 3;
            }
        }
      else
        {
          while (om_store_get_dirty (store) && om_store_get_save_error (store) == NULL)
            g_main_context_iteration (NULL, TRUE);
          if (om_store_get_save_error (store) != NULL)
            {
              g_printerr ("autosave: %s\n", om_store_get_save_error (store)->message);
              return 3;
            }
        }

      printf ("ACK %" G_GUINT64_FORMAT "\n", gen);
      fflush (stdout);
    }

  return 0;
}

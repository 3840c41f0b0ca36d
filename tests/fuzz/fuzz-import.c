/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the whole CSV import: plan against a small inventory,
 * apply, then check that exporting the result and planning that export against
 * the same inventory finds nothing to do (export → import is lossless).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "om-import-plan.h"
#include "om-inventory-io.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static OmInventory *
make_inventory (void)
{
  OmInventory *inventory = om_inventory_new ();
  g_autoptr(OmDevice) nas = om_device_new_with_id ("6f1c0e3e-0a3b-4d51-9c43-1f5e0b7d2a10");
  g_autoptr(OmDevice) pc = om_device_new ();
  const char *macs[] = { "00:11:32:aa:bb:cc", NULL };
  const char *ipv4[] = { "192.168.1.20", NULL };

  om_device_set_name (nas, "NAS-01");
  om_device_offer_strv (nas, OM_DEVICE_FIELD_MACS, macs, OM_ORIGIN_DISCOVERED, "arp");
  om_device_set_location (pc, "1F");
  om_device_offer_strv (pc, OM_DEVICE_FIELD_IPV4, ipv4, OM_ORIGIN_DISCOVERED, "arp");
  om_inventory_add (inventory, nas);
  om_inventory_add (inventory, pc);
  return inventory;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OmInventory) inventory = make_inventory ();
  g_autoptr(OmImportPlan) plan = NULL;
  g_autoptr(OmImportPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *summary = NULL;
  const char *bytes;
  gsize length;

  plan = om_import_plan_new_for_data (inventory, (const char *) data, size, "fuzz.csv", &error);
  if (plan == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  summary = om_import_plan_dup_summary (plan);
  g_assert (g_utf8_validate (summary, -1, NULL));
  for (guint i = 0; i < om_import_plan_get_n_rejections (plan); i++)
    {
      const OmImportRejection *r = om_import_plan_get_rejection (plan, i);

      g_assert (r->line >= 2);
      g_assert (g_utf8_validate (r->reason, -1, NULL));
      /* Cells quoted in reasons never carry terminal escapes. */
      g_assert (strchr (r->reason, '\x1b') == NULL);
    }
  for (guint i = 0; i < om_import_plan_get_n_changes (plan); i++)
    {
      const OmImportChange *c = om_import_plan_get_change (plan, i);

      g_assert (g_strcmp0 (c->old_value, c->new_value) != 0);
    }

  g_assert (om_import_plan_apply (plan, inventory, NULL, &error));

  exported = om_inventory_export (inventory, OM_EXPORT_FORMAT_CSV);
  bytes = g_bytes_get_data (exported, &length);
  again = om_import_plan_new_for_data (inventory, bytes, length, "fuzz.csv", &error);
  g_assert (again != NULL);
  if (om_import_plan_get_n_rejections (again) > 0)
    g_error ("export re-import rejected line %u: %s",
             om_import_plan_get_rejection (again, 0)->line,
             om_import_plan_get_rejection (again, 0)->reason);
  if (om_import_plan_get_n_changes (again) > 0)
    {
      const OmImportChange *c = om_import_plan_get_change (again, 0);

      g_error ("export re-import changes %s: “%s” → “%s”",
               om_device_field_get_key (c->field), c->old_value, c->new_value);
    }
  g_assert (om_import_plan_get_n_additions (again) == 0);

  return 0;
}

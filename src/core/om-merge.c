/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-merge"

#include "config.h"

#include <string.h>

#include "om-merge.h"

static void
unref0 (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* "snmp sysDescr “…”" → "snmp": the probe that gave the value. */
static char *
source_of (const OmGuess *guess)
{
  const char *e = guess->evidence ? guess->evidence : "scan";

  return g_strndup (e, strcspn (e, " "));
}

static gboolean
offer_guess (OmDevice      *device,
             OmDeviceField  field,
             const OmGuess *guess)
{
  g_autofree char *source = NULL;

  if (guess->value == NULL)
    return FALSE;
  source = source_of (guess);
  return om_device_offer_string (device, field, guess->value, OM_ORIGIN_DISCOVERED, source);
}

OmDevice *
om_merge_find_device (OmInventory   *inventory,
                      OmObservation *observation,
                      OmIdentity    *identity)
{
  const char *mac = om_observation_get_mac (observation);
  OmDevice *device;

  if (mac != NULL && (device = om_inventory_find_by_mac (inventory, mac)) != NULL)
    return device;

  for (guint i = 0; i < identity->identifiers->len; i++)
    {
      const char *ident = g_ptr_array_index (identity->identifiers, i);

      if ((device = om_inventory_find_by_identifier (inventory, ident)) != NULL)
        return device;
      if (g_str_has_prefix (ident, "hostname:")
          && (device = om_inventory_find_by_hostname (inventory, ident + strlen ("hostname:"))) != NULL)
        return device;
    }

  /* Without a MAC (a routed host) the address is the best we have; with one,
   * an address match would glue a new device onto whoever had the lease before. */
  if (mac == NULL)
    return om_inventory_find_by_address (inventory, om_observation_get_address (observation));
  return NULL;
}

static gboolean
apply (OmDevice      *device,
       OmObservation *obs,
       OmIdentity    *id)
{
  gboolean changed = FALSE;
  const char * const *addresses = om_observation_get_addresses (obs);
  const char * const *names = om_observation_get_hostnames (obs);
  GPtrArray *services = om_observation_get_services (obs);
  g_autoptr(GPtrArray) v4 = g_ptr_array_new ();
  g_autoptr(GPtrArray) v6 = g_ptr_array_new ();
  g_autofree char *kind_source = NULL;

  if (om_observation_get_mac (obs) != NULL)
    changed |= om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, om_observation_get_mac (obs),
                                      OM_ORIGIN_DISCOVERED, "arp");

  /* Addresses are the current lease: replace the discovered list, not grow it. */
  for (guint i = 0; addresses[i] != NULL; i++)
    g_ptr_array_add (strchr (addresses[i], ':') ? v6 : v4, (gpointer) addresses[i]);
  if (v4->len > 0)
    {
      g_ptr_array_add (v4, NULL);
      changed |= om_device_offer_strv (device, OM_DEVICE_FIELD_IPV4, (const char * const *) v4->pdata,
                                       OM_ORIGIN_DISCOVERED, "scan");
    }
  if (v6->len > 0)
    {
      g_ptr_array_add (v6, NULL);
      changed |= om_device_offer_strv (device, OM_DEVICE_FIELD_IPV6, (const char * const *) v6->pdata,
                                       OM_ORIGIN_DISCOVERED, "scan");
    }

  for (guint i = 0; names[i] != NULL; i++)
    changed |= om_device_add_to_list (device, OM_DEVICE_FIELD_HOSTNAMES, names[i],
                                      OM_ORIGIN_DISCOVERED, "dns");
  if (id->name.value != NULL)
    changed |= om_device_add_to_list (device, OM_DEVICE_FIELD_HOSTNAMES, id->name.value,
                                      OM_ORIGIN_DISCOVERED, "scan");
  for (guint i = 0; i < id->identifiers->len; i++)
    changed |= om_device_add_to_list (device, OM_DEVICE_FIELD_IDENTIFIERS,
                                      g_ptr_array_index (id->identifiers, i),
                                      OM_ORIGIN_DISCOVERED, "scan");

  if (id->kind != OM_DEVICE_KIND_UNKNOWN)
    {
      kind_source = g_strndup (id->kind_evidence, strcspn (id->kind_evidence, " "));
      changed |= om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, id->kind,
                                       OM_ORIGIN_DISCOVERED, kind_source);
    }
  changed |= offer_guess (device, OM_DEVICE_FIELD_VENDOR, &id->vendor);
  changed |= offer_guess (device, OM_DEVICE_FIELD_MODEL, &id->model);
  changed |= offer_guess (device, OM_DEVICE_FIELD_OS_FAMILY, &id->os_family);
  changed |= offer_guess (device, OM_DEVICE_FIELD_OS_NAME, &id->os_name);
  changed |= offer_guess (device, OM_DEVICE_FIELD_OS_VERSION, &id->os_version);
  changed |= offer_guess (device, OM_DEVICE_FIELD_OS_BUILD, &id->os_build);

  for (guint i = 0; i < services->len; i++)
    changed |= om_device_offer_service (device, g_ptr_array_index (services, i),
                                        OM_ORIGIN_DISCOVERED, "scan");
  return changed;
}

OmDevice *
om_merge_observation (OmInventory   *inventory,
                      OmObservation *observation,
                      GDateTime     *now,
                      gboolean      *out_new,
                      gboolean      *out_changed)
{
  g_autoptr(OmIdentity) id = NULL;
  OmDevice *device;
  gboolean is_new = FALSE, changed;

  g_return_val_if_fail (OM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (OM_IS_OBSERVATION (observation), NULL);

  id = om_identify (observation);
  device = om_merge_find_device (inventory, observation, id);
  if (device == NULL)
    {
      g_autoptr(OmDevice) fresh = om_device_new ();

      if (now != NULL)
        om_device_set_first_seen (fresh, now);
      /* A new device is unregistered and of unknown ownership until the admin
       * reviews it; those are the defaults of a fresh OmDevice. */
      apply (fresh, observation, id);
      om_inventory_add (inventory, fresh);
      device = fresh;
      is_new = TRUE;
      changed = TRUE;
    }
  else
    changed = apply (device, observation, id);

  if (now != NULL)
    om_device_set_last_seen (device, now);
  if (out_new)
    *out_new = is_new;
  if (out_changed)
    *out_changed = changed;
  return device;
}

OmMergeSummary *
om_merge_observations (OmInventory *inventory,
                       GPtrArray   *observations,
                       GDateTime   *now)
{
  OmMergeSummary *summary;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (OM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (observations != NULL, NULL);

  summary = g_new0 (OmMergeSummary, 1);
  summary->new_devices = g_ptr_array_new_with_free_func (g_object_unref);
  summary->changed_devices = g_ptr_array_new_with_free_func (g_object_unref);
  summary->not_seen_devices = g_ptr_array_new_with_free_func (g_object_unref);
  summary->matched = g_ptr_array_new_with_free_func (unref0);

  for (guint i = 0; i < observations->len; i++)
    {
      OmObservation *obs = g_ptr_array_index (observations, i);
      OmDevice *device;
      gboolean is_new, changed;

      if (!om_observation_get_alive (obs))
        {
          g_ptr_array_add (summary->matched, NULL);
          continue;
        }
      device = om_merge_observation (inventory, obs, now, &is_new, &changed);
      g_ptr_array_add (summary->matched, g_object_ref (device));
      if (g_hash_table_contains (seen, device))
        continue;   /* two addresses of one host: counted once */
      g_hash_table_add (seen, device);
      if (is_new)
        g_ptr_array_add (summary->new_devices, g_object_ref (device));
      else if (changed)
        g_ptr_array_add (summary->changed_devices, g_object_ref (device));
      else
        summary->n_unchanged++;
    }

  for (guint i = 0; i < om_inventory_get_n_devices (inventory); i++)
    {
      OmDevice *device = om_inventory_get_device (inventory, i);

      if (!g_hash_table_contains (seen, device))
        g_ptr_array_add (summary->not_seen_devices, g_object_ref (device));
    }
  summary->n_new = summary->new_devices->len;
  summary->n_changed = summary->changed_devices->len;
  summary->n_not_seen = summary->not_seen_devices->len;
  return summary;
}

void
om_merge_summary_free (OmMergeSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->new_devices);
  g_ptr_array_unref (summary->changed_devices);
  g_ptr_array_unref (summary->not_seen_devices);
  g_ptr_array_unref (summary->matched);
  g_free (summary);
}

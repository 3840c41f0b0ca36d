/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "om-rules.h"

/* The registry. Five rules and self-diagnosis numbers follow
 * reference/selfcheck.json: item 1 (keep OS and software updated) serves rule 1;
 * item 21 (rules for personal devices) serves rules 1, 2 and 3. */
static const OmRule rules[] = {
  {
    OM_RULE_EOL_UNSUPPORTED, OM_SEVERITY_HIGH, { 1, 0 }, { 1, 0 },
    N_("Unsupported operating system"),
    N_("“%s” runs an operating system that no longer gets security updates."),
    N_("Update it to a supported version or replace the device. Until then keep it off the "
       "internet and away from important data."),
  },
  {
    OM_RULE_EOL_ENDING_SOON, OM_SEVERITY_MEDIUM, { 1, 0 }, { 1, 0 },
    N_("Operating system support ends soon"),
    N_("Support for the operating system of “%s” ends within 180 days."),
    N_("Plan the update or the replacement now, before security updates stop."),
  },
  {
    OM_RULE_EOL_OS_UNKNOWN, OM_SEVERITY_LOW, { 1, 0 }, { 1, 0 },
    N_("Operating system not known"),
    N_("Omamori cannot tell whether “%s” still gets security updates."),
    N_("Record its operating system and version in the device editor (on Windows, run “winver”)."),
  },
  {
    OM_RULE_DEVICE_PERSONAL, OM_SEVERITY_MEDIUM, { 1, 2, 3, 0 }, { 21, 0 },
    N_("Personal device on the office network"),
    N_("“%s” is a personal device that has not been allowed for work."),
    N_("Decide under your rules for personal devices: allow it (and register it), keep it on the "
       "guest network only, or ask its owner to take it off the office network."),
  },
  {
    OM_RULE_DEVICE_UNREGISTERED, OM_SEVERITY_MEDIUM, { 1, 2, 3, 0 }, { 21, 0 },
    N_("Device not registered"),
    N_("“%s” is on the office network but is not registered in the inventory."),
    N_("Find out whose device it is and what it does; then register it as a company device, allow "
       "it as a personal device, or remove it from the network."),
  },
};

const OmRule *
om_rules_get_all (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const OmRule *
om_rules_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].id, id) == 0)
      return &rules[i];
  return NULL;
}

const char *
om_rule_get_title (const OmRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return _(rule->title);
}

const char *
om_rule_get_what_to_do (const OmRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return _(rule->what_to_do);
}

static gboolean
is_device_rule (const char *rule_id)
{
  return om_rules_lookup (rule_id) != NULL;
}

static gboolean
is_eol_rule (const char *rule_id)
{
  return g_str_has_prefix (rule_id, "eol.");
}

/* Kinds whose operating system decides whether they are patched. Printers,
 * cameras and routers run firmware the EOL database does not cover. */
static gboolean
kind_has_os (OmDeviceKind kind)
{
  switch (kind)
    {
    case OM_DEVICE_KIND_PC:
    case OM_DEVICE_KIND_LAPTOP:
    case OM_DEVICE_KIND_SERVER:
    case OM_DEVICE_KIND_NAS:
    case OM_DEVICE_KIND_PHONE:
    case OM_DEVICE_KIND_TABLET:
      return TRUE;
    case OM_DEVICE_KIND_UNKNOWN:
    case OM_DEVICE_KIND_PRINTER:
    case OM_DEVICE_KIND_MFP:
    case OM_DEVICE_KIND_ROUTER:
    case OM_DEVICE_KIND_ACCESS_POINT:
    case OM_DEVICE_KIND_CAMERA:
    case OM_DEVICE_KIND_OTHER:
    case OM_N_DEVICE_KINDS:
    default:
      return FALSE;
    }
}

/* Adds the finding of @rule about @device, or refreshes the one already there
 * (a resolved one is reopened; an accepted risk stays accepted), and remembers
 * that it is true now. */
/* What one evaluation computes once and reuses for every device. */
typedef struct
{
  GHashTable *still_true;
  GHashTable *verdicts;                 /* OS key -> Verdict */
  char      **detail_halves[G_N_ELEMENTS (rules)];  /* translated detail split at "%s" */
  GDateTime  *now;
} Evaluation;

static void
report (OmFindingList *findings, Evaluation *ev, const OmRule *rule, OmDevice *device,
        const char *display_name, const char *extra, const char *evidence)
{
  OmFinding *finding = om_finding_list_lookup (findings, rule->id, om_device_get_id (device));
  g_autoptr(OmFinding) created = NULL;
  guint index = (guint) (rule - rules);
  char **halves;
  g_autoptr(GString) detail = NULL;

  if (ev->detail_halves[index] == NULL)
    ev->detail_halves[index] = g_strsplit (_(rule->detail), "%s", 2);
  halves = ev->detail_halves[index];
  detail = g_string_sized_new (512);
  g_string_append (detail, halves[0]);

  /* The name goes in as data, never as a format (it may contain “%”). */
  if (halves[0] != NULL && halves[1] != NULL)
    {
      g_string_append (detail, display_name);
      g_string_append (detail, halves[1]);
    }

  if (extra != NULL && *extra != '\0')
    {
      g_string_append_c (detail, ' ');
      g_string_append (detail, extra);
    }
  g_string_append_c (detail, ' ');
  g_string_append (detail, _(rule->what_to_do));

  if (finding == NULL)
    {
      created = om_finding_new (rule->id, om_device_get_id (device));
      finding = created;
      om_finding_set_first_seen (finding, ev->now);
    }

  g_object_freeze_notify (G_OBJECT (finding));
  om_finding_set_severity (finding, rule->severity);
  om_finding_set_subject_name (finding, display_name);
  om_finding_set_title (finding, _(rule->title));
  om_finding_set_detail (finding, detail->str);
  om_finding_set_evidence (finding, evidence);
  om_finding_set_five_rules (finding, rule->five_rules);
  om_finding_set_selfcheck (finding, rule->selfcheck);
  om_finding_set_last_seen (finding, ev->now);
  if (om_finding_get_state (finding) == OM_FINDING_STATE_RESOLVED)
    om_finding_set_state (finding, OM_FINDING_STATE_OPEN);
  g_object_thaw_notify (G_OBJECT (finding));

  if (created != NULL)
    om_finding_list_upsert (findings, created);
  g_hash_table_add (ev->still_true, finding);
}

static char *
eol_evidence (OmDevice *device, OmEolJudgement *judgement, const char *snapshot)
{
  g_autofree char *os = om_device_dup_os_display (device);
  g_autofree char *eol = om_eol_judgement_dup_eol_string (judgement);
  const char *source = om_eol_judgement_get_source (judgement);
  const char *label = om_eol_judgement_get_label (judgement);

  if (os == NULL || *os == '\0')
    return g_strdup (_("Operating system: not recorded."));
  if (eol != NULL)
    /* Translators: what was recorded, the matched OS, the end date, the source, the database date */
    return g_strdup_printf (_("Operating system: %s (%s). End of support: %s. Source: %s, database of %s."),
                            os, label != NULL ? label : "?", eol, source != NULL ? source : "?", snapshot);
  if (label != NULL)
    return g_strdup_printf (_("Operating system: %s (%s). Database of %s."), os, label, snapshot);
  return g_strdup_printf (_("Operating system: %s. Database of %s."), os, snapshot);
}

static char *
device_evidence (OmDevice *device)
{
  const char * const *macs = om_device_get_macs (device);
  const char * const *ipv4 = om_device_get_ipv4 (device);
  const char *vendor = om_device_get_vendor (device);
  g_autoptr(GString) out = g_string_new (NULL);

  /* Translators: ownership label, e.g. “Personal” */
  g_string_append_printf (out, _("Ownership: %s. Registered: no."),
                          om_ownership_to_label (om_device_get_ownership (device)));
  /* Translators: the parts of this evidence follow one another; the leading space
   * separates them (languages without spaces between sentences may drop it). */
  if (ipv4 != NULL && ipv4[0] != NULL)
    g_string_append_printf (out, _(" Address: %s"), ipv4[0]);
  if (macs != NULL && macs[0] != NULL)
    g_string_append_printf (out, _(" MAC: %s"), macs[0]);
  if (vendor != NULL && *vendor != '\0')
    g_string_append_printf (out, _(" Vendor: %s"), vendor);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A judgement and the evidence text that goes with it. */
typedef struct
{
  OmEolJudgement *judgement;
  char           *evidence;   /* NULL until a finding needs it */
} Verdict;

static void
verdict_free (gpointer data)
{
  Verdict *verdict = data;

  om_eol_judgement_unref (verdict->judgement);
  g_free (verdict->evidence);
  g_free (verdict);
}

/* Offices have many devices with the same OS: judge each distinct set of OS fields
 * once per evaluation. The judgement's reason does not name the device, and the
 * evidence depends only on the OS fields (its "os display" is made of them), so
 * both are shared by every device with the same key. */
static Verdict *
judge_cached (OmEolDatabase *db, OmDevice *device, const GDate *today, GHashTable *cache)
{
  g_autofree char *key = g_strjoin ("\x1f", om_device_kind_to_string (om_device_get_kind (device)),
                                    om_device_get_os_family (device) ?: "",
                                    om_device_get_os_name (device) ?: "",
                                    om_device_get_os_version (device) ?: "",
                                    om_device_get_os_build (device) ?: "",
                                    om_device_get_os_edition (device) ?: "", NULL);
  Verdict *verdict = g_hash_table_lookup (cache, key);

  if (verdict == NULL)
    {
      verdict = g_new0 (Verdict, 1);
      om_eol_judge_device (db, device, today, &verdict->judgement);
      g_hash_table_insert (cache, g_steal_pointer (&key), verdict);
    }
  return verdict;
}

void
om_rules_evaluate (OmFindingList *findings,
                   OmInventory   *inventory,
                   OmEolDatabase *db,
                   const GDate   *today)
{
  g_autoptr(GHashTable) still_true = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          verdict_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) to_resolve = g_ptr_array_new ();
  g_autofree char *snapshot = NULL;
  Evaluation ev = { still_true, verdicts, { NULL }, now };
  guint n;

  g_return_if_fail (OM_IS_FINDING_LIST (findings));
  g_return_if_fail (OM_IS_INVENTORY (inventory));
  g_return_if_fail (db == NULL || OM_IS_EOL_DATABASE (db));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (db != NULL)
    snapshot = om_eol_database_dup_snapshot_string (db);

  n = om_inventory_get_n_devices (inventory);
  for (guint i = 0; i < n; i++)
    {
      OmDevice *device = om_inventory_get_device (inventory, i);
      g_autofree char *name = om_device_dup_display_name (device);
      OmOwnership ownership = om_device_get_ownership (device);

      if (name == NULL || *name == '\0')
        {
          g_free (name);
          name = g_strdup (_("Unnamed device"));
        }

      if (db != NULL)
        {
          Verdict *verdict = judge_cached (db, device, today, verdicts);
          OmEolJudgement *judgement = verdict->judgement;
          OmEolStatus status = om_eol_judgement_get_status (judgement);
          const OmRule *rule = NULL;

          if (status == OM_EOL_STATUS_UNSUPPORTED)
            rule = om_rules_lookup (OM_RULE_EOL_UNSUPPORTED);
          else if (status == OM_EOL_STATUS_ENDING_SOON)
            rule = om_rules_lookup (OM_RULE_EOL_ENDING_SOON);
          else if (status == OM_EOL_STATUS_UNKNOWN && kind_has_os (om_device_get_kind (device)))
            rule = om_rules_lookup (OM_RULE_EOL_OS_UNKNOWN);

          if (rule != NULL)
            {
              if (verdict->evidence == NULL)
                verdict->evidence = eol_evidence (device, judgement, snapshot);
              report (findings, &ev, rule, device, name, om_eol_judgement_get_reason (judgement),
                      verdict->evidence);
            }
        }

      if (!om_device_get_registered (device))
        {
          const OmRule *rule = om_rules_lookup (ownership == OM_OWNERSHIP_PERSONAL
                                                ? OM_RULE_DEVICE_PERSONAL
                                                : OM_RULE_DEVICE_UNREGISTERED);
          g_autofree char *evidence = device_evidence (device);

          report (findings, &ev, rule, device, name, NULL, evidence);
        }
    }

  /* Whatever this evaluation covers but did not find again is fixed. */
  for (guint i = 0; i < om_finding_list_get_n_findings (findings); i++)
    {
      OmFinding *f = om_finding_list_get_finding (findings, i);
      const char *rule_id = om_finding_get_rule_id (f);

      if (!is_device_rule (rule_id) || g_hash_table_contains (still_true, f))
        continue;
      if (db == NULL && is_eol_rule (rule_id))
        continue;
      if (om_finding_get_state (f) != OM_FINDING_STATE_RESOLVED)
        g_ptr_array_add (to_resolve, f);
    }
  for (guint i = 0; i < to_resolve->len; i++)
    om_finding_set_state (to_resolve->pdata[i], OM_FINDING_STATE_RESOLVED);

  for (guint i = 0; i < G_N_ELEMENTS (ev.detail_halves); i++)
    g_strfreev (ev.detail_halves[i]);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-wifi-finding"

#include "config.h"

#include <glib/gi18n.h>

#include "om-wifi-finding.h"

#define MAX_REFS 8

struct _OmWifiFinding
{
  GObject     parent_instance;

  char       *rule;
  OmSeverity  severity;
  char       *ssid;
  char       *subject;
  char       *title;
  char       *advice;
  guint       selfcheck[MAX_REFS + 1];
  guint       five_rules[MAX_REFS + 1];
};

G_DEFINE_FINAL_TYPE (OmWifiFinding, om_wifi_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_SEVERITY,
  PROP_SEVERITY_LABEL,
  PROP_SSID,
  PROP_TITLE,
  PROP_ADVICE,
  PROP_REFS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
copy_refs (guint       *dest,
           const guint *src)
{
  for (guint i = 0; src != NULL && src[i] != 0 && i < MAX_REFS; i++)
    dest[i] = src[i];
}

static void
om_wifi_finding_finalize (GObject *object)
{
  OmWifiFinding *self = (OmWifiFinding *) object;

  g_free (self->rule);
  g_free (self->ssid);
  g_free (self->subject);
  g_free (self->title);
  g_free (self->advice);

  G_OBJECT_CLASS (om_wifi_finding_parent_class)->finalize (object);
}

static void
om_wifi_finding_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OmWifiFinding *self = OM_WIFI_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE: g_value_set_string (value, self->rule); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_SEVERITY_LABEL: g_value_set_string (value, om_severity_to_label (self->severity)); break;
    case PROP_SSID: g_value_set_string (value, self->ssid); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_ADVICE: g_value_set_string (value, self->advice); break;
    case PROP_REFS_LABEL: g_value_take_string (value, om_wifi_finding_dup_refs_label (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_wifi_finding_class_init (OmWifiFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_wifi_finding_finalize;
  object_class->get_property = om_wifi_finding_get_property;

  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, ro);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, OM_TYPE_SEVERITY,
                                                 OM_SEVERITY_INFO, ro);
  properties[PROP_SEVERITY_LABEL] = g_param_spec_string ("severity-label", NULL, NULL, NULL, ro);
  properties[PROP_SSID] = g_param_spec_string ("ssid", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_ADVICE] = g_param_spec_string ("advice", NULL, NULL, NULL, ro);
  properties[PROP_REFS_LABEL] = g_param_spec_string ("refs-label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_wifi_finding_init (OmWifiFinding *self)
{
}

OmWifiFinding *
om_wifi_finding_new (const char  *rule,
                     OmSeverity   severity,
                     const char  *ssid,
                     const char  *subject,
                     const char  *title,
                     const char  *advice,
                     const guint *selfcheck,
                     const guint *five_rules)
{
  OmWifiFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (severity < OM_N_SEVERITIES, NULL);

  self = g_object_new (OM_TYPE_WIFI_FINDING, NULL);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->ssid = g_strdup (ssid != NULL ? ssid : "");
  self->subject = g_strdup (subject != NULL ? subject : "");
  self->title = g_strdup (title != NULL ? title : "");
  self->advice = g_strdup (advice != NULL ? advice : "");
  copy_refs (self->selfcheck, selfcheck);
  copy_refs (self->five_rules, five_rules);
  return self;
}

const char *
om_wifi_finding_get_rule (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->rule;
}

OmSeverity
om_wifi_finding_get_severity (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), OM_SEVERITY_INFO);
  return self->severity;
}

const char *
om_wifi_finding_get_ssid (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->ssid;
}

const char *
om_wifi_finding_get_subject (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->subject;
}

const char *
om_wifi_finding_get_title (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->title;
}

const char *
om_wifi_finding_get_advice (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->advice;
}

const guint *
om_wifi_finding_get_selfcheck (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->selfcheck;
}

const guint *
om_wifi_finding_get_five_rules (OmWifiFinding *self)
{
  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);
  return self->five_rules;
}

static void
append_numbers (GString     *out,
                const guint *numbers)
{
  for (guint i = 0; numbers[i] != 0; i++)
    g_string_append_printf (out, i == 0 ? "%u" : ", %u", numbers[i]);
}

char *
om_wifi_finding_dup_refs_label (OmWifiFinding *self)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GString) rules = g_string_new (NULL);

  g_return_val_if_fail (OM_IS_WIFI_FINDING (self), NULL);

  append_numbers (items, self->selfcheck);
  append_numbers (rules, self->five_rules);

  if (items->len > 0 && rules->len > 0)
    /* Translators: %s are lists of numbers: items of IPA's 25-item self-diagnosis (自社診断),
     * then numbers of the five basic rules (情報セキュリティ5か条). */
    return g_strdup_printf (_("Self-diagnosis item %s · Five rules no. %s"), items->str, rules->str);
  if (items->len > 0)
    /* Translators: %s is a list of item numbers of IPA's 25-item self-diagnosis. */
    return g_strdup_printf (_("Self-diagnosis item %s"), items->str);
  if (rules->len > 0)
    /* Translators: %s is a list of numbers of IPA's five basic rules (情報セキュリティ5か条). */
    return g_strdup_printf (_("Five rules no. %s"), rules->str);
  return g_strdup ("");
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-finding"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-finding.h"
#include "om-json-read.h"

#define MAX_FIVE_RULES 5
#define MAX_SELFCHECK  25

struct _OmFinding
{
  GObject         parent_instance;

  char           *id;
  char           *rule_id;
  char           *subject_id;
  OmSeverity      severity;
  char           *subject_name;
  char           *title;
  char           *detail;
  char           *evidence;
  guint           five_rules[MAX_FIVE_RULES + 1];  /* 0-terminated */
  guint           selfcheck[MAX_SELFCHECK + 1];    /* 0-terminated */
  GDateTime      *first_seen;
  GDateTime      *last_seen;
  GDateTime      *resolved_at;
  OmFindingState  state;

  char           *json_text;   /* GRefString, dropped by every change */
};

struct _OmFindingList
{
  GObject     parent_instance;

  GPtrArray  *findings;   /* of OmFinding, owned */
  GHashTable *by_key;     /* "rule\x1fsubject" → OmFinding, borrowed */
};

static void om_finding_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (OmFinding, om_finding, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (OmFindingList, om_finding_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, om_finding_list_model_init))
G_DEFINE_QUARK (om-finding-error-quark, om_finding_error)

G_DEFINE_ENUM_TYPE (OmFindingState, om_finding_state,
  G_DEFINE_ENUM_VALUE (OM_FINDING_STATE_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (OM_FINDING_STATE_RESOLVED, "resolved"),
  G_DEFINE_ENUM_VALUE (OM_FINDING_STATE_ACCEPTED_RISK, "accepted-risk"))

enum {
  PROP_0,
  PROP_ID,
  PROP_RULE_ID,
  PROP_SUBJECT_ID,
  PROP_SEVERITY,
  PROP_SUBJECT_NAME,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_EVIDENCE,
  PROP_FIRST_SEEN,
  PROP_LAST_SEEN,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LIST_CHANGED,
  N_LIST_SIGNALS
};

static guint list_signals[N_LIST_SIGNALS];

/* ---- states ---- */

static const char * const state_ids[] = { "open", "resolved", "accepted-risk" };
G_STATIC_ASSERT (G_N_ELEMENTS (state_ids) == OM_N_FINDING_STATES);

const char *
om_finding_state_to_string (OmFindingState state)
{
  g_return_val_if_fail (state < OM_N_FINDING_STATES, "open");
  return state_ids[state];
}

gboolean
om_finding_state_from_string (const char *str, OmFindingState *out)
{
  for (guint i = 0; i < OM_N_FINDING_STATES; i++)
    if (g_strcmp0 (str, state_ids[i]) == 0)
      {
        if (out != NULL)
          *out = (OmFindingState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
om_finding_state_to_label (OmFindingState state)
{
  switch (state)
    {
    case OM_FINDING_STATE_OPEN:
      return C_("finding state", "Open");
    case OM_FINDING_STATE_RESOLVED:
      return C_("finding state", "Resolved");
    case OM_FINDING_STATE_ACCEPTED_RISK:
      return C_("finding state", "Risk accepted");
    case OM_N_FINDING_STATES:
    default:
      return "";
    }
}

/* ---- helpers ---- */

static char *
bounded_dup (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  /* Valid text no longer than the limit in bytes (so also in characters) is
   * copied as it is; the rules set four texts on each of thousands of findings. */
  {
    gsize len = strlen (text);

    if (len <= OM_FINDING_MAX_TEXT && g_utf8_validate_len (text, len, NULL))
      return g_strndup (text, len);
  }
  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) > OM_FINDING_MAX_TEXT)
    return g_strndup (valid, (gsize) (g_utf8_offset_to_pointer (valid, OM_FINDING_MAX_TEXT) - valid));
  return g_steal_pointer (&valid);
}

/* The four texts are GRefStrings; titles and evidence are interned: the rules
 * give thousands of findings a few titles and a few hundred evidence texts, so
 * 8,000 findings hold each once. (Names and details name the device, so
 * interning them would only cost hashing.) */
static gboolean
set_text_full (char **field, const char *value, gboolean intern)
{
  g_autofree char *bounded = NULL;
  const char *text = value;

  if (value != NULL)
    {
      gsize len = strlen (value);

      /* Short valid text is interned as it is (no copy to bound it first). */
      if (len > OM_FINDING_MAX_TEXT || !g_utf8_validate_len (value, len, NULL))
        text = bounded = bounded_dup (value);
    }
  if (g_strcmp0 (*field, text) == 0)
    return FALSE;
  g_clear_pointer (field, g_ref_string_release);
  if (text != NULL)
    *field = intern ? g_ref_string_new_intern (text) : g_ref_string_new (text);
  return TRUE;
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Copies a 0-terminated list into @dest keeping 1..@max, sorted and unique. */
static gboolean
set_refs (guint *dest, guint max, const guint *src)
{
  guint tmp[MAX_SELFCHECK + 1] = { 0 };
  guint n = 0;

  for (guint i = 0; src != NULL && src[i] != 0 && i < 64; i++)
    {
      gboolean dup = FALSE;

      if (src[i] > max)
        continue;
      for (guint k = 0; k < n; k++)
        dup |= tmp[k] == src[i];
      if (!dup && n < max)
        tmp[n++] = src[i];
    }
  qsort (tmp, n, sizeof (guint), compare_guint);
  tmp[n] = 0;
  if (memcmp (dest, tmp, (n + 1) * sizeof (guint)) == 0)
    return FALSE;
  memcpy (dest, tmp, (max + 1) * sizeof (guint));
  return TRUE;
}

static gboolean
set_time (GDateTime **field, GDateTime *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  return TRUE;
}

/* ---- OmFinding GObject ---- */

static void
om_finding_finalize (GObject *object)
{
  OmFinding *self = OM_FINDING (object);

  g_free (self->id);
  g_free (self->rule_id);
  g_free (self->subject_id);
  g_clear_pointer (&self->subject_name, g_ref_string_release);
  g_clear_pointer (&self->title, g_ref_string_release);
  g_clear_pointer (&self->detail, g_ref_string_release);
  g_clear_pointer (&self->evidence, g_ref_string_release);
  g_clear_pointer (&self->first_seen, g_date_time_unref);
  g_clear_pointer (&self->last_seen, g_date_time_unref);
  g_clear_pointer (&self->resolved_at, g_date_time_unref);
  g_clear_pointer (&self->json_text, g_ref_string_release);

  G_OBJECT_CLASS (om_finding_parent_class)->finalize (object);
}

static void
om_finding_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OmFinding *self = OM_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;
    case PROP_SUBJECT_ID:
      g_value_set_string (value, self->subject_id);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_SUBJECT_NAME:
      g_value_set_string (value, self->subject_name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_EVIDENCE:
      g_value_set_string (value, self->evidence);
      break;
    case PROP_FIRST_SEEN:
      g_value_set_boxed (value, self->first_seen);
      break;
    case PROP_LAST_SEEN:
      g_value_set_boxed (value, self->last_seen);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_finding_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  OmFinding *self = OM_FINDING (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      om_finding_set_severity (self, g_value_get_enum (value));
      break;
    case PROP_SUBJECT_NAME:
      om_finding_set_subject_name (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      om_finding_set_title (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      om_finding_set_detail (self, g_value_get_string (value));
      break;
    case PROP_EVIDENCE:
      om_finding_set_evidence (self, g_value_get_string (value));
      break;
    case PROP_FIRST_SEEN:
      om_finding_set_first_seen (self, g_value_get_boxed (value));
      break;
    case PROP_LAST_SEEN:
      om_finding_set_last_seen (self, g_value_get_boxed (value));
      break;
    case PROP_STATE:
      om_finding_set_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_finding_class_init (OmFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_finding_finalize;
  object_class->get_property = om_finding_get_property;
  object_class->set_property = om_finding_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, ro);
  properties[PROP_SUBJECT_ID] = g_param_spec_string ("subject-id", NULL, NULL, NULL, ro);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, OM_TYPE_SEVERITY,
                                                 OM_SEVERITY_INFO, rw);
  properties[PROP_SUBJECT_NAME] = g_param_spec_string ("subject-name", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, rw);
  properties[PROP_EVIDENCE] = g_param_spec_string ("evidence", NULL, NULL, NULL, rw);
  properties[PROP_FIRST_SEEN] = g_param_spec_boxed ("first-seen", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_LAST_SEEN] = g_param_spec_boxed ("last-seen", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, OM_TYPE_FINDING_STATE,
                                              OM_FINDING_STATE_OPEN, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_finding_init (OmFinding *self)
{
  self->state = OM_FINDING_STATE_OPEN;
  self->severity = OM_SEVERITY_INFO;
}

/* ---- OmFinding public ---- */

static OmFinding *
finding_new_with_id (const char *id, const char *rule_id, const char *subject_id)
{
  OmFinding *self = g_object_new (OM_TYPE_FINDING, NULL);

  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->rule_id = bounded_dup (rule_id);
  self->subject_id = bounded_dup (subject_id != NULL ? subject_id : "");
  return self;
}

OmFinding *
om_finding_new (const char *rule_id, const char *subject_id)
{
  OmFinding *self;

  g_return_val_if_fail (rule_id != NULL && *rule_id != '\0', NULL);

  self = finding_new_with_id (NULL, rule_id, subject_id);
  self->first_seen = g_date_time_new_now_utc ();
  self->last_seen = g_date_time_ref (self->first_seen);
  return self;
}

#define GETTER(type, name, field, fallback)                  \
  type                                                       \
  om_finding_get_##name (OmFinding *self)                    \
  {                                                          \
    g_return_val_if_fail (OM_IS_FINDING (self), fallback);   \
    return self->field;                                      \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, rule_id, rule_id, NULL)
GETTER (const char *, subject_id, subject_id, NULL)
GETTER (OmSeverity, severity, severity, OM_SEVERITY_INFO)
GETTER (const char *, subject_name, subject_name, NULL)
GETTER (const char *, title, title, NULL)
GETTER (const char *, detail, detail, NULL)
GETTER (const char *, evidence, evidence, NULL)
GETTER (const guint *, five_rules, five_rules, NULL)
GETTER (const guint *, selfcheck, selfcheck, NULL)
GETTER (GDateTime *, first_seen, first_seen, NULL)
GETTER (GDateTime *, last_seen, last_seen, NULL)
GETTER (GDateTime *, resolved_at, resolved_at, NULL)
GETTER (OmFindingState, state, state, OM_FINDING_STATE_OPEN)

#undef GETTER

gboolean
om_finding_is_open (OmFinding *self)
{
  g_return_val_if_fail (OM_IS_FINDING (self), FALSE);
  return self->state == OM_FINDING_STATE_OPEN;
}

char *
om_finding_dup_refs_label (OmFinding *self)
{
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autoptr(GString) items = g_string_new (NULL);

  g_return_val_if_fail (OM_IS_FINDING (self), NULL);

  for (guint i = 0; self->five_rules[i] != 0; i++)
    g_string_append_printf (rules, "%s%u", i > 0 ? ", " : "", self->five_rules[i]);
  for (guint i = 0; self->selfcheck[i] != 0; i++)
    g_string_append_printf (items, "%s%u", i > 0 ? ", " : "", self->selfcheck[i]);

  if (rules->len > 0 && items->len > 0)
    /* Translators: numbers of the five rules, then of the 25 self-diagnosis items */
    return g_strdup_printf (_("Five rules %s · Self-diagnosis %s"), rules->str, items->str);
  if (rules->len > 0)
    return g_strdup_printf (_("Five rules %s"), rules->str);
  if (items->len > 0)
    return g_strdup_printf (_("Self-diagnosis %s"), items->str);
  return g_strdup ("");
}

/* Every setter reports a change here: the cached JSON text goes, then the
 * property is notified. (Not a notify vfunc: overriding it would make GObject
 * emit ::notify even when nobody listens, for every finding the rules touch.) */
static void
finding_changed (OmFinding  *self,
                 GParamSpec *pspec)
{
  g_clear_pointer (&self->json_text, g_ref_string_release);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
om_finding_set_severity (OmFinding *self, OmSeverity severity)
{
  g_return_if_fail (OM_IS_FINDING (self));
  g_return_if_fail (severity < OM_N_SEVERITIES);

  if (self->severity == severity)
    return;
  self->severity = severity;
  finding_changed (self, properties[PROP_SEVERITY]);
}

#define TEXT_SETTER(name, field, prop, intern)                                \
  void                                                                        \
  om_finding_set_##name (OmFinding *self, const char *value)                  \
  {                                                                           \
    g_return_if_fail (OM_IS_FINDING (self));                                  \
    if (set_text_full (&self->field, value, intern))                          \
      finding_changed (self, properties[prop]);                               \
  }

TEXT_SETTER (subject_name, subject_name, PROP_SUBJECT_NAME, FALSE)
TEXT_SETTER (title, title, PROP_TITLE, TRUE)
TEXT_SETTER (detail, detail, PROP_DETAIL, FALSE)
TEXT_SETTER (evidence, evidence, PROP_EVIDENCE, TRUE)

#undef TEXT_SETTER

/* References have no property of their own; views show them with the detail, so a
 * change notifies "detail" (which also reaches the list's ::changed for autosave). */
void
om_finding_set_five_rules (OmFinding *self, const guint *rules)
{
  g_return_if_fail (OM_IS_FINDING (self));
  if (set_refs (self->five_rules, MAX_FIVE_RULES, rules))
    finding_changed (self, properties[PROP_DETAIL]);
}

void
om_finding_set_selfcheck (OmFinding *self, const guint *items)
{
  g_return_if_fail (OM_IS_FINDING (self));
  if (set_refs (self->selfcheck, MAX_SELFCHECK, items))
    finding_changed (self, properties[PROP_DETAIL]);
}

void
om_finding_set_first_seen (OmFinding *self, GDateTime *when)
{
  g_return_if_fail (OM_IS_FINDING (self));
  if (set_time (&self->first_seen, when))
    finding_changed (self, properties[PROP_FIRST_SEEN]);
}

void
om_finding_set_last_seen (OmFinding *self, GDateTime *when)
{
  g_return_if_fail (OM_IS_FINDING (self));
  if (set_time (&self->last_seen, when))
    finding_changed (self, properties[PROP_LAST_SEEN]);
}

void
om_finding_set_state (OmFinding *self, OmFindingState state)
{
  g_return_if_fail (OM_IS_FINDING (self));
  g_return_if_fail (state < OM_N_FINDING_STATES);

  if (self->state == state)
    return;
  self->state = state;
  g_clear_pointer (&self->resolved_at, g_date_time_unref);
  if (state == OM_FINDING_STATE_RESOLVED)
    self->resolved_at = g_date_time_new_now_utc ();
  finding_changed (self, properties[PROP_STATE]);
}

static void
add_time (JsonBuilder *builder, const char *member, GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *iso = NULL;

  if (when == NULL)
    return;
  utc = g_date_time_to_utc (when);
  iso = g_date_time_format_iso8601 (utc);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, iso);
}

static void
add_text (JsonBuilder *builder, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_refs (JsonBuilder *builder, const char *member, const guint *refs)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; refs[i] != 0; i++)
    json_builder_add_int_value (builder, refs[i]);
  json_builder_end_array (builder);
}

void
om_finding_to_json (OmFinding *self, JsonBuilder *builder)
{
  g_return_if_fail (OM_IS_FINDING (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  add_text (builder, "id", self->id);
  add_text (builder, "rule", self->rule_id);
  add_text (builder, "severity", om_severity_to_string (self->severity));
  add_text (builder, "subject", self->subject_id);
  add_text (builder, "subject_name", self->subject_name);
  add_text (builder, "title", self->title);
  add_text (builder, "detail", self->detail);
  add_text (builder, "evidence", self->evidence);
  add_refs (builder, "five_rules", self->five_rules);
  add_refs (builder, "selfcheck", self->selfcheck);
  add_time (builder, "first_seen", self->first_seen);
  add_time (builder, "last_seen", self->last_seen);
  add_text (builder, "state", om_finding_state_to_string (self->state));
  add_time (builder, "resolved_at", self->resolved_at);
  json_builder_end_object (builder);
}

/* ---- the same as text, without building nodes (the autosave path) ---- */

static void
write_member (GString *out, const char *member)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  /* Our own plain ASCII member names: nothing to escape. */
  g_string_append_c (out, '"');
  om_json_append_raw (out, member, strlen (member));
  om_json_append_raw (out, "\":", 2);
}

static void
write_text (GString *out, const char *member, const char *value)
{
  if (value == NULL)
    return;
  write_member (out, member);
  om_json_append_string (out, value);
}

static void
write_refs (GString *out, const char *member, const guint *refs)
{
  write_member (out, member);
  g_string_append_c (out, '[');
  for (guint i = 0; refs[i] != 0; i++)
    {
      char buf[16];
      int n = g_snprintf (buf, sizeof buf, i > 0 ? ",%u" : "%u", refs[i]);

      om_json_append_raw (out, buf, (gsize) n);
    }
  g_string_append_c (out, ']');
}

static void
write_time (GString *out, const char *member, GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return;
  write_member (out, member);
  if (g_date_time_get_utc_offset (when) == 0)
    om_json_append_iso8601 (out, when);
  else
    {
      utc = g_date_time_to_utc (when);
      om_json_append_iso8601 (out, utc);
    }
}

const char *
om_finding_get_json_text (OmFinding *self)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (OM_IS_FINDING (self), NULL);

  if (self->json_text != NULL)
    return self->json_text;

  /* Member for member what om_finding_to_json() builds. */
  out = g_string_sized_new (1024);
  g_string_append_c (out, '{');
  write_text (out, "id", self->id);
  write_text (out, "rule", self->rule_id);
  write_text (out, "severity", om_severity_to_string (self->severity));
  write_text (out, "subject", self->subject_id);
  write_text (out, "subject_name", self->subject_name);
  write_text (out, "title", self->title);
  write_text (out, "detail", self->detail);
  write_text (out, "evidence", self->evidence);
  write_refs (out, "five_rules", self->five_rules);
  write_refs (out, "selfcheck", self->selfcheck);
  write_time (out, "first_seen", self->first_seen);
  write_time (out, "last_seen", self->last_seen);
  write_text (out, "state", om_finding_state_to_string (self->state));
  write_time (out, "resolved_at", self->resolved_at);
  g_string_append_c (out, '}');
  self->json_text = g_ref_string_new_len (out->str, (gssize) out->len);
  return self->json_text;
}

static gboolean
invalid (GError **error, const char *member)
{
  g_set_error (error, OM_FINDING_ERROR, OM_FINDING_ERROR_INVALID,
               /* Translators: %s is a JSON member name */
               _("A stored finding has an invalid “%s”."), member);
  return FALSE;
}

/* A finding's members as found (from nodes or straight from the text), checked
 * in one place so both readers accept and refuse exactly the same. */
enum {
  V_ID, V_RULE, V_SUBJECT, V_SEVERITY, V_STATE, V_SUBJECT_NAME, V_TITLE, V_DETAIL,
  V_EVIDENCE, V_FIRST_SEEN, V_LAST_SEEN, V_RESOLVED_AT, N_TEXT_VALUES,
  V_FIVE_RULES = N_TEXT_VALUES, V_SELFCHECK, N_VALUES
};

static const char * const value_names[N_VALUES] = {
  "id", "rule", "subject", "severity", "state", "subject_name", "title", "detail",
  "evidence", "first_seen", "last_seen", "resolved_at", "five_rules", "selfcheck",
};

typedef enum {
  VALUE_ABSENT,   /* missing or null */
  VALUE_OK,
  VALUE_BAD,      /* wrong type, or a reference out of range */
} ValueState;

typedef struct
{
  ValueState  state[N_VALUES];
  const char *text[N_TEXT_VALUES];
  guint       refs[2][MAX_SELFCHECK + 1];   /* 0-terminated, as found */
  /* From the text reader: */
  gsize       len[N_TEXT_VALUES];
  gboolean    valid;      /* the texts are valid UTF-8 and len is set */
  OmFinding  *like;       /* an earlier finding of the same rule, or NULL */
} FindingValues;

/* set_text() on a new finding, for texts that are mostly the same as those of
 * an earlier finding of the same rule: taking another reference to its text
 * costs a comparison, where interning costs hashing the whole text. */
static void
take_text (char **field, const FindingValues *v, guint which, const char *text, const char *like,
           gboolean intern)
{
  if (text == NULL)
    return;
  if (like != NULL && strcmp (like, text) == 0)
    *field = g_ref_string_acquire ((char *) like);
  else if (v->valid && v->len[which] <= OM_FINDING_MAX_TEXT)
    *field = intern ? g_ref_string_new_intern (text) : g_ref_string_new_len (text, (gssize) v->len[which]);
  else
    set_text_full (field, text, intern);
}

static gboolean
check_text (const FindingValues *v, guint which, gboolean required, const char **out, GError **error)
{
  *out = NULL;
  if (v->state[which] == VALUE_ABSENT)
    return required ? invalid (error, value_names[which]) : TRUE;
  if (v->state[which] == VALUE_BAD)
    return invalid (error, value_names[which]);
  *out = v->text[which];
  if (required && (*out == NULL || **out == '\0'))
    return invalid (error, value_names[which]);
  return TRUE;
}

static gboolean
check_time (const FindingValues *v, guint which, GDateTime **out, GError **error)
{
  const char *text;

  *out = NULL;
  if (!check_text (v, which, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *out = g_date_time_new_from_iso8601 (text, NULL);
  return *out != NULL ? TRUE : invalid (error, value_names[which]);
}

static gboolean
check_refs (const FindingValues *v, guint which, guint max, guint *out, GError **error)
{
  if (v->state[which] == VALUE_ABSENT)
    return TRUE;
  if (v->state[which] == VALUE_BAD)
    return invalid (error, value_names[which]);
  set_refs (out, max, v->refs[which - V_FIVE_RULES]);
  return TRUE;
}

static OmFinding *
finding_new_from_values (const FindingValues *v, GError **error)
{
  g_autoptr(OmFinding) self = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) resolved = NULL;
  const char *id, *rule, *subject, *severity, *state, *text;
  OmSeverity sev;
  OmFindingState st = OM_FINDING_STATE_OPEN;

  if (!check_text (v, V_ID, TRUE, &id, error)
      || !check_text (v, V_RULE, TRUE, &rule, error)
      || !check_text (v, V_SUBJECT, FALSE, &subject, error)
      || !check_text (v, V_SEVERITY, TRUE, &severity, error)
      || !check_text (v, V_STATE, FALSE, &state, error))
    return NULL;
  if (strlen (id) > 64 || strlen (rule) > 128)
    {
      invalid (error, strlen (id) > 64 ? "id" : "rule");
      return NULL;
    }
  if (!om_severity_from_string (severity, &sev))
    {
      invalid (error, "severity");
      return NULL;
    }
  if (state != NULL && !om_finding_state_from_string (state, &st))
    {
      invalid (error, "state");
      return NULL;
    }

  self = finding_new_with_id (id, rule, subject);
  self->severity = sev;
  self->state = st;

  if (!check_text (v, V_SUBJECT_NAME, FALSE, &text, error))
    return NULL;
  take_text (&self->subject_name, v, V_SUBJECT_NAME, text, NULL, FALSE);
  if (!check_text (v, V_TITLE, FALSE, &text, error))
    return NULL;
  take_text (&self->title, v, V_TITLE, text, v->like != NULL ? v->like->title : NULL, TRUE);
  if (!check_text (v, V_DETAIL, FALSE, &text, error))
    return NULL;
  take_text (&self->detail, v, V_DETAIL, text, NULL, FALSE);
  if (!check_text (v, V_EVIDENCE, FALSE, &text, error))
    return NULL;
  take_text (&self->evidence, v, V_EVIDENCE, text, v->like != NULL ? v->like->evidence : NULL, TRUE);

  if (!check_refs (v, V_FIVE_RULES, MAX_FIVE_RULES, self->five_rules, error)
      || !check_refs (v, V_SELFCHECK, MAX_SELFCHECK, self->selfcheck, error)
      || !check_time (v, V_FIRST_SEEN, &first, error)
      || !check_time (v, V_LAST_SEEN, &last, error)
      || !check_time (v, V_RESOLVED_AT, &resolved, error))
    return NULL;
  self->first_seen = g_steal_pointer (&first);
  self->last_seen = g_steal_pointer (&last);
  if (st == OM_FINDING_STATE_RESOLVED)
    self->resolved_at = g_steal_pointer (&resolved);

  return g_steal_pointer (&self);
}

OmFinding *
om_finding_new_from_json (JsonObject *object, GError **error)
{
  FindingValues v = { { 0 } };

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < N_VALUES; i++)
    {
      JsonNode *node = json_object_get_member (object, value_names[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        v.state[i] = VALUE_ABSENT;
      else if (i < N_TEXT_VALUES)
        {
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              v.state[i] = VALUE_OK;
              v.text[i] = json_node_get_string (node);
            }
          else
            v.state[i] = VALUE_BAD;
        }
      else
        {
          guint max = i == V_FIVE_RULES ? MAX_FIVE_RULES : MAX_SELFCHECK;
          JsonArray *array;
          guint n;

          v.state[i] = VALUE_BAD;
          if (!JSON_NODE_HOLDS_ARRAY (node))
            continue;
          array = json_node_get_array (node);
          n = json_array_get_length (array);
          if (n > max)
            continue;
          for (guint k = 0; k < n; k++)
            {
              JsonNode *e = json_array_get_element (array, k);
              gint64 value;

              if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64)
                goto bad;
              value = json_node_get_int (e);
              if (value < 1 || value > max)
                goto bad;
              v.refs[i - V_FIVE_RULES][k] = (guint) value;
            }
          v.state[i] = VALUE_OK;
        bad:
          ;
        }
    }
  return finding_new_from_values (&v, error);
}

/* Reused buffers for reading findings from the text. */
typedef struct
{
  GString    *name;
  GString    *text[N_TEXT_VALUES];
  GHashTable *last_of_rule;   /* rule id -> the last finding read of it (borrowed) */
} ReadBuffers;

static void
read_buffers_clear (ReadBuffers *b)
{
  g_string_free (b->name, TRUE);
  for (guint i = 0; i < N_TEXT_VALUES; i++)
    g_string_free (b->text[i], TRUE);
  g_hash_table_unref (b->last_of_rule);
}

static guint
value_index (const GString *name)
{
  static gsize lengths[N_VALUES];

  if (lengths[0] == 0)
    for (guint i = 0; i < N_VALUES; i++)
      lengths[i] = strlen (value_names[i]);
  for (guint i = 0; i < N_VALUES; i++)
    if (lengths[i] == name->len && memcmp (name->str, value_names[i], name->len) == 0)
      return i;
  return N_VALUES;
}

static gboolean
read_refs_value (OmJsonReader *reader, FindingValues *v, guint which)
{
  guint max = which == V_FIVE_RULES ? MAX_FIVE_RULES : MAX_SELFCHECK;
  guint *refs = v->refs[which - V_FIVE_RULES];
  gboolean ok = TRUE;
  gboolean more;
  guint n = 0;

  if (!om_json_reader_begin_array (reader))
    return FALSE;
  while (om_json_reader_next_element (reader, n, &more) && more)
    {
      gboolean is_int = FALSE;
      gint64 value = 0;
      double d;

      if (om_json_reader_peek (reader) != OM_JSON_TOKEN_NUMBER)
        {
          if (!om_json_reader_skip (reader))
            return FALSE;
          ok = FALSE;
        }
      else if (!om_json_reader_read_number (reader, &is_int, &value, &d))
        return FALSE;
      else if (!is_int || value < 1 || value > max || n >= max)
        ok = FALSE;
      else
        refs[n] = (guint) value;
      n++;
    }
  if (om_json_reader_failed (reader))
    return FALSE;
  refs[MIN (n, max)] = 0;
  v->state[which] = ok ? VALUE_OK : VALUE_BAD;
  return TRUE;
}

/* Reads one finding object; NULL with @error set if it is not a valid finding
 * (the reader went past it) or the reader failed. */
static OmFinding *
read_finding (OmJsonReader *reader, ReadBuffers *b, GError **error)
{
  FindingValues v = { { 0 } };
  OmFinding *finding;
  gboolean more;
  guint index = 0;

  if (om_json_reader_peek (reader) != OM_JSON_TOKEN_OBJECT)
    {
      if (om_json_reader_skip (reader))
        invalid (error, "findings");
      return NULL;
    }
  if (!om_json_reader_begin_object (reader))
    return NULL;
  while (om_json_reader_next_member (reader, index++, b->name, &more) && more)
    {
      OmJsonToken token = om_json_reader_peek (reader);
      guint which = value_index (b->name);

      /* Later members of the same name win, as in a JsonObject. */
      if (which < N_VALUES && token == OM_JSON_TOKEN_NULL)
        v.state[which] = VALUE_ABSENT;
      else if (which < N_TEXT_VALUES && token == OM_JSON_TOKEN_STRING)
        {
          g_string_truncate (b->text[which], 0);
          if (!om_json_reader_read_string (reader, b->text[which]))
            return NULL;
          v.state[which] = VALUE_OK;
          v.text[which] = b->text[which]->str;
          v.len[which] = b->text[which]->len;
          continue;
        }
      else if (which >= N_TEXT_VALUES && which < N_VALUES && token == OM_JSON_TOKEN_ARRAY)
        {
          if (!read_refs_value (reader, &v, which))
            return NULL;
          continue;
        }
      else if (which < N_VALUES)
        v.state[which] = VALUE_BAD;
      if (!om_json_reader_skip (reader))
        return NULL;
    }
  if (om_json_reader_failed (reader))
    return NULL;
  /* The reader only gives valid UTF-8 (it refuses \u0000 and lone surrogates). */
  v.valid = TRUE;
  if (v.state[V_RULE] == VALUE_OK)
    v.like = g_hash_table_lookup (b->last_of_rule, v.text[V_RULE]);
  finding = finding_new_from_values (&v, error);
  if (finding != NULL)
    g_hash_table_replace (b->last_of_rule, finding->rule_id, finding);
  return finding;
}

GPtrArray *
om_finding_list_read_findings (OmJsonReader  *reader,
                               GError       **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  ReadBuffers b;
  GError *local_error = NULL;
  gboolean more;
  guint index = 0;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (om_json_reader_peek (reader) != OM_JSON_TOKEN_ARRAY)
    {
      if (om_json_reader_skip (reader))
        g_set_error_literal (error, OM_FINDING_ERROR, OM_FINDING_ERROR_INVALID,
                             _("The findings are not a list."));
      return NULL;
    }
  if (!om_json_reader_begin_array (reader))
    return NULL;

  b.name = g_string_sized_new (32);
  b.last_of_rule = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < N_TEXT_VALUES; i++)
    b.text[i] = g_string_sized_new (64);
  while (om_json_reader_next_element (reader, index++, &more) && more)
    {
      OmFinding *finding = read_finding (reader, &b, &local_error);

      if (finding == NULL)
        break;
      g_ptr_array_add (loaded, finding);
    }
  read_buffers_clear (&b);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (om_json_reader_failed (reader))
    return NULL;
  return g_steal_pointer (&loaded);
}

/* ---- OmFindingList ---- */

static char *
make_key (const char *rule_id, const char *subject_id)
{
  return g_strconcat (rule_id, "\x1f", subject_id != NULL ? subject_id : "", NULL);
}

static void
on_finding_notify_cb (OmFinding     *finding,
                      GParamSpec    *pspec,
                      OmFindingList *self)
{
  g_signal_emit (self, list_signals[LIST_CHANGED], 0);
}

static GType
om_finding_list_get_item_type (GListModel *model)
{
  return OM_TYPE_FINDING;
}

static guint
om_finding_list_get_n_items (GListModel *model)
{
  return OM_FINDING_LIST (model)->findings->len;
}

static gpointer
om_finding_list_get_item (GListModel *model, guint position)
{
  OmFindingList *self = OM_FINDING_LIST (model);

  if (position >= self->findings->len)
    return NULL;
  return g_object_ref (self->findings->pdata[position]);
}

static void
om_finding_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = om_finding_list_get_item_type;
  iface->get_n_items = om_finding_list_get_n_items;
  iface->get_item = om_finding_list_get_item;
}

static void
disconnect_all (OmFindingList *self)
{
  for (guint i = 0; i < self->findings->len; i++)
    g_signal_handlers_disconnect_by_func (self->findings->pdata[i], on_finding_notify_cb, self);
}

static void
om_finding_list_dispose (GObject *object)
{
  OmFindingList *self = OM_FINDING_LIST (object);

  if (self->findings != NULL)
    disconnect_all (self);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (om_finding_list_parent_class)->dispose (object);
}

static void
om_finding_list_class_init (OmFindingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_finding_list_dispose;

  /**
   * OmFindingList::changed:
   *
   * A finding was added, removed or edited.
   */
  list_signals[LIST_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_finding_list_init (OmFindingList *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

OmFindingList *
om_finding_list_new (void)
{
  return g_object_new (OM_TYPE_FINDING_LIST, NULL);
}

guint
om_finding_list_get_n_findings (OmFindingList *self)
{
  g_return_val_if_fail (OM_IS_FINDING_LIST (self), 0);
  return self->findings->len;
}

OmFinding *
om_finding_list_get_finding (OmFindingList *self, guint position)
{
  g_return_val_if_fail (OM_IS_FINDING_LIST (self), NULL);
  g_return_val_if_fail (position < self->findings->len, NULL);
  return self->findings->pdata[position];
}

OmFinding *
om_finding_list_lookup (OmFindingList *self, const char *rule_id, const char *subject_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (OM_IS_FINDING_LIST (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  key = make_key (rule_id, subject_id);
  return g_hash_table_lookup (self->by_key, key);
}

OmFinding *
om_finding_list_find_by_id (OmFindingList *self, const char *id)
{
  g_return_val_if_fail (OM_IS_FINDING_LIST (self), NULL);

  for (guint i = 0; i < self->findings->len; i++)
    if (g_strcmp0 (((OmFinding *) self->findings->pdata[i])->id, id) == 0)
      return self->findings->pdata[i];
  return NULL;
}

static void
append_finding (OmFindingList *self, OmFinding *finding)
{
  g_ptr_array_add (self->findings, g_object_ref (finding));
  g_hash_table_replace (self->by_key, make_key (finding->rule_id, finding->subject_id), finding);
  g_signal_connect (finding, "notify", G_CALLBACK (on_finding_notify_cb), self);
}

OmFinding *
om_finding_list_upsert (OmFindingList *self, OmFinding *finding)
{
  OmFinding *existing;

  g_return_val_if_fail (OM_IS_FINDING_LIST (self), NULL);
  g_return_val_if_fail (OM_IS_FINDING (finding), NULL);

  existing = om_finding_list_lookup (self, finding->rule_id, finding->subject_id);
  if (existing == NULL)
    {
      guint position = self->findings->len;

      append_finding (self, finding);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      g_signal_emit (self, list_signals[LIST_CHANGED], 0);
      return finding;
    }
  if (existing == finding)
    return existing;

  g_object_freeze_notify (G_OBJECT (existing));
  om_finding_set_severity (existing, finding->severity);
  om_finding_set_subject_name (existing, finding->subject_name);
  om_finding_set_title (existing, finding->title);
  om_finding_set_detail (existing, finding->detail);
  om_finding_set_evidence (existing, finding->evidence);
  om_finding_set_five_rules (existing, finding->five_rules);
  om_finding_set_selfcheck (existing, finding->selfcheck);
  if (finding->last_seen != NULL)
    om_finding_set_last_seen (existing, finding->last_seen);
  if (existing->state == OM_FINDING_STATE_RESOLVED)
    om_finding_set_state (existing, OM_FINDING_STATE_OPEN);
  g_object_thaw_notify (G_OBJECT (existing));
  return existing;
}

gboolean
om_finding_list_remove (OmFindingList *self, OmFinding *finding)
{
  guint position;
  g_autofree char *key = NULL;

  g_return_val_if_fail (OM_IS_FINDING_LIST (self), FALSE);
  g_return_val_if_fail (OM_IS_FINDING (finding), FALSE);

  if (!g_ptr_array_find (self->findings, finding, &position))
    return FALSE;
  key = make_key (finding->rule_id, finding->subject_id);
  if (g_hash_table_lookup (self->by_key, key) == finding)
    g_hash_table_remove (self->by_key, key);
  g_signal_handlers_disconnect_by_func (finding, on_finding_notify_cb, self);
  g_ptr_array_remove_index (self->findings, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_signal_emit (self, list_signals[LIST_CHANGED], 0);
  return TRUE;
}

void
om_finding_list_clear (OmFindingList *self)
{
  guint n;

  g_return_if_fail (OM_IS_FINDING_LIST (self));

  n = self->findings->len;
  if (n == 0)
    return;
  disconnect_all (self);
  g_hash_table_remove_all (self->by_key);
  g_ptr_array_set_size (self->findings, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  g_signal_emit (self, list_signals[LIST_CHANGED], 0);
}

void
om_finding_list_count_open_by_severity (OmFindingList *self, guint counts[OM_N_SEVERITIES])
{
  g_return_if_fail (OM_IS_FINDING_LIST (self));

  memset (counts, 0, sizeof (guint) * OM_N_SEVERITIES);
  for (guint i = 0; i < self->findings->len; i++)
    {
      OmFinding *f = self->findings->pdata[i];

      if (f->state == OM_FINDING_STATE_OPEN)
        counts[f->severity]++;
    }
}

guint
om_finding_list_count_open (OmFindingList *self, OmSeverity severity)
{
  guint counts[OM_N_SEVERITIES];

  g_return_val_if_fail (OM_IS_FINDING_LIST (self), 0);
  g_return_val_if_fail (severity < OM_N_SEVERITIES, 0);

  om_finding_list_count_open_by_severity (self, counts);
  return counts[severity];
}

guint
om_finding_list_count_open_total (OmFindingList *self)
{
  guint counts[OM_N_SEVERITIES];
  guint total = 0;

  g_return_val_if_fail (OM_IS_FINDING_LIST (self), 0);

  om_finding_list_count_open_by_severity (self, counts);
  for (guint i = 0; i < OM_N_SEVERITIES; i++)
    total += counts[i];
  return total;
}

void
om_finding_list_to_json (OmFindingList *self, JsonBuilder *builder)
{
  g_return_if_fail (OM_IS_FINDING_LIST (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    om_finding_to_json (self->findings->pdata[i], builder);
  json_builder_end_array (builder);
}

void
om_finding_list_write_json (GObject   *list,
                            GPtrArray *pieces)
{
  OmFindingList *self;

  g_return_if_fail (OM_IS_FINDING_LIST (list));
  g_return_if_fail (pieces != NULL);

  self = OM_FINDING_LIST (list);
  g_ptr_array_add (pieces, g_ref_string_new_intern ("["));
  for (guint i = 0; i < self->findings->len; i++)
    {
      if (i > 0)
        g_ptr_array_add (pieces, g_ref_string_new_intern (","));
      g_ptr_array_add (pieces,
                       g_ref_string_acquire ((char *) om_finding_get_json_text (self->findings->pdata[i])));
    }
  g_ptr_array_add (pieces, g_ref_string_new_intern ("]"));
}

void
om_finding_list_take_findings (OmFindingList *self,
                               GPtrArray     *loaded)
{
  guint old_n;

  g_return_if_fail (OM_IS_FINDING_LIST (self));
  g_return_if_fail (loaded != NULL);

  old_n = self->findings->len;
  disconnect_all (self);
  g_hash_table_remove_all (self->by_key);
  g_ptr_array_set_size (self->findings, 0);
  for (guint i = 0; i < loaded->len; i++)
    {
      OmFinding *f = loaded->pdata[i];
      g_autofree char *key = make_key (f->rule_id, f->subject_id);

      /* A duplicate (rule, subject) from a hand-edited file: keep the first. */
      if (g_hash_table_contains (self->by_key, key))
        continue;
      append_finding (self, f);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->findings->len);
  g_signal_emit (self, list_signals[LIST_CHANGED], 0);
}

gboolean
om_finding_list_load_json (OmFindingList *self, JsonArray *array, GError **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (OM_IS_FINDING_LIST (self), FALSE);
  g_return_val_if_fail (array != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Parse everything first so that an error leaves the list as it was. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      OmFinding *finding;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "findings");
      finding = om_finding_new_from_json (json_node_get_object (node), error);
      if (finding == NULL)
        return FALSE;
      g_ptr_array_add (loaded, finding);
    }

  om_finding_list_take_findings (self, loaded);
  return TRUE;
}

gboolean
om_finding_list_load_section (GObject   *list,
                              JsonNode  *node,
                              GError   **error)
{
  g_return_val_if_fail (OM_IS_FINDING_LIST (list), FALSE);

  if (node == NULL)
    {
      om_finding_list_clear (OM_FINDING_LIST (list));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, OM_FINDING_ERROR, OM_FINDING_ERROR_INVALID,
                           _("The findings are not a list."));
      return FALSE;
    }
  return om_finding_list_load_json (OM_FINDING_LIST (list), json_node_get_array (node), error);
}

JsonNode *
om_finding_list_save_section (GObject *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (OM_IS_FINDING_LIST (list), NULL);

  om_finding_list_to_json (OM_FINDING_LIST (list), builder);
  return json_builder_get_root (builder);
}

gpointer
om_finding_list_read_section (OmJsonReader  *reader,
                              GError       **error)
{
  return om_finding_list_read_findings (reader, error);
}

void
om_finding_list_write_content (gpointer   content,
                               GPtrArray *pieces)
{
  GPtrArray *findings = content;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean first = TRUE;

  g_return_if_fail (findings != NULL);
  g_return_if_fail (pieces != NULL);

  /* What the list would hold after om_finding_list_take_findings(). */
  g_ptr_array_add (pieces, g_ref_string_new_intern ("["));
  for (guint i = 0; i < findings->len; i++)
    {
      OmFinding *f = findings->pdata[i];

      if (!g_hash_table_add (keys, make_key (f->rule_id, f->subject_id)))
        continue;
      if (!first)
        g_ptr_array_add (pieces, g_ref_string_new_intern (","));
      first = FALSE;
      g_ptr_array_add (pieces, g_ref_string_acquire ((char *) om_finding_get_json_text (f)));
    }
  g_ptr_array_add (pieces, g_ref_string_new_intern ("]"));
}

gboolean
om_finding_list_apply_section (GObject   *list,
                               gpointer   content,
                               GError   **error)
{
  g_return_val_if_fail (OM_IS_FINDING_LIST (list), FALSE);

  om_finding_list_take_findings (OM_FINDING_LIST (list), content);
  return TRUE;
}

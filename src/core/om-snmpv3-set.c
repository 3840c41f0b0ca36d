/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-snmpv3-set"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-snmpv3-set.h"

G_DEFINE_QUARK (om-snmpv3-set-error-quark, om_snmpv3_set_error)

typedef struct {
  guint32 first;
  guint32 last;
} Target;

struct _OmSnmpv3Set
{
  GObject  parent_instance;

  char    *id;
  char    *label;
  char    *user;
  char    *auth;
  char    *priv;
  char    *level;
  char   **targets;     /* normalised text */
  GArray  *ranges;      /* Target, parallel to targets */
};

G_DEFINE_FINAL_TYPE (OmSnmpv3Set, om_snmpv3_set, G_TYPE_OBJECT)

/* What net-snmp 5.9 on Debian 12 can do (with Blumenthal AES-192/256). MD5 and
 * DES are there for old printers that know nothing else. */
static const char * const auth_names[] = { "sha", "sha224", "sha256", "sha384", "sha512", "md5", NULL };
static const char * const priv_names[] = { "aes", "aes192", "aes256", "des", NULL };
static const char * const level_names[] = { "authPriv", "authNoPriv", "noAuthNoPriv", NULL };

static const struct {
  const char *name;
  const char *display;
} display_names[] = {
  { "sha", "SHA" }, { "sha224", "SHA-224" }, { "sha256", "SHA-256" }, { "sha384", "SHA-384" },
  { "sha512", "SHA-512" }, { "md5", "MD5" },
  { "aes", "AES-128" }, { "aes192", "AES-192" }, { "aes256", "AES-256" }, { "des", "DES" },
  { "authPriv", "authPriv" }, { "authNoPriv", "authNoPriv" }, { "noAuthNoPriv", "noAuthNoPriv" },
};

const char * const *
om_snmpv3_set_auth_names (void)
{
  return auth_names;
}

const char * const *
om_snmpv3_set_priv_names (void)
{
  return priv_names;
}

const char * const *
om_snmpv3_set_level_names (void)
{
  return level_names;
}

const char *
om_snmpv3_set_display_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (display_names); i++)
    if (g_str_equal (display_names[i].name, name))
      return display_names[i].display;
  return name;
}

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  return name != NULL && g_strv_contains (list, name);
}

static void
om_snmpv3_set_finalize (GObject *object)
{
  OmSnmpv3Set *self = OM_SNMPV3_SET (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->user);
  g_free (self->auth);
  g_free (self->priv);
  g_free (self->level);
  g_strfreev (self->targets);
  g_clear_pointer (&self->ranges, g_array_unref);
  G_OBJECT_CLASS (om_snmpv3_set_parent_class)->finalize (object);
}

static void
om_snmpv3_set_class_init (OmSnmpv3SetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = om_snmpv3_set_finalize;
}

static void
om_snmpv3_set_init (OmSnmpv3Set *self)
{
  self->ranges = g_array_new (FALSE, FALSE, sizeof (Target));
}

/* Strict dotted quad: four decimal numbers 0-255, nothing else. */
static gboolean
parse_ipv4 (const char *text,
            gsize       len,
            guint32    *out)
{
  guint32 value = 0;
  guint parts = 0, digits = 0, part = 0;

  for (gsize i = 0; i <= len; i++)
    {
      char c = i < len ? text[i] : '.';

      if (c >= '0' && c <= '9')
        {
          if (++digits > 3)
            return FALSE;
          part = part * 10 + (guint) (c - '0');
        }
      else if (c == '.')
        {
          if (digits == 0 || part > 255 || parts == 4)
            return FALSE;
          value = (value << 8) | part;
          parts++;
          digits = 0;
          part = 0;
        }
      else
        return FALSE;
    }
  if (parts != 4)
    return FALSE;
  *out = value;
  return TRUE;
}

static char *
ipv4_to_string (guint32 a)
{
  return g_strdup_printf ("%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

/* One entry → a range and its normalised text. */
static gboolean
parse_target (const char  *entry,
              Target      *out,
              char       **normalised,
              GError     **error)
{
  const char *slash = strchr (entry, '/');
  const char *dash = strchr (entry, '-');
  guint32 a, b;

  if (slash != NULL && dash == NULL)
    {
      guint64 prefix;
      char *end = NULL;
      guint32 mask;

      if (!parse_ipv4 (entry, (gsize) (slash - entry), &a))
        goto invalid;
      if (slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
        goto invalid;
      prefix = g_ascii_strtoull (slash + 1, &end, 10);
      if (*end != '\0')
        goto invalid;
      if (prefix > 32)
        {
          g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                       _("The prefix length in “%s” must be 0 to 32."), entry);
          return FALSE;
        }
      mask = prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);
      out->first = a & mask;
      out->last = out->first | ~mask;
      if (prefix == 32)
        *normalised = ipv4_to_string (a);
      else
        {
          g_autofree char *net = ipv4_to_string (out->first);

          *normalised = g_strdup_printf ("%s/%u", net, (guint) prefix);
        }
      return TRUE;
    }
  if (dash != NULL && slash == NULL)
    {
      const char *tail = dash + 1;

      if (!parse_ipv4 (entry, (gsize) (dash - entry), &a))
        goto invalid;
      if (!parse_ipv4 (tail, strlen (tail), &b))
        {
          /* "10.0.0.10-20": the last octet only. */
          guint64 octet;
          char *end = NULL;

          if (*tail == '\0' || !g_ascii_isdigit (*tail) || strlen (tail) > 3)
            goto invalid;
          octet = g_ascii_strtoull (tail, &end, 10);
          if (*end != '\0' || octet > 255)
            goto invalid;
          b = (a & 0xffffff00u) | (guint32) octet;
        }
      if (b < a)
        {
          g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                       _("The range “%s” ends before it starts. Write the lower address first."), entry);
          return FALSE;
        }
      out->first = a;
      out->last = b;
      {
        g_autofree char *sa = ipv4_to_string (a);
        g_autofree char *sb = ipv4_to_string (b);

        *normalised = a == b ? g_strdup (sa) : g_strdup_printf ("%s-%s", sa, sb);
      }
      return TRUE;
    }
  if (slash == NULL && dash == NULL && parse_ipv4 (entry, strlen (entry), &a))
    {
      out->first = out->last = a;
      *normalised = ipv4_to_string (a);
      return TRUE;
    }

invalid:
  g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
               _("“%s” is not an IPv4 address, a network such as 10.0.0.0/24 or a range such as "
                 "10.0.0.10-10.0.0.20. Correct it, or leave the field empty for every address."),
               entry);
  return FALSE;
}

static gboolean
parse_targets (const char  *text,
               GArray      *ranges,
               GPtrArray   *normalised,
               GError     **error)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return TRUE;
  if (strlen (text) > 4096 || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                   _("Enter at most %d addresses, networks or ranges."), OM_SNMPV3_SET_MAX_TARGETS);
      return FALSE;
    }
  parts = g_strsplit_set (text, ", \t\r\n;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      Target t;
      char *norm = NULL;

      if (*parts[i] == '\0')
        continue;
      if (normalised->len >= OM_SNMPV3_SET_MAX_TARGETS)
        {
          g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                       _("Enter at most %d addresses, networks or ranges."), OM_SNMPV3_SET_MAX_TARGETS);
          return FALSE;
        }
      if (!parse_target (parts[i], &t, &norm, error))
        return FALSE;
      g_array_append_val (ranges, t);
      g_ptr_array_add (normalised, norm);
    }
  return TRUE;
}

gboolean
om_snmpv3_set_check_targets (const char  *applies_to,
                             GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Target));
  g_autoptr(GPtrArray) norm = g_ptr_array_new_with_free_func (g_free);

  return parse_targets (applies_to, ranges, norm, error);
}

static gboolean
text_ok (const char *text,
         gsize       max)
{
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  if (g_utf8_strlen (text, -1) > (glong) max)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

OmSnmpv3Set *
om_snmpv3_set_new (const char  *id,
                   const char  *label,
                   const char  *user,
                   const char  *auth,
                   const char  *priv,
                   const char  *level,
                   const char  *applies_to,
                   GError     **error)
{
  g_autoptr(OmSnmpv3Set) self = g_object_new (OM_TYPE_SNMPV3_SET, NULL);
  g_autoptr(GPtrArray) norm = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label_s = g_strstrip (g_strdup (label != NULL ? label : ""));

  if (!text_ok (label_s, OM_SNMPV3_SET_MAX_LABEL))
    {
      g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                   _("Give the credential set a name of 1 to %d characters, such as “NAS” or “Copier”."),
                   OM_SNMPV3_SET_MAX_LABEL);
      return NULL;
    }
  if (user == NULL || *user == '\0' || strlen (user) > OM_SNMPV3_SET_MAX_USER
      || !g_utf8_validate (user, -1, NULL))
    {
      g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                   _("The SNMPv3 user name must be 1 to %d characters long. Enter the user name configured on the device."),
                   OM_SNMPV3_SET_MAX_USER);
      return NULL;
    }
  for (const char *p = user; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ')
      {
        g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                     _("The SNMPv3 user name must not contain spaces or control characters."));
        return NULL;
      }
  if (!in_list (auth_names, auth) || !in_list (priv_names, priv) || !in_list (level_names, level))
    {
      g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                   _("Unknown SNMPv3 protocol or security level. Use sha, sha224, sha256, sha384, "
                     "sha512 or md5; aes, aes192, aes256 or des; authPriv, authNoPriv or noAuthNoPriv."));
      return NULL;
    }
  if (!parse_targets (applies_to, self->ranges, norm, error))
    return NULL;
  if (id != NULL && (strlen (id) > 64 || !text_ok (id, 64)))
    {
      g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                   _("The credential set’s id is not valid."));
      return NULL;
    }

  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->label = g_steal_pointer (&label_s);
  self->user = g_strdup (user);
  self->auth = g_strdup (auth);
  self->priv = g_strdup (priv);
  self->level = g_strdup (level);
  g_ptr_array_add (norm, NULL);
  self->targets = (char **) g_ptr_array_steal (norm, NULL);
  return g_steal_pointer (&self);
}

const char *
om_snmpv3_set_get_id (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return self->id;
}

const char *
om_snmpv3_set_get_label (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return self->label;
}

const char *
om_snmpv3_set_get_user (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return self->user;
}

const char *
om_snmpv3_set_get_auth (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return self->auth;
}

const char *
om_snmpv3_set_get_priv (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return self->priv;
}

const char *
om_snmpv3_set_get_level (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return self->level;
}

gboolean
om_snmpv3_set_needs_auth_pass (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), FALSE);
  return !g_str_equal (self->level, "noAuthNoPriv");
}

gboolean
om_snmpv3_set_needs_priv_pass (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), FALSE);
  return g_str_equal (self->level, "authPriv");
}

const char * const *
om_snmpv3_set_get_targets (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return (const char * const *) self->targets;
}

char *
om_snmpv3_set_dup_targets_text (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  return g_strjoinv (", ", self->targets);
}

gboolean
om_snmpv3_set_applies_to_all (OmSnmpv3Set *self)
{
  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), FALSE);
  return self->ranges->len == 0;
}

guint64
om_snmpv3_set_match (OmSnmpv3Set *self,
                     guint32      address)
{
  guint64 best = OM_SNMPV3_SET_NO_MATCH;

  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), OM_SNMPV3_SET_NO_MATCH);
  if (self->ranges->len == 0)
    return OM_SNMPV3_SET_MATCH_ALL;
  for (guint i = 0; i < self->ranges->len; i++)
    {
      Target *t = &g_array_index (self->ranges, Target, i);

      if (address >= t->first && address <= t->last)
        best = MIN (best, (guint64) (t->last - t->first) + 1);
    }
  return best;
}

guint64
om_snmpv3_set_match_string (OmSnmpv3Set *self,
                            const char  *address)
{
  guint32 a;

  if (address == NULL || !parse_ipv4 (address, strlen (address), &a))
    return OM_SNMPV3_SET_NO_MATCH;
  return om_snmpv3_set_match (self, a);
}

JsonNode *
om_snmpv3_set_to_json (OmSnmpv3Set *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (OM_IS_SNMPV3_SET (self), NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->id);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, self->label);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, self->user);
  json_builder_set_member_name (b, "auth");
  json_builder_add_string_value (b, self->auth);
  json_builder_set_member_name (b, "priv");
  json_builder_add_string_value (b, self->priv);
  json_builder_set_member_name (b, "level");
  json_builder_add_string_value (b, self->level);
  json_builder_set_member_name (b, "applies_to");
  json_builder_begin_array (b);
  for (guint i = 0; self->targets[i] != NULL; i++)
    json_builder_add_string_value (b, self->targets[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

OmSnmpv3Set *
om_snmpv3_set_new_from_json (JsonNode  *node,
                             GError   **error)
{
  JsonObject *o;
  JsonNode *targets;
  g_autoptr(GString) text = g_string_new (NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, OM_SNMPV3_SET_ERROR, OM_SNMPV3_SET_ERROR_INVALID,
                   _("An SNMPv3 credential set in the data file is not an object."));
      return NULL;
    }
  o = json_node_get_object (node);
  targets = json_object_get_member (o, "applies_to");
  if (targets != NULL && JSON_NODE_HOLDS_ARRAY (targets))
    {
      JsonArray *a = json_node_get_array (targets);

      for (guint i = 0; i < json_array_get_length (a) && i <= OM_SNMPV3_SET_MAX_TARGETS; i++)
        {
          JsonNode *e = json_array_get_element (a, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            g_string_append_printf (text, "%s%s", text->len ? "," : "", json_node_get_string (e));
        }
    }
  return om_snmpv3_set_new (member_string (o, "id"), member_string (o, "label"),
                            member_string (o, "user"), member_string (o, "auth"),
                            member_string (o, "priv"), member_string (o, "level"),
                            text->str, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-observation"

#include "config.h"

#include <string.h>

#include "om-observation.h"

struct _OmObservation
{
  GObject    parent_instance;

  char      *address;
  GPtrArray *addresses;   /* char*, NULL-terminated view kept in sync */
  char      *mac;
  gboolean   alive;
  char      *alive_how;
  GPtrArray *hostnames;   /* char*, NULL-terminated */
  GPtrArray *services;    /* OmService* */
  GPtrArray *facts;       /* OmFact* */
  GPtrArray *shares;      /* OmShare* */
};

G_DEFINE_FINAL_TYPE (OmObservation, om_observation, G_TYPE_OBJECT)

static void
fact_free (OmFact *fact)
{
  g_free (fact->source);
  g_free (fact->key);
  g_free (fact->value);
  g_free (fact->evidence);
  g_free (fact);
}

static void
share_free (OmShare *share)
{
  g_free (share->name);
  g_free (share);
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, NULL);
  return array;
}

static gboolean
strv_array_contains (GPtrArray  *array,
                     const char *value,
                     gboolean    caseless)
{
  for (guint i = 0; i + 1 < array->len; i++)
    {
      const char *v = g_ptr_array_index (array, i);

      if (caseless ? g_ascii_strcasecmp (v, value) == 0 : g_str_equal (v, value))
        return TRUE;
    }
  return FALSE;
}

/* Takes @value. */
static void
strv_array_add (GPtrArray *array,
                char      *value)
{
  if (array->len > OM_OBSERVATION_MAX_ITEMS)
    {
      g_free (value);
      return;
    }
  g_ptr_array_index (array, array->len - 1) = value;
  g_ptr_array_add (array, NULL);
}

static void
om_observation_finalize (GObject *object)
{
  OmObservation *self = OM_OBSERVATION (object);

  g_free (self->address);
  g_ptr_array_unref (self->addresses);
  g_free (self->mac);
  g_free (self->alive_how);
  g_ptr_array_unref (self->hostnames);
  g_ptr_array_unref (self->services);
  g_ptr_array_unref (self->facts);
  g_ptr_array_unref (self->shares);

  G_OBJECT_CLASS (om_observation_parent_class)->finalize (object);
}

static void
om_observation_class_init (OmObservationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = om_observation_finalize;
}

static void
om_observation_init (OmObservation *self)
{
  self->addresses = new_strv_array ();
  self->hostnames = new_strv_array ();
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) om_service_free);
  self->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_free);
  self->shares = g_ptr_array_new_with_free_func ((GDestroyNotify) share_free);
}

char *
om_observation_clean_string (const char *text,
                             gssize      len,
                             gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  if (len < 0)
    len = strlen (text);
  /* Cut before validating so a huge reply costs nothing. 4 bytes of slack keep
   * the last character whole; the final cut below is on a character boundary. */
  if ((gsize) len > max_bytes + 4)
    len = max_bytes + 4;

  valid = g_utf8_make_valid (text, len);
  out = g_string_sized_new (MIN ((gsize) len, max_bytes) + 1);
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if ((gsize) (out->len + (next - p)) > max_bytes)
        break;
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, next - p);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

static char *
clean (const char *text,
       gsize       max)
{
  char *s = om_observation_clean_string (text, -1, max);

  if (s != NULL && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

OmObservation *
om_observation_new (const char *address)
{
  OmObservation *self;

  g_return_val_if_fail (address != NULL, NULL);

  self = g_object_new (OM_TYPE_OBSERVATION, NULL);
  self->address = clean (address, 64);
  if (self->address == NULL)
    self->address = g_strdup ("");
  strv_array_add (self->addresses, g_strdup (self->address));
  return self;
}

const char *
om_observation_get_address (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return self->address;
}

const char * const *
om_observation_get_addresses (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return (const char * const *) self->addresses->pdata;
}

void
om_observation_add_address (OmObservation *self,
                            const char    *address)
{
  g_autoptr(GInetAddress) inet = NULL;
  char *s;

  g_return_if_fail (OM_IS_OBSERVATION (self));

  if (address == NULL || strlen (address) > 64)
    return;
  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    return;
  s = g_inet_address_to_string (inet);
  if (strv_array_contains (self->addresses, s, TRUE))
    g_free (s);
  else
    strv_array_add (self->addresses, s);
}

const char *
om_observation_get_mac (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return self->mac;
}

void
om_observation_set_mac (OmObservation *self,
                        const char    *mac)
{
  g_autofree char *norm = NULL;

  g_return_if_fail (OM_IS_OBSERVATION (self));

  if (mac == NULL || strlen (mac) > 32)
    return;
  norm = om_mac_normalize (mac);
  if (norm == NULL || g_str_equal (norm, "00:00:00:00:00:00")
      || g_str_equal (norm, "ff:ff:ff:ff:ff:ff"))
    return;
  g_free (self->mac);
  self->mac = g_steal_pointer (&norm);
}

gboolean
om_observation_get_alive (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), FALSE);
  return self->alive;
}

const char *
om_observation_get_alive_how (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return self->alive_how;
}

void
om_observation_set_alive (OmObservation *self,
                          gboolean       alive,
                          const char    *how)
{
  g_return_if_fail (OM_IS_OBSERVATION (self));

  self->alive = alive;
  if (alive && self->alive_how == NULL)
    self->alive_how = g_strdup (how);
}

const char * const *
om_observation_get_hostnames (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return (const char * const *) self->hostnames->pdata;
}

void
om_observation_add_hostname (OmObservation *self,
                             const char    *hostname)
{
  char *s;

  g_return_if_fail (OM_IS_OBSERVATION (self));

  s = clean (hostname, 255);
  if (s == NULL)
    return;
  /* "name." from DNS: keep one spelling. */
  if (g_str_has_suffix (s, ".") && strlen (s) > 1)
    s[strlen (s) - 1] = '\0';
  if (strv_array_contains (self->hostnames, s, TRUE))
    g_free (s);
  else
    strv_array_add (self->hostnames, s);
}

GPtrArray *
om_observation_get_services (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return self->services;
}

const OmService *
om_observation_find_service (OmObservation *self,
                             guint          port,
                             const char    *proto)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);

  for (guint i = 0; i < self->services->len; i++)
    {
      OmService *s = g_ptr_array_index (self->services, i);

      if (s->port == port && g_strcmp0 (s->proto, proto) == 0)
        return s;
    }
  return NULL;
}

void
om_observation_add_service (OmObservation *self,
                            guint          port,
                            const char    *proto,
                            const char    *name,
                            const char    *product)
{
  g_autofree char *cname = NULL;
  g_autofree char *cproduct = NULL;

  g_return_if_fail (OM_IS_OBSERVATION (self));
  g_return_if_fail (proto != NULL);

  cname = clean (name, 64);
  cproduct = clean (product, OM_OBSERVATION_MAX_VALUE);
  for (guint i = 0; i < self->services->len; i++)
    {
      OmService *s = g_ptr_array_index (self->services, i);

      if (s->port == port && g_str_equal (s->proto, proto))
        {
          /* A later probe names what an earlier connect only found open. */
          if (cname != NULL && (s->name == NULL || g_str_equal (s->name, "unknown")))
            {
              g_free (s->name);
              s->name = g_steal_pointer (&cname);
            }
          if (cproduct != NULL && s->product == NULL)
            s->product = g_steal_pointer (&cproduct);
          return;
        }
    }
  if (self->services->len >= OM_OBSERVATION_MAX_ITEMS)
    return;
  g_ptr_array_add (self->services,
                   om_service_new (port, proto, cname ? cname : "unknown", cproduct));
}

GPtrArray *
om_observation_get_facts (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return self->facts;
}

void
om_observation_add_fact (OmObservation *self,
                         const char    *source,
                         const char    *key,
                         const char    *value,
                         const char    *evidence)
{
  OmFact *fact;
  g_autofree char *cvalue = NULL;

  g_return_if_fail (OM_IS_OBSERVATION (self));
  g_return_if_fail (source != NULL && key != NULL);

  cvalue = clean (value, OM_OBSERVATION_MAX_VALUE);
  if (cvalue == NULL || self->facts->len >= OM_OBSERVATION_MAX_ITEMS)
    return;
  for (guint i = 0; i < self->facts->len; i++)
    {
      OmFact *f = g_ptr_array_index (self->facts, i);

      if (g_str_equal (f->key, key) && g_str_equal (f->value, cvalue))
        return;
    }
  fact = g_new0 (OmFact, 1);
  fact->source = g_strdup (source);
  fact->key = g_strdup (key);
  fact->value = g_steal_pointer (&cvalue);
  fact->evidence = om_observation_clean_string (evidence, -1, OM_OBSERVATION_MAX_EVIDENCE);
  g_ptr_array_add (self->facts, fact);
}

const char *
om_observation_get_fact (OmObservation *self,
                         const char    *key)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);

  for (guint i = 0; i < self->facts->len; i++)
    {
      OmFact *f = g_ptr_array_index (self->facts, i);

      if (g_str_equal (f->key, key))
        return f->value;
    }
  return NULL;
}

GPtrArray *
om_observation_get_shares (OmObservation *self)
{
  g_return_val_if_fail (OM_IS_OBSERVATION (self), NULL);
  return self->shares;
}

void
om_observation_add_share (OmObservation *self,
                          const char    *name,
                          gboolean       guest_list,
                          gboolean       guest_read)
{
  OmShare *share;
  g_autofree char *cname = NULL;

  g_return_if_fail (OM_IS_OBSERVATION (self));

  cname = clean (name, 128);
  if (cname == NULL || self->shares->len >= OM_OBSERVATION_MAX_ITEMS)
    return;
  for (guint i = 0; i < self->shares->len; i++)
    {
      OmShare *s = g_ptr_array_index (self->shares, i);

      if (g_str_equal (s->name, cname))
        {
          s->guest_list |= guest_list;
          s->guest_read |= guest_read;
          return;
        }
    }
  share = g_new0 (OmShare, 1);
  share->name = g_steal_pointer (&cname);
  share->guest_list = guest_list;
  share->guest_read = guest_read;
  g_ptr_array_add (self->shares, share);
}

void
om_observation_absorb (OmObservation *self,
                       OmObservation *other)
{
  g_return_if_fail (OM_IS_OBSERVATION (self));
  g_return_if_fail (OM_IS_OBSERVATION (other));

  for (guint i = 0; i + 1 < other->addresses->len; i++)
    om_observation_add_address (self, g_ptr_array_index (other->addresses, i));
  if (self->mac == NULL && other->mac != NULL)
    self->mac = g_strdup (other->mac);
  if (other->alive)
    om_observation_set_alive (self, TRUE, other->alive_how);
  for (guint i = 0; i + 1 < other->hostnames->len; i++)
    om_observation_add_hostname (self, g_ptr_array_index (other->hostnames, i));
  for (guint i = 0; i < other->services->len; i++)
    {
      OmService *s = g_ptr_array_index (other->services, i);
      om_observation_add_service (self, s->port, s->proto, s->name, s->product);
    }
  for (guint i = 0; i < other->facts->len; i++)
    {
      OmFact *f = g_ptr_array_index (other->facts, i);
      om_observation_add_fact (self, f->source, f->key, f->value, f->evidence);
    }
  for (guint i = 0; i < other->shares->len; i++)
    {
      OmShare *s = g_ptr_array_index (other->shares, i);
      om_observation_add_share (self, s->name, s->guest_list, s->guest_read);
    }
}

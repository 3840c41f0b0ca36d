/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-device"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <glib/gi18n.h>

#include "om-device.h"
#include "om-json-read.h"

/* Bounds for values that may come from the network or an import. */
#define MAX_TEXT_BYTES  4096
#define MAX_NOTES_BYTES 65536
#define MAX_LIST_ITEMS  64

typedef struct {
  OmOrigin  origin;
  char     *source;
} FieldOrigin;

typedef union {
  char      *str;
  GPtrArray *strv;      /* of char*, NULL-terminated for cheap const char * const * */
  int        num;
  gboolean   flag;
  GPtrArray *services;  /* of OmService* */
} FieldValue;

struct _OmDevice
{
  GObject      parent_instance;

  char        *id;
  GDateTime   *first_seen;
  GDateTime   *last_seen;
  FieldValue   values[OM_DEVICE_N_FIELDS];
  FieldOrigin  origins[OM_DEVICE_N_FIELDS];

  /* Set while a device is built from JSON: nobody can be listening yet. */
  guint        quiet : 1;

  /* Watchers (the inventories holding the device): the first inline, any
   * others in @more_watches (a device in two inventories, in tests). */
  OmDeviceWatchFunc watch_func;
  gpointer          watch_data;
  GArray           *more_watches;   /* of Watch */
};

typedef struct
{
  OmDeviceWatchFunc func;
  gpointer          data;
} Watch;

G_DEFINE_FINAL_TYPE (OmDevice, om_device, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (OmService, om_service, om_service_copy, om_service_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_SEEN,
  PROP_LAST_SEEN,
  PROP_OS_DISPLAY,
  PROP_DISPLAY_NAME,
  /* One property per field follows, in OmDeviceField order. */
  PROP_FIELD_0,
  N_PROPS = PROP_FIELD_0 + OM_DEVICE_N_FIELDS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  const char  *key;
  const char  *property;
  OmFieldType  type;
  const char  *label;
} FieldInfo;

static const FieldInfo field_info[OM_DEVICE_N_FIELDS] = {
  [OM_DEVICE_FIELD_NAME]        = { "name", "name", OM_FIELD_TYPE_STRING, N_("Name") },
  [OM_DEVICE_FIELD_KIND]        = { "kind", "kind", OM_FIELD_TYPE_ENUM, N_("Kind") },
  [OM_DEVICE_FIELD_OWNERSHIP]   = { "ownership", "ownership", OM_FIELD_TYPE_ENUM, N_("Ownership") },
  [OM_DEVICE_FIELD_REGISTERED]  = { "registered", "registered", OM_FIELD_TYPE_BOOLEAN, N_("Registered") },
  [OM_DEVICE_FIELD_USER]        = { "user", "user", OM_FIELD_TYPE_STRING, N_("User") },
  [OM_DEVICE_FIELD_LOCATION]    = { "location", "location", OM_FIELD_TYPE_STRING, N_("Location") },
  [OM_DEVICE_FIELD_MACS]        = { "macs", "macs", OM_FIELD_TYPE_STRV, N_("MAC addresses") },
  [OM_DEVICE_FIELD_IPV4]        = { "ipv4", "ipv4", OM_FIELD_TYPE_STRV, N_("IPv4 addresses") },
  [OM_DEVICE_FIELD_IPV6]        = { "ipv6", "ipv6", OM_FIELD_TYPE_STRV, N_("IPv6 addresses") },
  [OM_DEVICE_FIELD_HOSTNAMES]   = { "hostnames", "hostnames", OM_FIELD_TYPE_STRV, N_("Host names") },
  [OM_DEVICE_FIELD_VENDOR]      = { "vendor", "vendor", OM_FIELD_TYPE_STRING, N_("Vendor") },
  [OM_DEVICE_FIELD_MODEL]       = { "model", "model", OM_FIELD_TYPE_STRING, N_("Model") },
  [OM_DEVICE_FIELD_OS_FAMILY]   = { "os_family", "os-family", OM_FIELD_TYPE_STRING, N_("OS family") },
  [OM_DEVICE_FIELD_OS_NAME]     = { "os_name", "os-name", OM_FIELD_TYPE_STRING, N_("Operating system") },
  [OM_DEVICE_FIELD_OS_VERSION]  = { "os_version", "os-version", OM_FIELD_TYPE_STRING, N_("OS version") },
  [OM_DEVICE_FIELD_OS_BUILD]    = { "os_build", "os-build", OM_FIELD_TYPE_STRING, N_("OS build") },
  [OM_DEVICE_FIELD_OS_EDITION]  = { "os_edition", "os-edition", OM_FIELD_TYPE_STRING, N_("OS edition") },
  [OM_DEVICE_FIELD_IDENTIFIERS] = { "identifiers", "identifiers", OM_FIELD_TYPE_STRV, N_("Identifiers") },
  [OM_DEVICE_FIELD_SERVICES]    = { "services", "services", OM_FIELD_TYPE_SERVICES, N_("Services") },
  [OM_DEVICE_FIELD_NOTES]       = { "notes", "notes", OM_FIELD_TYPE_STRING, N_("Notes") },
};

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------- */
/* OmService */

OmService *
om_service_new (guint       port,
                const char *proto,
                const char *name,
                const char *product)
{
  OmService *service = g_new0 (OmService, 1);

  service->port = port;
  service->proto = g_strdup (proto != NULL ? proto : "tcp");
  service->name = g_strdup (name);
  service->product = g_strdup (product);
  return service;
}

OmService *
om_service_copy (const OmService *service)
{
  return om_service_new (service->port, service->proto, service->name, service->product);
}

void
om_service_free (OmService *service)
{
  if (service == NULL)
    return;
  g_free (service->proto);
  g_free (service->name);
  g_free (service->product);
  g_free (service);
}

static gboolean
service_same_endpoint (const OmService *a,
                       const OmService *b)
{
  return a->port == b->port && g_strcmp0 (a->proto, b->proto) == 0
         && (a->port != 0 || g_strcmp0 (a->name, b->name) == 0);
}

/* ------------------------------------------------------------------------- */
/* Field metadata */

const char *
om_device_field_get_key (OmDeviceField field)
{
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, NULL);
  return field_info[field].key;
}

const char *
om_device_field_get_property (OmDeviceField field)
{
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, NULL);
  return field_info[field].property;
}

OmFieldType
om_device_field_get_type (OmDeviceField field)
{
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, OM_FIELD_TYPE_STRING);
  return field_info[field].type;
}

const char *
om_device_field_get_label (OmDeviceField field)
{
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, NULL);
  return _(field_info[field].label);
}

gboolean
om_device_field_from_key (const char    *key,
                          OmDeviceField *out)
{
  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < OM_DEVICE_N_FIELDS; i++)
    if (g_str_equal (key, field_info[i].key) || g_str_equal (key, field_info[i].property))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* Helpers */

/* The common case (loading our own file): text that sanitize_text() would
 * return unchanged, checked without allocating. */
static gboolean
text_is_clean (const char *value,
               gsize       max_bytes,
               gboolean    multiline)
{
  const guchar *p = (const guchar *) value;
  guchar high = 0;
  gsize len;

  for (; *p != '\0'; p++)
    {
      high |= *p;
      if (*p < 0x20)
        {
          if (!multiline || (*p != '\n' && *p != '\t'))
            return FALSE;
        }
      else if (*p == 0x7f)
        return FALSE;
      else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        return FALSE;   /* C1 control characters */
    }
  len = (gsize) (p - (const guchar *) value);
  if (len == 0 || len + 6 > max_bytes)
    return FALSE;
  if (!multiline && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1])))
    return FALSE;
  /* Plain ASCII is valid UTF-8. */
  return (high & 0x80) == 0 || g_utf8_validate_len (value, len, NULL);
}

/* Keeps valid UTF-8, bounded, without control characters other than newline/tab in notes. */
static char *
sanitize_text (const char *value,
               gsize       max_bytes,
               gboolean    multiline)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (value == NULL)
    return NULL;
  if (text_is_clean (value, max_bytes, multiline))
    return g_strdup (value);
  valid = g_utf8_make_valid (value, -1);
  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        {
          if (multiline)
            g_string_append_unichar (out, c);
          else
            g_string_append_c (out, ' ');
          continue;
        }
      if (c == '\r')
        continue;
      if (g_unichar_iscntrl (c))
        continue;
      if (out->len + 6 > max_bytes)
        break;
      g_string_append_unichar (out, c);
    }
  if (!multiline)
    {
      /* Trim surrounding blanks from one-line fields. */
      g_strstrip (out->str);
      out->len = strlen (out->str);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
strv_array_new (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, NULL);
  return array;
}

static const char * const *
strv_array_view (GPtrArray *array)
{
  return array != NULL ? (const char * const *) array->pdata : empty_strv;
}

static guint
strv_array_len (GPtrArray *array)
{
  return array != NULL ? array->len - 1 : 0;
}

static gboolean
strv_array_contains (GPtrArray  *array,
                     const char *value)
{
  for (guint i = 0; i < strv_array_len (array); i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
strv_array_append_take (GPtrArray *array,
                        char      *value)
{
  /* Overwrite the NULL terminator and add a new one. */
  array->pdata[array->len - 1] = value;
  g_ptr_array_add (array, NULL);
}

/* "192.168.1.10": four decimal numbers up to 255 without leading zeros, the
 * form every IPv4 parser accepts. Anything else goes to GInetAddress. */
static gboolean
is_plain_dotted_quad (const char *text)
{
  const char *p = text;

  for (guint part = 0; part < 4; part++)
    {
      const char *start;
      guint value = 0, digits = 0;

      if (part > 0 && *p++ != '.')
        return FALSE;
      start = p;
      while (g_ascii_isdigit (*p) && digits < 4)
        {
          value = value * 10 + (guint) (*p++ - '0');
          digits++;
        }
      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && *start == '0'))
        return FALSE;
    }
  return *p == '\0';
}

static gboolean
is_valid_ipv4 (const char *text)
{
  g_autoptr(GInetAddress) addr = NULL;

  if (is_plain_dotted_quad (text))
    return TRUE;
  addr = g_inet_address_new_from_string (text);
  return addr != NULL && g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV4;
}

/* The IPv6 address @text as GInetAddress writes it, or NULL if it is not one.
 * Text already in that form (what the store wrote) is checked without
 * creating an object. */
static char *
normalize_ipv6 (const char *text)
{
  g_autoptr(GInetAddress) addr = NULL;
  struct in6_addr bytes;
  char written[INET6_ADDRSTRLEN];

  if (strchr (text, ':') != NULL && inet_pton (AF_INET6, text, &bytes) == 1 &&
      inet_ntop (AF_INET6, &bytes, written, sizeof written) != NULL &&
      strcmp (written, text) == 0)
    return g_strdup (text);
  addr = g_inet_address_new_from_string (text);
  if (addr == NULL || g_inet_address_get_family (addr) != G_SOCKET_FAMILY_IPV6)
    return NULL;
  return g_inet_address_to_string (addr);
}

/* g_utf8_strdown(), without the work when there is nothing to lower (host
 * names from a scan or from our own file). */
static char *
hostname_down (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isupper (*p))
      return g_utf8_strdown (text, -1);
  return g_strdup (text);
}

/* Normalises one list item for @field; NULL if it is not acceptable. */
static char *
normalize_list_item (OmDeviceField  field,
                     const char    *value,
                     GError       **error)
{
  g_autofree char *owned = NULL;
  const char *clean;

  if (value == NULL)
    return NULL;
  /* Clean text (the usual case) is used in place instead of copied. */
  if (text_is_clean (value, 256, FALSE))
    clean = value;
  else if ((clean = owned = sanitize_text (value, 256, FALSE)) == NULL)
    return NULL;

  switch (field)
    {
    case OM_DEVICE_FIELD_MACS:
      {
        char *mac = om_mac_normalize (clean);

        if (mac == NULL)
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a MAC address. Write it as six pairs of hex digits, "
                         "for example 00:11:22:aa:bb:cc."), clean);
        return mac;
      }
    case OM_DEVICE_FIELD_IPV4:
      if (!is_valid_ipv4 (clean))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an IPv4 address, for example 192.168.1.10."), clean);
          return NULL;
        }
      return owned != NULL ? g_steal_pointer (&owned) : g_strdup (clean);
    case OM_DEVICE_FIELD_IPV6:
      {
        char *normalized = normalize_ipv6 (clean);

        if (normalized == NULL)
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an IPv6 address."), clean);
        return normalized;
      }
    case OM_DEVICE_FIELD_HOSTNAMES:
      return hostname_down (clean);
    default:
      return owned != NULL ? g_steal_pointer (&owned) : g_strdup (clean);
    }
}

static gboolean
origin_allows (OmDevice      *self,
               OmDeviceField  field,
               OmOrigin       origin)
{
  OmOrigin current = self->origins[field].origin;

  /* The admin's own intent (typed or imported) is one rank: latest wins. */
  if (current == OM_ORIGIN_IMPORTED)
    current = OM_ORIGIN_MANUAL;
  if (origin == OM_ORIGIN_IMPORTED)
    origin = OM_ORIGIN_MANUAL;
  return origin >= current;
}

static void
record_origin (OmDevice      *self,
               OmDeviceField  field,
               OmOrigin       origin,
               const char    *source)
{
  FieldOrigin *fo = &self->origins[field];

  fo->origin = origin;
  if (g_strcmp0 (fo->source, source) != 0)
    {
      /* Interned: a few names ("arp", "mdns", "import:devices.csv") are shared
       * by every field of every device. */
      g_clear_pointer (&fo->source, g_ref_string_release);
      fo->source = source != NULL ? g_ref_string_new_intern (source) : NULL;
    }
}

/* Watchers first, as the inventory's handler was when it connected to
 * ::changed as the device was added (so its index is marked stale before any
 * other handler runs). */
static void
emit_changed (OmDevice *self)
{
  if (self->watch_func != NULL)
    self->watch_func (self, self->watch_data);
  if (self->more_watches != NULL)
    for (guint i = 0; i < self->more_watches->len; i++)
      {
        Watch *w = &g_array_index (self->more_watches, Watch, i);

        w->func (self, w->data);
      }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
emit_field_changed (OmDevice      *self,
                    OmDeviceField  field)
{
  if (self->quiet)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD_0 + field]);
  if (field == OM_DEVICE_FIELD_OS_NAME || field == OM_DEVICE_FIELD_OS_FAMILY
      || field == OM_DEVICE_FIELD_OS_VERSION || field == OM_DEVICE_FIELD_OS_EDITION
      || field == OM_DEVICE_FIELD_OS_BUILD)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OS_DISPLAY]);
  if (field == OM_DEVICE_FIELD_NAME || field == OM_DEVICE_FIELD_HOSTNAMES
      || field == OM_DEVICE_FIELD_IPV4 || field == OM_DEVICE_FIELD_MACS)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  emit_changed (self);
}

/* ------------------------------------------------------------------------- */
/* Origin-aware setters */

gboolean
om_device_offer_string (OmDevice      *self,
                        OmDeviceField  field,
                        const char    *value,
                        OmOrigin       origin,
                        const char    *source)
{
  g_autofree char *clean = NULL;
  gboolean multiline;

  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, FALSE);
  g_return_val_if_fail (field_info[field].type == OM_FIELD_TYPE_STRING, FALSE);

  if (!origin_allows (self, field, origin))
    return FALSE;

  multiline = field == OM_DEVICE_FIELD_NOTES;
  clean = sanitize_text (value, multiline ? MAX_NOTES_BYTES : MAX_TEXT_BYTES, multiline);

  /* Discovery fills gaps and corrects itself, but never blanks a field. */
  if (clean == NULL && origin == OM_ORIGIN_DISCOVERED)
    return FALSE;

  if (g_strcmp0 (self->values[field].str, clean) == 0)
    {
      if (self->origins[field].origin != origin && clean != NULL)
        record_origin (self, field, origin, source);
      return FALSE;
    }

  g_free (self->values[field].str);
  self->values[field].str = g_steal_pointer (&clean);
  record_origin (self, field, self->values[field].str != NULL ? origin : OM_ORIGIN_NONE, source);
  emit_field_changed (self, field);
  return TRUE;
}

gboolean
om_device_offer_enum (OmDevice      *self,
                      OmDeviceField  field,
                      int            value,
                      OmOrigin       origin,
                      const char    *source)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (field_info[field].type == OM_FIELD_TYPE_ENUM, FALSE);

  if (field == OM_DEVICE_FIELD_KIND)
    g_return_val_if_fail (value >= 0 && value < OM_N_DEVICE_KINDS, FALSE);
  else
    g_return_val_if_fail (value >= 0 && value < OM_N_OWNERSHIPS, FALSE);

  if (!origin_allows (self, field, origin))
    return FALSE;
  /* "Unknown" from discovery says nothing. */
  if (value == 0 && origin == OM_ORIGIN_DISCOVERED)
    return FALSE;
  if (self->values[field].num == value)
    {
      if (value != 0)
        record_origin (self, field, origin, source);
      return FALSE;
    }

  self->values[field].num = value;
  record_origin (self, field, origin, source);
  emit_field_changed (self, field);
  return TRUE;
}

gboolean
om_device_offer_boolean (OmDevice      *self,
                         OmDeviceField  field,
                         gboolean       value,
                         OmOrigin       origin,
                         const char    *source)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (field_info[field].type == OM_FIELD_TYPE_BOOLEAN, FALSE);

  value = !!value;
  if (!origin_allows (self, field, origin))
    return FALSE;
  if (self->values[field].flag == value)
    return FALSE;

  self->values[field].flag = value;
  record_origin (self, field, origin, source);
  emit_field_changed (self, field);
  return TRUE;
}

static GPtrArray *
build_list (OmDeviceField        field,
            const char * const  *values,
            GError             **error)
{
  g_autoptr(GPtrArray) array = strv_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *item = NULL;
      g_autoptr(GError) local_error = NULL;

      item = normalize_list_item (field, values[i], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (item == NULL || strv_array_contains (array, item))
        continue;
      if (strv_array_len (array) >= MAX_LIST_ITEMS)
        break;
      strv_array_append_take (array, g_steal_pointer (&item));
    }
  return g_steal_pointer (&array);
}

static gboolean
lists_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (strv_array_len (a) != strv_array_len (b))
    return FALSE;
  for (guint i = 0; i < strv_array_len (a); i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
replace_list (OmDevice      *self,
              OmDeviceField  field,
              GPtrArray     *list,
              OmOrigin       origin,
              const char    *source)
{
  if (lists_equal (self->values[field].strv, list))
    {
      g_ptr_array_unref (list);
      return FALSE;
    }
  g_clear_pointer (&self->values[field].strv, g_ptr_array_unref);
  self->values[field].strv = list;
  record_origin (self, field, strv_array_len (list) > 0 ? origin : OM_ORIGIN_NONE, source);
  emit_field_changed (self, field);
  return TRUE;
}

gboolean
om_device_offer_strv (OmDevice           *self,
                      OmDeviceField       field,
                      const char * const *values,
                      OmOrigin            origin,
                      const char         *source)
{
  GPtrArray *list;

  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (field_info[field].type == OM_FIELD_TYPE_STRV, FALSE);

  if (!origin_allows (self, field, origin))
    return FALSE;
  list = build_list (field, values, NULL);
  if (list == NULL)
    return FALSE;
  if (strv_array_len (list) == 0 && origin == OM_ORIGIN_DISCOVERED)
    {
      g_ptr_array_unref (list);
      return FALSE;
    }
  return replace_list (self, field, list, origin, source);
}

gboolean
om_device_add_to_list (OmDevice      *self,
                       OmDeviceField  field,
                       const char    *value,
                       OmOrigin       origin,
                       const char    *source)
{
  g_autofree char *item = NULL;
  GPtrArray *list;

  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (field_info[field].type == OM_FIELD_TYPE_STRV, FALSE);

  item = normalize_list_item (field, value, NULL);
  if (item == NULL)
    return FALSE;
  list = self->values[field].strv;
  if (list == NULL)
    list = self->values[field].strv = strv_array_new ();
  if (strv_array_contains (list, item) || strv_array_len (list) >= MAX_LIST_ITEMS)
    return FALSE;
  strv_array_append_take (list, g_steal_pointer (&item));
  /* Adding never lowers the rank of a list the admin typed. */
  if (self->origins[field].origin == OM_ORIGIN_NONE || origin_allows (self, field, origin))
    record_origin (self, field, origin, source);
  emit_field_changed (self, field);
  return TRUE;
}

gboolean
om_device_offer_service (OmDevice        *self,
                         const OmService *service,
                         OmOrigin         origin,
                         const char      *source)
{
  GPtrArray *services;
  OmService *copy;

  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (service != NULL, FALSE);

  services = self->values[OM_DEVICE_FIELD_SERVICES].services;
  if (services == NULL)
    services = self->values[OM_DEVICE_FIELD_SERVICES].services =
      g_ptr_array_new_with_free_func ((GDestroyNotify) om_service_free);

  copy = om_service_new (service->port, service->proto, NULL, NULL);
  copy->name = sanitize_text (service->name, 64, FALSE);
  copy->product = sanitize_text (service->product, 256, FALSE);

  for (guint i = 0; i < services->len; i++)
    {
      OmService *existing = g_ptr_array_index (services, i);

      if (!service_same_endpoint (existing, copy))
        continue;
      if (g_strcmp0 (existing->name, copy->name) == 0
          && g_strcmp0 (existing->product, copy->product) == 0)
        {
          om_service_free (copy);
          return FALSE;
        }
      /* Keep a known product banner if the new observation has none. */
      if (copy->product == NULL)
        copy->product = g_strdup (existing->product);
      if (copy->name == NULL)
        copy->name = g_strdup (existing->name);
      g_ptr_array_index (services, i) = copy;
      om_service_free (existing);
      record_origin (self, OM_DEVICE_FIELD_SERVICES, origin, source);
      emit_field_changed (self, OM_DEVICE_FIELD_SERVICES);
      return TRUE;
    }

  if (services->len >= 256)
    {
      om_service_free (copy);
      return FALSE;
    }
  g_ptr_array_add (services, copy);
  record_origin (self, OM_DEVICE_FIELD_SERVICES, origin, source);
  emit_field_changed (self, OM_DEVICE_FIELD_SERVICES);
  return TRUE;
}

OmOrigin
om_device_get_field_origin (OmDevice      *self,
                            OmDeviceField  field)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), OM_ORIGIN_NONE);
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, OM_ORIGIN_NONE);
  return self->origins[field].origin;
}

const char *
om_device_get_field_source (OmDevice      *self,
                            OmDeviceField  field)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, NULL);
  return self->origins[field].source;
}

char *
om_device_dup_field_text (OmDevice      *self,
                          OmDeviceField  field)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, NULL);

  switch (field_info[field].type)
    {
    case OM_FIELD_TYPE_STRING:
      return g_strdup (self->values[field].str);
    case OM_FIELD_TYPE_STRV:
      return g_strjoinv (", ", (char **) strv_array_view (self->values[field].strv));
    case OM_FIELD_TYPE_ENUM:
      if (field == OM_DEVICE_FIELD_KIND)
        return g_strdup (om_device_kind_to_string (self->values[field].num));
      return g_strdup (om_ownership_to_string (self->values[field].num));
    case OM_FIELD_TYPE_BOOLEAN:
      return g_strdup (self->values[field].flag ? "yes" : "no");
    case OM_FIELD_TYPE_SERVICES:
      {
        GPtrArray *services = self->values[field].services;
        GString *out = g_string_new (NULL);

        for (guint i = 0; services != NULL && i < services->len; i++)
          {
            OmService *s = g_ptr_array_index (services, i);

            if (out->len > 0)
              g_string_append (out, ", ");
            g_string_append_printf (out, "%u/%s", s->port, s->proto);
            if (s->name != NULL)
              g_string_append_printf (out, " %s", s->name);
          }
        return g_string_free (out, FALSE);
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_boolean_text (const char *text,
                    gboolean   *out)
{
  static const char * const yes[] = { "yes", "true", "1", "y", "はい", "登録済み", NULL };
  static const char * const no[] = { "no", "false", "0", "n", "", "いいえ", "未登録", NULL };
  g_autofree char *down = g_utf8_strdown (text, -1);

  g_strstrip (down);
  if (g_strv_contains (yes, down))
    *out = TRUE;
  else if (g_strv_contains (no, down))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Services as text: "22/tcp ssh, 631/tcp ipp". */
static GPtrArray *
parse_services_text (const char  *text,
                     GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func ((GDestroyNotify) om_service_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (parts[i]));
      g_auto(GStrv) words = NULL;
      g_auto(GStrv) port_proto = NULL;
      guint64 port = 0;

      if (*item == '\0')
        continue;
      words = g_strsplit_set (item, " \t", 2);
      port_proto = g_strsplit (words[0], "/", 2);
      if (!g_ascii_string_to_unsigned (port_proto[0], 10, 0, 65535, &port, NULL)
          || (port_proto[1] != NULL && !g_str_equal (port_proto[1], "tcp")
              && !g_str_equal (port_proto[1], "udp")))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a service. Write services as port/protocol and name, "
                         "for example “22/tcp ssh, 631/tcp ipp”."), item);
          return NULL;
        }
      g_ptr_array_add (services, om_service_new ((guint) port,
                                                 port_proto[1] != NULL ? port_proto[1] : "tcp",
                                                 words[1] != NULL ? g_strstrip (words[1]) : NULL,
                                                 NULL));
    }
  return g_steal_pointer (&services);
}

gboolean
om_device_offer_field_text (OmDevice       *self,
                            OmDeviceField   field,
                            const char     *text,
                            OmOrigin        origin,
                            const char     *source,
                            GError        **error)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (field < OM_DEVICE_N_FIELDS, FALSE);

  if (text == NULL)
    text = "";

  switch (field_info[field].type)
    {
    case OM_FIELD_TYPE_STRING:
      return om_device_offer_string (self, field, text, origin, source);

    case OM_FIELD_TYPE_STRV:
      {
        g_auto(GStrv) items = g_strsplit_set (text, ",; \n\t", -1);
        GPtrArray *list;

        if (!origin_allows (self, field, origin))
          return FALSE;
        list = build_list (field, (const char * const *) items, error);
        if (list == NULL)
          return FALSE;
        return replace_list (self, field, list, origin, source);
      }

    case OM_FIELD_TYPE_ENUM:
      {
        g_autofree char *clean = g_strstrip (g_utf8_strdown (text, -1));

        if (field == OM_DEVICE_FIELD_KIND)
          {
            OmDeviceKind kind = OM_DEVICE_KIND_UNKNOWN;

            if (*clean != '\0' && !om_device_kind_from_string (clean, &kind))
              {
                for (guint k = 0; k < OM_N_DEVICE_KINDS; k++)
                  if (g_utf8_collate (clean, om_device_kind_to_label (k)) == 0
                      || g_ascii_strcasecmp (text, om_device_kind_to_label (k)) == 0)
                    {
                      kind = k;
                      goto kind_found;
                    }
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("“%s” is not a device type. Use one of: pc, laptop, server, nas, "
                               "printer, mfp, phone, tablet, router, access-point, camera, "
                               "other, unknown."), text);
                return FALSE;
              }
          kind_found:
            return om_device_offer_enum (self, field, kind, origin, source);
          }
        else
          {
            OmOwnership ownership = OM_OWNERSHIP_UNKNOWN;

            if (*clean != '\0' && !om_ownership_from_string (clean, &ownership))
              {
                if (g_str_equal (clean, "byod"))
                  ownership = OM_OWNERSHIP_PERSONAL;
                else
                  {
                    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("“%s” is not an ownership. Use company, personal or unknown."),
                                 text);
                    return FALSE;
                  }
              }
            return om_device_offer_enum (self, field, ownership, origin, source);
          }
      }

    case OM_FIELD_TYPE_BOOLEAN:
      {
        gboolean value;

        if (!parse_boolean_text (text, &value))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("“%s” is not yes or no."), text);
            return FALSE;
          }
        return om_device_offer_boolean (self, field, value, origin, source);
      }

    case OM_FIELD_TYPE_SERVICES:
      {
        g_autoptr(GPtrArray) services = parse_services_text (text, error);
        GPtrArray *current;
        gboolean same;

        if (services == NULL)
          return FALSE;
        if (!origin_allows (self, field, origin))
          return FALSE;
        current = self->values[field].services;
        same = (current != NULL ? current->len : 0) == services->len;
        for (guint i = 0; same && i < services->len; i++)
          {
            OmService *a = g_ptr_array_index (current, i);
            OmService *b = g_ptr_array_index (services, i);

            same = service_same_endpoint (a, b) && g_strcmp0 (a->name, b->name) == 0;
          }
        if (same)
          return FALSE;
        /* Text carries no banners: keep the ones we already know. */
        for (guint i = 0; current != NULL && i < services->len; i++)
          {
            OmService *b = g_ptr_array_index (services, i);

            for (guint j = 0; j < current->len; j++)
              {
                OmService *a = g_ptr_array_index (current, j);

                if (service_same_endpoint (a, b) && b->product == NULL)
                  b->product = g_strdup (a->product);
              }
          }
        g_clear_pointer (&self->values[field].services, g_ptr_array_unref);
        self->values[field].services = g_steal_pointer (&services);
        record_origin (self, field, origin, source);
        emit_field_changed (self, field);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------- */
/* MAC addresses */

char *
om_mac_normalize (const char *text)
{
  guint8 octets[6];
  guint n = 0;
  int nibble = -1;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      int v = g_ascii_xdigit_value (*p);

      if (v >= 0)
        {
          if (n >= 6)
            return NULL;
          if (nibble < 0)
            nibble = v;
          else
            {
              octets[n++] = (guint8) (nibble << 4 | v);
              nibble = -1;
            }
        }
      else if (*p == ':' || *p == '-' || *p == '.' || *p == ' ')
        {
          if (nibble >= 0)
            return NULL;   /* a lone digit between separators */
        }
      else
        return NULL;
    }
  if (n != 6 || nibble >= 0)
    return NULL;
  {
    static const char hex[] = "0123456789abcdef";
    char *out = g_malloc (18);

    /* "%02x:…" by hand: printf was a tenth of the time to read a device. */
    for (guint i = 0; i < 6; i++)
      {
        out[i * 3] = hex[octets[i] >> 4];
        out[i * 3 + 1] = hex[octets[i] & 0xf];
        out[i * 3 + 2] = i < 5 ? ':' : '\0';
      }
    return out;
  }
}

gboolean
om_mac_is_locally_administered (const char *normalized_mac)
{
  int hi, lo;

  if (normalized_mac == NULL || strlen (normalized_mac) < 2)
    return FALSE;
  hi = g_ascii_xdigit_value (normalized_mac[0]);
  lo = g_ascii_xdigit_value (normalized_mac[1]);
  if (hi < 0 || lo < 0)
    return FALSE;
  return ((hi << 4 | lo) & 0x02) != 0;
}

/* ------------------------------------------------------------------------- */
/* Getters */

#define STR_GETTER(fn, FIELD)                                  \
  const char *om_device_get_##fn (OmDevice *self)              \
  {                                                            \
    g_return_val_if_fail (OM_IS_DEVICE (self), NULL);          \
    return self->values[OM_DEVICE_FIELD_##FIELD].str;          \
  }

#define STRV_GETTER(fn, FIELD)                                         \
  const char * const *om_device_get_##fn (OmDevice *self)              \
  {                                                                    \
    g_return_val_if_fail (OM_IS_DEVICE (self), empty_strv);            \
    return strv_array_view (self->values[OM_DEVICE_FIELD_##FIELD].strv); \
  }

STR_GETTER (name, NAME)
STR_GETTER (user, USER)
STR_GETTER (location, LOCATION)
STR_GETTER (vendor, VENDOR)
STR_GETTER (model, MODEL)
STR_GETTER (os_family, OS_FAMILY)
STR_GETTER (os_name, OS_NAME)
STR_GETTER (os_version, OS_VERSION)
STR_GETTER (os_build, OS_BUILD)
STR_GETTER (os_edition, OS_EDITION)
STR_GETTER (notes, NOTES)
STRV_GETTER (macs, MACS)
STRV_GETTER (ipv4, IPV4)
STRV_GETTER (ipv6, IPV6)
STRV_GETTER (hostnames, HOSTNAMES)
STRV_GETTER (identifiers, IDENTIFIERS)

const char *
om_device_get_id (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);
  return self->id;
}

OmDeviceKind
om_device_get_kind (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), OM_DEVICE_KIND_UNKNOWN);
  return self->values[OM_DEVICE_FIELD_KIND].num;
}

OmOwnership
om_device_get_ownership (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), OM_OWNERSHIP_UNKNOWN);
  return self->values[OM_DEVICE_FIELD_OWNERSHIP].num;
}

gboolean
om_device_get_registered (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);
  return self->values[OM_DEVICE_FIELD_REGISTERED].flag;
}

GPtrArray *
om_device_get_services (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);
  if (self->values[OM_DEVICE_FIELD_SERVICES].services == NULL)
    self->values[OM_DEVICE_FIELD_SERVICES].services =
      g_ptr_array_new_with_free_func ((GDestroyNotify) om_service_free);
  return self->values[OM_DEVICE_FIELD_SERVICES].services;
}

GDateTime *
om_device_get_first_seen (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);
  return self->first_seen;
}

GDateTime *
om_device_get_last_seen (OmDevice *self)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);
  return self->last_seen;
}

char *
om_device_dup_os_display (OmDevice *self)
{
  GString *out;
  const char *parts[3];

  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);

  if (self->values[OM_DEVICE_FIELD_OS_NAME].str != NULL)
    return g_strdup (self->values[OM_DEVICE_FIELD_OS_NAME].str);

  parts[0] = self->values[OM_DEVICE_FIELD_OS_FAMILY].str;
  parts[1] = self->values[OM_DEVICE_FIELD_OS_VERSION].str;
  parts[2] = self->values[OM_DEVICE_FIELD_OS_EDITION].str;
  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, parts[i]);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
om_device_dup_display_name (OmDevice *self)
{
  const char * const *list;

  g_return_val_if_fail (OM_IS_DEVICE (self), NULL);

  if (self->values[OM_DEVICE_FIELD_NAME].str != NULL)
    return g_strdup (self->values[OM_DEVICE_FIELD_NAME].str);
  if ((list = om_device_get_hostnames (self))[0] != NULL)
    return g_strdup (list[0]);
  if ((list = om_device_get_ipv4 (self))[0] != NULL)
    return g_strdup (list[0]);
  if ((list = om_device_get_ipv6 (self))[0] != NULL)
    return g_strdup (list[0]);
  if ((list = om_device_get_macs (self))[0] != NULL)
    return g_strdup (list[0]);
  return g_strdup (_("Unnamed device"));
}

gboolean
om_device_matches_text (OmDevice   *self,
                        const char *casefolded_needle)
{
  g_return_val_if_fail (OM_IS_DEVICE (self), FALSE);

  if (casefolded_needle == NULL || *casefolded_needle == '\0')
    return TRUE;

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *folded = NULL;

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          if (self->values[f].str == NULL)
            continue;
          folded = g_utf8_casefold (self->values[f].str, -1);
          break;
        case OM_FIELD_TYPE_STRV:
          {
            GPtrArray *list = self->values[f].strv;

            for (guint i = 0; i < strv_array_len (list); i++)
              {
                g_autofree char *item = g_utf8_casefold (g_ptr_array_index (list, i), -1);

                if (strstr (item, casefolded_needle) != NULL)
                  return TRUE;
              }
            continue;
          }
        case OM_FIELD_TYPE_ENUM:
          {
            const char *label = f == OM_DEVICE_FIELD_KIND
                                  ? om_device_kind_to_label (self->values[f].num)
                                  : om_ownership_to_label (self->values[f].num);
            folded = g_utf8_casefold (label, -1);
            break;
          }
        case OM_FIELD_TYPE_BOOLEAN:
        case OM_FIELD_TYPE_SERVICES:
        default:
          continue;
        }
      if (strstr (folded, casefolded_needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* Manual setters */

void
om_device_set_name (OmDevice *self, const char *name)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_NAME, name, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_kind (OmDevice *self, OmDeviceKind kind)
{
  om_device_offer_enum (self, OM_DEVICE_FIELD_KIND, kind, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_ownership (OmDevice *self, OmOwnership ownership)
{
  om_device_offer_enum (self, OM_DEVICE_FIELD_OWNERSHIP, ownership, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_registered (OmDevice *self, gboolean registered)
{
  om_device_offer_boolean (self, OM_DEVICE_FIELD_REGISTERED, registered, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_user (OmDevice *self, const char *user)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_USER, user, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_location (OmDevice *self, const char *location)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_LOCATION, location, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_vendor (OmDevice *self, const char *vendor)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_VENDOR, vendor, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_model (OmDevice *self, const char *model)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_MODEL, model, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_os_name (OmDevice *self, const char *os_name)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_OS_NAME, os_name, OM_ORIGIN_MANUAL, NULL);
}

void
om_device_set_notes (OmDevice *self, const char *notes)
{
  om_device_offer_string (self, OM_DEVICE_FIELD_NOTES, notes, OM_ORIGIN_MANUAL, NULL);
}

static gboolean
set_datetime (GDateTime **slot,
              GDateTime  *when)
{
  if (*slot == when || (*slot != NULL && when != NULL && g_date_time_equal (*slot, when)))
    return FALSE;
  g_clear_pointer (slot, g_date_time_unref);
  if (when != NULL)
    *slot = g_date_time_to_utc (when);
  return TRUE;
}

void
om_device_set_last_seen (OmDevice  *self,
                         GDateTime *when)
{
  g_return_if_fail (OM_IS_DEVICE (self));
  if (set_datetime (&self->last_seen, when))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEEN]);
      emit_changed (self);
    }
}

void
om_device_set_first_seen (OmDevice  *self,
                          GDateTime *when)
{
  g_return_if_fail (OM_IS_DEVICE (self));
  if (set_datetime (&self->first_seen, when))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_SEEN]);
      emit_changed (self);
    }
}

/* ------------------------------------------------------------------------- */
/* JSON */

static void
add_datetime_member (JsonBuilder *builder,
                     const char  *name,
                     GDateTime   *when)
{
  g_autofree char *iso = NULL;

  if (when == NULL)
    return;
  iso = g_date_time_format_iso8601 (when);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, iso);
}

void
om_device_to_json (OmDevice    *self,
                   JsonBuilder *builder)
{
  gboolean any_origin = FALSE;

  g_return_if_fail (OM_IS_DEVICE (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  add_datetime_member (builder, "first_seen", self->first_seen);
  add_datetime_member (builder, "last_seen", self->last_seen);

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      const FieldValue *v = &self->values[f];

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          if (v->str == NULL)
            continue;
          json_builder_set_member_name (builder, field_info[f].key);
          json_builder_add_string_value (builder, v->str);
          break;
        case OM_FIELD_TYPE_STRV:
          if (strv_array_len (v->strv) == 0)
            continue;
          json_builder_set_member_name (builder, field_info[f].key);
          json_builder_begin_array (builder);
          for (guint i = 0; i < strv_array_len (v->strv); i++)
            json_builder_add_string_value (builder, g_ptr_array_index (v->strv, i));
          json_builder_end_array (builder);
          break;
        case OM_FIELD_TYPE_ENUM:
          json_builder_set_member_name (builder, field_info[f].key);
          json_builder_add_string_value (builder, f == OM_DEVICE_FIELD_KIND
                                                    ? om_device_kind_to_string (v->num)
                                                    : om_ownership_to_string (v->num));
          break;
        case OM_FIELD_TYPE_BOOLEAN:
          json_builder_set_member_name (builder, field_info[f].key);
          json_builder_add_boolean_value (builder, v->flag);
          break;
        case OM_FIELD_TYPE_SERVICES:
          if (v->services == NULL || v->services->len == 0)
            continue;
          json_builder_set_member_name (builder, field_info[f].key);
          json_builder_begin_array (builder);
          for (guint i = 0; i < v->services->len; i++)
            {
              OmService *s = g_ptr_array_index (v->services, i);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "port");
              json_builder_add_int_value (builder, s->port);
              json_builder_set_member_name (builder, "proto");
              json_builder_add_string_value (builder, s->proto);
              if (s->name != NULL)
                {
                  json_builder_set_member_name (builder, "name");
                  json_builder_add_string_value (builder, s->name);
                }
              if (s->product != NULL)
                {
                  json_builder_set_member_name (builder, "product");
                  json_builder_add_string_value (builder, s->product);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      const FieldOrigin *fo = &self->origins[f];

      if (fo->origin == OM_ORIGIN_NONE)
        continue;
      if (!any_origin)
        {
          json_builder_set_member_name (builder, "origins");
          json_builder_begin_object (builder);
          any_origin = TRUE;
        }
      json_builder_set_member_name (builder, field_info[f].key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "origin");
      json_builder_add_string_value (builder, om_origin_to_string (fo->origin));
      if (fo->source != NULL)
        {
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, fo->source);
        }
      json_builder_end_object (builder);
    }
  if (any_origin)
    json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/* ---- the same as text, without building nodes (the autosave path) ---- */

static inline void
append_member (GString *out, gboolean *first, const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  /* Member names are our own plain ASCII keys: nothing to escape. */
  g_string_append_c (out, '"');
  om_json_append_raw (out, name, strlen (name));
  om_json_append_raw (out, "\":", 2);
}

static void
append_string_member (GString *out, gboolean *first, const char *name, const char *value)
{
  append_member (out, first, name);
  om_json_append_string (out, value);
}

static void
append_datetime_member (GString *out, gboolean *first, const char *name, GDateTime *when)
{
  if (when == NULL)
    return;
  append_member (out, first, name);
  om_json_append_iso8601 (out, when);
}

void
om_device_append_json (OmDevice *self,
                       GString  *out)
{
  gboolean first = TRUE;
  gboolean any_origin = FALSE;

  g_return_if_fail (OM_IS_DEVICE (self));
  g_return_if_fail (out != NULL);

  /* Member for member what om_device_to_json() builds and a JsonGenerator
   * writes for it. */
  g_string_append_c (out, '{');
  append_string_member (out, &first, "id", self->id);
  append_datetime_member (out, &first, "first_seen", self->first_seen);
  append_datetime_member (out, &first, "last_seen", self->last_seen);

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      const FieldValue *v = &self->values[f];

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          if (v->str == NULL)
            continue;
          append_string_member (out, &first, field_info[f].key, v->str);
          break;
        case OM_FIELD_TYPE_STRV:
          if (strv_array_len (v->strv) == 0)
            continue;
          append_member (out, &first, field_info[f].key);
          g_string_append_c (out, '[');
          for (guint i = 0; i < strv_array_len (v->strv); i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              om_json_append_string (out, g_ptr_array_index (v->strv, i));
            }
          g_string_append_c (out, ']');
          break;
        case OM_FIELD_TYPE_ENUM:
          append_string_member (out, &first, field_info[f].key,
                                f == OM_DEVICE_FIELD_KIND ? om_device_kind_to_string (v->num)
                                                          : om_ownership_to_string (v->num));
          break;
        case OM_FIELD_TYPE_BOOLEAN:
          append_member (out, &first, field_info[f].key);
          if (v->flag)
            om_json_append_raw (out, "true", 4);
          else
            om_json_append_raw (out, "false", 5);
          break;
        case OM_FIELD_TYPE_SERVICES:
          if (v->services == NULL || v->services->len == 0)
            continue;
          append_member (out, &first, field_info[f].key);
          g_string_append_c (out, '[');
          for (guint i = 0; i < v->services->len; i++)
            {
              OmService *svc = g_ptr_array_index (v->services, i);
              gboolean first_in = TRUE;

              if (i > 0)
                g_string_append_c (out, ',');
              g_string_append_c (out, '{');
              append_member (out, &first_in, "port");
              g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) svc->port);
              append_string_member (out, &first_in, "proto", svc->proto);
              if (svc->name != NULL)
                append_string_member (out, &first_in, "name", svc->name);
              if (svc->product != NULL)
                append_string_member (out, &first_in, "product", svc->product);
              g_string_append_c (out, '}');
            }
          g_string_append_c (out, ']');
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      const FieldOrigin *fo = &self->origins[f];
      gboolean first_in = TRUE;

      if (fo->origin == OM_ORIGIN_NONE)
        continue;
      if (!any_origin)
        {
          append_member (out, &first, "origins");
          g_string_append_c (out, '{');
          any_origin = TRUE;
        }
      else
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      om_json_append_raw (out, field_info[f].key, strlen (field_info[f].key));
      om_json_append_raw (out, "\":{", 3);
      append_string_member (out, &first_in, "origin", om_origin_to_string (fo->origin));
      if (fo->source != NULL)
        append_string_member (out, &first_in, "source", fo->source);
      g_string_append_c (out, '}');
    }
  if (any_origin)
    g_string_append_c (out, '}');

  g_string_append_c (out, '}');
}

static gboolean
field_has_value (OmDevice      *self,
                 OmDeviceField  f)
{
  switch (field_info[f].type)
    {
    case OM_FIELD_TYPE_STRING:
      return self->values[f].str != NULL;
    case OM_FIELD_TYPE_STRV:
      return strv_array_len (self->values[f].strv) > 0;
    case OM_FIELD_TYPE_ENUM:
      return self->values[f].num != 0;
    case OM_FIELD_TYPE_BOOLEAN:
      return self->values[f].flag;
    case OM_FIELD_TYPE_SERVICES:
      return self->values[f].services != NULL && self->values[f].services->len > 0;
    default:
      g_assert_not_reached ();
    }
}

/* Reading. A JSON object (imports, migrations, json-glib callers) and the
 * store's pull reader (om-json-read.c) both fill a DeviceDraft with exactly
 * what a device is built from, and device_from_draft() is the one place that
 * builds it, so the two ways in cannot drift apart. The draft follows
 * json-glib's rules: a member given twice counts with its last value, and
 * values of the wrong type read as json_object_get_*_member_with_default()
 * read them (minus their critical warnings for objects and arrays). */

#define NO_TEXT G_MAXUINT

typedef enum {
  RAW_NONE,      /* member missing or null: the field is left alone */
  RAW_STRING,
  RAW_BOOLEAN,
  RAW_ARRAY,
  RAW_OTHER,     /* any other value: no value, but its origin is still recorded */
} RawKind;

typedef struct {
  RawKind  kind;
  gboolean flag;    /* RAW_BOOLEAN */
  guint    text;    /* RAW_STRING */
  guint    first;   /* RAW_ARRAY: range in items (lists) or services */
  guint    n;
} RawField;

/* One element of "services" that is an object. */
typedef struct {
  gint64 port;      /* json_object_get_int_member_with_default (o, "port", -1) */
  guint  proto;
  guint  name;
  guint  product;
} RawService;

/* A member of "origins" named after a field. */
typedef struct {
  gboolean present;
  gboolean is_object;
  guint    origin;
  guint    source;
} RawOrigin;

typedef struct {
  GString    *text;     /* every string read, each followed by a NUL */
  guint       id;
  guint       first_seen;
  guint       last_seen;
  RawField    fields[OM_DEVICE_N_FIELDS];
  gboolean    has_origins;   /* "origins" is an object */
  RawOrigin   origins[OM_DEVICE_N_FIELDS];
  GArray     *items;    /* of guint text offsets */
  GArray     *services; /* of RawService */
  GPtrArray  *strv;     /* scratch: one list as const char * */
  GString    *name;     /* scratch: member names */
} DeviceDraft;

/* Member names a device object may have, beyond the fields' keys. */
enum {
  MEMBER_ID = OM_DEVICE_N_FIELDS,
  MEMBER_FIRST_SEEN,
  MEMBER_LAST_SEEN,
  MEMBER_ORIGINS,
};

static void
device_draft_free (gpointer data)
{
  DeviceDraft *d = data;

  g_string_free (d->text, TRUE);
  g_array_unref (d->items);
  g_array_unref (d->services);
  g_ptr_array_unref (d->strv);
  g_string_free (d->name, TRUE);
  g_free (d);
}

/* One draft per thread, reused for every device it reads (no allocation per
 * device once the buffers have grown). */
static GPrivate draft_key = G_PRIVATE_INIT (device_draft_free);

static DeviceDraft *
device_draft_get (void)
{
  DeviceDraft *d = g_private_get (&draft_key);

  if (d == NULL)
    {
      d = g_new0 (DeviceDraft, 1);
      d->text = g_string_sized_new (2048);
      d->items = g_array_new (FALSE, FALSE, sizeof (guint));
      d->services = g_array_new (FALSE, FALSE, sizeof (RawService));
      d->strv = g_ptr_array_new ();
      d->name = g_string_sized_new (32);
      g_private_set (&draft_key, d);
    }
  g_string_truncate (d->text, 0);
  d->id = d->first_seen = d->last_seen = NO_TEXT;
  memset (d->fields, 0, sizeof d->fields);
  d->has_origins = FALSE;
  memset (d->origins, 0, sizeof d->origins);
  g_array_set_size (d->items, 0);
  g_array_set_size (d->services, 0);
  return d;
}

static const char *
draft_text (DeviceDraft *d,
            guint        offset)
{
  return offset == NO_TEXT ? NULL : d->text->str + offset;
}

static guint
draft_add_text (DeviceDraft *d,
                const char  *text)
{
  guint offset;

  if (text == NULL)
    return NO_TEXT;
  offset = (guint) d->text->len;
  g_string_append (d->text, text);
  g_string_append_c (d->text, '\0');
  return offset;
}

/* Which member of a device object @name is, or -1 for one that is ignored.
 * Every member of every device comes through here: a comparison or two, not a
 * hash. */
static int
device_member_index (const char *name)
{
  static const struct { const char *name; int index; } extra[] = {
    { "id", MEMBER_ID },
    { "first_seen", MEMBER_FIRST_SEEN },
    { "last_seen", MEMBER_LAST_SEEN },
    { "origins", MEMBER_ORIGINS },
  };
  static gint8 first[OM_DEVICE_N_FIELDS + G_N_ELEMENTS (extra)];
  static const char *names[OM_DEVICE_N_FIELDS + G_N_ELEMENTS (extra)];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
        names[f] = field_info[f].key;
      for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
        {
          g_assert (extra[i].index == (int) (OM_DEVICE_N_FIELDS + i));
          names[OM_DEVICE_N_FIELDS + i] = extra[i].name;
        }
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        first[i] = (gint8) names[i][0];
      g_once_init_leave (&ready, 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (first[i] == name[0] && strcmp (names[i], name) == 0)
      return (int) i;
  return -1;
}

/* ---- filling a draft from a JsonObject ---- */

/* What json_object_get_string_member_with_default (object, name, NULL) gives,
 * without its critical warning when the member is an object or an array: the
 * string, or NULL for anything else. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A port as json_object_get_int_member_with_default (o, "port", -1) reads it
 * (see draft_read_port()). */
static gint64
member_port (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "port");
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      return value > -1.0 && value < 65536.0 ? (gint64) value : -1;
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node) ? 1 : 0;
    default:
      return 0;
    }
}

static void
draft_take_field (DeviceDraft   *d,
                  OmDeviceField  f,
                  JsonNode      *node)
{
  RawField *raw = &d->fields[f];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  raw->kind = RAW_OTHER;
  switch (field_info[f].type)
    {
    case OM_FIELD_TYPE_STRING:
    case OM_FIELD_TYPE_ENUM:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          raw->kind = RAW_STRING;
          raw->text = draft_add_text (d, json_node_get_string (node));
        }
      break;
    case OM_FIELD_TYPE_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          raw->kind = RAW_BOOLEAN;
          raw->flag = json_node_get_boolean (node);
        }
      break;
    case OM_FIELD_TYPE_STRV:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          raw->kind = RAW_ARRAY;
          raw->first = d->items->len;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  guint offset = draft_add_text (d, json_node_get_string (item));

                  g_array_append_val (d->items, offset);
                }
            }
          raw->n = d->items->len - raw->first;
        }
      break;
    case OM_FIELD_TYPE_SERVICES:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          raw->kind = RAW_ARRAY;
          raw->first = d->services->len;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);
              JsonObject *o;
              RawService service;

              if (!JSON_NODE_HOLDS_OBJECT (item))
                continue;
              o = json_node_get_object (item);
              service.port = member_port (o);
              service.proto = draft_add_text (d, member_string (o, "proto"));
              service.name = draft_add_text (d, member_string (o, "name"));
              service.product = draft_add_text (d, member_string (o, "product"));
              g_array_append_val (d->services, service);
            }
          raw->n = d->services->len - raw->first;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
draft_fill_from_object (DeviceDraft *d,
                        JsonObject  *object)
{
  JsonNode *origins_node;

  d->id = draft_add_text (d, member_string (object, "id"));
  d->first_seen = draft_add_text (d, member_string (object, "first_seen"));
  d->last_seen = draft_add_text (d, member_string (object, "last_seen"));
  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    draft_take_field (d, f, json_object_get_member (object, field_info[f].key));

  origins_node = json_object_get_member (object, "origins");
  if (origins_node != NULL && JSON_NODE_HOLDS_OBJECT (origins_node))
    {
      JsonObject *origins = json_node_get_object (origins_node);

      d->has_origins = TRUE;
      for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
        {
          JsonNode *node = json_object_get_member (origins, field_info[f].key);
          RawOrigin *o = &d->origins[f];

          o->origin = o->source = NO_TEXT;
          if (node == NULL)
            continue;
          o->present = TRUE;
          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *obj = json_node_get_object (node);

              o->is_object = TRUE;
              o->origin = draft_add_text (d, member_string (obj, "origin"));
              o->source = draft_add_text (d, member_string (obj, "source"));
            }
        }
    }
}

/* ---- filling a draft from the pull reader ---- */

/* A member read with json_object_get_string_member_with_default (…, NULL):
 * the string, or NO_TEXT for any other value. */
static gboolean
draft_read_text (DeviceDraft  *d,
                 OmJsonReader *r,
                 guint        *out)
{
  *out = NO_TEXT;
  if (om_json_reader_peek (r) != OM_JSON_TOKEN_STRING)
    return om_json_reader_skip (r);
  *out = (guint) d->text->len;
  if (!om_json_reader_read_string (r, d->text))
    return FALSE;
  g_string_append_c (d->text, '\0');
  return TRUE;
}

/* json_object_get_int_member_with_default (o, "port", -1) with json-glib's
 * coercion of json_node_get_int(): a double is truncated, a boolean is 0 or 1,
 * a string is 0; null, objects and arrays give the default. */
static gboolean
draft_read_port (OmJsonReader *r,
                 gint64       *out)
{
  gboolean is_int, flag;
  gint64 int_value;
  double double_value;

  *out = -1;
  switch (om_json_reader_peek (r))
    {
    case OM_JSON_TOKEN_NUMBER:
      if (!om_json_reader_read_number (r, &is_int, &int_value, &double_value))
        return FALSE;
      if (is_int)
        *out = int_value;
      /* Out of range the conversion would be undefined; such a port is refused anyway. */
      else if (double_value > -1.0 && double_value < 65536.0)
        *out = (gint64) double_value;
      return TRUE;
    case OM_JSON_TOKEN_TRUE:
    case OM_JSON_TOKEN_FALSE:
      if (!om_json_reader_read_boolean (r, &flag))
        return FALSE;
      *out = flag ? 1 : 0;
      return TRUE;
    case OM_JSON_TOKEN_STRING:
      *out = 0;
      return om_json_reader_skip (r);
    case OM_JSON_TOKEN_NONE:
    case OM_JSON_TOKEN_OBJECT:
    case OM_JSON_TOKEN_ARRAY:
    case OM_JSON_TOKEN_NULL:
    default:
      return om_json_reader_skip (r);
    }
}

static gboolean
draft_read_service (DeviceDraft  *d,
                    OmJsonReader *r)
{
  RawService service = { -1, NO_TEXT, NO_TEXT, NO_TEXT };
  gboolean more;

  if (!om_json_reader_begin_object (r))
    return FALSE;
  for (guint i = 0; ; i++)
    {
      if (!om_json_reader_next_member (r, i, d->name, &more))
        return FALSE;
      if (!more)
        break;
      if (g_str_equal (d->name->str, "port"))
        {
          if (!draft_read_port (r, &service.port))
            return FALSE;
        }
      else if (g_str_equal (d->name->str, "proto"))
        {
          if (!draft_read_text (d, r, &service.proto))
            return FALSE;
        }
      else if (g_str_equal (d->name->str, "name"))
        {
          if (!draft_read_text (d, r, &service.name))
            return FALSE;
        }
      else if (g_str_equal (d->name->str, "product"))
        {
          if (!draft_read_text (d, r, &service.product))
            return FALSE;
        }
      else if (!om_json_reader_skip (r))
        return FALSE;
    }
  g_array_append_val (d->services, service);
  return TRUE;
}

static gboolean
draft_read_field (DeviceDraft   *d,
                  OmJsonReader  *r,
                  OmDeviceField  f)
{
  RawField *raw = &d->fields[f];
  OmJsonToken token = om_json_reader_peek (r);
  gboolean more;

  /* The last occurrence of a member is the one that counts. */
  memset (raw, 0, sizeof *raw);
  if (token == OM_JSON_TOKEN_NULL)
    return om_json_reader_skip (r);
  raw->kind = RAW_OTHER;

  switch (field_info[f].type)
    {
    case OM_FIELD_TYPE_STRING:
    case OM_FIELD_TYPE_ENUM:
      if (token != OM_JSON_TOKEN_STRING)
        return om_json_reader_skip (r);
      raw->kind = RAW_STRING;
      return draft_read_text (d, r, &raw->text);

    case OM_FIELD_TYPE_BOOLEAN:
      if (token != OM_JSON_TOKEN_TRUE && token != OM_JSON_TOKEN_FALSE)
        return om_json_reader_skip (r);
      raw->kind = RAW_BOOLEAN;
      return om_json_reader_read_boolean (r, &raw->flag);

    case OM_FIELD_TYPE_STRV:
      if (token != OM_JSON_TOKEN_ARRAY)
        return om_json_reader_skip (r);
      raw->kind = RAW_ARRAY;
      raw->first = d->items->len;
      if (!om_json_reader_begin_array (r))
        return FALSE;
      for (guint i = 0; ; i++)
        {
          guint offset;

          if (!om_json_reader_next_element (r, i, &more))
            return FALSE;
          if (!more)
            break;
          if (!draft_read_text (d, r, &offset))
            return FALSE;
          if (offset != NO_TEXT)
            g_array_append_val (d->items, offset);
        }
      raw->n = d->items->len - raw->first;
      return TRUE;

    case OM_FIELD_TYPE_SERVICES:
      if (token != OM_JSON_TOKEN_ARRAY)
        return om_json_reader_skip (r);
      raw->kind = RAW_ARRAY;
      raw->first = d->services->len;
      if (!om_json_reader_begin_array (r))
        return FALSE;
      for (guint i = 0; ; i++)
        {
          if (!om_json_reader_next_element (r, i, &more))
            return FALSE;
          if (!more)
            break;
          if (om_json_reader_peek (r) != OM_JSON_TOKEN_OBJECT)
            {
              if (!om_json_reader_skip (r))
                return FALSE;
            }
          else if (!draft_read_service (d, r))
            return FALSE;
        }
      raw->n = d->services->len - raw->first;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
draft_read_origin (DeviceDraft  *d,
                   OmJsonReader *r,
                   RawOrigin    *o)
{
  gboolean more;

  o->present = TRUE;
  o->is_object = FALSE;
  o->origin = o->source = NO_TEXT;
  if (om_json_reader_peek (r) != OM_JSON_TOKEN_OBJECT)
    return om_json_reader_skip (r);
  o->is_object = TRUE;
  if (!om_json_reader_begin_object (r))
    return FALSE;
  for (guint i = 0; ; i++)
    {
      if (!om_json_reader_next_member (r, i, d->name, &more))
        return FALSE;
      if (!more)
        return TRUE;
      if (g_str_equal (d->name->str, "origin"))
        {
          if (!draft_read_text (d, r, &o->origin))
            return FALSE;
        }
      else if (g_str_equal (d->name->str, "source"))
        {
          if (!draft_read_text (d, r, &o->source))
            return FALSE;
        }
      else if (!om_json_reader_skip (r))
        return FALSE;
    }
}

static gboolean
draft_read_origins (DeviceDraft  *d,
                    OmJsonReader *r)
{
  gboolean more;

  memset (d->origins, 0, sizeof d->origins);
  d->has_origins = FALSE;
  if (om_json_reader_peek (r) != OM_JSON_TOKEN_OBJECT)
    return om_json_reader_skip (r);
  d->has_origins = TRUE;
  if (!om_json_reader_begin_object (r))
    return FALSE;
  for (guint i = 0; ; i++)
    {
      OmDeviceField f;
      int index;

      if (!om_json_reader_next_member (r, i, d->name, &more))
        return FALSE;
      if (!more)
        return TRUE;
      index = device_member_index (d->name->str);
      if (index < 0 || index >= OM_DEVICE_N_FIELDS)
        {
          if (!om_json_reader_skip (r))
            return FALSE;
          continue;
        }
      f = (OmDeviceField) index;
      if (!draft_read_origin (d, r, &d->origins[f]))
        return FALSE;
    }
}

static gboolean
draft_fill_from_reader (DeviceDraft  *d,
                        OmJsonReader *r)
{
  gboolean more;

  if (!om_json_reader_begin_object (r))
    return FALSE;
  for (guint i = 0; ; i++)
    {
      int index;
      gboolean ok;

      if (!om_json_reader_next_member (r, i, d->name, &more))
        return FALSE;
      if (!more)
        return TRUE;
      index = device_member_index (d->name->str);
      switch (index)
        {
        case MEMBER_ID:
          ok = draft_read_text (d, r, &d->id);
          break;
        case MEMBER_FIRST_SEEN:
          ok = draft_read_text (d, r, &d->first_seen);
          break;
        case MEMBER_LAST_SEEN:
          ok = draft_read_text (d, r, &d->last_seen);
          break;
        case MEMBER_ORIGINS:
          ok = draft_read_origins (d, r);
          break;
        default:
          if (index >= 0 && index < OM_DEVICE_N_FIELDS)
            ok = draft_read_field (d, r, (OmDeviceField) index);
          else
            ok = om_json_reader_skip (r);   /* unknown members are not kept */
          break;
        }
      if (!ok)
        return FALSE;
    }
}

/* ---- building the device ---- */

/* om_origin_to_string() of each origin, filled in class_init. */
static const char *origin_names[OM_N_ORIGINS];

/* om_origin_from_string() without a GEnumClass lookup per call. */
static gboolean
origin_from_text (const char *text,
                  OmOrigin   *out)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < OM_N_ORIGINS; i++)
    if (strcmp (text, origin_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static GDateTime *
parse_datetime_text (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

static OmDevice *
device_from_draft (DeviceDraft  *d,
                   GError      **error)
{
  g_autoptr(OmDevice) self = NULL;
  const char *id = draft_text (d, d->id);

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A device in the data file has no valid identifier."));
      return NULL;
    }

  self = g_object_new (OM_TYPE_DEVICE, "id", id, NULL);
  self->quiet = TRUE;
  g_clear_pointer (&self->first_seen, g_date_time_unref);
  self->first_seen = parse_datetime_text (draft_text (d, d->first_seen));
  self->last_seen = parse_datetime_text (draft_text (d, d->last_seen));

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      const RawField *raw = &d->fields[f];
      const RawOrigin *o = &d->origins[f];
      OmOrigin origin = OM_ORIGIN_MANUAL;
      const char *source = NULL;

      if (raw->kind == RAW_NONE)
        continue;

      if (d->has_origins && o->present && o->is_object)
        {
          if (!origin_from_text (draft_text (d, o->origin), &origin))
            origin = OM_ORIGIN_MANUAL;
          source = draft_text (d, o->source);
        }

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          if (raw->kind == RAW_STRING)
            om_device_offer_string (self, f, draft_text (d, raw->text), OM_ORIGIN_MANUAL, NULL);
          break;
        case OM_FIELD_TYPE_STRV:
          if (raw->kind == RAW_ARRAY)
            {
              g_ptr_array_set_size (d->strv, 0);
              for (guint i = 0; i < raw->n; i++)
                g_ptr_array_add (d->strv, (gpointer) draft_text (d, g_array_index (d->items, guint, raw->first + i)));
              g_ptr_array_add (d->strv, NULL);
              om_device_offer_strv (self, f, (const char * const *) d->strv->pdata,
                                    OM_ORIGIN_MANUAL, NULL);
            }
          break;
        case OM_FIELD_TYPE_ENUM:
          if (raw->kind == RAW_STRING)
            {
              const char *text = draft_text (d, raw->text);

              if (f == OM_DEVICE_FIELD_KIND)
                {
                  OmDeviceKind kind;
                  if (om_device_kind_from_string (text, &kind))
                    self->values[f].num = kind;
                }
              else
                {
                  OmOwnership ownership;
                  if (om_ownership_from_string (text, &ownership))
                    self->values[f].num = ownership;
                }
            }
          break;
        case OM_FIELD_TYPE_BOOLEAN:
          if (raw->kind == RAW_BOOLEAN)
            self->values[f].flag = raw->flag;
          break;
        case OM_FIELD_TYPE_SERVICES:
          if (raw->kind == RAW_ARRAY)
            {
              for (guint i = 0; i < raw->n; i++)
                {
                  const RawService *rs = &g_array_index (d->services, RawService, raw->first + i);
                  OmService service;

                  if (rs->port < 0 || rs->port > 65535)
                    continue;
                  /* Borrowed strings: om_device_offer_service() copies what it keeps. */
                  service.port = (guint) rs->port;
                  service.proto = (char *) (draft_text (d, rs->proto) ?: "tcp");
                  service.name = (char *) draft_text (d, rs->name);
                  service.product = (char *) draft_text (d, rs->product);
                  om_device_offer_service (self, &service, OM_ORIGIN_MANUAL, NULL);
                }
            }
          break;
        default:
          g_assert_not_reached ();
        }

      /* The offers above ran as manual edits: put back the recorded origin. A value
       * without a record (older files) counts as typed by the admin. */
      if (d->has_origins && o->present)
        record_origin (self, f, origin, source);
      else if (field_has_value (self, f))
        record_origin (self, f, OM_ORIGIN_MANUAL, NULL);
      else
        record_origin (self, f, OM_ORIGIN_NONE, NULL);
    }

  self->quiet = FALSE;
  return g_steal_pointer (&self);
}

OmDevice *
om_device_new_from_json (JsonObject  *object,
                         GError     **error)
{
  DeviceDraft *d;

  g_return_val_if_fail (object != NULL, NULL);

  d = device_draft_get ();
  draft_fill_from_object (d, object);
  return device_from_draft (d, error);
}

OmDevice *
om_device_new_from_json_reader (OmJsonReader  *reader,
                                GError       **error)
{
  DeviceDraft *d;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (om_json_reader_peek (reader) == OM_JSON_TOKEN_OBJECT, NULL);

  d = device_draft_get ();
  if (!draft_fill_from_reader (d, reader))
    return NULL;
  return device_from_draft (d, error);
}

/* ------------------------------------------------------------------------- */
/* GObject */

static void
om_device_finalize (GObject *object)
{
  OmDevice *self = (OmDevice *) object;

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          g_free (self->values[f].str);
          break;
        case OM_FIELD_TYPE_STRV:
          g_clear_pointer (&self->values[f].strv, g_ptr_array_unref);
          break;
        case OM_FIELD_TYPE_SERVICES:
          g_clear_pointer (&self->values[f].services, g_ptr_array_unref);
          break;
        case OM_FIELD_TYPE_ENUM:
        case OM_FIELD_TYPE_BOOLEAN:
        default:
          break;
        }
      g_clear_pointer (&self->origins[f].source, g_ref_string_release);
    }
  g_free (self->id);
  g_clear_pointer (&self->first_seen, g_date_time_unref);
  g_clear_pointer (&self->last_seen, g_date_time_unref);
  g_clear_pointer (&self->more_watches, g_array_unref);

  G_OBJECT_CLASS (om_device_parent_class)->finalize (object);
}

static void
om_device_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OmDevice *self = OM_DEVICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      return;
    case PROP_FIRST_SEEN:
      g_value_set_boxed (value, self->first_seen);
      return;
    case PROP_LAST_SEEN:
      g_value_set_boxed (value, self->last_seen);
      return;
    case PROP_OS_DISPLAY:
      g_value_take_string (value, om_device_dup_os_display (self));
      return;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, om_device_dup_display_name (self));
      return;
    default:
      break;
    }

  if (prop_id >= PROP_FIELD_0 && prop_id < N_PROPS)
    {
      OmDeviceField f = prop_id - PROP_FIELD_0;

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          g_value_set_string (value, self->values[f].str);
          break;
        case OM_FIELD_TYPE_STRV:
          g_value_set_boxed (value, strv_array_view (self->values[f].strv));
          break;
        case OM_FIELD_TYPE_ENUM:
          g_value_set_enum (value, self->values[f].num);
          break;
        case OM_FIELD_TYPE_BOOLEAN:
          g_value_set_boolean (value, self->values[f].flag);
          break;
        case OM_FIELD_TYPE_SERVICES:
          g_value_take_string (value, om_device_dup_field_text (self, f));
          break;
        default:
          g_assert_not_reached ();
        }
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
om_device_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  OmDevice *self = OM_DEVICE (object);

  if (prop_id == PROP_ID)
    {
      const char *id = g_value_get_string (value);

      g_free (self->id);
      self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
      return;
    }
  if (prop_id == PROP_FIRST_SEEN)
    {
      om_device_set_first_seen (self, g_value_get_boxed (value));
      return;
    }
  if (prop_id == PROP_LAST_SEEN)
    {
      om_device_set_last_seen (self, g_value_get_boxed (value));
      return;
    }

  if (prop_id >= PROP_FIELD_0 && prop_id < N_PROPS)
    {
      OmDeviceField f = prop_id - PROP_FIELD_0;

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
          om_device_offer_string (self, f, g_value_get_string (value), OM_ORIGIN_MANUAL, NULL);
          break;
        case OM_FIELD_TYPE_STRV:
          {
            GPtrArray *list = build_list (f, g_value_get_boxed (value), NULL);

            if (list != NULL)
              replace_list (self, f, list, OM_ORIGIN_MANUAL, NULL);
          }
          break;
        case OM_FIELD_TYPE_ENUM:
          om_device_offer_enum (self, f, g_value_get_enum (value), OM_ORIGIN_MANUAL, NULL);
          break;
        case OM_FIELD_TYPE_BOOLEAN:
          om_device_offer_boolean (self, f, g_value_get_boolean (value), OM_ORIGIN_MANUAL, NULL);
          break;
        case OM_FIELD_TYPE_SERVICES:
          om_device_offer_field_text (self, f, g_value_get_string (value), OM_ORIGIN_MANUAL, NULL,
                                      NULL);
          break;
        default:
          g_assert_not_reached ();
        }
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
om_device_class_init (OmDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = om_device_finalize;
  object_class->get_property = om_device_get_property;
  object_class->set_property = om_device_set_property;

  for (guint i = 0; i < OM_N_ORIGINS; i++)
    origin_names[i] = om_origin_to_string (i);

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_SEEN] =
    g_param_spec_boxed ("first-seen", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_LAST_SEEN] =
    g_param_spec_boxed ("last-seen", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_OS_DISPLAY] =
    g_param_spec_string ("os-display", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      const char *name = field_info[f].property;
      GParamSpec *pspec;

      switch (field_info[f].type)
        {
        case OM_FIELD_TYPE_STRING:
        case OM_FIELD_TYPE_SERVICES:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, rw);
          break;
        case OM_FIELD_TYPE_STRV:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, rw);
          break;
        case OM_FIELD_TYPE_ENUM:
          pspec = g_param_spec_enum (name, NULL, NULL,
                                     f == OM_DEVICE_FIELD_KIND ? OM_TYPE_DEVICE_KIND
                                                               : OM_TYPE_OWNERSHIP,
                                     0, rw);
          break;
        case OM_FIELD_TYPE_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, rw);
          break;
        default:
          g_assert_not_reached ();
        }
      properties[PROP_FIELD_0 + f] = pspec;
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OmDevice::changed:
   *
   * Emitted after any field, first-seen or last-seen changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_device_init (OmDevice *self)
{
  self->first_seen = g_date_time_new_now_utc ();
}

OmDevice *
om_device_new (void)
{
  return g_object_new (OM_TYPE_DEVICE, NULL);
}

OmDevice *
om_device_new_with_id (const char *id)
{
  return g_object_new (OM_TYPE_DEVICE, "id", id, NULL);
}

/* ------------------------------------------------------------------------- */
/* Watchers */

void
om_device_add_watch (OmDevice          *self,
                     OmDeviceWatchFunc  func,
                     gpointer           user_data)
{
  Watch w = { func, user_data };

  g_return_if_fail (OM_IS_DEVICE (self));
  g_return_if_fail (func != NULL);

  if (self->watch_func == NULL)
    {
      self->watch_func = func;
      self->watch_data = user_data;
      return;
    }
  if (self->more_watches == NULL)
    self->more_watches = g_array_new (FALSE, FALSE, sizeof (Watch));
  g_array_append_val (self->more_watches, w);
}

void
om_device_remove_watch (OmDevice          *self,
                        OmDeviceWatchFunc  func,
                        gpointer           user_data)
{
  g_return_if_fail (OM_IS_DEVICE (self));

  if (self->watch_func == func && self->watch_data == user_data)
    {
      self->watch_func = NULL;
      self->watch_data = NULL;
      /* Keep the inline slot filled if there are others. */
      if (self->more_watches != NULL && self->more_watches->len > 0)
        {
          Watch *w = &g_array_index (self->more_watches, Watch, 0);

          self->watch_func = w->func;
          self->watch_data = w->data;
          g_array_remove_index (self->more_watches, 0);
        }
      return;
    }
  if (self->more_watches != NULL)
    for (guint i = 0; i < self->more_watches->len; i++)
      {
        Watch *w = &g_array_index (self->more_watches, Watch, i);

        if (w->func == func && w->data == user_data)
          {
            g_array_remove_index (self->more_watches, i);
            return;
          }
      }
  g_return_if_reached ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmDevice: one thing on the office network. Every field remembers its origin
 * (manual / imported / discovered + source): om_device_offer_*() only replaces a
 * value whose origin ranks no higher than the new one, so a later scan never
 * overwrites what the admin typed. Setting a property through GObject (the editor)
 * records it as a manual edit.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-enums.h"
#include "om-json-read.h"

G_BEGIN_DECLS

typedef enum {
  OM_DEVICE_FIELD_NAME,
  OM_DEVICE_FIELD_KIND,
  OM_DEVICE_FIELD_OWNERSHIP,
  OM_DEVICE_FIELD_REGISTERED,
  OM_DEVICE_FIELD_USER,          /* staff member id (or a free name) */
  OM_DEVICE_FIELD_LOCATION,
  OM_DEVICE_FIELD_MACS,          /* strv, lower-case aa:bb:cc:dd:ee:ff */
  OM_DEVICE_FIELD_IPV4,          /* strv */
  OM_DEVICE_FIELD_IPV6,          /* strv */
  OM_DEVICE_FIELD_HOSTNAMES,     /* strv */
  OM_DEVICE_FIELD_VENDOR,
  OM_DEVICE_FIELD_MODEL,
  OM_DEVICE_FIELD_OS_FAMILY,     /* "windows", "macos", "linux", "dsm", … free text allowed */
  OM_DEVICE_FIELD_OS_NAME,       /* what was typed or reported: "Windows 10 Pro 22H2" */
  OM_DEVICE_FIELD_OS_VERSION,
  OM_DEVICE_FIELD_OS_BUILD,
  OM_DEVICE_FIELD_OS_EDITION,
  OM_DEVICE_FIELD_IDENTIFIERS,   /* strv of stable ids: "ipp-uuid:…", "snmp-engine:…", "netbios:…" */
  OM_DEVICE_FIELD_SERVICES,      /* OmService list */
  OM_DEVICE_FIELD_NOTES,
  OM_DEVICE_N_FIELDS
} OmDeviceField;

typedef enum {
  OM_FIELD_TYPE_STRING,
  OM_FIELD_TYPE_STRV,
  OM_FIELD_TYPE_ENUM,
  OM_FIELD_TYPE_BOOLEAN,
  OM_FIELD_TYPE_SERVICES,
} OmFieldType;

/* A service seen on a device (port/proto/name and an optional product banner). */
typedef struct {
  guint  port;
  char  *proto;    /* "tcp" / "udp" */
  char  *name;     /* "ssh", "ipp", "smb", … */
  char  *product;  /* banner / server header, may be NULL */
} OmService;

#define OM_TYPE_SERVICE (om_service_get_type ())
GType       om_service_get_type (void) G_GNUC_CONST;
OmService  *om_service_new  (guint port, const char *proto, const char *name, const char *product);
OmService  *om_service_copy (const OmService *service);
void        om_service_free (OmService *service);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmService, om_service_free)

#define OM_TYPE_DEVICE (om_device_get_type ())
G_DECLARE_FINAL_TYPE (OmDevice, om_device, OM, DEVICE, GObject)

/* Field metadata: the JSON/CSV key ("os_name"), the GObject property ("os-name"). */
const char   *om_device_field_get_key      (OmDeviceField field);
const char   *om_device_field_get_property (OmDeviceField field);
OmFieldType   om_device_field_get_type     (OmDeviceField field);
const char   *om_device_field_get_label    (OmDeviceField field);   /* translated */
gboolean      om_device_field_from_key     (const char *key, OmDeviceField *out);

OmDevice     *om_device_new                (void);                  /* fresh UUID, first-seen now */
OmDevice     *om_device_new_with_id        (const char *id);

const char   *om_device_get_id             (OmDevice *self);
const char   *om_device_get_name           (OmDevice *self);
OmDeviceKind  om_device_get_kind           (OmDevice *self);
OmOwnership   om_device_get_ownership      (OmDevice *self);
gboolean      om_device_get_registered     (OmDevice *self);
const char   *om_device_get_user           (OmDevice *self);
const char   *om_device_get_location       (OmDevice *self);
const char * const *om_device_get_macs      (OmDevice *self);   /* never NULL */
const char * const *om_device_get_ipv4      (OmDevice *self);
const char * const *om_device_get_ipv6      (OmDevice *self);
const char * const *om_device_get_hostnames (OmDevice *self);
const char * const *om_device_get_identifiers (OmDevice *self);
const char   *om_device_get_vendor         (OmDevice *self);
const char   *om_device_get_model          (OmDevice *self);
const char   *om_device_get_os_family      (OmDevice *self);
const char   *om_device_get_os_name        (OmDevice *self);
const char   *om_device_get_os_version     (OmDevice *self);
const char   *om_device_get_os_build       (OmDevice *self);
const char   *om_device_get_os_edition     (OmDevice *self);
const char   *om_device_get_notes          (OmDevice *self);
GPtrArray    *om_device_get_services       (OmDevice *self);   /* (element-type OmService), borrowed */
GDateTime    *om_device_get_first_seen     (OmDevice *self);
GDateTime    *om_device_get_last_seen      (OmDevice *self);   /* NULL if never seen by a scan */

/* One line for lists: os_name if set, else family + version + edition. Caller frees. */
char         *om_device_dup_os_display     (OmDevice *self);
/* Name if set, else first host name, else first address, else MAC. Caller frees. */
char         *om_device_dup_display_name   (OmDevice *self);

/* Manual edits (what the editor calls; g_object_set does the same). */
void          om_device_set_name           (OmDevice *self, const char *name);
void          om_device_set_kind           (OmDevice *self, OmDeviceKind kind);
void          om_device_set_ownership      (OmDevice *self, OmOwnership ownership);
void          om_device_set_registered     (OmDevice *self, gboolean registered);
void          om_device_set_user           (OmDevice *self, const char *user);
void          om_device_set_location       (OmDevice *self, const char *location);
void          om_device_set_vendor         (OmDevice *self, const char *vendor);
void          om_device_set_model          (OmDevice *self, const char *model);
void          om_device_set_os_name        (OmDevice *self, const char *os_name);
void          om_device_set_notes          (OmDevice *self, const char *notes);
void          om_device_set_last_seen      (OmDevice *self, GDateTime *when);
void          om_device_set_first_seen     (OmDevice *self, GDateTime *when);

/* Generic, origin-aware setters. Each returns TRUE if the value was applied
 * (the new origin ranks at least as high as the field's current origin and the
 * value differs). @source says which probe or file ("snmp", "mdns", "import:staff.csv"). */
gboolean      om_device_offer_string       (OmDevice *self, OmDeviceField field, const char *value,
                                            OmOrigin origin, const char *source);
gboolean      om_device_offer_enum         (OmDevice *self, OmDeviceField field, int value,
                                            OmOrigin origin, const char *source);
gboolean      om_device_offer_boolean      (OmDevice *self, OmDeviceField field, gboolean value,
                                            OmOrigin origin, const char *source);
gboolean      om_device_offer_strv         (OmDevice *self, OmDeviceField field,
                                            const char * const *values,
                                            OmOrigin origin, const char *source);
/* Adds @value to a list field if missing (lists grow by discovery without replacing). */
gboolean      om_device_add_to_list        (OmDevice *self, OmDeviceField field, const char *value,
                                            OmOrigin origin, const char *source);
gboolean      om_device_offer_service      (OmDevice *self, const OmService *service,
                                            OmOrigin origin, const char *source);

OmOrigin      om_device_get_field_origin   (OmDevice *self, OmDeviceField field);
const char   *om_device_get_field_source   (OmDevice *self, OmDeviceField field);
/* Field value as text (lists joined by ", ", enums as their stable id). Caller frees. */
char         *om_device_dup_field_text     (OmDevice *self, OmDeviceField field);
/* Sets a field from text (the inverse of dup_field_text; lists split on , ; or space).
 * Returns FALSE with @error for a value that does not parse (unknown kind, bad MAC). */
gboolean      om_device_offer_field_text   (OmDevice *self, OmDeviceField field, const char *text,
                                            OmOrigin origin, const char *source, GError **error);

gboolean      om_device_matches_text       (OmDevice *self, const char *casefolded_needle);

/* Serialisation for the store and JSON export. */
void          om_device_to_json            (OmDevice *self, JsonBuilder *builder);
OmDevice     *om_device_new_from_json      (JsonObject *object, GError **error);
/* The same, reading the object @reader is at straight from the text (the
 * store's loader). NULL with @error set for an object that is not a device;
 * NULL with @error untouched when the text itself is broken (the reader
 * reports that: om_json_reader_failed()). */
OmDevice     *om_device_new_from_json_reader (OmJsonReader *reader, GError **error);
/* Appends the device as compact JSON text: byte for byte what a JsonGenerator
 * writes for om_device_to_json() (but see om_json_append_string() for
 * U+001F), without building nodes. */
void          om_device_append_json        (OmDevice *self, GString *out);

/* MAC helpers: normalise "AA-BB-CC-DD-EE-FF"/"aabb.ccdd.eeff" to "aa:bb:cc:dd:ee:ff"
 * (NULL if not a MAC); a locally administered (randomised) address has bit 1 of octet 0. */
char         *om_mac_normalize             (const char *text);
gboolean      om_mac_is_locally_administered (const char *normalized_mac);

/* Called on every ::changed of the device, before the signal's handlers: for
 * OmInventory, which watches every device it holds, without the cost of a
 * signal connection per device. Remove the watch before @user_data goes. */
typedef void (*OmDeviceWatchFunc) (OmDevice *device,
                                   gpointer  user_data);

void          om_device_add_watch    (OmDevice          *self,
                                      OmDeviceWatchFunc  func,
                                      gpointer           user_data);
void          om_device_remove_watch (OmDevice          *self,
                                      OmDeviceWatchFunc  func,
                                      gpointer           user_data);

G_END_DECLS

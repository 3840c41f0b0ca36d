/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmSnmpv3Set: the non-secret half of one SNMPv3 credential set — a label, the
 * USM user name, the protocols, the security level and the addresses it applies
 * to. It lives in the data file (OmSnmpv3Sets); its passphrases live only in the
 * Secret Service, in one item found by the set's id (om-secrets.c). Immutable:
 * an edit replaces the set in the list under the same id.
 *
 * "Applies to" is a list of IPv4 addresses ("10.0.0.5"), CIDR blocks
 * ("10.0.0.0/24") and ranges ("10.0.0.10-10.0.0.20", "10.0.0.10-20"); an empty
 * list means every address. For an address the most specific matching set wins:
 * a single address beats a range or block, a smaller block beats a larger one,
 * and any of them beats "every address".
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define OM_SNMPV3_SET_MAX_LABEL   64
#define OM_SNMPV3_SET_MAX_USER    32
#define OM_SNMPV3_SET_MAX_TARGETS 64

/* Specificity of a match: the number of addresses in the entry that matched;
 * OM_SNMPV3_SET_NO_MATCH when nothing did, OM_SNMPV3_SET_MATCH_ALL for a set
 * that applies to every address. Lower is more specific. */
#define OM_SNMPV3_SET_NO_MATCH   G_MAXUINT64
#define OM_SNMPV3_SET_MATCH_ALL  (G_GUINT64_CONSTANT (1) << 33)

#define OM_SNMPV3_SET_ERROR (om_snmpv3_set_error_quark ())
typedef enum {
  OM_SNMPV3_SET_ERROR_INVALID,
} OmSnmpv3SetError;
GQuark om_snmpv3_set_error_quark (void);

#define OM_TYPE_SNMPV3_SET (om_snmpv3_set_get_type ())
G_DECLARE_FINAL_TYPE (OmSnmpv3Set, om_snmpv3_set, OM, SNMPV3_SET, GObject)

/* Protocol and level names as stored ("sha256", "aes", "authPriv"); NULL-terminated. */
const char * const *om_snmpv3_set_auth_names  (void);
const char * const *om_snmpv3_set_priv_names  (void);
const char * const *om_snmpv3_set_level_names (void);
/* "SHA-256", "AES-128", … for display (not translated: protocol names). */
const char         *om_snmpv3_set_display_name (const char *name);

/* Validates everything and returns NULL with a translated OM_SNMPV3_SET_ERROR
 * that says what to fix. @id NULL makes a new id. @applies_to is the text the
 * admin typed (commas, spaces or new lines between entries; "" = every address). */
OmSnmpv3Set *om_snmpv3_set_new            (const char  *id,
                                           const char  *label,
                                           const char  *user,
                                           const char  *auth,
                                           const char  *priv,
                                           const char  *level,
                                           const char  *applies_to,
                                           GError     **error);
/* Checks "applies to" text alone (for live feedback in an entry). */
gboolean     om_snmpv3_set_check_targets  (const char  *applies_to,
                                           GError     **error);

const char  *om_snmpv3_set_get_id         (OmSnmpv3Set *self);
const char  *om_snmpv3_set_get_label      (OmSnmpv3Set *self);
const char  *om_snmpv3_set_get_user       (OmSnmpv3Set *self);
const char  *om_snmpv3_set_get_auth       (OmSnmpv3Set *self);
const char  *om_snmpv3_set_get_priv       (OmSnmpv3Set *self);
const char  *om_snmpv3_set_get_level      (OmSnmpv3Set *self);
/* TRUE for authPriv/authNoPriv (an authentication passphrase is needed),
 * and for authPriv a privacy passphrase too. */
gboolean     om_snmpv3_set_needs_auth_pass (OmSnmpv3Set *self);
gboolean     om_snmpv3_set_needs_priv_pass (OmSnmpv3Set *self);
/* Normalised entries (borrowed, NULL-terminated; empty = every address). */
const char * const *om_snmpv3_set_get_targets (OmSnmpv3Set *self);
/* "10.0.0.5, 10.0.0.0/24", or "" for every address. */
char        *om_snmpv3_set_dup_targets_text (OmSnmpv3Set *self);
gboolean     om_snmpv3_set_applies_to_all (OmSnmpv3Set *self);

/* See OM_SNMPV3_SET_NO_MATCH. @address is an IPv4 address in host order. */
guint64      om_snmpv3_set_match          (OmSnmpv3Set *self,
                                           guint32      address);
guint64      om_snmpv3_set_match_string   (OmSnmpv3Set *self,
                                           const char  *address);

JsonNode    *om_snmpv3_set_to_json        (OmSnmpv3Set *self);
OmSnmpv3Set *om_snmpv3_set_new_from_json  (JsonNode    *node,
                                           GError     **error);

G_END_DECLS

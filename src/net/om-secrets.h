/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Credentials in the Secret Service (libsecret), and nowhere else: not in the
 * data file, not in a log, not in an export. One schema,
 * "jp.omamori.Omamori.Credential", with the attributes kind ("snmpv3"), scope
 * (a host address, or "default" for the whole office), user (the SNMPv3 user
 * name), auth/priv (the protocols) and part ("auth" or "priv": the two
 * passphrases are two items). Attributes are not secret; only the passphrases
 * are, and they live in memory only as long as a scan needs them: free an
 * OmSnmpV3Credentials with om_snmpv3_credentials_free(), which wipes them.
 *
 * Credential sets (OmSnmpv3Set, one per device group): one item per set, with
 * the attributes kind ("snmpv3-set") and set (the set's id); its secret holds
 * both passphrases, one per line. The user name, protocols and addresses are in
 * the data file. The single set of older versions (kind "snmpv3", scope
 * "default", two items) is migrated by om_secrets_migrate_snmpv3().
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "om-snmpv3-set.h"

G_BEGIN_DECLS

#define OM_SECRETS_DEFAULT_SCOPE "default"
/* net-snmp refuses passphrases shorter than 8 characters (RFC 3414 §11.2). */
#define OM_SECRETS_MIN_PASSPHRASE 8
#define OM_SECRETS_MAX_PASSPHRASE 256
#define OM_SECRETS_MAX_USER       32

#define OM_SECRETS_ERROR (om_secrets_error_quark ())
typedef enum {
  OM_SECRETS_ERROR_INVALID,      /* bad user name, protocol or passphrase */
  OM_SECRETS_ERROR_UNAVAILABLE,  /* no Secret Service, or it refused */
} OmSecretsError;
GQuark om_secrets_error_quark (void);

typedef enum {
  OM_SNMP_AUTH_SHA,      /* HMAC-SHA-96 (usmHMACSHA1AuthProtocol) */
  OM_SNMP_AUTH_SHA256,   /* HMAC-192-SHA-256 (RFC 7860) */
  OM_SNMP_AUTH_SHA224,   /* HMAC-128-SHA-224 */
  OM_SNMP_AUTH_SHA384,   /* HMAC-256-SHA-384 */
  OM_SNMP_AUTH_SHA512,   /* HMAC-384-SHA-512 */
  OM_SNMP_AUTH_MD5,      /* HMAC-MD5-96: old devices only */
} OmSnmpAuthProtocol;

typedef enum {
  OM_SNMP_PRIV_AES,      /* CFB128-AES-128 (RFC 3826) */
  OM_SNMP_PRIV_AES192,   /* AES-192 (draft-blumenthal-aes-usm-04) */
  OM_SNMP_PRIV_AES256,   /* AES-256 (draft-blumenthal-aes-usm-04) */
  OM_SNMP_PRIV_DES,      /* CBC-DES: old devices only */
} OmSnmpPrivProtocol;

typedef enum {
  OM_SNMP_LEVEL_AUTH_PRIV,       /* the default, and all older versions knew */
  OM_SNMP_LEVEL_AUTH_NO_PRIV,
  OM_SNMP_LEVEL_NO_AUTH_NO_PRIV,
} OmSnmpSecurityLevel;

const char *om_snmp_security_level_to_string   (OmSnmpSecurityLevel level);
gboolean    om_snmp_security_level_from_string (const char *text, OmSnmpSecurityLevel *out);

const char *om_snmp_auth_protocol_to_string   (OmSnmpAuthProtocol proto);
gboolean    om_snmp_auth_protocol_from_string (const char *text, OmSnmpAuthProtocol *out);
const char *om_snmp_priv_protocol_to_string   (OmSnmpPrivProtocol proto);
gboolean    om_snmp_priv_protocol_from_string (const char *text, OmSnmpPrivProtocol *out);

typedef struct {
  char               *user;
  OmSnmpAuthProtocol  auth_proto;
  char               *auth_pass;   /* secret */
  OmSnmpPrivProtocol  priv_proto;
  char               *priv_pass;   /* secret */
  OmSnmpSecurityLevel level;
  char               *label;       /* the set's name, for evidence; NULL for the old single set */
} OmSnmpV3Credentials;

#define OM_TYPE_SNMPV3_CREDENTIALS (om_snmpv3_credentials_get_type ())
GType                om_snmpv3_credentials_get_type (void) G_GNUC_CONST;
OmSnmpV3Credentials *om_snmpv3_credentials_new      (const char         *user,
                                                     OmSnmpAuthProtocol  auth_proto,
                                                     const char         *auth_pass,
                                                     OmSnmpPrivProtocol  priv_proto,
                                                     const char         *priv_pass);
OmSnmpV3Credentials *om_snmpv3_credentials_copy     (const OmSnmpV3Credentials *creds);
/* From a set's non-secret part and its passphrases (NULL where the level needs none). */
OmSnmpV3Credentials *om_snmpv3_credentials_new_for_set (OmSnmpv3Set *set,
                                                        const char  *auth_pass,
                                                        const char  *priv_pass);
/* Overwrites both passphrases before freeing them. */
void                 om_snmpv3_credentials_free     (OmSnmpV3Credentials *creds);
/* FALSE with OM_SECRETS_ERROR_INVALID if net-snmp could not use them. */
gboolean             om_snmpv3_credentials_validate (const OmSnmpV3Credentials *creds,
                                                     GError                   **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmSnmpV3Credentials, om_snmpv3_credentials_free)

/* Overwrites a string with zeros and frees it. */
void                 om_secrets_wipe_free           (char *secret);

const SecretSchema  *om_secrets_get_schema          (void);

/* Replaces whatever is stored for @scope (NULL: the default scope). */
void                 om_secrets_store_snmpv3_async  (const char                *scope,
                                                     const OmSnmpV3Credentials *creds,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean             om_secrets_store_snmpv3_finish (GAsyncResult  *result,
                                                     GError       **error);
/* NULL without an error if nothing (or only half a pair) is stored for @scope. */
void                 om_secrets_lookup_snmpv3_async (const char          *scope,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
OmSnmpV3Credentials *om_secrets_lookup_snmpv3_finish (GAsyncResult  *result,
                                                      GError       **error);
void                 om_secrets_clear_snmpv3_async  (const char          *scope,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* TRUE also when there was nothing to clear. */
gboolean             om_secrets_clear_snmpv3_finish (GAsyncResult  *result,
                                                     GError       **error);

/* Blocking forms of the above (for omamori-cli and worker threads; never on
 * the GTK main thread). */
gboolean             om_secrets_store_snmpv3        (const char                *scope,
                                                     const OmSnmpV3Credentials *creds,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);
OmSnmpV3Credentials *om_secrets_lookup_snmpv3       (const char    *scope,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
gboolean             om_secrets_clear_snmpv3        (const char    *scope,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

/* Credential sets (blocking; for omamori-cli and worker threads). @set is
 * immutable, so it may be used from any thread. */
/* Stores the passphrases of @set, replacing its item. A NULL passphrase keeps
 * the stored one (an edit that changes only the name or addresses). */
gboolean             om_secrets_store_snmpv3_set    (OmSnmpv3Set   *set,
                                                     const char    *auth_pass,
                                                     const char    *priv_pass,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
/* NULL without an error if the keyring has nothing for @set (and its level
 * needs passphrases). */
OmSnmpV3Credentials *om_secrets_lookup_snmpv3_set   (OmSnmpv3Set   *set,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
/* TRUE also when there was nothing to clear. */
gboolean             om_secrets_clear_snmpv3_set    (const char    *set_id,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
/* Moves the single set of older versions (kind "snmpv3", scope "default") to a
 * credential set that applies to every address: stores the new item, removes
 * the old ones, and returns the new set for the caller to put into the data
 * file's OmSnmpv3Sets. NULL without an error when there was nothing to migrate. */
OmSnmpv3Set         *om_secrets_migrate_snmpv3      (GCancellable  *cancellable,
                                                     GError       **error);

G_END_DECLS

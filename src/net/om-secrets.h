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
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

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
} OmSnmpAuthProtocol;

typedef enum {
  OM_SNMP_PRIV_AES,      /* CFB128-AES-128 (RFC 3826) */
} OmSnmpPrivProtocol;

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
} OmSnmpV3Credentials;

#define OM_TYPE_SNMPV3_CREDENTIALS (om_snmpv3_credentials_get_type ())
GType                om_snmpv3_credentials_get_type (void) G_GNUC_CONST;
OmSnmpV3Credentials *om_snmpv3_credentials_new      (const char         *user,
                                                     OmSnmpAuthProtocol  auth_proto,
                                                     const char         *auth_pass,
                                                     OmSnmpPrivProtocol  priv_proto,
                                                     const char         *priv_pass);
OmSnmpV3Credentials *om_snmpv3_credentials_copy     (const OmSnmpV3Credentials *creds);
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

G_END_DECLS

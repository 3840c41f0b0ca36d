/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-secrets"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-secrets.h"

/* Nothing in this file logs a passphrase, or an error text that could quote one. */

G_DEFINE_QUARK (om-secrets-error-quark, om_secrets_error)

#define KIND_SNMPV3 "snmpv3"

const SecretSchema *
om_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "jp.omamori.Omamori.Credential", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "scope", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "auth", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "priv", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "part", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
om_secrets_wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  /* Through a volatile pointer so the compiler cannot drop the stores as dead. */
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

const char *
om_snmp_auth_protocol_to_string (OmSnmpAuthProtocol proto)
{
  return proto == OM_SNMP_AUTH_SHA256 ? "sha256" : "sha";
}

gboolean
om_snmp_auth_protocol_from_string (const char         *text,
                                   OmSnmpAuthProtocol *out)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "sha") == 0 || g_ascii_strcasecmp (text, "sha1") == 0)
    *out = OM_SNMP_AUTH_SHA;
  else if (g_ascii_strcasecmp (text, "sha256") == 0 || g_ascii_strcasecmp (text, "sha-256") == 0)
    *out = OM_SNMP_AUTH_SHA256;
  else
    return FALSE;
  return TRUE;
}

const char *
om_snmp_priv_protocol_to_string (OmSnmpPrivProtocol proto)
{
  (void) proto;
  return "aes";
}

gboolean
om_snmp_priv_protocol_from_string (const char         *text,
                                   OmSnmpPrivProtocol *out)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "aes") == 0 || g_ascii_strcasecmp (text, "aes128") == 0)
    {
      *out = OM_SNMP_PRIV_AES;
      return TRUE;
    }
  return FALSE;
}

OmSnmpV3Credentials *
om_snmpv3_credentials_new (const char         *user,
                           OmSnmpAuthProtocol  auth_proto,
                           const char         *auth_pass,
                           OmSnmpPrivProtocol  priv_proto,
                           const char         *priv_pass)
{
  OmSnmpV3Credentials *creds = g_new0 (OmSnmpV3Credentials, 1);

  creds->user = g_strdup (user);
  creds->auth_proto = auth_proto;
  creds->auth_pass = g_strdup (auth_pass);
  creds->priv_proto = priv_proto;
  creds->priv_pass = g_strdup (priv_pass);
  return creds;
}

OmSnmpV3Credentials *
om_snmpv3_credentials_copy (const OmSnmpV3Credentials *creds)
{
  if (creds == NULL)
    return NULL;
  return om_snmpv3_credentials_new (creds->user, creds->auth_proto, creds->auth_pass,
                                    creds->priv_proto, creds->priv_pass);
}

void
om_snmpv3_credentials_free (OmSnmpV3Credentials *creds)
{
  if (creds == NULL)
    return;
  g_free (creds->user);
  om_secrets_wipe_free (creds->auth_pass);
  om_secrets_wipe_free (creds->priv_pass);
  g_free (creds);
}

G_DEFINE_BOXED_TYPE (OmSnmpV3Credentials, om_snmpv3_credentials,
                     om_snmpv3_credentials_copy, om_snmpv3_credentials_free)

static gboolean
passphrase_ok (const char *pass)
{
  gsize len;

  if (pass == NULL)
    return FALSE;
  len = strlen (pass);
  if (len < OM_SECRETS_MIN_PASSPHRASE || len > OM_SECRETS_MAX_PASSPHRASE)
    return FALSE;
  if (!g_utf8_validate (pass, -1, NULL))
    return FALSE;
  for (const char *p = pass; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      return FALSE;
  return TRUE;
}

gboolean
om_snmpv3_credentials_validate (const OmSnmpV3Credentials *creds,
                                GError                   **error)
{
  g_return_val_if_fail (creds != NULL, FALSE);

  if (creds->user == NULL || *creds->user == '\0' || strlen (creds->user) > OM_SECRETS_MAX_USER
      || !g_utf8_validate (creds->user, -1, NULL))
    {
      g_set_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_INVALID,
                   _("The SNMPv3 user name must be 1 to %d characters long. Enter the user name configured on the device."),
                   OM_SECRETS_MAX_USER);
      return FALSE;
    }
  for (const char *p = creds->user; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ')
      {
        g_set_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_INVALID,
                     _("The SNMPv3 user name must not contain spaces or control characters."));
        return FALSE;
      }
  if (!passphrase_ok (creds->auth_pass) || !passphrase_ok (creds->priv_pass))
    {
      g_set_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_INVALID,
                   _("Each SNMPv3 passphrase must be %d to %d characters long, on one line. Use the passphrases configured on the device."),
                   OM_SECRETS_MIN_PASSPHRASE, OM_SECRETS_MAX_PASSPHRASE);
      return FALSE;
    }
  return TRUE;
}

/* A libsecret error may carry D-Bus detail; it never contains a passphrase,
 * but give the user a message that says what to do. */
static void
set_unavailable (GError     **error,
                 GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_UNAVAILABLE,
               _("The keyring (Secret Service) could not be used: %s. Unlock the login keyring or start a keyring service, then try again."),
               cause != NULL ? cause->message : _("no reply"));
  g_clear_error (&cause);
}

static const char *
scope_or_default (const char *scope)
{
  return scope != NULL && *scope != '\0' ? scope : OM_SECRETS_DEFAULT_SCOPE;
}

gboolean
om_secrets_clear_snmpv3 (const char    *scope,
                         GCancellable  *cancellable,
                         GError       **error)
{
  GError *local = NULL;

  /* secret_password_clear removes every matching item: both halves, whatever the user. */
  secret_password_clear_sync (om_secrets_get_schema (), cancellable, &local,
                              "kind", KIND_SNMPV3,
                              "scope", scope_or_default (scope),
                              NULL);
  if (local != NULL)
    {
      set_unavailable (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
om_secrets_store_snmpv3 (const char                *scope,
                         const OmSnmpV3Credentials *creds,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  const SecretSchema *schema = om_secrets_get_schema ();
  const char *sc = scope_or_default (scope);
  const char *auth = om_snmp_auth_protocol_to_string (creds->auth_proto);
  const char *priv = om_snmp_priv_protocol_to_string (creds->priv_proto);
  g_autofree char *label_auth = NULL;
  g_autofree char *label_priv = NULL;
  GError *local = NULL;

  if (!om_snmpv3_credentials_validate (creds, error))
    return FALSE;
  /* A new user name would otherwise leave the old pair behind. */
  if (!om_secrets_clear_snmpv3 (sc, cancellable, error))
    return FALSE;

  label_auth = g_strdup_printf (_("Omamori SNMPv3 authentication passphrase (%s, %s)"), creds->user, sc);
  label_priv = g_strdup_printf (_("Omamori SNMPv3 privacy passphrase (%s, %s)"), creds->user, sc);
  if (!secret_password_store_sync (schema, SECRET_COLLECTION_DEFAULT, label_auth, creds->auth_pass,
                                   cancellable, &local,
                                   "kind", KIND_SNMPV3, "scope", sc, "user", creds->user,
                                   "auth", auth, "priv", priv, "part", "auth", NULL)
      || !secret_password_store_sync (schema, SECRET_COLLECTION_DEFAULT, label_priv, creds->priv_pass,
                                      cancellable, &local,
                                      "kind", KIND_SNMPV3, "scope", sc, "user", creds->user,
                                      "auth", auth, "priv", priv, "part", "priv", NULL))
    {
      /* Never leave half a pair behind. */
      om_secrets_clear_snmpv3 (sc, NULL, NULL);
      set_unavailable (error, local);
      return FALSE;
    }
  return TRUE;
}

static char *
retrieve_text (SecretRetrievable *item,
               GCancellable      *cancellable,
               GError           **error)
{
  SecretValue *value = secret_retrievable_retrieve_secret_sync (item, cancellable, error);
  const char *text;
  char *copy = NULL;

  if (value == NULL)
    return NULL;
  text = secret_value_get_text (value);
  if (text != NULL)
    copy = g_strdup (text);
  secret_value_unref (value);
  return copy;
}

OmSnmpV3Credentials *
om_secrets_lookup_snmpv3 (const char    *scope,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const SecretSchema *schema = om_secrets_get_schema ();
  const char *sc = scope_or_default (scope);
  GList *found;
  GError *local = NULL;
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  const char *user;
  OmSnmpAuthProtocol auth_proto;
  OmSnmpPrivProtocol priv_proto;
  char *auth_pass;
  char *priv_pass;

  found = secret_password_search_sync (schema,
                                       SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                       cancellable, &local,
                                       "kind", KIND_SNMPV3, "scope", sc, "part", "auth", NULL);
  if (local != NULL)
    {
      g_list_free_full (found, g_object_unref);
      set_unavailable (error, local);
      return NULL;
    }
  if (found == NULL)
    return NULL;

  attrs = secret_retrievable_get_attributes (found->data);
  user = g_hash_table_lookup (attrs, "user");
  if (user == NULL
      || !om_snmp_auth_protocol_from_string (g_hash_table_lookup (attrs, "auth"), &auth_proto)
      || !om_snmp_priv_protocol_from_string (g_hash_table_lookup (attrs, "priv"), &priv_proto))
    {
      g_list_free_full (found, g_object_unref);
      return NULL;
    }

  auth_pass = retrieve_text (found->data, cancellable, &local);
  g_list_free_full (found, g_object_unref);
  if (local != NULL)
    {
      set_unavailable (error, local);
      return NULL;
    }
  if (auth_pass == NULL)
    return NULL;

  priv_pass = secret_password_lookup_sync (schema, cancellable, &local,
                                           "kind", KIND_SNMPV3, "scope", sc, "user", user,
                                           "part", "priv", NULL);
  if (local != NULL || priv_pass == NULL)
    {
      om_secrets_wipe_free (auth_pass);
      if (local != NULL)
        set_unavailable (error, local);
      return NULL;
    }

  creds = g_new0 (OmSnmpV3Credentials, 1);
  creds->user = g_strdup (user);
  creds->auth_proto = auth_proto;
  creds->auth_pass = auth_pass;
  creds->priv_proto = priv_proto;
  creds->priv_pass = g_strdup (priv_pass);
  secret_password_free (priv_pass);   /* libsecret wipes its own copy */
  return g_steal_pointer (&creds);
}

/* The async forms run the blocking ones in a worker thread: libsecret's sync
 * calls iterate a private main context, so they are safe there. */

typedef struct {
  char                *scope;
  OmSnmpV3Credentials *creds;
} SecretsJob;

static void
secrets_job_free (SecretsJob *job)
{
  g_free (job->scope);
  om_snmpv3_credentials_free (job->creds);
  g_free (job);
}

static GTask *
secrets_task_new (const char          *scope,
                  const OmSnmpV3Credentials *creds,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SecretsJob *job = g_new0 (SecretsJob, 1);

  g_task_set_source_tag (task, source_tag);
  job->scope = g_strdup (scope_or_default (scope));
  job->creds = om_snmpv3_credentials_copy (creds);
  g_task_set_task_data (task, job, (GDestroyNotify) secrets_job_free);
  return task;
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SecretsJob *job = task_data;
  GError *error = NULL;

  if (om_secrets_store_snmpv3 (job->scope, job->creds, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
om_secrets_store_snmpv3_async (const char                *scope,
                               const OmSnmpV3Credentials *creds,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (creds != NULL);
  task = secrets_task_new (scope, creds, om_secrets_store_snmpv3_async,
                           cancellable, callback, user_data);
  g_task_run_in_thread (task, store_thread);
}

gboolean
om_secrets_store_snmpv3_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SecretsJob *job = task_data;
  GError *error = NULL;
  OmSnmpV3Credentials *creds = om_secrets_lookup_snmpv3 (job->scope, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, creds, (GDestroyNotify) om_snmpv3_credentials_free);
}

void
om_secrets_lookup_snmpv3_async (const char          *scope,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = secrets_task_new (scope, NULL, om_secrets_lookup_snmpv3_async,
                                            cancellable, callback, user_data);

  g_task_run_in_thread (task, lookup_thread);
}

OmSnmpV3Credentials *
om_secrets_lookup_snmpv3_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SecretsJob *job = task_data;
  GError *error = NULL;

  if (om_secrets_clear_snmpv3 (job->scope, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
om_secrets_clear_snmpv3_async (const char          *scope,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = secrets_task_new (scope, NULL, om_secrets_clear_snmpv3_async,
                                            cancellable, callback, user_data);

  g_task_run_in_thread (task, clear_thread);
}

gboolean
om_secrets_clear_snmpv3_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

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
#define KIND_SNMPV3_SET "snmpv3-set"

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
      { "set", SECRET_SCHEMA_ATTRIBUTE_STRING },
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

/* The names match om-snmpv3-set.c (the data file's spelling). */
static const char * const auth_names[] = {
  [OM_SNMP_AUTH_SHA] = "sha", [OM_SNMP_AUTH_SHA256] = "sha256", [OM_SNMP_AUTH_SHA224] = "sha224",
  [OM_SNMP_AUTH_SHA384] = "sha384", [OM_SNMP_AUTH_SHA512] = "sha512", [OM_SNMP_AUTH_MD5] = "md5",
};
static const char * const priv_names[] = {
  [OM_SNMP_PRIV_AES] = "aes", [OM_SNMP_PRIV_AES192] = "aes192", [OM_SNMP_PRIV_AES256] = "aes256",
  [OM_SNMP_PRIV_DES] = "des",
};
static const char * const level_names[] = {
  [OM_SNMP_LEVEL_AUTH_PRIV] = "authPriv", [OM_SNMP_LEVEL_AUTH_NO_PRIV] = "authNoPriv",
  [OM_SNMP_LEVEL_NO_AUTH_NO_PRIV] = "noAuthNoPriv",
};

const char *
om_snmp_auth_protocol_to_string (OmSnmpAuthProtocol proto)
{
  return (guint) proto < G_N_ELEMENTS (auth_names) ? auth_names[proto] : "sha";
}

/* Also accepts the spellings of snmpd.conf and the command line ("SHA-256", "sha1"). */
static char *
canonical (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '-' && *p != '_')
      g_string_append_c (s, g_ascii_tolower (*p));
  if (g_str_equal (s->str, "sha1"))
    g_string_assign (s, "sha");
  if (g_str_equal (s->str, "aes128"))
    g_string_assign (s, "aes");
  return g_string_free (s, FALSE);
}

gboolean
om_snmp_auth_protocol_from_string (const char         *text,
                                   OmSnmpAuthProtocol *out)
{
  g_autofree char *c = NULL;

  if (text == NULL)
    return FALSE;
  c = canonical (text);
  for (guint i = 0; i < G_N_ELEMENTS (auth_names); i++)
    if (g_str_equal (auth_names[i], c))
      {
        *out = (OmSnmpAuthProtocol) i;
        return TRUE;
      }
  return FALSE;
}

const char *
om_snmp_priv_protocol_to_string (OmSnmpPrivProtocol proto)
{
  return (guint) proto < G_N_ELEMENTS (priv_names) ? priv_names[proto] : "aes";
}

gboolean
om_snmp_priv_protocol_from_string (const char         *text,
                                   OmSnmpPrivProtocol *out)
{
  g_autofree char *c = NULL;

  if (text == NULL)
    return FALSE;
  c = canonical (text);
  for (guint i = 0; i < G_N_ELEMENTS (priv_names); i++)
    if (g_str_equal (priv_names[i], c))
      {
        *out = (OmSnmpPrivProtocol) i;
        return TRUE;
      }
  return FALSE;
}

const char *
om_snmp_security_level_to_string (OmSnmpSecurityLevel level)
{
  return (guint) level < G_N_ELEMENTS (level_names) ? level_names[level] : "authPriv";
}

gboolean
om_snmp_security_level_from_string (const char          *text,
                                    OmSnmpSecurityLevel *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (level_names); i++)
    if (g_ascii_strcasecmp (level_names[i], text) == 0)
      {
        *out = (OmSnmpSecurityLevel) i;
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
om_snmpv3_credentials_new_for_set (OmSnmpv3Set *set,
                                   const char  *auth_pass,
                                   const char  *priv_pass)
{
  OmSnmpV3Credentials *creds;
  OmSnmpAuthProtocol auth = OM_SNMP_AUTH_SHA;
  OmSnmpPrivProtocol priv = OM_SNMP_PRIV_AES;
  OmSnmpSecurityLevel level = OM_SNMP_LEVEL_AUTH_PRIV;

  g_return_val_if_fail (OM_IS_SNMPV3_SET (set), NULL);
  /* The set validated its names; these cannot fail for a set that exists. */
  om_snmp_auth_protocol_from_string (om_snmpv3_set_get_auth (set), &auth);
  om_snmp_priv_protocol_from_string (om_snmpv3_set_get_priv (set), &priv);
  om_snmp_security_level_from_string (om_snmpv3_set_get_level (set), &level);
  creds = om_snmpv3_credentials_new (om_snmpv3_set_get_user (set), auth,
                                     level != OM_SNMP_LEVEL_NO_AUTH_NO_PRIV ? auth_pass : NULL,
                                     priv, level == OM_SNMP_LEVEL_AUTH_PRIV ? priv_pass : NULL);
  creds->level = level;
  creds->label = g_strdup (om_snmpv3_set_get_label (set));
  return creds;
}

OmSnmpV3Credentials *
om_snmpv3_credentials_copy (const OmSnmpV3Credentials *creds)
{
  OmSnmpV3Credentials *copy;

  if (creds == NULL)
    return NULL;
  copy = om_snmpv3_credentials_new (creds->user, creds->auth_proto, creds->auth_pass,
                                    creds->priv_proto, creds->priv_pass);
  copy->level = creds->level;
  copy->label = g_strdup (creds->label);
  return copy;
}

void
om_snmpv3_credentials_free (OmSnmpV3Credentials *creds)
{
  if (creds == NULL)
    return;
  g_free (creds->user);
  g_free (creds->label);
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
  if ((creds->level != OM_SNMP_LEVEL_NO_AUTH_NO_PRIV && !passphrase_ok (creds->auth_pass))
      || (creds->level == OM_SNMP_LEVEL_AUTH_PRIV && !passphrase_ok (creds->priv_pass)))
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

/* ------------------------------------------------------------------------- */
/* Credential sets: one item per set */

static char *
set_item_label (OmSnmpv3Set *set)
{
  /* Translators: the keyring item's name; "Omamori SNMPv3 credentials “NAS” (user nasadmin)" */
  return g_strdup_printf (_("Omamori SNMPv3 credentials “%s” (user %s)"),
                          om_snmpv3_set_get_label (set), om_snmpv3_set_get_user (set));
}

/* The secret of an item: the two passphrases, one per line (neither may hold a
 * new line). Split into two fresh strings; the caller wipes them. */
static void
split_secret (const char  *text,
              char       **auth_pass,
              char       **priv_pass)
{
  const char *nl = strchr (text, '\n');

  if (nl == NULL)
    {
      *auth_pass = g_strdup (text);
      *priv_pass = g_strdup ("");
      return;
    }
  *auth_pass = g_strndup (text, (gsize) (nl - text));
  *priv_pass = g_strdup (nl + 1);
}

static gboolean
lookup_set_secret (const char    *set_id,
                   char         **auth_pass,
                   char         **priv_pass,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GError *local = NULL;
  char *text = secret_password_lookup_sync (om_secrets_get_schema (), cancellable, &local,
                                            "kind", KIND_SNMPV3_SET, "set", set_id, NULL);

  *auth_pass = *priv_pass = NULL;
  if (local != NULL)
    {
      set_unavailable (error, local);
      return FALSE;
    }
  if (text == NULL)
    return TRUE;
  split_secret (text, auth_pass, priv_pass);
  secret_password_free (text);   /* libsecret wipes its own copy */
  return TRUE;
}

gboolean
om_secrets_store_snmpv3_set (OmSnmpv3Set   *set,
                             const char    *auth_pass,
                             const char    *priv_pass,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  char *old_auth = NULL, *old_priv = NULL;
  g_autofree char *label = NULL;
  char *secret;
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (OM_IS_SNMPV3_SET (set), FALSE);

  if (auth_pass == NULL || priv_pass == NULL)
    {
      if (!lookup_set_secret (om_snmpv3_set_get_id (set), &old_auth, &old_priv, cancellable, error))
        return FALSE;
    }
  creds = om_snmpv3_credentials_new_for_set (set, auth_pass != NULL ? auth_pass : old_auth,
                                             priv_pass != NULL ? priv_pass : old_priv);
  om_secrets_wipe_free (old_auth);
  om_secrets_wipe_free (old_priv);
  if (!om_snmpv3_credentials_validate (creds, error))
    return FALSE;

  label = set_item_label (set);
  secret = g_strdup_printf ("%s\n%s", creds->auth_pass != NULL ? creds->auth_pass : "",
                            creds->priv_pass != NULL ? creds->priv_pass : "");
  /* Same attributes: libsecret replaces the item rather than adding a second. */
  ok = secret_password_store_sync (om_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                   cancellable, &local,
                                   "kind", KIND_SNMPV3_SET, "set", om_snmpv3_set_get_id (set), NULL);
  om_secrets_wipe_free (secret);
  if (!ok)
    {
      set_unavailable (error, local);
      return FALSE;
    }
  return TRUE;
}

OmSnmpV3Credentials *
om_secrets_lookup_snmpv3_set (OmSnmpv3Set   *set,
                              GCancellable  *cancellable,
                              GError       **error)
{
  char *auth_pass = NULL, *priv_pass = NULL;
  OmSnmpV3Credentials *creds;

  g_return_val_if_fail (OM_IS_SNMPV3_SET (set), NULL);
  if (!lookup_set_secret (om_snmpv3_set_get_id (set), &auth_pass, &priv_pass, cancellable, error))
    return NULL;
  if (auth_pass == NULL && om_snmpv3_set_needs_auth_pass (set))
    return NULL;
  creds = om_snmpv3_credentials_new_for_set (set, auth_pass, priv_pass);
  om_secrets_wipe_free (auth_pass);
  om_secrets_wipe_free (priv_pass);
  return creds;
}

gboolean
om_secrets_clear_snmpv3_set (const char    *set_id,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GError *local = NULL;

  g_return_val_if_fail (set_id != NULL && *set_id != '\0', FALSE);
  secret_password_clear_sync (om_secrets_get_schema (), cancellable, &local,
                              "kind", KIND_SNMPV3_SET, "set", set_id, NULL);
  if (local != NULL)
    {
      set_unavailable (error, local);
      return FALSE;
    }
  return TRUE;
}

OmSnmpv3Set *
om_secrets_migrate_snmpv3 (GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(OmSnmpV3Credentials) old = NULL;
  g_autoptr(OmSnmpv3Set) set = NULL;
  GError *local = NULL;

  old = om_secrets_lookup_snmpv3 (NULL, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (old == NULL)
    return NULL;
  /* Translators: the name given to the one SNMPv3 credential set an older
   * version kept; it applies to every device. */
  set = om_snmpv3_set_new (NULL, _("All devices"), old->user,
                           om_snmp_auth_protocol_to_string (old->auth_proto),
                           om_snmp_priv_protocol_to_string (old->priv_proto),
                           "authPriv", "", error);
  if (set == NULL)
    return NULL;
  /* New item first, then the old ones go: a failure in between leaves both,
   * never neither. */
  if (!om_secrets_store_snmpv3_set (set, old->auth_pass, old->priv_pass, cancellable, error)
      || !om_secrets_clear_snmpv3 (NULL, cancellable, error))
    return NULL;
  return g_steal_pointer (&set);
}

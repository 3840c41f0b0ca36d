/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * om-secrets against a real Secret Service: run by run-secret-tests.sh inside
 * dbus-run-session with a throw-away gnome-keyring.
 */
#define G_LOG_DOMAIN "test-secrets"

#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "om-document.h"
#include "om-secrets.h"
#include "om-snmpv3-sets.h"

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Wait *w = data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_result (Wait *w)
{
  g_main_loop_run (w->loop);
  return w->result;
}

static gboolean
store (const char *scope, const OmSnmpV3Credentials *creds, GError **error)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean ok;

  om_secrets_store_snmpv3_async (scope, creds, NULL, on_done_cb, &w);
  ok = om_secrets_store_snmpv3_finish (wait_result (&w), error);
  g_object_unref (w.result);
  g_main_loop_unref (w.loop);
  return ok;
}

static OmSnmpV3Credentials *
lookup (const char *scope)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  OmSnmpV3Credentials *creds;

  om_secrets_lookup_snmpv3_async (scope, NULL, on_done_cb, &w);
  creds = om_secrets_lookup_snmpv3_finish (wait_result (&w), &error);
  g_assert_no_error (error);
  g_object_unref (w.result);
  g_main_loop_unref (w.loop);
  return creds;
}

static void
clear (const char *scope)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;

  om_secrets_clear_snmpv3_async (scope, NULL, on_done_cb, &w);
  g_assert_true (om_secrets_clear_snmpv3_finish (wait_result (&w), &error));
  g_assert_no_error (error);
  g_object_unref (w.result);
  g_main_loop_unref (w.loop);
}

/* How many items of our schema the keyring holds for @scope, asked through
 * libsecret directly (not through om-secrets). */
static guint
count_items (const char *scope)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (om_secrets_get_schema (), SECRET_SEARCH_ALL, NULL, &error,
                                              "kind", "snmpv3", "scope", scope, NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
test_protocols (void)
{
  OmSnmpAuthProtocol auth;
  OmSnmpPrivProtocol priv;

  g_assert_true (om_snmp_auth_protocol_from_string ("SHA", &auth));
  g_assert_cmpint (auth, ==, OM_SNMP_AUTH_SHA);
  g_assert_true (om_snmp_auth_protocol_from_string ("sha256", &auth));
  g_assert_cmpint (auth, ==, OM_SNMP_AUTH_SHA256);
  g_assert_cmpstr (om_snmp_auth_protocol_to_string (auth), ==, "sha256");
  g_assert_true (om_snmp_auth_protocol_from_string ("SHA-512", &auth));
  g_assert_cmpint (auth, ==, OM_SNMP_AUTH_SHA512);
  g_assert_true (om_snmp_auth_protocol_from_string ("md5", &auth));
  g_assert_cmpint (auth, ==, OM_SNMP_AUTH_MD5);
  g_assert_false (om_snmp_auth_protocol_from_string ("sha3", &auth));
  g_assert_false (om_snmp_auth_protocol_from_string (NULL, &auth));
  g_assert_true (om_snmp_priv_protocol_from_string ("aes", &priv));
  g_assert_true (om_snmp_priv_protocol_from_string ("AES-256", &priv));
  g_assert_cmpint (priv, ==, OM_SNMP_PRIV_AES256);
  g_assert_cmpstr (om_snmp_priv_protocol_to_string (priv), ==, "aes256");
  g_assert_true (om_snmp_priv_protocol_from_string ("des", &priv));
  g_assert_false (om_snmp_priv_protocol_from_string ("3des", &priv));
  /* Every name the data file may hold maps to a protocol, and back. */
  for (const char * const *n = om_snmpv3_set_auth_names (); *n != NULL; n++)
    {
      g_assert_true (om_snmp_auth_protocol_from_string (*n, &auth));
      g_assert_cmpstr (om_snmp_auth_protocol_to_string (auth), ==, *n);
    }
  for (const char * const *n = om_snmpv3_set_priv_names (); *n != NULL; n++)
    {
      g_assert_true (om_snmp_priv_protocol_from_string (*n, &priv));
      g_assert_cmpstr (om_snmp_priv_protocol_to_string (priv), ==, *n);
    }
}

static guint
count_kind (const char *kind)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (om_secrets_get_schema (), SECRET_SEARCH_ALL, NULL, &error,
                                              "kind", kind, NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

/* One item per set, both passphrases in it; a NULL passphrase keeps the stored one. */
static void
test_set_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) nas = om_snmpv3_set_new (NULL, "NAS", "nasadmin", "sha256", "aes", "authPriv",
                                                  "10.0.0.20", &error);
  g_autoptr(OmSnmpv3Set) renamed = NULL;
  g_autoptr(OmSnmpv3Set) plain = om_snmpv3_set_new (NULL, "Old printer", "public-user", "md5", "des",
                                                    "authNoPriv", "10.0.0.30", &error);
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  g_autoptr(OmSnmpV3Credentials) creds2 = NULL;
  g_autoptr(OmSnmpV3Credentials) creds3 = NULL;

  g_assert_no_error (error);
  g_assert_null (om_secrets_lookup_snmpv3_set (nas, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (om_secrets_store_snmpv3_set (nas, "short", "privpass123", NULL, &error));
  g_assert_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (om_secrets_store_snmpv3_set (nas, "authpass123", "privpass123", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind ("snmpv3-set"), ==, 1);

  creds = om_secrets_lookup_snmpv3_set (nas, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (creds);
  g_assert_cmpstr (creds->user, ==, "nasadmin");
  g_assert_cmpstr (creds->label, ==, "NAS");
  g_assert_cmpint (creds->auth_proto, ==, OM_SNMP_AUTH_SHA256);
  g_assert_cmpint (creds->level, ==, OM_SNMP_LEVEL_AUTH_PRIV);
  g_assert_cmpstr (creds->auth_pass, ==, "authpass123");
  g_assert_cmpstr (creds->priv_pass, ==, "privpass123");

  /* An edit without passphrases (new name, same id) keeps them, in the same item. */
  renamed = om_snmpv3_set_new (om_snmpv3_set_get_id (nas), "NAS (rack)", "nasadmin", "sha256", "aes",
                               "authPriv", "10.0.0.20", &error);
  g_assert_true (om_secrets_store_snmpv3_set (renamed, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind ("snmpv3-set"), ==, 1);
  creds2 = om_secrets_lookup_snmpv3_set (renamed, NULL, &error);
  g_assert_cmpstr (creds2->auth_pass, ==, "authpass123");
  g_assert_cmpstr (creds2->label, ==, "NAS (rack)");

  /* authNoPriv needs no privacy passphrase. */
  g_assert_true (om_secrets_store_snmpv3_set (plain, "md5-auth-pass", NULL, NULL, &error));
  g_assert_no_error (error);
  creds3 = om_secrets_lookup_snmpv3_set (plain, NULL, &error);
  g_assert_nonnull (creds3);
  g_assert_cmpint (creds3->level, ==, OM_SNMP_LEVEL_AUTH_NO_PRIV);
  g_assert_null (creds3->priv_pass);
  g_assert_cmpuint (count_kind ("snmpv3-set"), ==, 2);

  g_assert_true (om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (nas), NULL, &error));
  g_assert_null (om_secrets_lookup_snmpv3_set (nas, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind ("snmpv3-set"), ==, 1);
  g_assert_true (om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (plain), NULL, &error));
  g_assert_cmpuint (count_kind ("snmpv3-set"), ==, 0);
}

/* The single set of older versions becomes one set for every address: in the
 * data file without its passphrases, in the keyring as one item; the old pair
 * is gone, and a second migration finds nothing. */
static void
test_migrate_single_set (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpV3Credentials) old =
    om_snmpv3_credentials_new ("omamori", OM_SNMP_AUTH_SHA256, "authpass123", OM_SNMP_PRIV_AES, "privpass123");
  g_autoptr(OmSnmpv3Set) set = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  g_autoptr(OmDocument) doc = om_document_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  OmSnmpv3Sets *sets;

  g_assert_true (om_secrets_store_snmpv3 (NULL, old, NULL, &error));
  g_assert_cmpuint (count_kind ("snmpv3"), ==, 2);

  set = om_secrets_migrate_snmpv3 (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_true (om_snmpv3_set_applies_to_all (set));
  g_assert_cmpstr (om_snmpv3_set_get_user (set), ==, "omamori");
  g_assert_cmpstr (om_snmpv3_set_get_auth (set), ==, "sha256");
  g_assert_cmpstr (om_snmpv3_set_get_priv (set), ==, "aes");
  g_assert_cmpstr (om_snmpv3_set_get_level (set), ==, "authPriv");
  g_assert_cmpuint (count_kind ("snmpv3"), ==, 0);
  g_assert_cmpuint (count_kind ("snmpv3-set"), ==, 1);
  g_assert_null (om_secrets_lookup_snmpv3 (NULL, NULL, &error));

  creds = om_secrets_lookup_snmpv3_set (set, NULL, &error);
  g_assert_nonnull (creds);
  g_assert_cmpstr (creds->auth_pass, ==, "authpass123");
  g_assert_cmpstr (creds->priv_pass, ==, "privpass123");

  /* Into the data file: the set is there, the passphrases are not. */
  sets = om_snmpv3_sets_get_for_document (doc);
  om_snmpv3_sets_put (sets, set);
  node = om_document_dup_section_node (doc, OM_SNMPV3_SETS_SECTION);
  json = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (json, "\"user\":\"omamori\""));
  g_assert_nonnull (strstr (json, "\"applies_to\":[]"));
  g_assert_null (strstr (json, "authpass123"));
  g_assert_null (strstr (json, "privpass123"));
  g_assert_true (om_snmpv3_sets_best_for (sets, "192.168.1.10") == set);

  g_assert_null (om_secrets_migrate_snmpv3 (NULL, &error));
  g_assert_no_error (error);
  g_assert_true (om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (set), NULL, NULL));
}

static void
test_validate (void)
{
  struct {
    const char *user, *auth, *priv;
    gboolean    ok;
  } cases[] = {
    { "omamori", "authpass123", "privpass123", TRUE },
    { "", "authpass123", "privpass123", FALSE },
    { "two words", "authpass123", "privpass123", FALSE },
    { "omamori", "short", "privpass123", FALSE },
    { "omamori", "authpass123", "line\nbreak1", FALSE },
    { "omamori", "authpass123", NULL, FALSE },
    { "a-very-long-user-name-longer-than-32-bytes", "authpass123", "privpass123", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OmSnmpV3Credentials) c = om_snmpv3_credentials_new (cases[i].user, OM_SNMP_AUTH_SHA, cases[i].auth,
                                                                    OM_SNMP_PRIV_AES, cases[i].priv);
      g_autoptr(GError) error = NULL;
      gboolean ok = om_snmpv3_credentials_validate (c, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_INVALID);
          /* The message never quotes what was typed. */
          if (cases[i].auth != NULL)
            g_assert_null (strstr (error->message, cases[i].auth));
        }
    }
}

static void
test_store_lookup_overwrite_clear (void)
{
  g_autoptr(OmSnmpV3Credentials) first =
    om_snmpv3_credentials_new ("omamori", OM_SNMP_AUTH_SHA, "authpass123", OM_SNMP_PRIV_AES, "privpass123");
  g_autoptr(OmSnmpV3Credentials) second =
    om_snmpv3_credentials_new ("nasadmin", OM_SNMP_AUTH_SHA256, "other-auth-456", OM_SNMP_PRIV_AES, "other-priv-456");
  g_autoptr(OmSnmpV3Credentials) bad =
    om_snmpv3_credentials_new ("nasadmin", OM_SNMP_AUTH_SHA, "short", OM_SNMP_PRIV_AES, "other-priv-456");
  g_autoptr(GError) error = NULL;
  OmSnmpV3Credentials *got;

  clear (NULL);
  g_assert_null (lookup (NULL));

  g_assert_true (store (NULL, first, &error));
  g_assert_no_error (error);
  got = lookup (OM_SECRETS_DEFAULT_SCOPE);
  g_assert_nonnull (got);
  g_assert_cmpstr (got->user, ==, "omamori");
  g_assert_cmpint (got->auth_proto, ==, OM_SNMP_AUTH_SHA);
  g_assert_cmpstr (got->auth_pass, ==, "authpass123");
  g_assert_cmpint (got->priv_proto, ==, OM_SNMP_PRIV_AES);
  g_assert_cmpstr (got->priv_pass, ==, "privpass123");
  om_snmpv3_credentials_free (got);
  g_assert_cmpuint (count_items (OM_SECRETS_DEFAULT_SCOPE), ==, 2);

  /* The passphrases are what libsecret holds, item by item. */
  {
    char *pass = secret_password_lookup_sync (om_secrets_get_schema (), NULL, &error,
                                              "kind", "snmpv3", "scope", "default", "part", "priv", NULL);
    g_assert_no_error (error);
    g_assert_cmpstr (pass, ==, "privpass123");
    secret_password_free (pass);
  }

  /* A host of its own does not disturb the default. */
  g_assert_true (store ("10.203.0.20", second, &error));
  g_assert_no_error (error);
  got = lookup ("10.203.0.20");
  g_assert_cmpstr (got->user, ==, "nasadmin");
  om_snmpv3_credentials_free (got);
  got = lookup (NULL);
  g_assert_cmpstr (got->user, ==, "omamori");
  om_snmpv3_credentials_free (got);

  /* Overwrite with another user: the old pair is gone, not left beside it. */
  g_assert_true (store (NULL, second, &error));
  g_assert_no_error (error);
  got = lookup (NULL);
  g_assert_cmpstr (got->user, ==, "nasadmin");
  g_assert_cmpint (got->auth_proto, ==, OM_SNMP_AUTH_SHA256);
  g_assert_cmpstr (got->auth_pass, ==, "other-auth-456");
  g_assert_cmpstr (got->priv_pass, ==, "other-priv-456");
  om_snmpv3_credentials_free (got);
  g_assert_cmpuint (count_items (OM_SECRETS_DEFAULT_SCOPE), ==, 2);

  /* Invalid credentials are refused and the stored ones stay. */
  g_assert_false (store (NULL, bad, &error));
  g_assert_error (error, OM_SECRETS_ERROR, OM_SECRETS_ERROR_INVALID);
  g_clear_error (&error);
  got = lookup (NULL);
  g_assert_cmpstr (got->user, ==, "nasadmin");
  om_snmpv3_credentials_free (got);

  /* Half a pair (someone deleted one item) reads as nothing. */
  g_assert_true (secret_password_clear_sync (om_secrets_get_schema (), NULL, &error,
                                             "kind", "snmpv3", "scope", "default", "part", "priv", NULL));
  g_assert_null (lookup (NULL));

  clear (NULL);
  g_assert_cmpuint (count_items (OM_SECRETS_DEFAULT_SCOPE), ==, 0);
  g_assert_null (lookup (NULL));
  clear (NULL);   /* nothing to clear is fine */
  got = lookup ("10.203.0.20");
  g_assert_nonnull (got);
  om_snmpv3_credentials_free (got);
  clear ("10.203.0.20");
  g_assert_null (lookup ("10.203.0.20"));
}

static void
test_copy (void)
{
  g_autoptr(OmSnmpV3Credentials) a =
    om_snmpv3_credentials_new ("omamori", OM_SNMP_AUTH_SHA256, "authpass123", OM_SNMP_PRIV_AES, "privpass123");
  g_autoptr(OmSnmpV3Credentials) b = om_snmpv3_credentials_copy (a);

  g_assert_true (b != a);
  g_assert_true (b->auth_pass != a->auth_pass);
  g_assert_cmpstr (b->auth_pass, ==, "authpass123");
  g_assert_cmpstr (b->priv_pass, ==, "privpass123");
  g_assert_cmpint (b->auth_proto, ==, OM_SNMP_AUTH_SHA256);
  g_assert_null (om_snmpv3_credentials_copy (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);   /* no ISOLATE_DIRS: the keyring lives under the runner's XDG dirs */
  g_test_add_func ("/secrets/protocols", test_protocols);
  g_test_add_func ("/secrets/validate", test_validate);
  g_test_add_func ("/secrets/copy", test_copy);
  g_test_add_func ("/secrets/store-lookup-overwrite-clear", test_store_lookup_overwrite_clear);
  g_test_add_func ("/secrets/set/store-lookup-clear", test_set_store_lookup_clear);
  g_test_add_func ("/secrets/set/migrate-single-set", test_migrate_single_set);
  return g_test_run ();
}

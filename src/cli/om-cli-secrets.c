/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * SNMPv3 credential sets, as in Preferences → Network:
 * omamori-cli secrets list
 * omamori-cli secrets add --label NAME --user USER [--auth P] [--priv P] [--level L]
 *                         [--applies-to "10.0.0.5, 10.0.0.0/24"] [--replace ID|NAME]
 * omamori-cli secrets remove ID|NAME
 * and, for the set that applies to every address (what older versions had):
 * omamori-cli secrets set-snmpv3 USER [--auth P] [--priv P] | show-snmpv3 | clear-snmpv3
 * Passphrases are read from stdin (or a prompt without echo), one line each —
 * never from the command line, where other users could read them in ps — and
 * kept only in the Secret Service. Names, users and addresses are in the data file.
 */
#define G_LOG_DOMAIN "om-cli-secrets"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "om-cli.h"
#include "om-document.h"
#include "om-secrets.h"
#include "om-snmpv3-sets.h"
#include "om-store.h"

/* Reads one line into a fixed buffer (so no copy of the secret is left in a
 * reallocated heap block), without echo on a terminal. NULL at end of input or
 * for a line longer than the limit. */
static char *
read_secret_line (const char *prompt)
{
  char buf[OM_SECRETS_MAX_PASSPHRASE + 2];
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  gboolean restored = TRUE;
  char *line = NULL;
  gsize len;

  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &old) == 0)
        {
          quiet = old;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          restored = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) != 0;
        }
    }
  if (fgets (buf, sizeof buf, stdin) != NULL)
    {
      len = strlen (buf);
      if (len > 0 && buf[len - 1] == '\n')
        {
          buf[--len] = '\0';
          if (len > 0 && buf[len - 1] == '\r')
            buf[--len] = '\0';
          line = g_strdup (buf);
        }
      else if (feof (stdin))
        line = g_strdup (buf);   /* last line without a newline */
      /* else: longer than any acceptable passphrase; refuse it. */
    }
  if (tty)
    {
      if (!restored)
        tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
      fprintf (stderr, "\n");
    }
  for (volatile char *p = buf; p < buf + sizeof buf; p++)
    *p = '\0';
  return line;
}

/* The data file with its credential sets, writable; the single set of older
 * versions is moved into it first. NULL after printing why. */
static OmStore *
open_sets (OmSnmpv3Sets **out_sets)
{
  g_autofree char *data_dir = om_cli_dup_data_dir ();
  g_autoptr(OmStore) store = om_store_new (data_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) migrated = NULL;
  OmSnmpv3Sets *sets;

  if (!om_store_load (store, &error))
    {
      om_cli_printerr ("%s", error->message);
      return NULL;
    }
  if (om_store_get_read_only (store))
    {
      om_cli_printerr (_("The data file is open in another Omamori window; close it and try again."));
      return NULL;
    }
  sets = om_snmpv3_sets_get_for_document (om_store_get_document (store));
  migrated = om_secrets_migrate_snmpv3 (NULL, &error);
  if (error != NULL)
    {
      om_cli_printerr ("%s", error->message);
      return NULL;
    }
  if (migrated != NULL)
    {
      om_snmpv3_sets_put (sets, migrated);
      if (!om_store_flush (store, &error))
        {
          om_cli_printerr ("%s", error->message);
          return NULL;
        }
    }
  *out_sets = sets;
  return g_steal_pointer (&store);
}

static gboolean
read_passphrases (OmSnmpv3Set  *set,
                  char        **auth_pass,
                  char        **priv_pass)
{
  *auth_pass = *priv_pass = NULL;
  if (om_snmpv3_set_needs_auth_pass (set))
    *auth_pass = read_secret_line (_("Authentication passphrase: "));
  if (om_snmpv3_set_needs_priv_pass (set))
    *priv_pass = read_secret_line (_("Privacy passphrase: "));
  if ((om_snmpv3_set_needs_auth_pass (set) && *auth_pass == NULL)
      || (om_snmpv3_set_needs_priv_pass (set) && *priv_pass == NULL))
    {
      om_secrets_wipe_free (*auth_pass);
      om_secrets_wipe_free (*priv_pass);
      *auth_pass = *priv_pass = NULL;
      om_cli_printerr (_("The passphrases are read from standard input, one per line (at most %d characters each): "
                         "the authentication passphrase, then for authPriv the privacy passphrase."),
                       OM_SECRETS_MAX_PASSPHRASE);
      return FALSE;
    }
  return TRUE;
}

/* Keyring first, then the data file; if the data file cannot be saved, the
 * new item goes again, so neither holds half a set. */
static int
save_set (OmStore      *store,
          OmSnmpv3Sets *sets,
          OmSnmpv3Set  *set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpV3Credentials) check = NULL;
  char *auth_pass, *priv_pass;
  gboolean ok;

  if (!read_passphrases (set, &auth_pass, &priv_pass))
    return 2;
  check = om_snmpv3_credentials_new_for_set (set, auth_pass, priv_pass);
  if (!om_snmpv3_credentials_validate (check, &error))
    {
      om_secrets_wipe_free (auth_pass);
      om_secrets_wipe_free (priv_pass);
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  ok = om_secrets_store_snmpv3_set (set, auth_pass != NULL ? auth_pass : "",
                                    priv_pass != NULL ? priv_pass : "", NULL, &error);
  om_secrets_wipe_free (auth_pass);
  om_secrets_wipe_free (priv_pass);
  if (!ok)
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  om_snmpv3_sets_put (sets, set);
  if (!om_store_flush (store, &error))
    {
      om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (set), NULL, NULL);
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  return 0;
}

static void
print_set (OmSnmpv3Set *set)
{
  g_autofree char *targets = om_snmpv3_set_dup_targets_text (set);
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = om_secrets_lookup_snmpv3_set (set, NULL, &error);

  printf ("%s\n", om_snmpv3_set_get_label (set));
  printf ("  %s %s\n", _("id:"), om_snmpv3_set_get_id (set));
  printf ("  %s %s\n", _("user:"), om_snmpv3_set_get_user (set));
  printf ("  %s %s, %s, %s\n", _("security:"), om_snmpv3_set_get_level (set),
          om_snmpv3_set_display_name (om_snmpv3_set_get_auth (set)),
          om_snmpv3_set_display_name (om_snmpv3_set_get_priv (set)));
  printf ("  %s %s\n", _("applies to:"), *targets != '\0' ? targets : _("every address"));
  printf ("  %s %s\n", _("keyring:"),
          error != NULL ? error->message
          : !om_snmpv3_set_needs_auth_pass (set) ? _("no passphrases needed")
          : creds != NULL ? _("passphrases stored") : _("passphrases missing — add the set again"));
}

static int
secrets_list (int    argc,
              char **argv)
{
  g_autoptr(OmStore) store = NULL;
  OmSnmpv3Sets *sets = NULL;
  guint n;

  if (argc != 1)
    {
      om_cli_printerr (_("Unknown argument “%s”."), argv[1]);
      return 2;
    }
  store = open_sets (&sets);
  if (store == NULL)
    return 1;
  n = g_list_model_get_n_items (G_LIST_MODEL (sets));
  if (n == 0)
    printf ("%s\n", _("No SNMPv3 credential sets; scans use the SNMP v2c community only."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OmSnmpv3Set) set = g_list_model_get_item (G_LIST_MODEL (sets), i);

      print_set (set);
    }
  return 0;
}

static int
secrets_add (int    argc,
             char **argv)
{
  g_autofree char *label = NULL, *user = NULL, *targets = NULL, *replace = NULL;
  g_autofree char *auth_text = NULL, *priv_text = NULL, *level_text = NULL;
  GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("A name for the set, such as NAS or Copier"), N_("NAME") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The SNMPv3 user name configured on the devices"), N_("USER") },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth_text, N_("Authentication protocol: sha, sha224, sha256, sha384, sha512 or md5 (default: sha)"), N_("PROTOCOL") },
    { "priv", 0, 0, G_OPTION_ARG_STRING, &priv_text, N_("Privacy protocol: aes, aes192, aes256 or des (default: aes)"), N_("PROTOCOL") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_text, N_("Security level: authPriv, authNoPriv or noAuthNoPriv (default: authPriv)"), N_("LEVEL") },
    { "applies-to", 0, 0, G_OPTION_ARG_STRING, &targets, N_("Addresses, networks (10.0.0.0/24) or ranges, separated by commas; empty for every address"), N_("ADDRESSES") },
    { "replace", 0, 0, G_OPTION_ARG_STRING, &replace, N_("Change this set (its id or name) instead of adding one"), N_("SET") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— add an SNMPv3 credential set"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmSnmpv3Set) set = NULL;
  OmSnmpv3Sets *sets = NULL;
  const char *id = NULL;
  OmSnmpAuthProtocol auth;
  OmSnmpPrivProtocol priv;
  OmSnmpSecurityLevel level;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Reads the passphrases from standard input, one per line: the authentication passphrase, "
      "then (for authPriv) the privacy passphrase. They are stored in the Secret Service, never "
      "in the data file. For each device the most specific set applies: an address before a "
      "range or network, and either before a set for every address."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (argc != 1)
    {
      om_cli_printerr (_("Unknown argument “%s”."), argv[1]);
      return 2;
    }
  if ((auth_text != NULL && !om_snmp_auth_protocol_from_string (auth_text, &auth))
      || (priv_text != NULL && !om_snmp_priv_protocol_from_string (priv_text, &priv))
      || (level_text != NULL && !om_snmp_security_level_from_string (level_text, &level)))
    {
      om_cli_printerr (_("Unknown SNMPv3 protocol or security level. Use sha, sha224, sha256, sha384, "
                         "sha512 or md5; aes, aes192, aes256 or des; authPriv, authNoPriv or noAuthNoPriv."));
      return 2;
    }
  store = open_sets (&sets);
  if (store == NULL)
    return 1;
  if (replace != NULL)
    {
      OmSnmpv3Set *old = om_snmpv3_sets_lookup (sets, replace);

      if (old == NULL)
        {
          om_cli_printerr (_("No single SNMPv3 credential set is called “%s”. Run “omamori-cli secrets list” "
                             "and give its id."), replace);
          return 2;
        }
      id = om_snmpv3_set_get_id (old);
    }
  set = om_snmpv3_set_new (id, label, user,
                           auth_text != NULL ? om_snmp_auth_protocol_to_string (auth) : "sha",
                           priv_text != NULL ? om_snmp_priv_protocol_to_string (priv) : "aes",
                           level_text != NULL ? om_snmp_security_level_to_string (level) : "authPriv",
                           targets != NULL ? targets : "", &error);
  if (set == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  rc = save_set (store, sets, set);
  if (rc == 0)
    printf (_("SNMPv3 credential set “%s” (id %s) saved; its passphrases are in the keyring.\n"),
            om_snmpv3_set_get_label (set), om_snmpv3_set_get_id (set));
  return rc;
}

static int
secrets_remove (int    argc,
                char **argv)
{
  g_autoptr(OmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpv3Set) set = NULL;
  OmSnmpv3Sets *sets = NULL;

  if (argc != 2)
    {
      om_cli_printerr (_("Give the id or the name of one SNMPv3 credential set (see “omamori-cli secrets list”)."));
      return 2;
    }
  store = open_sets (&sets);
  if (store == NULL)
    return 1;
  set = om_snmpv3_sets_lookup (sets, argv[1]);
  if (set == NULL)
    {
      om_cli_printerr (_("No single SNMPv3 credential set is called “%s”. Run “omamori-cli secrets list” "
                         "and give its id."), argv[1]);
      return 2;
    }
  g_object_ref (set);
  om_snmpv3_sets_remove (sets, om_snmpv3_set_get_id (set));
  if (!om_store_flush (store, &error) || !om_secrets_clear_snmpv3_set (om_snmpv3_set_get_id (set), NULL, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  printf (_("SNMPv3 credential set “%s” removed, with its passphrases.\n"), om_snmpv3_set_get_label (set));
  return 0;
}

/* The first set that applies to every address (what set-snmpv3 manages). */
static OmSnmpv3Set *
find_all_set (OmSnmpv3Sets *sets)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sets)); i++)
    {
      g_autoptr(OmSnmpv3Set) set = g_list_model_get_item (G_LIST_MODEL (sets), i);

      if (om_snmpv3_set_applies_to_all (set))
        return set;   /* the list keeps a reference */
    }
  return NULL;
}

static int
secrets_set_snmpv3 (int    argc,
                    char **argv)
{
  g_autofree char *auth_text = NULL;
  g_autofree char *priv_text = NULL;
  GOptionEntry entries[] = {
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth_text, N_("Authentication protocol: sha, sha224, sha256, sha384, sha512 or md5 (default: sha)"), N_("PROTOCOL") },
    { "priv", 0, 0, G_OPTION_ARG_STRING, &priv_text, N_("Privacy protocol: aes, aes192, aes256 or des (default: aes)"), N_("PROTOCOL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("USER — keep SNMPv3 credentials for every device in the keyring"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  g_autoptr(OmSnmpv3Set) set = NULL;
  OmSnmpv3Sets *sets = NULL;
  OmSnmpv3Set *old;
  OmSnmpAuthProtocol auth = OM_SNMP_AUTH_SHA;
  OmSnmpPrivProtocol priv = OM_SNMP_PRIV_AES;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Reads two lines from standard input: the authentication passphrase, then the "
      "privacy passphrase. They are stored in the Secret Service, never in the data file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (argc != 2)
    {
      om_cli_printerr (_("Give exactly one SNMPv3 user name. Passphrases are read from standard input."));
      return 2;
    }
  if (auth_text != NULL && !om_snmp_auth_protocol_from_string (auth_text, &auth))
    {
      om_cli_printerr (_("Unknown authentication protocol “%s”; use sha, sha224, sha256, sha384, sha512 or md5."), auth_text);
      return 2;
    }
  if (priv_text != NULL && !om_snmp_priv_protocol_from_string (priv_text, &priv))
    {
      om_cli_printerr (_("Unknown privacy protocol “%s”; use aes, aes192, aes256 or des."), priv_text);
      return 2;
    }
  store = open_sets (&sets);
  if (store == NULL)
    return 1;
  old = find_all_set (sets);
  set = om_snmpv3_set_new (old != NULL ? om_snmpv3_set_get_id (old) : NULL,
                           old != NULL ? om_snmpv3_set_get_label (old) : _("All devices"), argv[1],
                           om_snmp_auth_protocol_to_string (auth), om_snmp_priv_protocol_to_string (priv),
                           "authPriv", "", &error);
  if (set == NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  rc = save_set (store, sets, set);
  if (rc == 0)
    printf (_("SNMPv3 credentials for user “%s” (%s, %s) are in the keyring; scans use them for every device "
              "that no more specific set names.\n"),
            argv[1], om_snmp_auth_protocol_to_string (auth), om_snmp_priv_protocol_to_string (priv));
  return rc;
}

static int
secrets_show_or_clear (int      argc,
                       char   **argv,
                       gboolean clear)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OmStore) store = NULL;
  OmSnmpv3Sets *sets = NULL;
  OmSnmpv3Set *set;

  if (argc != 1)
    {
      om_cli_printerr (_("Unknown argument “%s”."), argv[1]);
      return 2;
    }
  store = open_sets (&sets);
  if (store == NULL)
    return 1;
  set = find_all_set (sets);
  if (clear)
    {
      if (set != NULL)
        {
          g_autofree char *id = g_strdup (om_snmpv3_set_get_id (set));

          om_snmpv3_sets_remove (sets, id);
          if (!om_store_flush (store, &error) || !om_secrets_clear_snmpv3_set (id, NULL, &error))
            {
              om_cli_printerr ("%s", error->message);
              return 1;
            }
        }
      printf ("%s\n", _("SNMPv3 credentials removed; scans use the SNMP v2c community."));
      return 0;
    }
  if (set == NULL)
    {
      printf ("%s\n", _("No SNMPv3 credentials are configured; scans use the SNMP v2c community."));
      return 0;
    }
  printf (_("SNMPv3 user “%s”, authentication %s, privacy %s.\n"), om_snmpv3_set_get_user (set),
          om_snmpv3_set_get_auth (set), om_snmpv3_set_get_priv (set));
  return 0;
}

int
om_cli_secrets (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return secrets_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return secrets_add (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return secrets_remove (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "set-snmpv3"))
    return secrets_set_snmpv3 (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "clear-snmpv3"))
    return secrets_show_or_clear (argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "show-snmpv3"))
    return secrets_show_or_clear (argc - 1, argv + 1, FALSE);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", _("Usage: omamori-cli secrets list"));
      printf ("%s\n", _("       omamori-cli secrets add --label NAME --user USER [--auth P] [--priv P] [--level L] [--applies-to ADDRESSES] [--replace SET]"));
      printf ("%s\n", _("       omamori-cli secrets remove SET"));
      printf ("%s\n", _("       omamori-cli secrets set-snmpv3 USER [--auth P] [--priv P]"));
      printf ("%s\n", _("       omamori-cli secrets show-snmpv3"));
      printf ("%s\n", _("       omamori-cli secrets clear-snmpv3"));
      printf ("\n%s\n", _("add and set-snmpv3 read the authentication passphrase and the privacy passphrase from "
                          "standard input, one per line. Passphrases are kept in the keyring only; names, users "
                          "and addresses in the data file. set-snmpv3, show-snmpv3 and clear-snmpv3 manage the set "
                          "that applies to every address."));
      return 0;
    }
  om_cli_printerr (_("Use “secrets list”, “secrets add”, “secrets remove”, “secrets set-snmpv3”, "
                     "“secrets show-snmpv3” or “secrets clear-snmpv3”. Run “omamori-cli secrets --help”."));
  return 2;
}

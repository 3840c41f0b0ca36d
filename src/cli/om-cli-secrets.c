/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * omamori-cli secrets set-snmpv3 USER [--auth sha|sha256] [--priv aes]
 *   reads the authentication and the privacy passphrase from stdin, one line each
 *   (never from the command line, where other users could read them in ps);
 * omamori-cli secrets show-snmpv3   user name and protocols only;
 * omamori-cli secrets clear-snmpv3.
 * Everything is kept in the Secret Service (the login keyring), never in the
 * data file.
 */
#define G_LOG_DOMAIN "om-cli-secrets"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "om-cli.h"
#include "om-secrets.h"

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

static int
secrets_set_snmpv3 (int    argc,
                    char **argv)
{
  g_autofree char *auth_text = NULL;
  g_autofree char *priv_text = NULL;
  const char *scope = NULL;   /* one set for every device; om-secrets can key by host later */
  GOptionEntry entries[] = {
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth_text, N_("Authentication protocol: sha or sha256 (default: sha)"), N_("PROTOCOL") },
    { "priv", 0, 0, G_OPTION_ARG_STRING, &priv_text, N_("Privacy protocol: aes (default)"), N_("PROTOCOL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("USER — keep SNMPv3 credentials in the keyring"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = NULL;
  OmSnmpAuthProtocol auth = OM_SNMP_AUTH_SHA;
  OmSnmpPrivProtocol priv = OM_SNMP_PRIV_AES;
  char *auth_pass, *priv_pass;

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
      om_cli_printerr (_("Unknown authentication protocol “%s”; use sha or sha256."), auth_text);
      return 2;
    }
  if (priv_text != NULL && !om_snmp_priv_protocol_from_string (priv_text, &priv))
    {
      om_cli_printerr (_("Unknown privacy protocol “%s”; use aes."), priv_text);
      return 2;
    }

  auth_pass = read_secret_line (_("Authentication passphrase: "));
  priv_pass = read_secret_line (_("Privacy passphrase: "));
  if (auth_pass == NULL || priv_pass == NULL)
    {
      om_secrets_wipe_free (auth_pass);
      om_secrets_wipe_free (priv_pass);
      om_cli_printerr (_("Two passphrases are needed on standard input, one per line (at most %d characters each)."),
                       OM_SECRETS_MAX_PASSPHRASE);
      return 2;
    }
  creds = om_snmpv3_credentials_new (argv[1], auth, auth_pass, priv, priv_pass);
  om_secrets_wipe_free (auth_pass);
  om_secrets_wipe_free (priv_pass);
  if (!om_snmpv3_credentials_validate (creds, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 2;
    }
  if (!om_secrets_store_snmpv3 (scope, creds, NULL, &error))
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  printf (_("SNMPv3 credentials for user “%s” (%s, %s) are in the keyring; scans use them for every device.\n"),
          creds->user, om_snmp_auth_protocol_to_string (creds->auth_proto),
          om_snmp_priv_protocol_to_string (creds->priv_proto));
  return 0;
}

static int
secrets_show_or_clear (int      argc,
                       char   **argv,
                       gboolean clear)
{
  const char *scope = NULL;   /* one set for every device; om-secrets can key by host later */
  GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (clear ? _("— remove the SNMPv3 credentials from the keyring")
                                : _("— show which SNMPv3 user is configured (never the passphrases)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSnmpV3Credentials) creds = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
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
  if (clear)
    {
      if (!om_secrets_clear_snmpv3 (scope, NULL, &error))
        {
          om_cli_printerr ("%s", error->message);
          return 1;
        }
      printf ("%s\n", _("SNMPv3 credentials removed; scans use the SNMP v2c community."));
      return 0;
    }
  creds = om_secrets_lookup_snmpv3 (scope, NULL, &error);
  if (error != NULL)
    {
      om_cli_printerr ("%s", error->message);
      return 1;
    }
  if (creds == NULL)
    {
      printf ("%s\n", _("No SNMPv3 credentials are configured; scans use the SNMP v2c community."));
      return 0;
    }
  printf (_("SNMPv3 user “%s”, authentication %s, privacy %s.\n"), creds->user,
          om_snmp_auth_protocol_to_string (creds->auth_proto),
          om_snmp_priv_protocol_to_string (creds->priv_proto));
  return 0;
}

int
om_cli_secrets (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "set-snmpv3"))
    return secrets_set_snmpv3 (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "clear-snmpv3"))
    return secrets_show_or_clear (argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "show-snmpv3"))
    return secrets_show_or_clear (argc - 1, argv + 1, FALSE);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", _("Usage: omamori-cli secrets set-snmpv3 USER [--auth sha|sha256] [--priv aes]"));
      printf ("%s\n", _("       omamori-cli secrets show-snmpv3"));
      printf ("%s\n", _("       omamori-cli secrets clear-snmpv3"));
      printf ("\n%s\n", _("set-snmpv3 reads the authentication passphrase and the privacy passphrase from "
                          "standard input, one per line. Credentials are kept in the keyring only."));
      return 0;
    }
  om_cli_printerr (_("Use “secrets set-snmpv3”, “secrets show-snmpv3” or “secrets clear-snmpv3”. "
                     "Run “omamori-cli secrets --help”."));
  return 2;
}

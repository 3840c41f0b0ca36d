/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The hand-written parts of discovery, without sending anything: scope parsing,
 * the NetBIOS node-status packet, the SSH banner reader, HTML titles and the
 * neighbour table.
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "om-liveness.h"
#include "om-nbstat.h"
#include "om-probes.h"
#include "om-scan-scope.h"
#include "om-scanner.h"
#include "om-ssh-banner.h"

static void
test_scope (void)
{
  static const struct { const char *text; guint n; const char *normal; } ok[] = {
    { "192.0.2.0/24", 254, "192.0.2.0/24" },
    { "192.0.2.0/25", 126, "192.0.2.0/25" },
    { "192.0.2.5", 1, "192.0.2.5" },
    { "192.0.2.10-192.0.2.19", 10, "192.0.2.10-192.0.2.19" },
    { "192.0.2.10-19", 10, "192.0.2.10-192.0.2.19" },
    { "192.0.2.0/31", 2, "192.0.2.0-192.0.2.1" },
    { "10.0.0.0/16", 65534, "10.0.0.0/16" },
    { "192.0.2.1, 192.0.2.2 192.0.2.3", 3, "192.0.2.1-192.0.2.3" },
  };
  static const struct { const char *text; int code; } bad[] = {
    { "10.0.0.0/15", OM_SCAN_SCOPE_ERROR_TOO_LARGE },
    { "10.0.0.0-10.2.0.0", OM_SCAN_SCOPE_ERROR_TOO_LARGE },
    { "10.0.0.0/16, 10.1.0.0/16", OM_SCAN_SCOPE_ERROR_TOO_LARGE },
    { "example.com", OM_SCAN_SCOPE_ERROR_INVALID },
    { "192.0.2.0/33", OM_SCAN_SCOPE_ERROR_INVALID },
    { "192.0.2.20-10", OM_SCAN_SCOPE_ERROR_INVALID },
    { "", OM_SCAN_SCOPE_ERROR_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OmScanScope) scope = om_scan_scope_parse (ok[i].text, &error);
      g_autofree char *normal = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (om_scan_scope_get_n_addresses (scope), ==, ok[i].n);
      normal = om_scan_scope_to_string (scope);
      g_assert_cmpstr (normal, ==, ok[i].normal);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OmScanScope) scope = om_scan_scope_parse (bad[i].text, &error);

      g_assert_null (scope);
      g_assert_error (error, OM_SCAN_SCOPE_ERROR, bad[i].code);
    }
  {
    g_autoptr(OmScanScope) scope = om_scan_scope_parse ("10.203.0.0/25", NULL);
    g_autofree char *first = om_scan_scope_dup_address_string (scope, 0);
    g_autofree char *last = om_scan_scope_dup_address_string (scope, 125);

    g_assert_cmpstr (first, ==, "10.203.0.1");
    g_assert_cmpstr (last, ==, "10.203.0.126");
    g_assert_true (om_scan_scope_contains_string (scope, "10.203.0.60"));
    g_assert_false (om_scan_scope_contains_string (scope, "10.203.0.200"));
    g_assert_false (om_scan_scope_contains_string (scope, "10.203.0.127"));
    g_assert_false (om_scan_scope_is_loopback (scope));
  }
  {
    g_autoptr(OmScanScope) lo = om_scan_scope_parse ("127.0.0.1-127.0.0.9", NULL);
    g_assert_true (om_scan_scope_is_loopback (lo));
  }
}

/* A node-status answer as Samba's nmbd sends it. */
static GByteArray *
make_reply (guint16     id,
            const char *host,
            const char *group,
            const guint8 mac[6])
{
  GByteArray *b = g_byte_array_new ();
  guint8 header[12] = { id >> 8, id & 0xff, 0x84, 0x00, 0, 0, 0, 1, 0, 0, 0, 0 };
  guint8 name[34] = { 32 };
  guint8 rr[10] = { 0x00, 0x21, 0x00, 0x01, 0, 0, 0, 0, 0, 0 };
  const char *names[] = { host, host, group };
  const guint8 suffixes[] = { 0x00, 0x20, 0x00 };
  const guint16 flags[] = { 0x0400, 0x0400, 0x8400 };
  guint rdlen = 1 + 3 * 18 + 46;

  for (guint i = 0; i < 16; i++)
    {
      guint8 c = i == 0 ? '*' : 0;
      name[1 + 2 * i] = 'A' + (c >> 4);
      name[2 + 2 * i] = 'A' + (c & 0xf);
    }
  rr[8] = rdlen >> 8;
  rr[9] = rdlen & 0xff;
  g_byte_array_append (b, header, sizeof header);
  g_byte_array_append (b, name, sizeof name);
  g_byte_array_append (b, rr, sizeof rr);
  g_byte_array_append (b, (const guint8 *) "\3", 1);
  for (guint i = 0; i < 3; i++)
    {
      guint8 entry[18];

      memset (entry, ' ', 15);
      memcpy (entry, names[i], strlen (names[i]));
      entry[15] = suffixes[i];
      entry[16] = flags[i] >> 8;
      entry[17] = flags[i] & 0xff;
      g_byte_array_append (b, entry, sizeof entry);
    }
  {
    guint8 stats[46] = { 0 };
    memcpy (stats, mac, 6);
    g_byte_array_append (b, stats, sizeof stats);
  }
  return b;
}

static void
test_nbstat (void)
{
  guint8 request[OM_NBSTAT_REQUEST_SIZE];
  static const guint8 mac[6] = { 0xd4, 0xbe, 0xd9, 0x30, 0x00, 0x30 };
  static const guint8 zero[6] = { 0 };
  g_autoptr(GByteArray) reply = make_reply (0x1234, "WIN7-PC", "OFFICE", mac);
  g_autoptr(GByteArray) samba = make_reply (7, "NAS01", "OFFICE", zero);
  g_autoptr(OmNbstatReply) parsed = NULL, parsed2 = NULL;
  g_autoptr(GError) error = NULL;

  om_nbstat_build_request (0x1234, request);
  g_assert_cmpint (request[0], ==, 0x12);
  g_assert_cmpint (request[12], ==, 32);
  g_assert_cmpint (request[13], ==, 'C');   /* '*' = 0x2a → "CK" */
  g_assert_cmpint (request[14], ==, 'K');
  g_assert_cmpint (request[47], ==, 0x21);

  parsed = om_nbstat_parse_reply (reply->data, reply->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->id, ==, 0x1234);
  g_assert_cmpstr (parsed->host, ==, "WIN7-PC");
  g_assert_cmpstr (parsed->workgroup, ==, "OFFICE");
  g_assert_true (parsed->file_server);
  g_assert_cmpstr (parsed->mac, ==, "d4:be:d9:30:00:30");
  g_assert_cmpuint (parsed->n_names, ==, 3);

  parsed2 = om_nbstat_parse_reply (samba->data, samba->len, NULL);
  g_assert_nonnull (parsed2);
  g_assert_null (parsed2->mac);   /* Samba sends zeros */

  /* Every truncation is rejected or parsed safely, never read past the end. */
  for (guint len = 0; len < reply->len; len++)
    {
      g_autofree guint8 *copy = g_memdup2 (reply->data, len);
      g_autoptr(OmNbstatReply) r = om_nbstat_parse_reply (copy, len, NULL);

      if (r != NULL)
        g_assert_cmpuint (r->n_names, <=, 3);
    }
  /* A query is not an answer. */
  g_assert_null (om_nbstat_parse_reply (request, sizeof request, NULL));
}

static void
test_ssh_banner (void)
{
  static const struct { const char *input; OmSshBannerStatus status; const char *software; const char *comments; } cases[] = {
    { "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", OM_SSH_BANNER_FOUND, "OpenSSH_9.2p1", "Debian-2+deb12u3" },
    { "SSH-2.0-dropbear_2020.81\n", OM_SSH_BANNER_FOUND, "dropbear_2020.81", NULL },
    { "Welcome\r\nto the box\r\nSSH-1.99-Cisco-1.25\r\n", OM_SSH_BANNER_FOUND, "Cisco-1.25", NULL },
    { "SSH-2.0-OpenSSH_9", OM_SSH_BANNER_NEED_MORE, NULL, NULL },
    { "", OM_SSH_BANNER_NEED_MORE, NULL, NULL },
    { "SSH-2.0-\r\n", OM_SSH_BANNER_INVALID, NULL, NULL },
    { "SSH-\r\n", OM_SSH_BANNER_INVALID, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OmSshBanner) banner = NULL;
      OmSshBannerStatus status = om_ssh_banner_parse (cases[i].input, strlen (cases[i].input), &banner);

      g_assert_cmpint (status, ==, cases[i].status);
      if (status == OM_SSH_BANNER_FOUND)
        {
          g_assert_cmpstr (banner->software, ==, cases[i].software);
          g_assert_cmpstr (banner->comments, ==, cases[i].comments);
        }
      else
        g_assert_null (banner);
    }
  {
    /* An endless line without a newline is refused, not buffered forever. */
    g_autofree char *junk = g_strnfill (OM_SSH_BANNER_MAX_INPUT, 'A');
    g_autofree char *longline = g_strconcat ("SSH-2.0-", junk, NULL);
    g_autoptr(OmSshBanner) b1 = NULL, b2 = NULL;

    g_assert_cmpint (om_ssh_banner_parse (junk, strlen (junk), &b1), ==, OM_SSH_BANNER_INVALID);
    g_assert_cmpint (om_ssh_banner_parse (longline, 400, &b2), ==, OM_SSH_BANNER_INVALID);
  }
  {
    /* Escape sequences and invalid UTF-8 do not survive into the banner. */
    const char evil[] = "SSH-2.0-Evil\x1b[2J\xff\xfe x\r\n";
    g_autoptr(OmSshBanner) b = NULL;

    g_assert_cmpint (om_ssh_banner_parse (evil, sizeof evil - 1, &b), ==, OM_SSH_BANNER_FOUND);
    g_assert_true (g_utf8_validate (b->line, -1, NULL));
    g_assert_null (strchr (b->line, '\x1b'));
  }
}

static void
test_http_title (void)
{
  static const struct { const char *html; const char *title; } cases[] = {
    { "<html><head><title>Synology DiskStation - nas01</title></head>", "Synology DiskStation - nas01" },
    { "<TITLE lang=\"ja\">\n  複合機 &amp; スキャナ \n</TITLE>", "複合機 & スキャナ" },
    { "<title><b>not markup</b></title>", "<b>not markup</b>" },
    { "<titlex>no</titlex>", NULL },
    { "<title></title>", NULL },
    { "no title here", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = om_probe_http_extract_title (cases[i].html, strlen (cases[i].html));
      g_assert_cmpstr (title, ==, cases[i].title);
    }
  {
    g_autofree char *huge = g_strnfill (100000, 'x');
    g_autofree char *page = g_strconcat ("<title>", huge, NULL);
    g_autofree char *title = om_probe_http_extract_title (page, strlen (page));

    g_assert_nonnull (title);
    g_assert_cmpuint (strlen (title), <=, 256);
  }
}

static void
test_arp_table (void)
{
  const char *text =
    "IP address       HW type     Flags       HW address            Mask     Device\n"
    "10.203.0.20      0x1         0x2         00:11:32:20:00:20     *        eth0\n"
    "10.203.0.99      0x1         0x0         00:00:00:00:00:00     *        eth0\n"
    "10.203.0.60      0x1         0x2         00:0C:29:60:00:60     *        eth0\n"
    "garbage line\n";
  g_autoptr(GHashTable) table = om_liveness_parse_arp_table (text);

  g_assert_cmpstr (g_hash_table_lookup (table, "10.203.0.20"), ==, "00:11:32:20:00:20");
  g_assert_cmpstr (g_hash_table_lookup (table, "10.203.0.60"), ==, "00:0c:29:60:00:60");
  g_assert_cmpstr (g_hash_table_lookup (table, "10.203.0.99"), ==, "");
  g_assert_cmpuint (g_hash_table_size (table), ==, 3);
}

/* The development guard: from this (non-lab) namespace only loopback may be scanned.
 * Reads interface addresses only; sends nothing. */
static void
test_guard (void)
{
  g_autoptr(OmScanScope) lab = om_scan_scope_parse ("10.203.0.0/25", NULL);
  g_autoptr(OmScanScope) lo = om_scan_scope_parse ("127.0.0.1", NULL);
  g_autoptr(OmScanScope) lab20 = om_scan_scope_parse ("10.203.0.0/20", NULL);
  g_autoptr(GError) error = NULL;

  g_setenv ("OMAMORI_SCAN_REQUIRE_NETNS", "1", TRUE);
  g_assert_true (om_scanner_check_safe (lo, NULL));
  g_assert_false (om_scanner_check_safe (lab, &error));
  g_assert_error (error, OM_SCANNER_ERROR, OM_SCANNER_ERROR_UNSAFE);
  g_clear_error (&error);
  /* The /20 the benchmark may sweep inside the lab is refused here too. */
  g_assert_false (om_scanner_check_safe (lab20, &error));
  g_assert_error (error, OM_SCANNER_ERROR, OM_SCANNER_ERROR_UNSAFE);
  g_unsetenv ("OMAMORI_SCAN_REQUIRE_NETNS");
  g_assert_true (om_scanner_check_safe (lab, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/net/scope/parse", test_scope);
  g_test_add_func ("/net/nbstat/build-and-parse", test_nbstat);
  g_test_add_func ("/net/ssh-banner/read", test_ssh_banner);
  g_test_add_func ("/net/http/title", test_http_title);
  g_test_add_func ("/net/liveness/arp-table", test_arp_table);
  g_test_add_func ("/net/scanner/guard", test_guard);
  return g_test_run ();
}

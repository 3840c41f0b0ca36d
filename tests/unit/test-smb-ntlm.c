/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The SMB2/NTLMSSP requests and reply parsers (om-smb-ntlm.c), on hand-built
 * packets and on replies captured from the lab's Samba 4.17 — no network.
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "om-smb-ntlm.h"

#define CORPUS TEST_SRCDIR "/fuzz/corpus/smb-ntlm/"

/* ------------------------------------------------------------------------- */
/* Hand-built replies */

static void
put16 (GByteArray *b,
       guint16     v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };
  g_byte_array_append (b, x, 2);
}

static void
put32 (GByteArray *b,
       guint32     v)
{
  guint8 x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
  g_byte_array_append (b, x, 4);
}

static void
set32 (GByteArray *b,
       gsize       at,
       guint32     v)
{
  b->data[at] = v & 0xff;
  b->data[at + 1] = (v >> 8) & 0xff;
  b->data[at + 2] = (v >> 16) & 0xff;
  b->data[at + 3] = v >> 24;
}

static void
set16 (GByteArray *b,
       gsize       at,
       guint16     v)
{
  b->data[at] = v & 0xff;
  b->data[at + 1] = v >> 8;
}

/* ASCII/UTF-8 text → UTF-16LE bytes. */
static GByteArray *
utf16 (const char *text)
{
  g_autofree gunichar2 *u = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
  GByteArray *b = g_byte_array_new ();

  for (guint i = 0; u[i] != 0; i++)
    put16 (b, u[i]);
  return b;
}

typedef struct {
  guint16     id;
  const char *text;   /* UTF-8, converted; NULL: use raw */
  const guint8 *raw;
  gsize       raw_len;
} Av;

/* A CHALLENGE as Windows sends it: fixed part, Version, TargetName, TargetInfo. */
static GByteArray *
build_challenge (const char *target,
                 const Av   *pairs,
                 guint       n_pairs,
                 guint8      major,
                 guint8      minor,
                 guint16     build)
{
  GByteArray *msg = g_byte_array_new ();
  g_autoptr(GByteArray) tn = utf16 (target);
  g_autoptr(GByteArray) ti = g_byte_array_new ();
  guint8 version[8] = { major, minor, build & 0xff, build >> 8, 0, 0, 0, 15 };

  for (guint i = 0; i < n_pairs; i++)
    {
      g_autoptr(GByteArray) v = pairs[i].text ? utf16 (pairs[i].text) : g_byte_array_new ();

      if (pairs[i].text == NULL)
        g_byte_array_append (v, pairs[i].raw, pairs[i].raw_len);
      put16 (ti, pairs[i].id);
      put16 (ti, v->len);
      g_byte_array_append (ti, v->data, v->len);
    }
  put32 (ti, 0);   /* MsvAvEOL */

  g_byte_array_append (msg, (const guint8 *) "NTLMSSP", 8);
  put32 (msg, 2);
  put16 (msg, tn->len); put16 (msg, tn->len); put32 (msg, 56);
  put32 (msg, 0xe28a8215);   /* UNICODE | … | TARGET_INFO | VERSION */
  for (guint i = 0; i < 16; i++)
    g_byte_array_append (msg, (const guint8 *) "\x11", 1);   /* challenge + reserved */
  put16 (msg, ti->len); put16 (msg, ti->len); put32 (msg, 56 + tn->len);
  g_byte_array_append (msg, version, 8);
  g_byte_array_append (msg, tn->data, tn->len);
  g_byte_array_append (msg, ti->data, ti->len);
  return msg;
}

/* The CHALLENGE in an SMB2 SESSION_SETUP response (with session header and a
 * minimal SPNEGO NegTokenResp around it). */
static GByteArray *
wrap_session_setup (GByteArray *ntlm,
                    guint32     status)
{
  GByteArray *b = g_byte_array_new ();
  static const guint8 resp_head[] = { 0xa1, 0x82, 0, 0, 0x30, 0x82, 0, 0, 0xa2, 0x82, 0, 0, 0x04, 0x82, 0, 0 };
  guint8 head[sizeof resp_head];
  gsize blob_len = sizeof head + ntlm->len;

  memcpy (head, resp_head, sizeof head);
  head[14] = ntlm->len >> 8; head[15] = ntlm->len & 0xff;
  head[10] = (ntlm->len + 4) >> 8; head[11] = (ntlm->len + 4) & 0xff;
  head[6] = (ntlm->len + 8) >> 8; head[7] = (ntlm->len + 8) & 0xff;
  head[2] = (ntlm->len + 12) >> 8; head[3] = (ntlm->len + 12) & 0xff;

  put32 (b, 0);   /* session header, filled below */
  g_byte_array_append (b, (const guint8 *) "\xfeSMB", 4);
  put16 (b, 64); put16 (b, 1);
  put32 (b, status);
  put16 (b, 1);        /* SESSION_SETUP */
  put16 (b, 1);
  put32 (b, 1);        /* SERVER_TO_REDIR */
  put32 (b, 0);
  put32 (b, 1); put32 (b, 0);           /* MessageId */
  put32 (b, 0xfeff); put32 (b, 0);
  put32 (b, 0x1234); put32 (b, 0);      /* SessionId */
  for (guint i = 0; i < 16; i++)
    g_byte_array_append (b, (const guint8 *) "", 1);
  put16 (b, 9); put16 (b, 0); put16 (b, 72); put16 (b, blob_len);
  g_byte_array_append (b, head, sizeof head);
  g_byte_array_append (b, ntlm->data, ntlm->len);
  b->data[1] = (b->len - 4) >> 16;
  b->data[2] = ((b->len - 4) >> 8) & 0xff;
  b->data[3] = (b->len - 4) & 0xff;
  return b;
}

static const Av windows10_pairs[] = {
  { 2, "OFFICE", NULL, 0 },
  { 1, "PC-SATO", NULL, 0 },
  { 4, "office.example.jp", NULL, 0 },
  { 3, "pc-sato.office.example.jp", NULL, 0 },
  { 5, "office.example.jp", NULL, 0 },
  { 7, NULL, (const guint8 *) "\0\0\0\0\0\0\0\0", 8 },
};

/* ------------------------------------------------------------------------- */
/* Tests */

static void
test_requests (void)
{
  static const guint8 guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
  g_autoptr(GBytes) neg = om_smb_ntlm_build_negotiate (guid);
  g_autoptr(GBytes) setup = om_smb_ntlm_build_session_setup ();
  gsize nlen, slen;
  const guint8 *n = g_bytes_get_data (neg, &nlen);
  const guint8 *s = g_bytes_get_data (setup, &slen);
  const guint8 *blob, *ntlm;
  gsize blob_len;

  /* NEGOTIATE: framed, SMB2, command 0, four dialects, our GUID. */
  g_assert_cmpuint (nlen, ==, 4 + 64 + 36 + 8);
  g_assert_cmpuint (((gsize) n[1] << 16 | n[2] << 8 | n[3]), ==, nlen - 4);
  g_assert_cmpmem (n + 4, 4, "\xfeSMB", 4);
  g_assert_cmpuint (n[4 + 12], ==, 0);
  g_assert_cmpuint (n[4 + 64], ==, 36);
  g_assert_cmpuint (n[4 + 64 + 2], ==, 4);
  g_assert_cmpmem (n + 4 + 64 + 12, 16, guid, 16);

  /* SESSION_SETUP: command 1, message id 1, the security buffer right after
   * the fixed part, a SPNEGO NegTokenInit whose lengths add up. */
  g_assert_cmpuint (((gsize) s[1] << 16 | s[2] << 8 | s[3]), ==, slen - 4);
  g_assert_cmpuint (s[4 + 12], ==, 1);
  g_assert_cmpuint (s[4 + 24], ==, 1);
  g_assert_cmpuint (s[4 + 64], ==, 25);
  g_assert_cmpuint (s[4 + 64 + 12] | s[4 + 64 + 13] << 8, ==, 88);
  blob_len = s[4 + 64 + 14] | s[4 + 64 + 15] << 8;
  g_assert_cmpuint (4 + 88 + blob_len, ==, slen);
  blob = s + 4 + 88;
  g_assert_cmpuint (blob[0], ==, 0x60);
  g_assert_cmpuint (blob[1], ==, blob_len - 2);
  /* The NTLMSSP message is the last 40 bytes: a NEGOTIATE (type 1) with empty
   * domain and workstation fields — nothing identifies us, nothing authenticates. */
  ntlm = blob + blob_len - 40;
  g_assert_cmpmem (ntlm, 8, "NTLMSSP", 8);
  g_assert_cmpuint (ntlm[8], ==, 1);
  g_assert_true ((ntlm[12] | ntlm[13] << 8 | ntlm[14] << 16 | (guint32) ntlm[15] << 24) & OM_NTLMSSP_NEGOTIATE_VERSION);
  for (guint i = 16; i < 32; i++)
    g_assert_cmpuint (ntlm[i], ==, 0);
  for (gsize i = 0; i + 9 <= slen; i++)
    g_assert_false (memcmp (s + i, "NTLMSSP\0\3", 9) == 0);   /* never an AUTHENTICATE */
}

static void
test_windows10 (void)
{
  g_autoptr(GByteArray) ntlm = build_challenge ("OFFICE", windows10_pairs, G_N_ELEMENTS (windows10_pairs), 10, 0, 19045);
  g_autoptr(GByteArray) reply = wrap_session_setup (ntlm, 0xc0000016);
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSmbNtlmInfo) info = om_smb_ntlm_parse_session_setup (reply->data, reply->len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_true (info->has_version);
  g_assert_cmpuint (info->major, ==, 10);
  g_assert_cmpuint (info->minor, ==, 0);
  g_assert_cmpuint (info->build, ==, 19045);
  g_assert_cmpuint (info->ntlm_revision, ==, 15);
  g_assert_true (info->has_timestamp);
  g_assert_cmpstr (info->target_name, ==, "OFFICE");
  g_assert_cmpstr (info->netbios_computer, ==, "PC-SATO");
  g_assert_cmpstr (info->netbios_domain, ==, "OFFICE");
  g_assert_cmpstr (info->dns_computer, ==, "pc-sato.office.example.jp");
  g_assert_cmpstr (info->dns_domain, ==, "office.example.jp");
  g_assert_cmpstr (info->dns_tree, ==, "office.example.jp");

  /* Without the session header, too. */
  {
    g_autoptr(OmSmbNtlmInfo) bare = om_smb_ntlm_parse_session_setup (reply->data + 4, reply->len - 4, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (bare->netbios_computer, ==, "PC-SATO");
  }
}

/* Replies captured from the lab's Samba 4.17.12 (NAS01): Samba always says 6.1.0. */
static void
test_captured_samba (void)
{
  g_autofree char *neg = NULL, *setup = NULL;
  gsize nlen, slen;
  guint16 dialect = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSmbNtlmInfo) info = NULL;

  g_assert_true (g_file_get_contents (CORPUS "samba-4.17-negotiate", &neg, &nlen, NULL));
  g_assert_true (g_file_get_contents (CORPUS "samba-4.17-session-setup", &setup, &slen, NULL));
  g_assert_true (om_smb_ntlm_parse_negotiate ((const guint8 *) neg, nlen, &dialect, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dialect, ==, 0x0302);
  info = om_smb_ntlm_parse_session_setup ((const guint8 *) setup, slen, &error);
  g_assert_no_error (error);
  g_assert_true (info->has_version);
  g_assert_cmpuint (info->major, ==, 6);
  g_assert_cmpuint (info->minor, ==, 1);
  g_assert_cmpuint (info->build, ==, 0);
  g_assert_cmpuint (info->ntlm_revision, ==, 15);
  g_assert_cmpstr (info->netbios_computer, ==, "NAS01");
  g_assert_cmpstr (info->netbios_domain, ==, "NAS01");
  g_assert_cmpstr (info->dns_computer, ==, "nas01");
  g_assert_null (info->dns_domain);   /* sent, but empty */
  g_assert_true (info->has_timestamp);

  /* The negotiate reply is not a session setup reply, and vice versa. */
  g_assert_null (om_smb_ntlm_parse_session_setup ((const guint8 *) neg, nlen, NULL));
  g_assert_false (om_smb_ntlm_parse_negotiate ((const guint8 *) setup, slen, &dialect, NULL));
  g_assert_cmpuint (dialect, ==, 0);
}

/* Every prefix of a good reply: refused with an error or, once the CHALLENGE is
 * whole, parsed — never a crash or a read past the end (a private copy each time,
 * so valgrind/ASan would see one). */
static void
test_truncated (void)
{
  g_autoptr(GByteArray) ntlm = build_challenge ("OFFICE", windows10_pairs, G_N_ELEMENTS (windows10_pairs), 10, 0, 22631);
  g_autoptr(GByteArray) reply = wrap_session_setup (ntlm, 0xc0000016);
  guint parsed = 0;

  for (gsize n = 0; n < reply->len; n++)
    {
      g_autofree guint8 *copy = g_memdup2 (reply->data, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(OmSmbNtlmInfo) info = om_smb_ntlm_parse_session_setup (copy, n, &error);

      /* A cut inside the message leaves the session header claiming more. */
      g_assert_null (info);
      g_assert_nonnull (error);
    }
  for (gsize n = 0; n <= ntlm->len; n++)
    {
      g_autofree guint8 *copy = g_memdup2 (ntlm->data, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(OmSmbNtlmInfo) info = om_smb_ntlm_parse_challenge (copy, n, &error);

      g_assert_true ((info == NULL) != (error == NULL));
      if (info != NULL)
        {
          parsed++;
          /* Only the whole message carries the whole target info. */
          if (n < ntlm->len)
            g_assert_cmpstr (info->dns_tree, !=, "office.example.jp");
        }
    }
  /* Every shorter prefix cuts a payload its field points to: only the whole parses. */
  g_assert_cmpuint (parsed, ==, 1);
}

static void
test_hostile_offsets (void)
{
  g_autoptr(GByteArray) ntlm = build_challenge ("OFFICE", windows10_pairs, G_N_ELEMENTS (windows10_pairs), 10, 0, 19045);
  static const struct { gsize at; guint32 value; gboolean is16; } pokes[] = {
    { 16, 0xfffffff0, FALSE },   /* TargetName offset past the end (and wrapping) */
    { 12, 0xffff, TRUE },        /* TargetName length huge */
    { 44, 0xffffffff, FALSE },   /* TargetInfo offset */
    { 40, 0xfff0, TRUE },        /* TargetInfo length */
  };

  for (guint i = 0; i < G_N_ELEMENTS (pokes); i++)
    {
      g_autoptr(GByteArray) bad = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OmSmbNtlmInfo) info = NULL;

      g_byte_array_append (bad, ntlm->data, ntlm->len);
      if (pokes[i].is16)
        set16 (bad, pokes[i].at, pokes[i].value);
      else
        set32 (bad, pokes[i].at, pokes[i].value);
      info = om_smb_ntlm_parse_challenge (bad->data, bad->len, &error);
      g_assert_null (info);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* An AV pair whose length runs past the TargetInfo. */
  {
    g_autoptr(GByteArray) bad = g_byte_array_new ();
    g_autoptr(GError) error = NULL;
    gsize tn_len = ntlm->data[12];
    gsize first_av = 56 + tn_len;

    g_byte_array_append (bad, ntlm->data, ntlm->len);
    set16 (bad, first_av + 2, 0x7fff);
    g_assert_null (om_smb_ntlm_parse_challenge (bad->data, bad->len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }

  /* SMB2 security buffer offset/length outside the message; the session header
   * claiming more than arrived; a huge header length; wrong status; not a response. */
  {
    g_autoptr(GByteArray) reply = wrap_session_setup (ntlm, 0xc0000016);
    g_autoptr(GByteArray) denied = wrap_session_setup (ntlm, 0xc000006d);   /* LOGON_FAILURE */
    struct { gsize at; guint32 v; gboolean is16; int code; } cases[] = {
      { 4 + 64 + 4, 0xfff0, TRUE, G_IO_ERROR_INVALID_DATA },
      { 4 + 64 + 6, 0xffff, TRUE, G_IO_ERROR_INVALID_DATA },
      { 4 + 64 + 4, 8, TRUE, G_IO_ERROR_INVALID_DATA },     /* points into the header */
      { 4 + 64, 0x29, TRUE, G_IO_ERROR_INVALID_DATA },      /* wrong StructureSize */
      { 4 + 16, 0, FALSE, G_IO_ERROR_INVALID_DATA },        /* a request, not a response */
      { 4 + 12, 3, TRUE, G_IO_ERROR_INVALID_DATA },         /* another command */
      { 0, 0xffffff00, FALSE, G_IO_ERROR_INVALID_DATA },    /* session header length */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GByteArray) bad = g_byte_array_new ();
        g_autoptr(GError) error = NULL;

        g_byte_array_append (bad, reply->data, reply->len);
        if (cases[i].is16)
          set16 (bad, cases[i].at, cases[i].v);
        else
          set32 (bad, cases[i].at, cases[i].v);
        g_assert_null (om_smb_ntlm_parse_session_setup (bad->data, bad->len, &error));
        g_assert_error (error, G_IO_ERROR, cases[i].code);
      }
    {
      g_autoptr(GError) error = NULL;
      g_assert_null (om_smb_ntlm_parse_session_setup (denied->data, denied->len, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    }
  }

  /* Oversized input is refused before parsing. */
  {
    g_autofree guint8 *big = g_malloc0 (OM_SMB_NTLM_MAX_REPLY + 16);
    g_autoptr(GError) error = NULL;

    memcpy (big, ntlm->data, ntlm->len);
    g_assert_null (om_smb_ntlm_parse_challenge (big, OM_SMB_NTLM_MAX_REPLY + 16, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_odd_utf16 (void)
{
  /* 'A', lone high surrogate, 'B', lone low surrogate, a valid pair (U+1F600), BEL, ESC, odd byte. */
  static const guint8 odd[] = { 'A', 0, 0x00, 0xd8, 'B', 0, 0x00, 0xdc, 0x3d, 0xd8, 0x00, 0xde,
                                0x07, 0x00, 0x1b, 0x00, 'C' };
  static const guint8 high_last[] = { 'x', 0, 0x3d, 0xd8 };
  static const guint8 with_nul[] = { 'a', 0, 0, 0, 'b', 0 };
  g_autofree char *s = om_smb_ntlm_utf16le_to_utf8 (odd, sizeof odd, 256);
  g_autofree char *h = om_smb_ntlm_utf16le_to_utf8 (high_last, sizeof high_last, 256);
  g_autofree char *z = om_smb_ntlm_utf16le_to_utf8 (with_nul, sizeof with_nul, 256);
  g_autofree char *empty = om_smb_ntlm_utf16le_to_utf8 (odd, 1, 256);
  g_autoptr(GByteArray) long_name = g_byte_array_new ();
  g_autofree char *capped = NULL;

  g_assert_cmpstr (s, ==, "A\xef\xbf\xbd" "B\xef\xbf\xbd\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (h, ==, "x\xef\xbf\xbd");
  g_assert_cmpstr (z, ==, "a");
  g_assert_cmpstr (empty, ==, "");

  for (guint i = 0; i < 1000; i++)
    g_byte_array_append (long_name, (const guint8 *) "\xe5\x65", 2);   /* 日 */
  capped = om_smb_ntlm_utf16le_to_utf8 (long_name->data, long_name->len, OM_SMB_NTLM_MAX_NAME);
  g_assert_cmpuint (g_utf8_strlen (capped, -1), ==, OM_SMB_NTLM_MAX_NAME);
  g_assert_true (g_utf8_validate (capped, -1, NULL));

  /* The same oddities inside a CHALLENGE: names come out valid and cleaned; a
   * Japanese NetBIOS name survives; an empty name is absent. */
  {
    const Av pairs[] = {
      { 1, NULL, odd, sizeof odd },
      { 2, "受付", NULL, 0 },
      { 3, NULL, (const guint8 *) "", 0 },
      { 1, "SECOND", NULL, 0 },     /* a duplicate: the first counts */
    };
    g_autoptr(GByteArray) ntlm = build_challenge ("X", pairs, G_N_ELEMENTS (pairs), 6, 1, 7601);
    g_autoptr(GError) error = NULL;
    g_autoptr(OmSmbNtlmInfo) info = om_smb_ntlm_parse_challenge (ntlm->data, ntlm->len, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (info->netbios_computer, ==, s);
    g_assert_cmpstr (info->netbios_domain, ==, "受付");
    g_assert_null (info->dns_computer);
    g_assert_cmpuint (info->build, ==, 7601);
  }
}

/* An SMB1 SESSION_SETUP_ANDX reply: @wc 4 with @blob, or 3 without; strings in
 * UTF-16 (aligned) when @unicode, else OEM. */
static GByteArray *
build_smb1_setup (guint8        wc,
                  GByteArray   *blob,
                  gboolean      unicode,
                  const char   *native_os,
                  const char   *native_lanman,
                  guint32       status)
{
  GByteArray *b = g_byte_array_new ();
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize bytes_start = 32 + 1 + 2 * wc + 2;
  const char *strs[] = { native_os, native_lanman, "OFFICE" };

  put32 (b, 0);
  g_byte_array_append (b, (const guint8 *) "\xffSMB\x73", 5);
  put32 (b, status);
  g_byte_array_append (b, (const guint8 *) "\x88", 1);
  put16 (b, unicode ? 0xc807 : 0x4807);
  for (guint i = 0; i < 20; i++)
    g_byte_array_append (b, (const guint8 *) "", 1);
  g_byte_array_append (b, &wc, 1);
  g_byte_array_append (b, (const guint8 *) "\xff\0", 2);
  put16 (b, 0); put16 (b, 0);
  if (wc == 4)
    put16 (b, blob ? blob->len : 0);
  if (blob != NULL)
    g_byte_array_append (bytes, blob->data, blob->len);
  if (unicode && (bytes_start + bytes->len) % 2 != 0)
    g_byte_array_append (bytes, (const guint8 *) "", 1);
  for (guint i = 0; i < G_N_ELEMENTS (strs); i++)
    {
      if (unicode)
        {
          g_autoptr(GByteArray) u = utf16 (strs[i]);
          g_byte_array_append (bytes, u->data, u->len);
          put16 (bytes, 0);
        }
      else
        g_byte_array_append (bytes, (const guint8 *) strs[i], strlen (strs[i]) + 1);
    }
  put16 (b, bytes->len);
  g_byte_array_append (b, bytes->data, bytes->len);
  b->data[1] = (b->len - 4) >> 16;
  b->data[2] = ((b->len - 4) >> 8) & 0xff;
  b->data[3] = (b->len - 4) & 0xff;
  return b;
}

static void
test_smb1_requests (void)
{
  g_autoptr(GBytes) neg = om_smb_ntlm_build_smb1_negotiate ();
  g_autoptr(GBytes) setup = om_smb_ntlm_build_smb1_session_setup ();
  gsize nlen, slen, bc, blob_len, strings;
  const guint8 *n = g_bytes_get_data (neg, &nlen);
  const guint8 *s = g_bytes_get_data (setup, &slen);

  g_assert_cmpuint (((gsize) n[1] << 16 | n[2] << 8 | n[3]), ==, nlen - 4);
  g_assert_cmpmem (n + 4, 5, "\xffSMB\x72", 5);
  g_assert_true ((n[4 + 10] | n[4 + 11] << 8) & 0x0800);   /* extended security */
  g_assert_cmpuint (n[4 + 32], ==, 0);
  g_assert_cmpmem (n + 4 + 35, 12, "\x02NT LM 0.12", 12);

  g_assert_cmpuint (((gsize) s[1] << 16 | s[2] << 8 | s[3]), ==, slen - 4);
  g_assert_cmpmem (s + 4, 5, "\xffSMB\x73", 5);
  g_assert_cmpuint (s[4 + 32], ==, 12);
  blob_len = s[4 + 33 + 14] | s[4 + 33 + 15] << 8;
  bc = s[4 + 33 + 24] | s[4 + 33 + 25] << 8;
  g_assert_cmpuint (4 + 59 + bc, ==, slen);
  g_assert_cmpuint (s[4 + 59], ==, 0x60);                   /* SPNEGO */
  g_assert_cmpmem (s + 4 + 59 + blob_len - 40, 9, "NTLMSSP\0\1", 9);
  strings = 59 + blob_len;
  if (strings % 2)
    strings++;
  g_assert_cmpuint (strings + 4, ==, 59 + bc);              /* two empty UTF-16 strings */
  for (gsize i = 0; i + 9 <= slen; i++)
    g_assert_false (memcmp (s + i, "NTLMSSP\0\3", 9) == 0);
}

static void
test_smb1_captured_samba (void)
{
  g_autofree char *neg = NULL, *setup = NULL, *refused = NULL;
  gsize nlen, slen, rlen;
  g_autoptr(GError) error = NULL;
  g_autoptr(OmSmbNtlmInfo) info = NULL;

  g_assert_true (g_file_get_contents (CORPUS "samba-4.17-smb1-negotiate", &neg, &nlen, NULL));
  g_assert_true (g_file_get_contents (CORPUS "samba-4.17-smb1-session-setup", &setup, &slen, NULL));
  g_assert_true (g_file_get_contents (CORPUS "samba-4.17-smb1-refused", &refused, &rlen, NULL));
  g_assert_true (om_smb_ntlm_parse_smb1_negotiate ((const guint8 *) neg, nlen, &error));
  g_assert_no_error (error);
  info = om_smb_ntlm_parse_smb1_session_setup ((const guint8 *) setup, slen, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->native_os, ==, "Windows 6.1");
  g_assert_cmpstr (info->native_lanman, ==, "Samba 4.17.12-Debian");
  g_assert_cmpuint (info->major, ==, 6);
  g_assert_cmpuint (info->minor, ==, 1);
  g_assert_cmpuint (info->build, ==, 0);
  g_assert_cmpstr (info->netbios_computer, ==, "OLDFILES");
  /* An SMB2-only Samba (the lab's NAS) answers the SMB1 NEGOTIATE with no dialect. */
  g_assert_false (om_smb_ntlm_parse_smb1_negotiate ((const guint8 *) refused, rlen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Every prefix: an error, never a crash or a read past the end. */
  for (gsize n = 0; n < slen; n++)
    {
      g_autofree guint8 *copy = g_memdup2 (setup, n);
      g_autoptr(GError) e = NULL;
      g_autoptr(OmSmbNtlmInfo) i = om_smb_ntlm_parse_smb1_session_setup (copy, n, &e);

      g_assert_null (i);
      g_assert_nonnull (e);
    }
  /* Without the session header, every prefix that keeps the strings parses. */
  for (gsize n = 4; n <= slen; n++)
    {
      g_autofree guint8 *copy = g_memdup2 (setup + 4, n - 4);
      g_autoptr(GError) e = NULL;
      g_autoptr(OmSmbNtlmInfo) i = om_smb_ntlm_parse_smb1_session_setup (copy, n - 4, &e);

      g_assert_true ((i == NULL) != (e == NULL));
      if (n == slen)
        g_assert_cmpstr (i->native_lanman, ==, "Samba 4.17.12-Debian");
    }
}

static void
test_smb1_hand_built (void)
{
  g_autoptr(GByteArray) ntlm = build_challenge ("WORKGROUP", windows10_pairs, 2, 6, 1, 7601);
  g_autoptr(GError) error = NULL;

  /* Windows 7 with extended security, for both blob parities (alignment pad). */
  for (guint extra = 0; extra < 2; extra++)
    {
      g_autoptr(GByteArray) blob = g_byte_array_new ();
      g_autoptr(GByteArray) reply = NULL;
      g_autoptr(OmSmbNtlmInfo) info = NULL;

      g_byte_array_append (blob, ntlm->data, ntlm->len);
      if (extra)
        g_byte_array_append (blob, (const guint8 *) "", 1);
      reply = build_smb1_setup (4, blob, TRUE, "Windows 7 Professional 7601 Service Pack 1",
                                "Windows 7 Professional 6.1", 0xc0000016);
      info = om_smb_ntlm_parse_smb1_session_setup (reply->data, reply->len, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (info->native_os, ==, "Windows 7 Professional 7601 Service Pack 1");
      g_assert_cmpstr (info->native_lanman, ==, "Windows 7 Professional 6.1");
      g_assert_cmpuint (info->build, ==, 7601);
      g_assert_cmpstr (info->netbios_domain, ==, "OFFICE");
    }

  /* Windows XP style: no extended security, OEM strings. */
  {
    g_autoptr(GByteArray) reply = build_smb1_setup (3, NULL, FALSE, "Windows 5.1", "Windows 2000 LAN Manager", 0);
    g_autoptr(OmSmbNtlmInfo) info = om_smb_ntlm_parse_smb1_session_setup (reply->data, reply->len, &error);

    g_assert_no_error (error);
    g_assert_false (info->has_version);
    g_assert_cmpstr (info->native_os, ==, "Windows 5.1");
    g_assert_cmpstr (info->native_lanman, ==, "Windows 2000 LAN Manager");
  }

  /* Hostile lengths: ByteCount past the end, blob past the ByteCount, a refusal
   * (WordCount 0), a broken CHALLENGE inside the blob, unterminated strings. */
  {
    g_autoptr(GByteArray) reply = build_smb1_setup (4, ntlm, TRUE, "Windows 7", "Windows 7 6.1", 0xc0000016);
    gsize bc_at = 4 + 32 + 1 + 8;
    gsize blob_at = 4 + 32 + 1 + 6;
    struct { gsize at; guint16 v; } pokes[] = {
      { bc_at, 0xffff },
      { blob_at, 0xfff0 },
      { blob_at, (guint16) (reply->len) },
    };

    for (guint i = 0; i < G_N_ELEMENTS (pokes); i++)
      {
        g_autoptr(GByteArray) bad = g_byte_array_new ();
        g_autoptr(GError) e = NULL;

        g_byte_array_append (bad, reply->data, reply->len);
        set16 (bad, pokes[i].at, pokes[i].v);
        g_assert_null (om_smb_ntlm_parse_smb1_session_setup (bad->data, bad->len, &e));
        g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      }
    {
      g_autoptr(GByteArray) bad = g_byte_array_new ();
      g_autoptr(GError) e = NULL;

      g_byte_array_append (bad, reply->data, reply->len);
      bad->data[4 + 32] = 0;   /* WordCount 0: a refusal */
      g_assert_null (om_smb_ntlm_parse_smb1_session_setup (bad->data, bad->len, &e));
      g_assert_error (e, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    }
    {
      g_autoptr(GByteArray) bad = g_byte_array_new ();
      g_autoptr(GError) e = NULL;
      gsize ntlm_at = 4 + 32 + 1 + 8 + 2;

      g_byte_array_append (bad, reply->data, reply->len);
      set32 (bad, ntlm_at + 44, 0xfffffff0);   /* TargetInfo offset of the CHALLENGE */
      g_assert_null (om_smb_ntlm_parse_smb1_session_setup (bad->data, bad->len, &e));
      g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
    {
      /* Strings cut without their terminators: kept, bounded. */
      g_autoptr(GByteArray) cut = g_byte_array_new ();
      g_autoptr(GError) e = NULL;
      g_autoptr(OmSmbNtlmInfo) info = NULL;
      gsize keep = reply->len - 2 * (strlen ("OFFICE") + 1) - 4;   /* inside "Windows 7 6.1" */

      g_byte_array_append (cut, reply->data, keep);
      set16 (cut, bc_at, keep - (bc_at + 2));
      cut->data[3] = (keep - 4) & 0xff;
      cut->data[2] = ((keep - 4) >> 8) & 0xff;
      info = om_smb_ntlm_parse_smb1_session_setup (cut->data, cut->len, &e);
      g_assert_no_error (e);
      g_assert_cmpstr (info->native_os, ==, "Windows 7");
      g_assert_cmpstr (info->native_lanman, ==, "Windows 7 6.");
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/smb-ntlm/requests", test_requests);
  g_test_add_func ("/smb-ntlm/challenge/windows10", test_windows10);
  g_test_add_func ("/smb-ntlm/challenge/captured-samba", test_captured_samba);
  g_test_add_func ("/smb-ntlm/challenge/truncated", test_truncated);
  g_test_add_func ("/smb-ntlm/challenge/hostile-offsets", test_hostile_offsets);
  g_test_add_func ("/smb-ntlm/utf16/odd", test_odd_utf16);
  g_test_add_func ("/smb-ntlm/smb1/requests", test_smb1_requests);
  g_test_add_func ("/smb-ntlm/smb1/captured-samba", test_smb1_captured_samba);
  g_test_add_func ("/smb-ntlm/smb1/hand-built", test_smb1_hand_built);
  return g_test_run ();
}

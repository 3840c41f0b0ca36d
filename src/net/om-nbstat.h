/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * NetBIOS node status (RFC 1002, 4.2.17/4.2.18): the 50-byte "*" query sent to
 * UDP 137 and a strict parser of the answer: the host's names, its workgroup and
 * the MAC it reports. Hand-written because no library on Debian offers it; the
 * parser has a libFuzzer target (tests/fuzz/fuzz-nbstat.c).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OM_NBSTAT_REQUEST_SIZE 50
#define OM_NBSTAT_MAX_REPLY    1500

typedef struct {
  char     name[16];   /* up to 15 characters, trailing spaces removed; UTF-8 (bytes ≥ 0x80 as Latin-1) */
  guint8   suffix;     /* 0x00 workstation, 0x20 file server, 0x1d master browser, … */
  gboolean group;
  gboolean active;
} OmNbstatName;

typedef struct {
  guint16       id;
  guint         n_names;
  OmNbstatName  names[64];
  char         *host;        /* the unique <00> name, or NULL */
  char         *workgroup;   /* the group <00> name, or NULL */
  gboolean      file_server; /* a <20> name */
  char         *mac;         /* "aa:bb:…", NULL if absent or all zero */
} OmNbstatReply;

void            om_nbstat_build_request (guint16 id, guint8 out[OM_NBSTAT_REQUEST_SIZE]);
/* NULL with @error for anything that is not a well-formed node status answer. */
OmNbstatReply  *om_nbstat_parse_reply   (const guint8 *data, gsize len, GError **error);
void            om_nbstat_reply_free    (OmNbstatReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmNbstatReply, om_nbstat_reply_free)

G_END_DECLS

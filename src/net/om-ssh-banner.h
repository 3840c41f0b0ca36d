/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Reading the SSH identification line (RFC 4253, 4.2) from untrusted bytes:
 * servers may send other lines first; the "SSH-" line is at most 255 bytes. The
 * reader is incremental (call it again with more data) and bounded. Fuzzed by
 * tests/fuzz/fuzz-ssh-banner.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OM_SSH_BANNER_MAX_INPUT 8192

typedef enum {
  OM_SSH_BANNER_NEED_MORE,
  OM_SSH_BANNER_FOUND,
  OM_SSH_BANNER_INVALID,
} OmSshBannerStatus;

typedef struct {
  char *line;       /* "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", valid UTF-8, no CR/LF */
  char *proto;      /* "2.0" */
  char *software;   /* "OpenSSH_9.2p1" */
  char *comments;   /* "Debian-2+deb12u3" or NULL */
} OmSshBanner;

/* @data is everything received so far. */
OmSshBannerStatus  om_ssh_banner_parse (const char *data, gsize len, OmSshBanner **out);
void               om_ssh_banner_free  (OmSshBanner *banner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmSshBanner, om_ssh_banner_free)

G_END_DECLS

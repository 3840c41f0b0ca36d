/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * What an SMB server says about itself before anyone logs in: the NTLMSSP
 * CHALLENGE it sends in answer to an anonymous SMB2 SESSION_SETUP carries the
 * OS version (major.minor.build) and the machine's NetBIOS and DNS names.
 * libsmbclient does not expose these, so the two requests are built here and the
 * replies parsed by strict, pure functions (no sockets; the probe in
 * src/net/om-probe-smb-ntlm.c does the talking). The parsers have a libFuzzer
 * target (tests/fuzz/fuzz-smb-ntlm.c).
 *
 * The requests never carry a user name or password, and the conversation ends
 * with the CHALLENGE: no AUTHENTICATE message is ever built.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Replies larger than this are refused before parsing (a CHALLENGE is < 1 KiB). */
#define OM_SMB_NTLM_MAX_REPLY  65536
/* Names from the server are cut to this many characters. */
#define OM_SMB_NTLM_MAX_NAME   256

/* NTLMSSP NegotiateFlags the parser reports (MS-NLMP 2.2.2.5). */
#define OM_NTLMSSP_NEGOTIATE_UNICODE     0x00000001u
#define OM_NTLMSSP_NEGOTIATE_TARGET_INFO 0x00800000u
#define OM_NTLMSSP_NEGOTIATE_VERSION     0x02000000u

typedef struct {
  guint32   flags;              /* NegotiateFlags of the CHALLENGE */
  gboolean  has_version;        /* the Version field was present (NEGOTIATE_VERSION) */
  guint8    major;              /* ProductMajorVersion: 5, 6, 10 */
  guint8    minor;              /* ProductMinorVersion */
  guint16   build;              /* ProductBuild: 7601, 19045; 0 from Samba */
  guint8    ntlm_revision;      /* NTLMRevisionCurrent, 15 today */
  gboolean  has_timestamp;      /* MsvAvTimestamp in the target info */
  /* UTF-8, at most OM_SMB_NTLM_MAX_NAME characters, no control characters;
   * NULL when absent or empty. */
  char     *target_name;        /* TargetName (domain or server name) */
  char     *netbios_computer;   /* MsvAvNbComputerName */
  char     *netbios_domain;     /* MsvAvNbDomainName */
  char     *dns_computer;       /* MsvAvDnsComputerName */
  char     *dns_domain;         /* MsvAvDnsDomainName */
  char     *dns_tree;           /* MsvAvDnsTreeName */
  /* SMB1 SESSION_SETUP_ANDX only (same bounds): "Windows 7 Professional 7601
   * Service Pack 1" / "Windows 7 Professional 6.1"; Samba: "Windows 6.1" /
   * "Samba 4.17.12-Debian". */
  char     *native_os;
  char     *native_lanman;
} OmSmbNtlmInfo;

void           om_smb_ntlm_info_free (OmSmbNtlmInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmSmbNtlmInfo, om_smb_ntlm_info_free)

/* The SMB2 NEGOTIATE request (SMB 2.0.2 to 3.0.2), framed for TCP 445 (with the
 * 4-byte NetBIOS session header). @client_guid: 16 bytes. */
GBytes        *om_smb_ntlm_build_negotiate      (const guint8 client_guid[16]);
/* The SMB2 SESSION_SETUP request (message id 1) carrying an NTLMSSP NEGOTIATE
 * in a SPNEGO NegTokenInit; framed like the above. No names, no credentials. */
GBytes        *om_smb_ntlm_build_session_setup  (void);

/* Checks an SMB2 NEGOTIATE response (with or without the session header): status
 * success; gives the dialect (0x0202, 0x0210, 0x0300, 0x0302, 0x0311). */
gboolean       om_smb_ntlm_parse_negotiate      (const guint8 *data,
                                                 gsize         len,
                                                 guint16      *dialect,
                                                 GError      **error);
/* The SMB2 SESSION_SETUP response (STATUS_MORE_PROCESSING_REQUIRED, with or
 * without the session header) → the NTLMSSP CHALLENGE found in its security
 * buffer. NULL with @error for anything else. */
OmSmbNtlmInfo *om_smb_ntlm_parse_session_setup  (const guint8 *data,
                                                 gsize         len,
                                                 GError      **error);
/* A bare NTLMSSP CHALLENGE message (starts with "NTLMSSP\0", type 2). */
OmSmbNtlmInfo *om_smb_ntlm_parse_challenge      (const guint8 *data,
                                                 gsize         len,
                                                 GError      **error);

/* SMBv1 (only for hosts known to accept it): NEGOTIATE offering "NT LM 0.12" with
 * extended security, then SESSION_SETUP_ANDX carrying the same NTLMSSP NEGOTIATE;
 * the reply adds the NativeOS and NativeLanMan strings. Framed like the above. */
GBytes        *om_smb_ntlm_build_smb1_negotiate     (void);
GBytes        *om_smb_ntlm_build_smb1_session_setup (void);
/* TRUE if the server chose NT LM 0.12 with extended security. */
gboolean       om_smb_ntlm_parse_smb1_negotiate     (const guint8 *data,
                                                     gsize         len,
                                                     GError      **error);
/* The SESSION_SETUP_ANDX reply (STATUS_MORE_PROCESSING_REQUIRED, or success /
 * a refusal that still carries the strings): the CHALLENGE if the security blob
 * holds one, and the native strings. NULL with @error if it holds neither. */
OmSmbNtlmInfo *om_smb_ntlm_parse_smb1_session_setup (const guint8 *data,
                                                     gsize         len,
                                                     GError      **error);

/* UTF-16LE → UTF-8 for untrusted bytes: stops at NUL or @len (an odd last byte is
 * dropped), lone surrogates and control characters become U+FFFD, at most
 * @max_chars characters. Never NULL. */
char          *om_smb_ntlm_utf16le_to_utf8      (const guint8 *data,
                                                 gsize         len,
                                                 guint         max_chars);

G_END_DECLS

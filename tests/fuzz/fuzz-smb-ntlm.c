/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the SMB2/NTLMSSP reply parsers: whatever a host sends to
 * our NEGOTIATE and SESSION_SETUP must parse into bounded, valid UTF-8 names or be
 * refused with an error. The same bytes go to every parser (SMB2 and SMB1,
 * framed or not).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "om-smb-ntlm.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_name (const char *s)
{
  if (s == NULL)
    return;
  g_assert (*s != '\0');
  g_assert (g_utf8_validate (s, -1, NULL));
  g_assert (g_utf8_strlen (s, -1) <= OM_SMB_NTLM_MAX_NAME);
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_assert (c >= 0x20 && (c < 0x7f || c >= 0xa0));
    }
}

static void
check_info (OmSmbNtlmInfo *info,
            GError        *error)
{
  if (info == NULL)
    {
      g_assert (error != NULL);
      return;
    }
  g_assert (error == NULL);
  check_name (info->target_name);
  check_name (info->netbios_computer);
  check_name (info->netbios_domain);
  check_name (info->dns_computer);
  check_name (info->dns_domain);
  check_name (info->dns_tree);
  check_name (info->native_os);
  check_name (info->native_lanman);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL;
  g_autoptr(OmSmbNtlmInfo) smb1 = om_smb_ntlm_parse_smb1_session_setup (data, size, &e4);
  g_autoptr(OmSmbNtlmInfo) setup = om_smb_ntlm_parse_session_setup (data, size, &e1);
  g_autoptr(OmSmbNtlmInfo) challenge = om_smb_ntlm_parse_challenge (data, size, &e2);
  g_autofree char *text = om_smb_ntlm_utf16le_to_utf8 (data, size, 64);
  guint16 dialect = 0xffff;

  check_info (setup, e1);
  check_info (challenge, e2);
  check_info (smb1, e4);
  g_assert (om_smb_ntlm_parse_smb1_negotiate (data, size, &e5) == (e5 == NULL));
  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (g_utf8_strlen (text, -1) <= 64);
  if (om_smb_ntlm_parse_negotiate (data, size, &dialect, &e3))
    g_assert (dialect >= 0x0202 && dialect <= 0x0311);
  else
    g_assert (e3 != NULL && dialect == 0);
  return 0;
}

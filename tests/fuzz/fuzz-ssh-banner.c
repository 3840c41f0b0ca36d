/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * libFuzzer target for the SSH identification-line reader, fed the input whole
 * and byte by byte (as a slow server would send it): both must agree.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "om-ssh-banner.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OmSshBanner) whole = NULL;
  OmSshBannerStatus status = om_ssh_banner_parse ((const char *) data, size, &whole);
  OmSshBannerStatus incremental = OM_SSH_BANNER_NEED_MORE;
  g_autoptr(OmSshBanner) inc = NULL;

  if (status == OM_SSH_BANNER_FOUND)
    {
      g_assert (whole != NULL);
      g_assert (g_utf8_validate (whole->line, -1, NULL));
      g_assert (strlen (whole->line) <= 255 * 3);
      g_assert (strchr (whole->line, '\n') == NULL && strchr (whole->line, '\r') == NULL);
      g_assert (whole->software != NULL && whole->proto != NULL);
    }
  else
    g_assert (whole == NULL);

  for (size_t n = 1; n <= size && n <= 1024 && incremental == OM_SSH_BANNER_NEED_MORE; n++)
    {
      g_clear_pointer (&inc, om_ssh_banner_free);
      incremental = om_ssh_banner_parse ((const char *) data, n, &inc);
    }
  if (size <= 1024 && incremental == OM_SSH_BANNER_FOUND)
    g_assert (status == OM_SSH_BANNER_FOUND && g_str_equal (inc->line, whole->line));
  return 0;
}

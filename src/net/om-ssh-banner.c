/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-ssh-banner"

#include "config.h"

#include <string.h>

#include "om-ssh-banner.h"

#define MAX_LINE 255

OmSshBannerStatus
om_ssh_banner_parse (const char   *data,
                     gsize         len,
                     OmSshBanner **out)
{
  gsize start = 0;

  g_return_val_if_fail (out != NULL, OM_SSH_BANNER_INVALID);
  *out = NULL;
  if (data == NULL)
    return OM_SSH_BANNER_NEED_MORE;
  if (len > OM_SSH_BANNER_MAX_INPUT)
    len = OM_SSH_BANNER_MAX_INPUT;

  while (start < len)
    {
      const char *nl = memchr (data + start, '\n', len - start);
      gsize line_len;

      if (nl == NULL)
        {
          /* An unfinished line: wait unless it is already too long. */
          if (len - start > (gsize) (memcmp (data + start, "SSH-", MIN (4, len - start)) == 0
                                     ? MAX_LINE : 1024))
            return OM_SSH_BANNER_INVALID;
          return len >= OM_SSH_BANNER_MAX_INPUT ? OM_SSH_BANNER_INVALID : OM_SSH_BANNER_NEED_MORE;
        }
      line_len = nl - (data + start);
      if (line_len > 0 && data[start + line_len - 1] == '\r')
        line_len--;

      if (line_len >= 4 && memcmp (data + start, "SSH-", 4) == 0)
        {
          g_autofree char *raw = NULL;
          OmSshBanner *banner;
          char *dash, *space;

          if (line_len > MAX_LINE || memchr (data + start, '\0', line_len) != NULL)
            return OM_SSH_BANNER_INVALID;
          raw = g_utf8_make_valid (data + start, line_len);
          for (char *c = raw; *c; c++)
            if ((guchar) *c < 0x20 || *c == 0x7f)
              *c = ' ';
          dash = strchr (raw + 4, '-');
          if (dash == NULL || dash == raw + 4 || dash[1] == '\0' || dash[1] == ' ')
            return OM_SSH_BANNER_INVALID;
          banner = g_new0 (OmSshBanner, 1);
          banner->line = g_strdup (raw);
          banner->proto = g_strndup (raw + 4, dash - (raw + 4));
          space = strchr (dash + 1, ' ');
          if (space != NULL)
            {
              banner->software = g_strndup (dash + 1, space - (dash + 1));
              banner->comments = g_strstrip (g_strdup (space + 1));
              if (*banner->comments == '\0')
                g_clear_pointer (&banner->comments, g_free);
            }
          else
            banner->software = g_strdup (dash + 1);
          *out = banner;
          return OM_SSH_BANNER_FOUND;
        }
      if (line_len > 1024)
        return OM_SSH_BANNER_INVALID;
      start = (nl - data) + 1;
    }
  return len >= OM_SSH_BANNER_MAX_INPUT ? OM_SSH_BANNER_INVALID : OM_SSH_BANNER_NEED_MORE;
}

void
om_ssh_banner_free (OmSshBanner *banner)
{
  if (banner == NULL)
    return;
  g_free (banner->line);
  g_free (banner->proto);
  g_free (banner->software);
  g_free (banner->comments);
  g_free (banner);
}

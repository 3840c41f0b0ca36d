/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-probe-ssh"

#include "config.h"

#include "om-probes.h"
#include "om-ssh-banner.h"

gboolean
om_probe_ssh (OmObservation *obs,
              guint          port,
              guint          timeout_ms,
              GCancellable  *cancellable)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) addr = NULL;
  g_autoptr(OmSshBanner) banner = NULL;
  char buf[OM_SSH_BANNER_MAX_INPUT];
  gsize have = 0;
  GSocket *sock;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  inet = g_inet_address_new_from_string (om_observation_get_address (obs));
  if (inet == NULL)
    return FALSE;
  addr = g_inet_socket_address_new (inet, port);
  g_socket_client_set_enable_proxy (client, FALSE);   /* only ever the device itself */
  g_socket_client_set_timeout (client, (timeout_ms + 999) / 1000);
  conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (addr), cancellable, NULL);
  if (conn == NULL)
    return FALSE;
  sock = g_socket_connection_get_socket (conn);

  while (have < sizeof buf)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      OmSshBannerStatus status;
      gssize n;

      if (left <= 0 || !g_socket_condition_timed_wait (sock, G_IO_IN, left, cancellable, NULL))
        break;
      n = g_socket_receive (sock, buf + have, sizeof buf - have, cancellable, NULL);
      if (n <= 0)
        break;
      have += n;
      status = om_ssh_banner_parse (buf, have, &banner);
      if (status != OM_SSH_BANNER_NEED_MORE)
        break;
    }
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  if (banner == NULL)
    return FALSE;

  om_observation_add_fact (obs, "ssh", "ssh.banner", banner->line, banner->line);
  {
    g_autofree char *product = banner->comments
      ? g_strdup_printf ("%s %s", banner->software, banner->comments) : g_strdup (banner->software);
    om_observation_add_service (obs, port, "tcp", "ssh", product);
  }
  return TRUE;
}

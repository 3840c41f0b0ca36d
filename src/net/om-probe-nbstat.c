/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-probe-nbstat"

#include "config.h"

#include "om-nbstat.h"
#include "om-probes.h"

gboolean
om_probe_nbstat (OmObservation *obs,
                 guint          timeout_ms,
                 GCancellable  *cancellable)
{
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) dest = NULL;
  guint8 request[OM_NBSTAT_REQUEST_SIZE];
  guint8 reply[OM_NBSTAT_MAX_REPLY];
  guint16 id = (guint16) g_random_int_range (1, 0xffff);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  /* One resend halfway through: UDP may be lost, and a busy nmbd may drop the
   * first query; the whole probe still ends by the deadline. */
  gint64 resend_at = g_get_monotonic_time () + (gint64) timeout_ms * 500;
  gboolean resent = FALSE;

  inet = g_inet_address_new_from_string (om_observation_get_address (obs));
  if (inet == NULL)
    return FALSE;
  sock = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  if (sock == NULL)
    return FALSE;
  dest = g_inet_socket_address_new (inet, 137);
  om_nbstat_build_request (id, request);
  if (g_socket_send_to (sock, dest, (const char *) request, sizeof request, cancellable, NULL) < 0)
    return FALSE;

  for (;;)
    {
      g_autoptr(GSocketAddress) from = NULL;
      g_autoptr(OmNbstatReply) parsed = NULL;
      gint64 left = deadline - g_get_monotonic_time ();
      gssize n;

      if (left <= 0)
        return FALSE;
      if (!resent)
        left = MIN (left, resend_at - g_get_monotonic_time ());
      g_socket_set_timeout (sock, 0);
      if (left <= 0 || !g_socket_condition_timed_wait (sock, G_IO_IN, left, cancellable, NULL))
        {
          /* Cancelled, or waited the whole budget: give up. */
          if (resent || g_cancellable_is_cancelled (cancellable))
            return FALSE;
          resent = TRUE;
          if (g_socket_send_to (sock, dest, (const char *) request, sizeof request, cancellable, NULL) < 0)
            return FALSE;
          continue;
        }
      n = g_socket_receive_from (sock, &from, (char *) reply, sizeof reply, cancellable, NULL);
      if (n <= 0)
        continue;
      /* Only the host we asked, answering our id. */
      if (!G_IS_INET_SOCKET_ADDRESS (from)
          || !g_inet_address_equal (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (from)), inet))
        continue;
      parsed = om_nbstat_parse_reply (reply, n, NULL);
      if (parsed == NULL || parsed->id != id)
        continue;

      om_observation_add_service (obs, 137, "udp", "netbios-ns", NULL);
      if (parsed->host != NULL)
        {
          om_observation_add_fact (obs, "nbstat", "nbstat.name", parsed->host, NULL);
          om_observation_add_hostname (obs, parsed->host);
        }
      om_observation_add_fact (obs, "nbstat", "nbstat.workgroup", parsed->workgroup, NULL);
      if (parsed->file_server)
        om_observation_add_fact (obs, "nbstat", "nbstat.file-server", "yes", NULL);
      if (parsed->mac != NULL)
        {
          om_observation_add_fact (obs, "nbstat", "nbstat.mac", parsed->mac, NULL);
          if (om_observation_get_mac (obs) == NULL)
            om_observation_set_mac (obs, parsed->mac);
        }
      return TRUE;
    }
}

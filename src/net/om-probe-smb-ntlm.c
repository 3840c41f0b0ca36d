/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The SMB server's own account of itself, which libsmbclient does not expose:
 * SMB2 NEGOTIATE, then SESSION_SETUP with an NTLMSSP NEGOTIATE, and the server's
 * NTLMSSP CHALLENGE names its OS version and its NetBIOS/DNS names. We stop
 * there: no AUTHENTICATE, never a user name or password. Packets are built and
 * parsed in core (om-smb-ntlm.c); this file only moves bytes on TCP 445 of the
 * observation's own address, each conversation bounded by one deadline and
 * cancellable. Hosts that still accept SMBv1 get the same over SMB1, whose reply
 * also carries NativeOS/NativeLanMan ("Samba 4.17.12-Debian").
 */
#define G_LOG_DOMAIN "om-probe-smb"

#include "config.h"

#include <string.h>

#include "om-probes.h"
#include "om-smb-ntlm.h"

static gboolean
send_all (GSocket       *sock,
          GBytes        *bytes,
          gint64         deadline,
          GCancellable  *cancellable)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);

  while (len > 0)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      gssize n;

      if (left <= 0 || !g_socket_condition_timed_wait (sock, G_IO_OUT, left, cancellable, NULL))
        return FALSE;
      n = g_socket_send (sock, (const char *) p, len, cancellable, NULL);
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
recv_exact (GSocket      *sock,
            guint8       *buf,
            gsize         len,
            gint64        deadline,
            GCancellable *cancellable)
{
  gsize have = 0;

  while (have < len)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      gssize n;

      if (left <= 0 || !g_socket_condition_timed_wait (sock, G_IO_IN, left, cancellable, NULL))
        return FALSE;
      n = g_socket_receive (sock, (char *) buf + have, len - have, cancellable, NULL);
      if (n <= 0)
        return FALSE;
      have += n;
    }
  return TRUE;
}

/* One framed reply (session header + message), at most OM_SMB_NTLM_MAX_REPLY. */
static GBytes *
recv_message (GSocket      *sock,
              gint64        deadline,
              GCancellable *cancellable)
{
  guint8 hdr[4];
  gsize len;
  guint8 *buf;

  if (!recv_exact (sock, hdr, 4, deadline, cancellable) || hdr[0] != 0x00)
    return NULL;
  len = ((gsize) hdr[1] << 16) | ((gsize) hdr[2] << 8) | hdr[3];
  if (len == 0 || len > OM_SMB_NTLM_MAX_REPLY)
    return NULL;
  buf = g_malloc (len + 4);
  memcpy (buf, hdr, 4);
  if (!recv_exact (sock, buf + 4, len, deadline, cancellable))
    {
      g_free (buf);
      return NULL;
    }
  return g_bytes_new_take (buf, len + 4);
}

static void
add_name_fact (OmObservation *obs,
               const char    *key,
               const char    *value)
{
  if (value != NULL)
    om_observation_add_fact (obs, "smb", key, value, NULL);
}

static GSocketConnection *
connect_to (OmObservation *obs,
            guint          port,
            guint          timeout_ms,
            GCancellable  *cancellable)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) addr = NULL;

  inet = g_inet_address_new_from_string (om_observation_get_address (obs));
  if (inet == NULL)
    return NULL;
  addr = g_inet_socket_address_new (inet, port);
  g_socket_client_set_enable_proxy (client, FALSE);   /* only ever the device itself */
  g_socket_client_set_timeout (client, (timeout_ms + 999) / 1000);
  return g_socket_client_connect (client, G_SOCKET_CONNECTABLE (addr), cancellable, NULL);
}

/* NEGOTIATE, then SESSION_SETUP; *dialect is set once the first step worked. */
static OmSmbNtlmInfo *
converse_smb2 (OmObservation *obs,
               guint          port,
               gint64         deadline,
               guint          timeout_ms,
               guint16       *dialect,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GSocketConnection) conn = connect_to (obs, port, timeout_ms, cancellable);
  g_autoptr(GBytes) negotiate = NULL, setup = NULL, reply = NULL;
  OmSmbNtlmInfo *info = NULL;
  guint8 guid[16];
  GSocket *sock;

  if (conn == NULL)
    return NULL;
  sock = g_socket_connection_get_socket (conn);
  /* A fresh client GUID per probe: nothing links two scans. */
  for (guint i = 0; i < sizeof guid; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (guid + i, &r, 4);
    }
  negotiate = om_smb_ntlm_build_negotiate (guid);
  setup = om_smb_ntlm_build_session_setup ();
  if (send_all (sock, negotiate, deadline, cancellable)
      && (reply = recv_message (sock, deadline, cancellable)) != NULL
      && om_smb_ntlm_parse_negotiate (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                      dialect, error))
    {
      g_clear_pointer (&reply, g_bytes_unref);
      if (send_all (sock, setup, deadline, cancellable)
          && (reply = recv_message (sock, deadline, cancellable)) != NULL)
        info = om_smb_ntlm_parse_session_setup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                                error);
    }
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return info;
}

/* The same over SMB1, for the NativeOS/NativeLanMan strings. */
static OmSmbNtlmInfo *
converse_smb1 (OmObservation *obs,
               guint          port,
               gint64         deadline,
               guint          timeout_ms,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GSocketConnection) conn = connect_to (obs, port, timeout_ms, cancellable);
  g_autoptr(GBytes) negotiate = om_smb_ntlm_build_smb1_negotiate ();
  g_autoptr(GBytes) setup = om_smb_ntlm_build_smb1_session_setup ();
  g_autoptr(GBytes) reply = NULL;
  OmSmbNtlmInfo *info = NULL;
  GSocket *sock;

  if (conn == NULL)
    return NULL;
  sock = g_socket_connection_get_socket (conn);
  if (send_all (sock, negotiate, deadline, cancellable)
      && (reply = recv_message (sock, deadline, cancellable)) != NULL
      && om_smb_ntlm_parse_smb1_negotiate (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), error))
    {
      g_clear_pointer (&reply, g_bytes_unref);
      if (send_all (sock, setup, deadline, cancellable)
          && (reply = recv_message (sock, deadline, cancellable)) != NULL)
        info = om_smb_ntlm_parse_smb1_session_setup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                                     error);
    }
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return info;
}

gboolean
om_probe_smb_ntlm (OmObservation *obs,
                   guint          port,
                   guint          timeout_ms,
                   GCancellable  *cancellable)
{
  g_autoptr(OmSmbNtlmInfo) info = NULL, info1 = NULL;
  g_autoptr(GError) error = NULL, error1 = NULL;
  guint16 dialect = 0;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  info = converse_smb2 (obs, port, deadline, timeout_ms, &dialect, cancellable, &error);
  if (error != NULL)
    g_debug ("%s: SMB2: %s", om_observation_get_address (obs), error->message);
  /* SMBv1 only where the share probe saw it accepted: its session setup names
   * the server software (Samba says so there, and only there). */
  if (g_strcmp0 (om_observation_get_fact (obs, "smb.smb1"), "yes") == 0
      && !g_cancellable_is_cancelled (cancellable))
    {
      deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
      info1 = converse_smb1 (obs, port, deadline, timeout_ms, cancellable, &error1);
      if (error1 != NULL)
        g_debug ("%s: SMB1: %s", om_observation_get_address (obs), error1->message);
    }

  if (dialect != 0)
    {
      g_autofree char *d = g_strdup_printf ("%x.%x.%x", dialect >> 8, (dialect >> 4) & 0xf, dialect & 0xf);

      om_observation_add_fact (obs, "smb", "smb.dialect", d, NULL);
    }
  if (info1 != NULL)
    {
      add_name_fact (obs, "smb.native-os", info1->native_os);
      add_name_fact (obs, "smb.native-lanman", info1->native_lanman);
      if (info == NULL && (info1->has_version || info1->netbios_computer != NULL))
        info = g_steal_pointer (&info1);   /* an SMB1-only server */
    }
  if (dialect != 0 || info != NULL || info1 != NULL)
    om_observation_add_service (obs, port, "tcp", "smb", NULL);
  if (info == NULL)
    return dialect != 0 || info1 != NULL;

  if (info->has_version)
    {
      g_autofree char *v = g_strdup_printf ("%u.%u.%u", info->major, info->minor, info->build);
      g_autofree char *ev = g_strdup_printf ("NTLMSSP version %u.%u build %u, revision %u%s",
                                             info->major, info->minor, info->build, info->ntlm_revision,
                                             info->has_timestamp ? ", timestamp" : "");

      om_observation_add_fact (obs, "smb", "smb.ntlm.version", v, ev);
    }
  add_name_fact (obs, "smb.netbios", info->netbios_computer);
  add_name_fact (obs, "smb.netbios-domain", info->netbios_domain);
  add_name_fact (obs, "smb.dns-name", info->dns_computer);
  add_name_fact (obs, "smb.dns-domain", info->dns_domain);
  add_name_fact (obs, "smb.dns-tree", info->dns_tree);
  /* A fully qualified DNS name is a host name like any other (shown, matched). */
  if (info->dns_computer != NULL && strchr (info->dns_computer, '.') != NULL)
    om_observation_add_hostname (obs, info->dns_computer);
  return TRUE;
}

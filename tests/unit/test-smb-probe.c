/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * The SMB NTLM probe (om-probe-smb-ntlm.c) end to end against a stand-in server
 * on 127.0.0.1 that answers with captured or hand-built replies (the lab's Samba
 * cannot pretend to be Windows: smb.conf has no option for the NTLM version).
 * Also: a silent server, a hostile length, cancellation. Loopback only.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "om-identify.h"
#include "om-observation.h"
#include "om-probes.h"

#define CORPUS TEST_SRCDIR "/fuzz/corpus/smb-ntlm/"

typedef enum {
  SERVE_WINDOWS,   /* SMB2: Samba's NEGOTIATE reply, a Windows 10 CHALLENGE */
  SERVE_SAMBA,     /* SMB2 and SMB1 replies captured from the lab's Samba */
  SERVE_SILENT,    /* accepts, never answers */
  SERVE_HUGE,      /* a session header announcing 16 MiB */
} Mode;

typedef struct {
  GSocket *listener;
  guint16  port;
  Mode     mode;
  guint    n_connections;   /* to serve before the thread ends */
  guint    n_requests;      /* seen */
  GThread *thread;
} Server;

static GBytes *
corpus (const char *name)
{
  g_autofree char *path = g_strconcat (CORPUS, name, NULL);
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static gboolean
read_exact (GSocket *s,
            guint8  *buf,
            gsize    len)
{
  gsize have = 0;

  while (have < len)
    {
      gssize n = g_socket_receive (s, (char *) buf + have, len - have, NULL, NULL);

      if (n <= 0)
        return FALSE;
      have += n;
    }
  return TRUE;
}

static void
send_bytes (GSocket *s,
            GBytes  *b)
{
  gsize len;
  const char *p = g_bytes_get_data (b, &len);

  g_assert_cmpint (g_socket_send (s, p, len, NULL, NULL), ==, (gssize) len);
}

static void
serve_one (Server  *server,
           GSocket *conn)
{
  guint8 hdr[4];

  for (;;)
    {
      g_autofree guint8 *msg = NULL;
      g_autoptr(GBytes) reply = NULL;
      gsize len;

      if (!read_exact (conn, hdr, 4))
        return;   /* the client closed */
      len = (hdr[1] << 16) | (hdr[2] << 8) | hdr[3];
      msg = g_malloc (len + 1);
      if (len < 5 || !read_exact (conn, msg, len))
        return;
      server->n_requests++;
      switch (server->mode)
        {
        case SERVE_SILENT:
          continue;
        case SERVE_HUGE:
          g_assert_cmpint (g_socket_send (conn, "\x00\xff\xff\xff\xfeSMB", 8, NULL, NULL), ==, 8);
          continue;
        case SERVE_WINDOWS:
        case SERVE_SAMBA:
          if (msg[0] == 0xfe)
            reply = corpus (msg[12] == 0 ? "samba-4.17-negotiate"
                            : server->mode == SERVE_WINDOWS ? "windows10-session-setup"
                                                            : "samba-4.17-session-setup");
          else
            reply = corpus (msg[4] == 0x72 ? "samba-4.17-smb1-negotiate" : "samba-4.17-smb1-session-setup");
          send_bytes (conn, reply);
          break;
        }
    }
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;

  for (guint i = 0; i < server->n_connections; i++)
    {
      g_autoptr(GSocket) conn = g_socket_accept (server->listener, NULL, NULL);

      if (conn == NULL)
        break;
      serve_one (server, conn);
      g_socket_close (conn, NULL);
    }
  return NULL;
}

static Server *
server_start (Mode  mode,
              guint n_connections)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (server->listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (server->listener, &error));
  bound = g_socket_get_local_address (server->listener, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->mode = mode;
  server->n_connections = n_connections;
  server->thread = g_thread_new ("smb-server", server_thread, server);
  return server;
}

static void
server_stop (Server *server)
{
  g_thread_join (server->thread);
  g_socket_close (server->listener, NULL);
  g_object_unref (server->listener);
  g_free (server);
}

static void
test_windows10 (void)
{
  Server *server = server_start (SERVE_WINDOWS, 1);
  guint16 port = server->port;
  g_autoptr(OmObservation) obs = om_observation_new ("127.0.0.1");
  g_autoptr(OmIdentity) id = NULL;

  g_assert_true (om_probe_smb_ntlm (obs, port, 3000, NULL));
  server_stop (server);

  g_assert_cmpstr (om_observation_get_fact (obs, "smb.dialect"), ==, "3.0.2");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.ntlm.version"), ==, "10.0.19045");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.netbios"), ==, "PC-SATO");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.netbios-domain"), ==, "OFFICE");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.dns-domain"), ==, "office.example.jp");
  g_assert_null (om_observation_get_fact (obs, "smb.native-os"));   /* no SMB1 without smb.smb1 */
  g_assert_true (g_strv_contains (om_observation_get_hostnames (obs), "pc-sato.office.example.jp"));
  g_assert_nonnull (om_observation_find_service (obs, port, "tcp"));

  id = om_identify (obs);
  g_assert_cmpstr (id->os_family.value, ==, "windows");
  g_assert_cmpstr (id->os_name.value, ==, "Windows 10 22H2");
  g_assert_cmpstr (id->os_build.value, ==, "19045");
  g_assert_cmpint (id->kind, ==, OM_DEVICE_KIND_PC);
  g_assert_cmpstr (id->name.value, ==, "PC-SATO");
}

static void
test_samba_smb1 (void)
{
  Server *server = server_start (SERVE_SAMBA, 2);   /* one SMB2, one SMB1 connection */
  g_autoptr(OmObservation) obs = om_observation_new ("127.0.0.1");
  g_autoptr(OmIdentity) id = NULL;

  om_observation_add_fact (obs, "smb", "smb.smb1", "yes", NULL);
  g_assert_true (om_probe_smb_ntlm (obs, server->port, 3000, NULL));
  server_stop (server);

  g_assert_cmpstr (om_observation_get_fact (obs, "smb.ntlm.version"), ==, "6.1.0");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.netbios"), ==, "NAS01");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.native-os"), ==, "Windows 6.1");
  g_assert_cmpstr (om_observation_get_fact (obs, "smb.native-lanman"), ==, "Samba 4.17.12-Debian");
  id = om_identify (obs);
  g_assert_cmpstr (id->os_name.value, ==, "Debian 12");
  g_assert_cmpstr (id->name.value, ==, "NAS01");
}

/* A server that never answers costs at most the timeout; one announcing a
 * 16 MiB reply is dropped at once without reading it. */
static void
test_silent_and_huge (void)
{
  for (guint m = 0; m < 2; m++)
    {
      Server *server = server_start (m == 0 ? SERVE_SILENT : SERVE_HUGE, 1);
      g_autoptr(OmObservation) obs = om_observation_new ("127.0.0.1");
      gint64 t0 = g_get_monotonic_time (), elapsed;

      g_assert_false (om_probe_smb_ntlm (obs, server->port, 600, NULL));
      elapsed = g_get_monotonic_time () - t0;
      server_stop (server);
      g_assert_cmpint (elapsed, <, m == 0 ? 1500 * 1000 : 500 * 1000);
      if (m == 0)
        g_assert_cmpint (elapsed, >=, 550 * 1000);
      g_assert_null (om_observation_get_fact (obs, "smb.dialect"));
      g_assert_cmpuint (om_observation_get_facts (obs)->len, ==, 0);
    }
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  OmObservation *obs;
  guint16        port;
  GCancellable  *cancellable;
  gboolean       result;
  gboolean       done;
} ProbeRun;

static gpointer
probe_thread (gpointer data)
{
  ProbeRun *run = data;

  run->result = om_probe_smb_ntlm (run->obs, run->port, 10000, run->cancellable);
  g_atomic_int_set (&run->done, TRUE);
  return NULL;
}

static void
test_cancel (void)
{
  Server *server = server_start (SERVE_SILENT, 1);
  g_autoptr(OmObservation) obs = om_observation_new ("127.0.0.1");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProbeRun run = { obs, server->port, cancellable, TRUE, FALSE };
  GThread *thread;
  gint64 t0 = g_get_monotonic_time ();

  g_timeout_add (200, cancel_cb, cancellable);
  thread = g_thread_new ("probe", probe_thread, &run);
  while (!g_atomic_int_get (&run.done) && g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE), g_usleep (10 * 1000);
  g_thread_join (thread);
  server_stop (server);
  g_assert_false (run.result);
  /* Cancelled after 0.2 s of a 10 s budget: back well before the budget. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
}

static void
test_closed_port (void)
{
  Server *server = server_start (SERVE_SILENT, 0);   /* bound, then closed: nobody listens */
  guint16 port = server->port;
  g_autoptr(OmObservation) obs = om_observation_new ("127.0.0.1");

  server_stop (server);
  g_assert_false (om_probe_smb_ntlm (obs, port, 1000, NULL));
  g_assert_cmpuint (om_observation_get_facts (obs)->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/smb-probe/windows10", test_windows10);
  g_test_add_func ("/smb-probe/samba-smb1", test_samba_smb1);
  g_test_add_func ("/smb-probe/silent-and-huge", test_silent_and_huge);
  g_test_add_func ("/smb-probe/cancel", test_cancel);
  g_test_add_func ("/smb-probe/closed-port", test_closed_port);
  return g_test_run ();
}

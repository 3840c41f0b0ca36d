/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-liveness"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "om-liveness.h"
#include "om-observation.h"

/* ssh, telnet, http, netbios-ssn, https, smb, lpd, ipp, rdp, 5000/5001 (NAS admin), http-alt, raw print */
const guint16 om_liveness_default_ports[] = { 22, 23, 80, 139, 443, 445, 515, 631, 3389, 5000, 5001, 8080, 9100 };
const guint om_liveness_n_default_ports = G_N_ELEMENTS (om_liveness_default_ports);

#define CHUNK 512   /* addresses per ARP round: stays under the kernel's neighbour table limits */

typedef enum {
  ADDR_PENDING,
  ADDR_ON_LINK,     /* ARP answered */
  ADDR_NO_ARP,      /* ARP asked but unanswered: nothing there */
  ADDR_ROUTED,      /* no neighbour entry at all: not on a local link */
} AddrState;

typedef struct {
  guint32    address;
  AddrState  state;
  char      *mac;
  gboolean   alive;
  char      *how;
  GArray    *open_ports;   /* guint16 */
  gboolean   queued;
} Host;

typedef struct {
  int     fd;
  guint   host;
  guint16 port;
  gint64  deadline;
} Probe;

static const char *
port_name (guint16 port)
{
  switch (port)
    {
    case 21: return "ftp";
    case 22: return "ssh";
    case 23: return "telnet";
    case 80: return "http";
    case 139: return "netbios-ssn";
    case 443: return "https";
    case 445: return "smb";
    case 515: return "lpd";
    case 631: return "ipp";
    case 3389: return "rdp";
    case 5000: return "http";
    case 5001: return "https";
    case 8080: return "http";
    case 9100: return "jetdirect";
    default: return "unknown";
    }
}

GHashTable *
om_liveness_parse_arp_table (const char *text)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return table;
  lines = g_strsplit (text, "\n", -1);
  /* First line is the header: "IP address HW type Flags HW address Mask Device". */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      const char *cols[6] = { NULL };
      guint n = 0;
      guint64 flags;
      struct in_addr a;

      for (guint j = 0; f[j] != NULL && n < 6; j++)
        if (*f[j] != '\0')
          cols[n++] = f[j];
      if (n < 4 || inet_pton (AF_INET, cols[0], &a) != 1)
        continue;
      flags = g_ascii_strtoull (cols[2], NULL, 16);
      if (flags & 0x2)
        {
          g_autofree char *mac = om_mac_normalize (cols[3]);

          if (mac != NULL && !g_str_equal (mac, "00:00:00:00:00:00"))
            g_hash_table_replace (table, g_strdup (cols[0]), g_steal_pointer (&mac));
        }
      else if (!g_hash_table_contains (table, cols[0]))
        g_hash_table_replace (table, g_strdup (cols[0]), g_strdup (""));
    }
  return table;
}

static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  return (int) *(const guint16 *) a - (int) *(const guint16 *) b;
}

static GHashTable *
read_arp_table (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/net/arp", &text, NULL, NULL))
    return om_liveness_parse_arp_table (NULL);
  return om_liveness_parse_arp_table (text);
}

static void
addr_to_string (guint32 a,
                char    buf[INET_ADDRSTRLEN])
{
  struct in_addr in = { htonl (a) };

  inet_ntop (AF_INET, &in, buf, INET_ADDRSTRLEN);
}

static void
mark_alive (Host       *host,
            const char *how)
{
  if (!host->alive)
    {
      host->alive = TRUE;
      host->how = g_strdup (how);
    }
}

static guint
max_concurrency (guint wanted)
{
  struct rlimit rl;

  if (getrlimit (RLIMIT_NOFILE, &rl) == 0)
    {
      /* Raising the soft limit to the hard one needs no privilege. */
      if (rl.rlim_cur < rl.rlim_max && rl.rlim_cur < 8192)
        {
          rl.rlim_cur = MIN (rl.rlim_max, 8192);
          setrlimit (RLIMIT_NOFILE, &rl);
          getrlimit (RLIMIT_NOFILE, &rl);
        }
      if (rl.rlim_cur > 128 && wanted > rl.rlim_cur - 128)
        wanted = rl.rlim_cur - 128;
    }
  return MAX (wanted, 16);
}

static int
start_connect (guint32 address,
               guint16 port)
{
  struct sockaddr_in sa = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  sa.sin_family = AF_INET;
  sa.sin_port = htons (port);
  sa.sin_addr.s_addr = htonl (address);
  if (connect (fd, (struct sockaddr *) &sa, sizeof sa) == 0 || errno == EINPROGRESS)
    return fd;
  close (fd);
  return -1;
}

/* One chunk of addresses: ARP round, then TCP on hosts that can be reached. */
static void
run_chunk (Host                    *hosts,
           guint                    n_hosts,
           const OmLivenessOptions *opt,
           guint                    concurrency,
           volatile gint           *done,
           GCancellable            *cancellable)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint64));   /* host << 16 | port */
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (Probe));
  g_autofree struct pollfd *pfds = g_new0 (struct pollfd, concurrency + 1);
  GPollFD cancel_fd = { -1, 0, 0 };
  gboolean have_cancel_fd;
  guint queue_head = 0;
  gint64 arp_deadline, next_arp_read;
  gboolean arp_done = FALSE;
  int udp;

  have_cancel_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &cancel_fd);

  /* 1. Nudge the kernel into ARP with one datagram per address. */
  udp = socket (AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (udp >= 0)
    {
      for (guint i = 0; i < n_hosts; i++)
        {
          struct sockaddr_in sa = { 0 };

          sa.sin_family = AF_INET;
          sa.sin_port = htons (9);
          sa.sin_addr.s_addr = htonl (hosts[i].address);
          (void) sendto (udp, "", 0, MSG_DONTWAIT, (struct sockaddr *) &sa, sizeof sa);
        }
      close (udp);
    }
  arp_deadline = g_get_monotonic_time () + (gint64) opt->arp_wait_ms * 1000;
  next_arp_read = g_get_monotonic_time () + 20 * 1000;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 wake;
      guint nfds = 0;
      int timeout_ms, rc;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* 2. Who has answered ARP so far? Their ports can be probed right away. */
      if (!arp_done && now >= next_arp_read)
        {
          g_autoptr(GHashTable) arp = read_arp_table ();
          gboolean last = now >= arp_deadline;
          guint settled = 0;

          for (guint i = 0; i < n_hosts; i++)
            {
              char buf[INET_ADDRSTRLEN];
              const char *mac;

              if (hosts[i].state != ADDR_PENDING)
                {
                  settled++;
                  continue;
                }
              addr_to_string (hosts[i].address, buf);
              mac = g_hash_table_lookup (arp, buf);
              if (mac != NULL && *mac != '\0')
                {
                  hosts[i].state = ADDR_ON_LINK;
                  hosts[i].mac = g_strdup (mac);
                  mark_alive (&hosts[i], "arp");
                }
              else if (last)
                hosts[i].state = mac != NULL ? ADDR_NO_ARP : ADDR_ROUTED;
              else
                continue;
              settled++;
              if (done)
                g_atomic_int_inc (done);
              if (!opt->skip_tcp && hosts[i].state != ADDR_NO_ARP)
                for (guint p = 0; p < opt->n_ports; p++)
                  {
                    guint64 item = ((guint64) i << 16) | opt->ports[p];
                    g_array_append_val (queue, item);
                  }
            }
          arp_done = last || settled == n_hosts;
          next_arp_read = now + 50 * 1000;
        }

      /* 3. Start connects up to the concurrency bound. */
      while (active->len < concurrency && queue_head < queue->len)
        {
          guint64 item = g_array_index (queue, guint64, queue_head++);
          Probe probe = { -1, (guint) (item >> 16), (guint16) (item & 0xffff), 0 };

          probe.fd = start_connect (hosts[probe.host].address, probe.port);
          if (probe.fd < 0)
            continue;
          probe.deadline = g_get_monotonic_time () + (gint64) opt->connect_timeout_ms * 1000;
          g_array_append_val (active, probe);
        }

      if (arp_done && active->len == 0 && queue_head >= queue->len)
        break;

      wake = arp_done ? G_MAXINT64 : next_arp_read;
      for (guint i = 0; i < active->len; i++)
        {
          Probe *probe = &g_array_index (active, Probe, i);

          pfds[nfds].fd = probe->fd;
          pfds[nfds].events = POLLOUT;
          pfds[nfds].revents = 0;
          nfds++;
          wake = MIN (wake, probe->deadline);
        }
      if (have_cancel_fd)
        {
          pfds[nfds].fd = cancel_fd.fd;
          pfds[nfds].events = POLLIN;
          pfds[nfds].revents = 0;
          nfds++;
        }
      now = g_get_monotonic_time ();
      timeout_ms = wake == G_MAXINT64 ? 1000 : (int) CLAMP ((wake - now + 999) / 1000, 0, 1000);
      rc = poll (pfds, nfds, timeout_ms);
      if (rc < 0 && errno != EINTR)
        break;

      now = g_get_monotonic_time ();
      for (guint i = active->len; i-- > 0;)
        {
          Probe *probe = &g_array_index (active, Probe, i);
          short revents = pfds[i].revents;
          gboolean finished = FALSE;

          if (revents != 0)
            {
              int err = 0;
              socklen_t len = sizeof err;

              getsockopt (probe->fd, SOL_SOCKET, SO_ERROR, &err, &len);
              if (err == 0)
                {
                  Host *host = &hosts[probe->host];

                  mark_alive (host, "tcp");
                  g_array_append_val (host->open_ports, probe->port);
                }
              else if (err == ECONNREFUSED)
                mark_alive (&hosts[probe->host], "tcp");
              finished = TRUE;
            }
          else if (now >= probe->deadline)
            finished = TRUE;

          if (finished)
            {
              close (probe->fd);
              g_array_remove_index_fast (active, i);
            }
        }
    }

  /* Cancelled or done: nothing stays open. */
  for (guint i = 0; i < active->len; i++)
    close (g_array_index (active, Probe, i).fd);
  if (have_cancel_fd)
    g_cancellable_release_fd (cancellable);
}

GPtrArray *
om_liveness_run (OmScanScope             *scope,
                 const OmLivenessOptions *options,
                 volatile gint           *done,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  OmLivenessOptions opt = { 0 };
  GPtrArray *result;
  guint n = om_scan_scope_get_n_addresses (scope);
  guint concurrency;
  Host *hosts;

  if (options != NULL)
    opt = *options;
  if (opt.ports == NULL)
    {
      opt.ports = om_liveness_default_ports;
      opt.n_ports = om_liveness_n_default_ports;
    }
  if (opt.concurrency == 0)
    opt.concurrency = 512;
  if (opt.connect_timeout_ms == 0)
    opt.connect_timeout_ms = 800;
  if (opt.arp_wait_ms == 0)
    opt.arp_wait_ms = 500;
  concurrency = max_concurrency (opt.concurrency);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  hosts = g_new0 (Host, MIN (n, CHUNK));
  for (guint start = 0; start < n; start += CHUNK)
    {
      guint m = MIN (CHUNK, n - start);

      for (guint i = 0; i < m; i++)
        {
          /* The array is reused chunk after chunk: nothing (alive!) may carry over
           * to the address at the same position in the next 512. */
          memset (&hosts[i], 0, sizeof hosts[i]);
          hosts[i].address = om_scan_scope_get_address (scope, start + i);
          hosts[i].state = ADDR_PENDING;
          hosts[i].open_ports = g_array_new (FALSE, FALSE, sizeof (guint16));
        }
      run_chunk (hosts, m, &opt, concurrency, done, cancellable);
      for (guint i = 0; i < m; i++)
        {
          Host *h = &hosts[i];

          if (h->alive && !g_cancellable_is_cancelled (cancellable))
            {
              char buf[INET_ADDRSTRLEN];
              OmObservation *obs;

              addr_to_string (h->address, buf);
              obs = om_observation_new (buf);
              om_observation_set_alive (obs, TRUE, h->how);
              om_observation_set_mac (obs, h->mac);
              g_array_sort (h->open_ports, compare_ports);
              for (guint p = 0; p < h->open_ports->len; p++)
                {
                  guint16 port = g_array_index (h->open_ports, guint16, p);
                  om_observation_add_service (obs, port, "tcp", port_name (port), NULL);
                }
              if (h->mac != NULL)
                om_observation_add_fact (obs, "arp", "arp.mac", h->mac, NULL);
              g_ptr_array_add (result, obs);
            }
          g_clear_pointer (&h->mac, g_free);
          g_clear_pointer (&h->how, g_free);
          g_clear_pointer (&h->open_ports, g_array_unref);
        }
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  g_free (hosts);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (result);
      return NULL;
    }
  return result;
}

typedef struct {
  OmScanScope       *scope;
  OmLivenessOptions  options;
} RunData;

static void
run_data_free (RunData *data)
{
  om_scan_scope_unref (data->scope);
  g_free (data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  GPtrArray *result = om_liveness_run (data->scope, &data->options, NULL, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

void
om_liveness_run_async (OmScanScope             *scope,
                       const OmLivenessOptions *options,
                       GCancellable            *cancellable,
                       GAsyncReadyCallback      callback,
                       gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_task_set_source_tag (task, om_liveness_run_async);
  data->scope = om_scan_scope_ref (scope);
  if (options != NULL)
    data->options = *options;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

GPtrArray *
om_liveness_run_finish (GAsyncResult *result,
                        GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-scanner"

#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <glib/gi18n.h>

#include "om-liveness.h"
#include "om-mdns-browser.h"
#include "om-observation.h"
#include "om-probes.h"
#include "om-scanner.h"

#define DEFAULT_HOST_CONCURRENCY 16
#define PROBE_TIMEOUT_MS         2000

struct _OmScanner
{
  GObject       parent_instance;

  OmScanScope  *scope;
  char         *community;
  GPtrArray    *snmpv3;       /* V3Entry: secrets, held only until the run ends */
  guint         mdns_ms;
  guint         concurrency;
  gboolean      liveness_only;

  OmScanPhase   phase;
  double        fraction;
  gint64        phase_start;
  gint64        durations[OM_SCAN_PHASE_DONE + 1];

  /* The running scan */
  GTask        *task;
  volatile gint liveness_done;
  GSource      *tick_source;
  GSource      *cancel_source;
  GPtrArray    *hosts;        /* OmObservation*, live */
  guint         next_host;
  guint         running;
  guint         identified;
  gboolean      liveness_finished;
  gboolean      mdns_finished;
  GHashTable   *mdns;         /* address → OmObservation, from Avahi */
};

G_DEFINE_FINAL_TYPE (OmScanner, om_scanner, G_TYPE_OBJECT)
G_DEFINE_QUARK (om-scanner-error-quark, om_scanner_error)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_FRACTION,
  N_PROPS
};

enum {
  PROGRESS,
  HOST_FOUND,
  HOST_IDENTIFIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void maybe_finish (OmScanner *self);

/* One SNMPv3 credential set for this run: its addresses (NULL: every address)
 * and a copy of its credentials, wiped when the run ends. */
typedef struct {
  OmSnmpv3Set         *set;
  OmSnmpV3Credentials *creds;
} V3Entry;

static void
v3_entry_free (V3Entry *entry)
{
  g_clear_object (&entry->set);
  om_snmpv3_credentials_free (entry->creds);   /* wipes the passphrases */
  g_free (entry);
}

/* The most specific set for @address; the first one given wins a tie. */
static const OmSnmpV3Credentials *
pick_snmpv3 (OmScanner  *self,
             const char *address)
{
  const OmSnmpV3Credentials *best = NULL;
  guint64 best_score = OM_SNMPV3_SET_NO_MATCH;

  for (guint i = 0; self->snmpv3 != NULL && i < self->snmpv3->len; i++)
    {
      V3Entry *e = g_ptr_array_index (self->snmpv3, i);
      guint64 score = e->set != NULL ? om_snmpv3_set_match_string (e->set, address)
                                     : OM_SNMPV3_SET_MATCH_ALL;

      if (score < best_score)
        {
          best = e->creds;
          best_score = score;
        }
    }
  return best;
}

static void
clear_tick (OmScanner *self)
{
  if (self->tick_source != NULL)
    {
      g_source_destroy (self->tick_source);
      g_clear_pointer (&self->tick_source, g_source_unref);
    }
}
static void start_more_hosts (OmScanner *self);

/* The lab's IPv4 network (tests/lab/lab.sh): its interfaces are all in
 * 10.203.0.0/24. A scope may reach up to 10.203.0.0/20 so that the benchmark can
 * measure a /20 sweep; the lab namespaces have no route out of their /24, so the
 * other 3840 addresses are unreachable at once and never leave the namespace. */
#define LAB_NET         0x0acb0000u
#define LAB_MASK        0xffffff00u
#define LAB_SCOPE_MASK  0xfffff000u

static gboolean
in_lab (guint32 address)
{
  return (address & LAB_MASK) == LAB_NET;
}

static gboolean
in_lab_scope (guint32 address)
{
  return (address & LAB_SCOPE_MASK) == LAB_NET;
}

/* TRUE if every IPv4 address on this namespace's interfaces is loopback or in
 * the lab: then we are inside a lab namespace, not on a real network. */
static gboolean
only_lab_interfaces (void)
{
  struct ifaddrs *ifs = NULL;
  gboolean ok = TRUE, any = FALSE;

  if (getifaddrs (&ifs) != 0)
    return FALSE;
  for (struct ifaddrs *i = ifs; i != NULL; i = i->ifa_next)
    {
      guint32 a;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
        continue;
      a = ntohl (((struct sockaddr_in *) i->ifa_addr)->sin_addr.s_addr);
      if ((a >> 24) == 127)
        continue;
      any = TRUE;
      if (!in_lab (a))
        ok = FALSE;
    }
  freeifaddrs (ifs);
  return ok && any;
}

gboolean
om_scanner_check_safe (OmScanScope *scope,
                       GError     **error)
{
  const char *guard = g_getenv ("OMAMORI_SCAN_REQUIRE_NETNS");
  gboolean scope_in_lab = TRUE;

  if (guard == NULL || *guard == '\0' || g_str_equal (guard, "0"))
    return TRUE;
  if (om_scan_scope_is_loopback (scope))
    return TRUE;
  for (guint i = 0; i < om_scan_scope_get_n_addresses (scope) && scope_in_lab; i++)
    scope_in_lab = in_lab_scope (om_scan_scope_get_address (scope, i));
  /* /proc/1/ns/net is often unreadable (containers), so the test is positive:
   * only lab addresses here, and only lab addresses asked for. */
  if (scope_in_lab && only_lab_interfaces ())
    return TRUE;
  g_set_error (error, OM_SCANNER_ERROR, OM_SCANNER_ERROR_UNSAFE,
               _("Refusing to scan: OMAMORI_SCAN_REQUIRE_NETNS is set and this is not the test lab’s "
                 "network namespace, or the scope leaves the lab (10.203.0.0/20). Run the scan inside "
                 "the lab (tests/lab/lab.sh exec admin …)."));
  return FALSE;
}

static void
set_progress (OmScanner   *self,
              OmScanPhase  phase,
              double       fraction,
              const char  *host)
{
  gint64 now = g_get_monotonic_time ();

  if (phase != self->phase)
    {
      if (self->phase != OM_SCAN_PHASE_IDLE && self->phase_start != 0)
        self->durations[self->phase] = now - self->phase_start;
      self->phase = phase;
      self->phase_start = now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_signal_emit (self, signals[PROGRESS], 0, (guint) phase, fraction, host);
}

static gboolean
on_progress_tick_cb (gpointer data)
{
  OmScanner *self = data;
  guint n = om_scan_scope_get_n_addresses (self->scope);

  if (self->phase == OM_SCAN_PHASE_LIVENESS)
    set_progress (self, OM_SCAN_PHASE_LIVENESS,
                  (double) g_atomic_int_get (&self->liveness_done) / MAX (n, 1), NULL);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------- */
/* Identification of one host (worker thread) */

typedef struct {
  OmObservation *obs;
  char          *community;
  OmSnmpV3Credentials *snmpv3;
} HostJob;

static void
host_job_free (HostJob *job)
{
  g_object_unref (job->obs);
  g_free (job->community);
  om_snmpv3_credentials_free (job->snmpv3);   /* wipes the passphrases */
  g_free (job);
}

static gboolean
has_tcp (OmObservation *obs,
         guint          port)
{
  return om_observation_find_service (obs, port, "tcp") != NULL;
}

static void
identify_host_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  HostJob *job = task_data;
  OmObservation *obs = job->obs;
  static const guint http_ports[] = { 80, 8080, 5000 };
  static const guint https_ports[] = { 443, 5001 };

  gint64 t0 = g_get_monotonic_time (), t1, t2, t3, t4, t5;

  /* UDP first: cheap, and they name the host. Each budget covers one resend,
   * so a single lost datagram or a slow agent on a busy machine does not
   * hide what the device is; a silent host costs at most 1.2 + 1.6 s. */
  om_probe_nbstat (obs, 1200, cancellable);
  t1 = g_get_monotonic_time ();
  /* With SNMPv3 credentials, v3 first (authPriv); a device that does not
   * answer them may still answer the v2c community (and should be seen doing so). */
  if (job->snmpv3 == NULL || !om_probe_snmpv3 (obs, job->snmpv3, 1600, cancellable))
    om_probe_snmp (obs, job->community, 1600, cancellable);
  t2 = g_get_monotonic_time ();

  if (has_tcp (obs, 22))
    om_probe_ssh (obs, 22, PROBE_TIMEOUT_MS, cancellable);
  t3 = g_get_monotonic_time ();
  if (has_tcp (obs, 631))
    om_probe_ipp (obs, 631, PROBE_TIMEOUT_MS, cancellable);
  t4 = g_get_monotonic_time ();
  if (has_tcp (obs, 445) || has_tcp (obs, 139))
    /* Share enumeration goes through RPC (srvsvc), which Samba may first have to start. */
    om_probe_smb (obs, 5000, cancellable);
  if (has_tcp (obs, 445) && !g_cancellable_is_cancelled (cancellable))
    om_probe_smb_ntlm (obs, 445, 3000, cancellable);   /* the server's own OS version and names */
  t5 = g_get_monotonic_time ();
  g_debug ("%s: nbstat %.2f snmp %.2f ssh %.2f ipp %.2f smb %.2f s", om_observation_get_address (obs),
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
  for (guint i = 0; i < G_N_ELEMENTS (http_ports); i++)
    if (has_tcp (obs, http_ports[i]) && !g_cancellable_is_cancelled (cancellable))
      om_probe_http (obs, http_ports[i], FALSE, PROBE_TIMEOUT_MS, cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (https_ports); i++)
    if (has_tcp (obs, https_ports[i]) && !g_cancellable_is_cancelled (cancellable))
      om_probe_http (obs, https_ports[i], TRUE, PROBE_TIMEOUT_MS, cancellable);

  g_task_return_boolean (task, TRUE);
}

static void
on_host_identified_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(OmScanner) self = data;
  HostJob *job = g_task_get_task_data (G_TASK (result));

  if (self->running > 0)
    self->running--;
  /* After a cancel the scan has already returned; late probes just end here. */
  if (self->task == NULL || self->hosts == NULL)
    return;
  self->identified++;
  g_signal_emit (self, signals[HOST_IDENTIFIED], 0, job->obs);
  set_progress (self, OM_SCAN_PHASE_IDENTIFY, (double) self->identified / MAX (self->hosts->len, 1),
                om_observation_get_address (job->obs));
  start_more_hosts (self);
  maybe_finish (self);
}

static void
start_more_hosts (OmScanner *self)
{
  while (self->running < self->concurrency && self->next_host < self->hosts->len)
    {
      OmObservation *obs = g_ptr_array_index (self->hosts, self->next_host++);
      HostJob *job = g_new0 (HostJob, 1);
      g_autoptr(GTask) task = g_task_new (NULL, g_task_get_cancellable (self->task),
                                          on_host_identified_cb, g_object_ref (self));

      job->obs = g_object_ref (obs);
      job->community = g_strdup (self->community);
      job->snmpv3 = om_snmpv3_credentials_copy (pick_snmpv3 (self, om_observation_get_address (obs)));
      g_task_set_task_data (task, job, (GDestroyNotify) host_job_free);
      self->running++;
      g_task_run_in_thread (task, identify_host_thread);
    }
}

/* ------------------------------------------------------------------------- */

static int
compare_hosts (gconstpointer a,
               gconstpointer b)
{
  OmObservation *oa = *(OmObservation **) a, *ob = *(OmObservation **) b;
  struct in_addr ia = { 0 }, ib = { 0 };

  inet_pton (AF_INET, om_observation_get_address (oa), &ia);
  inet_pton (AF_INET, om_observation_get_address (ob), &ib);
  return ntohl (ia.s_addr) < ntohl (ib.s_addr) ? -1 : ntohl (ia.s_addr) > ntohl (ib.s_addr);
}

static void
absorb_mdns (OmScanner *self)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GHashTable) by_address = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->mdns == NULL)
    return;
  for (guint i = 0; i < self->hosts->len; i++)
    {
      OmObservation *obs = g_ptr_array_index (self->hosts, i);
      g_hash_table_insert (by_address, (gpointer) om_observation_get_address (obs), obs);
    }
  g_hash_table_iter_init (&iter, self->mdns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      OmObservation *host;

      /* Adverts from outside the confirmed scope are ignored, not followed. */
      if (!om_scan_scope_contains_string (self->scope, key))
        continue;
      host = g_hash_table_lookup (by_address, key);
      if (host != NULL)
        om_observation_absorb (host, value);
      else
        {
          g_ptr_array_add (self->hosts, g_object_ref (value));
          g_signal_emit (self, signals[HOST_FOUND], 0, value);
        }
    }
}

static void
maybe_finish (OmScanner *self)
{
  GTask *task;

  if (self->task == NULL || !self->liveness_finished || !self->mdns_finished)
    return;
  if (self->hosts != NULL && (self->running > 0 || self->next_host < self->hosts->len))
    return;

  task = g_steal_pointer (&self->task);
  clear_tick (self);
  g_clear_pointer (&self->snmpv3, g_ptr_array_unref);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  absorb_mdns (self);
  g_ptr_array_sort (self->hosts, compare_hosts);
  set_progress (self, OM_SCAN_PHASE_DONE, 1.0, NULL);
  g_task_return_pointer (task, g_steal_pointer (&self->hosts), (GDestroyNotify) g_ptr_array_unref);
  g_clear_pointer (&self->mdns, g_hash_table_unref);
  g_object_unref (task);
}

static void
fail (OmScanner *self,
      GError    *error)
{
  GTask *task = g_steal_pointer (&self->task);

  clear_tick (self);
  g_clear_pointer (&self->snmpv3, g_ptr_array_unref);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  self->running = 0;
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->mdns, g_hash_table_unref);
  self->phase = OM_SCAN_PHASE_IDLE;
  if (task != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  else
    g_error_free (error);
}

static gboolean
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      data)
{
  OmScanner *self = data;

  /* Return at once; liveness closes its sockets now, a probe in flight ends
   * within its own timeout and its result is dropped. */
  fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The scan was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
on_mdns_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(OmScanner) self = data;
  g_autoptr(GError) error = NULL;
  GHashTable *table = om_mdns_browse_finish (result, &error);

  if (self->task == NULL)
    {
      g_clear_pointer (&table, g_hash_table_unref);
      return;
    }
  if (table == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("%s", error->message);   /* a scan without Avahi still works */
  self->mdns = table;
  self->mdns_finished = TRUE;
  maybe_finish (self);
}

static void
liveness_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OmScanner *self = source;
  GError *error = NULL;
  GPtrArray *hosts = om_liveness_run (self->scope, NULL, &self->liveness_done, cancellable, &error);

  if (hosts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hosts, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_liveness_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  OmScanner *self = OM_SCANNER (source);
  GError *error = NULL;
  GPtrArray *hosts = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->task == NULL)
    {
      g_clear_pointer (&hosts, g_ptr_array_unref);
      g_clear_error (&error);
      return;
    }
  if (hosts == NULL)
    {
      fail (self, error);
      return;
    }
  self->hosts = hosts;
  self->liveness_finished = TRUE;
  set_progress (self, OM_SCAN_PHASE_LIVENESS, 1.0, NULL);
  for (guint i = 0; i < hosts->len; i++)
    g_signal_emit (self, signals[HOST_FOUND], 0, g_ptr_array_index (hosts, i));

  if (self->liveness_only)
    {
      self->durations[OM_SCAN_PHASE_LIVENESS] = g_get_monotonic_time () - self->phase_start;
      self->next_host = hosts->len;   /* nothing to identify */
      self->mdns_finished = TRUE;
      maybe_finish (self);
      return;
    }
  set_progress (self, OM_SCAN_PHASE_IDENTIFY, 0.0, NULL);
  start_more_hosts (self);
  maybe_finish (self);
}

/* ------------------------------------------------------------------------- */

static void
om_scanner_dispose (GObject *object)
{
  OmScanner *self = OM_SCANNER (object);

  clear_tick (self);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->mdns, g_hash_table_unref);
  G_OBJECT_CLASS (om_scanner_parent_class)->dispose (object);
}

static void
om_scanner_finalize (GObject *object)
{
  OmScanner *self = OM_SCANNER (object);

  om_scan_scope_unref (self->scope);
  g_free (self->community);
  g_clear_pointer (&self->snmpv3, g_ptr_array_unref);
  G_OBJECT_CLASS (om_scanner_parent_class)->finalize (object);
}

static void
om_scanner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OmScanner *self = OM_SCANNER (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_uint (value, self->phase);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_scanner_class_init (OmScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_scanner_dispose;
  object_class->finalize = om_scanner_finalize;
  object_class->get_property = om_scanner_get_property;

  properties[PROP_PHASE] = g_param_spec_uint ("phase", NULL, NULL, 0, OM_SCAN_PHASE_DONE, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::progress (phase, fraction within the phase, host address or NULL) */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_STRING);
  signals[HOST_FOUND] = g_signal_new ("host-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, OM_TYPE_OBSERVATION);
  signals[HOST_IDENTIFIED] = g_signal_new ("host-identified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, OM_TYPE_OBSERVATION);
}

static void
om_scanner_init (OmScanner *self)
{
  self->community = g_strdup ("public");
  self->mdns_ms = 3000;
  self->concurrency = DEFAULT_HOST_CONCURRENCY;
}

OmScanner *
om_scanner_new (OmScanScope *scope)
{
  OmScanner *self;

  g_return_val_if_fail (scope != NULL, NULL);
  self = g_object_new (OM_TYPE_SCANNER, NULL);
  self->scope = om_scan_scope_ref (scope);
  return self;
}

OmScanScope *
om_scanner_get_scope (OmScanner *self)
{
  g_return_val_if_fail (OM_IS_SCANNER (self), NULL);
  return self->scope;
}

void
om_scanner_set_community (OmScanner  *self,
                          const char *community)
{
  g_return_if_fail (OM_IS_SCANNER (self));
  g_free (self->community);
  self->community = g_strdup (community ? community : "public");
}

void
om_scanner_set_snmpv3 (OmScanner          *self,
                       const char         *user,
                       OmSnmpAuthProtocol  auth_proto,
                       const char         *auth_pass,
                       OmSnmpPrivProtocol  priv_proto,
                       const char         *priv_pass)
{
  g_return_if_fail (OM_IS_SCANNER (self));
  g_clear_pointer (&self->snmpv3, g_ptr_array_unref);
  if (user != NULL && auth_pass != NULL && priv_pass != NULL)
    {
      V3Entry *entry = g_new0 (V3Entry, 1);

      entry->creds = om_snmpv3_credentials_new (user, auth_proto, auth_pass, priv_proto, priv_pass);
      self->snmpv3 = g_ptr_array_new_with_free_func ((GDestroyNotify) v3_entry_free);
      g_ptr_array_add (self->snmpv3, entry);
    }
}

void
om_scanner_add_snmpv3_set (OmScanner                 *self,
                           OmSnmpv3Set               *set,
                           const OmSnmpV3Credentials *creds)
{
  V3Entry *entry;

  g_return_if_fail (OM_IS_SCANNER (self));
  g_return_if_fail (OM_IS_SNMPV3_SET (set));
  g_return_if_fail (creds != NULL);

  entry = g_new0 (V3Entry, 1);
  entry->set = g_object_ref (set);
  entry->creds = om_snmpv3_credentials_copy (creds);
  if (self->snmpv3 == NULL)
    self->snmpv3 = g_ptr_array_new_with_free_func ((GDestroyNotify) v3_entry_free);
  g_ptr_array_add (self->snmpv3, entry);
}

void
om_scanner_set_mdns_duration (OmScanner *self,
                              guint      ms)
{
  g_return_if_fail (OM_IS_SCANNER (self));
  self->mdns_ms = ms;
}

void
om_scanner_set_concurrency (OmScanner *self,
                            guint      hosts)
{
  g_return_if_fail (OM_IS_SCANNER (self));
  self->concurrency = CLAMP (hosts, 1, 64);
}

void
om_scanner_set_liveness_only (OmScanner *self,
                              gboolean   only)
{
  g_return_if_fail (OM_IS_SCANNER (self));
  self->liveness_only = only;
}

OmScanPhase
om_scanner_get_phase (OmScanner *self)
{
  g_return_val_if_fail (OM_IS_SCANNER (self), OM_SCAN_PHASE_IDLE);
  return self->phase;
}

double
om_scanner_get_fraction (OmScanner *self)
{
  g_return_val_if_fail (OM_IS_SCANNER (self), 0.0);
  return self->fraction;
}

gint64
om_scanner_get_phase_duration (OmScanner   *self,
                               OmScanPhase  phase)
{
  g_return_val_if_fail (OM_IS_SCANNER (self), 0);
  g_return_val_if_fail (phase <= OM_SCAN_PHASE_DONE, 0);
  return self->durations[phase];
}

void
om_scanner_run_async (OmScanner           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) live = NULL;
  GError *error = NULL;

  g_return_if_fail (OM_IS_SCANNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, om_scanner_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, OM_SCANNER_ERROR, OM_SCANNER_ERROR_BUSY,
                               _("A scan is already running. Wait for it to finish or cancel it."));
      return;
    }
  if (!om_scanner_check_safe (self->scope, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->snmpv3 != NULL && !self->liveness_only)
    om_probe_snmpv3_prepare ();   /* here, before worker threads use net-snmp */
  self->task = g_steal_pointer (&task);
  memset (self->durations, 0, sizeof self->durations);
  self->phase = OM_SCAN_PHASE_IDLE;
  self->liveness_done = 0;
  self->next_host = self->running = self->identified = 0;
  self->liveness_finished = self->mdns_finished = FALSE;
  set_progress (self, OM_SCAN_PHASE_LIVENESS, 0.0, NULL);
  {
    GSource *tick = g_timeout_source_new (100);

    g_source_set_callback (tick, on_progress_tick_cb, self, NULL);
    g_source_attach (tick, g_main_context_get_thread_default ());
    self->tick_source = tick;
  }
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }

  if (!self->liveness_only)
    om_mdns_browse_async (self->mdns_ms, cancellable, on_mdns_done_cb, g_object_ref (self));

  live = g_task_new (self, cancellable, on_liveness_done_cb, NULL);
  g_task_run_in_thread (live, liveness_thread);
}

GPtrArray *
om_scanner_run_finish (OmScanner     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  GPtrArray *hosts;
  GError    *error;
  gboolean   done;
} SyncRun;

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  SyncRun *run = data;

  run->hosts = om_scanner_run_finish (OM_SCANNER (source), result, &run->error);
  run->done = TRUE;
}

GPtrArray *
om_scanner_run (OmScanner     *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncRun run = { NULL, NULL, FALSE };

  g_main_context_push_thread_default (context);
  om_scanner_run_async (self, cancellable, on_sync_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  if (run.error != NULL)
    g_propagate_error (error, run.error);
  return run.hosts;
}

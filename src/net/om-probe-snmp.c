/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-probe-snmp"

#include "config.h"

#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "om-probes.h"

/* Numeric OIDs only: Debian ships no MIB files. */
static const struct {
  const char *oid;
  const char *key;
} snmp_objects[] = {
  { "1.3.6.1.2.1.1.1.0", "snmp.sysDescr" },
  { "1.3.6.1.2.1.1.2.0", "snmp.sysObjectID" },
  { "1.3.6.1.2.1.1.5.0", "snmp.sysName" },
  { "1.3.6.1.2.1.1.6.0", "snmp.sysLocation" },
  { "1.3.6.1.2.1.25.3.2.1.3.1", "snmp.hrDeviceDescr" },          /* HOST-RESOURCES hrDeviceDescr.1 */
  { "1.3.6.1.2.1.43.5.1.1.16.1", "snmp.prtGeneralPrinterName" },  /* Printer-MIB */
  { "1.3.6.1.4.1.6574.1.5.1.0", "snmp.synology.model" },          /* SYNOLOGY-SYSTEM-MIB modelName */
  { "1.3.6.1.4.1.6574.1.5.3.0", "snmp.synology.version" },        /* version ("DSM 7.1-42661") */
  { "1.3.6.1.4.1.24681.1.2.12.0", "snmp.qnap.model" },            /* QNAP NAS-MIB modelName */
  { "1.3.6.1.4.1.24681.1.2.13.0", "snmp.qnap.version" },          /* QNAP NAS-MIB firmware version */
};

static void
init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* A library user: no config files, no persistent state under /var/lib/snmp,
       * no logging to stderr. */
      netsnmp_ds_set_boolean (NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
      netsnmp_ds_set_boolean (NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
      netsnmp_ds_set_boolean (NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
      netsnmp_ds_set_boolean (NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
      snmp_disable_log ();
      /* No init_snmp(): it parses MIB files (Debian ships only a few, which
       * makes it print hundreds of warnings). snmp_sess_init() sets up the core
       * the first time it is called, including the list of transports (udp:,
       * udp6:) — but it marks that done before it is done, so a second worker
       * thread calling it at the same moment goes on with no transports ("No
       * support for any checked transport domain") and the host looks
       * SNMP-silent. Do it once here, while every other caller waits. */
      {
        netsnmp_session scratch;

        snmp_sess_init (&scratch);
      }
      g_once_init_leave (&done, 1);
    }
}

static gboolean
parse_oid (const char *text,
           oid        *out,
           size_t     *len)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", -1);
  size_t n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (n >= MAX_OID_LEN)
        return FALSE;
      out[n++] = (oid) g_ascii_strtoull (parts[i], NULL, 10);
    }
  *len = n;
  return n > 0;
}

static char *
oid_to_string (const oid *o,
               size_t     len)
{
  GString *s = g_string_new (NULL);

  for (size_t i = 0; i < len && i < 64; i++)
    g_string_append_printf (s, i ? ".%lu" : "%lu", (unsigned long) o[i]);
  return g_string_free (s, FALSE);
}

gboolean
om_probe_snmp (OmObservation *obs,
               const char    *community,
               guint          timeout_ms,
               GCancellable  *cancellable)
{
  netsnmp_session session, *sp;
  netsnmp_pdu *pdu, *response = NULL;
  g_autofree char *peer = NULL;
  g_autofree char *comm = g_strdup (community ? community : "public");
  gboolean answered = FALSE;
  void *sess;
  int status;

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  init_once ();

  snmp_sess_init (&session);
  peer = g_strdup_printf ("udp:%s:161", om_observation_get_address (obs));
  session.peername = peer;
  session.version = SNMP_VERSION_2c;
  session.community = (u_char *) comm;
  session.community_len = strlen (comm);
  /* One resend within the budget: a single lost or late datagram (a busy agent)
   * must not hide the device. The whole probe takes at most timeout_ms. */
  session.timeout = (long) MAX (timeout_ms / 2, 100) * 1000;
  session.retries = 1;
  sess = snmp_sess_open (&session);
  if (sess == NULL)
    return FALSE;
  sp = snmp_sess_session (sess);
  (void) sp;

  pdu = snmp_pdu_create (SNMP_MSG_GET);
  for (guint i = 0; i < G_N_ELEMENTS (snmp_objects); i++)
    {
      oid name[MAX_OID_LEN];
      size_t len;

      if (parse_oid (snmp_objects[i].oid, name, &len))
        snmp_add_null_var (pdu, name, len);
    }

  status = snmp_sess_synch_response (sess, pdu, &response);
  if (status == STAT_SUCCESS && response != NULL && response->errstat == SNMP_ERR_NOERROR)
    {
      answered = TRUE;
      for (netsnmp_variable_list *v = response->variables; v != NULL; v = v->next_variable)
        {
          g_autofree char *name = oid_to_string (v->name, v->name_length);
          const char *key = NULL;
          g_autofree char *value = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (snmp_objects); i++)
            if (g_str_equal (snmp_objects[i].oid, name))
              key = snmp_objects[i].key;
          if (key == NULL)
            continue;
          if (v->type == ASN_OCTET_STR && v->val.string != NULL)
            value = om_observation_clean_string ((const char *) v->val.string,
                                                 MIN (v->val_len, 4096), OM_OBSERVATION_MAX_VALUE);
          else if (v->type == ASN_OBJECT_ID && v->val.objid != NULL)
            value = oid_to_string (v->val.objid, v->val_len / sizeof (oid));
          if (value != NULL && *value != '\0')
            om_observation_add_fact (obs, "snmp", key, value, value);
        }
      om_observation_add_service (obs, 161, "udp", "snmp", NULL);
      om_observation_add_fact (obs, "snmp", "snmp.community",
                               g_str_equal (comm, "public") ? "public (default)" : "configured", NULL);
      if (om_observation_get_fact (obs, "snmp.sysName") != NULL)
        om_observation_add_hostname (obs, om_observation_get_fact (obs, "snmp.sysName"));
    }
  if (response != NULL)
    snmp_free_pdu (response);
  snmp_sess_close (sess);
  return answered;
}

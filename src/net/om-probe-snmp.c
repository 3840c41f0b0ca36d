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
  /* QNAP's NAS-MIB has no firmware object (systemInfo .13 is hostName): QTS puts
   * its version in ENTITY-MIB entPhysicalFirmwareRev.1, which identification only
   * believes next to QNAP evidence. See HACKING.md, "SNMP objects". */
  { "1.3.6.1.4.1.24681.1.2.12.0", "snmp.qnap.model" },            /* NAS-MIB systemInfo modelName */
  { "1.3.6.1.4.1.24681.1.4.1.1.1.1.1.2.1.3.1", "snmp.qnap.model" }, /* NAS-MIB enclosureModel.1 (QTS 4.5+) */
  { "1.3.6.1.2.1.47.1.1.1.1.9.1", "snmp.entPhysicalFirmwareRev" }, /* ENTITY-MIB */
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
      /* With no handler at all net-snmp falls back to stderr (and says so):
       * give it one that drops everything. */
      netsnmp_register_loghandler (NETSNMP_LOGHANDLER_NONE, LOG_DEBUG);
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

/* Sends the GET on an open session and records what came back,
 * with a fact saying which credentials the device answered to. */
static gboolean
get_system_objects (OmObservation *obs,
                    void          *sess,
                    const char    *fact_key,
                    const char    *fact_value,
                    int           *snmp_err)
{
  netsnmp_pdu *pdu, *response = NULL;
  gboolean answered = FALSE;
  int status;

  pdu = snmp_pdu_create (SNMP_MSG_GET);
  for (guint i = 0; i < G_N_ELEMENTS (snmp_objects); i++)
    {
      oid name[MAX_OID_LEN];
      size_t len;

      if (parse_oid (snmp_objects[i].oid, name, &len))
        snmp_add_null_var (pdu, name, len);
    }

  status = snmp_sess_synch_response (sess, pdu, &response);
  if (status != STAT_SUCCESS)
    {
      char *why = NULL;

      /* net-snmp error texts name the failure (timeout, authentication), never a key. */
      snmp_sess_error (sess, NULL, snmp_err, &why);
      g_debug ("%s: no SNMP answer (%s)", fact_value, why != NULL ? why : "?");
      free (why);
    }
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
      om_observation_add_fact (obs, "snmp", fact_key, fact_value, NULL);
      if (om_observation_get_fact (obs, "snmp.sysName") != NULL)
        om_observation_add_hostname (obs, om_observation_get_fact (obs, "snmp.sysName"));
    }
  if (response != NULL)
    snmp_free_pdu (response);
  return answered;
}

gboolean
om_probe_snmp (OmObservation *obs,
               const char    *community,
               guint          timeout_ms,
               GCancellable  *cancellable)
{
  netsnmp_session session;
  g_autofree char *peer = NULL;
  g_autofree char *comm = g_strdup (community ? community : "public");
  gboolean answered;
  void *sess;

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

  answered = get_system_objects (obs, sess, "snmp.community",
                                 g_str_equal (comm, "public") ? "public (default)" : "configured", NULL);
  snmp_sess_close (sess);
  return answered;
}

/* net-snmp is built without NETSNMP_REENTRANT: its USM user list and engine
 * time cache are global and unlocked, so v3 exchanges take turns. */
static GMutex v3_lock;

static void init_v3_once (void);

void
om_probe_snmpv3_prepare (void)
{
  init_once ();
  init_v3_once ();
}

static void
init_v3_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* What init_snmp() would do for SNMPv3, without reading MIBs or config
       * files: register the USM security model (it needs the application
       * type, or it crashes), set up our own engine ID (the pre-MIB steps),
       * then the post-config steps (the unnamed user that engine discovery
       * sends as). Without either step the discovery report is dropped. */
      if (netsnmp_ds_get_string (NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE) == NULL)
        netsnmp_ds_set_string (NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE, "omamori");
      init_snmpv3 ("omamori");
      snmp_call_callbacks (SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_PREMIB_READ_CONFIG, NULL);
      snmp_call_callbacks (SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, NULL);
      g_once_init_leave (&done, 1);
    }
}

/* Forgets the localized keys net-snmp cached for this user and engine, so a
 * changed passphrase takes effect in the same process and no key material is
 * left behind after the probe. */
static void
forget_usm_user (netsnmp_session *sp)
{
  struct usmUser *user;

  if (sp == NULL || sp->securityName == NULL || sp->securityEngineIDLen == 0)
    return;
  user = usm_get_user (sp->securityEngineID, sp->securityEngineIDLen, sp->securityName);
  if (user != NULL)
    {
      usm_remove_user (user);
      if (user->authKey != NULL)
        memset (user->authKey, 0, user->authKeyLen);
      if (user->privKey != NULL)
        memset (user->privKey, 0, user->privKeyLen);
      usm_free_user (user);
    }
}

/* An unauthenticated SNMPv3 discovery request (RFC 3414 §4: empty engine ID and
 * user, reportable, noAuthNoPriv); an agent answers with a Report. Sent before
 * the (serialised) net-snmp exchange so that hosts without an agent cost
 * their timeout in parallel, not one after the other under v3_lock. On a
 * connected socket an ICMP port-unreachable ends the wait at once. */
static gboolean
v3_agent_answers (const char   *address,
                  guint         timeout_ms,
                  GCancellable *cancellable)
{
  guint8 request[] = {
    0x30, 0x3c,
      0x02, 0x01, 0x03,                                 /* msgVersion 3 */
      0x30, 0x11,                                       /* msgGlobalData */
        0x02, 0x04, 0x00, 0x00, 0x00, 0x00,             /* msgID (set below) */
        0x02, 0x03, 0x00, 0xff, 0xe3,                   /* msgMaxSize 65507 */
        0x04, 0x01, 0x04,                               /* msgFlags: reportable */
        0x02, 0x01, 0x03,                               /* msgSecurityModel: USM */
      0x04, 0x10, 0x30, 0x0e,                           /* msgSecurityParameters */
        0x04, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, /* engine ID, boots, time */
        0x04, 0x00, 0x04, 0x00, 0x04, 0x00,             /* user, auth, priv */
      0x30, 0x12,                                       /* ScopedPDU */
        0x04, 0x00, 0x04, 0x00,                         /* context engine ID, name */
        0xa0, 0x0c,                                     /* GetRequest */
          0x02, 0x02, 0x00, 0x00,                       /* request-id (set below) */
          0x02, 0x01, 0x00, 0x02, 0x01, 0x00,           /* error-status, -index */
          0x30, 0x00,                                   /* no variables */
  };
  g_autoptr(GSocketAddress) peer = g_inet_socket_address_new_from_string (address, 161);
  g_autoptr(GSocket) socket = NULL;
  guint32 id = g_random_int () & 0x7fffffff;
  guint8 reply[1500];
  gint64 deadline;

  if (peer == NULL)
    return FALSE;
  request[9] = id >> 24; request[10] = id >> 16; request[11] = id >> 8; request[12] = id;
  G_STATIC_ASSERT (sizeof request == 62);
  request[52] = id >> 8; request[53] = id;
  socket = g_socket_new (g_socket_address_get_family (peer), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, NULL);
  if (socket == NULL || !g_socket_connect (socket, peer, cancellable, NULL))
    return FALSE;
  g_socket_set_blocking (socket, FALSE);
  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  /* Two sends within the budget, like the other probes: one lost datagram is not silence. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gint64 until = attempt == 0 ? g_get_monotonic_time () + (gint64) timeout_ms * 500 : deadline;

      if (g_socket_send (socket, (const char *) request, sizeof request, cancellable, NULL) < 0)
        return FALSE;
      while (g_get_monotonic_time () < until)
        {
          g_autoptr(GError) error = NULL;
          gssize n;

          if (!g_socket_condition_timed_wait (socket, G_IO_IN, until - g_get_monotonic_time (),
                                              cancellable, &error))
            {
              if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
                break;
              return FALSE;   /* cancelled */
            }
          n = g_socket_receive (socket, (char *) reply, sizeof reply, cancellable, &error);
          if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            continue;
          if (n < 0)
            return FALSE;     /* refused: no agent on this host */
          /* Any SNMP message back (a SEQUENCE) means an agent that speaks v3. */
          if (n >= 2 && reply[0] == 0x30)
            return TRUE;
        }
    }
  return FALSE;
}

static void
set_auth_proto (netsnmp_session    *session,
                OmSnmpAuthProtocol  proto)
{
  switch (proto)
    {
    case OM_SNMP_AUTH_SHA256:
      session->securityAuthProto = usmHMAC192SHA256AuthProtocol;
      session->securityAuthProtoLen = G_N_ELEMENTS (usmHMAC192SHA256AuthProtocol);
      break;
    case OM_SNMP_AUTH_SHA224:
      session->securityAuthProto = usmHMAC128SHA224AuthProtocol;
      session->securityAuthProtoLen = G_N_ELEMENTS (usmHMAC128SHA224AuthProtocol);
      break;
    case OM_SNMP_AUTH_SHA384:
      session->securityAuthProto = usmHMAC256SHA384AuthProtocol;
      session->securityAuthProtoLen = G_N_ELEMENTS (usmHMAC256SHA384AuthProtocol);
      break;
    case OM_SNMP_AUTH_SHA512:
      session->securityAuthProto = usmHMAC384SHA512AuthProtocol;
      session->securityAuthProtoLen = G_N_ELEMENTS (usmHMAC384SHA512AuthProtocol);
      break;
    case OM_SNMP_AUTH_MD5:
      session->securityAuthProto = usmHMACMD5AuthProtocol;
      session->securityAuthProtoLen = G_N_ELEMENTS (usmHMACMD5AuthProtocol);
      break;
    case OM_SNMP_AUTH_SHA:
    default:
      session->securityAuthProto = usmHMACSHA1AuthProtocol;
      session->securityAuthProtoLen = G_N_ELEMENTS (usmHMACSHA1AuthProtocol);
      break;
    }
}

static void
set_priv_proto (netsnmp_session    *session,
                OmSnmpPrivProtocol  proto)
{
  switch (proto)
    {
    case OM_SNMP_PRIV_AES192:
      session->securityPrivProto = usmAES192PrivProtocol;
      session->securityPrivProtoLen = G_N_ELEMENTS (usmAES192PrivProtocol);
      break;
    case OM_SNMP_PRIV_AES256:
      session->securityPrivProto = usmAES256PrivProtocol;
      session->securityPrivProtoLen = G_N_ELEMENTS (usmAES256PrivProtocol);
      break;
    case OM_SNMP_PRIV_DES:
      session->securityPrivProto = usmDESPrivProtocol;
      session->securityPrivProtoLen = G_N_ELEMENTS (usmDESPrivProtocol);
      break;
    case OM_SNMP_PRIV_AES:
    default:
      session->securityPrivProto = usmAESPrivProtocol;
      session->securityPrivProtoLen = G_N_ELEMENTS (usmAESPrivProtocol);
      break;
    }
}

/* Which credentials, in words for the evidence: never a passphrase. */
static char *
describe_creds (const OmSnmpV3Credentials *creds)
{
  const char *auth = om_snmpv3_set_display_name (om_snmp_auth_protocol_to_string (creds->auth_proto));
  const char *priv = om_snmpv3_set_display_name (om_snmp_priv_protocol_to_string (creds->priv_proto));
  g_autofree char *protos = NULL;

  if (creds->level == OM_SNMP_LEVEL_AUTH_PRIV)
    protos = g_strdup_printf ("%s/%s", auth, priv);
  else if (creds->level == OM_SNMP_LEVEL_AUTH_NO_PRIV)
    protos = g_strdup (auth);
  else
    protos = g_strdup ("noAuthNoPriv");
  if (creds->label != NULL)
    return g_strdup_printf ("set “%s” (user %s, %s)", creds->label, creds->user, protos);
  return g_strdup_printf ("user %s (%s)", creds->user, protos);
}

/* An answer that names the credentials as the cause, as opposed to silence. */
static const char *
auth_failure_reason (int snmp_err)
{
  switch (snmp_err)
    {
    case SNMPERR_AUTHENTICATION_FAILURE:
    case SNMPERR_USM_AUTHENTICATIONFAILURE:
      return "wrong authentication passphrase or protocol";
    case SNMPERR_UNKNOWN_USER_NAME:
    case SNMPERR_USM_UNKNOWNSECURITYNAME:
      return "the device does not know this user name";
    case SNMPERR_DECRYPTION_ERR:
    case SNMPERR_USM_DECRYPTIONERROR:
      return "wrong privacy passphrase or protocol";
    case SNMPERR_UNSUPPORTED_SEC_LEVEL:
    case SNMPERR_USM_UNSUPPORTEDSECURITYLEVEL:
      return "the device does not allow this security level for the user";
    default:
      return NULL;
    }
}

gboolean
om_probe_snmpv3 (OmObservation             *obs,
                 const OmSnmpV3Credentials *creds,
                 guint                      timeout_ms,
                 GCancellable              *cancellable)
{
  netsnmp_session session;
  g_autofree char *peer = NULL;
  g_autofree char *user = NULL;
  g_autofree char *described = NULL;
  gboolean answered = FALSE;
  gboolean use_auth, use_priv;
  int snmp_err = 0;
  void *sess;

  g_return_val_if_fail (creds != NULL && creds->user != NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  use_auth = creds->level != OM_SNMP_LEVEL_NO_AUTH_NO_PRIV;
  use_priv = creds->level == OM_SNMP_LEVEL_AUTH_PRIV;
  if ((use_auth && creds->auth_pass == NULL) || (use_priv && creds->priv_pass == NULL))
    return FALSE;
  if (!v3_agent_answers (om_observation_get_address (obs), timeout_ms, cancellable))
    return FALSE;
  init_once ();
  init_v3_once ();

  snmp_sess_init (&session);
  peer = g_strdup_printf ("udp:%s:161", om_observation_get_address (obs));
  user = g_strdup (creds->user);
  session.peername = peer;
  session.version = SNMP_VERSION_3;
  session.securityName = user;
  session.securityNameLen = strlen (user);
  session.securityLevel = use_priv ? SNMP_SEC_LEVEL_AUTHPRIV
                        : use_auth ? SNMP_SEC_LEVEL_AUTHNOPRIV : SNMP_SEC_LEVEL_NOAUTH;
  set_auth_proto (&session, creds->auth_proto);
  set_priv_proto (&session, creds->priv_proto);
  /* RFC 3414 password-to-key: the master keys (Ku) for both; net-snmp
   * localizes them with the engine ID it discovers when the session opens
   * (and stretches them for AES-192/256). */
  session.securityAuthKeyLen = USM_AUTH_KU_LEN;
  session.securityPrivKeyLen = USM_PRIV_KU_LEN;
  if ((use_auth
       && generate_Ku (session.securityAuthProto, session.securityAuthProtoLen,
                       (const u_char *) creds->auth_pass, strlen (creds->auth_pass),
                       session.securityAuthKey, &session.securityAuthKeyLen) != SNMPERR_SUCCESS)
      || (use_priv
          && generate_Ku (session.securityAuthProto, session.securityAuthProtoLen,
                          (const u_char *) creds->priv_pass, strlen (creds->priv_pass),
                          session.securityPrivKey, &session.securityPrivKeyLen) != SNMPERR_SUCCESS))
    {
      memset (session.securityAuthKey, 0, sizeof session.securityAuthKey);
      memset (session.securityPrivKey, 0, sizeof session.securityPrivKey);
      return FALSE;
    }
  if (!use_auth)
    session.securityAuthKeyLen = 0;
  if (!use_priv)
    session.securityPrivKeyLen = 0;
  session.timeout = (long) MAX (timeout_ms / 2, 100) * 1000;
  session.retries = 1;

  described = describe_creds (creds);
  g_mutex_lock (&v3_lock);
  /* Opening a v3 session discovers the agent's engine ID (one exchange). */
  sess = snmp_sess_open (&session);
  if (sess == NULL)
    {
      snmp_err = session.s_snmp_errno;
      g_debug ("%s: SNMPv3 session not opened (%s)", om_observation_get_address (obs),
               snmp_api_errstring (session.s_snmp_errno));
    }
  memset (session.securityAuthKey, 0, sizeof session.securityAuthKey);
  memset (session.securityPrivKey, 0, sizeof session.securityPrivKey);
  if (sess != NULL)
    {
      netsnmp_session *sp = snmp_sess_session (sess);
      g_autofree char *security = g_strdup_printf ("SNMPv3 %s", om_snmp_security_level_to_string (creds->level));

      if (!g_cancellable_is_cancelled (cancellable))
        answered = get_system_objects (obs, sess, "snmp.security", security, &snmp_err);
      forget_usm_user (sp);
      if (sp != NULL)
        {
          memset (sp->securityAuthKey, 0, sizeof sp->securityAuthKey);
          memset (sp->securityPrivKey, 0, sizeof sp->securityPrivKey);
        }
      snmp_sess_close (sess);
    }
  g_mutex_unlock (&v3_lock);

  /* Evidence of which credentials were used, or why they did not work. */
  if (answered)
    om_observation_add_fact (obs, "snmp", "snmp.credentials", described, NULL);
  else if (!g_cancellable_is_cancelled (cancellable))
    {
      const char *reason = auth_failure_reason (snmp_err);
      g_autofree char *text = NULL;

      if (reason != NULL)
        text = g_strdup_printf ("SNMPv3 authentication failed with %s: %s", described, reason);
      else
        text = g_strdup_printf ("SNMPv3 agent did not answer %s (%s)", described,
                                snmp_err != 0 ? snmp_api_errstring (snmp_err) : "no reply");
      om_observation_add_fact (obs, "snmp", "snmp.v3.error", text, NULL);
    }
  return answered;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-probe-smb"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <libsmbclient.h>

#include "om-probes.h"

#define MAX_SHARES 32

/* libsmbclient keeps process-wide state (talloc stack frames, the loaded
 * configuration); one SMB conversation at a time keeps it safe across threads. */
static GMutex smb_lock;

static void
anonymous_auth (SMBCCTX    *ctx,
                const char *server,
                const char *share,
                char       *workgroup,
                int         wg_len,
                char       *username,
                int         un_len,
                char       *password,
                int         pw_len)
{
  /* Never any credentials: this probe asks what anyone on the LAN can see. */
  if (un_len > 0)
    username[0] = '\0';
  if (pw_len > 0)
    password[0] = '\0';
}

static void
on_smb_log_cb (void       *private_ptr,
               int         level,
               const char *msg)
{
  /* libsmbclient's own chatter (protocol negotiation failures are expected here). */
  g_debug ("libsmbclient: %s", msg);
}

static SMBCCTX *
new_context (guint       timeout_ms,
             const char *min_proto,
             const char *max_proto)
{
  SMBCCTX *ctx = smbc_new_context ();

  if (ctx == NULL)
    return NULL;
  smbc_setDebug (ctx, 0);
  smbc_setLogCallback (ctx, NULL, on_smb_log_cb);
  smbc_setTimeout (ctx, (int) timeout_ms);
  smbc_setFunctionAuthDataWithContext (ctx, anonymous_auth);
  smbc_setOptionUseKerberos (ctx, FALSE);
  smbc_setOptionFallbackAfterKerberos (ctx, TRUE);
  smbc_setOptionNoAutoAnonymousLogin (ctx, FALSE);
  /* Always explicit: libsmbclient keeps the protocol range in global state, so
   * an earlier NT1-only context would otherwise leak into this one. */
  smbc_setOptionProtocols (ctx, min_proto, max_proto);
  if (smbc_init_context (ctx) == NULL)
    {
      smbc_free_context (ctx, 1);
      return NULL;
    }
  return ctx;
}

/* Lists the shares; FALSE if the server did not let us. */
static gboolean
list_shares (SMBCCTX    *ctx,
             const char *address,
             GPtrArray  *names)
{
  g_autofree char *url = g_strdup_printf ("smb://%s/", address);
  SMBCFILE *dir;
  struct smbc_dirent *d;

  dir = smbc_getFunctionOpendir (ctx) (ctx, url);
  if (dir == NULL)
    return FALSE;
  while ((d = smbc_getFunctionReaddir (ctx) (ctx, dir)) != NULL)
    {
      if (d->smbc_type != SMBC_FILE_SHARE || names == NULL || names->len >= MAX_SHARES)
        continue;
      g_ptr_array_add (names, om_observation_clean_string (d->name, strnlen (d->name, 256), 128));
    }
  smbc_getFunctionClosedir (ctx) (ctx, dir);
  return TRUE;
}

static gboolean
can_read_share (SMBCCTX    *ctx,
                const char *address,
                const char *share)
{
  g_autofree char *escaped = g_uri_escape_string (share, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("smb://%s/%s/", address, escaped);
  SMBCFILE *dir = smbc_getFunctionOpendir (ctx) (ctx, url);
  gboolean ok = FALSE;

  if (dir != NULL)
    {
      /* Opening may succeed lazily; reading one entry proves access. */
      ok = smbc_getFunctionReaddir (ctx) (ctx, dir) != NULL;
      smbc_getFunctionClosedir (ctx) (ctx, dir);
    }
  return ok;
}

gboolean
om_probe_smb (OmObservation *obs,
              guint          timeout_ms,
              GCancellable  *cancellable)
{
  const char *address = om_observation_get_address (obs);
  g_autoptr(GPtrArray) shares = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean smb2 = FALSE, smb1 = FALSE, listed = FALSE;
  SMBCCTX *ctx;

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  locker = g_mutex_locker_new (&smb_lock);

  /* SMB2 and later, anonymously. */
  ctx = new_context (timeout_ms, "SMB2_02", "SMB3");
  if (ctx != NULL)
    {
      listed = list_shares (ctx, address, shares);
      if (!listed && errno != EACCES && errno != EPERM && !g_cancellable_is_cancelled (cancellable))
        {
          /* A fresh connection once more: the first RPC (srvsvc) to a server can
           * fail while the server is still starting its RPC helper. */
          smbc_free_context (ctx, 1);
          g_usleep (200 * 1000);
          ctx = new_context (timeout_ms, "SMB2_02", "SMB3");
          listed = ctx != NULL && list_shares (ctx, address, shares);
        }
    }
  if (ctx != NULL)
    {
      smb2 = listed || errno == EACCES || errno == EPERM;
      for (guint i = 0; listed && i < shares->len && !g_cancellable_is_cancelled (cancellable); i++)
        {
          const char *name = g_ptr_array_index (shares, i);

          if (name == NULL || g_str_has_suffix (name, "$"))
            {
              if (name != NULL)
                om_observation_add_share (obs, name, TRUE, FALSE);
              continue;
            }
          om_observation_add_share (obs, name, TRUE, can_read_share (ctx, address, name));
        }
      smbc_free_context (ctx, 1);
    }

  /* Does it still speak SMBv1 (NT1)? */
  if (!g_cancellable_is_cancelled (cancellable))
    {
      ctx = new_context (timeout_ms, "NT1", "NT1");
      if (ctx != NULL)
        {
          smb1 = list_shares (ctx, address, NULL) || errno == EACCES || errno == EPERM;
          smbc_free_context (ctx, 1);
        }
    }

  if (!smb2 && !smb1)
    return FALSE;
  om_observation_add_service (obs, 445, "tcp", "smb", NULL);
  om_observation_add_fact (obs, "smb", "smb.dialects", smb1 ? (smb2 ? "SMB1, SMB2+" : "SMB1") : "SMB2+", NULL);
  om_observation_add_fact (obs, "smb", "smb.smb1", smb1 ? "yes" : "no", NULL);
  om_observation_add_fact (obs, "smb", "smb.guest-list", listed ? "yes" : "no", NULL);
  return TRUE;
}

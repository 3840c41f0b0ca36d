/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-mdns-browser"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-glib/glib-watch.h>

#include "om-mdns-browser.h"
#include "om-observation.h"

#define MAX_TYPES     128
#define MAX_RESOLVERS 1024
#define MAX_HOSTS     4096

typedef struct {
  GTask          *task;
  AvahiGLibPoll  *poll;
  AvahiClient    *client;
  AvahiServiceTypeBrowser *type_browser;
  GPtrArray      *browsers;     /* AvahiServiceBrowser* */
  GHashTable     *types;        /* seen type strings */
  guint           n_resolvers;
  GHashTable     *by_address;   /* char* → OmObservation* */
  guint           timeout_id;
  GSource        *cancel_source;
  gboolean        finished;
} Browse;

static void
browse_free_avahi (Browse *b)
{
  if (b->browsers != NULL)
    for (guint i = 0; i < b->browsers->len; i++)
      avahi_service_browser_free (g_ptr_array_index (b->browsers, i));
  g_clear_pointer (&b->browsers, g_ptr_array_unref);
  g_clear_pointer (&b->type_browser, avahi_service_type_browser_free);
  /* Freeing the client frees any resolver still running. */
  g_clear_pointer (&b->client, avahi_client_free);
  g_clear_pointer (&b->poll, avahi_glib_poll_free);
}

static void
browse_finish (Browse *b,
               GError *error)
{
  GTask *task;

  if (b->finished)
    return;
  b->finished = TRUE;
  if (b->timeout_id != 0)
    {
      GSource *timeout = g_main_context_find_source_by_id (g_task_get_context (b->task), b->timeout_id);

      if (timeout != NULL)
        g_source_destroy (timeout);
      b->timeout_id = 0;
    }
  if (b->cancel_source != NULL)
    {
      g_source_destroy (b->cancel_source);
      g_clear_pointer (&b->cancel_source, g_source_unref);
    }
  browse_free_avahi (b);

  task = g_steal_pointer (&b->task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&b->by_address), (GDestroyNotify) g_hash_table_unref);
  g_clear_pointer (&b->by_address, g_hash_table_unref);
  g_clear_pointer (&b->types, g_hash_table_unref);
  g_free (b);
  g_object_unref (task);
}

static gboolean
on_timeout_cb (gpointer data)
{
  Browse *b = data;

  b->timeout_id = 0;
  browse_finish (b, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      data)
{
  Browse *b = data;

  browse_finish (b, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
  return G_SOURCE_REMOVE;
}

static gboolean
valid_txt_key (const char *key)
{
  gsize n = strlen (key);

  if (n == 0 || n > 32)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '_' && key[i] != '-' && key[i] != '.')
      return FALSE;
  return TRUE;
}

static void
on_resolved_cb (AvahiServiceResolver   *r,
                AvahiIfIndex            interface,
                AvahiProtocol           protocol,
                AvahiResolverEvent      event,
                const char             *name,
                const char             *type,
                const char             *domain,
                const char             *host_name,
                const AvahiAddress     *address,
                uint16_t                port,
                AvahiStringList        *txt,
                AvahiLookupResultFlags  flags,
                void                   *data)
{
  Browse *b = data;
  char addr[AVAHI_ADDRESS_STR_MAX];
  OmObservation *obs;
  guint n_txt = 0;

  if (event != AVAHI_RESOLVER_FOUND || address == NULL || address->proto != AVAHI_PROTO_INET)
    {
      avahi_service_resolver_free (r);
      return;
    }
  avahi_address_snprint (addr, sizeof addr, address);
  obs = g_hash_table_lookup (b->by_address, addr);
  if (obs == NULL)
    {
      if (g_hash_table_size (b->by_address) >= MAX_HOSTS)
        {
          avahi_service_resolver_free (r);
          return;
        }
      obs = om_observation_new (addr);
      g_hash_table_insert (b->by_address, g_strdup (addr), obs);
    }
  om_observation_set_alive (obs, TRUE, "mdns");
  om_observation_add_fact (obs, "mdns", "mdns.service", type, name);
  om_observation_add_fact (obs, "mdns", "mdns.instance", name, NULL);
  if (host_name != NULL)
    {
      om_observation_add_fact (obs, "mdns", "mdns.hostname", host_name, NULL);
      om_observation_add_hostname (obs, host_name);
    }
  if (port != 0 && g_str_has_suffix (type, "._tcp"))
    {
      g_autofree char *svc = g_strndup (type + (type[0] == '_'), strlen (type) - (type[0] == '_') - 5);
      om_observation_add_service (obs, port, "tcp", svc, NULL);
    }
  for (AvahiStringList *l = txt; l != NULL && n_txt < 64; l = avahi_string_list_get_next (l), n_txt++)
    {
      char *key = NULL, *value = NULL;
      size_t size = 0;

      if (avahi_string_list_get_pair (l, &key, &value, &size) == 0 && key != NULL)
        {
          if (valid_txt_key (key) && value != NULL)
            {
              g_autofree char *fact_key = g_strconcat ("mdns.txt.", key, NULL);
              g_autofree char *v = om_observation_clean_string (value, MIN (size, 1024), OM_OBSERVATION_MAX_VALUE);

              om_observation_add_fact (obs, "mdns", fact_key, v, NULL);
            }
        }
      avahi_free (key);
      avahi_free (value);
    }
  avahi_service_resolver_free (r);
}

static void
on_service_cb (AvahiServiceBrowser    *sb,
               AvahiIfIndex            interface,
               AvahiProtocol           protocol,
               AvahiBrowserEvent       event,
               const char             *name,
               const char             *type,
               const char             *domain,
               AvahiLookupResultFlags  flags,
               void                   *data)
{
  Browse *b = data;

  if (event != AVAHI_BROWSER_NEW || b->n_resolvers >= MAX_RESOLVERS)
    return;
  b->n_resolvers++;
  avahi_service_resolver_new (b->client, interface, protocol, name, type, domain,
                              AVAHI_PROTO_INET, 0, on_resolved_cb, b);
}

static void
on_type_cb (AvahiServiceTypeBrowser *tb,
            AvahiIfIndex             interface,
            AvahiProtocol            protocol,
            AvahiBrowserEvent        event,
            const char              *type,
            const char              *domain,
            AvahiLookupResultFlags   flags,
            void                    *data)
{
  Browse *b = data;
  AvahiServiceBrowser *sb;

  if (event != AVAHI_BROWSER_NEW || type == NULL)
    return;
  if (g_hash_table_contains (b->types, type) || g_hash_table_size (b->types) >= MAX_TYPES)
    return;
  g_hash_table_add (b->types, g_strdup (type));
  sb = avahi_service_browser_new (b->client, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, type, domain, 0,
                                  on_service_cb, b);
  if (sb != NULL)
    g_ptr_array_add (b->browsers, sb);
}

static void
on_client_cb (AvahiClient      *client,
              AvahiClientState  state,
              void             *data)
{
  /* Failure is noticed through avahi_client_new's error; nothing to do here. */
}

void
om_mdns_browse_async (guint                duration_ms,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Browse *b = g_new0 (Browse, 1);
  int err = 0;

  b->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (b->task, om_mdns_browse_async);
  b->by_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  b->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->browsers = g_ptr_array_new ();
  b->poll = avahi_glib_poll_new (g_main_context_get_thread_default (), G_PRIORITY_DEFAULT);
  b->client = avahi_client_new (avahi_glib_poll_get (b->poll), 0, on_client_cb, b, &err);
  if (b->client == NULL)
    {
      browse_finish (b, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                     _("Could not reach the Avahi daemon (%s). Devices that announce "
                                       "themselves by mDNS will be identified less precisely."),
                                     avahi_strerror (err)));
      return;
    }
  b->type_browser = avahi_service_type_browser_new (b->client, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC,
                                                    "local", 0, on_type_cb, b);
  {
    GSource *timeout = g_timeout_source_new (duration_ms);

    g_source_set_callback (timeout, on_timeout_cb, b, NULL);
    b->timeout_id = g_source_attach (timeout, g_main_context_get_thread_default ());
    g_source_unref (timeout);
  }
  if (cancellable != NULL)
    {
      /* A source, not a signal handler: cancelling from any thread ends the browse here. */
      b->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (b->cancel_source, G_SOURCE_FUNC (on_cancelled_cb), b, NULL);
      g_source_attach (b->cancel_source, g_main_context_get_thread_default ());
    }
}

GHashTable *
om_mdns_browse_finish (GAsyncResult *result,
                       GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-probe-http"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "om-probes.h"

#define MAX_BODY (64 * 1024)

char *
om_probe_http_extract_title (const char *html,
                             gsize       len)
{
  const char *end = html + MIN (len, MAX_BODY);
  const char *p = html, *start = NULL, *stop;
  g_autofree char *raw = NULL;
  GString *text;

  if (html == NULL)
    return NULL;
  /* <title …> … </title>, case-insensitive, without a full HTML parser. */
  for (; p + 6 < end; p++)
    {
      if (*p == '<' && g_ascii_strncasecmp (p + 1, "title", 5) == 0
          && (p[6] == '>' || p[6] == ' ' || p[6] == '\t' || p[6] == '\n'))
        {
          const char *gt = memchr (p + 6, '>', end - (p + 6));

          if (gt == NULL)
            return NULL;
          start = gt + 1;
          break;
        }
    }
  if (start == NULL)
    return NULL;
  for (stop = start; stop + 7 < end; stop++)
    if (*stop == '<' && stop[1] == '/' && g_ascii_strncasecmp (stop + 2, "title", 5) == 0)
      break;
  if (stop + 7 >= end)
    stop = MIN (end, start + 1024);
  raw = om_observation_clean_string (start, MIN (stop - start, 1024), 1024);

  /* The few entities titles use; anything else stays as typed (shown as plain text). */
  text = g_string_new (NULL);
  for (const char *c = raw; *c != '\0'; c++)
    {
      static const struct { const char *ent; char ch; } ents[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' }, { "&nbsp;", ' ' },
      };
      gboolean done = FALSE;

      if (*c == '&')
        for (guint i = 0; i < G_N_ELEMENTS (ents) && !done; i++)
          if (g_str_has_prefix (c, ents[i].ent))
            {
              g_string_append_c (text, ents[i].ch);
              c += strlen (ents[i].ent) - 1;
              done = TRUE;
            }
      if (!done)
        g_string_append_c (text, *c);
    }
  {
    g_autofree char *decoded = g_string_free (text, FALSE);
    char *title = om_observation_clean_string (decoded, -1, 256);

    if (title != NULL && *title == '\0')
      g_clear_pointer (&title, g_free);
    return title;
  }
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  /* Devices use self-signed certificates; we only read the title, never send data. */
  *(GTlsCertificateFlags *) user_data = errors;
  return TRUE;
}

gboolean
om_probe_http (OmObservation *obs,
               guint          port,
               gboolean       tls,
               guint          timeout_ms,
               GCancellable  *cancellable)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = g_malloc (MAX_BODY + 1);
  g_autofree char *title = NULL;
  GTlsCertificateFlags cert_errors = 0;
  const char *server;
  gsize got = 0;
  guint status;

  url = g_strdup_printf ("%s://%s:%u/", tls ? "https" : "http", om_observation_get_address (obs), port);
  session = soup_session_new_with_options ("timeout", MAX (1, timeout_ms / 1000),
                                           "idle-timeout", 1,
                                           "user-agent", "Omamori/" PACKAGE_VERSION,
                                           "max-conns", 2,
                                           /* Straight to the device: a proxy would carry
                                            * the request out of the confirmed scope. */
                                           "proxy-resolver", NULL,
                                           NULL);
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    return FALSE;
  /* Redirects would lead away from the confirmed scope. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), &cert_errors);
  in = soup_session_send (session, msg, cancellable, NULL);
  if (in == NULL)
    return FALSE;
  status = soup_message_get_status (msg);
  server = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Server");

  while (got < MAX_BODY)
    {
      gssize n = g_input_stream_read (in, body + got, MAX_BODY - got, cancellable, NULL);

      if (n <= 0)
        break;
      got += n;
    }
  body[got] = '\0';
  g_input_stream_close (in, NULL, NULL);
  title = om_probe_http_extract_title (body, got);

  om_observation_add_service (obs, port, "tcp", tls ? "https" : "http", server);
  if (server != NULL)
    om_observation_add_fact (obs, "http", "http.server", server, server);
  if (title != NULL)
    om_observation_add_fact (obs, "http", "http.title", title, title);
  {
    g_autofree char *st = g_strdup_printf ("%u", status);
    g_autofree char *key = g_strdup_printf ("http.%u.status", port);
    om_observation_add_fact (obs, "http", key, st, NULL);
  }
  if (!tls)
    {
      g_autofree char *p = g_strdup_printf ("%u", port);
      om_observation_add_fact (obs, "http", "http.plaintext-port", p, NULL);
    }
  return TRUE;
}

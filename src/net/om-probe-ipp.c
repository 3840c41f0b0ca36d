/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-probe-ipp"

#include "config.h"

#include <string.h>
#include <cups/cups.h>

#include "om-probes.h"

static const char * const requested[] = {
  "printer-make-and-model", "printer-firmware-string-version", "printer-firmware-name",
  "printer-state", "printer-uuid", "printer-info", "printer-location", "printer-name",
  "uri-authentication-supported", "uri-security-supported", "printer-device-id",
};

static const char *
no_password (const char *prompt,
             http_t     *http,
             const char *method,
             const char *resource,
             void       *user_data)
{
  return NULL;   /* never prompt, never send credentials */
}

static int
timeout_cb (http_t *http,
            void   *user_data)
{
  return 0;   /* give up on the first timeout */
}

static void
add_text_fact (OmObservation   *obs,
               ipp_t           *response,
               const char      *attr_name,
               const char      *key)
{
  ipp_attribute_t *attr = ippFindAttribute (response, attr_name, IPP_TAG_ZERO);
  const char *value;

  if (attr == NULL)
    return;
  value = ippGetString (attr, 0, NULL);
  if (value != NULL)
    om_observation_add_fact (obs, "ipp", key, value, value);
}

static gboolean
query (OmObservation *obs,
       http_t        *http,
       const char    *address,
       guint          port,
       const char    *resource)
{
  g_autofree char *uri = g_strdup_printf ("ipp://%s:%u%s", address, port, resource);
  ipp_t *request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *attr;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (requested), NULL, requested);
  response = cupsDoRequest (http, request, resource);
  if (response == NULL)
    return FALSE;
  if (ippGetStatusCode (response) > IPP_STATUS_OK_EVENTS_COMPLETE
      || ippFindAttribute (response, "printer-make-and-model", IPP_TAG_ZERO) == NULL)
    {
      ippDelete (response);
      return FALSE;
    }

  add_text_fact (obs, response, "printer-make-and-model", "ipp.printer-make-and-model");
  add_text_fact (obs, response, "printer-firmware-string-version", "ipp.printer-firmware");
  add_text_fact (obs, response, "printer-firmware-name", "ipp.printer-firmware-name");
  add_text_fact (obs, response, "printer-uuid", "ipp.printer-uuid");
  add_text_fact (obs, response, "printer-info", "ipp.printer-info");
  add_text_fact (obs, response, "printer-location", "ipp.printer-location");
  add_text_fact (obs, response, "printer-device-id", "ipp.printer-device-id");
  if ((attr = ippFindAttribute (response, "printer-state", IPP_TAG_ENUM)) != NULL)
    {
      const char *state = ippEnumString ("printer-state", ippGetInteger (attr, 0));
      om_observation_add_fact (obs, "ipp", "ipp.printer-state", state, NULL);
    }
  /* Jobs without authentication: "none" among uri-authentication-supported. */
  if ((attr = ippFindAttribute (response, "uri-authentication-supported", IPP_TAG_KEYWORD)) != NULL)
    {
      gboolean open = FALSE;

      for (int i = 0; i < ippGetCount (attr); i++)
        if (g_strcmp0 (ippGetString (attr, i, NULL), "none") == 0)
          open = TRUE;
      om_observation_add_fact (obs, "ipp", "ipp.auth", open ? "none" : "required",
                               ippGetString (attr, 0, NULL));
    }
  om_observation_add_fact (obs, "ipp", "ipp.resource", resource, NULL);
  om_observation_add_service (obs, port, "tcp", "ipp",
                              om_observation_get_fact (obs, "ipp.printer-make-and-model"));
  ippDelete (response);
  return TRUE;
}

gboolean
om_probe_ipp (OmObservation *obs,
              guint          port,
              guint          timeout_ms,
              GCancellable  *cancellable)
{
  static const char * const resources[] = { "/ipp/print", "/ipp", "/" };
  const char *address = om_observation_get_address (obs);
  gboolean ok = FALSE;
  int cancel = 0;
  http_t *http;

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  cupsSetPasswordCB2 (no_password, NULL);
  http = httpConnect2 (address, (int) port, NULL, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                       (int) timeout_ms, &cancel);
  if (http == NULL)
    return FALSE;
  httpSetTimeout (http, timeout_ms / 1000.0, timeout_cb, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (resources) && !ok; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      ok = query (obs, http, address, port, resources[i]);
    }
  httpClose (http);
  return ok;
}

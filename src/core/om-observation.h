/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmObservation: what the probes saw at one address during one scan — MAC, host
 * names, services, shares and key/value facts, each fact with the probe that saw
 * it and the raw evidence. It is a plain record (no sockets), so it lives in core:
 * src/net/ fills it, om-identify/om-merge read it.
 *
 * Everything stored here came off the network: every string is cut to a bounded
 * size, made valid UTF-8 and stripped of control characters on the way in.
 */
#pragma once

#include <gio/gio.h>

#include "om-device.h"

G_BEGIN_DECLS

#define OM_OBSERVATION_MAX_VALUE     512    /* bytes, facts and names */
#define OM_OBSERVATION_MAX_EVIDENCE  1024
#define OM_OBSERVATION_MAX_ITEMS     256    /* per list (facts, services, names, shares) */

typedef struct {
  char *source;    /* probe: "snmp", "mdns", "ipp", "smb", "nbstat", "ssh", "http", "arp", "tcp" */
  char *key;       /* "snmp.sysDescr", "mdns.txt.model", "ipp.printer-make-and-model", … */
  char *value;
  char *evidence;  /* raw reply excerpt, may be NULL */
} OmFact;

typedef struct {
  char     *name;
  gboolean  guest_list;   /* listed without credentials */
  gboolean  guest_read;   /* opened/read without credentials */
} OmShare;

#define OM_TYPE_OBSERVATION (om_observation_get_type ())
G_DECLARE_FINAL_TYPE (OmObservation, om_observation, OM, OBSERVATION, GObject)

OmObservation *om_observation_new            (const char *address);

const char    *om_observation_get_address    (OmObservation *self);
/* Further addresses of the same host (IPv6, or IPv4 seen over mDNS). */
const char * const *om_observation_get_addresses (OmObservation *self);   /* incl. the main one */
void           om_observation_add_address    (OmObservation *self, const char *address);

const char    *om_observation_get_mac        (OmObservation *self);   /* normalised or NULL */
/* Ignores values that are not MACs, all-zero or broadcast. */
void           om_observation_set_mac        (OmObservation *self, const char *mac);

gboolean       om_observation_get_alive      (OmObservation *self);
void           om_observation_set_alive      (OmObservation *self, gboolean alive, const char *how);
const char    *om_observation_get_alive_how  (OmObservation *self);   /* "arp", "tcp", … */

const char * const *om_observation_get_hostnames (OmObservation *self);
void           om_observation_add_hostname   (OmObservation *self, const char *hostname);

GPtrArray     *om_observation_get_services   (OmObservation *self);   /* (element-type OmService) */
void           om_observation_add_service    (OmObservation *self, guint port, const char *proto,
                                              const char *name, const char *product);
const OmService *om_observation_find_service (OmObservation *self, guint port, const char *proto);

GPtrArray     *om_observation_get_facts      (OmObservation *self);   /* (element-type OmFact) */
void           om_observation_add_fact       (OmObservation *self, const char *source,
                                              const char *key, const char *value,
                                              const char *evidence);
/* The first fact with @key, or NULL. */
const char    *om_observation_get_fact       (OmObservation *self, const char *key);

GPtrArray     *om_observation_get_shares     (OmObservation *self);   /* (element-type OmShare) */
void           om_observation_add_share      (OmObservation *self, const char *name,
                                              gboolean guest_list, gboolean guest_read);

/* Copies everything @other saw into @self (same host seen by another probe). */
void           om_observation_absorb         (OmObservation *self, OmObservation *other);

/* Bounds untrusted bytes: at most @max_bytes, valid UTF-8 (invalid bytes become
 * U+FFFD), control characters replaced by spaces, surrounding blanks trimmed.
 * @len may be -1 for a NUL-terminated string. Returns NULL for NULL. */
char          *om_observation_clean_string   (const char *text, gssize len, gsize max_bytes);

G_END_DECLS

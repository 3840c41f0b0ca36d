/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmWifiProfile: a Wi-Fi connection profile saved on this computer (from
 * NetworkManager): its SSID, security, whether it connects by itself, and — only
 * after the admin agreed to a check — the length and character classes of its
 * passphrase. The passphrase itself never reaches this object.
 */
#pragma once

#include <glib-object.h>

#include "om-wifi-security.h"

G_BEGIN_DECLS

typedef enum {
  OM_PASSPHRASE_CLASS_LOWER  = 1 << 0,
  OM_PASSPHRASE_CLASS_UPPER  = 1 << 1,
  OM_PASSPHRASE_CLASS_DIGIT  = 1 << 2,
  OM_PASSPHRASE_CLASS_SYMBOL = 1 << 3,
  OM_PASSPHRASE_CLASS_OTHER  = 1 << 4,   /* non-ASCII letters, kana, kanji, … */
} OmPassphraseClasses;

/* Counts characters (not bytes) and the classes present. Reads only. */
void         om_wifi_passphrase_measure   (const char *passphrase,
                                           guint      *out_length,
                                           guint      *out_classes);
guint        om_wifi_passphrase_count_classes (guint classes);
/* The IPA guidance asks for long passwords mixing character types: fewer than 10
 * characters, or fewer than 20 with under three classes, is weak. */
gboolean     om_wifi_passphrase_is_weak   (guint length, guint classes);

#define OM_TYPE_WIFI_PROFILE (om_wifi_profile_get_type ())
G_DECLARE_FINAL_TYPE (OmWifiProfile, om_wifi_profile, OM, WIFI_PROFILE, GObject)

/* @id: the profile's UUID; @name: its name in NetworkManager (untrusted text). */
OmWifiProfile  *om_wifi_profile_new                (const char     *id,
                                                    const char     *name,
                                                    const guint8   *ssid,
                                                    gsize           ssid_len,
                                                    const char     *key_mgmt,
                                                    OmWifiSecurity  security,
                                                    gboolean        tkip,
                                                    gboolean        autoconnect);

const char     *om_wifi_profile_get_id             (OmWifiProfile *self);
const char     *om_wifi_profile_get_name           (OmWifiProfile *self);   /* display-safe */
const guint8   *om_wifi_profile_get_ssid           (OmWifiProfile *self, gsize *len);
const char     *om_wifi_profile_get_ssid_text      (OmWifiProfile *self);
const char     *om_wifi_profile_get_key_mgmt       (OmWifiProfile *self);   /* NULL: open */
OmWifiSecurity  om_wifi_profile_get_security       (OmWifiProfile *self);
gboolean        om_wifi_profile_get_tkip           (OmWifiProfile *self);
gboolean        om_wifi_profile_get_autoconnect    (OmWifiProfile *self);

gboolean        om_wifi_profile_get_passphrase_checked (OmWifiProfile *self);
guint           om_wifi_profile_get_passphrase_length  (OmWifiProfile *self);
guint           om_wifi_profile_get_passphrase_classes (OmWifiProfile *self);
void            om_wifi_profile_set_passphrase_measure (OmWifiProfile *self,
                                                        guint          length,
                                                        guint          classes);

G_END_DECLS

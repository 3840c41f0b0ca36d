/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmApplication owns the models every window shows: the store (loaded from the
 * data directory on startup, flushed on shutdown), and through it the document
 * with the organisation, staff and inventory. Pages pull them from here.
 */
#pragma once

#include <adwaita.h>

#include "om-document.h"
#include "om-eol.h"
#include "om-finding.h"
#include "om-store.h"

G_BEGIN_DECLS

#define OM_TYPE_APPLICATION (om_application_get_type ())
G_DECLARE_FINAL_TYPE (OmApplication, om_application, OM, APPLICATION, AdwApplication)

OmApplication *om_application_new           (void);
/* Like om_application_new() but with G_APPLICATION_NON_UNIQUE (tests, benches). */
OmApplication *om_application_new_non_unique (void);

/* TRUE from startup until the data file has been read (in the background);
 * "notify::loading" follows. The models exist, empty, meanwhile. */
gboolean       om_application_get_loading   (OmApplication *self);
/* Valid from startup to shutdown. */
OmStore       *om_application_get_store     (OmApplication *self);
OmDocument    *om_application_get_document  (OmApplication *self);
OmInventory   *om_application_get_inventory (OmApplication *self);
OmOrganisation *om_application_get_organisation (OmApplication *self);

/* The end-of-life status of @device's OS today, from the loaded database (cached
 * per OS string). @detail (nullable) receives a sentence for a tooltip: the end
 * date, its source and the reason. ::eol-changed is emitted when a newer database
 * is loaded. */
OmEolStatus    om_application_judge_device  (OmApplication *self,
                                             OmDevice      *device,
                                             char         **detail);
/* The findings of the document (attached as its "findings" section); the device
 * rules are evaluated at startup and again shortly after each inventory change. */
OmFindingList *om_application_get_findings  (OmApplication *self);
OmEolDatabase *om_application_get_eol_database (OmApplication *self);
/* Validates @path as an end-of-life database, copies it into the data directory and
 * uses it from now on (emits ::eol-changed). */
gboolean       om_application_install_eol_database (OmApplication *self,
                                                    const char    *path,
                                                    GError       **error);
/* Writes pending edits now. Returns FALSE (and reports the error) if the save failed. */
gboolean       om_application_flush         (OmApplication *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmStaff: one member of staff (name, e-mail, department, active or left on a
 * date). Devices point at staff by id; the sharing audit uses the leaving date.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define OM_TYPE_STAFF (om_staff_get_type ())
G_DECLARE_FINAL_TYPE (OmStaff, om_staff, OM, STAFF, GObject)

OmStaff    *om_staff_new                (const char *name);        /* fresh UUID, active */
OmStaff    *om_staff_new_with_id        (const char *id);

const char *om_staff_get_id             (OmStaff *self);
const char *om_staff_get_name           (OmStaff *self);
const char *om_staff_get_email          (OmStaff *self);
const char *om_staff_get_department     (OmStaff *self);
gboolean    om_staff_get_active         (OmStaff *self);
/* "YYYY-MM-DD" or NULL. */
const char *om_staff_get_left_on        (OmStaff *self);

void        om_staff_set_name           (OmStaff *self, const char *name);
void        om_staff_set_email          (OmStaff *self, const char *email);
void        om_staff_set_department     (OmStaff *self, const char *department);
void        om_staff_set_active         (OmStaff *self, gboolean active);
/* @left_on must be NULL, "" (cleared) or a valid "YYYY-MM-DD" date. */
void        om_staff_set_left_on        (OmStaff *self, const char *left_on);

/* TRUE for a real calendar date written as YYYY-MM-DD. */
gboolean    om_staff_date_is_valid      (const char *date);

void        om_staff_to_json            (OmStaff *self, JsonBuilder *builder);
OmStaff    *om_staff_new_from_json      (JsonObject *object, GError **error);

G_END_DECLS

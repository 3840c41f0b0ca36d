/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmFinding: one judged problem about one subject (usually a device): which rule
 * found it, how bad it is, what it is about, what to do, which of the five rules
 * (情報セキュリティ5か条, 1–5) and which self-diagnosis items (自社診断, 1–25) it
 * serves, when it was first and last seen, and its state.
 *
 * OmFindingList: the GListModel of every finding, keyed by (rule id, subject id) so
 * that evaluating the rules again updates findings instead of duplicating them. It
 * emits ::changed when a finding is added, removed or edited (for autosave).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-json-read.h"

#include "om-enums.h"

G_BEGIN_DECLS

typedef enum {
  OM_FINDING_STATE_OPEN,
  OM_FINDING_STATE_RESOLVED,        /* no longer true at the last evaluation */
  OM_FINDING_STATE_ACCEPTED_RISK,   /* the admin decided to live with it */
  OM_N_FINDING_STATES
} OmFindingState;

#define OM_TYPE_FINDING_STATE (om_finding_state_get_type ())
GType        om_finding_state_get_type    (void) G_GNUC_CONST;
/* "open", "resolved", "accepted-risk" */
const char  *om_finding_state_to_string   (OmFindingState state);
gboolean     om_finding_state_from_string (const char *str, OmFindingState *out);
const char  *om_finding_state_to_label    (OmFindingState state);   /* translated */

#define OM_FINDING_ERROR (om_finding_error_quark ())
typedef enum {
  OM_FINDING_ERROR_INVALID,   /* a stored finding is malformed */
} OmFindingError;
GQuark om_finding_error_quark (void);

#define OM_FINDING_MAX_TEXT 4096

/* ---- OmFinding ---- */

#define OM_TYPE_FINDING (om_finding_get_type ())
G_DECLARE_FINAL_TYPE (OmFinding, om_finding, OM, FINDING, GObject)

/* A new open finding with a fresh UUID, first and last seen now. */
OmFinding      *om_finding_new                (const char *rule_id, const char *subject_id);

const char     *om_finding_get_id             (OmFinding *self);
const char     *om_finding_get_rule_id        (OmFinding *self);
const char     *om_finding_get_subject_id     (OmFinding *self);
OmSeverity      om_finding_get_severity       (OmFinding *self);
const char     *om_finding_get_subject_name   (OmFinding *self);
const char     *om_finding_get_title          (OmFinding *self);
const char     *om_finding_get_detail         (OmFinding *self);
const char     *om_finding_get_evidence       (OmFinding *self);
/* 0-terminated lists, never NULL: five rules (1–5), self-diagnosis items (1–25). */
const guint    *om_finding_get_five_rules     (OmFinding *self);
const guint    *om_finding_get_selfcheck      (OmFinding *self);
GDateTime      *om_finding_get_first_seen     (OmFinding *self);
GDateTime      *om_finding_get_last_seen      (OmFinding *self);
OmFindingState  om_finding_get_state          (OmFinding *self);
/* When it was last marked resolved; NULL while open. */
GDateTime      *om_finding_get_resolved_at    (OmFinding *self);
gboolean        om_finding_is_open            (OmFinding *self);
/* "Five rules 1 · Self-diagnosis 1" (translated). Caller frees. */
char           *om_finding_dup_refs_label     (OmFinding *self);

/* Setters skip no-op changes and notify. Texts longer than OM_FINDING_MAX_TEXT
 * characters are cut. */
void            om_finding_set_severity       (OmFinding *self, OmSeverity severity);
void            om_finding_set_subject_name   (OmFinding *self, const char *name);
void            om_finding_set_title          (OmFinding *self, const char *title);
void            om_finding_set_detail         (OmFinding *self, const char *detail);
void            om_finding_set_evidence       (OmFinding *self, const char *evidence);
/* Values outside 1–5 / 1–25 are dropped; duplicates removed; sorted. */
void            om_finding_set_five_rules     (OmFinding *self, const guint *rules);
void            om_finding_set_selfcheck      (OmFinding *self, const guint *items);
void            om_finding_set_first_seen     (OmFinding *self, GDateTime *when);
void            om_finding_set_last_seen      (OmFinding *self, GDateTime *when);
/* Moving to RESOLVED records resolved_at (now); leaving it clears it. */
void            om_finding_set_state          (OmFinding *self, OmFindingState state);

/* {"id", "rule", "severity", "subject", "subject_name", "title", "detail", "evidence",
 *  "five_rules": [..], "selfcheck": [..], "first_seen", "last_seen", "state", "resolved_at"} */
void            om_finding_to_json            (OmFinding *self, JsonBuilder *builder);
OmFinding      *om_finding_new_from_json      (JsonObject *object, GError **error);
/* The finding as compact JSON text: byte for byte what a JsonGenerator writes
 * for om_finding_to_json() (but see om_json_append_string() for U+001F). Kept
 * until the finding changes. (transfer none): a GRefString. */
const char     *om_finding_get_json_text      (OmFinding *self);

/* ---- OmFindingList ---- */

#define OM_TYPE_FINDING_LIST (om_finding_list_get_type ())
G_DECLARE_FINAL_TYPE (OmFindingList, om_finding_list, OM, FINDING_LIST, GObject)

OmFindingList  *om_finding_list_new           (void);
guint           om_finding_list_get_n_findings (OmFindingList *self);
OmFinding      *om_finding_list_get_finding   (OmFindingList *self, guint position);   /* borrowed */
OmFinding      *om_finding_list_lookup        (OmFindingList *self, const char *rule_id,
                                               const char *subject_id);                 /* borrowed */
OmFinding      *om_finding_list_find_by_id    (OmFindingList *self, const char *id);   /* borrowed */
/* Adds @finding, or, if one with the same rule and subject exists, copies the
 * judged fields (severity, names, texts, references, last seen) into it, keeping
 * its id, first-seen and state — except that a resolved finding that is true
 * again is reopened. Returns the finding now in the list (borrowed). */
OmFinding      *om_finding_list_upsert        (OmFindingList *self, OmFinding *finding);
gboolean        om_finding_list_remove        (OmFindingList *self, OmFinding *finding);
void            om_finding_list_clear         (OmFindingList *self);
/* Open findings only (accepted risks and resolved ones are not counted). */
guint           om_finding_list_count_open    (OmFindingList *self, OmSeverity severity);
void            om_finding_list_count_open_by_severity (OmFindingList *self,
                                                        guint counts[OM_N_SEVERITIES]);
guint           om_finding_list_count_open_total (OmFindingList *self);

/* A JSON array of findings (the caller has begun nothing: this adds one array value). */
void            om_finding_list_to_json       (OmFindingList *self, JsonBuilder *builder);
/* Replaces the contents with the findings of a JSON array. On error the list is
 * left unchanged. */
gboolean        om_finding_list_load_json     (OmFindingList *self, JsonArray *array, GError **error);
/* Reads a JSON array of findings straight from the text, without nodes (any
 * thread). NULL with @error set (OM_FINDING_ERROR) if the value is valid JSON
 * but not a list of valid findings, which om_finding_list_load_json() would
 * refuse with the same message (@reader is then somewhere inside the value:
 * go back with om_json_reader_reset()); NULL after @reader failed (bad
 * syntax, error reported by the reader). (element-type OmFinding) (transfer full). */
GPtrArray      *om_finding_list_read_findings (OmJsonReader *reader, GError **error);
/* Replaces the contents with @findings (as read above; the first of two with
 * one rule and subject is kept). */
void            om_finding_list_take_findings (OmFindingList *self, GPtrArray *findings);

/* The "findings" section of an OmDocument (@list is an OmFindingList): load and
 * save functions for om_document_attach_section_full(), and the read, apply
 * and write functions for om_document_register_section_reader() (content: the GPtrArray
 * from om_finding_list_read_findings(), freed with g_ptr_array_unref()). */
gboolean        om_finding_list_load_section  (GObject *list, JsonNode *node, GError **error);
JsonNode       *om_finding_list_save_section  (GObject *list);
gpointer        om_finding_list_read_section  (OmJsonReader *reader, GError **error);
gboolean        om_finding_list_apply_section (GObject *list, gpointer content, GError **error);
void            om_finding_list_write_content (gpointer content, GPtrArray *pieces);

/* Appends the list as a JSON array to @pieces (element-type GRefString), one
 * piece per finding from its cached text, so saving 8,000 findings builds no
 * nodes. An OmDocumentSectionWriteFunc for @list, an OmFindingList. */
void            om_finding_list_write_json    (GObject *list, GPtrArray *pieces);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmDocument: everything Omamori knows about one organisation — the
 * OmOrganisation, the OmInventory and any number of named sections (findings,
 * Wi-Fi networks, tasks, …) that other modules plug in. A section this version
 * has no code for is kept as raw JSON and written back unchanged, so data from a
 * newer version or a module not attached yet is never lost on save.
 *
 * A module owning a section attaches it once, typically lazily:
 *
 *   OmFindingList *
 *   om_document_get_findings (OmDocument *doc)
 *   {
 *     GObject *s = om_document_get_section (doc, "findings");
 *     if (s == NULL) {
 *       g_autoptr(OmFindingList) list = om_finding_list_new ();
 *       om_document_attach_section (doc, "findings", G_OBJECT (list),
 *                                   load_findings, save_findings, NULL);
 *       s = G_OBJECT (list);
 *     }
 *     return OM_FINDING_LIST (s);
 *   }
 *
 * If the section object has a "changed" signal the document listens to it;
 * otherwise call om_document_mark_changed() after editing it.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "om-inventory.h"
#include "om-json-read.h"
#include "om-organisation.h"

G_BEGIN_DECLS

/* The layout om_document_to_json() writes (see om-store.c for older ones). */
#define OM_DOCUMENT_SCHEMA 2

/* Fills @section from @node; @node is NULL when the file has no such section
 * (reset to empty). On error leave @section as it was if you can. */
typedef gboolean (*OmDocumentSectionLoadFunc) (GObject   *section,
                                               JsonNode  *node,
                                               GError   **error);
/* Returns a new node for the section's current content (transfer full). */
typedef JsonNode *(*OmDocumentSectionSaveFunc) (GObject *section);
/* Optional, for large sections: appends the section's content as compact JSON
 * text to @pieces (element-type GRefString, each added with a reference): the
 * same JSON the save function describes, written without building nodes.
 * om_document_serialize() (the autosave) uses it when there is one. */
typedef void (*OmDocumentSectionWriteFunc) (GObject   *section,
                                            GPtrArray *pieces);

/* For a large section, registered before the file is read: reads the section's
 * value straight from the file's text in the store's loading thread (so it may
 * touch nothing but @reader and what it builds) and returns it in whatever
 * form the apply function takes (transfer full). Returns NULL with @error set
 * if the value is valid JSON the section cannot read (the section is then kept
 * as raw JSON, as without a reader), or NULL after @reader failed. */
typedef gpointer (*OmDocumentSectionReadFunc) (OmJsonReader  *reader,
                                               GError       **error);
/* Writes @content (from a read function) like OmDocumentSectionWriteFunc. */
typedef void (*OmDocumentContentWriteFunc) (gpointer   content,
                                            GPtrArray *pieces);
/* Fills @section from @content (transfer full: free it or keep it). */
typedef gboolean (*OmDocumentSectionApplyFunc) (GObject   *section,
                                                gpointer   content,
                                                GError   **error);

#define OM_TYPE_DOCUMENT (om_document_get_type ())
G_DECLARE_FINAL_TYPE (OmDocument, om_document, OM, DOCUMENT, GObject)

OmDocument     *om_document_new                (void);

OmOrganisation *om_document_get_organisation   (OmDocument *self);
OmInventory    *om_document_get_inventory      (OmDocument *self);

/* Emits ::changed; for sections whose objects have no "changed" signal. */
void            om_document_mark_changed       (OmDocument *self);

/* Attaches @section under the top-level member @key. If the document already
 * holds raw JSON for @key, @load is called with it right away; if that fails the
 * section is not attached, the raw JSON is kept and FALSE is returned. */
gboolean        om_document_attach_section     (OmDocument                *self,
                                                const char                *key,
                                                GObject                   *section,
                                                OmDocumentSectionLoadFunc  load,
                                                OmDocumentSectionSaveFunc  save,
                                                GError                   **error);
/* The same, with a text writer for the autosave. */
gboolean        om_document_attach_section_full (OmDocument                 *self,
                                                 const char                 *key,
                                                 GObject                    *section,
                                                 OmDocumentSectionLoadFunc   load,
                                                 OmDocumentSectionSaveFunc   save,
                                                 OmDocumentSectionWriteFunc  write,
                                                 GError                    **error);
/* The attached object for @key (borrowed) or NULL. */
GObject        *om_document_get_section        (OmDocument *self, const char *key);
/* The object for @key, attached on first use as a new @type filled by @load
 * (borrowed). A section this version cannot read stays raw in the file and an
 * empty, unattached @type is returned (kept with the document) so nothing is lost. */
GObject        *om_document_ensure_section     (OmDocument                *self,
                                                const char                *key,
                                                GType                      type,
                                                OmDocumentSectionLoadFunc  load,
                                                OmDocumentSectionSaveFunc  save);
/* The JSON for @key (from the attached object, or the raw JSON kept), or NULL. Transfer full. */
JsonNode       *om_document_dup_section_node   (OmDocument *self, const char *key);
/* Replaces the JSON for @key (loads it into the attached object if there is one);
 * NULL removes a raw section. Emits ::changed. */
gboolean        om_document_set_section_node   (OmDocument  *self,
                                                const char  *key,
                                                JsonNode    *node,
                                                GError     **error);
/* Keys of all sections present, attached or raw, in file order. Free with g_strfreev(). */
char          **om_document_list_sections      (OmDocument *self);

/* Registers a reader for the section @key, used by loads that start afterwards
 * (OmStore): the section is read in the loading thread without JSON nodes and
 * kept as read until a section is attached under @key, which then gets it
 * through @apply instead of its load function. Until then @write (called with
 * the content instead of an object) writes it: what the attached section
 * would write. A value @read cannot read is kept as raw JSON, as without a
 * reader. */
void            om_document_register_section_reader (OmDocument                 *self,
                                                     const char                 *key,
                                                     OmDocumentSectionReadFunc   read,
                                                     OmDocumentSectionApplyFunc  apply,
                                                     OmDocumentContentWriteFunc  write,
                                                     GDestroyNotify              content_free);

/* For OmStore: the registered readers, copied on the main thread, then used
 * by the loading thread while it reads the file's top-level members. */
typedef struct _OmDocumentReadAhead OmDocumentReadAhead;

OmDocumentReadAhead *om_document_read_ahead_new    (OmDocument *self);
void                 om_document_read_ahead_free   (OmDocumentReadAhead *ahead);
/* Reads the value of top-level member @key if a reader is registered for it
 * (sets *@handled) and keeps what it read; leaves @reader where it was if the
 * section's reader could not read the value. FALSE after @reader failed. */
gboolean             om_document_read_ahead_member (OmDocumentReadAhead  *ahead,
                                                    const char           *key,
                                                    OmJsonReader         *reader,
                                                    gboolean             *handled,
                                                    GError              **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OmDocumentReadAhead, om_document_read_ahead_free)

/* The whole document as a schema-OM_DOCUMENT_SCHEMA root object (transfer full). */
JsonNode       *om_document_to_json            (OmDocument *self);
/* The same document as compact JSON text, in pieces to be written one after
 * the other: (element-type GRefString) (transfer full). Each device's text is
 * cached until the device changes, so after the first call this costs little
 * more than a lookup per device; what the store's autosave uses. */
GPtrArray      *om_document_serialize          (OmDocument *self);
/* Replaces the content from a root object already migrated to OM_DOCUMENT_SCHEMA.
 * Validates devices and organisation before changing anything. */
gboolean        om_document_load_json          (OmDocument  *self,
                                                JsonObject  *root,
                                                GError     **error);
/* The same with the devices already read (element-type OmDevice, transfer none);
 * the "devices" member of @root is ignored. For the store's streaming reader. */
gboolean        om_document_load_json_with_devices (OmDocument  *self,
                                                    JsonObject  *root,
                                                    GPtrArray   *devices,
                                                    GError     **error);

/* The same, also taking the sections @ahead read (the members of @root for
 * them are placeholders). @ahead may be NULL. */
gboolean        om_document_load_json_full     (OmDocument           *self,
                                                JsonObject           *root,
                                                GPtrArray            *devices,
                                                OmDocumentReadAhead  *ahead,
                                                GError              **error);

G_END_DECLS

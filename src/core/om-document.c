/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "om-document.h"
#include "om-json-read.h"

typedef struct
{
  char                      *key;
  JsonNode                  *raw;      /* kept while nothing is attached */
  GObject                   *object;   /* attached section, or NULL */
  OmDocumentSectionLoadFunc  load;
  OmDocumentSectionSaveFunc  save;
  OmDocumentSectionWriteFunc write;    /* optional */
  gulong                     changed_id;
  /* Read ahead by a registered reader while nothing is attached: */
  gpointer                   content;  /* for the reader's apply function */
  GDestroyNotify             content_free;
} Section;

/* A reader registered for a section before the file is loaded. */
typedef struct
{
  char                       *key;
  OmDocumentSectionReadFunc   read;
  OmDocumentSectionApplyFunc  apply;
  OmDocumentContentWriteFunc  write;
  GDestroyNotify              content_free;
} SectionReader;

struct _OmDocumentReadAhead
{
  GPtrArray  *readers;   /* (element-type SectionReader), copies */
  GHashTable *read;      /* key -> ReadSection */
};

typedef struct
{
  gpointer        content;
  GDestroyNotify  content_free;
} ReadSection;

/* A device's serialised JSON, kept until the device emits ::changed. */
typedef struct
{
  OmDevice *device;
  char     *text;       /* GRefString, NULL when stale */
} CachedDevice;

struct _OmDocument
{
  GObject parent_instance;

  OmOrganisation *organisation;
  OmInventory    *inventory;
  GPtrArray      *sections;   /* (element-type Section), in file order */
  GPtrArray      *readers;    /* (element-type SectionReader) */
  guint           loading;    /* > 0 while load_json runs: one ::changed at the end */

  GHashTable     *cache;      /* OmDevice* -> CachedDevice* */
  guint           warm_id;    /* idle filling the cache after a load */
  guint           warm_pos;
  GString        *scratch;    /* reused to write a device's text */
};

/* Devices serialised per idle callback when warming the cache (a few ms). */
#define WARM_CHUNK 100

G_DEFINE_FINAL_TYPE (OmDocument, om_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORGANISATION,
  PROP_INVENTORY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Top-level members the document itself owns; no section may use them. */
static const char * const reserved_keys[] = { "schema", "generator", "organisation", "devices", NULL };

static void
section_drop_pending (Section *section)
{
  if (section->content != NULL && section->content_free != NULL)
    section->content_free (section->content);
  section->content = NULL;
}

static void
section_reader_free (gpointer data)
{
  SectionReader *reader = data;

  g_free (reader->key);
  g_free (reader);
}

static void
read_section_free (gpointer data)
{
  ReadSection *read = data;

  if (read->content != NULL && read->content_free != NULL)
    read->content_free (read->content);
  g_free (read);
}

static SectionReader *
find_reader (GPtrArray *readers, const char *key)
{
  for (guint i = 0; i < readers->len; i++)
    {
      SectionReader *reader = g_ptr_array_index (readers, i);

      if (strcmp (reader->key, key) == 0)
        return reader;
    }
  return NULL;
}

/* Appends the text of a section read ahead and not attached yet. */
static void
write_pending (OmDocument *self, Section *section, GPtrArray *pieces)
{
  SectionReader *reader = find_reader (self->readers, section->key);

  g_assert (reader != NULL);
  reader->write (section->content, pieces);
}

/* The JSON of a section read ahead and not attached yet (transfer full). */
static JsonNode *
pending_node (OmDocument *self, Section *section)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ref_string_release);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  write_pending (self, section, pieces);
  for (guint i = 0; i < pieces->len; i++)
    g_string_append (text, g_ptr_array_index (pieces, i));
  node = om_json_read (text->str, text->len, NULL, NULL, NULL, &error);
  if (node == NULL)
    g_critical ("Section “%s” writes invalid JSON: %s", section->key, error->message);
  return node;
}

static void
section_free (gpointer data)
{
  Section *section = data;

  section_drop_pending (section);

  if (section->object != NULL && section->changed_id != 0)
    g_signal_handler_disconnect (section->object, section->changed_id);
  g_clear_object (&section->object);
  g_clear_pointer (&section->raw, json_node_unref);
  g_free (section->key);
  g_free (section);
}

static Section *
find_section (OmDocument *self, const char *key)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (section->key, key) == 0)
        return section;
    }
  return NULL;
}

static Section *
ensure_section (OmDocument *self, const char *key)
{
  Section *section = find_section (self, key);

  if (section == NULL)
    {
      section = g_new0 (Section, 1);
      section->key = g_strdup (key);
      g_ptr_array_add (self->sections, section);
    }
  return section;
}

static void
emit_changed (OmDocument *self)
{
  if (self->loading == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Connected swapped: whatever arguments a part's "changed" signal carries, the
 * document is the first one and the rest are ignored. */
static void
on_part_changed_cb (OmDocument *self)
{
  emit_changed (self);
}

static void on_cached_device_changed_cb (OmDevice *device, gpointer user_data);

static void
cached_device_free (gpointer data)
{
  CachedDevice *entry = data;

  om_device_remove_watch (entry->device, on_cached_device_changed_cb, entry);
  g_clear_pointer (&entry->text, g_ref_string_release);
  g_object_unref (entry->device);
  g_free (entry);
}

static void
on_cached_device_changed_cb (OmDevice *device,
                             gpointer  user_data)
{
  CachedDevice *entry = user_data;

  g_clear_pointer (&entry->text, g_ref_string_release);
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  return g_ref_string_new (text);
}

/* Returns the device's JSON text (borrowed GRefString), serialising it if stale. */
static const char *
device_text (OmDocument *self, GHashTable *cache, OmDevice *device)
{
  CachedDevice *entry = g_hash_table_lookup (cache, device);

  if (entry == NULL)
    {
      entry = g_new0 (CachedDevice, 1);
      entry->device = g_object_ref (device);
      /* A watch, not a signal connection: one per device adds up. */
      om_device_add_watch (device, on_cached_device_changed_cb, entry);
      g_hash_table_insert (cache, device, entry);
    }
  if (entry->text == NULL)
    {
      /* Written as text (json-glib's output byte for byte): building nodes
       * and generating from them took ~275 ms for 10,000 devices. */
      g_string_truncate (self->scratch, 0);
      om_device_append_json (device, self->scratch);
      entry->text = g_ref_string_new_len (self->scratch->str, (gssize) self->scratch->len);
    }
  return entry->text;
}

/* After a load, serialise devices a chunk at a time while the user looks at the
 * window, so that the first autosave does not stall the main loop. */
static gboolean
on_warm_cache_cb (gpointer user_data)
{
  OmDocument *self = user_data;
  guint n = om_inventory_get_n_devices (self->inventory);
  guint end = MIN (n, self->warm_pos + WARM_CHUNK);

  for (; self->warm_pos < end; self->warm_pos++)
    device_text (self, self->cache, om_inventory_get_device (self->inventory, self->warm_pos));
  if (self->warm_pos < n)
    return G_SOURCE_CONTINUE;
  self->warm_id = 0;
  return G_SOURCE_REMOVE;
}

static void
om_document_dispose (GObject *object)
{
  OmDocument *self = OM_DOCUMENT (object);

  g_clear_handle_id (&self->warm_id, g_source_remove);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  if (self->organisation != NULL)
    g_signal_handlers_disconnect_by_func (self->organisation, on_part_changed_cb, self);
  if (self->inventory != NULL)
    g_signal_handlers_disconnect_by_func (self->inventory, on_part_changed_cb, self);
  g_clear_object (&self->organisation);
  g_clear_object (&self->inventory);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  if (self->scratch != NULL)
    {
      g_string_free (self->scratch, TRUE);
      self->scratch = NULL;
    }

  G_OBJECT_CLASS (om_document_parent_class)->dispose (object);
}

static void
om_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OmDocument *self = OM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ORGANISATION:
      g_value_set_object (value, self->organisation);
      break;
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_document_class_init (OmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = om_document_dispose;
  object_class->get_property = om_document_get_property;

  properties[PROP_ORGANISATION] =
    g_param_spec_object ("organisation", NULL, NULL, OM_TYPE_ORGANISATION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL, OM_TYPE_INVENTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OmDocument::changed:
   *
   * Emitted after anything in the document changed: the organisation, the
   * inventory, a section (or om_document_mark_changed()), or a whole load.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
om_document_init (OmDocument *self)
{
  self->organisation = om_organisation_new ();
  self->inventory = om_inventory_new ();
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->readers = g_ptr_array_new_with_free_func (section_reader_free);
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, cached_device_free);
  self->scratch = g_string_sized_new (2048);

  g_signal_connect_swapped (self->organisation, "changed", G_CALLBACK (on_part_changed_cb), self);
  g_signal_connect_swapped (self->inventory, "changed", G_CALLBACK (on_part_changed_cb), self);
}

OmDocument *
om_document_new (void)
{
  return g_object_new (OM_TYPE_DOCUMENT, NULL);
}

OmOrganisation *
om_document_get_organisation (OmDocument *self)
{
  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);
  return self->organisation;
}

OmInventory *
om_document_get_inventory (OmDocument *self)
{
  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);
  return self->inventory;
}

void
om_document_mark_changed (OmDocument *self)
{
  g_return_if_fail (OM_IS_DOCUMENT (self));
  emit_changed (self);
}

gboolean
om_document_attach_section (OmDocument                *self,
                            const char                *key,
                            GObject                   *object,
                            OmDocumentSectionLoadFunc  load,
                            OmDocumentSectionSaveFunc  save,
                            GError                   **error)
{
  return om_document_attach_section_full (self, key, object, load, save, NULL, error);
}

gboolean
om_document_attach_section_full (OmDocument                 *self,
                                 const char                 *key,
                                 GObject                    *object,
                                 OmDocumentSectionLoadFunc   load,
                                 OmDocumentSectionSaveFunc   save,
                                 OmDocumentSectionWriteFunc  write,
                                 GError                    **error)
{
  Section *section;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);
  g_return_val_if_fail (!g_strv_contains (reserved_keys, key), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (load != NULL && save != NULL, FALSE);

  section = find_section (self, key);
  g_return_val_if_fail (section == NULL || section->object == NULL, FALSE);

  if (section != NULL && section->content != NULL)
    {
      SectionReader *reader = find_reader (self->readers, key);

      g_assert (reader != NULL);
      if (!reader->apply (object, section->content, error))
        return FALSE;
      /* The apply function took the content. */
      section->content = NULL;
      section_drop_pending (section);
    }
  else if (section != NULL && section->raw != NULL)
    {
      if (!load (object, section->raw, error))
        return FALSE;
      g_clear_pointer (&section->raw, json_node_unref);
    }

  section = ensure_section (self, key);
  section->object = g_object_ref (object);
  section->load = load;
  section->save = save;
  section->write = write;
  if (g_signal_lookup ("changed", G_OBJECT_TYPE (object)) != 0)
    section->changed_id = g_signal_connect_swapped (object, "changed", G_CALLBACK (on_part_changed_cb), self);

  return TRUE;
}

GObject *
om_document_get_section (OmDocument *self, const char *key)
{
  Section *section;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  section = find_section (self, key);
  return section != NULL ? section->object : NULL;
}

GObject *
om_document_ensure_section (OmDocument                *self,
                            const char                *key,
                            GType                      type,
                            OmDocumentSectionLoadFunc  load,
                            OmDocumentSectionSaveFunc  save)
{
  GObject *section;
  g_autoptr(GObject) fresh = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  section = om_document_get_section (self, key);
  if (section != NULL)
    return section;
  fresh = g_object_new (type, NULL);
  if (!om_document_attach_section (self, key, fresh, load, save, &error))
    {
      g_autofree char *data_key = g_strconcat ("om-unattached-", key, NULL);

      g_warning ("The “%s” section of the data file could not be read: %s", key, error->message);
      section = fresh;
      g_object_set_data_full (G_OBJECT (self), data_key, g_steal_pointer (&fresh), g_object_unref);
      return section;
    }
  return fresh;   /* the document holds its own reference */
}

JsonNode *
om_document_dup_section_node (OmDocument *self, const char *key)
{
  Section *section;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  section = find_section (self, key);
  if (section == NULL)
    return NULL;
  if (section->object != NULL)
    return section->save (section->object);
  if (section->content != NULL)
    return pending_node (self, section);
  return section->raw != NULL ? json_node_copy (section->raw) : NULL;
}

gboolean
om_document_set_section_node (OmDocument  *self,
                              const char  *key,
                              JsonNode    *node,
                              GError     **error)
{
  Section *section;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);
  g_return_val_if_fail (!g_strv_contains (reserved_keys, key), FALSE);

  section = find_section (self, key);
  if (section != NULL && section->object != NULL)
    {
      if (!section->load (section->object, node, error))
        return FALSE;
    }
  else if (node != NULL)
    {
      section = ensure_section (self, key);
      section_drop_pending (section);
      g_clear_pointer (&section->raw, json_node_unref);
      section->raw = json_node_copy (node);
    }
  else if (section != NULL)
    {
      g_ptr_array_remove (self->sections, section);
    }
  else
    {
      return TRUE;
    }

  emit_changed (self);
  return TRUE;
}

char **
om_document_list_sections (OmDocument *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (section->object != NULL || section->raw != NULL || section->content != NULL)
        g_strv_builder_add (builder, section->key);
    }
  return g_strv_builder_end (builder);
}

JsonNode *
om_document_to_json (OmDocument *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  guint n;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, OM_DOCUMENT_SCHEMA);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Omamori " PACKAGE_VERSION);

  json_builder_set_member_name (builder, "organisation");
  om_organisation_to_json (self->organisation, builder);

  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  n = om_inventory_get_n_devices (self->inventory);
  for (guint i = 0; i < n; i++)
    om_device_to_json (om_inventory_get_device (self->inventory, i), builder);
  json_builder_end_array (builder);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);
      JsonNode *node;

      if (section->object != NULL)
        node = section->save (section->object);
      else if (section->content != NULL)
        node = pending_node (self, section);
      else if (section->raw != NULL)
        node = json_node_copy (section->raw);
      else
        continue;
      if (node == NULL)
        continue;
      json_builder_set_member_name (builder, section->key);
      json_builder_add_value (builder, node);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_piece (GPtrArray *pieces, const char *text)
{
  g_ptr_array_add (pieces, g_ref_string_new_intern (text));
}

static void
add_node_piece (GPtrArray *pieces, JsonNode *node)
{
  g_ptr_array_add (pieces, node_to_text (node));
}

GPtrArray *
om_document_serialize (OmDocument *self)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ref_string_release);
  g_autoptr(GHashTable) old_cache = NULL;
  guint n;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);

  add_piece (pieces, "{\"schema\":" G_STRINGIFY (OM_DOCUMENT_SCHEMA)
                     ",\"generator\":\"Omamori " PACKAGE_VERSION "\",\"organisation\":");
  {
    g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
    g_autoptr(JsonNode) node = NULL;

    om_organisation_to_json (self->organisation, builder);
    node = json_builder_get_root (builder);
    add_node_piece (pieces, node);
  }

  add_piece (pieces, ",\"devices\":[");
  /* Entries move to a new table; whatever is left in the old one belongs to
   * devices no longer in the inventory and is dropped. */
  old_cache = g_steal_pointer (&self->cache);
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, cached_device_free);
  n = om_inventory_get_n_devices (self->inventory);
  for (guint i = 0; i < n; i++)
    {
      OmDevice *device = om_inventory_get_device (self->inventory, i);
      gpointer key, entry;

      if (g_hash_table_steal_extended (old_cache, device, &key, &entry))
        g_hash_table_insert (self->cache, device, entry);
      if (i > 0)
        add_piece (pieces, ",");
      g_ptr_array_add (pieces, g_ref_string_acquire ((char *) device_text (self, self->cache, device)));
    }
  add_piece (pieces, "]");

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonNode) key = NULL;

      /* A large section writes its own text: 8,000 findings as nodes were the
       * biggest allocation of an autosave. */
      if (section->object != NULL && section->write != NULL)
        {
          key = json_node_init_string (json_node_alloc (), section->key);
          add_piece (pieces, ",");
          add_node_piece (pieces, key);
          add_piece (pieces, ":");
          section->write (section->object, pieces);
          continue;
        }
      /* Read ahead and not attached: written from what was read. */
      if (section->object == NULL && section->content != NULL)
        {
          key = json_node_init_string (json_node_alloc (), section->key);
          add_piece (pieces, ",");
          add_node_piece (pieces, key);
          add_piece (pieces, ":");
          write_pending (self, section, pieces);
          continue;
        }
      if (section->object != NULL)
        node = section->save (section->object);
      else if (section->raw != NULL)
        node = json_node_ref (section->raw);
      if (node == NULL)
        continue;
      key = json_node_init_string (json_node_alloc (), section->key);
      add_piece (pieces, ",");
      add_node_piece (pieces, key);
      add_piece (pieces, ":");
      add_node_piece (pieces, node);
    }
  add_piece (pieces, "}");

  return g_steal_pointer (&pieces);
}

static gboolean
parse_devices (JsonObject *root, GPtrArray *devices, GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (root, "devices");
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The device list is not a list"));
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  g_ptr_array_set_size (devices, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      OmDevice *device;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Device %u in the list is not an object"), i + 1);
          return FALSE;
        }
      device = om_device_new_from_json (json_node_get_object (element), &local_error);
      if (device == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Device %u could not be read: %s"), i + 1,
                       local_error != NULL ? local_error->message : "?");
          return FALSE;
        }
      g_ptr_array_add (devices, device);
      /* Two devices with one id would make every lookup by id ambiguous. */
      if (!g_hash_table_add (ids, (gpointer) om_device_get_id (device)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Two devices have the same id “%s”"), om_device_get_id (device));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
om_document_load_json (OmDocument  *self,
                       JsonObject  *root,
                       GError     **error)
{
  return om_document_load_json_with_devices (self, root, NULL, error);
}

gboolean
om_document_load_json_with_devices (OmDocument  *self,
                                    JsonObject  *root,
                                    GPtrArray   *read_devices,
                                    GError     **error)
{
  return om_document_load_json_full (self, root, read_devices, NULL, error);
}

gboolean
om_document_load_json_full (OmDocument           *self,
                            JsonObject           *root,
                            GPtrArray            *read_devices,
                            OmDocumentReadAhead  *ahead,
                            GError              **error)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(OmOrganisation) organisation = om_organisation_new ();
  JsonNode *org_node;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  gboolean ok = TRUE;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  /* Validate into temporaries first so a bad file changes nothing. */
  org_node = json_object_get_member (root, "organisation");
  if (org_node != NULL && !JSON_NODE_HOLDS_NULL (org_node) && !JSON_NODE_HOLDS_OBJECT (org_node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The organisation is not an object"));
      return FALSE;
    }
  if (org_node != NULL && JSON_NODE_HOLDS_OBJECT (org_node) &&
      !om_organisation_load_json (organisation, json_node_get_object (org_node), error))
    return FALSE;
  if (read_devices != NULL)
    devices = g_ptr_array_ref (read_devices);
  else
    {
      devices = g_ptr_array_new_with_free_func (g_object_unref);
      if (!parse_devices (root, devices, error))
        return FALSE;
    }

  self->loading++;

  if (org_node != NULL && JSON_NODE_HOLDS_OBJECT (org_node))
    ok = om_organisation_load_json (self->organisation, json_node_get_object (org_node), error);
  else
    {
      g_autoptr(JsonObject) empty = json_object_new ();
      ok = om_organisation_load_json (self->organisation, empty, error);
    }
  g_assert (ok);

  om_inventory_clear (self->inventory);
  om_inventory_add_many (self->inventory, (OmDevice **) devices->pdata, devices->len);

  /* Raw sections are replaced by what the file has; attached ones are reloaded
   * (with NULL when the file lacks them, which resets them). */
  for (guint i = self->sections->len; i > 0; i--)
    {
      Section *section = g_ptr_array_index (self->sections, i - 1);

      if (section->object == NULL)
        g_ptr_array_remove_index (self->sections, i - 1);
    }

  json_object_iter_init (&iter, root);
  while (ok && json_object_iter_next (&iter, &member, &node))
    {
      Section *section;
      ReadSection *read = NULL;

      if (g_strv_contains (reserved_keys, member))
        continue;
      section = ensure_section (self, member);
      if (ahead != NULL)
        read = g_hash_table_lookup (ahead->read, member);
      if (read != NULL)
        {
          SectionReader *reader = find_reader (self->readers, member);

          /* Readers are copied from this document before the load. */
          g_assert (reader != NULL && reader->content_free == read->content_free);
          if (section->object != NULL)
            {
              ok = reader->apply (section->object, read->content, error);
              read->content = NULL;
            }
          else
            {
              section_drop_pending (section);
              section->content = g_steal_pointer (&read->content);
              section->content_free = read->content_free;
            }
        }
      else if (section->object != NULL)
        ok = section->load (section->object, node, error);
      else
        section->raw = json_node_copy (node);
    }
  for (guint i = 0; ok && i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (section->object != NULL && !json_object_has_member (root, section->key))
        ok = section->load (section->object, NULL, error);
    }

  self->loading--;

  /* The cached texts describe devices that are gone now. */
  g_hash_table_remove_all (self->cache);
  self->warm_pos = 0;
  if (self->warm_id == 0 && om_inventory_get_n_devices (self->inventory) > 0)
    self->warm_id = g_idle_add_full (G_PRIORITY_LOW, on_warm_cache_cb, self, NULL);

  emit_changed (self);
  return ok;
}

void
om_document_register_section_reader (OmDocument                 *self,
                                     const char                 *key,
                                     OmDocumentSectionReadFunc   read,
                                     OmDocumentSectionApplyFunc  apply,
                                     OmDocumentContentWriteFunc  write,
                                     GDestroyNotify              content_free)
{
  SectionReader *reader;

  g_return_if_fail (OM_IS_DOCUMENT (self));
  g_return_if_fail (key != NULL && *key != '\0');
  g_return_if_fail (!g_strv_contains (reserved_keys, key));
  g_return_if_fail (read != NULL && apply != NULL && write != NULL && content_free != NULL);

  reader = find_reader (self->readers, key);
  if (reader == NULL)
    {
      reader = g_new0 (SectionReader, 1);
      reader->key = g_strdup (key);
      g_ptr_array_add (self->readers, reader);
    }
  reader->read = read;
  reader->apply = apply;
  reader->write = write;
  reader->content_free = content_free;
}

OmDocumentReadAhead *
om_document_read_ahead_new (OmDocument *self)
{
  OmDocumentReadAhead *ahead;

  g_return_val_if_fail (OM_IS_DOCUMENT (self), NULL);

  ahead = g_new0 (OmDocumentReadAhead, 1);
  ahead->readers = g_ptr_array_new_with_free_func (section_reader_free);
  ahead->read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, read_section_free);
  for (guint i = 0; i < self->readers->len; i++)
    {
      SectionReader *reader = g_ptr_array_index (self->readers, i);
      SectionReader *copy = g_memdup2 (reader, sizeof *reader);

      copy->key = g_strdup (reader->key);
      g_ptr_array_add (ahead->readers, copy);
    }
  return ahead;
}

void
om_document_read_ahead_free (OmDocumentReadAhead *ahead)
{
  if (ahead == NULL)
    return;
  g_ptr_array_unref (ahead->readers);
  g_hash_table_unref (ahead->read);
  g_free (ahead);
}

gboolean
om_document_read_ahead_member (OmDocumentReadAhead  *ahead,
                               const char           *key,
                               OmJsonReader         *reader,
                               gboolean             *handled,
                               GError              **error)
{
  SectionReader *section_reader;
  g_autoptr(GError) local_error = NULL;
  OmJsonMark mark;
  gpointer content;
  ReadSection *read;

  g_return_val_if_fail (ahead != NULL, FALSE);

  *handled = FALSE;
  section_reader = find_reader (ahead->readers, key);
  if (section_reader == NULL)
    return TRUE;

  /* A later member of the same name replaces this one, as in a JsonObject. */
  g_hash_table_remove (ahead->read, key);

  om_json_reader_mark (reader, &mark);
  content = section_reader->read (reader, &local_error);
  if (content == NULL)
    {
      if (om_json_reader_failed (reader))
        return FALSE;   /* bad syntax: the reader holds the error */
      /* Valid JSON the section cannot read: kept as it is, as without a
       * reader (attaching will fail the same way and say why). */
      g_debug ("Section “%s” is read as JSON nodes: %s", key, local_error->message);
      return om_json_reader_reset (reader, &mark);
    }

  read = g_new0 (ReadSection, 1);
  read->content = content;
  read->content_free = section_reader->content_free;
  g_hash_table_insert (ahead->read, g_strdup (key), read);
  *handled = TRUE;
  return TRUE;
}

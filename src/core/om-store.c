/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "om-json-read.h"
#include "om-paths.h"
#include "om-store.h"

/* Autosave waits this long after the last change, but never lets a stream of
 * changes (a long scan) postpone saving by more than MAX_LATENCY. */
#define DEFAULT_AUTOSAVE_DELAY_MS 500
#define MAX_AUTOSAVE_LATENCY_US   (5 * G_USEC_PER_SEC)

struct _OmStore
{
  GObject parent_instance;

  /* owned, immutable after construction (read by the writer thread) */
  char *directory;
  char *path;
  char *bak_path;
  char *bak_tmp_path;
  char *lock_path;
  char *tmp_template;

  OmDocument *document;
  char *load_message;
  char *set_aside_path;
  GError *save_error;
  GError *read_only_error;   /* why saving is refused: newer schema, locked */
  int lock_fd;

  gboolean load_started;
  gboolean loaded;
  gboolean loading;
  gboolean dirty;             /* last value notified */
  gboolean save_in_flight;

  guint autosave_delay_ms;
  guint autosave_id;
  gint64 first_unsaved_change;  /* monotonic, 0 when nothing is pending */

  guint64 change_gen;         /* bumped on every document change */
  guint64 saved_gen;          /* main thread's view of what is on disk */

  /* Serialises writers (worker thread, om_store_flush) and guards disk_gen. */
  GMutex write_mutex;
  guint64 disk_gen;
};

G_DEFINE_FINAL_TYPE (OmStore, om_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (om-store-error-quark, om_store_error)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_DOCUMENT,
  PROP_PATH,
  PROP_LOAD_MESSAGE,
  PROP_READ_ONLY,
  PROP_DIRTY,
  PROP_SAVE_ERROR,
  PROP_AUTOSAVE_DELAY,
  N_PROPS
};

enum {
  SAVED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GPtrArray *pieces;   /* from om_document_serialize() */
  guint64    gen;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->pieces, g_ptr_array_unref);
  g_free (job);
}

static void schedule_autosave (OmStore *self);

/* ------------------------------------------------------------------------- */
/* Writing: plain POSIX calls so errno is precise and the sequence is visible. */

static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path,
                 const char  *what)
{
  g_autofree char *dir = g_path_get_dirname (path);

  switch (saved_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_NO_SPACE,
                   _("Could not save your data: the disk holding “%s” is full (%s). "
                     "The previous version of the file is unchanged and your changes are kept "
                     "while Omamori stays open. Free some disk space; Omamori saves again with "
                     "your next change or when you quit."),
                   dir, g_strerror (saved_errno));
      break;
    case EROFS:
    case EACCES:
    case EPERM:
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_READ_ONLY,
                   _("Could not save your data: the folder “%s” cannot be written (%s). "
                     "The previous version of the file is unchanged and your changes are kept "
                     "while Omamori stays open. Make the folder writable, or start Omamori with "
                     "OMAMORI_DATA_DIR set to a folder you can write to."),
                   dir, g_strerror (saved_errno));
      break;
    default:
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_FAILED,
                   _("Could not save your data to “%s” (%s: %s). "
                     "The previous version of the file is unchanged and your changes are kept "
                     "while Omamori stays open."),
                   path, what, g_strerror (saved_errno));
      break;
    }
}

static gboolean
write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
fsync_directory (const char *directory, GError **error)
{
  int fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    {
      set_write_error (error, errno, directory, "open");
      return FALSE;
    }
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      set_write_error (error, saved_errno, directory, "fsync");
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Writes the document's pieces and the final newline through a small buffer:
 * joining them first would hold a second copy of the whole file (11 MB for
 * 10,000 devices, 16 MB once GString rounds it up) at the moment the
 * application's memory peaks. */
static gboolean
write_pieces (int fd, GPtrArray *pieces)
{
  enum { BUFFER_SIZE = 64 * 1024 };
  g_autofree char *buffer = g_malloc (BUFFER_SIZE);
  gsize used = 0;

  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);
      gsize len = g_ref_string_length ((char *) piece);

      if (used + len > BUFFER_SIZE)
        {
          if (!write_all (fd, buffer, used))
            return FALSE;
          used = 0;
        }
      if (len > BUFFER_SIZE)
        {
          if (!write_all (fd, piece, len))
            return FALSE;
          continue;
        }
      memcpy (buffer + used, piece, len);
      used += len;
    }
  if (used + 1 > BUFFER_SIZE)
    {
      if (!write_all (fd, buffer, used))
        return FALSE;
      used = 0;
    }
  buffer[used++] = '\n';
  return write_all (fd, buffer, used);
}

/* Writes @pieces (with a final newline) or else @data to a new temporary file
 * next to @target, fsyncs it and returns its path, or NULL with the temporary
 * file removed. */
static char *
write_temporary (const char   *template,
                 GPtrArray    *pieces,
                 const char   *data,
                 gsize         len,
                 GError      **error)
{
  g_autofree char *tmp = g_strdup (template);
  int fd, saved_errno;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, errno, template, "create");
      return NULL;
    }
  if (!(pieces != NULL ? write_pieces (fd, pieces) : write_all (fd, data, len)) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      set_write_error (error, saved_errno, tmp, "write");
      return NULL;
    }
  /* close() can report a deferred write error (NFS, quota). */
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      set_write_error (error, saved_errno, tmp, "close");
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* Makes the current file the backup without ever leaving the directory with
 * neither: a hard link is moved over the backup, so "omamori.json" stays in place.
 * Where hard links are not supported the file is copied instead. */
static gboolean
keep_backup (OmStore *self, GError **error)
{
  g_unlink (self->bak_tmp_path);

  if (link (self->path, self->bak_tmp_path) != 0)
    {
      g_autofree char *contents = NULL;
      g_autofree char *tmp = NULL;
      g_autofree char *bak_template = NULL;
      gsize len;
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;   /* nothing to keep yet */
      if (saved_errno == ENOSPC || saved_errno == EROFS || saved_errno == EDQUOT ||
          saved_errno == EACCES)
        {
          set_write_error (error, saved_errno, self->bak_tmp_path, "link");
          return FALSE;
        }
      if (!g_file_get_contents (self->path, &contents, &len, NULL))
        return TRUE;   /* unreadable current file: nothing worth keeping */
      bak_template = g_strconcat (self->bak_path, ".tmp-XXXXXX", NULL);
      tmp = write_temporary (bak_template, NULL, contents, len, error);
      if (tmp == NULL)
        return FALSE;
      if (g_rename (tmp, self->bak_path) != 0)
        {
          saved_errno = errno;
          g_unlink (tmp);
          set_write_error (error, saved_errno, self->bak_path, "rename");
          return FALSE;
        }
      return TRUE;
    }

  if (g_rename (self->bak_tmp_path, self->bak_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (self->bak_tmp_path);
      set_write_error (error, saved_errno, self->bak_path, "rename");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_file_atomically (OmStore     *self,
                       GPtrArray   *pieces,
                       GError     **error)
{
  g_autofree char *tmp = NULL;

  tmp = write_temporary (self->tmp_template, pieces, NULL, 0, error);
  if (tmp == NULL)
    return FALSE;

  if (!keep_backup (self, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, self->path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      set_write_error (error, saved_errno, self->path, "rename");
      return FALSE;
    }

  return fsync_directory (self->directory, error);
}

/* Runs in the worker thread or (flush) the main thread. A generation older than
 * what is already on disk is skipped: a slow background save must never put back
 * an older state after om_store_flush() wrote a newer one. */
static gboolean
write_generation (OmStore     *self,
                  GPtrArray   *pieces,
                  guint64      gen,
                  GError     **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->write_mutex);
  if (gen > self->disk_gen)
    {
      ok = write_file_atomically (self, pieces, error);
      if (ok)
        self->disk_gen = gen;
    }
  g_mutex_unlock (&self->write_mutex);

  return ok;
}

/* ------------------------------------------------------------------------- */
/* State bookkeeping on the main thread. */

static void
update_dirty (OmStore *self)
{
  gboolean dirty = self->change_gen > self->saved_gen;

  if (dirty == self->dirty)
    return;
  self->dirty = dirty;
  if (!dirty)
    self->first_unsaved_change = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
note_saved (OmStore *self, guint64 gen)
{
  self->saved_gen = MAX (self->saved_gen, gen);
  if (self->save_error != NULL)
    {
      g_clear_error (&self->save_error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
    }
  update_dirty (self);
  g_signal_emit (self, signals[SAVED], 0);
}

static void
note_failed (OmStore *self, const GError *error)
{
  g_message ("Saving %s failed: %s", self->path, error->message);
  g_clear_error (&self->save_error);
  self->save_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
  g_signal_emit (self, signals[SAVE_FAILED], 0, self->save_error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OmStore *self = source_object;
  SaveJob *job = task_data;
  GError *error = NULL;

  if (write_generation (self, job->pieces, job->gen, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OmStore *self = OM_STORE (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->save_in_flight = FALSE;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    note_saved (self, job->gen);
  else if (self->saved_gen < job->gen)   /* a flush may have saved it meanwhile */
    note_failed (self, error);

  /* Edits made while the worker wrote are still dirty: save them too. A failed
   * save is retried with the next change (or on flush), not in a loop. */
  if (error == NULL && self->change_gen > self->saved_gen)
    schedule_autosave (self);
}

static void
start_background_save (OmStore *self)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_assert (!self->save_in_flight);

  /* Serialise on the main thread (the objects live here; unchanged devices come
   * from the document's cache), join and write in a worker. */
  job = g_new0 (SaveJob, 1);
  job->gen = self->change_gen;
  job->pieces = om_document_serialize (self->document);

  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, start_background_save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  self->save_in_flight = TRUE;
  g_task_run_in_thread (task, save_thread);
}

static gboolean
on_autosave_timeout_cb (gpointer user_data)
{
  OmStore *self = user_data;

  self->autosave_id = 0;
  if (self->change_gen <= self->saved_gen)
    return G_SOURCE_REMOVE;
  if (self->save_in_flight)
    return G_SOURCE_REMOVE;   /* save_done_cb schedules the next one */
  start_background_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (OmStore *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->first_unsaved_change == 0)
    self->first_unsaved_change = now;

  if (self->autosave_id != 0)
    {
      /* Debounce, unless changes have been postponing the save for too long. */
      if (now - self->first_unsaved_change >= MAX_AUTOSAVE_LATENCY_US)
        return;
      g_source_remove (self->autosave_id);
    }
  self->autosave_id = g_timeout_add (self->autosave_delay_ms, on_autosave_timeout_cb, self);
}

static void
on_document_changed_cb (OmStore *self)
{
  if (self->loading || !self->loaded)
    return;

  self->change_gen++;
  update_dirty (self);

  if (self->read_only_error != NULL)
    {
      /* Say once that edits will not be kept, not on every keystroke. */
      if (self->save_error == NULL)
        note_failed (self, self->read_only_error);
      return;
    }
  schedule_autosave (self);
}

/* ------------------------------------------------------------------------- */
/* Loading and migrations. */

/* Schema 1 (Omamori before 0.1): organisation name, SNMP community and staff at
 * the top level; devices with one flat "os" string, a single "mac" and "ip",
 * "owner" for ownership and "added_by" ("manual" or "scan") instead of per-field
 * origins. Schema 2 is what om_document_to_json() writes. */
static JsonNode *
migrate_1_to_2 (JsonObject *old, GError **error)
{
  static const char * const v1_members[] = {
    "schema", "organisation", "snmp_community", "staff", "devices", NULL
  };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  JsonNode *node;
  JsonObjectIter iter;
  const char *member;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, 2);

  json_builder_set_member_name (builder, "organisation");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder,
                                 json_object_get_string_member_with_default (old, "organisation", NULL));
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "snmp_community");
  json_builder_add_string_value (builder,
                                 json_object_get_string_member_with_default (old, "snmp_community", NULL));
  json_builder_end_object (builder);
  /* Staff records kept their shape; om_staff_new_from_json derives "active". */
  node = json_object_get_member (old, "staff");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      json_builder_set_member_name (builder, "staff");
      json_builder_add_value (builder, json_node_copy (node));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  node = json_object_get_member (old, "devices");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *d;
          g_autoptr(OmDevice) device = NULL;
          const char *id, *text, *added;
          OmOrigin origin = OM_ORIGIN_MANUAL;
          const char *source = NULL;
          OmDeviceKind kind;
          OmOwnership ownership;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Device %u in the list is not an object"), i + 1);
              return NULL;
            }
          d = json_node_get_object (element);
          id = json_object_get_string_member_with_default (d, "id", NULL);
          if (id == NULL || !g_uuid_string_is_valid (id))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Device %u has no valid identifier"), i + 1);
              return NULL;
            }

          /* What a scan found stays "discovered" so a rescan may refresh it; all
           * else was typed by the admin. */
          if (g_strcmp0 (json_object_get_string_member_with_default (d, "added_by", NULL), "scan") == 0)
            {
              origin = OM_ORIGIN_DISCOVERED;
              source = "schema-1";
            }

          device = om_device_new_with_id (id);
          if ((text = json_object_get_string_member_with_default (d, "name", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_NAME, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "kind", NULL)) != NULL &&
              om_device_kind_from_string (text, &kind))
            om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, kind, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "owner", NULL)) != NULL &&
              om_ownership_from_string (text, &ownership))
            om_device_offer_enum (device, OM_DEVICE_FIELD_OWNERSHIP, ownership, origin, source);
          if (json_object_has_member (d, "registered"))
            om_device_offer_boolean (device, OM_DEVICE_FIELD_REGISTERED,
                                     json_object_get_boolean_member_with_default (d, "registered", FALSE),
                                     origin, source);
          if ((text = json_object_get_string_member_with_default (d, "user", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_USER, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "location", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_LOCATION, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "mac", NULL)) != NULL)
            {
              g_autofree char *mac = om_mac_normalize (text);

              if (mac != NULL)
                om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, mac, origin, source);
            }
          if ((text = json_object_get_string_member_with_default (d, "ip", NULL)) != NULL &&
              g_hostname_is_ip_address (text))
            om_device_add_to_list (device,
                                   strchr (text, ':') != NULL ? OM_DEVICE_FIELD_IPV6
                                                              : OM_DEVICE_FIELD_IPV4,
                                   text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "hostname", NULL)) != NULL)
            om_device_add_to_list (device, OM_DEVICE_FIELD_HOSTNAMES, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "vendor", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "model", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_MODEL, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "os", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_OS_NAME, text, origin, source);
          if ((text = json_object_get_string_member_with_default (d, "notes", NULL)) != NULL)
            om_device_offer_string (device, OM_DEVICE_FIELD_NOTES, text, origin, source);
          if ((added = json_object_get_string_member_with_default (d, "added", NULL)) != NULL)
            {
              g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (added, NULL);

              if (when != NULL)
                om_device_set_first_seen (device, when);
            }

          om_device_to_json (device, builder);
        }
    }
  json_builder_end_array (builder);

  /* Anything else a schema-1 file held is carried over untouched. */
  json_object_iter_init (&iter, old);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (g_strv_contains (v1_members, member))
        continue;
      json_builder_set_member_name (builder, member);
      json_builder_add_value (builder, json_node_copy (node));
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef JsonNode *(*MigrateFunc) (JsonObject *old, GError **error);

/* migrations[i] turns schema i + 1 into schema i + 2. */
static const MigrateFunc migrations[] = {
  migrate_1_to_2,
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == OM_DOCUMENT_SCHEMA - 1);

/* The devices of a current-schema file are turned into objects while the file
 * is read, so the JSON of all of them never exists at once. */
typedef struct
{
  GPtrArray           *devices;
  GHashTable          *ids;
  OmDocumentReadAhead *ahead;     /* sections with a reader of their own */
  gboolean             streamed;
} StreamState;

static gboolean
is_current_schema (JsonObject *root)
{
  JsonNode *schema = json_object_get_member (root, "schema");

  return schema != NULL && JSON_NODE_HOLDS_VALUE (schema) &&
         json_node_get_value_type (schema) == G_TYPE_INT64 &&
         json_node_get_int (schema) == OM_DOCUMENT_SCHEMA;
}

/* Sections registered with a reader (the findings) are read straight from the
 * text as well; the tree gets a null in their place, keeping the file order. */
static gboolean
on_member_read_cb (JsonObject    *root,
                   const char    *name,
                   OmJsonReader  *reader,
                   JsonNode     **keep,
                   gboolean      *handled,
                   gpointer       user_data,
                   GError       **error)
{
  StreamState *state = user_data;

  *handled = FALSE;
  if (state->ahead == NULL || !is_current_schema (root))
    return TRUE;
  if (!om_document_read_ahead_member (state->ahead, name, reader, handled, error))
    return FALSE;
  if (*handled)
    {
      *keep = json_node_init_null (json_node_alloc ());
      state->streamed = TRUE;
    }
  return TRUE;
}

static gboolean
on_device_read_cb (JsonObject    *root,
                   OmJsonReader  *reader,
                   JsonNode     **keep,
                   gpointer       user_data,
                   GError       **error)
{
  StreamState *state = user_data;
  g_autoptr(GError) local_error = NULL;
  OmDevice *device;

  /* Older and newer files go through migrations / the careful path. */
  if (!is_current_schema (root))
    {
      *keep = om_json_reader_read_node (reader);
      return *keep != NULL;
    }

  if (om_json_reader_peek (reader) != OM_JSON_TOKEN_OBJECT)
    {
      g_autoptr(JsonNode) element = om_json_reader_read_node (reader);

      /* Broken text is reported as such, as when the element was read whole. */
      if (element == NULL)
        return FALSE;
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                   _("Device %u in the list is not an object"), state->devices->len + 1);
      return FALSE;
    }
  /* Straight from the text into the device: no JSON nodes per device. */
  device = om_device_new_from_json_reader (reader, &local_error);
  if (device == NULL)
    {
      if (om_json_reader_failed (reader))
        return FALSE;
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                   _("Device %u could not be read: %s"), state->devices->len + 1,
                   local_error->message);
      return FALSE;
    }
  g_ptr_array_add (state->devices, device);
  if (!g_hash_table_add (state->ids, (gpointer) om_device_get_id (device)))
    {
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                   _("Two devices have the same id “%s”"), om_device_get_id (device));
      return FALSE;
    }
  state->streamed = TRUE;
  return TRUE;
}

/* The part of reading a file that needs no main-thread object: reading,
 * parsing, migrating and building the devices. Safe to run in a worker. */
typedef struct
{
  char      *contents;
  gsize      len;
  gboolean   mapped;    /* contents is a read-only mapping of the file */
  JsonNode  *root;      /* migrated to OM_DOCUMENT_SCHEMA (or newer, as is) */
  GPtrArray *devices;   /* devices read while parsing, or NULL */
  OmDocumentReadAhead *ahead;   /* sections read while parsing, or NULL */
  gint64     schema;    /* as found in the file, 0 if unknown */
  GError    *error;     /* G_FILE_ERROR (cannot read) or OM_STORE_ERROR_CORRUPT */
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  if (result->mapped)
    munmap (result->contents, result->len);
  else
    g_free (result->contents);
  g_clear_pointer (&result->root, json_node_unref);
  g_clear_pointer (&result->devices, g_ptr_array_unref);
  g_clear_pointer (&result->ahead, om_document_read_ahead_free);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

/* Maps the data file instead of reading it into a new buffer: for 10,000
 * devices (11 MB) faulting in and filling a fresh copy was a third of the time
 * to load, while the file's pages are mostly in the page cache already. Our
 * saves replace the file by rename(), which leaves a mapping of the old file
 * intact; only another program truncating the file in place at that very
 * moment could make reading it fault (as with GMappedFile, which GLib uses for
 * the same reason). Anything unusual (not a regular file, empty, mapping
 * refused) goes to g_file_get_contents(), so errors read as before. */
static gboolean
read_contents (const char  *path,
               char       **out_contents,
               gsize       *out_len,
               gboolean    *out_mapped,
               GError     **error)
{
  struct stat st;
  int fd;

  *out_mapped = FALSE;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0 &&
          (guint64) st.st_size < G_MAXSIZE / 2)
        {
          void *map = mmap (NULL, (gsize) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

          if (map != MAP_FAILED)
            {
              close (fd);
              *out_contents = map;
              *out_len = (gsize) st.st_size;
              *out_mapped = TRUE;
              return TRUE;
            }
        }
      close (fd);
    }
  return g_file_get_contents (path, out_contents, out_len, error);
}

/* Takes @ahead (from om_document_read_ahead_new(), may be NULL). */
static ReadResult *
read_prepare (const char *path, OmDocumentReadAhead *ahead)
{
  g_autoptr(ReadResult) result = g_new0 (ReadResult, 1);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  StreamState state = { devices, ids, ahead, FALSE };
  g_autoptr(GError) local_error = NULL;
  JsonNode *schema_node;

  result->ahead = ahead;
  if (!read_contents (path, &result->contents, &result->len, &result->mapped, &result->error))
    return g_steal_pointer (&result);

  if (result->len == 0)
    {
      g_set_error_literal (&result->error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                           _("the file is empty"));
      return g_steal_pointer (&result);
    }
  result->root = om_json_read_document (result->contents, result->len, "devices",
                                        on_device_read_cb, on_member_read_cb, &state, &local_error);
  if (result->root == NULL)
    {
      g_set_error_literal (&result->error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                           local_error->message);
      return g_steal_pointer (&result);
    }
  if (!JSON_NODE_HOLDS_OBJECT (result->root))
    {
      g_set_error_literal (&result->error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                           _("the file is not an Omamori data file"));
      return g_steal_pointer (&result);
    }
  schema_node = json_object_get_member (json_node_get_object (result->root), "schema");
  if (schema_node == NULL || !JSON_NODE_HOLDS_VALUE (schema_node) ||
      json_node_get_value_type (schema_node) != G_TYPE_INT64 ||
      json_node_get_int (schema_node) < 1)
    {
      g_set_error_literal (&result->error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                           _("the file has no valid format number"));
      return g_steal_pointer (&result);
    }
  result->schema = json_node_get_int (schema_node);
  /* Devices were read as schema OM_DOCUMENT_SCHEMA; a second "schema" member
   * after them cannot be trusted either way. */
  if (state.streamed && result->schema != OM_DOCUMENT_SCHEMA)
    {
      g_set_error_literal (&result->error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                           _("the file has two different format numbers"));
      return g_steal_pointer (&result);
    }
  if (state.streamed)
    result->devices = g_steal_pointer (&devices);

  for (gint64 s = result->schema; s < OM_DOCUMENT_SCHEMA; s++)
    {
      JsonNode *next = migrations[s - 1] (json_node_get_object (result->root), &local_error);

      if (next == NULL)
        {
          g_set_error_literal (&result->error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT,
                               local_error->message);
          return g_steal_pointer (&result);
        }
      json_node_unref (result->root);
      result->root = next;
    }

  return g_steal_pointer (&result);
}

/* Puts a prepared file into the document (main thread). Sets @out_schema to the
 * schema found. Errors: G_FILE_ERROR (cannot read), OM_STORE_ERROR_CORRUPT,
 * OM_STORE_ERROR_NEWER_SCHEMA (unreadable newer file). */
static gboolean
read_apply (OmStore     *self,
            const char  *path,
            ReadResult  *result,
            gint64      *out_schema,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  *out_schema = result->schema;
  if (result->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (result->error);
      return FALSE;
    }

  /* A newer file is read as well as we can (unknown parts are kept), read-only. */
  self->loading = TRUE;
  ok = om_document_load_json_full (self->document, json_node_get_object (result->root),
                                   result->devices, result->ahead, &local_error);
  self->loading = FALSE;
  if (!ok)
    {
      if (result->schema > OM_DOCUMENT_SCHEMA)
        g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_NEWER_SCHEMA,
                     _("The data file “%s” was written by a newer version of Omamori "
                       "(format %d; this version reads up to format %d) and cannot be read (%s). "
                       "It was not changed. Install the newer version of Omamori to open it."),
                     path, (int) result->schema, OM_DOCUMENT_SCHEMA, local_error->message);
      else
        g_set_error_literal (error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT, local_error->message);
      return FALSE;
    }

  /* An older Omamori cannot read the migrated file: keep the original once. */
  if (result->schema < OM_DOCUMENT_SCHEMA)
    {
      g_autofree char *suffix = g_strdup_printf (".schema-%d", (int) result->schema);
      g_autofree char *keep = g_strconcat (self->path, suffix, NULL);

      if (!g_file_test (keep, G_FILE_TEST_EXISTS) &&
          !g_file_set_contents_full (keep, result->contents, (gssize) result->len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
        g_message ("Could not keep a copy of the schema-%d file: %s",
                   (int) result->schema, local_error->message);
    }

  return TRUE;
}

static gboolean
read_document (OmStore     *self,
               const char  *path,
               gint64      *out_schema,
               GError     **error)
{
  g_autoptr(ReadResult) result = read_prepare (path, om_document_read_ahead_new (self->document));

  return read_apply (self, path, result, out_schema, error);
}

static void
reset_document (OmStore *self)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  gboolean ok;

  self->loading = TRUE;
  ok = om_document_load_json (self->document, empty, NULL);
  self->loading = FALSE;
  g_assert (ok);
}

/* Renames @path to "@path.corrupt-YYYYMMDD-HHMMSS" (with a counter if taken). */
static char *
set_aside (const char *path, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *target = NULL;

      if (i == 1)
        target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
      else
        target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
      if (g_file_test (target, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, target) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_FAILED,
                       _("The data file “%s” cannot be read and could not be set aside (%s). "
                         "Nothing was changed. Move the file away or make the folder writable, "
                         "then start Omamori again."),
                       path, g_strerror (saved_errno));
          return NULL;
        }
      return g_steal_pointer (&target);
    }
  g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_FAILED,
               _("The data file “%s” cannot be read and there are too many set-aside copies "
                 "next to it. Nothing was changed. Remove old “.corrupt” files and start again."),
               path);
  return NULL;
}

static char *
format_mtime (const char *path)
{
  GStatBuf st;
  g_autoptr(GDateTime) when = NULL;

  if (g_stat (path, &st) != 0)
    return g_strdup ("?");
  when = g_date_time_new_from_unix_local (st.st_mtime);
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* Takes an advisory lock for the lifetime of the store. FALSE only when another
 * process holds it; a directory where no lock file can be made is not locked. */
static gboolean
acquire_lock (OmStore *self)
{
  int fd;

  /* O_RDONLY is enough for flock() and keeps a read-only remount possible. */
  fd = open (self->lock_path, O_RDONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    fd = open (self->lock_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      g_debug ("No lock file %s: %s", self->lock_path, g_strerror (errno));
      return TRUE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (fd);
      if (saved_errno == EWOULDBLOCK)
        return FALSE;
      return TRUE;
    }
  self->lock_fd = fd;
  return TRUE;
}

/* Temporary files left by a process killed mid-save. Only called while we hold
 * the lock, so they cannot belong to a live writer. */
static void
remove_stale_temporaries (OmStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  g_autofree char *bak_prefix = g_strconcat (base, ".bak.tmp", NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) || g_str_has_prefix (name, bak_prefix))
        {
          g_autofree char *full = g_build_filename (self->directory, name, NULL);
          g_unlink (full);
        }
    }
}

static void
set_load_message (OmStore *self, char *message)
{
  g_free (self->load_message);
  self->load_message = message;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_MESSAGE]);
}

static void
set_read_only (OmStore *self, GError *reason)
{
  g_clear_error (&self->read_only_error);
  self->read_only_error = reason;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* ------------------------------------------------------------------------- */

static void
om_store_constructed (GObject *object)
{
  OmStore *self = OM_STORE (object);

  G_OBJECT_CLASS (om_store_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = om_paths_dup_data_dir ();
  self->path = g_build_filename (self->directory, OM_STORE_DEFAULT_BASENAME, NULL);
  self->bak_path = g_strconcat (self->path, ".bak", NULL);
  self->bak_tmp_path = g_strconcat (self->path, ".bak.tmp", NULL);
  self->lock_path = g_strconcat (self->path, ".lock", NULL);
  self->tmp_template = g_strconcat (self->path, ".tmp-XXXXXX", NULL);

  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_document_changed_cb), self);
}

static void
om_store_dispose (GObject *object)
{
  OmStore *self = OM_STORE (object);

  /* Last line of defence for callers that forgot om_store_flush(). */
  if (self->loaded && self->change_gen > self->saved_gen && self->read_only_error == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!om_store_flush (self, &error))
        g_message ("Unsaved changes could not be written: %s", error->message);
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (om_store_parent_class)->dispose (object);
}

static void
om_store_finalize (GObject *object)
{
  OmStore *self = OM_STORE (object);

  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_mutex_clear (&self->write_mutex);
  g_clear_error (&self->save_error);
  g_clear_error (&self->read_only_error);
  g_clear_pointer (&self->load_message, g_free);
  g_clear_pointer (&self->set_aside_path, g_free);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->bak_path, g_free);
  g_clear_pointer (&self->bak_tmp_path, g_free);
  g_clear_pointer (&self->lock_path, g_free);
  g_clear_pointer (&self->tmp_template, g_free);

  G_OBJECT_CLASS (om_store_parent_class)->finalize (object);
}

static void
om_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OmStore *self = OM_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LOAD_MESSAGE:
      g_value_set_string (value, self->load_message);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only_error != NULL);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_SAVE_ERROR:
      g_value_set_boxed (value, self->save_error);
      break;
    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_store_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  OmStore *self = OM_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    case PROP_AUTOSAVE_DELAY:
      om_store_set_autosave_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_store_class_init (OmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = om_store_constructed;
  object_class->dispose = om_store_dispose;
  object_class->finalize = om_store_finalize;
  object_class->get_property = om_store_get_property;
  object_class->set_property = om_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, OM_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOAD_MESSAGE] =
    g_param_spec_string ("load-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVE_ERROR] =
    g_param_spec_boxed ("save-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL, 0, 60000, DEFAULT_AUTOSAVE_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OmStore::saved:
   *
   * Emitted on the main thread after a save reached the disk.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * OmStore::save-failed:
   * @error: (transfer none): a translated OM_STORE_ERROR for the user
   *
   * Emitted when a save failed; the previous file is intact and the data stays
   * dirty. Also emitted once after the first edit of read-only data.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
om_store_init (OmStore *self)
{
  self->document = om_document_new ();
  self->lock_fd = -1;
  self->autosave_delay_ms = DEFAULT_AUTOSAVE_DELAY_MS;
  g_mutex_init (&self->write_mutex);
}

OmStore *
om_store_new (const char *directory)
{
  return g_object_new (OM_TYPE_STORE, "directory", directory, NULL);
}

/* Loads the backup after the main file was set aside (or found missing). */
static void
recover_from_backup (OmStore *self, const char *reason, const char *set_aside_path)
{
  g_autoptr(GError) bak_error = NULL;
  g_autofree char *bak_when = NULL;
  gint64 schema;

  if (g_file_test (self->bak_path, G_FILE_TEST_EXISTS))
    {
      bak_when = format_mtime (self->bak_path);
      if (read_document (self, self->bak_path, &schema, &bak_error))
        {
          if (set_aside_path != NULL)
            set_load_message (self, g_strdup_printf (
              _("Omamori could not read its data file (%s). The file was not changed: it was set "
                "aside as “%s”. The last backup, saved %s, was loaded instead, so your most recent "
                "changes may be missing — please check them. Keep the set-aside file until you "
                "are sure nothing is missing."),
              reason, set_aside_path, bak_when));
          else
            set_load_message (self, g_strdup_printf (
              _("Omamori’s data file was missing, so the backup “%s”, saved %s, was loaded. "
                "Your most recent changes may be missing — please check them."),
              self->bak_path, bak_when));
          if (schema > OM_DOCUMENT_SCHEMA)
            set_read_only (self, g_error_new (OM_STORE_ERROR, OM_STORE_ERROR_NEWER_SCHEMA,
              _("The backup was written by a newer version of Omamori, so changes are not saved. "
                "Install the newer version of Omamori.")));
          return;
        }
      if (g_error_matches (bak_error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT))
        {
          g_autofree char *bak_aside = set_aside (self->bak_path, NULL);
          (void) bak_aside;
        }
    }

  reset_document (self);
  if (set_aside_path != NULL)
    set_load_message (self, g_strdup_printf (
      _("Omamori could not read its data file (%s) and there is no usable backup. The file was "
        "not changed: it was set aside as “%s”, and Omamori started with empty data. Keep that "
        "file: it may be repaired by hand or by someone who knows JSON; otherwise enter your "
        "data again."),
      reason, set_aside_path));
}

/* Creates the directory and takes the lock: quick, done before reading. */
static gboolean
load_begin (OmStore *self, GError **error)
{
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, OM_STORE_ERROR,
                   saved_errno == ENOSPC ? OM_STORE_ERROR_NO_SPACE : OM_STORE_ERROR_READ_ONLY,
                   _("Could not create the data folder “%s” (%s). Make sure its parent folder "
                     "can be written, or start Omamori with OMAMORI_DATA_DIR set to another folder."),
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  if (!acquire_lock (self))
    {
      set_read_only (self, g_error_new (OM_STORE_ERROR, OM_STORE_ERROR_LOCKED,
        _("Another Omamori program (a window or omamori-cli) is using the data in “%s”. "
          "This copy is read-only and changes here are not saved. Close the other program, "
          "then start again."),
        self->directory));
      set_load_message (self, g_strdup (self->read_only_error->message));
    }
  else
    remove_stale_temporaries (self);
  return TRUE;
}

/* Everything after the main file was read (main thread). */
static gboolean
load_finish_with (OmStore *self, ReadResult *result, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 schema = 0;
  gboolean recovered = FALSE;

  if (read_apply (self, self->path, result, &schema, &local_error))
    {
      if (schema > OM_DOCUMENT_SCHEMA && self->read_only_error == NULL)
        {
          set_read_only (self, g_error_new (OM_STORE_ERROR, OM_STORE_ERROR_NEWER_SCHEMA,
            _("The data file “%s” was written by a newer version of Omamori (format %d; this "
              "version knows up to format %d). It is shown read-only and changes are not saved, "
              "so nothing of the newer data is lost. Install the newer version of Omamori to "
              "edit it."),
            self->path, (int) schema, OM_DOCUMENT_SCHEMA));
          set_load_message (self, g_strdup (self->read_only_error->message));
        }
    }
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_clear_error (&local_error);
      if (g_file_test (self->bak_path, G_FILE_TEST_EXISTS))
        {
          recover_from_backup (self, NULL, NULL);
          recovered = TRUE;
        }
      else
        reset_document (self);
    }
  else if (g_error_matches (local_error, OM_STORE_ERROR, OM_STORE_ERROR_CORRUPT))
    {
      g_autofree char *reason = g_strdup (local_error->message);

      if (self->read_only_error != NULL)
        {
          /* The other process owns the file; setting it aside is its business. */
          g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_LOCKED, "%s",
                       self->read_only_error->message);
          return FALSE;
        }
      g_clear_pointer (&self->set_aside_path, g_free);
      self->set_aside_path = set_aside (self->path, error);
      if (self->set_aside_path == NULL)
        return FALSE;
      g_message ("Set aside unreadable data file as %s: %s", self->set_aside_path, reason);
      recover_from_backup (self, reason, self->set_aside_path);
      recovered = TRUE;
    }
  else if (g_error_matches (local_error, OM_STORE_ERROR, OM_STORE_ERROR_NEWER_SCHEMA))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else
    {
      g_set_error (error, OM_STORE_ERROR, OM_STORE_ERROR_FAILED,
                   _("Could not read the data file “%s” (%s). It was not changed. Check that "
                     "you may read it, then start Omamori again."),
                   self->path, local_error->message);
      return FALSE;
    }

  self->loaded = TRUE;

  /* Put a readable file back in place at once, so the recovery happens once. */
  if (recovered && self->read_only_error == NULL)
    {
      self->change_gen++;
      update_dirty (self);
      if (!om_store_flush (self, &local_error))
        g_clear_error (&local_error);   /* reported through ::save-failed */
    }

  return TRUE;
}

gboolean
om_store_load (OmStore *self, GError **error)
{
  g_autoptr(ReadResult) result = NULL;

  g_return_val_if_fail (OM_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->loaded && !self->load_started, FALSE);

  self->load_started = TRUE;
  if (!load_begin (self, error))
    return FALSE;
  result = read_prepare (self->path, om_document_read_ahead_new (self->document));
  return load_finish_with (self, result, error);
}

typedef struct
{
  char                *path;
  OmDocumentReadAhead *ahead;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  om_document_read_ahead_free (job->ahead);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;

  g_task_return_pointer (task, read_prepare (job->path, g_steal_pointer (&job->ahead)),
                         (GDestroyNotify) read_result_free);
}

static void
on_load_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OmStore *self = OM_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(ReadResult) read = g_task_propagate_pointer (G_TASK (result), NULL);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (load_finish_with (self, read, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
om_store_load_async (OmStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) reader = NULL;
  LoadJob *job;
  GError *error = NULL;

  g_return_if_fail (OM_IS_STORE (self));
  g_return_if_fail (!self->loaded && !self->load_started);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, om_store_load_async);
  self->load_started = TRUE;

  if (!load_begin (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Reading, parsing and building the devices run in a worker; putting them
   * into the document happens back on this thread. */
  reader = g_task_new (self, cancellable, on_load_read_cb, g_object_ref (task));
  g_task_set_source_tag (reader, load_thread);
  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (self->path);
  job->ahead = om_document_read_ahead_new (self->document);
  g_task_set_task_data (reader, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (reader, load_thread);
}

gboolean
om_store_load_finish (OmStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (OM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == om_store_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

OmDocument *
om_store_get_document (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), NULL);
  return self->document;
}

const char *
om_store_get_directory (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), NULL);
  return self->directory;
}

const char *
om_store_get_path (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), NULL);
  return self->path;
}

const char *
om_store_get_load_message (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), NULL);
  return self->load_message;
}

const char *
om_store_get_set_aside_path (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), NULL);
  return self->set_aside_path;
}

gboolean
om_store_get_read_only (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), FALSE);
  return self->read_only_error != NULL;
}

gboolean
om_store_get_dirty (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), FALSE);
  return self->dirty;
}

const GError *
om_store_get_save_error (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), NULL);
  return self->save_error;
}

guint
om_store_get_autosave_delay (OmStore *self)
{
  g_return_val_if_fail (OM_IS_STORE (self), 0);
  return self->autosave_delay_ms;
}

void
om_store_set_autosave_delay (OmStore *self, guint delay_ms)
{
  g_return_if_fail (OM_IS_STORE (self));

  if (self->autosave_delay_ms == delay_ms)
    return;
  self->autosave_delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

gboolean
om_store_flush (OmStore *self, GError **error)
{
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 gen;

  g_return_val_if_fail (OM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->loaded, FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (self->change_gen <= self->saved_gen)
    return TRUE;

  if (self->read_only_error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->read_only_error);
      return FALSE;
    }

  /* A background save of an older state may still run: write_generation waits
   * for it on the mutex and it will not overwrite ours afterwards. */
  gen = self->change_gen;
  pieces = om_document_serialize (self->document);
  if (!write_generation (self, pieces, gen, &local_error))
    {
      note_failed (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  note_saved (self, gen);
  return TRUE;
}

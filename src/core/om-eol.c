/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-eol"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "om-eol.h"
#include "om-paths.h"

/* The shipped file is ~100 KiB; anything far larger is not ours. */
#define MAX_FILE_BYTES (4 * 1024 * 1024)
#define MAX_STRING_CHARS 2048
#define MAX_CYCLES 20000

typedef enum {
  EOL_DATE,            /* "eol": "2025-10-14" */
  EOL_NONE_ANNOUNCED,  /* "eol": false — supported, no end date yet */
  EOL_ENDED,           /* "eol": true — ended, date not known */
  EOL_NOT_KNOWN,       /* "eol": null — nobody knows (per-model products) */
} EolKind;

typedef struct {
  char     *name;
  GDate     until;
  gboolean  paid;
} Extended;

typedef struct _Product Product;

typedef struct {
  Product   *product;     /* borrowed */
  char      *cycle;
  char      *group;
  char      *label;
  char      *latest;
  char      *source;
  char      *note;
  GDate      release;     /* may be invalid */
  GDate      eol;         /* valid only for EOL_DATE */
  EolKind    eol_kind;
  guint      editions;    /* bit mask of 1 << OmOsEdition; 0 = every edition */
  gboolean   is_default;
  GPtrArray *extended;    /* of Extended */
} Cycle;

struct _Product {
  char      *id;
  char      *name;
  char      *note;
  gboolean   per_model;
  GPtrArray *cycles;      /* of Cycle */
};

typedef struct {
  char *id;
  char *name;
  char *url;
} Source;

struct _OmEolDatabase
{
  GObject     parent_instance;

  char       *path;
  GDate       snapshot;
  GPtrArray  *products;       /* of Product, file order */
  GHashTable *product_by_id;  /* id → Product, borrowed */
  GHashTable *source_by_id;   /* id → Source, owned */
  guint       n_cycles;
};

struct _OmEolJudgement
{
  OmEolStatus  status;
  char        *product;
  char        *product_name;
  char        *cycle;
  char        *label;
  OmOsEdition  edition;
  gboolean     edition_assumed;
  GDate        eol;            /* invalid when none */
  int          days_left;
  char        *source;
  char        *source_url;
  char        *reason;
  char        *note;
};

G_DEFINE_FINAL_TYPE (OmEolDatabase, om_eol_database, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (OmEolJudgement, om_eol_judgement, om_eol_judgement_ref, om_eol_judgement_unref)
G_DEFINE_QUARK (om-eol-error-quark, om_eol_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SNAPSHOT_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- memory ---- */

static void
extended_free (gpointer data)
{
  Extended *ext = data;

  g_free (ext->name);
  g_free (ext);
}

static void
cycle_free (gpointer data)
{
  Cycle *cycle = data;

  g_free (cycle->cycle);
  g_free (cycle->group);
  g_free (cycle->label);
  g_free (cycle->latest);
  g_free (cycle->source);
  g_free (cycle->note);
  g_clear_pointer (&cycle->extended, g_ptr_array_unref);
  g_free (cycle);
}

static void
product_free (gpointer data)
{
  Product *product = data;

  g_free (product->id);
  g_free (product->name);
  g_free (product->note);
  g_clear_pointer (&product->cycles, g_ptr_array_unref);
  g_free (product);
}

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->id);
  g_free (source->name);
  g_free (source->url);
  g_free (source);
}

/* ---- parsing helpers ---- */

/* Strict "YYYY-MM-DD". */
static gboolean
parse_iso_date (const char *text, GDate *out)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

typedef struct {
  const char  *display;   /* file name for messages */
  GError     **error;
} LoadContext;

static gboolean
schema_error (LoadContext *ctx, const char *detail)
{
  g_set_error (ctx->error, OM_EOL_ERROR, OM_EOL_ERROR_SCHEMA,
               /* Translators: the first %s is a file name, the second what is wrong with it */
               _("The end-of-life database “%s” is not in the expected format: %s. "
                 "Choose an eol.json file made for Omamori."),
               ctx->display, detail);
  return FALSE;
}

static gboolean
member_error (LoadContext *ctx, const char *where, const char *member)
{
  /* Translators: “%s” in “%s” is a JSON member name and where it is, e.g. “eol” in “windows 10-22h2” */
  g_autofree char *detail = g_strdup_printf (_("“%s” in %s is missing or has the wrong type"),
                                             member, where);
  return schema_error (ctx, detail);
}

/* Reads an optional string member; a present member must be a string of sane length. */
static gboolean
get_string (LoadContext *ctx, JsonObject *object, const char *where, const char *member,
            gboolean required, char **out)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? member_error (ctx, where, member) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return member_error (ctx, where, member);
  value = json_node_get_string (node);
  if (value == NULL || !g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > MAX_STRING_CHARS
      || (required && *value == '\0'))
    return member_error (ctx, where, member);
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
get_bool (LoadContext *ctx, JsonObject *object, const char *where, const char *member, gboolean *out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return member_error (ctx, where, member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_date (LoadContext *ctx, JsonObject *object, const char *where, const char *member,
          gboolean required, GDate *out)
{
  g_autofree char *text = NULL;

  g_date_clear (out, 1);
  if (!get_string (ctx, object, where, member, required, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_iso_date (text, out))
    return member_error (ctx, where, member);
  return TRUE;
}

static JsonArray *
get_array (LoadContext *ctx, JsonObject *object, const char *where, const char *member, gboolean required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        member_error (ctx, where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      member_error (ctx, where, member);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
load_cycle (OmEolDatabase *self, LoadContext *ctx, Product *product, JsonNode *node)
{
  g_autofree char *where = NULL;
  JsonObject *object;
  JsonNode *eol;
  JsonArray *array;
  Cycle *cycle;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return member_error (ctx, product->id, "cycles");
  object = json_node_get_object (node);

  cycle = g_new0 (Cycle, 1);
  cycle->product = product;
  g_ptr_array_add (product->cycles, cycle);
  g_date_clear (&cycle->eol, 1);

  if (!get_string (ctx, object, product->id, "cycle", TRUE, &cycle->cycle))
    return FALSE;
  where = g_strdup_printf ("%s %s", product->id, cycle->cycle);

  if (!get_string (ctx, object, where, "label", TRUE, &cycle->label)
      || !get_string (ctx, object, where, "group", FALSE, &cycle->group)
      || !get_string (ctx, object, where, "latest", FALSE, &cycle->latest)
      || !get_string (ctx, object, where, "source", FALSE, &cycle->source)
      || !get_string (ctx, object, where, "note", FALSE, &cycle->note)
      || !get_date (ctx, object, where, "release", FALSE, &cycle->release)
      || !get_bool (ctx, object, where, "default", &cycle->is_default))
    return FALSE;
  if (cycle->group == NULL)
    cycle->group = g_strdup (cycle->cycle);

  /* Each cycle may repeat its product id; it must then agree with its parent. */
  {
    g_autofree char *product_id = NULL;

    if (!get_string (ctx, object, where, "product", FALSE, &product_id))
      return FALSE;
    if (product_id != NULL && !g_str_equal (product_id, product->id))
      return member_error (ctx, where, "product");
  }

  /* "eol" must be present: a date, true (ended), false (no end yet) or null (not known). */
  eol = json_object_get_member (object, "eol");
  if (eol == NULL)
    return member_error (ctx, where, "eol");
  if (JSON_NODE_HOLDS_NULL (eol))
    cycle->eol_kind = EOL_NOT_KNOWN;
  else if (JSON_NODE_HOLDS_VALUE (eol) && json_node_get_value_type (eol) == G_TYPE_BOOLEAN)
    cycle->eol_kind = json_node_get_boolean (eol) ? EOL_ENDED : EOL_NONE_ANNOUNCED;
  else if (JSON_NODE_HOLDS_VALUE (eol) && json_node_get_value_type (eol) == G_TYPE_STRING
           && parse_iso_date (json_node_get_string (eol), &cycle->eol))
    cycle->eol_kind = EOL_DATE;
  else
    return member_error (ctx, where, "eol");

  array = get_array (ctx, object, where, "editions", FALSE);
  if (array == NULL && json_object_has_member (object, "editions")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "editions")))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      OmOsEdition edition;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING
          || !om_os_edition_from_string (json_node_get_string (e), &edition))
        return member_error (ctx, where, "editions");
      cycle->editions |= 1u << edition;
    }

  cycle->extended = g_ptr_array_new_with_free_func (extended_free);
  array = get_array (ctx, object, where, "extended", FALSE);
  if (array == NULL && json_object_has_member (object, "extended")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "extended")))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      Extended *ext;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return member_error (ctx, where, "extended");
      ext = g_new0 (Extended, 1);
      g_ptr_array_add (cycle->extended, ext);
      if (!get_string (ctx, json_node_get_object (e), where, "name", TRUE, &ext->name)
          || !get_date (ctx, json_node_get_object (e), where, "until", TRUE, &ext->until)
          || !get_bool (ctx, json_node_get_object (e), where, "paid", &ext->paid))
        return FALSE;
    }

  if (++self->n_cycles > MAX_CYCLES)
    return schema_error (ctx, _("too many entries"));
  return TRUE;
}

static gboolean
load_product (OmEolDatabase *self, LoadContext *ctx, JsonNode *node)
{
  JsonObject *object;
  JsonArray *cycles;
  Product *product;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return member_error (ctx, "products", "products");
  object = json_node_get_object (node);

  product = g_new0 (Product, 1);
  product->cycles = g_ptr_array_new_with_free_func (cycle_free);
  g_ptr_array_add (self->products, product);

  if (!get_string (ctx, object, "products", "id", TRUE, &product->id)
      || !get_string (ctx, object, product->id, "name", TRUE, &product->name)
      || !get_string (ctx, object, product->id, "note", FALSE, &product->note)
      || !get_bool (ctx, object, product->id, "per_model", &product->per_model))
    return FALSE;

  if (g_hash_table_contains (self->product_by_id, product->id))
    {
      /* Translators: %s is a product id such as “windows” */
      g_autofree char *detail = g_strdup_printf (_("the product “%s” appears twice"), product->id);
      return schema_error (ctx, detail);
    }
  g_hash_table_insert (self->product_by_id, product->id, product);

  cycles = get_array (ctx, object, product->id, "cycles", TRUE);
  if (cycles == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (cycles); i++)
    if (!load_cycle (self, ctx, product, json_array_get_element (cycles, i)))
      return FALSE;
  return TRUE;
}

static gboolean
load_root (OmEolDatabase *self, LoadContext *ctx, JsonNode *root)
{
  JsonObject *object;
  JsonNode *schema;
  JsonArray *array;
  gint64 version;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return schema_error (ctx, _("the top level is not an object"));
  object = json_node_get_object (root);

  schema = json_object_get_member (object, "schema");
  if (schema == NULL || !JSON_NODE_HOLDS_VALUE (schema) || json_node_get_value_type (schema) != G_TYPE_INT64)
    return member_error (ctx, _("the top level"), "schema");
  version = json_node_get_int (schema);
  if (version > OM_EOL_SCHEMA_VERSION)
    {
      g_set_error (ctx->error, OM_EOL_ERROR, OM_EOL_ERROR_VERSION,
                   _("The end-of-life database “%s” uses format %d, but this version of Omamori "
                     "reads format %d. Update Omamori to use it."),
                   ctx->display, (int) CLAMP (version, 0, G_MAXINT), OM_EOL_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    return member_error (ctx, _("the top level"), "schema");

  if (!get_date (ctx, object, _("the top level"), "snapshot_date", TRUE, &self->snapshot))
    return FALSE;

  array = get_array (ctx, object, _("the top level"), "sources", FALSE);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Source *source;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return member_error (ctx, _("the top level"), "sources");
      source = g_new0 (Source, 1);
      if (!get_string (ctx, json_node_get_object (node), "sources", "id", TRUE, &source->id)
          || !get_string (ctx, json_node_get_object (node), "sources", "name", FALSE, &source->name)
          || !get_string (ctx, json_node_get_object (node), "sources", "url", FALSE, &source->url))
        {
          source_free (source);
          return FALSE;
        }
      g_hash_table_replace (self->source_by_id, source->id, source);
    }

  array = get_array (ctx, object, _("the top level"), "products", TRUE);
  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) == 0)
    return schema_error (ctx, _("it lists no products"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_product (self, ctx, json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

/* Messages quote parts of the file (the parser's excerpt, product ids), which may be
 * cut in the middle of a character or not be UTF-8 at all. */
static void
make_error_valid (GError **error)
{
  if (error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid ((*error)->message, -1);

      g_free ((*error)->message);
      (*error)->message = valid;
    }
}

static OmEolDatabase *
load_data_unchecked (const char *display, const char *path, const char *data, gssize length, GError **error);

static OmEolDatabase *
load_data (const char *display, const char *path, const char *data, gssize length, GError **error)
{
  OmEolDatabase *db = load_data_unchecked (display, path, data, length, error);

  if (db == NULL)
    make_error_valid (error);
  return db;
}

static OmEolDatabase *
load_data_unchecked (const char *display, const char *path, const char *data, gssize length, GError **error)
{
  g_autoptr(OmEolDatabase) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  LoadContext ctx = { display, error };

  if (length < 0)
    length = (gssize) strlen (data);
  if (length > MAX_FILE_BYTES)
    {
      g_autofree char *size = g_format_size ((guint64) length);
      g_set_error (error, OM_EOL_ERROR, OM_EOL_ERROR_READ,
                   _("The end-of-life database “%s” is too large (%s). Choose an eol.json file made for Omamori."),
                   display, size);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, OM_EOL_ERROR, OM_EOL_ERROR_PARSE,
                   /* Translators: the second %s is the parser's description of the problem */
                   _("The end-of-life database “%s” is not valid JSON (%s). Choose an eol.json file made for Omamori."),
                   display, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, OM_EOL_ERROR, OM_EOL_ERROR_PARSE,
                   _("The end-of-life database “%s” is empty. Choose an eol.json file made for Omamori."),
                   display);
      return NULL;
    }

  self = g_object_new (OM_TYPE_EOL_DATABASE, NULL);
  self->path = g_strdup (path);
  if (!load_root (self, &ctx, json_parser_get_root (parser)))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- GObject ---- */

static void
om_eol_database_finalize (GObject *object)
{
  OmEolDatabase *self = OM_EOL_DATABASE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->product_by_id, g_hash_table_unref);
  g_clear_pointer (&self->source_by_id, g_hash_table_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);

  G_OBJECT_CLASS (om_eol_database_parent_class)->finalize (object);
}

static void
om_eol_database_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OmEolDatabase *self = OM_EOL_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SNAPSHOT_DATE:
      g_value_take_string (value, om_eol_database_dup_snapshot_string (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_eol_database_class_init (OmEolDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = om_eol_database_finalize;
  object_class->get_property = om_eol_database_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAPSHOT_DATE] =
    g_param_spec_string ("snapshot-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_eol_database_init (OmEolDatabase *self)
{
  g_date_clear (&self->snapshot, 1);
  self->products = g_ptr_array_new_with_free_func (product_free);
  self->product_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->source_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, source_free);
}

/* ---- public: loading ---- */

OmEolDatabase *
om_eol_database_new_from_data (const char *data, gssize length, GError **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_data ("eol.json", NULL, data != NULL ? data : "", length, error);
}

OmEolDatabase *
om_eol_database_new_from_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  /* Refuse huge files before reading them into memory. */
  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_BYTES)
    {
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_set_error (error, OM_EOL_ERROR, OM_EOL_ERROR_READ,
                   _("The end-of-life database “%s” is too large (%s). Choose an eol.json file made for Omamori."),
                   display, size);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, OM_EOL_ERROR, OM_EOL_ERROR_READ,
                   /* Translators: the second %s says why (“No such file or directory”) */
                   _("Could not read the end-of-life database “%s”: %s. Check that the file exists and can be read."),
                   display, local_error->message);
      return NULL;
    }

  return load_data (display, path, contents, (gssize) length, error);
}

OmEolDatabase *
om_eol_database_new_default (GError **error)
{
  g_autofree char *shipped_path = om_paths_dup_pkgdata_file ("eol.json");
  g_autofree char *data_dir = om_paths_dup_data_dir ();
  g_autofree char *user_path = g_build_filename (data_dir, "eol.json", NULL);
  g_autoptr(OmEolDatabase) shipped = NULL;
  g_autoptr(OmEolDatabase) user = NULL;
  g_autoptr(GError) shipped_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shipped = om_eol_database_new_from_file (shipped_path, &shipped_error);

  if (g_file_test (user_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) user_error = NULL;

      user = om_eol_database_new_from_file (user_path, &user_error);
      if (user == NULL)
        g_message ("Ignoring the user's end-of-life database: %s", user_error->message);
    }

  if (user != NULL && (shipped == NULL || g_date_compare (&user->snapshot, &shipped->snapshot) > 0))
    return g_steal_pointer (&user);
  if (shipped == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&shipped_error));
      return NULL;
    }
  return g_steal_pointer (&shipped);
}

OmEolDatabase *
om_eol_database_install_file (const char *path, GError **error)
{
  g_autoptr(OmEolDatabase) candidate = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  candidate = om_eol_database_new_from_file (path, error);
  if (candidate == NULL)
    return NULL;

  data_dir = om_paths_dup_data_dir ();
  dest = g_build_filename (data_dir, "eol.json", NULL);
  if (g_mkdir_with_parents (data_dir, 0700) != 0
      || !g_file_get_contents (path, &contents, &length, &local_error)
      || !g_file_set_contents (dest, contents, (gssize) length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (dest);
      g_set_error (error, OM_EOL_ERROR, OM_EOL_ERROR_READ,
                   _("Could not save the end-of-life database as “%s”: %s. Check that the data folder is writable."),
                   display, local_error != NULL ? local_error->message : g_strerror (errno));
      return NULL;
    }

  return om_eol_database_new_from_file (dest, error);
}

/* ---- public: queries ---- */

const char *
om_eol_database_get_path (OmEolDatabase *self)
{
  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), NULL);
  return self->path;
}

const GDate *
om_eol_database_get_snapshot_date (OmEolDatabase *self)
{
  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), NULL);
  return &self->snapshot;
}

char *
om_eol_database_dup_snapshot_string (OmEolDatabase *self)
{
  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), NULL);
  if (!g_date_valid (&self->snapshot))
    return NULL;
  return format_date (&self->snapshot);
}

guint
om_eol_database_get_n_products (OmEolDatabase *self)
{
  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), 0);
  return self->products->len;
}

guint
om_eol_database_get_n_cycles (OmEolDatabase *self)
{
  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), 0);
  return self->n_cycles;
}

const char *
om_eol_database_get_product_name (OmEolDatabase *self, const char *product)
{
  Product *p;

  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), NULL);
  if (product == NULL)
    return NULL;
  p = g_hash_table_lookup (self->product_by_id, product);
  return p != NULL ? p->name : NULL;
}

gboolean
om_eol_database_is_stale (OmEolDatabase *self, const GDate *today)
{
  GDate limit;

  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  limit = self->snapshot;
  g_date_add_months (&limit, OM_EOL_STALE_MONTHS);
  return g_date_compare (today, &limit) > 0;
}

/* ---- judgement ---- */

static OmEolJudgement *
judgement_new (void)
{
  OmEolJudgement *j = g_atomic_rc_box_new0 (OmEolJudgement);

  g_date_clear (&j->eol, 1);
  j->status = OM_EOL_STATUS_UNKNOWN;
  return j;
}

static void
judgement_clear (gpointer data)
{
  OmEolJudgement *j = data;

  g_free (j->product);
  g_free (j->product_name);
  g_free (j->cycle);
  g_free (j->label);
  g_free (j->source);
  g_free (j->source_url);
  g_free (j->reason);
  g_free (j->note);
}

OmEolJudgement *
om_eol_judgement_ref (OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
om_eol_judgement_unref (OmEolJudgement *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, judgement_clear);
}

static gboolean
cycle_has_edition (const Cycle *cycle, OmOsEdition edition)
{
  return (cycle->editions & (1u << edition)) != 0;
}

/* Picks the row for an edition among the rows of one cycle. With no edition the
 * default row (Home/Pro, the shorter date) is used, never an LTSC one. */
static const Cycle *
select_row (GPtrArray *rows, OmOsEdition edition)
{
  static const OmOsEdition fallbacks[OM_N_OS_EDITIONS][3] = {
    [OM_OS_EDITION_UNKNOWN]    = { OM_OS_EDITION_CONSUMER, OM_N_OS_EDITIONS, OM_N_OS_EDITIONS },
    [OM_OS_EDITION_CONSUMER]   = { OM_OS_EDITION_CONSUMER, OM_N_OS_EDITIONS, OM_N_OS_EDITIONS },
    [OM_OS_EDITION_ENTERPRISE] = { OM_OS_EDITION_ENTERPRISE, OM_N_OS_EDITIONS, OM_N_OS_EDITIONS },
    [OM_OS_EDITION_LTSC]       = { OM_OS_EDITION_LTSC, OM_OS_EDITION_ENTERPRISE, OM_N_OS_EDITIONS },
    [OM_OS_EDITION_IOT_LTSC]   = { OM_OS_EDITION_IOT_LTSC, OM_OS_EDITION_LTSC, OM_OS_EDITION_ENTERPRISE },
  };

  if (edition == OM_OS_EDITION_UNKNOWN)
    for (guint i = 0; i < rows->len; i++)
      if (((const Cycle *) rows->pdata[i])->is_default)
        return rows->pdata[i];

  for (guint f = 0; f < 3; f++)
    {
      OmOsEdition want = fallbacks[edition][f];

      if (want == OM_N_OS_EDITIONS)
        break;
      for (guint i = 0; i < rows->len; i++)
        if (cycle_has_edition (rows->pdata[i], want))
          return rows->pdata[i];
    }

  /* A row for every edition. */
  for (guint i = 0; i < rows->len; i++)
    if (((const Cycle *) rows->pdata[i])->editions == 0)
      return rows->pdata[i];

  return NULL;
}

static GPtrArray *
rows_for_cycle (Product *product, const char *cycle)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < product->cycles->len; i++)
    {
      Cycle *c = product->cycles->pdata[i];
      if (g_strcmp0 (c->cycle, cycle) == 0)
        g_ptr_array_add (rows, c);
    }
  return rows;
}

static void
set_source (OmEolDatabase *self, OmEolJudgement *j, const char *source_id)
{
  Source *source = source_id != NULL ? g_hash_table_lookup (self->source_by_id, source_id) : NULL;

  if (source != NULL)
    {
      j->source = g_strdup (source->name != NULL ? source->name : source->id);
      j->source_url = g_strdup (source->url);
    }
  else
    j->source = g_strdup (source_id);
}

static char *
truncate_for_message (const char *input)
{
  g_autofree char *valid = g_utf8_make_valid (input, MIN (strlen (input), 400));

  if (g_utf8_strlen (valid, -1) <= 60)
    return g_steal_pointer (&valid);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (valid, 60) - valid), valid);
}

static void
append_sentence (GString *reason, const char *sentence)
{
  /* Sentences ending in a full-width stop (Japanese) are joined without a space. */
  if (reason->len > 0 && !g_str_has_suffix (reason->str, "。"))
    g_string_append_c (reason, ' ');
  g_string_append (reason, sentence);
}

static void
judge_row (OmEolDatabase *self, OmEolJudgement *j, const Cycle *row, const GDate *today, GString *reason)
{
  g_autofree char *date = NULL;

  g_free (j->cycle);
  j->cycle = g_strdup (row->cycle);
  g_free (j->label);
  j->label = g_strdup (row->label);
  j->note = g_strdup (row->note != NULL ? row->note : row->product->note);
  set_source (self, j, row->source);

  switch (row->eol_kind)
    {
    case EOL_DATE:
      j->eol = row->eol;
      j->days_left = g_date_days_between (today, &row->eol);
      date = format_date (&row->eol);
      if (j->days_left < 0)
        {
          j->status = OM_EOL_STATUS_UNSUPPORTED;
          {
            /* Translators: %s is an OS label (“Windows 10 22H2”), then a date */
            g_autofree char *s = g_strdup_printf (_("Support for %s ended on %s. It no longer gets security "
                                                    "updates: update it to a supported version or replace the device."),
                                                  row->label, date);
            append_sentence (reason, s);
          }
        }
      else if (j->days_left <= OM_EOL_ENDING_SOON_DAYS)
        {
          g_autofree char *s = NULL;

          j->status = OM_EOL_STATUS_ENDING_SOON;
          if (j->days_left == 0)
            /* Translators: %s is an OS label, then a date */
            s = g_strdup_printf (_("Support for %s ends today (%s); this is the last day it gets updates. "
                                   "Update it to a supported version or replace the device now."),
                                 row->label, date);
          else
            s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Support for %s ends on %s, in %d day. Plan the update or replacement now.",
                                              "Support for %s ends on %s, in %d days. Plan the update or replacement now.",
                                              (gulong) j->days_left),
                                 row->label, date, j->days_left);
          append_sentence (reason, s);
        }
      else
        {
          /* Translators: %s is an OS label, then a date */
          g_autofree char *s = g_strdup_printf (_("%s is supported until %s."), row->label, date);

          j->status = OM_EOL_STATUS_SUPPORTED;
          append_sentence (reason, s);
        }
      break;

    case EOL_NONE_ANNOUNCED:
      {
        g_autofree char *s = g_strdup_printf (_("%s is supported; no end date has been announced."), row->label);

        j->status = OM_EOL_STATUS_SUPPORTED;
        append_sentence (reason, s);
      }
      break;

    case EOL_ENDED:
      {
        g_autofree char *s = g_strdup_printf (_("%s no longer gets security updates. Update it to a "
                                                "supported version or replace the device."), row->label);

        j->status = OM_EOL_STATUS_UNSUPPORTED;
        append_sentence (reason, s);
      }
      break;

    case EOL_NOT_KNOWN:
    default:
      {
        g_autofree char *s = NULL;

        if (row->product->per_model)
          s = g_strdup_printf (_("%s ends support per hardware model, not per version. Look the model up on "
                                 "the maker’s support page and note the date in the device’s notes."),
                               row->product->name);
        else
          s = g_strdup_printf (_("The end of support for %s is not known. Check the maker’s support page."),
                               row->label);
        j->status = OM_EOL_STATUS_UNKNOWN;
        append_sentence (reason, s);
      }
      break;
    }

  /* Paid or opt-in extended updates that are still running. */
  if (j->status == OM_EOL_STATUS_UNSUPPORTED || j->status == OM_EOL_STATUS_ENDING_SOON)
    for (guint i = 0; i < row->extended->len; i++)
      {
        const Extended *ext = row->extended->pdata[i];

        if (g_date_compare (&ext->until, today) >= 0)
          {
            g_autofree char *until = format_date (&ext->until);
            /* Translators: a programme name (“Extended Security Updates”), then a date */
            g_autofree char *s = g_strdup_printf (_("Security fixes continue through %s until %s, but only for "
                                                    "devices covered by it."), ext->name, until);
            append_sentence (reason, s);
          }
      }
}

/* When only the major line is known ("Windows 10 Pro"): if every release of that line
 * (for the edition) has ended, the answer is clear anyway. */
static void
judge_group (OmEolDatabase *self, OmEolJudgement *j, Product *product, const OmOsInfo *info,
             const GDate *today, GString *reason)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const Cycle *latest = NULL;
  gboolean all_ended = TRUE;
  guint n = 0;

  for (guint i = 0; i < product->cycles->len; i++)
    {
      Cycle *c = product->cycles->pdata[i];
      g_autoptr(GPtrArray) rows = NULL;
      const Cycle *row;

      if (g_strcmp0 (c->group, info->group) != 0 || g_hash_table_contains (seen, c->cycle))
        continue;
      g_hash_table_add (seen, c->cycle);
      rows = rows_for_cycle (product, c->cycle);
      row = select_row (rows, info->edition);
      if (row == NULL)
        continue;
      n++;
      if (row->eol_kind == EOL_DATE && g_date_compare (&row->eol, today) < 0)
        {
          if (latest == NULL || g_date_compare (&row->eol, &latest->eol) > 0)
            latest = row;
        }
      else if (row->eol_kind != EOL_ENDED)
        all_ended = FALSE;
    }

  if (n > 0 && all_ended && latest != NULL)
    {
      g_autofree char *date = format_date (&latest->eol);
      g_autofree char *label = g_strdup_printf ("%s %s", product->name, info->group);
      g_autofree char *s = NULL;

      j->status = OM_EOL_STATUS_UNSUPPORTED;
      j->eol = latest->eol;
      j->days_left = g_date_days_between (today, &latest->eol);
      j->label = g_strdup (label);
      set_source (self, j, latest->source);
      /* Translators: %s is an OS line (“Windows 10”), then a date */
      s = g_strdup_printf (_("Every version of %s reached the end of support by %s. Update it to a supported "
                             "version or replace the device."), label, date);
      append_sentence (reason, s);
      return;
    }

  {
    g_autofree char *line = info->group != NULL ? g_strdup_printf ("%s %s", product->name, info->group)
                                                : g_strdup (product->name);

    g_free (j->label);
    j->label = g_strdup (line);
    /* Translators: %s is an OS name (“Windows 10”) */
    g_autofree char *s = g_strdup_printf (_("The version of %s is not recorded, so its end of support cannot be "
                                            "judged. Record the exact version (on Windows, run “winver”)."),
                                          line);
    append_sentence (reason, s);
  }
}

OmEolJudgement *
om_eol_database_judge (OmEolDatabase  *self,
                       const OmOsInfo *info,
                       const char     *input,
                       const GDate    *today)
{
  g_autoptr(GString) reason = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  OmEolJudgement *j;
  Product *product;
  const Cycle *row;

  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  j = judgement_new ();

  if (info == NULL)
    {
      if (input == NULL || *input == '\0')
        append_sentence (reason, _("No operating system is recorded. Add it in the device editor so its end of "
                                   "support can be checked."));
      else
        {
          g_autofree char *shown = truncate_for_message (input);
          /* Translators: %s is what the user typed */
          g_autofree char *s = g_strdup_printf (_("“%s” is not an operating system Omamori recognises. Write it "
                                                  "like “Windows 11 Pro 23H2” or “macOS 14.5”."), shown);
          append_sentence (reason, s);
        }
      goto out;
    }

  j->product = g_strdup (info->product);
  j->edition = info->edition;
  product = g_hash_table_lookup (self->product_by_id, info->product);
  if (product == NULL)
    {
      g_autofree char *snapshot = format_date (&self->snapshot);
      g_autofree char *shown = truncate_for_message (input != NULL && *input ? input : info->product);
      /* Translators: %s is an OS name, then the database date */
      g_autofree char *s = g_strdup_printf (_("%s is not in the end-of-life database (dated %s). Check the "
                                              "maker’s support page."), shown, snapshot);
      append_sentence (reason, s);
      goto out;
    }
  j->product_name = g_strdup (product->name);

  if (info->cycle == NULL)
    {
      judge_group (self, j, product, info, today, reason);
      goto out;
    }

  j->cycle = g_strdup (info->cycle);
  rows = rows_for_cycle (product, info->cycle);
  row = select_row (rows, info->edition);
  if (row == NULL)
    {
      if (info->group != NULL && g_strcmp0 (info->group, info->cycle) != 0)
        {
          OmOsInfo group_only = *info;

          group_only.cycle = NULL;
          judge_group (self, j, product, &group_only, today, reason);
          if (j->status != OM_EOL_STATUS_UNKNOWN)
            goto out;
          g_string_truncate (reason, 0);
        }
      {
        g_autofree char *snapshot = format_date (&self->snapshot);
        /* Translators: a product name, a version, then the database date */
        g_autofree char *s = g_strdup_printf (_("%s %s is not in the end-of-life database (dated %s). A newer "
                                                "database may know it; otherwise check the maker’s support page."),
                                              product->name, info->version != NULL ? info->version : info->cycle,
                                              snapshot);
        append_sentence (reason, s);
      }
      goto out;
    }

  judge_row (self, j, row, today, reason);

  /* Without an edition the Home/Pro date is used; say what Enterprise would get. */
  if (info->edition == OM_OS_EDITION_UNKNOWN && rows->len > 1)
    {
      const Cycle *ent = select_row (rows, OM_OS_EDITION_ENTERPRISE);

      if (ent != NULL && ent != row && ent->eol_kind == EOL_DATE
          && (row->eol_kind != EOL_DATE || g_date_compare (&ent->eol, &row->eol) != 0))
        {
          g_autofree char *date = format_date (&ent->eol);
          /* Translators: %s is a date */
          g_autofree char *s = g_strdup_printf (_("The edition is not recorded, so the Home/Pro date is used "
                                                  "(Enterprise and Education: %s)."), date);
          j->edition_assumed = TRUE;
          append_sentence (reason, s);
        }
    }

  if (info->build_ambiguous)
    {
      /* Translators: %u is a Windows build number */
      g_autofree char *s = g_strdup_printf (_("Build %u is also reported by later versions of Windows 10; "
                                              "check the exact version on the PC with “winver”."), info->build);
      append_sentence (reason, s);
    }

out:
  j->reason = g_string_free (g_steal_pointer (&reason), FALSE);
  return j;
}

OmEolJudgement *
om_eol_database_judge_string (OmEolDatabase *self, const char *os_string, const GDate *today)
{
  g_autoptr(OmOsInfo) info = NULL;

  g_return_val_if_fail (OM_IS_EOL_DATABASE (self), NULL);

  info = om_os_info_parse (os_string);
  return om_eol_database_judge (self, info, os_string, today);
}

OmEolStatus
om_eol_judge_device (OmEolDatabase   *db,
                     OmDevice        *device,
                     const GDate     *today,
                     OmEolJudgement **out)
{
  g_autoptr(OmOsInfo) info = NULL;
  g_autofree char *display = NULL;
  OmEolJudgement *j;
  OmEolStatus status;

  g_return_val_if_fail (OM_IS_EOL_DATABASE (db), OM_EOL_STATUS_UNKNOWN);
  g_return_val_if_fail (OM_IS_DEVICE (device), OM_EOL_STATUS_UNKNOWN);

  info = om_os_info_parse_fields (om_device_get_os_family (device),
                                  om_device_get_os_name (device),
                                  om_device_get_os_version (device),
                                  om_device_get_os_build (device),
                                  om_device_get_os_edition (device),
                                  om_device_get_kind (device) == OM_DEVICE_KIND_SERVER);
  display = om_device_dup_os_display (device);
  j = om_eol_database_judge (db, info, display, today);
  status = j->status;
  if (out != NULL)
    *out = j;
  else
    om_eol_judgement_unref (j);
  return status;
}

/* ---- judgement getters ---- */

OmEolStatus
om_eol_judgement_get_status (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, OM_EOL_STATUS_UNKNOWN);
  return self->status;
}

const char *
om_eol_judgement_get_product (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->product;
}

const char *
om_eol_judgement_get_cycle (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->cycle;
}

const char *
om_eol_judgement_get_product_name (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->product_name;
}

const char *
om_eol_judgement_get_label (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->label;
}

OmOsEdition
om_eol_judgement_get_edition (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, OM_OS_EDITION_UNKNOWN);
  return self->edition;
}

gboolean
om_eol_judgement_get_edition_assumed (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->edition_assumed;
}

const GDate *
om_eol_judgement_get_eol (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_date_valid (&self->eol) ? &self->eol : NULL;
}

char *
om_eol_judgement_dup_eol_string (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_date_valid (&self->eol) ? format_date (&self->eol) : NULL;
}

int
om_eol_judgement_get_days_left (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->days_left;
}

const char *
om_eol_judgement_get_source (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

const char *
om_eol_judgement_get_source_url (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source_url;
}

const char *
om_eol_judgement_get_reason (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

const char *
om_eol_judgement_get_note (const OmEolJudgement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->note;
}

static void
add_string_or_null (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
om_eol_judgement_add_json_members (const OmEolJudgement *self, JsonBuilder *builder)
{
  g_autofree char *eol = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  eol = om_eol_judgement_dup_eol_string (self);
  add_string_or_null (builder, "product", self->product);
  add_string_or_null (builder, "product_name", self->product_name);
  add_string_or_null (builder, "cycle", self->cycle);
  add_string_or_null (builder, "label", self->label);
  add_string_or_null (builder, "edition", self->product != NULL ? om_os_edition_to_string (self->edition) : NULL);
  add_string_or_null (builder, "status", om_eol_status_to_string (self->status));
  add_string_or_null (builder, "eol", eol);
  json_builder_set_member_name (builder, "days_left");
  if (eol != NULL)
    json_builder_add_int_value (builder, self->days_left);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "source", self->source);
  add_string_or_null (builder, "source_url", self->source_url);
  add_string_or_null (builder, "reason", self->reason);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-import-plan"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "om-csv.h"
#include "om-import-plan.h"
#include "om-inventory-io.h"

/* The bounds om-device.c enforces by silently truncating (its MAX_TEXT_BYTES,
 * MAX_NOTES_BYTES, list item and count limits, less the margin its sanitiser
 * keeps). An import rejects the row instead, so nothing is cut off unseen. */
#define MAX_TEXT_BYTES       (4096 - 6)
#define MAX_NOTES_BYTES      (65536 - 6)
#define MAX_LIST_ITEM_BYTES  (256 - 6)
#define MAX_LIST_ITEMS       64
#define MAX_SERVICES         256

typedef struct {
  guint     line;
  OmDevice *device;
} Addition;

typedef struct {
  guint     line;
  OmDevice *target;     /* in the inventory when planned */
  OmDevice *scratch;    /* holds the parsed values */
  guint64   fields;     /* bit per OmDeviceField that changes */
} Update;

struct _OmImportPlan
{
  GObject     parent_instance;

  char       *source;
  GPtrArray  *additions;    /* of Addition* */
  GPtrArray  *updates;      /* of Update* */
  GPtrArray  *changes;      /* of OmImportChange* */
  GPtrArray  *rejections;   /* of OmImportRejection* */
  GPtrArray  *warnings;     /* of char*, NULL-terminated */
  guint       n_unchanged;
  gboolean    applied;
};

G_DEFINE_FINAL_TYPE (OmImportPlan, om_import_plan, G_TYPE_OBJECT)

G_DEFINE_QUARK (om-import-error-quark, om_import_error)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_APPLIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (OM_DEVICE_N_FIELDS <= 64);

/* ------------------------------------------------------------------------- */
/* Value parsing */

typedef struct {
  int         value;
  const char *names[10];
} EnumAliases;

/* Stable ids and labels come from om-enums; these are the other words people
 * write in a spreadsheet. Matched after om_inventory_csv_fold_label(). */
static const EnumAliases kind_aliases[] = {
  { OM_DEVICE_KIND_PC, { "desktop", "desktop pc", "computer", "パソコン", "デスクトップ",
                         "デスクトップPC", "PC", NULL } },
  { OM_DEVICE_KIND_LAPTOP, { "notebook", "notebook pc", "ノートPC", "ノートパソコン", "ノート",
                             NULL } },
  { OM_DEVICE_KIND_SERVER, { "サーバー", "サーバ", NULL } },
  { OM_DEVICE_KIND_NAS, { "network storage", "ネットワークストレージ", NULL } },
  { OM_DEVICE_KIND_PRINTER, { "プリンター", "プリンタ", NULL } },
  { OM_DEVICE_KIND_MFP, { "multifunction printer", "multifunction", "copier", "複合機",
                          "コピー機", NULL } },
  { OM_DEVICE_KIND_PHONE, { "smartphone", "mobile", "スマートフォン", "スマホ", "携帯電話",
                            "携帯", NULL } },
  { OM_DEVICE_KIND_TABLET, { "タブレット", NULL } },
  { OM_DEVICE_KIND_ROUTER, { "ルーター", "ルータ", NULL } },
  { OM_DEVICE_KIND_ACCESS_POINT, { "access point", "ap", "wireless access point", "wifi ap",
                                   "アクセスポイント", "無線LANアクセスポイント", "無線AP",
                                   NULL } },
  { OM_DEVICE_KIND_CAMERA, { "network camera", "ip camera", "カメラ", "ネットワークカメラ",
                             "防犯カメラ", NULL } },
  { OM_DEVICE_KIND_OTHER, { "その他", NULL } },
  { OM_DEVICE_KIND_UNKNOWN, { "不明", "?", NULL } },
};

static const EnumAliases ownership_aliases[] = {
  { OM_OWNERSHIP_COMPANY, { "corporate", "business", "会社", "会社所有", "社用", "会社支給",
                            "貸与", "社有", NULL } },
  { OM_OWNERSHIP_PERSONAL, { "byod", "private", "personal (byod)", "私物", "個人",
                             "個人所有", "私有", NULL } },
  { OM_OWNERSHIP_UNKNOWN, { "不明", "?", NULL } },
};

/* A cell quoted in a message: one line, no control characters (a hostile file
 * could carry terminal escapes), at most 80 characters. */
static char *
excerpt (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 80)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
match_aliases (const EnumAliases *aliases,
               guint              n_aliases,
               const char        *folded,
               int               *out)
{
  for (guint i = 0; i < n_aliases; i++)
    for (guint j = 0; aliases[i].names[j] != NULL; j++)
      {
        g_autofree char *other = om_inventory_csv_fold_label (aliases[i].names[j]);

        if (g_str_equal (folded, other))
          {
            *out = aliases[i].value;
            return TRUE;
          }
      }
  return FALSE;
}

static gboolean
parse_kind (const char   *text,
            OmDeviceKind *out)
{
  g_autofree char *folded = NULL;
  int value;

  /* The exported form first: no folding needed. */
  if (om_device_kind_from_string (text, out))
    return TRUE;
  folded = om_inventory_csv_fold_label (text);
  for (guint k = 0; k < OM_N_DEVICE_KINDS; k++)
    {
      g_autofree char *id = om_inventory_csv_fold_label (om_device_kind_to_string (k));
      g_autofree char *label = om_inventory_csv_fold_label (om_device_kind_to_label (k));

      if (g_str_equal (folded, id) || g_str_equal (folded, label))
        {
          *out = k;
          return TRUE;
        }
    }
  if (match_aliases (kind_aliases, G_N_ELEMENTS (kind_aliases), folded, &value))
    {
      *out = value;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_ownership (const char  *text,
                 OmOwnership *out)
{
  g_autofree char *folded = NULL;
  int value;

  if (om_ownership_from_string (text, out))
    return TRUE;
  folded = om_inventory_csv_fold_label (text);
  for (guint o = 0; o < OM_N_OWNERSHIPS; o++)
    {
      g_autofree char *id = om_inventory_csv_fold_label (om_ownership_to_string (o));
      g_autofree char *label = om_inventory_csv_fold_label (om_ownership_to_label (o));

      if (g_str_equal (folded, id) || g_str_equal (folded, label))
        {
          *out = o;
          return TRUE;
        }
    }
  if (match_aliases (ownership_aliases, G_N_ELEMENTS (ownership_aliases), folded, &value))
    {
      *out = value;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_boolean (const char *text,
               gboolean   *out)
{
  static const char * const yes[] = {
    "yes", "y", "true", "1", "registered", "はい", "済", "済み", "登録済", "登録済み",
    "○", "◯", "✓", "✔", NULL
  };
  static const char * const no[] = {
    "no", "n", "false", "0", "unregistered", "not registered", "いいえ", "未", "未登録",
    "×", "✗", NULL
  };
  g_autofree char *folded = NULL;

  if (g_str_equal (text, "yes") || g_str_equal (text, "no"))
    {
      *out = g_str_equal (text, "yes");
      return TRUE;
    }
  folded = om_inventory_csv_fold_label (text);
  for (guint i = 0; yes[i] != NULL; i++)
    {
      g_autofree char *other = om_inventory_csv_fold_label (yes[i]);

      if (g_str_equal (folded, other))
        {
          *out = TRUE;
          return TRUE;
        }
    }
  for (guint i = 0; no[i] != NULL; i++)
    {
      g_autofree char *other = om_inventory_csv_fold_label (no[i]);

      if (g_str_equal (folded, other))
        {
          *out = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

/* One service as the export writes it: "PORT/PROTO [NAME] [(PRODUCT)]". */
static OmService *
parse_service (const char *text)
{
  g_autofree char *item = g_strstrip (g_strdup (text));
  g_autofree char *name = NULL;
  g_autofree char *product = NULL;
  const char *rest;
  const char *slash;
  const char *proto_end;
  g_autofree char *port_text = NULL;
  g_autofree char *proto = NULL;
  guint64 port;

  slash = strchr (item, '/');
  if (slash == NULL)
    return NULL;
  port_text = g_strndup (item, slash - item);
  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    return NULL;
  proto_end = slash + 1;
  while (*proto_end != '\0' && *proto_end != ' ' && *proto_end != '\t')
    proto_end++;
  proto = g_ascii_strdown (slash + 1, proto_end - (slash + 1));
  if (!g_str_equal (proto, "tcp") && !g_str_equal (proto, "udp"))
    return NULL;

  rest = proto_end;
  while (*rest == ' ' || *rest == '\t')
    rest++;
  if (*rest != '\0')
    {
      const char *open = NULL;
      gsize len = strlen (rest);

      /* The product is the parenthesised text at the very end: the "(" that
       * balances the final ")" (products like "Apache/2.4.57 (Debian)" nest),
       * else the first " (" when the parentheses do not balance. */
      if (rest[len - 1] == ')')
        {
          int depth = 0;

          for (gsize i = len; i > 0; i--)
            {
              char c = rest[i - 1];

              if (c == ')')
                depth++;
              else if (c == '(' && --depth == 0)
                {
                  if (i == 1 || rest[i - 2] == ' ' || rest[i - 2] == '\t')
                    open = rest + i - 1;
                  break;
                }
            }
          if (open == NULL)
            {
              if (rest[0] == '(')
                open = rest;
              else if ((open = strstr (rest, " (")) != NULL)
                open++;
            }
        }
      if (open != NULL)
        {
          name = g_strstrip (g_strndup (rest, open - rest));
          product = g_strndup (open + 1, (rest + len - 1) - (open + 1));
        }
      else
        name = g_strdup (rest);
      if (name != NULL && *name == '\0')
        g_clear_pointer (&name, g_free);
      if (product != NULL && *product == '\0')
        g_clear_pointer (&product, g_free);
    }

  return om_service_new ((guint) port, proto, name, product);
}

static GPtrArray *
parse_services (const char  *text,
                GError     **error)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func ((GDestroyNotify) om_service_free);
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) items = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      /* A line without a product may be a typed list: "22/tcp ssh, 631/tcp ipp". */
      if (strchr (lines[i], '(') == NULL)
        items = g_strsplit (lines[i], ",", -1);
      else
        items = g_strdupv ((char *[]) { lines[i], NULL });

      for (guint j = 0; items[j] != NULL; j++)
        {
          OmService *service;

          if (*g_strstrip (items[j]) == '\0')
            continue;
          service = parse_service (items[j]);
          if (service == NULL)
            {
              g_autofree char *shown = excerpt (items[j]);

              g_set_error (error, OM_IMPORT_ERROR, 0,
                           _("“%s” is not a service. Write one per line as port/protocol, name "
                             "and (product), for example “22/tcp ssh (OpenSSH 9.2)”."),
                           shown);
              return NULL;
            }
          g_ptr_array_add (services, service);
          if (services->len > MAX_SERVICES)
            {
              g_set_error (error, OM_IMPORT_ERROR, 0,
                           _("There are more than %u services. Keep the important ones."),
                           MAX_SERVICES);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&services);
}

/* ISO 8601 as exported, or what a spreadsheet turns it into ("2026/11/26 9:30",
 * "2026-11-26"), the latter read as local time. */
static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *when;
  int y, mo, d, h = 0, mi = 0, n;
  double s = 0;
  char sep1, sep2;

  when = g_date_time_new_from_iso8601 (text, utc);
  if (when != NULL)
    return when;

  n = sscanf (text, "%d%c%d%c%d %d:%d:%lf", &y, &sep1, &mo, &sep2, &d, &h, &mi, &s);
  if ((n == 5 || n == 7 || n == 8) && sep1 == sep2 && (sep1 == '-' || sep1 == '/')
      && y >= 1970 && y <= 9999)
    return g_date_time_new_local (y, mo, d, h, mi, s);
  return NULL;
}

static char *
too_long_message (const char *text,
                  gsize       max_bytes)
{
  /* Japanese text takes three bytes a character: promise what always fits. */
  return g_strdup_printf (_("The text is too long (%ld characters). Shorten it to at most "
                            "%u characters."),
                          g_utf8_strlen (text, -1), (guint) (max_bytes / 3));
}

/* Parses @text into @scratch's @field. */
static gboolean
offer_cell (OmDevice       *scratch,
            OmDeviceField   field,
            const char     *text,
            const char     *source,
            char          **out_error)
{
  switch (om_device_field_get_type (field))
    {
    case OM_FIELD_TYPE_STRING:
      {
        gsize max = field == OM_DEVICE_FIELD_NOTES ? MAX_NOTES_BYTES : MAX_TEXT_BYTES;

        if (strlen (text) > max)
          {
            *out_error = too_long_message (text, max);
            return FALSE;
          }
        om_device_offer_string (scratch, field, text, OM_ORIGIN_IMPORTED, source);
        return TRUE;
      }

    case OM_FIELD_TYPE_STRV:
      {
        g_auto(GStrv) parts = g_strsplit_set (text, ",; \t\r\n", -1);
        g_autoptr(GPtrArray) items = g_ptr_array_new ();
        g_autofree char *joined = NULL;
        g_autoptr(GError) error = NULL;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            if (*parts[i] == '\0')
              continue;
            if (strlen (parts[i]) > MAX_LIST_ITEM_BYTES)
              {
                *out_error = too_long_message (parts[i], MAX_LIST_ITEM_BYTES);
                return FALSE;
              }
            g_ptr_array_add (items, parts[i]);
          }
        if (items->len > MAX_LIST_ITEMS)
          {
            *out_error = g_strdup_printf (_("There are %u entries; a device keeps at most %u."),
                                          items->len, MAX_LIST_ITEMS);
            return FALSE;
          }
        g_ptr_array_add (items, NULL);
        joined = g_strjoinv (",", (char **) items->pdata);
        if (!om_device_offer_field_text (scratch, field, joined, OM_ORIGIN_IMPORTED, source,
                                         &error)
            && error != NULL)
          {
            *out_error = g_strdup (error->message);
            return FALSE;
          }
        return TRUE;
      }

    case OM_FIELD_TYPE_ENUM:
      if (field == OM_DEVICE_FIELD_KIND)
        {
          OmDeviceKind kind;

          if (!parse_kind (text, &kind))
            {
              g_autofree char *shown = excerpt (text);

              *out_error = g_strdup_printf (_("“%s” is not a device type. Use one of: pc, laptop, "
                                              "server, nas, printer, mfp, phone, tablet, router, "
                                              "access-point, camera, other, unknown."),
                                            shown);
              return FALSE;
            }
          om_device_offer_enum (scratch, field, kind, OM_ORIGIN_IMPORTED, source);
        }
      else
        {
          OmOwnership ownership;

          if (!parse_ownership (text, &ownership))
            {
              g_autofree char *shown = excerpt (text);

              *out_error = g_strdup_printf (_("“%s” is not an ownership. Use company, personal "
                                              "or unknown."),
                                            shown);
              return FALSE;
            }
          om_device_offer_enum (scratch, field, ownership, OM_ORIGIN_IMPORTED, source);
        }
      return TRUE;

    case OM_FIELD_TYPE_BOOLEAN:
      {
        gboolean value;

        if (!parse_boolean (text, &value))
          {
            g_autofree char *shown = excerpt (text);

            *out_error = g_strdup_printf (_("“%s” is not yes or no."), shown);
            return FALSE;
          }
        om_device_offer_boolean (scratch, field, value, OM_ORIGIN_IMPORTED, source);
        return TRUE;
      }

    case OM_FIELD_TYPE_SERVICES:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) services = parse_services (text, &error);

        if (services == NULL)
          {
            *out_error = g_strdup (error->message);
            return FALSE;
          }
        for (guint i = 0; i < services->len; i++)
          om_device_offer_service (scratch, g_ptr_array_index (services, i),
                                   OM_ORIGIN_IMPORTED, source);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------- */
/* Planning */

static void
addition_free (Addition *addition)
{
  g_clear_object (&addition->device);
  g_free (addition);
}

static void
update_free (Update *update)
{
  g_clear_object (&update->target);
  g_clear_object (&update->scratch);
  g_free (update);
}

static void
change_free (OmImportChange *change)
{
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
rejection_free (OmImportRejection *rejection)
{
  g_free (rejection->reason);
  g_free (rejection);
}

static void
reject (OmImportPlan *self,
        guint         line,
        char         *reason)
{
  OmImportRejection *rejection = g_new0 (OmImportRejection, 1);

  rejection->line = line;
  rejection->reason = reason;
  g_ptr_array_add (self->rejections, rejection);
}

static void
add_warning (OmImportPlan *self,
             char         *warning)
{
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, warning);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
strv_shares_item (const char * const *a,
                  const char * const *b)
{
  for (guint i = 0; a[i] != NULL; i++)
    for (guint j = 0; b[j] != NULL; j++)
      if (g_ascii_strcasecmp (a[i], b[j]) == 0)
        return TRUE;
  return FALSE;
}

static OmDevice *
find_target (OmInventory *inventory,
             const char  *id,
             OmDevice    *scratch)
{
  const char * const *macs = om_device_get_macs (scratch);
  const char * const *lists[] = { om_device_get_ipv4 (scratch), om_device_get_ipv6 (scratch) };
  OmDevice *device;

  if (id != NULL && (device = om_inventory_find_by_id (inventory, id)) != NULL)
    return device;

  for (guint i = 0; macs[i] != NULL; i++)
    if ((device = om_inventory_find_by_mac (inventory, macs[i])) != NULL)
      return device;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      {
        const char * const *other_macs;

        device = om_inventory_find_by_address (inventory, lists[l][i]);
        if (device == NULL)
          continue;
        /* The same address on a machine with other MACs is another machine. */
        other_macs = om_device_get_macs (device);
        if (macs[0] != NULL && other_macs[0] != NULL && !strv_shares_item (macs, other_macs))
          continue;
        return device;
      }
  return NULL;
}

static gboolean
has_identity (OmDevice   *scratch,
              const char *id)
{
  const char *name = om_device_get_name (scratch);

  return id != NULL || (name != NULL && *name != '\0')
         || om_device_get_macs (scratch)[0] != NULL
         || om_device_get_ipv4 (scratch)[0] != NULL
         || om_device_get_ipv6 (scratch)[0] != NULL
         || om_device_get_hostnames (scratch)[0] != NULL
         || om_device_get_identifiers (scratch)[0] != NULL;
}

/* Returns the line of an earlier row that claimed one of @keys, or 0 (and claims them). */
static guint
claim_keys (GHashTable *claims,
            GPtrArray  *keys,
            guint       line)
{
  for (guint i = 0; i < keys->len; i++)
    {
      gpointer earlier = g_hash_table_lookup (claims, g_ptr_array_index (keys, i));

      if (earlier != NULL)
        return GPOINTER_TO_UINT (earlier);
    }
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_insert (claims, g_strdup (g_ptr_array_index (keys, i)), GUINT_TO_POINTER (line));
  return 0;
}

/* A row's services without a product keep the product the device already has
 * (as om_device_offer_field_text() does when applied). */
static void
merge_known_products (OmDevice   *scratch,
                      OmDevice   *target,
                      const char *source)
{
  GPtrArray *mine = om_device_get_services (scratch);
  GPtrArray *theirs = om_device_get_services (target);
  g_autoptr(GPtrArray) fills = g_ptr_array_new_with_free_func ((GDestroyNotify) om_service_free);

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    {
      OmService *s = g_ptr_array_index (mine, i);

      if (s->product != NULL)
        continue;
      for (guint j = 0; theirs != NULL && j < theirs->len; j++)
        {
          OmService *t = g_ptr_array_index (theirs, j);

          if (t->port == s->port && g_strcmp0 (t->proto, s->proto) == 0 && t->product != NULL
              && (s->port != 0 || g_strcmp0 (t->name, s->name) == 0))
            {
              g_ptr_array_add (fills, om_service_new (s->port, s->proto, s->name, t->product));
              break;
            }
        }
    }
  for (guint i = 0; i < fills->len; i++)
    om_device_offer_service (scratch, g_ptr_array_index (fills, i), OM_ORIGIN_IMPORTED, source);
}

static void
plan_row (OmImportPlan  *self,
          OmInventory   *inventory,
          const int     *columns,
          guint          n_header,
          OmCsvRecord   *record,
          GHashTable    *claims)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OmDevice) scratch = NULL;
  g_autoptr(GDateTime) first_seen = NULL;
  g_autoptr(GDateTime) last_seen = NULL;
  const char *cells[OM_CSV_N_COLUMNS] = { NULL, };
  g_auto(GStrv) plain = NULL;
  g_autofree char *id_owned = NULL;
  const char *id = NULL;
  OmDevice *target;
  guint earlier;
  gboolean all_blank = TRUE;

  for (guint i = 0; i < record->n_fields; i++)
    if (!is_blank (record->fields[i]))
      all_blank = FALSE;
  /* Spreadsheets leave rows of empty cells at the end. */
  if (all_blank)
    return;

  if (record->n_fields != n_header)
    {
      reject (self, record->line,
              g_strdup_printf (_("This row has %u cells but the header has %u. Check for a "
                                 "missing or extra comma."),
                               record->n_fields, n_header));
      return;
    }

  plain = g_new0 (char *, record->n_fields + 1);
  for (guint i = 0; i < record->n_fields; i++)
    {
      plain[i] = om_csv_unneutralize (record->fields[i]);
      if (columns[i] >= 0 && !is_blank (plain[i]))
        cells[columns[i]] = plain[i];
    }

  if (cells[OM_CSV_COLUMN_ID] != NULL)
    {
      id_owned = g_strstrip (g_strdup (cells[OM_CSV_COLUMN_ID]));
      if (g_uuid_string_is_valid (id_owned))
        id = id_owned;
      else
        g_ptr_array_add (errors,
                         g_strdup_printf ("%s: %s",
                                          om_inventory_csv_column_get_label (OM_CSV_COLUMN_ID),
                                          _("Not a device ID. Leave the cell empty for a new "
                                            "device.")));
    }

  scratch = om_device_new_with_id (id);

  for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
    {
      g_autofree char *message = NULL;

      if (cells[f] == NULL)
        continue;
      if (!offer_cell (scratch, f, cells[f], self->source, &message))
        g_ptr_array_add (errors, g_strdup_printf ("%s: %s", om_device_field_get_label (f),
                                                  message));
    }

  for (guint c = OM_CSV_COLUMN_FIRST_SEEN; c <= OM_CSV_COLUMN_LAST_SEEN; c++)
    {
      g_autofree char *trimmed = NULL;
      GDateTime *when;

      if (cells[c] == NULL)
        continue;
      trimmed = g_strstrip (g_strdup (cells[c]));
      when = parse_date (trimmed);
      if (when == NULL)
        {
          g_autofree char *shown = excerpt (trimmed);
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a date and time, for example "
                               "2026-04-01T09:00:00Z."), shown);

          g_ptr_array_add (errors, g_strdup_printf ("%s: %s",
                                                    om_inventory_csv_column_get_label (c),
                                                    message));
          continue;
        }
      if (c == OM_CSV_COLUMN_FIRST_SEEN)
        first_seen = when;
      else
        last_seen = when;
    }

  if (errors->len > 0)
    {
      g_ptr_array_add (errors, NULL);
      reject (self, record->line, g_strjoinv (" ", (char **) errors->pdata));
      return;
    }

  if (!has_identity (scratch, id))
    {
      reject (self, record->line,
              g_strdup (_("Nothing identifies this device. Give at least a name, a MAC address, "
                          "an IP address or a host name.")));
      return;
    }

  /* One row per device, and one device per MAC address. */
  target = find_target (inventory, id, scratch);
  for (const char * const *macs = om_device_get_macs (scratch); *macs != NULL; macs++)
    {
      OmDevice *owner = om_inventory_find_by_mac (inventory, *macs);

      if (owner != NULL && owner != target)
        {
          g_autofree char *name = om_device_dup_display_name (owner);
          g_autofree char *shown = excerpt (name != NULL ? name : "");

          reject (self, record->line,
                  g_strdup_printf (_("The MAC address %s belongs to another device, “%s”. "
                                     "Remove it from one of the two."),
                                   *macs, shown));
          return;
        }
    }
  g_ptr_array_add (keys, g_strconcat ("device:", om_device_get_id (target != NULL ? target : scratch),
                                      NULL));
  for (const char * const *macs = om_device_get_macs (scratch); *macs != NULL; macs++)
    g_ptr_array_add (keys, g_strconcat ("mac:", *macs, NULL));
  earlier = claim_keys (claims, keys, record->line);
  if (earlier != 0)
    {
      reject (self, record->line,
              g_strdup_printf (_("This row describes the same device as line %u. Merge the two "
                                 "rows into one."),
                               earlier));
      return;
    }

  if (target == NULL)
    {
      Addition *addition = g_new0 (Addition, 1);

      if (first_seen != NULL)
        om_device_set_first_seen (scratch, first_seen);
      if (last_seen != NULL)
        om_device_set_last_seen (scratch, last_seen);
      addition->line = record->line;
      addition->device = g_steal_pointer (&scratch);
      g_ptr_array_add (self->additions, addition);
      return;
    }

  if (cells[OM_DEVICE_FIELD_SERVICES] != NULL)
    merge_known_products (scratch, target, self->source);

  {
    Update *update = NULL;

    for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
      {
        g_autofree char *old_value = NULL;
        g_autofree char *new_value = NULL;
        OmImportChange *change;

        if (cells[f] == NULL)
          continue;
        old_value = om_inventory_csv_dup_cell (target, f);
        new_value = om_inventory_csv_dup_cell (scratch, f);
        if (g_str_equal (old_value, new_value))
          continue;

        if (update == NULL)
          {
            update = g_new0 (Update, 1);
            update->line = record->line;
            update->target = g_object_ref (target);
            update->scratch = g_object_ref (scratch);
            g_ptr_array_add (self->updates, update);
          }
        update->fields |= G_GUINT64_CONSTANT (1) << f;

        change = g_new0 (OmImportChange, 1);
        change->line = record->line;
        change->device = target;
        change->field = f;
        change->old_value = g_steal_pointer (&old_value);
        change->new_value = g_steal_pointer (&new_value);
        g_ptr_array_add (self->changes, change);
      }

    if (update == NULL)
      self->n_unchanged++;
  }
}

static gboolean
plan_records (OmImportPlan  *self,
              OmInventory   *inventory,
              GPtrArray     *records,
              GError       **error)
{
  OmCsvRecord *header = g_ptr_array_index (records, 0);
  g_autofree int *columns = g_new (int, header->n_fields);
  g_autoptr(GHashTable) claims = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint header_cell_of[OM_CSV_N_COLUMNS];
  guint n_known = 0;
  guint n_rows = 0;

  for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
    header_cell_of[c] = G_MAXUINT;

  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *text = g_strstrip (om_csv_unneutralize (header->fields[i]));
      guint column;

      columns[i] = -1;
      if (*text == '\0')
        continue;
      if (!om_inventory_csv_column_from_header (text, &column))
        {
          g_autofree char *shown = excerpt (text);

          add_warning (self, g_strdup_printf (_("The column “%s” is not known and was ignored."),
                                              shown));
          continue;
        }
      if (header_cell_of[column] != G_MAXUINT)
        {
          g_autofree char *first_raw = g_strstrip (om_csv_unneutralize (header->fields[header_cell_of[column]]));
          g_autofree char *first = excerpt (first_raw);
          g_autofree char *second = excerpt (text);

          g_set_error (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_DUPLICATE_COLUMN,
                       _("The columns “%s” and “%s” both hold %s. Remove one of them and try "
                         "again."),
                       first, second, om_inventory_csv_column_get_label (column));
          return FALSE;
        }
      header_cell_of[column] = i;
      columns[i] = column;
      n_known++;
    }

  if (n_known == 0)
    {
      g_set_error_literal (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_NO_HEADER,
                           _("The first line does not name any known column. It must hold "
                             "column names such as name, kind, macs, ipv4 — export the "
                             "inventory once to see the layout."));
      return FALSE;
    }

  for (guint r = 1; r < records->len; r++)
    {
      OmCsvRecord *record = g_ptr_array_index (records, r);

      for (guint i = 0; i < record->n_fields; i++)
        if (!is_blank (record->fields[i]))
          {
            n_rows++;
            break;
          }
    }
  if (n_rows == 0)
    {
      g_set_error_literal (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_NO_ROWS,
                           _("The file has a header line but no devices below it."));
      return FALSE;
    }

  for (guint r = 1; r < records->len; r++)
    plan_row (self, inventory, columns, header->n_fields, g_ptr_array_index (records, r), claims);

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Applying */

static const char * const *
get_list (OmDevice      *device,
          OmDeviceField  field)
{
  switch (field)
    {
    case OM_DEVICE_FIELD_MACS: return om_device_get_macs (device);
    case OM_DEVICE_FIELD_IPV4: return om_device_get_ipv4 (device);
    case OM_DEVICE_FIELD_IPV6: return om_device_get_ipv6 (device);
    case OM_DEVICE_FIELD_HOSTNAMES: return om_device_get_hostnames (device);
    case OM_DEVICE_FIELD_IDENTIFIERS: return om_device_get_identifiers (device);
    default: g_return_val_if_reached (NULL);
    }
}

static void
copy_field (OmDevice      *from,
            OmDevice      *to,
            OmDeviceField  field,
            const char    *source)
{
  switch (om_device_field_get_type (field))
    {
    case OM_FIELD_TYPE_STRING:
      {
        g_autofree char *value = om_device_dup_field_text (from, field);

        om_device_offer_string (to, field, value, OM_ORIGIN_IMPORTED, source);
      }
      break;
    case OM_FIELD_TYPE_STRV:
      om_device_offer_strv (to, field, get_list (from, field), OM_ORIGIN_IMPORTED, source);
      break;
    case OM_FIELD_TYPE_ENUM:
      om_device_offer_enum (to, field,
                            field == OM_DEVICE_FIELD_KIND ? (int) om_device_get_kind (from)
                                                          : (int) om_device_get_ownership (from),
                            OM_ORIGIN_IMPORTED, source);
      break;
    case OM_FIELD_TYPE_BOOLEAN:
      om_device_offer_boolean (to, field, om_device_get_registered (from), OM_ORIGIN_IMPORTED,
                               source);
      break;
    case OM_FIELD_TYPE_SERVICES:
      {
        /* Replace the list (endpoints and names), then bring in each product. */
        g_autofree char *text = om_device_dup_field_text (from, field);
        GPtrArray *services = om_device_get_services (from);

        om_device_offer_field_text (to, field, text, OM_ORIGIN_IMPORTED, source, NULL);
        for (guint i = 0; services != NULL && i < services->len; i++)
          om_device_offer_service (to, g_ptr_array_index (services, i), OM_ORIGIN_IMPORTED,
                                   source);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------- */
/* GObject */

static void
om_import_plan_finalize (GObject *object)
{
  OmImportPlan *self = OM_IMPORT_PLAN (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->additions, g_ptr_array_unref);
  g_clear_pointer (&self->updates, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (om_import_plan_parent_class)->finalize (object);
}

static void
om_import_plan_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OmImportPlan *self = OM_IMPORT_PLAN (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_APPLIED:
      g_value_set_boolean (value, self->applied);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
om_import_plan_class_init (OmImportPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = om_import_plan_finalize;
  object_class->get_property = om_import_plan_get_property;

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_APPLIED] =
    g_param_spec_boolean ("applied", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
om_import_plan_init (OmImportPlan *self)
{
  self->additions = g_ptr_array_new_with_free_func ((GDestroyNotify) addition_free);
  self->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) update_free);
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  self->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

/* ------------------------------------------------------------------------- */
/* Public API */

OmImportPlan *
om_import_plan_new_for_data (OmInventory  *inventory,
                             const char   *data,
                             gsize         length,
                             const char   *source_name,
                             GError      **error)
{
  OmCsvLimits limits = *om_csv_limits_get_default ();
  g_autoptr(OmImportPlan) self = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (OM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Fields may be longer than any device value so that an over-long cell is
   * rejected as one row with its line number, not as the whole file. */
  limits.max_input_size = OM_IMPORT_MAX_FILE_SIZE;
  limits.max_field_length = 2 * MAX_NOTES_BYTES;

  records = om_csv_parse (data, length, &limits, error);
  if (records == NULL)
    return NULL;

  self = g_object_new (OM_TYPE_IMPORT_PLAN, NULL);
  self->source = g_strconcat ("import:", source_name != NULL ? source_name : "csv", NULL);

  if (!plan_records (self, inventory, records, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Reads a file for import: a regular file of bounded size, else a clear error. */
static GBytes *
read_import_file (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_file_get_parse_name (file);
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not open “%s”: %s"), display, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_NOT_A_FILE,
                   _("“%s” is not a file. Choose a CSV file."), display);
      return NULL;
    }
  if (g_file_info_get_size (info) > OM_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *max = g_format_size (OM_IMPORT_MAX_FILE_SIZE);

      g_set_error (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (%s; at most %s). Split it into smaller files."),
                   display, size, max);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

OmImportPlan *
om_import_plan_new_for_file (OmInventory   *inventory,
                             GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (OM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_import_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  basename = g_file_get_basename (file);
  data = g_bytes_get_data (bytes, &length);
  return om_import_plan_new_for_data (inventory, data != NULL ? data : "", length, basename, error);
}

static void
read_import_file_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = read_import_file (G_FILE (source_object), cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_import_file_read_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  GError *error = NULL;
  OmImportPlan *plan;
  const char *data;
  gsize length;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* Planning reads the inventory, so it runs here, in the owner's thread. */
  basename = g_file_get_basename (G_FILE (source_object));
  data = g_bytes_get_data (bytes, &length);
  plan = om_import_plan_new_for_data (OM_INVENTORY (g_task_get_source_object (task)),
                                      data != NULL ? data : "", length, basename, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

void
om_import_plan_new_for_file_async (OmInventory         *inventory,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;

  g_return_if_fail (OM_IS_INVENTORY (inventory));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (inventory, cancellable, callback, user_data);
  g_task_set_source_tag (task, om_import_plan_new_for_file_async);

  read_task = g_task_new (file, cancellable, on_import_file_read_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, read_import_file_thread);
  g_task_run_in_thread (read_task, read_import_file_thread);
}

OmImportPlan *
om_import_plan_new_for_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == om_import_plan_new_for_file_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
om_import_plan_get_source (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), NULL);
  return self->source;
}

guint
om_import_plan_get_n_additions (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), 0);
  return self->additions->len;
}

OmDevice *
om_import_plan_get_addition (OmImportPlan *self,
                             guint         index,
                             guint        *out_line)
{
  Addition *addition;

  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->additions->len, NULL);

  addition = g_ptr_array_index (self->additions, index);
  if (out_line != NULL)
    *out_line = addition->line;
  return addition->device;
}

guint
om_import_plan_get_n_changes (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), 0);
  return self->changes->len;
}

const OmImportChange *
om_import_plan_get_change (OmImportPlan *self,
                           guint         index)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);
  return g_ptr_array_index (self->changes, index);
}

guint
om_import_plan_get_n_changed_devices (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), 0);
  return self->updates->len;
}

guint
om_import_plan_get_n_rejections (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), 0);
  return self->rejections->len;
}

const OmImportRejection *
om_import_plan_get_rejection (OmImportPlan *self,
                              guint         index)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->rejections->len, NULL);
  return g_ptr_array_index (self->rejections, index);
}

guint
om_import_plan_get_n_unchanged (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), 0);
  return self->n_unchanged;
}

const char * const *
om_import_plan_get_warnings (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), NULL);
  return (const char * const *) self->warnings->pdata;
}

gboolean
om_import_plan_has_effect (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), FALSE);
  return self->additions->len > 0 || self->changes->len > 0;
}

char *
om_import_plan_dup_summary (OmImportPlan *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), NULL);

  if ((n = self->additions->len) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u device to add", "%u devices to add", n),
                                             n));
  if ((n = self->updates->len) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u device to change",
                                                       "%u devices to change", n), n));
  if ((n = self->n_unchanged) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u device already up to date",
                                                       "%u devices already up to date", n), n));
  if ((n = self->rejections->len) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u row rejected", "%u rows rejected", n),
                                             n));
  if (parts->len == 0)
    return g_strdup (_("Nothing to import"));

  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the parts of an import summary ("2 devices to add, 1 row rejected") */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

gboolean
om_import_plan_apply (OmImportPlan  *self,
                      OmInventory   *inventory,
                      guint         *out_n_devices,
                      GError       **error)
{
  g_autoptr(GPtrArray) added = NULL;
  guint n_devices = 0;

  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), FALSE);
  g_return_val_if_fail (OM_IS_INVENTORY (inventory), FALSE);

  if (self->applied)
    {
      g_set_error_literal (error, OM_IMPORT_ERROR, OM_IMPORT_ERROR_ALREADY_APPLIED,
                           _("This import has already been applied. Open the file again to "
                             "import it once more."));
      return FALSE;
    }

  for (guint i = 0; i < self->updates->len; i++)
    {
      Update *update = g_ptr_array_index (self->updates, i);
      OmDevice *target = om_inventory_find_by_id (inventory, om_device_get_id (update->target));

      /* Deleted since the plan was made: do not bring it back. */
      if (target == NULL)
        continue;
      for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
        if (update->fields & (G_GUINT64_CONSTANT (1) << f))
          copy_field (update->scratch, target, f, self->source);
      n_devices++;
    }

  added = g_ptr_array_new ();
  for (guint i = 0; i < self->additions->len; i++)
    {
      Addition *addition = g_ptr_array_index (self->additions, i);

      if (om_inventory_find_by_id (inventory, om_device_get_id (addition->device)) != NULL)
        continue;
      g_ptr_array_add (added, addition->device);
    }
  if (added->len > 0)
    om_inventory_add_many (inventory, (OmDevice **) added->pdata, added->len);
  n_devices += added->len;

  self->applied = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLIED]);

  if (out_n_devices != NULL)
    *out_n_devices = n_devices;
  return TRUE;
}

gboolean
om_import_plan_get_applied (OmImportPlan *self)
{
  g_return_val_if_fail (OM_IS_IMPORT_PLAN (self), FALSE);
  return self->applied;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-inventory-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "om-csv.h"
#include "om-inventory-io.h"

/* Header spellings people use besides our keys and the label of the current
 * language: the English labels (for a Japanese UI reading an English file) and
 * common Japanese column names (for an English UI reading a Japanese file).
 * Not translatable: they are matched, never shown. */
static const char * const column_aliases[OM_CSV_N_COLUMNS][8] = {
  [OM_DEVICE_FIELD_NAME]        = { "Name", "Device name", "名前", "機器名", "デバイス名", "端末名", NULL },
  [OM_DEVICE_FIELD_KIND]        = { "Type", "Kind", "Device type", "種類", "種別", "機器の種類", NULL },
  [OM_DEVICE_FIELD_OWNERSHIP]   = { "Ownership", "Owner type", "所有", "所有区分", "所有形態", NULL },
  [OM_DEVICE_FIELD_REGISTERED]  = { "Registered", "登録", "登録済み", "登録状況", "台帳登録", NULL },
  [OM_DEVICE_FIELD_USER]        = { "User", "Owner", "Staff", "利用者", "使用者", "ユーザー", "担当者", NULL },
  [OM_DEVICE_FIELD_LOCATION]    = { "Location", "場所", "設置場所", "所在", NULL },
  [OM_DEVICE_FIELD_MACS]        = { "MAC addresses", "MAC address", "MAC", "MACアドレス", NULL },
  [OM_DEVICE_FIELD_IPV4]        = { "IPv4 addresses", "IPv4 address", "IP address", "IP addresses",
                                    "IPアドレス", "IPv4アドレス", NULL },
  [OM_DEVICE_FIELD_IPV6]        = { "IPv6 addresses", "IPv6 address", "IPv6アドレス", NULL },
  [OM_DEVICE_FIELD_HOSTNAMES]   = { "Host names", "Host name", "Hostname", "ホスト名", NULL },
  [OM_DEVICE_FIELD_VENDOR]      = { "Vendor", "Manufacturer", "Maker", "メーカー", "製造元", "ベンダー", NULL },
  [OM_DEVICE_FIELD_MODEL]       = { "Model", "機種", "型番", "モデル", "製品名", NULL },
  [OM_DEVICE_FIELD_OS_FAMILY]   = { "OS family", "OSファミリー", "OSの系統", NULL },
  [OM_DEVICE_FIELD_OS_NAME]     = { "Operating system", "OS", "OS name", "OS名", "オペレーティングシステム", NULL },
  [OM_DEVICE_FIELD_OS_VERSION]  = { "OS version", "OSバージョン", "OSのバージョン", NULL },
  [OM_DEVICE_FIELD_OS_BUILD]    = { "OS build", "OSビルド", NULL },
  [OM_DEVICE_FIELD_OS_EDITION]  = { "OS edition", "OSエディション", NULL },
  [OM_DEVICE_FIELD_IDENTIFIERS] = { "Identifiers", "識別子", NULL },
  [OM_DEVICE_FIELD_SERVICES]    = { "Services", "サービス", NULL },
  [OM_DEVICE_FIELD_NOTES]       = { "Notes", "Note", "Comments", "備考", "メモ", "コメント", NULL },
  [OM_CSV_COLUMN_ID]            = { "ID", "UUID", "Device ID", "機器ID", NULL },
  [OM_CSV_COLUMN_FIRST_SEEN]    = { "First seen", "初回検出", "初回確認", "初回検出日時", NULL },
  [OM_CSV_COLUMN_LAST_SEEN]     = { "Last seen", "最終検出", "最終確認", "最終検出日時", NULL },
};

static guint column_order[OM_CSV_N_COLUMNS];

gboolean
om_export_format_from_string (const char     *text,
                              OmExportFormat *out)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "csv") == 0)
    *out = OM_EXPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (text, "json") == 0)
    *out = OM_EXPORT_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

const guint *
om_inventory_csv_get_column_order (void)
{
  if (column_order[OM_CSV_N_COLUMNS - 1] == 0)
    {
      guint n = 0;

      column_order[n++] = OM_CSV_COLUMN_ID;
      for (guint f = 0; f < OM_DEVICE_N_FIELDS; f++)
        column_order[n++] = f;
      column_order[n++] = OM_CSV_COLUMN_FIRST_SEEN;
      column_order[n++] = OM_CSV_COLUMN_LAST_SEEN;
      g_assert (n == OM_CSV_N_COLUMNS);
    }
  return column_order;
}

const char *
om_inventory_csv_column_get_key (guint column)
{
  g_return_val_if_fail (column < OM_CSV_N_COLUMNS, NULL);

  switch (column)
    {
    case OM_CSV_COLUMN_ID: return "id";
    case OM_CSV_COLUMN_FIRST_SEEN: return "first_seen";
    case OM_CSV_COLUMN_LAST_SEEN: return "last_seen";
    default: return om_device_field_get_key (column);
    }
}

const char *
om_inventory_csv_column_get_label (guint column)
{
  g_return_val_if_fail (column < OM_CSV_N_COLUMNS, NULL);

  switch (column)
    {
    case OM_CSV_COLUMN_ID: return _("Device ID");
    case OM_CSV_COLUMN_FIRST_SEEN: return _("First seen");
    case OM_CSV_COLUMN_LAST_SEEN: return _("Last seen");
    default: return om_device_field_get_label (column);
    }
}

/* Width- and case-folded, without blanks, '-' and '_': "OS-Name", "os_name",
 * "ＯＳ name" all become "osname". */
char *
om_inventory_csv_fold_label (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *out;

  if (nfkc == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (nfkc, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == '_' || c == 0xFEFF)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
header_equal (const char *folded,
              const char *candidate)
{
  g_autofree char *other = NULL;

  if (candidate == NULL)
    return FALSE;
  other = om_inventory_csv_fold_label (candidate);
  return g_str_equal (folded, other);
}

gboolean
om_inventory_csv_column_from_header (const char *header,
                                     guint      *out_column)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (out_column != NULL, FALSE);

  if (header == NULL)
    return FALSE;
  folded = om_inventory_csv_fold_label (header);
  if (*folded == '\0')
    return FALSE;

  /* Keys and property names first: they are unambiguous. */
  for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
    {
      if (header_equal (folded, om_inventory_csv_column_get_key (c))
          || (c < OM_DEVICE_N_FIELDS && header_equal (folded, om_device_field_get_property (c))))
        {
          *out_column = c;
          return TRUE;
        }
    }
  for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
    {
      if (header_equal (folded, om_inventory_csv_column_get_label (c)))
        {
          *out_column = c;
          return TRUE;
        }
      for (guint a = 0; column_aliases[c][a] != NULL; a++)
        if (header_equal (folded, column_aliases[c][a]))
          {
            *out_column = c;
            return TRUE;
          }
    }
  return FALSE;
}

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

static char *
format_services (OmDevice *device)
{
  GPtrArray *services = om_device_get_services (device);
  GString *out = g_string_new (NULL);

  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      OmService *s = g_ptr_array_index (services, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%u/%s", s->port, s->proto != NULL ? s->proto : "tcp");
      if (s->name != NULL && *s->name != '\0')
        g_string_append_printf (out, " %s", s->name);
      if (s->product != NULL && *s->product != '\0')
        g_string_append_printf (out, " (%s)", s->product);
      else if (s->name != NULL && strpbrk (s->name, ",()") != NULL)
        /* An empty product keeps "http (alt)" a name and "a,b" one service. */
        g_string_append (out, " ()");
    }
  return g_string_free (out, FALSE);
}

static char *
format_date (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (when);
  return g_date_time_format_iso8601 (utc);
}

char *
om_inventory_csv_dup_cell (OmDevice *device,
                           guint     column)
{
  g_return_val_if_fail (OM_IS_DEVICE (device), NULL);
  g_return_val_if_fail (column < OM_CSV_N_COLUMNS, NULL);

  switch (column)
    {
    case OM_CSV_COLUMN_ID:
      return g_strdup (om_device_get_id (device));
    case OM_CSV_COLUMN_FIRST_SEEN:
      return format_date (om_device_get_first_seen (device));
    case OM_CSV_COLUMN_LAST_SEEN:
      return format_date (om_device_get_last_seen (device));
    default:
      break;
    }

  switch (om_device_field_get_type (column))
    {
    case OM_FIELD_TYPE_STRING:
      {
        char *text = om_device_dup_field_text (device, column);

        return text != NULL ? text : g_strdup ("");
      }
    case OM_FIELD_TYPE_STRV:
      return g_strjoinv (", ", (char **) get_list (device, column));
    case OM_FIELD_TYPE_ENUM:
      if (column == OM_DEVICE_FIELD_KIND)
        return g_strdup (om_device_kind_to_string (om_device_get_kind (device)));
      return g_strdup (om_ownership_to_string (om_device_get_ownership (device)));
    case OM_FIELD_TYPE_BOOLEAN:
      return g_strdup (om_device_get_registered (device) ? "yes" : "no");
    case OM_FIELD_TYPE_SERVICES:
      return format_services (device);
    default:
      g_assert_not_reached ();
    }
}

static GBytes *
export_csv (OmInventory *inventory)
{
  const guint *order = om_inventory_csv_get_column_order ();
  const char *header[OM_CSV_N_COLUMNS];
  GString *out = g_string_new (OM_CSV_BOM);
  guint n = om_inventory_get_n_devices (inventory);

  for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
    header[c] = om_inventory_csv_column_get_key (order[c]);
  om_csv_append_row (out, header, OM_CSV_N_COLUMNS, OM_CSV_WRITE_NEUTRALIZE);

  for (guint i = 0; i < n; i++)
    {
      OmDevice *device = om_inventory_get_device (inventory, i);
      char *cells[OM_CSV_N_COLUMNS];

      for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
        cells[c] = om_inventory_csv_dup_cell (device, order[c]);
      om_csv_append_row (out, (const char * const *) cells, OM_CSV_N_COLUMNS,
                         OM_CSV_WRITE_NEUTRALIZE);
      for (guint c = 0; c < OM_CSV_N_COLUMNS; c++)
        g_free (cells[c]);
    }

  return g_string_free_to_bytes (out);
}

static GBytes *
export_json (OmInventory *inventory)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  guint n = om_inventory_get_n_devices (inventory);
  char *text;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, OM_INVENTORY_JSON_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, OM_INVENTORY_JSON_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Omamori " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "exported");
  json_builder_add_string_value (builder, exported);
  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    om_device_to_json (om_inventory_get_device (inventory, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  /* A final newline, as text tools expect. */
  text = g_realloc (text, length + 2);
  text[length++] = '\n';
  text[length] = '\0';
  return g_bytes_new_take (text, length);
}

GBytes *
om_inventory_export (OmInventory    *inventory,
                     OmExportFormat  format)
{
  g_return_val_if_fail (OM_IS_INVENTORY (inventory), NULL);

  switch (format)
    {
    case OM_EXPORT_FORMAT_CSV:
      return export_csv (inventory);
    case OM_EXPORT_FORMAT_JSON:
      return export_json (inventory);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_write_error (GError **error,
                 GFile   *file,
                 GError  *local_error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (local_error));
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not write “%s”: %s. Choose another folder or free some space."),
                 name, local_error->message);
}

gboolean
om_inventory_export_to_file (OmInventory     *inventory,
                             OmExportFormat   format,
                             GFile           *file,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (OM_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = om_inventory_export (inventory, format);
  data = g_bytes_get_data (bytes, &length);
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local_error))
    {
      set_write_error (error, file, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
on_replace_contents_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source_object), result, NULL, &local_error))
    {
      set_write_error (&error, G_FILE (source_object), local_error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
om_inventory_export_to_file_async (OmInventory         *inventory,
                                   OmExportFormat       format,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (OM_IS_INVENTORY (inventory));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (inventory, cancellable, callback, user_data);
  g_task_set_source_tag (task, om_inventory_export_to_file_async);

  /* The inventory is read here, in its owner's thread; only the writing is async. */
  bytes = om_inventory_export (inventory, format);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                       on_replace_contents_cb, g_steal_pointer (&task));
}

gboolean
om_inventory_export_to_file_finish (OmInventory   *inventory,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, inventory), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == om_inventory_export_to_file_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

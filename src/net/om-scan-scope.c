/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-scan-scope"

#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <glib/gi18n.h>

#include "om-scan-scope.h"

typedef struct {
  guint32 first;    /* host order, inclusive */
  guint32 last;
  guint   prefix;   /* 0 for a range */
} Range;

struct _OmScanScope
{
  gatomicrefcount ref;
  GArray *ranges;   /* Range, sorted and disjoint */
  guint   n;
};

G_DEFINE_QUARK (om-scan-scope-error-quark, om_scan_scope_error)

static gboolean
parse_ipv4 (const char *text,
            guint32    *out)
{
  struct in_addr a;

  if (inet_pton (AF_INET, text, &a) != 1)
    return FALSE;
  *out = ntohl (a.s_addr);
  return TRUE;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *ra = a, *rb = b;

  return ra->first < rb->first ? -1 : ra->first > rb->first;
}

static OmScanScope *
scope_new (void)
{
  OmScanScope *scope = g_new0 (OmScanScope, 1);

  g_atomic_ref_count_init (&scope->ref);
  scope->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  return scope;
}

/* Sorts, merges overlaps and counts; fails if too large or empty. */
static gboolean
scope_finish (OmScanScope *scope,
              GError     **error)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Range));
  guint64 total = 0;

  g_array_sort (scope->ranges, compare_ranges);
  for (guint i = 0; i < scope->ranges->len; i++)
    {
      Range r = g_array_index (scope->ranges, Range, i);

      if (merged->len > 0)
        {
          Range *prev = &g_array_index (merged, Range, merged->len - 1);

          if ((guint64) r.first <= (guint64) prev->last + 1)
            {
              if (r.last > prev->last)
                prev->last = r.last;
              prev->prefix = 0;
              continue;
            }
        }
      g_array_append_val (merged, r);
    }
  g_array_unref (scope->ranges);
  scope->ranges = merged;
  for (guint i = 0; i < merged->len; i++)
    total += (guint64) g_array_index (merged, Range, i).last - g_array_index (merged, Range, i).first + 1;

  if (total == 0)
    {
      g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_EMPTY,
                   _("The scope contains no addresses. Enter a network such as 192.168.1.0/24."));
      return FALSE;
    }
  if (total > OM_SCAN_SCOPE_MAX_ADDRESSES)
    {
      /* The count goes in as text: xgettext cannot follow G_GUINT64_FORMAT. */
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

      g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_TOO_LARGE,
                   _("The scope has %s addresses; at most %d (a /16) can be scanned. "
                     "Enter a smaller network."), count, OM_SCAN_SCOPE_MAX_ADDRESSES);
      return FALSE;
    }
  scope->n = (guint) total;
  return TRUE;
}

static gboolean
add_prefix (OmScanScope *scope,
            guint32      address,
            guint        prefix,
            GError     **error)
{
  Range r;
  guint32 mask = prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);

  if (prefix < 16)
    {
      g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_TOO_LARGE,
                   _("/%u is larger than a /16. Enter a smaller network."), prefix);
      return FALSE;
    }
  r.first = address & mask;
  r.last = r.first | ~mask;
  r.prefix = prefix;
  /* No probes to the network and broadcast address of a real subnet. */
  if (prefix <= 30)
    {
      r.first++;
      r.last--;
    }
  g_array_append_val (scope->ranges, r);
  return TRUE;
}

static gboolean
parse_item (OmScanScope *scope,
            const char  *item,
            GError     **error)
{
  const char *slash = strchr (item, '/');
  const char *dash = strchr (item, '-');
  guint32 a, b;

  if (slash != NULL)
    {
      g_autofree char *addr = g_strndup (item, slash - item);
      guint64 prefix;
      char *end;

      prefix = g_ascii_strtoull (slash + 1, &end, 10);
      if (!parse_ipv4 (addr, &a) || *end != '\0' || end == slash + 1 || prefix > 32)
        goto invalid;
      return add_prefix (scope, a, (guint) prefix, error);
    }
  if (dash != NULL)
    {
      g_autofree char *from = g_strndup (item, dash - item);
      const char *to = dash + 1;
      Range r;

      if (!parse_ipv4 (from, &a))
        goto invalid;
      if (!parse_ipv4 (to, &b))
        {
          /* "10.0.0.10-20": the last octet only. */
          char *end;
          guint64 last = g_ascii_strtoull (to, &end, 10);

          if (*to == '\0' || *end != '\0' || last > 255)
            goto invalid;
          b = (a & 0xffffff00u) | (guint32) last;
        }
      if (b < a)
        goto invalid;
      if ((guint64) b - a + 1 > OM_SCAN_SCOPE_MAX_ADDRESSES)
        {
          g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_TOO_LARGE,
                       _("The range %s is larger than a /16. Enter a smaller range."), item);
          return FALSE;
        }
      r.first = a;
      r.last = b;
      r.prefix = 0;
      g_array_append_val (scope->ranges, r);
      return TRUE;
    }
  if (parse_ipv4 (item, &a))
    {
      Range r = { a, a, 32 };

      g_array_append_val (scope->ranges, r);
      return TRUE;
    }

invalid:
  g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_INVALID,
               _("“%s” is not an IPv4 network, address or range. Use a form such as "
                 "192.168.1.0/24, 192.168.1.10 or 192.168.1.10-192.168.1.50."), item);
  return FALSE;
}

OmScanScope *
om_scan_scope_parse (const char *text,
                     GError    **error)
{
  g_autoptr(OmScanScope) scope = NULL;
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > 4096)
    {
      g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_INVALID,
                   _("The scope is too long. Enter a few networks or ranges."));
      return NULL;
    }
  scope = scope_new ();
  items = g_strsplit_set (text, ", \t\n;", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (*items[i] == '\0')
        continue;
      if (!parse_item (scope, items[i], error))
        return NULL;
    }
  if (!scope_finish (scope, error))
    return NULL;
  return g_steal_pointer (&scope);
}

OmScanScope *
om_scan_scope_new_default (GError **error)
{
  g_autoptr(OmScanScope) scope = scope_new ();
  struct ifaddrs *ifs = NULL;

  if (getifaddrs (&ifs) != 0)
    {
      g_set_error (error, OM_SCAN_SCOPE_ERROR, OM_SCAN_SCOPE_ERROR_EMPTY,
                   _("Could not read this computer’s network interfaces. Enter the scope by hand."));
      return NULL;
    }
  for (struct ifaddrs *i = ifs; i != NULL; i = i->ifa_next)
    {
      guint32 addr, mask;
      guint prefix;

      if (i->ifa_addr == NULL || i->ifa_netmask == NULL || i->ifa_addr->sa_family != AF_INET
          || (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
        continue;
      addr = ntohl (((struct sockaddr_in *) i->ifa_addr)->sin_addr.s_addr);
      mask = ntohl (((struct sockaddr_in *) i->ifa_netmask)->sin_addr.s_addr);
      prefix = __builtin_popcount (mask);
      /* A big office network is cut to the /16 around this machine. */
      add_prefix (scope, addr, MAX (prefix, 16), NULL);
    }
  freeifaddrs (ifs);
  if (!scope_finish (scope, error))
    return NULL;
  return g_steal_pointer (&scope);
}

OmScanScope *
om_scan_scope_ref (OmScanScope *scope)
{
  g_return_val_if_fail (scope != NULL, NULL);
  g_atomic_ref_count_inc (&scope->ref);
  return scope;
}

void
om_scan_scope_unref (OmScanScope *scope)
{
  if (scope == NULL)
    return;
  if (g_atomic_ref_count_dec (&scope->ref))
    {
      g_array_unref (scope->ranges);
      g_free (scope);
    }
}

guint
om_scan_scope_get_n_addresses (OmScanScope *scope)
{
  return scope->n;
}

guint32
om_scan_scope_get_address (OmScanScope *scope,
                           guint        index)
{
  g_return_val_if_fail (index < scope->n, 0);

  for (guint i = 0; i < scope->ranges->len; i++)
    {
      const Range *r = &g_array_index (scope->ranges, Range, i);
      guint64 size = (guint64) r->last - r->first + 1;

      if (index < size)
        return r->first + index;
      index -= (guint) size;
    }
  g_assert_not_reached ();
}

char *
om_scan_scope_dup_address_string (OmScanScope *scope,
                                  guint        index)
{
  guint32 a = om_scan_scope_get_address (scope, index);

  return g_strdup_printf ("%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

gboolean
om_scan_scope_contains (OmScanScope *scope,
                        guint32      address)
{
  for (guint i = 0; i < scope->ranges->len; i++)
    {
      const Range *r = &g_array_index (scope->ranges, Range, i);

      if (address >= r->first && address <= r->last)
        return TRUE;
    }
  return FALSE;
}

gboolean
om_scan_scope_contains_string (OmScanScope *scope,
                               const char  *address)
{
  guint32 a;

  return address != NULL && parse_ipv4 (address, &a) && om_scan_scope_contains (scope, a);
}

gboolean
om_scan_scope_is_loopback (OmScanScope *scope)
{
  for (guint i = 0; i < scope->ranges->len; i++)
    {
      const Range *r = &g_array_index (scope->ranges, Range, i);

      if ((r->first >> 24) != 127 || (r->last >> 24) != 127)
        return FALSE;
    }
  return TRUE;
}

static void
append_address (GString *s,
                guint32  a)
{
  g_string_append_printf (s, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

char *
om_scan_scope_to_string (OmScanScope *scope)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < scope->ranges->len; i++)
    {
      const Range *r = &g_array_index (scope->ranges, Range, i);

      if (s->len > 0)
        g_string_append (s, ", ");
      if (r->prefix > 0 && r->prefix <= 30)
        {
          append_address (s, r->first - 1);
          g_string_append_printf (s, "/%u", r->prefix);
        }
      else if (r->first == r->last)
        append_address (s, r->first);
      else
        {
          append_address (s, r->first);
          g_string_append_c (s, '-');
          append_address (s, r->last);
        }
    }
  return g_string_free (s, FALSE);
}

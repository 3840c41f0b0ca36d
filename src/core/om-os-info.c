/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-os-info"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "om-os-info.h"

/* Anything longer is not an OS name; bounding it keeps hostile input cheap. */
#define MAX_INPUT_BYTES 512

G_DEFINE_BOXED_TYPE (OmOsInfo, om_os_info, om_os_info_copy, om_os_info_free)

typedef struct {
  guint        build;
  const char  *client;   /* windows cycle, NULL if the build never shipped as a client */
  const char  *server;   /* windows-server cycle, NULL if never a server build */
} WindowsBuild;

/* Build numbers of Windows releases. Client and server share some kernels. */
static const WindowsBuild windows_builds[] = {
  {   950, "95",      NULL },
  {  1998, "98",      NULL },
  {  2222, "98",      NULL },
  {  3000, "me",      NULL },
  {  2195, "2000",    "2000" },
  {  2600, "xp",      NULL },
  {  3790, "xp",      "2003" },
  {  6000, "vista",   NULL },
  {  6001, "vista",   "2008" },
  {  6002, "vista",   "2008" },
  {  6003, "vista",   "2008" },
  {  7600, "7",       "2008-r2" },
  {  7601, "7",       "2008-r2" },
  {  9200, "8",       "2012" },
  {  9600, "8.1",     "2012-r2" },
  { 10240, "10-1507", NULL },
  { 10586, "10-1511", NULL },
  { 14393, "10-1607", "2016" },
  { 15063, "10-1703", NULL },
  { 16299, "10-1709", "1709" },
  { 17134, "10-1803", "1803" },
  { 17763, "10-1809", "2019" },
  { 18362, "10-1903", "1903" },
  { 18363, "10-1909", "1909" },
  { 19041, "10-2004", "2004" },
  { 19042, "10-20h2", "20h2" },
  { 19043, "10-21h1", NULL },
  { 19044, "10-21h2", NULL },
  { 19045, "10-22h2", NULL },
  { 20348, NULL,      "2022" },
  { 22000, "11-21h2", NULL },
  { 22621, "11-22h2", NULL },
  { 22631, "11-23h2", NULL },
  { 25398, NULL,      "23h2" },
  { 26100, "11-24h2", "2025" },
  { 26200, "11-25h2", NULL },
  { 28000, "11-26h1", NULL },
};

/* Feature-update names of Windows 10/11 (and the Semi-Annual Channel servers). */
static const char * const feature_updates[] = {
  "1507", "1511", "1607", "1703", "1709", "1803", "1809", "1903", "1909", "2004",
  "20h2", "21h1", "21h2", "22h2", "23h2", "24h2", "25h2", "26h1", NULL
};

typedef struct {
  const char *word;
  const char *value;
} Alias;

static const Alias ltsc_years[] = {
  { "2015", "10-1507" },
  { "2016", "10-1607" },
  { "2019", "10-1809" },
  { "2021", "10-21h2" },
  { "2024", "11-24h2" },
  { NULL, NULL }
};

/* Longest names first: "high sierra" must win over "sierra". */
static const Alias mac_codenames[] = {
  { "snow leopard", "10.6" }, { "mountain lion", "10.8" }, { "high sierra", "10.13" },
  { "el capitan", "10.11" }, { "big sur", "11" },
  { "cheetah", "10.0" }, { "puma", "10.1" }, { "jaguar", "10.2" }, { "panther", "10.3" },
  { "tiger", "10.4" }, { "leopard", "10.5" }, { "lion", "10.7" }, { "mavericks", "10.9" },
  { "yosemite", "10.10" }, { "sierra", "10.12" }, { "mojave", "10.14" }, { "catalina", "10.15" },
  { "monterey", "12" }, { "ventura", "13" }, { "sonoma", "14" }, { "sequoia", "15" },
  { "tahoe", "26" },
  { NULL, NULL }
};

static const Alias ubuntu_codenames[] = {
  { "trusty", "14.04" }, { "xenial", "16.04" }, { "bionic", "18.04" }, { "focal", "20.04" },
  { "jammy", "22.04" }, { "kinetic", "22.10" }, { "lunar", "23.04" }, { "mantic", "23.10" },
  { "noble", "24.04" }, { "oracular", "24.10" }, { "plucky", "25.04" }, { "questing", "25.10" },
  { "resolute", "26.04" },
  { NULL, NULL }
};

static const Alias debian_codenames[] = {
  { "squeeze", "6" }, { "wheezy", "7" }, { "jessie", "8" }, { "stretch", "9" }, { "buster", "10" },
  { "bullseye", "11" }, { "bookworm", "12" }, { "trixie", "13" }, { "forky", "14" },
  { NULL, NULL }
};

/* Katakana spellings people type in Japanese offices. */
static const Alias japanese_words[] = {
  { "ウィンドウズ", " windows " }, { "ウインドウズ", " windows " }, { "サーバー", " server " },
  { "サーバ", " server " }, { "エンタープライズ", " enterprise " }, { "プロフェッショナル", " pro " },
  { "プロ", " pro " }, { "ホーム", " home " }, { "エデュケーション", " education " },
  { "マック", " mac " }, { "アンドロイド", " android " },
  { NULL, NULL }
};

/* Prefixes glued to a number ("win10", "ios17", "dsm7.2") are split off. */
static const char * const glued_prefixes[] = {
  "windows", "win", "macos", "osx", "ipados", "ios", "android", "dsm", "qts", "ubuntu",
  "debian", "centos", "rhel", "rocky", "almalinux", "alma", NULL
};

typedef struct {
  char   *normalized;   /* lower-case ASCII words separated by single spaces */
  char   *padded;       /* the same with a space at each end, for whole-word search */
  char  **tokens;
  guint   n_tokens;
} Text;

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->normalized, g_free);
  g_clear_pointer (&text->padded, g_free);
  g_clear_pointer (&text->tokens, g_strfreev);
}

static char *
replace_all (const char *haystack, const char *needle, const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (haystack, needle, -1);
  return g_strjoinv (replacement, parts);
}

static void
text_init (Text *text, const char *input)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfkc = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  gsize len = strlen (input);

  if (len > MAX_INPUT_BYTES)
    len = MAX_INPUT_BYTES;
  /* A cut in the middle of a character leaves a replacement character; harmless. */
  valid = g_utf8_make_valid (input, len);

  /* NFKC folds full-width letters and digits ("Ｗｉｎｄｏｗｓ １０") and brackets. */
  nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  if (nfkc == NULL)
    nfkc = g_strdup (valid);
  lower = g_utf8_strdown (nfkc, -1);

  for (guint i = 0; japanese_words[i].word != NULL; i++)
    if (strstr (lower, japanese_words[i].word) != NULL)
      {
        char *tmp = replace_all (lower, japanese_words[i].word, japanese_words[i].value);
        g_free (lower);
        lower = tmp;
      }

  /* Keep ASCII letters, digits and dots; everything else separates words. */
  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '.')
        g_string_append_c (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  {
    g_auto(GStrv) words = g_strsplit (out->str, " ", -1);

    for (guint i = 0; words[i] != NULL; i++)
      {
        char *word = words[i];
        gboolean split = FALSE;

        /* Trailing dots ("Windows 10." / "7.") are punctuation. */
        while (*word != '\0' && word[strlen (word) - 1] == '.')
          word[strlen (word) - 1] = '\0';
        while (*word == '.')
          word++;
        if (*word == '\0')
          continue;

        for (guint j = 0; glued_prefixes[j] != NULL && !split; j++)
          {
            gsize plen = strlen (glued_prefixes[j]);

            if (g_str_has_prefix (word, glued_prefixes[j]) && g_ascii_isdigit (word[plen]))
              {
                g_ptr_array_add (tokens, g_strndup (word, plen));
                g_ptr_array_add (tokens, g_strdup (word + plen));
                split = TRUE;
              }
          }
        if (!split)
          g_ptr_array_add (tokens, g_strdup (word));
      }
  }

  text->n_tokens = tokens->len;
  g_ptr_array_add (tokens, NULL);
  text->tokens = (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
  text->normalized = g_strjoinv (" ", text->tokens);
  text->padded = g_strconcat (" ", text->normalized, " ", NULL);
}

static int
text_find (const Text *text, const char *word)
{
  for (guint i = 0; i < text->n_tokens; i++)
    if (g_str_equal (text->tokens[i], word))
      return (int) i;
  return -1;
}

static gboolean
text_has (const Text *text, const char *word)
{
  return text_find (text, word) >= 0;
}

/* A phrase of whole words ("mac os x"). */
static gboolean
text_has_phrase (const Text *text, const char *phrase)
{
  char needle[64];

  /* Phrases are short constants of this file; this runs for every device. */
  g_assert (strlen (phrase) + 3 <= sizeof needle);
  g_snprintf (needle, sizeof needle, " %s ", phrase);
  return strstr (text->padded, needle) != NULL;
}

/* Parses "10.0.19045.3803" into numbers. Returns how many parts were read, 0 if the
 * word is not purely digits and dots. */
static guint
parse_version (const char *word, guint64 parts[4])
{
  g_auto(GStrv) split = NULL;
  guint n = 0;

  if (word == NULL || !g_ascii_isdigit (word[0]))
    return 0;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return 0;

  split = g_strsplit (word, ".", -1);
  for (guint i = 0; split[i] != NULL && n < 4; i++)
    {
      if (split[i][0] == '\0' || strlen (split[i]) > 9)
        return 0;
      parts[n++] = g_ascii_strtoull (split[i], NULL, 10);
    }
  return n;
}

/* The first version-like word at or after @from. */
static int
find_version (const Text *text, int from, guint64 parts[4], guint *n_parts)
{
  for (guint i = MAX (from, 0); i < text->n_tokens; i++)
    {
      guint n = parse_version (text->tokens[i], parts);

      if (n > 0)
        {
          *n_parts = n;
          return (int) i;
        }
    }
  return -1;
}

static const char *
lookup_alias (const Alias *aliases, const char *word)
{
  for (guint i = 0; aliases[i].word != NULL; i++)
    if (g_str_equal (aliases[i].word, word))
      return aliases[i].value;
  return NULL;
}

static const WindowsBuild *
lookup_build (guint64 build)
{
  for (guint i = 0; i < G_N_ELEMENTS (windows_builds); i++)
    if (windows_builds[i].build == build)
      return &windows_builds[i];
  return NULL;
}

static OmOsInfo *
info_new (const char *product, const char *cycle, const char *group, const char *version)
{
  OmOsInfo *info = g_new0 (OmOsInfo, 1);

  info->product = g_strdup (product);
  info->cycle = g_strdup (cycle);
  info->group = g_strdup (group != NULL ? group : cycle);
  info->version = g_strdup (version);
  return info;
}

/* "major.minor" cycles (Ubuntu 20.04, DSM 7.1, Android 8.1). */
static char *
major_minor (const guint64 parts[4], guint n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, parts[0], n > 1 ? parts[1] : 0);
}

static char *
major_only (const guint64 parts[4])
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, parts[0]);
}

/* A product keyword followed by a version: "Rocky Linux 9.3" → "9". */
static OmOsInfo *
parse_simple_major (const Text *text, int at, const char *product)
{
  guint64 parts[4];
  guint n = 0;
  int v = find_version (text, at + 1, parts, &n);
  g_autofree char *cycle = NULL;

  if (v < 0)
    return info_new (product, NULL, NULL, NULL);
  cycle = major_only (parts);
  return info_new (product, cycle, cycle, text->tokens[v]);
}

static OmOsEdition
windows_edition (const Text *text)
{
  gboolean iot = text_has (text, "iot");

  if (text_has (text, "ltsc") || text_has (text, "ltsb"))
    return iot ? OM_OS_EDITION_IOT_LTSC : OM_OS_EDITION_LTSC;
  /* Pro Education follows the Home/Pro schedule; Education alone follows Enterprise. */
  if (text_has_phrase (text, "pro education") || text_has_phrase (text, "pro edu"))
    return OM_OS_EDITION_CONSUMER;
  if (text_has (text, "enterprise") || text_has (text, "ent") || text_has (text, "education")
      || text_has (text, "edu") || iot)
    return OM_OS_EDITION_ENTERPRISE;
  if (text_has (text, "home") || text_has (text, "pro") || text_has (text, "professional")
      || text_has (text, "workstations") || text_has (text, "se") || text_has (text, "core")
      || text_has (text, "ultimate") || text_has (text, "starter") || text_has (text, "premium"))
    return OM_OS_EDITION_CONSUMER;
  return OM_OS_EDITION_UNKNOWN;
}

static const char *
find_feature_update (const Text *text)
{
  for (guint i = 0; i < text->n_tokens; i++)
    if (g_strv_contains (feature_updates, text->tokens[i]))
      return text->tokens[i];
  return NULL;
}

/* A Windows build: from "10.0.19045(.3803)", "6.1.7601", or a bare known build number. */
static guint64
find_windows_build (const Text *text, int from, char **version_out)
{
  for (guint i = MAX (from, 0); i < text->n_tokens; i++)
    {
      guint64 parts[4];
      guint n = parse_version (text->tokens[i], parts);

      if (n >= 3 && (parts[0] == 10 || parts[0] == 6 || parts[0] == 5 || parts[0] == 4)
          && parts[2] >= 950 && lookup_build (parts[2]) != NULL)
        {
          *version_out = g_strdup (text->tokens[i]);
          return parts[2];
        }
      /* A bare number only when it is a build that cannot be mistaken for a year or
       * a feature update ("2004", "2019"). */
      if (n == 1 && parts[0] >= 7600 && lookup_build (parts[0]) != NULL)
        {
          *version_out = g_strdup (text->tokens[i]);
          return parts[0];
        }
    }
  return 0;
}

static OmOsInfo *
parse_windows_server (const Text *text, int from)
{
  static const char * const years[] = { "2000", "2003", "2008", "2012", "2016", "2019", "2022", "2025", NULL };
  g_autofree char *version = NULL;
  const char *feature;
  guint64 build;

  if (text_has (text, "sbs") || text_has_phrase (text, "small business server"))
    {
      if (text_has (text, "2011"))
        return info_new ("windows-server", "sbs-2011", NULL, "2011");
      return info_new ("windows-server", NULL, NULL, NULL);
    }

  for (guint i = 0; i < text->n_tokens; i++)
    if (g_strv_contains (years, text->tokens[i]))
      {
        gboolean r2 = i + 1 < text->n_tokens && g_str_equal (text->tokens[i + 1], "r2");
        g_autofree char *cycle = NULL;

        if (r2 && (g_str_equal (text->tokens[i], "2008") || g_str_equal (text->tokens[i], "2012")))
          cycle = g_strdup_printf ("%s-r2", text->tokens[i]);
        else
          cycle = g_strdup (text->tokens[i]);
        return info_new ("windows-server", cycle, NULL, cycle);
      }

  feature = find_feature_update (text);
  if (feature != NULL)
    return info_new ("windows-server", feature, NULL, feature);

  build = find_windows_build (text, from, &version);
  if (build != 0)
    {
      const WindowsBuild *wb = lookup_build (build);
      OmOsInfo *info;

      if (wb->server == NULL)
        return NULL;
      info = info_new ("windows-server", wb->server, NULL, version);
      info->build = (guint) build;
      return info;
    }

  return info_new ("windows-server", NULL, NULL, NULL);
}

static OmOsInfo *
parse_windows (const Text *text, int at, gboolean server_hint)
{
  static const Alias majors[] = {
    { "xp", "xp" }, { "vista", "vista" }, { "7", "7" }, { "8", "8" }, { "8.1", "8.1" },
    { "10", "10" }, { "11", "11" }, { "2000", "2000" }, { "me", "me" }, { "millennium", "me" },
    { "98", "98" }, { "95", "95" },
    { NULL, NULL }
  };
  g_autofree char *version = NULL;
  const char *major = NULL;
  const char *feature;
  const char *ltsc_cycle = NULL;
  OmOsEdition edition;
  guint64 build;
  OmOsInfo *info;

  if (text_has (text, "server"))
    return parse_windows_server (text, at);

  edition = windows_edition (text);

  /* The first word after "windows" that names a major version. */
  for (guint i = MAX (at, 0); i < text->n_tokens && major == NULL; i++)
    major = lookup_alias (majors, text->tokens[i]);

  build = find_windows_build (text, at, &version);
  if (build != 0)
    {
      const WindowsBuild *wb = lookup_build (build);

      if (wb->client == NULL || (server_hint && wb->server != NULL))
        {
          info = info_new ("windows-server", wb->server, NULL, version);
          info->build = (guint) build;
          return info;
        }
    }

  feature = find_feature_update (text);

  if (edition == OM_OS_EDITION_LTSC || edition == OM_OS_EDITION_IOT_LTSC)
    for (guint i = 0; i < text->n_tokens && ltsc_cycle == NULL; i++)
      ltsc_cycle = lookup_alias (ltsc_years, text->tokens[i]);

  if (feature != NULL && (major == NULL || g_str_equal (major, "10") || g_str_equal (major, "11")))
    {
      g_autofree char *cycle = NULL;
      const char *line = major;

      /* "22H2" alone: the build, if any, says which line; otherwise Windows 11 from
       * 23H2 on, Windows 10 before (22H2 without a line is the last Windows 10). */
      if (line == NULL && build != 0)
        line = g_str_has_prefix (lookup_build (build)->client, "11") ? "11" : "10";
      if (line == NULL)
        line = (feature[2] == 'h' && g_strcmp0 (feature, "23h2") >= 0) ? "11" : "10";
      cycle = g_strdup_printf ("%s-%s", line, feature);
      info = info_new ("windows", cycle, line, feature);
      info->build = (guint) build;
      info->edition = edition;
      return info;
    }

  if (ltsc_cycle != NULL)
    {
      const char *line = g_str_has_prefix (ltsc_cycle, "11") ? "11" : "10";

      info = info_new ("windows", ltsc_cycle, line, ltsc_cycle + 3);
      info->edition = edition;
      return info;
    }

  if (build != 0)
    {
      const WindowsBuild *wb = lookup_build (build);
      const char *cycle = wb->client;
      g_autofree char *line = NULL;

      line = g_strndup (cycle, strcspn (cycle, "-"));
      info = info_new ("windows", cycle, line, version);
      info->build = (guint) build;
      info->edition = edition;
      /* NTLM reports the base build 19041 for 20H2 … 22H2 and LTSC 2021. */
      info->build_ambiguous = (build == 19041);
      return info;
    }

  if (major != NULL)
    {
      gboolean has_cycles = g_str_equal (major, "10") || g_str_equal (major, "11");

      info = info_new ("windows", has_cycles ? NULL : major, major, NULL);
      info->edition = edition;
      return info;
    }

  info = info_new ("windows", NULL, NULL, NULL);
  info->edition = edition;
  return info;
}

static OmOsInfo *
parse_macos (const Text *text, int at)
{
  guint64 parts[4];
  guint n = 0;
  int v;

  for (guint i = 0; mac_codenames[i].word != NULL; i++)
    if (text_has_phrase (text, mac_codenames[i].word))
      return info_new ("macos", mac_codenames[i].value, NULL, mac_codenames[i].value);

  v = find_version (text, at, parts, &n);
  if (v < 0)
    return info_new ("macos", NULL, NULL, NULL);
  if (parts[0] == 10)
    {
      g_autofree char *cycle = NULL;

      if (n < 2)
        return info_new ("macos", NULL, NULL, text->tokens[v]);
      cycle = major_minor (parts, n);
      return info_new ("macos", cycle, NULL, text->tokens[v]);
    }
  else
    {
      g_autofree char *cycle = major_only (parts);
      return info_new ("macos", cycle, NULL, text->tokens[v]);
    }
}

/* Darwin kernel versions as reported by some devices and SNMP agents. */
static OmOsInfo *
parse_darwin (const Text *text, int at)
{
  guint64 parts[4];
  guint n = 0;
  int v = find_version (text, at + 1, parts, &n);
  g_autofree char *cycle = NULL;

  if (v < 0 || parts[0] < 4 || parts[0] > 40)
    return NULL;
  if (parts[0] <= 19)
    cycle = g_strdup_printf ("10.%" G_GUINT64_FORMAT, parts[0] - 4);
  else if (parts[0] <= 24)
    cycle = g_strdup_printf ("%" G_GUINT64_FORMAT, parts[0] - 9);
  else
    cycle = g_strdup_printf ("%" G_GUINT64_FORMAT, parts[0] + 1);
  return info_new ("macos", cycle, NULL, text->tokens[v]);
}

static OmOsInfo *
parse_android (const Text *text, int at)
{
  guint64 parts[4];
  guint n = 0;
  int v;
  g_autofree char *cycle = NULL;

  if (text_has (text, "12l"))
    return info_new ("android", "12.1", NULL, "12L");
  v = find_version (text, at + 1, parts, &n);
  if (v < 0)
    return info_new ("android", NULL, NULL, NULL);
  if (parts[0] == 12 && ((n > 1 && parts[1] == 1)
                         || ((guint) v + 1 < text->n_tokens && g_str_equal (text->tokens[v + 1], "l"))))
    cycle = g_strdup ("12.1");
  else if (parts[0] >= 9)
    cycle = major_only (parts);
  else
    cycle = major_minor (parts, n);
  return info_new ("android", cycle, NULL, text->tokens[v]);
}

/* DSM and QTS: cycles are "major.minor", grouped by major. */
static OmOsInfo *
parse_nas (const Text *text, int at, const char *product)
{
  guint64 parts[4];
  guint n = 0;
  int v = find_version (text, at + 1, parts, &n);
  g_autofree char *cycle = NULL;
  g_autofree char *group = NULL;

  if (v < 0)
    return info_new (product, NULL, NULL, NULL);
  group = major_only (parts);
  if (n < 2)
    return info_new (product, NULL, group, text->tokens[v]);
  cycle = major_minor (parts, n);
  return info_new (product, cycle, group, text->tokens[v]);
}

static OmOsInfo *
parse_ubuntu (const Text *text, int at)
{
  guint64 parts[4];
  guint n = 0;
  int v = find_version (text, at + 1, parts, &n);
  g_autofree char *cycle = NULL;

  if (v >= 0 && n >= 2)
    {
      cycle = g_strdup_printf ("%" G_GUINT64_FORMAT ".%02" G_GUINT64_FORMAT, parts[0], parts[1]);
      return info_new ("ubuntu", cycle, NULL, text->tokens[v]);
    }
  for (guint i = 0; i < text->n_tokens; i++)
    {
      const char *c = lookup_alias (ubuntu_codenames, text->tokens[i]);
      if (c != NULL)
        return info_new ("ubuntu", c, NULL, c);
    }
  return info_new ("ubuntu", NULL, NULL, NULL);
}

static OmOsInfo *
parse_debian (const Text *text, int at)
{
  guint64 parts[4];
  guint n = 0;
  int v = find_version (text, at + 1, parts, &n);

  if (v >= 0 && parts[0] >= 4 && parts[0] < 100)
    {
      g_autofree char *cycle = major_only (parts);
      return info_new ("debian", cycle, NULL, text->tokens[v]);
    }
  for (guint i = 0; i < text->n_tokens; i++)
    {
      const char *c = lookup_alias (debian_codenames, text->tokens[i]);
      if (c != NULL)
        return info_new ("debian", c, NULL, text->tokens[i]);
    }
  return info_new ("debian", NULL, NULL, NULL);
}

/* Network equipment runs "IOS" too; Apple's iOS is never reported next to these. */
static gboolean
is_network_ios (const Text *text)
{
  return text_has (text, "cisco") || text_has (text, "xe") || text_has (text, "xr")
         || text_has (text, "nx") || text_has_phrase (text, "ios software");
}

static OmOsInfo *
parse_text (const Text *text, gboolean server_hint)
{
  int at;

  if (text->n_tokens == 0)
    return NULL;

  if ((at = text_find (text, "ipados")) >= 0)
    return parse_simple_major (text, at, "ipados");
  if (((at = text_find (text, "ios")) >= 0 || (at = text_find (text, "iphone")) >= 0)
      && !is_network_ios (text))
    return parse_simple_major (text, at, "ios");
  if ((at = text_find (text, "android")) >= 0)
    return parse_android (text, at);
  if ((at = text_find (text, "dsm")) >= 0 || (at = text_find (text, "synology")) >= 0)
    {
      if (text_has (text, "srm"))
        return NULL;
      return parse_nas (text, at, "synology-dsm");
    }
  if ((at = text_find (text, "quts")) >= 0)
    return parse_nas (text, at, "qnap-quts-hero");
  if ((at = text_find (text, "qts")) >= 0 || (at = text_find (text, "qnap")) >= 0)
    return parse_nas (text, at, "qnap-qts");
  if ((at = text_find (text, "ubuntu")) >= 0)
    return parse_ubuntu (text, at);
  if ((at = text_find (text, "debian")) >= 0 || (at = text_find (text, "raspbian")) >= 0)
    return parse_debian (text, at);
  if ((at = text_find (text, "centos")) >= 0)
    return parse_simple_major (text, at, text_has (text, "stream") ? "centos-stream" : "centos");
  if ((at = text_find (text, "rocky")) >= 0)
    return parse_simple_major (text, at, "rocky");
  if ((at = text_find (text, "almalinux")) >= 0 || (at = text_find (text, "alma")) >= 0)
    return parse_simple_major (text, at, "almalinux");
  if ((at = text_find (text, "rhel")) >= 0 || (at = text_find (text, "redhat")) >= 0)
    return parse_simple_major (text, at, "rhel");
  if (text_has_phrase (text, "red hat") && (at = text_find (text, "hat")) >= 0)
    return parse_simple_major (text, at, "rhel");
  if ((at = text_find (text, "windows")) >= 0 || (at = text_find (text, "win")) >= 0)
    return parse_windows (text, at, server_hint);
  if ((at = text_find (text, "macos")) >= 0 || (at = text_find (text, "osx")) >= 0
      || (at = text_find (text, "mac")) >= 0)
    return parse_macos (text, at);
  if (text_has_phrase (text, "os x") && (at = text_find (text, "x")) >= 0)
    return parse_macos (text, at);
  if ((at = text_find (text, "darwin")) >= 0)
    return parse_darwin (text, at);

  /* A bare Windows version such as "10.0.19045" or "6.1.7601". */
  {
    g_autofree char *version = NULL;
    guint64 parts[4];

    if (text->n_tokens <= 2 && parse_version (text->tokens[0], parts) >= 3
        && find_windows_build (text, 0, &version) != 0)
      return parse_windows (text, 0, server_hint);
  }

  return NULL;
}

OmOsInfo *
om_os_info_parse_full (const char *text, gboolean server_hint)
{
  Text t = { 0 };
  OmOsInfo *info;

  if (text == NULL || *text == '\0')
    return NULL;
  text_init (&t, text);
  info = parse_text (&t, server_hint);
  text_clear (&t);
  return info;
}

OmOsInfo *
om_os_info_parse (const char *text)
{
  return om_os_info_parse_full (text, FALSE);
}

static gboolean
info_is_complete (const OmOsInfo *info)
{
  return info != NULL && info->cycle != NULL;
}

OmOsInfo *
om_os_info_parse_fields (const char *family,
                         const char *name,
                         const char *version,
                         const char *build,
                         const char *edition,
                         gboolean    server_hint)
{
  g_autoptr(OmOsInfo) from_name = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  OmOsInfo *info;

  from_name = om_os_info_parse_full (name, server_hint);
  if (info_is_complete (from_name)
      && (from_name->edition != OM_OS_EDITION_UNKNOWN || edition == NULL || *edition == '\0'))
    return g_steal_pointer (&from_name);

  /* Put everything together: "windows" + "Windows 10 Pro" + "10.0.19045" + "Enterprise". */
  for (guint i = 0; i < 5; i++)
    {
      const char *field = (const char *[]) { family, name, version, edition, build }[i];

      if (field != NULL && *field != '\0')
        {
          if (joined->len > 0)
            g_string_append_c (joined, ' ');
          g_string_append_len (joined, field, MIN (strlen (field), 128));
        }
    }
  /* A bare build ("19045") in the build field still needs the Windows context. */
  if (build != NULL && *build != '\0' && family != NULL && g_ascii_strncasecmp (family, "win", 3) == 0
      && strchr (build, '.') == NULL)
    g_string_append_printf (joined, " 10.0.%.16s", build);

  info = om_os_info_parse_full (joined->str, server_hint);
  if (info == NULL)
    return g_steal_pointer (&from_name);
  if (from_name != NULL && !info_is_complete (info) && g_strcmp0 (info->product, from_name->product) != 0)
    {
      om_os_info_free (info);
      return g_steal_pointer (&from_name);
    }
  return info;
}

OmOsInfo *
om_os_info_copy (const OmOsInfo *info)
{
  OmOsInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (OmOsInfo, 1);
  copy->product = g_strdup (info->product);
  copy->cycle = g_strdup (info->cycle);
  copy->group = g_strdup (info->group);
  copy->edition = info->edition;
  copy->version = g_strdup (info->version);
  copy->build = info->build;
  copy->build_ambiguous = info->build_ambiguous;
  return copy;
}

void
om_os_info_free (OmOsInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->product);
  g_free (info->cycle);
  g_free (info->group);
  g_free (info->version);
  g_free (info);
}

static const char * const edition_ids[] = {
  "unknown", "consumer", "enterprise", "ltsc", "iot-ltsc",
};
G_STATIC_ASSERT (G_N_ELEMENTS (edition_ids) == OM_N_OS_EDITIONS);

const char *
om_os_edition_to_string (OmOsEdition edition)
{
  g_return_val_if_fail (edition < OM_N_OS_EDITIONS, "unknown");
  return edition_ids[edition];
}

gboolean
om_os_edition_from_string (const char *str, OmOsEdition *out)
{
  for (guint i = 0; i < OM_N_OS_EDITIONS; i++)
    if (g_strcmp0 (str, edition_ids[i]) == 0)
      {
        if (out != NULL)
          *out = (OmOsEdition) i;
        return TRUE;
      }
  return FALSE;
}

const char *
om_os_edition_to_label (OmOsEdition edition)
{
  switch (edition)
    {
    case OM_OS_EDITION_CONSUMER:
      return _("Home/Pro");
    case OM_OS_EDITION_ENTERPRISE:
      return _("Enterprise/Education");
    case OM_OS_EDITION_LTSC:
      return _("Enterprise LTSC");
    case OM_OS_EDITION_IOT_LTSC:
      return _("IoT Enterprise LTSC");
    case OM_OS_EDITION_UNKNOWN:
    case OM_N_OS_EDITIONS:
    default:
      return _("Edition not recorded");
    }
}

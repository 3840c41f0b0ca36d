/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "om-application.h"
#include "om-paths.h"

int
main (int argc, char **argv)
{
  g_autoptr(OmApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, om_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = om_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 */
#define G_LOG_DOMAIN "om-application"

#include "config.h"

#include <glib/gi18n.h>

#include "om-application.h"

struct _OmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (OmApplication, om_application, ADW_TYPE_APPLICATION)

static int
om_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("omamori %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
om_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Omamori"));
    }
  gtk_window_present (window);
}

static void
om_application_class_init (OmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = om_application_activate;
  app_class->handle_local_options = om_application_handle_local_options;
}

static void
om_application_init (OmApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

OmApplication *
om_application_new (void)
{
  return g_object_new (OM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

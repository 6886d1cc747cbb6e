/* sm-application.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-application.h"
#include "sm-window.h"

struct _SmApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SmApplication, sm_application, GTK_TYPE_APPLICATION)

static void
sm_application_activate (GApplication *app)
{
  GtkWindow *window = sm_window_new (SM_APPLICATION (app), NULL);

  gtk_window_present (window);
}

/* One window per map. */
static void
sm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    gtk_window_present (sm_window_new (SM_APPLICATION (app), files[i]));
}

static void
sm_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
sm_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *authors[] = { _("The Stakemap developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Stakemap"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Map stakeholders and power for co-production"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", sm_application_quit_action },
  { "about", sm_application_about_action },
};

static void
sm_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (sm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
sm_application_class_init (SmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sm_application_activate;
  app_class->open = sm_application_open;
  app_class->startup = sm_application_startup;
}

static void
sm_application_init (SmApplication *self)
{
}

SmApplication *
sm_application_new (void)
{
  return g_object_new (SM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/* test-locale.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sm-application-private.h"
#include "sm-window-private.h"
#include "sm-ui-test-utils.h"

/* The app in Welsh or in French, as a facilitator whose desktop speaks
 * it meets it: the main menu and the evaluation's cards in that language,
 * from the catalogues the build made. Run as `test-ui-locale LANG
 * LOCALE`, e.g. `cy cy_GB`. */

static SmApplication *app;
static char          *language;

/* Whether @widget or a widget inside it shows @text. */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_locale_menu_and_cards (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (example);
  GMenuModel      *menu;
  g_autofree char *first = NULL;
  SmWindow        *window;
  GtkWidget       *panel;
  const char      *sharing = g_dgettext (GETTEXT_PACKAGE, "Sharing power");

  window = SM_WINDOW (sm_application_open_file (app, file, NULL));
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();

  /* The catalogue was found and read. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_New Map"), !=, "_New Map");
  g_assert_cmpstr (sharing, !=, "Sharing power");

  /* The main menu, as the window shows it. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (find_primary_menu_button (GTK_WIDGET (window))));
  g_assert_nonnull (menu);
  {
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

    g_assert_nonnull (section);
    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &first));
  }
  g_test_message ("%s: the first menu item is “%s”", language, first);
  g_assert_cmpstr (first, ==, g_dgettext (GETTEXT_PACKAGE, "_New Map"));

  /* The evaluation's cards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", "evaluation"));
  panel = sm_window_get_evaluation_panel (window);
  for (int i = 0; i < 300 && !shows (panel, sharing); i++)
    sm_test_wait_for_idle ();
  g_assert_true (shows (panel, sharing));
  g_assert_false (shows (panel, "Sharing power"));
  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("stakemap-ui-locale-XXXXXX", NULL);
  g_autofree char *locpath = g_build_filename (scratch, "locales", NULL);
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;
  const char      *argv_localedef[7];
  int              wait_status = 0;
  int              status;

  if (argc < 3)
    {
      g_printerr ("usage: %s LANGUAGE LOCALE (e.g. cy cy_GB)\n", argv[0]);
      return 2;
    }
  language = argv[1];
  name = g_strdup_printf ("%s.UTF-8", argv[2]);
  target = g_build_filename (locpath, name, NULL);

  /* No locale but C may be installed: make the one needed, as a
   * facilitator's system has it. */
  g_mkdir_with_parents (locpath, 0700);
  argv_localedef[0] = "localedef";
  argv_localedef[1] = "-i";
  argv_localedef[2] = argv[2];
  argv_localedef[3] = "-f";
  argv_localedef[4] = "UTF-8";
  argv_localedef[5] = target;
  argv_localedef[6] = NULL;
  if (!g_spawn_sync (NULL, (char **) argv_localedef, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, NULL) ||
      !g_file_test (target, G_FILE_TEST_IS_DIR))
    {
      g_print ("1..0 # SKIP localedef could not make %s\n", name);
      return 77;
    }
  g_setenv ("LOCPATH", locpath, TRUE);
  g_setenv ("LC_ALL", name, TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  {
    g_autofree char *state = g_build_filename (scratch, "state", NULL);
    g_autofree char *data = g_build_filename (scratch, "data", NULL);

    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  argc = 1;
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, SM_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/locale/menu-and-cards", test_locale_menu_and_cards);
  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

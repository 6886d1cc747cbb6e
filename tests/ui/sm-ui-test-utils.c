/* sm-ui-test-utils.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sm-ui-test-utils.h"

#include "sm-canvas-private.h"
#include "sm-format.h"

/* Runs whatever is pending, a few rounds over, so idles that queue more
 * idles finish too. */
void
sm_test_spin (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

/* Lets GTK lay out and run idles for a tenth of a second, as a user would
 * wait. */
void
sm_test_wait_for_idle (void)
{
  gint64 end = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Turns the main loop until @widget shows, or 10 s have passed (a file
 * monitor gathers events for a moment before it tells). */
void
sm_test_wait_until_visible (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add (10000, timed_out_cb, &timed_out);

  while (!gtk_widget_get_visible (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}

/* Closes every window the test opened. */
void
sm_test_close_all (void)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  sm_test_spin ();
}

/* The first widget under @widget, itself included, with the CSS class. */
GtkWidget *
sm_test_find_by_css_class (GtkWidget  *widget,
                           const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sm_test_find_by_css_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
canvas_allocated (SmCanvas *canvas)
{
  return gtk_widget_get_mapped (GTK_WIDGET (canvas)) && gtk_widget_get_width (GTK_WIDGET (canvas)) > 0;
}

void
sm_test_settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

void
sm_test_canvas_fixture_set_up (SmCanvasFixture *fixture,
                               const char      *json,
                               const char      *version)
{
  g_autoptr(GString) text = g_string_new (json);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (version != NULL)
    g_string_replace (text, "\"version\":1", version, 1);
  bytes = g_bytes_new (text->str, text->len);
  fixture->map = sm_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  fixture->document = sm_document_new (fixture->map, NULL);
  fixture->history = sm_document_get_history (fixture->document);
  fixture->selection = sm_document_get_selection (fixture->document);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  fixture->canvas = SM_CANVAS (sm_canvas_new (fixture->document));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->canvas));
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!canvas_allocated (fixture->canvas))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  sm_test_settle ();
  _sm_canvas_set_view (fixture->canvas, 1.0, -200, -150);
  sm_test_settle ();
  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));
}

void
sm_test_canvas_fixture_tear_down (SmCanvasFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sm_test_settle ();
  g_assert_finalize_object (fixture->document);
  g_assert_finalize_object (fixture->map);
}

/* The application a suite opens its windows with, registered and held,
 * its recent files and recovery copies in a scratch folder of its own
 * (returned in @scratch), away from the user's. Call after g_test_init(). */
SmApplication *
sm_test_application_new (const char *name,
                         char      **scratch)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);
  g_autofree char *state = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  SmApplication *app;

  *scratch = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  state = g_build_filename (*scratch, "state", NULL);
  data = g_build_filename (*scratch, "data", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  app = sm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return app;
}

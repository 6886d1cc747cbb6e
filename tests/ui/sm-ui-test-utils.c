/* sm-ui-test-utils.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sm-ui-test-utils.h"

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

/* sm-window-tidy.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-canvas.h"
#include "sm-window-private.h"
#include "sm-window-tidy.h"

/* Tidy Up of a map of thousands (an import from Gephi, a city's register)
 * takes seconds. It runs on a worker thread on a copy of the map, so the
 * window stays usable: the group can pan, zoom, select and read while it
 * runs, and edit too, but an edit makes the result stale, so it is then
 * dropped and a toast says so (a picture laid out for a map that has
 * since changed would put people where nobody asked). After half a
 * second a bar above the map says how far it is and offers Cancel, as
 * for a report being made (a toast would have to be dismissed when Tidy
 * Up ends, see _sm_window_add_toast()); the result is one step on the
 * history. */

#define TIDY_POLL_MS 100
#define TIDY_BAR_AFTER_US (G_USEC_PER_SEC / 2)

static guint  n_workers; /* on the main thread: started, result not handled */
static gint64 bar_after = TIDY_BAR_AFTER_US;

/* What the worker reads and writes. It reads @map only through
 * sm_map_copy_full(), which is safe while the window edits it. */
typedef struct
{
  SmMap       *map;
  guint        n;
  gboolean    *pinned; /* by the map's order when asked */
  gboolean     whole;  /* nobody pinned: everyone moves */
  SmLayoutBox *boxes;
  SmProgress  *progress;
  double      *x, *y; /* the result */
} TidyJob;

/* The window's side, on the main thread. */
typedef struct
{
  SmMap        *map; /* the window's when asked */
  gulong        changed_id;
  gboolean      changed;
  GCancellable *cancellable;
  SmProgress   *progress;
  SmWindow     *window; /* not a reference: this lives on the window */
  gint64        started;
  guint         poll;
} Tidy;

static void
tidy_job_free (gpointer data)
{
  TidyJob *job = data;

  g_clear_object (&job->map);
  g_clear_object (&job->progress);
  g_free (job->pinned);
  g_free (job->boxes);
  g_free (job->x);
  g_free (job->y);
  g_free (job);
}

/* Forgets the run (with the window, or when it ends): a result still to
 * come is dropped, as its cancellable is no longer the window's. */
static void
tidy_free (gpointer data)
{
  Tidy *tidy = data;

  if (tidy->cancellable != NULL)
    g_cancellable_cancel (tidy->cancellable);
  g_clear_object (&tidy->cancellable);
  g_clear_object (&tidy->progress);
  g_clear_handle_id (&tidy->poll, g_source_remove);
  g_clear_signal_handler (&tidy->changed_id, tidy->map);
  g_clear_object (&tidy->map);
  g_free (tidy);
}

#define TIDY_KEY "sm-window-tidy"

static Tidy *
get_tidy (SmWindow *self)
{
  return g_object_get_data (G_OBJECT (self), TIDY_KEY);
}

/* Takes down the bar and forgets the run. */
static void
tidy_end (SmWindow *self)
{
  _sm_window_hide_work_bar (self, self->tidy_bar);
  g_object_set_data (G_OBJECT (self), TIDY_KEY, NULL);
}

static void
map_changed_cb (SmMap *map,
                Tidy  *tidy)
{

  tidy->changed = TRUE;
}

static void
tidy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TidyJob *job = task_data;
  g_autoptr(SmMap) copy = NULL;
  g_autoptr(GHashTable) pinned = g_hash_table_new (NULL, NULL);
  SmCollection *people;
  GError       *error = NULL;

  sm_progress_update (job->progress, 0.0, NULL);
  copy = sm_map_copy_full (job->map, cancellable, &error);
  if (copy == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  people = sm_map_get_stakeholders (copy);
  /* Edited between the click and the copy: the result would be stale. */
  if (sm_collection_get_size (people) != job->n)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "changed");
      return;
    }
  for (guint i = 0; i < job->n; i++)
    if (job->pinned[i])
      g_hash_table_add (pinned, sm_collection_get (people, i));
  job->x = g_new (double, MAX (job->n, 1));
  job->y = g_new (double, MAX (job->n, 1));
  if (!sm_layout_tidy_full (copy, pinned, job->boxes, cancellable, job->progress, job->x, job->y))
    {
      g_clear_pointer (&job->x, g_free);
      g_clear_pointer (&job->y, g_free);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* On the main thread. The task holds only a weak reference on the window:
 * a window closed in the middle goes away (and cancels the run). */
static void
tidy_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SmWindow) self = g_weak_ref_get (user_data);
  TidyJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Tidy    *tidy;
  gboolean changed;
  SmMap   *map;

  weak_ref_free (user_data);
  n_workers--;
  /* The window's map is let go here, on its own thread. */
  g_clear_object (&job->map);
  if (self == NULL)
    return;
  tidy = get_tidy (self);
  if (tidy == NULL || g_task_get_cancellable (G_TASK (result)) != tidy->cancellable)
    return; /* cancelled */
  map = sm_document_get_map (self->document);
  changed = tidy->changed || map != tidy->map;
  /* Before the run is forgotten, which cancels it. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    changed = changed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  tidy_end (self);
  if (changed || sm_collection_get_size (sm_map_get_stakeholders (map)) != job->n)
    {
      sm_window_show_toast (self, _ ("The map changed while Tidy Up ran, so nobody was moved"));
      return;
    }
  if (error != NULL)
    {
      sm_window_show_error (self, _ ("Could Not Tidy Up"), error->message);
      return;
    }
  if (job->x != NULL)
    {
      SmCommand *command = sm_layout_tidy_command_new_for (map, job->x, job->y);

      if (command != NULL)
        {
          sm_document_push (self->document, command);
          /* The whole map moved: show all of it where it now is. */
          if (job->whole)
            sm_canvas_zoom_to_fit (SM_CANVAS (self->canvas));
        }
    }
  _sm_window_update_actions (self);
}

static gboolean
tidy_poll_cb (gpointer user_data)
{
  Tidy            *tidy = user_data;
  g_autofree char *text = NULL;
  int              percent;

  if (g_get_monotonic_time () - tidy->started < bar_after || tidy->window->tidy_bar == NULL)
    return G_SOURCE_CONTINUE;
  percent = (int) (100 * sm_progress_get_fraction (tidy->progress));
  /* Translators: above the map while Tidy Up runs; %d is how far it is,
   * in percent (the %% is the percent sign) */
  text = g_strdup_printf (_ ("Tidying up… %d %%"), percent);
  gtk_label_set_label (GTK_LABEL (tidy->window->tidy_label), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (tidy->window->tidy_bar_progress), percent / 100.0);
  gtk_widget_set_visible (tidy->window->tidy_bar, TRUE);
  return G_SOURCE_CONTINUE;
}

void
_sm_window_tidy_in_background (SmWindow    *self,
                               GHashTable  *pinned,
                               SmLayoutBox *boxes)
{
  SmMap        *map = sm_document_get_map (self->document);
  SmCollection *people = sm_map_get_stakeholders (map);
  g_autoptr(GTask) task = NULL;
  TidyJob  *job;
  Tidy     *tidy;
  GWeakRef *ref;

  if (get_tidy (self) != NULL)
    {
      g_free (boxes);
      return;
    }

  job = g_new0 (TidyJob, 1);
  job->map = g_object_ref (map);
  job->n = sm_collection_get_size (people);
  job->pinned = g_new0 (gboolean, MAX (job->n, 1));
  for (guint i = 0; i < job->n; i++)
    job->pinned[i] = pinned != NULL && g_hash_table_contains (pinned, sm_collection_get (people, i));
  job->whole = pinned == NULL || g_hash_table_size (pinned) == 0;
  job->boxes = boxes;
  job->progress = sm_progress_new ();

  tidy = g_new0 (Tidy, 1);
  tidy->map = g_object_ref (map);
  tidy->changed_id = g_signal_connect (map, "changed", G_CALLBACK (map_changed_cb), tidy);
  tidy->cancellable = g_cancellable_new ();
  tidy->progress = g_object_ref (job->progress);
  tidy->window = self;
  tidy->started = g_get_monotonic_time ();
  tidy->poll = g_timeout_add (TIDY_POLL_MS, tidy_poll_cb, tidy);
  g_object_set_data_full (G_OBJECT (self), TIDY_KEY, tidy, tidy_free);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, tidy->cancellable, tidy_done_cb, ref);
  g_task_set_source_tag (task, _sm_window_tidy_in_background);
  g_task_set_name (task, "[stakemap] tidy up");
  g_task_set_task_data (task, job, tidy_job_free);
  n_workers++;
  g_task_run_in_thread (task, tidy_thread);
}

void
_sm_window_tidy_cancel (SmWindow *self)
{
  Tidy *tidy = get_tidy (self);

  if (tidy == NULL)
    return;
  /* Nothing moved. */
  tidy_end (self);
}

gboolean
_sm_window_test_get_tidying (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);
  return get_tidy (self) != NULL;
}

GtkWidget *
_sm_window_test_get_tidy_bar (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->tidy_bar;
}

void
_sm_window_test_set_tidy_bar_delay (gint64 usec)
{
  bar_after = usec;
}

guint
_sm_window_test_get_tidy_workers (void)
{
  return n_workers;
}

/* sm-window.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-arrangement.h"
#include "sm-autosave.h"
#include "sm-canvas.h"
#include "sm-evaluation-panel.h"
#include "sm-file-writer.h"
#include "sm-inspector.h"
#include "sm-layout.h"
#include "sm-legend-dock.h"
#include "sm-map-panel.h"
#include "sm-preferences.h"
#include "sm-report.h"
#include "sm-table-view.h"
#include "sm-window-private.h"

/* One window per map: the canvas and the tables in the middle, the
 * inspector and the map's own details at the side. The window owns the
 * file side of things: saving, closing with unsaved changes, the recovery
 * copy, the read-only notice. */

G_DEFINE_FINAL_TYPE (SmWindow, sm_window, ADW_TYPE_APPLICATION_WINDOW)

static void ask_about_change_on_disk (SmWindow *self,
                                      gboolean  then_close);

/* Title and state */

static void
update_title (SmWindow *self)
{
  g_autofree char *title = sm_document_dup_display_title (self->document);
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;
  GFile           *file = sm_document_get_file (self->document);
  gboolean         modified = sm_document_get_modified (self->document);

  /* A dot before the title marks unsaved changes, as GNOME's editors do. */
  shown = modified ? g_strdup_printf ("• %s", title) : g_strdup (title);
  if (sm_document_get_read_only (self->document))
    subtitle = g_strdup (_ ("Read Only"));
  else if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      subtitle = parent != NULL ? g_file_get_parse_name (parent) : g_file_get_parse_name (file);
    }
  else
    subtitle = g_strdup (_ ("Not Saved"));

  gtk_window_set_title (GTK_WINDOW (self), shown);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), shown);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), subtitle);
}

static void
update_zoom_label (SmWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", 100 * sm_canvas_get_zoom (SM_CANVAS (self->canvas)));

  gtk_button_set_label (GTK_BUTTON (self->zoom_label), text);
}

/* Saving and closing */

static gboolean
save_to (SmWindow *self,
         GFile    *file,
         gboolean  then_close)
{
  g_autoptr(GError) error = NULL;

  if (!sm_document_save (self->document, file, NULL, &error))
    {
      if (g_error_matches (error, SM_FILE_ERROR, SM_FILE_ERROR_CHANGED))
        {
          ask_about_change_on_disk (self, then_close);
          return FALSE;
        }

      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Save “%s”"), name);

      sm_window_show_error (self, heading, error->message);
      return FALSE;
    }

  {
    g_autofree char *uri = g_file_get_uri (file);
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  if (self->autosave != NULL)
    sm_autosave_discard (self->autosave);
  return TRUE;
}

static void
finish_close (SmWindow *self)
{
  self->close_confirmed = TRUE;
  if (self->autosave != NULL)
    sm_autosave_discard (self->autosave);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
finish_close_cb (gpointer user_data)
{
  finish_close (user_data);
  return G_SOURCE_REMOVE;
}

/* What a Save As dialog was opened for, until it answers. */
typedef struct
{
  SmWindow *window;
  gboolean  then_close;
} SaveAsRequest;

static void
save_as_request_free (gpointer  data,
                      GClosure *closure)
{
  g_free (data);
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SaveAsRequest   *request)
{
  SmWindow *self = request->window;
  gboolean  then_close = request->then_close;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (chosen);
      g_autoptr(GFile) file = NULL;

      /* People type a name; the file still needs its extension to open
       * by double-click. */
      if (g_str_has_suffix (name, ".stakemap"))
        file = g_object_ref (chosen);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *full = g_strconcat (name, ".stakemap", NULL);
          file = g_file_get_child (parent, full);
        }
      if (save_to (self, file, then_close) && then_close)
        finish_close (self);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_sm_window_save_as (SmWindow *self,
                    gboolean  then_close)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = sm_document_dup_display_title (self->document);
  g_autofree char *name = NULL;
  GFile           *file = sm_document_get_file (self->document);
  SaveAsRequest   *request;

  dialog = gtk_file_chooser_native_new (_ ("Save Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _ ("Stakemap Maps"));
  gtk_file_filter_add_pattern (filter, "*.stakemap");
  gtk_file_filter_add_mime_type (filter, "application/x-stakemap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  if (file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL);
  else
    {
      name = g_str_has_suffix (title, ".stakemap") ? g_strdup (title) : g_strconcat (title, ".stakemap", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  request = g_new0 (SaveAsRequest, 1);
  request->window = self;
  request->then_close = then_close;
  g_signal_connect_data (dialog, "response", G_CALLBACK (save_as_response_cb), request,
                         save_as_request_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The evaluation report */

/* A report of a big map takes minutes (mostly its evaluation). It is made
 * on a worker thread from a copy of the map, so the window stays usable
 * and editing goes on; the report is of the map as it was when asked for.
 * After half a second a bar says how far it is, with a Cancel button. */

#define REPORT_PROGRESS_AFTER_US (G_USEC_PER_SEC / 2)

typedef struct
{
  SmMap          *map; /* the window's: only sm_map_copy_full() reads it */
  SmReportOptions options;
  GFile          *file;
  SmProgress     *progress;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_clear_object (&job->map);
  g_clear_object (&job->file);
  g_clear_object (&job->progress);
  g_free (job);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(SmMap) snapshot = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  /* Copied here, not on the main thread: seconds on a big map. */
  sm_progress_update (job->progress, 0.0, _ ("Reading the map…"));
  snapshot = sm_map_copy_full (job->map, cancellable, &error);
  if (snapshot != NULL)
    bytes = sm_report_make_full (snapshot, &job->options, cancellable, job->progress, &error);
  g_clear_object (&snapshot);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Written only once whole, and safely: a cancelled or failed export
   * leaves any earlier file as it was. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !sm_file_write_bytes (job->file, bytes, SM_FILE_WRITE_NONE, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Hides the bar of work in the background (a report, Tidy Up); when its
 * Cancel button had the keyboard, the keys go back to the map. */
void
_sm_window_hide_work_bar (SmWindow  *self,
                          GtkWidget *bar)
{
  GtkWidget *focus;

  if (bar == NULL)
    return;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && gtk_widget_is_ancestor (focus, bar))
    gtk_widget_grab_focus (self->canvas);
  gtk_widget_set_visible (bar, FALSE);
}

static void
report_finished (SmWindow *self)
{
  g_clear_object (&self->report_cancellable);
  g_clear_object (&self->report_progress);
  g_clear_pointer (&self->report_name, g_free);
  g_clear_handle_id (&self->report_poll, g_source_remove);
  _sm_window_hide_work_bar (self, self->report_bar);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* On the main thread. The task holds only a weak reference on the window,
 * so a window closed in the middle goes away at once (its dispose cancels
 * the work) and the result is dropped here. */
static void
report_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SmWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  weak_ref_free (user_data);
  /* The window's map is let go here, on its own thread. */
  g_clear_object (&((ReportJob *) g_task_get_task_data (G_TASK (result)))->map);
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->report_cancellable)
    return; /* closed, or cancelled (and another one may be running) */
  name = g_strdup (self->report_name);
  report_finished (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      heading = g_strdup_printf (_ ("Could Not Export “%s”"), name);
      sm_window_show_error (self, heading, error->message);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_ ("Report exported as “%s”"), name);
    sm_window_show_toast (self, text);
  }
}

static gboolean
report_poll_cb (gpointer user_data)
{
  SmWindow        *self = user_data;
  g_autofree char *stage = NULL;
  g_autofree char *text = NULL;

  if (self->report_progress == NULL)
    {
      self->report_poll = 0;
      return G_SOURCE_REMOVE;
    }
  if (g_get_monotonic_time () - self->report_started < REPORT_PROGRESS_AFTER_US)
    return G_SOURCE_CONTINUE;
  stage = sm_progress_dup_stage (self->report_progress);
  /* TRANSLATORS: the file name, then what is being done ("Measuring the network…") */
  text = g_strdup_printf (_ ("Exporting “%s”: %s"), self->report_name,
                          stage != NULL ? stage : _ ("Making the report…"));
  gtk_label_set_label (GTK_LABEL (self->report_label), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->report_bar_progress),
                                 sm_progress_get_fraction (self->report_progress));
  gtk_widget_set_visible (self->report_bar, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
report_cancel_clicked_cb (SmWindow *self)
{
  if (self->report_cancellable != NULL)
    g_cancellable_cancel (self->report_cancellable);
  report_finished (self);
  sm_window_show_toast (self, _ ("Report export cancelled"));
}

/**
 * sm_window_export_report:
 * @file: the PDF or HTML file to write, told apart by its name
 * @style: the full, plain-language or easy-read version
 *
 * Starts writing the evaluation report of the map, with the thresholds it
 * keeps and the lens the evaluation panel shows, in the background; tells
 * the user how it went when it is done. A report still being made is
 * cancelled: the last one asked for is the one written.
 *
 * Returns: %FALSE when the report cannot be written there at all (the
 *   user has been told)
 */
gboolean
sm_window_export_report (SmWindow     *self,
                         GFile        *file,
                         SmReportStyle style)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GTask) task = NULL;
  ReportJob *job;

  job = g_new0 (ReportJob, 1);
  job->options.lens = sm_evaluation_panel_get_lens (SM_EVALUATION_PANEL (self->evaluation));
  job->options.style = style;
  /* Organisations only in Preferences: a report for a public paper too. */
  if (sm_preferences_get_export_names () == SM_EXPORT_NAMES_NONE)
    job->options.names = SM_PUBLIC_NAMES_HIDE_PEOPLE;
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _ ("Reports can only be written to a local folder."));
  else if (!sm_report_format_for_path (path, &job->options.format))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                 _ ("A report is written as a PDF document (.pdf) or a web page (.html)."));
  if (error != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Export “%s”"), name);

      report_job_free (job);
      sm_window_show_error (self, heading, error->message);
      return FALSE;
    }

  if (self->report_cancellable != NULL)
    g_cancellable_cancel (self->report_cancellable);
  report_finished (self);

  /* The worker copies the map and reads only the copy; the window goes on
   * editing the map (sm_map_copy_full). */
  job->map = g_object_ref (sm_document_get_map (self->document));
  job->file = g_object_ref (file);
  job->progress = sm_progress_new ();

  self->report_cancellable = g_cancellable_new ();
  self->report_progress = g_object_ref (job->progress);
  self->report_name = g_steal_pointer (&name);
  self->report_started = g_get_monotonic_time ();
  self->report_poll = g_timeout_add (100, report_poll_cb, self);

  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    task = g_task_new (NULL, self->report_cancellable, report_done_cb, ref);
  }
  g_task_set_source_tag (task, sm_window_export_report);
  g_task_set_name (task, "[stakemap] report");
  g_task_set_task_data (task, job, report_job_free);
  g_task_run_in_thread (task, report_thread);
  return TRUE;
}

/* Test hooks: TRUE while a report is being made; the bar that shows a
 * report being made, and its button. */
gboolean
_sm_window_test_get_exporting (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);
  return self->report_cancellable != NULL;
}

GtkWidget *
_sm_window_test_get_report_bar (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->report_bar;
}

GtkWidget *
_sm_window_test_get_report_cancel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->report_cancel;
}

void
_sm_window_save (SmWindow *self,
                 gboolean  then_close)
{
  GFile *file = sm_document_get_file (self->document);

  if (file == NULL)
    _sm_window_save_as (self, then_close);
  else if (save_to (self, file, then_close) && then_close)
    finish_close (self);
}

/* Changes on disk
 *
 * Another program (a sync client, git, a colleague's copy dropped over
 * this one) may change the open file. The window watches it and says so;
 * saving never overwrites such a change. The user reloads the other
 * version, or keeps theirs, which is saved as a copy beside it. */

static void
update_changed_bar (SmWindow *self)
{
  if (self->document == NULL)
    return;
  gtk_widget_set_visible (self->changed_bar, sm_document_get_changed_on_disk (self->document));
}

static void
file_changed_cb (GFileMonitor     *monitor,
                 GFile            *file,
                 GFile            *other,
                 GFileMonitorEvent event,
                 SmWindow         *self)
{
  update_changed_bar (self);
}

static void
unwatch_file (SmWindow *self)
{
  if (self->monitor == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
}

static void
watch_file (SmWindow *self)
{
  GFile *file = sm_document_get_file (self->document);

  unwatch_file (self);
  if (file != NULL)
    {
      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->monitor != NULL)
        g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed_cb), self);
    }
  update_changed_bar (self);
}

/* "map.stakemap" → "map (my version 2026-12-03 09.30).stakemap", beside it,
 * a name not yet taken. */
static GFile *
conflict_copy_for (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H.%M");
  const char      *dot = strrchr (base, '.');
  g_autofree char *stem = NULL;
  const char      *extension = "";

  if (dot != NULL && dot != base)
    {
      stem = g_strndup (base, dot - base);
      extension = dot;
    }
  else
    stem = g_strdup (base);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GFile) copy = NULL;

      /* Translators: the name of the copy kept when another program
       * changed the file: the file's name, then the date and time. */
      label = n == 1 ? g_strdup_printf (_ ("%s (my version %s)"), stem, when)
                     : g_strdup_printf (_ ("%s (my version %s, %u)"), stem, when, n);
      name = g_strconcat (label, extension, NULL);
      copy = g_file_get_child (parent, name);
      if (!g_file_query_exists (copy, NULL))
        return g_steal_pointer (&copy);
    }
  return NULL;
}

/* The user's version goes to a copy beside the file, which the window
 * edits from now on; the file keeps the other program's version. */
gboolean
_sm_window_keep_mine (SmWindow *self)
{
  GFile *file = sm_document_get_file (self->document);
  g_autoptr(GFile) copy = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *text = NULL;

  if (file == NULL)
    return FALSE;
  /* Saving makes the copy the document's file, and lets go of this one. */
  theirs = g_file_get_basename (file);
  copy = conflict_copy_for (file);
  if (copy == NULL || !save_to (self, copy, FALSE))
    return FALSE;

  mine = g_file_get_basename (copy);
  text = g_strdup_printf (_ ("Your version is saved as “%s”; “%s” keeps the other program’s changes"),
                          mine, theirs);
  sm_window_show_toast (self, text);
  return TRUE;
}

/* The file as it is on disk now, in a new window in this one's place. A
 * file that no longer opens leaves this window as it is. */
static void
reload (SmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GFile          *file = sm_document_get_file (self->document);
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SmWindow *window;
  int       width, height;

  if (file == NULL)
    return;
  document = sm_document_load (file, NULL, &error);
  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Reload “%s”"), name);

      sm_window_show_error (self, heading, error->message);
      return;
    }
  sm_layout_place_missing (sm_document_get_map (document));

  window = sm_window_new (SM_APPLICATION (app), document);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  /* Reached from a dialog's answer: the dialog goes before its window. */
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_close_cb, g_object_ref (self), g_object_unref);
}

static void
reload_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SmWindow         *self)
{
  if (g_strcmp0 (response, "reload") == 0)
    reload (self);
}

/* Reloading drops the changes not yet saved: ask first. */
void
_sm_window_ask_to_reload (SmWindow *self)
{
  GtkWidget *dialog;

  if (!sm_document_get_modified (self->document))
    {
      reload (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Reload and Lose Your Changes?"),
                                   _ ("The changes you made since you last saved will be lost. "
                                      "To keep them, choose Keep Mine: they are saved as a copy "
                                      "beside the file."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "reload", _ ("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (reload_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_on_disk_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            SmWindow         *self)
{
  gboolean then_close = self->close_after_keeping;

  self->close_after_keeping = FALSE;
  if (g_strcmp0 (response, "keep") == 0)
    {
      if (_sm_window_keep_mine (self) && then_close)
        g_idle_add_full (G_PRIORITY_DEFAULT, finish_close_cb,
                         g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "reload") == 0)
    _sm_window_ask_to_reload (self);
}

/* Saving met a change on disk: the user decides, and the other program's
 * change is never overwritten. */
static void
ask_about_change_on_disk (SmWindow *self,
                          gboolean  then_close)
{
  g_autofree char *name = g_file_get_basename (sm_document_get_file (self->document));
  GtkWidget       *dialog;

  update_changed_bar (self);
  self->close_after_keeping = then_close;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL,
                                   _ ("Another program changed this map after you opened it. "
                                      "Saving now would overwrite its changes. Reload to see them, "
                                      "or keep your version: it is saved as a copy beside the file."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _ ("“%s” Was Changed on Disk"), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "reload", _ ("_Reload"),
                                    "keep", _ ("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (change_on_disk_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_and_close_cb (gpointer user_data)
{
  _sm_window_save (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* The dialog closes itself after this returns; the window goes only after
 * that, so the dialog never outlives the window it belongs to. */
static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SmWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, finish_close_cb, g_object_ref (self), g_object_unref);
  else if (g_strcmp0 (response, "save") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, save_and_close_cb, g_object_ref (self), g_object_unref);
}

/* The window's size is remembered between runs (when the settings schema
 * is installed; running from the build tree without it is fine too). */
static GSettings *
window_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static void
save_window_state (SmWindow *self)
{
  g_autoptr(GSettings) settings = window_settings ();
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (SmWindow *self)
{
  g_autoptr(GSettings) settings = window_settings ();

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (settings, "window-width"), 600),
                               MAX (g_settings_get_int (settings, "window-height"), 400));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sm_window_close_request (GtkWindow *window)
{
  SmWindow        *self = SM_WINDOW (window);
  g_autofree char *title = NULL;
  GtkWidget       *dialog;

  if (self->close_confirmed || !sm_document_get_modified (self->document) ||
      sm_document_get_read_only (self->document))
    {
      if (self->autosave != NULL && !sm_document_get_modified (self->document))
        sm_autosave_discard (self->autosave);
      save_window_state (self);
      return GTK_WINDOW_CLASS (sm_window_parent_class)->close_request (window);
    }

  title = sm_document_dup_display_title (self->document);
  dialog = adw_message_dialog_new (window, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _ ("Save Changes to “%s”?"), title);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _ ("Changes that are not saved will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "discard", _ ("_Discard"),
                                    "save", _ ("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* A space or decision double-clicked in the Power Cube opens in Map
 * Details. */
static void
show_record_cb (SmCanvas *canvas,
                SmRecord *record,
                SmWindow *self)
{
  gtk_widget_set_visible (self->side, TRUE);
  gtk_stack_set_visible_child (GTK_STACK (self->side_stack), self->map_panel);
  sm_map_panel_show_record (SM_MAP_PANEL (self->map_panel), record);
}

/* Selecting a stakeholder or a relationship on purpose, on the canvas or
 * in a table, shows it in the side panel whichever page was open. A
 * finding's evidence or a change picked in the panel selects on the map
 * without taking the page away, and presenting leaves the panel alone. */
static void
selection_changed_cb (SmWindow *self)
{
  SmRecord    *record = sm_selection_get_primary_record (sm_document_get_selection (self->document));
  GtkWidget   *page = gtk_stack_get_visible_child (GTK_STACK (self->side_stack));
  SmRecordKind kind;

  /* A workshop's page stays: its controls select what they are about. */
  if (record == NULL || page == self->inspector || self->presenting || self->keep_side_page ||
      self->guide != NULL)
    return;
  if (page == self->evaluation && sm_evaluation_panel_get_selecting (SM_EVALUATION_PANEL (self->evaluation)))
    return;
  kind = sm_record_get_kind (record);
  if (kind != SM_RECORD_STAKEHOLDER && kind != SM_RECORD_RELATIONSHIP)
    return;
  gtk_stack_set_visible_child (GTK_STACK (self->side_stack), self->inspector);
}

/* Drag and drop: maps open in their own windows, spreadsheets and
 * networks are imported. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SmWindow      *self)
{
  GSList       *files;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) imports = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile           *file = l->data;
      g_autofree char *name = g_file_get_basename (file);

      if (name != NULL && (g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".graphml") ||
                           g_str_has_suffix (name, ".gexf") || g_str_has_suffix (name, ".xlsx")))
        g_ptr_array_add (imports, file);
      else
        sm_application_open_file (SM_APPLICATION (app), file, GTK_WINDOW (self));
    }
  if (imports->len > 0)
    sm_application_import_files (SM_APPLICATION (app), (GFile **) imports->pdata, imports->len,
                                 GTK_WINDOW (self));
  return TRUE;
}

/* Construction */

static void
sm_window_dispose (GObject *object)
{
  SmWindow *self = (SmWindow *) object;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (sm_document_get_history (self->document), self);
    }
  g_signal_handlers_disconnect_by_func (self, update_changed_bar, self);
  _sm_window_present_dispose (self);
  _sm_window_compare_dispose (self);
  _sm_window_workshop_dispose (self);
  unwatch_file (self);
  /* A report still being made is dropped (report_done_cb shows nothing). */
  if (self->report_cancellable != NULL)
    g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  g_clear_object (&self->report_progress);
  g_clear_pointer (&self->report_name, g_free);
  g_clear_handle_id (&self->report_poll, g_source_remove);
  self->report_bar = NULL;
  self->tidy_bar = NULL;
  g_clear_object (&self->autosave);
  g_clear_object (&self->document);
  g_clear_object (&self->last_toast);

  G_OBJECT_CLASS (sm_window_parent_class)->dispose (object);
}

static void
sm_window_class_init (SmWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sm_window_dispose;
  window_class->close_request = sm_window_close_request;
  _sm_window_class_actions_init (klass);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, views);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, map_page);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, zoom_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, legend_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, arrangement_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, side);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, changed_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, report_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, report_label);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, report_bar_progress);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, tidy_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, tidy_label);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, tidy_bar_progress);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, report_cancel);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, arrangement_submenu);
  gtk_widget_class_bind_template_callback (widget_class, report_cancel_clicked_cb);
}

/* The ways the map can be laid out, as radio items of win.arrangement. */
static GMenuModel *
arrangement_menu (void)
{
  GMenu                          *menu = g_menu_new ();
  const SmArrangementInfo *const *arrangements;
  guint                           n;

  arrangements = sm_arrangements_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (sm_arrangement_info_get_label (arrangements[i]), NULL);

      g_menu_item_set_action_and_target (item, "win.arrangement", "s",
                                         sm_arrangement_info_get_id (arrangements[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* The arrangements, then what arranges the map itself. */
static GMenuModel *
arrange_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuModel) arrangements = arrangement_menu ();
  g_autoptr(GMenu) tidy = g_menu_new ();
  g_autoptr(GMenuItem) item = g_menu_item_new (_ ("_Tidy Up"), "win.tidy-up");

  g_menu_item_set_attribute (item, "accel", "s", "<Control><Shift>t");
  g_menu_append_item (tidy, item);
  g_menu_append_section (menu, NULL, arrangements);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tidy));
  return G_MENU_MODEL (menu);
}

static void
sm_window_init (SmWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
  restore_window_state (self);
}

/* The table of a map is made the first time it is shown: a column view
 * of 100,000 rows took seconds to put in the window, which held the main
 * loop after a big file was read, whether or not the table was wanted. */
static void
build_table (SmWindow *self)
{
  if (self->table != NULL ||
      adw_view_stack_get_visible_child (ADW_VIEW_STACK (self->views)) != self->table_page)
    return;
  self->table = sm_table_view_new (self->document);
  gtk_widget_set_vexpand (self->table, TRUE);
  gtk_box_append (GTK_BOX (self->table_page), self->table);
}

/* The views that need the document to be built go in their places in the
 * template, and the menus fed from code into theirs. */
static void
build_ui (SmWindow *self)
{
  g_autoptr(GMenuModel) arrangements = arrange_menu ();
  AdwViewStackPage *page;

  /* The views of the map. */
  self->canvas = sm_canvas_new (self->document);
  gtk_overlay_set_child (GTK_OVERLAY (self->map_overlay), self->canvas);
  {
    g_autoptr(GPropertyAction) action = g_property_action_new ("arrangement", self->canvas, "arrangement");

    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  }
  /* The zoom bar floats over the map, which keeps clear of it; the legend
   * is docked below the map, folded or not as it was last. */
  sm_canvas_add_overlay (SM_CANVAS (self->canvas), self->zoom_bar);
  self->legend_dock = sm_legend_dock_new (SM_CANVAS (self->canvas));
  gtk_box_append (GTK_BOX (self->map_page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->map_page), self->legend_dock);
  g_object_bind_property (self->legend_dock, "visible",
                          gtk_widget_get_prev_sibling (self->legend_dock), "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->legend_dock, "expanded", self->legend_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  {
    g_autoptr(GSettings) settings = window_settings ();

    if (settings != NULL)
      g_settings_bind (settings, "legend-expanded", self->legend_dock, "expanded", G_SETTINGS_BIND_DEFAULT);
  }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->arrangement_button), arrangements);
  g_menu_append_section (self->arrangement_submenu, NULL, arrangements);
  g_menu_append_section (self->recent_submenu, NULL, sm_application_get_recent_menu ());
  /* The table is made when it is first shown (build_table()). */
  self->table_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->views), self->table_page, "table", _ ("Table"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  g_signal_connect_object (self->views, "notify::visible-child", G_CALLBACK (build_table), self,
                           G_CONNECT_SWAPPED);
  build_table (self);

  /* The side panel's pages. */
  self->inspector = sm_inspector_new (self->document);
  self->map_panel = sm_map_panel_new (self->document);
  gtk_stack_add_titled (GTK_STACK (self->side_stack), self->inspector, "selection", _ ("Selection"));
  gtk_stack_add_titled (GTK_STACK (self->side_stack), self->map_panel, "map", _ ("Map Details"));
  self->evaluation = sm_evaluation_panel_new (self->document);
  g_signal_connect_object (self->canvas, "show-record", G_CALLBACK (show_record_cb), self, 0);
  gtk_stack_add_titled (GTK_STACK (self->side_stack), self->evaluation, "evaluation", _ ("Evaluation"));
}

static void
history_changed_cb (SmWindow *self)
{
  _sm_window_update_actions (self);
}

static void
zoom_changed_cb (SmWindow *self)
{
  update_zoom_label (self);
}

/* Takes a reference on @document. */
SmWindow *
sm_window_new (SmApplication *app,
               SmDocument    *document)
{
  SmWindow *self;

  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  self = g_object_new (SM_TYPE_WINDOW, "application", app, NULL);
  self->document = g_object_ref (document);
  build_ui (self);
  _sm_window_present_init (self);

  g_signal_connect_swapped (document, "notify::title", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (watch_file), self);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (update_changed_bar), self);
  g_signal_connect_swapped (sm_document_get_history (document), "changed",
                            G_CALLBACK (history_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::zoom", G_CALLBACK (zoom_changed_cb), self);
  g_signal_connect_object (sm_document_get_selection (document), "changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (self->read_only_bar, sm_document_get_read_only (document));
  if (!sm_document_get_read_only (document))
    {
      self->autosave = sm_autosave_new (document, NULL, NULL);
      sm_preferences_follow_autosave (self->autosave);
    }

  watch_file (self);
  update_title (self);
  _sm_window_update_actions (self);
  update_zoom_label (self);
  gtk_widget_grab_focus (self->canvas);
  return self;
}

SmDocument *
sm_window_get_document (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->document;
}

GtkWidget *
sm_window_get_canvas (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->canvas;
}

GtkWidget *
sm_window_get_evaluation_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->evaluation;
}

GtkWidget *
sm_window_get_map_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->map_panel;
}

/* An untouched new map: opening a file can reuse its window. */
gboolean
sm_window_is_pristine (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  return sm_document_get_file (self->document) == NULL &&
         !sm_document_get_modified (self->document) &&
         !sm_history_can_undo (sm_document_get_history (self->document)) &&
         sm_collection_get_size (sm_map_get_stakeholders (sm_document_get_map (self->document))) == 0;
}

/* A recovered map carries on writing to its orphan's copy. */
void
sm_window_set_autosave_id (SmWindow   *self,
                           const char *id)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  if (sm_document_get_read_only (self->document))
    return;
  g_clear_object (&self->autosave);
  self->autosave = sm_autosave_new (self->document, NULL, id);
  sm_preferences_follow_autosave (self->autosave);
}

/* Shows @toast (taking it), as every toast of the window is shown: in
 * turn, each waiting for the one before to time out or be closed. None is
 * ever dismissed by the app or pushed back by a toast of high priority:
 * libadwaita 1.2 can crash when a toast goes while it is still coming up,
 * and a busy machine (Tidy Up on every core) makes that likely. Progress
 * that needs a Cancel button is a bar above the map instead. */
void
_sm_window_add_toast (SmWindow *self,
                      AdwToast *toast)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), toast);
}

void
sm_window_show_toast (SmWindow   *self,
                      const char *text)
{
  AdwToast *toast;

  g_return_if_fail (SM_IS_WINDOW (self));

  toast = adw_toast_new (text);
  g_set_object (&self->last_toast, toast);
  _sm_window_add_toast (self, toast);
}

/**
 * sm_window_dup_same_name_text:
 * @other_name: the name another stakeholder already has
 *
 * The words of the note about two stakeholders with one name, as text.
 */
char *
sm_window_dup_same_name_text (const char *other_name)
{
  /* TRANSLATORS: a gentle note when a stakeholder is given a name another already has */
  return g_strdup_printf (_ ("Another stakeholder is called “%s”. Add something to tell them apart, "
                             "like a role or a place."),
                          other_name);
}

/**
 * sm_window_warn_same_name:
 * @inside: a widget in the window where the name was given
 * @id: the stakeholder just named
 *
 * When another stakeholder already goes by the name just given, says so
 * with a toast whose button shows the other one. The name stays: two
 * people may share one, and only the group can tell them apart.
 */
void
sm_window_warn_same_name (GtkWidget  *inside,
                          SmMap      *map,
                          const char *id)
{
  SmRecord        *record, *other;
  GtkRoot         *root;
  SmWindow        *self;
  AdwToast        *toast;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (GTK_IS_WIDGET (inside));
  g_return_if_fail (SM_IS_MAP (map));

  root = gtk_widget_get_root (inside);
  if (!SM_IS_WINDOW (root) || id == NULL)
    return;
  self = SM_WINDOW (root);
  record = sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id);
  if (record == NULL)
    return;
  other = sm_map_find_same_name (map, sm_stakeholder_get_name (record), record);
  if (other == NULL)
    return;

  /* A toast's title is markup: the name is text. */
  text = sm_window_dup_same_name_text (sm_stakeholder_get_name (other));
  title = g_markup_escape_text (text, -1);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _ ("_Show the Other"));
  adw_toast_set_action_name (toast, "win.show-stakeholder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (sm_record_get_id (other)));
  g_set_object (&self->last_toast, toast);
  _sm_window_add_toast (self, toast);
}

typedef struct
{
  SmWindow *window; /* weak */
  char     *name;
  GStrv     changes;
} ImportChanges;

static void
import_changes_free (gpointer  data,
                     GClosure *closure)
{
  ImportChanges *changes = data;

  g_clear_weak_pointer (&changes->window);
  g_free (changes->name);
  g_strfreev (changes->changes);
  g_free (changes);
}

/* Every change an import made, each with its line or row, in a list that
 * can be read and copied. */
static void
import_changes_cb (AdwToast      *toast,
                   ImportChanges *changes)
{
  g_autofree char *heading = NULL;
  GtkWidget       *dialog, *scrolled, *list;

  if (changes->window == NULL)
    return;
  heading = g_strdup_printf (_ ("Changes Made Importing “%s”"), changes->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (changes->window), heading,
                                   _ ("The import changed or set aside these; nothing else was changed."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; changes->changes[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (changes->changes[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * sm_window_show_import_changes:
 * @text: what the toast says
 * @name: the file imported, as the user knows it
 * @changes: what the import changed or set aside, each with where
 *
 * Says an import is done with a toast that stays until dismissed, with a
 * button that lists the changes, so that none goes unseen.
 */
void
sm_window_show_import_changes (SmWindow          *self,
                               const char        *text,
                               const char        *name,
                               const char *const *changes)
{
  ImportChanges *data;
  AdwToast      *toast;

  g_return_if_fail (SM_IS_WINDOW (self));
  g_return_if_fail (changes != NULL);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _ ("_Details"));
  adw_toast_set_timeout (toast, 0);
  data = g_new0 (ImportChanges, 1);
  g_set_weak_pointer (&data->window, self);
  data->name = g_strdup (name);
  data->changes = g_strdupv ((GStrv) changes);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (import_changes_cb), data, import_changes_free, 0);
  g_set_object (&self->last_toast, toast);
  _sm_window_add_toast (self, toast);
}

AdwToast *
_sm_window_test_get_last_toast (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->last_toast;
}

void
sm_window_show_error (SmWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (SM_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
/* sm-application.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sm-application-private.h"
#include "sm-autosave.h"
#include "sm-canvas.h"
#include "sm-format.h"
#include "sm-import.h"
#include "sm-layout.h"
#include "sm-preferences-window.h"
#include "sm-preferences.h"
#include "sm-progress.h"
#include "sm-render.h"
#include "stakemap-resources.h"
#include "sm-window.h"

#define MAX_RECENT 10

struct _SmApplication
{
  AdwApplication parent_instance;

  gboolean   recovery_offered;
  GPtrArray *loading;   /* of Load: big files being read in the background */
  guint      n_workers; /* those, and the cancelled ones not yet back */
};

G_DEFINE_FINAL_TYPE (SmApplication, sm_application, ADW_TYPE_APPLICATION)

static GMenu *recent_menu;

/* Windows */

static SmWindow *
find_window_for (SmApplication *self,
                 GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SM_IS_WINDOW (l->data))
      {
        GFile *shown = sm_document_get_file (sm_window_get_document (l->data));

        if (shown != NULL && g_file_equal (shown, file))
          return l->data;
      }
  return NULL;
}

static SmWindow *
pristine_window (GtkWindow *parent)
{
  if (parent != NULL && SM_IS_WINDOW (parent) && sm_window_is_pristine (SM_WINDOW (parent)))
    return SM_WINDOW (parent);
  return NULL;
}

static void loads_move_parent (SmApplication *self,
                               GtkWindow     *from,
                               GtkWindow     *to);

static GtkWindow *
show_document (SmApplication *self,
               SmDocument    *document,
               GtkWindow     *parent)
{
  SmWindow *reuse = pristine_window (parent);
  SmWindow *window = sm_window_new (self, document);

  /* Opening a file from an untouched new map replaces it, as in GNOME's
   * editors, rather than leaving an empty window behind. */
  if (reuse != NULL)
    {
      /* Files still being read from it now belong to the new window. */
      loads_move_parent (self, GTK_WINDOW (reuse), GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (reuse));
    }
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
show_error (SmApplication *self,
            GtkWindow     *parent,
            const char    *heading,
            const char    *body)
{
  if (parent == NULL || !SM_IS_WINDOW (parent))
    {
      /* Nothing else on screen: the error needs a window to sit on. */
      parent = sm_application_new_map (self);
    }
  sm_window_show_error (SM_WINDOW (parent), heading, body);
}

GtkWindow *
sm_application_new_map (SmApplication *self)
{
  g_autoptr(SmMap) map = sm_map_new ();
  g_autoptr(SmDocument) document = NULL;
  SmWindow *window;

  sm_preferences_apply_to_new_map (map);
  document = sm_document_new (map, NULL);
  window = sm_window_new (self, document);

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/* Reading a map */

/* A project file of 100,000 stakeholders (48 MB) takes about 4 s to read,
 * check and lay out: some 12 MB a second. Files up to 2 MiB (under 0.2 s)
 * are read at once, as before, and the window comes back straight away;
 * anything bigger is read on a worker thread so the windows already open
 * keep turning, and the new one appears when the map is ready. */
#define LOAD_IN_BACKGROUND_BYTES (2 * 1024 * 1024)

/* Feedback only when the wait is long enough to notice. */
#define LOAD_FEEDBACK_AFTER_US (G_USEC_PER_SEC / 2)

static gint64 load_feedback_after = LOAD_FEEDBACK_AFTER_US;

/* The tests see the feedback whatever the speed of the machine. */
void
_sm_application_set_load_feedback_delay (gint64 usec)
{
  load_feedback_after = usec;
}

static gboolean
is_relationships_csv (GBytes *bytes)
{
  gsize            length;
  const char      *data = g_bytes_get_data (bytes, &length);
  const char      *end = memchr (data, '\n', length);
  g_autofree char *header = g_ascii_strdown (data, end != NULL ? end - data : (gssize) length);
  g_auto(GStrv) cells = NULL;
  gboolean from = FALSE, to = FALSE;

  if (strstr (header, "source") != NULL && strstr (header, "target") != NULL)
    return TRUE;
  /* Kumu's connections: From and To. */
  cells = g_strsplit_set (header, ",;\t", -1);
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_strstrip (g_strdelimit (cells[i], "\"\r", ' '));
      from = from || strcmp (cells[i], "from") == 0;
      to = to || strcmp (cells[i], "to") == 0;
    }
  return from && to;
}

/* Reads, checks and lays out the project file @file. Touches nothing but
 * the new document: runs on any thread. */
static SmDocument *
load_project (GFile        *file,
              GCancellable *cancellable,
              SmProgress   *progress,
              GError      **error)
{
  g_autoptr(SmDocument) document = NULL;

  sm_progress_update (progress, -1, _ ("Reading the file…"));
  /* The file's stamp is noted before it is read. */
  document = sm_document_load (file, cancellable, error);
  if (document == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* A map written by another tool may have stakeholders without
   * positions; they are placed, not lost. */
  sm_progress_update (progress, -1, _ ("Placing stakeholders…"));
  sm_layout_place_missing (sm_document_get_map (document));
  return g_steal_pointer (&document);
}

/* Makes the renderer the map's canvas will draw with, on the loading
 * thread: reading a 100,000-stakeholder map into its caches and spatial
 * indexes takes seconds, which on the main thread froze the progress
 * dialog and its Cancel button. The canvas takes it from the document
 * (SM_CANVAS_PREPARED_RENDERER). Its text is laid out with a font map of
 * its own: pango's default is per thread, and this thread may read
 * another map while the main thread draws this one. */
static SmRenderer *
prepare_renderer (SmMap *map)
{
  g_autoptr(PangoFontMap) fonts = pango_cairo_font_map_new ();
  SmRenderer *renderer;

  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (fonts));
  renderer = sm_renderer_new (map);
  pango_cairo_font_map_set_default (NULL);
  /* For the tests: where it was made. */
  g_object_set_data (G_OBJECT (renderer), "stakemap-made-on-thread", g_thread_self ());
  return renderer;
}

/* Hands @renderer, made by prepare_renderer() for @document's map, to the
 * canvas the document's window will make. */
static void
give_renderer (SmDocument *document,
               SmRenderer *renderer)
{
  if (renderer != NULL && sm_renderer_get_map (renderer) == sm_document_get_map (document))
    g_object_set_data_full (G_OBJECT (document), SM_CANVAS_PREPARED_RENDERER, g_object_ref (renderer),
                            g_object_unref);
}

typedef enum
{
  NETWORK_NONE, /* spreadsheets */
  NETWORK_GRAPHML,
  NETWORK_GEXF,
} Network;

/* Reads a GraphML or GEXF file, a workbook, or a stakeholders CSV with an optional
 * relationships CSV (told apart by their columns), into a new laid-out
 * map; @name is set to the file the user will know the import by, also
 * on failure, and @warnings to what the import changed or set aside.
 * Touches nothing but the new map: runs on any thread. */
static SmMap *
import_map (GFile       **files,
            guint         n_files,
            char        **name,
            GStrv        *warnings,
            GCancellable *cancellable,
            SmProgress   *progress,
            GError      **error)
{
  g_autoptr(GBytes) people = NULL;
  g_autoptr(GBytes) ties = NULL;
  g_autoptr(SmMap) map = NULL;
  GError  *local_error = NULL;
  Network  network = NETWORK_NONE;
  gboolean xlsx = FALSE;

  *name = g_file_get_basename (files[0]);
  sm_progress_update (progress, -1, _ ("Reading the file…"));
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *basename = g_file_get_basename (files[i]);
      g_autoptr(GBytes) bytes = sm_format_read_file (files[i], cancellable, &local_error);

      if (bytes == NULL)
        break;
      if (g_str_has_suffix (basename, ".graphml") || g_str_has_suffix (basename, ".xml") ||
          g_str_has_suffix (basename, ".gexf"))
        {
          network = g_str_has_suffix (basename, ".gexf") ? NETWORK_GEXF : NETWORK_GRAPHML;
          people = g_steal_pointer (&bytes);
          g_free (*name);
          *name = g_steal_pointer (&basename);
        }
      else if (g_str_has_suffix (basename, ".xlsx") || g_str_has_suffix (basename, ".XLSX"))
        {
          /* A workbook: its sheets are the stakeholders and relationships. */
          xlsx = TRUE;
          people = g_steal_pointer (&bytes);
          g_free (*name);
          *name = g_steal_pointer (&basename);
        }
      else if (n_files == 2 && ties == NULL && is_relationships_csv (bytes))
        ties = g_steal_pointer (&bytes);
      else if (people == NULL)
        {
          people = g_steal_pointer (&bytes);
          g_free (*name);
          *name = g_steal_pointer (&basename);
        }
      else
        ties = g_steal_pointer (&bytes);
    }

  if (local_error == NULL && people == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _ ("Both files list relationships; choose the stakeholders spreadsheet too."));
  else if (local_error == NULL && network != NETWORK_NONE && n_files > 1)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         network == NETWORK_GEXF ? _ ("A GEXF file holds the whole network; import it on its own.")
                                                 : _ ("A GraphML file holds the whole network; import it on its own."));
  else if (local_error == NULL && xlsx && n_files > 1)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _ ("A workbook holds both stakeholders and relationships; import it on its own."));
  else if (local_error == NULL)
    {
      sm_progress_update (progress, -1, _ ("Checking the map…"));
      if (xlsx)
        map = sm_import_xlsx_full (people, warnings, &local_error);
      else if (network == NETWORK_GRAPHML)
        map = sm_import_graphml_full (people, warnings, &local_error);
      else if (network == NETWORK_GEXF)
        map = sm_import_gexf_full (people, warnings, &local_error);
      else
        map = sm_import_csv_full (people, ties, warnings, &local_error);
    }
  if (map != NULL && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    g_clear_object (&map);
  if (map == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  sm_progress_update (progress, -1, _ ("Placing stakeholders…"));
  sm_layout_place_missing (map);
  return g_steal_pointer (&map);
}

/* On the main thread, with what load_project() made. */
static GtkWindow *
open_finish (SmApplication *self,
             GFile         *file,
             SmDocument    *document,
             const GError  *error,
             GtkWindow     *parent)
{
  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Open “%s”"), name);

      show_error (self, parent, heading, error->message);
      return NULL;
    }
  add_recent (file);
  return show_document (self, document, parent);
}

/* On the main thread, with what import_map() made. */
static GtkWindow *
import_finish (SmApplication     *self,
               const char        *name,
               SmMap             *map,
               SmRenderer        *renderer,
               const char *const *warnings,
               const GError      *error,
               GtkWindow         *parent)
{
  g_autoptr(SmDocument) document = NULL;
  g_autofree char *text = NULL;
  GtkWindow       *window;

  if (map == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Import “%s”"), name);

      show_error (self, parent, heading, error->message);
      return NULL;
    }
  document = sm_document_new (map, NULL);
  give_renderer (document, renderer);
  /* Not saved anywhere yet: closing asks. */
  sm_history_clear_save_point (sm_document_get_history (document));
  window = show_document (self, document, parent);
  if (warnings != NULL && warnings[0] != NULL)
    {
      guint            n = g_strv_length ((GStrv) warnings);
      guint            people = sm_collection_get_size (sm_map_get_stakeholders (map));
      g_autofree char *changes = NULL;

      /* Nothing changes silently: the toast offers the list. */
      /* Translators: the end of "Imported 3 stakeholders from “a.csv” with
       * %s" below; %u is how many things the import changed. */
      changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);
      /* Translators: a toast after an import. %u is how many stakeholders
       * were imported, the first %s the file's name, the second %s how many
       * changes the import made ("2 changes"). */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u stakeholder from “%s” with %s",
                                           "Imported %u stakeholders from “%s” with %s", people),
                              people, name, changes);
      sm_window_show_import_changes (SM_WINDOW (window), text, name, warnings);
      return window;
    }
  {
    guint people = sm_collection_get_size (sm_map_get_stakeholders (map));

    /* Translators: a toast after an import. %u is how many stakeholders
     * were imported, %s the file's name. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u stakeholder from “%s”",
                                         "Imported %u stakeholders from “%s”", people),
                            people, name);
  }
  sm_window_show_toast (SM_WINDOW (window), text);
  return window;
}

static gboolean
worth_a_thread (GFile **files,
                guint   n_files)
{
  goffset total = 0;

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (files[i], G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                      G_FILE_QUERY_INFO_NONE, NULL, NULL);

      /* A file that cannot be asked about is read at once, and says why. */
      if (info != NULL)
        total += g_file_info_get_size (info);
    }
  return total > LOAD_IN_BACKGROUND_BYTES;
}

/* A big file being read in the background. The worker reads only @files,
 * @import and @progress; the rest is the main thread's. */
typedef struct
{
  GPtrArray  *files;
  gboolean    import;
  SmProgress *progress;
  char       *import_name;     /* written by the worker, read once it is done */
  GStrv       import_warnings; /* likewise */
  SmRenderer *renderer;        /* likewise: the canvas's, made by prepare_renderer() */

  SmApplication *app;
  char          *name;
  GtkWindow     *parent; /* weak: closing it cancels the load */
  GCancellable  *cancellable;
  gint64         started;
  guint          poll;
  GtkWidget     *feedback; /* the small window that says what is going on */
  GtkWidget     *stage;
  GtkWidget     *bar;
  gboolean       over; /* cancelled, or its result handled */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_ptr_array_unref (load->files);
  g_clear_object (&load->progress);
  g_clear_object (&load->cancellable);
  g_free (load->name);
  g_free (load->import_name);
  g_strfreev (load->import_warnings);
  g_clear_object (&load->renderer);
  g_free (load);
}

static void load_parent_gone_cb (gpointer data,
                                 GObject *where_the_object_was);

/* Takes the feedback down and forgets the load; its result, if it comes,
 * is dropped. */
static void
load_end (Load *load)
{
  if (load->over)
    return;
  load->over = TRUE;
  g_ptr_array_remove (load->app->loading, load);
  g_clear_handle_id (&load->poll, g_source_remove);
  if (load->parent != NULL)
    g_object_weak_unref (G_OBJECT (load->parent), load_parent_gone_cb, load);
  if (load->feedback != NULL)
    gtk_window_destroy (GTK_WINDOW (load->feedback));
  load->feedback = NULL;
  g_application_release (G_APPLICATION (load->app));
}

static void
load_cancel (Load *load)
{
  g_cancellable_cancel (load->cancellable);
  load_end (load);
}

static void
load_parent_gone_cb (gpointer data,
                     GObject *where_the_object_was)
{
  Load *load = data;

  load->parent = NULL;
  load_cancel (load);
}

static void
loads_move_parent (SmApplication *self,
                   GtkWindow     *from,
                   GtkWindow     *to)
{
  for (guint i = 0; i < self->loading->len; i++)
    {
      Load *load = g_ptr_array_index (self->loading, i);

      if (load->parent != from)
        continue;
      g_object_weak_unref (G_OBJECT (from), load_parent_gone_cb, load);
      load->parent = to;
      g_object_weak_ref (G_OBJECT (to), load_parent_gone_cb, load);
      if (load->feedback != NULL)
        gtk_window_set_transient_for (GTK_WINDOW (load->feedback), to);
    }
}

static gboolean
load_feedback_close_request_cb (GtkWindow *window,
                                Load      *load)
{
  load_cancel (load);
  return TRUE;
}

static GtkWidget *
load_feedback_new (Load *load)
{
  GtkWidget       *window = adw_window_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget       *header = adw_header_bar_new ();
  GtkWidget       *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget       *label;
  GtkWidget       *cancel;
  g_autofree char *text = NULL;

  /* TRANSLATORS: %s is a file name */
  text = g_strdup_printf (load->import ? _ ("Importing “%s”…") : _ ("Opening “%s”…"), load->name);
  gtk_window_set_title (GTK_WINDOW (window), load->import ? _ ("Importing") : _ ("Opening"));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  if (load->parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), load->parent);
  gtk_widget_add_css_class (window, "loading");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (NULL));
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (body), label);
  load->stage = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (load->stage), 0);
  gtk_widget_add_css_class (load->stage, "dim-label");
  gtk_box_append (GTK_BOX (body), load->stage);
  load->bar = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (load->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (body), load->bar);
  cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  gtk_widget_add_css_class (cancel, "pill");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (load_cancel), load);
  gtk_box_append (GTK_BOX (body), cancel);
  gtk_box_append (GTK_BOX (box), body);

  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect (window, "close-request", G_CALLBACK (load_feedback_close_request_cb), load);
  return window;
}

static gboolean
load_poll_cb (gpointer user_data)
{
  Load            *load = user_data;
  g_autofree char *stage = NULL;

  if (g_get_monotonic_time () - load->started < load_feedback_after)
    return G_SOURCE_CONTINUE;
  if (load->feedback == NULL)
    {
      load->feedback = load_feedback_new (load);
      gtk_window_present (GTK_WINDOW (load->feedback));
    }
  stage = sm_progress_dup_stage (load->progress);
  gtk_label_set_label (GTK_LABEL (load->stage), stage);
  /* The reader cannot say how far it is: the bar only shows it is alive. */
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (load->bar));
  return G_SOURCE_CONTINUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load   *load = task_data;
  GError *error = NULL;

  if (load->import)
    {
      SmMap *map = import_map ((GFile **) load->files->pdata, load->files->len, &load->import_name,
                               &load->import_warnings, cancellable, load->progress, &error);

      if (map != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
        load->renderer = prepare_renderer (map);
      else
        g_clear_object (&map);
      if (map == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, map, g_object_unref);
      return;
    }
  {
    SmDocument *document = load_project (g_ptr_array_index (load->files, 0), cancellable,
                                         load->progress, &error);

    if (document != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
      load->renderer = prepare_renderer (sm_document_get_map (document));
    else
      g_clear_object (&document);
    if (document == NULL)
      g_task_return_error (task, error);
    else
      g_task_return_pointer (task, document, g_object_unref);
  }
}

/* On the main thread. A load cancelled (or whose parent window closed)
 * is over already: its result is dropped. */
static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SmApplication *self = SM_APPLICATION (source);
  Load          *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GObject) made = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *feedback;
  GtkWindow *parent;

  made = g_task_propagate_pointer (G_TASK (result), &error);
  self->n_workers--;
  if (load->over)
    return;
  parent = load->parent;
  if (parent != NULL)
    g_object_ref (parent);
  /* Making the window of a big map takes a moment too: the feedback stays
   * up until it is there. */
  feedback = g_steal_pointer (&load->feedback);
  load_end (load);
  if (load->import)
    import_finish (self, load->import_name, SM_MAP (made), load->renderer,
                   (const char *const *) load->import_warnings, error, parent);
  else
    {
      if (made != NULL)
        give_renderer (SM_DOCUMENT (made), load->renderer);
      open_finish (self, g_ptr_array_index (load->files, 0), SM_DOCUMENT (made), error, parent);
    }
  if (feedback != NULL)
    gtk_window_destroy (GTK_WINDOW (feedback));
  g_clear_object (&parent);
}

static void
load_start (SmApplication *self,
            GFile        **files,
            guint          n_files,
            gboolean       import,
            GtkWindow     *parent)
{
  g_autoptr(GTask) task = NULL;
  Load *load = g_new0 (Load, 1);

  load->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (load->files, g_object_ref (files[i]));
  load->import = import;
  load->progress = sm_progress_new ();
  load->app = self;
  load->name = g_file_get_basename (files[0]);
  load->cancellable = g_cancellable_new ();
  load->started = g_get_monotonic_time ();
  load->poll = g_timeout_add (100, load_poll_cb, load);
  if (parent != NULL)
    {
      load->parent = parent;
      g_object_weak_ref (G_OBJECT (parent), load_parent_gone_cb, load);
    }
  /* The application stays up until the map is shown (or the load ends),
   * even with no window open yet. */
  g_application_hold (G_APPLICATION (self));
  g_ptr_array_add (self->loading, load);
  self->n_workers++;

  task = g_task_new (self, load->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, load_start);
  g_task_set_name (task, "[stakemap] open");
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_thread);
}

static Load *
find_loading (SmApplication *self,
              GFile         *file)
{
  for (guint i = 0; i < self->loading->len; i++)
    {
      Load *load = g_ptr_array_index (self->loading, i);

      if (!load->import && g_file_equal (g_ptr_array_index (load->files, 0), file))
        return load;
    }
  return NULL;
}

/**
 * sm_application_open_file:
 * @parent: (nullable): the window the file was opened from
 *
 * Opens @file in its own window (or shows the window it is already in). A
 * file that does not exist yet starts a new map that will be saved there;
 * a file the core refuses opens nothing and says why.
 *
 * A big file is read in the background: this returns %NULL at once, a
 * small window says what is going on after half a second (with Cancel),
 * and the map's window appears when it is ready. Closing @parent in the
 * meantime cancels it. Opening a file already being read opens nothing
 * more.
 *
 * Returns: (transfer none) (nullable): the map's window, when it is
 *   already open or the file was small enough to read at once
 */
GtkWindow *
sm_application_open_file (SmApplication *self,
                          GFile         *file,
                          GtkWindow     *parent)
{
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SmWindow *existing;
  Load     *loading;

  g_return_val_if_fail (SM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  existing = find_window_for (self, file);
  if (existing != NULL)
    {
      gtk_window_present (GTK_WINDOW (existing));
      return GTK_WINDOW (existing);
    }
  loading = find_loading (self, file);
  if (loading != NULL)
    {
      if (loading->feedback != NULL)
        gtk_window_present (GTK_WINDOW (loading->feedback));
      return NULL;
    }

  if (!g_file_query_exists (file, NULL))
    {
      map = sm_map_new ();
      sm_preferences_apply_to_new_map (map);
      document = sm_document_new (map, file);
      return show_document (self, document, parent);
    }
  if (worth_a_thread (&file, 1))
    {
      load_start (self, &file, 1, FALSE, parent);
      return NULL;
    }
  document = load_project (file, NULL, NULL, &error);
  return open_finish (self, file, document, error, parent);
}

/**
 * sm_application_import_files:
 * @parent: (nullable): the window the files were imported from
 *
 * Imports a GraphML file, or a stakeholders CSV with an optional
 * relationships CSV (told apart by their columns), as a new map. Big
 * files are read in the background, as in sm_application_open_file().
 *
 * Returns: (transfer none) (nullable): the new map's window, when the
 *   files were small enough to read at once
 */
GtkWindow *
sm_application_import_files (SmApplication *self,
                             GFile        **files,
                             guint          n_files,
                             GtkWindow     *parent)
{
  g_autoptr(SmMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) warnings = NULL;

  g_return_val_if_fail (SM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (n_files > 0, NULL);

  if (n_files > 2)
    {
      show_error (self, parent, _ ("Could Not Import"),
                  _ ("Choose one GraphML or GEXF file, or a stakeholders spreadsheet (CSV) with at most "
                     "one relationships spreadsheet."));
      return NULL;
    }
  if (worth_a_thread (files, n_files))
    {
      load_start (self, files, n_files, TRUE, parent);
      return NULL;
    }
  map = import_map (files, n_files, &name, &warnings, NULL, NULL, &error);
  return import_finish (self, name, map, NULL, (const char *const *) warnings, error, parent);
}

/* For tests: how many files are being read in the background, counting
 * those cancelled whose worker has not come back yet. */
guint
_sm_application_test_get_n_loading (SmApplication *self)
{
  g_return_val_if_fail (SM_IS_APPLICATION (self), 0);
  return self->n_workers;
}

/* Recovery */

static void
unreadable_copy_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             SmAutosaveEntry  *entry)
{
  if (g_strcmp0 (response, "discard") == 0)
    sm_autosave_delete_entry (entry);
  else if (g_strcmp0 (response, "folder") == 0)
    {
      g_autoptr(GFile) dir = g_file_get_parent (entry->data);
      g_autofree char *uri = g_file_get_uri (dir);

      gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
    }
}

/* A copy that does not load is never deleted unread, nor left without a
 * word: it stays on disk and the user is asked at every start until they
 * discard it. */
static void
offer_unreadable_copy (SmApplication   *self,
                       SmAutosaveEntry *entry,
                       const char      *when,
                       const GError    *error)
{
  GList           *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  GtkWindow       *parent = windows != NULL ? windows->data : sm_application_new_map (self);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *dialog;

  if (entry->original != NULL)
    {
      name = g_file_get_basename (entry->original);
      body = g_strdup_printf (_ ("A recovery copy of unsaved changes to “%s”, saved at %s, "
                                 "cannot be opened: %s\n\nIt is kept as %s."),
                              name, when, error->message, g_file_peek_path (entry->data));
    }
  else
    body = g_strdup_printf (_ ("A recovery copy of a map of unknown origin, saved at %s, "
                               "cannot be opened: %s\n\nIt is kept as %s."),
                            when, error->message, g_file_peek_path (entry->data));

  dialog = adw_message_dialog_new (parent, _ ("Recovery Copy Could Not Be Opened"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _ ("_Keep"),
                                    "folder", _ ("_Open Folder"),
                                    "discard", _ ("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "entry", entry, (GDestroyNotify) sm_autosave_entry_free);
  g_signal_connect (dialog, "response", G_CALLBACK (unreadable_copy_response_cb), entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_recovery (SmApplication *self)
{
  g_autoptr(GPtrArray) orphans = NULL;

  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;

  orphans = sm_autosave_find_orphans (NULL);
  while (orphans->len > 0)
    {
      g_autoptr(SmAutosaveEntry) entry = g_ptr_array_steal_index (orphans, 0);
      g_autoptr(SmMap) map = NULL;
      g_autoptr(SmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GDateTime) local = NULL;
      SmWindow *window;

      local = g_date_time_to_local (entry->time);
      when = g_date_time_format (local, "%H:%M, %e %B");
      map = sm_format_load_file (entry->data, NULL, &error);
      if (map == NULL)
        {
          offer_unreadable_copy (self, g_steal_pointer (&entry), when, error);
          continue;
        }

      document = sm_document_new (map, entry->original);
      if (entry->has_stamp)
        sm_document_set_disk_stamp (document, &entry->stamp);
      sm_history_clear_save_point (sm_document_get_history (document));
      window = sm_window_new (self, document);
      sm_window_set_autosave_id (window, entry->id);
      if (entry->unknown_origin)
        text = g_strdup_printf (_ ("Recovered a map of unknown origin, saved at %s. Save the map to keep it."), when);
      else
        text = g_strdup_printf (_ ("Recovered unsaved changes from %s. Save the map to keep them."), when);
      gtk_window_present (GTK_WINDOW (window));
      sm_window_show_toast (window, text);
    }
}

/* Recent files */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *x = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *y = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  /* Newest first. */
  return g_date_time_compare (y, x);
}

static void
rebuild_recent_menu (GtkRecentManager *manager)
{
  GList *items = gtk_recent_manager_get_items (manager);
  guint  n = 0;

  g_menu_remove_all (recent_menu);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char    *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".stakemap") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", uri);
      g_menu_append_item (recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

GMenuModel *
sm_application_get_recent_menu (void)
{
  if (recent_menu == NULL)
    {
      GtkRecentManager *manager = gtk_recent_manager_get_default ();

      recent_menu = g_menu_new ();
      g_signal_connect (manager, "changed", G_CALLBACK (rebuild_recent_menu), NULL);
      rebuild_recent_menu (manager);
    }
  return G_MENU_MODEL (recent_menu);
}

/* Actions */

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  sm_application_new_map (SM_APPLICATION (user_data));
}

static GtkFileFilter *
filter_new (const char *name,
            const char *pattern,
            ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list        args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, pattern);
  for (const char *p = pattern; p != NULL; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);
  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  SmApplication   *self)
{
  gboolean   import = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "import"));
  GtkWindow *parent = gtk_native_dialog_get_transient_for (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (chosen);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      if (import && n > 0)
        sm_application_import_files (self, (GFile **) files->pdata, files->len, parent);
      else
        for (guint i = 0; i < files->len; i++)
          sm_application_open_file (self, g_ptr_array_index (files, i), parent);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_files (SmApplication *self,
              gboolean       import)
{
  GtkWindow            *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (import ? _ ("Import Spreadsheet or Network") : _ ("Open Map"),
                                        parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        import ? _ ("_Import") : _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  if (import)
    {
      g_autoptr(GtkFileFilter) all = filter_new (_ ("Spreadsheets and Networks"), "*.csv", "*.xlsx", "*.graphml", "*.gexf",
                                                  NULL);
      g_autoptr(GtkFileFilter) csv = filter_new (_ ("Spreadsheets (CSV)"), "*.csv", NULL);
      g_autoptr(GtkFileFilter) workbooks = filter_new (_ ("Workbooks (Excel, LibreOffice)"), "*.xlsx", NULL);
      g_autoptr(GtkFileFilter) graphml = filter_new (_ ("Networks (GraphML)"), "*.graphml", NULL);
      g_autoptr(GtkFileFilter) gexf = filter_new (_ ("Networks (GEXF, Gephi)"), "*.gexf", NULL);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), workbooks);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), graphml);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), gexf);
    }
  else
    {
      g_autoptr(GtkFileFilter) maps = filter_new (_ ("Stakemap Maps"), "*.stakemap", NULL);

      gtk_file_filter_add_mime_type (maps, "application/x-stakemap");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), maps);
    }
  g_object_set_data (G_OBJECT (dialog), "import", GINT_TO_POINTER (import));
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  choose_files (SM_APPLICATION (user_data), FALSE);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  choose_files (SM_APPLICATION (user_data), TRUE);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SmApplication *self = SM_APPLICATION (user_data);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  sm_application_open_file (self, file, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SmApplication *self = SM_APPLICATION (user_data);
  GList         *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* A file still being read would open its window after the others close. */
  while (self->loading->len > 0)
    load_cancel (g_ptr_array_index (self->loading, 0));
  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char     *developers[] = { _ ("The Stakemap developers"), NULL };
  GtkWidget      *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _ ("Stakemap"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _ ("Map stakeholders and power, and see how the map measures up "
                                       "against the principles of co-production."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "developer-name", _ ("The Stakemap developers"),
                        "website", "https://github.com/stakemap/stakemap",
                        "issue-url", "https://github.com/stakemap/stakemap/issues",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Help */

static void show_uri_finish_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
real_uri_launcher (GtkWindow  *parent,
                   const char *uri)
{
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, show_uri_finish_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
}

static SmUriLauncher uri_launcher = real_uri_launcher;
static GStrv         help_data_dirs;  /* tests only */
static char         *help_source_dir; /* tests only */

void
_sm_application_test_set_uri_launcher (SmUriLauncher launcher)
{
  uri_launcher = launcher != NULL ? launcher : real_uri_launcher;
}

void
_sm_application_test_set_help_dirs (const char *const *data_dirs,
                                    const char        *source_dir)
{
  g_clear_pointer (&help_data_dirs, g_strfreev);
  g_clear_pointer (&help_source_dir, g_free);
  help_data_dirs = g_strdupv ((char **) data_dirs);
  help_source_dir = g_strdup (source_dir);
}

static void
show_uri_finish_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error) || parent == NULL || !SM_IS_WINDOW (parent))
    return;
  sm_window_show_error (SM_WINDOW (parent), _ ("Could Not Open the User Guide"),
                        _ ("No help viewer could show it. Install the Help application (Yelp) to read "
                           "the guide."));
}

static gboolean
guide_in (const char *help_dir)
{
  g_autofree char *index = g_build_filename (help_dir, "C", GETTEXT_PACKAGE, "index.page", NULL);

  return g_file_test (index, G_FILE_TEST_IS_REGULAR);
}

/* The address of the user guide: help:stakemap when Yelp will find it in
 * the data directories, else the pages where meson install put them, else
 * (running from the build tree, as build-aux/dev run does) the pages in
 * the source tree; NULL when there is no guide at all. */
static char *
help_uri (void)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  const char      *source_dir = help_source_dir != NULL ? help_source_dir : HELP_SOURCE_DIR;
  g_autofree char *source_index = NULL;

  if (help_data_dirs != NULL)
    for (guint i = 0; help_data_dirs[i] != NULL; i++)
      g_ptr_array_add (dirs, g_build_filename (help_data_dirs[i], "help", NULL));
  else
    {
      const char *const *system_dirs = g_get_system_data_dirs ();

      g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "help", NULL));
      for (guint i = 0; system_dirs[i] != NULL; i++)
        g_ptr_array_add (dirs, g_build_filename (system_dirs[i], "help", NULL));
    }
  for (guint i = 0; i < dirs->len; i++)
    if (guide_in (g_ptr_array_index (dirs, i)))
      return g_strdup ("help:" GETTEXT_PACKAGE);

  if (help_data_dirs == NULL && guide_in (HELP_DIR))
    return g_strconcat ("ghelp:", HELP_DIR G_DIR_SEPARATOR_S "C" G_DIR_SEPARATOR_S GETTEXT_PACKAGE, NULL);

  source_index = g_build_filename (source_dir, "index.page", NULL);
  if (g_file_test (source_index, G_FILE_TEST_IS_REGULAR))
    return g_strconcat ("ghelp:", source_dir, NULL);
  return NULL;
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SmApplication   *self = SM_APPLICATION (user_data);
  GtkWindow       *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *uri = help_uri ();

  if (uri == NULL)
    {
      show_error (self, parent, _ ("The User Guide Is Not Installed"),
                  _ ("Stakemap’s help pages were not found on this computer. Installing Stakemap again "
                     "puts them back."));
      return;
    }
  g_debug ("Opening the user guide: %s", uri);
  uri_launcher (parent, uri);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWidget *preferences = sm_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (user_data)));

  if (preferences != NULL)
    gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "import", import_action },
  { "open-recent", open_recent_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "help", help_action },
};

/* GApplication */

/* stakemap --version answers without a display; with G_MESSAGES_DEBUG set
 * it also says where the translations and the user guide are read from. */
static int
sm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_autofree char *guide = help_uri ();

      g_print ("%s %s\n", GETTEXT_PACKAGE, PACKAGE_VERSION);
      g_debug ("Translations: %s", LOCALEDIR);
      g_debug ("User guide: %s", guide != NULL ? guide : "(none)");
      return 0;
    }
  return -1;
}

static void
sm_application_activate (GApplication *app)
{
  SmApplication *self = SM_APPLICATION (app);

  offer_recovery (self);
  if (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL)
    sm_application_new_map (self);
}

/* One window per map. */
static void
sm_application_open (GApplication *app,
                     GFile       **files,
                     int           n_files,
                     const char   *hint)
{
  SmApplication *self = SM_APPLICATION (app);

  offer_recovery (self);
  for (int i = 0; i < n_files; i++)
    sm_application_open_file (self, files[i], NULL);
}

/* STAKEMAP_DEBUG_STALLS=1: every time the main loop was kept from turning
 * for more than 100 ms (a frame of the progress dialog missed, input
 * left waiting) is written to stderr, to find work that belongs on a
 * worker thread. */
static gboolean
stall_tick_cb (gpointer user_data)
{
  static gint64 last;
  gint64        now = g_get_monotonic_time ();

  if (last != 0 && now - last > 100 * 1000)
    g_printerr ("stakemap: main loop blocked for %" G_GINT64_FORMAT " ms (until %.3f s)\n", (now - last) / 1000,
                now / 1e6);
  last = now;
  return G_SOURCE_CONTINUE;
}

static void
sm_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (sm_application_parent_class)->startup (app);

  if (g_getenv ("STAKEMAP_DEBUG_STALLS") != NULL)
    g_timeout_add (10, stall_tick_cb, NULL);

  /* The resources (shortcuts window, style) register themselves when
   * linked; naming them keeps the linker from leaving them out. */
  g_assert (stakemap_get_resource () != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (gtk_app, "app.new", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.import", (const char *[]) { "<Control>i", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.help", (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (gtk_app, "window.close", (const char *[]) { "<Control>w", NULL });
}

static void
sm_application_finalize (GObject *object)
{
  SmApplication *self = (SmApplication *) object;

  /* Each load holds the application: none is left by now. */
  g_clear_pointer (&self->loading, g_ptr_array_unref);

  G_OBJECT_CLASS (sm_application_parent_class)->finalize (object);
}

static void
sm_application_class_init (SmApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sm_application_finalize;

  app_class->activate = sm_application_activate;
  app_class->open = sm_application_open;
  app_class->startup = sm_application_startup;
  app_class->handle_local_options = sm_application_handle_local_options;
}

static void
sm_application_init (SmApplication *self)
{
  self->loading = g_ptr_array_new ();
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _ ("Show the version and quit"), NULL);
}

SmApplication *
sm_application_new (void)
{
  return g_object_new (SM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/stakemap/Stakemap",
                       NULL);
}

/* sm-window-export.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-canvas.h"
#include "sm-export-dialog-private.h"
#include "sm-preferences.h"
#include "sm-selection.h"

/* The map leaving the window as a picture: Export Image… (the dialog),
 * Export as Web Page…, Copy Image (for pasting straight into slides) and
 * Print…. Each draws
 * the view on screen, or the selection alone when there is one for Copy
 * and Print, with the names policy of Preferences unless asked otherwise. */

/* What the window shows, as picture options that point into @ids. */
static void
current_view (SmWindow       *window,
              SmImageOptions *image,
              GStrv          *ids)
{
  SmCanvas        *canvas = SM_CANVAS (sm_window_get_canvas (window));
  SmSelection     *selection = sm_document_get_selection (sm_window_get_document (window));
  const GPtrArray *chosen = sm_selection_get_ids (selection);

  image->view = sm_canvas_get_arrangement (canvas);
  image->marks = sm_canvas_get_marks (canvas);
  image->compare_with = sm_window_get_compare_other (window);
  *ids = NULL;
  if (chosen != NULL && chosen->len > 0)
    {
      *ids = g_new0 (char *, chosen->len + 1);
      for (guint i = 0; i < chosen->len; i++)
        (*ids)[i] = g_strdup (g_ptr_array_index (chosen, i));
      image->selection = (const char *const *) *ids;
    }
}

static void
export_image_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  SmExportDialog *dialog = sm_export_dialog_new (SM_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copy Image */

static gboolean
copy_image (SmWindow *window,
            GError  **error)
{
  SmExportOptions options = SM_EXPORT_OPTIONS_INIT;
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportChoices choices;
  g_auto(GStrv) ids = NULL;
  g_autoptr(SmImage) picture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) both = NULL;

  /* The legend, the title block and the width of the last export; a
   * white background, as slides expect. */
  sm_export_choices_load (&choices);
  choices.format = SM_IMAGE_PNG;
  choices.transparent = FALSE;
  sm_export_choices_apply (&choices, &image);
  current_view (window, &image, &ids);
  options.names = sm_preferences_get_export_names ();
  options.image = &image;

  picture = sm_image_new (sm_document_get_map (sm_window_get_document (window)), &options, error);
  if (picture == NULL)
    return FALSE;
  png = sm_image_write_bytes (picture, SM_IMAGE_PNG, error);
  if (png == NULL)
    return FALSE;
  svg = sm_image_write_bytes (picture, SM_IMAGE_SVG, error);
  if (svg == NULL)
    return FALSE;

  providers[0] = gdk_content_provider_new_for_bytes ("image/png", png);
  providers[1] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  both = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  return gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (window)), both);
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  SmWindow *window = SM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!copy_image (window, &error))
    {
      sm_window_show_error (window, _ ("Could Not Copy the Image"),
                            error != NULL ? error->message : _ ("The clipboard did not take the picture."));
      return;
    }
  sm_window_show_toast (window, _ ("Image copied"));
}

/* Export as Web Page…: one file for people without the app, to send or
 * put on a USB stick. The page shows the whole map in the view on screen,
 * with names as chosen in the file chooser. */

static gboolean
export_web_page (SmWindow     *window,
                 GFile        *file,
                 SmExportNames names,
                 GError      **error)
{
  SmExportOptions options = SM_EXPORT_OPTIONS_INIT;
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmCanvas       *canvas = SM_CANVAS (sm_window_get_canvas (window));

  image.view = sm_canvas_get_arrangement (canvas);
  image.marks = sm_canvas_get_marks (canvas);
  image.compare_with = sm_window_get_compare_other (window);
  options.names = names;
  options.image = &image;
  return sm_exporter_write_file (sm_exporter_lookup ("html"), sm_document_get_map (sm_window_get_document (window)),
                                 &options, file, NULL, NULL, NULL, error);
}

static void
export_web_page_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             SmWindow        *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = g_file_get_basename (chosen);
      const char      *names = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "names");
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      SmExportNames policy = SM_EXPORT_NAMES_CONSENT;

      /* People type a name; the file still needs its ending to open. */
      if (sm_exporter_guess_for_path (name) == sm_exporter_lookup ("html"))
        file = g_object_ref (chosen);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *full = g_strconcat (name, ".html", NULL);

          file = g_file_get_child (parent, full);
        }
      g_free (name);
      name = g_file_get_basename (file);
      /* An answer the chooser did not offer keeps to consent. */
      if (!sm_export_names_from_string (names, &policy))
        policy = SM_EXPORT_NAMES_CONSENT;
      if (!export_web_page (window, file, policy, &error))
        {
          g_autofree char *heading = g_strdup_printf (_ ("Could Not Export “%s”"), name);

          sm_window_show_error (window, heading, error->message);
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_ ("Web page exported as “%s”"), name);

          sm_window_show_toast (window, text);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (window);
}

static void
export_web_page_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SmWindow             *window = SM_WINDOW (widget);
  SmDocument           *document = sm_window_get_document (window);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const SmExporter *exporter = sm_exporter_lookup ("html");
  const char       *name_ids[] = { "consent", "all", "none", NULL };
  const char       *name_labels[] = { _ ("Only people who agreed; others as “Participant N”"),
                                      _ ("Everyone, for the group only"),
                                      _ ("Organisations only; every person as “Participant N”"), NULL };
  g_autofree char  *name = sm_export_propose_name (document, NULL, SM_IMAGE_PNG);
  GFile            *file = sm_document_get_file (document);

  /* The picture's name, with the page's ending. */
  if (g_str_has_suffix (name, ".png"))
    name[strlen (name) - strlen (".png")] = '\0';
  {
    g_autofree char *stem = g_steal_pointer (&name);

    name = g_strconcat (stem, ".html", NULL);
  }

  chooser = gtk_file_chooser_native_new (_ ("Export as Web Page"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, sm_exporter_get_label (exporter));
  gtk_file_filter_add_pattern (filter, "*.html");
  gtk_file_filter_add_pattern (filter, "*.htm");
  gtk_file_filter_add_mime_type (filter, exporter->mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "names", _ ("Names"), name_ids, name_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "names",
                               sm_export_names_to_string (sm_preferences_get_export_names ()));
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_web_page_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Printing */

/* The print settings last used, kept for the session: the printer, the
 * copies, the pages chosen. */
static GtkPrintSettings *session_settings;

/* One print, from the dialog to the last page. */
typedef struct
{
  SmWindow       *window; /* weak */
  SmDocument     *document;
  SmExportOptions options;
  SmImageOptions  image;
  SmExportChoices choices;
  GStrv           ids;
  GHashTable     *marks;
  SmImage        *picture;
  GError         *error;

  /* The Map tab of the print dialog */
  GtkWidget *tile_drop;
  GtkWidget *legend_check;
  GtkWidget *names_drop;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_weak_pointer (&job->window);
  g_clear_object (&job->document);
  g_clear_pointer (&job->ids, g_strfreev);
  g_clear_pointer (&job->marks, g_hash_table_unref);
  g_clear_pointer (&job->picture, sm_image_free);
  g_clear_error (&job->error);
  g_free (job);
}

static PrintJob *
print_job_new (SmWindow *window)
{
  PrintJob *job = g_new0 (PrintJob, 1);

  g_set_weak_pointer (&job->window, window);
  job->document = g_object_ref (sm_window_get_document (window));
  job->options = (SmExportOptions) SM_EXPORT_OPTIONS_INIT;
  job->options.names = sm_preferences_get_export_names ();
  job->image = (SmImageOptions) SM_IMAGE_OPTIONS_INIT;
  sm_export_choices_load (&job->choices);
  job->choices.format = SM_IMAGE_PDF;
  current_view (window, &job->image, &job->ids);
  if (job->image.marks != NULL)
    job->marks = g_hash_table_ref (job->image.marks);
  return job;
}

static gboolean
print_job_make (PrintJob *job,
                GError  **error)
{
  sm_export_choices_apply (&job->choices, &job->image);
  job->options.image = &job->image;
  g_clear_pointer (&job->picture, sm_image_free);
  job->picture = sm_image_new (sm_document_get_map (job->document), &job->options, error);
  return job->picture != NULL;
}

static GtkPageSetup *
default_page_setup (PrintJob *job)
{
  static const char *const papers[] = { GTK_PAPER_NAME_A4, GTK_PAPER_NAME_LETTER, GTK_PAPER_NAME_A3 };
  GtkPageSetup            *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (papers[job->choices.page]);

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, job->picture != NULL && sm_image_is_landscape (job->picture)
                                           ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                           : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  guint n;

  if (job->picture == NULL && !print_job_make (job, &job->error))
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  n = sm_image_get_n_pages (job->picture, gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
  if (n == 0)
    {
      /* Translators: %d is the most pages a printed map may take */
      g_set_error (&job->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The map would take more than %d page at full size; fit it to one page instead.",
                                "The map would take more than %d pages at full size; fit it to one page instead.",
                                SM_IMAGE_MAX_PAGES),
                   SM_IMAGE_MAX_PAGES);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, n);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  sm_image_draw_page (job->picture, gtk_print_context_get_cairo_context (context), page,
                      gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  GtkWidget  *grid = gtk_grid_new ();
  GtkWidget  *label;
  const char *sizes[] = { _ ("Fit to one page"), _ ("Full size, across pages"), NULL };
  const char *names[] = { _ ("Only agreed names"), _ ("All names, for the group only"), _ ("Organisations only"),
                          NULL };

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  g_object_set (grid, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12, NULL);

  label = gtk_label_new_with_mnemonic (_ ("_Size"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  job->tile_drop = gtk_drop_down_new_from_strings (sizes);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (job->tile_drop), job->choices.tile ? 1 : 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), job->tile_drop);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), job->tile_drop, 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_ ("_Names"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  job->names_drop = gtk_drop_down_new_from_strings (names);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (job->names_drop), _sm_export_names_to_position (job->options.names));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), job->names_drop);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), job->names_drop, 1, 1, 1, 1);

  job->legend_check = gtk_check_button_new_with_mnemonic (_ ("Show the _legend"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->legend_check), job->choices.legend);
  gtk_grid_attach (GTK_GRID (grid), job->legend_check, 1, 2, 1, 1);

  return G_OBJECT (grid);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  job->choices.tile = gtk_drop_down_get_selected (GTK_DROP_DOWN (job->tile_drop)) == 1;
  job->choices.legend = gtk_check_button_get_active (GTK_CHECK_BUTTON (job->legend_check));
  job->options.names = _sm_export_names_from_position (gtk_drop_down_get_selected (GTK_DROP_DOWN (job->names_drop)));
  /* Made again in begin-print, with these choices. */
  g_clear_pointer (&job->picture, sm_image_free);
}

static void
done_cb (GtkPrintOperation      *operation,
         GtkPrintOperationResult result,
         PrintJob               *job)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&session_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  if (error == NULL && job->error != NULL)
    error = g_error_copy (job->error);
  /* Printing to a file reports to its caller instead. */
  if (error != NULL && job->window != NULL && g_object_get_data (G_OBJECT (operation), "sm-quiet") == NULL)
    sm_window_show_error (job->window, _ ("Could Not Print the Map"), error->message);
  if (g_object_get_data (G_OBJECT (operation), "sm-async") != NULL)
    g_object_unref (operation);
}

/* Prints @window's view: with the print dialog, or to a PDF at @path
 * without it (the tests). */
static gboolean
print_map (SmWindow               *window,
           GtkPrintOperationAction action,
           const char             *path,
           GError                **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = NULL;
  PrintJob               *job = print_job_new (window);
  GtkPrintOperationResult result;
  g_autofree char        *title = sm_document_dup_display_title (sm_window_get_document (window));

  /* The picture is made once first, for its orientation. */
  if (!print_job_make (job, error))
    {
      print_job_free (job);
      return FALSE;
    }
  setup = default_page_setup (job);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (session_settings != NULL)
    gtk_print_operation_set_print_settings (operation, session_settings);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The picture keeps its own margins. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _ ("Map"));
  if (path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, path);
      g_object_set_data (G_OBJECT (operation), "sm-quiet", GINT_TO_POINTER (TRUE));
    }
  else
    gtk_print_operation_set_allow_async (operation, TRUE);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "sm-print-job", job, (GDestroyNotify) print_job_free);

  if (path == NULL)
    {
      /* The dialog runs on its own; done_cb() reports how it ended and
       * lets the operation go. */
      g_object_set_data (G_OBJECT (operation), "sm-async", GINT_TO_POINTER (TRUE));
      g_object_ref (operation);
      gtk_print_operation_run (operation, action, GTK_WINDOW (window), NULL);
      return TRUE;
    }
  result = gtk_print_operation_run (operation, action, GTK_WINDOW (window), error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (job->error != NULL)
    {
      g_propagate_error (error, g_error_copy (job->error));
      return FALSE;
    }
  return TRUE;
}

static void
print_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  SmWindow *window = SM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!print_map (window, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) && error != NULL)
    sm_window_show_error (window, _ ("Could Not Print the Map"), error->message);
}

/* Prints to a PDF at @path as the print dialog would with its defaults. */
gboolean
_sm_window_test_print_to_file (SmWindow   *window,
                               const char *path,
                               GError    **error)
{
  return print_map (window, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error);
}

/* Exports the web page to @path as the file chooser would. */
gboolean
_sm_window_test_export_web_page (SmWindow     *window,
                                 const char   *path,
                                 SmExportNames names,
                                 GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return export_web_page (window, file, names, error);
}

void
_sm_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_image_action);
  gtk_widget_class_install_action (widget_class, "win.export-web-page", NULL, export_web_page_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-image",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-image",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-image",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-image",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
}

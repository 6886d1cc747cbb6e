/* test-export.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-application-private.h"
#include "sm-export-dialog-private.h"
#include "sm-ui-test-utils.h"
#include "sm-window-private.h"

/* The map leaving the window as a policy officer takes it: Export Image…
 * with its choices and preview, Copy Image for slides, and printing. The
 * example map names Amina, who said yes, and Gloria, who has not said
 * (she must appear as "Participant N" unless everyone is named). */

static SmApplication *app;
static char          *scratch;

static char *
scratch_path (const char *name)
{
  return g_build_filename (scratch, name, NULL);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *keys[] = { "export-format", "export-legend", "export-title", "export-transparent",
                         "export-width", "export-page", "export-orientation", "export-tile",
                         "export-margin" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static SmWindow *
open_map (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window;

  reset_settings ();
  window = sm_application_open_file (app, file, NULL);
  sm_test_spin ();
  g_assert_nonnull (window);
  return SM_WINDOW (window);
}

static SmWindow *
open_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "neighbourhood-air.stakemap", NULL);

  return open_map (path);
}

/* Export Image… as the shortcut opens it. */
static SmExportDialog *
open_dialog (SmWindow *window)
{
  g_autoptr(GList) toplevels = NULL;
  SmExportDialog *found = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-image", NULL));
  sm_test_spin ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SM_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (found)) == GTK_WINDOW (window));
  return found;
}

static GtkWidget *
child (SmExportDialog *dialog,
       const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), SM_TYPE_EXPORT_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
choose (SmExportDialog *dialog,
        const char     *row,
        guint           position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, row)), position);
  sm_test_spin ();
}

static guint
view_position (const char *id)
{
  guint                           n = 0;
  const SmArrangementInfo *const *all = sm_arrangements_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (sm_arrangement_info_get_id (all[i]), id))
      return i;
  g_assert_not_reached ();
}

static GBytes *
export_bytes (SmExportDialog *dialog,
              const char     *name)
{
  g_autofree char *path = scratch_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (_sm_export_dialog_test_export_to (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static const char *
find (const char *data,
      gsize       length,
      const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, text, n) == 0)
      return data + i;
  return NULL;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *text)
{
  gsize       length;
  const char *data = g_bytes_get_data (bytes, &length);

  return find (data, length, text) != NULL;
}

static guint
png_width (GBytes *png)
{
  const guint8 *data = g_bytes_get_data (png, NULL);

  g_assert_cmpuint (g_bytes_get_size (png), >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  return (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
}

static guint
pdf_pages (GBytes *pdf)
{
  gsize       length;
  const char *data = g_bytes_get_data (pdf, &length);
  guint       n = 0;

  g_assert_true (length > 5 && memcmp (data, "%PDF-", 5) == 0);
  for (const char *p = data; (p = find (p, length - (p - data), "/Type /Page")) != NULL; p += 11)
    if (p + 11 < data + length && p[11] != 's')
      n++;
  return n;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char      *argv[] = { pdftotext, "-raw", path, "-", NULL };
  char            *text = NULL;
  int              status = -1;

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
                               &status, NULL));
  g_assert_cmpint (status, ==, 0);
  return g_strdelimit (text, "\n", ' ');
}

static void
test_proposes_file_name (void)
{
  g_autofree char *odd = scratch_path ("odd.stakemap");
  g_autofree char *untitled = scratch_path ("untitled.stakemap");
  SmWindow        *window = open_example ();
  SmExportDialog  *dialog = open_dialog (window);
  g_autofree char *name = NULL;

  /* The view on screen, the map: its title alone. */
  name = _sm_export_dialog_test_dup_proposed_name (dialog);
  g_assert_cmpstr (name, ==, "Cleaner air around Millfield Primary.png");
  g_clear_pointer (&name, g_free);

  choose (dialog, "view_row", view_position ("ladder"));
  choose (dialog, "format_row", SM_IMAGE_PDF);
  name = _sm_export_dialog_test_dup_proposed_name (dialog);
  g_assert_cmpstr (name, ==, "Cleaner air around Millfield Primary - Ladder of Co-production.pdf");
  g_clear_pointer (&name, g_free);
  sm_test_close_all ();

  /* A title no file system takes as it is. */
  sm_test_write_file (odd, "{\"format\": \"stakemap\", \"version\": 1, "
                           "\"map\": {\"title\": \"  ..Plan: A/B  \\\"draft\\\"?  \"}, \"stakeholders\": []}");
  window = open_map (odd);
  dialog = open_dialog (window);
  name = _sm_export_dialog_test_dup_proposed_name (dialog);
  g_assert_cmpstr (name, ==, "Plan A B draft.png");
  g_clear_pointer (&name, g_free);
  sm_test_close_all ();

  sm_test_write_file (untitled, "{\"format\": \"stakemap\", \"version\": 1, \"map\": {}, \"stakeholders\": []}");
  window = open_map (untitled);
  dialog = open_dialog (window);
  name = _sm_export_dialog_test_dup_proposed_name (dialog);
  g_assert_cmpstr (name, ==, "Untitled map.png");
  sm_test_close_all ();
}

static void
test_writes_chosen_view (void)
{
  SmWindow       *window = open_example ();
  SmMap          *map = sm_document_get_map (sm_window_get_document (window));
  SmExportDialog *dialog;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(SmImage) image = NULL;
  g_autoptr(GError) error = NULL;
  SmImageOptions options = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions export = SM_EXPORT_OPTIONS_INIT;

  /* PNG of the ladder, 1200 px wide, no legend: the same picture the
   * core draws for those options. */
  dialog = open_dialog (window);
  choose (dialog, "view_row", view_position ("ladder"));
  gtk_switch_set_active (GTK_SWITCH (child (dialog, "legend_switch")), FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "width_spin")), 1200);
  png = export_bytes (dialog, "ladder.png");
  g_assert_cmpuint (png_width (png), ==, 1200);
  options.view = "ladder";
  options.width = 1200;
  options.no_legend = TRUE;
  export.image = &options;
  image = sm_image_new (map, &export, &error);
  g_assert_no_error (error);
  expected = sm_image_write_bytes (image, SM_IMAGE_PNG, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (png, expected));

  /* SVG: names as text, following consent unless everyone is named. */
  choose (dialog, "format_row", SM_IMAGE_SVG);
  svg = export_bytes (dialog, "ladder.svg");
  g_assert_true (bytes_contain (svg, "<svg"));
  g_assert_true (bytes_contain (svg, "<text"));
  g_assert_true (bytes_contain (svg, "Amina"));
  g_assert_false (bytes_contain (svg, "Gloria"));
  g_clear_pointer (&svg, g_bytes_unref);
  choose (dialog, "names_row", 1);
  svg = export_bytes (dialog, "ladder-all.svg");
  g_assert_true (bytes_contain (svg, "Gloria"));
  g_clear_pointer (&svg, g_bytes_unref);
  /* Organisations only: Amina agreed, and is still not named; the
   * caption counts every person. */
  choose (dialog, "names_row", 2);
  g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog),
                            "people shown as “Participant N”: only organisations named"));
  svg = export_bytes (dialog, "ladder-none.svg");
  g_assert_false (bytes_contain (svg, "Amina"));
  g_assert_false (bytes_contain (svg, "Gloria"));
  g_assert_true (bytes_contain (svg, "Participant 1"));
  g_assert_true (bytes_contain (svg, "Clean Air Northbridge"));

  /* PDF: one page fitted, several tiled at full size. */
  choose (dialog, "names_row", 0);
  choose (dialog, "view_row", view_position ("map"));
  choose (dialog, "format_row", SM_IMAGE_PDF);
  pdf = export_bytes (dialog, "map.pdf");
  g_assert_cmpuint (pdf_pages (pdf), ==, 1);
  g_assert_false (bytes_contain (pdf, "Gloria"));
  g_clear_pointer (&pdf, g_bytes_unref);
  choose (dialog, "tile_row", 1);
  pdf = export_bytes (dialog, "tiled.pdf");
  g_assert_cmpuint (pdf_pages (pdf), >, 1);
  /* The preview says how many sheets the file has. */
  {
    g_autofree char *pages = g_strdup_printf ("Page 1 of %u", pdf_pages (pdf));

    g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog), pages));
  }

  /* A name the user typed with its own ending decides the kind. */
  g_clear_pointer (&png, g_bytes_unref);
  png = export_bytes (dialog, "typed.png");
  g_assert_cmpuint (png_width (png), ==, 1200);

  /* A folder that is not there: an error, and nothing written. */
  {
    g_autofree char *nowhere = scratch_path ("no-such-folder/map.png");
    g_autoptr(GFile) lost = g_file_new_for_path (nowhere);

    g_assert_false (_sm_export_dialog_test_export_to (dialog, lost, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }
  sm_test_close_all ();

  /* An empty map is a picture too: it says nothing is on the map yet. */
  reset_settings ();
  window = SM_WINDOW (sm_application_new_map (app));
  sm_test_spin ();
  dialog = open_dialog (window);
  empty = export_bytes (dialog, "empty.png");
  g_assert_cmpuint (png_width (empty), ==, 2000);
  sm_test_close_all ();
}

static void
test_selection_only (void)
{
  SmWindow       *window = open_example ();
  SmDocument     *document = sm_window_get_document (window);
  SmExportDialog *dialog;
  g_autoptr(GBytes) svg = NULL;
  const char *ids[] = { "amina", "ra", NULL };

  /* Nothing selected: the choice is there, but cannot be made. */
  dialog = open_dialog (window);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "selection_row")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  sm_selection_set (sm_document_get_selection (document), ids);
  dialog = open_dialog (window);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "selection_row")));
  choose (dialog, "format_row", SM_IMAGE_SVG);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "selection_check")), TRUE);
  sm_test_spin ();
  svg = export_bytes (dialog, "selection.svg");
  g_assert_true (bytes_contain (svg, "Amina"));
  g_assert_true (bytes_contain (svg, "Residents"));
  g_assert_false (bytes_contain (svg, "Tomasz"));
  sm_test_close_all ();
}

static void
test_remembers_choices (void)
{
  SmWindow       *window = open_example ();
  SmExportDialog *dialog = open_dialog (window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *format = NULL;

  choose (dialog, "format_row", SM_IMAGE_PDF);
  choose (dialog, "page_row", SM_PAGE_A3);
  choose (dialog, "orientation_row", SM_PAGE_PORTRAIT);
  choose (dialog, "names_row", 1);
  gtk_switch_set_active (GTK_SWITCH (child (dialog, "title_switch")), FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "width_spin")), 1500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "margin_spin")), 25);
  bytes = export_bytes (dialog, "remembered.pdf");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sm_test_spin ();

  format = g_settings_get_string (settings, "export-format");
  g_assert_cmpstr (format, ==, "pdf");
  g_assert_false (g_settings_get_boolean (settings, "export-title"));

  dialog = open_dialog (window);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "format_row"))), ==, SM_IMAGE_PDF);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "page_row"))), ==, SM_PAGE_A3);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "orientation_row"))), ==,
                    SM_PAGE_PORTRAIT);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (dialog, "title_switch"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (dialog, "legend_switch"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (dialog, "width_spin"))), ==, 1500);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (dialog, "margin_spin"))), ==, 25);
  g_assert_cmpint (g_settings_get_int (settings, "export-margin"), ==, 25);
  /* Naming everyone is for one export, never the next one's default. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "names_row"))), ==, 0);
  sm_test_close_all ();
}

/* Pixels that are neither empty nor the colour of the first. */
static guint
count_drawn (cairo_surface_t *surface)
{
  int           width = cairo_image_surface_get_width (surface);
  int           height = cairo_image_surface_get_height (surface);
  int           stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);

        if (pixel >> 24 != 0)
          g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }
  return g_hash_table_size (colours);
}

static void
test_preview_draws (void)
{
  SmWindow        *window = open_example ();
  SmExportDialog  *dialog = open_dialog (window);
  cairo_surface_t *surface;

  surface = _sm_export_dialog_test_draw_preview (dialog, 400, 300);
  /* Shapes, names, lines and the legend in many colours, not a blank
   * sheet. */
  g_assert_cmpuint (count_drawn (surface), >, 20);
  cairo_surface_destroy (surface);
  g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog), "2000 ×"));
  g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog), "1 person shown as"));

  choose (dialog, "format_row", SM_IMAGE_PDF);
  g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog), "Page 1 of 1"));
  surface = _sm_export_dialog_test_draw_preview (dialog, 400, 300);
  g_assert_cmpuint (count_drawn (surface), >, 20);
  cairo_surface_destroy (surface);

  /* The dialog on screen draws it too. */
  gtk_window_present (GTK_WINDOW (dialog));
  sm_test_wait_for_idle ();
  g_assert_cmpint (gtk_widget_get_width (child (dialog, "preview")), >, 100);
  sm_test_close_all ();
}

/* The clipboard writes from the same main loop it is read in: both sides
 * run asynchronously. */
static void
splice_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  *out = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  const char *mime = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime, &error);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_done_cb, user_data);
}

static GBytes *
read_clipboard (GdkClipboard *clipboard,
                const char   *mime)
{
  const char *types[] = { mime, NULL };
  GBytes     *bytes = NULL;

  gdk_clipboard_read_async (clipboard, types, G_PRIORITY_DEFAULT, NULL, read_done_cb, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bytes;
}

static void
test_copy_image (void)
{
  SmWindow     *window = open_example ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  GdkContentFormats *formats;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL));
  sm_test_spin ();
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/png"));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/svg+xml"));

  png = read_clipboard (clipboard, "image/png");
  g_assert_cmpuint (png_width (png), ==, 2000);
  svg = read_clipboard (clipboard, "image/svg+xml");
  g_assert_true (bytes_contain (svg, "<svg"));
  g_assert_true (bytes_contain (svg, "Amina"));
  g_assert_false (bytes_contain (svg, "Gloria"));
  g_clear_pointer (&svg, g_bytes_unref);

  /* Organisations only in Preferences: Copy Image names no person. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "export-names", "none");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL));
    sm_test_spin ();
    svg = read_clipboard (clipboard, "image/svg+xml");
    g_settings_reset (settings, "export-names");
    g_assert_false (bytes_contain (svg, "Amina"));
    g_assert_true (bytes_contain (svg, "only organisations and groups are named"));
  }
  sm_test_close_all ();
}

static void
test_print_to_file (void)
{
  g_autofree char *path = scratch_path ("printed.pdf");
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  SmWindow *window = open_example ();

  g_assert_true (_sm_window_test_print_to_file (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed: the printed names were not read");
      sm_test_close_all ();
      return;
    }
  g_assert_nonnull (strstr (text, "Amina"));
  g_assert_nonnull (strstr (text, "Residents"));
  g_assert_null (strstr (text, "Gloria"));
  sm_test_close_all ();
}

/* Export as Web Page… writes the page of the map on screen, with the
 * names chosen: the hidden person nowhere unless everyone is named. */
static void
test_web_page (void)
{
  g_autofree char *path = scratch_path ("map.html");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  SmWindow *window = open_example ();

  g_assert_true (_sm_window_test_export_web_page (window, path, SM_EXPORT_NAMES_CONSENT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "data-id=\"amina\""));
  g_assert_nonnull (strstr (contents, "Participant 1"));
  g_assert_null (strstr (contents, "Gloria"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (_sm_window_test_export_web_page (window, path, SM_EXPORT_NAMES_ALL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Gloria"));
  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sm_test_application_new ("stakemap-ui-export", &scratch);

  g_test_add_func ("/ui/export/proposes-file-name", test_proposes_file_name);
  g_test_add_func ("/ui/export/writes-chosen-view", test_writes_chosen_view);
  g_test_add_func ("/ui/export/selection-only", test_selection_only);
  g_test_add_func ("/ui/export/remembers-choices", test_remembers_choices);
  g_test_add_func ("/ui/export/preview-draws", test_preview_draws);
  g_test_add_func ("/ui/export/copy-image", test_copy_image);
  g_test_add_func ("/ui/export/print-to-file", test_print_to_file);
  g_test_add_func ("/ui/export/web-page", test_web_page);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

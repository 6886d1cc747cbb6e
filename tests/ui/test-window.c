/* test-window.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sm-application-private.h"
#include "sm-autosave.h"
#include "sm-canvas-private.h"
#include "sm-map-panel.h"
#include "sm-render.h"
#include "sm-evaluation-store.h"
#include "sm-exporter.h"
#include "sm-format.h"
#include "sm-import.h"
#include "sm-test-maps.h"
#include "sm-table-view-private.h"
#include "sm-window-private.h"
#include "sm-window-tidy.h"
#include "sm-ui-test-utils.h"

/* The window around a map as a facilitator meets it: its title, opening
 * and refusing files, saving, closing with unsaved changes, importing,
 * the read-only notice and recovery after a crash. */

static SmApplication *app;
static char          *scratch;

static char *
scratch_path (const char *name)
{
  return g_build_filename (scratch, name, NULL);
}

/* Message dialogs are toplevels of their own, not the application's. */
static AdwMessageDialog *
find_dialog (guint *count)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  *count = 0;
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        found = l->data;
        (*count)++;
      }
  return found;
}

static guint
count_dialogs (void)
{
  guint n;

  find_dialog (&n);
  return n;
}

static SmWindow *
only_map_window (void)
{
  SmWindow *found = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SM_IS_WINDOW (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  return found;
}

static SmCommand *
add_named (SmMap      *map,
           const char *name)
{
  g_autoptr(JsonObject) data = json_object_new ();

  json_object_set_string_member (data, "name", name);
  json_object_set_int_member (data, "x", 0);
  json_object_set_int_member (data, "y", 0);
  return sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data);
}

static void
test_title_marks_changes (void)
{
  GtkWindow  *window = sm_application_new_map (app);
  SmDocument *document = sm_window_get_document (SM_WINDOW (window));

  sm_test_spin ();
  g_assert_cmpstr (gtk_window_get_title (window), ==, "New Map");

  sm_document_push (document, add_named (sm_document_get_map (document), "Amina"));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "• New Map");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "New Map");
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (sm_document_get_map (document))), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (sm_document_get_map (document))), ==, 1);

  sm_test_close_all ();
}

static void
test_open_example_replaces_empty_window (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *empty = sm_application_new_map (app);
  GtkWindow *window;
  SmMap     *map;

  sm_test_spin ();
  window = sm_application_open_file (app, file, empty);
  sm_test_spin ();
  g_assert_nonnull (window);
  map = sm_document_get_map (sm_window_get_document (SM_WINDOW (window)));
  g_assert_cmpstr (gtk_window_get_title (window), ==, sm_map_get_title (map));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), >, 5);
  /* The untouched new map made way for it. */
  g_assert_true (only_map_window () == SM_WINDOW (window));

  /* Opening it again shows the same window. */
  g_assert_true (sm_application_open_file (app, file, NULL) == window);

  sm_test_close_all ();
}

static void
test_new_file_is_saved_there (void)
{
  g_autofree char *path = scratch_path ("new-here.stakemap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SmMap) saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow  *window = sm_application_open_file (app, file, NULL);
  SmDocument *document = sm_window_get_document (SM_WINDOW (window));

  sm_test_spin ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "new-here.stakemap");
  sm_document_push (document, add_named (sm_document_get_map (document), "Bilal"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  sm_test_spin ();

  saved = sm_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_collection_get (sm_map_get_stakeholders (saved), 0)), ==, "Bilal");
  g_assert_false (sm_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "new-here.stakemap");

  sm_test_close_all ();
  g_unlink (path);
}

static void
test_refused_file_opens_nothing (void)
{
  g_autofree char *path = scratch_path ("broken.stakemap");
  g_autoptr(GFile) file = NULL;
  AdwMessageDialog *dialog;
  GtkWindow        *window;
  guint             n;

  sm_test_write_file (path, "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[{\"id\":\"a\"}]}");
  file = g_file_new_for_path (path);
  window = sm_application_open_file (app, file, NULL);
  sm_test_spin ();

  g_assert_null (window);
  /* The error sits on a window of its own, and says where and what. */
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "$.stakeholders[0].name"));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.stakemap"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (sm_document_get_file (sm_window_get_document (only_map_window ())));

  sm_test_close_all ();
  g_unlink (path);
}

static void
test_newer_version_is_read_only (void)
{
  g_autofree char *path = scratch_path ("newer.stakemap");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  SmDocument *document;
  GtkWindow  *window;

  sm_test_write_file (path, "{\"format\":\"stakemap\",\"version\":2,\"map\":{\"title\":\"Future\"},"
                            "\"stakeholders\":[{\"id\":\"a\",\"name\":\"Ann\",\"x\":0,\"y\":0}]}");
  file = g_file_new_for_path (path);
  window = sm_application_open_file (app, file, NULL);
  sm_test_spin ();

  g_assert_nonnull (window);
  document = sm_window_get_document (SM_WINDOW (window));
  g_assert_true (sm_document_get_read_only (document));

  /* Nothing changes it, and saving never overwrites the newer file. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stakeholder", NULL);
  sm_document_push (document, add_named (sm_document_get_map (document), "Bo"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  sm_test_spin ();
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (sm_document_get_map (document))), ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"version\":2"));
  g_assert_false (sm_document_get_modified (document));

  sm_test_close_all ();
  g_unlink (path);
}

static void
test_close_asks_about_unsaved_changes (void)
{
  GtkWindow  *window = sm_application_new_map (app);
  SmDocument *document = sm_window_get_document (SM_WINDOW (window));

  sm_test_spin ();
  sm_document_push (document, add_named (sm_document_get_map (document), "Carla"));
  gtk_window_close (window);
  sm_test_spin ();
  /* Still open, with the question on top. */
  g_assert_true (only_map_window () == SM_WINDOW (window));
  g_assert_cmpuint (count_dialogs (), ==, 1);

  sm_test_close_all ();

  /* Nothing to save: closing just closes. */
  window = sm_application_new_map (app);
  sm_test_spin ();
  gtk_window_close (window);
  sm_test_spin ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_import_csv_pair (void)
{
  g_autofree char *people_path = g_test_build_filename (G_TEST_DIST, "data", "import", "people-bom-crlf.csv", NULL);
  g_autofree char *ties_path = g_test_build_filename (G_TEST_DIST, "data", "import", "ties-by-name.csv", NULL);
  GFile           *files[2];
  GtkWindow       *window;
  SmMap           *map;

  /* Given in either order, the relationships file is told by its columns. */
  files[0] = g_file_new_for_path (ties_path);
  files[1] = g_file_new_for_path (people_path);
  window = sm_application_import_files (app, files, 2, NULL);
  sm_test_spin ();
  g_assert_nonnull (window);
  map = sm_document_get_map (sm_window_get_document (SM_WINDOW (window)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), >, 0);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), >, 0);
  /* Imported, not saved: closing would ask. */
  g_assert_true (sm_document_get_modified (sm_window_get_document (SM_WINDOW (window))));
  g_assert_null (sm_document_get_file (sm_window_get_document (SM_WINDOW (window))));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  sm_test_close_all ();
}

/* A workbook, its two sheets made into one map; with any other file it is
 * refused, saying why. */
static void
test_import_xlsx (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "hidden-ids.stakemap", NULL);
  g_autofree char *book_path = scratch_path ("register.xlsx");
  g_autofree char *people_path = g_test_build_filename (G_TEST_DIST, "data", "import", "people-bom-crlf.csv", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (fixture);
  g_autoptr(GFile) book = g_file_new_for_path (book_path);
  g_autoptr(GFile) people = g_file_new_for_path (people_path);
  const SmExportOptions everyone = { SM_EXPORT_NAMES_ALL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sm_format_read_file (source, NULL, &error);
  g_autoptr(SmMap) original = sm_format_load_bytes (bytes, &error);
  GFile            *files[2] = { book, people };
  GtkWindow        *window;
  AdwMessageDialog *dialog;
  SmMap            *map;
  guint             n;

  g_assert_no_error (error);
  g_assert_true (sm_exporter_write_file (sm_exporter_lookup ("xlsx"), original, &everyone, book, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);

  window = sm_application_import_files (app, files, 1, NULL);
  sm_test_spin ();
  g_assert_nonnull (window);
  map = sm_document_get_map (sm_window_get_document (SM_WINDOW (window)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==,
                    sm_collection_get_size (sm_map_get_stakeholders (original)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 3);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, "gloria")), ==, "Gloria Mensah");
  sm_test_close_all ();

  window = sm_application_import_files (app, files, 2, NULL);
  sm_test_spin ();
  g_assert_null (window);
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "A workbook holds both"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  sm_test_close_all ();
}

/* Kumu's export: the connections file is told by its From and To. */
static void
test_import_kumu_pair (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stakemap-kumu-XXXXXX", NULL);
  g_autofree char *people_path = g_build_filename (dir, "elements.csv", NULL);
  g_autofree char *ties_path = g_build_filename (dir, "connections.csv", NULL);
  GFile           *files[2];
  GtkWindow       *window;
  SmMap           *map;

  g_assert_true (g_file_set_contents (people_path, "Label,Type,Description,Tags\nAnn,Funder,,\nBob,,,\n", -1, NULL));
  g_assert_true (g_file_set_contents (ties_path, "From,To,Type,Direction\nAnn,Bob,,mutual\n", -1, NULL));
  files[0] = g_file_new_for_path (ties_path);
  files[1] = g_file_new_for_path (people_path);
  window = sm_application_import_files (app, files, 2, NULL);
  sm_test_spin ();
  g_assert_nonnull (window);
  map = sm_document_get_map (sm_window_get_document (SM_WINDOW (window)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 2);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (sm_map_get_relationships (map), 0), "direction"), ==,
                   "two_way");

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_unlink (people_path);
  g_unlink (ties_path);
  g_rmdir (dir);
  sm_test_close_all ();
}

/* The words of every label under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* What an import changes is told in its toast, whose button lists every
 * change with its row, so that nothing changes silently. */
static void
test_import_changes_listed (void)
{
  g_autofree char *path = scratch_path ("elements.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) listed = g_string_new (NULL);
  GtkWindow        *window;
  AdwToast         *toast;
  AdwMessageDialog *dialog;
  guint             n;

  /* Kumu's Type is the kind where it names one; "Charity" does not. */
  g_assert_true (g_file_set_contents (path, "Label,Type\nAnn,Funder\nHelping Hands,Charity\n", -1, NULL));
  file = g_file_new_for_path (path);
  window = sm_application_import_files (app, &file, 1, NULL);
  sm_test_spin ();
  g_assert_nonnull (window);
  toast = _sm_window_test_get_last_toast (SM_WINDOW (window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Imported 2 stakeholders from “elements.csv” with 1 change");
  g_assert_nonnull (adw_toast_get_button_label (toast));
  g_assert_cmpuint (count_dialogs (), ==, 0);

  g_signal_emit_by_name (toast, "button-clicked");
  sm_test_spin ();
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  collect_labels (adw_message_dialog_get_extra_child (dialog), listed);
  g_assert_nonnull (strstr (listed->str, "line 3, column \"Type\": \"Charity\" is not a stakeholder kind"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (path);
  sm_test_close_all ();
}

/* Gephi's own format is imported by its extension, positions and all. */
static void
test_import_gexf (void)
{
  g_autofree char *path = scratch_path ("network.gexf");
  g_autoptr(GFile) file = NULL;
  GtkWindow *window;
  SmMap     *map;
  double     x, y;

  g_assert_true (g_file_set_contents (path,
                                      "<gexf xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">"
                                      "<graph defaultedgetype=\"undirected\"><nodes>"
                                      "<node id=\"a\" label=\"Ann\"><viz:position x=\"10\" y=\"20\"/></node>"
                                      "<node id=\"b\" label=\"Bob\"><viz:position x=\"-5\" y=\"0\"/></node>"
                                      "</nodes><edges><edge id=\"e\" source=\"a\" target=\"b\"/></edges></graph></gexf>",
                                      -1, NULL));
  file = g_file_new_for_path (path);
  window = sm_application_import_files (app, &file, 1, NULL);
  sm_test_spin ();
  g_assert_nonnull (window);
  map = sm_document_get_map (sm_window_get_document (SM_WINDOW (window)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 2);
  g_assert_true (sm_stakeholder_get_position (sm_collection_get (sm_map_get_stakeholders (map), 0), &x, &y));
  g_assert_cmpfloat (x, ==, 10);
  g_assert_cmpfloat (y, ==, -20);
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (sm_map_get_relationships (map), 0), "direction"), ==,
                   "two_way");
  g_assert_cmpstr (adw_toast_get_title (_sm_window_test_get_last_toast (SM_WINDOW (window))), ==,
                   "Imported 2 stakeholders from “network.gexf”");

  g_unlink (path);
  sm_test_close_all ();
}

static void
test_recovery_after_crash (void)
{
  g_autoptr(GFile) dir = sm_autosave_get_default_dir ();
  g_autoptr(SmMap) map = sm_map_new ();
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(SmAutosave) autosave = NULL;
  g_autoptr(GFile) original = g_file_new_for_path ("/tmp/lost-meeting.stakemap");
  g_autofree char *note_path = NULL;
  g_autofree char *broken_path = NULL;
  g_autoptr(GFile) broken = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 1);
  g_autoptr(GError) error = NULL;
  SmWindow   *window;
  SmDocument *recovered;

  /* A copy written by a process that is gone (and its lock with it). */
  document = sm_document_new (map, original);
  sm_document_push (document, add_named (map, "Dara"));
  autosave = sm_autosave_new (document, NULL, NULL);
  g_assert_true (sm_autosave_write_now (autosave, &error));
  note_path = g_strdup_printf ("%s/%s.info", g_file_peek_path (dir), sm_autosave_get_id (autosave));
  g_clear_object (&autosave);

  /* And a copy with no note that does not load, written after it. */
  broken_path = g_build_filename (g_file_peek_path (dir), "lost.stakemap", NULL);
  sm_test_write_file (broken_path, "{\"format\":\"stakemap\",\"version\":1,\"stakeh");
  broken = g_file_new_for_path (broken_path);
  g_assert_true (g_file_set_attribute_uint64 (broken, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              g_date_time_to_unix (later),
                                              G_FILE_QUERY_INFO_NONE, NULL, NULL));

  g_application_activate (G_APPLICATION (app));
  sm_test_spin ();

  /* The copy that does not load is not dropped without a word: the user
   * is told, and chooses. */
  {
    guint             n;
    AdwMessageDialog *dialog = find_dialog (&n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recovery Copy Could Not Be Opened");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "unknown origin"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), broken_path));
    /* As a click does: the response, then the dialog closes. */
    adw_message_dialog_response (dialog, "keep");
    gtk_window_close (GTK_WINDOW (dialog));
    sm_test_spin ();
    g_assert_cmpuint (count_dialogs (), ==, 0);
    g_assert_true (g_file_test (broken_path, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(GPtrArray) orphans = sm_autosave_find_orphans (NULL);

    /* Kept: asked again at the next start. */
    g_assert_cmpuint (orphans->len, ==, 1);
    g_assert_true (g_file_equal (((SmAutosaveEntry *) g_ptr_array_index (orphans, 0))->data, broken));
    sm_autosave_delete_entry (g_ptr_array_index (orphans, 0));
  }

  window = only_map_window ();
  recovered = sm_window_get_document (window);
  g_assert_true (g_file_equal (sm_document_get_file (recovered), original));
  g_assert_true (sm_document_get_modified (recovered));
  g_assert_cmpstr (sm_stakeholder_get_name (sm_collection_get (sm_map_get_stakeholders (sm_document_get_map (recovered)), 0)),
                   ==, "Dara");

  /* Closing without saving discards the copy: it is not offered again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  sm_test_spin ();
  {
    guint             n;
    AdwMessageDialog *dialog = find_dialog (&n);

    g_assert_cmpuint (n, ==, 1);
    adw_message_dialog_response (dialog, "discard");
  }
  sm_test_spin ();
  g_assert_false (g_file_test (note_path, G_FILE_TEST_EXISTS));
  sm_test_close_all ();
}

static void
test_size_remembered (void)
{
  GtkWindow *window = sm_application_new_map (app);
  int        width, height;

  sm_test_spin ();
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_close (window);
  sm_test_spin ();

  window = sm_application_new_map (app);
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  sm_test_close_all ();
}

/* The report a group takes away carries what it said, and a folder that
 * isn't there gives an error naming the file, with nothing written. */

/* A report is made in the background: wait for it. */
static void
wait_for_report (SmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (_sm_window_test_get_exporting (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_sm_window_test_get_exporting (window));
  sm_test_spin ();
}

static void
test_export_report (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  g_autofree char *path = scratch_path ("air report.pdf");
  g_autofree char *nowhere = scratch_path ("no-such-folder/report.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) lost = g_file_new_for_path (nowhere);
  g_autofree char  *contents = NULL;
  g_autofree char  *pdftotext = g_find_program_in_path ("pdftotext");
  gsize             length = 0;
  SmDocument       *document;
  SmWindow         *window;
  AdwMessageDialog *dialog;
  guint             n;

  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  sm_test_spin ();
  g_assert_nonnull (window);
  document = sm_window_get_document (window);
  sm_document_push (document,
                    sm_command_new_add_response (sm_document_get_map (document), "SP-01", SM_RESPONSE_DISCUSS,
                                                 "Ask the forum to co-chair the programme board", "Facilitator"));

  g_assert_true (sm_window_export_report (window, file, SM_REPORT_FULL));
  wait_for_report (window);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_dialogs (), ==, 0);

  if (pdftotext != NULL)
    {
      const char      *argv[] = { pdftotext, "-raw", path, "-", NULL };
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;
      int              status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &text, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      flat = g_strdelimit (g_strdup (text), "\n", ' ');
      g_assert_nonnull (strstr (flat, "Ask the forum to co-chair"));
      g_assert_nonnull (strstr (flat, "Sharing power"));
    }
  else
    g_test_message ("pdftotext is not installed: the report's text was not read");

  /* A report is not a save: the response is still unsaved. */
  g_assert_true (sm_document_get_modified (document));
  /* A folder that is not there: found out when writing, in the background. */
  g_assert_true (sm_window_export_report (window, lost, SM_REPORT_FULL));
  wait_for_report (window);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "report.pdf"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The easy-read version as a web page carries the response too. */
  {
    g_autofree char *page_path = scratch_path ("air report.html");
    g_autofree char *odd_path = scratch_path ("air report.docx");
    g_autoptr(GFile) page = g_file_new_for_path (page_path);
    g_autoptr(GFile) odd = g_file_new_for_path (odd_path);
    g_autofree char *html = NULL;

    g_assert_true (sm_window_export_report (window, page, SM_REPORT_EASY_READ));
    wait_for_report (window);
    g_assert_true (g_file_get_contents (page_path, &html, NULL, NULL));
    g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
    g_assert_nonnull (strstr (html, "<body class=\"easy-read\">"));
    g_assert_nonnull (strstr (html, "Ask the forum to co-chair the programme board"));
    g_assert_cmpuint (count_dialogs (), ==, 0);

    /* A name that is neither: an error, and nothing written. */
    g_assert_false (sm_window_export_report (window, odd, SM_REPORT_FULL));
    g_assert_false (g_file_test (odd_path, G_FILE_TEST_EXISTS));
    dialog = find_dialog (&n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".html"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sm_test_close_all ();
}

/* In the Power Cube, double-clicking a space's card opens it in Map
 * Details, ready to edit; double-clicking a decision's line opens that. */
static void
test_cube_opens_space (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  g_autoptr(SmRenderer) renderer = NULL;
  SmWindow     *window;
  SmCanvas     *canvas;
  SmMapPanel   *panel;
  SmMap        *map;
  SmRecord     *space, *decision = NULL;
  SmCollection *decisions;
  double        x, y, w, h, wx, wy;

  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  map = sm_document_get_map (sm_window_get_document (window));
  canvas = SM_CANVAS (sm_window_get_canvas (window));
  panel = SM_MAP_PANEL (sm_window_get_map_panel (window));
  sm_canvas_set_arrangement (canvas, "power-cube");
  sm_test_spin ();

  /* Where the canvas draws them: the same layout as a renderer of its own. */
  renderer = sm_renderer_new (map);
  sm_renderer_set_arrangement (renderer, SM_ARRANGEMENT_POWER_CUBE);
  space = sm_map_lookup (map, "space-board");
  g_assert_nonnull (space);
  g_assert_true (sm_renderer_get_record_region (renderer, space, &x, &y, &w, &h));
  /* The card's top strip: its name, above any decision or person. */
  _sm_canvas_test_map_to_widget (canvas, x + w / 2, y + 8, &wx, &wy);
  _sm_canvas_test_click (canvas, wx, wy, 1, 0);
  _sm_canvas_test_click (canvas, wx, wy, 2, 0);
  sm_test_spin ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_true (sm_map_panel_get_shown_record (panel) == space);
  /* Nothing was added or moved. */
  g_assert_false (sm_document_get_modified (sm_window_get_document (window)));

  decisions = sm_map_get_collection (map, SM_RECORD_DECISION);
  for (guint i = 0; i < sm_collection_get_size (decisions) && decision == NULL; i++)
    if (g_strcmp0 (sm_record_get_string (sm_collection_get (decisions, i), "space_id"), "space-board") == 0)
      decision = sm_collection_get (decisions, i);
  g_assert_nonnull (decision);
  g_assert_true (sm_renderer_get_record_region (renderer, decision, &x, &y, &w, &h));
  _sm_canvas_test_map_to_widget (canvas, x + 4, y + h / 2, &wx, &wy);
  _sm_canvas_test_click (canvas, wx, wy, 1, 0);
  _sm_canvas_test_click (canvas, wx, wy, 2, 0);
  sm_test_spin ();
  g_assert_true (sm_map_panel_get_shown_record (panel) == decision);

  sm_test_close_all ();
}

/* Another program changes the open map: the window says so, Ctrl+S asks
 * instead of overwriting, Keep Mine saves the group's version as a copy
 * beside the file, and Reload shows the other program's version. */
static void
test_change_on_disk (void)
{
  g_autofree char *path = scratch_path ("shared.stakemap");
  g_autoptr(GFile) file = NULL;
  g_autofree char  *contents = NULL;
  g_autofree char  *copy_path = NULL;
  g_autofree char  *copy_contents = NULL;
  g_autofree char  *backup = NULL;
  AdwMessageDialog *dialog;
  SmDocument       *document;
  GtkWidget        *bar;
  GtkWindow        *window;
  GFile            *copy;
  guint             n;

  sm_test_write_file (path, "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Ours\"}}");
  file = g_file_new_for_path (path);
  window = sm_application_open_file (app, file, NULL);
  sm_test_spin ();
  document = sm_window_get_document (SM_WINDOW (window));
  bar = sm_test_find_by_css_class (GTK_WIDGET (window), "changed-bar");
  g_assert_nonnull (bar);
  g_assert_false (gtk_widget_get_visible (bar));

  sm_document_push (document, add_named (sm_document_get_map (document), "Lena"));
  sm_test_write_file (path, "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Theirs\"},"
                            "\"stakeholders\":[{\"id\":\"t\",\"name\":\"Tenants' association\"}]}");
  sm_test_wait_until_visible (bar);
  g_assert_true (gtk_widget_get_visible (bar));

  /* Ctrl+S asks, and writes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  sm_test_spin ();
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Changed on Disk"));
  contents = sm_test_read_file (path);
  g_assert_nonnull (strstr (contents, "Theirs"));
  g_assert_null (strstr (contents, "Lena"));
  g_assert_true (sm_document_get_modified (document));

  /* Keep Mine: the group's version beside it, theirs untouched. */
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sm_test_spin ();
  copy = sm_document_get_file (document);
  g_assert_false (g_file_equal (copy, file));
  copy_path = g_file_get_path (copy);
  g_assert_true (g_str_has_prefix (copy_path, scratch));
  g_assert_nonnull (strstr (copy_path, "shared (my version "));
  g_assert_true (g_str_has_suffix (copy_path, ").stakemap"));
  copy_contents = sm_test_read_file (copy_path);
  g_assert_nonnull (strstr (copy_contents, "Lena"));
  g_clear_pointer (&contents, g_free);
  contents = sm_test_read_file (path);
  g_assert_nonnull (strstr (contents, "Theirs"));
  g_assert_false (sm_document_get_modified (document));
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpuint (count_dialogs (), ==, 0);

  /* Another change, to the copy now open; Reload shows it in the window's
   * place, as the other program left it. */
  sm_test_write_file (copy_path, "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Theirs again\"}}");
  sm_test_wait_until_visible (bar);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  sm_test_spin ();
  document = sm_window_get_document (only_map_window ());
  g_assert_cmpstr (sm_map_get_title (sm_document_get_map (document)), ==, "Theirs again");

  sm_test_close_all ();
  backup = g_strconcat (copy_path, "~", NULL);
  g_unlink (backup);
  g_unlink (copy_path);
  g_unlink (path);
}

/* A network of @n stakeholders with a few hubs: its report takes a few
 * seconds, most of it the evaluation's betweenness. */
static char *
write_big_map (guint n)
{
  return sm_test_write_big_map (scratch, "big.stakemap", n);
}

static gboolean
count_tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* The report of a big map is made in the background: the window goes on
 * turning, a bar says how far it is, and Cancel leaves no file. */
static void
test_export_report_in_background (void)
{
  g_autofree char *path = write_big_map (5000);
  g_autofree char *out_path = scratch_path ("big report.pdf");
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  SmWindow  *window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  GtkWidget *bar;
  gint64     deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint      ticks = 0;
  guint      tick;

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  bar = _sm_window_test_get_report_bar (window);

  tick = g_timeout_add (10, count_tick_cb, &ticks);
  g_assert_true (sm_window_export_report (window, out, SM_REPORT_FULL));
  g_assert_true (_sm_window_test_get_exporting (window));
  while (!gtk_widget_get_mapped (bar) && _sm_window_test_get_exporting (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (bar));
  wait_for_report (window);
  g_source_remove (tick);
  g_assert_cmpuint (ticks, >=, 10);
  g_assert_true (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_visible (bar));
  g_unlink (out_path);

  /* Cancel: nothing written, no error. */
  g_assert_true (sm_window_export_report (window, out, SM_REPORT_FULL));
  while (!gtk_widget_get_mapped (bar) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* From the keyboard: the keys then go back to the map. */
  g_assert_true (gtk_widget_grab_focus (_sm_window_test_get_report_cancel (window)));
  g_signal_emit_by_name (_sm_window_test_get_report_cancel (window), "clicked");
  g_assert_false (_sm_window_test_get_exporting (window));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == sm_window_get_canvas (window));
  for (int i = 0; i < 30; i++)
    {
      sm_test_spin ();
      g_usleep (20 * 1000);
    }
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_dialogs (), ==, 0);

  /* Closing the window mid-export is safe, and writes nothing. */
  g_assert_true (sm_window_export_report (window, out, SM_REPORT_FULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (window != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (window);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_unlink (path);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The small window that says a big file is being read, if it shows. */
static GtkWidget *
find_loading_feedback (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_has_css_class (l->data, "loading") && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static SmWindow *
find_map_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SM_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Turns the main loop until a map window shows (or a minute has passed);
 * notes whether the feedback window showed on the way. */
static SmWindow *
wait_for_map_window (gboolean *saw_feedback)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  /* Wakes the loop up to see the time, should nothing else. */
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while (find_map_window () == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (find_loading_feedback () != NULL)
        *saw_feedback = TRUE;
    }
  g_source_remove (wake);
  return find_map_window ();
}

/* Turns the main loop until the loads cancelled have come back from
 * their worker threads (and been dropped). */
static void
wait_for_loads (void)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint  wake = g_timeout_add (100, wake_cb, NULL);

  while (_sm_application_test_get_n_loading (app) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_cmpuint (_sm_application_test_get_n_loading (app), ==, 0);
  sm_test_spin ();
}

static void
click_loading_cancel (GtkWidget *feedback)
{
  GtkWidget *cancel = sm_test_find_by_css_class (feedback, "pill");

  g_assert_nonnull (cancel);
  g_assert_true (GTK_IS_BUTTON (cancel));
  g_signal_emit_by_name (cancel, "clicked");
}

#define BIG_OPEN_STAKEHOLDERS 40000

/* A big project file is read in the background: the main loop keeps
 * turning, a small window says what is being opened, one window comes
 * when the map is ready, and Cancel or closing the window it was opened
 * from leaves nothing behind. */
/* The canvas of @window draws with a renderer made while the file was
 * read, on the loading thread: filling the caches and indexes of a big
 * map there, not on the main thread, keeps the progress dialog turning
 * and its Cancel button answering. */
static void
assert_renderer_made_off_main (SmWindow *window)
{
  SmRenderer *renderer = sm_canvas_get_renderer (SM_CANVAS (sm_window_get_canvas (window)));
  gpointer    made_on = g_object_get_data (G_OBJECT (renderer), "stakemap-made-on-thread");

  g_assert_nonnull (made_on);
  g_assert_true (made_on != (gpointer) g_thread_self ());
}

static void
test_open_big_file_in_background (void)
{
  g_autofree char *path = write_big_map (BIG_OPEN_STAKEHOLDERS);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *title = NULL;
  GtkWindow       *returned;
  GtkWidget       *feedback = NULL;
  GtkWindow       *parent;
  SmWindow        *window;
  gboolean         saw_feedback = FALSE;
  gint64           deadline;
  guint            ticks = 0;
  guint            tick;
  guint            wake;
  SmMap           *map;

  sm_test_close_all ();
  tick = g_timeout_add (10, count_tick_cb, &ticks);
  returned = sm_application_open_file (app, file, NULL);
  /* Asked twice while it loads: still one window. */
  if (returned == NULL)
    g_assert_null (sm_application_open_file (app, file, NULL));
  window = wait_for_map_window (&saw_feedback);
  g_source_remove (tick);
  g_assert_cmpuint (ticks, >=, 5);
  g_assert_null (returned);
  g_assert_true (saw_feedback);
  g_assert_nonnull (window);
  g_assert_true (window == only_map_window ());
  g_assert_cmpuint (_sm_application_test_get_n_loading (app), ==, 0);
  assert_renderer_made_off_main (window);
  sm_test_spin ();
  g_assert_null (find_loading_feedback ());
  map = sm_document_get_map (sm_window_get_document (window));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, BIG_OPEN_STAKEHOLDERS);
  g_assert_true (g_file_equal (sm_document_get_file (sm_window_get_document (window)), file));
  g_assert_false (sm_document_get_modified (sm_window_get_document (window)));
  g_assert_cmpuint (count_dialogs (), ==, 0);
  /* Open already: the same window. */
  g_assert_true (sm_application_open_file (app, file, NULL) == GTK_WINDOW (window));
  sm_test_close_all ();

  /* Cancel: no window, no error. */
  g_assert_null (sm_application_open_file (app, file, NULL));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  wake = g_timeout_add (100, wake_cb, NULL);
  while ((feedback = find_loading_feedback ()) == NULL && find_map_window () == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_nonnull (feedback);
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (feedback)));
  g_assert_cmpstr (title, ==, "Opening");
  click_loading_cancel (feedback);
  g_assert_null (find_loading_feedback ());
  wait_for_loads ();
  g_assert_null (find_loading_feedback ());
  g_assert_null (find_map_window ());
  g_assert_cmpuint (count_dialogs (), ==, 0);

  /* Closing the window it was opened from cancels it too. */
  parent = sm_application_new_map (app);
  sm_test_spin ();
  g_assert_null (sm_application_open_file (app, file, parent));
  g_assert_cmpuint (_sm_application_test_get_n_loading (app), ==, 1);
  gtk_window_destroy (parent);
  wait_for_loads ();
  g_assert_null (find_loading_feedback ());
  g_assert_null (find_map_window ());
  g_assert_cmpuint (count_dialogs (), ==, 0);

  /* But a small file opened meanwhile in its place (an untouched new map
   * gives way to the first file opened from it) does not cancel it. */
  {
    g_autofree char *small_path = scratch_path ("small.stakemap");
    g_autoptr(GFile) small = g_file_new_for_path (small_path);
    GtkWindow *small_window;
    guint      n_windows = 0;

    sm_test_write_file (small_path, "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Small\"}}");
    parent = sm_application_new_map (app);
    sm_test_spin ();
    g_assert_null (sm_application_open_file (app, file, parent));
    small_window = sm_application_open_file (app, small, parent);
    g_assert_nonnull (small_window);
    wait_for_loads ();
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
      if (SM_IS_WINDOW (l->data))
        {
          GFile *shown = sm_document_get_file (sm_window_get_document (l->data));

          g_assert_nonnull (shown);
          g_assert_true (g_file_equal (shown, file) || g_file_equal (shown, small));
          n_windows++;
        }
    g_assert_cmpuint (n_windows, ==, 2);
    sm_test_close_all ();
    g_unlink (small_path);
  }

  g_unlink (path);
}

/* A big file the core refuses, read in the background, says where and
 * what as a small one does, and opens nothing. */
static void
test_refused_big_file_opens_nothing (void)
{
  g_autofree char *path = scratch_path ("broken big.stakemap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");
  gint64            deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;
  guint             wake;
  guint             n;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (json, "{\"id\":\"s%u\",\"name\":\"Stakeholder number %u of the panel\"},", i, i);
  /* The last one has no name. */
  g_string_append (json, "{\"id\":\"nameless\"}]}");
  sm_test_write_file (path, json->str);
  g_assert_cmpuint (json->len, >, 2 * 1024 * 1024);

  sm_test_close_all ();
  g_assert_null (sm_application_open_file (app, file, NULL));
  wake = g_timeout_add (100, wake_cb, NULL);
  while (count_dialogs () == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  sm_test_spin ();
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open “broken big.stakemap”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "$.stakeholders[40000].name"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (sm_document_get_file (sm_window_get_document (only_map_window ())));
  g_assert_null (find_loading_feedback ());
  g_assert_cmpuint (_sm_application_test_get_n_loading (app), ==, 0);

  sm_test_close_all ();
  g_unlink (path);
}

/* A big spreadsheet is imported in the background too, and the new map's
 * window says how many stakeholders came in. */
static void
test_import_big_csv_in_background (void)
{
  g_autofree char *path = scratch_path ("big people.csv");
  g_autoptr(GString) csv = g_string_new ("Name,Kind,Influence,Interest\n");
  g_autoptr(GError) error = NULL;
  GFile     *files[1];
  GtkWindow *returned;
  SmWindow  *window;
  SmMap     *map;
  gboolean   saw_feedback = FALSE;
  guint      ticks = 0;
  guint      tick;

  for (guint i = 0; i < BIG_OPEN_STAKEHOLDERS; i++)
    g_string_append_printf (csv, "Person number %u of the estate's residents' panel,%s,%u,%u\n", i,
                            i % 3 == 0 ? "Service user" : "professional", 1 + i % 9, 1 + (i / 9) % 9);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->len, >, 2 * 1024 * 1024);

  sm_test_close_all ();
  files[0] = g_file_new_for_path (path);
  tick = g_timeout_add (10, count_tick_cb, &ticks);
  returned = sm_application_import_files (app, files, 1, NULL);
  window = wait_for_map_window (&saw_feedback);
  g_source_remove (tick);
  g_assert_cmpuint (ticks, >=, 5);
  g_assert_null (returned);
  g_assert_nonnull (window);
  assert_renderer_made_off_main (window);
  map = sm_document_get_map (sm_window_get_document (window));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, BIG_OPEN_STAKEHOLDERS);
  /* Imported, not saved: closing would ask. */
  g_assert_true (sm_document_get_modified (sm_window_get_document (window)));
  g_assert_null (sm_document_get_file (sm_window_get_document (window)));
  g_assert_cmpuint (count_dialogs (), ==, 0);

  g_object_unref (files[0]);
  sm_test_close_all ();
  g_unlink (path);
}

/* The main menu reads as it always has, item by item, with its mnemonics
 * (the end-to-end test and the shortcuts window rely on them), and both
 * the View menu's Arrangement submenu and the button on the map offer the
 * four arrangements. */

static GtkWidget *
find_menu_button (GtkWidget *widget,
                  gboolean   primary)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) == primary &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, primary);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "label=action(target)" per item, "label>" then its items for a
 * submenu, "|" between sections. */
static void
describe_menu (GMenuModel *model,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      if (section != NULL)
        {
          if (out->len > 0 && out->str[out->len - 1] != '[')
            g_string_append (out, "|");
          describe_menu (section, out);
        }
      else if (submenu != NULL)
        {
          g_string_append_printf (out, "%s>[", label);
          describe_menu (submenu, out);
          g_string_append (out, "];");
        }
      else
        {
          g_string_append_printf (out, "%s=%s", label, action);
          if (target != NULL)
            g_string_append_printf (out, "(%s)", g_variant_get_string (target, NULL));
          g_string_append (out, ";");
        }
    }
}

/* Whether a hidden person's name or id from hidden-ids.stakemap is in
 * the file at @path, in any case. */
static gboolean
file_names_hidden_people (const char *path)
{
  static const char *const hidden[] = { "gloria", "mensah", "derek", NULL };
  g_autofree char         *contents = NULL;
  g_autofree char         *lower = NULL;
  gsize                    length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  lower = g_ascii_strdown (contents, length);
  for (guint n = 0; hidden[n] != NULL; n++)
    if (strstr (lower, hidden[n]) != NULL)
      return TRUE;
  return FALSE;
}

/* File ▸ Save Anonymised Copy… writes a copy to pass on, in the format
 * its name asks for, and leaves the window's own file and map alone. */
static void
test_save_anonymised_copy (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "hidden-ids.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (fixture);
  g_autofree char *copy_path = scratch_path ("Riverside (anonymised).stakemap");
  g_autofree char *network_path = scratch_path ("riverside.graphml");
  g_autofree char *table_path = scratch_path ("riverside.csv");
  g_autofree char *ties_path = scratch_path ("riverside.relationships.csv");
  g_autofree char *book_path = scratch_path ("riverside.xlsx");
  g_autoptr(GFile) book = g_file_new_for_path (book_path);
  g_autofree char *nowhere = scratch_path ("no-such-folder/riverside.stakemap");
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  g_autoptr(GFile) network = g_file_new_for_path (network_path);
  g_autoptr(GFile) table = g_file_new_for_path (table_path);
  g_autoptr(GFile) lost = g_file_new_for_path (nowhere);
  g_autoptr(SmMap) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint             n_problems = 0, n;
  SmWindow         *window;
  SmDocument       *document;
  AdwMessageDialog *dialog;

  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  sm_test_spin ();
  g_assert_nonnull (window);
  document = sm_window_get_document (window);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (sm_document_get_map (document))), ==, 3);

  _sm_window_test_set_anonymised_file (window, copy_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-anonymised", NULL));
  sm_test_spin ();
  g_assert_cmpuint (count_dialogs (), ==, 0);
  g_assert_false (file_names_hidden_people (copy_path));
  bytes = sm_format_read_file (copy_file, NULL, &error);
  g_assert_no_error (error);
  problems = sm_format_check_bytes (bytes, &n_problems);
  g_assert_cmpuint (n_problems, ==, 0);
  copy = sm_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (copy)), ==, 3);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (copy, "tenants")), ==, "Tenants' association");
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (copy, "participant-2")), ==, "Participant 2");

  /* The window's own file and map are as they were. */
  g_assert_true (g_file_equal (sm_document_get_file (document), source));
  g_assert_false (sm_document_get_modified (document));
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (sm_document_get_map (document), "gloria")), ==,
                   "Gloria Mensah");
  g_assert_true (file_names_hidden_people (fixture));

  /* Data formats, by the name chosen; CSV as a pair. */
  _sm_window_test_set_anonymised_file (window, network);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-anonymised", NULL));
  _sm_window_test_set_anonymised_file (window, table);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-anonymised", NULL));
  sm_test_spin ();
  g_assert_cmpuint (count_dialogs (), ==, 0);
  {
    g_autofree char *xml = NULL;

    g_assert_true (g_file_get_contents (network_path, &xml, NULL, NULL));
    g_assert_true (g_str_has_prefix (xml, "<?xml"));
  }
  g_assert_false (file_names_hidden_people (network_path));
  g_assert_false (file_names_hidden_people (table_path));
  g_assert_false (file_names_hidden_people (ties_path));

  /* A workbook, read back: everyone there, nobody hidden named. */
  _sm_window_test_set_anonymised_file (window, book);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-anonymised", NULL));
  sm_test_spin ();
  g_assert_cmpuint (count_dialogs (), ==, 0);
  {
    g_autoptr(GBytes) workbook = sm_format_read_file (book, NULL, &error);
    g_autoptr(SmMap) back = NULL;
    g_autoptr(GBytes) saved = NULL;

    g_assert_no_error (error);
    back = sm_import_xlsx_full (workbook, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (back)), ==, 3);
    g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (back, "participant-2")), ==, "Participant 2");
    saved = sm_format_save_to_bytes (back);
    g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "Gloria"));
  }

  /* A folder that is not there: said in a dialog, nothing written. */
  _sm_window_test_set_anonymised_file (window, lost);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-anonymised", NULL));
  sm_test_spin ();
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  dialog = find_dialog (&n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "riverside.stakemap"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  sm_test_close_all ();
  g_unlink (copy_path);
  g_unlink (network_path);
  g_unlink (table_path);
  g_unlink (ties_path);
}

/* The Keyboard Shortcuts window opens, and shows each of its sections,
 * without a warning (GtkLabel warns when a page switcher cannot fit). The
 * suite runs with fatal warnings, so one is a failure here. */
static void
test_shortcuts_window (void)
{
  GtkWindow  *window = sm_application_new_map (app);
  GtkWindow  *shortcuts = NULL;
  const char *sections[] = { "maps", "map", "room" };

  gtk_window_present (window);
  sm_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  sm_test_wait_for_idle ();
  shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_object_set (shortcuts, "section-name", sections[i], NULL);
      sm_test_wait_for_idle ();
    }
  gtk_window_close (shortcuts);
  sm_test_close_all ();
}

static void
test_menus (void)
{
  GtkWindow *window = sm_application_new_map (app);
  GtkWidget *main_button, *arrangement_button;
  g_autoptr(GString) main_menu = g_string_new (NULL);
  g_autoptr(GString) arrangements = g_string_new (NULL);
  g_autofree char *recent = NULL;
  const char      *four = "_Map=win.arrangement(map);_Power and Interest=win.arrangement(power-interest);"
                          "_Ladder of Co-production=win.arrangement(ladder);Power _Cube=win.arrangement(power-cube);";
  g_autoptr(GString) listed = g_string_new (NULL);
  const SmArrangementInfo *const *all;
  guint                           n_all;
  g_autofree char                *expected = NULL;

  /* Both menus offer every arrangement in the list, in its order, the
   * four built-in ones first with their mnemonics. */
  all = sm_arrangements_get_all (&n_all);
  for (guint i = 0; i < n_all; i++)
    g_string_append_printf (listed, "%s=win.arrangement(%s);", sm_arrangement_info_get_label (all[i]),
                            sm_arrangement_info_get_id (all[i]));
  g_assert_true (g_str_has_prefix (listed->str, four));

  sm_test_spin ();
  main_button = find_menu_button (GTK_WIDGET (window), TRUE);
  arrangement_button = find_menu_button (GTK_WIDGET (window), FALSE);
  g_assert_nonnull (main_button);
  g_assert_nonnull (arrangement_button);

  describe_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (main_button)), main_menu);
  /* Open Recent lists whatever this machine opened lately. */
  {
    const char *start = strstr (main_menu->str, "Open _Recent>[");
    const char *end = start != NULL ? strstr (start, "];") : NULL;

    g_assert_nonnull (end);
    recent = g_strndup (start, end + 2 - start);
    g_string_replace (main_menu, recent, "Open _Recent>[];", 1);
  }
  expected = g_strconcat ("_New Map=app.new;_Open…=app.open;Open _Recent>[];"
                          "_Import Spreadsheet or Network…=app.import;"
                          "Co_mpare With…=win.compare;Merge Changes _From…=win.merge;"
                          "|_Save=win.save;Save _As…=win.save-as;Save Anonymised _Copy…=win.save-anonymised;"
                          "_Export Evaluation Report…=win.export-report;"
                          "|Export _Image…=win.export-image;Export as _Web Page…=win.export-web-page;"
                          "Cop_y Image=win.copy-image;_Print…=win.print;"
                          "|Add _Note=win.add-note;Add Re_gion=win.add-region;A_dd Rings=win.add-rings;"
                          "|_Zoom to Fit=win.zoom-fit;_Arrangement>[",
                          listed->str, "|_Tidy Up=win.tidy-up;];"
                                       "Show _Side Panel=win.toggle-side;"
                                       "_Evaluate Against the Principles=win.show-panel(evaluation);"
                                       "S_tart a Workshop=win.workshop;"
                                       "_Present=win.present;"
                                       "|_Preferences=app.preferences;_Keyboard Shortcuts=win.show-help-overlay;_Help=app.help;"
                                       "_About Stakemap=app.about;",
                          NULL);
  g_assert_cmpstr (main_menu->str, ==, expected);

  describe_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (arrangement_button)), arrangements);
  g_string_append (listed, "|_Tidy Up=win.tidy-up;");
  g_assert_cmpstr (arrangements->str, ==, listed->str);
  sm_test_close_all ();
}

/* Help */

static GPtrArray *launched; /* of the URIs app.help asked to open */

static void
record_uri (GtkWindow  *parent,
            const char *uri)
{
  g_ptr_array_add (launched, g_strdup (uri));
}

/* F1 and the main menu's Help open the user guide: the installed one by its
 * help: address, the source tree's pages when Stakemap runs from its build
 * folder, and a message when there is no guide at all. */
static void
test_help (void)
{
  GtkWindow *window = sm_application_new_map (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_autofree char  *empty = scratch_path ("no-help");
  g_autofree char  *installed = scratch_path ("share");
  g_autofree char  *pages = g_build_filename (installed, "help", "C", "stakemap", NULL);
  g_autofree char  *index = g_build_filename (pages, "index.page", NULL);
  g_autofree char  *source_uri = g_strconcat ("ghelp:", HELP_SOURCE_DIR, NULL);
  const char       *nowhere[] = { empty, NULL };
  const char       *there[] = { empty, installed, NULL };
  AdwMessageDialog *dialog;
  guint             n;

  launched = g_ptr_array_new_with_free_func (g_free);
  _sm_application_test_set_uri_launcher (record_uri);
  sm_test_spin ();

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "help"));
  g_assert_cmpstrv (accels, ((const char *[]) { "F1", NULL }));

  /* Not installed: the pages of the source tree, which Yelp reads as they are. */
  _sm_application_test_set_help_dirs (nowhere, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, source_uri);

  /* Installed where Yelp looks: help:stakemap, in the reader's language. */
  g_assert_cmpint (g_mkdir_with_parents (pages, 0755), ==, 0);
  g_assert_true (g_file_set_contents (index, "<page/>", -1, NULL));
  _sm_application_test_set_help_dirs (there, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "app.help", NULL);
  g_assert_cmpuint (launched->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (launched, 1), ==, "help:stakemap");

  /* Nowhere at all: nothing is launched, and the window says why. */
  _sm_application_test_set_help_dirs (nowhere, empty);
  g_assert_null (find_dialog (&n));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  sm_test_spin ();
  g_assert_cmpuint (launched->len, ==, 2);
  dialog = find_dialog (&n);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The User Guide Is Not Installed");
  gtk_window_destroy (GTK_WINDOW (dialog));

  _sm_application_test_set_help_dirs (NULL, NULL);
  _sm_application_test_set_uri_launcher (NULL);
  g_unlink (index);
  g_clear_pointer (&launched, g_ptr_array_unref);
  sm_test_close_all ();
}

/* Add Note from the main menu, in the real window: typed at once, added
 * with its text as one step, selected (the side panel shows it). From
 * another arrangement the map is shown first, where notes are. */
static void
test_add_note (void)
{
  GtkWindow       *window = sm_application_new_map (app);
  SmDocument      *document = sm_window_get_document (SM_WINDOW (window));
  SmMap           *map = sm_document_get_map (document);
  SmCanvas        *canvas = SM_CANVAS (sm_window_get_canvas (SM_WINDOW (window)));
  GtkWidget       *editor = _sm_canvas_test_get_note_editor (canvas);
  SmCollection    *notes = sm_map_get_collection (map, SM_RECORD_ANNOTATION);
  g_autofree char *undo = NULL;

  sm_test_spin ();
  sm_canvas_set_arrangement (canvas, "ladder");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  sm_test_spin ();
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, "map");
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "Check with the youth forum", -1);
  g_assert_true (_sm_canvas_test_note_key (canvas, GDK_KEY_Return, GDK_CONTROL_MASK));
  sm_test_spin ();
  g_assert_cmpuint (sm_collection_get_size (notes), ==, 1);
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (notes, 0), "text"), ==, "Check with the youth forum");
  g_assert_true (sm_selection_contains (sm_document_get_selection (document),
                                        sm_record_get_id (sm_collection_get (notes, 0))));
  undo = sm_history_dup_undo_title (sm_document_get_history (document));
  g_assert_cmpstr (undo, ==, "Add Note");
  sm_test_close_all ();
}

/* Two stakeholders a person would call by one name: the second is kept as
 * typed, and a toast says so with a button that selects the first and
 * puts it in the middle of the map. Names are text: "&" and "<" show as
 * themselves. */
static void
test_same_name_toast (void)
{
  GtkWindow       *window = sm_application_new_map (app);
  SmDocument      *document = sm_window_get_document (SM_WINDOW (window));
  SmMap           *map = sm_document_get_map (document);
  SmCanvas        *canvas = SM_CANVAS (sm_window_get_canvas (SM_WINDOW (window)));
  SmCollection    *people = sm_map_get_stakeholders (map);
  SmRecord        *first;
  AdwToast        *toast;
  GVariant        *target;
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  double           scale, cx, cy, x, y;

  sm_test_spin ();
  sm_document_push (document, add_named (map, "Tom & Jerry <Trust>"));
  first = sm_collection_get (people, 0);
  sm_test_spin ();
  g_assert_null (_sm_window_test_get_last_toast (SM_WINDOW (window)));

  /* A different name: nothing said. */
  g_free (sm_canvas_add_named_stakeholder (canvas, "Tenants' forum"));
  sm_test_spin ();
  g_assert_null (_sm_window_test_get_last_toast (SM_WINDOW (window)));

  /* The same name, in other case and spacing, as the workshop adds it. */
  id = sm_canvas_add_named_stakeholder (canvas, "tom  &  JERRY <trust> ");
  sm_test_spin ();
  g_assert_nonnull (id);
  g_assert_cmpuint (sm_collection_get_size (people), ==, 3);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, id)), ==, "tom  &  JERRY <trust> ");
  toast = _sm_window_test_get_last_toast (SM_WINDOW (window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Another stakeholder is called “Tom &amp; Jerry &lt;Trust&gt;”. Add something to tell "
                   "them apart, like a role or a place.");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Show the Other");

  /* Show the Other: the first is selected, in the middle of the view. */
  sm_canvas_set_view (canvas, 1.0, 5000, 5000);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.show-stakeholder");
  target = adw_toast_get_action_target_value (toast);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, sm_record_get_id (first));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-stakeholder", target);
  sm_test_spin ();
  g_assert_true (sm_selection_contains (sm_document_get_selection (document), sm_record_get_id (first)));
  g_assert_false (sm_selection_contains (sm_document_get_selection (document), id));
  g_assert_true (sm_renderer_get_position (sm_canvas_get_renderer (canvas), first, &x, &y));
  sm_canvas_get_view (canvas, &scale, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, x, 1.0);
  g_assert_cmpfloat_with_epsilon (cy, y, 1.0);
  sm_test_close_all ();
}

static gboolean
is_at (SmRecord *stakeholder,
       double    x,
       double    y)
{
  double sx, sy;

  return sm_stakeholder_get_position (stakeholder, &sx, &sy) && sx == x && sy == y;
}

/* Tidy Up from the window: stakeholders dropped on top of each other come
 * apart in one step that one undo takes back; with a stakeholder selected,
 * only that one moves. */
/* The table is made when it is first shown, and then lists the map as it
 * is, edits made before it was shown included. */
static void
test_table_made_when_shown (void)
{
  GtkWindow  *window = sm_application_new_map (app);
  SmWindow   *self = SM_WINDOW (window);
  SmDocument *document = sm_window_get_document (self);
  SmMap      *map = sm_document_get_map (document);
  GListModel *rows;

  sm_test_spin ();
  sm_document_push (document, add_named (map, "Amina"));
  sm_document_push (document, add_named (map, "Bryn"));
  g_assert_null (self->table);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "table"));
  sm_test_spin ();
  g_assert_nonnull (self->table);
  g_assert_true (gtk_widget_is_ancestor (self->table, adw_view_stack_get_visible_child (ADW_VIEW_STACK (self->views))));
  g_assert_true (gtk_widget_get_mapped (self->table));
  rows = G_LIST_MODEL (gtk_column_view_get_model (sm_table_view_get_stakeholder_table (SM_TABLE_VIEW (self->table))));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  sm_document_push (document, add_named (map, "Cerys"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  sm_test_close_all ();
}

static void
test_tidy_up (void)
{
  GtkWindow       *window = sm_application_new_map (app);
  SmDocument      *document = sm_window_get_document (SM_WINDOW (window));
  SmMap           *map = sm_document_get_map (document);
  SmRecord        *a, *b, *c;
  g_autofree char *title = NULL;

  sm_test_spin ();
  /* Nothing to tidy with fewer than two. */
  sm_document_push (document, add_named (map, "Amina"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-up", NULL);
  title = sm_history_dup_undo_title (sm_document_get_history (document));
  g_assert_cmpstr (title, !=, "Tidy Up");
  g_clear_pointer (&title, g_free);
  sm_document_push (document, add_named (map, "Bilal"));
  sm_document_push (document, add_named (map, "Chen"));
  a = sm_collection_get (sm_map_get_stakeholders (map), 0);
  b = sm_collection_get (sm_map_get_stakeholders (map), 1);
  c = sm_collection_get (sm_map_get_stakeholders (map), 2);
  g_assert_true (is_at (a, 0, 0) && is_at (b, 0, 0) && is_at (c, 0, 0));

  /* Only the selected one moves. */
  sm_selection_select_only (sm_document_get_selection (document), sm_record_get_id (c));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-up", NULL));
  g_assert_true (is_at (a, 0, 0) && is_at (b, 0, 0));
  g_assert_false (is_at (c, 0, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (is_at (c, 0, 0));

  /* With nothing selected, everyone comes apart, and the view, far off,
   * follows them. */
  sm_selection_clear (sm_document_get_selection (document));
  sm_canvas_set_view (SM_CANVAS (sm_window_get_canvas (SM_WINDOW (window))), 1, 1e6, 1e6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-up", NULL));
  sm_test_spin ();
  title = sm_history_dup_undo_title (sm_document_get_history (document));
  g_assert_cmpstr (title, ==, "Tidy Up");
  {
    double ax, ay, bx, by, cx, cy, scale, vx, vy;

    g_assert_true (sm_stakeholder_get_position (a, &ax, &ay));
    g_assert_true (sm_stakeholder_get_position (b, &bx, &by));
    g_assert_true (sm_stakeholder_get_position (c, &cx, &cy));
    g_assert_false (ax == bx && ay == by);
    g_assert_false (ax == cx && ay == cy);
    g_assert_false (bx == cx && by == cy);
    sm_canvas_get_view (SM_CANVAS (sm_window_get_canvas (SM_WINDOW (window))), &scale, &vx, &vy);
    g_assert_cmpfloat (vx, >=, MIN (ax, MIN (bx, cx)));
    g_assert_cmpfloat (vx, <=, MAX (ax, MAX (bx, cx)));
    g_assert_cmpfloat (vy, >=, MIN (ay, MIN (by, cy)));
    g_assert_cmpfloat (vy, <=, MAX (ay, MAX (by, cy)));
  }
  /* One step: one undo puts all three back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (is_at (a, 0, 0) && is_at (b, 0, 0) && is_at (c, 0, 0));
  g_clear_pointer (&title, g_free);
  title = sm_history_dup_undo_title (sm_document_get_history (document));
  g_assert_cmpstr (title, !=, "Tidy Up");

  sm_test_close_all ();
}

static gboolean
all_at (SmMap        *map,
        const double *x,
        const double *y)
{
  SmCollection *people = sm_map_get_stakeholders (map);

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    if (!is_at (sm_collection_get (people, i), x[i], y[i]))
      return FALSE;
  return TRUE;
}

/* Runs the main loop until no Tidy Up is left running in the background,
 * its result (if any) handled. */
static void
wait_for_tidy (SmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while ((_sm_window_test_get_tidying (window) || _sm_window_test_get_tidy_workers () > 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_sm_window_test_get_tidying (window));
  g_assert_cmpuint (_sm_window_test_get_tidy_workers (), ==, 0);
  sm_test_spin ();
}

/* A map of thousands is tidied in the background: a toast offers Cancel,
 * which leaves the map as it was; an edit in the meantime drops the
 * result; left alone, everyone moves in one step that one undo takes
 * back. */
/* The button under @widget that activates @action, or NULL. */
static GtkWidget *
find_button_with_action (GtkWidget  *widget,
                         const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_tidy_up_large (void)
{
  g_autofree char *path = sm_test_write_big_map (scratch, "tidy.stakemap", 2000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SmWindow          *window = SM_WINDOW (sm_application_open_file (app, file, NULL));
  SmDocument        *document;
  SmMap             *map;
  SmCollection      *people;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree char   *title = NULL;
  guint              n, moved = 0;

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  document = sm_window_get_document (window);
  map = sm_document_get_map (document);
  people = sm_map_get_stakeholders (map);
  n = sm_collection_get_size (people);
  g_assert_cmpuint (n, ==, 2000);
  /* The bar shows at once, not after half a second. */
  _sm_window_test_set_tidy_bar_delay (0);
  x = g_new (double, n);
  y = g_new (double, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (sm_stakeholder_get_position (sm_collection_get (people, i), &x[i], &y[i]));

  /* Cancel: nobody moves, nothing on the history. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-up", NULL));
  g_assert_true (_sm_window_test_get_tidying (window));
  while (!gtk_widget_get_visible (_sm_window_test_get_tidy_bar (window)) && _sm_window_test_get_tidying (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (_sm_window_test_get_tidy_bar (window)));
  /* Its Cancel button. */
  {
    GtkWidget *cancel = find_button_with_action (_sm_window_test_get_tidy_bar (window), "win.tidy-up-cancel");

    g_assert_nonnull (cancel);
    /* From the keyboard: the keys then go back to the map. */
    g_assert_true (gtk_widget_grab_focus (cancel));
    g_signal_emit_by_name (cancel, "clicked");
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == sm_window_get_canvas (window));
  }
  g_assert_false (_sm_window_test_get_tidying (window));
  g_assert_false (gtk_widget_get_visible (_sm_window_test_get_tidy_bar (window)));
  wait_for_tidy (window);
  g_assert_true (all_at (map, x, y));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));

  /* An edit while it runs: the result is dropped, the edit stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-up", NULL));
  sm_document_push (document, sm_command_new_set_number (sm_collection_get (people, 0), "x", x[0] + 1));
  wait_for_tidy (window);
  title = sm_history_dup_undo_title (sm_document_get_history (document));
  g_assert_cmpstr (title, !=, "Tidy Up");
  g_clear_pointer (&title, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (all_at (map, x, y));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));

  /* Left alone: everyone moves, in one step, and the view follows them
   * (it was far off, where nobody is). */
  sm_canvas_set_view (SM_CANVAS (sm_window_get_canvas (window)), 1, 1e6, 1e6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-up", NULL));
  wait_for_tidy (window);
  title = sm_history_dup_undo_title (sm_document_get_history (document));
  g_assert_cmpstr (title, ==, "Tidy Up");
  {
    double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
    double scale, cx, cy;

    for (guint i = 0; i < n; i++)
      {
        double px, py;

        moved += !is_at (sm_collection_get (people, i), x[i], y[i]);
        g_assert_true (sm_stakeholder_get_position (sm_collection_get (people, i), &px, &py));
        min_x = MIN (min_x, px), max_x = MAX (max_x, px);
        min_y = MIN (min_y, py), max_y = MAX (max_y, py);
      }
    sm_canvas_get_view (SM_CANVAS (sm_window_get_canvas (window)), &scale, &cx, &cy);
    g_assert_cmpfloat (cx, >, min_x);
    g_assert_cmpfloat (cx, <, max_x);
    g_assert_cmpfloat (cy, >, min_y);
    g_assert_cmpfloat (cy, <, max_y);
  }
  g_assert_cmpuint (moved, ==, n);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (all_at (map, x, y));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));

  g_assert_false (gtk_widget_get_visible (_sm_window_test_get_tidy_bar (window)));
  _sm_window_test_set_tidy_bar_delay (G_USEC_PER_SEC / 2);
  sm_test_close_all ();
}

static void
count_cb (AdwToast *toast,
          guint    *count)
{
  (*count)++;
}

/* Toasts take their turn, the same-name note too: the window never
 * dismisses one nor pushes one back (libadwaita 1.2 can crash when a
 * toast goes while it is still coming up, or comes back before it has
 * finished hiding), and Tidy Up's progress is a bar, not a toast. */
static void
test_toasts_take_their_turn (void)
{
  GtkWindow  *window = sm_application_new_map (app);
  SmDocument *document = sm_window_get_document (SM_WINDOW (window));
  SmMap      *map = sm_document_get_map (document);
  SmCanvas   *canvas = SM_CANVAS (sm_window_get_canvas (SM_WINDOW (window)));
  AdwToast   *first, *queued, *same;
  guint       dismissed = 0;

  gtk_window_present (window);
  sm_test_spin ();
  sm_document_push (document, add_named (map, "Ann"));
  sm_window_show_toast (SM_WINDOW (window), "Saved");
  first = _sm_window_test_get_last_toast (SM_WINDOW (window));
  g_signal_connect (first, "dismissed", G_CALLBACK (count_cb), &dismissed);
  sm_window_show_toast (SM_WINDOW (window), "Exported");
  queued = _sm_window_test_get_last_toast (SM_WINDOW (window));
  g_signal_connect (queued, "dismissed", G_CALLBACK (count_cb), &dismissed);
  sm_test_spin ();

  g_free (sm_canvas_add_named_stakeholder (canvas, "ann"));
  sm_test_spin ();
  same = _sm_window_test_get_last_toast (SM_WINDOW (window));
  g_assert_true (same != queued);
  g_assert_cmpint (adw_toast_get_priority (same), ==, ADW_TOAST_PRIORITY_NORMAL);
  g_assert_cmpuint (dismissed, ==, 0);

  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  scratch = g_dir_make_tmp ("stakemap-ui-window-XXXXXX", NULL);
  /* Recent files and recovery copies of these tests stay in the scratch
   * directory, away from the user's. */
  {
    g_autofree char *state = g_build_filename (scratch, "state", NULL);
    g_autofree char *data = g_build_filename (scratch, "data", NULL);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  g_test_init (&argc, &argv, NULL);
  /* The feedback of a big file's reading shows however fast it is read. */
  _sm_application_set_load_feedback_delay (0);

  app = sm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/window/title-marks-changes", test_title_marks_changes);
  g_test_add_func ("/ui/window/open-example-replaces-empty-window", test_open_example_replaces_empty_window);
  g_test_add_func ("/ui/window/new-file-is-saved-there", test_new_file_is_saved_there);
  g_test_add_func ("/ui/window/refused-file-opens-nothing", test_refused_file_opens_nothing);
  g_test_add_func ("/ui/window/newer-version-is-read-only", test_newer_version_is_read_only);
  g_test_add_func ("/ui/window/close-asks-about-unsaved-changes", test_close_asks_about_unsaved_changes);
  g_test_add_func ("/ui/window/import-csv-pair", test_import_csv_pair);
  g_test_add_func ("/ui/window/import-kumu-pair", test_import_kumu_pair);
  g_test_add_func ("/ui/window/import-changes-listed", test_import_changes_listed);
  g_test_add_func ("/ui/window/import-gexf", test_import_gexf);
  g_test_add_func ("/ui/window/import-xlsx", test_import_xlsx);
  g_test_add_func ("/ui/window/recovery-after-crash", test_recovery_after_crash);
  g_test_add_func ("/ui/window/same-name-toast", test_same_name_toast);
  g_test_add_func ("/ui/window/size-remembered", test_size_remembered);
  g_test_add_func ("/ui/window/menus", test_menus);
  g_test_add_func ("/ui/window/help", test_help);
  g_test_add_func ("/ui/window/tidy-up", test_tidy_up);
  g_test_add_func ("/ui/window/table-made-when-shown", test_table_made_when_shown);
  g_test_add_func ("/ui/window/tidy-up-large", test_tidy_up_large);
  g_test_add_func ("/ui/window/toasts-take-their-turn", test_toasts_take_their_turn);
  g_test_add_func ("/ui/window/add-note", test_add_note);
  g_test_add_func ("/ui/window/save-anonymised-copy", test_save_anonymised_copy);
  g_test_add_func ("/ui/window/export-report", test_export_report);
  g_test_add_func ("/ui/window/export-report-in-background", test_export_report_in_background);
  g_test_add_func ("/ui/window/cube-opens-space", test_cube_opens_space);
  g_test_add_func ("/ui/window/change-on-disk", test_change_on_disk);
  g_test_add_func ("/ui/window/open-big-file-in-background", test_open_big_file_in_background);
  g_test_add_func ("/ui/window/refused-big-file-opens-nothing", test_refused_big_file_opens_nothing);
  g_test_add_func ("/ui/window/import-big-csv-in-background", test_import_big_csv_in_background);
  g_test_add_func ("/ui/window/shortcuts-window", test_shortcuts_window);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

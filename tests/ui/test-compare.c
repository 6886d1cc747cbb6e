/* test-compare.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-application-private.h"
#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-export-dialog.h"
#include "sm-window-private.h"
#include "sm-ui-test-utils.h"

/* Compare With… as two facilitators use it: the map from last month
 * opened over this month's. The changes are listed, each one is found on
 * the map when chosen, the list follows edits made meanwhile, and leaving
 * leaves the map exactly as it was: nothing to save, nothing to undo. */

static SmApplication *app;
static char          *scratch;

/* Last month's version of the example: Gloria not yet on it, the
 * Residents' Forum still there with a tie to the organiser, the
 * councillor's influence lower and Derek elsewhere. */
static GFile *
write_older_version (SmMap *current)
{
  g_autoptr(SmMap) old = sm_map_copy (current);
  g_autofree char *path = g_build_filename (scratch, "last-month.stakemap", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) forum = json_object_new ();
  g_autoptr(JsonObject) tie = json_object_new ();
  double x, y;
  g_autoptr(SmCommand) remove = NULL;
  g_autoptr(SmCommand) influence = NULL;
  g_autoptr(SmCommand) add = NULL;
  g_autoptr(SmCommand) add_tie = NULL;
  g_autoptr(SmCommand) move = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  SmRecord *derek = sm_map_lookup (old, "derek");

  /* Gloria's relationships go with her. */
  remove = sm_command_new_remove (old, sm_map_lookup (old, "gloria"));
  sm_command_apply (remove, old);
  influence = sm_command_new_set_number (sm_map_lookup (old, "cllr"), "influence", 3);
  sm_command_apply (influence, old);
  json_object_set_string_member (forum, "id", "forum");
  json_object_set_string_member (forum, "name", "Old Residents Forum");
  json_object_set_string_member (forum, "kind", "community_org");
  json_object_set_double_member (forum, "x", 40);
  json_object_set_double_member (forum, "y", 40);
  add = sm_command_new_add (old, SM_RECORD_STAKEHOLDER, g_steal_pointer (&forum));
  sm_command_apply (add, old);
  json_object_set_string_member (tie, "id", "forum-tie");
  json_object_set_string_member (tie, "source", "forum");
  json_object_set_string_member (tie, "target", "organiser");
  add_tie = sm_command_new_add (old, SM_RECORD_RELATIONSHIP, g_steal_pointer (&tie));
  sm_command_apply (add_tie, old);
  g_assert_true (sm_stakeholder_get_position (derek, &x, &y));
  x += 200;
  g_ptr_array_add (moved, derek);
  move = sm_command_new_move (moved, &x, &y);
  sm_command_apply (move, old);

  text = sm_test_save_to_string (old);
  sm_test_write_file (path, text);
  return g_file_new_for_path (path);
}

static void
wait_for_comparison (SmWindow *window)
{
  for (int i = 0; i < 200 && !sm_window_get_comparing (window); i++)
    sm_test_wait_for_idle ();
  g_assert_true (sm_window_get_comparing (window));
  sm_test_spin ();
}

/* The rows of the list, with the name each shows. */
static GtkListBoxRow *
find_row (SmWindow   *window,
          const char *title)
{
  GtkWidget *list = _sm_window_test_get_compare_list (window);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* Whether @widget holds a row titled @title. */
static gboolean
has_row (GtkWidget  *widget,
         const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_row (child, title))
      return TRUE;
  return FALSE;
}

static void
test_compare (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  g_autoptr(GFile) older = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SmWindow        *window;
  SmDocument      *document;
  SmMap           *map;
  SmCanvas        *canvas;
  SmSelection     *selection;
  GtkListBoxRow   *row;
  const char      *bar;
  double           scale, cx, cy;

  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  document = sm_window_get_document (window);
  map = sm_document_get_map (document);
  canvas = SM_CANVAS (sm_window_get_canvas (window));
  selection = sm_document_get_selection (document);
  older = write_older_version (map);
  before = sm_test_save_to_string (map);

  g_assert_false (canvas->comparing);
  sm_window_compare_with (window, older);
  wait_for_comparison (window);
  g_assert_true (canvas->comparing);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->side_stack)), ==, "changes");

  /* The bar says what is shown and how much changed. */
  bar = _sm_window_test_get_compare_bar_text (window);
  g_test_message ("bar: %s", bar);
  g_assert_nonnull (strstr (bar, "last-month.stakemap"));
  g_assert_nonnull (strstr (bar, "2 removed"));
  g_assert_nonnull (strstr (bar, "1 changed"));
  g_assert_nonnull (strstr (bar, "1 moved"));

  /* Gloria and her ties added, the forum and its tie removed, the
   * councillor changed, and the move summarised in one row. */
  g_assert_nonnull (find_row (window, "Gloria"));
  g_assert_nonnull (find_row (window, "Old Residents Forum"));
  g_assert_nonnull (find_row (window, "Cllr Begum, ward councillor"));
  g_assert_nonnull (find_row (window, "Moved"));
  g_assert_null (find_row (window, "Derek"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (window, "Cllr Begum, ward councillor"))),
                   ==, "Stakeholder changed\nInfluence: 3 → 7");

  /* A change chosen is selected and brought to the middle of the view. */
  row = find_row (window, "Cllr Begum, ward councillor");
  g_signal_emit_by_name (_sm_window_test_get_compare_list (window), "row-activated", row);
  sm_test_spin ();
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 1);
  g_assert_cmpstr (sm_selection_get_primary (selection), ==, "cllr");
  {
    double x, y;

    g_assert_true (sm_stakeholder_get_position (sm_map_lookup (map, "cllr"), &x, &y));
    sm_canvas_get_view (canvas, &scale, &cx, &cy);
    g_assert_cmpfloat (fabs (cx - x), <, 1.0);
    g_assert_cmpfloat (fabs (cy - y), <, 1.0);
  }
  /* A removed one cannot be selected, but its ghost is shown. */
  row = find_row (window, "Old Residents Forum");
  g_signal_emit_by_name (_sm_window_test_get_compare_list (window), "row-activated", row);
  sm_test_spin ();
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 0);
  sm_canvas_get_view (canvas, &scale, &cx, &cy);
  g_assert_cmpfloat (fabs (cx - 40), <, 1.0);
  g_assert_cmpfloat (fabs (cy - 40), <, 1.0);

  /* Export Image offers the changes, as the screen shows them. */
  {
    SmExportDialog *dialog = sm_export_dialog_new (window);

    g_assert_true (sm_window_get_compare_other (window) != NULL);
    g_assert_true (has_row (GTK_WIDGET (dialog), "Mark changes since “last-month.stakemap”"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Looking changed nothing. */
  after = sm_test_save_to_string (map);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));
  g_assert_false (sm_document_get_modified (document));

  /* An edit while comparing: the list follows it. The councillor's
   * influence put back, the councillor is no longer a change. */
  sm_document_push (document, sm_command_new_set_number (sm_map_lookup (map, "cllr"), "influence", 3));
  sm_test_spin ();
  g_assert_null (find_row (window, "Cllr Begum, ward councillor"));
  g_assert_nonnull (find_row (window, "Gloria"));
  g_assert_null (strstr (_sm_window_test_get_compare_bar_text (window), "changed"));
  /* Names are words, never markup. */
  sm_document_push (document, sm_command_new_set_string (sm_map_lookup (map, "gloria"), "name", "Gloria <b>& co"));
  sm_test_spin ();
  g_assert_nonnull (find_row (window, "Gloria <b>& co"));
  g_assert_true (sm_history_undo (sm_document_get_history (document)));
  sm_test_spin ();

  /* On a map that takes longer than a frame to compare, the list waits
   * for a pause in the editing, then follows every edit made. */
  _sm_window_test_set_compare_slow (window);
  sm_document_push (document, sm_command_new_set_number (sm_map_lookup (map, "cllr"), "influence", 5));
  sm_document_push (document, sm_command_new_set_string (sm_map_lookup (map, "gloria"), "name", "Gloria Mensah"));
  for (int i = 0; i < 50 && find_row (window, "Gloria Mensah") == NULL; i++)
    sm_test_wait_for_idle ();
  g_assert_nonnull (find_row (window, "Gloria Mensah"));
  g_assert_nonnull (find_row (window, "Cllr Begum, ward councillor"));
  g_assert_true (sm_history_undo (sm_document_get_history (document)));
  g_assert_true (sm_history_undo (sm_document_get_history (document)));
  for (int i = 0; i < 50 && find_row (window, "Gloria") == NULL; i++)
    sm_test_wait_for_idle ();
  g_assert_nonnull (find_row (window, "Gloria"));
  g_assert_null (find_row (window, "Cllr Begum, ward councillor"));

  /* Leaving takes away the bar, the page and the marks, and leaves the
   * edit made meanwhile as it was: one step to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-leave", NULL));
  sm_test_spin ();
  g_assert_false (sm_window_get_comparing (window));
  g_assert_false (canvas->comparing);
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (window->side_stack), "changes"));
  g_assert_null (_sm_window_test_get_compare_list (window));
  g_assert_null (sm_window_get_compare_other (window));
  {
    SmExportDialog *dialog = sm_export_dialog_new (window);

    g_assert_false (has_row (GTK_WIDGET (dialog), "Mark changes since “last-month.stakemap”"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpfloat (sm_record_get_score (sm_map_lookup (map, "cllr"), "influence"), ==, 3);
  g_assert_true (sm_history_can_undo (sm_document_get_history (document)));
  g_assert_true (sm_history_undo (sm_document_get_history (document)));
  after = (g_free (after), sm_test_save_to_string (map));
  g_assert_cmpstr (before, ==, after);
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));

  sm_test_close_all ();
}

/* A file that is not a map gets an error that says what is wrong, and
 * the window stays as it was. */
static void
test_compare_bad_file (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  g_autofree char *path = g_build_filename (scratch, "broken.stakemap", NULL);
  g_autoptr(GFile) broken = NULL;
  SmWindow   *window;
  GtkWidget  *dialog = NULL;
  GListModel *toplevels;

  sm_test_write_file (path, "{\"format\": \"stakemap\", \"stakeholders\": [");
  broken = g_file_new_for_path (path);
  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();

  sm_window_compare_with (window, broken);
  for (int i = 0; i < 100 && dialog == NULL; i++)
    {
      sm_test_wait_for_idle ();
      toplevels = gtk_window_get_toplevels ();
      for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
        {
          g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, k);

          if (ADW_IS_MESSAGE_DIALOG (w))
            dialog = w;
        }
    }
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                  adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "broken.stakemap"));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), !=, "");
  g_assert_false (sm_window_get_comparing (window));
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (window->side_stack), "changes"));
  g_assert_false (SM_CANVAS (sm_window_get_canvas (window))->comparing);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sm_test_application_new ("stakemap-ui-compare", &scratch);

  g_test_add_func ("/ui/compare/list-select-follow-leave", test_compare);
  g_test_add_func ("/ui/compare/bad-file", test_compare_bad_file);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (scratch);
  return status;
}

/* test-workshop.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-application-private.h"
#include "sm-canvas.h"
#include "sm-window-private.h"
#include "sm-ui-test-utils.h"

/* Start a Workshop as a facilitator runs it: each of Net-Map's steps with
 * its own controls on the live map, the work outlined, Skip and Back, the
 * step reached kept in the file, Undo, and leaving that changes
 * nothing. */

static SmApplication *app;
static char          *scratch;

static const char *empty_map = "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Drop-in\"},"
                               "\"stakeholders\":[],\"relationships\":[]}";

static SmWindow *
open_map (const char *name,
          const char *text)
{
  g_autofree char *path = g_build_filename (scratch, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SmWindow *window;

  if (text != NULL)
    sm_test_write_file (path, text);
  window = SM_WINDOW (sm_application_open_file (app, file, NULL));
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  return window;
}

/* The @index-th widget of @type under @widget, depth first. */
static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *index)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*index == 0)
        return widget;
      (*index)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, index);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
control (SmWindow *window,
         GType     type,
         guint     index)
{
  GtkWidget *found = find_nth (_sm_window_test_get_workshop_controls (window), type, &index);

  g_assert_nonnull (found);
  return found;
}

/* The button whose label is @label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
enter (SmWindow   *window,
       guint       index,
       const char *text)
{
  GtkWidget *entry = control (window, GTK_TYPE_ENTRY, index);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  sm_test_wait_for_idle ();
}

static void
act (SmWindow   *window,
     const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  sm_test_wait_for_idle ();
}

static SmRecord *
stakeholder_named (SmMap      *map,
                   const char *name)
{
  SmCollection *stakeholders = sm_map_get_stakeholders (map);

  for (guint i = 0; i < sm_collection_get_size (stakeholders); i++)
    if (g_strcmp0 (sm_stakeholder_get_name (sm_collection_get (stakeholders, i)), name) == 0)
      return sm_collection_get (stakeholders, i);
  return NULL;
}

static void
test_workshop_walk (void)
{
  SmWindow   *window = open_map ("walk.stakemap", empty_map);
  SmDocument *document = sm_window_get_document (window);
  SmMap      *map = sm_document_get_map (document);
  SmCanvas   *canvas = SM_CANVAS (sm_window_get_canvas (window));
  GtkWidget  *focus;
  GtkWidget  *link_button;
  SmRecord   *youth, *officer, *tie;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (scratch, "walk.stakemap", NULL);
  g_autofree char *saved = NULL;

  act (window, "win.workshop");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_QUESTION);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->side_stack)), ==, "workshop");
  focus = _sm_window_test_get_workshop_focus (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_has_css_class (focus, "workshop-focus"));
  /* Starting changes nothing. */
  g_assert_false (sm_document_get_modified (document));

  /* 1: the question and who is affected */
  enter (window, 0, "Who can influence the drop-in?");
  enter (window, 1, "Young people");
  g_assert_cmpstr (sm_record_get_string (sm_map_get_metadata (map), "question"), ==, "Who can influence the drop-in?");
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_collection (map, SM_RECORD_AFFECTED_GROUP)), ==, 1);

  /* 2: names one after another, each on the map */
  act (window, "win.workshop-next");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_WHO);
  enter (window, 0, "Youth council");
  enter (window, 0, "Council officer");
  enter (window, 0, "  ");
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 2);
  youth = stakeholder_named (map, "Youth council");
  officer = stakeholder_named (map, "Council officer");
  g_assert_nonnull (youth);
  g_assert_nonnull (officer);

  /* 3: a tie of the kind chosen; nobody is linked to themselves */
  act (window, "win.workshop-next");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_LINKS);
  link_button = find_button (_sm_window_test_get_workshop_controls (window), "_Link Them");
  g_assert_nonnull (link_button);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (window, GTK_TYPE_DROP_DOWN, 0)), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (window, GTK_TYPE_DROP_DOWN, 2)), 0);
  g_assert_false (gtk_widget_get_sensitive (link_button));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (window, GTK_TYPE_DROP_DOWN, 2)), 1);
  g_assert_true (gtk_widget_get_sensitive (link_button));
  g_signal_emit_by_name (link_button, "clicked");
  sm_test_wait_for_idle ();
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
  tie = sm_collection_get (sm_map_get_relationships (map), 0);
  g_assert_cmpstr (sm_relationship_get_source (tie), ==, sm_record_get_id (youth));
  g_assert_cmpstr (sm_record_get_enum (tie, "category"), ==, sm_relationship_categories[1]);

  /* 4: influence set together, on the towers */
  act (window, "win.workshop-next");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_INFLUENCE);
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, "towers");
  g_assert_true (_sm_window_test_get_workshop_focus (window) == GTK_WIDGET (canvas));
  /* Selecting on the map keeps the workshop's page in view. */
  sm_selection_select_only (sm_document_get_selection (document), sm_record_get_id (officer));
  sm_test_wait_for_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->side_stack)), ==, "workshop");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control (window, GTK_TYPE_SPIN_BUTTON, 0)), 7);
  sm_test_wait_for_idle ();
  g_assert_cmpfloat (sm_record_get_score (youth, "influence"), ==, 7);

  /* Skipped for later: goals */
  act (window, "win.workshop-skip");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_GOALS);
  enter (window, 0, "Open every evening");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (window, GTK_TYPE_DROP_DOWN, 2)), 2); /* officer opposes */
  sm_test_wait_for_idle ();
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 2);
  {
    JsonNode *positions = sm_record_get_value (officer, "goal_positions");

    g_assert_nonnull (positions);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (positions), "g1"), ==, "opposes");
  }

  /* 6: who holds more power, by name */
  act (window, "win.workshop-next");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_POWER);
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, "power-cube");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (window, GTK_TYPE_DROP_DOWN, 0)), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (window, GTK_TYPE_DROP_DOWN, 1)), 1);
  sm_test_wait_for_idle ();
  g_assert_cmpstr (sm_record_get_enum (tie, "power_difference.holder"), ==, "target");
  g_assert_cmpstr (sm_record_get_enum (tie, "power_form"), ==, "hidden");

  /* 7: the evaluation, read together */
  act (window, "win.workshop-next");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_EVALUATION);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->side_stack)), ==, "evaluation");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window)) && gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop-next", NULL) &&
                  _sm_window_test_get_workshop_step (window) != SM_WORKSHOP_EVALUATION);

  /* Undo takes the group back a step with the map. */
  g_assert_true (sm_history_undo (sm_document_get_history (document)));
  sm_test_wait_for_idle ();
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_POWER);
  g_assert_true (sm_history_redo (sm_document_get_history (document)));
  sm_test_wait_for_idle ();
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_EVALUATION);

  /* Leaving puts the view back and changes nothing. */
  {
    g_autofree char *title = sm_history_dup_undo_title (sm_document_get_history (document));

    act (window, "win.workshop-leave");
    g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_N_STEPS);
    g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (window->side_stack), "workshop"));
    g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, "map");
    g_assert_cmpstr (sm_history_dup_undo_title (sm_document_get_history (document)), ==, title);
  }

  /* Saved, opened again: the workshop resumes at the step reached, with
   * the skipped step marked. */
  g_assert_true (sm_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);
  saved = sm_test_read_file (path);
  g_assert_nonnull (strstr (saved, "\"step\": \"evaluation\""));
  g_assert_nonnull (strstr (saved, "\"skipped\": [\n        \"influence\""));
  sm_test_close_all ();

  window = open_map ("walk.stakemap", NULL);
  act (window, "win.workshop");
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_EVALUATION);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop-go", "s", "influence"));
  sm_test_wait_for_idle ();
  g_assert_cmpint (_sm_window_test_get_workshop_step (window), ==, SM_WORKSHOP_INFLUENCE);
  sm_test_close_all ();
}

/* Started and left at once: the file is as it was, nothing to save and
 * nothing to undo. */
static void
test_workshop_leave_untouched (void)
{
  SmWindow   *window = open_map ("untouched.stakemap", empty_map);
  SmDocument *document = sm_window_get_document (window);

  act (window, "win.workshop");
  act (window, "win.workshop-leave");
  g_assert_false (sm_document_get_modified (document));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));
  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sm_test_application_new ("stakemap-ui-workshop", &scratch);

  g_test_add_func ("/ui/workshop/walk", test_workshop_walk);
  g_test_add_func ("/ui/workshop/leave-untouched", test_workshop_leave_untouched);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

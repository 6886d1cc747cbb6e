/* test-merge.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-application-private.h"
#include "sm-command.h"
#include "sm-format.h"
#include "sm-window-private.h"
#include "sm-ui-test-utils.h"

/* Merge Changes From… as a facilitator uses it: the copy a colleague took
 * to another group comes back. What only they changed comes in, what both
 * changed is a choice, and the whole merge is one step to undo. */

static SmApplication *app;
static char          *scratch;

static char *
scratch_path (const char *name)
{
  return g_build_filename (scratch, name, NULL);
}

static void
save_map (SmMap      *map,
          const char *name)
{
  g_autofree char *path = scratch_path (name);
  g_autofree char *text = sm_test_save_to_string (map);

  sm_test_write_file (path, text);
}

static void
apply (SmMap     *map,
       SmCommand *command)
{
  sm_command_apply (command, map);
  g_object_unref (command);
}

/* The example as both facilitators took it, and the colleague's copy:
 * the councillor's influence put at 9, Gloria's name in full, the
 * foundation gone and a youth worker added. */
static void
write_copies (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autofree char *text = sm_test_read_file (example);
  g_autoptr(SmMap) base = sm_test_load (text);
  g_autoptr(SmMap) theirs = sm_test_load (text);
  g_autoptr(JsonObject) worker = json_object_new ();

  save_map (base, "shared.stakemap");
  save_map (base, "ours.stakemap");
  apply (theirs, sm_command_new_set_number (sm_map_lookup (theirs, "cllr"), "influence", 9));
  apply (theirs, sm_command_new_set_string (sm_map_lookup (theirs, "gloria"), "name", "Gloria Mensah"));
  apply (theirs, sm_command_new_remove (theirs, sm_map_lookup (theirs, "funder")));
  json_object_set_string_member (worker, "id", "youth");
  json_object_set_string_member (worker, "name", "Youth worker");
  json_object_set_string_member (worker, "kind", "professional");
  json_object_set_double_member (worker, "x", 10);
  json_object_set_double_member (worker, "y", 10);
  apply (theirs, sm_command_new_add (theirs, SM_RECORD_STAKEHOLDER, g_steal_pointer (&worker)));
  save_map (theirs, "theirs.stakemap");
}

static GtkWidget *
wait_for_dialog (void)
{
  for (int i = 0; i < 200; i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      sm_test_wait_for_idle ();
      for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
        {
          g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, k);
          const char *title = gtk_window_get_title (GTK_WINDOW (w));

          if (title != NULL && g_str_has_prefix (title, "Merge Changes From") && gtk_widget_get_visible (w))
            return w;
        }
    }
  g_assert_not_reached ();
}

/* The first widget under @widget of @type whose label starts with
 * @prefix. */
static GtkWidget *
find_labelled (GtkWidget  *widget,
               GType       type,
               const char *prefix)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *label = NULL;

      if (GTK_IS_CHECK_BUTTON (widget))
        label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      else if (GTK_IS_BUTTON (widget))
        label = gtk_button_get_label (GTK_BUTTON (widget));
      else if (GTK_IS_LABEL (widget))
        label = gtk_label_get_text (GTK_LABEL (widget));
      if (label != NULL && g_str_has_prefix (label, prefix))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the first label under @widget holding @needle. */
static const char *
find_text (GtkWidget  *widget,
           const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_text (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static SmWindow *
open_ours (void)
{
  g_autofree char *path = scratch_path ("ours.stakemap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SmWindow *window = SM_WINDOW (sm_application_open_file (app, file, NULL));

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  return window;
}

static void
test_merge_with_base (void)
{
  g_autofree char *theirs_path = scratch_path ("theirs.stakemap");
  g_autofree char *base_path = scratch_path ("shared.stakemap");
  g_autoptr(GFile) theirs = g_file_new_for_path (theirs_path);
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SmWindow        *window;
  SmDocument      *document;
  SmMap           *map;
  SmHistory       *history;
  GtkWidget       *dialog, *take;
  const char      *summary;
  guint64          n_before;

  write_copies ();
  window = open_ours ();
  document = sm_window_get_document (window);
  map = sm_document_get_map (document);
  history = sm_document_get_history (document);
  /* This group lowered the councillor's influence meanwhile. */
  sm_document_push (document, sm_command_new_set_number (sm_map_lookup (map, "cllr"), "influence", 3));
  before = sm_test_save_to_string (map);

  sm_window_merge_from (window, theirs, base);
  dialog = wait_for_dialog ();
  summary = find_text (dialog, "1 conflict to choose");
  g_assert_nonnull (summary);
  g_test_message ("%s", summary);
  n_before = g_ascii_strtoull (summary, NULL, 10);
  g_assert_cmpuint (n_before, >=, 3);
  /* The conflict shows both values; this map's is kept unless chosen. */
  g_assert_nonnull (find_labelled (dialog, GTK_TYPE_CHECK_BUTTON, "Keep this map’s: 3"));
  take = find_labelled (dialog, GTK_TYPE_CHECK_BUTTON, "Take theirs: 9");
  g_assert_nonnull (take);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (take)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (take), TRUE);
  sm_test_spin ();
  summary = find_text (dialog, "1 conflict to choose");
  g_assert_cmpuint (g_ascii_strtoull (summary, NULL, 10), ==, n_before + 1);
  /* Nothing is changed until Merge. */
  after = sm_test_save_to_string (map);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (gtk_widget_get_sensitive (find_labelled (dialog, GTK_TYPE_BUTTON, "_Merge")));
  g_signal_emit_by_name (find_labelled (dialog, GTK_TYPE_BUTTON, "_Merge"), "clicked");
  sm_test_spin ();
  g_assert_cmpfloat (sm_record_get_score (sm_map_lookup (map, "cllr"), "influence"), ==, 9);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, "gloria")), ==, "Gloria Mensah");
  g_assert_null (sm_map_lookup (map, "funder"));
  g_assert_nonnull (sm_map_lookup (map, "youth"));
  /* The foundation's ties went with it: the map is whole. */
  for (guint i = 0; i < sm_collection_get_size (sm_map_get_relationships (map)); i++)
    {
      SmRecord *tie = sm_collection_get (sm_map_get_relationships (map), i);

      g_assert_nonnull (sm_map_lookup (map, sm_relationship_get_source (tie)));
      g_assert_nonnull (sm_map_lookup (map, sm_relationship_get_target (tie)));
    }

  /* One Undo takes the whole merge back. */
  g_assert_true (sm_history_undo (history));
  g_free (after);
  after = sm_test_save_to_string (map);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpfloat (sm_record_get_score (sm_map_lookup (map, "cllr"), "influence"), ==, 3);
  sm_test_close_all ();
}

/* With no common version to be found, nothing is taken as removed: the
 * foundation stays, the youth worker comes in, and what differs is the
 * user's choice. */
static void
test_merge_without_base (void)
{
  g_autofree char *theirs_path = scratch_path ("theirs.stakemap");
  g_autoptr(GFile) theirs = g_file_new_for_path (theirs_path);
  SmWindow  *window;
  SmMap     *map;
  GtkWidget *dialog;

  write_copies ();
  window = open_ours ();
  map = sm_document_get_map (sm_window_get_document (window));
  sm_window_merge_from (window, theirs, NULL);
  dialog = wait_for_dialog ();
  g_assert_nonnull (find_labelled (dialog, GTK_TYPE_CHECK_BUTTON, "Take theirs: Gloria Mensah"));
  g_assert_true (gtk_widget_get_sensitive (find_labelled (dialog, GTK_TYPE_BUTTON, "_Merge")));
  g_signal_emit_by_name (find_labelled (dialog, GTK_TYPE_BUTTON, "_Merge"), "clicked");
  sm_test_spin ();
  g_assert_nonnull (sm_map_lookup (map, "funder"));
  g_assert_nonnull (sm_map_lookup (map, "youth"));
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, "gloria")), ==, "Gloria");
  g_assert_cmpfloat (sm_record_get_score (sm_map_lookup (map, "cllr"), "influence"), ==, 7);
  sm_test_close_all ();
}

/* The copy was handed out from the file as saved, and this group went on
 * editing without saving: that file is found as the common version, so
 * the foundation they removed is removed here too. */
static void
test_merge_finds_base (void)
{
  g_autofree char *theirs_path = scratch_path ("theirs.stakemap");
  g_autoptr(GFile) theirs = g_file_new_for_path (theirs_path);
  SmWindow   *window;
  SmDocument *document;
  SmMap      *map;
  GtkWidget  *dialog;

  write_copies ();
  window = open_ours ();
  document = sm_window_get_document (window);
  map = sm_document_get_map (document);
  sm_document_push (document, sm_command_new_set_number (sm_map_lookup (map, "cllr"), "influence", 3));
  sm_window_merge_from (window, theirs, NULL);
  dialog = wait_for_dialog ();
  g_assert_nonnull (find_text (dialog, "ours.stakemap (this map as last saved)"));
  g_signal_emit_by_name (find_labelled (dialog, GTK_TYPE_BUTTON, "_Merge"), "clicked");
  sm_test_spin ();
  g_assert_null (sm_map_lookup (map, "funder"));
  g_assert_nonnull (sm_map_lookup (map, "youth"));
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, "gloria")), ==, "Gloria Mensah");
  /* Both changed the councillor: this map's value, until chosen. */
  g_assert_cmpfloat (sm_record_get_score (sm_map_lookup (map, "cllr"), "influence"), ==, 3);
  sm_test_close_all ();
}

/* A copy that cannot be read: a dialog says what is wrong, nothing
 * changes. */
static void
test_merge_bad_file (void)
{
  g_autofree char *path = scratch_path ("broken.stakemap");
  g_autoptr(GFile) broken = NULL;
  SmWindow  *window;
  GtkWidget *dialog = NULL;

  write_copies ();
  sm_test_write_file (path, "{\"format\": \"stakemap\", \"relationships\": [{]}");
  broken = g_file_new_for_path (path);
  window = open_ours ();
  sm_window_merge_from (window, broken, NULL);
  for (int i = 0; i < 100 && dialog == NULL; i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      sm_test_wait_for_idle ();
      for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
        {
          g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, k);

          if (ADW_IS_MESSAGE_DIALOG (w))
            dialog = w;
        }
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "broken.stakemap"));
  g_test_message ("%s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_false (sm_history_can_undo (sm_document_get_history (sm_window_get_document (window))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sm_test_application_new ("stakemap-ui-merge", &scratch);

  g_test_add_func ("/ui/merge/with-base", test_merge_with_base);
  g_test_add_func ("/ui/merge/without-base", test_merge_without_base);
  g_test_add_func ("/ui/merge/finds-base", test_merge_finds_base);
  g_test_add_func ("/ui/merge/bad-file", test_merge_bad_file);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_free (scratch);
  return status;
}

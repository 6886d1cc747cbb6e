/* test-document.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sm-document.h"
#include "sm-format.h"
#include "sm-test-utils.h"

/* The document every view of a map shares: its selection, its title and
 * modified state, saving, and what a map from a newer version refuses. */

#define THREE                                                           \
  "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Air\"}," \
  "\"stakeholders\":["                                                  \
  "{\"id\":\"a\",\"name\":\"Ann\",\"x\":0,\"y\":0},"                    \
  "{\"id\":\"b\",\"name\":\"Bea\",\"x\":100,\"y\":0},"                  \
  "{\"id\":\"c\",\"name\":\"Cy\",\"x\":200,\"y\":0}],"                  \
  "\"relationships\":[{\"id\":\"r\",\"source\":\"a\",\"target\":\"b\"}]}"

static void
count_cb (gpointer instance,
          guint   *count)
{
  (*count)++;
}

static void
test_selection_basics (void)
{
  g_autoptr(SmMap) map = sm_test_load (THREE);
  g_autoptr(SmSelection) selection = sm_selection_new (map);
  const char *two[] = { "a", "missing", "c", NULL };
  guint       changes = 0;
  char       *text;

  g_signal_connect (selection, "changed", G_CALLBACK (count_cb), &changes);

  sm_selection_select_only (selection, "b");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (sm_selection_get_primary (selection), ==, "b");

  /* Selecting the same again is not a change. */
  sm_selection_select_only (selection, "b");
  g_assert_cmpuint (changes, ==, 1);

  /* Ids not in the map are skipped. */
  sm_selection_set (selection, two);
  text = sm_test_ids_of (selection, ",");
  g_assert_cmpstr (text, ==, "a,c");
  g_free (text);
  g_assert_cmpuint (changes, ==, 2);

  /* Toggling adds at the end (the primary) and removes. */
  sm_selection_toggle (selection, "b");
  g_assert_cmpstr (sm_selection_get_primary (selection), ==, "b");
  sm_selection_toggle (selection, "a");
  text = sm_test_ids_of (selection, ",");
  g_assert_cmpstr (text, ==, "c,b");
  g_free (text);

  /* Adding a selected record again makes it the primary one. */
  sm_selection_add (selection, "c");
  g_assert_cmpstr (sm_selection_get_primary (selection), ==, "c");
  g_assert_true (sm_selection_contains (selection, "b"));
  g_assert_false (sm_selection_contains (selection, "a"));

  sm_selection_clear (selection);
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 0);
  g_assert_null (sm_selection_get_primary (selection));
  g_assert_null (sm_selection_get_primary_record (selection));
}

static void
test_selection_follows_removal (void)
{
  g_autoptr(SmMap) map = sm_test_load (THREE);
  g_autoptr(SmDocument) doc = sm_document_new (map, NULL);
  SmSelection *selection = sm_document_get_selection (doc);
  const char  *ids[] = { "a", "r", "c", NULL };
  g_autoptr(GPtrArray) people = NULL;
  char *text;

  sm_selection_set (selection, ids);
  people = sm_selection_dup_records (selection, SM_RECORD_STAKEHOLDER);
  g_assert_cmpuint (people->len, ==, 2);

  /* Removing Ann takes her relationship with her, and both leave the
   * selection; undo brings them back but does not reselect them. */
  sm_document_push (doc, sm_command_new_remove (map, sm_map_lookup (map, "a")));
  text = sm_test_ids_of (selection, ",");
  g_assert_cmpstr (text, ==, "c");
  g_free (text);
  g_assert_true (sm_history_undo (sm_document_get_history (doc)));
  g_assert_nonnull (sm_map_lookup (map, "r"));
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 1);
}

static void
test_document_title_and_modified (void)
{
  g_autoptr(SmMap) map = sm_map_new ();
  g_autoptr(SmDocument) doc = sm_document_new (map, NULL);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/somewhere/air.stakemap");
  g_autofree char *title = sm_document_dup_display_title (doc);
  guint            modified_changes = 0, title_changes = 0;

  g_assert_cmpstr (title, ==, "New Map");
  g_clear_pointer (&title, g_free);
  g_signal_connect (doc, "notify::modified", G_CALLBACK (sm_test_notify_count_cb), &modified_changes);
  g_signal_connect (doc, "notify::title", G_CALLBACK (sm_test_notify_count_cb), &title_changes);

  sm_document_set_file (doc, file);
  title = sm_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "air.stakemap");
  g_clear_pointer (&title, g_free);

  sm_document_push (doc, sm_command_new_set_string (sm_map_get_metadata (map), "title", "Clean air"));
  title = sm_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "Clean air");
  g_assert_true (sm_document_get_modified (doc));
  g_assert_cmpuint (modified_changes, ==, 1);
  g_assert_cmpuint (title_changes, >=, 2);

  sm_history_undo (sm_document_get_history (doc));
  g_assert_false (sm_document_get_modified (doc));
  g_assert_cmpuint (modified_changes, ==, 2);
}

static void
test_document_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stakemap-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SmMap) map = sm_test_load (THREE);
  g_autoptr(SmDocument) doc = sm_document_new (map, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) again = NULL;

  sm_document_push (doc, sm_command_new_set_string (sm_map_lookup (map, "a"), "name", "Anne"));
  g_assert_true (sm_document_save (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sm_document_get_modified (doc));
  g_assert_true (g_file_equal (sm_document_get_file (doc), file));

  again = sm_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (again, "a")), ==, "Anne");

  /* A second save keeps the first as a backup. */
  sm_document_push (doc, sm_command_new_set_string (sm_map_lookup (map, "b"), "name", "Beatrice"));
  g_assert_true (sm_document_save (doc, NULL, NULL, &error));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_unlink (backup);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_document_recovered_is_modified (void)
{
  g_autoptr(SmMap) map = sm_test_load (THREE);
  g_autoptr(SmDocument) doc = sm_document_new (map, NULL);
  SmHistory *history = sm_document_get_history (doc);

  g_assert_false (sm_document_get_modified (doc));
  sm_history_clear_save_point (history);
  g_assert_true (sm_document_get_modified (doc));
  /* Undoing and redoing never reaches a saved state again. */
  sm_document_push (doc, sm_command_new_set_string (sm_map_lookup (map, "a"), "name", "Anne"));
  sm_history_undo (history);
  g_assert_true (sm_document_get_modified (doc));
}

static void
test_document_read_only (void)
{
  g_autoptr(SmMap) map = sm_test_load ("{\"format\":\"stakemap\",\"version\":2,"
                                        "\"stakeholders\":[{\"id\":\"a\",\"name\":\"Ann\"}]}");
  g_autoptr(SmDocument) doc = sm_document_new (map, NULL);

  g_assert_true (sm_document_get_read_only (doc));
  sm_document_push (doc, sm_command_new_set_string (sm_map_lookup (map, "a"), "name", "Anne"));
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, "a")), ==, "Ann");
  g_assert_false (sm_document_get_modified (doc));
  g_assert_false (sm_history_can_undo (sm_document_get_history (doc)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/selection/basics", test_selection_basics);
  g_test_add_func ("/core/selection/follows-removal", test_selection_follows_removal);
  g_test_add_func ("/core/document/title-and-modified", test_document_title_and_modified);
  g_test_add_func ("/core/document/save", test_document_save);
  g_test_add_func ("/core/document/recovered-is-modified", test_document_recovered_is_modified);
  g_test_add_func ("/core/document/read-only", test_document_read_only);

  return g_test_run ();
}

/* test-merge.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-diff.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-merge.h"
#include "sm-test-utils.h"

/* Test documents are written with ' for ". */

#define HEAD "{'format': 'stakemap', 'version': 1, "

#define S1 "{'id': 's1', 'name': 'Amina', 'influence': 4, 'x': 0, 'y': 0}"
#define S2 "{'id': 's2', 'name': 'Cllr Begum', 'influence': 8, 'x': 5, 'y': 5}"
#define R1 "{'id': 'r1', 'source': 's1', 'target': 's2'}"

/* A map with the given stakeholders, relationships, spaces and the rest. */
#define DOC(map, people, ties, spaces, extra)                                                          \
  HEAD "'map': " map ", 'stakeholders': [" people "], 'relationships': [" ties "], 'spaces': [" spaces \
       "], 'annotations': [{'id': 'n1', 'text': 'Ask', 'x': 1, 'y': 1}]" extra "}"

#define BASE DOC ("{'title': 'Air'}", S1 ", " S2, R1, "{'id': 'sp1', 'name': 'Forum'}", "")

typedef struct
{
  SmMap   *base;
  SmMap   *ours;
  SmMap   *theirs;
  SmMerge *merge;
} Three;

static void
three_load (Three      *t,
            const char *base,
            const char *ours,
            const char *theirs)
{
  t->base = sm_test_load_q (base);
  t->ours = sm_test_load_q (ours);
  t->theirs = sm_test_load_q (theirs);
  t->merge = sm_merge_new (t->base, t->ours, t->theirs);
}

static void
three_clear (Three *t)
{
  g_clear_pointer (&t->merge, sm_merge_free);
  g_clear_object (&t->base);
  g_clear_object (&t->ours);
  g_clear_object (&t->theirs);
}

/* The result, which must load as a file does; @check_valid re-reads its
 * bytes through the loader `check` uses. */
static SmMap *
result_of (Three *t)
{
  g_autoptr(GError) error = NULL;
  SmMap *result = sm_merge_dup_result (t->merge, &error);
  g_autoptr(GBytes) bytes = NULL;
  guint n_problems = 0;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  bytes = sm_format_save_to_bytes (result);
  problems = sm_format_check_bytes (bytes, &n_problems);
  if (problems->len > 0)
    g_error ("merged map is not valid: %s", (char *) g_ptr_array_index (problems, 0));
  return result;
}

static const char *
string_of (SmMap       *map,
           SmRecordKind kind,
           const char  *id,
           const char  *member)
{
  SmRecord *record = sm_map_lookup_kind (map, kind, id);

  g_assert_nonnull (record);
  return sm_record_get_string (record, member);
}

static double
number_of (SmMap      *map,
           const char *id,
           const char *member)
{
  SmRecord *record = sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id);

  g_assert_nonnull (record);
  return sm_record_get_number (record, member, -1);
}

static char *
text_of (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("-");
}

/* "kind id (name) path base|ours|theirs", what a user reads of a conflict */
static char *
conflict_text (SmMergeConflict *c)
{
  g_autofree char *b = text_of (sm_merge_conflict_get_base (c));
  g_autofree char *o = text_of (sm_merge_conflict_get_ours (c));
  g_autofree char *th = text_of (sm_merge_conflict_get_theirs (c));
  const char      *path = sm_merge_conflict_get_path (c);

  if (path == NULL)
    return g_strdup_printf ("%s %s (%s) whole %s|%s", sm_diff_kind_to_string (sm_merge_conflict_get_kind (c)),
                            sm_merge_conflict_get_id (c), sm_merge_conflict_get_name (c),
                            sm_merge_conflict_get_ours (c) != NULL ? "ours" : "-",
                            sm_merge_conflict_get_theirs (c) != NULL ? "theirs" : "-");
  return g_strdup_printf ("%s %s (%s) %s %s|%s|%s", sm_diff_kind_to_string (sm_merge_conflict_get_kind (c)),
                          sm_merge_conflict_get_id (c), sm_merge_conflict_get_name (c), path, b, o, th);
}

static void
test_clean_disjoint (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;

  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina', 'influence': 6, 'x': 0, 'y': 0}, " S2, R1,
                   "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", S1 ", {'id': 's2', 'name': 'Cllr Y. Begum', 'influence': 8, 'x': 5, 'y': 5}",
                   R1, "{'id': 'sp1', 'name': 'Forum'}", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  g_assert_cmpfloat (number_of (result, "s1", "influence"), ==, 6);
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s2", "name"), ==, "Cllr Y. Begum");
  three_clear (&t);
}

static void
test_additions_kept (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;

  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", S1 ", " S2 ", {'id': 's3', 'name': 'Bo'}", R1, "{'id': 'sp1', 'name': 'Forum'}",
                   ""),
              DOC ("{'title': 'Air'}", S1 ", " S2 ", {'id': 's4', 'name': 'Cy'}",
                   R1 ", {'id': 'r9', 'source': 's4', 'target': 's1'}", "{'id': 'sp1', 'name': 'Forum'}", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s3", "name"), ==, "Bo");
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s4", "name"), ==, "Cy");
  g_assert_cmpstr (string_of (result, SM_RECORD_RELATIONSHIP, "r9", "source"), ==, "s4");
  /* Ours' order, then what theirs added. */
  g_assert_cmpstr (sm_record_get_id (sm_collection_get (sm_map_get_stakeholders (result), 2)), ==, "s3");
  g_assert_cmpstr (sm_record_get_id (sm_collection_get (sm_map_get_stakeholders (result), 3)), ==, "s4");
  three_clear (&t);
}

/* Both copies added someone, and both were given the next free id, s3,
 * with a tie to them as r2: two people and two ties, never one chimera.
 * Theirs takes new ids, its tie follows its person, and the merge says
 * so. The same record added on both sides stays one. */
static void
test_added_both_same_id (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmMap) live = NULL;
  g_autoptr(SmCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", S1 ", " S2 ", {'id': 's3', 'name': 'Bo', 'interest': 5}, {'id': 's4', 'name': 'Di'}",
                   R1 ", {'id': 'r2', 'source': 's1', 'target': 's3'}", "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", S1 ", " S2 ", {'id': 's3', 'name': 'Bea', 'interest': 5}, {'id': 's4', 'name': 'Di'}",
                   R1 ", {'id': 'r2', 'source': 's2', 'target': 's3'}",
                   "{'id': 'sp1', 'name': 'Forum', 'members': [{'stakeholder': 's3'}]}", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s3", "name"), ==, "Bo");
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s3-2", "name"), ==, "Bea");
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s4", "name"), ==, "Di");
  g_assert_null (sm_map_lookup (result, "s4-2"));
  g_assert_cmpstr (string_of (result, SM_RECORD_RELATIONSHIP, "r2", "target"), ==, "s3");
  g_assert_cmpstr (string_of (result, SM_RECORD_RELATIONSHIP, "r2-2", "source"), ==, "s2");
  g_assert_cmpstr (string_of (result, SM_RECORD_RELATIONSHIP, "r2-2", "target"), ==, "s3-2");
  /* Theirs put Bea in the forum: she is the member, not Bo. */
  {
    JsonNode *members = sm_record_get_value (sm_map_lookup (result, "sp1"), "members");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (members), 0),
                                                    "stakeholder"),
                     ==, "s3-2");
  }
  g_assert_cmpuint (sm_merge_get_n_notes (t.merge), ==, 2);
  g_assert_nonnull (strstr (sm_merge_get_note (t.merge, 0), "“Bea”, is kept as s3-2"));

  /* The app's one step makes the same map. */
  live = sm_map_copy (t.ours);
  command = sm_merge_build_command (t.merge, live, &error);
  g_assert_no_error (error);
  sm_command_apply (command, live);
  {
    g_autoptr(SmDiff) diff = sm_diff_new (live, result);

    g_assert_true (sm_diff_is_empty (diff));
  }
  three_clear (&t);
}

static void
test_removals_kept (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;

  /* Ours deleted Cllr Begum (and so the relationship), theirs the space. */
  three_load (&t, BASE, DOC ("{'title': 'Air'}", S1, "", "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", S1 ", " S2, R1, "", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  g_assert_null (sm_map_lookup (result, "s2"));
  g_assert_null (sm_map_lookup (result, "r1"));
  g_assert_null (sm_map_lookup (result, "sp1"));
  g_assert_nonnull (sm_map_lookup (result, "s1"));
  three_clear (&t);
}

static void
test_same_value_no_conflict (void)
{
  Three       t = { 0 };
  const char *both = DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina', 'influence': 7, 'x': 0, 'y': 0}, " S2,
                          R1, "{'id': 'sp1', 'name': 'Forum'}", "");
  g_autoptr(SmMap) result = NULL;

  three_load (&t, BASE, both, both);
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  g_assert_cmpfloat (number_of (result, "s1", "influence"), ==, 7);
  three_clear (&t);
}

static void
test_merge_with_itself (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmDiff) diff = NULL;

  three_load (&t, BASE, BASE, BASE);
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  diff = sm_diff_new (t.ours, result);
  g_assert_true (sm_diff_is_empty (diff));
  three_clear (&t);
}

static void
test_same_field_conflict (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) ours_result = NULL;
  g_autoptr(SmMap) theirs_result = NULL;
  g_autofree char *text = NULL;
  SmMergeConflict *c;

  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina', 'influence': 6, 'x': 0, 'y': 0}, " S2, R1,
                   "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina', 'influence': 2, 'x': 0, 'y': 0}, " S2, R1,
                   "{'id': 'sp1', 'name': 'Forum'}", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 1);
  c = sm_merge_get_conflict (t.merge, 0);
  text = conflict_text (c);
  g_assert_cmpstr (text, ==, "stakeholder s1 (Amina) influence 4|6|2");
  g_assert_cmpint (sm_merge_conflict_get_choice (c), ==, SM_MERGE_CHOICE_OURS);
  g_assert_false (sm_merge_conflict_is_move (c));

  ours_result = result_of (&t);
  g_assert_cmpfloat (number_of (ours_result, "s1", "influence"), ==, 6);

  sm_merge_conflict_set_choice (c, SM_MERGE_CHOICE_THEIRS);
  theirs_result = result_of (&t);
  g_assert_cmpfloat (number_of (theirs_result, "s1", "influence"), ==, 2);
  three_clear (&t);
}

static void
test_moved_both_sides (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;

  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina', 'influence': 4, 'x': 10, 'y': 0}, " S2, R1,
                   "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina', 'influence': 4, 'x': 20, 'y': 0}, " S2, R1,
                   "{'id': 'sp1', 'name': 'Forum'}", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 1);
  g_assert_true (sm_merge_conflict_is_move (sm_merge_get_conflict (t.merge, 0)));
  result = result_of (&t);
  g_assert_cmpfloat (number_of (result, "s1", "x"), ==, 10);
  three_clear (&t);
}

static void
test_removed_versus_changed (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) ours_result = NULL;
  g_autoptr(SmMap) theirs_result = NULL;
  g_autofree char *text = NULL;

  /* Ours deleted Cllr Begum; theirs renamed her. */
  three_load (&t, BASE, DOC ("{'title': 'Air'}", S1, "", "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", S1 ", {'id': 's2', 'name': 'Cllr Y. Begum', 'influence': 8, 'x': 5, 'y': 5}",
                   R1, "{'id': 'sp1', 'name': 'Forum'}", ""));
  /* Her tie, which ours deleted with her, is the user's choice too. */
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 2);
  text = conflict_text (sm_merge_get_conflict (t.merge, 0));
  g_assert_cmpstr (text, ==, "stakeholder s2 (Cllr Y. Begum) whole -|theirs");
  g_assert_null (sm_merge_conflict_get_path (sm_merge_get_conflict (t.merge, 0)));
  g_clear_pointer (&text, g_free);
  text = conflict_text (sm_merge_get_conflict (t.merge, 1));
  g_assert_cmpstr (text, ==, "relationship r1 (Amina → Cllr Y. Begum) whole -|theirs");

  ours_result = result_of (&t);
  g_assert_null (sm_map_lookup (ours_result, "s2"));
  g_assert_null (sm_map_lookup (ours_result, "r1"));

  sm_merge_conflict_set_choice (sm_merge_get_conflict (t.merge, 0), SM_MERGE_CHOICE_THEIRS);
  sm_merge_conflict_set_choice (sm_merge_get_conflict (t.merge, 1), SM_MERGE_CHOICE_THEIRS);
  theirs_result = result_of (&t);
  g_assert_cmpstr (string_of (theirs_result, SM_RECORD_STAKEHOLDER, "s2", "name"), ==, "Cllr Y. Begum");
  g_assert_nonnull (sm_map_lookup (theirs_result, "r1"));
  three_clear (&t);
}

static void
test_relationship_to_removed (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) ours_result = NULL;
  g_autoptr(SmMap) theirs_result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;

  /* Theirs deleted Cllr Begum (and r1); ours drew a new tie to her and
   * made her a member of the forum. */
  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", S1 ", " S2, R1 ", {'id': 'r2', 'source': 's2', 'target': 's1'}",
                   "{'id': 'sp1', 'name': 'Forum', 'members': [{'stakeholder': 's2'}]}", ""),
              DOC ("{'title': 'Air'}", S1, "", "{'id': 'sp1', 'name': 'Forum'}", ""));
  /* Her and her old tie r1, which theirs deleted with her. */
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 2);
  text = conflict_text (sm_merge_get_conflict (t.merge, 0));
  g_assert_cmpstr (text, ==, "stakeholder s2 (Cllr Begum) whole ours|-");

  /* Ours: she stays, with her ties and what ours drew. */
  ours_result = result_of (&t);
  g_assert_nonnull (sm_map_lookup (ours_result, "s2"));
  g_assert_nonnull (sm_map_lookup (ours_result, "r2"));
  g_assert_nonnull (sm_map_lookup (ours_result, "r1"));
  g_assert_cmpuint (sm_merge_get_n_notes (t.merge), ==, 0);

  /* Theirs for her alone: she goes, and nothing is left naming her (r1,
   * r2 and her membership are cleared, each with a note). */
  sm_merge_conflict_set_choice (sm_merge_get_conflict (t.merge, 0), SM_MERGE_CHOICE_THEIRS);
  theirs_result = result_of (&t);
  g_assert_null (sm_map_lookup (theirs_result, "s2"));
  g_assert_null (sm_map_lookup (theirs_result, "r1"));
  g_assert_null (sm_map_lookup (theirs_result, "r2"));
  saved = sm_test_save_to_string (theirs_result);
  g_assert_null (strstr (saved, "\"s2\""));
  g_assert_cmpuint (sm_merge_get_n_notes (t.merge), ==, 3);
  three_clear (&t);
}

static void
test_relationship_to_removed_by_ours (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;

  /* Ours deleted Cllr Begum; theirs drew a new tie to her. */
  three_load (&t, BASE, DOC ("{'title': 'Air'}", S1, "", "{'id': 'sp1', 'name': 'Forum'}", ""),
              DOC ("{'title': 'Air'}", S1 ", " S2, R1 ", {'id': 'r2', 'source': 's2', 'target': 's1'}",
                   "{'id': 'sp1', 'name': 'Forum'}", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 2);
  result = result_of (&t);
  g_assert_null (sm_map_lookup (result, "s2"));
  g_assert_null (sm_map_lookup (result, "r1"));
  g_assert_null (sm_map_lookup (result, "r2"));
  g_assert_cmpuint (sm_merge_get_n_notes (t.merge), ==, 1);
  g_assert_nonnull (strstr (sm_merge_get_note (t.merge, 0), "r2"));
  three_clear (&t);
}

#define RESP(id, text) "{'id': '" id "', 'rule': 'SP-01', 'kind': 'discuss', 'text': '" text "'}"

static void
test_responses (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmDiff) diff = NULL;
  g_autofree char *text = NULL;

  three_load (&t, DOC ("{}", S1, "", "", ", 'evaluation': {'responses': [" RESP ("e0", "Talk") "]}"),
              DOC ("{}", S1, "", "", ", 'evaluation': {'responses': [" RESP ("e0", "Talk now") ", " RESP ("e1", "A") "]}"),
              DOC ("{}", S1, "", "", ", 'evaluation': {'responses': [" RESP ("e0", "Talk later") ", " RESP ("e2", "B") "]}"));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 1);
  text = conflict_text (sm_merge_get_conflict (t.merge, 0));
  g_assert_cmpstr (text, ==, "response e0 (SP-01, discuss) text \"Talk\"|\"Talk now\"|\"Talk later\"");
  result = result_of (&t);
  /* Against ours, the merge only added theirs' e2. */
  diff = sm_diff_new (t.ours, result);
  g_assert_cmpuint (sm_diff_get_n_entries (diff), ==, 1);
  g_assert_cmpint (sm_diff_entry_get_kind (sm_diff_get_entry (diff, 0)), ==, SM_DIFF_KIND_RESPONSE);
  g_assert_cmpstr (sm_diff_entry_get_id (sm_diff_get_entry (diff, 0)), ==, "e2");
  three_clear (&t);
}

static void
test_map_details (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autofree char *text = NULL;

  three_load (&t, DOC ("{'title': 'Air', 'purpose': 'Clean air'}", S1, "", "", ""),
              DOC ("{'title': 'Air in Millfield', 'purpose': 'Clean air'}", S1, "", "", ""),
              DOC ("{'title': 'Millfield air', 'purpose': 'Cleaner air by 2027'}", S1, "", "", ""));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 1);
  text = conflict_text (sm_merge_get_conflict (t.merge, 0));
  g_assert_cmpstr (text, ==, "map map (Air in Millfield) title \"Air\"|\"Air in Millfield\"|\"Millfield air\"");
  result = result_of (&t);
  g_assert_cmpstr (sm_map_get_title (result), ==, "Air in Millfield");
  g_assert_cmpstr (sm_record_get_string (sm_map_get_metadata (result), "purpose"), ==, "Cleaner air by 2027");
  three_clear (&t);
}

static void
test_unknown_members (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autofree char *saved = NULL;

  three_load (&t, DOC ("{}", "{'id': 's1', 'name': 'Amina', 'x_colour': 'red'}", "", "", ", 'x_tool': {'a': 1}"),
              DOC ("{}", "{'id': 's1', 'name': 'Amina', 'x_colour': 'red', 'x_seen': true}", "", "",
                   ", 'x_tool': {'a': 1}"),
              DOC ("{}", "{'id': 's1', 'name': 'Amina', 'x_colour': 'blue'}", "", "",
                   ", 'x_tool': {'a': 1, 'b': 2}, 'x_more': [1]"));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 0);
  result = result_of (&t);
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "s1", "x_colour"), ==, "blue");
  g_assert_true (sm_record_has_value (sm_map_lookup (result, "s1"), "x_seen"));
  saved = sm_test_save_to_string (result);
  g_assert_nonnull (strstr (saved, "\"x_more\""));
  g_assert_nonnull (strstr (saved, "\"b\": 2"));
  three_clear (&t);
}

static void
test_command_apply_revert (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmMap) live = NULL;
  g_autoptr(SmCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *live_text = NULL;
  g_autofree char *result_text = NULL;
  g_autofree char *ours_text = NULL;

  /* Theirs: a new stakeholder and a tie to her, Cllr Begum deleted, a new
   * response, a renamed space and a member the app does not know; ours
   * renamed Amina and drew a tie, so there is one conflict too. */
  three_load (&t,
              DOC ("{'title': 'Air'}", S1 ", " S2, R1 ", {'id': 'r2', 'source': 's2', 'target': 's1'}",
                   "{'id': 'sp1', 'name': 'Forum', 'members': [{'stakeholder': 's2'}]}",
                   ", 'evaluation': {'responses': [" RESP ("e0", "Talk") "]}"),
              DOC ("{'title': 'Air'}", "{'id': 's1', 'name': 'Amina K.', 'influence': 5, 'x': 0, 'y': 0}, " S2,
                   R1 ", {'id': 'r2', 'source': 's2', 'target': 's1'}",
                   "{'id': 'sp1', 'name': 'Forum', 'members': [{'stakeholder': 's2'}]}",
                   ", 'evaluation': {'responses': [" RESP ("e0", "Talk") "]}"),
              DOC ("{'title': 'Air', 'purpose': 'Breathe'}",
                   "{'id': 's1', 'name': 'Amina', 'influence': 3, 'x': 0, 'y': 0}, {'id': 's3', 'name': 'Bo'}",
                   "{'id': 'r3', 'source': 's3', 'target': 's1'}", "{'id': 'sp1', 'name': 'Town forum'}",
                   ", 'evaluation': {'responses': [" RESP ("e0", "Talk") ", " RESP ("e1", "More") "]}, 'x_tool': 1"));
  g_assert_cmpuint (sm_merge_get_n_conflicts (t.merge), ==, 1);
  sm_merge_conflict_set_choice (sm_merge_get_conflict (t.merge, 0), SM_MERGE_CHOICE_THEIRS);
  result = result_of (&t);
  g_assert_null (sm_map_lookup (result, "s2"));
  g_assert_nonnull (sm_map_lookup (result, "r3"));

  live = sm_map_copy (t.ours);
  command = sm_merge_build_command (t.merge, live, &error);
  g_assert_no_error (error);
  title = sm_command_dup_title (command);
  g_assert_cmpstr (title, ==, "Merge Changes");

  sm_command_apply (command, live);
  {
    g_autoptr(SmDiff) diff = sm_diff_new (live, result);

    g_assert_true (sm_diff_is_empty (diff));
  }
  live_text = sm_test_save_to_string (live);
  result_text = sm_test_save_to_string (result);
  g_assert_cmpstr (live_text, ==, result_text);

  sm_command_revert (command, live);
  {
    g_autoptr(SmDiff) diff = sm_diff_new (live, t.ours);

    g_assert_true (sm_diff_is_empty (diff));
  }
  g_clear_pointer (&live_text, g_free);
  live_text = sm_test_save_to_string (live);
  ours_text = sm_test_save_to_string (t.ours);
  g_assert_cmpstr (live_text, ==, ours_text);
  three_clear (&t);
}

static void
test_command_id_reused (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmMap) live = NULL;
  g_autoptr(GError) error = NULL;
  SmCommand *command;

  /* Theirs deleted Cllr Begum and gave her id to a note: the file is
   * valid, but the app cannot hold both while the step applies. */
  three_load (&t, BASE, BASE,
              HEAD "'map': {'title': 'Air'}, 'stakeholders': [" S1 "], 'relationships': [], "
                   "'spaces': [{'id': 'sp1', 'name': 'Forum'}], 'annotations': [{'id': 'n1', 'text': 'Ask', 'x': 1, "
                   "'y': 1}, {'id': 's2', 'text': 'Gone'}]}");
  result = result_of (&t);
  g_assert_nonnull (sm_map_lookup_kind (result, SM_RECORD_ANNOTATION, "s2"));
  live = sm_map_copy (t.ours);
  command = sm_merge_build_command (t.merge, live, &error);
  g_assert_null (command);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“s2”"));
  three_clear (&t);
}

static void
test_same_id_two_kinds (void)
{
  Three t = { 0 };
  g_autoptr(SmMap) result = NULL;

  /* Ours added a stakeholder and theirs a note, both as x9: both are
   * kept, theirs under a new id. */
  three_load (&t, BASE,
              DOC ("{'title': 'Air'}", S1 ", " S2 ", {'id': 'x9', 'name': 'Bo'}", R1, "{'id': 'sp1', 'name': 'Forum'}",
                   ""),
              HEAD "'map': {'title': 'Air'}, 'stakeholders': [" S1 ", " S2 "], 'relationships': [" R1 "], "
                   "'spaces': [{'id': 'sp1', 'name': 'Forum'}], 'annotations': [{'id': 'n1', 'text': 'Ask', 'x': 1, "
                   "'y': 1}, {'id': 'x9', 'text': 'Call Bo'}]}");
  result = result_of (&t);
  g_assert_cmpstr (string_of (result, SM_RECORD_STAKEHOLDER, "x9", "name"), ==, "Bo");
  g_assert_cmpstr (string_of (result, SM_RECORD_ANNOTATION, "x9-2", "text"), ==, "Call Bo");
  three_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/merge/clean-disjoint", test_clean_disjoint);
  g_test_add_func ("/core/merge/additions-kept", test_additions_kept);
  g_test_add_func ("/core/merge/added-both-same-id", test_added_both_same_id);
  g_test_add_func ("/core/merge/removals-kept", test_removals_kept);
  g_test_add_func ("/core/merge/same-value-no-conflict", test_same_value_no_conflict);
  g_test_add_func ("/core/merge/with-itself", test_merge_with_itself);
  g_test_add_func ("/core/merge/same-field-conflict", test_same_field_conflict);
  g_test_add_func ("/core/merge/moved-both-sides", test_moved_both_sides);
  g_test_add_func ("/core/merge/removed-versus-changed", test_removed_versus_changed);
  g_test_add_func ("/core/merge/relationship-to-removed", test_relationship_to_removed);
  g_test_add_func ("/core/merge/relationship-to-removed-by-ours", test_relationship_to_removed_by_ours);
  g_test_add_func ("/core/merge/responses", test_responses);
  g_test_add_func ("/core/merge/map-details", test_map_details);
  g_test_add_func ("/core/merge/unknown-members", test_unknown_members);
  g_test_add_func ("/core/merge/command-apply-revert", test_command_apply_revert);
  g_test_add_func ("/core/merge/command-id-reused", test_command_id_reused);
  g_test_add_func ("/core/merge/same-id-two-kinds", test_same_id_two_kinds);

  return g_test_run ();
}

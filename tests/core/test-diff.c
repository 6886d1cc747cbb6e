/* test-diff.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-diff.h"
#include "sm-json.h"
#include "sm-test-utils.h"

/* Test documents are written with ' for ". */

#define HEAD "{'format': 'stakemap', 'version': 1, "

/* One collection of each kind, with one record each. */
#define FULL(map, s2, rel, extra)                                                                                   \
  HEAD "'map': " map ", "                                                                                           \
       "'stakeholders': [{'id': 's1', 'name': 'Amina', 'influence': 4, 'x': 0, 'y': 0}, " s2 "], "                  \
       "'relationships': [" rel "], "                                                                               \
       "'spaces': [{'id': 'sp1', 'name': 'Forum'}], 'decisions': [{'id': 'd1', 'title': 'Budget'}], "               \
       "'affected_groups': [{'id': 'g1', 'name': 'Parents'}], 'annotations': [{'id': 'n1', 'text': 'Ask', 'x': 1, " \
       "'y': 1}], 'regions': [{'id': 'g9', 'label': 'Town', 'x': 0, 'y': 0}]" extra "}"

#define S2 "{'id': 's2', 'name': 'Cllr Begum', 'x': 5, 'y': 5}"
#define REL "{'id': 'r1', 'source': 's1', 'target': 's2', 'power_difference': {'holder': 'target', 'magnitude': 2}}"

static char *
value_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("-");
  return json_to_string (node, FALSE);
}

/* What a user would read of the diff, one entry a line. */
static char *
describe (SmDiff *diff)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < sm_diff_get_n_entries (diff); i++)
    {
      SmDiffEntry *entry = sm_diff_get_entry (diff, i);

      g_string_append_printf (out, "%s %s %s (%s)", sm_diff_change_to_string (sm_diff_entry_get_change (entry)),
                              sm_diff_kind_to_string (sm_diff_entry_get_kind (entry)), sm_diff_entry_get_id (entry),
                              sm_diff_entry_get_name (entry));
      for (guint f = 0; f < sm_diff_entry_get_n_fields (entry); f++)
        {
          SmDiffField     *field = sm_diff_entry_get_field (entry, f);
          g_autofree char *old_text = value_text (sm_diff_field_get_old (field));
          g_autofree char *new_text = value_text (sm_diff_field_get_new (field));

          g_string_append_printf (out, " %s:%s>%s", sm_diff_field_get_path (field), old_text, new_text);
        }
      g_string_append (out, "\n");
    }
  if (sm_diff_get_n_moved (diff, SM_DIFF_KIND_STAKEHOLDER) > 0)
    g_string_append_printf (out, "moved stakeholders %u\n", sm_diff_get_n_moved (diff, SM_DIFF_KIND_STAKEHOLDER));
  if (sm_diff_get_n_moved (diff, SM_DIFF_KIND_ANNOTATION) > 0)
    g_string_append_printf (out, "moved annotations %u\n", sm_diff_get_n_moved (diff, SM_DIFF_KIND_ANNOTATION));
  if (sm_diff_get_n_moved (diff, SM_DIFF_KIND_REGION) > 0)
    g_string_append_printf (out, "moved regions %u\n", sm_diff_get_n_moved (diff, SM_DIFF_KIND_REGION));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
diff_text (const char *a_json,
           const char *b_json,
           gboolean   *empty)
{
  g_autoptr(SmMap) a = sm_test_load_q (a_json);
  g_autoptr(SmMap) b = sm_test_load_q (b_json);
  g_autoptr(SmDiff) diff = sm_diff_new (a, b);

  if (empty != NULL)
    *empty = sm_diff_is_empty (diff);
  return describe (diff);
}

static void
test_identical (void)
{
  const char      *doc = FULL ("{'title': 'Air'}", S2, REL, "");
  gboolean         empty = FALSE;
  g_autofree char *text = diff_text (doc, doc, &empty);

  g_assert_cmpstr (text, ==, "");
  g_assert_true (empty);
}

static void
test_one_field (void)
{
  gboolean         empty = TRUE;
  g_autofree char *text = diff_text (HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina', 'influence': 4}]}",
                                     HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina', 'influence': 6}]}", &empty);

  g_assert_cmpstr (text, ==, "changed stakeholder s1 (Amina) influence:4>6\n");
  g_assert_false (empty);
}

static void
test_nested_field (void)
{
  g_autofree char *text =
    diff_text (FULL ("{}", S2, REL, ""),
               FULL ("{}", S2,
                     "{'id': 'r1', 'source': 's1', 'target': 's2', 'power_difference': {'holder': 'source', "
                     "'magnitude': 2, 'basis': ['money']}}",
                     ""),
               NULL);

  /* Member by member inside an object, a list as one value; paths sorted. */
  g_assert_cmpstr (text, ==,
                   "changed relationship r1 (Amina → Cllr Begum) power_difference.basis:->[\"money\"] "
                   "power_difference.holder:\"target\">\"source\"\n");
}

static void
test_added_and_removed (void)
{
  const char      *a = FULL ("{}", S2, REL, "");
  const char      *b = HEAD "'map': {}, "
                            "'stakeholders': [{'id': 's1', 'name': 'Amina', 'influence': 4, 'x': 0, 'y': 0}, "
                            "{'id': 's3', 'name': 'Bo'}], "
                            "'relationships': [{'id': 'r2', 'source': 's3', 'target': 's1'}], "
                            "'spaces': [{'id': 'sp2', 'name': 'Walk'}], 'decisions': [{'id': 'd2', 'title': 'Route'}], "
                            "'affected_groups': [{'id': 'g2', 'name': 'Drivers'}], "
                            "'annotations': [{'id': 'n2', 'text': 'Later'}], "
                            "'regions': [{'id': 'g8', 'label': 'Park'}]}";
  g_autofree char *text = diff_text (a, b, NULL);

  /* Each collection in file order: added in B's order, then removed. */
  g_assert_cmpstr (text, ==,
                   "added stakeholder s3 (Bo)\n"
                   "removed stakeholder s2 (Cllr Begum)\n"
                   "added relationship r2 (Bo → Amina)\n"
                   "removed relationship r1 (Amina → Cllr Begum)\n"
                   "added space sp2 (Walk)\n"
                   "removed space sp1 (Forum)\n"
                   "added decision d2 (Route)\n"
                   "removed decision d1 (Budget)\n"
                   "added affected_group g2 (Drivers)\n"
                   "removed affected_group g1 (Parents)\n"
                   "added annotation n2 (Later)\n"
                   "removed annotation n1 (Ask)\n"
                   "added region g8 (Park)\n"
                   "removed region g9 (Town)\n");
}

static void
test_moves_summarised (void)
{
  const char      *a = FULL ("{}", S2, REL, "");
  const char      *b = HEAD "'map': {}, "
                            "'stakeholders': [{'id': 's1', 'name': 'Amina', 'influence': 4, 'x': 10, 'y': 0}, "
                            "{'id': 's2', 'name': 'Cllr Begum', 'x': 5, 'y': 50}], "
                            "'relationships': [" REL "], "
                            "'spaces': [{'id': 'sp1', 'name': 'Forum'}], 'decisions': [{'id': 'd1', 'title': 'Budget'}], "
                            "'affected_groups': [{'id': 'g1', 'name': 'Parents'}], 'annotations': [{'id': 'n1', 'text': "
                            "'Ask', 'x': 3, 'y': 1}], 'regions': [{'id': 'g9', 'label': 'Town', 'x': 0, 'y': 0}]}";
  gboolean         empty = TRUE;
  g_autofree char *text = diff_text (a, b, &empty);

  g_assert_cmpstr (text, ==, "moved stakeholders 2\nmoved annotations 1\n");
  g_assert_false (empty);
}

static void
test_moved_and_changed (void)
{
  g_autofree char *text = diff_text (HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina', 'x': 0, 'y': 0}]}",
                                     HEAD "'stakeholders': [{'id': 's1', 'name': 'Ami', 'x': 9, 'y': 0}]}", NULL);

  /* The move is counted; only the other field is listed. */
  g_assert_cmpstr (text, ==, "changed stakeholder s1 (Ami) name:\"Amina\">\"Ami\"\nmoved stakeholders 1\n");
}

static void
test_map_detail (void)
{
  g_autofree char *text = diff_text (FULL ("{'title': 'Air', 'purpose': 'Plan'}", S2, REL, ""),
                                     FULL ("{'title': 'Clean air', 'purpose': 'Plan'}", S2, REL, ""), NULL);

  g_assert_cmpstr (text, ==, "changed map map (Clean air) title:\"Air\">\"Clean air\"\n");
}

static void
test_unknown_member (void)
{
  g_autofree char *text =
    diff_text (HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina', 'future_field': {'a': 1}}]}",
               HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina', 'future_field': {'a': 2}, 'later': true}]}", NULL);

  g_assert_cmpstr (text, ==, "changed stakeholder s1 (Amina) future_field.a:1>2 later:->true\n");
}

/* A changed threshold and a member of the file this version does not
 * know are the map's details too: a merge that brings them in says so. */
static void
test_settings_and_file_members (void)
{
  g_autofree char *text =
    diff_text (HEAD "'map': {'title': 'Air'}, 'evaluation': {'thresholds': {'sp01.warn_ratio': 2}}}",
               HEAD "'map': {'title': 'Air'}, 'evaluation': {'thresholds': {'sp01.warn_ratio': 3}}, 'x_tool': 1}",
               NULL);

  g_assert_cmpstr (text, ==, "changed map map (Air) $.x_tool:->1 evaluation.thresholds.sp01.warn_ratio:2>3\n");
}

static void
test_response_added (void)
{
  const char      *a = FULL ("{}", S2, REL,
                             ", 'evaluation': {'responses': [{'id': 'r1', 'rule': 'SP-01', 'kind': 'discuss', 'text': "
                                  "'Talk'}]}");
  const char      *b = FULL ("{}", S2, REL,
                             ", 'evaluation': {'responses': [{'id': 'r1', 'rule': 'SP-01', 'kind': 'discuss', 'text': "
                                  "'Talk more'}, {'id': 'r2', 'rule': 'OT-03', 'kind': 'differ', 'text': 'No'}]}");
  g_autofree char *text = diff_text (a, b, NULL);

  /* Response ids may equal record ids: they are their own kind. */
  g_assert_cmpstr (text, ==,
                   "changed response r1 (SP-01, discuss) text:\"Talk\">\"Talk more\"\n"
                   "added response r2 (OT-03, differ)\n");
}

static void
test_numbers_by_value (void)
{
  gboolean         empty = FALSE;
  g_autofree char *text = diff_text (HEAD "'stakeholders': [{'id': 's1', 'name': 'A', 'influence': 4}]}",
                                     HEAD "'stakeholders': [{'id': 's1', 'name': 'A', 'influence': 4.0}]}", &empty);

  g_assert_cmpstr (text, ==, "");
  g_assert_true (empty);
}

static void
test_json (void)
{
  g_autoptr(SmMap) a = sm_test_load_q (HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina', 'influence': 4}]}");
  g_autoptr(SmMap) b = sm_test_load_q (HEAD "'stakeholders': [{'id': 's1', 'name': 'Amina'}]}");
  g_autoptr(SmDiff) diff = sm_diff_new (a, b);
  g_autoptr(JsonNode) root = sm_diff_to_json (diff);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *compact = NULL;

  sm_json_write (out, root, NULL, 0);
  compact = g_regex_replace (space, out->str, -1, 0, "", 0, NULL);
  /* A member gone is null on its side. */
  g_assert_cmpstr (compact, ==,
                   "{\"changes\":[{\"kind\":\"stakeholder\",\"id\":\"s1\",\"change\":\"changed\",\"name\":\"Amina\","
                   "\"fields\":[{\"path\":\"influence\",\"old\":4,\"new\":null}]}],"
                   "\"moved\":{\"stakeholders\":0,\"annotations\":0,\"regions\":0}}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/diff/identical", test_identical);
  g_test_add_func ("/core/diff/settings-and-file-members", test_settings_and_file_members);
  g_test_add_func ("/core/diff/one-field", test_one_field);
  g_test_add_func ("/core/diff/nested-field", test_nested_field);
  g_test_add_func ("/core/diff/added-and-removed", test_added_and_removed);
  g_test_add_func ("/core/diff/moves-summarised", test_moves_summarised);
  g_test_add_func ("/core/diff/moved-and-changed", test_moved_and_changed);
  g_test_add_func ("/core/diff/map-detail", test_map_detail);
  g_test_add_func ("/core/diff/unknown-member", test_unknown_member);
  g_test_add_func ("/core/diff/response-added", test_response_added);
  g_test_add_func ("/core/diff/numbers-by-value", test_numbers_by_value);
  g_test_add_func ("/core/diff/json", test_json);

  return g_test_run ();
}

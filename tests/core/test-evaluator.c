/* test-evaluator.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-document.h"
#include "sm-evaluation-store.h"
#include "sm-evaluator-private.h"
#include "sm-format.h"

/* The evaluation a document keeps for its views: it follows the map
 * while someone reads it, a burst of edits is evaluated once, a result of
 * the map as it was never lands after a newer edit, and the views hear of
 * each result that lands. No window: a main loop stands in for one. */

/* Generous: the machine is shared; only "eventually" is checked. */
#define WAIT_US (60 * G_USEC_PER_SEC)

static SmDocument *
open_worked_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SmDocument *document = sm_document_load (file, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static SmCommand *
add_resident (SmMap      *map,
              const char *name,
              double      influence)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonObject) lived = json_object_new ();

  json_object_set_string_member (data, "name", name);
  json_object_set_string_member (data, "kind", "service_user");
  json_object_set_boolean_member (lived, "relevant", TRUE);
  json_object_set_object_member (data, "lived_experience", g_steal_pointer (&lived));
  json_object_set_double_member (data, "influence", influence);
  json_object_set_int_member (data, "x", 100);
  json_object_set_int_member (data, "y", 100);
  return sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data);
}

/* What an evaluation says, rule by rule, to compare two of them. */
static char *
findings_text (SmEvaluation *evaluation)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < evaluation->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (evaluation->rules, i);

      g_string_append_printf (text, "%d %s\n", r->status, r->message != NULL ? r->message : "");
    }
  return g_string_free (text, FALSE);
}

/* The findings of the map as it is now, evaluated directly. */
static char *
findings_now (SmMap *map)
{
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (map);
  SmEvaluation *evaluation = sm_evaluate (map, config, SM_LENS_NONE);
  char         *text = findings_text (evaluation);

  sm_evaluation_free (evaluation);
  return text;
}

typedef struct
{
  guint      n_notified;
  GPtrArray *landed; /* findings_text of each evaluation notified */
} Watch;

static void
evaluation_notify_cb (SmEvaluator *evaluator,
                      GParamSpec  *pspec,
                      Watch       *watch)
{
  watch->n_notified++;
  g_ptr_array_add (watch->landed, findings_text (sm_evaluator_get_evaluation (evaluator)));
}

static void
watch_init (Watch       *watch,
            SmEvaluator *evaluator)
{
  watch->landed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (evaluator, "notify::evaluation", G_CALLBACK (evaluation_notify_cb), watch);
}

static void
watch_clear (Watch       *watch,
             SmEvaluator *evaluator)
{
  g_signal_handlers_disconnect_by_data (evaluator, watch);
  g_clear_pointer (&watch->landed, g_ptr_array_unref);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, as a window would while nobody types. */
static void
idle_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

static void
wait_for_n (SmEvaluator *evaluator,
            guint        n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (sm_evaluator_get_n_evaluations (evaluator) < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sm_evaluator_get_n_evaluations (evaluator), >=, n);
}

/* Nobody reading: no evaluation. Someone starts reading: one, notified,
 * with the findings of the map. */
static void
test_evaluates_when_read (void)
{
  g_autoptr(SmDocument) document = open_worked_example ();
  SmEvaluator     *evaluator = sm_document_get_evaluator (document);
  g_autofree char *expected = findings_now (sm_document_get_map (document));
  g_autofree char *shown = NULL;
  Watch            watch = { 0 };

  g_assert_true (sm_document_get_evaluator (document) == evaluator);
  watch_init (&watch, evaluator);
  idle_for (300);
  g_assert_null (sm_evaluator_get_evaluation (evaluator));
  g_assert_cmpuint (watch.n_notified, ==, 0);

  sm_evaluator_set_active (evaluator, TRUE);
  wait_for_n (evaluator, 1);
  g_assert_cmpuint (watch.n_notified, ==, 1);
  g_assert_nonnull (sm_evaluator_get_evaluation (evaluator));
  shown = findings_text (sm_evaluator_get_evaluation (evaluator));
  g_assert_cmpstr (shown, ==, expected);

  watch_clear (&watch, evaluator);
}

/* Five edits in a row, as typing or dragging makes them, are evaluated
 * once, after they pause, and the result is of the map after all five. */
static void
test_burst_evaluated_once (void)
{
  g_autoptr(SmDocument) document = open_worked_example ();
  SmEvaluator     *evaluator = sm_document_get_evaluator (document);
  SmMap           *map = sm_document_get_map (document);
  g_autofree char *expected = NULL;
  Watch            watch = { 0 };

  sm_evaluator_set_active (evaluator, TRUE);
  wait_for_n (evaluator, 1);
  watch_init (&watch, evaluator);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Resident %d", i);

      sm_document_push (document, add_resident (map, name, 9));
    }
  g_assert_true (sm_evaluator_get_dirty (evaluator));
  expected = findings_now (map);
  wait_for_n (evaluator, 2);
  /* Longer than the pause: no second evaluation follows. */
  idle_for (1000);
  g_assert_cmpuint (sm_evaluator_get_n_evaluations (evaluator), ==, 2);
  g_assert_cmpuint (watch.n_notified, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watch.landed, 0), ==, expected);
  g_assert_false (sm_evaluator_get_dirty (evaluator));

  /* Nobody reading any more: edits wait. */
  sm_evaluator_set_active (evaluator, FALSE);
  sm_document_push (document, add_resident (map, "Resident 5", 1));
  idle_for (1000);
  g_assert_cmpuint (watch.n_notified, ==, 1);
  g_assert_true (sm_evaluator_get_dirty (evaluator));

  watch_clear (&watch, evaluator);
}

/* On a worker thread: an edit while a run is going stops it; what lands
 * is of the map after the edit, never of the map before it. */
static void
test_stale_result_never_lands (void)
{
  g_autoptr(SmDocument) document = open_worked_example ();
  SmEvaluator     *evaluator = sm_document_get_evaluator (document);
  SmMap           *map = sm_document_get_map (document);
  g_autofree char *before = findings_now (map);
  g_autofree char *after = NULL;
  Watch            watch = { 0 };

  _sm_evaluator_test_set_background_from (evaluator, 0);
  watch_init (&watch, evaluator);
  sm_evaluator_set_active (evaluator, TRUE);
  g_assert_true (sm_evaluator_get_running (evaluator));

  /* The worker may well finish before the edit is seen: its result has
   * not landed yet, and must not. */
  sm_document_push (document, add_resident (map, "Resident with asthma", 9));
  after = findings_now (map);
  g_assert_cmpstr (before, !=, after);
  g_assert_false (sm_evaluator_get_running (evaluator));

  wait_for_n (evaluator, 1);
  idle_for (1000);
  g_assert_cmpuint (watch.n_notified, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watch.landed, 0), ==, after);
  g_assert_false (sm_evaluator_get_running (evaluator));

  /* Stop: the run ends without a result, and none starts by itself. */
  sm_evaluator_evaluate (evaluator);
  g_assert_true (sm_evaluator_get_running (evaluator));
  sm_evaluator_stop (evaluator);
  g_assert_false (sm_evaluator_get_running (evaluator));
  g_assert_true (sm_evaluator_get_stopped (evaluator));
  idle_for (1000);
  g_assert_cmpuint (watch.n_notified, ==, 1);

  watch_clear (&watch, evaluator);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The evidence of the finding picked is the set the map lights up; it
 * follows the map as new results land, and goes when nobody reads. */
static void
test_highlight_follows (void)
{
  g_autoptr(SmDocument) document = open_worked_example ();
  SmEvaluator  *evaluator = sm_document_get_evaluator (document);
  SmMap        *map = sm_document_get_map (document);
  SmRuleResult *sp01;
  GHashTable   *highlight;
  guint         n_notified = 0;

  sm_evaluator_set_active (evaluator, TRUE);
  sm_evaluator_flush (evaluator);
  g_signal_connect_swapped (evaluator, "notify::highlight", G_CALLBACK (count_cb), &n_notified);
  g_assert_null (sm_evaluator_get_highlight (evaluator));

  sm_evaluator_set_highlight_rule (evaluator, "SP-01");
  g_assert_cmpuint (n_notified, ==, 1);
  highlight = sm_evaluator_get_highlight (evaluator);
  g_assert_nonnull (highlight);
  sp01 = sm_evaluation_lookup (sm_evaluator_get_evaluation (evaluator), "SP-01");
  g_assert_cmpuint (g_hash_table_size (highlight), ==, sp01->evidence->len);
  for (guint i = 0; i < sp01->evidence->len; i++)
    g_assert_true (g_hash_table_contains (highlight, ((SmEvidence *) g_ptr_array_index (sp01->evidence, i))->id));

  /* Someone with lived experience and no say joins: they glow too. */
  {
    g_autofree char *id = sm_map_make_id (map, SM_RECORD_STAKEHOLDER);
    g_autoptr(JsonObject) data = json_object_new ();
    g_autoptr(JsonObject) lived = json_object_new ();

    json_object_set_string_member (data, "id", id);
    json_object_set_string_member (data, "name", "Newcomer");
    json_object_set_string_member (data, "kind", "service_user");
    json_object_set_boolean_member (lived, "relevant", TRUE);
    json_object_set_object_member (data, "lived_experience", g_steal_pointer (&lived));
    json_object_set_double_member (data, "influence", 0);
    sm_document_push (document, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
    wait_for_n (evaluator, 2);
    g_assert_true (g_hash_table_contains (sm_evaluator_get_highlight (evaluator), id));
  }

  sm_evaluator_set_active (evaluator, FALSE);
  g_assert_null (sm_evaluator_get_highlight (evaluator));
  g_assert_null (sm_evaluator_get_highlight_rule (evaluator));
  g_signal_handlers_disconnect_by_data (evaluator, &n_notified);
}

/* The full JSON of an evaluation: every finding, figure and score. */
static char *
evaluation_json (SmEvaluation *evaluation)
{
  g_autoptr(JsonNode) node = sm_evaluation_to_json (evaluation);

  return json_to_string (node, TRUE);
}

static char *
evaluation_json_now (SmMap *map)
{
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (map);
  SmEvaluation *evaluation = sm_evaluate (map, config, SM_LENS_NONE);
  char         *text = evaluation_json (evaluation);

  sm_evaluation_free (evaluation);
  return text;
}

/* After an edit, only the rules that read what it touched run again, on
 * the main thread and on a worker; dragging someone runs none; and what
 * lands is a full evaluation's result. */
static void
test_updates_what_changed (void)
{
  g_autoptr(SmDocument) document = open_worked_example ();
  SmEvaluator *evaluator = sm_document_get_evaluator (document);
  SmMap       *map = sm_document_get_map (document);
  SmRecord    *tie = sm_collection_get (sm_map_get_relationships (map), 0);
  SmRecord    *person = sm_collection_get (sm_map_get_stakeholders (map), 0);
  guint        n_rules = sm_rules_get_count ();

  sm_evaluator_set_active (evaluator, TRUE);
  sm_evaluator_flush (evaluator);
  g_assert_cmpuint (sm_evaluation_get_n_rules_run (sm_evaluator_get_evaluation (evaluator)), ==, n_rules);

  sm_document_push (document, sm_command_new_set_string (tie, "reciprocity", "none"));
  sm_evaluator_flush (evaluator);
  {
    g_autofree char *landed = evaluation_json (sm_evaluator_get_evaluation (evaluator));
    g_autofree char *now = evaluation_json_now (map);
    guint            run = sm_evaluation_get_n_rules_run (sm_evaluator_get_evaluation (evaluator));

    g_assert_cmpstr (landed, ==, now);
    g_assert_cmpuint (run, >, 0);
    g_assert_cmpuint (run, <, n_rules);
  }

  sm_document_push (document, sm_command_new_set_number (person, "x", 333));
  sm_evaluator_flush (evaluator);
  g_assert_cmpuint (sm_evaluation_get_n_rules_run (sm_evaluator_get_evaluation (evaluator)), ==, 0);

  /* On a worker, from a copy of the evaluation shown. */
  _sm_evaluator_test_set_background_from (evaluator, 0);
  sm_document_push (document, sm_command_new_set_string (tie, "power_form", "hidden"));
  sm_evaluator_flush (evaluator);
  wait_for_n (evaluator, 4);
  {
    g_autofree char *landed = evaluation_json (sm_evaluator_get_evaluation (evaluator));
    g_autofree char *now = evaluation_json_now (map);
    guint            run = sm_evaluation_get_n_rules_run (sm_evaluator_get_evaluation (evaluator));

    g_assert_cmpstr (landed, ==, now);
    g_assert_cmpuint (run, >, 0);
    g_assert_cmpuint (run, <, n_rules);
  }

  /* A stakeholder's edit reads into every rule. */
  sm_document_push (document, sm_command_new_set_number (person, "influence", 1));
  sm_evaluator_flush (evaluator);
  wait_for_n (evaluator, 5);
  g_assert_cmpuint (sm_evaluation_get_n_rules_run (sm_evaluator_get_evaluation (evaluator)), ==, n_rules);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/evaluator/evaluates-when-read", test_evaluates_when_read);
  g_test_add_func ("/core/evaluator/burst-evaluated-once", test_burst_evaluated_once);
  g_test_add_func ("/core/evaluator/stale-result-never-lands", test_stale_result_never_lands);
  g_test_add_func ("/core/evaluator/highlight-follows", test_highlight_follows);
  g_test_add_func ("/core/evaluator/updates-what-changed", test_updates_what_changed);

  return g_test_run ();
}

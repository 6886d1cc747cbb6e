/* test-evaluation-store.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-document.h"
#include "sm-evaluation-store.h"
#include "sm-format.h"
#include "sm-history.h"
#include "sm-map-private.h"
#include "sm-test-utils.h"

/* Test documents are written with ' for ". */

static char *
number_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("none");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

/* What a user would see of the evaluation member, in one line. */
static char *
describe (SmMap *map)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  JsonObject *evaluation = _sm_map_get_evaluation (map);
  JsonNode   *thresholds;

  if (evaluation == NULL)
    return g_strdup ("none");

  thresholds = json_object_get_member (evaluation, "thresholds");
  if (thresholds != NULL)
    {
      JsonObjectIter iter;
      const char    *key;
      JsonNode      *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (thresholds));
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          g_autofree char *v = number_text (json_node_get_double (value));

          g_string_append_printf (out, "T %s=%s; ", key, v);
        }
    }

  log = sm_map_dup_threshold_log (map);
  for (guint i = 0; i < log->len; i++)
    {
      SmThresholdChange *c = g_ptr_array_index (log, i);
      g_autofree char   *o = number_text (c->old_value);
      g_autofree char   *n = number_text (c->new_value);

      g_assert_nonnull (c->at);
      g_string_append_printf (out, "L %s %s>%s by %s (%s); ", c->key, o, n,
                              c->by != NULL ? c->by : "-", c->reason != NULL ? c->reason : "-");
    }

  responses = sm_map_dup_responses (map, NULL);
  for (guint i = 0; i < responses->len; i++)
    {
      SmResponse *r = g_ptr_array_index (responses, i);

      g_string_append_printf (out, "R %s %s %s '%s' by %s; ", r->id, r->rule,
                              r->kind == SM_RESPONSE_DIFFER ? "differ" : "discuss",
                              r->text, r->by != NULL ? r->by : "-");
    }

  snapshots = sm_map_dup_eval_snapshots (map);
  for (guint i = 0; i < snapshots->len; i++)
    {
      SmEvalSnapshot *s = g_ptr_array_index (snapshots, i);

      g_string_append_printf (out, "S %s/%" G_GINT64_FORMAT " rules=%u principles=%u; ",
                              s->date, s->version, g_hash_table_size (s->values),
                              g_hash_table_size (s->principle_status));
    }

  if (out->len >= 2)
    g_string_truncate (out, out->len - 2);
  return g_strdup (out->str);
}

typedef enum
{
  OP_ADD_RESPONSE,    /* a = rule, b = "discuss" or "differ", c = text, d = by */
  OP_REMOVE_RESPONSE, /* a = id */
  OP_SET_THRESHOLD,   /* a = key, b = value, c = by, d = reason */
  OP_RECORD_SNAPSHOT,
} Op;

typedef struct
{
  const char *name;
  const char *start;
  Op          op;
  const char *a, *b, *c, *d;
  const char *before; /* describe() of the start */
  const char *after;  /* describe() once the command applied; "rules=ALL":
                       * every rule of the catalogue */
  const char *title;
} Case;

#define MAP_HEAD "{'format':'stakemap','version':1,'map':{'snapshot':{'date':'2026-03-01','version':2}}"
#define PEOPLE                                                                   \
  "'stakeholders':[{'id':'a','name':'Ann','kind':'service_user','influence':3}," \
  "{'id':'b','name':'Bob','kind':'manager','influence':8}]"
#define R1 "{'id':'r1','rule':'SP-01','kind':'discuss','text':'Talk','at':'2026-03-01T10:00:00Z'}"
#define R3 "{'id':'r3','rule':'SP-02','kind':'differ','text':'No','by':'Cy','at':'2026-03-01T10:00:00Z'}"
#define LOG1 "{'key':'sp01.warn_ratio','old':1.5,'new':2.5,'by':'Ann','at':'2026-03-01T10:00:00Z','reason':'Agreed'}"
#define SNAP(d, v) "{'date':'" d "','version':" v ",'rules':{'SP-01':{'value':2,'status':'warn'}},'principles':{'P1':'met'}}"

static const Case cases[] = {
  { "add-response/first", MAP_HEAD "," PEOPLE "}",
    OP_ADD_RESPONSE, "SP-01", "discuss", "Let's talk about pay", "Ann",
    "none",
    "R r1 SP-01 discuss 'Let's talk about pay' by Ann",
    "Add Response" },
  { "add-response/differ-no-author", MAP_HEAD ",'evaluation':{'responses':[" R1 "]}}",
    OP_ADD_RESPONSE, "OT-04", "differ", "We see it differently", NULL,
    "R r1 SP-01 discuss 'Talk' by -",
    "R r1 SP-01 discuss 'Talk' by -; R r2 OT-04 differ 'We see it differently' by -",
    "Add Response" },
  { "add-response/id-not-reused", MAP_HEAD ",'evaluation':{'responses':[" R1 "," R3 "]}}",
    OP_ADD_RESPONSE, "SP-01", "discuss", "More", NULL,
    "R r1 SP-01 discuss 'Talk' by -; R r3 SP-02 differ 'No' by Cy",
    "R r1 SP-01 discuss 'Talk' by -; R r3 SP-02 differ 'No' by Cy; R r4 SP-01 discuss 'More' by -",
    "Add Response" },
  { "remove-response/middle", MAP_HEAD ",'evaluation':{'responses':[" R1 "," R3 ",{'id':'r4','rule':'X','kind':'discuss','text':'t'}]}}",
    OP_REMOVE_RESPONSE, "r3", NULL, NULL, NULL,
    "R r1 SP-01 discuss 'Talk' by -; R r3 SP-02 differ 'No' by Cy; R r4 X discuss 't' by -",
    "R r1 SP-01 discuss 'Talk' by -; R r4 X discuss 't' by -",
    "Delete Response" },
  { "remove-response/last-leaves-no-member", MAP_HEAD ",'evaluation':{'responses':[" R1 "]}}",
    OP_REMOVE_RESPONSE, "r1", NULL, NULL, NULL,
    "R r1 SP-01 discuss 'Talk' by -",
    "none",
    "Delete Response" },
  { "remove-response/unknown-id-changes-nothing", MAP_HEAD ",'evaluation':{'responses':[" R1 "]}}",
    OP_REMOVE_RESPONSE, "r9", NULL, NULL, NULL,
    "R r1 SP-01 discuss 'Talk' by -",
    "R r1 SP-01 discuss 'Talk' by -",
    "Delete Response" },
  { "set-threshold/first", MAP_HEAD "," PEOPLE "}",
    OP_SET_THRESHOLD, "sp01.warn_ratio", "2.5", "Ann", "The board agreed",
    "none",
    "T sp01.warn_ratio=2.5; L sp01.warn_ratio 1.5>2.5 by Ann (The board agreed)",
    "Change Threshold" },
  { "set-threshold/no-author-no-reason", MAP_HEAD "}",
    OP_SET_THRESHOLD, "gate.sharing_power", "0", NULL, NULL,
    "none",
    "T gate.sharing_power=0; L gate.sharing_power 1>0 by - (-)",
    "Change Threshold" },
  { "set-threshold/again", MAP_HEAD ",'evaluation':{'thresholds':{'sp01.warn_ratio':2.5},'threshold_log':[" LOG1 "]}}",
    OP_SET_THRESHOLD, "sp01.warn_ratio", "1.8", "Bob", "Try lower",
    "T sp01.warn_ratio=2.5; L sp01.warn_ratio 1.5>2.5 by Ann (Agreed)",
    "T sp01.warn_ratio=1.8; L sp01.warn_ratio 1.5>2.5 by Ann (Agreed); L sp01.warn_ratio 2.5>1.8 by Bob (Try lower)",
    "Change Threshold" },
  { "set-threshold/back-to-default-keeps-log", MAP_HEAD ",'evaluation':{'thresholds':{'sp01.warn_ratio':2.5},'threshold_log':[" LOG1 "]}}",
    OP_SET_THRESHOLD, "sp01.warn_ratio", "1.5", "Bob", "Back",
    "T sp01.warn_ratio=2.5; L sp01.warn_ratio 1.5>2.5 by Ann (Agreed)",
    "L sp01.warn_ratio 1.5>2.5 by Ann (Agreed); L sp01.warn_ratio 2.5>1.5 by Bob (Back)",
    "Change Threshold" },
  { "set-threshold/unknown-keys-kept", MAP_HEAD ",'evaluation':{'thresholds':{'zz01.future':7}}}",
    OP_SET_THRESHOLD, "ep03.fail", "0.7", NULL, "Small team",
    "T zz01.future=7",
    "T zz01.future=7; T ep03.fail=0.7; L ep03.fail 0.6>0.7 by - (Small team)",
    "Change Threshold" },
  { "record-snapshot/first", MAP_HEAD "," PEOPLE "}",
    OP_RECORD_SNAPSHOT, NULL, NULL, NULL, NULL,
    "none",
    "S 2026-03-01/2 rules=ALL principles=7",
    "Record Snapshot" },
  { "record-snapshot/replaces-same-date-and-version",
    MAP_HEAD "," PEOPLE ",'evaluation':{'snapshots':[" SNAP ("2026-01-01", "1") "," SNAP ("2026-03-01", "2") "]}}",
    OP_RECORD_SNAPSHOT, NULL, NULL, NULL, NULL,
    "S 2026-01-01/1 rules=1 principles=1; S 2026-03-01/2 rules=1 principles=1",
    "S 2026-01-01/1 rules=1 principles=1; S 2026-03-01/2 rules=ALL principles=7",
    "Record Snapshot" },
  { "record-snapshot/keeps-date-order",
    MAP_HEAD "," PEOPLE ",'evaluation':{'snapshots':[" SNAP ("2026-01-01", "1") "," SNAP ("2026-03-01", "3") "]}}",
    OP_RECORD_SNAPSHOT, NULL, NULL, NULL, NULL,
    "S 2026-01-01/1 rules=1 principles=1; S 2026-03-01/3 rules=1 principles=1",
    "S 2026-01-01/1 rules=1 principles=1; S 2026-03-01/2 rules=ALL principles=7; S 2026-03-01/3 rules=1 principles=1",
    "Record Snapshot" },
};

static void
count_cb (SmMap *map,
          guint *count)
{
  (*count)++;
}

static SmCommand *
make_command (const Case *c,
              SmMap      *map)
{
  switch (c->op)
    {
    case OP_ADD_RESPONSE:
      return sm_command_new_add_response (map, c->a,
                                          strcmp (c->b, "differ") == 0 ? SM_RESPONSE_DIFFER
                                                                       : SM_RESPONSE_DISCUSS,
                                          c->c, c->d);
    case OP_REMOVE_RESPONSE:
      return sm_command_new_remove_response (map, c->a);
    case OP_SET_THRESHOLD:
      return sm_command_new_set_threshold (map, c->a, g_ascii_strtod (c->b, NULL), c->c, c->d);
    case OP_RECORD_SNAPSHOT:
      {
        g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (map);
        g_autoptr(SmEvaluation) evaluation = sm_evaluate (map, config, SM_LENS_NONE);

        return sm_command_new_record_snapshot (map, evaluation);
      }
    default:
      g_assert_not_reached ();
    }
}

/* Apply, undo, redo: each step shows the expected state, emits
 * "evaluation-changed", and undo gives back the very bytes of the file. */
/* c->after with "rules=ALL" spelled out as the catalogue's count. */
static char *
dup_expected_after (const Case *c)
{
  g_autofree char *all = g_strdup_printf ("rules=%u ", sm_rules_get_count ());
  GString         *after = g_string_new (c->after);

  g_string_replace (after, "rules=ALL ", all, 0);
  return g_string_free (after, FALSE);
}

static void
test_command (gconstpointer data)
{
  const Case      *c = data;
  g_autofree char *after = dup_expected_after (c);
  g_autoptr(SmMap) map = sm_test_load_q (c->start);
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autofree char *start_bytes = sm_test_save_to_string (map);
  g_autofree char *applied_bytes = NULL;
  g_autofree char *state = NULL;
  g_autofree char *title = NULL;
  guint            changed = 0;
  SmCommand       *command;

  g_signal_connect (map, "evaluation-changed", G_CALLBACK (count_cb), &changed);

  state = describe (map);
  g_assert_cmpstr (state, ==, c->before);
  g_clear_pointer (&state, g_free);

  command = make_command (c, map);
  g_assert_nonnull (command);
  sm_history_push (history, command);
  state = describe (map);
  g_assert_cmpstr (state, ==, after);
  g_clear_pointer (&state, g_free);
  g_assert_cmpuint (changed, ==, 1);
  title = sm_history_dup_undo_title (history);
  g_assert_nonnull (strstr (title, c->title));
  applied_bytes = sm_test_save_to_string (map);

  sm_history_undo (history);
  state = describe (map);
  g_assert_cmpstr (state, ==, c->before);
  g_clear_pointer (&state, g_free);
  g_assert_cmpuint (changed, ==, 2);
  {
    g_autofree char *undone = sm_test_save_to_string (map);
    g_assert_cmpstr (undone, ==, start_bytes);
  }

  sm_history_redo (history);
  state = describe (map);
  g_assert_cmpstr (state, ==, after);
  g_assert_cmpuint (changed, ==, 3);
  {
    g_autofree char *redone = sm_test_save_to_string (map);
    g_assert_cmpstr (redone, ==, applied_bytes);
  }

  /* What was written reads back as the same state. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (applied_bytes, strlen (applied_bytes));
    g_autoptr(GError) error = NULL;
    g_autoptr(SmMap) again = sm_format_load_bytes (bytes, &error);
    g_autofree char *again_state = NULL;
    g_autofree char *again_bytes = NULL;

    g_assert_no_error (error);
    again_state = describe (again);
    g_assert_cmpstr (again_state, ==, after);
    again_bytes = sm_test_save_to_string (again);
    g_assert_cmpstr (again_bytes, ==, applied_bytes);
  }
}

static void
test_config_from_map (void)
{
  g_autoptr(SmMap) plain = sm_test_load_q (MAP_HEAD "}");
  g_autoptr(SmMap) map = sm_test_load_q (MAP_HEAD ",'evaluation':{'thresholds':{'sp01.warn_ratio':2.5,"
                                                   "'gate.sharing_power':0,'zz01.future':-4}}}");
  g_autoptr(SmEvalConfig) defaults = sm_map_dup_eval_config (plain);
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (map);

  for (const char *const *k = sm_eval_config_list_keys (); *k != NULL; k++)
    g_assert_true (sm_eval_config_is_default (defaults, *k));

  g_assert_cmpfloat (sm_eval_config_get (config, "sp01.warn_ratio"), ==, 2.5);
  g_assert_cmpfloat (sm_eval_config_get (config, "gate.sharing_power"), ==, 0);
  g_assert_false (sm_eval_config_is_default (config, "sp01.warn_ratio"));
  g_assert_true (sm_eval_config_is_default (config, "sp01.fail_ratio"));
}

/* The threshold set by a command is the one the next evaluation uses. */
static void
test_threshold_reaches_evaluation (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (MAP_HEAD "," PEOPLE "}");
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(SmEvalConfig) before = sm_map_dup_eval_config (map);
  g_autoptr(SmEvalConfig) after = NULL;
  g_autoptr(SmEvaluation) evaluation = NULL;
  SmRuleResult *sp01;

  sm_history_push (history, sm_command_new_set_threshold (map, "sp01.fail_ratio", 3.0, "Ann", "Agreed"));
  after = sm_map_dup_eval_config (map);
  g_assert_cmpfloat (sm_eval_config_get (before, "sp01.fail_ratio"), ==, 2.0);
  g_assert_cmpfloat (sm_eval_config_get (after, "sp01.fail_ratio"), ==, 3.0);

  evaluation = sm_evaluate (map, after, SM_LENS_NONE);
  sp01 = sm_evaluation_lookup (evaluation, "SP-01");
  for (guint i = 0; i < sp01->thresholds->len; i++)
    {
      SmNamedValue *v = &g_array_index (sp01->thresholds, SmNamedValue, i);

      if (strcmp (v->name, "sp01.fail_ratio") == 0)
        g_assert_cmpfloat (v->value, ==, 3.0);
    }
}

/* The log's "at" is now, in UTC, to the second. */
static void
test_threshold_log_time (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (MAP_HEAD "}");
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  SmThresholdChange *change;

  sm_history_push (history, sm_command_new_set_threshold (map, "ot04.broker", 0.5, NULL, NULL));
  log = sm_map_dup_threshold_log (map);
  g_assert_cmpuint (log->len, ==, 1);
  change = g_ptr_array_index (log, 0);
  g_assert_true (g_str_has_suffix (change->at, "Z"));
  at = g_date_time_new_from_iso8601 (change->at, utc);
  g_assert_nonnull (at);
  g_assert_cmpint (g_date_time_difference (at, before), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (at, before), <, 60 * G_TIME_SPAN_SECOND);
  g_assert_cmpfloat (change->old_value, ==, 0.4);
  g_assert_cmpfloat (change->new_value, ==, 0.5);
}

static void
test_responses_by_rule (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (MAP_HEAD ",'evaluation':{'responses':[" R1 "," R3 ","
                                                   "{'id':'r5','rule':'SP-01','kind':'future_kind','text':'kept'}]}}");
  g_autoptr(GPtrArray) all = sm_map_dup_responses (map, NULL);
  g_autoptr(GPtrArray) sp01 = sm_map_dup_responses (map, "SP-01");
  g_autoptr(GPtrArray) none = sm_map_dup_responses (map, "AI-02");
  g_autofree char *saved = sm_test_save_to_string (map);

  /* A kind this version does not know is kept in the file, not listed. */
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (sp01->len, ==, 1);
  g_assert_cmpstr (((SmResponse *) g_ptr_array_index (sp01, 0))->id, ==, "r1");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_nonnull (strstr (saved, "\"future_kind\""));
}

static void
test_previous_snapshot (void)
{
  static const struct
  {
    const char *map_snapshot;
    const char *expected;
  } at[] = {
    { "{'date':'2026-03-01','version':2}", "2026-03-01/1" },
    { "{'date':'2026-03-01','version':1}", "2026-02-01/0" },
    { "{'date':'2026-03-01'}", "2026-02-01/0" },
    { "{'date':'2026-02-01'}", NULL },
    { "{'date':'2027-01-01'}", "2026-04-01/0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'format':'stakemap','version':1,'map':{'snapshot':%s},"
                                               "'evaluation':{'snapshots':[" SNAP ("2026-04-01", "0") "," SNAP ("2026-03-01", "1") "," SNAP ("2026-02-01", "0") "," SNAP ("2026-03-01", "2") "]}}",
                                               at[i].map_snapshot);
      g_autoptr(SmMap) map = sm_test_load_q (text);
      g_autoptr(SmEvalSnapshot) previous = sm_map_dup_previous_snapshot (map);
      g_autoptr(GPtrArray) all = sm_map_dup_eval_snapshots (map);

      g_test_message ("map snapshot %s", at[i].map_snapshot);
      /* Oldest first, whatever the order in the file. */
      g_assert_cmpuint (all->len, ==, 4);
      g_assert_cmpstr (((SmEvalSnapshot *) g_ptr_array_index (all, 0))->date, ==, "2026-02-01");
      g_assert_cmpstr (((SmEvalSnapshot *) g_ptr_array_index (all, 3))->date, ==, "2026-04-01");

      if (at[i].expected == NULL)
        g_assert_null (previous);
      else
        {
          g_autofree char *got = NULL;

          g_assert_nonnull (previous);
          got = g_strdup_printf ("%s/%" G_GINT64_FORMAT, previous->date, previous->version);
          g_assert_cmpstr (got, ==, at[i].expected);
          g_assert_cmpfloat (*(double *) g_hash_table_lookup (previous->values, "SP-01"), ==, 2);
          g_assert_cmpstr (g_hash_table_lookup (previous->rule_status, "SP-01"), ==, "warn");
          g_assert_cmpstr (g_hash_table_lookup (previous->principle_status, "P1"), ==, "met");
        }
    }
}

/* A recorded snapshot holds what the evaluation said, value and status. */
static void
test_record_snapshot_values (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (MAP_HEAD "," PEOPLE "}");
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(SmEvaluation) evaluation = sm_evaluate (map, NULL, SM_LENS_NONE);
  g_autoptr(GPtrArray) snapshots = NULL;
  SmEvalSnapshot *s;

  sm_history_push (history, sm_command_new_record_snapshot (map, evaluation));
  snapshots = sm_map_dup_eval_snapshots (map);
  g_assert_cmpuint (snapshots->len, ==, 1);
  s = g_ptr_array_index (snapshots, 0);
  g_assert_nonnull (s->recorded_at);
  for (guint i = 0; i < evaluation->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (evaluation->rules, i);
      const char   *id = sm_rule_def_get_id (r->rule);
      double       *v = g_hash_table_lookup (s->values, id);

      g_assert_nonnull (v);
      if (isnan (r->value))
        g_assert_true (isnan (*v));
      else
        g_assert_cmpfloat_with_epsilon (*v, r->value, 0.00005);
      g_assert_cmpstr (g_hash_table_lookup (s->rule_status, id), ==, sm_rule_status_to_string (r->status));
    }
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    g_assert_cmpstr (g_hash_table_lookup (s->principle_status, evaluation->principles[p].id), ==,
                     sm_principle_status_to_string (evaluation->principles[p].status));
  /* SP-01 here: mean influence 8 against 3. */
  g_assert_cmpfloat_with_epsilon (*(double *) g_hash_table_lookup (s->values, "SP-01"),
                                  sm_evaluation_lookup (evaluation, "SP-01")->value, 0.00005);
}

/* A newer version's map is shown, never changed: the document refuses. */
static void
test_read_only_refused (void)
{
  g_autoptr(SmMap) map = sm_test_load_q ("{'format':'stakemap','version':2}");
  g_autoptr(SmDocument) document = sm_document_new (map, NULL);
  g_autofree char *before = sm_test_save_to_string (map);
  g_autofree char *after = NULL;
  guint            changed = 0;

  g_assert_true (sm_map_get_read_only (map));
  g_signal_connect (map, "evaluation-changed", G_CALLBACK (count_cb), &changed);
  sm_document_push (document, sm_command_new_set_threshold (map, "sp01.floor", 1, NULL, NULL));
  sm_document_push (document, sm_command_new_add_response (map, "SP-01", SM_RESPONSE_DISCUSS, "t", NULL));
  after = sm_test_save_to_string (map);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));
}

/* Values sm_eval_config_set refuses are refused by the command too. */
static void
test_set_threshold_refuses_invalid (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (MAP_HEAD "}");

  if (g_test_subprocess ())
    {
      g_assert_null (sm_command_new_set_threshold (map, "sp01.warn_ratio", -1, NULL, NULL));
      g_assert_null (sm_command_new_set_threshold (map, "nope.key", 1, NULL, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*sm_command_new_set_threshold*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/evaluation-store/command/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_command);
    }
  g_test_add_func ("/core/evaluation-store/config/from-map", test_config_from_map);
  g_test_add_func ("/core/evaluation-store/config/threshold-reaches-evaluation", test_threshold_reaches_evaluation);
  g_test_add_func ("/core/evaluation-store/threshold-log/time", test_threshold_log_time);
  g_test_add_func ("/core/evaluation-store/responses/by-rule", test_responses_by_rule);
  g_test_add_func ("/core/evaluation-store/snapshots/previous", test_previous_snapshot);
  g_test_add_func ("/core/evaluation-store/snapshots/record-values", test_record_snapshot_values);
  g_test_add_func ("/core/evaluation-store/read-only-refused", test_read_only_refused);
  g_test_add_func ("/core/evaluation-store/set-threshold/refuses-invalid", test_set_threshold_refuses_invalid);

  return g_test_run ();
}

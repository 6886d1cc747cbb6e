/* sm-evaluate.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The engine: runs every rule and check of the catalogue over a map
 * (principles.md §4–§6), scores the principles (§7), and orders the
 * findings for a lens. The words it uses are in sm-eval-words.c, the names
 * in sm-eval-names.c, its JSON in sm-eval-json.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sm-evaluate-private.h"
#include "sm-metrics.h"
#include "sm-schema.h"

/* Results: the public struct plus what only the builders need. */

typedef struct
{
  SmRuleResult pub;
  GHashTable  *vars; /* placeholder → text, for the message template */
  guint        n_inputs;
  guint        n_known;
  gboolean     message_set;
  char *template;      /* translated; replaces the table's for this result */
  GHashTable *numbers; /* placeholder → its number (double), for plurals */
  GHashTable *gaps;    /* the data gaps already listed */
} RuleRun;

static void
evidence_free (gpointer data)
{
  SmEvidence *e = data;

  g_free (e->type);
  g_free (e->id);
  g_free (e->detail);
  g_free (e);
}

static void
named_value_clear (gpointer data)
{
  g_free (((SmNamedValue *) data)->name);
}

static RuleRun *
rule_run_new (const SmRuleDef *rule)
{
  RuleRun *run = g_new0 (RuleRun, 1);

  run->pub.rule = rule;
  run->pub.value = NAN;
  run->pub.previous_value = NAN;
  run->pub.values = g_array_new (FALSE, FALSE, sizeof (SmNamedValue));
  g_array_set_clear_func (run->pub.values, named_value_clear);
  run->pub.thresholds = g_array_new (FALSE, FALSE, sizeof (SmNamedValue));
  g_array_set_clear_func (run->pub.thresholds, named_value_clear);
  run->pub.evidence = g_ptr_array_new_with_free_func (evidence_free);
  run->pub.data_gaps = g_ptr_array_new_with_free_func (g_free);
  run->vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->gaps = g_hash_table_new (g_str_hash, g_str_equal);
  return run;
}

static void
rule_run_free (gpointer data)
{
  RuleRun *run = data;

  /* A rule not run yet, when the evaluation is cancelled. */
  if (run == NULL)
    return;
  g_array_unref (run->pub.values);
  g_array_unref (run->pub.thresholds);
  g_ptr_array_unref (run->pub.evidence);
  g_ptr_array_unref (run->pub.data_gaps);
  g_free (run->pub.message);
  g_free (run->pub.action);
  g_hash_table_unref (run->vars);
  g_hash_table_unref (run->numbers);
  g_hash_table_unref (run->gaps);
  g_free (run->template);
  g_free (run);
}

static GArray *
named_values_copy (GArray *from)
{
  GArray *to = g_array_sized_new (FALSE, FALSE, sizeof (SmNamedValue), from->len);

  g_array_set_clear_func (to, named_value_clear);
  for (guint i = 0; i < from->len; i++)
    {
      SmNamedValue v = g_array_index (from, SmNamedValue, i);

      v.name = g_strdup (v.name);
      g_array_append_val (to, v);
    }
  return to;
}

/* A finished result, as a fresh run of its rule would leave it before
 * the comparison with the previous snapshot (§7.5), which is redone. */
static RuleRun *
rule_run_copy (const SmRuleResult *from)
{
  RuleRun *run = rule_run_new (from->rule);

  run->pub.status = from->status;
  run->pub.value = from->value;
  g_array_unref (run->pub.values);
  run->pub.values = named_values_copy (from->values);
  g_array_unref (run->pub.thresholds);
  run->pub.thresholds = named_values_copy (from->thresholds);
  for (guint i = 0; i < from->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (from->evidence, i);

      _sm_result_evidence (&run->pub, e->type, e->id, e->detail);
    }
  for (guint i = 0; i < from->data_gaps->len; i++)
    {
      char *gap = g_strdup (g_ptr_array_index (from->data_gaps, i));

      g_ptr_array_add (run->pub.data_gaps, gap);
      g_hash_table_add (run->gaps, gap);
    }
  run->pub.completeness = from->completeness;
  run->pub.message = g_strdup (from->message);
  run->pub.action = g_strdup (from->action);
  run->message_set = TRUE;
  return run;
}

static void
named_value_put (GArray     *array,
                 const char *name,
                 double      value)
{
  SmNamedValue v = { g_strdup (name), value };

  for (guint i = 0; i < array->len; i++)
    if (strcmp (g_array_index (array, SmNamedValue, i).name, name) == 0)
      {
        g_array_index (array, SmNamedValue, i).value = value;
        g_free (v.name);
        return;
      }
  g_array_append_val (array, v);
}

void
_sm_result_set (SmRuleResult *result,
                const char   *name,
                double        value)
{
  named_value_put (result->values, name, value);
}

void
_sm_result_threshold (SmEvalContext *ctx,
                      SmRuleResult  *result,
                      const char    *key)
{
  named_value_put (result->thresholds, key, _sm_eval_cfg (ctx, key));
}

void
_sm_result_evidence (SmRuleResult *result,
                     const char   *type,
                     const char   *id,
                     const char   *detail)
{
  SmEvidence *e = g_new0 (SmEvidence, 1);

  e->type = g_strdup (type);
  e->id = g_strdup (id);
  e->detail = g_strdup (detail != NULL ? detail : "");
  g_ptr_array_add (result->evidence, e);
}

/* Records an unknown input: listed as a data gap and counted against the
 * rule's completeness (DQ-01). */
void
_sm_result_gap (SmRuleResult *result,
                SmRecord     *record,
                const char   *path)
{
  GHashTable *seen = ((RuleRun *) result)->gaps;
  const char *id = record != NULL ? sm_record_get_id (record) : NULL;
  char       *gap = g_strdup_printf ("%s: %s", id != NULL ? id : "map", path);

  if (g_hash_table_contains (seen, gap))
    {
      g_free (gap);
      return;
    }
  g_ptr_array_add (result->data_gaps, gap);
  g_hash_table_add (seen, gap);
}

void
_sm_result_need (SmRuleResult *result,
                 gboolean      known)
{
  RuleRun *run = (RuleRun *) result;

  run->n_inputs++;
  if (known)
    run->n_known++;
}

void
_sm_result_var (SmRuleResult *result,
                const char   *name,
                const char   *value)
{
  g_hash_table_replace (((RuleRun *) result)->vars, g_strdup (name), g_strdup (value));
}

void
_sm_result_var_take (SmRuleResult *result,
                     const char   *name,
                     char         *value)
{
  g_hash_table_replace (((RuleRun *) result)->vars, g_strdup (name), value);
}

void
_sm_result_var_number (SmRuleResult *result,
                       const char   *name,
                       double        value,
                       int           decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Numbers in messages follow the user's locale (%.*f does), without
   * trailing zeros: "7", "2.75", "2.5". */
  g_snprintf (buffer, sizeof buffer, "%.*f", decimals, value);
  if (decimals > 0)
    {
      char *end = buffer + strlen (buffer) - 1;

      while (end > buffer && *end == '0')
        *end-- = '\0';
      if (end > buffer && !g_ascii_isdigit (*end))
        *end = '\0';
    }
  _sm_result_var (result, name, buffer);
  g_hash_table_insert (((RuleRun *) result)->numbers, g_strdup (name), g_memdup2 (&value, sizeof value));
}

void
_sm_result_not_applicable (SmRuleResult *result,
                           const char   *message)
{
  RuleRun *run = (RuleRun *) result;

  result->status = SM_RULE_NOT_APPLICABLE;
  g_free (result->message);
  result->message = g_strdup (message);
  run->message_set = TRUE;
}

void
_sm_result_insufficient (SmRuleResult *result,
                         const char   *message)
{
  _sm_result_not_applicable (result, message);
  result->status = SM_RULE_INSUFFICIENT_DATA;
}

/* A message variant the table has no row for, already translated. */
void
_sm_result_template (SmRuleResult *result,
                     const char *template)
{
  RuleRun *run = (RuleRun *) result;

  g_free (run->template);
  run->template = g_strdup (template);
}

static const char *template_for (const SmRuleDef *rule,
                                 SmRuleStatus     status);

/* The message template for the result's (final) status: the rule's own,
 * translated, or the table's, translated here. NULL for none. */
static char *
dup_template (RuleRun         *run,
              const SmRuleDef *rule)
{
  SmRuleStatus status = run->pub.status;
  const char *template;

  if (run->template != NULL)
    return g_strdup (run->template);
  for (const SmRulePlural *p = rule->plurals; p != NULL && p->one != NULL; p++)
    if (p->status == status)
      {
        const double *number = g_hash_table_lookup (run->numbers, p->count);
        gulong        n = number != NULL && *number >= 0 ? (gulong) round (*number) : 0;

        return g_strdup (g_dngettext (GETTEXT_PACKAGE, p->one, p->many, n));
      }
  template = template_for (rule, status);
  return template != NULL ? g_strdup (_ (template)) : NULL;
}

/* "{name}" → the variable; unknown placeholders are left as they are, so a
 * translation that drops or reorders one still reads. */
static char *
render_template (const char *template,
                 GHashTable *vars)
{
  GString    *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      close = strchr (open, '}');
      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      {
        g_autofree char *name = g_strndup (open + 1, close - open - 1);
        const char      *value = g_hash_table_lookup (vars, name);

        if (value != NULL)
          g_string_append (out, value);
        else
          g_string_append_len (out, open, close - open + 1);
      }
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

/* Incremental evaluation */

/* What each rule reads besides the stakeholders (every rule reads those:
 * names, sides, scores), worked out from the rule's function and the
 * helpers it calls. A rule reading the graph, degree, betweenness or the
 * ties reads the relationships; one reading decision-holders reads the
 * decisions. When a rule starts reading something new, add it here:
 * /core/evaluate/incremental compares updates with full evaluations over
 * random edits of every kind of record. */
static const struct
{
  const char  *id;
  SmEvalInputs reads;
} rule_reads[] = {
  { "SP-01", 0 },
  { "SP-02", SM_EVAL_INPUT_DECISIONS },
  { "SP-03", SM_EVAL_INPUT_SPACES },
  { "SP-04", SM_EVAL_INPUT_MAP },
  { "EP-01", 0 },
  { "EP-02", SM_EVAL_INPUT_RELATIONSHIPS },
  { "EP-03", SM_EVAL_INPUT_RELATIONSHIPS },
  { "EP-04", SM_EVAL_INPUT_RELATIONSHIPS },
  { "WS-01", SM_EVAL_INPUT_DECISIONS | SM_EVAL_INPUT_RELATIONSHIPS },
  { "WS-02", SM_EVAL_INPUT_DECISIONS | SM_EVAL_INPUT_MAP },
  { "WS-03", SM_EVAL_INPUT_DECISIONS | SM_EVAL_INPUT_SPACES },
  { "WS-04", SM_EVAL_INPUT_RELATIONSHIPS },
  { "AI-01", SM_EVAL_INPUT_SPACES },
  { "AI-02", SM_EVAL_INPUT_RELATIONSHIPS },
  { "AI-03", SM_EVAL_INPUT_GROUPS },
  { "AI-04", SM_EVAL_INPUT_RELATIONSHIPS },
  { "RM-01", SM_EVAL_INPUT_RELATIONSHIPS },
  { "RM-02", SM_EVAL_INPUT_RELATIONSHIPS },
  { "RM-03", SM_EVAL_INPUT_RELATIONSHIPS },
  { "AR-01", 0 },
  { "AR-02", 0 },
  { "AR-03", SM_EVAL_INPUT_RELATIONSHIPS },
  { "AR-04", 0 },
  { "OT-01", SM_EVAL_INPUT_MAP },
  { "OT-02", SM_EVAL_INPUT_DECISIONS | SM_EVAL_INPUT_SPACES },
  { "OT-03", SM_EVAL_INPUT_RELATIONSHIPS },
  { "OT-04", SM_EVAL_INPUT_DECISIONS | SM_EVAL_INPUT_RELATIONSHIPS },
};

/**
 * sm_rule_def_get_reads:
 *
 * Returns: what the rule's result depends on; everything for a rule not
 *   in the list
 */
SmEvalInputs
sm_rule_def_get_reads (const SmRuleDef *rule)
{
  g_return_val_if_fail (rule != NULL, SM_EVAL_INPUT_ALL);

  for (guint i = 0; i < G_N_ELEMENTS (rule_reads); i++)
    if (strcmp (rule_reads[i].id, rule->id) == 0)
      return rule_reads[i].reads | SM_EVAL_INPUT_STAKEHOLDERS;
  return SM_EVAL_INPUT_ALL;
}

SmEvalInputs
sm_eval_inputs_for_kind (SmRecordKind kind)
{
  switch (kind)
    {
    case SM_RECORD_MAP:
      return SM_EVAL_INPUT_MAP;
    case SM_RECORD_STAKEHOLDER:
      return SM_EVAL_INPUT_STAKEHOLDERS;
    case SM_RECORD_RELATIONSHIP:
      return SM_EVAL_INPUT_RELATIONSHIPS;
    case SM_RECORD_SPACE:
      return SM_EVAL_INPUT_SPACES;
    case SM_RECORD_DECISION:
      return SM_EVAL_INPUT_DECISIONS;
    case SM_RECORD_AFFECTED_GROUP:
      return SM_EVAL_INPUT_GROUPS;
    case SM_RECORD_ANNOTATION:
    case SM_RECORD_REGION:
      return SM_EVAL_INPUT_OTHER;
    default:
      return SM_EVAL_INPUT_ALL;
    }
}

static gboolean
config_equal (const SmEvalConfig *a,
              const SmEvalConfig *b)
{
  const char *const *keys = sm_eval_config_list_keys ();
  GDate              day_a, day_b;

  for (guint i = 0; keys[i] != NULL; i++)
    if (sm_eval_config_get (a, keys[i]) != sm_eval_config_get (b, keys[i]))
      return FALSE;
  _sm_eval_config_get_today (a, &day_a);
  _sm_eval_config_get_today (b, &day_b);
  return g_date_compare (&day_a, &day_b) == 0;
}

/* Context */

gboolean
_sm_eval_high (SmEvalContext *ctx,
               double         score)
{
  return SM_IS_KNOWN (score) && score >= _sm_eval_cfg (ctx, "high_cutoff");
}

gboolean
_sm_eval_category_is (const char        *category,
                      const char *const *list)
{
  return category != NULL && g_strv_contains (list, category);
}

/* Progress of an evaluation, 0 to 1, kept moving forward: reading the
 * map is the first 5 %; on a large map betweenness is nearly all of the
 * rest (minutes at 100,000 stakeholders), so the rules before it share the
 * next 10 %, betweenness runs up to 90 % and the rules after it share what
 * is left before the data checks. */
static void
eval_progress (SmEvalContext *ctx,
               const char    *stage)
{
  double step = ctx->n_rules > 0 ? (double) ctx->rule_index / ctx->n_rules : 1.0;
  double fraction;

  if (ctx->progress == NULL)
    return;
  if (ctx->betweenness_rule == 0)
    fraction = 0.05 + 0.10 * step;
  else
    {
      double after = ctx->betweenness_rule < ctx->n_rules
                       ? (double) (ctx->rule_index - ctx->betweenness_rule) / (ctx->n_rules - ctx->betweenness_rule)
                       : 1.0;

      fraction = 0.90 + 0.05 * CLAMP (after, 0.0, 1.0);
    }
  ctx->fraction = fraction;
  sm_progress_update (ctx->progress, fraction, stage);
}

/* For tests: the straightforward way, every rule in table order and
 * betweenness measured when the first rule asks for it. */
static gboolean in_table_order;

void
_sm_evaluate_set_in_table_order (gboolean in_order)
{
  in_table_order = in_order;
}

const double *
_sm_eval_betweenness (SmEvalContext *ctx)
{
  if (ctx->betweenness == NULL)
    {
      /* A rule reading betweenness must say so in its table row, or it
       * would run before the measure started early is ready, and wait. */
      g_warn_if_fail (ctx->rule == NULL || ctx->rule->reads_betweenness);
      ctx->betweenness = g_new0 (double, MAX (ctx->n, 1));
      /* Cancelled part-way, the values are all 0: the rules that use them
       * give wrong results, but sm_evaluate_full() drops the whole result
       * as soon as the rule returns. */
      sm_progress_push_range (ctx->progress, ctx->fraction, 0.90);
      sm_progress_update (ctx->progress, 0.0, _ ("Measuring the network…"));
      if (ctx->betweenness_job != NULL)
        sm_graph_betweenness_finish (g_steal_pointer (&ctx->betweenness_job), ctx->betweenness, ctx->progress,
                                     NULL);
      else
        sm_graph_betweenness_full (ctx->graph, ctx->betweenness, ctx->cancellable, ctx->progress, NULL);
      sm_progress_pop_range (ctx->progress);
      ctx->betweenness_rule = ctx->rule_index + 1;
    }
  return ctx->betweenness;
}

static void
context_init (SmEvalContext      *ctx,
              SmMap              *map,
              const SmEvalConfig *config)
{
  SmCollection *people = sm_map_get_stakeholders (map);
  SmCollection *ties = sm_map_get_relationships (map);
  SmCollection *decisions = sm_map_get_collection (map, SM_RECORD_DECISION);
  guint         n_ties = sm_collection_get_size (ties);
  guint         n = sm_collection_get_size (people);

  memset (ctx, 0, sizeof *ctx);
  ctx->map = map;
  ctx->config = config;
  _sm_eval_config_get_today (config, &ctx->today);
  ctx->previous = sm_map_dup_previous_snapshot (map);
  ctx->n = n;
  ctx->people = g_new0 (SmRecord *, MAX (n, 1));
  ctx->index = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->side = g_new0 (SmSide, MAX (n, 1));
  ctx->influence = g_new0 (double, MAX (n, 1));
  ctx->interest = g_new0 (double, MAX (n, 1));
  ctx->legitimacy = g_new0 (double, MAX (n, 1));
  ctx->urgency = g_new0 (double, MAX (n, 1));
  ctx->level = g_new0 (double, MAX (n, 1));
  ctx->degree = g_new0 (guint, MAX (n, 1));
  ctx->decision_holder = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      SmRecord *s = sm_collection_get (people, i);

      ctx->people[i] = s;
      g_hash_table_insert (ctx->index, (char *) sm_record_get_id (s), GUINT_TO_POINTER (i + 1));
      ctx->side[i] = sm_stakeholder_get_side (s);
      ctx->influence[i] = sm_record_get_score (s, "influence");
      ctx->interest[i] = sm_record_get_score (s, "interest");
      ctx->legitimacy[i] = sm_record_get_score (s, "legitimacy");
      ctx->urgency[i] = sm_record_get_score (s, "urgency");
      ctx->level[i] = sm_record_get_score (s, "participation_level");
      if (ctx->side[i] == SM_SIDE_COMMUNITY)
        ctx->n_community++;
      else if (ctx->side[i] == SM_SIDE_INSTITUTIONAL)
        ctx->n_institutional++;
    }

  ctx->tie_records = g_new0 (SmRecord *, MAX (n_ties, 1));
  ctx->tie_source = g_new0 (guint, MAX (n_ties, 1));
  ctx->tie_target = g_new0 (guint, MAX (n_ties, 1));
  ctx->tie_category = g_new0 (const char *, MAX (n_ties, 1));
  ctx->tie_two_way = g_new0 (gboolean, MAX (n_ties, 1));
  for (guint i = 0; i < n_ties; i++)
    {
      SmRecord *r = sm_collection_get (ties, i);
      guint     a = _sm_eval_lookup (ctx, sm_relationship_get_source (r));
      guint     b = _sm_eval_lookup (ctx, sm_relationship_get_target (r));

      if (a == 0 || b == 0 || a == b)
        continue;
      ctx->tie_records[ctx->n_ties] = r;
      ctx->tie_source[ctx->n_ties] = a - 1;
      ctx->tie_target[ctx->n_ties] = b - 1;
      ctx->tie_category[ctx->n_ties] = sm_record_get_enum (r, "category");
      ctx->tie_two_way[ctx->n_ties] = g_strcmp0 (sm_record_get_enum (r, "direction"), "two_way") == 0;
      ctx->n_ties++;
    }

  ctx->gives_start = g_new0 (guint, n + 1);
  ctx->gets_start = g_new0 (guint, n + 1);
  ctx->gives = g_new0 (guint, MAX (ctx->n_ties * 2, 1));
  ctx->gets = g_new0 (guint, MAX (ctx->n_ties * 2, 1));
  for (guint pass = 0; pass < 2; pass++)
    {
      /* The first pass counts, the second fills in file order. */
      g_autofree guint *gives_at = pass == 1 ? g_memdup2 (ctx->gives_start, (n + 1) * sizeof (guint)) : NULL;
      g_autofree guint *gets_at = pass == 1 ? g_memdup2 (ctx->gets_start, (n + 1) * sizeof (guint)) : NULL;

      for (guint t = 0; t < ctx->n_ties; t++)
        {
          guint from = ctx->tie_source[t], to = ctx->tie_target[t];

          if (pass == 0)
            {
              ctx->gives_start[from + 1]++;
              ctx->gets_start[to + 1]++;
              if (ctx->tie_two_way[t])
                {
                  ctx->gives_start[to + 1]++;
                  ctx->gets_start[from + 1]++;
                }
              continue;
            }
          ctx->gives[gives_at[from]++] = t;
          ctx->gets[gets_at[to]++] = t;
          if (ctx->tie_two_way[t])
            {
              ctx->gives[gives_at[to]++] = t;
              ctx->gets[gets_at[from]++] = t;
            }
        }
      for (guint i = 0; pass == 0 && i < n; i++)
        {
          ctx->gives_start[i + 1] += ctx->gives_start[i];
          ctx->gets_start[i + 1] += ctx->gets_start[i];
        }
    }

  /* The graph sm_metrics_build_graph() builds, from the ties read above
   * rather than from the records again. */
  ctx->graph = sm_graph_new (n);
  for (guint t = 0; t < ctx->n_ties; t++)
    if (g_strcmp0 (ctx->tie_category[t], "conflict_tension") != 0)
      sm_graph_add_edge (ctx->graph, ctx->tie_source[t], ctx->tie_target[t]);
  if (_sm_eval_cfg (ctx, "graph.space_comembership_as_tie") != 0)
    sm_metrics_add_space_ties (ctx->graph, map, ctx->index);
  sm_graph_degree (ctx->graph, ctx->degree);
  ctx->adjacency = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ctx->adjacency, g_array_sized_new (FALSE, FALSE, sizeof (guint), ctx->degree[i]));
  {
    /* SmGraph has no neighbour iterator: list the pairs the map can
     * produce (relationships and, if switched on, co-membership) and keep
     * those the graph holds, once each. */
    g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint k = 0; k < ctx->n_ties; k++)
      {
        guint  a = MIN (ctx->tie_source[k], ctx->tie_target[k]);
        guint  b = MAX (ctx->tie_source[k], ctx->tie_target[k]);
        gint64 key = ((gint64) a << 32) | b;

        g_array_append_val (keys, key);
      }
    if (_sm_eval_cfg (ctx, "graph.space_comembership_as_tie") != 0)
      {
        SmCollection *spaces = sm_map_get_collection (map, SM_RECORD_SPACE);

        for (guint i = 0; i < sm_collection_get_size (spaces); i++)
          {
            JsonNode *members = sm_record_get_value (sm_collection_get (spaces, i), "members");
            g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
            JsonArray *array;

            if (members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
              continue;
            array = json_node_get_array (members);
            for (guint m = 0; m < json_array_get_length (array); m++)
              {
                JsonNode *member = json_array_get_element (array, m);
                guint     k;

                if (!JSON_NODE_HOLDS_OBJECT (member))
                  continue;
                k = _sm_eval_lookup (ctx, json_object_get_string_member_with_default (
                                            json_node_get_object (member), "stakeholder", NULL));
                if (k > 0)
                  g_array_append_val (nodes, k);
              }
            for (guint p = 0; p < nodes->len; p++)
              for (guint q = p + 1; q < nodes->len; q++)
                {
                  guint  a = MIN (g_array_index (nodes, guint, p), g_array_index (nodes, guint, q)) - 1;
                  guint  b = MAX (g_array_index (nodes, guint, p), g_array_index (nodes, guint, q)) - 1;
                  gint64 key = ((gint64) a << 32) | b;

                  if (a != b)
                    g_array_append_val (keys, key);
                }
          }
      }
    for (guint k = 0; k < keys->len; k++)
      {
        gint64 *key = &g_array_index (keys, gint64, k);
        guint   a = (guint) (*key >> 32);
        guint   b = (guint) (*key & 0xffffffff);

        /* conflict_tension pairs are in keys but not in the graph */
        if (g_hash_table_contains (seen, key) || !sm_graph_has_edge (ctx->graph, a, b))
          continue;
        g_hash_table_add (seen, key);
        g_array_append_val (g_ptr_array_index (ctx->adjacency, a), b);
        g_array_append_val (g_ptr_array_index (ctx->adjacency, b), a);
      }
  }

  /* Decision-holders (WS-01): institutional stakeholders with influence of
   * at least ws01.dh_cut, and whoever decided a commissioning decision. */
  for (guint i = 0; i < n; i++)
    if (ctx->side[i] == SM_SIDE_INSTITUTIONAL && SM_IS_KNOWN (ctx->influence[i]) &&
        ctx->influence[i] >= _sm_eval_cfg (ctx, "ws01.dh_cut"))
      ctx->decision_holder[i] = TRUE;
  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      JsonNode *by = sm_record_get_value (decision, "decided_by");

      if (g_strcmp0 (sm_record_get_enum (decision, "stage"), "commissioning") != 0 ||
          by == NULL || !JSON_NODE_HOLDS_ARRAY (by))
        continue;
      for (guint m = 0; m < json_array_get_length (json_node_get_array (by)); m++)
        {
          JsonNode *ref = json_array_get_element (json_node_get_array (by), m);
          guint     k = JSON_NODE_HOLDS_VALUE (ref) && json_node_get_value_type (ref) == G_TYPE_STRING
                          ? _sm_eval_lookup (ctx, json_node_get_string (ref))
                          : 0;

          if (k > 0)
            ctx->decision_holder[k - 1] = TRUE;
        }
    }
  for (guint i = 0; i < n; i++)
    if (ctx->decision_holder[i])
      ctx->n_decision_holders++;
}

static void
context_clear (SmEvalContext *ctx)
{
  g_free (ctx->people);
  g_hash_table_unref (ctx->index);
  g_free (ctx->side);
  g_free (ctx->influence);
  g_free (ctx->interest);
  g_free (ctx->legitimacy);
  g_free (ctx->urgency);
  g_free (ctx->level);
  g_free (ctx->tie_records);
  g_free (ctx->tie_source);
  g_free (ctx->tie_target);
  g_free (ctx->tie_category);
  g_free (ctx->tie_two_way);
  g_free (ctx->gives_start);
  g_free (ctx->gives);
  g_free (ctx->gets_start);
  g_free (ctx->gets);
  sm_graph_betweenness_abandon (ctx->betweenness_job);
  sm_graph_unref (ctx->graph);
  g_ptr_array_unref (ctx->adjacency);
  g_free (ctx->degree);
  g_free (ctx->betweenness);
  g_free (ctx->decision_holder);
  g_clear_pointer (&ctx->previous, sm_eval_snapshot_free);
}

/* For tests: the graph an evaluation of @map measures. */
SmGraph *
_sm_evaluate_build_graph (SmMap              *map,
                          const SmEvalConfig *config)
{
  SmEvalContext ctx;
  SmGraph      *graph;

  context_init (&ctx, map, config);
  graph = sm_graph_ref (ctx.graph);
  context_clear (&ctx);
  return graph;
}

/* Running one rule */

static const char *
template_for (const SmRuleDef *rule,
              SmRuleStatus     status)
{
  switch (status)
    {
    case SM_RULE_PASS:
      return rule->msg_pass;
    case SM_RULE_WARN:
      return rule->msg_warn;
    case SM_RULE_FAIL:
      return rule->msg_fail;
    case SM_RULE_INFO:
      return rule->msg_info;
    case SM_RULE_NOT_APPLICABLE:
    case SM_RULE_INSUFFICIENT_DATA:
    default:
      return NULL;
    }
}

static void
run_rule (SmEvalContext   *ctx,
          const SmRuleDef *rule,
          RuleRun         *run,
          gboolean         gate_g0)
{
  SmRuleResult *result = &run->pub;

  for (const char *const *key = rule->thresholds; key != NULL && *key != NULL; key++)
    _sm_result_threshold (ctx, result, *key);

  if (gate_g0 && rule->needs_community)
    {
      _sm_result_not_applicable (result,
                                 _ ("This check compares people with lived experience with others, "
                                    "and no one on this map is here because of lived experience of "
                                    "the issue (see the first finding)."));
      result->completeness = 1.0;
      return;
    }

  rule->compute (ctx, result);
  if (result->status == SM_RULE_INSUFFICIENT_DATA)
    {
      result->completeness = run->n_inputs > 0 ? (double) run->n_known / run->n_inputs : 0.0;
      result->action = g_strdup (_ ("Fill in the missing information with the group, then evaluate again."));
      return;
    }

  result->completeness = run->n_inputs > 0 ? (double) run->n_known / run->n_inputs : 1.0;

  /* DQ-01: too little known to say anything. */
  if (result->status != SM_RULE_NOT_APPLICABLE &&
      result->completeness < _sm_eval_cfg (ctx, "min_known_share"))
    {
      g_autoptr(GPtrArray) gaps = g_ptr_array_new ();
      g_autofree char *list = NULL;
      guint            shown = MIN (result->data_gaps->len, 6);

      for (guint i = 0; i < shown; i++)
        g_ptr_array_add (gaps, g_ptr_array_index (result->data_gaps, i));
      list = _sm_names_join (gaps);
      result->status = SM_RULE_INSUFFICIENT_DATA;
      g_free (result->message);
      result->message = g_strdup_printf (_ ("We can’t assess this yet: only %.0f%% of what it needs is "
                                            "recorded. Missing: %s%s."),
                                         result->completeness * 100, list,
                                         result->data_gaps->len > shown ? _ (" and more") : "");
      result->action = g_strdup (_ ("Fill in the missing information with the group, then evaluate again."));
      return;
    }

  if (rule->capped && result->status == SM_RULE_FAIL)
    result->status = SM_RULE_WARN;

  if (!run->message_set)
    {
      g_autofree char *template = dup_template (run, rule);

      if (template != NULL)
        {
          g_free (result->message);
          result->message = render_template (template, run->vars);
        }
    }
  if (result->message == NULL)
    result->message = g_strdup ("");
  if (result->action == NULL && result->status != SM_RULE_NOT_APPLICABLE)
    result->action = g_strdup (_ (rule->action));
}

/* A check of §6: computed like a rule, never scored, never capped. */
static void
run_check (SmEvalContext   *ctx,
           const SmRuleDef *check,
           RuleRun         *run)
{
  SmRuleResult *result = &run->pub;

  for (const char *const *key = check->thresholds; key != NULL && *key != NULL; key++)
    _sm_result_threshold (ctx, result, *key);

  check->compute (ctx, result);
  result->completeness = run->n_inputs > 0 ? (double) run->n_known / run->n_inputs : 1.0;

  if (!run->message_set)
    {
      g_autofree char *template = dup_template (run, check);

      if (template != NULL)
        {
          g_free (result->message);
          result->message = render_template (template, run->vars);
        }
    }
  if (result->message == NULL)
    result->message = g_strdup ("");
  if (result->action == NULL && result->status != SM_RULE_NOT_APPLICABLE)
    result->action = g_strdup (_ (check->action));
}

/* §7.5: each rule against the previous snapshot, each principle's status then. */
static void
compare_with_previous (SmEvalContext *ctx,
                       SmEvaluation  *eval)
{
  SmEvalSnapshot *previous = ctx->previous;

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    eval->principles[p].previous_status = -1;
  if (previous == NULL)
    return;

  eval->previous_date = g_strdup (previous->date);
  eval->previous_version = previous->version;

  for (guint i = 0; i < eval->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (eval->rules, i);
      double       *before = g_hash_table_lookup (previous->values, r->rule->id);
      double        now;

      if (before == NULL || !isfinite (*before))
        continue;
      r->previous_value = *before;
      if (!isfinite (r->value))
        continue;
      /* Recorded values are rounded to 4 places: compare like with like. */
      now = round (r->value * 10000) / 10000;
      if (now != *before)
        r->trend = ((now > *before) ? 1 : -1) * r->rule->better;
    }

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &eval->principles[p];
      const char        *status = g_hash_table_lookup (previous->principle_status, pr->id);

      pr->previous_date = eval->previous_date;
      for (SmPrincipleStatus s = SM_PRINCIPLE_MET; s <= SM_PRINCIPLE_NOT_ASSESSED; s++)
        if (g_strcmp0 (status, sm_principle_status_to_string (s)) == 0)
          pr->previous_status = s;
    }
}

/* Scoring (§7) */

static const struct
{
  const char *id;
  const char *name;
} principle_names[SM_N_PRINCIPLES] = {
  { "P1", N_ ("Sharing power") },
  { "P2", N_ ("Equality and partnership") },
  { "P3", N_ ("Changing the way the whole system works") },
  { "P4", N_ ("Being accessible and inclusive") },
  { "P5", N_ ("Encouraging reciprocity and mutual support") },
  { "P6", N_ ("Using assets and resources") },
  { "P7", N_ ("Being open and transparent") },
};

static gboolean
is_scored (SmRuleStatus status)
{
  return status == SM_RULE_PASS || status == SM_RULE_WARN || status == SM_RULE_FAIL;
}

static double
points (SmRuleStatus status)
{
  return status == SM_RULE_PASS ? 1.0 : status == SM_RULE_WARN ? 0.5
                                                               : 0.0;
}

static void
score_principles (SmEvalContext *ctx,
                  SmEvaluation  *eval)
{
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &eval->principles[p];
      double             sum = 0, completeness = 0, confidence;

      pr->id = principle_names[p].id;
      pr->name = _ (principle_names[p].name);
      for (guint i = 0; i < eval->rules->len; i++)
        {
          SmRuleResult *r = g_ptr_array_index (eval->rules, i);

          if (strcmp (r->rule->principle, pr->id) != 0)
            continue;
          pr->n_rules++;
          if (!is_scored (r->status))
            continue;
          pr->n_eval++;
          sum += points (r->status);
          completeness += r->completeness;
          if (r->status == SM_RULE_FAIL)
            pr->n_fail++;
        }

      pr->score = pr->n_eval > 0 ? sum / pr->n_eval : NAN;
      pr->completeness = pr->n_eval > 0 ? completeness / pr->n_eval : 0;

      if (pr->n_eval < 2 || pr->n_eval * 2 < pr->n_rules)
        pr->status = SM_PRINCIPLE_NOT_ASSESSED;
      else if (pr->score >= _sm_eval_cfg (ctx, "score.met") && pr->n_fail == 0)
        pr->status = SM_PRINCIPLE_MET;
      else if (pr->score < _sm_eval_cfg (ctx, "score.not_met") ||
               pr->n_fail >= _sm_eval_cfg (ctx, "score.max_fails"))
        pr->status = SM_PRINCIPLE_NOT_MET;
      else
        pr->status = SM_PRINCIPLE_PARTLY_MET;

      confidence = pr->n_rules > 0 ? (double) pr->n_eval / pr->n_rules * pr->completeness : 0;
      pr->confidence = confidence >= 0.8   ? SM_CONFIDENCE_HIGH
                       : confidence >= 0.5 ? SM_CONFIDENCE_MEDIUM
                                           : SM_CONFIDENCE_LOW;
    }
}

/* The first sentence of a message, for the one-line summary. */
static char *
first_sentence (const char *text)
{
  const char *end = strstr (text, ". ");

  return end != NULL ? g_strndup (text, end - text + 1) : g_strdup (text);
}

static void
summarise (SmEvalContext *ctx,
           SmEvaluation  *eval)
{
  guint    counts[4] = { 0 };
  guint    n_assessed = 0;
  double   index_sum = 0;
  int      lowest = -1;
  GString *summary;

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &eval->principles[p];

      counts[pr->status]++;
      if (pr->status == SM_PRINCIPLE_NOT_ASSESSED)
        continue;
      n_assessed++;
      index_sum += pr->score;
      if (lowest < 0 || pr->score < eval->principles[lowest].score)
        lowest = p;
    }

  /* §7.4: indicative only, and only with enough of the profile assessed. */
  eval->index = n_assessed >= _sm_eval_cfg (ctx, "score.index_min_principles")
                  ? round (index_sum / n_assessed * 100)
                  : NAN;

  summary = g_string_new (NULL);
  {
    guint            met = counts[SM_PRINCIPLE_MET];
    guint            partly = counts[SM_PRINCIPLE_PARTLY_MET];
    guint            not_met = counts[SM_PRINCIPLE_NOT_MET];
    guint            not_assessed = counts[SM_PRINCIPLE_NOT_ASSESSED];
    g_autofree char *met_text = NULL;
    g_autofree char *partly_text = NULL;
    g_autofree char *not_met_text = NULL;
    g_autofree char *not_assessed_text = NULL;

    /* Translators: a part of "3 met, 2 partly met, 1 not met, 2 not
     * assessed."; %u is how many of the principles are met */
    met_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u met", "%u met", met), met);
    /* Translators: as above; %u is how many principles are partly met */
    partly_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u partly met", "%u partly met", partly), partly);
    /* Translators: as above; %u is how many principles are not met */
    not_met_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not met", "%u not met", not_met), not_met);
    /* Translators: as above; %u is how many principles could not be assessed */
    not_assessed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not assessed", "%u not assessed",
                                                      not_assessed),
                                         not_assessed);

    /* Translators: how the principles came out: how many are met ("3
     * met"), partly met ("2 partly met"), not met ("1 not met") and not
     * assessed ("2 not assessed"). */
    g_string_append_printf (summary, _ ("%s, %s, %s, %s."), met_text, partly_text, not_met_text,
                            not_assessed_text);
  }

  if (lowest >= 0 && eval->principles[lowest].score < 1.0)
    {
      SmRuleResult *top = NULL;

      for (guint i = 0; i < eval->rules->len && top == NULL; i++)
        {
          SmRuleResult *r = g_ptr_array_index (eval->rules, i);

          if (strcmp (r->rule->principle, eval->principles[lowest].id) == 0 && r->status == SM_RULE_FAIL)
            top = r;
        }
      for (guint i = 0; i < eval->rules->len && top == NULL; i++)
        {
          SmRuleResult *r = g_ptr_array_index (eval->rules, i);

          if (strcmp (r->rule->principle, eval->principles[lowest].id) == 0 && r->status == SM_RULE_WARN)
            top = r;
        }
      if (top != NULL)
        {
          g_autofree char *finding = first_sentence (top->message);

          g_string_append_c (summary, ' ');
          g_string_append_printf (summary, _ ("Most urgent: %s: %s"),
                                  eval->principles[lowest].name, finding);
        }
    }
  eval->summary = g_string_free (summary, FALSE);
}

/* §2 lenses: which findings a perspective puts first. */
static const char *const *
lens_rules (SmLens lens)
{
  static const char *const clarification[] = { "SP-04", "SP-02", "OT-01", NULL };
  static const char *const elucidation[] = { "SP-01", "EP-02", "OT-03", "OT-04", NULL };
  static const char *const provocation[] = { "WS-01", "WS-02", "WS-03", "WS-04", "OT-02", "AR-02", NULL };

  switch (lens)
    {
    case SM_LENS_CLARIFICATION:
      return clarification;
    case SM_LENS_ELUCIDATION:
      return elucidation;
    case SM_LENS_PROVOCATION:
      return provocation;
    case SM_LENS_NONE:
    default:
      return NULL;
    }
}

/* How much a finding asks for discussion, for headlining within a lens. */
static int
urgency_rank (SmRuleStatus status)
{
  switch (status)
    {
    case SM_RULE_FAIL:
      return 0;
    case SM_RULE_WARN:
      return 1;
    case SM_RULE_INFO:
      return 2;
    case SM_RULE_INSUFFICIENT_DATA:
      return 3;
    case SM_RULE_PASS:
      return 4;
    case SM_RULE_NOT_APPLICABLE:
    default:
      return 5;
    }
}

static void
apply_lens (SmEvaluation *eval)
{
  const char *const *ids = lens_rules (eval->lens);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  eval->order = g_ptr_array_new ();
  eval->headlines = g_ptr_array_new ();

  for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
    {
      SmRuleResult *r = sm_evaluation_lookup (eval, ids[k]);

      if (r != NULL)
        g_ptr_array_add (candidates, r);
    }
  /* Highlight three: the most pressing of the lens's findings, in the
   * lens's order among equals (a stable selection, not a sort). */
  for (int rank = 0; rank <= 5 && eval->headlines->len < 3; rank++)
    for (guint i = 0; i < candidates->len && eval->headlines->len < 3; i++)
      {
        SmRuleResult *r = g_ptr_array_index (candidates, i);

        if (urgency_rank (r->status) == rank)
          g_ptr_array_add (eval->headlines, r);
      }

  for (guint i = 0; i < eval->headlines->len; i++)
    g_ptr_array_add (eval->order, g_ptr_array_index (eval->headlines, i));
  for (guint i = 0; i < candidates->len; i++)
    if (!g_ptr_array_find (eval->order, g_ptr_array_index (candidates, i), NULL))
      g_ptr_array_add (eval->order, g_ptr_array_index (candidates, i));
  for (guint i = 0; i < eval->rules->len; i++)
    if (!g_ptr_array_find (eval->order, g_ptr_array_index (eval->rules, i), NULL))
      g_ptr_array_add (eval->order, g_ptr_array_index (eval->rules, i));
}

/**
 * sm_evaluate:
 * @map: the map
 * @config: (nullable): thresholds; %NULL for the defaults of §10
 * @lens: which perspective orders the findings
 *
 * Runs every rule of the catalogue. A pure function of its arguments.
 */
SmEvaluation *
sm_evaluate (SmMap              *map,
             const SmEvalConfig *config,
             SmLens              lens)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return sm_evaluate_full (map, config, lens, NULL, NULL, NULL);
}

/**
 * sm_evaluate_full:
 * @cancellable: (nullable): stops the evaluation between two steps (and
 *   inside the network measures)
 * @progress: (nullable): told how far it has got
 * @error: set to %G_IO_ERROR_CANCELLED when cancelled
 *
 * sm_evaluate() for long work, on any thread: @map must not change while
 * it runs (give it a sm_map_copy() of the window's map).
 *
 * Returns: (transfer full) (nullable): the evaluation, or %NULL when
 *   cancelled
 */
SmEvaluation *
sm_evaluate_full (SmMap              *map,
                  const SmEvalConfig *config,
                  SmLens              lens,
                  GCancellable       *cancellable,
                  SmProgress         *progress,
                  GError            **error)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sm_evaluate_update (map, config, lens, NULL, SM_EVAL_INPUT_ALL, cancellable, progress, error);
}

/**
 * sm_evaluate_update:
 * @previous: (nullable): an evaluation of the map before the edits
 * @changed: what the edits since @previous touched
 *
 * sm_evaluate_full() after a few edits: the rules that read nothing in
 * @changed keep their results from @previous, the others run again, and
 * the scores, summary, lens and data checks are worked out afresh. The
 * result is exactly that of sm_evaluate_full(). With other thresholds or
 * another day than @previous, or without @previous, every rule runs.
 *
 * Returns: (transfer full) (nullable): the evaluation, or %NULL when
 *   cancelled
 */
SmEvaluation *
sm_evaluate_update (SmMap              *map,
                    const SmEvalConfig *config,
                    SmLens              lens,
                    const SmEvaluation *previous,
                    SmEvalInputs        changed,
                    GCancellable       *cancellable,
                    SmProgress         *progress,
                    GError            **error)
{
  g_autoptr(SmEvalConfig) defaults = NULL;
  SmEvalContext    ctx;
  SmEvaluation    *eval;
  const SmRuleDef *table;
  gboolean         gate_g0;
  guint            n_rules;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (config == NULL)
    config = defaults = sm_eval_config_new ();
  if (previous == NULL || previous->config == NULL || !config_equal (previous->config, config) ||
      previous->rules->len != sm_rules_get_count ())
    changed = SM_EVAL_INPUT_ALL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  sm_progress_update (progress, 0.0, _ ("Reading the map…"));
  context_init (&ctx, map, config);
  ctx.cancellable = cancellable;
  ctx.progress = progress;
  gate_g0 = ctx.n_community == 0;

  /* Shared spaces are ties of the graph when the group says so. */
  if ((changed & SM_EVAL_INPUT_SPACES) && _sm_eval_cfg (&ctx, "graph.space_comembership_as_tie") != 0)
    changed |= SM_EVAL_INPUT_RELATIONSHIPS;

  eval = g_new0 (SmEvaluation, 1);
  eval->lens = lens;
  eval->index = NAN;
  eval->rules = g_ptr_array_new_with_free_func (rule_run_free);
  eval->config = sm_eval_config_copy (config);

  table = _sm_rules_table (&n_rules);
  ctx.n_rules = n_rules;
  /* Betweenness is most of the work on a large map: it starts now on the
   * other cores, the rules that do not read it run meanwhile, and those
   * that do run last, when this thread joins in. The rules read the
   * context and write only their own result, so the order they run in
   * changes nothing but the time. */
  for (guint i = 0; i < n_rules && !in_table_order; i++)
    if (table[i].reads_betweenness && (sm_rule_def_get_reads (&table[i]) & changed) != 0)
      {
        ctx.betweenness_job = sm_graph_betweenness_start (ctx.graph, cancellable);
        break;
      }
  g_ptr_array_set_size (eval->rules, n_rules);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_rules; i++)
      {
        RuleRun *run;

        if (in_table_order ? pass == 1 : table[i].reads_betweenness != (pass == 1))
          continue;
        eval_progress (&ctx, _ ("Checking the principles…"));
        if ((sm_rule_def_get_reads (&table[i]) & changed) == 0)
          run = rule_run_copy (g_ptr_array_index (previous->rules, i));
        else
          {
            run = rule_run_new (&table[i]);
            ctx.rule = &table[i];
            run_rule (&ctx, &table[i], run, gate_g0);
            ctx.rule = NULL;
            eval->n_rules_run++;
          }
        g_ptr_array_index (eval->rules, i) = run;
        ctx.rule_index++;
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            context_clear (&ctx);
            sm_evaluation_free (eval);
            return NULL;
          }
      }
  ctx.rule_index = n_rules;
  eval_progress (&ctx, _ ("Checking the data…"));

  score_principles (&ctx, eval);
  summarise (&ctx, eval);

  if (gate_g0)
    {
      eval->gate_id = g_strdup ("G0");
      eval->gate_message = g_strdup (_ ("No one on this map is here because of lived experience of the "
                                        "issue. Co-production starts with the people affected (S1, S2)."));
    }
  else if (_sm_eval_cfg (&ctx, "gate.sharing_power") != 0 &&
           eval->principles[0].status == SM_PRINCIPLE_NOT_MET)
    {
      eval->gate_id = g_strdup ("sharing_power");
      eval->gate_message = g_strdup (_ ("The map does not yet show power being shared, so by the "
                                        "published definitions this is not yet co-production. It may "
                                        "be valuable engagement or co-design."));
    }

  apply_lens (eval);

  eval->checks = g_ptr_array_new_with_free_func (rule_run_free);
  table = _sm_checks_table (&n_rules);
  for (guint i = 0; i < n_rules; i++)
    {
      RuleRun *run = rule_run_new (&table[i]);

      run_check (&ctx, &table[i], run);
      g_ptr_array_add (eval->checks, run);
    }
  compare_with_previous (&ctx, eval);

  context_clear (&ctx);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sm_evaluation_free (eval);
      return NULL;
    }
  sm_progress_update (progress, 1.0, NULL);
  return eval;
}

/**
 * sm_evaluation_copy:
 *
 * A copy that lives on its own, for sm_evaluate_update() on another
 * thread while the original is shown and may be freed.
 */
SmEvaluation *
sm_evaluation_copy (const SmEvaluation *self)
{
  SmEvaluation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SmEvaluation, 1);
  copy->lens = self->lens;
  copy->index = self->index;
  copy->rules = g_ptr_array_new_with_free_func (rule_run_free);
  for (guint i = 0; i < self->rules->len; i++)
    g_ptr_array_add (copy->rules, rule_run_copy (g_ptr_array_index (self->rules, i)));
  copy->config = self->config != NULL ? sm_eval_config_copy (self->config) : NULL;
  /* Only the rules' results are carried over: the rest is redone. */
  return copy;
}

/* How many rules the evaluation computed rather than carried over. */
guint
sm_evaluation_get_n_rules_run (const SmEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rules_run;
}

void
sm_evaluation_free (SmEvaluation *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->config, sm_eval_config_free);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->headlines, g_ptr_array_unref);
  g_ptr_array_unref (self->rules);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->previous_date);
  g_free (self->gate_id);
  g_free (self->gate_message);
  g_free (self->summary);
  g_free (self);
}

SmRuleResult *
sm_evaluation_lookup (SmEvaluation *self,
                      const char   *rule_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (self->rules, i);

      if (g_strcmp0 (r->rule->id, rule_id) == 0)
        return r;
    }
  return NULL;
}

SmRuleResult *
sm_evaluation_lookup_check (SmEvaluation *self,
                            const char   *check_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (r->rule->id, check_id) == 0)
        return r;
    }
  return NULL;
}

/* sm-rules-reciprocity.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-rules-private.h"

/* The rules of principle P5, reciprocity and mutual support (principles.md
 * §5): two-way links, giving without getting back, peer support. Each rule
 * is one compute function and one row of the table at the end of the file. */

/* P5 — Encouraging reciprocity and mutual support */

typedef struct
{
  gboolean ab;
  gboolean ba;
  gboolean balanced;
  gboolean some;
  guint    a;
  guint    b;
  guint    tie;
} Pair;

static void
sm_rule_rm01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) arcs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer       value;
  guint          n = 0, two_way = 0, some = 0, reciprocated = 0;

  for (guint t = 0; t < ctx->n_ties; t++)
    {
      guint  s = ctx->tie_source[t], d = ctx->tie_target[t];
      gint64 key;
      Pair  *pair;

      if (g_strcmp0 (ctx->tie_category[t], "conflict_tension") == 0)
        continue;

      /* Directed arcs for the whole-map reciprocity (networkx's
       * overall_reciprocity: arcs whose reverse exists / all arcs). */
      for (guint dir = 0; dir < (ctx->tie_two_way[t] ? 2u : 1u); dir++)
        {
          gint64 *arc = g_new (gint64, 1);

          *arc = dir == 0 ? ((gint64) s << 32 | d) : ((gint64) d << 32 | s);
          g_hash_table_add (arcs, arc);
        }

      if (!((_sm_rules_is_c (ctx, s) && _sm_rules_is_i (ctx, d)) || (_sm_rules_is_i (ctx, s) && _sm_rules_is_c (ctx, d))))
        continue;
      key = (gint64) MIN (s, d) << 32 | MAX (s, d);
      pair = g_hash_table_lookup (pairs, &key);
      if (pair == NULL)
        {
          gint64 *k = g_new (gint64, 1);

          *k = key;
          pair = g_new0 (Pair, 1);
          pair->a = MIN (s, d);
          pair->b = MAX (s, d);
          pair->tie = t;
          g_hash_table_insert (pairs, k, pair);
        }
      if (ctx->tie_two_way[t] || s == pair->a)
        pair->ab = TRUE;
      if (ctx->tie_two_way[t] || s == pair->b)
        pair->ba = TRUE;
      if (g_strcmp0 (sm_record_get_enum (ctx->tie_records[t], "reciprocity"), "balanced") == 0)
        pair->balanced = TRUE;
      if (g_strcmp0 (sm_record_get_enum (ctx->tie_records[t], "reciprocity"), "some") == 0)
        pair->some = TRUE;
    }

  g_hash_table_iter_init (&iter, arcs);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      gint64 arc = *(gint64 *) value;
      gint64 reverse = (arc & 0xffffffff) << 32 | (arc >> 32);

      if (g_hash_table_contains (arcs, &reverse))
        reciprocated++;
    }

  /* In relationship order, so evidence is stable. */
  for (guint t = 0; t < ctx->n_ties; t++)
    {
      gint64 key = (gint64) MIN (ctx->tie_source[t], ctx->tie_target[t]) << 32 |
                   MAX (ctx->tie_source[t], ctx->tie_target[t]);
      Pair *pair = g_hash_table_lookup (pairs, &key);

      if (pair == NULL || pair->tie != t)
        continue;
      n++;
      if ((pair->ab && pair->ba) || pair->balanced)
        two_way++;
      else
        {
          g_autofree char *label = g_strdup_printf (_ ("%s – %s: one way only%s"), _sm_eval_person (ctx, pair->a),
                                                    _sm_eval_person (ctx, pair->b),
                                                    pair->some ? _ (" (something flows back)") : "");
          _sm_result_evidence (result, "relationship", _sm_rules_tie_id (ctx, t), label);
        }
      if (pair->some)
        some++;
    }

  if (n == 0)
    {
      _sm_result_not_applicable (result, _ ("The map shows no relationships between professionals and "
                                            "people with lived experience."));
      return;
    }

  result->value = (double) two_way / n;
  _sm_result_set (result, "pairs", n);
  _sm_result_set (result, "two_way_pairs", two_way);
  _sm_result_set (result, "pairs_marked_some", some);
  _sm_result_set (result, "overall_reciprocity",
                  g_hash_table_size (arcs) > 0 ? (double) reciprocated / g_hash_table_size (arcs) : NAN);
  _sm_result_var_number (result, "k", two_way, 0);
  _sm_result_var_number (result, "n", n, 0);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "rm01.warn_share");
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "rm01.fail_share");

  if (result->value < _sm_eval_cfg (ctx, "rm01.fail_share"))
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "rm01.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static const char *const giving_categories[] = {
  "information", "knowledge_advice", "training_capacity", "collaboration",
  "support_care", "peer_support", "service_delivery", "money_funding", NULL
};

/* A service received is not a return for a contribution (§3.7). */
static const char *const getting_categories[] = {
  "information", "knowledge_advice", "training_capacity", "collaboration",
  "support_care", "peer_support", "money_funding", "commissioning_contract",
  "recognition_payment", "representation_advocacy", NULL
};

static void
sm_rule_rm02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) all_what = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      g_autoptr(GString) what = g_string_new (NULL);
      gboolean   gives, gets = FALSE;
      SmTristate rec;

      if (!_sm_rules_is_c (ctx, i))
        continue;
      gives = _sm_rules_gives_category (ctx, i, giving_categories, what);
      for (guint k = ctx->gets_start[i]; k < ctx->gets_start[i + 1] && !gets; k++)
        if (_sm_eval_category_is (ctx->tie_category[ctx->gets[k]], getting_categories))
          gets = TRUE;
      rec = gives && !gets ? _sm_rules_recognised (ctx->people[i]) : SM_TRISTATE_FALSE;
      _sm_result_need (result, rec != SM_TRISTATE_UNKNOWN);
      if (rec == SM_TRISTATE_UNKNOWN)
        {
          _sm_result_gap (result, ctx->people[i], "remuneration");
          continue;
        }
      n++;
      if (gives && !gets && rec == SM_TRISTATE_FALSE)
        {
          g_autofree char *detail = g_strdup_printf (_ ("gives %s; nothing recorded coming back"), what->str);

          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, detail);
          if (all_what->len > 0 && strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, _ (", "));
          if (strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, what->str);
        }
    }

  if (n == 0)
    {
      _sm_result_insufficient (result, _ ("The map doesn’t say what people with lived experience get back "
                                          "for what they give."));
      return;
    }

  result->value = (double) names->len / n;
  _sm_result_set (result, "extractive", names->len);
  _sm_rules_var_names (result, "names", names);
  _sm_result_var (result, "what", all_what->str);
  _sm_result_var_number (result, "k", names->len, 0);
  _sm_result_var_number (result, "n", n, 0);
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "rm02.fail_share");

  if (names->len > 0 && result->value >= _sm_eval_cfg (ctx, "rm02.fail_share"))
    result->status = SM_RULE_FAIL;
  else if (names->len > 0)
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_rm03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) alone = g_ptr_array_new ();
  guint  peer = 0, external = 0, internal = 0;
  double ei;

  for (guint i = 0; i < ctx->n; i++)
    {
      GArray  *adj = g_ptr_array_index (ctx->adjacency, i);
      gboolean has_peer = FALSE;

      if (!_sm_rules_is_c (ctx, i))
        continue;
      for (guint a = 0; a < adj->len && !has_peer; a++)
        has_peer = _sm_rules_is_c (ctx, g_array_index (adj, guint, a));
      if (has_peer)
        peer++;
      else
        {
          g_ptr_array_add (alone, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("no link to another person with lived experience"));
        }
    }

  /* E-I by relationship records, not distinct pairs: §9's verified +0.56
   * (5/9) counts the 7 records between the community and others and the
   * 2 within it; §3.8's pair count (sm_graph_ei_index) gives 3/7. */
  for (guint t = 0; t < ctx->n_ties; t++)
    {
      gboolean a = _sm_rules_is_c (ctx, ctx->tie_source[t]), b = _sm_rules_is_c (ctx, ctx->tie_target[t]);

      if (g_strcmp0 (ctx->tie_category[t], "conflict_tension") == 0)
        continue;
      if (a && b)
        internal++;
      else if (a || b)
        external++;
    }
  ei = external + internal > 0 ? ((double) external - internal) / (external + internal) : NAN;

  result->value = (double) peer / ctx->n_community;
  _sm_result_set (result, "with_peer", peer);
  _sm_result_set (result, "ei_index", ei);
  _sm_result_var_number (result, "k", peer, 0);
  _sm_result_var_number (result, "n", ctx->n_community, 0);
  if (isnan (ei))
    _sm_result_var (result, "ei", _ ("no links"));
  else
    _sm_result_var_take (result, "ei", g_strdup_printf ("%+.2f", ei));
  _sm_rules_var_names (result, "names", alone);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "rm03.warn_share");

  if (peer == 0 && ctx->n_community >= _sm_eval_cfg (ctx, "rm03.min_n_fail"))
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "rm03.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_reciprocity[] = {
  { "RM-01", "P5",
    N_ ("Do relationships between professionals and people with lived experience run both ways?"),
    INPUTS ("relationships.direction", "relationships.reciprocity", "side"),
    THRESHOLDS ("rm01.warn_share", "rm01.fail_share"),
    sm_rule_rm01, FALSE, TRUE,
    NULL,
    NULL,
    NULL,
    NULL,
    N_ ("For each one-way link, ask what flows back and what could: feedback, shared learning, paid roles, "
        "support."),
    SOURCES ("S2", "S3", "S12", "S13", "S19"),
    .better = 1,
    .why = N_ ("nef defines co-production as an equal and reciprocal relationship; for SCIE, reciprocity "
               "means people receive something back for putting something in."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of links; the plural follows {n}. */
      PLURAL (PASS, "n", "{k} of {n} link between professionals and people with lived experience runs both ways.", "{k} of {n} links between professionals and people with lived experience run both ways."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "Only {k} of {n} link between professionals and people with lived experience runs both ways. Most "
                         "are one-way, such as services delivered or information given. (Worth a look below {warn_pct}%, a "
                         "judgement call you can change.)",
              "Only {k} of {n} links between professionals and people with lived experience run both ways. Most "
              "are one-way, such as services delivered or information given. (Worth a look below {warn_pct}%, a "
              "judgement call you can change.)"),
      /* Translators: as above. */
      PLURAL (FAIL, "n", "Only {k} of {n} link between professionals and people with lived experience runs both ways. Most "
                         "are one-way, such as services delivered or information given. (Needs attention below {fail_pct}%, a "
                         "judgement call you can change.)",
              "Only {k} of {n} links between professionals and people with lived experience run both ways. Most "
              "are one-way, such as services delivered or information given. (Needs attention below {fail_pct}%, a "
              "judgement call you can change.)")) },
  { "RM-02", "P5",
    N_ ("Does anyone with lived experience put in time, knowledge or care and get nothing back?"),
    INPUTS ("relationships.category", "remuneration"),
    THRESHOLDS ("rm02.fail_share"),
    sm_rule_rm02, FALSE, TRUE,
    N_ ("Everyone with lived experience who puts something in gets something back on this map."),
    N_ ("The map shows {names} contributing ({what}) but nothing coming back to them."),
    NULL,
    NULL,
    N_ ("Agree with each person what they would value in return (payment, skills, references, support, "
        "influence) and record it."),
    SOURCES ("S12", "S13", "S23"),
    .better = -1,
    .why = N_ ("People should receive something back for what they put in (SCIE), and co-production should "
               "bring benefits for all parties (Tower Hamlets Together)."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (FAIL, "n", "The map shows {names} contributing ({what}) but nothing coming back to them: {k} of {n} person with "
                         "lived experience (needs attention from {fail_pct}%, a judgement call you can change).",
              "The map shows {names} contributing ({what}) but nothing coming back to them: {k} of {n} people with "
              "lived experience (needs attention from {fail_pct}%, a judgement call you can change).")) },
  { "RM-03", "P5",
    N_ ("Are people with lived experience connected to each other, or only to professionals?"),
    INPUTS ("relationships", "side"),
    THRESHOLDS ("rm03.warn_share", "rm03.min_n_fail"),
    sm_rule_rm03, FALSE, TRUE,
    NULL,
    N_ ("Most people with lived experience are connected only to professionals (E-I {ei}; {k} of {n} have "
        "a peer link). There is little peer support on the map. (Worth a look below {warn_pct}%, a "
        "judgement call you can change.)"),
    NULL,
    NULL,
    N_ ("Create time and space for peer connection, such as peer-only sessions, buddying or a peer "
        "network. Link to community-run groups."),
    SOURCES ("S3", "S2", "S19"),
    .better = 1,
    .why = N_ ("Peer support networks are one of the elements of co-production (Boyle and Harris): people "
               "with lived experience support each other, not only through professionals."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (PASS, "n", "{k} of {n} person with lived experience is linked to a peer (E-I {ei}, where +1 would mean links "
                         "only to people outside the group).",
              "{k} of {n} people with lived experience are linked to a peer (E-I {ei}, where +1 would mean links "
              "only to people outside the group)."),
      /* Translators: {n} is a number of people. */
      PLURAL (FAIL, "n", "The {n} person with lived experience on this map is not linked to another (E-I {ei}). There is no "
                         "peer support on the map.",
              "None of the {n} people with lived experience on this map is linked to another (E-I {ei}). There is "
              "no peer support on the map.")) },
  { NULL }
};

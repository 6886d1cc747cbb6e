/* sm-rules-equality.c
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

/* The rules of principle P2, equality and partnership (principles.md §5):
 * high stake with low say, dependent stakeholders, hub-and-spoke networks,
 * whose knowledge counts. Each rule is one compute function and one row of
 * the table at the end of the file. */

/* P2 — Equality and partnership */

/* The two ends of a relationship as giver and receiver: a two-way
 * relationship runs both ways (§3.7). Calls back once or twice. */
typedef void (*FlowFunc) (guint    from,
                          guint    to,
                          guint    tie,
                          gpointer data);

static void
each_flow (SmEvalContext *ctx,
           guint          tie,
           FlowFunc       func,
           gpointer       data)
{
  func (ctx->tie_source[tie], ctx->tie_target[tie], tie, data);
  if (ctx->tie_two_way[tie])
    func (ctx->tie_target[tie], ctx->tie_source[tie], tie, data);
}

static void
sm_rule_ep01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint  hc = 0, k = 0;
  double share;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean known;

      if (!_sm_rules_is_c (ctx, i))
        {
          /* Reported: which professionals are key players or kept satisfied. */
          if (_sm_rules_is_i (ctx, i) && _sm_eval_high (ctx, ctx->influence[i]) && SM_IS_KNOWN (ctx->interest[i]))
            _sm_result_evidence_person (ctx, result, i,
                                        _sm_eval_high (ctx, ctx->interest[i]) ? _ ("key player (high influence, high interest)")
                                                                              : _ ("keep satisfied (high influence, lower interest)"));
          continue;
        }
      known = SM_IS_KNOWN (ctx->interest[i]) &&
              (!_sm_eval_high (ctx, ctx->interest[i]) || SM_IS_KNOWN (ctx->influence[i]));
      _sm_result_need (result, known);
      if (!known)
        {
          _sm_result_gap (result, ctx->people[i], SM_IS_KNOWN (ctx->interest[i]) ? "influence" : "interest");
          continue;
        }
      if (!_sm_eval_high (ctx, ctx->interest[i]))
        continue;
      hc++;
      if (!_sm_eval_high (ctx, ctx->influence[i]))
        {
          k++;
          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("keep informed: high interest, low influence"));
        }
    }

  if (hc == 0)
    {
      _sm_result_not_applicable (result, _ ("No one with lived experience is rated as having a high "
                                            "interest in this work."));
      return;
    }

  share = (double) k / hc;
  result->value = share;
  _sm_result_set (result, "high_interest", hc);
  _sm_result_set (result, "keep_informed", k);
  _sm_result_threshold (ctx, result, "high_cutoff");
  _sm_result_var_number (result, "n", hc, 0);
  _sm_result_var_number (result, "k", k, 0);
  _sm_rules_var_names (result, "names", names);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ep01.warn_share");
  _sm_result_var_number (result, "high", _sm_eval_cfg (ctx, "high_cutoff"), 0);

  if (share >= _sm_eval_cfg (ctx, "ep01.fail_share") && hc >= _sm_eval_cfg (ctx, "ep01.min_n"))
    result->status = SM_RULE_FAIL;
  else if (share >= _sm_eval_cfg (ctx, "ep01.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_ep02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  gboolean proxy_allowed = _sm_eval_cfg (ctx, "ep02.proxy_if_missing") != 0;
  g_autoptr(GPtrArray) alone = g_ptr_array_new ();
  g_autoptr(GPtrArray) borrowed = g_ptr_array_new ();
  gboolean proxy_used = FALSE;
  guint    dependent = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean legitimate, urgent, advocate = FALSE, route = FALSE;
      GArray  *adj;

      /* Quadratic on a big map (each dependent against every tie). */
      if ((i & 63) == 0 && _sm_eval_cancelled (ctx))
        return;
      if (!_sm_rules_is_c (ctx, i))
        continue;

      /* Proxy (§5 EP-02): everyone on the community side is there because
       * of lived experience (§3.7), which stands in for legitimacy;
       * interest stands in for urgency. */
      if (SM_IS_KNOWN (ctx->legitimacy[i]))
        legitimate = _sm_eval_high (ctx, ctx->legitimacy[i]);
      else if (proxy_allowed)
        {
          legitimate = TRUE;
          proxy_used = TRUE;
        }
      else
        {
          _sm_result_need (result, FALSE);
          _sm_result_gap (result, ctx->people[i], "legitimacy");
          continue;
        }
      if (SM_IS_KNOWN (ctx->urgency[i]))
        urgent = _sm_eval_high (ctx, ctx->urgency[i]);
      else if (proxy_allowed && SM_IS_KNOWN (ctx->interest[i]))
        {
          urgent = _sm_eval_high (ctx, ctx->interest[i]);
          proxy_used = TRUE;
        }
      else
        {
          _sm_result_need (result, FALSE);
          _sm_result_gap (result, ctx->people[i], "urgency");
          continue;
        }
      _sm_result_need (result, SM_IS_KNOWN (ctx->influence[i]));
      if (!SM_IS_KNOWN (ctx->influence[i]))
        {
          _sm_result_gap (result, ctx->people[i], "influence");
          continue;
        }
      if (!legitimate || !urgent || _sm_eval_high (ctx, ctx->influence[i]))
        continue;

      dependent++;
      for (guint k = ctx->gets_start[i]; k < ctx->gets_start[i + 1]; k++)
        {
          guint t = ctx->gets[k];
          guint other = ctx->tie_target[t] == i ? ctx->tie_source[t] : ctx->tie_target[t];

          if (g_strcmp0 (ctx->tie_category[t], "representation_advocacy") != 0)
            continue;
          if (_sm_eval_high (ctx, ctx->influence[other]))
            advocate = TRUE;
        }
      adj = g_ptr_array_index (ctx->adjacency, i);
      for (guint a = 0; a < adj->len; a++)
        if (_sm_eval_high (ctx, ctx->influence[g_array_index (adj, guint, a)]))
          route = TRUE;

      if (!advocate && !route)
        {
          g_ptr_array_add (alone, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("dependent: no advocate and no link to anyone with influence"));
        }
      else
        {
          g_ptr_array_add (borrowed, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, advocate ? _ ("dependent: has an advocate with influence") : _ ("dependent: linked to someone with influence"));
        }
    }

  result->value = dependent;
  _sm_result_set (result, "no_route", alone->len);
  _sm_result_threshold (ctx, result, "high_cutoff");
  _sm_rules_var_names (result, "names", alone->len > 0 ? alone : borrowed);
  _sm_result_var (result, "proxy", proxy_used ? _ (" (Legitimacy or urgency was not rated for some people, "
                                                   "so lived experience and interest stood in for them.)")
                                              : "");
  result->status = alone->len > 0 ? SM_RULE_FAIL : dependent > 0 ? SM_RULE_WARN
                                                                 : SM_RULE_PASS;
}

static void
sm_rule_ep03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) hubs = g_ptr_array_new ();
  const double *betweenness;
  gboolean      institutional_hub = FALSE;
  guint         d_max = 0;
  double        cd, b_max = 0, b_sum = 0;

  if (_sm_rules_graph_too_small (ctx, result))
    return;

  cd = sm_graph_degree_centralization (ctx->graph);
  for (guint i = 0; i < ctx->n; i++)
    d_max = MAX (d_max, ctx->degree[i]);
  for (guint i = 0; i < ctx->n; i++)
    if (ctx->degree[i] == d_max)
      {
        g_autofree char *detail =
          /* Translators: evidence next to a stakeholder; %u is how many
           * links the stakeholder has. */
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "hub: %u link", "hub: %u links", d_max), d_max);

        g_ptr_array_add (hubs, (char *) _sm_eval_person (ctx, i));
        _sm_result_evidence_person (ctx, result, i, detail);
        if (_sm_rules_is_i (ctx, i))
          institutional_hub = TRUE;
      }

  /* Secondary (§5 EP-03): Freeman betweenness centralisation on
   * normalised scores, Σ(b_max − b_i) / (n − 1). */
  betweenness = _sm_eval_betweenness (ctx);
  for (guint i = 0; i < ctx->n; i++)
    b_max = MAX (b_max, betweenness[i]);
  for (guint i = 0; i < ctx->n; i++)
    b_sum += b_max - betweenness[i];

  result->value = cd;
  _sm_result_set (result, "max_degree", d_max);
  _sm_result_set (result, "betweenness_centralization", ctx->n > 1 ? b_sum / (ctx->n - 1) : 0);
  _sm_rules_var_names (result, "hub", hubs);
  _sm_result_var_number (result, "cd", cd, 2);
  _sm_result_var_number (result, "warn", _sm_eval_cfg (ctx, "ep03.warn"), 1);
  _sm_result_var_number (result, "fail", _sm_eval_cfg (ctx, "ep03.fail"), 1);

  if (cd >= _sm_eval_cfg (ctx, "ep03.fail"))
    {
      result->status = institutional_hub ? SM_RULE_FAIL : SM_RULE_WARN;
      if (!institutional_hub)
        _sm_result_template (result, _ ("This map is shaped like a star around {hub}, a community "
                                        "connector who carries many of the links (centralisation {cd}). "
                                        "Check their load and the support they get."));
    }
  else if (cd >= _sm_eval_cfg (ctx, "ep03.warn"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static const char *const knowledge_categories[] = {
  "information", "knowledge_advice", "training_capacity", NULL
};

typedef struct
{
  SmEvalContext *ctx;
  SmRuleResult  *result;
  guint          c_to_i;
  guint          i_to_c;
} KnowledgeFlows;

static void
count_knowledge_flow (guint    from,
                      guint    to,
                      guint    tie,
                      gpointer data)
{
  KnowledgeFlows *k = data;

  if (_sm_rules_is_c (k->ctx, from) && _sm_rules_is_i (k->ctx, to))
    {
      g_autofree char *label = _sm_rules_tie_label (k->ctx, tie);

      k->c_to_i++;
      _sm_result_evidence (k->result, "relationship", _sm_rules_tie_id (k->ctx, tie), label);
    }
  else if (_sm_rules_is_i (k->ctx, from) && _sm_rules_is_c (k->ctx, to))
    k->i_to_c++;
}

static void
sm_rule_ep04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  KnowledgeFlows flows = { ctx, result, 0, 0 };
  guint          total;

  for (guint t = 0; t < ctx->n_ties; t++)
    if (_sm_eval_category_is (ctx->tie_category[t], knowledge_categories))
      each_flow (ctx, t, count_knowledge_flow, &flows);

  total = flows.c_to_i + flows.i_to_c;
  if (total < _sm_eval_cfg (ctx, "ep04.min_flows"))
    {
      g_autofree char *message =
        /* Translators: %u is how many flows the map shows (the plural
         * follows it), %.0f how many this check needs. */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The map shows %u knowledge or information flow between professionals and "
                                      "people with lived experience; this check needs at least %.0f (a judgement "
                                      "call you can change).",
                                      "The map shows %u knowledge or information flows between professionals and "
                                      "people with lived experience; this check needs at least %.0f (a judgement "
                                      "call you can change).",
                                      total),
                         total, _sm_eval_cfg (ctx, "ep04.min_flows"));
      _sm_result_not_applicable (result, message);
      return;
    }

  result->value = (double) flows.c_to_i / total;
  _sm_result_set (result, "community_to_institutional", flows.c_to_i);
  _sm_result_set (result, "institutional_to_community", flows.i_to_c);
  _sm_result_var_number (result, "n", total, 0);
  _sm_result_var_number (result, "k", flows.c_to_i, 0);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ep04.warn_share");

  if (flows.c_to_i == 0)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ep04.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_equality[] = {
  { "EP-01", "P2",
    N_ ("Are the people who care most, and are most affected, among the key players?"),
    INPUTS ("interest", "influence", "side"),
    THRESHOLDS ("ep01.warn_share", "ep01.fail_share", "ep01.min_n"),
    sm_rule_ep01, FALSE, TRUE,
    N_ ("Most people with lived experience who care most about this are also among the key players ({k} "
        "of {n} are in ‘keep informed’)."),
    NULL,
    NULL,
    NULL,
    N_ ("For each of them, name one thing that would move them into ‘key player’: a decision right, a "
        "seat, budget control, or information they don’t currently get."),
    SOURCES ("S8", "S12", "S2"),
    .better = -1,
    .why = N_ ("The people most affected often care most and have least say. SCIE: equality can only be "
               "achieved with a shift in power."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (WARN, "n", "{k} of {n} person with lived experience who cares most about this ({names}) sits in the ‘keep "
                         "informed’ corner of the power–interest grid: high stake, low say. (Worth a look from {warn_pct}%; "
                         "‘high’ means {high} or more out of 10. Both are judgement calls you can change.)",
              "{k} of {n} people with lived experience who care most about this ({names}) sit in the ‘keep "
              "informed’ corner of the power–interest grid: high stake, low say. (Worth a look from {warn_pct}%; "
              "‘high’ means {high} or more out of 10. Both are judgement calls you can change.)"),
      /* Translators: {n} is a number of people. */
      PLURAL (FAIL, "n", "The {n} person with lived experience who cares most about this ({names}) sits in the ‘keep "
                         "informed’ corner of the power–interest grid: high stake, low say.",
              "All {n} people with lived experience who care most about this ({names}) sit in the ‘keep informed’ "
              "corner of the power–interest grid: high stake, low say.")) },
  { "EP-02", "P2",
    N_ ("Are there people whose claim is legitimate and urgent but who have no power, and no one holding "
        "power on their side?"),
    INPUTS ("legitimacy", "urgency", "influence", "relationships"),
    THRESHOLDS ("ep02.proxy_if_missing"),
    sm_rule_ep02, FALSE, TRUE,
    N_ ("No one with lived experience on this map has a legitimate, urgent stake with little influence "
        "and no one on their side."),
    N_ ("The map shows a legitimate and urgent stake but little influence of their own for {names} "
        "(‘dependent’ stakeholders). Each has a link to someone with influence, so their power is "
        "borrowed, not held.{proxy}"),
    N_ ("The map shows a legitimate and urgent stake but little influence, and no link to anyone who has "
        "influence, for {names}. In stakeholder terms they are ‘dependent’: they rely on others to act for "
        "them, and here no one is.{proxy}"),
    NULL,
    N_ ("Build a direct link to a decision-holder (a regular meeting, or membership of the decision "
        "space). As an interim step, agree an accountable advocate, and make plain that the aim is for "
        "them to hold power directly."),
    SOURCES ("S9", "S13"),
    .better = -1,
    .why = N_ ("Mitchell, Agle and Wood call people with a legitimate, urgent claim but no power "
               "“dependent”: they rely on others to use power on their behalf. If no one does, their claim "
               "goes unheard.") },
  { "EP-03", "P2",
    N_ ("Does everything run through one hub, or is it a partnership of many connections?"),
    INPUTS ("relationships"),
    THRESHOLDS ("ep03.warn", "ep03.fail"),
    sm_rule_ep03, FALSE, FALSE,
    N_ ("Links on this map are spread out rather than running through one hub (centralisation {cd}; most "
        "connected: {hub})."),
    N_ ("Many links on this map run through {hub} (centralisation {cd}; worth a look from {warn}, a "
        "judgement call you can change)."),
    N_ ("This map is shaped like a star around {hub}: most people are connected only through them "
        "(centralisation {cd}; needs attention from {fail}, a judgement call you can change)."),
    NULL,
    N_ ("Create direct links between other partners, for example a shared group, joint tasks or peer "
        "contact. This way the partnership doesn’t depend on one person."),
    SOURCES ("S19", "S10", "S3"),
    .better = -1,
    .reads_betweenness = TRUE,
    .why = N_ ("Net-Map asks whether a network is centralised or spread out. When everything runs through "
               "one hub, the partnership depends on one person’s time and goodwill.") },
  { "EP-04", "P2",
    N_ ("Does knowledge flow from people with lived experience to professionals, or only the other way?"),
    INPUTS ("relationships.category", "relationships.direction", "side"),
    THRESHOLDS ("ep04.warn_share", "ep04.min_flows"),
    sm_rule_ep04, FALSE, TRUE,
    NULL,
    NULL,
    NULL,
    NULL,
    N_ ("Record, and create, routes for lived-experience knowledge to reach professionals: co-analysis "
        "sessions, lived-experience briefings to the board, co-authored outputs."),
    SOURCES ("S13", "S1", "S5", "S16"),
    .better = 1,
    .why = N_ ("Co-production respects and values the knowledge of all (INVOLVE). Professionals’ prior "
               "status should not decide whose knowledge counts (Durose et al.)."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of flows; the plural follows {n}. */
      PLURAL (PASS, "n", "Knowledge flows both ways: {k} of {n} knowledge and information flow between professionals and "
                         "people with lived experience goes from people with lived experience to professionals.",
              "Knowledge flows both ways: {k} of {n} knowledge and information flows between professionals and "
              "people with lived experience go from people with lived experience to professionals."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "Of {n} knowledge and information flow between professionals and people with lived experience, only "
                         "{k} goes from people with lived experience to professionals. The map looks like ‘educating’ and "
                         "‘informing’ rather than exchange. (Worth a look below {warn_pct}%, a judgement call you can change.)",
              "Of {n} knowledge and information flows between professionals and people with lived experience, only "
              "{k} go from people with lived experience to professionals. The map looks like ‘educating’ and "
              "‘informing’ rather than exchange. (Worth a look below {warn_pct}%, a judgement call you can change.)"),
      /* Translators: {n} is a number of flows. */
      PLURAL (FAIL, "n", "The {n} knowledge and information flow between professionals and people with lived experience does "
                         "not go from people with lived experience to professionals. The map looks like ‘educating’ and "
                         "‘informing’ rather than exchange.",
              "None of the {n} knowledge and information flows between professionals and people with lived "
              "experience goes from people with lived experience to professionals. The map looks like ‘educating’ "
              "and ‘informing’ rather than exchange.")) },
  { NULL }
};

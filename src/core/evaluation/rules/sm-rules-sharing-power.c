/* sm-rules-sharing-power.c
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

/* The rules of principle P1, sharing power (principles.md §5): who has
 * influence, who decides, and whether the label “co-production” matches the
 * practice. Each rule is one compute function and one row of the table at
 * the end of the file. */

/* P1 — Sharing power */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1
                            : 0;
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return NAN;
  g_array_sort (values, compare_double);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

typedef struct
{
  SmEvalContext *ctx;
  gboolean       ascending;
} OrderByInfluence;

static int
compare_influence (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  OrderByInfluence *o = data;
  double            x = o->ctx->influence[*(const guint *) a];
  double            y = o->ctx->influence[*(const guint *) b];

  if (x == y)
    return (int) *(const guint *) a - (int) *(const guint *) b;
  return (x < y) == o->ascending ? -1 : 1;
}

static void
sm_rule_sp01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GArray) vi = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) vc = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ni = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) nc = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  double           si = 0, sc = 0, mi, mc, ratio, gap;
  OrderByInfluence order = { ctx, FALSE };

  /* Gate G0 (§4): one clear message instead of twenty. */
  if (ctx->n_community == 0)
    {
      result->status = SM_RULE_FAIL;
      _sm_result_template (result, _ ("No one on this map is here because of lived experience of the "
                                      "issue. Co-production starts with the people affected (S1, S2)."));
      return;
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      if (!_sm_rules_is_c (ctx, i) && !_sm_rules_is_i (ctx, i))
        continue;
      _sm_result_need (result, SM_IS_KNOWN (ctx->influence[i]));
      if (!SM_IS_KNOWN (ctx->influence[i]))
        {
          _sm_result_gap (result, ctx->people[i], "influence");
          continue;
        }
      if (_sm_rules_is_c (ctx, i))
        {
          sc += ctx->influence[i];
          g_array_append_val (vc, ctx->influence[i]);
          g_array_append_val (nc, i);
        }
      else
        {
          si += ctx->influence[i];
          g_array_append_val (vi, ctx->influence[i]);
          g_array_append_val (ni, i);
        }
    }

  if (ctx->n_institutional == 0)
    {
      _sm_result_not_applicable (result, _ ("There are no professionals or organisations on this map "
                                            "to compare influence with."));
      return;
    }
  if (vc->len == 0 || vi->len == 0)
    {
      _sm_result_insufficient (result, _ ("Influence is not rated for one of the two sides yet, so they "
                                          "can’t be compared. Rate influence together for everyone on "
                                          "the map."));
      return;
    }

  mi = si / vi->len;
  mc = sc / vc->len;
  ratio = mi / MAX (mc, _sm_eval_cfg (ctx, "sp01.floor"));
  gap = mi - mc;

  result->value = ratio;
  _sm_result_set (result, "mean_institutional", mi);
  _sm_result_set (result, "mean_community", mc);
  _sm_result_set (result, "gap", gap);
  _sm_result_set (result, "median_institutional", median (vi));
  _sm_result_set (result, "median_community", median (vc));
  _sm_result_set (result, "n_institutional", ni->len);
  _sm_result_set (result, "n_community", nc->len);

  g_array_sort_with_data (ni, compare_influence, &order);
  order.ascending = TRUE;
  g_array_sort_with_data (nc, compare_influence, &order);
  for (guint k = 0; k < MIN (3, ni->len); k++)
    {
      guint            i = g_array_index (ni, guint, k);
      g_autofree char *detail = g_strdup_printf (_ ("influence %g, among the highest of professionals"),
                                                 ctx->influence[i]);

      g_ptr_array_add (top, (char *) _sm_eval_person (ctx, i));
      _sm_result_evidence_person (ctx, result, i, detail);
    }
  for (guint k = 0; k < MIN (3, nc->len); k++)
    {
      guint            i = g_array_index (nc, guint, k);
      g_autofree char *detail = g_strdup_printf (_ ("influence %g, among the lowest of people with lived experience"),
                                                 ctx->influence[i]);

      _sm_result_evidence_person (ctx, result, i, detail);
    }

  _sm_result_var_number (result, "ratio", ratio, 2);
  _sm_result_var_number (result, "mI", mi, 1);
  _sm_result_var_number (result, "mC", mc, 1);
  _sm_result_var_number (result, "gap", gap, 1);
  _sm_rules_var_names (result, "top_I", top);
  _sm_result_var_number (result, "fail_ratio", _sm_eval_cfg (ctx, "sp01.fail_ratio"), 1);
  _sm_result_var_number (result, "fail_gap", _sm_eval_cfg (ctx, "sp01.fail_gap"), 1);
  _sm_result_var_number (result, "warn_ratio", _sm_eval_cfg (ctx, "sp01.warn_ratio"), 1);
  _sm_result_var_number (result, "warn_gap", _sm_eval_cfg (ctx, "sp01.warn_gap"), 1);

  if (ratio > _sm_eval_cfg (ctx, "sp01.fail_ratio") && gap >= _sm_eval_cfg (ctx, "sp01.fail_gap"))
    result->status = SM_RULE_FAIL;
  else if (ratio > _sm_eval_cfg (ctx, "sp01.warn_ratio") && gap >= _sm_eval_cfg (ctx, "sp01.warn_gap"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_sp02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  g_autoptr(GPtrArray) shared_titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) other_titles = g_ptr_array_new_with_free_func (g_free);
  guint n = 0, shared = 0, with_input = 0;

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) by = _sm_rules_refs_of (ctx, decision, "decided_by");
      g_autoptr(GArray) input = NULL;
      const char *status = sm_record_get_enum (decision, "status");

      if (by->len == 0)
        {
          /* An open decision with no one named is not yet a decision; a
           * made one without names is a gap, not "not shared". */
          if (g_strcmp0 (status, "open") != 0)
            {
              _sm_result_need (result, FALSE);
              _sm_result_gap (result, decision, "decided_by");
            }
          continue;
        }
      _sm_result_need (result, TRUE);
      n++;
      if (_sm_rules_any_community (ctx, by))
        {
          shared++;
          g_ptr_array_add (shared_titles, g_strdup_printf (_ ("“%s”"), sm_record_get_label (decision)));
          _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                               _ ("decided with people with lived experience"));
          continue;
        }
      g_ptr_array_add (other_titles, g_strdup_printf (_ ("“%s”"), sm_record_get_label (decision)));
      input = _sm_rules_refs_of (ctx, decision, "input_from");
      if (_sm_rules_any_community (ctx, input))
        with_input++;
      _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                           _sm_rules_any_community (ctx, input) ? _ ("people with lived experience gave input; others decided")
                                                                : _ ("decided without people with lived experience"));
    }

  if (n == 0)
    {
      if (sm_collection_get_size (decisions) == 0)
        _sm_result_not_applicable (result, _ ("The map records no decisions yet. Record the decisions "
                                              "this work involves, and who makes them."));
      else
        _sm_result_insufficient (result, _ ("The map doesn’t say who made its decisions. Record who "
                                            "decided each one."));
      return;
    }

  result->value = (double) shared / n;
  _sm_result_set (result, "decisions", n);
  _sm_result_set (result, "shared", shared);
  _sm_result_var_number (result, "n", n, 0);
  _sm_result_var_number (result, "shared", shared, 0);
  _sm_result_var_number (result, "k", with_input, 0);
  _sm_rules_var_names (result, "shared_titles", shared_titles);
  _sm_rules_var_names (result, "other_titles", other_titles);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "sp02.warn_share");

  if (shared == 0)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "sp02.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_sp03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *spaces = sm_map_get_collection (ctx->map, SM_RECORD_SPACE);
  gboolean      with_recommend = _sm_eval_cfg (ctx, "sp03.include_recommend") != 0;
  double        min_share = _sm_eval_cfg (ctx, "sp03.min_share");
  SmRuleStatus  worst = SM_RULE_PASS;
  SmRecord     *worst_space = NULL;
  guint         worst_seats = 0, worst_voting = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double lowest = NAN;
  guint  n_spaces = 0, n_assessed = 0;

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord    *space = sm_collection_get (spaces, s);
      JsonArray   *members = _sm_rules_get_array (space, "members");
      guint        voting = 0, seats = 0;
      SmRuleStatus status;
      double       share;

      if (!_sm_rules_is_deciding_space (ctx, space, with_recommend))
        continue;
      n_spaces++;
      g_ptr_array_add (names, (char *) sm_record_get_label (space));

      for (guint m = 0; members != NULL && m < json_array_get_length (members); m++)
        {
          JsonNode   *node = json_array_get_element (members, m);
          JsonObject *member;
          SmTristate  votes;
          guint       k;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          member = json_node_get_object (node);
          k = _sm_eval_lookup (ctx, json_object_get_string_member_with_default (member, "stakeholder", NULL));
          if (k == 0)
            continue;
          k--;
          votes = _sm_rules_member_votes (member);
          _sm_result_need (result, votes != SM_TRISTATE_UNKNOWN);
          if (votes == SM_TRISTATE_UNKNOWN)
            {
              g_autofree char *path = g_strdup_printf ("members[%u].role", m);

              _sm_result_gap (result, space, path);
              continue;
            }
          if (!votes)
            continue;
          voting++;
          if (_sm_rules_is_c (ctx, k))
            {
              seats++;
              /* Arnstein's placation: hand-picked, answerable to no one. */
              if (g_strcmp0 (json_object_get_string_member_with_default (member, "selection", NULL),
                             "invited_by_convener") == 0 &&
                  sm_record_get_boolean (ctx->people[k], "accountable_to_constituency") == SM_TRISTATE_FALSE)
                _sm_result_evidence_person (ctx, result, k,
                                            _ ("holds a seat chosen by the convener and is not accountable to a "
                                               "constituency (Arnstein: placation)"));
            }
        }

      if (voting == 0)
        continue;
      n_assessed++;
      share = (double) seats / voting;
      status = seats == 0 ? SM_RULE_FAIL : share < min_share ? SM_RULE_WARN
                                                             : SM_RULE_PASS;
      {
        g_autofree char *seats_text =
          /* Translators: a piece of "%u of %s held by people with lived
           * experience%s" below; %u is how many voting seats a space has. */
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u voting seat", "%u voting seats", voting), voting);
        g_autofree char *detail =
          /* Translators: %u is how many seats people with lived experience
           * hold (the plural follows it), the first %s how many voting
           * seats there are ("5 voting seats"), the second %s empty or
           * " (parity)" or " (majority: Arnstein’s delegated power)". */
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %s held by people with lived experience%s",
                                        "%u of %s held by people with lived experience%s", seats),
                           seats, seats_text,
                           share > 0.5    ? _ (" (majority: Arnstein’s delegated power)")
                           : share >= 0.5 ? _ (" (parity)")
                                          : "");
        _sm_result_evidence (result, "space", sm_record_get_id (space), detail);
      }
      if (isnan (lowest) || share < lowest)
        lowest = share;
      if (worst_space == NULL || status > worst ||
          (status == worst && share < (double) worst_seats / worst_voting))
        {
          worst = status;
          worst_space = space;
          worst_seats = seats;
          worst_voting = voting;
        }
    }

  if (n_spaces == 0)
    {
      _sm_result_not_applicable (result, _ ("No space on this map is recorded as taking decisions (with "
                                            "the right to decide or veto)."));
      return;
    }
  if (n_assessed == 0)
    {
      _sm_result_insufficient (result, _ ("The map doesn’t say who votes in the spaces where decisions "
                                          "are taken. Record each member’s role."));
      return;
    }

  result->value = lowest;
  result->status = worst;
  _sm_result_set (result, "spaces", n_assessed);
  _sm_result_var (result, "space", sm_record_get_label (worst_space));
  /* One whole sentence per kind of space, for the translators. */
  if (worst == SM_RULE_FAIL && g_strcmp0 (sm_record_get_enum (worst_space, "decision_rights"), "veto") == 0)
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: {space} is a space's name, {n_voting} a
                                               * number of voting members (the plural follows it),
                                               * {closed_note} empty or a sentence of its own. */
                                              "{space} holds a veto, but its {n_voting} voting member is not "
                                              "there because of lived experience.{closed_note}",
                                              "{space} holds a veto, but none of its {n_voting} voting members "
                                              "is there because of lived experience.{closed_note}",
                                              worst_voting));
  else if (worst == SM_RULE_FAIL && g_strcmp0 (sm_record_get_enum (worst_space, "decision_rights"), "recommend") == 0)
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: as above. */
                                              "{space} makes recommendations, but its {n_voting} voting member "
                                              "is not there because of lived experience.{closed_note}",
                                              "{space} makes recommendations, but none of its {n_voting} voting "
                                              "members is there because of lived experience.{closed_note}",
                                              worst_voting));
  else if (worst == SM_RULE_FAIL)
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: as above. */
                                              "{space} takes decisions, but its {n_voting} voting member is not "
                                              "there because of lived experience.{closed_note}",
                                              "{space} takes decisions, but none of its {n_voting} voting members "
                                              "is there because of lived experience.{closed_note}",
                                              worst_voting));
  _sm_result_var_number (result, "seats", worst_seats, 0);
  _sm_result_var_number (result, "n_voting", worst_voting, 0);
  _sm_rules_var_pct (result, "pct", (double) worst_seats / worst_voting);
  _sm_rules_var_threshold_pct (ctx, result, "min_pct", "sp03.min_share");
  _sm_rules_var_names (result, "spaces", names);
  _sm_result_var (result, "closed_note",
                  g_strcmp0 (sm_record_get_enum (worst_space, "type"), "closed") == 0
                    ? _ (" It is a closed space: decisions there are made behind closed doors.")
                    : "");
}

static void
sm_rule_sp04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmRecord *meta = sm_map_get_metadata (ctx->map);
  double    claimed = sm_record_get_score (meta, "claimed_approach");
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) coerced = g_ptr_array_new ();
  double m, gap;

  if (!SM_IS_KNOWN (claimed))
    {
      _sm_result_gap (result, NULL, "claimed_approach");
      _sm_result_insufficient (result, _ ("The map doesn’t say how the project describes itself (its "
                                          "claimed approach), so the label can’t be compared with the "
                                          "practice."));
      return;
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      if (!_sm_rules_is_c (ctx, i))
        continue;
      _sm_result_need (result, SM_IS_KNOWN (ctx->level[i]));
      if (!SM_IS_KNOWN (ctx->level[i]))
        {
          _sm_result_gap (result, ctx->people[i], "participation_level");
          continue;
        }
      if (ctx->level[i] < 1)
        continue;
      g_array_append_val (levels, ctx->level[i]);
      if (ctx->level[i] < 2)
        {
          g_ptr_array_add (coerced, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("at ‘coercion’ on the ladder"));
        }
    }

  if (levels->len == 0)
    {
      _sm_result_insufficient (result, _ ("The map doesn’t record how people with lived experience take "
                                          "part (their participation level)."));
      return;
    }

  /* Ordinal data: the lower (or, if set, upper) middle value. */
  g_array_sort (levels, compare_double);
  m = g_array_index (levels, double,
                     _sm_eval_cfg (ctx, "sp04.median") != 0 ? levels->len / 2 : (levels->len - 1) / 2);
  gap = claimed - m;

  result->value = gap;
  _sm_result_set (result, "claimed", claimed);
  _sm_result_set (result, "median_community", m);
  _sm_result_set (result, "coercion", coerced->len);
  _sm_result_var (result, "claimed", _sm_ladder_label (claimed));
  _sm_result_var (result, "m_label", _sm_ladder_label (m));
  _sm_result_var_number (result, "gap", gap, 0);
  _sm_result_var_number (result, "fail_gap", _sm_eval_cfg (ctx, "sp04.fail_gap"), 0);
  if (coerced->len > 0)
    {
      g_autofree char *names = _sm_names_join (coerced);

      _sm_result_var_take (result, "coercion_note",
                           g_strdup_printf (_ (" The map places %s at ‘coercion’, the one step the "
                                               "ladder says has no place in this work."),
                                            names));
    }
  else
    _sm_result_var (result, "coercion_note", "");

  if (gap >= _sm_eval_cfg (ctx, "sp04.fail_gap") || coerced->len > 0)
    result->status = SM_RULE_FAIL;
  else if (gap >= _sm_eval_cfg (ctx, "sp04.warn_gap"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_sharing_power[] = {
  { "SP-01", "P1",
    N_ ("Do people with lived experience have comparable influence to professionals and organisations?"),
    INPUTS ("influence", "side"),
    THRESHOLDS ("sp01.warn_ratio", "sp01.fail_ratio", "sp01.warn_gap", "sp01.fail_gap", "sp01.floor"),
    sm_rule_sp01, FALSE, FALSE,
    N_ ("People with lived experience and professionals have comparable influence on this map ({mC} vs "
        "{mI} out of 10)."),
    N_ ("On this map, professionals and organisations have on average {ratio}× the influence of people "
        "with lived experience ({mI} vs {mC} out of 10). Most influence sits with {top_I}. (Worth a look "
        "above {warn_ratio}× with a gap of {warn_gap} points: judgement calls you can change.)"),
    N_ ("On this map, professionals and organisations have on average {ratio}× the influence of people "
        "with lived experience ({mI} vs {mC} out of 10). Most influence sits with {top_I}. (Needs "
        "attention above {fail_ratio}× with a gap of {fail_gap} points: judgement calls you can change.)"),
    NULL,
    N_ ("Agree which decisions people with lived experience will make or co-sign: co-chairing, voting "
        "seats, a devolved budget, or a veto on named items. Then re-rate influence together, not just by "
        "the facilitator."),
    SOURCES ("S2", "S6", "S1", "S12", "S10"),
    .better = -1,
    .why = N_ ("Co-production means professionals and citizens sharing power (Critical Friends). Arnstein "
               "showed that taking part without any share of power is empty and frustrating for those who "
               "have none.") },
  { "SP-02", "P1",
    N_ ("Are any real decisions made with people with lived experience, not just after hearing from them?"),
    INPUTS ("decisions.decided_by", "decisions.status"),
    THRESHOLDS ("sp02.warn_share"),
    sm_rule_sp02, FALSE, TRUE,
    NULL,
    NULL,
    NULL,
    NULL,
    N_ ("Pick at least one decision that is genuinely open and agree how it will be decided jointly (for "
        "example co-signed, consensus, or a vote with parity). Record it on the map."),
    SOURCES ("S2", "S5", "S11", "S13"),
    .better = 1,
    .why = N_ ("The published definitions of co-production rest on sharing decisions, not only hearing "
               "views: the top of the TLAP ladder is “sharing decision-making”."),
    .plurals = PLURALS (
      /* Translators: {shared} and {n} are numbers of decisions; the plural follows {n}. */
      PLURAL (PASS, "n", "{shared} of {n} decision on this map was made with people with lived experience ({shared_titles}).", "{shared} of {n} decisions on this map were made with people with lived experience ({shared_titles})."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "{shared} of {n} decision on this map was made with people with lived experience ({shared_titles}). "
                         "The others ({other_titles}) were decided without them. (Worth a look below {warn_pct}%, a judgement "
                         "call you can change.)",
              "{shared} of {n} decisions on this map were made with people with lived experience "
              "({shared_titles}). The others ({other_titles}) were decided without them. (Worth a look below "
              "{warn_pct}%, a judgement call you can change.)"),
      /* Translators: {n} is a number of decisions (the plural follows it), {k} how many of them people gave input to. */
      PLURAL (FAIL, "n", "The {n} decision on this map was not made with people with lived experience. They gave input to {k} "
                         "of them, but others decided.",
              "None of the {n} decisions on this map was made with people with lived experience. They gave input "
              "to {k} of them, but others decided.")) },
  { "SP-03", "P1",
    N_ ("Where decisions are taken, do people with lived experience hold more than a token seat?"),
    INPUTS ("spaces.decision_rights", "spaces.members.role", "spaces.members.selection", "side"),
    THRESHOLDS ("sp03.min_share", "sp03.include_recommend"),
    sm_rule_sp03, FALSE, TRUE,
    N_ ("Where decisions are taken ({spaces}), people with lived experience hold at least a third of the "
        "voting seats."),
    NULL,
    NULL,
    NULL,
    N_ ("Open a seat, preferably two so no one is alone, for people chosen by their peers, with papers, "
        "briefing and payment. Alternatively, move the decision into a space where they already sit."),
    SOURCES ("S6", "S6b", "S7"),
    .better = 1,
    .why = N_ ("Where a decision is taken shapes who can influence it (Gaventa’s closed, invited and claimed "
               "spaces). A few hand-picked seats on a board that others still control is what Arnstein "
               "called placation."),
    .plurals = PLURALS (
      /* Translators: {seats} and {n_voting} are numbers of seats; the plural follows {n_voting}. */
      PLURAL (WARN, "n_voting", "In {space}, people with lived experience hold {seats} of {n_voting} voting seat ({pct}%), less than "
                                "a third. A lone seat can be a token seat (Arnstein’s ‘placation’). (Your threshold: {min_pct}%, "
                                "from a historical precedent; you can change it.)",
              "In {space}, people with lived experience hold {seats} of {n_voting} voting seats ({pct}%), less "
              "than a third. A lone seat can be a token seat (Arnstein’s ‘placation’). (Your threshold: "
              "{min_pct}%, from a historical precedent; you can change it.)")
      /* FAIL: one sentence per kind of space, in sm_rule_sp03 */) },
  { "SP-04", "P1",
    N_ ("If the project calls itself co-production (or co-design), does the participation of people with "
        "lived experience match that?"),
    INPUTS ("claimed_approach", "participation_level"),
    THRESHOLDS ("sp04.warn_gap", "sp04.fail_gap", "sp04.median"),
    sm_rule_sp04, FALSE, TRUE,
    N_ ("This project calls itself ‘{claimed}’, and the typical person with lived experience on this map "
        "takes part at ‘{m_label}’. The label matches the practice."),
    NULL,
    NULL,
    NULL,
    N_ ("Either describe the work honestly (‘engagement’ or ‘co-design’ are legitimate), or change the "
        "practice so people move up the ladder: share decisions, involve them in delivery."),
    SOURCES ("S5", "S1", "S17", "S4"),
    .better = -1,
    .why = N_ ("Calling something co-production when power is not shared misuses the label and costs trust "
               "(Williams et al.). Every step of the TLAP ladder but coercion can play a role; the name "
               "should say which step this is."),
    .plurals = PLURALS (
      /* Translators: {gap} is a number of steps on the ladder. */
      PLURAL (WARN, "gap", "This project calls itself ‘{claimed}’, but half of the people with lived experience on this map are "
                           "at ‘{m_label}’ or below on the ladder of co-production, {gap} step short.{coercion_note}",
              "This project calls itself ‘{claimed}’, but half of the people with lived experience on this map are "
              "at ‘{m_label}’ or below on the ladder of co-production, {gap} steps short.{coercion_note}"),
      /* Translators: as above; {fail_gap} is a number of steps too. */
      PLURAL (FAIL, "gap", "This project calls itself ‘{claimed}’, but half of the people with lived experience on this map are "
                           "at ‘{m_label}’ or below on the ladder of co-production ({gap} step short; your threshold is "
                           "{fail_gap}, which you can change).{coercion_note}",
              "This project calls itself ‘{claimed}’, but half of the people with lived experience on this map are "
              "at ‘{m_label}’ or below on the ladder of co-production ({gap} steps short; your threshold is "
              "{fail_gap}, which you can change).{coercion_note}")) },
  { NULL }
};

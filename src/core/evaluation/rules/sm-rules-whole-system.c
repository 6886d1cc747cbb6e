/* sm-rules-whole-system.c
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

/* The rules of principle P3, changing the whole system (principles.md §5):
 * links to decision-holders, planning and delivery, invited spaces,
 * producing roles. Each rule is one compute function and one row of the
 * table at the end of the file. */

/* P3 — Changing the way the whole system works */

static const char *const stage_words[] = {
  N_ ("commissioning"),
  N_ ("design"),
  N_ ("delivery"),
  N_ ("assessment"),
};

static void
sm_rule_ws01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  double          min_level = _sm_eval_cfg (ctx, "ws01.champion_min_level");
  g_autofree int *dist = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GPtrArray) champions = g_ptr_array_new ();
  g_autoptr(GPtrArray) low = g_ptr_array_new ();
  gboolean unknown_level = FALSE;
  int      d_min = -1;

  for (guint i = 0; i < ctx->n; i++)
    if (_sm_rules_is_i (ctx, i))
      {
        _sm_result_need (result, SM_IS_KNOWN (ctx->influence[i]));
        if (!SM_IS_KNOWN (ctx->influence[i]))
          _sm_result_gap (result, ctx->people[i], "influence");
      }

  if (ctx->n_decision_holders == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_ ("The map doesn’t show who holds the budget or final decisions: no "
                            "professional has influence of %.0f or more and no commissioning decision "
                            "names who made it."),
                         _sm_eval_cfg (ctx, "ws01.dh_cut"));
      _sm_result_not_applicable (result, message);
      return;
    }
  _sm_rules_list_decision_holders (ctx, result);

  /* Breadth-first from everyone with lived experience at once. */
  dist = g_new (int, MAX (ctx->n, 1));
  queue = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ctx->n; i++)
    {
      dist[i] = _sm_rules_is_c (ctx, i) ? 0 : -1;
      if (_sm_rules_is_c (ctx, i))
        g_array_append_val (queue, i);
    }
  for (guint q = 0; q < queue->len; q++)
    {
      guint   u = g_array_index (queue, guint, q);
      GArray *adj = g_ptr_array_index (ctx->adjacency, u);

      for (guint a = 0; a < adj->len; a++)
        {
          guint v = g_array_index (adj, guint, a);

          if (dist[v] < 0)
            {
              dist[v] = dist[u] + 1;
              g_array_append_val (queue, v);
            }
        }
    }

  for (guint h = 0; h < ctx->n; h++)
    {
      GArray  *adj;
      gboolean next_to_c = FALSE;

      if (!ctx->decision_holder[h] || dist[h] < 0)
        continue;
      if (d_min < 0 || dist[h] < d_min)
        d_min = dist[h];
      adj = g_ptr_array_index (ctx->adjacency, h);
      for (guint a = 0; a < adj->len; a++)
        if (_sm_rules_is_c (ctx, g_array_index (adj, guint, a)))
          next_to_c = TRUE;
      if (!next_to_c)
        continue;
      if (!SM_IS_KNOWN (ctx->level[h]))
        {
          unknown_level = TRUE;
          _sm_result_gap (result, ctx->people[h], "participation_level");
        }
      else if (ctx->level[h] >= min_level)
        {
          if (champions->len == 0)
            _sm_result_var (result, "champion_level", _sm_ladder_label (ctx->level[h]));
          g_ptr_array_add (champions, (char *) _sm_eval_person (ctx, h));
          _sm_result_evidence_person (ctx, result, h, _ ("holds decision power and works directly with people with lived experience"));
        }
      else
        {
          g_ptr_array_add (low, (char *) _sm_eval_person (ctx, h));
          _sm_result_evidence_person (ctx, result, h, _ ("holds decision power and is linked, but takes part at a low level"));
        }
    }

  result->value = d_min >= 0 ? d_min : NAN;
  _sm_result_set (result, "decision_holders", ctx->n_decision_holders);
  _sm_result_var (result, "min_label", _sm_ladder_label (min_level));

  if (champions->len > 0)
    {
      result->status = SM_RULE_PASS;
      _sm_rules_var_names (result, "champion", champions);
    }
  else if (unknown_level)
    _sm_result_insufficient (result, _ ("Someone who holds decision power works directly with people with "
                                        "lived experience, but the map doesn’t say how they take part "
                                        "(participation level)."));
  else if (low->len > 0)
    {
      result->status = SM_RULE_WARN;
      _sm_rules_var_names (result, "low", low);
      _sm_result_template (result, _ ("The map shows {low} holding decision power and linked directly to "
                                      "people with lived experience, but taking part below ‘{min_label}’, "
                                      "the level a champion needs (a judgement call you can change)."));
    }
  else if (d_min == 2)
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, _ ("People with lived experience reach those who hold the budget or "
                                      "final decisions ({dh}) only through someone else."));
    }
  else
    result->status = SM_RULE_FAIL;
}

static void
sm_rule_ws02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmRecord     *meta = sm_map_get_metadata (ctx->map);
  SmCollection *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  double        threshold = _sm_eval_cfg (ctx, "ws02.stage_active");
  gboolean      in_scope[4], active[4] = { FALSE };
  gboolean      planning_scope, delivery_scope, planning, delivery;
  g_autoptr(GPtrArray) active_words = g_ptr_array_new ();
  guint sides = 0, sides_active = 0;

  for (guint s = 0; s < 4; s++)
    in_scope[s] = !sm_record_has_value (meta, "stages_in_scope") ||
                  _sm_rules_list_has (meta, "stages_in_scope", sm_stages[s]);

  for (guint i = 0; i < ctx->n; i++)
    {
      JsonNode *by_stage;
      gboolean  known;

      if (!_sm_rules_is_c (ctx, i))
        continue;
      by_stage = sm_record_get_value (ctx->people[i], "participation_by_stage");
      /* The overall level is enough to know someone is not highly active;
       * only a map with neither says nothing about them. */
      known = (by_stage != NULL && JSON_NODE_HOLDS_OBJECT (by_stage) &&
               json_object_get_size (json_node_get_object (by_stage)) > 0) ||
              SM_IS_KNOWN (ctx->level[i]);
      _sm_result_need (result, known);
      if (!known)
        _sm_result_gap (result, ctx->people[i], "participation_by_stage");

      for (guint s = 0; s < 4; s++)
        {
          g_autofree char *path = g_strconcat ("participation_by_stage.", sm_stages[s], NULL);
          double           level = sm_record_get_score (ctx->people[i], path);

          if (SM_IS_KNOWN (level) && level >= threshold && !active[s])
            {
              g_autofree char *detail = g_strdup_printf (_ ("active in %s"), _ (stage_words[s]));

              active[s] = TRUE;
              _sm_result_evidence_person (ctx, result, i, detail);
            }
        }
    }

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) by = _sm_rules_refs_of (ctx, decision, "decided_by");
      const char *stage = sm_record_get_enum (decision, "stage");

      for (guint s = 0; s < 4; s++)
        if (g_strcmp0 (stage, sm_stages[s]) == 0 && _sm_rules_any_community (ctx, by) && !active[s])
          {
            g_autofree char *detail = g_strdup_printf (_ ("a decision in %s shared with people with lived experience"),
                                                       _ (stage_words[s]));

            active[s] = TRUE;
            _sm_result_evidence (result, "decision", sm_record_get_id (decision), detail);
          }
    }

  for (guint s = 0; s < 4; s++)
    if (in_scope[s] && active[s] && s < 2)
      g_ptr_array_add (active_words, (char *) _ (stage_words[s]));

  planning_scope = in_scope[0] || in_scope[1];
  delivery_scope = in_scope[2];
  planning = (in_scope[0] && active[0]) || (in_scope[1] && active[1]);
  delivery = in_scope[2] && active[2];
  sides = planning_scope + delivery_scope;
  sides_active = planning + delivery;

  if (sides == 0)
    {
      _sm_result_not_applicable (result, _ ("The map leaves both planning and delivery out of scope."));
      return;
    }

  result->value = sides_active;
  _sm_result_set (result, "sides_in_scope", sides);
  _sm_result_set (result, "assessment_active", in_scope[3] && active[3]);
  _sm_rules_var_names (result, "stages", active_words);
  _sm_result_var (result, "active_label", _sm_ladder_label (threshold));
  _sm_result_var (result, "assessment", in_scope[3] && active[3] ? _ (" They also take part in assessing the work.") : "");

  if (sides_active == sides)
    result->status = SM_RULE_PASS;
  else if (sides_active > 0 || (in_scope[3] && active[3]))
    {
      result->status = SM_RULE_WARN;
      if (delivery)
        _sm_result_template (result, _ ("People with lived experience help deliver, but the map shows them "
                                        "active in no planning stage (commissioning or design)."));
      else if (!planning)
        _sm_result_template (result, _ ("People with lived experience are active only in assessing the "
                                        "work, not in planning or delivering it."));
    }
  else
    result->status = SM_RULE_FAIL;
}

static void
sm_rule_ws03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection          *spaces = sm_map_get_collection (ctx->map, SM_RECORD_SPACE);
  SmCollection          *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  guint                  n_spaces = sm_collection_get_size (spaces);
  g_autofree SmTristate *vote = g_new (SmTristate, MAX (ctx->n, 1));
  g_autofree gboolean   *in_space = g_new0 (gboolean, MAX (ctx->n, 1));
  g_autofree gboolean   *decides = g_new0 (gboolean, MAX (ctx->n, 1));
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  g_autoptr(GPtrArray) advisory = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean applies = FALSE, claimed = FALSE;
  guint    with_space = 0, confined = 0;

  for (guint i = 0; i < ctx->n; i++)
    vote[i] = SM_TRISTATE_FALSE;

  for (guint s = 0; s < n_spaces; s++)
    {
      SmRecord   *space = sm_collection_get (spaces, s);
      JsonArray  *members = _sm_rules_get_array (space, "members");
      gboolean    deciding = _sm_rules_is_deciding_space (ctx, space, FALSE);
      const char *type = sm_record_get_enum (space, "type");

      if (g_strcmp0 (type, "claimed") == 0)
        claimed = TRUE;
      if (deciding && g_strcmp0 (type, "closed") == 0)
        {
          applies = TRUE;
          g_ptr_array_add (closed, (char *) sm_record_get_label (space));
        }
      for (guint m = 0; members != NULL && m < json_array_get_length (members); m++)
        {
          JsonNode *node = json_array_get_element (members, m);
          guint     k;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          k = _sm_eval_lookup (ctx, json_object_get_string_member_with_default (json_node_get_object (node),
                                                                                "stakeholder", NULL));
          if (k == 0)
            continue;
          k--;
          in_space[k] = TRUE;
          if (deciding)
            {
              SmTristate v = _sm_rules_member_votes (json_node_get_object (node));

              if (v == SM_TRISTATE_TRUE || (v == SM_TRISTATE_UNKNOWN && vote[k] == SM_TRISTATE_FALSE))
                vote[k] = v;
            }
          else if (_sm_rules_is_c (ctx, k) && !g_ptr_array_find_with_equal_func (advisory, sm_record_get_label (space),
                                                                                 g_str_equal, NULL))
            g_ptr_array_add (advisory, (char *) sm_record_get_label (space));
        }
    }

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) by = _sm_rules_refs_of (ctx, decision, "decided_by");
      const char *space_id = sm_record_get_string (decision, "space_id");
      SmRecord   *space = space_id != NULL ? sm_map_lookup_kind (ctx->map, SM_RECORD_SPACE, space_id) : NULL;

      for (guint b = 0; b < by->len; b++)
        decides[g_array_index (by, guint, b)] = TRUE;
      if (space != NULL && g_strcmp0 (sm_record_get_enum (space, "type"), "closed") == 0)
        {
          applies = TRUE;
          if (!g_ptr_array_find_with_equal_func (closed, sm_record_get_label (space), g_str_equal, NULL))
            g_ptr_array_add (closed, (char *) sm_record_get_label (space));
        }
    }

  if (!applies)
    {
      _sm_result_not_applicable (result, _ ("No decisions on this map are taken in a closed space, so "
                                            "there is nothing for invited spaces to be kept apart from."));
      return;
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      if (!_sm_rules_is_c (ctx, i))
        continue;
      if (!in_space[i])
        {
          /* Listed, not counted: acting in no recorded space may be true. */
          _sm_result_gap (result, ctx->people[i], "spaces (none recorded)");
          continue;
        }
      if (vote[i] == SM_TRISTATE_UNKNOWN && !decides[i])
        {
          _sm_result_need (result, FALSE);
          _sm_result_gap (result, ctx->people[i], "role in a deciding space");
          continue;
        }
      _sm_result_need (result, TRUE);
      with_space++;
      if (vote[i] != SM_TRISTATE_TRUE && !decides[i])
        {
          confined++;
          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("takes part only in spaces that advise or recommend"));
        }
    }

  if (with_space == 0)
    {
      if (result->data_gaps->len > 0 && ctx->n_community > 0)
        _sm_result_not_applicable (result, _ ("The map doesn’t place anyone with lived experience in a space "
                                              "(a meeting, board or group). Record who sits where."));
      else
        _sm_result_not_applicable (result, _ ("No one with lived experience sits in a recorded space."));
      return;
    }

  result->value = (double) confined / with_space;
  _sm_result_set (result, "confined", confined);
  _sm_result_set (result, "in_a_space", with_space);
  _sm_rules_var_names (result, "names", names);
  _sm_rules_var_names (result, "closed", closed);
  _sm_rules_var_names (result, "spaces", advisory);
  _sm_result_var_number (result, "k", confined, 0);
  _sm_result_var_number (result, "n", with_space, 0);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ws03.warn_share");
  _sm_result_var (result, "claimed_note",
                  claimed ? "" : _ (" The map shows no space that communities run themselves: are there any "
                                    "that decision-makers should go to?"));

  if (result->value >= _sm_eval_cfg (ctx, "ws03.fail_share"))
    result->status = SM_RULE_FAIL;
  else if (result->value >= _sm_eval_cfg (ctx, "ws03.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static const char *const producing_roles[] = {
  "deliverer", "co_facilitator", "co_researcher", "trainer", "peer_supporter",
  "chair", "co_chair", "decision_maker", "co_commissioner", "evaluator", NULL
};

/* WS-04's own list. §3.7's table also marks support_care as producing,
 * but §5 WS-04 names only these four, and §9's verified 0.5 (SUA and PSG,
 * not CAR's care) follows §5. */
static const char *const producing_categories[] = {
  "service_delivery", "peer_support", "training_capacity", "collaboration", NULL
};

static void
sm_rule_ws04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint producing = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean role = FALSE;

      if (_sm_rules_is_i (ctx, i) && (_sm_rules_list_has (ctx->people[i], "roles", "facilitator") ||
                                      _sm_rules_list_has (ctx->people[i], "roles", "catalyst")))
        _sm_result_evidence_person (ctx, result, i, _ ("staff member in a facilitating role"));
      if (!_sm_rules_is_c (ctx, i))
        continue;
      for (guint r = 0; producing_roles[r] != NULL && !role; r++)
        role = _sm_rules_list_has (ctx->people[i], "roles", producing_roles[r]);
      if (role || _sm_rules_gives_category (ctx, i, producing_categories, NULL))
        {
          producing++;
          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("in a producing role"));
        }
    }

  result->value = (double) producing / ctx->n_community;
  _sm_result_set (result, "producing", producing);
  _sm_rules_var_names (result, "names", names);
  _sm_result_var_number (result, "k", producing, 0);
  _sm_result_var_number (result, "n", ctx->n_community, 0);
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ws04.warn_share");

  if (producing == 0 && ctx->n_community >= 2)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ws04.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_whole_system[] = {
  { "WS-01", "P3",
    N_ ("Is the co-production work linked to the people who hold budgets and authority?"),
    INPUTS ("influence", "decisions.stage", "relationships", "participation_level"),
    THRESHOLDS ("ws01.dh_cut", "ws01.champion_min_level"),
    sm_rule_ws01, FALSE, TRUE,
    N_ ("{champion} holds budget or decision power, works directly with people with lived experience and "
        "takes part at ‘{champion_level}’ level: a senior champion for the work."),
    N_ ("People with lived experience reach those who hold the budget or final decisions ({dh}) only "
        "through someone else."),
    N_ ("No one who controls the budget or final decisions ({dh}) is connected to the people with lived "
        "experience on this map. The co-production work is not yet connected to where decisions are made."),
    NULL,
    N_ ("Ask a senior leader to champion the work: attend, listen, and commit to taking decisions with the "
        "group."),
    SOURCES ("S11", "S12", "S7", "S1"),
    .better = -1,
    .why = N_ ("Co-production changes a service only when it reaches where budgets and authority sit: the "
               "first step in NHS England’s model is senior leaders agreeing to champion it.") },
  { "WS-02", "P3",
    N_ ("Are people with lived experience involved in both shaping and delivering, not only designing?"),
    INPUTS ("participation_by_stage", "decisions.stage", "stages_in_scope"),
    THRESHOLDS ("ws02.stage_active"),
    sm_rule_ws02, FALSE, TRUE,
    N_ ("People with lived experience are active in both planning ({stages}) and delivery.{assessment}"),
    N_ ("People with lived experience are active in {stages} but not in delivery. By TLAP’s definition this "
        "is co-design: genuine influence, but not involved in ‘seeing it through’."),
    N_ ("The map shows no stage where people with lived experience take part at ‘{active_label}’ level or "
        "above, or share a decision (a judgement call you can change)."),
    NULL,
    N_ ("Identify delivery roles (peer support, co-facilitation, co-delivery of sessions, co-running "
        "evaluation) and resource them."),
    SOURCES ("S18", "S5", "S3"),
    .better = 1,
    .why = N_ ("Full co-production involves people in both planning and delivery (Bovaird; TLAP). Co-design "
               "alone stops before “seeing it through”.") },
  { "WS-03", "P3",
    N_ ("Are people with lived experience taking part only in advisory spaces, while the real decisions "
        "are taken elsewhere?"),
    INPUTS ("spaces.type", "spaces.decision_rights", "spaces.members", "decisions.decided_by"),
    THRESHOLDS ("ws03.warn_share", "ws03.fail_share"),
    sm_rule_ws03, FALSE, TRUE,
    N_ ("Most people with lived experience who sit in a space also have a vote where decisions are made, "
        "or share a decision.{claimed_note}"),
    NULL,
    N_ ("Everyone with lived experience takes part only in spaces that advise or recommend ({spaces}). "
        "Decisions are taken in {closed}.{claimed_note}"),
    NULL,
    N_ ("Move at least one decision into a shared space, or give the invited space real decision rights "
        "over named items. Also consider going to spaces communities already run."),
    SOURCES ("S7", "S6"),
    .better = -1,
    .why = N_ ("Invited spaces run within boundaries others set (Gaventa). If people with lived experience "
               "only advise while decisions are made elsewhere, power has not moved."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (WARN, "n", "The map shows {names} taking part only in spaces that advise or recommend ({spaces}), while "
                         "decisions are taken in {closed}: {k} of {n} person with lived experience who sits in a space (worth "
                         "a look from {warn_pct}%, a judgement call you can change).{claimed_note}",
              "The map shows {names} taking part only in spaces that advise or recommend ({spaces}), while "
              "decisions are taken in {closed}: {k} of {n} people with lived experience who sit in a space (worth "
              "a look from {warn_pct}%, a judgement call you can change).{claimed_note}")) },
  { "WS-04", "P3",
    N_ ("Do people with lived experience take on producing roles, or are they only recipients and "
        "advisors?"),
    INPUTS ("roles", "relationships.category"),
    THRESHOLDS ("ws04.warn_share"),
    sm_rule_ws04, FALSE, TRUE,
    NULL,
    NULL,
    N_ ("Everyone with lived experience on this map is in a receiving or advising role. Co-production also "
        "needs people’s actions (TLAP)."),
    NULL,
    N_ ("Offer paid or recognised producing roles: co-facilitator, peer supporter, co-researcher, trainer. "
        "Staff can act as facilitators who enable this."),
    SOURCES ("S3", "S5"),
    .better = 1,
    .why = N_ ("Co-production blurs the line between professionals and recipients: people deliver services "
               "as well as receive them (Boyle and Harris)."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (PASS, "n", "{k} of {n} person with lived experience takes on producing roles ({names}), not only receiving or "
                         "advising.",
              "{k} of {n} people with lived experience take on producing roles ({names}), not only receiving or "
              "advising."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "Only {k} of {n} person with lived experience on this map has a producing role such as delivering, "
                         "facilitating, researching or supporting peers. (Worth a look below {warn_pct}%, a judgement call "
                         "you can change.)",
              "Only {k} of {n} people with lived experience on this map have a producing role such as delivering, "
              "facilitating, researching or supporting peers. (Worth a look below {warn_pct}%, a judgement call "
              "you can change.)")) },
  { NULL }
};

/* sm-rules.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-evaluate-private.h"
#include "sm-labels.h"

/* The rule catalogue of principles.md §5: one compute function per rule
 * and one table row that names its thresholds, messages and sources.
 * Unknown values are never read as "no": they leave the denominator and
 * are listed as data gaps (§3.9). Where §9's verified figures need a
 * reading of the catalogue, the comment at the rule says which. */

/* Helpers */

static gboolean
is_c (SmEvalContext *ctx,
      guint          i)
{
  return ctx->side[i] == SM_SIDE_COMMUNITY;
}

static gboolean
is_i (SmEvalContext *ctx,
      guint          i)
{
  return ctx->side[i] == SM_SIDE_INSTITUTIONAL;
}

static JsonArray *
get_array (SmRecord   *record,
           const char *path)
{
  JsonNode *node = sm_record_get_value (record, path);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static guint
array_length (SmRecord   *record,
              const char *path)
{
  JsonArray *array = get_array (record, path);

  return array != NULL ? json_array_get_length (array) : 0;
}

static gboolean
list_has (SmRecord   *record,
          const char *path,
          const char *value)
{
  JsonArray *array = get_array (record, path);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (e), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Node indices of the stakeholder ids in an array member. */
static GArray *
refs_of (SmEvalContext *ctx,
         SmRecord      *record,
         const char    *path)
{
  GArray *nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *array = get_array (record, path);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      guint k;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        continue;
      k = _sm_eval_lookup (ctx, json_node_get_string (e));
      if (k > 0)
        {
          k--;
          g_array_append_val (nodes, k);
        }
    }
  return nodes;
}

static gboolean
any_community (SmEvalContext *ctx,
               GArray        *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    if (is_c (ctx, g_array_index (nodes, guint, i)))
      return TRUE;
  return FALSE;
}

static SmTristate
tri_and (SmTristate a,
         SmTristate b)
{
  if (a == SM_TRISTATE_FALSE || b == SM_TRISTATE_FALSE)
    return SM_TRISTATE_FALSE;
  if (a == SM_TRISTATE_UNKNOWN || b == SM_TRISTATE_UNKNOWN)
    return SM_TRISTATE_UNKNOWN;
  return SM_TRISTATE_TRUE;
}

/* Paid for their time or recognised another way (S2, S14): declining an
 * offered payment (for example to protect benefits) counts. */
static SmTristate
paid_or_recognised (SmRecord *s)
{
  const char *paid = sm_record_get_enum (s, "remuneration.time_paid");

  if (g_strcmp0 (paid, "fee") == 0 || g_strcmp0 (paid, "voucher_or_in_kind") == 0 ||
      array_length (s, "remuneration.other_recognition") > 0)
    return SM_TRISTATE_TRUE;
  if (g_strcmp0 (paid, "declined") == 0)
    return sm_record_get_boolean (s, "remuneration.payment_offered");
  if (g_strcmp0 (paid, "unknown") == 0)
    return SM_TRISTATE_UNKNOWN;
  return SM_TRISTATE_FALSE;
}

static SmTristate
expenses_ok (SmRecord *s)
{
  const char *expenses = sm_record_get_enum (s, "remuneration.expenses_covered");

  if (g_strcmp0 (expenses, "yes") == 0 || g_strcmp0 (expenses, "not_applicable") == 0)
    return SM_TRISTATE_TRUE;
  if (g_strcmp0 (expenses, "no") == 0)
    return SM_TRISTATE_FALSE;
  return SM_TRISTATE_UNKNOWN;
}

/* AI-02's recognised(s), also used by RM-02. */
static SmTristate
recognised (SmRecord *s)
{
  return tri_and (paid_or_recognised (s), expenses_ok (s));
}

static void
var_names (SmRuleResult *result,
           const char   *name,
           GPtrArray    *names)
{
  _sm_result_var_take (result, name, _sm_names_join (names));
}

static void
var_pct (SmRuleResult *result,
         const char   *name,
         double        share)
{
  _sm_result_var_number (result, name, share * 100, 0);
}

static void
var_threshold_pct (SmEvalContext *ctx,
                   SmRuleResult  *result,
                   const char    *name,
                   const char    *key)
{
  var_pct (result, name, _sm_eval_cfg (ctx, key));
}

static gboolean
graph_too_small (SmEvalContext *ctx,
                 SmRuleResult  *result)
{
  guint min_nodes = (guint) _sm_eval_cfg (ctx, "graph.min_nodes");
  guint min_edges = (guint) _sm_eval_cfg (ctx, "graph.min_edges");

  _sm_result_threshold (ctx, result, "graph.min_nodes");
  _sm_result_threshold (ctx, result, "graph.min_edges");
  if (ctx->n >= min_nodes && sm_graph_get_n_edges (ctx->graph) >= min_edges)
    return FALSE;

  {
    g_autofree char *message =
      g_strdup_printf (_("The map is too small for network measures, which are unstable on few "
                         "points: it needs at least %u stakeholders and %u links (a judgement call "
                         "you can change)."), min_nodes, min_edges);
    _sm_result_not_applicable (result, message);
  }
  return TRUE;
}

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

static const char *
tie_id (SmEvalContext *ctx,
        guint          tie)
{
  return sm_record_get_id (ctx->tie_records[tie]);
}

static char *
tie_label (SmEvalContext *ctx,
           guint          tie)
{
  return g_strdup_printf (ctx->tie_two_way[tie] ? _("%s ⇄ %s") : _("%s → %s"),
                          _sm_eval_person (ctx, ctx->tie_source[tie]), _sm_eval_person (ctx, ctx->tie_target[tie]));
}

static const char *const stage_words[] = {
  N_("commissioning"), N_("design"), N_("delivery"), N_("assessment"),
};

/* P1 — Sharing power */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
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
  gboolean ascending;
} OrderByInfluence;

static int
compare_influence (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  OrderByInfluence *o = data;
  double x = o->ctx->influence[*(const guint *) a];
  double y = o->ctx->influence[*(const guint *) b];

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
  double si = 0, sc = 0, mi, mc, ratio, gap;
  OrderByInfluence order = { ctx, FALSE };

  /* Gate G0 (§4): one clear message instead of twenty. */
  if (ctx->n_community == 0)
    {
      result->status = SM_RULE_FAIL;
      _sm_result_template (result, _("No one on this map is here because of lived experience of the "
                                     "issue. Co-production starts with the people affected (S1, S2)."));
      return;
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      if (!is_c (ctx, i) && !is_i (ctx, i))
        continue;
      _sm_result_need (result, SM_IS_KNOWN (ctx->influence[i]));
      if (!SM_IS_KNOWN (ctx->influence[i]))
        {
          _sm_result_gap (result, ctx->people[i], "influence");
          continue;
        }
      if (is_c (ctx, i))
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
      _sm_result_not_applicable (result, _("There are no professionals or organisations on this map "
                                           "to compare influence with."));
      return;
    }
  if (vc->len == 0 || vi->len == 0)
    {
      _sm_result_insufficient (result, _("Influence is not rated for one of the two sides yet, so they "
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
      guint i = g_array_index (ni, guint, k);
      g_autofree char *detail = g_strdup_printf (_("influence %g, among the highest of professionals"),
                                                 ctx->influence[i]);

      g_ptr_array_add (top, (char *) _sm_eval_person (ctx, i));
      _sm_result_evidence_person (ctx, result, i, detail);
    }
  for (guint k = 0; k < MIN (3, nc->len); k++)
    {
      guint i = g_array_index (nc, guint, k);
      g_autofree char *detail = g_strdup_printf (_("influence %g, among the lowest of people with lived experience"),
                                                 ctx->influence[i]);

      _sm_result_evidence_person (ctx, result, i, detail);
    }

  _sm_result_var_number (result, "ratio", ratio, 2);
  _sm_result_var_number (result, "mI", mi, 1);
  _sm_result_var_number (result, "mC", mc, 1);
  _sm_result_var_number (result, "gap", gap, 1);
  var_names (result, "top_I", top);
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
      g_autoptr(GArray) by = refs_of (ctx, decision, "decided_by");
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
      if (any_community (ctx, by))
        {
          shared++;
          g_ptr_array_add (shared_titles, g_strdup_printf (_("“%s”"), sm_record_get_label (decision)));
          _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                               _("decided with people with lived experience"));
          continue;
        }
      g_ptr_array_add (other_titles, g_strdup_printf (_("“%s”"), sm_record_get_label (decision)));
      input = refs_of (ctx, decision, "input_from");
      if (any_community (ctx, input))
        with_input++;
      _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                           any_community (ctx, input) ? _("people with lived experience gave input; others decided")
                                                      : _("decided without people with lived experience"));
    }

  if (n == 0)
    {
      if (sm_collection_get_size (decisions) == 0)
        _sm_result_not_applicable (result, _("The map records no decisions yet. Record the decisions "
                                             "this work involves, and who makes them."));
      else
        _sm_result_insufficient (result, _("The map doesn’t say who made its decisions. Record who "
                                           "decided each one."));
      return;
    }

  result->value = (double) shared / n;
  _sm_result_set (result, "decisions", n);
  _sm_result_set (result, "shared", shared);
  _sm_result_var_number (result, "n", n, 0);
  _sm_result_var_number (result, "shared", shared, 0);
  _sm_result_var_number (result, "k", with_input, 0);
  var_names (result, "shared_titles", shared_titles);
  var_names (result, "other_titles", other_titles);
  var_threshold_pct (ctx, result, "warn_pct", "sp02.warn_share");

  if (shared == 0)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "sp02.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static gboolean
is_deciding_space (SmEvalContext *ctx,
                   SmRecord      *space,
                   gboolean       with_recommend)
{
  const char *rights = sm_record_get_enum (space, "decision_rights");

  return g_strcmp0 (rights, "decide") == 0 || g_strcmp0 (rights, "veto") == 0 ||
         (with_recommend && g_strcmp0 (rights, "recommend") == 0);
}

/* Voting seat: TRUE, FALSE, or UNKNOWN when the role is not recorded. */
static SmTristate
member_votes (JsonObject *member)
{
  const char *role = json_object_get_string_member_with_default (member, "role", NULL);

  if (role == NULL || g_strcmp0 (role, "unknown") == 0)
    return SM_TRISTATE_UNKNOWN;
  return g_strcmp0 (role, "voting") == 0 || g_strcmp0 (role, "chair") == 0 ||
         g_strcmp0 (role, "co_chair") == 0;
}

static void
sm_rule_sp03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *spaces = sm_map_get_collection (ctx->map, SM_RECORD_SPACE);
  gboolean with_recommend = _sm_eval_cfg (ctx, "sp03.include_recommend") != 0;
  double min_share = _sm_eval_cfg (ctx, "sp03.min_share");
  SmRuleStatus worst = SM_RULE_PASS;
  SmRecord *worst_space = NULL;
  guint worst_seats = 0, worst_voting = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double lowest = NAN;
  guint n_spaces = 0, n_assessed = 0;

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord *space = sm_collection_get (spaces, s);
      JsonArray *members = get_array (space, "members");
      guint voting = 0, seats = 0;
      SmRuleStatus status;
      double share;

      if (!is_deciding_space (ctx, space, with_recommend))
        continue;
      n_spaces++;
      g_ptr_array_add (names, (char *) sm_record_get_label (space));

      for (guint m = 0; members != NULL && m < json_array_get_length (members); m++)
        {
          JsonNode *node = json_array_get_element (members, m);
          JsonObject *member;
          SmTristate votes;
          guint k;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          member = json_node_get_object (node);
          k = _sm_eval_lookup (ctx, json_object_get_string_member_with_default (member, "stakeholder", NULL));
          if (k == 0)
            continue;
          k--;
          votes = member_votes (member);
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
          if (is_c (ctx, k))
            {
              seats++;
              /* Arnstein's placation: hand-picked, answerable to no one. */
              if (g_strcmp0 (json_object_get_string_member_with_default (member, "selection", NULL),
                             "invited_by_convener") == 0 &&
                  sm_record_get_boolean (ctx->people[k], "accountable_to_constituency") == SM_TRISTATE_FALSE)
                _sm_result_evidence_person (ctx, result, k,
                                            _("holds a seat chosen by the convener and is not accountable to a "
                                              "constituency (Arnstein: placation)"));
            }
        }

      if (voting == 0)
        continue;
      n_assessed++;
      share = (double) seats / voting;
      status = seats == 0 ? SM_RULE_FAIL : share < min_share ? SM_RULE_WARN : SM_RULE_PASS;
      {
        g_autofree char *detail =
          g_strdup_printf (_("%u of %u voting seats held by people with lived experience%s"), seats, voting,
                           share > 0.5 ? _(" (majority: Arnstein’s delegated power)")
                           : share >= 0.5 ? _(" (parity)") : "");
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
      _sm_result_not_applicable (result, _("No space on this map is recorded as taking decisions (with "
                                           "the right to decide or veto)."));
      return;
    }
  if (n_assessed == 0)
    {
      _sm_result_insufficient (result, _("The map doesn’t say who votes in the spaces where decisions "
                                         "are taken. Record each member’s role."));
      return;
    }

  result->value = lowest;
  result->status = worst;
  _sm_result_set (result, "spaces", n_assessed);
  _sm_result_var (result, "space", sm_record_get_label (worst_space));
  _sm_result_var (result, "rights",
                  g_strcmp0 (sm_record_get_enum (worst_space, "decision_rights"), "veto") == 0 ? _("holds a veto")
                  : g_strcmp0 (sm_record_get_enum (worst_space, "decision_rights"), "recommend") == 0 ? _("makes recommendations")
                                                                                                      : _("takes decisions"));
  _sm_result_var_number (result, "seats", worst_seats, 0);
  _sm_result_var_number (result, "n_voting", worst_voting, 0);
  var_pct (result, "pct", (double) worst_seats / worst_voting);
  var_threshold_pct (ctx, result, "min_pct", "sp03.min_share");
  var_names (result, "spaces", names);
  _sm_result_var (result, "closed_note",
                  g_strcmp0 (sm_record_get_enum (worst_space, "type"), "closed") == 0
                    ? _(" It is a closed space: decisions there are made behind closed doors.") : "");
}

static void
sm_rule_sp04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmRecord *meta = sm_map_get_metadata (ctx->map);
  double claimed = sm_record_get_score (meta, "claimed_approach");
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) coerced = g_ptr_array_new ();
  double m, gap;

  if (!SM_IS_KNOWN (claimed))
    {
      _sm_result_gap (result, NULL, "claimed_approach");
      _sm_result_insufficient (result, _("The map doesn’t say how the project describes itself (its "
                                         "claimed approach), so the label can’t be compared with the "
                                         "practice."));
      return;
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      if (!is_c (ctx, i))
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
          _sm_result_evidence_person (ctx, result, i, _("at ‘coercion’ on the ladder"));
        }
    }

  if (levels->len == 0)
    {
      _sm_result_insufficient (result, _("The map doesn’t record how people with lived experience take "
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
                           g_strdup_printf (_(" The map places %s at ‘coercion’, the one step the "
                                              "ladder says has no place in this work."), names));
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

/* P2 — Equality and partnership */

static void
sm_rule_ep01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint hc = 0, k = 0;
  double share;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean known;

      if (!is_c (ctx, i))
        {
          /* Reported: which professionals are key players or kept satisfied. */
          if (is_i (ctx, i) && _sm_eval_high (ctx, ctx->influence[i]) && SM_IS_KNOWN (ctx->interest[i]))
            _sm_result_evidence_person (ctx, result, i,
                                        _sm_eval_high (ctx, ctx->interest[i]) ? _("key player (high influence, high interest)")
                                                                              : _("keep satisfied (high influence, lower interest)"));
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
          _sm_result_evidence_person (ctx, result, i, _("keep informed: high interest, low influence"));
        }
    }

  if (hc == 0)
    {
      _sm_result_not_applicable (result, _("No one with lived experience is rated as having a high "
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
  var_names (result, "names", names);
  var_threshold_pct (ctx, result, "warn_pct", "ep01.warn_share");
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
  guint dependent = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean legitimate, urgent, advocate = FALSE, route = FALSE;
      GArray *adj;

      /* Quadratic on a big map (each dependent against every tie). */
      if ((i & 63) == 0 && _sm_eval_cancelled (ctx))
        return;
      if (!is_c (ctx, i))
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
      for (guint t = 0; t < ctx->n_ties; t++)
        {
          guint from = ctx->tie_source[t], to = ctx->tie_target[t];

          if (g_strcmp0 (ctx->tie_category[t], "representation_advocacy") != 0)
            continue;
          if ((to == i && _sm_eval_high (ctx, ctx->influence[from])) ||
              (ctx->tie_two_way[t] && from == i && _sm_eval_high (ctx, ctx->influence[to])))
            advocate = TRUE;
        }
      adj = g_ptr_array_index (ctx->adjacency, i);
      for (guint a = 0; a < adj->len; a++)
        if (_sm_eval_high (ctx, ctx->influence[g_array_index (adj, guint, a)]))
          route = TRUE;

      if (!advocate && !route)
        {
          g_ptr_array_add (alone, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("dependent: no advocate and no link to anyone with influence"));
        }
      else
        {
          g_ptr_array_add (borrowed, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, advocate ? _("dependent: has an advocate with influence")
                                                               : _("dependent: linked to someone with influence"));
        }
    }

  result->value = dependent;
  _sm_result_set (result, "no_route", alone->len);
  _sm_result_threshold (ctx, result, "high_cutoff");
  var_names (result, "names", alone->len > 0 ? alone : borrowed);
  _sm_result_var (result, "proxy", proxy_used ? _(" (Legitimacy or urgency was not rated for some people, "
                                                  "so lived experience and interest stood in for them.)")
                                              : "");
  result->status = alone->len > 0 ? SM_RULE_FAIL : dependent > 0 ? SM_RULE_WARN : SM_RULE_PASS;
}

static void
sm_rule_ep03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) hubs = g_ptr_array_new ();
  const double *betweenness;
  gboolean institutional_hub = FALSE;
  guint d_max = 0;
  double cd, b_max = 0, b_sum = 0;

  if (graph_too_small (ctx, result))
    return;

  cd = sm_graph_degree_centralization (ctx->graph);
  for (guint i = 0; i < ctx->n; i++)
    d_max = MAX (d_max, ctx->degree[i]);
  for (guint i = 0; i < ctx->n; i++)
    if (ctx->degree[i] == d_max)
      {
        g_autofree char *detail = g_strdup_printf (_("hub: %u links"), d_max);

        g_ptr_array_add (hubs, (char *) _sm_eval_person (ctx, i));
        _sm_result_evidence_person (ctx, result, i, detail);
        if (is_i (ctx, i))
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
  var_names (result, "hub", hubs);
  _sm_result_var_number (result, "cd", cd, 2);
  _sm_result_var_number (result, "warn", _sm_eval_cfg (ctx, "ep03.warn"), 1);
  _sm_result_var_number (result, "fail", _sm_eval_cfg (ctx, "ep03.fail"), 1);

  if (cd >= _sm_eval_cfg (ctx, "ep03.fail"))
    {
      result->status = institutional_hub ? SM_RULE_FAIL : SM_RULE_WARN;
      if (!institutional_hub)
        _sm_result_template (result, _("This map is shaped like a star around {hub}, a community "
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
  SmRuleResult *result;
  guint c_to_i;
  guint i_to_c;
} KnowledgeFlows;

static void
count_knowledge_flow (guint    from,
                      guint    to,
                      guint    tie,
                      gpointer data)
{
  KnowledgeFlows *k = data;

  if (is_c (k->ctx, from) && is_i (k->ctx, to))
    {
      g_autofree char *label = tie_label (k->ctx, tie);

      k->c_to_i++;
      _sm_result_evidence (k->result, "relationship", tie_id (k->ctx, tie), label);
    }
  else if (is_i (k->ctx, from) && is_c (k->ctx, to))
    k->i_to_c++;
}

static void
sm_rule_ep04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  KnowledgeFlows flows = { ctx, result, 0, 0 };
  guint total;

  for (guint t = 0; t < ctx->n_ties; t++)
    if (_sm_eval_category_is (ctx->tie_category[t], knowledge_categories))
      each_flow (ctx, t, count_knowledge_flow, &flows);

  total = flows.c_to_i + flows.i_to_c;
  if (total < _sm_eval_cfg (ctx, "ep04.min_flows"))
    {
      g_autofree char *message =
        g_strdup_printf (_("The map shows %u knowledge or information flows between professionals and "
                           "people with lived experience; this check needs at least %.0f (a judgement "
                           "call you can change)."), total, _sm_eval_cfg (ctx, "ep04.min_flows"));
      _sm_result_not_applicable (result, message);
      return;
    }

  result->value = (double) flows.c_to_i / total;
  _sm_result_set (result, "community_to_institutional", flows.c_to_i);
  _sm_result_set (result, "institutional_to_community", flows.i_to_c);
  _sm_result_var_number (result, "n", total, 0);
  _sm_result_var_number (result, "k", flows.c_to_i, 0);
  var_threshold_pct (ctx, result, "warn_pct", "ep04.warn_share");

  if (flows.c_to_i == 0)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ep04.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* P3 — Changing the way the whole system works */

static void
list_decision_holders (SmEvalContext *ctx,
                       SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ctx->n; i++)
    if (ctx->decision_holder[i])
      g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
  var_names (result, "dh", names);
}

static void
sm_rule_ws01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  double min_level = _sm_eval_cfg (ctx, "ws01.champion_min_level");
  g_autofree int *dist = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GPtrArray) champions = g_ptr_array_new ();
  g_autoptr(GPtrArray) low = g_ptr_array_new ();
  gboolean unknown_level = FALSE;
  int d_min = -1;

  for (guint i = 0; i < ctx->n; i++)
    if (is_i (ctx, i))
      {
        _sm_result_need (result, SM_IS_KNOWN (ctx->influence[i]));
        if (!SM_IS_KNOWN (ctx->influence[i]))
          _sm_result_gap (result, ctx->people[i], "influence");
      }

  if (ctx->n_decision_holders == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The map doesn’t show who holds the budget or final decisions: no "
                           "professional has influence of %.0f or more and no commissioning decision "
                           "names who made it."), _sm_eval_cfg (ctx, "ws01.dh_cut"));
      _sm_result_not_applicable (result, message);
      return;
    }
  list_decision_holders (ctx, result);

  /* Breadth-first from everyone with lived experience at once. */
  dist = g_new (int, MAX (ctx->n, 1));
  queue = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ctx->n; i++)
    {
      dist[i] = is_c (ctx, i) ? 0 : -1;
      if (is_c (ctx, i))
        g_array_append_val (queue, i);
    }
  for (guint q = 0; q < queue->len; q++)
    {
      guint u = g_array_index (queue, guint, q);
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
      GArray *adj;
      gboolean next_to_c = FALSE;

      if (!ctx->decision_holder[h] || dist[h] < 0)
        continue;
      if (d_min < 0 || dist[h] < d_min)
        d_min = dist[h];
      adj = g_ptr_array_index (ctx->adjacency, h);
      for (guint a = 0; a < adj->len; a++)
        if (is_c (ctx, g_array_index (adj, guint, a)))
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
          _sm_result_evidence_person (ctx, result, h, _("holds decision power and works directly with people with lived experience"));
        }
      else
        {
          g_ptr_array_add (low, (char *) _sm_eval_person (ctx, h));
          _sm_result_evidence_person (ctx, result, h, _("holds decision power and is linked, but takes part at a low level"));
        }
    }

  result->value = d_min >= 0 ? d_min : NAN;
  _sm_result_set (result, "decision_holders", ctx->n_decision_holders);
  _sm_result_var (result, "min_label", _sm_ladder_label (min_level));

  if (champions->len > 0)
    {
      result->status = SM_RULE_PASS;
      var_names (result, "champion", champions);
    }
  else if (unknown_level)
    _sm_result_insufficient (result, _("Someone who holds decision power works directly with people with "
                                       "lived experience, but the map doesn’t say how they take part "
                                       "(participation level)."));
  else if (low->len > 0)
    {
      result->status = SM_RULE_WARN;
      var_names (result, "low", low);
      _sm_result_template (result, _("The map shows {low} holding decision power and linked directly to "
                                     "people with lived experience, but taking part below ‘{min_label}’, "
                                     "the level a champion needs (a judgement call you can change)."));
    }
  else if (d_min == 2)
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, _("People with lived experience reach those who hold the budget or "
                                     "final decisions ({dh}) only through someone else."));
    }
  else
    result->status = SM_RULE_FAIL;
}

static void
sm_rule_ws02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmRecord *meta = sm_map_get_metadata (ctx->map);
  SmCollection *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  double threshold = _sm_eval_cfg (ctx, "ws02.stage_active");
  gboolean in_scope[4], active[4] = { FALSE };
  gboolean planning_scope, delivery_scope, planning, delivery;
  g_autoptr(GPtrArray) active_words = g_ptr_array_new ();
  guint sides = 0, sides_active = 0;

  for (guint s = 0; s < 4; s++)
    in_scope[s] = !sm_record_has_value (meta, "stages_in_scope") ||
                  list_has (meta, "stages_in_scope", sm_stages[s]);

  for (guint i = 0; i < ctx->n; i++)
    {
      JsonNode *by_stage;
      gboolean known;

      if (!is_c (ctx, i))
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
          double level = sm_record_get_score (ctx->people[i], path);

          if (SM_IS_KNOWN (level) && level >= threshold && !active[s])
            {
              g_autofree char *detail = g_strdup_printf (_("active in %s"), _(stage_words[s]));

              active[s] = TRUE;
              _sm_result_evidence_person (ctx, result, i, detail);
            }
        }
    }

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) by = refs_of (ctx, decision, "decided_by");
      const char *stage = sm_record_get_enum (decision, "stage");

      for (guint s = 0; s < 4; s++)
        if (g_strcmp0 (stage, sm_stages[s]) == 0 && any_community (ctx, by) && !active[s])
          {
            g_autofree char *detail = g_strdup_printf (_("a decision in %s shared with people with lived experience"),
                                                       _(stage_words[s]));

            active[s] = TRUE;
            _sm_result_evidence (result, "decision", sm_record_get_id (decision), detail);
          }
    }

  for (guint s = 0; s < 4; s++)
    if (in_scope[s] && active[s] && s < 2)
      g_ptr_array_add (active_words, (char *) _(stage_words[s]));

  planning_scope = in_scope[0] || in_scope[1];
  delivery_scope = in_scope[2];
  planning = (in_scope[0] && active[0]) || (in_scope[1] && active[1]);
  delivery = in_scope[2] && active[2];
  sides = planning_scope + delivery_scope;
  sides_active = planning + delivery;

  if (sides == 0)
    {
      _sm_result_not_applicable (result, _("The map leaves both planning and delivery out of scope."));
      return;
    }

  result->value = sides_active;
  _sm_result_set (result, "sides_in_scope", sides);
  _sm_result_set (result, "assessment_active", in_scope[3] && active[3]);
  var_names (result, "stages", active_words);
  _sm_result_var (result, "active_label", _sm_ladder_label (threshold));
  _sm_result_var (result, "assessment", in_scope[3] && active[3]
                                          ? _(" They also take part in assessing the work.") : "");

  if (sides_active == sides)
    result->status = SM_RULE_PASS;
  else if (sides_active > 0 || (in_scope[3] && active[3]))
    {
      result->status = SM_RULE_WARN;
      if (delivery)
        _sm_result_template (result, _("People with lived experience help deliver, but the map shows them "
                                       "active in no planning stage (commissioning or design)."));
      else if (!planning)
        _sm_result_template (result, _("People with lived experience are active only in assessing the "
                                       "work, not in planning or delivering it."));
    }
  else
    result->status = SM_RULE_FAIL;
}

static void
sm_rule_ws03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *spaces = sm_map_get_collection (ctx->map, SM_RECORD_SPACE);
  SmCollection *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  guint n_spaces = sm_collection_get_size (spaces);
  g_autofree SmTristate *vote = g_new (SmTristate, MAX (ctx->n, 1));
  g_autofree gboolean *in_space = g_new0 (gboolean, MAX (ctx->n, 1));
  g_autofree gboolean *decides = g_new0 (gboolean, MAX (ctx->n, 1));
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  g_autoptr(GPtrArray) advisory = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean applies = FALSE, claimed = FALSE;
  guint with_space = 0, confined = 0;

  for (guint i = 0; i < ctx->n; i++)
    vote[i] = SM_TRISTATE_FALSE;

  for (guint s = 0; s < n_spaces; s++)
    {
      SmRecord *space = sm_collection_get (spaces, s);
      JsonArray *members = get_array (space, "members");
      gboolean deciding = is_deciding_space (ctx, space, FALSE);
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
          guint k;

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
              SmTristate v = member_votes (json_node_get_object (node));

              if (v == SM_TRISTATE_TRUE || (v == SM_TRISTATE_UNKNOWN && vote[k] == SM_TRISTATE_FALSE))
                vote[k] = v;
            }
          else if (is_c (ctx, k) && !g_ptr_array_find_with_equal_func (advisory, sm_record_get_label (space),
                                                                        g_str_equal, NULL))
            g_ptr_array_add (advisory, (char *) sm_record_get_label (space));
        }
    }

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) by = refs_of (ctx, decision, "decided_by");
      const char *space_id = sm_record_get_string (decision, "space_id");
      SmRecord *space = space_id != NULL ? sm_map_lookup_kind (ctx->map, SM_RECORD_SPACE, space_id) : NULL;

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
      _sm_result_not_applicable (result, _("No decisions on this map are taken in a closed space, so "
                                           "there is nothing for invited spaces to be kept apart from."));
      return;
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      if (!is_c (ctx, i))
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
          _sm_result_evidence_person (ctx, result, i, _("takes part only in spaces that advise or recommend"));
        }
    }

  if (with_space == 0)
    {
      if (result->data_gaps->len > 0 && ctx->n_community > 0)
        _sm_result_not_applicable (result, _("The map doesn’t place anyone with lived experience in a space "
                                             "(a meeting, board or group). Record who sits where."));
      else
        _sm_result_not_applicable (result, _("No one with lived experience sits in a recorded space."));
      return;
    }

  result->value = (double) confined / with_space;
  _sm_result_set (result, "confined", confined);
  _sm_result_set (result, "in_a_space", with_space);
  var_names (result, "names", names);
  var_names (result, "closed", closed);
  var_names (result, "spaces", advisory);
  _sm_result_var_number (result, "k", confined, 0);
  _sm_result_var_number (result, "n", with_space, 0);
  var_threshold_pct (ctx, result, "warn_pct", "ws03.warn_share");
  _sm_result_var (result, "claimed_note",
                  claimed ? "" : _(" The map shows no space that communities run themselves: are there any "
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

static gboolean
gives_category (SmEvalContext     *ctx,
                guint              i,
                const char *const *categories,
                GString           *what)
{
  gboolean found = FALSE;

  for (guint t = 0; t < ctx->n_ties; t++)
    if ((ctx->tie_source[t] == i || (ctx->tie_two_way[t] && ctx->tie_target[t] == i)) &&
        _sm_eval_category_is (ctx->tie_category[t], categories))
      {
        if (what != NULL)
          {
            g_autofree char *word = g_utf8_strdown (sm_value_label (ctx->tie_category[t]), -1);

            if (strstr (what->str, word) == NULL)
              {
                if (what->len > 0)
                  g_string_append (what, _(", "));
                g_string_append (what, word);
              }
          }
        found = TRUE;
      }
  return found;
}

static void
sm_rule_ws04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint producing = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean role = FALSE;

      if (is_i (ctx, i) && (list_has (ctx->people[i], "roles", "facilitator") ||
                            list_has (ctx->people[i], "roles", "catalyst")))
        _sm_result_evidence_person (ctx, result, i, _("staff member in a facilitating role"));
      if (!is_c (ctx, i))
        continue;
      for (guint r = 0; producing_roles[r] != NULL && !role; r++)
        role = list_has (ctx->people[i], "roles", producing_roles[r]);
      if (role || gives_category (ctx, i, producing_categories, NULL))
        {
          producing++;
          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("in a producing role"));
        }
    }

  result->value = (double) producing / ctx->n_community;
  _sm_result_set (result, "producing", producing);
  var_names (result, "names", names);
  _sm_result_var_number (result, "k", producing, 0);
  _sm_result_var_number (result, "n", ctx->n_community, 0);
  var_threshold_pct (ctx, result, "warn_pct", "ws04.warn_share");

  if (producing == 0 && ctx->n_community >= 2)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ws04.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* P4 — Being accessible and inclusive */

static void
sm_rule_ai01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *spaces = sm_map_get_collection (ctx->map, SM_RECORD_SPACE);
  g_autofree gboolean *in_deciding = g_new0 (gboolean, MAX (ctx->n, 1));
  g_autoptr(GPtrArray) no = g_ptr_array_new ();
  g_autoptr(GPtrArray) partly = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  GString *message;
  guint declared = 0, n_unknown_c = 0;
  gboolean no_in_deciding = FALSE;
  double no_share, unknown_share;

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord *space = sm_collection_get (spaces, s);
      JsonArray *members = get_array (space, "members");

      if (!is_deciding_space (ctx, space, FALSE))
        continue;
      for (guint m = 0; members != NULL && m < json_array_get_length (members); m++)
        {
          JsonNode *node = json_array_get_element (members, m);
          guint k = JSON_NODE_HOLDS_OBJECT (node)
                      ? _sm_eval_lookup (ctx, json_object_get_string_member_with_default (json_node_get_object (node),
                                                                                          "stakeholder", NULL))
                      : 0;

          if (k > 0)
            in_deciding[k - 1] = TRUE;
        }
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      SmRecord *s = ctx->people[i];
      SmTristate needs = sm_record_get_boolean (s, "accessibility.needs_declared");
      const char *met = sm_record_get_enum (s, "accessibility.met");

      /* Someone who declared no needs has nothing unmet; unknown is
       * only an unknown for people who may have needs. */
      if (is_c (ctx, i) && needs != SM_TRISTATE_FALSE && g_strcmp0 (met, "unknown") == 0)
        {
          n_unknown_c++;
          g_ptr_array_add (unknown, (char *) _sm_eval_person (ctx, i));
          _sm_result_gap (result, s, "accessibility.met");
        }
      if (needs != SM_TRISTATE_TRUE)
        continue;
      _sm_result_need (result, g_strcmp0 (met, "unknown") != 0);
      if (g_strcmp0 (met, "unknown") == 0)
        continue;
      declared++;
      if (g_strcmp0 (met, "no") == 0)
        {
          g_ptr_array_add (no, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("access needs not met"));
          if (in_deciding[i])
            no_in_deciding = TRUE;
        }
      else if (g_strcmp0 (met, "partly") == 0)
        {
          g_ptr_array_add (partly, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("access needs partly met"));
        }
    }

  no_share = declared > 0 ? (double) no->len / declared : 0;
  unknown_share = ctx->n_community > 0 ? (double) n_unknown_c / ctx->n_community : 0;
  result->value = declared > 0 ? (double) (no->len + partly->len) / declared : 0;
  _sm_result_set (result, "declared", declared);
  _sm_result_set (result, "not_met_share", no_share);
  _sm_result_set (result, "unknown_share", unknown_share);

  if ((no->len > 0 && no_share >= _sm_eval_cfg (ctx, "ai01.fail_share")) || no_in_deciding)
    result->status = SM_RULE_FAIL;
  else if (no->len > 0 || partly->len > 0 || unknown_share > _sm_eval_cfg (ctx, "ai01.max_unknown"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;

  /* One sentence per kind of finding, so each reads true on its own. */
  message = g_string_new (NULL);
  if (no->len > 0)
    {
      g_autofree char *names = _sm_names_join (no);

      g_string_append_printf (message, no_in_deciding ? _("The access needs of %s are not met, including "
                                                          "for someone who sits where decisions are made. ")
                                                      : _("The access needs of %s are not met. "), names);
    }
  if (partly->len > 0)
    {
      g_autofree char *names = _sm_names_join (partly);

      g_string_append_printf (message, _("The access needs of %s are only partly met. "), names);
    }
  if (unknown->len > 0)
    {
      g_autofree char *names = _sm_names_join (unknown);

      g_string_append_printf (message, _("We don’t know whether %s can take part in the way that suits "
                                         "them. "), names);
    }
  if (result->status == SM_RULE_PASS && no->len + partly->len == 0)
    g_string_append (message, declared > 0 ? _("Everyone who declared access needs has them met. ")
                                           : _("No one on this map has declared access needs that are unmet. "));
  if (result->status != SM_RULE_PASS)
    {
      g_autofree char *fail = g_strdup_printf ("%.0f", _sm_eval_cfg (ctx, "ai01.fail_share") * 100);
      g_autofree char *unk = g_strdup_printf ("%.0f", _sm_eval_cfg (ctx, "ai01.max_unknown") * 100);

      g_string_append_printf (message, _("(Your thresholds: needs unmet for %s%% of people, or unknown for "
                                         "more than %s%%; judgement calls you can change.)"), fail, unk);
    }
  g_strchomp (message->str);
  _sm_result_template (result, message->str);
  g_string_free (message, TRUE);
}

static void
sm_rule_ai02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  double min_level = _sm_eval_cfg (ctx, "ai02.min_level");
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autoptr(GPtrArray) not_recognised = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  guint n = 0, ok = 0, i_known = 0, i_paid = 0;
  double share, inst_share;

  for (guint i = 0; i < ctx->n; i++)
    {
      const char *paid = sm_record_get_enum (ctx->people[i], "remuneration.time_paid");
      SmTristate rec;

      if (is_i (ctx, i) && g_strcmp0 (paid, "unknown") != 0)
        {
          i_known++;
          if (g_strcmp0 (paid, "salaried") == 0)
            i_paid++;
        }
      if (!is_c (ctx, i))
        continue;
      if (!SM_IS_KNOWN (ctx->level[i]))
        {
          _sm_result_need (result, FALSE);
          _sm_result_gap (result, ctx->people[i], "participation_level");
          continue;
        }
      if (ctx->level[i] < min_level)
        continue;

      /* Out of pocket is a fact on its own, whatever else is unknown. */
      if (g_strcmp0 (sm_record_get_enum (ctx->people[i], "remuneration.expenses_covered"), "no") == 0)
        {
          g_ptr_array_add (out, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("out of pocket: expenses not covered"));
        }
      rec = recognised (ctx->people[i]);
      _sm_result_need (result, rec != SM_TRISTATE_UNKNOWN);
      if (rec == SM_TRISTATE_UNKNOWN)
        {
          g_ptr_array_add (unknown, (char *) _sm_eval_person (ctx, i));
          _sm_result_gap (result, ctx->people[i],
                          expenses_ok (ctx->people[i]) == SM_TRISTATE_UNKNOWN ? "remuneration.expenses_covered"
                                                                               : "remuneration.time_paid");
          continue;
        }
      n++;
      if (rec == SM_TRISTATE_TRUE)
        ok++;
      else
        {
          g_ptr_array_add (not_recognised, (char *) _sm_eval_person (ctx, i));
          if (g_strcmp0 (sm_record_get_enum (ctx->people[i], "remuneration.expenses_covered"), "no") != 0)
            _sm_result_evidence_person (ctx, result, i, _("not paid or recognised for their time"));
        }
    }

  if (n == 0 && out->len == 0)
    {
      if (unknown->len > 0)
        _sm_result_insufficient (result, _("The map doesn’t say whether people with lived experience who "
                                           "give their time are paid or have their expenses covered."));
      else
        _sm_result_not_applicable (result, _("No one with lived experience gives their time at "
                                             "‘consultation’ level or above yet."));
      return;
    }

  share = n > 0 ? (double) ok / n : 0;
  inst_share = i_known > 0 ? (double) i_paid / i_known : NAN;
  result->value = share;
  _sm_result_set (result, "out_of_pocket", out->len);
  _sm_result_set (result, "institutional_paid_share", inst_share);
  _sm_result_var_number (result, "k", ok, 0);
  _sm_result_var_number (result, "n", n, 0);
  _sm_result_var_number (result, "ip", i_paid, 0);
  _sm_result_var_number (result, "in", i_known, 0);
  var_threshold_pct (ctx, result, "fail_pct", "ai02.recognised_fail");
  var_names (result, "names", not_recognised);
  var_names (result, "unknown", unknown);

  if (out->len > 0)
    {
      result->status = SM_RULE_FAIL;
      var_names (result, "names", out);
      _sm_result_template (result, i_known > 0
                                     ? ngettext ("{names} is out of pocket for taking part, while {ip} of {in} "
                                                 "professionals attend in paid time. No one should be worse "
                                                 "off for taking part.",
                                                 "{names} are out of pocket for taking part, while {ip} of {in} "
                                                 "professionals attend in paid time. No one should be worse "
                                                 "off for taking part.", out->len)
                                     : ngettext ("{names} is out of pocket for taking part. No one should be "
                                                 "worse off for taking part.",
                                                 "{names} are out of pocket for taking part. No one should be "
                                                 "worse off for taking part.", out->len));
    }
  else if (share < _sm_eval_cfg (ctx, "ai02.recognised_fail") && !isnan (inst_share) &&
           inst_share >= _sm_eval_cfg (ctx, "ai02.inst_paid_share"))
    result->status = SM_RULE_FAIL;
  else if (share < 1 || unknown->len > 0)
    {
      result->status = SM_RULE_WARN;
      if (not_recognised->len == 0)
        _sm_result_template (result, _("The map doesn’t say whether {unknown} are paid or recognised for "
                                       "their time, or have their expenses covered."));
    }
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_ai03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *groups = sm_map_get_collection (ctx->map, SM_RECORD_AFFECTED_GROUP);
  double min_level = _sm_eval_cfg (ctx, "ai03.min_level");
  g_autoptr(GPtrArray) uncovered = g_ptr_array_new ();
  guint n = 0, covered = 0;

  if (sm_collection_get_size (groups) == 0)
    {
      _sm_result_not_applicable (result, _("The map doesn’t list who is affected by this work. Add the "
                                           "affected groups so this can be checked."));
      return;
    }

  for (guint g = 0; g < sm_collection_get_size (groups); g++)
    {
      SmRecord *group = sm_collection_get (groups, g);
      const char *id = sm_record_get_id (group);
      gboolean is_covered = FALSE, unknown = FALSE;

      for (guint i = 0; i < ctx->n; i++)
        {
          if (!list_has (ctx->people[i], "represents", id))
            continue;
          if (!SM_IS_KNOWN (ctx->level[i]))
            unknown = TRUE;
          else if (ctx->level[i] >= min_level)
            is_covered = TRUE;
        }
      if (!is_covered && unknown)
        {
          _sm_result_need (result, FALSE);
          _sm_result_gap (result, group, "participation level of those who represent it");
          continue;
        }
      _sm_result_need (result, TRUE);
      n++;
      if (is_covered)
        covered++;
      else
        {
          g_ptr_array_add (uncovered, (char *) sm_record_get_label (group));
          _sm_result_evidence (result, "group", id, _("no one involved beyond being informed or consulted"));
        }
    }

  /* Missing voices: a high stake, but informed at most. */
  for (guint i = 0; i < ctx->n; i++)
    if ((_sm_eval_high (ctx, ctx->urgency[i]) || _sm_eval_high (ctx, ctx->interest[i])) &&
        SM_IS_KNOWN (ctx->level[i]) && ctx->level[i] <= 3)
      _sm_result_evidence_person (ctx, result, i, _("missing voice: high stake, informed at most"));

  if (n == 0)
    {
      _sm_result_insufficient (result, _("The map doesn’t say how the people who represent the affected "
                                         "groups take part."));
      return;
    }

  result->value = (double) covered / n;
  _sm_result_set (result, "groups", n);
  _sm_result_set (result, "covered", covered);
  var_names (result, "uncovered", uncovered);
  _sm_result_var_number (result, "k", covered, 0);
  _sm_result_var_number (result, "n", n, 0);
  _sm_result_var (result, "min_label", _sm_ladder_label (min_level));
  var_threshold_pct (ctx, result, "fail_pct", "ai03.fail_coverage");

  if (result->value >= _sm_eval_cfg (ctx, "ai03.warn_coverage"))
    result->status = SM_RULE_PASS;
  else if (result->value >= _sm_eval_cfg (ctx, "ai03.fail_coverage"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_FAIL;
}

static void
sm_rule_ai04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) isolates = g_ptr_array_new ();
  g_autoptr(GPtrArray) single = g_ptr_array_new ();
  double isolate_share, single_share;

  if (graph_too_small (ctx, result))
    return;

  for (guint i = 0; i < ctx->n; i++)
    {
      GArray *adj = g_ptr_array_index (ctx->adjacency, i);

      if (!is_c (ctx, i))
        continue;
      if (adj->len == 0)
        {
          g_ptr_array_add (isolates, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("no recorded relationships"));
        }
      else if (adj->len == 1 && is_i (ctx, g_array_index (adj, guint, 0)))
        {
          g_ptr_array_add (single, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("one link only, to a professional"));
        }
    }

  isolate_share = (double) isolates->len / ctx->n_community;
  single_share = (double) single->len / ctx->n_community;
  result->value = isolate_share;
  _sm_result_set (result, "isolates", isolates->len);
  _sm_result_set (result, "single_thread_share", single_share);
  var_names (result, "names", isolates->len > 0 ? isolates : single);
  _sm_result_var_number (result, "k", isolates->len > 0 ? isolates->len : single->len, 0);
  _sm_result_var_number (result, "n", ctx->n_community, 0);
  var_threshold_pct (ctx, result, "fail_pct", "ai04.fail_isolate_share");
  var_threshold_pct (ctx, result, "warn_pct", "ai04.warn_single_thread_share");

  if (isolates->len > 0 && isolate_share >= _sm_eval_cfg (ctx, "ai04.fail_isolate_share"))
    result->status = SM_RULE_FAIL;
  else if (isolates->len > 0)
    result->status = SM_RULE_WARN;
  else if (single_share > _sm_eval_cfg (ctx, "ai04.warn_single_thread_share"))
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, _("The map shows {names} linked to the work through one professional "
                                     "only ({k} of {n} people with lived experience; worth a look above "
                                     "{warn_pct}%, a judgement call you can change)."));
    }
  else
    result->status = SM_RULE_PASS;
}

/* P5 — Encouraging reciprocity and mutual support */

typedef struct
{
  gboolean ab;
  gboolean ba;
  gboolean balanced;
  gboolean some;
  guint a;
  guint b;
  guint tie;
} Pair;

static void
sm_rule_rm01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) arcs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;
  guint n = 0, two_way = 0, some = 0, reciprocated = 0;

  for (guint t = 0; t < ctx->n_ties; t++)
    {
      guint s = ctx->tie_source[t], d = ctx->tie_target[t];
      gint64 key;
      Pair *pair;

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

      if (!((is_c (ctx, s) && is_i (ctx, d)) || (is_i (ctx, s) && is_c (ctx, d))))
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
          g_autofree char *label = g_strdup_printf (_("%s – %s: one way only%s"), _sm_eval_person (ctx, pair->a),
                                                    _sm_eval_person (ctx, pair->b),
                                                    pair->some ? _(" (something flows back)") : "");
          _sm_result_evidence (result, "relationship", tie_id (ctx, t), label);
        }
      if (pair->some)
        some++;
    }

  if (n == 0)
    {
      _sm_result_not_applicable (result, _("The map shows no relationships between professionals and "
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
  var_threshold_pct (ctx, result, "warn_pct", "rm01.warn_share");
  var_threshold_pct (ctx, result, "fail_pct", "rm01.fail_share");

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
      gboolean gives, gets = FALSE;
      SmTristate rec;

      if (!is_c (ctx, i))
        continue;
      gives = gives_category (ctx, i, giving_categories, what);
      for (guint t = 0; t < ctx->n_ties && !gets; t++)
        if ((ctx->tie_target[t] == i || (ctx->tie_two_way[t] && ctx->tie_source[t] == i)) &&
            _sm_eval_category_is (ctx->tie_category[t], getting_categories))
          gets = TRUE;
      rec = gives && !gets ? recognised (ctx->people[i]) : SM_TRISTATE_FALSE;
      _sm_result_need (result, rec != SM_TRISTATE_UNKNOWN);
      if (rec == SM_TRISTATE_UNKNOWN)
        {
          _sm_result_gap (result, ctx->people[i], "remuneration");
          continue;
        }
      n++;
      if (gives && !gets && rec == SM_TRISTATE_FALSE)
        {
          g_autofree char *detail = g_strdup_printf (_("gives %s; nothing recorded coming back"), what->str);

          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, detail);
          if (all_what->len > 0 && strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, _(", "));
          if (strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, what->str);
        }
    }

  if (n == 0)
    {
      _sm_result_insufficient (result, _("The map doesn’t say what people with lived experience get back "
                                         "for what they give."));
      return;
    }

  result->value = (double) names->len / n;
  _sm_result_set (result, "extractive", names->len);
  var_names (result, "names", names);
  _sm_result_var (result, "what", all_what->str);
  _sm_result_var_number (result, "k", names->len, 0);
  _sm_result_var_number (result, "n", n, 0);
  var_threshold_pct (ctx, result, "fail_pct", "rm02.fail_share");

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
  guint peer = 0, external = 0, internal = 0;
  double ei;

  for (guint i = 0; i < ctx->n; i++)
    {
      GArray *adj = g_ptr_array_index (ctx->adjacency, i);
      gboolean has_peer = FALSE;

      if (!is_c (ctx, i))
        continue;
      for (guint a = 0; a < adj->len && !has_peer; a++)
        has_peer = is_c (ctx, g_array_index (adj, guint, a));
      if (has_peer)
        peer++;
      else
        {
          g_ptr_array_add (alone, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("no link to another person with lived experience"));
        }
    }

  /* E-I by relationship records, not distinct pairs: §9's verified +0.56
   * (5/9) counts the 7 records between the community and others and the
   * 2 within it; §3.8's pair count (sm_graph_ei_index) gives 3/7. */
  for (guint t = 0; t < ctx->n_ties; t++)
    {
      gboolean a = is_c (ctx, ctx->tie_source[t]), b = is_c (ctx, ctx->tie_target[t]);

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
    _sm_result_var (result, "ei", _("no links"));
  else
    _sm_result_var_take (result, "ei", g_strdup_printf ("%+.2f", ei));
  var_names (result, "names", alone);
  var_threshold_pct (ctx, result, "warn_pct", "rm03.warn_share");

  if (peer == 0 && ctx->n_community >= _sm_eval_cfg (ctx, "rm03.min_n_fail"))
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "rm03.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* P6 — Using assets and resources */

static void
sm_rule_ar01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) deficit = g_ptr_array_new ();
  guint c_with = 0, i_with = 0;
  double cov_c, cov_i;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean has_assets = array_length (ctx->people[i], "assets") > 0;

      if (is_i (ctx, i) && has_assets)
        i_with++;
      if (!is_c (ctx, i))
        continue;
      if (has_assets)
        c_with++;
      else if (array_length (ctx->people[i], "needs") > 0)
        {
          g_ptr_array_add (deficit, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _("described only by their needs"));
        }
      else
        _sm_result_evidence_person (ctx, result, i, _("no strengths recorded"));
    }

  cov_c = (double) c_with / ctx->n_community;
  cov_i = ctx->n_institutional > 0 ? (double) i_with / ctx->n_institutional : NAN;
  result->value = cov_c;
  _sm_result_set (result, "institutional_coverage", cov_i);
  _sm_result_set (result, "deficit_only", deficit->len);
  var_pct (result, "covC", cov_c);
  if (!isnan (cov_i))
    var_pct (result, "covI", cov_i);
  if (deficit->len > 0)
    {
      g_autofree char *names = _sm_names_join (deficit);

      _sm_result_var_take (result, "deficit",
                           g_strdup_printf (ngettext (" %s is described only by their needs.",
                                                      " %s are described only by their needs.",
                                                      deficit->len), names));
    }
  else
    _sm_result_var (result, "deficit", "");
  var_threshold_pct (ctx, result, "warn_pct", "ar01.warn_cov");
  var_threshold_pct (ctx, result, "fail_pct", "ar01.fail_cov");

  if (cov_c < _sm_eval_cfg (ctx, "ar01.fail_cov"))
    result->status = SM_RULE_FAIL;
  else if (cov_c < _sm_eval_cfg (ctx, "ar01.warn_cov") ||
           (!isnan (cov_i) && cov_c < cov_i - _sm_eval_cfg (ctx, "ar01.max_gap_vs_inst")) ||
           deficit->len > 0)
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;

  if (isnan (cov_i))
    _sm_result_template (result, result->status == SM_RULE_PASS
                                   ? _("Strengths are recorded for {covC}% of people with lived experience.")
                                   : _("Strengths are recorded for only {covC}% of people with lived "
                                       "experience.{deficit}"));
}

static char *
asset_label (SmEvalContext *ctx,
             guint          i,
             JsonObject    *asset)
{
  const char *description = json_object_get_string_member_with_default (asset, "description", NULL);
  const char *type = json_object_get_string_member_with_default (asset, "type", "other");

  return g_strdup_printf (_("%s (%s)"), description != NULL && *description != '\0'
                                          ? description : sm_value_label (type),
                          _sm_eval_person (ctx, i));
}

static void
sm_rule_ar02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (g_free);
  guint n = 0, used = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      JsonArray *assets;

      if (!is_c (ctx, i))
        continue;
      assets = get_array (ctx->people[i], "assets");
      for (guint a = 0; assets != NULL && a < json_array_get_length (assets); a++)
        {
          JsonNode *node = json_array_get_element (assets, a);
          JsonNode *in_use;
          JsonObject *asset;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          asset = json_node_get_object (node);
          in_use = json_object_get_member (asset, "in_use");
          if (in_use == NULL || !JSON_NODE_HOLDS_VALUE (in_use) ||
              json_node_get_value_type (in_use) != G_TYPE_BOOLEAN)
            {
              g_autofree char *path = g_strdup_printf ("assets[%u].in_use", a);

              _sm_result_need (result, FALSE);
              _sm_result_gap (result, ctx->people[i], path);
              continue;
            }
          _sm_result_need (result, TRUE);
          n++;
          if (json_node_get_boolean (in_use))
            used++;
          else
            {
              char *label = asset_label (ctx, i, asset);

              _sm_result_evidence_person (ctx, result, i, label);
              g_ptr_array_add (unused, label);
            }
        }
    }

  if (n < _sm_eval_cfg (ctx, "ar02.min_assets"))
    {
      g_autofree char *message =
        g_strdup_printf (_("The map records fewer than %.0f strengths of people with lived experience, so "
                           "there is little to check yet."), _sm_eval_cfg (ctx, "ar02.min_assets"));
      if (n == 0 && result->data_gaps->len > 0)
        _sm_result_insufficient (result, _("The map doesn’t say whether the strengths of people with lived "
                                           "experience are being used."));
      else
        _sm_result_not_applicable (result, message);
      return;
    }

  result->value = (double) used / n;
  _sm_result_set (result, "assets", n);
  _sm_result_set (result, "in_use", used);
  _sm_result_var_number (result, "k", used, 0);
  _sm_result_var_number (result, "n", n, 0);
  _sm_result_var_take (result, "list", _sm_names_join (unused));
  var_threshold_pct (ctx, result, "warn_pct", "ar02.warn_share");

  if (used == 0)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ar02.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
  if (result->status == SM_RULE_PASS && unused->len == 0)
    _sm_result_template (result, _("All {n} strengths people with lived experience bring are being used."));
}

static const char *const labour_categories[] = {
  "support_care", "peer_support", "service_delivery", NULL
};

static void
sm_rule_ar03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) all_what = g_string_new (NULL);
  guint workers = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      g_autoptr(GString) what = g_string_new (NULL);
      JsonArray *assets;
      SmTristate seen = SM_TRISTATE_FALSE;

      if (!is_c (ctx, i) || !gives_category (ctx, i, labour_categories, what))
        continue;

      assets = get_array (ctx->people[i], "assets");
      for (guint a = 0; assets != NULL && a < json_array_get_length (assets); a++)
        {
          JsonNode *node = json_array_get_element (assets, a);
          JsonNode *rec;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          rec = json_object_get_member (json_node_get_object (node), "recognised");
          if (rec != NULL && JSON_NODE_HOLDS_VALUE (rec) && json_node_get_value_type (rec) == G_TYPE_BOOLEAN)
            {
              if (json_node_get_boolean (rec))
                seen = SM_TRISTATE_TRUE;
            }
          else if (seen == SM_TRISTATE_FALSE)
            seen = SM_TRISTATE_UNKNOWN;
        }
      if (seen != SM_TRISTATE_TRUE)
        {
          SmTristate paid = paid_or_recognised (ctx->people[i]);

          if (paid == SM_TRISTATE_TRUE)
            seen = SM_TRISTATE_TRUE;
          else if (paid == SM_TRISTATE_UNKNOWN)
            seen = SM_TRISTATE_UNKNOWN;
        }

      _sm_result_need (result, seen != SM_TRISTATE_UNKNOWN);
      if (seen == SM_TRISTATE_UNKNOWN)
        {
          _sm_result_gap (result, ctx->people[i], "recognition (assets[].recognised, remuneration)");
          continue;
        }
      workers++;
      if (seen == SM_TRISTATE_FALSE)
        {
          g_autofree char *detail = g_strdup_printf (_("gives %s; no recognition recorded"), what->str);

          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, detail);
          if (all_what->len > 0 && strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, _(", "));
          if (strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, what->str);
        }
    }

  if (workers == 0)
    {
      if (result->data_gaps->len > 0)
        _sm_result_insufficient (result, _("The map doesn’t say whether the care, peer support or delivery "
                                           "people with lived experience give is recognised."));
      else
        _sm_result_not_applicable (result, _("The map records no care, peer support or delivery given by "
                                             "people with lived experience."));
      return;
    }

  result->value = (double) names->len / workers;
  _sm_result_set (result, "workers", workers);
  _sm_result_set (result, "unrecognised", names->len);
  var_names (result, "names", names);
  _sm_result_var (result, "what", all_what->str);
  _sm_result_var_number (result, "k", names->len, 0);
  _sm_result_var_number (result, "n", workers, 0);
  var_threshold_pct (ctx, result, "fail_pct", "ar03.fail_share");

  if (names->len > 0 && result->value >= _sm_eval_cfg (ctx, "ar03.fail_share"))
    result->status = SM_RULE_FAIL;
  else if (names->len > 0)
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_ar04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  guint active = 0, supported = 0, staff = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      if (is_i (ctx, i) && list_has (ctx->people[i], "capacity_support", "training"))
        {
          staff++;
          _sm_result_evidence_person (ctx, result, i, _("staff member trained"));
        }
      if (!is_c (ctx, i))
        continue;
      _sm_result_need (result, SM_IS_KNOWN (ctx->level[i]));
      if (!SM_IS_KNOWN (ctx->level[i]))
        {
          _sm_result_gap (result, ctx->people[i], "participation_level");
          continue;
        }
      if (ctx->level[i] < 5)
        continue;
      active++;
      /* An empty list is a recorded "no support", not an unknown. */
      for (guint s = 0; s < array_length (ctx->people[i], "capacity_support"); s++)
        {
          JsonNode *e = json_array_get_element (get_array (ctx->people[i], "capacity_support"), s);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_strcmp0 (json_node_get_string (e), "none") != 0)
            {
              supported++;
              _sm_result_evidence_person (ctx, result, i, _("active and supported"));
              break;
            }
        }
    }

  if (active == 0)
    {
      _sm_result_not_applicable (result, _("No one with lived experience takes part at ‘engagement’ level or "
                                           "above yet, so there is no one to check support for."));
      return;
    }

  result->value = (double) supported / active;
  _sm_result_set (result, "active", active);
  _sm_result_set (result, "supported", supported);
  _sm_result_set (result, "staff_trained", staff);
  _sm_result_var_number (result, "k", supported, 0);
  _sm_result_var_number (result, "n", active, 0);
  _sm_result_var_number (result, "m", staff, 0);
  var_threshold_pct (ctx, result, "warn_pct", "ar04.warn_share");

  if (result->value < _sm_eval_cfg (ctx, "ar04.warn_share") || staff == 0)
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* P7 — Being open and transparent */

static void
sm_rule_ot01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmRecord *meta = sm_map_get_metadata (ctx->map);
  JsonArray *off = get_array (meta, "off_the_table");
  guint n_on = array_length (meta, "on_the_table");
  guint n_off = off != NULL ? json_array_get_length (off) : 0;
  g_autoptr(GPtrArray) no_reason = g_ptr_array_new ();

  for (guint i = 0; i < n_off; i++)
    {
      JsonNode *node = json_array_get_element (off, i);
      JsonObject *item;
      const char *reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      reason = json_object_get_string_member_with_default (item, "reason", NULL);
      if (reason == NULL || *reason == '\0')
        g_ptr_array_add (no_reason, (char *) json_object_get_string_member_with_default (item, "item", "?"));
      if (json_object_get_string_member_with_default (item, "decided_by", NULL) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("off_the_table[%u].decided_by", i);

          /* Noted, not scored: §9 passes with one item lacking it. */
          _sm_result_gap (result, NULL, path);
        }
    }

  result->value = (n_on > 0) + (n_off > 0);
  _sm_result_set (result, "on_the_table", n_on);
  _sm_result_set (result, "off_the_table", n_off);
  _sm_result_set (result, "off_without_reason", no_reason->len);
  _sm_result_var_number (result, "n_on", n_on, 0);
  _sm_result_var_number (result, "n_off", n_off, 0);

  if (n_on == 0 && n_off == 0)
    result->status = SM_RULE_FAIL;
  else if (n_off == 0)
    result->status = SM_RULE_WARN;
  else if (n_on == 0)
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, _("The map records what is off the table but not what is on it: what "
                                     "people can actually change."));
    }
  else if (no_reason->len > 0)
    {
      result->status = SM_RULE_WARN;
      var_names (result, "items", no_reason);
      _sm_result_template (result, ngettext ("“{items}” is off the table, but the map doesn’t say why.",
                                             "{items} are off the table, but the map doesn’t say why.",
                                             no_reason->len));
    }
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_ot02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  g_autoptr(GPtrArray) untold = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unclear = g_ptr_array_new_with_free_func (g_free);
  GString *message;
  guint n = 0, ok = 0;

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) input = refs_of (ctx, decision, "input_from");
      g_autoptr(GArray) by = refs_of (ctx, decision, "decided_by");
      const char *space_id = sm_record_get_string (decision, "space_id");
      SmRecord *space = space_id != NULL ? sm_map_lookup_kind (ctx->map, SM_RECORD_SPACE, space_id) : NULL;
      gboolean closed = space != NULL && g_strcmp0 (sm_record_get_enum (space, "type"), "closed") == 0;
      gboolean c_input = any_community (ctx, input);
      SmTristate reported;

      /* D*: community involvement counts whether they gave input or
       * co-decided (§9 counts D3, co-decided by SUA, with 0.67); only
       * input_from asks whether the input changed the outcome. An open
       * decision has no outcome to report yet (§9's are all made). */
      if ((!c_input && !any_community (ctx, by) && !closed) ||
          g_strcmp0 (sm_record_get_enum (decision, "status"), "open") == 0)
        continue;
      reported = sm_record_get_boolean (decision, "reported_back");
      _sm_result_need (result, reported != SM_TRISTATE_UNKNOWN);
      if (reported == SM_TRISTATE_UNKNOWN)
        {
          _sm_result_gap (result, decision, "reported_back");
          continue;
        }
      n++;
      if (reported == SM_TRISTATE_FALSE)
        {
          g_ptr_array_add (untold, g_strdup_printf (_("“%s”"), sm_record_get_label (decision)));
          _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                               closed ? _("taken in a closed space; not reported back") : _("not reported back"));
        }
      else if (c_input && g_strcmp0 (sm_record_get_enum (decision, "input_changed_outcome"), "unknown") == 0)
        {
          g_ptr_array_add (unclear, g_strdup_printf (_("“%s”"), sm_record_get_label (decision)));
          _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                               _("reported back, but not whether input changed the outcome"));
        }
      else
        ok++;
    }

  if (n == 0)
    {
      if (result->data_gaps->len > 0)
        _sm_result_insufficient (result, _("The map doesn’t say whether people were told the outcome of "
                                           "the decisions they gave input to."));
      else
        _sm_result_not_applicable (result, _("No decision on this map had input from people with lived "
                                             "experience or was taken behind closed doors."));
      return;
    }

  result->value = (double) ok / n;
  _sm_result_set (result, "decisions", n);
  _sm_result_set (result, "reported", ok);

  if (ok == 0 && n >= _sm_eval_cfg (ctx, "ot02.min_n_fail"))
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ot02.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;

  message = g_string_new (NULL);
  if (untold->len > 0)
    {
      g_autofree char *list = _sm_names_join (untold);

      g_string_append_printf (message, _("The map doesn’t show that people were told the outcome of %s. "), list);
    }
  if (unclear->len > 0)
    {
      g_autofree char *list = _sm_names_join (unclear);

      g_string_append_printf (message, _("For %s, the map doesn’t say whether people’s input changed "
                                         "anything. "), list);
    }
  if (result->status == SM_RULE_PASS && message->len == 0)
    g_string_append_printf (message, _("People were told the outcome of all %u decisions they gave input "
                                       "to or that were taken behind closed doors. "), n);
  else
    g_string_append_printf (message, _("%u of %u such decisions were fully reported back (worth a look "
                                       "below %.0f%%, a judgement call you can change). "),
                            ok, n, _sm_eval_cfg (ctx, "ot02.warn_share") * 100);
  g_strchomp (message->str);
  _sm_result_template (result, message->str);
  g_string_free (message, TRUE);
}

static void
sm_rule_ot03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) steep = g_ptr_array_new_with_free_func (g_free);
  GString *message;
  guint annotated = 0, n_hidden = 0;
  double share, min_annotated = _sm_eval_cfg (ctx, "ot03.min_annotated");

  if (ctx->n_ties == 0)
    {
      _sm_result_not_applicable (result, _("The map has no relationships yet."));
      return;
    }

  for (guint t = 0; t < ctx->n_ties; t++)
    {
      SmRecord *r = ctx->tie_records[t];
      const char *form = sm_record_get_enum (r, "power_form");
      const char *note = sm_record_get_string (r, "power_note");
      gboolean noted = note != NULL && *note != '\0';
      guint s = ctx->tie_source[t], d = ctx->tie_target[t];

      if (g_strcmp0 (form, "unknown") != 0)
        annotated++;
      if (g_strcmp0 (form, "hidden") == 0 || g_strcmp0 (form, "invisible") == 0)
        {
          n_hidden++;
          if (!noted)
            {
              g_autofree char *label = tie_label (ctx, t);
              g_autofree char *word = g_utf8_strdown (sm_value_label (form), -1);
              char *item = g_strdup_printf (_("%s (%s)"), label, word);

              _sm_result_evidence (result, "relationship", tie_id (ctx, t), item);
              g_ptr_array_add (hidden, item);
            }
        }
      if (!noted && sm_record_get_number (r, "power_difference.magnitude", 0) >= 2 &&
          ((is_c (ctx, s) && is_i (ctx, d)) || (is_i (ctx, s) && is_c (ctx, d))))
        {
          char *label = tie_label (ctx, t);

          _sm_result_evidence (result, "relationship", tie_id (ctx, t), _("marked power difference, no note"));
          g_ptr_array_add (steep, label);
        }
    }

  share = (double) annotated / ctx->n_ties;
  result->value = hidden->len;
  _sm_result_set (result, "annotated_share", share);
  _sm_result_set (result, "hidden_or_invisible", n_hidden);
  _sm_result_set (result, "steep_without_note", steep->len);

  if (hidden->len > 0 || steep->len > 0 || share < min_annotated)
    result->status = SM_RULE_WARN;
  else if (n_hidden == 0 && ctx->n_ties >= _sm_eval_cfg (ctx, "ot03.prompt_min_edges"))
    result->status = SM_RULE_INFO;
  else
    result->status = SM_RULE_PASS;

  message = g_string_new (NULL);
  if (hidden->len > 0)
    {
      g_autofree char *list = _sm_names_join (hidden);

      g_string_append_printf (message,
                              ngettext ("%u relationship is marked as involving hidden or invisible power "
                                        "(%s), but the map doesn’t say how this is being acknowledged or "
                                        "addressed. ",
                                        "%u relationships are marked as involving hidden or invisible power "
                                        "(%s), but the map doesn’t say how this is being acknowledged or "
                                        "addressed. ", hidden->len),
                              hidden->len, list);
    }
  if (steep->len > 0)
    {
      g_autofree char *list = _sm_names_join (steep);

      g_string_append_printf (message, _("The map shows a marked power difference between professionals "
                                         "and people with lived experience in %s, with no note on how it "
                                         "is handled. "), list);
    }
  if (share < min_annotated)
    g_string_append_printf (message, _("The form of power is recorded for %.0f%% of relationships, so power "
                                       "may not have been looked at closely yet (your threshold: %.0f%%, a "
                                       "judgement call you can change). "), share * 100, min_annotated * 100);
  if (result->status == SM_RULE_INFO)
    g_string_append (message, _("No hidden or invisible power is recorded. Is that because there is none, "
                                "or because it is hard to see? "));
  else if (result->status == SM_RULE_PASS)
    g_string_append (message, n_hidden > 0 ? _("The hidden and invisible power on the map has notes on how it "
                                               "is being addressed. ")
                                           : _("The map records the forms of power in its relationships. "));
  g_strchomp (message->str);
  _sm_result_template (result, message->str);
  g_string_free (message, TRUE);
}

/* Which community members reach a decision-holder only through g: for
 * each articulation point of the graph plus one node joined to every
 * decision-holder, one search without it. The cut vertices of that
 * graph are the only candidates, so this stays near O(V + E) per cut
 * vertex rather than per stakeholder pair. */
static void
sm_rule_ot04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  guint n = ctx->n, sink = ctx->n;
  g_autoptr(SmGraph) graph = NULL;
  g_autoptr(GArray) cuts = NULL;
  g_autofree gboolean *reach = NULL;
  g_autofree gboolean *seen = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GPtrArray) gate_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) brokers = g_ptr_array_new ();
  g_autoptr(GPtrArray) worst_names = g_ptr_array_new ();
  const double *betweenness;
  gboolean institutional = FALSE, community_only = TRUE;
  double best_share = 0;
  int worst = -1;

  if (ctx->n_decision_holders == 0)
    {
      _sm_result_not_applicable (result, _("The map doesn’t show who holds the budget or final decisions, so "
                                           "there are no routes to them to check."));
      return;
    }
  if (graph_too_small (ctx, result))
    return;
  list_decision_holders (ctx, result);

  graph = sm_graph_new (n + 1);
  for (guint u = 0; u < n; u++)
    {
      GArray *adj = g_ptr_array_index (ctx->adjacency, u);

      for (guint a = 0; a < adj->len; a++)
        if (u < g_array_index (adj, guint, a))
          sm_graph_add_edge (graph, u, g_array_index (adj, guint, a));
      if (ctx->decision_holder[u])
        sm_graph_add_edge (graph, u, sink);
    }
  cuts = sm_graph_articulation_points (graph);

  reach = g_new0 (gboolean, n + 1);
  seen = g_new0 (gboolean, n + 1);
  queue = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Who reaches a decision-holder at all. */
  for (int pass = -1; pass < (int) cuts->len; pass++)
    {
      guint skip = pass >= 0 ? g_array_index (cuts, guint, pass) : G_MAXUINT;
      g_autoptr(GPtrArray) cut_off = NULL;
      guint count = 0;

      if (pass >= 0 && (skip == sink || ctx->decision_holder[skip]))
        continue;
      memset (seen, 0, (n + 1) * sizeof (gboolean));
      g_array_set_size (queue, 0);
      seen[sink] = TRUE;
      g_array_append_val (queue, sink);
      for (guint q = 0; q < queue->len; q++)
        {
          guint u = g_array_index (queue, guint, q);

          if (u == sink)
            {
              for (guint v = 0; v < n; v++)
                if (ctx->decision_holder[v] && v != skip && !seen[v])
                  {
                    seen[v] = TRUE;
                    g_array_append_val (queue, v);
                  }
              continue;
            }
          for (guint a = 0; a < ((GArray *) g_ptr_array_index (ctx->adjacency, u))->len; a++)
            {
              guint v = g_array_index ((GArray *) g_ptr_array_index (ctx->adjacency, u), guint, a);

              if (v != skip && !seen[v])
                {
                  seen[v] = TRUE;
                  g_array_append_val (queue, v);
                }
            }
        }
      if (pass < 0)
        {
          memcpy (reach, seen, (n + 1) * sizeof (gboolean));
          continue;
        }

      cut_off = g_ptr_array_new ();
      for (guint c = 0; c < n; c++)
        if (is_c (ctx, c) && c != skip && reach[c] && !seen[c])
          {
            count++;
            g_ptr_array_add (cut_off, (char *) _sm_eval_person (ctx, c));
          }
      if (count == 0)
        continue;

      {
        g_autofree char *names = _sm_names_join (cut_off);
        g_autofree char *detail = g_strdup_printf (_("the only route to decision-makers for %s"), names);
        double share = (double) count / ctx->n_community;

        _sm_result_evidence_person (ctx, result, skip, detail);
        g_ptr_array_add (gate_names, g_strdup_printf (_("%s (for %s)"), _sm_eval_person (ctx, skip), names));
        if (!is_c (ctx, skip))
          community_only = FALSE;
        if (is_i (ctx, skip))
          {
            institutional = TRUE;
            if (share > best_share)
              {
                best_share = share;
                worst = skip;
                g_ptr_array_set_size (worst_names, 0);
                for (guint k = 0; k < cut_off->len; k++)
                  g_ptr_array_add (worst_names, g_ptr_array_index (cut_off, k));
              }
          }
      }
    }

  betweenness = _sm_eval_betweenness (ctx);
  for (guint i = 0; i < n; i++)
    if (betweenness[i] >= _sm_eval_cfg (ctx, "ot04.broker"))
      {
        g_autofree char *detail = g_strdup_printf (_("broker: betweenness %.2f"), betweenness[i]);

        g_ptr_array_add (brokers, (char *) _sm_eval_person (ctx, i));
        _sm_result_evidence_person (ctx, result, i, detail);
        if (!is_c (ctx, i))
          community_only = FALSE;
        if (is_i (ctx, i))
          institutional = TRUE;
      }

  result->value = best_share;
  _sm_result_set (result, "gatekeepers", gate_names->len);
  _sm_result_set (result, "brokers", brokers->len);
  var_threshold_pct (ctx, result, "fail_pct", "ot04.fail_gate_share");
  _sm_result_var_number (result, "broker", _sm_eval_cfg (ctx, "ot04.broker"), 2);
  _sm_result_var_take (result, "gatekeepers", _sm_names_join (gate_names));
  var_names (result, "brokers", brokers);
  if (worst >= 0)
    {
      _sm_result_var (result, "g", _sm_eval_person (ctx, worst));
      var_names (result, "names", worst_names);
    }

  if (worst >= 0 && best_share >= _sm_eval_cfg (ctx, "ot04.fail_gate_share"))
    result->status = SM_RULE_FAIL;
  else if (gate_names->len == 0 && brokers->len == 0)
    result->status = SM_RULE_PASS;
  else if (community_only)
    {
      result->status = SM_RULE_INFO;
      if (gate_names->len == 0)
        _sm_result_template (result, _("The map shows {brokers}, with lived experience, on many of the "
                                       "shortest paths between others (brokers, from a betweenness of {broker}, "
                                       "a judgement call you can change). That can be a strength (a "
                                       "boundary spanner); check their load and who they answer to."));
    }
  else
    {
      result->status = SM_RULE_WARN;
      if (gate_names->len == 0)
        _sm_result_template (result, _("The map shows {brokers} on many of the shortest paths between "
                                       "others (brokers, from a betweenness of {broker}, a judgement call you "
                                       "can change). Much may depend on them passing things on."));
    }
  (void) institutional;
}

/* The table */

#define INPUTS(...) (const char *const[]) { __VA_ARGS__, NULL }
#define SOURCES(...) (const char *const[]) { __VA_ARGS__, NULL }
#define T(k, b) { k, SM_BASIS_##b }
#define THRESHOLDS(...) (const SmRuleThreshold[]) { __VA_ARGS__, { NULL } }

static const SmRuleDef rules[] = {
  {
    "SP-01", "P1",
    N_("Do people with lived experience have comparable influence to professionals and organisations?"),
    INPUTS ("influence", "side"),
    THRESHOLDS (T ("sp01.warn_ratio", JUDGEMENT), T ("sp01.fail_ratio", JUDGEMENT),
                T ("sp01.warn_gap", JUDGEMENT), T ("sp01.fail_gap", JUDGEMENT), T ("sp01.floor", CONVENTION)),
    sm_rule_sp01, FALSE, FALSE,
    N_("People with lived experience and professionals have comparable influence on this map ({mC} vs "
       "{mI} out of 10)."),
    N_("On this map, professionals and organisations have on average {ratio}× the influence of people "
       "with lived experience ({mI} vs {mC} out of 10). Most influence sits with {top_I}. (Worth a look "
       "above {warn_ratio}× with a gap of {warn_gap} points: judgement calls you can change.)"),
    N_("On this map, professionals and organisations have on average {ratio}× the influence of people "
       "with lived experience ({mI} vs {mC} out of 10). Most influence sits with {top_I}. (Needs "
       "attention above {fail_ratio}× with a gap of {fail_gap} points: judgement calls you can change.)"),
    NULL,
    N_("Agree which decisions people with lived experience will make or co-sign: co-chairing, voting "
       "seats, a devolved budget, or a veto on named items. Then re-rate influence together, not just by "
       "the facilitator."),
    SOURCES ("S2", "S6", "S1", "S12", "S10"),
    .better = -1,
    .why = N_("Co-production means professionals and citizens sharing power (Critical Friends). Arnstein "
              "showed that taking part without any share of power is empty and frustrating for those who "
              "have none."),
  },
  {
    "SP-02", "P1",
    N_("Are any real decisions made with people with lived experience, not just after hearing from them?"),
    INPUTS ("decisions.decided_by", "decisions.status"),
    THRESHOLDS (T ("sp02.warn_share", JUDGEMENT)),
    sm_rule_sp02, FALSE, TRUE,
    N_("{shared} of {n} decisions on this map were made with people with lived experience ({shared_titles})."),
    N_("{shared} of {n} decisions on this map were made with people with lived experience "
       "({shared_titles}). The others ({other_titles}) were decided without them. (Worth a look below "
       "{warn_pct}%, a judgement call you can change.)"),
    N_("None of the {n} decisions on this map was made with people with lived experience. They gave "
       "input to {k} of them, but others decided."),
    NULL,
    N_("Pick at least one decision that is genuinely open and agree how it will be decided jointly (for "
       "example co-signed, consensus, or a vote with parity). Record it on the map."),
    SOURCES ("S2", "S5", "S11", "S13"),
    .better = 1,
    .why = N_("The published definitions of co-production rest on sharing decisions, not only hearing "
              "views: the top of the TLAP ladder is “sharing decision-making”."),
  },
  {
    "SP-03", "P1",
    N_("Where decisions are taken, do people with lived experience hold more than a token seat?"),
    INPUTS ("spaces.decision_rights", "spaces.members.role", "spaces.members.selection", "side"),
    THRESHOLDS (T ("sp03.min_share", SOURCE), T ("sp03.include_recommend", JUDGEMENT)),
    sm_rule_sp03, FALSE, TRUE,
    N_("Where decisions are taken ({spaces}), people with lived experience hold at least a third of the "
       "voting seats."),
    N_("In {space}, people with lived experience hold {seats} of {n_voting} voting seats ({pct}%), less "
       "than a third. A lone seat can be a token seat (Arnstein’s ‘placation’). (Your threshold: {min_pct}%, "
       "from a historical precedent; you can change it.)"),
    N_("{space} {rights}, but none of its {n_voting} voting members is there because of lived "
       "experience.{closed_note}"),
    NULL,
    N_("Open a seat, preferably two so no one is alone, for people chosen by their peers, with papers, "
       "briefing and payment. Alternatively, move the decision into a space where they already sit."),
    SOURCES ("S6", "S6b", "S7"),
    .better = 1,
    .why = N_("Where a decision is taken shapes who can influence it (Gaventa’s closed, invited and claimed "
              "spaces). A few hand-picked seats on a board that others still control is what Arnstein "
              "called placation."),
  },
  {
    "SP-04", "P1",
    N_("If the project calls itself co-production (or co-design), does the participation of people with "
       "lived experience match that?"),
    INPUTS ("claimed_approach", "participation_level"),
    THRESHOLDS (T ("sp04.warn_gap", JUDGEMENT), T ("sp04.fail_gap", JUDGEMENT), T ("sp04.median", CONVENTION)),
    sm_rule_sp04, FALSE, TRUE,
    N_("This project calls itself ‘{claimed}’, and the typical person with lived experience on this map "
       "takes part at ‘{m_label}’. The label matches the practice."),
    N_("This project calls itself ‘{claimed}’, but half of the people with lived experience on this map "
       "are at ‘{m_label}’ or below on the ladder of co-production, {gap} steps short.{coercion_note}"),
    N_("This project calls itself ‘{claimed}’, but half of the people with lived experience on this map "
       "are at ‘{m_label}’ or below on the ladder of co-production ({gap} steps short; your threshold is "
       "{fail_gap}, which you can change).{coercion_note}"),
    NULL,
    N_("Either describe the work honestly (‘engagement’ or ‘co-design’ are legitimate), or change the "
       "practice so people move up the ladder: share decisions, involve them in delivery."),
    SOURCES ("S5", "S1", "S17", "S4"),
    .better = -1,
    .why = N_("Calling something co-production when power is not shared misuses the label and costs trust "
              "(Williams et al.). Every step of the TLAP ladder but coercion can play a role; the name "
              "should say which step this is."),
  },
  {
    "EP-01", "P2",
    N_("Are the people who care most, and are most affected, among the key players?"),
    INPUTS ("interest", "influence", "side"),
    THRESHOLDS (T ("ep01.warn_share", JUDGEMENT), T ("ep01.fail_share", JUDGEMENT), T ("ep01.min_n", JUDGEMENT)),
    sm_rule_ep01, FALSE, TRUE,
    N_("Most people with lived experience who care most about this are also among the key players ({k} "
       "of {n} are in ‘keep informed’)."),
    N_("{k} of {n} people with lived experience who care most about this ({names}) sit in the ‘keep "
       "informed’ corner of the power–interest grid: high stake, low say. (Worth a look from {warn_pct}%; "
       "‘high’ means {high} or more out of 10. Both are judgement calls you can change.)"),
    N_("All {n} people with lived experience who care most about this ({names}) sit in the ‘keep "
       "informed’ corner of the power–interest grid: high stake, low say."),
    NULL,
    N_("For each of them, name one thing that would move them into ‘key player’: a decision right, a "
       "seat, budget control, or information they don’t currently get."),
    SOURCES ("S8", "S12", "S2"),
    .better = -1,
    .why = N_("The people most affected often care most and have least say. SCIE: equality can only be "
              "achieved with a shift in power."),
  },
  {
    "EP-02", "P2",
    N_("Are there people whose claim is legitimate and urgent but who have no power, and no one holding "
       "power on their side?"),
    INPUTS ("legitimacy", "urgency", "influence", "relationships"),
    THRESHOLDS (T ("ep02.proxy_if_missing", JUDGEMENT)),
    sm_rule_ep02, FALSE, TRUE,
    N_("No one with lived experience on this map has a legitimate, urgent stake with little influence "
       "and no one on their side."),
    N_("The map shows a legitimate and urgent stake but little influence of their own for {names} "
       "(‘dependent’ stakeholders). Each has a link to someone with influence, so their power is "
       "borrowed, not held.{proxy}"),
    N_("The map shows a legitimate and urgent stake but little influence, and no link to anyone who has "
       "influence, for {names}. In stakeholder terms they are ‘dependent’: they rely on others to act for "
       "them, and here no one is.{proxy}"),
    NULL,
    N_("Build a direct link to a decision-holder (a regular meeting, or membership of the decision "
       "space). As an interim step, agree an accountable advocate, and make plain that the aim is for "
       "them to hold power directly."),
    SOURCES ("S9", "S13"),
    .better = -1,
    .why = N_("Mitchell, Agle and Wood call people with a legitimate, urgent claim but no power "
              "“dependent”: they rely on others to use power on their behalf. If no one does, their claim "
              "goes unheard."),
  },
  {
    "EP-03", "P2",
    N_("Does everything run through one hub, or is it a partnership of many connections?"),
    INPUTS ("relationships"),
    THRESHOLDS (T ("ep03.warn", JUDGEMENT), T ("ep03.fail", JUDGEMENT)),
    sm_rule_ep03, FALSE, FALSE,
    N_("Links on this map are spread out rather than running through one hub (centralisation {cd}; most "
       "connected: {hub})."),
    N_("Many links on this map run through {hub} (centralisation {cd}; worth a look from {warn}, a "
       "judgement call you can change)."),
    N_("This map is shaped like a star around {hub}: most people are connected only through them "
       "(centralisation {cd}; needs attention from {fail}, a judgement call you can change)."),
    NULL,
    N_("Create direct links between other partners, for example a shared group, joint tasks or peer "
       "contact. This way the partnership doesn’t depend on one person."),
    SOURCES ("S19", "S10", "S3"),
    .better = -1,
    .why = N_("Net-Map asks whether a network is centralised or spread out. When everything runs through "
              "one hub, the partnership depends on one person’s time and goodwill."),
  },
  {
    "EP-04", "P2",
    N_("Does knowledge flow from people with lived experience to professionals, or only the other way?"),
    INPUTS ("relationships.category", "relationships.direction", "side"),
    THRESHOLDS (T ("ep04.warn_share", JUDGEMENT), T ("ep04.min_flows", JUDGEMENT)),
    sm_rule_ep04, FALSE, TRUE,
    N_("Knowledge flows both ways: {k} of {n} knowledge and information flows between professionals and "
       "people with lived experience go from people with lived experience to professionals."),
    N_("Of {n} knowledge and information flows between professionals and people with lived experience, "
       "only {k} go from people with lived experience to professionals. The map looks like ‘educating’ "
       "and ‘informing’ rather than exchange. (Worth a look below {warn_pct}%, a judgement call you can "
       "change.)"),
    N_("None of the {n} knowledge and information flows between professionals and people with lived "
       "experience goes from people with lived experience to professionals. The map looks like "
       "‘educating’ and ‘informing’ rather than exchange."),
    NULL,
    N_("Record, and create, routes for lived-experience knowledge to reach professionals: co-analysis "
       "sessions, lived-experience briefings to the board, co-authored outputs."),
    SOURCES ("S13", "S1", "S5", "S16"),
    .better = 1,
    .why = N_("Co-production respects and values the knowledge of all (INVOLVE). Professionals’ prior "
              "status should not decide whose knowledge counts (Durose et al.)."),
  },
  {
    "WS-01", "P3",
    N_("Is the co-production work linked to the people who hold budgets and authority?"),
    INPUTS ("influence", "decisions.stage", "relationships", "participation_level"),
    THRESHOLDS (T ("ws01.dh_cut", JUDGEMENT), T ("ws01.champion_min_level", JUDGEMENT)),
    sm_rule_ws01, FALSE, TRUE,
    N_("{champion} holds budget or decision power, works directly with people with lived experience and "
       "takes part at ‘{champion_level}’ level: a senior champion for the work."),
    N_("People with lived experience reach those who hold the budget or final decisions ({dh}) only "
       "through someone else."),
    N_("No one who controls the budget or final decisions ({dh}) is connected to the people with lived "
       "experience on this map. The co-production work is not yet connected to where decisions are made."),
    NULL,
    N_("Ask a senior leader to champion the work: attend, listen, and commit to taking decisions with the "
       "group."),
    SOURCES ("S11", "S12", "S7", "S1"),
    .better = -1,
    .why = N_("Co-production changes a service only when it reaches where budgets and authority sit: the "
              "first step in NHS England’s model is senior leaders agreeing to champion it."),
  },
  {
    "WS-02", "P3",
    N_("Are people with lived experience involved in both shaping and delivering, not only designing?"),
    INPUTS ("participation_by_stage", "decisions.stage", "stages_in_scope"),
    THRESHOLDS (T ("ws02.stage_active", JUDGEMENT)),
    sm_rule_ws02, FALSE, TRUE,
    N_("People with lived experience are active in both planning ({stages}) and delivery.{assessment}"),
    N_("People with lived experience are active in {stages} but not in delivery. By TLAP’s definition this "
       "is co-design: genuine influence, but not involved in ‘seeing it through’."),
    N_("The map shows no stage where people with lived experience take part at ‘{active_label}’ level or "
       "above, or share a decision (a judgement call you can change)."),
    NULL,
    N_("Identify delivery roles (peer support, co-facilitation, co-delivery of sessions, co-running "
       "evaluation) and resource them."),
    SOURCES ("S18", "S5", "S3"),
    .better = 1,
    .why = N_("Full co-production involves people in both planning and delivery (Bovaird; TLAP). Co-design "
              "alone stops before “seeing it through”."),
  },
  {
    "WS-03", "P3",
    N_("Are people with lived experience taking part only in advisory spaces, while the real decisions "
       "are taken elsewhere?"),
    INPUTS ("spaces.type", "spaces.decision_rights", "spaces.members", "decisions.decided_by"),
    THRESHOLDS (T ("ws03.warn_share", JUDGEMENT), T ("ws03.fail_share", JUDGEMENT)),
    sm_rule_ws03, FALSE, TRUE,
    N_("Most people with lived experience who sit in a space also have a vote where decisions are made, "
       "or share a decision.{claimed_note}"),
    N_("The map shows {names} taking part only in spaces that advise or recommend ({spaces}), while "
       "decisions are taken in {closed}: {k} of {n} people with lived experience who sit in a space (worth a look from "
       "{warn_pct}%, a judgement call you can change).{claimed_note}"),
    N_("Everyone with lived experience takes part only in spaces that advise or recommend ({spaces}). "
       "Decisions are taken in {closed}.{claimed_note}"),
    NULL,
    N_("Move at least one decision into a shared space, or give the invited space real decision rights "
       "over named items. Also consider going to spaces communities already run."),
    SOURCES ("S7", "S6"),
    .better = -1,
    .why = N_("Invited spaces run within boundaries others set (Gaventa). If people with lived experience "
              "only advise while decisions are made elsewhere, power has not moved."),
  },
  {
    "WS-04", "P3",
    N_("Do people with lived experience take on producing roles, or are they only recipients and "
       "advisors?"),
    INPUTS ("roles", "relationships.category"),
    THRESHOLDS (T ("ws04.warn_share", JUDGEMENT)),
    sm_rule_ws04, FALSE, TRUE,
    N_("{k} of {n} people with lived experience take on producing roles ({names}), not only receiving or "
       "advising."),
    N_("Only {k} of {n} people with lived experience on this map have a producing role such as "
       "delivering, facilitating, researching or supporting peers. (Worth a look below {warn_pct}%, a "
       "judgement call you can change.)"),
    N_("Everyone with lived experience on this map is in a receiving or advising role. Co-production also "
       "needs people’s actions (TLAP)."),
    NULL,
    N_("Offer paid or recognised producing roles: co-facilitator, peer supporter, co-researcher, trainer. "
       "Staff can act as facilitators who enable this."),
    SOURCES ("S3", "S5"),
    .better = 1,
    .why = N_("Co-production blurs the line between professionals and recipients: people deliver services "
              "as well as receive them (Boyle and Harris)."),
  },
  {
    "AI-01", "P4",
    N_("Can everyone take part in the way that suits them?"),
    INPUTS ("accessibility", "spaces.members"),
    THRESHOLDS (T ("ai01.fail_share", JUDGEMENT), T ("ai01.max_unknown", JUDGEMENT)),
    sm_rule_ai01, FALSE, TRUE,
    NULL, NULL, NULL, NULL,
    N_("Ask everyone what they need before each meeting, in the format that suits them. Budget for "
       "adjustments such as format, timing, venue, support worker, interpreters and digital access."),
    SOURCES ("S12", "S2"),
    .better = -1,
    .why = N_("SCIE defines accessibility as everyone having the same opportunity to take part fully, in "
              "the way that suits them best."),
  },
  {
    "AI-02", "P4",
    N_("Are people with lived experience rewarded for their time, or at least not out of pocket, when "
       "professionals attend in paid time?"),
    INPUTS ("remuneration", "participation_level", "side"),
    THRESHOLDS (T ("ai02.min_level", JUDGEMENT), T ("ai02.inst_paid_share", JUDGEMENT),
                T ("ai02.recognised_fail", JUDGEMENT)),
    sm_rule_ai02, FALSE, TRUE,
    N_("Everyone with lived experience who gives their time ({n}) is paid or recognised for it, with "
       "expenses covered."),
    N_("{k} of {n} people with lived experience who give their time are paid or recognised for it, with "
       "expenses covered. Not yet: {names}."),
    N_("Only {k} of {n} people with lived experience who give their time are paid or recognised for it, "
       "while {ip} of {in} professionals attend in paid time. (Needs attention below {fail_pct}%, a "
       "judgement call you can change.)"),
    NULL,
    N_("Adopt a payment and expenses policy before the next session. Pay promptly, offer alternatives to "
       "cash, and signpost benefits advice."),
    SOURCES ("S2", "S14", "S11", "S24"),
    .better = 1,
    .why = N_("Paying people for their time, or valuing it in another way, is one of the seven principles. "
              "NIHR guidance: no one should be worse off for taking part, or only those who can afford to "
              "will."),
  },
  {
    "AI-03", "P4",
    N_("Is every group that the map says is affected actually represented in a way that lets them shape "
       "things?"),
    INPUTS ("affected_groups", "represents", "participation_level"),
    THRESHOLDS (T ("ai03.min_level", JUDGEMENT), T ("ai03.warn_coverage", JUDGEMENT),
                T ("ai03.fail_coverage", JUDGEMENT)),
    sm_rule_ai03, FALSE, FALSE,
    N_("Every group the map lists as affected ({n}) has someone involved at ‘{min_label}’ level or above."),
    N_("The map lists {uncovered} as affected by this work, but no one from there is involved beyond "
       "being informed or consulted ({k} of {n} groups covered)."),
    N_("The map lists {uncovered} as affected by this work, but no one from there is involved beyond "
       "being informed or consulted. Only {k} of {n} groups are covered (needs attention below {fail_pct}%, a judgement call "
       "you can change)."),
    NULL,
    N_("Use an open and fair recruitment route for each missing group, such as going to where they "
       "already meet or partnering with community organisations. Make sure the approach is accessible."),
    SOURCES ("S12", "S11", "S13", "S1", "S21"),
    .better = 1,
    .why = N_("Co-production takes time to map out everyone who might be affected (Co-Create) and includes "
              "all perspectives (INVOLVE)."),
  },
  {
    "AI-04", "P4",
    N_("Are people with lived experience on the map but not actually connected to anyone?"),
    INPUTS ("relationships"),
    THRESHOLDS (T ("ai04.fail_isolate_share", JUDGEMENT), T ("ai04.warn_single_thread_share", JUDGEMENT)),
    sm_rule_ai04, FALSE, TRUE,
    N_("Everyone with lived experience on the map has recorded relationships, and most have more than one "
       "link."),
    N_("The map shows no relationships for {names}. Either the links are missing from the map, or they "
       "are included in name only."),
    N_("The map shows no relationships for {names}: {k} of {n} people with lived experience (needs attention from {fail_pct}%, a judgement call you can change). Either the links are missing "
       "from the map, or they are included in name only."),
    NULL,
    N_("Check with them. If they really are unconnected, pair them with a peer or buddy and give them a "
       "direct contact in the group."),
    SOURCES ("S10", "S3"),
    .better = -1,
    .why = N_("Being on the map is not the same as taking part. Someone with no ties has no way in to be "
              "heard or supported (Net-Map looks for missing links)."),
  },
  {
    "RM-01", "P5",
    N_("Do relationships between professionals and people with lived experience run both ways?"),
    INPUTS ("relationships.direction", "relationships.reciprocity", "side"),
    THRESHOLDS (T ("rm01.warn_share", JUDGEMENT), T ("rm01.fail_share", JUDGEMENT)),
    sm_rule_rm01, FALSE, TRUE,
    N_("{k} of {n} links between professionals and people with lived experience run both ways."),
    N_("Only {k} of {n} links between professionals and people with lived experience run both ways. Most "
       "are one-way, such as services delivered or information given. (Worth a look below {warn_pct}%, a "
       "judgement call you can change.)"),
    N_("Only {k} of {n} links between professionals and people with lived experience run both ways. Most "
       "are one-way, such as services delivered or information given. (Needs attention below {fail_pct}%, "
       "a judgement call you can change.)"),
    NULL,
    N_("For each one-way link, ask what flows back and what could: feedback, shared learning, paid roles, "
       "support."),
    SOURCES ("S2", "S3", "S12", "S13", "S19"),
    .better = 1,
    .why = N_("nef defines co-production as an equal and reciprocal relationship; for SCIE, reciprocity "
              "means people receive something back for putting something in."),
  },
  {
    "RM-02", "P5",
    N_("Does anyone with lived experience put in time, knowledge or care and get nothing back?"),
    INPUTS ("relationships.category", "remuneration"),
    THRESHOLDS (T ("rm02.fail_share", JUDGEMENT)),
    sm_rule_rm02, FALSE, TRUE,
    N_("Everyone with lived experience who puts something in gets something back on this map."),
    N_("The map shows {names} contributing ({what}) but nothing coming back to them."),
    N_("The map shows {names} contributing ({what}) but nothing coming back to them: {k} of {n} people "
       "with lived experience (needs attention from {fail_pct}%, a judgement call you can change)."),
    NULL,
    N_("Agree with each person what they would value in return (payment, skills, references, support, "
       "influence) and record it."),
    SOURCES ("S12", "S13", "S23"),
    .better = -1,
    .why = N_("People should receive something back for what they put in (SCIE), and co-production should "
              "bring benefits for all parties (Tower Hamlets Together)."),
  },
  {
    "RM-03", "P5",
    N_("Are people with lived experience connected to each other, or only to professionals?"),
    INPUTS ("relationships", "side"),
    THRESHOLDS (T ("rm03.warn_share", JUDGEMENT), T ("rm03.min_n_fail", JUDGEMENT)),
    sm_rule_rm03, FALSE, TRUE,
    N_("{k} of {n} people with lived experience are linked to a peer (E-I {ei}, where +1 would mean links "
       "only to people outside the group)."),
    N_("Most people with lived experience are connected only to professionals (E-I {ei}; {k} of {n} have "
       "a peer link). There is little peer support on the map. (Worth a look below {warn_pct}%, a "
       "judgement call you can change.)"),
    N_("None of the {n} people with lived experience on this map is linked to another (E-I {ei}). There is "
       "no peer support on the map."),
    NULL,
    N_("Create time and space for peer connection, such as peer-only sessions, buddying or a peer "
       "network. Link to community-run groups."),
    SOURCES ("S3", "S2", "S19"),
    .better = 1,
    .why = N_("Peer support networks are one of the elements of co-production (Boyle and Harris): people "
              "with lived experience support each other, not only through professionals."),
  },
  {
    "AR-01", "P6",
    N_("Does the map record what people with lived experience bring, not only what they need?"),
    INPUTS ("assets", "needs", "side"),
    THRESHOLDS (T ("ar01.fail_cov", JUDGEMENT), T ("ar01.warn_cov", JUDGEMENT), T ("ar01.max_gap_vs_inst", JUDGEMENT)),
    sm_rule_ar01, FALSE, TRUE,
    N_("Strengths are recorded for {covC}% of people with lived experience (and {covI}% of professionals)."),
    N_("Strengths are recorded for {covC}% of people with lived experience (and {covI}% of "
       "professionals).{deficit} (Worth a look below {warn_pct}%, a judgement call you can change.)"),
    N_("Strengths are recorded for only {covC}% of people with lived experience (and {covI}% of "
       "professionals).{deficit} (Needs attention below {fail_pct}%, a judgement call you can change.)"),
    NULL,
    N_("Ask each person ‘What’s strong?’, not ‘What’s wrong?’: skills, knowledge, networks, time. Record "
       "those on the map."),
    SOURCES ("S12", "S3"),
    .better = 1,
    .why = N_("Co-production starts from assets: everyone has something to contribute (SCIE; Boyle and "
              "Harris). A map that records only needs sees people as problems to be solved."),
  },
  {
    "AR-02", "P6",
    N_("Are the recorded strengths of people with lived experience actually used in the project?"),
    INPUTS ("assets.in_use", "side"),
    THRESHOLDS (T ("ar02.warn_share", JUDGEMENT), T ("ar02.min_assets", JUDGEMENT)),
    sm_rule_ar02, FALSE, TRUE,
    N_("{k} of {n} strengths people with lived experience bring are being used. Not yet used: {list}."),
    N_("Only {k} of {n} strengths people with lived experience bring are being used. Not yet used: {list}. "
       "(Worth a look below {warn_pct}%, a judgement call you can change.)"),
    N_("None of the {n} strengths people with lived experience bring is being used yet: {list}."),
    NULL,
    N_("Match unused strengths to tasks, such as networks for recruitment, local knowledge for design, or "
       "skills for delivery."),
    SOURCES ("S3", "S2"),
    .better = 1,
    .why = N_("Building on people’s existing capabilities is an element of co-production (Boyle and "
              "Harris). Skills that are recorded and left unused tell people they are not needed."),
  },
  {
    "AR-03", "P6",
    N_("Is the informal work people with lived experience already do (care, peer support, delivery) seen "
       "and recognised?"),
    INPUTS ("relationships.category", "assets.recognised", "remuneration"),
    THRESHOLDS (T ("ar03.fail_share", JUDGEMENT)),
    sm_rule_ar03, FALSE, TRUE,
    N_("The informal work people with lived experience give ({n} of them) is recognised on the map."),
    N_("The map shows {names} giving {what}, work that is easy to overlook, but no recognition of it."),
    N_("The map shows {names} giving {what}, work that is easy to overlook, but no recognition of it: {k} "
       "of {n} people who give such work (needs attention from {fail_pct}%, a judgement call you can change)."),
    NULL,
    N_("Name this contribution in the map and in project reports, and agree how it will be recognised or "
       "supported."),
    SOURCES ("S1", "S3", "S2"),
    .better = -1,
    .why = N_("Durose and colleagues ask for recognition of previously hidden informal labour; Boyle and "
              "Harris call the people who use services an immense hidden resource."),
  },
  {
    "AR-04", "P6",
    N_("Are people with lived experience, and staff, supported to develop the skills co-production needs?"),
    INPUTS ("capacity_support", "participation_level", "side"),
    THRESHOLDS (T ("ar04.warn_share", JUDGEMENT)),
    sm_rule_ar04, TRUE, TRUE,
    N_("{k} of {n} active people with lived experience, and {m} staff, have had training or support for "
       "co-production."),
    N_("{k} of {n} active people with lived experience, and {m} staff, have had training or support for "
       "co-production. (Worth a look below {warn_pct}%, or with no staff trained; a judgement call you can "
       "change.)"),
    NULL, NULL,
    N_("Offer joint training for staff and people together, plus mentoring and briefings before meetings."),
    SOURCES ("S3", "S11", "S12", "S13"),
    .better = 1,
    .why = N_("Training staff and people together is a step in NHS England’s model, and INVOLVE asks for "
              "relationships to be built and kept up."),
  },
  {
    "OT-01", "P7",
    N_("Has the project said clearly what can and can’t be changed, and why?"),
    INPUTS ("on_the_table", "off_the_table.reason", "off_the_table.decided_by"),
    NULL,
    sm_rule_ot01, FALSE, FALSE,
    N_("The map says what is on the table ({n_on} items) and what is off it ({n_off}), with reasons."),
    N_("The map doesn’t record what is off the table. People can’t judge whether their time is worth it "
       "without knowing what can actually change."),
    N_("The map doesn’t record what is on or off the table. People can’t judge whether their time is "
       "worth it without knowing what can actually change."),
    NULL,
    N_("List the fixed constraints (budget, legal duties, decisions already made), who set them, and "
       "whether they can be revisited."),
    SOURCES ("S1", "S11", "S21", "S22"),
    .better = 1,
    .why = N_("Honest practice means being clear about what is on the table and what isn’t (Durose et al.). "
              "Co-Create: everyone knows what can and can’t be changed."),
  },
  {
    "OT-02", "P7",
    N_("When people give input, or decisions are taken elsewhere, are people told what happened and why?"),
    INPUTS ("decisions.input_from", "decisions.space_id", "decisions.reported_back",
            "decisions.input_changed_outcome"),
    THRESHOLDS (T ("ot02.warn_share", JUDGEMENT), T ("ot02.min_n_fail", JUDGEMENT)),
    sm_rule_ot02, FALSE, FALSE,
    NULL, NULL, NULL, NULL,
    N_("Report back on every decision in plain language: what was decided, what changed because of "
       "people’s input, and what didn’t and why."),
    SOURCES ("S11", "S6", "S7"),
    .better = 1,
    .why = N_("Regular review and reporting back (“We said, We did”) is a step in NHS England’s model. "
              "Without it, people can’t tell whether their input mattered."),
  },
  {
    "OT-03", "P7",
    N_("Has the group looked for power that isn’t visible in formal roles?"),
    INPUTS ("relationships.power_form", "relationships.power_note", "relationships.power_difference"),
    THRESHOLDS (T ("ot03.min_annotated", JUDGEMENT), T ("ot03.prompt_min_edges", JUDGEMENT)),
    sm_rule_ot03, TRUE, FALSE,
    NULL, NULL, NULL, NULL,
    N_("Discuss each one: who sets the agenda, whose ways of talking count, and what people feel they "
       "can’t say. Agree one change for each."),
    SOURCES ("S7", "S1", "S15", "S13", "S21"),
    .better = -1,
    .why = N_("Gaventa’s Power Cube describes hidden power (who sets the agenda) and invisible power (what "
              "people take for granted). Co-Create asks that power differences are acknowledged and "
              "addressed."),
  },
  {
    "OT-04", "P7",
    N_("Does access to decision-makers depend on one person?"),
    INPUTS ("relationships", "influence", "decisions", "side"),
    THRESHOLDS (T ("ot04.fail_gate_share", JUDGEMENT), T ("ot04.broker", JUDGEMENT)),
    sm_rule_ot04, FALSE, TRUE,
    N_("Everyone with lived experience who is linked to decision-makers ({dh}) has more than one route to "
       "them, and no one is a broker for many others."),
    N_("Some people stand between people with lived experience and the decision-makers ({dh}): "
       "{gatekeepers}."),
    N_("{g} is the only link between {names} and the people who make decisions ({dh}). If {g} is absent, "
       "busy or disagrees, these voices don’t get through. (Needs attention from {fail_pct}% of people "
       "with lived experience, a judgement call you can change.)"),
    N_("{gatekeepers}: people with lived experience who are the link to decision-makers ({dh}) for others. "
       "That can be a strength (a boundary spanner); check their load and who they answer to."),
    N_("Create a second route (a direct seat, a named contact, or a peer representative) and agree openly "
       "how messages are passed on."),
    SOURCES ("S10", "S19", "S7"),
    .better = -1,
    .why = N_("Net-Map looks for the boundary spanners in a network. One person who controls access to "
              "decision-makers can open doors for others or close them."),
  },
};

const SmRuleDef *
_sm_rules_table (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

/* sm-rules-common.c
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

/* Helpers that rules of more than one principle use: reading records and
 * relationships, and filling in a result's placeholders. */

gboolean
_sm_rules_is_c (SmEvalContext *ctx,
                guint          i)
{
  return ctx->side[i] == SM_SIDE_COMMUNITY;
}

gboolean
_sm_rules_is_i (SmEvalContext *ctx,
                guint          i)
{
  return ctx->side[i] == SM_SIDE_INSTITUTIONAL;
}

JsonArray *
_sm_rules_get_array (SmRecord   *record,
                     const char *path)
{
  JsonNode *node = sm_record_get_value (record, path);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

guint
_sm_rules_array_length (SmRecord   *record,
                        const char *path)
{
  JsonArray *array = _sm_rules_get_array (record, path);

  return array != NULL ? json_array_get_length (array) : 0;
}

gboolean
_sm_rules_list_has (SmRecord   *record,
                    const char *path,
                    const char *value)
{
  JsonArray *array = _sm_rules_get_array (record, path);

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
GArray *
_sm_rules_refs_of (SmEvalContext *ctx,
                   SmRecord      *record,
                   const char    *path)
{
  GArray    *nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *array = _sm_rules_get_array (record, path);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      guint     k;

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

gboolean
_sm_rules_any_community (SmEvalContext *ctx,
                         GArray        *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    if (_sm_rules_is_c (ctx, g_array_index (nodes, guint, i)))
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
SmTristate
_sm_rules_paid_or_recognised (SmRecord *s)
{
  const char *paid = sm_record_get_enum (s, "remuneration.time_paid");

  if (g_strcmp0 (paid, "fee") == 0 || g_strcmp0 (paid, "voucher_or_in_kind") == 0 ||
      _sm_rules_array_length (s, "remuneration.other_recognition") > 0)
    return SM_TRISTATE_TRUE;
  if (g_strcmp0 (paid, "declined") == 0)
    return sm_record_get_boolean (s, "remuneration.payment_offered");
  if (g_strcmp0 (paid, "unknown") == 0)
    return SM_TRISTATE_UNKNOWN;
  return SM_TRISTATE_FALSE;
}

SmTristate
_sm_rules_expenses_ok (SmRecord *s)
{
  const char *expenses = sm_record_get_enum (s, "remuneration.expenses_covered");

  if (g_strcmp0 (expenses, "yes") == 0 || g_strcmp0 (expenses, "not_applicable") == 0)
    return SM_TRISTATE_TRUE;
  if (g_strcmp0 (expenses, "no") == 0)
    return SM_TRISTATE_FALSE;
  return SM_TRISTATE_UNKNOWN;
}

/* AI-02's recognised(s), also used by RM-02. */
SmTristate
_sm_rules_recognised (SmRecord *s)
{
  return tri_and (_sm_rules_paid_or_recognised (s), _sm_rules_expenses_ok (s));
}

void
_sm_rules_var_names (SmRuleResult *result,
                     const char   *name,
                     GPtrArray    *names)
{
  _sm_result_var_take (result, name, _sm_names_join (names));
}

void
_sm_rules_var_pct (SmRuleResult *result,
                   const char   *name,
                   double        share)
{
  _sm_result_var_number (result, name, share * 100, 0);
}

void
_sm_rules_var_threshold_pct (SmEvalContext *ctx,
                             SmRuleResult  *result,
                             const char    *name,
                             const char    *key)
{
  _sm_rules_var_pct (result, name, _sm_eval_cfg (ctx, key));
}

gboolean
_sm_rules_graph_too_small (SmEvalContext *ctx,
                           SmRuleResult  *result)
{
  guint min_nodes = (guint) _sm_eval_cfg (ctx, "graph.min_nodes");
  guint min_edges = (guint) _sm_eval_cfg (ctx, "graph.min_edges");

  _sm_result_threshold (ctx, result, "graph.min_nodes");
  _sm_result_threshold (ctx, result, "graph.min_edges");
  if (ctx->n >= min_nodes && sm_graph_get_n_edges (ctx->graph) >= min_edges)
    return FALSE;

  {
    g_autofree char *nodes_text =
      /* Translators: a piece of "it needs at least %s and %s" below */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder", "%u stakeholders", min_nodes), min_nodes);
    g_autofree char *edges_text =
      /* Translators: a piece of "it needs at least %s and %s" below */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", min_edges), min_edges);
    g_autofree char *message =
      /* Translators: the first %s is how many stakeholders a map needs ("5
       * stakeholders"), the second how many links ("4 links"). */
      g_strdup_printf (_ ("The map is too small for network measures, which are unstable on few "
                          "points: it needs at least %s and %s (a judgement call "
                          "you can change)."),
                       nodes_text, edges_text);
    _sm_result_not_applicable (result, message);
  }
  return TRUE;
}

const char *
_sm_rules_tie_id (SmEvalContext *ctx,
                  guint          tie)
{
  return sm_record_get_id (ctx->tie_records[tie]);
}

char *
_sm_rules_tie_label (SmEvalContext *ctx,
                     guint          tie)
{
  return g_strdup_printf (ctx->tie_two_way[tie] ? _ ("%s ⇄ %s") : _ ("%s → %s"),
                          _sm_eval_person (ctx, ctx->tie_source[tie]), _sm_eval_person (ctx, ctx->tie_target[tie]));
}

gboolean
_sm_rules_is_deciding_space (SmEvalContext *ctx,
                             SmRecord      *space,
                             gboolean       with_recommend)
{
  const char *rights = sm_record_get_enum (space, "decision_rights");

  return g_strcmp0 (rights, "decide") == 0 || g_strcmp0 (rights, "veto") == 0 ||
         (with_recommend && g_strcmp0 (rights, "recommend") == 0);
}

/* Voting seat: TRUE, FALSE, or UNKNOWN when the role is not recorded. */
SmTristate
_sm_rules_member_votes (JsonObject *member)
{
  const char *role = json_object_get_string_member_with_default (member, "role", NULL);

  if (role == NULL || g_strcmp0 (role, "unknown") == 0)
    return SM_TRISTATE_UNKNOWN;
  return g_strcmp0 (role, "voting") == 0 || g_strcmp0 (role, "chair") == 0 ||
         g_strcmp0 (role, "co_chair") == 0;
}

void
_sm_rules_list_decision_holders (SmEvalContext *ctx,
                                 SmRuleResult  *result)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ctx->n; i++)
    if (ctx->decision_holder[i])
      g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
  _sm_rules_var_names (result, "dh", names);
}

gboolean
_sm_rules_gives_category (SmEvalContext     *ctx,
                          guint              i,
                          const char *const *categories,
                          GString           *what)
{
  gboolean found = FALSE;

  for (guint k = ctx->gives_start[i]; k < ctx->gives_start[i + 1]; k++)
    {
      guint t = ctx->gives[k];

      if (!_sm_eval_category_is (ctx->tie_category[t], categories))
        continue;
      if (what != NULL)
        {
          g_autofree char *word = g_utf8_strdown (sm_value_label (ctx->tie_category[t]), -1);

          if (strstr (what->str, word) == NULL)
            {
              if (what->len > 0)
                g_string_append (what, _ (", "));
              g_string_append (what, word);
            }
        }
      found = TRUE;
    }
  return found;
}

/* sm-rules-access.c
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

/* The rules of principle P4, being accessible and inclusive (principles.md
 * §5): access needs, payment and recognition, affected groups, people with
 * no ties. Each rule is one compute function and one row of the table at the
 * end of the file. */

/* P4 — Being accessible and inclusive */

static void
sm_rule_ai01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection        *spaces = sm_map_get_collection (ctx->map, SM_RECORD_SPACE);
  g_autofree gboolean *in_deciding = g_new0 (gboolean, MAX (ctx->n, 1));
  g_autoptr(GPtrArray) no = g_ptr_array_new ();
  g_autoptr(GPtrArray) partly = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  GString *message;
  guint    declared = 0, n_unknown_c = 0;
  gboolean no_in_deciding = FALSE;
  double   no_share, unknown_share;

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord  *space = sm_collection_get (spaces, s);
      JsonArray *members = _sm_rules_get_array (space, "members");

      if (!_sm_rules_is_deciding_space (ctx, space, FALSE))
        continue;
      for (guint m = 0; members != NULL && m < json_array_get_length (members); m++)
        {
          JsonNode *node = json_array_get_element (members, m);
          guint     k = JSON_NODE_HOLDS_OBJECT (node)
                          ? _sm_eval_lookup (ctx, json_object_get_string_member_with_default (json_node_get_object (node),
                                                                                              "stakeholder", NULL))
                          : 0;

          if (k > 0)
            in_deciding[k - 1] = TRUE;
        }
    }

  for (guint i = 0; i < ctx->n; i++)
    {
      SmRecord   *s = ctx->people[i];
      SmTristate  needs = sm_record_get_boolean (s, "accessibility.needs_declared");
      const char *met = sm_record_get_enum (s, "accessibility.met");

      /* Someone who declared no needs has nothing unmet; unknown is
       * only an unknown for people who may have needs. */
      if (_sm_rules_is_c (ctx, i) && needs != SM_TRISTATE_FALSE && g_strcmp0 (met, "unknown") == 0)
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
          _sm_result_evidence_person (ctx, result, i, _ ("access needs not met"));
          if (in_deciding[i])
            no_in_deciding = TRUE;
        }
      else if (g_strcmp0 (met, "partly") == 0)
        {
          g_ptr_array_add (partly, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("access needs partly met"));
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

      g_string_append_printf (message, no_in_deciding ? _ ("The access needs of %s are not met, including "
                                                           "for someone who sits where decisions are made. ")
                                                      : _ ("The access needs of %s are not met. "),
                              names);
    }
  if (partly->len > 0)
    {
      g_autofree char *names = _sm_names_join (partly);

      g_string_append_printf (message, _ ("The access needs of %s are only partly met. "), names);
    }
  if (unknown->len > 0)
    {
      g_autofree char *names = _sm_names_join (unknown);

      g_string_append_printf (message, _ ("We don’t know whether %s can take part in the way that suits "
                                          "them. "),
                              names);
    }
  if (result->status == SM_RULE_PASS && no->len + partly->len == 0)
    g_string_append (message, declared > 0 ? _ ("Everyone who declared access needs has them met. ")
                                           : _ ("No one on this map has declared access needs that are unmet. "));
  if (result->status != SM_RULE_PASS)
    {
      g_autofree char *fail = g_strdup_printf ("%.0f", _sm_eval_cfg (ctx, "ai01.fail_share") * 100);
      g_autofree char *unk = g_strdup_printf ("%.0f", _sm_eval_cfg (ctx, "ai01.max_unknown") * 100);

      g_string_append_printf (message, _ ("(Your thresholds: needs unmet for %s%% of people, or unknown for "
                                          "more than %s%%; judgement calls you can change.)"),
                              fail, unk);
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
  guint  n = 0, ok = 0, i_known = 0, i_paid = 0;
  double share, inst_share;

  for (guint i = 0; i < ctx->n; i++)
    {
      const char *paid = sm_record_get_enum (ctx->people[i], "remuneration.time_paid");
      SmTristate  rec;

      if (_sm_rules_is_i (ctx, i) && g_strcmp0 (paid, "unknown") != 0)
        {
          i_known++;
          if (g_strcmp0 (paid, "salaried") == 0)
            i_paid++;
        }
      if (!_sm_rules_is_c (ctx, i))
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
          _sm_result_evidence_person (ctx, result, i, _ ("out of pocket: expenses not covered"));
        }
      rec = _sm_rules_recognised (ctx->people[i]);
      _sm_result_need (result, rec != SM_TRISTATE_UNKNOWN);
      if (rec == SM_TRISTATE_UNKNOWN)
        {
          g_ptr_array_add (unknown, (char *) _sm_eval_person (ctx, i));
          _sm_result_gap (result, ctx->people[i],
                          _sm_rules_expenses_ok (ctx->people[i]) == SM_TRISTATE_UNKNOWN ? "remuneration.expenses_covered"
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
            _sm_result_evidence_person (ctx, result, i, _ ("not paid or recognised for their time"));
        }
    }

  if (n == 0 && out->len == 0)
    {
      if (unknown->len > 0)
        _sm_result_insufficient (result, _ ("The map doesn’t say whether people with lived experience who "
                                            "give their time are paid or have their expenses covered."));
      else
        _sm_result_not_applicable (result, _ ("No one with lived experience gives their time at "
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
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "ai02.recognised_fail");
  _sm_rules_var_names (result, "names", not_recognised);
  _sm_rules_var_names (result, "unknown", unknown);

  if (out->len > 0)
    {
      result->status = SM_RULE_FAIL;
      _sm_rules_var_names (result, "names", out);
      _sm_result_template (result, i_known > 0
                                     ? ngettext ("{names} is out of pocket for taking part, while {ip} of {in} "
                                                 "professionals attend in paid time. No one should be worse "
                                                 "off for taking part.",
                                                 "{names} are out of pocket for taking part, while {ip} of {in} "
                                                 "professionals attend in paid time. No one should be worse "
                                                 "off for taking part.",
                                                 out->len)
                                     : ngettext ("{names} is out of pocket for taking part. No one should be "
                                                 "worse off for taking part.",
                                                 "{names} are out of pocket for taking part. No one should be "
                                                 "worse off for taking part.",
                                                 out->len));
    }
  else if (share < _sm_eval_cfg (ctx, "ai02.recognised_fail") && !isnan (inst_share) &&
           inst_share >= _sm_eval_cfg (ctx, "ai02.inst_paid_share"))
    result->status = SM_RULE_FAIL;
  else if (share < 1 || unknown->len > 0)
    {
      result->status = SM_RULE_WARN;
      if (not_recognised->len == 0)
        _sm_result_template (result, _ ("The map doesn’t say whether {unknown} are paid or recognised for "
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
  double        min_level = _sm_eval_cfg (ctx, "ai03.min_level");
  g_autoptr(GPtrArray) uncovered = g_ptr_array_new ();
  guint n = 0, covered = 0;

  if (sm_collection_get_size (groups) == 0)
    {
      _sm_result_not_applicable (result, _ ("The map doesn’t list who is affected by this work. Add the "
                                            "affected groups so this can be checked."));
      return;
    }

  for (guint g = 0; g < sm_collection_get_size (groups); g++)
    {
      SmRecord   *group = sm_collection_get (groups, g);
      const char *id = sm_record_get_id (group);
      gboolean    is_covered = FALSE, unknown = FALSE;

      for (guint i = 0; i < ctx->n; i++)
        {
          if (!_sm_rules_list_has (ctx->people[i], "represents", id))
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
          _sm_result_evidence (result, "group", id, _ ("no one involved beyond being informed or consulted"));
        }
    }

  /* Missing voices: a high stake, but informed at most. */
  for (guint i = 0; i < ctx->n; i++)
    if ((_sm_eval_high (ctx, ctx->urgency[i]) || _sm_eval_high (ctx, ctx->interest[i])) &&
        SM_IS_KNOWN (ctx->level[i]) && ctx->level[i] <= 3)
      _sm_result_evidence_person (ctx, result, i, _ ("missing voice: high stake, informed at most"));

  if (n == 0)
    {
      _sm_result_insufficient (result, _ ("The map doesn’t say how the people who represent the affected "
                                          "groups take part."));
      return;
    }

  result->value = (double) covered / n;
  _sm_result_set (result, "groups", n);
  _sm_result_set (result, "covered", covered);
  _sm_rules_var_names (result, "uncovered", uncovered);
  _sm_result_var_number (result, "k", covered, 0);
  _sm_result_var_number (result, "n", n, 0);
  _sm_result_var (result, "min_label", _sm_ladder_label (min_level));
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "ai03.fail_coverage");

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

  if (_sm_rules_graph_too_small (ctx, result))
    return;

  for (guint i = 0; i < ctx->n; i++)
    {
      GArray *adj = g_ptr_array_index (ctx->adjacency, i);

      if (!_sm_rules_is_c (ctx, i))
        continue;
      if (adj->len == 0)
        {
          g_ptr_array_add (isolates, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("no recorded relationships"));
        }
      else if (adj->len == 1 && _sm_rules_is_i (ctx, g_array_index (adj, guint, 0)))
        {
          g_ptr_array_add (single, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("one link only, to a professional"));
        }
    }

  isolate_share = (double) isolates->len / ctx->n_community;
  single_share = (double) single->len / ctx->n_community;
  result->value = isolate_share;
  _sm_result_set (result, "isolates", isolates->len);
  _sm_result_set (result, "single_thread_share", single_share);
  _sm_rules_var_names (result, "names", isolates->len > 0 ? isolates : single);
  _sm_result_var_number (result, "k", isolates->len > 0 ? isolates->len : single->len, 0);
  _sm_result_var_number (result, "n", ctx->n_community, 0);
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "ai04.fail_isolate_share");
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ai04.warn_single_thread_share");

  if (isolates->len > 0 && isolate_share >= _sm_eval_cfg (ctx, "ai04.fail_isolate_share"))
    result->status = SM_RULE_FAIL;
  else if (isolates->len > 0)
    result->status = SM_RULE_WARN;
  else if (single_share > _sm_eval_cfg (ctx, "ai04.warn_single_thread_share"))
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: {k} and {n} are numbers of people;
                                                 * the plural follows {n}. */
                                                "The map shows {names} linked to the work through one "
                                                "professional only ({k} of {n} person with lived experience; "
                                                "worth a look above {warn_pct}%, a judgement call you can change).",
                                                "The map shows {names} linked to the work through one "
                                                "professional only ({k} of {n} people with lived experience; "
                                                "worth a look above {warn_pct}%, a judgement call you can change).",
                                                ctx->n_community));
    }
  else
    result->status = SM_RULE_PASS;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_access[] = {
  { "AI-01", "P4",
    N_ ("Can everyone take part in the way that suits them?"),
    INPUTS ("accessibility", "spaces.members"),
    THRESHOLDS ("ai01.fail_share", "ai01.max_unknown"),
    sm_rule_ai01, FALSE, TRUE,
    NULL, NULL, NULL, NULL,
    N_ ("Ask everyone what they need before each meeting, in the format that suits them. Budget for "
        "adjustments such as format, timing, venue, support worker, interpreters and digital access."),
    SOURCES ("S12", "S2"),
    .better = -1,
    .why = N_ ("SCIE defines accessibility as everyone having the same opportunity to take part fully, in "
               "the way that suits them best.") },
  { "AI-02", "P4",
    N_ ("Are people with lived experience rewarded for their time, or at least not out of pocket, when "
        "professionals attend in paid time?"),
    INPUTS ("remuneration", "participation_level", "side"),
    THRESHOLDS ("ai02.min_level", "ai02.inst_paid_share", "ai02.recognised_fail"),
    sm_rule_ai02, FALSE, TRUE,
    N_ ("Everyone with lived experience who gives their time ({n}) is paid or recognised for it, with "
        "expenses covered."),
    NULL,
    NULL,
    NULL,
    N_ ("Adopt a payment and expenses policy before the next session. Pay promptly, offer alternatives to "
        "cash, and signpost benefits advice."),
    SOURCES ("S2", "S14", "S11", "S24"),
    .better = 1,
    .why = N_ ("Paying people for their time, or valuing it in another way, is one of the seven principles. "
               "NIHR guidance: no one should be worse off for taking part, or only those who can afford to "
               "will."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (WARN, "n", "{k} of {n} person with lived experience who gives their time is paid or recognised for it, with "
                         "expenses covered. Not yet: {names}.",
              "{k} of {n} people with lived experience who give their time are paid or recognised for it, with "
              "expenses covered. Not yet: {names}."),
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. {ip} of {in} are numbers of professionals. */
      PLURAL (FAIL, "n", "Only {k} of {n} person with lived experience who gives their time is paid or recognised for it, "
                         "while {ip} of {in} professionals attend in paid time. (Needs attention below {fail_pct}%, a "
                         "judgement call you can change.)",
              "Only {k} of {n} people with lived experience who give their time are paid or recognised for it, "
              "while {ip} of {in} professionals attend in paid time. (Needs attention below {fail_pct}%, a "
              "judgement call you can change.)")) },
  { "AI-03", "P4",
    N_ ("Is every group that the map says is affected actually represented in a way that lets them shape "
        "things?"),
    INPUTS ("affected_groups", "represents", "participation_level"),
    THRESHOLDS ("ai03.min_level", "ai03.warn_coverage", "ai03.fail_coverage"),
    sm_rule_ai03, FALSE, FALSE,
    N_ ("Every group the map lists as affected ({n}) has someone involved at ‘{min_label}’ level or above."),
    NULL,
    NULL,
    NULL,
    N_ ("Use an open and fair recruitment route for each missing group, such as going to where they "
        "already meet or partnering with community organisations. Make sure the approach is accessible."),
    SOURCES ("S12", "S11", "S13", "S1", "S21"),
    .better = 1,
    .why = N_ ("Co-production takes time to map out everyone who might be affected (Co-Create) and includes "
               "all perspectives (INVOLVE)."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of groups; the plural follows {n}. */
      PLURAL (WARN, "n", "The map lists {uncovered} as affected by this work, but no one from there is involved beyond being "
                         "informed or consulted ({k} of {n} group covered).",
              "The map lists {uncovered} as affected by this work, but no one from there is involved beyond being "
              "informed or consulted ({k} of {n} groups covered)."),
      /* Translators: as above. */
      PLURAL (FAIL, "n", "The map lists {uncovered} as affected by this work, but no one from there is involved beyond being "
                         "informed or consulted. Only {k} of {n} group is covered (needs attention below {fail_pct}%, a "
                         "judgement call you can change).",
              "The map lists {uncovered} as affected by this work, but no one from there is involved beyond being "
              "informed or consulted. Only {k} of {n} groups are covered (needs attention below {fail_pct}%, a "
              "judgement call you can change).")) },
  { "AI-04", "P4",
    N_ ("Are people with lived experience on the map but not actually connected to anyone?"),
    INPUTS ("relationships"),
    THRESHOLDS ("ai04.fail_isolate_share", "ai04.warn_single_thread_share"),
    sm_rule_ai04, FALSE, TRUE,
    N_ ("Everyone with lived experience on the map has recorded relationships, and most have more than one "
        "link."),
    N_ ("The map shows no relationships for {names}. Either the links are missing from the map, or they "
        "are included in name only."),
    NULL,
    NULL,
    N_ ("Check with them. If they really are unconnected, pair them with a peer or buddy and give them a "
        "direct contact in the group."),
    SOURCES ("S10", "S3"),
    .better = -1,
    .why = N_ ("Being on the map is not the same as taking part. Someone with no ties has no way in to be "
               "heard or supported (Net-Map looks for missing links)."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (FAIL, "n", "The map shows no relationships for {names}: {k} of {n} person with lived experience (needs "
                         "attention from {fail_pct}%, a judgement call you can change). Either the links are missing from the "
                         "map, or they are included in name only.",
              "The map shows no relationships for {names}: {k} of {n} people with lived experience (needs "
              "attention from {fail_pct}%, a judgement call you can change). Either the links are missing from the "
              "map, or they are included in name only.")) },
  { NULL }
};

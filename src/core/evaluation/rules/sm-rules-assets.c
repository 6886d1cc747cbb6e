/* sm-rules-assets.c
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

/* The rules of principle P6, using assets and resources (principles.md §5):
 * strengths recorded and used, hidden labour, capabilities grown. Each rule
 * is one compute function and one row of the table at the end of the file. */

/* P6 — Using assets and resources */

static void
sm_rule_ar01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) deficit = g_ptr_array_new ();
  guint  c_with = 0, i_with = 0;
  double cov_c, cov_i;

  for (guint i = 0; i < ctx->n; i++)
    {
      gboolean has_assets = _sm_rules_array_length (ctx->people[i], "assets") > 0;

      if (_sm_rules_is_i (ctx, i) && has_assets)
        i_with++;
      if (!_sm_rules_is_c (ctx, i))
        continue;
      if (has_assets)
        c_with++;
      else if (_sm_rules_array_length (ctx->people[i], "needs") > 0)
        {
          g_ptr_array_add (deficit, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, _ ("described only by their needs"));
        }
      else
        _sm_result_evidence_person (ctx, result, i, _ ("no strengths recorded"));
    }

  cov_c = (double) c_with / ctx->n_community;
  cov_i = ctx->n_institutional > 0 ? (double) i_with / ctx->n_institutional : NAN;
  result->value = cov_c;
  _sm_result_set (result, "institutional_coverage", cov_i);
  _sm_result_set (result, "deficit_only", deficit->len);
  _sm_rules_var_pct (result, "covC", cov_c);
  if (!isnan (cov_i))
    _sm_rules_var_pct (result, "covI", cov_i);
  if (deficit->len > 0)
    {
      g_autofree char *names = _sm_names_join (deficit);

      _sm_result_var_take (result, "deficit",
                           g_strdup_printf (ngettext (" %s is described only by their needs.",
                                                      " %s are described only by their needs.",
                                                      deficit->len),
                                            names));
    }
  else
    _sm_result_var (result, "deficit", "");
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ar01.warn_cov");
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "ar01.fail_cov");

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
                                   /* xgettext:no-c-format */
                                   ? _ ("Strengths are recorded for {covC}% of people with lived experience.")
                                   /* xgettext:no-c-format */
                                   : _ ("Strengths are recorded for only {covC}% of people with lived "
                                        "experience.{deficit}"));
}

static char *
asset_label (SmEvalContext *ctx,
             guint          i,
             JsonObject    *asset)
{
  const char *description = json_object_get_string_member_with_default (asset, "description", NULL);
  const char *type = json_object_get_string_member_with_default (asset, "type", "other");

  return g_strdup_printf (_ ("%s (%s)"), description != NULL && *description != '\0' ? description : sm_value_label (type),
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

      if (!_sm_rules_is_c (ctx, i))
        continue;
      assets = _sm_rules_get_array (ctx->people[i], "assets");
      for (guint a = 0; assets != NULL && a < json_array_get_length (assets); a++)
        {
          JsonNode   *node = json_array_get_element (assets, a);
          JsonNode   *in_use;
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
        g_strdup_printf (_ ("The map records fewer than %.0f strengths of people with lived experience, so "
                            "there is little to check yet."),
                         _sm_eval_cfg (ctx, "ar02.min_assets"));
      if (n == 0 && result->data_gaps->len > 0)
        _sm_result_insufficient (result, _ ("The map doesn’t say whether the strengths of people with lived "
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
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ar02.warn_share");

  if (used == 0)
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ar02.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
  if (result->status == SM_RULE_PASS && unused->len == 0)
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: {n} is a number of strengths. */
                                              "The {n} strength people with lived experience bring is being used.",
                                              "All {n} strengths people with lived experience bring are being used.",
                                              n));
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

      if (!_sm_rules_is_c (ctx, i) || !_sm_rules_gives_category (ctx, i, labour_categories, what))
        continue;

      assets = _sm_rules_get_array (ctx->people[i], "assets");
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
          SmTristate paid = _sm_rules_paid_or_recognised (ctx->people[i]);

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
          g_autofree char *detail = g_strdup_printf (_ ("gives %s; no recognition recorded"), what->str);

          g_ptr_array_add (names, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, detail);
          if (all_what->len > 0 && strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, _ (", "));
          if (strstr (all_what->str, what->str) == NULL)
            g_string_append (all_what, what->str);
        }
    }

  if (workers == 0)
    {
      if (result->data_gaps->len > 0)
        _sm_result_insufficient (result, _ ("The map doesn’t say whether the care, peer support or delivery "
                                            "people with lived experience give is recognised."));
      else
        _sm_result_not_applicable (result, _ ("The map records no care, peer support or delivery given by "
                                              "people with lived experience."));
      return;
    }

  result->value = (double) names->len / workers;
  _sm_result_set (result, "workers", workers);
  _sm_result_set (result, "unrecognised", names->len);
  _sm_rules_var_names (result, "names", names);
  _sm_result_var (result, "what", all_what->str);
  _sm_result_var_number (result, "k", names->len, 0);
  _sm_result_var_number (result, "n", workers, 0);
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "ar03.fail_share");

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
      if (_sm_rules_is_i (ctx, i) && _sm_rules_list_has (ctx->people[i], "capacity_support", "training"))
        {
          staff++;
          _sm_result_evidence_person (ctx, result, i, _ ("staff member trained"));
        }
      if (!_sm_rules_is_c (ctx, i))
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
      for (guint s = 0; s < _sm_rules_array_length (ctx->people[i], "capacity_support"); s++)
        {
          JsonNode *e = json_array_get_element (_sm_rules_get_array (ctx->people[i], "capacity_support"), s);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_strcmp0 (json_node_get_string (e), "none") != 0)
            {
              supported++;
              _sm_result_evidence_person (ctx, result, i, _ ("active and supported"));
              break;
            }
        }
    }

  if (active == 0)
    {
      _sm_result_not_applicable (result, _ ("No one with lived experience takes part at ‘engagement’ level or "
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
  _sm_rules_var_threshold_pct (ctx, result, "warn_pct", "ar04.warn_share");

  if (result->value < _sm_eval_cfg (ctx, "ar04.warn_share") || staff == 0)
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_assets[] = {
  { "AR-01", "P6",
    N_ ("Does the map record what people with lived experience bring, not only what they need?"),
    INPUTS ("assets", "needs", "side"),
    THRESHOLDS ("ar01.fail_cov", "ar01.warn_cov", "ar01.max_gap_vs_inst"),
    sm_rule_ar01, FALSE, TRUE,
    /* xgettext:no-c-format */
    N_ ("Strengths are recorded for {covC}% of people with lived experience (and {covI}% of professionals)."),
    /* xgettext:no-c-format */
    N_ ("Strengths are recorded for {covC}% of people with lived experience (and {covI}% of "
        "professionals).{deficit} (Worth a look below {warn_pct}%, a judgement call you can change.)"),
    /* xgettext:no-c-format */
    N_ ("Strengths are recorded for only {covC}% of people with lived experience (and {covI}% of "
        "professionals).{deficit} (Needs attention below {fail_pct}%, a judgement call you can change.)"),
    NULL,
    N_ ("Ask each person ‘What’s strong?’, not ‘What’s wrong?’: skills, knowledge, networks, time. Record "
        "those on the map."),
    SOURCES ("S12", "S3"),
    .better = 1,
    .why = N_ ("Co-production starts from assets: everyone has something to contribute (SCIE; Boyle and "
               "Harris). A map that records only needs sees people as problems to be solved.") },
  { "AR-02", "P6",
    N_ ("Are the recorded strengths of people with lived experience actually used in the project?"),
    INPUTS ("assets.in_use", "side"),
    THRESHOLDS ("ar02.warn_share", "ar02.min_assets"),
    sm_rule_ar02, FALSE, TRUE,
    NULL,
    NULL,
    NULL,
    NULL,
    N_ ("Match unused strengths to tasks, such as networks for recruitment, local knowledge for design, or "
        "skills for delivery."),
    SOURCES ("S3", "S2"),
    .better = 1,
    .why = N_ ("Building on people’s existing capabilities is an element of co-production (Boyle and "
               "Harris). Skills that are recorded and left unused tell people they are not needed."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of strengths; the plural follows {n}. */
      PLURAL (PASS, "n", "{k} of {n} strength people with lived experience bring is being used. Not yet used: {list}.", "{k} of {n} strengths people with lived experience bring are being used. Not yet used: {list}."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "Only {k} of {n} strength people with lived experience bring is being used. Not yet used: {list}. "
                         "(Worth a look below {warn_pct}%, a judgement call you can change.)",
              "Only {k} of {n} strengths people with lived experience bring are being used. Not yet used: {list}. "
              "(Worth a look below {warn_pct}%, a judgement call you can change.)"),
      /* Translators: {n} is a number of strengths. */
      PLURAL (FAIL, "n", "The {n} strength people with lived experience bring is not being used yet: {list}.", "None of the {n} strengths people with lived experience bring is being used yet: {list}.")) },
  { "AR-03", "P6",
    N_ ("Is the informal work people with lived experience already do (care, peer support, delivery) seen "
        "and recognised?"),
    INPUTS ("relationships.category", "assets.recognised", "remuneration"),
    THRESHOLDS ("ar03.fail_share"),
    sm_rule_ar03, FALSE, TRUE,
    N_ ("The informal work people with lived experience give ({n} of them) is recognised on the map."),
    N_ ("The map shows {names} giving {what}, work that is easy to overlook, but no recognition of it."),
    NULL,
    NULL,
    N_ ("Name this contribution in the map and in project reports, and agree how it will be recognised or "
        "supported."),
    SOURCES ("S1", "S3", "S2"),
    .better = -1,
    .why = N_ ("Durose and colleagues ask for recognition of previously hidden informal labour; Boyle and "
               "Harris call the people who use services an immense hidden resource."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. */
      PLURAL (FAIL, "n", "The map shows {names} giving {what}, work that is easy to overlook, but no recognition of it: {k} "
                         "of {n} person who gives such work (needs attention from {fail_pct}%, a judgement call you can "
                         "change).",
              "The map shows {names} giving {what}, work that is easy to overlook, but no recognition of it: {k} "
              "of {n} people who give such work (needs attention from {fail_pct}%, a judgement call you can "
              "change).")) },
  { "AR-04", "P6",
    N_ ("Are people with lived experience, and staff, supported to develop the skills co-production needs?"),
    INPUTS ("capacity_support", "participation_level", "side"),
    THRESHOLDS ("ar04.warn_share"),
    sm_rule_ar04, TRUE, TRUE,
    NULL,
    NULL,
    NULL, NULL,
    N_ ("Offer joint training for staff and people together, plus mentoring and briefings before meetings."),
    SOURCES ("S3", "S11", "S12", "S13"),
    .better = 1,
    .why = N_ ("Training staff and people together is a step in NHS England’s model, and INVOLVE asks for "
               "relationships to be built and kept up."),
    .plurals = PLURALS (
      /* Translators: {k} and {n} are numbers of people; the plural follows {n}. {m} is a number of staff. */
      PLURAL (PASS, "n", "{k} of {n} active person with lived experience, and {m} staff, have had training or support for "
                         "co-production.",
              "{k} of {n} active people with lived experience, and {m} staff, have had training or support for "
              "co-production."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "{k} of {n} active person with lived experience, and {m} staff, have had training or support for "
                         "co-production. (Worth a look below {warn_pct}%, or with no staff trained; a judgement call you can "
                         "change.)",
              "{k} of {n} active people with lived experience, and {m} staff, have had training or support for "
              "co-production. (Worth a look below {warn_pct}%, or with no staff trained; a judgement call you can "
              "change.)")) },
  { NULL }
};

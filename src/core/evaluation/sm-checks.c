/* sm-checks.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sm-evaluate-private.h"

/* The data-quality and context checks of principles.md §6, DQ-02 to DQ-05
 * (DQ-01, completeness, is part of every rule). They say how far the map
 * can be trusted and what to do about it; they are never scored. Like the
 * rules, they describe what the map shows and never blame anyone (§4). */

/* Stakeholders named in the metadata list at @path, in order, once each. */
static void
collect_refs (SmEvalContext *ctx,
              const char    *path,
              GArray        *nodes)
{
  JsonNode  *list = sm_record_get_value (sm_map_get_metadata (ctx->map), path);
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return;
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *ref = json_array_get_element (array, i);
      guint     k = JSON_NODE_HOLDS_VALUE (ref) && json_node_get_value_type (ref) == G_TYPE_STRING
                      ? _sm_eval_lookup (ctx, json_node_get_string (ref))
                      : 0;
      gboolean  seen = FALSE;

      for (guint j = 0; j < nodes->len && !seen; j++)
        seen = g_array_index (nodes, guint, j) == k - 1;
      if (k > 0 && !seen)
        {
          guint node = k - 1;
          g_array_append_val (nodes, node);
        }
    }
}

/* DQ-02 Whose map is this? */
static void
sm_check_dq02 (SmEvalContext *ctx,
               SmRuleResult  *result)
{
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) validated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) drawn_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) validated_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) community = g_ptr_array_new ();
  guint n_community = 0;

  collect_refs (ctx, "perspective.drawn_by", drawn);
  collect_refs (ctx, "perspective.validated_by", validated);
  _sm_result_need (result, drawn->len + validated->len > 0);

  if (drawn->len + validated->len == 0)
    {
      _sm_result_gap (result, NULL, "perspective.drawn_by");
      _sm_result_insufficient (result, _ ("The map doesn’t say who drew it or who checked it, so it "
                                          "can’t show whose view it is."));
      result->action = g_strdup (_ ("Record who drew the map and who checked it (the map’s "
                                    "perspective)."));
      return;
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *nodes = pass == 0 ? drawn : validated;

      for (guint j = 0; j < nodes->len; j++)
        {
          guint i = g_array_index (nodes, guint, j);

          g_ptr_array_add (pass == 0 ? drawn_names : validated_names, (char *) _sm_eval_person (ctx, i));
          if (ctx->side[i] == SM_SIDE_COMMUNITY)
            {
              if (!g_ptr_array_find (community, _sm_eval_person (ctx, i), NULL))
                {
                  g_ptr_array_add (community, (char *) _sm_eval_person (ctx, i));
                  n_community++;
                }
              _sm_result_evidence_person (ctx, result, i, pass == 0 ? _ ("drew the map, with lived experience") : _ ("checked the map, with lived experience"));
            }
          else
            _sm_result_evidence_person (ctx, result, i, pass == 0 ? _ ("drew the map") : _ ("checked the map"));
        }
    }

  result->value = n_community;
  _sm_result_set (result, "drawn_by", drawn->len);
  _sm_result_set (result, "validated_by", validated->len);
  _sm_result_var_take (result, "community", _sm_names_join (community));
  /* Whose view: who drew it, or who checked it when no one is named as
   * drawing it. */
  _sm_result_var_take (result, "drawn_by",
                       _sm_names_join (drawn_names->len > 0 ? drawn_names : validated_names));
  result->status = n_community > 0 ? SM_RULE_PASS : SM_RULE_WARN;
}

/* DQ-03 Rating provenance. The format records how each rating was set
 * (influence_rated_by: self, group, facilitator, mixed), not the name of
 * who set it, so "a rating by a single person" is one set by the
 * facilitator alone or by the stakeholder alone; "group" and "mixed" were
 * set together. */
static void
sm_check_dq03 (SmEvalContext *ctx,
               SmRuleResult  *result)
{
  g_autoptr(GPtrArray) divergent = g_ptr_array_new ();
  double   divergence = _sm_eval_cfg (ctx, "dq.rating_divergence");
  guint    rated = 0, known = 0, single = 0;
  gboolean share_known;
  double   share;

  for (guint i = 0; i < ctx->n; i++)
    {
      const char *by = sm_record_get_enum (ctx->people[i], "influence_rated_by");
      double      own = sm_record_get_score (ctx->people[i], "influence_self");

      if (!SM_IS_KNOWN (ctx->influence[i]))
        continue;
      rated++;
      _sm_result_need (result, by != NULL && g_strcmp0 (by, "unknown") != 0);
      if (by == NULL || g_strcmp0 (by, "unknown") == 0)
        _sm_result_gap (result, ctx->people[i], "influence_rated_by");
      else
        {
          known++;
          if (g_strcmp0 (by, "self") == 0 || g_strcmp0 (by, "facilitator") == 0)
            single++;
        }

      if (SM_IS_KNOWN (own) && fabs (own - ctx->influence[i]) >= divergence)
        {
          g_autofree char *detail = g_strdup_printf (_ ("rates own influence %g, the group %g"),
                                                     own, ctx->influence[i]);

          g_ptr_array_add (divergent, (char *) _sm_eval_person (ctx, i));
          _sm_result_evidence_person (ctx, result, i, detail);
        }
    }

  if (rated == 0)
    {
      _sm_result_not_applicable (result, _ ("No one on this map has an influence rating yet."));
      return;
    }
  /* Too few ratings say how they were set to judge the share (DQ-01). */
  share_known = (double) known / rated >= _sm_eval_cfg (ctx, "min_known_share");
  if (!share_known && divergent->len == 0)
    {
      _sm_result_insufficient (result, _ ("For most influence ratings, the map doesn’t say who set "
                                          "them: the group, a facilitator, or each person for "
                                          "themselves."));
      result->action = g_strdup (_ ("Record for each rating whether the group set it together "
                                    "(“influence rated by”)."));
      return;
    }

  share = share_known ? (double) single / known : NAN;
  result->value = share;
  _sm_result_set (result, "single_rater_share", share);
  _sm_result_set (result, "divergent", divergent->len);
  if (share_known)
    _sm_result_var_number (result, "pct", share * 100, 0);
  _sm_result_var_number (result, "divergence", divergence, 1);
  _sm_result_var_take (result, "names", _sm_names_join (divergent));

  if (share_known && share > 0.5 && divergent->len > 0)
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                                /* xgettext:no-c-format */
                                                /* Translators: {pct} is a percentage, {names} a list
                                                 * of names, {divergence} a number of points out of
                                                 * 10 (the plural follows it). */
                                                "{pct}% of the influence ratings on this map were set by one "
                                                "person (a facilitator, or each person for themselves) rather "
                                                "than together. {names} see their own influence very "
                                                "differently from the group ({divergence} point or more).",
                                                "{pct}% of the influence ratings on this map were set by one "
                                                "person (a facilitator, or each person for themselves) rather "
                                                "than together. {names} see their own influence very "
                                                "differently from the group ({divergence} points or more).",
                                                (gulong) ceil (divergence)));
    }
  else if (share_known && share > 0.5)
    result->status = SM_RULE_WARN;
  else if (divergent->len > 0)
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: {names} is a list of names, {divergence}
                                                 * a number of points out of 10 (the plural follows
                                                 * it). */
                                                "{names} see their own influence very differently from the "
                                                "group ({divergence} point or more).",
                                                "{names} see their own influence very differently from the "
                                                "group ({divergence} points or more).",
                                                (gulong) ceil (divergence)));
    }
  else
    result->status = SM_RULE_PASS;
}

/* The Julian day of a "YYYY-MM-DD" date, 0 when it is not one. */
static guint32
parse_julian (const char *text)
{
  GDate date;
  int   y, m, d;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

/* DQ-04 Staleness and trend */
static void
sm_check_dq04 (SmEvalContext *ctx,
               SmRuleResult  *result)
{
  SmRecord   *metadata = sm_map_get_metadata (ctx->map);
  const char *date = sm_record_get_string (metadata, "snapshot.date");
  guint32     taken = parse_julian (date);
  double      interval;
  gint64      age;
  char        today[16];

  /* The map's own review interval when it records one, else the threshold;
   * a threshold that was not used is not shown as if it had been. */
  if (sm_record_has_value (metadata, "review_interval_days"))
    {
      interval = sm_record_get_number (metadata, "review_interval_days", 90);
      for (guint i = result->thresholds->len; i > 0; i--)
        if (g_strcmp0 (g_array_index (result->thresholds, SmNamedValue, i - 1).name,
                       "dq.review_interval_days") == 0)
          g_array_remove_index (result->thresholds, i - 1);
    }
  else
    interval = _sm_eval_cfg (ctx, "dq.review_interval_days");

  _sm_result_need (result, taken != 0);
  if (taken == 0)
    {
      _sm_result_gap (result, NULL, "snapshot.date");
      _sm_result_insufficient (result, _ ("The map doesn’t say when it was drawn, so it can’t say "
                                          "whether it is up to date."));
      result->action = g_strdup (_ ("Record the date of this snapshot of the map."));
      return;
    }

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &ctx->today);
  age = (gint64) g_date_get_julian (&ctx->today) - taken;
  if (age < 0)
    age = 0;

  result->value = age;
  _sm_result_set (result, "age_days", age);
  _sm_result_set (result, "review_interval_days", interval);
  _sm_result_var_number (result, "n", age, 0);
  _sm_result_var_number (result, "interval", interval, 0);
  _sm_result_var (result, "date", date);
  _sm_result_var (result, "today", today);

  /* The table's two messages are for a number of days above one; these
   * are the same with the plural the number needs ("1 day ago"). */
  if (ctx->previous != NULL)
    {
      _sm_result_var (result, "previous", ctx->previous->date);
      if (age > interval)
        _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: {n} is the map's age in days (the
                                                   * plural follows it), {date} the day it was drawn,
                                                   * {interval} a number of days, {previous} a date. */
                                                  "This map is {n} day old (drawn on {date}; the group planned "
                                                  "to review it every {interval} days). Each finding shows how "
                                                  "it has changed since the results recorded on {previous}.",
                                                  "This map is {n} days old (drawn on {date}; the group planned "
                                                  "to review it every {interval} days). Each finding shows how "
                                                  "it has changed since the results recorded on {previous}.",
                                                  (gulong) age));
      else
        _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: as above. */
                                                  "This map was drawn on {date}, {n} day ago, within the "
                                                  "{interval} days the group planned between reviews. Each "
                                                  "finding shows how it has changed since the results recorded "
                                                  "on {previous}.",
                                                  "This map was drawn on {date}, {n} days ago, within the "
                                                  "{interval} days the group planned between reviews. Each "
                                                  "finding shows how it has changed since the results recorded "
                                                  "on {previous}.",
                                                  (gulong) age));
    }
  else if (age > interval)
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: {n} is the map's age in days (the plural
                                               * follows it), {date} the day it was drawn, {interval}
                                               * a number of days. */
                                              "This map is {n} day old (drawn on {date}; the group planned to "
                                              "review it every {interval} days).",
                                              "This map is {n} days old (drawn on {date}; the group planned to "
                                              "review it every {interval} days).",
                                              (gulong) age));
  else
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: as above. */
                                              "This map was drawn on {date}, {n} day ago, within the {interval} "
                                              "days the group planned between reviews.",
                                              "This map was drawn on {date}, {n} days ago, within the {interval} "
                                              "days the group planned between reviews.",
                                              (gulong) age));
  result->status = age > interval ? SM_RULE_WARN : SM_RULE_PASS;
}

/* DQ-05 Consent */
static void
sm_check_dq05 (SmEvalContext *ctx,
               SmRuleResult  *result)
{
  guint individuals = 0, unnamed = 0;

  for (guint i = 0; i < ctx->n; i++)
    {
      SmRecord  *s = ctx->people[i];
      SmTristate consent;

      if (sm_stakeholder_is_organisation (s))
        continue;
      individuals++;
      consent = sm_record_get_boolean (s, "consent_to_be_mapped");
      _sm_result_need (result, consent != SM_TRISTATE_UNKNOWN);
      if (consent == SM_TRISTATE_TRUE)
        continue;
      unnamed++;
      /* The evidence names them for the team; the message does not, as
       * messages go into exports. */
      _sm_result_evidence_person (ctx, result, i, consent == SM_TRISTATE_FALSE ? _ ("has not agreed to be named") : _ ("not asked yet whether they agree to be named"));
    }

  if (individuals == 0)
    {
      _sm_result_not_applicable (result, _ ("Everyone on this map is a group or an organisation."));
      return;
    }

  result->value = unnamed;
  _sm_result_set (result, "individuals", individuals);
  _sm_result_var_number (result, "n", unnamed, 0);
  _sm_result_var_number (result, "individuals", individuals, 0);
  if (unnamed > 0)
    _sm_result_template (result, g_dngettext (GETTEXT_PACKAGE,
                                              "{n} of the {individuals} people on this map has not agreed "
                                              "to be named (or has not been asked). Reports and exports show "
                                              "them as “Participant” and a number.",
                                              "{n} of the {individuals} people on this map have not agreed "
                                              "to be named (or have not been asked). Reports and exports show "
                                              "them as “Participant” and a number.",
                                              unnamed));
  result->status = unnamed > 0 ? SM_RULE_WARN : SM_RULE_PASS;
}

#define INPUTS(...)     \
  (const char *const[]) \
  {                     \
    __VA_ARGS__, NULL   \
  }
#define SOURCES(...)    \
  (const char *const[]) \
  {                     \
    __VA_ARGS__, NULL   \
  }
#define NO_SOURCES      \
  (const char *const[]) \
  {                     \
    NULL                \
  }
#define THRESHOLDS(...) \
  (const char *const[]) \
  {                     \
    __VA_ARGS__, NULL   \
  }

static const SmRuleDef checks[] = {
  { "DQ-02", "DQ",
    N_ ("Whose map is this?"),
    INPUTS ("perspective.drawn_by", "perspective.validated_by", "side"),
    NULL,
    sm_check_dq02, FALSE, FALSE,
    N_ ("This map was drawn or checked by people with lived experience ({community})."),
    N_ ("This map shows the view of {drawn_by}. No one with lived experience of the issue drew it or "
        "checked it."),
    NULL,
    NULL,
    N_ ("Ask people with lived experience to check the map or redraw it, and record who did."),
    SOURCES ("S10", "S1"),
    .why = N_ ("A map shows the view of the people who drew it. Net-Map is drawn with the people involved, "
               "so whose view this is matters.") },
  { "DQ-03", "DQ",
    N_ ("Were the influence ratings set together?"),
    INPUTS ("influence", "influence_rated_by", "influence_self"),
    THRESHOLDS ("dq.rating_divergence"),
    sm_check_dq03, FALSE, FALSE,
    N_ ("The influence ratings on this map were mostly set together, and no one sees their own "
        "influence very differently from the group."),
    /* xgettext:no-c-format */
    N_ ("{pct}% of the influence ratings on this map were set by one person (a facilitator, or each "
        "person for themselves) rather than together."),
    NULL,
    NULL,
    N_ ("Rate influence together, in discussion, and talk through any rating someone sees very "
        "differently."),
    SOURCES ("S10"),
    .why = N_ ("In Net-Map the group sets the influence towers together; ratings set by one person are that "
               "person’s view.") },
  { "DQ-04", "DQ",
    N_ ("Is the map up to date?"),
    INPUTS ("snapshot.date", "review_interval_days"),
    THRESHOLDS ("dq.review_interval_days"),
    sm_check_dq04, FALSE, FALSE,
    NULL,
    NULL,
    NULL,
    NULL,
    N_ ("Update the map with the group, give it a new snapshot date, and record the results so the "
        "next review can show what changed."),
    SOURCES ("S11", "S10"),
    .why = N_ ("Relationships and power change. A map is one group’s view at one point in time."),
    .plurals = PLURALS (
      /* Translators: {n} is the map's age in days (the plural follows it), {date} the day it was drawn, {interval} a number of days. */
      PLURAL (PASS, "n", "This map was drawn on {date}, {n} day ago, within the {interval} days the group planned between "
                         "reviews.",
              "This map was drawn on {date}, {n} days ago, within the {interval} days the group planned between "
              "reviews."),
      /* Translators: as above. */
      PLURAL (WARN, "n", "This map is {n} day old (drawn on {date}; the group planned to review it every {interval} days).", "This map is {n} days old (drawn on {date}; the group planned to review it every {interval} days).")) },
  { "DQ-05", "DQ",
    N_ ("Has everyone on the map agreed to be named?"),
    INPUTS ("consent_to_be_mapped", "is_group"),
    NULL,
    sm_check_dq05, FALSE, FALSE,
    N_ ("Everyone on this map has agreed to be named."),
    NULL,
    NULL,
    NULL,
    N_ ("Ask each person whether they agree to be named on the map, and record the answer. Until then "
        "keep their name out of anything you share."),
    NO_SOURCES,
    .why = N_ ("People decide whether they are named. A map of who holds power can put people at risk.") },
};

const SmRuleDef *
_sm_checks_table (guint *n_checks)
{
  *n_checks = G_N_ELEMENTS (checks);
  return checks;
}

guint
sm_checks_get_count (void)
{
  guint n;

  _sm_checks_table (&n);
  return n;
}

const SmRuleDef *
sm_checks_get (guint index)
{
  guint            n;
  const SmRuleDef *table = _sm_checks_table (&n);

  g_return_val_if_fail (index < n, NULL);
  return &table[index];
}

const SmRuleDef *
sm_checks_lookup (const char *id)
{
  guint            n;
  const SmRuleDef *table = _sm_checks_table (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (table[i].id, id) == 0)
      return &table[i];
  return NULL;
}

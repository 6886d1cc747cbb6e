/* sm-report-findings.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The findings, principle by principle, with their evidence by name, what
 * the group could do and the group's responses; and the sources they cite. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-report-private.h"
#include "sm-sources.h"

static char *
measured_words (SmRuleResult *res,
                SmReport     *r)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean judgement = FALSE, changed = FALSE;

  if (!isnan (res->value))
    {
      g_autofree char *value = _sm_report_format_number (res->value);

      g_string_append_printf (out, _ ("the map shows %s"), value);
      if (!isnan (res->previous_value))
        {
          g_autofree char *was = _sm_report_format_number (res->previous_value);
          g_autofree char *date = _sm_report_date_part (r->eval->previous_date);
          const char      *trend = res->trend > 0 ? _ ("better") : res->trend < 0 ? _ ("worse")
                                                                                  : NULL;

          if (trend != NULL)
            g_string_append_printf (out, _ (" (%s on %s: %s)"), was, date, trend);
          else
            g_string_append_printf (out, _ (" (%s on %s)"), was, date);
        }
    }
  if (res->thresholds != NULL && res->thresholds->len > 0)
    {
      if (out->len > 0)
        g_string_append (out, _ ("; "));
      g_string_append (out, res->thresholds->len > 1 ? _ ("thresholds in use: ") : _ ("threshold in use: "));
      for (guint i = 0; i < res->thresholds->len; i++)
        {
          SmNamedValue    *t = &g_array_index (res->thresholds, SmNamedValue, i);
          g_autofree char *value = _sm_report_format_threshold (t->name, t->value);
          gboolean         is_default = sm_eval_config_is_default (r->config, t->name);

          g_string_append_printf (out, "%s%s = %s %s%s", i > 0 ? ", " : "", t->name, value,
                                  _sm_report_basis_tag (t->name), is_default ? "" : " ✱");
          judgement |= sm_eval_config_get_basis (t->name) == SM_BASIS_JUDGEMENT;
          changed |= !is_default;
        }
      if (judgement)
        g_string_append (out, _ (" ([J]: a judgement call the group can change)"));
      if (changed)
        g_string_append (out, _ (" (✱: changed from the default)"));
    }
  if (out->len == 0)
    return NULL;
  out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
response_markup (SmReport   *r,
                 SmResponse *response)
{
  const char      *kind = response->kind == SM_RESPONSE_DIFFER ? _ ("We see it differently") : _ ("Discuss");
  g_autofree char *by = _sm_report_scrub (r, response->by != NULL && *response->by != '\0' ? response->by
                                                                                           : _ ("someone in the group"));
  g_autofree char *when = _sm_report_date_part (response->at);
  g_autofree char *text = _sm_report_scrub (r, response->text);

  return g_markup_printf_escaped (_ ("<b>%s</b> — %s, %s: %s"), kind, by, when, text);
}

static gboolean
shows_action (SmRuleStatus status)
{
  return status == SM_RULE_WARN || status == SM_RULE_FAIL || status == SM_RULE_INFO ||
         status == SM_RULE_INSUFFICIENT_DATA;
}

/* What a finding does not know, one gap after another. */
static char *
gaps_text (SmReport     *r,
           SmRuleResult *res)
{
  GString *gaps = g_string_new (NULL);

  for (guint i = 0; i < res->data_gaps->len; i++)
    {
      g_autofree char *words = sm_data_gap_dup_label (r->map, g_ptr_array_index (res->data_gaps, i), FALSE);

      g_string_append_printf (gaps, "%s%s", i > 0 ? "; " : "", words);
    }
  return g_string_free (gaps, FALSE);
}

static void
put_finding (SmReport     *r,
             SmRuleResult *res)
{
  const char        *id = sm_rule_def_get_id (res->rule);
  g_autofree char   *badge = _sm_report_badge_markup (&sm_report_rule_badges[res->status], sm_rule_status_to_label (res->status));
  g_autofree char   *question = _sm_report_scrub (r, sm_rule_def_get_question (res->rule));
  g_autofree char   *title = r->style == SM_REPORT_FULL
                               ? g_markup_printf_escaped ("<b>%s  %s</b>", id, question)
                               : g_markup_printf_escaped ("<b>%s</b>", question);
  g_autofree char   *markup = g_strconcat (badge, "  ", title, NULL);
  g_autofree char   *measured = measured_words (res, r);
  const char *const *sources = sm_rule_def_get_sources (res->rule);
  guint              n_responses = 0;

  /* The heading and the first lines of the finding stay together. */
  _sm_report_put_lead (r, markup, 36);

  if (res->message != NULL && *res->message != '\0')
    _sm_report_put (r, STYLE_BODY, 0, NULL, res->message);
  /* The plain-language version leaves out the numbers behind a finding. */
  if (measured != NULL && r->style == SM_REPORT_FULL)
    _sm_report_put (r, STYLE_SMALL, 0, _ ("Measured:"), measured);

  if (res->evidence->len > 0)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_full (res->evidence->len, g_free);

      _sm_report_put (r, STYLE_SMALL, 0, _ ("Evidence:"), "");
      for (guint i = 0; i < res->evidence->len; i++)
        {
          SmEvidence      *e = g_ptr_array_index (res->evidence, i);
          g_autofree char *name = _sm_report_name_for_id (r, e->id);
          g_autofree char *clean_name = _sm_report_scrub (r, name);
          g_autofree char *detail = _sm_report_scrub (r, e->detail);

          if (detail != NULL && *detail != '\0')
            g_ptr_array_add (items, g_markup_printf_escaped ("<b>%s</b> — %s", clean_name, detail));
          else
            g_ptr_array_add (items, g_markup_printf_escaped ("<b>%s</b>", clean_name));
        }
      _sm_report_put_bullets (r, STYLE_SMALL, 0, items);
      r->y += 2;
    }

  if (sm_rule_def_get_why (res->rule) != NULL && shows_action (res->status))
    _sm_report_put (r, STYLE_SMALL, 0, _ ("Why this matters:"), sm_rule_def_get_why (res->rule));
  if (res->action != NULL && *res->action != '\0' && shows_action (res->status))
    _sm_report_put (r, STYLE_BODY, 0, _ ("What you could do:"), res->action);

  if (res->data_gaps->len > 0)
    {
      g_autofree char *gaps = gaps_text (r, res);

      _sm_report_put (r, STYLE_SMALL, 0, _ ("Not recorded (data gaps):"), gaps);
    }

  if (sources != NULL && sources[0] != NULL && r->style == SM_REPORT_FULL)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; sources[i] != NULL; i++)
        {
          const char *name = sm_source_get_short (sources[i]);

          if (i > 0)
            g_string_append (list, "; ");
          if (name != NULL)
            g_string_append_printf (list, "%s %s", sources[i], name);
          else
            g_string_append (list, sources[i]);
        }
      _sm_report_put (r, STYLE_SMALL, 0, _ ("Sources:"), list->str);
    }

  for (guint i = 0; i < r->responses->len; i++)
    {
      SmResponse      *response = g_ptr_array_index (r->responses, i);
      g_autofree char *item = NULL;

      if (g_strcmp0 (response->rule, id) != 0)
        continue;
      if (n_responses++ == 0)
        _sm_report_put (r, STYLE_SMALL, 0, _ ("The group’s responses:"), "");
      item = response_markup (r, response);
      _sm_report_put_bullet (r, STYLE_SMALL, 0, item);
    }

  r->y += 4;
}

/* The plain-language version sets out only what needs a look; what looks
 * OK is listed in one line each, and what does not apply is left out. */
static gboolean
plain_leaves_out (SmReport     *r,
                  SmRuleResult *res)
{
  return r->style == SM_REPORT_PLAIN && (res->status == SM_RULE_PASS || res->status == SM_RULE_NOT_APPLICABLE);
}

static void
put_passes (SmReport   *r,
            GPtrArray  *order,
            const char *principle)
{
  guint n = 0;

  for (guint i = 0; i < order->len; i++)
    {
      SmRuleResult    *res = g_ptr_array_index (order, i);
      g_autofree char *question = NULL;
      g_autofree char *item = NULL;

      if (res->status != SM_RULE_PASS || strcmp (sm_rule_def_get_principle (res->rule), principle) != 0)
        continue;
      if (n++ == 0)
        _sm_report_put (r, STYLE_BODY, 0, _ ("These look OK:"), "");
      question = _sm_report_scrub (r, sm_rule_def_get_question (res->rule));
      item = g_markup_escape_text (question, -1);
      _sm_report_put_item (r, STYLE_BODY, 0, sm_report_rule_badges[SM_RULE_PASS].symbol, item);
    }
}

/* The long paragraphs of a finding (its message and its data gaps, which
 * name every stakeholder they concern), as put_finding() puts them,
 * handed to the workers before the flow reaches them. */
static void
put_finding_ahead (SmReport     *r,
                   SmRuleResult *res)
{
  if (res->message != NULL && *res->message != '\0')
    _sm_report_put_ahead (r, STYLE_BODY, 0, NULL, res->message);
  if (res->data_gaps->len > 0)
    {
      g_autofree char *gaps = gaps_text (r, res);

      _sm_report_put_ahead (r, STYLE_SMALL, 0, _ ("Not recorded (data gaps):"), gaps);
    }
}

/* Lays out the findings' long paragraphs ahead, in the order
 * _sm_report_put_findings() reaches them, so the workers have them ready
 * by then (see _sm_report_put_ahead()). */
void
_sm_report_put_findings_ahead (SmReport *r)
{
  GPtrArray *order = r->eval->order != NULL ? r->eval->order : r->eval->rules;

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    for (guint i = 0; i < order->len; i++)
      {
        SmRuleResult *res = g_ptr_array_index (order, i);

        if (strcmp (sm_rule_def_get_principle (res->rule), r->eval->principles[p].id) == 0 && !plain_leaves_out (r, res))
          put_finding_ahead (r, res);
      }
  for (guint i = 0; r->eval->checks != NULL && i < r->eval->checks->len; i++)
    if (!plain_leaves_out (r, g_ptr_array_index (r->eval->checks, i)))
      put_finding_ahead (r, g_ptr_array_index (r->eval->checks, i));
}

void
_sm_report_put_findings (SmReport *r)
{
  GPtrArray *order = r->eval->order != NULL ? r->eval->order : r->eval->rules;

  _sm_report_new_page (r, FALSE);
  _sm_report_heading (r, STYLE_H1, _ ("Findings"), 40);
  if (r->eval->lens != SM_LENS_NONE)
    _sm_report_put (r, STYLE_SMALL, 0, NULL,
                    _ ("Within each principle, the findings of the chosen lens come first."));

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];
      g_autofree char   *title = g_strdup_printf ("%s %s — %s %s", pr->id, pr->name,
                                                  sm_report_principle_badges[pr->status].symbol,
                                                  sm_principle_status_to_label (pr->status));

      _sm_report_heading (r, STYLE_H2, title, 60);
      for (guint i = 0; i < order->len; i++)
        {
          SmRuleResult *res = g_ptr_array_index (order, i);

          if (strcmp (sm_rule_def_get_principle (res->rule), pr->id) == 0 && !plain_leaves_out (r, res))
            put_finding (r, res);
        }
      if (r->style == SM_REPORT_PLAIN)
        put_passes (r, order, pr->id);
    }

  if (r->eval->checks != NULL && r->eval->checks->len > 0)
    {
      gboolean any = FALSE;

      /* The plain version leaves out what doesn't apply, and so the
       * heading when nothing does. */
      for (guint i = 0; i < r->eval->checks->len; i++)
        any |= r->style != SM_REPORT_PLAIN ||
               ((SmRuleResult *) g_ptr_array_index (r->eval->checks, i))->status != SM_RULE_NOT_APPLICABLE;
      if (any)
        {
          _sm_report_heading (r, STYLE_H2, r->style == SM_REPORT_FULL ? _ ("Data-quality checks") : _ ("How far to trust the map"),
                              60);
          _sm_report_put (r, STYLE_SMALL, 0, NULL,
                          _ ("These checks are not scored: they say how far the map can be relied on."));
        }
      for (guint i = 0; i < r->eval->checks->len; i++)
        if (!plain_leaves_out (r, g_ptr_array_index (r->eval->checks, i)))
          put_finding (r, g_ptr_array_index (r->eval->checks, i));
      if (r->style == SM_REPORT_PLAIN)
        put_passes (r, r->eval->checks, "DQ");
    }

  /* Responses to findings this version does not know stay visible. */
  for (guint i = 0, n = 0; i < r->responses->len; i++)
    {
      SmResponse      *response = g_ptr_array_index (r->responses, i);
      g_autofree char *item = NULL;

      if (response->rule != NULL &&
          (sm_rules_lookup (response->rule) != NULL || sm_checks_lookup (response->rule) != NULL))
        continue;
      if (n++ == 0)
        _sm_report_heading (r, STYLE_H2, _ ("Other responses from the group"), 30);
      item = response_markup (r, response);
      _sm_report_put_bullet (r, STYLE_SMALL, 0, item);
    }
}

/* The full references of the sources the findings cite. */
void
_sm_report_put_sources (SmReport *r)
{
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < r->eval->rules->len; i++)
    {
      SmRuleResult      *res = g_ptr_array_index (r->eval->rules, i);
      const char *const *ids = sm_rule_def_get_sources (res->rule);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        g_hash_table_add (cited, (gpointer) ids[j]);
    }

  _sm_report_heading (r, STYLE_H2, _ ("Sources"), 30);
  if (r->style == SM_REPORT_PLAIN)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < sm_sources_get_count (); i++)
        {
          const char *id = sm_sources_get_id (i);

          if (g_hash_table_contains (cited, id))
            g_string_append_printf (names, "%s%s", names->len > 0 ? "; " : "", sm_source_get_short (id));
        }
      _sm_report_put (r, STYLE_SMALL, 0, _ ("The checks rest on published work on co-production:"), names->str);
      return;
    }
  _sm_report_put (r, STYLE_SMALL, 0, NULL,
                  _ ("The published work each finding rests on. A finding is a prompt for discussion; "
                     "the sources say why it matters."));
  for (guint i = 0; i < sm_sources_get_count (); i++)
    {
      const char      *id = sm_sources_get_id (i);
      g_autofree char *item = NULL;

      if (!g_hash_table_contains (cited, id))
        continue;
      item = g_markup_printf_escaped ("<b>%s</b>  %s", id, sm_source_get_citation (id));
      _sm_report_put_bullet (r, STYLE_SMALL, 0, item);
    }
}

/* sm-report-easy-read.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The easy-read version: short sentences one to a line, large type, and
 * a symbol beside each point. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-easy-read.h"
#include "sm-report-private.h"

/* Easy read */

/* One sentence to a line, as easy-read documents set them. */
static char *
easy_lines (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '.' || c == '?' || c == '!') && p[1] == ' ' && g_unichar_isupper (g_utf8_get_char (p + 2)))
        {
          g_string_append_unichar (out, c);
          g_string_append_c (out, '\n');
          p++; /* the space */
          continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A point with its symbol on the left: a badge without its word, since
 * the sentence beside it says it. */
static void
easy_item (SmReport            *r,
           const SmReportBadge *badge,
           double               indent,
           const char          *label,
           const char          *text,
           gboolean             split)
{
  /* Names are hidden before anything else, so "Dr. Ahmed" is found whole;
   * only the report's own sentences are set one to a line, never what
   * people wrote. */
  g_autofree char *scrubbed = _sm_report_scrub (r, text);
  g_autofree char *clean = split ? easy_lines (scrubbed) : g_strdup (scrubbed);
  g_autofree char *clean_label = label != NULL ? _sm_report_scrub (r, label) : NULL;
  g_autofree char *marker = NULL;
  g_autofree char *markup = NULL;

  if (badge != NULL)
    marker = g_markup_printf_escaped ("<span background=\"%s\" foreground=\"%s\" weight=\"bold\"> %s </span>",
                                      badge->background, badge->foreground, badge->symbol);
  else
    marker = g_strdup ("•");
  if (label != NULL && *clean == '\0')
    markup = g_markup_printf_escaped ("<b>%s</b>", clean_label);
  else if (label != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", clean_label, clean);
  else
    markup = g_markup_escape_text (clean, -1);
  _sm_report_put_item (r, STYLE_BODY, indent, marker, markup);
}

/* One of the report's own sentences, or several, one to a line. A
 * sentence with a name or a title in it goes through easy_sentence(). */
static void
easy_para (SmReport   *r,
           const char *text)
{
  g_autofree char *lines = easy_lines (text);

  _sm_report_put (r, STYLE_BODY, 0, NULL, lines);
}

static void
easy_sentence (SmReport   *r,
               const char *text)
{
  _sm_report_put (r, STYLE_BODY, 0, NULL, text);
}

/* Who a finding is about: people, spaces and decisions by name, six at
 * most. */
static char *
easy_names (SmReport     *r,
            SmRuleResult *res)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint more = 0;

  for (guint i = 0; i < res->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (res->evidence, i);
      SmRecord   *record = e->id != NULL ? sm_map_lookup (r->map, e->id) : NULL;

      if (record == NULL || sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP ||
          sm_record_get_kind (record) == SM_RECORD_MAP || g_hash_table_contains (seen, e->id))
        continue;
      g_hash_table_add (seen, (gpointer) e->id);
      if (names->len < 6)
        g_ptr_array_add (names, _sm_report_record_name (r, record));
      else
        more++;
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);

    if (more > 0)
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This is about: %s and %u more.",
                                           "This is about: %s and %u more.", more),
                              list, more);
    return g_strdup_printf (_ ("This is about: %s."), list);
  }
}

void
_sm_report_put_easy_intro (SmReport *r)
{
  const char      *title = sm_map_get_title (r->map);
  g_autofree char *drawn = _sm_report_names_of_refs (r, "perspective.drawn_by");
  g_autofree char *kicker = g_markup_printf_escaped ("<span foreground=\"#555555\">%s</span>", _ ("Easy read"));
  g_autofree char *about = NULL;
  g_autofree char *when = NULL;

  _sm_report_put_markup (r, STYLE_BODY, 0, kicker);
  _sm_report_heading (r, STYLE_TITLE, title != NULL && *title != '\0' ? title : _ ("Untitled map"), 60);
  _sm_report_heading (r, STYLE_H1, _ ("About this report"), 60);

  about = g_strdup_printf (_ ("This report is about the map “%s”."),
                           title != NULL && *title != '\0' ? title : _ ("Untitled map"));
  easy_sentence (r, about);
  easy_para (r, _ ("The map shows the people and groups in your project. It shows how they work together."));
  easy_para (r, _ ("The report checks the map for 7 things. These things help people work together as equals. "
                   "This is called co-production."));
  if (drawn != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("The map was made by: %s."), drawn);

      easy_sentence (r, text);
    }
  when = g_strdup_printf (_ ("This report was made on %s."), r->long_date);
  easy_sentence (r, when);
  easy_para (r, _ ("The report is not a test. It helps your group talk about what to do next."));
  if (r->n_hidden > 0 && r->hide_people)
    easy_para (r, _ ("We do not show the names of people. We only show the names of groups."));
  else if (r->n_hidden > 0)
    easy_para (r, _ ("Some people have not said yes to being named. We do not show their names."));

  if (r->eval->gate_id != NULL && sm_easy_read_gate (r->eval->gate_id) != NULL)
    {
      g_autofree char *lines = easy_lines (sm_easy_read_gate (r->eval->gate_id));

      _sm_report_space (r, 6);
      _sm_report_callout (r, lines);
    }

  _sm_report_heading (r, STYLE_H1, _ ("The 7 things"), 80);
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];

      easy_item (r, &sm_report_principle_badges[pr->status], 0, sm_easy_read_principle_name (pr->id),
                 sm_easy_read_status_short (pr->status), TRUE);
    }
}

/* The findings of one group (going well, needs work …) of a principle. */
static guint
put_easy_findings (SmReport   *r,
                   const char *principle,
                   gboolean (*wanted) (SmRuleStatus status),
                   const char *title)
{
  GPtrArray *order = r->eval->order != NULL ? r->eval->order : r->eval->rules;
  guint      n = 0;

  for (guint i = 0; i < order->len; i++)
    {
      SmRuleResult    *res = g_ptr_array_index (order, i);
      const char      *id = sm_rule_def_get_id (res->rule);
      gboolean         good = res->status == SM_RULE_PASS;
      g_autofree char *names = NULL;

      if (g_strcmp0 (sm_rule_def_get_principle (res->rule), principle) != 0 || !wanted (res->status) ||
          sm_easy_read_rule (id, SM_EASY_OK) == NULL)
        continue;
      if (n++ == 0)
        _sm_report_heading (r, STYLE_H2, title, 60);
      /* A point, who it is about and what to do stay on one page. */
      if (!good)
        _sm_report_keep (r, _sm_report_style_space (r, 110));
      easy_item (r, &sm_report_rule_badges[res->status], 0, NULL,
                 sm_easy_read_rule (id, good ? SM_EASY_OK : SM_EASY_CONCERN), TRUE);
      if (good)
        continue;
      names = easy_names (r, res);
      if (names != NULL)
        easy_item (r, NULL, EASY_INDENT, NULL, names, FALSE);
      easy_item (r, NULL, EASY_INDENT, _ ("You could:"), sm_easy_read_rule (id, SM_EASY_TODO), TRUE);
    }
  return n;
}

static gboolean
is_good (SmRuleStatus status)
{
  return status == SM_RULE_PASS;
}

static gboolean
is_concern (SmRuleStatus status)
{
  return status == SM_RULE_WARN || status == SM_RULE_FAIL;
}

static gboolean
is_info (SmRuleStatus status)
{
  return status == SM_RULE_INFO;
}

static void
put_easy_responses (SmReport   *r,
                    const char *principle)
{
  guint n = 0;

  for (guint i = 0; i < r->responses->len; i++)
    {
      SmResponse      *response = g_ptr_array_index (r->responses, i);
      const SmRuleDef *rule = response->rule != NULL ? sm_rules_lookup (response->rule) : NULL;
      const SmRuleDef *check = response->rule != NULL ? sm_checks_lookup (response->rule) : NULL;
      const char      *of = rule != NULL    ? sm_rule_def_get_principle (rule)
                            : check != NULL ? sm_rule_def_get_principle (check)
                                            : "DQ";

      if (g_strcmp0 (of, principle) != 0)
        continue;
      if (n++ == 0)
        _sm_report_heading (r, STYLE_H2, _ ("What your group said"), 60);
      if (response->by != NULL && *response->by != '\0')
        {
          g_autofree char *who = g_strdup_printf (_ ("%s said:"), response->by);

          easy_item (r, NULL, 0, who, response->text, FALSE);
        }
      else
        easy_item (r, NULL, 0, NULL, response->text, FALSE);
    }
}

void
_sm_report_put_easy_principles (SmReport *r)
{
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];
      g_autofree char   *title = g_strdup_printf (_ ("%u. %s"), p + 1, sm_easy_read_principle_name (pr->id));
      g_autofree char   *checks = sm_principle_result_dup_checks_text (r->eval, p);
      gboolean           unknown = FALSE;

      _sm_report_new_page (r, FALSE);
      _sm_report_heading (r, STYLE_H1, title, 120);
      easy_para (r, sm_easy_read_principle_about (pr->id));
      easy_item (r, &sm_report_principle_badges[pr->status], 0, sm_easy_read_status (pr->status), "", TRUE);
      easy_para (r, checks);
      put_easy_findings (r, pr->id, is_concern, _ ("Needs work"));
      put_easy_findings (r, pr->id, is_info, _ ("Worth talking about"));
      put_easy_findings (r, pr->id, is_good, _ ("Going well"));
      for (guint i = 0; i < r->eval->rules->len; i++)
        {
          SmRuleResult *res = g_ptr_array_index (r->eval->rules, i);

          unknown |= res->status == SM_RULE_INSUFFICIENT_DATA &&
                     g_strcmp0 (sm_rule_def_get_principle (res->rule), pr->id) == 0;
        }
      if (unknown && pr->status != SM_PRINCIPLE_NOT_ASSESSED)
        {
          _sm_report_space (r, 6);
          easy_item (r, &sm_report_rule_badges[SM_RULE_INSUFFICIENT_DATA], 0, NULL,
                     _ ("We could not check everything. The map needs more information."), TRUE);
        }
      put_easy_responses (r, pr->id);
    }
}

void
_sm_report_put_easy_ending (SmReport *r)
{
  guint n = 0;

  _sm_report_new_page (r, FALSE);
  for (guint i = 0; r->eval->checks != NULL && i < r->eval->checks->len; i++)
    {
      SmRuleResult *res = g_ptr_array_index (r->eval->checks, i);
      const char   *id = sm_rule_def_get_id (res->rule);

      if (!is_concern (res->status) || sm_easy_read_rule (id, SM_EASY_CONCERN) == NULL)
        continue;
      if (n++ == 0)
        {
          _sm_report_heading (r, STYLE_H1, _ ("About the map"), 80);
          easy_para (r, _ ("These things tell you how much you can trust the map."));
        }
      easy_item (r, &sm_report_rule_badges[res->status], 0, NULL, sm_easy_read_rule (id, SM_EASY_CONCERN), TRUE);
      easy_item (r, NULL, EASY_INDENT, _ ("You could:"), sm_easy_read_rule (id, SM_EASY_TODO), TRUE);
    }
  put_easy_responses (r, "DQ");

  _sm_report_heading (r, STYLE_H1, _ ("What next"), 80);
  easy_item (r, NULL, 0, NULL, _ ("Talk about this report with your group."), TRUE);
  easy_item (r, NULL, 0, NULL, _ ("Choose one thing to work on first."), TRUE);
  easy_item (r, NULL, 0, NULL, _ ("Change the map when things change. Then check it again."), TRUE);
  easy_item (r, NULL, 0, NULL, _ ("There is a longer version of this report. It has more detail."), TRUE);
}

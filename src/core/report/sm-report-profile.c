/* sm-report-profile.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report's opening: the title block, and the principle profile with
 * how each principle changed since the last evaluation. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-report-private.h"
#include "sm-sources.h"

/* Sections */

void
_sm_report_put_title_block (SmReport *r)
{
  SmRecord        *meta = sm_map_get_metadata (r->map);
  const char      *title = sm_map_get_title (r->map);
  const char      *purpose = sm_record_get_string (meta, "purpose");
  const char      *question = sm_record_get_string (meta, "question");
  const char      *snap_date = sm_record_get_string (meta, "snapshot.date");
  const char      *snap_status = sm_record_get_enum (meta, "snapshot.status");
  double           snap_version = sm_record_get_number (meta, "snapshot.version", -1);
  const char      *method = sm_record_get_enum (meta, "perspective.method");
  const char      *validated_on = sm_record_get_string (meta, "perspective.validated_on");
  g_autofree char *drawn = _sm_report_names_of_refs (r, "perspective.drawn_by");
  g_autofree char *validated = _sm_report_names_of_refs (r, "perspective.validated_by");
  g_autoptr(GString) snapshot = g_string_new (NULL);
  g_autofree char *kicker = NULL;
  guint            changed = 0;

  kicker = g_markup_printf_escaped ("<span foreground=\"#555555\">%s</span>",
                                    _ ("Co-production evaluation report"));
  _sm_report_put_markup (r, STYLE_BODY, 0, kicker);
  _sm_report_heading (r, STYLE_TITLE, title != NULL && *title != '\0' ? title : _ ("Untitled map"), 60);

  if (purpose != NULL && *purpose != '\0')
    _sm_report_put (r, STYLE_BODY, 0, _ ("Purpose:"), purpose);
  if (question != NULL && *question != '\0')
    _sm_report_put (r, STYLE_BODY, 0, _ ("Framing question:"), question);

  g_string_append (snapshot, snap_date != NULL && *snap_date != '\0' ? snap_date : _ ("no date recorded"));
  if (snap_version >= 0)
    g_string_append_printf (snapshot, _ (", version %.0f"), snap_version);
  if (snap_status != NULL)
    g_string_append_printf (snapshot, " (%s)", sm_value_label (snap_status));
  _sm_report_put (r, STYLE_BODY, 0, _ ("Snapshot:"), snapshot->str);

  if (drawn != NULL)
    {
      g_autofree char *text = NULL;

      if (method != NULL && strcmp (method, "unknown") != 0)
        text = g_strdup_printf (_ ("%s (method: %s)"), drawn, sm_value_label (method));
      _sm_report_put (r, STYLE_BODY, 0, _ ("Drawn by:"), text != NULL ? text : drawn);
    }
  else
    _sm_report_put (r, STYLE_BODY, 0, _ ("Drawn by:"), _ ("not recorded"));

  if (validated != NULL)
    {
      g_autofree char *text = NULL;

      if (validated_on != NULL && *validated_on != '\0')
        text = g_strdup_printf (_ ("%s, on %s"), validated, validated_on);
      _sm_report_put (r, STYLE_BODY, 0, _ ("Validated by:"), text != NULL ? text : validated);
    }
  else
    _sm_report_put (r, STYLE_BODY, 0, _ ("Validated by:"), _ ("not yet validated"));

  _sm_report_put (r, STYLE_BODY, 0, _ ("Report date:"), r->date);
  if (r->eval->lens != SM_LENS_NONE)
    _sm_report_put (r, STYLE_BODY, 0, _ ("Lens:"), sm_value_label (sm_lens_to_string (r->eval->lens)));

  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    changed += !sm_eval_config_is_default (r->config, *keys);
  if (r->style == SM_REPORT_PLAIN)
    {
      _sm_report_space (r, 4);
      _sm_report_put (r, STYLE_SMALL, 0, NULL,
                      _ ("This is the plain-language version of the report. Each finding is a prompt for "
                         "discussion, not a verdict: a map is one group’s view at one point in time. The full "
                         "version adds the measurements, the thresholds and the sources."));
      _sm_report_put_hidden_note (r);
      return;
    }
  if (changed == 0)
    _sm_report_put (r, STYLE_BODY, 0, _ ("Thresholds:"), _ ("the defaults of the rule catalogue"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u changed from the default (see “Thresholds in use”)",
                                                            "%u changed from the defaults (see “Thresholds in use”)",
                                                            changed),
                                               changed);
      _sm_report_put (r, STYLE_BODY, 0, _ ("Thresholds:"), text);
    }

  _sm_report_space (r, 4);
  _sm_report_put (r, STYLE_SMALL, 0, NULL,
                  _ ("Each finding is a prompt for discussion, not a verdict: a map is one group’s view at one "
                     "point in time. Thresholds marked [J] are judgement calls the group can change."));
  _sm_report_put_hidden_note (r);
}

/* Who is shown as "Participant N", and why. */
void
_sm_report_put_hidden_note (SmReport *r)
{
  if (r->n_hidden == 0)
    return;
  if (r->hide_people)
    _sm_report_put (r, STYLE_SMALL, 0, NULL,
                    _ ("Every person on the map is shown as “Participant” and a number; only organisations and "
                       "groups are named."));
  else
    _sm_report_put (r, STYLE_SMALL, 0, NULL,
                    _ ("People who have not agreed to be named on the map are shown as “Participant” and a number."));
}

/* "was Partly met on 2024-11-10" (principles.md §7.5), or NULL. */
static char *
principle_change (SmPrincipleResult *pr)
{
  g_autofree char *date = NULL;

  if (pr->previous_status < 0 || pr->previous_status > SM_PRINCIPLE_NOT_ASSESSED)
    return NULL;
  date = _sm_report_date_part (pr->previous_date);
  if ((SmPrincipleStatus) pr->previous_status == pr->status)
    return g_strdup_printf (_ ("unchanged since %s"), date);
  return sm_principle_status_dup_was (pr->previous_status, date);
}

void
_sm_report_put_profile (SmReport *r)
{
  /* The plain-language version has no score column. */
  gboolean     full = r->style == SM_REPORT_FULL;
  const double widths[] = { 180, 88, 38, 92, 0 };
  double       w[5];
  const char  *header[5];
  char        *h[5];
  guint        n = full ? 5 : 4;

  memcpy (w, widths, sizeof w);
  if (!full)
    {
      w[0] += 20;
      w[2] = w[3] + 18;
    }
  w[n - 1] = _sm_report_content_width (r);
  for (guint i = 0; i + 1 < n; i++)
    w[n - 1] -= w[i];

  _sm_report_heading (r, STYLE_H1, _ ("Principle profile"), 80);
  if (r->eval->gate_message != NULL)
    _sm_report_callout (r, r->eval->gate_message);
  if (r->eval->summary != NULL)
    _sm_report_put (r, STYLE_BODY, 0, NULL, r->eval->summary);
  if (!isnan (r->eval->index) && full)
    {
      g_autofree char *text = g_strdup_printf (_ ("Indicative index: %.0f (indicative — not a grade; not for "
                                                  "comparing projects)"),
                                               r->eval->index);
      _sm_report_put (r, STYLE_BODY, 0, NULL, text);
    }
  _sm_report_space (r, 6);

  h[0] = g_markup_printf_escaped ("<b>%s</b>", _ ("Principle"));
  h[1] = g_markup_printf_escaped ("<b>%s</b>", _ ("Status"));
  h[2] = g_markup_printf_escaped ("<b>%s</b>", _ ("Score"));
  h[3] = g_markup_printf_escaped ("<b>%s</b>", full ? _ ("Confidence") : _ ("How sure"));
  h[4] = g_markup_printf_escaped ("<b>%s</b>", _ ("Change"));
  if (!full)
    {
      g_free (h[2]);
      h[2] = h[3];
      h[3] = h[4];
      h[4] = NULL;
    }
  for (guint i = 0; i < 5; i++)
    header[i] = h[i];
  _sm_report_table_row (r, STYLE_SMALL, n, w, header, TRUE, NULL);

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];
      g_autofree char   *name = NULL;
      g_autofree char   *status = _sm_report_badge_markup (&sm_report_principle_badges[pr->status],
                                                           sm_principle_status_to_label (pr->status));
      g_autofree char   *score = isnan (pr->score) ? g_strdup ("—") : g_strdup_printf ("%.2f", pr->score);
      g_autofree char   *confidence = NULL;
      g_autofree char   *previous = NULL;
      g_autofree char   *change = NULL;
      g_autofree char   *checks = NULL;
      const char        *cells[5];

      checks = sm_principle_result_dup_checks_text (r->eval, p);
      name = g_markup_printf_escaped ("<b>%s %s</b>\n<span size=\"smaller\">%s</span>",
                                      pr->id, pr->name, checks);
      confidence = g_markup_escape_text (pr->status == SM_PRINCIPLE_NOT_ASSESSED
                                           ? "—"
                                           : sm_confidence_to_label (pr->confidence),
                                         -1);
      previous = principle_change (pr);
      change = g_markup_escape_text (previous != NULL ? previous : "—", -1);
      cells[0] = name;
      cells[1] = status;
      cells[2] = full ? score : confidence;
      cells[3] = full ? confidence : change;
      cells[4] = full ? change : NULL;
      _sm_report_table_row (r, STYLE_SMALL, n, w, cells, TRUE, header);
    }
  for (guint i = 0; i < 5; i++)
    g_free (h[i]);

  if (r->eval->lens != SM_LENS_NONE && r->eval->headlines != NULL && r->eval->headlines->len > 0)
    {
      g_autofree char *title = g_strdup_printf (_ ("Headlines for the %s lens"),
                                                sm_value_label (sm_lens_to_string (r->eval->lens)));

      _sm_report_heading (r, STYLE_H2, title, 30);
      _sm_report_put (r, STYLE_SMALL, 0, NULL,
                      _ ("A lens puts some findings first; it never changes a result. Each is set out in full "
                         "under its principle."));
      for (guint i = 0; i < r->eval->headlines->len; i++)
        {
          SmRuleResult    *res = g_ptr_array_index (r->eval->headlines, i);
          g_autofree char *badge = _sm_report_badge_markup (&sm_report_rule_badges[res->status], sm_rule_status_to_label (res->status));
          g_autofree char *question = _sm_report_scrub (r, sm_rule_def_get_question (res->rule));
          g_autofree char *rest = g_markup_printf_escaped ("<b>%s</b> %s", sm_rule_def_get_id (res->rule), question);
          g_autofree char *all = g_strconcat (badge, " ", rest, NULL);

          _sm_report_put_bullet (r, STYLE_BODY, 0, all);
        }
    }
}

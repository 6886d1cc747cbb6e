/* sm-report-thresholds.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The thresholds in use, with the non-defaults marked and their history;
 * in the plain-language version, only what the group changed. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-report-private.h"

static SmThresholdChange *
last_change (SmReport   *r,
             const char *key)
{
  for (guint i = r->log->len; i > 0; i--)
    {
      SmThresholdChange *change = g_ptr_array_index (r->log, i - 1);

      if (g_strcmp0 (change->key, key) == 0)
        return change;
    }
  return NULL;
}

static char *
change_words (SmReport          *r,
              SmThresholdChange *change)
{
  g_autofree char *old_value = _sm_report_format_threshold (change->key, change->old_value);
  g_autofree char *new_value = _sm_report_format_threshold (change->key, change->new_value);
  g_autofree char *by = _sm_report_scrub (r, change->by != NULL && *change->by != '\0' ? change->by : _ ("not recorded"));
  g_autofree char *when = _sm_report_date_part (change->at);
  g_autofree char *reason = _sm_report_scrub (r, change->reason != NULL && *change->reason != '\0'
                                                   ? change->reason
                                                   : _ ("no reason recorded"));

  return g_strdup_printf (_ ("%s → %s, by %s on %s. Why: %s"), old_value, new_value, by, when, reason);
}

/* "“Needs attention” ratio (SP-01)" for "sp01.fail_ratio". */
static char *
threshold_name (const char *key)
{
  g_autofree char *words = sm_eval_config_dup_label (key);

  if (strlen (key) > 5 && g_ascii_isalpha (key[0]) && g_ascii_isalpha (key[1]) && g_ascii_isdigit (key[2]) &&
      g_ascii_isdigit (key[3]) && key[4] == '.')
    {
      g_autofree char *rule = g_strdup_printf ("%c%c-%c%c", g_ascii_toupper (key[0]), g_ascii_toupper (key[1]),
                                               key[2], key[3]);

      if (sm_rules_lookup (rule) != NULL)
        return g_strdup_printf (_ ("%s (%s)"), words, rule);
    }
  return g_steal_pointer (&words);
}

/* For the plain-language version: only what the group changed. */
void
_sm_report_put_threshold_changes (SmReport *r)
{
  guint changed = 0;

  _sm_report_heading (r, STYLE_H1, _ ("Thresholds"), 60);
  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    changed += !sm_eval_config_is_default (r->config, *keys);
  if (changed == 0)
    {
      _sm_report_put (r, STYLE_BODY, 0, NULL,
                      _ ("Each check has thresholds: the points at which a finding becomes “Worth a look” or “Needs "
                         "attention”. This report uses the thresholds the method suggests; the group has not changed "
                         "any of them."));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Each check has thresholds: the points at which a finding "
                                                          "becomes “Worth a look” or “Needs attention”. %u of them "
                                                          "differs from what the method suggests:",
                                                          "Each check has thresholds: the points at which a finding "
                                                          "becomes “Worth a look” or “Needs attention”. %u of them "
                                                          "differ from what the method suggests:",
                                                          changed),
                                             changed);
    _sm_report_put (r, STYLE_BODY, 0, NULL, text);
  }
  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    {
      SmThresholdChange *change;
      g_autofree char   *words = NULL;
      g_autofree char   *item = NULL;

      if (sm_eval_config_is_default (r->config, *keys))
        continue;
      change = last_change (r, *keys);
      if (change != NULL && sm_eval_config_get (r->map_config, *keys) == sm_eval_config_get (r->config, *keys))
        words = change_words (r, change);
      else
        {
          g_autofree char *was = _sm_report_format_threshold (*keys, sm_eval_config_get_default (*keys));
          g_autofree char *now = _sm_report_format_threshold (*keys, sm_eval_config_get (r->config, *keys));

          words = g_strdup_printf (_ ("%s → %s"), was, now);
        }
      {
        /* change_words() has hidden any name already. */
        g_autofree char *name = threshold_name (*keys);

        item = g_markup_printf_escaped ("<b>%s</b>: %s", name, words);
      }
      _sm_report_put_bullet (r, STYLE_BODY, 0, item);
    }
  _sm_report_put (r, STYLE_SMALL, 0, NULL, _ ("The full version of the report lists every threshold."));
}

void
_sm_report_put_thresholds (SmReport *r)
{
  double           w[3];
  g_autofree char *h0 = g_markup_printf_escaped ("<b>%s</b>", _ ("Threshold"));
  g_autofree char *h1 = g_markup_printf_escaped ("<b>%s</b>", _ ("Value"));
  g_autofree char *h2 = g_markup_printf_escaped ("<b>%s</b>", _ ("Note"));
  const char      *header[3] = { h0, h1, h2 };

  w[0] = 190;
  w[1] = 70;
  w[2] = _sm_report_content_width (r) - w[0] - w[1];

  _sm_report_new_page (r, FALSE);
  _sm_report_heading (r, STYLE_H1, _ ("Thresholds in use"), 60);
  _sm_report_put (r, STYLE_SMALL, 0, NULL,
                  _ ("[S] stated or implied by a source; [C] a convention of the method; [J] a judgement call "
                     "the group can change and should record why. ✱ marks a value changed from the default of "
                     "the rule catalogue (principles.md §10), with the record of who changed it, when and why."));
  _sm_report_space (r, 4);
  _sm_report_table_row (r, STYLE_SMALL, 3, w, header, TRUE, NULL);

  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    {
      const char      *key = *keys;
      double           value = sm_eval_config_get (r->config, key);
      gboolean         is_default = sm_eval_config_is_default (r->config, key);
      g_autofree char *text = _sm_report_format_threshold (key, value);
      g_autofree char *name = NULL;
      g_autofree char *cell = NULL;
      g_autofree char *note = NULL;
      const char      *cells[3];

      if (is_default)
        {
          name = g_markup_printf_escaped ("%s", key);
          cell = g_markup_printf_escaped ("%s %s", text, _sm_report_basis_tag (key));
          note = g_strdup ("");
        }
      else
        {
          g_autofree char   *was = _sm_report_format_threshold (key, sm_eval_config_get_default (key));
          SmThresholdChange *change = last_change (r, key);
          g_autoptr(GString) words = g_string_new (NULL);

          name = g_markup_printf_escaped ("<b>✱ %s</b>", key);
          cell = g_markup_printf_escaped ("<b>%s</b> %s", text, _sm_report_basis_tag (key));
          g_string_append_printf (words, _ ("Changed from the default %s."), was);
          if (sm_eval_config_get (r->map_config, key) != value)
            g_string_append_printf (words, " %s", _ ("Set for this report only; not saved in the map."));
          else if (change != NULL)
            {
              g_autofree char *said = change_words (r, change);

              g_string_append_printf (words, " %s", said);
            }
          else
            g_string_append_printf (words, " %s", _ ("No record of who changed it."));
          note = g_markup_escape_text (words->str, -1);
        }
      cells[0] = name;
      cells[1] = cell;
      cells[2] = note;
      _sm_report_table_row (r, STYLE_SMALL, 3, w, cells, FALSE, header);
    }

  _sm_report_heading (r, STYLE_H2, _ ("Changes to thresholds"), 30);
  if (r->log->len == 0)
    _sm_report_put (r, STYLE_SMALL, 0, NULL, _ ("No threshold of this map has been changed."));
  for (guint i = 0; i < r->log->len; i++)
    {
      SmThresholdChange *change = g_ptr_array_index (r->log, i);
      g_autofree char   *said = change_words (r, change);
      g_autofree char   *item = g_markup_printf_escaped ("<b>%s</b>: %s", change->key, said);

      _sm_report_put_bullet (r, STYLE_SMALL, 0, item);
    }
}

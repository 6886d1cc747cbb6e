/* sm-eval-words.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The words of an evaluation: statuses, confidence, lenses and ladder
 * rungs as scripts spell them and as people read them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-evaluate-private.h"

/* Words */

const char *
sm_rule_status_to_string (SmRuleStatus status)
{
  static const char *const names[] = {
    "pass",
    "warn",
    "fail",
    "not_applicable",
    "insufficient_data",
    "info",
  };

  g_return_val_if_fail (status <= SM_RULE_INFO, NULL);
  return names[status];
}

/* The words users see (§4): never colour alone, never a verdict. */
const char *
sm_rule_status_to_label (SmRuleStatus status)
{
  static const char *const labels[] = {
    N_ ("Looks OK"),
    N_ ("Worth a look"),
    N_ ("Needs attention"),
    N_ ("Doesn’t apply"),
    N_ ("Not enough information"),
    N_ ("For discussion"),
  };

  g_return_val_if_fail (status <= SM_RULE_INFO, NULL);
  return _ (labels[status]);
}

const char *
sm_principle_status_to_string (SmPrincipleStatus status)
{
  static const char *const names[] = { "met", "partly_met", "not_met", "not_assessed" };

  g_return_val_if_fail (status <= SM_PRINCIPLE_NOT_ASSESSED, NULL);
  return names[status];
}

const char *
sm_principle_status_to_label (SmPrincipleStatus status)
{
  static const char *const labels[] = {
    N_ ("Met"),
    N_ ("Partly met"),
    N_ ("Not met"),
    N_ ("Not assessed"),
  };

  g_return_val_if_fail (status <= SM_PRINCIPLE_NOT_ASSESSED, NULL);
  return _ (labels[status]);
}

/**
 * sm_principle_status_dup_was:
 * @status: the status at the previous results
 * @date: their date, as it should be shown
 *
 * "was Met on 2026-01-10": one whole phrase per status, for the
 * translators.
 *
 * Returns: (transfer full): the phrase
 */
char *
sm_principle_status_dup_was (SmPrincipleStatus status,
                             const char       *date)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      /* TRANSLATORS: how a principle came out at the previous results;
       * %s is their date */
      return g_strdup_printf (_ ("was Met on %s"), date);
    case SM_PRINCIPLE_PARTLY_MET:
      /* TRANSLATORS: as above */
      return g_strdup_printf (_ ("was Partly met on %s"), date);
    case SM_PRINCIPLE_NOT_MET:
      /* TRANSLATORS: as above */
      return g_strdup_printf (_ ("was Not met on %s"), date);
    case SM_PRINCIPLE_NOT_ASSESSED:
      /* TRANSLATORS: as above */
      return g_strdup_printf (_ ("was Not assessed on %s"), date);
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sm_confidence_to_string (SmConfidence confidence)
{
  static const char *const names[] = { "low", "medium", "high" };

  g_return_val_if_fail (confidence <= SM_CONFIDENCE_HIGH, NULL);
  return names[confidence];
}

const char *
sm_confidence_to_label (SmConfidence confidence)
{
  static const char *const labels[] = {
    N_ ("low confidence"),
    N_ ("medium confidence"),
    N_ ("high confidence"),
  };

  g_return_val_if_fail (confidence <= SM_CONFIDENCE_HIGH, NULL);
  return _ (labels[confidence]);
}

static const char *const lens_names[] = { "none", "clarification", "elucidation", "provocation" };

gboolean
sm_lens_from_string (const char *text,
                     SmLens     *lens)
{
  for (guint i = 0; i < G_N_ELEMENTS (lens_names); i++)
    if (g_strcmp0 (text, lens_names[i]) == 0)
      {
        *lens = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sm_lens_to_string (SmLens lens)
{
  g_return_val_if_fail (lens <= SM_LENS_PROVOCATION, NULL);
  return lens_names[lens];
}

/* Ladder of co-production (TLAP, S5), §3.7. */
const char *
_sm_ladder_label (double level)
{
  static const char *const labels[] = {
    N_ ("not involved"),
    N_ ("coercion"),
    N_ ("educating"),
    N_ ("informing"),
    N_ ("consultation"),
    N_ ("engagement"),
    N_ ("co-design"),
    N_ ("co-production"),
  };
  int i = (int) level;

  if (!SM_IS_KNOWN (level) || i < 0 || i > 7)
    return _ ("unknown");
  return _ (labels[i]);
}

/* "Ann", "Ann and Bob", "Ann, Bob and Cy": built from the end, with the
 * translators' own patterns for the last two names and for each name
 * before them. */
char *
_sm_names_join (GPtrArray *names)
{
  const char *rest_pattern;
  char       *out;

  if (names->len == 0)
    return g_strdup ("");
  out = g_strdup (g_ptr_array_index (names, names->len - 1));
  if (names->len >= 2)
    {
      char *last = out;

      /* TRANSLATORS: the last two names of a list, "Ann and Bob" or the
       * end of "Ann, Bob and Cy"; each %s is a name */
      out = g_strdup_printf (C_ ("list", "%s and %s"), (const char *) g_ptr_array_index (names, names->len - 2),
                             last);
      g_free (last);
    }
  if (names->len < 3)
    return out;
  /* TRANSLATORS: a name and the rest of a list: "Ann, Bob and Cy" is
   * "Ann" and "Bob and Cy"; the first %s is a name, the second the
   * rest of the list */
  rest_pattern = C_ ("list", "%s, %s");

  /* A pattern with its two names in order and nothing else to format is
   * "before NAME between REST after": the whole list is written in one
   * go, so that a list of thousands costs no more than its length. */
  {
    const char *first = strstr (rest_pattern, "%s");
    const char *second = first != NULL ? strstr (first + 2, "%s") : NULL;
    guint       n_percent = 0;

    for (const char *c = rest_pattern; *c != '\0'; c++)
      n_percent += *c == '%';
    if (second != NULL && n_percent == 2)
      {
        GString    *list = g_string_new (NULL);
        gsize       before = first - rest_pattern, between = second - first - 2;
        const char *after = second + 2;

        for (guint i = 0; i < names->len - 2; i++)
          {
            g_string_append_len (list, rest_pattern, before);
            g_string_append (list, g_ptr_array_index (names, i));
            g_string_append_len (list, first + 2, between);
          }
        g_string_append (list, out);
        for (guint i = 0; i < names->len - 2 && *after != '\0'; i++)
          g_string_append (list, after);
        g_free (out);
        return g_string_free (list, FALSE);
      }
  }

  for (guint i = names->len - 2; i-- > 0;)
    {
      char *rest = out;

      out = g_strdup_printf (C_ ("list", "%s, %s"), (const char *) g_ptr_array_index (names, i), rest);
      g_free (rest);
    }
  return out;
}

/* A principle's checks */

/**
 * sm_principle_result_get_counts:
 * @principle: an index into @evaluation's principles
 *
 * Counts the principle's checks as §7.2 scores them: n_eval is what the
 * status was worked out from.
 */
void
sm_principle_result_get_counts (const SmEvaluation *evaluation,
                                guint               principle,
                                SmPrincipleCounts  *counts)
{
  const char *id;

  g_return_if_fail (evaluation != NULL);
  g_return_if_fail (principle < SM_N_PRINCIPLES);
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  id = evaluation->principles[principle].id;
  for (guint i = 0; i < evaluation->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (evaluation->rules, i);

      if (strcmp (sm_rule_def_get_principle (r->rule), id) != 0)
        continue;
      counts->n_rules++;
      switch (r->status)
        {
        case SM_RULE_PASS:
          counts->n_pass++;
          break;
        case SM_RULE_WARN:
          counts->n_warn++;
          break;
        case SM_RULE_FAIL:
          counts->n_fail++;
          break;
        default:
          continue;
        }
      counts->n_eval++;
    }
}

/**
 * sm_principle_result_dup_checks_text:
 * @principle: an index into @evaluation's principles
 *
 * The sentence under a principle's status, in the app, the reports and
 * `stakemap-cli evaluate`: how many of its checks could run and how they
 * came out, so a principle that is "Not assessed" never seems to
 * contradict a finding that needs attention.
 *
 * Returns: (transfer full): the sentence
 */
char *
sm_principle_result_dup_checks_text (const SmEvaluation *evaluation,
                                     guint               principle)
{
  SmPrincipleCounts c;
  guint             concerns;

  g_return_val_if_fail (evaluation != NULL, NULL);
  g_return_val_if_fail (principle < SM_N_PRINCIPLES, NULL);

  sm_principle_result_get_counts (evaluation, principle, &c);
  concerns = c.n_warn + c.n_fail;

  if (evaluation->principles[principle].status == SM_PRINCIPLE_NOT_ASSESSED)
    {
      if (c.n_eval == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %u is how many checks the
                                              * principle has; none of them could run. */
                                             "Not enough to judge yet — its %u check could not run",
                                             "Not enough to judge yet — none of its %u checks could run",
                                             c.n_rules),
                                c.n_rules);
      if (c.n_eval == 1 && c.n_fail == 1)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %u is how many checks the
                                              * principle has; one of them could run, and
                                              * its finding says "Needs attention". */
                                             "Not enough to judge yet — 1 of %u check could run, and it needs attention",
                                             "Not enough to judge yet — 1 of %u checks could run, and it needs attention",
                                             c.n_rules),
                                c.n_rules);
      if (c.n_eval == 1 && c.n_warn == 1)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: as above; the finding says
                                              * "Worth a look". */
                                             "Not enough to judge yet — 1 of %u check could run, and it is worth a look",
                                             "Not enough to judge yet — 1 of %u checks could run, and it is worth a look",
                                             c.n_rules),
                                c.n_rules);
      if (c.n_eval == 1)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: as above; the finding says
                                              * "Looks OK". */
                                             "Not enough to judge yet — 1 of %u check could run, and it looks OK",
                                             "Not enough to judge yet — 1 of %u checks could run, and it looks OK",
                                             c.n_rules),
                                c.n_rules);
      if (concerns == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: the first %u is how many checks
                                              * could run (always 2 or more), the second how
                                              * many the principle has; the plural follows
                                              * the second. */
                                             "Not enough to judge yet — %u of %u check could run, and they look OK",
                                             "Not enough to judge yet — %u of %u checks could run, and they look OK",
                                             c.n_rules),
                                c.n_eval, c.n_rules);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the first %u is how many checks could
                                            * run (always 2 or more), the second how many the
                                            * principle has, the third how many of those that ran
                                            * need attention or are worth a look; the plural
                                            * follows the third. */
                                           "Not enough to judge yet — %u of %u checks could run, and %u of them "
                                           "raises a concern",
                                           "Not enough to judge yet — %u of %u checks could run, and %u of them "
                                           "raise concerns",
                                           concerns),
                              c.n_eval, c.n_rules, concerns);
    }

  if (c.n_eval == c.n_rules)
    {
      /* Translators: a piece of "%u of %s looks OK" below; %u is how many
       * checks the principle has. */
      g_autofree char *checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check", "%u checks", c.n_eval),
                                                 c.n_eval);

      /* Translators: %u is how many checks look OK (the plural follows
       * it), %s how many checks there are ("3 checks"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %s looks OK", "%u of %s look OK", c.n_pass),
                              c.n_pass, checks);
    }
  {
    /* Translators: a piece of "%u of %s looks OK; %s" below; %u is how
     * many checks could run. */
    g_autofree char *ran = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the %u check that could run",
                                                         "the %u checks that could run", c.n_eval),
                                            c.n_eval);
    /* Translators: a piece of "%u of %s looks OK; %s" below; %u is how
     * many checks could not run. */
    g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more could not run yet",
                                                          "%u more could not run yet", c.n_rules - c.n_eval),
                                             c.n_rules - c.n_eval);

    /* Translators: %u is how many checks look OK (the plural follows it),
     * the first %s how many could run ("the 3 checks that could run"), the
     * second how many could not ("2 more could not run yet"). */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %s looks OK; %s", "%u of %s look OK; %s", c.n_pass),
                            c.n_pass, ran, more);
  }
}

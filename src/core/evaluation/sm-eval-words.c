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

/* "Ann", "Ann and Bob", "Ann, Bob and Cy". */
char *
_sm_names_join (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _ (" and ") : _ (", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

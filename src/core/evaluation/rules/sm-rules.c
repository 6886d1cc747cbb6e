/* sm-rules.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-rules-private.h"

/* The rule catalogue of principles.md §5: the principles' rows in one
 * list, and the read-only accessors the app, the command line and the
 * report use. Each principle's rules live in a file of their own.
 *
 * Unknown values are never read as "no": they leave the denominator and
 * are listed as data gaps (§3.9). Where §9's verified figures need a
 * reading of the catalogue, the comment at the rule says which. */

/* One entry per principle, in catalogue order (P1 … P7). */
static const SmRuleDef *const principles[] = {
  _sm_rules_sharing_power,
  _sm_rules_equality,
  _sm_rules_whole_system,
  _sm_rules_access,
  _sm_rules_reciprocity,
  _sm_rules_assets,
  _sm_rules_openness,
};

/* The rows of every principle, one after the other, built once: evaluation
 * runs on worker threads, so the first use may be on any of them. */
static gpointer
build_table (gpointer data)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (SmRuleDef));

  for (guint p = 0; p < G_N_ELEMENTS (principles); p++)
    for (const SmRuleDef *rule = principles[p]; rule->id != NULL; rule++)
      g_array_append_vals (rows, rule, 1);
  return rows;
}

const SmRuleDef *
_sm_rules_table (guint *n_rules)
{
  static GOnce once = G_ONCE_INIT;
  GArray      *rows = g_once (&once, build_table, NULL);

  *n_rules = rows->len;
  return (const SmRuleDef *) (gpointer) rows->data;
}

/* Accessors */

guint
sm_rules_get_count (void)
{
  guint n;

  _sm_rules_table (&n);
  return n;
}

const SmRuleDef *
sm_rules_get (guint index)
{
  guint            n;
  const SmRuleDef *table = _sm_rules_table (&n);

  g_return_val_if_fail (index < n, NULL);
  return &table[index];
}

const SmRuleDef *
sm_rules_lookup (const char *id)
{
  guint            n;
  const SmRuleDef *table = _sm_rules_table (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (table[i].id, id) == 0)
      return &table[i];
  return NULL;
}

const char *
sm_rule_def_get_id (const SmRuleDef *rule)
{
  return rule->id;
}

const char *
sm_rule_def_get_principle (const SmRuleDef *rule)
{
  return rule->principle;
}

const char *
sm_rule_def_get_question (const SmRuleDef *rule)
{
  return _ (rule->question);
}

const char *
sm_rule_def_get_action (const SmRuleDef *rule)
{
  return _ (rule->action);
}

const char *
sm_rule_def_get_why (const SmRuleDef *rule)
{
  return rule->why != NULL ? _ (rule->why) : NULL;
}

const char *const *
sm_rule_def_get_sources (const SmRuleDef *rule)
{
  return rule->sources;
}

const char *const *
sm_rule_def_get_inputs (const SmRuleDef *rule)
{
  return rule->inputs;
}

gboolean
sm_rule_def_get_capped (const SmRuleDef *rule)
{
  return rule->capped;
}

int
sm_rule_def_get_better (const SmRuleDef *rule)
{
  return rule->better;
}

/* sm-eval-config.c
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

/* The thresholds an evaluation runs with (principles.md §10): the keys,
 * derived from the rule and check tables, their defaults, and a user's
 * changes to them, from the app, a map or a --config file. */

/* clang-format off */
G_DEFINE_QUARK (sm-eval-error-quark, sm_eval_error)
/* clang-format on */

/* Configuration (principles.md §10). Booleans are stored as 0 or 1 and
 * sp04.median as 0 (lower) or 1 (upper), so every key is one number.
 *
 * A threshold is declared once: a rule's or a check's in its table row,
 * the ones the whole engine uses below. The list of keys is derived from
 * them, in this order: the engine's shared keys, each rule's, the
 * scoring's, each check's. */

#define T(k, v, b)            \
  {                           \
    k, v, SM_BASIS_##b, FALSE \
  }
#define T_BOOL(k, v, b)      \
  {                          \
    k, v, SM_BASIS_##b, TRUE \
  }

/* Used by many rules. */
static const SmRuleThreshold shared_thresholds[] = {
  T ("high_cutoff", 6, JUDGEMENT),
  T ("min_known_share", 0.8, JUDGEMENT),
  T ("graph.min_nodes", 4, JUDGEMENT),
  T ("graph.min_edges", 3, JUDGEMENT),
  T_BOOL ("graph.space_comembership_as_tie", 0, JUDGEMENT),
};

/* Scoring and the gates (§7). */
static const SmRuleThreshold scoring_thresholds[] = {
  T ("score.met", 0.8, JUDGEMENT),
  T ("score.not_met", 0.5, JUDGEMENT),
  T ("score.max_fails", 2, JUDGEMENT),
  T ("score.index_min_principles", 5, JUDGEMENT),
  T_BOOL ("gate.sharing_power", 1, JUDGEMENT),
};

#undef T
#undef T_BOOL

typedef struct
{
  const SmRuleThreshold **keys;  /* borrowed from the tables */
  const char            **names; /* NULL-terminated, for list_keys */
  guint                   n;
} ConfigKeys;

static void
config_keys_add (GPtrArray             *keys,
                 const SmRuleThreshold *thresholds,
                 guint                  n)
{
  for (guint i = 0; i < n && thresholds[i].key != NULL; i++)
    {
      /* A key declared twice would be two settings with one name. */
      for (guint j = 0; j < keys->len; j++)
        g_assert (g_strcmp0 (((const SmRuleThreshold *) g_ptr_array_index (keys, j))->key,
                             thresholds[i].key) != 0);
      g_ptr_array_add (keys, (gpointer) &thresholds[i]);
    }
}

static gpointer
config_keys_build (gpointer data)
{
  ConfigKeys *self = g_new0 (ConfigKeys, 1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const SmRuleDef *table;
  guint            n;

  config_keys_add (keys, shared_thresholds, G_N_ELEMENTS (shared_thresholds));
  table = _sm_rules_table (&n);
  for (guint i = 0; i < n; i++)
    if (table[i].thresholds != NULL)
      config_keys_add (keys, table[i].thresholds, G_MAXUINT);
  config_keys_add (keys, scoring_thresholds, G_N_ELEMENTS (scoring_thresholds));
  table = _sm_checks_table (&n);
  for (guint i = 0; i < n; i++)
    if (table[i].thresholds != NULL)
      config_keys_add (keys, table[i].thresholds, G_MAXUINT);

  self->n = keys->len;
  self->names = g_new0 (const char *, self->n + 1);
  for (guint i = 0; i < self->n; i++)
    self->names[i] = ((const SmRuleThreshold *) g_ptr_array_index (keys, i))->key;
  self->keys = (const SmRuleThreshold **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  return self;
}

/* Built at first use, on whichever thread evaluates first. */
static const ConfigKeys *
config_keys (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, config_keys_build, NULL);
}

#define N_CONFIG_KEYS (config_keys ()->n)
#define CONFIG_KEY(i) (config_keys ()->keys[i])

struct _SmEvalConfig
{
  guint32 today;    /* Julian day DQ-04 counts to; 0: the real today */
  double  values[]; /* one per key, in the order of config_keys () */
};

static int
config_find (const char *key)
{
  for (guint i = 0; i < N_CONFIG_KEYS; i++)
    if (g_strcmp0 (CONFIG_KEY (i)->key, key) == 0)
      return i;
  return -1;
}

SmEvalConfig *
sm_eval_config_new (void)
{
  SmEvalConfig *self = g_malloc0 (sizeof (SmEvalConfig) + N_CONFIG_KEYS * sizeof (double));

  for (guint i = 0; i < N_CONFIG_KEYS; i++)
    self->values[i] = CONFIG_KEY (i)->value;
  return self;
}

SmEvalConfig *
sm_eval_config_copy (const SmEvalConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof (SmEvalConfig) + N_CONFIG_KEYS * sizeof (double));
}

void
sm_eval_config_free (SmEvalConfig *self)
{
  g_free (self);
}

const char *const *
sm_eval_config_list_keys (void)
{
  return config_keys ()->names;
}

gboolean
sm_eval_config_has_key (const char *key)
{
  return config_find (key) >= 0;
}

double
sm_eval_config_get (const SmEvalConfig *self,
                    const char         *key)
{
  int i = config_find (key);

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (i >= 0, NAN);
  return self->values[i];
}

double
sm_eval_config_get_default (const char *key)
{
  int i = config_find (key);

  g_return_val_if_fail (i >= 0, NAN);
  return CONFIG_KEY (i)->value;
}

SmBasis
sm_eval_config_get_basis (const char *key)
{
  int i = config_find (key);

  g_return_val_if_fail (i >= 0, SM_BASIS_JUDGEMENT);
  return CONFIG_KEY (i)->basis;
}

/* Each threshold's label, a whole phrase for the translators: in the
 * findings, Settings and the report, next to the rule it belongs to.
 * tests/core/test-evaluate.c checks every key has one. */
static const struct
{
  const char *key;
  const char *label;
} threshold_labels[] = {
  /* Translators: the labels of the evaluation's thresholds, each shown next
   * to its rule ("SP-01"). “Worth a look” and “Needs attention” are the
   * findings' statuses: "“Needs attention” share" is the share at which a
   * finding says Needs attention. */
  { "ai01.fail_share", NC_ ("threshold", "“Needs attention” share") },
  { "ai01.max_unknown", NC_ ("threshold", "maximum unknown") },
  { "ai02.inst_paid_share", NC_ ("threshold", "professionals’ paid share") },
  { "ai02.min_level", NC_ ("threshold", "minimum level") },
  { "ai02.recognised_fail", NC_ ("threshold", "recognised fail") },
  { "ai03.fail_coverage", NC_ ("threshold", "“Needs attention” coverage") },
  { "ai03.min_level", NC_ ("threshold", "minimum level") },
  { "ai03.warn_coverage", NC_ ("threshold", "“Worth a look” coverage") },
  { "ai04.fail_isolate_share", NC_ ("threshold", "“Needs attention” isolate share") },
  { "ai04.warn_single_thread_share", NC_ ("threshold", "“Worth a look” single thread share") },
  { "ar01.fail_cov", NC_ ("threshold", "“Needs attention” coverage") },
  { "ar01.max_gap_vs_inst", NC_ ("threshold", "maximum gap against professionals’") },
  { "ar01.warn_cov", NC_ ("threshold", "“Worth a look” coverage") },
  { "ar02.min_assets", NC_ ("threshold", "minimum assets") },
  { "ar02.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "ar03.fail_share", NC_ ("threshold", "“Needs attention” share") },
  { "ar04.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "dq.rating_divergence", NC_ ("threshold", "rating divergence") },
  { "dq.review_interval_days", NC_ ("threshold", "review interval days") },
  { "ep01.fail_share", NC_ ("threshold", "“Needs attention” share") },
  { "ep01.min_n", NC_ ("threshold", "minimum number") },
  { "ep01.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "ep02.proxy_if_missing", NC_ ("threshold", "proxy if missing") },
  { "ep03.fail", NC_ ("threshold", "“Needs attention”") },
  { "ep03.warn", NC_ ("threshold", "“Worth a look”") },
  { "ep04.min_flows", NC_ ("threshold", "minimum flows") },
  { "ep04.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "gate.sharing_power", NC_ ("threshold", "sharing power") },
  { "graph.min_edges", NC_ ("threshold", "minimum edges") },
  { "graph.min_nodes", NC_ ("threshold", "minimum nodes") },
  { "graph.space_comembership_as_tie", NC_ ("threshold", "space comembership as tie") },
  { "high_cutoff", NC_ ("threshold", "high cutoff") },
  { "min_known_share", NC_ ("threshold", "minimum known share") },
  { "ot02.min_n_fail", NC_ ("threshold", "minimum number fail") },
  { "ot02.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "ot03.min_annotated", NC_ ("threshold", "minimum annotated") },
  { "ot03.prompt_min_edges", NC_ ("threshold", "prompt minimum edges") },
  { "ot04.broker", NC_ ("threshold", "broker") },
  { "ot04.fail_gate_share", NC_ ("threshold", "“Needs attention” gate share") },
  { "rm01.fail_share", NC_ ("threshold", "“Needs attention” share") },
  { "rm01.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "rm02.fail_share", NC_ ("threshold", "“Needs attention” share") },
  { "rm03.min_n_fail", NC_ ("threshold", "minimum number fail") },
  { "rm03.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "score.index_min_principles", NC_ ("threshold", "index minimum principles") },
  { "score.max_fails", NC_ ("threshold", "maximum fails") },
  { "score.met", NC_ ("threshold", "met") },
  { "score.not_met", NC_ ("threshold", "not met") },
  { "sp01.fail_gap", NC_ ("threshold", "“Needs attention” gap") },
  { "sp01.fail_ratio", NC_ ("threshold", "“Needs attention” ratio") },
  { "sp01.floor", NC_ ("threshold", "floor") },
  { "sp01.warn_gap", NC_ ("threshold", "“Worth a look” gap") },
  { "sp01.warn_ratio", NC_ ("threshold", "“Worth a look” ratio") },
  { "sp02.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "sp03.include_recommend", NC_ ("threshold", "include recommend") },
  { "sp03.min_share", NC_ ("threshold", "minimum share") },
  { "sp04.fail_gap", NC_ ("threshold", "“Needs attention” gap") },
  { "sp04.median", NC_ ("threshold", "median") },
  { "sp04.warn_gap", NC_ ("threshold", "“Worth a look” gap") },
  { "ws01.champion_min_level", NC_ ("threshold", "champion minimum level") },
  { "ws01.dh_cut", NC_ ("threshold", "decision-holder cut-off") },
  { "ws02.stage_active", NC_ ("threshold", "stage active") },
  { "ws03.fail_share", NC_ ("threshold", "“Needs attention” share") },
  { "ws03.warn_share", NC_ ("threshold", "“Worth a look” share") },
  { "ws04.warn_share", NC_ ("threshold", "“Worth a look” share") },
};

/* A threshold key in words: "sp01.fail_ratio" → "“Needs attention” ratio".
 * The rule it belongs to is for the caller to say. */
char *
sm_eval_config_dup_label (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threshold_labels); i++)
    if (g_str_equal (threshold_labels[i].key, key))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "threshold", threshold_labels[i].label));
  return g_strdup (key);
}

/* A yes-or-no setting, kept as 1 or 0; FALSE for a key this version
 * doesn't know. */
gboolean
sm_eval_config_is_boolean (const char *key)
{
  int i = config_find (key);

  return i >= 0 && CONFIG_KEY (i)->boolean;
}

gboolean
sm_eval_config_is_default (const SmEvalConfig *self,
                           const char         *key)
{
  int i = config_find (key);

  g_return_val_if_fail (self != NULL && i >= 0, TRUE);
  return self->values[i] == CONFIG_KEY (i)->value;
}

gboolean
sm_eval_config_set (SmEvalConfig *self,
                    const char   *key,
                    double        value,
                    GError      **error)
{
  int i = config_find (key);

  g_return_val_if_fail (self != NULL, FALSE);

  if (i < 0)
    {
      g_set_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_UNKNOWN_KEY,
                   _ ("“%s” is not a threshold this version knows"), key);
      return FALSE;
    }
  if (!isfinite (value) || value < 0 ||
      (CONFIG_KEY (i)->boolean && value != 0 && value != 1))
    {
      if (CONFIG_KEY (i)->boolean)
        /* TRANSLATORS: %s is a threshold's key, "sp03.include_recommend" */
        g_set_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE, _ ("“%s” must be true or false"), key);
      else
        /* TRANSLATORS: %s is a threshold's key, "sp01.warn_ratio" */
        g_set_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE, _ ("“%s” must be a number of 0 or more"),
                     key);
      return FALSE;
    }
  self->values[i] = value;
  return TRUE;
}

static gboolean
config_load_member (SmEvalConfig *self,
                    const char   *key,
                    JsonNode     *node,
                    GError      **error)
{
  double value;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *child = key != NULL ? g_strdup_printf ("%s.%s", key, (char *) l->data)
                                               : g_strdup (l->data);

          if (!config_load_member (self, child, json_object_get_member (object, l->data), error))
            return FALSE;
        }
      return TRUE;
    }

  /* §10 names the profile; it is not a threshold. */
  if (g_strcmp0 (key, "profile") == 0)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_set_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE,
                   _ ("“%s” must be a number"), key);
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      value = json_node_get_boolean (node) ? 1 : 0;
      break;
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      break;
    case G_TYPE_STRING:
      if (g_strcmp0 (key, "sp04.median") == 0 &&
          (g_strcmp0 (json_node_get_string (node), "lower") == 0 ||
           g_strcmp0 (json_node_get_string (node), "upper") == 0))
        {
          value = g_strcmp0 (json_node_get_string (node), "upper") == 0 ? 1 : 0;
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      g_set_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE,
                   _ ("“%s” must be a number"), key);
      return FALSE;
    }

  return sm_eval_config_set (self, key, value, error);
}

/* Overrides from a JSON object, nested as in §10 ({"sp01": {"warn_ratio":
 * 1.8}}) or flat ({"sp01.warn_ratio": 1.8}). On error nothing is changed. */
gboolean
sm_eval_config_load_json (SmEvalConfig *self,
                          JsonNode     *node,
                          GError      **error)
{
  g_autoptr(SmEvalConfig) copy = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE,
                           _ ("the thresholds must be a JSON object"));
      return FALSE;
    }
  copy = sm_eval_config_copy (self);
  if (!config_load_member (copy, NULL, node, error))
    return FALSE;
  memcpy (self, copy, sizeof (SmEvalConfig) + N_CONFIG_KEYS * sizeof (double));
  return TRUE;
}

/* A strict "YYYY-MM-DD", or FALSE. */
static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  int  y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * sm_eval_config_set_today:
 * @date: (nullable): "YYYY-MM-DD", or %NULL for the real today
 */
gboolean
sm_eval_config_set_today (SmEvalConfig *self,
                          const char   *date,
                          GError      **error)
{
  GDate parsed;

  g_return_val_if_fail (self != NULL, FALSE);

  if (date == NULL)
    {
      self->today = 0;
      return TRUE;
    }
  if (!parse_iso_date (date, &parsed))
    {
      g_set_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE,
                   _ ("“%s” is not a date written like 2026-03-31"), date);
      return FALSE;
    }
  self->today = g_date_get_julian (&parsed);
  return TRUE;
}

void
_sm_eval_config_get_today (const SmEvalConfig *self,
                           GDate              *today)
{
  g_date_clear (today, 1);
  if (self->today != 0)
    g_date_set_julian (today, self->today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
}

/* "YYYY-MM-DD": the day set, or the real today. */
char *
sm_eval_config_dup_today (const SmEvalConfig *self)
{
  GDate today;
  char  buffer[16];

  g_return_val_if_fail (self != NULL, NULL);

  _sm_eval_config_get_today (self, &today);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &today);
  return g_strdup (buffer);
}

/* A threshold, by key, for the rules while they run. */
double
_sm_eval_cfg (SmEvalContext *ctx,
              const char    *key)
{
  int i = config_find (key);

  g_assert (i >= 0);
  return ctx->config->values[i];
}

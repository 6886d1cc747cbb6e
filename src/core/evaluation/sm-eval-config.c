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
 * their defaults, and a user's changes to them, from the app, a map or a
 * --config file. */

/* clang-format off */
G_DEFINE_QUARK (sm-eval-error-quark, sm_eval_error)
/* clang-format on */

/* Configuration (principles.md §10). Booleans are stored as 0 or 1 and
 * sp04.median as 0 (lower) or 1 (upper), so every key is one number.
 *
 * Every threshold is declared here, once, in this order: the engine's
 * shared keys, each rule's in catalogue order, the scoring's, each
 * check's. A rule's or a check's row names the keys it reads
 * (THRESHOLDS ()); tests/core/test-evaluate.c checks that each key with
 * a rule's prefix ("sp01.") is named by that rule's row and no other.
 * The table holds no code, so the file format's check can read it
 * without linking the rules. Each label is a whole phrase for the
 * translators: in the findings, Settings and the report, next to the
 * rule it belongs to. */

/* A threshold. Any number of 0 or more is valid; a boolean is 0 or 1. */
typedef struct
{
  const char *key;   /* config key, "sp01.warn_ratio" */
  double      value; /* the default of principles.md §10 */
  SmBasis     basis;
  gboolean    boolean; /* a yes-or-no setting, kept as 1 or 0 */
  const char *label;   /* NC_ ("threshold", …): the key in words */
} SmThreshold;

#define T(k, v, b, l)            \
  {                              \
    k, v, SM_BASIS_##b, FALSE, l \
  }
#define T_BOOL(k, v, b, l)      \
  {                             \
    k, v, SM_BASIS_##b, TRUE, l \
  }

static const SmThreshold thresholds[] = {
  /* Used by many rules. */
  /* Translators: the labels of the evaluation's thresholds, each shown next
   * to its rule ("SP-01"). “Worth a look” and “Needs attention” are the
   * findings' statuses: "“Needs attention” share" is the share at which a
   * finding says Needs attention. */
  T ("high_cutoff", 6, JUDGEMENT, NC_ ("threshold", "high cutoff")),
  T ("min_known_share", 0.8, JUDGEMENT, NC_ ("threshold", "minimum known share")),

  /* The network of §3.8. */
  T ("graph.min_nodes", 4, JUDGEMENT, NC_ ("threshold", "minimum nodes")),
  T ("graph.min_edges", 3, JUDGEMENT, NC_ ("threshold", "minimum edges")),
  T_BOOL ("graph.space_comembership_as_tie", 0, JUDGEMENT, NC_ ("threshold", "space comembership as tie")),

  /* P1 Sharing power. */
  T ("sp01.warn_ratio", 1.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” ratio")),
  T ("sp01.fail_ratio", 2, JUDGEMENT, NC_ ("threshold", "“Needs attention” ratio")),
  T ("sp01.warn_gap", 1.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” gap")),
  T ("sp01.fail_gap", 2, JUDGEMENT, NC_ ("threshold", "“Needs attention” gap")),
  T ("sp01.floor", 0.5, CONVENTION, NC_ ("threshold", "floor")),
  T ("sp02.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("sp03.min_share", 0.3333, SOURCE, NC_ ("threshold", "minimum share")),
  T_BOOL ("sp03.include_recommend", 0, JUDGEMENT, NC_ ("threshold", "include recommend")),
  T ("sp04.warn_gap", 1, JUDGEMENT, NC_ ("threshold", "“Worth a look” gap")),
  T ("sp04.fail_gap", 3, JUDGEMENT, NC_ ("threshold", "“Needs attention” gap")),
  T ("sp04.median", 0, CONVENTION, NC_ ("threshold", "median")),

  /* P2 Equality and partnership. */
  T ("ep01.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("ep01.fail_share", 1, JUDGEMENT, NC_ ("threshold", "“Needs attention” share")),
  T ("ep01.min_n", 2, JUDGEMENT, NC_ ("threshold", "minimum number")),
  T_BOOL ("ep02.proxy_if_missing", 1, JUDGEMENT, NC_ ("threshold", "proxy if missing")),
  T ("ep03.warn", 0.4, JUDGEMENT, NC_ ("threshold", "“Worth a look”")),
  T ("ep03.fail", 0.6, JUDGEMENT, NC_ ("threshold", "“Needs attention”")),
  T ("ep04.warn_share", 0.3, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("ep04.min_flows", 3, JUDGEMENT, NC_ ("threshold", "minimum flows")),

  /* P3 Changing the whole system. */
  T ("ws01.dh_cut", 8, JUDGEMENT, NC_ ("threshold", "decision-holder cut-off")),
  T ("ws01.champion_min_level", 5, JUDGEMENT, NC_ ("threshold", "champion minimum level")),
  T ("ws02.stage_active", 6, JUDGEMENT, NC_ ("threshold", "stage active")),
  T ("ws03.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("ws03.fail_share", 1, JUDGEMENT, NC_ ("threshold", "“Needs attention” share")),
  T ("ws04.warn_share", 0.25, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),

  /* P4 Accessibility and inclusion. */
  T ("ai01.fail_share", 0.25, JUDGEMENT, NC_ ("threshold", "“Needs attention” share")),
  T ("ai01.max_unknown", 0.25, JUDGEMENT, NC_ ("threshold", "maximum unknown")),
  T ("ai02.min_level", 4, JUDGEMENT, NC_ ("threshold", "minimum level")),
  T ("ai02.inst_paid_share", 0.8, JUDGEMENT, NC_ ("threshold", "professionals’ paid share")),
  T ("ai02.recognised_fail", 0.5, JUDGEMENT, NC_ ("threshold", "recognised fail")),
  T ("ai03.min_level", 5, JUDGEMENT, NC_ ("threshold", "minimum level")),
  T ("ai03.warn_coverage", 1, JUDGEMENT, NC_ ("threshold", "“Worth a look” coverage")),
  T ("ai03.fail_coverage", 0.5, JUDGEMENT, NC_ ("threshold", "“Needs attention” coverage")),
  T ("ai04.fail_isolate_share", 0.25, JUDGEMENT, NC_ ("threshold", "“Needs attention” isolate share")),
  T ("ai04.warn_single_thread_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” single thread share")),

  /* P5 Reciprocity and mutual benefit. */
  T ("rm01.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("rm01.fail_share", 0.25, JUDGEMENT, NC_ ("threshold", "“Needs attention” share")),
  T ("rm02.fail_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Needs attention” share")),
  T ("rm03.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("rm03.min_n_fail", 3, JUDGEMENT, NC_ ("threshold", "minimum number fail")),

  /* P6 Using assets. */
  T ("ar01.fail_cov", 0.5, JUDGEMENT, NC_ ("threshold", "“Needs attention” coverage")),
  T ("ar01.warn_cov", 0.8, JUDGEMENT, NC_ ("threshold", "“Worth a look” coverage")),
  T ("ar01.max_gap_vs_inst", 0.2, JUDGEMENT, NC_ ("threshold", "maximum gap against professionals’")),
  T ("ar02.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("ar02.min_assets", 2, JUDGEMENT, NC_ ("threshold", "minimum assets")),
  T ("ar03.fail_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Needs attention” share")),
  T ("ar04.warn_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),

  /* P7 Openness and trust. */
  T ("ot02.warn_share", 0.8, JUDGEMENT, NC_ ("threshold", "“Worth a look” share")),
  T ("ot02.min_n_fail", 2, JUDGEMENT, NC_ ("threshold", "minimum number fail")),
  T ("ot03.min_annotated", 0.5, JUDGEMENT, NC_ ("threshold", "minimum annotated")),
  T ("ot03.prompt_min_edges", 10, JUDGEMENT, NC_ ("threshold", "prompt minimum edges")),
  T ("ot04.fail_gate_share", 0.5, JUDGEMENT, NC_ ("threshold", "“Needs attention” gate share")),
  T ("ot04.broker", 0.4, JUDGEMENT, NC_ ("threshold", "broker")),

  /* Scoring and the gates (§7). */
  T ("score.met", 0.8, JUDGEMENT, NC_ ("threshold", "met")),
  T ("score.not_met", 0.5, JUDGEMENT, NC_ ("threshold", "not met")),
  T ("score.max_fails", 2, JUDGEMENT, NC_ ("threshold", "maximum fails")),
  T ("score.index_min_principles", 5, JUDGEMENT, NC_ ("threshold", "index minimum principles")),
  T_BOOL ("gate.sharing_power", 1, JUDGEMENT, NC_ ("threshold", "sharing power")),

  /* The data-quality checks (§6). */
  T ("dq.rating_divergence", 3, JUDGEMENT, NC_ ("threshold", "rating divergence")),
  T ("dq.review_interval_days", 90, JUDGEMENT, NC_ ("threshold", "review interval days")),
};

#undef T
#undef T_BOOL

#define N_CONFIG_KEYS G_N_ELEMENTS (thresholds)
#define CONFIG_KEY(i) (&thresholds[i])

struct _SmEvalConfig
{
  guint32 today;    /* Julian day DQ-04 counts to; 0: the real today */
  double  values[]; /* one per key, in the order of thresholds[] */
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

static gpointer
list_keys_build (gpointer data)
{
  const char **names = g_new0 (const char *, N_CONFIG_KEYS + 1);

  for (guint i = 0; i < N_CONFIG_KEYS; i++)
    names[i] = thresholds[i].key;
  return names;
}

const char *const *
sm_eval_config_list_keys (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, list_keys_build, NULL);
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

/* A threshold key in words: "sp01.fail_ratio" → "“Needs attention” ratio".
 * The rule it belongs to is for the caller to say. */
char *
sm_eval_config_dup_label (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < N_CONFIG_KEYS; i++)
    if (g_str_equal (thresholds[i].key, key))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "threshold", thresholds[i].label));
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

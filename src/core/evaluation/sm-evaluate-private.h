/* sm-evaluate-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-evaluate.h"
#include "sm-evaluation-store.h"
#include "sm-graph.h"

G_BEGIN_DECLS

/* Shared by sm-evaluate.c (framework, scoring), sm-eval-config.c (the
 * thresholds), sm-eval-words.c, sm-eval-names.c and sm-eval-json.c (what
 * an evaluation says and how), sm-checks.c and rules/ (one file per
 * principle: the table rows and one compute function per rule). */

typedef struct _SmEvalContext SmEvalContext;

typedef void (*SmRuleCompute) (SmEvalContext *ctx,
                               SmRuleResult  *result);

/* A row's message with a count, in the plural form the number needs
 * ("{k} of {n} links", "{k} of {n} link"): it replaces the row's message
 * for @status. @count names the number placeholder the noun goes with. */
typedef struct
{
  SmRuleStatus status;
  const char  *count;
  const char  *one; /* not translated; PLURAL() marks it for xgettext */
  const char  *many;
} SmRulePlural;

/* Messages with a count: PLURALS (PLURAL (WARN, "n", "one", "many"), …)
 * in a row's .plurals, the row's own message for that status NULL.
 * po/meson.build tells xgettext that PLURAL's 3rd and 4th arguments are
 * one plural entry; a Translators comment goes just before PLURAL. */
#define PLURAL(status, count, one, many) \
  {                                      \
    SM_RULE_##status, count, one, many   \
  }
#define PLURALS(...)      \
  (const SmRulePlural[])  \
  {                       \
    __VA_ARGS__,          \
    {                     \
      0, NULL, NULL, NULL \
    }                     \
  }

struct _SmRuleDef
{
  const char         *id;
  const char         *principle;  /* "P1" … "P7" */
  const char         *question;   /* N_() */
  const char *const  *inputs;     /* fields used (drives DQ-01) */
  const char *const  *thresholds; /* config keys read, or NULL */
  SmRuleCompute       compute;
  gboolean            capped;          /* severity cap: never above warn */
  gboolean            needs_community; /* not_applicable under gate G0 */
  const char         *msg_pass;        /* N_(), with {placeholders} */
  const char         *msg_warn;
  const char         *msg_fail;
  const char         *msg_info;
  const char         *action; /* N_() */
  const char *const  *sources;
  int                 better;  /* -1 lower is better, +1 higher, 0 none */
  const char         *why;     /* N_(): why it matters, from its sources */
  const SmRulePlural *plurals; /* PLURALS (), or NULL */
  /* Reads betweenness (_sm_eval_betweenness): such rules run after the
   * others, while betweenness is measured on the other cores. */
  gboolean reads_betweenness;
};

/* Everything the rules read, computed once per evaluation. Node i is the
 * i-th stakeholder of the map. */
struct _SmEvalContext
{
  SmMap              *map;
  const SmEvalConfig *config;
  guint               n; /* stakeholders */
  SmRecord          **people;
  GHashTable         *index; /* id → node + 1 */
  SmSide             *side;
  double             *influence;
  double             *interest;
  double             *legitimacy;
  double             *urgency;
  double             *level;
  guint               n_community;
  guint               n_institutional;

  /* Relationships with both ends on the map, in file order. */
  guint        n_ties;
  SmRecord   **tie_records;
  guint       *tie_source;
  guint       *tie_target;
  const char **tie_category;
  gboolean    *tie_two_way;
  /* Per node, the ties in file order it gives through (it is the source,
   * or either end of a two-way tie) and gets through (the target, or
   * either end of a two-way tie): node i's are gives[gives_start[i]] up
   * to gives[gives_start[i + 1]], and the same for gets. */
  guint *gives_start;
  guint *gives;
  guint *gets_start;
  guint *gets;

  /* The undirected simple graph of §3.8 and its adjacency lists. */
  SmGraph          *graph;
  GPtrArray        *adjacency; /* per node: GArray of guint */
  guint            *degree;
  double           *betweenness;     /* computed on first use */
  SmBetweennessJob *betweenness_job; /* started early, or NULL */

  /* Decision-holders (WS-01, OT-04). */
  gboolean *decision_holder;
  guint     n_decision_holders;

  /* For the checks of §6. */
  GDate           today;
  SmEvalSnapshot *previous; /* the previous recorded snapshot, or NULL */

  /* Long work (sm_evaluate_full): both may be NULL. */
  GCancellable    *cancellable;
  SmProgress      *progress;
  guint            rule_index; /* how many rules have run, for progress */
  const SmRuleDef *rule;       /* the rule running, or NULL */
  guint            n_rules;
  guint            betweenness_rule; /* the rule that measured betweenness, + 1 */
  double           fraction;         /* the progress last reported */
};

double        _sm_eval_cfg (SmEvalContext *ctx,
                            const char    *key);
void          _sm_eval_config_get_today (const SmEvalConfig *self,
                                         GDate              *today);
gboolean      _sm_eval_high (SmEvalContext *ctx,
                             double         score);
const double *_sm_eval_betweenness (SmEvalContext *ctx);
void          _sm_evaluate_set_in_table_order (gboolean in_order);
SmGraph      *_sm_evaluate_build_graph (SmMap              *map,
                                        const SmEvalConfig *config);
gboolean      _sm_eval_category_is (const char        *category,
                                    const char *const *list);

/* Result builders for the compute functions. */
void        _sm_result_set (SmRuleResult *result,
                            const char   *name,
                            double        value);
void        _sm_result_threshold (SmEvalContext *ctx,
                                  SmRuleResult  *result,
                                  const char    *key);
void        _sm_result_evidence (SmRuleResult *result,
                                 const char   *type,
                                 const char   *id,
                                 const char   *detail);
void        _sm_result_gap (SmRuleResult *result,
                            SmRecord     *record,
                            const char   *path);
void        _sm_result_need (SmRuleResult *result,
                             gboolean      known);
void        _sm_result_var (SmRuleResult *result,
                            const char   *name,
                            const char   *value);
void        _sm_result_var_take (SmRuleResult *result,
                                 const char   *name,
                                 char         *value);
void        _sm_result_var_number (SmRuleResult *result,
                                   const char   *name,
                                   double        value,
                                   int           decimals);
void        _sm_result_not_applicable (SmRuleResult *result,
                                       const char   *message);
void        _sm_result_insufficient (SmRuleResult *result,
                                     const char   *message);
void        _sm_result_template (SmRuleResult *result,
                                 const char *template);
char       *_sm_names_join (GPtrArray *names);
const char *_sm_ladder_label (double level);

const SmRuleDef *_sm_rules_table (guint *n_rules);
const SmRuleDef *_sm_checks_table (guint *n_checks);

/* Shared by the rules and the checks. _sm_eval_lookup() gives a
 * stakeholder's index in ctx->people plus one, or 0 when @id names no one;
 * the other two take the index itself. */
static inline const char *
_sm_eval_person (SmEvalContext *ctx,
                 guint          i)
{
  return sm_stakeholder_get_name (ctx->people[i]);
}

/* For a rule's long loop (one that is quadratic on a big map): TRUE
 * once the evaluation is cancelled; the rule may stop where it is, its
 * result is dropped. Cheap enough to call every few hundred steps. */
static inline gboolean
_sm_eval_cancelled (SmEvalContext *ctx)
{
  return ctx->cancellable != NULL && g_cancellable_is_cancelled (ctx->cancellable);
}

static inline guint
_sm_eval_lookup (SmEvalContext *ctx,
                 const char    *id)
{
  return id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (ctx->index, id)) : 0;
}

static inline void
_sm_result_evidence_person (SmEvalContext *ctx,
                            SmRuleResult  *result,
                            guint          i,
                            const char    *detail)
{
  _sm_result_evidence (result, "stakeholder", sm_record_get_id (ctx->people[i]), detail);
}

G_END_DECLS

/* sm-rules-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-evaluate-private.h"
#include "sm-labels.h"

G_BEGIN_DECLS

/* Shared by the rule files: one file per principle, each with its compute
 * functions and its table rows, and sm-rules.c, the catalogue that lists
 * them. Adding a principle is one file here and one entry in sm-rules.c. */

/* For the table rows. THRESHOLDS () names the configuration keys a rule
 * reads; each is declared, with its default (principles.md §10), basis
 * and label, in the table of sm-eval-config.c. */
#define INPUTS(...)     \
  (const char *const[]) \
  {                     \
    __VA_ARGS__, NULL   \
  }
#define SOURCES(...)    \
  (const char *const[]) \
  {                     \
    __VA_ARGS__, NULL   \
  }
#define THRESHOLDS(...) \
  (const char *const[]) \
  {                     \
    __VA_ARGS__, NULL   \
  }

/* Each principle's rows, in catalogue order, ending with { NULL }. */
extern const SmRuleDef _sm_rules_sharing_power[];
extern const SmRuleDef _sm_rules_equality[];
extern const SmRuleDef _sm_rules_whole_system[];
extern const SmRuleDef _sm_rules_access[];
extern const SmRuleDef _sm_rules_reciprocity[];
extern const SmRuleDef _sm_rules_assets[];
extern const SmRuleDef _sm_rules_openness[];

/* Helpers (sm-rules-common.c) */

gboolean    _sm_rules_is_c (SmEvalContext *ctx,
                            guint          i);
gboolean    _sm_rules_is_i (SmEvalContext *ctx,
                            guint          i);
JsonArray  *_sm_rules_get_array (SmRecord   *record,
                                 const char *path);
guint       _sm_rules_array_length (SmRecord   *record,
                                    const char *path);
gboolean    _sm_rules_list_has (SmRecord   *record,
                                const char *path,
                                const char *value);
GArray     *_sm_rules_refs_of (SmEvalContext *ctx,
                               SmRecord      *record,
                               const char    *path);
gboolean    _sm_rules_any_community (SmEvalContext *ctx,
                                     GArray        *nodes);
SmTristate  _sm_rules_paid_or_recognised (SmRecord *s);
SmTristate  _sm_rules_expenses_ok (SmRecord *s);
SmTristate  _sm_rules_recognised (SmRecord *s);
void        _sm_rules_var_names (SmRuleResult *result,
                                 const char   *name,
                                 GPtrArray    *names);
void        _sm_rules_var_pct (SmRuleResult *result,
                               const char   *name,
                               double        share);
void        _sm_rules_var_threshold_pct (SmEvalContext *ctx,
                                         SmRuleResult  *result,
                                         const char    *name,
                                         const char    *key);
gboolean    _sm_rules_graph_too_small (SmEvalContext *ctx,
                                       SmRuleResult  *result);
const char *_sm_rules_tie_id (SmEvalContext *ctx,
                              guint          tie);
char       *_sm_rules_tie_label (SmEvalContext *ctx,
                                 guint          tie);
gboolean    _sm_rules_is_deciding_space (SmEvalContext *ctx,
                                         SmRecord      *space,
                                         gboolean       with_recommend);
SmTristate  _sm_rules_member_votes (JsonObject *member);
void        _sm_rules_list_decision_holders (SmEvalContext *ctx,
                                             SmRuleResult  *result);
gboolean    _sm_rules_gives_category (SmEvalContext     *ctx,
                                      guint              i,
                                      const char *const *categories,
                                      GString           *what);

G_END_DECLS

/* sm-evaluator.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-evaluate.h"
#include "sm-map.h"
#include "sm-progress.h"

G_BEGIN_DECLS

/* The evaluation of one open map, kept up to date as it is edited: a
 * burst of edits becomes one evaluation, a big map is evaluated on a
 * worker thread, and a result of the map as it was never lands after a
 * newer edit. The views observe it: the evaluation panel reads the
 * findings, the canvas marks the people they are about and lights up the
 * evidence of the finding the group picked. */

#define SM_TYPE_EVALUATOR (sm_evaluator_get_type ())
G_DECLARE_FINAL_TYPE (SmEvaluator, sm_evaluator, SM, EVALUATOR, GObject)

SmEvaluator  *sm_evaluator_new (SmMap *map);
SmMap        *sm_evaluator_get_map (SmEvaluator *self);
SmEvaluation *sm_evaluator_get_evaluation (SmEvaluator *self);
guint         sm_evaluator_get_n_evaluations (SmEvaluator *self);
gboolean      sm_evaluator_get_active (SmEvaluator *self);
void          sm_evaluator_set_active (SmEvaluator *self,
                                       gboolean     active);
SmLens        sm_evaluator_get_lens (SmEvaluator *self);
void          sm_evaluator_set_lens (SmEvaluator *self,
                                     SmLens       lens);
gboolean      sm_evaluator_get_running (SmEvaluator *self);
SmProgress   *sm_evaluator_get_progress (SmEvaluator *self);
gint64        sm_evaluator_get_started (SmEvaluator *self);
gboolean      sm_evaluator_get_dirty (SmEvaluator *self);
gboolean      sm_evaluator_get_stopped (SmEvaluator *self);
gboolean      sm_evaluator_get_in_background (SmEvaluator *self);
void          sm_evaluator_evaluate (SmEvaluator *self);
void          sm_evaluator_flush (SmEvaluator *self);
void          sm_evaluator_stop (SmEvaluator *self);
const char   *sm_evaluator_get_highlight_rule (SmEvaluator *self);
void          sm_evaluator_set_highlight_rule (SmEvaluator *self,
                                               const char  *rule_id);
GHashTable   *sm_evaluator_get_highlight (SmEvaluator *self);

G_END_DECLS

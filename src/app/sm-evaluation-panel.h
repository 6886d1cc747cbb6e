/* sm-evaluation-panel.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-document.h"
#include "sm-evaluate.h"

G_BEGIN_DECLS

/* How the map measures up against the seven principles of co-production
 * (principles.md §8): the gate and summary sentences, one card per
 * principle, and for each principle its findings with evidence that can be
 * picked out on the map, what the group could do, and the group's own
 * responses. The evaluation follows the map as it is edited. */

#define SM_TYPE_EVALUATION_PANEL (sm_evaluation_panel_get_type ())
G_DECLARE_FINAL_TYPE (SmEvaluationPanel, sm_evaluation_panel, SM, EVALUATION_PANEL, GtkWidget)

GtkWidget  *sm_evaluation_panel_new (SmDocument *document);
SmDocument *sm_evaluation_panel_get_document (SmEvaluationPanel *self);
void        sm_evaluation_panel_show_principle (SmEvaluationPanel *self,
                                                const char        *principle_id);
void        sm_evaluation_panel_show_summary (SmEvaluationPanel *self);
SmLens      sm_evaluation_panel_get_lens (SmEvaluationPanel *self);
gboolean    sm_evaluation_panel_get_selecting (SmEvaluationPanel *self);

G_END_DECLS

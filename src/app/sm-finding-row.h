/* sm-finding-row.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-evaluate.h"
#include "sm-evaluation-store.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* One finding of the evaluation (a rule, or a data check): what was found
 * and measured, evidence buttons that show it on the map
 * ("evaluation.show-evidence"), what the group could do, and the group's
 * responses with their remove buttons ("evaluation.remove-response").
 * Discuss and We See It Differently emit ::respond; whoever holds the
 * document asks for the response. */

#define SM_TYPE_FINDING_ROW (sm_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (SmFindingRow, sm_finding_row, SM, FINDING_ROW, GtkBox)

GtkWidget       *sm_finding_row_new (const SmRuleDef *rule);
const SmRuleDef *sm_finding_row_get_rule (SmFindingRow *self);
void             sm_finding_row_update (SmFindingRow *self,
                                        SmMap        *map,
                                        SmRuleResult *result,
                                        const char   *previous_date,
                                        gboolean      headline,
                                        gboolean      editable);
void             sm_finding_row_set_responses (SmFindingRow *self,
                                               GPtrArray    *responses,
                                               gboolean      editable);

/* Test hooks */

/* The named button: "discuss", "differ", "more". */
GtkWidget *_sm_finding_row_test_get_button (SmFindingRow *self,
                                            const char   *name);
/* Evidence buttons, in order. */
GPtrArray *_sm_finding_row_test_dup_chips (SmFindingRow *self);
/* Texts of the responses listed, in order. */
GPtrArray *_sm_finding_row_test_dup_response_texts (SmFindingRow *self);
/* The remove button of response @index, or NULL. */
GtkWidget *_sm_finding_row_test_get_response_remove (SmFindingRow *self,
                                                     guint         index);
/* The measured value line, or NULL when not shown. */
const char *_sm_finding_row_test_get_measure (SmFindingRow *self);

G_END_DECLS

/* sm-evaluation-panel-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-evaluate.h"
#include "sm-evaluation-panel.h"

G_BEGIN_DECLS

/* The panel's insides: the widgets of sm-evaluation-panel.ui, the cards
 * and findings added in code, and what it shows. */

struct _SmEvaluationPanel
{
  GtkWidget parent_instance;

  gboolean selecting; /* selecting a finding's evidence on the map */

  /* Template widgets */
  GtkWidget *outer; /* the progress above the stack */
  GtkWidget *progress_box;
  GtkWidget *progress_label;
  GtkWidget *progress_bar;
  GtkWidget *progress_button;
  GtkWidget *stack;

  /* The summary page */
  GtkWidget *gate_box;
  GtkWidget *gate_label;
  GtkWidget *summary_label;
  GtkWidget *index_label;
  GtkWidget *lens_row;
  GtkWidget *headlines_group;
  GtkWidget *headlines_list;
  GtkWidget *cards_list;
  GtkWidget *checks_group;
  GtkWidget *checks_box;
  GtkWidget *record_button;
  GtkWidget *thresholds_button;

  /* The principle page */
  GtkWidget *principle_scrolled;
  GtkWidget *principle_title;
  GtkWidget *principle_icon;
  GtkWidget *principle_status;
  GtkWidget *principle_level;
  GtkWidget *findings_box;

  /* Added in code */
  GtkWidget *cards[SM_N_PRINCIPLES]; /* SmPrincipleCard, in cards_list */
  GPtrArray *checks;                 /* SmFindingRow: DQ-02 … DQ-05, in checks_box */
  GPtrArray *findings;               /* SmFindingRow of the principle page, in findings_box */
  GPtrArray *headline_rules;         /* rule ids (static) of the headline rows, in order */

  /* State */
  SmDocument   *document;
  SmEvaluator  *evaluator;  /* the document's: evaluates, the panel shows */
  SmEvaluation *evaluation; /* the evaluator's latest, shown */
  guint         n_evaluations;
  guint         progress_poll;
  int           principle; /* shown on the principle page, -1 for none */
};

/* Test hooks */

/* The evaluation shown, the widgets a user would read or press,
 * and a way to run a pending re-evaluation now instead of after the
 * pause that gathers a burst of edits into one. */

SmEvaluation *_sm_evaluation_panel_test_get_evaluation (SmEvaluationPanel *self);
void          _sm_evaluation_panel_test_flush (SmEvaluationPanel *self);
guint         _sm_evaluation_panel_test_get_n_evaluations (SmEvaluationPanel *self);
gboolean      _sm_evaluation_panel_test_get_busy (SmEvaluationPanel *self);
GtkWidget    *_sm_evaluation_panel_test_get_progress (SmEvaluationPanel *self);
GtkWidget    *_sm_evaluation_panel_test_get_progress_button (SmEvaluationPanel *self);
void          _sm_evaluation_panel_test_set_lens (SmEvaluationPanel *self,
                                                  SmLens             lens);
/* The card of principle @index (0 for P1): an activatable list row. */
GtkWidget  *_sm_evaluation_panel_test_get_card (SmEvaluationPanel *self,
                                                guint              index);
const char *_sm_evaluation_panel_test_get_card_status (SmEvaluationPanel *self,
                                                       guint              index);
/* The finding of @rule_id on the principle page now shown, or NULL. */
GtkWidget *_sm_evaluation_panel_test_get_finding (SmEvaluationPanel *self,
                                                  const char        *rule_id);
/* Rule ids of the principle page now shown, top to bottom. */
GPtrArray *_sm_evaluation_panel_test_dup_finding_order (SmEvaluationPanel *self);
/* Evidence buttons of a finding, in order. */
GPtrArray *_sm_evaluation_panel_test_dup_chips (SmEvaluationPanel *self,
                                                const char        *rule_id);
/* The named button of a finding: "discuss", "differ". */
GtkWidget *_sm_evaluation_panel_test_get_finding_button (SmEvaluationPanel *self,
                                                         const char        *rule_id,
                                                         const char        *name);
/* Texts of the responses listed under a finding. */
GPtrArray *_sm_evaluation_panel_test_dup_response_texts (SmEvaluationPanel *self,
                                                         const char        *rule_id);
/* The remove button of response @index under a finding, or NULL. */
GtkWidget *_sm_evaluation_panel_test_get_response_remove (SmEvaluationPanel *self,
                                                          const char        *rule_id,
                                                          guint              index);
GtkWidget *_sm_evaluation_panel_test_get_thresholds_button (SmEvaluationPanel *self);
GtkWidget *_sm_evaluation_panel_test_get_record_button (SmEvaluationPanel *self);
/* "Was Partly met on …" of card @index, or NULL when not shown. */
const char *_sm_evaluation_panel_test_get_card_previous (SmEvaluationPanel *self,
                                                         guint              index);
/* The measured value line of a finding on the page shown, or NULL. */
const char *_sm_evaluation_panel_test_get_finding_measure (SmEvaluationPanel *self,
                                                           const char        *rule_id);
/* A data check (DQ-02 … DQ-05) on the summary page, or NULL. */
GtkWidget *_sm_evaluation_panel_test_get_check (SmEvaluationPanel *self,
                                                const char        *check_id);
GtkWidget *_sm_evaluation_panel_test_get_gate_label (SmEvaluationPanel *self);
/* Headline row @index of the summary page (a lens is on), or NULL. */
GtkWidget *_sm_evaluation_panel_test_get_headline (SmEvaluationPanel *self,
                                                   guint              index);
/* The record id a chip (from _sm_evaluation_panel_test_dup_chips()) shows. */
const char *_sm_evaluation_panel_test_get_chip_id (GtkWidget *chip);

G_END_DECLS

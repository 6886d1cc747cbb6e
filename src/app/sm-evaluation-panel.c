/* sm-evaluation-panel.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sm-evaluation-panel-private.h"
#include "sm-evaluation-status.h"
#include "sm-evaluation-store.h"
#include "sm-finding-row.h"
#include "sm-principle-card.h"
#include "sm-thresholds-dialog.h"
#include "sm-window.h"
#include "sm-wrap-box.h"

/* Two pages that slide: the summary (gate, summary, lens, seven cards) and
 * one principle's findings. The map is evaluated again a moment after it
 * stops changing, and only while the panel is on screen; widgets are
 * updated in place, so scroll position and focus survive. The fixed parts
 * are in sm-evaluation-panel.ui; a card is an SmPrincipleCard, a finding
 * an SmFindingRow. */

G_DEFINE_FINAL_TYPE (SmEvaluationPanel, sm_evaluation_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
principle_index (const char *id)
{
  /* "P1" … "P7" */
  return id != NULL && id[0] == 'P' ? (guint) (id[1] - '1') : 0;
}

static gboolean
rule_is_check (const SmRuleDef *rule)
{
  return g_strcmp0 (sm_rule_def_get_principle (rule), "DQ") == 0;
}

/* A finding's result in the evaluation now shown: a rule or a check. */
static SmRuleResult *
result_for (SmEvaluationPanel *self,
            const SmRuleDef   *rule)
{
  if (self->evaluation == NULL)
    return NULL;
  if (rule_is_check (rule))
    return sm_evaluation_lookup_check (self->evaluation, sm_rule_def_get_id (rule));
  return sm_evaluation_lookup (self->evaluation, sm_rule_def_get_id (rule));
}

static gboolean
is_headline (SmEvaluationPanel *self,
             SmRuleResult      *result)
{
  return self->evaluation != NULL && self->evaluation->lens != SM_LENS_NONE &&
         g_ptr_array_find (self->evaluation->headlines, result, NULL);
}

/* Highlighting evidence on the map: the evaluator keeps the evidence of
 * the finding picked, the canvas shows it. */

static void
clear_highlight (SmEvaluationPanel *self)
{
  sm_evaluator_set_highlight_rule (self->evaluator, NULL);
}

/* A chip: "evaluation.show-evidence" with (rule id, record id). */
static void
show_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);
  const char        *rule_id, *id;

  g_variant_get (parameter, "(&s&s)", &rule_id, &id);
  /* The record clicked is selected; the whole of the finding's evidence
   * glows on the map, so the group sees the pattern, not one dot. */
  sm_evaluator_set_highlight_rule (self->evaluator, rule_id);
  if (sm_map_lookup (sm_document_get_map (self->document), id) != NULL)
    {
      self->selecting = TRUE;
      sm_selection_select_only (sm_document_get_selection (self->document), id);
      self->selecting = FALSE;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "map");
}

/* Responses: "Discuss", "We see it differently" (§8.5) */

/* "evaluation.remove-response" with the response's id. */
static void
remove_response_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SmDocument *document = SM_EVALUATION_PANEL (widget)->document;
  const char *id = g_variant_get_string (parameter, NULL);

  sm_document_push (document, sm_command_new_remove_response (sm_document_get_map (document), id));
}

static void
response_text_changed_cb (GtkTextBuffer    *buffer,
                          AdwMessageDialog *dialog)
{
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

/* What the response dialog adds to, held by the dialog itself. */
typedef struct
{
  SmDocument    *document;
  GtkTextBuffer *buffer; /* the dialog's */
  GtkEditable   *by;     /* the dialog's */
  SmResponseKind kind;
  const char    *rule_id; /* static, from the catalogue */
} ResponseRequest;

static void
response_request_free (gpointer  data,
                       GClosure *closure)
{
  ResponseRequest *request = data;

  g_clear_object (&request->document);
  g_free (request);
}

static void
response_dialog_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ResponseRequest  *request)
{
  SmDocument      *document = request->document;
  GtkTextBuffer   *buffer = request->buffer;
  GtkEditable     *by = request->by;
  SmResponseKind   kind = request->kind;
  const char      *rule_id = request->rule_id;
  GtkTextIter      start, end;
  g_autofree char *text = NULL;
  g_autofree char *who = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  who = g_strstrip (g_strdup (gtk_editable_get_text (by)));
  if (*text == '\0')
    return;
  sm_document_push (document, sm_command_new_add_response (sm_document_get_map (document), rule_id, kind,
                                                           text, *who != '\0' ? who : NULL));
}

static void
open_response_dialog (SmEvaluationPanel *self,
                      const SmRuleDef   *rule,
                      SmResponseKind     kind)
{
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget       *dialog;
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget       *frame = gtk_frame_new (NULL);
  GtkWidget       *scrolled = gtk_scrolled_window_new ();
  GtkWidget       *view = gtk_text_view_new ();
  GtkWidget       *by = gtk_entry_new ();
  ResponseRequest *request;
  const char      *heading = kind == SM_RESPONSE_DIFFER ? _ ("We See It Differently") : _ ("Discuss This Finding");
  const char      *body = kind == SM_RESPONSE_DIFFER
                            ? _ ("Say how the group sees it and why. The finding stays as it is; your view is kept beside it and goes into the report.")
                            : _ ("Note what the group said or agreed about this finding. It is kept with the map and goes into the report.");

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next field, as in any form. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("What the group said"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, 100);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_entry_set_placeholder_text (GTK_ENTRY (by), _ ("Who says so (optional)"));
  /* Enter in the last field adds, as in any short form. */
  gtk_entry_set_activates_default (GTK_ENTRY (by), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (by), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Who says so"), -1);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), by);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "add", _ ("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (response_text_changed_cb), dialog);
  /* The dialog holds what it needs itself: the finding's widgets may be
   * gone by the time it answers (the window closed under it). */
  request = g_new0 (ResponseRequest, 1);
  request->document = g_object_ref (self->document);
  request->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  request->by = GTK_EDITABLE (by);
  request->kind = kind;
  request->rule_id = sm_rule_def_get_id (rule);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_dialog_cb), request,
                         response_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Discuss or We See It Differently on a finding. */
static void
respond_cb (SmFindingRow      *row,
            guint              kind,
            SmEvaluationPanel *self)
{
  open_response_dialog (self, sm_finding_row_get_rule (row), kind);
}

/* Findings of one principle */

static GtkWidget *
finding_new (SmEvaluationPanel *self,
             const SmRuleDef   *rule)
{
  GtkWidget *row = sm_finding_row_new (rule);

  g_signal_connect (row, "respond", G_CALLBACK (respond_cb), self);
  return row;
}

static void
update_finding (SmEvaluationPanel *self,
                SmFindingRow      *row,
                SmRuleResult      *result)
{
  SmMap   *map = sm_document_get_map (self->document);
  gboolean editable = !sm_document_get_read_only (self->document);

  sm_finding_row_update (row, map, result, self->evaluation->previous_date, is_headline (self, result), editable);
  if (!rule_is_check (sm_finding_row_get_rule (row)))
    {
      g_autoptr(GPtrArray) responses = sm_map_dup_responses (map, sm_rule_def_get_id (sm_finding_row_get_rule (row)));

      sm_finding_row_set_responses (row, responses, editable);
    }
}

static void
update_principle_page (SmEvaluationPanel *self)
{
  SmPrincipleResult *pr;
  GtkWidget         *previous = NULL;
  g_autofree char   *status = NULL;
  const char        *word;

  if (self->principle < 0 || self->evaluation == NULL)
    return;
  pr = &self->evaluation->principles[self->principle];
  word = sm_principle_status_to_label (pr->status);

  gtk_label_set_label (GTK_LABEL (self->principle_title), pr->name);
  _sm_status_image_set (self->principle_icon, _sm_principle_status_icon (pr->status),
                        _sm_principle_status_css (pr->status), word);
  status = _sm_principle_status_dup_text (pr);
  gtk_label_set_label (GTK_LABEL (self->principle_status), status);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->principle_level), isnan (pr->score) ? 0 : pr->score);
  gtk_widget_set_visible (self->principle_level, !isnan (pr->score));

  /* Lens order: the lens re-orders, it never changes a status. */
  for (guint i = 0; i < self->evaluation->order->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (self->evaluation->order, i);

      for (guint j = 0; j < self->findings->len; j++)
        {
          SmFindingRow *finding = g_ptr_array_index (self->findings, j);

          if (sm_finding_row_get_rule (finding) != r->rule)
            continue;
          update_finding (self, finding, r);
          gtk_box_reorder_child_after (GTK_BOX (self->findings_box), GTK_WIDGET (finding), previous);
          previous = GTK_WIDGET (finding);
        }
    }
}

static void
build_principle_page (SmEvaluationPanel *self,
                      guint              index)
{
  GtkWidget *child;
  char       id[3] = { 'P', (char) ('1' + index), '\0' };

  while ((child = gtk_widget_get_first_child (self->findings_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings_box), child);
  g_ptr_array_set_size (self->findings, 0);

  self->principle = index;
  for (guint i = 0; i < sm_rules_get_count (); i++)
    {
      const SmRuleDef *rule = sm_rules_get (i);
      GtkWidget       *finding;

      if (!g_str_equal (sm_rule_def_get_principle (rule), id))
        continue;
      finding = finding_new (self, rule);
      g_ptr_array_add (self->findings, finding);
      gtk_box_append (GTK_BOX (self->findings_box), finding);
    }
  update_principle_page (self);
}

static SmFindingRow *lookup_finding (SmEvaluationPanel *self,
                                     const char        *rule_id);

/* Scrolling to a finding waits until the page has its size. */
static gboolean
focus_finding_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);
  const char        *rule_id = user_data;
  GtkWidget         *frame = NULL;

  if (rule_id != NULL)
    {
      frame = GTK_WIDGET (lookup_finding (self, rule_id));
    }
  else if (self->findings->len > 0)
    frame = g_ptr_array_index (self->findings, 0);

  if (frame != NULL)
    gtk_widget_grab_focus (frame);
  return G_SOURCE_REMOVE;
}

static void
show_principle (SmEvaluationPanel *self,
                guint              index,
                const char        *rule_id)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (index < SM_N_PRINCIPLES);

  sm_evaluator_flush (self->evaluator);
  clear_highlight (self);
  build_principle_page (self, index);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->principle_scrolled));
  gtk_adjustment_set_value (adjustment, 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "principle");
  /* The keyboard lands on the finding asked for, or the first. */
  gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_finding_cb, g_strdup (rule_id), g_free);
}

/* The summary page */

static void
headline_activated_cb (GtkListBox        *list,
                       GtkListBoxRow     *row,
                       SmEvaluationPanel *self)
{
  const char      *rule_id = NULL;
  const SmRuleDef *rule;
  guint            index = gtk_list_box_row_get_index (row);

  if (index < self->headline_rules->len)
    rule_id = g_ptr_array_index (self->headline_rules, index);
  rule = rule_id != NULL ? sm_rules_lookup (rule_id) : NULL;

  if (rule != NULL)
    show_principle (self, principle_index (sm_rule_def_get_principle (rule)), rule_id);
}

static void
update_headlines (SmEvaluationPanel *self)
{
  GPtrArray *headlines = self->evaluation->headlines;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->headlines_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->headlines_list), child);
  g_ptr_array_set_size (self->headline_rules, 0);

  if (self->evaluation->lens == SM_LENS_NONE || headlines == NULL || headlines->len == 0)
    {
      gtk_widget_set_visible (self->headlines_group, FALSE);
      return;
    }
  for (guint i = 0; i < headlines->len; i++)
    {
      SmRuleResult    *r = g_ptr_array_index (headlines, i);
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *icon = gtk_image_new ();
      GtkWidget       *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      const char      *word = sm_rule_status_to_label (r->status);
      g_autofree char *title = g_strdup_printf (_ ("%s · %s"), sm_rule_def_get_id (r->rule), word);

      _sm_status_image_set (icon, _sm_rule_status_icon (r->status), _sm_rule_status_css (r->status), word);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_ptr_array_add (self->headline_rules, (gpointer) sm_rule_def_get_id (r->rule));
      gtk_list_box_append (GTK_LIST_BOX (self->headlines_list), row);
    }
  gtk_widget_set_visible (self->headlines_group, TRUE);
}

static void
update_all (SmEvaluationPanel *self)
{
  SmEvaluation *eval = self->evaluation;

  gtk_label_set_label (GTK_LABEL (self->gate_label), eval->gate_message);
  gtk_widget_set_visible (self->gate_box, eval->gate_message != NULL);
  gtk_label_set_label (GTK_LABEL (self->summary_label), eval->summary);
  if (!isnan (eval->index))
    {
      g_autofree char *index = g_strdup_printf (_ ("Indicative index: %.0f out of 100 — not a grade"), eval->index);

      gtk_label_set_label (GTK_LABEL (self->index_label), index);
    }
  gtk_widget_set_visible (self->index_label, !isnan (eval->index));

  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    sm_principle_card_update (SM_PRINCIPLE_CARD (self->cards[i]), eval);
  for (guint i = 0; i < self->checks->len; i++)
    {
      SmFindingRow *check = g_ptr_array_index (self->checks, i);
      SmRuleResult *r = result_for (self, sm_finding_row_get_rule (check));

      if (r != NULL)
        update_finding (self, check, r);
      gtk_widget_set_visible (GTK_WIDGET (check), r != NULL);
    }
  gtk_widget_set_visible (self->record_button, !sm_document_get_read_only (self->document));
  update_headlines (self);
  update_principle_page (self);
}

/* Evaluating: the document's evaluator does it; the panel shows the
 * results, and how far a long run is. */

/* Progress shows only for work a person would notice waiting for. */
#define SHOW_PROGRESS_AFTER_US (G_USEC_PER_SEC / 2)
#define PROGRESS_POLL_MS 100

/* Results are recorded as shown: on a big map, only once they are of the
 * map as it is (recording would otherwise evaluate it again, for minutes,
 * on the main thread). */
static void
update_record_button (SmEvaluationPanel *self)
{
  gboolean current = self->evaluation != NULL && !sm_evaluator_get_running (self->evaluator) &&
                     (!sm_evaluator_get_dirty (self->evaluator) || !sm_evaluator_get_in_background (self->evaluator));

  gtk_widget_set_sensitive (self->record_button, current);
  gtk_widget_set_tooltip_text (self->record_button,
                               current ? _ ("Keep these results with the map’s snapshot, so later evaluations show what changed")
                                       : _ ("Wait for the evaluation of the map as it is now"));
}

static void
hide_progress (SmEvaluationPanel *self)
{
  g_clear_handle_id (&self->progress_poll, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

/* A new result landed. */
static void
evaluation_cb (SmEvaluationPanel *self)
{
  self->evaluation = sm_evaluator_get_evaluation (self->evaluator);
  self->n_evaluations++;
  hide_progress (self);
  gtk_widget_set_visible (self->stack, TRUE);
  update_all (self);
  update_record_button (self);
}

static gboolean
progress_poll_cb (gpointer user_data)
{
  SmEvaluationPanel *self = user_data;
  SmProgress        *progress = sm_evaluator_get_progress (self->evaluator);
  g_autofree char   *stage = NULL;

  if (progress == NULL)
    {
      self->progress_poll = 0;
      return G_SOURCE_REMOVE;
    }
  if (g_get_monotonic_time () - sm_evaluator_get_started (self->evaluator) < SHOW_PROGRESS_AFTER_US)
    return G_SOURCE_CONTINUE;
  stage = sm_progress_dup_stage (progress);
  gtk_label_set_label (GTK_LABEL (self->progress_label), stage != NULL ? stage : _ ("Evaluating the map…"));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), sm_progress_get_fraction (progress));
  gtk_button_set_label (GTK_BUTTON (self->progress_button), _ ("_Stop"));
  gtk_widget_set_tooltip_text (self->progress_button,
                               _ ("Stop evaluating; the findings shown are of the map as it was before"));
  gtk_widget_set_visible (self->progress_bar, TRUE);
  gtk_widget_set_visible (self->progress_box, TRUE);
  return G_SOURCE_CONTINUE;
}

/* A run starts on the worker, or ends (with a result, or cancelled). */
static void
running_cb (SmEvaluationPanel *self)
{
  hide_progress (self);
  if (sm_evaluator_get_running (self->evaluator))
    self->progress_poll = g_timeout_add (PROGRESS_POLL_MS, progress_poll_cb, self);
  update_record_button (self);
}

/* The one button beside the progress: Stop while it runs, Evaluate
 * Again once stopped. */
static void
progress_button_clicked_cb (SmEvaluationPanel *self)
{
  if (sm_evaluator_get_running (self->evaluator))
    {
      sm_evaluator_stop (self->evaluator);
      gtk_label_set_label (GTK_LABEL (self->progress_label),
                           _ ("Evaluation stopped: the findings below may not match the map."));
      gtk_widget_set_visible (self->progress_bar, FALSE);
      gtk_button_set_label (GTK_BUTTON (self->progress_button), _ ("_Evaluate Again"));
      update_record_button (self);
      gtk_widget_set_tooltip_text (self->progress_button, NULL);
      gtk_widget_set_visible (self->progress_box, TRUE);
    }
  else
    sm_evaluator_evaluate (self->evaluator);
}

static void
lens_changed_cb (AdwComboRow       *row,
                 GParamSpec        *pspec,
                 SmEvaluationPanel *self)
{
  /* The template's model selects the first lens before the evaluator is
   * there; that is no choice of the group's. */
  if (self->evaluator == NULL)
    return;
  sm_evaluator_set_lens (self->evaluator, adw_combo_row_get_selected (row));
}

static void
card_activated_cb (GtkListBox        *list,
                   GtkListBoxRow     *row,
                   SmEvaluationPanel *self)
{
  show_principle (self, sm_principle_card_get_index (SM_PRINCIPLE_CARD (row)), NULL);
}

static void
back_clicked_cb (SmEvaluationPanel *self)
{
  sm_evaluation_panel_show_summary (self);
}

static void
thresholds_clicked_cb (SmEvaluationPanel *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = sm_thresholds_dialog_new (self->document);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* §7.5: keep this evaluation with the map's snapshot; one undo step. */
static void
record_clicked_cb (SmEvaluationPanel *self)
{
  SmMap           *map = sm_document_get_map (self->document);
  const char      *date = sm_record_get_string (sm_map_get_metadata (map), "snapshot.date");
  g_autofree char *text = NULL;
  GtkRoot         *root;

  sm_evaluator_flush (self->evaluator);
  sm_document_push (self->document, sm_command_new_record_snapshot (map, self->evaluation));
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (date != NULL)
    text = g_strdup_printf (_ ("Results recorded for the snapshot of %s"), date);
  else
    text = g_strdup (_ ("Results recorded for today"));
  if (SM_IS_WINDOW (root))
    sm_window_show_toast (SM_WINDOW (root), text);
}

static void
read_only_cb (SmEvaluationPanel *self)
{
  if (self->evaluation != NULL)
    update_principle_page (self);
}

/* Building */

/**
 * sm_evaluation_panel_get_lens:
 *
 * The perspective the group chose, so a report orders findings the same way.
 */
SmLens
sm_evaluation_panel_get_lens (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), SM_LENS_NONE);

  return sm_evaluator_get_lens (self->evaluator);
}

/* Into the panel: the card last opened (or the first), or the findings. */
static gboolean
sm_evaluation_panel_grab_focus (GtkWidget *widget)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "principle") &&
      self->findings->len > 0)
    return gtk_widget_grab_focus (g_ptr_array_index (self->findings, 0));
  return gtk_widget_grab_focus (self->cards[MAX (self->principle, 0)]);
}

/* Escape or Alt+Left on a principle's page goes back, as in GNOME's
 * other two-level views; elsewhere the keys are left to others. */
static gboolean
back_binding_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "principle"))
    return FALSE;
  sm_evaluation_panel_show_summary (self);
  return TRUE;
}

static void
sm_evaluation_panel_map (GtkWidget *widget)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);

  GTK_WIDGET_CLASS (sm_evaluation_panel_parent_class)->map (widget);
  /* On screen, the evaluation follows the map, and the map marks what
   * the findings are about. */
  sm_evaluator_set_active (self->evaluator, TRUE);
}

static void
sm_evaluation_panel_unmap (GtkWidget *widget)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);

  /* Off screen, the panel only notes that it is out of date: a large map
   * is not evaluated on every edit for nobody to read. */
  sm_evaluator_set_active (self->evaluator, FALSE);
  GTK_WIDGET_CLASS (sm_evaluation_panel_parent_class)->unmap (widget);
}

static void
sm_evaluation_panel_constructed (GObject *object)
{
  SmEvaluationPanel *self = (SmEvaluationPanel *) object;
  SmMap             *map;

  G_OBJECT_CLASS (sm_evaluation_panel_parent_class)->constructed (object);

  map = sm_document_get_map (self->document);
  self->evaluator = g_object_ref (sm_document_get_evaluator (self->document));

  g_signal_connect_swapped (self->evaluator, "notify::evaluation", G_CALLBACK (evaluation_cb), self);
  g_signal_connect_swapped (self->evaluator, "notify::running", G_CALLBACK (running_cb), self);
  g_signal_connect_swapped (self->evaluator, "notify::dirty", G_CALLBACK (update_record_button), self);
  g_signal_connect_swapped (map, "notify::read-only", G_CALLBACK (read_only_cb), self);
}

static void
sm_evaluation_panel_dispose (GObject *object)
{
  SmEvaluationPanel *self = (SmEvaluationPanel *) object;

  g_clear_handle_id (&self->progress_poll, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (sm_document_get_map (self->document), self);
  if (self->evaluator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->evaluator, self);
      /* Nobody reads it any more: a run still going ends soon and shows
       * nothing. */
      sm_evaluator_set_active (self->evaluator, FALSE);
    }
  g_clear_object (&self->evaluator);
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_EVALUATION_PANEL);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->headline_rules, g_ptr_array_unref);
  self->evaluation = NULL;
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sm_evaluation_panel_parent_class)->dispose (object);
}

static void
sm_evaluation_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_evaluation_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_evaluation_panel_class_init (SmEvaluationPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_evaluation_panel_constructed;
  object_class->dispose = sm_evaluation_panel_dispose;
  object_class->get_property = sm_evaluation_panel_get_property;
  object_class->set_property = sm_evaluation_panel_set_property;
  widget_class->map = sm_evaluation_panel_map;
  widget_class->grab_focus = sm_evaluation_panel_grab_focus;
  widget_class->unmap = sm_evaluation_panel_unmap;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "evaluation.show-evidence", "(ss)", show_evidence_action);
  gtk_widget_class_install_action (widget_class, "evaluation.remove-response", "s", remove_response_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, back_binding_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, back_binding_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (SM_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-evaluation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, outer);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, progress_box);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, progress_button);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, gate_box);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, gate_label);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, index_label);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, lens_row);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, headlines_group);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, headlines_list);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, cards_list);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, checks_group);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, checks_box);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, record_button);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, thresholds_button);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, principle_scrolled);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, principle_title);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, principle_icon);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, principle_status);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, principle_level);
  gtk_widget_class_bind_template_child (widget_class, SmEvaluationPanel, findings_box);
  gtk_widget_class_bind_template_callback (widget_class, progress_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lens_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, headline_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, thresholds_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
sm_evaluation_panel_init (SmEvaluationPanel *self)
{
  self->principle = -1;
  self->findings = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  self->headline_rules = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _sm_score_bar_init (self->principle_level);

  /* The seven principles (§8.1). */
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    {
      self->cards[i] = sm_principle_card_new (i);
      gtk_list_box_append (GTK_LIST_BOX (self->cards_list), self->cards[i]);
    }

  /* About this map's data (§6). */
  for (guint i = 0; i < sm_checks_get_count (); i++)
    {
      GtkWidget *check = finding_new (self, sm_checks_get (i));

      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (self->checks_box), check);
    }
}

GtkWidget *
sm_evaluation_panel_new (SmDocument *document)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  return g_object_new (SM_TYPE_EVALUATION_PANEL, "document", document, NULL);
}

SmDocument *
sm_evaluation_panel_get_document (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->document;
}

/* @principle_id: "P1" … "P7" */
void
sm_evaluation_panel_show_principle (SmEvaluationPanel *self,
                                    const char        *principle_id)
{
  g_return_if_fail (SM_IS_EVALUATION_PANEL (self));
  g_return_if_fail (principle_id != NULL && principle_id[0] == 'P' &&
                    principle_id[1] >= '1' && principle_id[1] <= '7');

  show_principle (self, principle_index (principle_id), NULL);
}

void
sm_evaluation_panel_show_summary (SmEvaluationPanel *self)
{
  g_return_if_fail (SM_IS_EVALUATION_PANEL (self));

  clear_highlight (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "summary");
  if (self->principle >= 0)
    gtk_widget_grab_focus (self->cards[self->principle]);
}

/* Test hooks */

SmEvaluation *
_sm_evaluation_panel_test_get_evaluation (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->evaluation;
}

void
_sm_evaluation_panel_test_flush (SmEvaluationPanel *self)
{
  g_return_if_fail (SM_IS_EVALUATION_PANEL (self));
  sm_evaluator_flush (self->evaluator);
}

/* TRUE while an evaluation runs on the worker thread. */
gboolean
_sm_evaluation_panel_test_get_busy (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), FALSE);
  return sm_evaluator_get_running (self->evaluator);
}

/* The progress above the pages (shown only for long work) and its
 * Stop / Evaluate Again button. */
GtkWidget *
_sm_evaluation_panel_test_get_progress (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->progress_box;
}

GtkWidget *
_sm_evaluation_panel_test_get_progress_button (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->progress_button;
}

guint
_sm_evaluation_panel_test_get_n_evaluations (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), 0);
  return self->n_evaluations;
}

void
_sm_evaluation_panel_test_set_lens (SmEvaluationPanel *self,
                                    SmLens             lens)
{
  g_return_if_fail (SM_IS_EVALUATION_PANEL (self));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->lens_row), lens);
}

GtkWidget *
_sm_evaluation_panel_test_get_card (SmEvaluationPanel *self,
                                    guint              index)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  g_return_val_if_fail (index < SM_N_PRINCIPLES, NULL);
  return self->cards[index];
}

const char *
_sm_evaluation_panel_test_get_card_status (SmEvaluationPanel *self,
                                           guint              index)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  g_return_val_if_fail (index < SM_N_PRINCIPLES, NULL);
  return sm_principle_card_get_status_text (SM_PRINCIPLE_CARD (self->cards[index]));
}

static SmFindingRow *
lookup_finding (SmEvaluationPanel *self,
                const char        *rule_id)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "principle"))
    return NULL;
  for (guint i = 0; i < self->findings->len; i++)
    {
      SmFindingRow *finding = g_ptr_array_index (self->findings, i);

      if (g_str_equal (sm_rule_def_get_id (sm_finding_row_get_rule (finding)), rule_id))
        return finding;
    }
  return NULL;
}

GtkWidget *
_sm_evaluation_panel_test_get_finding (SmEvaluationPanel *self,
                                       const char        *rule_id)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return GTK_WIDGET (lookup_finding (self, rule_id));
}

GPtrArray *
_sm_evaluation_panel_test_dup_finding_order (SmEvaluationPanel *self)
{
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), order);
  for (GtkWidget *child = gtk_widget_get_first_child (self->findings_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_ptr_array_find (self->findings, child, NULL))
      g_ptr_array_add (order, g_strdup (sm_rule_def_get_id (sm_finding_row_get_rule (SM_FINDING_ROW (child)))));
  return order;
}

GPtrArray *
_sm_evaluation_panel_test_dup_chips (SmEvaluationPanel *self,
                                     const char        *rule_id)
{
  SmFindingRow *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), g_ptr_array_new ());
  finding = lookup_finding (self, rule_id);
  if (finding == NULL)
    return g_ptr_array_new ();
  return _sm_finding_row_test_dup_chips (finding);
}

GtkWidget *
_sm_evaluation_panel_test_get_finding_button (SmEvaluationPanel *self,
                                              const char        *rule_id,
                                              const char        *name)
{
  SmFindingRow *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  return finding != NULL ? _sm_finding_row_test_get_button (finding, name) : NULL;
}

GPtrArray *
_sm_evaluation_panel_test_dup_response_texts (SmEvaluationPanel *self,
                                              const char        *rule_id)
{
  SmFindingRow *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), g_ptr_array_new_with_free_func (g_free));
  finding = lookup_finding (self, rule_id);
  if (finding == NULL)
    return g_ptr_array_new_with_free_func (g_free);
  return _sm_finding_row_test_dup_response_texts (finding);
}

GtkWidget *
_sm_evaluation_panel_test_get_response_remove (SmEvaluationPanel *self,
                                               const char        *rule_id,
                                               guint              index)
{
  SmFindingRow *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  return finding != NULL ? _sm_finding_row_test_get_response_remove (finding, index) : NULL;
}

GtkWidget *
_sm_evaluation_panel_test_get_thresholds_button (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->thresholds_button;
}

GtkWidget *
_sm_evaluation_panel_test_get_record_button (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->record_button;
}

const char *
_sm_evaluation_panel_test_get_card_previous (SmEvaluationPanel *self,
                                             guint              index)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  g_return_val_if_fail (index < SM_N_PRINCIPLES, NULL);
  return sm_principle_card_get_previous_text (SM_PRINCIPLE_CARD (self->cards[index]));
}

const char *
_sm_evaluation_panel_test_get_finding_measure (SmEvaluationPanel *self,
                                               const char        *rule_id)
{
  SmFindingRow *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  return finding != NULL ? _sm_finding_row_test_get_measure (finding) : NULL;
}

GtkWidget *
_sm_evaluation_panel_test_get_check (SmEvaluationPanel *self,
                                     const char        *check_id)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  for (guint i = 0; i < self->checks->len; i++)
    {
      SmFindingRow *check = g_ptr_array_index (self->checks, i);

      if (g_str_equal (sm_rule_def_get_id (sm_finding_row_get_rule (check)), check_id))
        return GTK_WIDGET (check);
    }
  return NULL;
}

GtkWidget *
_sm_evaluation_panel_test_get_headline (SmEvaluationPanel *self,
                                        guint              index)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->headlines_list), index));
}

GtkWidget *
_sm_evaluation_panel_test_get_gate_label (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  return self->gate_label;
}

/* The record a chip shows on the map. */
const char *
_sm_evaluation_panel_test_get_chip_id (GtkWidget *chip)
{
  GVariant   *target;
  const char *id = NULL;

  g_return_val_if_fail (GTK_IS_ACTIONABLE (chip), NULL);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (chip));
  if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE ("(ss)")))
    g_variant_get (target, "(&s&s)", NULL, &id);
  return id;
}

/* Whether the selection is changing because a finding's evidence was
 * picked here: the side panel then stays on this page. */
gboolean
sm_evaluation_panel_get_selecting (SmEvaluationPanel *self)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), FALSE);
  return self->selecting;
}

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
#include <string.h>

#include "sm-evaluation-panel-private.h"
#include "sm-evaluation-store.h"
#include "sm-sources.h"
#include "sm-thresholds-dialog.h"
#include "sm-window.h"
#include "sm-wrap-box.h"

/* Two pages that slide: the summary (gate, summary, lens, seven cards) and
 * one principle's findings. The map is evaluated again a moment after it
 * stops changing, and only while the panel is on screen; widgets are
 * updated in place, so scroll position and focus survive. */

/* Progress shows only for work a person would notice waiting for. */
#define SHOW_PROGRESS_AFTER_US (G_USEC_PER_SEC / 2)
#define PROGRESS_POLL_MS 100

/* Evidence buttons shown before "Show all". */
#define MAX_CHIPS 12

typedef struct
{
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *status;
  GtkWidget *level;
  GtkWidget *checks;
  GtkWidget *finding;
  GtkWidget *previous;
} PrincipleCard;

typedef struct
{
  SmEvaluationPanel *panel;
  const SmRuleDef   *rule;
  GtkWidget         *frame;
  GtkWidget         *icon;
  GtkWidget         *status;
  GtkWidget         *headline;
  GtkWidget         *message;
  GtkWidget         *measure;
  GtkWidget         *chips;
  GtkWidget         *more;
  GtkWidget         *action_box;
  GtkWidget         *action;
  GtkWidget         *gaps;
  GtkWidget         *responses;
  GtkWidget         *discuss;
  GtkWidget         *differ;
  char              *evidence_key; /* the evidence the chips show, to skip rebuilding */
  gboolean           show_all;
} Finding;

struct _SmEvaluationPanel
{
  GtkWidget parent_instance;

  SmDocument   *document;
  SmEvaluator  *evaluator; /* the document's: evaluates, the panel shows */
  SmEvaluation *evaluation; /* the evaluator's latest, shown */
  guint         n_evaluations;
  guint         progress_poll;

  GtkWidget *outer; /* the progress above the stack */
  GtkWidget *stack;
  GtkWidget *progress_box;
  GtkWidget *progress_label;
  GtkWidget *progress_bar;
  GtkWidget *progress_button;

  GtkWidget    *gate_box;
  GtkWidget    *gate_label;
  GtkWidget    *summary_label;
  GtkWidget    *index_label;
  GtkWidget    *lens_row;
  GtkWidget    *headlines_group;
  GtkWidget    *headlines_list;
  GPtrArray    *headline_rules; /* rule ids (static) of the headline rows, in order */
  GtkWidget    *cards_list;
  PrincipleCard cards[SM_N_PRINCIPLES];
  GtkWidget    *checks_group;
  GtkWidget    *checks_box;
  GPtrArray    *checks; /* Finding: DQ-02 … DQ-05 */
  GtkWidget    *record_button;
  GtkWidget    *thresholds_button;

  int        principle; /* shown on the principle page, -1 for none */
  GtkWidget *principle_scrolled;
  GtkWidget *principle_title;
  GtkWidget *principle_icon;
  GtkWidget *principle_status;
  GtkWidget *principle_level;
  GtkWidget *findings_box;
  GPtrArray *findings; /* Finding */
};

G_DEFINE_FINAL_TYPE (SmEvaluationPanel, sm_evaluation_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Words and icons: never colour alone (§4, §8.7). */

static const char *
rule_icon (SmRuleStatus status)
{
  switch (status)
    {
    case SM_RULE_PASS:
      return "emblem-ok-symbolic";
    case SM_RULE_WARN:
      return "dialog-warning-symbolic";
    case SM_RULE_FAIL:
      return "dialog-error-symbolic";
    case SM_RULE_NOT_APPLICABLE:
      return "action-unavailable-symbolic";
    case SM_RULE_INSUFFICIENT_DATA:
      return "dialog-question-symbolic";
    case SM_RULE_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
rule_css (SmRuleStatus status)
{
  switch (status)
    {
    case SM_RULE_PASS:
      return "success";
    case SM_RULE_WARN:
      return "warning";
    case SM_RULE_FAIL:
      return "error";
    default:
      return "dim-label";
    }
}

static const char *
principle_icon (SmPrincipleStatus status)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      return "emblem-ok-symbolic";
    case SM_PRINCIPLE_PARTLY_MET:
      return "dialog-warning-symbolic";
    case SM_PRINCIPLE_NOT_MET:
      return "dialog-error-symbolic";
    case SM_PRINCIPLE_NOT_ASSESSED:
    default:
      return "dialog-question-symbolic";
    }
}

static const char *
principle_css (SmPrincipleStatus status)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      return "success";
    case SM_PRINCIPLE_PARTLY_MET:
      return "warning";
    case SM_PRINCIPLE_NOT_MET:
      return "error";
    default:
      return "dim-label";
    }
}

static void
set_status_class (GtkWidget  *widget,
                  const char *css)
{
  static const char *const all[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (all[i], css) != 0)
      gtk_widget_remove_css_class (widget, all[i]);
  gtk_widget_add_css_class (widget, css);
}

static void
set_icon (GtkWidget  *image,
          const char *icon,
          const char *css,
          const char *word)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  set_status_class (image, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, word, -1);
}

/* "2.55", "7", "0.33": as the core's messages write numbers. */
static char *
format_number (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  char *end = text + strlen (text) - 1;

  while (end > text && *end == '0')
    *end-- = '\0';
  if (end > text && !g_ascii_isdigit (*end))
    *end = '\0';
  return text;
}

/* §8.2: the measured value against the thresholds, in words. */
/* §7.5: the value at the previous snapshot and which way it moved, in
 * words beside the arrow. */
static char *
trend_text (SmRuleResult *result,
            const char   *date)
{
  g_autofree char *was = NULL;
  const char      *arrow, *word;

  if (isnan (result->previous_value) || isnan (result->value) || date == NULL)
    return NULL;
  was = format_number (result->previous_value);
  if (result->trend > 0)
    {
      arrow = result->value > result->previous_value ? "↑" : "↓";
      word = _ ("better");
    }
  else if (result->trend < 0)
    {
      arrow = result->value > result->previous_value ? "↑" : "↓";
      word = _ ("worse");
    }
  else
    {
      arrow = "→";
      /* Recorded values keep four decimal places. */
      word = round (result->value * 10000) == round (result->previous_value * 10000) ? _ ("no change")
                                                                                     : _ ("changed");
    }
  /* TRANSLATORS: "↓ better: was 2.8 on 2026-01-10" */
  return g_strdup_printf (_ ("%s %s: was %s on %s"), arrow, word, was, date);
}

static char *
measure_text (SmRuleResult *result)
{
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *value = NULL;
  guint            n_judgement = 0;
  guint            n_listed = 0;
  const char      *basis;

  if (isnan (result->value) || result->status == SM_RULE_NOT_APPLICABLE)
    return NULL;
  value = format_number (result->value);
  for (guint i = 0; i < result->thresholds->len; i++)
    {
      SmNamedValue    *t = &g_array_index (result->thresholds, SmNamedValue, i);
      g_autofree char *words = NULL;
      g_autofree char *number = NULL;

      /* Conventions of the method (a floor against dividing by zero) and
       * switches are not cut-offs; they stay out of the sentence. */
      if (sm_eval_config_get_basis (t->name) == SM_BASIS_CONVENTION || sm_eval_config_is_boolean (t->name))
        continue;
      words = sm_eval_config_dup_label (t->name);
      number = format_number (t->value);
      n_listed++;
      if (list->len > 0)
        g_string_append (list, _ (", "));
      g_string_append_printf (list, C_ ("threshold and value", "%s %s"), words, number);
      if (sm_eval_config_get_basis (t->name) == SM_BASIS_JUDGEMENT)
        n_judgement++;
    }
  if (list->len == 0)
    return g_strdup_printf (_ ("Measured: %s"), value);

  if (n_judgement == n_listed)
    basis = g_dngettext (GETTEXT_PACKAGE, "a judgement call you can change",
                         "judgement calls you can change", n_judgement);
  else if (n_judgement > 0)
    basis = _ ("some are judgement calls you can change");
  else
    basis = _ ("set by the sources");
  /* TRANSLATORS: "Measured: 2.55 (thresholds: “Needs attention” ratio 2 — a judgement call you can change)" */
  return g_strdup_printf (_ ("Measured: %s (thresholds: %s — %s)"), value, list->str, basis);
}

/* A chip names what the evidence is: a relationship by the two it joins. */
static char *
evidence_label (SmMap      *map,
                SmEvidence *evidence)
{
  char *label = sm_map_dup_record_label (map, evidence->id, FALSE);

  return label != NULL ? label : g_strdup (evidence->id);
}

/* Data gaps by field, a few names each: "accessibility met: Carer C".
 * On a large map one field can be missing for hundreds of people. */
#define MAX_GAP_NAMES 5

static char *
gaps_text (SmMap        *map,
           SmRuleResult *result)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < result->data_gaps->len; i++)
    {
      const char      *gap = g_ptr_array_index (result->data_gaps, i);
      const char      *colon = strstr (gap, ": ");
      g_autofree char *id = colon != NULL ? g_strndup (gap, colon - gap) : NULL;
      g_autofree char *field = g_strdup (colon != NULL ? colon + 2 : gap);
      guint            k;

      g_strdelimit (field, "._", ' ');
      if (!g_ptr_array_find_with_equal_func (fields, field, g_str_equal, &k))
        {
          k = fields->len;
          g_ptr_array_add (fields, g_steal_pointer (&field));
          g_ptr_array_add (names, g_ptr_array_new_with_free_func (g_free));
        }
      if (id != NULL && !g_str_equal (id, "map"))
        {
          char *name = sm_map_dup_record_label (map, id, FALSE);

          g_ptr_array_add (g_ptr_array_index (names, k), name != NULL ? name : g_strdup (id));
        }
    }

  for (guint k = 0; k < fields->len; k++)
    {
      GPtrArray *who = g_ptr_array_index (names, k);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (fields, k));
      for (guint i = 0; i < who->len && i < MAX_GAP_NAMES; i++)
        g_string_append_printf (text, i == 0 ? _ (": %s") : _ (", %s"), (char *) g_ptr_array_index (who, i));
      if (who->len > MAX_GAP_NAMES)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", who->len - MAX_GAP_NAMES),
                                who->len - MAX_GAP_NAMES);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

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

/* The finding a card leads with: the most pressing, in lens order. */
static SmRuleResult *
top_finding (SmEvaluationPanel *self,
             const char        *principle)
{
  static const SmRuleStatus rank[] = {
    SM_RULE_FAIL,
    SM_RULE_WARN,
    SM_RULE_INFO,
    SM_RULE_INSUFFICIENT_DATA,
    SM_RULE_PASS,
  };
  GPtrArray *order = self->evaluation->order;

  for (guint k = 0; k < G_N_ELEMENTS (rank); k++)
    for (guint i = 0; i < order->len; i++)
      {
        SmRuleResult *r = g_ptr_array_index (order, i);

        if (r->status == rank[k] && g_str_equal (sm_rule_def_get_principle (r->rule), principle))
          return r;
      }
  return NULL;
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
    sm_selection_select_only (sm_document_get_selection (self->document), id);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "map");
}

static void update_chips (Finding      *finding,
                          SmRuleResult *result);

static void
more_clicked_cb (GtkButton *button,
                 Finding   *finding)
{
  SmRuleResult *result = result_for (finding->panel, finding->rule);

  finding->show_all = !finding->show_all;
  g_clear_pointer (&finding->evidence_key, g_free);
  if (result != NULL)
    update_chips (finding, result);
}

static void
update_chips (Finding      *finding,
              SmRuleResult *result)
{
  SmMap *map = sm_document_get_map (finding->panel->document);
  g_autoptr (GString) key = g_string_new (NULL);
  guint shown;

  /* Names can change without the evidence changing, so the key has both. */
  for (guint i = 0; i < result->evidence->len; i++)
    {
      SmEvidence      *e = g_ptr_array_index (result->evidence, i);
      g_autofree char *label = evidence_label (map, e);

      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", e->id, label, e->detail);
    }
  if (finding->evidence_key != NULL && g_str_equal (finding->evidence_key, key->str))
    return;
  g_free (finding->evidence_key);
  finding->evidence_key = g_strdup (key->str);

  sm_wrap_box_remove_all (SM_WRAP_BOX (finding->chips));

  shown = finding->show_all ? result->evidence->len : MIN (result->evidence->len, MAX_CHIPS);
  for (guint i = 0; i < shown; i++)
    {
      SmEvidence      *e = g_ptr_array_index (result->evidence, i);
      g_autofree char *label = evidence_label (map, e);
      g_autofree char *a11y = NULL;
      GtkWidget       *chip = gtk_button_new_with_label (label);
      GtkWidget       *label_widget = gtk_button_get_child (GTK_BUTTON (chip));

      gtk_label_set_ellipsize (GTK_LABEL (label_widget), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label_widget), 28);
      gtk_widget_add_css_class (chip, "evidence-chip");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "evaluation.show-evidence");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "(ss)", sm_rule_def_get_id (finding->rule), e->id);
      if (e->detail != NULL && *e->detail != '\0')
        gtk_widget_set_tooltip_text (chip, e->detail);
      a11y = g_strdup_printf (_ ("Show %s on the map"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      sm_wrap_box_append (SM_WRAP_BOX (finding->chips), chip);
    }
  gtk_widget_set_visible (finding->chips, shown > 0);

  if (result->evidence->len > MAX_CHIPS)
    {
      g_autofree char *more = NULL;

      if (finding->show_all)
        more = g_strdup (_ ("Show Fewer"));
      else
        more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u", "Show All %u",
                                             result->evidence->len),
                                result->evidence->len);
      gtk_button_set_label (GTK_BUTTON (finding->more), more);
      gtk_widget_set_visible (finding->more, TRUE);
    }
  else
    gtk_widget_set_visible (finding->more, FALSE);
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
update_responses (Finding *finding)
{
  SmDocument *document = finding->panel->document;
  g_autoptr (GPtrArray) responses = sm_map_dup_responses (sm_document_get_map (document),
                                                          sm_rule_def_get_id (finding->rule));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (finding->responses)) != NULL)
    gtk_box_remove (GTK_BOX (finding->responses), child);

  for (guint i = 0; i < responses->len; i++)
    {
      SmResponse *response = g_ptr_array_index (responses, i);
      GtkWidget  *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget  *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget  *kind = gtk_label_new (response->kind == SM_RESPONSE_DIFFER ? _ ("We see it differently")
                                                                             : _ ("Discussed"));
      GtkWidget  *text = gtk_label_new (response->text);
      GtkWidget  *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (row, "evaluation-response");
      gtk_widget_add_css_class (kind, "caption-heading");
      gtk_label_set_xalign (GTK_LABEL (kind), 0);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (text_box), kind);
      gtk_box_append (GTK_BOX (text_box), text);
      if ((response->by != NULL && *response->by != '\0') || response->at != NULL)
        {
          g_autofree char *date = response->at != NULL ? g_strndup (response->at, 10) : NULL;
          g_autofree char *who = NULL;
          GtkWidget       *meta;

          if (response->by != NULL && *response->by != '\0' && date != NULL)
            who = g_strdup_printf (_ ("%s, %s"), response->by, date);
          else
            who = g_strdup (response->by != NULL && *response->by != '\0' ? response->by : date);
          meta = gtk_label_new (who);
          gtk_label_set_xalign (GTK_LABEL (meta), 0);
          gtk_widget_add_css_class (meta, "caption");
          gtk_widget_add_css_class (meta, "dim-label");
          gtk_box_append (GTK_BOX (text_box), meta);
        }
      gtk_widget_set_hexpand (text_box, TRUE);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (remove, _ ("Remove Response"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Remove Response"), -1);
      gtk_widget_set_sensitive (remove, !sm_document_get_read_only (document));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "evaluation.remove-response");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", response->id);

      gtk_box_append (GTK_BOX (row), text_box);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (GTK_BOX (finding->responses), row);
    }
  gtk_widget_set_visible (finding->responses, responses->len > 0);
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
  SmDocument     *document;
  GtkTextBuffer  *buffer; /* the dialog's */
  GtkEditable    *by;     /* the dialog's */
  SmResponseKind  kind;
  const char     *rule_id; /* static, from the catalogue */
} ResponseRequest;

static void
response_request_free (gpointer data,
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
open_response_dialog (Finding       *finding,
                      SmResponseKind kind)
{
  GtkRoot    *root = gtk_widget_get_root (GTK_WIDGET (finding->panel));
  GtkWidget  *dialog;
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget  *frame = gtk_frame_new (NULL);
  GtkWidget  *scrolled = gtk_scrolled_window_new ();
  GtkWidget  *view = gtk_text_view_new ();
  GtkWidget  *by = gtk_entry_new ();
  ResponseRequest *request;
  const char *heading = kind == SM_RESPONSE_DIFFER ? _ ("We See It Differently") : _ ("Discuss This Finding");
  const char *body = kind == SM_RESPONSE_DIFFER
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
  request->document = g_object_ref (finding->panel->document);
  request->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  request->by = GTK_EDITABLE (by);
  request->kind = kind;
  request->rule_id = sm_rule_def_get_id (finding->rule);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_dialog_cb), request,
                         response_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
discuss_clicked_cb (GtkButton *button,
                    Finding   *finding)
{
  open_response_dialog (finding, SM_RESPONSE_DISCUSS);
}

static void
differ_clicked_cb (GtkButton *button,
                   Finding   *finding)
{
  open_response_dialog (finding, SM_RESPONSE_DIFFER);
}

/* Findings of one principle */

static GtkWidget *
wrapped_label (const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static void
finding_free (gpointer data)
{
  Finding *finding = data;

  g_free (finding->evidence_key);
  g_free (finding);
}

/* "Sources: S2 Leeds City Lab; S6 Arnstein (1969)", the full references
 * as its tooltip. */
static GtkWidget *
sources_label_new (const char *const *sources)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GString) citations = g_string_new (NULL);
  g_autofree char *text = NULL;
  GtkWidget       *label = wrapped_label ("caption");

  for (guint i = 0; sources[i] != NULL; i++)
    {
      const char *name = sm_source_get_short (sources[i]);
      const char *citation = sm_source_get_citation (sources[i]);

      g_string_append_printf (names, "%s%s%s%s", i > 0 ? "; " : "", sources[i], name != NULL ? " " : "",
                              name != NULL ? name : "");
      if (citation != NULL)
        g_string_append_printf (citations, "%s%s %s", citations->len > 0 ? "\n" : "", sources[i], citation);
    }
  text = g_strdup_printf (_ ("Sources: %s"), names->str);
  /* Wraps in the panel rather than widening it. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_label (GTK_LABEL (label), text);
  if (citations->len > 0)
    gtk_widget_set_tooltip_text (label, citations->str);
  return label;
}

static Finding *
finding_new (SmEvaluationPanel *self,
             const SmRuleDef   *rule)
{
  Finding           *finding = g_new0 (Finding, 1);
  GtkWidget         *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget         *question = wrapped_label ("heading");
  GtkWidget         *id = gtk_label_new (sm_rule_def_get_id (rule));
  GtkWidget         *action_heading = gtk_label_new (_ ("What you could do"));
  GtkWidget         *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *const *sources = sm_rule_def_get_sources (rule);

  finding->panel = self;
  finding->rule = rule;

  finding->frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (finding->frame, "card");
  gtk_widget_add_css_class (finding->frame, "evaluation-finding");
  /* Reachable with Tab and read as one finding by a screen reader. */
  gtk_widget_set_focusable (finding->frame, TRUE);

  finding->icon = gtk_image_new ();
  finding->status = gtk_label_new (NULL);
  gtk_widget_add_css_class (finding->status, "heading");
  gtk_label_set_xalign (GTK_LABEL (finding->status), 0);
  gtk_widget_set_hexpand (finding->status, TRUE);
  finding->headline = gtk_label_new (_ ("Headline"));
  gtk_widget_add_css_class (finding->headline, "evaluation-headline");
  gtk_widget_set_tooltip_text (finding->headline, _ ("One of the three findings this lens puts first"));
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "caption");
  gtk_box_append (GTK_BOX (top), finding->icon);
  gtk_box_append (GTK_BOX (top), finding->status);
  gtk_box_append (GTK_BOX (top), finding->headline);
  gtk_box_append (GTK_BOX (top), id);
  gtk_box_append (GTK_BOX (finding->frame), top);

  gtk_label_set_label (GTK_LABEL (question), sm_rule_def_get_question (rule));
  gtk_box_append (GTK_BOX (finding->frame), question);

  finding->message = wrapped_label (NULL);
  gtk_box_append (GTK_BOX (finding->frame), finding->message);
  finding->measure = wrapped_label ("caption");
  gtk_widget_add_css_class (finding->measure, "dim-label");
  gtk_box_append (GTK_BOX (finding->frame), finding->measure);

  finding->chips = sm_wrap_box_new (6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (finding->chips), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Evidence on the map"), -1);
  gtk_box_append (GTK_BOX (finding->frame), finding->chips);
  finding->more = gtk_button_new ();
  gtk_widget_add_css_class (finding->more, "flat");
  gtk_widget_set_halign (finding->more, GTK_ALIGN_START);
  g_signal_connect (finding->more, "clicked", G_CALLBACK (more_clicked_cb), finding);
  gtk_box_append (GTK_BOX (finding->frame), finding->more);

  /* Why this matters: a sentence or two, then the sources by name with
   * their full references as a tooltip. */
  if (sm_rule_def_get_why (rule) != NULL || (sources != NULL && sources[0] != NULL))
    {
      GtkWidget *why_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *why_heading = gtk_label_new (_ ("Why this matters"));

      gtk_label_set_xalign (GTK_LABEL (why_heading), 0);
      gtk_widget_add_css_class (why_heading, "caption-heading");
      gtk_box_append (GTK_BOX (why_box), why_heading);
      if (sm_rule_def_get_why (rule) != NULL)
        {
          GtkWidget *why = wrapped_label (NULL);

          gtk_label_set_label (GTK_LABEL (why), sm_rule_def_get_why (rule));
          gtk_box_append (GTK_BOX (why_box), why);
        }
      if (sources != NULL && sources[0] != NULL)
        gtk_box_append (GTK_BOX (why_box), sources_label_new (sources));
      gtk_box_append (GTK_BOX (finding->frame), why_box);
    }

  finding->action_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_label_set_xalign (GTK_LABEL (action_heading), 0);
  gtk_widget_add_css_class (action_heading, "caption-heading");
  finding->action = wrapped_label (NULL);
  gtk_box_append (GTK_BOX (finding->action_box), action_heading);
  gtk_box_append (GTK_BOX (finding->action_box), finding->action);
  gtk_box_append (GTK_BOX (finding->frame), finding->action_box);

  finding->gaps = wrapped_label ("caption");
  gtk_box_append (GTK_BOX (finding->frame), finding->gaps);

  finding->responses = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (finding->responses), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("The group’s responses"), -1);
  gtk_widget_set_visible (finding->responses, FALSE);
  gtk_box_append (GTK_BOX (finding->frame), finding->responses);

  finding->discuss = gtk_button_new_with_mnemonic (_ ("_Discuss"));
  finding->differ = gtk_button_new_with_mnemonic (_ ("We See It _Differently"));
  gtk_widget_set_tooltip_text (finding->discuss, _ ("Note what the group said about this finding"));
  gtk_widget_set_tooltip_text (finding->differ, _ ("Record that the group reads this differently, and why"));
  g_signal_connect (finding->discuss, "clicked", G_CALLBACK (discuss_clicked_cb), finding);
  g_signal_connect (finding->differ, "clicked", G_CALLBACK (differ_clicked_cb), finding);
  gtk_box_append (GTK_BOX (buttons), finding->discuss);
  gtk_box_append (GTK_BOX (buttons), finding->differ);
  /* Responses belong to the scored findings; the data checks are prompts
   * to fill the map in. */
  gtk_widget_set_visible (buttons, !rule_is_check (rule));
  gtk_box_append (GTK_BOX (finding->frame), buttons);

  return finding;
}

static void
update_finding (Finding      *finding,
                SmRuleResult *result)
{
  SmEvaluationPanel *self = finding->panel;
  SmMap             *map = sm_document_get_map (self->document);
  const char        *word = sm_rule_status_to_label (result->status);
  g_autofree char   *value = measure_text (result);
  g_autofree char   *trend = trend_text (result, self->evaluation->previous_date);
  g_autofree char   *measure = NULL;
  g_autofree char   *gaps = gaps_text (map, result);
  g_autofree char   *a11y = NULL;
  gboolean           headline = is_headline (self, result);
  gboolean           editable = !sm_document_get_read_only (self->document);

  set_icon (finding->icon, rule_icon (result->status), rule_css (result->status), word);
  gtk_label_set_label (GTK_LABEL (finding->status), word);
  gtk_widget_set_visible (finding->headline, headline);
  gtk_label_set_label (GTK_LABEL (finding->message), result->message);

  if (value != NULL && trend != NULL)
    measure = g_strdup_printf ("%s\n%s", value, trend);
  else
    measure = g_strdup (value != NULL ? value : trend);
  gtk_label_set_label (GTK_LABEL (finding->measure), measure);
  gtk_widget_set_visible (finding->measure, measure != NULL);

  update_chips (finding, result);

  gtk_label_set_label (GTK_LABEL (finding->action), result->action);
  gtk_widget_set_visible (finding->action_box, result->action != NULL && *result->action != '\0' &&
                                                   result->status != SM_RULE_PASS &&
                                                   result->status != SM_RULE_NOT_APPLICABLE);
  if (gaps != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("Not recorded on the map:\n%s"), gaps);

      gtk_label_set_label (GTK_LABEL (finding->gaps), text);
    }
  gtk_widget_set_visible (finding->gaps, gaps != NULL);

  gtk_widget_set_sensitive (finding->discuss, editable);
  gtk_widget_set_sensitive (finding->differ, editable);

  a11y = g_strdup_printf (headline ? _ ("%s, %s, headline") : _ ("%s, %s"),
                          sm_rule_def_get_id (finding->rule), word);
  gtk_accessible_update_property (GTK_ACCESSIBLE (finding->frame),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, result->message,
                                  -1);
  if (!rule_is_check (finding->rule))
    update_responses (finding);
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
  set_icon (self->principle_icon, principle_icon (pr->status), principle_css (pr->status), word);
  status = pr->status == SM_PRINCIPLE_NOT_ASSESSED
               ? g_strdup (word)
               : g_strdup_printf (_ ("%s — %s"), word, sm_confidence_to_label (pr->confidence));
  gtk_label_set_label (GTK_LABEL (self->principle_status), status);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->principle_level), isnan (pr->score) ? 0 : pr->score);
  gtk_widget_set_visible (self->principle_level, !isnan (pr->score));

  /* Lens order: the lens re-orders, it never changes a status. */
  for (guint i = 0; i < self->evaluation->order->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (self->evaluation->order, i);

      for (guint j = 0; j < self->findings->len; j++)
        {
          Finding *finding = g_ptr_array_index (self->findings, j);

          if (finding->rule != r->rule)
            continue;
          update_finding (finding, r);
          gtk_box_reorder_child_after (GTK_BOX (self->findings_box), finding->frame, previous);
          previous = finding->frame;
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
      Finding         *finding;

      if (!g_str_equal (sm_rule_def_get_principle (rule), id))
        continue;
      finding = finding_new (self, rule);
      g_ptr_array_add (self->findings, finding);
      gtk_box_append (GTK_BOX (self->findings_box), finding->frame);
    }
  update_principle_page (self);
}

static Finding *lookup_finding (SmEvaluationPanel *self,
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
      Finding *finding = lookup_finding (self, rule_id);

      frame = finding != NULL ? finding->frame : NULL;
    }
  else if (self->findings->len > 0)
    frame = ((Finding *) g_ptr_array_index (self->findings, 0))->frame;

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
update_card (SmEvaluationPanel *self,
             guint              index)
{
  PrincipleCard     *card = &self->cards[index];
  SmPrincipleResult *pr = &self->evaluation->principles[index];
  SmRuleResult      *top = top_finding (self, pr->id);
  const char        *word = sm_principle_status_to_label (pr->status);
  g_autofree char   *title = g_strdup_printf (_ ("%s · %s"), pr->id, pr->name);
  g_autofree char   *status = NULL;
  g_autofree char   *checks = NULL;
  g_autofree char   *a11y = NULL;
  guint              n_pass = 0;

  for (guint i = 0; i < self->evaluation->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (self->evaluation->rules, i);

      if (r->status == SM_RULE_PASS && g_str_equal (sm_rule_def_get_principle (r->rule), pr->id))
        n_pass++;
    }

  set_icon (card->icon, principle_icon (pr->status), principle_css (pr->status), word);
  gtk_label_set_label (GTK_LABEL (card->title), title);
  status = pr->status == SM_PRINCIPLE_NOT_ASSESSED
               ? g_strdup (word)
               : g_strdup_printf (_ ("%s — %s"), word, sm_confidence_to_label (pr->confidence));
  gtk_label_set_label (GTK_LABEL (card->status), status);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (card->level), isnan (pr->score) ? 0 : pr->score);
  gtk_widget_set_visible (card->level, !isnan (pr->score));

  if (pr->n_eval == 0)
    checks = g_strdup (_ ("No checks could be made yet"));
  else
    checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u check looks OK",
                                           "%u of %u checks look OK", pr->n_eval),
                              n_pass, pr->n_eval);
  gtk_label_set_label (GTK_LABEL (card->checks), checks);
  gtk_label_set_label (GTK_LABEL (card->finding), top != NULL ? top->message : NULL);
  gtk_widget_set_visible (card->finding, top != NULL && top->message != NULL);

  /* §7.5: "was Partly met on 2026-01-10" when it has changed since the
   * results recorded at the previous snapshot of the map. */
  if (pr->previous_status >= 0 && pr->previous_status != (int) pr->status && pr->previous_date != NULL)
    {
      g_autofree char *was = g_strdup_printf (_ ("Was %s on %s"),
                                              sm_principle_status_to_label (pr->previous_status),
                                              pr->previous_date);

      gtk_label_set_label (GTK_LABEL (card->previous), was);
      gtk_widget_set_visible (card->previous, TRUE);
    }
  else
    gtk_widget_set_visible (card->previous, FALSE);

  a11y = g_strdup_printf (_ ("%s: %s. %s"), pr->name, status, checks);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, top != NULL ? top->message : "",
                                  -1);
}

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

      set_icon (icon, rule_icon (r->status), rule_css (r->status), word);
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
    update_card (self, i);
  for (guint i = 0; i < self->checks->len; i++)
    {
      Finding      *check = g_ptr_array_index (self->checks, i);
      SmRuleResult *r = result_for (self, check->rule);

      if (r != NULL)
        update_finding (check, r);
      gtk_widget_set_visible (check->frame, r != NULL);
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
  sm_evaluator_set_lens (self->evaluator, adw_combo_row_get_selected (row));
}

static void
card_activated_cb (GtkListBox        *list,
                   GtkListBoxRow     *row,
                   SmEvaluationPanel *self)
{
  show_principle (self, gtk_list_box_row_get_index (row), NULL);
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

static GtkWidget *
scrolled_page (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 24);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

/* One colour for the score whatever its size: the status word and icon
 * say how it stands, and a bar changing colour at other cut-offs than the
 * status would contradict them. */
static GtkWidget *
score_bar (void)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Score"), -1);
  return bar;
}

static GtkWidget *
build_card (SmEvaluationPanel *self,
            guint              index)
{
  PrincipleCard *card = &self->cards[index];
  GtkWidget     *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget     *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget     *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  card->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (card->row), TRUE);
  gtk_widget_add_css_class (card->row, "evaluation-card");

  card->icon = gtk_image_new ();
  gtk_image_set_icon_size (GTK_IMAGE (card->icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_valign (card->icon, GTK_ALIGN_START);

  card->title = wrapped_label ("heading");
  card->status = wrapped_label (NULL);
  card->level = score_bar ();
  card->checks = wrapped_label ("caption");
  card->finding = wrapped_label ("dim-label");
  gtk_label_set_lines (GTK_LABEL (card->finding), 4);
  gtk_label_set_ellipsize (GTK_LABEL (card->finding), PANGO_ELLIPSIZE_END);
  card->previous = wrapped_label ("caption");
  gtk_widget_add_css_class (card->previous, "dim-label");
  gtk_widget_set_visible (card->previous, FALSE);

  gtk_box_append (GTK_BOX (text), card->title);
  gtk_box_append (GTK_BOX (text), card->status);
  gtk_box_append (GTK_BOX (text), card->level);
  gtk_box_append (GTK_BOX (text), card->checks);
  gtk_box_append (GTK_BOX (text), card->finding);
  gtk_box_append (GTK_BOX (text), card->previous);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), card->icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (card->row), box);
  return card->row;
}

static GtkWidget *
build_summary_page (SmEvaluationPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *intro = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *gate_icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  GtkWidget *note = wrapped_label ("caption");
  GtkWidget *lens_group = adw_preferences_group_new ();
  GtkWidget *lens_list = gtk_list_box_new ();
  GtkWidget *cards_group = adw_preferences_group_new ();
  GtkWidget *buttons;
  GtkWidget *report;
  g_autoptr (GtkStringList) lenses = gtk_string_list_new (NULL);

  /* The gate comes first: it frames everything below it (§7.3). */
  self->gate_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->gate_box, "card");
  gtk_widget_add_css_class (self->gate_box, "evaluation-gate");
  gtk_widget_set_valign (gate_icon, GTK_ALIGN_START);
  self->gate_label = wrapped_label (NULL);
  gtk_widget_set_hexpand (self->gate_label, TRUE);
  gtk_box_append (GTK_BOX (self->gate_box), gate_icon);
  gtk_box_append (GTK_BOX (self->gate_box), self->gate_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gate_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Before anything else"), -1);

  self->summary_label = wrapped_label (NULL);
  self->index_label = wrapped_label ("caption");
  gtk_widget_add_css_class (self->index_label, "dim-label");
  gtk_label_set_label (GTK_LABEL (note),
                       _ ("Each finding is a prompt for discussion, not a verdict."));
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (intro), self->gate_box);
  gtk_box_append (GTK_BOX (intro), self->summary_label);
  gtk_box_append (GTK_BOX (intro), self->index_label);
  gtk_box_append (GTK_BOX (intro), note);
  gtk_box_append (GTK_BOX (box), intro);

  /* The lens (S1): which findings come first. */
  gtk_string_list_append (lenses, C_ ("lens", "None"));
  gtk_string_list_append (lenses, _ ("Clarification"));
  gtk_string_list_append (lenses, _ ("Elucidation"));
  gtk_string_list_append (lenses, _ ("Provocation"));
  self->lens_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lens_row), _ ("Lens"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->lens_row),
                               _ ("Puts one perspective’s findings first; results never change"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->lens_row), G_LIST_MODEL (lenses));
  g_signal_connect (self->lens_row, "notify::selected", G_CALLBACK (lens_changed_cb), self);
  gtk_widget_add_css_class (lens_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (lens_list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (lens_list), self->lens_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (lens_group), lens_list);
  gtk_box_append (GTK_BOX (box), lens_group);

  self->headlines_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->headlines_group), _ ("Headlines for This Lens"));
  self->headlines_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->headlines_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->headlines_list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->headlines_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Headlines for This Lens"), -1);
  g_signal_connect (self->headlines_list, "row-activated", G_CALLBACK (headline_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->headlines_group), self->headlines_list);
  gtk_widget_set_visible (self->headlines_group, FALSE);
  gtk_box_append (GTK_BOX (box), self->headlines_group);

  /* The seven principles (§8.1). */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (cards_group), _ ("Principles"));
  self->cards_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->cards_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->cards_list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cards_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Principles"), -1);
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->cards_list), build_card (self, i));
  g_signal_connect (self->cards_list, "row-activated", G_CALLBACK (card_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (cards_group), self->cards_list);
  gtk_box_append (GTK_BOX (box), cards_group);

  /* About this map's data (§6): not scored, they say how far to trust
   * the rest. */
  self->checks_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->checks_group), _ ("About This Map’s Data"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->checks_group),
                                         _ ("Not scored: these say how far the findings above can be trusted."));
  self->checks_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  for (guint i = 0; i < sm_checks_get_count (); i++)
    {
      Finding *check = finding_new (self, sm_checks_get (i));

      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (self->checks_box), check->frame);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->checks_group), self->checks_box);
  gtk_box_append (GTK_BOX (box), self->checks_group);

  /* Three buttons side by side would widen the panel: they wrap instead. */
  buttons = sm_wrap_box_new (12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  self->record_button = gtk_button_new_with_mnemonic (_ ("_Record Results"));
  gtk_widget_add_css_class (self->record_button, "pill");
  gtk_widget_set_tooltip_text (self->record_button,
                               _ ("Keep these results with the map’s snapshot, so later evaluations show what changed"));
  g_signal_connect_swapped (self->record_button, "clicked", G_CALLBACK (record_clicked_cb), self);
  sm_wrap_box_append (SM_WRAP_BOX (buttons), self->record_button);

  self->thresholds_button = gtk_button_new_with_mnemonic (_ ("_Thresholds…"));
  gtk_widget_add_css_class (self->thresholds_button, "pill");
  gtk_widget_set_tooltip_text (self->thresholds_button,
                               _ ("See and change the thresholds the checks use, and who changed them"));
  g_signal_connect_swapped (self->thresholds_button, "clicked", G_CALLBACK (thresholds_clicked_cb), self);
  sm_wrap_box_append (SM_WRAP_BOX (buttons), self->thresholds_button);

  report = gtk_button_new_with_mnemonic (_ ("_Export Report…"));
  gtk_widget_add_css_class (report, "pill");
  gtk_widget_set_tooltip_text (report,
                               _ ("Save a printable PDF of the map, these findings, the group’s responses and the thresholds"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (report), "win.export-report");
  sm_wrap_box_append (SM_WRAP_BOX (buttons), report);
  gtk_box_append (GTK_BOX (box), buttons);

  return scrolled_page (box);
}

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

static GtkWidget *
build_principle_page_frame (SmEvaluationPanel *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *head_text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_tooltip_text (back, _ ("All Principles"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Back to All Principles"), -1);
  gtk_widget_add_css_class (back, "flat");
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  self->principle_title = gtk_label_new (NULL);
  /* Principle names are long; two lines keep them whole in a side panel. */
  gtk_label_set_wrap (GTK_LABEL (self->principle_title), TRUE);
  gtk_label_set_lines (GTK_LABEL (self->principle_title), 2);
  gtk_label_set_justify (GTK_LABEL (self->principle_title), GTK_JUSTIFY_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (self->principle_title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->principle_title, "heading");
  gtk_widget_set_hexpand (self->principle_title, TRUE);
  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), self->principle_title);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  self->principle_icon = gtk_image_new ();
  gtk_image_set_icon_size (GTK_IMAGE (self->principle_icon), GTK_ICON_SIZE_LARGE);
  self->principle_status = wrapped_label (NULL);
  self->principle_level = score_bar ();
  gtk_box_append (GTK_BOX (head_text), self->principle_status);
  gtk_box_append (GTK_BOX (head_text), self->principle_level);
  gtk_widget_set_hexpand (head_text, TRUE);
  gtk_box_append (GTK_BOX (head), self->principle_icon);
  gtk_box_append (GTK_BOX (head), head_text);

  self->findings_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), self->findings_box);

  self->principle_scrolled = scrolled_page (box);
  gtk_box_append (GTK_BOX (page), bar);
  gtk_box_append (GTK_BOX (page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (page), self->principle_scrolled);
  return page;
}

/* Into the panel: the card last opened (or the first), or the findings. */
static gboolean
sm_evaluation_panel_grab_focus (GtkWidget *widget)
{
  SmEvaluationPanel *self = SM_EVALUATION_PANEL (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "principle") &&
      self->findings->len > 0)
    return gtk_widget_grab_focus (((Finding *) g_ptr_array_index (self->findings, 0))->frame);
  return gtk_widget_grab_focus (self->cards[MAX (self->principle, 0)].row);
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
  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_add_named (GTK_STACK (self->stack), build_summary_page (self), "summary");
  gtk_stack_add_named (GTK_STACK (self->stack), build_principle_page_frame (self), "principle");
  gtk_widget_set_vexpand (self->stack, TRUE);
  /* Empty cards say nothing: until the first result, only the progress. */
  gtk_widget_set_visible (self->stack, FALSE);

  /* Above both pages: how far a long evaluation is, and a way to stop it. */
  self->progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->progress_box, "toolbar");
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    self->progress_label = wrapped_label (NULL);
    gtk_widget_set_hexpand (self->progress_label, TRUE);
    gtk_widget_set_valign (self->progress_label, GTK_ALIGN_CENTER);
    self->progress_button = gtk_button_new_with_mnemonic (_ ("_Stop"));
    gtk_widget_set_valign (self->progress_button, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (self->progress_button, "clicked", G_CALLBACK (progress_button_clicked_cb), self);
    gtk_box_append (GTK_BOX (row), self->progress_label);
    gtk_box_append (GTK_BOX (row), self->progress_button);
    gtk_box_append (GTK_BOX (self->progress_box), row);
  }
  self->progress_bar = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Evaluating the map"), -1);
  gtk_box_append (GTK_BOX (self->progress_box), self->progress_bar);
  gtk_widget_set_visible (self->progress_box, FALSE);

  self->outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->outer), self->progress_box);
  gtk_box_append (GTK_BOX (self->outer), self->stack);
  gtk_widget_set_parent (self->outer, GTK_WIDGET (self));

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
  self->stack = NULL;
  g_clear_pointer (&self->outer, gtk_widget_unparent);
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
}

static void
sm_evaluation_panel_init (SmEvaluationPanel *self)
{
  self->principle = -1;
  self->findings = g_ptr_array_new_with_free_func (finding_free);
  self->checks = g_ptr_array_new_with_free_func (finding_free);
  self->headline_rules = g_ptr_array_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Evaluation"), -1);
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
    gtk_widget_grab_focus (self->cards[self->principle].row);
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
  return self->cards[index].row;
}

const char *
_sm_evaluation_panel_test_get_card_status (SmEvaluationPanel *self,
                                     guint              index)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  g_return_val_if_fail (index < SM_N_PRINCIPLES, NULL);
  return gtk_label_get_label (GTK_LABEL (self->cards[index].status));
}

static Finding *
lookup_finding (SmEvaluationPanel *self,
                const char        *rule_id)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "principle"))
    return NULL;
  for (guint i = 0; i < self->findings->len; i++)
    {
      Finding *finding = g_ptr_array_index (self->findings, i);

      if (g_str_equal (sm_rule_def_get_id (finding->rule), rule_id))
        return finding;
    }
  return NULL;
}

GtkWidget *
_sm_evaluation_panel_test_get_finding (SmEvaluationPanel *self,
                                 const char        *rule_id)
{
  Finding *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  return finding != NULL ? finding->frame : NULL;
}

GPtrArray *
_sm_evaluation_panel_test_dup_finding_order (SmEvaluationPanel *self)
{
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), order);
  for (GtkWidget *child = gtk_widget_get_first_child (self->findings_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    for (guint i = 0; i < self->findings->len; i++)
      {
        Finding *finding = g_ptr_array_index (self->findings, i);

        if (finding->frame == child)
          g_ptr_array_add (order, g_strdup (sm_rule_def_get_id (finding->rule)));
      }
  return order;
}

GPtrArray *
_sm_evaluation_panel_test_dup_chips (SmEvaluationPanel *self,
                               const char        *rule_id)
{
  GPtrArray *chips = g_ptr_array_new ();
  Finding   *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), chips);
  finding = lookup_finding (self, rule_id);
  if (finding == NULL)
    return chips;
  for (GtkWidget *child = gtk_widget_get_first_child (finding->chips); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (chips, child);
  return chips;
}

GtkWidget *
_sm_evaluation_panel_test_get_finding_button (SmEvaluationPanel *self,
                                        const char        *rule_id,
                                        const char        *name)
{
  Finding *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  if (finding == NULL)
    return NULL;
  if (g_strcmp0 (name, "discuss") == 0)
    return finding->discuss;
  if (g_strcmp0 (name, "differ") == 0)
    return finding->differ;
  if (g_strcmp0 (name, "more") == 0)
    return finding->more;
  return NULL;
}

GPtrArray *
_sm_evaluation_panel_test_dup_response_texts (SmEvaluationPanel *self,
                                        const char        *rule_id)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  Finding   *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), texts);
  finding = lookup_finding (self, rule_id);
  if (finding == NULL)
    return texts;
  /* Each response row: a text column (kind, text, who) and a button. */
  for (GtkWidget *row = gtk_widget_get_first_child (finding->responses); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *column = gtk_widget_get_first_child (row);
      GtkWidget *text = column != NULL ? gtk_widget_get_next_sibling (gtk_widget_get_first_child (column)) : NULL;

      if (text != NULL && GTK_IS_LABEL (text))
        g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (text))));
    }
  return texts;
}

GtkWidget *
_sm_evaluation_panel_test_get_response_remove (SmEvaluationPanel *self,
                                         const char        *rule_id,
                                         guint              index)
{
  Finding   *finding;
  GtkWidget *row;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  if (finding == NULL)
    return NULL;
  row = gtk_widget_get_first_child (finding->responses);
  for (guint i = 0; row != NULL && i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  return row != NULL ? gtk_widget_get_last_child (row) : NULL;
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
  if (!gtk_widget_get_visible (self->cards[index].previous))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->cards[index].previous));
}

const char *
_sm_evaluation_panel_test_get_finding_measure (SmEvaluationPanel *self,
                                         const char        *rule_id)
{
  Finding *finding;

  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  finding = lookup_finding (self, rule_id);
  if (finding == NULL || !gtk_widget_get_visible (finding->measure))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (finding->measure));
}

GtkWidget *
_sm_evaluation_panel_test_get_check (SmEvaluationPanel *self,
                               const char        *check_id)
{
  g_return_val_if_fail (SM_IS_EVALUATION_PANEL (self), NULL);
  for (guint i = 0; i < self->checks->len; i++)
    {
      Finding *check = g_ptr_array_index (self->checks, i);

      if (g_str_equal (sm_rule_def_get_id (check->rule), check_id))
        return check->frame;
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

/* sm-window-present.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-arrangement.h"
#include "sm-canvas.h"
#include "sm-evaluate.h"
#include "sm-legend-dock.h"
#include "sm-window-private.h"

/* Presentation mode (win.present, F5): the map shown to a room on a
 * projector. The window goes full screen with nothing but the map, drawn
 * in the high-contrast style; the keys step through the arrangements and
 * then through the evaluation's findings that have evidence, each with
 * its evidence lit up, and a caption at the bottom says where the room
 * is. Nothing can be edited. Leaving puts back everything as it was, and
 * the map was never touched: nothing to save, nothing to undo. */

typedef struct
{
  const SmArrangementInfo *arrangement; /* NULL: a finding */
  char                    *rule_id;
  char                    *text; /* what the caption says, before "· 2 of 14" */
} Step;

struct _SmPresentation
{
  GtkWidget *caption;
  GtkWidget *caption_title;
  GtkWidget *caption_count;
  GtkWidget *caption_hint;
  char      *caption_text; /* both, as one line: for tests */

  GArray *steps; /* Step */
  guint   current;
  gulong  evaluation_handler;
  gulong  legend_handler;

  /* What leaving puts back. */
  gboolean was_fullscreen;
  gboolean was_maximized;
  gboolean header_visible;
  gboolean side_visible;
  gboolean zoom_bar_visible;
  gboolean legend_visible;
  char    *view;
  char    *arrangement;
  double   scale, centre_x, centre_y;
  GStrv    selection;
  gboolean evaluator_active;
  char    *highlight_rule;
};

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_free (step->rule_id);
  g_free (step->text);
}

/* The window goes away, presenting or not. */
void
_sm_window_present_dispose (SmWindow *self)
{
  SmPresentation *pr = g_steal_pointer (&self->presentation);

  if (pr == NULL)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&pr->evaluation_handler, sm_document_get_evaluator (self->document));
  g_clear_pointer (&pr->steps, g_array_unref);
  g_free (pr->view);
  g_free (pr->arrangement);
  g_strfreev (pr->selection);
  g_free (pr->highlight_rule);
  g_free (pr->caption_text);
  g_free (pr);
}

/* The header bar is the first child of the window's content. */
static GtkWidget *
get_header_bar (SmWindow *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
  GtkWidget *header = content != NULL ? gtk_widget_get_first_child (content) : NULL;

  g_assert (ADW_IS_HEADER_BAR (header));
  return header;
}

static char *
without_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The principle a rule belongs to, by its index in the evaluation. */
static int
principle_index (const SmRuleDef *rule)
{
  const char *id = sm_rule_def_get_principle (rule);

  if (id == NULL || id[0] != 'P' || id[1] < '1' || id[1] > '0' + SM_N_PRINCIPLES || id[2] != '\0')
    return -1;
  return id[1] - '1';
}

/* Every arrangement in the registry's order, then every finding with
 * evidence, principle by principle in the order the evaluation panel
 * lists them (the lens's). */
static void
build_steps (SmWindow *self)
{
  SmPresentation                 *pr = self->presentation;
  SmEvaluator                    *evaluator = sm_document_get_evaluator (self->document);
  SmEvaluation                   *evaluation = sm_evaluator_get_evaluation (evaluator);
  const SmArrangementInfo *const *all;
  guint                           n = 0;

  g_array_set_size (pr->steps, 0);
  all = sm_arrangements_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      Step step = { all[i], NULL, without_mnemonic (_ (sm_arrangement_info_get_label (all[i]))) };

      g_array_append_val (pr->steps, step);
    }
  if (evaluation == NULL || evaluation->order == NULL)
    return;
  for (int p = 0; p < SM_N_PRINCIPLES; p++)
    for (guint i = 0; i < evaluation->order->len; i++)
      {
        SmRuleResult *r = g_ptr_array_index (evaluation->order, i);
        Step          step = { NULL };

        if (principle_index (r->rule) != p || r->evidence == NULL || r->evidence->len == 0)
          continue;
        step.rule_id = g_strdup (sm_rule_def_get_id (r->rule));
        /* TRANSLATORS: a finding in the caption of presentation mode:
         * the principle, the finding's question, its status */
        step.text = g_strdup_printf (_ ("%s: %s — %s"), evaluation->principles[p].name,
                                     sm_rule_def_get_question (r->rule), sm_rule_status_to_label (r->status));
        g_array_append_val (pr->steps, step);
      }
}

static void
update_caption (SmWindow *self)
{
  SmPresentation  *pr = self->presentation;
  Step            *step;
  g_autofree char *count = NULL;

  if (pr->current >= pr->steps->len)
    return;
  step = &g_array_index (pr->steps, Step, pr->current);
  /* TRANSLATORS: in presentation mode, which step of how many: "2 of 14" */
  count = g_strdup_printf (_ ("%u of %u"), pr->current + 1, pr->steps->len);
  gtk_label_set_label (GTK_LABEL (pr->caption_title), step->text);
  gtk_label_set_label (GTK_LABEL (pr->caption_count), count);
  g_free (pr->caption_text);
  pr->caption_text = g_strdup_printf ("%s · %s", step->text, count);
}

/* Where a finding's evidence is drawn: on the map, unless it is only
 * spaces and decisions, which are drawn in the Power Cube. */
static const char *
evidence_arrangement (SmEvaluation *evaluation,
                      const char   *rule_id)
{
  SmRuleResult *r = evaluation != NULL ? sm_evaluation_lookup (evaluation, rule_id) : NULL;

  if (r == NULL || r->evidence == NULL)
    return "map";
  for (guint i = 0; i < r->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (r->evidence, i);

      if (g_strcmp0 (e->type, "space") != 0 && g_strcmp0 (e->type, "decision") != 0)
        return "map";
    }
  return sm_arrangement_find ("power-cube") != NULL ? "power-cube" : "map";
}

static void
show_step (SmWindow *self)
{
  SmPresentation *pr = self->presentation;
  SmCanvas       *canvas = SM_CANVAS (self->canvas);
  SmEvaluator    *evaluator = sm_document_get_evaluator (self->document);
  Step           *step;

  if (pr->current >= pr->steps->len)
    return;
  step = &g_array_index (pr->steps, Step, pr->current);
  /* First the caption, whose height the fitting keeps clear of. */
  update_caption (self);
  if (step->arrangement != NULL)
    {
      sm_evaluator_set_highlight_rule (evaluator, NULL);
      sm_canvas_set_arrangement (canvas, sm_arrangement_info_get_id (step->arrangement));
      sm_canvas_fit_records (canvas, NULL);
    }
  else
    {
      sm_canvas_set_arrangement (canvas, evidence_arrangement (sm_evaluator_get_evaluation (evaluator), step->rule_id));
      sm_evaluator_set_highlight_rule (evaluator, step->rule_id);
      sm_canvas_fit_records (canvas, sm_evaluator_get_highlight (evaluator));
    }
}

/* A new evaluation landed (the first one, often): its findings join the
 * sequence; the step shown stays. */
static void
evaluation_cb (SmWindow *self)
{
  SmPresentation          *pr = self->presentation;
  g_autofree char         *rule_id = NULL;
  SmArrangementInfo const *arrangement = NULL;

  if (pr->current < pr->steps->len)
    {
      Step *step = &g_array_index (pr->steps, Step, pr->current);

      arrangement = step->arrangement;
      rule_id = g_strdup (step->rule_id);
    }
  build_steps (self);
  for (guint i = 0; i < pr->steps->len; i++)
    {
      Step *step = &g_array_index (pr->steps, Step, i);

      if ((arrangement != NULL && step->arrangement == arrangement) ||
          (rule_id != NULL && g_strcmp0 (step->rule_id, rule_id) == 0))
        {
          pr->current = i;
          update_caption (self);
          return;
        }
    }
  /* The finding shown has no evidence any more. */
  pr->current = MIN (pr->current, pr->steps->len - 1);
  show_step (self);
}

static void
keep_legend_hidden_cb (GtkWidget *legend)
{
  if (gtk_widget_get_visible (legend))
    gtk_widget_set_visible (legend, FALSE);
}

static GtkWidget *
ensure_caption (SmWindow *self)
{
  SmPresentation *pr = self->presentation;
  GtkWidget      *box;

  if (pr->caption != NULL)
    return pr->caption;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (box, "presentation-caption");
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_halign (box, GTK_ALIGN_FILL);
  /* Clicks go through to the map, which can be panned and zoomed. */
  gtk_widget_set_can_target (box, FALSE);
  pr->caption_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (pr->caption_title, "caption-title");
  gtk_label_set_wrap (GTK_LABEL (pr->caption_title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (pr->caption_title), 0);
  gtk_widget_set_hexpand (pr->caption_title, TRUE);
  gtk_box_append (GTK_BOX (box), pr->caption_title);
  pr->caption_count = gtk_label_new (NULL);
  gtk_widget_add_css_class (pr->caption_count, "caption-title");
  gtk_widget_add_css_class (pr->caption_count, "numeric");
  gtk_box_append (GTK_BOX (box), pr->caption_count);
  pr->caption_hint = gtk_label_new (_ ("Press Esc to leave"));
  gtk_widget_add_css_class (pr->caption_hint, "caption-hint");
  gtk_widget_set_valign (pr->caption_hint, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), pr->caption_hint);
  gtk_widget_set_visible (box, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->map_overlay), box);
  /* The map keeps clear of it. */
  sm_canvas_add_overlay (SM_CANVAS (self->canvas), box);
  pr->caption = box;
  return box;
}

static void
enter (SmWindow *self)
{
  SmPresentation  *pr = self->presentation;
  SmCanvas        *canvas = SM_CANVAS (self->canvas);
  SmEvaluator     *evaluator = sm_document_get_evaluator (self->document);
  SmSelection     *selection = sm_document_get_selection (self->document);
  const GPtrArray *ids = sm_selection_get_ids (selection);
  GtkWidget       *header = get_header_bar (self);
  const char      *arrangement;

  /* What was there, to put back. */
  pr->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
  pr->was_maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  pr->header_visible = gtk_widget_get_visible (header);
  pr->side_visible = gtk_widget_get_visible (self->side);
  pr->zoom_bar_visible = gtk_widget_get_visible (self->zoom_bar);
  pr->legend_visible = gtk_widget_get_visible (self->legend_dock);
  g_free (pr->view);
  pr->view = g_strdup (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->views)));
  g_free (pr->arrangement);
  pr->arrangement = g_strdup (sm_canvas_get_arrangement (canvas));
  sm_canvas_get_view (canvas, &pr->scale, &pr->centre_x, &pr->centre_y);
  g_strfreev (pr->selection);
  pr->selection = g_new0 (char *, ids->len + 1);
  for (guint i = 0; i < ids->len; i++)
    pr->selection[i] = g_strdup (g_ptr_array_index (ids, i));
  pr->evaluator_active = sm_evaluator_get_active (evaluator);
  g_free (pr->highlight_rule);
  pr->highlight_rule = g_strdup (sm_evaluator_get_highlight_rule (evaluator));

  /* Nothing but the map. The legend's small print cannot be read from
   * the back of the room, and the bottom edge is the caption's. */
  gtk_widget_set_visible (header, FALSE);
  gtk_widget_set_visible (self->side, FALSE);
  gtk_widget_set_visible (self->zoom_bar, FALSE);
  gtk_widget_set_visible (self->legend_dock, FALSE);
  pr->legend_handler = g_signal_connect (self->legend_dock, "notify::visible", G_CALLBACK (keep_legend_hidden_cb),
                                         NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->views), "map");
  /* The selection's rings would read as a finding. */
  sm_selection_clear (selection);

  self->presenting = TRUE;
  sm_canvas_set_presenting (canvas, TRUE);
  _sm_window_update_actions (self);
  /* The findings are read, so the evaluation follows the map. */
  sm_evaluator_set_active (evaluator, TRUE);
  pr->evaluation_handler = g_signal_connect_swapped (evaluator, "notify::evaluation", G_CALLBACK (evaluation_cb),
                                                     self);

  build_steps (self);
  pr->current = 0;
  arrangement = sm_canvas_get_arrangement (canvas);
  for (guint i = 0; i < pr->steps->len; i++)
    if (g_array_index (pr->steps, Step, i).arrangement != NULL &&
        g_strcmp0 (sm_arrangement_info_get_id (g_array_index (pr->steps, Step, i).arrangement), arrangement) == 0)
      pr->current = i;
  gtk_widget_set_visible (ensure_caption (self), TRUE);
  show_step (self);
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->canvas);
}

static void
leave (SmWindow *self)
{
  SmPresentation *pr = self->presentation;
  SmCanvas       *canvas = SM_CANVAS (self->canvas);
  SmEvaluator    *evaluator = sm_document_get_evaluator (self->document);

  self->presenting = FALSE;
  g_clear_signal_handler (&pr->evaluation_handler, evaluator);
  sm_canvas_set_presenting (canvas, FALSE);
  gtk_widget_set_visible (pr->caption, FALSE);

  /* The arrangement and the view the user had, by the map point at the
   * middle: it stays there as the window gets its size back. */
  sm_canvas_set_arrangement (canvas, pr->arrangement);
  sm_canvas_set_view (canvas, pr->scale, pr->centre_x, pr->centre_y);

  g_clear_signal_handler (&pr->legend_handler, self->legend_dock);
  gtk_widget_set_visible (self->legend_dock, pr->legend_visible);
  gtk_widget_set_visible (self->zoom_bar, pr->zoom_bar_visible);
  gtk_widget_set_visible (self->side, pr->side_visible);
  gtk_widget_set_visible (get_header_bar (self), pr->header_visible);
  if (pr->view != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->views), pr->view);

  /* The evidence lit up before, if any: after the panel is back, since a
   * panel leaving the screen puts it out. */
  sm_evaluator_set_active (evaluator, pr->evaluator_active);
  sm_evaluator_set_highlight_rule (evaluator, pr->evaluator_active ? pr->highlight_rule : NULL);
  self->keep_side_page = TRUE;
  sm_selection_set (sm_document_get_selection (self->document), (const char *const *) pr->selection);
  self->keep_side_page = FALSE;
  _sm_window_update_actions (self);

  if (!pr->was_fullscreen)
    gtk_window_unfullscreen (GTK_WINDOW (self));
  if (pr->was_maximized)
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
present_change_state_cb (GSimpleAction *action,
                         GVariant      *state,
                         SmWindow      *self)
{
  gboolean on = g_variant_get_boolean (state);

  if (on == self->presenting)
    return;
  g_simple_action_set_state (action, state);
  if (on)
    enter (self);
  else
    leave (self);
}

static void
set_presenting (SmWindow *self,
                gboolean  on)
{
  g_action_group_change_action_state (G_ACTION_GROUP (self), "present", g_variant_new_boolean (on));
}

/* The room's keys: forwards, backwards, first, last, and Esc leaves.
 * Runs before the canvas sees them, and only while presenting. */
gboolean
_sm_window_present_key (SmWindow       *self,
                        guint           keyval,
                        GdkModifierType state)
{
  SmPresentation *pr = self->presentation;
  guint           target;

  if (pr == NULL || !self->presenting || pr->steps->len == 0)
    return FALSE;
  /* Ctrl+plus and the like still zoom. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  target = pr->current;
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (target + 1 < pr->steps->len)
        target++;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
      if (target > 0)
        target--;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = pr->steps->len - 1;
      break;
    case GDK_KEY_Escape:
      set_presenting (self, FALSE);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_Insert:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_F2:
      /* Nothing is edited in front of the room. */
      return TRUE;
    default:
      return FALSE;
    }
  if (target != pr->current)
    {
      pr->current = target;
      show_step (self);
    }
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SmWindow              *self)
{
  return _sm_window_present_key (self, keyval, state);
}

void
_sm_window_present_init (SmWindow *self)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new_stateful ("present", NULL, g_variant_new_boolean (FALSE));
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->presentation = g_new0 (SmPresentation, 1);
  self->presentation->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->presentation->steps, step_clear);
  g_signal_connect_object (action, "change-state", G_CALLBACK (present_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
_sm_window_class_present_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
}

/* Test hooks */

const char *
_sm_window_test_get_present_caption (SmWindow *self)
{
  if (self->presentation->caption == NULL || !gtk_widget_get_visible (self->presentation->caption))
    return NULL;
  return self->presentation->caption_text;
}

guint
_sm_window_test_get_present_steps (SmWindow *self)
{
  return self->presentation->steps->len;
}

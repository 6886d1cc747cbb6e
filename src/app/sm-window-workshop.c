/* sm-window-workshop.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Start a Workshop: Net-Map's interview on the live map, one step at a
 * time. A bar over the map says which step the group is on, with Back,
 * Skip and Next; the side panel's Workshop page says what to do and holds
 * the step's own controls, and the part of the window to work in is
 * outlined. Every edit is a command like any other; moving between steps
 * records the step reached in the map (sm-workshop.h), so the workshop
 * resumes where it stopped. Leaving puts the view back as it was and
 * changes nothing in the map. Each step's controls are in
 * sm-workshop-steps.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-canvas.h"
#include "sm-preferences.h"
#include "sm-window-workshop-private.h"

/* Records the step reached in the map, as one step of the history. */
static void
record_step (SmWindow *self)
{
  sm_history_break_merge (sm_document_get_history (self->document));
  push (self, sm_workshop_build_command (&self->guide->state, guide_map (self)));
  sm_history_break_merge (sm_document_get_history (self->document));
}

/* The step on screen */

static void
remember_sizes (SmGuide *g,
                SmMap   *map)
{
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    g->built_sizes[kind] = sm_collection_get_size (sm_map_get_collection (map, kind));
}

static void
update_words (SmWindow *self)
{
  SmGuide         *g = self->guide;
  int              index = sm_workshop_get_index (&g->state);
  g_autofree char *bar = NULL;
  g_autofree char *progress = sm_workshop_dup_progress (guide_map (self), g->state.step);

  /* Translators: "Workshop, step 2 of 7: Who is involved". */
  bar = g_strdup_printf (_ ("Workshop, step %d of %u: %s"), index + 1, g->state.n_steps,
                         sm_workshop_step_get_title (g->state.step));
  gtk_label_set_text (GTK_LABEL (g->bar_label), bar);
  gtk_label_set_text (GTK_LABEL (g->bar_task), sm_workshop_step_get_task (g->state.step));
  gtk_widget_set_visible (g->bar_task, gtk_stack_get_visible_child (GTK_STACK (self->side_stack)) != g->page);
  gtk_label_set_text (GTK_LABEL (g->progress_label), progress);
  gtk_widget_set_visible (g->progress_label, *progress != '\0');

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-back", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-next", (guint) index + 1 < g->state.n_steps);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-skip", (guint) index + 1 < g->state.n_steps);
}

static void
step_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       SmWindow      *self)
{
  SmWorkshopStep step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sm-step"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.workshop-go", "s", sm_workshop_step_get_id (step));
}

static void
build_steps_list (SmWindow *self)
{
  SmGuide   *g = self->guide;
  GtkWidget *child;
  int        index = sm_workshop_get_index (&g->state);

  while ((child = gtk_widget_get_first_child (g->steps_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (g->steps_box), child);
  for (guint i = 0; i < g->state.n_steps; i++)
    {
      SmWorkshopStep   step = g->state.steps[i];
      const char      *state = sm_workshop_is_skipped (&g->state, step) ? _ ("Skipped: choose to go back to it")
                               : (int) i == index                       ? _ ("You are here")
                               : (int) i < index                        ? _ ("Done")
                                                                        : NULL;
      g_autofree char *title = g_strdup_printf (_ ("%u. %s"), i + 1, sm_workshop_step_get_title (step));
      GtkWidget       *row = _sm_workshop_new_row (title, state);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "sm-step", GUINT_TO_POINTER (step));
      if ((int) i == index)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (g->steps_box), row);
    }
}

void
_sm_workshop_build_step (SmWindow *self)
{
  SmGuide   *g = self->guide;
  SmMap     *map = guide_map (self);
  GtkWidget *child;

  g_ptr_array_set_size (g->bound, 0);
  g_hash_table_remove_all (g->keyed);
  g->name_entry = g->first_entry = g->link_kind = g->link_from = g->link_to = g->goal_choice = NULL;
  _sm_workshop_set_focus (self, NULL);
  while ((child = gtk_widget_get_first_child (g->controls)) != NULL)
    gtk_box_remove (GTK_BOX (g->controls), child);

  gtk_label_set_text (GTK_LABEL (g->title_label), sm_workshop_step_get_title (g->state.step));
  gtk_label_set_text (GTK_LABEL (g->task_label), sm_workshop_step_get_task (g->state.step));
  switch (g->state.step)
    {
    case SM_WORKSHOP_QUESTION:
      _sm_workshop_build_question (self);
      break;
    case SM_WORKSHOP_WHO:
      _sm_workshop_build_who (self);
      break;
    case SM_WORKSHOP_LINKS:
      _sm_workshop_build_links (self);
      break;
    case SM_WORKSHOP_INFLUENCE:
      _sm_workshop_build_influence (self);
      break;
    case SM_WORKSHOP_GOALS:
      _sm_workshop_build_goals (self);
      break;
    case SM_WORKSHOP_POWER:
      _sm_workshop_build_power (self);
      break;
    case SM_WORKSHOP_EVALUATION:
    case SM_WORKSHOP_N_STEPS:
    default:
      _sm_workshop_build_evaluation (self);
      break;
    }
  if (g->name_entry != NULL)
    g_hash_table_insert (g->keyed, g_strdup ("entry"), g->name_entry);
  if (g->first_entry != NULL)
    g_hash_table_insert (g->keyed, g_strdup ("first"), g->first_entry);
  if (g->goal_choice != NULL)
    g_hash_table_insert (g->keyed, g_strdup ("goal"), g->goal_choice);
  if (g->first_entry == NULL && g->name_entry == NULL && g->bound->len > 0)
    g->first_entry = ((Bound *) g_ptr_array_index (g->bound, 0))->widget;
  remember_sizes (g, map);
  build_steps_list (self);
  update_words (self);
}

/* Shows the step reached: its view of the map and its page. */
static void
show_step (SmWindow *self,
           gboolean  focus)
{
  SmGuide *g = self->guide;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->views), "map");
  sm_canvas_set_arrangement (SM_CANVAS (self->canvas), sm_workshop_step_get_arrangement (g->state.step));
  _sm_workshop_build_step (self);
  gtk_widget_set_visible (self->side, TRUE);
  if (g->state.step == SM_WORKSHOP_EVALUATION)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-panel", "s", "evaluation");
  else
    gtk_stack_set_visible_child (GTK_STACK (self->side_stack), g->page);
  if (focus && (g->first_entry != NULL || g->name_entry != NULL))
    gtk_widget_grab_focus (g->first_entry != NULL ? g->first_entry : g->name_entry);
}

static gboolean
refresh_cb (gpointer data)
{
  SmWindow  *self = data;
  SmGuide   *g = self->guide;
  SmMap     *map = guide_map (self);
  SmWorkshop stored;
  gboolean   rebuild = FALSE;
  JsonNode  *goals;

  g->refresh = 0;
  /* Undo may take the group back a step. */
  if (sm_record_get_value (sm_map_get_metadata (map), "workshop") != NULL && !sm_workshop_equal_map (&g->state, map))
    {
      sm_workshop_init (&stored, map, NULL);
      g->state = stored;
      show_step (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    if (g->built_sizes[kind] != sm_collection_get_size (sm_map_get_collection (map, kind)))
      rebuild = TRUE;
  goals = sm_record_get_value (sm_map_get_metadata (map), "goals");
  if (g->state.step == SM_WORKSHOP_GOALS &&
      g->built_goals != (goals != NULL && JSON_NODE_HOLDS_ARRAY (goals) ? json_array_get_length (json_node_get_array (goals)) : 0))
    rebuild = TRUE;

  if (rebuild)
    {
      GtkWidget       *focus = gtk_root_get_focus (GTK_ROOT (self));
      const char      *key = NULL;
      g_autofree char *text = g->name_entry != NULL ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (g->name_entry))) : NULL;
      GHashTableIter   iter;
      gpointer         k, widget;

      /* The control that had the focus has it again after the rebuild:
       * the group goes on typing names or linking pairs. */
      g_hash_table_iter_init (&iter, g->keyed);
      while (focus != NULL && key == NULL && g_hash_table_iter_next (&iter, &k, &widget))
        if (focus == widget || gtk_widget_is_ancestor (focus, widget))
          key = g_intern_string (k);
      _sm_workshop_build_step (self);
      if (g->name_entry != NULL && text != NULL)
        gtk_editable_set_text (GTK_EDITABLE (g->name_entry), text);
      if (key != NULL && (widget = g_hash_table_lookup (g->keyed, key)) != NULL)
        gtk_widget_grab_focus (widget);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < g->bound->len; i++)
    _sm_workshop_bound_show (g_ptr_array_index (g->bound, i));
  update_words (self);
  return G_SOURCE_REMOVE;
}

static void
map_changed_cb (SmWindow *self)
{
  if (self->guide != NULL && self->guide->refresh == 0)
    /* Before the next frame is drawn, so the panel and the map change
     * together. */
    self->guide->refresh = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_cb, self, NULL);
}

static GtkWidget *
build_bar (SmWindow *self)
{
  static const struct
  {
    const char *label;
    const char *action;
    const char *tip;
  } buttons[] = {
    { N_ ("_Back"), "win.workshop-back", N_ ("Go back a step (Alt+Page Up)") },
    { N_ ("S_kip"), "win.workshop-skip", N_ ("Leave this step for later and go on") },
    { N_ ("_Next"), "win.workshop-next", N_ ("Go on to the next step (Alt+Page Down)") },
    { N_ ("_Leave Workshop"), "win.workshop-leave", N_ ("Stop the workshop; the map keeps everything the group did") },
  };
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text;

  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "workshop-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Workshop"), -1);
  gtk_box_append (GTK_BOX (bar), gtk_image_new_from_icon_name ("system-users-symbolic"));
  self->guide->bar_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->guide->bar_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->guide->bar_label), 0);
  gtk_widget_set_hexpand (self->guide->bar_label, TRUE);
  gtk_widget_add_css_class (self->guide->bar_label, "heading");
  self->guide->bar_task = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->guide->bar_task), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->guide->bar_task), 0);
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), self->guide->bar_label);
  gtk_box_append (GTK_BOX (text), self->guide->bar_task);
  gtk_box_append (GTK_BOX (bar), text);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_ (buttons[i].label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_widget_set_tooltip_text (button, _ (buttons[i].tip));
      if (g_str_equal (buttons[i].action, "win.workshop-next"))
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (bar), button);
    }
  return bar;
}

static GtkWidget *
build_page (SmWindow *self)
{
  SmGuide   *g = self->guide;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);

  g->title_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (g->title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (g->title_label), 0);
  gtk_widget_add_css_class (g->title_label, "title-3");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_RELATION_LABELLED_BY, g->title_label, NULL, -1);
  gtk_box_append (GTK_BOX (box), g->title_label);
  g->task_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (g->task_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (g->task_label), 0);
  gtk_box_append (GTK_BOX (box), g->task_label);
  g->progress_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (g->progress_label), 0);
  gtk_widget_add_css_class (g->progress_label, "dim-label");
  gtk_box_append (GTK_BOX (box), g->progress_label);

  g->controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), g->controls);

  gtk_box_append (GTK_BOX (box), _sm_workshop_heading (_ ("Steps")));
  g->steps_box = _sm_workshop_new_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (g->steps_box), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Workshop steps"), -1);
  g_signal_connect (g->steps_box, "row-activated", G_CALLBACK (step_row_activated_cb), self);
  gtk_box_append (GTK_BOX (box), g->steps_box);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  return scrolled;
}

static void
start (SmWindow *self)
{
  SmGuide *g;
  g_auto(GStrv) steps = sm_preferences_dup_workshop_steps ();
  GtkWidget *content;

  g = self->guide = g_new0 (SmGuide, 1);
  g->window = self;
  g->bound = g_ptr_array_new_with_free_func (_sm_workshop_bound_free);
  g->keyed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->ids = g_ptr_array_new_with_free_func (g_free);
  sm_workshop_init (&g->state, guide_map (self), (const char *const *) steps);
  g->page_before = g_strdup (gtk_stack_get_visible_child_name (GTK_STACK (self->side_stack)));
  g->arrangement_before = g_strdup (sm_canvas_get_arrangement (SM_CANVAS (self->canvas)));

  g->bar = build_bar (self);
  content = gtk_widget_get_parent (self->changed_bar);
  gtk_box_insert_child_after (GTK_BOX (content), g->bar, gtk_widget_get_prev_sibling (self->changed_bar));
  g->page = build_page (self);
  gtk_stack_add_titled (GTK_STACK (self->side_stack), g->page, "workshop", _ ("Workshop"));
  g->map_handler = g_signal_connect_swapped (guide_map (self), "changed", G_CALLBACK (map_changed_cb), self);
  g->page_handler = g_signal_connect_swapped (self->side_stack, "notify::visible-child", G_CALLBACK (map_changed_cb), self);
  _sm_window_update_actions (self);
  show_step (self, TRUE);
}

static void
guide_free (SmGuide *g)
{
  g_clear_handle_id (&g->refresh, g_source_remove);
  g_clear_pointer (&g->bound, g_ptr_array_unref);
  g_clear_pointer (&g->keyed, g_hash_table_unref);
  g_clear_pointer (&g->ids, g_ptr_array_unref);
  g_clear_object (&g->focus);
  g_free (g->goal);
  g_free (g->link_category);
  g_free (g->from_id);
  g_free (g->to_id);
  g_free (g->page_before);
  g_free (g->arrangement_before);
  g_free (g);
}

static void
leave (SmWindow *self)
{
  SmGuide *g = self->guide;
  gboolean shown;

  if (g == NULL)
    return;
  _sm_workshop_set_focus (self, NULL);
  g_clear_signal_handler (&g->map_handler, guide_map (self));
  g_clear_signal_handler (&g->page_handler, self->side_stack);
  g_clear_handle_id (&g->refresh, g_source_remove);
  g_ptr_array_set_size (g->bound, 0);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (g->bar)), g->bar);
  shown = gtk_stack_get_visible_child (GTK_STACK (self->side_stack)) == g->page;
  gtk_stack_remove (GTK_STACK (self->side_stack), g->page);
  if (shown && g->page_before != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), g->page_before);
  sm_canvas_set_link_category (SM_CANVAS (self->canvas), NULL);
  if (g->arrangement_before != NULL)
    sm_canvas_set_arrangement (SM_CANVAS (self->canvas), g->arrangement_before);
  self->guide = NULL;
  guide_free (g);
  _sm_window_update_actions (self);
  gtk_widget_grab_focus (self->canvas);
}

void
_sm_window_workshop_dispose (SmWindow *self)
{
  SmGuide *g = g_steal_pointer (&self->guide);

  if (g == NULL)
    return;
  if (g->map_handler != 0 && self->document != NULL)
    g_signal_handler_disconnect (sm_document_get_map (self->document), g->map_handler);
  if (g->page_handler != 0 && self->side_stack != NULL)
    g_signal_handler_disconnect (self->side_stack, g->page_handler);
  guide_free (g);
}

/* Actions */

static void
go_to (SmWindow      *self,
       SmWorkshopStep step,
       gboolean       skipping)
{
  SmGuide *g = self->guide;

  if (g == NULL || !sm_workshop_has_step (&g->state, step))
    return;
  /* What was typed and not yet entered counts. */
  if (g->state.step == SM_WORKSHOP_QUESTION && gtk_widget_get_first_child (g->controls) != NULL)
    {
      GtkWidget *box = gtk_widget_get_first_child (g->controls);

      _sm_workshop_question_apply (GTK_EDITABLE (gtk_widget_get_last_child (box)), self);
    }
  sm_workshop_go_to (&g->state, step, skipping);
  record_step (self);
  show_step (self, TRUE);
}

static void
workshop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  if (self->guide != NULL)
    show_step (self, TRUE);
  else
    start (self);
}

static void
workshop_leave_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  leave (SM_WINDOW (widget));
}

static void
workshop_move_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  SmGuide  *g = self->guide;
  int       index, to;

  if (g == NULL)
    return;
  index = sm_workshop_get_index (&g->state);
  to = g_str_equal (action_name, "win.workshop-back") ? index - 1 : index + 1;
  if (to < 0 || (guint) to >= g->state.n_steps)
    return;
  go_to (self, g->state.steps[to], g_str_equal (action_name, "win.workshop-skip"));
}

static void
workshop_go_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SmWorkshopStep step;

  if (sm_workshop_step_from_id (g_variant_get_string (parameter, NULL), &step))
    go_to (SM_WINDOW (widget), step, FALSE);
}

void
_sm_window_class_workshop_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.workshop", NULL, workshop_action);
  gtk_widget_class_install_action (widget_class, "win.workshop-leave", NULL, workshop_leave_action);
  gtk_widget_class_install_action (widget_class, "win.workshop-back", NULL, workshop_move_action);
  gtk_widget_class_install_action (widget_class, "win.workshop-next", NULL, workshop_move_action);
  gtk_widget_class_install_action (widget_class, "win.workshop-skip", NULL, workshop_move_action);
  gtk_widget_class_install_action (widget_class, "win.workshop-go", "s", workshop_go_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "win.workshop-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "win.workshop-back", NULL);
}

/* Test hooks */

SmWorkshopStep
_sm_window_test_get_workshop_step (SmWindow *self)
{
  return self->guide != NULL ? self->guide->state.step : SM_WORKSHOP_N_STEPS;
}

GtkWidget *
_sm_window_test_get_workshop_controls (SmWindow *self)
{
  return self->guide != NULL ? self->guide->controls : NULL;
}

GtkWidget *
_sm_window_test_get_workshop_focus (SmWindow *self)
{
  return self->guide != NULL ? self->guide->focus : NULL;
}

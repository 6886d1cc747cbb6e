/* sm-canvas-input.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the canvas is driven: clicks, drags (move, connect, rubber band,
 * pan), hover, scroll, pinch and the keyboard, and the edits they make:
 * select, delete, connect, nudge. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-move-command.h"

#define NUDGE_PX 2.0      /* arrow keys move selected stakeholders this far on screen… */
#define NUDGE_BIG_PX 20.0 /* …and this far with Shift */
#define PAN_PX 60.0
#define WHEEL_PX 50.0 /* one notch of a mouse wheel pans this far */

/* Selection and editing commands */

static void
remember_focus (SmCanvas   *self,
                const char *id)
{
  _sm_canvas_set_string (&self->focus_id, id);
  _sm_canvas_redraw (self);
}

static void
select_all (SmCanvas *self)
{
  SmCollection           *people = sm_map_get_stakeholders (self->map);
  guint                   n = sm_collection_get_size (people);
  g_autofree const char **ids = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = sm_record_get_id (sm_collection_get (people, i));
  sm_selection_set (self->selection, ids);
}

void
_sm_canvas_delete_selection (SmCanvas *self)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  g_autofree char *title = NULL;
  SmCommand       *group;
  guint            n;

  if (_sm_canvas_is_read_only (self))
    return;
  people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  links = sm_selection_dup_records (self->selection, SM_RECORD_RELATIONSHIP);
  notes = sm_selection_dup_records (self->selection, SM_RECORD_ANNOTATION);
  regions = sm_selection_dup_records (self->selection, SM_RECORD_REGION);
  n = people->len + links->len + notes->len + regions->len;
  if (n == 0)
    return;

  if (n == 1)
    title = NULL; /* the one removal names the step */
  else if (n == people->len)
    title = g_strdup_printf (ngettext ("Delete %u Stakeholder", "Delete %u Stakeholders", n), n);
  else if (n == links->len)
    title = g_strdup_printf (ngettext ("Delete %u Relationship", "Delete %u Relationships", n), n);
  else if (n == notes->len)
    title = g_strdup_printf (ngettext ("Delete %u Note", "Delete %u Notes", n), n);
  else if (n == regions->len)
    title = g_strdup_printf (ngettext ("Delete %u Region", "Delete %u Regions", n), n);
  else
    title = g_strdup_printf (ngettext ("Delete %u Item", "Delete %u Items", n), n);

  /* Relationships and notes first: a stakeholder's removal takes its
   * relationships with it and clears the notes about it, and nothing may
   * be removed twice. */
  group = sm_command_new_group (title);
  for (guint i = 0; i < links->len; i++)
    sm_command_group_add (group, sm_command_new_remove (self->map, g_ptr_array_index (links, i)));
  for (guint i = 0; i < notes->len; i++)
    sm_command_group_add (group, sm_command_new_remove (self->map, g_ptr_array_index (notes, i)));
  /* Removing a region leaves the stakeholders in it where they are. */
  for (guint i = 0; i < regions->len; i++)
    sm_command_group_add (group, sm_command_new_remove (self->map, g_ptr_array_index (regions, i)));
  for (guint i = 0; i < people->len; i++)
    sm_command_group_add (group, sm_command_new_remove (self->map, g_ptr_array_index (people, i)));
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, group);
}

static gboolean
connect (SmCanvas   *self,
         const char *source,
         const char *target)
{
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *id = NULL;

  if (_sm_canvas_is_read_only (self) || source == NULL || target == NULL || strcmp (source, target) == 0 ||
      _sm_canvas_lookup_stakeholder (self, source) == NULL || _sm_canvas_lookup_stakeholder (self, target) == NULL)
    return FALSE;

  id = sm_map_make_id (self->map, SM_RECORD_RELATIONSHIP);
  data = json_object_new ();
  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "source", source);
  json_object_set_string_member (data, "target", target);
  if (self->link_category != NULL)
    json_object_set_string_member (data, "category", self->link_category);
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_RELATIONSHIP, data));
  /* Selected, so the inspector shows the new relationship to describe it. */
  sm_selection_select_only (self->selection, id);
  return TRUE;
}

/* Moves the selected stakeholders and notes by (dx, dy) map units; a run
 * of these is one undo step. */
static void
nudge (SmCanvas *self,
       double    dx,
       double    dy)
{
  g_autoptr(GPtrArray) people = _sm_canvas_dup_movable_selection (self);
  g_autoptr(GPtrArray) placed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *xs = g_new (double, people->len);
  g_autofree double *ys = g_new (double, people->len);

  for (guint i = 0; i < people->len; i++)
    {
      SmRecord *s = g_ptr_array_index (people, i);
      double    x, y;

      if (!_sm_canvas_get_record_position (self, s, &x, &y))
        continue;
      xs[placed->len] = round (x + dx);
      ys[placed->len] = round (y + dy);
      g_ptr_array_add (placed, g_object_ref (s));
    }
  if (placed->len == 0)
    return;

  if (!self->nudging)
    {
      sm_history_break_merge (sm_document_get_history (self->document));
      self->nudging = TRUE;
    }
  sm_document_push (self->document, sm_move_command_new (placed, xs, ys));
  if (placed->len == 1)
    _sm_canvas_ensure_visible (self, xs[0], ys[0], 40);
}

/* Tab walks the stakeholders, then the notes on the map. */
static void
cycle (SmCanvas *self,
       gboolean  forward)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  SmCollection *notes = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);
  guint         n_people = sm_collection_get_size (people);
  guint         n = n_people;
  const char   *primary = sm_selection_get_primary (self->selection);
  SmRecord     *current = primary != NULL ? sm_map_lookup (self->map, primary) : NULL;
  SmRecord     *next;
  guint         position;
  double        x, y;

  /* Only notes that are drawn: on the map, with text. */
  if (sm_renderer_get_arrangement (self->renderer) == SM_ARRANGEMENT_MAP)
    n += sm_collection_get_size (notes);
  /* A stakeholder always ends the walk below. */
  if (n_people == 0)
    return;
  if (current == NULL)
    position = G_MAXUINT;
  else if (sm_collection_find (people, current, &position))
    ;
  else if (n > n_people && sm_collection_find (notes, current, &position))
    position += n_people;
  else
    position = G_MAXUINT;

  for (;;)
    {
      const char *text;

      if (position == G_MAXUINT)
        position = forward ? 0 : n - 1;
      else
        position = forward ? (position + 1) % n : (position + n - 1) % n;
      if (position < n_people)
        break;
      /* Notes that are not drawn (no text, or no place) are skipped. */
      next = sm_collection_get (notes, position - n_people);
      text = sm_record_get_string (next, "text");
      if (text != NULL && *text != '\0' && sm_renderer_get_note_rect (self->renderer, next, NULL, NULL, NULL, NULL))
        break;
    }

  next = position < n_people ? sm_collection_get (people, position) : sm_collection_get (notes, position - n_people);
  sm_selection_select_only (self->selection, sm_record_get_id (next));
  remember_focus (self, sm_record_get_id (next));
  if (position < n_people ? sm_renderer_get_position (self->renderer, next, &x, &y)
                          : _sm_canvas_get_record_position (self, next, &x, &y))
    _sm_canvas_ensure_visible (self, x, y, 60);
}

/* Connecting from the keyboard */

static void
update_key_connect_draft (SmCanvas *self)
{
  SmRecord *target = _sm_canvas_lookup_stakeholder (self, self->connect_target);
  double    x, y;

  if (target != NULL && sm_renderer_get_position (self->renderer, target, &x, &y))
    {
      self->draft_x = x;
      self->draft_y = y;
      _sm_canvas_ensure_visible (self, x, y, 60);
    }
  remember_focus (self, self->connect_target);
  _sm_canvas_update_description (self);
}

void
_sm_canvas_stop_key_connect (SmCanvas *self)
{
  if (!self->key_connect)
    return;
  self->key_connect = FALSE;
  g_clear_pointer (&self->connect_source, g_free);
  g_clear_pointer (&self->connect_target, g_free);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _sm_canvas_redraw (self);
  _sm_canvas_update_description (self);
}

/* The other stakeholder nearest @from in direction (dx, dy), or nearest at
 * all when both are 0. */
static SmRecord *
nearest (SmCanvas *self,
         SmRecord *from,
         double    dx,
         double    dy)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  const char   *source = self->connect_source;
  SmRecord     *best = NULL;
  double        fx, fy, best_score = G_MAXDOUBLE;

  if (!sm_renderer_get_position (self->renderer, from, &fx, &fy))
    return NULL;
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *s = sm_collection_get (people, i);
      double    x, y, along, across, score;

      if (s == from || g_strcmp0 (sm_record_get_id (s), source) == 0 ||
          !sm_renderer_get_position (self->renderer, s, &x, &y))
        continue;
      if (dx == 0 && dy == 0)
        score = hypot (x - fx, y - fy);
      else
        {
          along = (x - fx) * dx + (y - fy) * dy;
          across = fabs ((x - fx) * dy - (y - fy) * dx);
          if (along <= 0)
            continue;
          /* Straight ahead beats nearer but off to one side. */
          score = along + 2 * across;
        }
      if (score < best_score)
        {
          best_score = score;
          best = s;
        }
    }
  return best;
}

gboolean
_sm_canvas_start_key_connect (SmCanvas *self)
{
  g_autoptr(GPtrArray) people = NULL;
  SmRecord *source, *target;

  if (_sm_canvas_is_read_only (self) || _sm_canvas_is_editing (self))
    return FALSE;
  people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  if (people->len != 1)
    return FALSE;
  source = g_ptr_array_index (people, 0);
  target = nearest (self, source, 0, 0);
  if (target == NULL)
    return FALSE;

  _sm_canvas_stop_key_connect (self);
  self->key_connect = TRUE;
  self->connect_source = g_strdup (sm_record_get_id (source));
  self->connect_target = g_strdup (sm_record_get_id (target));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  update_key_connect_draft (self);
  return TRUE;
}

static void
key_connect_cycle (SmCanvas *self,
                   gboolean  forward)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  SmRecord     *current = _sm_canvas_lookup_stakeholder (self, self->connect_target);
  guint         n = sm_collection_get_size (people);
  guint         position = 0;

  if (current == NULL || !sm_collection_find (people, current, &position))
    position = 0;
  for (guint step = 0; step < n; step++)
    {
      SmRecord *s;

      position = forward ? (position + 1) % n : (position + n - 1) % n;
      s = sm_collection_get (people, position);
      if (g_strcmp0 (sm_record_get_id (s), self->connect_source) != 0)
        {
          _sm_canvas_set_string (&self->connect_target, sm_record_get_id (s));
          break;
        }
    }
  update_key_connect_draft (self);
}

static void
key_connect_move (SmCanvas *self,
                  double    dx,
                  double    dy)
{
  SmRecord *current = _sm_canvas_lookup_stakeholder (self, self->connect_target);
  SmRecord *next = current != NULL ? nearest (self, current, dx, dy) : NULL;

  if (next != NULL)
    {
      _sm_canvas_set_string (&self->connect_target, sm_record_get_id (next));
      update_key_connect_draft (self);
    }
}

static gboolean
key_connect_key (SmCanvas       *self,
                 guint           keyval,
                 GdkModifierType state)
{
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      key_connect_cycle (self, (state & GDK_SHIFT_MASK) == 0);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      key_connect_cycle (self, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      key_connect_move (self, -1, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      key_connect_move (self, 1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      key_connect_move (self, 0, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      key_connect_move (self, 0, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      {
        g_autofree char *source = g_strdup (self->connect_source);
        g_autofree char *target = g_strdup (self->connect_target);

        _sm_canvas_stop_key_connect (self);
        connect (self, source, target);
        remember_focus (self, NULL);
        return TRUE;
      }
    case GDK_KEY_Escape:
      _sm_canvas_stop_key_connect (self);
      remember_focus (self, NULL);
      return TRUE;
    default:
      /* Anything else ends connecting and does what it always does. */
      _sm_canvas_stop_key_connect (self);
      return FALSE;
    }
}

/* Pointer: clicks */

/* Presses on the name entry are the entry's. */
static gboolean
in_entry (SmCanvas *self,
          double    x,
          double    y)
{
  GtkWidget      *editors[] = { self->entry, self->note_view };
  graphene_rect_t bounds;

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (gtk_widget_get_visible (editors[i]) &&
        gtk_widget_compute_bounds (editors[i], GTK_WIDGET (self), &bounds) &&
        graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
      return TRUE;
  return FALSE;
}

static void
canvas_press (SmCanvas       *self,
              int             n_press,
              double          x,
              double          y,
              GdkModifierType state)
{
  SmRecord *record;
  gboolean  rim;

  self->click_consumed = TRUE;
  if (in_entry (self, x, y))
    return;
  self->nudging = FALSE;
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  /* Takes the focus from the name entry, which keeps what was typed. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _sm_canvas_stop_editing (self, TRUE, FALSE);
  remember_focus (self, NULL);

  record = _sm_canvas_hit (self, x, y, &rim);

  if (self->key_connect)
    {
      g_autofree char *source = g_strdup (self->connect_source);

      _sm_canvas_stop_key_connect (self);
      if (record != NULL && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        connect (self, source, sm_record_get_id (record));
      self->mode = DRAG_CANCELLED;
      return;
    }

  self->click_consumed = FALSE;
  if (n_press == 2)
    {
      if (record == NULL)
        {
          double    mx, my;
          SmRecord *place;

          _sm_canvas_widget_to_map (self, x, y, &mx, &my);
          /* A space or decision in the Power Cube opens for editing. */
          place = sm_renderer_hit_place (self->renderer, mx, my);
          if (place != NULL)
            _sm_canvas_show_record (self, place);
          else if (_sm_canvas_can_place (self))
            {
              _sm_canvas_keep_in_view (self, &mx, &my);
              _sm_canvas_begin_new (self, mx, my);
            }
        }
      else if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        _sm_canvas_begin_rename (self, record);
      else if (sm_record_get_kind (record) == SM_RECORD_ANNOTATION)
        _sm_canvas_begin_note_edit (self, record);
      else if (sm_record_get_kind (record) == SM_RECORD_REGION)
        _sm_canvas_begin_region_edit (self, record);
      return;
    }

  if (n_press != 1)
    return;
  /* The resize handle of a selected region: the region stays selected. */
  if (_sm_canvas_hit_region_handle (self, x, y) != NULL)
    return;

  /* An unselected stakeholder or note is selected at once, so that
   * dragging it moves it; a selected one keeps the selection in case the
   * whole selection is dragged, and is made the only one on release. */
  if (_sm_canvas_is_movable (record) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0 &&
      !sm_selection_contains (self->selection, sm_record_get_id (record)))
    sm_selection_select_only (self->selection, sm_record_get_id (record));
}

static void
canvas_release (SmCanvas       *self,
                int             n_press,
                double          x,
                double          y,
                GdkModifierType state)
{
  SmRecord *record;

  if (n_press != 1 || self->dragged || self->click_consumed)
    return;

  record = _sm_canvas_hit (self, x, y, NULL);
  if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    {
      if (record != NULL)
        sm_selection_toggle (self->selection, sm_record_get_id (record));
    }
  else if (record != NULL)
    sm_selection_select_only (self->selection, sm_record_get_id (record));
  else
    sm_selection_clear (self->selection);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SmCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  canvas_press (self, n_press, x, y, state);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             SmCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  canvas_release (self, n_press, x, y, state);
}

/* Pointer: drags */

void
_sm_canvas_clear_moving (SmCanvas *self)
{
  g_clear_pointer (&self->moving, g_ptr_array_unref);
  g_clear_pointer (&self->moving_x, g_free);
  g_clear_pointer (&self->moving_y, g_free);
  self->moved = FALSE;
}

static void
canvas_drag_begin (SmCanvas       *self,
                   double          x,
                   double          y,
                   GdkModifierType state)
{
  self->press_x = x;
  self->press_y = y;
  self->press_state = state;
  self->dragged = FALSE;
  g_clear_object (&self->press_hit);
  if (self->mode == DRAG_CANCELLED)
    return;
  if (in_entry (self, x, y))
    {
      self->mode = DRAG_CANCELLED;
      return;
    }
  self->mode = DRAG_PENDING;
  /* The handle is drawn over everything, so it is hit first. */
  self->press_hit = _sm_canvas_hit_region_handle (self, x, y);
  self->press_handle = self->press_hit != NULL;
  self->press_rim = FALSE;
  if (self->press_hit == NULL)
    self->press_hit = _sm_canvas_hit (self, x, y, &self->press_rim);
  if (self->press_hit != NULL)
    g_object_ref (self->press_hit);
}

/* The drag has gone past the threshold: decide what it does. */
static void
start_drag (SmCanvas *self)
{
  SmRecord       *record = self->press_hit;
  GdkModifierType state = self->press_state;
  gboolean        on_object = _sm_canvas_is_movable (record) && sm_record_get_map (record) == self->map;
  gboolean        on_stakeholder = on_object && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER;

  self->dragged = TRUE;
  self->nudging = FALSE;

  if (self->press_handle && _sm_canvas_can_place (self) && sm_record_get_map (record) == self->map)
    {
      sm_region_get_rect (record, NULL, NULL, &self->resize_width, &self->resize_height);
      self->mode = DRAG_RESIZE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "se-resize");
    }
  else if (on_stakeholder && !_sm_canvas_is_read_only (self) && (self->press_rim || (state & GDK_ALT_MASK)))
    {
      self->mode = DRAG_CONNECT;
      _sm_canvas_set_string (&self->connect_source, sm_record_get_id (record));
      _sm_canvas_widget_to_map (self, self->press_x, self->press_y, &self->draft_x, &self->draft_y);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else if (on_object && _sm_canvas_can_place (self))
    {
      g_autoptr(GPtrArray) people = NULL;

      if (!sm_selection_contains (self->selection, sm_record_get_id (record)))
        {
          if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
            sm_selection_add (self->selection, sm_record_get_id (record));
          else
            sm_selection_select_only (self->selection, sm_record_get_id (record));
        }

      people = _sm_canvas_dup_movable_selection (self);
      _sm_canvas_clear_moving (self);
      self->moving = g_ptr_array_new_with_free_func (g_object_unref);
      self->moving_x = g_new (double, people->len);
      self->moving_y = g_new (double, people->len);
      for (guint i = 0; i < people->len; i++)
        {
          SmRecord *s = g_ptr_array_index (people, i);
          double    sx, sy;

          if (!_sm_canvas_get_record_position (self, s, &sx, &sy))
            continue;
          self->moving_x[self->moving->len] = sx;
          self->moving_y[self->moving->len] = sy;
          g_ptr_array_add (self->moving, g_object_ref (s));
        }
      self->mode = DRAG_MOVE;
      sm_history_break_merge (sm_document_get_history (self->document));
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  else if (state & GDK_SHIFT_MASK)
    {
      self->mode = DRAG_BAND;
      _sm_canvas_widget_to_map (self, self->press_x, self->press_y, &self->band_x0, &self->band_y0);
      self->band_x1 = self->band_x0;
      self->band_y1 = self->band_y0;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else
    {
      self->mode = DRAG_PAN;
      self->origin_view_x = self->view_x;
      self->origin_view_y = self->view_y;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
}

static void
canvas_drag_update (SmCanvas *self,
                    double    dx,
                    double    dy)
{
  int threshold = 8;

  self->pointer_x = self->press_x + dx;
  self->pointer_y = self->press_y + dy;

  if (self->mode == DRAG_PENDING)
    {
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
      if (hypot (dx, dy) < threshold)
        return;
      start_drag (self);
    }

  switch (self->mode)
    {
    case DRAG_PAN:
      _sm_canvas_set_view (self, self->scale, self->origin_view_x - dx / self->scale,
                           self->origin_view_y - dy / self->scale);
      break;

    case DRAG_BAND:
      _sm_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &self->band_x1, &self->band_y1);
      _sm_canvas_redraw (self);
      break;

    case DRAG_MOVE:
      {
        g_autofree double *xs = NULL;
        g_autofree double *ys = NULL;

        if (self->moving == NULL || self->moving->len == 0)
          break;
        for (guint i = 0; i < self->moving->len; i++)
          if (sm_record_get_map (g_ptr_array_index (self->moving, i)) != self->map)
            {
              /* Another view removed one of them (or undo did). */
              _sm_canvas_clear_moving (self);
              self->mode = DRAG_CANCELLED;
              return;
            }
        xs = g_new (double, self->moving->len);
        ys = g_new (double, self->moving->len);
        for (guint i = 0; i < self->moving->len; i++)
          {
            xs[i] = round (self->moving_x[i] + dx / self->scale);
            ys[i] = round (self->moving_y[i] + dy / self->scale);
          }
        sm_document_push (self->document, sm_move_command_new (self->moving, xs, ys));
        self->moved = TRUE;
      }
      break;

    case DRAG_RESIZE:
      _sm_canvas_update_resize (self, self->pointer_x, self->pointer_y);
      break;

    case DRAG_CONNECT:
      {
        SmRecord *target;

        _sm_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &self->draft_x, &self->draft_y);
        target = _sm_canvas_hit (self, self->pointer_x, self->pointer_y, NULL);
        if (target != NULL && sm_record_get_kind (target) == SM_RECORD_STAKEHOLDER)
          _sm_canvas_set_string (&self->hover_id, sm_record_get_id (target));
        else
          _sm_canvas_set_string (&self->hover_id, NULL);
        _sm_canvas_redraw (self);
      }
      break;

    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_CANCELLED:
    default:
      break;
    }
}

/* Notes whose card's middle is inside the rubber band join the ids. */
static void
add_notes_in_band (SmCanvas  *self,
                   GPtrArray *ids)
{
  SmCollection *notes = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);
  double        x0 = MIN (self->band_x0, self->band_x1), x1 = MAX (self->band_x0, self->band_x1);
  double        y0 = MIN (self->band_y0, self->band_y1), y1 = MAX (self->band_y0, self->band_y1);

  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    {
      SmRecord *note = sm_collection_get (notes, i);
      double    x, y, w, h;

      if (sm_renderer_get_note_rect (self->renderer, note, &x, &y, &w, &h) &&
          x + w / 2 >= x0 && x + w / 2 <= x1 && y + h / 2 >= y0 && y + h / 2 <= y1)
        g_ptr_array_add (ids, g_strdup (sm_record_get_id (note)));
    }
}

static void
canvas_drag_end (SmCanvas *self,
                 double    dx,
                 double    dy)
{
  DragMode mode = self->mode;

  if (mode != DRAG_NONE && mode != DRAG_PENDING && mode != DRAG_CANCELLED)
    canvas_drag_update (self, dx, dy);
  self->mode = DRAG_NONE;

  switch (mode)
    {
    case DRAG_BAND:
      {
        g_autoptr(GPtrArray) inside = NULL;
        /* Copies: setting the selection frees the strings it holds. */
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
        const GPtrArray *before = sm_selection_get_ids (self->selection);

        inside = sm_renderer_stakeholders_in_rect (self->renderer,
                                                   MIN (self->band_x0, self->band_x1),
                                                   MIN (self->band_y0, self->band_y1),
                                                   fabs (self->band_x1 - self->band_x0),
                                                   fabs (self->band_y1 - self->band_y0));
        if (self->press_state & GDK_CONTROL_MASK)
          for (guint i = 0; i < before->len; i++)
            g_ptr_array_add (ids, g_strdup (g_ptr_array_index (before, i)));
        for (guint i = 0; i < inside->len; i++)
          g_ptr_array_add (ids, g_strdup (sm_record_get_id (g_ptr_array_index (inside, i))));
        add_notes_in_band (self, ids);
        g_ptr_array_add (ids, NULL);
        sm_selection_set (self->selection, (const char *const *) ids->pdata);
      }
      break;

    case DRAG_MOVE:
      sm_history_break_merge (sm_document_get_history (self->document));
      _sm_canvas_clear_moving (self);
      break;

    case DRAG_RESIZE:
      _sm_canvas_finish_resize (self);
      break;

    case DRAG_CONNECT:
      {
        SmRecord        *target = _sm_canvas_hit (self, self->pointer_x, self->pointer_y, NULL);
        g_autofree char *source = g_steal_pointer (&self->connect_source);

        _sm_canvas_set_string (&self->hover_id, NULL);
        if (target != NULL && sm_record_get_kind (target) == SM_RECORD_STAKEHOLDER)
          connect (self, source, sm_record_get_id (target));
      }
      break;

    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_PAN:
    case DRAG_CANCELLED:
    default:
      break;
    }

  g_clear_pointer (&self->connect_source, g_free);
  g_clear_object (&self->press_hit);
  if (!self->key_connect)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _sm_canvas_redraw (self);
}

/* Escape during a drag puts things back as they were before it. */
static gboolean
cancel_drag (SmCanvas *self)
{
  switch (self->mode)
    {
    case DRAG_MOVE:
      if (self->moved)
        sm_history_undo (sm_document_get_history (self->document));
      _sm_canvas_clear_moving (self);
      break;
    case DRAG_PAN:
      _sm_canvas_set_view (self, self->scale, self->origin_view_x, self->origin_view_y);
      break;
    case DRAG_BAND:
    case DRAG_CONNECT:
    case DRAG_RESIZE:
      break;
    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_CANCELLED:
    default:
      return FALSE;
    }
  self->mode = DRAG_CANCELLED;
  g_clear_pointer (&self->connect_source, g_free);
  _sm_canvas_set_string (&self->hover_id, NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _sm_canvas_redraw (self);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SmCanvas       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  canvas_drag_begin (self, x, y, state);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SmCanvas       *self)
{
  canvas_drag_update (self, dx, dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SmCanvas       *self)
{
  canvas_drag_end (self, dx, dy);
}

/* The middle button pans wherever it starts. */
static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              SmCanvas       *self)
{
  self->origin_view_x = self->view_x;
  self->origin_view_y = self->view_y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               SmCanvas       *self)
{
  _sm_canvas_set_view (self, self->scale, self->origin_view_x - dx / self->scale,
                       self->origin_view_y - dy / self->scale);
}

static void
pan_end_cb (GtkGestureDrag *gesture,
            double          dx,
            double          dy,
            SmCanvas       *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* Pointer: hover, scroll, pinch */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SmCanvas                 *self)
{
  SmRecord   *record;
  gboolean    rim;
  const char *cursor;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->mode != DRAG_NONE || self->key_connect)
    return;

  if (_sm_canvas_can_place (self) && _sm_canvas_hit_region_handle (self, x, y) != NULL)
    {
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "se-resize");
      return;
    }
  record = _sm_canvas_hit (self, x, y, &rim);
  if (g_strcmp0 (self->hover_id, record != NULL ? sm_record_get_id (record) : NULL) != 0)
    {
      _sm_canvas_set_string (&self->hover_id, record != NULL ? sm_record_get_id (record) : NULL);
      _sm_canvas_redraw (self);
    }

  if (record == NULL)
    cursor = NULL;
  else if (!_sm_canvas_is_movable (record) || _sm_canvas_is_read_only (self))
    cursor = "pointer";
  else if (rim)
    cursor = "crosshair";
  else if (!_sm_canvas_can_place (self))
    cursor = "pointer";
  else
    cursor = "grab";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          SmCanvas                 *self)
{
  self->pointer_inside = FALSE;
  if (self->hover_id != NULL && self->mode == DRAG_NONE)
    {
      _sm_canvas_set_string (&self->hover_id, NULL);
      _sm_canvas_redraw (self);
    }
}

static void
canvas_scroll (SmCanvas       *self,
               double          dx,
               double          dy,
               gboolean        wheel,
               GdkModifierType state)
{
  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (wheel ? ZOOM_STEP : 1.01, -dy);

      _sm_canvas_zoom_around (self, self->scale * factor, self->pointer_x, self->pointer_y);
      return;
    }

  if (wheel)
    {
      dx *= WHEEL_PX;
      dy *= WHEEL_PX;
    }
  /* Mouse wheels have one axis: Shift turns it sideways. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  _sm_canvas_pan_by (self, dx, dy);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SmCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean        wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  canvas_scroll (self, dx, dy, wheel, state);
  return TRUE;
}

static void
pinch_begin (SmCanvas *self,
             double    x,
             double    y)
{
  self->pinch_scale = self->scale;
  self->pinch_x = x;
  self->pinch_y = y;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SmCanvas         *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  pinch_begin (self, x, y);
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        SmCanvas       *self)
{
  _sm_canvas_zoom_around (self, self->pinch_scale * scale, self->pinch_x, self->pinch_y);
}

/* Keyboard */

static gboolean
canvas_key (SmCanvas       *self,
            guint           keyval,
            GdkModifierType state)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean        ctrl = (mods & GDK_CONTROL_MASK) != 0;
  gboolean        shift = (mods & GDK_SHIFT_MASK) != 0;
  gboolean        plain = (mods & ~GDK_SHIFT_MASK) == 0;
  gboolean        arrow = FALSE;
  double          ax = 0, ay = 0;

  /* Keys the name entry did not take (Up, Down…) stay with it. */
  if (_sm_canvas_is_editing (self))
    {
      if (keyval == GDK_KEY_Escape)
        {
          _sm_canvas_stop_editing (self, FALSE, FALSE);
          return TRUE;
        }
      return FALSE;
    }

  if (keyval == GDK_KEY_Escape && cancel_drag (self))
    return TRUE;

  if (self->key_connect && key_connect_key (self, keyval, state))
    return TRUE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      ax = -1, arrow = TRUE;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      ax = 1, arrow = TRUE;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      ay = -1, arrow = TRUE;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      ay = 1, arrow = TRUE;
      break;
    default:
      break;
    }

  if (arrow && (mods & ~(GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
    {
      g_autoptr(GPtrArray) people = _sm_canvas_dup_movable_selection (self);

      if (!ctrl && people->len > 0 && _sm_canvas_can_place (self))
        {
          double step = (shift ? NUDGE_BIG_PX : NUDGE_PX) / self->scale;

          nudge (self, ax * MAX (round (step), 1), ay * MAX (round (step), 1));
        }
      else
        _sm_canvas_pan_by (self, ax * PAN_PX, ay * PAN_PX);
      return TRUE;
    }

  self->nudging = FALSE;

  if (ctrl && (mods & ~(GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          sm_canvas_zoom_in (self);
          return TRUE;
        case GDK_KEY_minus:
        case GDK_KEY_underscore:
        case GDK_KEY_KP_Subtract:
          sm_canvas_zoom_out (self);
          return TRUE;
        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          sm_canvas_zoom_reset (self);
          return TRUE;
        case GDK_KEY_a:
        case GDK_KEY_A:
          if (shift)
            return FALSE;
          select_all (self);
          return TRUE;
        default:
          /* Ctrl+Tab leaves the map, like in any widget that uses Tab. */
          return FALSE;
        }
    }

  if (!plain)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (sm_collection_get_size (sm_map_get_stakeholders (self->map)) == 0)
        return FALSE;
      cycle (self, keyval != GDK_KEY_ISO_Left_Tab && !shift);
      return TRUE;

    case GDK_KEY_Insert:
    case GDK_KEY_KP_Insert:
    case GDK_KEY_n:
    case GDK_KEY_N:
      if (_sm_canvas_is_read_only (self))
        return FALSE;
      /* Shift+N, not N with Caps Lock on, adds a note. */
      if (shift && (keyval == GDK_KEY_n || keyval == GDK_KEY_N))
        sm_canvas_add_note (self);
      else
        sm_canvas_add_stakeholder (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_F2:
      {
        g_autoptr(GPtrArray) people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
        SmRecord *primary = sm_selection_get_primary_record (self->selection);

        if (_sm_canvas_is_read_only (self))
          return FALSE;
        if (primary != NULL && sm_record_get_kind (primary) == SM_RECORD_ANNOTATION && _sm_canvas_can_place (self))
          {
            _sm_canvas_begin_note_edit (self, primary);
            return TRUE;
          }
        if (primary != NULL && sm_record_get_kind (primary) == SM_RECORD_REGION && _sm_canvas_can_place (self))
          {
            _sm_canvas_begin_region_edit (self, primary);
            return TRUE;
          }
        if (people->len == 0)
          return FALSE;
        /* The last selected stakeholder, even if a relationship came after. */
        _sm_canvas_begin_rename (self, g_ptr_array_index (people, people->len - 1));
        return TRUE;
      }

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (_sm_canvas_is_read_only (self) || sm_selection_get_size (self->selection) == 0)
        return FALSE;
      _sm_canvas_delete_selection (self);
      return TRUE;

    case GDK_KEY_r:
    case GDK_KEY_R:
      /* Shift+R, not R with Caps Lock on, adds a region. */
      if (!shift || _sm_canvas_is_read_only (self))
        return FALSE;
      sm_canvas_add_region (self);
      return TRUE;

    case GDK_KEY_c:
    case GDK_KEY_C:
      return sm_canvas_start_connect (self);

    case GDK_KEY_f:
    case GDK_KEY_F:
      sm_canvas_zoom_to_fit (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->focus_id == NULL && sm_selection_get_size (self->selection) == 0)
        return FALSE;
      remember_focus (self, NULL);
      sm_selection_clear (self->selection);
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SmCanvas              *self)
{
  return canvas_key (self, keyval, state);
}

static void
focus_leave_cb (SmCanvas *self)
{
  self->nudging = FALSE;
  _sm_canvas_stop_key_connect (self);
  _sm_canvas_redraw (self);
}

/* The gestures and controllers the canvas is driven by. */
void
_sm_canvas_init_input (SmCanvas *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkGesture         *gesture;
  GtkEventController *controller;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (_sm_canvas_redraw), self);
  gtk_widget_add_controller (widget, controller);
}

/* Test hooks */

void
_sm_canvas_test_click (SmCanvas       *self,
                       double          x,
                       double          y,
                       guint           n_press,
                       GdkModifierType state)
{
  /* A click is a drag that never passes the threshold, as in the gestures. */
  canvas_drag_begin (self, x, y, state);
  canvas_press (self, n_press, x, y, state);
  canvas_drag_end (self, 0, 0);
  canvas_release (self, n_press, x, y, state);
}

void
_sm_canvas_test_drag (SmCanvas       *self,
                      double          x0,
                      double          y0,
                      double          x1,
                      double          y1,
                      GdkModifierType state)
{
  canvas_drag_begin (self, x0, y0, state);
  canvas_press (self, 1, x0, y0, state);
  for (guint i = 1; i <= 4; i++)
    canvas_drag_update (self, (x1 - x0) * i / 4, (y1 - y0) * i / 4);
  canvas_drag_end (self, x1 - x0, y1 - y0);
  /* The click gesture stops when the pointer moves: no release. */
}

gboolean
_sm_canvas_test_key (SmCanvas       *self,
                     guint           keyval,
                     GdkModifierType state)
{
  return canvas_key (self, keyval, state);
}

void
_sm_canvas_test_scroll (SmCanvas       *self,
                        double          x,
                        double          y,
                        double          dx,
                        double          dy,
                        GdkModifierType state)
{
  self->pointer_x = x;
  self->pointer_y = y;
  canvas_scroll (self, dx, dy, TRUE, state);
}

void
_sm_canvas_test_pinch (SmCanvas *self,
                       double    x,
                       double    y,
                       double    scale)
{
  pinch_begin (self, x, y);
  _sm_canvas_zoom_around (self, self->pinch_scale * scale, self->pinch_x, self->pinch_y);
}

void
_sm_canvas_test_motion (SmCanvas *self,
                        double    x,
                        double    y)
{
  motion_cb (NULL, x, y, self);
}

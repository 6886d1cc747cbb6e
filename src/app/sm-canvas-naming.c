/* sm-canvas-naming.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Naming in place: the entry over the map where a new stakeholder's name
 * is typed (and where it goes on the map) or a stakeholder is renamed. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-window.h"

/* Finding room for the next stakeholder */

/* How far apart stakeholders must be, centre to centre, so that neither
 * their shapes nor their labels overlap. */
static void
get_spacing (SmCanvas *self,
             double   *step_x,
             double   *step_y,
             double   *radius)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(SmRecord) sample = NULL;
  double r, lx = 0, ly = 0, lw = 0, lh = 0;

  json_object_set_string_member (data, "name", "");
  json_object_set_int_member (data, "x", 0);
  json_object_set_int_member (data, "y", 0);
  sample = sm_record_new (SM_RECORD_STAKEHOLDER, data);
  r = sm_renderer_node_radius (sample);
  sm_renderer_get_label_rect (self->renderer, sample, &lx, &ly, &lw, &lh);

  /* Room for a name of twenty letters or so, whatever an empty one measures. */
  *step_x = MAX (MAX (2 * r, lw), 150) + 24;
  *step_y = r + MAX (ly + lh, r) + 24;
  if (radius != NULL)
    *radius = r;
}

/* The room a new stakeholder and its name take around its centre, in
 * widget pixels: left and right, above, below. */
static void
get_box (SmCanvas *self,
         double   *half_width,
         double   *above,
         double   *below)
{
  double step_x, step_y, r;

  get_spacing (self, &step_x, &step_y, &r);
  *half_width = (step_x - 24) / 2 * self->scale;
  *above = r * self->scale;
  *below = (step_y - 24 - r) * self->scale;
}

static gboolean
is_free (SmCanvas *self,
         double    x,
         double    y,
         double    step_x,
         double    step_y)
{
  g_autoptr(GPtrArray) near = NULL;

  near = sm_renderer_stakeholders_in_rect (self->renderer, x - step_x + 1, y - step_y + 1,
                                           2 * step_x - 2, 2 * step_y - 2);
  return near->len == 0;
}

/* The free grid point nearest (ox, oy), ring by ring. */
static void
find_free_around (SmCanvas *self,
                  double    ox,
                  double    oy,
                  double    step_x,
                  double    step_y,
                  double   *x,
                  double   *y)
{
  for (int k = 0; k < 200; k++)
    {
      double best = G_MAXDOUBLE;

      for (int j = -k; j <= k; j++)
        for (int i = -k; i <= k; i++)
          {
            double cx = ox + i * step_x, cy = oy + j * step_y, d;

            if (MAX (ABS (i), ABS (j)) != k)
              continue;
            d = hypot (i * step_x, j * step_y);
            if (d < best && is_free (self, cx, cy, step_x, step_y))
              {
                best = d;
                *x = cx;
                *y = cy;
              }
          }
      if (best < G_MAXDOUBLE)
        return;
    }
  *x = ox;
  *y = oy;
}

/* Where the next stakeholder goes. Names called out in a meeting should
 * land like writing on a flip chart: after the last one, along its row to
 * the edge of the view, then on the next row down, on a grid that keeps
 * shapes and labels apart. */
void
_sm_canvas_find_spot (SmCanvas *self,
                      double   *x,
                      double   *y)
{
  graphene_rect_t area;
  double          vx0, vy0, vx1, vy1, step_x, step_y, ox, oy;
  int             imin, imax, jmin, jmax;

  /* Only where nothing is drawn over the map. */
  _sm_canvas_get_free_area (self, &area);
  get_spacing (self, &step_x, &step_y, NULL);
  _sm_canvas_widget_to_map (self, area.origin.x, area.origin.y, &vx0, &vy0);
  _sm_canvas_widget_to_map (self, area.origin.x + MAX (area.size.width, 1),
                            area.origin.y + MAX (area.size.height, 1), &vx1, &vy1);

  if (!self->have_last || self->last_x < vx0 || self->last_x > vx1 ||
      self->last_y < vy0 || self->last_y > vy1)
    {
      find_free_around (self, (vx0 + vx1) / 2, (vy0 + vy1) / 2, step_x, step_y, x, y);
      return;
    }

  ox = self->last_x;
  oy = self->last_y;
  imin = (int) ceil ((vx0 + step_x / 2 - ox) / step_x);
  imax = (int) floor ((vx1 - step_x / 2 - ox) / step_x);
  jmin = (int) ceil ((vy0 + step_y / 2 - oy) / step_y);
  jmax = (int) floor ((vy1 - step_y / 2 - oy) / step_y);

  for (int j = 0; j <= jmax; j++)
    for (int i = j == 0 ? 1 : imin; i <= imax; i++)
      if (is_free (self, ox + i * step_x, oy + j * step_y, step_x, step_y))
        {
          *x = ox + i * step_x;
          *y = oy + j * step_y;
          return;
        }
  for (int j = jmin; j < 0; j++)
    for (int i = imin; i <= imax; i++)
      if (is_free (self, ox + i * step_x, oy + j * step_y, step_x, step_y))
        {
          *x = ox + i * step_x;
          *y = oy + j * step_y;
          return;
        }

  /* The view is full: the nearest room outside it, which is then shown. */
  find_free_around (self, ox, oy, step_x, step_y, x, y);
}

/* Moves map point (x, y), where a new stakeholder was asked for, just far
 * enough that it and its name lie in the part of the canvas nothing
 * covers: a double-click by the zoom bar puts it beside the bar, not
 * under it. */
void
_sm_canvas_keep_in_view (SmCanvas *self,
                         double   *x,
                         double   *y)
{
  graphene_rect_t area;
  double          half, above, below, wx, wy, x0, x1, y0, y1;

  _sm_canvas_get_free_area (self, &area);
  if (area.size.width <= 0 || area.size.height <= 0)
    return;
  get_box (self, &half, &above, &below);
  wx = (*x - self->view_x) * self->scale;
  wy = (*y - self->view_y) * self->scale;
  x0 = area.origin.x + half;
  x1 = area.origin.x + area.size.width - half;
  y0 = area.origin.y + above;
  y1 = area.origin.y + area.size.height - below;
  wx = x0 <= x1 ? CLAMP (wx, x0, x1) : area.origin.x + area.size.width / 2;
  wy = y0 <= y1 ? CLAMP (wy, y0, y1) : area.origin.y + area.size.height / 2;
  _sm_canvas_widget_to_map (self, wx, wy, x, y);
}

/* Whether a new stakeholder at map point (x, y), name and all, lies in
 * the part of the canvas nothing covers. Positions are whole map units: a
 * spot _sm_canvas_keep_in_view() put at the edge of that part may round
 * half a unit past it, and is still in view. */
static gboolean
is_in_view (SmCanvas *self,
            double    x,
            double    y)
{
  graphene_rect_t area;
  double          half, above, below, wx, wy, slack = self->scale;

  _sm_canvas_get_free_area (self, &area);
  get_box (self, &half, &above, &below);
  wx = (x - self->view_x) * self->scale;
  wy = (y - self->view_y) * self->scale;
  return wx - half >= area.origin.x - slack && wx + half <= area.origin.x + area.size.width + slack &&
         wy - above >= area.origin.y - slack && wy + below <= area.origin.y + area.size.height + slack;
}

/* Naming in place */

static void
begin_editing (SmCanvas   *self,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_widget_set_visible (self->entry, TRUE);
  _sm_canvas_update_hint (self);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts a new stakeholder at map point (x, y); it joins the map only when
 * it has a name, so adding it and naming it are one undo step. */
void
_sm_canvas_begin_new (SmCanvas *self,
                      double    x,
                      double    y)
{
  g_autoptr(JsonObject) data = json_object_new ();

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  json_object_set_string_member (data, "name", "");
  json_object_set_int_member (data, "x", (gint64) round (x));
  json_object_set_int_member (data, "y", (gint64) round (y));
  self->pending = sm_record_new (SM_RECORD_STAKEHOLDER, data);
  /* Out of view, or partly under the zoom bar: bring it to the middle. */
  if (!is_in_view (self, round (x), round (y)))
    _sm_canvas_ensure_visible (self, round (x), round (y), G_MAXDOUBLE);
  begin_editing (self, "");
}

void
_sm_canvas_begin_rename (SmCanvas *self,
                         SmRecord *stakeholder)
{
  const char *name;

  if (_sm_canvas_is_read_only (self) || stakeholder == NULL)
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  name = sm_stakeholder_get_name (stakeholder);
  self->editing_id = g_strdup (sm_record_get_id (stakeholder));
  sm_selection_select_only (self->selection, self->editing_id);
  begin_editing (self, name != NULL ? name : "");
}

/* Adds a stakeholder called @name at map point (x, y), as one undo step,
 * selects it, says if another has the same name, and makes it where the
 * next one follows. Returns its id. */
static char *
add_named (SmCanvas   *self,
           const char *name,
           double      x,
           double      y)
{
  g_autoptr(JsonObject) data = json_object_new ();
  char *id = sm_map_make_id (self->map, SM_RECORD_STAKEHOLDER);

  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "name", name);
  json_object_set_int_member (data, "x", (gint64) x);
  json_object_set_int_member (data, "y", (gint64) y);
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_STAKEHOLDER, data));
  sm_selection_select_only (self->selection, id);
  sm_window_warn_same_name (GTK_WIDGET (self), self->map, id);
  self->have_last = TRUE;
  self->last_x = x;
  self->last_y = y;
  return id;
}

void
_sm_canvas_stop_editing (SmCanvas *self,
                         gboolean  commit,
                         gboolean  chain)
{
  g_autoptr(SmRecord) pending = NULL;
  g_autofree char *editing_id = NULL;
  g_autofree char *text = NULL;
  gboolean         added = FALSE;

  if (_sm_canvas_is_editing_note (self))
    {
      _sm_canvas_stop_note_editing (self, commit);
      return;
    }
  if (_sm_canvas_is_editing_region (self))
    {
      _sm_canvas_stop_region_editing (self, commit);
      return;
    }
  if (!_sm_canvas_is_editing (self))
    return;

  /* Leave the editing state first: moving the focus below ends up here
   * again through the entry's focus-leave handler. */
  pending = g_steal_pointer (&self->pending);
  editing_id = g_steal_pointer (&self->editing_id);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (commit && *text != '\0' && !_sm_canvas_is_read_only (self))
    {
      if (pending != NULL)
        {
          double x = 0, y = 0;

          sm_stakeholder_get_position (pending, &x, &y);
          g_free (add_named (self, text, x, y));
          _sm_canvas_set_string (&self->focus_id, NULL);
          added = TRUE;
        }
      else
        {
          SmRecord *stakeholder = _sm_canvas_lookup_stakeholder (self, editing_id);

          if (stakeholder != NULL && g_strcmp0 (sm_stakeholder_get_name (stakeholder), text) != 0)
            {
              sm_document_push (self->document, sm_command_new_set_string (stakeholder, "name", text));
              sm_window_warn_same_name (GTK_WIDGET (self), self->map, editing_id);
            }
        }
    }

  if (chain && added)
    {
      double x, y;

      /* The entry keeps the focus: the next name can be typed at once. */
      _sm_canvas_find_spot (self, &x, &y);
      _sm_canvas_begin_new (self, x, y);
      return;
    }

  if (gtk_widget_has_focus (self->entry) || gtk_widget_get_focus_child (GTK_WIDGET (self)) == self->entry)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->entry, FALSE);
  _sm_canvas_update_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
entry_activate_cb (SmCanvas *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* Enter on an empty name is how a run of additions ends. */
  if (_sm_canvas_is_editing_region (self))
    _sm_canvas_stop_region_editing (self, TRUE);
  else if (self->pending != NULL && *stripped == '\0')
    _sm_canvas_stop_editing (self, FALSE, FALSE);
  else
    _sm_canvas_stop_editing (self, TRUE, self->pending != NULL);
}

static void
entry_leave_cb (SmCanvas *self)
{
  _sm_canvas_stop_editing (self, TRUE, FALSE);
}

static gboolean
entry_key_pressed_cb (SmCanvas       *self,
                      guint           keyval,
                      guint           keycode,
                      GdkModifierType state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  _sm_canvas_stop_editing (self, FALSE, FALSE);
  return TRUE;
}

/* The entry a name is typed into, over the map. */
void
_sm_canvas_init_naming (SmCanvas *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkEventController *controller;

  self->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _ ("Name"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 12);
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Stakeholder name"), -1);
  gtk_widget_set_parent (self->entry, widget);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (entry_leave_cb), self);
  gtk_widget_add_controller (self->entry, controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, controller);
}

/* Test hooks */

GtkWidget *
_sm_canvas_test_get_entry (SmCanvas *self)
{
  return self->entry;
}

GtkWidget *
_sm_canvas_test_get_hint (SmCanvas *self)
{
  return self->hint;
}

/**
 * sm_canvas_add_named_stakeholder:
 * @name: the new stakeholder's name, not empty
 *
 * Adds a stakeholder called @name where the next name typed on the map
 * would land, selects it and keeps it in view: quick entry from outside
 * the canvas, such as the workshop's name list. One undo step.
 *
 * Returns: (transfer full) (nullable): the new stakeholder's id, or %NULL
 *   when the map cannot be edited
 */
char *
sm_canvas_add_named_stakeholder (SmCanvas   *self,
                                 const char *name)
{
  g_autofree char *id = NULL;
  double           x, y;

  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (!_sm_canvas_can_place (self))
    return NULL;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  _sm_canvas_find_spot (self, &x, &y);
  x = round (x);
  y = round (y);
  id = add_named (self, name, x, y);
  if (!is_in_view (self, x, y))
    _sm_canvas_ensure_visible (self, x, y, G_MAXDOUBLE);
  return g_steal_pointer (&id);
}

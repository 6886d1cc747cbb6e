/* sm-render-edges.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Relationships as lines: direction as arrowheads, power forms as line
 * styles, conflict as a zigzag and a power difference as chevrons. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-render-private.h"

/* Segment–rectangle test (Liang–Barsky clipping). */
gboolean
_sm_render_segment_meets_rect (double x0,
                               double y0,
                               double x1,
                               double y1,
                               double rx0,
                               double ry0,
                               double rx1,
                               double ry1)
{
  double t0 = 0, t1 = 1;
  double dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - rx0, rx1 - x0, y0 - ry0, ry1 - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
        }
      else
        {
          double t = q[i] / p[i];

          if (p[i] < 0)
            t0 = MAX (t0, t);
          else
            t1 = MIN (t1, t);
          if (t0 > t1)
            return FALSE;
        }
    }
  return TRUE;
}

double
_sm_render_point_segment_distance (double px,
                                   double py,
                                   double x0,
                                   double y0,
                                   double x1,
                                   double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

void
_sm_render_edge_read_style (Edge *edge)
{
  SmRecord   *record = edge->record;
  const char *direction = sm_record_get_enum (record, "direction");
  const char *form = sm_record_get_enum (record, "power_form");

  if (g_strcmp0 (direction, "one_way") == 0)
    edge->direction = DIRECTION_ONE_WAY;
  else if (g_strcmp0 (direction, "two_way") == 0)
    edge->direction = DIRECTION_TWO_WAY;
  else
    edge->direction = DIRECTION_UNKNOWN;

  if (g_strcmp0 (form, "hidden") == 0)
    edge->form = FORM_HIDDEN;
  else if (g_strcmp0 (form, "invisible") == 0)
    edge->form = FORM_INVISIBLE;
  else
    edge->form = FORM_PLAIN;

  edge->conflict = g_strcmp0 (sm_record_get_enum (record, "category"), "conflict_tension") == 0 ||
                   g_strcmp0 (sm_record_get_string (record, "valence"), "tension") == 0;

  edge->holder = HOLDER_NONE;
  edge->magnitude = 0;
  if (sm_record_has_value (record, "power_difference"))
    {
      const char *holder = sm_record_get_enum (record, "power_difference.holder");
      /* A difference recorded without a size still is one. */
      double magnitude = sm_record_get_number (record, "power_difference.magnitude", 1);

      edge->magnitude = (guint) CLAMP (magnitude, 0, 3);
      if (edge->magnitude > 0)
        {
          if (g_strcmp0 (holder, "source") == 0)
            edge->holder = HOLDER_SOURCE;
          else if (g_strcmp0 (holder, "target") == 0)
            edge->holder = HOLDER_TARGET;
          else if (g_strcmp0 (holder, "equal") != 0)
            edge->holder = HOLDER_UNKNOWN;
        }
    }
}

/* Where the line of a relationship is drawn: border to border, moved
 * sideways when several relationships join the same two stakeholders so
 * that each stays visible. */
gboolean
_sm_render_edge_geometry (SmRenderer *self,
                          Edge       *edge,
                          double     *x0,
                          double     *y0,
                          double     *x1,
                          double     *y1)
{
  Node      *s = _sm_render_lookup_node (self, edge->source);
  Node      *t = _sm_render_lookup_node (self, edge->target);
  double     dx, dy, d, ux, uy, bs, bt, offset = 0;
  GPtrArray *pair;

  if (!edge->placed || s == NULL || t == NULL)
    return FALSE;
  dx = t->x - s->x;
  dy = t->y - s->y;
  d = hypot (dx, dy);
  if (d < 1e-6)
    return FALSE;
  ux = dx / d;
  uy = dy / d;
  bs = _sm_render_shape_border (s->side, s->r, ux, uy);
  bt = _sm_render_shape_border (t->side, t->r, ux, uy);
  if (d <= bs + bt + 2)
    return FALSE;

  pair = g_hash_table_lookup (self->pairs, edge->pair);
  if (pair != NULL && pair->len > 1)
    {
      guint i;

      g_ptr_array_find (pair, edge, &i);
      offset = (i - (pair->len - 1) / 2.0) * PARALLEL_SPACING;
      /* Offsets are measured against the pair's own order, so two lines
       * in opposite directions do not land on each other. */
      if (strcmp (edge->source, edge->target) > 0)
        offset = -offset;
    }

  *x0 = s->x + ux * bs - uy * offset;
  *y0 = s->y + uy * bs + ux * offset;
  *x1 = t->x - ux * bt - uy * offset;
  *y1 = t->y - uy * bt + ux * offset;
  return TRUE;
}

/* Relationships */

void
_sm_render_arrowhead_path (cairo_t *cr,
                           double   tx,
                           double   ty,
                           double   ux,
                           double   uy)
{
  double bx = tx - ux * ARROW_LENGTH, by = ty - uy * ARROW_LENGTH;

  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH);
  cairo_line_to (cr, bx + ux * 2.5, by + uy * 2.5);
  cairo_line_to (cr, bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH);
  cairo_close_path (cr);
}

/* Conflict is a zigzag, which shows without colour and survives dashes. */
void
_sm_render_zigzag_path (cairo_t *cr,
                        double   x0,
                        double   y0,
                        double   x1,
                        double   y1)
{
  double dx = x1 - x0, dy = y1 - y0, len = hypot (dx, dy);
  double ux = dx / len, uy = dy / len;
  double lead = MIN (6.0, len / 4);
  int    n = MAX (2, (int) ((len - 2 * lead) / 5.0));
  double step = (len - 2 * lead) / n;

  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0 + ux * lead, y0 + uy * lead);
  for (int i = 1; i < n; i++)
    {
      double along = lead + i * step;
      double side = (i % 2 == 0 ? -3.5 : 3.5);

      cairo_line_to (cr, x0 + ux * along - uy * side, y0 + uy * along + ux * side);
    }
  cairo_line_to (cr, x1 - ux * lead, y1 - uy * lead);
  cairo_line_to (cr, x1, y1);
}

void
_sm_render_set_form_dash (cairo_t *cr,
                          Form     form,
                          double   scale)
{
  /* Zoomed out, the pattern grows so that a dash stays a few pixels long:
   * dashes finer than a pixel read as a plain line anyway, and a long
   * line of them costs cairo thousands of pieces to stroke. */
  double       f = MAX (1.0, 0.6 / scale);
  const double hidden[] = { 8.0 * f, 4.5 * f };
  const double invisible[] = { 0.1, 4.0 * f };

  switch (form)
    {
    case FORM_HIDDEN:
      cairo_set_dash (cr, hidden, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case FORM_INVISIBLE:
      /* dots: round caps on near-empty dashes */
      cairo_set_dash (cr, invisible, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;
    case FORM_PLAIN:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

/* Chevrons pointing at who holds more power, one per step of magnitude. */
void
_sm_render_draw_power_mark (cairo_t       *cr,
                            const Palette *p,
                            Holder         holder,
                            guint          magnitude,
                            double         mx,
                            double         my,
                            double         ux,
                            double         uy)
{
  if (holder == HOLDER_SOURCE)
    {
      ux = -ux;
      uy = -uy;
    }
  cairo_new_path (cr);
  if (holder == HOLDER_UNKNOWN)
    {
      /* a difference whose direction nobody could say: an open diamond */
      cairo_move_to (cr, mx - ux * 5, my - uy * 5);
      cairo_line_to (cr, mx - uy * 5, my + ux * 5);
      cairo_line_to (cr, mx + ux * 5, my + uy * 5);
      cairo_line_to (cr, mx + uy * 5, my - ux * 5);
      cairo_close_path (cr);
    }
  else
    for (guint i = 0; i < magnitude; i++)
      {
        double along = (i - (magnitude - 1) / 2.0) * 6.0 + 3;
        double cx = mx + ux * along, cy = my + uy * along;

        cairo_move_to (cr, cx - ux * 6 - uy * 4.5, cy - uy * 6 + ux * 4.5);
        cairo_line_to (cr, cx, cy);
        cairo_line_to (cr, cx - ux * 6 + uy * 4.5, cy - uy * 6 - ux * 4.5);
      }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  _sm_render_set_rgb (cr, p->background);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke_preserve (cr);
  if (holder == HOLDER_UNKNOWN)
    {
      _sm_render_set_rgb (cr, p->background);
      cairo_fill_preserve (cr);
    }
  _sm_render_set_rgb (cr, p->strong);
  cairo_set_line_width (cr, 2.2);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

void
_sm_render_draw_edge (SmRenderer          *self,
                      cairo_t             *cr,
                      const Palette       *p,
                      Edge                *edge,
                      const SmRenderState *state,
                      double               scale)
{
  const char   *id = sm_record_get_id (edge->record);
  double        x0, y0, x1, y1, ux, uy, len, sx0, sy0, sx1, sy1;
  gboolean      marks = scale >= LOD_MARKS;
  gboolean      head_end = marks && edge->direction != DIRECTION_UNKNOWN;
  gboolean      head_start = marks && edge->direction == DIRECTION_TWO_WAY;
  const double *colour = edge->conflict ? p->conflict : p->line;

  if (!_sm_render_edge_geometry (self, edge, &x0, &y0, &x1, &y1))
    return;
  len = hypot (x1 - x0, y1 - y0);
  if (len < 1e-6)
    return;
  ux = (x1 - x0) / len;
  uy = (y1 - y0) / len;

  if (_sm_render_state_has (state->highlight, id))
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      _sm_render_set_rgba (cr, p->highlight, 0.55);
      cairo_set_line_width (cr, MAX (10.0, 6.0 / scale));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
  if (_sm_render_is_selected (state, id) || g_strcmp0 (state->hover_id, id) == 0)
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      _sm_render_set_rgba (cr, p->accent, _sm_render_is_selected (state, id) ? 0.9 : 0.4);
      cairo_set_line_width (cr, MAX (6.0, 4.0 / scale));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }

  /* The line stops short of arrowheads so it does not blunt their tips. */
  sx0 = x0, sy0 = y0, sx1 = x1, sy1 = y1;
  if (head_end && len > 2 * ARROW_LENGTH)
    sx1 -= ux * (ARROW_LENGTH - 3), sy1 -= uy * (ARROW_LENGTH - 3);
  if (head_start && len > 2 * ARROW_LENGTH)
    sx0 += ux * (ARROW_LENGTH - 3), sy0 += uy * (ARROW_LENGTH - 3);

  if (edge->conflict && marks)
    _sm_render_zigzag_path (cr, sx0, sy0, sx1, sy1);
  else
    {
      cairo_move_to (cr, sx0, sy0);
      cairo_line_to (cr, sx1, sy1);
    }
  _sm_render_set_form_dash (cr, edge->form, scale);
  _sm_render_set_rgb (cr, colour);
  cairo_set_line_width (cr, MAX (EDGE_WIDTH, 0.8 / scale));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (head_end && len > 2 * ARROW_LENGTH)
    {
      _sm_render_arrowhead_path (cr, x1, y1, ux, uy);
      if (head_start)
        _sm_render_arrowhead_path (cr, x0, y0, -ux, -uy);
      cairo_fill (cr);
    }

  if (marks && edge->holder != HOLDER_NONE && len > 4 * ARROW_LENGTH)
    _sm_render_draw_power_mark (cr, p, edge->holder, edge->magnitude,
                                (x0 + x1) / 2, (y0 + y1) / 2, ux, uy);
}

/* Zoomed out, a line has no arrowheads or marks, only its colour and
 * dash. Each line is stroked on its own: cairo sweeps a path of many
 * crossing lines more slowly than the lines one by one. */
void
_sm_render_draw_plain_edges (SmRenderer          *self,
                             cairo_t             *cr,
                             const Palette       *p,
                             GPtrArray           *edges,
                             const SmRenderState *state,
                             double               scale)
{
  cairo_set_line_width (cr, MAX (EDGE_WIDTH, 0.8 / scale));
  for (guint i = 0; i < edges->len; i++)
    {
      Edge       *edge = g_ptr_array_index (edges, i);
      const char *id = sm_record_get_id (edge->record);
      double      x0, y0, x1, y1;

      if (_sm_render_state_has (state->highlight, id) || _sm_render_is_selected (state, id) ||
          g_strcmp0 (state->hover_id, id) == 0)
        {
          _sm_render_draw_edge (self, cr, p, edge, state, scale);
          cairo_set_line_width (cr, MAX (EDGE_WIDTH, 0.8 / scale));
          continue;
        }
      if (!_sm_render_edge_geometry (self, edge, &x0, &y0, &x1, &y1))
        continue;
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      _sm_render_set_form_dash (cr, edge->form, scale);
      _sm_render_set_rgb (cr, edge->conflict ? p->conflict : p->line);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Relationship labels */

#define EDGE_LABEL_SIZE 10.0
#define EDGE_LABEL_WIDTH 120.0 /* map units: wrapped beyond this */
#define EDGE_LABEL_GAP 3.0

typedef struct
{
  double x, y, width, height;
} Box;

static gboolean
boxes_meet (const Box *a,
            const Box *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether @box would cover a stakeholder, a name or a label already
 * placed. */
static gboolean
box_is_free (SmRenderer *self,
             const Box  *box,
             GPtrArray  *nodes,
             GArray     *placed)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node  *node = g_ptr_array_index (nodes, i);
      double e = _sm_render_node_extent (node);
      Box    shape = { node->x - e, node->y - e, 2 * e, 2 * e };
      Box    name;

      if (boxes_meet (box, &shape))
        return FALSE;
      _sm_render_node_label_rect (self, node, &name.x, &name.y, &name.width, &name.height);
      if (*_sm_render_node_name (self, node) != '\0' && boxes_meet (box, &name))
        return FALSE;
    }
  for (guint i = 0; i < placed->len; i++)
    if (boxes_meet (box, &g_array_index (placed, Box, i)))
      return FALSE;
  return TRUE;
}

/* The group's own words for each relationship in view, beside its line:
 * a little off the middle (where the power mark is), nearer one end or
 * the other if that covers a name, or not at all rather than over a
 * name or another label. */
void
_sm_render_draw_edge_labels (SmRenderer    *self,
                             cairo_t       *cr,
                             const Palette *p,
                             GPtrArray     *edges,
                             GPtrArray     *nodes,
                             double         vx0,
                             double         vy0,
                             double         vx1,
                             double         vy1)
{
  const Box           view[1] = { { vx0, vy0, vx1 - vx0, vy1 - vy0 } };
  static const double along[] = { 0.5, 0.32, 0.68, 0.2, 0.8 };
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));

  for (guint i = 0; i < edges->len; i++)
    {
      Edge            *edge = g_ptr_array_index (edges, i);
      const char      *label = sm_record_get_string (edge->record, "label");
      g_autofree char *text = NULL;
      double           x0, y0, x1, y1, len, nx, ny, width, height;

      if (label == NULL || *label == '\0' || !_sm_render_edge_geometry (self, edge, &x0, &y0, &x1, &y1))
        continue;
      len = hypot (x1 - x0, y1 - y0);
      if (len < 1e-6)
        continue;
      text = self->names != NULL ? sm_public_names_scrub (self->names, label) : g_strdup (label);
      _sm_render_layout_set_text (self, text, EDGE_LABEL_SIZE, FALSE, EDGE_LABEL_WIDTH, 2, PANGO_ALIGN_CENTER);
      _sm_render_layout_get_size (self, &width, &height);
      /* Beside the line, on the side away from the page's top-left, so
       * that it never sits on the line itself. */
      nx = -(y1 - y0) / len;
      ny = (x1 - x0) / len;
      if (ny < 0 || (ny == 0 && nx < 0))
        nx = -nx, ny = -ny;

      for (guint c = 0; c < G_N_ELEMENTS (along); c++)
        {
          double cx = x0 + (x1 - x0) * along[c], cy = y0 + (y1 - y0) * along[c];
          /* Far enough from the line for the whole box to clear it. */
          double off = EDGE_LABEL_GAP + fabs (nx) * width / 2 + fabs (ny) * height / 2;
          Box    box = { cx + nx * off - width / 2, cy + ny * off - height / 2, width, height };

          /* Inside the view, and over nothing. */
          if (box.x < view->x || box.y < view->y || box.x + width > view->x + view->width ||
              box.y + height > view->y + view->height || !box_is_free (self, &box, nodes, placed))
            continue;
          g_array_append_val (placed, box);
          /* Measuring names used the layout: the label again. */
          _sm_render_layout_set_text (self, text, EDGE_LABEL_SIZE, FALSE, EDGE_LABEL_WIDTH, 2, PANGO_ALIGN_CENTER);
          _sm_render_set_rgb (cr, p->text);
          cairo_move_to (cr, box.x + (width - EDGE_LABEL_WIDTH) / 2, box.y);
          _sm_render_show_layout (self, cr, p->background);
          break;
        }
    }
}

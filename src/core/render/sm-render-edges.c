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
  Node      *s, *t;
  double     dx, dy, d, ux, uy, bs, bt, offset = 0;
  GPtrArray *pair;

  if (!_sm_render_edge_ends (self, edge, &s, &t) || !_sm_render_edge_is_placed (edge))
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
  _sm_render_set_form_dash_at (cr, form, scale, 0);
}

/* The same, for a line whose path starts @offset map units along it. */
void
_sm_render_set_form_dash_at (cairo_t *cr,
                             Form     form,
                             double   scale,
                             double   offset)
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
      cairo_set_dash (cr, hidden, 2, offset);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case FORM_INVISIBLE:
      /* dots: round caps on near-empty dashes */
      cairo_set_dash (cr, invisible, 2, offset);
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

/* The parameters in (@t0, @t1) at which a + b t + c t² equals @v, added
 * to @ts (@n of them so far). */
static void
add_crossings (double  a,
               double  b,
               double  c,
               double  v,
               double  t0,
               double  t1,
               double *ts,
               int    *n)
{
  double roots[2];
  int    found = 0;

  a -= v;
  if (fabs (c) < 1e-12 * (fabs (a) + fabs (b) + 1))
    {
      if (b != 0)
        roots[found++] = -a / b;
    }
  else
    {
      double disc = b * b - 4 * c * a;

      if (disc >= 0)
        {
          /* The form that loses no digits when b² dwarfs 4ca. */
          double q = -0.5 * (b + copysign (sqrt (disc), b));

          if (q != 0)
            roots[found++] = a / q;
          roots[found++] = q / c;
        }
    }
  for (int i = 0; i < found; i++)
    if (roots[i] > t0 && roots[i] < t1)
      ts[(*n)++] = roots[i];
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The part of the curved @route from @t0 to @t1 that can show while
 * lines are clipped, as *@a to *@b; FALSE when none of it can. A quadratic
 * crosses each side of the clip at most twice: between two crossings it is
 * all in or all out, so the first and last stretches in are the ends. */
static gboolean
clip_curve (SmRenderer  *self,
            const Route *route,
            double       t0,
            double       t1,
            double      *a,
            double      *b)
{
  /* x (t) = x0 + bx t + cx t², and the same for y. */
  double   bx = 2 * (route->cx - route->x0), cx = route->x0 - 2 * route->cx + route->x1;
  double   by = 2 * (route->cy - route->y0), cy = route->y0 - 2 * route->cy + route->y1;
  double   ts[10];
  int      n = 0;
  gboolean any = FALSE;

  ts[n++] = t0;
  add_crossings (route->x0, bx, cx, self->clip[0], t0, t1, ts, &n);
  add_crossings (route->x0, bx, cx, self->clip[2], t0, t1, ts, &n);
  add_crossings (route->y0, by, cy, self->clip[1], t0, t1, ts, &n);
  add_crossings (route->y0, by, cy, self->clip[3], t0, t1, ts, &n);
  ts[n++] = t1;
  qsort (ts + 1, n - 2, sizeof (double), compare_doubles);
  for (int i = 0; i + 1 < n; i++)
    {
      double x, y;

      _sm_render_route_point (route, (ts[i] + ts[i + 1]) / 2, &x, &y);
      if (x < self->clip[0] || x > self->clip[2] || y < self->clip[1] || y > self->clip[3])
        continue;
      if (!any)
        *a = ts[i];
      *b = ts[i + 1];
      any = TRUE;
    }
  return any;
}

/* The part of @route from @t0 to @t1 that can show while lines are
 * clipped (self->clip), as *@a to *@b; FALSE when none of it can. A line
 * across the map seen close up is a few pixels of a path thousands long:
 * cairo strokes all of it, and flattens all of a curve first. */
static gboolean
clip_route (SmRenderer  *self,
            const Route *route,
            double       t0,
            double       t1,
            double      *a,
            double      *b)
{
  double dx = route->x1 - route->x0, dy = route->y1 - route->y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { route->x0 - self->clip[0], self->clip[2] - route->x0, route->y0 - self->clip[1],
                  self->clip[3] - route->y0 };

  *a = t0, *b = t1;
  if (!self->clip_lines || self->unclipped)
    return TRUE;
  if (route->curved)
    return clip_curve (self, route, t0, t1, a, b);
  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        *a = MAX (*a, q[i] / p[i]);
      else
        *b = MIN (*b, q[i] / p[i]);
      if (*a > *b)
        return FALSE;
    }
  return TRUE;
}

/* The length of @route from @t0 to @t1: for a curve, its speed summed by
 * Gauss–Legendre over short pieces, far closer than a pixel, so that the
 * dashes of the part of a curve drawn fall where those of the whole
 * curve do. */
static double
route_length_between (const Route *route,
                      double       t0,
                      double       t1)
{
  static const double nodes[] = { -0.906179845938664, -0.538469310105683, 0.0, 0.538469310105683,
                                  0.906179845938664 };
  static const double weights[] = { 0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366,
                                    0.236926885056189 };
  double              length = 0, piece = (t1 - t0) / ROUTE_SAMPLES;

  if (!route->curved)
    return (t1 - t0) * hypot (route->x1 - route->x0, route->y1 - route->y0);
  for (int i = 0; i < ROUTE_SAMPLES; i++)
    for (guint k = 0; k < G_N_ELEMENTS (nodes); k++)
      {
        double t = t0 + piece * (i + 0.5 + nodes[k] / 2);
        double dx = 2 * (1 - t) * (route->cx - route->x0) + 2 * t * (route->x1 - route->cx);
        double dy = 2 * (1 - t) * (route->cy - route->y0) + 2 * t * (route->y1 - route->cy);

        length += weights[k] / 2 * piece * hypot (dx, dy);
      }
  return length;
}

/* The route from @t0 to @t1 as a path, or the part of it that can show;
 * *@skipped: how far along it the path starts, for the dashes. FALSE when
 * nothing shows. */
static gboolean
route_path_clipped (SmRenderer  *self,
                    cairo_t     *cr,
                    const Route *route,
                    double       t0,
                    double       t1,
                    double       length,
                    double      *skipped)
{
  double a, b;

  *skipped = 0;
  if (!clip_route (self, route, t0, t1, &a, &b))
    return FALSE;
  *skipped = route->curved ? route_length_between (route, t0, a) : (a - t0) * length;
  _sm_render_route_path (cr, route, a, b);
  return TRUE;
}

/* A zigzag along @route from @t0 to @t1: conflict or tension. Only its
 * corners near the part that can show are drawn; *@skipped is the length
 * of the zigzag left out before them. FALSE when nothing shows. */
static gboolean
zigzag_route (SmRenderer  *self,
              cairo_t     *cr,
              const Route *route,
              double       length,
              double       t0,
              double       t1,
              double      *skipped)
{
  double   lead = MIN (6.0, length / 4) / length;
  int      n = MAX (2, (int) ((t1 - t0 - 2 * lead) * length / 5.0));
  double   x, y, px = 0, py = 0, a, b, step = (t1 - t0 - 2 * lead) / n;
  gboolean started = FALSE;

  *skipped = 0;
  if (!clip_route (self, route, t0, t1, &a, &b))
    return FALSE;
  /* Each corner is at its place along the line, give or take one step. */
  a -= 2 * step, b += 2 * step;
  for (int i = -2; i <= n + 2; i++)
    {
      double t;

      if (i == -2)
        t = t0;
      else if (i == -1)
        t = t0 + lead;
      else if (i == n + 1)
        t = t1 - lead;
      else if (i == n + 2)
        t = t1;
      else if (i == 0 || i == n)
        continue;
      else
        t = t0 + lead + (t1 - t0 - 2 * lead) * i / n;

      if (i >= 1 && i < n)
        {
          double ux, uy, side = (i % 2 == 0 ? -3.5 : 3.5);

          _sm_render_route_point (route, t, &x, &y);
          _sm_render_route_tangent (route, t, &ux, &uy);
          x -= uy * side, y += ux * side;
        }
      else
        _sm_render_route_point (route, t, &x, &y);

      if (t < a)
        {
          if (i > -2)
            *skipped += hypot (x - px, y - py);
        }
      else if (!started)
        {
          if (i > -2)
            {
              /* From the last corner left out, so the first segment is whole. */
              cairo_move_to (cr, px, py);
              cairo_line_to (cr, x, y);
            }
          else
            cairo_move_to (cr, x, y);
          started = TRUE;
        }
      else
        cairo_line_to (cr, x, y);
      px = x, py = y;
      if (t > b)
        break;
    }
  *skipped = MAX (*skipped, 0);
  return started;
}

/* Lays the part of @route from @t0 to @t1 that can show into the batch
 * in @colour, @width map units wide; painting what is there first when
 * its colour is another. */
static void
batch_line (SmRenderer   *self,
            cairo_t      *cr,
            const Route  *route,
            double        t0,
            double        t1,
            const double *colour,
            double        width)
{
  double a, b;

  if (self->lines->colour != colour)
    {
      _sm_render_lines_flush (self, cr);
      self->lines->colour = colour;
    }
  if (clip_route (self, route, t0, t1, &a, &b))
    _sm_render_lines_add_route (self, route, a, b, width * self->lines->matrix.xx);
}

static void
draw_mark (cairo_t        *cr,
           const Palette  *p,
           const EdgeMark *mark)
{
  if (mark->head)
    {
      _sm_render_arrowhead_path (cr, mark->x, mark->y, mark->ux, mark->uy);
      _sm_render_set_rgb (cr, mark->colour);
      cairo_fill (cr);
    }
  else
    _sm_render_draw_power_mark (cr, p, mark->holder, mark->magnitude, mark->x, mark->y, mark->ux, mark->uy);
}

/* An arrowhead or a power mark: drawn at once, or, while names are to be
 * placed, kept to be drawn over them (so that no name ever covers one)
 * and its place given to the names to avoid where they can. */
static void
put_mark (SmRenderer     *self,
          cairo_t        *cr,
          const Palette  *p,
          const EdgeMark *mark)
{
  double half, cx = mark->x, cy = mark->y, box[4];

  if (self->edge_marks == NULL)
    {
      draw_mark (cr, p, mark);
      return;
    }
  g_array_append_val (self->edge_marks, *mark);
  if (mark->head)
    {
      half = ARROW_LENGTH / 2 + 1;
      cx -= mark->ux * ARROW_LENGTH / 2, cy -= mark->uy * ARROW_LENGTH / 2;
    }
  else
    half = 3.0 * MAX (mark->magnitude, 1) + 6;
  box[0] = cx - half, box[1] = cy - half, box[2] = box[3] = 2 * half;
  if (self->heads_room != NULL)
    _sm_render_room_take (self->heads_room, box);
}

/* The arrowheads and power marks kept while names were placed. */
void
_sm_render_draw_edge_marks (SmRenderer    *self,
                            cairo_t       *cr,
                            const Palette *p,
                            GArray        *marks)
{
  for (guint i = 0; i < marks->len; i++)
    draw_mark (cr, p, &g_array_index (marks, EdgeMark, i));
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
  double        len, ux, uy, t0 = 0, t1 = 1;
  gboolean      marks = scale >= LOD_MARKS;
  gboolean      head_end = marks && edge->direction != DIRECTION_UNKNOWN;
  gboolean      head_start = marks && edge->direction == DIRECTION_TWO_WAY;
  const double *colour = edge->conflict ? p->conflict : p->line;
  Route         route;
  double        skipped;
  gboolean      picked = _sm_render_state_has (state->highlight, id) || _sm_render_is_selected (state, id) ||
                    g_strcmp0 (state->hover_id, id) == 0;
  /* Into the batch's mask: a solid line with nothing drawn under it and
   * nothing but an arrowhead of its own colour over it until the mask is
   * painted. */
  gboolean batched = self->lines != NULL && !picked && edge->form == FORM_PLAIN && !(edge->conflict && marks) &&
                     !(marks && edge->holder != HOLDER_NONE && self->edge_marks == NULL);

  if (!_sm_render_edge_route (self, edge, &route))
    return;
  len = _sm_render_route_length (&route);
  if (len < 1e-6)
    return;
  if (!batched)
    _sm_render_lines_flush (self, cr);

  if (_sm_render_state_has (state->highlight, id))
    {
      _sm_render_route_path (cr, &route, 0, 1);
      _sm_render_set_rgba (cr, p->highlight, 0.55);
      cairo_set_line_width (cr, MAX (10.0, 6.0 / scale));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
  _sm_render_draw_compare_edge (self, cr, p->background[0] < 0.5, id, &route, scale);
  if (_sm_render_is_selected (state, id) || g_strcmp0 (state->hover_id, id) == 0)
    {
      _sm_render_route_path (cr, &route, 0, 1);
      _sm_render_set_rgba (cr, p->accent, _sm_render_is_selected (state, id) ? 0.9 : 0.4);
      cairo_set_line_width (cr, MAX (6.0, 4.0 / scale));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }

  /* The line stops short of arrowheads so it does not blunt their tips. */
  if (head_end && len > 2 * ARROW_LENGTH)
    t1 = 1 - (ARROW_LENGTH - 3) / len;
  if (head_start && len > 2 * ARROW_LENGTH)
    t0 = (ARROW_LENGTH - 3) / len;

  if (batched)
    batch_line (self, cr, &route, t0, t1, colour, MAX (p->edge_width, 0.8 / scale));
  else if (edge->conflict && marks ? zigzag_route (self, cr, &route, len, t0, t1, &skipped)
                                   : route_path_clipped (self, cr, &route, t0, t1, len, &skipped))
    {
      _sm_render_set_form_dash_at (cr, edge->form, scale, skipped);
      _sm_render_set_rgb (cr, colour);
      cairo_set_line_width (cr, MAX (p->edge_width, 0.8 / scale));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }

  if (head_end && len > 2 * ARROW_LENGTH)
    {
      _sm_render_route_tangent (&route, 1, &ux, &uy);
      put_mark (self, cr, p, &(EdgeMark) { TRUE, route.x1, route.y1, ux, uy, colour, HOLDER_NONE, 0 });
      if (head_start)
        {
          _sm_render_route_tangent (&route, 0, &ux, &uy);
          put_mark (self, cr, p, &(EdgeMark) { TRUE, route.x0, route.y0, -ux, -uy, colour, HOLDER_NONE, 0 });
        }
    }

  if (marks && edge->holder != HOLDER_NONE && len > 4 * ARROW_LENGTH)
    {
      double mx, my;

      _sm_render_route_point (&route, 0.5, &mx, &my);
      _sm_render_route_tangent (&route, 0.5, &ux, &uy);
      put_mark (self, cr, p, &(EdgeMark) { FALSE, mx, my, ux, uy, NULL, edge->holder, edge->magnitude });
    }
}

/* Zoomed out, a line has no arrowheads or marks, only its colour and
 * dash. On pixels a solid line goes into the batch's mask; any other is
 * stroked on its own: cairo sweeps a path of many crossing lines more
 * slowly than the lines one by one. */
void
_sm_render_draw_plain_edges (SmRenderer          *self,
                             cairo_t             *cr,
                             const Palette       *p,
                             GPtrArray           *edges,
                             const SmRenderState *state,
                             double               scale)
{
  cairo_set_line_width (cr, MAX (p->edge_width, 0.8 / scale));
  for (guint i = 0; i < edges->len; i++)
    {
      Edge       *edge = g_ptr_array_index (edges, i);
      const char *id = sm_record_get_id (edge->record);
      Route       route;
      double      skipped;

      if (_sm_render_state_has (state->highlight, id) || _sm_render_is_selected (state, id) ||
          g_strcmp0 (state->hover_id, id) == 0)
        {
          _sm_render_draw_edge (self, cr, p, edge, state, scale);
          cairo_set_line_width (cr, MAX (p->edge_width, 0.8 / scale));
          continue;
        }
      if (!_sm_render_edge_route (self, edge, &route))
        continue;
      if (self->lines != NULL && edge->form == FORM_PLAIN)
        {
          batch_line (self, cr, &route, 0, 1, edge->conflict ? p->conflict : p->line,
                      MAX (p->edge_width, 0.8 / scale));
          continue;
        }
      _sm_render_lines_flush (self, cr);
      if (!route_path_clipped (self, cr, &route, 0, 1, _sm_render_route_length (&route), &skipped))
        continue;
      _sm_render_set_form_dash_at (cr, edge->form, scale, skipped);
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
#define EDGE_LABEL_MIN 10.0 /* screen pixels: zoomed out, labels grow to stay this size */

/* The group's own words for each relationship in view, beside its line:
 * a little off the middle (where the power mark is), nearer one end or
 * the other if that covers something, or not at all rather than over a
 * stakeholder, a name, a note or another label (@room holds what is
 * taken). Zoomed out they grow to stay readable, and fewer find room. */
void
_sm_render_draw_edge_labels (SmRenderer    *self,
                             cairo_t       *cr,
                             const Palette *p,
                             GPtrArray     *edges,
                             Room          *room,
                             double         scale,
                             double         vx0,
                             double         vy0,
                             double         vx1,
                             double         vy1)
{
  static const double along[] = { 0.5, 0.32, 0.68, 0.2, 0.8 };
  /* Larger when names are (on a projector, say). */
  double least = EDGE_LABEL_MIN * self->name_min / SM_RENDER_NAME_MIN_SIZE;
  double zoom = MAX (1.0, least / (EDGE_LABEL_SIZE * scale));
  double size = EDGE_LABEL_SIZE * zoom, wrap = EDGE_LABEL_WIDTH * zoom;

  for (guint i = 0; i < edges->len; i++)
    {
      Edge            *edge = g_ptr_array_index (edges, i);
      const char      *label = sm_record_get_string (edge->record, "label");
      g_autofree char *text = NULL;
      double           width, height;
      Route            route;

      if (label == NULL || *label == '\0' || !_sm_render_edge_route (self, edge, &route))
        continue;
      text = self->names != NULL ? sm_public_names_scrub (self->names, label) : g_strdup (label);
      _sm_render_layout_set_text (self, text, size, FALSE, wrap, 2, PANGO_ALIGN_CENTER);
      _sm_render_layout_get_size (self, &width, &height);
      for (guint c = 0; c < G_N_ELEMENTS (along); c++)
        {
          double cx, cy, nx, ny;

          /* Beside the line, below or right of it, so that it never sits
           * on the line itself. */
          _sm_render_route_point (&route, along[c], &cx, &cy);
          _sm_render_route_tangent (&route, along[c], &ny, &nx);
          nx = -nx;
          if (ny < 0 || (ny == 0 && nx < 0))
            nx = -nx, ny = -ny;
          /* Far enough from the line for the whole box to clear it. */
          double off = EDGE_LABEL_GAP * zoom + fabs (nx) * width / 2 + fabs (ny) * height / 2;
          double box[4] = { cx + nx * off - width / 2, cy + ny * off - height / 2, width, height };

          /* Inside the view, and over nothing. */
          if (box[0] < vx0 || box[1] < vy0 || box[0] + width > vx1 || box[1] + height > vy1 ||
              !_sm_render_room_free (room, box))
            continue;
          _sm_render_room_take (room, box);
          _sm_render_set_rgb (cr, p->text);
          cairo_move_to (cr, box[0] + (width - wrap) / 2, box[1]);
          _sm_render_show_layout (self, cr, p->background);
          break;
        }
    }
}

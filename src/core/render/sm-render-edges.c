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

  if (!edge->placed || !_sm_render_edge_ends (self, edge, &s, &t))
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

/* Routes: a relationship never passes through a stakeholder it does not
 * connect. Where its straight line would, it bends around as a smooth
 * curve (a quadratic Bézier bowed to the side that needs the least
 * bend), with its ends on the shapes' borders facing the curve. */

#define ROUTE_CLEARANCE 8.0 /* map units between a curve and a stakeholder it passes */
#define ROUTE_MAX_BEND 0.7  /* of the line's length: the most a curve bows */
#define ROUTE_SAMPLES 16

void
_sm_render_route_point (const Route *route,
                        double       t,
                        double      *x,
                        double      *y)
{
  double u = 1 - t;

  if (!route->curved)
    {
      *x = route->x0 + (route->x1 - route->x0) * t;
      *y = route->y0 + (route->y1 - route->y0) * t;
      return;
    }
  *x = u * u * route->x0 + 2 * u * t * route->cx + t * t * route->x1;
  *y = u * u * route->y0 + 2 * u * t * route->cy + t * t * route->y1;
}

/* The unit direction of travel at @t. */
void
_sm_render_route_tangent (const Route *route,
                          double       t,
                          double      *ux,
                          double      *uy)
{
  double dx, dy, d;

  if (!route->curved)
    dx = route->x1 - route->x0, dy = route->y1 - route->y0;
  else
    {
      dx = 2 * (1 - t) * (route->cx - route->x0) + 2 * t * (route->x1 - route->cx);
      dy = 2 * (1 - t) * (route->cy - route->y0) + 2 * t * (route->y1 - route->cy);
    }
  d = hypot (dx, dy);
  *ux = d > 0 ? dx / d : 1;
  *uy = d > 0 ? dy / d : 0;
}

double
_sm_render_route_length (const Route *route)
{
  double length = 0, px = route->x0, py = route->y0;

  if (!route->curved)
    return hypot (route->x1 - route->x0, route->y1 - route->y0);
  for (int i = 1; i <= ROUTE_SAMPLES; i++)
    {
      double x, y;

      _sm_render_route_point (route, (double) i / ROUTE_SAMPLES, &x, &y);
      length += hypot (x - px, y - py);
      px = x, py = y;
    }
  return length;
}

double
_sm_render_route_distance (const Route *route,
                           double       x,
                           double       y)
{
  double best = G_MAXDOUBLE, px = route->x0, py = route->y0;

  if (!route->curved)
    return _sm_render_point_segment_distance (x, y, route->x0, route->y0, route->x1, route->y1);
  for (int i = 1; i <= ROUTE_SAMPLES; i++)
    {
      double qx, qy;

      _sm_render_route_point (route, (double) i / ROUTE_SAMPLES, &qx, &qy);
      best = MIN (best, _sm_render_point_segment_distance (x, y, px, py, qx, qy));
      px = qx, py = qy;
    }
  return best;
}

/* The route from @t0 to @t1 as a path. */
void
_sm_render_route_path (cairo_t     *cr,
                       const Route *route,
                       double       t0,
                       double       t1)
{
  double x0, y0, x1, y1;

  _sm_render_route_point (route, t0, &x0, &y0);
  _sm_render_route_point (route, t1, &x1, &y1);
  cairo_move_to (cr, x0, y0);
  if (!route->curved)
    cairo_line_to (cr, x1, y1);
  else
    {
      /* The part from t0 to t1 of a quadratic is a quadratic whose
       * control point is where the tangents at its ends meet. */
      double cx = (1 - t0) * ((1 - t1) * route->x0 + t1 * route->cx) + t0 * ((1 - t1) * route->cx + t1 * route->x1);
      double cy = (1 - t0) * ((1 - t1) * route->y0 + t1 * route->cy) + t0 * ((1 - t1) * route->cy + t1 * route->y1);

      cairo_curve_to (cr, x0 + 2.0 / 3 * (cx - x0), y0 + 2.0 / 3 * (cy - y0), x1 + 2.0 / 3 * (cx - x1),
                      y1 + 2.0 / 3 * (cy - y1), x1, y1);
    }
}

/* The stakeholders within @reach of the straight line from (x0, y0) to
 * (x1, y1), each once, into self->route_scratch. A long line is looked
 * along in short boxes: one box round all of it would hold half the map. */
static void
collect_near (SmRenderer *self,
              double      x0,
              double      y0,
              double      x1,
              double      y1,
              double      reach)
{
  GPtrArray *near = self->route_scratch;
  double     len = hypot (x1 - x0, y1 - y0);
  int        steps = MAX (1, (int) ceil (len / MAX (4 * reach, 200.0)));
  guint      kept = 0;

  g_ptr_array_set_size (near, 0);
  self->route_stamp++;
  for (int i = 0; i < steps; i++)
    {
      double ax = x0 + (x1 - x0) * i / steps, ay = y0 + (y1 - y0) * i / steps;
      double bx = x0 + (x1 - x0) * (i + 1) / steps, by = y0 + (y1 - y0) * (i + 1) / steps;

      sm_index_query (self->node_index, MIN (ax, bx) - reach, MIN (ay, by) - reach, fabs (bx - ax) + 2 * reach,
                      fabs (by - ay) + 2 * reach, near);
      for (guint k = kept; k < near->len; k++)
        {
          Node *node = g_ptr_array_index (near, k);

          if (node->route_stamp == self->route_stamp)
            continue;
          node->route_stamp = self->route_stamp;
          near->pdata[kept++] = node;
        }
      g_ptr_array_set_size (near, kept);
    }
}

/* The index routes look in holds each stakeholder's shape alone, as a
 * square round the circle of its extent, and stands for it by a RouteSpot:
 * what routing reads of it, side by side in one array. The renderer's own
 * index holds the room for each name too (150 units wide and two lines
 * below), and its items are the Nodes, each read from wherever it was
 * allocated: looking up the stakeholders near a line and reading them were
 * most of routing the lines a pan brings into view of a laid-out map, and
 * most of that was waiting for memory. Kept in step with the renderer's
 * index once made; made again by the first route after everything moved. */
#define ROUTE_INDEX_CELL 512.0

typedef struct
{
  Node  *node; /* NULL: not used */
  double x, y; /* node->x, node->y */
  double extent;
  guint  id_hash; /* g_str_hash (node->id) */
  guint  stamp;   /* as Node.route_stamp */
} RouteSpot;

void
_sm_render_route_index_place (SmRenderer *self,
                              Node       *node)
{
  RouteSpot *spot;
  double     e;

  if (self->route_index == NULL)
    return;
  if (!node->placed)
    {
      _sm_render_route_index_remove (self, node);
      return;
    }
  if (node->route_spot == 0)
    {
      if (self->route_free->len > 0)
        {
          node->route_spot = g_array_index (self->route_free, guint, self->route_free->len - 1) + 1;
          g_array_set_size (self->route_free, self->route_free->len - 1);
        }
      else
        {
          g_array_set_size (self->route_spots, self->route_spots->len + 1);
          node->route_spot = self->route_spots->len;
        }
    }
  spot = &g_array_index (self->route_spots, RouteSpot, node->route_spot - 1);
  e = _sm_render_node_extent (node);
  *spot = (RouteSpot) { node, node->x, node->y, e, node->id != NULL ? g_str_hash (node->id) : 0, 0 };
  self->route_extent = MAX (self->route_extent, e);
  sm_index_set_box (self->route_index, GUINT_TO_POINTER (node->route_spot), node->x - e, node->y - e, node->x + e,
                    node->y + e);
}

void
_sm_render_route_index_remove (SmRenderer *self,
                               Node       *node)
{
  guint at;

  if (self->route_index == NULL || node->route_spot == 0)
    return;
  at = node->route_spot - 1;
  sm_index_remove (self->route_index, GUINT_TO_POINTER (node->route_spot));
  g_array_index (self->route_spots, RouteSpot, at).node = NULL;
  g_array_append_val (self->route_free, at);
  node->route_spot = 0;
}

/* Drops the index routes look in, to be made again when one does. */
void
_sm_render_route_index_clear (SmRenderer *self)
{
  if (self->route_index == NULL)
    return;
  for (guint i = 0; i < self->route_spots->len; i++)
    {
      RouteSpot *spot = &g_array_index (self->route_spots, RouteSpot, i);

      if (spot->node != NULL)
        spot->node->route_spot = 0;
    }
  g_clear_pointer (&self->route_index, sm_index_free);
  g_clear_pointer (&self->route_spots, g_array_unref);
  g_clear_pointer (&self->route_free, g_array_unref);
  self->route_extent = 0;
}

typedef struct
{
  double column, row;
  Node  *node;
} Placed;

static int
placed_compare (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a, *pb = b;

  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  if (pa->row != pb->row)
    return pa->row < pb->row ? -1 : 1;
  return 0;
}

/* The index routes look in, made if need be. It is filled column of cells
 * by column, as a look-up walks it, so that the stakeholders of a cell lie
 * side by side in its memory: a look-up along a line visits thousands of
 * them, and in the order of the map's file each was a cache miss. */
static SmIndex *
route_index (SmRenderer *self)
{
  g_autoptr(GArray) placed = NULL;
  GHashTableIter iter;
  gpointer       value;

  if (self->route_index != NULL)
    return self->route_index;
  placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), g_hash_table_size (self->nodes));
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node  *node = value;
      Placed p = { floor (node->x / ROUTE_INDEX_CELL), floor (node->y / ROUTE_INDEX_CELL), node };

      if (node->placed)
        g_array_append_val (placed, p);
    }
  g_array_sort (placed, placed_compare);
  self->route_index = sm_index_new (ROUTE_INDEX_CELL);
  self->route_spots = g_array_sized_new (FALSE, FALSE, sizeof (RouteSpot), placed->len);
  self->route_free = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < placed->len; i++)
    _sm_render_route_index_place (self, g_array_index (placed, Placed, i).node);
  return self->route_index;
}

/* Finding one relationship's route tries up to a few dozen bows, each
 * looking at the stakeholders near its line. They are found in the index
 * once, along the line itself (again only when a bow reaches further than
 * any before), with where each lies against the line, and every bow goes
 * through that list: looking each bow up afresh, in boxes along the line,
 * was most of a pan over a laid-out map, where half the lines that come
 * into view must bow.
 *
 * The list may hold more than a bow needs, never less: a stakeholder a
 * bow's tests below can find has its centre across the line by less than
 * half the bow and its extent and ROUTE_CLEARANCE, and past neither end by
 * more than its extent and ROUTE_CLEARANCE, so part of the square round it
 * lies within `reach - 2 * EDGE_MARGIN` of the line (the curve is never
 * further from it than half the bow) and between the ends; the index of
 * shapes (route_index ()) is asked for every square that meets the
 * rectangle `reach` to either side of the line, from the largest extent
 * and ROUTE_CLEARANCE before its start to as far past its end. The tests
 * are exact, and neither counting hits nor
 * taking the largest bow needed depends on the order, so the route is
 * the one each bow's own look-up found (plain_routes looks them up so,
 * for tests to compare). */
typedef struct
{
  Node  *node;
  double x, y;   /* node->x, node->y */
  double along;  /* from the line's start, along it, map units */
  double t;      /* the same as a share of the line */
  double side;   /* across the line, + on the left */
  double extent; /* _sm_render_node_extent () */
} NearNode;

typedef struct
{
  SmRenderer *self;
  Edge       *edge;
  double      x0, y0, x1, y1;
  double      len, nx, ny;
  double      reach;                    /* of the look-up the list came from; 0: none yet */
  guint       source_hash, target_hash; /* g_str_hash () of the ends' ids */
  double      slack;                    /* far more than rounding, in map units */
  GArray     *near;                     /* NearNode: everyone within reach but the ends */
} Routing;

/* Makes @routing's list hold everyone near the line within @reach. A
 * look-up that has to reach further reaches twice as far as the last, so
 * a bow that grows round after round costs a few of them, and adds only
 * those it had not listed (marked with the route's stamp). */
static void
routing_reach (Routing *routing,
               double   reach)
{
  SmRenderer *self = routing->self;
  GPtrArray  *found = self->route_scratch;
  double      dx = routing->x1 - routing->x0, dy = routing->y1 - routing->y0;
  SmIndex    *index;

  if (self->plain_routes)
    {
      /* As each bow once looked: its own boxes along the line, everyone
       * they hold listed, for tests to compare with. */
      collect_near (self, routing->x0, routing->y0, routing->x1, routing->y1, reach);
      g_array_set_size (routing->near, 0);
      for (guint i = 0; i < found->len; i++)
        {
          Node    *node = g_ptr_array_index (found, i);
          NearNode near = { node, node->x, node->y };

          if (!node->placed || g_str_equal (node->id, routing->edge->source) ||
              g_str_equal (node->id, routing->edge->target))
            continue;
          near.along = ((node->x - routing->x0) * dx + (node->y - routing->y0) * dy) / routing->len;
          near.t = ((node->x - routing->x0) * dx + (node->y - routing->y0) * dy) / (routing->len * routing->len);
          near.side = (node->x - routing->x0) * routing->nx + (node->y - routing->y0) * routing->ny;
          near.extent = _sm_render_node_extent (node);
          g_array_append_val (routing->near, near);
        }
      g_ptr_array_set_size (found, 0);
      return;
    }
  if (reach <= routing->reach)
    return;
  reach = MAX (reach, 2 * routing->reach);
  if (routing->reach == 0)
    self->route_stamp++;
  g_ptr_array_set_size (found, 0);
  /* Past the line's ends, only as far as the filter below lets through. */
  index = route_index (self);
  sm_index_query_near_segment (index, routing->x0, routing->y0, routing->x1, routing->y1, reach,
                               self->route_extent + ROUTE_CLEARANCE, found);
  for (guint i = 0; i < found->len; i++)
    {
      RouteSpot *spot = &g_array_index (self->route_spots, RouteSpot, GPOINTER_TO_UINT (found->pdata[i]) - 1);
      NearNode   near;

      if (spot->stamp == self->route_stamp)
        continue;
      /* The very expressions each bow's own look-up used. */
      near.node = spot->node;
      near.x = spot->x, near.y = spot->y;
      near.along = ((spot->x - routing->x0) * dx + (spot->y - routing->y0) * dy) / routing->len;
      near.t = ((spot->x - routing->x0) * dx + (spot->y - routing->y0) * dy) / (routing->len * routing->len);
      near.side = (spot->x - routing->x0) * routing->nx + (spot->y - routing->y0) * routing->ny;
      near.extent = spot->extent;
      /* A bow meets only those across the line by less than half of it
       * and their own clearance, and a sample or an obstacle is never
       * past either end by more than that clearance. Those further away
       * are looked at again when a bow reaches further. */
      if (fabs (near.side) > reach + near.extent || near.along < -(near.extent + ROUTE_CLEARANCE) ||
          near.along > routing->len + near.extent + ROUTE_CLEARANCE)
        continue;
      spot->stamp = self->route_stamp;
      /* The ends' names are compared only where their hashes match. */
      if ((spot->id_hash == routing->source_hash && g_strcmp0 (spot->node->id, routing->edge->source) == 0) ||
          (spot->id_hash == routing->target_hash && g_strcmp0 (spot->node->id, routing->edge->target) == 0))
        continue;
      g_array_append_val (routing->near, near);
    }
  g_ptr_array_set_size (found, 0);
  routing->reach = reach;
}

/* How far the route must bow, to each side, to clear the stakeholders
 * near its straight line that it does not connect; FALSE when none is in
 * the way. */
static gboolean
route_obstacles (Routing *routing,
                 double   bow,
                 double  *need_left,
                 double  *need_right)
{
  gboolean any = FALSE;

  *need_left = *need_right = 0;
  routing_reach (routing, fabs (bow) / 2 + EDGE_MARGIN * 2 + ROUTE_CLEARANCE);
  for (guint i = 0; i < routing->near->len; i++)
    {
      const NearNode *near = &g_array_index (routing->near, NearNode, i);
      double          clear, spread, curve;

      if (near->t <= 0.02 || near->t >= 0.98)
        continue;
      clear = near->extent + ROUTE_CLEARANCE;
      curve = 2 * near->t * (1 - near->t) * bow; /* where the current bow puts the curve */
      if (fabs (near->side - curve) >= clear)
        continue;
      any = TRUE;
      spread = 2 * near->t * (1 - near->t);
      /* To pass on the left the curve must be at side + clear, on the
       * right at side - clear. */
      *need_left = MAX (*need_left, (near->side + clear) / spread);
      *need_right = MAX (*need_right, (clear - near->side) / spread);
    }
  return any;
}

/* How many stakeholders the curve bowed by @bow passes through. */
static guint
route_hits (Routing *routing,
            double   bow)
{
  double x0 = routing->x0, y0 = routing->y0, x1 = routing->x1, y1 = routing->y1;
  double len = routing->len, nx = routing->nx, ny = routing->ny;
  guint  hits = 0;

  routing_reach (routing, fabs (bow) / 2 + EDGE_MARGIN * 2);
  for (guint i = 0; i < routing->near->len; i++)
    {
      const NearNode *near = &g_array_index (routing->near, NearNode, i);
      double          reach_node = near->extent + ROUTE_CLEARANCE / 2;
      double          r2 = reach_node * reach_node;
      double          first, last;

      /* The curve is never further from the line than half the bow: a
       * stakeholder further across than that and its own reach is
       * missed by every sample. */
      if (fabs (near->side) - fabs (bow) / 2 >= reach_node + routing->slack && !routing->self->plain_routes)
        continue;
      /* A sample moves out from the chord, never along it: only those
       * whose place along the chord is within reach of the stakeholder's
       * can meet it. On a long line that is one or two of them. */
      first = ceil ((near->along - reach_node - routing->slack) / len * (ROUTE_SAMPLES * 2));
      last = floor ((near->along + reach_node + routing->slack) / len * (ROUTE_SAMPLES * 2));
      /* The curve, sampled: the chord's point at t, moved out by the bow. */
      for (int k = (int) MAX (first, 1); k < ROUTE_SAMPLES * 2 && k <= last; k++)
        {
          double t = (double) k / (ROUTE_SAMPLES * 2), off = 2 * t * (1 - t) * bow;
          double x = x0 + (x1 - x0) * t + nx * off, y = y0 + (y1 - y0) * t + ny * off;
          double ex = x - near->x, ey = y - near->y, d2 = ex * ex + ey * ey;

          /* hypot () only where the square of the distance is too close
           * to call: its rounding is far below that margin. */
          if (d2 > r2 * (1 + 1e-9))
            continue;
          if (d2 < r2 * (1 - 1e-9) || hypot (ex, ey) < reach_node)
            {
              hits++;
              break;
            }
        }
    }
  return hits;
}

/* Whether @route as drawn passes through a stakeholder @edge does not
 * connect. */
static gboolean
route_passes_through (SmRenderer  *self,
                      Edge        *edge,
                      const Route *route,
                      double       bow)
{
  GPtrArray *near = self->route_scratch;
  gboolean   hit = FALSE;

  collect_near (self, route->x0, route->y0, route->x1, route->y1, fabs (bow) + EDGE_MARGIN * 2);
  for (guint i = 0; i < near->len && !hit; i++)
    {
      Node  *node = g_ptr_array_index (near, i);
      double reach_node = _sm_render_node_extent (node) + ROUTE_CLEARANCE / 2;

      if (!node->placed || g_str_equal (node->id, edge->source) || g_str_equal (node->id, edge->target))
        continue;
      for (int k = 1; k < ROUTE_SAMPLES * 2 && !hit; k++)
        {
          double x, y;

          _sm_render_route_point (route, (double) k / (ROUTE_SAMPLES * 2), &x, &y);
          hit = hypot (x - node->x, y - node->y) < reach_node;
        }
    }
  g_ptr_array_set_size (near, 0);
  return hit;
}

/* The route of @edge, bowed around what is in the way, from (x0, y0) to
 * (x1, y1) on the shapes' borders. */
static void
find_route (SmRenderer *self,
            Edge       *edge,
            double      x0,
            double      y0,
            double      x1,
            double      y1,
            Route      *route)
{
  Node    *s, *t;
  double   len, nx, ny, bow = 0;
  gboolean clear;
  Routing  routing = { self, edge, x0, y0, x1, y1 };

  len = hypot (x1 - x0, y1 - y0);
  nx = -(y1 - y0) / len;
  ny = (x1 - x0) / len;
  routing.len = len, routing.nx = nx, routing.ny = ny;
  routing.source_hash = edge->source != NULL ? g_str_hash (edge->source) : 0;
  routing.target_hash = edge->target != NULL ? g_str_hash (edge->target) : 0;
  /* Rounding in the samples of route_hits() is far smaller than this. */
  routing.slack = 1e-9 * (fabs (x0) + fabs (y0) + fabs (x1) + fabs (y1) + len) + 1e-9;
  if (self->route_near == NULL)
    self->route_near = g_array_new (FALSE, FALSE, sizeof (NearNode));
  routing.near = self->route_near;
  g_array_set_size (routing.near, 0);

  /* Bow each way in turn, looking again along the bowed curve, which may
   * meet others, until it is clear or bows as far as it may; keep the
   * clear one that bows least, else the one that passes fewest. */
  {
    double best_bow = 0;
    guint  best_hits = route_hits (&routing, 0);

    for (int sign = -1; sign <= 1 && best_hits > 0; sign += 2)
      {
        double way = 0;
        guint  hits = best_hits;

        for (int round = 0; round < 8 && hits > 0; round++)
          {
            double left, right, next;

            route_obstacles (&routing, way, &left, &right);
            next = sign > 0 ? MAX (way, left) : MIN (way, -right);
            next = CLAMP (next, -ROUTE_MAX_BEND * len, ROUTE_MAX_BEND * len);
            if (next == way)
              break;
            way = next;
            hits = route_hits (&routing, way);
          }
        if (hits < best_hits || (hits == best_hits && hits == 0 && fabs (way) < fabs (best_bow)))
          best_bow = way, best_hits = hits;
      }
    bow = best_bow;
    clear = best_hits == 0;
  }
  if (bow == 0)
    return;

  /* The control point, twice the bow out from the middle; the ends move
   * round the shapes to face it. */
  s = _sm_render_lookup_node (self, edge->source);
  t = _sm_render_lookup_node (self, edge->target);
  route->curved = TRUE;
  route->cx = (x0 + x1) / 2 + nx * bow;
  route->cy = (y0 + y1) / 2 + ny * bow;
  {
    double dx = route->cx - s->x, dy = route->cy - s->y, d = hypot (dx, dy), b;

    if (d > 1e-6)
      {
        b = _sm_render_shape_border (s->side, s->r, dx / d, dy / d);
        route->x0 = s->x + dx / d * b, route->y0 = s->y + dy / d * b;
      }
    dx = route->cx - t->x, dy = route->cy - t->y, d = hypot (dx, dy);
    if (d > 1e-6)
      {
        b = _sm_render_shape_border (t->side, t->r, dx / d, dy / d);
        route->x1 = t->x + dx / d * b, route->y1 = t->y + dy / d * b;
      }
  }
  /* Moved round the shapes, the ends can swing the curve into someone
   * the bow was chosen to clear: then they stay where it was planned. */
  if (clear && route_passes_through (self, edge, route, bow))
    {
      route->x0 = x0, route->y0 = y0;
      route->x1 = x1, route->y1 = y1;
    }
}

/* Something was placed, moved or reshaped: every route may have changed. */
void
_sm_render_forget_routes (SmRenderer *self)
{
  /* 0 means "never routed"; after four billion changes, wrap past it. */
  if (++self->shape_stamp == 0)
    {
      GHashTableIter iter;
      gpointer       value;

      g_hash_table_iter_init (&iter, self->edges);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        ((Edge *) value)->routed_at = 0;
      self->shape_stamp = 1;
    }
}

/* Where @edge is drawn: straight between the shapes' borders, or bowed
 * around what is in the way. FALSE when it has nothing to draw. Finding
 * the bow looks along the line at everyone near it, which costs more than
 * drawing the line: it is found once and kept until something moves. */
gboolean
_sm_render_edge_route (SmRenderer *self,
                       Edge       *edge,
                       Route      *route)
{
  double x0, y0, x1, y1;

  memset (route, 0, sizeof *route);
  if (!_sm_render_edge_geometry (self, edge, &x0, &y0, &x1, &y1))
    return FALSE;
  route->x0 = x0, route->y0 = y0, route->x1 = x1, route->y1 = y1;
  /* A line far longer than the view crosses it from off screen: bowing
   * it would swing it right across; it stays straight. */
  if (hypot (x1 - x0, y1 - y0) > self->route_limit)
    return TRUE;
  if (edge->routed_at == self->shape_stamp)
    {
      if (edge->bowed != NULL)
        *route = *edge->bowed;
      return TRUE;
    }
  find_route (self, edge, x0, y0, x1, y1, route);
  /* Most lines go straight: only a bow takes memory. */
  if (route->curved)
    {
      if (edge->bowed == NULL)
        edge->bowed = g_new (Route, 1);
      *edge->bowed = *route;
    }
  else
    g_clear_pointer (&edge->bowed, g_free);
  edge->routed_at = self->shape_stamp;
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

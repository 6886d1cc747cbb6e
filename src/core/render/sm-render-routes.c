/* sm-render-routes.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-render-private.h"

/* Routes: a relationship never passes through a stakeholder it does not
 * connect. Where its straight line would, it bends around as a smooth
 * curve (a quadratic Bézier bowed to the side that needs the least
 * bend), with its ends on the shapes' borders facing the curve. */

#define ROUTE_CLEARANCE 8.0 /* map units between a curve and a stakeholder it passes */
#define ROUTE_MAX_BEND 0.7  /* of the line's length: the most a curve bows */

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

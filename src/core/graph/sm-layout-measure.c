/* sm-layout-measure.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-layout-private.h"
#include "sm-map-private.h"

/* How readable a layout is: lines that cross, and stress (how far the
 * distances on the page are from the distances in the network). Both
 * judge Tidy Up and the layouts it is compared with. */

/* Crossings. Every line is entered in the cells of a uniform grid it
 * passes through (a hair more, so rounding loses none), and only lines
 * sharing a cell are compared. A pair that crosses shares several cells
 * but is counted in one: the cell its crossing point falls in. Short
 * lines, as a tidy map has, meet few others, so the count costs about
 * the number of lines; a tangle of long lines costs about the number of
 * crossings, which no exact count avoids. */

#define GRID_MAX 2048      /* cells a side */
#define ENTRIES_PER_TIE 16 /* grid entries a tie may have on average */

static double
orientation (double ax,
             double ay,
             double bx,
             double by,
             double cx,
             double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

typedef struct
{
  double x0, y0, cw, ch, margin;
  guint  side;
} Grid;

static guint
grid_column (const Grid *g,
             double      x)
{
  double c = floor ((x - g->x0) / g->cw);

  return (guint) CLAMP (c, 0, g->side - 1);
}

static guint
grid_row (const Grid *g,
          double      y)
{
  double r = floor ((y - g->y0) / g->ch);

  return (guint) CLAMP (r, 0, g->side - 1);
}

/* The cells within the grid's margin of the line from (ax, ay) to
 * (bx, by), into @cells unless NULL; returns how many. */
static guint
grid_walk (const Grid *g,
           double      ax,
           double      ay,
           double      bx,
           double      by,
           guint      *cells)
{
  guint  count = 0;
  guint  c0, c1;
  double lo = MIN (ax, bx), hi = MAX (ax, bx);

  c0 = grid_column (g, lo - g->margin);
  c1 = grid_column (g, hi + g->margin);
  for (guint c = c0; c <= c1; c++)
    {
      double xl = CLAMP (g->x0 + c * g->cw, lo, hi), xr = CLAMP (g->x0 + (c + 1) * g->cw, lo, hi);
      double yl, yr;
      guint  r0, r1;

      if (bx == ax)
        yl = ay, yr = by;
      else
        {
          yl = ay + (by - ay) * (xl - ax) / (bx - ax);
          yr = ay + (by - ay) * (xr - ax) / (bx - ax);
        }
      r0 = grid_row (g, MIN (yl, yr) - g->margin);
      r1 = grid_row (g, MAX (yl, yr) + g->margin);
      for (guint r = r0; r <= r1; r++)
        {
          if (cells != NULL)
            cells[count] = r * g->side + c;
          count++;
        }
    }
  return count;
}

guint
_sm_layout_count_tie_crossings (GArray       *ties,
                                const double *x,
                                const double *y,
                                guint         limit)
{
  guint              m = ties->len, count = 0, n_cells;
  double             min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY, length = 0;
  Grid               g;
  g_autofree guint  *start = NULL;
  g_autofree guint  *fill = NULL;
  g_autofree guint  *members = NULL;
  g_autofree guint  *cells = NULL;
  g_autofree guint  *n_entries = NULL;
  guint64            total = 0;
  const SmLayoutTie *tie = (const SmLayoutTie *) ties->data;

  if (m < 2)
    return 0;
  for (guint t = 0; t < m; t++)
    {
      min_x = MIN (min_x, MIN (x[tie[t].a], x[tie[t].b]));
      max_x = MAX (max_x, MAX (x[tie[t].a], x[tie[t].b]));
      min_y = MIN (min_y, MIN (y[tie[t].a], y[tie[t].b]));
      max_y = MAX (max_y, MAX (y[tie[t].a], y[tie[t].b]));
    }
  if (!isfinite (min_x) || !isfinite (max_x) || !isfinite (min_y) || !isfinite (max_y))
    return 0;
  /* About one cell per line, fewer when the lines are long, so that the
   * grid's entries stay a few per line. */
  for (guint t = 0; t < m; t++)
    length += fabs (x[tie[t].a] - x[tie[t].b]) / MAX (max_x - min_x, 1e-9) +
              fabs (y[tie[t].a] - y[tie[t].b]) / MAX (max_y - min_y, 1e-9);
  g.side = (guint) CLAMP (ceil (sqrt (m)), 1, GRID_MAX);
  if (length * g.side > (double) ENTRIES_PER_TIE * m)
    g.side = (guint) CLAMP (ENTRIES_PER_TIE * m / length, 1, g.side);
  g.x0 = min_x;
  g.y0 = min_y;
  g.cw = MAX (max_x - min_x, 1e-9) / g.side;
  g.ch = MAX (max_y - min_y, 1e-9) / g.side;
  g.margin = 1e-7 * MAX (g.cw, g.ch) * g.side;
  /* The grid's last row and column reach a hair past the last point. */
  g.cw *= 1 + 1e-9, g.ch *= 1 + 1e-9;
  n_cells = g.side * g.side;

  /* Cells of each tie, then ties of each cell (counting sort). */
  n_entries = g_new (guint, m);
  for (guint t = 0; t < m; t++)
    {
      n_entries[t] = grid_walk (&g, x[tie[t].a], y[tie[t].a], x[tie[t].b], y[tie[t].b], NULL);
      total += n_entries[t];
    }
  if (total > G_MAXUINT / 2)
    return G_MAXUINT;
  cells = g_new (guint, MAX (total, 1));
  start = g_new0 (guint, n_cells + 1);
  total = 0;
  for (guint t = 0; t < m; t++)
    {
      guint k = grid_walk (&g, x[tie[t].a], y[tie[t].a], x[tie[t].b], y[tie[t].b], cells + total);

      for (guint e = 0; e < k; e++)
        start[cells[total + e] + 1]++;
      total += k;
    }
  for (guint c = 0; c < n_cells; c++)
    start[c + 1] += start[c];
  fill = g_memdup2 (start, sizeof (guint) * n_cells);
  members = g_new (guint, MAX (total, 1));
  total = 0;
  for (guint t = 0; t < m; t++)
    for (guint e = 0; e < n_entries[t]; e++)
      members[fill[cells[total++]]++] = t;

  for (guint c = 0; c < n_cells; c++)
    for (guint p = start[c]; p < start[c + 1]; p++)
      {
        const SmLayoutTie *s = &tie[members[p]];
        double             ax = x[s->a], ay = y[s->a], bx = x[s->b], by = y[s->b];

        for (guint q = p + 1; q < start[c + 1]; q++)
          {
            const SmLayoutTie *u = &tie[members[q]];
            double             cx, cy, dx, dy, o1, o2, o3, o4, f;

            if (s->a == u->a || s->a == u->b || s->b == u->a || s->b == u->b)
              continue;
            cx = x[u->a], cy = y[u->a], dx = x[u->b], dy = y[u->b];
            o1 = orientation (ax, ay, bx, by, cx, cy);
            o2 = orientation (ax, ay, bx, by, dx, dy);
            if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)))
              continue;
            o3 = orientation (cx, cy, dx, dy, ax, ay);
            o4 = orientation (cx, cy, dx, dy, bx, by);
            if (!((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
              continue;
            /* They cross: counted in the cell where. */
            f = o3 / (o3 - o4);
            if (grid_row (&g, ay + (by - ay) * f) * g.side + grid_column (&g, ax + (bx - ax) * f) != c)
              continue;
            if (++count > limit)
              return count;
          }
      }
  return count;
}

guint
sm_layout_count_crossings (SmMap        *map,
                           const double *x,
                           const double *y)
{
  g_autoptr(GArray) ties = NULL;
  g_autofree double *own_x = NULL;
  g_autofree double *own_y = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), 0);

  if (x == NULL || y == NULL)
    {
      guint n = sm_collection_get_size (sm_map_get_stakeholders (map));

      x = own_x = g_new (double, MAX (n, 1));
      y = own_y = g_new (double, MAX (n, 1));
      _sm_layout_read_positions (map, own_x, own_y);
    }
  ties = _sm_layout_collect_ties (map);
  return _sm_layout_count_tie_crossings (ties, x, y, G_MAXUINT);
}

/* Breadth-first steps from @source to everyone in @dist (G_MAXUINT: not
 * reached), with @queue as long as the network; returns how many were
 * reached. */
guint
_sm_layout_steps_from (guint        n,
                       const guint *start,
                       const guint *adj,
                       guint        source,
                       guint       *dist,
                       guint       *queue)
{
  guint head = 0, tail = 0;

  memset (dist, 0xff, sizeof (guint) * n);
  dist[source] = 0;
  queue[tail++] = source;
  while (head < tail)
    {
      guint i = queue[head++];

      for (guint e = start[i]; e < start[i + 1]; e++)
        if (dist[adj[e]] == G_MAXUINT)
          dist[adj[e]] = dist[i] + 1, queue[tail++] = adj[e];
    }
  return tail;
}

/* Stress. For a pair at distance e on the page and d steps apart in the
 * network, with r = e / d, the term is (e − L·d)² / (L·d)² = (r / L − 1)²;
 * the unit L that makes the sum least has 1 / L = Σr / Σr², and the sum
 * is then N − (Σr)² / Σr² over the N pairs. Sources are breadth-first
 * searched one by one; from a sample of sources the sum is scaled up to
 * all pairs. */
double
sm_layout_measure_stress (SmMap        *map,
                          const double *x,
                          const double *y,
                          guint         sources)
{
  g_autoptr(GArray) ties = NULL;
  g_autofree double *own_x = NULL;
  g_autofree double *own_y = NULL;
  g_autofree guint  *start = NULL;
  g_autofree guint  *adj = NULL;
  g_autofree guint  *fill = NULL;
  g_autofree guint  *dist = NULL;
  g_autofree guint  *queue = NULL;
  double             sum_r = 0, sum_r2 = 0, pairs = 0, stress;
  guint              n;

  g_return_val_if_fail (SM_IS_MAP (map), 0);

  n = sm_collection_get_size (sm_map_get_stakeholders (map));
  if (x == NULL || y == NULL)
    {
      x = own_x = g_new (double, MAX (n, 1));
      y = own_y = g_new (double, MAX (n, 1));
      _sm_layout_read_positions (map, own_x, own_y);
    }
  if (n < 2)
    return 0;
  if (sources == 0 || sources > n)
    sources = n;

  ties = _sm_layout_collect_ties (map);
  start = g_new0 (guint, n + 1);
  for (guint t = 0; t < ties->len; t++)
    {
      start[g_array_index (ties, SmLayoutTie, t).a + 1]++;
      start[g_array_index (ties, SmLayoutTie, t).b + 1]++;
    }
  for (guint i = 0; i < n; i++)
    start[i + 1] += start[i];
  fill = g_memdup2 (start, sizeof (guint) * n);
  adj = g_new (guint, MAX (2 * ties->len, 1));
  for (guint t = 0; t < ties->len; t++)
    {
      SmLayoutTie *tie = &g_array_index (ties, SmLayoutTie, t);

      adj[fill[tie->a]++] = tie->b;
      adj[fill[tie->b]++] = tie->a;
    }

  dist = g_new (guint, n);
  queue = g_new (guint, n);
  for (guint k = 0; k < sources; k++)
    {
      /* Evenly spread over the map's order, the same every time. */
      guint s = (guint) ((guint64) k * n / sources);
      guint reached = _sm_layout_steps_from (n, start, adj, s, dist, queue);

      /* In the order the search met them, as the sums always were. */
      for (guint q = 1; q < reached; q++)
        {
          guint  i = queue[q];
          double r = hypot (x[i] - x[s], y[i] - y[s]) / dist[i];

          sum_r += r;
          sum_r2 += r * r;
          pairs++;
        }
    }
  if (pairs == 0)
    return 0;
  stress = sum_r2 > 0 ? pairs - sum_r * sum_r / sum_r2 : pairs;
  /* Each pair was met from both ends when every source was searched. */
  return MAX (stress, 0) * n / sources / 2;
}

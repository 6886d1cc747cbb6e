/* sm-arrangement-grid.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The power–interest grid (Mendelow, EP-01): interest across, influence
 * up, cut into four quadrants at the map's own "high" cutoff. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-evaluation-store.h"
#include "sm-render-private.h"

/* Arrangements. The power–interest grid: one step of a score, the margin
 * inside the grid, and the "Not rated" strip beside it. Sized so that the
 * grid with its legend fits the canvas of a default window at a scale
 * where names are drawn (LOD_LABELS). The grid is cut between low and
 * high at the map's own high_cutoff, as EP-01 is. */
#define GRID_UNIT 72.0
#define GRID_PAD 60.0
#define GRID_SIZE (10 * GRID_UNIT + 2 * GRID_PAD)
/* The cuts fall half a step below the cutoff: across for interest, and
 * (influence grows upwards) down for influence. */
#define CUT_X(cutoff) CLAMP (GRID_PAD + ((cutoff) -0.5) * GRID_UNIT, 0.0, GRID_SIZE)
#define CUT_Y(cutoff) (GRID_SIZE - CUT_X (cutoff))
#define STRIP_WIDTH 240.0
#define STRIP_HEADER 60.0
#define STRIP_ROW 120.0
#define SPREAD 40.0       /* between stakeholders sharing a place */
#define SPREAD_GAP 6.0    /* between the shapes of stakeholders pulled apart */
#define SPREAD_LIMIT 1000 /* rated stakeholders; above, only the blocks */
#define SPREAD_RETRY 64   /* stakeholders placed before a side is asked again if it is full */
#define SPREAD_FINE 4.0   /* between the points of the grid that tells whether a side is full */
#define AXIS_MARGIN 60.0  /* room for the axis names */

/* Arrangements */

static double
clamp_score (double v)
{
  return CLAMP (v, 0.0, 10.0);
}

/* Where the k-th of n stakeholders sharing one place goes, around it: a
 * small square block, filled in the map's order. */
static void
spread_offset (guint   k,
               guint   n,
               double  step,
               double *dx,
               double *dy)
{
  guint cols = (guint) ceil (sqrt (n));
  guint rows = (n + cols - 1) / cols;

  *dx = ((double) (k % cols) - (cols - 1) / 2.0) * step;
  *dy = ((double) (k / cols) - (rows - 1) / 2.0) * step;
}

typedef struct
{
  Node    *node;
  double   x, y;       /* while spreading: where it is, read without going to the node */
  double   e;          /* half the shape's width */
  double   lo_x, hi_x; /* where it may go: its side of the cuts */
  double   lo_y, hi_y;
  guint    quadrant; /* 1: right of the cut across, 2: above the cut up */
  gboolean squeezed; /* its side of a cut is narrower than it is */
} Spread;

static void
spread_clamp (Spread *s)
{
  s->node->x = CLAMP (s->node->x, s->lo_x, s->hi_x);
  s->node->y = CLAMP (s->node->y, s->lo_y, s->hi_y);
}

/* A shape placed: where it is and half its width, side by side with
 * the others of its cell, so that a search reads them in a row. */
typedef struct
{
  double x, y, e;
} SpreadShape;

/* Where the shapes already placed are: a grid of cells, each as wide as
 * any two shapes (and a unit more, so that rounding never puts a shape
 * that may touch a place two cells from it), over all the places a shape
 * may go, each cell an array of the shapes whose centre is in it. A flat
 * grid, not a hash table of cells. */
typedef struct
{
  double        cell;
  double        e_max;         /* half the widest shape's width */
  gint64        column0, row0; /* the grid's first column and row */
  gint64        columns, rows;
  SpreadShape **shapes;   /* per cell: its shapes */
  gint         *n_shapes; /* per cell: how many, and room for how many */
  gint         *shapes_size;
  /* One search's places, a bit each, set where a placed shape is in the
   * way: kept from one search to the next so that it is allocated once. */
  guint64 *taken;
  gsize    taken_words;
  /* The shapes near enough to some bounds to be in the way there (spread_collect_near()). */
  SpreadShape *near;
  gint         n_near, near_size;
} SpreadCells;

/* floor (@v) as a whole number, the same for every value a cell's index
 * is taken of, without a call into libm for every place tried. */
static inline gint64
spread_floor (double v)
{
  gint64 t = (gint64) v;

  return t - (v < (double) t);
}

/* The column (@across) or row of the grid the coordinate @v is in,
 * which may be outside it. */
static inline gint64
spread_line (const SpreadCells *cells,
             double             v,
             gboolean           across)
{
  return spread_floor (v / cells->cell) - (across ? cells->column0 : cells->row0);
}

/* The place @i steps of @h from @v0 along one axis. Every test of a
 * place and the place given to a stakeholder compute it this one way, so
 * they agree to the last bit. */
static inline double
spread_at (double v0,
           double h,
           gint64 i)
{
  return v0 + (double) i * h;
}

/* Whether a shape of half-width @e at (x, y) would overlap @o, with the
 * gap between them: the one test of every search, fast or plain. */
static inline gboolean
spread_overlaps (const SpreadShape *o,
                 double             e,
                 double             x,
                 double             y)
{
  double need = e + o->e + SPREAD_GAP;

  return fabs (o->x - x) < need && fabs (o->y - y) < need;
}

/* Whether @s at (x, y) would overlap a shape already placed: the cells
 * next to the one (x, y) is in hold every shape that may. Neighbours are
 * found by the cell's index, not by moving (x, y) a cell's width, which
 * rounding can carry two cells on and past a shape in the way. */
static gboolean
spread_is_free (const SpreadCells *cells,
                const Spread      *s,
                double             x,
                double             y)
{
  gint64 cx = spread_line (cells, x, TRUE), cy = spread_line (cells, y, FALSE);

  for (gint64 j = MAX (cy - 1, 0); j <= MIN (cy + 1, cells->rows - 1); j++)
    for (gint64 i = MAX (cx - 1, 0); i <= MIN (cx + 1, cells->columns - 1); i++)
      {
        const SpreadShape *cell = cells->shapes[j * cells->columns + i];

        for (gint k = cells->n_shapes[j * cells->columns + i] - 1; k >= 0; k--)
          if (spread_overlaps (&cell[k], s->e, x, y))
            return FALSE;
      }
  return TRUE;
}

/* The first step i with spread_at (@v0, @h, i) ≥ @v. */
static gint64
spread_first_from (double v0,
                   double h,
                   double v)
{
  gint64 i = (gint64) ceil ((v - v0) / h);

  while (spread_at (v0, h, i - 1) >= v)
    i--;
  while (spread_at (v0, h, i) < v)
    i++;
  return i;
}

/* The last step i with spread_at (@v0, @h, i) ≤ @v. */
static gint64
spread_last_to (double v0,
                double h,
                double v)
{
  gint64 i = (gint64) floor ((v - v0) / h);

  while (spread_at (v0, h, i + 1) <= v)
    i++;
  while (spread_at (v0, h, i) > v)
    i--;
  return i;
}

/* The steps i, from *@first to *@last, whose places along one axis are
 * nearer @o (a shape's centre) than @need, as spread_overlaps() tells:
 * o − at(i) falls as i grows, so they are one run, found from where
 * they would be without rounding (@inverse_h is 1 / @h: a guess needs
 * no division) and corrected a step at a time. */
static inline void
spread_near_steps (double  v0,
                   double  h,
                   double  inverse_h,
                   double  o,
                   double  need,
                   gint64 *first,
                   gint64 *last)
{
  gint64 a = spread_floor ((o - need - v0) * inverse_h) + 1;
  gint64 b = -spread_floor ((v0 - o - need) * inverse_h) - 1;

  while (o - spread_at (v0, h, a - 1) < need)
    a--;
  while (!(o - spread_at (v0, h, a) < need))
    a++;
  while (o - spread_at (v0, h, b + 1) > -need)
    b++;
  while (!(o - spread_at (v0, h, b) > -need))
    b--;
  *first = a;
  *last = b;
}

/* One stakeholder's search for a free place: the places tried are
 * (x0 + i·h, y0 + j·h) inside the bounds, and the one taken is the
 * first free one in the order of the ring it is on (r = max (|i|, |j|)),
 * then its distance (i² + j²), then i, then j: ring by ring outwards,
 * the nearest in a ring, and of equals the first in the order of i, then
 * j. The bounds are in steps: columns i0 … i1, rows j0 … j1. */
typedef struct
{
  double x0, y0, h;
  gint64 i0, i1, j0, j1;
} SpreadSearch;

/* The search's steps for the bounds (@lo_x, @hi_x, @lo_y, @hi_y). */
static void
spread_search_init (SpreadSearch *q,
                    double        x0,
                    double        y0,
                    double        h,
                    const double *bounds)
{
  q->x0 = x0, q->y0 = y0, q->h = h;
  q->i0 = spread_first_from (x0, h, bounds[0]);
  q->i1 = spread_last_to (x0, h, bounds[1]);
  q->j0 = spread_first_from (y0, h, bounds[2]);
  q->j1 = spread_last_to (y0, h, bounds[3]);
}

/* Whether (i, j) comes before (bi, bj) in the search's order. */
static gboolean
spread_before (gint64 i,
               gint64 j,
               gint64 bi,
               gint64 bj)
{
  gint64 r = MAX (ABS (i), ABS (j)), br = MAX (ABS (bi), ABS (bj));
  gint64 d = i * i + j * j, bd = bi * bi + bj * bj;

  if (r != br)
    return r < br;
  if (d != bd)
    return d < bd;
  return i < bi || (i == bi && j < bj);
}

/* The first bit at or after @from, up to @to, that is not set in @row,
 * or -1. */
static gint64
spread_next_free (const guint64 *row,
                  gint64         from,
                  gint64         to)
{
  for (gint64 w = from >> 6; w <= to >> 6; w++)
    {
      guint64 free = ~row[w];

      if (w == from >> 6)
        free &= ~G_GUINT64_CONSTANT (0) << (from & 63);
      if (free != 0)
        {
          gint64 p = (w << 6) + __builtin_ctzll (free);

          return p <= to ? p : -1;
        }
    }
  return -1;
}

/* The last bit at or before @from, down to @to, that is not set in
 * @row, or -1. */
static gint64
spread_previous_free (const guint64 *row,
                      gint64         from,
                      gint64         to)
{
  for (gint64 w = from >> 6; w >= to >> 6; w--)
    {
      guint64 free = ~row[w];

      if (w == from >> 6)
        free &= ~G_GUINT64_CONSTANT (0) >> (63 - (from & 63));
      if (free != 0)
        {
          gint64 p = (w << 6) + 63 - __builtin_clzll (free);

          return p >= to ? p : -1;
        }
    }
  return -1;
}

/* The search @q over the places of @outer (a search whose bounds hold
 * @q's), whose bits are in cells->taken, @words a row: TRUE and the
 * first free place in (*@bi, *@bj), or FALSE if every place is taken.
 * Row by row: in a row the place nearest i = 0 comes first (of two as
 * near, the one at −i), and rows further than the best ring so far
 * cannot hold a better one. */
static gboolean
spread_first_free (const SpreadCells  *cells,
                   const SpreadSearch *outer,
                   gsize               words,
                   const SpreadSearch *q,
                   gint64             *bi,
                   gint64             *bj)
{
  gboolean found = FALSE;
  gint64   reach = MAX (-q->j0, q->j1);

  for (gint64 t = 0; t <= reach && (!found || t <= MAX (ABS (*bi), ABS (*bj))); t++)
    for (int side = 0; side < (t == 0 ? 1 : 2); side++)
      {
        gint64         j = side == 0 ? -t : t;
        const guint64 *row;
        gint64         centre, right, left, i;

        if (j < q->j0 || j > q->j1)
          continue;
        row = cells->taken + (j - outer->j0) * words;
        centre = -outer->i0;
        right = spread_next_free (row, centre, q->i1 - outer->i0);
        left = spread_previous_free (row, centre, q->i0 - outer->i0);
        if (right < 0 && left < 0)
          continue;
        if (left >= 0 && (right < 0 || centre - left <= right - centre))
          i = left + outer->i0;
        else
          i = right + outer->i0;
        if (!found || spread_before (i, j, *bi, *bj))
          *bi = i, *bj = j, found = TRUE;
      }
  return found;
}

/* A tree over the stretches of a line (points and the gaps between
 * them), each with how many reaches cover it: adding to a run of
 * stretches in log time, and the least count over the whole line read
 * at its root. Walked bottom up, without recursion: a leaf per stretch,
 * the leaves past the last as full as can be. */
typedef struct
{
  gint *least; /* per node: the least count below it, its own adds included */
  gint *add;   /* per inner node: added to every stretch below it */
  gint  size;  /* leaves: a power of two */
} SpreadTree;

static void
spread_tree_init (SpreadTree *t,
                  gint        stretches)
{
  t->size = 1;
  while (t->size < stretches)
    t->size *= 2;
  t->least = g_new (gint, 2 * t->size);
  t->add = g_new0 (gint, t->size);
  for (gint i = 0; i < t->size; i++)
    t->least[t->size + i] = i < stretches ? 0 : G_MAXINT / 2;
  for (gint i = t->size - 1; i > 0; i--)
    t->least[i] = MIN (t->least[2 * i], t->least[2 * i + 1]);
}

/* The least count of @node's stretches again, from its children's. */
static inline void
spread_tree_pull (SpreadTree *t,
                  gint        node)
{
  for (node /= 2; node > 0; node /= 2)
    t->least[node] = MIN (t->least[2 * node], t->least[2 * node + 1]) + t->add[node];
}

/* @v added to every stretch from @from to @to. */
static void
spread_tree_add (SpreadTree *t,
                 gint        from,
                 gint        to,
                 gint        v)
{
  gint a = from + t->size, b = to + t->size + 1;
  gint first = a, last = b - 1;

  for (; a < b; a /= 2, b /= 2)
    {
      if (a & 1)
        {
          t->least[a] += v;
          if (a < t->size)
            t->add[a] += v;
          a++;
        }
      if (b & 1)
        {
          b--;
          t->least[b] += v;
          if (b < t->size)
            t->add[b] += v;
        }
    }
  spread_tree_pull (t, first);
  spread_tree_pull (t, last);
}

/* Something happens to the sweep at @x: a reach ends (kind 0), the
 * sweep looks for a free point (1) or a reach begins (2), in that order
 * where they coincide, since a reach covers only what is strictly
 * inside it. */
typedef struct
{
  double x;
  gint   kind;
  gint   k;
} SpreadEvent;

static inline gboolean
spread_event_before (const SpreadEvent *p,
                     const SpreadEvent *q)
{
  return p->x < q->x || (p->x == q->x && p->kind < q->kind);
}

/* Sorts the @n events @v by place, then kind, with @tmp as long: a
 * merge sort with the comparison inline, several times quicker than
 * qsort() calling back for each. */
static void
spread_sort_events (SpreadEvent *v,
                    SpreadEvent *tmp,
                    gint         n)
{
  SpreadEvent *from = v, *to = tmp;

  for (gint width = 1; width < n; width *= 2)
    {
      SpreadEvent *swap;

      for (gint lo = 0; lo < n; lo += 2 * width)
        {
          gint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          gint a = lo, b = mid, t = lo;

          while (a < mid && b < hi)
            to[t++] = spread_event_before (&from[b], &from[a]) ? from[b++] : from[a++];
          while (a < mid)
            to[t++] = from[a++];
          while (b < hi)
            to[t++] = from[b++];
        }
      swap = from, from = to, to = swap;
    }
  if (from != v)
    memcpy (v, from, n * sizeof (SpreadEvent));
}

/* Sorts the @n values @v, with @tmp as long (as spread_sort_events()). */
static void
spread_sort_doubles (double *v,
                     double *tmp,
                     gint    n)
{
  double *from = v, *to = tmp;

  for (gint width = 1; width < n; width *= 2)
    {
      double *swap;

      for (gint lo = 0; lo < n; lo += 2 * width)
        {
          gint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          gint a = lo, b = mid, t = lo;

          while (a < mid && b < hi)
            to[t++] = from[b] < from[a] ? from[b++] : from[a++];
          while (a < mid)
            to[t++] = from[a++];
          while (b < hi)
            to[t++] = from[b++];
        }
      swap = from, from = to, to = swap;
    }
  if (from != v)
    memcpy (v, from, n * sizeof (double));
}

/* The index of @v among the @n sorted @values. */
static gint
spread_value_index (const double *values,
                    gint          n,
                    double        v)
{
  gint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gint mid = (lo + hi) / 2;

      if (values[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* How far the shape @o reaches for a shape of half-width @e: a little
 * less than it does, so that what spread_all_taken() says holds of
 * every place however its coordinates round. */
static inline double
spread_reach (const SpreadShape *o,
              double             e)
{
  double need = e + o->e + SPREAD_GAP;

  return need - 1e-7 * (1 + fabs (o->x) + fabs (o->y) + need);
}

/* TRUE if every point of @bounds (closed), not only the places one
 * search tries, is too near one of the @n shapes @near for a shape of
 * half-width @e. Then nothing is free there for any shape at least as
 * wide, on the same side of the cuts, from then on, whatever places its
 * search tries: the bounds only shrink and the shapes in the way only
 * grow and multiply. A sweep across: the leftmost free point, if there
 * is one, is on the left edge of the bounds or on the right edge of a
 * shape's reach, and there the reaches it crosses must leave some of
 * the height free; a tree over the ends of the reaches counts how often
 * each stretch of the height is covered. Only the height of the bounds
 * is in the tree, and only reaches that cross the bounds are swept, so
 * the tree's root says whether the height is covered. Each reach is
 * taken a little smaller than it is (spread_reach()). */
static gboolean
spread_all_taken_sweep (const SpreadShape *near,
                        gint               n,
                        double             e,
                        const double      *bounds)
{
  g_autofree double      *reach = g_new (double, MAX (n, 1));
  g_autofree gint        *span = g_new (gint, 2 * MAX (n, 1)); /* per reach: its first and last stretch */
  g_autofree double      *values = g_new (double, 4 * n + 4);
  g_autofree SpreadEvent *events = g_new (SpreadEvent, 6 * n + 2);
  SpreadTree              tree;
  gint                    n_values = 0, n_events = 0, last;
  gboolean                taken = TRUE;

  values[n_values++] = bounds[2];
  values[n_values++] = bounds[3];
  for (gint k = 0; k < n; k++)
    {
      const SpreadShape *o = &near[k];
      double             r = reach[k] = spread_reach (o, e);

      if (o->y - r > bounds[2] && o->y - r < bounds[3])
        values[n_values++] = o->y - r;
      if (o->y + r > bounds[2] && o->y + r < bounds[3])
        values[n_values++] = o->y + r;
    }
  spread_sort_doubles (values, values + n_values, n_values);
  last = 0;
  for (gint k = 1; k < n_values; k++)
    if (values[k] != values[last])
      values[++last] = values[k];
  n_values = last + 1;

  /* Stretch 2i is the point values[i], 2i + 1 the gap after it. A reach
   * that ends where the bounds begin, or begins where they end, covers
   * none of them. */
  for (gint k = 0; k < n; k++)
    {
      const SpreadShape *o = &near[k];
      double             r = reach[k];

      if (o->y + r <= bounds[2] || o->y - r >= bounds[3] || o->x + r <= bounds[0] || o->x - r >= bounds[1])
        continue;
      span[2 * k] = o->y - r < bounds[2] ? 0 : 2 * spread_value_index (values, n_values, o->y - r) + 1;
      span[2 * k + 1] =
        o->y + r > bounds[3] ? 2 * n_values - 2 : 2 * spread_value_index (values, n_values, o->y + r) - 1;
      events[n_events++] = (SpreadEvent) { o->x - r, 2, k };
      events[n_events++] = (SpreadEvent) { o->x + r, 0, k };
      if (o->x + r <= bounds[1])
        events[n_events++] = (SpreadEvent) { o->x + r, 1, k };
    }
  events[n_events++] = (SpreadEvent) { bounds[0], 1, -1 };
  spread_sort_events (events, events + n_events, n_events);

  spread_tree_init (&tree, 2 * n_values - 1);
  for (gint k = 0; k < n_events && taken; k++)
    {
      const SpreadEvent *v = &events[k];

      if (v->kind == 1)
        taken = tree.least[1] > 0;
      else
        spread_tree_add (&tree, span[2 * v->k], span[2 * v->k + 1], v->kind == 2 ? 1 : -1);
    }
  g_free (tree.least);
  g_free (tree.add);
  return taken;
}

/* The points i = 0 … @n of a fine grid along one axis from @b0 to @b1,
 * @step apart (the last on @b1): where the i-th is. */
static inline double
spread_fine_at (double b0,
                double b1,
                double step,
                gint   n,
                gint   i)
{
  return i >= n ? b1 : b0 + i * step;
}

/* The points of spread_fine_at() strictly between @lo and @hi: FALSE if
 * none, else TRUE and the first and last, found from where they would
 * be and corrected a point at a time. */
static gboolean
spread_fine_between (double b0,
                     double b1,
                     double step,
                     gint   n,
                     double lo,
                     double hi,
                     gint  *first,
                     gint  *last)
{
  gint a, b;

  if (!(lo < b1) || !(hi > b0) || !(lo < hi))
    return FALSE;
  a = step > 0 ? (gint) CLAMP (floor ((lo - b0) / step), 0, n) : 0;
  b = step > 0 ? (gint) CLAMP (ceil ((hi - b0) / step), 0, n) : n;
  while (a > 0 && spread_fine_at (b0, b1, step, n, a - 1) > lo)
    a--;
  while (a <= n && !(spread_fine_at (b0, b1, step, n, a) > lo))
    a++;
  while (b < n && spread_fine_at (b0, b1, step, n, b + 1) < hi)
    b++;
  while (b >= 0 && !(spread_fine_at (b0, b1, step, n, b) < hi))
    b--;
  *first = a, *last = b;
  return a <= b;
}

/* Whether every bit of the @rows rows of @words words of @bits, @n of
 * them a row, is set. */
static gboolean
spread_fine_full (const guint64 *bits,
                  gint           words,
                  gint           rows,
                  gint           n)
{
  guint64 end = n % 64 == 0 ? ~G_GUINT64_CONSTANT (0) : (G_GUINT64_CONSTANT (1) << (n % 64)) - 1;

  for (gint j = 0; j < rows; j++)
    for (gint w = 0; w < words; w++)
      if (bits[j * words + w] != (w == words - 1 ? end : ~G_GUINT64_CONSTANT (0)))
        return FALSE;
  return TRUE;
}

/* Sets the bits from @a to @b of the rows from @c to @d of @bits. */
static void
spread_fine_set (guint64 *bits,
                 gint     words,
                 gint     a,
                 gint     b,
                 gint     c,
                 gint     d)
{
  for (gint j = c; j <= d; j++)
    for (gint w = a >> 6; w <= b >> 6; w++)
      {
        guint64 mask = ~G_GUINT64_CONSTANT (0);

        if (w == a >> 6)
          mask &= ~G_GUINT64_CONSTANT (0) << (a & 63);
        if (w == b >> 6)
          mask &= ~G_GUINT64_CONSTANT (0) >> (63 - (b & 63));
        bits[j * words + w] |= mask;
      }
}

/* What spread_all_taken_sweep() says, mostly without its sweep: a fine
 * grid of points over @bounds, SPREAD_FINE apart, each point looked at
 * twice. Once whether some reach covers the point itself: a point none
 * covers is free, and so the bounds are not all taken. Once whether a
 * reach covers the whole of the point's square of the grid (with a
 * little to spare for rounding): if every square is covered so, every
 * point of the bounds is. Only when neither settles it (a gap narrower
 * than the grid) does the sweep run. */
static gboolean
spread_all_taken (const SpreadShape *near,
                  gint               n,
                  double             e,
                  const double      *bounds)
{
  gint                nx = (gint) ceil ((bounds[1] - bounds[0]) / SPREAD_FINE);
  gint                ny = (gint) ceil ((bounds[3] - bounds[2]) / SPREAD_FINE);
  double              sx = nx > 0 ? (bounds[1] - bounds[0]) / nx : 0;
  double              sy = ny > 0 ? (bounds[3] - bounds[2]) / ny : 0;
  double              half = MAX (sx, sy) / 2 + 1e-6; /* from a point to its square's edge */
  gint                words = (nx + 1 + 63) / 64, rows = ny + 1;
  g_autofree guint64 *covered = g_new0 (guint64, (gsize) words * rows);
  g_autofree guint64 *inside = g_new0 (guint64, (gsize) words * rows);
  gint                a, b, c, d;

  for (gint k = 0; k < n; k++)
    {
      const SpreadShape *o = &near[k];
      double             r = spread_reach (o, e);

      if (spread_fine_between (bounds[0], bounds[1], sx, nx, o->x - r, o->x + r, &a, &b) &&
          spread_fine_between (bounds[2], bounds[3], sy, ny, o->y - r, o->y + r, &c, &d))
        spread_fine_set (covered, words, a, b, c, d);
      if (r > half && spread_fine_between (bounds[0], bounds[1], sx, nx, o->x - (r - half), o->x + (r - half), &a, &b) &&
          spread_fine_between (bounds[2], bounds[3], sy, ny, o->y - (r - half), o->y + (r - half), &c, &d))
        spread_fine_set (inside, words, a, b, c, d);
    }
  if (!spread_fine_full (covered, words, rows, nx + 1))
    return FALSE;
  if (spread_fine_full (inside, words, rows, nx + 1))
    return TRUE;
  return spread_all_taken_sweep (near, n, e, bounds);
}

/* The same answer as spread_all_taken(), for tests: every point where
 * the sweep may find the first free one (left edge or the right edge of
 * a reach across, bottom edge or the top of a reach up) tried against
 * every reach. */
static gboolean
spread_all_taken_plain (const SpreadShape *near,
                        gint               n,
                        double             e,
                        const double      *bounds)
{
  for (gint a = -1; a < n; a++)
    for (gint b = -1; b < n; b++)
      {
        double   x = a < 0 ? bounds[0] : near[a].x + spread_reach (&near[a], e);
        double   y = b < 0 ? bounds[2] : near[b].y + spread_reach (&near[b], e);
        gboolean covered = FALSE;

        if (x < bounds[0] || x > bounds[1] || y < bounds[2] || y > bounds[3])
          continue;
        for (gint k = 0; k < n && !covered; k++)
          {
            double r = spread_reach (&near[k], e);

            covered = near[k].x - r < x && x < near[k].x + r && near[k].y - r < y && y < near[k].y + r;
          }
        if (!covered)
          return FALSE;
      }
  return TRUE;
}

/* For tests: whether spread_all_taken() (@way 0), its sweep alone (1)
 * or its plain twin (2) finds @bounds covered for a shape of half-width
 * @e by the @n shapes @shapes, each its centre and half-width (x, y, e). */
gboolean
_sm_render_test_grid_all_taken (const double *shapes,
                                guint         n,
                                double        e,
                                const double *bounds,
                                int           way)
{
  g_autofree SpreadShape *near = g_new (SpreadShape, MAX (n, 1));

  for (guint k = 0; k < n; k++)
    near[k] = (SpreadShape) { shapes[3 * k], shapes[3 * k + 1], shapes[3 * k + 2] };
  switch (way)
    {
    case 0:
      return spread_all_taken (near, n, e, bounds);
    case 1:
      return spread_all_taken_sweep (near, n, e, bounds);
    default:
      return spread_all_taken_plain (near, n, e, bounds);
    }
}

/* Whether the placed shape @p is near enough to @bounds to be in the way
 * of a shape of half-width @e somewhere in them, with a unit to spare
 * for rounding: what a search looks at. */
static inline gboolean
spread_near_bounds (const SpreadShape *p,
                    double             e,
                    const double      *bounds)
{
  double need = e + p->e + SPREAD_GAP;

  return !(p->x + need + 1 < bounds[0] || p->x - need - 1 > bounds[1] || p->y + need + 1 < bounds[2] ||
           p->y - need - 1 > bounds[3]);
}

/* The cells, columns range[0] … range[1] and rows range[2] … range[3],
 * of every placed shape that spread_near_bounds() lets a shape of
 * half-width @e look at in @bounds: its centre is at most e + e_max +
 * SPREAD_GAP and the unit to spare from them (and another unit, for
 * rounding). Not whole cells either side: a narrow shape's search reads
 * only the cells its wide neighbours may reach it from. */
static void
spread_cells_near (const SpreadCells *cells,
                   double             e,
                   const double      *bounds,
                   gint64            *range)
{
  double m = e + cells->e_max + SPREAD_GAP + 2;

  range[0] = MAX (spread_line (cells, bounds[0] - m, TRUE), 0);
  range[1] = MIN (spread_line (cells, bounds[1] + m, TRUE), cells->columns - 1);
  range[2] = MAX (spread_line (cells, bounds[2] - m, FALSE), 0);
  range[3] = MIN (spread_line (cells, bounds[3] + m, FALSE), cells->rows - 1);
}

/* For tests: how many of the @n shapes @shapes (each its centre and
 * half-width, x, y, e) a search of @bounds by a shape of half-width @e
 * looks at (spread_near_bounds(), *@looked_at of them) lie outside the
 * cells spread_cells_near() gives it, the cells laid over them as
 * spread_apart() lays them: none, or the search would miss them. */
guint
_sm_render_test_grid_cells_near_misses (const double *shapes,
                                        guint         n,
                                        double        e,
                                        const double *bounds,
                                        guint        *looked_at)
{
  SpreadCells cells = { .e_max = e };
  double      x_min = bounds[0], x_max = bounds[1], y_min = bounds[2], y_max = bounds[3];
  gint64      range[4];
  guint       misses = 0;

  *looked_at = 0;
  for (guint k = 0; k < n; k++)
    {
      cells.e_max = MAX (cells.e_max, shapes[3 * k + 2]);
      x_min = MIN (x_min, shapes[3 * k]), x_max = MAX (x_max, shapes[3 * k]);
      y_min = MIN (y_min, shapes[3 * k + 1]), y_max = MAX (y_max, shapes[3 * k + 1]);
    }
  cells.cell = 2 * cells.e_max + SPREAD_GAP + 1;
  cells.column0 = (gint64) floor (x_min / cells.cell) - 2;
  cells.row0 = (gint64) floor (y_min / cells.cell) - 2;
  cells.columns = (gint64) floor (x_max / cells.cell) + 3 - cells.column0;
  cells.rows = (gint64) floor (y_max / cells.cell) + 3 - cells.row0;
  spread_cells_near (&cells, e, bounds, range);
  for (guint k = 0; k < n; k++)
    {
      SpreadShape p = { shapes[3 * k], shapes[3 * k + 1], shapes[3 * k + 2] };
      gint64      cx = spread_line (&cells, p.x, TRUE), cy = spread_line (&cells, p.y, FALSE);

      if (!spread_near_bounds (&p, e, bounds))
        continue;
      (*looked_at)++;
      if (cx < range[0] || cx > range[1] || cy < range[2] || cy > range[3])
        misses++;
    }
  return misses;
}

/* The bits of the search @o (@words a row, in cells->taken) for the
 * placed shapes in the cells from (@cx0, @cy0) to (@cx1, @cy1) near
 * enough to @outer to be in the way of a place of @s. */
static void
spread_mark (SpreadCells        *cells,
             const Spread       *s,
             const SpreadSearch *o,
             gsize               words,
             const double       *outer,
             gint64              cx0,
             gint64              cx1,
             gint64              cy0,
             gint64              cy1)
{
  double inverse_h = 1 / o->h;

  for (gint64 cy = cy0; cy <= cy1; cy++)
    for (gint64 cx = cx0; cx <= cx1; cx++)
      {
        const SpreadShape *cell = cells->shapes[cy * cells->columns + cx];
        for (gint k = cells->n_shapes[cy * cells->columns + cx] - 1; k >= 0; k--)
          {
            const SpreadShape *p = &cell[k];
            double             need = s->e + p->e + SPREAD_GAP;
            double             px = p->x, py = p->y;
            gint64             a, b, c, d;

            if (!spread_near_bounds (p, s->e, outer))
              continue;
            spread_near_steps (o->x0, o->h, inverse_h, px, need, &a, &b);
            a = MAX (a, o->i0) - o->i0, b = MIN (b, o->i1) - o->i0;
            if (a > b)
              continue;
            spread_near_steps (o->y0, o->h, inverse_h, py, need, &c, &d);
            c = MAX (c, o->j0) - o->j0, d = MIN (d, o->j1) - o->j0;
            {
              /* The same bits in every row: the masks of its first
               * and last words taken once. */
              gint64   wa = a >> 6, wb = b >> 6;
              guint64  first = ~G_GUINT64_CONSTANT (0) << (a & 63);
              guint64  last = ~G_GUINT64_CONSTANT (0) >> (63 - (b & 63));
              guint64 *row = cells->taken + c * words;

              if (wa == wb)
                for (gint64 j = c; j <= d; j++, row += words)
                  row[wa] |= first & last;
              else
                for (gint64 j = c; j <= d; j++, row += words)
                  {
                    row[wa] |= first;
                    for (gint64 w = wa + 1; w < wb; w++)
                      row[w] = ~G_GUINT64_CONSTANT (0);
                    row[wb] |= last;
                  }
            }
          }
      }
}

/* Every placed shape near enough to @outer to be in the way of @s
 * somewhere in it, into cells->near: what spread_all_taken() looks at
 * when a search found nothing. Only then, so searches that find a place
 * never copy their neighbours. */
static void
spread_collect_near (SpreadCells  *cells,
                     const Spread *s,
                     const double *outer)
{
  gint64 range[4];

  spread_cells_near (cells, s->e, outer, range);
  cells->n_near = 0;
  for (gint64 cy = range[2]; cy <= range[3]; cy++)
    for (gint64 cx = range[0]; cx <= range[1]; cx++)
      for (gint k = 0; k < cells->n_shapes[cy * cells->columns + cx]; k++)
        {
          const SpreadShape *p = &cells->shapes[cy * cells->columns + cx][k];

          if (!spread_near_bounds (p, s->e, outer))
            continue;
          if (cells->n_near == cells->near_size)
            {
              cells->near_size = MAX (64, 2 * cells->near_size);
              cells->near = g_renew (SpreadShape, cells->near, cells->near_size);
            }
          cells->near[cells->n_near++] = *p;
        }
}

/* The first free place for @s from (@x0, @y0), @h apart, inside @inner
 * or, if none is free there, inside @outer (which holds @inner): TRUE
 * and its steps. Every place of @outer is one bit, set for each placed
 * shape in the way of it: each shape near enough sets a block of bits,
 * the rows of steps spread_near_steps() finds, so a stakeholder for whom
 * nothing is free costs a pass over its neighbours and the bits, not a
 * test of every place. */
static gboolean
spread_search (SpreadCells  *cells,
               const Spread *s,
               double        x0,
               double        y0,
               double        h,
               const double *inner,
               const double *outer,
               gint64       *bi,
               gint64       *bj)
{
  SpreadSearch q, o;
  gsize        words;
  gint64       range[4];

  spread_search_init (&o, x0, y0, h, outer);
  if (o.i0 > o.i1 || o.j0 > o.j1)
    return FALSE;
  words = (gsize) ((o.i1 - o.i0) / 64 + 1);
  if (cells->taken_words < words * (o.j1 - o.j0 + 1))
    {
      cells->taken_words = words * (o.j1 - o.j0 + 1);
      cells->taken = g_renew (guint64, cells->taken, cells->taken_words);
    }
  memset (cells->taken, 0, words * (o.j1 - o.j0 + 1) * sizeof (guint64));
  spread_cells_near (cells, s->e, outer, range);
  spread_mark (cells, s, &o, words, outer, range[0], range[1], range[2], range[3]);
  spread_search_init (&q, x0, y0, h, inner);
  if (q.i0 <= q.i1 && q.j0 <= q.j1 && spread_first_free (cells, &o, words, &q, bi, bj))
    return TRUE;
  return spread_first_free (cells, &o, words, &o, bi, bj);
}

/* The same search, trying every place of every ring in turn (for tests:
 * the two agree). */
static gboolean
spread_search_plain (SpreadCells  *cells,
                     const Spread *s,
                     double        x0,
                     double        y0,
                     double        h,
                     const double *inner,
                     const double *outer,
                     gint64       *bi,
                     gint64       *bj)
{
  for (int outside = 0; outside <= 1; outside++)
    {
      const double *b = outside ? outer : inner;
      gint64        rings = (gint64) ceil (MAX (b[1] - b[0], b[3] - b[2]) / h) + 1;

      for (gint64 r = 0; r <= rings; r++)
        {
          gboolean found = FALSE;

          for (gint64 i = -r; i <= r; i++)
            for (gint64 j = -r; j <= r; j += ABS (i) == r ? 1 : 2 * r)
              {
                double x = spread_at (x0, h, i), y = spread_at (y0, h, j);

                if (x < b[0] || x > b[1] || y < b[2] || y > b[3])
                  continue;
                if ((!found || spread_before (i, j, *bi, *bj)) && spread_is_free (cells, s, x, y))
                  *bi = i, *bj = j, found = TRUE;
              }
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* Stakeholders with the same or nearly the same scores would be drawn on
 * top of each other. In the map's order, each takes the place its block
 * gave it if that is free, or else the nearest free place on its own side
 * of the cuts (and so in its quadrant), searched ring by ring; a quadrant
 * too full for everyone spills out over the grid's outer edges, never
 * over a cut. Those for whom no place is free stay where their block put
 * them. */
static void
spread_apart (Spread  *items,
              guint    n,
              gboolean plain)
{
  SpreadCells cells = { 0 };
  double      e_max = 0, cell;
  /* Per side of the cuts and edges it may spill over: the narrowest
   * shape for which nothing there was left free (spread_all_taken()). */
  double full_from[64];
  guint  asked_at[64] = { 0 }; /* 1 + how many were placed when it was last asked */
  double x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE, y_min = G_MAXDOUBLE, y_max = -G_MAXDOUBLE;

  if (n == 0)
    return;
  for (guint k = 0; k < n; k++)
    {
      const Spread *s = &items[k];

      e_max = MAX (e_max, s->e);
      /* Every place the search below may put it. */
      x_min = MIN (x_min, MIN (s->node->x, s->lo_x - GRID_SIZE / 2));
      x_max = MAX (x_max, MAX (s->node->x, s->hi_x + GRID_SIZE / 2));
      y_min = MIN (y_min, MIN (s->node->y, s->lo_y - GRID_SIZE / 2));
      y_max = MAX (y_max, MAX (s->node->y, s->hi_y + GRID_SIZE / 2));
    }
  cells.e_max = e_max;
  cell = cells.cell = 2 * e_max + SPREAD_GAP + 1;
  cells.column0 = (gint64) floor (x_min / cell) - 2;
  cells.row0 = (gint64) floor (y_min / cell) - 2;
  cells.columns = (gint64) floor (x_max / cell) + 3 - cells.column0;
  cells.rows = (gint64) floor (y_max / cell) + 3 - cells.row0;
  cells.shapes = g_new0 (SpreadShape *, cells.columns * cells.rows);
  cells.n_shapes = g_new0 (gint, cells.columns * cells.rows);
  cells.shapes_size = g_new0 (gint, cells.columns * cells.rows);
  for (guint k = 0; k < G_N_ELEMENTS (full_from); k++)
    full_from[k] = G_MAXDOUBLE;

  for (guint k = 0; k < n; k++)
    {
      Spread *s = &items[k];
      double  x0 = s->x = s->node->x, y0 = s->y = s->node->y;
      double  h = (s->e + SPREAD_GAP / 2) / 2; /* between the places tried */
      gint64  cx, cy, bi = 0, bj = 0;

      if (!spread_is_free (&cells, s, x0, y0))
        {
          /* Its own side of the cuts, then with the spill. */
          double inner[4] = { s->lo_x, s->hi_x, s->lo_y, s->hi_y };
          double outer[4] = {
            s->lo_x <= s->e + SPREAD_GAP ? s->lo_x - GRID_SIZE / 2 : s->lo_x,
            s->hi_x >= GRID_SIZE - s->e - SPREAD_GAP ? s->hi_x + GRID_SIZE / 2 : s->hi_x,
            s->lo_y <= s->e + SPREAD_GAP ? s->lo_y - GRID_SIZE / 2 : s->lo_y,
            s->hi_y >= GRID_SIZE - s->e - SPREAD_GAP ? s->hi_y + GRID_SIZE / 2 : s->hi_y,
          };

          /* Which bounds: its quadrant and the edges it spills over. */
          guint key = s->quadrant | (outer[0] < inner[0]) << 2 | (outer[1] > inner[1]) << 3 |
                      (outer[2] < inner[2]) << 4 | (outer[3] > inner[3]) << 5;

          if (plain)
            {
              if (spread_search_plain (&cells, s, x0, y0, h, inner, outer, &bi, &bj))
                s->x = spread_at (x0, h, bi), s->y = spread_at (y0, h, bj);
            }
          /* Where nothing was left for a narrower shape, nothing is
           * left for it: no search. */
          else if (s->squeezed || s->e < full_from[key])
            {
              if (spread_search (&cells, s, x0, y0, h, inner, outer, &bi, &bj))
                s->x = spread_at (x0, h, bi), s->y = spread_at (y0, h, bj);
              else if (!s->squeezed && (asked_at[key] == 0 || k + 1 >= asked_at[key] + SPREAD_RETRY))
                {
                  /* Not asked again too soon, whatever it said: only
                   * what is placed meanwhile can fill it for this
                   * width, and after a yes the next to find no place
                   * is a little narrower, most often full as well; a
                   * search that fails costs a fraction of the question. */
                  spread_collect_near (&cells, s, outer);
                  if (spread_all_taken (cells.near, cells.n_near, s->e, outer))
                    full_from[key] = s->e;
                  asked_at[key] = k + 1;
                }
            }
        }
      s->node->x = s->x;
      s->node->y = s->y;
      cx = spread_line (&cells, s->x, TRUE);
      cy = spread_line (&cells, s->y, FALSE);
      g_assert (cx >= 0 && cy >= 0 && cx < cells.columns && cy < cells.rows);
      {
        gint64 c = cy * cells.columns + cx;

        if (cells.n_shapes[c] == cells.shapes_size[c])
          {
            cells.shapes_size[c] = MAX (8, 2 * cells.shapes_size[c]);
            cells.shapes[c] = g_renew (SpreadShape, cells.shapes[c], cells.shapes_size[c]);
          }
        cells.shapes[c][cells.n_shapes[c]++] = (SpreadShape) { s->x, s->y, s->e };
      }
    }
  g_free (cells.taken);
  g_free (cells.near);
  for (gint64 c = 0; c < cells.columns * cells.rows; c++)
    g_free (cells.shapes[c]);
  g_free (cells.shapes);
  g_free (cells.n_shapes);
  g_free (cells.shapes_size);
}

static void
arrange_power_interest (SmRenderer *self,
                        GPtrArray  *nodes)
{
  g_autoptr(GHashTable) totals = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) widest = g_hash_table_new (NULL, NULL); /* place → biggest shape, in whole units */
  g_autoptr(GArray) rated = g_array_new (FALSE, FALSE, sizeof (Spread));
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (self->map);
  double             cutoff = self->high_cutoff = sm_eval_config_get (config, "high_cutoff");
  guint              unrated = 0;
  double             strip_x = GRID_SIZE + STRIP_GAP;
  g_autofree double *scores = g_new (double, 2 * MAX (nodes->len, 1)); /* influence, interest */

  /* Each score read once: a record's fields are looked up by name. */
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      scores[2 * i] = sm_record_get_score (node->record, "influence");
      scores[2 * i + 1] = sm_record_get_score (node->record, "interest");
    }

  /* Two passes: how many share each place, then where each goes. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < nodes->len; i++)
      {
        Node    *node = g_ptr_array_index (nodes, i);
        double   influence = scores[2 * i];
        double   interest = scores[2 * i + 1];
        gpointer key;
        guint    k, n;
        double   dx, dy;

        if (!SM_IS_KNOWN (influence) || !SM_IS_KNOWN (interest))
          {
            /* Never at 0: unknown is not "none". */
            if (pass == 1)
              {
                node->x = strip_x + STRIP_WIDTH / 2;
                node->y = STRIP_HEADER + RADIUS_MAX + unrated * STRIP_ROW;
                node->placed = TRUE;
              }
            unrated += pass;
            continue;
          }
        influence = clamp_score (influence);
        interest = clamp_score (interest);
        key = GUINT_TO_POINTER (1 + (guint) round (interest) * 11 + (guint) round (influence));
        n = GPOINTER_TO_UINT (g_hash_table_lookup (totals, key));
        if (pass == 0)
          {
            guint e = (guint) ceil (_sm_render_node_extent (node));

            g_hash_table_insert (totals, key, GUINT_TO_POINTER (n + 1));
            g_hash_table_insert (widest, key,
                                 GUINT_TO_POINTER (MAX (e, GPOINTER_TO_UINT (g_hash_table_lookup (widest, key)))));
            continue;
          }
        k = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
        g_hash_table_insert (seen, key, GUINT_TO_POINTER (k + 1));
        /* A block of shapes side by side around the place, the whole
         * block moved in from the cuts and the edges so that it stays on
         * its own side of them (a score between whole numbers too). */
        {
          double step = MAX (SPREAD, 2.0 * GPOINTER_TO_UINT (g_hash_table_lookup (widest, key)) + SPREAD_GAP);
          double reach_x, reach_y, cx, cy;
          double lo_x = interest < cutoff ? 0 : CUT_X (cutoff), hi_x = interest < cutoff ? CUT_X (cutoff) : GRID_SIZE;
          double lo_y = influence < cutoff ? CUT_Y (cutoff) : 0, hi_y = influence < cutoff ? GRID_SIZE : CUT_Y (cutoff);

          guint cols = (guint) ceil (sqrt (n)), rows = (n + cols - 1) / cols;

          reach_x = (cols - 1) / 2.0 * step + step / 2;
          reach_y = (rows - 1) / 2.0 * step + step / 2;
          spread_offset (k, n, step, &dx, &dy);
          cx = GRID_PAD + interest * GRID_UNIT;
          cy = GRID_PAD + (10 - influence) * GRID_UNIT;
          cx = lo_x + reach_x <= hi_x - reach_x ? CLAMP (cx, lo_x + reach_x, hi_x - reach_x) : (lo_x + hi_x) / 2;
          cy = lo_y + reach_y <= hi_y - reach_y ? CLAMP (cy, lo_y + reach_y, hi_y - reach_y) : (lo_y + hi_y) / 2;
          node->x = cx + dx;
          node->y = cy + dy;
        }
        node->placed = TRUE;
        {
          Spread item = { .node = node, .e = _sm_render_node_extent (node) };
          double half = SPREAD_GAP / 2 + item.e;

          item.lo_x = interest < cutoff ? half : CUT_X (cutoff) + half;
          item.hi_x = interest < cutoff ? CUT_X (cutoff) - half : GRID_SIZE - half;
          item.lo_y = influence < cutoff ? CUT_Y (cutoff) + half : half;
          item.hi_y = influence < cutoff ? GRID_SIZE - half : CUT_Y (cutoff) - half;
          /* A quadrant too small for the shape: its middle. */
          item.quadrant = (interest >= cutoff) | (influence >= cutoff) << 1;
          item.squeezed = item.lo_x > item.hi_x || item.lo_y > item.hi_y;
          if (item.lo_x > item.hi_x)
            item.lo_x = item.hi_x = (item.lo_x + item.hi_x) / 2;
          if (item.lo_y > item.hi_y)
            item.lo_y = item.hi_y = (item.lo_y + item.hi_y) / 2;
          spread_clamp (&item);
          g_array_append_val (rated, item);
        }
      }
  /* Past a few thousand, a grid is a density picture: the blocks do. */
  if (rated->len <= SPREAD_LIMIT)
    spread_apart ((Spread *) rated->data, rated->len, self->plain_spread);
  self->bg_x = -AXIS_MARGIN;
  self->bg_y = 0;
  self->bg_width = strip_x + STRIP_WIDTH + AXIS_MARGIN;
  self->bg_height = MAX (GRID_SIZE, STRIP_HEADER + unrated * STRIP_ROW) + AXIS_MARGIN;
}

static void
region_rect (SmRenderer *self,
             SmRegion    region,
             double     *x,
             double     *y,
             double     *width,
             double     *height)
{
  double cx = CUT_X (self->high_cutoff), cy = CUT_Y (self->high_cutoff);

  switch (region)
    {
    case SM_REGION_KEY_PLAYERS:
      *x = cx, *y = 0, *width = GRID_SIZE - cx, *height = cy;
      break;
    case SM_REGION_KEEP_SATISFIED:
      *x = 0, *y = 0, *width = cx, *height = cy;
      break;
    case SM_REGION_KEEP_INFORMED:
      *x = cx, *y = cy, *width = GRID_SIZE - cx, *height = GRID_SIZE - cy;
      break;
    case SM_REGION_MINIMAL_EFFORT:
      *x = 0, *y = cy, *width = cx, *height = GRID_SIZE - cy;
      break;
    case SM_REGION_NOT_RATED:
      *x = GRID_SIZE + STRIP_GAP, *y = 0, *width = STRIP_WIDTH, *height = GRID_SIZE;
      break;
    case SM_REGION_GRID:
    default:
      *x = 0, *y = 0, *width = GRID_SIZE, *height = GRID_SIZE;
      break;
    }
}

static void
draw_power_interest (SmRenderer          *self,
                     cairo_t             *cr,
                     const Palette       *p,
                     const SmRenderState *state,
                     double               scale)
{
  static const struct
  {
    SmRegion    region;
    const char *name;
    double      tint;
    gboolean    right, bottom; /* the grid's outer corner, where the name goes */
  } quadrants[] = {
    { SM_REGION_KEY_PLAYERS, N_ ("Key players"), 0.10, TRUE, FALSE },
    { SM_REGION_KEEP_SATISFIED, N_ ("Keep satisfied"), 0.05, FALSE, FALSE },
    { SM_REGION_KEEP_INFORMED, N_ ("Keep informed"), 0.05, TRUE, TRUE },
    { SM_REGION_MINIMAL_EFFORT, N_ ("Minimal effort"), 0.02, FALSE, TRUE },
  };
  double x, y, w, h;

  for (guint i = 0; i < G_N_ELEMENTS (quadrants); i++)
    {
      region_rect (self, quadrants[i].region, &x, &y, &w, &h);
      cairo_rectangle (cr, x, y, w, h);
      _sm_render_set_rgba (cr, p->accent, quadrants[i].tint);
      cairo_fill (cr);
      _sm_render_set_words (cr, p, 0.55);
      /* Away from the cuts, where stakeholders crowd. */
      _sm_render_draw_heading (self, cr, _ (quadrants[i].name), HEADING_FONT_SIZE, x + 12,
                               quadrants[i].bottom ? y + h - 12 - HEADING_FONT_SIZE * 1.3 : y + 10, w - 24,
                               quadrants[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
  region_rect (self, SM_REGION_GRID, &x, &y, &w, &h);
  cairo_rectangle (cr, x, y, w, h);
  _sm_render_set_rgba (cr, p->line, 0.8);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  cairo_stroke (cr);
  cairo_move_to (cr, CUT_X (self->high_cutoff), 0);
  cairo_line_to (cr, CUT_X (self->high_cutoff), GRID_SIZE);
  cairo_move_to (cr, 0, CUT_Y (self->high_cutoff));
  cairo_line_to (cr, GRID_SIZE, CUT_Y (self->high_cutoff));
  cairo_stroke (cr);

  /* The axes: interest across, influence up. */
  _sm_render_set_rgb (cr, p->text);
  _sm_render_draw_heading (self, cr, _ ("Interest: low → high"), AXIS_FONT_SIZE, 0, GRID_SIZE + 12,
                           GRID_SIZE, PANGO_ALIGN_CENTER);
  cairo_save (cr);
  cairo_translate (cr, -AXIS_MARGIN + 10, GRID_SIZE);
  cairo_rotate (cr, -G_PI / 2);
  _sm_render_draw_heading (self, cr, _ ("Influence: low → high"), AXIS_FONT_SIZE, 0, 0,
                           GRID_SIZE, PANGO_ALIGN_CENTER);
  cairo_restore (cr);

  region_rect (self, SM_REGION_NOT_RATED, &x, &y, &w, &h);
  h = MAX (h, self->bg_height - AXIS_MARGIN);
  cairo_rectangle (cr, x, y, w, h);
  _sm_render_set_rgba (cr, p->line, 0.08);
  cairo_fill_preserve (cr);
  _sm_render_set_rgba (cr, p->line, 0.8);
  cairo_set_dash (cr, (double[]) { 8.0, 5.0 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  _sm_render_set_words (cr, p, 0.75);
  _sm_render_draw_heading (self, cr, _ ("Not rated"), HEADING_FONT_SIZE * 0.8, x + 8, y + 10, w - 16,
                           PANGO_ALIGN_CENTER);
}

static gboolean
get_power_interest_region (SmRenderer *self,
                           SmRegion    region,
                           double     *rx,
                           double     *ry,
                           double     *rw,
                           double     *rh)
{
  if (region > SM_REGION_NOT_RATED)
    return FALSE;
  region_rect (self, region, rx, ry, rw, rh);
  if (region == SM_REGION_NOT_RATED)
    *rh = MAX (*rh, self->bg_height - AXIS_MARGIN);
  return TRUE;
}

const SmArrangementInfo _sm_arrangement_power_interest = {
  .id = "power-interest",
  .label = N_ ("_Power and Interest"),
  .follows = SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS | SM_ARRANGEMENT_FOLLOWS_THRESHOLDS,
  .background = TRUE,
  .arrange = arrange_power_interest,
  .draw_behind = draw_power_interest,
  .get_region = get_power_interest_region,
};

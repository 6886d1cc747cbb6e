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
#define SPREAD 40.0         /* between stakeholders sharing a place */
#define SPREAD_GAP 6.0      /* between the shapes of stakeholders pulled apart */
#define SPREAD_LIMIT 1000   /* rated stakeholders; above, only the blocks */
#define SPREAD_FINE 32      /* fine cells across a cell of the spreading's grid */
#define SPREAD_JUMP 255     /* the longest step over covered fine cells kept */
#define SPREAD_NEAR_RINGS 2 /* rings of places tried one by one before skipping */
#define AXIS_MARGIN 60.0    /* room for the axis names */

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
  Node  *node;
  double e;          /* half the shape's width */
  double lo_x, hi_x; /* where it may go: its side of the cuts */
  double lo_y, hi_y;
} Spread;

static void
spread_clamp (Spread *s)
{
  s->node->x = CLAMP (s->node->x, s->lo_x, s->hi_x);
  s->node->y = CLAMP (s->node->y, s->lo_y, s->hi_y);
}

/* Where the shapes already placed are: a grid of cells, each as wide as
 * any two shapes, over all the places a shape may go, each cell the list
 * of the shapes whose centre is in it. A flat grid, not a hash table of
 * cells: a crowded quadrant asks it millions of times. */
typedef struct
{
  double cell;
  gint64 column0, row0; /* the grid's first column and row */
  gint64 columns, rows;
  gint  *first; /* per cell: the last shape placed in it, or -1 */
  gint  *next;  /* per shape: the one placed before it in its cell, or -1 */
  /* A finer grid over the same places: a fine cell is marked once a
   * placed shape is too close to every point of it for any shape at all
   * (the smallest), so no place in it can be free. The search skips
   * those without asking spread_is_free(): in a full quadrant, nearly
   * every place it tries. */
  double fine;
  double e_min;
  gint64 fine_columns, fine_rows;
  /* Per fine cell: 0 while it is not covered; once covered, how far
   * across (right) or down (down) to go towards the next one in its row
   * or column that is not (at most SPREAD_JUMP), lengthened as the search
   * walks it. A ring of places in a full quadrant is passed over a run of
   * covered cells at a time instead of place by place. A byte a cell, so
   * that the grid stays small enough to be quick to clear and to walk. */
  guint8 *right;
  guint8 *down; /* column by column */
  /* Per cell of the coarse grid: how many of its fine cells are covered.
   * Once all are, the search passes over the whole cell. */
  gint32 *full;
} SpreadCells;

/* floor (@v) as a whole number, the same for every value a cell's index
 * is taken of, without a call into libm for every place tried. */
static inline gint64
spread_floor (double v)
{
  gint64 t = (gint64) v;

  return t - (v < (double) t);
}

/* The fine cell at (x, y), or -1 outside the fine grid. */
static gint64
spread_fine_cell (const SpreadCells *cells,
                  double             x,
                  double             y)
{
  gint64 fx = spread_floor (x / cells->fine) - cells->column0 * SPREAD_FINE;
  gint64 fy = spread_floor (y / cells->fine) - cells->row0 * SPREAD_FINE;

  if (fx < 0 || fy < 0 || fx >= cells->fine_columns || fy >= cells->fine_rows)
    return -1;
  return fy * cells->fine_columns + fx;
}

/* Whether the place (x, y) is sure to be taken, for any shape. */
static gboolean
spread_is_covered (const SpreadCells *cells,
                   double             x,
                   double             y)
{
  gint64 f = spread_fine_cell (cells, x, y);

  return f >= 0 && cells->right[f] != 0;
}

/* The first fine cell at or after column @fx of row @fy that is not
 * covered, or fine_columns if there is none; the covered cells walked
 * over are pointed at it, so the next walk from them is one step. */
static gint64
spread_next_right (SpreadCells *cells,
                   gint64       fy,
                   gint64       fx)
{
  guint8 *row = cells->right + fy * cells->fine_columns;
  gint64  end = fx;

  while (end < cells->fine_columns && row[end] != 0)
    end += row[end];
  end = MIN (end, cells->fine_columns);
  while (fx < end)
    {
      gint64 next = fx + row[fx];

      row[fx] = (guint8) MIN (end - fx, SPREAD_JUMP);
      fx = next;
    }
  return end;
}

/* As spread_next_right(), down column @fx from row @fy. */
static gint64
spread_next_down (SpreadCells *cells,
                  gint64       fx,
                  gint64       fy)
{
  guint8 *column = cells->down + fx * cells->fine_rows;
  gint64  end = fy;

  while (end < cells->fine_rows && column[end] != 0)
    end += column[end];
  end = MIN (end, cells->fine_rows);
  while (fy < end)
    {
      gint64 next = fy + column[fy];

      column[fy] = (guint8) MIN (end - fy, SPREAD_JUMP);
      fy = next;
    }
  return end;
}

/* @o was placed: marks the fine cells every point of which is closer to
 * it than any shape may come, with a margin for rounding. */
static void
spread_cover (SpreadCells  *cells,
              const Spread *o)
{
  /* A place (x, y) is taken by @o for a shape of half-width e when
   * |o.x − x| < e + o.e + SPREAD_GAP, and as much for y; e is at least
   * e_min. */
  double reach = cells->e_min + o->e + SPREAD_GAP - 1e-6 * (1 + fabs (o->node->x) + fabs (o->node->y));
  double fine = cells->fine;
  gint64 fx0, fx1, fy0, fy1;

  if (reach <= fine)
    return;
  /* Cells [i·fine, (i + 1)·fine] inside (o.x − reach, o.x + reach). */
  fx0 = (gint64) floor ((o->node->x - reach) / fine) + 1;
  fx1 = (gint64) floor ((o->node->x + reach) / fine) - 2;
  fy0 = (gint64) floor ((o->node->y - reach) / fine) + 1;
  fy1 = (gint64) floor ((o->node->y + reach) / fine) - 2;
  /* The same cells in the grid's own columns and rows. */
  fx0 = MAX (fx0 - cells->column0 * SPREAD_FINE, 0);
  fx1 = MIN (fx1 - cells->column0 * SPREAD_FINE, cells->fine_columns - 1);
  fy0 = MAX (fy0 - cells->row0 * SPREAD_FINE, 0);
  fy1 = MIN (fy1 - cells->row0 * SPREAD_FINE, cells->fine_rows - 1);
  /* Each cell covered points past the block's end across and down: the
   * cells between are all covered now, so a walk jumps the block. A cell
   * covered already keeps the way it had, which is still right. */
  for (gint64 fy = fy0; fy <= fy1; fy++)
    {
      guint8 *row = cells->right + fy * cells->fine_columns;
      gint32 *full = cells->full + (fy / SPREAD_FINE) * cells->columns;

      for (gint64 fx = fx0; fx <= fx1; fx++)
        if (row[fx] == 0)
          {
            row[fx] = (guint8) MIN (fx1 + 1 - fx, SPREAD_JUMP);
            full[fx / SPREAD_FINE]++;
          }
    }
  for (gint64 fx = fx0; fx <= fx1; fx++)
    {
      guint8 *column = cells->down + fx * cells->fine_rows;

      for (gint64 fy = fy0; fy <= fy1; fy++)
        if (column[fy] == 0)
          column[fy] = (guint8) MIN (fy1 + 1 - fy, SPREAD_JUMP);
    }
}

/* The cell at (x, y), or -1 outside the grid, where no shape is. */
static gint64
spread_cell (const SpreadCells *cells,
             double             x,
             double             y)
{
  gint64 cx = spread_floor (x / cells->cell) - cells->column0;
  gint64 cy = spread_floor (y / cells->cell) - cells->row0;

  if (cx < 0 || cy < 0 || cx >= cells->columns || cy >= cells->rows)
    return -1;
  return cy * cells->columns + cx;
}

/* Whether @s at (x, y) would overlap a shape already placed: the cells
 * around it hold the placed ones. */
static gboolean
spread_is_free (const SpreadCells *cells,
                const Spread      *items,
                const Spread      *s,
                double             x,
                double             y)
{
  double cell = cells->cell;

  for (int i = -1; i <= 1; i++)
    for (int j = -1; j <= 1; j++)
      {
        gint64 c = spread_cell (cells, x + i * cell, y + j * cell);

        for (gint k = c >= 0 ? cells->first[c] : -1; k >= 0; k = cells->next[k])
          {
            const Spread *o = &items[k];
            double        need = s->e + o->e + SPREAD_GAP;

            if (fabs (o->node->x - x) < need && fabs (o->node->y - y) < need)
              return FALSE;
          }
      }
  return TRUE;
}

/* One stakeholder's search for a free place: the places tried are
 * (x0 + i·h, y0 + j·h), ring by ring (r = max (|i|, |j|)), inside the
 * bounds; within a ring the nearest free one wins, and of equals the
 * first in the order of i, then j. */
typedef struct
{
  SpreadCells  *cells;
  const Spread *items;
  const Spread *s;
  double        x0, y0, h;
  double        lo_x, hi_x, lo_y, hi_y;
  double        best; /* i² + j² of the best place so far, or G_MAXDOUBLE */
  int           bi, bj;
} SpreadSearch;

/* Tries the place (i, j) for the search's stakeholder. */
static void
spread_consider (SpreadSearch *q,
                 int           i,
                 int           j)
{
  double x = q->x0 + i * q->h, y = q->y0 + j * q->h, d = (double) i * i + (double) j * j;

  if (d > q->best || (d == q->best && (i > q->bi || (i == q->bi && j >= q->bj))))
    return;
  if (x < q->lo_x || x > q->hi_x || y < q->lo_y || y > q->hi_y)
    return;
  if (!spread_is_covered (q->cells, x, y) && spread_is_free (q->cells, q->items, q->s, x, y))
    q->best = d, q->bi = i, q->bj = j;
}

/* The fine column (@across) or row of the coordinate @v, as
 * spread_fine_cell() finds it. */
static gint64
spread_fine_index (const SpreadCells *cells,
                   double             v,
                   gboolean           across)
{
  return spread_floor (v / cells->fine) - (across ? cells->column0 : cells->row0) * SPREAD_FINE;
}

/* Tries the places of one side of a ring: k from @a to @b, at (k, @l)
 * (@across: a row) or (@l, k) (a column). Places on covered cells are
 * passed over a run of them at a time: whatever the walk skips,
 * spread_consider() would have turned down as covered. */
static void
spread_walk_side (SpreadSearch *q,
                  gboolean      across,
                  int           l,
                  int           a,
                  int           b)
{
  SpreadCells *cells = q->cells;
  double       o = across ? q->x0 : q->y0; /* along the side */
  double       lo = across ? q->lo_x : q->lo_y, hi = across ? q->hi_x : q->hi_y;
  double       w = across ? q->y0 + l * q->h : q->x0 + l * q->h; /* the side's line */
  gint64       length = across ? cells->fine_columns : cells->fine_rows;
  gint64       line = spread_fine_index (cells, w, !across);
  gint64       first = (across ? cells->column0 : cells->row0) * SPREAD_FINE;
  gboolean     inside = line >= 0 && line < (across ? cells->fine_rows : cells->fine_columns);

  if (across ? (w < q->lo_y || w > q->hi_y) : (w < q->lo_x || w > q->hi_x))
    return;
  for (int k = a; k <= b;)
    {
      double v = o + k * q->h;
      gint64 f, g;
      int    next;

      if (v > hi)
        break;
      if (v < lo)
        {
          next = (int) -spread_floor ((o - lo) / q->h) - 1;
          k = MAX (k + 1, next);
          continue;
        }
      f = spread_fine_index (cells, v, across);
      if (!inside || f < 0 || f >= length || (across ? cells->right[line * length + f] : cells->down[line * cells->fine_rows + f]) == 0)
        {
          if (across)
            spread_consider (q, k, l);
          else
            spread_consider (q, l, k);
          k++;
          continue;
        }
      /* Cells f … g − 1 are covered: so is every place on them. */
      g = across ? spread_next_right (cells, line, f) : spread_next_down (cells, line, f);
      if (g >= length)
        break;
      /* Two short of the first place past them, for rounding. */
      next = (int) -spread_floor ((o - (g + first) * cells->fine) / q->h) - 2;
      k = MAX (k + 1, next);
      while (k <= b && spread_fine_index (cells, o + k * q->h, across) < g)
        k++;
    }
}

/* How far (across or down, whichever is more) from the search's start
 * the nearest place is that may not be covered, inside its bounds: the
 * distance to the nearest cell of the coarse grid with a fine cell left
 * uncovered (grown by a fine cell for rounding), searched ring by ring
 * of cells. Every ring of places nearer than that is covered, and the
 * search starts beyond them; in a full quadrant, most of the way. */
static double
spread_uncovered_distance (const SpreadSearch *q)
{
  const SpreadCells *cells = q->cells;
  double             fine = cells->fine, width = SPREAD_FINE * fine;
  gint64             px = spread_fine_index (cells, q->x0, TRUE), py = spread_fine_index (cells, q->y0, FALSE);
  gint64             rings = MAX (cells->columns, cells->rows);
  double             best = G_MAXDOUBLE;

  /* Places outside the grid are never covered. */
  if (q->lo_x < cells->column0 * width || q->hi_x > (cells->column0 + cells->columns) * width || q->lo_y < cells->row0 * width || q->hi_y > (cells->row0 + cells->rows) * width)
    return 0;
  /* The start's coarse cell, rounded down. */
  px = px >= 0 ? px / SPREAD_FINE : -((-px + SPREAD_FINE - 1) / SPREAD_FINE);
  py = py >= 0 ? py / SPREAD_FINE : -((-py + SPREAD_FINE - 1) / SPREAD_FINE);
  for (gint64 ring = 0; ring <= rings + ABS (px) + ABS (py); ring++)
    {
      /* A cell @ring cells away is ring − 1 whole cells away at least. */
      if ((ring - 1) * width - 2 * fine > best)
        break;
      for (gint64 by = py - ring; by <= py + ring; by++)
        for (gint64 bx = px - ring; bx <= px + ring; bx += ABS (by - py) == ring ? 1 : 2 * ring)
          {
            double x0, x1, y0, y1;

            if (bx < 0 || by < 0 || bx >= cells->columns || by >= cells->rows || cells->full[by * cells->columns + bx] == SPREAD_FINE * SPREAD_FINE)
              continue;
            x0 = (bx + cells->column0) * width - fine, x1 = (bx + 1 + cells->column0) * width + fine;
            y0 = (by + cells->row0) * width - fine, y1 = (by + 1 + cells->row0) * width + fine;
            if (x1 < q->lo_x || x0 > q->hi_x || y1 < q->lo_y || y0 > q->hi_y)
              continue;
            best = MIN (best, MAX (MAX (0, MAX (x0 - q->x0, q->x0 - x1)), MAX (y0 - q->y0, q->y0 - y1)));
          }
    }
  return best;
}

/* How far (across or down, whichever is more) from the search's start
 * the nearest place is that is inside its bounds but outside @inside,
 * the bounds of a search of the same state tried whole before it. */
static double
spread_tried_distance (const SpreadSearch *q,
                       const double       *inside)
{
  double tried = G_MAXDOUBLE;

  if (q->lo_x < inside[0])
    tried = MIN (tried, q->x0 - inside[0]);
  if (q->hi_x > inside[1])
    tried = MIN (tried, inside[1] - q->x0);
  if (q->lo_y < inside[2])
    tried = MIN (tried, q->y0 - inside[2]);
  if (q->hi_y > inside[3])
    tried = MIN (tried, inside[3] - q->y0);
  return tried;
}

/* Ring @r of the search: TRUE and the best place in it, if it has a
 * free one. Four sides, each walked by spread_walk_side(); @plain tries
 * every place of the ring in turn instead (for tests: the two agree). */
static gboolean
spread_search_ring (SpreadSearch *q,
                    int           r,
                    gboolean      plain)
{
  q->best = G_MAXDOUBLE;
  q->bi = q->bj = 0;
  if (plain)
    {
      for (int i = -r; i <= r; i++)
        for (int j = -r; j <= r; j += ABS (i) == r ? 1 : 2 * r)
          {
            double x = q->x0 + i * q->h, y = q->y0 + j * q->h, d = (double) i * i + (double) j * j;

            if (d >= q->best)
              continue;
            if (x < q->lo_x || x > q->hi_x || y < q->lo_y || y > q->hi_y)
              continue;
            if (!spread_is_covered (q->cells, x, y) && spread_is_free (q->cells, q->items, q->s, x, y))
              q->best = d, q->bi = i, q->bj = j;
          }
    }
  else
    {
      spread_walk_side (q, FALSE, -r, -r, r);
      spread_walk_side (q, FALSE, r, -r, r);
      spread_walk_side (q, TRUE, -r, -r + 1, r - 1);
      spread_walk_side (q, TRUE, r, -r + 1, r - 1);
    }
  return q->best < G_MAXDOUBLE;
}

/* Stakeholders with the same or nearly the same scores would be drawn on
 * top of each other. In the map's order, each takes the place its block
 * gave it if that is free, or else the nearest free place on its own side
 * of the cuts (and so in its quadrant), searched ring by ring. */
static void
spread_apart (Spread  *items,
              guint    n,
              gboolean plain)
{
  SpreadCells cells = { 0 };
  double      e_max = 0, cell;
  double      x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE, y_min = G_MAXDOUBLE, y_max = -G_MAXDOUBLE;

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
  cell = cells.cell = 2 * e_max + SPREAD_GAP;
  cells.column0 = (gint64) floor (x_min / cell) - 2;
  cells.row0 = (gint64) floor (y_min / cell) - 2;
  cells.columns = (gint64) floor (x_max / cell) + 3 - cells.column0;
  cells.rows = (gint64) floor (y_max / cell) + 3 - cells.row0;
  cells.first = g_new (gint, cells.columns * cells.rows);
  cells.next = g_new (gint, n);
  cells.fine = cell / SPREAD_FINE;
  cells.fine_columns = cells.columns * SPREAD_FINE;
  cells.fine_rows = cells.rows * SPREAD_FINE;
  /* One block for both: freed and taken again at every switch, it is
   * reused rather than handed back to the system and faulted in anew. */
  cells.right = g_new0 (guint8, 2 * cells.fine_columns * cells.fine_rows);
  cells.down = cells.right + cells.fine_columns * cells.fine_rows;
  cells.full = g_new0 (gint32, cells.columns * cells.rows);
  cells.e_min = G_MAXDOUBLE;
  for (guint k = 0; k < n; k++)
    cells.e_min = MIN (cells.e_min, items[k].e);
  for (gint64 c = 0; c < cells.columns * cells.rows; c++)
    cells.first[c] = -1;

  for (guint k = 0; k < n; k++)
    {
      Spread  *s = &items[k];
      double   x0 = s->node->x, y0 = s->node->y;
      double   h = (s->e + SPREAD_GAP / 2) / 2; /* between the places tried */
      gboolean found = spread_is_free (&cells, items, s, x0, y0);
      gint64   c;

      /* Inside the grid first; a quadrant too full for everyone spills
       * out over the grid's outer edges, never over a cut. */
      double inside[4] = { 0 }; /* the first search's bounds */

      for (int outside = 0; outside <= 1 && !found; outside++)
        {
          double       spill = outside ? GRID_SIZE / 2 : 0;
          SpreadSearch q = { &cells, items, s, x0, y0, h };
          guint        rings;
          double       far;

          q.lo_x = s->lo_x <= s->e + SPREAD_GAP ? s->lo_x - spill : s->lo_x;
          q.hi_x = s->hi_x >= GRID_SIZE - s->e - SPREAD_GAP ? s->hi_x + spill : s->hi_x;
          q.lo_y = s->lo_y <= s->e + SPREAD_GAP ? s->lo_y - spill : s->lo_y;
          q.hi_y = s->hi_y >= GRID_SIZE - s->e - SPREAD_GAP ? s->hi_y + spill : s->hi_y;
          rings = (guint) ceil (MAX (q.hi_x - q.lo_x, q.hi_y - q.lo_y) / h) + 1;
          /* Rings wholly outside the bounds have no place to try. */
          far = MAX (MAX (x0 - q.lo_x, q.hi_x - x0), MAX (y0 - q.lo_y, q.hi_y - y0));
          if (!plain && far >= 0 && far / h + 2 < rings)
            rings = (guint) ceil (far / h) + 1;
          for (guint r = 1; !found && r <= rings; r++)
            {
              /* Near rings are small: tried place by place. Past them,
               * rings nearer than an uncovered place have nothing free,
               * and when spilling, rings wholly inside the first
               * search's bounds were tried already (nothing was placed
               * since): the search goes straight beyond them. */
              if (!plain && r == SPREAD_NEAR_RINGS + 1)
                {
                  double near = spread_uncovered_distance (&q);

                  near = MAX (near, outside ? spread_tried_distance (&q, inside) : 0);
                  if (near >= (rings + 1) * h)
                    break;
                  if (near > (r + 1) * h)
                    r = (guint) floor ((near - 1e-6) / h);
                }
              if (spread_search_ring (&q, (int) r, plain || r <= SPREAD_NEAR_RINGS))
                {
                  s->node->x = x0 + q.bi * h, s->node->y = y0 + q.bj * h;
                  found = TRUE;
                }
            }
          inside[0] = q.lo_x, inside[1] = q.hi_x, inside[2] = q.lo_y, inside[3] = q.hi_y;
        }
      c = spread_cell (&cells, s->node->x, s->node->y);
      g_assert (c >= 0);
      cells.next[k] = cells.first[c];
      cells.first[c] = k;
      spread_cover (&cells, s);
    }
  g_free (cells.right);
  g_free (cells.full);
  g_free (cells.first);
  g_free (cells.next);
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
          Spread item = { node, _sm_render_node_extent (node) };
          double half = SPREAD_GAP / 2 + item.e;

          item.lo_x = interest < cutoff ? half : CUT_X (cutoff) + half;
          item.hi_x = interest < cutoff ? CUT_X (cutoff) - half : GRID_SIZE - half;
          item.lo_y = influence < cutoff ? CUT_Y (cutoff) + half : half;
          item.hi_y = influence < cutoff ? GRID_SIZE - half : CUT_Y (cutoff) - half;
          /* A quadrant too small for the shape: its middle. */
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

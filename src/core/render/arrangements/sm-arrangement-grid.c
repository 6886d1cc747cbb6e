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
#define SPREAD 40.0                    /* between stakeholders sharing a place */
#define SPREAD_GAP 6.0                 /* between the shapes of stakeholders pulled apart */
#define SPREAD_LIMIT 1000              /* rated stakeholders; above, only the blocks */
#define SPREAD_PITCH 8.0               /* between the places of the lattice a crowded stakeholder moves to */
#define SPREAD_ORIGIN (-GRID_SIZE / 2) /* the lattice's first place, across and down */
#define SPREAD_CLASS 4.0               /* half-widths are rounded up to this for the lattice's bits */
#define AXIS_MARGIN 60.0               /* room for the axis names */

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
  double x, y;       /* while spreading: where it is, read without going to the node */
  double e;          /* half the shape's width */
  double lo_x, hi_x; /* where it may go: its side of the cuts */
  double lo_y, hi_y;
  guint  quadrant; /* 1: right of the cut across, 2: above the cut up */
} Spread;

static void
spread_clamp (Spread *s)
{
  s->node->x = CLAMP (s->node->x, s->lo_x, s->hi_x);
  s->node->y = CLAMP (s->node->y, s->lo_y, s->hi_y);
}

/* A shape placed: where it is and half its width. */
typedef struct
{
  double x, y, e;
} SpreadShape;

/* Where the shapes already placed are, for the one exact test of whether
 * a place is free (spread_is_free()): a grid of cells, each as wide as
 * any two shapes (and a unit more, so that rounding never puts a shape
 * that may touch a place two cells from it), over all the places a shape
 * may go, each cell an array of the shapes whose centre is in it. */
typedef struct
{
  double        cell;
  gint64        column0, row0; /* the grid's first column and row */
  gint64        columns, rows;
  SpreadShape **shapes;   /* per cell: its shapes */
  gint         *n_shapes; /* per cell: how many, and room for how many */
  gint         *shapes_size;
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

/* Whether a shape of half-width @e at (x, y) would overlap a shape
 * already placed: the cells next to the one (x, y) is in hold every
 * shape that may, @e being at most the widest's. Neighbours are found by
 * the cell's index, not by moving (x, y) a cell's width, which rounding
 * can carry two cells on and past a shape in the way. */
static gboolean
spread_is_free (const SpreadCells *cells,
                double             e,
                double             x,
                double             y)
{
  gint64 cx = spread_line (cells, x, TRUE), cy = spread_line (cells, y, FALSE);

  for (gint64 j = MAX (cy - 1, 0); j <= MIN (cy + 1, cells->rows - 1); j++)
    for (gint64 i = MAX (cx - 1, 0); i <= MIN (cx + 1, cells->columns - 1); i++)
      {
        const SpreadShape *cell = cells->shapes[j * cells->columns + i];

        for (gint k = cells->n_shapes[j * cells->columns + i] - 1; k >= 0; k--)
          if (spread_overlaps (&cell[k], e, x, y))
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

/* The lattice's places as steps: columns i0 … i1, rows j0 … j1. */
typedef struct
{
  gint64 i0, i1, j0, j1;
} SpreadRange;

/* The places of the lattice inside @bounds (left, right, top, bottom). */
static SpreadRange
spread_range (const double *bounds)
{
  return (SpreadRange) {
    spread_first_from (SPREAD_ORIGIN, SPREAD_PITCH, bounds[0]),
    spread_last_to (SPREAD_ORIGIN, SPREAD_PITCH, bounds[1]),
    spread_first_from (SPREAD_ORIGIN, SPREAD_PITCH, bounds[2]),
    spread_last_to (SPREAD_ORIGIN, SPREAD_PITCH, bounds[3]),
  };
}

/* The place of the lattice nearest (@x, @y), where a search starts. */
static void
spread_anchor (double  x,
               double  y,
               gint64 *ai,
               gint64 *aj)
{
  *ai = spread_floor ((x - SPREAD_ORIGIN) / SPREAD_PITCH + 0.5);
  *aj = spread_floor ((y - SPREAD_ORIGIN) / SPREAD_PITCH + 0.5);
}

/* Whether the place (i, j) comes before (bi, bj) for a search from
 * (ai, aj): nearer in steps (di² + dj²); of as near, the one in the
 * nearer row, the row above, then the nearer column, the column to the
 * left. Whole numbers only, so every machine orders places alike. */
static gboolean
spread_before (gint64 i,
               gint64 j,
               gint64 bi,
               gint64 bj,
               gint64 ai,
               gint64 aj)
{
  gint64 di = i - ai, dj = j - aj, bdi = bi - ai, bdj = bj - aj;
  gint64 d = di * di + dj * dj, bd = bdi * bdi + bdj * bdj;

  if (d != bd)
    return d < bd;
  if (ABS (dj) != ABS (bdj))
    return ABS (dj) < ABS (bdj);
  if (dj != bdj)
    return dj < bdj;
  if (ABS (di) != ABS (bdi))
    return ABS (di) < ABS (bdi);
  return di < bdi;
}

/* The lattice's places for the shapes of one width class on one side of
 * the cuts, a bit each, set where a shape already placed is in the way of
 * a shape as wide as the class (half-width @e, no member wider): kept
 * from one search to the next, so that a search marks only the shapes
 * placed since the last search of its layer, never its neighbours again. */
typedef struct
{
  double      e;
  double      bounds[4]; /* every place its members may go: their spills */
  SpreadRange range;
  gsize       words;    /* a row */
  guint64    *taken;    /* allocated at its first search; the bits past a row's end set */
  gboolean   *row_full; /* per row: whether every place of it is taken */
  guint       marked;   /* how many of the shapes placed are marked */
} SpreadLayer;

/* Sets the bits of @layer's places where the shape @p is in the way of
 * a shape of the layer: a block of them, the rows and columns
 * spread_near_steps() finds. */
static void
spread_layer_mark (SpreadLayer       *layer,
                   const SpreadShape *p)
{
  const SpreadRange *r = &layer->range;
  double             need = layer->e + p->e + SPREAD_GAP;
  gint64             a, b, c, d;

  /* Far from every place of the layer: nothing to mark (a unit to
   * spare for rounding). */
  if (p->x + need + 1 < layer->bounds[0] || p->x - need - 1 > layer->bounds[1] ||
      p->y + need + 1 < layer->bounds[2] || p->y - need - 1 > layer->bounds[3])
    return;
  spread_near_steps (SPREAD_ORIGIN, SPREAD_PITCH, 1 / SPREAD_PITCH, p->x, need, &a, &b);
  a = MAX (a, r->i0) - r->i0, b = MIN (b, r->i1) - r->i0;
  if (a > b)
    return;
  spread_near_steps (SPREAD_ORIGIN, SPREAD_PITCH, 1 / SPREAD_PITCH, p->y, need, &c, &d);
  c = MAX (c, r->j0) - r->j0, d = MIN (d, r->j1) - r->j0;
  {
    /* The same bits in every row: the masks of its first and last
     * words taken once. */
    gint64   wa = a >> 6, wb = b >> 6;
    guint64  first = ~G_GUINT64_CONSTANT (0) << (a & 63);
    guint64  last = ~G_GUINT64_CONSTANT (0) >> (63 - (b & 63));
    guint64 *row = layer->taken + c * layer->words;

    if (wa == wb)
      first &= last;
    for (gint64 j = c; j <= d; j++, row += layer->words)
      {
        gboolean full = TRUE;

        if (layer->row_full[j])
          continue;
        row[wa] |= first;
        if (wb != wa)
          {
            for (gint64 w = wa + 1; w < wb; w++)
              row[w] = ~G_GUINT64_CONSTANT (0);
            row[wb] |= last;
          }
        for (gsize w = 0; w < layer->words && full; w++)
          full = row[w] == ~G_GUINT64_CONSTANT (0);
        layer->row_full[j] = full;
      }
  }
}

/* Brings @layer up to date with the @n shapes @placed: its bits made at
 * its first search, then only the shapes placed since its last. */
static void
spread_layer_sync (SpreadLayer       *layer,
                   const SpreadShape *placed,
                   guint              n)
{
  if (layer->taken == NULL)
    {
      const SpreadRange *r = &layer->range;

      gint64 columns = r->i1 - r->i0 + 1, rows = r->j1 - r->j0 + 1;

      layer->words = (gsize) ((columns - 1) / 64 + 1);
      layer->taken = g_new0 (guint64, layer->words * (gsize) rows);
      layer->row_full = g_new0 (gboolean, rows);
      for (gint64 j = 0; j < rows; j++)
        if (columns % 64 != 0)
          layer->taken[(j + 1) * layer->words - 1] = ~G_GUINT64_CONSTANT (0) << (columns % 64);
    }
  for (; layer->marked < n; layer->marked++)
    spread_layer_mark (layer, &placed[layer->marked]);
}

/* The first free place of @layer inside @q (which it holds) in the order
 * of spread_before() from (@ai, @aj): TRUE and its steps, or FALSE if
 * every place is taken. Row by row outwards from the anchor's: in a row
 * the free place nearest the anchor's column comes first (of two as
 * near, the one to the left), and rows further than the best place so
 * far cannot hold a better one. */
static gboolean
spread_layer_nearest (const SpreadLayer *layer,
                      const SpreadRange *q,
                      gint64             ai,
                      gint64             aj,
                      gint64            *bi,
                      gint64            *bj)
{
  const SpreadRange *r = &layer->range;
  gboolean           found = FALSE;
  gint64             best = 0;
  gint64             reach = MAX (aj - q->j0, q->j1 - aj);
  gint64             centre = CLAMP (ai, q->i0, q->i1) - r->i0;

  if (q->i0 > q->i1 || q->j0 > q->j1)
    return FALSE;
  g_assert (q->i0 >= r->i0 && q->i1 <= r->i1 && q->j0 >= r->j0 && q->j1 <= r->j1);
  for (gint64 t = MAX (0, MAX (q->j0 - aj, aj - q->j1)); t <= reach && (!found || t * t < best); t++)
    for (int side = 0; side < (t == 0 ? 1 : 2); side++)
      {
        gint64         j = side == 0 ? aj - t : aj + t;
        const guint64 *row;
        gint64         right, left, i, d;

        if (j < q->j0 || j > q->j1 || layer->row_full[j - r->j0])
          continue;
        row = layer->taken + (j - r->j0) * layer->words;
        right = spread_next_free (row, centre, q->i1 - r->i0);
        left = spread_previous_free (row, centre, q->i0 - r->i0);
        if (right < 0 && left < 0)
          continue;
        if (left >= 0 && (right < 0 || ABS (left + r->i0 - ai) <= ABS (right + r->i0 - ai)))
          i = left + r->i0;
        else
          i = right + r->i0;
        d = (i - ai) * (i - ai) + t * t;
        if (!found || d < best)
          *bi = i, *bj = j, best = d, found = TRUE;
      }
  return found;
}

/* The same search trying every place of @q in turn, each against every
 * shape placed (through @cells), for tests: the two agree. */
static gboolean
spread_nearest_plain (const SpreadCells *cells,
                      double             e,
                      const SpreadRange *q,
                      gint64             ai,
                      gint64             aj,
                      gint64            *bi,
                      gint64            *bj)
{
  gboolean found = FALSE;

  for (gint64 j = q->j0; j <= q->j1; j++)
    for (gint64 i = q->i0; i <= q->i1; i++)
      if ((!found || spread_before (i, j, *bi, *bj, ai, aj)) &&
          spread_is_free (cells, e, spread_at (SPREAD_ORIGIN, SPREAD_PITCH, i), spread_at (SPREAD_ORIGIN, SPREAD_PITCH, j)))
        *bi = i, *bj = j, found = TRUE;
  return found;
}

/* Where @s may go: its own side of the cuts (@inner), and that with the
 * spill over the grid's outer edges it touches (@outer). */
static void
spread_bounds (const Spread *s,
               double       *inner,
               double       *outer)
{
  inner[0] = s->lo_x, inner[1] = s->hi_x, inner[2] = s->lo_y, inner[3] = s->hi_y;
  outer[0] = s->lo_x <= s->e + SPREAD_GAP ? s->lo_x - GRID_SIZE / 2 : s->lo_x;
  outer[1] = s->hi_x >= GRID_SIZE - s->e - SPREAD_GAP ? s->hi_x + GRID_SIZE / 2 : s->hi_x;
  outer[2] = s->lo_y <= s->e + SPREAD_GAP ? s->lo_y - GRID_SIZE / 2 : s->lo_y;
  outer[3] = s->hi_y >= GRID_SIZE - s->e - SPREAD_GAP ? s->hi_y + GRID_SIZE / 2 : s->hi_y;
}

/* For tests: a layer over @bounds for shapes of half-width @e with the
 * @n shapes @shapes (each its centre and half-width, x, y, e) marked,
 * and the search from (@x0, @y0) in it. @way 0: the layer's bits; 1:
 * every place tried against every shape. TRUE and the place found in
 * (*@x, *@y), or FALSE; *@n_taken: how many places of @bounds are in
 * the way of a shape there (by the bits, or the plain test). */
gboolean
_sm_render_test_grid_nearest_free (const double *shapes,
                                   guint         n,
                                   double        e,
                                   const double *bounds,
                                   double        x0,
                                   double        y0,
                                   int           way,
                                   double       *x,
                                   double       *y,
                                   guint        *n_taken)
{
  g_autofree SpreadShape *placed = g_new (SpreadShape, MAX (n, 1));
  SpreadLayer             layer = { .e = e };
  SpreadRange             q = spread_range (bounds);
  gint64                  ai, aj, bi = 0, bj = 0;
  gboolean                found = FALSE;

  for (guint k = 0; k < n; k++)
    placed[k] = (SpreadShape) { shapes[3 * k], shapes[3 * k + 1], shapes[3 * k + 2] };
  memcpy (layer.bounds, bounds, sizeof layer.bounds);
  layer.range = q;
  spread_anchor (x0, y0, &ai, &aj);
  *n_taken = 0;
  if (q.i0 > q.i1 || q.j0 > q.j1)
    return FALSE;
  if (way == 0)
    {
      spread_layer_sync (&layer, placed, n);
      found = spread_layer_nearest (&layer, &q, ai, aj, &bi, &bj);
      for (gint64 j = q.j0; j <= q.j1; j++)
        for (gint64 i = q.i0; i <= q.i1; i++)
          *n_taken += (layer.taken[(j - q.j0) * layer.words + ((i - q.i0) >> 6)] >> ((i - q.i0) & 63)) & 1;
      g_free (layer.taken);
      g_free (layer.row_full);
    }
  else
    for (gint64 j = q.j0; j <= q.j1; j++)
      for (gint64 i = q.i0; i <= q.i1; i++)
        {
          double   px = spread_at (SPREAD_ORIGIN, SPREAD_PITCH, i), py = spread_at (SPREAD_ORIGIN, SPREAD_PITCH, j);
          gboolean free = TRUE;

          for (guint k = 0; k < n && free; k++)
            free = !spread_overlaps (&placed[k], e, px, py);
          if (!free)
            (*n_taken)++;
          else if (!found || spread_before (i, j, bi, bj, ai, aj))
            bi = i, bj = j, found = TRUE;
        }
  if (found)
    *x = spread_at (SPREAD_ORIGIN, SPREAD_PITCH, bi), *y = spread_at (SPREAD_ORIGIN, SPREAD_PITCH, bj);
  return found;
}

/* Stakeholders with the same or nearly the same scores would be drawn on
 * top of each other. In the map's order, each takes the place its block
 * gave it if that is free, or else the nearest free place of a lattice
 * SPREAD_PITCH apart that every stakeholder shares, on its own side of
 * the cuts (and so in its quadrant); a quadrant too full spills out over
 * the grid's outer edges, never over a cut. Those for whom no place is
 * free stay where their block put them. Whether a place of the lattice
 * is free is kept as a bit, per side of the cuts and width class (a
 * stakeholder is taken as wide as its class, half-widths rounded up to
 * SPREAD_CLASS), so a search reads bits and marks only what was placed
 * since the last search of its class. */
static void
spread_apart (Spread  *items,
              guint    n,
              gboolean plain)
{
  SpreadCells cells = { 0 };
  double      e_max = 0, cell;
  double      x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE, y_min = G_MAXDOUBLE, y_max = -G_MAXDOUBLE;
  g_autoptr(GArray) layers = g_array_new (FALSE, FALSE, sizeof (SpreadLayer));
  g_autofree gint        *layer_of_class = NULL;                /* per side of the cuts and class: its layer, or -1 */
  g_autofree guint       *layer_of = g_new (guint, MAX (n, 1)); /* per stakeholder */
  g_autofree SpreadShape *placed = g_new (SpreadShape, MAX (n, 1));
  guint                   n_classes;

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
  cell = cells.cell = 2 * e_max + SPREAD_GAP + 1;
  cells.column0 = (gint64) floor (x_min / cell) - 2;
  cells.row0 = (gint64) floor (y_min / cell) - 2;
  cells.columns = (gint64) floor (x_max / cell) + 3 - cells.column0;
  cells.rows = (gint64) floor (y_max / cell) + 3 - cells.row0;
  cells.shapes = g_new0 (SpreadShape *, cells.columns * cells.rows);
  cells.n_shapes = g_new0 (gint, cells.columns * cells.rows);
  cells.shapes_size = g_new0 (gint, cells.columns * cells.rows);

  /* The layers: one per side of the cuts and class present, over every
   * place its members may go. */
  n_classes = (guint) ceil (e_max / SPREAD_CLASS) + 1;
  layer_of_class = g_new (gint, 4 * n_classes);
  for (guint c = 0; c < 4 * n_classes; c++)
    layer_of_class[c] = -1;
  for (guint k = 0; k < n; k++)
    {
      const Spread *s = &items[k];
      guint         c = MIN ((guint) ceil (s->e / SPREAD_CLASS), n_classes - 1);
      guint         key = s->quadrant * n_classes + c;
      double        inner[4], outer[4];
      SpreadLayer  *layer;

      spread_bounds (s, inner, outer);
      if (layer_of_class[key] < 0)
        {
          /* No wider than the widest, so that spread_is_free() holds
           * for a shape as wide as the class. */
          SpreadLayer fresh = { .e = MIN (c * SPREAD_CLASS, e_max) };

          memcpy (fresh.bounds, outer, sizeof fresh.bounds);
          layer_of_class[key] = layers->len;
          g_array_append_val (layers, fresh);
        }
      layer_of[k] = layer_of_class[key];
      layer = &g_array_index (layers, SpreadLayer, layer_of[k]);
      layer->bounds[0] = MIN (layer->bounds[0], outer[0]);
      layer->bounds[1] = MAX (layer->bounds[1], outer[1]);
      layer->bounds[2] = MIN (layer->bounds[2], outer[2]);
      layer->bounds[3] = MAX (layer->bounds[3], outer[3]);
    }
  for (guint l = 0; l < layers->len; l++)
    {
      SpreadLayer *layer = &g_array_index (layers, SpreadLayer, l);

      layer->range = spread_range (layer->bounds);
      /* A place at least, so that its bits are a block. */
      layer->range.i1 = MAX (layer->range.i1, layer->range.i0);
      layer->range.j1 = MAX (layer->range.j1, layer->range.j0);
    }

  for (guint k = 0; k < n; k++)
    {
      Spread *s = &items[k];
      double  x0 = s->x = s->node->x, y0 = s->y = s->node->y;
      gint64  cx, cy;

      if (!spread_is_free (&cells, s->e, x0, y0))
        {
          SpreadLayer *layer = &g_array_index (layers, SpreadLayer, layer_of[k]);
          double       inner[4], outer[4];
          SpreadRange  in, out;
          gint64       ai, aj, bi = 0, bj = 0;
          gboolean     found;

          spread_bounds (s, inner, outer);
          in = spread_range (inner);
          out = spread_range (outer);
          spread_anchor (x0, y0, &ai, &aj);
          if (plain)
            found = spread_nearest_plain (&cells, layer->e, &in, ai, aj, &bi, &bj) ||
                    spread_nearest_plain (&cells, layer->e, &out, ai, aj, &bi, &bj);
          else
            {
              spread_layer_sync (layer, placed, k);
              found = spread_layer_nearest (layer, &in, ai, aj, &bi, &bj) ||
                      spread_layer_nearest (layer, &out, ai, aj, &bi, &bj);
            }
          if (found)
            s->x = spread_at (SPREAD_ORIGIN, SPREAD_PITCH, bi), s->y = spread_at (SPREAD_ORIGIN, SPREAD_PITCH, bj);
        }
      s->node->x = s->x;
      s->node->y = s->y;
      placed[k] = (SpreadShape) { s->x, s->y, s->e };
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
        cells.shapes[c][cells.n_shapes[c]++] = placed[k];
      }
    }
  for (guint l = 0; l < layers->len; l++)
    {
      g_free (g_array_index (layers, SpreadLayer, l).taken);
      g_free (g_array_index (layers, SpreadLayer, l).row_full);
    }
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
          item.quadrant = (interest >= cutoff) | (influence >= cutoff) << 1;
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

/* sm-index.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sm-index.h"

/* An item that would enter more cells than this (a line across a huge,
 * sparse map, a stakeholder far away from all others) goes to a short list
 * every query returns instead, so one outlier cannot cost millions of
 * cells. */
#define MAX_CELLS_PER_ITEM 4096

/* Cell coordinates are clamped so that the packed key cannot overflow,
 * whatever numbers a file holds. */
#define CELL_LIMIT (1 << 30)

typedef struct
{
  gpointer item;
  double   x0, y0, x1, y1; /* box corners or segment ends, as given */
  guint    segment : 1;
  guint    big : 1;
  guint    used : 1;
  guint    stamp; /* last query that returned it, to return it once */
} Slot;

/* A cell of the grid and the slots of the items in it. Cells live in an
 * open-addressed table (linear probing, at most half full): filling the
 * indexes of a 100,000-stakeholder map puts items in millions of cells,
 * and a GHashTable's call per look-up and GArray per cell were most of
 * switching views. */
typedef struct
{
  gint64 key;
  guint *slots; /* slot numbers; NULL: the table's entry is empty */
  guint  len, size;
} Cell;

struct _SmIndex
{
  double      cell_size;
  GArray     *slots;      /* Slot */
  GArray     *free_slots; /* guint: slot numbers to reuse */
  GHashTable *by_item;    /* item → slot number + 1 */
  gboolean    unhashed;   /* items added by add_item() are not in by_item yet */
  Cell       *cells;      /* the table: a power of two of entries */
  guint       cells_mask; /* entries - 1 */
  guint       n_cells;    /* entries in use */
  GArray     *big;        /* guint: slot numbers of items kept out of cells */
  guint       stamp;
};

typedef void (*CellFunc) (SmIndex *self,
                          gint64   key,
                          guint    slot);

/* A packed cell key hashed with both coordinates mixed into every bit.
 * g_int64_hash() folds the halves together with xor, so every cell on a
 * line of equal cx ^ cy (the diagonals of a map) landed on one hash, and a
 * long relationship crossing hundreds of cells made lookups crawl. This is
 * the finaliser of MurmurHash3. */
static guint
cell_hash (gint64 key)
{
  guint64 v = (guint64) key;

  v ^= v >> 33;
  v *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  v ^= v >> 33;
  v *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  v ^= v >> 33;
  return (guint) v;
}

#define CELLS_FIRST 64

static void
cells_init (SmIndex *self,
            guint    entries)
{
  self->cells = g_new0 (Cell, entries);
  self->cells_mask = entries - 1;
  self->n_cells = 0;
}

static void
cells_clear (SmIndex *self)
{
  for (guint i = 0; i <= self->cells_mask; i++)
    g_free (self->cells[i].slots);
  g_free (self->cells);
  self->cells = NULL;
}

/* The entry of the cell @key, or of the empty entry where it would go. */
static guint
cell_find (SmIndex *self,
           gint64   key)
{
  guint i = cell_hash (key) & self->cells_mask;

  while (self->cells[i].slots != NULL && self->cells[i].key != key)
    i = (i + 1) & self->cells_mask;
  return i;
}

static Cell *
cell_lookup (SmIndex *self,
             gint64   key)
{
  Cell *cell = &self->cells[cell_find (self, key)];

  return cell->slots != NULL ? cell : NULL;
}

static void
cells_grow (SmIndex *self)
{
  Cell *old = self->cells;
  guint entries = self->cells_mask + 1;

  cells_init (self, entries * 2);
  for (guint i = 0; i < entries; i++)
    if (old[i].slots != NULL)
      {
        self->cells[cell_find (self, old[i].key)] = old[i];
        self->n_cells++;
      }
  g_free (old);
}

/* Empties the entry @i, moving back the entries after it that probing
 * would no longer find. */
static void
cell_delete (SmIndex *self,
             guint    i)
{
  guint j = i;

  g_free (self->cells[i].slots);
  self->cells[i].slots = NULL;
  self->n_cells--;
  for (;;)
    {
      guint home;

      j = (j + 1) & self->cells_mask;
      if (self->cells[j].slots == NULL)
        return;
      home = cell_hash (self->cells[j].key) & self->cells_mask;
      /* Stays when its home is cyclically in (i, j]. */
      if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
        continue;
      self->cells[i] = self->cells[j];
      self->cells[j].slots = NULL;
      i = j;
    }
}

SmIndex *
sm_index_new (double cell_size)
{
  SmIndex *self = g_new0 (SmIndex, 1);

  g_return_val_if_fail (cell_size > 0, NULL);

  self->cell_size = cell_size;
  self->slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  self->free_slots = g_array_new (FALSE, FALSE, sizeof (guint));
  self->by_item = g_hash_table_new (NULL, NULL);
  cells_init (self, CELLS_FIRST);
  self->big = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
sm_index_free (SmIndex *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->slots);
  g_array_unref (self->free_slots);
  g_hash_table_unref (self->by_item);
  cells_clear (self);
  g_array_unref (self->big);
  g_free (self);
}

/* Enters in by_item the items add_item() put in without it: once, when
 * an item is first asked for by itself. */
static void
ensure_hashed (SmIndex *self)
{
  if (!self->unhashed)
    return;
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot    *s = &g_array_index (self->slots, Slot, i);
      gboolean added;

      if (!s->used)
        continue;
      added = g_hash_table_insert (self->by_item, s->item, GUINT_TO_POINTER (i + 1));
      /* sm_index_add_box() and sm_index_add_segment() are for new items. */
      g_assert (added);
    }
  self->unhashed = FALSE;
}

guint
sm_index_get_size (SmIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  ensure_hashed (self);
  return g_hash_table_size (self->by_item);
}

static gint64
cell_of (SmIndex *self,
         double   v)
{
  double c = floor (v / self->cell_size);

  /* NaN compares false both ways and ends up at 0. */
  if (!(c > -CELL_LIMIT))
    return c < 0 ? -CELL_LIMIT : 0;
  if (c > CELL_LIMIT)
    return CELL_LIMIT;
  return (gint64) c;
}

static gint64
pack (gint64 cx,
      gint64 cy)
{
  return (gint64) (((guint64) cx << 32) | (guint32) cy);
}

static void
cell_add (SmIndex *self,
          gint64   key,
          guint    slot)
{
  Cell *cell = &self->cells[cell_find (self, key)];

  if (cell->slots == NULL)
    {
      if (2 * (self->n_cells + 1) > self->cells_mask + 1)
        {
          cells_grow (self);
          cell = &self->cells[cell_find (self, key)];
        }
      cell->key = key;
      cell->size = 4;
      cell->len = 0;
      cell->slots = g_new (guint, cell->size);
      self->n_cells++;
    }
  else if (cell->len == cell->size)
    {
      cell->size *= 2;
      cell->slots = g_renew (guint, cell->slots, cell->size);
    }
  cell->slots[cell->len++] = slot;
}

static void
cell_remove (SmIndex *self,
             gint64   key,
             guint    slot)
{
  guint at = cell_find (self, key);
  Cell *cell = &self->cells[at];

  g_assert (cell->slots != NULL);
  for (guint i = 0; i < cell->len; i++)
    if (cell->slots[i] == slot)
      {
        /* As g_array_remove_index_fast(): the last takes its place. */
        cell->slots[i] = cell->slots[--cell->len];
        break;
      }
  if (cell->len == 0)
    cell_delete (self, at);
}

/* How many cells the item would enter, or an overestimate of it. */
static guint64
slot_cell_count (SmIndex    *self,
                 const Slot *s)
{
  guint64 w = ABS (cell_of (self, s->x1) - cell_of (self, s->x0)) + 1;
  guint64 h = ABS (cell_of (self, s->y1) - cell_of (self, s->y0)) + 1;

  /* A segment crosses at most one new cell per column or row boundary. */
  return s->segment ? w + h : w * h;
}

/* Calls @func for every cell the item enters. A segment is walked column
 * by column: in each column it spans a range of y, and exactly the cells of
 * that range, so every cell it touches is visited and no other. */
static void
slot_foreach_cell (SmIndex    *self,
                   const Slot *s,
                   guint       slot,
                   CellFunc    func)
{
  if (!s->segment)
    {
      gint64 cx0 = cell_of (self, s->x0), cx1 = cell_of (self, s->x1);
      gint64 cy0 = cell_of (self, s->y0), cy1 = cell_of (self, s->y1);

      for (gint64 cx = cx0; cx <= cx1; cx++)
        for (gint64 cy = cy0; cy <= cy1; cy++)
          func (self, pack (cx, cy), slot);
    }
  else
    {
      double ax = s->x0, ay = s->y0, bx = s->x1, by = s->y1;
      gint64 cx0, cx1;

      if (ax > bx)
        {
          double t;

          t = ax, ax = bx, bx = t;
          t = ay, ay = by, by = t;
        }
      cx0 = cell_of (self, ax);
      cx1 = cell_of (self, bx);
      for (gint64 cx = cx0; cx <= cx1; cx++)
        {
          double left = MAX (ax, cx * self->cell_size);
          double right = MIN (bx, (cx + 1) * self->cell_size);
          double ya, yb;
          gint64 cy0, cy1;

          if (bx > ax)
            {
              ya = ay + (left - ax) * (by - ay) / (bx - ax);
              yb = ay + (right - ax) * (by - ay) / (bx - ax);
            }
          else
            {
              ya = ay;
              yb = by;
            }
          /* The first and last columns are clamped to the ends exactly. */
          if (cx == cx0)
            ya = ay;
          if (cx == cx1)
            yb = by;
          cy0 = cell_of (self, MIN (ya, yb));
          cy1 = cell_of (self, MAX (ya, yb));
          for (gint64 cy = cy0; cy <= cy1; cy++)
            func (self, pack (cx, cy), slot);
        }
    }
}

static void
big_remove (SmIndex *self,
            guint    slot)
{
  for (guint i = 0; i < self->big->len; i++)
    if (g_array_index (self->big, guint, i) == slot)
      {
        g_array_remove_index_fast (self->big, i);
        return;
      }
  g_assert_not_reached ();
}

static void
slot_unplace (SmIndex *self,
              guint    slot)
{
  Slot *s = &g_array_index (self->slots, Slot, slot);

  if (s->big)
    big_remove (self, slot);
  else
    slot_foreach_cell (self, s, slot, cell_remove);
}

static void
slot_place (SmIndex *self,
            guint    slot)
{
  Slot *s = &g_array_index (self->slots, Slot, slot);

  s->big = slot_cell_count (self, s) > MAX_CELLS_PER_ITEM;
  if (s->big)
    g_array_append_val (self->big, slot);
  else
    slot_foreach_cell (self, s, slot, cell_add);
}

/* Puts @item in the slot @slot as a segment or a box, and the slot in
 * its cells. */
static void
slot_fill (SmIndex *self,
           guint    slot,
           gpointer item,
           gboolean segment,
           double   x0,
           double   y0,
           double   x1,
           double   y1)
{
  Slot *s = &g_array_index (self->slots, Slot, slot);

  s->item = item;
  s->used = TRUE;
  s->segment = segment;
  if (segment)
    {
      s->x0 = x0, s->y0 = y0, s->x1 = x1, s->y1 = y1;
    }
  else
    {
      s->x0 = MIN (x0, x1), s->x1 = MAX (x0, x1);
      s->y0 = MIN (y0, y1), s->y1 = MAX (y0, y1);
    }
  slot_place (self, slot);
}

static void
set_item (SmIndex *self,
          gpointer item,
          gboolean segment,
          double   x0,
          double   y0,
          double   x1,
          double   y1)
{
  gpointer found;
  guint    slot;

  ensure_hashed (self);
  found = g_hash_table_lookup (self->by_item, item);
  if (found != NULL)
    {
      slot = GPOINTER_TO_UINT (found) - 1;
      slot_unplace (self, slot);
    }
  else if (self->free_slots->len > 0)
    {
      slot = g_array_index (self->free_slots, guint, self->free_slots->len - 1);
      g_array_set_size (self->free_slots, self->free_slots->len - 1);
      g_hash_table_insert (self->by_item, item, GUINT_TO_POINTER (slot + 1));
    }
  else
    {
      slot = self->slots->len;
      g_array_set_size (self->slots, slot + 1);
      g_hash_table_insert (self->by_item, item, GUINT_TO_POINTER (slot + 1));
    }
  slot_fill (self, slot, item, segment, x0, y0, x1, y1);
}

/* As set_item() for an @item not in the index. Filling an index afresh
 * (every switch of view fills two, of every stakeholder and every
 * relationship) takes the next slot each and leaves the table from item
 * to slot for later (ensure_hashed()): on a map of 100,000 each entry in
 * that table, a table grown and moved as it filled, was a miss of the
 * cache, and the table is needed only once an item is moved or removed.
 * The slots and cells are those set_item() would give. */
static void
add_item (SmIndex *self,
          gpointer item,
          gboolean segment,
          double   x0,
          double   y0,
          double   x1,
          double   y1)
{
  guint slot;

  if (self->free_slots->len > 0 || (!self->unhashed && g_hash_table_size (self->by_item) > 0))
    {
      set_item (self, item, segment, x0, y0, x1, y1);
      return;
    }
  slot = self->slots->len;
  g_array_set_size (self->slots, slot + 1);
  self->unhashed = TRUE;
  slot_fill (self, slot, item, segment, x0, y0, x1, y1);
}

/* Puts @item in the index (or moves it) as the box from (x0, y0) to
 * (x1, y1). */
void
sm_index_set_box (SmIndex *self,
                  gpointer item,
                  double   x0,
                  double   y0,
                  double   x1,
                  double   y1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (item != NULL);
  set_item (self, item, FALSE, x0, y0, x1, y1);
}

/* Puts @item in the index (or moves it) as the line from (x0, y0) to
 * (x1, y1). Queries return it when the line meets the query rectangle, so
 * callers widen the rectangle by the stroke they draw. */
void
sm_index_set_segment (SmIndex *self,
                      gpointer item,
                      double   x0,
                      double   y0,
                      double   x1,
                      double   y1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (item != NULL);
  set_item (self, item, TRUE, x0, y0, x1, y1);
}

/* As sm_index_set_box() for an @item not in the index (never one that
 * is: that is a programming error): the quicker way to fill an index. */
void
sm_index_add_box (SmIndex *self,
                  gpointer item,
                  double   x0,
                  double   y0,
                  double   x1,
                  double   y1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (item != NULL);
  add_item (self, item, FALSE, x0, y0, x1, y1);
}

/* As sm_index_set_segment() for an @item not in the index, as
 * sm_index_add_box(). */
void
sm_index_add_segment (SmIndex *self,
                      gpointer item,
                      double   x0,
                      double   y0,
                      double   x1,
                      double   y1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (item != NULL);
  add_item (self, item, TRUE, x0, y0, x1, y1);
}

gboolean
sm_index_remove (SmIndex *self,
                 gpointer item)
{
  gpointer found;
  guint    slot;
  Slot    *s;

  g_return_val_if_fail (self != NULL, FALSE);

  ensure_hashed (self);
  found = g_hash_table_lookup (self->by_item, item);
  if (found == NULL)
    return FALSE;
  slot = GPOINTER_TO_UINT (found) - 1;
  slot_unplace (self, slot);
  g_hash_table_remove (self->by_item, item);
  s = &g_array_index (self->slots, Slot, slot);
  s->item = NULL;
  s->used = FALSE;
  g_array_append_val (self->free_slots, slot);
  return TRUE;
}

gboolean
sm_index_contains (SmIndex *self,
                   gpointer item)
{
  g_return_val_if_fail (self != NULL, FALSE);
  ensure_hashed (self);
  return g_hash_table_contains (self->by_item, item);
}

/* Whether the rectangle lies wholly on one side of the line through the
 * segment @s (whose box meets it): then the segment misses it. Each corner's
 * side is the sign of a cross product; a corner within rounding of the
 * line counts as on it, so a segment that meets the rectangle is never
 * missed. A long line beside a thin strip of the view (what a pan
 * uncovers) has a box over the strip and no point in it: found here, it
 * costs the caller nothing, where looking up its ends cost a frame's
 * worth of cache misses. */
static gboolean
segment_misses (const Slot *s,
                double      qx0,
                double      qy0,
                double      qx1,
                double      qy1)
{
  double dx = s->x1 - s->x0, dy = s->y1 - s->y0;
  double corners[4][2] = { { qx0, qy0 }, { qx1, qy0 }, { qx0, qy1 }, { qx1, qy1 } };
  double slack = 1e-9 * (fabs (dx) + fabs (dy)) *
                 (fabs (s->x0) + fabs (s->y0) + fabs (qx0) + fabs (qy0) + fabs (qx1) + fabs (qy1) + 1);
  int above = 0, below = 0;

  for (int i = 0; i < 4; i++)
    {
      double side = (corners[i][0] - s->x0) * dy - (corners[i][1] - s->y0) * dx;

      above += side > slack;
      below += side < -slack;
    }
  return above == 4 || below == 4;
}

static void
visit (SmIndex   *self,
       guint      slot,
       double     qx0,
       double     qy0,
       double     qx1,
       double     qy1,
       GPtrArray *out)
{
  Slot *s = &g_array_index (self->slots, Slot, slot);

  if (s->stamp == self->stamp)
    return;
  s->stamp = self->stamp;
  /* The bounding box is a cheap first cut; a segment is then tested as
   * the line it is, a box as it is. */
  if (MAX (s->x0, s->x1) < qx0 || MIN (s->x0, s->x1) > qx1 ||
      MAX (s->y0, s->y1) < qy0 || MIN (s->y0, s->y1) > qy1)
    return;
  if (s->segment && segment_misses (s, qx0, qy0, qx1, qy1))
    return;
  g_ptr_array_add (out, s->item);
}

static void
visit_cell (SmIndex   *self,
            Cell      *cell,
            double     qx0,
            double     qy0,
            double     qx1,
            double     qy1,
            GPtrArray *out)
{
  for (guint i = 0; i < cell->len; i++)
    visit (self, cell->slots[i], qx0, qy0, qx1, qy1, out);
}

/* Appends to @out, once each, the items that meet the rectangle (a box
 * that meets it, a segment that crosses or touches it; one within
 * rounding of its corner may come too), in no particular order, and
 * returns how many it appended. */
guint
sm_index_query (SmIndex   *self,
                double     x,
                double     y,
                double     width,
                double     height,
                GPtrArray *out)
{
  double qx1 = x + width, qy1 = y + height;
  gint64 cx0, cx1, cy0, cy1;
  guint  before;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  before = out->len;
  if (!(width >= 0 && height >= 0))
    return 0;

  if (++self->stamp == 0)
    {
      /* After four billion queries: forget the old stamps. */
      for (guint i = 0; i < self->slots->len; i++)
        g_array_index (self->slots, Slot, i).stamp = 0;
      self->stamp = 1;
    }

  cx0 = cell_of (self, x);
  cx1 = cell_of (self, qx1);
  cy0 = cell_of (self, y);
  cy1 = cell_of (self, qy1);

  if ((guint64) (cx1 - cx0 + 1) * (guint64) (cy1 - cy0 + 1) > self->n_cells)
    {
      /* Zoomed far out: cheaper to go through the cells there are. */
      for (guint i = 0; i <= self->cells_mask; i++)
        {
          Cell  *cell = &self->cells[i];
          gint64 cx = cell->key >> 32;
          gint64 cy = (gint32) (cell->key & 0xffffffff);

          if (cell->slots != NULL && cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1)
            visit_cell (self, cell, x, y, qx1, qy1, out);
        }
    }
  else
    {
      for (gint64 cx = cx0; cx <= cx1; cx++)
        for (gint64 cy = cy0; cy <= cy1; cy++)
          {
            gint64 key = pack (cx, cy);
            Cell  *cell = cell_lookup (self, key);

            if (cell != NULL)
              visit_cell (self, cell, x, y, qx1, qy1, out);
          }
    }

  for (guint i = 0; i < self->big->len; i++)
    visit (self, g_array_index (self->big, guint, i), x, y, qx1, qy1, out);

  return out->len - before;
}

/* The rows of cells in column @cx that points within @reach of the
 * segment from (ax, ay) to (bx, by) (ax <= bx) can lie in: those beside
 * the part of the segment within @reach of the column, grown by @reach.
 * FALSE when none can. */
static gboolean
near_segment_rows (SmIndex *self,
                   gint64   cx,
                   double   ax,
                   double   ay,
                   double   bx,
                   double   by,
                   double   reach,
                   gint64  *cy0,
                   gint64  *cy1)
{
  double left = MAX (ax, cx * self->cell_size - reach);
  double right = MIN (bx, (cx + 1) * self->cell_size + reach);
  double ya = ay, yb = by;

  if (left > right)
    return FALSE;
  if (bx > ax)
    {
      ya = ay + (left - ax) * (by - ay) / (bx - ax);
      yb = ay + (right - ax) * (by - ay) / (bx - ax);
    }
  *cy0 = cell_of (self, MIN (ya, yb) - reach);
  *cy1 = cell_of (self, MAX (ya, yb) + reach);
  return TRUE;
}

/* A segment grown by a reach, as sm_index_query_near_segment() looks
 * for what is near it. */
typedef struct
{
  double ax, ay, bx, by; /* ax <= bx; the segment lengthened at both ends */
  double dx, dy, len;
  double reach;
} Near;

/* Whether the box or segment of @s may meet @near's rectangle: its box
 * meets the lengthened segment's box grown by the reach, and its corners
 * are neither all further than the reach on one side of the segment's
 * line nor all before its start or all past its end. */
static gboolean
slot_near_segment (const Slot *s,
                   const Near *near)
{
  double sx0 = MIN (s->x0, s->x1), sx1 = MAX (s->x0, s->x1);
  double sy0 = MIN (s->y0, s->y1), sy1 = MAX (s->y0, s->y1);
  double corners[4][2] = { { sx0, sy0 }, { sx1, sy0 }, { sx0, sy1 }, { sx1, sy1 } };
  double reach = near->reach;
  int    above = 0, below = 0, before = 0, after = 0;

  if (sx1 < near->ax - reach || sx0 > near->bx + reach || sy1 < MIN (near->ay, near->by) - reach ||
      sy0 > MAX (near->ay, near->by) + reach)
    return FALSE;
  if (near->len == 0)
    return TRUE;
  for (int i = 0; i < 4; i++)
    {
      double side = ((corners[i][0] - near->ax) * near->dy - (corners[i][1] - near->ay) * near->dx) / near->len;
      double along = ((corners[i][0] - near->ax) * near->dx + (corners[i][1] - near->ay) * near->dy) / near->len;

      above += side > reach;
      below += side < -reach;
      before += along < 0;
      after += along > near->len;
    }
  return above < 4 && below < 4 && before < 4 && after < 4;
}

static void
visit_near_segment (SmIndex    *self,
                    guint       slot,
                    const Near *near,
                    GPtrArray  *out)
{
  Slot *s = &g_array_index (self->slots, Slot, slot);

  if (s->stamp == self->stamp)
    return;
  s->stamp = self->stamp;
  if (slot_near_segment (s, near))
    g_ptr_array_add (out, s->item);
}

/* Appends to @out, once each, the items that may lie beside the segment
 * from (x0, y0) to (x1, y1), within @reach of its line, from @beyond
 * before its start to @beyond past its end, in no particular order: every
 * item whose box (or line) has a point in that rectangle, and some others
 * near it; returns how many it appended. It looks only in the cells along
 * the segment, where a rectangle round a long slanting segment would take
 * in a wide area on either side of it. With @beyond at @reach it gives
 * everything within @reach of the segment; a caller that needs less past
 * the ends (routes look across a line far more than past its ends) is
 * spared the stretch there. */
guint
sm_index_query_near_segment (SmIndex   *self,
                             double     x0,
                             double     y0,
                             double     x1,
                             double     y1,
                             double     reach,
                             double     beyond,
                             GPtrArray *out)
{
  double  ax = x0, ay = y0, bx = x1, by = y1, len, slack;
  Near    near;
  gint64  cx0, cx1, cy0, cy1;
  guint64 cells = 0;
  guint   before;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  before = out->len;
  if (!(reach >= 0) || !(beyond >= 0) || !isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
    return 0;
  if (ax > bx)
    ax = x1, ay = y1, bx = x0, by = y0;
  /* Rows worked out from the line are widened by far more than their
   * rounding, so that no cell a point within reach lies in is missed. */
  slack = 1e-9 * (fabs (ax) + fabs (ay) + fabs (bx) + fabs (by) + reach + beyond + 1);
  reach += slack;
  beyond += slack;
  len = hypot (bx - ax, by - ay);
  if (len > 0)
    {
      /* Lengthened by @beyond at both ends (ax stays at most bx). */
      double ux = (bx - ax) / len, uy = (by - ay) / len;

      ax -= ux * beyond, ay -= uy * beyond;
      bx += ux * beyond, by += uy * beyond;
    }
  else
    /* No line to be beside: a square round the point. */
    reach = MAX (reach, beyond);
  near = (Near) { ax, ay, bx, by, bx - ax, by - ay, hypot (bx - ax, by - ay), reach };

  if (++self->stamp == 0)
    {
      for (guint i = 0; i < self->slots->len; i++)
        g_array_index (self->slots, Slot, i).stamp = 0;
      self->stamp = 1;
    }

  cx0 = cell_of (self, ax - reach);
  cx1 = cell_of (self, bx + reach);
  for (gint64 cx = cx0; cx <= cx1 && cells <= self->n_cells; cx++)
    if (near_segment_rows (self, cx, ax, ay, bx, by, reach, &cy0, &cy1))
      cells += (guint64) (cy1 - cy0 + 1);

  if (cells > self->n_cells)
    {
      /* A reach far wider than the cells there are: cheaper to go
       * through them. */
      for (guint i = 0; i <= self->cells_mask; i++)
        {
          Cell  *cell = &self->cells[i];
          gint64 cx = cell->key >> 32;
          gint64 cy = (gint32) (cell->key & 0xffffffff);

          if (cell->slots != NULL && cx >= cx0 && cx <= cx1 &&
              near_segment_rows (self, cx, ax, ay, bx, by, reach, &cy0, &cy1) && cy >= cy0 && cy <= cy1)
            for (guint k = 0; k < cell->len; k++)
              visit_near_segment (self, cell->slots[k], &near, out);
        }
    }
  else
    {
      for (gint64 cx = cx0; cx <= cx1; cx++)
        {
          if (!near_segment_rows (self, cx, ax, ay, bx, by, reach, &cy0, &cy1))
            continue;
          for (gint64 cy = cy0; cy <= cy1; cy++)
            {
              Cell *cell = cell_lookup (self, pack (cx, cy));

              if (cell != NULL)
                for (guint k = 0; k < cell->len; k++)
                  visit_near_segment (self, cell->slots[k], &near, out);
            }
        }
    }

  for (guint i = 0; i < self->big->len; i++)
    visit_near_segment (self, g_array_index (self->big, guint, i), &near, out);

  return out->len - before;
}

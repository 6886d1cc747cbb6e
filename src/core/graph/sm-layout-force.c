/* sm-layout-force.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-layout-private.h"

/* Tidy Up's forces on large maps: the spring-electrical model of
 * Fruchterman and Reingold with Barnes and Hut's quadtree, so a step
 * costs O(n log n), Hu's adaptive step length ("Efficient and high
 * quality force-directed graph drawing", 2005), and, when nobody is
 * pinned, Hu's multilevel scheme: the network is coarsened by merging
 * neighbours until a few dozen clusters are left, the clusters are laid
 * out starting from where their members stand, and each finer level
 * starts from the coarser one's picture; on the finest level
 * relationships pull more gently (see "The finest level's pull" below),
 * and the picture is then refined towards less stress
 * (_sm_layout_stress_refine(), sm-layout-stress.c). Everything is in
 * units of the natural length of a relationship (1) and deterministic. */

#define REPULSION 0.2 /* Hu's C */
#define GRAVITY 0.01
#define THETA 1.0
#define LEAF_SIZE 8 /* points in a quadtree leaf */
#define TREE_DEPTH 32
#define TREE_SPLIT_DEPTH 2 /* levels of the quadtree built before the rest is shared out */
#define COARSEST 40        /* clusters at which coarsening stops */
#define COARSEN_RATIO 0.85 /* a level must be this much smaller than the last */
#define STEP_RATIO 0.9     /* Hu's t */
#define COARSEST_ITERATIONS 300
#define LEVEL_ITERATIONS 150 /* twice over when settling from where everyone is */
/* Between the coarsest and the finest level, and on the finest: fewer
 * than the 150 both had before the finest level's gentler pull and the
 * stress refinement, which leave the picture more readable than Graphviz
 * sfdp's with these too (see docs/performance.md). */
#define MIDDLE_ITERATIONS 100
#define FINEST_ITERATIONS 120
#define CONTACT 50.0 /* push of drawings that overlap */
#define CONTACT_ITERATIONS 60
#define CONTACT_STEP 0.05 /* first step of the last settling */
#define ROOM 0.5          /* share of drawings clear of their nearest before the last settling */
#define EXPANSION 2.0     /* most a level may grow beyond the clusters' spread */
#define TOLERANCE 0.002

/* The finest level's pull. In Hu's model, kept on the coarser levels, a
 * relationship pulls by its length squared, so its energy grows as the
 * cube of its length. On the finest level of the multilevel scheme and
 * in its last settling it pulls by its length to the power 1.5
 * (settle()'s @gentle): short relationships are pulled in harder beside
 * long ones, and the energy, growing as the length to the power 2.5, is
 * nearer to the lines' total length, which is what decides how many
 * cross. On some maps that costs a little stress;
 * _sm_layout_stress_refine() then takes stress off. On the benchmark's
 * maps of 1,000 and 10,000 (tests/bench/tidy-quality.py, six of each)
 * Tidy Up then leaves fewer crossings than Graphviz sfdp and less stress,
 * where it was within about 1 % of sfdp either way; see
 * docs/performance.md. */

#define PARALLEL_MIN 500 /* points; below, the forces run on one thread */
#define MAX_THREADS 8

/* A network in CSR form. */
typedef struct
{
  guint   n;
  guint  *start;
  guint  *adj;
  double *mass;
} Net;

static void
net_clear (Net *g)
{
  g_clear_pointer (&g->start, g_free);
  g_clear_pointer (&g->adj, g_free);
  g_clear_pointer (&g->mass, g_free);
}

/* The network of @pairs (2 × @m node indices, each unordered pair once,
 * no loops). */
static void
net_init (Net         *g,
          guint        n,
          const guint *pairs,
          guint        m)
{
  g_autofree guint *fill = NULL;

  g->n = n;
  g->start = g_new0 (guint, n + 1);
  g->adj = g_new (guint, MAX (2 * m, 1));
  g->mass = g_new (double, MAX (n, 1));
  for (guint e = 0; e < m; e++)
    {
      g->start[pairs[2 * e] + 1]++;
      g->start[pairs[2 * e + 1] + 1]++;
    }
  for (guint i = 0; i < n; i++)
    g->start[i + 1] += g->start[i];
  fill = g_memdup2 (g->start, sizeof (guint) * n);
  for (guint e = 0; e < m; e++)
    {
      g->adj[fill[pairs[2 * e]]++] = pairs[2 * e + 1];
      g->adj[fill[pairs[2 * e + 1]]++] = pairs[2 * e];
    }
  for (guint i = 0; i < n; i++)
    g->mass[i] = 1;
}

/* Threads kept for one settling: each iteration hands its parts to
 * threads already running rather than starting new ones (hundreds of
 * iterations a level). Part 0 runs on the calling thread, part p on
 * worker p. */
typedef void (*TeamJob) (gpointer data,
                         guint    part);

typedef struct Team Team;

typedef struct
{
  Team *team;
  guint part;
} TeamSeat;

struct Team
{
  GMutex   lock;
  GCond    go, done;
  guint    n;
  gint     generation, pending, quit; /* atomic; changed under the lock */
  TeamJob  job;
  gpointer data;
  TeamSeat seats[MAX_THREADS];
  GThread *threads[MAX_THREADS];
};

/* The jobs of a small map's iteration take tens of microseconds, about
 * what it costs to put a thread to sleep and wake it again: each side
 * first watches for its change for about that long, and sleeps only if
 * it does not come. */
#define TEAM_SPIN 4000

/* A moment's wait while spinning. */
static inline void
team_pause (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

/* A worker: waits for each new job, runs its part, says when done. */
static gpointer
team_worker (gpointer data)
{
  TeamSeat *seat = data;
  Team     *team = seat->team;
  gint      seen = 0;

  for (;;)
    {
      for (guint i = 0; i < TEAM_SPIN && g_atomic_int_get (&team->generation) == seen; i++)
        team_pause ();
      g_mutex_lock (&team->lock);
      while (g_atomic_int_get (&team->generation) == seen && !g_atomic_int_get (&team->quit))
        g_cond_wait (&team->go, &team->lock);
      g_mutex_unlock (&team->lock);
      if (g_atomic_int_get (&team->quit))
        break;
      seen = g_atomic_int_get (&team->generation);
      team->job (team->data, seat->part);
      if (g_atomic_int_dec_and_test (&team->pending))
        {
          g_mutex_lock (&team->lock);
          g_cond_signal (&team->done);
          g_mutex_unlock (&team->lock);
        }
    }
  return NULL;
}

/* A team of @n threads, the caller's among them. */
static void
team_init (Team *team,
           guint n)
{
  memset (team, 0, sizeof (Team));
  g_mutex_init (&team->lock);
  g_cond_init (&team->go);
  g_cond_init (&team->done);
  team->n = CLAMP (n, 1, MAX_THREADS);
  for (guint p = 1; p < team->n; p++)
    {
      team->seats[p] = (TeamSeat) { team, p };
      team->threads[p] = g_thread_new ("sm-layout", team_worker, &team->seats[p]);
    }
}

static void
team_clear (Team *team)
{
  g_mutex_lock (&team->lock);
  g_atomic_int_set (&team->quit, TRUE);
  g_cond_broadcast (&team->go);
  g_mutex_unlock (&team->lock);
  for (guint p = 1; p < team->n; p++)
    g_thread_join (team->threads[p]);
  g_cond_clear (&team->go);
  g_cond_clear (&team->done);
  g_mutex_clear (&team->lock);
}

/* Runs @job for every part, one a thread, and returns once all are done. */
static void
team_run (Team    *team,
          TeamJob  job,
          gpointer data)
{
  if (team->n > 1)
    {
      g_mutex_lock (&team->lock);
      team->job = job;
      team->data = data;
      g_atomic_int_set (&team->pending, team->n - 1);
      g_atomic_int_inc (&team->generation);
      g_cond_broadcast (&team->go);
      g_mutex_unlock (&team->lock);
    }
  job (data, 0);
  if (team->n > 1)
    {
      for (guint i = 0; i < TEAM_SPIN && g_atomic_int_get (&team->pending) > 0; i++)
        team_pause ();
      g_mutex_lock (&team->lock);
      while (g_atomic_int_get (&team->pending) > 0)
        g_cond_wait (&team->done, &team->lock);
      g_mutex_unlock (&team->lock);
    }
}

/* Barnes–Hut quadtree over an index array, cells in one flat array. */

typedef struct
{
  double cx, cy, mass;               /* centre of mass */
  double size;                       /* side of the cell's square */
  double min_x, min_y, max_x, max_y; /* the points' bounding box */
  guint  first, count;               /* points: order[first .. first + count) */
  int    child[4];                   /* -1: none; a leaf has none */
} Cell;

/* A subtree left for later: the cell of points order[first .. first +
 * count), to be built into @cells, numbered from 0. */
typedef struct
{
  guint   first, count, depth;
  double  x0, y0, size;
  GArray *cells;
} Subtree;

typedef struct
{
  GArray *cells;
  guint  *order;
  guint8 *side;   /* room for partition(), a byte a point */
  guint  *leaves; /* the cells without children, in the points' order */
  guint   n_leaves;
  GArray *subtrees; /* Subtree; NULL: the tree is built whole */
  gint    next;     /* the next subtree to build */
} Tree;

/* Splits order[*@lo .. *@hi) in place: those with @v below @middle
 * first, ending at *@lo (= *@hi). Each point at the front either stays or
 * swaps with the last unsorted one, the same exchanges as a plain loop
 * testing @v as it goes. Which side a point falls is a coin toss, so
 * that loop stalled on a mispredicted branch, or on reading @v at random,
 * every point, on one thread at the top of every quadtree: here the sides
 * are read first in one pass (@side, a byte a place, order[k]'s at
 * @side[k]), and the exchanges then need neither a branch nor @v. */
static inline void
partition (guint        *order,
           guint8       *side,
           const double *v,
           double        middle,
           guint        *lo,
           guint        *hi)
{
  guint l = *lo, h = *hi;

  for (guint k = l; k < h; k++)
    side[k] = v[order[k]] < middle;
  while (l < h)
    {
      guint a = order[l], b = order[h - 1];
      guint left = side[l];
      guint swap = (a ^ b) & (left - 1); /* 0 if @a stays, else a ^ b */

      order[l] = a ^ swap;
      order[h - 1] = b ^ swap;
      side[l] |= side[h - 1]; /* the side of the point now at l */
      l += left;
      h -= 1 - left;
    }
  *lo = l, *hi = h;
}

/* partition() for the tests. */
void
_sm_layout_partition (guint        *order,
                      guint8       *side,
                      const double *v,
                      double        middle,
                      guint        *lo,
                      guint        *hi)
{
  partition (order, side, v, middle, lo, hi);
}

/* The cell of points order[@first .. @first + @count) and, below it, its
 * quadrants, appended to @cells; returns its index. Cells at
 * TREE_SPLIT_DEPTH with more than a leaf's points are left to be built
 * later as a Subtree of @t (with @subtrees), their index given as -2 - k
 * for subtree k. */
static int
tree_build (Tree         *t,
            GArray       *cells,
            GArray       *subtrees,
            const double *x,
            const double *y,
            const double *mass,
            guint         first,
            guint         count,
            double        x0,
            double        y0,
            double        size,
            guint         depth)
{
  Cell  cell = { 0, 0, 0, size, INFINITY, INFINITY, -INFINITY, -INFINITY, first, count, { -1, -1, -1, -1 } };
  int   index = cells->len;
  guint bounds[5];

  if (subtrees != NULL && depth == TREE_SPLIT_DEPTH && count > LEAF_SIZE)
    {
      Subtree later = { first, count, depth, x0, y0, size, NULL };

      g_array_append_val (subtrees, later);
      return -1 - (int) subtrees->len;
    }
  for (guint k = first; k < first + count; k++)
    {
      guint i = t->order[k];

      cell.min_x = MIN (cell.min_x, x[i]), cell.max_x = MAX (cell.max_x, x[i]);
      cell.min_y = MIN (cell.min_y, y[i]), cell.max_y = MAX (cell.max_y, y[i]);
      cell.cx += x[i] * mass[i];
      cell.cy += y[i] * mass[i];
      cell.mass += mass[i];
    }
  if (cell.mass > 0)
    cell.cx /= cell.mass, cell.cy /= cell.mass;
  g_array_append_val (cells, cell);
  if (count <= LEAF_SIZE || depth >= TREE_DEPTH)
    return index;

  /* Partition the points by quadrant, in place: left of the middle
   * first, then each half by top and bottom. */
  {
    double mx = x0 + size / 2, my = y0 + size / 2;
    guint  lo = first, hi = first + count, mid;

    partition (t->order, t->side, x, mx, &lo, &hi);
    mid = lo;
    bounds[0] = first, bounds[2] = mid, bounds[4] = first + count;
    for (guint half = 0; half < 2; half++)
      {
        lo = bounds[2 * half], hi = bounds[2 * half + 2];
        partition (t->order, t->side, y, my, &lo, &hi);
        bounds[2 * half + 1] = lo;
      }
  }
  /* bounds: left-top, left-bottom, right-top, right-bottom. */
  for (guint q = 0; q < 4; q++)
    if (bounds[q + 1] > bounds[q])
      {
        double cx0 = x0 + (q >= 2 ? size / 2 : 0);
        double cy0 = y0 + (q & 1 ? size / 2 : 0);
        int    child = tree_build (t, cells, subtrees, x, y, mass, bounds[q], bounds[q + 1] - bounds[q], cx0, cy0,
                                   size / 2, depth + 1);

        g_array_index (cells, Cell, index).child[q] = child;
      }
  return index;
}

/* The point positions a team's job reads, for the subtrees it builds. */
typedef struct
{
  Tree         *t;
  const double *x, *y, *mass;
} TreeJob;

/* Builds subtrees until none is left, each into its own cells: which
 * thread builds which does not change any of them. */
static void
tree_build_later (gpointer data,
                  guint    part)
{
  TreeJob *job = data;
  Tree    *t = job->t;
  gint     k;

  while ((k = g_atomic_int_add (&t->next, 1)) < (gint) t->subtrees->len)
    {
      Subtree *later = &g_array_index (t->subtrees, Subtree, k);

      g_array_set_size (later->cells, 0);
      tree_build (t, later->cells, NULL, job->x, job->y, job->mass, later->first, later->count, later->x0, later->y0,
                  later->size, later->depth);
    }
}

/* The leaves of the tree in the points' order (children in quadrant
 * order, depth first). */
static void
tree_collect_leaves (Tree *t)
{
  const Cell *cells = (const Cell *) t->cells->data;
  int         stack[4 * TREE_DEPTH + 8];
  guint       sp = 0, n_leaves = 0;

  t->leaves = g_renew (guint, t->leaves, t->cells->len);
  stack[sp++] = 0;
  while (sp > 0)
    {
      int         c = stack[--sp];
      const Cell *cell = &cells[c];
      gboolean    leaf = TRUE;

      for (int q = 3; q >= 0; q--)
        if (cell->child[q] >= 0)
          stack[sp++] = cell->child[q], leaf = FALSE;
      if (leaf)
        t->leaves[n_leaves++] = c;
    }
  t->n_leaves = n_leaves;
}

/* Below this many points the quadtree is built on the calling thread: its
 * subtrees are too small to be worth handing over. */
static guint tree_parallel_min = 4000;

/* The quadtree of @x, @y: the top TREE_SPLIT_DEPTH levels on this thread,
 * the subtrees below them shared over @team, then put together in one
 * array of cells. */
static void
tree_build_all (Tree         *t,
                Team         *team,
                guint         n,
                const double *x,
                const double *y,
                const double *mass)
{
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  guint  top;

  for (guint i = 0; i < n; i++)
    {
      min_x = MIN (min_x, x[i]), max_x = MAX (max_x, x[i]);
      min_y = MIN (min_y, y[i]), max_y = MAX (max_y, y[i]);
      t->order[i] = i;
    }
  g_array_set_size (t->cells, 0);
  for (guint k = 0; k < t->subtrees->len; k++)
    g_array_unref (g_array_index (t->subtrees, Subtree, k).cells);
  g_array_set_size (t->subtrees, 0);
  tree_build (t, t->cells, team->n > 1 && n >= tree_parallel_min ? t->subtrees : NULL, x, y, mass, 0, n, min_x, min_y,
              MAX (max_x - min_x, max_y - min_y) * (1 + 1e-9) + 1e-9, 0);
  if (t->subtrees->len > 0)
    {
      TreeJob job = { t, x, y, mass };

      for (guint k = 0; k < t->subtrees->len; k++)
        g_array_index (t->subtrees, Subtree, k).cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 64);
      t->next = 0;
      team_run (team, tree_build_later, &job);
    }
  /* Each subtree's cells after the top ones, its children renumbered. */
  top = t->cells->len;
  for (guint c = 0; c < top; c++)
    for (int q = 0; q < 4; q++)
      {
        Cell *cell = &g_array_index (t->cells, Cell, c);

        if (cell->child[q] < -1)
          {
            Subtree *later = &g_array_index (t->subtrees, Subtree, -2 - cell->child[q]);
            guint    offset = t->cells->len;

            cell->child[q] = offset;
            for (guint k = 0; k < later->cells->len; k++)
              for (int r = 0; r < 4; r++)
                if (g_array_index (later->cells, Cell, k).child[r] >= 0)
                  g_array_index (later->cells, Cell, k).child[r] += offset;
            g_array_append_vals (t->cells, later->cells->data, later->cells->len);
          }
      }
  tree_collect_leaves (t);
}

static void
push_apart (double  ddx,
            double  ddy,
            double  weight,
            guint   i,
            guint   j,
            double *fx,
            double *fy)
{
  double d2 = ddx * ddx + ddy * ddy;

  if (d2 < 1e-12)
    {
      /* On top of each other: apart along a direction that depends
       * only on the two, so the result stays deterministic. */
      double angle = ((i * 2654435761u) ^ (j * 40503u)) % 6283 / 1000.0;

      ddx = cos (angle) * 1e-3, ddy = sin (angle) * 1e-3, d2 = 1e-6;
      if (i > j)
        ddx = -ddx, ddy = -ddy;
    }
  /* C·K² / d along the unit vector: C / d² times the vector. */
  *fx += ddx * REPULSION * weight / d2;
  *fy += ddy * REPULSION * weight / d2;
}

static gboolean finest_gentle = TRUE, finest_refine = TRUE;

void
_sm_layout_set_finest (gboolean gentle,
                       gboolean refine)
{
  finest_gentle = gentle;
  finest_refine = refine;
}

static guint threads_wanted; /* 0: one per core */

void
_sm_layout_set_threads (guint n_threads)
{
  threads_wanted = n_threads;
}

void
_sm_layout_set_tree_parallel_min (guint n_points)
{
  tree_parallel_min = n_points;
}

/* The points in a grid of square cells (at most 4096 a side) over their
 * bounds: the points of cell k are members[start[k]] to
 * members[start[k + 1] - 1], and point i is in cell slot[i]. */
typedef struct
{
  double min_x, min_y, cell;
  guint  cols, rows;
  guint *start;
  guint *members;
  guint *slot;
} Cells;

static void
cells_init (Cells        *g,
            guint         n,
            const double *x,
            const double *y,
            double        min_x,
            double        min_y,
            double        max_x,
            double        max_y,
            double        cell)
{
  g->min_x = min_x, g->min_y = min_y, g->cell = cell;
  g->cols = (guint) MIN ((max_x - min_x) / cell + 1, 4096);
  g->rows = (guint) MIN ((max_y - min_y) / cell + 1, 4096);
  g->start = g_new0 (guint, (gsize) g->cols * g->rows + 1);
  g->members = g_new (guint, n);
  g->slot = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      guint c = MIN ((guint) ((x[i] - min_x) / cell), g->cols - 1);
      guint r = MIN ((guint) ((y[i] - min_y) / cell), g->rows - 1);

      g->slot[i] = r * g->cols + c;
      g->start[g->slot[i] + 1]++;
    }
  for (guint k = 0; k < g->cols * g->rows; k++)
    g->start[k + 1] += g->start[k];
  {
    g_autofree guint *fill = g_memdup2 (g->start, sizeof (guint) * g->cols * g->rows);

    for (guint i = 0; i < n; i++)
      g->members[fill[g->slot[i]]++] = i;
  }
}

static void
cells_clear (Cells *g)
{
  g_clear_pointer (&g->start, g_free);
  g_clear_pointer (&g->members, g_free);
  g_clear_pointer (&g->slot, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cells, cells_clear)

/* Drawings that overlap push each other apart, hard: each is a circle of
 * its radius, and pairs are found through a grid of cells as wide as the
 * widest pair (@cells empty when no drawing has a size). */
typedef struct
{
  const double *radius;
  Cells         cells;
} Contacts;

static void
contacts_init (Contacts     *c,
               guint         n,
               const double *x,
               const double *y,
               const double *radius)
{
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY, cell = 0;

  c->radius = radius;
  for (guint i = 0; i < n; i++)
    {
      min_x = MIN (min_x, x[i]), max_x = MAX (max_x, x[i]);
      min_y = MIN (min_y, y[i]), max_y = MAX (max_y, y[i]);
      cell = MAX (cell, 2 * radius[i]);
    }
  if (cell <= 0)
    return;
  /* About one stakeholder a cell at most. */
  cell = MAX (cell, sqrt ((max_x - min_x) * (max_y - min_y) / n));
  cells_init (&c->cells, n, x, y, min_x, min_y, max_x, max_y, cell);
}

/* The push on @i of the drawings it overlaps, added to *@fx, *@fy in the
 * grid's order. */
static void
contacts_push (const Contacts *c,
               const double   *x,
               const double   *y,
               guint           i,
               double         *fx,
               double         *fy)
{
  const double *radius = c->radius;
  guint         cols = c->cells.cols, rows = c->cells.rows;
  const guint  *start = c->cells.start, *members = c->cells.members;
  guint         col, row;

  if (start == NULL)
    return;
  col = c->cells.slot[i] % cols, row = c->cells.slot[i] / cols;
  for (guint rr = row > 0 ? row - 1 : 0; rr <= MIN (row + 1, rows - 1); rr++)
    for (guint cc = col > 0 ? col - 1 : 0; cc <= MIN (col + 1, cols - 1); cc++)
      for (guint k = start[rr * cols + cc]; k < start[rr * cols + cc + 1]; k++)
        {
          guint  j = members[k];
          double ddx = x[i] - x[j], ddy = y[i] - y[j], reach = radius[i] + radius[j];
          double d2 = ddx * ddx + ddy * ddy, d;

          if (j == i || d2 >= reach * reach)
            continue;
          d = sqrt (d2);
          if (d < 1e-9)
            {
              double angle = ((MIN (i, j) * 2654435761u) ^ (MAX (i, j) * 40503u)) % 6283 / 1000.0;

              ddx = cos (angle) * (i < j ? 1 : -1), ddy = sin (angle) * (i < j ? 1 : -1), d = 1;
            }
          *fx += ddx / d * CONTACT * (reach - d) / reach;
          *fy += ddy / d * CONTACT * (reach - d) / reach;
        }
}

/* One iteration's forces, split over a team by runs of quadtree leaves
 * (the leaves hold the points in the tree's order): part p has the leaves
 * leaves[from[p] .. from[p + 1]). Each point's force is summed by its own
 * leaf alone, in the same order whichever thread runs it, so splitting
 * the leaves over threads gives the same numbers bit for bit. Points are
 * read in the tree's order (@px, @py, @pm: point k is order[k]); the
 * whole force of node i lands in @fx[i], @fy[i]. */
typedef struct
{
  const Net      *g;
  const double   *x, *y;
  const Contacts *contacts; /* NULL: drawings have no size */
  const Tree     *t;
  double         *px, *py, *pm;
  double         *fx, *fy;
  double          cx, cy; /* the centre gravity pulls to */
  gboolean        gentle; /* relationships pull by their length to the power 1.5, not 2 */
  guint           from[MAX_THREADS + 1];
} Forces;

/* The points of part @part copied in the tree's order. */
static void
forces_gather (gpointer data,
               guint    part)
{
  Forces      *f = data;
  const Cell  *cells = (const Cell *) f->t->cells->data;
  const guint *order = f->t->order, *leaves = f->t->leaves;
  guint        first, last;

  if (f->from[part] >= f->from[part + 1])
    return;
  first = cells[leaves[f->from[part]]].first;
  last = cells[leaves[f->from[part + 1] - 1]].first + cells[leaves[f->from[part + 1] - 1]].count;
  for (guint k = first; k < last; k++)
    {
      guint i = order[k];

      f->px[k] = f->x[i], f->py[k] = f->y[i], f->pm[k] = f->g->mass[i];
    }
}

/* A push on x and y side by side, so that one vector division does the
 * work of two: each lane gives the same number as the scalar sum. */
typedef double Pair __attribute__ ((vector_size (2 * sizeof (double))));

/* What pushes a leaf's points, in the order its walk of the tree met
 * it: a cell far enough to push as one body, at its centre of mass, or
 * each point of a leaf near enough that its points push one by one. */
typedef struct
{
  double x, y, mass;
  guint  node;  /* the body's node, G_MAXUINT for a cell */
  guint  place; /* a point's place in the tree's order, G_MAXUINT for a cell */
} Body;

/* Room in *@bodies (*@room of them) for @more after the first @n. */
static inline void
bodies_reserve (Body **bodies,
                gsize *room,
                gsize  n,
                gsize  more)
{
  if (n + more > *room)
    {
      *room = 2 * (n + more);
      *bodies = g_renew (Body, *bodies, *room);
    }
}

/* The forces on the points of part @part: repulsion through the tree,
 * then the drawings overlapped, the relationships and gravity. */
static void
forces_sum (gpointer data,
            guint    part)
{
  const Forces    *f = data;
  const Net       *g = f->g;
  const double    *x = f->x, *y = f->y;
  const double    *px = f->px, *py = f->py, *pm = f->pm;
  const Cell      *cells = (const Cell *) f->t->cells->data;
  const guint     *order = f->t->order;
  const guint     *leaves = f->t->leaves;
  int              stack[4 * TREE_DEPTH + 8];
  double           theta2 = THETA * THETA;
  gsize            room = 1024;
  g_autofree Body *bodies = g_new (Body, room);

  /* Each leaf walks the tree once for all its points: a cell far enough
   * from every point of the leaf (its size below THETA times the distance
   * from its centre of mass to the leaf's bounding box) pushes each of
   * them as one body; otherwise its points push one by one. The walk
   * lists the bodies first, then each point sums their pushes down the
   * list: the same terms added in the same order as pushing every point
   * at each step of the walk, but the sums stay in registers, and the
   * walk's unpredictable branches are apart from the arithmetic. */
  for (guint k = f->from[part]; k < f->from[part + 1]; k++)
    {
      guint       l = leaves[k];
      const Cell *leaf = &cells[l];
      guint       first = leaf->first, last = leaf->first + leaf->count;
      gsize       n_bodies = 0;
      int         sp = 0;

      stack[sp++] = 0;
      while (sp > 0)
        {
          int         c = stack[--sp];
          const Cell *cell = &cells[c];
          double      gx, gy;

          gx = MAX (MAX (leaf->min_x - cell->cx, cell->cx - leaf->max_x), 0);
          gy = MAX (MAX (leaf->min_y - cell->cy, cell->cy - leaf->max_y), 0);
          if ((guint) c != l && cell->size * cell->size < theta2 * (gx * gx + gy * gy))
            {
              bodies_reserve (&bodies, &room, n_bodies, 1);
              bodies[n_bodies++] = (Body) { cell->cx, cell->cy, cell->mass, G_MAXUINT, G_MAXUINT };
              continue;
            }
          /* A leaf: all four children missing. */
          if ((cell->child[0] & cell->child[1] & cell->child[2] & cell->child[3]) < 0)
            {
              bodies_reserve (&bodies, &room, n_bodies, cell->count);
              for (guint o = cell->first; o < cell->first + cell->count; o++)
                bodies[n_bodies++] = (Body) { px[o], py[o], pm[o], order[o], o };
              continue;
            }
          for (int q = 0; q < 4; q++)
            if (cell->child[q] >= 0)
              stack[sp++] = cell->child[q];
        }

      /* The rest of each point's force, added in the order the forces
       * were always added: drawings, relationships, gravity. */
      for (guint m = first; m < last; m++)
        {
          guint  i = order[m];
          double fxi, fyi;
          Pair   sum = { 0, 0 };

          for (gsize b = 0; b < n_bodies; b++)
            {
              Pair   d = { px[m] - bodies[b].x, py[m] - bodies[b].y };
              double d2 = d[0] * d[0] + d[1] * d[1];

              if (G_UNLIKELY (bodies[b].place == m))
                continue;
              if (G_UNLIKELY (d2 < 1e-12))
                {
                  double sx = sum[0], sy = sum[1];

                  push_apart (d[0], d[1], bodies[b].mass, i, bodies[b].node, &sx, &sy);
                  sum = (Pair) { sx, sy };
                  continue;
                }
              sum += d * REPULSION * bodies[b].mass / d2;
            }
          fxi = sum[0], fyi = sum[1];
          if (f->contacts != NULL)
            contacts_push (f->contacts, x, y, i, &fxi, &fyi);
          for (guint e = g->start[i]; e < g->start[i + 1]; e++)
            {
              guint  j = g->adj[e];
              double ddx = x[j] - x[i], ddy = y[j] - y[i];
              double d = sqrt (ddx * ddx + ddy * ddy);

              /* d² / K along the unit vector, or d^1.5 / K. */
              if (f->gentle)
                d = sqrt (d);
              fxi += ddx * d;
              fyi += ddy * d;
            }
          fxi += (f->cx - x[i]) * GRAVITY * g->mass[i];
          fyi += (f->cy - y[i]) * GRAVITY * g->mass[i];
          f->fx[i] = fxi, f->fy[i] = fyi;
        }
    }
}

/* The quadtree of the points where they stand (built over @team), its
 * leaves, and the leaves split into @n_parts runs of about as many points
 * each. */
static void
forces_prepare (Forces *f,
                Tree   *t,
                Team   *team,
                guint   n_parts)
{
  const Net *g = f->g;
  guint      n_leaves, from = 0;

  tree_build_all (t, team, g->n, f->x, f->y, g->mass);
  n_leaves = t->n_leaves;
  f->t = t;

  /* Contiguous runs of leaves with about as many points each. */
  for (guint p = 0; p < n_parts; p++)
    {
      const Cell *cells = (const Cell *) t->cells->data;
      guint       to = from, share = (guint) ((guint64) g->n * (p + 1) / n_parts);

      f->from[p] = from;
      while (to < n_leaves &&
             (p + 1 == n_parts || cells[t->leaves[to]].first + cells[t->leaves[to]].count <= share))
        to++;
      from = to;
    }
  f->from[n_parts] = from;
}

/* The repulsion on each point of @f's network, summed as the forces were
 * before forces_sum() listed each leaf's bodies: pushing every point of
 * the leaf at each step of the walk, the sums in @pfx, @pfy (in the
 * tree's order). For the tests, the plain sum the list must match bit
 * for bit. */
static void
forces_sum_plain (const Forces *f,
                  double       *pfx,
                  double       *pfy)
{
  const double *px = f->px, *py = f->py, *pm = f->pm;
  const Cell   *cells = (const Cell *) f->t->cells->data;
  const guint  *order = f->t->order;
  const guint  *leaves = f->t->leaves;
  int           stack[4 * TREE_DEPTH + 8];
  double        theta2 = THETA * THETA;

  for (guint k = 0; k < f->t->n_leaves; k++)
    {
      guint       l = leaves[k];
      const Cell *leaf = &cells[l];
      guint       first = leaf->first, last = leaf->first + leaf->count;
      int         sp = 0;

      for (guint m = first; m < last; m++)
        pfx[m] = pfy[m] = 0;
      stack[sp++] = 0;
      while (sp > 0)
        {
          int         c = stack[--sp];
          const Cell *cell = &cells[c];
          double      gx, gy;

          gx = MAX (MAX (leaf->min_x - cell->cx, cell->cx - leaf->max_x), 0);
          gy = MAX (MAX (leaf->min_y - cell->cy, cell->cy - leaf->max_y), 0);
          if ((guint) c != l && cell->size * cell->size < theta2 * (gx * gx + gy * gy))
            {
              for (guint m = first; m < last; m++)
                push_apart (px[m] - cell->cx, py[m] - cell->cy, cell->mass, order[m], G_MAXUINT, &pfx[m], &pfy[m]);
              continue;
            }
          if (cell->child[0] < 0 && cell->child[1] < 0 && cell->child[2] < 0 && cell->child[3] < 0)
            {
              for (guint m = first; m < last; m++)
                for (guint o = cell->first; o < cell->first + cell->count; o++)
                  if (o != m)
                    push_apart (px[m] - px[o], py[m] - py[o], pm[o], order[m], order[o], &pfx[m], &pfy[m]);
              continue;
            }
          for (int q = 0; q < 4; q++)
            if (cell->child[q] >= 0)
              stack[sp++] = cell->child[q];
        }
    }
}

/* forces_sum(), or with @plain forces_sum_plain() and gravity, on one
 * thread, for the tests. */
void
_sm_layout_repulsion (guint         n,
                      const double *x,
                      const double *y,
                      const double *mass,
                      gboolean      plain,
                      double       *fx,
                      double       *fy)
{
  g_autofree double *points = g_new (double, 5 * (gsize) MAX (n, 1));
  g_autoptr(GArray) cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), n / 2 + 16);
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autoptr(GArray) subtrees = g_array_new (FALSE, FALSE, sizeof (Subtree));
  g_autofree guint8 *side = g_new (guint8, MAX (n, 1));
  Tree               tree = { cells, order, side, NULL, 0, subtrees, 0 };
  Net                g = { 0 };
  Forces             forces = { &g, x, y, NULL, NULL, points, points + n, points + 2 * (gsize) n, fx, fy, 0, 0, FALSE, { 0 } };
  Team               team;

  net_init (&g, n, NULL, 0);
  memcpy (g.mass, mass, sizeof (double) * n);
  team_init (&team, 1);
  forces_prepare (&forces, &tree, &team, 1);
  team_run (&team, forces_gather, &forces);
  if (plain)
    {
      /* The rest of the force as forces_sum() adds it: with no
       * relationships nor drawings, gravity (to 0, 0). */
      double *pfx = points + 3 * (gsize) n, *pfy = points + 4 * (gsize) n;

      forces_sum_plain (&forces, pfx, pfy);
      for (guint m = 0; m < n; m++)
        {
          guint i = order[m];

          fx[i] = pfx[m] + (forces.cx - x[i]) * GRAVITY * g.mass[i];
          fy[i] = pfy[m] + (forces.cy - y[i]) * GRAVITY * g.mass[i];
        }
    }
  else
    forces_sum (&forces, 0);
  team_clear (&team);
  net_clear (&g);
  g_free (tree.leaves);
}

/* Whether to stop (cancelled), and how far the work is: @done of
 * @total point-iterations, reported as a share of the watch's range. */
static gboolean
watch_stop (SmLayoutWatch *watch,
            guint          points)
{
  if (watch == NULL)
    return FALSE;
  if (watch->cancellable != NULL && g_cancellable_is_cancelled (watch->cancellable))
    watch->cancelled = TRUE;
  if (watch->cancelled)
    return TRUE;
  watch->done += points;
  if (watch->progress != NULL && watch->total > 0)
    sm_progress_update (watch->progress, watch->from + (watch->to - watch->from) * MIN (watch->done / watch->total, 1.0),
                        NULL);
  return FALSE;
}

/* One iteration's steps, split over a team in runs of points: each
 * point not in @fixed (NULL: none) moves @step along its force, and its
 * force squared is kept in @f2 for the energy, which the caller adds up
 * in the points' order (so the sum does not depend on the number of
 * threads). */
typedef struct
{
  double       *x, *y;
  const double *fx, *fy;
  double       *f2;
  const guint8 *fixed;
  double        step;
  guint         n, n_parts;
} Moves;

/* Part @part's points moved, their forces squared kept. */
static void
moves_take (gpointer data,
            guint    part)
{
  const Moves *mv = data;
  guint        from = (guint) ((guint64) mv->n * part / mv->n_parts);
  guint        to = (guint) ((guint64) mv->n * (part + 1) / mv->n_parts);

  for (guint i = from; i < to; i++)
    {
      double f2 = mv->fx[i] * mv->fx[i] + mv->fy[i] * mv->fy[i], f;

      mv->f2[i] = f2;
      if ((mv->fixed != NULL && mv->fixed[i]) || f2 <= 0 || !isfinite (f2))
        continue;
      f = sqrt (f2);
      mv->x[i] += mv->fx[i] / f * mv->step;
      mv->y[i] += mv->fy[i] / f * mv->step;
    }
}

/* Forces until the picture settles or @iterations run out; @step is the
 * first step length. Nodes in @fixed (NULL: none) do not move; with
 * @radius, drawings that overlap push apart; @gentle: relationships pull
 * by their length to the power 1.5 (see "The finest level's pull"). From
 * PARALLEL_MIN points the forces of each iteration are split over a team
 * of threads, one per core. */
static void
settle (const Net     *g,
        double        *x,
        double        *y,
        const guint8  *fixed,
        const double  *radius,
        gboolean       gentle,
        double         step,
        guint          iterations,
        SmLayoutWatch *watch)
{
  g_autofree double *fx = g_new (double, MAX (g->n, 1));
  g_autofree double *fy = g_new (double, MAX (g->n, 1));
  g_autofree double *points = g_new (double, 3 * (gsize) MAX (g->n, 1));
  g_autoptr(GArray) cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), g->n / 2 + 16);
  g_autofree guint *order = g_new (guint, MAX (g->n, 1));
  g_autoptr(GArray) subtrees = g_array_new (FALSE, FALSE, sizeof (Subtree));
  g_autofree guint8 *side = g_new (guint8, MAX (g->n, 1));
  Tree               tree = { cells, order, side, NULL, 0, subtrees, 0 };
  Forces             forces = { g, x, y, NULL, NULL, points, points + g->n, points + 2 * (gsize) g->n, fx, fy, 0, 0, gentle, { 0 } };
  g_autofree double *f2 = g_new (double, MAX (g->n, 1));
  Moves              moves = { x, y, fx, fy, f2, fixed, 0, g->n, 1 };
  Team               team;
  double             energy0 = INFINITY;
  guint              progress = 0, n_threads = 1;
  double             base = watch != NULL ? watch->done : 0;

  if (g->n < 2)
    return;
  if (g->n >= PARALLEL_MIN)
    n_threads = CLAMP (threads_wanted != 0 ? threads_wanted : g_get_num_processors (), 1, MAX_THREADS);
  team_init (&team, n_threads);
  moves.n_parts = n_threads;
  for (guint it = 0; it < iterations; it++)
    {
      double   energy = 0, moved = 0, total = 0;
      Contacts contacts = { 0 };

      if (watch_stop (watch, g->n))
        break;

      forces.cx = forces.cy = 0;
      for (guint i = 0; i < g->n; i++)
        forces.cx += x[i] * g->mass[i], forces.cy += y[i] * g->mass[i], total += g->mass[i];
      forces.cx /= total, forces.cy /= total;
      forces_prepare (&forces, &tree, &team, n_threads);
      if (radius != NULL)
        {
          contacts_init (&contacts, g->n, x, y, radius);
          forces.contacts = &contacts;
        }
      team_run (&team, forces_gather, &forces);
      team_run (&team, forces_sum, &forces);
      cells_clear (&contacts.cells);

      moves.step = step;
      team_run (&team, moves_take, &moves);
      /* The energy and how far they went, added in the points' order. */
      for (guint i = 0; i < g->n; i++)
        {
          if (fixed != NULL && fixed[i])
            continue;
          energy += f2[i];
          if (f2[i] <= 0 || !isfinite (f2[i]))
            continue;
          moved += step;
        }

      /* Hu's adaptive cooling: longer steps while the energy keeps
       * falling, shorter ones when it rises. */
      if (energy < energy0)
        {
          if (++progress >= 5)
            {
              progress = 0;
              step /= STEP_RATIO;
            }
        }
      else
        {
          progress = 0;
          step *= STEP_RATIO;
        }
      energy0 = energy;
      if (moved < TOLERANCE * g->n)
        break;
    }
  team_clear (&team);
  for (guint k = 0; k < subtrees->len; k++)
    g_array_unref (g_array_index (subtrees, Subtree, k).cells);
  /* Settled early: the iterations left count as done. */
  if (watch != NULL && !watch->cancelled)
    watch->done = base + (double) g->n * iterations;
  g_free (tree.leaves);
}

/* One level coarser: neighbours merged in pairs (a matching, visiting
 * those with fewest neighbours first and pairing each with its lightest
 * free neighbour). Returns FALSE when that would not shrink the network
 * enough. */
static gboolean
coarsen (const Net *fine,
         Net       *coarse,
         guint     *parent)
{
  g_autofree guint *order = g_new (guint, MAX (fine->n, 1));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = NULL;
  guint              n = 0, m = 0;

  for (guint i = 0; i < fine->n; i++)
    {
      order[i] = i;
      parent[i] = G_MAXUINT;
    }
  /* Fewest neighbours first (a counting sort keeps it stable). */
  {
    guint             most = 0;
    g_autofree guint *count = NULL;
    g_autofree guint *sorted = g_new (guint, MAX (fine->n, 1));

    for (guint i = 0; i < fine->n; i++)
      most = MAX (most, fine->start[i + 1] - fine->start[i]);
    count = g_new0 (guint, most + 2);
    for (guint i = 0; i < fine->n; i++)
      count[fine->start[i + 1] - fine->start[i] + 1]++;
    for (guint d = 0; d <= most; d++)
      count[d + 1] += count[d];
    for (guint i = 0; i < fine->n; i++)
      sorted[count[fine->start[i + 1] - fine->start[i]]++] = i;
    memcpy (order, sorted, sizeof (guint) * fine->n);
  }

  for (guint k = 0; k < fine->n; k++)
    {
      guint  i = order[k], best = G_MAXUINT;
      double lightest = INFINITY;

      if (parent[i] != G_MAXUINT)
        continue;
      for (guint e = fine->start[i]; e < fine->start[i + 1]; e++)
        {
          guint j = fine->adj[e];

          if (parent[j] == G_MAXUINT && j != i && fine->mass[j] < lightest)
            lightest = fine->mass[j], best = j;
        }
      if (best != G_MAXUINT)
        {
          parent[i] = parent[best] = n++;
        }
    }
  /* Anyone left unmatched (all their neighbours taken) stays alone: a
   * measured trial of joining them to a neighbouring pair tangled the
   * result more. */
  for (guint i = 0; i < fine->n; i++)
    if (parent[i] == G_MAXUINT)
      parent[i] = n++;
  if (n > COARSEN_RATIO * fine->n)
    return FALSE;

  keys = g_new (gint64, MAX (fine->start[fine->n], 1));
  for (guint i = 0; i < fine->n; i++)
    for (guint e = fine->start[i]; e < fine->start[i + 1]; e++)
      {
        guint a = parent[i], b = parent[fine->adj[e]];

        if (a >= b)
          continue;
        keys[m] = ((gint64) a << 32) | b;
        if (!g_hash_table_add (seen, &keys[m]))
          continue;
        g_array_append_val (pairs, a);
        g_array_append_val (pairs, b);
        m++;
      }
  net_init (coarse, n, (guint *) pairs->data, m);
  for (guint i = 0; i < n; i++)
    coarse->mass[i] = 0;
  for (guint i = 0; i < fine->n; i++)
    coarse->mass[parent[i]] += fine->mass[i];
  return TRUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double p = *(const double *) a, q = *(const double *) b;

  return p < q ? -1 : p > q;
}

static double
rms_radius (guint         n,
            const double *x,
            const double *y)
{
  double cx = 0, cy = 0, r = 0;

  for (guint i = 0; i < n; i++)
    cx += x[i], cy += y[i];
  cx /= MAX (n, 1), cy /= MAX (n, 1);
  for (guint i = 0; i < n; i++)
    r += (x[i] - cx) * (x[i] - cx) + (y[i] - cy) * (y[i] - cy);
  return sqrt (r / MAX (n, 1));
}

static void
rescale (guint   n,
         double *x,
         double *y,
         double  radius)
{
  double cx = 0, cy = 0, r = rms_radius (n, x, y);

  for (guint i = 0; i < n; i++)
    cx += x[i], cy += y[i];
  cx /= MAX (n, 1), cy /= MAX (n, 1);
  if (r < 1e-9)
    {
      /* Everyone on one spot: a spiral. */
      for (guint i = 0; i < n; i++)
        {
          x[i] = cx + cos (i * 2.399963) * sqrt (i + 1);
          y[i] = cy + sin (i * 2.399963) * sqrt (i + 1);
        }
      r = rms_radius (n, x, y);
    }
  for (guint i = 0; i < n; i++)
    {
      x[i] = (x[i] - cx) * radius / r;
      y[i] = (y[i] - cy) * radius / r;
    }
}

/* The radius a picture of @n at unit spacing settles to, about. */
static double
natural_radius (guint n)
{
  return 0.5 * sqrt (n);
}

/* The scale at which ROOM of the drawings (a share) are clear of their
 * nearest neighbour, found through a grid of about one point a cell. */
static double
room_scale (guint         n,
            const double *x,
            const double *y,
            const double *radius)
{
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY, cell;
  guint  cols, rows, k = 0;
  guint *start, *members, *slot;
  g_auto (Cells) cells = { 0 };
  g_autofree double *need = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      min_x = MIN (min_x, x[i]), max_x = MAX (max_x, x[i]);
      min_y = MIN (min_y, y[i]), max_y = MAX (max_y, y[i]);
    }
  cell = MAX (sqrt ((max_x - min_x) * (max_y - min_y) / n), 1e-9);
  cells_init (&cells, n, x, y, min_x, min_y, max_x, max_y, cell);
  cols = cells.cols, rows = cells.rows;
  start = cells.start, members = cells.members, slot = cells.slot;
  for (guint i = 0; i < n; i++)
    {
      int    c = slot[i] % cols, r = slot[i] / cols;
      double best = INFINITY, want = 0;

      /* Rings of cells outward until the nearest is surely found. */
      for (int ring = 0; ring <= 4 && !(best < (ring - 1) * cell); ring++)
        for (int rr = r - ring; rr <= r + ring; rr++)
          for (int cc = c - ring; cc <= c + ring; cc++)
            {
              if (rr < 0 || cc < 0 || rr >= (int) rows || cc >= (int) cols ||
                  (ABS (rr - r) != ring && ABS (cc - c) != ring))
                continue;
              for (guint m = start[rr * cols + cc]; m < start[rr * cols + cc + 1]; m++)
                {
                  guint  j = members[m];
                  double d = hypot (x[i] - x[j], y[i] - y[j]);

                  if (j != i && d < best)
                    best = d, want = radius[i] + radius[j];
                }
            }
      if (isfinite (best))
        need[k++] = want / MAX (best, 1e-9);
    }
  if (k == 0)
    return 1;
  qsort (need, k, sizeof (double), compare_doubles);
  return MAX (need[(guint) (ROOM * (k - 1))], 1e-9);
}

void
_sm_layout_force (guint           n,
                  GArray         *ties,
                  double         *x,
                  double         *y,
                  const gboolean *fixed,
                  const double   *radius,
                  gboolean        multilevel,
                  SmLayoutWatch  *watch)
{
  g_autofree guint  *pairs = g_new (guint, MAX (2 * ties->len, 1));
  g_autofree guint8 *pin = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GPtrArray) nets = g_ptr_array_new ();
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);
  Net  *fine;
  guint n_fixed = 0;

  for (guint t = 0; t < ties->len; t++)
    {
      pairs[2 * t] = g_array_index (ties, SmLayoutTie, t).a;
      pairs[2 * t + 1] = g_array_index (ties, SmLayoutTie, t).b;
    }
  for (guint i = 0; i < n; i++)
    if (fixed != NULL && fixed[i])
      pin[i] = 1, n_fixed++;

  fine = g_new0 (Net, 1);
  net_init (fine, n, pairs, ties->len);
  g_ptr_array_add (nets, fine);

  if (!multilevel || n_fixed > 0)
    {
      /* From where everyone is, as far as untangling needs. */
      if (watch != NULL)
        watch->total = (double) n * LEVEL_ITERATIONS * 2;
      settle (fine, x, y, pin, radius, FALSE, MAX (1, sqrt (n) / 10), LEVEL_ITERATIONS * 2, watch);
      net_clear (fine);
      g_free (fine);
      return;
    }

  while (fine->n > COARSEST)
    {
      Net   *coarse = g_new0 (Net, 1);
      guint *parent = g_new (guint, fine->n);

      if (!coarsen (fine, coarse, parent))
        {
          g_free (coarse);
          g_free (parent);
          break;
        }
      g_ptr_array_add (nets, coarse);
      g_ptr_array_add (parents, parent);
      fine = coarse;
    }

  {
    guint              levels = nets->len;
    Net               *top = g_ptr_array_index (nets, levels - 1);
    g_autofree double *cx = g_new0 (double, top->n);
    g_autofree double *cy = g_new0 (double, top->n);
    double             room = 1;

    if (watch != NULL)
      {
        watch->total = (double) top->n * COARSEST_ITERATIONS + (radius != NULL ? (double) n * CONTACT_ITERATIONS : 0);
        for (guint l = 0; l + 1 < levels; l++)
          watch->total +=
            (double) ((Net *) g_ptr_array_index (nets, l))->n * (l == 0 ? FINEST_ITERATIONS : MIDDLE_ITERATIONS);
      }

    /* Each cluster starts where its members stand, on average. */
    for (guint i = 0; i < n; i++)
      {
        guint p = i;

        for (guint l = 0; l + 1 < levels; l++)
          p = ((guint *) g_ptr_array_index (parents, l))[p];
        cx[p] += x[i] / top->mass[p];
        cy[p] += y[i] / top->mass[p];
      }
    rescale (top->n, cx, cy, natural_radius (top->n));
    settle (top, cx, cy, NULL, NULL, FALSE, natural_radius (top->n) / 5, COARSEST_ITERATIONS, watch);

    /* Down the levels: members start around their cluster, then
     * settle. Each level starts spread out as a picture of its size
     * settles (which shakes out folds the coarser one left), but at most
     * EXPANSION times wider than keeping the density would: a group
     * hanging on one long relationship, which moves a step at a time,
     * would otherwise be carried further out at every level. */
    for (guint l = levels - 1; l > 0; l--)
      {
        Net               *finer = g_ptr_array_index (nets, l - 1);
        guint             *parent = g_ptr_array_index (parents, l - 1);
        g_autofree double *fx = g_new (double, finer->n);
        g_autofree double *fy = g_new (double, finer->n);
        Net               *coarse = g_ptr_array_index (nets, l);
        g_autofree guint  *seen = g_new0 (guint, coarse->n);
        double             spread = MAX (rms_radius (coarse->n, cx, cy), 1e-9);
        double             scale = MIN (natural_radius (finer->n) / spread, EXPANSION * sqrt ((double) finer->n / coarse->n));

        for (guint i = 0; i < finer->n; i++)
          {
            guint  p = parent[i];
            double angle = (seen[p]++ * 2.399963) + p;

            fx[i] = cx[p] * scale + cos (angle) * 0.2;
            fy[i] = cy[p] * scale + sin (angle) * 0.2;
          }
        settle (finer, fx, fy, NULL, NULL, l == 1 && finest_gentle, 0.5, l == 1 ? FINEST_ITERATIONS : MIDDLE_ITERATIONS,
                watch);
        g_free (cx);
        g_free (cy);
        cx = g_steal_pointer (&fx);
        cy = g_steal_pointer (&fy);
      }
    memcpy (x, cx, sizeof (double) * n);
    memcpy (y, cy, sizeof (double) * n);
    /* The scale at which most drawings are clear of their nearest
     * neighbour is taken from the forces' picture, before the
     * refinement, which may bring those as far from every pivot as each
     * other close together (the last settling then pushes them apart):
     * taken after, it would spread the whole picture out to make room
     * for them. */
    if (radius != NULL)
      room = room_scale (n, x, y, radius);
    if (finest_refine)
      {
        Net *finest = g_ptr_array_index (nets, 0);

        _sm_layout_stress_refine (finest->n, finest->start, finest->adj, x, y);
      }
    if (radius != NULL)
      {
        /* Then a last settling in which drawings that overlap push
         * apart; the result in the units of @radius. */
        g_autofree double *r = g_new (double, n);

        for (guint i = 0; i < n; i++)
          r[i] = radius[i] / room;
        settle (g_ptr_array_index (nets, 0), x, y, NULL, r, finest_gentle, CONTACT_STEP, CONTACT_ITERATIONS, watch);
        for (guint i = 0; i < n; i++)
          x[i] *= room, y[i] *= room;
      }
  }

  for (guint l = 0; l < nets->len; l++)
    {
      net_clear (g_ptr_array_index (nets, l));
      g_free (g_ptr_array_index (nets, l));
    }
}

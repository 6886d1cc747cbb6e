/* sm-layout.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-graph.h"
#include "sm-layout-private.h"
#include "sm-map-private.h"

/* Fruchterman and Reingold (1991), "Graph drawing by force-directed
 * placement": related nodes attract with d²/k, all nodes repel with k²/d,
 * and a temperature that cools linearly caps how far a node moves in one
 * step. Small components compare every pair; larger ones use Barnes and
 * Hut's quadtree, which keeps each step O(n log n). */

#define K SM_LAYOUT_SPACING
#define EXACT_LIMIT 200 /* nodes; above this, repulsion uses Barnes–Hut */
#define THETA 0.9
#define MAX_DEPTH 40
#define MIN_SEPARATION (K / 3)
#define MAX_ITERATIONS 300
#define MIN_ITERATIONS 20
#define FULL_WORK (300u * 2000u)                     /* node-steps before iterations are cut */
#define SEED G_GUINT64_CONSTANT (0x5354414b454d4150) /* "STAKEMAP" */

typedef struct
{
  guint64 state;
} Rng;

/* splitmix64: tiny, and the same numbers on every platform and GLib. */
static double
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  return (z >> 11) * (1.0 / 9007199254740992.0);
}

/* One connected component, in local indices 0..n-1. */
typedef struct
{
  guint   n;
  guint  *nodes; /* global index of each local node */
  guint  *start; /* CSR adjacency: neighbours of i are adj[start[i]..start[i+1]) */
  guint  *adj;
  double *x;
  double *y;
  guint8 *fixed;
  guint   n_fixed;
  guint   n_missing;
  double  min_x, min_y, max_x, max_y;
} Component;

static void
component_free (Component *c)
{
  g_free (c->nodes);
  g_free (c->start);
  g_free (c->adj);
  g_free (c->x);
  g_free (c->y);
  g_free (c->fixed);
  g_free (c);
}

static void
component_bounds (Component *c)
{
  c->min_x = c->min_y = INFINITY;
  c->max_x = c->max_y = -INFINITY;
  for (guint i = 0; i < c->n; i++)
    {
      c->min_x = MIN (c->min_x, c->x[i]);
      c->max_x = MAX (c->max_x, c->x[i]);
      c->min_y = MIN (c->min_y, c->y[i]);
      c->max_y = MAX (c->max_y, c->y[i]);
    }
}

static void
repel_pair (Component *c,
            double    *dx,
            double    *dy,
            guint      i,
            guint      j)
{
  double ddx = c->x[i] - c->x[j];
  double ddy = c->y[i] - c->y[j];
  double d2 = ddx * ddx + ddy * ddy;
  double f;

  if (d2 < 1e-4)
    {
      /* Nodes on top of each other: push apart along a direction that
       * depends only on their indices, so the result stays deterministic. */
      double angle = (i * 2654435761u % 6283) / 1000.0;

      ddx = cos (angle) * 0.01;
      ddy = sin (angle) * 0.01;
      d2 = 1e-4;
    }
  f = K * K / d2;
  dx[i] += ddx * f;
  dy[i] += ddy * f;
}

static void
repel_exact (Component *c,
             double    *dx,
             double    *dy)
{
  for (guint i = 0; i < c->n; i++)
    for (guint j = 0; j < c->n; j++)
      if (i != j)
        repel_pair (c, dx, dy, i, j);
}

/* Barnes–Hut: a quadtree whose cells far enough away (size / distance
 * below THETA) repel as one body at their centre of mass, so every node
 * feels every other in O(n log n) and large graphs do not collapse. */

typedef struct
{
  double   sx, sy; /* sums of positions; centre of mass is sum / mass */
  double   mass;
  double   x0, y0, size;
  int      child[4];
  int      first; /* leaves: first point, chained through next[] */
  gboolean leaf;
} Cell;

typedef struct
{
  Component *c;
  GArray    *cells;
  int       *next;
} Tree;

#define CELL(t, q) (&g_array_index ((t)->cells, Cell, (q)))

static int
tree_new_cell (Tree  *t,
               double x0,
               double y0,
               double size)
{
  Cell cell = { 0, 0, 0, x0, y0, size, { -1, -1, -1, -1 }, -1, TRUE };

  g_array_append_val (t->cells, cell);
  return t->cells->len - 1;
}

static void
tree_insert (Tree *t,
             int   q,
             guint i,
             guint depth)
{
  double x = t->c->x[i], y = t->c->y[i];

  for (;;)
    {
      Cell  *cell = CELL (t, q);
      double half;
      int    quadrant, child;

      cell->mass += 1;
      cell->sx += x;
      cell->sy += y;
      if (cell->leaf)
        {
          /* Empty, or too deep to split further: keep the point here. */
          if (cell->first < 0 || depth >= MAX_DEPTH)
            {
              t->next[i] = cell->first;
              cell->first = i;
              return;
            }
          /* Split: the point already here moves down a level. */
          {
            int j = cell->first;

            cell->first = -1;
            cell->leaf = FALSE;
            cell->mass -= 1;
            cell->sx -= t->c->x[j];
            cell->sy -= t->c->y[j];
            tree_insert (t, q, j, depth);
            cell = CELL (t, q);
          }
        }

      half = cell->size / 2;
      quadrant = (x >= cell->x0 + half ? 1 : 0) + (y >= cell->y0 + half ? 2 : 0);
      child = cell->child[quadrant];
      if (child < 0)
        {
          double cx0 = cell->x0 + (quadrant & 1 ? half : 0);
          double cy0 = cell->y0 + (quadrant & 2 ? half : 0);

          child = tree_new_cell (t, cx0, cy0, half);
          CELL (t, q)->child[quadrant] = child;
        }
      q = child;
      depth++;
    }
}

static void
repel_tree (Component *c,
            double    *dx,
            double    *dy,
            Tree      *t)
{
  double side;
  int    stack[4 * MAX_DEPTH + 8];

  component_bounds (c);
  side = MAX (c->max_x - c->min_x, c->max_y - c->min_y) + 1;
  g_array_set_size (t->cells, 0);
  tree_new_cell (t, c->min_x, c->min_y, side);
  for (guint i = 0; i < c->n; i++)
    tree_insert (t, 0, i, 0);

  for (guint i = 0; i < c->n; i++)
    {
      int sp = 0;

      stack[sp++] = 0;
      while (sp > 0)
        {
          Cell  *cell = CELL (t, stack[--sp]);
          double ddx, ddy, d2;

          if (cell->mass == 0)
            continue;
          if (cell->leaf)
            {
              for (int j = cell->first; j >= 0; j = t->next[j])
                if ((guint) j != i)
                  repel_pair (c, dx, dy, i, j);
              continue;
            }
          ddx = c->x[i] - cell->sx / cell->mass;
          ddy = c->y[i] - cell->sy / cell->mass;
          d2 = ddx * ddx + ddy * ddy;
          if (cell->size * cell->size < THETA * THETA * d2)
            {
              double f = K * K * cell->mass / d2;

              dx[i] += ddx * f;
              dy[i] += ddy * f;
              continue;
            }
          for (int k = 0; k < 4; k++)
            if (cell->child[k] >= 0)
              stack[sp++] = cell->child[k];
        }
    }
}

static void
force_directed (Component *c,
                double     temperature)
{
  g_autofree double *dx = g_new (double, c->n);
  g_autofree double *dy = g_new (double, c->n);
  g_autofree int    *next = NULL;
  g_autoptr(GArray) cells = NULL;
  Tree  tree = { c, NULL, NULL };
  guint iterations = MAX_ITERATIONS;

  if (c->n - c->n_fixed == 0)
    return;
  if ((guint64) c->n * MAX_ITERATIONS > FULL_WORK)
    iterations = MAX (MIN_ITERATIONS, FULL_WORK / c->n);
  if (c->n > EXACT_LIMIT)
    {
      next = g_new (int, c->n);
      cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 2 * c->n);
      tree.cells = cells;
      tree.next = next;
    }

  for (guint it = 0; it < iterations; it++)
    {
      double t = temperature * (1.0 - (double) it / iterations) + K * 0.01;

      memset (dx, 0, sizeof (double) * c->n);
      memset (dy, 0, sizeof (double) * c->n);

      if (c->n > EXACT_LIMIT)
        repel_tree (c, dx, dy, &tree);
      else
        repel_exact (c, dx, dy);

      for (guint i = 0; i < c->n; i++)
        for (guint e = c->start[i]; e < c->start[i + 1]; e++)
          {
            guint  j = c->adj[e];
            double ddx = c->x[i] - c->x[j];
            double ddy = c->y[i] - c->y[j];
            double d = sqrt (ddx * ddx + ddy * ddy);

            dx[i] -= ddx * d / K;
            dy[i] -= ddy * d / K;
          }

      for (guint i = 0; i < c->n; i++)
        {
          double len = sqrt (dx[i] * dx[i] + dy[i] * dy[i]);
          double step;

          if (c->fixed[i] || len <= 0 || !isfinite (len))
            continue;
          step = MIN (len, t);
          c->x[i] += dx[i] / len * step;
          c->y[i] += dy[i] / len * step;
        }
    }
}

typedef struct
{
  double x;
  guint  i;
} SweepItem;

static int
compare_sweep (const void *a,
               const void *b)
{
  const SweepItem *sa = a, *sb = b;

  if (sa->x != sb->x)
    return sa->x < sb->x ? -1 : 1;
  return sa->i < sb->i ? -1 : sa->i > sb->i;
}

/* In a dense tangle, forces from the crowd can carry two nodes along
 * together; a last sweep moves apart any pair closer than MIN_SEPARATION
 * so that no two stakeholders are drawn on top of each other. */
static void
separate (Component *c)
{
  g_autofree SweepItem *items = g_new (SweepItem, c->n);

  for (guint pass = 0; pass < 20; pass++)
    {
      gboolean moved = FALSE;

      for (guint k = 0; k < c->n; k++)
        items[k] = (SweepItem) { c->x[k], k };
      qsort (items, c->n, sizeof (SweepItem), compare_sweep);

      for (guint a = 0; a < c->n; a++)
        for (guint b = a + 1; b < c->n && items[b].x - items[a].x < MIN_SEPARATION; b++)
          {
            guint  i = items[a].i, j = items[b].i;
            double ddx = c->x[j] - c->x[i], ddy = c->y[j] - c->y[i];
            double d = sqrt (ddx * ddx + ddy * ddy), push;

            if (d >= MIN_SEPARATION || (c->fixed[i] && c->fixed[j]))
              continue;
            if (d < 1e-6)
              {
                double angle = ((i * 2654435761u + j) % 6283) / 1000.0;

                ddx = cos (angle), ddy = sin (angle), d = 1;
              }
            push = (MIN_SEPARATION - d) / d;
            if (c->fixed[i] || c->fixed[j])
              {
                guint  mover = c->fixed[i] ? j : i;
                double sign = mover == j ? 1 : -1;

                c->x[mover] += sign * ddx * push;
                c->y[mover] += sign * ddy * push;
              }
            else
              {
                c->x[i] -= ddx * push / 2, c->y[i] -= ddy * push / 2;
                c->x[j] += ddx * push / 2, c->y[j] += ddy * push / 2;
              }
            moved = TRUE;
          }
      if (!moved)
        break;
    }
}

/* A component without anyone placed: start from a random square about as
 * big as the result should be. */
static void
layout_free (Component *c,
             Rng       *rng)
{
  double side = K * sqrt (c->n);

  for (guint i = 0; i < c->n; i++)
    {
      c->x[i] = rng_next (rng) * side;
      c->y[i] = rng_next (rng) * side;
    }
  if (c->n > 1)
    {
      force_directed (c, side / 10 + K);
      separate (c);
    }
  else
    c->x[0] = c->y[0] = 0;
  component_bounds (c);
}

/* A component with placed stakeholders: newcomers start next to the
 * neighbours already placed (breadth first from them), then settle. */
static void
layout_anchored (Component *c,
                 Rng       *rng)
{
  g_autofree guint  *queue = g_new (guint, c->n);
  g_autofree guint8 *placed = g_memdup2 (c->fixed, c->n);
  guint              head = 0, tail = 0;

  for (guint i = 0; i < c->n; i++)
    if (placed[i])
      queue[tail++] = i;

  while (head < tail)
    {
      guint i = queue[head++];

      for (guint e = c->start[i]; e < c->start[i + 1]; e++)
        {
          guint  j = c->adj[e];
          double sx = 0, sy = 0, angle;
          guint  count = 0;

          if (placed[j])
            continue;
          for (guint f = c->start[j]; f < c->start[j + 1]; f++)
            if (placed[c->adj[f]])
              {
                sx += c->x[c->adj[f]];
                sy += c->y[c->adj[f]];
                count++;
              }
          angle = rng_next (rng) * 2 * G_PI;
          c->x[j] = sx / count + cos (angle) * K;
          c->y[j] = sy / count + sin (angle) * K;
          placed[j] = TRUE;
          queue[tail++] = j;
        }
    }

  force_directed (c, K);
  separate (c);
}

static int
compare_components (gconstpointer a,
                    gconstpointer b)
{
  const Component *ca = *(Component **) a;
  const Component *cb = *(Component **) b;

  if (ca->n != cb->n)
    return ca->n > cb->n ? -1 : 1;
  return ca->nodes[0] < cb->nodes[0] ? -1 : ca->nodes[0] > cb->nodes[0];
}

/* Shelf packing, biggest first, in rows about as wide as the whole is
 * tall, so separate groups sit side by side instead of drifting apart. */
static void
pack (GPtrArray *free_components,
      double     origin_x,
      double     origin_y)
{
  double area = 0, widest = 0, row_width, x, y, row_height;

  g_ptr_array_sort (free_components, compare_components);
  for (guint i = 0; i < free_components->len; i++)
    {
      Component *c = g_ptr_array_index (free_components, i);
      double     w = c->max_x - c->min_x + K;
      double     h = c->max_y - c->min_y + K;

      area += w * h;
      widest = MAX (widest, w);
    }
  row_width = MAX (widest, sqrt (area) * 1.2);

  x = origin_x;
  y = origin_y;
  row_height = 0;
  for (guint i = 0; i < free_components->len; i++)
    {
      Component *c = g_ptr_array_index (free_components, i);
      double     w = c->max_x - c->min_x + K;
      double     h = c->max_y - c->min_y + K;

      if (x > origin_x && x - origin_x + w > row_width)
        {
          x = origin_x;
          y += row_height;
          row_height = 0;
        }
      for (guint j = 0; j < c->n; j++)
        {
          c->x[j] += x - c->min_x;
          c->y[j] += y - c->min_y;
        }
      x += w;
      row_height = MAX (row_height, h);
    }
}

void
sm_layout_place_missing (SmMap *map)
{
  SmCollection *people, *ties;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) components = NULL;
  g_autoptr(GPtrArray) free_components = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree guint8 *fixed = NULL;
  g_autofree guint  *degree = NULL;
  g_autofree guint  *start = NULL;
  g_autofree guint  *adj = NULL;
  g_autofree guint  *component_of = NULL;
  g_autofree guint  *local = NULL;
  g_autofree guint  *queue = NULL;
  g_autoptr(GArray) edges = NULL;
  double placed_min_y = INFINITY, placed_max_x = -INFINITY;
  guint  n, n_missing = 0;
  Rng    rng = { SEED };

  g_return_if_fail (SM_IS_MAP (map));

  people = sm_map_get_stakeholders (map);
  ties = sm_map_get_relationships (map);
  n = sm_collection_get_size (people);

  x = g_new0 (double, n);
  y = g_new0 (double, n);
  fixed = g_new0 (guint8, n);
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      SmRecord *record = sm_collection_get (people, i);

      fixed[i] = sm_stakeholder_get_position (record, &x[i], &y[i]);
      if (!fixed[i])
        n_missing++;
      g_hash_table_insert (index, (char *) sm_record_get_id (record), GUINT_TO_POINTER (i + 1));
    }
  if (n_missing == 0)
    return;

  /* Undirected adjacency in CSR form. */
  edges = g_array_new (FALSE, FALSE, sizeof (guint));
  degree = g_new0 (guint, n);
  for (guint r = 0; r < sm_collection_get_size (ties); r++)
    {
      SmRecord   *tie = sm_collection_get (ties, r);
      const char *source = sm_relationship_get_source (tie);
      const char *target = sm_relationship_get_target (tie);
      guint       a = source ? GPOINTER_TO_UINT (g_hash_table_lookup (index, source)) : 0;
      guint       b = target ? GPOINTER_TO_UINT (g_hash_table_lookup (index, target)) : 0;

      if (a == 0 || b == 0 || a == b)
        continue;
      a--, b--;
      g_array_append_val (edges, a);
      g_array_append_val (edges, b);
      degree[a]++;
      degree[b]++;
    }
  start = g_new0 (guint, n + 1);
  for (guint i = 0; i < n; i++)
    start[i + 1] = start[i] + degree[i];
  adj = g_new (guint, MAX (edges->len, 1));
  memset (degree, 0, sizeof (guint) * n);
  for (guint e = 0; e < edges->len; e += 2)
    {
      guint a = g_array_index (edges, guint, e);
      guint b = g_array_index (edges, guint, e + 1);

      adj[start[a] + degree[a]++] = b;
      adj[start[b] + degree[b]++] = a;
    }

  /* Components, each with its own local copy of the adjacency. */
  components = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  component_of = g_new (guint, n);
  local = g_new (guint, n);
  queue = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    component_of[i] = G_MAXUINT;
  for (guint s = 0; s < n; s++)
    {
      Component *c;
      guint      head = 0, tail = 0, n_adj = 0;

      if (component_of[s] != G_MAXUINT)
        continue;
      component_of[s] = components->len;
      queue[tail++] = s;
      while (head < tail)
        {
          guint i = queue[head++];

          n_adj += start[i + 1] - start[i];
          for (guint e = start[i]; e < start[i + 1]; e++)
            if (component_of[adj[e]] == G_MAXUINT)
              {
                component_of[adj[e]] = components->len;
                queue[tail++] = adj[e];
              }
        }

      c = g_new0 (Component, 1);
      c->n = tail;
      c->nodes = g_memdup2 (queue, sizeof (guint) * tail);
      c->start = g_new (guint, tail + 1);
      c->adj = g_new (guint, MAX (n_adj, 1));
      c->x = g_new (double, tail);
      c->y = g_new (double, tail);
      c->fixed = g_new (guint8, tail);
      for (guint i = 0; i < tail; i++)
        local[c->nodes[i]] = i;
      c->start[0] = 0;
      for (guint i = 0; i < tail; i++)
        {
          guint g = c->nodes[i];

          c->start[i + 1] = c->start[i] + (start[g + 1] - start[g]);
          for (guint e = start[g]; e < start[g + 1]; e++)
            c->adj[c->start[i] + (e - start[g])] = local[adj[e]];
          c->x[i] = x[g];
          c->y[i] = y[g];
          c->fixed[i] = fixed[g];
          if (fixed[g])
            c->n_fixed++;
          else
            c->n_missing++;
        }
      g_ptr_array_add (components, c);
    }

  /* Components anchored by someone placed settle around them; the others
   * are packed beside everything already on the map. */
  free_components = g_ptr_array_new ();
  for (guint i = 0; i < components->len; i++)
    {
      Component *c = g_ptr_array_index (components, i);

      if (c->n_missing == 0)
        ;
      else if (c->n_fixed > 0)
        layout_anchored (c, &rng);
      else
        {
          layout_free (c, &rng);
          g_ptr_array_add (free_components, c);
          continue;
        }
      for (guint j = 0; j < c->n; j++)
        {
          placed_max_x = MAX (placed_max_x, c->x[j]);
          placed_min_y = MIN (placed_min_y, c->y[j]);
        }
    }
  if (free_components->len > 0)
    {
      if (isfinite (placed_max_x))
        pack (free_components, placed_max_x + 2 * K, placed_min_y);
      else
        pack (free_components, 0, 0);
    }

  for (guint i = 0; i < components->len; i++)
    {
      Component *c = g_ptr_array_index (components, i);

      for (guint j = 0; j < c->n; j++)
        {
          SmRecord *record;
          g_autoptr(JsonNode) vx = NULL;
          g_autoptr(JsonNode) vy = NULL;

          if (c->fixed[j])
            continue;
          record = sm_collection_get (people, c->nodes[j]);
          /* Whole units keep files tidy; the schema's bounds keep them valid. */
          vx = json_node_init_double (json_node_alloc (), CLAMP (round (c->x[j]), -1e9, 1e9));
          vy = json_node_init_double (json_node_alloc (), CLAMP (round (c->y[j]), -1e9, 1e9));
          _sm_map_set_value (map, record, "x", vx);
          _sm_map_set_value (map, record, "y", vy);
        }
    }
}

/* Tidy Up. On meeting-sized maps igraph's Fruchterman–Reingold does the
 * untangling (it measured as well as the hand-written layout above; see
 * docs/performance.md), then the drawings are pulled apart until none
 * overlaps. Above TIDY_SMALL stakeholders, igraph's forces compare every
 * pair and the pulling apart takes thousands of passes, so the forces are
 * those of sm-layout-force.c (Barnes–Hut, multilevel), which leave room
 * for the drawings themselves. */

#define TIDY_GAP 12.0        /* between two drawings after tidying */
#define TIDY_MAX_PASSES 2000 /* of pulling overlaps apart */
#define TIDY_WORK 400000u    /* node-steps of the forces before iterations are cut */
#define TIDY_MAX_ITERATIONS 400
#define TIDY_MIN_ITERATIONS 30
#define TIDY_CROSSING_LIMIT 5000 /* relationships; above, crossings are not compared */
#define TIDY_LARGE_WORK 2000000u /* stakeholder-passes of pulling overlaps apart on large maps */
#define TIDY_SMALL 300           /* stakeholders; above, the forces of sm-layout-force.c */

/* Any shape (RADIUS_MAX 44) with a two-line name under it. */
static const SmLayoutBox default_box = { -75, -44, 75, 88 };

typedef struct
{
  double left;
  guint  i;
} BoxItem;

static int
compare_box_items (const void *a,
                   const void *b)
{
  const BoxItem *ia = a, *ib = b;

  if (ia->left != ib->left)
    return ia->left < ib->left ? -1 : 1;
  return ia->i < ib->i ? -1 : ia->i > ib->i;
}

/* Insertion sort of @items, for an order that is nearly right; gives up
 * (returning FALSE, the items still a permutation) after @budget moves. */
static gboolean
sort_nearly_sorted (BoxItem *items,
                    guint    n,
                    gsize    budget)
{
  for (guint k = 1; k < n; k++)
    {
      BoxItem item = items[k];
      guint   j = k;

      while (j > 0 && compare_box_items (&items[j - 1], &item) > 0)
        {
          if (budget-- == 0)
            {
              items[j] = item;
              return FALSE;
            }
          items[j] = items[j - 1];
          j--;
        }
      items[j] = item;
    }
  return TRUE;
}

/* Pushes overlapping boxes apart along the axis where they overlap least,
 * the pinned ones never; a sweep along x finds the pairs. Returns whether
 * no two boxes (but pinned pairs) overlap at the end. */
static gboolean
separate_boxes (guint              n,
                double            *x,
                double            *y,
                const SmLayoutBox *boxes,
                const gboolean    *fixed,
                double             gap,
                guint              passes)
{
  g_autofree BoxItem *items = g_new (BoxItem, MAX (n, 1));

  for (guint pass = 0; pass < passes; pass++)
    {
      gboolean moved = FALSE;

      /* The first pass sorts; later ones start from the last order, which
       * a pass changes little (the order is the same either way: no two
       * items compare equal). */
      if (pass == 0)
        for (guint k = 0; k < n; k++)
          items[k] = (BoxItem) { x[k] + boxes[k].left - gap / 2, k };
      else
        for (guint k = 0; k < n; k++)
          items[k].left = x[items[k].i] + boxes[items[k].i].left - gap / 2;
      if (pass == 0 || !sort_nearly_sorted (items, n, 8 * (gsize) n))
        qsort (items, n, sizeof (BoxItem), compare_box_items);

      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            guint  i = items[a].i, j = items[b].i;
            double li = x[i] + boxes[i].left - gap / 2, ri = x[i] + boxes[i].right + gap / 2;
            double ti = y[i] + boxes[i].top - gap / 2, bi = y[i] + boxes[i].bottom + gap / 2;
            double lj = x[j] + boxes[j].left - gap / 2, rj = x[j] + boxes[j].right + gap / 2;
            double tj = y[j] + boxes[j].top - gap / 2, bj = y[j] + boxes[j].bottom + gap / 2;
            double ox, oy, dx = 0, dy = 0;

            if (items[b].left >= ri)
              break;
            if (fixed[i] && fixed[j])
              continue;
            ox = MIN (ri, rj) - MAX (li, lj);
            oy = MIN (bi, bj) - MAX (ti, tj);
            if (ox <= 0 || oy <= 0)
              continue;
            /* A hair more than the overlap, so that it is really gone. */
            if (ox <= oy)
              dx = ((lj + rj) >= (li + ri) ? 1 : -1) * (ox + 0.01);
            else
              dy = ((tj + bj) >= (ti + bi) ? 1 : -1) * (oy + 0.01);
            if (fixed[i])
              x[j] += dx, y[j] += dy;
            else if (fixed[j])
              x[i] -= dx, y[i] -= dy;
            else
              {
                x[i] -= dx / 2, y[i] -= dy / 2;
                x[j] += dx / 2, y[j] += dy / 2;
              }
            moved = TRUE;
          }
      if (!moved)
        return TRUE;
    }
  return FALSE;
}

typedef SmLayoutTie Tie;

/* Each pair of stakeholders tied once, in the map's order. */
GArray *
_sm_layout_collect_ties (SmMap *map)
{
  SmCollection *people = sm_map_get_stakeholders (map);
  SmCollection *ties = sm_map_get_relationships (map);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (sm_collection_get_size (ties), 1));
  GArray            *result = g_array_new (FALSE, FALSE, sizeof (Tie));

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    g_hash_table_insert (index, (char *) sm_record_get_id (sm_collection_get (people, i)),
                         GUINT_TO_POINTER (i + 1));
  for (guint r = 0; r < sm_collection_get_size (ties); r++)
    {
      SmRecord   *tie = sm_collection_get (ties, r);
      const char *source = sm_relationship_get_source (tie);
      const char *target = sm_relationship_get_target (tie);
      guint       a = source ? GPOINTER_TO_UINT (g_hash_table_lookup (index, source)) : 0;
      guint       b = target ? GPOINTER_TO_UINT (g_hash_table_lookup (index, target)) : 0;
      Tie         t;

      if (a == 0 || b == 0 || a == b)
        continue;
      t.a = MIN (a, b) - 1;
      t.b = MAX (a, b) - 1;
      keys[r] = ((gint64) t.a << 32) | t.b;
      if (!g_hash_table_add (seen, &keys[r]))
        continue;
      g_array_append_val (result, t);
    }
  return result;
}

void
_sm_layout_read_positions (SmMap  *map,
                           double *x,
                           double *y)
{
  SmCollection        *people = sm_map_get_stakeholders (map);
  guint                n = sm_collection_get_size (people), placed = 0, k = 0;
  double               cx = 0, cy = 0;
  g_autofree gboolean *has = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      has[i] = sm_stakeholder_get_position (sm_collection_get (people, i), &x[i], &y[i]);
      if (has[i])
        {
          cx += x[i], cy += y[i];
          placed++;
        }
    }
  if (placed > 0)
    cx /= placed, cy /= placed;
  for (guint i = 0; i < n; i++)
    if (!has[i])
      {
        double angle = k * 2.399963; /* the golden angle */

        x[i] = cx + cos (angle) * K * sqrt (k + 1);
        y[i] = cy + sin (angle) * K * sqrt (k + 1);
        k++;
      }
}

/* Regions: who is in one is where they stand, so Tidy Up keeps everyone
 * inside exactly the regions they started in. */

#define REGION_INSET 20.0 /* map units inside or outside a border, at most */
#define REGION_ROUNDS 12  /* of keeping to regions and pulling overlaps apart */

typedef struct
{
  GPtrArray *regions; /* SmRecord */
  guint8    *inside;  /* n × regions: where each stakeholder started */
} Belonging;

static void
belonging_clear (Belonging *b)
{
  g_clear_pointer (&b->regions, g_ptr_array_unref);
  g_clear_pointer (&b->inside, g_free);
}

static void
belonging_init (Belonging    *b,
                SmMap        *map,
                guint         n,
                const double *x,
                const double *y)
{
  SmCollection *regions = sm_map_get_collection (map, SM_RECORD_REGION);
  guint         m = sm_collection_get_size (regions);

  b->regions = g_ptr_array_new ();
  for (guint r = 0; r < m; r++)
    g_ptr_array_add (b->regions, sm_collection_get (regions, r));
  b->inside = g_new0 (guint8, MAX (n * m, 1));
  for (guint i = 0; i < n; i++)
    for (guint r = 0; r < m; r++)
      b->inside[i * m + r] = sm_region_contains (g_ptr_array_index (b->regions, r), x[i], y[i]);
}

/* The first region stakeholder @i is on the wrong side of at (x, y), or
 * -1. */
static int
belonging_broken (const Belonging *b,
                  guint            i,
                  double           x,
                  double           y)
{
  guint m = b->regions->len;

  for (guint r = 0; r < m; r++)
    if (sm_region_contains (g_ptr_array_index (b->regions, r), x, y) != b->inside[i * m + r])
      return r;
  return -1;
}

/* Moves (x, y) the shortest way to the other side of @region's border,
 * a little past it. */
static void
cross_border (SmRecord *region,
              gboolean  into,
              double   *x,
              double   *y)
{
  double cx, cy, w, h, a, b, dx, dy;

  sm_region_get_rect (region, &cx, &cy, &w, &h);
  a = w / 2, b = h / 2;
  dx = *x - cx, dy = *y - cy;
  if (sm_region_is_ellipse (region))
    {
      double r = sqrt (dx * dx / (a * a) + dy * dy / (b * b));
      double step = MIN (REGION_INSET / MIN (a, b), 0.25);
      double want = into ? 1 - step : 1 + step;

      if (r < 1e-9)
        dx = 1, dy = 0, r = 1 / a;
      *x = cx + dx * want / r;
      *y = cy + dy * want / r;
    }
  else if (into)
    {
      double ix = MIN (REGION_INSET, a / 4), iy = MIN (REGION_INSET, b / 4);

      *x = CLAMP (*x, cx - a + ix, cx + a - ix);
      *y = CLAMP (*y, cy - b + iy, cy + b - iy);
    }
  else
    {
      /* Out by the nearest side. */
      double left = dx + a, right = a - dx, top = dy + b, bottom = b - dy;
      double least = MIN (MIN (left, right), MIN (top, bottom));

      if (least == left)
        *x = cx - a - REGION_INSET;
      else if (least == right)
        *x = cx + a + REGION_INSET;
      else if (least == top)
        *y = cy - b - REGION_INSET;
      else
        *y = cy + b + REGION_INSET;
    }
}

/* Brings each stakeholder that moved back to the regions it started in,
 * border by border; returns whether all are. */
static gboolean
keep_to_regions (const Belonging *b,
                 guint            n,
                 double          *x,
                 double          *y,
                 const gboolean  *fixed)
{
  gboolean all = TRUE;

  if (b->regions->len == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      int r;

      if (fixed[i])
        continue;
      for (guint step = 0; step < 4 * b->regions->len && (r = belonging_broken (b, i, x[i], y[i])) >= 0; step++)
        cross_border (g_ptr_array_index (b->regions, r), b->inside[i * b->regions->len + r], &x[i], &y[i]);
      if (belonging_broken (b, i, x[i], y[i]) >= 0)
        all = FALSE;
    }
  return all;
}

static void
back_to_start (const Belonging *b,
               guint            n,
               double          *x,
               double          *y,
               const double    *start_x,
               const double    *start_y,
               const gboolean  *fixed)
{
  for (guint i = 0; i < n; i++)
    if (!fixed[i] && belonging_broken (b, i, x[i], y[i]) >= 0)
      x[i] = start_x[i], y[i] = start_y[i];
}

/* Overlaps pulled apart without leaving a region: a few rounds of each,
 * and anyone still out of place goes back where they started, which was
 * right by definition. */
static void
separate_in_regions (const Belonging   *b,
                     guint              n,
                     double            *x,
                     double            *y,
                     const double      *start_x,
                     const double      *start_y,
                     const SmLayoutBox *boxes,
                     const gboolean    *fixed,
                     guint              passes)
{
  separate_boxes (n, x, y, boxes, fixed, TIDY_GAP, passes);
  if (b->regions->len == 0)
    return;
  for (guint round = 0; round < REGION_ROUNDS; round++)
    {
      gboolean all = TRUE;

      keep_to_regions (b, n, x, y, fixed);
      separate_boxes (n, x, y, boxes, fixed, TIDY_GAP, passes);
      for (guint i = 0; all && i < n; i++)
        all = fixed[i] || belonging_broken (b, i, x[i], y[i]) < 0;
      if (all)
        return;
    }
  keep_to_regions (b, n, x, y, fixed);
  back_to_start (b, n, x, y, start_x, start_y, fixed);
}

/* Meeting-sized maps: igraph's Fruchterman–Reingold from where everyone
 * is, in units of @spacing, then overlaps pulled apart; and if that left
 * more lines crossing than the start with only its overlaps pulled
 * apart, the latter. */
static void
tidy_small (SmGraph           *graph,
            GArray            *ties,
            const Belonging   *belonging,
            guint              n,
            double            *x,
            double            *y,
            double            *u,
            double            *v,
            double            *start_x,
            double            *start_y,
            const double      *orig_x,
            const double      *orig_y,
            const SmLayoutBox *boxes,
            const gboolean    *fixed,
            double             spacing,
            double             cx,
            double             cy)
{
  guint iterations = CLAMP (TIDY_WORK / n, TIDY_MIN_ITERATIONS, TIDY_MAX_ITERATIONS);

  /* igraph's own starting temperature (√n / 10): the forces move people
   * as far as untangling needs, no further. */
  if (sm_graph_layout_fruchterman_reingold (graph, u, v, fixed, iterations, sqrt (n) / 10))
    for (guint i = 0; i < n; i++)
      if (!fixed[i] && isfinite (u[i]) && isfinite (v[i]))
        {
          x[i] = cx + u[i] * spacing;
          y[i] = cy + v[i] * spacing;
        }
  separate_in_regions (belonging, n, x, y, orig_x, orig_y, boxes, fixed, TIDY_MAX_PASSES);

  /* Tidying must not tangle: if the forces left more crossings than there
   * were, keep everyone where they were and only pull overlaps apart. */
  if (ties->len <= TIDY_CROSSING_LIMIT)
    {
      separate_in_regions (belonging, n, start_x, start_y, orig_x, orig_y, boxes, fixed, TIDY_MAX_PASSES);
      if (_sm_layout_count_tie_crossings (ties, x, y, G_MAXUINT) >
          _sm_layout_count_tie_crossings (ties, start_x, start_y, G_MAXUINT))
        {
          memcpy (x, start_x, sizeof (double) * n);
          memcpy (y, start_y, sizeof (double) * n);
        }
    }
}

/* Large maps: the forces of sm-layout-force.c, with room for every
 * drawing. When nobody is pinned and there are no regions, the network is
 * laid out afresh (multilevel, clusters starting where their members
 * stand) at a scale set by the drawings' sizes; otherwise the forces
 * start from where everyone is, in units of @spacing. Then the overlaps
 * left are pulled apart (a bounded number of passes), and if that left
 * more lines crossing than there were, only the start's overlaps are. */
static void
tidy_large (GArray            *ties,
            const Belonging   *belonging,
            guint              n,
            double            *x,
            double            *y,
            double            *u,
            double            *v,
            double            *start_x,
            double            *start_y,
            const double      *orig_x,
            const double      *orig_y,
            const SmLayoutBox *boxes,
            const gboolean    *fixed,
            double             spacing,
            double             cx,
            double             cy,
            SmLayoutWatch     *watch)
{
  g_autofree double *radius = g_new (double, n);
  gboolean           multilevel = belonging->regions->len == 0;
  double             scale = spacing;
  guint              after, n_fixed = 0, passes = CLAMP (TIDY_LARGE_WORK / n, 100, TIDY_MAX_PASSES);

  for (guint i = 0; i < n; i++)
    n_fixed += fixed[i] != FALSE;

  /* Laid out alone, the picture comes back in the units of the radii. */
  if (multilevel && n_fixed == 0)
    scale = 1;
  for (guint i = 0; i < n; i++)
    {
      u[i] = (x[i] - cx) / scale;
      v[i] = (y[i] - cy) / scale;
    }
  for (guint i = 0; i < n; i++)
    radius[i] = (MAX (MAX (-boxes[i].left, boxes[i].right), MAX (-boxes[i].top, boxes[i].bottom)) + TIDY_GAP / 2) / scale;
  _sm_layout_force (n, ties, u, v, fixed, radius, multilevel, watch);
  if (watch->cancelled)
    return;
  for (guint i = 0; i < n; i++)
    if (!fixed[i] && isfinite (u[i]) && isfinite (v[i]))
      {
        x[i] = cx + u[i] * scale;
        y[i] = cy + v[i] * scale;
      }
  sm_progress_update (watch->progress, watch->to, NULL);
  separate_in_regions (belonging, n, x, y, orig_x, orig_y, boxes, fixed, passes);

  /* A tangle has far more crossings than the tidy picture: the count of
   * the start stops as soon as it has more. Above TIDY_CROSSING_LIMIT
   * relationships counting would cost more than the layout, and the
   * forces are trusted, as before. */
  if (ties->len > TIDY_CROSSING_LIMIT)
    return;
  after = _sm_layout_count_tie_crossings (ties, x, y, G_MAXUINT);
  if (_sm_layout_count_tie_crossings (ties, start_x, start_y, after) < after)
    {
      separate_in_regions (belonging, n, start_x, start_y, orig_x, orig_y, boxes, fixed, passes);
      memcpy (x, start_x, sizeof (double) * n);
      memcpy (y, start_y, sizeof (double) * n);
    }
}

gboolean
sm_layout_tidy (SmMap             *map,
                GHashTable        *pinned,
                const SmLayoutBox *boxes,
                double            *x,
                double            *y)
{
  return sm_layout_tidy_full (map, pinned, boxes, NULL, NULL, x, y);
}

gboolean
sm_layout_tidy_full (SmMap             *map,
                     GHashTable        *pinned,
                     const SmLayoutBox *boxes,
                     GCancellable      *cancellable,
                     SmProgress        *progress,
                     double            *x,
                     double            *y)
{
  SmCollection *people;
  g_autoptr(GArray) ties = NULL;
  g_autoptr(SmGraph) graph = NULL;
  g_autofree SmLayoutBox *own_boxes = NULL;
  g_autofree gboolean    *fixed = NULL;
  g_autofree double      *start_x = NULL;
  g_autofree double      *start_y = NULL;
  g_autofree double      *u = NULL;
  g_autofree double      *v = NULL;
  g_autofree double      *orig_x = NULL;
  g_autofree double      *orig_y = NULL;
  Belonging               belonging = { 0 };
  SmLayoutWatch           watch = { cancellable, progress, 0.05, 0.9, 0, 0, FALSE };
  double                  spacing = 0, cx = 0, cy = 0;
  guint                   n, n_fixed = 0;

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  people = sm_map_get_stakeholders (map);
  n = sm_collection_get_size (people);
  _sm_layout_read_positions (map, x, y);
  fixed = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (pinned != NULL && g_hash_table_contains (pinned, sm_collection_get (people, i)))
      fixed[i] = TRUE, n_fixed++;
  if (n < 2 || n_fixed == n)
    return FALSE;

  if (boxes == NULL)
    {
      own_boxes = g_new (SmLayoutBox, n);
      for (guint i = 0; i < n; i++)
        own_boxes[i] = default_box;
      boxes = own_boxes;
    }

  /* Neighbours settle about one drawing apart, so names have room. */
  for (guint i = 0; i < n; i++)
    {
      spacing += MAX (boxes[i].right - boxes[i].left, boxes[i].bottom - boxes[i].top);
      cx += x[i], cy += y[i];
    }
  spacing = MAX (K, spacing / n + TIDY_GAP);
  cx /= n, cy /= n;

  ties = _sm_layout_collect_ties (map);
  if (n <= TIDY_SMALL)
    {
      graph = sm_graph_new (n);
      for (guint t = 0; t < ties->len; t++)
        sm_graph_add_edge (graph, g_array_index (ties, Tie, t).a, g_array_index (ties, Tie, t).b);
    }

  start_x = g_memdup2 (x, sizeof (double) * n);
  start_y = g_memdup2 (y, sizeof (double) * n);
  orig_x = g_memdup2 (x, sizeof (double) * n);
  orig_y = g_memdup2 (y, sizeof (double) * n);
  belonging_init (&belonging, map, n, x, y);
  u = g_new (double, n);
  v = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      u[i] = (x[i] - cx) / spacing;
      v[i] = (y[i] - cy) / spacing;
    }
  if (n <= TIDY_SMALL)
    tidy_small (graph, ties, &belonging, n, x, y, u, v, start_x, start_y, orig_x, orig_y, boxes, fixed, spacing, cx, cy);
  else
    tidy_large (ties, &belonging, n, x, y, u, v, start_x, start_y, orig_x, orig_y, boxes, fixed, spacing, cx, cy,
                &watch);
  if (watch.cancelled || g_cancellable_is_cancelled (cancellable))
    {
      belonging_clear (&belonging);
      _sm_layout_read_positions (map, x, y);
      return FALSE;
    }

  /* Whole units keep files tidy (the gap leaves room for the rounding);
   * the schema's bounds keep them valid. */
  for (guint i = 0; i < n; i++)
    if (!fixed[i])
      {
        x[i] = CLAMP (round (x[i]), -1e9, 1e9);
        y[i] = CLAMP (round (y[i]), -1e9, 1e9);
      }
  /* Rounding may step over a border someone stands right on. */
  back_to_start (&belonging, n, x, y, orig_x, orig_y, fixed);
  belonging_clear (&belonging);
  sm_progress_update (progress, 1.0, NULL);
  return TRUE;
}

SmCommand *
sm_layout_tidy_command_new (SmMap             *map,
                            GHashTable        *pinned,
                            const SmLayoutBox *boxes)
{
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  guint              n;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  n = sm_collection_get_size (sm_map_get_stakeholders (map));
  x = g_new (double, MAX (n, 1));
  y = g_new (double, MAX (n, 1));
  if (!sm_layout_tidy (map, pinned, boxes, x, y))
    return NULL;
  return sm_layout_tidy_command_new_for (map, x, y);
}

SmCommand *
sm_layout_tidy_command_new_for (SmMap        *map,
                                const double *x,
                                const double *y)
{
  SmCollection *people;
  g_autoptr(SmCommand) group = NULL;
  guint n;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (x != NULL && y != NULL, NULL);

  people = sm_map_get_stakeholders (map);
  n = sm_collection_get_size (people);
  group = sm_command_new_group (_ ("Tidy Up"));
  for (guint i = 0; i < n; i++)
    {
      SmRecord *record = sm_collection_get (people, i);
      double    old_x, old_y;

      if (sm_stakeholder_get_position (record, &old_x, &old_y) && old_x == x[i] && old_y == y[i])
        continue;
      sm_command_group_add (group, sm_command_new_set_number (record, "x", x[i]));
      sm_command_group_add (group, sm_command_new_set_number (record, "y", y[i]));
    }
  if (sm_command_group_get_size (group) == 0)
    return NULL;
  return g_steal_pointer (&group);
}

guint
sm_layout_count_overlaps (SmMap             *map,
                          const SmLayoutBox *boxes,
                          const double      *x,
                          const double      *y)
{
  guint n, count = 0;

  g_return_val_if_fail (SM_IS_MAP (map), 0);

  n = sm_collection_get_size (sm_map_get_stakeholders (map));
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const SmLayoutBox *bi = boxes != NULL ? &boxes[i] : &default_box;
        const SmLayoutBox *bj = boxes != NULL ? &boxes[j] : &default_box;

        if (x[i] + bi->left < x[j] + bj->right && x[j] + bj->left < x[i] + bi->right &&
            y[i] + bi->top < y[j] + bj->bottom && y[j] + bj->top < y[i] + bi->bottom)
          count++;
      }
  return count;
}

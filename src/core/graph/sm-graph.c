/* sm-graph.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sm-graph.h"

#include <gio/gio.h>
#include <igraph.h>
#include <math.h>

/* The graph is kept as adjacency lists plus an edge list; an igraph_t is
 * built for each igraph call.  At the size of a stakeholder map (tens of
 * nodes) that costs microseconds and saves keeping a cache in step. */
struct _SmGraph
{
  guint    n_nodes;
  GArray **neighbours; /* n_nodes arrays of guint */
  GArray  *edges;      /* flat guints a0 b0 a1 b1 … with a < b, in insertion order */
};

/* The Debian build of igraph is not thread-safe (IGRAPH_THREAD_SAFE 0): its
 * error state is global.  Every igraph call goes through this lock. */
static GMutex igraph_lock;

static void
sm_graph_igraph_error_cb (const char    *reason,
                          const char    *file,
                          int            line,
                          igraph_error_t igraph_errno)
{
  g_debug ("igraph: %s (%s:%d)", reason, file, line);
  /* Frees igraph's temporaries; the caller sees the error code. */
  IGRAPH_FINALLY_FREE ();
}

static void
sm_graph_igraph_warning_cb (const char *reason,
                            const char *file,
                            int         line)
{
  g_debug ("igraph warning: %s (%s:%d)", reason, file, line);
}

/* Long igraph calls (betweenness on a big map takes minutes) report how
 * far they are and stop when asked through igraph's progress and
 * interruption handlers. igraph keeps one handler for the whole process,
 * so the handlers read what the running call set here; only the thread
 * holding igraph_lock sets or reads these. */
static GCancellable *running_cancellable;
static SmProgress   *running_progress;

static igraph_error_t
sm_graph_igraph_progress_cb (const char   *message,
                             igraph_real_t percent,
                             void         *data)
{
  if (running_cancellable != NULL && g_cancellable_is_cancelled (running_cancellable))
    return IGRAPH_INTERRUPTED; /* IGRAPH_PROGRESS frees igraph's temporaries */
  sm_progress_update (running_progress, percent / 100.0, NULL);
  return IGRAPH_SUCCESS;
}

static igraph_error_t
sm_graph_igraph_interruption_cb (void *data)
{
  if (running_cancellable != NULL && g_cancellable_is_cancelled (running_cancellable))
    {
      /* IGRAPH_ALLOW_INTERRUPTION returns without freeing igraph's
       * temporaries (unlike IGRAPH_PROGRESS): free them here. */
      IGRAPH_FINALLY_FREE ();
      return IGRAPH_INTERRUPTED;
    }
  return IGRAPH_SUCCESS;
}

/* igraph's default handler aborts the process; ours returns the error. */
static void
sm_graph_init_igraph (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      igraph_set_error_handler (sm_graph_igraph_error_cb);
      igraph_set_warning_handler (sm_graph_igraph_warning_cb);
      igraph_set_progress_handler (sm_graph_igraph_progress_cb);
      igraph_set_interruption_handler (sm_graph_igraph_interruption_cb);
      g_once_init_leave (&initialized, 1);
    }
}

static gboolean
sm_graph_check (igraph_error_t err,
                const char    *what)
{
  if (err == IGRAPH_SUCCESS)
    return TRUE;
  if (err == IGRAPH_INTERRUPTED)
    return FALSE;

  /* Only running out of memory gets here: inputs are validated first. */
  g_critical ("igraph %s failed: %s", what, igraph_strerror (err));
  return FALSE;
}

/* Call with igraph_lock held.  On success the caller destroys graph. */
static gboolean
sm_graph_to_igraph (SmGraph  *self,
                    igraph_t *graph)
{
  igraph_vector_int_t edges;
  gboolean            ok;

  sm_graph_init_igraph ();

  if (!sm_graph_check (igraph_vector_int_init (&edges, self->edges->len),
                       "vector_int_init"))
    return FALSE;

  {
    igraph_integer_t *ends = VECTOR (edges);

    for (guint i = 0; i < self->edges->len; i++)
      ends[i] = (igraph_integer_t) g_array_index (self->edges, guint, i);
  }

  ok = sm_graph_check (igraph_create (graph, &edges, self->n_nodes, IGRAPH_UNDIRECTED),
                       "create");
  igraph_vector_int_destroy (&edges);

  return ok;
}

/* Renumbers labels in the order their lowest node appears; returns the count. */
static guint
sm_graph_relabel (const igraph_vector_int_t *membership,
                  guint                      n_nodes,
                  guint                     *label_of)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_nodes; i++)
    {
      gpointer key = GSIZE_TO_POINTER ((gsize) VECTOR (*membership)[i] + 1);
      gpointer value;

      if (!g_hash_table_lookup_extended (seen, key, NULL, &value))
        {
          value = GUINT_TO_POINTER (g_hash_table_size (seen));
          g_hash_table_insert (seen, key, value);
        }
      label_of[i] = GPOINTER_TO_UINT (value);
    }

  return g_hash_table_size (seen);
}

/* Each node alone: the answer for a graph without edges, and the fallback. */
static guint
sm_graph_singletons (SmGraph *self,
                     guint   *label_of)
{
  for (guint i = 0; i < self->n_nodes; i++)
    label_of[i] = i;

  return self->n_nodes;
}

static void
sm_graph_free (SmGraph *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    g_array_unref (self->neighbours[i]);
  g_free (self->neighbours);
  g_array_unref (self->edges);
}

SmGraph *
sm_graph_new (guint n_nodes)
{
  SmGraph *self = g_atomic_rc_box_new0 (SmGraph);

  self->n_nodes = n_nodes;
  self->neighbours = g_new (GArray *, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    self->neighbours[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  self->edges = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

SmGraph *
sm_graph_ref (SmGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sm_graph_unref (SmGraph *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) sm_graph_free);
}

gboolean
sm_graph_has_edge (SmGraph *self,
                   guint    a,
                   guint    b)
{
  GArray *shorter;
  guint   other;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (a < self->n_nodes && b < self->n_nodes, FALSE);

  if (self->neighbours[a]->len <= self->neighbours[b]->len)
    {
      shorter = self->neighbours[a];
      other = b;
    }
  else
    {
      shorter = self->neighbours[b];
      other = a;
    }

  for (guint i = 0; i < shorter->len; i++)
    if (g_array_index (shorter, guint, i) == other)
      return TRUE;

  return FALSE;
}

void
sm_graph_add_edge (SmGraph *self,
                   guint    a,
                   guint    b)
{
  guint pair[2];

  g_return_if_fail (self != NULL);
  g_return_if_fail (a < self->n_nodes && b < self->n_nodes);

  if (a == b || sm_graph_has_edge (self, a, b))
    return;

  g_array_append_val (self->neighbours[a], b);
  g_array_append_val (self->neighbours[b], a);
  pair[0] = MIN (a, b);
  pair[1] = MAX (a, b);
  g_array_append_vals (self->edges, pair, 2);
}

guint
sm_graph_get_n_nodes (SmGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_nodes;
}

guint
sm_graph_get_n_edges (SmGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->edges->len / 2;
}

void
sm_graph_degree (SmGraph *self,
                 guint   *degree)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (degree != NULL || self->n_nodes == 0);

  for (guint i = 0; i < self->n_nodes; i++)
    degree[i] = self->neighbours[i]->len;
}

void
sm_graph_betweenness (SmGraph *self,
                      double  *betweenness)
{
  sm_graph_betweenness_full (self, betweenness, NULL, NULL, NULL);
}

/**
 * sm_graph_betweenness_full:
 * @cancellable: (nullable): stops the work part-way
 * @progress: (nullable): told how far the work is, 0 to 1
 *
 * Returns: %FALSE when cancelled (@error set, @betweenness all zero)
 */
gboolean
sm_graph_betweenness_full (SmGraph      *self,
                           double       *betweenness,
                           GCancellable *cancellable,
                           SmProgress   *progress,
                           GError      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  igraph_t        graph;
  igraph_vector_t result;
  igraph_error_t  err = IGRAPH_SUCCESS;
  double          n;
  gboolean        ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (betweenness != NULL || self->n_nodes == 0, FALSE);

  for (guint i = 0; i < self->n_nodes; i++)
    betweenness[i] = 0.0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* networkx leaves n <= 2 unnormalised, and every value is 0 there anyway. */
  if (self->n_nodes < 3 || self->edges->len == 0)
    return TRUE;

  locker = g_mutex_locker_new (&igraph_lock);
  if (!sm_graph_to_igraph (self, &graph))
    return TRUE;

  running_cancellable = cancellable;
  running_progress = progress;
  if (sm_graph_check (igraph_vector_init (&result, 0), "vector_init"))
    {
      err = igraph_betweenness (&graph, &result, igraph_vss_all (), IGRAPH_UNDIRECTED, NULL);
      ok = sm_graph_check (err, "betweenness");

      /* igraph counts each unordered pair once; networkx divides the
       * ordered-pair sum by (n-1)(n-2), that is this sum by (n-1)(n-2)/2. */
      n = self->n_nodes;
      for (guint i = 0; ok && i < self->n_nodes; i++)
        betweenness[i] = VECTOR (result)[i] * 2.0 / ((n - 1.0) * (n - 2.0));

      igraph_vector_destroy (&result);
    }
  running_cancellable = NULL;
  running_progress = NULL;

  igraph_destroy (&graph);
  if (err == IGRAPH_INTERRUPTED || g_cancellable_is_cancelled (cancellable))
    {
      for (guint i = 0; i < self->n_nodes; i++)
        betweenness[i] = 0.0;
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return TRUE;
}

guint
sm_graph_components (SmGraph *self,
                     guint   *component_of)
{
  g_autoptr(GMutexLocker) locker = NULL;
  igraph_t            graph;
  igraph_vector_int_t membership;
  igraph_integer_t    n_components;
  guint               count;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (component_of != NULL || self->n_nodes == 0, 0);

  if (self->edges->len == 0)
    return sm_graph_singletons (self, component_of);

  locker = g_mutex_locker_new (&igraph_lock);
  if (!sm_graph_to_igraph (self, &graph))
    return sm_graph_singletons (self, component_of);

  count = sm_graph_singletons (self, component_of);
  if (sm_graph_check (igraph_vector_int_init (&membership, 0), "vector_int_init"))
    {
      if (sm_graph_check (igraph_connected_components (&graph, &membership, NULL,
                                                       &n_components, IGRAPH_WEAK),
                          "connected_components"))
        count = sm_graph_relabel (&membership, self->n_nodes, component_of);

      igraph_vector_int_destroy (&membership);
    }

  igraph_destroy (&graph);

  return count;
}

static int
sm_graph_compare_uint (gconstpointer a,
                       gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

GArray *
sm_graph_articulation_points (SmGraph *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (guint));
  igraph_t            graph;
  igraph_vector_int_t result;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->edges->len == 0)
    return g_steal_pointer (&points);

  locker = g_mutex_locker_new (&igraph_lock);
  if (!sm_graph_to_igraph (self, &graph))
    return g_steal_pointer (&points);

  if (sm_graph_check (igraph_vector_int_init (&result, 0), "vector_int_init"))
    {
      if (sm_graph_check (igraph_articulation_points (&graph, &result),
                          "articulation_points"))
        {
          for (igraph_integer_t i = 0; i < igraph_vector_int_size (&result); i++)
            {
              guint node = (guint) VECTOR (result)[i];
              g_array_append_val (points, node);
            }
          g_array_sort (points, sm_graph_compare_uint);
        }

      igraph_vector_int_destroy (&result);
    }

  igraph_destroy (&graph);

  return g_steal_pointer (&points);
}

double
sm_graph_degree_centralization (SmGraph *self)
{
  double  n;
  guint   d_max = 0;
  guint64 sum = 0;

  g_return_val_if_fail (self != NULL, 0.0);

  if (self->n_nodes < 3)
    return 0.0;

  for (guint i = 0; i < self->n_nodes; i++)
    d_max = MAX (d_max, self->neighbours[i]->len);
  for (guint i = 0; i < self->n_nodes; i++)
    sum += d_max - self->neighbours[i]->len;

  n = self->n_nodes;
  return (double) sum / ((n - 1.0) * (n - 2.0));
}

double
sm_graph_ei_index (SmGraph        *self,
                   const gboolean *in_group)
{
  guint external = 0;
  guint internal = 0;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (in_group != NULL || self->n_nodes == 0, NAN);

  for (guint i = 0; i < self->edges->len; i += 2)
    {
      gboolean a = in_group[g_array_index (self->edges, guint, i)] != FALSE;
      gboolean b = in_group[g_array_index (self->edges, guint, i + 1)] != FALSE;

      if (a && b)
        internal++;
      else if (a || b)
        external++;
    }

  if (external + internal == 0)
    return NAN;

  return ((double) external - (double) internal) / (double) (external + internal);
}

/* The number of merges that reaches the highest modularity.  On a tie the
 * later cut wins, as in networkx, which keeps merging while ΔQ ≥ 0. */
static igraph_integer_t
sm_graph_best_cut (const igraph_vector_t *modularity)
{
  igraph_integer_t best = 0;

  for (igraph_integer_t i = 1; i < igraph_vector_size (modularity); i++)
    if (VECTOR (*modularity)[i] >= VECTOR (*modularity)[best])
      best = i;

  return best;
}

guint
sm_graph_communities (SmGraph *self,
                      guint   *community_of)
{
  g_autoptr(GMutexLocker) locker = NULL;
  igraph_t            graph;
  igraph_matrix_int_t merges;
  igraph_vector_t     modularity;
  igraph_vector_int_t membership;
  guint               count;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (community_of != NULL || self->n_nodes == 0, 0);

  /* Modularity is undefined without edges; every node stands alone. */
  if (self->edges->len == 0)
    return sm_graph_singletons (self, community_of);

  locker = g_mutex_locker_new (&igraph_lock);
  if (!sm_graph_to_igraph (self, &graph))
    return sm_graph_singletons (self, community_of);

  count = sm_graph_singletons (self, community_of);
  if (sm_graph_check (igraph_matrix_int_init (&merges, 0, 0), "matrix_int_init"))
    {
      if (sm_graph_check (igraph_vector_init (&modularity, 0), "vector_init"))
        {
          if (sm_graph_check (igraph_vector_int_init (&membership, 0), "vector_int_init"))
            {
              /* igraph 0.10.2 never considers the state after the last merge
               * (a star or a single edge comes back split), so the cut is
               * chosen here from the modularity after each merge. */
              if (sm_graph_check (igraph_community_fastgreedy (&graph, NULL, &merges,
                                                               &modularity, NULL),
                                  "community_fastgreedy") &&
                  sm_graph_check (igraph_community_to_membership (&merges, self->n_nodes,
                                                                  sm_graph_best_cut (&modularity),
                                                                  &membership, NULL),
                                  "community_to_membership"))
                count = sm_graph_relabel (&membership, self->n_nodes, community_of);

              igraph_vector_int_destroy (&membership);
            }
          igraph_vector_destroy (&modularity);
        }
      igraph_matrix_int_destroy (&merges);
    }

  igraph_destroy (&graph);

  return count;
}

double
sm_graph_modularity (SmGraph     *self,
                     const guint *community_of)
{
  g_autoptr(GMutexLocker) locker = NULL;
  igraph_t            graph;
  igraph_vector_int_t membership;
  igraph_real_t       q = NAN;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (community_of != NULL || self->n_nodes == 0, NAN);

  if (self->edges->len == 0)
    return NAN;

  locker = g_mutex_locker_new (&igraph_lock);
  if (!sm_graph_to_igraph (self, &graph))
    return NAN;

  if (sm_graph_check (igraph_vector_int_init (&membership, self->n_nodes), "vector_int_init"))
    {
      igraph_integer_t *of = VECTOR (membership);

      for (guint i = 0; i < self->n_nodes; i++)
        of[i] = community_of[i];

      if (!sm_graph_check (igraph_modularity (&graph, &membership, NULL, 1.0,
                                              IGRAPH_UNDIRECTED, &q),
                           "modularity"))
        q = NAN;

      igraph_vector_int_destroy (&membership);
    }

  igraph_destroy (&graph);

  return q;
}

/* Fruchterman–Reingold as igraph runs it, starting from @x and @y and
 * writing the result back. Its natural distance between neighbours is
 * about 1, so callers scale. A fixed node gets bounds of its own position,
 * which igraph clamps every step to, so it never moves. igraph's random
 * numbers are seeded first, so a graph always gets the same layout. */
gboolean
sm_graph_layout_fruchterman_reingold (SmGraph        *self,
                                      double         *x,
                                      double         *y,
                                      const gboolean *fixed,
                                      guint           iterations,
                                      double          start_temperature)
{
  g_autoptr(GMutexLocker) locker = NULL;
  igraph_t        graph;
  igraph_matrix_t res;
  igraph_vector_t minx, maxx, miny, maxy;
  gboolean        ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail ((x != NULL && y != NULL) || self->n_nodes == 0, FALSE);

  if (self->n_nodes == 0)
    return TRUE;

  locker = g_mutex_locker_new (&igraph_lock);
  if (!sm_graph_to_igraph (self, &graph))
    return FALSE;

  if (sm_graph_check (igraph_matrix_init (&res, self->n_nodes, 2), "matrix_init"))
    {
      if (sm_graph_check (igraph_vector_init (&minx, self->n_nodes), "vector_init"))
        {
          if (sm_graph_check (igraph_vector_init (&maxx, self->n_nodes), "vector_init"))
            {
              if (sm_graph_check (igraph_vector_init (&miny, self->n_nodes), "vector_init"))
                {
                  if (sm_graph_check (igraph_vector_init (&maxy, self->n_nodes), "vector_init"))
                    {
                      for (guint i = 0; i < self->n_nodes; i++)
                        {
                          gboolean pin = fixed != NULL && fixed[i];

                          MATRIX (res, i, 0) = x[i];
                          MATRIX (res, i, 1) = y[i];
                          VECTOR (minx)
                          [i] = pin ? x[i] : -IGRAPH_INFINITY;
                          VECTOR (maxx)
                          [i] = pin ? x[i] : IGRAPH_INFINITY;
                          VECTOR (miny)
                          [i] = pin ? y[i] : -IGRAPH_INFINITY;
                          VECTOR (maxy)
                          [i] = pin ? y[i] : IGRAPH_INFINITY;
                        }
                      igraph_rng_seed (igraph_rng_default (), 0x5354414b);
                      ok = sm_graph_check (igraph_layout_fruchterman_reingold (
                                             &graph, &res, TRUE, iterations, start_temperature,
                                             IGRAPH_LAYOUT_AUTOGRID, NULL, &minx, &maxx, &miny, &maxy),
                                           "layout_fruchterman_reingold");
                      if (ok)
                        for (guint i = 0; i < self->n_nodes; i++)
                          {
                            x[i] = MATRIX (res, i, 0);
                            y[i] = MATRIX (res, i, 1);
                          }
                      igraph_vector_destroy (&maxy);
                    }
                  igraph_vector_destroy (&miny);
                }
              igraph_vector_destroy (&maxx);
            }
          igraph_vector_destroy (&minx);
        }
      igraph_matrix_destroy (&res);
    }
  igraph_destroy (&graph);

  return ok;
}

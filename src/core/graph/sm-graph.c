/* sm-graph.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sm-graph-private.h"

#include <gio/gio.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Betweenness is Brandes' algorithm, written here rather than called in
 * igraph: igraph runs on one core under a global lock, and betweenness is
 * nearly all of the time of `metrics` and `evaluate` on a large map.
 *
 * The graph is first made canonical (compressed rows, each row sorted),
 * so the result is a function of the graph alone, whatever order the
 * edges were added in. Sources are cut into BC_N_PARTS fixed blocks; the
 * threads take blocks as they come free, each block sums into its own
 * row, and the rows are added up in block order at the end. The numbers
 * are therefore the same bit for bit however many cores run it. */

#define BC_N_PARTS 16

/* Below this many nodes starting threads costs more than it saves. */
#define BC_MIN_NODES_FOR_THREADS 256

typedef struct
{
  guint    n;
  guint32 *offset; /* n + 1 */
  guint32 *adj;    /* offset[n] neighbours, each row ascending */
} BcGraph;

typedef struct
{
  const BcGraph *graph;
  double        *part_sum[BC_N_PARTS];
  gint           next_part;    /* atomic */
  gint           sources_done; /* atomic */
  gint           stop;         /* atomic: cancelled */
  GCancellable  *cancellable;
} BcJob;

static void
bc_graph_clear (BcGraph *g)
{
  g_clear_pointer (&g->offset, g_free);
  g_clear_pointer (&g->adj, g_free);
}

static int
bc_compare_uint32 (gconstpointer a,
                   gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static void
bc_graph_init (BcGraph *g,
               SmGraph *self)
{
  guint32 arcs = 0;

  g->n = self->n_nodes;
  g->offset = g_new (guint32, self->n_nodes + 1);
  for (guint v = 0; v < self->n_nodes; v++)
    {
      g->offset[v] = arcs;
      arcs += self->neighbours[v]->len;
    }
  g->offset[self->n_nodes] = arcs;
  g->adj = g_new (guint32, MAX (arcs, 1));
  for (guint v = 0; v < self->n_nodes; v++)
    {
      guint32 *row = g->adj + g->offset[v];
      GArray  *list = self->neighbours[v];

      for (guint k = 0; k < list->len; k++)
        row[k] = g_array_index (list, guint, k);
      qsort (row, list->len, sizeof (guint32), bc_compare_uint32);
    }
}

static gboolean
bc_graph_equal (const BcGraph *a,
                const BcGraph *b)
{
  return a->n == b->n &&
         memcmp (a->offset, b->offset, (a->n + 1) * sizeof (guint32)) == 0 &&
         memcmp (a->adj, b->adj, a->offset[a->n] * sizeof (guint32)) == 0;
}

/* What one worker keeps for a source, in separate arrays: the search
 * reads the distance of every neighbour, and the distances of a
 * 10,000-node graph (40 KB) fit in a 48 KiB first-level cache. A node
 * not reached has distance BC_UNREACHED, larger than any level, and a
 * path count and dependency of 0. */
typedef struct
{
  gint32  *dist;
  double  *sigma; /* shortest paths from the source */
  double  *delta; /* dependency */
  guint32 *order; /* n + 1: the search writes one past its last node */
  guint64 *dag;   /* arcs + 1: the shortest-path DAG's edges in the order
                   * the search found them, parent << 32 | child */
} BcWork;

#define BC_UNREACHED G_MAXINT32

/* See _sm_graph_set_betweenness_sweep(). */
static gboolean bc_sweep = TRUE;

void
_sm_graph_set_betweenness_sweep (gboolean sweep)
{
  bc_sweep = sweep;
}

/* Adds every node's dependency to its sum and resets its distance, path
 * count and dependency, in node order. The arrays never overlap: saying
 * so lets the compiler do two nodes at a time. */
static void
bc_sweep_all (guint32 n,
              double *restrict sum,
              gint32 *restrict dist,
              double *restrict sigma,
              double *restrict delta)
{
  for (guint32 u = 0; u < n; u++)
    {
      sum[u] += delta[u];
      dist[u] = BC_UNREACHED;
      sigma[u] = 0.0;
      delta[u] = 0.0;
    }
}

/* One source: breadth-first search counting shortest paths, then the
 * dependencies accumulated back from the farthest node (Brandes 2001).
 *
 * The search has no branch that depends on the graph. With unreached
 * nodes at the largest distance, a neighbour is new when its distance is
 * above the next level, and a child on the shortest-path DAG when it is
 * at least the next level; every neighbour costs the same few
 * instructions whatever it turns out to be (appended to the queue and to
 * the DAG, the counts moving on only if it belongs there; its path count
 * added to, with zero if it is not on a shortest path), so the processor
 * has no jump to guess, where the plain loop's two tests went either way
 * at random. (With one jump left in, adding to the path count only along
 * the DAG, the search was no faster than the plain loop.) Adding zero to
 * a path count changes nothing, and the DAG's edges come in the plain
 * loop's order, so the numbers are those of the plain loop bit for bit.
 * What is added is picked from a pair {0, paths} by the test itself, and
 * each DAG edge is one 64-bit store of both its ends: fewer instructions
 * a neighbour than masking the value and storing the ends apart.
 *
 * The way back walks the DAG's edges in reverse, so every node's own
 * dependency is complete before it is passed on. The arrays come in
 * reset and are left so. When the search reached every node, they are
 * reset and the dependencies added to @sum in node order, one pass
 * straight through memory; otherwise only the nodes reached are touched,
 * in the order they were reached. Either way each node's sum gets one
 * addition per source, so the result is the same. */
static void
bc_source (const BcGraph *g,
           guint32        s,
           BcWork        *work,
           double        *sum)
{
  const guint32 *offset = g->offset;
  const guint32 *adj = g->adj;
  gint32        *dist = work->dist;
  double        *sigma = work->sigma;
  double        *delta = work->delta;
  guint32       *order = work->order;
  guint64       *dag = work->dag;
  guint32        head = 0, tail = 1, n_dag = 0;

  order[0] = s;
  dist[s] = 0;
  sigma[s] = 1.0;
  while (head < tail)
    {
      guint32        v = order[head];
      gint32         next = dist[v] + 1;
      double         paths[2] = { 0.0, sigma[v] };
      guint64        parent = (guint64) v << 32;
      const guint32 *k = adj + offset[v];
      const guint32 *end = adj + offset[v + 1];

      head++;
      for (; k < end; k++)
        {
          guint32 u = *k;
          gint32  d = dist[u];
          guint   on_dag = d >= next;

          order[tail] = u;
          dag[n_dag] = parent | u;
          tail += d > next;
          n_dag += on_dag;
          dist[u] = MIN (d, next);
          sigma[u] += paths[on_dag];
        }
    }

  while (n_dag > 0)
    {
      guint64 edge = dag[--n_dag];
      guint32 w = (guint32) edge;
      guint32 v = (guint32) (edge >> 32);

      delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
    }

  if (tail == g->n && bc_sweep)
    {
      /* The source's own dependency is not its betweenness. */
      delta[s] = 0.0;
      bc_sweep_all (g->n, sum, dist, sigma, delta);
      return;
    }
  for (guint32 i = 0; i < tail; i++)
    {
      guint32 u = order[i];

      if (i > 0)
        sum[u] += delta[u];
      dist[u] = BC_UNREACHED;
      sigma[u] = 0.0;
      delta[u] = 0.0;
    }
}

/* Runs blocks of sources until none is left. The calling thread passes
 * @progress and reports through it; the others pass NULL. */
static void
bc_work (BcJob      *job,
         SmProgress *progress)
{
  const BcGraph      *g = job->graph;
  g_autofree gint32  *dist = g_new (gint32, g->n);
  g_autofree double  *sigma = g_new0 (double, g->n);
  g_autofree double  *delta = g_new0 (double, g->n);
  g_autofree guint32 *order = g_new (guint32, g->n + 1);
  g_autofree guint64 *dag = g_new (guint64, g->offset[g->n] + 1);
  BcWork              work = { dist, sigma, delta, order, dag };
  gint                done, reported = 0;

  for (guint v = 0; v < g->n; v++)
    dist[v] = BC_UNREACHED;

  for (;;)
    {
      gint    part = g_atomic_int_add (&job->next_part, 1);
      guint32 first, last;

      if (part >= BC_N_PARTS)
        break;
      first = (guint32) ((guint64) g->n * part / BC_N_PARTS);
      last = (guint32) ((guint64) g->n * (part + 1) / BC_N_PARTS);
      job->part_sum[part] = g_new0 (double, g->n);
      for (guint32 s = first; s < last; s++)
        {
          if (g_atomic_int_get (&job->stop))
            return;
          if (job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable))
            {
              g_atomic_int_set (&job->stop, 1);
              return;
            }
          bc_source (g, s, &work, job->part_sum[part]);
          done = g_atomic_int_add (&job->sources_done, 1) + 1;
          if (progress != NULL && done - reported >= 64)
            {
              sm_progress_update (progress, (double) done / g->n, NULL);
              reported = done;
            }
        }
    }
}

/* The same graph with its nodes numbered in breadth-first order, so that
 * neighbours sit close in memory; new_of[old] is the new number. */
static void
bc_graph_relabel (const BcGraph *g,
                  BcGraph       *out,
                  guint32       *new_of)
{
  g_autofree guint32 *old_of = g_new (guint32, MAX (g->n, 1));
  guint32             next = 0, head = 0;

  for (guint32 v = 0; v < g->n; v++)
    new_of[v] = G_MAXUINT32;
  for (guint32 root = 0; root < g->n; root++)
    {
      if (new_of[root] != G_MAXUINT32)
        continue;
      new_of[root] = next;
      old_of[next++] = root;
      while (head < next)
        {
          guint32 v = old_of[head++];

          for (guint32 k = g->offset[v]; k < g->offset[v + 1]; k++)
            if (new_of[g->adj[k]] == G_MAXUINT32)
              {
                new_of[g->adj[k]] = next;
                old_of[next++] = g->adj[k];
              }
        }
    }

  out->n = g->n;
  out->offset = g_new (guint32, g->n + 1);
  out->adj = g_new (guint32, MAX (g->offset[g->n], 1));
  out->offset[0] = 0;
  for (guint32 i = 0; i < g->n; i++)
    {
      guint32  v = old_of[i];
      guint32  degree = g->offset[v + 1] - g->offset[v];
      guint32 *row = out->adj + out->offset[i];

      for (guint32 k = 0; k < degree; k++)
        row[k] = new_of[g->adj[g->offset[v] + k]];
      qsort (row, degree, sizeof (guint32), bc_compare_uint32);
      out->offset[i + 1] = out->offset[i] + degree;
    }
}

static gpointer
bc_thread (gpointer data)
{
  bc_work (data, NULL);
  return NULL;
}

/* One computation under way: the graph renumbered, the blocks of
 * sources, and the helper threads already working on them. */
typedef struct
{
  BcGraph    relabelled;
  guint32   *new_of;
  BcJob      job;
  GPtrArray *threads;
  guint      n_helpers; /* still to start */
} BcRun;

static void
bc_run_start_helpers (BcRun *run)
{
  for (; run->n_helpers > 0; run->n_helpers--)
    {
      GThread *thread = g_thread_try_new ("sm-betweenness", bc_thread, &run->job, NULL);

      /* Fewer threads only means slower: the blocks still all get done. */
      if (thread != NULL)
        g_ptr_array_add (run->threads, thread);
    }
}

/* Prepares the work for @n_helpers threads and the caller's, and starts
 * the helpers now if @now, else when the caller joins in with
 * bc_run_finish(). */
static BcRun *
bc_run_start (const BcGraph *canonical,
              guint          n_helpers,
              gboolean       now,
              GCancellable  *cancellable)
{
  BcRun *run = g_new0 (BcRun, 1);

  run->new_of = g_new (guint32, MAX (canonical->n, 1));
  bc_graph_relabel (canonical, &run->relabelled, run->new_of);
  run->job.graph = &run->relabelled;
  run->job.cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->threads = g_ptr_array_new ();
  run->n_helpers = n_helpers;
  if (now)
    bc_run_start_helpers (run);
  return run;
}

/* Waits for the helpers and frees @run. */
static void
bc_run_free (BcRun *run)
{
  for (guint t = 0; t < run->threads->len; t++)
    g_thread_join (g_ptr_array_index (run->threads, t));
  g_ptr_array_unref (run->threads);
  for (guint p = 0; p < BC_N_PARTS; p++)
    g_free (run->job.part_sum[p]);
  g_clear_object (&run->job.cancellable);
  bc_graph_clear (&run->relabelled);
  g_free (run->new_of);
  g_free (run);
}

/* Does the blocks no helper has taken, waits for the helpers, and adds
 * up the blocks in their fixed order. Frees @run. Returns FALSE when
 * cancelled. */
static gboolean
bc_run_finish (BcRun        *run,
               double       *result,
               GCancellable *cancellable,
               SmProgress   *progress)
{
  const BcGraph *g = &run->relabelled;
  gboolean       ok;
  double         scale;

  bc_run_start_helpers (run);
  /* Started early, the helpers may have done much already. */
  if (g->n > 0)
    sm_progress_update (progress, (double) g_atomic_int_get (&run->job.sources_done) / g->n, NULL);
  bc_work (&run->job, progress);
  for (guint t = 0; t < run->threads->len; t++)
    g_thread_join (g_ptr_array_index (run->threads, t));
  g_ptr_array_set_size (run->threads, 0);

  /* Cancelled after the last block started, the work is done but the
   * caller has moved on: it is told so, as when cancelled earlier. */
  ok = !g_atomic_int_get (&run->job.stop) && !(cancellable != NULL && g_cancellable_is_cancelled (cancellable));
  /* Each unordered pair is counted from both ends; networkx divides that
   * sum by (n-1)(n-2). */
  scale = 1.0 / (((double) g->n - 1.0) * ((double) g->n - 2.0));
  for (guint v = 0; v < g->n; v++)
    {
      double total = 0.0;

      for (guint p = 0; ok && p < BC_N_PARTS; p++)
        total += run->job.part_sum[p][run->new_of[v]];
      result[v] = total * scale;
    }
  bc_run_free (run);
  return ok;
}

/* How many threads besides the caller's work on a graph of @n nodes. */
static guint
bc_n_helpers (guint n)
{
  if (n < BC_MIN_NODES_FOR_THREADS)
    return 0;
  return CLAMP (g_get_num_processors (), 1, BC_N_PARTS) - 1;
}

/* The last few results, so that the evaluation, the metrics and the app's
 * panels share one computation while the graph stays the same: an edit
 * to a field the graph does not depend on costs no new betweenness. */

#define BC_CACHE_SIZE 2

typedef struct
{
  BcGraph graph;
  double *result;
} BcCacheEntry;

static GMutex       bc_cache_lock;
static BcCacheEntry bc_cache[BC_CACHE_SIZE]; /* most recent first */
static guint        bc_n_runs;

static gboolean
bc_cache_lookup (const BcGraph *g,
                 double        *result)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&bc_cache_lock);

  for (guint i = 0; i < BC_CACHE_SIZE; i++)
    if (bc_cache[i].result != NULL && bc_graph_equal (&bc_cache[i].graph, g))
      {
        BcCacheEntry hit = bc_cache[i];

        memcpy (result, hit.result, g->n * sizeof (double));
        memmove (&bc_cache[1], &bc_cache[0], i * sizeof (BcCacheEntry));
        bc_cache[0] = hit;
        return TRUE;
      }
  return FALSE;
}

/* Takes @g's arrays. */
static void
bc_cache_store (BcGraph      *g,
                const double *result)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&bc_cache_lock);
  BcCacheEntry *last = &bc_cache[BC_CACHE_SIZE - 1];

  bc_graph_clear (&last->graph);
  g_clear_pointer (&last->result, g_free);
  memmove (&bc_cache[1], &bc_cache[0], (BC_CACHE_SIZE - 1) * sizeof (BcCacheEntry));
  bc_cache[0].graph = *g;
  bc_cache[0].result = g_memdup2 (result, MAX (g->n, 1) * sizeof (double));
  memset (g, 0, sizeof *g);
}

/**
 * sm_graph_get_n_betweenness_runs:
 *
 * For tests: how many times betweenness has been computed rather than
 * taken from the cache, in this process.
 */
guint
sm_graph_get_n_betweenness_runs (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&bc_cache_lock);

  return bc_n_runs;
}

/**
 * sm_graph_clear_betweenness_cache:
 *
 * Forgets every remembered result (for tests and for measuring).
 */
void
sm_graph_clear_betweenness_cache (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&bc_cache_lock);

  for (guint i = 0; i < BC_CACHE_SIZE; i++)
    {
      bc_graph_clear (&bc_cache[i].graph);
      g_clear_pointer (&bc_cache[i].result, g_free);
    }
}

struct _SmBetweennessJob
{
  guint         n;
  BcGraph       canonical; /* to remember the result by, until done */
  double       *cached;    /* a remembered result, or NULL */
  BcRun        *run;       /* the computation, or NULL if none is needed */
  GCancellable *cancellable;
};

/**
 * sm_graph_betweenness_start:
 * @cancellable: (nullable): stops the work part-way
 *
 * Starts exact betweenness of @self on the other cores and returns at
 * once, so that the caller can do other work meanwhile; then
 * sm_graph_betweenness_finish() joins in and gives the result, or
 * sm_graph_betweenness_abandon() stops it. The numbers are those of
 * sm_graph_betweenness_full(), bit for bit. @self may change or go once
 * this returns: the job keeps its own copy of the graph.
 *
 * Returns: (transfer full): the job
 */
static SmBetweennessJob *
betweenness_start (SmGraph      *self,
                   gboolean      now,
                   GCancellable *cancellable)
{
  SmBetweennessJob *job;

  job = g_new0 (SmBetweennessJob, 1);
  job->n = self->n_nodes;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  /* networkx leaves n <= 2 unnormalised, and every value is 0 there anyway. */
  if (self->n_nodes < 3 || self->edges->len == 0)
    return job;

  bc_graph_init (&job->canonical, self);
  job->cached = g_new (double, self->n_nodes);
  if (bc_cache_lookup (&job->canonical, job->cached))
    {
      bc_graph_clear (&job->canonical);
      return job;
    }
  g_clear_pointer (&job->cached, g_free);
  job->run = bc_run_start (&job->canonical, bc_n_helpers (job->n), now, cancellable);
  return job;
}

SmBetweennessJob *
sm_graph_betweenness_start (SmGraph      *self,
                            GCancellable *cancellable)
{
  g_return_val_if_fail (self != NULL, NULL);

  return betweenness_start (self, TRUE, cancellable);
}

static void
sm_betweenness_job_free (SmBetweennessJob *job)
{
  bc_graph_clear (&job->canonical);
  g_free (job->cached);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/**
 * sm_graph_betweenness_abandon:
 *
 * Stops @job, waits for its threads and frees it.
 */
void
sm_graph_betweenness_abandon (SmBetweennessJob *job)
{
  if (job == NULL)
    return;
  if (job->run != NULL)
    {
      g_atomic_int_set (&job->run->job.stop, 1);
      bc_run_free (job->run);
    }
  sm_betweenness_job_free (job);
}

/**
 * sm_graph_betweenness_finish:
 * @betweenness: sm_graph_get_n_nodes() values, written
 * @progress: (nullable): told how far the work is, 0 to 1
 *
 * Works on what is left of @job on this thread too, waits for the rest,
 * and frees @job.
 *
 * Returns: %FALSE when cancelled (@error set, @betweenness all zero)
 */
gboolean
sm_graph_betweenness_finish (SmBetweennessJob *job,
                             double           *betweenness,
                             SmProgress       *progress,
                             GError          **error)
{
  GCancellable *cancellable;
  gboolean      ok = TRUE;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (betweenness != NULL || job->n == 0, FALSE);

  cancellable = job->cancellable;
  for (guint i = 0; i < job->n; i++)
    betweenness[i] = 0.0;
  if (job->cached != NULL)
    memcpy (betweenness, job->cached, job->n * sizeof (double));
  else if (job->run != NULL)
    {
      ok = bc_run_finish (job->run, betweenness, cancellable, progress);
      job->run = NULL;
      if (ok)
        {
          g_mutex_lock (&bc_cache_lock);
          bc_n_runs++;
          g_mutex_unlock (&bc_cache_lock);
          bc_cache_store (&job->canonical, betweenness);
        }
      else
        for (guint i = 0; i < job->n; i++)
          betweenness[i] = 0.0;
    }

  if (!ok || g_cancellable_is_cancelled (cancellable))
    {
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
      for (guint i = 0; !ok && i < job->n; i++)
        betweenness[i] = 0.0;
    }
  if (ok)
    sm_progress_update (progress, 1.0, NULL);
  sm_betweenness_job_free (job);
  return ok;
}

/**
 * sm_graph_betweenness_full:
 * @cancellable: (nullable): stops the work part-way
 * @progress: (nullable): told how far the work is, 0 to 1
 *
 * Exact betweenness on every core. A graph equal to one measured shortly
 * before (the same nodes and edges) gets the remembered result.
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
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (betweenness != NULL || self->n_nodes == 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      for (guint i = 0; i < self->n_nodes; i++)
        betweenness[i] = 0.0;
      return FALSE;
    }
  return sm_graph_betweenness_finish (betweenness_start (self, FALSE, cancellable), betweenness, progress, error);
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

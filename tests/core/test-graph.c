/* test-graph.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <igraph.h>
#include <math.h>
#include <string.h>

#include "sm-graph-private.h"

/* Expected values come from tests/data/graphs/NAME.expected, written by
 * tests/data/graphs/reference.py with networkx; the test never runs Python. */

#define TOLERANCE 1e-9

typedef struct
{
  SmGraph *graph;
  guint    n_nodes;
  guint    n_edges;
  GArray  *degree;       /* guint */
  GArray  *betweenness;  /* double */
  GArray  *component_of; /* guint, labelled by lowest node */
  guint    n_components;
  GArray  *articulation; /* guint */
  double   degree_centralization;
  GArray  *in_group; /* gboolean */
  double   ei_index;
  GArray  *community_of; /* guint, labelled by lowest node */
  guint    n_communities;
  double   modularity;
} Reference;

/* igraph's fast greedy and networkx's greedy_modularity_communities find
 * the same partition on all of these, so partitions are compared exactly. */
static const char *const networks[] = {
  "florentine",
  "karate",
  "lesmis",
  "barbell",
  "forest",
  "worked-example",
};

static guint
parse_uint (const char *text)
{
  guint64 value;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, &error);
  g_assert_no_error (error);

  return (guint) value;
}

static double
parse_double (const char *text)
{
  char  *end = NULL;
  double value = g_ascii_strtod (text, &end);

  g_assert_true (end != text && *end == '\0');

  return value;
}

static char **
read_lines (const char *name,
            const char *suffix)
{
  g_autofree char *basename = g_strconcat (name, suffix, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "graphs", basename, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return g_strsplit (contents, "\n", -1);
}

/* Labels each node with the index of its set; sets arrive sorted by lowest node. */
static void
label_set (GArray *label_of,
           guint   label,
           char  **fields)
{
  for (guint i = 1; fields[i] != NULL; i++)
    {
      guint node = parse_uint (fields[i]);

      g_assert_cmpuint (node, <, label_of->len);
      g_array_index (label_of, guint, node) = label;
    }
}

static void
reference_load (Reference  *ref,
                const char *name)
{
  g_auto(GStrv) edge_lines = read_lines (name, ".edges");
  g_auto(GStrv) expected_lines = read_lines (name, ".expected");

  memset (ref, 0, sizeof *ref);

  for (guint i = 0; edge_lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (edge_lines[i]), " \t", -1);

      /* Splitting an empty line gives an empty vector. */
      if (fields[0] == NULL || fields[0][0] == '#' || g_str_equal (fields[0], "node"))
        continue;

      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      if (g_str_equal (fields[0], "nodes"))
        {
          g_assert_null (ref->graph);
          ref->graph = sm_graph_new (parse_uint (fields[1]));
        }
      else
        {
          g_assert_nonnull (ref->graph);
          sm_graph_add_edge (ref->graph, parse_uint (fields[0]), parse_uint (fields[1]));
        }
    }
  g_assert_nonnull (ref->graph);

  ref->n_nodes = sm_graph_get_n_nodes (ref->graph);
  ref->degree = g_array_new (FALSE, TRUE, sizeof (guint));
  ref->betweenness = g_array_new (FALSE, TRUE, sizeof (double));
  ref->component_of = g_array_new (FALSE, TRUE, sizeof (guint));
  ref->articulation = g_array_new (FALSE, TRUE, sizeof (guint));
  ref->in_group = g_array_new (FALSE, TRUE, sizeof (gboolean));
  ref->community_of = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (ref->component_of, ref->n_nodes);
  g_array_set_size (ref->in_group, ref->n_nodes);
  g_array_set_size (ref->community_of, ref->n_nodes);

  for (guint i = 0; expected_lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (expected_lines[i]), " \t", -1);
      const char *key = fields[0];

      if (key == NULL || key[0] == '#')
        continue;

      if (g_str_equal (key, "n_nodes"))
        g_assert_cmpuint (parse_uint (fields[1]), ==, ref->n_nodes);
      else if (g_str_equal (key, "n_edges"))
        ref->n_edges = parse_uint (fields[1]);
      else if (g_str_equal (key, "degree"))
        for (guint j = 1; fields[j] != NULL; j++)
          {
            guint value = parse_uint (fields[j]);
            g_array_append_val (ref->degree, value);
          }
      else if (g_str_equal (key, "betweenness"))
        for (guint j = 1; fields[j] != NULL; j++)
          {
            double value = parse_double (fields[j]);
            g_array_append_val (ref->betweenness, value);
          }
      else if (g_str_equal (key, "component"))
        label_set (ref->component_of, ref->n_components++, fields);
      else if (g_str_equal (key, "articulation"))
        for (guint j = 1; fields[j] != NULL; j++)
          {
            guint value = parse_uint (fields[j]);
            g_array_append_val (ref->articulation, value);
          }
      else if (g_str_equal (key, "degree_centralization"))
        ref->degree_centralization = parse_double (fields[1]);
      else if (g_str_equal (key, "group"))
        for (guint j = 1; fields[j] != NULL; j++)
          g_array_index (ref->in_group, gboolean, parse_uint (fields[j])) = TRUE;
      else if (g_str_equal (key, "ei_index"))
        ref->ei_index = parse_double (fields[1]);
      else if (g_str_equal (key, "community"))
        label_set (ref->community_of, ref->n_communities++, fields);
      else if (g_str_equal (key, "modularity"))
        ref->modularity = parse_double (fields[1]);
      else
        g_error ("Unknown key “%s” in %s.expected", key, name);
    }

  g_assert_cmpuint (ref->degree->len, ==, ref->n_nodes);
  g_assert_cmpuint (ref->betweenness->len, ==, ref->n_nodes);
}

static void
reference_clear (Reference *ref)
{
  g_clear_pointer (&ref->graph, sm_graph_unref);
  g_clear_pointer (&ref->degree, g_array_unref);
  g_clear_pointer (&ref->betweenness, g_array_unref);
  g_clear_pointer (&ref->component_of, g_array_unref);
  g_clear_pointer (&ref->articulation, g_array_unref);
  g_clear_pointer (&ref->in_group, g_array_unref);
  g_clear_pointer (&ref->community_of, g_array_unref);
}

static void
setup (Reference    *ref,
       gconstpointer data)
{
  reference_load (ref, data);
}

static void
teardown (Reference    *ref,
          gconstpointer data)
{
  reference_clear (ref);
}

static void
test_degree (Reference    *ref,
             gconstpointer data)
{
  g_autofree guint *degree = g_new0 (guint, ref->n_nodes);

  g_assert_cmpuint (sm_graph_get_n_edges (ref->graph), ==, ref->n_edges);

  sm_graph_degree (ref->graph, degree);
  g_assert_cmpmem (degree, ref->n_nodes * sizeof (guint),
                   ref->degree->data, ref->n_nodes * sizeof (guint));
}

static void
test_betweenness (Reference    *ref,
                  gconstpointer data)
{
  g_autofree double *betweenness = g_new0 (double, ref->n_nodes);

  sm_graph_betweenness (ref->graph, betweenness);
  for (guint i = 0; i < ref->n_nodes; i++)
    g_assert_cmpfloat_with_epsilon (betweenness[i],
                                    g_array_index (ref->betweenness, double, i),
                                    TOLERANCE);
}

static void
test_components (Reference    *ref,
                 gconstpointer data)
{
  g_autofree guint *component_of = g_new0 (guint, ref->n_nodes);

  g_assert_cmpuint (sm_graph_components (ref->graph, component_of), ==, ref->n_components);
  g_assert_cmpmem (component_of, ref->n_nodes * sizeof (guint),
                   ref->component_of->data, ref->n_nodes * sizeof (guint));
}

static void
test_articulation (Reference    *ref,
                   gconstpointer data)
{
  g_autoptr(GArray) points = sm_graph_articulation_points (ref->graph);

  g_assert_cmpmem (points->data, points->len * sizeof (guint),
                   ref->articulation->data, ref->articulation->len * sizeof (guint));
}

static void
test_centralization (Reference    *ref,
                     gconstpointer data)
{
  g_assert_cmpfloat_with_epsilon (sm_graph_degree_centralization (ref->graph),
                                  ref->degree_centralization, TOLERANCE);
}

static void
test_ei_index (Reference    *ref,
               gconstpointer data)
{
  double ei = sm_graph_ei_index (ref->graph, (const gboolean *) ref->in_group->data);

  if (isnan (ref->ei_index))
    g_assert_true (isnan (ei));
  else
    g_assert_cmpfloat_with_epsilon (ei, ref->ei_index, TOLERANCE);
}

static void
test_communities (Reference    *ref,
                  gconstpointer data)
{
  g_autofree guint *community_of = g_new0 (guint, ref->n_nodes);

  /* Labels are numbered by lowest node on both sides, so equal arrays mean
   * equal partitions. */
  g_assert_cmpuint (sm_graph_communities (ref->graph, community_of), ==, ref->n_communities);
  g_assert_cmpmem (community_of, ref->n_nodes * sizeof (guint),
                   ref->community_of->data, ref->n_nodes * sizeof (guint));

  g_assert_cmpfloat_with_epsilon (sm_graph_modularity (ref->graph, community_of),
                                  ref->modularity, TOLERANCE);
}

/* Checks each measure of a small graph against values worked out by hand. */
static void
assert_small_graph (SmGraph      *graph,
                    const guint  *degree,
                    const double *betweenness,
                    guint         n_components,
                    const guint  *component_of,
                    const guint  *articulation,
                    guint         n_articulation,
                    double        centralization)
{
  guint              n = sm_graph_get_n_nodes (graph);
  g_autofree guint  *got_degree = g_new0 (guint, n);
  g_autofree double *got_betweenness = g_new0 (double, n);
  g_autofree guint  *got_component_of = g_new0 (guint, n);
  g_autoptr(GArray) points = NULL;

  sm_graph_degree (graph, got_degree);
  g_assert_cmpmem (got_degree, n * sizeof (guint), degree, n * sizeof (guint));

  sm_graph_betweenness (graph, got_betweenness);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (got_betweenness[i], betweenness[i], TOLERANCE);

  g_assert_cmpuint (sm_graph_components (graph, got_component_of), ==, n_components);
  g_assert_cmpmem (got_component_of, n * sizeof (guint), component_of, n * sizeof (guint));

  points = sm_graph_articulation_points (graph);
  g_assert_cmpmem (points->data, points->len * sizeof (guint),
                   articulation, n_articulation * sizeof (guint));

  g_assert_cmpfloat_with_epsilon (sm_graph_degree_centralization (graph), centralization, TOLERANCE);
}

static void
test_empty (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (0);
  g_autoptr(GArray) points = sm_graph_articulation_points (graph);

  g_assert_cmpuint (sm_graph_get_n_nodes (graph), ==, 0);
  g_assert_cmpuint (sm_graph_get_n_edges (graph), ==, 0);
  sm_graph_degree (graph, NULL);
  sm_graph_betweenness (graph, NULL);
  g_assert_cmpuint (sm_graph_components (graph, NULL), ==, 0);
  g_assert_cmpuint (points->len, ==, 0);
  g_assert_cmpfloat (sm_graph_degree_centralization (graph), ==, 0.0);
  g_assert_true (isnan (sm_graph_ei_index (graph, NULL)));
  g_assert_cmpuint (sm_graph_communities (graph, NULL), ==, 0);
  g_assert_true (isnan (sm_graph_modularity (graph, NULL)));
}

static void
test_single_node (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (1);
  const guint    zero[] = { 0 };
  const double   no_betweenness[] = { 0.0 };
  const gboolean in_group[] = { TRUE };
  guint          community_of[1] = { 99 };

  assert_small_graph (graph, zero, no_betweenness, 1, zero, NULL, 0, 0.0);
  g_assert_true (isnan (sm_graph_ei_index (graph, in_group)));
  g_assert_cmpuint (sm_graph_communities (graph, community_of), ==, 1);
  g_assert_cmpuint (community_of[0], ==, 0);
}

static void
test_two_nodes (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (2);
  const guint    degree_apart[] = { 0, 0 };
  const guint    degree_joined[] = { 1, 1 };
  const guint    apart[] = { 0, 1 };
  const guint    joined[] = { 0, 0 };
  const double   no_betweenness[] = { 0.0, 0.0 };
  const gboolean in_group[] = { TRUE, FALSE };
  guint          community_of[2];

  assert_small_graph (graph, degree_apart, no_betweenness, 2, apart, NULL, 0, 0.0);
  g_assert_cmpuint (sm_graph_communities (graph, community_of), ==, 2);
  g_assert_cmpmem (community_of, sizeof community_of, apart, sizeof apart);

  sm_graph_add_edge (graph, 1, 0);
  assert_small_graph (graph, degree_joined, no_betweenness, 1, joined, NULL, 0, 0.0);
  g_assert_cmpfloat (sm_graph_ei_index (graph, in_group), ==, 1.0);
  /* networkx keeps the pair together too: splitting it has modularity -0.5. */
  g_assert_cmpuint (sm_graph_communities (graph, community_of), ==, 1);
  g_assert_cmpmem (community_of, sizeof community_of, joined, sizeof joined);
  g_assert_cmpfloat_with_epsilon (sm_graph_modularity (graph, community_of), 0.0, TOLERANCE);
}

static void
test_star (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (5);
  const guint    degree[] = { 4, 1, 1, 1, 1 };
  const double   betweenness[] = { 1.0, 0.0, 0.0, 0.0, 0.0 };
  const guint    component_of[] = { 0, 0, 0, 0, 0 };
  const guint    articulation[] = { 0 };
  const gboolean hub_only[] = { TRUE, FALSE, FALSE, FALSE, FALSE };
  const gboolean leaves[] = { FALSE, TRUE, TRUE, TRUE, TRUE };
  guint          community_of[5];

  for (guint i = 1; i < 5; i++)
    sm_graph_add_edge (graph, 0, i);

  /* A star is the most centralised graph there is: C_D = 1 (EP-03 fail). */
  assert_small_graph (graph, degree, betweenness, 1, component_of, articulation, 1, 1.0);
  g_assert_cmpfloat (sm_graph_ei_index (graph, hub_only), ==, 1.0);
  g_assert_cmpfloat (sm_graph_ei_index (graph, leaves), ==, 1.0);
  g_assert_cmpuint (sm_graph_communities (graph, community_of), ==, 1);
  g_assert_cmpmem (community_of, sizeof community_of, component_of, sizeof component_of);
}

static void
test_path (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (5);
  const guint degree[] = { 1, 2, 2, 2, 1 };
  /* Node 2 lies on 4 of the 6 pairs that exclude it, nodes 1 and 3 on 3. */
  const double betweenness[] = { 0.0, 0.5, 4.0 / 6.0, 0.5, 0.0 };
  const guint  component_of[] = { 0, 0, 0, 0, 0 };
  const guint  articulation[] = { 1, 2, 3 };
  guint        community_of[5];

  for (guint i = 0; i + 1 < 5; i++)
    sm_graph_add_edge (graph, i, i + 1);

  assert_small_graph (graph, degree, betweenness, 1, component_of, articulation, 3, 2.0 / 12.0);

  /* {0,1,2}{3,4} and {0,1}{2,3,4} tie; networkx picks the first.  Either
   * way: (2/4 - (5/8)²) + (1/4 - (3/8)²) = 0.21875. */
  g_assert_cmpuint (sm_graph_communities (graph, community_of), ==, 2);
  g_assert_cmpuint (community_of[0], ==, community_of[1]);
  g_assert_cmpuint (community_of[3], ==, community_of[4]);
  g_assert_cmpuint (community_of[1], !=, community_of[3]);
  g_assert_cmpfloat_with_epsilon (sm_graph_modularity (graph, community_of), 0.21875, TOLERANCE);
}

static void
test_disconnected (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (7);
  const guint    degree[] = { 2, 0, 2, 2, 2, 2, 2 };
  const double   betweenness[7] = { 0 };
  const guint    component_of[] = { 0, 1, 2, 0, 0, 2, 2 };
  const gboolean in_group[] = { TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE };
  guint          community_of[7];

  /* Two triangles {0,3,4} and {2,5,6} and the isolate 1. */
  sm_graph_add_edge (graph, 0, 3);
  sm_graph_add_edge (graph, 3, 4);
  sm_graph_add_edge (graph, 4, 0);
  sm_graph_add_edge (graph, 6, 5);
  sm_graph_add_edge (graph, 5, 2);
  sm_graph_add_edge (graph, 2, 6);

  /* The isolate pulls C_D up: Σ(2 - d_i) = 2 over (7-1)(7-2) = 30. */
  assert_small_graph (graph, degree, betweenness, 3, component_of, NULL, 0, 2.0 / 30.0);
  /* One tie inside the group (0-3), two leaving it (3-4, 4-0). */
  g_assert_cmpfloat_with_epsilon (sm_graph_ei_index (graph, in_group), 1.0 / 3.0, TOLERANCE);
  /* The isolate keeps a community of its own. */
  g_assert_cmpuint (sm_graph_communities (graph, community_of), ==, 3);
  g_assert_cmpmem (community_of, sizeof community_of, component_of, sizeof component_of);
  g_assert_cmpfloat_with_epsilon (sm_graph_modularity (graph, community_of), 0.5, TOLERANCE);
}

static void
test_simple (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (3);
  const guint  degree[] = { 1, 2, 1 };
  const double betweenness[] = { 0.0, 1.0, 0.0 };
  const guint  component_of[] = { 0, 0, 0 };
  const guint  articulation[] = { 1 };

  sm_graph_add_edge (graph, 0, 1);
  sm_graph_add_edge (graph, 1, 0);
  sm_graph_add_edge (graph, 0, 1);
  sm_graph_add_edge (graph, 2, 2);
  sm_graph_add_edge (graph, 1, 2);
  sm_graph_add_edge (graph, 2, 1);

  g_assert_cmpuint (sm_graph_get_n_edges (graph), ==, 2);
  g_assert_true (sm_graph_has_edge (graph, 1, 0));
  g_assert_false (sm_graph_has_edge (graph, 2, 2));
  g_assert_false (sm_graph_has_edge (graph, 0, 2));
  /* A duplicate counted twice would make node 0's degree 3 and lift node 1. */
  assert_small_graph (graph, degree, betweenness, 1, component_of, articulation, 1, 1.0);
}

static void
test_out_of_range (void)
{
  g_autoptr(SmGraph) graph = sm_graph_new (2);

  g_test_expect_message ("Stakemap", G_LOG_LEVEL_CRITICAL, "*a < self->n_nodes*");
  sm_graph_add_edge (graph, 0, 2);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (sm_graph_get_n_edges (graph), ==, 0);
}

static void
test_refcount (void)
{
  SmGraph *graph = sm_graph_new (3);

  sm_graph_add_edge (graph, 0, 1);
  g_assert_true (sm_graph_ref (graph) == graph);
  sm_graph_unref (graph);
  g_assert_cmpuint (sm_graph_get_n_edges (graph), ==, 1);
  sm_graph_unref (graph);
}

/* Betweenness straight from igraph, as Stakemap computed it before it had
 * its own: the same edges, repeats and loops dropped, normalised by
 * (n-1)(n-2)/2. */
static void
igraph_reference_betweenness (guint         n,
                              const GArray *ends,
                              double       *out)
{
  igraph_t            graph;
  igraph_vector_int_t edges;
  igraph_vector_t     result;

  g_assert_cmpint (igraph_vector_int_init (&edges, ends->len), ==, IGRAPH_SUCCESS);
  for (guint i = 0; i < ends->len; i++)
    igraph_vector_int_set (&edges, i, g_array_index (ends, guint, i));
  g_assert_cmpint (igraph_create (&graph, &edges, n, IGRAPH_UNDIRECTED), ==, IGRAPH_SUCCESS);
  g_assert_cmpint (igraph_simplify (&graph, TRUE, TRUE, NULL), ==, IGRAPH_SUCCESS);
  g_assert_cmpint (igraph_vector_init (&result, 0), ==, IGRAPH_SUCCESS);
  g_assert_cmpint (igraph_betweenness (&graph, &result, igraph_vss_all (), IGRAPH_UNDIRECTED, NULL),
                   ==, IGRAPH_SUCCESS);
  for (guint i = 0; i < n; i++)
    out[i] = n < 3 ? 0.0 : VECTOR (result)[i] * 2.0 / (((double) n - 1.0) * ((double) n - 2.0));
  igraph_vector_destroy (&result);
  igraph_vector_int_destroy (&edges);
  igraph_destroy (&graph);
}

/* A random graph with what imported maps have: hubs (preferential
 * attachment), repeated edges, loops, isolated nodes and several
 * components. The ends go into @ends in the order they were added. */
static SmGraph *
random_graph (GRand  *rand,
              guint   n,
              GArray *ends)
{
  SmGraph *graph = sm_graph_new (n);
  guint    n_isolated = g_rand_int_range (rand, 0, n / 5 + 1);
  guint    n_parts = g_rand_int_range (rand, 1, 5);
  guint    wired = n - n_isolated;

  for (guint v = 1; v < wired; v++)
    {
      guint part = v % n_parts;
      guint links = g_rand_int_range (rand, 1, 4);

      for (guint k = 0; k < links; k++)
        {
          guint u;

          /* Lower nodes of the same part, the first ones more often. */
          if (v < n_parts)
            continue;
          u = g_rand_int_range (rand, 0, v);
          if (g_rand_boolean (rand))
            u = u / 2;
          u = u - u % n_parts + part;
          if (u >= v)
            u = part;
          sm_graph_add_edge (graph, v, u);
          g_array_append_val (ends, v);
          g_array_append_val (ends, u);
          if (g_rand_int_range (rand, 0, 10) == 0)
            {
              /* The same edge again, either way round, and a loop. */
              sm_graph_add_edge (graph, u, v);
              g_array_append_val (ends, u);
              g_array_append_val (ends, v);
              sm_graph_add_edge (graph, v, v);
              g_array_append_val (ends, v);
              g_array_append_val (ends, v);
            }
        }
    }
  return graph;
}

static void
assert_close (const double *got,
              const double *expected,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      double scale = MAX (fabs (expected[i]), 1e-12);

      if (fabs (got[i] - expected[i]) / scale > 1e-9 && fabs (got[i] - expected[i]) > 1e-15)
        g_error ("node %u: betweenness %.17g, igraph says %.17g", i, got[i], expected[i]);
    }
}

/* Stakemap's own betweenness, on every core, against igraph's on random
 * graphs small and large enough to run on several threads. */
static void
test_betweenness_random (void)
{
  static const guint sizes[] = { 3, 7, 40, 300, 1500 };

  for (guint seed = 1; seed <= 4; seed++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 1000 + k);
        g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(SmGraph) graph = random_graph (rand, sizes[k], ends);
        g_autofree double *got = g_new0 (double, sizes[k]);
        g_autofree double *expected = g_new0 (double, sizes[k]);

        g_test_message ("seed %u, %u nodes, %u edges", seed, sizes[k], sm_graph_get_n_edges (graph));
        sm_graph_clear_betweenness_cache ();
        sm_graph_betweenness (graph, got);
        igraph_reference_betweenness (sizes[k], ends, expected);
        assert_close (got, expected, sizes[k]);
      }
}

/* The same graph gives the same numbers bit for bit, whatever order its
 * edges came in: the evaluation compares results exactly. */
static void
test_betweenness_order (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(SmGraph) graph = random_graph (rand, 800, ends);
  g_autoptr(SmGraph) reversed = sm_graph_new (800);
  g_autofree double *first = g_new0 (double, 800);
  g_autofree double *second = g_new0 (double, 800);

  for (guint i = ends->len; i >= 2; i -= 2)
    sm_graph_add_edge (reversed, g_array_index (ends, guint, i - 1), g_array_index (ends, guint, i - 2));
  sm_graph_clear_betweenness_cache ();
  sm_graph_betweenness (graph, first);
  sm_graph_clear_betweenness_cache ();
  sm_graph_betweenness (reversed, second);
  g_assert_cmpmem (first, 800 * sizeof (double), second, 800 * sizeof (double));
}

/* A graph measured again is not measured again; a changed graph is. */
static void
test_betweenness_cache (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(SmGraph) graph = random_graph (rand, 200, ends);
  g_autoptr(SmGraph) copy = sm_graph_new (200);
  g_autofree double *first = g_new0 (double, 200);
  g_autofree double *again = g_new0 (double, 200);
  g_autofree double *expected = g_new0 (double, 200);
  guint              runs;

  for (guint i = 0; i < ends->len; i += 2)
    sm_graph_add_edge (copy, g_array_index (ends, guint, i), g_array_index (ends, guint, i + 1));

  sm_graph_clear_betweenness_cache ();
  runs = sm_graph_get_n_betweenness_runs ();
  sm_graph_betweenness (graph, first);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);
  sm_graph_betweenness (copy, again);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);
  g_assert_cmpmem (first, 200 * sizeof (double), again, 200 * sizeof (double));

  /* One more edge (a node that was alone, if any, or a shortcut). */
  sm_graph_add_edge (copy, 0, 199);
  g_array_append_vals (ends, (guint[]) { 0, 199 }, 2);
  sm_graph_betweenness (copy, again);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 2);
  igraph_reference_betweenness (200, ends, expected);
  assert_close (again, expected, 200);

  /* Two triangles, then a ring of six: every node has two neighbours in
   * both, but the paths between them differ. */
  {
    g_autoptr(SmGraph) triangles = sm_graph_new (6);
    g_autoptr(SmGraph) ring = sm_graph_new (6);
    double got[6];

    for (guint i = 0; i < 6; i++)
      {
        sm_graph_add_edge (triangles, i, i / 3 * 3 + (i + 1) % 3);
        sm_graph_add_edge (ring, i, (i + 1) % 6);
      }
    sm_graph_betweenness (triangles, got);
    g_assert_cmpfloat (got[0], ==, 0.0);
    sm_graph_betweenness (ring, got);
    g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 4);
    g_assert_cmpfloat_with_epsilon (got[0], 0.2, 1e-12);
  }
}

static void
cancel_cb (SmProgress *progress,
           double      fraction,
           const char *stage,
           gpointer    user_data)
{
  if (fraction > 0.0 && fraction < 1.0)
    g_cancellable_cancel (user_data);
}

/* Cancelled before it starts, it says so and leaves zeros. The graph is
 * big enough that the other threads cannot finish it all before this one
 * first reports progress, even on a loaded machine. */
static void
test_betweenness_cancelled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(SmGraph) graph = random_graph (rand, 3000, ends);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SmProgress) progress = sm_progress_new ();
  g_autofree double *got = g_new0 (double, 3000);
  guint              runs = sm_graph_get_n_betweenness_runs ();

  sm_graph_clear_betweenness_cache ();
  g_cancellable_cancel (cancellable);
  g_assert_false (sm_graph_betweenness_full (graph, got, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 0; i < 3000; i++)
    g_assert_cmpfloat (got[i], ==, 0.0);

  /* Cancelled part-way (the first report of progress cancels): the
   * half-done numbers are not kept, nor remembered. */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  sm_progress_set_func (progress, cancel_cb, cancellable, NULL);
  g_assert_false (sm_graph_betweenness_full (graph, got, cancellable, progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 0; i < 3000; i++)
    g_assert_cmpfloat (got[i], ==, 0.0);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs);
}

/* Brandes' algorithm as the paper writes it (Brandes 2001): a queue, a
 * stack, predecessor lists, and one division per edge of the
 * shortest-path DAG on the way back; on one thread, over the edges in
 * @ends with repeats and loops dropped, normalised as networkx does. */
static void
plain_brandes (guint         n,
               const GArray *ends,
               double       *out)
{
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) preds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree gint   *dist = g_new (gint, n);
  g_autofree double *sigma = g_new (double, n);
  g_autofree double *delta = g_new (double, n);
  g_autofree guint  *queue = g_new (guint, n);

  for (guint v = 0; v < n; v++)
    {
      g_ptr_array_add (neighbours, g_array_new (FALSE, FALSE, sizeof (guint)));
      g_ptr_array_add (preds, g_array_new (FALSE, FALSE, sizeof (guint)));
      out[v] = 0.0;
    }
  for (guint i = 0; i < ends->len; i += 2)
    {
      guint    a = g_array_index (ends, guint, i), b = g_array_index (ends, guint, i + 1);
      GArray  *row = g_ptr_array_index (neighbours, a);
      gboolean seen = a == b;

      for (guint k = 0; !seen && k < row->len; k++)
        seen = g_array_index (row, guint, k) == b;
      if (seen)
        continue;
      g_array_append_val (row, b);
      g_array_append_val ((GArray *) g_ptr_array_index (neighbours, b), a);
    }

  for (guint s = 0; s < n; s++)
    {
      guint head = 0, tail = 0;

      for (guint v = 0; v < n; v++)
        {
          dist[v] = -1;
          sigma[v] = 0.0;
          delta[v] = 0.0;
          g_array_set_size (g_ptr_array_index (preds, v), 0);
        }
      dist[s] = 0;
      sigma[s] = 1.0;
      queue[tail++] = s;
      while (head < tail)
        {
          guint   v = queue[head++];
          GArray *row = g_ptr_array_index (neighbours, v);

          for (guint k = 0; k < row->len; k++)
            {
              guint w = g_array_index (row, guint, k);

              if (dist[w] < 0)
                {
                  dist[w] = dist[v] + 1;
                  queue[tail++] = w;
                }
              if (dist[w] == dist[v] + 1)
                {
                  sigma[w] += sigma[v];
                  g_array_append_val ((GArray *) g_ptr_array_index (preds, w), v);
                }
            }
        }
      /* The queue read backwards is the stack. */
      while (tail > 0)
        {
          guint   w = queue[--tail];
          GArray *from = g_ptr_array_index (preds, w);

          for (guint k = 0; k < from->len; k++)
            {
              guint v = g_array_index (from, guint, k);

              delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
          if (w != s)
            out[w] += delta[w];
        }
    }
  for (guint v = 0; v < n; v++)
    out[v] = n < 3 ? 0.0 : out[v] / (((double) n - 1.0) * ((double) n - 2.0));
}

/* Stakemap's search decides by arithmetic, not branches, what each
 * neighbour is (new, on a shortest path, or neither): it must still give
 * Brandes' numbers, to the last few bits (the nodes are numbered and
 * summed in another order), on graphs with many equal shortest paths (a
 * grid, a complete bipartite graph), with deep ones (a long path, a
 * ring) and with hubs, on one thread and on several. */
static void
test_betweenness_plain (void)
{
  for (guint shape = 0; shape < 8; shape++)
    {
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(SmGraph) graph = NULL;
      g_autofree double *got = NULL;
      g_autofree double *expected = NULL;
      guint              n;

      switch (shape)
        {
        case 0: /* a 24 x 24 grid */
          n = 24 * 24;
          for (guint v = 0; v < n; v++)
            {
              if (v % 24 != 23)
                g_array_append_vals (ends, (guint[]) { v, v + 1 }, 2);
              if (v + 24 < n)
                g_array_append_vals (ends, (guint[]) { v, v + 24 }, 2);
            }
          break;
        case 1: /* complete bipartite, 30 and 12 */
          n = 42;
          for (guint a = 0; a < 30; a++)
            for (guint b = 30; b < n; b++)
              g_array_append_vals (ends, (guint[]) { a, b }, 2);
          break;
        case 2: /* a path of 700, then a ring of 501 */
        case 3:
          n = shape == 2 ? 700 : 501;
          for (guint v = 0; v + 1 < n; v++)
            g_array_append_vals (ends, (guint[]) { v, v + 1 }, 2);
          if (shape == 3)
            g_array_append_vals (ends, (guint[]) { n - 1, 0 }, 2);
          break;
        default: /* random, with hubs, repeats, loops and components */
          {
            g_autoptr(GRand) rand = g_rand_new_with_seed (shape * 31);
            g_autoptr(SmGraph) unused = NULL;

            n = shape == 7 ? 1200 : 150 * shape;
            unused = random_graph (rand, n, ends);
          }
          break;
        }

      graph = sm_graph_new (n);
      for (guint i = 0; i < ends->len; i += 2)
        sm_graph_add_edge (graph, g_array_index (ends, guint, i), g_array_index (ends, guint, i + 1));
      got = g_new0 (double, n);
      expected = g_new0 (double, n);
      g_test_message ("shape %u, %u nodes, %u edges", shape, n, sm_graph_get_n_edges (graph));
      sm_graph_clear_betweenness_cache ();
      sm_graph_betweenness (graph, got);
      plain_brandes (n, ends, expected);
      for (guint v = 0; v < n; v++)
        {
          double scale = MAX (fabs (expected[v]), 1e-300);

          if (fabs (got[v] - expected[v]) / scale > 1e-12 && fabs (got[v] - expected[v]) > 1e-18)
            g_error ("shape %u, node %u: betweenness %.17g, Brandes' own loop says %.17g",
                     shape, v, got[v], expected[v]);
        }
    }
}

/* After a search that reached every node, betweenness resets its arrays
 * and adds up the dependencies in one pass over all the nodes, rather
 * than node by node in the order the search reached them: each node's
 * sum still gets one addition per source, so the numbers must be the
 * same bit for bit, on connected graphs (where the pass is taken) with
 * and without hubs, above and below the size that brings in threads,
 * and on graphs in pieces (where it is not). */
static void
test_betweenness_sweep (void)
{
  for (guint shape = 0; shape < 5; shape++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (shape * 13 + 5);
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(SmGraph) graph = NULL;
      g_autofree double *swept = NULL;
      g_autofree double *in_order = NULL;
      guint              n = 0;

      switch (shape)
        {
        case 0: /* a 30 x 30 grid */
          n = 30 * 30;
          graph = sm_graph_new (n);
          for (guint v = 0; v < n; v++)
            {
              if (v % 30 != 29)
                sm_graph_add_edge (graph, v, v + 1);
              if (v + 30 < n)
                sm_graph_add_edge (graph, v, v + 30);
            }
          break;
        case 1: /* a ring of 400 */
          n = 400;
          graph = sm_graph_new (n);
          for (guint v = 0; v < n; v++)
            sm_graph_add_edge (graph, v, (v + 1) % n);
          break;
        case 2: /* connected, with hubs: each node tied to one to three before it */
        case 3:
          n = shape == 2 ? 200 : 1500;
          graph = sm_graph_new (n);
          for (guint v = 1; v < n; v++)
            {
              guint links = g_rand_int_range (rand, 1, 4);

              for (guint k = 0; k < links; k++)
                {
                  guint u = g_rand_int_range (rand, 0, v);

                  sm_graph_add_edge (graph, v, g_rand_boolean (rand) ? u / 2 : u);
                }
            }
          break;
        default: /* in pieces, with isolated nodes */
          n = 1200;
          graph = random_graph (rand, n, ends);
          break;
        }

      swept = g_new0 (double, n);
      in_order = g_new0 (double, n);
      sm_graph_clear_betweenness_cache ();
      sm_graph_betweenness (graph, swept);
      _sm_graph_set_betweenness_sweep (FALSE);
      sm_graph_clear_betweenness_cache ();
      sm_graph_betweenness (graph, in_order);
      _sm_graph_set_betweenness_sweep (TRUE);
      sm_graph_clear_betweenness_cache ();
      for (guint v = 0; v < n; v++)
        if (memcmp (&swept[v], &in_order[v], sizeof (double)) != 0)
          g_error ("shape %u, node %u: betweenness %.17g in one pass, %.17g node by node", shape, v,
                   swept[v], in_order[v]);
    }
}

/* Betweenness started early and finished later gives the numbers of
 * sm_graph_betweenness() bit for bit, for the graph as it was when it
 * started: the graph may change or go meanwhile. */
static void
test_betweenness_started (void)
{
  static const guint sizes[] = { 2, 40, 300, 1500 };

  for (guint seed = 1; seed <= 3; seed++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 77 + k);
        g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
        SmGraph *graph = random_graph (rand, sizes[k], ends);
        g_autoptr(SmGraph) copy = sm_graph_new (sizes[k]);
        g_autofree double *started = g_new0 (double, sizes[k]);
        g_autofree double *direct = g_new0 (double, sizes[k]);
        g_autofree double *expected = g_new0 (double, sizes[k]);
        g_autoptr(GError) error = NULL;
        SmBetweennessJob *job;

        for (guint i = 0; i < ends->len; i += 2)
          sm_graph_add_edge (copy, g_array_index (ends, guint, i), g_array_index (ends, guint, i + 1));
        sm_graph_clear_betweenness_cache ();
        job = sm_graph_betweenness_start (graph, NULL);
        /* The graph changes, then goes, while the job runs. */
        sm_graph_add_edge (graph, 0, sizes[k] - 1);
        sm_graph_unref (graph);
        g_assert_true (sm_graph_betweenness_finish (job, started, NULL, &error));
        g_assert_no_error (error);

        sm_graph_clear_betweenness_cache ();
        sm_graph_betweenness (copy, direct);
        g_assert_cmpmem (started, sizes[k] * sizeof (double), direct, sizes[k] * sizeof (double));
        igraph_reference_betweenness (sizes[k], ends, expected);
        assert_close (started, expected, sizes[k]);
      }
}

/* A job abandoned leaves no result behind; one started on a graph
 * measured before takes the remembered result; one cancelled says so
 * and gives zeros. */
static void
test_betweenness_abandoned (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(SmGraph) graph = random_graph (rand, 600, ends);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree double *got = g_new0 (double, 600);
  g_autofree double *expected = g_new0 (double, 600);
  guint              runs;

  sm_graph_clear_betweenness_cache ();
  runs = sm_graph_get_n_betweenness_runs ();
  sm_graph_betweenness_abandon (sm_graph_betweenness_start (graph, NULL));
  sm_graph_betweenness_abandon (NULL);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs);

  sm_graph_betweenness (graph, expected);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);
  g_assert_true (sm_graph_betweenness_finish (sm_graph_betweenness_start (graph, NULL), got, NULL, NULL));
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);
  g_assert_cmpmem (got, 600 * sizeof (double), expected, 600 * sizeof (double));

  sm_graph_clear_betweenness_cache ();
  g_cancellable_cancel (cancellable);
  g_assert_false (sm_graph_betweenness_finish (sm_graph_betweenness_start (graph, cancellable), got, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 0; i < 600; i++)
    g_assert_cmpfloat (got[i], ==, 0.0);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *measure;
    void (*func) (Reference *, gconstpointer);
  } measures[] = {
    { "degree", test_degree },
    { "betweenness", test_betweenness },
    { "components", test_components },
    { "articulation", test_articulation },
    { "centralization", test_centralization },
    { "ei-index", test_ei_index },
    { "communities", test_communities },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    for (guint j = 0; j < G_N_ELEMENTS (networks); j++)
      {
        g_autofree char *path = g_strdup_printf ("/core/graph/%s-%s",
                                                 measures[i].measure, networks[j]);

        g_test_add (path, Reference, networks[j], setup, measures[i].func, teardown);
      }

  g_test_add_func ("/core/graph/empty", test_empty);
  g_test_add_func ("/core/graph/single-node", test_single_node);
  g_test_add_func ("/core/graph/two-nodes", test_two_nodes);
  g_test_add_func ("/core/graph/star", test_star);
  g_test_add_func ("/core/graph/path", test_path);
  g_test_add_func ("/core/graph/disconnected", test_disconnected);
  g_test_add_func ("/core/graph/simple", test_simple);
  g_test_add_func ("/core/graph/out-of-range", test_out_of_range);
  g_test_add_func ("/core/graph/refcount", test_refcount);
  g_test_add_func ("/core/graph/betweenness-random", test_betweenness_random);
  g_test_add_func ("/core/graph/betweenness-order", test_betweenness_order);
  g_test_add_func ("/core/graph/betweenness-plain", test_betweenness_plain);
  g_test_add_func ("/core/graph/betweenness-sweep", test_betweenness_sweep);
  g_test_add_func ("/core/graph/betweenness-cache", test_betweenness_cache);
  g_test_add_func ("/core/graph/betweenness-cancelled", test_betweenness_cancelled);
  g_test_add_func ("/core/graph/betweenness-started", test_betweenness_started);
  g_test_add_func ("/core/graph/betweenness-abandoned", test_betweenness_abandoned);

  return g_test_run ();
}

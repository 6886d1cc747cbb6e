/* sm-metrics.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-metrics.h"

static GHashTable *
index_stakeholders (SmMap *map)
{
  SmCollection *stakeholders = sm_map_get_stakeholders (map);
  guint         n = sm_collection_get_size (stakeholders);
  GHashTable   *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index, (char *) sm_record_get_id (sm_collection_get (stakeholders, i)),
                         GUINT_TO_POINTER (i + 1));
  return index;
}

static guint
lookup_index (GHashTable *index,
              const char *id)
{
  return id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index, id)) : 0;
}

/* Builds the graph the measures run on. */
SmGraph *
sm_metrics_build_graph (SmMap   *map,
                        gboolean space_comembership_as_tie)
{
  SmCollection *relationships;
  g_autoptr(GHashTable) index = NULL;
  SmGraph *graph;
  guint    n;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  index = index_stakeholders (map);
  graph = sm_graph_new (sm_collection_get_size (sm_map_get_stakeholders (map)));

  relationships = sm_map_get_relationships (map);
  n = sm_collection_get_size (relationships);
  for (guint i = 0; i < n; i++)
    {
      SmRecord *r = sm_collection_get (relationships, i);
      guint     a, b;

      if (g_strcmp0 (sm_record_get_enum (r, "category"), "conflict_tension") == 0)
        continue;
      a = lookup_index (index, sm_relationship_get_source (r));
      b = lookup_index (index, sm_relationship_get_target (r));
      if (a > 0 && b > 0)
        sm_graph_add_edge (graph, a - 1, b - 1);
    }

  if (space_comembership_as_tie)
    sm_metrics_add_space_ties (graph, map, index);

  return graph;
}

/**
 * sm_metrics_add_space_ties:
 * @index: stakeholder id → node + 1
 *
 * Adds the ties of co-membership of a space to @graph, as
 * sm_metrics_build_graph() does when asked to: for a caller that has the
 * relationships' ties already.
 */
void
sm_metrics_add_space_ties (SmGraph    *graph,
                           SmMap      *map,
                           GHashTable *index)
{
  SmCollection *spaces = sm_map_get_collection (map, SM_RECORD_SPACE);
  guint         n = sm_collection_get_size (spaces);

  g_return_if_fail (graph != NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *members = sm_record_get_value (sm_collection_get (spaces, i), "members");
      g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
      JsonArray *array;

      if (members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
        continue;
      array = json_node_get_array (members);
      for (guint m = 0; m < json_array_get_length (array); m++)
        {
          JsonNode *member = json_array_get_element (array, m);
          guint     k;

          if (!JSON_NODE_HOLDS_OBJECT (member))
            continue;
          k = lookup_index (index, json_object_get_string_member_with_default (
                                     json_node_get_object (member), "stakeholder", NULL));
          if (k > 0)
            g_array_append_val (nodes, k);
        }
      for (guint p = 0; p < nodes->len; p++)
        for (guint q = p + 1; q < nodes->len; q++)
          sm_graph_add_edge (graph, g_array_index (nodes, guint, p) - 1,
                             g_array_index (nodes, guint, q) - 1);
    }
}

SmMetrics *
sm_metrics_compute (SmMap   *map,
                    gboolean space_comembership_as_tie)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return sm_metrics_compute_full (map, space_comembership_as_tie, NULL, NULL, NULL);
}

/**
 * sm_metrics_compute_full:
 * @cancellable: (nullable): stops the work between measures and inside
 *   betweenness, nearly all of the time on a large map
 * @progress: (nullable): told how far it has got
 *
 * sm_metrics_compute() for long work, on any thread: @map must not change
 * while it runs.
 *
 * Returns: (transfer full) (nullable): the measures, or %NULL with
 *   %G_IO_ERROR_CANCELLED
 */
SmMetrics *
sm_metrics_compute_full (SmMap        *map,
                         gboolean      space_comembership_as_tie,
                         GCancellable *cancellable,
                         SmProgress   *progress,
                         GError      **error)
{
  g_autoptr(SmGraph) graph = NULL;
  g_autofree gboolean *community_side = NULL;
  SmCollection        *stakeholders;
  SmMetrics           *self;
  guint                n;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  sm_progress_update (progress, 0.0, _ ("Reading the map…"));
  graph = sm_metrics_build_graph (map, space_comembership_as_tie);
  stakeholders = sm_map_get_stakeholders (map);
  n = sm_collection_get_size (stakeholders);

  self = g_new0 (SmMetrics, 1);
  self->n_stakeholders = n;
  self->n_edges = sm_graph_get_n_edges (graph);
  self->degree = g_new0 (guint, MAX (n, 1));
  self->betweenness = g_new0 (double, MAX (n, 1));
  self->component = g_new0 (guint, MAX (n, 1));
  self->community = g_new0 (guint, MAX (n, 1));
  community_side = g_new0 (gboolean, MAX (n, 1));

  sm_graph_degree (graph, self->degree);
  sm_progress_push_range (progress, 0.05, 0.90);
  sm_progress_update (progress, 0.0, _ ("Measuring the network…"));
  if (!sm_graph_betweenness_full (graph, self->betweenness, cancellable, progress, error))
    {
      sm_progress_pop_range (progress);
      sm_metrics_free (self);
      return NULL;
    }
  sm_progress_pop_range (progress);
  sm_progress_update (progress, 0.90, _ ("Finding groups and gatekeepers…"));
  self->n_components = sm_graph_components (graph, self->component);
  self->n_communities = sm_graph_communities (graph, self->community);
  self->articulation_points = sm_graph_articulation_points (graph);
  self->degree_centralization = sm_graph_degree_centralization (graph);

  for (guint i = 0; i < n; i++)
    community_side[i] = sm_stakeholder_get_side (sm_collection_get (stakeholders, i)) == SM_SIDE_COMMUNITY;
  self->ei_community = sm_graph_ei_index (graph, community_side);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sm_metrics_free (self);
      return NULL;
    }
  sm_progress_update (progress, 1.0, NULL);
  return self;
}

void
sm_metrics_free (SmMetrics *self)
{
  if (self == NULL)
    return;
  g_free (self->degree);
  g_free (self->betweenness);
  g_free (self->component);
  g_free (self->community);
  g_clear_pointer (&self->articulation_points, g_array_unref);
  g_free (self);
}

/* sm-metrics.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-graph.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* The network measures of a map (principles.md §3.8), computed on the
 * undirected simple graph of its stakeholders: one edge per related pair,
 * conflict_tension relationships left out, shared space membership an edge
 * only when asked for. Node i is the i-th stakeholder of the map. */

typedef struct
{
  guint   n_stakeholders;
  guint   n_edges;
  guint  *degree;
  double *betweenness;
  guint   n_components;
  guint  *component;
  guint   n_communities;
  guint  *community;
  GArray *articulation_points; /* guint node indices, ascending */
  double  degree_centralization;
  double  ei_community; /* E-I of the community side; NAN if undefined */
} SmMetrics;

SmGraph   *sm_metrics_build_graph (SmMap   *map,
                                   gboolean space_comembership_as_tie);
void       sm_metrics_add_space_ties (SmGraph    *graph,
                                      SmMap      *map,
                                      GHashTable *index);
SmMetrics *sm_metrics_compute (SmMap   *map,
                               gboolean space_comembership_as_tie);
SmMetrics *sm_metrics_compute_full (SmMap        *map,
                                    gboolean      space_comembership_as_tie,
                                    GCancellable *cancellable,
                                    SmProgress   *progress,
                                    GError      **error);
void       sm_metrics_free (SmMetrics *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmMetrics, sm_metrics_free)

G_END_DECLS

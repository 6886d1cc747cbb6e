/* sm-graph.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-progress.h"

G_BEGIN_DECLS

/* An undirected simple graph on nodes 0..n-1 and the measures of
 * principles.md §3.8.  Every function that fills a per-node array writes
 * exactly sm_graph_get_n_nodes() entries into storage the caller owns.
 * The measures may run on any thread; igraph itself is used under a lock. */
typedef struct _SmGraph SmGraph;

SmGraph *sm_graph_new (guint n_nodes);
SmGraph *sm_graph_ref (SmGraph *self);
void     sm_graph_unref (SmGraph *self);

/* Self-loops and repeated edges are ignored, so the graph stays simple. */
void     sm_graph_add_edge (SmGraph *self,
                            guint    a,
                            guint    b);
gboolean sm_graph_has_edge (SmGraph *self,
                            guint    a,
                            guint    b);
guint    sm_graph_get_n_nodes (SmGraph *self);
guint    sm_graph_get_n_edges (SmGraph *self);

void sm_graph_degree (SmGraph *self,
                      guint   *degree);
/* Brandes betweenness normalised as networkx does: by (n-1)(n-2)/2; all 0
 * for n < 3. Exact, on every core; the last results are remembered, so a
 * graph measured again (by the evaluation, the metrics, the panels) costs
 * only a comparison. */
void     sm_graph_betweenness (SmGraph *self,
                               double  *betweenness);
gboolean sm_graph_betweenness_full (SmGraph      *self,
                                    double       *betweenness,
                                    GCancellable *cancellable,
                                    SmProgress   *progress,
                                    GError      **error);
/* Betweenness started on the other cores while the caller does other
 * work, then finished (joining in) or abandoned. */
typedef struct _SmBetweennessJob SmBetweennessJob;

SmBetweennessJob *sm_graph_betweenness_start (SmGraph      *self,
                                              GCancellable *cancellable);
gboolean          sm_graph_betweenness_finish (SmBetweennessJob *job,
                                               double           *betweenness,
                                               SmProgress       *progress,
                                               GError          **error);
void              sm_graph_betweenness_abandon (SmBetweennessJob *job);
guint             sm_graph_get_n_betweenness_runs (void);
void              sm_graph_clear_betweenness_cache (void);
/* Returns the number of components; labels are numbered by their lowest node. */
guint sm_graph_components (SmGraph *self,
                           guint   *component_of);
/* Returns the cut vertices, sorted ascending (a GArray of guint). */
GArray *sm_graph_articulation_points (SmGraph *self);
/* Freeman: Σ(d_max - d_i) / ((n-1)(n-2)); 0 for n < 3. */
double sm_graph_degree_centralization (SmGraph *self);
/* Krackhardt E-I for the group: (E - I) / (E + I); NAN when no edge touches it. */
double sm_graph_ei_index (SmGraph        *self,
                          const gboolean *in_group);
/* Greedy modularity (Clauset–Newman–Moore) cut at its best level; returns the
 * number of communities, labelled by their lowest node. */
guint sm_graph_communities (SmGraph *self,
                            guint   *community_of);
/* Newman modularity of a partition; NAN for a graph without edges. */
double sm_graph_modularity (SmGraph     *self,
                            const guint *community_of);
/* Fruchterman–Reingold from the positions in @x and @y (igraph's units:
 * neighbours settle about 1 apart), written back; nodes marked in @fixed
 * (may be NULL) stay put. Seeded: the same input gives the same layout. */
gboolean sm_graph_layout_fruchterman_reingold (SmGraph        *self,
                                               double         *x,
                                               double         *y,
                                               const gboolean *fixed,
                                               guint           iterations,
                                               double          start_temperature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmGraph, sm_graph_unref)

G_END_DECLS

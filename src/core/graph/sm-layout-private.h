/* sm-layout-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-layout.h"
#include "sm-progress.h"

G_BEGIN_DECLS

typedef struct
{
  guint a, b; /* stakeholders, in the map's order; a < b */
} SmLayoutTie;

/* Each pair of stakeholders tied once, in the map's order. */
GArray *_sm_layout_collect_ties (SmMap *map);

/* Where everyone is, in the map's order; someone without a position
 * starts near the middle of the others, on a spiral so no two coincide. */
void _sm_layout_read_positions (SmMap  *map,
                                double *x,
                                double *y);

/* Pairs of ties whose straight lines cross (not at a shared end), with
 * the stakeholders at @x and @y. Stops counting once the count is above
 * @limit (G_MAXUINT: never) and returns what it has. */
guint _sm_layout_count_tie_crossings (GArray       *ties,
                                      const double *x,
                                      const double *y,
                                      guint         limit);

/* A long layout's way to stop and to say how far it is: the forces
 * check @cancellable once an iteration (and set @cancelled), and report
 * @done of @total point-iterations to @progress as a share between @from
 * and @to. Either may be NULL. */
typedef struct
{
  GCancellable *cancellable;
  SmProgress   *progress;
  double        from, to;
  double        done, total;
  gboolean      cancelled;
} SmLayoutWatch;

/* How many threads the forces on large maps may use: 0 (the default)
 * for one per core. For the tests, which check the result does not
 * depend on it. */
void _sm_layout_set_threads (guint n_threads);

/* From how many points the quadtree's subtrees are built over the
 * threads (4000 by default). For the tests, which build small trees that
 * way to check the result does not depend on it. */
void _sm_layout_set_tree_parallel_min (guint n_points);

/* Breadth-first steps from @source to everyone in the network of @n
 * (CSR: the neighbours of i are @adj[@start[i] .. @start[i + 1])), in
 * @dist (G_MAXUINT: not reached); @queue, as long as the network, holds
 * them in the order met, @source first. Returns how many were reached. */
guint _sm_layout_steps_from (guint        n,
                             const guint *start,
                             const guint *adj,
                             guint        source,
                             guint       *dist,
                             guint       *queue);

/* Refines the picture (@x, @y) of the network of @n stakeholders (CSR:
 * the neighbours of i are @adj[@start[i] .. @start[i + 1])) towards less
 * stress, with a sparse stress model (sm-layout-stress.c). */
void _sm_layout_stress_refine (guint        n,
                               const guint *start,
                               const guint *adj,
                               double      *x,
                               double      *y);

/* Whether the finest level's relationships pull gently and the picture is
 * then refined towards less stress (both TRUE by default). For the
 * tests, which check that each makes the picture more readable than
 * Hu's model alone. */
void _sm_layout_set_finest (gboolean gentle,
                            gboolean refine);

/* Splits order[*@lo .. *@hi) in place as the quadtree does: those with
 * @v below @middle first, ending at *@lo (= *@hi); @side is room for a
 * byte a place. For the tests, which check it makes the same exchanges
 * as the plain loop the quadtree was first built with. */
void _sm_layout_partition (guint        *order,
                           guint8       *side,
                           const double *v,
                           double        middle,
                           guint        *lo,
                           guint        *hi);

/* The repulsion (and gravity) on each of @n points at @x, @y of @mass,
 * through the quadtree, in @fx, @fy: as Tidy Up sums it, from a list of
 * what pushes each leaf, or, with @plain, as it was first summed, every
 * point of a leaf pushed at each step of the walk. For the tests, which
 * check the two agree bit for bit. */
void _sm_layout_repulsion (guint         n,
                           const double *x,
                           const double *y,
                           const double *mass,
                           gboolean      plain,
                           double       *fx,
                           double       *fy);

/* Tidy Up's forces on large maps, in units of the length a relationship
 * settles to: @x and @y (where everyone starts, and the result) for @n
 * stakeholders tied by @ties (SmLayoutTie); those in @fixed (NULL: none)
 * stay. With @multilevel and nobody fixed, the network is first laid out
 * coarse (clusters starting where their members stand) and refined
 * level by level, then scaled so the median relationship is 1 long;
 * otherwise the forces start from where everyone is. With @radius (in
 * the same units), drawings that overlap push apart at the end. Large
 * levels split the forces over threads; the result is the same bit for
 * bit however many run. With @watch, stops early (leaving @x and @y
 * anywhere) once cancelled. */
void _sm_layout_force (guint           n,
                       GArray         *ties,
                       double         *x,
                       double         *y,
                       const gboolean *fixed,
                       const double   *radius,
                       gboolean        multilevel,
                       SmLayoutWatch  *watch);

G_END_DECLS

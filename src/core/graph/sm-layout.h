/* sm-layout.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-command.h"
#include "sm-map.h"
#include "sm-progress.h"

G_BEGIN_DECLS

/* The distance a layout aims to keep between related stakeholders, in map
 * units (the canvas draws a stakeholder about 40 units wide). */
#define SM_LAYOUT_SPACING 120.0

/* Gives every stakeholder without a position one: a force-directed layout
 * (Fruchterman–Reingold with a fixed seed, so the same map always gets the
 * same picture) in which stakeholders that have a position stay where they
 * are. Groups not connected to anyone placed are laid out on their own and
 * packed side by side. Writes straight into the map without history: for
 * importers, on maps nobody else holds yet. */
void sm_layout_place_missing (SmMap *map);

/* How far a stakeholder's drawing (its shape and its name) reaches from
 * its position, in map units: left and top are negative. */
typedef struct
{
  double left, top, right, bottom;
} SmLayoutBox;

/* Tidy Up: a force-directed layout in which the stakeholders in @pinned
 * (a set of SmRecord; NULL: none) stay exactly where they are, then no two
 * drawings overlap (@boxes, one per stakeholder in the map's order; NULL:
 * a box big enough for any shape and a two-line name), and everyone stays
 * inside exactly the regions of the map they started in (anyone who
 * cannot be both clear of the others and in their regions stays where
 * they were). When the forces would leave more relationships crossing
 * than there were, only the overlaps are pulled apart (compared up to
 * 5,000 relationships). Up to 300 stakeholders the forces are igraph's
 * Fruchterman–Reingold, seeded, starting from where everyone is; on
 * larger maps they are sm-layout-force.c's Barnes–Hut forces, multilevel
 * when nobody is pinned and there are no regions (the network is laid
 * out afresh, clusters starting where their members stand), and on maps
 * of thousands a few drawings may still overlap. Writes the new position
 * of every stakeholder, in the map's order, into @x and @y; returns FALSE
 * when there are fewer than two stakeholders or all are pinned (and @x, @y
 * hold where they are). */
gboolean sm_layout_tidy (SmMap             *map,
                         GHashTable        *pinned,
                         const SmLayoutBox *boxes,
                         double            *x,
                         double            *y);
/* The same, for a worker thread (on a map only it holds, such as a
 * copy): reports how far it is to @progress and stops when @cancellable
 * is cancelled, returning FALSE with @x and @y where everyone is. Maps
 * of up to 300 stakeholders are done in one go. */
gboolean sm_layout_tidy_full (SmMap             *map,
                              GHashTable        *pinned,
                              const SmLayoutBox *boxes,
                              GCancellable      *cancellable,
                              SmProgress        *progress,
                              double            *x,
                              double            *y);
/* The same as one undoable step titled "Tidy Up", moving only the
 * stakeholders that move; NULL when nobody would. */
SmCommand *sm_layout_tidy_command_new (SmMap             *map,
                                       GHashTable        *pinned,
                                       const SmLayoutBox *boxes);
/* The step titled "Tidy Up" that puts the stakeholders of @map (in its
 * order) at @x and @y, as sm_layout_tidy() gave them (perhaps for a copy
 * of the map); NULL when nobody would move. */
SmCommand *sm_layout_tidy_command_new_for (SmMap        *map,
                                           const double *x,
                                           const double *y);
/* Pairs of relationships whose straight lines cross (not at a stakeholder
 * they share), with the stakeholders at @x and @y (map order; NULL: where
 * they are). Pairs of stakeholders tied more than once count once. */
guint sm_layout_count_crossings (SmMap        *map,
                                 const double *x,
                                 const double *y);
/* Stress of the layout at @x and @y (map order; NULL: where they are):
 * the sum over pairs of stakeholders connected through the network of
 * (e − L·d)² / (L·d)², e their distance on the map, d the fewest steps
 * between them, L the unit of length that makes the sum least (so the
 * scale of the map does not matter). 0 is a perfect picture of the
 * network's distances. With @sources 0 (or at least the number of
 * stakeholders) every pair counts; otherwise only pairs from @sources
 * stakeholders spread evenly over the map's order, and the sum is scaled
 * up to all pairs (an estimate). */
double sm_layout_measure_stress (SmMap        *map,
                                 const double *x,
                                 const double *y,
                                 guint         sources);
/* Pairs of stakeholders whose @boxes (as for sm_layout_tidy()) overlap. */
guint sm_layout_count_overlaps (SmMap             *map,
                                const SmLayoutBox *boxes,
                                const double      *x,
                                const double      *y);

G_END_DECLS

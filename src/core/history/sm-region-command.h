/* sm-region-command.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sm-layout.h"
#include "sm-types.h"

G_BEGIN_DECLS

/* Regions (SM_RECORD_REGION) as the canvas adds, moves and resizes them,
 * each one undoable step. Deleting one is sm_command_new_remove(). */

/* A rectangle labelled @label around the stakeholders with @stakeholder_ids
 * (their shapes and names: @boxes as for sm_layout_tidy(), one per
 * stakeholder in the map's order; NULL: a box big enough for any), with a
 * margin and room at the top for the label. With no ids, or none of them
 * placed on the map, a rectangle of a usual size centred on (@x, @y). */
SmCommand *sm_region_command_new_around (SmMap             *map,
                                         GPtrArray         *stakeholder_ids,
                                         const SmLayoutBox *boxes,
                                         double             x,
                                         double             y,
                                         const char        *label);

/* The members of the region sm_region_command_new_around() adds, with no
 * id: for a region drawn and labelled before it joins the map. */
JsonObject *sm_region_dup_data_around (SmMap             *map,
                                       GPtrArray         *stakeholder_ids,
                                       const SmLayoutBox *boxes,
                                       double             x,
                                       double             y,
                                       const char        *label);

/* Three concentric ellipses centred on (@cx, @cy), "Inner circle",
 * "Involved" and "Outside the room", the outer one holding every
 * stakeholder placed on the map: one step, "Add Rings". */
SmCommand *sm_rings_command_new (SmMap *map,
                                 double cx,
                                 double cy);

/* Moves and resizes @region (centre and size, in map units) as one step;
 * NULL when a size is not above 0 or over the format's limit. */
SmCommand *sm_region_command_new_set_rect (SmRecord *region,
                                           double    cx,
                                           double    cy,
                                           double    width,
                                           double    height);

G_END_DECLS

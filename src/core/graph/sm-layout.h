/* sm-layout.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-map.h"

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

G_END_DECLS

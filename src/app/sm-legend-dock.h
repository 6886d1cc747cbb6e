/* sm-legend-dock.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-canvas.h"

G_BEGIN_DECLS

/* The legend of what a canvas shows, docked at the canvas's edge rather
 * than drawn over the map, so it never hides a stakeholder. It folds away
 * to a single line (its "expanded" property); it is hidden while there is
 * nothing to explain. */

#define SM_TYPE_LEGEND_DOCK (sm_legend_dock_get_type ())
G_DECLARE_FINAL_TYPE (SmLegendDock, sm_legend_dock, SM, LEGEND_DOCK, GtkWidget)

GtkWidget *sm_legend_dock_new (SmCanvas *canvas);
gboolean   sm_legend_dock_get_expanded (SmLegendDock *self);
void       sm_legend_dock_set_expanded (SmLegendDock *self,
                                        gboolean      expanded);

G_END_DECLS

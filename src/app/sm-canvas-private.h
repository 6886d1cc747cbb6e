/* sm-canvas-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-canvas.h"

G_BEGIN_DECLS

/* For tests: GTK 4 cannot synthesise input events, so these run exactly
 * the code the canvas's gestures and key controller run. Coordinates are
 * in widget pixels. */

void        sm_canvas_test_click           (SmCanvas        *self,
                                            double           x,
                                            double           y,
                                            guint            n_press,
                                            GdkModifierType  state);
void        sm_canvas_test_drag            (SmCanvas        *self,
                                            double           x0,
                                            double           y0,
                                            double           x1,
                                            double           y1,
                                            GdkModifierType  state);
gboolean    sm_canvas_test_key             (SmCanvas        *self,
                                            guint            keyval,
                                            GdkModifierType  state);
void        sm_canvas_test_scroll          (SmCanvas        *self,
                                            double           x,
                                            double           y,
                                            double           dx,
                                            double           dy,
                                            GdkModifierType  state);
void        sm_canvas_test_pinch           (SmCanvas        *self,
                                            double           x,
                                            double           y,
                                            double           scale);
GtkWidget  *sm_canvas_test_get_entry       (SmCanvas        *self);
GHashTable *sm_canvas_test_get_highlight   (SmCanvas        *self);
const char *sm_canvas_test_get_description (SmCanvas        *self);
void        sm_canvas_test_map_to_widget   (SmCanvas        *self,
                                            double           map_x,
                                            double           map_y,
                                            double          *x,
                                            double          *y);
void        sm_canvas_test_widget_to_map   (SmCanvas        *self,
                                            double           x,
                                            double           y,
                                            double          *map_x,
                                            double          *map_y);

G_END_DECLS

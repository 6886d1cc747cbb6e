/* sm-canvas.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-document.h"
#include "sm-render.h"

G_BEGIN_DECLS

/* Object data on an SmDocument: an SmRenderer of its map, made while the
 * file was read on a worker thread, that the canvas takes instead of
 * making its own on the main thread. */
#define SM_CANVAS_PREPARED_RENDERER "stakemap-prepared-renderer"

/* The free network map of a document, drawn by the core renderer and edited
 * by pushing commands on the document's history.
 *
 * Mouse and touch
 *   Double-click on empty space      add a stakeholder there and type its name
 *   Double-click on a stakeholder    rename it in place
 *   Double-click on a note           edit its text in place
 *   Double-click on a region's label rename it in place
 *   Click                            select a stakeholder, note or relationship
 *   Shift+click, Ctrl+click          add to or remove from the selection
 *   Drag a stakeholder or note,      move it (with the rest of the selection);
 *   or a region's label or border      a region moves alone, not its people
 *   Drag a selected region's handle  resize it (its top-left corner stays)
 *   Drag from a stakeholder's rim,   draw a relationship to the stakeholder
 *   or Alt+drag a stakeholder          where the drag ends
 *   Drag on empty space              pan
 *   Shift+drag on empty space        select the stakeholders and notes inside a band
 *   Shift+Ctrl+drag on empty space   add the stakeholders inside to the selection
 *   Middle-button drag               pan
 *   Scroll, Shift+scroll             pan vertically, horizontally
 *   Ctrl+scroll, pinch               zoom around the pointer
 *
 * Keyboard (when the map has the focus)
 *   Insert, N                        add a stakeholder; type its name; Enter
 *                                    adds it and starts the next one, Enter on
 *                                    an empty name stops, Escape cancels
 *   Shift+N                          add a note where the pointer is (or in
 *                                    the middle), about the selected
 *                                    stakeholders; type its text; Ctrl+Enter
 *                                    adds it, Escape (or no text) cancels
 *   Shift+R                          add a region around the selected
 *                                    stakeholders (or where the pointer is);
 *                                    type its label; Enter adds it, Escape
 *                                    cancels
 *   Enter, F2                        rename the selected stakeholder or
 *                                    region, or edit the selected note's text
 *   Tab, Shift+Tab                   select the next, previous stakeholder,
 *                                    then note
 *                                    (Ctrl+Tab leaves the map)
 *   Arrows, Shift+arrows             move the selected stakeholders and notes by a
 *                                    small, large step; pan with no selection
 *   Ctrl+arrows                      pan
 *   C                                connect the selected stakeholder: Tab or
 *                                    arrows choose the other end, Enter
 *                                    connects, Escape cancels
 *   Delete, BackSpace                delete the selection (relationships of
 *                                    deleted stakeholders go with them)
 *   Ctrl+A                           select every stakeholder
 *   Escape                           cancel the gesture, else clear selection
 *   Ctrl+plus, Ctrl+minus            zoom in, out
 *   Ctrl+0                           zoom to 100 %
 *   F                                zoom to fit the map
 *
 * In the power-and-interest, ladder and Power Cube arrangements positions
 * are computed, not stored: stakeholders cannot be dragged or added there.
 *
 * Every edit is one undo step: a drag, a run of arrow presses, a deletion,
 * and adding a stakeholder together with its name. A read-only document can
 * be selected in, panned and zoomed, never edited; so can a map being
 * presented (sm_canvas_set_presenting()). */

#define SM_TYPE_CANVAS (sm_canvas_get_type ())
G_DECLARE_FINAL_TYPE (SmCanvas, sm_canvas, SM, CANVAS, GtkWidget)

GtkWidget  *sm_canvas_new (SmDocument *document);
SmDocument *sm_canvas_get_document (SmCanvas *self);
void        sm_canvas_add_stakeholder (SmCanvas *self);
void        sm_canvas_add_note (SmCanvas *self);
void        sm_canvas_set_link_category (SmCanvas   *self,
                                         const char *category);
char       *sm_canvas_add_named_stakeholder (SmCanvas   *self,
                                             const char *name);
void        sm_canvas_add_region (SmCanvas *self);
void        sm_canvas_add_rings (SmCanvas *self);
gboolean    sm_canvas_start_connect (SmCanvas *self);
void        sm_canvas_zoom_in (SmCanvas *self);
void        sm_canvas_zoom_out (SmCanvas *self);
void        sm_canvas_zoom_reset (SmCanvas *self);
void        sm_canvas_zoom_to_fit (SmCanvas *self);
double      sm_canvas_get_zoom (SmCanvas *self);
void        sm_canvas_set_highlight (SmCanvas   *self,
                                     GHashTable *ids);
void        sm_canvas_set_marks (SmCanvas   *self,
                                 GHashTable *marks);
GHashTable *sm_canvas_get_marks (SmCanvas *self);
void        sm_canvas_set_arrangement (SmCanvas   *self,
                                       const char *name);
const char *sm_canvas_get_arrangement (SmCanvas *self);
SmRenderer *sm_canvas_get_renderer (SmCanvas *self);
void        sm_canvas_add_overlay (SmCanvas  *self,
                                   GtkWidget *overlay);
void        sm_canvas_set_presenting (SmCanvas *self,
                                      gboolean  presenting);
gboolean    sm_canvas_get_presenting (SmCanvas *self);
void        sm_canvas_set_compare (SmCanvas *self,
                                   SmDiff   *diff,
                                   SmMap    *other);
void        sm_canvas_fit_records (SmCanvas   *self,
                                   GHashTable *ids);
void        sm_canvas_centre_on (SmCanvas   *self,
                                 const char *id);
void        sm_canvas_get_view (SmCanvas *self,
                                double   *scale,
                                double   *centre_x,
                                double   *centre_y);
void        sm_canvas_set_view (SmCanvas *self,
                                double    scale,
                                double    centre_x,
                                double    centre_y);

G_END_DECLS

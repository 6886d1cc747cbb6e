/* sm-canvas-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sm-canvas.h"
#include "sm-render.h"

G_BEGIN_DECLS

/* The canvas's state, shared by sm-canvas.c (the widget, the viewport),
 * sm-canvas-input.c, sm-canvas-naming.c and sm-canvas-a11y.c. */

#define ZOOM_STEP 1.25

typedef enum
{
  DRAG_NONE,
  DRAG_PENDING, /* button down, not yet past the drag threshold */
  DRAG_PAN,
  DRAG_BAND,
  DRAG_MOVE,
  DRAG_CONNECT,   /* drawing a relationship */
  DRAG_RESIZE,    /* a region, by its handle */
  DRAG_CANCELLED, /* Escape during a drag: ignore the rest of it */
} DragMode;

struct _SmCanvas
{
  GtkWidget parent_instance;

  SmDocument      *document;
  SmMap           *map;
  SmSelection     *selection;
  SmRenderer      *renderer;
  GHashTable      *highlight;
  GHashTable      *marks;
  gboolean         comparing; /* another version drawn over the map */
  GPtrArray       *overlays;  /* widgets drawn over the canvas: kept clear */
  GtkWidget       *hint;      /* how to begin, on a blank map */
  AdwStyleManager *style_manager;

  /* The viewport: the map point at the top-left corner, and the scale. */
  double   scale;
  double   view_x;
  double   view_y;
  int      last_width;
  int      last_height;
  gboolean fitted;

  /* Presentation: nothing is edited, the view keeps fitted to the whole
   * map or to fit_ids (sm_canvas_fit_records()) as the screen changes. */
  gboolean    presenting;
  GHashTable *fit_ids;

  /* The category new relationships get (the workshop's kind of tie), or
   * NULL for the schema's default. */
  char *link_category;

  /* Naming in place: a new stakeholder (not yet in the map) or a rename. */
  GtkWidget *entry;
  SmRecord  *pending;
  char      *editing_id;
  gboolean   have_last;
  double     last_x; /* where the last stakeholder was added, for the next one */
  double     last_y;

  /* A note's text typed in place: a new note (not yet in the map) or an
   * edit of one. */
  GtkWidget *note_view;
  SmRecord  *note_pending;
  char      *note_editing_id;
  gboolean   pointer_inside; /* where a new note goes, if it is */

  /* A region's label typed in place, in the name entry: a new region (not
   * yet in the map) or a rename of one. */
  SmRecord *region_pending;
  char     *region_editing_id;

  char  *hover_id;
  char  *focus_id; /* set by the keyboard; the focus ring shows it */
  double pointer_x;
  double pointer_y;

  /* The primary button's drag. */
  DragMode        mode;
  double          press_x;
  double          press_y;
  GdkModifierType press_state;
  SmRecord       *press_hit;
  gboolean        press_rim;
  gboolean        press_handle; /* on a selected region's resize handle */
  gboolean        press_was_selected;
  gboolean        dragged;
  double          origin_view_x; /* the view when a pan began */
  double          origin_view_y;
  GPtrArray      *moving;
  double         *moving_x;
  double         *moving_y;
  gboolean        moved;
  double          band_x0;
  double          band_y0;
  double          band_x1;
  double          band_y1;
  double          resize_width; /* the region being resized, as it would be */
  double          resize_height;
  char           *connect_source;
  double          draft_x;
  double          draft_y;

  /* Connecting from the keyboard. */
  gboolean key_connect;
  char    *connect_target;

  gboolean nudging;
  gboolean click_consumed; /* the press did all the click does */
  gboolean allocating;

  double pinch_scale;
  double pinch_x;
  double pinch_y;

  char *description;

  /* Frames (sm-canvas.c): the last exact picture, what it was drawn for,
   * and the picture moved while the view pans or zooms. */
  guint            stamp; /* bumped by every change but the view's */
  cairo_surface_t *frame;
  char            *frame_key;
  double           frame_scale;
  double           frame_view_x;
  double           frame_view_y;
  cairo_surface_t *shifted;
  double           moved_scale;
  double           moved_view_x;
  double           moved_view_y; /* the map point at its top-left corner */
  double           moved_for_x;  /* the view it was drawn for */
  double           moved_for_y;
  guint            settle_id;
  gboolean         settle_pending;
  gboolean         settle_by_hand; /* tests: only _sm_canvas_test_settle() settles,
                                    * and only _sm_canvas_test_draw_margin() draws
                                    * the margin */
  int              frame_kind;     /* SmCanvasFrameKind of the last snapshot */
  guint            frame_serial;   /* bumped by every exact frame */
  cairo_surface_t *shown;          /* the picture the last snapshot showed */
  double           shown_x;
  double           shown_y; /* the map point at its top-left corner */
  double           shown_scale;

  /* The margin: a picture of the view and MARGIN_PX round it, drawn in
   * idle time, so that a pan within it draws nothing. */
  cairo_surface_t *margin;
  char            *margin_key;    /* frame_key() it was drawn for */
  guint            margin_serial; /* the exact frame it holds */
  double           margin_scale;
  double           margin_x;
  double           margin_y; /* the map point at its top-left corner */
  /* The next margin, drawn a piece at a time. */
  cairo_surface_t *next;
  char            *next_key;
  guint            next_serial;
  double           next_x;
  double           next_y;
  cairo_surface_t *next_paste; /* the picture shown when it was begun, pasted last */
  double           paste_x;
  double           paste_y;
  GArray          *next_pieces; /* cairo_rectangle_t, widget pixels of the next margin left to draw */
  guint            margin_id;
  gint64           margin_time; /* µs spent drawing margins, for the benchmark */
};

/* What the last snapshot showed (sm-canvas.c, "Frames"). */
typedef enum
{
  SM_CANVAS_FRAME_NONE,
  SM_CANVAS_FRAME_DRAWN,   /* drawn afresh */
  SM_CANVAS_FRAME_REUSED,  /* the last exact picture again */
  SM_CANVAS_FRAME_SHIFTED, /* a pan: the picture shifted, the strips it left drawn */
  SM_CANVAS_FRAME_SCALED,  /* a zoom step: the last exact picture scaled */
  SM_CANVAS_FRAME_MARGIN,  /* a pan within the margin: nothing drawn */
} SmCanvasFrameKind;

/* sm-canvas-frames.c */

void _sm_canvas_redraw (SmCanvas *self);
void _sm_canvas_drop_frames (SmCanvas *self);
void _sm_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot);

/* sm-canvas.c */

void      _sm_canvas_widget_to_map (SmCanvas *self,
                                    double    x,
                                    double    y,
                                    double   *map_x,
                                    double   *map_y);
void      _sm_canvas_map_to_widget (SmCanvas *self,
                                    double    map_x,
                                    double    map_y,
                                    double   *x,
                                    double   *y);
void      _sm_canvas_get_viewport (SmCanvas   *self,
                                   SmViewport *viewport);
gboolean  _sm_canvas_is_read_only (SmCanvas *self);
gboolean  _sm_canvas_can_place (SmCanvas *self);
gboolean  _sm_canvas_is_editing (SmCanvas *self);
SmRecord *_sm_canvas_lookup_stakeholder (SmCanvas   *self,
                                         const char *id);
void      _sm_canvas_set_string (char      **field,
                                 const char *value);
SmRecord *_sm_canvas_hit (SmCanvas *self,
                          double    x,
                          double    y,
                          gboolean *rim);
void      _sm_canvas_set_view (SmCanvas *self,
                               double    scale,
                               double    view_x,
                               double    view_y);
void      _sm_canvas_zoom_around (SmCanvas *self,
                                  double    scale,
                                  double    x,
                                  double    y);
void      _sm_canvas_pan_by (SmCanvas *self,
                             double    dx,
                             double    dy);
void      _sm_canvas_ensure_visible (SmCanvas *self,
                                     double    map_x,
                                     double    map_y,
                                     double    margin_px);
void      _sm_canvas_show_record (SmCanvas *self,
                                  SmRecord *record);
void      _sm_canvas_get_free_area (SmCanvas        *self,
                                    graphene_rect_t *area);
void      _sm_canvas_update_hint (SmCanvas *self);
char     *_sm_canvas_dup_hint_text (SmCanvas *self);

/* Objects on the map (stakeholders, notes): what is hit, selected,
 * dragged, nudged and deleted. */

gboolean   _sm_canvas_is_movable (SmRecord *record);
gboolean   _sm_canvas_get_record_position (SmCanvas *self,
                                           SmRecord *record,
                                           double   *x,
                                           double   *y);
GPtrArray *_sm_canvas_dup_movable_selection (SmCanvas *self);

/* sm-canvas-input.c */

void     _sm_canvas_init_input (SmCanvas *self);
void     _sm_canvas_delete_selection (SmCanvas *self);
gboolean _sm_canvas_start_key_connect (SmCanvas *self);
void     _sm_canvas_stop_key_connect (SmCanvas *self);
void     _sm_canvas_clear_moving (SmCanvas *self);

/* sm-canvas-naming.c */

void _sm_canvas_init_naming (SmCanvas *self);
void _sm_canvas_find_spot (SmCanvas *self,
                           double   *x,
                           double   *y);
void _sm_canvas_keep_in_view (SmCanvas *self,
                              double   *x,
                              double   *y);
void _sm_canvas_begin_new (SmCanvas *self,
                           double    x,
                           double    y);
void _sm_canvas_begin_rename (SmCanvas *self,
                              SmRecord *stakeholder);
void _sm_canvas_stop_editing (SmCanvas *self,
                              gboolean  commit,
                              gboolean  chain);

/* sm-canvas-notes.c */

void     _sm_canvas_init_notes (SmCanvas *self);
gboolean _sm_canvas_is_editing_note (SmCanvas *self);
void     _sm_canvas_begin_new_note (SmCanvas *self,
                                    double    x,
                                    double    y);
void     _sm_canvas_begin_note_edit (SmCanvas *self,
                                     SmRecord *note);
void     _sm_canvas_stop_note_editing (SmCanvas *self,
                                       gboolean  commit);
void     _sm_canvas_allocate_note_editor (SmCanvas *self);

/* sm-canvas-regions.c */

gboolean  _sm_canvas_is_editing_region (SmCanvas *self);
void      _sm_canvas_begin_new_region (SmCanvas *self,
                                       double    x,
                                       double    y);
void      _sm_canvas_begin_region_edit (SmCanvas *self,
                                        SmRecord *region);
void      _sm_canvas_stop_region_editing (SmCanvas *self,
                                          gboolean  commit);
void      _sm_canvas_allocate_region_entry (SmCanvas *self);
void      _sm_canvas_draw_region_drafts (SmCanvas *self,
                                         cairo_t  *cr);
SmRecord *_sm_canvas_hit_region_handle (SmCanvas *self,
                                        double    x,
                                        double    y);
void      _sm_canvas_update_resize (SmCanvas *self,
                                    double    x,
                                    double    y);
void      _sm_canvas_finish_resize (SmCanvas *self);

/* sm-canvas-a11y.c */

void _sm_canvas_update_description (SmCanvas *self);

/* Test hooks
 *
 * GTK 4 cannot synthesise input events, so these run exactly the code the
 * canvas's gestures and key controller run. Coordinates are in widget
 * pixels. */

void        _sm_canvas_test_click (SmCanvas       *self,
                                   double          x,
                                   double          y,
                                   guint           n_press,
                                   GdkModifierType state);
void        _sm_canvas_test_drag (SmCanvas       *self,
                                  double          x0,
                                  double          y0,
                                  double          x1,
                                  double          y1,
                                  GdkModifierType state);
gboolean    _sm_canvas_test_key (SmCanvas       *self,
                                 guint           keyval,
                                 GdkModifierType state);
void        _sm_canvas_test_scroll (SmCanvas       *self,
                                    double          x,
                                    double          y,
                                    double          dx,
                                    double          dy,
                                    GdkModifierType state);
void        _sm_canvas_test_motion (SmCanvas *self,
                                    double    x,
                                    double    y);
void        _sm_canvas_test_pinch (SmCanvas *self,
                                   double    x,
                                   double    y,
                                   double    scale);
GtkWidget  *_sm_canvas_test_get_entry (SmCanvas *self);
GtkWidget  *_sm_canvas_test_get_note_editor (SmCanvas *self);
gboolean    _sm_canvas_test_note_key (SmCanvas       *self,
                                      guint           keyval,
                                      GdkModifierType state);
GtkWidget  *_sm_canvas_test_get_hint (SmCanvas *self);
const char *_sm_canvas_test_get_hover (SmCanvas *self);
GHashTable *_sm_canvas_test_get_highlight (SmCanvas *self);
const char *_sm_canvas_test_get_description (SmCanvas *self);
void        _sm_canvas_test_map_to_widget (SmCanvas *self,
                                           double    map_x,
                                           double    map_y,
                                           double   *x,
                                           double   *y);
void        _sm_canvas_test_widget_to_map (SmCanvas *self,
                                           double    x,
                                           double    y,
                                           double   *map_x,
                                           double   *map_y);

/* Frames as the snapshot makes them, at the widget's device scale: what
 * it shows now, and what a full redraw of the same view draws. settle
 * draws the exact frame a pan or zoom waits for, now (FALSE: none was
 * waiting). */
cairo_surface_t  *_sm_canvas_test_dup_frame (SmCanvas *self);
cairo_surface_t  *_sm_canvas_test_draw_fresh (SmCanvas *self);
gboolean          _sm_canvas_test_settle (SmCanvas *self);
void              _sm_canvas_test_settle_by_hand (SmCanvas *self);
SmCanvasFrameKind _sm_canvas_test_get_frame_kind (SmCanvas *self);
/* Draws the margin round the view now, as idle time would: @steps idle
 * calls' worth, or all of it for 0 (FALSE: none was wanted). */
gboolean _sm_canvas_test_draw_margin (SmCanvas *self,
                                      guint     steps);
/* Drops the margin, as if a drag outran it. */
void _sm_canvas_test_drop_margin (SmCanvas *self);
/* The time spent drawing margins in idle time since the last call, in
 * milliseconds. */
double _sm_canvas_test_take_margin_ms (SmCanvas *self);

G_END_DECLS

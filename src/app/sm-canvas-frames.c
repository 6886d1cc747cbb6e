/* sm-canvas-frames.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "sm-canvas.h"
#include "sm-canvas-private.h"
#include "sm-render.h"

/* Frames
 *
 * A frame of a large map costs tens of milliseconds, too much for a pan or
 * a zoom that wants one every 16. The canvas keeps its last exact picture
 * (self->frame, an image at the widget's device scale) with what it was
 * drawn for: frame_key() says the size, the device scale, the style, what
 * is hovered, focused and being edited, and self->stamp, which every
 * change of the map or of what is marked on it bumps
 * (_sm_canvas_redraw()). Anything else drawn by the snapshot (a drag that
 * moves, connects, bands or resizes) is never kept.
 *
 * A frame with the same key and view shows that picture again. While only
 * the view moves, a frame is that picture moved: shifted for a pan, the
 * strips it leaves drawn by the renderer for the new view (the rest of a
 * frame depends on where the view is, not only on its scale: names kept
 * in view, density textures, which lines are clipped); scaled for a zoom
 * step. SETTLE_MS after the view last moved the exact frame is drawn, so
 * the picture the user is left with is always a full redraw. */

#define SETTLE_MS 150

#define NOT_NULL(s) ((s) != NULL ? (s) : "")

static char *
frame_key (SmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  return g_strdup_printf ("%d %d %d %d %d %d %p %u [%s] [%s] [%s] [%s] [%s] %p %p %p",
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                          gtk_widget_get_scale_factor (widget), adw_style_manager_get_dark (self->style_manager),
                          self->presenting, self->comparing, (void *) sm_renderer_get_arrangement_info (self->renderer),
                          self->stamp, NOT_NULL (self->hover_id),
                          gtk_widget_has_focus (widget) ? NOT_NULL (self->focus_id) : "", NOT_NULL (self->editing_id),
                          NOT_NULL (self->note_editing_id), NOT_NULL (self->region_editing_id), (void *) self->pending,
                          (void *) self->note_pending, (void *) self->region_pending);
}

/* Whether what the snapshot draws is all in the key: no drag that draws
 * as it goes. */
static gboolean
frame_keepable (SmCanvas *self)
{
  return (self->mode == DRAG_NONE || self->mode == DRAG_PENDING || self->mode == DRAG_PAN ||
          self->mode == DRAG_CANCELLED) &&
         !self->key_connect && self->pending == NULL && self->region_pending == NULL;
}

/* Any change to what is drawn but the view: the next frame is drawn
 * afresh. */
void
_sm_canvas_redraw (SmCanvas *self)
{
  self->stamp++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_sm_canvas_drop_frames (SmCanvas *self)
{
  g_clear_pointer (&self->frame, cairo_surface_destroy);
  g_clear_pointer (&self->frame_key, g_free);
  g_clear_pointer (&self->shifted, cairo_surface_destroy);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_pending = FALSE;
}

static gboolean
settle_cb (gpointer data)
{
  SmCanvas *self = data;

  self->settle_id = 0;
  self->settle_pending = FALSE;
  /* The exact frame, drawn afresh. */
  g_clear_pointer (&self->frame, cairo_surface_destroy);
  g_clear_pointer (&self->shifted, cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static const cairo_user_data_key_t frame_data_key;

/* An image the size of the widget in device pixels; @cleared FALSE when
 * whoever draws into it sets every pixel (a moved picture, painted with
 * CAIRO_OPERATOR_SOURCE), which saves clearing megabytes a frame. */
static cairo_surface_t *
frame_surface_new (SmCanvas *self,
                   gboolean  cleared)
{
  GtkWidget       *widget = GTK_WIDGET (self);
  int              factor = MAX (gtk_widget_get_scale_factor (widget), 1);
  int              width = MAX (gtk_widget_get_width (widget), 1) * factor;
  int              height = MAX (gtk_widget_get_height (widget), 1) * factor;
  int              stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  cairo_surface_t *surface;
  guchar          *data;

  if (cleared)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else
    {
      data = g_malloc ((gsize) stride * height);
      surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, width, height, stride);
      cairo_surface_set_user_data (surface, &frame_data_key, data, g_free);
    }
  cairo_surface_set_device_scale (surface, factor, factor);
  return surface;
}

/* What the view adds to the map: selection, hover, drafts. */
static void
get_state (SmCanvas      *self,
           SmRenderState *state)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean   dark = adw_style_manager_get_dark (self->style_manager);

  *state = (SmRenderState) { 0 };
  state->flags = dark ? SM_RENDER_DARK : 0;
  /* The projector's white, not the window's background, dark or not. */
  if (self->presenting)
    state->flags |= SM_RENDER_BACKGROUND;
  state->selection = self->selection;
  state->highlight = self->highlight;
  state->marks = self->marks;
  state->hover_id = self->hover_id;
  state->focus_id = gtk_widget_has_focus (widget) ? self->focus_id : NULL;
  state->editing_id = self->editing_id != NULL        ? self->editing_id
                      : self->note_editing_id != NULL ? self->note_editing_id
                                                      : self->region_editing_id;
  if (self->mode == DRAG_CONNECT || self->key_connect)
    {
      state->draft_source = self->connect_source;
      state->draft_x = self->draft_x;
      state->draft_y = self->draft_y;
    }
  if (self->mode == DRAG_BAND)
    {
      state->band = TRUE;
      state->band_x = MIN (self->band_x0, self->band_x1);
      state->band_y = MIN (self->band_y0, self->band_y1);
      state->band_width = fabs (self->band_x1 - self->band_x0);
      state->band_height = fabs (self->band_y1 - self->band_y0);
    }
}

/* The whole frame as the renderer draws it for the view, with what the
 * canvas adds: the place of a stakeholder being named, region drafts. */
static void
draw_frame (SmCanvas *self,
            cairo_t  *cr)
{
  gboolean      dark = adw_style_manager_get_dark (self->style_manager);
  SmRenderState state;
  SmViewport    viewport;

  _sm_canvas_get_viewport (self, &viewport);
  get_state (self, &state);
  sm_renderer_draw (self->renderer, cr, &viewport, &state);

  /* The stakeholder being named is not in the map yet: mark its place. */
  if (self->pending != NULL)
    {
      double mx = 0, my = 0, x, y;
      double dashes[] = { 6, 4 };

      sm_stakeholder_get_position (self->pending, &mx, &my);
      _sm_canvas_map_to_widget (self, mx, my, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, sm_renderer_node_radius (self->pending) * self->scale, 0, 2 * G_PI);
      /* The Adwaita accent blue, lighter on dark. */
      if (dark)
        cairo_set_source_rgb (cr, 0.47, 0.68, 0.93);
      else
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
    }
  _sm_canvas_draw_region_drafts (self, cr);
}

/* The part of the view at (@x, @y), @width × @height widget pixels, of a
 * picture whose top-left corner is the map point (@origin_x, @origin_y),
 * drawn
 * as the renderer draws that part on its own: a strip a pan uncovers.
 * What the renderer places by where the view ends (names kept in view,
 * density, clipped lines) can differ from a full frame there; the exact
 * frame follows when the view rests. */
static void
draw_strip (SmCanvas *self,
            cairo_t  *cr,
            double    origin_x,
            double    origin_y,
            double    x,
            double    y,
            double    width,
            double    height)
{
  SmRenderState state;
  SmViewport    viewport;

  if (width <= 0 || height <= 0)
    return;
  _sm_canvas_get_viewport (self, &viewport);
  get_state (self, &state);
  state.flags |= SM_RENDER_PART;
  viewport.x = origin_x + x / self->scale;
  viewport.y = origin_y + y / self->scale;
  viewport.width = width;
  viewport.height = height;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  sm_renderer_draw (self->renderer, cr, &viewport, &state);
  cairo_restore (cr);
}

/* A full frame for the view, kept as the exact picture. */
static void
draw_exact (SmCanvas *self)
{
  cairo_surface_t *surface = frame_surface_new (self, TRUE);
  cairo_t         *cr = cairo_create (surface);

  draw_frame (self, cr);
  cairo_destroy (cr);
  _sm_canvas_drop_frames (self);
  self->frame = surface;
  self->frame_scale = self->scale;
  self->frame_view_x = self->view_x;
  self->frame_view_y = self->view_y;
  self->frame_kind = SM_CANVAS_FRAME_DRAWN;
}

/* A frame while the view moves: the last picture at the same scale
 * shifted, with the strips it leaves drawn for the new view; at another
 * scale, the last exact picture scaled. */
static void
draw_moved (SmCanvas *self)
{
  int              width = gtk_widget_get_width (GTK_WIDGET (self));
  int              height = gtk_widget_get_height (GTK_WIDGET (self));
  int              factor = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  cairo_surface_t *surface = frame_surface_new (self, FALSE);
  cairo_t         *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  if (self->scale == self->frame_scale)
    {
      gboolean         from_moved = self->shifted != NULL && self->moved_scale == self->scale;
      cairo_surface_t *base = from_moved ? self->shifted : self->frame;
      double           bx = from_moved ? self->moved_view_x : self->frame_view_x;
      double           by = from_moved ? self->moved_view_y : self->frame_view_y;
      /* Where the old picture lands, in whole device pixels. */
      double sx = round ((bx - self->view_x) * self->scale * factor) / factor;
      double sy = round ((by - self->view_y) * self->scale * factor) / factor;
      /* The view the picture shows: the view, to less than half a device
       * pixel, so pans by fractions add up instead of drifting. */
      double px = bx - sx / self->scale;
      double py = by - sy / self->scale;

      cairo_set_source_surface (cr, base, sx, sy);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

      /* The strips the old picture does not cover: the columns, then
       * the rows beside them. */
      if (sx > 0)
        draw_strip (self, cr, px, py, 0, 0, sx, height);
      else if (sx < 0)
        draw_strip (self, cr, px, py, width + sx, 0, -sx, height);
      if (sy > 0)
        draw_strip (self, cr, px, py, MAX (sx, 0), 0, width - fabs (sx), sy);
      else if (sy < 0)
        draw_strip (self, cr, px, py, MAX (sx, 0), height + sy, width - fabs (sx), -sy);
      self->moved_view_x = px;
      self->moved_view_y = py;
      self->frame_kind = SM_CANVAS_FRAME_SHIFTED;
    }
  else
    {
      double k = self->scale / self->frame_scale;

      cairo_translate (cr, (self->frame_view_x - self->view_x) * self->scale,
                       (self->frame_view_y - self->view_y) * self->scale);
      cairo_scale (cr, k, k);
      cairo_set_source_surface (cr, self->frame, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      self->moved_view_x = self->view_x;
      self->moved_view_y = self->view_y;
      self->frame_kind = SM_CANVAS_FRAME_SCALED;
    }
  cairo_destroy (cr);

  g_clear_pointer (&self->shifted, cairo_surface_destroy);
  self->shifted = surface;
  self->moved_scale = self->scale;
  self->moved_for_x = self->view_x;
  self->moved_for_y = self->view_y;

  /* The exact frame once the view rests. */
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_pending = TRUE;
  if (!self->settle_by_hand)
    self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

/* Which picture the view needs now: reused, moved or drawn afresh. */
static cairo_surface_t *
update_frame (SmCanvas *self)
{
  g_autofree char *key = frame_key (self);

  if (!frame_keepable (self) || self->frame == NULL || g_strcmp0 (key, self->frame_key) != 0)
    {
      draw_exact (self);
      self->frame_key = g_steal_pointer (&key);
      return self->frame;
    }
  if (self->scale == self->frame_scale && self->view_x == self->frame_view_x &&
      self->view_y == self->frame_view_y)
    {
      /* Back where the exact picture was drawn: nothing to wait for. */
      g_clear_pointer (&self->shifted, cairo_surface_destroy);
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_pending = FALSE;
      self->frame_kind = SM_CANVAS_FRAME_REUSED;
      return self->frame;
    }
  if (self->shifted != NULL && self->scale == self->moved_scale && self->view_x == self->moved_for_x &&
      self->view_y == self->moved_for_y)
    {
      self->frame_kind = self->scale == self->frame_scale ? SM_CANVAS_FRAME_SHIFTED : SM_CANVAS_FRAME_SCALED;
      return self->shifted;
    }
  draw_moved (self);
  return self->shifted;
}

/* The picture handed to GTK (picture_source()) hands itself over as it
 * is, kept alive by every copy of the pattern. */
static cairo_surface_t *
picture_acquire_cb (cairo_pattern_t             *pattern,
                    void                        *data,
                    cairo_surface_t             *target,
                    const cairo_rectangle_int_t *extents)
{
  return cairo_surface_reference (data);
}

static void
picture_release_cb (cairo_pattern_t *pattern,
                    void            *data,
                    cairo_surface_t *surface)
{
  cairo_surface_destroy (surface);
}

static cairo_status_t
picture_copy_cb (cairo_pattern_t       *pattern,
                 void                  *data,
                 const cairo_pattern_t *other)
{
  cairo_surface_reference (data);
  return CAIRO_STATUS_SUCCESS;
}

static void
picture_finish_cb (cairo_pattern_t *pattern,
                   void            *data)
{
  cairo_surface_destroy (data);
}

/* @picture as a pattern of the widget's size, for the recording GTK keeps
 * of a frame. Painted as a plain surface, the recording would take a
 * cairo snapshot of it, which the picture keeps until it dies and then
 * copies, every pixel into fresh memory, whether the recording is still
 * there or not: on a pan that copy of the last picture cost more than
 * the strips. A picture is never drawn on once it is shown (a moved or
 * exact frame is always a new one), so the recording may read the
 * picture itself, for as long as it keeps the pattern. */
static cairo_pattern_t *
picture_source (cairo_surface_t *picture)
{
  int              width = cairo_image_surface_get_width (picture);
  int              height = cairo_image_surface_get_height (picture);
  double           sx = 1, sy = 1;
  cairo_pattern_t *pattern;
  cairo_matrix_t   matrix;

  pattern = cairo_pattern_create_raster_source (cairo_surface_reference (picture), CAIRO_CONTENT_COLOR_ALPHA, width,
                                                height);
  cairo_raster_source_pattern_set_acquire (pattern, picture_acquire_cb, picture_release_cb);
  cairo_raster_source_pattern_set_copy (pattern, picture_copy_cb);
  cairo_raster_source_pattern_set_finish (pattern, picture_finish_cb);
  /* Its pixels are device pixels. */
  cairo_surface_get_device_scale (picture, &sx, &sy);
  cairo_matrix_init_scale (&matrix, sx, sy);
  cairo_pattern_set_matrix (pattern, &matrix);
  return pattern;
}

/* GtkWidget */

void
_sm_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  SmCanvas        *self = SM_CANVAS (widget);
  int              width = gtk_widget_get_width (widget);
  int              height = gtk_widget_get_height (widget);
  cairo_surface_t *picture;
  cairo_pattern_t *source;
  cairo_t         *cr;

  if (width <= 0 || height <= 0)
    return;

  /* The picture, copied as it is: its pixels are the widget's device
   * pixels. A cairo node replays it cheaper than GTK 4.8 converts a
   * texture. */
  picture = update_frame (self);
  source = picture_source (picture);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source (cr, source);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_pattern_destroy (source);

  if (gtk_widget_get_visible (self->hint))
    gtk_widget_snapshot_child (widget, self->hint, snapshot);
  if (gtk_widget_get_visible (self->entry))
    gtk_widget_snapshot_child (widget, self->entry, snapshot);
  if (gtk_widget_get_visible (self->note_view))
    gtk_widget_snapshot_child (widget, self->note_view, snapshot);
}

/* Test hooks */

cairo_surface_t *
_sm_canvas_test_dup_frame (SmCanvas *self)
{
  GtkWidget       *widget = GTK_WIDGET (self);
  GtkSnapshot     *snapshot = gtk_snapshot_new ();
  GskRenderNode   *node;
  cairo_surface_t *surface = frame_surface_new (self, TRUE);
  cairo_t         *cr = cairo_create (surface);

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  g_clear_pointer (&node, gsk_render_node_unref);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

cairo_surface_t *
_sm_canvas_test_draw_fresh (SmCanvas *self)
{
  cairo_surface_t *surface = frame_surface_new (self, TRUE);
  cairo_t         *cr = cairo_create (surface);

  draw_frame (self, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

gboolean
_sm_canvas_test_settle (SmCanvas *self)
{
  if (!self->settle_pending)
    return FALSE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  settle_cb (self);
  return TRUE;
}

SmCanvasFrameKind
_sm_canvas_test_get_frame_kind (SmCanvas *self)
{
  return self->frame_kind;
}

void
_sm_canvas_test_settle_by_hand (SmCanvas *self)
{
  self->settle_by_hand = TRUE;
}

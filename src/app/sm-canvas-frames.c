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
 * the picture the user is left with is always a full redraw.
 *
 * On a large map the strips a pan uncovers cost several times the copy
 * of the picture. So, in idle time after a frame, the canvas draws a
 * margin (self->margin): the picture it shows with MARGIN_PX more on
 * each side, drawn as the strips of a pan are, a piece per idle call. A
 * pan that stays within it shows a window of it and draws nothing; as
 * the view nears its edge, the next margin is drawn round the view from
 * the last one, so a drag draws in the time between its frames what it
 * used to draw in them. A margin is shown only with the exact frame it
 * was drawn round and for the same key and scale. */

#define SETTLE_MS 150
#define MARGIN_PX 256
/* The most widget pixels an idle call draws of a margin: about what a
 * drag step used to, so that a drag that begins as the margin is drawn
 * waits no longer than it did. */
#define MARGIN_PIECE_AREA (256 * 512)

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

/* The margin being drawn, given up. */
static void
margin_clear_next (SmCanvas *self)
{
  g_clear_pointer (&self->next, cairo_surface_destroy);
  g_clear_pointer (&self->next_key, g_free);
  g_clear_pointer (&self->next_paste, cairo_surface_destroy);
  g_clear_pointer (&self->next_pieces, g_array_unref);
}

static void
margin_drop (SmCanvas *self)
{
  margin_clear_next (self);
  g_clear_handle_id (&self->margin_id, g_source_remove);
  g_clear_pointer (&self->margin, cairo_surface_destroy);
  g_clear_pointer (&self->margin_key, g_free);
}

/* The pictures of the view, without the margin. */
static void
drop_view_frames (SmCanvas *self)
{
  g_clear_pointer (&self->frame, cairo_surface_destroy);
  g_clear_pointer (&self->frame_key, g_free);
  g_clear_pointer (&self->shifted, cairo_surface_destroy);
  g_clear_pointer (&self->shown, cairo_surface_destroy);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_pending = FALSE;
}

void
_sm_canvas_drop_frames (SmCanvas *self)
{
  drop_view_frames (self);
  margin_drop (self);
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

/* An image of @width × @height widget pixels at the widget's device
 * scale; @cleared FALSE when whoever draws into it sets every pixel (a
 * moved picture, painted with CAIRO_OPERATOR_SOURCE), which saves
 * clearing megabytes a frame. */
static cairo_surface_t *
picture_new (SmCanvas *self,
             int       width,
             int       height,
             gboolean  cleared)
{
  int              factor = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  int              stride;
  cairo_surface_t *surface;
  guchar          *data;

  width = MAX (width, 1) * factor;
  height = MAX (height, 1) * factor;
  stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);

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

/* An image the size of the widget. */
static cairo_surface_t *
frame_surface_new (SmCanvas *self,
                   gboolean  cleared)
{
  return picture_new (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                      cleared);
}

/* A picture's size in widget pixels. */
static void
picture_get_size (cairo_surface_t *picture,
                  double          *width,
                  double          *height)
{
  double sx = 1, sy = 1;

  cairo_surface_get_device_scale (picture, &sx, &sy);
  *width = cairo_image_surface_get_width (picture) / sx;
  *height = cairo_image_surface_get_height (picture) / sy;
}

/* Where a picture whose top-left corner is the map point (@x, @y) lands
 * in the view, in whole device pixels. */
static void
picture_offset (SmCanvas *self,
                double    x,
                double    y,
                double   *offset_x,
                double   *offset_y)
{
  int factor = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);

  *offset_x = round ((x - self->view_x) * self->scale * factor) / factor;
  *offset_y = round ((y - self->view_y) * self->scale * factor) / factor;
}

/* What of a @width × @height area a rectangle at (@x, @y), @covered_width
 * × @covered_height, leaves uncovered, as at most four rectangles: the
 * columns to its left and right, then the rows above and below it
 * between them. Returns how many. */
static guint
uncovered_pieces (double             width,
                  double             height,
                  double             x,
                  double             y,
                  double             covered_width,
                  double             covered_height,
                  cairo_rectangle_t *pieces)
{
  double left = CLAMP (x, 0, width), right = CLAMP (x + covered_width, left, width);
  double top = CLAMP (y, 0, height), bottom = CLAMP (y + covered_height, top, height);
  guint  n = 0;

  if (left > 0)
    pieces[n++] = (cairo_rectangle_t) { 0, 0, left, height };
  if (right < width)
    pieces[n++] = (cairo_rectangle_t) { right, 0, width - right, height };
  if (right > left && top > 0)
    pieces[n++] = (cairo_rectangle_t) { left, 0, right - left, top };
  if (right > left && bottom < height)
    pieces[n++] = (cairo_rectangle_t) { left, bottom, right - left, height - bottom };
  return n;
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

/* A full frame for the view, kept as the exact picture. The margin
 * stays: the next one is drawn from it. */
static void
draw_exact (SmCanvas *self)
{
  cairo_surface_t *surface = frame_surface_new (self, TRUE);
  cairo_t         *cr = cairo_create (surface);

  draw_frame (self, cr);
  cairo_destroy (cr);
  drop_view_frames (self);
  self->frame = surface;
  self->frame_scale = self->scale;
  self->frame_view_x = self->view_x;
  self->frame_view_y = self->view_y;
  self->frame_serial++;
  self->frame_kind = SM_CANVAS_FRAME_DRAWN;
}

/* Whether the margin was drawn round the exact frame, for the same key
 * (and so at its scale). */
static gboolean
margin_with_frame (SmCanvas *self)
{
  return self->margin != NULL && self->margin_serial == self->frame_serial &&
         self->margin_scale == self->frame_scale && g_strcmp0 (self->margin_key, self->frame_key) == 0;
}

/* The exact frame once the view rests. */
static void
settle_later (SmCanvas *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_pending = TRUE;
  if (!self->settle_by_hand)
    self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

/* A frame while the view moves: at the same scale, the picture shown last
 * (or the exact one) shifted, with what it leaves uncovered drawn for the
 * new view; at another scale, the last exact picture scaled, with its
 * margin if there is one. */
static void
draw_moved (SmCanvas *self)
{
  int              width = gtk_widget_get_width (GTK_WIDGET (self));
  int              height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_surface_t *surface = frame_surface_new (self, FALSE);
  cairo_t         *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  if (self->scale == self->frame_scale)
    {
      gboolean          from_shown = self->shown != NULL && self->shown_scale == self->scale;
      cairo_surface_t  *base = from_shown ? self->shown : self->frame;
      double            bx = from_shown ? self->shown_x : self->frame_view_x;
      double            by = from_shown ? self->shown_y : self->frame_view_y;
      double            sx, sy, bw, bh, px, py;
      cairo_rectangle_t pieces[4];
      guint             n;

      /* Where the old picture lands, in whole device pixels. */
      picture_offset (self, bx, by, &sx, &sy);
      picture_get_size (base, &bw, &bh);
      /* The view the picture shows: the view, to less than half a device
       * pixel, so pans by fractions add up instead of drifting. */
      px = bx - sx / self->scale;
      py = by - sy / self->scale;

      cairo_set_source_surface (cr, base, sx, sy);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

      /* What the old picture does not cover: the columns, then the rows
       * beside them. */
      n = uncovered_pieces (width, height, sx, sy, bw, bh, pieces);
      for (guint i = 0; i < n; i++)
        draw_strip (self, cr, px, py, pieces[i].x, pieces[i].y, pieces[i].width, pieces[i].height);
      self->moved_view_x = px;
      self->moved_view_y = py;
      self->frame_kind = SM_CANVAS_FRAME_SHIFTED;
    }
  else
    {
      double k = self->scale / self->frame_scale;
      /* The margin round the exact frame, if drawn: zooming out shows
       * what is round the view rather than a blank border. */
      gboolean         with_margin = margin_with_frame (self);
      cairo_surface_t *base = with_margin ? self->margin : self->frame;
      double           bx = with_margin ? self->margin_x : self->frame_view_x;
      double           by = with_margin ? self->margin_y : self->frame_view_y;

      cairo_translate (cr, (bx - self->view_x) * self->scale, (by - self->view_y) * self->scale);
      cairo_scale (cr, k, k);
      cairo_set_source_surface (cr, base, 0, 0);
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
  settle_later (self);
}

/* The margin */

/* Whether the margin may be shown: drawn round the exact frame, for the
 * same key and the view's scale. */
static gboolean
margin_usable (SmCanvas *self)
{
  return margin_with_frame (self) && self->margin_scale == self->scale;
}

/* Where the margin lands in the view (@offset_x, @offset_y, widget
 * pixels), and how far the view is from its edges: the least of the four
 * distances. Negative when the view is not all in it. */
static double
margin_clearance (SmCanvas *self,
                  double   *offset_x,
                  double   *offset_y)
{
  int    width = gtk_widget_get_width (GTK_WIDGET (self));
  int    height = gtk_widget_get_height (GTK_WIDGET (self));
  double w, h;

  picture_get_size (self->margin, &w, &h);
  picture_offset (self, self->margin_x, self->margin_y, offset_x, offset_y);
  return MIN (MIN (-*offset_x, -*offset_y), MIN (*offset_x + w - width, *offset_y + h - height));
}

/* Whether a margin should be drawn round the view: none goes with the
 * exact frame, or the view is within half a margin of its edge. */
static gboolean
margin_wanted (SmCanvas *self)
{
  double x, y;

  return !margin_usable (self) || margin_clearance (self, &x, &y) < MARGIN_PX / 2.0;
}

/* How much of a @width × @height view a picture at (@x, @y) covers. */
static double
overlap (double           width,
         double           height,
         double           x,
         double           y,
         cairo_surface_t *picture)
{
  double w, h;

  picture_get_size (picture, &w, &h);
  return MAX (MIN (x + w, width) - MAX (x, 0), 0) * MAX (MIN (y + h, height) - MAX (y, 0), 0);
}

/* Begins the next margin round the view, in whole device pixels from the
 * picture shown: what the last margin holds of it is copied, the picture
 * shown is pasted last (it may be the exact frame), and the rest is left
 * as pieces to draw. */
static gboolean
margin_begin (SmCanvas *self)
{
  int               width = gtk_widget_get_width (GTK_WIDGET (self));
  int               height = gtk_widget_get_height (GTK_WIDGET (self));
  int               factor = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  double            k = self->scale * factor;
  double            nw = width + 2 * MARGIN_PX, nh = height + 2 * MARGIN_PX;
  double            mx = 0, my = 0, cw, ch;
  double           *cx = &self->paste_x, *cy = &self->paste_y;
  cairo_rectangle_t pieces[4];
  guint             n;

  if (self->shown == NULL || self->shown_scale != self->scale || width <= 0 || height <= 0)
    return FALSE;
  self->next_x = self->shown_x + round ((self->view_x - MARGIN_PX / self->scale - self->shown_x) * k) / k;
  self->next_y = self->shown_y + round ((self->view_y - MARGIN_PX / self->scale - self->shown_y) * k) / k;
  self->next = picture_new (self, nw, nh, TRUE);
  self->next_key = g_strdup (self->frame_key);
  self->next_serial = self->frame_serial;
  self->paste_x = round ((self->shown_x - self->next_x) * k) / factor;
  self->paste_y = round ((self->shown_y - self->next_y) * k) / factor;
  picture_get_size (self->shown, &cw, &ch);

  /* What the last margin holds is not drawn again, if it holds at least
   * as much as the picture shown (it may be that picture) and lands on
   * whole device pixels (a view that rested after a pan by a fraction of
   * a pixel does not). */
  mx = (self->margin_x - self->next_x) * k;
  my = (self->margin_y - self->next_y) * k;
  if (self->margin != NULL && self->margin_scale == self->scale &&
      g_strcmp0 (self->margin_key, self->frame_key) == 0 && fabs (mx - round (mx)) < 0.01 &&
      fabs (my - round (my)) < 0.01)
    {
      mx = round (mx) / factor;
      my = round (my) / factor;
      if (overlap (nw, nh, mx, my, self->margin) >= overlap (nw, nh, *cx, *cy, self->shown))
        {
          cairo_t *cr = cairo_create (self->next);

          cairo_set_source_surface (cr, self->margin, mx, my);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
          cairo_paint (cr);
          cairo_destroy (cr);
          cx = &mx, cy = &my;
          picture_get_size (self->margin, &cw, &ch);
        }
    }
  /* The picture shown is pasted last, unless it is the margin copied. */
  if (cx == &self->paste_x || self->shown != self->margin)
    self->next_paste = cairo_surface_reference (self->shown);
  /* Each piece cut across its length into parts of about
   * MARGIN_PIECE_AREA. */
  n = uncovered_pieces (nw, nh, *cx, *cy, cw, ch, pieces);
  self->next_pieces = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  for (guint i = 0; i < n; i++)
    {
      gboolean across = pieces[i].width >= pieces[i].height;
      double   length = across ? pieces[i].width : pieces[i].height;
      int      parts = (int) ceil (pieces[i].width * pieces[i].height / MARGIN_PIECE_AREA);

      /* Cut on whole device pixels; the last part ends where the piece
       * does, so that no two overlap. */
      for (int j = 0; j < parts; j++)
        {
          cairo_rectangle_t part = pieces[i];
          double            start = round (length * j / parts * factor) / factor;
          double            end = j == parts - 1 ? length : round (length * (j + 1) / parts * factor) / factor;

          if (across)
            part.x += start, part.width = end - start;
          else
            part.y += start, part.height = end - start;
          if (part.width > 0 && part.height > 0)
            g_array_append_val (self->next_pieces, part);
        }
    }
  return TRUE;
}

/* The next margin, all drawn: the picture shown pasted, and kept. */
static void
margin_finish (SmCanvas *self)
{
  if (self->next_paste != NULL)
    {
      cairo_t *cr = cairo_create (self->next);
      double   w, h;

      picture_get_size (self->next_paste, &w, &h);
      cairo_rectangle (cr, self->paste_x, self->paste_y, w, h);
      cairo_clip (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, self->next_paste, self->paste_x, self->paste_y);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  /* A window of the last margin on screen is a window of this one: the
   * last is let go now rather than at the next frame. */
  if (self->shown != NULL && self->shown == self->margin)
    {
      cairo_surface_destroy (self->shown);
      self->shown = cairo_surface_reference (self->next);
      self->shown_x = self->next_x;
      self->shown_y = self->next_y;
    }
  g_clear_pointer (&self->margin, cairo_surface_destroy);
  g_clear_pointer (&self->margin_key, g_free);
  self->margin = g_steal_pointer (&self->next);
  self->margin_key = g_steal_pointer (&self->next_key);
  self->margin_serial = self->next_serial;
  self->margin_scale = self->scale;
  self->margin_x = self->next_x;
  self->margin_y = self->next_y;
  margin_clear_next (self);
}

/* One step of the margin: begun if wanted, a piece drawn, or kept once
 * all are. Returns whether there is more to do. Anything that would draw
 * the next frame afresh gives it up: that frame asks again. */
static gboolean
margin_step (SmCanvas *self)
{
  g_autofree char *key = NULL;

  if (self->frame == NULL || self->scale != self->frame_scale || !frame_keepable (self))
    {
      margin_clear_next (self);
      return FALSE;
    }
  key = frame_key (self);
  if (g_strcmp0 (key, self->frame_key) != 0)
    {
      margin_clear_next (self);
      return FALSE;
    }
  if (self->next != NULL && self->next_serial != self->frame_serial)
    margin_clear_next (self);
  if (self->next == NULL)
    return margin_wanted (self) && margin_begin (self);
  if (self->next_pieces->len > 0)
    {
      cairo_rectangle_t piece = g_array_index (self->next_pieces, cairo_rectangle_t, self->next_pieces->len - 1);
      cairo_t          *cr = cairo_create (self->next);

      g_array_set_size (self->next_pieces, self->next_pieces->len - 1);
      draw_strip (self, cr, self->next_x, self->next_y, piece.x, piece.y, piece.width, piece.height);
      cairo_destroy (cr);
      return TRUE;
    }
  margin_finish (self);
  return FALSE;
}

static gboolean
margin_cb (gpointer data)
{
  SmCanvas *self = data;
  gint64    start = g_get_monotonic_time ();
  gboolean  more = margin_step (self);

  self->margin_time += g_get_monotonic_time () - start;
  if (more)
    return G_SOURCE_CONTINUE;
  self->margin_id = 0;
  return G_SOURCE_REMOVE;
}

/* After a frame at the exact frame's scale: the margin drawn in idle
 * time, after whatever GTK has to do, if one is wanted. */
static void
margin_schedule (SmCanvas *self)
{
  if (self->settle_by_hand || self->margin_id != 0 || self->scale != self->frame_scale || !frame_keepable (self))
    return;
  if (self->next != NULL || margin_wanted (self))
    self->margin_id = g_idle_add_full (G_PRIORITY_LOW, margin_cb, self, NULL);
}

/* Which picture the view needs now: reused, moved, a window of the
 * margin or drawn afresh; and where it lands (@offset_x, @offset_y,
 * widget pixels). */
static cairo_surface_t *
update_frame (SmCanvas *self,
              double   *offset_x,
              double   *offset_y)
{
  g_autofree char *key = frame_key (self);
  cairo_surface_t *picture;

  *offset_x = *offset_y = 0;
  if (!frame_keepable (self) || self->frame == NULL || g_strcmp0 (key, self->frame_key) != 0)
    {
      /* The margin outlives a settled view, not a change. */
      if (!frame_keepable (self) || g_strcmp0 (key, self->frame_key) != 0)
        margin_drop (self);
      draw_exact (self);
      self->frame_key = g_steal_pointer (&key);
      picture = self->frame;
    }
  else if (self->scale == self->frame_scale && self->view_x == self->frame_view_x &&
           self->view_y == self->frame_view_y)
    {
      /* Back where the exact picture was drawn: nothing to wait for. */
      g_clear_pointer (&self->shifted, cairo_surface_destroy);
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_pending = FALSE;
      self->frame_kind = SM_CANVAS_FRAME_REUSED;
      picture = self->frame;
    }
  else if (self->shifted != NULL && self->scale == self->moved_scale && self->view_x == self->moved_for_x &&
           self->view_y == self->moved_for_y)
    {
      self->frame_kind = self->scale == self->frame_scale ? SM_CANVAS_FRAME_SHIFTED : SM_CANVAS_FRAME_SCALED;
      picture = self->shifted;
    }
  else if (margin_usable (self) && margin_clearance (self, offset_x, offset_y) >= 0)
    {
      g_clear_pointer (&self->shifted, cairo_surface_destroy);
      self->frame_kind = SM_CANVAS_FRAME_MARGIN;
      settle_later (self);
      picture = self->margin;
    }
  else
    {
      *offset_x = *offset_y = 0;
      draw_moved (self);
      picture = self->shifted;
    }

  /* What the next moved frame starts from. */
  if (picture != self->shown)
    {
      g_clear_pointer (&self->shown, cairo_surface_destroy);
      self->shown = cairo_surface_reference (picture);
    }
  self->shown_scale = picture == self->frame    ? self->frame_scale
                      : picture == self->margin ? self->margin_scale
                                                : self->moved_scale;
  self->shown_x = picture == self->frame    ? self->frame_view_x
                  : picture == self->margin ? self->margin_x
                                            : self->moved_view_x;
  self->shown_y = picture == self->frame    ? self->frame_view_y
                  : picture == self->margin ? self->margin_y
                                            : self->moved_view_y;
  return picture;
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
picture_source (cairo_surface_t *picture,
                double           offset_x,
                double           offset_y)
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
  cairo_matrix_translate (&matrix, -offset_x, -offset_y);
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
  double           offset_x, offset_y;

  if (width <= 0 || height <= 0)
    return;

  /* The picture, copied as it is: its pixels are the widget's device
   * pixels. A cairo node replays it cheaper than GTK 4.8 converts a
   * texture. */
  picture = update_frame (self, &offset_x, &offset_y);
  source = picture_source (picture, offset_x, offset_y);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source (cr, source);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_pattern_destroy (source);
  if (self->frame_kind != SM_CANVAS_FRAME_SCALED)
    margin_schedule (self);

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

gboolean
_sm_canvas_test_draw_margin (SmCanvas *self,
                             guint     steps)
{
  gboolean drawn = FALSE;

  for (guint i = 0; (steps == 0 || i < steps) && margin_step (self); i++)
    drawn = TRUE;
  return drawn;
}

void
_sm_canvas_test_drop_margin (SmCanvas *self)
{
  if (self->shown != NULL && self->shown == self->margin)
    g_clear_pointer (&self->shown, cairo_surface_destroy);
  margin_drop (self);
}

double
_sm_canvas_test_take_margin_ms (SmCanvas *self)
{
  double ms = self->margin_time / 1000.0;

  self->margin_time = 0;
  return ms;
}

void
_sm_canvas_test_settle_by_hand (SmCanvas *self)
{
  self->settle_by_hand = TRUE;
}

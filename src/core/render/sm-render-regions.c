/* sm-render-regions.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Regions on the map (format.md, "Regions"): labelled shapes behind the
 * relationships and the stakeholders, such as "Inner circle" or
 * concentric rings. They are placed in map coordinates, which only the
 * map view uses, so the other views leave them out. A map holds a
 * handful, so they are read from the map at each frame. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-render-private.h"

#define REGION_PAD 8.0        /* map units, from the border to the label */
#define REGION_FONT_SIZE 12.0 /* map units */
#define REGION_LABEL_MAX 240.0
#define REGION_LABEL_LINES 2

typedef struct
{
  const char *name;
  double      rgb[3];
} Tint;

/* Quiet tones of the GNOME palette; the fill is a light wash of them, so
 * they read the same on a white page, a dark window and a printout. */
static const Tint tints[] = {
  { "grey", { 0.47, 0.47, 0.47 } },
  { "blue", { 0.21, 0.52, 0.89 } },
  { "green", { 0.18, 0.60, 0.32 } },
  { "yellow", { 0.85, 0.65, 0.05 } },
  { "red", { 0.82, 0.17, 0.17 } },
  { "purple", { 0.57, 0.25, 0.67 } },
};

static gboolean
regions_shown (SmRenderer *self)
{
  return sm_arrangement_info_get_position (self->arrangement) == SM_ARRANGEMENT_MAP;
}

static const double *
region_tint (SmRecord *region)
{
  const char *colour = sm_record_get_string (region, "colour");

  for (guint i = 0; colour != NULL && i < G_N_ELEMENTS (tints); i++)
    if (strcmp (tints[i].name, colour) == 0)
      return tints[i].rgb;
  return tints[0].rgb;
}

/* The label as it may be shown: hidden names taken out. */
static char *
region_label (SmRenderer *self,
              SmRecord   *region)
{
  const char *label = sm_record_get_string (region, "label");

  if (label == NULL)
    label = "";
  if (self->names != NULL)
    return sm_public_names_scrub (self->names, label);
  return g_strdup (label);
}

static double
label_width (SmRenderer *self,
             SmRecord   *region)
{
  double w;

  sm_region_get_rect (region, NULL, NULL, &w, NULL);
  /* An ellipse is narrower near its top than its box. */
  if (sm_region_is_ellipse (region))
    w *= 0.6;
  else
    w -= 2 * REGION_PAD;
  return MAX (MIN (w, REGION_LABEL_MAX * self->name_zoom), REGION_FONT_SIZE * self->name_zoom * 3);
}

static void
layout_label (SmRenderer *self,
              SmRecord   *region,
              const char *text)
{
  /* Zoomed out, labels grow with names, so they stay readable. */
  _sm_render_layout_set_text (self, text, REGION_FONT_SIZE * self->name_zoom, TRUE, label_width (self, region),
                              REGION_LABEL_LINES,
                              sm_region_is_ellipse (region) ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
}

/* Where the label of @region goes, in map units: inside at the top, at
 * the left of a rectangle and in the middle of an ellipse. FALSE when
 * there are no words to show. */
static gboolean
label_rect (SmRenderer *self,
            SmRecord   *region,
            const char *text,
            double     *x,
            double     *y,
            double     *width,
            double     *height)
{
  double cx, cy, w, h, tw, th;

  if (*text == '\0')
    return FALSE;
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  layout_label (self, region, text);
  _sm_render_layout_get_size (self, &tw, &th);
  *width = tw;
  *height = th;
  if (sm_region_is_ellipse (region))
    {
      *x = cx - tw / 2;
      *y = cy - h / 2 + REGION_PAD + MIN (h * 0.04, 40.0);
    }
  else
    {
      *x = cx - w / 2 + REGION_PAD;
      *y = cy - h / 2 + REGION_PAD;
    }
  return TRUE;
}

static int
compare_larger_first (gconstpointer a,
                      gconstpointer b)
{
  SmRecord *ra = *(SmRecord *const *) a;
  SmRecord *rb = *(SmRecord *const *) b;
  double    wa, ha, wb, hb;

  sm_region_get_rect (ra, NULL, NULL, &wa, &ha);
  sm_region_get_rect (rb, NULL, NULL, &wb, &hb);
  return (wa * ha < wb * hb) - (wa * ha > wb * hb);
}

/* The regions, largest first: the order they are drawn in, so a region
 * inside another stays visible. */
static GPtrArray *
dup_regions (SmRenderer *self)
{
  SmCollection *regions = sm_map_get_collection (self->map, SM_RECORD_REGION);
  guint         n = sm_collection_get_size (regions);
  GPtrArray    *sorted = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, sm_collection_get (regions, i));
  g_ptr_array_sort (sorted, compare_larger_first);
  return sorted;
}

/* Grows the box (x0, y0)–(x1, y1) to hold every region, whatever its
 * label: fits and exports show the whole shape. */
void
_sm_render_regions_bounds (SmRenderer *self,
                           double     *x0,
                           double     *y0,
                           double     *x1,
                           double     *y1)
{
  SmCollection *regions = sm_map_get_collection (self->map, SM_RECORD_REGION);

  if (!regions_shown (self))
    return;
  for (guint i = 0; i < sm_collection_get_size (regions); i++)
    {
      double cx, cy, w, h;

      sm_region_get_rect (sm_collection_get (regions, i), &cx, &cy, &w, &h);
      *x0 = MIN (*x0, cx - w / 2);
      *y0 = MIN (*y0, cy - h / 2);
      *x1 = MAX (*x1, cx + w / 2);
      *y1 = MAX (*y1, cy + h / 2);
    }
}

/* The regions' labels, as x, y, width, height in map units, appended to
 * @boxes (doubles): names keep off them. */
void
_sm_render_regions_boxes (SmRenderer *self,
                          GArray     *boxes)
{
  SmCollection *regions = sm_map_get_collection (self->map, SM_RECORD_REGION);

  if (!regions_shown (self))
    return;
  for (guint i = 0; i < sm_collection_get_size (regions); i++)
    {
      SmRecord        *region = sm_collection_get (regions, i);
      g_autofree char *text = region_label (self, region);
      double           box[4];

      if (label_rect (self, region, text, &box[0], &box[1], &box[2], &box[3]))
        g_array_append_vals (boxes, box, 4);
    }
}

static void
region_path (cairo_t  *cr,
             SmRecord *region)
{
  double cx, cy, w, h;

  sm_region_get_rect (region, &cx, &cy, &w, &h);
  if (sm_region_is_ellipse (region))
    {
      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, w / 2, h / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_restore (cr);
    }
  else
    _sm_render_rounded_rectangle (cr, cx - w / 2, cy - h / 2, w, h, MIN (12.0, MIN (w, h) / 4));
}

/* Selection, hover and keyboard focus, as notes show them, and on a
 * selected region the handle that resizes it. */
static void
draw_region_rings (cairo_t             *cr,
                   const Palette       *p,
                   const SmRenderState *state,
                   SmRecord            *region,
                   double               scale)
{
  const char *id = sm_record_get_id (region);
  double      cx, cy, w, h;

  sm_region_get_rect (region, &cx, &cy, &w, &h);
  if (_sm_render_is_selected (state, id))
    {
      double side = SM_RENDER_REGION_HANDLE_PX / scale;

      region_path (cr, region);
      _sm_render_stroke_ring (cr, p, RING_SELECTED, scale);

      cairo_rectangle (cr, cx + w / 2 - side / 2, cy + h / 2 - side / 2, side, side);
      _sm_render_set_rgb (cr, p->background);
      cairo_fill_preserve (cr);
      _sm_render_set_rgb (cr, p->accent);
      cairo_set_line_width (cr, 1.5 / scale);
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (state->hover_id, id) == 0)
    {
      region_path (cr, region);
      _sm_render_stroke_ring (cr, p, RING_HOVER, scale);
    }
  if (g_strcmp0 (state->focus_id, id) == 0)
    {
      region_path (cr, region);
      _sm_render_stroke_ring (cr, p, RING_FOCUS, scale);
    }
}

/* The regions in view, before anything else of the map: a light wash,
 * a thin border a little darker, and the label inside at the top. */
void
_sm_render_draw_regions (SmRenderer          *self,
                         cairo_t             *cr,
                         const Palette       *p,
                         const SmRenderState *state,
                         gboolean             dark,
                         double               scale,
                         double               vx0,
                         double               vy0,
                         double               vx1,
                         double               vy1)
{
  g_autoptr(GPtrArray) regions = NULL;
  gboolean words = scale >= LOD_LABELS;

  if (!regions_shown (self) || sm_collection_get_size (sm_map_get_collection (self->map, SM_RECORD_REGION)) == 0)
    return;
  regions = dup_regions (self);
  for (guint i = 0; i < regions->len; i++)
    {
      SmRecord        *region = g_ptr_array_index (regions, i);
      const double    *tint = region_tint (region);
      g_autofree char *text = NULL;
      double           cx, cy, w, h, x, y, tw, th;

      sm_region_get_rect (region, &cx, &cy, &w, &h);
      if (cx - w / 2 > vx1 || cy - h / 2 > vy1 || cx + w / 2 < vx0 || cy + h / 2 < vy0)
        continue;

      region_path (cr, region);
      _sm_render_set_rgba (cr, tint, dark ? 0.16 : 0.09);
      cairo_fill_preserve (cr);
      _sm_render_set_rgba (cr, tint, dark ? 0.6 : 0.45);
      cairo_set_line_width (cr, MAX (1.0, 1.0 / scale));
      cairo_stroke (cr);
      draw_region_rings (cr, p, state, region, scale);

      /* The label being typed is in its entry. */
      if (!words || g_strcmp0 (state->editing_id, sm_record_get_id (region)) == 0)
        continue;
      text = region_label (self, region);
      if (!label_rect (self, region, text, &x, &y, &tw, &th))
        continue;
      /* The text colour tinted towards the region's, so it reads as its
       * name and stays dark enough on light and light on dark. */
      cairo_set_source_rgb (cr,
                            0.7 * p->text[0] + 0.3 * tint[0],
                            0.7 * p->text[1] + 0.3 * tint[1],
                            0.7 * p->text[2] + 0.3 * tint[2]);
      /* A centred layout is centred in its wrapping width, not in the
       * words measured. */
      if (sm_region_is_ellipse (region))
        x -= (label_width (self, region) - tw) / 2;
      cairo_move_to (cr, x, y);
      _sm_render_show_layout (self, cr, NULL);
    }
}

/* How far (x, y) is from the border of @region, in map units. */
static double
border_distance (SmRecord *region,
                 double    x,
                 double    y)
{
  double cx, cy, w, h, a, b, dx, dy;

  sm_region_get_rect (region, &cx, &cy, &w, &h);
  a = w / 2, b = h / 2;
  dx = x - cx, dy = y - cy;
  if (sm_region_is_ellipse (region))
    {
      /* The implicit function over its gradient: close to the true
       * distance near the border, which is all a click needs. */
      double f = dx * dx / (a * a) + dy * dy / (b * b) - 1;
      double gx = 2 * dx / (a * a), gy = 2 * dy / (b * b);
      double g = hypot (gx, gy);

      return g > 0 ? fabs (f) / g : MIN (a, b);
    }
  else
    {
      double ox = fabs (dx) - a, oy = fabs (dy) - b;

      if (ox <= 0 && oy <= 0)
        return MIN (-ox, -oy);
      return hypot (MAX (ox, 0), MAX (oy, 0));
    }
}

/**
 * sm_renderer_hit_map_region:
 * @tolerance: how far from the border still counts, in map units
 *
 * The region whose label or border is at (x, y) in map units, the
 * smallest first; its inside does not count, so a click there still
 * reaches the empty map. Only the map view shows regions.
 *
 * Returns: (transfer none) (nullable): the region
 */
SmRecord *
sm_renderer_hit_map_region (SmRenderer *self,
                            double      x,
                            double      y,
                            double      tolerance)
{
  g_autoptr(GPtrArray) regions = NULL;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  if (!regions_shown (self))
    return NULL;
  regions = dup_regions (self);
  for (guint i = regions->len; i-- > 0;)
    {
      SmRecord        *region = g_ptr_array_index (regions, i);
      g_autofree char *text = region_label (self, region);
      double           lx, ly, lw, lh;

      if (border_distance (region, x, y) <= tolerance)
        return region;
      if (label_rect (self, region, text, &lx, &ly, &lw, &lh) &&
          x >= lx && x <= lx + lw && y >= ly && y <= ly + lh)
        return region;
    }
  return NULL;
}

/**
 * sm_renderer_get_map_region_rect:
 *
 * The box around @region in map units (for an ellipse, the box it is
 * drawn in). FALSE when the view does not show regions.
 */
gboolean
sm_renderer_get_map_region_rect (SmRenderer *self,
                                 SmRecord   *region,
                                 double     *x,
                                 double     *y,
                                 double     *width,
                                 double     *height)
{
  double cx, cy, w, h;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (region), FALSE);
  g_return_val_if_fail (sm_record_get_kind (region) == SM_RECORD_REGION, FALSE);

  if (!regions_shown (self))
    return FALSE;
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  if (x != NULL)
    *x = cx - w / 2;
  if (y != NULL)
    *y = cy - h / 2;
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return TRUE;
}

/**
 * sm_renderer_get_map_region_label_rect:
 *
 * Where the label of @region is drawn, in map units, with hidden names
 * taken out as drawn. FALSE when it has no label or the view does not
 * show regions.
 */
gboolean
sm_renderer_get_map_region_label_rect (SmRenderer *self,
                                       SmRecord   *region,
                                       double     *x,
                                       double     *y,
                                       double     *width,
                                       double     *height)
{
  g_autofree char *text = NULL;
  double           lx, ly, lw, lh;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (region), FALSE);

  if (!regions_shown (self))
    return FALSE;
  text = region_label (self, region);
  if (!label_rect (self, region, text, &lx, &ly, &lw, &lh))
    return FALSE;
  if (x != NULL)
    *x = lx;
  if (y != NULL)
    *y = ly;
  if (width != NULL)
    *width = lw;
  if (height != NULL)
    *height = lh;
  return TRUE;
}

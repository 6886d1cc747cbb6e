/* sm-render-queries.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Questions asked of the drawn map: what is under a point or in a
 * rectangle, how big the map is, and a viewport that fits it. */

#include "config.h"

#include <math.h>

#include "sm-render-private.h"

/* Queries */

/* The record at map point (x, y): a stakeholder's shape first (the one on
 * top), then a stakeholder's name, then the nearest relationship line.
 * @tolerance widens every target, in map units. */
SmRecord *
sm_renderer_hit (SmRenderer *self,
                 double      x,
                 double      y,
                 double      tolerance)
{
  GPtrArray *candidates;
  Node      *best = NULL;
  Edge      *best_edge = NULL;
  double     best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  tolerance = MAX (tolerance, 0.0);
  _sm_render_ensure_order (self);
  _sm_render_ensure_layout (self);
  candidates = self->scratch;
  g_ptr_array_set_size (candidates, 0);
  sm_index_query (self->node_index, x - tolerance, y - tolerance, 2 * tolerance, 2 * tolerance, candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      Node *node = g_ptr_array_index (candidates, i);

      if (_sm_render_shape_contains (node->side, node->r, x - node->x, y - node->y, tolerance) &&
          (best == NULL || node->order > best->order))
        best = node;
    }
  if (best == NULL)
    for (guint i = 0; i < candidates->len; i++)
      {
        Node  *node = g_ptr_array_index (candidates, i);
        double lx, ly, lw, lh;

        _sm_render_node_label_rect (self, node, &lx, &ly, &lw, &lh);
        if (x >= lx - tolerance && x <= lx + lw + tolerance &&
            y >= ly - tolerance && y <= ly + lh + tolerance &&
            (best == NULL || node->order > best->order))
          best = node;
      }
  g_ptr_array_set_size (candidates, 0);
  if (best != NULL)
    return best->record;

  sm_index_query (self->edge_index, x - tolerance - EDGE_MARGIN, y - tolerance - EDGE_MARGIN,
                  2 * (tolerance + EDGE_MARGIN), 2 * (tolerance + EDGE_MARGIN), candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      Edge  *edge = g_ptr_array_index (candidates, i);
      Route  route;
      double d;

      if (!_sm_render_edge_route (self, edge, &route))
        continue;
      d = _sm_render_route_distance (&route, x, y);
      if (d <= tolerance + EDGE_WIDTH * 2 &&
          (d < best_distance || (d == best_distance && edge->order > best_edge->order)))
        {
          best_distance = d;
          best_edge = edge;
        }
    }
  g_ptr_array_set_size (candidates, 0);
  return best_edge != NULL ? best_edge->record : NULL;
}

/* Stakeholders whose centre lies in the rectangle (a rubber band), in the
 * map's order. Free with g_ptr_array_unref(). */
GPtrArray *
sm_renderer_stakeholders_in_rect (SmRenderer *self,
                                  double      x,
                                  double      y,
                                  double      width,
                                  double      height)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GPtrArray *result;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  /* A band dragged up or left has a negative size. */
  if (width < 0)
    x += width, width = -width;
  if (height < 0)
    y += height, height = -height;

  _sm_render_ensure_order (self);
  _sm_render_ensure_layout (self);
  sm_index_query (self->node_index, x, y, width, height, candidates);
  g_ptr_array_sort (candidates, _sm_render_compare_node_order);
  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      Node *node = g_ptr_array_index (candidates, i);

      if (node->x >= x && node->x <= x + width && node->y >= y && node->y <= y + height)
        g_ptr_array_add (result, g_object_ref (node->record));
    }
  return result;
}

/* The rectangle every stakeholder and its name fit in, with the notes and
 * regions of the map view, in map units, with names as drawn at @scale
 * (names grow when zoomed out: see SM_RENDER_NAME_MIN_SIZE); FALSE when
 * there is nothing. */
gboolean
sm_renderer_get_bounds_at_scale (SmRenderer *self,
                                 double      scale,
                                 double     *x,
                                 double     *y,
                                 double     *width,
                                 double     *height)
{
  double zoom, drawn_zoom, name_width, name_height;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);

  _sm_render_ensure_layout (self);
  _sm_render_ensure_order (self);
  /* Measured at that zoom, then back to the one on the screen. */
  drawn_zoom = self->name_zoom;
  zoom = _sm_render_name_zoom_for (self, scale);
  _sm_render_set_name_zoom (self, zoom);
  name_width = LABEL_MAX_WIDTH * zoom;
  name_height = self->label_max_height * zoom;
  if (self->arrangement->background)
    {
      /* An arrangement's background is shown whole, stakeholders or not. */
      x0 = self->bg_x, y0 = self->bg_y;
      x1 = self->bg_x + self->bg_width, y1 = self->bg_y + self->bg_height;
    }
  for (guint i = 0; i < self->node_list->len; i++)
    {
      Node  *node = g_ptr_array_index (self->node_list, i);
      double e;

      if (!node->placed)
        continue;
      e = _sm_render_node_extent (node);
      x0 = MIN (x0, node->x - e);
      y0 = MIN (y0, node->y - e);
      x1 = MAX (x1, node->x + e);
      y1 = MAX (y1, node->y + e);
      if (self->arrangement->node_bounds != NULL)
        self->arrangement->node_bounds (self, node, &x0, &y0, &x1, &y1);
    }
  if (x0 <= x1)
    _sm_render_notes_bounds (self, &x0, &y0, &x1, &y1);
  _sm_render_regions_bounds (self, &x0, &y0, &x1, &y1);
  if (x0 > x1)
    {
      _sm_render_set_name_zoom (self, drawn_zoom);
      return FALSE;
    }

  /* Only names that could reach past the shapes, and past the names
   * measured so far, need laying out: on a large map that is a thin rim,
   * not every stakeholder. */
  for (guint i = 0; i < self->node_list->len; i++)
    {
      Node  *node = g_ptr_array_index (self->node_list, i);
      double lx, ly, lw, lh;

      if (!node->placed ||
          (!self->plain_bounds && !(node->x - name_width / 2 < x0 || node->x + name_width / 2 > x1 ||
                                    _sm_render_node_bottom (node) + LABEL_GAP + name_height > y1)))
        continue;
      if (*_sm_render_node_name (self, node) == '\0')
        continue;
      _sm_render_node_label_rect (self, node, &lx, &ly, &lw, &lh);
      x0 = MIN (x0, lx);
      x1 = MAX (x1, lx + lw);
      y1 = MAX (y1, ly + lh);
    }
  _sm_render_set_name_zoom (self, drawn_zoom);

  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = y0;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = y1 - y0;
  return TRUE;
}

/* The same, with names at their own size. */
gboolean
sm_renderer_get_bounds (SmRenderer *self,
                        double     *x,
                        double     *y,
                        double     *width,
                        double     *height)
{
  return sm_renderer_get_bounds_at_scale (self, G_MAXDOUBLE, x, y, width, height);
}

static gboolean
fit_region (double      bx,
            double      by,
            double      bw,
            double      bh,
            double      rx,
            double      ry,
            double      rw,
            double      rh,
            double      padding,
            SmViewport *viewport)
{
  double scale;

  if (rw <= 2 * padding || rh <= 2 * padding)
    return FALSE;
  scale = MIN ((rw - 2 * padding) / MAX (bw, 1.0), (rh - 2 * padding) / MAX (bh, 1.0));
  scale = MIN (scale, 1.0);
  viewport->scale = scale;
  viewport->x = bx + bw / 2 - (rx + rw / 2) / scale;
  viewport->y = by + bh / 2 - (ry + rh / 2) / scale;
  return TRUE;
}

/* Fits the box (@bx, @by, @bw, @bh) into @viewport's size. */
static void
fit_bounds (SmRenderer   *self,
            double        bx,
            double        by,
            double        bw,
            double        bh,
            double        padding,
            SmRenderFlags flags,
            SmViewport   *viewport)
{
  double width = viewport->width, height = viewport->height;

  if (flags & SM_RENDER_LEGEND)
    {
      double     lw, lh;
      SmViewport beside = *viewport, above = *viewport;
      gboolean   fits_beside, fits_above;

      _sm_render_legend_measure (self, viewport, &lw, &lh);
      lw += LEGEND_MARGIN;
      lh += LEGEND_MARGIN;
      fits_beside = lw > LEGEND_MARGIN &&
                    fit_region (bx, by, bw, bh, lw, 0, width - lw, height, padding, &beside);
      fits_above = lh > LEGEND_MARGIN &&
                   fit_region (bx, by, bw, bh, 0, 0, width, height - lh, padding, &above);
      if (fits_beside && (!fits_above || beside.scale >= above.scale))
        {
          *viewport = beside;
          return;
        }
      if (fits_above)
        {
          *viewport = above;
          return;
        }
    }
  if (!fit_region (bx, by, bw, bh, 0, 0, width, height, padding, viewport))
    fit_region (bx, by, bw, bh, 0, 0, width, height, 0, viewport);
}

/* A viewport of @width × @height device units that shows the whole map
 * with @padding device units around it, at no more than natural size (a
 * small map is not blown up). With SM_RENDER_LEGEND in @flags the map is
 * kept clear of the legend, beside it or above it, whichever leaves the
 * map bigger. FALSE for a map with nothing to show. */
gboolean
sm_renderer_fit_viewport (SmRenderer   *self,
                          double        width,
                          double        height,
                          double        padding,
                          SmRenderFlags flags,
                          SmViewport   *viewport)
{
  double bx, by, bw, bh;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (viewport != NULL, FALSE);

  viewport->width = width;
  viewport->height = height;
  viewport->scale = 1.0;
  viewport->x = 0;
  viewport->y = 0;
  if (!sm_renderer_get_bounds (self, &bx, &by, &bw, &bh))
    return FALSE;
  fit_bounds (self, bx, by, bw, bh, padding, flags, viewport);
  /* Zoomed out, names grow to stay readable and the map with them: fit
   * again with names at the size they will have. Each round the scale
   * shrinks a little less; three leave it within a hair. */
  for (guint round = 0; round < 3; round++)
    {
      double scale = viewport->scale;

      if (_sm_render_name_zoom_for (self, scale) <= 1.0)
        break;
      sm_renderer_get_bounds_at_scale (self, scale, &bx, &by, &bw, &bh);
      viewport->width = width;
      viewport->height = height;
      fit_bounds (self, bx, by, bw, bh, padding, flags, viewport);
      if (fabs (viewport->scale - scale) <= scale * 1e-3)
        break;
    }
  /* Too large a map for names at this size: it is fitted as drawn, with
   * none, and kept below the zoom where they would come back. */
  if (viewport->scale < LOD_LABELS)
    {
      sm_renderer_get_bounds (self, &bx, &by, &bw, &bh);
      viewport->width = width;
      viewport->height = height;
      fit_bounds (self, bx, by, bw, bh, padding, flags, viewport);
      if (viewport->scale >= LOD_LABELS)
        {
          double cx = viewport->x + width / 2 / viewport->scale, cy = viewport->y + height / 2 / viewport->scale;

          viewport->scale = LOD_LABELS * 0.999;
          viewport->x = cx - width / 2 / viewport->scale;
          viewport->y = cy - height / 2 / viewport->scale;
        }
    }
  return TRUE;
}

/* What each stakeholder's drawing covers around its position (its shape,
 * its lived-experience mark and its name), in the map's order: what Tidy
 * Up keeps from overlapping. The same in every arrangement. */
SmLayoutBox *
sm_renderer_dup_layout_boxes (SmRenderer *self)
{
  SmCollection *people;
  SmLayoutBox  *boxes;
  guint         n;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  _sm_render_ensure_layout (self);
  people = sm_map_get_stakeholders (self->map);
  n = sm_collection_get_size (people);
  boxes = g_new0 (SmLayoutBox, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      SmRecord *record = sm_collection_get (people, i);
      Node     *node = g_hash_table_lookup (self->nodes, record);
      double    e, lx, ly, lw, lh;

      if (node == NULL)
        {
          e = sm_renderer_node_radius (record);
          boxes[i] = (SmLayoutBox) { -MAX (e, LABEL_MAX_WIDTH / 2), -e, MAX (e, LABEL_MAX_WIDTH / 2),
                                     e + LABEL_GAP + self->label_max_height };
          continue;
        }
      e = _sm_render_node_extent (node);
      _sm_render_node_label_rect (self, node, &lx, &ly, &lw, &lh);
      boxes[i].left = MIN (-e, lx - node->x);
      boxes[i].right = MAX (e, lx + lw - node->x);
      boxes[i].top = -e;
      boxes[i].bottom = MAX (e, ly + lh - node->y);
    }
  return boxes;
}

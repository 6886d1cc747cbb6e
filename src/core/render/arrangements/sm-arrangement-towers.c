/* sm-arrangement-towers.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Influence towers, as Net-Map draws them on the paper map: everyone where
 * the map puts them, each with a stack of one counter per point of
 * influence beside them. Every counter is the same size everywhere, so
 * towers compare across the whole map: the eye reads heights, and a group
 * can count. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sm-render-private.h"

/* A tower stands on the ground line at the foot of the shape, to the right
 * of it; the name below the shape stays clear. Counters come in fives,
 * with a wider gap after the fifth, as a tally is counted. Ten counters
 * are about as tall as the largest shape. */
#define TOWER_GAP 8.0
#define COUNTER_WIDTH 22.0
#define COUNTER_HEIGHT 6.0
#define COUNTER_GAP 3.0
#define COUNTER_FIVE_GAP 3.0
#define COUNTER_CORNER 2.0
#define TOWER_HEIGHT (10 * COUNTER_HEIGHT + 9 * COUNTER_GAP + COUNTER_FIVE_GAP)
#define GROUND_OVERHANG 3.0
#define GROUND_DROP 2.5
/* Unknown influence: an empty dashed box three counters high, with a "?"
 * in it. Not a tower of 0: unknown is not "none". */
#define UNKNOWN_HEIGHT (3 * COUNTER_HEIGHT + 2 * COUNTER_GAP)
#define UNKNOWN_FONT_SIZE 16.0

/* Where @node's tower stands: its left edge and its ground. */
static void
tower_origin (const Node *node,
              double     *x,
              double     *ground)
{
  *x = node->x + _sm_render_node_extent (node) + TOWER_GAP;
  *ground = _sm_render_node_bottom (node);
}

/* How many counters: influence in whole points. */
static guint
tower_count (const Node *node)
{
  return (guint) lround (CLAMP (node->influence, 0.0, 10.0));
}

/* The top of the @k-th counter, counted from 0 at the ground. */
static double
counter_top (double ground,
             guint  k)
{
  return ground - (k + 1) * COUNTER_HEIGHT - k * COUNTER_GAP - (k >= 5 ? COUNTER_FIVE_GAP : 0);
}

static double
tower_top (const Node *node,
           double      ground)
{
  if (node->unknown_influence)
    return ground - UNKNOWN_HEIGHT;
  return tower_count (node) > 0 ? counter_top (ground, tower_count (node) - 1) : ground;
}

static void
arrange_towers (SmRenderer *self,
                GPtrArray  *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      node->placed = node->map_placed;
      node->x = node->map_x;
      node->y = node->map_y;
    }
}

/* The room a full tower takes, whatever the influence, so that the fit
 * does not jump when an influence changes. */
static void
towers_node_bounds (SmRenderer *self,
                    const Node *node,
                    double     *x0,
                    double     *y0,
                    double     *x1,
                    double     *y1)
{
  double x, ground;

  tower_origin (node, &x, &ground);
  *x1 = MAX (*x1, x + COUNTER_WIDTH + GROUND_OVERHANG);
  *y0 = MIN (*y0, ground - MAX (TOWER_HEIGHT, UNKNOWN_HEIGHT));
  *y1 = MAX (*y1, ground + GROUND_DROP + 1);
}

static void
draw_unknown (SmRenderer    *self,
              cairo_t       *cr,
              const Palette *p,
              double         x,
              double         ground,
              double         scale)
{
  static const double dashes[] = { 3.0, 2.0 };
  double              w, h;

  _sm_render_rounded_rectangle (cr, x, ground - UNKNOWN_HEIGHT, COUNTER_WIDTH, UNKNOWN_HEIGHT, COUNTER_CORNER);
  _sm_render_set_rgba (cr, p->background, HALO_ALPHA);
  cairo_fill_preserve (cr);
  _sm_render_set_rgb (cr, p->line);
  cairo_set_line_width (cr, MAX (1.2, 1.0 / scale));
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (scale < LOD_LABELS)
    return;
  _sm_render_layout_set_text (self, "?", UNKNOWN_FONT_SIZE, TRUE, -1, 1, PANGO_ALIGN_LEFT);
  _sm_render_layout_get_size (self, &w, &h);
  _sm_render_set_words (cr, p, 0.8);
  cairo_move_to (cr, x + (COUNTER_WIDTH - w) / 2, ground - UNKNOWN_HEIGHT / 2 - h / 2);
  _sm_render_show_layout (self, cr, NULL);
}

/* Over the relationships, so no line hides a counter; under the
 * stakeholders and their names. Only the towers in view are drawn. */
static void
draw_towers (SmRenderer          *self,
             cairo_t             *cr,
             const Palette       *p,
             const SmRenderState *state,
             double               scale)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  double   cx0, cy0, cx1, cy1;
  gboolean counters = scale >= LOD_MARKS;

  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  /* A tower reaches right of and above its stakeholder's box. */
  sm_index_query (self->node_index, cx0 - TOWER_GAP - COUNTER_WIDTH - GROUND_OVERHANG, cy0,
                  cx1 - cx0 + TOWER_GAP + COUNTER_WIDTH + GROUND_OVERHANG, cy1 - cy0 + TOWER_HEIGHT,
                  nodes);
  g_ptr_array_sort (nodes, _sm_render_compare_node_order);

  cairo_save (cr);
  /* The ground: where counting starts, and all there is at 0. */
  for (guint i = 0; i < nodes->len; i++)
    {
      Node  *node = g_ptr_array_index (nodes, i);
      double x, ground;

      if (node->unknown_influence)
        continue;
      tower_origin (node, &x, &ground);
      cairo_move_to (cr, x - GROUND_OVERHANG, ground + GROUND_DROP);
      cairo_line_to (cr, x + COUNTER_WIDTH + GROUND_OVERHANG, ground + GROUND_DROP);
    }
  _sm_render_set_rgb (cr, p->line);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  cairo_stroke (cr);

  for (guint i = 0; i < nodes->len; i++)
    {
      Node  *node = g_ptr_array_index (nodes, i);
      guint  n = tower_count (node);
      double x, ground;

      if (node->unknown_influence || n == 0)
        continue;
      tower_origin (node, &x, &ground);
      if (!counters)
        {
          /* Too small to count: a bar as tall as the tower. */
          cairo_rectangle (cr, x, tower_top (node, ground), COUNTER_WIDTH, ground - tower_top (node, ground));
          continue;
        }
      for (guint k = 0; k < n; k++)
        _sm_render_rounded_rectangle (cr, x, counter_top (ground, k), COUNTER_WIDTH, COUNTER_HEIGHT,
                                      COUNTER_CORNER);
    }
  /* A rim of background keeps counters apart from lines behind them. */
  if (counters)
    {
      _sm_render_set_rgba (cr, p->background, HALO_ALPHA);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke_preserve (cr);
    }
  _sm_render_set_rgba (cr, p->strong, 0.8);
  cairo_fill (cr);

  for (guint i = 0; i < nodes->len; i++)
    {
      Node  *node = g_ptr_array_index (nodes, i);
      double x, ground;

      if (!node->unknown_influence)
        continue;
      tower_origin (node, &x, &ground);
      draw_unknown (self, cr, p, x, ground, scale);
    }
  cairo_restore (cr);
}

const SmArrangementInfo _sm_arrangement_towers = {
  .id = "towers",
  .label = N_ ("Influence _Towers"),
  .arrange = arrange_towers,
  .draw_over = draw_towers,
  .node_bounds = towers_node_bounds,
  .influence_legend = N_ ("One counter per point of influence"),
};

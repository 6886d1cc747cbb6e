/* sm-arrangement-grid.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The power–interest grid (Mendelow, EP-01): interest across, influence
 * up, cut into four quadrants at the map's own "high" cutoff. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sm-evaluation-store.h"
#include "sm-render-private.h"

/* Arrangements. The power–interest grid: one step of a score, the margin
 * inside the grid, and the "Not rated" strip beside it. Sized so that the
 * grid with its legend fits the canvas of a default window at a scale
 * where names are drawn (LOD_LABELS). The grid is cut between low and
 * high at the map's own high_cutoff, as EP-01 is. */
#define GRID_UNIT 72.0
#define GRID_PAD 60.0
#define GRID_SIZE (10 * GRID_UNIT + 2 * GRID_PAD)
/* The cuts fall half a step below the cutoff: across for interest, and
 * (influence grows upwards) down for influence. */
#define CUT_X(cutoff) CLAMP (GRID_PAD + ((cutoff) -0.5) * GRID_UNIT, 0.0, GRID_SIZE)
#define CUT_Y(cutoff) (GRID_SIZE - CUT_X (cutoff))
#define STRIP_WIDTH 240.0
#define STRIP_HEADER 60.0
#define STRIP_ROW 120.0
#define SPREAD 40.0      /* between stakeholders sharing a place */
#define AXIS_MARGIN 60.0 /* room for the axis names */

/* Arrangements */

static double
clamp_score (double v)
{
  return CLAMP (v, 0.0, 10.0);
}

/* Where the k-th of n stakeholders sharing one place goes, around it: a
 * small square block, filled in the map's order. */
static void
spread_offset (guint   k,
               guint   n,
               double  room,
               double *dx,
               double *dy)
{
  guint  cols = (guint) ceil (sqrt (n));
  guint  rows = (n + cols - 1) / cols;
  double step = MIN (SPREAD, room / cols);

  *dx = ((double) (k % cols) - (cols - 1) / 2.0) * step;
  *dy = ((double) (k / cols) - (rows - 1) / 2.0) * step;
}

static void
arrange_power_interest (SmRenderer *self,
                        GPtrArray  *nodes)
{
  g_autoptr(GHashTable) totals = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (self->map);
  double cutoff = self->high_cutoff = sm_eval_config_get (config, "high_cutoff");
  guint  unrated = 0;
  double strip_x = GRID_SIZE + STRIP_GAP;

  /* Two passes: how many share each place, then where each goes. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < nodes->len; i++)
      {
        Node    *node = g_ptr_array_index (nodes, i);
        double   influence = sm_record_get_score (node->record, "influence");
        double   interest = sm_record_get_score (node->record, "interest");
        gpointer key;
        guint    k, n;
        double   dx, dy;

        if (!SM_IS_KNOWN (influence) || !SM_IS_KNOWN (interest))
          {
            /* Never at 0: unknown is not "none". */
            if (pass == 1)
              {
                node->x = strip_x + STRIP_WIDTH / 2;
                node->y = STRIP_HEADER + RADIUS_MAX + unrated * STRIP_ROW;
                node->placed = TRUE;
              }
            unrated += pass;
            continue;
          }
        influence = clamp_score (influence);
        interest = clamp_score (interest);
        key = GUINT_TO_POINTER (1 + (guint) round (interest) * 11 + (guint) round (influence));
        n = GPOINTER_TO_UINT (g_hash_table_lookup (totals, key));
        if (pass == 0)
          {
            g_hash_table_insert (totals, key, GUINT_TO_POINTER (n + 1));
            continue;
          }
        k = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
        g_hash_table_insert (seen, key, GUINT_TO_POINTER (k + 1));
        spread_offset (k, n, GRID_UNIT * 0.9, &dx, &dy);
        node->x = GRID_PAD + interest * GRID_UNIT + dx;
        node->y = GRID_PAD + (10 - influence) * GRID_UNIT + dy;
        /* A score between whole numbers stays on its own side of the cut. */
        if (interest < cutoff)
          node->x = MIN (node->x, CUT_X (cutoff) - SPREAD / 2);
        else
          node->x = MAX (node->x, CUT_X (cutoff) + SPREAD / 2);
        if (influence < cutoff)
          node->y = MAX (node->y, CUT_Y (cutoff) + SPREAD / 2);
        else
          node->y = MIN (node->y, CUT_Y (cutoff) - SPREAD / 2);
        node->placed = TRUE;
      }

  self->bg_x = -AXIS_MARGIN;
  self->bg_y = 0;
  self->bg_width = strip_x + STRIP_WIDTH + AXIS_MARGIN;
  self->bg_height = MAX (GRID_SIZE, STRIP_HEADER + unrated * STRIP_ROW) + AXIS_MARGIN;
}

static void
region_rect (SmRenderer *self,
             SmRegion    region,
             double     *x,
             double     *y,
             double     *width,
             double     *height)
{
  double cx = CUT_X (self->high_cutoff), cy = CUT_Y (self->high_cutoff);

  switch (region)
    {
    case SM_REGION_KEY_PLAYERS:
      *x = cx, *y = 0, *width = GRID_SIZE - cx, *height = cy;
      break;
    case SM_REGION_KEEP_SATISFIED:
      *x = 0, *y = 0, *width = cx, *height = cy;
      break;
    case SM_REGION_KEEP_INFORMED:
      *x = cx, *y = cy, *width = GRID_SIZE - cx, *height = GRID_SIZE - cy;
      break;
    case SM_REGION_MINIMAL_EFFORT:
      *x = 0, *y = cy, *width = cx, *height = GRID_SIZE - cy;
      break;
    case SM_REGION_NOT_RATED:
      *x = GRID_SIZE + STRIP_GAP, *y = 0, *width = STRIP_WIDTH, *height = GRID_SIZE;
      break;
    case SM_REGION_GRID:
    default:
      *x = 0, *y = 0, *width = GRID_SIZE, *height = GRID_SIZE;
      break;
    }
}

static void
draw_power_interest (SmRenderer          *self,
                     cairo_t             *cr,
                     const Palette       *p,
                     const SmRenderState *state,
                     double               scale)
{
  static const struct
  {
    SmRegion    region;
    const char *name;
    double      tint;
    gboolean    right, bottom; /* the grid's outer corner, where the name goes */
  } quadrants[] = {
    { SM_REGION_KEY_PLAYERS, N_ ("Key players"), 0.10, TRUE, FALSE },
    { SM_REGION_KEEP_SATISFIED, N_ ("Keep satisfied"), 0.05, FALSE, FALSE },
    { SM_REGION_KEEP_INFORMED, N_ ("Keep informed"), 0.05, TRUE, TRUE },
    { SM_REGION_MINIMAL_EFFORT, N_ ("Minimal effort"), 0.02, FALSE, TRUE },
  };
  double x, y, w, h;

  for (guint i = 0; i < G_N_ELEMENTS (quadrants); i++)
    {
      region_rect (self, quadrants[i].region, &x, &y, &w, &h);
      cairo_rectangle (cr, x, y, w, h);
      _sm_render_set_rgba (cr, p->accent, quadrants[i].tint);
      cairo_fill (cr);
      _sm_render_set_rgba (cr, p->text, 0.55);
      /* Away from the cuts, where stakeholders crowd. */
      _sm_render_draw_heading (self, cr, _ (quadrants[i].name), HEADING_FONT_SIZE, x + 12,
                               quadrants[i].bottom ? y + h - 12 - HEADING_FONT_SIZE * 1.3 : y + 10, w - 24,
                               quadrants[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
  region_rect (self, SM_REGION_GRID, &x, &y, &w, &h);
  cairo_rectangle (cr, x, y, w, h);
  _sm_render_set_rgba (cr, p->line, 0.8);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  cairo_stroke (cr);
  cairo_move_to (cr, CUT_X (self->high_cutoff), 0);
  cairo_line_to (cr, CUT_X (self->high_cutoff), GRID_SIZE);
  cairo_move_to (cr, 0, CUT_Y (self->high_cutoff));
  cairo_line_to (cr, GRID_SIZE, CUT_Y (self->high_cutoff));
  cairo_stroke (cr);

  /* The axes: interest across, influence up. */
  _sm_render_set_rgb (cr, p->text);
  _sm_render_draw_heading (self, cr, _ ("Interest: low → high"), AXIS_FONT_SIZE, 0, GRID_SIZE + 12,
                           GRID_SIZE, PANGO_ALIGN_CENTER);
  cairo_save (cr);
  cairo_translate (cr, -AXIS_MARGIN + 10, GRID_SIZE);
  cairo_rotate (cr, -G_PI / 2);
  _sm_render_draw_heading (self, cr, _ ("Influence: low → high"), AXIS_FONT_SIZE, 0, 0,
                           GRID_SIZE, PANGO_ALIGN_CENTER);
  cairo_restore (cr);

  region_rect (self, SM_REGION_NOT_RATED, &x, &y, &w, &h);
  h = MAX (h, self->bg_height - AXIS_MARGIN);
  cairo_rectangle (cr, x, y, w, h);
  _sm_render_set_rgba (cr, p->line, 0.08);
  cairo_fill_preserve (cr);
  _sm_render_set_rgba (cr, p->line, 0.8);
  cairo_set_dash (cr, (double[]) { 8.0, 5.0 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  _sm_render_set_rgba (cr, p->text, 0.75);
  _sm_render_draw_heading (self, cr, _ ("Not rated"), HEADING_FONT_SIZE * 0.8, x + 8, y + 10, w - 16,
                           PANGO_ALIGN_CENTER);
}

static gboolean
get_power_interest_region (SmRenderer *self,
                           SmRegion    region,
                           double     *rx,
                           double     *ry,
                           double     *rw,
                           double     *rh)
{
  if (region > SM_REGION_NOT_RATED)
    return FALSE;
  region_rect (self, region, rx, ry, rw, rh);
  if (region == SM_REGION_NOT_RATED)
    *rh = MAX (*rh, self->bg_height - AXIS_MARGIN);
  return TRUE;
}

const SmArrangementInfo _sm_arrangement_power_interest = {
  .id = "power-interest",
  .label = N_ ("_Power and Interest"),
  .follows = SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS | SM_ARRANGEMENT_FOLLOWS_THRESHOLDS,
  .background = TRUE,
  .arrange = arrange_power_interest,
  .draw_behind = draw_power_interest,
  .get_region = get_power_interest_region,
};

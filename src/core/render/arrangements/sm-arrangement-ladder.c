/* sm-arrangement-ladder.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ladder of co-production (TLAP, SP-04): a row per rung, the
 * stakeholders on the rung of their participation level. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sm-evaluate-private.h"
#include "sm-render-private.h"

/* The ladder: a row per level, its name in a column on the left. A row is
 * as tall as its stakeholders and their names; a rung nobody stands on
 * keeps only room for its name, so that the ladder fits a screen at a
 * scale where names are still drawn. */
#define LADDER_EMPTY_ROW 56.0
#define LADDER_ROW_PAD 8.0
#define LADDER_TITLE 320.0
#define LADDER_STEP 160.0
#define LADDER_MIN_PER_LINE 24 /* a rung wraps after this many, or 2√n */

/* Row of a ladder level: 7 at the top, 0 below it, unknown at the bottom. */
static guint
ladder_row (double level)
{
  if (!SM_IS_KNOWN (level))
    return LADDER_ROWS - 1;
  return 7 - (guint) CLAMP (level, 0, 7);
}

static void
arrange_ladder (SmRenderer *self,
                GPtrArray  *nodes)
{
  guint  counts[LADDER_ROWS] = { 0 };
  double above[LADDER_ROWS] = { 0 }, below[LADDER_ROWS] = { 0 };
  guint *rows = g_new (guint, MAX (nodes->len, 1));
  guint *slots = g_new (guint, MAX (nodes->len, 1));
  /* A crowded rung wraps onto more lines rather than running on for
   * ever: a rung of thousands in one line is unreadable, and every
   * relationship across it would span the whole map. */
  guint per_line = MAX (LADDER_MIN_PER_LINE, (guint) ceil (2 * sqrt (nodes->len)));

  self->ladder_columns = 1;
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      guint row = rows[i] = ladder_row (sm_record_get_score (node->record, "participation_level"));

      above[row] = MAX (above[row], _sm_render_node_extent (node));
      below[row] = MAX (below[row], _sm_render_node_below (self, node));
      slots[i] = counts[row]++;
      node->x = LADDER_TITLE + LADDER_STEP / 2 + (slots[i] % per_line) * LADDER_STEP;
      node->placed = TRUE;
      self->ladder_columns = MAX (self->ladder_columns, MIN (counts[row], per_line));
    }
  self->ladder_y[0] = 0;
  for (guint row = 0; row < LADDER_ROWS; row++)
    {
      guint lines = MAX (1, (counts[row] + per_line - 1) / per_line);

      self->ladder_y[row + 1] = self->ladder_y[row] +
                                MAX (LADDER_EMPTY_ROW,
                                     lines * (above[row] + below[row]) + (lines + 1) * LADDER_ROW_PAD);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      guint row = rows[i];

      node->y = self->ladder_y[row] + LADDER_ROW_PAD + above[row] +
                (slots[i] / per_line) * (above[row] + below[row] + LADDER_ROW_PAD);
    }
  g_free (rows);
  g_free (slots);

  self->bg_x = 0;
  self->bg_y = 0;
  self->bg_width = LADDER_TITLE + self->ladder_columns * LADDER_STEP;
  self->bg_height = self->ladder_y[LADDER_ROWS];
}

static void
draw_ladder (SmRenderer          *self,
             cairo_t             *cr,
             const Palette       *p,
             const SmRenderState *state,
             double               scale)
{
  for (guint row = 0; row < LADDER_ROWS; row++)
    {
      g_autofree char *title = NULL;
      double           y = self->ladder_y[row], h = self->ladder_y[row + 1] - y;

      if (row % 2 == 0)
        {
          cairo_rectangle (cr, 0, y, self->bg_width, h);
          _sm_render_set_rgba (cr, p->accent, 0.06);
          cairo_fill (cr);
        }
      if (row < 8)
        /* TRANSLATORS: a rung of the ladder of co-production: its number and name */
        title = g_strdup_printf (_ ("%u · %s"), 7 - row, _sm_ladder_label (7 - row));
      else
        title = g_strdup (_ ("Unknown"));
      _sm_render_set_words (cr, p, 0.75);
      _sm_render_draw_heading (self, cr, title, AXIS_FONT_SIZE, 16, y + h / 2 - 20,
                               LADDER_TITLE - 24, PANGO_ALIGN_LEFT);
    }
  cairo_move_to (cr, LADDER_TITLE, 0);
  cairo_line_to (cr, LADDER_TITLE, self->ladder_y[LADDER_ROWS]);
  _sm_render_set_rgba (cr, p->line, 0.6);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  cairo_stroke (cr);
}

const SmArrangementInfo _sm_arrangement_ladder = {
  .id = "ladder",
  .label = N_ ("_Ladder of Co-production"),
  .follows = SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS,
  .background = TRUE,
  .arrange = arrange_ladder,
  .draw_behind = draw_ladder,
};

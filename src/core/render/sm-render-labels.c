/* sm-render-labels.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Words on the map: stakeholders' names under their shapes and the text
 * layouts and halos the arrangements write with. */

#include "config.h"

#include "sm-render-private.h"

void
_sm_render_layout_set_label (SmRenderer *self,
                             const char *text)
{
  pango_layout_set_font_description (self->layout, self->label_font);
  pango_layout_set_width (self->layout, LABEL_MAX_WIDTH * PANGO_SCALE);
  pango_layout_set_height (self->layout, -2);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (self->layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (self->layout, text, -1);
}

void
_sm_render_layout_set_legend (SmRenderer *self,
                              const char *text)
{
  pango_layout_set_font_description (self->layout, self->legend_font);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_height (self->layout, -1);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (self->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (self->layout, text, -1);
}

static void
node_measure_label (SmRenderer *self,
                    Node       *node)
{
  PangoRectangle logical;

  if (node->label_valid)
    return;
  _sm_render_layout_set_label (self, _sm_render_node_name (self, node));
  pango_layout_get_extents (self->layout, NULL, &logical);
  node->label_dx = (double) logical.x / PANGO_SCALE;
  node->label_w = (double) logical.width / PANGO_SCALE;
  node->label_h = (double) logical.height / PANGO_SCALE;
  node->label_valid = TRUE;
}

void
_sm_render_node_label_rect (SmRenderer *self,
                            Node       *node,
                            double     *x,
                            double     *y,
                            double     *width,
                            double     *height)
{
  node_measure_label (self, node);
  *y = _sm_render_node_bottom (node) + LABEL_GAP;
  if (node->label_w > 0)
    {
      *x = node->x - LABEL_MAX_WIDTH / 2 + node->label_dx;
      *width = node->label_w;
      *height = node->label_h;
    }
  else
    {
      /* Room to type a name into. */
      *x = node->x - LABEL_MAX_WIDTH / 2;
      *width = LABEL_MAX_WIDTH;
      *height = self->label_max_height / 2;
    }
}

/* @node's name with its top at @y. */
void
_sm_render_draw_label_at (SmRenderer    *self,
                          cairo_t       *cr,
                          const Palette *p,
                          Node          *node,
                          double         y)
{
  const char *name = _sm_render_node_name (self, node);

  if (*name == '\0')
    return;
  _sm_render_layout_set_label (self, name);
  /* A halo in the background colour keeps names readable over lines. */
  _sm_render_set_rgb (cr, p->text);
  cairo_move_to (cr, node->x - LABEL_MAX_WIDTH / 2, y);
  _sm_render_show_layout (self, cr, p->background);
}

void
_sm_render_draw_label (SmRenderer    *self,
                       cairo_t       *cr,
                       const Palette *p,
                       Node          *node)
{
  _sm_render_draw_label_at (self, cr, p, node, _sm_render_node_bottom (node) + LABEL_GAP);
}

/* How far a stakeholder and the longest name it could have reach below
 * its centre. Names are not measured: laying out every name of a large
 * map would cost more than the arrangement. */
double
_sm_render_node_below (SmRenderer *self,
                       const Node *node)
{
  return _sm_render_shape_extent (node->side, node->r) + LABEL_GAP + self->label_max_height;
}

/* Plain @text (never markup: names and titles are the user's own) in
 * @size map units, wrapped in @width and cut with an ellipsis after
 * @lines lines; a @width of 0 or less does not wrap. */
void
_sm_render_layout_set_text (SmRenderer    *self,
                            const char    *text,
                            double         size,
                            gboolean       bold,
                            double         width,
                            int            lines,
                            PangoAlignment align)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->label_font);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_height (self->layout, -lines);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (self->layout, align);
  pango_layout_set_text (self->layout, text, -1);
}

void
_sm_render_layout_get_size (SmRenderer *self,
                            double     *width,
                            double     *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (self->layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
_sm_render_draw_heading (SmRenderer    *self,
                         cairo_t       *cr,
                         const char    *text,
                         double         size,
                         double         x,
                         double         y,
                         double         width,
                         PangoAlignment align)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->label_font);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_set_height (self->layout, -1);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (self->layout, align);
  pango_layout_set_text (self->layout, text, -1);
  cairo_move_to (cr, x, y);
  _sm_render_show_layout (self, cr, NULL);
}

/* The layout at (x, y) in @alpha of the text colour, over a halo of the
 * background so that relationships crossing it do not hide it. */
void
_sm_render_show_words (SmRenderer    *self,
                       cairo_t       *cr,
                       const Palette *p,
                       double         alpha,
                       double         x,
                       double         y)
{
  _sm_render_set_words (cr, p, alpha);
  cairo_move_to (cr, x, y);
  _sm_render_show_layout (self, cr, p->background);
}

/* The layout at the current point in the current source, over a halo of
 * @halo (NULL: none), or handed to the text function when one is set. */
void
_sm_render_show_layout (SmRenderer   *self,
                        cairo_t      *cr,
                        const double *halo)
{
  double x = 0, y = 0;

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x, &y);
  if (self->text_func != NULL)
    {
      double rgba[4] = { 0, 0, 0, 0 };

      if (halo != NULL)
        rgba[0] = halo[0], rgba[1] = halo[1], rgba[2] = halo[2], rgba[3] = HALO_ALPHA;
      self->text_func (cr, self->layout, halo != NULL ? rgba : NULL, self->text_data);
      cairo_new_path (cr);
      return;
    }
  if (halo != NULL)
    {
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, self->layout);
      _sm_render_set_rgba (cr, halo, HALO_ALPHA);
      cairo_set_line_width (cr, HALO_WIDTH);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, self->layout);
}

/* Where @stakeholder's name is drawn, in map units: the canvas puts its
 * text entry there. An empty name still gets room for one line. */
void
sm_renderer_get_label_rect (SmRenderer *self,
                            SmRecord   *stakeholder,
                            double     *x,
                            double     *y,
                            double     *width,
                            double     *height)
{
  Node  *node;
  double lx = 0, ly = 0, lw = 0, lh = 0;

  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (SM_IS_RECORD (stakeholder));

  _sm_render_ensure_layout (self);
  node = g_hash_table_lookup (self->nodes, stakeholder);
  if (node != NULL)
    _sm_render_node_label_rect (self, node, &lx, &ly, &lw, &lh);
  else
    {
      /* A stakeholder not yet on the map (its name being typed before it
       * is added): where its label will be. */
      double sx = 0, sy = 0;

      sm_stakeholder_get_position (stakeholder, &sx, &sy);
      lx = sx - LABEL_MAX_WIDTH / 2;
      ly = sy + sm_renderer_node_radius (stakeholder) + LABEL_GAP;
      lw = LABEL_MAX_WIDTH;
      lh = self->label_max_height / 2;
    }
  if (x != NULL)
    *x = lx;
  if (y != NULL)
    *y = ly;
  if (width != NULL)
    *width = lw;
  if (height != NULL)
    *height = lh;
}

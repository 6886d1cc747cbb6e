/* sm-render-shapes.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Stakeholders as shapes: side as shape, kind as colour and symbol,
 * influence as size, the lived-experience badge and the rings of
 * selection, focus and hover. */

#include "config.h"

#include <math.h>

#include "sm-render-private.h"

/* Okabe & Ito's palette, which stays distinct for the common colour vision
 * deficiencies; each group also has its own symbol, so colour is never
 * the only cue. */
const Colour _sm_render_group_colours[N_GROUPS] = {
  [GROUP_LIVED] = { 0xE6 / 255., 0x9F / 255., 0x00 / 255., TRUE },
  [GROUP_PEER] = { 0x00 / 255., 0x9E / 255., 0x73 / 255., FALSE },
  [GROUP_ADVOCATE] = { 0xCC / 255., 0x79 / 255., 0xA7 / 255., TRUE },
  [GROUP_PROFESSIONAL] = { 0x56 / 255., 0xB4 / 255., 0xE9 / 255., TRUE },
  [GROUP_MANAGER] = { 0x00 / 255., 0x72 / 255., 0xB2 / 255., FALSE },
  [GROUP_CIVIC] = { 0xD5 / 255., 0x5E / 255., 0x00 / 255., FALSE },
  [GROUP_PROVIDER] = { 0xF0 / 255., 0xE4 / 255., 0x42 / 255., TRUE },
  [GROUP_OTHER] = { 0xB0 / 255., 0xAF / 255., 0xAC / 255., TRUE },
};

/* Indexed like sm_stakeholder_kinds. */
const KindGroup _sm_render_kind_groups[] = {
  GROUP_PROFESSIONAL, /* professional */
  GROUP_MANAGER,      /* manager */
  GROUP_MANAGER,      /* commissioner */
  GROUP_MANAGER,      /* funder */
  GROUP_CIVIC,        /* elected_member */
  GROUP_PROFESSIONAL, /* researcher */
  GROUP_PROVIDER,     /* provider_org */
  GROUP_CIVIC,        /* regulator */
  GROUP_LIVED,        /* service_user */
  GROUP_LIVED,        /* carer */
  GROUP_LIVED,        /* citizen */
  GROUP_PEER,         /* community_org */
  GROUP_PEER,         /* peer_worker */
  GROUP_ADVOCATE,     /* advocate */
  GROUP_OTHER,        /* other */
};
G_STATIC_ASSERT (G_N_ELEMENTS (_sm_render_kind_groups) == N_KINDS);

/* Geometry */

double
_sm_render_radius_for_influence (double influence)
{
  influence = CLAMP (influence, 0.0, 10.0);
  return MAX (RADIUS_MIN, RADIUS_MAX * sqrt (influence / 10.0));
}

/* How far the shape reaches from its centre along the axes. */
double
_sm_render_shape_extent (SmSide side,
                         double r)
{
  switch (side)
    {
    case SM_SIDE_INSTITUTIONAL:
      return r * SQUARE_FACTOR;
    case SM_SIDE_OTHER:
      return r * DIAMOND_FACTOR;
    case SM_SIDE_COMMUNITY:
    default:
      return r;
    }
}

/* Distance from the centre to the outline along the unit vector (ux, uy). */
double
_sm_render_shape_border (SmSide side,
                         double r,
                         double ux,
                         double uy)
{
  switch (side)
    {
    case SM_SIDE_INSTITUTIONAL:
      return r * SQUARE_FACTOR / MAX (MAX (fabs (ux), fabs (uy)), 0.5);
    case SM_SIDE_OTHER:
      return r * DIAMOND_FACTOR / MAX (fabs (ux) + fabs (uy), 1.0);
    case SM_SIDE_COMMUNITY:
    default:
      return r;
    }
}

gboolean
_sm_render_shape_contains (SmSide side,
                           double r,
                           double dx,
                           double dy,
                           double tolerance)
{
  switch (side)
    {
    case SM_SIDE_INSTITUTIONAL:
      return fabs (dx) <= r * SQUARE_FACTOR + tolerance && fabs (dy) <= r * SQUARE_FACTOR + tolerance;
    case SM_SIDE_OTHER:
      return fabs (dx) + fabs (dy) <= r * DIAMOND_FACTOR + tolerance * M_SQRT2;
    case SM_SIDE_COMMUNITY:
    default:
      return hypot (dx, dy) <= r + tolerance;
    }
}

/* The outline of a stakeholder's shape moved outward by @d (inward when
 * negative), as a stroke of width 2|@d| along the shape reaches: a circle
 * of radius r + d, a rounded square with its corners' centres kept, a
 * diamond whose sides each move by d (its corners are right angles, so a
 * mitred stroke reaches d√2 further along the diagonals). */
static void
shape_path_offset (cairo_t *cr,
                   SmSide   side,
                   double   x,
                   double   y,
                   double   r,
                   double   d)
{
  switch (side)
    {
    case SM_SIDE_INSTITUTIONAL:
      {
        double a = r * SQUARE_FACTOR;
        double c = a * 0.28;
        /* The corners' centres and radius; moved in further than their
         * radius, the corners are sharp, a + d from the middle. */
        double k = c + d >= 0 ? a - c : a + d;
        double e = MAX (c + d, 0);

        cairo_new_sub_path (cr);
        cairo_arc (cr, x + k, y - k, e, -G_PI / 2, 0);
        cairo_arc (cr, x + k, y + k, e, 0, G_PI / 2);
        cairo_arc (cr, x - k, y + k, e, G_PI / 2, G_PI);
        cairo_arc (cr, x - k, y - k, e, G_PI, 3 * G_PI / 2);
        cairo_close_path (cr);
      }
      break;
    case SM_SIDE_OTHER:
      {
        double e = MAX (r * DIAMOND_FACTOR + d * G_SQRT2, 0);

        cairo_move_to (cr, x, y - e);
        cairo_line_to (cr, x + e, y);
        cairo_line_to (cr, x, y + e);
        cairo_line_to (cr, x - e, y);
        cairo_close_path (cr);
      }
      break;
    case SM_SIDE_COMMUNITY:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, MAX (r + d, 0), 0, 2 * G_PI);
      break;
    }
}

/* The outline of a stakeholder's shape. */
void
_sm_render_shape_path (cairo_t *cr,
                       SmSide   side,
                       double   x,
                       double   y,
                       double   r)
{
  shape_path_offset (cr, side, x, y, r, 0);
}

double
_sm_render_node_extent (const Node *node)
{
  double e = _sm_render_shape_extent (node->side, node->r);

  /* The lived-experience mark sits on the top-right corner. */
  if (node->lived > 0)
    e = MAX (e, node->r * 0.72 + MARKER_RADIUS + 1);
  return e;
}

double
_sm_render_node_bottom (const Node *node)
{
  return node->y + _sm_render_shape_extent (node->side, node->r);
}

/* The radius of the circle a stakeholder of this influence is drawn as
 * (other shapes have the same area); unknown influence is drawn at a
 * middle size. */
double
sm_renderer_node_radius (SmRecord *stakeholder)
{
  double influence;

  g_return_val_if_fail (SM_IS_RECORD (stakeholder), RADIUS_MIN);

  influence = sm_record_get_score (stakeholder, "influence");
  return _sm_render_radius_for_influence (SM_IS_KNOWN (influence) ? influence : UNKNOWN_INFLUENCE);
}

/* How far a stakeholder's shape reaches from its centre along the axes:
 * half the side of the box it is drawn in, for tools that draw boxes. */
double
sm_renderer_node_extent (SmRecord *stakeholder)
{
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), RADIUS_MIN);

  return _sm_render_shape_extent (sm_stakeholder_get_side (stakeholder), sm_renderer_node_radius (stakeholder));
}

/* The colour a stakeholder's kind is filled with on a light background,
 * as 0xRRGGBB. */
guint32
sm_renderer_node_rgb (SmRecord *stakeholder)
{
  const char   *kind;
  guint         index = KIND_OTHER;
  const Colour *c;

  g_return_val_if_fail (SM_IS_RECORD (stakeholder), 0);

  kind = sm_record_get_enum (stakeholder, "kind");
  for (guint i = 0; i < N_KINDS && sm_stakeholder_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, sm_stakeholder_kinds[i]) == 0)
      index = i;
  c = &_sm_render_palette (FALSE)->groups[_sm_render_kind_groups[index]];
  return ((guint32) lround (c->r * 255) << 16) | ((guint32) lround (c->g * 255) << 8) | (guint32) lround (c->b * 255);
}

void
_sm_render_set_rgb (cairo_t      *cr,
                    const double *c)
{
  cairo_set_source_rgb (cr, c[0], c[1], c[2]);
}

void
_sm_render_set_rgba (cairo_t      *cr,
                     const double *c,
                     double        alpha)
{
  cairo_set_source_rgba (cr, c[0], c[1], c[2], alpha);
}

/* Words in the text colour, faded by @alpha where the palette allows:
 * headings recede behind the stakeholders, except on a projector. */
void
_sm_render_set_words (cairo_t       *cr,
                      const Palette *p,
                      double         alpha)
{
  _sm_render_set_rgba (cr, p->text, MAX (alpha, p->words_alpha));
}

/* The outline of a node: its colour darkened on light backgrounds and
 * lightened on dark ones, so the edge of the shape always shows. */
void
_sm_render_set_outline (cairo_t       *cr,
                        const Palette *p,
                        const Colour  *c,
                        gboolean       dark)
{
  if (p->outline_text)
    _sm_render_set_rgb (cr, p->text);
  else if (dark)
    cairo_set_source_rgb (cr, c->r * 0.5 + 0.5, c->g * 0.5 + 0.5, c->b * 0.5 + 0.5);
  else
    cairo_set_source_rgb (cr, c->r * 0.55, c->g * 0.55, c->b * 0.55);
}

/* Symbols */

static void
person_path (cairo_t *cr,
             double   x,
             double   y,
             double   s)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y - 0.42 * s, 0.32 * s, 0, 2 * G_PI);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y + 0.78 * s, 0.62 * s, G_PI, 2 * G_PI);
  cairo_close_path (cr);
}

/* A symbol per group of kinds, drawn in a box from -s to s around (x, y),
 * so that kinds differ by more than colour. */
static void
symbol_path (cairo_t  *cr,
             KindGroup group,
             double    x,
             double    y,
             double    s)
{
  switch (group)
    {
    case GROUP_LIVED:
      person_path (cr, x, y, s);
      break;
    case GROUP_PEER:
      person_path (cr, x - 0.42 * s, y + 0.1 * s, 0.8 * s);
      person_path (cr, x + 0.42 * s, y + 0.1 * s, 0.8 * s);
      break;
    case GROUP_ADVOCATE:
      /* a speech bubble */
      cairo_rectangle (cr, x - 0.75 * s, y - 0.6 * s, 1.5 * s, 1.0 * s);
      cairo_move_to (cr, x - 0.35 * s, y + 0.35 * s);
      cairo_line_to (cr, x - 0.45 * s, y + 0.8 * s);
      cairo_line_to (cr, x + 0.05 * s, y + 0.35 * s);
      cairo_close_path (cr);
      break;
    case GROUP_PROFESSIONAL:
      /* a briefcase */
      cairo_rectangle (cr, x - 0.75 * s, y - 0.3 * s, 1.5 * s, 0.95 * s);
      cairo_rectangle (cr, x - 0.3 * s, y - 0.6 * s, 0.6 * s, 0.38 * s);
      cairo_rectangle (cr, x - 0.15 * s, y - 0.45 * s, 0.3 * s, 0.15 * s);
      break;
    case GROUP_MANAGER:
      /* rising bars: budgets and targets */
      cairo_rectangle (cr, x - 0.75 * s, y + 0.05 * s, 0.4 * s, 0.6 * s);
      cairo_rectangle (cr, x - 0.2 * s, y - 0.3 * s, 0.4 * s, 0.95 * s);
      cairo_rectangle (cr, x + 0.35 * s, y - 0.7 * s, 0.4 * s, 1.35 * s);
      break;
    case GROUP_CIVIC:
      /* a civic building: pediment, columns, base */
      cairo_move_to (cr, x - 0.8 * s, y - 0.35 * s);
      cairo_line_to (cr, x, y - 0.8 * s);
      cairo_line_to (cr, x + 0.8 * s, y - 0.35 * s);
      cairo_close_path (cr);
      for (int i = 0; i < 3; i++)
        cairo_rectangle (cr, x + (-0.6 + i * 0.48) * s, y - 0.22 * s, 0.24 * s, 0.62 * s);
      cairo_rectangle (cr, x - 0.8 * s, y + 0.48 * s, 1.6 * s, 0.2 * s);
      break;
    case GROUP_PROVIDER:
      /* a house with a door */
      cairo_move_to (cr, x - 0.7 * s, y - 0.1 * s);
      cairo_line_to (cr, x, y - 0.75 * s);
      cairo_line_to (cr, x + 0.7 * s, y - 0.1 * s);
      cairo_line_to (cr, x + 0.7 * s, y + 0.7 * s);
      cairo_line_to (cr, x + 0.18 * s, y + 0.7 * s);
      cairo_line_to (cr, x + 0.18 * s, y + 0.2 * s);
      cairo_line_to (cr, x - 0.18 * s, y + 0.2 * s);
      cairo_line_to (cr, x - 0.18 * s, y + 0.7 * s);
      cairo_line_to (cr, x - 0.7 * s, y + 0.7 * s);
      cairo_close_path (cr);
      break;
    case GROUP_OTHER:
    case N_GROUPS:
    default:
      /* a ring */
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 0.45 * s, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, x, y, 0.25 * s, 2 * G_PI, 0);
      break;
    }
}

void
_sm_render_draw_symbol (cairo_t       *cr,
                        const Palette *p,
                        KindGroup      group,
                        double         x,
                        double         y,
                        double         s)
{
  const Colour *c = &p->groups[group];

  symbol_path (cr, group, x, y, s);
  if (c->dark_symbol)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.72);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

static void
star_path (cairo_t *cr,
           double   x,
           double   y,
           double   r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double d = i % 2 == 0 ? r : r * 0.42;

      if (i == 0)
        cairo_move_to (cr, x + d * cos (a), y + d * sin (a));
      else
        cairo_line_to (cr, x + d * cos (a), y + d * sin (a));
    }
  cairo_close_path (cr);
}

/* Lived experience: a star on a badge, filled when the person brings it
 * to this project, outlined when it is relevant but not their role here. */
void
_sm_render_draw_lived_mark (cairo_t       *cr,
                            const Palette *p,
                            guint          lived,
                            double         x,
                            double         y)
{
  cairo_new_path (cr);
  if (_sm_render_is_raster (cr))
    {
      /* The badge's outline filled as a disc under it (see
       * _sm_render_draw_node_shape()). */
      cairo_arc (cr, x, y, MARKER_RADIUS + 0.6, 0, 2 * G_PI);
      _sm_render_set_rgb (cr, p->strong);
      cairo_fill (cr);
      if (lived != 2)
        {
          cairo_arc (cr, x, y, MARKER_RADIUS - 0.6, 0, 2 * G_PI);
          _sm_render_set_rgb (cr, p->background);
          cairo_fill (cr);
        }
    }
  else
    {
      cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
      _sm_render_set_rgb (cr, lived == 2 ? p->strong : p->background);
      cairo_fill_preserve (cr);
      _sm_render_set_rgb (cr, p->strong);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  star_path (cr, x, y + 0.3, MARKER_RADIUS * 0.72);
  _sm_render_set_rgb (cr, lived == 2 ? p->background : p->strong);
  if (lived == 2)
    cairo_fill (cr);
  else
    {
      cairo_set_line_width (cr, 1.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
}

/* Whether the square of half-side @half round (@x, @y), grown by two
 * device pixels of antialiasing, reaches @view (x0, y0, x1, y1, map
 * units; NULL: anything does). */
static gboolean
square_meets_view (const double *view,
                   double        x,
                   double        y,
                   double        half,
                   double        scale)
{
  half += 2.0 / scale;
  return view == NULL || (x - half <= view[2] && x + half >= view[0] && y - half <= view[3] && y + half >= view[1]);
}

/* One stakeholder in full. On pixels, @view is the part of the map the
 * frame is clipped to (x0, y0, x1, y1, map units), or NULL: the symbol
 * and the lived-experience mark are drawn only where they can show in
 * it. A pan's strip, a few dozen pixels wide, mostly cuts a shape near
 * its edge, far from both. */
void
_sm_render_draw_node_shape (cairo_t       *cr,
                            const Palette *p,
                            gboolean       dark,
                            const Node    *node,
                            double         scale,
                            const double  *view)
{
  KindGroup     group = _sm_render_kind_groups[node->kind];
  const Colour *c = &p->groups[group];
  double        width = MAX (p->outline_text ? 2.5 : 1.6, 1.0 / scale);

  if (!node->unknown_influence && _sm_render_is_raster (cr))
    {
      /* On pixels, the outline is the shape grown by half its width and
       * filled, with the shape shrunk by as much filled over it: the
       * picture of a stroke over a fill, for half the work (cairo's
       * stroker is the dearest part of a frame of large shapes). A
       * vector file keeps the stroke, one outline to whoever edits it. */
      shape_path_offset (cr, node->side, node->x, node->y, node->r, width / 2);
      _sm_render_set_outline (cr, p, c, dark);
      cairo_fill (cr);
      shape_path_offset (cr, node->side, node->x, node->y, node->r, -width / 2);
      cairo_set_source_rgb (cr, c->r, c->g, c->b);
      cairo_fill (cr);
    }
  else
    {
      _sm_render_shape_path (cr, node->side, node->x, node->y, node->r);
      /* Unknown influence: a paler fill and a dashed outline, so a guess
       * at the middle size cannot pass for a rating. */
      cairo_set_source_rgba (cr, c->r, c->g, c->b, node->unknown_influence ? 0.45 : 1.0);
      cairo_fill_preserve (cr);
      _sm_render_set_outline (cr, p, c, dark);
      cairo_set_line_width (cr, width);
      /* Sharp corners, as on pixels (shape_path_offset()), whatever was
       * stroked before. */
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      if (node->unknown_influence)
        {
          static const double dashes[] = { 5.0, 3.5 };

          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, MAX (2.0, 1.0 / scale));
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (scale >= LOD_MARKS && node->r * scale >= 8)
    {
      double size = node->r * (node->side == SM_SIDE_OTHER ? 0.5 : 0.56);

      /* Every symbol keeps to a box of its size round the centre
       * (symbol_path()). */
      if (square_meets_view (view, node->x, node->y, size, scale))
        _sm_render_draw_symbol (cr, p, group, node->x, node->y, size);
    }
  /* The badge, its outline half a line outside it. */
  if (node->lived > 0 && scale >= LOD_MARKS &&
      square_meets_view (view, node->x + node->r * 0.72, node->y - node->r * 0.72, MARKER_RADIUS + 1.0, scale))
    _sm_render_draw_lived_mark (cr, p, node->lived, node->x + node->r * 0.72, node->y - node->r * 0.72);
}

gboolean
_sm_render_state_has (GHashTable *set,
                      const char *id)
{
  return set != NULL && id != NULL && g_hash_table_contains (set, id);
}

gboolean
_sm_render_is_selected (const SmRenderState *state,
                        const char          *id)
{
  return state->selection != NULL && id != NULL && sm_selection_contains (state->selection, id);
}

/* Rings around a node: findings, highlight (evidence), hover, selection,
 * focus. */
void
_sm_render_draw_node_under (cairo_t             *cr,
                            const Palette       *p,
                            const Node          *node,
                            const SmRenderState *state,
                            double               scale)
{
  SmMarks marks = _sm_render_node_marks (state, node);

  if (marks != 0)
    _sm_render_draw_mark_rings (cr, node, marks, scale);
  if (_sm_render_state_has (state->highlight, node->id))
    {
      _sm_render_shape_path (cr, node->side, node->x, node->y, node->r + MAX (7, 4 / scale));
      _sm_render_set_rgba (cr, p->highlight, 0.35);
      cairo_fill_preserve (cr);
      _sm_render_set_rgb (cr, p->highlight);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
      cairo_stroke (cr);
    }
}

void
_sm_render_draw_node_over (cairo_t             *cr,
                           const Palette       *p,
                           const Node          *node,
                           const SmRenderState *state,
                           double               scale)
{
  if (g_strcmp0 (state->hover_id, node->id) == 0 && !_sm_render_is_selected (state, node->id))
    {
      _sm_render_shape_path (cr, node->side, node->x, node->y, node->r + MAX (3.5, 2.5 / scale));
      _sm_render_set_rgba (cr, p->accent, 0.45);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
      cairo_stroke (cr);
    }
  if (_sm_render_is_selected (state, node->id))
    {
      _sm_render_shape_path (cr, node->side, node->x, node->y, node->r + MAX (4.5, 3.0 / scale));
      _sm_render_set_rgb (cr, p->accent);
      cairo_set_line_width (cr, MAX (3.0, 2.5 / scale));
      cairo_stroke (cr);
    }
  if (g_strcmp0 (state->focus_id, node->id) == 0)
    {
      double dashes[] = { MAX (4.0, 3.0 / scale), MAX (3.0, 2.0 / scale) };

      _sm_render_shape_path (cr, node->side, node->x, node->y, node->r + MAX (9.0, 6.5 / scale));
      _sm_render_set_rgb (cr, p->accent);
      cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

void
_sm_render_rounded_rectangle (cairo_t *cr,
                              double   x,
                              double   y,
                              double   width,
                              double   height,
                              double   r)
{
  r = MIN (r, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Around a note or a region: selection, hover and focus as the
 * stakeholders show them, on the current path. */
void
_sm_render_stroke_ring (cairo_t       *cr,
                        const Palette *p,
                        Ring           ring,
                        double         scale)
{
  double dashes[] = { MAX (4.0, 3.0 / scale), MAX (3.0, 2.0 / scale) };

  _sm_render_set_rgba (cr, p->accent, ring == RING_HOVER ? 0.45 : 1.0);
  cairo_set_line_width (cr, ring == RING_SELECTED ? MAX (3.0, 2.5 / scale)
                            : ring == RING_HOVER  ? MAX (3.0, 2.0 / scale)
                                                  : MAX (1.5, 1.0 / scale));
  if (ring == RING_FOCUS)
    cairo_set_dash (cr, dashes, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

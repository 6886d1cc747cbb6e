/* sm-render-compare.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Another version of the map drawn over this one (Compare With…): what
 * was added since the other version is ringed and badged with a plus,
 * what changed is badged with a triangle (a delta), and what was removed
 * is drawn as a dashed ghost where the other version had it. Colour is
 * never the only sign: each mark has its own shape. */

#include "config.h"

#include <math.h>

#include "sm-render-private.h"

/* Okabe & Ito's bluish green for added, and a violet for changed: apart
 * from each other for every common colour blindness, and from the
 * findings' reddish purple, the selection's blue and the evidence's
 * amber. */
static const double added_colour[3] = { 0x00 / 255., 0x9E / 255., 0x73 / 255. };
static const double changed_colour[3] = { 0x7A / 255., 0x4F / 255., 0xB8 / 255. };
static const double added_dark_colour[3] = { 0x3D / 255., 0xD6 / 255., 0xA5 / 255. };
static const double changed_dark_colour[3] = { 0xB6 / 255., 0x9C / 255., 0xE8 / 255. };

#define BADGE_RADIUS 9.0
#define GHOST_ALPHA 0.55

typedef struct
{
  SmRecordKind kind;
  char        *id;
  char        *name;   /* a stakeholder's name, a note's text, a region's label */
  char        *source; /* a relationship's ends */
  char        *target;
  gboolean     placed;
  double       x, y, r; /* a stakeholder's centre and radius */
  SmSide       side;
  double       width, height; /* a note's card, a region's box (x, y: its corner) */
  gboolean     ellipse;
  gboolean     may_be_named; /* a stakeholder: named also in pictures that leave the team */
  gboolean     organisation; /* a stakeholder: named even where no person is */
} Ghost;

struct _SmRenderCompare
{
  GHashTable *status; /* id → GINT_TO_POINTER (SmDiffChange + 1), added and changed */
  GHashTable *ghosts; /* id → Ghost, removed */
  GPtrArray  *order;  /* Ghost, borrowed: relationships first, then the rest, in the diff's order */
};

static void
ghost_free (gpointer data)
{
  Ghost *ghost = data;

  g_free (ghost->id);
  g_free (ghost->name);
  g_free (ghost->source);
  g_free (ghost->target);
  g_free (ghost);
}

void
_sm_render_compare_free (SmRenderCompare *compare)
{
  if (compare == NULL)
    return;
  g_hash_table_unref (compare->status);
  g_ptr_array_unref (compare->order);
  g_hash_table_unref (compare->ghosts);
  g_free (compare);
}

static Ghost *
ghost_new (SmRecord *record)
{
  Ghost *ghost = g_new0 (Ghost, 1);

  ghost->kind = sm_record_get_kind (record);
  ghost->id = g_strdup (sm_record_get_id (record));
  switch (ghost->kind)
    {
    case SM_RECORD_STAKEHOLDER:
      {
        double influence = sm_record_get_score (record, "influence");

        ghost->name = g_strdup (sm_stakeholder_get_name (record));
        ghost->placed = sm_stakeholder_get_position (record, &ghost->x, &ghost->y) && isfinite (ghost->x) &&
                        isfinite (ghost->y);
        ghost->r = _sm_render_radius_for_influence (SM_IS_KNOWN (influence) ? influence : UNKNOWN_INFLUENCE);
        ghost->side = sm_stakeholder_get_side (record);
        ghost->may_be_named = sm_stakeholder_may_be_named (record);
        ghost->organisation = sm_stakeholder_is_organisation (record);
      }
      break;
    case SM_RECORD_RELATIONSHIP:
      ghost->source = g_strdup (sm_relationship_get_source (record));
      ghost->target = g_strdup (sm_relationship_get_target (record));
      ghost->placed = ghost->source != NULL && ghost->target != NULL;
      break;
    case SM_RECORD_ANNOTATION:
      ghost->name = g_strdup (sm_record_get_string (record, "text"));
      ghost->placed = sm_record_has_value (record, "x") && sm_record_has_value (record, "y");
      ghost->width = 160;
      ghost->height = 44;
      ghost->x = sm_record_get_number (record, "x", 0) - ghost->width / 2;
      ghost->y = sm_record_get_number (record, "y", 0) - ghost->height / 2;
      ghost->placed &= isfinite (ghost->x) && isfinite (ghost->y);
      break;
    case SM_RECORD_REGION:
      ghost->name = g_strdup (sm_record_get_string (record, "label"));
      sm_region_get_rect (record, &ghost->x, &ghost->y, &ghost->width, &ghost->height);
      ghost->ellipse = sm_region_is_ellipse (record);
      ghost->placed = isfinite (ghost->x) && isfinite (ghost->y) && ghost->width > 0 && ghost->height > 0;
      break;
    default:
      break;
    }
  return ghost;
}

/**
 * sm_renderer_set_compare:
 * @diff: (nullable): what changed from @other to this renderer's map;
 *   %NULL to stop comparing
 * @other: (nullable): the other version, whose removed records are drawn
 *   as ghosts
 *
 * Draws a comparison over the map: records @diff lists as added are
 * ringed and badged "+", changed ones badged with a triangle, and removed
 * ones drawn dashed where @other had them (stakeholders, notes and
 * regions in the map view; relationships wherever both ends can be
 * placed). The legend explains the marks. What is needed is copied: the
 * diff and the other map may be freed afterwards.
 */
void
sm_renderer_set_compare (SmRenderer *self,
                         SmDiff     *diff,
                         SmMap      *other)
{
  SmRenderCompare *compare;
  GPtrArray       *rest;

  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (diff == NULL || SM_IS_MAP (other));

  g_clear_pointer (&self->compare, _sm_render_compare_free);
  self->legend_dirty = TRUE;
  if (diff == NULL)
    return;

  compare = g_new0 (SmRenderCompare, 1);
  compare->status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  compare->ghosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, ghost_free);
  compare->order = g_ptr_array_new ();
  rest = g_ptr_array_new ();
  for (guint i = 0; i < sm_diff_get_n_entries (diff); i++)
    {
      SmDiffEntry *entry = sm_diff_get_entry (diff, i);
      SmDiffKind   kind = sm_diff_entry_get_kind (entry);
      SmDiffChange change = sm_diff_entry_get_change (entry);
      const char  *id = sm_diff_entry_get_id (entry);
      SmRecord    *record;

      if (kind == SM_DIFF_KIND_MAP || kind == SM_DIFF_KIND_RESPONSE || id == NULL)
        continue;
      if (change != SM_DIFF_REMOVED)
        {
          g_hash_table_replace (compare->status, g_strdup (id), GINT_TO_POINTER (change + 1));
          continue;
        }
      record = sm_map_lookup_kind (other, (SmRecordKind) kind, id);
      if (record != NULL && !g_hash_table_contains (compare->ghosts, id))
        {
          Ghost *ghost = ghost_new (record);

          g_hash_table_insert (compare->ghosts, ghost->id, ghost);
          g_ptr_array_add (ghost->kind == SM_RECORD_RELATIONSHIP ? compare->order : rest, ghost);
        }
    }
  g_ptr_array_extend_and_steal (compare->order, rest);
  self->compare = compare;
}

/* Whether @id was added or changed since the other version: 0 when
 * neither, or no comparison is drawn. */
static int
compare_status (SmRenderer *self,
                const char *id)
{
  if (self->compare == NULL || id == NULL)
    return 0;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->compare->status, id));
}

gboolean
_sm_render_compare_any (SmRenderer *self,
                        gboolean   *added,
                        gboolean   *changed,
                        gboolean   *removed)
{
  GHashTableIter iter;
  gpointer       value;

  *added = *changed = FALSE;
  *removed = self->compare != NULL && g_hash_table_size (self->compare->ghosts) > 0;
  if (self->compare == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->compare->status);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      *added |= GPOINTER_TO_INT (value) == SM_DIFF_ADDED + 1;
      *changed |= GPOINTER_TO_INT (value) == SM_DIFF_CHANGED + 1;
    }
  return *added || *changed || *removed;
}

static const double *
status_colour (int      status,
               gboolean dark)
{
  if (status == SM_DIFF_ADDED + 1)
    return dark ? added_dark_colour : added_colour;
  return dark ? changed_dark_colour : changed_colour;
}

/* A badge of @size map units at (x, y): a disc with a white plus for
 * added, a triangle for changed, and for removed a dashed disc with a
 * minus. The legend draws the same. */
void
_sm_render_draw_compare_badge (cairo_t       *cr,
                               const Palette *p,
                               gboolean       dark,
                               SmDiffChange   change,
                               double         x,
                               double         y,
                               double         size)
{
  double s = size * 0.5;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, size, 0, 2 * G_PI);
  if (change == SM_DIFF_REMOVED)
    {
      double dashes[] = { size * 0.45, size * 0.3 };

      _sm_render_set_rgb (cr, p->background);
      cairo_fill_preserve (cr);
      _sm_render_set_rgb (cr, p->line);
      cairo_set_line_width (cr, size * 0.2);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, x - s, y);
      cairo_line_to (cr, x + s, y);
      cairo_set_line_width (cr, size * 0.28);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }
  _sm_render_set_rgb (cr, status_colour (change + 1, dark));
  cairo_fill_preserve (cr);
  _sm_render_set_rgb (cr, p->background);
  cairo_set_line_width (cr, size * 0.22);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, dark ? 0.1 : 1.0, dark ? 0.1 : 1.0, dark ? 0.1 : 1.0);
  if (change == SM_DIFF_ADDED)
    {
      cairo_move_to (cr, x - s, y);
      cairo_line_to (cr, x + s, y);
      cairo_move_to (cr, x, y - s);
      cairo_line_to (cr, x, y + s);
      cairo_set_line_width (cr, size * 0.3);
      cairo_stroke (cr);
    }
  else
    {
      cairo_move_to (cr, x, y - s);
      cairo_line_to (cr, x + s, y + s * 0.75);
      cairo_line_to (cr, x - s, y + s * 0.75);
      cairo_close_path (cr);
      cairo_set_line_width (cr, size * 0.2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The badge's size in map units: readable at any zoom, never larger than
 * a small stakeholder when zoomed in. */
static double
badge_size (double scale)
{
  return MAX (BADGE_RADIUS, 6.0 / scale);
}

/* Under a relationship's line: a glow in the colour of its change. */
void
_sm_render_draw_compare_edge (SmRenderer  *self,
                              cairo_t     *cr,
                              gboolean     dark,
                              const char  *id,
                              const Route *route,
                              double       scale)
{
  int status = compare_status (self, id);

  if (status == 0)
    return;
  _sm_render_route_path (cr, route, 0, 1);
  cairo_set_source_rgba (cr, status_colour (status, dark)[0], status_colour (status, dark)[1],
                         status_colour (status, dark)[2], 0.6);
  cairo_set_line_width (cr, MAX (8.0, 5.0 / scale));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (status == SM_DIFF_CHANGED + 1)
    {
      /* Dotted, so a changed tie differs from an added one by more than
       * its colour. */
      double dashes[] = { 0.0, MAX (14.0, 9.0 / scale) };

      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, MAX (10.0, 6.5 / scale));
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Where a ghost's end is: the stakeholder where it is drawn now, or
 * where the other version had it. */
static gboolean
end_point (SmRenderer *self,
           const char *id,
           gboolean    map_view,
           double     *x,
           double     *y,
           double     *r,
           SmSide     *side)
{
  Node  *node = _sm_render_lookup_node (self, id);
  Ghost *ghost;

  if (node != NULL)
    {
      *x = node->x, *y = node->y, *r = node->r, *side = node->side;
      return node->placed;
    }
  ghost = g_hash_table_lookup (self->compare->ghosts, id);
  if (ghost == NULL || ghost->kind != SM_RECORD_STAKEHOLDER || !ghost->placed || !map_view)
    return FALSE;
  *x = ghost->x, *y = ghost->y, *r = ghost->r, *side = ghost->side;
  return TRUE;
}

static gboolean
ghost_box (SmRenderer  *self,
           const Ghost *ghost,
           gboolean     map_view,
           double      *x0,
           double      *y0,
           double      *x1,
           double      *y1)
{
  double sx, sy, sr, tx, ty, tr;
  SmSide side;

  if (!ghost->placed)
    return FALSE;
  switch (ghost->kind)
    {
    case SM_RECORD_STAKEHOLDER:
      if (!map_view)
        return FALSE;
      *x0 = ghost->x - ghost->r, *y0 = ghost->y - ghost->r;
      *x1 = ghost->x + ghost->r, *y1 = ghost->y + ghost->r;
      return TRUE;
    case SM_RECORD_RELATIONSHIP:
      if (!end_point (self, ghost->source, map_view, &sx, &sy, &sr, &side) ||
          !end_point (self, ghost->target, map_view, &tx, &ty, &tr, &side))
        return FALSE;
      *x0 = MIN (sx, tx), *y0 = MIN (sy, ty), *x1 = MAX (sx, tx), *y1 = MAX (sy, ty);
      return TRUE;
    case SM_RECORD_ANNOTATION:
    case SM_RECORD_REGION:
      if (!map_view)
        return FALSE;
      *x0 = ghost->x, *y0 = ghost->y, *x1 = ghost->x + ghost->width, *y1 = ghost->y + ghost->height;
      return TRUE;
    default:
      return FALSE;
    }
}

/* The removed records, dashed and faint, under the stakeholders drawn
 * now. */
void
_sm_render_draw_compare_ghosts (SmRenderer    *self,
                                cairo_t       *cr,
                                const Palette *p,
                                gboolean       dark,
                                double         scale,
                                const double  *view)
{
  gboolean map_view;
  double   dashes[] = { MAX (6.0, 4.0 / scale), MAX (4.0, 3.0 / scale) };

  if (self->compare == NULL)
    return;
  map_view = sm_arrangement_info_get_position (self->arrangement) == SM_ARRANGEMENT_MAP;
  cairo_save (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  for (guint i = 0; i < self->compare->order->len; i++)
    {
      Ghost *ghost = g_ptr_array_index (self->compare->order, i);
      double x0, y0, x1, y1, sx, sy, sr, tx, ty, tr, d;
      SmSide sside, tside;

      if (!ghost_box (self, ghost, map_view, &x0, &y0, &x1, &y1) ||
          !_sm_render_segment_meets_rect (x0, y0, x1, y1, view[0] - EDGE_MARGIN, view[1] - EDGE_MARGIN,
                                          view[2] + EDGE_MARGIN, view[3] + EDGE_MARGIN))
        continue;
      switch (ghost->kind)
        {
        case SM_RECORD_RELATIONSHIP:
          end_point (self, ghost->source, map_view, &sx, &sy, &sr, &sside);
          end_point (self, ghost->target, map_view, &tx, &ty, &tr, &tside);
          d = hypot (tx - sx, ty - sy);
          if (d < 1e-6)
            break;
          {
            double ux = (tx - sx) / d, uy = (ty - sy) / d;
            double bs = _sm_render_shape_border (sside, sr, ux, uy);
            double bt = _sm_render_shape_border (tside, tr, -ux, -uy);

            if (bs + bt >= d)
              break;
            cairo_move_to (cr, sx + ux * bs, sy + uy * bs);
            cairo_line_to (cr, tx - ux * bt, ty - uy * bt);
          }
          _sm_render_set_rgba (cr, p->line, GHOST_ALPHA);
          cairo_set_line_width (cr, MAX (p->edge_width, 0.8 / scale));
          cairo_stroke (cr);
          break;
        case SM_RECORD_STAKEHOLDER:
          _sm_render_shape_path (cr, ghost->side, ghost->x, ghost->y, ghost->r);
          _sm_render_set_rgba (cr, p->background, 0.6);
          cairo_fill_preserve (cr);
          _sm_render_set_rgba (cr, p->line, 0.8);
          cairo_set_line_width (cr, MAX (2.0, 1.2 / scale));
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          _sm_render_draw_compare_badge (cr, p, dark, SM_DIFF_REMOVED,
                                         ghost->x + _sm_render_shape_extent (ghost->side, ghost->r) * 0.8,
                                         ghost->y - _sm_render_shape_extent (ghost->side, ghost->r) * 0.8,
                                         badge_size (scale));
          cairo_set_dash (cr, dashes, 2, 0);
          break;
        case SM_RECORD_ANNOTATION:
        case SM_RECORD_REGION:
          if (ghost->ellipse)
            {
              cairo_save (cr);
              cairo_translate (cr, ghost->x + ghost->width / 2, ghost->y + ghost->height / 2);
              cairo_scale (cr, ghost->width / 2, ghost->height / 2);
              cairo_new_sub_path (cr);
              cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
              cairo_restore (cr);
            }
          else
            _sm_render_rounded_rectangle (cr, ghost->x, ghost->y, ghost->width, ghost->height, 6);
          _sm_render_set_rgba (cr, p->line, 0.7);
          cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          _sm_render_draw_compare_badge (cr, p, dark, SM_DIFF_REMOVED, ghost->x + ghost->width, ghost->y,
                                         badge_size (scale));
          cairo_set_dash (cr, dashes, 2, 0);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}

/* A removed stakeholder's, note's or region's words, faint, where they
 * cover none of what is drawn now: the names of the map as it is come
 * first. */
void
_sm_render_draw_compare_ghost_names (SmRenderer    *self,
                                     cairo_t       *cr,
                                     const Palette *p,
                                     const double  *view,
                                     Room          *room)
{
  if (self->compare == NULL || sm_arrangement_info_get_position (self->arrangement) != SM_ARRANGEMENT_MAP)
    return;
  for (guint i = 0; i < self->compare->order->len; i++)
    {
      Ghost *ghost = g_ptr_array_index (self->compare->order, i);
      double box[4], w, h, x0, y0, x1, y1;

      if (ghost->kind == SM_RECORD_RELATIONSHIP || ghost->name == NULL || *ghost->name == '\0' ||
          !ghost_box (self, ghost, TRUE, &x0, &y0, &x1, &y1) || x1 < view[0] || y1 < view[1] || x0 > view[2] ||
          y0 > view[3])
        continue;
      /* Hidden names stay hidden: a removed person who has not agreed to
       * be named is not named in a picture that leaves the team, nor is
       * anyone a removed note mentions. */
      if (self->names != NULL &&
          (ghost->kind == SM_RECORD_ANNOTATION ||
           (ghost->kind == SM_RECORD_STAKEHOLDER &&
            !((sm_public_names_get_flags (self->names) & SM_PUBLIC_NAMES_HIDE_PEOPLE) != 0 ? ghost->organisation
                                                                                           : ghost->may_be_named))))
        continue;
      _sm_render_layout_set_text (self, ghost->name, LABEL_FONT_SIZE * self->name_zoom, FALSE,
                                  LABEL_MAX_WIDTH * self->name_zoom, ghost->kind == SM_RECORD_STAKEHOLDER ? 2 : 3,
                                  PANGO_ALIGN_CENTER);
      {
        PangoAttrList *attrs = pango_attr_list_new ();

        pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
        pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
        pango_layout_set_attributes (self->layout, attrs);
        pango_attr_list_unref (attrs);
      }
      _sm_render_layout_get_size (self, &w, &h);
      if (ghost->kind == SM_RECORD_STAKEHOLDER)
        box[0] = ghost->x - LABEL_MAX_WIDTH * self->name_zoom / 2,
        box[1] = ghost->y + _sm_render_shape_extent (ghost->side, ghost->r) + LABEL_GAP;
      else
        box[0] = ghost->x + ghost->width / 2 - LABEL_MAX_WIDTH * self->name_zoom / 2, box[1] = ghost->y + 6;
      box[2] = LABEL_MAX_WIDTH * self->name_zoom, box[3] = h;
      {
        /* Only the words' own width is taken. */
        double taken[4] = { box[0] + (box[2] - w) / 2, box[1], w, h };

        if (_sm_render_room_free (room, taken))
          {
            _sm_render_room_take (room, taken);
            _sm_render_show_words (self, cr, p, GHOST_ALPHA + 0.15, box[0], box[1]);
          }
      }
      pango_layout_set_attributes (self->layout, NULL);
    }
}

/* Over the stakeholders, notes and regions drawn now: a ring and a badge
 * on what was added, a badge on what changed. */
void
_sm_render_draw_compare_marks (SmRenderer    *self,
                               cairo_t       *cr,
                               const Palette *p,
                               gboolean       dark,
                               GPtrArray     *nodes,
                               double         scale)
{
  SmCollection *collections[2];

  if (self->compare == NULL || g_hash_table_size (self->compare->status) == 0)
    return;
  for (guint i = 0; i < nodes->len; i++)
    {
      Node  *node = g_ptr_array_index (nodes, i);
      int    status = compare_status (self, node->id);
      double e;

      if (status == 0)
        continue;
      e = _sm_render_shape_extent (node->side, node->r);
      if (status == SM_DIFF_ADDED + 1)
        {
          _sm_render_shape_path (cr, node->side, node->x, node->y, node->r + MAX (3.0, 2.0 / scale));
          _sm_render_set_rgb (cr, status_colour (status, dark));
          cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
          cairo_stroke (cr);
        }
      _sm_render_draw_compare_badge (cr, p, dark, status - 1, node->x + e * 0.8, node->y - e * 0.8,
                                     badge_size (scale));
    }

  if (sm_arrangement_info_get_position (self->arrangement) != SM_ARRANGEMENT_MAP)
    return;
  collections[0] = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);
  collections[1] = sm_map_get_collection (self->map, SM_RECORD_REGION);
  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    for (guint i = 0; i < sm_collection_get_size (collections[c]); i++)
      {
        SmRecord *record = sm_collection_get (collections[c], i);
        int       status = compare_status (self, sm_record_get_id (record));
        double    x, y, width, height;

        if (status == 0)
          continue;
        if (c == 0 ? !sm_renderer_get_note_rect (self, record, &x, &y, &width, &height)
                   : !sm_renderer_get_map_region_rect (self, record, &x, &y, &width, &height))
          continue;
        _sm_render_draw_compare_badge (cr, p, dark, status - 1, x + width, y, badge_size (scale));
      }
}

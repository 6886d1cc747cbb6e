/* sm-render-labels.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Words on the map: stakeholders' names, grown to stay readable and
 * placed where they cover nothing; the room every word is placed in; and
 * the text layouts and halos the arrangements write with. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-render-private.h"

/* How many times their size names are drawn at @scale (screen pixels per
 * map unit), so that none is smaller than the renderer's minimum. */
double
_sm_render_name_zoom_for (SmRenderer *self,
                          double      scale)
{
  /* Below the zoom where names are left out, nothing grows for them. */
  if (scale < LOD_LABELS)
    return 1.0;
  return MAX (1.0, self->name_min / (LABEL_FONT_SIZE * scale));
}

/* Names are drawn @zoom times their size in map units from now on: zoomed
 * out, they keep a size the room can read, and take more room on the map. */
void
_sm_render_set_name_zoom (SmRenderer *self,
                          double      zoom)
{
  if (zoom == self->name_zoom)
    return;
  self->name_zoom = zoom;
  pango_font_description_set_absolute_size (self->name_font, LABEL_FONT_SIZE * zoom * PANGO_SCALE);
}

void
_sm_render_layout_set_label (SmRenderer *self,
                             const char *text)
{
  pango_layout_set_font_description (self->layout, self->name_font);
  pango_layout_set_width (self->layout, LABEL_MAX_WIDTH * self->name_zoom * PANGO_SCALE);
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

/* How many zooms besides the last a name's measure is kept at. */
#define LABEL_MORE 3

/* Measures @node's name at the names' zoom, unless it was measured at
 * that zoom before: fitting a view measures the names at its rim at three
 * or four zooms in turn, and switching back to a view, or zooming back,
 * asks for the same zooms again. The measures of its last zooms are kept
 * while its text stays the same (each zoom's exactly as measured). */
static void
node_measure_label (SmRenderer *self,
                    Node       *node)
{
  PangoRectangle logical;

  if (node->label_valid && node->label_zoom == self->name_zoom)
    return;
  if (!node->label_valid)
    g_clear_pointer (&node->label_more, g_free);
  else
    {
      double *more, kept[4] = { node->label_zoom, node->label_dx, node->label_w, node->label_h };
      guint   k;

      if (node->label_more == NULL)
        node->label_more = g_new0 (double, 4 * LABEL_MORE); /* zoom 0: none kept there */
      more = node->label_more;
      for (k = 0; k < LABEL_MORE - 1 && more[4 * k] != self->name_zoom; k++)
        ;
      if (more[4 * k] == self->name_zoom)
        {
          node->label_zoom = more[4 * k];
          node->label_dx = more[4 * k + 1];
          node->label_w = more[4 * k + 2];
          node->label_h = more[4 * k + 3];
        }
      /* The one taken out, or the oldest, gives way: the last zoom goes first. */
      memmove (more + 4, more, 4 * k * sizeof (double));
      memcpy (more, kept, sizeof kept);
      if (node->label_zoom == self->name_zoom)
        return;
    }
  _sm_render_layout_set_label (self, _sm_render_node_name (self, node));
  pango_layout_get_extents (self->layout, NULL, &logical);
  node->label_dx = (double) logical.x / PANGO_SCALE;
  node->label_w = (double) logical.width / PANGO_SCALE;
  node->label_h = (double) logical.height / PANGO_SCALE;
  node->label_zoom = self->name_zoom;
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
  double max_width = LABEL_MAX_WIDTH * self->name_zoom;

  node_measure_label (self, node);
  *y = _sm_render_node_bottom (node) + LABEL_GAP;
  if (node->label_w > 0)
    {
      *x = node->x - max_width / 2 + node->label_dx;
      *width = node->label_w;
      *height = node->label_h;
    }
  else
    {
      /* Room to type a name into. */
      *x = node->x - max_width / 2;
      *width = max_width;
      *height = self->label_max_height * self->name_zoom / 2;
    }
}

/* @node's name with its words' box at (@x, @y), as measured by
 * _sm_render_node_label_rect(). */
void
_sm_render_draw_label_at (SmRenderer    *self,
                          cairo_t       *cr,
                          const Palette *p,
                          Node          *node,
                          double         x,
                          double         y)
{
  const char *name = _sm_render_node_name (self, node);

  if (*name == '\0')
    return;
  node_measure_label (self, node);
  _sm_render_layout_set_label (self, name);
  /* A halo in the background colour keeps names readable over lines. */
  _sm_render_set_rgb (cr, p->text);
  cairo_move_to (cr, x - node->label_dx, y);
  _sm_render_show_layout (self, cr, p->background);
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

/* The halo, made cheap.
 *
 * A halo is the outline of the words stroked HALO_WIDTH wide. Stroking the
 * outline of every glyph of every name was more than half of a frame of a
 * small map; yet a map's names use a few dozen glyphs, at one size per
 * zoom. So each glyph's halo is stroked once per device scale into a small
 * mask, and a name's halo is its glyphs' masks laid side by side into one
 * mask (where they overlap they join, as one outline's stroke does) and
 * painted once. Glyphs land on whole device pixels, as cairo draws them on
 * an image. PDF and SVG keep the stroked outline. */

#define HALO_CACHE_MAX 4096

typedef struct
{
  cairo_scaled_font_t *font;
  gulong               glyph;
} HaloKey;

typedef struct
{
  cairo_surface_t *mask; /* A8; NULL: nothing to draw */
  int              x, y; /* the mask's top-left, from the glyph's origin */
} HaloGlyph;

static guint
halo_key_hash (gconstpointer key)
{
  const HaloKey *k = key;

  return g_direct_hash (k->font) ^ (guint) (k->glyph * 2654435761u);
}

static gboolean
halo_key_equal (gconstpointer a,
                gconstpointer b)
{
  const HaloKey *ka = a, *kb = b;

  return ka->font == kb->font && ka->glyph == kb->glyph;
}

static void
halo_key_free (gpointer data)
{
  HaloKey *key = data;

  cairo_scaled_font_destroy (key->font);
  g_free (key);
}

static void
halo_glyph_free (gpointer data)
{
  HaloGlyph *glyph = data;

  if (glyph->mask != NULL)
    cairo_surface_destroy (glyph->mask);
  g_free (glyph);
}

void
_sm_render_halo_clear (SmRenderer *self)
{
  g_clear_pointer (&self->halo_glyphs, g_hash_table_unref);
}

/* @glyph's halo at @scale device pixels per map unit. */
static HaloGlyph *
halo_glyph (SmRenderer          *self,
            cairo_scaled_font_t *font,
            gulong               index,
            double               scale)
{
  HaloKey              key = { font, index };
  HaloGlyph           *glyph;
  cairo_glyph_t        g = { index, 0, 0 };
  cairo_text_extents_t ext;
  double               reach = HALO_WIDTH / 2 * scale + 2;
  int                  width, height;
  cairo_t             *cr;

  if (self->halo_glyphs == NULL || self->halo_scale != scale ||
      g_hash_table_size (self->halo_glyphs) > HALO_CACHE_MAX)
    {
      _sm_render_halo_clear (self);
      self->halo_glyphs = g_hash_table_new_full (halo_key_hash, halo_key_equal, halo_key_free, halo_glyph_free);
      self->halo_scale = scale;
    }
  glyph = g_hash_table_lookup (self->halo_glyphs, &key);
  if (glyph != NULL)
    return glyph;

  glyph = g_new0 (HaloGlyph, 1);
  cairo_scaled_font_glyph_extents (font, &g, 1, &ext);
  if (ext.width > 0 && ext.height > 0)
    {
      glyph->x = (int) floor (ext.x_bearing * scale - reach);
      glyph->y = (int) floor (ext.y_bearing * scale - reach);
      width = (int) ceil ((ext.x_bearing + ext.width) * scale + reach) - glyph->x;
      height = (int) ceil ((ext.y_bearing + ext.height) * scale + reach) - glyph->y;
      glyph->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
      cr = cairo_create (glyph->mask);
      cairo_translate (cr, -glyph->x, -glyph->y);
      cairo_scale (cr, scale, scale);
      cairo_set_scaled_font (cr, font);
      cairo_glyph_path (cr, &g, 1);
      cairo_set_line_width (cr, HALO_WIDTH);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
  g_hash_table_insert (self->halo_glyphs, g_memdup2 (&key, sizeof key), glyph);
  cairo_scaled_font_reference (font);
  return glyph;
}

typedef struct
{
  HaloGlyph *glyph;
  int        x, y; /* the glyph's origin in device pixels */
} HaloPlace;

/* The halo of self->layout at (x, y), in @rgb at HALO_ALPHA, from the
 * glyphs' masks; FALSE when @cr needs the stroked outline (a vector
 * surface, a rotated or stretched view). */
static gboolean
show_halo_from_glyphs (SmRenderer   *self,
                       cairo_t      *cr,
                       double        x,
                       double        y,
                       const double *rgb)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  cairo_matrix_t       m;
  PangoLayoutIter     *iter;
  GArray              *places;
  int                  x0 = G_MAXINT, y0 = G_MAXINT, x1 = G_MININT, y1 = G_MININT;
  cairo_surface_t     *halo;
  cairo_t             *hcr;

  if (type != CAIRO_SURFACE_TYPE_IMAGE && type != CAIRO_SURFACE_TYPE_RECORDING)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx != m.yy || !(m.xx > 0))
    return FALSE;

  places = g_array_new (FALSE, FALSE, sizeof (HaloPlace));
  iter = pango_layout_get_iter (self->layout);
  do
    {
      PangoLayoutRun      *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle       logical;
      int                  baseline, along;
      cairo_scaled_font_t *font;

      if (run == NULL)
        continue;
      font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
      if (font == NULL || cairo_scaled_font_status (font) != CAIRO_STATUS_SUCCESS)
        continue;
      baseline = pango_layout_iter_get_baseline (iter);
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      along = logical.x;
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *info = &run->glyphs->glyphs[i];
          HaloPlace             place;
          double                gx, gy;

          gx = x + (double) (along + info->geometry.x_offset) / PANGO_SCALE;
          gy = y + (double) (baseline + info->geometry.y_offset) / PANGO_SCALE;
          along += info->geometry.width;
          /* Missing glyphs are drawn as boxes with their code: no halo. */
          if (info->glyph == PANGO_GLYPH_EMPTY || (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
            continue;
          place.glyph = halo_glyph (self, font, info->glyph, m.xx);
          if (place.glyph->mask == NULL)
            continue;
          cairo_user_to_device (cr, &gx, &gy);
          place.x = (int) lround (gx) + place.glyph->x;
          place.y = (int) lround (gy) + place.glyph->y;
          x0 = MIN (x0, place.x);
          y0 = MIN (y0, place.y);
          x1 = MAX (x1, place.x + cairo_image_surface_get_width (place.glyph->mask));
          y1 = MAX (y1, place.y + cairo_image_surface_get_height (place.glyph->mask));
          g_array_append_val (places, place);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  if (places->len > 0)
    {
      halo = cairo_image_surface_create (CAIRO_FORMAT_A8, x1 - x0, y1 - y0);
      hcr = cairo_create (halo);
      for (guint i = 0; i < places->len; i++)
        {
          HaloPlace *place = &g_array_index (places, HaloPlace, i);

          cairo_set_source_surface (hcr, place->glyph->mask, place->x - x0, place->y - y0);
          cairo_paint (hcr);
        }
      cairo_destroy (hcr);

      cairo_save (cr);
      cairo_identity_matrix (cr);
      _sm_render_set_rgba (cr, rgb, HALO_ALPHA);
      cairo_mask_surface (cr, halo, x0, y0);
      cairo_restore (cr);
      cairo_surface_destroy (halo);
    }
  g_array_unref (places);
  return TRUE;
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
  /* Words too small to read are left out of the map, not drawn as
   * specks: zooming in brings them back. */
  if (self->text_floor > 0)
    {
      const PangoFontDescription *font = pango_layout_get_font_description (self->layout);
      double                      dx = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 0;
      double                      dy = 0;

      cairo_user_to_device_distance (cr, &dx, &dy);
      if (hypot (dx, dy) < self->text_floor)
        {
          cairo_new_path (cr);
          return;
        }
    }
  if (self->words_room != NULL)
    {
      PangoRectangle logical;
      double         box[4];

      pango_layout_get_extents (self->layout, NULL, &logical);
      box[0] = x + (double) logical.x / PANGO_SCALE, box[1] = y + (double) logical.y / PANGO_SCALE;
      box[2] = (double) logical.width / PANGO_SCALE, box[3] = (double) logical.height / PANGO_SCALE;
      _sm_render_room_take (self->words_room, box);
    }
  if (self->text_func != NULL)
    {
      double rgba[4] = { 0, 0, 0, 0 };

      if (halo != NULL)
        rgba[0] = halo[0], rgba[1] = halo[1], rgba[2] = halo[2], rgba[3] = HALO_ALPHA;
      self->text_func (cr, self->layout, halo != NULL ? rgba : NULL, self->text_data);
      cairo_new_path (cr);
      return;
    }
  if (halo != NULL && !self->stroked_halo && show_halo_from_glyphs (self, cr, x, y, halo))
    ;
  else if (halo != NULL)
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
      lw = LABEL_MAX_WIDTH * self->name_zoom;
      lh = self->label_max_height * self->name_zoom / 2;
      lx = sx - lw / 2;
      ly = sy + sm_renderer_node_radius (stakeholder) + LABEL_GAP;
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

/* Room on the map for words: the boxes of shapes, notes and words already
 * placed, filed by grid cell so that a crowded view is not searched box by
 * box. */

static gint64
room_key (gint64 cx,
          gint64 cy)
{
  /* Unsigned: cells left of or above the origin have negative numbers. */
  return (gint64) (((guint64) cx << 32) ^ ((guint64) cy & 0xffffffff));
}

void
_sm_render_room_init (Room  *room,
                      double cell)
{
  room->boxes = g_array_new (FALSE, FALSE, sizeof (double));
  room->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  room->cell = cell;
}

void
_sm_render_room_clear (Room *room)
{
  g_clear_pointer (&room->boxes, g_array_unref);
  g_clear_pointer (&room->cells, g_hash_table_unref);
}

static void
room_cells (const Room *room,
            double      x,
            double      y,
            double      width,
            double      height,
            gint64     *cx0,
            gint64     *cy0,
            gint64     *cx1,
            gint64     *cy1)
{
  *cx0 = (gint64) floor (x / room->cell);
  *cy0 = (gint64) floor (y / room->cell);
  *cx1 = (gint64) floor ((x + width) / room->cell);
  *cy1 = (gint64) floor ((y + height) / room->cell);
}

void
_sm_render_room_take (Room         *room,
                      const double *box)
{
  guint  index = room->boxes->len / 4;
  gint64 cx0, cy0, cx1, cy1;

  /* A box as large as the world (a note far out, say) is not worth a
   * cell each: it is checked against nothing, as if never filed. */
  if (!(box[2] >= 0 && box[3] >= 0 && box[2] < 1e6 && box[3] < 1e6))
    return;
  g_array_append_vals (room->boxes, box, 4);
  room_cells (room, box[0], box[1], box[2], box[3], &cx0, &cy0, &cx1, &cy1);
  for (gint64 cy = cy0; cy <= cy1; cy++)
    for (gint64 cx = cx0; cx <= cx1; cx++)
      {
        gint64  key = room_key (cx, cy);
        GArray *list = g_hash_table_lookup (room->cells, &key);

        if (list == NULL)
          {
            list = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (room->cells, g_memdup2 (&key, sizeof key), list);
          }
        g_array_append_val (list, index);
      }
}

gboolean
_sm_render_room_free (const Room   *room,
                      const double *box)
{
  gint64 cx0, cy0, cx1, cy1;

  room_cells (room, box[0], box[1], box[2], box[3], &cx0, &cy0, &cx1, &cy1);
  for (gint64 cy = cy0; cy <= cy1; cy++)
    for (gint64 cx = cx0; cx <= cx1; cx++)
      {
        gint64  key = room_key (cx, cy);
        GArray *list = g_hash_table_lookup (room->cells, &key);

        for (guint i = 0; list != NULL && i < list->len; i++)
          {
            const double *b = &g_array_index (room->boxes, double, 4 * g_array_index (list, guint, i));

            if (box[0] < b[0] + b[2] && b[0] < box[0] + box[2] && box[1] < b[1] + b[3] && b[1] < box[1] + box[3])
              return FALSE;
          }
      }
  return TRUE;
}

/* Placing names */

typedef struct
{
  Node *node;
  guint rank; /* 2: selected, focused or under the pointer; 0: the rest */
} NameTurn;

static int
compare_name_turns (gconstpointer a,
                    gconstpointer b)
{
  const NameTurn *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  if (x->node->r != y->node->r)
    return x->node->r > y->node->r ? -1 : 1;
  return x->node->order < y->node->order ? -1 : x->node->order > y->node->order;
}

/* Every name in view, none over another, over a stakeholder or over a
 * note: the selected, the focused and the one under the pointer go
 * first, then the most influential. Each goes below its shape, else
 * above, right or left of it, else off a corner, wherever it is free; a
 * name with no free place is left out at this zoom (zooming in makes
 * room). */
void
_sm_render_draw_names (SmRenderer          *self,
                       cairo_t             *cr,
                       const Palette       *p,
                       GPtrArray           *nodes,
                       const SmRenderState *state,
                       const double        *view,
                       Room                *room,
                       Room                *heads)
{
  g_autoptr(GArray) turns = g_array_sized_new (FALSE, FALSE, sizeof (NameTurn), nodes->len);
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < nodes->len; i++)
    {
      Node    *node = g_ptr_array_index (nodes, i);
      NameTurn turn = { node, 0 };
      double   e = _sm_render_shape_extent (node->side, node->r);
      double   shape[4] = { node->x - e, node->y - e, 2 * e, 2 * e };

      if (_sm_render_is_selected (state, node->id) || g_strcmp0 (state->focus_id, node->id) == 0 ||
          g_strcmp0 (state->hover_id, node->id) == 0 || g_strcmp0 (state->editing_id, node->id) == 0)
        turn.rank = 2;
      g_array_append_val (turns, turn);
      _sm_render_room_take (room, shape);
    }
  g_array_sort (turns, compare_name_turns);
  /* Nor over a note, nor over a region's label. */
  _sm_render_notes_boxes (self, notes);
  _sm_render_regions_boxes (self, notes);
  for (guint i = 0; i + 3 < notes->len; i += 4)
    _sm_render_room_take (room, &g_array_index (notes, double, i));

  for (guint i = 0; i < turns->len; i++)
    {
      const NameTurn *turn = &g_array_index (turns, NameTurn, i);
      Node           *node = turn->node;
      double          x, y, width, height, e, d, places[12][4];
      guint           n;

      if (*_sm_render_node_name (self, node) == '\0')
        continue;
      _sm_render_node_label_rect (self, node, &x, &y, &width, &height);
      e = _sm_render_node_extent (node);
      places[0][0] = x, places[0][1] = y;
      places[1][0] = x, places[1][1] = node->y - e - LABEL_GAP - height;
      places[2][0] = node->x + e + LABEL_GAP, places[2][1] = node->y - height / 2;
      places[3][0] = node->x - e - LABEL_GAP - width, places[3][1] = node->y - height / 2;
      /* Then off a corner, where a circle leaves the most room. */
      d = e * 0.75 + LABEL_GAP;
      places[4][0] = node->x + d, places[4][1] = node->y + d;
      places[5][0] = node->x - d - width, places[5][1] = node->y + d;
      places[6][0] = node->x + d, places[6][1] = node->y - d - height;
      places[7][0] = node->x - d - width, places[7][1] = node->y - d - height;
      /* Then below or above but slid aside, round an arrowhead say. */
      places[8][0] = x - width / 3, places[8][1] = places[0][1];
      places[9][0] = x + width / 3, places[9][1] = places[0][1];
      places[10][0] = x - width / 3, places[10][1] = places[1][1];
      places[11][0] = x + width / 3, places[11][1] = places[1][1];
      for (n = 0; n < G_N_ELEMENTS (places); n++)
        places[n][2] = width, places[n][3] = height;
      /* A place wholly in view first, so that a fitted map cuts no name,
       * then any free one, so that panning does not make names jump;
       * clear of arrowheads if there is one, else over one rather than
       * leave a name out. */
      for (guint pass = 0; pass < 4; pass++)
        {
          for (n = 0; n < G_N_ELEMENTS (places); n++)
            if ((pass % 2 == 1 || (places[n][0] >= view[0] && places[n][1] >= view[1] &&
                                   places[n][0] + width <= view[2] && places[n][1] + height <= view[3])) &&
                _sm_render_room_free (room, places[n]) && (pass >= 2 || _sm_render_room_free (heads, places[n])))
              break;
          if (n < G_N_ELEMENTS (places))
            break;
        }
      /* The name someone is working with is shown whatever it covers. */
      if (n == G_N_ELEMENTS (places))
        {
          if (turn->rank == 0)
            continue;
          n = 0;
        }
      _sm_render_room_take (room, places[n]);
      /* The name being typed is kept room for, not drawn; a name placed
       * wholly out of view is not drawn either (its glyphs stay within
       * a line of its box, its halo HALO_WIDTH further). */
      if (g_strcmp0 (node->id, state->editing_id) != 0 &&
          _sm_render_box_in_view (self, cr, places[n], height + HALO_WIDTH, view))
        _sm_render_draw_label_at (self, cr, p, node, places[n][0], places[n][1]);
    }
}

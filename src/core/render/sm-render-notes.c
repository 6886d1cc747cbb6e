/* sm-render-notes.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Notes on the map (format.md §11): a card of text where the group put
 * it, with a light line to each stakeholder it is about. They belong to
 * the map as drawn, so the other views leave them out. A map holds a
 * handful, so they are read from the map at each frame. */

#include "config.h"

#include <math.h>

#include "sm-render-private.h"

#define NOTE_WIDTH 180.0 /* map units */
#define NOTE_PAD 8.0
#define NOTE_FONT_SIZE 11.0
#define NOTE_LINES 10

static gboolean
notes_shown (SmRenderer *self)
{
  return sm_arrangement_info_get_position (self->arrangement) == SM_ARRANGEMENT_MAP;
}

/* The note's text as it may be shown: hidden names taken out. */
static char *
note_text (SmRenderer *self,
           SmRecord   *note)
{
  const char *text = sm_record_get_string (note, "text");

  if (text == NULL)
    text = "";
  if (self->names != NULL)
    return sm_public_names_scrub (self->names, text);
  return g_strdup (text);
}

/* Notes grow with names when zoomed out, so their words stay readable
 * (10 pixels or more where names are 11). */
static double
note_zoom (SmRenderer *self)
{
  return self->name_zoom;
}

static void
layout_note (SmRenderer *self,
             const char *text)
{
  double z = note_zoom (self);

  _sm_render_layout_set_text (self, text, NOTE_FONT_SIZE * z, FALSE, (NOTE_WIDTH - 2 * NOTE_PAD) * z, NOTE_LINES,
                              PANGO_ALIGN_LEFT);
}

/* Where @note's card is, in map units: centred on its position, or,
 * without one, beside the first stakeholder it is about. FALSE when it
 * has neither. */
static gboolean
note_rect (SmRenderer *self,
           SmRecord   *note,
           const char *text,
           double     *x,
           double     *y,
           double     *width,
           double     *height)
{
  double cx, cy, text_height;

  if (sm_record_has_value (note, "x") && sm_record_has_value (note, "y"))
    {
      cx = sm_record_get_number (note, "x", 0);
      cy = sm_record_get_number (note, "y", 0);
    }
  else
    {
      JsonNode *refs = sm_record_get_value (note, "refers_to");
      Node     *node = NULL;

      if (refs != NULL && JSON_NODE_HOLDS_ARRAY (refs))
        {
          JsonArray *array = json_node_get_array (refs);

          for (guint i = 0; i < json_array_get_length (array) && node == NULL; i++)
            {
              JsonNode *ref = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (ref) && json_node_get_value_type (ref) == G_TYPE_STRING)
                node = _sm_render_lookup_node (self, json_node_get_string (ref));
              if (node != NULL && !node->placed)
                node = NULL;
            }
        }
      if (node == NULL)
        return FALSE;
      cx = node->x + node->r + NOTE_WIDTH * note_zoom (self) / 2 + 24;
      cy = node->y - node->r;
    }
  layout_note (self, text);
  _sm_render_layout_get_size (self, NULL, &text_height);
  *width = NOTE_WIDTH * note_zoom (self);
  *height = text_height + 2 * NOTE_PAD * note_zoom (self);
  *x = cx - *width / 2;
  *y = cy - *height / 2;
  return TRUE;
}

/* Grows the box (x0, y0)–(x1, y1) to hold every note drawn. */
void
_sm_render_notes_bounds (SmRenderer *self,
                         double     *x0,
                         double     *y0,
                         double     *x1,
                         double     *y1)
{
  SmCollection *notes = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);

  if (!notes_shown (self))
    return;
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    {
      SmRecord        *note = sm_collection_get (notes, i);
      g_autofree char *text = note_text (self, note);
      double           x, y, width, height;

      if (*text == '\0' || !note_rect (self, note, text, &x, &y, &width, &height))
        continue;
      *x0 = MIN (*x0, x);
      *y0 = MIN (*y0, y);
      *x1 = MAX (*x1, x + width);
      *y1 = MAX (*y1, y + height);
    }
}

/* The notes' cards, as x, y, width, height in map units, appended to
 * @boxes (doubles): names keep off them. */
void
_sm_render_notes_boxes (SmRenderer *self,
                        GArray     *boxes)
{
  SmCollection *notes = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);

  if (!notes_shown (self))
    return;
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    {
      SmRecord        *note = sm_collection_get (notes, i);
      g_autofree char *text = note_text (self, note);
      double           box[4];

      if (*text != '\0' && note_rect (self, note, text, &box[0], &box[1], &box[2], &box[3]))
        g_array_append_vals (boxes, box, 4);
    }
}

static void
draw_connectors (SmRenderer    *self,
                 cairo_t       *cr,
                 const Palette *p,
                 SmRecord      *note,
                 double         cx,
                 double         cy,
                 double         scale)
{
  JsonNode  *refs = sm_record_get_value (note, "refers_to");
  JsonArray *array;
  double     dashes[] = { 2.0 / scale, 3.0 / scale };

  if (refs == NULL || !JSON_NODE_HOLDS_ARRAY (refs))
    return;
  array = json_node_get_array (refs);
  cairo_save (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, MAX (1.0, 1.0 / scale));
  _sm_render_set_rgba (cr, p->text, 0.35);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *ref = json_array_get_element (array, i);
      Node     *node;

      if (!JSON_NODE_HOLDS_VALUE (ref) || json_node_get_value_type (ref) != G_TYPE_STRING)
        continue;
      node = _sm_render_lookup_node (self, json_node_get_string (ref));
      if (node == NULL || !node->placed)
        continue;
      cairo_move_to (cr, cx, cy);
      cairo_line_to (cr, node->x, node->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Selection and keyboard focus, as the stakeholders show them. */
static void
draw_note_rings (cairo_t             *cr,
                 const Palette       *p,
                 const SmRenderState *state,
                 const char          *id,
                 double               x,
                 double               y,
                 double               width,
                 double               height,
                 double               scale)
{
  if (_sm_render_is_selected (state, id))
    {
      double gap = MAX (4.5, 3.0 / scale);

      _sm_render_rounded_rectangle (cr, x - gap, y - gap, width + 2 * gap, height + 2 * gap, 6 + gap);
      _sm_render_stroke_ring (cr, p, RING_SELECTED, scale);
    }
  else if (g_strcmp0 (state->hover_id, id) == 0)
    {
      double gap = MAX (3.5, 2.5 / scale);

      _sm_render_rounded_rectangle (cr, x - gap, y - gap, width + 2 * gap, height + 2 * gap, 6 + gap);
      _sm_render_stroke_ring (cr, p, RING_HOVER, scale);
    }
  if (g_strcmp0 (state->focus_id, id) == 0)
    {
      double gap = MAX (9.0, 6.5 / scale);

      _sm_render_rounded_rectangle (cr, x - gap, y - gap, width + 2 * gap, height + 2 * gap, 6 + gap);
      _sm_render_stroke_ring (cr, p, RING_FOCUS, scale);
    }
}

/* The notes in view, over the relationships and under the stakeholders,
 * so that a note never hides someone. */
void
_sm_render_draw_notes (SmRenderer          *self,
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
  SmCollection *notes = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);
  gboolean      words = scale >= LOD_LABELS;

  if (!notes_shown (self))
    return;
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    {
      SmRecord        *note = sm_collection_get (notes, i);
      g_autofree char *text = note_text (self, note);
      double           x, y, width, height;

      if (*text == '\0' || !note_rect (self, note, text, &x, &y, &width, &height))
        continue;
      if (x > vx1 || y > vy1 || x + width < vx0 || y + height < vy0)
        {
          /* Its connectors may still cross the view. */
          draw_connectors (self, cr, p, note, x + width / 2, y + height / 2, scale);
          continue;
        }
      draw_connectors (self, cr, p, note, x + width / 2, y + height / 2, scale);
      _sm_render_rounded_rectangle (cr, x, y, width, height, 6);
      if (dark)
        cairo_set_source_rgb (cr, 0.36, 0.33, 0.16);
      else
        cairo_set_source_rgb (cr, 1.0, 0.96, 0.72);
      cairo_fill_preserve (cr);
      if (dark)
        cairo_set_source_rgb (cr, 0.62, 0.56, 0.27);
      else
        cairo_set_source_rgb (cr, 0.83, 0.76, 0.42);
      cairo_set_line_width (cr, MAX (1.0, 1.0 / scale));
      cairo_stroke (cr);
      draw_note_rings (cr, p, state, sm_record_get_id (note), x, y, width, height, scale);
      /* The editor over the card shows the text being typed. */
      if (!words || g_strcmp0 (state->editing_id, sm_record_get_id (note)) == 0)
        continue;
      layout_note (self, text);
      _sm_render_set_rgb (cr, p->text);
      cairo_move_to (cr, x + NOTE_PAD * note_zoom (self), y + NOTE_PAD * note_zoom (self));
      _sm_render_show_layout (self, cr, NULL);
    }
}

/* Public queries */

/* The note whose card is at map point (x, y), the one drawn on top; NULL
 * where there is none, and in views that leave notes out. */
SmRecord *
sm_renderer_hit_note (SmRenderer *self,
                      double      x,
                      double      y)
{
  SmCollection *notes;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  if (!notes_shown (self))
    return NULL;
  _sm_render_ensure_layout (self);
  notes = sm_map_get_collection (self->map, SM_RECORD_ANNOTATION);
  for (guint i = sm_collection_get_size (notes); i-- > 0;)
    {
      SmRecord        *note = sm_collection_get (notes, i);
      g_autofree char *text = note_text (self, note);
      double           nx, ny, width, height;

      if (*text == '\0' || !note_rect (self, note, text, &nx, &ny, &width, &height))
        continue;
      if (x >= nx && x <= nx + width && y >= ny && y <= ny + height)
        return note;
    }
  return NULL;
}

/**
 * sm_renderer_get_note_rect:
 * @note: a note, in the map or about to join it
 *
 * Where @note's card is drawn, in map units; FALSE in views that leave
 * notes out, and for a note with neither a position nor a placed
 * stakeholder to stand beside. A note without text gets the size of an
 * empty card (one line), so that an editor can be put over it.
 */
gboolean
sm_renderer_get_note_rect (SmRenderer *self,
                           SmRecord   *note,
                           double     *x,
                           double     *y,
                           double     *width,
                           double     *height)
{
  g_autofree char *text = NULL;
  double           nx, ny, nw, nh;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (note), FALSE);

  if (!notes_shown (self))
    return FALSE;
  _sm_render_ensure_layout (self);
  text = note_text (self, note);
  if (!note_rect (self, note, text, &nx, &ny, &nw, &nh))
    return FALSE;
  if (x != NULL)
    *x = nx;
  if (y != NULL)
    *y = ny;
  if (width != NULL)
    *width = nw;
  if (height != NULL)
    *height = nh;
  return TRUE;
}

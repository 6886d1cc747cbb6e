/* sm-canvas.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The canvas widget itself: its state, the viewport (pan, zoom, fit) and
 * the public API. Its frames (drawing through the core renderer, and the
 * picture kept while the view moves) are in sm-canvas-frames.c; input,
 * naming in place and accessibility in sm-canvas-input.c,
 * sm-canvas-naming.c and sm-canvas-a11y.c. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-canvas.h"
#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-region-command.h"
#include "sm-render.h"

/* The smallest a name is drawn when presenting, in pixels. */
#define PRESENTING_NAME_SIZE 18.0

#define MIN_ZOOM 0.02
#define MAX_ZOOM 8.0
#define FIT_MAX_ZOOM 1.5 /* a map of two stakeholders should not fill the screen */
#define HIT_PX 4.0       /* how near, in pixels, the pointer must be to hit */
#define RIM_PX 8.0       /* width, in pixels, of the rim a relationship starts from */
#define ENTRY_MIN_PX 200
#define HINT_MAX_PX 460

/* The canvas */

G_DEFINE_FINAL_TYPE (SmCanvas, sm_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_ARRANGEMENT,
  PROP_COMPARING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SHOW_RECORD,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Geometry */

void
_sm_canvas_widget_to_map (SmCanvas *self,
                          double    x,
                          double    y,
                          double   *map_x,
                          double   *map_y)
{
  *map_x = x / self->scale + self->view_x;
  *map_y = y / self->scale + self->view_y;
}

void
_sm_canvas_map_to_widget (SmCanvas *self,
                          double    map_x,
                          double    map_y,
                          double   *x,
                          double   *y)
{
  *x = (map_x - self->view_x) * self->scale;
  *y = (map_y - self->view_y) * self->scale;
}

void
_sm_canvas_get_viewport (SmCanvas   *self,
                         SmViewport *viewport)
{
  viewport->scale = self->scale;
  viewport->x = self->view_x;
  viewport->y = self->view_y;
  viewport->width = gtk_widget_get_width (GTK_WIDGET (self));
  viewport->height = gtk_widget_get_height (GTK_WIDGET (self));
}

gboolean
_sm_canvas_is_read_only (SmCanvas *self)
{
  return sm_document_get_read_only (self->document) || self->presenting;
}

/* Only the map arrangement shows stored positions: elsewhere they are
 * computed from the record, so stakeholders are neither moved nor placed. */
gboolean
_sm_canvas_can_place (SmCanvas *self)
{
  return !_sm_canvas_is_read_only (self) &&
         sm_renderer_get_arrangement (self->renderer) == SM_ARRANGEMENT_MAP;
}

gboolean
_sm_canvas_is_editing (SmCanvas *self)
{
  return self->pending != NULL || self->editing_id != NULL || _sm_canvas_is_editing_note (self) ||
         _sm_canvas_is_editing_region (self);
}

SmRecord *
_sm_canvas_lookup_stakeholder (SmCanvas   *self,
                               const char *id)
{
  if (id == NULL)
    return NULL;
  return sm_map_lookup_kind (self->map, SM_RECORD_STAKEHOLDER, id);
}

void
_sm_canvas_set_string (char      **field,
                       const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Whether map point (x, y) is on the label of @region. */
static gboolean
on_region_label (SmCanvas *self,
                 SmRecord *region,
                 double    x,
                 double    y)
{
  double lx, ly, lw, lh;

  return sm_renderer_get_map_region_label_rect (self->renderer, region, &lx, &ly, &lw, &lh) &&
         x >= lx && x <= lx + lw && y >= ly && y <= ly + lh;
}

/* What is under widget point (x, y): a stakeholder (shape, then name),
 * then a note, then a region's label, then a relationship, then a
 * region's border (never its inside: a click there reaches the map);
 * *rim tells whether it is the outer ring of a stakeholder, where
 * relationships are drawn from. */
SmRecord *
_sm_canvas_hit (SmCanvas *self,
                double    x,
                double    y,
                gboolean *rim)
{
  SmRecord *record;
  double    mx, my, sx, sy, r, d;

  if (rim != NULL)
    *rim = FALSE;
  _sm_canvas_widget_to_map (self, x, y, &mx, &my);
  record = sm_renderer_hit (self->renderer, mx, my, HIT_PX / self->scale);
  if (record == NULL || sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP)
    {
      SmRecord *note = sm_renderer_hit_note (self->renderer, mx, my);

      SmRecord *region;

      if (note != NULL)
        return note;
      region = sm_renderer_hit_map_region (self->renderer, mx, my, HIT_PX / self->scale);
      /* A relationship passing under a region's label does not hide it. */
      if (region != NULL && (record == NULL || on_region_label (self, region, mx, my)))
        return region;
    }
  if (record == NULL || rim == NULL || sm_record_get_kind (record) != SM_RECORD_STAKEHOLDER)
    return record;
  if (!sm_renderer_get_position (self->renderer, record, &sx, &sy))
    return record;
  r = sm_renderer_node_radius (record);
  d = hypot (mx - sx, my - sy);
  *rim = d >= r - MAX (RIM_PX / self->scale, 0.2 * r);
  return record;
}

/* Objects on the map: what the canvas selects, drags, nudges and deletes
 * by their x and y. Stakeholders, notes and regions (a region moves alone:
 * the stakeholders in it stay where they are); a new kind of object joins
 * here and in _sm_canvas_hit(). */
gboolean
_sm_canvas_is_movable (SmRecord *record)
{
  SmRecordKind kind;

  if (record == NULL)
    return FALSE;
  kind = sm_record_get_kind (record);
  return kind == SM_RECORD_STAKEHOLDER || kind == SM_RECORD_ANNOTATION || kind == SM_RECORD_REGION;
}

/* Where @record is, in map units: its x and y (a region's centre), or for
 * a note drawn beside the stakeholder it is about, the middle of its card. */
gboolean
_sm_canvas_get_record_position (SmCanvas *self,
                                SmRecord *record,
                                double   *x,
                                double   *y)
{
  double nx, ny, nw, nh;

  if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
    return sm_stakeholder_get_position (record, x, y);
  if (sm_record_get_kind (record) == SM_RECORD_REGION)
    {
      sm_region_get_rect (record, x, y, NULL, NULL);
      return TRUE;
    }
  if (sm_record_get_kind (record) != SM_RECORD_ANNOTATION)
    return FALSE;
  if (sm_record_has_value (record, "x") && sm_record_has_value (record, "y"))
    {
      *x = sm_record_get_number (record, "x", 0);
      *y = sm_record_get_number (record, "y", 0);
      return TRUE;
    }
  if (!sm_renderer_get_note_rect (self->renderer, record, &nx, &ny, &nw, &nh))
    return FALSE;
  *x = round (nx + nw / 2);
  *y = round (ny + nh / 2);
  return TRUE;
}

/* The selected objects that have a place on the map, in selection order. */
GPtrArray *
_sm_canvas_dup_movable_selection (SmCanvas *self)
{
  const GPtrArray *ids = sm_selection_get_ids (self->selection);
  GPtrArray       *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      SmRecord *record = sm_map_lookup (self->map, g_ptr_array_index (ids, i));

      if (_sm_canvas_is_movable (record))
        g_ptr_array_add (records, g_object_ref (record));
    }
  return records;
}

/* The viewport */

void
_sm_canvas_set_view (SmCanvas *self,
                     double    scale,
                     double    view_x,
                     double    view_y)
{
  gboolean zoom_changed = scale != self->scale;

  if (!isfinite (scale) || !isfinite (view_x) || !isfinite (view_y))
    return;
  if (zoom_changed == FALSE && view_x == self->view_x && view_y == self->view_y)
    return;
  self->scale = scale;
  self->view_x = view_x;
  self->view_y = view_y;
  if (_sm_canvas_is_editing (self) && !self->allocating)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Zooms to @scale keeping the map point under widget point (x, y) there. */
void
_sm_canvas_zoom_around (SmCanvas *self,
                        double    scale,
                        double    x,
                        double    y)
{
  double mx, my;

  scale = CLAMP (scale, MIN_ZOOM, MAX_ZOOM);
  _sm_canvas_widget_to_map (self, x, y, &mx, &my);
  _sm_canvas_set_view (self, scale, mx - x / scale, my - y / scale);
}

/* Where one of the widgets over the canvas lies, as the GtkOverlay they
 * share with it places them: at their natural size, by their alignment and
 * margins. It does not wait for them to be allocated, so the first fit of a
 * window already keeps clear of them. */
static void
overlay_rect (GtkWidget       *overlay,
              int              width,
              int              height,
              graphene_rect_t *rect)
{
  gboolean rtl = gtk_widget_get_direction (overlay) == GTK_TEXT_DIR_RTL;
  int      ms = gtk_widget_get_margin_start (overlay), me = gtk_widget_get_margin_end (overlay);
  int      mt = gtk_widget_get_margin_top (overlay), mb = gtk_widget_get_margin_bottom (overlay);
  int      min_w, nat_w, min_h, nat_h, avail_w, avail_h, w, h, x, y, left, right;
  GtkAlign halign = gtk_widget_get_halign (overlay), valign = gtk_widget_get_valign (overlay);

  left = rtl ? me : ms;
  right = rtl ? ms : me;
  avail_w = MAX (width - ms - me, 0);
  avail_h = MAX (height - mt - mb, 0);
  gtk_widget_measure (overlay, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  w = halign == GTK_ALIGN_FILL ? avail_w : MIN (MAX (nat_w, min_w), avail_w);
  gtk_widget_measure (overlay, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
  h = valign == GTK_ALIGN_FILL ? avail_h : MIN (MAX (nat_h, min_h), avail_h);

  if (rtl && halign == GTK_ALIGN_START)
    halign = GTK_ALIGN_END;
  else if (rtl && halign == GTK_ALIGN_END)
    halign = GTK_ALIGN_START;
  if (halign == GTK_ALIGN_END)
    x = width - right - w;
  else if (halign == GTK_ALIGN_CENTER)
    x = left + (avail_w - w) / 2;
  else
    x = left;
  if (valign == GTK_ALIGN_END)
    y = height - mb - h;
  else if (valign == GTK_ALIGN_CENTER)
    y = mt + (avail_h - h) / 2;
  else
    y = mt;
  graphene_rect_init (rect, x, y, w, h);
}

/* The largest part of the canvas that nothing is drawn over (the zoom
 * bar, say), in widget pixels: the map is fitted into it and new
 * stakeholders are put in it. */
void
_sm_canvas_get_free_area (SmCanvas        *self,
                          graphene_rect_t *area)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  graphene_rect_init (area, 0, 0, MAX (width, 0), MAX (height, 0));
  for (guint i = 0; self->overlays != NULL && i < self->overlays->len; i++)
    {
      GtkWidget      *overlay = g_ptr_array_index (self->overlays, i);
      graphene_rect_t r, sides[4], *best = NULL;
      float           ax0, ay0, ax1, ay1, rx0, ry0, rx1, ry1;

      if (!gtk_widget_get_visible (overlay))
        continue;
      overlay_rect (overlay, width, height, &r);
      if (!graphene_rect_intersection (area, &r, NULL))
        continue;
      ax0 = area->origin.x, ay0 = area->origin.y;
      ax1 = ax0 + area->size.width, ay1 = ay0 + area->size.height;
      rx0 = r.origin.x, ry0 = r.origin.y;
      rx1 = rx0 + r.size.width, ry1 = ry0 + r.size.height;
      /* Above, left of, right of and below it: keep the roomiest. */
      graphene_rect_init (&sides[0], ax0, ay0, ax1 - ax0, MAX (ry0 - ay0, 0));
      graphene_rect_init (&sides[1], ax0, ay0, MAX (rx0 - ax0, 0), ay1 - ay0);
      graphene_rect_init (&sides[2], rx1, ay0, MAX (ax1 - rx1, 0), ay1 - ay0);
      graphene_rect_init (&sides[3], ax0, ry1, ax1 - ax0, MAX (ay1 - ry1, 0));
      for (guint k = 0; k < G_N_ELEMENTS (sides); k++)
        if (best == NULL || graphene_rect_get_area (&sides[k]) > graphene_rect_get_area (best))
          best = &sides[k];
      *area = *best;
    }
}

static void
zoom_around_centre (SmCanvas *self,
                    double    scale)
{
  graphene_rect_t area;

  _sm_canvas_get_free_area (self, &area);
  _sm_canvas_zoom_around (self, scale,
                          area.origin.x + area.size.width / 2.0,
                          area.origin.y + area.size.height / 2.0);
}

void
_sm_canvas_pan_by (SmCanvas *self,
                   double    dx,
                   double    dy)
{
  _sm_canvas_set_view (self, self->scale, self->view_x + dx / self->scale, self->view_y + dy / self->scale);
}

/* Puts a map point in the middle of the part of the canvas nothing
 * covers. */
static void
centre_on (SmCanvas *self,
           double    map_x,
           double    map_y)
{
  graphene_rect_t area;

  _sm_canvas_get_free_area (self, &area);
  _sm_canvas_set_view (self, self->scale,
                       map_x - (area.origin.x + area.size.width / 2.0) / self->scale,
                       map_y - (area.origin.y + area.size.height / 2.0) / self->scale);
}

/* Brings a map point into view, moving the view only when it is not. */
void
_sm_canvas_ensure_visible (SmCanvas *self,
                           double    map_x,
                           double    map_y,
                           double    margin_px)
{
  graphene_rect_t area;
  double          x, y, x0, y0, x1, y1;

  _sm_canvas_get_free_area (self, &area);
  if (area.size.width <= 0 || area.size.height <= 0)
    return;
  _sm_canvas_map_to_widget (self, map_x, map_y, &x, &y);
  margin_px = MIN (margin_px, MIN (area.size.width, area.size.height) / 2.0);
  x0 = area.origin.x + margin_px;
  y0 = area.origin.y + margin_px;
  x1 = area.origin.x + area.size.width - margin_px;
  y1 = area.origin.y + area.size.height - margin_px;
  if (x < x0 || y < y0 || x > x1 || y > y1)
    centre_on (self, map_x, map_y);
}

/* The whole map in the part of the canvas nothing covers. */
static void
fit (SmCanvas *self)
{
  graphene_rect_t area;
  double          ax, ay, aw, ah;
  SmViewport      viewport;

  _sm_canvas_get_free_area (self, &area);
  ax = area.origin.x;
  ay = area.origin.y;
  aw = area.size.width;
  ah = area.size.height;
  if (aw <= 0 || ah <= 0)
    return;
  if (!sm_renderer_fit_viewport (self->renderer, aw, ah, 32, SM_RENDER_NONE, &viewport))
    {
      _sm_canvas_set_view (self, 1.0, -(ax + aw / 2.0), -(ay + ah / 2.0));
      return;
    }
  if (viewport.scale < MIN_ZOOM || viewport.scale > FIT_MAX_ZOOM)
    {
      double scale = CLAMP (viewport.scale, MIN_ZOOM, FIT_MAX_ZOOM);
      double cx = viewport.x + aw / 2.0 / viewport.scale;
      double cy = viewport.y + ah / 2.0 / viewport.scale;

      _sm_canvas_set_view (self, scale, cx - (ax + aw / 2.0) / scale, cy - (ay + ah / 2.0) / scale);
      return;
    }
  _sm_canvas_set_view (self, viewport.scale, viewport.x - ax / viewport.scale, viewport.y - ay / viewport.scale);
}

/* A space's card or a decision's line was double-clicked. */
void
_sm_canvas_show_record (SmCanvas *self,
                        SmRecord *record)
{
  /* In front of the room, the map stays alone on the screen. */
  if (self->presenting)
    return;
  g_signal_emit (self, signals[SHOW_RECORD], 0, record);
}

/* Model signals */

static void
map_changed_cb (SmCanvas *self)
{
  if (self->editing_id != NULL && _sm_canvas_lookup_stakeholder (self, self->editing_id) == NULL)
    _sm_canvas_stop_editing (self, FALSE, FALSE);
  if (self->note_editing_id != NULL &&
      sm_map_lookup_kind (self->map, SM_RECORD_ANNOTATION, self->note_editing_id) == NULL)
    _sm_canvas_stop_note_editing (self, FALSE);
  if (self->region_editing_id != NULL &&
      sm_map_lookup_kind (self->map, SM_RECORD_REGION, self->region_editing_id) == NULL)
    _sm_canvas_stop_region_editing (self, FALSE);
  if (self->key_connect &&
      (_sm_canvas_lookup_stakeholder (self, self->connect_source) == NULL ||
       _sm_canvas_lookup_stakeholder (self, self->connect_target) == NULL))
    _sm_canvas_stop_key_connect (self);
  if (self->hover_id != NULL && sm_map_lookup (self->map, self->hover_id) == NULL)
    _sm_canvas_set_string (&self->hover_id, NULL);
  if (self->focus_id != NULL && sm_map_lookup (self->map, self->focus_id) == NULL)
    _sm_canvas_set_string (&self->focus_id, NULL);

  if (_sm_canvas_is_editing (self))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  _sm_canvas_redraw (self);
  _sm_canvas_update_hint (self);
  _sm_canvas_update_description (self);
}

/* Findings on the map (§8.3): while the evaluation is read (the
 * Evaluation page on screen), people with few or no ties, gatekeepers and
 * people who rely on others have a halo on the map. */
static void
evaluation_marks_cb (SmCanvas *self)
{
  SmEvaluator *evaluator = sm_document_get_evaluator (self->document);
  g_autoptr(GHashTable) marks = NULL;

  if (sm_evaluator_get_active (evaluator) && sm_evaluator_get_evaluation (evaluator) != NULL)
    marks = sm_render_marks_from_evaluation (sm_evaluator_get_evaluation (evaluator));
  sm_canvas_set_marks (self, marks);
}

/* The evidence of the finding the group picked glows. */
static void
evaluation_highlight_cb (SmCanvas *self)
{
  sm_canvas_set_highlight (self, sm_evaluator_get_highlight (sm_document_get_evaluator (self->document)));
}

static void
selection_changed_cb (SmCanvas *self)
{
  _sm_canvas_redraw (self);
  _sm_canvas_update_description (self);
}

static void
update_actions (SmCanvas *self)
{
  gboolean editable = !_sm_canvas_is_read_only (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-stakeholder", _sm_canvas_can_place (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-note", _sm_canvas_can_place (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-region", _sm_canvas_can_place (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.connect", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", editable);
  if (!editable)
    _sm_canvas_stop_editing (self, FALSE, FALSE);
  _sm_canvas_update_hint (self);
}

/* The hint on a blank map */

/* What a blank map says, in the words and keys of the user guide's
 * "Building the map". */
static const char *
hint_title (void)
{
  return _ ("This map is empty");
}

static const char *
hint_add (void)
{
  return _ ("Add a stakeholder: press N or double-click the map, type a name, then press Enter.");
}

static const char *
hint_connect (void)
{
  return _ ("Connect two: select one, press C, pick the other with Tab, then press Enter; or drag from a "
            "stakeholder’s rim to the other.");
}

/* The hint as a screen reader hears it. */
char *
_sm_canvas_dup_hint_text (SmCanvas *self)
{
  if (self->hint == NULL || !gtk_widget_get_visible (self->hint))
    return NULL;
  return g_strjoin (" ", hint_title (), hint_add (), hint_connect (), NULL);
}

/* Shown while the map has no stakeholder and one can be added here, and
 * not while the first one is being named where it stands. */
void
_sm_canvas_update_hint (SmCanvas *self)
{
  gboolean show;

  if (self->hint == NULL || self->map == NULL)
    return;
  show = sm_collection_get_size (sm_map_get_stakeholders (self->map)) == 0 && _sm_canvas_can_place (self) &&
         !_sm_canvas_is_editing (self);
  if (show == gtk_widget_get_visible (self->hint))
    return;
  gtk_widget_set_visible (self->hint, show);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  _sm_canvas_update_description (self);
}

static void
init_hint (SmCanvas *self)
{
  g_autofree char *markup = g_markup_printf_escaped ("<span size=\"x-large\" weight=\"bold\">%s</span>\n\n%s\n\n%s",
                                                     hint_title (), hint_add (), hint_connect ());

  self->hint = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (self->hint), markup);
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->hint), GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0.5);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_widget_add_css_class (self->hint, "canvas-hint");
  /* Clicks go through it to the map: double-clicking it adds a stakeholder. */
  gtk_widget_set_can_target (self->hint, FALSE);
  gtk_widget_set_visible (self->hint, FALSE);
  gtk_widget_set_parent (self->hint, GTK_WIDGET (self));
}

static void
sm_canvas_measure (GtkWidget     *widget,
                   GtkOrientation orientation,
                   int            for_size,
                   int           *minimum,
                   int           *natural,
                   int           *minimum_baseline,
                   int           *natural_baseline)
{
  /* The map scrolls and zooms: any size will do; the entry is placed
   * over it, not beside it. */
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
sm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SmCanvas *self = SM_CANVAS (widget);
  SmRecord *record;

  /* A resized view keeps its centre on the same place of the map. */
  self->allocating = TRUE;
  if (self->last_width > 0 && self->last_height > 0 &&
      (width != self->last_width || height != self->last_height))
    _sm_canvas_set_view (self, self->scale,
                         self->view_x + (self->last_width - width) / 2.0 / self->scale,
                         self->view_y + (self->last_height - height) / 2.0 / self->scale);
  self->allocating = FALSE;
  /* On the projector, what is shown stays fitted to the screen. */
  if (self->presenting && width > 0 && height > 0 && (width != self->last_width || height != self->last_height))
    {
      self->last_width = width;
      self->last_height = height;
      self->allocating = TRUE;
      sm_canvas_fit_records (self, self->fit_ids);
      self->allocating = FALSE;
    }
  self->last_width = width;
  self->last_height = height;

  if (!self->fitted && width > 0 && height > 0)
    {
      self->fitted = TRUE;
      self->allocating = TRUE;
      fit (self);
      self->allocating = FALSE;
    }

  if (gtk_widget_get_visible (self->hint))
    {
      graphene_rect_t area;
      int             w, h, min_h, nat_h;

      _sm_canvas_get_free_area (self, &area);
      w = MAX (MIN ((int) area.size.width - 48, HINT_MAX_PX), 1);
      gtk_widget_measure (self->hint, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      h = MAX (min_h, nat_h);
      gtk_widget_size_allocate (self->hint,
                                &(GtkAllocation) {
                                  .x = (int) round (area.origin.x + (area.size.width - w) / 2),
                                  .y = (int) round (area.origin.y + (area.size.height - h) / 2),
                                  .width = w,
                                  .height = h },
                                -1);
    }

  record = self->pending != NULL ? self->pending : _sm_canvas_lookup_stakeholder (self, self->editing_id);
  if (record != NULL && gtk_widget_get_visible (self->entry))
    {
      double lx = 0, ly = 0, lw = 0, lh = 0, x0, y0, x1, y1;
      int    min_w, nat_w, min_h, nat_h, w, h;

      sm_renderer_get_label_rect (self->renderer, record, &lx, &ly, &lw, &lh);
      _sm_canvas_map_to_widget (self, lx, ly, &x0, &y0);
      _sm_canvas_map_to_widget (self, lx + lw, ly + lh, &x1, &y1);
      gtk_widget_measure (self->entry, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = MAX (MAX (min_w, ENTRY_MIN_PX), (int) (x1 - x0));
      gtk_widget_measure (self->entry, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      h = MAX (min_h, nat_h);
      gtk_widget_size_allocate (self->entry,
                                &(GtkAllocation) {
                                  .x = (int) round ((x0 + x1) / 2 - w / 2.0),
                                  .y = (int) round ((y0 + y1) / 2 - h / 2.0),
                                  .width = w,
                                  .height = h },
                                -1);
    }
  _sm_canvas_allocate_note_editor (self);
  _sm_canvas_allocate_region_entry (self);
}

static void
sm_canvas_dispose (GObject *object)
{
  SmCanvas *self = (SmCanvas *) object;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (sm_document_get_evaluator (self->document), self);
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->style_manager, self);
  /* Not editing any more, so the entry leaving commits nothing. */
  g_clear_object (&self->pending);
  g_clear_pointer (&self->editing_id, g_free);
  g_clear_object (&self->region_pending);
  g_clear_pointer (&self->region_editing_id, g_free);
  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_object (&self->note_pending);
  g_clear_pointer (&self->note_editing_id, g_free);
  g_clear_pointer (&self->note_view, gtk_widget_unparent);
  g_clear_pointer (&self->hint, gtk_widget_unparent);
  g_clear_pointer (&self->overlays, g_ptr_array_unref);
  _sm_canvas_clear_moving (self);
  g_clear_object (&self->press_hit);
  g_clear_object (&self->renderer);
  g_clear_object (&self->selection);
  g_clear_object (&self->map);
  g_clear_object (&self->document);
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->fit_ids, g_hash_table_unref);
  _sm_canvas_drop_frames (self);

  G_OBJECT_CLASS (sm_canvas_parent_class)->dispose (object);
}

static void
sm_canvas_finalize (GObject *object)
{
  SmCanvas *self = (SmCanvas *) object;

  g_free (self->hover_id);
  g_free (self->focus_id);
  g_free (self->connect_source);
  g_free (self->connect_target);
  g_free (self->description);
  g_free (self->link_category);

  G_OBJECT_CLASS (sm_canvas_parent_class)->finalize (object);
}

static void
sm_canvas_constructed (GObject *object)
{
  SmCanvas *self = (SmCanvas *) object;

  G_OBJECT_CLASS (sm_canvas_parent_class)->constructed (object);

  g_assert (SM_IS_DOCUMENT (self->document));
  self->map = g_object_ref (sm_document_get_map (self->document));
  self->selection = g_object_ref (sm_document_get_selection (self->document));
  self->renderer = g_object_steal_data (G_OBJECT (self->document), SM_CANVAS_PREPARED_RENDERER);
  if (self->renderer == NULL)
    self->renderer = sm_renderer_new (self->map);

  g_signal_connect_swapped (self->map, "changed", G_CALLBACK (map_changed_cb), self);
  g_signal_connect_swapped (self->map, "notify::read-only", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (sm_document_get_evaluator (self->document), "notify::evaluation",
                            G_CALLBACK (evaluation_marks_cb), self);
  g_signal_connect_swapped (sm_document_get_evaluator (self->document), "notify::active",
                            G_CALLBACK (evaluation_marks_cb), self);
  g_signal_connect_swapped (sm_document_get_evaluator (self->document), "notify::highlight",
                            G_CALLBACK (evaluation_highlight_cb), self);
  update_actions (self);
  _sm_canvas_update_description (self);
}

static void
sm_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SmCanvas *self = SM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->scale);
      break;
    case PROP_ARRANGEMENT:
      g_value_set_string (value, sm_arrangement_info_get_id (sm_renderer_get_arrangement_info (self->renderer)));
      break;
    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SmCanvas *self = SM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_ARRANGEMENT:
      sm_canvas_set_arrangement (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_stakeholder_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sm_canvas_add_stakeholder (SM_CANVAS (widget));
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sm_canvas_add_note (SM_CANVAS (widget));
}

static void
add_region_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sm_canvas_add_region (SM_CANVAS (widget));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sm_canvas_start_connect (SM_CANVAS (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _sm_canvas_delete_selection (SM_CANVAS (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SmCanvas *self = SM_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    sm_canvas_zoom_in (self);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    sm_canvas_zoom_out (self);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    sm_canvas_zoom_reset (self);
  else
    sm_canvas_zoom_to_fit (self);
}

/* Hidden (the table shown instead of the map): its pictures are dropped,
 * megabytes each with the margin; the first frame after draws afresh. */
static void
sm_canvas_unmap (GtkWidget *widget)
{
  _sm_canvas_drop_frames (SM_CANVAS (widget));
  GTK_WIDGET_CLASS (sm_canvas_parent_class)->unmap (widget);
}

static void
sm_canvas_class_init (SmCanvasClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_canvas_constructed;
  object_class->dispose = sm_canvas_dispose;
  object_class->finalize = sm_canvas_finalize;
  object_class->get_property = sm_canvas_get_property;
  object_class->set_property = sm_canvas_set_property;

  widget_class->snapshot = _sm_canvas_snapshot;
  widget_class->measure = sm_canvas_measure;
  widget_class->size_allocate = sm_canvas_size_allocate;
  widget_class->unmap = sm_canvas_unmap;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Device pixels per map unit, for a zoom level label. */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "map", "power-interest", "ladder" or "power-cube": how stakeholders
   * are laid out. */
  properties[PROP_ARRANGEMENT] =
    g_param_spec_string ("arrangement", NULL, NULL, "map",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether another version is drawn over the map (sm_canvas_set_compare()). */
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SmCanvas::show-record:
   * @record: a space or a decision
   *
   * A space's card or a decision's line in the Power Cube was
   * double-clicked: the window shows it where it can be edited.
   */
  signals[SHOW_RECORD] = g_signal_new ("show-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, SM_TYPE_RECORD);

  gtk_widget_class_install_action (widget_class, "canvas.add-stakeholder", NULL, add_stakeholder_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-region", NULL, add_region_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);

  gtk_widget_class_set_css_name (widget_class, "stakemap-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sm_canvas_init (SmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->scale = 1.0;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Map"), -1);

  init_hint (self);
  _sm_canvas_init_naming (self);
  _sm_canvas_init_notes (self);
  _sm_canvas_init_input (self);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (_sm_canvas_redraw), self);
}

/* Public API */

GtkWidget *
sm_canvas_new (SmDocument *document)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);
  return g_object_new (SM_TYPE_CANVAS, "document", document, NULL);
}

SmDocument *
sm_canvas_get_document (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return self->document;
}

/* Lays the stakeholders out as the map has them ("map"), on the
 * power–interest grid ("power-interest"), on the ladder ("ladder") or in
 * the Power Cube ("power-cube"), and fits the view to it. Only the map can
 * be rearranged by dragging. */
void
sm_canvas_set_arrangement (SmCanvas   *self,
                           const char *name)
{
  const SmArrangementInfo *arrangement;

  g_return_if_fail (SM_IS_CANVAS (self));

  arrangement = sm_arrangement_find (name);
  if (arrangement == NULL)
    {
      g_warning ("Unknown arrangement “%s”", name);
      return;
    }
  if (arrangement == sm_renderer_get_arrangement_info (self->renderer))
    return;
  _sm_canvas_stop_editing (self, TRUE, FALSE);
  _sm_canvas_stop_key_connect (self);
  if (self->mode != DRAG_NONE)
    self->mode = DRAG_CANCELLED;
  _sm_canvas_clear_moving (self);
  sm_renderer_set_arrangement_info (self->renderer, arrangement);
  update_actions (self);
  sm_canvas_zoom_to_fit (self);
  _sm_canvas_redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARRANGEMENT]);
}

const char *
sm_canvas_get_arrangement (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return sm_arrangement_info_get_id (sm_renderer_get_arrangement_info (self->renderer));
}

/* Starts a new stakeholder at a free spot near the last one added (or the
 * middle of the view) and focuses its name entry. */
void
sm_canvas_add_stakeholder (SmCanvas *self)
{
  double x, y;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);
  _sm_canvas_find_spot (self, &x, &y);
  _sm_canvas_begin_new (self, x, y);
}

/* The map point where the pointer is, if it is over the map, else the
 * middle of the part of the view nothing covers. */
static void
get_pointer_or_middle (SmCanvas *self,
                       double   *x,
                       double   *y)
{
  graphene_rect_t area;

  if (self->pointer_inside)
    _sm_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, x, y);
  else
    {
      _sm_canvas_get_free_area (self, &area);
      _sm_canvas_widget_to_map (self, area.origin.x + area.size.width / 2, area.origin.y + area.size.height / 2,
                                x, y);
    }
}

/* Starts a new note where the pointer is, if it is over the map, else in
 * the middle of the view, about the selected stakeholders, and focuses
 * its text. */
void
sm_canvas_add_note (SmCanvas *self)
{
  double x, y;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);
  get_pointer_or_middle (self, &x, &y);
  _sm_canvas_begin_new_note (self, x, y);
}

/* Starts a new region around the selected stakeholders, or with none
 * selected where the pointer is (or in the middle of the view), and
 * focuses its label. */
void
sm_canvas_add_region (SmCanvas *self)
{
  double x, y;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);
  get_pointer_or_middle (self, &x, &y);
  _sm_canvas_begin_new_region (self, x, y);
}

/* Adds three concentric rings, "Inner circle", "Involved" and "Outside the
 * room", centred on the stakeholders (or the middle of the view on an
 * empty map), as one step. */
void
sm_canvas_add_rings (SmCanvas *self)
{
  SmCollection *people;
  double        x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double        cx, cy;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);
  people = sm_map_get_stakeholders (self->map);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double sx, sy;

      if (!sm_stakeholder_get_position (sm_collection_get (people, i), &sx, &sy))
        continue;
      x0 = MIN (x0, sx), y0 = MIN (y0, sy);
      x1 = MAX (x1, sx), y1 = MAX (y1, sy);
    }
  if (x0 <= x1)
    cx = round ((x0 + x1) / 2), cy = round ((y0 + y1) / 2);
  else
    {
      graphene_rect_t area;

      _sm_canvas_get_free_area (self, &area);
      _sm_canvas_widget_to_map (self, area.origin.x + area.size.width / 2, area.origin.y + area.size.height / 2,
                                &cx, &cy);
      cx = round (cx), cy = round (cy);
    }
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, sm_rings_command_new (self->map, cx, cy));
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_canvas_zoom_to_fit (self);
}

/* Connects the one selected stakeholder to another chosen with Tab or the
 * arrows; FALSE when there is not exactly one stakeholder selected, or no
 * other to connect it to. */
gboolean
sm_canvas_start_connect (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), FALSE);

  if (!_sm_canvas_start_key_connect (self))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

void
sm_canvas_zoom_in (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  zoom_around_centre (self, self->scale * ZOOM_STEP);
}

void
sm_canvas_zoom_out (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  zoom_around_centre (self, self->scale / ZOOM_STEP);
}

void
sm_canvas_zoom_reset (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  zoom_around_centre (self, 1.0);
}

void
sm_canvas_zoom_to_fit (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  /* Not allocated yet: fit when it is. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->fitted = FALSE;
      return;
    }
  fit (self);
}

/* Device pixels per map unit: 1.0 is 100 %. */
double
sm_canvas_get_zoom (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), 1.0);
  return self->scale;
}

/**
 * sm_canvas_set_highlight:
 * @ids: (nullable): a set of record ids (const char *) to emphasise, such
 *   as a finding's evidence; %NULL for none
 */
void
sm_canvas_set_highlight (SmCanvas   *self,
                         GHashTable *ids)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  if (ids == self->highlight)
    return;
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  if (ids != NULL)
    self->highlight = g_hash_table_ref (ids);
  _sm_canvas_redraw (self);
}

/**
 * sm_canvas_set_marks:
 * @marks: (nullable): stakeholder id → SmMarks, from
 *   sm_render_marks_from_evaluation(); NULL for none
 *
 * Draws the evaluation's findings on the map: a halo with words around
 * people with few or no ties, gatekeepers and people who rely on others.
 */
void
sm_canvas_set_marks (SmCanvas   *self,
                     GHashTable *marks)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  if (marks == self->marks)
    return;
  g_clear_pointer (&self->marks, g_hash_table_unref);
  if (marks != NULL)
    self->marks = g_hash_table_ref (marks);
  _sm_canvas_redraw (self);
}

GHashTable *
sm_canvas_get_marks (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return self->marks;
}

/* The renderer the canvas draws with: what it shows, and how the map's
 * records are laid out in the current arrangement. */
SmRenderer *
sm_canvas_get_renderer (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return self->renderer;
}

/**
 * sm_canvas_add_overlay:
 * @overlay: a widget drawn over the canvas, in the #GtkOverlay whose child
 *   is the canvas (a zoom bar, say)
 *
 * Keeps the map clear of @overlay while it is visible: fitting fits the
 * map into the rest of the canvas, and new stakeholders are put there.
 */
void
sm_canvas_add_overlay (SmCanvas  *self,
                       GtkWidget *overlay)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  g_return_if_fail (GTK_IS_WIDGET (overlay));

  if (self->overlays == NULL)
    self->overlays = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->overlays, g_object_ref (overlay));
  g_signal_connect_object (overlay, "notify::visible", G_CALLBACK (gtk_widget_queue_allocate), self,
                           G_CONNECT_SWAPPED);
}

/**
 * sm_canvas_set_presenting:
 *
 * Shows the map to a room: drawn in the high-contrast style, nothing can
 * be edited (clicks select, drags pan, keys delete nothing), and the view
 * keeps fitted as the screen changes. Leaving changes nothing in the map.
 */
void
sm_canvas_set_presenting (SmCanvas *self,
                          gboolean  presenting)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  presenting = !!presenting;
  if (presenting == self->presenting)
    return;
  if (presenting)
    {
      _sm_canvas_stop_editing (self, TRUE, FALSE);
      _sm_canvas_stop_key_connect (self);
      if (self->mode != DRAG_NONE)
        self->mode = DRAG_CANCELLED;
      _sm_canvas_clear_moving (self);
    }
  self->presenting = presenting;
  g_clear_pointer (&self->fit_ids, g_hash_table_unref);
  sm_renderer_set_high_contrast (self->renderer, presenting);
  /* Read from across the room, on a projector's few pixels. */
  sm_renderer_set_name_min_size (self->renderer, presenting ? PRESENTING_NAME_SIZE : SM_RENDER_NAME_MIN_SIZE);
  update_actions (self);
  _sm_canvas_redraw (self);
}

/**
 * sm_canvas_set_compare:
 * @diff: (nullable): what changed from @other to the canvas's map; %NULL
 *   to stop comparing
 * @other: (nullable): the other version
 *
 * Draws another version over the map (sm_renderer_set_compare()). Only
 * the picture changes: the map is not touched.
 */
void
sm_canvas_set_compare (SmCanvas *self,
                       SmDiff   *diff,
                       SmMap    *other)
{
  gboolean comparing = diff != NULL;

  g_return_if_fail (SM_IS_CANVAS (self));

  sm_renderer_set_compare (self->renderer, diff, other);
  _sm_canvas_redraw (self);
  /* The legend explains the marks, also when only they changed. */
  self->comparing = comparing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
}

gboolean
sm_canvas_get_presenting (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), FALSE);
  return self->presenting;
}

static void
grow_box (double *box,
          double  x0,
          double  y0,
          double  x1,
          double  y1)
{
  box[0] = MIN (box[0], x0);
  box[1] = MIN (box[1], y0);
  box[2] = MAX (box[2], x1);
  box[3] = MAX (box[3], y1);
}

static void
grow_by_stakeholder (SmCanvas   *self,
                     const char *id,
                     double     *box)
{
  SmRecord *person = _sm_canvas_lookup_stakeholder (self, id);
  double    x, y, r, lx, ly, lw, lh;

  if (person == NULL || !sm_renderer_get_position (self->renderer, person, &x, &y))
    return;
  r = sm_renderer_node_radius (person);
  grow_box (box, x - r, y - r, x + r, y + r);
  sm_renderer_get_label_rect (self->renderer, person, &lx, &ly, &lw, &lh);
  if (lw > 0 && lh > 0)
    grow_box (box, lx, ly, lx + lw, ly + lh);
}

/**
 * sm_canvas_fit_records:
 * @ids: (nullable): record ids (const char *), such as a finding's
 *   evidence; %NULL for the whole map
 *
 * Fits the view to the stakeholders, relationships, spaces and decisions
 * of @ids, names included, in the room the overlays leave; to the whole
 * map when none of them is drawn.
 */
void
sm_canvas_fit_records (SmCanvas   *self,
                       GHashTable *ids)
{
  graphene_rect_t area;
  GHashTableIter  iter;
  gpointer        key;
  double          box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double          scale, cx, cy;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (ids != self->fit_ids)
    {
      if (ids != NULL)
        g_hash_table_ref (ids);
      g_clear_pointer (&self->fit_ids, g_hash_table_unref);
      self->fit_ids = ids;
    }
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->fitted = FALSE;
      return;
    }
  if (ids != NULL)
    {
      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          SmRecord *record = sm_map_lookup (self->map, key);
          double    x, y, w, h;

          if (record == NULL)
            continue;
          if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
            grow_by_stakeholder (self, key, box);
          else if (sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP)
            {
              grow_by_stakeholder (self, sm_relationship_get_source (record), box);
              grow_by_stakeholder (self, sm_relationship_get_target (record), box);
            }
          else if (sm_renderer_get_record_region (self->renderer, record, &x, &y, &w, &h))
            grow_box (box, x, y, x + w, y + h);
        }
    }
  _sm_canvas_get_free_area (self, &area);
  if (box[2] < box[0] || area.size.width <= 64 || area.size.height <= 64)
    {
      fit (self);
      return;
    }
  /* Room around the evidence, so the group sees what it sits among. */
  scale = MIN ((area.size.width - 64) / MAX (box[2] - box[0], 1.0),
               (area.size.height - 64) / MAX (box[3] - box[1], 1.0));
  scale = CLAMP (scale, MIN_ZOOM, FIT_MAX_ZOOM);
  cx = (box[0] + box[2]) / 2.0;
  cy = (box[1] + box[3]) / 2.0;
  _sm_canvas_set_view (self, scale, cx - (area.origin.x + area.size.width / 2.0) / scale,
                       cy - (area.origin.y + area.size.height / 2.0) / scale);
}

/* The view as the map point at the middle of the canvas and the scale:
 * what stays the same when the canvas changes size. */
void
sm_canvas_get_view (SmCanvas *self,
                    double   *scale,
                    double   *centre_x,
                    double   *centre_y)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  *scale = self->scale;
  *centre_x = self->view_x + gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / self->scale;
  *centre_y = self->view_y + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / self->scale;
}

/**
 * sm_canvas_centre_on:
 * @id: a stakeholder's id
 *
 * Moves the view, at the same zoom, so the stakeholder is in the middle.
 */
void
sm_canvas_centre_on (SmCanvas   *self,
                     const char *id)
{
  SmRecord *person;
  double    x, y;

  g_return_if_fail (SM_IS_CANVAS (self));

  person = _sm_canvas_lookup_stakeholder (self, id);
  if (person == NULL || !sm_renderer_get_position (self->renderer, person, &x, &y))
    return;
  sm_canvas_set_view (self, self->scale, x, y);
}

void
sm_canvas_set_view (SmCanvas *self,
                    double    scale,
                    double    centre_x,
                    double    centre_y)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  g_return_if_fail (scale > 0);

  _sm_canvas_set_view (self, scale, centre_x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / scale,
                       centre_y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / scale);
}

/* Test hooks */

/* The ids emphasised as evidence, or NULL. */
GHashTable *
_sm_canvas_test_get_highlight (SmCanvas *self)
{
  return self->highlight;
}

void
_sm_canvas_test_map_to_widget (SmCanvas *self,
                               double    map_x,
                               double    map_y,
                               double   *x,
                               double   *y)
{
  _sm_canvas_map_to_widget (self, map_x, map_y, x, y);
}

void
_sm_canvas_test_widget_to_map (SmCanvas *self,
                               double    x,
                               double    y,
                               double   *map_x,
                               double   *map_y)
{
  _sm_canvas_widget_to_map (self, x, y, map_x, map_y);
}

/**
 * sm_canvas_set_link_category:
 * @category: (nullable): a relationship category, or %NULL for the default
 *
 * Gives relationships drawn from now on @category: the kind of tie the
 * workshop's group is working through.
 */
void
sm_canvas_set_link_category (SmCanvas   *self,
                             const char *category)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  g_free (self->link_category);
  self->link_category = g_strdup (category);
}

const char *
_sm_canvas_test_get_hover (SmCanvas *self)
{
  return self->hover_id;
}

/* sm-render.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

#include "sm-arrangement.h"
#include "sm-diff.h"
#include "sm-evaluate.h"
#include "sm-layout.h"
#include "sm-map.h"
#include "sm-selection.h"

G_BEGIN_DECLS

/* Draws a map into any cairo context: the canvas on screen and every
 * export call this, so an export is what the screen shows. Map units are
 * the stakeholders' x and y; a viewport maps them to device units. A
 * spatial index keeps drawing and hit-testing proportional to what is in
 * view, not to the size of the map. */

typedef struct
{
  double scale; /* device units per map unit */
  double x;     /* the map point at the view's top-left corner */
  double y;
  double width; /* the view's size in device units */
  double height;
} SmViewport;

typedef enum
{
  SM_RENDER_NONE = 0,
  SM_RENDER_BACKGROUND = 1 << 0, /* paint the background (exports) */
  SM_RENDER_LEGEND = 1 << 1,     /* draw the legend in a corner of the view */
  SM_RENDER_DARK = 1 << 2,       /* colours for a dark background */
  SM_RENDER_PART = 1 << 3,       /* a part of a larger view (a strip a pan uncovers): what the renderer
                                  * keeps of the whole view's frame stays for it */
} SmRenderFlags;

/* Parts of an arrangement's background, in map units. */
typedef enum
{
  SM_REGION_GRID,           /* the whole power–interest grid */
  SM_REGION_KEY_PLAYERS,    /* high influence, high interest */
  SM_REGION_KEEP_SATISFIED, /* high influence, low interest */
  SM_REGION_KEEP_INFORMED,  /* low influence, high interest */
  SM_REGION_MINIMAL_EFFORT, /* low influence, low interest */
  SM_REGION_NOT_RATED,      /* beside the grid: unknown influence or interest */
  SM_REGION_CUBE,           /* the Power Cube's cells, headings included */
  SM_REGION_NO_SPACE,       /* beside the cube: people in no recorded space */
  SM_REGION_UNPLACED,       /* beside the cube: decisions not placed in a space */
} SmRegion;

/* Findings drawn on the map (principles.md §8.3): a halo with a few words
 * around people the evaluation finds with few or no ties (AI-04), who are
 * the only route to decision-makers for others or a broker on many paths
 * (OT-04), or who rely on others to use power for them (EP-02). */
typedef enum
{
  SM_MARK_FEW_TIES = 1 << 0,
  SM_MARK_GATEKEEPER = 1 << 1,
  SM_MARK_DEPENDENT = 1 << 2,
} SmMarks;

/* What the view adds to the map: selection, hover, the relationship being
 * drawn, the rubber band. Zero-initialised means "nothing". */
typedef struct
{
  SmRenderFlags flags;
  SmSelection  *selection;    /* selected records are marked; may be NULL */
  GHashTable   *highlight;    /* ids (const char *) to emphasise, e.g. evidence; may be NULL */
  GHashTable   *marks;        /* stakeholder id → GUINT_TO_POINTER (SmMarks); may be NULL */
  const char   *hover_id;     /* record under the pointer */
  const char   *focus_id;     /* stakeholder or note with keyboard focus (focus ring) */
  const char   *editing_id;   /* stakeholder whose name, note whose text or region whose label is being typed: not drawn */
  const char   *draft_source; /* a relationship being drawn from this stakeholder… */
  double        draft_x;      /* …to this map point */
  double        draft_y;
  gboolean      band; /* a rubber band, in map units */
  double        band_x;
  double        band_y;
  double        band_width;
  double        band_height;
} SmRenderState;

/* Text the renderer would draw, handed over instead: @layout at the
 * current point of @cr, in the colour of @cr's source, over a halo of
 * @halo (red, green, blue, alpha; NULL: none). An SVG export writes it
 * as text elements. */
typedef void (*SmRenderTextFunc) (cairo_t      *cr,
                                  PangoLayout  *layout,
                                  const double *halo,
                                  gpointer      user_data);

/* The smallest a stakeholder's name is drawn, in screen pixels (device
 * units of a viewport's scale): readable from the back of a room. Zoomed
 * out, names grow on the map to stay this size, and those that find no
 * free place are left out; below a zoom where even that would not help,
 * no names are drawn. */
#define SM_RENDER_NAME_MIN_SIZE 11.0

#define SM_TYPE_RENDERER (sm_renderer_get_type ())
G_DECLARE_FINAL_TYPE (SmRenderer, sm_renderer, SM, RENDERER, GObject)

SmRenderer              *sm_renderer_new (SmMap *map);
SmMap                   *sm_renderer_get_map (SmRenderer *self);
void                     sm_renderer_draw (SmRenderer          *self,
                                           cairo_t             *cr,
                                           const SmViewport    *viewport,
                                           const SmRenderState *state);
SmRecord                *sm_renderer_hit (SmRenderer *self,
                                          double      x,
                                          double      y,
                                          double      tolerance);
GPtrArray               *sm_renderer_stakeholders_in_rect (SmRenderer *self,
                                                           double      x,
                                                           double      y,
                                                           double      width,
                                                           double      height);
gboolean                 sm_renderer_get_bounds (SmRenderer *self,
                                                 double     *x,
                                                 double     *y,
                                                 double     *width,
                                                 double     *height);
void                     sm_renderer_get_label_rect (SmRenderer *self,
                                                     SmRecord   *stakeholder,
                                                     double     *x,
                                                     double     *y,
                                                     double     *width,
                                                     double     *height);
double                   sm_renderer_node_radius (SmRecord *stakeholder);
double                   sm_renderer_node_extent (SmRecord *stakeholder);
guint32                  sm_renderer_node_rgb (SmRecord *stakeholder);
SmLayoutBox             *sm_renderer_dup_layout_boxes (SmRenderer *self);
gboolean                 sm_renderer_fit_viewport (SmRenderer   *self,
                                                   double        width,
                                                   double        height,
                                                   double        padding,
                                                   SmRenderFlags flags,
                                                   SmViewport   *viewport);
void                     sm_renderer_set_arrangement (SmRenderer   *self,
                                                      SmArrangement arrangement);
SmArrangement            sm_renderer_get_arrangement (SmRenderer *self);
void                     sm_renderer_set_arrangement_info (SmRenderer              *self,
                                                           const SmArrangementInfo *arrangement);
const SmArrangementInfo *sm_renderer_get_arrangement_info (SmRenderer *self);
gboolean                 sm_renderer_get_position (SmRenderer *self,
                                                   SmRecord   *stakeholder,
                                                   double     *x,
                                                   double     *y);
gboolean                 sm_renderer_get_region (SmRenderer *self,
                                                 SmRegion    region,
                                                 double     *x,
                                                 double     *y,
                                                 double     *width,
                                                 double     *height);
gboolean                 sm_renderer_get_record_region (SmRenderer *self,
                                                        SmRecord   *record,
                                                        double     *x,
                                                        double     *y,
                                                        double     *width,
                                                        double     *height);
SmRecord                *sm_renderer_hit_place (SmRenderer *self,
                                                double      x,
                                                double      y);
SmRecord                *sm_renderer_hit_note (SmRenderer *self,
                                               double      x,
                                               double      y);
gboolean                 sm_renderer_get_note_rect (SmRenderer *self,
                                                    SmRecord   *note,
                                                    double     *x,
                                                    double     *y,
                                                    double     *width,
                                                    double     *height);

/* Regions of the map (SM_RECORD_REGION), not the arrangement's cells:
 * shown, hit and measured in the map view only. A selected region has a
 * square handle this wide, in pixels on screen, centred on the
 * bottom-right corner of its box, for resizing. */
#define SM_RENDER_REGION_HANDLE_PX 10.0

SmRecord *sm_renderer_hit_map_region (SmRenderer *self,
                                      double      x,
                                      double      y,
                                      double      tolerance);
gboolean  sm_renderer_get_map_region_rect (SmRenderer *self,
                                           SmRecord   *region,
                                           double     *x,
                                           double     *y,
                                           double     *width,
                                           double     *height);
gboolean  sm_renderer_get_map_region_label_rect (SmRenderer *self,
                                                 SmRecord   *region,
                                                 double     *x,
                                                 double     *y,
                                                 double     *width,
                                                 double     *height);
/* The marks an evaluation calls for, from the stakeholders in the evidence
 * of AI-04, OT-04 and EP-02 when they need a look; NULL when there are
 * none. */
GHashTable *sm_render_marks_from_evaluation (const SmEvaluation *evaluation);

/* The legend on its own, for exports that place it beside the map: its
 * natural size in device units (FALSE: nothing to explain), and drawn
 * with its top-left corner at the origin of @cr. */
gboolean sm_renderer_get_legend_size (SmRenderer *self,
                                      double     *width,
                                      double     *height);
void     sm_renderer_draw_legend (SmRenderer   *self,
                                  cairo_t      *cr,
                                  SmRenderFlags flags);
gboolean sm_renderer_get_legend_size_for_width (SmRenderer *self,
                                                double      max_width,
                                                double     *width,
                                                double     *height);
void     sm_renderer_draw_legend_for_width (SmRenderer   *self,
                                            cairo_t      *cr,
                                            SmRenderFlags flags,
                                            double        max_width);
void     sm_renderer_set_name_min_size (SmRenderer *self,
                                        double      pixels);
double   sm_renderer_get_name_min_size (SmRenderer *self);
double   sm_renderer_get_name_size (SmRenderer *self,
                                    double      scale);
gboolean sm_renderer_get_bounds_at_scale (SmRenderer *self,
                                          double      scale,
                                          double     *x,
                                          double     *y,
                                          double     *width,
                                          double     *height);
void     sm_renderer_set_public_names (SmRenderer    *self,
                                       SmPublicNames *names);
void     sm_renderer_set_high_contrast (SmRenderer *self,
                                        gboolean    high_contrast);
gboolean sm_renderer_get_high_contrast (SmRenderer *self);
void     sm_renderer_set_compare (SmRenderer *self,
                                  SmDiff     *diff,
                                  SmMap      *other);
void     sm_renderer_set_text_func (SmRenderer      *self,
                                    SmRenderTextFunc func,
                                    gpointer         user_data);

guint sm_renderer_get_drawn_count (SmRenderer *self);
guint sm_renderer_get_visited_count (SmRenderer *self);

G_END_DECLS

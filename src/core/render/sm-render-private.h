/* sm-render-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "sm-diff.h"
#include "sm-index.h"
#include "sm-render.h"

G_BEGIN_DECLS

/* What the renderer's files share: the constants of the drawing, the
 * renderer's cache of the map and the arrangement interface. */

/* Everything below is in map units unless its name says "device". */

#define CELL_SIZE 256.0

/* A shape's area, what the eye compares, is proportional to influence:
 * influence 10 is drawn at RADIUS_MAX, 5 at half its area, 1 at a tenth.
 * Influence 0 keeps RADIUS_MIN so that it can still be seen and clicked;
 * it stays clearly smaller than 1 (RADIUS_MAX / √10). Unknown influence is
 * drawn at the size of 5, paler and dashed. */
#define RADIUS_MIN 10.0
#define RADIUS_MAX 44.0
#define UNKNOWN_INFLUENCE 5.0

#define LABEL_FONT_SIZE 12.0
#define LABEL_MAX_WIDTH 150.0
#define LABEL_GAP 5.0
#define LEGEND_FONT_SIZE 11.0

#define EDGE_WIDTH 1.6
#define ARROW_LENGTH 11.0
#define ARROW_HALF_WIDTH 5.0
#define PARALLEL_SPACING 8.0
/* How far a drawn relationship may stray from its centre line: offsets of
 * parallel lines, arrowheads, power marks and highlight glows. */
#define EDGE_MARGIN 24.0

#define MARKER_RADIUS 6.5

/* Level of detail, by scale (device units per map unit). */
#define LOD_DOTS 0.12       /* below: nodes are dots, lines are hairlines */
#define LOD_LABELS 0.3      /* below: no names */
#define LOD_TEXT 6.0        /* device units: smaller words are left out of the map */
#define LOD_MARK_WORDS 0.65 /* below: findings' rings without their words */
#define LOD_MARKS 0.25      /* below: no arrowheads, power marks or symbols */
#define CROWDED_EDGES 4000  /* more lines in view: drawn as a texture */
#define CROWDED_NODES 2000  /* and more stakeholders too: drawn as in the overview */
#define ROUTE_CROWDED 500   /* more stakeholders in view of an arrangement: lines are not bowed round them */

/* Equal-area shapes, so that size compares across sides. */
#define SQUARE_FACTOR 0.886
#define DIAMOND_FACTOR 1.253

/* What the arrangements share: the gap between the grid or the cube and
 * the strips beside them, and the size of their headings. */
#define STRIP_GAP 60.0
#define HEADING_FONT_SIZE 40.0
#define AXIS_FONT_SIZE 30.0
#define LADDER_ROWS 9 /* 7 down to 0, then unknown */

/* Between the legend and the edge of the view, in device units. */
#define LEGEND_MARGIN 12.0

/* The outline in the background colour that keeps words readable over
 * lines. */
#define HALO_WIDTH 3.5
#define HALO_ALPHA 0.85

typedef enum
{
  GROUP_LIVED,
  GROUP_PEER,
  GROUP_ADVOCATE,
  GROUP_PROFESSIONAL,
  GROUP_MANAGER,
  GROUP_CIVIC,
  GROUP_PROVIDER,
  GROUP_OTHER,
  N_GROUPS
} KindGroup;

typedef struct
{
  double   r, g, b;
  gboolean dark_symbol; /* the symbol is dark on light fills */
} Colour;

/* Indexed like sm_stakeholder_kinds. */
#define N_KINDS 15
#define KIND_OTHER (N_KINDS - 1)

extern const Colour    _sm_render_group_colours[N_GROUPS];
extern const KindGroup _sm_render_kind_groups[N_KINDS];

typedef enum
{
  DIRECTION_UNKNOWN,
  DIRECTION_ONE_WAY,
  DIRECTION_TWO_WAY,
} Direction;

typedef enum
{
  FORM_PLAIN,
  FORM_HIDDEN,
  FORM_INVISIBLE,
} Form;

typedef enum
{
  HOLDER_NONE,
  HOLDER_SOURCE,
  HOLDER_TARGET,
  HOLDER_UNKNOWN,
} Holder;

/* What the renderer keeps of a stakeholder: read once per change rather
 * than from JSON on every frame. */
typedef struct
{
  SmRecord *record; /* borrowed: the map owns it */
  char     *id;
  guint     order;  /* position in the collection: later is on top */
  guint     listed; /* position in SmRenderer.node_list */
  gboolean  placed;
  double    x, y, r; /* where it is drawn: the map's position or the arrangement's */
  gboolean  map_placed;
  double    map_x, map_y;
  SmSide    side;
  guint     kind;
  gboolean  unknown_influence;
  double    influence;
  guint     lived; /* 0: none, 1: relevant, 2: relevant and in role */
  gboolean  label_valid;
  double    label_zoom;                 /* the names' zoom it was measured at */
  double    label_dx, label_w, label_h; /* logical extents of the name */
  double   *label_more;                 /* at other zooms: LABEL_MORE of (zoom, dx, w, h), or NULL */
  guint     route_stamp;                /* met by the relationship being routed */
  guint     route_spot;                 /* its RouteSpot in SmRenderer.route_spots + 1; 0: none */
} Node;

/* Where a relationship is drawn (sm-render-routes.c). */
typedef struct
{
  double   x0, y0, x1, y1; /* its ends, on the shapes' borders */
  gboolean curved;
  double   cx, cy; /* a quadratic Bézier's control point, when curved */
} Route;

/* Points sampled along a route to measure it or test what it passes. */
#define ROUTE_SAMPLES 16

typedef struct
{
  SmRecord *record; /* borrowed */
  guint     order;
  char     *source;
  char     *target;
  char     *pair; /* both ids in a fixed order: parallel lines share it */
  /* The stakeholders its ids name, or NULL: resolved when it is linked and
   * whenever a stakeholder of either id comes or goes, so that laying out
   * a view looks nothing up by id (sm-render.c, replace_adjacent()). */
  Node     *source_node;
  Node     *target_node;
  Direction direction;
  Form      form;
  gboolean  conflict;
  Holder    holder;
  guint     magnitude;
  /* Finding a route looks at everyone near the line: it is kept until
   * anything is placed, moved or reshaped (SmRenderer.shape_stamp). */
  guint  routed_at; /* 0: never */
  Route *bowed;     /* the route found then, when it bows; NULL when straight */
} Edge;

/* A relationship's line from centre to centre, in map units: what a
 * texture of lines is drawn from, read once a frame. */
typedef struct
{
  double x0, y0, x1, y1;
} Segment;

/* A space's card in the Power Cube, or a decision's line in a card or in
 * the strip of decisions placed in no space. The words are copied, so a
 * record removed since the layout leaves nothing dangling. */
typedef struct
{
  char      *id;
  char      *text;    /* the space's name, the decision's title */
  char      *detail;  /* a space's decision rights, a decision's status: in words */
  char      *members; /* "2 of 7 members with lived experience" */
  char      *votes;   /* "1 of 3 votes with lived experience" (SP-03), or NULL */
  double     x, y, width, height;
  double     name_height;
  guint      column, row;
  GPtrArray *nodes;     /* Node: the people with most say here (layout only) */
  GPtrArray *decisions; /* CubeItem, borrowed from Cube.decisions */
} CubeItem;

/* Where arrange_power_cube() put things, for drawing, hit regions and
 * tests. Columns and rows are those drawn, left to right and top down. */
typedef struct
{
  GPtrArray *cards;     /* CubeItem, one per space, in file order */
  GPtrArray *decisions; /* CubeItem, one per decision, in file order */
  GPtrArray *unplaced;  /* CubeItem, borrowed: decisions in no space */
  guint      n_columns;
  guint      column_type[4]; /* index into cube_types; 3: not recorded */
  double     column_x[5];
  guint      n_rows;
  guint      row_level[6]; /* index into cube_levels; 5: not recorded */
  double     row_y[7];
  double     width, height;                               /* the cells and their headings */
  double     line_height;                                 /* a line of a card's small text */
  double     strip_x, strip_y, strip_width, strip_height; /* no space */
  double     strip_header;
  guint      n_nowhere;
  double     unplaced_x, unplaced_y, unplaced_width, unplaced_height; /* 0 wide: none */
  double     unplaced_header;
  gboolean   no_spaces;
} Cube;

/* What the map holds that the legend explains. */
typedef struct
{
  guint    kinds; /* bit per kind */
  guint    sides; /* bit per SmSide */
  gboolean unknown_influence;
  gboolean lived[3];
  gboolean direction[3];
  gboolean form[3];
  gboolean conflict;
  gboolean power;
  gboolean power_unknown;
} Legend;

/* An arrowhead (at its tip, pointing along ux, uy) or a power mark (at
 * the middle of its line), waiting to be drawn over the names. */
typedef struct
{
  gboolean      head;
  double        x, y, ux, uy;
  const double *colour; /* an arrowhead's */
  Holder        holder; /* a power mark's */
  guint         magnitude;
} EdgeMark;

/* Where words may still go: boxes (x, y, width, height) taken by shapes,
 * notes and words placed, by grid cell. */
typedef struct
{
  GArray     *boxes;
  GHashTable *cells; /* gint64 cell → GArray of box indexes */
  double      cell;
} Room;

typedef struct _SmRenderCompare SmRenderCompare;

/* Plain lines on pixels, laid down into a coverage mask and painted in
 * one colour at once (sm-render-lines.c, _sm_render_lines_begin()). */
typedef struct
{
  cairo_surface_t *mask; /* A8, device pixels of the clip */
  guint8          *data;
  guint8          *columns; /* the steep lines, in a mask on its side: x × height + y */
  int              stride, ox, oy, width, height;
  cairo_matrix_t   matrix;         /* map units to device pixels */
  const double    *colour;         /* of the lines in the mask; NULL: none yet */
  int              x0, y0, x1, y1; /* the pixels laid down, x1 and y1 past the last */
} LineBatch;

struct _SmRenderer
{
  GObject parent_instance;

  SmMap      *map;
  GHashTable *nodes;    /* SmRecord → Node */
  GHashTable *node_ids; /* id → Node */
  GHashTable *edges;    /* SmRecord → Edge */
  GHashTable *adjacent; /* stakeholder id → GPtrArray of Edge (even before the stakeholder exists) */
  GHashTable *pairs;    /* Edge.pair → GPtrArray of Edge */
  SmIndex    *node_index;
  SmIndex    *edge_index;
  gboolean    order_dirty;
  /* Node and Edge, borrowed, in the map's order (kept with the order by
   * _sm_render_ensure_order(): call it before reading them). The passes
   * over everyone go through these: a hash table's order is a leap in
   * memory for each, and on a map of 100,000 every one a miss of the
   * cache. */
  GPtrArray *node_list;
  GPtrArray *edge_list;
  GArray    *edge_ends;   /* guint: each of edge_list's stakeholders' places in node_list */
  GArray    *edge_legend; /* guint8: what each of edge_list shows in the legend */
  gboolean   ends_dirty;  /* edge_ends or edge_legend no longer says so */
  gboolean   legend_dirty;
  Legend     legend;

  PangoContext         *pango;
  PangoLayout          *layout;
  PangoFontDescription *label_font;
  PangoFontDescription *name_font; /* label_font, grown by name_zoom */
  PangoFontDescription *legend_font;
  double                label_max_height; /* of two lines, at the names' own size */
  double                name_min;         /* the smallest a name is drawn, in screen pixels */
  double                name_zoom;        /* names drawn this many times their size in map units */
  double                text_floor;       /* while drawing the map: smaller words, in device units, are left out */
  Room                 *words_room;       /* while set, the words drawn take their place in it */
  Room                 *heads_room;       /* while set, arrowheads and power marks take their place in it */
  GArray               *edge_marks;       /* while set, of EdgeMark: drawn after the names */

  const SmArrangementInfo *arrangement;
  const SmArrangementInfo *laid_out; /* whose arrange() the caches hold */
  gboolean                 layout_dirty;
  double                   bg_x, bg_y, bg_width, bg_height; /* the arrangement's background */
  double                   high_cutoff;                     /* "high" on the power–interest grid */
  guint                    ladder_columns;
  double                   ladder_y[LADDER_ROWS + 1]; /* where each row starts, and the last ends */
  Cube                     cube;

  gboolean         high_contrast; /* the projector's palette (sm_renderer_set_high_contrast) */
  SmRenderCompare *compare;       /* another version drawn over the map (sm_renderer_set_compare) */

  SmPublicNames   *names; /* the caller's: names as they leave the team; NULL: as they are */
  SmRenderTextFunc text_func;
  gpointer         text_data;

  GPtrArray *scratch;
  GPtrArray *route_scratch; /* stakeholders near a relationship being routed */
  GArray    *route_near;    /* the same with where each lies against the line (sm-render-routes.c); NULL until then */
  SmIndex   *route_index;   /* each placed stakeholder's shape alone, where routes look; NULL until one does */
  GArray    *route_spots;   /* RouteSpot (sm-render-routes.c): what the items of route_index stand for */
  GArray    *route_free;    /* guint: route_spots no longer used */
  double     route_extent;  /* at least the largest extent of any in route_index */
  guint      route_stamp;
  guint      shape_stamp; /* changes whenever a stakeholder or relationship is placed, moved or reshaped */
  guint      ids_stamp;   /* changes whenever a stakeholder is added or removed */
  double     route_limit; /* relationships longer than this, in map units, are not routed */
  guint      drawn;
  guint      visited;

  /* The halo of each glyph drawn, as a mask in device pixels, for the
   * device scale it was made at (sm-render-labels.c). */
  GHashTable *halo_glyphs;
  double      halo_scale;

  /* The last texture of crowded lines (an A8 mask in device pixels) and
   * what it was drawn from (sm-render.c, draw_density()). */
  cairo_surface_t *density;
  guint64          density_key;

  /* The relationships crossing the last frame's view (Edge, borrowed)
   * and their lines (Segment), valid while shape_stamp and ids_stamp are
   * what they were and the view is the same (sm-render.c). */
  GPtrArray *view_edges;
  GArray    *view_segments;
  double     view_rect[4];
  guint      view_shape_stamp, view_ids_stamp, view_visited;

  /* The relationships crossing the neighbourhood of the view a pan moves
   * through (near_rect), kept apart from the view's, for the strips it
   * uncovers (SM_RENDER_PART; sm-render.c, find_part_edges()). */
  GPtrArray *near_edges;
  GArray    *near_segments;
  double     near_rect[4];
  guint      near_shape_stamp, near_ids_stamp;
  gboolean   drawing_part; /* while drawing with SM_RENDER_PART */

  /* While drawing the map: the view grown by what a line may stray from
   * its centre, in map units. Lines are stroked only where they cross it. */
  gboolean   clip_lines;
  double     clip[4];
  gboolean   unclipped;      /* for tests: every line stroked whole */
  LineBatch *lines;          /* while set, plain lines go into its mask */
  LineBatch *kept_lines;     /* the last frame's batch, its masks cleared, for the next of its size */
  gboolean   unbatched;      /* for tests: every line stroked by cairo */
  gboolean   plain_routes;   /* for tests: each bow of a route looks its neighbours up afresh, in boxes */
  gboolean   stroked_halo;   /* for tests: the outline stroked, as on PDF */
  gboolean   plain_density;  /* for tests: each line's pixels laid down one by one */
  guint      density_shared; /* for tests: textures counted by two threads */
  gboolean   plain_spread;   /* for tests: the grid's search for a free place tries every place */
  gboolean   plain_bounds;   /* for tests: fitting a view measures every name */
  gboolean   unculled;       /* for tests: shapes and names out of view drawn all the same */
};

typedef struct
{
  double        background[3];
  double        text[3];
  double        line[3];
  double        strong[3]; /* power marks, lived-experience marks */
  double        accent[3]; /* selection, focus, rubber band */
  double        highlight[3];
  double        conflict[3];
  double        legend_bg[4];
  double        legend_border[4];
  double        edge_width;   /* relationship lines, in map units at the least */
  const Colour *groups;       /* kind colours, indexed by KindGroup */
  gboolean      outline_text; /* shapes' outlines in the text colour, not a darker kind colour */
  double        words_alpha;  /* the faintest words may be: headings, axes, counters */
} Palette;

/* Which changes to the map move stakeholders in an arrangement, so that
 * the renderer lays them out again. */
typedef enum
{
  SM_ARRANGEMENT_FOLLOWS_NONE = 0,
  SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS = 1 << 0, /* their records, not only their x and y */
  SM_ARRANGEMENT_FOLLOWS_PLACES = 1 << 1,       /* spaces and decisions */
  SM_ARRANGEMENT_FOLLOWS_THRESHOLDS = 1 << 2,   /* the group's evaluation settings */
} SmArrangementFollows;

typedef void (*SmArrangementArrange) (SmRenderer *self,
                                      GPtrArray  *nodes);
typedef void (*SmArrangementClear) (SmRenderer *self);
typedef void (*SmArrangementDraw) (SmRenderer          *self,
                                   cairo_t             *cr,
                                   const Palette       *p,
                                   const SmRenderState *state,
                                   double               scale);
typedef gboolean (*SmArrangementRegion) (SmRenderer *self,
                                         SmRegion    region,
                                         double     *x,
                                         double     *y,
                                         double     *width,
                                         double     *height);
typedef void (*SmArrangementNodeBounds) (SmRenderer *self,
                                         const Node *node,
                                         double     *x0,
                                         double     *y0,
                                         double     *x1,
                                         double     *y1);
typedef gboolean (*SmArrangementRecordRegion) (SmRenderer *self,
                                               SmRecord   *record,
                                               double     *x,
                                               double     *y,
                                               double     *width,
                                               double     *height);

/* An arrangement: a view of the map. Each is defined in a file of its own
 * (sm-arrangement-*.c) and listed once, in sm-arrangements.c. Only id,
 * label and arrange are required. */
struct _SmArrangementInfo
{
  const char          *id;    /* for actions, settings and --view: "ladder" */
  const char          *label; /* N_(), with the View menu's mnemonic */
  SmArrangementFollows follows;
  gboolean             background; /* fitting shows the whole background arrange() sets */
  /* Puts each of @nodes (Node, in the map's order) and sets the
   * background's rectangle (bg_x, bg_y, bg_width, bg_height). */
  SmArrangementArrange arrange;
  /* Frees what arrange() kept beyond positions. */
  SmArrangementClear clear;
  /* Under the relationships, and over them but under the stakeholders. */
  SmArrangementDraw draw_behind;
  SmArrangementDraw draw_over;
  /* The parts of the background, for hit-testing and tests. */
  SmArrangementRegion       get_region;
  SmArrangementRecordRegion get_record_region;
  /* Grows the box (@x0, @y0)–(@x1, @y1) to what the draw hooks draw
   * beside a placed @node beyond its shape (the towers' counters), so that
   * fitting and every export show it whole. */
  SmArrangementNodeBounds node_bounds;
  /* N_(): a legend row for a view that shows influence by counters,
   * drawn with a small tower; NULL for none. */
  const char *influence_legend;
};

const SmArrangementInfo *_sm_arrangement_get (SmArrangement arrangement);

Node    *_sm_render_lookup_node (SmRenderer *self,
                                 const char *id);
gboolean _sm_render_edge_ends (SmRenderer *self,
                               Edge       *edge,
                               Node      **source,
                               Node      **target);
void     _sm_render_ensure_order (SmRenderer *self);
void     _sm_render_legend_note_node (Legend     *l,
                                      const Node *node);
void     _sm_render_legend_note_edge (Legend     *l,
                                      const Edge *edge);
guint8   _sm_render_legend_mark (const Edge *edge);
void     _sm_render_legend_note_mark (Legend *l,
                                      guint8  mark);
gboolean _sm_render_edge_is_placed (const Edge *edge);
int      _sm_render_compare_node_order (gconstpointer a,
                                        gconstpointer b);
void     _sm_render_ensure_layout (SmRenderer *self);
double   _sm_render_radius_for_influence (double influence);
double   _sm_render_shape_extent (SmSide side,
                                  double r);
double   _sm_render_shape_border (SmSide side,
                                  double r,
                                  double ux,
                                  double uy);
gboolean _sm_render_shape_contains (SmSide side,
                                    double r,
                                    double dx,
                                    double dy,
                                    double tolerance);
void     _sm_render_shape_path (cairo_t *cr,
                                SmSide   side,
                                double   x,
                                double   y,
                                double   r);
double   _sm_render_node_extent (const Node *node);
double   _sm_render_node_bottom (const Node *node);
void     _sm_render_set_rgb (cairo_t      *cr,
                             const double *c);
void     _sm_render_set_rgba (cairo_t      *cr,
                              const double *c,
                              double        alpha);
void     _sm_render_set_words (cairo_t       *cr,
                               const Palette *p,
                               double         alpha);
void     _sm_render_set_outline (cairo_t       *cr,
                                 const Palette *p,
                                 const Colour  *c,
                                 gboolean       dark);
void     _sm_render_draw_symbol (cairo_t       *cr,
                                 const Palette *p,
                                 KindGroup      group,
                                 double         x,
                                 double         y,
                                 double         s);
void     _sm_render_draw_lived_mark (cairo_t       *cr,
                                     const Palette *p,
                                     guint          lived,
                                     double         x,
                                     double         y);
void     _sm_render_draw_node_shape (cairo_t       *cr,
                                     const Palette *p,
                                     gboolean       dark,
                                     const Node    *node,
                                     double         scale,
                                     const double  *view);
gboolean _sm_render_state_has (GHashTable *set,
                               const char *id);
gboolean _sm_render_is_selected (const SmRenderState *state,
                                 const char          *id);
void     _sm_render_draw_node_under (cairo_t             *cr,
                                     const Palette       *p,
                                     const Node          *node,
                                     const SmRenderState *state,
                                     double               scale);
void     _sm_render_draw_node_over (cairo_t             *cr,
                                    const Palette       *p,
                                    const Node          *node,
                                    const SmRenderState *state,
                                    double               scale);
void     _sm_render_rounded_rectangle (cairo_t *cr,
                                       double   x,
                                       double   y,
                                       double   width,
                                       double   height,
                                       double   r);
gboolean _sm_render_segment_meets_rect (double x0,
                                        double y0,
                                        double x1,
                                        double y1,
                                        double rx0,
                                        double ry0,
                                        double rx1,
                                        double ry1);
double   _sm_render_point_segment_distance (double px,
                                            double py,
                                            double x0,
                                            double y0,
                                            double x1,
                                            double y1);
void     _sm_render_edge_read_style (Edge *edge);
gboolean _sm_render_edge_geometry (SmRenderer *self,
                                   Edge       *edge,
                                   double     *x0,
                                   double     *y0,
                                   double     *x1,
                                   double     *y1);
void     _sm_render_arrowhead_path (cairo_t *cr,
                                    double   tx,
                                    double   ty,
                                    double   ux,
                                    double   uy);
void     _sm_render_zigzag_path (cairo_t *cr,
                                 double   x0,
                                 double   y0,
                                 double   x1,
                                 double   y1);
void     _sm_render_set_form_dash (cairo_t *cr,
                                   Form     form,
                                   double   scale);
void     _sm_render_draw_power_mark (cairo_t       *cr,
                                     const Palette *p,
                                     Holder         holder,
                                     guint          magnitude,
                                     double         mx,
                                     double         my,
                                     double         ux,
                                     double         uy);
void     _sm_render_draw_edge (SmRenderer          *self,
                               cairo_t             *cr,
                               const Palette       *p,
                               Edge                *edge,
                               const SmRenderState *state,
                               double               scale);
void     _sm_render_draw_plain_edges (SmRenderer          *self,
                                      cairo_t             *cr,
                                      const Palette       *p,
                                      GPtrArray           *edges,
                                      const SmRenderState *state,
                                      double               scale);
void     _sm_render_forget_routes (SmRenderer *self);
void     _sm_render_route_index_place (SmRenderer *self,
                                       Node       *node);
void     _sm_render_route_index_remove (SmRenderer *self,
                                        Node       *node);
void     _sm_render_route_index_clear (SmRenderer *self);
void     _sm_render_lines_begin (SmRenderer *self,
                                 cairo_t    *cr);
void     _sm_render_lines_flush (SmRenderer *self,
                                 cairo_t    *cr);
void     _sm_render_lines_end (SmRenderer *self,
                               cairo_t    *cr);
void     _sm_render_lines_free (LineBatch *lines);
void     _sm_render_lines_add_route (SmRenderer  *self,
                                     const Route *route,
                                     double       t0,
                                     double       t1,
                                     double       width);
gboolean _sm_render_is_raster (cairo_t *cr);
gboolean _sm_render_box_in_view (SmRenderer   *self,
                                 cairo_t      *cr,
                                 const double *box,
                                 double        margin,
                                 const double *view);
gboolean _sm_render_clip_segment (double *x0,
                                  double *y0,
                                  double *x1,
                                  double *y1,
                                  double  width,
                                  double  height);
gboolean _sm_render_clip_pixels (cairo_t *cr,
                                 int     *ox,
                                 int     *oy,
                                 int     *width,
                                 int     *height);
gboolean _sm_render_draw_density (SmRenderer    *self,
                                  cairo_t       *cr,
                                  const Palette *p,
                                  GArray        *segments,
                                  double         alpha);
void     _sm_render_draw_texture (SmRenderer    *self,
                                  cairo_t       *cr,
                                  const Palette *p,
                                  GPtrArray     *edges,
                                  GArray        *segments,
                                  double         scale);
void     _sm_render_set_form_dash_at (cairo_t *cr,
                                      Form     form,
                                      double   scale,
                                      double   offset);
void     _sm_render_halo_clear (SmRenderer *self);
gboolean _sm_render_edge_route (SmRenderer *self,
                                Edge       *edge,
                                Route      *route);
void     _sm_render_route_point (const Route *route,
                                 double       t,
                                 double      *x,
                                 double      *y);
void     _sm_render_route_tangent (const Route *route,
                                   double       t,
                                   double      *ux,
                                   double      *uy);
double   _sm_render_route_length (const Route *route);
double   _sm_render_route_distance (const Route *route,
                                    double       x,
                                    double       y);
void     _sm_render_route_path (cairo_t     *cr,
                                const Route *route,
                                double       t0,
                                double       t1);
void     _sm_render_draw_label_at (SmRenderer    *self,
                                   cairo_t       *cr,
                                   const Palette *p,
                                   Node          *node,
                                   double         x,
                                   double         y);
void     _sm_render_draw_edge_labels (SmRenderer    *self,
                                      cairo_t       *cr,
                                      const Palette *p,
                                      GPtrArray     *edges,
                                      Room          *room,
                                      double         scale,
                                      double         vx0,
                                      double         vy0,
                                      double         vx1,
                                      double         vy1);
/* How a note or a region shows it is selected, under the pointer or has
 * the keyboard focus: strokes the current path. */
typedef enum
{
  RING_SELECTED,
  RING_HOVER,
  RING_FOCUS,
} Ring;

void           _sm_render_stroke_ring (cairo_t       *cr,
                                       const Palette *p,
                                       Ring           ring,
                                       double         scale);
void           _sm_render_draw_edge_marks (SmRenderer    *self,
                                           cairo_t       *cr,
                                           const Palette *p,
                                           GArray        *marks);
void           _sm_render_draw_names (SmRenderer          *self,
                                      cairo_t             *cr,
                                      const Palette       *p,
                                      GPtrArray           *nodes,
                                      const SmRenderState *state,
                                      const double        *view,
                                      Room                *room,
                                      Room                *heads);
void           _sm_render_room_init (Room  *room,
                                     double cell);
void           _sm_render_room_clear (Room *room);
void           _sm_render_room_take (Room         *room,
                                     const double *box);
gboolean       _sm_render_room_free (const Room   *room,
                                     const double *box);
void           _sm_render_layout_set_label (SmRenderer *self,
                                            const char *text);
double         _sm_render_name_zoom_for (SmRenderer *self,
                                         double      scale);
void           _sm_render_set_name_zoom (SmRenderer *self,
                                         double      zoom);
void           _sm_render_layout_set_legend (SmRenderer *self,
                                             const char *text);
void           _sm_render_node_label_rect (SmRenderer *self,
                                           Node       *node,
                                           double     *x,
                                           double     *y,
                                           double     *width,
                                           double     *height);
double         _sm_render_node_below (SmRenderer *self,
                                      const Node *node);
void           _sm_render_layout_set_text (SmRenderer    *self,
                                           const char    *text,
                                           double         size,
                                           gboolean       bold,
                                           double         width,
                                           int            lines,
                                           PangoAlignment align);
void           _sm_render_layout_get_size (SmRenderer *self,
                                           double     *width,
                                           double     *height);
const Palette *_sm_render_palette (gboolean dark);
const Palette *_sm_render_get_palette (SmRenderer *self,
                                       gboolean   *dark);
double         _sm_render_palette_contrast (const Palette *p,
                                            const double  *colour);
void           _sm_render_notes_boxes (SmRenderer *self,
                                       GArray     *boxes);
void           _sm_render_notes_bounds (SmRenderer *self,
                                        double     *x0,
                                        double     *y0,
                                        double     *x1,
                                        double     *y1);
void           _sm_render_draw_notes (SmRenderer          *self,
                                      cairo_t             *cr,
                                      const Palette       *p,
                                      const SmRenderState *state,
                                      gboolean             dark,
                                      double               scale,
                                      double               vx0,
                                      double               vy0,
                                      double               vx1,
                                      double               vy1);
void           _sm_render_regions_boxes (SmRenderer *self,
                                         GArray     *boxes);
void           _sm_render_regions_bounds (SmRenderer *self,
                                          double     *x0,
                                          double     *y0,
                                          double     *x1,
                                          double     *y1);
void           _sm_render_draw_regions (SmRenderer          *self,
                                        cairo_t             *cr,
                                        const Palette       *p,
                                        const SmRenderState *state,
                                        gboolean             dark,
                                        double               scale,
                                        double               vx0,
                                        double               vy0,
                                        double               vx1,
                                        double               vy1);
const char    *_sm_render_node_name (SmRenderer *self,
                                     Node       *node);
void           _sm_render_show_layout (SmRenderer   *self,
                                       cairo_t      *cr,
                                       const double *halo);
void           _sm_render_draw_heading (SmRenderer    *self,
                                        cairo_t       *cr,
                                        const char    *text,
                                        double         size,
                                        double         x,
                                        double         y,
                                        double         width,
                                        PangoAlignment align);
void           _sm_render_show_words (SmRenderer    *self,
                                      cairo_t       *cr,
                                      const Palette *p,
                                      double         alpha,
                                      double         x,
                                      double         y);
SmMarks        _sm_render_node_marks (const SmRenderState *state,
                                      const Node          *node);
void           _sm_render_draw_mark_rings (cairo_t    *cr,
                                           const Node *node,
                                           SmMarks     marks,
                                           double      scale);
void           _sm_render_draw_mark_words (SmRenderer    *self,
                                           cairo_t       *cr,
                                           const Palette *p,
                                           const Node    *node,
                                           SmMarks        marks,
                                           Room          *room);
void           _sm_render_legend_measure (SmRenderer       *self,
                                          const SmViewport *viewport,
                                          double           *width,
                                          double           *height);
void           _sm_render_draw_legend (SmRenderer       *self,
                                       cairo_t          *cr,
                                       const Palette    *p,
                                       gboolean          dark,
                                       const SmViewport *viewport);

/* Another version drawn over the map (sm-render-compare.c). */
void     _sm_render_compare_free (SmRenderCompare *compare);
gboolean _sm_render_compare_any (SmRenderer *self,
                                 gboolean   *added,
                                 gboolean   *changed,
                                 gboolean   *removed);
void     _sm_render_draw_compare_badge (cairo_t       *cr,
                                        const Palette *p,
                                        gboolean       dark,
                                        SmDiffChange   change,
                                        double         x,
                                        double         y,
                                        double         size);
void     _sm_render_draw_compare_edge (SmRenderer  *self,
                                       cairo_t     *cr,
                                       gboolean     dark,
                                       const char  *id,
                                       const Route *route,
                                       double       scale);
void     _sm_render_draw_compare_ghosts (SmRenderer    *self,
                                         cairo_t       *cr,
                                         const Palette *p,
                                         gboolean       dark,
                                         double         scale,
                                         const double  *view);
void     _sm_render_draw_compare_ghost_names (SmRenderer    *self,
                                              cairo_t       *cr,
                                              const Palette *p,
                                              const double  *view,
                                              Room          *room);
void     _sm_render_draw_compare_marks (SmRenderer    *self,
                                        cairo_t       *cr,
                                        const Palette *p,
                                        gboolean       dark,
                                        GPtrArray     *nodes,
                                        double         scale);

/* Test hooks */
gboolean _sm_render_test_grid_nearest_free (const double *shapes,
                                            guint         n,
                                            double        e,
                                            const double *bounds,
                                            double        x0,
                                            double        y0,
                                            int           way,
                                            double       *x,
                                            double       *y,
                                            guint        *n_taken);

G_END_DECLS

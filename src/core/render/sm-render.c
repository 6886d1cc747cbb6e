/* sm-render.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sm-evaluate-private.h"
#include "sm-evaluation-store.h"
#include "sm-index.h"
#include "sm-labels.h"
#include "sm-render.h"

/* Everything below is in map units unless its name says "device". */

#define CELL_SIZE 256.0

/* Node radius grows with the square root of influence, so that area, what
 * the eye compares, follows influence. */
#define RADIUS_MIN 14.0
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
#define LOD_DOTS 0.12   /* below: nodes are dots, lines are hairlines */
#define LOD_LABELS 0.35 /* below: no names */
#define LOD_MARK_WORDS 0.65 /* below: findings' rings without their words */
#define LOD_MARKS 0.25  /* below: no arrowheads, power marks or symbols */
#define CROWDED_EDGES 4000 /* more lines in view: drawn as in the overview */

/* Equal-area shapes, so that size compares across sides. */
#define SQUARE_FACTOR 0.886
#define DIAMOND_FACTOR 1.253

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
#define CUT_X(cutoff) CLAMP (GRID_PAD + ((cutoff) - 0.5) * GRID_UNIT, 0.0, GRID_SIZE)
#define CUT_Y(cutoff) (GRID_SIZE - CUT_X (cutoff))
#define STRIP_GAP 60.0
#define STRIP_WIDTH 240.0
#define STRIP_HEADER 60.0
#define STRIP_ROW 120.0
#define SPREAD 40.0       /* between stakeholders sharing a place */
#define AXIS_MARGIN 60.0  /* room for the axis names */
/* The ladder: a row per level, its name in a column on the left. A row is
 * as tall as its stakeholders and their names; a rung nobody stands on
 * keeps only room for its name, so that the ladder fits a screen at a
 * scale where names are still drawn. */
#define LADDER_EMPTY_ROW 56.0
#define LADDER_ROW_PAD 8.0
#define LADDER_TITLE 320.0
#define LADDER_STEP 160.0
#define LADDER_MIN_PER_LINE 24  /* a rung wraps after this many, or 2√n */
#define LADDER_ROWS 9 /* 7 down to 0, then unknown */
#define HEADING_FONT_SIZE 40.0
#define AXIS_FONT_SIZE 30.0
/* The Power Cube: a column per type of space, a row per level, a card per
 * space in its cell with its decisions and the people who have the most
 * say there; beside it, strips for the people in no recorded space and the
 * decisions taken in none. */
#define CUBE_HEAD 80.0           /* the row of type names */
#define CUBE_ROW_HEAD 40.0       /* a level's name, across the top of its row */
#define CUBE_CELL_PAD 12.0
#define CUBE_CARD_GAP 16.0
#define CUBE_CARD_PAD 12.0
#define CUBE_CARD_RADIUS 12.0
#define CUBE_SLOT 160.0          /* the width a stakeholder and its name take */
#define CUBE_LINE_GAP 8.0        /* between lines of stakeholders */
#define CUBE_MIN_SLOTS 2         /* room for a card's words */
#define CUBE_EMPTY_COLUMN 300.0
#define CUBE_EMPTY_ROW 140.0   /* with no space recorded */
#define CUBE_STRIP_HEADER 56.0
#define CARD_NAME_FONT_SIZE 22.0
#define CARD_FONT_SIZE 15.0

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
  double r, g, b;
  gboolean dark_symbol; /* the symbol is dark on light fills */
} Colour;

/* Okabe & Ito's palette, which stays distinct for the common colour vision
 * deficiencies; each group also has its own symbol, so colour is never
 * the only cue. */
static const Colour group_colours[N_GROUPS] = {
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
static const KindGroup kind_groups[] = {
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
#define N_KINDS G_N_ELEMENTS (kind_groups)
#define KIND_OTHER (N_KINDS - 1)

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
  char *id;
  guint order;      /* position in the collection: later is on top */
  gboolean placed;
  double x, y, r;   /* where it is drawn: the map's position or the arrangement's */
  gboolean map_placed;
  double map_x, map_y;
  SmSide side;
  guint kind;
  gboolean unknown_influence;
  guint lived;      /* 0: none, 1: relevant, 2: relevant and in role */
  gboolean label_valid;
  double label_dx, label_w, label_h; /* logical extents of the name */
} Node;

typedef struct
{
  SmRecord *record; /* borrowed */
  guint order;
  char *source;
  char *target;
  char *pair;       /* both ids in a fixed order: parallel lines share it */
  gboolean placed;
  Direction direction;
  Form form;
  gboolean conflict;
  Holder holder;
  guint magnitude;
} Edge;

/* A space's card in the Power Cube, or a decision's line in a card or in
 * the strip of decisions placed in no space. The words are copied, so a
 * record removed since the layout leaves nothing dangling. */
typedef struct
{
  char *id;
  char *text;       /* the space's name, the decision's title */
  char *detail;     /* a space's decision rights, a decision's status: in words */
  char *members;    /* "2 of 7 members with lived experience" */
  char *votes;      /* "1 of 3 votes with lived experience" (SP-03), or NULL */
  double x, y, width, height;
  double name_height;
  guint column, row;
  GPtrArray *nodes;     /* Node: the people with most say here (layout only) */
  GPtrArray *decisions; /* CubeItem, borrowed from Cube.decisions */
} CubeItem;

/* Where arrange_power_cube() put things, for drawing, hit regions and
 * tests. Columns and rows are those drawn, left to right and top down. */
typedef struct
{
  GPtrArray *cards;         /* CubeItem, one per space, in file order */
  GPtrArray *decisions;     /* CubeItem, one per decision, in file order */
  GPtrArray *unplaced;      /* CubeItem, borrowed: decisions in no space */
  guint n_columns;
  guint column_type[4];     /* index into cube_types; 3: not recorded */
  double column_x[5];
  guint n_rows;
  guint row_level[6];       /* index into cube_levels; 5: not recorded */
  double row_y[7];
  double width, height;     /* the cells and their headings */
  double line_height;       /* a line of a card's small text */
  double strip_x, strip_y, strip_width, strip_height;             /* no space */
  double strip_header;
  guint n_nowhere;
  double unplaced_x, unplaced_y, unplaced_width, unplaced_height; /* 0 wide: none */
  double unplaced_header;
  gboolean no_spaces;
} Cube;

/* What the map holds that the legend explains. */
typedef struct
{
  guint kinds;      /* bit per kind */
  guint sides;      /* bit per SmSide */
  gboolean unknown_influence;
  gboolean lived[3];
  gboolean direction[3];
  gboolean form[3];
  gboolean conflict;
  gboolean power;
  gboolean power_unknown;
} Legend;

struct _SmRenderer
{
  GObject parent_instance;

  SmMap *map;
  GHashTable *nodes;     /* SmRecord → Node */
  GHashTable *node_ids;  /* id → Node */
  GHashTable *edges;     /* SmRecord → Edge */
  GHashTable *adjacent;  /* stakeholder id → GPtrArray of Edge (even before the stakeholder exists) */
  GHashTable *pairs;     /* Edge.pair → GPtrArray of Edge */
  SmIndex *node_index;
  SmIndex *edge_index;
  gboolean order_dirty;
  gboolean legend_dirty;
  Legend legend;

  PangoContext *pango;
  PangoLayout *layout;
  PangoFontDescription *label_font;
  PangoFontDescription *legend_font;
  double label_max_height;

  SmArrangement arrangement;
  gboolean layout_dirty;
  double bg_x, bg_y, bg_width, bg_height; /* the arrangement's background */
  double high_cutoff;  /* "high" on the power–interest grid */
  guint ladder_columns;
  double ladder_y[LADDER_ROWS + 1]; /* where each row starts, and the last ends */
  Cube cube;

  GPtrArray *scratch;
  guint drawn;
  guint visited;
};

G_DEFINE_FINAL_TYPE (SmRenderer, sm_renderer, G_TYPE_OBJECT)

static void
cube_item_free (gpointer data)
{
  CubeItem *item = data;

  g_free (item->id);
  g_free (item->text);
  g_free (item->detail);
  g_free (item->members);
  g_free (item->votes);
  g_clear_pointer (&item->nodes, g_ptr_array_unref);
  g_clear_pointer (&item->decisions, g_ptr_array_unref);
  g_free (item);
}

static void
cube_clear (Cube *cube)
{
  g_clear_pointer (&cube->unplaced, g_ptr_array_unref);
  g_clear_pointer (&cube->cards, g_ptr_array_unref);
  g_clear_pointer (&cube->decisions, g_ptr_array_unref);
  memset (cube, 0, sizeof *cube);
}

/* Geometry */

static double
radius_for_influence (double influence)
{
  influence = CLAMP (influence, 0.0, 10.0);
  return sqrt (RADIUS_MIN * RADIUS_MIN +
               (RADIUS_MAX * RADIUS_MAX - RADIUS_MIN * RADIUS_MIN) * influence / 10.0);
}

/* How far the shape reaches from its centre along the axes. */
static double
shape_extent (SmSide side,
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
static double
shape_border (SmSide side,
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

static gboolean
shape_contains (SmSide side,
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

static void
shape_path (cairo_t *cr,
            SmSide   side,
            double   x,
            double   y,
            double   r)
{
  switch (side)
    {
    case SM_SIDE_INSTITUTIONAL:
      {
        double a = r * SQUARE_FACTOR;
        double c = a * 0.28;

        cairo_new_sub_path (cr);
        cairo_arc (cr, x + a - c, y - a + c, c, -G_PI / 2, 0);
        cairo_arc (cr, x + a - c, y + a - c, c, 0, G_PI / 2);
        cairo_arc (cr, x - a + c, y + a - c, c, G_PI / 2, G_PI);
        cairo_arc (cr, x - a + c, y - a + c, c, G_PI, 3 * G_PI / 2);
        cairo_close_path (cr);
      }
      break;
    case SM_SIDE_OTHER:
      {
        double d = r * DIAMOND_FACTOR;

        cairo_move_to (cr, x, y - d);
        cairo_line_to (cr, x + d, y);
        cairo_line_to (cr, x, y + d);
        cairo_line_to (cr, x - d, y);
        cairo_close_path (cr);
      }
      break;
    case SM_SIDE_COMMUNITY:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* Segment–rectangle test (Liang–Barsky clipping). */
static gboolean
segment_meets_rect (double x0,
                    double y0,
                    double x1,
                    double y1,
                    double rx0,
                    double ry0,
                    double rx1,
                    double ry1)
{
  double t0 = 0, t1 = 1;
  double dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - rx0, rx1 - x0, y0 - ry0, ry1 - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
        }
      else
        {
          double t = q[i] / p[i];

          if (p[i] < 0)
            t0 = MAX (t0, t);
          else
            t1 = MIN (t1, t);
          if (t0 > t1)
            return FALSE;
        }
    }
  return TRUE;
}

static double
point_segment_distance (double px,
                        double py,
                        double x0,
                        double y0,
                        double x1,
                        double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/* Nodes */

static guint
kind_index (const char *kind)
{
  for (guint i = 0; i < N_KINDS && sm_stakeholder_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, sm_stakeholder_kinds[i]) == 0)
      return i;
  return KIND_OTHER;
}

static double
node_extent (const Node *node)
{
  double e = shape_extent (node->side, node->r);

  /* The lived-experience mark sits on the top-right corner. */
  if (node->lived > 0)
    e = MAX (e, node->r * 0.72 + MARKER_RADIUS + 1);
  return e;
}

static double
node_bottom (const Node *node)
{
  return node->y + shape_extent (node->side, node->r);
}

static void
node_read (Node *node)
{
  SmRecord *record = node->record;
  double influence = sm_record_get_score (record, "influence");

  node->map_placed = sm_stakeholder_get_position (record, &node->map_x, &node->map_y) &&
                     isfinite (node->map_x) && isfinite (node->map_y);
  /* An arrangement other than the map puts it back in ensure_layout(). */
  node->placed = node->map_placed;
  node->x = node->map_x;
  node->y = node->map_y;
  node->unknown_influence = !SM_IS_KNOWN (influence);
  node->r = radius_for_influence (node->unknown_influence ? UNKNOWN_INFLUENCE : influence);
  node->side = sm_stakeholder_get_side (record);
  node->kind = kind_index (sm_record_get_enum (record, "kind"));
  if (sm_record_get_boolean (record, "lived_experience.relevant") == SM_TRISTATE_TRUE)
    node->lived = sm_record_get_boolean (record, "lived_experience.in_role") == SM_TRISTATE_TRUE ? 2 : 1;
  else
    node->lived = 0;
}

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->id);
  g_free (node);
}

static void
edge_free (gpointer data)
{
  Edge *edge = data;

  g_free (edge->source);
  g_free (edge->target);
  g_free (edge->pair);
  g_free (edge);
}

static void
layout_set_label (SmRenderer *self,
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

static void
layout_set_legend (SmRenderer *self,
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
  layout_set_label (self, sm_stakeholder_get_name (node->record));
  pango_layout_get_extents (self->layout, NULL, &logical);
  node->label_dx = (double) logical.x / PANGO_SCALE;
  node->label_w = (double) logical.width / PANGO_SCALE;
  node->label_h = (double) logical.height / PANGO_SCALE;
  node->label_valid = TRUE;
}

static void
node_label_rect (SmRenderer *self,
                 Node       *node,
                 double     *x,
                 double     *y,
                 double     *width,
                 double     *height)
{
  node_measure_label (self, node);
  *y = node_bottom (node) + LABEL_GAP;
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

/* The box a node and its longest possible name occupy, for the index. */
static void
node_place (SmRenderer *self,
            Node       *node)
{
  double e, half;

  if (!node->placed)
    {
      sm_index_remove (self->node_index, node);
      return;
    }
  e = node_extent (node);
  half = MAX (e, LABEL_MAX_WIDTH / 2);
  sm_index_set_box (self->node_index, node,
                    node->x - half, node->y - e,
                    node->x + half, node_bottom (node) + LABEL_GAP + self->label_max_height);
}

/* Edges */

static Node *
lookup_node (SmRenderer *self,
             const char *id)
{
  return id != NULL ? g_hash_table_lookup (self->node_ids, id) : NULL;
}

static void
edge_read_style (Edge *edge)
{
  SmRecord *record = edge->record;
  const char *direction = sm_record_get_enum (record, "direction");
  const char *form = sm_record_get_enum (record, "power_form");

  if (g_strcmp0 (direction, "one_way") == 0)
    edge->direction = DIRECTION_ONE_WAY;
  else if (g_strcmp0 (direction, "two_way") == 0)
    edge->direction = DIRECTION_TWO_WAY;
  else
    edge->direction = DIRECTION_UNKNOWN;

  if (g_strcmp0 (form, "hidden") == 0)
    edge->form = FORM_HIDDEN;
  else if (g_strcmp0 (form, "invisible") == 0)
    edge->form = FORM_INVISIBLE;
  else
    edge->form = FORM_PLAIN;

  edge->conflict = g_strcmp0 (sm_record_get_enum (record, "category"), "conflict_tension") == 0 ||
                   g_strcmp0 (sm_record_get_string (record, "valence"), "tension") == 0;

  edge->holder = HOLDER_NONE;
  edge->magnitude = 0;
  if (sm_record_has_value (record, "power_difference"))
    {
      const char *holder = sm_record_get_enum (record, "power_difference.holder");
      /* A difference recorded without a size still is one. */
      double magnitude = sm_record_get_number (record, "power_difference.magnitude", 1);

      edge->magnitude = (guint) CLAMP (magnitude, 0, 3);
      if (edge->magnitude > 0)
        {
          if (g_strcmp0 (holder, "source") == 0)
            edge->holder = HOLDER_SOURCE;
          else if (g_strcmp0 (holder, "target") == 0)
            edge->holder = HOLDER_TARGET;
          else if (g_strcmp0 (holder, "equal") != 0)
            edge->holder = HOLDER_UNKNOWN;
        }
    }
}

static void
list_add (GHashTable *table,
          const char *key,
          Edge       *edge)
{
  GPtrArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (table, g_strdup (key), list);
    }
  g_ptr_array_add (list, edge);
}

static void
list_remove (GHashTable *table,
             const char *key,
             Edge       *edge)
{
  GPtrArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    return;
  g_ptr_array_remove (list, edge);
  if (list->len == 0)
    g_hash_table_remove (table, key);
}

static void
edge_place (SmRenderer *self,
            Edge       *edge)
{
  Node *s = lookup_node (self, edge->source);
  Node *t = lookup_node (self, edge->target);

  edge->placed = s != NULL && t != NULL && s->placed && t->placed && s != t;
  if (edge->placed)
    sm_index_set_segment (self->edge_index, edge, s->x, s->y, t->x, t->y);
  else
    sm_index_remove (self->edge_index, edge);
}

static void
edge_unlink (SmRenderer *self,
             Edge       *edge)
{
  if (edge->source != NULL)
    list_remove (self->adjacent, edge->source, edge);
  if (edge->target != NULL && g_strcmp0 (edge->target, edge->source) != 0)
    list_remove (self->adjacent, edge->target, edge);
  if (edge->pair != NULL)
    list_remove (self->pairs, edge->pair, edge);
  g_clear_pointer (&edge->source, g_free);
  g_clear_pointer (&edge->target, g_free);
  g_clear_pointer (&edge->pair, g_free);
}

static void
edge_link (SmRenderer *self,
           Edge       *edge)
{
  const char *source = sm_relationship_get_source (edge->record);
  const char *target = sm_relationship_get_target (edge->record);

  edge->source = g_strdup (source);
  edge->target = g_strdup (target);
  if (source == NULL || target == NULL)
    return;
  list_add (self->adjacent, source, edge);
  if (strcmp (source, target) != 0)
    list_add (self->adjacent, target, edge);
  if (strcmp (source, target) < 0)
    edge->pair = g_strconcat (source, "\x1f", target, NULL);
  else
    edge->pair = g_strconcat (target, "\x1f", source, NULL);
  list_add (self->pairs, edge->pair, edge);
}

static void
replace_adjacent (SmRenderer *self,
                  const char *id)
{
  GPtrArray *list = g_hash_table_lookup (self->adjacent, id);

  for (guint i = 0; list != NULL && i < list->len; i++)
    edge_place (self, g_ptr_array_index (list, i));
}

/* Where the line of a relationship is drawn: border to border, moved
 * sideways when several relationships join the same two stakeholders so
 * that each stays visible. */
static gboolean
edge_geometry (SmRenderer *self,
               Edge       *edge,
               double     *x0,
               double     *y0,
               double     *x1,
               double     *y1)
{
  Node *s = lookup_node (self, edge->source);
  Node *t = lookup_node (self, edge->target);
  double dx, dy, d, ux, uy, bs, bt, offset = 0;
  GPtrArray *pair;

  if (!edge->placed || s == NULL || t == NULL)
    return FALSE;
  dx = t->x - s->x;
  dy = t->y - s->y;
  d = hypot (dx, dy);
  if (d < 1e-6)
    return FALSE;
  ux = dx / d;
  uy = dy / d;
  bs = shape_border (s->side, s->r, ux, uy);
  bt = shape_border (t->side, t->r, ux, uy);
  if (d <= bs + bt + 2)
    return FALSE;

  pair = g_hash_table_lookup (self->pairs, edge->pair);
  if (pair != NULL && pair->len > 1)
    {
      guint i;

      g_ptr_array_find (pair, edge, &i);
      offset = (i - (pair->len - 1) / 2.0) * PARALLEL_SPACING;
      /* Offsets are measured against the pair's own order, so two lines
       * in opposite directions do not land on each other. */
      if (strcmp (edge->source, edge->target) > 0)
        offset = -offset;
    }

  *x0 = s->x + ux * bs - uy * offset;
  *y0 = s->y + uy * bs + ux * offset;
  *x1 = t->x - ux * bt - uy * offset;
  *y1 = t->y - uy * bt + ux * offset;
  return TRUE;
}

/* Keeping the index and caches in step with the map */

static void
add_node (SmRenderer *self,
          SmRecord   *record)
{
  Node *node = g_new0 (Node, 1);

  node->record = record;
  node->id = g_strdup (sm_record_get_id (record));
  node_read (node);
  self->layout_dirty |= self->arrangement != SM_ARRANGEMENT_MAP;
  g_hash_table_insert (self->nodes, record, node);
  if (node->id != NULL)
    g_hash_table_insert (self->node_ids, node->id, node);
  node_place (self, node);
  if (node->id != NULL)
    replace_adjacent (self, node->id);
}

static void
add_edge (SmRenderer *self,
          SmRecord   *record)
{
  Edge *edge = g_new0 (Edge, 1);

  edge->record = record;
  edge_read_style (edge);
  g_hash_table_insert (self->edges, record, edge);
  edge_link (self, edge);
  edge_place (self, edge);
}

static void
record_added_cb (SmMap      *map,
                 SmRecord   *record,
                 SmRenderer *self)
{
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      add_node (self, record);
      break;
    case SM_RECORD_RELATIONSHIP:
      add_edge (self, record);
      break;
    case SM_RECORD_SPACE:
    case SM_RECORD_DECISION:
      self->layout_dirty |= self->arrangement == SM_ARRANGEMENT_POWER_CUBE;
      return;
    default:
      return;
    }
  self->order_dirty = TRUE;
  self->legend_dirty = TRUE;
}

static void
record_removed_cb (SmMap      *map,
                   SmRecord   *record,
                   SmRenderer *self)
{
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      {
        Node *node = g_hash_table_lookup (self->nodes, record);
        g_autofree char *id = NULL;

        if (node == NULL)
          return;
        id = g_strdup (node->id);
        sm_index_remove (self->node_index, node);
        if (node->id != NULL && g_hash_table_lookup (self->node_ids, node->id) == node)
          g_hash_table_remove (self->node_ids, node->id);
        g_hash_table_remove (self->nodes, record);
        self->layout_dirty |= self->arrangement != SM_ARRANGEMENT_MAP;
        if (id != NULL)
          replace_adjacent (self, id);
      }
      break;
    case SM_RECORD_RELATIONSHIP:
      {
        Edge *edge = g_hash_table_lookup (self->edges, record);

        if (edge == NULL)
          return;
        sm_index_remove (self->edge_index, edge);
        edge_unlink (self, edge);
        g_hash_table_remove (self->edges, record);
      }
      break;
    case SM_RECORD_SPACE:
    case SM_RECORD_DECISION:
      self->layout_dirty |= self->arrangement == SM_ARRANGEMENT_POWER_CUBE;
      return;
    default:
      return;
    }
  self->order_dirty = TRUE;
  self->legend_dirty = TRUE;
}

static gboolean
path_is (const char *path,
         const char *member)
{
  gsize n = strlen (member);

  return *path == '\0' ||
         (strncmp (path, member, n) == 0 && (path[n] == '\0' || path[n] == '.'));
}

static void
record_changed_cb (SmMap      *map,
                   SmRecord   *record,
                   const char *path,
                   SmRenderer *self)
{
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      {
        Node *node = g_hash_table_lookup (self->nodes, record);
        gboolean was_placed;
        double x, y, r;
        SmSide side;

        if (node == NULL)
          return;
        was_placed = node->placed;
        x = node->x, y = node->y, r = node->r, side = node->side;
        node_read (node);
        self->layout_dirty |= self->arrangement != SM_ARRANGEMENT_MAP;
        if (path_is (path, "name"))
          node->label_valid = FALSE;
        if (was_placed != node->placed || x != node->x || y != node->y ||
            r != node->r || side != node->side)
          node_place (self, node);
        if (node->id != NULL && (was_placed != node->placed || x != node->x || y != node->y))
          replace_adjacent (self, node->id);
        /* A move changes nothing the legend explains. */
        if (!(strcmp (path, "x") == 0 || strcmp (path, "y") == 0))
          self->legend_dirty = TRUE;
      }
      break;
    case SM_RECORD_RELATIONSHIP:
      {
        Edge *edge = g_hash_table_lookup (self->edges, record);

        if (edge == NULL)
          return;
        edge_read_style (edge);
        if (path_is (path, "source") || path_is (path, "target"))
          {
            edge_unlink (self, edge);
            edge_link (self, edge);
            edge_place (self, edge);
          }
        self->legend_dirty = TRUE;
      }
      break;
    case SM_RECORD_SPACE:
    case SM_RECORD_DECISION:
      /* Cards, their words and who sits in them. */
      self->layout_dirty |= self->arrangement == SM_ARRANGEMENT_POWER_CUBE;
      break;
    default:
      break;
    }
}

/* The group changed a threshold: the grid's cut may have moved. */
static void
evaluation_changed_cb (SmRenderer *self)
{
  self->layout_dirty |= self->arrangement == SM_ARRANGEMENT_POWER_INTEREST;
}

static void
ensure_order (SmRenderer *self)
{
  SmCollection *people, *ties;

  if (!self->order_dirty)
    return;
  people = sm_map_get_stakeholders (self->map);
  ties = sm_map_get_relationships (self->map);
  for (guint i = 0, n = sm_collection_get_size (people); i < n; i++)
    {
      Node *node = g_hash_table_lookup (self->nodes, sm_collection_get (people, i));

      if (node != NULL)
        node->order = i;
    }
  for (guint i = 0, n = sm_collection_get_size (ties); i < n; i++)
    {
      Edge *edge = g_hash_table_lookup (self->edges, sm_collection_get (ties, i));

      if (edge != NULL)
        edge->order = i;
    }
  self->order_dirty = FALSE;
}

static void
ensure_legend (SmRenderer *self)
{
  GHashTableIter iter;
  gpointer value;
  Legend *l = &self->legend;

  if (!self->legend_dirty)
    return;
  memset (l, 0, sizeof *l);
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node *node = value;

      if (!node->placed)
        continue;
      l->kinds |= 1u << node->kind;
      l->sides |= 1u << node->side;
      l->unknown_influence |= node->unknown_influence;
      l->lived[node->lived] = TRUE;
    }
  g_hash_table_iter_init (&iter, self->edges);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Edge *edge = value;

      if (!edge->placed)
        continue;
      l->direction[edge->direction] = TRUE;
      l->form[edge->form] = TRUE;
      l->conflict |= edge->conflict;
      l->power |= edge->holder == HOLDER_SOURCE || edge->holder == HOLDER_TARGET;
      l->power_unknown |= edge->holder == HOLDER_UNKNOWN;
    }
  self->legend_dirty = FALSE;
}

/* GObject */

static void
sm_renderer_dispose (GObject *object)
{
  SmRenderer *self = SM_RENDERER (object);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->node_index, sm_index_free);
  g_clear_pointer (&self->edge_index, sm_index_free);
  g_clear_pointer (&self->pairs, g_hash_table_unref);
  g_clear_pointer (&self->adjacent, g_hash_table_unref);
  g_clear_pointer (&self->node_ids, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->edges, g_hash_table_unref);
  g_clear_object (&self->layout);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->label_font, pango_font_description_free);
  g_clear_pointer (&self->legend_font, pango_font_description_free);
  g_clear_pointer (&self->scratch, g_ptr_array_unref);
  cube_clear (&self->cube);

  G_OBJECT_CLASS (sm_renderer_parent_class)->dispose (object);
}

static void
sm_renderer_class_init (SmRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_renderer_dispose;
}

static void
sm_renderer_init (SmRenderer *self)
{
  cairo_font_options_t *options;
  PangoRectangle logical;

  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_free);
  self->node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->edges = g_hash_table_new_full (NULL, NULL, NULL, edge_free);
  self->adjacent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->node_index = sm_index_new (CELL_SIZE);
  self->edge_index = sm_index_new (CELL_SIZE);
  self->scratch = g_ptr_array_new ();
  self->legend_dirty = TRUE;
  self->high_cutoff = sm_eval_config_get_default ("high_cutoff");

  /* Text is laid out once in map units, whatever the zoom: unhinted
   * metrics keep a name the same width at every scale and in every export,
   * so what fits on screen fits on paper. */
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  self->layout = pango_layout_new (self->pango);

  self->label_font = pango_font_description_from_string ("Cantarell, DejaVu Sans, Sans");
  pango_font_description_set_absolute_size (self->label_font, LABEL_FONT_SIZE * PANGO_SCALE);
  self->legend_font = pango_font_description_copy (self->label_font);
  pango_font_description_set_absolute_size (self->legend_font, LEGEND_FONT_SIZE * PANGO_SCALE);

  layout_set_label (self, "Ag\nAg");
  pango_layout_get_extents (self->layout, NULL, &logical);
  self->label_max_height = (double) logical.height / PANGO_SCALE;
}

SmRenderer *
sm_renderer_new (SmMap *map)
{
  SmRenderer *self;
  SmCollection *people, *ties;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  self = g_object_new (SM_TYPE_RENDERER, NULL);
  self->map = g_object_ref (map);

  people = sm_map_get_stakeholders (map);
  for (guint i = 0, n = sm_collection_get_size (people); i < n; i++)
    add_node (self, sm_collection_get (people, i));
  ties = sm_map_get_relationships (map);
  for (guint i = 0, n = sm_collection_get_size (ties); i < n; i++)
    add_edge (self, sm_collection_get (ties, i));
  self->order_dirty = TRUE;

  g_signal_connect (map, "record-added", G_CALLBACK (record_added_cb), self);
  g_signal_connect (map, "record-removed", G_CALLBACK (record_removed_cb), self);
  g_signal_connect (map, "record-changed", G_CALLBACK (record_changed_cb), self);
  g_signal_connect_swapped (map, "evaluation-changed", G_CALLBACK (evaluation_changed_cb), self);
  return self;
}

SmMap *
sm_renderer_get_map (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);
  return self->map;
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
  return radius_for_influence (SM_IS_KNOWN (influence) ? influence : UNKNOWN_INFLUENCE);
}

/* Colours */

typedef struct
{
  double background[3];
  double text[3];
  double line[3];
  double strong[3];   /* power marks, lived-experience marks */
  double accent[3];   /* selection, focus, rubber band */
  double highlight[3];
  double conflict[3];
  double legend_bg[4];
  double legend_border[4];
} Palette;

static const Palette light_palette = {
  { 1.0, 1.0, 1.0 },
  { 0.12, 0.12, 0.14 },
  { 0.40, 0.40, 0.43 },
  { 0.10, 0.10, 0.12 },
  { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
  { 0xe5 / 255., 0xa5 / 255., 0x0a / 255. },
  { 0xD5 / 255., 0x5E / 255., 0x00 / 255. },
  { 1.0, 1.0, 1.0, 0.94 },
  { 0.0, 0.0, 0.0, 0.15 },
};

static const Palette dark_palette = {
  { 0x1e / 255., 0x1e / 255., 0x1e / 255. },
  { 0.95, 0.95, 0.95 },
  { 0.68, 0.68, 0.70 },
  { 0.98, 0.98, 0.98 },
  { 0x78 / 255., 0xae / 255., 0xed / 255. },
  { 0xf8 / 255., 0xe4 / 255., 0x5c / 255. },
  { 0xFF / 255., 0x7F / 255., 0x2A / 255. },
  { 0x30 / 255., 0x30 / 255., 0x30 / 255., 0.95 },
  { 1.0, 1.0, 1.0, 0.15 },
};

static void
set_rgb (cairo_t      *cr,
         const double *c)
{
  cairo_set_source_rgb (cr, c[0], c[1], c[2]);
}

static void
set_rgba (cairo_t      *cr,
          const double *c,
          double        alpha)
{
  cairo_set_source_rgba (cr, c[0], c[1], c[2], alpha);
}

/* The outline of a node: its colour darkened on light backgrounds and
 * lightened on dark ones, so the edge of the shape always shows. */
static void
set_outline (cairo_t      *cr,
             const Colour *c,
             gboolean      dark)
{
  if (dark)
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
symbol_path (cairo_t   *cr,
             KindGroup  group,
             double     x,
             double     y,
             double     s)
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

static void
draw_symbol (cairo_t   *cr,
             KindGroup  group,
             double     x,
             double     y,
             double     s)
{
  const Colour *c = &group_colours[group];

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
static void
draw_lived_mark (cairo_t       *cr,
                 const Palette *p,
                 guint          lived,
                 double         x,
                 double         y)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
  set_rgb (cr, lived == 2 ? p->strong : p->background);
  cairo_fill_preserve (cr);
  set_rgb (cr, p->strong);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  star_path (cr, x, y + 0.3, MARKER_RADIUS * 0.72);
  set_rgb (cr, lived == 2 ? p->background : p->strong);
  if (lived == 2)
    cairo_fill (cr);
  else
    {
      cairo_set_line_width (cr, 1.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
}

/* One stakeholder in full. */
static void
draw_node_shape (cairo_t       *cr,
                 const Palette *p,
                 gboolean       dark,
                 const Node    *node,
                 double         scale)
{
  KindGroup group = kind_groups[node->kind];
  const Colour *c = &group_colours[group];

  shape_path (cr, node->side, node->x, node->y, node->r);
  /* Unknown influence: a paler fill and a dashed outline, so a guess at
   * the middle size cannot pass for a rating. */
  cairo_set_source_rgba (cr, c->r, c->g, c->b, node->unknown_influence ? 0.45 : 1.0);
  cairo_fill_preserve (cr);
  set_outline (cr, c, dark);
  cairo_set_line_width (cr, MAX (1.6, 1.0 / scale));
  if (node->unknown_influence)
    {
      static const double dashes[] = { 5.0, 3.5 };

      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, MAX (2.0, 1.0 / scale));
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (scale >= LOD_MARKS && node->r * scale >= 8)
    draw_symbol (cr, group, node->x, node->y, node->r * (node->side == SM_SIDE_OTHER ? 0.5 : 0.56));
  if (node->lived > 0 && scale >= LOD_MARKS)
    draw_lived_mark (cr, p, node->lived, node->x + node->r * 0.72, node->y - node->r * 0.72);
}

static gboolean
state_has (GHashTable *set,
           const char *id)
{
  return set != NULL && id != NULL && g_hash_table_contains (set, id);
}

static gboolean
is_selected (const SmRenderState *state,
             const char          *id)
{
  return state->selection != NULL && id != NULL && sm_selection_contains (state->selection, id);
}

/* Findings on the map (§8.3): Okabe–Ito reddish purple, each kind with its
 * own line and its words above the node, so colour is never the only cue. */
static const double mark_colour[3] = { 0xCC / 255., 0x79 / 255., 0xA7 / 255. };

static SmMarks
node_marks (const SmRenderState *state,
            const Node          *node)
{
  return state->marks != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (state->marks, node->id)) : 0;
}

/* A ring for each mark: dotted for few ties, solid for a gatekeeper,
 * dashed for someone who relies on others. */
static void
draw_mark_rings (cairo_t    *cr,
                 const Node *node,
                 SmMarks     marks,
                 double      scale)
{
  static const double dotted[] = { 1.5, 3.0 };
  static const double dashed[] = { 6.0, 3.0 };
  double radius = node->r + MAX (5.0, 3.0 / scale);

  cairo_save (cr);
  set_rgb (cr, mark_colour);
  cairo_set_line_width (cr, MAX (2.0, 1.5 / scale));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 0; k < 3; k++)
    {
      SmMarks mark = 1 << k;

      if (!(marks & mark))
        continue;
      if (mark == SM_MARK_FEW_TIES)
        cairo_set_dash (cr, dotted, 2, 0);
      else if (mark == SM_MARK_DEPENDENT)
        cairo_set_dash (cr, dashed, 2, 0);
      else
        cairo_set_dash (cr, NULL, 0, 0);
      shape_path (cr, node->side, node->x, node->y, radius);
      cairo_stroke (cr);
      radius += MAX (4.0, 3.0 / scale);
    }
  cairo_restore (cr);
}

/* Rings around a node: findings, highlight (evidence), hover, selection,
 * focus. */
static void
draw_node_under (cairo_t             *cr,
                 const Palette       *p,
                 const Node          *node,
                 const SmRenderState *state,
                 double               scale)
{
  SmMarks marks = node_marks (state, node);

  if (marks != 0)
    draw_mark_rings (cr, node, marks, scale);
  if (state_has (state->highlight, node->id))
    {
      shape_path (cr, node->side, node->x, node->y, node->r + MAX (7, 4 / scale));
      set_rgba (cr, p->highlight, 0.35);
      cairo_fill_preserve (cr);
      set_rgb (cr, p->highlight);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
      cairo_stroke (cr);
    }
}

static void
draw_node_over (cairo_t             *cr,
                const Palette       *p,
                const Node          *node,
                const SmRenderState *state,
                double               scale)
{
  if (g_strcmp0 (state->hover_id, node->id) == 0 && !is_selected (state, node->id))
    {
      shape_path (cr, node->side, node->x, node->y, node->r + MAX (3.5, 2.5 / scale));
      set_rgba (cr, p->accent, 0.45);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
      cairo_stroke (cr);
    }
  if (is_selected (state, node->id))
    {
      shape_path (cr, node->side, node->x, node->y, node->r + MAX (4.5, 3.0 / scale));
      set_rgb (cr, p->accent);
      cairo_set_line_width (cr, MAX (3.0, 2.5 / scale));
      cairo_stroke (cr);
    }
  if (g_strcmp0 (state->focus_id, node->id) == 0)
    {
      double dashes[] = { MAX (4.0, 3.0 / scale), MAX (3.0, 2.0 / scale) };

      shape_path (cr, node->side, node->x, node->y, node->r + MAX (9.0, 6.5 / scale));
      set_rgb (cr, p->accent);
      cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_label (SmRenderer    *self,
            cairo_t       *cr,
            const Palette *p,
            Node          *node)
{
  const char *name = sm_stakeholder_get_name (node->record);

  if (*name == '\0')
    return;
  layout_set_label (self, name);
  cairo_move_to (cr, node->x - LABEL_MAX_WIDTH / 2, node_bottom (node) + LABEL_GAP);
  /* A halo in the background colour keeps names readable over lines. */
  pango_cairo_layout_path (cr, self->layout);
  set_rgba (cr, p->background, 0.85);
  cairo_set_line_width (cr, 3.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, node->x - LABEL_MAX_WIDTH / 2, node_bottom (node) + LABEL_GAP);
  set_rgb (cr, p->text);
  pango_cairo_show_layout (cr, self->layout);
}

/* Relationships */

static void
arrowhead_path (cairo_t *cr,
                double   tx,
                double   ty,
                double   ux,
                double   uy)
{
  double bx = tx - ux * ARROW_LENGTH, by = ty - uy * ARROW_LENGTH;

  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH);
  cairo_line_to (cr, bx + ux * 2.5, by + uy * 2.5);
  cairo_line_to (cr, bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH);
  cairo_close_path (cr);
}

/* Conflict is a zigzag, which shows without colour and survives dashes. */
static void
zigzag_path (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1)
{
  double dx = x1 - x0, dy = y1 - y0, len = hypot (dx, dy);
  double ux = dx / len, uy = dy / len;
  double lead = MIN (6.0, len / 4);
  int n = MAX (2, (int) ((len - 2 * lead) / 5.0));
  double step = (len - 2 * lead) / n;

  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0 + ux * lead, y0 + uy * lead);
  for (int i = 1; i < n; i++)
    {
      double along = lead + i * step;
      double side = (i % 2 == 0 ? -3.5 : 3.5);

      cairo_line_to (cr, x0 + ux * along - uy * side, y0 + uy * along + ux * side);
    }
  cairo_line_to (cr, x1 - ux * lead, y1 - uy * lead);
  cairo_line_to (cr, x1, y1);
}

static void
set_form_dash (cairo_t *cr,
               Form     form,
               double   scale)
{
  /* Zoomed out, the pattern grows so that a dash stays a few pixels long:
   * dashes finer than a pixel read as a plain line anyway, and a long
   * line of them costs cairo thousands of pieces to stroke. */
  double f = MAX (1.0, 0.6 / scale);
  const double hidden[] = { 8.0 * f, 4.5 * f };
  const double invisible[] = { 0.1, 4.0 * f };

  switch (form)
    {
    case FORM_HIDDEN:
      cairo_set_dash (cr, hidden, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case FORM_INVISIBLE:
      /* dots: round caps on near-empty dashes */
      cairo_set_dash (cr, invisible, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;
    case FORM_PLAIN:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

/* Chevrons pointing at who holds more power, one per step of magnitude. */
static void
draw_power_mark (cairo_t       *cr,
                 const Palette *p,
                 Holder         holder,
                 guint          magnitude,
                 double         mx,
                 double         my,
                 double         ux,
                 double         uy)
{
  if (holder == HOLDER_SOURCE)
    {
      ux = -ux;
      uy = -uy;
    }
  cairo_new_path (cr);
  if (holder == HOLDER_UNKNOWN)
    {
      /* a difference whose direction nobody could say: an open diamond */
      cairo_move_to (cr, mx - ux * 5, my - uy * 5);
      cairo_line_to (cr, mx - uy * 5, my + ux * 5);
      cairo_line_to (cr, mx + ux * 5, my + uy * 5);
      cairo_line_to (cr, mx + uy * 5, my - ux * 5);
      cairo_close_path (cr);
    }
  else
    for (guint i = 0; i < magnitude; i++)
      {
        double along = (i - (magnitude - 1) / 2.0) * 6.0 + 3;
        double cx = mx + ux * along, cy = my + uy * along;

        cairo_move_to (cr, cx - ux * 6 - uy * 4.5, cy - uy * 6 + ux * 4.5);
        cairo_line_to (cr, cx, cy);
        cairo_line_to (cr, cx - ux * 6 + uy * 4.5, cy - uy * 6 - ux * 4.5);
      }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  set_rgb (cr, p->background);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke_preserve (cr);
  if (holder == HOLDER_UNKNOWN)
    {
      set_rgb (cr, p->background);
      cairo_fill_preserve (cr);
    }
  set_rgb (cr, p->strong);
  cairo_set_line_width (cr, 2.2);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_edge (SmRenderer          *self,
           cairo_t             *cr,
           const Palette       *p,
           Edge                *edge,
           const SmRenderState *state,
           double               scale)
{
  const char *id = sm_record_get_id (edge->record);
  double x0, y0, x1, y1, ux, uy, len, sx0, sy0, sx1, sy1;
  gboolean marks = scale >= LOD_MARKS;
  gboolean head_end = marks && edge->direction != DIRECTION_UNKNOWN;
  gboolean head_start = marks && edge->direction == DIRECTION_TWO_WAY;
  const double *colour = edge->conflict ? p->conflict : p->line;

  if (!edge_geometry (self, edge, &x0, &y0, &x1, &y1))
    return;
  len = hypot (x1 - x0, y1 - y0);
  if (len < 1e-6)
    return;
  ux = (x1 - x0) / len;
  uy = (y1 - y0) / len;

  if (state_has (state->highlight, id))
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      set_rgba (cr, p->highlight, 0.55);
      cairo_set_line_width (cr, MAX (10.0, 6.0 / scale));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
  if (is_selected (state, id) || g_strcmp0 (state->hover_id, id) == 0)
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      set_rgba (cr, p->accent, is_selected (state, id) ? 0.9 : 0.4);
      cairo_set_line_width (cr, MAX (6.0, 4.0 / scale));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }

  /* The line stops short of arrowheads so it does not blunt their tips. */
  sx0 = x0, sy0 = y0, sx1 = x1, sy1 = y1;
  if (head_end && len > 2 * ARROW_LENGTH)
    sx1 -= ux * (ARROW_LENGTH - 3), sy1 -= uy * (ARROW_LENGTH - 3);
  if (head_start && len > 2 * ARROW_LENGTH)
    sx0 += ux * (ARROW_LENGTH - 3), sy0 += uy * (ARROW_LENGTH - 3);

  if (edge->conflict && marks)
    zigzag_path (cr, sx0, sy0, sx1, sy1);
  else
    {
      cairo_move_to (cr, sx0, sy0);
      cairo_line_to (cr, sx1, sy1);
    }
  set_form_dash (cr, edge->form, scale);
  set_rgb (cr, colour);
  cairo_set_line_width (cr, MAX (EDGE_WIDTH, 0.8 / scale));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (head_end && len > 2 * ARROW_LENGTH)
    {
      arrowhead_path (cr, x1, y1, ux, uy);
      if (head_start)
        arrowhead_path (cr, x0, y0, -ux, -uy);
      cairo_fill (cr);
    }

  if (marks && edge->holder != HOLDER_NONE && len > 4 * ARROW_LENGTH)
    draw_power_mark (cr, p, edge->holder, edge->magnitude,
                     (x0 + x1) / 2, (y0 + y1) / 2, ux, uy);
}

/* Zoomed out, a line has no arrowheads or marks, only its colour and
 * dash. Each line is stroked on its own: cairo sweeps a path of many
 * crossing lines more slowly than the lines one by one. */
static void
draw_plain_edges (SmRenderer          *self,
                  cairo_t             *cr,
                  const Palette       *p,
                  GPtrArray           *edges,
                  const SmRenderState *state,
                  double               scale)
{
  cairo_set_line_width (cr, MAX (EDGE_WIDTH, 0.8 / scale));
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = g_ptr_array_index (edges, i);
      const char *id = sm_record_get_id (edge->record);
      double x0, y0, x1, y1;

      if (state_has (state->highlight, id) || is_selected (state, id) ||
          g_strcmp0 (state->hover_id, id) == 0)
        {
          draw_edge (self, cr, p, edge, state, scale);
          cairo_set_line_width (cr, MAX (EDGE_WIDTH, 0.8 / scale));
          continue;
        }
      if (!edge_geometry (self, edge, &x0, &y0, &x1, &y1))
        continue;
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      set_form_dash (cr, edge->form, scale);
      set_rgb (cr, edge->conflict ? p->conflict : p->line);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Drawing */

static int
compare_node_order (gconstpointer a,
                    gconstpointer b)
{
  const Node *na = *(const Node * const *) a;
  const Node *nb = *(const Node * const *) b;

  return (na->order > nb->order) - (na->order < nb->order);
}

static int
compare_edge_order (gconstpointer a,
                    gconstpointer b)
{
  const Edge *ea = *(const Edge * const *) a;
  const Edge *eb = *(const Edge * const *) b;

  return (ea->order > eb->order) - (ea->order < eb->order);
}

static gboolean
node_in_view (const Node *node,
              gboolean    labels,
              double      label_height,
              double      vx0,
              double      vy0,
              double      vx1,
              double      vy1)
{
  double e = node_extent (node);
  double half = labels ? MAX (e, LABEL_MAX_WIDTH / 2) : e;
  double bottom = labels ? node_bottom (node) + LABEL_GAP + label_height : node->y + e;

  return node->x + half >= vx0 && node->x - half <= vx1 &&
         bottom >= vy0 && node->y - e <= vy1;
}

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
  guint cols = (guint) ceil (sqrt (n));
  guint rows = (n + cols - 1) / cols;
  double step = MIN (SPREAD, room / cols);

  *dx = ((double) (k % cols) - (cols - 1) / 2.0) * step;
  *dy = ((double) (k / cols) - (rows - 1) / 2.0) * step;
}

static GPtrArray *
nodes_in_order (SmRenderer *self)
{
  GPtrArray *nodes = g_ptr_array_sized_new (g_hash_table_size (self->nodes));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (nodes, value);
  g_ptr_array_sort (nodes, compare_node_order);
  return nodes;
}

static void
arrange_power_interest (SmRenderer *self,
                        GPtrArray  *nodes)
{
  g_autoptr(GHashTable) totals = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (self->map);
  double cutoff = self->high_cutoff = sm_eval_config_get (config, "high_cutoff");
  guint unrated = 0;
  double strip_x = GRID_SIZE + STRIP_GAP;

  /* Two passes: how many share each place, then where each goes. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < nodes->len; i++)
      {
        Node *node = g_ptr_array_index (nodes, i);
        double influence = sm_record_get_score (node->record, "influence");
        double interest = sm_record_get_score (node->record, "interest");
        gpointer key;
        guint k, n;
        double dx, dy;

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

/* How far a stakeholder and the longest name it could have reach below
 * its centre. Names are not measured: laying out every name of a large
 * map would cost more than the arrangement. */
static double
node_below (SmRenderer *self,
            const Node *node)
{
  return shape_extent (node->side, node->r) + LABEL_GAP + self->label_max_height;
}

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
  guint counts[LADDER_ROWS] = { 0 };
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

      above[row] = MAX (above[row], node_extent (node));
      below[row] = MAX (below[row], node_below (self, node));
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

/* The Power Cube (S7): a column per type of space and a row per level. */
static const char *const cube_types[] = { "closed", "invited", "claimed" };
static const char *const cube_levels[] = { "global", "national", "regional", "local", "neighbourhood" };
#define CUBE_TYPE_UNKNOWN G_N_ELEMENTS (cube_types)
#define CUBE_LEVEL_UNKNOWN G_N_ELEMENTS (cube_levels)

static guint
enum_index (const char        *value,
            const char *const *values,
            guint              n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (value, values[i]) == 0)
      return i;
  return n;
}

/* How much say a space gives, from none to a veto. Rights not recorded
 * rank below any recorded: a known seat at a table is the surer place. */
static guint
rights_rank (const char *rights)
{
  static const char *const order[] = { "none", "advise", "recommend", "decide", "veto" };
  guint i = enum_index (rights, order, G_N_ELEMENTS (order));

  return i < G_N_ELEMENTS (order) ? i + 1 : 0;
}

/* A seat with a vote, as SP-03 counts them: chairs vote. */
static gboolean
role_votes (const char *role)
{
  return g_strcmp0 (role, "voting") == 0 || g_strcmp0 (role, "chair") == 0 ||
         g_strcmp0 (role, "co_chair") == 0;
}

/* Plain @text (never markup: names and titles are the user's own) in
 * @size map units, wrapped in @width and cut with an ellipsis after
 * @lines lines; a @width of 0 or less does not wrap. */
static void
layout_set_text (SmRenderer    *self,
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

static void
layout_get_size (SmRenderer *self,
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

static void
rounded_rectangle (cairo_t *cr,
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

/* The words for a node's marks, above it: "few ties · gatekeeper". */
static void
draw_mark_words (SmRenderer    *self,
                 cairo_t       *cr,
                 const Palette *p,
                 const Node    *node,
                 SmMarks        marks)
{
  g_autoptr(GString) words = g_string_new (NULL);
  double width, height, x, y, pad = 3;
  guint n = 0;

  if (marks & SM_MARK_FEW_TIES)
    g_string_append_printf (words, "%s%s", n++ > 0 ? " · " : "", _("few or no ties"));
  if (marks & SM_MARK_GATEKEEPER)
    g_string_append_printf (words, "%s%s", n++ > 0 ? " · " : "", _("a route to decision-makers"));
  if (marks & SM_MARK_DEPENDENT)
    g_string_append_printf (words, "%s%s", n++ > 0 ? " · " : "", _("relies on others’ power"));

  layout_set_text (self, words->str, 9.0, TRUE, 0, 1, PANGO_ALIGN_LEFT);
  layout_get_size (self, &width, &height);
  x = node->x - width / 2;
  /* Above the outermost ring, which has the node's shape: a diamond
   * reaches further up than a circle of the same radius. */
  y = node->y - MAX (node_extent (node), shape_extent (node->side, node->r + 5 + 4 * (n - 1))) - 3 - height -
      2 * pad;
  cairo_save (cr);
  rounded_rectangle (cr, x - pad, y, width + 2 * pad, height + 2 * pad, (height + 2 * pad) / 2);
  set_rgba (cr, p->background, 0.92);
  cairo_fill_preserve (cr);
  set_rgb (cr, mark_colour);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y + pad);
  set_rgb (cr, p->text);
  pango_cairo_show_layout (cr, self->layout);
  cairo_restore (cr);
}

/* "• Budget for 2027 — made" in @line's width, on up to two lines; a long
 * title loses its middle to an ellipsis, so that the status at the end
 * always shows. */
static void
layout_set_decision (SmRenderer *self,
                     CubeItem   *line)
{
  /* TRANSLATORS: a decision in the Power Cube: its title and its status, as in "• Budget for 2027 — made" */
  g_autofree char *text = g_strdup_printf (_("• %s — %s"), line->text, line->detail);

  layout_set_text (self, text, CARD_FONT_SIZE, FALSE, line->width, 2, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_MIDDLE);
}

static double
cube_measure_decision (SmRenderer *self,
                       CubeItem   *line,
                       double      width)
{
  line->width = width;
  layout_set_decision (self, line);
  layout_get_size (self, NULL, &line->height);
  return line->height;
}

/* How many stakeholders go on a line of a card: a little more than there
 * are lines, so that cards stay narrow enough for the cube to fit a
 * screen with names still drawn. */
static guint
cube_per_line (guint n)
{
  guint lines;

  if (n == 0)
    return 0;
  lines = MAX (1, (guint) round (sqrt (n / 1.5)));
  return (n + lines - 1) / lines;
}

/* Sets @nodes out in lines of @per_line slots, the block centred in
 * @width, from (x, y); each line is as tall as its tallest stakeholder and
 * name. Returns the height taken. */
static double
cube_place_nodes (SmRenderer *self,
                  GPtrArray  *nodes,
                  guint       per_line,
                  double      x,
                  double      y,
                  double      width)
{
  double left = x + (width - per_line * CUBE_SLOT) / 2;
  double top = y;

  for (guint start = 0; start < nodes->len; start += per_line)
    {
      guint end = MIN (start + per_line, nodes->len);
      double above = 0, below = 0;

      for (guint k = start; k < end; k++)
        {
          Node *node = g_ptr_array_index (nodes, k);

          above = MAX (above, node_extent (node));
          below = MAX (below, node_below (self, node));
        }
      for (guint k = start; k < end; k++)
        {
          Node *node = g_ptr_array_index (nodes, k);

          node->x = left + (k - start + 0.5) * CUBE_SLOT;
          node->y = top + above;
          node->placed = TRUE;
        }
      top += above + below + CUBE_LINE_GAP;
    }
  return nodes->len > 0 ? top - y - CUBE_LINE_GAP : 0;
}

static void
cube_shift_nodes (GPtrArray *nodes,
                  double     dx,
                  double     dy)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      node->x += dx;
      node->y += dy;
    }
}

static CubeItem *
cube_card_new (SmRenderer *self,
               SmRecord   *space)
{
  CubeItem *card = g_new0 (CubeItem, 1);
  const char *rights = sm_record_get_enum (space, "decision_rights");
  JsonNode *members = sm_record_get_value (space, "members");
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) voters = g_hash_table_new (NULL, NULL);
  guint lived = 0, votes = 0, lived_votes = 0;

  card->id = g_strdup (sm_record_get_id (space));
  card->text = g_strdup (sm_record_get_label (space));
  card->column = enum_index (sm_record_get_enum (space, "type"), cube_types, CUBE_TYPE_UNKNOWN);
  card->row = enum_index (sm_record_get_enum (space, "level"), cube_levels, CUBE_LEVEL_UNKNOWN);
  if (rights_rank (rights) == 0)
    card->detail = g_strdup (_("Decision rights not recorded"));
  else
    card->detail = g_strdup_printf (_("Decision rights: %s"), sm_value_label (rights));
  card->nodes = g_ptr_array_new ();
  card->decisions = g_ptr_array_new ();

  /* Who sits here, each once, on the side the evaluation puts them. */
  if (members != NULL && JSON_NODE_HOLDS_ARRAY (members))
    {
      JsonArray *array = json_node_get_array (members);

      for (guint m = 0; m < json_array_get_length (array); m++)
        {
          JsonNode *element = json_array_get_element (array, m);
          Node *node;
          gboolean vote;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          node = lookup_node (self, json_object_get_string_member_with_default (
                                      json_node_get_object (element), "stakeholder", NULL));
          if (node == NULL)
            continue;
          /* Listed twice, once with a vote: they have a vote. */
          vote = role_votes (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                         "role", NULL));
          if (vote && g_hash_table_add (voters, node))
            {
              votes++;
              lived_votes += node->side == SM_SIDE_COMMUNITY;
            }
          if (g_hash_table_add (seen, node) && node->side == SM_SIDE_COMMUNITY)
            lived++;
        }
    }
  if (g_hash_table_size (seen) == 0)
    card->members = g_strdup (_("No members recorded"));
  else
    card->members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u of %u member with lived experience",
                                                  "%u of %u members with lived experience",
                                                  g_hash_table_size (seen)),
                                     lived, g_hash_table_size (seen));
  /* The seats that decide, as SP-03 counts them (chairs vote). */
  if (votes > 0)
    card->votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of %u vote with lived experience",
                                                "%u of %u votes with lived experience", votes),
                                   lived_votes, votes);
  return card;
}

/* The space where each stakeholder has the most say: the highest decision
 * rights, then a vote (chairs included) over none, then the first in the
 * file. Fills each card's nodes; returns those in no recorded space. */
static GPtrArray *
cube_seat_people (SmRenderer *self,
                  GPtrArray  *nodes,
                  GHashTable *cards)
{
  SmCollection *spaces = sm_map_get_collection (self->map, SM_RECORD_SPACE);
  g_autoptr(GHashTable) home = g_hash_table_new (NULL, NULL);  /* Node → CubeItem */
  g_autoptr(GHashTable) rank = g_hash_table_new (NULL, NULL);  /* Node → rank + 1 */
  GPtrArray *nowhere = g_ptr_array_new ();

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord *space = sm_collection_get (spaces, s);
      CubeItem *card = g_hash_table_lookup (cards, sm_record_get_id (space));
      JsonNode *members = sm_record_get_value (space, "members");
      guint rights = rights_rank (sm_record_get_enum (space, "decision_rights"));
      JsonArray *array;

      if (card == NULL || members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
        continue;
      array = json_node_get_array (members);
      for (guint m = 0; m < json_array_get_length (array); m++)
        {
          JsonNode *element = json_array_get_element (array, m);
          JsonObject *member;
          Node *node;
          guint r;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          member = json_node_get_object (element);
          node = lookup_node (self, json_object_get_string_member_with_default (member, "stakeholder", NULL));
          if (node == NULL)
            continue;
          r = 1 + rights * 2 + role_votes (json_object_get_string_member_with_default (member, "role", NULL));
          /* Strictly more say: a tie stays with the earlier space. */
          if (r > GPOINTER_TO_UINT (g_hash_table_lookup (rank, node)))
            {
              g_hash_table_insert (rank, node, GUINT_TO_POINTER (r));
              g_hash_table_insert (home, node, card);
            }
        }
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      CubeItem *card = g_hash_table_lookup (home, node);

      g_ptr_array_add (card != NULL ? card->nodes : nowhere, node);
    }
  return nowhere;
}

static void
arrange_power_cube (SmRenderer *self,
                    GPtrArray  *nodes)
{
  Cube *cube = &self->cube;
  SmCollection *spaces = sm_map_get_collection (self->map, SM_RECORD_SPACE);
  SmCollection *decisions = sm_map_get_collection (self->map, SM_RECORD_DECISION);
  g_autoptr(GHashTable) cards = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) nowhere = NULL;
  gboolean used_type[CUBE_TYPE_UNKNOWN + 1] = { FALSE };
  gboolean used_level[CUBE_LEVEL_UNKNOWN + 1] = { FALSE };
  guint column_of[CUBE_TYPE_UNKNOWN + 1], row_of[CUBE_LEVEL_UNKNOWN + 1];
  double column_width[CUBE_TYPE_UNKNOWN + 1], row_height[CUBE_LEVEL_UNKNOWN + 1];
  double cell_height[CUBE_LEVEL_UNKNOWN + 1][CUBE_TYPE_UNKNOWN + 1] = { { 0 } };
  double heading, right_height;
  guint per_line;

  cube->cards = g_ptr_array_new_with_free_func (cube_item_free);
  cube->decisions = g_ptr_array_new_with_free_func (cube_item_free);
  cube->unplaced = g_ptr_array_new ();
  layout_set_text (self, "Ag", CARD_FONT_SIZE, FALSE, 0, 1, PANGO_ALIGN_LEFT);
  layout_get_size (self, NULL, &cube->line_height);

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord *space = sm_collection_get (spaces, s);
      CubeItem *card = cube_card_new (self, space);

      g_ptr_array_add (cube->cards, card);
      if (card->id != NULL && !g_hash_table_contains (cards, card->id))
        g_hash_table_insert (cards, card->id, card);
      used_type[card->column] = TRUE;
      used_level[card->row] = TRUE;
    }
  cube->no_spaces = cube->cards->len == 0;

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      const char *status = sm_record_get_enum (decision, "status");
      const char *space_id = sm_record_get_string (decision, "space_id");
      CubeItem *line = g_new0 (CubeItem, 1);
      CubeItem *card = space_id != NULL ? g_hash_table_lookup (cards, space_id) : NULL;

      line->id = g_strdup (sm_record_get_id (decision));
      line->text = g_strdup (sm_record_get_label (decision));
      if (g_strcmp0 (status, "unknown") == 0)
        line->detail = g_strdup (_("status not recorded"));
      else
        line->detail = g_utf8_strdown (sm_value_label (status), -1);
      /* Arnstein's citizen control: the community decided alone. */
      if (sm_record_get_boolean (decision, "community_led") == SM_TRISTATE_TRUE)
        {
          g_autofree char *words = line->detail;

          line->detail = g_strdup_printf (_("%s, led by the community"), words);
        }
      g_ptr_array_add (cube->decisions, line);
      g_ptr_array_add (card != NULL ? card->decisions : cube->unplaced, line);
    }

  nowhere = cube_seat_people (self, nodes, cards);

  /* Columns: the three types always, "not recorded" when a space needs
   * it. Rows: only the levels that hold a space, so that the cards, not
   * empty bands, fill the screen; with no space at all, every level, so
   * that the empty cube still shows what it is for. */
  for (guint t = 0; t <= CUBE_TYPE_UNKNOWN; t++)
    if (t < CUBE_TYPE_UNKNOWN || used_type[t])
      {
        column_of[t] = cube->n_columns;
        cube->column_type[cube->n_columns++] = t;
        column_width[t] = CUBE_EMPTY_COLUMN;
      }
  for (guint l = 0; l <= CUBE_LEVEL_UNKNOWN; l++)
    if (used_level[l] || (cube->no_spaces && l < CUBE_LEVEL_UNKNOWN))
      {
        row_of[l] = cube->n_rows;
        cube->row_level[cube->n_rows++] = l;
        row_height[l] = CUBE_EMPTY_ROW;
      }

  /* Widths first (a column is as wide as its widest card), then each
   * card's height at that width, then the rows. */
  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);
      guint slots = MAX (cube_per_line (card->nodes->len), CUBE_MIN_SLOTS);

      column_width[card->column] = MAX (column_width[card->column],
                                        slots * CUBE_SLOT + 2 * (CUBE_CARD_PAD + CUBE_CELL_PAD));
    }
  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);
      double inner;

      card->width = column_width[card->column] - 2 * CUBE_CELL_PAD;
      inner = card->width - 2 * CUBE_CARD_PAD;
      layout_set_text (self, card->text, CARD_NAME_FONT_SIZE, TRUE, inner, 2, PANGO_ALIGN_LEFT);
      layout_get_size (self, NULL, &card->name_height);
      card->height = CUBE_CARD_PAD + card->name_height + (card->votes != NULL ? 3 : 2) * cube->line_height;
      for (guint d = 0; d < card->decisions->len; d++)
        {
          CubeItem *line = g_ptr_array_index (card->decisions, d);

          line->x = CUBE_CARD_PAD;
          line->y = card->height + (d == 0 ? 6 : 2);
          card->height = line->y + cube_measure_decision (self, line, inner);
        }
      if (card->nodes->len > 0)
        card->height += CUBE_LINE_GAP +
                        cube_place_nodes (self, card->nodes, cube_per_line (card->nodes->len),
                                          CUBE_CARD_PAD, card->height + CUBE_LINE_GAP, inner);
      card->height += CUBE_CARD_PAD;

      cell_height[card->row][card->column] += (cell_height[card->row][card->column] > 0 ? CUBE_CARD_GAP : 0) +
                                              card->height;
      row_height[card->row] = MAX (row_height[card->row],
                                   CUBE_ROW_HEAD + cell_height[card->row][card->column] + 2 * CUBE_CELL_PAD);
    }

  cube->column_x[0] = 0;
  for (guint c = 0; c < cube->n_columns; c++)
    cube->column_x[c + 1] = cube->column_x[c] + column_width[cube->column_type[c]];
  cube->row_y[0] = CUBE_HEAD;
  for (guint r = 0; r < cube->n_rows; r++)
    cube->row_y[r + 1] = cube->row_y[r] + row_height[cube->row_level[r]];
  cube->width = cube->column_x[cube->n_columns];
  cube->height = cube->row_y[cube->n_rows];

  /* Cards down their cells, in file order; their people and decisions
   * with them. */
  memset (cell_height, 0, sizeof cell_height);
  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);
      double *stack = &cell_height[card->row][card->column];

      card->x = cube->column_x[column_of[card->column]] + CUBE_CELL_PAD;
      card->y = cube->row_y[row_of[card->row]] + CUBE_ROW_HEAD + CUBE_CELL_PAD + *stack;
      *stack += card->height + CUBE_CARD_GAP;
      cube_shift_nodes (card->nodes, card->x, card->y);
      for (guint d = 0; d < card->decisions->len; d++)
        {
          CubeItem *line = g_ptr_array_index (card->decisions, d);

          line->x += card->x;
          line->y += card->y;
        }
    }

  /* Beside the cube: the people in no recorded space (whom WS-03 lists),
   * on as few lines as keep the strip no taller than the cube; below
   * them, the decisions placed in no space. */
  cube->strip_x = cube->width + STRIP_GAP;
  cube->strip_y = 0;
  per_line = CUBE_MIN_SLOTS;
  if (nowhere->len > 0)
    {
      /* About as many lines as a cube's height holds of the largest
       * stakeholders and their names; many more people make a block. */
      guint lines = MAX ((guint) ((cube->height - CUBE_STRIP_HEADER) / (2 * RADIUS_MAX + 40)),
                         (guint) round (sqrt (nowhere->len / 2.0)));

      lines = MAX (lines, 1);
      per_line = MAX (per_line, (nowhere->len + lines - 1) / lines);
    }
  cube->strip_width = per_line * CUBE_SLOT + 2 * CUBE_CARD_PAD;
  layout_set_text (self, _("In no recorded space"), HEADING_FONT_SIZE * 0.7, TRUE,
                   cube->strip_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
  layout_get_size (self, NULL, &heading);
  heading = MAX (heading + 20, CUBE_STRIP_HEADER);
  cube->strip_header = heading;
  cube->n_nowhere = nowhere->len;
  cube->strip_height = heading + CUBE_CARD_PAD +
                       MAX (cube_place_nodes (self, nowhere, per_line, cube->strip_x + CUBE_CARD_PAD,
                                              heading, cube->strip_width - 2 * CUBE_CARD_PAD),
                            cube->line_height * 2);
  right_height = cube->strip_height;

  if (cube->unplaced->len > 0)
    {
      cube->unplaced_x = cube->strip_x;
      cube->unplaced_width = cube->strip_width;
      layout_set_text (self, _("Decisions not placed in a space"), HEADING_FONT_SIZE * 0.7, TRUE,
                       cube->unplaced_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
      layout_get_size (self, NULL, &heading);
      cube->unplaced_header = heading + 20;
      cube->unplaced_height = cube->unplaced_header + CUBE_CARD_PAD;
      for (guint d = 0; d < cube->unplaced->len; d++)
        {
          CubeItem *line = g_ptr_array_index (cube->unplaced, d);

          line->x = cube->unplaced_x + CUBE_CARD_PAD;
          line->y = cube->unplaced_height - CUBE_CARD_PAD;
          cube->unplaced_height += cube_measure_decision (self, line, cube->unplaced_width - 2 * CUBE_CARD_PAD) + 2;
        }
      right_height += STRIP_GAP / 2 + cube->unplaced_height;
    }
  /* The strips reach down as far as the cube. */
  if (right_height < cube->height)
    {
      cube->strip_height += cube->height - right_height;
      right_height = cube->height;
    }
  cube->unplaced_y = cube->strip_y + cube->strip_height + STRIP_GAP / 2;
  for (guint d = 0; d < cube->unplaced->len; d++)
    ((CubeItem *) g_ptr_array_index (cube->unplaced, d))->y += cube->unplaced_y;

  self->bg_x = 0;
  self->bg_y = 0;
  self->bg_width = cube->strip_x + cube->strip_width;
  self->bg_height = MAX (cube->height, right_height);
}

/* Puts every stakeholder where the arrangement says, and the index and the
 * relationships with them. Nothing is written to the map. */
static void
ensure_layout (SmRenderer *self)
{
  g_autoptr(GPtrArray) nodes = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!self->layout_dirty)
    return;
  ensure_order (self);
  nodes = nodes_in_order (self);
  cube_clear (&self->cube);
  switch (self->arrangement)
    {
    case SM_ARRANGEMENT_POWER_CUBE:
      arrange_power_cube (self, nodes);
      break;
    case SM_ARRANGEMENT_POWER_INTEREST:
      arrange_power_interest (self, nodes);
      break;
    case SM_ARRANGEMENT_LADDER:
      arrange_ladder (self, nodes);
      break;
    case SM_ARRANGEMENT_MAP:
    default:
      for (guint i = 0; i < nodes->len; i++)
        {
          Node *node = g_ptr_array_index (nodes, i);

          node->placed = node->map_placed;
          node->x = node->map_x;
          node->y = node->map_y;
        }
      break;
    }
  /* Everything moves: filling new indexes costs a pass over the map, where
   * moving each item out of a crowded cell (a hub's, crossed by all its
   * relationships) costs a search of that cell for each. */
  sm_index_free (self->node_index);
  sm_index_free (self->edge_index);
  self->node_index = sm_index_new (CELL_SIZE);
  self->edge_index = sm_index_new (CELL_SIZE);
  for (guint i = 0; i < nodes->len; i++)
    node_place (self, g_ptr_array_index (nodes, i));
  g_hash_table_iter_init (&iter, self->edges);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    edge_place (self, value);
  self->layout_dirty = FALSE;
  self->legend_dirty = TRUE;
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
draw_heading (SmRenderer    *self,
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
  pango_cairo_show_layout (cr, self->layout);
}

static void
draw_power_interest (SmRenderer    *self,
                     cairo_t       *cr,
                     const Palette *p,
                     double         scale)
{
  static const struct
  {
    SmRegion region;
    const char *name;
    double tint;
    gboolean right, bottom; /* the grid's outer corner, where the name goes */
  } quadrants[] = {
    { SM_REGION_KEY_PLAYERS, N_("Key players"), 0.10, TRUE, FALSE },
    { SM_REGION_KEEP_SATISFIED, N_("Keep satisfied"), 0.05, FALSE, FALSE },
    { SM_REGION_KEEP_INFORMED, N_("Keep informed"), 0.05, TRUE, TRUE },
    { SM_REGION_MINIMAL_EFFORT, N_("Minimal effort"), 0.02, FALSE, TRUE },
  };
  double x, y, w, h;

  for (guint i = 0; i < G_N_ELEMENTS (quadrants); i++)
    {
      region_rect (self, quadrants[i].region, &x, &y, &w, &h);
      cairo_rectangle (cr, x, y, w, h);
      set_rgba (cr, p->accent, quadrants[i].tint);
      cairo_fill (cr);
      set_rgba (cr, p->text, 0.55);
      /* Away from the cuts, where stakeholders crowd. */
      draw_heading (self, cr, _(quadrants[i].name), HEADING_FONT_SIZE, x + 12,
                    quadrants[i].bottom ? y + h - 12 - HEADING_FONT_SIZE * 1.3 : y + 10, w - 24,
                    quadrants[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
  region_rect (self, SM_REGION_GRID, &x, &y, &w, &h);
  cairo_rectangle (cr, x, y, w, h);
  set_rgba (cr, p->line, 0.8);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  cairo_stroke (cr);
  cairo_move_to (cr, CUT_X (self->high_cutoff), 0);
  cairo_line_to (cr, CUT_X (self->high_cutoff), GRID_SIZE);
  cairo_move_to (cr, 0, CUT_Y (self->high_cutoff));
  cairo_line_to (cr, GRID_SIZE, CUT_Y (self->high_cutoff));
  cairo_stroke (cr);

  /* The axes: interest across, influence up. */
  set_rgb (cr, p->text);
  draw_heading (self, cr, _("Interest: low → high"), AXIS_FONT_SIZE, 0, GRID_SIZE + 12,
                GRID_SIZE, PANGO_ALIGN_CENTER);
  cairo_save (cr);
  cairo_translate (cr, -AXIS_MARGIN + 10, GRID_SIZE);
  cairo_rotate (cr, -G_PI / 2);
  draw_heading (self, cr, _("Influence: low → high"), AXIS_FONT_SIZE, 0, 0,
                GRID_SIZE, PANGO_ALIGN_CENTER);
  cairo_restore (cr);

  region_rect (self, SM_REGION_NOT_RATED, &x, &y, &w, &h);
  h = MAX (h, self->bg_height - AXIS_MARGIN);
  cairo_rectangle (cr, x, y, w, h);
  set_rgba (cr, p->line, 0.08);
  cairo_fill_preserve (cr);
  set_rgba (cr, p->line, 0.8);
  cairo_set_dash (cr, (double[]) { 8.0, 5.0 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  set_rgba (cr, p->text, 0.75);
  draw_heading (self, cr, _("Not rated"), HEADING_FONT_SIZE * 0.8, x + 8, y + 10, w - 16,
                PANGO_ALIGN_CENTER);
}

static void
draw_ladder (SmRenderer    *self,
             cairo_t       *cr,
             const Palette *p,
             double         scale)
{
  for (guint row = 0; row < LADDER_ROWS; row++)
    {
      g_autofree char *title = NULL;
      double y = self->ladder_y[row], h = self->ladder_y[row + 1] - y;

      if (row % 2 == 0)
        {
          cairo_rectangle (cr, 0, y, self->bg_width, h);
          set_rgba (cr, p->accent, 0.06);
          cairo_fill (cr);
        }
      if (row < 8)
        /* TRANSLATORS: a rung of the ladder of co-production: its number and name */
        title = g_strdup_printf (_("%u · %s"), 7 - row, _sm_ladder_label (7 - row));
      else
        title = g_strdup (_("Unknown"));
      set_rgba (cr, p->text, 0.75);
      draw_heading (self, cr, title, AXIS_FONT_SIZE, 16, y + h / 2 - 20,
                    LADDER_TITLE - 24, PANGO_ALIGN_LEFT);
    }
  cairo_move_to (cr, LADDER_TITLE, 0);
  cairo_line_to (cr, LADDER_TITLE, self->ladder_y[LADDER_ROWS]);
  set_rgba (cr, p->line, 0.6);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  cairo_stroke (cr);
}

static gboolean
rect_in_clip (double x,
              double y,
              double width,
              double height,
              double clip[4])
{
  return x <= clip[2] && x + width >= clip[0] && y <= clip[3] && y + height >= clip[1];
}

/* The layout at (x, y) in @alpha of the text colour, over a halo of the
 * background so that relationships crossing it do not hide it. */
static void
show_words (SmRenderer    *self,
            cairo_t       *cr,
            const Palette *p,
            double         alpha,
            double         x,
            double         y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, self->layout);
  set_rgba (cr, p->background, 0.85);
  cairo_set_line_width (cr, 3.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  set_rgba (cr, p->text, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, self->layout);
}

static void
draw_cube_decision (SmRenderer          *self,
                    cairo_t             *cr,
                    const Palette       *p,
                    CubeItem            *line,
                    const SmRenderState *state)
{
  if (state_has (state->highlight, line->id))
    {
      cairo_rectangle (cr, line->x - 4, line->y, line->width + 8, line->height);
      set_rgba (cr, p->highlight, 0.45);
      cairo_fill (cr);
    }
  layout_set_decision (self, line);
  show_words (self, cr, p, 1.0, line->x, line->y);
}

static void
draw_cube_card_words (SmRenderer          *self,
                      cairo_t             *cr,
                      const Palette       *p,
                      CubeItem            *card,
                      const SmRenderState *state,
                      double               scale)
{
  double inner = card->width - 2 * CUBE_CARD_PAD;
  double x = card->x + CUBE_CARD_PAD, y = card->y + CUBE_CARD_PAD;

  /* Far out, the names of the spaces are the picture; the details come
   * with the marks on the lines. */
  layout_set_text (self, card->text, CARD_NAME_FONT_SIZE, TRUE, inner, 2, PANGO_ALIGN_LEFT);
  show_words (self, cr, p, 1.0, x, y);
  if (scale < LOD_MARKS)
    return;
  y += card->name_height;
  layout_set_text (self, card->detail, CARD_FONT_SIZE, FALSE, inner, 1, PANGO_ALIGN_LEFT);
  show_words (self, cr, p, 0.8, x, y);
  layout_set_text (self, card->members, CARD_FONT_SIZE, FALSE, inner, 1, PANGO_ALIGN_LEFT);
  show_words (self, cr, p, 0.8, x, y + self->cube.line_height);
  if (card->votes != NULL)
    {
      layout_set_text (self, card->votes, CARD_FONT_SIZE, FALSE, inner, 1, PANGO_ALIGN_LEFT);
      show_words (self, cr, p, 0.8, x, y + 2 * self->cube.line_height);
    }
  for (guint d = 0; d < card->decisions->len; d++)
    draw_cube_decision (self, cr, p, g_ptr_array_index (card->decisions, d), state);
}

static void
draw_cube_strip (cairo_t       *cr,
                 const Palette *p,
                 double         x,
                 double         y,
                 double         width,
                 double         height)
{
  cairo_rectangle (cr, x, y, width, height);
  set_rgba (cr, p->line, 0.08);
  cairo_fill_preserve (cr);
  set_rgba (cr, p->line, 0.8);
  cairo_set_dash (cr, (double[]) { 8.0, 5.0 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Under the relationships: the rows, the columns, the cards and strips. */
static void
draw_power_cube (SmRenderer          *self,
                 cairo_t             *cr,
                 const Palette       *p,
                 const SmRenderState *state,
                 double               scale)
{
  Cube *cube = &self->cube;
  double clip[4];

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  for (guint r = 0; r < cube->n_rows; r += 2)
    {
      cairo_rectangle (cr, 0, cube->row_y[r], cube->width, cube->row_y[r + 1] - cube->row_y[r]);
      set_rgba (cr, p->accent, 0.06);
      cairo_fill (cr);
    }
  set_rgba (cr, p->line, 0.6);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  for (guint c = 1; c < cube->n_columns; c++)
    {
      cairo_move_to (cr, cube->column_x[c], CUBE_HEAD - 8);
      cairo_line_to (cr, cube->column_x[c], cube->height);
    }
  cairo_move_to (cr, 0, CUBE_HEAD);
  cairo_line_to (cr, cube->width, CUBE_HEAD);
  cairo_stroke (cr);

  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);

      if (!rect_in_clip (card->x, card->y, card->width, card->height, clip))
        continue;
      rounded_rectangle (cr, card->x, card->y, card->width, card->height, CUBE_CARD_RADIUS);
      set_rgb (cr, p->background);
      cairo_fill_preserve (cr);
      if (state_has (state->highlight, card->id))
        {
          set_rgba (cr, p->highlight, 0.25);
          cairo_fill_preserve (cr);
          set_rgb (cr, p->highlight);
          cairo_set_line_width (cr, MAX (4.0, 2.0 / scale));
        }
      else
        {
          set_rgba (cr, p->line, 0.7);
          cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
        }
      cairo_stroke (cr);
    }

  draw_cube_strip (cr, p, cube->strip_x, cube->strip_y, cube->strip_width, cube->strip_height);
  if (cube->unplaced->len > 0)
    draw_cube_strip (cr, p, cube->unplaced_x, cube->unplaced_y, cube->unplaced_width, cube->unplaced_height);
}

/* Over the relationships, under the stakeholders: the words. */
static void
draw_power_cube_words (SmRenderer          *self,
                       cairo_t             *cr,
                       const Palette       *p,
                       const SmRenderState *state,
                       double               scale)
{
  static const char *const type_notes[] = {
    N_("Decisions made behind closed doors"),
    N_("People asked in, within set boundaries"),
    N_("Spaces people create for themselves"),
  };
  Cube *cube = &self->cube;
  double clip[4];

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);

  /* A level's name across the top of its row. */
  for (guint r = 0; r < cube->n_rows; r++)
    {
      guint level = cube->row_level[r];

      layout_set_text (self, level < CUBE_LEVEL_UNKNOWN ? sm_value_label (cube_levels[level])
                                                         : _("Level not recorded"),
                       AXIS_FONT_SIZE * 0.85, TRUE, cube->width - 32, 1, PANGO_ALIGN_LEFT);
      show_words (self, cr, p, 0.75, 16, cube->row_y[r] + 6);
    }

  /* A type's name and what it means over its column. */
  for (guint c = 0; c < cube->n_columns; c++)
    {
      guint type = cube->column_type[c];
      double x = cube->column_x[c], w = cube->column_x[c + 1] - x;
      double h;

      layout_set_text (self, type < CUBE_TYPE_UNKNOWN ? sm_value_label (cube_types[type])
                                                      : _("Type not recorded"),
                       AXIS_FONT_SIZE, TRUE, w - 24, 1, PANGO_ALIGN_CENTER);
      layout_get_size (self, NULL, &h);
      show_words (self, cr, p, 1.0, x + 12, 10);
      if (type < CUBE_TYPE_UNKNOWN)
        {
          layout_set_text (self, _(type_notes[type]), CARD_FONT_SIZE, FALSE, w - 24, 2, PANGO_ALIGN_CENTER);
          show_words (self, cr, p, 0.7, x + 12, 10 + h + 4);
        }
    }

  /* In the middle row, under its name. */
  if (cube->no_spaces)
    {
      guint r = cube->n_rows / 2;
      double top = cube->row_y[r] + CUBE_ROW_HEAD, h;

      layout_set_text (self, _("No spaces are recorded yet. Record the boards, groups and forums "
                               "where this work is discussed and decided, and who sits in them, "
                               "to see here where power is shared."),
                       CARD_NAME_FONT_SIZE, FALSE, cube->width - 80, 4, PANGO_ALIGN_CENTER);
      layout_get_size (self, NULL, &h);
      show_words (self, cr, p, 0.8, 40, top + (cube->row_y[r + 1] - top - h) / 2);
    }

  if (scale >= LOD_DOTS)
    for (guint i = 0; i < cube->cards->len; i++)
      {
        CubeItem *card = g_ptr_array_index (cube->cards, i);

        if (rect_in_clip (card->x, card->y, card->width, card->height, clip))
          draw_cube_card_words (self, cr, p, card, state, scale);
      }

  layout_set_text (self, _("In no recorded space"), HEADING_FONT_SIZE * 0.7, TRUE,
                   cube->strip_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
  show_words (self, cr, p, 0.75, cube->strip_x + CUBE_CARD_PAD, cube->strip_y + 10);
  if (cube->n_nowhere == 0 && scale >= LOD_MARKS)
    {
      layout_set_text (self, _("Everyone on the map sits in a recorded space."), CARD_FONT_SIZE, FALSE,
                       cube->strip_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
      show_words (self, cr, p, 0.7, cube->strip_x + CUBE_CARD_PAD, cube->strip_y + cube->strip_header);
    }
  if (cube->unplaced->len > 0)
    {
      layout_set_text (self, _("Decisions not placed in a space"), HEADING_FONT_SIZE * 0.7, TRUE,
                       cube->unplaced_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
      show_words (self, cr, p, 0.75, cube->unplaced_x + CUBE_CARD_PAD, cube->unplaced_y + 10);
      if (scale >= LOD_MARKS)
        for (guint d = 0; d < cube->unplaced->len; d++)
          draw_cube_decision (self, cr, p, g_ptr_array_index (cube->unplaced, d), state);
    }
}

static void
draw_arrangement (SmRenderer          *self,
                  cairo_t             *cr,
                  const Palette       *p,
                  const SmRenderState *state,
                  double               scale)
{
  switch (self->arrangement)
    {
    case SM_ARRANGEMENT_POWER_CUBE:
      draw_power_cube (self, cr, p, state, scale);
      break;
    case SM_ARRANGEMENT_POWER_INTEREST:
      draw_power_interest (self, cr, p, scale);
      break;
    case SM_ARRANGEMENT_LADDER:
      draw_ladder (self, cr, p, scale);
      break;
    case SM_ARRANGEMENT_MAP:
    default:
      break;
    }
}

/* What an arrangement draws over the relationships. */
static void
draw_arrangement_words (SmRenderer          *self,
                        cairo_t             *cr,
                        const Palette       *p,
                        const SmRenderState *state,
                        double               scale)
{
  if (self->arrangement == SM_ARRANGEMENT_POWER_CUBE)
    draw_power_cube_words (self, cr, p, state, scale);
}

/* Far out, a map is its shape: dots by colour and hairlines, each batch in
 * one path, which is what keeps a whole 100,000-stakeholder map cheap. */
static void
draw_overview (SmRenderer          *self,
               cairo_t             *cr,
               const Palette       *p,
               GPtrArray           *edges,
               GPtrArray           *nodes,
               const SmRenderState *state,
               double               scale)
{
  double px = 1.0 / scale;

  /* Thousands of crossing lines read as a texture, not as lines: drawn
   * one pixel wide without antialiasing they look the same and cost a
   * fraction (antialiased lines are most of the time of a frame). */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_line_width (cr, px);
  set_rgba (cr, p->line, 0.4);
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = g_ptr_array_index (edges, i);
      Node *s = lookup_node (self, edge->source);
      Node *t = lookup_node (self, edge->target);

      cairo_move_to (cr, s->x, s->y);
      cairo_line_to (cr, t->x, t->y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      const Colour *c = &group_colours[g];
      guint in_path = 0;

      for (guint i = 0; i < nodes->len; i++)
        {
          Node *node = g_ptr_array_index (nodes, i);
          double r = MAX (node->r, 1.2 * px);

          if (kind_groups[node->kind] != g)
            continue;
          if (r * scale < 2.0)
            cairo_rectangle (cr, node->x - r, node->y - r, 2 * r, 2 * r);
          else
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, node->x, node->y, r, 0, 2 * G_PI);
            }
          if (++in_path % 64 == 0)
            {
              cairo_set_source_rgb (cr, c->r, c->g, c->b);
              cairo_fill (cr);
            }
        }
      cairo_set_source_rgb (cr, c->r, c->g, c->b);
      cairo_fill (cr);
    }

  /* What the user picked must still show. */
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (state_has (state->highlight, node->id))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, node->x, node->y, node->r + 5 * px, 0, 2 * G_PI);
          set_rgb (cr, p->highlight);
          cairo_set_line_width (cr, 3 * px);
          cairo_stroke (cr);
        }
      if (is_selected (state, node->id))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, node->x, node->y, node->r + 3 * px, 0, 2 * G_PI);
          set_rgb (cr, p->accent);
          cairo_set_line_width (cr, 2 * px);
          cairo_stroke (cr);
        }
    }
}

static void legend_measure (SmRenderer       *self,
                            const SmViewport *viewport,
                            double           *width,
                            double           *height);
static void draw_legend (SmRenderer       *self,
                         cairo_t          *cr,
                         const Palette    *p,
                         gboolean          dark,
                         const SmViewport *viewport);

void
sm_renderer_draw (SmRenderer          *self,
                  cairo_t             *cr,
                  const SmViewport    *viewport,
                  const SmRenderState *state)
{
  static const SmRenderState no_state = { 0 };
  gboolean dark;
  const Palette *p;
  double scale, vx0, vy0, vx1, vy1, margin;
  gboolean labels, overview;
  g_autoptr(GPtrArray) edges = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  GPtrArray *candidates = self->scratch;

  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (viewport != NULL);

  if (state == NULL)
    state = &no_state;
  dark = (state->flags & SM_RENDER_DARK) != 0;
  p = dark ? &dark_palette : &light_palette;
  scale = viewport->scale > 0 ? viewport->scale : 1.0;
  labels = scale >= LOD_LABELS;
  overview = scale < LOD_DOTS;
  self->drawn = 0;
  self->visited = 0;

  ensure_order (self);
  ensure_layout (self);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  if (state->flags & SM_RENDER_BACKGROUND)
    {
      set_rgb (cr, p->background);
      cairo_paint (cr);
    }

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -viewport->x, -viewport->y);
  draw_arrangement (self, cr, p, state, scale);

  vx0 = viewport->x;
  vy0 = viewport->y;
  vx1 = viewport->x + viewport->width / scale;
  vy1 = viewport->y + viewport->height / scale;

  /* Relationships first, under the stakeholders. */
  margin = EDGE_MARGIN + 6.0 / scale;
  g_ptr_array_set_size (candidates, 0);
  self->visited += sm_index_query (self->edge_index, vx0 - margin, vy0 - margin,
                                   vx1 - vx0 + 2 * margin, vy1 - vy0 + 2 * margin,
                                   candidates);
  edges = g_ptr_array_sized_new (candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      Edge *edge = g_ptr_array_index (candidates, i);
      Node *s = lookup_node (self, edge->source);
      Node *t = lookup_node (self, edge->target);

      if (s != NULL && t != NULL &&
          segment_meets_rect (s->x, s->y, t->x, t->y,
                              vx0 - margin, vy0 - margin, vx1 + margin, vy1 + margin))
        g_ptr_array_add (edges, edge);
    }

  g_ptr_array_set_size (candidates, 0);
  self->visited += sm_index_query (self->node_index, vx0, vy0, vx1 - vx0, vy1 - vy0, candidates);
  nodes = g_ptr_array_sized_new (candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      Node *node = g_ptr_array_index (candidates, i);

      if (node_in_view (node, labels, self->label_max_height, vx0, vy0, vx1, vy1))
        g_ptr_array_add (nodes, node);
    }
  g_ptr_array_set_size (candidates, 0);
  self->drawn = nodes->len;

  /* More lines than anyone can follow: the map is read as a whole. */
  if (edges->len > CROWDED_EDGES)
    overview = TRUE;

  if (overview)
    {
      /* Stacking order hardly shows at this size; skip the sort. */
      draw_arrangement_words (self, cr, p, state, scale);
      draw_overview (self, cr, p, edges, nodes, state, scale);
    }
  else
    {
      g_ptr_array_sort (edges, compare_edge_order);
      g_ptr_array_sort (nodes, compare_node_order);

      if (scale >= LOD_MARKS)
        for (guint i = 0; i < edges->len; i++)
          draw_edge (self, cr, p, g_ptr_array_index (edges, i), state, scale);
      else
        draw_plain_edges (self, cr, p, edges, state, scale);
      draw_arrangement_words (self, cr, p, state, scale);

      for (guint i = 0; i < nodes->len; i++)
        {
          Node *node = g_ptr_array_index (nodes, i);

          draw_node_under (cr, p, node, state, scale);
          draw_node_shape (cr, p, dark, node, scale);
          draw_node_over (cr, p, node, state, scale);
        }

      /* Names on top of every shape, so none hides behind a neighbour. */
      if (labels)
        for (guint i = 0; i < nodes->len; i++)
          {
            Node *node = g_ptr_array_index (nodes, i);

            if (g_strcmp0 (node->id, state->editing_id) != 0)
              draw_label (self, cr, p, node);
            /* The words only where they can be read; the rings say it
             * at any zoom. */
            if (node_marks (state, node) != 0 && scale >= LOD_MARK_WORDS)
              draw_mark_words (self, cr, p, node, node_marks (state, node));
          }
    }

  if (state->draft_source != NULL)
    {
      Node *s = lookup_node (self, state->draft_source);
      double dx, dy, d;

      if (s != NULL && s->placed &&
          (d = hypot (dx = state->draft_x - s->x, dy = state->draft_y - s->y)) > s->r)
        {
          double b = shape_border (s->side, s->r, dx / d, dy / d);
          double dashes[] = { 6.0, 4.0 };

          cairo_move_to (cr, s->x + dx / d * b, s->y + dy / d * b);
          cairo_line_to (cr, state->draft_x - dx / d * (ARROW_LENGTH - 3),
                         state->draft_y - dy / d * (ARROW_LENGTH - 3));
          set_rgb (cr, p->accent);
          cairo_set_line_width (cr, MAX (2.0, 1.5 / scale));
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          arrowhead_path (cr, state->draft_x, state->draft_y, dx / d, dy / d);
          cairo_fill (cr);
        }
    }

  if (state->band)
    {
      cairo_rectangle (cr, state->band_x, state->band_y, state->band_width, state->band_height);
      set_rgba (cr, p->accent, 0.15);
      cairo_fill_preserve (cr);
      set_rgba (cr, p->accent, 0.8);
      cairo_set_line_width (cr, 1.0 / scale);
      cairo_stroke (cr);
    }

  cairo_restore (cr);

  if (state->flags & SM_RENDER_LEGEND)
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
      cairo_clip (cr);
      draw_legend (self, cr, p, dark, viewport);
      cairo_restore (cr);
    }
}

/* Legend */

typedef enum
{
  SWATCH_NONE,
  SWATCH_SIDE,
  SWATCH_GROUP,
  SWATCH_SIZE,
  SWATCH_UNKNOWN,
  SWATCH_LIVED,
  SWATCH_EDGE,
} SwatchKind;

typedef struct
{
  SwatchKind swatch;
  int arg;           /* side, group, lived value */
  Direction direction;
  Form form;
  gboolean conflict;
  Holder holder;
  char *text;
} LegendRow;

static void
legend_row_clear (gpointer data)
{
  g_free (((LegendRow *) data)->text);
}

static void
legend_add (GArray     *rows,
            SwatchKind  swatch,
            int         arg,
            const char *text)
{
  LegendRow row = { swatch, arg, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_NONE, g_strdup (text) };

  g_array_append_val (rows, row);
}

static void
legend_add_edge (GArray     *rows,
                 Direction   direction,
                 Form        form,
                 gboolean    conflict,
                 Holder      holder,
                 const char *text)
{
  LegendRow row = { SWATCH_EDGE, 0, direction, form, conflict, holder, g_strdup (text) };

  g_array_append_val (rows, row);
}

static GArray *
legend_stakeholder_rows (SmRenderer *self)
{
  static const SmSide sides[] = { SM_SIDE_COMMUNITY, SM_SIDE_INSTITUTIONAL, SM_SIDE_OTHER };
  static const char *const side_values[] = { "community", "institutional", "other" };
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  const Legend *l = &self->legend;

  g_array_set_clear_func (rows, legend_row_clear);
  if (l->sides == 0)
    return rows;

  legend_add (rows, SWATCH_NONE, 0, _("Side"));
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    if (l->sides & (1u << sides[i]))
      legend_add (rows, SWATCH_SIDE, sides[i], sm_value_label (side_values[i]));

  legend_add (rows, SWATCH_NONE, 0, _("Kind"));
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint k = 0; k < N_KINDS; k++)
        if (kind_groups[k] == g && (l->kinds & (1u << k)))
          {
            if (text->len > 0)
              /* Translators: separates kinds of stakeholder in the legend */
              g_string_append (text, _(", "));
            g_string_append (text, sm_value_label (sm_stakeholder_kinds[k]));
          }
      if (text->len > 0)
        legend_add (rows, SWATCH_GROUP, g, text->str);
    }

  legend_add (rows, SWATCH_NONE, 0, _("Influence"));
  legend_add (rows, SWATCH_SIZE, 0, _("Larger shape, more influence"));
  if (l->unknown_influence)
    legend_add (rows, SWATCH_UNKNOWN, 0, _("Influence unknown"));
  if (l->lived[2])
    legend_add (rows, SWATCH_LIVED, 2, _("Brings lived experience to the role"));
  if (l->lived[1])
    legend_add (rows, SWATCH_LIVED, 1, _("Lived experience, not in this role"));
  return rows;
}

static GArray *
legend_relationship_rows (SmRenderer *self)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  const Legend *l = &self->legend;

  g_array_set_clear_func (rows, legend_row_clear);
  if (!l->direction[0] && !l->direction[1] && !l->direction[2])
    return rows;

  legend_add (rows, SWATCH_NONE, 0, _("Relationships"));
  if (l->direction[DIRECTION_ONE_WAY])
    legend_add_edge (rows, DIRECTION_ONE_WAY, FORM_PLAIN, FALSE, HOLDER_NONE, sm_value_label ("one_way"));
  if (l->direction[DIRECTION_TWO_WAY])
    legend_add_edge (rows, DIRECTION_TWO_WAY, FORM_PLAIN, FALSE, HOLDER_NONE, sm_value_label ("two_way"));
  if (l->direction[DIRECTION_UNKNOWN])
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_NONE, _("Direction unknown"));
  if (l->conflict)
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, TRUE, HOLDER_NONE, sm_value_label ("conflict_tension"));
  if (l->power || l->power_unknown || l->form[FORM_HIDDEN] || l->form[FORM_INVISIBLE])
    legend_add (rows, SWATCH_NONE, 0, _("Power"));
  if (l->power)
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_TARGET,
                     _("Points to who holds more power"));
  if (l->power_unknown)
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_UNKNOWN,
                     _("Power difference, holder unknown"));
  if (l->form[FORM_HIDDEN])
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_HIDDEN, FALSE, HOLDER_NONE, _("Hidden power"));
  if (l->form[FORM_INVISIBLE])
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_INVISIBLE, FALSE, HOLDER_NONE, _("Invisible power"));
  return rows;
}

#define LEGEND_PAD 12.0
#define LEGEND_ROW 19.0
#define LEGEND_SWATCH 30.0
#define LEGEND_COLUMN_GAP 22.0
#define LEGEND_MARGIN 12.0

static double
legend_column_width (SmRenderer *self,
                     GArray     *rows)
{
  double width = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      LegendRow *row = &g_array_index (rows, LegendRow, i);
      PangoRectangle logical;
      double indent = row->swatch == SWATCH_NONE ? 0 : LEGEND_SWATCH + 6;

      layout_set_legend (self, row->text);
      pango_layout_get_extents (self->layout, NULL, &logical);
      width = MAX (width, indent + (double) logical.width / PANGO_SCALE);
    }
  return width;
}

static void
draw_legend_swatch (SmRenderer    *self,
                    cairo_t       *cr,
                    const Palette *p,
                    gboolean       dark,
                    LegendRow     *row,
                    double         x,
                    double         y)
{
  double cx = x + LEGEND_SWATCH / 2, cy = y + LEGEND_ROW / 2;
  const Colour neutral = { p->line[0], p->line[1], p->line[2], FALSE };

  switch (row->swatch)
    {
    case SWATCH_SIDE:
      shape_path (cr, row->arg, cx, cy, 6.5);
      cairo_set_source_rgba (cr, neutral.r, neutral.g, neutral.b, 0.35);
      cairo_fill_preserve (cr);
      set_rgb (cr, p->line);
      cairo_set_line_width (cr, 1.3);
      cairo_stroke (cr);
      break;
    case SWATCH_GROUP:
      {
        const Colour *c = &group_colours[row->arg];

        cairo_new_sub_path (cr);
        cairo_arc (cr, cx, cy, 8, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, c->r, c->g, c->b);
        cairo_fill_preserve (cr);
        set_outline (cr, c, dark);
        cairo_set_line_width (cr, 1.0);
        cairo_stroke (cr);
        draw_symbol (cr, row->arg, cx, cy, 4.8);
      }
      break;
    case SWATCH_SIZE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx - 8, cy + 3, 3.5, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx + 4, cy, 7.5, 0, 2 * G_PI);
      set_rgba (cr, p->line, 0.35);
      cairo_fill_preserve (cr);
      set_rgb (cr, p->line);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      break;
    case SWATCH_UNKNOWN:
      {
        static const double dashes[] = { 3.0, 2.0 };

        cairo_new_sub_path (cr);
        cairo_arc (cr, cx, cy, 7, 0, 2 * G_PI);
        set_rgba (cr, p->line, 0.18);
        cairo_fill_preserve (cr);
        set_rgb (cr, p->line);
        cairo_set_line_width (cr, 1.4);
        cairo_set_dash (cr, dashes, 2, 0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
      break;
    case SWATCH_LIVED:
      draw_lived_mark (cr, p, row->arg, cx, cy);
      break;
    case SWATCH_EDGE:
      {
        double x0 = x + 1, x1 = x + LEGEND_SWATCH - 1;

        cairo_save (cr);
        if (row->conflict)
          zigzag_path (cr, x0, cy, x1, cy);
        else
          {
            cairo_move_to (cr, x0, cy);
            cairo_line_to (cr, row->direction != DIRECTION_UNKNOWN ? x1 - 6 : x1, cy);
          }
        set_form_dash (cr, row->form, 1.0);
        set_rgb (cr, row->conflict ? p->conflict : p->line);
        cairo_set_line_width (cr, EDGE_WIDTH);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        cairo_translate (cr, 0, cy);
        cairo_scale (cr, 0.8, 0.8);
        if (row->direction != DIRECTION_UNKNOWN)
          arrowhead_path (cr, x1 / 0.8, 0, 1, 0);
        if (row->direction == DIRECTION_TWO_WAY)
          arrowhead_path (cr, x0 / 0.8, 0, -1, 0);
        cairo_fill (cr);
        cairo_restore (cr);
        if (row->holder != HOLDER_NONE)
          draw_power_mark (cr, p, row->holder, 2, cx, cy, 1, 0);
      }
      break;
    case SWATCH_NONE:
    default:
      break;
    }
}

static void
draw_legend_column (SmRenderer    *self,
                    cairo_t       *cr,
                    const Palette *p,
                    gboolean       dark,
                    GArray        *rows,
                    double         x,
                    double         y)
{
  for (guint i = 0; i < rows->len; i++)
    {
      LegendRow *row = &g_array_index (rows, LegendRow, i);
      double ry = y + i * LEGEND_ROW;
      double tx = x;
      PangoRectangle logical;

      if (row->swatch != SWATCH_NONE)
        {
          draw_legend_swatch (self, cr, p, dark, row, x, ry);
          tx += LEGEND_SWATCH + 6;
        }
      layout_set_legend (self, row->text);
      if (row->swatch == SWATCH_NONE)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
      pango_layout_get_extents (self->layout, NULL, &logical);
      cairo_move_to (cr, tx, ry + (LEGEND_ROW - (double) logical.height / PANGO_SCALE) / 2);
      if (row->swatch == SWATCH_NONE)
        set_rgb (cr, p->text);
      else
        set_rgba (cr, p->text, 0.85);
      pango_cairo_show_layout (cr, self->layout);
      pango_layout_set_attributes (self->layout, NULL);
    }
}

typedef struct
{
  GArray *left;
  GArray *right;
  double left_width;
  double right_width;
  double width;
  double height;
  double fit;
} LegendBox;

static void
legend_box_clear (LegendBox *box)
{
  g_clear_pointer (&box->left, g_array_unref);
  g_clear_pointer (&box->right, g_array_unref);
}

/* FALSE when there is nothing to explain or no room to explain it. */
static gboolean
legend_layout (SmRenderer       *self,
               const SmViewport *viewport,
               LegendBox        *box)
{
  ensure_legend (self);
  box->left = legend_stakeholder_rows (self);
  box->right = legend_relationship_rows (self);
  if (box->left->len == 0 && box->right->len == 0)
    return FALSE;

  box->left_width = legend_column_width (self, box->left);
  box->right_width = legend_column_width (self, box->right);
  box->width = LEGEND_PAD * 2 + box->left_width + box->right_width +
               (box->left_width > 0 && box->right_width > 0 ? LEGEND_COLUMN_GAP : 0);
  box->height = LEGEND_PAD * 2 + MAX (box->left->len, box->right->len) * LEGEND_ROW;

  /* A small view gets a smaller legend rather than a cut one. */
  box->fit = MIN (1.0, MIN ((viewport->width - 2 * LEGEND_MARGIN) / box->width,
                            (viewport->height - 2 * LEGEND_MARGIN) / box->height));
  return box->fit > 0.2;
}

/* The legend's size in device units, margin included; zero when none. */
static void
legend_measure (SmRenderer       *self,
                const SmViewport *viewport,
                double           *width,
                double           *height)
{
  LegendBox box = { 0 };

  *width = *height = 0;
  if (legend_layout (self, viewport, &box))
    {
      *width = box.width * box.fit + LEGEND_MARGIN;
      *height = box.height * box.fit + LEGEND_MARGIN;
    }
  legend_box_clear (&box);
}

static void
draw_legend (SmRenderer       *self,
             cairo_t          *cr,
             const Palette    *p,
             gboolean          dark,
             const SmViewport *viewport)
{
  LegendBox box = { 0 };
  double width, height, r = 8;

  if (!legend_layout (self, viewport, &box))
    {
      legend_box_clear (&box);
      return;
    }
  width = box.width;
  height = box.height;

  cairo_translate (cr, LEGEND_MARGIN, viewport->height - LEGEND_MARGIN - height * box.fit);
  cairo_scale (cr, box.fit, box.fit);

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, p->legend_bg[0], p->legend_bg[1], p->legend_bg[2], p->legend_bg[3]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, p->legend_border[0], p->legend_border[1], p->legend_border[2],
                         p->legend_border[3]);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  draw_legend_column (self, cr, p, dark, box.left, LEGEND_PAD, LEGEND_PAD);
  draw_legend_column (self, cr, p, dark, box.right,
                      LEGEND_PAD + box.left_width + (box.left_width > 0 ? LEGEND_COLUMN_GAP : 0),
                      LEGEND_PAD);
  legend_box_clear (&box);
}

/* Queries */

/* The record at map point (x, y): a stakeholder's shape first (the one on
 * top), then a stakeholder's name, then the nearest relationship line.
 * @tolerance widens every target, in map units. */
SmRecord *
sm_renderer_hit (SmRenderer *self,
                 double      x,
                 double      y,
                 double      tolerance)
{
  GPtrArray *candidates;
  Node *best = NULL;
  Edge *best_edge = NULL;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  tolerance = MAX (tolerance, 0.0);
  ensure_order (self);
  ensure_layout (self);
  candidates = self->scratch;
  g_ptr_array_set_size (candidates, 0);
  sm_index_query (self->node_index, x - tolerance, y - tolerance, 2 * tolerance, 2 * tolerance, candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      Node *node = g_ptr_array_index (candidates, i);

      if (shape_contains (node->side, node->r, x - node->x, y - node->y, tolerance) &&
          (best == NULL || node->order > best->order))
        best = node;
    }
  if (best == NULL)
    for (guint i = 0; i < candidates->len; i++)
      {
        Node *node = g_ptr_array_index (candidates, i);
        double lx, ly, lw, lh;

        node_label_rect (self, node, &lx, &ly, &lw, &lh);
        if (x >= lx - tolerance && x <= lx + lw + tolerance &&
            y >= ly - tolerance && y <= ly + lh + tolerance &&
            (best == NULL || node->order > best->order))
          best = node;
      }
  g_ptr_array_set_size (candidates, 0);
  if (best != NULL)
    return best->record;

  sm_index_query (self->edge_index, x - tolerance - EDGE_MARGIN, y - tolerance - EDGE_MARGIN,
                  2 * (tolerance + EDGE_MARGIN), 2 * (tolerance + EDGE_MARGIN), candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      Edge *edge = g_ptr_array_index (candidates, i);
      double x0, y0, x1, y1, d;

      if (!edge_geometry (self, edge, &x0, &y0, &x1, &y1))
        continue;
      d = point_segment_distance (x, y, x0, y0, x1, y1);
      if (d <= tolerance + EDGE_WIDTH * 2 &&
          (d < best_distance || (d == best_distance && edge->order > best_edge->order)))
        {
          best_distance = d;
          best_edge = edge;
        }
    }
  g_ptr_array_set_size (candidates, 0);
  return best_edge != NULL ? best_edge->record : NULL;
}

/* Stakeholders whose centre lies in the rectangle (a rubber band), in the
 * map's order. Free with g_ptr_array_unref(). */
GPtrArray *
sm_renderer_stakeholders_in_rect (SmRenderer *self,
                                  double      x,
                                  double      y,
                                  double      width,
                                  double      height)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GPtrArray *result;

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  /* A band dragged up or left has a negative size. */
  if (width < 0)
    x += width, width = -width;
  if (height < 0)
    y += height, height = -height;

  ensure_order (self);
  ensure_layout (self);
  sm_index_query (self->node_index, x, y, width, height, candidates);
  g_ptr_array_sort (candidates, compare_node_order);
  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      Node *node = g_ptr_array_index (candidates, i);

      if (node->x >= x && node->x <= x + width && node->y >= y && node->y <= y + height)
        g_ptr_array_add (result, g_object_ref (node->record));
    }
  return result;
}

/* The rectangle every stakeholder and its name fit in, in map units;
 * FALSE when no stakeholder has a position. */
gboolean
sm_renderer_get_bounds (SmRenderer *self,
                        double     *x,
                        double     *y,
                        double     *width,
                        double     *height)
{
  GHashTableIter iter;
  gpointer value;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double nx0, nx1, ny1;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);

  ensure_layout (self);
  if (self->arrangement != SM_ARRANGEMENT_MAP)
    {
      /* An arrangement's background is shown whole, stakeholders or not. */
      x0 = self->bg_x, y0 = self->bg_y;
      x1 = self->bg_x + self->bg_width, y1 = self->bg_y + self->bg_height;
    }
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node *node = value;
      double e;

      if (!node->placed)
        continue;
      e = node_extent (node);
      x0 = MIN (x0, node->x - e);
      y0 = MIN (y0, node->y - e);
      x1 = MAX (x1, node->x + e);
      y1 = MAX (y1, node->y + e);
    }
  if (x0 > x1)
    return FALSE;

  /* Only names that could reach past the shapes need laying out: on a
   * large map that is a thin rim, not every stakeholder. */
  nx0 = x0, nx1 = x1, ny1 = y1;
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node *node = value;
      double lx, ly, lw, lh;

      if (!node->placed ||
          !(node->x - LABEL_MAX_WIDTH / 2 < nx0 || node->x + LABEL_MAX_WIDTH / 2 > nx1 ||
            node_bottom (node) + LABEL_GAP + self->label_max_height > ny1))
        continue;
      if (*sm_stakeholder_get_name (node->record) == '\0')
        continue;
      node_label_rect (self, node, &lx, &ly, &lw, &lh);
      x0 = MIN (x0, lx);
      x1 = MAX (x1, lx + lw);
      y1 = MAX (y1, ly + lh);
    }

  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = y0;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = y1 - y0;
  return TRUE;
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
  Node *node;
  double lx = 0, ly = 0, lw = 0, lh = 0;

  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (SM_IS_RECORD (stakeholder));

  ensure_layout (self);
  node = g_hash_table_lookup (self->nodes, stakeholder);
  if (node != NULL)
    node_label_rect (self, node, &lx, &ly, &lw, &lh);
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

static gboolean
fit_region (double      bx,
            double      by,
            double      bw,
            double      bh,
            double      rx,
            double      ry,
            double      rw,
            double      rh,
            double      padding,
            SmViewport *viewport)
{
  double scale;

  if (rw <= 2 * padding || rh <= 2 * padding)
    return FALSE;
  scale = MIN ((rw - 2 * padding) / MAX (bw, 1.0), (rh - 2 * padding) / MAX (bh, 1.0));
  scale = MIN (scale, 1.0);
  viewport->scale = scale;
  viewport->x = bx + bw / 2 - (rx + rw / 2) / scale;
  viewport->y = by + bh / 2 - (ry + rh / 2) / scale;
  return TRUE;
}

/* A viewport of @width × @height device units that shows the whole map
 * with @padding device units around it, at no more than natural size (a
 * small map is not blown up). With SM_RENDER_LEGEND in @flags the map is
 * kept clear of the legend, beside it or above it, whichever leaves the
 * map bigger. FALSE for a map with nothing to show. */
gboolean
sm_renderer_fit_viewport (SmRenderer    *self,
                          double         width,
                          double         height,
                          double         padding,
                          SmRenderFlags  flags,
                          SmViewport    *viewport)
{
  double bx, by, bw, bh;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (viewport != NULL, FALSE);

  viewport->width = width;
  viewport->height = height;
  viewport->scale = 1.0;
  viewport->x = 0;
  viewport->y = 0;
  if (!sm_renderer_get_bounds (self, &bx, &by, &bw, &bh))
    return FALSE;

  if (flags & SM_RENDER_LEGEND)
    {
      double lw, lh;
      SmViewport beside = *viewport, above = *viewport;
      gboolean fits_beside, fits_above;

      legend_measure (self, viewport, &lw, &lh);
      lw += LEGEND_MARGIN;
      lh += LEGEND_MARGIN;
      fits_beside = lw > LEGEND_MARGIN &&
                    fit_region (bx, by, bw, bh, lw, 0, width - lw, height, padding, &beside);
      fits_above = lh > LEGEND_MARGIN &&
                   fit_region (bx, by, bw, bh, 0, 0, width, height - lh, padding, &above);
      if (fits_beside && (!fits_above || beside.scale >= above.scale))
        {
          *viewport = beside;
          return TRUE;
        }
      if (fits_above)
        {
          *viewport = above;
          return TRUE;
        }
    }
  if (!fit_region (bx, by, bw, bh, 0, 0, width, height, padding, viewport))
    fit_region (bx, by, bw, bh, 0, 0, width, height, 0, viewport);
  return TRUE;
}

/* How many stakeholders the last sm_renderer_draw() drew: what is in view,
 * not what is in the map. */
guint
sm_renderer_get_drawn_count (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), 0);
  return self->drawn;
}

/* How many stakeholders and relationships the spatial index offered the
 * last sm_renderer_draw(): the work a frame did before exact culling. */
guint
sm_renderer_get_visited_count (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), 0);
  return self->visited;
}

/* Arrangements */

static const char *const arrangement_names[] = { "map", "power-interest", "ladder", "power-cube" };
#define LAST_ARRANGEMENT SM_ARRANGEMENT_POWER_CUBE

/* Shows the stakeholders as the map has them, or in a computed
 * arrangement. Positions in an arrangement are the renderer's own: drawing
 * and hit-testing use them, the map keeps its x and y. */
void
sm_renderer_set_arrangement (SmRenderer   *self,
                             SmArrangement arrangement)
{
  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (arrangement <= LAST_ARRANGEMENT);

  if (self->arrangement == arrangement)
    return;
  self->arrangement = arrangement;
  self->layout_dirty = TRUE;
}

SmArrangement
sm_renderer_get_arrangement (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), SM_ARRANGEMENT_MAP);
  return self->arrangement;
}

/* Where @stakeholder is drawn in the current arrangement, in map units;
 * FALSE when it is not drawn (a map position never set). */
gboolean
sm_renderer_get_position (SmRenderer *self,
                          SmRecord   *stakeholder,
                          double     *x,
                          double     *y)
{
  Node *node;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), FALSE);

  ensure_layout (self);
  node = g_hash_table_lookup (self->nodes, stakeholder);
  if (node == NULL || !node->placed)
    return FALSE;
  if (x != NULL)
    *x = node->x;
  if (y != NULL)
    *y = node->y;
  return TRUE;
}

/* A part of the power–interest grid or of the Power Cube, in map units;
 * FALSE when the current arrangement does not draw it. */
gboolean
sm_renderer_get_region (SmRenderer *self,
                        SmRegion    region,
                        double     *x,
                        double     *y,
                        double     *width,
                        double     *height)
{
  double rx, ry, rw, rh;
  Cube *cube = &self->cube;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);

  ensure_layout (self);
  if (self->arrangement == SM_ARRANGEMENT_POWER_INTEREST && region <= SM_REGION_NOT_RATED)
    {
      region_rect (self, region, &rx, &ry, &rw, &rh);
      if (region == SM_REGION_NOT_RATED)
        rh = MAX (rh, self->bg_height - AXIS_MARGIN);
    }
  else if (self->arrangement == SM_ARRANGEMENT_POWER_CUBE && region == SM_REGION_CUBE)
    rx = 0, ry = 0, rw = cube->width, rh = cube->height;
  else if (self->arrangement == SM_ARRANGEMENT_POWER_CUBE && region == SM_REGION_NO_SPACE)
    rx = cube->strip_x, ry = cube->strip_y, rw = cube->strip_width, rh = cube->strip_height;
  else if (self->arrangement == SM_ARRANGEMENT_POWER_CUBE && region == SM_REGION_UNPLACED &&
           cube->unplaced->len > 0)
    rx = cube->unplaced_x, ry = cube->unplaced_y, rw = cube->unplaced_width, rh = cube->unplaced_height;
  else
    return FALSE;
  if (x != NULL)
    *x = rx;
  if (y != NULL)
    *y = ry;
  if (width != NULL)
    *width = rw;
  if (height != NULL)
    *height = rh;
  return TRUE;
}

/* "map", "power-interest", "ladder", "power-cube": for actions and
 * settings. */
/* The space or decision drawn at map point (@x, @y): a decision's line, or
 * else a space's card. Only the Power Cube draws them; NULL elsewhere. */
SmRecord *
sm_renderer_hit_place (SmRenderer *self,
                       double      x,
                       double      y)
{
  static const SmRecordKind kinds[] = { SM_RECORD_DECISION, SM_RECORD_SPACE };

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  if (self->arrangement != SM_ARRANGEMENT_POWER_CUBE)
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      SmCollection *records = sm_map_get_collection (self->map, kinds[k]);

      for (guint i = 0; i < sm_collection_get_size (records); i++)
        {
          SmRecord *record = sm_collection_get (records, i);
          double rx, ry, rw, rh;

          if (sm_renderer_get_record_region (self, record, &rx, &ry, &rw, &rh) &&
              x >= rx && x <= rx + rw && y >= ry && y <= ry + rh)
            return record;
        }
    }
  return NULL;
}

GHashTable *
sm_render_marks_from_evaluation (const SmEvaluation *evaluation)
{
  static const struct
  {
    const char *rule;
    SmMarks mark;
  } sources[] = {
    { "AI-04", SM_MARK_FEW_TIES },
    { "OT-04", SM_MARK_GATEKEEPER },
    { "EP-02", SM_MARK_DEPENDENT },
  };
  GHashTable *marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (evaluation != NULL, NULL);

  for (guint i = 0; i < evaluation->rules->len; i++)
    {
      SmRuleResult *result = g_ptr_array_index (evaluation->rules, i);

      if (result->status != SM_RULE_WARN && result->status != SM_RULE_FAIL && result->status != SM_RULE_INFO)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
        {
          if (g_strcmp0 (sm_rule_def_get_id (result->rule), sources[k].rule) != 0)
            continue;
          for (guint e = 0; e < result->evidence->len; e++)
            {
              SmEvidence *evidence = g_ptr_array_index (result->evidence, e);
              guint was;

              if (g_strcmp0 (evidence->type, "stakeholder") != 0 || evidence->id == NULL)
                continue;
              was = GPOINTER_TO_UINT (g_hash_table_lookup (marks, evidence->id));
              g_hash_table_insert (marks, g_strdup (evidence->id), GUINT_TO_POINTER (was | sources[k].mark));
            }
        }
    }
  if (g_hash_table_size (marks) == 0)
    g_clear_pointer (&marks, g_hash_table_unref);
  return marks;
}

const char *
sm_arrangement_to_string (SmArrangement arrangement)
{
  g_return_val_if_fail (arrangement <= LAST_ARRANGEMENT, NULL);
  return arrangement_names[arrangement];
}

gboolean
sm_arrangement_from_string (const char    *name,
                            SmArrangement *arrangement)
{
  for (guint i = 0; i < G_N_ELEMENTS (arrangement_names); i++)
    if (g_strcmp0 (name, arrangement_names[i]) == 0)
      {
        if (arrangement != NULL)
          *arrangement = i;
        return TRUE;
      }
  return FALSE;
}

/* Where the Power Cube draws @record, in map units: a space's card, or a
 * decision's line in its space's card or in the strip of decisions placed
 * in no space. FALSE in another arrangement or for other records. */
gboolean
sm_renderer_get_record_region (SmRenderer *self,
                               SmRecord   *record,
                               double     *x,
                               double     *y,
                               double     *width,
                               double     *height)
{
  const char *id;
  GPtrArray *items;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (record), FALSE);

  if (self->arrangement != SM_ARRANGEMENT_POWER_CUBE)
    return FALSE;
  ensure_layout (self);
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_SPACE:
      items = self->cube.cards;
      break;
    case SM_RECORD_DECISION:
      items = self->cube.decisions;
      break;
    default:
      return FALSE;
    }
  id = sm_record_get_id (record);
  for (guint i = 0; id != NULL && i < items->len; i++)
    {
      CubeItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->id, id) != 0)
        continue;
      if (x != NULL)
        *x = item->x;
      if (y != NULL)
        *y = item->y;
      if (width != NULL)
        *width = item->width;
      if (height != NULL)
        *height = item->height;
      return TRUE;
    }
  return FALSE;
}

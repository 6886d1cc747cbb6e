/* sm-render-legend.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The legend: what the map in view holds, explained in a corner of the
 * view, in every view and every export. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-render-private.h"

#define LEGEND_PAD 12.0
#define LEGEND_ROW 19.0
#define LEGEND_SWATCH 30.0
#define LEGEND_COLUMN_GAP 22.0

/* Adds to @l what @node shows, when it is drawn. */
void
_sm_render_legend_note_node (Legend     *l,
                             const Node *node)
{
  if (!node->placed)
    return;
  l->kinds |= 1u << node->kind;
  l->sides |= 1u << node->side;
  l->unknown_influence |= node->unknown_influence;
  l->lived[node->lived] = TRUE;
}

/* Adds to @l what @edge shows, when it is drawn. */
void
_sm_render_legend_note_edge (Legend     *l,
                             const Edge *edge)
{
  if (_sm_render_edge_is_placed (edge))
    _sm_render_legend_note_mark (l, _sm_render_legend_mark (edge));
}

/* What @edge shows in the legend, in a byte: its direction, form, whether
 * it is a conflict and who holds power. Laying out a view reads the bytes
 * in a row (SmRenderer.edge_legend) rather than every relationship. */
guint8
_sm_render_legend_mark (const Edge *edge)
{
  return edge->direction | edge->form << 2 | (edge->conflict ? 1 : 0) << 4 | edge->holder << 5;
}

void
_sm_render_legend_note_mark (Legend *l,
                             guint8  mark)
{
  Holder holder = mark >> 5 & 3;

  l->direction[mark & 3] = TRUE;
  l->form[mark >> 2 & 3] = TRUE;
  l->conflict |= (mark >> 4 & 1) != 0;
  l->power |= holder == HOLDER_SOURCE || holder == HOLDER_TARGET;
  l->power_unknown |= holder == HOLDER_UNKNOWN;
}

/* What the legend explains, found again after a change. Laying out a view
 * finds it on its way (_sm_render_ensure_layout()). */
static void
ensure_legend (SmRenderer *self)
{
  Legend *l = &self->legend;

  if (!self->legend_dirty)
    return;
  /* Through the lists in the map's order, not the tables: see
   * SmRenderer.node_list. */
  _sm_render_ensure_order (self);
  memset (l, 0, sizeof *l);
  for (guint i = 0; i < self->node_list->len; i++)
    _sm_render_legend_note_node (l, g_ptr_array_index (self->node_list, i));
  for (guint i = 0; i < self->edge_list->len; i++)
    _sm_render_legend_note_edge (l, g_ptr_array_index (self->edge_list, i));
  self->legend_dirty = FALSE;
}

/* Legend */

typedef enum
{
  SWATCH_NONE,
  SWATCH_SIDE,
  SWATCH_GROUP,
  SWATCH_SIZE,
  SWATCH_UNKNOWN,
  SWATCH_TOWER,
  SWATCH_LIVED,
  SWATCH_EDGE,
  SWATCH_COMPARE, /* arg: SmDiffChange */
} SwatchKind;

typedef struct
{
  SwatchKind swatch;
  int        arg; /* side, group, lived value */
  Direction  direction;
  Form       form;
  gboolean   conflict;
  Holder     holder;
  char      *text;
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
  static const SmSide      sides[] = { SM_SIDE_COMMUNITY, SM_SIDE_INSTITUTIONAL, SM_SIDE_OTHER };
  static const char *const side_values[] = { "community", "institutional", "other" };
  GArray                  *rows = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  const Legend            *l = &self->legend;

  g_array_set_clear_func (rows, legend_row_clear);
  if (l->sides == 0)
    return rows;

  legend_add (rows, SWATCH_NONE, 0, _ ("Side"));
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    if (l->sides & (1u << sides[i]))
      legend_add (rows, SWATCH_SIDE, sides[i], sm_value_label (side_values[i]));

  legend_add (rows, SWATCH_NONE, 0, _ ("Kind"));
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint k = 0; k < N_KINDS; k++)
        if (_sm_render_kind_groups[k] == g && (l->kinds & (1u << k)))
          {
            if (text->len > 0)
              /* Translators: separates kinds of stakeholder in the legend */
              g_string_append (text, _ (", "));
            g_string_append (text, sm_value_label (sm_stakeholder_kinds[k]));
          }
      if (text->len > 0)
        legend_add (rows, SWATCH_GROUP, g, text->str);
    }

  legend_add (rows, SWATCH_NONE, 0, _ ("Influence"));
  legend_add (rows, SWATCH_SIZE, 0, _ ("Larger shape, more influence"));
  if (self->arrangement->influence_legend != NULL)
    legend_add (rows, SWATCH_TOWER, 0, _ (self->arrangement->influence_legend));
  if (l->unknown_influence)
    legend_add (rows, SWATCH_UNKNOWN, 0, _ ("Influence unknown"));
  if (l->lived[2])
    legend_add (rows, SWATCH_LIVED, 2, _ ("Brings lived experience to the role"));
  if (l->lived[1])
    legend_add (rows, SWATCH_LIVED, 1, _ ("Lived experience, not in this role"));
  return rows;
}

/* While another version is drawn over the map: its marks. */
static void
legend_compare_rows (SmRenderer *self,
                     GArray     *rows)
{
  gboolean added, changed, removed;

  if (!_sm_render_compare_any (self, &added, &changed, &removed))
    return;
  legend_add (rows, SWATCH_NONE, 0, _ ("Since the other version"));
  if (added)
    legend_add (rows, SWATCH_COMPARE, SM_DIFF_ADDED, _ ("Added"));
  if (changed)
    legend_add (rows, SWATCH_COMPARE, SM_DIFF_CHANGED, _ ("Changed"));
  if (removed)
    legend_add (rows, SWATCH_COMPARE, SM_DIFF_REMOVED, _ ("Removed, drawn dashed"));
}

static GArray *
legend_relationship_rows (SmRenderer *self)
{
  GArray       *rows = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  const Legend *l = &self->legend;

  g_array_set_clear_func (rows, legend_row_clear);
  if (!l->direction[0] && !l->direction[1] && !l->direction[2])
    {
      legend_compare_rows (self, rows);
      return rows;
    }

  legend_add (rows, SWATCH_NONE, 0, _ ("Relationships"));
  if (l->direction[DIRECTION_ONE_WAY])
    legend_add_edge (rows, DIRECTION_ONE_WAY, FORM_PLAIN, FALSE, HOLDER_NONE, sm_value_label ("one_way"));
  if (l->direction[DIRECTION_TWO_WAY])
    legend_add_edge (rows, DIRECTION_TWO_WAY, FORM_PLAIN, FALSE, HOLDER_NONE, sm_value_label ("two_way"));
  if (l->direction[DIRECTION_UNKNOWN])
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_NONE, _ ("Direction unknown"));
  if (l->conflict)
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, TRUE, HOLDER_NONE, sm_value_label ("conflict_tension"));
  if (l->power || l->power_unknown || l->form[FORM_HIDDEN] || l->form[FORM_INVISIBLE])
    legend_add (rows, SWATCH_NONE, 0, _ ("Power"));
  if (l->power)
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_TARGET,
                     _ ("Points to who holds more power"));
  if (l->power_unknown)
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_PLAIN, FALSE, HOLDER_UNKNOWN,
                     _ ("Power difference, holder unknown"));
  if (l->form[FORM_HIDDEN])
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_HIDDEN, FALSE, HOLDER_NONE, _ ("Hidden power"));
  if (l->form[FORM_INVISIBLE])
    legend_add_edge (rows, DIRECTION_UNKNOWN, FORM_INVISIBLE, FALSE, HOLDER_NONE, _ ("Invisible power"));
  legend_compare_rows (self, rows);
  return rows;
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
  double       cx = x + LEGEND_SWATCH / 2, cy = y + LEGEND_ROW / 2;
  const Colour neutral = { p->line[0], p->line[1], p->line[2], FALSE };

  switch (row->swatch)
    {
    case SWATCH_SIDE:
      _sm_render_shape_path (cr, row->arg, cx, cy, 6.5);
      cairo_set_source_rgba (cr, neutral.r, neutral.g, neutral.b, 0.35);
      cairo_fill_preserve (cr);
      _sm_render_set_rgb (cr, p->line);
      cairo_set_line_width (cr, 1.3);
      cairo_stroke (cr);
      break;
    case SWATCH_GROUP:
      {
        const Colour *c = &p->groups[row->arg];

        cairo_new_sub_path (cr);
        cairo_arc (cr, cx, cy, 8, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, c->r, c->g, c->b);
        cairo_fill_preserve (cr);
        _sm_render_set_outline (cr, p, c, dark);
        cairo_set_line_width (cr, 1.0);
        cairo_stroke (cr);
        _sm_render_draw_symbol (cr, p, row->arg, cx, cy, 4.8);
      }
      break;
    case SWATCH_SIZE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx - 8, cy + 3, 3.5, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx + 4, cy, 7.5, 0, 2 * G_PI);
      _sm_render_set_rgba (cr, p->line, 0.35);
      cairo_fill_preserve (cr);
      _sm_render_set_rgb (cr, p->line);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      break;
    case SWATCH_UNKNOWN:
      {
        static const double dashes[] = { 3.0, 2.0 };

        cairo_new_sub_path (cr);
        cairo_arc (cr, cx, cy, 7, 0, 2 * G_PI);
        _sm_render_set_rgba (cr, p->line, 0.18);
        cairo_fill_preserve (cr);
        _sm_render_set_rgb (cr, p->line);
        cairo_set_line_width (cr, 1.4);
        cairo_set_dash (cr, dashes, 2, 0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
      break;
    case SWATCH_TOWER:
      for (int k = 0; k < 3; k++)
        _sm_render_rounded_rectangle (cr, cx - 6, cy + 5.5 - k * 4.5 - 3, 12, 3, 1);
      _sm_render_set_rgba (cr, p->strong, 0.8);
      cairo_fill (cr);
      cairo_move_to (cr, cx - 8, cy + 7);
      cairo_line_to (cr, cx + 8, cy + 7);
      _sm_render_set_rgb (cr, p->line);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      break;
    case SWATCH_LIVED:
      _sm_render_draw_lived_mark (cr, p, row->arg, cx, cy);
      break;
    case SWATCH_EDGE:
      {
        double x0 = x + 1, x1 = x + LEGEND_SWATCH - 1;

        cairo_save (cr);
        if (row->conflict)
          _sm_render_zigzag_path (cr, x0, cy, x1, cy);
        else
          {
            cairo_move_to (cr, x0, cy);
            cairo_line_to (cr, row->direction != DIRECTION_UNKNOWN ? x1 - 6 : x1, cy);
          }
        _sm_render_set_form_dash (cr, row->form, 1.0);
        _sm_render_set_rgb (cr, row->conflict ? p->conflict : p->line);
        cairo_set_line_width (cr, p->edge_width);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        cairo_translate (cr, 0, cy);
        cairo_scale (cr, 0.8, 0.8);
        if (row->direction != DIRECTION_UNKNOWN)
          _sm_render_arrowhead_path (cr, x1 / 0.8, 0, 1, 0);
        if (row->direction == DIRECTION_TWO_WAY)
          _sm_render_arrowhead_path (cr, x0 / 0.8, 0, -1, 0);
        cairo_fill (cr);
        cairo_restore (cr);
        if (row->holder != HOLDER_NONE)
          _sm_render_draw_power_mark (cr, p, row->holder, 2, cx, cy, 1, 0);
      }
      break;
    case SWATCH_COMPARE:
      _sm_render_draw_compare_badge (cr, p, dark, row->arg, cx, cy, 7.0);
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
                    guint          first,
                    guint          end,
                    double         x,
                    double         y)
{
  for (guint i = first; i < end; i++)
    {
      LegendRow     *row = &g_array_index (rows, LegendRow, i);
      double         ry = y + (i - first) * LEGEND_ROW;
      double         tx = x;
      PangoRectangle logical;

      if (row->swatch != SWATCH_NONE)
        {
          draw_legend_swatch (self, cr, p, dark, row, x, ry);
          tx += LEGEND_SWATCH + 6;
        }
      _sm_render_layout_set_legend (self, row->text);
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
        _sm_render_set_rgb (cr, p->text);
      else
        _sm_render_set_rgba (cr, p->text, 0.85);
      _sm_render_show_layout (self, cr, NULL);
      pango_layout_set_attributes (self->layout, NULL);
    }
}

#define LEGEND_MAX_COLUMNS 8

/* The legend's rows, the stakeholders' then the relationships', in
 * columns: column c holds rows start[c] to start[c + 1] - 1. */
typedef struct
{
  GArray *rows;
  double *row_widths;
  guint   n_columns;
  guint   start[LEGEND_MAX_COLUMNS + 1];
  double  column_widths[LEGEND_MAX_COLUMNS];
  double  width;
  double  height;
  double  fit;
} LegendBox;

static void
legend_box_clear (LegendBox *box)
{
  g_clear_pointer (&box->rows, g_array_unref);
  g_clear_pointer (&box->row_widths, g_free);
}

/* Columns from the row @starts given (the last is the number of rows),
 * with their widths and the box's size. */
static void
legend_set_columns (LegendBox   *box,
                    const guint *starts,
                    guint        n_columns)
{
  guint tallest = 0;

  box->n_columns = n_columns;
  box->width = LEGEND_PAD * 2;
  for (guint c = 0; c < n_columns; c++)
    {
      box->start[c] = starts[c];
      box->start[c + 1] = starts[c + 1];
      box->column_widths[c] = 0;
      for (guint i = starts[c]; i < starts[c + 1]; i++)
        box->column_widths[c] = MAX (box->column_widths[c], box->row_widths[i]);
      box->width += box->column_widths[c] + (c > 0 ? LEGEND_COLUMN_GAP : 0);
      tallest = MAX (tallest, starts[c + 1] - starts[c]);
    }
  box->height = LEGEND_PAD * 2 + tallest * LEGEND_ROW;
}

/* Where section @k ends: where the next begins, or at the last row. */
static guint
section_end (const guint *sections,
             guint        n_sections,
             guint        n_rows,
             guint        k)
{
  return k + 1 < n_sections ? sections[k + 1] : n_rows;
}

/* The shortest legend no wider than @max_width: its sections (a heading
 * and its rows) flow into as many columns as fit, in their order. FALSE
 * when even one column is too wide. */
static gboolean
legend_flow (LegendBox *box,
             double     max_width)
{
  guint sections[LEGEND_MAX_COLUMNS * 2], n_sections = 0, longest = 0;
  guint n = box->rows->len;

  for (guint i = 0; i < n; i++)
    if (g_array_index (box->rows, LegendRow, i).swatch == SWATCH_NONE && n_sections < G_N_ELEMENTS (sections))
      sections[n_sections++] = i;
  if (n_sections == 0 || sections[0] != 0)
    return FALSE;
  for (guint k = 0; k < n_sections; k++)
    longest = MAX (longest, section_end (sections, n_sections, n, k) - sections[k]);

  /* The shortest height at which the sections, packed in order, fit. */
  for (guint rows = longest; rows <= n; rows++)
    {
      guint starts[LEGEND_MAX_COLUMNS + 1], n_columns = 0;
      guint k = 0;

      while (k < n_sections && n_columns < LEGEND_MAX_COLUMNS)
        {
          guint first = sections[k++];

          /* The next section joins this column while the column stays
           * @rows tall at most. */
          while (k < n_sections && section_end (sections, n_sections, n, k) - first <= rows)
            k++;
          starts[n_columns++] = first;
        }
      if (k < n_sections)
        continue;
      starts[n_columns] = n;
      legend_set_columns (box, starts, n_columns);
      if (box->width <= max_width)
        return TRUE;
    }
  return FALSE;
}

/* The same, letting a long section run on into the next column (never
 * leaving a heading alone at the foot of one): shorter still. */
static gboolean
legend_flow_rows (LegendBox *box,
                  double     max_width)
{
  guint n = box->rows->len;

  for (guint rows = MAX (2, (n + LEGEND_MAX_COLUMNS - 1) / LEGEND_MAX_COLUMNS); rows <= n; rows++)
    {
      guint starts[LEGEND_MAX_COLUMNS + 1], n_columns = 0, i = 0;

      while (i < n && n_columns < LEGEND_MAX_COLUMNS)
        {
          guint end = MIN (i + rows, n);

          if (end < n && g_array_index (box->rows, LegendRow, end - 1).swatch == SWATCH_NONE)
            end--;
          starts[n_columns++] = i;
          i = end;
        }
      if (i < n)
        continue;
      starts[n_columns] = n;
      legend_set_columns (box, starts, n_columns);
      if (box->width <= max_width)
        return TRUE;
    }
  return FALSE;
}

/* FALSE when there is nothing to explain or no room to explain it. With
 * a @wrap_width, the legend takes as many columns as fit in it (a strip
 * along the canvas); otherwise two, the stakeholders' and the
 * relationships'. */
static gboolean
legend_layout (SmRenderer       *self,
               const SmViewport *viewport,
               double            wrap_width,
               LegendBox        *box)
{
  g_autoptr(GArray) right = NULL;
  guint left;

  ensure_legend (self);
  box->rows = legend_stakeholder_rows (self);
  right = legend_relationship_rows (self);
  left = box->rows->len;
  /* The rows move over, their words with them. */
  g_array_append_vals (box->rows, right->data, right->len);
  g_array_set_clear_func (right, NULL);
  if (box->rows->len == 0)
    return FALSE;

  box->row_widths = g_new0 (double, box->rows->len);
  for (guint i = 0; i < box->rows->len; i++)
    {
      LegendRow     *row = &g_array_index (box->rows, LegendRow, i);
      PangoRectangle logical;
      double         indent = row->swatch == SWATCH_NONE ? 0 : LEGEND_SWATCH + 6;

      _sm_render_layout_set_legend (self, row->text);
      pango_layout_get_extents (self->layout, NULL, &logical);
      box->row_widths[i] = indent + (double) logical.width / PANGO_SCALE;
    }

  if (wrap_width > 0 && legend_flow (box, wrap_width))
    {
      guint  starts[LEGEND_MAX_COLUMNS + 1], n_columns = box->n_columns;
      double height = box->height;

      /* Whole sections when that is as short; otherwise run on. */
      memcpy (starts, box->start, sizeof starts);
      if (!legend_flow_rows (box, wrap_width) || box->height >= height)
        legend_set_columns (box, starts, n_columns);
    }
  else if (wrap_width > 0 && legend_flow_rows (box, wrap_width))
    ;
  else
    {
      guint starts[3] = { 0, left, box->rows->len };

      if (left == 0 || left == box->rows->len)
        legend_set_columns (box, (guint[]) { 0, box->rows->len }, 1);
      else
        legend_set_columns (box, starts, 2);
    }

  /* A small view gets a smaller legend rather than a cut one. */
  box->fit = MIN (1.0, MIN ((viewport->width - 2 * LEGEND_MARGIN) / box->width,
                            (viewport->height - 2 * LEGEND_MARGIN) / box->height));
  return box->fit > 0.2;
}

/* The legend's size in device units, margin included; zero when none. */
void
_sm_render_legend_measure (SmRenderer       *self,
                           const SmViewport *viewport,
                           double           *width,
                           double           *height)
{
  LegendBox box = { 0 };

  *width = *height = 0;
  if (legend_layout (self, viewport, 0, &box))
    {
      *width = box.width * box.fit + LEGEND_MARGIN;
      *height = box.height * box.fit + LEGEND_MARGIN;
    }
  legend_box_clear (&box);
}

static void
draw_legend_box (SmRenderer    *self,
                 cairo_t       *cr,
                 const Palette *p,
                 gboolean       dark,
                 LegendBox     *box)
{
  double width = box->width, height = box->height, r = 8, x = LEGEND_PAD;

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

  for (guint c = 0; c < box->n_columns; c++)
    {
      draw_legend_column (self, cr, p, dark, box->rows, box->start[c], box->start[c + 1], x, LEGEND_PAD);
      x += box->column_widths[c] + LEGEND_COLUMN_GAP;
    }
}

void
_sm_render_draw_legend (SmRenderer       *self,
                        cairo_t          *cr,
                        const Palette    *p,
                        gboolean          dark,
                        const SmViewport *viewport)
{
  LegendBox box = { 0 };

  if (legend_layout (self, viewport, 0, &box))
    {
      cairo_translate (cr, LEGEND_MARGIN, viewport->height - LEGEND_MARGIN - box.height * box.fit);
      cairo_scale (cr, box.fit, box.fit);
      draw_legend_box (self, cr, p, dark, &box);
    }
  legend_box_clear (&box);
}

/* A view large enough for the legend at its natural size. */
static const SmViewport roomy = { 1.0, 0, 0, 1e6, 1e6 };

gboolean
sm_renderer_get_legend_size (SmRenderer *self,
                             double     *width,
                             double     *height)
{
  return sm_renderer_get_legend_size_for_width (self, 0, width, height);
}

/* The same, as a strip at most @max_width wide (0: two columns, the
 * stakeholders' and the relationships'): as many columns as fit, so the
 * legend under a canvas takes as little of its height as it can. */
gboolean
sm_renderer_get_legend_size_for_width (SmRenderer *self,
                                       double      max_width,
                                       double     *width,
                                       double     *height)
{
  LegendBox box = { 0 };
  gboolean  any;

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);

  _sm_render_ensure_order (self);
  _sm_render_ensure_layout (self);
  any = legend_layout (self, &roomy, max_width, &box);
  if (width != NULL)
    *width = any ? box.width : 0;
  if (height != NULL)
    *height = any ? box.height : 0;
  legend_box_clear (&box);
  return any;
}

void
sm_renderer_draw_legend (SmRenderer   *self,
                         cairo_t      *cr,
                         SmRenderFlags flags)
{
  sm_renderer_draw_legend_for_width (self, cr, flags, 0);
}

void
sm_renderer_draw_legend_for_width (SmRenderer   *self,
                                   cairo_t      *cr,
                                   SmRenderFlags flags,
                                   double        max_width)
{
  LegendBox box = { 0 };
  gboolean  dark = (flags & SM_RENDER_DARK) != 0;

  g_return_if_fail (SM_IS_RENDERER (self));

  _sm_render_ensure_order (self);
  _sm_render_ensure_layout (self);
  cairo_save (cr);
  if (legend_layout (self, &roomy, max_width, &box))
    {
      const Palette *p = _sm_render_get_palette (self, &dark);

      draw_legend_box (self, cr, p, dark, &box);
    }
  cairo_restore (cr);
  legend_box_clear (&box);
}

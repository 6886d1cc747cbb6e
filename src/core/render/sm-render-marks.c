/* sm-render-marks.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Findings on the map (principles.md §8.3): rings and a few words around
 * the stakeholders the evaluation points at. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-render-private.h"

/* Findings on the map (§8.3): Okabe–Ito reddish purple, each kind with its
 * own line and its words above the node, so colour is never the only cue. */
static const double mark_colour[3] = { 0xCC / 255., 0x79 / 255., 0xA7 / 255. };

SmMarks
_sm_render_node_marks (const SmRenderState *state,
                       const Node          *node)
{
  return state->marks != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (state->marks, node->id)) : 0;
}

/* A ring for each mark: dotted for few ties, solid for a gatekeeper,
 * dashed for someone who relies on others. */
void
_sm_render_draw_mark_rings (cairo_t    *cr,
                            const Node *node,
                            SmMarks     marks,
                            double      scale)
{
  static const double dotted[] = { 1.5, 3.0 };
  static const double dashed[] = { 6.0, 3.0 };
  double              radius = node->r + MAX (5.0, 3.0 / scale);

  cairo_save (cr);
  _sm_render_set_rgb (cr, mark_colour);
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
      _sm_render_shape_path (cr, node->side, node->x, node->y, radius);
      cairo_stroke (cr);
      radius += MAX (4.0, 3.0 / scale);
    }
  cairo_restore (cr);
}

/* The words for a node's marks, above it: "few ties · gatekeeper". */
void
_sm_render_draw_mark_words (SmRenderer    *self,
                            cairo_t       *cr,
                            const Palette *p,
                            const Node    *node,
                            SmMarks        marks,
                            Room          *room)
{
  g_autoptr(GString) words = g_string_new (NULL);
  /* They grow with names, so they stay readable when zoomed out. */
  double zoom = self->name_zoom;
  double width, height, x, y, pad = 3 * zoom, box[4];
  guint  n = 0;

  if (marks & SM_MARK_FEW_TIES)
    g_string_append_printf (words, "%s%s", n++ > 0 ? " · " : "", _ ("few or no ties"));
  if (marks & SM_MARK_GATEKEEPER)
    g_string_append_printf (words, "%s%s", n++ > 0 ? " · " : "", _ ("a route to decision-makers"));
  if (marks & SM_MARK_DEPENDENT)
    g_string_append_printf (words, "%s%s", n++ > 0 ? " · " : "", _ ("relies on others’ power"));

  _sm_render_layout_set_text (self, words->str, 9.0 * zoom, TRUE, 0, 1, PANGO_ALIGN_LEFT);
  _sm_render_layout_get_size (self, &width, &height);
  x = node->x - width / 2;
  /* Above the outermost ring, which has the node's shape: a diamond
   * reaches further up than a circle of the same radius. */
  y = node->y - MAX (_sm_render_node_extent (node), _sm_render_shape_extent (node->side, node->r + 5 + 4 * (n - 1))) - 3 * zoom - height -
      2 * pad;
  /* Never over a name or another mark's words. */
  box[0] = x - pad, box[1] = y, box[2] = width + 2 * pad, box[3] = height + 2 * pad;
  if (!_sm_render_room_free (room, box))
    return;
  _sm_render_room_take (room, box);
  cairo_save (cr);
  _sm_render_rounded_rectangle (cr, x - pad, y, width + 2 * pad, height + 2 * pad, (height + 2 * pad) / 2);
  _sm_render_set_rgba (cr, p->background, 0.92);
  cairo_fill_preserve (cr);
  _sm_render_set_rgb (cr, mark_colour);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y + pad);
  _sm_render_set_rgb (cr, p->text);
  _sm_render_show_layout (self, cr, NULL);
  cairo_restore (cr);
}

GHashTable *
sm_render_marks_from_evaluation (const SmEvaluation *evaluation)
{
  static const struct
  {
    const char *rule;
    SmMarks     mark;
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
              guint       was;

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

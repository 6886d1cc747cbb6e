/* sm-render.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The renderer itself: its cache of the map (stakeholders and relationships
 * read once per change, in a spatial index), kept in step with the map's
 * signals, and the frame that draws them in order. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-render-private.h"

G_DEFINE_FINAL_TYPE (SmRenderer, sm_renderer, G_TYPE_OBJECT)

/* Nodes */

static guint
kind_index (const char *kind)
{
  for (guint i = 0; i < N_KINDS && sm_stakeholder_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, sm_stakeholder_kinds[i]) == 0)
      return i;
  return KIND_OTHER;
}

static void
node_read (Node *node)
{
  SmRecord *record = node->record;
  double    influence = sm_record_get_score (record, "influence");

  node->map_placed = sm_stakeholder_get_position (record, &node->map_x, &node->map_y) &&
                     isfinite (node->map_x) && isfinite (node->map_y);
  /* An arrangement other than the map puts it back in _sm_render_ensure_layout(). */
  node->placed = node->map_placed;
  node->x = node->map_x;
  node->y = node->map_y;
  node->unknown_influence = !SM_IS_KNOWN (influence);
  node->influence = node->unknown_influence ? 0.0 : CLAMP (influence, 0.0, 10.0);
  node->r = _sm_render_radius_for_influence (node->unknown_influence ? UNKNOWN_INFLUENCE : influence);
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
  g_free (node->label_more);
  g_free (node);
}

static void
edge_free (gpointer data)
{
  Edge *edge = data;

  g_free (edge->source);
  g_free (edge->target);
  g_free (edge->pair);
  g_free (edge->bowed);
  g_free (edge);
}

/* The box a node and its longest possible name occupy, for the index. */
static void
node_box (SmRenderer *self,
          Node       *node,
          double     *box)
{
  double e = _sm_render_node_extent (node);
  double half = MAX (e, LABEL_MAX_WIDTH / 2);

  box[0] = node->x - half;
  box[1] = node->y - e;
  box[2] = node->x + half;
  box[3] = _sm_render_node_bottom (node) + LABEL_GAP + self->label_max_height;
}

/* Puts the node in the index where it is drawn, or takes it out. */
static void
node_place (SmRenderer *self,
            Node       *node)
{
  double box[4];

  _sm_render_forget_routes (self);
  _sm_render_route_index_place (self, node);
  if (!node->placed)
    {
      sm_index_remove (self->node_index, node);
      return;
    }
  node_box (self, node, box);
  sm_index_set_box (self->node_index, node, box[0], box[1], box[2], box[3]);
}

/* Edges */

Node *
_sm_render_lookup_node (SmRenderer *self,
                        const char *id)
{
  return id != NULL ? g_hash_table_lookup (self->node_ids, id) : NULL;
}

/* A stakeholder was added or removed: what was kept of the lines in view
 * is found again (each relationship's ends are resolved again by
 * replace_adjacent ()). */
static void
ids_changed (SmRenderer *self)
{
  /* 0 is never a stamp. */
  if (++self->ids_stamp == 0)
    self->ids_stamp = 1;
}

/* The stakeholders @edge joins, as _sm_render_lookup_node() finds them by
 * id (kept in the edge since it was linked, or since a stakeholder of
 * either id came or went): TRUE when both are there. */
gboolean
_sm_render_edge_ends (SmRenderer *self,
                      Edge       *edge,
                      Node      **source,
                      Node      **target)
{
  *source = edge->source_node;
  *target = edge->target_node;
  return *source != NULL && *target != NULL;
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

/* Looks up the stakeholders @edge's ids name. */
static void
edge_resolve (SmRenderer *self,
              Edge       *edge)
{
  Node *source = _sm_render_lookup_node (self, edge->source);
  Node *target = _sm_render_lookup_node (self, edge->target);

  self->ends_dirty |= source != edge->source_node || target != edge->target_node;
  edge->source_node = source;
  edge->target_node = target;
}

/* Whether the edge has a line to draw: both its stakeholders are, and
 * they are two. */
gboolean
_sm_render_edge_is_placed (const Edge *edge)
{
  Node *s = edge->source_node;
  Node *t = edge->target_node;

  return s != NULL && t != NULL && s->placed && t->placed && s != t;
}

/* Puts the edge's line in the index, or takes it out. */
static void
edge_place (SmRenderer *self,
            Edge       *edge)
{
  Node *s = edge->source_node;
  Node *t = edge->target_node;

  _sm_render_forget_routes (self);
  if (_sm_render_edge_is_placed (edge))
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
  edge->source_node = edge->target_node = NULL;
  self->ends_dirty = TRUE;
}

static void
edge_link (SmRenderer *self,
           Edge       *edge)
{
  const char *source = sm_relationship_get_source (edge->record);
  const char *target = sm_relationship_get_target (edge->record);

  edge->source = g_strdup (source);
  edge->target = g_strdup (target);
  edge_resolve (self, edge);
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
    {
      Edge *edge = g_ptr_array_index (list, i);

      edge_resolve (self, edge);
      edge_place (self, edge);
    }
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
  self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS) != 0;
  g_hash_table_insert (self->nodes, record, node);
  if (node->id != NULL)
    g_hash_table_insert (self->node_ids, node->id, node);
  ids_changed (self);
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
  _sm_render_edge_read_style (edge);
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
      self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_PLACES) != 0;
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
        Node            *node = g_hash_table_lookup (self->nodes, record);
        g_autofree char *id = NULL;

        if (node == NULL)
          return;
        /* Lines that bowed around it may now go straight. */
        _sm_render_forget_routes (self);
        id = g_strdup (node->id);
        sm_index_remove (self->node_index, node);
        _sm_render_route_index_remove (self, node);
        if (node->id != NULL && g_hash_table_lookup (self->node_ids, node->id) == node)
          g_hash_table_remove (self->node_ids, node->id);
        g_hash_table_remove (self->nodes, record);
        ids_changed (self);
        self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS) != 0;
        if (id != NULL)
          replace_adjacent (self, id);
      }
      break;
    case SM_RECORD_RELATIONSHIP:
      {
        Edge *edge = g_hash_table_lookup (self->edges, record);

        if (edge == NULL)
          return;
        /* Its parallel lines close up. */
        _sm_render_forget_routes (self);
        sm_index_remove (self->edge_index, edge);
        edge_unlink (self, edge);
        g_hash_table_remove (self->edges, record);
      }
      break;
    case SM_RECORD_SPACE:
    case SM_RECORD_DECISION:
      self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_PLACES) != 0;
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
        Node    *node = g_hash_table_lookup (self->nodes, record);
        gboolean was_placed;
        double   x, y, r;
        SmSide   side;
        guint    lived;

        if (node == NULL)
          return;
        was_placed = node->placed;
        x = node->x, y = node->y, r = node->r, side = node->side, lived = node->lived;
        node_read (node);
        /* Lines bow around its shape and its lived-experience mark. */
        _sm_render_forget_routes (self);
        self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS) != 0;
        if (path_is (path, "name"))
          node->label_valid = FALSE;
        /* The lived-experience mark reaches past a small shape. */
        if (was_placed != node->placed || x != node->x || y != node->y ||
            r != node->r || side != node->side || lived != node->lived)
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
        _sm_render_edge_read_style (edge);
        /* Its mark in the legend. */
        self->ends_dirty = TRUE;
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
      self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_PLACES) != 0;
      break;
    default:
      break;
    }
}

/* The group changed a threshold: the grid's cut may have moved. */
static void
evaluation_changed_cb (SmRenderer *self)
{
  self->layout_dirty |= (self->arrangement->follows & SM_ARRANGEMENT_FOLLOWS_THRESHOLDS) != 0;
}

static int
compare_edge_order (gconstpointer a,
                    gconstpointer b)
{
  const Edge *ea = *(const Edge *const *) a;
  const Edge *eb = *(const Edge *const *) b;

  return (ea->order > eb->order) - (ea->order < eb->order);
}

/* Numbers every stakeholder and relationship by its place in the map and
 * lists them in that order (SmRenderer.node_list, edge_list). When the
 * renderer holds one the map's collection does not, its list is the
 * table's, by the order each last had. */
void
_sm_render_ensure_order (SmRenderer *self)
{
  SmCollection  *people, *ties;
  GHashTableIter iter;
  gpointer       value;

  if (!self->order_dirty)
    return;
  people = sm_map_get_stakeholders (self->map);
  ties = sm_map_get_relationships (self->map);
  g_ptr_array_set_size (self->node_list, 0);
  g_ptr_array_set_size (self->edge_list, 0);
  for (guint i = 0, n = sm_collection_get_size (people); i < n; i++)
    {
      Node *node = g_hash_table_lookup (self->nodes, sm_collection_get (people, i));

      if (node != NULL)
        {
          node->order = i;
          g_ptr_array_add (self->node_list, node);
        }
    }
  for (guint i = 0, n = sm_collection_get_size (ties); i < n; i++)
    {
      Edge *edge = g_hash_table_lookup (self->edges, sm_collection_get (ties, i));

      if (edge != NULL)
        {
          edge->order = i;
          g_ptr_array_add (self->edge_list, edge);
        }
    }
  if (self->node_list->len != g_hash_table_size (self->nodes))
    {
      g_ptr_array_set_size (self->node_list, 0);
      g_hash_table_iter_init (&iter, self->nodes);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (self->node_list, value);
      g_ptr_array_sort (self->node_list, _sm_render_compare_node_order);
    }
  if (self->edge_list->len != g_hash_table_size (self->edges))
    {
      g_ptr_array_set_size (self->edge_list, 0);
      g_hash_table_iter_init (&iter, self->edges);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (self->edge_list, value);
      g_ptr_array_sort (self->edge_list, compare_edge_order);
    }
  for (guint i = 0; i < self->node_list->len; i++)
    ((Node *) g_ptr_array_index (self->node_list, i))->listed = i;
  self->ends_dirty = TRUE;
  self->order_dirty = FALSE;
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
  _sm_render_route_index_clear (self);
  g_clear_pointer (&self->edge_index, sm_index_free);
  g_clear_pointer (&self->pairs, g_hash_table_unref);
  g_clear_pointer (&self->adjacent, g_hash_table_unref);
  g_clear_pointer (&self->node_ids, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->edges, g_hash_table_unref);
  g_clear_pointer (&self->node_list, g_ptr_array_unref);
  g_clear_pointer (&self->edge_list, g_ptr_array_unref);
  g_clear_pointer (&self->edge_ends, g_array_unref);
  g_clear_pointer (&self->edge_legend, g_array_unref);
  g_clear_object (&self->layout);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->label_font, pango_font_description_free);
  g_clear_pointer (&self->name_font, pango_font_description_free);
  g_clear_pointer (&self->legend_font, pango_font_description_free);
  g_clear_pointer (&self->scratch, g_ptr_array_unref);
  g_clear_pointer (&self->route_scratch, g_ptr_array_unref);
  g_clear_pointer (&self->route_near, g_array_unref);
  _sm_render_halo_clear (self);
  g_clear_pointer (&self->density, cairo_surface_destroy);
  g_clear_pointer (&self->kept_lines, _sm_render_lines_free);
  g_clear_pointer (&self->view_edges, g_ptr_array_unref);
  g_clear_pointer (&self->view_segments, g_array_unref);
  g_clear_pointer (&self->near_edges, g_ptr_array_unref);
  g_clear_pointer (&self->near_segments, g_array_unref);
  g_clear_pointer (&self->compare, _sm_render_compare_free);
  if (self->laid_out != NULL && self->laid_out->clear != NULL)
    self->laid_out->clear (self);
  self->laid_out = NULL;

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
  PangoRectangle        logical;

  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_free);
  self->node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->edges = g_hash_table_new_full (NULL, NULL, NULL, edge_free);
  self->adjacent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->node_index = sm_index_new (CELL_SIZE);
  self->edge_index = sm_index_new (CELL_SIZE);
  self->node_list = g_ptr_array_new ();
  self->edge_list = g_ptr_array_new ();
  self->edge_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  self->edge_legend = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->scratch = g_ptr_array_new ();
  self->route_scratch = g_ptr_array_new ();
  self->route_limit = G_MAXDOUBLE;
  self->shape_stamp = 1;
  self->ids_stamp = 1;
  self->legend_dirty = TRUE;
  self->arrangement = _sm_arrangement_get (SM_ARRANGEMENT_MAP);
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
  self->name_font = pango_font_description_copy (self->label_font);
  self->name_zoom = 1.0;
  self->name_min = SM_RENDER_NAME_MIN_SIZE;
  self->legend_font = pango_font_description_copy (self->label_font);
  pango_font_description_set_absolute_size (self->legend_font, LEGEND_FONT_SIZE * PANGO_SCALE);

  _sm_render_layout_set_label (self, "Ag\nAg");
  pango_layout_get_extents (self->layout, NULL, &logical);
  self->label_max_height = (double) logical.height / PANGO_SCALE;
}

SmRenderer *
sm_renderer_new (SmMap *map)
{
  SmRenderer   *self;
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
  EDGE_WIDTH,
  _sm_render_group_colours,
  FALSE,
  0.0,
};

static const Palette dark_palette;

const Palette *
_sm_render_palette (gboolean dark)
{
  return dark ? &dark_palette : &light_palette;
}

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
  EDGE_WIDTH,
  _sm_render_group_colours,
  FALSE,
  0.0,
};

/* For a projector in a lit room, read from the back: near-black words and
 * outlines on white, no faint greys, lines twice as thick, and kind colours
 * saturated and dark enough that each stands at least 4.5:1 against the
 * white (and against the white symbol inside it). The hues follow the
 * Okabe & Ito ones they replace, so the legend keeps its meaning. */
static const Colour contrast_group_colours[N_GROUPS] = {
  [GROUP_LIVED] = { 0xC2 / 255., 0x54 / 255., 0x00 / 255., FALSE },
  [GROUP_PEER] = { 0x00 / 255., 0x7A / 255., 0x4A / 255., FALSE },
  [GROUP_ADVOCATE] = { 0xB8 / 255., 0x00 / 255., 0x7A / 255., FALSE },
  [GROUP_PROFESSIONAL] = { 0x00 / 255., 0x70 / 255., 0xC9 / 255., FALSE },
  [GROUP_MANAGER] = { 0x1F / 255., 0x2F / 255., 0xA8 / 255., FALSE },
  [GROUP_CIVIC] = { 0xC8 / 255., 0x10 / 255., 0x2E / 255., FALSE },
  [GROUP_PROVIDER] = { 0x7A / 255., 0x6A / 255., 0x00 / 255., FALSE },
  [GROUP_OTHER] = { 0x4A / 255., 0x4A / 255., 0x4A / 255., FALSE },
};

static const Palette contrast_palette = {
  { 1.0, 1.0, 1.0 },
  { 0.05, 0.05, 0.05 },
  { 0.10, 0.10, 0.10 },
  { 0.0, 0.0, 0.0 },
  { 0x0B / 255., 0x4F / 255., 0xB3 / 255. },
  { 0xF5 / 255., 0xA6 / 255., 0x00 / 255. },
  { 0xB3 / 255., 0x26 / 255., 0x1E / 255. },
  { 1.0, 1.0, 1.0, 1.0 },
  { 0.0, 0.0, 0.0, 0.8 },
  2 * EDGE_WIDTH,
  contrast_group_colours,
  TRUE,
  0.9,
};

/* The palette @self draws with: the high-contrast one when it is set,
 * which is for a white background whatever *@dark asked. */
const Palette *
_sm_render_get_palette (SmRenderer *self,
                        gboolean   *dark)
{
  if (self->high_contrast)
    {
      *dark = FALSE;
      return &contrast_palette;
    }
  return _sm_render_palette (*dark);
}

/**
 * sm_renderer_set_high_contrast:
 * @high_contrast: whether to draw for a projector
 *
 * Draws with the high-contrast palette: near-black words, outlines and
 * lines on white, saturated kind colours, thicker relationships. It
 * overrides %SM_RENDER_DARK.
 */
void
sm_renderer_set_high_contrast (SmRenderer *self,
                               gboolean    high_contrast)
{
  g_return_if_fail (SM_IS_RENDERER (self));
  self->high_contrast = !!high_contrast;
}

gboolean
sm_renderer_get_high_contrast (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  return self->high_contrast;
}

/* The contrast ratio of @p's words against its background, as WCAG
 * computes it: for tests and for the docs' claims. */
double
_sm_render_palette_contrast (const Palette *p,
                             const double  *colour)
{
  double l[2];

  for (int k = 0; k < 2; k++)
    {
      const double *c = k == 0 ? p->background : colour;
      double        lin[3];

      for (int i = 0; i < 3; i++)
        lin[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
      l[k] = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    }
  return (MAX (l[0], l[1]) + 0.05) / (MIN (l[0], l[1]) + 0.05);
}

/* Drawing */

int
_sm_render_compare_node_order (gconstpointer a,
                               gconstpointer b)
{
  const Node *na = *(const Node *const *) a;
  const Node *nb = *(const Node *const *) b;

  return (na->order > nb->order) - (na->order < nb->order);
}

/* Whether the stakeholder, or its name wherever it may go, is in view. */
static gboolean
node_in_view (const Node *node,
              gboolean    labels,
              double      label_width,
              double      label_height,
              double      vx0,
              double      vy0,
              double      vx1,
              double      vy1)
{
  double e = _sm_render_node_extent (node);
  double half = labels ? e + LABEL_GAP + label_width : e;
  double reach = labels ? e + LABEL_GAP + label_height : e;

  return node->x + half >= vx0 && node->x - half <= vx1 &&
         node->y + reach >= vy0 && node->y - reach <= vy1;
}

/* Every stakeholder, in the map's order, in an array of its own that
 * the arrangement may reorder. */
static GPtrArray *
nodes_in_order (SmRenderer *self)
{
  GPtrArray *nodes;

  _sm_render_ensure_order (self);
  nodes = g_ptr_array_sized_new (MAX (self->node_list->len, 1));
  if (self->node_list->len > 0)
    g_ptr_array_extend (nodes, self->node_list, NULL, NULL);
  return nodes;
}

/* Where one of SmRenderer.node_list is drawn, copied into an array by
 * _sm_render_ensure_layout() for the passes over the relationships. */
typedef struct
{
  double   x, y;
  gboolean placed;
} NodeAt;

/* No stakeholder: in SmRenderer.edge_ends, an id nobody has. */
#define NO_NODE G_MAXUINT

/* Lists, for each of SmRenderer.edge_list, the places in node_list of
 * the stakeholders its ids name (NO_NODE for none). A pass over the
 * relationships then reads two numbers each in a row, and their ends in
 * an array of the stakeholders' places, where reading each relationship
 * and both its stakeholders was a leap in memory for each (three misses
 * of the cache at 100,000). With them, in SmRenderer.edge_legend, what
 * each shows in the legend, so laying out a view reads no relationship.
 * Kept until the lists, an edge's ends or its style change (ends_dirty). */
static void
ensure_ends (SmRenderer *self)
{
  guint  *ends;
  guint8 *marks;

  _sm_render_ensure_order (self);
  if (!self->ends_dirty)
    return;
  g_array_set_size (self->edge_ends, 2 * self->edge_list->len);
  g_array_set_size (self->edge_legend, self->edge_list->len);
  ends = (guint *) (void *) self->edge_ends->data;
  marks = (guint8 *) self->edge_legend->data;
  for (guint i = 0; i < self->edge_list->len; i++)
    {
      Edge *edge = g_ptr_array_index (self->edge_list, i);

      ends[2 * i] = edge->source_node != NULL ? edge->source_node->listed : NO_NODE;
      ends[2 * i + 1] = edge->target_node != NULL ? edge->target_node->listed : NO_NODE;
      marks[i] = _sm_render_legend_mark (edge);
    }
  self->ends_dirty = FALSE;
}

/* The line of the @i-th of SmRenderer.edge_list, from @at (where each of
 * node_list is) and @ends (ensure_ends()): FALSE when it has none to draw
 * (a stakeholder missing or not drawn, or a line to itself), as
 * _sm_render_edge_is_placed() says. */
static inline gboolean
edge_line (const NodeAt *at,
           const guint  *ends,
           guint         i,
           double       *line)
{
  guint s = ends[2 * i], t = ends[2 * i + 1];

  if (s == NO_NODE || t == NO_NODE || s == t || !at[s].placed || !at[t].placed)
    return FALSE;
  line[0] = at[s].x, line[1] = at[s].y;
  line[2] = at[t].x, line[3] = at[t].y;
  return TRUE;
}

/* The edge index's cell: CELL_SIZE, unless the relationships are so long
 * on average that each would enter more than EDGE_CELLS cells. A ladder or
 * a Power Cube of 100,000 puts people in rows a hundred thousand units
 * long, and lines between random rows then crossed a hundred cells each:
 * filling the index took seconds. Queries stay exact (the renderer culls
 * what the index offers), so the cell changes the work, never the
 * picture; maps whose lines are a few thousand units long keep CELL_SIZE. */
#define EDGE_CELLS 8.0

static double
edge_cell_size (const NodeAt *at,
                const guint  *ends,
                guint         n_edges)
{
  double total = 0;
  guint  n = 0;

  for (guint i = 0; i < n_edges; i++)
    {
      double line[4];

      if (!edge_line (at, ends, i, line))
        continue;
      /* Cells entered go with the run across plus the run down. */
      total += fabs (line[0] - line[2]) + fabs (line[1] - line[3]);
      n++;
    }
  if (n == 0 || !isfinite (total))
    return CELL_SIZE;
  return MAX (CELL_SIZE, total / n / EDGE_CELLS);
}

/* Puts every stakeholder where the arrangement says, and the index and the
 * relationships with them. Nothing is written to the map. */
void
_sm_render_ensure_layout (SmRenderer *self)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree NodeAt *at = NULL;
  const guint       *ends;
  const guint8      *marks;
  guint              n_edges;
  Legend             legend = { 0 };

  if (!self->layout_dirty)
    return;
  _sm_render_ensure_order (self);
  nodes = nodes_in_order (self);
  if (self->laid_out != NULL && self->laid_out->clear != NULL)
    self->laid_out->clear (self);
  self->laid_out = self->arrangement;
  self->arrangement->arrange (self, nodes);
  _sm_render_forget_routes (self);
  /* Everything moves: filling new indexes costs a pass over the map, where
   * moving each item out of a crowded cell (a hub's, crossed by all its
   * relationships) costs a search of that cell for each. */
  sm_index_free (self->node_index);
  sm_index_free (self->edge_index);
  self->node_index = sm_index_new (CELL_SIZE);
  /* Filled again by the first route that looks in it. */
  _sm_render_route_index_clear (self);
  for (guint i = 0; i < nodes->len; i++)
    {
      Node  *node = g_ptr_array_index (nodes, i);
      double box[4];

      /* The legend on the way: a pass of its own over everyone is a miss
       * of the cache for each on a large map. */
      _sm_render_legend_note_node (&legend, node);
      if (!node->placed)
        continue;
      node_box (self, node, box);
      sm_index_add_box (self->node_index, node, box[0], box[1], box[2], box[3]);
    }
  /* The relationships in the map's order, their ends read from arrays
   * (ensure_ends()), not from each relationship and stakeholder. */
  ensure_ends (self);
  at = g_new (NodeAt, MAX (self->node_list->len, 1));
  for (guint i = 0; i < self->node_list->len; i++)
    {
      Node *node = g_ptr_array_index (self->node_list, i);

      at[i] = (NodeAt) { node->x, node->y, node->placed };
    }
  ends = (const guint *) (const void *) self->edge_ends->data;
  marks = (const guint8 *) self->edge_legend->data;
  n_edges = self->edge_list->len;
  self->edge_index = sm_index_new (edge_cell_size (at, ends, n_edges));
  /* Only the edge's address goes into the index: the relationships
   * themselves, one leap in memory each, are not read. */
  for (guint i = 0; i < n_edges; i++)
    {
      double line[4];

      if (!edge_line (at, ends, i, line))
        continue;
      _sm_render_legend_note_mark (&legend, marks[i]);
      sm_index_add_segment (self->edge_index, g_ptr_array_index (self->edge_list, i), line[0], line[1], line[2],
                            line[3]);
    }
  self->layout_dirty = FALSE;
  self->legend = legend;
  self->legend_dirty = FALSE;
}

/* What an arrangement draws under the relationships. */
static void
draw_arrangement (SmRenderer          *self,
                  cairo_t             *cr,
                  const Palette       *p,
                  const SmRenderState *state,
                  double               scale)
{
  if (self->arrangement->draw_behind != NULL)
    self->arrangement->draw_behind (self, cr, p, state, scale);
}

/* What an arrangement draws over the relationships. */
static void
draw_arrangement_words (SmRenderer          *self,
                        cairo_t             *cr,
                        const Palette       *p,
                        const SmRenderState *state,
                        double               scale)
{
  if (self->arrangement->draw_over != NULL)
    self->arrangement->draw_over (self, cr, p, state, scale);
}

/* Far out, a map is its shape: dots by colour and hairlines, each batch in
 * one path, which is what keeps a whole 100,000-stakeholder map cheap. */
/* Liang–Barsky: clips the segment to [0, width] × [0, height]; FALSE
 * when none of it is inside. */
gboolean
_sm_render_clip_segment (double *x0,
                         double *y0,
                         double *x1,
                         double *y1,
                         double  width,
                         double  height)
{
  double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0, t1 = 1;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0, width - *x0, *y0, height - *y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }
  *x1 = *x0 + t1 * dx;
  *y1 = *y0 + t1 * dy;
  *x0 += t0 * dx;
  *y0 += t0 * dy;
  return TRUE;
}

/* The device pixels @cr's clip covers: FALSE when none, or more than a
 * mask of its own should hold (16,384 a side). */
gboolean
_sm_render_clip_pixels (cairo_t *cr,
                        int     *ox,
                        int     *oy,
                        int     *width,
                        int     *height)
{
  double cx0, cy0, cx1, cy1;

  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  cairo_user_to_device (cr, &cx0, &cy0);
  cairo_user_to_device (cr, &cx1, &cy1);
  *ox = (int) floor (MIN (cx0, cx1));
  *oy = (int) floor (MIN (cy0, cy1));
  *width = (int) ceil (MAX (cx0, cx1)) - *ox;
  *height = (int) ceil (MAX (cy0, cy1)) - *oy;
  return *width > 0 && *height > 0 && *width <= 16384 && *height <= 16384;
}

/* Whether anything drawn in @box (x, y, width, height, in map units)
 * grown by @margin on every side can show in @view (x0, y0, x1, y1), the
 * part of the map the frame is clipped to. On pixels, what falls wholly
 * outside the clip leaves no trace, so it need not be drawn: a pan's
 * strip, a few dozen pixels wide, would otherwise draw the shape and the
 * name of everyone whose name could reach it, hundreds of pixels round.
 * PDF and SVG get everything as before (self->unculled too, for tests). */
gboolean
_sm_render_box_in_view (SmRenderer   *self,
                        cairo_t      *cr,
                        const double *box,
                        double        margin,
                        const double *view)
{
  if (self->unculled || !_sm_render_is_raster (cr))
    return TRUE;
  return box[0] - margin <= view[2] && box[0] + box[2] + margin >= view[0] && box[1] - margin <= view[3] &&
         box[1] + box[3] + margin >= view[1];
}

/* Whether @cr draws pixels: an image, or a recording of a frame of known
 * size, which is how the canvas hands its frame to GTK to play back on
 * screen. PDF, SVG and open-ended recordings keep vectors. */
gboolean
_sm_render_is_raster (cairo_t *cr)
{
  cairo_surface_t  *target = cairo_get_target (cr);
  cairo_rectangle_t extents;

  switch (cairo_surface_get_type (target))
    {
    case CAIRO_SURFACE_TYPE_IMAGE:
      return TRUE;
    case CAIRO_SURFACE_TYPE_RECORDING:
      return cairo_recording_surface_get_extents (target, &extents);
    default:
      return FALSE;
    }
}

/* How much of the view (in map units) the lines would cover if drawn one
 * by one, each counted along the part of it in view. */
static double
lines_ink (const Palette *p,
           GArray        *segments,
           double         scale,
           double         vx0,
           double         vy0,
           double         vx1,
           double         vy1)
{
  double length = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);
      double         x0 = segment->x0 - vx0, y0 = segment->y0 - vy0;
      double         x1 = segment->x1 - vx0, y1 = segment->y1 - vy0;

      if (_sm_render_clip_segment (&x0, &y0, &x1, &y1, vx1 - vx0, vy1 - vy0))
        length += hypot (x1 - x0, y1 - y0);
    }
  return length * MAX (p->edge_width, 0.8 / scale);
}

static void
draw_overview (SmRenderer          *self,
               cairo_t             *cr,
               const Palette       *p,
               GPtrArray           *edges,
               GArray              *segments,
               GPtrArray           *nodes,
               const SmRenderState *state,
               double               scale)
{
  double px = 1.0 / scale;

  _sm_render_draw_texture (self, cr, p, edges, segments, scale);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      const Colour *c = &p->groups[g];
      guint         in_path = 0;

      for (guint i = 0; i < nodes->len; i++)
        {
          Node  *node = g_ptr_array_index (nodes, i);
          double r = MAX (node->r, 1.2 * px);

          if (_sm_render_kind_groups[node->kind] != g)
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

      if (_sm_render_state_has (state->highlight, node->id))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, node->x, node->y, node->r + 5 * px, 0, 2 * G_PI);
          _sm_render_set_rgb (cr, p->highlight);
          cairo_set_line_width (cr, 3 * px);
          cairo_stroke (cr);
        }
      if (_sm_render_is_selected (state, node->id))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, node->x, node->y, node->r + 3 * px, 0, 2 * G_PI);
          _sm_render_set_rgb (cr, p->accent);
          cairo_set_line_width (cr, 2 * px);
          cairo_stroke (cr);
        }
    }
}

/* The relationships whose lines cross @rect (x0, y0, x1, y1, in map
 * units) and their ends, kept for the frames that follow. */
static void
find_view_edges (SmRenderer   *self,
                 const double *rect)
{
  GPtrArray *candidates = self->scratch;

  g_clear_pointer (&self->view_edges, g_ptr_array_unref);
  g_clear_pointer (&self->view_segments, g_array_unref);
  g_clear_pointer (&self->near_edges, g_ptr_array_unref);
  g_clear_pointer (&self->near_segments, g_array_unref);
  g_ptr_array_set_size (candidates, 0);
  self->view_visited = sm_index_query (self->edge_index, rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1],
                                       candidates);
  self->view_edges = g_ptr_array_sized_new (candidates->len);
  /* Each line's ends, looked up once: the texture and the ink read them. */
  self->view_segments = g_array_sized_new (FALSE, FALSE, sizeof (Segment), candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      Edge *edge = g_ptr_array_index (candidates, i);
      Node *s, *t;

      if (_sm_render_edge_ends (self, edge, &s, &t) &&
          _sm_render_segment_meets_rect (s->x, s->y, t->x, t->y, rect[0], rect[1], rect[2], rect[3]))
        {
          Segment segment = { s->x, s->y, t->x, t->y };

          g_ptr_array_add (self->view_edges, edge);
          g_array_append_val (self->view_segments, segment);
        }
    }
  g_ptr_array_set_size (candidates, 0);
  memcpy (self->view_rect, rect, sizeof self->view_rect);
  self->view_shape_stamp = self->shape_stamp;
  self->view_ids_stamp = self->ids_stamp;
}

/* The relationships whose lines cross @rect (x0, y0, x1, y1, in map
 * units), with their lines, for a part of a view (SM_RENDER_PART): found
 * among those crossing the neighbourhood the renderer keeps for a pan
 * (self->near_edges), which is looked up in the index again only once
 * the strips leave it. A strip is thin, but the index's cells are as wide
 * as the lines are long, so a strip visited as many lines in the index as
 * the whole view; going through the lines of the neighbourhood, ends and
 * all in one array, costs a fraction of that. The lines found are the
 * same as the index would give (each tested against @rect exactly), in
 * another order, which changes nothing drawn: a texture counts lines, and
 * lines drawn one by one are sorted. The view's own lines stay as they
 * are for the next full frame. */
static void
find_part_edges (SmRenderer   *self,
                 const double *rect,
                 GPtrArray   **edges,
                 GArray      **segments)
{
  /* The neighbourhood: the strip and a view's size round it (the last
   * full view's, or the strip's own when larger), which holds the strips
   * of the next half view of panning either way, columns and rows alike.
   * One kept from a view zoomed much further out is looked up afresh:
   * going through its lines would cost more than the index. */
  double half_w = (rect[2] - rect[0]) / 2 + MAX (self->view_rect[2] - self->view_rect[0], rect[2] - rect[0]);
  double half_h = (rect[3] - rect[1]) / 2 + MAX (self->view_rect[3] - self->view_rect[1], rect[3] - rect[1]);

  if (self->near_edges == NULL || self->near_shape_stamp != self->shape_stamp ||
      self->near_ids_stamp != self->ids_stamp || rect[0] < self->near_rect[0] || rect[1] < self->near_rect[1] ||
      rect[2] > self->near_rect[2] || rect[3] > self->near_rect[3] ||
      self->near_rect[2] - self->near_rect[0] > 4 * half_w || self->near_rect[3] - self->near_rect[1] > 4 * half_h)
    {
      GPtrArray *candidates = self->scratch;
      double     cx = (rect[0] + rect[2]) / 2, cy = (rect[1] + rect[3]) / 2;

      g_clear_pointer (&self->near_edges, g_ptr_array_unref);
      g_clear_pointer (&self->near_segments, g_array_unref);
      self->near_rect[0] = cx - half_w, self->near_rect[1] = cy - half_h;
      self->near_rect[2] = cx + half_w, self->near_rect[3] = cy + half_h;
      g_ptr_array_set_size (candidates, 0);
      self->visited += sm_index_query (self->edge_index, self->near_rect[0], self->near_rect[1],
                                       self->near_rect[2] - self->near_rect[0],
                                       self->near_rect[3] - self->near_rect[1], candidates);
      self->near_edges = g_ptr_array_sized_new (candidates->len);
      self->near_segments = g_array_sized_new (FALSE, FALSE, sizeof (Segment), candidates->len);
      for (guint i = 0; i < candidates->len; i++)
        {
          Edge *edge = g_ptr_array_index (candidates, i);
          Node *s, *t;

          if (_sm_render_edge_ends (self, edge, &s, &t))
            {
              Segment segment = { s->x, s->y, t->x, t->y };

              g_ptr_array_add (self->near_edges, edge);
              g_array_append_val (self->near_segments, segment);
            }
        }
      g_ptr_array_set_size (candidates, 0);
      self->near_shape_stamp = self->shape_stamp;
      self->near_ids_stamp = self->ids_stamp;
    }

  *edges = g_ptr_array_new ();
  *segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->visited += self->near_edges->len;
  for (guint i = 0; i < self->near_edges->len; i++)
    {
      const Segment *segment = &g_array_index (self->near_segments, Segment, i);

      if (MAX (segment->x0, segment->x1) < rect[0] || MIN (segment->x0, segment->x1) > rect[2] ||
          MAX (segment->y0, segment->y1) < rect[1] || MIN (segment->y0, segment->y1) > rect[3])
        continue;
      if (_sm_render_segment_meets_rect (segment->x0, segment->y0, segment->x1, segment->y1, rect[0], rect[1],
                                         rect[2], rect[3]))
        {
          g_ptr_array_add (*edges, g_ptr_array_index (self->near_edges, i));
          g_array_append_val (*segments, *segment);
        }
    }
}

/* Adds @id's relationship, if it is one, to @set. */
static void
add_picked_edge (SmRenderer *self,
                 GHashTable *set,
                 const char *id)
{
  SmRecord *record = id != NULL ? sm_map_lookup (self->map, id) : NULL;
  Edge     *edge = record != NULL ? g_hash_table_lookup (self->edges, record) : NULL;

  if (edge != NULL)
    g_hash_table_add (set, edge);
}

/* The relationships of @edges the user picked (selected, highlighted or
 * hovered), in @edges' order, appended to @picked: what is drawn whole
 * over a texture of lines. The picked ids are few and the lines in view
 * tens of thousands, so the ids are turned into relationships once and
 * each line is tested by pointer; reading every line's id (a search of
 * its members) and looking it up in the selection was a third of a strip
 * of a pan over the 100,000-stakeholder map. */
static void
find_picked_edges (SmRenderer          *self,
                   const SmRenderState *state,
                   GPtrArray           *edges,
                   GPtrArray           *picked)
{
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);

  if (state->selection != NULL)
    {
      const GPtrArray *ids = sm_selection_get_ids (state->selection);

      for (guint i = 0; i < ids->len; i++)
        add_picked_edge (self, set, g_ptr_array_index (ids, i));
    }
  if (state->highlight != NULL)
    {
      GHashTableIter iter;
      gpointer       key;

      g_hash_table_iter_init (&iter, state->highlight);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        add_picked_edge (self, set, key);
    }
  add_picked_edge (self, set, state->hover_id);
  if (g_hash_table_size (set) == 0)
    return;
  for (guint i = 0; i < edges->len; i++)
    if (g_hash_table_contains (set, g_ptr_array_index (edges, i)))
      g_ptr_array_add (picked, g_ptr_array_index (edges, i));
}

/* Zoomed out past names, the stakeholders someone picked keep theirs, at
 * a size the room can read: the selected, the focused and the
 * highlighted (a finding's evidence, a search's matches). */
static void
draw_kept_names (SmRenderer          *self,
                 cairo_t             *cr,
                 const Palette       *p,
                 GPtrArray           *nodes,
                 const SmRenderState *state,
                 double               scale,
                 const double        *view)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  Room   room = { 0 }, heads = { 0 };
  double zoom = self->name_zoom;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (_sm_render_is_selected (state, node->id) || _sm_render_state_has (state->highlight, node->id) ||
          g_strcmp0 (state->focus_id, node->id) == 0)
        g_ptr_array_add (kept, node);
    }
  if (kept->len == 0)
    return;
  g_ptr_array_sort (kept, _sm_render_compare_node_order);
  _sm_render_set_name_zoom (self, MAX (1.0, self->name_min / (LABEL_FONT_SIZE * scale)));
  _sm_render_room_init (&room, 2 * self->label_max_height * self->name_zoom);
  _sm_render_room_init (&heads, 2 * self->label_max_height * self->name_zoom);
  _sm_render_draw_names (self, cr, p, kept, state, view, &room, &heads);
  _sm_render_room_clear (&room);
  _sm_render_room_clear (&heads);
  _sm_render_set_name_zoom (self, zoom);
}

void
sm_renderer_draw (SmRenderer          *self,
                  cairo_t             *cr,
                  const SmViewport    *viewport,
                  const SmRenderState *state)
{
  static const SmRenderState no_state = { 0 };
  gboolean                   dark;
  const Palette             *p;
  double                     scale, vx0, vy0, vx1, vy1, margin, name_width, name_height, grown;
  gboolean                   labels, overview, dense, crowded;
  Room                       room = { 0 }, heads = { 0 };
  g_autoptr(GArray) edge_marks = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  GPtrArray *candidates = self->scratch;

  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (viewport != NULL);

  if (state == NULL)
    state = &no_state;
  dark = (state->flags & SM_RENDER_DARK) != 0;
  p = _sm_render_get_palette (self, &dark);
  scale = viewport->scale > 0 ? viewport->scale : 1.0;
  labels = scale >= LOD_LABELS;
  overview = scale < LOD_DOTS;
  self->drawn = 0;
  self->visited = 0;
  self->drawing_part = (state->flags & SM_RENDER_PART) != 0;

  _sm_render_ensure_order (self);
  _sm_render_ensure_layout (self);
  _sm_render_set_name_zoom (self, _sm_render_name_zoom_for (self, scale));
  name_width = LABEL_MAX_WIDTH * self->name_zoom;
  name_height = self->label_max_height * self->name_zoom;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  if (state->flags & SM_RENDER_BACKGROUND)
    {
      _sm_render_set_rgb (cr, p->background);
      cairo_paint (cr);
    }

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -viewport->x, -viewport->y);
  self->text_floor = LOD_TEXT;
  draw_arrangement (self, cr, p, state, scale);

  vx0 = viewport->x;
  vy0 = viewport->y;
  vx1 = viewport->x + viewport->width / scale;
  vy1 = viewport->y + viewport->height / scale;
  self->route_limit = 2 * hypot (vx1 - vx0, vy1 - vy0);

  /* Regions behind everything of the map. */
  _sm_render_draw_regions (self, cr, p, state, dark, scale, vx0, vy0, vx1, vy1);

  /* Relationships first, under the stakeholders. */
  margin = EDGE_MARGIN + 6.0 / scale;
  self->clip_lines = TRUE;
  self->clip[0] = vx0 - margin, self->clip[1] = vy0 - margin;
  self->clip[2] = vx1 + margin, self->clip[3] = vy1 + margin;
  {
    double rect[4] = { vx0 - margin, vy0 - margin, vx1 + margin, vy1 + margin };

    /* The lines crossing the view are what they were for the frame
     * before when nothing has been placed, moved, added or removed since
     * (a frame redrawn for a hover or a selection). A part of a view
     * finds its own, and leaves the view's. */
    if (self->drawing_part)
      find_part_edges (self, rect, &edges, &segments);
    else
      {
        if (self->view_edges == NULL || self->view_shape_stamp != self->shape_stamp ||
            self->view_ids_stamp != self->ids_stamp || memcmp (self->view_rect, rect, sizeof rect) != 0)
          find_view_edges (self, rect);
        self->visited += self->view_visited;
        edges = g_ptr_array_copy (self->view_edges, NULL, NULL);
        segments = g_array_ref (self->view_segments);
      }
  }
  g_ptr_array_set_size (candidates, 0);
  /* The index holds each stakeholder with its name at its own size;
   * grown names reach further. */
  grown = labels ? MAX (name_width - LABEL_MAX_WIDTH / 2, name_height) : 0;
  self->visited += sm_index_query (self->node_index, vx0 - grown, vy0 - grown, vx1 - vx0 + 2 * grown,
                                   vy1 - vy0 + 2 * grown, candidates);
  nodes = g_ptr_array_sized_new (candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      Node *node = g_ptr_array_index (candidates, i);

      if (node_in_view (node, labels, name_width, name_height, vx0, vy0, vx1, vy1))
        g_ptr_array_add (nodes, node);
    }
  g_ptr_array_set_size (candidates, 0);
  self->drawn = nodes->len;
  /* A computed arrangement with more people in view than a meeting draws:
   * lines go straight, and on an image as density. Packed in rows, each
   * line would be bowed round dozens of shapes, seconds a frame, for a
   * tangle nobody follows. */
  crowded = self->arrangement->background && nodes->len > ROUTE_CROWDED;
  if (crowded)
    self->route_limit = 0;
  /* Nor are names grown there: those too small to read at this zoom are
   * left out, but for the ones picked (draw_kept_names()). Hundreds of
   * grown names find no room among so many shapes anyway. */
  if (crowded && self->name_zoom > 1.0)
    labels = FALSE;
  if (crowded)
    cairo_set_tolerance (cr, 0.5);

  /* More lines than anyone can follow, or so many that they would cover
   * the view: they are drawn as a texture. With more stakeholders than
   * can be told apart as well, the map is read as a whole. */
  dense = edges->len > CROWDED_EDGES ||
          lines_ink (p, segments, scale, vx0, vy0, vx1, vy1) > (vx1 - vx0) * (vy1 - vy0);
  if (dense && nodes->len > CROWDED_NODES)
    overview = TRUE;

  if (overview)
    {
      /* Stacking order hardly shows at this size; skip the sort. */
      draw_arrangement_words (self, cr, p, state, scale);
      draw_overview (self, cr, p, edges, segments, nodes, state, scale);
      _sm_render_draw_notes (self, cr, p, state, dark, scale, vx0, vy0, vx1, vy1);
      {
        double view[4] = { vx0, vy0, vx1, vy1 };

        draw_kept_names (self, cr, p, nodes, state, scale, view);
      }
    }
  else
    {
      /* Under a texture on pixels only the picked lines are drawn as
       * lines: they are put in order below. */
      if (!dense || !_sm_render_is_raster (cr))
        g_ptr_array_sort (edges, compare_edge_order);
      g_ptr_array_sort (nodes, _sm_render_compare_node_order);

      /* Arrowheads, power marks and the arrangement's own words (a
       * space's name, a rung's) keep their place: names and labels go
       * elsewhere. */
      if (labels)
        {
          _sm_render_room_init (&room, 2 * name_height);
          _sm_render_room_init (&heads, 2 * name_height);
          self->words_room = &room;
          self->heads_room = &heads;
          self->edge_marks = edge_marks = g_array_new (FALSE, FALSE, sizeof (EdgeMark));
        }
      if (dense || (crowded && _sm_render_draw_density (self, cr, p, segments, 0.4)))
        {
          /* The lines the user picked are drawn whole over the texture. */
          g_autoptr(GPtrArray) picked = g_ptr_array_new ();

          if (dense)
            _sm_render_draw_texture (self, cr, p, edges, segments, scale);
          find_picked_edges (self, state, edges, picked);
          g_ptr_array_sort (picked, compare_edge_order);
          for (guint i = 0; i < picked->len; i++)
            _sm_render_draw_edge (self, cr, p, g_ptr_array_index (picked, i), state, scale);
          if (crowded)
            g_ptr_array_set_size (edges, 0);
        }
      else
        {
          /* Plain lines go into one mask a colour, painted at once. */
          _sm_render_lines_begin (self, cr);
          if (scale >= LOD_MARKS)
            for (guint i = 0; i < edges->len; i++)
              _sm_render_draw_edge (self, cr, p, g_ptr_array_index (edges, i), state, scale);
          else
            _sm_render_draw_plain_edges (self, cr, p, edges, state, scale);
          _sm_render_lines_end (self, cr);
        }
      self->heads_room = NULL;
      self->edge_marks = NULL;
      draw_arrangement_words (self, cr, p, state, scale);
      self->words_room = NULL;
      {
        double view[4] = { vx0, vy0, vx1, vy1 };

        _sm_render_draw_compare_ghosts (self, cr, p, dark, scale, view);
      }
      _sm_render_draw_notes (self, cr, p, state, dark, scale, vx0, vy0, vx1, vy1);

      {
        double view[4] = { vx0, vy0, vx1, vy1 };
        /* A shape's outline, half its width outside, and a pixel of
         * antialiasing. */
        double outline = MAX (2.5, 1.0 / scale) + 2.0 / scale;
        /* Where the symbol and the badge are culled to, as shapes are. */
        const double *cull = self->unculled || !_sm_render_is_raster (cr) ? NULL : view;

        for (guint i = 0; i < nodes->len; i++)
          {
            Node  *node = g_ptr_array_index (nodes, i);
            double e = _sm_render_node_extent (node);
            double box[4] = { node->x - e, node->y - e, 2 * e, 2 * e };

            _sm_render_draw_node_under (cr, p, node, state, scale);
            if (_sm_render_box_in_view (self, cr, box, outline, view))
              _sm_render_draw_node_shape (cr, p, dark, node, scale, cull);
            _sm_render_draw_node_over (cr, p, node, state, scale);
          }
      }
      _sm_render_draw_compare_marks (self, cr, p, dark, nodes, scale);

      /* Names on top of every shape, so none hides behind a neighbour,
       * then the relationships' own words where they cover nothing. */
      if (labels)
        {
          double view[4] = { vx0, vy0, vx1, vy1 };

          _sm_render_draw_names (self, cr, p, nodes, state, view, &room, &heads);
          _sm_render_draw_compare_ghost_names (self, cr, p, view, &room);
          /* The words that follow keep off arrowheads too. */
          for (guint i = 0; i + 3 < heads.boxes->len; i += 4)
            _sm_render_room_take (&room, &g_array_index (heads.boxes, double, i));
          for (guint i = 0; i < nodes->len; i++)
            {
              Node *node = g_ptr_array_index (nodes, i);

              /* The words only where they can be read, over nothing;
               * the rings say it at any zoom. */
              if (_sm_render_node_marks (state, node) != 0 && scale >= LOD_MARK_WORDS)
                _sm_render_draw_mark_words (self, cr, p, node, _sm_render_node_marks (state, node), &room);
            }
          /* Over a texture, no one could tell which line a label is for. */
          if (!dense)
            _sm_render_draw_edge_labels (self, cr, p, edges, &room, scale, vx0, vy0, vx1, vy1);
          /* Over everything: no name ever hides which way a tie or the
           * power runs. */
          _sm_render_draw_edge_marks (self, cr, p, edge_marks);
          _sm_render_room_clear (&room);
          _sm_render_room_clear (&heads);
        }
      else
        {
          double view[4] = { vx0, vy0, vx1, vy1 };

          draw_kept_names (self, cr, p, nodes, state, scale, view);
        }
    }

  if (state->draft_source != NULL)
    {
      Node  *s = _sm_render_lookup_node (self, state->draft_source);
      double dx, dy, d;

      if (s != NULL && s->placed &&
          (d = hypot (dx = state->draft_x - s->x, dy = state->draft_y - s->y)) > s->r)
        {
          double b = _sm_render_shape_border (s->side, s->r, dx / d, dy / d);
          double dashes[] = { 6.0, 4.0 };

          cairo_move_to (cr, s->x + dx / d * b, s->y + dy / d * b);
          cairo_line_to (cr, state->draft_x - dx / d * (ARROW_LENGTH - 3),
                         state->draft_y - dy / d * (ARROW_LENGTH - 3));
          _sm_render_set_rgb (cr, p->accent);
          cairo_set_line_width (cr, MAX (2.0, 1.5 / scale));
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          _sm_render_arrowhead_path (cr, state->draft_x, state->draft_y, dx / d, dy / d);
          cairo_fill (cr);
        }
    }

  if (state->band)
    {
      cairo_rectangle (cr, state->band_x, state->band_y, state->band_width, state->band_height);
      _sm_render_set_rgba (cr, p->accent, 0.15);
      cairo_fill_preserve (cr);
      _sm_render_set_rgba (cr, p->accent, 0.8);
      cairo_set_line_width (cr, 1.0 / scale);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
  self->text_floor = 0;
  self->clip_lines = FALSE;
  self->drawing_part = FALSE;

  if (state->flags & SM_RENDER_LEGEND)
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
      cairo_clip (cr);
      _sm_render_draw_legend (self, cr, p, dark, viewport);
      cairo_restore (cr);
    }
}

static void
forget_label (gpointer key,
              gpointer value,
              gpointer user_data)
{
  ((Node *) value)->label_valid = FALSE;
}

/* The name drawn for @node: every piece of the user's text the renderer
 * draws goes through self->names. */
const char *
_sm_render_node_name (SmRenderer *self,
                      Node       *node)
{
  if (self->names != NULL)
    return sm_public_names_get_name (self->names, node->record);
  return sm_stakeholder_get_name (node->record);
}

/**
 * sm_renderer_set_public_names:
 * @names: (nullable): names made from this renderer's map, kept by the
 *   caller while set; %NULL to draw names as they are
 *
 * Draws every individual who has not agreed to be named as
 * "Participant N" (DQ-05): the pictures of the map draw it this way
 * without copying it.
 */
void
sm_renderer_set_public_names (SmRenderer    *self,
                              SmPublicNames *names)
{
  g_return_if_fail (SM_IS_RENDERER (self));

  self->names = names;
  /* Labels are measured by their text. */
  g_hash_table_foreach (self->nodes, forget_label, NULL);
}

/**
 * sm_renderer_set_name_min_size:
 * @pixels: the smallest a name is drawn, in screen pixels; 0 draws names
 *   at their own size in map units at every zoom
 *
 * Presentation on a projector asks for larger names than a laptop screen.
 */
void
sm_renderer_set_name_min_size (SmRenderer *self,
                               double      pixels)
{
  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (pixels >= 0 && pixels <= 200);

  self->name_min = pixels;
}

double
sm_renderer_get_name_min_size (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), 0);

  return self->name_min;
}

/* The size of names on the screen, in pixels, when the map is drawn at
 * @scale. */
double
sm_renderer_get_name_size (SmRenderer *self,
                           double      scale)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), 0);

  return LABEL_FONT_SIZE * _sm_render_name_zoom_for (self, scale) * scale;
}

/**
 * sm_renderer_set_text_func:
 * @func: (nullable): where text goes instead of being drawn; %NULL to draw it
 *
 * Hands every piece of text to @func instead of drawing its glyphs: an
 * SVG export keeps names as text this way.
 */
void
sm_renderer_set_text_func (SmRenderer      *self,
                           SmRenderTextFunc func,
                           gpointer         user_data)
{
  g_return_if_fail (SM_IS_RENDERER (self));

  self->text_func = func;
  self->text_data = user_data;
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

/* Shows the stakeholders as the map has them, or in a computed
 * arrangement. Positions in an arrangement are the renderer's own: drawing
 * and hit-testing use them, the map keeps its x and y. */
void
sm_renderer_set_arrangement_info (SmRenderer              *self,
                                  const SmArrangementInfo *arrangement)
{
  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (arrangement != NULL);

  if (self->arrangement == arrangement)
    return;
  self->arrangement = arrangement;
  self->layout_dirty = TRUE;
}

const SmArrangementInfo *
sm_renderer_get_arrangement_info (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);
  return self->arrangement;
}

/* The same, by position in sm_arrangements_get_all(). */
void
sm_renderer_set_arrangement (SmRenderer   *self,
                             SmArrangement arrangement)
{
  g_return_if_fail (SM_IS_RENDERER (self));
  g_return_if_fail (_sm_arrangement_get (arrangement) != NULL);

  sm_renderer_set_arrangement_info (self, _sm_arrangement_get (arrangement));
}

SmArrangement
sm_renderer_get_arrangement (SmRenderer *self)
{
  g_return_val_if_fail (SM_IS_RENDERER (self), SM_ARRANGEMENT_MAP);
  return sm_arrangement_info_get_position (self->arrangement);
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

  _sm_render_ensure_layout (self);
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

  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);

  _sm_render_ensure_layout (self);
  if (self->arrangement->get_region == NULL ||
      !self->arrangement->get_region (self, region, &rx, &ry, &rw, &rh))
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

/* The space or decision drawn at map point (@x, @y): a decision's line, or
 * else a space's card. Only the Power Cube draws them; NULL elsewhere. */
SmRecord *
sm_renderer_hit_place (SmRenderer *self,
                       double      x,
                       double      y)
{
  static const SmRecordKind kinds[] = { SM_RECORD_DECISION, SM_RECORD_SPACE };

  g_return_val_if_fail (SM_IS_RENDERER (self), NULL);

  if (self->arrangement->get_record_region == NULL)
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      SmCollection *records = sm_map_get_collection (self->map, kinds[k]);

      for (guint i = 0; i < sm_collection_get_size (records); i++)
        {
          SmRecord *record = sm_collection_get (records, i);
          double    rx, ry, rw, rh;

          if (sm_renderer_get_record_region (self, record, &rx, &ry, &rw, &rh) &&
              x >= rx && x <= rx + rw && y >= ry && y <= ry + rh)
            return record;
        }
    }
  return NULL;
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
  g_return_val_if_fail (SM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (record), FALSE);

  if (self->arrangement->get_record_region == NULL)
    return FALSE;
  _sm_render_ensure_layout (self);
  return self->arrangement->get_record_region (self, record, x, y, width, height);
}

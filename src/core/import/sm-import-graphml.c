/* sm-import-graphml.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Maps from network tools: GraphML as Gephi, networkx, Cytoscape and yEd
 * write it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-import-network.h"
#include "sm-map-private.h"

/* GraphML, as Gephi, networkx, Cytoscape and yEd write it. GMarkup expands
 * no entities and reads no DTD, so a hostile file cannot make it balloon. */

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->id);
  g_free (key->domain);
  g_free (key->name);
  g_free (key->type);
  g_free (key->default_value);
  g_free (key);
}

static void
datum_clear (gpointer data)
{
  Datum *datum = data;

  g_free (datum->key);
  g_free (datum->value);
}

static void
element_free (gpointer data)
{
  Element *element = data;

  g_free (element->id);
  g_free (element->source);
  g_free (element->target);
  g_free (element->label);
  g_array_unref (element->data);
  g_free (element);
}

const char *
sm_network_local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

const char *
sm_network_find_attribute (const char **names,
                           const char **values,
                           const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (sm_network_local_name (names[i]), wanted) == 0)
      return values[i];
  return NULL;
}

guint
sm_network_parser_line (SmNetworkParser *p)
{
  int line = 0, column = 0;

  g_markup_parse_context_get_position (p->context, &line, &column);
  return MAX (line, 1);
}

Frame *
sm_network_top_frame (SmNetworkParser *p)
{
  g_assert (p->frames->len > 0);
  return &g_array_index (p->frames, Frame, p->frames->len - 1);
}

/* What every network format's element handler starts with: the depth
 * budget and, for the first element, the format's own root element
 * @root (@format names the format in the message). Sets *@parent to the
 * enclosing frame, NULL for the root. */
gboolean
sm_network_enter_element (SmNetworkParser *p,
                          const char      *element_name,
                          const char      *root,
                          const char      *format,
                          Frame          **parent,
                          GError         **error)
{
  guint line = sm_network_parser_line (p);

  *parent = p->frames->len > 0 ? sm_network_top_frame (p) : NULL;
  if (p->frames->len >= SM_IMPORT_MAX_DEPTH)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("line %u: elements nested more than %d deep, the most an import reads"),
                   line, SM_IMPORT_MAX_DEPTH);
      return FALSE;
    }
  if (*parent == NULL && strcmp (sm_network_local_name (element_name), root) != 0)
    {
      /* TRANSLATORS: "line 1: this is not GraphML (it starts with <html>, not <graphml>)" */
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: this is not %s (it starts with <%s>, not <%s>)"),
                   line, format, element_name, root);
      return FALSE;
    }
  return TRUE;
}

gboolean
sm_network_parse_coordinate (const char *text,
                             double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value) && fabs (*value) < SM_IMPORT_COORD_MAX;
}

Key *
sm_network_lookup_key (SmNetworkParser *p,
                       const char      *id,
                       gboolean         is_edge)
{
  g_autofree char *own = g_strdup_printf ("%s\x1f%s", is_edge ? "edge" : "node", id);
  g_autofree char *all = g_strdup_printf ("all\x1f%s", id);
  Key             *key = g_hash_table_lookup (p->keys, own);

  return key != NULL ? key : g_hash_table_lookup (p->keys, all);
}

static gboolean
key_applies (Key     *key,
             gboolean is_edge)
{
  return strcmp (key->domain, "all") == 0 ||
         strcmp (key->domain, is_edge ? "edge" : "node") == 0;
}

static guint64
key_default_bytes (Key *key)
{
  return strlen (key->name != NULL ? key->name : key->id) + strlen (key->default_value);
}

/* Spends on @budget the values @element will hold: its data, and the
 * defaults of the keys known so far that it does not give. */
static gboolean
spend_element (SmNetworkParser *p,
               Element         *element,
               SmImportBudget  *budget)
{
  guint slot = element->is_edge ? 1 : 0;
  g_autoptr(GHashTable) given = NULL;
  gint64 values = p->n_defaults[slot];
  gint64 bytes = p->default_bytes[slot];

  for (guint i = 0; i < element->data->len; i++)
    {
      Datum *datum = &g_array_index (element->data, Datum, i);
      Key   *key = sm_network_lookup_key (p, datum->key, element->is_edge);

      values++;
      bytes += strlen (key != NULL && key->name != NULL ? key->name : datum->key);
      bytes += datum->value != NULL ? strlen (datum->value) : 0;
      if (key != NULL && key->default_value != NULL && key_applies (key, element->is_edge))
        {
          if (given == NULL)
            given = g_hash_table_new (NULL, NULL);
          if (g_hash_table_add (given, key))
            {
              values--;
              bytes -= key_default_bytes (key);
            }
        }
    }
  return sm_import_budget_spend (budget, MAX (values, 0), MAX (bytes, 0));
}

/* A key (GraphML) or attribute (GEXF) declared for @domain ("node",
 * "edge", "graph"; NULL for all). */
Key *
sm_network_add_key (SmNetworkParser *p,
                    const char      *id,
                    const char      *domain,
                    const char      *name,
                    const char      *type,
                    guint            line,
                    GError         **error)
{
  g_autofree char *table_key = NULL;
  Key             *key;

  /* Cytoscape reuses ids across node, edge and graph keys, so a key
   * is known by its domain and id together. */
  table_key = g_strdup_printf ("%s\x1f%s", domain != NULL ? domain : "all", id);
  if (g_hash_table_contains (p->keys, table_key))
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                   _ ("line %u: the key \"%s\" is declared twice"), line, id);
      return NULL;
    }
  if (g_hash_table_size (p->keys) >= SM_IMPORT_MAX_COLUMNS)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("line %u: more than %d keys; no real map has this many attributes"),
                   line, SM_IMPORT_MAX_COLUMNS);
      return NULL;
    }
  key = g_new0 (Key, 1);
  key->id = g_strdup (id);
  key->domain = g_strdup (domain != NULL ? domain : "all");
  key->name = g_strdup (name);
  key->type = g_strdup (type);
  g_hash_table_insert (p->keys, g_steal_pointer (&table_key), key);
  return key;
}

/* The open key is complete: its default, if any, counts for every node or
 * edge that will not give its own. */
void
sm_network_end_key (SmNetworkParser *p)
{
  if (p->key != NULL && p->key->default_value != NULL)
    for (guint slot = 0; slot < 2; slot++)
      if (key_applies (p->key, slot == 1))
        {
          p->n_defaults[slot]++;
          p->default_bytes[slot] += key_default_bytes (p->key);
        }
  p->key = NULL;
}

Element *
sm_network_add_node (SmNetworkParser *p,
                     const char      *id,
                     Element         *group,
                     guint            line,
                     GError         **error)
{
  Element *node, *other;

  if (id == NULL)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: a node without an id"), line);
      return NULL;
    }
  other = g_hash_table_lookup (p->node_ids, id);
  if (other != NULL)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                   _ ("line %u: the node id \"%s\" is used twice (first on line %u); ids must be unique"),
                   line, id, other->line);
      return NULL;
    }
  if (p->nodes->len >= SM_IMPORT_MAX_ROWS)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("line %u: more than %d nodes; no real map is this big"), line, SM_IMPORT_MAX_ROWS);
      return NULL;
    }
  node = g_new0 (Element, 1);
  node->id = g_strdup (id);
  node->index = p->nodes->len;
  node->line = line;
  node->directed = -1;
  node->group = group;
  node->data = g_array_new (FALSE, FALSE, sizeof (Datum));
  g_array_set_clear_func (node->data, datum_clear);
  g_ptr_array_add (p->nodes, node);
  g_hash_table_insert (p->node_ids, node->id, node);
  return node;
}

/* @directed: the edge's own, or -1 for the graph's, @graph_directed. */
Element *
sm_network_add_edge (SmNetworkParser *p,
                     const char      *id,
                     const char      *source,
                     const char      *target,
                     int              directed,
                     gboolean         graph_directed,
                     guint            line,
                     GError         **error)
{
  Element *edge;

  if (source == NULL || target == NULL)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: an edge without a %s"), line, source == NULL ? "source" : "target");
      return NULL;
    }
  if (p->edges->len >= SM_IMPORT_MAX_ROWS)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("line %u: more than %d edges; no real map is this big"), line, SM_IMPORT_MAX_ROWS);
      return NULL;
    }
  edge = g_new0 (Element, 1);
  edge->is_edge = TRUE;
  edge->id = g_strdup (id);
  edge->source = g_strdup (source);
  edge->target = g_strdup (target);
  edge->directed = directed;
  edge->graph_directed = graph_directed;
  edge->line = line;
  edge->data = g_array_new (FALSE, FALSE, sizeof (Datum));
  g_array_set_clear_func (edge->data, datum_clear);
  g_ptr_array_add (p->edges, edge);
  return edge;
}

/* A value of @owner for @key; its text is the caller's to fill in. */
Datum *
sm_network_add_datum (SmNetworkParser *p,
                      Element         *owner,
                      const char      *key,
                      guint            line,
                      GError         **error)
{
  Datum datum = { g_strdup (key != NULL ? key : ""), NULL };

  if (++p->n_data > SM_IMPORT_MAX_VALUES)
    {
      g_autofree char *loc = sm_import_graphml_location (line, NULL);

      g_free (datum.key);
      sm_import_budget_error (&(SmImportBudget) { p->n_data, 0 }, loc, error);
      return NULL;
    }
  g_array_append_val (owner->data, datum);
  return &g_array_index (owner->data, Datum, owner->data->len - 1);
}

/* @element is complete: what it holds is spent on the budget. */
gboolean
sm_network_end_element (SmNetworkParser *p,
                        Element         *element,
                        GError         **error)
{
  if (!spend_element (p, element, &p->budget))
    {
      g_autofree char *loc = sm_import_graphml_location (element->line, NULL);

      sm_import_budget_error (&p->budget, loc, error);
      return FALSE;
    }
  return TRUE;
}

static void
graphml_start_element (GMarkupParseContext *context,
                       const char          *element_name,
                       const char         **names,
                       const char         **values,
                       gpointer             user_data,
                       GError             **error)
{
  SmNetworkParser *p = user_data;
  const char      *name = sm_network_local_name (element_name);
  Frame            frame = { FRAME_OTHER, NULL, FALSE, NULL, NULL };
  Frame           *parent;
  guint            line = sm_network_parser_line (p);

  if (!sm_network_enter_element (p, element_name, "graphml", "GraphML", &parent, error))
    return;
  if (parent != NULL)
    {
      frame.owner = parent->owner;
      frame.directed = parent->directed;
      frame.group = parent->group;
    }

  if (p->key != NULL && strcmp (name, "key") == 0)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: a <key> inside the <key> \"%s\"; close one before opening the next"), line,
                   p->key->id);
      return;
    }
  if (parent != NULL && parent->kind == FRAME_OTHER && parent->owner == NULL && p->frames->len == 1 &&
      strcmp (name, "key") == 0)
    {
      const char *id = sm_network_find_attribute (names, values, "id");

      frame.kind = FRAME_KEY;
      if (id == NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: a <key> without an id"), line);
          return;
        }
      p->key = sm_network_add_key (p, id, sm_network_find_attribute (names, values, "for"),
                                   sm_network_find_attribute (names, values, "attr.name"),
                                   sm_network_find_attribute (names, values, "attr.type"), line, error);
      if (p->key == NULL)
        return;
    }
  else if (parent != NULL && parent->kind == FRAME_KEY && strcmp (name, "default") == 0)
    {
      frame.kind = FRAME_DEFAULT;
      g_string_truncate (p->text, 0);
    }
  else if (strcmp (name, "graph") == 0 && parent != NULL &&
           (parent->kind == FRAME_OTHER || parent->kind == FRAME_NODE || parent->kind == FRAME_EDGE) &&
           (parent->owner == NULL || parent->kind != FRAME_OTHER))
    {
      const char *edgedefault = sm_network_find_attribute (names, values, "edgedefault");

      /* A graph inside a node (yEd's groups) makes that node a space of
       * the nodes inside; their edges are read as part of the whole. */
      frame.kind = FRAME_GRAPH;
      if (parent->kind == FRAME_NODE)
        {
          parent->owner->is_group = TRUE;
          frame.group = parent->owner;
        }
      frame.owner = NULL;
      frame.directed = edgedefault != NULL && strcmp (edgedefault, "directed") == 0;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && strcmp (name, "node") == 0)
    {
      const char *id = sm_network_find_attribute (names, values, "id");
      Element    *node = sm_network_add_node (p, id, parent->group, line, error);

      if (node == NULL)
        return;
      node->is_group = g_strcmp0 (sm_network_find_attribute (names, values, "yfiles.foldertype"), "group") == 0 ||
                       g_strcmp0 (sm_network_find_attribute (names, values, "yfiles.foldertype"), "folder") == 0;
      frame.kind = FRAME_NODE;
      frame.owner = node;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && strcmp (name, "edge") == 0)
    {
      const char *source = sm_network_find_attribute (names, values, "source");
      const char *target = sm_network_find_attribute (names, values, "target");
      const char *directed = sm_network_find_attribute (names, values, "directed");
      Element    *edge = sm_network_add_edge (p, sm_network_find_attribute (names, values, "id"), source, target,
                                           directed == NULL ? -1 : strcmp (directed, "true") == 0,
                                              parent->directed, line, error);

      if (edge == NULL)
        return;
      frame.kind = FRAME_EDGE;
      frame.owner = edge;
    }
  else if (strcmp (name, "hyperedge") == 0)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_UNSUPPORTED,
                   _ ("line %u: hyperedges (relationships among more than two) cannot be imported; "
                      "replace each by edges"),
                   line);
      return;
    }
  else if (parent != NULL && (parent->kind == FRAME_NODE || parent->kind == FRAME_EDGE) &&
           strcmp (name, "data") == 0)
    {
      if (sm_network_add_datum (p, parent->owner, sm_network_find_attribute (names, values, "key"), line, error) ==
          NULL)
        return;
      frame.kind = FRAME_DATA;
      g_string_truncate (p->text, 0);
    }
  else if (frame.owner != NULL && strcmp (name, "Geometry") == 0 && !frame.owner->is_edge &&
           !frame.owner->has_geometry)
    {
      Element *node = frame.owner;

      node->has_geometry =
        sm_network_parse_coordinate (sm_network_find_attribute (names, values, "x"), &node->gx) &&
        sm_network_parse_coordinate (sm_network_find_attribute (names, values, "y"), &node->gy);
      if (!sm_network_parse_coordinate (sm_network_find_attribute (names, values, "width"), &node->gw))
        node->gw = 0;
      if (!sm_network_parse_coordinate (sm_network_find_attribute (names, values, "height"), &node->gh))
        node->gh = 0;
    }
  else if (frame.owner != NULL && frame.owner->label == NULL &&
           strcmp (name, frame.owner->is_edge ? "EdgeLabel" : "NodeLabel") == 0)
    {
      const char *has_text = sm_network_find_attribute (names, values, "hasText");

      if (has_text == NULL || strcmp (has_text, "false") != 0)
        {
          frame.kind = FRAME_LABEL;
          g_string_truncate (p->text, 0);
        }
    }

  g_array_append_val (p->frames, frame);
}

static void
graphml_end_element (GMarkupParseContext *context,
                     const char          *element_name,
                     gpointer             user_data,
                     GError             **error)
{
  SmNetworkParser *p = user_data;
  Frame            frame = *sm_network_top_frame (p);

  g_array_set_size (p->frames, p->frames->len - 1);
  switch (frame.kind)
    {
    case FRAME_KEY:
      sm_network_end_key (p);
      break;

    case FRAME_DEFAULT:
      if (p->key != NULL)
        {
          g_free (p->key->default_value);
          p->key->default_value = g_strdup (p->text->str);
        }
      break;

    case FRAME_DATA:
      {
        GArray *data = frame.owner->data;
        Datum  *datum = &g_array_index (data, Datum, data->len - 1);

        datum->value = g_strdup (p->text->str);
        break;
      }

    case FRAME_LABEL:
      g_strstrip (p->text->str);
      /* yEd nodes may carry several labels; the first is the name. */
      if (p->text->str[0] != '\0' && frame.owner->label == NULL)
        frame.owner->label = g_strdup (p->text->str);
      break;

    case FRAME_NODE:
    case FRAME_EDGE:
      sm_network_end_element (p, frame.owner, error);
      break;

    case FRAME_OTHER:
    case FRAME_GRAPH:
    default:
      break;
    }
}

static void
graphml_text (GMarkupParseContext *context,
              const char          *text,
              gsize                text_len,
              gpointer             user_data,
              GError             **error)
{
  SmNetworkParser *p = user_data;
  FrameKind        kind;

  if (p->frames->len == 0)
    return;
  kind = sm_network_top_frame (p)->kind;
  if (kind == FRAME_DEFAULT || kind == FRAME_DATA || kind == FRAME_LABEL)
    g_string_append_len (p->text, text, text_len);
}

static const GMarkupParser graphml_parser = {
  graphml_start_element,
  graphml_end_element,
  graphml_text,
  NULL,
  NULL,
};

static void
graphml_parser_clear (SmNetworkParser *p)
{
  g_clear_pointer (&p->context, g_markup_parse_context_free);
  g_clear_pointer (&p->frames, g_array_unref);
  g_clear_pointer (&p->keys, g_hash_table_unref);
  g_clear_pointer (&p->node_ids, g_hash_table_unref);
  g_clear_pointer (&p->nodes, g_ptr_array_unref);
  g_clear_pointer (&p->edges, g_ptr_array_unref);
  if (p->text != NULL)
    g_string_free (g_steal_pointer (&p->text), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SmNetworkParser, graphml_parser_clear)

/* A value the schema does not know, typed as its key declares. */
static JsonNode *
typed_value (const char *type,
             const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (type == NULL)
    return sm_import_new_string (text);
  if (strcmp (type, "int") == 0 || strcmp (type, "long") == 0)
    {
      gint64 value;

      if (g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return json_node_init_int (json_node_alloc (), value);
    }
  else if (strcmp (type, "float") == 0 || strcmp (type, "double") == 0)
    {
      char  *end = NULL;
      double value = g_ascii_strtod (trimmed, &end);

      if (end != trimmed && *end == '\0' && isfinite (value))
        return json_node_init_double (json_node_alloc (), value);
    }
  else if (strcmp (type, "boolean") == 0)
    {
      if (g_ascii_strcasecmp (trimmed, "true") == 0 || strcmp (trimmed, "1") == 0)
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (g_ascii_strcasecmp (trimmed, "false") == 0 || strcmp (trimmed, "0") == 0)
        return json_node_init_boolean (json_node_alloc (), FALSE);
    }
  return sm_import_new_string (text);
}

static gboolean
valid_id (const char *id)
{
  return id != NULL && *id != '\0' && g_utf8_strlen (id, -1) <= SM_IMPORT_MAX_ID_LENGTH;
}

/* One node or edge as a record; FALSE with @error when a value does not fit. */
static gboolean
build_element (SmImportBuilder *b,
               SmNetworkParser *p,
               Element         *element,
               GHashTable      *final_ids,
               GError         **error)
{
  SmRecordKind kind = element->is_edge ? SM_RECORD_RELATIONSHIP : SM_RECORD_STAKEHOLDER;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *label = NULL;
  g_autofree char *label_member = NULL;
  GHashTableIter   iter;
  gpointer         value;
  guint            record;

  record = sm_import_builder_add (b, kind, object, element->line);
  element->index = record;

  /* The data given, then the defaults of keys not given. */
  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = pass == 0 ? element->data->len : 0;
      g_autoptr(GPtrArray) defaults = g_ptr_array_new ();

      if (pass == 1)
        {
          g_hash_table_iter_init (&iter, p->keys);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              Key *key = value;

              if (key->default_value != NULL && key_applies (key, element->is_edge) &&
                  !g_hash_table_contains (given, key->id))
                g_ptr_array_add (defaults, key);
            }
          n = defaults->len;
        }

      for (guint i = 0; i < n; i++)
        {
          Key             *key;
          const char      *text, *name;
          SmImportTarget   target = { 0 };
          g_autofree char *message = NULL;
          JsonNode        *node;

          if (pass == 0)
            {
              Datum *datum = &g_array_index (element->data, Datum, i);

              key = sm_network_lookup_key (p, datum->key, element->is_edge);
              g_hash_table_add (given, datum->key);
              text = datum->value;
              name = key != NULL ? key->name : datum->key;
              if (key != NULL && key->name == NULL)
                continue; /* yEd graphics, read while parsing */
            }
          else
            {
              key = g_ptr_array_index (defaults, i);
              text = key->default_value;
              name = key->name != NULL ? key->name : key->id;
            }
          if (text == NULL || sm_import_is_blank (text) || name == NULL || *name == '\0')
            continue;

          /* Gephi calls an edge's label "Edge Label". */
          if (kind == SM_RECORD_RELATIONSHIP && g_ascii_strcasecmp (name, "Edge Label") == 0)
            name = "label";
          sm_import_resolve_name (kind, name, &target);
          if (target.field != NULL && target.path[1] == NULL &&
              (strcmp (target.path[0], "id") == 0 || strcmp (target.path[0], "source") == 0 ||
               strcmp (target.path[0], "target") == 0))
            {
              /* The element's own attributes say these; one that says
               * otherwise is not kept, and that is told. */
              const char      *own = strcmp (target.path[0], "id") == 0       ? element->id
                                     : strcmp (target.path[0], "source") == 0 ? element->source
                                                                              : element->target;
              g_autofree char *trimmed = g_strstrip (g_strdup (text));

              if (pass == 0 && g_strcmp0 (trimmed, own) != 0)
                {
                  g_autofree char *loc = sm_import_graphml_location (element->line, name);

                  const char *said = own != NULL ? own : "";

                  /* One whole sentence per attribute, for the translators. */
                  if (strcmp (target.path[0], "id") == 0 && !element->is_edge)
                    /* TRANSLATORS: the first %s is where in the file, the
                     * second what a data attribute says, the third the
                     * node's own id */
                    sm_import_builder_warn (b, _ ("%s: \"%s\" is not kept: the node's own id is \"%s\", and that "
                                                  "is what is read"),
                                            loc, trimmed, said);
                  else if (strcmp (target.path[0], "source") == 0)
                    /* TRANSLATORS: as above, with the edge's own source */
                    sm_import_builder_warn (b, _ ("%s: \"%s\" is not kept: the edge's own source is \"%s\", and "
                                                  "that is what is read"),
                                            loc, trimmed, said);
                  else if (strcmp (target.path[0], "target") == 0)
                    /* TRANSLATORS: as above, with the edge's own target */
                    sm_import_builder_warn (b, _ ("%s: \"%s\" is not kept: the edge's own target is \"%s\", and "
                                                  "that is what is read"),
                                            loc, trimmed, said);
                  else
                    /* TRANSLATORS: as above, with the edge's own id (only
                     * relationships have a source and a target) */
                    sm_import_builder_warn (b, _ ("%s: \"%s\" is not kept: the edge's own id is \"%s\", and that "
                                                  "is what is read"),
                                            loc, trimmed, said);
                }
              sm_import_target_clear (&target);
              continue;
            }
          if (kind == SM_RECORD_STAKEHOLDER && target.field == NULL && target.path[1] == NULL &&
              g_ascii_strcasecmp (target.path[0], "label") == 0 && label == NULL)
            {
              label = g_strdup (text);
              label_member = g_strdup (target.path[0]);
            }

          if (target.field != NULL)
            node = sm_import_convert_text (target.field, text, &message);
          else
            node = typed_value (key != NULL ? key->type : NULL, text);
          if (node == NULL)
            {
              g_autofree char *loc = sm_import_graphml_location (element->line, name);

              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE,
                           element->is_edge ? _ ("%s: %s (on the edge from \"%s\")")
                                            : _ ("%s: %s (on the node \"%s\")"),
                           loc, message, element->is_edge ? element->source : element->id);
              sm_import_target_clear (&target);
              return FALSE;
            }
          /* Gephi's y axis points up; the map's, like the screen's, down. */
          if (kind == SM_RECORD_STAKEHOLDER && target.field != NULL && target.path[1] == NULL &&
              strcmp (target.path[0], "y") == 0)
            json_node_set_double (node, json_node_get_double (node) != 0 ? -json_node_get_double (node) : 0.0);
          /* Two attributes for one field ("Influence" and "influence"):
           * the first is the field, the other is kept under its own name. */
          if (target.path[1] == NULL && json_object_has_member (object, target.path[0]) &&
              strcmp (name, target.path[0]) != 0 && !json_object_has_member (object, name))
            {
              g_autofree char *loc = sm_import_graphml_location (element->line, name);

              json_node_unref (node);
              json_object_set_member (object, name, sm_import_new_string (text));
              sm_import_builder_warn (b, _ ("%s: \"%s\" is given by another attribute too; this one is kept "
                                            "under its own name"),
                                      loc, target.path[0]);
              sm_import_target_clear (&target);
              continue;
            }
          sm_import_builder_defer_refs (b, target.field, node, kind, record, name);
          if (!sm_import_set_path (object, target.path, node))
            {
              g_autofree char *loc = sm_import_graphml_location (element->line, name);

              json_object_set_member (object, name, sm_import_new_string (text));
              sm_import_builder_warn (b, _ ("%s: \"%s\" holds a value that is not an object; this one is kept as "
                                            "text under its own name"),
                                      loc, target.path[0]);
            }
          sm_import_target_clear (&target);
        }
    }

  if (!element->is_edge)
    {
      /* The name: a name attribute, else a label, else yEd's label, else the id. */
      if (!json_object_has_member (object, "name"))
        {
          if (label != NULL)
            {
              g_autofree char *as_read = g_strdup (label);

              g_strstrip (label);
              if (strcmp (as_read, label) != 0)
                {
                  g_autofree char *loc = sm_import_graphml_location (element->line, label_member);

                  sm_import_builder_warn (b, _ ("%s: spaces around the name \"%s\" were taken off"), loc, label);
                }
              json_object_remove_member (object, label_member);
              json_object_set_string_member (object, "name", label);
            }
          else
            json_object_set_string_member (object, "name",
                                           element->label != NULL ? element->label : element->id);
        }
      if (!json_object_has_member (object, "x") && !json_object_has_member (object, "y") &&
          element->has_geometry)
        {
          double x = element->gx + element->gw / 2, y = element->gy + element->gh / 2;

          if (fabs (x) < SM_IMPORT_COORD_MAX && fabs (y) < SM_IMPORT_COORD_MAX)
            {
              json_object_set_double_member (object, "x", x);
              json_object_set_double_member (object, "y", y);
            }
        }
      if (valid_id (element->id))
        json_object_set_string_member (object, "id", element->id);
      else if (element->id != NULL)
        sm_import_builder_drop_id (b, object, element->id);
    }
  else
    {
      Element *ends[2] = {
        g_hash_table_lookup (p->node_ids, element->source),
        g_hash_table_lookup (p->node_ids, element->target),
      };

      for (guint i = 0; i < 2; i++)
        if (ends[i] == NULL)
          {
            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_REFERENCE,
                         i == 0 ? _ ("line %u: the edge comes from the node \"%s\", which is not in the file")
                                : _ ("line %u: the edge goes to the node \"%s\", which is not in the file"),
                         element->line, i == 0 ? element->source : element->target);
            return FALSE;
          }
      /* Filled in once every node has its final id. */
      json_object_set_string_member (object, "source", element->source);
      json_object_set_string_member (object, "target", element->target);
      if (!json_object_has_member (object, "label") && element->label != NULL)
        json_object_set_string_member (object, "label", element->label);
      if (!json_object_has_member (object, "direction"))
        {
          gboolean directed = element->directed >= 0 ? element->directed : element->graph_directed;

          json_object_set_string_member (object, "direction", directed ? "one_way" : "two_way");
        }
      /* Edge ids are kept unless they clash with a node's or each other's. */
      if (valid_id (element->id) && !g_hash_table_contains (final_ids, element->id))
        {
          json_object_set_string_member (object, "id", element->id);
          g_hash_table_add (final_ids, element->id);
        }
      else if (element->id != NULL)
        sm_import_builder_drop_id (b, object, element->id);
    }
  return TRUE;
}

/* A group node as a space: its name from a name or label attribute, else
 * yEd's label, else its id; the attributes the schema knows for a space
 * where they fit, the others kept under their own names. Its members are
 * added once every stakeholder has its final id. */
static JsonObject *
build_space (SmImportBuilder *b,
             SmNetworkParser *p,
             Element         *element,
             const char      *id)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  for (guint i = 0; i < element->data->len; i++)
    {
      Datum           *datum = &g_array_index (element->data, Datum, i);
      Key             *key = sm_network_lookup_key (p, datum->key, FALSE);
      const char      *name = key != NULL ? key->name : datum->key;
      SmImportTarget   target = { 0 };
      g_autofree char *message = NULL;
      JsonNode        *node = NULL;
      const char      *member;

      if ((key != NULL && key->name == NULL) || datum->value == NULL || sm_import_is_blank (datum->value) ||
          name == NULL || *name == '\0')
        continue;
      if (g_ascii_strcasecmp (name, "label") == 0 || g_ascii_strcasecmp (name, "name") == 0)
        {
          if (!json_object_has_member (object, "name"))
            {
              json_object_set_string_member (object, "name", datum->value);
              continue;
            }
        }
      sm_import_resolve_name (SM_RECORD_SPACE, name, &target);
      if (target.field == NULL)
        node = typed_value (key != NULL ? key->type : NULL, datum->value);
      else if (target.path[1] == NULL && strcmp (target.path[0], "id") != 0 &&
               !json_object_has_member (object, target.path[0]) &&
               (target.field->type == SM_FIELD_STRING || target.field->type == SM_FIELD_ENUM ||
                target.field->type == SM_FIELD_BOOLEAN || target.field->type == SM_FIELD_SCORE ||
                target.field->type == SM_FIELD_LEVEL || target.field->type == SM_FIELD_INTEGER ||
                target.field->type == SM_FIELD_NUMBER || target.field->type == SM_FIELD_DATE))
        node = sm_import_convert_text (target.field, datum->value, &message);
      /* A name the schema does not know is kept as written. */
      member = target.field == NULL ? name : target.path[0];
      if (node != NULL && !json_object_has_member (object, member))
        json_object_set_member (object, member, node);
      else
        {
          g_autofree char *loc = sm_import_graphml_location (element->line, name);

          g_clear_pointer (&node, json_node_unref);
          sm_import_builder_warn (b, _ ("%s: \"%s\" is not kept: a group is read as a space, and a space "
                                        "cannot hold this value"),
                                  loc, datum->value);
        }
      sm_import_target_clear (&target);
    }
  if (!json_object_has_member (object, "name"))
    json_object_set_string_member (object, "name", element->label != NULL ? element->label : element->id);
  json_object_set_array_member (object, "members", json_array_new ());
  return g_steal_pointer (&object);
}

/* Every group as a space, with the stakeholders inside it at any depth as
 * members: a group inside a group sits in the larger one too. Each
 * membership is counted against the import's budget. */
static gboolean
build_spaces (SmImportBuilder *b,
              SmNetworkParser *p,
              GHashTable      *final_ids,
              GError         **error)
{
  g_autoptr(GHashTable) spaces = g_hash_table_new (NULL, NULL); /* Element → JsonObject */
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SmImportBudget budget = p->budget;
  guint          made = 0;

  /* Every id a record ended with, given or made, and every group's. */
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < json_array_get_length (b->records[s]); i++)
      {
        JsonObject *object = json_array_get_object_element (b->records[s], i);

        if (json_object_has_member (object, "id"))
          g_hash_table_add (taken, g_strdup (json_object_get_string_member (object, "id")));
      }
  for (guint i = 0; i < p->nodes->len; i++)
    {
      Element *node = g_ptr_array_index (p->nodes, i);

      if (node->is_group && valid_id (node->id))
        g_hash_table_add (taken, g_strdup (node->id));
    }

  for (guint i = 0; i < p->nodes->len; i++)
    {
      Element         *node = g_ptr_array_index (p->nodes, i);
      g_autofree char *id = NULL;
      JsonObject      *space;

      if (!node->is_group)
        continue;
      if (b->spaces == NULL)
        b->spaces = json_array_new ();
      if (valid_id (node->id))
        id = g_strdup (node->id);
      else
        {
          do
            {
              g_free (id);
              id = g_strdup_printf ("space%u", ++made);
            }
          while (g_hash_table_contains (final_ids, id) || g_hash_table_contains (p->node_ids, id) ||
                 g_hash_table_contains (taken, id));
          g_hash_table_add (taken, g_strdup (id));
        }
      space = build_space (b, p, node, id);
      json_array_add_object_element (b->spaces, space);
      g_hash_table_insert (spaces, node, space);
    }
  if (b->spaces == NULL)
    return TRUE;

  for (guint i = 0; i < p->nodes->len; i++)
    {
      Element    *node = g_ptr_array_index (p->nodes, i);
      const char *id;

      if (node->is_group || node->group == NULL)
        continue;
      id = json_object_get_string_member (json_array_get_object_element (b->records[0], node->index), "id");
      for (Element *group = node->group; group != NULL; group = group->group)
        {
          JsonObject *member;

          if (!sm_import_budget_spend (&budget, 1, strlen (id)))
            {
              g_autofree char *loc = sm_import_graphml_location (node->line, NULL);

              sm_import_budget_error (&budget, loc, error);
              return FALSE;
            }
          member = json_object_new ();
          json_object_set_string_member (member, "stakeholder", id);
          json_array_add_object_element (json_object_get_array_member (g_hash_table_lookup (spaces, group), "members"),
                                         member);
        }
    }
  return TRUE;
}

/* Stakemap writes the derived side into GraphML for other tools; it is
 * not data, so it is dropped again on the way back when it still agrees. */
static void
drop_derived_side (SmMap *map)
{
  static const char *const sides[] = { "other", "community", "institutional" };
  SmCollection            *people = sm_map_get_stakeholders (map);

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *record = sm_collection_get (people, i);
      JsonNode *side = sm_record_get_value (record, "side");

      if (side != NULL && JSON_NODE_HOLDS_VALUE (side) && json_node_get_value_type (side) == G_TYPE_STRING &&
          strcmp (json_node_get_string (side), sides[sm_stakeholder_get_side (record)]) == 0)
        _sm_map_set_value (map, record, "side", NULL);
    }
}

/**
 * sm_import_graphml:
 *
 * Builds a map from GraphML: nodes become stakeholders and edges
 * relationships. Attributes named like fields of the format are read as
 * those fields; the others are kept. Labels and positions come from the
 * attributes (Gephi) or yEd's graphics.
 */
SmMap *
sm_import_graphml (GBytes  *bytes,
                   GError **error)
{
  return sm_import_graphml_full (bytes, NULL, error);
}

/* Reads @bytes with @parser, which fills @p's keys, nodes and edges, then
 * makes the map from them. */
SmMap *
sm_network_import (GBytes              *bytes,
                   const GMarkupParser *parser,
                   GStrv               *warnings,
                   GError             **error)
{
  g_auto(SmNetworkParser) p = { 0 };
  g_auto(SmImportBuilder) b = { 0 };
  g_autoptr(GHashTable) final_ids = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SmMap) map = NULL;
  const char *data;
  gsize       length;

  if (!sm_import_check_input (bytes, "", &data, &length, error))
    return NULL;
  if (sm_import_is_blank_len (data, length))
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_EMPTY, _ ("the file is empty"));
      return NULL;
    }

  p.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  p.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_free);
  p.node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  p.nodes = g_ptr_array_new_with_free_func (element_free);
  p.edges = g_ptr_array_new_with_free_func (element_free);
  p.text = g_string_new (NULL);
  p.context = g_markup_parse_context_new (parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);

  if (!g_markup_parse_context_parse (p.context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (p.context, &local_error))
    {
      if (local_error->domain == SM_IMPORT_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                     _ ("the file is not well-formed XML: %s"), local_error->message);
      return NULL;
    }

  /* Spent again with every key known (a key may come after the graph),
   * before any default is made: the defaults counted from the keys
   * themselves, which are what every node or edge gets. */
  {
    SmImportBudget budget = { 0 };
    GHashTableIter iter;
    gpointer       value;

    memset (p.n_defaults, 0, sizeof p.n_defaults);
    memset (p.default_bytes, 0, sizeof p.default_bytes);
    g_hash_table_iter_init (&iter, p.keys);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Key *key = value;

        for (guint slot = 0; slot < 2; slot++)
          if (key->default_value != NULL && key_applies (key, slot == 1))
            {
              p.n_defaults[slot]++;
              p.default_bytes[slot] += key_default_bytes (key);
            }
      }

    for (guint e = 0; e < 2; e++)
      {
        GPtrArray *elements = e == 0 ? p.nodes : p.edges;

        for (guint i = 0; i < elements->len; i++)
          {
            Element *element = g_ptr_array_index (elements, i);

            if (!spend_element (&p, element, &budget))
              {
                g_autofree char *loc = sm_import_graphml_location (element->line, NULL);

                sm_import_budget_error (&budget, loc, error);
                return NULL;
              }
          }
      }
  }

  sm_import_builder_init (&b, FALSE);
  final_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < p.nodes->len; i++)
    {
      Element *node = g_ptr_array_index (p.nodes, i);

      if (valid_id (node->id))
        g_hash_table_add (final_ids, node->id);
    }
  for (guint i = 0; i < p.nodes->len; i++)
    {
      Element *node = g_ptr_array_index (p.nodes, i);

      node->index = NOT_BUILT;
      if (!node->is_group && !build_element (&b, &p, node, final_ids, error))
        return NULL;
    }
  for (guint i = 0; i < p.edges->len; i++)
    {
      Element *edge = g_ptr_array_index (p.edges, i);
      Element *ends[2] = {
        g_hash_table_lookup (p.node_ids, edge->source),
        g_hash_table_lookup (p.node_ids, edge->target),
      };

      edge->index = NOT_BUILT;
      /* A relationship joins two stakeholders; a group is a space. */
      if ((ends[0] != NULL && ends[0]->is_group) || (ends[1] != NULL && ends[1]->is_group))
        {
          g_autofree char *loc = sm_import_graphml_location (edge->line, NULL);

          sm_import_builder_warn (&b, _ ("%s: the edge from \"%s\" to \"%s\" is not kept: it joins a group, which is "
                                         "read as a space, not as a stakeholder"),
                                  loc, edge->source, edge->target);
          continue;
        }
      if (!build_element (&b, &p, edge, final_ids, error))
        return NULL;
    }

  /* Ends named by node ids that had to be replaced; no id made for them
   * may be a group's, which its space keeps. */
  for (guint i = 0; i < p.nodes->len; i++)
    {
      Element *node = g_ptr_array_index (p.nodes, i);

      if (node->is_group && valid_id (node->id))
        {
          if (b.reserved_ids == NULL)
            b.reserved_ids = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_add (b.reserved_ids, node->id);
        }
    }
  if (!sm_import_builder_assign_ids (&b, error))
    return NULL;
  for (guint i = 0; i < p.edges->len; i++)
    {
      Element    *edge = g_ptr_array_index (p.edges, i);
      JsonObject *object;

      if (edge->index == NOT_BUILT)
        continue;
      object = json_array_get_object_element (b.records[1], edge->index);
      for (guint e = 0; e < 2; e++)
        {
          const char *member = e == 0 ? "source" : "target";
          Element    *node = g_hash_table_lookup (p.node_ids, json_object_get_string_member (object, member));
          JsonObject *person;

          g_assert (node != NULL);
          if (valid_id (node->id))
            continue;
          person = json_array_get_object_element (b.records[0], node->index);
          json_object_set_string_member (object, member, json_object_get_string_member (person, "id"));
        }
    }

  if (!build_spaces (&b, &p, final_ids, error))
    return NULL;

  map = sm_import_builder_finish (&b, error);
  if (map == NULL)
    return NULL;
  drop_derived_side (map);
  if (warnings != NULL)
    *warnings = sm_import_builder_steal_warnings (&b);
  return g_steal_pointer (&map);
}

/**
 * sm_import_graphml_full:
 * @warnings: (out) (optional): what the import changed or kept aside
 *
 * As sm_import_graphml(), telling what it did that the user should know.
 */
SmMap *
sm_import_graphml_full (GBytes  *bytes,
                        GStrv   *warnings,
                        GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sm_network_import (bytes, &graphml_parser, warnings, error);
}

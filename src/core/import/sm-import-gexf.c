/* sm-import-gexf.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Maps from Gephi's own format, GEXF (1.1, 1.2 and 1.3, as Gephi and
 * networkx write it), read into the network the GraphML reader builds
 * from (sm-import-network.h), with its budgets and warnings. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-import-network.h"

/* Gephi's weight is the strength where it is a whole number from 1 to 5,
 * as in its spreadsheets (docs/cli.md); otherwise it is kept as "weight". */
#define WEIGHT_KEY "\x1fweight"
#define STRENGTH_KEY "\x1fstrength"

static const char *
gexf_type (const char *type)
{
  /* GEXF's "integer" is GraphML's "int"; the other names are shared. */
  if (g_strcmp0 (type, "integer") == 0)
    return "int";
  return type;
}

static gboolean
add_weight_keys (SmNetworkParser *p,
                 guint            line,
                 GError         **error)
{
  if (sm_network_lookup_key (p, WEIGHT_KEY, TRUE) != NULL)
    return TRUE;
  return sm_network_add_key (p, WEIGHT_KEY, "edge", "weight", "double", line, error) != NULL &&
         sm_network_add_key (p, STRENGTH_KEY, "edge", "strength", "long", line, error) != NULL;
}

/* The weight of @edge becomes its strength when it can be one and no
 * attribute gives the strength already. */
static void
settle_weight (SmNetworkParser *p,
               Element         *edge)
{
  Datum  *weight = NULL;
  gdouble value;
  char   *end = NULL;

  for (guint i = 0; i < edge->data->len; i++)
    {
      Datum *datum = &g_array_index (edge->data, Datum, i);
      Key   *key = sm_network_lookup_key (p, datum->key, TRUE);

      if (strcmp (datum->key, WEIGHT_KEY) == 0)
        weight = datum;
      else if (key != NULL && key->name != NULL && g_ascii_strcasecmp (key->name, "strength") == 0)
        return;
    }
  if (weight == NULL || weight->value == NULL)
    return;
  value = g_ascii_strtod (weight->value, &end);
  if (end != weight->value && *end == '\0' && value == (gint64) value && value >= 1 && value <= 5)
    {
      g_free (weight->key);
      weight->key = g_strdup (STRENGTH_KEY);
      g_free (weight->value);
      weight->value = g_strdup_printf ("%d", (int) value);
    }
}

static void
gexf_start_element (GMarkupParseContext *context,
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

  if (!sm_network_enter_element (p, element_name, "gexf", "GEXF", &parent, error))
    return;
  if (parent != NULL)
    frame = *parent;
  frame.kind = FRAME_OTHER;

  if (parent != NULL && p->frames->len == 1 && strcmp (name, "graph") == 0)
    {
      const char *type = sm_network_find_attribute (names, values, "defaultedgetype");

      /* GEXF's default is undirected; "mutual" is both ways. */
      frame.kind = FRAME_GRAPH;
      frame.directed = g_strcmp0 (type, "directed") == 0;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && parent->owner == NULL &&
           strcmp (name, "attributes") == 0)
    {
      const char *class = sm_network_find_attribute (names, values, "class");

      frame.domain = g_strcmp0 (class, "node") == 0 ? "node" : g_strcmp0 (class, "edge") == 0 ? "edge"
                                                                                              : "graph";
    }
  else if (parent != NULL && parent->domain != NULL && parent->kind == FRAME_OTHER && parent->owner == NULL &&
           strcmp (name, "attribute") == 0)
    {
      const char *id = sm_network_find_attribute (names, values, "id");

      if (id == NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: an <attribute> without an id"), line);
          return;
        }
      if (p->key != NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: an <attribute> inside the <attribute> \"%s\"; close one before opening "
                          "the next"),
                       line, p->key->id);
          return;
        }
      p->key = sm_network_add_key (p, id, parent->domain, sm_network_find_attribute (names, values, "title"),
                                   gexf_type (sm_network_find_attribute (names, values, "type")), line, error);
      if (p->key == NULL)
        return;
      frame.kind = FRAME_KEY;
    }
  else if (parent != NULL && parent->kind == FRAME_KEY && strcmp (name, "default") == 0)
    {
      frame.kind = FRAME_DEFAULT;
      g_string_truncate (p->text, 0);
    }
  else if (parent != NULL && (strcmp (name, "nodes") == 0 || strcmp (name, "edges") == 0) &&
           (parent->kind == FRAME_GRAPH || parent->kind == FRAME_NODE))
    {
      /* Nodes inside a node (GEXF's hierarchy) make it a space, as yEd's
       * groups do. */
      frame.kind = FRAME_GRAPH;
      if (parent->kind == FRAME_NODE && strcmp (name, "nodes") == 0)
        {
          parent->owner->is_group = TRUE;
          frame.group = parent->owner;
        }
      frame.owner = NULL;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && parent->owner == NULL && strcmp (name, "node") == 0)
    {
      Element *node = sm_network_add_node (p, sm_network_find_attribute (names, values, "id"), parent->group,
                                           line, error);

      if (node == NULL)
        return;
      node->label = g_strdup (sm_network_find_attribute (names, values, "label"));
      frame.kind = FRAME_NODE;
      frame.owner = node;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && parent->owner == NULL && strcmp (name, "edge") == 0)
    {
      const char *type = sm_network_find_attribute (names, values, "type");
      const char *weight = sm_network_find_attribute (names, values, "weight");
      int         directed = -1;
      Element    *edge;

      if (g_strcmp0 (type, "directed") == 0)
        directed = 1;
      else if (g_strcmp0 (type, "undirected") == 0 || g_strcmp0 (type, "mutual") == 0)
        directed = 0;
      edge = sm_network_add_edge (p, sm_network_find_attribute (names, values, "id"),
                                  sm_network_find_attribute (names, values, "source"),
                                  sm_network_find_attribute (names, values, "target"), directed, parent->directed,
                                  line, error);
      if (edge == NULL)
        return;
      edge->label = g_strdup (sm_network_find_attribute (names, values, "label"));
      if (weight != NULL)
        {
          Datum *datum;

          if (!add_weight_keys (p, line, error))
            return;
          datum = sm_network_add_datum (p, edge, WEIGHT_KEY, line, error);
          if (datum == NULL)
            return;
          datum->value = g_strdup (weight);
        }
      frame.kind = FRAME_EDGE;
      frame.owner = edge;
    }
  else if (parent != NULL && parent->owner != NULL && strcmp (name, "attvalue") == 0)
    {
      /* GEXF 1.1 names the attribute by "id", later ones by "for". */
      const char *key = sm_network_find_attribute (names, values, "for");
      Datum      *datum;

      if (key == NULL)
        key = sm_network_find_attribute (names, values, "id");
      datum = sm_network_add_datum (p, parent->owner, key, line, error);
      if (datum == NULL)
        return;
      datum->value = g_strdup (sm_network_find_attribute (names, values, "value"));
    }
  else if (parent != NULL && parent->kind == FRAME_NODE && strcmp (name, "position") == 0 &&
           !parent->owner->has_geometry)
    {
      Element *node = parent->owner;
      double   x, y;

      /* Gephi's y axis points up; the map's, like the screen's, down. */
      if (sm_network_parse_coordinate (sm_network_find_attribute (names, values, "x"), &x) &&
          sm_network_parse_coordinate (sm_network_find_attribute (names, values, "y"), &y))
        {
          node->has_geometry = TRUE;
          node->gx = x;
          node->gy = y != 0 ? -y : 0.0;
          node->gw = node->gh = 0;
        }
    }

  g_array_append_val (p->frames, frame);
}

static void
gexf_end_element (GMarkupParseContext *context,
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

    case FRAME_EDGE:
      settle_weight (p, frame.owner);
      sm_network_end_element (p, frame.owner, error);
      break;

    case FRAME_NODE:
      sm_network_end_element (p, frame.owner, error);
      break;

    default:
      break;
    }
}

static void
gexf_text (GMarkupParseContext *context,
           const char          *text,
           gsize                text_len,
           gpointer             user_data,
           GError             **error)
{
  SmNetworkParser *p = user_data;

  if (p->frames->len > 0 && sm_network_top_frame (p)->kind == FRAME_DEFAULT)
    g_string_append_len (p->text, text, text_len);
}

static const GMarkupParser gexf_parser = {
  gexf_start_element,
  gexf_end_element,
  gexf_text,
  NULL,
  NULL,
};

/**
 * sm_import_gexf:
 *
 * Builds a map from GEXF, as Gephi and networkx write it: nodes become
 * stakeholders (the label the name, viz:position the place) and edges
 * relationships (undirected and mutual ones two-way); attributes named
 * like fields of the format are read as those fields, the others kept.
 */
SmMap *
sm_import_gexf (GBytes  *bytes,
                GError **error)
{
  return sm_import_gexf_full (bytes, NULL, error);
}

/**
 * sm_import_gexf_full:
 * @warnings: (out) (optional): what the import changed or kept aside
 *
 * As sm_import_gexf(), telling what it did that the user should know.
 */
SmMap *
sm_import_gexf_full (GBytes  *bytes,
                     GStrv   *warnings,
                     GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sm_network_import (bytes, &gexf_parser, warnings, error);
}

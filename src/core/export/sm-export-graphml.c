/* sm-export-graphml.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map as a GraphML network for Gephi, yEd, networkx and Cytoscape;
 * and the GraphML exporter. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-export-private.h"
#include "sm-json.h"
#include "sm-render.h"

/* GraphML */

/* Text for XML: escaped, without the control characters XML 1.0 forbids
 * even as references; in attributes, line breaks kept as references. */
void
sm_export_xml_append (GString    *out,
                      const char *text,
                      gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\n':
        case '\r':
        case '\t':
          if (attribute)
            g_string_append_printf (out, "&#%d;", c);
          else
            g_string_append_c (out, c);
          break;
        default:
          if (c >= 0x20 && c != 0x7f)
            g_string_append_c (out, c);
        }
    }
}

typedef struct
{
  SmExportColumn *column; /* NULL for the derived ones below */
  const char     *name;
  char           *key;  /* "d0", "d1", … */
  const char     *type; /* attr.type */
} GraphmlKey;

typedef enum
{
  DERIVED_NONE,
  DERIVED_LABEL,
  DERIVED_SIDE,
} Derived;

/* Values a key leaves out: "unknown" where that is the default anyway, so
 * a score column stays a number column for Gephi and networkx. */
static JsonNode *
graphml_value (SmExportColumn *column,
               JsonNode       *node)
{
  if (node != NULL && column->field != NULL && column->field->default_json != NULL &&
      strcmp (column->field->default_json, "\"unknown\"") == 0 &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      strcmp (json_node_get_string (node), "unknown") == 0)
    return NULL;
  return node;
}

static const char *
graphml_type (SmCollection   *records,
              SmExportColumn *column)
{
  gboolean ints = TRUE, numbers = TRUE, booleans = TRUE, any = FALSE;

  if (column->json)
    return "string";
  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      g_autoptr(JsonObject) object = sm_record_dup_data (sm_collection_get (records, i));
      JsonNode *node = graphml_value (column, sm_export_lookup (object, column->path));
      GType     type;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node))
        return "string";
      any = TRUE;
      type = json_node_get_value_type (node);
      ints = ints && type == G_TYPE_INT64;
      numbers = numbers && (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE);
      booleans = booleans && type == G_TYPE_BOOLEAN;
    }
  if (!any)
    return NULL;
  if (ints)
    return "long";
  if (numbers)
    return "double";
  if (booleans)
    return "boolean";
  return "string";
}

/**
 * sm_export_network_type:
 *
 * The type a network format (GraphML, GEXF) declares for @column:
 * "long", "double", "boolean" or "string", by its values and its field.
 */
const char *
sm_export_network_type (SmCollection   *records,
                        SmExportColumn *column)
{
  const char *type = graphml_type (records, column);

  if (column->field != NULL && !column->json)
    {
      /* Typed by the field where no value says otherwise. */
      switch (column->field->type)
        {
        case SM_FIELD_SCORE:
        case SM_FIELD_NUMBER:
          if (type == NULL || strcmp (type, "long") == 0)
            type = "double";
          break;
        case SM_FIELD_LEVEL:
        case SM_FIELD_INTEGER:
          if (type == NULL)
            type = "long";
          break;
        case SM_FIELD_BOOLEAN:
          if (type == NULL)
            type = "boolean";
          break;
        default:
          type = "string";
          break;
        }
    }
  return type != NULL ? type : "string";
}

/**
 * sm_export_network_text:
 * @type: what sm_export_network_type() said of @column
 *
 * The value of @record in @column as a network format writes it, names
 * following @names; %NULL when it is left out.
 */
char *
sm_export_network_text (SmExportColumn *column,
                        const char     *type,
                        SmRecord       *record,
                        SmPublicNames  *names)
{
  g_autoptr(JsonObject) object = sm_record_dup_data (record);
  JsonNode        *node = graphml_value (column, sm_export_lookup (object, column->path));
  g_autofree char *text = NULL;

  if (node == NULL && column->field != NULL && column->field->type == SM_FIELD_ENUM &&
      column->field->default_string != NULL && column->path[1] == NULL)
    {
      /* Defaults spelt out, for tools that do not know them. */
      return g_strdup (sm_record_get_enum (record, column->name));
    }
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  text = sm_export_public_cell (names, record, column, sm_export_cell_text (column, node));
  if (strcmp (type, "boolean") == 0 || strcmp (type, "long") == 0 || strcmp (type, "double") == 0 ||
      *text != '\0')
    return g_steal_pointer (&text);
  return NULL;
}

static void
write_key (GString    *out,
           GraphmlKey *key,
           const char *domain)
{
  g_string_append (out, "  <key id=\"");
  sm_export_xml_append (out, key->key, TRUE);
  g_string_append_printf (out, "\" for=\"%s\" attr.name=\"", domain);
  sm_export_xml_append (out, key->name, TRUE);
  g_string_append_printf (out, "\" attr.type=\"%s\"/>\n", key->type);
}

static void
write_data (GString    *out,
            GraphmlKey *key,
            const char *text)
{
  g_string_append (out, "      <data key=\"");
  sm_export_xml_append (out, key->key, TRUE);
  g_string_append (out, "\">");
  sm_export_xml_append (out, text, FALSE);
  g_string_append (out, "</data>\n");
}

/* Keys for one kind of record: the columns, plus what other tools expect
 * to find whether the map says it or not. */
static GArray *
graphml_keys (SmMap       *map,
              SmRecordKind kind,
              GPtrArray   *columns,
              guint       *next_key)
{
  SmCollection            *records = sm_map_get_collection (map, kind);
  GArray                  *keys = g_array_new (FALSE, TRUE, sizeof (GraphmlKey));
  static const char *const node_always[] = { "kind", "influence", "interest", "x", "y", NULL };
  static const char *const edge_always[] = { "category", "direction", "label", NULL };
  const char *const       *always = kind == SM_RECORD_STAKEHOLDER ? node_always : edge_always;

  if (kind == SM_RECORD_STAKEHOLDER)
    {
      GraphmlKey label = { NULL, "label", g_strdup_printf ("d%u", (*next_key)++), "string" };
      GraphmlKey side = { NULL, "side", g_strdup_printf ("d%u", (*next_key)++), "string" };

      g_array_append_val (keys, label);
      g_array_append_val (keys, side);
    }

  /* Make sure the keys other tools look for exist. */
  for (guint i = 0; always[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < columns->len && !found; c++)
        found = strcmp (((SmExportColumn *) g_ptr_array_index (columns, c))->name, always[i]) == 0;
      if (!found)
        sm_export_add_column (columns, NULL, always[i], sm_schema_lookup (sm_schema_get_fields (kind), always[i]), FALSE);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      SmExportColumn *column = g_ptr_array_index (columns, c);
      GraphmlKey      key = { column, column->name, NULL, NULL };

      /* The element's own attributes, or the label above, hold these. */
      if (strcmp (column->name, "id") == 0 || strcmp (column->name, "source") == 0 ||
          strcmp (column->name, "target") == 0 ||
          (kind == SM_RECORD_STAKEHOLDER && (strcmp (column->name, "name") == 0 ||
                                             strcmp (column->name, "label") == 0 ||
                                             strcmp (column->name, "side") == 0)))
        continue;
      key.key = g_strdup_printf ("d%u", (*next_key)++);
      key.type = sm_export_network_type (records, column);
      g_array_append_val (keys, key);
    }
  return keys;
}

static void
graphml_keys_free (GArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    g_free (g_array_index (keys, GraphmlKey, i).key);
  g_array_unref (keys);
}

static void
write_element_data (GString       *out,
                    GArray        *keys,
                    SmRecord      *record,
                    SmPublicNames *names)
{
  static const char *const sides[] = { "other", "community", "institutional" };
  g_autoptr(JsonObject) object = sm_record_dup_data (record);

  for (guint k = 0; k < keys->len; k++)
    {
      GraphmlKey      *key = &g_array_index (keys, GraphmlKey, k);
      g_autofree char *text = NULL;
      JsonNode        *node;

      if (key->column == NULL)
        {
          if (strcmp (key->name, "label") == 0)
            write_data (out, key, names != NULL ? sm_public_names_get_name (names, record) : sm_stakeholder_get_name (record));
          else
            write_data (out, key, sides[sm_stakeholder_get_side (record)]);
          continue;
        }

      node = graphml_value (key->column, sm_export_lookup (object, key->column->path));
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && key->column->path[1] == NULL && strcmp (key->column->name, "y") == 0 &&
          sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        {
          /* Gephi's y axis points up. */
          g_autoptr(GString) number = g_string_new (NULL);
          double y = json_node_get_double (node);

          sm_json_write_double (number, y != 0 ? -y : 0.0);
          write_data (out, key, number->str);
          continue;
        }
      text = sm_export_network_text (key->column, key->type, record, names);
      if (text != NULL)
        write_data (out, key, text);
    }
}

static gboolean
relationship_is_two_way (SmRecord *record)
{
  return g_strcmp0 (sm_record_get_enum (record, "direction"), "two_way") == 0;
}

static void
append_number (GString *out,
               double   value)
{
  sm_json_write_double (out, value);
}

/* yEd's drawing of a stakeholder, so a map opens in yEd as the screen
 * shows it: the shape of its side, sized by influence, filled with its
 * kind's colour, at its place. Written before the data, because networkx
 * reads the geometry into "x" and "y" and the data must have the last word. */
static void
write_yed_node (GString       *out,
                const char    *key,
                SmRecord      *record,
                SmPublicNames *names)
{
  static const char *const shapes[] = { "diamond", "ellipse", "roundrectangle" };
  double                   x, y, extent = sm_renderer_node_extent (record);

  g_string_append_printf (out, "      <data key=\"%s\">\n        <y:ShapeNode>\n", key);
  if (sm_stakeholder_get_position (record, &x, &y))
    {
      g_string_append (out, "          <y:Geometry x=\"");
      append_number (out, x - extent);
      g_string_append (out, "\" y=\"");
      append_number (out, y - extent);
      g_string_append (out, "\" width=\"");
      append_number (out, 2 * extent);
      g_string_append (out, "\" height=\"");
      append_number (out, 2 * extent);
      g_string_append (out, "\"/>\n");
    }
  g_string_append_printf (out, "          <y:Fill color=\"#%06X\" transparent=\"false\"/>\n"
                               "          <y:BorderStyle color=\"#000000\" type=\"line\" width=\"1.0\"/>\n"
                               "          <y:NodeLabel>",
                          sm_renderer_node_rgb (record));
  sm_export_xml_append (out, names != NULL ? sm_public_names_get_name (names, record) : sm_stakeholder_get_name (record), FALSE);
  g_string_append_printf (out, "</y:NodeLabel>\n"
                               "          <y:Shape type=\"%s\"/>\n"
                               "        </y:ShapeNode>\n      </data>\n",
                          shapes[sm_stakeholder_get_side (record)]);
}

/* yEd's drawing of a relationship: arrows as its direction says. */
static void
write_yed_edge (GString    *out,
                const char *key,
                SmRecord   *record)
{
  g_string_append_printf (out,
                          "      <data key=\"%s\">\n"
                          "        <y:PolyLineEdge>\n"
                          "          <y:LineStyle color=\"#000000\" type=\"line\" width=\"1.0\"/>\n"
                          "          <y:Arrows source=\"%s\" target=\"standard\"/>\n"
                          "        </y:PolyLineEdge>\n"
                          "      </data>\n",
                          key, relationship_is_two_way (record) ? "standard" : "none");
}

/**
 * sm_export_graphml:
 *
 * The map as a GraphML network: stakeholders as nodes, with the name as
 * "label" (as Gephi names it), kind, influence, interest, side and x/y
 * (y pointing up, as in Gephi); relationships as edges with category,
 * direction and label; and every other field as a key of its own. A
 * graph whose relationships are all two-way is undirected; otherwise it is
 * directed and each two-way edge says directed="false".
 * Each node and edge also carries yEd's drawing of it (docs/cli.md).
 * Names follow @options (NULL: consent), as sm-export.h says; with all
 * names, a graph-level "names" value says the file is for the group only.
 *
 * Returns: the file, or %NULL when hidden people could not be hidden
 */
GBytes *
sm_export_graphml (SmMap                 *map,
                   const SmExportOptions *options)
{
  g_autoptr(SmPublicNames) names = NULL;
  g_autoptr(SmMap) public_map = NULL;
  g_autoptr(GPtrArray) node_columns = NULL;
  g_autoptr(GPtrArray) edge_columns = NULL;
  g_autoptr(GString) out = g_string_sized_new (8192);
  SmCollection    *people, *ties;
  GArray          *node_keys, *edge_keys;
  guint            next_key = 0;
  GraphmlKey       notice = { NULL, "names", NULL, "string" };
  guint            two_way = 0;
  gboolean         undirected;
  g_autofree char *yed_node_key = NULL;
  g_autofree char *yed_edge_key = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  public_map = sm_export_dup_public_map (map, options, &names, NULL);
  if (public_map == NULL)
    return NULL;
  map = public_map;
  people = sm_map_get_stakeholders (map);
  ties = sm_map_get_relationships (map);
  node_columns = sm_export_collect_columns (map, SM_RECORD_STAKEHOLDER);
  edge_columns = sm_export_collect_columns (map, SM_RECORD_RELATIONSHIP);
  node_keys = graphml_keys (map, SM_RECORD_STAKEHOLDER, node_columns, &next_key);
  edge_keys = graphml_keys (map, SM_RECORD_RELATIONSHIP, edge_columns, &next_key);

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                   "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "         xmlns:y=\"http://www.yworks.com/xml/graphml\"\n"
                   "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  for (guint k = 0; k < node_keys->len; k++)
    write_key (out, &g_array_index (node_keys, GraphmlKey, k), "node");
  for (guint k = 0; k < edge_keys->len; k++)
    write_key (out, &g_array_index (edge_keys, GraphmlKey, k), "edge");
  if (names == NULL)
    {
      /* The file itself says whose it is, wherever it is copied to. */
      notice.key = g_strdup_printf ("d%u", next_key++);
      write_key (out, &notice, "graph");
    }
  yed_node_key = g_strdup_printf ("d%u", next_key++);
  yed_edge_key = g_strdup_printf ("d%u", next_key++);
  g_string_append_printf (out, "  <key id=\"%s\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n", yed_node_key);
  g_string_append_printf (out, "  <key id=\"%s\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n", yed_edge_key);

  /* Two-way ties are undirected edges, so that networkx, Gephi and igraph
   * read them as such: the whole graph when every tie is two-way (the one
   * form all three read), each such edge otherwise (docs/cli.md). */
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    if (relationship_is_two_way (sm_collection_get (ties, i)))
      two_way++;
  undirected = two_way > 0 && two_way == sm_collection_get_size (ties);
  g_string_append_printf (out, "  <graph id=\"G\" edgedefault=\"%s\">\n", undirected ? "undirected" : "directed");
  if (names == NULL)
    {
      write_data (out, &notice, _ ("Everyone is named here, including people who have not agreed to be "
                                   "named: for the group only, not to be passed on."));
    }
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *record = sm_collection_get (people, i);

      g_string_append (out, "    <node id=\"");
      sm_export_xml_append (out, sm_record_get_id (record), TRUE);
      g_string_append (out, "\">\n");
      write_yed_node (out, yed_node_key, record, names);
      write_element_data (out, node_keys, record, names);
      g_string_append (out, "    </node>\n");
    }
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord *record = sm_collection_get (ties, i);

      g_string_append (out, "    <edge id=\"");
      sm_export_xml_append (out, sm_record_get_id (record), TRUE);
      g_string_append (out, "\" source=\"");
      sm_export_xml_append (out, sm_relationship_get_source (record), TRUE);
      g_string_append (out, "\" target=\"");
      sm_export_xml_append (out, sm_relationship_get_target (record), TRUE);
      g_string_append (out, !undirected && relationship_is_two_way (record) ? "\" directed=\"false\">\n" : "\">\n");
      write_yed_edge (out, yed_edge_key, record);
      write_element_data (out, edge_keys, record, names);
      g_string_append (out, "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");

  graphml_keys_free (node_keys);
  graphml_keys_free (edge_keys);
  g_free (notice.key);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* The exporter */

static gboolean
write_graphml (SmMap                 *map,
               const SmExportOptions *options,
               GOutputStream         *stream,
               GOutputStream         *companion,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autoptr(GBytes) bytes = sm_export_graphml (map, options);

  if (bytes == NULL)
    return sm_export_names_failed (error);
  return sm_export_write_all (stream, bytes, cancellable, error);
}

/* .xml too: GraphML is XML, and convert has always taken that name. */
static const char *const graphml_extensions[] = { "graphml", "xml", NULL };

const SmExporter sm_exporter_graphml = {
  .id = "graphml",
  .label = N_ ("GraphML network"),
  .mime_type = "application/graphml+xml",
  .extensions = graphml_extensions,
  .companion_suffix = NULL,
  .write = write_graphml,
};

/* sm-export-gexf.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map as GEXF 1.3, Gephi's own format, which networkx reads too; and
 * the GEXF exporter. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-export-private.h"
#include "sm-json.h"
#include "sm-render.h"

typedef struct
{
  SmExportColumn *column;
  const char     *type;
} GexfAttribute;

static gboolean
relationship_is_two_way (SmRecord *record)
{
  return g_strcmp0 (sm_record_get_enum (record, "direction"), "two_way") == 0;
}

/* The columns written as attributes: every field but those GEXF says in
 * its own words (id, label, ends, viz:position, weight), and always the
 * ones other tools look for. */
static GArray *
gexf_attributes (SmMap       *map,
                 SmRecordKind kind,
                 GPtrArray   *columns)
{
  static const char *const node_always[] = { "kind", "influence", "interest", NULL };
  static const char *const edge_always[] = { "category", "direction", NULL };
  static const char *const node_own[] = { "id", "name", "label", "side", "x", "y", NULL };
  static const char *const edge_own[] = { "id", "source", "target", "label", "strength", NULL };
  const char *const       *always = kind == SM_RECORD_STAKEHOLDER ? node_always : edge_always;
  const char *const       *own = kind == SM_RECORD_STAKEHOLDER ? node_own : edge_own;
  SmCollection            *records = sm_map_get_collection (map, kind);
  GArray                  *attributes = g_array_new (FALSE, TRUE, sizeof (GexfAttribute));

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
      GexfAttribute   attribute = { column, NULL };

      if (g_strv_contains (own, column->name))
        continue;
      attribute.type = sm_export_network_type (records, column);
      g_array_append_val (attributes, attribute);
    }
  return attributes;
}

static void
write_attributes (GString *out,
                  GArray  *attributes,
                  const char *class)
{
  g_string_append_printf (out, "    <attributes class=\"%s\" mode=\"static\">\n", class);
  for (guint a = 0; a < attributes->len; a++)
    {
      GexfAttribute *attribute = &g_array_index (attributes, GexfAttribute, a);

      g_string_append_printf (out, "      <attribute id=\"%u\" title=\"", a);
      sm_export_xml_append (out, attribute->column->name, TRUE);
      g_string_append_printf (out, "\" type=\"%s\"/>\n", attribute->type);
    }
  g_string_append (out, "    </attributes>\n");
}

static void
write_attvalues (GString       *out,
                 GArray        *attributes,
                 SmRecord      *record,
                 SmPublicNames *names)
{
  gboolean open = FALSE;

  for (guint a = 0; a < attributes->len; a++)
    {
      GexfAttribute   *attribute = &g_array_index (attributes, GexfAttribute, a);
      g_autofree char *text = sm_export_network_text (attribute->column, attribute->type, record, names);

      if (text == NULL)
        continue;
      if (!open)
        g_string_append (out, "        <attvalues>\n");
      open = TRUE;
      g_string_append_printf (out, "          <attvalue for=\"%u\" value=\"", a);
      sm_export_xml_append (out, text, TRUE);
      g_string_append (out, "\"/>\n");
    }
  if (open)
    g_string_append (out, "        </attvalues>\n");
}

static void
append_number (GString    *out,
               const char *name,
               double      value)
{
  g_string_append_printf (out, " %s=\"", name);
  sm_json_write_double (out, value);
  g_string_append_c (out, '"');
}

/* How the map view draws a stakeholder: its size by influence, its
 * kind's colour, its side's shape, at its place (y up, as in Gephi). */
static void
write_viz (GString  *out,
           SmRecord *record)
{
  static const char *const shapes[] = { "diamond", "disc", "square" };
  guint32                  rgb = sm_renderer_node_rgb (record);
  double                   x, y;

  g_string_append (out, "        <viz:size");
  append_number (out, "value", sm_renderer_node_radius (record));
  g_string_append (out, "/>\n");
  if (sm_stakeholder_get_position (record, &x, &y))
    {
      g_string_append (out, "        <viz:position");
      append_number (out, "x", x);
      append_number (out, "y", y != 0 ? -y : 0.0);
      g_string_append (out, " z=\"0.0\"/>\n");
    }
  g_string_append_printf (out, "        <viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n", (rgb >> 16) & 0xff, (rgb >> 8) & 0xff,
                          rgb & 0xff);
  g_string_append_printf (out, "        <viz:shape value=\"%s\"/>\n", shapes[sm_stakeholder_get_side (record)]);
}

/**
 * sm_export_gexf:
 *
 * The map as GEXF 1.3: stakeholders as nodes, labelled by name, with
 * viz:position (y pointing up, as in Gephi), size, colour and shape as the
 * map view draws them; relationships as edges, with the strength as the
 * weight and the label as the label; every other field as an attribute. A
 * graph whose relationships are all two-way is undirected; otherwise it is
 * directed and each two-way edge is "mutual" (docs/cli.md).
 * Names follow @options (NULL: consent), as sm-export.h says; with all
 * names, the file's description says it is for the group only.
 *
 * Returns: the file, or %NULL when hidden people could not be hidden
 */
GBytes *
sm_export_gexf (SmMap                 *map,
                const SmExportOptions *options)
{
  g_autoptr(SmPublicNames) names = NULL;
  g_autoptr(SmMap) public_map = NULL;
  g_autoptr(GPtrArray) node_columns = NULL;
  g_autoptr(GPtrArray) edge_columns = NULL;
  g_autoptr(GArray) node_attributes = NULL;
  g_autoptr(GArray) edge_attributes = NULL;
  g_autoptr(GString) out = g_string_sized_new (8192);
  SmCollection   *people, *ties;
  SmExportColumn *label_column = NULL;
  guint           two_way = 0;
  gboolean        undirected;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  public_map = sm_export_dup_public_map (map, options, &names, NULL);
  if (public_map == NULL)
    return NULL;
  map = public_map;
  people = sm_map_get_stakeholders (map);
  ties = sm_map_get_relationships (map);
  node_columns = sm_export_collect_columns (map, SM_RECORD_STAKEHOLDER);
  edge_columns = sm_export_collect_columns (map, SM_RECORD_RELATIONSHIP);
  node_attributes = gexf_attributes (map, SM_RECORD_STAKEHOLDER, node_columns);
  edge_attributes = gexf_attributes (map, SM_RECORD_RELATIONSHIP, edge_columns);
  for (guint c = 0; c < edge_columns->len; c++)
    if (strcmp (((SmExportColumn *) g_ptr_array_index (edge_columns, c))->name, "label") == 0)
      label_column = g_ptr_array_index (edge_columns, c);

  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    if (relationship_is_two_way (sm_collection_get (ties, i)))
      two_way++;
  undirected = two_way > 0 && two_way == sm_collection_get_size (ties);

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
                   "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "      xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
                   "  <meta>\n"
                   "    <creator>Stakemap</creator>\n");
  if (names == NULL)
    {
      /* The file itself says whose it is, wherever it is copied to. */
      g_string_append (out, "    <description>");
      sm_export_xml_append (out, _ ("Everyone is named here, including people who have not agreed to be "
                                    "named: for the group only, not to be passed on."),
                            FALSE);
      g_string_append (out, "</description>\n");
    }
  g_string_append (out, "  </meta>\n");
  g_string_append_printf (out, "  <graph defaultedgetype=\"%s\" mode=\"static\">\n",
                          undirected ? "undirected" : "directed");
  write_attributes (out, node_attributes, "node");
  write_attributes (out, edge_attributes, "edge");

  g_string_append (out, "    <nodes>\n");
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *record = sm_collection_get (people, i);

      g_string_append (out, "      <node id=\"");
      sm_export_xml_append (out, sm_record_get_id (record), TRUE);
      g_string_append (out, "\" label=\"");
      sm_export_xml_append (out, names != NULL ? sm_public_names_get_name (names, record) : sm_stakeholder_get_name (record),
                            TRUE);
      g_string_append (out, "\">\n");
      write_attvalues (out, node_attributes, record, names);
      write_viz (out, record);
      g_string_append (out, "      </node>\n");
    }
  g_string_append (out, "    </nodes>\n    <edges>\n");
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord        *record = sm_collection_get (ties, i);
      double           strength = sm_record_get_score (record, "strength");
      g_autofree char *label = label_column != NULL ? sm_export_network_text (label_column, "string", record, names)
                                                    : NULL;

      g_string_append (out, "      <edge id=\"");
      sm_export_xml_append (out, sm_record_get_id (record), TRUE);
      g_string_append (out, "\" source=\"");
      sm_export_xml_append (out, sm_relationship_get_source (record), TRUE);
      g_string_append (out, "\" target=\"");
      sm_export_xml_append (out, sm_relationship_get_target (record), TRUE);
      g_string_append_c (out, '"');
      if (!undirected && relationship_is_two_way (record))
        g_string_append (out, " type=\"mutual\"");
      if (SM_IS_KNOWN (strength))
        append_number (out, "weight", strength);
      if (label != NULL)
        {
          g_string_append (out, " label=\"");
          sm_export_xml_append (out, label, TRUE);
          g_string_append_c (out, '"');
        }
      g_string_append (out, ">\n");
      write_attvalues (out, edge_attributes, record, names);
      g_string_append (out, "      </edge>\n");
    }
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* The exporter */

static gboolean
write_gexf (SmMap                 *map,
            const SmExportOptions *options,
            GOutputStream         *stream,
            GOutputStream         *companion,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GBytes) bytes = sm_export_gexf (map, options);

  if (bytes == NULL)
    return sm_export_names_failed (error);
  return sm_export_write_all (stream, bytes, cancellable, error);
}

static const char *const gexf_extensions[] = { "gexf", NULL };

const SmExporter sm_exporter_gexf = {
  .id = "gexf",
  .label = N_ ("GEXF network (Gephi)"),
  .mime_type = "application/gexf+xml",
  .extensions = gexf_extensions,
  .companion_suffix = NULL,
  .write = write_gexf,
};

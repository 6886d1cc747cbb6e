/* sm-export.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-export.h"
#include "sm-file-writer.h"
#include "sm-json.h"

/* Both formats are tables: one column per member present in any record,
 * in the order of the schema, then the members it does not know in the
 * order first met. Members of nested objects get dotted names
 * ("remuneration.time_paid"); values with no flat form (lists of objects,
 * maps) are written as JSON text, which the CSV importer reads back. */

typedef struct
{
  char *name;           /* the column name: "remuneration.time_paid" */
  GStrv path;
  const SmField *field; /* NULL for members the schema does not know */
  gboolean json;        /* written as JSON text */
} Column;

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_strfreev (column->path);
  g_free (column);
}

static void
add_column (GPtrArray     *columns,
            const char    *parent,
            const char    *name,
            const SmField *field,
            gboolean       json)
{
  Column *column = g_new0 (Column, 1);

  column->name = parent != NULL ? g_strconcat (parent, ".", name, NULL) : g_strdup (name);
  /* A member name may itself hold dots: the path is split by hand. */
  column->path = g_new0 (char *, 3);
  column->path[0] = g_strdup (parent != NULL ? parent : name);
  column->path[1] = parent != NULL ? g_strdup (name) : NULL;
  column->field = field;
  column->json = json;
  g_ptr_array_add (columns, column);
}

static JsonNode *
lookup (JsonObject *object,
        GStrv       path)
{
  JsonNode *node = NULL;

  for (guint i = 0; path[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;
      node = json_object_get_member (object, path[i]);
      if (node == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static gboolean
is_scalar (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
present (SmCollection *records,
         const char   *parent,
         const char   *name)
{
  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      JsonObject *object = sm_record_get_data (sm_collection_get (records, i));

      if (parent != NULL)
        {
          JsonNode *node = json_object_get_member (object, parent);

          object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        }
      if (object != NULL && json_object_has_member (object, name))
        return TRUE;
    }
  return FALSE;
}

/* Members of @parent (or the top level) the schema does not know, in the
 * order first met; JSON columns when any record holds more than a value. */
static void
add_unknown_columns (GPtrArray     *columns,
                     SmCollection  *records,
                     const SmField *fields,
                     const char    *parent)
{
  g_autoptr(GHashTable) complex = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      JsonObject *object = sm_record_get_data (sm_collection_get (records, i));
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      if (parent != NULL)
        {
          node = json_object_get_member (object, parent);
          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            continue;
          object = json_node_get_object (node);
        }
      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          if (sm_schema_lookup (fields, name) != NULL)
            continue;
          if (!g_hash_table_contains (seen, name))
            {
              g_hash_table_add (seen, (char *) name);
              g_ptr_array_add (names, (char *) name);
            }
          if (!is_scalar (node))
            g_hash_table_add (complex, (char *) name);
        }
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      add_column (columns, parent, name, NULL, g_hash_table_contains (complex, name));
    }
}

static GPtrArray *
collect_columns (SmMap        *map,
                 SmRecordKind  kind)
{
  SmCollection *records = sm_map_get_collection (map, kind);
  const SmField *fields = sm_schema_get_fields (kind);
  GPtrArray *columns = g_ptr_array_new_with_free_func (column_free);

  for (const SmField *f = fields; f->name != NULL; f++)
    {
      gboolean always = f->type == SM_FIELD_ID || (f->flags & SM_FIELD_REQUIRED);

      /* Spaces and affected groups do not travel in these tables. */
      if ((f->type == SM_FIELD_REF || f->type == SM_FIELD_REF_LIST) && f->ref != SM_REF_STAKEHOLDER)
        continue;
      if (!always && !present (records, NULL, f->name))
        continue;

      switch (f->type)
        {
        case SM_FIELD_OBJECT:
          for (const SmField *c = f->children; c->name != NULL; c++)
            if (present (records, f->name, c->name))
              add_column (columns, f->name, c->name, c,
                          c->type == SM_FIELD_OBJECT || c->type == SM_FIELD_OBJECT_LIST ||
                            c->type == SM_FIELD_ENUM_MAP || c->type == SM_FIELD_LEVEL_MAP);
          add_unknown_columns (columns, records, f->children, f->name);
          break;

        case SM_FIELD_OBJECT_LIST:
        case SM_FIELD_ENUM_MAP:
        case SM_FIELD_LEVEL_MAP:
          add_column (columns, NULL, f->name, f, TRUE);
          break;

        default:
          add_column (columns, NULL, f->name, f, FALSE);
          break;
        }
    }
  add_unknown_columns (columns, records, fields, NULL);
  return columns;
}

/* Compact JSON for one cell. */
static void
write_json (GString  *out,
            JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            sm_json_write_string (out, name);
            g_string_append (out, ": ");
            write_json (out, member);
          }
        g_string_append_c (out, '}');
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            write_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }

    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      sm_json_write (out, node, NULL, 0);
      break;
    }
}

/* Lists of plain words as "a;b"; anything that would not split back the
 * same way as JSON text. */
static gboolean
joinable (JsonArray *array)
{
  if (json_array_get_length (array) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *s;
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      s = json_node_get_string (element);
      len = strlen (s);
      if (len == 0 || strpbrk (s, ";|") != NULL || (i == 0 && s[0] == '[') ||
          g_ascii_isspace (s[0]) || g_ascii_isspace (s[len - 1]))
        return FALSE;
    }
  return TRUE;
}

static char *
cell_text (Column   *column,
           JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && !column->json)
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      sm_json_write (out, node, NULL, 0);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node) && !column->json && joinable (json_node_get_array (node)))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ';');
          g_string_append (out, json_array_get_string_element (array, i));
        }
    }
  else
    write_json (out, node);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* CSV */

/**
 * sm_export_replace_controls:
 * @text: UTF-8 text
 * @keep: the control characters to keep, "" for none
 *
 * @text with every control character (C0, DEL and C1) not in @keep, and
 * any byte that is not UTF-8, replaced by U+FFFD, so that it can do
 * nothing in a spreadsheet or on a terminal.
 */
char *
sm_export_replace_controls (const char *text,
                            const char *keep)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && strchr (keep, (char) c) == NULL)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Whether a text cell needs a leading ' so that no spreadsheet reads it as
 * a formula; and so that a ' written before is not taken off on import. */
static gboolean
csv_needs_mark (const char *text)
{
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    return TRUE;
  /* The importer reads a line break in a cell as \n: a ' before one is
   * marked too, so it comes back. */
  return text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r\n'", text[1]) != NULL;
}

static void
csv_append (GString    *out,
            const char *text,
            gboolean    number)
{
  g_autofree char *safe = sm_export_replace_controls (text, "\t\r\n");
  g_autofree char *cell = !number && csv_needs_mark (safe) ? g_strconcat ("'", safe, NULL)
                                                           : g_steal_pointer (&safe);
  gsize len = strlen (cell);
  gboolean quote = strpbrk (cell, ",\"\r\n") != NULL ||
                   (len > 0 && (g_ascii_isspace (cell[0]) || g_ascii_isspace (cell[len - 1])));

  if (!quote)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static GBytes *
export_csv (SmMap        *map,
            SmRecordKind  kind)
{
  SmCollection *records = sm_map_get_collection (map, kind);
  g_autoptr(GPtrArray) columns = collect_columns (map, kind);
  GString *out = g_string_sized_new (4096);

  for (guint c = 0; c < columns->len; c++)
    {
      Column *column = g_ptr_array_index (columns, c);

      if (c > 0)
        g_string_append_c (out, ',');
      csv_append (out, column->name, FALSE);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      JsonObject *object = sm_record_get_data (sm_collection_get (records, i));

      for (guint c = 0; c < columns->len; c++)
        {
          Column *column = g_ptr_array_index (columns, c);
          JsonNode *node = lookup (object, column->path);
          g_autofree char *text = cell_text (column, node);

          if (c > 0)
            g_string_append_c (out, ',');
          csv_append (out, text, is_number (node));
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}

/**
 * sm_export_csv_stakeholders:
 *
 * The stakeholders as CSV: a header row, then one row each, with a column
 * for every field any of them has (lists joined with ";", nested members
 * as dotted columns such as "remuneration.time_paid").
 */
GBytes *
sm_export_csv_stakeholders (SmMap *map)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return export_csv (map, SM_RECORD_STAKEHOLDER);
}

/* The relationships as CSV, source and target given by stakeholder id. */
GBytes *
sm_export_csv_relationships (SmMap *map)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return export_csv (map, SM_RECORD_RELATIONSHIP);
}

/* GraphML */

/* Text for XML: escaped, without the control characters XML 1.0 forbids
 * even as references; in attributes, line breaks kept as references. */
static void
xml_append (GString    *out,
            const char *text,
            gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
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
  Column *column;    /* NULL for the derived ones below */
  const char *name;
  char *key;         /* "d0", "d1", … */
  const char *type;  /* attr.type */
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
graphml_value (Column   *column,
               JsonNode *node)
{
  if (node != NULL && column->field != NULL && column->field->default_json != NULL &&
      strcmp (column->field->default_json, "\"unknown\"") == 0 &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      strcmp (json_node_get_string (node), "unknown") == 0)
    return NULL;
  return node;
}

static const char *
graphml_type (SmCollection *records,
              Column       *column)
{
  gboolean ints = TRUE, numbers = TRUE, booleans = TRUE, any = FALSE;

  if (column->json)
    return "string";
  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      JsonObject *object = sm_record_get_data (sm_collection_get (records, i));
      JsonNode *node = graphml_value (column, lookup (object, column->path));
      GType type;

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

static void
write_key (GString    *out,
           GraphmlKey *key,
           const char *domain)
{
  g_string_append (out, "  <key id=\"");
  xml_append (out, key->key, TRUE);
  g_string_append_printf (out, "\" for=\"%s\" attr.name=\"", domain);
  xml_append (out, key->name, TRUE);
  g_string_append_printf (out, "\" attr.type=\"%s\"/>\n", key->type);
}

static void
write_data (GString    *out,
            GraphmlKey *key,
            const char *text)
{
  g_string_append (out, "      <data key=\"");
  xml_append (out, key->key, TRUE);
  g_string_append (out, "\">");
  xml_append (out, text, FALSE);
  g_string_append (out, "</data>\n");
}

/* Keys for one kind of record: the columns, plus what other tools expect
 * to find whether the map says it or not. */
static GArray *
graphml_keys (SmMap        *map,
              SmRecordKind  kind,
              GPtrArray    *columns,
              guint        *next_key)
{
  SmCollection *records = sm_map_get_collection (map, kind);
  GArray *keys = g_array_new (FALSE, TRUE, sizeof (GraphmlKey));
  static const char *const node_always[] = { "kind", "influence", "interest", "x", "y", NULL };
  static const char *const edge_always[] = { "category", "direction", "label", NULL };
  const char *const *always = kind == SM_RECORD_STAKEHOLDER ? node_always : edge_always;

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
        found = strcmp (((Column *) g_ptr_array_index (columns, c))->name, always[i]) == 0;
      if (!found)
        add_column (columns, NULL, always[i], sm_schema_lookup (sm_schema_get_fields (kind), always[i]), FALSE);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      Column *column = g_ptr_array_index (columns, c);
      GraphmlKey key = { column, column->name, NULL, NULL };

      /* The element's own attributes, or the label above, hold these. */
      if (strcmp (column->name, "id") == 0 || strcmp (column->name, "source") == 0 ||
          strcmp (column->name, "target") == 0 ||
          (kind == SM_RECORD_STAKEHOLDER && (strcmp (column->name, "name") == 0 ||
                                             strcmp (column->name, "label") == 0 ||
                                             strcmp (column->name, "side") == 0)))
        continue;
      key.key = g_strdup_printf ("d%u", (*next_key)++);
      key.type = graphml_type (records, column);
      if (column->field != NULL && !column->json)
        {
          /* Typed by the field where no value says otherwise. */
          switch (column->field->type)
            {
            case SM_FIELD_SCORE:
            case SM_FIELD_NUMBER:
              if (key.type == NULL || strcmp (key.type, "long") == 0)
                key.type = "double";
              break;
            case SM_FIELD_LEVEL:
            case SM_FIELD_INTEGER:
              if (key.type == NULL)
                key.type = "long";
              break;
            case SM_FIELD_BOOLEAN:
              if (key.type == NULL)
                key.type = "boolean";
              break;
            default:
              key.type = "string";
              break;
            }
        }
      if (key.type == NULL)
        key.type = "string";
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
write_element_data (GString  *out,
                    GArray   *keys,
                    SmRecord *record)
{
  static const char *const sides[] = { "other", "community", "institutional" };
  JsonObject *object = sm_record_get_data (record);

  for (guint k = 0; k < keys->len; k++)
    {
      GraphmlKey *key = &g_array_index (keys, GraphmlKey, k);
      g_autofree char *text = NULL;
      JsonNode *node;

      if (key->column == NULL)
        {
          if (strcmp (key->name, "label") == 0)
            write_data (out, key, sm_stakeholder_get_name (record));
          else
            write_data (out, key, sides[sm_stakeholder_get_side (record)]);
          continue;
        }

      node = graphml_value (key->column, lookup (object, key->column->path));
      if (node == NULL && key->column->field != NULL && key->column->field->type == SM_FIELD_ENUM &&
          key->column->field->default_string != NULL && key->column->path[1] == NULL)
        {
          /* Defaults spelt out, for tools that do not know them. */
          write_data (out, key, sm_record_get_enum (record, key->column->name));
          continue;
        }
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (key->column->path[1] == NULL && strcmp (key->column->name, "y") == 0 &&
          sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        {
          /* Gephi's y axis points up. */
          g_autoptr(GString) number = g_string_new (NULL);
          double y = json_node_get_double (node);

          sm_json_write_double (number, y != 0 ? -y : 0.0);
          write_data (out, key, number->str);
          continue;
        }
      text = cell_text (key->column, node);
      if (strcmp (key->type, "boolean") == 0 || strcmp (key->type, "long") == 0 ||
          strcmp (key->type, "double") == 0 || *text != '\0')
        write_data (out, key, text);
    }
}

/**
 * sm_export_graphml:
 *
 * The map as a GraphML network: stakeholders as nodes, with the name as
 * "label" (as Gephi names it), kind, influence, interest, side and x/y
 * (y pointing up, as in Gephi); relationships as edges with category,
 * direction and label; and every other field as a key of its own. The
 * graph is directed; two-way relationships say so in "direction".
 */
GBytes *
sm_export_graphml (SmMap *map)
{
  g_autoptr(GPtrArray) node_columns = NULL;
  g_autoptr(GPtrArray) edge_columns = NULL;
  g_autoptr(GString) out = g_string_sized_new (8192);
  SmCollection *people, *ties;
  GArray *node_keys, *edge_keys;
  guint next_key = 0;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  people = sm_map_get_stakeholders (map);
  ties = sm_map_get_relationships (map);
  node_columns = collect_columns (map, SM_RECORD_STAKEHOLDER);
  edge_columns = collect_columns (map, SM_RECORD_RELATIONSHIP);
  node_keys = graphml_keys (map, SM_RECORD_STAKEHOLDER, node_columns, &next_key);
  edge_keys = graphml_keys (map, SM_RECORD_RELATIONSHIP, edge_columns, &next_key);

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                   "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  for (guint k = 0; k < node_keys->len; k++)
    write_key (out, &g_array_index (node_keys, GraphmlKey, k), "node");
  for (guint k = 0; k < edge_keys->len; k++)
    write_key (out, &g_array_index (edge_keys, GraphmlKey, k), "edge");

  g_string_append (out, "  <graph id=\"G\" edgedefault=\"directed\">\n");
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *record = sm_collection_get (people, i);

      g_string_append (out, "    <node id=\"");
      xml_append (out, sm_record_get_id (record), TRUE);
      g_string_append (out, "\">\n");
      write_element_data (out, node_keys, record);
      g_string_append (out, "    </node>\n");
    }
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord *record = sm_collection_get (ties, i);

      g_string_append (out, "    <edge id=\"");
      xml_append (out, sm_record_get_id (record), TRUE);
      g_string_append (out, "\" source=\"");
      xml_append (out, sm_relationship_get_source (record), TRUE);
      g_string_append (out, "\" target=\"");
      xml_append (out, sm_relationship_get_target (record), TRUE);
      g_string_append (out, "\">\n");
      write_element_data (out, edge_keys, record);
      g_string_append (out, "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");

  graphml_keys_free (node_keys);
  graphml_keys_free (edge_keys);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* @error's message, with the name of @file in front. */
static void
prefix_with_name (GError **error,
                  GFile   *file)
{
  g_autofree char *name = NULL;

  if (error == NULL || *error == NULL)
    return;
  name = g_file_get_parse_name (file);
  g_prefix_error (error, "%s: ", name);
}

/**
 * sm_export_write_csv_files:
 * @stakeholders: the stakeholders' table
 * @relationships: the relationships' table
 *
 * Writes both tables safely (see sm-file-writer.h). Both are complete on
 * disk before either takes its place, so a full disk or a folder that
 * cannot be written leaves the pair as it was. An error names the file it
 * is about.
 */
gboolean
sm_export_write_csv_files (SmMap   *map,
                           GFile   *stakeholders,
                           GFile   *relationships,
                           GError **error)
{
  GFile *files[2] = { stakeholders, relationships };
  g_autoptr(GBytes) people = NULL;
  g_autoptr(GBytes) ties = NULL;
  GBytes *tables[2];
  g_autoptr(SmFileWriter) people_writer = NULL;
  g_autoptr(SmFileWriter) ties_writer = NULL;
  SmFileWriter **writers[2] = { &people_writer, &ties_writer };

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (G_IS_FILE (stakeholders) && G_IS_FILE (relationships), FALSE);

  tables[0] = people = sm_export_csv_stakeholders (map);
  tables[1] = ties = sm_export_csv_relationships (map);
  for (guint i = 0; i < 2; i++)
    {
      gsize size;
      const char *data = g_bytes_get_data (tables[i], &size);

      *writers[i] = sm_file_writer_open (files[i], SM_FILE_WRITE_NONE, error);
      if (*writers[i] == NULL ||
          !sm_file_writer_write (*writers[i], data, size, error) ||
          !sm_file_writer_sync (*writers[i], error))
        {
          prefix_with_name (error, files[i]);
          return FALSE;
        }
    }

  /* Only the renames are left, which do not fail for want of room. */
  if (!sm_file_writer_commit (g_steal_pointer (&people_writer), NULL, NULL, error))
    {
      prefix_with_name (error, stakeholders);
      return FALSE;
    }
  if (!sm_file_writer_commit (g_steal_pointer (&ties_writer), NULL, NULL, error))
    {
      g_autofree char *people_name = g_file_get_parse_name (stakeholders);
      g_autofree char *ties_name = g_file_get_parse_name (relationships);
      g_autoptr(GError) local_error = g_steal_pointer (error);

      g_set_error (error, local_error->domain, local_error->code,
                   _("%s was written, but %s could not be: %s"),
                   people_name, ties_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

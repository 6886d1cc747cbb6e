/* sm-export.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The tables both data formats are made of: which columns a kind of
 * record gets, and how a value is written in one cell. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-export-private.h"
#include "sm-json.h"

/* Both formats are tables: one column per member present in any record,
 * in the order of the schema, then the members it does not know in the
 * order first met. Members of nested objects get dotted names
 * ("remuneration.time_paid"); values with no flat form (lists of objects,
 * maps) are written as JSON text, which the CSV importer reads back. */

void
sm_export_column_free (gpointer data)
{
  SmExportColumn *column = data;

  g_free (column->name);
  g_strfreev (column->path);
  g_free (column);
}

void
sm_export_add_column (GPtrArray     *columns,
                      const char    *parent,
                      const char    *name,
                      const SmField *field,
                      gboolean       json)
{
  SmExportColumn *column = g_new0 (SmExportColumn, 1);

  column->name = parent != NULL ? g_strconcat (parent, ".", name, NULL) : g_strdup (name);
  /* A member name may itself hold dots: the path is split by hand. */
  column->path = g_new0 (char *, 3);
  column->path[0] = g_strdup (parent != NULL ? parent : name);
  column->path[1] = parent != NULL ? g_strdup (name) : NULL;
  column->field = field;
  column->json = json;
  g_ptr_array_add (columns, column);
}

JsonNode *
sm_export_lookup (JsonObject *object,
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
  g_autofree char *path = parent != NULL ? g_strconcat (parent, ".", name, NULL) : NULL;

  for (guint i = 0; i < sm_collection_get_size (records); i++)
    if (sm_record_has_value (sm_collection_get (records, i), path != NULL ? path : name))
      return TRUE;
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
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      /* Kept to the end: the names found point into them. */
      JsonObject    *object = sm_record_dup_data (sm_collection_get (records, i));
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *node;

      g_ptr_array_add (kept, object);
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

      sm_export_add_column (columns, parent, name, NULL, g_hash_table_contains (complex, name));
    }
}

GPtrArray *
sm_export_collect_columns (SmMap       *map,
                           SmRecordKind kind)
{
  SmCollection  *records = sm_map_get_collection (map, kind);
  const SmField *fields = sm_schema_get_fields (kind);
  GPtrArray     *columns = g_ptr_array_new_with_free_func (sm_export_column_free);

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
              sm_export_add_column (columns, f->name, c->name, c,
                                    c->type == SM_FIELD_OBJECT || c->type == SM_FIELD_OBJECT_LIST ||
                                      c->type == SM_FIELD_ENUM_MAP || c->type == SM_FIELD_LEVEL_MAP);
          add_unknown_columns (columns, records, f->children, f->name);
          break;

        case SM_FIELD_OBJECT_LIST:
        case SM_FIELD_ENUM_MAP:
        case SM_FIELD_LEVEL_MAP:
          sm_export_add_column (columns, NULL, f->name, f, TRUE);
          break;

        default:
          sm_export_add_column (columns, NULL, f->name, f, FALSE);
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
        const char    *name;
        JsonNode      *member;
        gboolean       first = TRUE;

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
      JsonNode   *element = json_array_get_element (array, i);
      const char *s;
      gsize       len;

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

char *
sm_export_cell_text (SmExportColumn *column,
                     JsonNode       *node)
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

/* Names (§3.9, DQ-05) */

SmPublicNames *
sm_export_dup_public_names (SmMap                 *map,
                            const SmExportOptions *options)
{
  if (options != NULL && options->names == SM_EXPORT_NAMES_ALL)
    return NULL;
  return sm_public_names_new_full (map, options != NULL && options->names == SM_EXPORT_NAMES_NONE
                                          ? SM_PUBLIC_NAMES_HIDE_PEOPLE
                                          : SM_PUBLIC_NAMES_CONSENT);
}

/**
 * sm_export_dup_public_map:
 * @names: (out): the names the export uses in the map returned (NULL when
 *   @options ask for all of them)
 *
 * The map an export writes: unless all names are asked for, a copy in which hidden people's
 * ids are "participant-N" and every reference follows (an id like
 * "gloria" would say the name the export hides); otherwise @map itself.
 *
 * Returns: (transfer full): the map to write, or %NULL with @error set
 */
SmMap *
sm_export_dup_public_map (SmMap                 *map,
                          const SmExportOptions *options,
                          SmPublicNames        **names,
                          GError               **error)
{
  g_autoptr(SmPublicNames) first = sm_export_dup_public_names (map, options);
  g_autoptr(SmMap) copy = NULL;

  *names = NULL;
  if (first == NULL || sm_public_names_get_n_hidden (first) == 0)
    {
      *names = g_steal_pointer (&first);
      return g_object_ref (map);
    }
  copy = sm_public_names_dup_public_ids (first, map, error);
  if (copy == NULL)
    return NULL;
  /* Consent and kinds are the same in the copy: the same people, the
   * same numbers. */
  *names = sm_export_dup_public_names (copy, options);
  return g_steal_pointer (&copy);
}

/**
 * sm_export_public_cell:
 * @names: (nullable): the names in use; NULL writes every name
 * @text: (transfer full): the cell as sm_export_cell_text() gave it
 *
 * Returns: (transfer full): the cell as it may leave the team: a hidden
 *   person's name column as "Participant N", and their name taken out of
 *   any text. Ids, references and enumerations are not text anyone typed
 *   about a person, and stay as they are.
 */
char *
sm_export_public_cell (SmPublicNames  *names,
                       SmRecord       *record,
                       SmExportColumn *column,
                       char           *text)
{
  g_autofree char *owned = text;

  if (names == NULL || *owned == '\0')
    return g_steal_pointer (&owned);
  if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER && column->path[1] == NULL &&
      strcmp (column->name, "name") == 0 && sm_public_names_is_hidden (names, record))
    return g_strdup (sm_public_names_get_name (names, record));
  if (column->field != NULL && !column->json)
    {
      switch (column->field->type)
        {
        case SM_FIELD_ID:
        case SM_FIELD_REF:
        case SM_FIELD_REF_LIST:
        case SM_FIELD_ENUM:
        case SM_FIELD_ENUM_LIST:
        case SM_FIELD_DATE:
          return g_steal_pointer (&owned);
        default:
          break;
        }
    }
  return sm_public_names_scrub (names, owned);
}

gboolean
sm_export_names_failed (GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _ ("Could not hide the names of people who have not agreed to be named; nothing was written"));
  return FALSE;
}

/* Text */

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
  GString         *out = g_string_sized_new (strlen (valid));

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

/* sm-import.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The shared builder of both importers: the document under construction,
 * its ids and budgets, and the rules that read a cell or an attribute as
 * a field. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-format.h"
#include "sm-import-private.h"
#include "sm-json.h"
#include "sm-layout.h"
#include "sm-map-private.h"

/* Both importers build the whole document as a JSON tree, checking each
 * value where it is read so that errors can name a line and a column, and
 * then hand the tree to the same validation as the loader: an import can
 * never give a map that would not load. Positions missing at the end come
 * from sm_layout_place_missing(). */

/* clang-format off */
G_DEFINE_QUARK (sm-import-error-quark, sm_import_error)
/* clang-format on */

void
sm_import_target_clear (SmImportTarget *target)
{
  g_clear_pointer (&target->path, g_strfreev);
}

/* "Participation level" → "participation_level". */
static char *
normalise_name (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString         *out = g_string_new (NULL);
  gboolean         gap = FALSE;

  g_strstrip (down);
  for (const char *p = down; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        gap = TRUE;
      else
        {
          if (gap && out->len > 0 && out->str[out->len - 1] != '.' && *p != '.')
            g_string_append_c (out, '_');
          gap = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* Matches a column or attribute name to the schema of @kind, case
 * insensitively, with dots for members of nested objects. */
void
sm_import_resolve_name (SmRecordKind    kind,
                        const char     *name,
                        SmImportTarget *target)
{
  g_autofree char *norm = normalise_name (name);
  g_auto(GStrv) parts = g_strsplit (norm, ".", -1);
  const SmField *fields = sm_schema_get_fields (kind);
  guint          n = g_strv_length (parts);

  target->field = NULL;
  target->path = NULL;

  for (guint i = 0; i < n; i++)
    {
      const SmField *field = *parts[i] != '\0' ? sm_schema_lookup (fields, parts[i]) : NULL;

      if (field != NULL && i + 1 == n)
        {
          target->field = field;
          target->path = g_steal_pointer (&parts);
          return;
        }
      if (field == NULL || field->type != SM_FIELD_OBJECT)
        {
          if (i > 0 && i + 1 == n && *parts[i] != '\0')
            {
              /* A member the schema does not know inside an object it
               * does: kept there, under the name as written. */
              const char      *last = strrchr (name, '.') + 1;
              g_autofree char *stripped = g_strstrip (g_strdup (last));

              g_free (parts[i]);
              parts[i] = g_steal_pointer (&stripped);
              target->path = g_steal_pointer (&parts);
              return;
            }
          break;
        }
      fields = field->children;
    }

  /* Unknown: a top-level member named as written. */
  target->path = g_new0 (char *, 2);
  target->path[0] = g_strstrip (g_strdup (name));
}

/**
 * sm_import_reads_as_field:
 *
 * Whether a column or attribute named @name is read as one of the fields
 * of @kind. A project file may keep a member the schema does not know
 * whose name differs from a field's only in case or spacing
 * ("Influence"): exported alone, it is read back as that field.
 */
gboolean
sm_import_reads_as_field (SmRecordKind kind,
                          const char  *name)
{
  SmImportTarget target;
  gboolean       known;

  g_return_val_if_fail (name != NULL, FALSE);

  sm_import_resolve_name (kind, name, &target);
  known = target.field != NULL;
  sm_import_target_clear (&target);
  return known;
}

/* Sets @value at @path, making the objects on the way; FALSE when a
 * member on the way holds something other than an object. */
gboolean
sm_import_set_path (JsonObject *object,
                    GStrv       path,
                    JsonNode   *value)
{
  guint n = g_strv_length (path);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, path[i]);

      if (child == NULL)
        {
          json_object_set_object_member (object, path[i], json_object_new ());
          child = json_object_get_member (object, path[i]);
        }
      else if (!JSON_NODE_HOLDS_OBJECT (child))
        {
          json_node_unref (value);
          return FALSE;
        }
      object = json_node_get_object (child);
    }
  json_object_set_member (object, path[n - 1], value);
  return TRUE;
}

JsonNode *
sm_import_new_string (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* Numbers as spreadsheets write them: "3", "2.5", "-1e3", and "2,5"
 * where a comma is the decimal mark. No hex, infinities or NaN. */
static JsonNode *
parse_number (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char            *end = NULL;
  double           value;
  gboolean         integral = TRUE;
  char            *comma;

  if (*copy == '\0')
    return NULL;
  comma = strchr (copy, ',');
  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (copy, '.') == NULL)
    *comma = '.';
  for (const char *p = copy; *p != '\0'; p++)
    {
      if (*p == '.' || *p == 'e' || *p == 'E')
        integral = FALSE;
      else if (!g_ascii_isdigit (*p) && *p != '+' && *p != '-')
        return NULL;
    }

  if (integral)
    {
      gint64 i;

      if (g_ascii_string_to_signed (copy[0] == '+' ? copy + 1 : copy, 10, -(G_GINT64_CONSTANT (1) << 53),
                                    G_GINT64_CONSTANT (1) << 53, &i, NULL))
        return json_node_init_int (json_node_alloc (), i);
    }

  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value))
    return NULL;
  return json_node_init_double (json_node_alloc (), value);
}

static gboolean
is_snake_case (const char *s)
{
  if (!g_ascii_islower (*s))
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_islower (*s) && !g_ascii_isdigit (*s) && *s != '_')
      return FALSE;
  return TRUE;
}

static char *
enum_choices (const SmField *field)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; field->values != NULL && field->values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, field->values[i]);
    }
  return g_string_free (s, FALSE);
}

static JsonNode *
convert_enum (const SmField *field,
              const char    *text,
              char         **message)
{
  g_autofree char *value = normalise_name (text);

  if (!is_snake_case (value))
    {
      g_autofree char *choices = enum_choices (field);
      *message = g_strdup_printf (_ ("expected one of %s"), choices);
      return NULL;
    }
  return sm_import_new_string (value);
}

/* "a; b", "a|b" or a JSON array of strings. */
static GStrv
split_list (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (copy[0] == '[')
    {
      g_autoptr(JsonNode) node = sm_json_parse (copy, strlen (copy), NULL);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          gboolean   strings = TRUE;

          for (guint i = 0; strings && i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              strings = JSON_NODE_HOLDS_VALUE (element) &&
                        json_node_get_value_type (element) == G_TYPE_STRING;
            }
          if (strings)
            {
              for (guint i = 0; i < json_array_get_length (array); i++)
                g_strv_builder_add (builder, json_array_get_string_element (array, i));
              return g_strv_builder_end (builder);
            }
        }
    }

  parts = g_strsplit (copy, strchr (copy, ';') != NULL ? ";" : "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* The JSON a field holds, from the text of a cell or attribute (not empty);
 * NULL with *message saying what was expected when it does not fit. */
JsonNode *
sm_import_convert_text (const SmField *field,
                        const char    *text,
                        char         **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *lower = g_ascii_strdown (trimmed, -1);
  g_autoptr(JsonNode) number = NULL;
  double v;

  switch (field->type)
    {
    case SM_FIELD_STRING:
      return sm_import_new_string (text);

    case SM_FIELD_ID:
      if (g_utf8_strlen (trimmed, -1) > SM_IMPORT_MAX_ID_LENGTH)
        {
          *message = g_strdup_printf (_ ("expected an id of at most %d characters"), SM_IMPORT_MAX_ID_LENGTH);
          return NULL;
        }
      return sm_import_new_string (trimmed);

    case SM_FIELD_DATE:
      {
        int y = 0, m = 0, d = 0;

        if (strlen (trimmed) >= 10 && (trimmed[10] == '\0' || trimmed[10] == 'T' || trimmed[10] == ' ') &&
            trimmed[4] == '-' && trimmed[7] == '-')
          {
            gboolean digits = TRUE;

            for (int i = 0; i < 10; i++)
              if (i != 4 && i != 7 && !g_ascii_isdigit (trimmed[i]))
                digits = FALSE;
            if (digits)
              {
                y = atoi (trimmed);
                m = atoi (trimmed + 5);
                d = atoi (trimmed + 8);
              }
          }
        if (y < 1 || !g_date_valid_dmy (d, m, y))
          {
            *message = g_strdup (_ ("expected a date written like \"2026-03-31\""));
            return NULL;
          }
        trimmed[10] = '\0';
        return sm_import_new_string (trimmed);
      }

    case SM_FIELD_BOOLEAN:
      if (strcmp (lower, "unknown") == 0)
        return sm_import_new_string ("unknown");
      if (strcmp (lower, "true") == 0 || strcmp (lower, "yes") == 0 || strcmp (lower, "1") == 0)
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (strcmp (lower, "false") == 0 || strcmp (lower, "no") == 0 || strcmp (lower, "0") == 0)
        return json_node_init_boolean (json_node_alloc (), FALSE);
      *message = g_strdup (_ ("expected true, false (or yes, no) or \"unknown\""));
      return NULL;

    case SM_FIELD_SCORE:
    case SM_FIELD_LEVEL:
      if (strcmp (lower, "unknown") == 0)
        return sm_import_new_string ("unknown");
      number = parse_number (trimmed);
      if (number == NULL || (v = json_node_get_double (number)) < field->min || v > field->max ||
          (field->type == SM_FIELD_LEVEL && v != floor (v)))
        {
          if (field->type == SM_FIELD_LEVEL)
            *message = g_strdup_printf (_ ("expected a whole number from %d to %d, or \"unknown\""),
                                        (int) field->min, (int) field->max);
          else
            *message = g_strdup_printf (_ ("expected a number from %d to %d, or \"unknown\""),
                                        (int) field->min, (int) field->max);
          return NULL;
        }
      return g_steal_pointer (&number);

    case SM_FIELD_INTEGER:
    case SM_FIELD_NUMBER:
      number = parse_number (trimmed);
      if (number == NULL || (v = json_node_get_double (number)) < field->min || v > field->max ||
          (field->type == SM_FIELD_INTEGER && v != floor (v)))
        {
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

          /* Whole bounds in full, the top one too: "from 0 to 1000000000000000". */
          g_ascii_formatd (lo, sizeof lo, field->min == floor (field->min) ? "%.0f" : "%.15g", field->min);
          g_ascii_formatd (hi, sizeof hi, field->max == floor (field->max) ? "%.0f" : "%.15g", field->max);
          if (field->type == SM_FIELD_INTEGER)
            *message = g_strdup_printf (_ ("expected a whole number from %s to %s"), lo, hi);
          else
            *message = g_strdup_printf (_ ("expected a number from %s to %s"), lo, hi);
          return NULL;
        }
      if (field->type == SM_FIELD_INTEGER && JSON_NODE_HOLDS_VALUE (number) &&
          json_node_get_value_type (number) == G_TYPE_DOUBLE && fabs (v) < 9e15)
        return json_node_init_int (json_node_alloc (), (gint64) v);
      return g_steal_pointer (&number);

    case SM_FIELD_ENUM:
      return convert_enum (field, trimmed, message);

    case SM_FIELD_REF:
    case SM_FIELD_REF_LIST:
      if (field->ref != SM_REF_STAKEHOLDER)
        {
          *message = g_strdup (_ ("refers to spaces or affected groups, which an import cannot bring in; "
                                  "leave it empty"));
          return NULL;
        }
      if (field->type == SM_FIELD_REF)
        return sm_import_new_string (trimmed);
      G_GNUC_FALLTHROUGH;

    case SM_FIELD_ENUM_LIST:
    case SM_FIELD_STRING_LIST:
      {
        g_auto(GStrv) items = split_list (trimmed);
        g_autoptr(JsonArray) array = json_array_new ();

        for (guint i = 0; items[i] != NULL; i++)
          {
            JsonNode *item;

            if (field->type == SM_FIELD_ENUM_LIST)
              {
                item = convert_enum (field, items[i], message);
                if (item == NULL)
                  return NULL;
              }
            else
              item = sm_import_new_string (items[i]);
            json_array_add_element (array, item);
          }
        return json_node_init_array (json_node_alloc (), array);
      }

    case SM_FIELD_OBJECT:
    case SM_FIELD_OBJECT_LIST:
    case SM_FIELD_ENUM_MAP:
    case SM_FIELD_LEVEL_MAP:
      {
        /* Exported as JSON text, the one way to keep their shape in a cell. */
        g_autoptr(JsonNode) node = sm_json_parse (trimmed, strlen (trimmed), NULL);
        gboolean list = field->type == SM_FIELD_OBJECT_LIST;

        if (node == NULL || (list ? !JSON_NODE_HOLDS_ARRAY (node) : !JSON_NODE_HOLDS_OBJECT (node)))
          {
            *message = g_strdup (list ? _ ("expected a list written in JSON, like [{\"type\": \"time\"}]")
                                      : _ ("expected an object written in JSON, like {\"key\": \"value\"}"));
            return NULL;
          }
        return g_steal_pointer (&node);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Spends @values values holding @bytes bytes; FALSE once either budget
 * is passed. */
gboolean
sm_import_budget_spend (SmImportBudget *budget,
                        guint64         values,
                        guint64         bytes)
{
  budget->values += values;
  budget->bytes += bytes;
  return budget->values <= SM_IMPORT_MAX_VALUES && budget->bytes <= SM_IMPORT_MAX_TEXT;
}

/* Says which budget is passed, at @where. */
void
sm_import_budget_error (SmImportBudget *budget,
                        const char     *where,
                        GError        **error)
{
  if (budget->values > SM_IMPORT_MAX_VALUES)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("%s: the map would hold more than %d values (filled cells, or attributes "
                      "with the defaults of their keys), the most an import may make"),
                   where, SM_IMPORT_MAX_VALUES);
    }
  else
    {
      g_autofree char *limit = g_format_size_full (SM_IMPORT_MAX_TEXT, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("%s: the map would hold more than %s of text (names and values, with the "
                      "defaults of keys), the most an import may make"),
                   where, limit);
    }
}

static void
pending_ref_clear (gpointer data)
{
  SmImportPendingRef *ref = data;

  g_free (ref->column);
}

void
sm_import_builder_init (SmImportBuilder *b,
                        gboolean         csv)
{
  b->csv = csv;
  for (int i = 0; i < 2; i++)
    {
      b->records[i] = json_array_new ();
      b->lines[i] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  b->refs = g_array_new (FALSE, FALSE, sizeof (SmImportPendingRef));
  g_array_set_clear_func (b->refs, pending_ref_clear);
  b->warnings = g_ptr_array_new_with_free_func (g_free);
  b->dropped_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

void
sm_import_builder_clear (SmImportBuilder *b)
{
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&b->records[i], json_array_unref);
      g_clear_pointer (&b->lines[i], g_array_unref);
    }
  g_clear_pointer (&b->refs, g_array_unref);
  g_clear_pointer (&b->warnings, g_ptr_array_unref);
  g_clear_pointer (&b->dropped_ids, g_hash_table_unref);
  g_clear_pointer (&b->spaces, json_array_unref);
  g_clear_pointer (&b->reserved_ids, g_hash_table_unref);
}

/* @object was given @id but cannot keep it (it clashes, or is not an id):
 * it gets a new one, and the warning says which. */
void
sm_import_builder_drop_id (SmImportBuilder *b,
                           JsonObject      *object,
                           const char      *id)
{
  g_hash_table_replace (b->dropped_ids, object, g_strdup (id));
}

/* Nothing changes silently: what an import changed or kept aside is told,
 * with where. At most SM_IMPORT_MAX_WARNINGS are kept, then one line says
 * how many more there were. */
void
sm_import_builder_warn (SmImportBuilder *b,
                        const char      *format,
                        ...)
{
  va_list args;

  if (b->warnings->len >= SM_IMPORT_MAX_WARNINGS)
    {
      b->more_warnings++;
      return;
    }
  va_start (args, format);
  g_ptr_array_add (b->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

GStrv
sm_import_builder_steal_warnings (SmImportBuilder *b)
{
  if (b->more_warnings > 0)
    g_ptr_array_add (b->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more warning like these",
                                                   "and %u more warnings like these", b->more_warnings),
                                      b->more_warnings));
  g_ptr_array_add (b->warnings, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&b->warnings), FALSE);
}

guint
sm_import_builder_add (SmImportBuilder *b,
                       SmRecordKind     kind,
                       JsonObject      *object,
                       guint            line)
{
  json_array_add_object_element (b->records[SM_IMPORT_SLOT (kind)], json_object_ref (object));
  g_array_append_val (b->lines[SM_IMPORT_SLOT (kind)], line);
  return json_array_get_length (b->records[SM_IMPORT_SLOT (kind)]) - 1;
}

/* "line 5" or "relationships, line 5", and the column when there is one. */
char *
sm_import_csv_location (SmRecordKind kind,
                        guint        line,
                        const char  *column)
{
  g_autofree char *where = NULL;

  if (column != NULL)
    where = g_strdup_printf (_ ("line %u, column \"%s\""), line, column);
  else
    where = g_strdup_printf (_ ("line %u"), line);
  if (kind == SM_RECORD_RELATIONSHIP)
    return g_strdup_printf (_ ("relationships, %s"), where);
  return g_steal_pointer (&where);
}

char *
sm_import_graphml_location (guint       line,
                            const char *attribute)
{
  if (attribute != NULL)
    return g_strdup_printf (_ ("line %u, \"%s\""), line, attribute);
  return g_strdup_printf (_ ("line %u"), line);
}

static char *
builder_location (SmImportBuilder *b,
                  SmRecordKind     kind,
                  guint            record,
                  const char      *column)
{
  guint line = g_array_index (b->lines[SM_IMPORT_SLOT (kind)], guint, record);

  if (b->locate != NULL)
    return b->locate (b->locate_source, kind, line, column);
  return b->csv ? sm_import_csv_location (kind, line, column) : sm_import_graphml_location (line, column);
}

/* Ids kept where given and valid, made (s1, r1, …) where absent, unique
 * across the whole document as the format requires. */
gboolean
sm_import_builder_assign_ids (SmImportBuilder *b,
                              GError         **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) where = g_hash_table_new (g_str_hash, g_str_equal);
  guint                    next[2] = { 1, 1 };
  static const char *const prefixes[2] = { "s", "r" };

  if (b->reserved_ids != NULL)
    {
      GHashTableIter iter;
      gpointer       id;

      g_hash_table_iter_init (&iter, b->reserved_ids);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_hash_table_add (used, id);
    }

  for (int s = 0; s < 2; s++)
    {
      SmRecordKind kind = s == 0 ? SM_RECORD_STAKEHOLDER : SM_RECORD_RELATIONSHIP;
      JsonArray   *array = b->records[s];

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          const char *id;
          gpointer    other;

          if (!json_object_has_member (object, "id"))
            continue;
          id = json_object_get_string_member (object, "id");
          /* A space's id: the record is the one to give way, as an edge
           * does to a node. */
          if (b->reserved_ids != NULL && g_hash_table_contains (b->reserved_ids, id))
            {
              sm_import_builder_drop_id (b, object, id);
              json_object_remove_member (object, "id");
              continue;
            }
          if (g_hash_table_lookup_extended (where, id, NULL, &other))
            {
              guint            o = GPOINTER_TO_UINT (other);
              SmRecordKind     other_kind = o & 1 ? SM_RECORD_RELATIONSHIP : SM_RECORD_STAKEHOLDER;
              guint            other_line = g_array_index (b->lines[SM_IMPORT_SLOT (other_kind)], guint, o >> 1);
              g_autofree char *loc = builder_location (b, kind, i, b->csv ? "id" : NULL);

              /* Gephi numbers nodes and edges each from 0: an edge's id
               * that is a node's is made anew, and said so. */
              if (kind == SM_RECORD_RELATIONSHIP && other_kind == SM_RECORD_STAKEHOLDER)
                {
                  sm_import_builder_drop_id (b, object, id);
                  json_object_remove_member (object, "id");
                  continue;
                }
              if (other_kind == kind)
                g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                             _ ("%s: the id \"%s\" is already used on line %u; ids must be unique"),
                             loc, id, other_line);
              else
                g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                             _ ("%s: the id \"%s\" is already used by a %s; ids must be unique"),
                             loc, id, sm_schema_get_element_name (other_kind));
              return FALSE;
            }
          g_hash_table_insert (where, (char *) id, GUINT_TO_POINTER ((i << 1) | s));
          g_hash_table_add (used, (char *) id);
        }
    }

  for (int s = 0; s < 2; s++)
    {
      JsonArray *array = b->records[s];

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          char       *id;

          if (json_object_has_member (object, "id"))
            continue;
          for (;;)
            {
              id = g_strdup_printf ("%s%u", prefixes[s], next[s]++);
              if (!g_hash_table_contains (used, id))
                break;
              g_free (id);
            }
          json_object_set_string_member (object, "id", id);
          g_free (id);
          g_hash_table_add (used, (char *) json_object_get_string_member (object, "id"));
          if (g_hash_table_contains (b->dropped_ids, object))
            {
              SmRecordKind     kind = s == 0 ? SM_RECORD_STAKEHOLDER : SM_RECORD_RELATIONSHIP;
              g_autofree char *loc = builder_location (b, kind, i, b->csv ? "id" : NULL);
              g_autofree char *given = g_strescape (g_hash_table_lookup (b->dropped_ids, object), NULL);

              sm_import_builder_warn (b, _ ("%s: the id \"%s\" is used by another record or is not a valid "
                                            "id; this %s is now \"%s\""),
                                      loc, given, sm_schema_get_element_name (kind),
                                      json_object_get_string_member (object, "id"));
            }
        }
    }
  return TRUE;
}

typedef struct
{
  guint count;
  guint first;
} NameEntry;

static void
count_name (GHashTable *table,
            char       *key, /* owned */
            guint       index)
{
  NameEntry *entry = g_hash_table_lookup (table, key);

  if (entry == NULL)
    {
      entry = g_new0 (NameEntry, 1);
      entry->first = index;
      g_hash_table_insert (table, key, entry);
    }
  else
    g_free (key);
  entry->count++;
}

/* Stakeholders named in relationships (or recorded_by) by id, then by
 * exact name, then by name in any case. */
static gboolean
builder_resolve_refs (SmImportBuilder *b,
                      GError         **error)
{
  JsonArray *people = b->records[0];
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (b->refs->len == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *object = json_array_get_object_element (people, i);
      const char *name = json_object_get_string_member_with_default (object, "name", "");
      /* Names are kept as read; "Ann" still finds " Ann". */
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      g_hash_table_add (ids, (char *) json_object_get_string_member (object, "id"));
      count_name (exact, g_strdup (trimmed), i);
      count_name (folded, g_utf8_casefold (trimmed, -1), i);
    }

  for (guint r = 0; r < b->refs->len; r++)
    {
      SmImportPendingRef *ref = &g_array_index (b->refs, SmImportPendingRef, r);
      const char         *text = json_node_get_string (ref->node);
      g_autofree char    *key = NULL;
      g_autofree char    *loc = NULL;
      NameEntry          *entry;

      if (g_hash_table_contains (ids, text))
        continue;
      entry = g_hash_table_lookup (exact, text);
      if (entry == NULL)
        {
          key = g_utf8_casefold (text, -1);
          entry = g_hash_table_lookup (folded, key);
        }
      if (entry != NULL && entry->count == 1)
        {
          JsonObject *object = json_array_get_object_element (people, entry->first);

          json_node_set_string (ref->node, json_object_get_string_member (object, "id"));
          continue;
        }

      loc = builder_location (b, ref->kind, ref->record, ref->column);
      if (entry == NULL)
        g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_REFERENCE,
                     _ ("%s: no stakeholder is called \"%s\""), loc, text);
      else
        g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_REFERENCE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s: %u stakeholder is called \"%s\"; give its id instead",
                                  "%s: %u stakeholders are called \"%s\"; give one of their ids instead",
                                  entry->count),
                     loc, entry->count, text);
      return FALSE;
    }
  return TRUE;
}

/* Records every stakeholder reference in @value for resolution. */
void
sm_import_builder_defer_refs (SmImportBuilder *b,
                              const SmField   *field,
                              JsonNode        *value,
                              SmRecordKind     kind,
                              guint            record,
                              const char      *column)
{
  if (field == NULL || field->ref != SM_REF_STAKEHOLDER)
    return;
  if (field->type == SM_FIELD_REF)
    {
      SmImportPendingRef ref = { value, record, kind, g_strdup (column) };
      g_array_append_val (b->refs, ref);
    }
  else if (field->type == SM_FIELD_REF_LIST)
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          SmImportPendingRef ref = { json_array_get_element (array, i), record, kind, g_strdup (column) };
          g_array_append_val (b->refs, ref);
        }
    }
}

/* "$.stakeholders[3].assets[0].type: …" → "line 5, assets[0].type: …". */
static char *
explain_problem (SmImportBuilder *b,
                 const char      *message)
{
  for (int s = 0; s < 2; s++)
    {
      SmRecordKind     kind = s == 0 ? SM_RECORD_STAKEHOLDER : SM_RECORD_RELATIONSHIP;
      g_autofree char *prefix = g_strdup_printf ("$.%s[", sm_schema_get_array_name (kind));
      const char      *p;
      char            *end;
      guint64          index;

      if (!g_str_has_prefix (message, prefix))
        continue;
      p = message + strlen (prefix);
      index = g_ascii_strtoull (p, &end, 10);
      if (end == p || *end != ']' || index >= b->lines[s]->len)
        break;
      end++;
      if (*end == '.')
        {
          const char      *colon = strstr (end, ": ");
          g_autofree char *member = colon ? g_strndup (end + 1, colon - end - 1) : NULL;
          g_autofree char *loc = builder_location (b, kind, index, member);

          if (colon != NULL)
            return g_strdup_printf ("%s%s", loc, colon);
        }
      else
        {
          g_autofree char *loc = builder_location (b, kind, index, NULL);
          return g_strdup_printf ("%s%s", loc, end);
        }
    }
  return g_strdup (message);
}

/* A tie from someone to themselves (Gephi and yEd draw them as loops) is
 * no relationship Stakemap can hold: it is left out, and said so. */
static void
builder_drop_self_links (SmImportBuilder *b)
{
  JsonArray *links = b->records[1];
  JsonArray *people = b->records[0];
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autoptr(GArray) kept_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (links);

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);

      g_hash_table_insert (names, (char *) json_object_get_string_member (person, "id"),
                           (char *) json_object_get_string_member_with_default (person, "name", ""));
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *source = json_object_get_string_member_with_default (link, "source", NULL);
      const char *target = json_object_get_string_member_with_default (link, "target", NULL);

      if (source != NULL && target != NULL && strcmp (source, target) == 0)
        {
          g_autofree char *loc = builder_location (b, SM_RECORD_RELATIONSHIP, i, NULL);
          const char      *name = g_hash_table_lookup (names, source);

          sm_import_builder_warn (b,
                                  /* Translators: the first %s says where in the file
                                   * (a line, a row or a cell); the second is a
                                   * stakeholder's name. */
                                  _ ("%s: a relationship from “%s” to itself was left out; a relationship "
                                     "links two different stakeholders"),
                                  loc, name != NULL && *name != '\0' ? name : source);
          continue;
        }
      json_array_add_object_element (kept, json_object_ref (link));
      g_array_append_val (kept_lines, g_array_index (b->lines[1], guint, i));
    }
  if (json_array_get_length (kept) == n)
    return;
  json_array_unref (b->records[1]);
  b->records[1] = g_steal_pointer (&kept);
  g_array_unref (b->lines[1]);
  b->lines[1] = g_steal_pointer (&kept_lines);
}

SmMap *
sm_import_builder_finish (SmImportBuilder *b,
                          GError         **error)
{
  g_autoptr(JsonObject) root_object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SmMap) map = NULL;

  if (!sm_import_builder_assign_ids (b, error) || !builder_resolve_refs (b, error))
    return NULL;
  builder_drop_self_links (b);

  json_object_set_string_member (root_object, "format", "stakemap");
  json_object_set_int_member (root_object, "version", SM_FORMAT_VERSION);
  json_object_set_object_member (root_object, "map", json_object_new ());
  json_object_set_array_member (root_object, "stakeholders", json_array_ref (b->records[0]));
  json_object_set_array_member (root_object, "relationships", json_array_ref (b->records[1]));
  if (b->spaces != NULL)
    json_object_set_array_member (root_object, "spaces", json_array_ref (b->spaces));
  root = json_node_init_object (json_node_alloc (), root_object);

  map = sm_format_load_node (root, &local_error);
  if (map == NULL)
    {
      g_autofree char *message = explain_problem (b, local_error->message);

      g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_INVALID, message);
      return NULL;
    }

  sm_layout_place_missing (map);

  /* The budgets keep a map well under what Stakemap opens; this makes sure
   * that no import ever gives a map that could be saved but not opened. */
  {
    g_autoptr(GBytes) saved = sm_format_save_to_bytes (map);

    if (g_bytes_get_size (saved) > SM_JSON_MAX_SIZE)
      {
        g_autofree char *size = g_format_size_full (g_bytes_get_size (saved), G_FORMAT_SIZE_IEC_UNITS);
        g_autofree char *limit = g_format_size_full (SM_JSON_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

        g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                     _ ("the map would be %s as a project file, more than Stakemap opens (%s); "
                        "import fewer rows or columns"),
                     size, limit);
        return NULL;
      }
  }
  return g_steal_pointer (&map);
}

gboolean
sm_import_check_input (GBytes      *bytes,
                       const char  *what,
                       const char **data,
                       gsize       *length,
                       GError     **error)
{
  *data = g_bytes_get_data (bytes, length);
  if (*data == NULL)
    *data = "";

  if (*length > SM_JSON_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (*length);
      g_autofree char *limit = g_format_size (SM_JSON_MAX_SIZE);

      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("%sthe file is %s, larger than any real map (the limit is %s)"),
                   what, size, limit);
      return FALSE;
    }
  if (!g_utf8_validate_len (*data, *length, NULL))
    {
      const char *end;
      const char *line_start = *data;
      guint       line = 1;

      g_utf8_validate_len (*data, *length, &end);
      for (const char *p = *data; p < end; p++)
        if (*p == '\n')
          {
            line++;
            line_start = p + 1;
          }
      if (*end == '\0')
        {
          /* Columns count characters, as editors do. */
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_ENCODING,
                       _ ("%sline %u, column %ld: a NUL byte, which text never holds; "
                          "this is not a text file, or it is damaged"),
                       what, line, g_utf8_pointer_to_offset (line_start, end) + 1);
          return FALSE;
        }
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_ENCODING,
                   _ ("%sline %u: the file is not UTF-8 text; save it as UTF-8 (in a spreadsheet: "
                      "CSV UTF-8)"),
                   what, line);
      return FALSE;
    }
  /* A byte order mark is allowed and ignored. */
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
  return TRUE;
}

gboolean
sm_import_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
sm_import_is_blank_len (const char *data,
                        gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

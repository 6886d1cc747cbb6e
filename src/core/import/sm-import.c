/* sm-import.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-format.h"
#include "sm-import.h"
#include "sm-json.h"
#include "sm-layout.h"
#include "sm-map-private.h"

/* Both importers build the whole document as a JSON tree, checking each
 * value where it is read so that errors can name a line and a column, and
 * then hand the tree to the same validation as the loader: an import can
 * never give a map that would not load. Positions missing at the end come
 * from sm_layout_place_missing(). */

G_DEFINE_QUARK (sm-import-error-quark, sm_import_error)

#define MAX_ID_LENGTH 200   /* as sm-format.c */
#define MAX_COLUMNS 10000
#define COORD_MAX 1e9

/* Where a value goes and what it must be. */
typedef struct
{
  const SmField *field; /* NULL when the schema does not know it: kept as is */
  GStrv path;           /* member path: { "remuneration", "time_paid", NULL } */
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->path, g_strfreev);
}

/* "Participation level" → "participation_level". */
static char *
normalise_name (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

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
static void
resolve_name (SmRecordKind  kind,
              const char   *name,
              Target       *target)
{
  g_autofree char *norm = normalise_name (name);
  g_auto(GStrv) parts = g_strsplit (norm, ".", -1);
  const SmField *fields = sm_schema_get_fields (kind);
  guint n = g_strv_length (parts);

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
              const char *last = strrchr (name, '.') + 1;
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
sm_import_reads_as_field (SmRecordKind  kind,
                          const char   *name)
{
  Target target;
  gboolean known;

  g_return_val_if_fail (name != NULL, FALSE);

  resolve_name (kind, name, &target);
  known = target.field != NULL;
  target_clear (&target);
  return known;
}

/* Sets @value at @path, making the objects on the way; FALSE when a
 * member on the way holds something other than an object. */
static gboolean
set_path (JsonObject  *object,
          GStrv        path,
          JsonNode    *value)
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

static JsonNode *
new_string (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* Numbers as spreadsheets write them: "3", "2.5", "-1e3", and "2,5"
 * where a comma is the decimal mark. No hex, infinities or NaN. */
static JsonNode *
parse_number (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;
  gboolean integral = TRUE;
  char *comma;

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
convert_enum (const SmField  *field,
              const char     *text,
              char          **message)
{
  g_autofree char *value = normalise_name (text);

  if (!is_snake_case (value))
    {
      g_autofree char *choices = enum_choices (field);
      *message = g_strdup_printf (_("expected one of %s"), choices);
      return NULL;
    }
  return new_string (value);
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
          gboolean strings = TRUE;

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
static JsonNode *
convert_text (const SmField  *field,
              const char     *text,
              char          **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *lower = g_ascii_strdown (trimmed, -1);
  g_autoptr(JsonNode) number = NULL;
  double v;

  switch (field->type)
    {
    case SM_FIELD_STRING:
      return new_string (text);

    case SM_FIELD_ID:
      if (g_utf8_strlen (trimmed, -1) > MAX_ID_LENGTH)
        {
          *message = g_strdup_printf (_("expected an id of at most %d characters"), MAX_ID_LENGTH);
          return NULL;
        }
      return new_string (trimmed);

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
            *message = g_strdup (_("expected a date written like \"2026-03-31\""));
            return NULL;
          }
        trimmed[10] = '\0';
        return new_string (trimmed);
      }

    case SM_FIELD_BOOLEAN:
      if (strcmp (lower, "unknown") == 0)
        return new_string ("unknown");
      if (strcmp (lower, "true") == 0 || strcmp (lower, "yes") == 0 || strcmp (lower, "1") == 0)
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (strcmp (lower, "false") == 0 || strcmp (lower, "no") == 0 || strcmp (lower, "0") == 0)
        return json_node_init_boolean (json_node_alloc (), FALSE);
      *message = g_strdup (_("expected true, false (or yes, no) or \"unknown\""));
      return NULL;

    case SM_FIELD_SCORE:
    case SM_FIELD_LEVEL:
      if (strcmp (lower, "unknown") == 0)
        return new_string ("unknown");
      number = parse_number (trimmed);
      if (number == NULL || (v = json_node_get_double (number)) < field->min || v > field->max ||
          (field->type == SM_FIELD_LEVEL && v != floor (v)))
        {
          if (field->type == SM_FIELD_LEVEL)
            *message = g_strdup_printf (_("expected a whole number from %d to %d, or \"unknown\""),
                                        (int) field->min, (int) field->max);
          else
            *message = g_strdup_printf (_("expected a number from %d to %d, or \"unknown\""),
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
            *message = g_strdup_printf (_("expected a whole number from %s to %s"), lo, hi);
          else
            *message = g_strdup_printf (_("expected a number from %s to %s"), lo, hi);
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
          *message = g_strdup (_("refers to spaces or affected groups, which an import cannot bring in; "
                                 "leave it empty"));
          return NULL;
        }
      if (field->type == SM_FIELD_REF)
        return new_string (trimmed);
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
              item = new_string (items[i]);
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
            *message = g_strdup (list ? _("expected a list written in JSON, like [{\"type\": \"time\"}]")
                                      : _("expected an object written in JSON, like {\"key\": \"value\"}"));
            return NULL;
          }
        return g_steal_pointer (&node);
      }

    default:
      g_assert_not_reached ();
    }
}

/* What an import has made so far, against SM_IMPORT_MAX_VALUES and
 * SM_IMPORT_MAX_TEXT. */
typedef struct
{
  guint64 values;
  guint64 bytes;
} Budget;

/* Spends @values values holding @bytes bytes; FALSE once either budget
 * is passed. */
static gboolean
budget_spend (Budget  *budget,
              guint64  values,
              guint64  bytes)
{
  budget->values += values;
  budget->bytes += bytes;
  return budget->values <= SM_IMPORT_MAX_VALUES && budget->bytes <= SM_IMPORT_MAX_TEXT;
}

/* Says which budget is passed, at @where. */
static void
budget_error (Budget      *budget,
              const char  *where,
              GError     **error)
{
  if (budget->values > SM_IMPORT_MAX_VALUES)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _("%s: the map would hold more than %d values (filled cells, or attributes "
                     "with the defaults of their keys), the most an import may make"),
                   where, SM_IMPORT_MAX_VALUES);
    }
  else
    {
      g_autofree char *limit = g_format_size_full (SM_IMPORT_MAX_TEXT, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _("%s: the map would hold more than %s of text (names and values, with the "
                     "defaults of keys), the most an import may make"),
                   where, limit);
    }
}

/* The document under construction, shared by both importers. */

typedef struct
{
  JsonNode *node;  /* the string to replace by a stakeholder id */
  guint record;    /* index of the record it belongs to */
  SmRecordKind kind;
  char *column;
} PendingRef;

typedef struct
{
  gboolean csv;
  JsonArray *records[2]; /* stakeholders, relationships */
  GArray *lines[2];      /* guint: where each record starts */
  GArray *refs;          /* PendingRef */
  Budget budget;         /* cells read */
} Builder;

#define SLOT(kind) ((kind) == SM_RECORD_STAKEHOLDER ? 0 : 1)

static void
pending_ref_clear (gpointer data)
{
  PendingRef *ref = data;

  g_free (ref->column);
}

static void
builder_init (Builder  *b,
              gboolean  csv)
{
  b->csv = csv;
  for (int i = 0; i < 2; i++)
    {
      b->records[i] = json_array_new ();
      b->lines[i] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  b->refs = g_array_new (FALSE, FALSE, sizeof (PendingRef));
  g_array_set_clear_func (b->refs, pending_ref_clear);
}

static void
builder_clear (Builder *b)
{
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&b->records[i], json_array_unref);
      g_clear_pointer (&b->lines[i], g_array_unref);
    }
  g_clear_pointer (&b->refs, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

static guint
builder_add (Builder      *b,
             SmRecordKind  kind,
             JsonObject   *object,
             guint         line)
{
  json_array_add_object_element (b->records[SLOT (kind)], json_object_ref (object));
  g_array_append_val (b->lines[SLOT (kind)], line);
  return json_array_get_length (b->records[SLOT (kind)]) - 1;
}

/* "line 5" or "relationships, line 5", and the column when there is one. */
static char *
csv_location (SmRecordKind  kind,
              guint         line,
              const char   *column)
{
  g_autofree char *where = NULL;

  if (column != NULL)
    where = g_strdup_printf (_("line %u, column \"%s\""), line, column);
  else
    where = g_strdup_printf (_("line %u"), line);
  if (kind == SM_RECORD_RELATIONSHIP)
    return g_strdup_printf (_("relationships, %s"), where);
  return g_steal_pointer (&where);
}

static char *
graphml_location (guint       line,
                  const char *attribute)
{
  if (attribute != NULL)
    return g_strdup_printf (_("line %u, \"%s\""), line, attribute);
  return g_strdup_printf (_("line %u"), line);
}

static char *
builder_location (Builder      *b,
                  SmRecordKind  kind,
                  guint         record,
                  const char   *column)
{
  guint line = g_array_index (b->lines[SLOT (kind)], guint, record);

  return b->csv ? csv_location (kind, line, column) : graphml_location (line, column);
}

/* Ids kept where given and valid, made (s1, r1, …) where absent, unique
 * across the whole document as the format requires. */
static gboolean
builder_assign_ids (Builder  *b,
                    GError  **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) where = g_hash_table_new (g_str_hash, g_str_equal);
  guint next[2] = { 1, 1 };
  static const char *const prefixes[2] = { "s", "r" };

  for (int s = 0; s < 2; s++)
    {
      SmRecordKind kind = s == 0 ? SM_RECORD_STAKEHOLDER : SM_RECORD_RELATIONSHIP;
      JsonArray *array = b->records[s];

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          const char *id;
          gpointer other;

          if (!json_object_has_member (object, "id"))
            continue;
          id = json_object_get_string_member (object, "id");
          if (g_hash_table_lookup_extended (where, id, NULL, &other))
            {
              guint o = GPOINTER_TO_UINT (other);
              SmRecordKind other_kind = o & 1 ? SM_RECORD_RELATIONSHIP : SM_RECORD_STAKEHOLDER;
              guint other_line = g_array_index (b->lines[SLOT (other_kind)], guint, o >> 1);
              g_autofree char *loc = builder_location (b, kind, i, b->csv ? "id" : NULL);

              if (other_kind == kind)
                g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                             _("%s: the id \"%s\" is already used on line %u; ids must be unique"),
                             loc, id, other_line);
              else
                g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                             _("%s: the id \"%s\" is already used by a %s; ids must be unique"),
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
          char *id;

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
builder_resolve_refs (Builder  *b,
                      GError  **error)
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
      PendingRef *ref = &g_array_index (b->refs, PendingRef, r);
      const char *text = json_node_get_string (ref->node);
      g_autofree char *key = NULL;
      g_autofree char *loc = NULL;
      NameEntry *entry;

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
                     _("%s: no stakeholder is called \"%s\""), loc, text);
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
static void
builder_defer_refs (Builder       *b,
                    const SmField *field,
                    JsonNode      *value,
                    SmRecordKind   kind,
                    guint          record,
                    const char    *column)
{
  if (field == NULL || field->ref != SM_REF_STAKEHOLDER)
    return;
  if (field->type == SM_FIELD_REF)
    {
      PendingRef ref = { value, record, kind, g_strdup (column) };
      g_array_append_val (b->refs, ref);
    }
  else if (field->type == SM_FIELD_REF_LIST)
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          PendingRef ref = { json_array_get_element (array, i), record, kind, g_strdup (column) };
          g_array_append_val (b->refs, ref);
        }
    }
}

/* "$.stakeholders[3].assets[0].type: …" → "line 5, assets[0].type: …". */
static char *
explain_problem (Builder    *b,
                 const char *message)
{
  for (int s = 0; s < 2; s++)
    {
      SmRecordKind kind = s == 0 ? SM_RECORD_STAKEHOLDER : SM_RECORD_RELATIONSHIP;
      g_autofree char *prefix = g_strdup_printf ("$.%s[", sm_schema_get_array_name (kind));
      const char *p;
      char *end;
      guint64 index;

      if (!g_str_has_prefix (message, prefix))
        continue;
      p = message + strlen (prefix);
      index = g_ascii_strtoull (p, &end, 10);
      if (end == p || *end != ']' || index >= b->lines[s]->len)
        break;
      end++;
      if (*end == '.')
        {
          const char *colon = strstr (end, ": ");
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

static SmMap *
builder_finish (Builder  *b,
                GError  **error)
{
  g_autoptr(JsonObject) root_object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SmMap) map = NULL;

  if (!builder_assign_ids (b, error) || !builder_resolve_refs (b, error))
    return NULL;

  json_object_set_string_member (root_object, "format", "stakemap");
  json_object_set_int_member (root_object, "version", SM_FORMAT_VERSION);
  json_object_set_object_member (root_object, "map", json_object_new ());
  json_object_set_array_member (root_object, "stakeholders", json_array_ref (b->records[0]));
  json_object_set_array_member (root_object, "relationships", json_array_ref (b->records[1]));
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
                     _("the map would be %s as a project file, more than Stakemap opens (%s); "
                       "import fewer rows or columns"), size, limit);
        return NULL;
      }
  }
  return g_steal_pointer (&map);
}

static gboolean
check_input (GBytes      *bytes,
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
                   _("%sthe file is %s, larger than any real map (the limit is %s)"),
                   what, size, limit);
      return FALSE;
    }
  if (!g_utf8_validate_len (*data, *length, NULL))
    {
      const char *end;
      const char *line_start = *data;
      guint line = 1;

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
                       _("%sline %u, column %ld: a NUL byte, which text never holds; "
                         "this is not a text file, or it is damaged"),
                       what, line, g_utf8_pointer_to_offset (line_start, end) + 1);
          return FALSE;
        }
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_ENCODING,
                   _("%sline %u: the file is not UTF-8 text; save it as UTF-8 (in a spreadsheet: "
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

/* CSV (RFC 4180 and what spreadsheets really write). */

typedef struct
{
  const char *p;
  const char *end;
  char separator;
  guint line;
  GPtrArray *cells; /* char *, as read, with the exporter's ' taken off */
  SmRecordKind kind;
} CsvReader;

/* The separator: a comma, unless the header has none and has semicolons
 * (Excel where the comma is the decimal mark) or tabs. */
static char
csv_detect_separator (const char *p,
                      const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }
  if (commas == 0 && semicolons > 0)
    return ';';
  if (commas == 0 && tabs > 0)
    return '\t';
  return ',';
}

/* The ' that sm_export_csv_*() puts before a cell a spreadsheet could take
 * for a formula ("'=1+1"), or before one that starts so ("''=1+1"), as
 * spreadsheets do: the cell is the text after it. */
static char *
csv_unmark (const GString *cell)
{
  if (cell->str[0] == '\'' && cell->str[1] != '\0' && strchr ("=+-@\t\r\n'", cell->str[1]) != NULL)
    return g_strdup (cell->str + 1);
  return g_strdup (cell->str);
}

static gboolean
csv_read_row (CsvReader  *r,
              guint      *row_line,
              GError    **error)
{
  g_autoptr(GString) cell = g_string_new (NULL);

  g_ptr_array_set_size (r->cells, 0);
  if (r->p >= r->end)
    return FALSE;
  *row_line = r->line;

  for (;;)
    {
      const char *q = r->p;

      g_string_truncate (cell, 0);
      while (q < r->end && (*q == ' ' || *q == '\t') && *q != r->separator)
        q++;

      if (q < r->end && *q == '"')
        {
          guint quote_line = r->line;

          r->p = q + 1;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  g_autofree char *loc = csv_location (r->kind, quote_line, NULL);

                  g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                               _("%s: unterminated quoted field (a \" opens it and none closes it)"), loc);
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (cell, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\r' || *r->p == '\n')
                {
                  /* Line breaks inside a cell become \n, whatever the file uses. */
                  if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
                    r->p++;
                  g_string_append_c (cell, '\n');
                  r->line++;
                  r->p++;
                  continue;
                }
              g_string_append_c (cell, *r->p++);
            }
          /* Text after the closing quote is kept, as spreadsheets do. */
          while (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
            {
              if (*r->p != ' ' && *r->p != '\t')
                g_string_append_c (cell, *r->p);
              r->p++;
            }
          g_ptr_array_add (r->cells, csv_unmark (cell));
        }
      else
        {
          /* Kept as read, spaces and tabs included. */
          q = r->p;
          while (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
            r->p++;
          g_string_append_len (cell, q, r->p - q);
          g_ptr_array_add (r->cells, csv_unmark (cell));
        }

      if (r->cells->len > MAX_COLUMNS)
        {
          g_autofree char *loc = csv_location (r->kind, *row_line, NULL);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _("%s: more than %d cells in one row"), loc, MAX_COLUMNS);
          return FALSE;
        }

      if (r->p < r->end && *r->p == r->separator)
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank_len (const char *data,
              gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

static gboolean
row_is_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (!is_blank (g_ptr_array_index (cells, i)))
      return FALSE;
  return TRUE;
}

typedef struct
{
  char *header; /* as written, for messages */
  Target target;
} Column;

static gboolean
column_is_exact (const Column *column)
{
  g_autofree char *joined = g_strjoinv (".", column->target.path);

  return g_strcmp0 (joined, column->header) == 0;
}

/* Names are matched without regard to case, for spreadsheets' "Name" and
 * "Influence". But a project file may hold a member that differs from a
 * field only in case ("Reciprocity" beside "reciprocity"), and its CSV
 * export has both columns: where one column names a field exactly, the
 * others that only match it are kept under their own names. */
static void
keep_near_names_as_written (GArray *columns)
{
  for (guint i = 0; i < columns->len; i++)
    {
      Column *exact = &g_array_index (columns, Column, i);

      if (!column_is_exact (exact))
        continue;
      for (guint j = 0; j < columns->len; j++)
        {
          Column *near = &g_array_index (columns, Column, j);

          if (j == i || column_is_exact (near) ||
              !g_strv_equal ((const char *const *) near->target.path,
                             (const char *const *) exact->target.path))
            continue;
          target_clear (&near->target);
          near->target.field = NULL;
          near->target.path = g_new0 (char *, 2);
          near->target.path[0] = g_strdup (near->header);
        }
    }
}

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->header);
  target_clear (&column->target);
}

/* Reads one CSV into @b. */
static gboolean
read_csv (Builder       *b,
          SmRecordKind   kind,
          GBytes        *bytes,
          GError       **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *prefix = kind == SM_RECORD_RELATIONSHIP ? _("relationships: ") : "";
  const char *data;
  gsize length;
  CsvReader r = { 0 };
  guint line = 0, rows = 0;
  const char *const *required;
  static const char *const people_required[] = { "name", NULL };
  static const char *const ties_required[] = { "source", "target", NULL };
  GError *local_error = NULL;

  g_array_set_clear_func (columns, column_clear);

  if (!check_input (bytes, prefix, &data, &length, error))
    return FALSE;

  r.p = data;
  r.end = data + length;
  r.line = 1;
  r.cells = cells;
  r.kind = kind;
  r.separator = csv_detect_separator (r.p, r.end);

  /* The header: the first row that is not blank. */
  for (;;)
    {
      if (!csv_read_row (&r, &line, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_EMPTY,
                         _("%sthe file is empty; expected a header row naming the columns"), prefix);
          return FALSE;
        }
      if (!row_is_empty (cells))
        break;
      r.separator = csv_detect_separator (r.p, r.end);
    }

  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = g_ptr_array_index (cells, i);
      Column column = { 0 };

      column.header = !is_blank (text) ? g_strstrip (g_strdup (text)) : g_strdup_printf ("column_%u", i + 1);
      resolve_name (kind, column.header, &column.target);
      g_array_append_val (columns, column);
    }
  keep_near_names_as_written (columns);

  for (guint i = 0; i < columns->len; i++)
    {
      Column *column = &g_array_index (columns, Column, i);
      g_autofree char *key = g_strjoinv ("\x1f", column->target.path);
      const char *other;

      other = g_hash_table_lookup (seen, key);
      if (other != NULL)
        {
          g_autofree char *joined = g_strjoinv (".", column->target.path);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                       _("%sheader: the columns \"%s\" and \"%s\" both give \"%s\"; keep one"),
                       prefix, other, column->header, joined);
          return FALSE;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), g_strdup (column->header));
    }

  required = kind == SM_RECORD_STAKEHOLDER ? people_required : ties_required;
  for (guint i = 0; required[i] != NULL; i++)
    if (!g_hash_table_contains (seen, required[i]))
      {
        g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                     _("%sheader: no \"%s\" column"), prefix, required[i]);
        return FALSE;
      }

  while (csv_read_row (&r, &line, &local_error))
    {
      g_autoptr(JsonObject) object = NULL;
      guint record;

      if (row_is_empty (cells))
        continue;
      if (++rows > SM_IMPORT_MAX_ROWS)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _("%sline %u: more than %d rows; no real map is this big"),
                       prefix, line, SM_IMPORT_MAX_ROWS);
          return FALSE;
        }
      for (guint i = columns->len; i < cells->len; i++)
        if (!is_blank (g_ptr_array_index (cells, i)))
          {
            g_autofree char *loc = csv_location (kind, line, NULL);

            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                         _("%s: this row has %u cells but the header names only %u columns"),
                         loc, cells->len, columns->len);
            return FALSE;
          }

      for (guint i = 0; i < MIN (cells->len, columns->len); i++)
        {
          const char *text = g_ptr_array_index (cells, i);
          Column *column = &g_array_index (columns, Column, i);

          if (!is_blank (text) &&
              !budget_spend (&b->budget, 1, strlen (column->header) + strlen (text)))
            {
              g_autofree char *loc = csv_location (kind, line, column->header);

              budget_error (&b->budget, loc, error);
              return FALSE;
            }
        }

      object = json_object_new ();
      record = builder_add (b, kind, object, line);
      for (guint i = 0; i < MIN (cells->len, columns->len); i++)
        {
          Column *column = &g_array_index (columns, Column, i);
          const char *text = g_ptr_array_index (cells, i);
          g_autofree char *message = NULL;
          JsonNode *value;

          if (is_blank (text))
            continue;
          if (column->target.field != NULL)
            value = convert_text (column->target.field, text, &message);
          else
            value = new_string (text);
          if (value == NULL)
            {
              g_autofree char *loc = csv_location (kind, line, column->header);

              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE, "%s: %s", loc, message);
              return FALSE;
            }
          builder_defer_refs (b, column->target.field, value, kind, record, column->header);
          if (!set_path (object, column->target.path, value))
            {
              g_autofree char *loc = csv_location (kind, line, column->header);

              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                           _("%s: \"%s\" already holds a value that is not an object"),
                           loc, column->target.path[0]);
              return FALSE;
            }
        }

      /* A map may hold a stakeholder whose name was cleared: its row has
       * an id and an empty name, and comes back so. A row with neither is
       * a mistake. */
      if (kind == SM_RECORD_STAKEHOLDER && !json_object_has_member (object, "name") &&
          json_object_has_member (object, "id"))
        json_object_set_string_member (object, "name", "");
      if (kind == SM_RECORD_STAKEHOLDER && !json_object_has_member (object, "name"))
        {
          g_autofree char *loc = csv_location (kind, line, "name");

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE,
                       _("%s: empty; every stakeholder needs a name"), loc);
          return FALSE;
        }
      for (guint i = 0; kind == SM_RECORD_RELATIONSHIP && i < 2; i++)
        if (!json_object_has_member (object, ties_required[i]))
          {
            g_autofree char *loc = csv_location (kind, line, ties_required[i]);

            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE,
                         _("%s: empty; every relationship needs a %s"), loc, ties_required[i]);
            return FALSE;
          }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * sm_import_csv:
 * @stakeholders_csv: one stakeholder a row; the header names the fields
 * @relationships_csv: (nullable): one relationship a row, with source and
 *   target given by id or by name
 *
 * Builds a map from spreadsheets. Columns named like fields of the format
 * (in any case, nested members with dots: "remuneration.time_paid") are
 * read as those fields; other columns are kept as text members.
 */
SmMap *
sm_import_csv (GBytes  *stakeholders_csv,
               GBytes  *relationships_csv,
               GError **error)
{
  g_auto(Builder) b = { 0 };

  g_return_val_if_fail (stakeholders_csv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  builder_init (&b, TRUE);
  if (!read_csv (&b, SM_RECORD_STAKEHOLDER, stakeholders_csv, error))
    return NULL;
  if (relationships_csv != NULL && !read_csv (&b, SM_RECORD_RELATIONSHIP, relationships_csv, error))
    return NULL;
  return builder_finish (&b, error);
}

/* GraphML, as Gephi, networkx, Cytoscape and yEd write it. GMarkup expands
 * no entities and reads no DTD, so a hostile file cannot make it balloon. */

typedef struct
{
  char *id;
  char *domain; /* "node", "edge", "graph", "all" */
  char *name;   /* attr.name; NULL for yEd's graphics keys */
  char *type;   /* attr.type */
  char *default_value;
} Key;

typedef struct
{
  char *key;
  char *value;
} Datum;

typedef struct
{
  gboolean is_edge;
  guint index;   /* among the nodes or among the edges */
  char *id;      /* as written; NULL for an edge without one */
  char *source;
  char *target;
  int directed;  /* the edge's own "directed", or -1 */
  gboolean graph_directed;
  guint line;
  GArray *data;  /* Datum */
  char *label;   /* yEd's NodeLabel or EdgeLabel */
  gboolean has_geometry;
  double gx, gy, gw, gh;
} Element;

typedef enum
{
  FRAME_OTHER,
  FRAME_KEY,
  FRAME_DEFAULT,
  FRAME_GRAPH,
  FRAME_NODE,
  FRAME_EDGE,
  FRAME_DATA,
  FRAME_LABEL,
} FrameKind;

typedef struct
{
  FrameKind kind;
  Element *owner;    /* the innermost open node or edge; NULL in a graph */
  gboolean directed; /* the innermost graph's edgedefault */
} Frame;

typedef struct
{
  GMarkupParseContext *context;
  GArray *frames;        /* Frame */
  GHashTable *keys;      /* id → Key */
  GPtrArray *nodes;      /* Element */
  GPtrArray *edges;      /* Element */
  GHashTable *node_ids;  /* id → Element */
  Key *key;              /* the open <key> */
  GString *text;         /* text of the open <default>, <data> or label */
  guint n_data;
  guint64 n_defaults[2];    /* keys with a default, for nodes and for edges */
  guint64 default_bytes[2]; /* their names and defaults */
  Budget budget;            /* nodes and edges read, with the defaults they get */
} GraphmlParser;

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

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (local_name (names[i]), wanted) == 0)
      return values[i];
  return NULL;
}

static guint
parser_line (GraphmlParser *p)
{
  int line = 0, column = 0;

  g_markup_parse_context_get_position (p->context, &line, &column);
  return MAX (line, 1);
}

static Frame *
top_frame (GraphmlParser *p)
{
  g_assert (p->frames->len > 0);
  return &g_array_index (p->frames, Frame, p->frames->len - 1);
}

static gboolean
parse_coordinate (const char *text,
                  double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value) && fabs (*value) < COORD_MAX;
}

static Key *
lookup_key (GraphmlParser *p,
            const char    *id,
            gboolean       is_edge)
{
  g_autofree char *own = g_strdup_printf ("%s\x1f%s", is_edge ? "edge" : "node", id);
  g_autofree char *all = g_strdup_printf ("all\x1f%s", id);
  Key *key = g_hash_table_lookup (p->keys, own);

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
spend_element (GraphmlParser *p,
               Element       *element,
               Budget        *budget)
{
  guint slot = element->is_edge ? 1 : 0;
  g_autoptr(GHashTable) given = NULL;
  gint64 values = p->n_defaults[slot];
  gint64 bytes = p->default_bytes[slot];

  for (guint i = 0; i < element->data->len; i++)
    {
      Datum *datum = &g_array_index (element->data, Datum, i);
      Key *key = lookup_key (p, datum->key, element->is_edge);

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
  return budget_spend (budget, MAX (values, 0), MAX (bytes, 0));
}

static void
graphml_start_element (GMarkupParseContext  *context,
                       const char           *element_name,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  GraphmlParser *p = user_data;
  const char *name = local_name (element_name);
  Frame frame = { FRAME_OTHER, NULL, FALSE };
  Frame *parent = p->frames->len > 0 ? top_frame (p) : NULL;
  guint line = parser_line (p);

  if (p->frames->len >= SM_IMPORT_MAX_DEPTH)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _("line %u: elements nested more than %d deep, the most an import reads"),
                   line, SM_IMPORT_MAX_DEPTH);
      return;
    }
  if (parent == NULL)
    {
      if (strcmp (name, "graphml") != 0)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _("line %u: this is not GraphML (it starts with <%s>, not <graphml>)"),
                       line, element_name);
          return;
        }
    }
  else
    {
      frame.owner = parent->owner;
      frame.directed = parent->directed;
    }

  if (parent != NULL && parent->kind == FRAME_OTHER && parent->owner == NULL && p->frames->len == 1 &&
      strcmp (name, "key") == 0)
    {
      const char *id = find_attribute (names, values, "id");
      const char *domain;
      g_autofree char *table_key = NULL;
      Key *key;

      frame.kind = FRAME_KEY;
      if (id == NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _("line %u: a <key> without an id"), line);
          return;
        }
      /* Cytoscape reuses ids across node, edge and graph keys, so a key
       * is known by its domain and id together. */
      domain = find_attribute (names, values, "for");
      table_key = g_strdup_printf ("%s\x1f%s", domain != NULL ? domain : "all", id);
      if (g_hash_table_contains (p->keys, table_key))
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                       _("line %u: the key \"%s\" is declared twice"), line, id);
          return;
        }
      if (g_hash_table_size (p->keys) >= MAX_COLUMNS)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _("line %u: more than %d keys; no real map has this many attributes"),
                       line, MAX_COLUMNS);
          return;
        }
      key = g_new0 (Key, 1);
      key->id = g_strdup (id);
      key->domain = g_strdup (domain != NULL ? domain : "all");
      key->name = g_strdup (find_attribute (names, values, "attr.name"));
      key->type = g_strdup (find_attribute (names, values, "attr.type"));
      g_hash_table_insert (p->keys, g_steal_pointer (&table_key), key);
      p->key = key;
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
      const char *edgedefault = find_attribute (names, values, "edgedefault");

      /* Nested graphs (yEd's groups) are read as part of the whole. */
      frame.kind = FRAME_GRAPH;
      frame.owner = NULL;
      frame.directed = edgedefault != NULL && strcmp (edgedefault, "directed") == 0;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && strcmp (name, "node") == 0)
    {
      const char *id = find_attribute (names, values, "id");
      Element *node, *other;

      if (id == NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _("line %u: a node without an id"), line);
          return;
        }
      other = g_hash_table_lookup (p->node_ids, id);
      if (other != NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_DUPLICATE,
                       _("line %u: the node id \"%s\" is used twice (first on line %u); ids must be unique"),
                       line, id, other->line);
          return;
        }
      if (p->nodes->len >= SM_IMPORT_MAX_ROWS)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _("line %u: more than %d nodes; no real map is this big"), line, SM_IMPORT_MAX_ROWS);
          return;
        }
      node = g_new0 (Element, 1);
      node->id = g_strdup (id);
      node->index = p->nodes->len;
      node->line = line;
      node->directed = -1;
      node->data = g_array_new (FALSE, FALSE, sizeof (Datum));
      g_array_set_clear_func (node->data, datum_clear);
      g_ptr_array_add (p->nodes, node);
      g_hash_table_insert (p->node_ids, node->id, node);
      frame.kind = FRAME_NODE;
      frame.owner = node;
    }
  else if (parent != NULL && parent->kind == FRAME_GRAPH && strcmp (name, "edge") == 0)
    {
      const char *source = find_attribute (names, values, "source");
      const char *target = find_attribute (names, values, "target");
      const char *directed = find_attribute (names, values, "directed");
      Element *edge;

      if (source == NULL || target == NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _("line %u: an edge without a %s"), line, source == NULL ? "source" : "target");
          return;
        }
      if (p->edges->len >= SM_IMPORT_MAX_ROWS)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _("line %u: more than %d edges; no real map is this big"), line, SM_IMPORT_MAX_ROWS);
          return;
        }
      edge = g_new0 (Element, 1);
      edge->is_edge = TRUE;
      edge->id = g_strdup (find_attribute (names, values, "id"));
      edge->source = g_strdup (source);
      edge->target = g_strdup (target);
      edge->directed = directed == NULL ? -1 : strcmp (directed, "true") == 0;
      edge->graph_directed = parent->directed;
      edge->line = line;
      edge->data = g_array_new (FALSE, FALSE, sizeof (Datum));
      g_array_set_clear_func (edge->data, datum_clear);
      g_ptr_array_add (p->edges, edge);
      frame.kind = FRAME_EDGE;
      frame.owner = edge;
    }
  else if (strcmp (name, "hyperedge") == 0)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_UNSUPPORTED,
                   _("line %u: hyperedges (relationships among more than two) cannot be imported; "
                     "replace each by edges"), line);
      return;
    }
  else if (parent != NULL && (parent->kind == FRAME_NODE || parent->kind == FRAME_EDGE) &&
           strcmp (name, "data") == 0)
    {
      const char *key = find_attribute (names, values, "key");
      Datum datum = { g_strdup (key != NULL ? key : ""), NULL };

      if (++p->n_data > SM_IMPORT_MAX_VALUES)
        {
          g_autofree char *loc = graphml_location (line, NULL);

          g_free (datum.key);
          budget_error (&(Budget) { p->n_data, 0 }, loc, error);
          return;
        }
      g_array_append_val (parent->owner->data, datum);
      frame.kind = FRAME_DATA;
      g_string_truncate (p->text, 0);
    }
  else if (frame.owner != NULL && strcmp (name, "Geometry") == 0 && !frame.owner->is_edge &&
           !frame.owner->has_geometry)
    {
      Element *node = frame.owner;

      node->has_geometry =
        parse_coordinate (find_attribute (names, values, "x"), &node->gx) &&
        parse_coordinate (find_attribute (names, values, "y"), &node->gy);
      if (!parse_coordinate (find_attribute (names, values, "width"), &node->gw))
        node->gw = 0;
      if (!parse_coordinate (find_attribute (names, values, "height"), &node->gh))
        node->gh = 0;
    }
  else if (frame.owner != NULL && frame.owner->label == NULL &&
           strcmp (name, frame.owner->is_edge ? "EdgeLabel" : "NodeLabel") == 0)
    {
      const char *has_text = find_attribute (names, values, "hasText");

      if (has_text == NULL || strcmp (has_text, "false") != 0)
        {
          frame.kind = FRAME_LABEL;
          g_string_truncate (p->text, 0);
        }
    }

  g_array_append_val (p->frames, frame);
}

static void
graphml_end_element (GMarkupParseContext  *context,
                     const char           *element_name,
                     gpointer              user_data,
                     GError              **error)
{
  GraphmlParser *p = user_data;
  Frame frame = *top_frame (p);

  g_array_set_size (p->frames, p->frames->len - 1);
  switch (frame.kind)
    {
    case FRAME_KEY:
      if (p->key != NULL && p->key->default_value != NULL)
        for (guint slot = 0; slot < 2; slot++)
          if (key_applies (p->key, slot == 1))
            {
              p->n_defaults[slot]++;
              p->default_bytes[slot] += key_default_bytes (p->key);
            }
      p->key = NULL;
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
        Datum *datum = &g_array_index (data, Datum, data->len - 1);

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
      if (!spend_element (p, frame.owner, &p->budget))
        {
          g_autofree char *loc = graphml_location (frame.owner->line, NULL);

          budget_error (&p->budget, loc, error);
        }
      break;

    case FRAME_OTHER:
    case FRAME_GRAPH:
    default:
      break;
    }
}

static void
graphml_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 text_len,
              gpointer              user_data,
              GError              **error)
{
  GraphmlParser *p = user_data;
  FrameKind kind;

  if (p->frames->len == 0)
    return;
  kind = top_frame (p)->kind;
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
graphml_parser_clear (GraphmlParser *p)
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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GraphmlParser, graphml_parser_clear)

/* A value the schema does not know, typed as its key declares. */
static JsonNode *
typed_value (const char *type,
             const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (type == NULL)
    return new_string (text);
  if (strcmp (type, "int") == 0 || strcmp (type, "long") == 0)
    {
      gint64 value;

      if (g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return json_node_init_int (json_node_alloc (), value);
    }
  else if (strcmp (type, "float") == 0 || strcmp (type, "double") == 0)
    {
      char *end = NULL;
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
  return new_string (text);
}

static gboolean
valid_id (const char *id)
{
  return id != NULL && *id != '\0' && g_utf8_strlen (id, -1) <= MAX_ID_LENGTH;
}

/* One node or edge as a record; FALSE with @error when a value does not fit. */
static gboolean
build_element (Builder       *b,
               GraphmlParser *p,
               Element       *element,
               GHashTable    *final_ids,
               GError       **error)
{
  SmRecordKind kind = element->is_edge ? SM_RECORD_RELATIONSHIP : SM_RECORD_STAKEHOLDER;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *label = NULL;
  g_autofree char *label_member = NULL;
  GHashTableIter iter;
  gpointer value;
  guint record;

  record = builder_add (b, kind, object, element->line);

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
          Key *key;
          const char *text, *name;
          Target target = { 0 };
          g_autofree char *message = NULL;
          JsonNode *node;

          if (pass == 0)
            {
              Datum *datum = &g_array_index (element->data, Datum, i);

              key = lookup_key (p, datum->key, element->is_edge);
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
          if (text == NULL || is_blank (text) || name == NULL || *name == '\0')
            continue;

          /* Gephi calls an edge's label "Edge Label". */
          if (kind == SM_RECORD_RELATIONSHIP && g_ascii_strcasecmp (name, "Edge Label") == 0)
            name = "label";
          resolve_name (kind, name, &target);
          if (target.field != NULL && target.path[1] == NULL &&
              (strcmp (target.path[0], "id") == 0 || strcmp (target.path[0], "source") == 0 ||
               strcmp (target.path[0], "target") == 0))
            {
              /* The element's own attributes say these. */
              target_clear (&target);
              continue;
            }
          if (kind == SM_RECORD_STAKEHOLDER && target.field == NULL && target.path[1] == NULL &&
              g_ascii_strcasecmp (target.path[0], "label") == 0 && label == NULL)
            {
              label = g_strdup (text);
              label_member = g_strdup (target.path[0]);
            }

          if (target.field != NULL)
            node = convert_text (target.field, text, &message);
          else
            node = typed_value (key != NULL ? key->type : NULL, text);
          if (node == NULL)
            {
              g_autofree char *loc = graphml_location (element->line, name);

              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE,
                           element->is_edge ? _("%s: %s (on the edge from \"%s\")")
                                            : _("%s: %s (on the node \"%s\")"),
                           loc, message, element->is_edge ? element->source : element->id);
              target_clear (&target);
              return FALSE;
            }
          /* Gephi's y axis points up; the map's, like the screen's, down. */
          if (kind == SM_RECORD_STAKEHOLDER && target.field != NULL && target.path[1] == NULL &&
              strcmp (target.path[0], "y") == 0)
            json_node_set_double (node, json_node_get_double (node) != 0 ? -json_node_get_double (node) : 0.0);
          builder_defer_refs (b, target.field, node, kind, record, name);
          if (!set_path (object, target.path, node))
            json_object_set_member (object, name, new_string (text));
          target_clear (&target);
        }
    }

  if (!element->is_edge)
    {
      /* The name: a name attribute, else a label, else yEd's label, else the id. */
      if (!json_object_has_member (object, "name"))
        {
          if (label != NULL)
            {
              g_strstrip (label);
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

          if (fabs (x) < COORD_MAX && fabs (y) < COORD_MAX)
            {
              json_object_set_double_member (object, "x", x);
              json_object_set_double_member (object, "y", y);
            }
        }
      if (valid_id (element->id))
        json_object_set_string_member (object, "id", element->id);
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
                         i == 0 ? _("line %u: the edge comes from the node \"%s\", which is not in the file")
                                : _("line %u: the edge goes to the node \"%s\", which is not in the file"),
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
    }
  return TRUE;
}

/* Stakemap writes the derived side into GraphML for other tools; it is
 * not data, so it is dropped again on the way back when it still agrees. */
static void
drop_derived_side (SmMap *map)
{
  static const char *const sides[] = { "other", "community", "institutional" };
  SmCollection *people = sm_map_get_stakeholders (map);

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
  g_auto(GraphmlParser) p = { 0 };
  g_auto(Builder) b = { 0 };
  g_autoptr(GHashTable) final_ids = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SmMap) map = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_input (bytes, "", &data, &length, error))
    return NULL;
  if (is_blank_len (data, length))
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_EMPTY, _("the file is empty"));
      return NULL;
    }

  p.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  p.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_free);
  p.node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  p.nodes = g_ptr_array_new_with_free_func (element_free);
  p.edges = g_ptr_array_new_with_free_func (element_free);
  p.text = g_string_new (NULL);
  p.context = g_markup_parse_context_new (&graphml_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);

  if (!g_markup_parse_context_parse (p.context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (p.context, &local_error))
    {
      if (local_error->domain == SM_IMPORT_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                     _("the file is not well-formed XML: %s"), local_error->message);
      return NULL;
    }

  /* Spent again with every key known (a key may come after the graph),
   * before any default is made. */
  {
    Budget budget = { 0 };

    for (guint e = 0; e < 2; e++)
      {
        GPtrArray *elements = e == 0 ? p.nodes : p.edges;

        for (guint i = 0; i < elements->len; i++)
          {
            Element *element = g_ptr_array_index (elements, i);

            if (!spend_element (&p, element, &budget))
              {
                g_autofree char *loc = graphml_location (element->line, NULL);

                budget_error (&budget, loc, error);
                return NULL;
              }
          }
      }
  }

  builder_init (&b, FALSE);
  final_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < p.nodes->len; i++)
    {
      Element *node = g_ptr_array_index (p.nodes, i);

      if (valid_id (node->id))
        g_hash_table_add (final_ids, node->id);
    }
  for (guint i = 0; i < p.nodes->len; i++)
    if (!build_element (&b, &p, g_ptr_array_index (p.nodes, i), final_ids, error))
      return NULL;
  for (guint i = 0; i < p.edges->len; i++)
    if (!build_element (&b, &p, g_ptr_array_index (p.edges, i), final_ids, error))
      return NULL;

  /* Ends named by node ids that had to be replaced. */
  if (!builder_assign_ids (&b, error))
    return NULL;
  for (guint i = 0; i < p.edges->len; i++)
    {
      JsonObject *object = json_array_get_object_element (b.records[1], i);

      for (guint e = 0; e < 2; e++)
        {
          const char *member = e == 0 ? "source" : "target";
          Element *node = g_hash_table_lookup (p.node_ids, json_object_get_string_member (object, member));
          JsonObject *person;

          g_assert (node != NULL);
          if (valid_id (node->id))
            continue;
          person = json_array_get_object_element (b.records[0], node->index);
          json_object_set_string_member (object, member, json_object_get_string_member (person, "id"));
        }
    }

  map = builder_finish (&b, error);
  if (map == NULL)
    return NULL;
  drop_derived_side (map);
  return g_steal_pointer (&map);
}

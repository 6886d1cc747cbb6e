/* sm-format.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sm-evaluate.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-format-private.h"
#include "sm-map-private.h"

/* clang-format off */
G_DEFINE_QUARK (sm-format-error-quark, sm_format_error)
/* clang-format on */

#define MAX_ID_LENGTH 200

/* Validation walks the parsed tree once with the schema tables, collecting
 * every problem with its JSON path, then checks references once all ids are
 * known. Nothing is built until the whole file is known to be good, so a bad
 * file never leaves a half-loaded map behind. */

/* Where the walk is: a stack of member names and array indexes, turned
 * into text ("$.stakeholders[3].influence") only when a problem is
 * reported, so a valid file never pays for formatting paths. Names are
 * borrowed: from the schema tables or from the tree being checked, which
 * both outlive the walk. */
typedef struct
{
  const char *name; /* NULL for an array index */
  guint       index;
} PathFrame;

typedef struct
{
  guint       frames; /* first of its path in Checker.ref_frames */
  guint       n_frames;
  const char *id; /* borrowed from the tree; an interned GRefString when streaming */
  SmRefKind   kind;
  guint       section; /* when streaming: where its problem is listed */
  guint       seq;
} PendingRef;

/* A file read as a stream is checked in the order of the file, but its
 * problems are listed in the order of the whole-tree check: header, map,
 * each kind of record, self-links, evaluation, references. Each part
 * collects its own, and they are put in that order at the end. */
enum
{
  SECTION_HEADER,
  SECTION_MAP,
  SECTION_RECORDS, /* + kind - SM_RECORD_STAKEHOLDER */
  SECTION_SELF_LINKS = SECTION_RECORDS + SM_N_COLLECTIONS,
  SECTION_EVALUATION,
  SECTION_REFS,
  N_SECTIONS
};

typedef struct
{
  GPtrArray *problems;
  guint      n_problems;
  int        first_code;
} Section;

typedef struct
{
  guint index;
  char *id;
} SelfLink;

typedef struct
{
  GPtrArray  *problems;   /* "path: message", the first SM_FORMAT_MAX_PROBLEMS */
  guint       n_problems; /* all problems found, kept or not */
  int         first_code;
  GArray     *path;       /* PathFrame */
  GHashTable *ids;        /* id (borrowed from the tree) → RECORD_PLACE () */
  GArray     *refs;       /* PendingRef */
  GArray     *ref_frames; /* PathFrame, the paths of the refs */

  /* Streaming only: ids are interned GRefStrings owned by the table (the
   * trees they came from are gone), references already resolved are not
   * kept, and the names of stakeholders are kept for self-links. */
  gboolean      stream;
  guint         section;
  Section       sections[N_SECTIONS];
  guint         total_problems;
  GStringChunk *name_text;
  GPtrArray    *names;          /* stakeholder index → name, or NULL */
  GHashTable   *names_override; /* id → name, for ids not registered by their stakeholder */
  GArray       *self_links;     /* SelfLink */
  gboolean      needs_whole;    /* the file must be checked as a tree after all */
  SmMap        *map;            /* being built: its index of ids stands for ids */
  gboolean      register_id;    /* the element just checked registers its id */
} Checker;

/* Where a record is, packed in a pointer: its kind and index. */
#define RECORD_PLACE(kind, index) GSIZE_TO_POINTER (((gsize) (index) << 4) | ((gsize) (kind) + 1))
#define RECORD_PLACE_KIND(place) ((SmRecordKind) ((GPOINTER_TO_SIZE (place) & 0xf) - 1))
#define RECORD_PLACE_INDEX(place) ((guint) (GPOINTER_TO_SIZE (place) >> 4))

static void
path_append_member (GString    *out,
                    const char *name)
{
  gboolean plain = g_ascii_isalpha (*name) || *name == '_';

  for (const char *p = name; plain && *p != '\0'; p++)
    plain = g_ascii_isalnum (*p) || *p == '_';
  if (plain)
    {
      g_string_append_c (out, '.');
      g_string_append (out, name);
    }
  else
    {
      /* Keep the name readable: only the quote and the backslash need
       * escaping inside the brackets; other text stays as written. */
      g_string_append (out, "[\"");
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append (out, "\"]");
    }
}

static char *
path_format (const PathFrame *frames,
             guint            n_frames)
{
  GString *out = g_string_new ("$");

  for (guint i = 0; i < n_frames; i++)
    {
      if (frames[i].name != NULL)
        path_append_member (out, frames[i].name);
      else
        g_string_append_printf (out, "[%u]", frames[i].index);
    }
  return g_string_free (out, FALSE);
}

static char *
path_dup (Checker *c)
{
  return path_format ((PathFrame *) c->path->data, c->path->len);
}

G_GNUC_PRINTF (3, 4)
static void
problem (Checker    *c,
         int         code,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  g_autofree char *where = NULL;
  va_list          args;

  c->total_problems++;
  if (c->n_problems++ == 0)
    c->first_code = code;
  if (c->problems->len >= SM_FORMAT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  where = path_dup (c);
  g_ptr_array_add (c->problems, g_strdup_printf ("%s: %s", where, what));
}

static gsize
path_push_member (Checker    *c,
                  const char *name)
{
  PathFrame frame = { name, 0 };
  gsize     len = c->path->len;

  g_array_append_val (c->path, frame);
  return len;
}

static gsize
path_push_index (Checker *c,
                 guint    index)
{
  PathFrame frame = { NULL, index };
  gsize     len = c->path->len;

  g_array_append_val (c->path, frame);
  return len;
}

static void
path_pop (Checker *c,
          gsize    len)
{
  g_array_set_size (c->path, len);
}

static gboolean
is_number (JsonNode *node,
           double   *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_unknown (JsonNode *node)
{
  return is_string (node) && strcmp (json_node_get_string (node), "unknown") == 0;
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

static gboolean
is_date (const char *s)
{
  int  y, m, d;
  char tail;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

/* Whole bounds in full ("1000000000000000", not "1e+15"). */
static void
format_bound (char  *buffer,
              gsize  size,
              double value)
{
  g_ascii_formatd (buffer, size, value == floor (value) && fabs (value) < 1e16 ? "%.0f" : "%.15g", value);
}

/* Both bounds, always: a value over the top is told what the top is. */
static char *
format_range (double lo,
              double hi)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  format_bound (a, sizeof a, lo);
  format_bound (b, sizeof b, hi);
  return g_strdup_printf (_ ("from %s to %s"), a, b);
}

static char *
enum_choices (const SmField *field)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; field->values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, field->values[i]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void check_object (Checker       *c,
                          JsonNode      *node,
                          const SmField *fields,
                          const char    *element_name);

/* Where the record with @id is. While a map is being built from a good
 * file so far, its own index of ids is the one kept: a second table of
 * every id would cost as much again. The index in a place from the map
 * is 0; place_index() finds it. */
static gpointer
place_of (Checker    *c,
          const char *id)
{
  SmRecord *record;

  if (c->map == NULL)
    return g_hash_table_lookup (c->ids, id);
  record = sm_map_lookup (c->map, id);
  return record != NULL ? RECORD_PLACE (sm_record_get_kind (record), 0) : NULL;
}

static guint
place_index (Checker    *c,
             const char *id,
             gpointer    place)
{
  SmRecord *record;
  guint     index = 0;

  if (c->map == NULL)
    return RECORD_PLACE_INDEX (place);
  record = sm_map_lookup (c->map, id);
  sm_collection_find (sm_map_get_collection (c->map, sm_record_get_kind (record)), record, &index);
  return index;
}

static gboolean
ref_resolves (gpointer  place,
              SmRefKind ref_kind)
{
  SmRecordKind kind;

  if (place == NULL)
    return FALSE;
  kind = RECORD_PLACE_KIND (place);
  switch (ref_kind)
    {
    case SM_REF_STAKEHOLDER:
      return kind == SM_RECORD_STAKEHOLDER;
    case SM_REF_SPACE:
      return kind == SM_RECORD_SPACE;
    case SM_REF_AFFECTED_GROUP:
      return kind == SM_RECORD_AFFECTED_GROUP;
    case SM_REF_NODE_OR_EDGE:
      return kind == SM_RECORD_STAKEHOLDER || kind == SM_RECORD_RELATIONSHIP;
    default:
      return FALSE;
    }
}

static void
add_ref (Checker    *c,
         const char *id,
         SmRefKind   kind)
{
  PendingRef ref = { c->ref_frames->len, c->path->len, id, kind, c->section, c->refs->len };

  if (c->stream)
    {
      /* An id seen already has its place for good: a reference to it is
       * settled now, and only the others wait. */
      if (ref_resolves (place_of (c, id), kind))
        return;
      ref.id = g_ref_string_new_intern (id);
    }
  g_array_append_vals (c->ref_frames, c->path->data, c->path->len);
  g_array_append_val (c->refs, ref);
}

static void
check_enum_value (Checker       *c,
                  JsonNode      *node,
                  const SmField *field)
{
  if (!is_string (node) || !is_snake_case (json_node_get_string (node)))
    {
      g_autofree char *choices = enum_choices (field);
      problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected one of %s"), choices);
    }
}

static void
check_level_value (Checker       *c,
                   JsonNode      *node,
                   const SmField *field)
{
  double v;

  if (is_unknown (node))
    return;
  if (!is_number (node, &v) || v != floor (v) || v < field->min || v > field->max)
    problem (c, SM_FORMAT_ERROR_INVALID,
             _ ("expected a whole number from %d to %d, or \"unknown\""),
             (int) field->min, (int) field->max);
}

static void
check_value (Checker       *c,
             JsonNode      *node,
             const SmField *field)
{
  double v;

  switch (field->type)
    {
    case SM_FIELD_STRING:
      if (!is_string (node))
        problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a string"));
      break;

    case SM_FIELD_ID:
      if (!is_string (node) || *json_node_get_string (node) == '\0' ||
          g_utf8_strlen (json_node_get_string (node), -1) > MAX_ID_LENGTH)
        problem (c, SM_FORMAT_ERROR_INVALID,
                 _ ("expected a non-empty string of at most %d characters"), MAX_ID_LENGTH);
      break;

    case SM_FIELD_DATE:
      if (!is_string (node) || !is_date (json_node_get_string (node)))
        problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a date written like \"2026-03-31\""));
      break;

    case SM_FIELD_BOOLEAN:
      if (is_unknown (node))
        break;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected true, false or \"unknown\""));
      break;

    case SM_FIELD_SCORE:
      if (is_unknown (node))
        break;
      if (!is_number (node, &v) || v < field->min || v > field->max)
        problem (c, SM_FORMAT_ERROR_INVALID,
                 _ ("expected a number from %d to %d, or \"unknown\""),
                 (int) field->min, (int) field->max);
      break;

    case SM_FIELD_LEVEL:
      check_level_value (c, node, field);
      break;

    case SM_FIELD_INTEGER:
    case SM_FIELD_NUMBER:
      if (!is_number (node, &v) || v < field->min || v > field->max ||
          (field->type == SM_FIELD_INTEGER && v != floor (v)))
        {
          g_autofree char *range = format_range (field->min, field->max);
          if (field->type == SM_FIELD_INTEGER)
            problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a whole number %s"), range);
          else
            problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a number %s"), range);
        }
      else if ((field->flags & SM_FIELD_ABOVE_MIN) && v <= field->min)
        {
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

          format_bound (lo, sizeof lo, field->min);
          format_bound (hi, sizeof hi, field->max);
          problem (c, SM_FORMAT_ERROR_INVALID,
                   _ ("expected a number greater than %s and at most %s"), lo, hi);
        }
      break;

    case SM_FIELD_ENUM:
      check_enum_value (c, node, field);
      break;

    case SM_FIELD_REF:
      if (!is_string (node))
        problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected the id of a %s"),
                 field->ref == SM_REF_SPACE ? _ ("space") : _ ("stakeholder"));
      else
        add_ref (c, json_node_get_string (node), field->ref);
      break;

    case SM_FIELD_ENUM_LIST:
    case SM_FIELD_STRING_LIST:
    case SM_FIELD_REF_LIST:
    case SM_FIELD_OBJECT_LIST:
      {
        JsonArray *array;
        guint      n;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an array"));
            break;
          }
        array = json_node_get_array (node);
        n = json_array_get_length (array);
        for (guint i = 0; i < n; i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            gsize     mark = path_push_index (c, i);

            if (field->type == SM_FIELD_ENUM_LIST)
              check_enum_value (c, element, field);
            else if (field->type == SM_FIELD_STRING_LIST)
              {
                if (!is_string (element))
                  problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a string"));
              }
            else if (field->type == SM_FIELD_REF_LIST)
              {
                if (!is_string (element))
                  problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an id"));
                else
                  add_ref (c, json_node_get_string (element), field->ref);
              }
            else
              check_object (c, element, field->children, NULL);
            path_pop (c, mark);
          }
        break;
      }

    case SM_FIELD_OBJECT:
      check_object (c, node, field->children, NULL);
      break;

    case SM_FIELD_ENUM_MAP:
    case SM_FIELD_LEVEL_MAP:
      {
        JsonObjectIter iter;
        const char    *key;
        JsonNode      *member;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          {
            problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
            break;
          }
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &key, &member))
          {
            gsize mark = path_push_member (c, key);

            if (field->type == SM_FIELD_ENUM_MAP)
              check_enum_value (c, member, field);
            else
              check_level_value (c, member, field);
            path_pop (c, mark);
          }
        break;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
check_object (Checker       *c,
              JsonNode      *node,
              const SmField *fields,
              const char    *element_name)
{
  JsonObject    *object;
  JsonNode      *found_here[64];
  JsonNode     **found;
  guint          n_fields;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
      return;
    }
  object = json_node_get_object (node);

  /* Sort the object's members into the table's order, one lookup each,
   * rather than look up every field of the table in the object. */
  n_fields = sm_schema_count (fields);
  found = n_fields <= G_N_ELEMENTS (found_here) ? found_here : g_new (JsonNode *, n_fields);
  memset (found, 0, n_fields * sizeof (JsonNode *));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      int i = sm_schema_index (fields, name);

      if (i >= 0)
        found[i] = member;
    }

  /* Members this version does not know are not checked: they are kept. */
  for (guint i = 0; i < n_fields; i++)
    {
      const SmField *f = &fields[i];
      gsize          mark = path_push_member (c, f->name);

      member = found[i];

      if (member == NULL)
        {
          if (f->flags & SM_FIELD_REQUIRED)
            {
              if (element_name != NULL)
                problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing; every %s must have \"%s\""),
                         element_name, f->name);
              else
                problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing"));
            }
        }
      else
        check_value (c, member, f);
      path_pop (c, mark);
    }
  if (found != found_here)
    g_free (found);
}

static void
keep_stakeholder_name (Checker  *c,
                       JsonNode *element,
                       guint     index,
                       gboolean  registered)
{
  JsonObject *object;
  JsonNode   *id, *name;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return;
  object = json_node_get_object (element);
  id = json_object_get_member (object, "id");
  name = json_object_get_member (object, "name");
  if (id == NULL || !is_string (id) || name == NULL || !is_string (name) ||
      *json_node_get_string (name) == '\0')
    return;
  if (registered)
    {
      if (c->names->len <= index)
        g_ptr_array_set_size (c->names, index + 1);
      g_ptr_array_index (c->names, index) =
        g_string_chunk_insert (c->name_text, json_node_get_string (name));
    }
  else
    g_hash_table_insert (c->names_override, g_strdup (json_node_get_string (id)),
                         g_string_chunk_insert (c->name_text, json_node_get_string (name)));
}

/* One element of a record array; the path is at the array. */
static void
check_record_element (Checker     *c,
                      SmRecordKind kind,
                      guint        i,
                      JsonNode    *element)
{
  gsize element_mark = path_push_index (c, i);

  check_object (c, element, sm_schema_get_fields (kind), sm_schema_get_element_name (kind));

  /* Register the id for duplicate and reference checks. */
  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonNode *id_node = json_object_get_member (json_node_get_object (element), "id");

      if (id_node != NULL && is_string (id_node) && *json_node_get_string (id_node) != '\0')
        {
          const char *id = json_node_get_string (id_node);
          gpointer    place = c->stream ? place_of (c, id) : g_hash_table_lookup (c->ids, id);

          /* An id used by a kind of record listed later in the file but
           * checked earlier in a tree: which of the two is the duplicate
           * would differ, and so would references to it. Such a file is
           * rare (and bad); it is checked as a whole tree instead. */
          if (c->stream && place != NULL && kind < RECORD_PLACE_KIND (place))
            c->needs_whole = TRUE;
          else if (place != NULL)
            {
              PathFrame other_frames[2] = {
                { sm_schema_get_array_name (RECORD_PLACE_KIND (place)), 0 },
                { NULL, c->stream ? place_index (c, id, place) : RECORD_PLACE_INDEX (place) },
              };
              g_autofree char *other = path_format (other_frames, 2);
              gsize            id_mark = path_push_member (c, "id");

              problem (c, SM_FORMAT_ERROR_INVALID,
                       _ ("the id \"%s\" is already used by %s; ids must be unique"), id, other);
              path_pop (c, id_mark);
            }
          else if (c->stream)
            c->register_id = TRUE; /* by stream_records () */
          else
            g_hash_table_insert (c->ids, (char *) id, RECORD_PLACE (kind, i));
        }
    }

  if (c->stream && kind == SM_RECORD_RELATIONSHIP && JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonObject *object = json_node_get_object (element);
      JsonNode   *source = json_object_get_member (object, "source");
      JsonNode   *target = json_object_get_member (object, "target");

      if (source != NULL && target != NULL && is_string (source) && is_string (target) &&
          strcmp (json_node_get_string (source), json_node_get_string (target)) == 0)
        {
          SelfLink link = { i, g_strdup (json_node_get_string (source)) };

          g_array_append_val (c->self_links, link);
        }
    }
  path_pop (c, element_mark);
}

static void
check_records (Checker     *c,
               JsonObject  *root,
               SmRecordKind kind)
{
  const char *array_name = sm_schema_get_array_name (kind);
  JsonNode   *node = json_object_get_member (root, array_name);
  gsize       mark = path_push_member (c, array_name);
  JsonArray  *array;
  guint       n;

  if (node == NULL)
    goto out;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an array"));
      goto out;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    check_record_element (c, kind, i, json_array_get_element (array, i));

out:
  path_pop (c, mark);
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  const PendingRef *x = a, *y = b;

  if (x->section != y->section)
    return x->section < y->section ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
check_refs (Checker *c)
{
  /* Streamed, the references were met in the order of the file. */
  if (c->stream)
    g_array_sort (c->refs, compare_refs);

  for (guint i = 0; i < c->refs->len; i++)
    {
      PendingRef *ref = &g_array_index (c->refs, PendingRef, i);

      if (ref_resolves (c->stream ? place_of (c, ref->id) : g_hash_table_lookup (c->ids, ref->id), ref->kind))
        continue;

      g_array_set_size (c->path, 0);
      g_array_append_vals (c->path, &g_array_index (c->ref_frames, PathFrame, ref->frames), ref->n_frames);
      switch (ref->kind)
        {
        case SM_REF_SPACE:
          problem (c, SM_FORMAT_ERROR_INVALID, _ ("no space has the id \"%s\""), ref->id);
          break;
        case SM_REF_AFFECTED_GROUP:
          problem (c, SM_FORMAT_ERROR_INVALID, _ ("no affected group has the id \"%s\""), ref->id);
          break;
        case SM_REF_NODE_OR_EDGE:
          problem (c, SM_FORMAT_ERROR_INVALID, _ ("no stakeholder or relationship has the id \"%s\""), ref->id);
          break;
        default:
          problem (c, SM_FORMAT_ERROR_INVALID, _ ("no stakeholder has the id \"%s\""), ref->id);
          break;
        }
    }
}

/* A relationship links two different stakeholders: a link from someone to
 * themselves cannot be drawn, so it would be kept unseen. */
static void
check_self_links (Checker    *c,
                  JsonObject *root)
{
  JsonNode  *people = json_object_get_member (root, "stakeholders");
  JsonNode  *links = json_object_get_member (root, "relationships");
  JsonArray *array;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  if (links == NULL || !JSON_NODE_HOLDS_ARRAY (links))
    return;
  if (people != NULL && JSON_NODE_HOLDS_ARRAY (people))
    {
      array = json_node_get_array (people);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode   *person = json_array_get_element (array, i);
          JsonObject *object;
          JsonNode   *id, *name;

          if (!JSON_NODE_HOLDS_OBJECT (person))
            continue;
          object = json_node_get_object (person);
          id = json_object_get_member (object, "id");
          name = json_object_get_member (object, "name");
          if (id != NULL && is_string (id) && name != NULL && is_string (name) &&
              *json_node_get_string (name) != '\0')
            g_hash_table_insert (names, (char *) json_node_get_string (id), (char *) json_node_get_string (name));
        }
    }

  array = json_node_get_array (links);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *link = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode   *source, *target;
      const char *name;
      gsize       mark;

      if (!JSON_NODE_HOLDS_OBJECT (link))
        continue;
      object = json_node_get_object (link);
      source = json_object_get_member (object, "source");
      target = json_object_get_member (object, "target");
      if (source == NULL || target == NULL || !is_string (source) || !is_string (target) ||
          strcmp (json_node_get_string (source), json_node_get_string (target)) != 0)
        continue;
      name = g_hash_table_lookup (names, json_node_get_string (source));
      mark = path_push_member (c, "relationships");
      path_push_index (c, i);
      path_push_member (c, "target");
      problem (c, SM_FORMAT_ERROR_INVALID,
               /* Translators: %s is a stakeholder's name (or, when it has
                * none, its id). Said of a file whose relationship has the
                * same stakeholder at both ends. */
               _ ("a relationship cannot link “%s” to itself"),
               name != NULL ? name : json_node_get_string (source));
      path_pop (c, mark);
    }
}

/* Streamed: the self-links met among the relationships, reported once
 * every stakeholder's name is known. */
static void
report_self_links (Checker *c)
{
  for (guint i = 0; i < c->self_links->len; i++)
    {
      SelfLink   *link = &g_array_index (c->self_links, SelfLink, i);
      const char *name = g_hash_table_lookup (c->names_override, link->id);
      gsize       mark;

      if (c->map != NULL)
        {
          SmRecord *record = sm_map_lookup (c->map, link->id);

          if (record != NULL && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
            name = sm_record_get_string (record, "name");
          if (name != NULL && *name == '\0')
            name = NULL;
        }
      else if (name == NULL)
        {
          gpointer place = g_hash_table_lookup (c->ids, link->id);

          if (place != NULL && RECORD_PLACE_KIND (place) == SM_RECORD_STAKEHOLDER &&
              RECORD_PLACE_INDEX (place) < c->names->len)
            name = g_ptr_array_index (c->names, RECORD_PLACE_INDEX (place));
        }
      mark = path_push_member (c, "relationships");
      path_push_index (c, link->index);
      path_push_member (c, "target");
      problem (c, SM_FORMAT_ERROR_INVALID,
               /* Translators: %s is a stakeholder's name (or, when it has
                * none, its id). Said of a file whose relationship has the
                * same stakeholder at both ends. */
               _ ("a relationship cannot link “%s” to itself"),
               name != NULL ? name : link->id);
      path_pop (c, mark);
    }
}

/* Goals have ids of their own (stakeholders' goal_positions name them). */
static void
check_goal_ids (Checker  *c,
                JsonNode *map)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode  *goals;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (map))
    return;
  goals = json_object_get_member (json_node_get_object (map), "goals");
  if (goals == NULL || !JSON_NODE_HOLDS_ARRAY (goals))
    return;
  array = json_node_get_array (goals);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *goal = json_array_get_element (array, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (goal))
        continue;
      id = json_object_get_member (json_node_get_object (goal), "id");
      if (id == NULL || !is_string (id))
        continue;
      if (g_hash_table_contains (seen, json_node_get_string (id)))
        {
          gsize mark = path_push_member (c, "goals");

          path_push_index (c, i);
          path_push_member (c, "id");
          problem (c, SM_FORMAT_ERROR_INVALID, _ ("the goal id \"%s\" is already used by another goal"),
                   json_node_get_string (id));
          path_pop (c, mark);
        }
      else
        g_hash_table_add (seen, (char *) json_node_get_string (id));
    }
}

/* The "evaluation" member (docs/format.md §4.1): what a group adds to an
 * evaluation. Known members are written in the order of these tables. */

static const char *const response_kinds[] = { "discuss", "differ", NULL };
static const char *const rule_statuses[] = {
  "pass", "warn", "fail", "not_applicable", "insufficient_data", "info", NULL
};
static const char *const principle_statuses[] = {
  "met", "partly_met", "not_met", "not_assessed", NULL
};

static const SmField rule_status_field = { "status", SM_FIELD_ENUM, NULL, 0, rule_statuses };

static const SmField threshold_change_fields[] = {
  { "key", SM_FIELD_STRING },
  { "old", SM_FIELD_NUMBER },
  { "new", SM_FIELD_NUMBER },
  { "by", SM_FIELD_STRING },
  { "at", SM_FIELD_STRING },
  { "reason", SM_FIELD_STRING },
  { NULL }
};

static const SmField response_fields[] = {
  { "id", SM_FIELD_ID },
  { "rule", SM_FIELD_STRING },
  { "kind", SM_FIELD_ENUM, NULL, 0, response_kinds },
  { "text", SM_FIELD_STRING },
  { "by", SM_FIELD_STRING },
  { "at", SM_FIELD_STRING },
  { NULL }
};

static const SmField snapshot_fields[] = {
  { "date", SM_FIELD_DATE },
  { "version", SM_FIELD_INTEGER },
  { "recorded_at", SM_FIELD_STRING },
  { "rules", SM_FIELD_ENUM_MAP, NULL, 0, rule_statuses },
  { "principles", SM_FIELD_ENUM_MAP, NULL, 0, principle_statuses },
  { NULL }
};

static const SmField evaluation_fields[] = {
  { "thresholds", SM_FIELD_OBJECT },
  { "threshold_log", SM_FIELD_OBJECT_LIST, NULL, 0, NULL, 0, 0, NULL, threshold_change_fields },
  { "responses", SM_FIELD_OBJECT_LIST, NULL, 0, NULL, 0, 0, NULL, response_fields },
  { "snapshots", SM_FIELD_OBJECT_LIST, NULL, 0, NULL, 0, 0, NULL, snapshot_fields },
  { NULL }
};

static gboolean
is_date_time (const char *s)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  /* A date alone is not enough: g_date_time_new_from_iso8601 wants a time. */
  dt = g_date_time_new_from_iso8601 (s, utc);
  return dt != NULL;
}

/* Looks up @name in @object, pushing it on the path; the caller pops. */
static JsonNode *
member_at (Checker    *c,
           JsonObject *object,
           const char *name,
           gsize      *mark)
{
  *mark = path_push_member (c, name);
  return json_object_get_member (object, name);
}

static void
check_eval_string (Checker    *c,
                   JsonObject *object,
                   const char *name,
                   gboolean    required,
                   gboolean    date_time,
                   const char *element_name)
{
  gsize     mark;
  JsonNode *node = member_at (c, object, name, &mark);

  if (node == NULL)
    {
      if (required)
        problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing; every %s must have \"%s\""),
                 element_name, name);
    }
  else if (date_time)
    {
      if (!is_string (node) || !is_date_time (json_node_get_string (node)))
        problem (c, SM_FORMAT_ERROR_INVALID,
                 _ ("expected a date and time written like \"2026-03-31T14:05:00Z\""));
    }
  else if (!is_string (node))
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a string"));
  path_pop (c, mark);
}

static void
check_eval_number (Checker    *c,
                   JsonObject *object,
                   const char *name,
                   const char *element_name)
{
  gsize     mark;
  JsonNode *node = member_at (c, object, name, &mark);
  double    v;

  if (node == NULL)
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing; every %s must have \"%s\""),
             element_name, name);
  else if (!is_number (node, &v))
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a number"));
  path_pop (c, mark);
}

/* Each element of the array @name must be an object; calls @check on it. */
static void
check_eval_list (Checker    *c,
                 JsonObject *evaluation,
                 const char *name,
                 void (*check) (Checker *, JsonObject *, guint, gpointer),
                 gpointer data)
{
  gsize     mark;
  JsonNode *node = member_at (c, evaluation, name, &mark);

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an array"));
  else if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gsize     element_mark = path_push_index (c, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
          else
            check (c, json_node_get_object (element), i, data);
          path_pop (c, element_mark);
        }
    }
  path_pop (c, mark);
}

static void
check_threshold_change (Checker    *c,
                        JsonObject *change,
                        guint       index,
                        gpointer    data)
{
  const char *what = _ ("threshold change");

  check_eval_string (c, change, "key", TRUE, FALSE, what);
  check_eval_number (c, change, "old", what);
  check_eval_number (c, change, "new", what);
  check_eval_string (c, change, "by", FALSE, FALSE, what);
  check_eval_string (c, change, "at", TRUE, TRUE, what);
  check_eval_string (c, change, "reason", FALSE, FALSE, what);
}

static void
check_response (Checker    *c,
                JsonObject *response,
                guint       index,
                gpointer    data)
{
  GHashTable *seen = data;
  const char *what = _ ("response");
  JsonNode   *node;
  gsize       mark;

  node = member_at (c, response, "id", &mark);
  if (node == NULL)
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing; every %s must have \"%s\""), what, "id");
  else
    {
      check_value (c, node, &response_fields[0]);
      if (is_string (node) && *json_node_get_string (node) != '\0')
        {
          if (g_hash_table_contains (seen, json_node_get_string (node)))
            problem (c, SM_FORMAT_ERROR_INVALID,
                     _ ("the response id \"%s\" is already used by another response"),
                     json_node_get_string (node));
          else
            g_hash_table_add (seen, (char *) json_node_get_string (node));
        }
    }
  path_pop (c, mark);

  check_eval_string (c, response, "rule", TRUE, FALSE, what);
  node = member_at (c, response, "kind", &mark);
  if (node == NULL)
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing; every %s must have \"%s\""), what, "kind");
  else
    check_value (c, node, &response_fields[2]);
  path_pop (c, mark);
  check_eval_string (c, response, "text", TRUE, FALSE, what);
  check_eval_string (c, response, "by", FALSE, FALSE, what);
  check_eval_string (c, response, "at", FALSE, TRUE, what);
}

static void
check_snapshot (Checker    *c,
                JsonObject *snapshot,
                guint       index,
                gpointer    data)
{
  GHashTable   *seen = data;
  const SmField version_field = { "version", SM_FIELD_INTEGER, NULL, 0, NULL, 0, G_MAXINT32 };
  JsonNode     *date, *version, *rules;
  gsize         mark;
  double        v = 0;

  date = member_at (c, snapshot, "date", &mark);
  if (date == NULL)
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("missing; every %s must have \"%s\""),
             _ ("snapshot"), "date");
  else
    check_value (c, date, &snapshot_fields[0]);
  path_pop (c, mark);

  version = member_at (c, snapshot, "version", &mark);
  if (version != NULL)
    check_value (c, version, &version_field);
  path_pop (c, mark);

  check_eval_string (c, snapshot, "recorded_at", FALSE, TRUE, _ ("snapshot"));

  rules = member_at (c, snapshot, "rules", &mark);
  if (rules != NULL && !JSON_NODE_HOLDS_OBJECT (rules))
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
  else if (rules != NULL)
    {
      JsonObjectIter iter;
      const char    *rule;
      JsonNode      *result;

      json_object_iter_init_ordered (&iter, json_node_get_object (rules));
      while (json_object_iter_next_ordered (&iter, &rule, &result))
        {
          gsize     rule_mark = path_push_member (c, rule);
          JsonNode *value, *status;
          gsize     inner;

          if (!JSON_NODE_HOLDS_OBJECT (result))
            {
              problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
              path_pop (c, rule_mark);
              continue;
            }
          value = member_at (c, json_node_get_object (result), "value", &inner);
          if (value != NULL && !JSON_NODE_HOLDS_NULL (value) && !is_number (value, &v))
            problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected a number or null"));
          path_pop (c, inner);
          status = member_at (c, json_node_get_object (result), "status", &inner);
          if (status != NULL)
            check_value (c, status, &rule_status_field);
          path_pop (c, inner);
          path_pop (c, rule_mark);
        }
    }
  path_pop (c, mark);

  mark = path_push_member (c, "principles");
  if (json_object_has_member (snapshot, "principles"))
    check_value (c, json_object_get_member (snapshot, "principles"), &snapshot_fields[4]);
  path_pop (c, mark);

  /* Recording again at the same date and version replaces the record, so
   * two records of one snapshot mean the file was edited by hand. */
  if (date != NULL && is_string (date) && is_date (json_node_get_string (date)) &&
      (version == NULL || is_number (version, &v)))
    {
      g_autofree char *key = g_strdup_printf ("%s/%.0f", json_node_get_string (date),
                                              version != NULL ? v : 0);
      const char      *other = g_hash_table_lookup (seen, key);

      if (other != NULL)
        problem (c, SM_FORMAT_ERROR_INVALID,
                 _ ("this snapshot (%s, version %.0f) is already recorded at %s"),
                 json_node_get_string (date), version != NULL ? v : 0, other);
      else
        g_hash_table_insert (seen, g_steal_pointer (&key), path_dup (c));
    }
}

static void
check_evaluation (Checker  *c,
                  JsonNode *node)
{
  g_autoptr(GHashTable) response_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) snapshots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *evaluation;
  JsonNode   *thresholds;
  gsize       mark;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
      return;
    }
  evaluation = json_node_get_object (node);

  thresholds = member_at (c, evaluation, "thresholds", &mark);
  if (thresholds != NULL && !JSON_NODE_HOLDS_OBJECT (thresholds))
    problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an object"));
  else if (thresholds != NULL)
    {
      g_autoptr(SmEvalConfig) config = sm_eval_config_new ();
      JsonObjectIter iter;
      const char    *key;
      JsonNode      *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (thresholds));
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          gsize key_mark = path_push_member (c, key);
          g_autoptr(GError) error = NULL;
          double v;

          /* A key this version does not know is kept, as a newer version
           * may have added it, but it must still be a number. */
          if (!is_number (value, &v))
            problem (c, SM_FORMAT_ERROR_INVALID,
                     _ ("expected a number (thresholds are numbers; switches are 0 or 1)"));
          else if (sm_eval_config_has_key (key) && !sm_eval_config_set (config, key, v, &error))
            problem (c, SM_FORMAT_ERROR_INVALID, "%s", error->message);
          path_pop (c, key_mark);
        }
    }
  path_pop (c, mark);

  check_eval_list (c, evaluation, "threshold_log", check_threshold_change, NULL);
  check_eval_list (c, evaluation, "responses", check_response, response_ids);
  check_eval_list (c, evaluation, "snapshots", check_snapshot, snapshots);
}

/* Checks the top level; FALSE when the rest is not worth checking. */
static gboolean
check_header (Checker  *c,
              JsonNode *root,
              gint64   *version)
{
  JsonObject *object;
  JsonNode   *format, *version_node;
  double      v;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      problem (c, SM_FORMAT_ERROR_NOT_STAKEMAP,
               _ ("expected an object with \"format\": \"stakemap\"; this is not a Stakemap project"));
      return FALSE;
    }
  object = json_node_get_object (root);

  format = json_object_get_member (object, "format");
  path_push_member (c, "format");
  if (format == NULL)
    problem (c, SM_FORMAT_ERROR_NOT_STAKEMAP,
             _ ("missing; this is not a Stakemap project"));
  else if (!is_string (format) || strcmp (json_node_get_string (format), "stakemap") != 0)
    {
      if (is_string (format))
        problem (c, SM_FORMAT_ERROR_NOT_STAKEMAP,
                 _ ("\"%s\" is not a Stakemap project (expected \"stakemap\")"),
                 json_node_get_string (format));
      else
        problem (c, SM_FORMAT_ERROR_NOT_STAKEMAP, _ ("expected \"stakemap\""));
    }
  path_pop (c, 0);
  if (c->problems->len > 0)
    return FALSE;

  version_node = json_object_get_member (object, "version");
  path_push_member (c, "version");
  if (version_node == NULL)
    problem (c, SM_FORMAT_ERROR_VERSION, _ ("missing; expected the format version, %d"), SM_FORMAT_VERSION);
  else if (is_number (version_node, &v) && json_node_get_value_type (version_node) == G_TYPE_INT64 &&
           json_node_get_int (version_node) >= 1)
    *version = json_node_get_int (version_node);
  else if (is_number (version_node, &v) && v >= 1 && v == floor (v))
    problem (c, SM_FORMAT_ERROR_VERSION,
             _ ("expected a whole number from 1, the format version, written without a decimal point "
                "(%.0f, not %.1f)"),
             v, v);
  else
    problem (c, SM_FORMAT_ERROR_VERSION, _ ("expected a whole number from 1, the format version"));
  path_pop (c, 0);

  return c->problems->len == 0;
}

static GPtrArray *
check_tree (JsonNode *root,
            gint64   *version,
            int      *first_code,
            guint    *n_problems)
{
  Checker     c = { 0 };
  JsonObject *object;

  c.problems = g_ptr_array_new_with_free_func (g_free);
  c.path = g_array_sized_new (FALSE, FALSE, sizeof (PathFrame), 16);
  c.ids = g_hash_table_new (g_str_hash, g_str_equal);
  c.refs = g_array_new (FALSE, FALSE, sizeof (PendingRef));
  c.ref_frames = g_array_new (FALSE, FALSE, sizeof (PathFrame));

  if (!check_header (&c, root, version))
    goto out;

  object = json_node_get_object (root);
  if (json_object_has_member (object, "map"))
    {
      gsize mark = path_push_member (&c, "map");
      check_object (&c, json_object_get_member (object, "map"),
                    sm_schema_get_fields (SM_RECORD_MAP), NULL);
      check_goal_ids (&c, json_object_get_member (object, "map"));
      path_pop (&c, mark);
    }
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    check_records (&c, object, kind);
  check_self_links (&c, object);
  if (json_object_has_member (object, "evaluation"))
    {
      gsize mark = path_push_member (&c, "evaluation");
      check_evaluation (&c, json_object_get_member (object, "evaluation"));
      path_pop (&c, mark);
    }
  check_refs (&c);

out:
  *first_code = c.first_code;
  *n_problems = c.n_problems;
  g_array_unref (c.path);
  g_hash_table_unref (c.ids);
  g_array_unref (c.refs);
  g_array_unref (c.ref_frames);
  return c.problems;
}

/* The first problem, and how many more there are. */
static void
set_problems_error (GError   **error,
                    int        code,
                    GPtrArray *found,
                    guint      n_problems)
{
  const char *first = g_ptr_array_index (found, 0);

  if (n_problems <= 1)
    g_set_error_literal (error, SM_FORMAT_ERROR, code, first);
  else
    g_set_error (error, SM_FORMAT_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_problems - 1),
                 first, n_problems - 1);
}

static SmMap *
build_map (JsonNode *root,
           gint64    version)
{
  JsonObject *object = json_node_get_object (root);
  g_autoptr(SmMap) map = sm_map_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  _sm_map_set_version (map, version);

  member = json_object_get_member (object, "map");
  if (member != NULL)
    _sm_map_set_metadata (map, json_node_get_object (member));

  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      JsonNode  *node = json_object_get_member (object, sm_schema_get_array_name (kind));
      JsonArray *array;
      guint      n;

      if (node == NULL)
        continue;
      array = json_node_get_array (node);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SmRecord) record =
                       sm_record_new (kind, json_array_get_object_element (array, i));
          _sm_map_insert_record (map, record, G_MAXUINT);
        }
    }

  member = json_object_get_member (object, "evaluation");
  if (member != NULL)
    _sm_map_set_evaluation (map, json_node_get_object (member));

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      gboolean known = strcmp (name, "format") == 0 || strcmp (name, "version") == 0 ||
                       strcmp (name, "map") == 0 || strcmp (name, "evaluation") == 0;

      for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; !known && kind <= SM_RECORD_LAST; kind++)
        known = strcmp (name, sm_schema_get_array_name (kind)) == 0;
      if (!known)
        json_object_set_member (extra, name, sm_json_deep_copy (member));
    }
  _sm_map_set_extra (map, extra);

  return g_steal_pointer (&map);
}

/* Parses and checks; on success returns the tree and the file's version. */
static JsonNode *
parse_and_check (GBytes     *bytes,
                 gint64     *version,
                 GPtrArray **problems,
                 guint      *n_found,
                 GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gsize       length;
  const char *data = g_bytes_get_data (bytes, &length);
  GError     *local_error = NULL;
  int         code = SM_FORMAT_ERROR_INVALID;
  guint       n_problems = 0;

  root = sm_json_parse (data != NULL ? data : "", length, &local_error);
  if (root == NULL)
    {
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (*problems, g_strdup (local_error->message));
        }
      if (n_found != NULL)
        *n_found = 1;
      g_propagate_error (error, local_error);
      return NULL;
    }

  found = check_tree (root, version, &code, &n_problems);
  if (n_found != NULL)
    *n_found = n_problems;
  if (found->len > 0)
    {
      set_problems_error (error, code, found, n_problems);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return NULL;
    }

  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&root);
}

/* Reading as a stream. */

static gsize stream_chunk_size = 64 * 1024;

/* For tests: reads in chunks of @size bytes (0: the default). */
void
_sm_format_set_chunk_size (gsize size)
{
  stream_chunk_size = size > 0 ? size : 64 * 1024;
}

static void
checker_use_section (Checker *c,
                     guint    section)
{
  Section *old = &c->sections[c->section];
  Section *now = &c->sections[section];

  old->problems = c->problems;
  old->n_problems = c->n_problems;
  old->first_code = c->first_code;
  c->section = section;
  c->problems = now->problems;
  c->n_problems = now->n_problems;
  c->first_code = now->first_code;
}

static void
self_link_clear (SelfLink *link)
{
  g_free (link->id);
}

static void
checker_init_stream (Checker *c)
{
  memset (c, 0, sizeof *c);
  c->stream = TRUE;
  for (guint i = 0; i < N_SECTIONS; i++)
    c->sections[i].problems = g_ptr_array_new_with_free_func (g_free);
  c->problems = c->sections[0].problems;
  c->path = g_array_sized_new (FALSE, FALSE, sizeof (PathFrame), 16);
  c->ids = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) g_ref_string_release, NULL);
  c->refs = g_array_new (FALSE, FALSE, sizeof (PendingRef));
  c->ref_frames = g_array_new (FALSE, FALSE, sizeof (PathFrame));
  c->name_text = g_string_chunk_new (16 * 1024);
  c->names = g_ptr_array_new ();
  c->names_override = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->self_links = g_array_new (FALSE, FALSE, sizeof (SelfLink));
  g_array_set_clear_func (c->self_links, (GDestroyNotify) self_link_clear);
}

static void
checker_clear_stream (Checker *c)
{
  checker_use_section (c, c->section);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&c->sections[i].problems, g_ptr_array_unref);
  for (guint i = 0; i < c->refs->len; i++)
    g_ref_string_release ((char *) g_array_index (c->refs, PendingRef, i).id);
  g_array_unref (c->path);
  g_hash_table_unref (c->ids);
  g_array_unref (c->refs);
  g_array_unref (c->ref_frames);
  g_string_chunk_free (c->name_text);
  g_ptr_array_unref (c->names);
  g_hash_table_unref (c->names_override);
  g_array_unref (c->self_links);
  g_clear_object (&c->map);
}

/* The sections' problems in the order of the whole-tree check: the
 * header's alone when it has any, as the rest is not worth checking. */
static GPtrArray *
checker_collect (Checker *c,
                 int     *first_code,
                 guint   *n_problems)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);

  checker_use_section (c, c->section);
  *n_problems = 0;
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *section = &c->sections[i];

      if (section->n_problems == 0)
        continue;
      if (*n_problems == 0)
        *first_code = section->first_code;
      *n_problems += section->n_problems;
      for (guint j = 0; j < section->problems->len && all->len < SM_FORMAT_MAX_PROBLEMS; j++)
        g_ptr_array_add (all, g_strdup (g_ptr_array_index (section->problems, j)));
      if (i == SECTION_HEADER)
        break;
    }
  return all;
}

/* The map is not worth building any more: what the checks read from it
 * (ids, stakeholders' names) goes to the checker's own tables. */
static void
checker_drop_map (Checker *c)
{
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      SmCollection *collection = sm_map_get_collection (c->map, kind);
      guint         n = sm_collection_get_size (collection);

      for (guint i = 0; i < n; i++)
        {
          SmRecord *record = sm_collection_get (collection, i);

          g_hash_table_insert (c->ids, g_ref_string_new_intern (sm_record_get_id (record)),
                               RECORD_PLACE (kind, i));
          if (kind == SM_RECORD_STAKEHOLDER)
            {
              const char *name = sm_record_get_string (record, "name");

              if (name != NULL && *name != '\0')
                {
                  if (c->names->len <= i)
                    g_ptr_array_set_size (c->names, i + 1);
                  g_ptr_array_index (c->names, i) = g_string_chunk_insert (c->name_text, name);
                }
            }
        }
    }
  g_clear_object (&c->map);
}

/* The next element of the array the stream is in, read whole into
 * @element, or NULL in @element at the array's end; FALSE on a syntax
 * error. */
static gboolean
read_element (SmJsonStream *js,
              JsonNode    **element,
              GError      **error)
{
  GError *local_error = NULL;

  *element = NULL;
  if (!sm_json_stream_next_element (js, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return TRUE;
    }
  *element = sm_json_stream_read_value (js, error);
  return *element != NULL;
}

/* A big array of records: each element read, checked, built and let go. */
static gboolean
stream_records (SmJsonStream *js,
                Checker      *c,
                SmRecordKind  kind,
                GError      **error)
{
  const char *array_name = sm_schema_get_array_name (kind);
  gsize       mark;
  int         next;

  checker_use_section (c, SECTION_RECORDS + kind - SM_RECORD_STAKEHOLDER);
  mark = path_push_member (c, array_name);
  next = sm_json_stream_peek (js, error);
  if (next < 0)
    return FALSE;
  if (next != '[')
    {
      g_autoptr(JsonNode) node = sm_json_stream_read_value (js, error);

      if (node == NULL)
        return FALSE;
      problem (c, SM_FORMAT_ERROR_INVALID, _ ("expected an array"));
    }
  else
    {
      if (!sm_json_stream_enter (js, error))
        return FALSE;
      for (guint i = 0;; i++)
        {
          g_autoptr(JsonNode) element = NULL;

          if (!read_element (js, &element, error))
            return FALSE;
          if (element == NULL)
            break;
          check_record_element (c, kind, i, element);
          if (c->needs_whole)
            return FALSE;

          /* Built only while the file is good so far: a bad file never
           * gives a map, and need not cost one. */
          if (c->map != NULL && c->total_problems > 0)
            checker_drop_map (c);
          if (c->map != NULL)
            {
              g_autoptr(SmRecord) record = sm_record_new (kind, json_node_get_object (element));

              /* Its id is registered in the map's index. */
              _sm_map_insert_record (c->map, record, G_MAXUINT);
            }
          else
            {
              const char *id = c->register_id ? json_object_get_string_member (json_node_get_object (element), "id") : NULL;

              if (id != NULL)
                g_hash_table_insert (c->ids, g_ref_string_new_intern (id), RECORD_PLACE (kind, i));
              if (kind == SM_RECORD_STAKEHOLDER)
                keep_stakeholder_name (c, element, i, id != NULL);
            }
          c->register_id = FALSE;
        }
    }
  path_pop (c, mark);
  return TRUE;
}

static SmRecordKind
record_kind_for (const char *name)
{
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    if (strcmp (name, sm_schema_get_array_name (kind)) == 0)
      return kind;
  return SM_RECORD_MAP;
}

/* Reads the top level of the file member by member. */
static gboolean
stream_document (SmJsonStream *js,
                 Checker      *c,
                 JsonObject   *head,
                 JsonObject   *extra,
                 JsonNode    **metadata,
                 JsonNode    **evaluation,
                 gboolean     *is_object,
                 GError      **error)
{
  int next = sm_json_stream_peek (js, error);

  if (next < 0)
    return FALSE;
  *is_object = next == '{';
  if (next == '[')
    {
      /* Not a project; read on element by element for any syntax error. */
      if (!sm_json_stream_enter (js, error))
        return FALSE;
      for (;;)
        {
          g_autoptr(JsonNode) element = NULL;

          if (!read_element (js, &element, error))
            return FALSE;
          if (element == NULL)
            break;
        }
      return sm_json_stream_finish (js, error);
    }
  if (next != '{')
    {
      g_autoptr(JsonNode) value = sm_json_stream_read_value (js, error);

      return value != NULL && sm_json_stream_finish (js, error);
    }

  if (!sm_json_stream_enter (js, error))
    return FALSE;
  for (;;)
    {
      g_autofree char *name = NULL;
      const char      *member = NULL;
      GError          *local_error = NULL;
      SmRecordKind     kind;
      JsonNode        *value;

      if (!sm_json_stream_next_member (js, &member, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          break;
        }
      name = g_strdup (member);
      kind = record_kind_for (name);
      if (kind != SM_RECORD_MAP)
        {
          if (!stream_records (js, c, kind, error))
            return FALSE;
          continue;
        }

      value = sm_json_stream_read_value (js, error);
      if (value == NULL)
        return FALSE;
      if (strcmp (name, "format") == 0 || strcmp (name, "version") == 0)
        json_object_set_member (head, name, value);
      else if (strcmp (name, "map") == 0)
        *metadata = value;
      else if (strcmp (name, "evaluation") == 0)
        *evaluation = value;
      else
        json_object_set_member (extra, name, value);
    }
  return sm_json_stream_finish (js, error);
}

static GBytes *read_all (GInputStream *stream,
                         gsize         reserve,
                         GCancellable *cancellable,
                         GError      **error);

/* The rare file streaming cannot check as the tree check does: read again
 * from the start, whole. */
static SmMap *
read_whole (GInputStream *input,
            GCancellable *cancellable,
            gboolean      build,
            GPtrArray   **problems,
            guint        *n_found,
            GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *local_error = NULL;
  gint64  version = SM_FORMAT_VERSION;

  if (!G_IS_SEEKABLE (input) || !g_seekable_can_seek (G_SEEKABLE (input)) ||
      !g_seekable_seek (G_SEEKABLE (input), 0, G_SEEK_SET, cancellable, &local_error) ||
      (bytes = read_all (input, 0, cancellable, &local_error)) == NULL)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _ ("the file could not be read a second time"));
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (*problems, g_strdup (local_error->message));
        }
      if (n_found != NULL)
        *n_found = 1;
      g_propagate_error (error, local_error);
      return NULL;
    }
  root = parse_and_check (bytes, &version, problems, n_found, error);
  if (root == NULL || !build)
    return NULL;
  return build_map (root, version);
}

/* Reads a project file from @input, checking it as it goes, and with
 * @build makes its map. Problems and errors are those of the whole-tree
 * check (check_tree()), in the same order. */
static SmMap *
read_stream (GInputStream *input,
             GCancellable *cancellable,
             gboolean      build,
             GPtrArray   **problems,
             guint        *n_found,
             GError      **error)
{
  g_autoptr(SmJsonStream) js = sm_json_stream_new (input, stream_chunk_size, cancellable);
  g_autoptr(SmMap) map = NULL;
  g_autoptr(JsonObject) head = json_object_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(JsonNode) evaluation = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GError  *local_error = NULL;
  Checker  c;
  gboolean is_object = FALSE;
  gint64   version = SM_FORMAT_VERSION;
  int      code = SM_FORMAT_ERROR_INVALID;
  guint    n_problems = 0;

  checker_init_stream (&c);
  c.map = build ? sm_map_new () : NULL;
  if (!stream_document (js, &c, head, extra, &metadata, &evaluation, &is_object, &local_error) &&
      c.needs_whole)
    {
      g_clear_error (&local_error);
      checker_clear_stream (&c);
      return read_whole (input, cancellable, build, problems, n_found, error);
    }
  if (local_error != NULL)
    {
      checker_clear_stream (&c);
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (*problems, g_strdup (local_error->message));
        }
      if (n_found != NULL)
        *n_found = 1;
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* What needs the whole file: the header, the map's own member, the
   * self-links and the references, and the evaluation. */
  checker_use_section (&c, SECTION_HEADER);
  if (!is_object)
    problem (&c, SM_FORMAT_ERROR_NOT_STAKEMAP,
             _ ("expected an object with \"format\": \"stakemap\"; this is not a Stakemap project"));
  else
    {
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), head);

      check_header (&c, root, &version);
    }
  if (metadata != NULL)
    {
      gsize mark;

      checker_use_section (&c, SECTION_MAP);
      mark = path_push_member (&c, "map");
      check_object (&c, metadata, sm_schema_get_fields (SM_RECORD_MAP), NULL);
      check_goal_ids (&c, metadata);
      path_pop (&c, mark);
    }
  checker_use_section (&c, SECTION_SELF_LINKS);
  report_self_links (&c);
  if (evaluation != NULL)
    {
      gsize mark;

      checker_use_section (&c, SECTION_EVALUATION);
      mark = path_push_member (&c, "evaluation");
      check_evaluation (&c, evaluation);
      path_pop (&c, mark);
    }
  checker_use_section (&c, SECTION_REFS);
  check_refs (&c);

  found = checker_collect (&c, &code, &n_problems);
  map = g_steal_pointer (&c.map);
  checker_clear_stream (&c);
  if (n_found != NULL)
    *n_found = n_problems;
  if (found->len > 0)
    {
      set_problems_error (error, code, found, n_problems);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return NULL;
    }
  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  if (map == NULL)
    return NULL;

  _sm_map_set_version (map, version);
  if (metadata != NULL)
    _sm_map_set_metadata (map, json_node_get_object (metadata));
  if (evaluation != NULL)
    _sm_map_set_evaluation (map, json_node_get_object (evaluation));
  _sm_map_set_extra (map, extra);
  return g_steal_pointer (&map);
}

static GInputStream *
bytes_input (GBytes  *bytes,
             GError **error)
{
  gsize length = g_bytes_get_size (bytes);

  if (length > SM_JSON_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (SM_JSON_MAX_SIZE);

      g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE,
                   _ ("the file is %s, larger than any real map (the limit is %s)"),
                   size, limit);
      return NULL;
    }
  return g_memory_input_stream_new_from_bytes (bytes);
}

/**
 * sm_format_load_bytes:
 *
 * Reads a project file. A file that is not valid format v1 is refused whole,
 * with an error naming where the (first) problem is.
 */
SmMap *
sm_format_load_bytes (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(GInputStream) input = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  input = bytes_input (bytes, error);
  if (input == NULL)
    return NULL;
  return read_stream (input, NULL, TRUE, NULL, NULL, error);
}

/**
 * sm_format_load_node:
 *
 * Builds a map from a document already in memory, checked exactly as a
 * file is (importers build one and hand it here, so an import can never
 * give a map that would not load). The map shares @root's objects: do not
 * change @root afterwards.
 */
SmMap *
sm_format_load_node (JsonNode *root,
                     GError  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 version = SM_FORMAT_VERSION;
  int    code = SM_FORMAT_ERROR_INVALID;
  guint  n_problems = 0;

  g_return_val_if_fail (root != NULL, NULL);

  found = check_tree (root, &version, &code, &n_problems);
  if (found->len > 0)
    {
      set_problems_error (error, code, found, n_problems);
      return NULL;
    }
  return build_map (root, version);
}

/* Every problem with the file, as "where: what" strings (empty when valid):
 * the first SM_FORMAT_MAX_PROBLEMS of them, and in @n_problems how many
 * there are in all. */
GPtrArray *
sm_format_check_bytes (GBytes *bytes,
                       guint  *n_problems)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;
  guint      n = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  input = bytes_input (bytes, &error);
  if (input == NULL)
    {
      problems = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (problems, g_strdup (error->message));
      n = 1;
    }
  else
    read_stream (input, NULL, FALSE, &problems, &n, NULL);
  if (n_problems != NULL)
    *n_problems = MAX (n, problems->len);
  return problems;
}

/* The check of a whole tree, as before files were read as streams: for
 * tests that compare the two. */
GPtrArray *
_sm_format_check_bytes_whole (GBytes *bytes,
                              guint  *n_problems)
{
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *problems = NULL;
  gint64     version;
  guint      n = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  root = parse_and_check (bytes, &version, &problems, &n, NULL);
  if (n_problems != NULL)
    *n_problems = MAX (n, problems->len);
  return problems;
}

static void
set_too_large (GError **error,
               goffset  size)
{
  g_autofree char *limit = g_format_size_full (SM_JSON_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  if (size > 0)
    {
      g_autofree char *text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE,
                   _ ("the file is %s, larger than any real map (the limit is %s)"), text, limit);
    }
  else
    g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE,
                 _ ("the file is larger than any real map (the limit is %s)"), limit);
}

/* Opens @file; one whose size is known to be over the limit is refused
 * before any of it is read. */
static GInputStream *
open_file_input (GFile        *file,
                 GCancellable *cancellable,
                 gsize        *reserve,
                 GError      **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      goffset size = g_file_info_get_size (info);

      if (size > SM_JSON_MAX_SIZE)
        {
          set_too_large (error, size);
          return NULL;
        }
      if (reserve != NULL)
        *reserve = MAX (size, 0);
    }
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

/* A file whose size is known is refused before any of it is read; others
 * (a device, a pipe, a file growing while read) once one byte more than the
 * limit has been read, so a huge or endless input never costs more. */
GBytes *
sm_format_read_file (GFile        *file,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;
  gsize reserve = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = open_file_input (file, cancellable, &reserve, error);
  if (stream == NULL)
    return NULL;

  return read_all (stream, reserve, cancellable, error);
}

static GBytes *
read_all (GInputStream *stream,
          gsize         reserve,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(GByteArray) data = NULL;

  data = g_byte_array_sized_new (MIN (reserve + 1, SM_JSON_MAX_SIZE + 1));
  for (;;)
    {
      guint8 buffer[64 * 1024];
      gsize  want = MIN (sizeof buffer, (gsize) SM_JSON_MAX_SIZE + 1 - data->len);
      gssize n = g_input_stream_read (stream, buffer, want, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
      if (data->len > SM_JSON_MAX_SIZE)
        {
          set_too_large (error, 0);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * sm_format_load_file:
 *
 * Reads a project file as sm_format_load_bytes() does, a chunk at a time:
 * the file's text is never all in memory.
 */
SmMap *
sm_format_load_file (GFile        *file,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(GInputStream) input = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  input = open_file_input (file, cancellable, NULL, error);
  if (input == NULL)
    return NULL;
  return read_stream (input, cancellable, TRUE, NULL, NULL, error);
}

/**
 * sm_format_check_file:
 * @n_problems: (out) (optional): how many problems there are in all
 *
 * Every problem with a project file, as sm_format_check_bytes() gives
 * them, reading it a chunk at a time.
 *
 * Returns: (transfer full) (nullable): the problems (empty when the file
 *   is valid), or %NULL when the file cannot be read (@error says why)
 */
GPtrArray *
sm_format_check_file (GFile        *file,
                      GCancellable *cancellable,
                      guint        *n_problems,
                      GError      **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *problems = NULL;
  guint      n = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  input = open_file_input (file, cancellable, NULL, error);
  if (input == NULL)
    return NULL;
  read_stream (input, cancellable, FALSE, &problems, &n, &local_error);
  if (local_error != NULL && local_error->domain != SM_FORMAT_ERROR)
    {
      /* Not a problem with the file's text: it could not be read. */
      g_clear_pointer (&problems, g_ptr_array_unref);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (n_problems != NULL)
    *n_problems = MAX (n, problems->len);
  return problems;
}

static void
write_records (GString     *out,
               SmMap       *map,
               SmRecordKind kind)
{
  SmCollection *collection = sm_map_get_collection (map, kind);
  guint         n = sm_collection_get_size (collection);

  g_string_append (out, ",\n  ");
  sm_json_write_string (out, sm_schema_get_array_name (kind));
  if (n == 0)
    {
      g_string_append (out, ": []");
      return;
    }
  g_string_append (out, ": [");
  for (guint i = 0; i < n; i++)
    {
      SmRecord *record = sm_collection_get (collection, i);

      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      _sm_record_write (record, out, 2);
    }
  g_string_append (out, "\n  ]");
}

/**
 * sm_format_save_to_bytes:
 *
 * The project file for @map: two-space indent, known members in the order
 * of docs/format.md, unknown members after them in their original order.
 * The same map always gives the same bytes.
 */
GBytes *
sm_format_save_to_bytes (SmMap *map)
{
  g_autoptr(GString) out = g_string_sized_new (4096);
  gboolean first = FALSE;
  gint64   version;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  /* A read-only map keeps the version it came with; others are written as
   * the version this app writes. */
  version = MAX (sm_map_get_version (map), SM_FORMAT_VERSION);

  g_string_append_printf (out, "{\n  \"format\": \"stakemap\",\n  \"version\": %" G_GINT64_FORMAT ",\n  \"map\": ",
                          version);
  _sm_record_write (sm_map_get_metadata (map), out, 1);

  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_ANNOTATION; kind++)
    write_records (out, map, kind);
  /* Regions came later: absent while there are none, so maps drawn
   * without them keep their bytes. */
  if (sm_collection_get_size (sm_map_get_collection (map, SM_RECORD_REGION)) > 0)
    write_records (out, map, SM_RECORD_REGION);

  /* Absent until the group records something, so maps without it keep
   * their bytes. */
  if (_sm_map_get_evaluation (map) != NULL)
    {
      g_autoptr(JsonNode) evaluation = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (evaluation, _sm_map_get_evaluation (map));
      g_string_append (out, ",\n  \"evaluation\": ");
      sm_json_write (out, evaluation, evaluation_fields, 1);
    }

  sm_json_write_object_members (out, sm_map_get_extra (map), NULL, 1, &first);
  g_string_append (out, "\n}\n");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * sm_format_save_file:
 *
 * Saves safely (see sm-file-writer.h): the new file is complete on disk
 * before it takes the old one's place, and the previous file is kept as a
 * backup (FILE~).
 */
gboolean
sm_format_save_file (SmMap        *map,
                     GFile        *file,
                     GCancellable *cancellable,
                     GError      **error)
{
  return sm_format_save_file_full (map, file, NULL, NULL, cancellable, error);
}

/**
 * sm_format_save_file_full:
 * @expected: (nullable): what @file was when the map was read from it;
 *   if another program has changed it since, nothing is written and the
 *   error is %SM_FILE_ERROR_CHANGED
 * @written: (out caller-allocates) (optional): what @file is now
 */
gboolean
sm_format_save_file_full (SmMap             *map,
                          GFile             *file,
                          const SmFileStamp *expected,
                          SmFileStamp       *written,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (sm_map_get_read_only (map))
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, sm_map_get_version (map));

      g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_READ_ONLY,
                   _ ("this map was made by a newer version of Stakemap (format %s); "
                      "it can be read but not saved by this version"),
                   version);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  bytes = sm_format_save_to_bytes (map);
  return sm_file_write_bytes (file, bytes, SM_FILE_WRITE_BACKUP, expected, written, error);
}

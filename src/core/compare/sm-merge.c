/* sm-merge.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-compare-private.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-map-private.h"
#include "sm-merge.h"
#include "sm-schema.h"

/* The merge works on the three files as JSON documents: it walks them once
 * when made, to find the conflicts, and again for each result, with the
 * choices. The walk meets the conflicts in the same order every time, as
 * they depend on the three versions alone. The result is loaded and
 * checked exactly as a file is, so it can never be a map `check` would
 * refuse. */

struct _SmMergeConflict
{
  SmDiffKind    kind;
  char         *id;
  char         *name;
  char         *path; /* NULL: the whole record */
  JsonNode     *base;
  JsonNode     *ours;
  JsonNode     *theirs;
  SmMergeChoice choice;
};

struct _SmMerge
{
  JsonNode  *base;
  JsonNode  *ours;
  JsonNode  *theirs;
  GPtrArray *conflicts; /* SmMergeConflict */
  GPtrArray *notes;     /* char *, of the last result */
  GPtrArray *renamed;   /* char *: theirs' additions given a new id, in words */
  /* Who refers to an id: id → set of "holder-id/field" */
  GHashTable *refs_base;
  GHashTable *refs_ours;
  GHashTable *refs_theirs;
};

typedef struct
{
  SmMerge    *self;
  SmMap      *maps[3]; /* base, ours, theirs: to name records; NULL after collecting */
  gboolean    collecting;
  guint       next;
  SmDiffKind  kind;
  const char *id;
  JsonNode   *record;    /* the response being merged, to name it */
  GHashTable *contested; /* stakeholders removed on one side, in conflict */
} Walk;

static void
sm_merge_conflict_free (SmMergeConflict *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c->path);
  g_clear_pointer (&c->base, json_node_unref);
  g_clear_pointer (&c->ours, json_node_unref);
  g_clear_pointer (&c->theirs, json_node_unref);
  g_free (c);
}

void
sm_merge_free (SmMerge *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->base, json_node_unref);
  g_clear_pointer (&self->ours, json_node_unref);
  g_clear_pointer (&self->theirs, json_node_unref);
  g_ptr_array_unref (self->conflicts);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->renamed);
  g_hash_table_unref (self->refs_base);
  g_hash_table_unref (self->refs_ours);
  g_hash_table_unref (self->refs_theirs);
  g_free (self);
}

static gboolean
same (JsonNode *a,
      JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return _sm_compare_values_equal (a, b);
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? sm_json_deep_copy (node) : NULL;
}

static JsonObject *
object_or_null (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static JsonNode *
document_of (SmMap *map)
{
  g_autoptr(GBytes) bytes = sm_format_save_to_bytes (map);
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode   *root = sm_json_parse (data, size, NULL);

  /* The app's own writer gives JSON the app reads. */
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

/* References */

static void
add_ref (GHashTable *refs,
         JsonNode   *node,
         const char *key)
{
  GHashTable *holders;
  const char *id;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;
  id = json_node_get_string (node);
  holders = g_hash_table_lookup (refs, id);
  if (holders == NULL)
    {
      holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (refs, g_strdup (id), holders);
    }
  g_hash_table_add (holders, g_strdup (key));
}

static void
collect_node_refs (GHashTable    *refs,
                   JsonNode      *node,
                   const SmField *field,
                   const char    *key)
{
  switch (field->type)
    {
    case SM_FIELD_REF:
      add_ref (refs, node, key);
      break;
    case SM_FIELD_REF_LIST:
    case SM_FIELD_OBJECT_LIST:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          SmField    as_object = *field;

          as_object.type = SM_FIELD_OBJECT;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (field->type == SM_FIELD_REF_LIST)
                add_ref (refs, element, key);
              else
                collect_node_refs (refs, element, &as_object, key);
            }
        }
      break;
    case SM_FIELD_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (node))
        for (const SmField *c = field->children; c->name != NULL; c++)
          {
            JsonNode *member = json_object_get_member (json_node_get_object (node), c->name);

            if (member != NULL && sm_schema_field_has_refs (c))
              collect_node_refs (refs, member, c, key);
          }
      break;
    default:
      break;
    }
}

static void
collect_record_refs (GHashTable  *refs,
                     SmRecordKind kind,
                     JsonObject  *record)
{
  const char *id = json_object_get_string_member_with_default (record, "id", "");

  for (const SmField *f = sm_schema_get_fields (kind); f->name != NULL; f++)
    {
      JsonNode        *member = json_object_get_member (record, f->name);
      g_autofree char *key = NULL;

      if (member == NULL || !sm_schema_field_has_refs (f))
        continue;
      key = g_strconcat (id, "/", f->name, NULL);
      collect_node_refs (refs, member, f, key);
    }
}

static JsonArray *
collection_of (JsonNode    *document,
               SmRecordKind kind)
{
  JsonNode *node = json_object_get_member (json_node_get_object (document), sm_schema_get_array_name (kind));

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GHashTable *
collect_refs (JsonNode *document)
{
  GHashTable *refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  JsonObject *map = object_or_null (json_object_get_member (json_node_get_object (document), "map"));

  if (map != NULL)
    collect_record_refs (refs, SM_RECORD_MAP, map);
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      JsonArray *array = collection_of (document, kind);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *record = object_or_null (json_array_get_element (array, i));

          if (record != NULL)
            collect_record_refs (refs, kind, record);
        }
    }
  return refs;
}

/* Whether @side refers to @id somewhere the base did not. */
static gboolean
refers_anew (GHashTable *side,
             GHashTable *base,
             const char *id)
{
  GHashTable    *holders = g_hash_table_lookup (side, id);
  GHashTable    *before = g_hash_table_lookup (base, id);
  GHashTableIter iter;
  gpointer       key;

  if (holders == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, holders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (before == NULL || !g_hash_table_contains (before, key))
      return TRUE;
  return FALSE;
}

/* Both added a record under one id */

static void
rename_node_refs (JsonNode      *node,
                  const SmField *field,
                  GHashTable    *renames)
{
  const char *id;

  switch (field->type)
    {
    case SM_FIELD_REF:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          (id = g_hash_table_lookup (renames, json_node_get_string (node))) != NULL)
        json_node_set_string (node, id);
      break;
    case SM_FIELD_REF_LIST:
    case SM_FIELD_OBJECT_LIST:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          SmField    element = *field;

          element.type = field->type == SM_FIELD_REF_LIST ? SM_FIELD_REF : SM_FIELD_OBJECT;
          for (guint i = 0; i < json_array_get_length (array); i++)
            rename_node_refs (json_array_get_element (array, i), &element, renames);
        }
      break;
    case SM_FIELD_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (node))
        for (const SmField *c = field->children; c->name != NULL; c++)
          {
            JsonNode *member = json_object_get_member (json_node_get_object (node), c->name);

            if (member != NULL && sm_schema_field_has_refs (c))
              rename_node_refs (member, c, renames);
          }
      break;
    default:
      break;
    }
}

static void
rename_record_refs (JsonObject  *record,
                    SmRecordKind kind,
                    GHashTable  *renames)
{
  for (const SmField *f = sm_schema_get_fields (kind); f->name != NULL; f++)
    {
      JsonNode *member = json_object_get_member (record, f->name);

      if (member != NULL && sm_schema_field_has_refs (f))
        rename_node_refs (member, f, renames);
    }
}

/* Every record of @document by id (JsonObject, borrowed). */
static GHashTable *
records_by_id (JsonNode *document)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      JsonArray *array = collection_of (document, kind);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *record = object_or_null (json_array_get_element (array, i));
          const char *id = record != NULL ? json_object_get_string_member_with_default (record, "id", NULL) : NULL;

          if (id != NULL)
            g_hash_table_insert (ids, (gpointer) id, record);
        }
    }
  return ids;
}

/* "Both copies added a stakeholder as s3: theirs, “Bob”, is kept as s3-2":
 * one whole sentence per kind, for the translators. */
static char *
both_added_note (SmRecordKind kind,
                 const char  *id,
                 const char  *name,
                 const char  *fresh)
{
  switch (kind)
    {
    case SM_RECORD_STAKEHOLDER:
      /* TRANSLATORS: "Both copies added a stakeholder as s3: theirs, “Bob”,
       * is kept as s3-2"; the first %s is the id both used, the second the
       * name of theirs, the third its new id */
      return g_strdup_printf (_ ("Both copies added a stakeholder as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    case SM_RECORD_RELATIONSHIP:
      return g_strdup_printf (_ ("Both copies added a relationship as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    case SM_RECORD_SPACE:
      return g_strdup_printf (_ ("Both copies added a space as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    case SM_RECORD_DECISION:
      return g_strdup_printf (_ ("Both copies added a decision as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    case SM_RECORD_AFFECTED_GROUP:
      return g_strdup_printf (_ ("Both copies added an affected group as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    case SM_RECORD_ANNOTATION:
      return g_strdup_printf (_ ("Both copies added a note as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    case SM_RECORD_REGION:
      return g_strdup_printf (_ ("Both copies added a region as %s: theirs, “%s”, is kept as %s"), id, name, fresh);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* "Relationship r4 dropped: its source was removed by the merge" */
static char *
dropped_note (SmRecordKind kind,
              const char  *id,
              const char  *field)
{
  switch (kind)
    {
    case SM_RECORD_STAKEHOLDER:
      /* TRANSLATORS: "Relationship r4 dropped: its source was removed by the
       * merge"; the first %s is the record's id, the second the name of a
       * field in the file, as the file spells it */
      return g_strdup_printf (_ ("Stakeholder %s dropped: its %s was removed by the merge"), id, field);
    case SM_RECORD_RELATIONSHIP:
      return g_strdup_printf (_ ("Relationship %s dropped: its %s was removed by the merge"), id, field);
    case SM_RECORD_SPACE:
      return g_strdup_printf (_ ("Space %s dropped: its %s was removed by the merge"), id, field);
    case SM_RECORD_DECISION:
      return g_strdup_printf (_ ("Decision %s dropped: its %s was removed by the merge"), id, field);
    case SM_RECORD_AFFECTED_GROUP:
      return g_strdup_printf (_ ("Affected group %s dropped: its %s was removed by the merge"), id, field);
    case SM_RECORD_ANNOTATION:
      return g_strdup_printf (_ ("Note %s dropped: its %s was removed by the merge"), id, field);
    case SM_RECORD_REGION:
      return g_strdup_printf (_ ("Region %s dropped: its %s was removed by the merge"), id, field);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* Two copies each added someone, and both were given the next free id:
 * they are two records, not one. Theirs takes a new id, and what theirs
 * says of it follows; the merge then keeps both, as any two additions. */
static void
separate_double_additions (SmMerge *self)
{
  g_autoptr(GHashTable) in_base = records_by_id (self->base);
  g_autoptr(GHashTable) in_ours = records_by_id (self->ours);
  g_autoptr(GHashTable) in_theirs = records_by_id (self->theirs);
  g_autoptr(GHashTable) renames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *map;

  /* Without a common version (an empty base) every record is new on both
   * sides: one that differs is a conflict to choose, not two records. */
  if (g_hash_table_size (in_base) == 0)
    return;
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      JsonArray *array = collection_of (self->theirs, kind);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode        *t = json_array_get_element (array, i);
          JsonObject      *record = object_or_null (t);
          const char      *id = record != NULL ? json_object_get_string_member_with_default (record, "id", NULL) : NULL;
          JsonObject      *o = id != NULL ? g_hash_table_lookup (in_ours, id) : NULL;
          g_autofree char *fresh = NULL;
          JsonNode        *o_node;
          const char      *name;

          if (o == NULL || g_hash_table_contains (in_base, id))
            continue;
          o_node = json_node_init_object (json_node_alloc (), o);
          if (same (o_node, t))
            {
              json_node_unref (o_node);
              continue;
            }
          json_node_unref (o_node);
          for (guint n = 2; fresh == NULL || g_hash_table_contains (in_base, fresh) ||
                            g_hash_table_contains (in_ours, fresh) || g_hash_table_contains (in_theirs, fresh) ||
                            g_hash_table_contains (renames, fresh);
               n++)
            {
              g_free (fresh);
              fresh = g_strdup_printf ("%s-%u", id, n);
            }
          name = kind == SM_RECORD_STAKEHOLDER  ? json_object_get_string_member_with_default (record, "name", "")
                 : kind == SM_RECORD_ANNOTATION ? json_object_get_string_member_with_default (record, "text", "")
                                                : json_object_get_string_member_with_default (record, "name", "");
          g_ptr_array_add (self->renamed,
                           both_added_note (kind, id, name, fresh));
          g_hash_table_insert (renames, g_strdup (id), g_strdup (fresh));
          json_object_set_string_member (record, "id", fresh);
        }
    }
  if (g_hash_table_size (renames) == 0)
    return;

  /* Theirs' references to what it added go with the new ids. */
  map = object_or_null (json_object_get_member (json_node_get_object (self->theirs), "map"));
  if (map != NULL)
    rename_record_refs (map, SM_RECORD_MAP, renames);
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      JsonArray *array = collection_of (self->theirs, kind);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *record = object_or_null (json_array_get_element (array, i));

          if (record != NULL)
            rename_record_refs (record, kind, renames);
        }
    }
}

/* The walk */

static char *
name_of (Walk *w)
{
  JsonNode *value = w->record;

  if (w->kind == SM_DIFF_KIND_MAP)
    return g_strdup (sm_map_get_title (w->maps[1]));
  if (w->kind == SM_DIFF_KIND_RESPONSE)
    return object_or_null (value) != NULL ? _sm_compare_response_name (json_node_get_object (value))
                                          : g_strdup (w->id);
  for (guint i = 0; i < 3; i++)
    {
      /* Ours first: the name the user last saw. */
      SmMap    *map = w->maps[(i + 1) % 3];
      SmRecord *record = sm_map_lookup_kind (map, (SmRecordKind) w->kind, w->id);

      if (record != NULL)
        return _sm_compare_record_name (map, record);
    }
  return g_strdup (w->id);
}

/* Returns the side chosen (borrowed; NULL: absent). */
static JsonNode *
conflict (Walk       *w,
          const char *path,
          JsonNode   *base,
          JsonNode   *ours,
          JsonNode   *theirs)
{
  SmMergeConflict *c;

  if (w->collecting)
    {
      g_autofree char *name = name_of (w);

      c = g_new0 (SmMergeConflict, 1);
      c->kind = w->kind;
      c->id = g_strdup (w->id);
      c->name = g_strdup (name != NULL && *name != '\0' ? name : w->id);
      c->path = g_strdup (path);
      c->base = copy_or_null (base);
      c->ours = copy_or_null (ours);
      c->theirs = copy_or_null (theirs);
      c->choice = SM_MERGE_CHOICE_OURS;
      g_ptr_array_add (w->self->conflicts, c);
    }
  else
    {
      g_assert (w->next < w->self->conflicts->len);
      c = g_ptr_array_index (w->self->conflicts, w->next++);
    }
  return c->choice == SM_MERGE_CHOICE_THEIRS ? theirs : ours;
}

/* Every member name of the three objects, each once: ours' order first. */
static GPtrArray *
member_union (JsonObject *a,
              JsonObject *b,
              JsonObject *c)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *objects[3] = { a, b, c };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GList) members = objects[i] != NULL ? json_object_get_members (objects[i]) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (seen, l->data))
          g_ptr_array_add (names, l->data);
    }
  return names;
}

static JsonObject *
merge_objects (Walk              *w,
               const char        *prefix,
               JsonObject        *base,
               JsonObject        *ours,
               JsonObject        *theirs,
               const char *const *skip)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GPtrArray) names = member_union (ours, theirs, base);

  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      JsonNode        *vb = member_or_null (base, name);
      JsonNode        *vo = member_or_null (ours, name);
      JsonNode        *vt = member_or_null (theirs, name);
      g_autofree char *path = prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
      g_autoptr(JsonNode) merged = NULL;
      JsonNode *value;

      if (skip != NULL && g_strv_contains (skip, name))
        continue;
      if (same (vo, vt))
        value = vo;
      else if (same (vb, vo))
        value = vt;
      else if (same (vb, vt))
        value = vo;
      else if (object_or_null (vo) != NULL && object_or_null (vt) != NULL && (vb == NULL || object_or_null (vb) != NULL))
        {
          JsonObject *object = merge_objects (w, path, object_or_null (vb), object_or_null (vo), object_or_null (vt), NULL);

          merged = json_node_init_object (json_node_alloc (), object);
          json_object_unref (object);
          value = merged;
        }
      else
        value = conflict (w, path, vb, vo, vt);

      if (value != NULL)
        json_object_set_member (result, name, merged != NULL ? g_steal_pointer (&merged) : sm_json_deep_copy (value));
    }
  return result;
}

static const char *
element_id (JsonNode *element)
{
  JsonObject *object = object_or_null (element);

  return object != NULL ? json_object_get_string_member_with_default (object, "id", NULL) : NULL;
}

static GHashTable *
index_by_id (JsonArray *array)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode   *element = json_array_get_element (array, i);
      const char *id = element_id (element);

      if (id != NULL)
        g_hash_table_insert (index, (gpointer) id, element);
    }
  return index;
}

static void
keep (JsonArray *result,
      JsonNode  *element)
{
  json_array_add_element (result, sm_json_deep_copy (element));
}

static void
keep_merged (JsonArray  *result,
             JsonObject *object)
{
  json_array_add_object_element (result, object);
}

/* Whether @record is a relationship to a stakeholder whose removal is in
 * conflict: the side that removed her removed it with her, so keeping her
 * keeps it too, and the choice is the user's. */
static gboolean
touches_contested (Walk     *w,
                   JsonNode *record)
{
  JsonObject *object = object_or_null (record);
  const char *ends[2];

  if (w->kind != SM_DIFF_KIND_RELATIONSHIP || object == NULL)
    return FALSE;
  ends[0] = json_object_get_string_member_with_default (object, "source", "");
  ends[1] = json_object_get_string_member_with_default (object, "target", "");
  return g_hash_table_contains (w->contested, ends[0]) || g_hash_table_contains (w->contested, ends[1]);
}

static JsonNode *
record_conflict (Walk     *w,
                 JsonNode *base,
                 JsonNode *ours,
                 JsonNode *theirs)
{
  if (w->kind == SM_DIFF_KIND_STAKEHOLDER)
    g_hash_table_add (w->contested, (gpointer) w->id);
  return conflict (w, NULL, base, ours, theirs);
}

/* Records (or responses) by id: ours' order, then what theirs added. */
static JsonArray *
merge_records (Walk      *w,
               SmDiffKind kind,
               JsonArray *base,
               JsonArray *ours,
               JsonArray *theirs)
{
  JsonArray *result = json_array_new ();
  g_autoptr(GHashTable) in_base = index_by_id (base);
  g_autoptr(GHashTable) in_ours = index_by_id (ours);
  g_autoptr(GHashTable) in_theirs = index_by_id (theirs);
  gboolean records = kind != SM_DIFF_KIND_RESPONSE;
  SmMerge *self = w->self;

  w->kind = kind;
  for (guint i = 0; ours != NULL && i < json_array_get_length (ours); i++)
    {
      JsonNode   *o = json_array_get_element (ours, i);
      const char *id = element_id (o);
      JsonNode   *b, *t;

      if (id == NULL)
        {
          keep (result, o);
          continue;
        }
      w->id = id;
      w->record = o;
      b = g_hash_table_lookup (in_base, id);
      t = g_hash_table_lookup (in_theirs, id);
      if (t != NULL)
        keep_merged (result, merge_objects (w, NULL, object_or_null (b), object_or_null (o), object_or_null (t), NULL));
      else if (b == NULL)
        keep (result, o);
      else if (same (b, o) && !(records && refers_anew (self->refs_ours, self->refs_base, id)) &&
               !touches_contested (w, o))
        continue; /* theirs removed it, ours left it alone */
      else if (record_conflict (w, b, o, NULL) != NULL)
        keep (result, o);
    }
  for (guint i = 0; theirs != NULL && i < json_array_get_length (theirs); i++)
    {
      JsonNode   *t = json_array_get_element (theirs, i);
      const char *id = element_id (t);
      JsonNode   *b;

      if (id == NULL || g_hash_table_contains (in_ours, id))
        continue;
      w->id = id;
      w->record = t;
      b = g_hash_table_lookup (in_base, id);
      if (b == NULL)
        keep (result, t);
      else if (same (b, t) && !(records && refers_anew (self->refs_theirs, self->refs_base, id)) &&
               !touches_contested (w, t))
        continue; /* ours removed it, theirs left it alone */
      else if (record_conflict (w, b, NULL, t) != NULL)
        keep (result, t);
    }
  return result;
}

static const char *const document_members[] = {
  "format",
  "version",
  "map",
  "stakeholders",
  "relationships",
  "spaces",
  "decisions",
  "affected_groups",
  "annotations",
  "regions",
  "evaluation",
  NULL,
};

static JsonNode *
merge_documents (Walk *w)
{
  SmMerge    *self = w->self;
  JsonObject *b = json_node_get_object (self->base);
  JsonObject *o = json_node_get_object (self->ours);
  JsonObject *t = json_node_get_object (self->theirs);
  JsonObject *result = json_object_new ();
  g_autoptr(GHashTable) contested = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject    *eb, *eo, *et;
  JsonObject    *merged;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;
  JsonNode      *node;

  w->contested = contested;
  json_object_set_member (result, "format", sm_json_deep_copy (json_object_get_member (o, "format")));
  json_object_set_member (result, "version", sm_json_deep_copy (json_object_get_member (o, "version")));

  w->kind = SM_DIFF_KIND_MAP;
  w->id = "map";
  merged = merge_objects (w, NULL, object_or_null (json_object_get_member (b, "map")),
                          object_or_null (json_object_get_member (o, "map")),
                          object_or_null (json_object_get_member (t, "map")), NULL);
  json_object_set_object_member (result, "map", merged);

  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    json_object_set_array_member (result, sm_schema_get_array_name (kind),
                                  merge_records (w, (SmDiffKind) kind, collection_of (self->base, kind),
                                                 collection_of (self->ours, kind),
                                                 collection_of (self->theirs, kind)));

  eb = object_or_null (json_object_get_member (b, "evaluation"));
  eo = object_or_null (json_object_get_member (o, "evaluation"));
  et = object_or_null (json_object_get_member (t, "evaluation"));
  if (eo != NULL || et != NULL)
    {
      static const char *const responses_only[] = { "responses", NULL };
      JsonNode                *rb = member_or_null (eb, "responses");
      JsonNode                *ro = member_or_null (eo, "responses");
      JsonNode                *rt = member_or_null (et, "responses");
      JsonArray               *responses;

      w->kind = SM_DIFF_KIND_MAP;
      w->id = "map";
      merged = merge_objects (w, "$.evaluation", eb, eo, et, responses_only);
      responses = merge_records (w, SM_DIFF_KIND_RESPONSE, rb != NULL && JSON_NODE_HOLDS_ARRAY (rb) ? json_node_get_array (rb) : NULL,
                                 ro != NULL && JSON_NODE_HOLDS_ARRAY (ro) ? json_node_get_array (ro) : NULL,
                                 rt != NULL && JSON_NODE_HOLDS_ARRAY (rt) ? json_node_get_array (rt) : NULL);
      if (ro != NULL || rt != NULL)
        json_object_set_array_member (merged, "responses", responses);
      else
        json_array_unref (responses);
      json_object_set_object_member (result, "evaluation", merged);
    }

  /* Members the app does not know, as values. */
  w->kind = SM_DIFF_KIND_MAP;
  w->id = "map";
  merged = merge_objects (w, "$", b, o, t, document_members);
  json_object_iter_init_ordered (&iter, merged);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (result, name, json_node_ref (member));
  json_object_unref (merged);

  w->contested = NULL;
  node = json_node_init_object (json_node_alloc (), result);
  json_object_unref (result);
  return node;
}

/* Dangling references */

static gboolean
not_in (const char *id,
        gpointer    ids)
{
  return !g_hash_table_contains (ids, id);
}

static const char *
kind_title (SmRecordKind kind)
{
  static const char *const titles[] = {
    N_ ("Map"),
    N_ ("Stakeholder"),
    N_ ("Relationship"),
    N_ ("Space"),
    N_ ("Decision"),
    N_ ("Affected group"),
    N_ ("Note"),
    N_ ("Region"),
  };

  return _ (titles[kind]);
}

/* Clears one record's references to missing ids; FALSE when the record
 * itself must go (a required reference, such as a relationship's end). */
static gboolean
repair_record (SmMerge     *self,
               SmRecordKind kind,
               JsonObject  *record,
               GHashTable  *ids,
               gboolean    *changed)
{
  const char *id = json_object_get_string_member_with_default (record, "id", "");

  for (const SmField *f = sm_schema_get_fields (kind); f->name != NULL; f++)
    {
      JsonNode *member = json_object_get_member (record, f->name);
      gboolean  drop = FALSE;
      g_autoptr(JsonNode) cleaned = NULL;

      if (member == NULL || !sm_schema_field_has_refs (f))
        continue;
      cleaned = sm_schema_without_refs (member, f, not_in, ids, &drop);
      if (drop && (f->flags & SM_FIELD_REQUIRED))
        {
          g_ptr_array_add (self->notes,
                           dropped_note (kind, id, f->name));
          *changed = TRUE;
          return FALSE;
        }
      if (drop || cleaned != NULL)
        {
          g_ptr_array_add (self->notes,
                           g_strdup_printf (_ ("%s %s: %s no longer names what the merge removed"),
                                            kind_title (kind), kind == SM_RECORD_MAP ? "map" : id, f->name));
          if (drop)
            json_object_remove_member (record, f->name);
          else
            json_object_set_member (record, f->name, g_steal_pointer (&cleaned));
          *changed = TRUE;
        }
    }
  return TRUE;
}

/* As deleting a record in the app does: what would dangle is cleared. */
static void
repair_references (SmMerge  *self,
                   JsonNode *document)
{
  JsonObject *map = object_or_null (json_object_get_member (json_node_get_object (document), "map"));
  gboolean    changed = TRUE;

  while (changed)
    {
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

      changed = FALSE;
      for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
        {
          JsonArray *array = collection_of (document, kind);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *id = element_id (json_array_get_element (array, i));

              if (id != NULL)
                g_hash_table_add (ids, (gpointer) id);
            }
        }
      if (map != NULL)
        repair_record (self, SM_RECORD_MAP, map, ids, &changed);
      for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST && !changed; kind++)
        {
          JsonArray *array = collection_of (document, kind);

          for (guint i = json_array_get_length (array); i > 0; i--)
            {
              JsonObject *record = object_or_null (json_array_get_element (array, i - 1));

              if (record != NULL && !repair_record (self, kind, record, ids, &changed))
                json_array_remove_element (array, i - 1);
            }
        }
    }
}

/* Public API */

/**
 * sm_merge_new:
 * @base: the version both sides started from
 * @ours: our version: kept where the sides conflict, until a choice says
 * @theirs: the other version
 *
 * Returns: (transfer full): the merge, with its conflicts found
 */
SmMerge *
sm_merge_new (SmMap *base,
              SmMap *ours,
              SmMap *theirs)
{
  SmMerge *self;
  Walk     w = { 0 };
  g_autoptr(JsonNode) scratch = NULL;

  g_return_val_if_fail (SM_IS_MAP (base), NULL);
  g_return_val_if_fail (SM_IS_MAP (ours), NULL);
  g_return_val_if_fail (SM_IS_MAP (theirs), NULL);

  self = g_new0 (SmMerge, 1);
  self->base = document_of (base);
  self->ours = document_of (ours);
  self->theirs = document_of (theirs);
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_merge_conflict_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->renamed = g_ptr_array_new_with_free_func (g_free);
  separate_double_additions (self);
  self->refs_base = collect_refs (self->base);
  self->refs_ours = collect_refs (self->ours);
  self->refs_theirs = collect_refs (self->theirs);

  w.self = self;
  w.maps[0] = base;
  w.maps[1] = ours;
  w.maps[2] = theirs;
  w.collecting = TRUE;
  scratch = merge_documents (&w);
  return self;
}

guint
sm_merge_get_n_conflicts (SmMerge *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->conflicts->len;
}

SmMergeConflict *
sm_merge_get_conflict (SmMerge *self,
                       guint    position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->conflicts->len, NULL);

  return g_ptr_array_index (self->conflicts, position);
}

SmDiffKind
sm_merge_conflict_get_kind (SmMergeConflict *conflict)
{
  return conflict->kind;
}

const char *
sm_merge_conflict_get_id (SmMergeConflict *conflict)
{
  return conflict->id;
}

const char *
sm_merge_conflict_get_name (SmMergeConflict *conflict)
{
  return conflict->name;
}

const char *
sm_merge_conflict_get_path (SmMergeConflict *conflict)
{
  return conflict->path;
}

JsonNode *
sm_merge_conflict_get_base (SmMergeConflict *conflict)
{
  return conflict->base;
}

JsonNode *
sm_merge_conflict_get_ours (SmMergeConflict *conflict)
{
  return conflict->ours;
}

JsonNode *
sm_merge_conflict_get_theirs (SmMergeConflict *conflict)
{
  return conflict->theirs;
}

gboolean
sm_merge_conflict_is_move (SmMergeConflict *conflict)
{
  return (conflict->kind == SM_DIFF_KIND_STAKEHOLDER || conflict->kind == SM_DIFF_KIND_ANNOTATION ||
          conflict->kind == SM_DIFF_KIND_REGION) &&
         (g_strcmp0 (conflict->path, "x") == 0 || g_strcmp0 (conflict->path, "y") == 0);
}

SmMergeChoice
sm_merge_conflict_get_choice (SmMergeConflict *conflict)
{
  return conflict->choice;
}

void
sm_merge_conflict_set_choice (SmMergeConflict *conflict,
                              SmMergeChoice    choice)
{
  g_return_if_fail (choice == SM_MERGE_CHOICE_OURS || choice == SM_MERGE_CHOICE_THEIRS);

  conflict->choice = choice;
}

/**
 * sm_merge_dup_result:
 *
 * Returns: (transfer full): the merged map, or %NULL with @error set when
 *   the merged file would not be valid (ids of different kinds that clash)
 */
SmMap *
sm_merge_dup_result (SmMerge *self,
                     GError **error)
{
  Walk w = { 0 };
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) local_error = NULL;
  SmMap *result;

  g_return_val_if_fail (self != NULL, NULL);

  g_ptr_array_set_size (self->notes, 0);
  for (guint i = 0; i < self->renamed->len; i++)
    g_ptr_array_add (self->notes, g_strdup (g_ptr_array_index (self->renamed, i)));
  w.self = self;
  document = merge_documents (&w);
  g_assert (w.next == self->conflicts->len);
  repair_references (self, document);

  result = sm_format_load_node (document, &local_error);
  if (result == NULL)
    {
      g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_INVALID,
                   _ ("the merged map would not be valid, so nothing was merged: %s"), local_error->message);
      return NULL;
    }
  return result;
}

guint
sm_merge_get_n_notes (SmMerge *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->notes->len;
}

const char *
sm_merge_get_note (SmMerge *self,
                   guint    position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->notes->len, NULL);

  return g_ptr_array_index (self->notes, position);
}

/* The evaluation and the file's unknown members, which no record holds */

#define SM_TYPE_MERGE_FILE_COMMAND (sm_merge_file_command_get_type ())
G_DECLARE_FINAL_TYPE (SmMergeFileCommand, sm_merge_file_command, SM, MERGE_FILE_COMMAND, SmCommand)

struct _SmMergeFileCommand
{
  SmCommand   parent_instance;
  JsonObject *evaluation[2]; /* before, after; NULL: none */
  JsonObject *extra[2];
};

G_DEFINE_FINAL_TYPE (SmMergeFileCommand, sm_merge_file_command, SM_TYPE_COMMAND)

static void
sm_merge_file_command_set (SmMergeFileCommand *self,
                           SmMap              *map,
                           guint               which)
{
  _sm_map_set_evaluation (map, self->evaluation[which]);
  _sm_map_set_extra (map, self->extra[which]);
}

static void
sm_merge_file_command_apply (SmCommand *command,
                             SmMap     *map)
{
  sm_merge_file_command_set (SM_MERGE_FILE_COMMAND (command), map, 1);
}

static void
sm_merge_file_command_revert (SmCommand *command,
                              SmMap     *map)
{
  sm_merge_file_command_set (SM_MERGE_FILE_COMMAND (command), map, 0);
}

static char *
sm_merge_file_command_dup_title (SmCommand *command)
{
  return g_strdup (_ ("Merge Changes"));
}

static void
sm_merge_file_command_finalize (GObject *object)
{
  SmMergeFileCommand *self = (SmMergeFileCommand *) object;

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->evaluation[i], json_object_unref);
      g_clear_pointer (&self->extra[i], json_object_unref);
    }
  G_OBJECT_CLASS (sm_merge_file_command_parent_class)->finalize (object);
}

static void
sm_merge_file_command_class_init (SmMergeFileCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_merge_file_command_finalize;
  command_class->apply = sm_merge_file_command_apply;
  command_class->revert = sm_merge_file_command_revert;
  command_class->dup_title = sm_merge_file_command_dup_title;
}

static void
sm_merge_file_command_init (SmMergeFileCommand *self)
{
}

static JsonObject *
object_ref_or_null (JsonObject *object)
{
  return object != NULL ? json_object_ref (object) : NULL;
}

static gboolean
objects_same (JsonObject *a,
              JsonObject *b)
{
  g_autoptr(JsonNode) na = a != NULL ? json_node_init_object (json_node_alloc (), a) : NULL;
  g_autoptr(JsonNode) nb = b != NULL ? json_node_init_object (json_node_alloc (), b) : NULL;

  return same (na, nb);
}

/* Sets every top-level member of @live that differs from @target. */
static const SmRecordKind removal_order[] = {
  SM_RECORD_RELATIONSHIP,
  SM_RECORD_REGION,
  SM_RECORD_ANNOTATION,
  SM_RECORD_AFFECTED_GROUP,
  SM_RECORD_DECISION,
  SM_RECORD_SPACE,
  SM_RECORD_STAKEHOLDER,
};

static void
add_set_values (SmCommand *group,
                SmRecord  *live,
                SmRecord  *target)
{
  g_autoptr(JsonObject) a = sm_record_dup_data (live);
  g_autoptr(JsonObject) b = sm_record_dup_data (target);
  g_autoptr(GPtrArray) names = member_union (a, b, NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode   *va = json_object_get_member (a, name);
      JsonNode   *vb = json_object_get_member (b, name);

      if (!same (va, vb))
        sm_command_group_add (group, sm_command_new_set_value (live, name, vb));
    }
}

/**
 * sm_merge_build_command:
 *
 * Returns: (transfer full): the "Merge Changes" step, or %NULL with @error
 *   set as sm_merge_dup_result() does
 */
SmCommand *
sm_merge_build_command (SmMerge *self,
                        SmMap   *live_ours,
                        GError **error)
{
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmCommand) group = NULL;
  SmMergeFileCommand *file_command;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SM_IS_MAP (live_ours), NULL);

  result = sm_merge_dup_result (self, error);
  if (result == NULL)
    return NULL;

  group = sm_command_new_group (_ ("Merge Changes"));

  /* Additions first, in kind order (stakeholders before the relationships
   * between them), then changes; removals last, relationships before the
   * stakeholders they join, so no removal has anything left to take with
   * it. */
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      SmCollection *collection = sm_map_get_collection (result, kind);

      for (guint i = 0; i < sm_collection_get_size (collection); i++)
        {
          SmRecord *record = sm_collection_get (collection, i);
          SmRecord *live = sm_map_lookup_kind (live_ours, kind, sm_record_get_id (record));

          if (live != NULL)
            continue;
          if (sm_map_lookup (live_ours, sm_record_get_id (record)) != NULL)
            {
              /* The same id for two kinds of record: the app cannot hold
               * both while the step is applied. */
              g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_INVALID,
                           _ ("the id “%s” names a different kind of record in each copy; change one of them "
                              "and merge again"),
                           sm_record_get_id (record));
              return NULL;
            }
          g_autoptr(JsonObject) data = sm_record_dup_data (record);

          sm_command_group_add (group, sm_command_new_add (live_ours, kind, data));
        }
    }
  add_set_values (group, sm_map_get_metadata (live_ours), sm_map_get_metadata (result));
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      SmCollection *collection = sm_map_get_collection (result, kind);

      for (guint i = 0; i < sm_collection_get_size (collection); i++)
        {
          SmRecord *record = sm_collection_get (collection, i);
          SmRecord *live = sm_map_lookup_kind (live_ours, kind, sm_record_get_id (record));

          if (live != NULL)
            add_set_values (group, live, record);
        }
    }
  for (guint step = 0; step < G_N_ELEMENTS (removal_order); step++)
    {
      SmRecordKind  kind = removal_order[step];
      SmCollection *collection;

      collection = sm_map_get_collection (live_ours, kind);
      for (guint i = 0; i < sm_collection_get_size (collection); i++)
        {
          SmRecord *live = sm_collection_get (collection, i);

          if (sm_map_lookup_kind (result, kind, sm_record_get_id (live)) == NULL)
            sm_command_group_add (group, sm_command_new_remove (live_ours, live));
        }
    }

  if (!objects_same (_sm_map_get_evaluation (live_ours), _sm_map_get_evaluation (result)) ||
      !objects_same (sm_map_get_extra (live_ours), sm_map_get_extra (result)))
    {
      file_command = g_object_new (SM_TYPE_MERGE_FILE_COMMAND, NULL);
      file_command->evaluation[0] = object_ref_or_null (_sm_map_get_evaluation (live_ours));
      file_command->evaluation[1] = object_ref_or_null (_sm_map_get_evaluation (result));
      file_command->extra[0] = object_ref_or_null (sm_map_get_extra (live_ours));
      file_command->extra[1] = object_ref_or_null (sm_map_get_extra (result));
      sm_command_group_add (group, SM_COMMAND (file_command));
    }

  return g_steal_pointer (&group);
}

JsonNode *
sm_merge_to_json (SmMerge *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      SmMergeConflict *c = g_ptr_array_index (self->conflicts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, sm_diff_kind_to_string (c->kind));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, c->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, c->name);
      json_builder_set_member_name (builder, "path");
      if (c->path != NULL)
        json_builder_add_string_value (builder, c->path);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "base");
      json_builder_add_value (builder, _sm_compare_node_or_null (c->base));
      json_builder_set_member_name (builder, "ours");
      json_builder_add_value (builder, _sm_compare_node_or_null (c->ours));
      json_builder_set_member_name (builder, "theirs");
      json_builder_add_value (builder, _sm_compare_node_or_null (c->theirs));
      json_builder_set_member_name (builder, "move");
      json_builder_add_boolean_value (builder, sm_merge_conflict_is_move (c));
      json_builder_set_member_name (builder, "kept");
      json_builder_add_string_value (builder, c->choice == SM_MERGE_CHOICE_THEIRS ? "theirs" : "ours");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

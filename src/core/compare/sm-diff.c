/* sm-diff.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-compare-private.h"
#include "sm-diff.h"
#include "sm-json.h"
#include "sm-map-private.h"

struct _SmDiffField
{
  char     *path;
  JsonNode *old_value; /* NULL: absent */
  JsonNode *new_value; /* NULL: absent */
};

struct _SmDiffEntry
{
  SmDiffKind   kind;
  SmDiffChange change;
  char        *id;
  char        *name;
  GPtrArray   *fields; /* SmDiffField, sorted by path */
};

struct _SmDiff
{
  GPtrArray *entries;
  guint      moved[SM_DIFF_N_KINDS];
};

static void
sm_diff_field_free (SmDiffField *field)
{
  g_free (field->path);
  g_clear_pointer (&field->old_value, json_node_unref);
  g_clear_pointer (&field->new_value, json_node_unref);
  g_free (field);
}

static void
sm_diff_entry_free (SmDiffEntry *entry)
{
  g_free (entry->id);
  g_free (entry->name);
  g_ptr_array_unref (entry->fields);
  g_free (entry);
}

void
sm_diff_free (SmDiff *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->entries);
  g_free (self);
}

gboolean
_sm_compare_values_equal (JsonNode *a,
                          JsonNode *b)
{
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType    ta = json_node_get_value_type (a);
      GType    tb = json_node_get_value_type (b);
      gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
      gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

      if (na && nb)
        return json_node_get_double (a) == json_node_get_double (b);
    }
  if (JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *aa = json_node_get_array (a);
      JsonArray *ab = json_node_get_array (b);
      guint      n = json_array_get_length (aa);

      if (n != json_array_get_length (ab))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!_sm_compare_values_equal (json_array_get_element (aa, i), json_array_get_element (ab, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    {
      JsonObject *oa = json_node_get_object (a);
      JsonObject *ob = json_node_get_object (b);
      g_autoptr(GList) members = NULL;

      if (json_object_get_size (oa) != json_object_get_size (ob))
        return FALSE;
      members = json_object_get_members (oa);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *other = json_object_get_member (ob, l->data);

          if (other == NULL || !_sm_compare_values_equal (json_object_get_member (oa, l->data), other))
            return FALSE;
        }
      return TRUE;
    }
  return json_node_equal (a, b);
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? sm_json_deep_copy (node) : NULL;
}

static void
add_field (GPtrArray  *fields,
           const char *path,
           JsonNode   *old_value,
           JsonNode   *new_value)
{
  SmDiffField *field = g_new0 (SmDiffField, 1);

  field->path = g_strdup (path);
  field->old_value = copy_or_null (old_value);
  field->new_value = copy_or_null (new_value);
  g_ptr_array_add (fields, field);
}

/* Every member name of @a and @b, each once. */
static GPtrArray *
member_union (JsonObject *a,
              JsonObject *b)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *objects[2] = { a, b };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GList) members = objects[i] != NULL ? json_object_get_members (objects[i]) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (seen, l->data))
          g_ptr_array_add (names, l->data);
    }
  return names;
}

/* Nested objects are compared member by member ("power.holder"); anything
 * else, arrays included, as one value. */
static void
compare_objects (GPtrArray  *fields,
                 const char *prefix,
                 JsonObject *a,
                 JsonObject *b)
{
  g_autoptr(GPtrArray) names = member_union (a, b);

  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      JsonNode        *va = a != NULL ? json_object_get_member (a, name) : NULL;
      JsonNode        *vb = b != NULL ? json_object_get_member (b, name) : NULL;
      g_autofree char *path = prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);

      if (prefix == NULL && strcmp (name, "id") == 0)
        continue;
      if (va != NULL && vb != NULL && _sm_compare_values_equal (va, vb))
        continue;
      if ((va == NULL || JSON_NODE_HOLDS_OBJECT (va)) && (vb == NULL || JSON_NODE_HOLDS_OBJECT (vb)))
        compare_objects (fields, path, va != NULL ? json_node_get_object (va) : NULL,
                         vb != NULL ? json_node_get_object (vb) : NULL);
      else
        add_field (fields, path, va, vb);
    }
}

static int
compare_field_paths (gconstpointer a,
                     gconstpointer b)
{
  const SmDiffField *fa = *(SmDiffField **) a;
  const SmDiffField *fb = *(SmDiffField **) b;

  return strcmp (fa->path, fb->path);
}

static SmDiffEntry *
entry_new (SmDiffKind   kind,
           SmDiffChange change,
           const char  *id,
           const char  *name)
{
  SmDiffEntry *entry = g_new0 (SmDiffEntry, 1);

  entry->kind = kind;
  entry->change = change;
  entry->id = g_strdup (id != NULL ? id : "");
  entry->name = g_strdup (name != NULL && *name != '\0' ? name : entry->id);
  entry->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_diff_field_free);
  return entry;
}

static const char *
stakeholder_name (SmMap      *map,
                  const char *id)
{
  SmRecord *record = id != NULL ? sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id) : NULL;

  return record != NULL ? sm_record_get_label (record) : id != NULL ? id
                                                                    : "?";
}

char *
_sm_compare_record_name (SmMap    *map,
                         SmRecord *record)
{
  if (sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP)
    return g_strdup_printf ("%s → %s", stakeholder_name (map, sm_relationship_get_source (record)),
                            stakeholder_name (map, sm_relationship_get_target (record)));
  return g_strdup (sm_record_get_label (record));
}

static gboolean
moves (SmRecordKind kind)
{
  return kind == SM_RECORD_STAKEHOLDER || kind == SM_RECORD_ANNOTATION || kind == SM_RECORD_REGION;
}

/* Takes x and y out of @fields; TRUE when either was there. */
static gboolean
take_position (GPtrArray *fields)
{
  gboolean moved = FALSE;

  for (guint i = fields->len; i > 0; i--)
    {
      SmDiffField *field = g_ptr_array_index (fields, i - 1);

      if (strcmp (field->path, "x") == 0 || strcmp (field->path, "y") == 0)
        {
          g_ptr_array_remove_index (fields, i - 1);
          moved = TRUE;
        }
    }
  return moved;
}

static void
compare_collection (SmDiff      *self,
                    SmMap       *a,
                    SmMap       *b,
                    SmRecordKind kind)
{
  SmCollection *ca = sm_map_get_collection (a, kind);
  SmCollection *cb = sm_map_get_collection (b, kind);
  guint         na = sm_collection_get_size (ca);
  guint         nb = sm_collection_get_size (cb);

  for (guint i = 0; i < nb; i++)
    {
      SmRecord        *rb = sm_collection_get (cb, i);
      const char      *id = sm_record_get_id (rb);
      SmRecord        *ra = sm_map_lookup_kind (a, kind, id);
      g_autofree char *name = _sm_compare_record_name (b, rb);
      SmDiffEntry     *entry;

      if (ra == NULL)
        {
          g_ptr_array_add (self->entries, entry_new ((SmDiffKind) kind, SM_DIFF_ADDED, id, name));
          continue;
        }
      g_autoptr(JsonObject) da = sm_record_dup_data (ra);
      g_autoptr(JsonObject) db = sm_record_dup_data (rb);

      entry = entry_new ((SmDiffKind) kind, SM_DIFF_CHANGED, id, name);
      compare_objects (entry->fields, NULL, da, db);
      if (moves (kind) && take_position (entry->fields))
        self->moved[kind]++;
      if (entry->fields->len == 0)
        {
          sm_diff_entry_free (entry);
          continue;
        }
      g_ptr_array_sort (entry->fields, compare_field_paths);
      g_ptr_array_add (self->entries, entry);
    }

  for (guint i = 0; i < na; i++)
    {
      SmRecord   *ra = sm_collection_get (ca, i);
      const char *id = sm_record_get_id (ra);

      if (sm_map_lookup_kind (b, kind, id) == NULL)
        {
          g_autofree char *name = _sm_compare_record_name (a, ra);

          g_ptr_array_add (self->entries, entry_new ((SmDiffKind) kind, SM_DIFF_REMOVED, id, name));
        }
    }
}

/* The evaluation's members other than its responses, or NULL. */
static JsonObject *
settings_of (SmMap *map)
{
  JsonObject    *evaluation = _sm_map_get_evaluation (map);
  JsonObject    *settings;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  if (evaluation == NULL)
    return NULL;
  settings = json_object_new ();
  json_object_iter_init (&iter, evaluation);
  while (json_object_iter_next (&iter, &name, &member))
    if (strcmp (name, "responses") != 0)
      json_object_set_member (settings, name, json_node_ref (member));
  return settings;
}

static void
compare_map (SmDiff *self,
             SmMap  *a,
             SmMap  *b)
{
  SmRecord    *ma = sm_map_get_metadata (a);
  SmRecord    *mb = sm_map_get_metadata (b);
  SmDiffEntry *entry = entry_new (SM_DIFF_KIND_MAP, SM_DIFF_CHANGED, "map", sm_map_get_title (b));

  g_autoptr(JsonObject) da = sm_record_dup_data (ma);
  g_autoptr(JsonObject) db = sm_record_dup_data (mb);

  compare_objects (entry->fields, NULL, da, db);
  /* The group's evaluation settings (thresholds, their log, snapshots:
   * the responses are listed on their own) and members of the file this
   * version does not know, under the map's details. */
  {
    g_autoptr(JsonObject) ea = settings_of (a);
    g_autoptr(JsonObject) eb = settings_of (b);

    compare_objects (entry->fields, "evaluation", ea, eb);
  }
  compare_objects (entry->fields, "$", sm_map_get_extra (a), sm_map_get_extra (b));
  if (entry->fields->len == 0)
    {
      sm_diff_entry_free (entry);
      return;
    }
  g_ptr_array_sort (entry->fields, compare_field_paths);
  g_ptr_array_add (self->entries, entry);
}

/* The objects of the evaluation's "responses" that have an id. */
static GPtrArray *
responses_of (SmMap *map)
{
  GPtrArray  *responses = g_ptr_array_new ();
  JsonObject *evaluation = _sm_map_get_evaluation (map);
  JsonNode   *node = evaluation != NULL ? json_object_get_member (evaluation, "responses") : NULL;
  JsonArray  *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return responses;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          json_object_get_string_member_with_default (json_node_get_object (element), "id", NULL) != NULL)
        g_ptr_array_add (responses, json_node_get_object (element));
    }
  return responses;
}

static JsonObject *
find_response (GPtrArray  *responses,
               const char *id)
{
  for (guint i = 0; i < responses->len; i++)
    {
      JsonObject *response = g_ptr_array_index (responses, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (response, "id", NULL), id) == 0)
        return response;
    }
  return NULL;
}

static const char *
response_id (JsonObject *response)
{
  return json_object_get_string_member_with_default (response, "id", NULL);
}

JsonNode *
_sm_compare_node_or_null (JsonNode *node)
{
  return node != NULL ? sm_json_deep_copy (node) : json_node_new (JSON_NODE_NULL);
}

char *
_sm_compare_response_name (JsonObject *response)
{
  const char *rule = json_object_get_string_member_with_default (response, "rule", NULL);
  const char *kind = json_object_get_string_member_with_default (response, "kind", NULL);

  if (rule == NULL)
    return g_strdup (response_id (response));
  return kind != NULL ? g_strdup_printf ("%s, %s", rule, kind) : g_strdup (rule);
}

static void
compare_responses (SmDiff *self,
                   SmMap  *a,
                   SmMap  *b)
{
  g_autoptr(GPtrArray) ra = responses_of (a);
  g_autoptr(GPtrArray) rb = responses_of (b);

  for (guint i = 0; i < rb->len; i++)
    {
      JsonObject      *nb = g_ptr_array_index (rb, i);
      JsonObject      *na = find_response (ra, response_id (nb));
      g_autofree char *name = _sm_compare_response_name (nb);
      SmDiffEntry     *entry;

      if (na == NULL)
        {
          g_ptr_array_add (self->entries, entry_new (SM_DIFF_KIND_RESPONSE, SM_DIFF_ADDED, response_id (nb), name));
          continue;
        }
      entry = entry_new (SM_DIFF_KIND_RESPONSE, SM_DIFF_CHANGED, response_id (nb), name);
      compare_objects (entry->fields, NULL, na, nb);
      if (entry->fields->len == 0)
        {
          sm_diff_entry_free (entry);
          continue;
        }
      g_ptr_array_sort (entry->fields, compare_field_paths);
      g_ptr_array_add (self->entries, entry);
    }
  for (guint i = 0; i < ra->len; i++)
    {
      JsonObject *na = g_ptr_array_index (ra, i);

      if (find_response (rb, response_id (na)) == NULL)
        {
          g_autofree char *name = _sm_compare_response_name (na);

          g_ptr_array_add (self->entries, entry_new (SM_DIFF_KIND_RESPONSE, SM_DIFF_REMOVED, response_id (na), name));
        }
    }
}

/**
 * sm_diff_new:
 * @a: the earlier version
 * @b: the later version
 *
 * Returns: (transfer full): what changed from @a to @b
 */
SmDiff *
sm_diff_new (SmMap *a,
             SmMap *b)
{
  SmDiff *self;

  g_return_val_if_fail (SM_IS_MAP (a), NULL);
  g_return_val_if_fail (SM_IS_MAP (b), NULL);

  self = g_new0 (SmDiff, 1);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_diff_entry_free);
  compare_map (self, a, b);
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    compare_collection (self, a, b, kind);
  compare_responses (self, a, b);
  return self;
}

gboolean
sm_diff_is_empty (SmDiff *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->entries->len > 0)
    return FALSE;
  for (guint i = 0; i < SM_DIFF_N_KINDS; i++)
    if (self->moved[i] > 0)
      return FALSE;
  return TRUE;
}

guint
sm_diff_get_n_entries (SmDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

SmDiffEntry *
sm_diff_get_entry (SmDiff *self,
                   guint   position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

guint
sm_diff_get_n_moved (SmDiff    *self,
                     SmDiffKind kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind < SM_DIFF_N_KINDS, 0);

  return self->moved[kind];
}

SmDiffKind
sm_diff_entry_get_kind (SmDiffEntry *entry)
{
  return entry->kind;
}

const char *
sm_diff_entry_get_id (SmDiffEntry *entry)
{
  return entry->id;
}

SmDiffChange
sm_diff_entry_get_change (SmDiffEntry *entry)
{
  return entry->change;
}

const char *
sm_diff_entry_get_name (SmDiffEntry *entry)
{
  return entry->name;
}

guint
sm_diff_entry_get_n_fields (SmDiffEntry *entry)
{
  return entry->fields->len;
}

SmDiffField *
sm_diff_entry_get_field (SmDiffEntry *entry,
                         guint        position)
{
  g_return_val_if_fail (position < entry->fields->len, NULL);

  return g_ptr_array_index (entry->fields, position);
}

const char *
sm_diff_field_get_path (SmDiffField *field)
{
  return field->path;
}

JsonNode *
sm_diff_field_get_old (SmDiffField *field)
{
  return field->old_value;
}

JsonNode *
sm_diff_field_get_new (SmDiffField *field)
{
  return field->new_value;
}

const char *
sm_diff_kind_to_string (SmDiffKind kind)
{
  static const char *const names[SM_DIFF_N_KINDS] = {
    "map",
    "stakeholder",
    "relationship",
    "space",
    "decision",
    "affected_group",
    "annotation",
    "region",
    "response",
  };

  g_return_val_if_fail (kind < SM_DIFF_N_KINDS, "");
  return names[kind];
}

/* The kind in words, for people: "stakeholder", or with @capital
 * "Stakeholder", translated. */
const char *
sm_diff_kind_get_label (SmDiffKind kind,
                        gboolean   capital)
{
  static const char *const lower[SM_DIFF_N_KINDS] = {
    N_ ("map"),
    N_ ("stakeholder"),
    N_ ("relationship"),
    N_ ("space"),
    N_ ("decision"),
    N_ ("affected group"),
    N_ ("note"),
    N_ ("region"),
    N_ ("response"),
  };
  static const char *const upper[SM_DIFF_N_KINDS] = {
    N_ ("Map"),
    N_ ("Stakeholder"),
    N_ ("Relationship"),
    N_ ("Space"),
    N_ ("Decision"),
    N_ ("Affected group"),
    N_ ("Note"),
    N_ ("Region"),
    N_ ("Response"),
  };

  g_return_val_if_fail (kind < SM_DIFF_N_KINDS, "");
  return _ (capital ? upper[kind] : lower[kind]);
}

/* A change in words, one whole phrase per kind and change for the
 * translators: "Stakeholder added", translated. */
const char *
sm_diff_kind_get_change_label (SmDiffKind   kind,
                               SmDiffChange change)
{
  static const char *const labels[SM_DIFF_N_KINDS][3] = {
    /* TRANSLATORS: what happened to a record between two versions of a map,
     * in Compare's list: the map's own details were added (never shown),
     * removed (never shown) or changed */
    { N_ ("Map added"), N_ ("Map removed"), N_ ("Map changed") },
    { N_ ("Stakeholder added"), N_ ("Stakeholder removed"), N_ ("Stakeholder changed") },
    { N_ ("Relationship added"), N_ ("Relationship removed"), N_ ("Relationship changed") },
    { N_ ("Space added"), N_ ("Space removed"), N_ ("Space changed") },
    { N_ ("Decision added"), N_ ("Decision removed"), N_ ("Decision changed") },
    { N_ ("Affected group added"), N_ ("Affected group removed"), N_ ("Affected group changed") },
    { N_ ("Note added"), N_ ("Note removed"), N_ ("Note changed") },
    { N_ ("Region added"), N_ ("Region removed"), N_ ("Region changed") },
    { N_ ("Response added"), N_ ("Response removed"), N_ ("Response changed") },
  };

  g_return_val_if_fail (kind < SM_DIFF_N_KINDS, "");
  g_return_val_if_fail (change <= SM_DIFF_CHANGED, "");
  return _ (labels[kind][change]);
}

const char *
sm_diff_change_to_string (SmDiffChange change)
{
  static const char *const names[] = { "added", "removed", "changed" };

  g_return_val_if_fail (change <= SM_DIFF_CHANGED, "");
  return names[change];
}

JsonNode *
sm_diff_to_json (SmDiff *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      SmDiffEntry *entry = g_ptr_array_index (self->entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, sm_diff_kind_to_string (entry->kind));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, entry->id);
      json_builder_set_member_name (builder, "change");
      json_builder_add_string_value (builder, sm_diff_change_to_string (entry->change));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->name);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint f = 0; f < entry->fields->len; f++)
        {
          SmDiffField *field = g_ptr_array_index (entry->fields, f);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, field->path);
          json_builder_set_member_name (builder, "old");
          json_builder_add_value (builder, _sm_compare_node_or_null (field->old_value));
          json_builder_set_member_name (builder, "new");
          json_builder_add_value (builder, _sm_compare_node_or_null (field->new_value));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "moved");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stakeholders");
  json_builder_add_int_value (builder, self->moved[SM_DIFF_KIND_STAKEHOLDER]);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, self->moved[SM_DIFF_KIND_ANNOTATION]);
  json_builder_set_member_name (builder, "regions");
  json_builder_add_int_value (builder, self->moved[SM_DIFF_KIND_REGION]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

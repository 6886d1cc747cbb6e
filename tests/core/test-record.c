/* test-record.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-format.h"
#include "sm-history.h"
#include "sm-json.h"
#include "sm-map-private.h"
#include "sm-test-utils.h"

/* A record keeps its members in typed form (sm-record.c). These tests hold
 * it to the JSON it was made from: what the typed getters read, what is
 * written back, and what edits and undo leave, always compared with the
 * straightforward answer computed on the JSON itself. */

#define N_SEEDS 6

static const char *const strings[] = {
  "",
  "Ann",
  "unknown",
  "other",
  "Line one\nline two",
  "tab\there",
  "quote \" and \\",
  "Café ☕",
  "\x7f del",
  "carer",
  "s1",
  "a.b",
};

static char *
random_snake (GRand *rand)
{
  static const char *const words[] = { "time_traveller", "zeta", "new_kind", "x1" };

  return g_strdup (words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
}

static JsonNode *
random_scalar (GRand *rand)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      json_node_set_int (node, g_rand_int_range (rand, -5, 12));
      break;
    case 1:
      json_node_set_double (node, g_rand_double_range (rand, -6000, 6000));
      break;
    case 2:
      json_node_set_double (node, g_rand_int_range (rand, 0, 10)); /* 3.0: stays a double */
      break;
    case 3:
      json_node_set_boolean (node, g_rand_boolean (rand));
      break;
    case 4:
      json_node_unref (node);
      return json_node_new (JSON_NODE_NULL);
    default:
      json_node_set_string (node, strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
    }
  return node;
}

static JsonNode *random_object (GRand         *rand,
                                const SmField *fields,
                                gboolean       unknowns);

/* A value for @field: mostly of its type, sometimes of another, as a
 * record built in code or by an importer may hold. */
static JsonNode *
random_value (GRand         *rand,
              const SmField *field)
{
  JsonNode *node;

  if (g_rand_int_range (rand, 0, 8) == 0)
    return random_scalar (rand);

  switch (field->type)
    {
    case SM_FIELD_ENUM:
      node = json_node_new (JSON_NODE_VALUE);
      if (field->values != NULL && g_rand_boolean (rand))
        {
          guint n = g_strv_length ((GStrv) field->values);

          json_node_set_string (node, field->values[g_rand_int_range (rand, 0, n)]);
        }
      else
        {
          g_autofree char *word = random_snake (rand);

          json_node_set_string (node, g_rand_boolean (rand) ? word : "unknown");
        }
      return node;

    case SM_FIELD_ENUM_LIST:
    case SM_FIELD_STRING_LIST:
    case SM_FIELD_REF_LIST:
      {
        JsonArray *array = json_array_new ();
        guint      n = g_rand_int_range (rand, 0, 4);

        for (guint i = 0; i < n; i++)
          {
            if (field->values != NULL)
              json_array_add_string_element (array, field->values[0]);
            else
              json_array_add_string_element (array, strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
          }
        return json_node_init_array (json_node_alloc (), array);
      }

    case SM_FIELD_OBJECT:
      if (field->children == NULL)
        {
          JsonObject *object = json_object_new ();

          json_object_set_int_member (object, "min_influence", g_rand_int_range (rand, 0, 10));
          return json_node_init_object (json_node_alloc (), object);
        }
      /* Sometimes with a member this version does not know inside. */
      return random_object (rand, field->children, g_rand_int_range (rand, 0, 3) == 0);

    case SM_FIELD_OBJECT_LIST:
      {
        JsonArray *array = json_array_new ();
        guint      n = g_rand_int_range (rand, 0, 3);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, random_object (rand, field->children, g_rand_boolean (rand)));
        return json_node_init_array (json_node_alloc (), array);
      }

    case SM_FIELD_ENUM_MAP:
    case SM_FIELD_LEVEL_MAP:
      {
        JsonObject *object = json_object_new ();

        json_object_set_string_member (object, "g1", "supports");
        json_object_set_int_member (object, "design", 3);
        return json_node_init_object (json_node_alloc (), object);
      }

    case SM_FIELD_BOOLEAN:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_rand_boolean (rand));
      return node;

    case SM_FIELD_ID:
    case SM_FIELD_REF:
      node = json_node_new (JSON_NODE_VALUE);
      {
        g_autofree char *id = g_strdup_printf ("s%d", g_rand_int_range (rand, 0, 50));

        json_node_set_string (node, id);
      }
      return node;

    default:
      return random_scalar (rand);
    }
}

/* Every field of @fields (each present most of the time), in a shuffled
 * order, and members this version does not know among them. */
static JsonNode *
random_object (GRand         *rand,
               const SmField *fields,
               gboolean       unknowns)
{
  JsonObject       *object = json_object_new ();
  guint             n = sm_schema_count (fields);
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < n; i++)
    {
      if (unknowns && g_rand_int_range (rand, 0, 6) == 0)
        {
          g_autofree char *name = g_strdup_printf ("zz_unknown_%u", i);

          json_object_set_member (object, name, random_scalar (rand));
        }
      if (g_rand_int_range (rand, 0, 5) == 0)
        continue;
      json_object_set_member (object, fields[order[i]].name, random_value (rand, &fields[order[i]]));
    }
  if (unknowns)
    {
      JsonObject *nested = json_object_new ();

      json_object_set_string_member (nested, "keep", "me");
      json_object_set_member (object, "aura", json_node_init_object (json_node_alloc (), nested));
    }
  return json_node_init_object (json_node_alloc (), object);
}

static char *
json_text (JsonNode      *node,
           const SmField *fields,
           guint          indent)
{
  GString *out = g_string_new (NULL);

  sm_json_write (out, node, fields, indent);
  return g_string_free (out, FALSE);
}

static char *
record_text (SmRecord *record,
             guint     indent)
{
  GString *out = g_string_new (NULL);

  _sm_record_write (record, out, indent);
  return g_string_free (out, FALSE);
}

static char *
record_data_text (SmRecord *record)
{
  g_autoptr(JsonObject) data = sm_record_dup_data (record);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), data);

  return json_text (node, sm_schema_get_fields (sm_record_get_kind (record)), 2);
}

/* The straightforward reading of "a.b.c" in JSON. */
static JsonNode *
json_at (JsonObject *object,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;
      node = json_object_get_member (object, parts[i]);
      if (node == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static gboolean
json_number (JsonNode *node,
             double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* Every path the record's getters are asked about: each field, each
 * child of an object field, and a few that are not there. */
static GPtrArray *
paths_of (SmRecordKind kind)
{
  GPtrArray     *paths = g_ptr_array_new_with_free_func (g_free);
  const SmField *fields = sm_schema_get_fields (kind);

  for (const SmField *f = fields; f->name != NULL; f++)
    {
      g_ptr_array_add (paths, g_strdup (f->name));
      if (f->type == SM_FIELD_OBJECT && f->children != NULL)
        for (const SmField *c = f->children; c->name != NULL; c++)
          g_ptr_array_add (paths, g_strconcat (f->name, ".", c->name, NULL));
      g_ptr_array_add (paths, g_strconcat (f->name, ".zz_unknown_1", NULL));
    }
  g_ptr_array_add (paths, g_strdup ("aura"));
  g_ptr_array_add (paths, g_strdup ("aura.keep"));
  g_ptr_array_add (paths, g_strdup ("zz_unknown_3"));
  g_ptr_array_add (paths, g_strdup ("nothing"));
  return paths;
}

static void
assert_getters_match (SmRecord   *record,
                      JsonObject *object)
{
  g_autoptr(GPtrArray) paths = paths_of (sm_record_get_kind (record));

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      JsonNode   *node = json_at (object, path);
      const char *expected_string = NULL;
      double      number = 0;
      gboolean    is_number = json_number (node, &number);
      g_autoptr(JsonNode) value = sm_record_dup_value (record, path);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        expected_string = json_node_get_string (node);

      g_assert_cmpint (sm_record_has_value (record, path), ==, node != NULL);
      g_assert_cmpstr (sm_record_get_string (record, path), ==, expected_string);
      g_assert_cmpfloat (sm_record_get_number (record, path, -12345.0), ==, is_number ? number : -12345.0);
      g_assert_cmpfloat (sm_record_get_score (record, path), ==, is_number ? number : SM_UNKNOWN);
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_assert_cmpint (sm_record_get_boolean (record, path), ==,
                         json_node_get_boolean (node) ? SM_TRISTATE_TRUE : SM_TRISTATE_FALSE);
      else if (node != NULL)
        g_assert_cmpint (sm_record_get_boolean (record, path), ==, SM_TRISTATE_UNKNOWN);
      if (node == NULL)
        g_assert_null (value);
      else
        {
          g_assert_nonnull (value);
          g_assert_true (json_node_equal (value, node));
          /* int stays int, double stays double */
          if (JSON_NODE_HOLDS_VALUE (node))
            g_assert_cmpint (json_node_get_value_type (value), ==, json_node_get_value_type (node));
        }
    }
}

/* Typed getters read what the JSON said, and the record is written back
 * exactly as the JSON writer writes the object it came from. */
static void
test_typed_matches_json (void)
{
  for (guint seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      for (SmRecordKind kind = SM_RECORD_MAP; kind <= SM_RECORD_LAST; kind++)
        for (guint round = 0; round < 20; round++)
          {
            const SmField *fields = sm_schema_get_fields (kind);
            g_autoptr(JsonNode) node = random_object (rand, fields, round % 2 == 0);
            g_autoptr(SmRecord) record = sm_record_new (kind, json_node_get_object (node));
            g_autoptr(SmRecord) copy = _sm_record_copy (record);
            g_autofree char *expected = json_text (node, fields, 2);
            g_autofree char *written = record_text (record, 2);
            g_autofree char *copied = record_text (copy, 2);
            g_autofree char *viewed = record_data_text (record);

            g_assert_cmpstr (written, ==, expected);
            g_assert_cmpstr (copied, ==, expected);
            g_assert_cmpstr (viewed, ==, expected);
            assert_getters_match (record, json_node_get_object (node));
          }
    }
}

/* A borrowed value of a typed member turns it back into JSON in place:
 * reading it so changes nothing the record says or writes. */
static void
test_get_value_keeps_record (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 40; round++)
    {
      const SmField *fields = sm_schema_get_fields (SM_RECORD_STAKEHOLDER);
      g_autoptr(JsonNode) node = random_object (rand, fields, TRUE);
      g_autoptr(SmRecord) record = sm_record_new (SM_RECORD_STAKEHOLDER, json_node_get_object (node));
      g_autofree char *expected = json_text (node, fields, 2);
      g_autoptr(GPtrArray) paths = paths_of (SM_RECORD_STAKEHOLDER);
      g_autofree char *written = NULL;

      for (guint i = 0; i < paths->len; i++)
        {
          const char *path = g_ptr_array_index (paths, i);
          JsonNode   *want = json_at (json_node_get_object (node), path);
          JsonNode   *got = sm_record_get_value (record, path);

          if (want == NULL)
            g_assert_null (got);
          else
            g_assert_true (got != NULL && json_node_equal (got, want));
        }
      written = record_text (record, 2);
      g_assert_cmpstr (written, ==, expected);
      assert_getters_match (record, json_node_get_object (node));
    }
}

/* Sets @path in @object as a set-value command does: the objects on the
 * way are made, even to remove a member. */
static void
json_set_path (JsonObject *object,
               const char *path,
               JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          json_object_set_object_member (object, parts[i], json_object_new ());
          child = json_object_get_member (object, parts[i]);
        }
      object = json_node_get_object (child);
    }
  if (value != NULL)
    json_object_set_member (object, parts[n - 1], sm_json_deep_copy (value));
  else if (json_object_has_member (object, parts[n - 1]))
    json_object_remove_member (object, parts[n - 1]);
}

/* Random edits of random members, each compared with the same edit made
 * on the JSON; undoing them all gives back the saved file byte for byte. */
static void
test_edits_and_undo (void)
{
  for (guint seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 7);
      g_autoptr(GBytes) file = NULL;
      g_autoptr(SmMap) map = NULL;
      g_autoptr(SmHistory) history = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GPtrArray) paths = paths_of (SM_RECORD_STAKEHOLDER);
      g_autoptr(GString) text = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, \"map\": {\"title\": \"T\"}, "
                                               "\"stakeholders\": [");
      g_autoptr(GError) error = NULL;
      guint n_edits = 0;

      for (guint i = 0; i < 6; i++)
        g_string_append_printf (text,
                                "%s{\"id\": \"s%u\", \"name\": \"P%u\", \"aura\": {\"keep\": \"me\"}, "
                                "\"lived_experience\": {\"relevant\": true, \"zz\": 1}, "
                                "\"remuneration\": {\"time_paid\": \"fee\"}, \"x\": %u.5, \"y\": 2, \"kind\": \"carer\"}",
                                i > 0 ? ", " : "", i, i, i);
      g_string_append (text, "], \"relationships\": [], \"future\": [1, 2]}");
      file = g_bytes_new (text->str, text->len);
      map = sm_format_load_bytes (file, &error);
      g_assert_no_error (error);
      history = sm_history_new (map);
      before = sm_format_save_to_bytes (map);

      for (guint round = 0; round < 60; round++)
        {
          SmCollection *people = sm_map_get_stakeholders (map);
          SmRecord     *record = sm_collection_get (people, g_rand_int_range (rand, 0, sm_collection_get_size (people)));
          const char   *path = g_ptr_array_index (paths, g_rand_int_range (rand, 0, paths->len));
          g_autoptr(JsonObject) expected = sm_record_dup_data (record);
          g_autoptr(JsonNode) expected_node = NULL;
          g_autoptr(JsonNode) value = NULL;
          g_autofree char *want = NULL;
          g_autofree char *got = NULL;
          const SmField   *field = sm_schema_lookup_path (SM_RECORD_STAKEHOLDER, path);
          SmCommand       *command;

          /* Ids never change. */
          if (strcmp (path, "id") == 0 || g_str_has_prefix (path, "id."))
            continue;
          if (g_rand_int_range (rand, 0, 4) != 0)
            value = field != NULL ? random_value (rand, field) : random_scalar (rand);
          json_set_path (expected, path, value);
          command = sm_command_try_set_value (record, path, value, NULL);
          if (command == NULL)
            continue;
          sm_history_push (history, command);
          n_edits++;

          expected_node = json_node_init_object (json_node_alloc (), json_object_ref (expected));
          want = json_text (expected_node, sm_schema_get_fields (SM_RECORD_STAKEHOLDER), 2);
          got = record_text (record, 2);
          g_assert_cmpstr (got, ==, want);
          assert_getters_match (record, expected);
        }
      g_assert_cmpuint (n_edits, >, 10);

      while (sm_history_undo (history))
        ;
      after = sm_format_save_to_bytes (map);
      g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                       g_bytes_get_data (before, NULL), g_bytes_get_size (before));
    }
}

/* The worked example, which fills in most fields of every kind: each
 * record is written as the JSON writer writes its object, and loading and
 * saving again gives the same bytes. (Every field of every kind, with
 * values of every type, is covered by typed-matches-json.) */
static void
test_round_trip_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "neighbourhood-air.stakemap", NULL);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmMap) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  gsize       length;
  char       *text;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  original = g_bytes_new_take (text, length);
  map = sm_format_load_bytes (original, &error);
  g_assert_no_error (error);
  saved = sm_format_save_to_bytes (map);

  /* What the JSON writer makes of the same document. */
  root = sm_json_parse (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      JsonNode  *node = json_object_get_member (object, sm_schema_get_array_name (kind));
      JsonArray *array = node != NULL ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          g_autofree char *want = json_text (json_array_get_element (array, i), sm_schema_get_fields (kind), 2);
          SmRecord        *record = sm_collection_get (sm_map_get_collection (map, kind), i);
          g_autofree char *got = record_text (record, 2);

          g_assert_cmpstr (got, ==, want);
        }
    }

  reloaded = sm_format_load_bytes (saved, &error);
  g_assert_no_error (error);
  again = sm_format_save_to_bytes (reloaded);
  g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again),
                   g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
}

/* Members this version does not know, at every level of every kind,
 * written back where they were. */
static void
test_round_trip_unknown_members (void)
{
  for (guint seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 13);
      g_autoptr(GString) text = g_string_new ("{\n  \"format\": \"stakemap\",\n  \"version\": 1,\n  \"map\": ");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(SmMap) map = NULL;
      g_autoptr(GError) error = NULL;

      /* Well-formed values for every field, so the file loads; unknown
       * members at the top, inside objects and inside list elements. */
      {
        g_autoptr(JsonNode) meta = json_node_init_object (json_node_alloc (), json_object_new ());

        json_object_set_string_member (json_node_get_object (meta), "title", "T");
        json_object_set_int_member (json_node_get_object (meta), "zz_top", g_rand_int_range (rand, 0, 9));
        sm_json_write (text, meta, sm_schema_get_fields (SM_RECORD_MAP), 1);
      }
      for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
        {
          g_string_append_printf (text, ",\n  \"%s\": [", sm_schema_get_array_name (kind));
          for (guint i = 0; i < 3; i++)
            {
              g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json_object_new ());
              JsonObject      *o = json_node_get_object (node);
              g_autofree char *id = g_strdup_printf ("k%u_%u", kind, i);

              json_object_set_string_member (o, "id", id);
              if (kind == SM_RECORD_RELATIONSHIP)
                {
                  json_object_set_string_member (o, "source", "k1_0");
                  json_object_set_string_member (o, "target", i == 0 ? "k1_1" : "k1_2");
                  {
                    JsonObject *pd = json_object_new ();

                    json_object_set_string_member (pd, "holder", "source");
                    json_object_set_double_member (pd, "zz_inner", g_rand_double (rand));
                    json_object_set_object_member (o, "power_difference", pd);
                  }
                }
              if (kind == SM_RECORD_STAKEHOLDER)
                {
                  JsonObject *le = json_object_new ();
                  JsonArray  *assets = json_array_new ();
                  JsonObject *asset = json_object_new ();

                  json_object_set_string_member (o, "name", "Ann");
                  json_object_set_boolean_member (le, "relevant", TRUE);
                  if (i == 1)
                    json_object_set_string_member (le, "zz_inner", "kept");
                  json_object_set_object_member (o, "lived_experience", le);
                  json_object_set_object_member (o, "remuneration", json_object_new ());
                  json_object_set_string_member (asset, "type", "time");
                  json_object_set_string_member (asset, "zz_in_list", "kept");
                  json_array_add_object_element (assets, asset);
                  json_object_set_array_member (o, "assets", assets);
                  json_object_set_double_member (o, "x", g_rand_double_range (rand, -10, 10));
                  json_object_set_int_member (o, "y", g_rand_int_range (rand, -10, 10));
                }
              json_object_set_string_member (o, "zz_top", "kept");
              json_object_set_null_member (o, "zz_null");
              g_string_append (text, i == 0 ? "\n    " : ",\n    ");
              sm_json_write (text, node, sm_schema_get_fields (kind), 2);
            }
          g_string_append (text, "\n  ]");
        }
      g_string_append (text, ",\n  \"zz_file\": {\n    \"a\": [\n      1\n    ]\n  }\n}\n");

      bytes = g_bytes_new (text->str, text->len);
      map = sm_format_load_bytes (bytes, &error);
      g_assert_no_error (error);
      saved = sm_format_save_to_bytes (map);
      g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), text->str, text->len);
    }
}

static const char *
first_problem (GString *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(GPtrArray) problems = sm_format_check_bytes (bytes, NULL);
  static char *kept;

  g_assert_cmpuint (problems->len, >, 0);
  g_free (kept);
  kept = g_strdup (g_ptr_array_index (problems, 0));
  return kept;
}

/* Problems deep in a large file are told with the same path text as
 * always, though paths are now only written out for problems. */
static void
test_deep_problem_paths (void)
{
  static const struct
  {
    const char *member;  /* in stakeholder 1234 */
    const char *message; /* the whole first problem */
  } cases[] = {
    { "\"remuneration\": {\"time_paid\": 3}",
      "$.stakeholders[1234].remuneration.time_paid: expected one of salaried, fee, voucher_or_in_kind, declined, none, unknown" },
    { "\"goal_positions\": {\"odd key\": 5}",
      "$.stakeholders[1234].goal_positions[\"odd key\"]: expected one of supports, neutral, opposes, unknown" },
    { "\"goal_positions\": {\"q\\\"b\\\\\": 5}",
      "$.stakeholders[1234].goal_positions[\"q\\\"b\\\\\"]: expected one of supports, neutral, opposes, unknown" },
    { "\"assets\": [{\"type\": \"time\"}, {\"type\": 7}]",
      "$.stakeholders[1234].assets[1].type: expected one of lived_experience_knowledge, professional_expertise, skills, "
      "time, networks, local_knowledge, relationships, venue, money, data, authority, creativity, other" },
    { "\"id\": \"s3\"", "$.stakeholders[1234].id: the id \"s3\" is already used by $.stakeholders[3]; ids must be unique" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) text = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": [");

      for (guint i = 0; i < 2000; i++)
        {
          if (i == 1234 && g_str_has_prefix (cases[c].member, "\"id\""))
            g_string_append_printf (text, "%s{%s, \"name\": \"P\"}", i > 0 ? ", " : "", cases[c].member);
          else if (i == 1234)
            g_string_append_printf (text, "%s{\"id\": \"s%u\", \"name\": \"P\", %s}", i > 0 ? ", " : "", i, cases[c].member);
          else
            g_string_append_printf (text, "%s{\"id\": \"s%u\", \"name\": \"P\", \"x\": %u}", i > 0 ? ", " : "", i, i);
        }
      g_string_append (text, "], \"relationships\": [");
      for (guint i = 0; i < 1999; i++)
        g_string_append_printf (text, "%s{\"id\": \"r%u\", \"source\": \"s%u\", \"target\": \"s%u\"}",
                                i > 0 ? ", " : "", i, i, i + 1);
      g_string_append (text, "]}");
      g_assert_cmpstr (first_problem (text), ==, cases[c].message);
    }

  /* A dangling reference, told after every id is known. */
  {
    g_autoptr(GString) text = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": [");

    for (guint i = 0; i < 2000; i++)
      g_string_append_printf (text, "%s{\"id\": \"s%u\", \"name\": \"P\"}", i > 0 ? ", " : "", i);
    g_string_append (text, "], \"relationships\": [");
    for (guint i = 0; i < 1999; i++)
      g_string_append_printf (text, "%s{\"id\": \"r%u\", \"source\": \"s%u\", \"target\": \"%s\"}",
                              i > 0 ? ", " : "", i, i, i == 1500 ? "nobody" : "s0");
    g_string_append (text, "], \"decisions\": [{\"id\": \"d\", \"title\": \"T\", \"decided_by\": [\"s1\", \"ghost\"]}]}");
    g_assert_cmpstr (first_problem (text), ==, "$.relationships[0].target: a relationship cannot link “P” to itself");
  }
  {
    g_autoptr(GString) text = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": [");

    for (guint i = 0; i < 2000; i++)
      g_string_append_printf (text, "%s{\"id\": \"s%u\", \"name\": \"P\"}", i > 0 ? ", " : "", i);
    g_string_append (text, "], \"relationships\": [");
    for (guint i = 0; i < 1999; i++)
      g_string_append_printf (text, "%s{\"id\": \"r%u\", \"source\": \"s%u\", \"target\": \"%s\"}",
                              i > 0 ? ", " : "", i, i + 1, i == 1500 ? "nobody" : "s0");
    g_string_append (text, "], \"decisions\": [{\"id\": \"d\", \"title\": \"T\", \"decided_by\": [\"s1\", \"ghost\"]}]}");
    g_assert_cmpstr (first_problem (text), ==, "$.relationships[1500].target: no stakeholder has the id \"nobody\"");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/record/typed-matches-json", test_typed_matches_json);
  g_test_add_func ("/core/record/get-value-keeps-record", test_get_value_keeps_record);
  g_test_add_func ("/core/record/edits-and-undo", test_edits_and_undo);
  g_test_add_func ("/core/record/round-trip-example", test_round_trip_example);
  g_test_add_func ("/core/record/round-trip-unknown-members", test_round_trip_unknown_members);
  g_test_add_func ("/core/record/deep-problem-paths", test_deep_problem_paths);

  return g_test_run ();
}

/* test-format-stream.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Project files are read as a stream, a chunk at a time, and checked
 * element by element. Whatever the chunks, a file must load to the same map
 * and give the same problems, in the same order, at the same lines and
 * columns, as when it is read whole and checked as one tree. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "sm-format-private.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-test-utils.h"

static GBytes *
example_bytes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "neighbourhood-air.stakemap", NULL);
  g_autofree char *text = sm_test_read_file (path);
  gsize            length = strlen (text);

  return g_bytes_new_take (g_steal_pointer (&text), length);
}

/* The old way: the whole file parsed to one tree, checked and built. */
static char *
load_whole_and_save (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(GBytes) saved = NULL;
  gsize       size = g_bytes_get_size (bytes);
  const char *data = g_bytes_get_data (bytes, NULL);

  root = sm_json_parse (data != NULL ? data : "", size, error);
  if (root == NULL)
    return NULL;
  map = sm_format_load_node (root, error);
  if (map == NULL)
    return NULL;
  saved = sm_format_save_to_bytes (map);
  return g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
}

static char *
load_stream_and_save (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, error);

  if (map == NULL)
    return NULL;
  return sm_test_save_to_string (map);
}

static char *
join_problems (GPtrArray *problems,
               guint      n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (problems, i));
  g_string_append_printf (out, "(%u in all)\n", n);
  return g_string_free (out, FALSE);
}

/* The problems of @bytes streamed in chunks of @chunk bytes, against the
 * check of the whole tree; and the map or the error of loading. */
static void
assert_same_as_whole (GBytes *bytes,
                      gsize   chunk)
{
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) streamed = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *streamed_text = NULL;
  g_autofree char *whole_saved = NULL;
  g_autofree char *streamed_saved = NULL;
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) streamed_error = NULL;
  guint n_whole = 0, n_streamed = 0;

  whole = _sm_format_check_bytes_whole (bytes, &n_whole);
  _sm_format_set_chunk_size (chunk);
  streamed = sm_format_check_bytes (bytes, &n_streamed);
  whole_text = join_problems (whole, n_whole);
  streamed_text = join_problems (streamed, n_streamed);
  g_assert_cmpstr (streamed_text, ==, whole_text);

  whole_saved = load_whole_and_save (bytes, &whole_error);
  streamed_saved = load_stream_and_save (bytes, &streamed_error);
  _sm_format_set_chunk_size (0);
  if (whole_saved == NULL)
    {
      g_assert_nonnull (streamed_error);
      g_assert_null (streamed_saved);
      g_assert_cmpstr (streamed_error->message, ==, whole_error->message);
      g_assert_cmpint (streamed_error->code, ==, whole_error->code);
    }
  else
    {
      g_assert_no_error (streamed_error);
      g_assert_cmpstr (streamed_saved, ==, whole_saved);
    }
}

static void
test_stream_every_boundary (void)
{
  g_autoptr(GBytes) bytes = example_bytes ();
  g_autofree char *whole = load_whole_and_save (bytes, NULL);

  g_assert_nonnull (whole);

  /* Chunks of one byte put a boundary everywhere: inside every name,
   * number, escape and multi-byte character, and between every token. */
  for (gsize chunk = 1; chunk <= 13; chunk++)
    assert_same_as_whole (bytes, chunk);
  assert_same_as_whole (bytes, 4096);
  assert_same_as_whole (bytes, 0);
}

static void
test_stream_every_boundary_bom (void)
{
  g_autoptr(GBytes) plain = example_bytes ();
  g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GBytes) bytes = NULL;

  g_string_append_len (text, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  bytes = g_bytes_new (text->str, text->len);
  for (gsize chunk = 1; chunk <= 4; chunk++)
    assert_same_as_whole (bytes, chunk);
}

/* A big file, one stakeholder a line, with @tail where the last one would
 * be; names with characters of two, three and four bytes, so columns are
 * counted in characters across chunk boundaries. */
static GString *
big_file (guint       n,
          const char *tail)
{
  GString *out = g_string_new ("{\n  \"format\": \"stakemap\",\n  \"version\": 1,\n  \"stakeholders\": [\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "    {\"id\": \"s%u\", \"name\": \"Siân Ŵ € 𝄞 %u\", \"kind\": \"citizen\"},\n",
                            i, i);
  g_string_append (out, tail);
  return out;
}

static void
test_stream_deep_syntax_error (void)
{
  struct
  {
    const char *tail;
    const char *message;
  } cases[] = {
    /* Line 2,005: four lines of header, then 2,000 stakeholders. */
    { "    {\"id\": \"é\", \"name\": \"Ŵ\" \"kind\": 1}\n  ]\n}\n",
      "line 2005, column 29: expected ',' or '}'" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\", \"name\": 1}\n  ]\n}\n",
      "line 2005, column 30: the member \"name\" appears twice" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\\q\"}\n  ]\n}\n", "line 2005, column 27: invalid escape sequence" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\"}\n  ]\n", "line 2007, column 1: unexpected end of file" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\"}\n  ]\n} x", "line 2007, column 3: unexpected text after the end of the document" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\n\"}\n  ]\n}\n",
      "line 2005, column 27: control character in a string (line breaks must be written \\n)" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\"}\n  ],\n  \"map\": {\"title\": \"\xC3\x28\"}\n}\n",
      "line 2007, column 21: the text is not valid UTF-8" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\"}\n  ]\n}\n\n\n   \0", "line 2010, column 4: the file contains a NUL byte; a project file is text" },
    { "    {\"id\": \"é\", \"name\": \"Ŵ\"}\n  ],\n  ]\n}\n", "line 2007, column 3: expected a member name in double quotes" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) text = big_file (2000, cases[c].tail);
      gsize length = text->len;
      g_autoptr(GBytes) bytes = NULL;

      /* The NUL case: the tail is cut at its NUL by C; put it back. */
      if (g_str_has_suffix (text->str, "\n\n\n   "))
        {
          g_string_append_c (text, '\0');
          length = text->len;
        }
      bytes = g_bytes_new (text->str, length);

      for (guint k = 0; k < 4; k++)
        {
          gsize chunk = (gsize[]) { 0, 1, 7, 1000 }[k];
          g_autoptr(GError) error = NULL;
          g_autoptr(SmMap) map = NULL;

          _sm_format_set_chunk_size (chunk);
          map = sm_format_load_bytes (bytes, &error);
          _sm_format_set_chunk_size (0);
          g_assert_null (map);
          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, ==, cases[c].message);
        }
      assert_same_as_whole (bytes, 3);
    }
}

/* Random files made from the example: members given wrong values or
 * dropped, ids repeated, references to no one, relationships to
 * themselves, elements that are not objects, members in another order, and
 * text cut short or with a wrong byte. */

static JsonNode *
random_value (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 9))
    {
    case 0:
      return json_node_init_string (json_node_alloc (), "zz");
    case 1:
      return json_node_init_int (json_node_alloc (), g_rand_int_range (rand, -3, 120));
    case 2:
      return json_node_init_double (json_node_alloc (), g_rand_double_range (rand, -1, 11));
    case 3:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case 4:
      return json_node_init_null (json_node_alloc ());
    case 5:
      return json_node_init_array (json_node_alloc (), json_array_new ());
    case 6:
      return json_node_init_object (json_node_alloc (), json_object_new ());
    case 7:
      return json_node_init_string (json_node_alloc (), "unknown");
    default:
      return json_node_init_string (json_node_alloc (), "amina");
    }
}

static JsonArray *
random_array (GRand      *rand,
              JsonObject *root,
              const char *name_out[1])
{
  static const char *const arrays[] = {
    "stakeholders", "relationships", "spaces", "decisions", "affected_groups", "annotations", "regions"
  };
  const char *name = arrays[g_rand_int_range (rand, 0, G_N_ELEMENTS (arrays))];
  JsonNode   *node = json_object_get_member (root, name);

  if (name_out != NULL)
    name_out[0] = name;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;
  return json_node_get_array (node);
}

static void
mutate (GRand      *rand,
        JsonObject *root)
{
  const char *name;
  JsonArray  *array = random_array (rand, root, &name);
  JsonObject *element = NULL;
  guint       n = array != NULL ? json_array_get_length (array) : 0;
  guint       at = n > 0 ? g_rand_int_range (rand, 0, n) : 0;

  if (n > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, at)))
    element = json_array_get_object_element (array, at);

  switch (g_rand_int_range (rand, 0, 12))
    {
    case 0:
    case 1:
      /* A member with a wrong value */
      if (element != NULL && json_object_get_size (element) > 0)
        {
          g_autoptr(GList) members = json_object_get_members (element);
          const char *member = g_list_nth_data (members, g_rand_int_range (rand, 0, g_list_length (members)));

          json_object_set_member (element, member, random_value (rand));
        }
      break;
    case 2:
      if (element != NULL && json_object_get_size (element) > 0)
        {
          g_autoptr(GList) members = json_object_get_members (element);
          const char *member = g_list_nth_data (members, g_rand_int_range (rand, 0, g_list_length (members)));

          json_object_remove_member (element, member);
        }
      break;
    case 3:
      /* An id used twice */
      if (element != NULL)
        json_object_set_string_member (element, "id", g_rand_boolean (rand) ? "amina" : "r01");
      break;
    case 4:
      /* A reference to no one, or to itself */
      {
        JsonNode *links = json_object_get_member (root, "relationships");

        if (links != NULL && JSON_NODE_HOLDS_ARRAY (links) && json_array_get_length (json_node_get_array (links)) > 0)
          {
            JsonArray *a = json_node_get_array (links);
            JsonNode  *link = json_array_get_element (a, g_rand_int_range (rand, 0, json_array_get_length (a)));

            if (JSON_NODE_HOLDS_OBJECT (link))
              json_object_set_string_member (json_node_get_object (link), g_rand_boolean (rand) ? "source" : "target",
                                             g_rand_boolean (rand) ? "nobody" : "amina");
          }
      }
      break;
    case 5:
      if (array != NULL)
        json_array_add_element (array, random_value (rand));
      break;
    case 6:
      if (element != NULL)
        json_object_set_member (element, "x_unknown_member", random_value (rand));
      break;
    case 7:
      if (g_rand_int_range (rand, 0, 4) == 0)
        json_object_set_member (root, g_rand_boolean (rand) ? "format" : "version", random_value (rand));
      else
        json_object_set_member (root, "extra_top", random_value (rand));
      break;
    case 8:
      json_object_set_member (root, name, random_value (rand));
      break;
    case 9:
      {
        JsonNode *map = json_object_get_member (root, "map");

        if (map != NULL && JSON_NODE_HOLDS_OBJECT (map))
          json_object_set_member (json_node_get_object (map), g_rand_boolean (rand) ? "title" : "goals",
                                  random_value (rand));
        else
          json_object_set_member (root, "map", random_value (rand));
      }
      break;
    case 10:
      {
        /* An evaluation member, good or not */
        g_autoptr(JsonParser) parser = json_parser_new ();
        const char *choices[] = {
          "{\"thresholds\": {\"x\": \"a\"}, \"responses\": [{\"id\": \"a\"}, {\"id\": \"a\", \"rule\": 1}]}",
          "{\"snapshots\": [{\"date\": \"2026-01-01\"}, {\"date\": \"2026-01-01\"}], \"threshold_log\": 3}",
          "{\"responses\": [{\"id\": \"r\", \"rule\": \"SP-01\", \"kind\": \"discuss\", \"text\": \"t\"}]}",
          "[1]",
        };

        g_assert_true (json_parser_load_from_data (parser, choices[g_rand_int_range (rand, 0, 4)], -1, NULL));
        json_object_set_member (root, "evaluation", json_node_copy (json_parser_get_root (parser)));
      }
      break;
    default:
      if (n > 0)
        json_array_remove_element (array, at);
      break;
    }
}

static JsonNode *
shuffled (GRand    *rand,
          JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(JsonObject) out = json_object_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (order, l->data);
  for (guint i = order->len; i > 1; i--)
    {
      guint    j = g_rand_int_range (rand, 0, i);
      gpointer t = order->pdata[i - 1];

      order->pdata[i - 1] = order->pdata[j];
      order->pdata[j] = t;
    }
  for (guint i = 0; i < order->len; i++)
    json_object_set_member (out, order->pdata[i], json_node_copy (json_object_get_member (object, order->pdata[i])));
  return json_node_init_object (json_node_alloc (), out);
}

static void
test_stream_random_files (void)
{
  g_autoptr(GBytes) example = example_bytes ();
  const char *more = g_getenv ("SM_TEST_SEEDS");
  guint       n_seeds = more != NULL ? (guint) atoi (more) : 60;

  for (guint seed = 1; seed <= n_seeds; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(JsonNode) root = sm_json_parse (g_bytes_get_data (example, NULL), g_bytes_get_size (example), NULL);
      g_autoptr(JsonNode) out = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GString) text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      char *data;
      guint n_mutations = g_rand_int_range (rand, 0, 6);
      gsize chunk = (gsize[]) { 1, 2, 3, 5, 64, 0 }[seed % 6];

      for (guint i = 0; i < n_mutations; i++)
        mutate (rand, json_node_get_object (root));
      out = g_rand_boolean (rand) ? shuffled (rand, root) : json_node_ref (root);
      json_generator_set_root (generator, out);
      json_generator_set_pretty (generator, g_rand_boolean (rand));
      data = json_generator_to_data (generator, &length);
      text = g_string_new_len (data, length);
      g_free (data);

      /* Now and then the text itself goes wrong. */
      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          g_string_truncate (text, g_rand_int_range (rand, 0, text->len));
          break;
        case 1:
          {
            static const char bytes_in[] = { '\0', '\xff', '{', '"', ',', '\n', '\xc3' };
            gsize             at = g_rand_int_range (rand, 0, text->len);

            g_string_insert_c (text, at, bytes_in[g_rand_int_range (rand, 0, sizeof bytes_in)]);
          }
          break;
        default:
          break;
        }

      bytes = g_bytes_new (text->str, text->len);
      if (g_test_verbose ())
        g_test_message ("seed %u, chunk %zu, %zu bytes", seed, chunk, text->len);
      assert_same_as_whole (bytes, chunk);
    }
}

/* Hostile input: a clear error and no more memory than it needs. */

static void
assert_error (GBytes     *bytes,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);

  g_assert_null (map);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_stream_hostile (void)
{
  {
    /* A deep nest: stopped at the limit, not read to its end first. */
    gsize n = 4 * 1024 * 1024;
    char *text = g_malloc (n);
    g_autoptr(GBytes) bytes = NULL;

    memcpy (text, "{\"stakeholders\": ", 17);
    memset (text + 17, '[', n - 17);
    bytes = g_bytes_new_take (text, n);
    _sm_json_stream_take_largest_buffer ();
    assert_error (bytes, "line 1, column 81: nesting is deeper than 64 levels");
    g_assert_cmpuint (_sm_json_stream_take_largest_buffer (), <=, 2 * 64 * 1024 + 64);
    assert_same_as_whole (bytes, 1000);
  }
  {
    /* A long string cut off by the end of the file. */
    gsize n = 8 * 1024 * 1024;
    char *text = g_malloc (n);
    g_autoptr(GBytes) bytes = NULL;

    const char *head = "{\"format\": \"stakemap\",\n \"map\": {\"title\": \"";

    memcpy (text, head, strlen (head));
    memset (text + strlen (head), 'a', n - strlen (head));
    bytes = g_bytes_new_take (text, n);
    assert_error (bytes, "line 2, column 19: unterminated string");
  }
  {
    /* A syntax error early does not hide a NUL byte much further on: read
     * whole, the file's text is checked first. */
    g_autoptr(GString) text = big_file (5000, "]}\n");
    g_autoptr(GBytes) bytes = NULL;

    g_string_overwrite (text, 1, "x");
    g_string_append_c (text, '\0');
    bytes = g_bytes_new (text->str, text->len);
    assert_error (bytes, "line 5005, column 1: the file contains a NUL byte; a project file is text");
    assert_same_as_whole (bytes, 100);
    g_string_truncate (text, text->len - 1);
    g_bytes_unref (bytes);
    bytes = g_bytes_new (text->str, text->len);
    assert_error (bytes, "line 1, column 2: expected a member name in double quotes");
  }
  {
    /* A big array of things that are not stakeholders */
    g_autoptr(GString) text = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": [");
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    guint n_problems = 0;

    for (guint i = 0; i < 200000; i++)
      g_string_append (text, i == 0 ? "1" : ",1");
    g_string_append (text, "]}");
    bytes = g_bytes_new (text->str, text->len);
    problems = sm_format_check_bytes (bytes, &n_problems);
    g_assert_cmpuint (problems->len, ==, SM_FORMAT_MAX_PROBLEMS);
    g_assert_cmpuint (n_problems, ==, 200000);
    g_assert_cmpstr (g_ptr_array_index (problems, 99), ==, "$.stakeholders[99]: expected an object");
  }
  {
    /* Truncated anywhere in a real file */
    g_autoptr(GBytes) example = example_bytes ();
    gsize size = g_bytes_get_size (example);

    for (gsize cut = 0; cut < size; cut += 997)
      {
        g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (example, 0, cut);

        assert_same_as_whole (bytes, 61);
      }
  }
  {
    /* A character cut by a chunk boundary is whole; a bad one split
     * across one is found where it starts. */
    const char good[] = "{\"format\": \"stakemap\", \"version\": 1, \"map\": {\"title\": \"a𝄞b\"}}";
    const char bad[] = "{\"format\": \"stakemap\", \"version\": 1, \"map\": {\"title\": \"a\xF0\x9D\x84\"}}";

    for (gsize chunk = 1; chunk <= 8; chunk++)
      {
        g_autoptr(GBytes) good_bytes = g_bytes_new_static (good, sizeof good - 1);
        g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, sizeof bad - 1);
        g_autoptr(SmMap) map = NULL;
        g_autoptr(GError) error = NULL;

        _sm_format_set_chunk_size (chunk);
        map = sm_format_load_bytes (good_bytes, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (sm_record_get_string (sm_map_get_metadata (map), "title"), ==, "a𝄞b");
        assert_error (bad_bytes, "line 1, column 57: the text is not valid UTF-8");
        _sm_format_set_chunk_size (0);
        assert_same_as_whole (bad_bytes, chunk);
        assert_same_as_whole (good_bytes, chunk);
      }
  }
}

/* The command line and the app read files: the same as bytes. */
static void
test_stream_file (void)
{
  g_autoptr(GBytes) example = example_bytes ();
  g_autofree char *dir = sm_test_make_temp_dir ("stream-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "bad.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (example, NULL), g_bytes_get_size (example));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) from_file = NULL;
  g_autoptr(GPtrArray) from_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *whole = load_whole_and_save (example, NULL);
  guint            n_file = 0, n_bytes = 0;

  g_assert_true (g_file_replace_contents (file, text->str, text->len, NULL, FALSE, 0, NULL, NULL, &error));
  map = sm_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  saved = sm_test_save_to_string (map);
  g_assert_cmpstr (saved, ==, whole);

  g_string_replace (text, "\"source\": \"amina\"", "\"source\": \"nobody\"", 0);
  g_string_replace (text, "\"influence\": 4", "\"influence\": 40", 0);
  bytes = g_bytes_new (text->str, text->len);
  g_assert_true (g_file_replace_contents (file, text->str, text->len, NULL, FALSE, 0, NULL, NULL, &error));
  from_file = sm_format_check_file (file, NULL, &n_file, &error);
  g_assert_no_error (error);
  from_bytes = _sm_format_check_bytes_whole (bytes, &n_bytes);
  g_assert_cmpuint (n_file, ==, n_bytes);
  g_assert_cmpuint (n_file, >, 1);
  g_assert_cmpuint (from_file->len, ==, from_bytes->len);
  for (guint i = 0; i < from_file->len; i++)
    g_assert_cmpstr (g_ptr_array_index (from_file, i), ==, g_ptr_array_index (from_bytes, i));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/format/stream/every-boundary", test_stream_every_boundary);
  g_test_add_func ("/core/format/stream/every-boundary-bom", test_stream_every_boundary_bom);
  g_test_add_func ("/core/format/stream/deep-syntax-error", test_stream_deep_syntax_error);
  g_test_add_func ("/core/format/stream/random-files", test_stream_random_files);
  g_test_add_func ("/core/format/stream/hostile", test_stream_hostile);
  g_test_add_func ("/core/format/stream/file", test_stream_file);

  return g_test_run ();
}

/* test-history.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-format.h"
#include "sm-history.h"
#include "sm-move-command.h"
#include "sm-region-command.h"
#include "sm-test-utils.h"

/* Each case is a script of edits, undos, redos and saves; after every step
 * the map's state, the Undo item and the modified flag are checked. */

typedef enum
{
  OP_END,
  OP_ADD,     /* a = id, b = name (stakeholder) */
  OP_CONNECT, /* a = id, b = "source>target" */
  OP_SET,     /* a = id, b = path, c = JSON value or NULL to remove */
  OP_REMOVE,  /* a = id */
  OP_MOVE,    /* a = "s1,s2", b = "dx,dy" */
  OP_UNDO,
  OP_REDO,
  OP_SAVE,
  OP_BREAK,
  OP_BEGIN, /* a = group title */
  OP_FINISH,
} Op;

typedef struct
{
  Op          op;
  const char *a;
  const char *b;
  const char *c;
  const char *state;      /* expected map state after the step */
  const char *undo_title; /* expected Undo title, "" for none */
  gboolean    modified;
} Step;

typedef struct
{
  const char *name;
  const char *start; /* project file text to start from, or NULL */
  Step        steps[24];
} Case;

#define START_2                                                                        \
  "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["                          \
  "{\"id\":\"s1\",\"name\":\"Ann\",\"influence\":3,\"x\":0,\"y\":0},"                  \
  "{\"id\":\"s2\",\"name\":\"Bob\",\"x\":100,\"y\":0}],"                               \
  "\"relationships\":[{\"id\":\"r1\",\"source\":\"s1\",\"target\":\"s2\"}],"           \
  "\"spaces\":[{\"id\":\"b\",\"name\":\"Board\",\"members\":["                         \
  "{\"stakeholder\":\"s1\",\"role\":\"chair\"},{\"stakeholder\":\"s2\"}]}],"           \
  "\"decisions\":[{\"id\":\"d1\",\"decided_by\":[\"s1\",\"s2\"],\"space_id\":\"b\"}]," \
  "\"map\":{\"perspective\":{\"drawn_by\":[\"s2\"]}}}"

/* Stakeholders "id:name:influence", relationships "id:s>t", then space
 * members, decision makers and drawn_by, so reference clean-up shows. */
static char *
describe (SmMap *map)
{
  GString      *s = g_string_new (NULL);
  SmCollection *people = sm_map_get_stakeholders (map);
  SmCollection *ties = sm_map_get_relationships (map);
  SmCollection *spaces = sm_map_get_collection (map, SM_RECORD_SPACE);
  SmCollection *decisions = sm_map_get_collection (map, SM_RECORD_DECISION);
  JsonNode     *drawn;

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *r = sm_collection_get (people, i);
      double    influence = sm_record_get_score (r, "influence");
      double    x, y;

      sm_stakeholder_get_position (r, &x, &y);
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%s:%s", sm_record_get_id (r), sm_stakeholder_get_name (r));
      if (SM_IS_KNOWN (influence))
        g_string_append_printf (s, ":%g", influence);
      if (x != 0 || y != 0)
        g_string_append_printf (s, "@%g,%g", x, y);
    }
  g_string_append (s, " |");
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord *r = sm_collection_get (ties, i);
      g_string_append_printf (s, " %s:%s>%s", sm_record_get_id (r),
                              sm_relationship_get_source (r), sm_relationship_get_target (r));
    }
  g_string_append (s, " |");
  for (guint i = 0; i < sm_collection_get_size (spaces); i++)
    {
      JsonArray *members = json_node_get_array (sm_record_get_value (sm_collection_get (spaces, i), "members"));

      for (guint m = 0; m < json_array_get_length (members); m++)
        g_string_append_printf (s, " %s", json_object_get_string_member (json_array_get_object_element (members, m), "stakeholder"));
    }
  g_string_append (s, " |");
  for (guint i = 0; i < sm_collection_get_size (decisions); i++)
    {
      JsonNode  *by = sm_record_get_value (sm_collection_get (decisions, i), "decided_by");
      JsonArray *array = json_node_get_array (by);

      for (guint m = 0; m < json_array_get_length (array); m++)
        g_string_append_printf (s, " %s", json_array_get_string_element (array, m));
    }
  g_string_append (s, " |");
  drawn = sm_record_get_value (sm_map_get_metadata (map), "perspective.drawn_by");
  if (drawn != NULL)
    for (guint m = 0; m < json_array_get_length (json_node_get_array (drawn)); m++)
      g_string_append_printf (s, " %s", json_array_get_string_element (json_node_get_array (drawn), m));

  return g_string_free (s, FALSE);
}

static const Case cases[] = {
  { "add-undo-redo", NULL, { { OP_ADD, "s1", "Ann", NULL, "s1:Ann | | | |", "Add Stakeholder", TRUE }, { OP_ADD, "s2", "Bob", NULL, "s1:Ann s2:Bob | | | |", "Add Stakeholder", TRUE }, { OP_UNDO, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = TRUE }, { OP_UNDO, .state = " | | | |", .undo_title = "", .modified = FALSE }, { OP_UNDO, .state = " | | | |", .undo_title = "", .modified = FALSE }, { OP_REDO, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = TRUE }, { OP_REDO, .state = "s1:Ann s2:Bob | | | |", .undo_title = "Add Stakeholder", .modified = TRUE }, { OP_END } } },

  { "typing-merges", NULL, { { OP_ADD, "s1", "", NULL, "s1: | | | |", "Add Stakeholder", TRUE }, { OP_SET, "s1", "name", "\"A\"", "s1:A | | | |", "Rename Stakeholder", TRUE }, { OP_SET, "s1", "name", "\"An\"", "s1:An | | | |", "Rename Stakeholder", TRUE }, { OP_SET, "s1", "name", "\"Ann\"", "s1:Ann | | | |", "Rename Stakeholder", TRUE }, { OP_UNDO, .state = "s1: | | | |", .undo_title = "Add Stakeholder", .modified = TRUE }, { OP_REDO, .state = "s1:Ann | | | |", .undo_title = "Rename Stakeholder", .modified = TRUE }, { OP_END } } },

  { "different-fields-do-not-merge", START_2, { { OP_SET, "s1", "influence", "5", "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_SET, "s1", "name", "\"Anne\"", "s1:Anne:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Rename Stakeholder", TRUE }, { OP_SET, "s1", "influence", "7", "s1:Anne:7 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_UNDO, .state = "s1:Anne:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "Rename Stakeholder", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "Change Influence", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "same-field-on-two-records-does-not-merge", START_2, { { OP_SET, "s1", "influence", "5", "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_SET, "s2", "influence", "6", "s1:Ann:5 s2:Bob:6@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_UNDO, .state = "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "Change Influence", .modified = TRUE }, { OP_END } } },

  { "break-stops-merging", START_2, { { OP_SET, "s1", "influence", "5", "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_BREAK, .state = "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "Change Influence", .modified = TRUE }, { OP_SET, "s1", "influence", "6", "s1:Ann:6 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_UNDO, .state = "s1:Ann:5 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "Change Influence", .modified = TRUE }, { OP_END } } },

  { "unset-and-restore", START_2, { { OP_SET, "s1", "influence", NULL, "s1:Ann s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Influence", TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "nested-path-creates-and-removes-object", START_2, { { OP_SET, "s2", "remuneration.time_paid", "\"fee\"", "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", "Change Time paid", TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "delete-stakeholder-cascades", START_2, { { OP_REMOVE, "s1", .state = "s2:Bob@100,0 | | s2 | s2 | s2", .undo_title = "Delete Stakeholder", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_REDO, .state = "s2:Bob@100,0 | | s2 | s2 | s2", .undo_title = "Delete Stakeholder", .modified = TRUE }, { OP_END } } },

  { "delete-clears-map-references", START_2, { { OP_REMOVE, "s2", .state = "s1:Ann:3 | | s1 | s1 |", .undo_title = "Delete Stakeholder", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "delete-relationship-only", START_2, { { OP_REMOVE, "r1", .state = "s1:Ann:3 s2:Bob@100,0 | | s1 s2 | s1 s2 | s2", .undo_title = "Delete Relationship", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "delete-two-sharing-a-relationship", START_2, { { OP_BEGIN, "Delete 2 Stakeholders", .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_REMOVE, "s1", .state = "s2:Bob@100,0 | | s2 | s2 | s2", .undo_title = "", .modified = TRUE }, { OP_REMOVE, "s2", .state = " | | | |", .undo_title = "", .modified = TRUE }, { OP_FINISH, .state = " | | | |", .undo_title = "Delete 2 Stakeholders", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_REDO, .state = " | | | |", .undo_title = "Delete 2 Stakeholders", .modified = TRUE }, { OP_END } } },

  { "move-is-one-step", START_2, { { OP_MOVE, "s1,s2", "10,5", .state = "s1:Ann:3@10,5 s2:Bob@110,5 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "Move 2 Stakeholders", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "connect-and-undo", START_2, { { OP_CONNECT, "r2", "s2>s1", .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 r2:s2>s1 | s1 s2 | s1 s2 | s2", .undo_title = "Add Relationship", .modified = TRUE }, { OP_UNDO, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },

  { "save-point", NULL, { { OP_ADD, "s1", "Ann", NULL, "s1:Ann | | | |", "Add Stakeholder", TRUE }, { OP_SAVE, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = FALSE }, { OP_SET, "s1", "name", "\"Anne\"", "s1:Anne | | | |", "Rename Stakeholder", TRUE }, { OP_UNDO, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = FALSE }, { OP_UNDO, .state = " | | | |", .undo_title = "", .modified = TRUE }, { OP_REDO, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = FALSE }, { OP_END } } },

  { "no-merge-across-save", NULL, { { OP_ADD, "s1", "Ann", NULL, "s1:Ann | | | |", "Add Stakeholder", TRUE }, { OP_SET, "s1", "influence", "1", "s1:Ann:1 | | | |", "Change Influence", TRUE }, { OP_SAVE, .state = "s1:Ann:1 | | | |", .undo_title = "Change Influence", .modified = FALSE }, { OP_SET, "s1", "influence", "2", "s1:Ann:2 | | | |", "Change Influence", TRUE }, { OP_UNDO, .state = "s1:Ann:1 | | | |", .undo_title = "Change Influence", .modified = FALSE }, { OP_END } } },

  { "save-point-lost-when-future-replaced", NULL, { { OP_ADD, "s1", "Ann", NULL, "s1:Ann | | | |", "Add Stakeholder", TRUE }, { OP_ADD, "s2", "Bob", NULL, "s1:Ann s2:Bob | | | |", "Add Stakeholder", TRUE }, { OP_SAVE, .state = "s1:Ann s2:Bob | | | |", .undo_title = "Add Stakeholder", .modified = FALSE }, { OP_UNDO, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = TRUE }, { OP_ADD, "s3", "Cat", NULL, "s1:Ann s3:Cat | | | |", "Add Stakeholder", TRUE }, { OP_UNDO, .state = "s1:Ann | | | |", .undo_title = "Add Stakeholder", .modified = TRUE }, { OP_END } } },

  { "empty-group-is-no-step", START_2, { { OP_BEGIN, "Nothing", .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_FINISH, .state = "s1:Ann:3 s2:Bob@100,0 | r1:s1>s2 | s1 s2 | s1 s2 | s2", .undo_title = "", .modified = FALSE }, { OP_END } } },
};

static SmMap *
start_map (const char *text)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map;

  if (text == NULL)
    return sm_map_new ();
  bytes = g_bytes_new_static (text, strlen (text));
  map = sm_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  return map;
}

static void
run_step (SmHistory  *history,
          const Step *step)
{
  SmMap *map = sm_history_get_map (history);

  switch (step->op)
    {
    case OP_ADD:
      {
        g_autoptr(JsonObject) data = json_object_new ();

        json_object_set_string_member (data, "id", step->a);
        json_object_set_string_member (data, "name", step->b);
        sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
        break;
      }
    case OP_CONNECT:
      {
        g_autoptr(JsonObject) data = json_object_new ();
        g_auto(GStrv) ends = g_strsplit (step->b, ">", 2);

        json_object_set_string_member (data, "id", step->a);
        json_object_set_string_member (data, "source", ends[0]);
        json_object_set_string_member (data, "target", ends[1]);
        sm_history_push (history, sm_command_new_add (map, SM_RECORD_RELATIONSHIP, data));
        break;
      }
    case OP_SET:
      {
        g_autoptr(JsonNode) value = step->c != NULL ? json_from_string (step->c, NULL) : NULL;

        sm_history_push (history, sm_command_new_set_value (sm_map_lookup (map, step->a), step->b, value));
        break;
      }
    case OP_REMOVE:
      sm_history_push (history, sm_command_new_remove (map, sm_map_lookup (map, step->a)));
      break;
    case OP_MOVE:
      {
        g_auto(GStrv) ids = g_strsplit (step->a, ",", -1);
        g_auto(GStrv) delta = g_strsplit (step->b, ",", 2);
        g_autoptr(GPtrArray) records = g_ptr_array_new ();
        double x[8], y[8];

        for (guint i = 0; ids[i] != NULL; i++)
          {
            SmRecord *r = sm_map_lookup (map, ids[i]);

            g_ptr_array_add (records, r);
            sm_stakeholder_get_position (r, &x[i], &y[i]);
            x[i] += g_ascii_strtod (delta[0], NULL);
            y[i] += g_ascii_strtod (delta[1], NULL);
          }
        sm_history_push (history, sm_command_new_move (records, x, y));
        break;
      }
    case OP_UNDO:
      sm_history_undo (history);
      break;
    case OP_REDO:
      sm_history_redo (history);
      break;
    case OP_SAVE:
      sm_history_set_save_point (history);
      break;
    case OP_BREAK:
      sm_history_break_merge (history);
      break;
    case OP_BEGIN:
      sm_history_begin_group (history, step->a);
      break;
    case OP_FINISH:
      sm_history_end_group (history);
      break;
    case OP_END:
    default:
      g_assert_not_reached ();
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(SmMap) map = start_map (c->start);
  g_autoptr(SmHistory) history = sm_history_new (map);

  for (guint i = 0; c->steps[i].op != OP_END; i++)
    {
      const Step      *step = &c->steps[i];
      g_autofree char *state = NULL;
      g_autofree char *title = NULL;

      run_step (history, step);

      state = describe (map);
      g_test_message ("step %u: %s", i, state);
      g_assert_cmpstr (state, ==, step->state);
      title = sm_history_dup_undo_title (history);
      g_assert_cmpstr (title != NULL ? title : "", ==, step->undo_title);
      g_assert_cmpint (sm_history_get_modified (history), ==, step->modified);
    }
}

/* Undoing everything gives back the very file the map was loaded from. */
static void
test_undo_all_restores_file (void)
{
  g_autoptr(SmMap) map = start_map (START_2);
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(GBytes) before = sm_format_save_to_bytes (map);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(JsonObject) data = json_object_new ();

  sm_history_push (history, sm_command_new_set_string (sm_map_lookup (map, "s1"), "lived_experience.of", "carer"));
  sm_history_push (history, sm_command_new_set_number (sm_map_lookup (map, "s2"), "influence", 4.5));
  json_object_set_string_member (data, "name", "Cat");
  sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
  sm_history_push (history, sm_command_new_remove (map, sm_map_lookup (map, "s2")));
  sm_history_push (history, sm_command_new_remove (map, sm_map_lookup (map, "b")));

  while (sm_history_undo (history))
    ;
  after = sm_format_save_to_bytes (map);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (sm_history_get_modified (history));

  while (sm_history_redo (history))
    ;
  g_assert_null (sm_map_lookup (map, "s2"));
  g_assert_null (sm_map_lookup (map, "b"));
  /* The decision's space went with the space. */
  g_assert_null (sm_record_get_value (sm_map_lookup (map, "d1"), "space_id"));
}

/* A relationship from someone to themselves cannot be drawn, so it is
 * refused, with a reason naming her, whether it is added or edited into
 * being; the map and the history are as they were. */
static void
test_self_link_refused (void)
{
  g_autoptr(SmMap) map = start_map (START_2);
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(GBytes) before = sm_format_save_to_bytes (map);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonNode) ann = json_node_init_string (json_node_alloc (), "s1");
  g_autoptr(JsonNode) bob = json_node_init_string (json_node_alloc (), "s2");
  g_autoptr(GError) error = NULL;
  SmRecord  *link = sm_map_lookup (map, "r1");
  SmCommand *command;

  /* r1 is Ann → Bob: Bob as its "from", or Ann as its "to", is refused. */
  command = sm_command_try_set_value (link, "source", bob, &error);
  g_assert_null (command);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Bob” to itself"));
  g_clear_error (&error);
  g_assert_null (sm_command_try_set_value (link, "target", ann, &error));
  g_assert_nonnull (strstr (error->message, "“Ann” to itself"));
  g_clear_error (&error);

  json_object_set_string_member (data, "source", "s2");
  json_object_set_string_member (data, "target", "s2");
  g_assert_null (sm_command_try_add (map, SM_RECORD_RELATIONSHIP, data, &error));
  g_assert_nonnull (strstr (error->message, "“Bob” to itself"));
  g_clear_error (&error);

  g_assert_false (sm_history_can_undo (history));
  after = sm_format_save_to_bytes (map);
  g_assert_true (g_bytes_equal (before, after));

  /* What is not a self-link still goes through. */
  command = sm_command_try_set_value (link, "target", bob, &error);
  g_assert_no_error (error);
  g_assert_nonnull (command);
  g_object_unref (command);
  json_object_set_string_member (data, "target", "s1");
  command = sm_command_try_add (map, SM_RECORD_RELATIONSHIP, data, &error);
  g_assert_no_error (error);
  sm_history_push (history, command);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 2);

  /* The plain constructors are for code that has checked: a self-link
   * there is a programmer's error, and still nothing is made. */
  if (g_test_undefined ())
    {
      g_test_expect_message ("Stakemap", G_LOG_LEVEL_CRITICAL, "*check_ends*");
      g_assert_null (sm_command_new_set_value (link, "source", bob));
      g_test_assert_expected_messages ();
    }
}

static void
test_new_ids_are_unique (void)
{
  g_autoptr(SmMap) map = start_map (START_2);
  g_autoptr(SmHistory) history = sm_history_new (map);

  for (guint i = 0; i < 5; i++)
    sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, NULL));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 7);
  /* s1 and s2 were taken, so the new ones are s3..s7. */
  g_assert_nonnull (sm_map_lookup (map, "s7"));
  g_assert_true (SM_IS_RECORD (sm_map_lookup (map, "s3")));
}

static void
test_modified_notifies_on_change_only (void)
{
  g_autoptr(SmMap) map = sm_map_new ();
  g_autoptr(SmHistory) history = sm_history_new (map);
  guint count = 0;

  g_signal_connect (history, "notify::modified", G_CALLBACK (sm_test_notify_count_cb), &count);
  sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, NULL));
  sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, NULL));
  g_assert_cmpuint (count, ==, 1);
  sm_history_set_save_point (history);
  g_assert_cmpuint (count, ==, 2);
  sm_history_undo (history);
  g_assert_cmpuint (count, ==, 3);
}

static void
test_finalize (void)
{
  SmMap     *map = start_map (START_2);
  SmHistory *history = sm_history_new (map);

  sm_history_push (history, sm_command_new_remove (map, sm_map_lookup (map, "s1")));
  sm_history_undo (history);
  g_assert_finalize_object (history);
  g_assert_finalize_object (map);
}

/* Moves as the canvas pushes them: one per motion of a drag. */

#define START_MOVE                                            \
  "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[" \
  "{\"id\":\"s1\",\"name\":\"Ann\",\"x\":12.25,\"y\":-7.5},"  \
  "{\"id\":\"s2\",\"name\":\"Bob\",\"x\":100,\"y\":0.125},"   \
  "{\"id\":\"s3\",\"name\":\"Cy\",\"x\":-40,\"y\":300}]}"

/* Pushes a move of the stakeholders named in @ids (comma-separated) by
 * (dx, dy) from where they are now. */
static void
push_move (SmHistory  *history,
           const char *ids,
           double      dx,
           double      dy)
{
  SmMap *map = sm_history_get_map (history);
  g_auto(GStrv) names = g_strsplit (ids, ",", -1);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  double x[8], y[8];

  for (guint i = 0; names[i] != NULL; i++)
    {
      SmRecord *r = sm_map_lookup (map, names[i]);

      g_assert_nonnull (r);
      g_assert_true (sm_stakeholder_get_position (r, &x[i], &y[i]));
      x[i] += dx;
      y[i] += dy;
      g_ptr_array_add (records, g_object_ref (r));
    }
  sm_history_push (history, sm_move_command_new (records, x, y));
}

static void
assert_at (SmMap      *map,
           const char *id,
           double      x,
           double      y)
{
  double at_x, at_y;

  g_assert_true (sm_stakeholder_get_position (sm_map_lookup (map, id), &at_x, &at_y));
  g_assert_cmpfloat (at_x, ==, x);
  g_assert_cmpfloat (at_y, ==, y);
}

static void
assert_undo_title (SmHistory  *history,
                   const char *title)
{
  g_autofree char *undo = sm_history_dup_undo_title (history);

  g_assert_cmpstr (undo, ==, title);
}

static void
test_move_apply_revert (void)
{
  g_autoptr(SmMap) map = start_map (START_MOVE);
  g_autoptr(SmHistory) history = sm_history_new (map);

  push_move (history, "s1,s2", 0.5, 10);
  assert_at (map, "s1", 12.75, 2.5);
  assert_at (map, "s2", 100.5, 10.125);
  assert_at (map, "s3", -40, 300);

  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 12.25, -7.5);
  assert_at (map, "s2", 100, 0.125);
  assert_at (map, "s3", -40, 300);
  g_assert_false (sm_history_get_modified (history));

  g_assert_true (sm_history_redo (history));
  assert_at (map, "s1", 12.75, 2.5);
  assert_at (map, "s2", 100.5, 10.125);
}

static void
test_move_merge (void)
{
  g_autoptr(SmMap) map = start_map (START_MOVE);
  g_autoptr(SmHistory) history = sm_history_new (map);

  /* A drag in three motions. */
  push_move (history, "s1,s2", 1, 1);
  push_move (history, "s1,s2", 10, 0);
  push_move (history, "s1,s2", 0, 20);
  assert_at (map, "s1", 23.25, 13.5);
  assert_at (map, "s2", 111, 21.125);
  assert_undo_title (history, "Move 2 Stakeholders");

  /* One undo step goes back to where the drag began. */
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 12.25, -7.5);
  assert_at (map, "s2", 100, 0.125);
  g_assert_false (sm_history_can_undo (history));
  g_assert_false (sm_history_get_modified (history));

  /* And redo to where it ended. */
  g_assert_true (sm_history_redo (history));
  assert_at (map, "s1", 23.25, 13.5);
  assert_at (map, "s2", 111, 21.125);
  g_assert_false (sm_history_can_redo (history));
  assert_undo_title (history, "Move 2 Stakeholders");
}

static void
test_move_one_title (void)
{
  g_autoptr(SmMap) map = start_map (START_MOVE);
  g_autoptr(SmHistory) history = sm_history_new (map);

  push_move (history, "s3", 5, 5);
  push_move (history, "s3", 5, 5);
  assert_undo_title (history, "Move 1 Stakeholder");
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s3", -40, 300);
  g_assert_false (sm_history_can_undo (history));
}

static void
test_move_different_do_not_merge (void)
{
  g_autoptr(SmMap) map = start_map (START_MOVE);
  g_autoptr(SmHistory) history = sm_history_new (map);

  push_move (history, "s1", 5, 0);
  push_move (history, "s2", 0, 5);
  push_move (history, "s1,s2", 1, 1); /* more stakeholders: a new drag */
  push_move (history, "s2,s3", 1, 1); /* as many, not the same */

  assert_undo_title (history, "Move 2 Stakeholders");
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s2", 101, 6.125);
  assert_at (map, "s3", -40, 300);
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 17.25, -7.5);
  assert_at (map, "s2", 100, 5.125);
  assert_undo_title (history, "Move 1 Stakeholder");
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 17.25, -7.5);
  assert_at (map, "s2", 100, 0.125);
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 12.25, -7.5);
  g_assert_false (sm_history_can_undo (history));
}

/* Two drags of the same stakeholders are two steps: the canvas breaks the
 * merge when a drag begins. */
static void
test_move_break (void)
{
  g_autoptr(SmMap) map = start_map (START_MOVE);
  g_autoptr(SmHistory) history = sm_history_new (map);

  push_move (history, "s1", 5, 0);
  push_move (history, "s1", 5, 0);
  sm_history_break_merge (history);
  push_move (history, "s1", 0, 5);
  push_move (history, "s1", 0, 5);

  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 22.25, -7.5);
  g_assert_true (sm_history_undo (history));
  assert_at (map, "s1", 12.25, -7.5);
  g_assert_false (sm_history_can_undo (history));
}

/* Regions */

#define START_REGIONS                                         \
  "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[" \
  "{\"id\":\"s1\",\"name\":\"Ann\",\"x\":0,\"y\":0},"         \
  "{\"id\":\"s2\",\"name\":\"Bob\",\"x\":300,\"y\":100},"     \
  "{\"id\":\"s3\",\"name\":\"Cy\",\"x\":-500,\"y\":400},"     \
  "{\"id\":\"s4\",\"name\":\"Unplaced\"}]}"

static SmRecord *
only_region (SmMap *map)
{
  SmCollection *regions = sm_map_get_collection (map, SM_RECORD_REGION);

  g_assert_cmpuint (sm_collection_get_size (regions), ==, 1);
  return sm_collection_get (regions, 0);
}

/* Undo gives back the file as it was, redo the file as it was after, and
 * what is saved reloads the same. */
static void
assert_undo_redo (SmHistory  *history,
                  SmMap      *map,
                  const char *before)
{
  g_autofree char *after = sm_test_save_to_string (map);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(SmMap) reloaded = start_map (after);
  g_autofree char *resaved = sm_test_save_to_string (reloaded);

  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (resaved, ==, after);
  g_assert_true (sm_history_undo (history));
  undone = sm_test_save_to_string (map);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (sm_history_redo (history));
  redone = sm_test_save_to_string (map);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_region_around (void)
{
  g_autoptr(SmMap) map = start_map (START_REGIONS);
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *before = sm_test_save_to_string (map);
  SmLayoutBox      boxes[4] = { { -20, -20, 20, 50 }, { -30, -30, 60, 40 }, { -1, -1, 1, 1 }, { -1, -1, 1, 1 } };
  SmRecord        *region;
  double           cx, cy, w, h;

  g_ptr_array_add (ids, "s1");
  g_ptr_array_add (ids, "s2");
  g_ptr_array_add (ids, "s4"); /* not on the map: left out */
  sm_history_push (history, sm_region_command_new_around (map, ids, boxes, 0, 0, "Decision makers"));
  assert_undo_title (history, "Add Region");
  region = only_region (map);
  g_assert_cmpstr (sm_record_get_string (region, "label"), ==, "Decision makers");
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  /* Ann's box from (-20, -20), Bob's to (360, 140); then the margin, and
   * room above for the label. */
  g_assert_cmpfloat (cx - w / 2, <=, -20 - 16);
  g_assert_cmpfloat (cx + w / 2, >=, 360 + 16);
  g_assert_cmpfloat (cy - h / 2, <=, -20 - 40);
  g_assert_cmpfloat (cy + h / 2, >=, 140 + 16);
  g_assert_cmpfloat (w, <, 380 + 100);
  g_assert_cmpfloat (h, <, 160 + 120);
  g_assert_true (sm_region_contains (region, 0, 0));
  g_assert_true (sm_region_contains (region, 300, 100));
  g_assert_false (sm_region_contains (region, -500, 400));
  assert_undo_redo (history, map, before);

  /* With nobody, a region of a usual size where the user points. */
  sm_history_push (history, sm_region_command_new_around (map, NULL, NULL, -1000, 50, ""));
  region = sm_collection_get (sm_map_get_collection (map, SM_RECORD_REGION), 1);
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  g_assert_cmpfloat (cx, ==, -1000);
  g_assert_cmpfloat (cy, ==, 50);
  g_assert_cmpfloat (w, >, 100);
  g_assert_cmpfloat (h, >, 100);
  /* Ids are unique across all kinds. */
  g_assert_cmpstr (sm_record_get_id (region), !=, sm_record_get_id (sm_collection_get (sm_map_get_collection (map, SM_RECORD_REGION), 0)));
}

static void
test_rings (void)
{
  g_autoptr(SmMap) map = start_map (START_REGIONS);
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autofree char *before = sm_test_save_to_string (map);
  SmCollection    *regions = sm_map_get_collection (map, SM_RECORD_REGION);
  const char      *labels[] = { "Outside the room", "Involved", "Inner circle" };
  double           last_w = G_MAXDOUBLE;

  sm_history_push (history, sm_rings_command_new (map, 0, 0));
  assert_undo_title (history, "Add Rings");
  g_assert_cmpuint (sm_collection_get_size (regions), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      SmRecord *ring = sm_collection_get (regions, i);
      double    cx, cy, w, h;

      g_assert_cmpstr (sm_record_get_string (ring, "label"), ==, labels[i]);
      g_assert_true (sm_region_is_ellipse (ring));
      sm_region_get_rect (ring, &cx, &cy, &w, &h);
      g_assert_cmpfloat (cx, ==, 0);
      g_assert_cmpfloat (cy, ==, 0);
      g_assert_cmpfloat (w, <, last_w);
      last_w = w;
    }
  /* The outer ring holds everyone placed, the farthest too. */
  for (guint i = 0; i < 3; i++)
    {
      double sx, sy;

      g_assert_true (sm_stakeholder_get_position (sm_collection_get (sm_map_get_stakeholders (map), i), &sx, &sy));
      g_assert_true (sm_region_contains (sm_collection_get (regions, 0), sx, sy));
    }
  /* One step: a single undo takes all three away. */
  assert_undo_redo (history, map, before);
  g_assert_true (sm_history_undo (history));
  g_assert_cmpuint (sm_collection_get_size (regions), ==, 0);
  g_assert_false (sm_history_can_undo (history));
}

static void
test_region_move_resize (void)
{
  g_autoptr(SmMap) map = start_map (START_REGIONS);
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autofree char *before = NULL;
  SmRecord        *region;
  double           cx, cy, w, h;

  sm_history_push (history, sm_region_command_new_around (map, NULL, NULL, 10, 20, "Board"));
  region = only_region (map);
  before = sm_test_save_to_string (map);

  g_assert_null (sm_region_command_new_set_rect (region, 0, 0, 0, 10));
  g_assert_null (sm_region_command_new_set_rect (region, 0, 0, 10, 2e6));

  sm_history_push (history, sm_region_command_new_set_rect (region, 110, -30, 320, 220));
  assert_undo_title (history, "Move Region");
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  g_assert_cmpfloat (cx, ==, 110);
  g_assert_cmpfloat (cy, ==, -30);
  assert_undo_redo (history, map, before);

  g_clear_pointer (&before, g_free);
  before = sm_test_save_to_string (map);
  sm_history_push (history, sm_region_command_new_set_rect (region, 100, -25, 500.5, 90));
  assert_undo_title (history, "Resize Region");
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  g_assert_cmpfloat (w, ==, 500.5);
  g_assert_cmpfloat (h, ==, 90);
  /* All four members in one step. */
  assert_undo_redo (history, map, before);
  g_assert_true (sm_history_undo (history));
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  g_assert_cmpfloat (cx, ==, 110);
  g_assert_cmpfloat (w, ==, 320);

  /* Deleting one is the usual command. */
  g_clear_pointer (&before, g_free);
  before = sm_test_save_to_string (map);
  sm_history_push (history, sm_command_new_remove (map, region));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_collection (map, SM_RECORD_REGION)), ==, 0);
  assert_undo_title (history, "Delete Region");
  assert_undo_redo (history, map, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/history/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/core/history/undo-all-restores-file", test_undo_all_restores_file);
  g_test_add_func ("/core/history/new-ids-are-unique", test_new_ids_are_unique);
  g_test_add_func ("/core/history/self-link-refused", test_self_link_refused);
  g_test_add_func ("/core/history/modified-notifies-on-change-only", test_modified_notifies_on_change_only);
  g_test_add_func ("/core/history/finalize", test_finalize);
  g_test_add_func ("/core/history/move/apply-revert", test_move_apply_revert);
  g_test_add_func ("/core/history/move/merge", test_move_merge);
  g_test_add_func ("/core/history/move/one-title", test_move_one_title);
  g_test_add_func ("/core/history/move/different-do-not-merge", test_move_different_do_not_merge);
  g_test_add_func ("/core/history/move/break", test_move_break);
  g_test_add_func ("/core/history/region/around", test_region_around);
  g_test_add_func ("/core/history/region/rings", test_rings);
  g_test_add_func ("/core/history/region/move-resize", test_region_move_resize);

  return g_test_run ();
}

/* sm-workshop.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-collection.h"
#include "sm-record.h"
#include "sm-workshop.h"

typedef struct
{
  const char *id;
  const char *title;
  const char *task;
  const char *arrangement;
} StepInfo;

/* The ids are the file's; the words follow Net-Map's interview. */
static const StepInfo steps[SM_WORKSHOP_N_STEPS] = {
  { "question", N_ ("The question and who is affected"),
    N_ ("Agree the question the map answers, in the group’s own words, and name the groups of people "
        "the problem affects, whether or not they are in the room."),
    "map" },
  { "who", N_ ("Who is involved"),
    N_ ("Name everyone who is involved in, or can affect, the answer: people, groups and "
        "organisations. Type a name and press Enter; the next name can follow at once."),
    "map" },
  { "links", N_ ("How they are linked"),
    N_ ("Take one kind of tie at a time: who gives money to whom, who shares information, who "
        "gives instructions. Choose the kind, then join the two ends here or drag from one "
        "stakeholder to the other on the map."),
    "map" },
  { "influence", N_ ("How much influence each has"),
    N_ ("Agree how much each can influence the answer, from 0 (none) to 10 (decides it). Set them "
        "together, so the towers can be compared side by side; anyone may question a height."),
    "towers" },
  { "goals", N_ ("What each wants"),
    N_ ("Name the goals at stake, then say for each stakeholder whether they support a goal, "
        "oppose it or are neutral. Leave it unknown when nobody knows."),
    "map" },
  { "power", N_ ("Where the power lies"),
    N_ ("For each relationship, say who holds more power, or that it is equal, and whether that "
        "power is visible, hidden (set behind closed doors) or invisible (taken for granted)."),
    "power-cube" },
  { "evaluation", N_ ("Reading the evaluation together"),
    N_ ("Read each principle together. Use Discuss to record what the group says about a "
        "finding, and We See It Differently when the group disagrees with it."),
    "map" },
};

const char *
sm_workshop_step_get_id (SmWorkshopStep step)
{
  g_return_val_if_fail (step < SM_WORKSHOP_N_STEPS, NULL);
  return steps[step].id;
}

gboolean
sm_workshop_step_from_id (const char     *id,
                          SmWorkshopStep *step)
{
  for (guint i = 0; id != NULL && i < SM_WORKSHOP_N_STEPS; i++)
    if (strcmp (steps[i].id, id) == 0)
      {
        *step = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sm_workshop_step_get_title (SmWorkshopStep step)
{
  g_return_val_if_fail (step < SM_WORKSHOP_N_STEPS, NULL);
  return _ (steps[step].title);
}

/* What the group is asked to do at @step, in a sentence or two. */
const char *
sm_workshop_step_get_task (SmWorkshopStep step)
{
  g_return_val_if_fail (step < SM_WORKSHOP_N_STEPS, NULL);
  return _ (steps[step].task);
}

/* The view of the map that shows the step's work best. */
const char *
sm_workshop_step_get_arrangement (SmWorkshopStep step)
{
  g_return_val_if_fail (step < SM_WORKSHOP_N_STEPS, NULL);
  return steps[step].arrangement;
}

static guint
count_with (SmMap       *map,
            SmRecordKind kind,
            const char  *path,
            guint       *total)
{
  SmCollection *collection = sm_map_get_collection (map, kind);
  guint         n = sm_collection_get_size (collection);
  guint         with = 0;

  for (guint i = 0; i < n; i++)
    {
      SmRecord *record = sm_collection_get (collection, i);

      if (path == NULL)
        with++;
      else if (sm_record_has_value (record, path))
        {
          const char *value = sm_record_get_enum (record, path);

          if (value == NULL || strcmp (value, "unknown") != 0)
            with++;
        }
    }
  if (total != NULL)
    *total = n;
  return with;
}

static guint
count_positions (SmMap *map)
{
  SmCollection *stakeholders = sm_map_get_stakeholders (map);
  guint         n = 0;

  for (guint i = 0; i < sm_collection_get_size (stakeholders); i++)
    {
      JsonNode      *node = sm_record_get_value (sm_collection_get (stakeholders, i), "goal_positions");
      JsonObjectIter iter;
      const char    *key;
      JsonNode      *value;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &value))
        if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
            strcmp (json_node_get_string (value), "unknown") != 0)
          n++;
    }
  return n;
}

/* How far the map has got with @step, in words: "5 stakeholders so far". */
char *
sm_workshop_dup_progress (SmMap         *map,
                          SmWorkshopStep step)
{
  SmRecord *metadata = sm_map_get_metadata (map);
  guint     total = 0;
  guint     n;

  switch (step)
    {
    case SM_WORKSHOP_QUESTION:
      {
        const char *question = sm_record_get_string (metadata, "question");
        guint       groups = count_with (map, SM_RECORD_AFFECTED_GROUP, NULL, NULL);

        if (question == NULL || *question == '\0')
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No question yet · %u affected group",
                                               "No question yet · %u affected groups", groups),
                                  groups);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Question agreed · %u affected group",
                                             "Question agreed · %u affected groups", groups),
                                groups);
      }
    case SM_WORKSHOP_WHO:
      n = count_with (map, SM_RECORD_STAKEHOLDER, NULL, NULL);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder so far", "%u stakeholders so far", n), n);
    case SM_WORKSHOP_LINKS:
      n = count_with (map, SM_RECORD_RELATIONSHIP, NULL, NULL);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u relationship so far", "%u relationships so far", n),
                              n);
    case SM_WORKSHOP_INFLUENCE:
      n = count_with (map, SM_RECORD_STAKEHOLDER, "influence", &total);
      /* Translators: "3 of 5 stakeholders have an influence score". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u stakeholder has an influence score",
                                           "%u of %u stakeholders have an influence score", total),
                              n, total);
    case SM_WORKSHOP_GOALS:
      {
        JsonNode        *goals = sm_record_get_value (metadata, "goals");
        guint            n_goals = goals != NULL && JSON_NODE_HOLDS_ARRAY (goals)
                                     ? json_array_get_length (json_node_get_array (goals))
                                     : 0;
        g_autofree char *goal_words = NULL;

        n = count_positions (map);
        goal_words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u goal", "%u goals", n_goals), n_goals);
        /* Translators: the first %s is "2 goals"; then a count of positions. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u position recorded",
                                             "%s · %u positions recorded", n),
                                goal_words, n);
      }
    case SM_WORKSHOP_POWER:
      n = count_with (map, SM_RECORD_RELATIONSHIP, "power_difference.holder", &total);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u relationship says who holds more power",
                                           "%u of %u relationships say who holds more power", total),
                              n, total);
    case SM_WORKSHOP_EVALUATION:
    case SM_WORKSHOP_N_STEPS:
    default:
      return g_strdup ("");
    }
}

static void
set_all_steps (SmWorkshop *self)
{
  self->n_steps = SM_WORKSHOP_N_STEPS;
  for (guint i = 0; i < SM_WORKSHOP_N_STEPS; i++)
    self->steps[i] = i;
}

/* Takes the ids in @ids (a JSON array, or a strv when @node is NULL),
 * known and each once, in Net-Map's order. */
static void
set_steps (SmWorkshop        *self,
           JsonArray         *array,
           const char *const *strv)
{
  guint wanted = 0;
  guint n = array != NULL ? json_array_get_length (array) : strv != NULL ? g_strv_length ((char **) strv)
                                                                         : 0;

  for (guint i = 0; i < n; i++)
    {
      const char    *id = NULL;
      SmWorkshopStep step;

      if (array != NULL)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            id = json_node_get_string (node);
        }
      else
        id = strv[i];
      if (sm_workshop_step_from_id (id, &step))
        wanted |= 1u << step;
    }

  self->n_steps = 0;
  for (guint i = 0; i < SM_WORKSHOP_N_STEPS; i++)
    if (wanted & (1u << i))
      self->steps[self->n_steps++] = i;
  if (self->n_steps == 0)
    set_all_steps (self);
}

/* Reads where @map's group got to. A map with no workshop yet runs
 * @default_steps (all of them when %NULL or empty) from the first. */
void
sm_workshop_init (SmWorkshop        *self,
                  SmMap             *map,
                  const char *const *default_steps)
{
  JsonNode      *node = sm_record_get_value (sm_map_get_metadata (map), "workshop");
  JsonObject    *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode      *member;
  SmWorkshopStep step;

  memset (self, 0, sizeof *self);
  self->started = object != NULL;
  member = object != NULL ? json_object_get_member (object, "steps") : NULL;
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    set_steps (self, json_node_get_array (member), NULL);
  else
    set_steps (self, NULL, default_steps);

  self->step = self->steps[0];
  member = object != NULL ? json_object_get_member (object, "step") : NULL;
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING &&
      sm_workshop_step_from_id (json_node_get_string (member), &step) && sm_workshop_has_step (self, step))
    self->step = step;

  member = object != NULL ? json_object_get_member (object, "skipped") : NULL;
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
              sm_workshop_step_from_id (json_node_get_string (element), &step) && sm_workshop_has_step (self, step))
            self->skipped |= 1u << step;
        }
    }
}

/* The place of the step reached among the steps run. */
int
sm_workshop_get_index (const SmWorkshop *self)
{
  for (guint i = 0; i < self->n_steps; i++)
    if (self->steps[i] == self->step)
      return i;
  return 0;
}

gboolean
sm_workshop_has_step (const SmWorkshop *self,
                      SmWorkshopStep    step)
{
  for (guint i = 0; i < self->n_steps; i++)
    if (self->steps[i] == step)
      return TRUE;
  return FALSE;
}

gboolean
sm_workshop_is_skipped (const SmWorkshop *self,
                        SmWorkshopStep    step)
{
  return step < SM_WORKSHOP_N_STEPS && (self->skipped & (1u << step)) != 0;
}

/* Moves to @step. @skipping marks the step left as skipped, to come back
 * to; reaching a step takes its skipped mark off. */
void
sm_workshop_go_to (SmWorkshop    *self,
                   SmWorkshopStep step,
                   gboolean       skipping)
{
  g_return_if_fail (sm_workshop_has_step (self, step));

  if (skipping)
    self->skipped |= 1u << self->step;
  self->skipped &= ~(1u << step);
  self->step = step;
}

JsonNode *
sm_workshop_to_json (const SmWorkshop *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_steps; i++)
    json_builder_add_string_value (builder, steps[self->steps[i]].id);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, steps[self->step].id);
  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_steps; i++)
    if (sm_workshop_is_skipped (self, self->steps[i]))
      json_builder_add_string_value (builder, steps[self->steps[i]].id);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Whether @map already holds where @self is. */
gboolean
sm_workshop_equal_map (const SmWorkshop *self,
                       SmMap            *map)
{
  JsonNode *stored = sm_record_get_value (sm_map_get_metadata (map), "workshop");
  g_autoptr(JsonNode) node = NULL;

  if (stored == NULL)
    return FALSE;
  node = sm_workshop_to_json (self);
  return json_node_equal (stored, node);
}

/* The step that records where @self is in @map, or %NULL when the map
 * already says so. Steps taken one after another are one Undo. */
SmCommand *
sm_workshop_build_command (const SmWorkshop *self,
                           SmMap            *map)
{
  g_autoptr(JsonNode) node = NULL;

  if (sm_workshop_equal_map (self, map))
    return NULL;
  node = sm_workshop_to_json (self);
  return sm_command_new_set_value (sm_map_get_metadata (map), "workshop", node);
}

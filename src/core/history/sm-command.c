/* sm-command.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-command.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-map-private.h"

G_DEFINE_ABSTRACT_TYPE (SmCommand, sm_command, G_TYPE_OBJECT)

static void
sm_command_class_init (SmCommandClass *klass)
{
}

static void
sm_command_init (SmCommand *self)
{
}

void
sm_command_apply (SmCommand *self,
                  SmMap     *map)
{
  g_return_if_fail (SM_IS_COMMAND (self));
  g_return_if_fail (SM_IS_MAP (map));
  SM_COMMAND_GET_CLASS (self)->apply (self, map);
}

void
sm_command_revert (SmCommand *self,
                   SmMap     *map)
{
  g_return_if_fail (SM_IS_COMMAND (self));
  g_return_if_fail (SM_IS_MAP (map));
  SM_COMMAND_GET_CLASS (self)->revert (self, map);
}

/* Folds @next, applied just after @self, into @self. */
gboolean
sm_command_merge (SmCommand *self,
                  SmCommand *next)
{
  SmCommandClass *klass;

  g_return_val_if_fail (SM_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (SM_IS_COMMAND (next), FALSE);

  klass = SM_COMMAND_GET_CLASS (self);
  return klass->merge != NULL && klass->merge (self, next);
}

/* The name of the edit, for "Undo …" and "Redo …". */
char *
sm_command_dup_title (SmCommand *self)
{
  g_return_val_if_fail (SM_IS_COMMAND (self), NULL);
  return SM_COMMAND_GET_CLASS (self)->dup_title (self);
}

typedef enum
{
  TITLE_ADD,
  TITLE_DELETE,
  TITLE_RENAME,
  TITLE_MOVE,
} TitleVerb;

/* An edit's title, for Undo and Redo in the menu: one whole phrase per
 * kind of record, for the translators. */
static const char *
kind_title (SmRecordKind kind,
            TitleVerb    verb)
{
  static const char *const titles[][4] = {
    /* TRANSLATORS: titles of edits, in the menu as "Undo Add Stakeholder"
     * and "Redo Delete Note"; NULL where an edit cannot happen */
    { NULL, NULL, N_ ("Rename Map"), NULL },
    { N_ ("Add Stakeholder"), N_ ("Delete Stakeholder"), N_ ("Rename Stakeholder"), N_ ("Move Stakeholder") },
    { N_ ("Add Relationship"), N_ ("Delete Relationship"), N_ ("Rename Relationship"), NULL },
    { N_ ("Add Space"), N_ ("Delete Space"), N_ ("Rename Space"), NULL },
    { N_ ("Add Decision"), N_ ("Delete Decision"), N_ ("Rename Decision"), NULL },
    { N_ ("Add Affected Group"), N_ ("Delete Affected Group"), N_ ("Rename Affected Group"), NULL },
    { N_ ("Add Note"), N_ ("Delete Note"), N_ ("Rename Note"), N_ ("Move Note") },
    { N_ ("Add Region"), N_ ("Delete Region"), N_ ("Rename Region"), N_ ("Move Region") },
  };
  static const char *const any[] = { N_ ("Add Item"), N_ ("Delete Item"), N_ ("Rename Item"), N_ ("Move Item") };

  g_assert (kind <= SM_RECORD_LAST);
  return _ (titles[kind][verb] != NULL ? titles[kind][verb] : any[verb]);
}

/* Set one member */

#define SM_TYPE_SET_VALUE_COMMAND (sm_set_value_command_get_type ())
G_DECLARE_FINAL_TYPE (SmSetValueCommand, sm_set_value_command, SM, SET_VALUE_COMMAND, SmCommand)

struct _SmSetValueCommand
{
  SmCommand parent_instance;

  SmRecord *record;
  char     *path;       /* the top-level member that is replaced */
  char     *field_path; /* the member the user changed, maybe nested */
  JsonNode *old_value;  /* NULL: the member was absent */
  JsonNode *new_value;  /* NULL: remove the member */
};

G_DEFINE_FINAL_TYPE (SmSetValueCommand, sm_set_value_command, SM_TYPE_COMMAND)

static void
sm_set_value_command_apply (SmCommand *command,
                            SmMap     *map)
{
  SmSetValueCommand *self = SM_SET_VALUE_COMMAND (command);

  _sm_map_set_value (map, self->record, self->path, self->new_value);
}

static void
sm_set_value_command_revert (SmCommand *command,
                             SmMap     *map)
{
  SmSetValueCommand *self = SM_SET_VALUE_COMMAND (command);

  _sm_map_set_value (map, self->record, self->path, self->old_value);
}

static gboolean
sm_set_value_command_merge (SmCommand *command,
                            SmCommand *next)
{
  SmSetValueCommand *self = SM_SET_VALUE_COMMAND (command);
  SmSetValueCommand *other;

  if (!SM_IS_SET_VALUE_COMMAND (next))
    return FALSE;
  other = SM_SET_VALUE_COMMAND (next);
  if (other->record != self->record || strcmp (other->field_path, self->field_path) != 0)
    return FALSE;

  g_clear_pointer (&self->new_value, json_node_unref);
  self->new_value = other->new_value != NULL ? sm_json_deep_copy (other->new_value) : NULL;
  return TRUE;
}

static char *
sm_set_value_command_dup_title (SmCommand *command)
{
  SmSetValueCommand *self = SM_SET_VALUE_COMMAND (command);
  SmRecordKind       kind = sm_record_get_kind (self->record);
  const char        *path = self->field_path;
  const SmField     *field;

  if (strcmp (path, "name") == 0 || strcmp (path, "title") == 0)
    return g_strdup (kind_title (kind, TITLE_RENAME));
  if (kind == SM_RECORD_STAKEHOLDER && (strcmp (path, "x") == 0 || strcmp (path, "y") == 0))
    return g_strdup (_ ("Move Stakeholder"));

  field = sm_schema_lookup_path (kind, path);
  if (field != NULL)
    /* TRANSLATORS: an edit's title, "Change Influence"; %s is the field's
     * label as the side panel shows it */
    return g_strdup_printf (_ ("Change %s"), _ (field->label));
  return g_strdup (_ ("Change Value"));
}

static void
sm_set_value_command_finalize (GObject *object)
{
  SmSetValueCommand *self = (SmSetValueCommand *) object;

  g_clear_object (&self->record);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->field_path, g_free);
  g_clear_pointer (&self->old_value, json_node_unref);
  g_clear_pointer (&self->new_value, json_node_unref);

  G_OBJECT_CLASS (sm_set_value_command_parent_class)->finalize (object);
}

static void
sm_set_value_command_class_init (SmSetValueCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_set_value_command_finalize;
  command_class->apply = sm_set_value_command_apply;
  command_class->revert = sm_set_value_command_revert;
  command_class->merge = sm_set_value_command_merge;
  command_class->dup_title = sm_set_value_command_dup_title;
}

static void
sm_set_value_command_init (SmSetValueCommand *self)
{
}

/* A relationship links two different people: the canvas, the side panel,
 * the importers and the merge all make their records through these
 * commands, so none of them can link someone to themselves. */
static gboolean
check_ends (SmMap      *map,
            const char *source,
            const char *target,
            GError    **error)
{
  SmRecord   *person;
  const char *name = source;

  if (source == NULL || target == NULL || strcmp (source, target) != 0)
    return TRUE;
  person = map != NULL ? sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, source) : NULL;
  if (person != NULL && sm_stakeholder_get_name (person) != NULL && *sm_stakeholder_get_name (person) != '\0')
    name = sm_stakeholder_get_name (person);
  g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_INVALID,
               /* Translators: %s is a stakeholder's name. Shown when
                * someone chooses a relationship's own "from" stakeholder
                * as its "to" (or the other way round). */
               _ ("A relationship cannot link “%s” to itself; choose two different stakeholders"), name);
  return FALSE;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * sm_command_try_set_value:
 * @value: (nullable): the new value, copied; %NULL removes the member
 * @error: where to say why the edit is refused
 *
 * As sm_command_new_set_value(), for a value a user chose: an edit that
 * would make an invalid map (a relationship from someone to themselves)
 * gives %NULL and @error instead of a command.
 */
SmCommand *
sm_command_try_set_value (SmRecord   *record,
                          const char *path,
                          JsonNode   *value,
                          GError    **error)
{
  g_return_val_if_fail (SM_IS_RECORD (record), NULL);
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP &&
      (strcmp (path, "source") == 0 || strcmp (path, "target") == 0))
    {
      const char *other = sm_record_get_string (record, strcmp (path, "source") == 0 ? "target" : "source");

      if (!check_ends (sm_record_get_map (record), node_string (value), other, error))
        return NULL;
    }
  return sm_command_new_set_value (record, path, value);
}

/**
 * sm_command_new_set_value:
 * @value: (nullable): the new value, copied; %NULL removes the member
 *
 * Sets the member at @path ("influence", "remuneration.time_paid") of
 * @record. The value it has now is kept for undo. The caller makes sure
 * the result is valid; sm_command_try_set_value() checks a user's choice.
 */
SmCommand *
sm_command_new_set_value (SmRecord   *record,
                          const char *path,
                          JsonNode   *value)
{
  SmSetValueCommand *self;

  g_return_val_if_fail (SM_IS_RECORD (record), NULL);
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (strcmp (path, "id") != 0 || sm_record_get_kind (record) == SM_RECORD_MAP, NULL);
  g_return_val_if_fail (sm_record_get_kind (record) != SM_RECORD_RELATIONSHIP ||
                          (strcmp (path, "source") != 0 && strcmp (path, "target") != 0) ||
                          check_ends (NULL, node_string (value),
                                      sm_record_get_string (record, strcmp (path, "source") == 0 ? "target" : "source"),
                                      NULL),
                        NULL);

  self = g_object_new (SM_TYPE_SET_VALUE_COMMAND, NULL);
  self->record = g_object_ref (record);
  self->field_path = g_strdup (path);

  if (strchr (path, '.') == NULL)
    {
      self->path = g_strdup (path);
      self->old_value = sm_record_dup_value (record, path);
      self->new_value = value != NULL ? sm_json_deep_copy (value) : NULL;
    }
  else
    {
      /* A nested member: replace the whole top-level member, so undo gives
       * back exactly what was there, absent objects included. */
      g_auto(GStrv) parts = g_strsplit (path, ".", -1);
      JsonNode   *top;
      JsonObject *object;

      self->path = g_strdup (parts[0]);
      self->old_value = sm_record_dup_value (record, parts[0]);
      if (self->old_value != NULL && JSON_NODE_HOLDS_OBJECT (self->old_value))
        top = sm_json_deep_copy (self->old_value);
      else
        {
          g_autoptr(JsonObject) empty = json_object_new ();
          top = json_node_init_object (json_node_alloc (), empty);
        }
      object = json_node_get_object (top);
      for (guint i = 1; parts[i + 1] != NULL; i++)
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
        json_object_set_member (object, parts[g_strv_length (parts) - 1], sm_json_deep_copy (value));
      else if (json_object_has_member (object, parts[g_strv_length (parts) - 1]))
        json_object_remove_member (object, parts[g_strv_length (parts) - 1]);
      self->new_value = top;
    }
  return SM_COMMAND (self);
}

SmCommand *
sm_command_new_set_string (SmRecord   *record,
                           const char *path,
                           const char *value)
{
  g_autoptr(JsonNode) node = NULL;

  if (value != NULL)
    node = json_node_init_string (json_node_alloc (), value);
  return sm_command_new_set_value (record, path, node);
}

/* Whole numbers are stored as JSON integers, so 7 is written "7", not "7.0". */
SmCommand *
sm_command_new_set_number (SmRecord   *record,
                           const char *path,
                           double      value)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  g_return_val_if_fail (isfinite (value), NULL);

  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_node_init_int (node, (gint64) value);
  else
    json_node_init_double (node, value);
  return sm_command_new_set_value (record, path, node);
}

/* Groups: several commands as one step */

#define SM_TYPE_GROUP_COMMAND (sm_group_command_get_type ())
G_DECLARE_FINAL_TYPE (SmGroupCommand, sm_group_command, SM, GROUP_COMMAND, SmCommand)

struct _SmGroupCommand
{
  SmCommand parent_instance;

  GPtrArray *commands;
  char      *title;
};

G_DEFINE_FINAL_TYPE (SmGroupCommand, sm_group_command, SM_TYPE_COMMAND)

static void
sm_group_command_apply (SmCommand *command,
                        SmMap     *map)
{
  SmGroupCommand *self = SM_GROUP_COMMAND (command);

  for (guint i = 0; i < self->commands->len; i++)
    sm_command_apply (g_ptr_array_index (self->commands, i), map);
}

static void
sm_group_command_revert (SmCommand *command,
                         SmMap     *map)
{
  SmGroupCommand *self = SM_GROUP_COMMAND (command);

  for (guint i = self->commands->len; i > 0; i--)
    sm_command_revert (g_ptr_array_index (self->commands, i - 1), map);
}

static char *
sm_group_command_dup_title (SmCommand *command)
{
  SmGroupCommand *self = SM_GROUP_COMMAND (command);

  if (self->title != NULL)
    return g_strdup (self->title);
  if (self->commands->len > 0)
    return sm_command_dup_title (g_ptr_array_index (self->commands, 0));
  return g_strdup ("");
}

static void
sm_group_command_finalize (GObject *object)
{
  SmGroupCommand *self = (SmGroupCommand *) object;

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (sm_group_command_parent_class)->finalize (object);
}

static void
sm_group_command_class_init (SmGroupCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_group_command_finalize;
  command_class->apply = sm_group_command_apply;
  command_class->revert = sm_group_command_revert;
  command_class->dup_title = sm_group_command_dup_title;
}

static void
sm_group_command_init (SmGroupCommand *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sm_command_new_group:
 * @title: (nullable): the name of the whole step; %NULL takes the first
 *   command's
 */
SmCommand *
sm_command_new_group (const char *title)
{
  SmGroupCommand *self = g_object_new (SM_TYPE_GROUP_COMMAND, NULL);

  self->title = g_strdup (title);
  return SM_COMMAND (self);
}

/* Adds @command (taking it) to the end of @group; it is not applied. */
void
sm_command_group_add (SmCommand *group,
                      SmCommand *command)
{
  g_return_if_fail (SM_IS_GROUP_COMMAND (group));
  g_return_if_fail (SM_IS_COMMAND (command));

  g_ptr_array_add (SM_GROUP_COMMAND (group)->commands, command);
}

guint
sm_command_group_get_size (SmCommand *group)
{
  g_return_val_if_fail (SM_IS_GROUP_COMMAND (group), 0);
  return SM_GROUP_COMMAND (group)->commands->len;
}

/* Add a record */

#define SM_TYPE_ADD_COMMAND (sm_add_command_get_type ())
G_DECLARE_FINAL_TYPE (SmAddCommand, sm_add_command, SM, ADD_COMMAND, SmCommand)

struct _SmAddCommand
{
  SmCommand parent_instance;

  SmRecord *record;
};

G_DEFINE_FINAL_TYPE (SmAddCommand, sm_add_command, SM_TYPE_COMMAND)

static void
sm_add_command_apply (SmCommand *command,
                      SmMap     *map)
{
  _sm_map_insert_record (map, SM_ADD_COMMAND (command)->record, G_MAXUINT);
}

static void
sm_add_command_revert (SmCommand *command,
                       SmMap     *map)
{
  _sm_map_remove_record (map, SM_ADD_COMMAND (command)->record);
}

static char *
sm_add_command_dup_title (SmCommand *command)
{
  return g_strdup (kind_title (sm_record_get_kind (SM_ADD_COMMAND (command)->record), TITLE_ADD));
}

static void
sm_add_command_finalize (GObject *object)
{
  g_clear_object (&SM_ADD_COMMAND (object)->record);
  G_OBJECT_CLASS (sm_add_command_parent_class)->finalize (object);
}

static void
sm_add_command_class_init (SmAddCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_add_command_finalize;
  command_class->apply = sm_add_command_apply;
  command_class->revert = sm_add_command_revert;
  command_class->dup_title = sm_add_command_dup_title;
}

static void
sm_add_command_init (SmAddCommand *self)
{
}

/**
 * sm_command_new_add:
 * @data: (nullable): the new record's members, copied; an id is made when
 *   it has none
 *
 * Adds a record at the end of its collection. The caller makes sure any ids
 * it refers to exist (relationships name two stakeholders).
 */
SmCommand *
sm_command_new_add (SmMap       *map,
                    SmRecordKind kind,
                    JsonObject  *data)
{
  SmAddCommand *self;
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(SmRecord) scratch = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (kind >= SM_RECORD_STAKEHOLDER && kind <= SM_RECORD_LAST, NULL);
  g_return_val_if_fail (kind != SM_RECORD_RELATIONSHIP || data == NULL ||
                          check_ends (NULL, node_string (json_object_get_member (data, "source")),
                                      node_string (json_object_get_member (data, "target")), NULL),
                        NULL);

  if (data != NULL)
    {
      scratch = sm_record_new (kind, data);
      copy = sm_record_dup_data (scratch);
    }
  else
    copy = json_object_new ();

  if (!json_object_has_member (copy, "id"))
    {
      g_autofree char *id = sm_map_make_id (map, kind);
      g_autoptr(JsonObject) with_id = json_object_new ();
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      /* The id goes first, as it is written. */
      json_object_set_string_member (with_id, "id", id);
      json_object_iter_init_ordered (&iter, copy);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (with_id, name, sm_json_deep_copy (member));
      g_clear_pointer (&copy, json_object_unref);
      copy = g_steal_pointer (&with_id);
    }

  g_return_val_if_fail (sm_map_lookup (map, json_object_get_string_member (copy, "id")) == NULL, NULL);

  self = g_object_new (SM_TYPE_ADD_COMMAND, NULL);
  self->record = sm_record_new (kind, copy);
  return SM_COMMAND (self);
}

/**
 * sm_command_try_add:
 * @data: (nullable): as sm_command_new_add()
 * @error: where to say why the record is refused
 *
 * As sm_command_new_add(), for a record a user or a file described: a
 * relationship from someone to themselves gives %NULL and @error.
 */
SmCommand *
sm_command_try_add (SmMap       *map,
                    SmRecordKind kind,
                    JsonObject  *data,
                    GError     **error)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind == SM_RECORD_RELATIONSHIP && data != NULL &&
      !check_ends (map, node_string (json_object_get_member (data, "source")),
                   node_string (json_object_get_member (data, "target")), error))
    return NULL;
  return sm_command_new_add (map, kind, data);
}

/* Remove a record, and what would be left dangling without it */

#define SM_TYPE_REMOVE_COMMAND (sm_remove_command_get_type ())
G_DECLARE_FINAL_TYPE (SmRemoveCommand, sm_remove_command, SM, REMOVE_COMMAND, SmCommand)

struct _SmRemoveCommand
{
  SmCommand parent_instance;

  SmRecord  *record;
  guint      position;
  SmCommand *cascade; /* made on first apply, when the map is as it will be */
};

G_DEFINE_FINAL_TYPE (SmRemoveCommand, sm_remove_command, SM_TYPE_COMMAND)

static gboolean
is_id (const char *id,
       gpointer    data)
{
  return strcmp (id, data) == 0;
}

static void
add_ref_cleanups (SmCommand  *group,
                  SmRecord   *record,
                  const char *id)
{
  const SmField *fields = sm_schema_get_fields (sm_record_get_kind (record));

  for (const SmField *f = fields; f->name != NULL; f++)
    {
      JsonNode *member;
      g_autoptr(JsonNode) cleaned = NULL;
      gboolean drop = FALSE;

      if (!sm_schema_field_has_refs (f) || (f->flags & SM_FIELD_REQUIRED))
        continue;
      member = sm_record_get_value (record, f->name);
      if (member == NULL)
        continue;
      cleaned = sm_schema_without_refs (member, f, is_id, (gpointer) id, &drop);
      if (drop || cleaned != NULL)
        sm_command_group_add (group, sm_command_new_set_value (record, f->name, drop ? NULL : cleaned));
    }
}

/* What removing @record takes with it: relationships to a removed
 * stakeholder go, and every other reference to its id is cleared. */
static SmCommand *
make_cascade (SmMap    *map,
              SmRecord *record)
{
  SmCommand  *group = sm_command_new_group (NULL);
  const char *id = sm_record_get_id (record);
  g_autoptr(GPtrArray) touching = NULL;

  if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
    touching = sm_map_dup_relationships_of (map, record);
  else
    touching = g_ptr_array_new ();
  for (guint i = 0; i < touching->len; i++)
    sm_command_group_add (group, sm_command_new_remove (map, g_ptr_array_index (touching, i)));

  add_ref_cleanups (group, sm_map_get_metadata (map), id);
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      SmCollection *collection = sm_map_get_collection (map, kind);
      guint         n = sm_collection_get_size (collection);

      for (guint i = 0; i < n; i++)
        {
          SmRecord *other = sm_collection_get (collection, i);

          if (other != record && !g_ptr_array_find (touching, other, NULL))
            add_ref_cleanups (group, other, id);
        }
    }
  return group;
}

static void
sm_remove_command_apply (SmCommand *command,
                         SmMap     *map)
{
  SmRemoveCommand *self = SM_REMOVE_COMMAND (command);

  if (self->cascade == NULL)
    self->cascade = make_cascade (map, self->record);
  sm_command_apply (self->cascade, map);
  self->position = _sm_map_remove_record (map, self->record);
}

static void
sm_remove_command_revert (SmCommand *command,
                          SmMap     *map)
{
  SmRemoveCommand *self = SM_REMOVE_COMMAND (command);

  _sm_map_insert_record (map, self->record, self->position);
  sm_command_revert (self->cascade, map);
}

static char *
sm_remove_command_dup_title (SmCommand *command)
{
  SmRemoveCommand *self = SM_REMOVE_COMMAND (command);

  return g_strdup (kind_title (sm_record_get_kind (self->record), TITLE_DELETE));
}

static void
sm_remove_command_finalize (GObject *object)
{
  SmRemoveCommand *self = (SmRemoveCommand *) object;

  g_clear_object (&self->record);
  g_clear_object (&self->cascade);

  G_OBJECT_CLASS (sm_remove_command_parent_class)->finalize (object);
}

static void
sm_remove_command_class_init (SmRemoveCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_remove_command_finalize;
  command_class->apply = sm_remove_command_apply;
  command_class->revert = sm_remove_command_revert;
  command_class->dup_title = sm_remove_command_dup_title;
}

static void
sm_remove_command_init (SmRemoveCommand *self)
{
}

/* Removes @record; undo brings back it and everything that went with it. */
SmCommand *
sm_command_new_remove (SmMap    *map,
                       SmRecord *record)
{
  SmRemoveCommand *self;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (SM_IS_RECORD (record), NULL);
  g_return_val_if_fail (sm_record_get_kind (record) != SM_RECORD_MAP, NULL);

  self = g_object_new (SM_TYPE_REMOVE_COMMAND, NULL);
  self->record = g_object_ref (record);
  return SM_COMMAND (self);
}

/* Moves stakeholders (or notes: any record with x and y) to new positions
 * as one step (a drag ends in one). */
SmCommand *
sm_command_new_move (GPtrArray    *stakeholders,
                     const double *x,
                     const double *y)
{
  g_autofree char *title = NULL;
  SmCommand       *group;
  guint            people = 0;

  g_return_val_if_fail (stakeholders != NULL, NULL);

  for (guint i = 0; i < stakeholders->len; i++)
    if (sm_record_get_kind (g_ptr_array_index (stakeholders, i)) == SM_RECORD_STAKEHOLDER)
      people++;
  /* Notes are moved the same way, and the menu says so. */
  if (people == stakeholders->len)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Stakeholder", "Move %u Stakeholders",
                                          stakeholders->len),
                             stakeholders->len);
  else if (people == 0 && stakeholders->len == 1)
    title = g_strdup (kind_title (sm_record_get_kind (g_ptr_array_index (stakeholders, 0)), TITLE_MOVE));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Item", "Move %u Items", stakeholders->len),
                             stakeholders->len);
  group = sm_command_new_group (title);
  for (guint i = 0; i < stakeholders->len; i++)
    {
      SmRecord *s = g_ptr_array_index (stakeholders, i);

      sm_command_group_add (group, sm_command_new_set_number (s, "x", x[i]));
      sm_command_group_add (group, sm_command_new_set_number (s, "y", y[i]));
    }
  return group;
}

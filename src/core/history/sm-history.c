/* sm-history.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-history.h"

struct _SmHistory
{
  GObject parent_instance;

  SmMap     *map;
  GPtrArray *undo; /* oldest first */
  GPtrArray *redo; /* next to redo last */

  /* Commands pushed between begin_group and end_group gather here. */
  SmCommand *group;
  guint      group_depth;

  /* Undo depth at the last save; -1 when that state can no longer be
   * reached (it was undone and then replaced by other edits). */
  gint64   save_depth;
  gboolean can_merge;

  gboolean was_modified;
  gboolean could_undo;
  gboolean could_redo;
};

G_DEFINE_FINAL_TYPE (SmHistory, sm_history, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MAP,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
update_state (SmHistory *self)
{
  gboolean modified = sm_history_get_modified (self);
  gboolean can_undo = sm_history_can_undo (self);
  gboolean can_redo = sm_history_can_redo (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  /* Titles change even when the flags do not. */
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sm_history_finalize (GObject *object)
{
  SmHistory *self = (SmHistory *) object;

  g_clear_object (&self->map);
  g_clear_object (&self->group);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (sm_history_parent_class)->finalize (object);
}

static void
sm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SmHistory *self = SM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sm_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, sm_history_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, sm_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SmHistory *self = SM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_MAP:
      self->map = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_history_class_init (SmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sm_history_finalize;
  object_class->get_property = sm_history_get_property;
  object_class->set_property = sm_history_set_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, SM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Anything changed: the stacks, their titles or the modified flag. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_history_init (SmHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo = g_ptr_array_new_with_free_func (g_object_unref);
}

SmHistory *
sm_history_new (SmMap *map)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  return g_object_new (SM_TYPE_HISTORY, "map", map, NULL);
}

SmMap *
sm_history_get_map (SmHistory *self)
{
  g_return_val_if_fail (SM_IS_HISTORY (self), NULL);
  return self->map;
}

/**
 * sm_history_push:
 * @command: (transfer full): the edit
 *
 * Applies @command to the map and records it for undo.
 */
void
sm_history_push (SmHistory *self,
                 SmCommand *command)
{
  g_autoptr(SmCommand) owned = command;

  g_return_if_fail (SM_IS_HISTORY (self));
  g_return_if_fail (SM_IS_COMMAND (command));

  sm_command_apply (command, self->map);

  if (self->group != NULL)
    {
      sm_command_group_add (self->group, g_steal_pointer (&owned));
      return;
    }

  /* The redone future is gone; so is a save point that lay in it. */
  if (self->redo->len > 0)
    {
      if (self->save_depth > (gint64) self->undo->len)
        self->save_depth = -1;
      g_ptr_array_set_size (self->redo, 0);
    }

  /* Never merge into the step the file was saved at: the merged step would
   * be both saved and not. */
  if (self->can_merge && self->undo->len > 0 &&
      (gint64) self->undo->len != self->save_depth &&
      sm_command_merge (g_ptr_array_index (self->undo, self->undo->len - 1), command))
    {
      update_state (self);
      return;
    }

  g_ptr_array_add (self->undo, g_steal_pointer (&owned));
  self->can_merge = TRUE;
  update_state (self);
}

gboolean
sm_history_undo (SmHistory *self)
{
  SmCommand *command;

  g_return_val_if_fail (SM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  sm_command_revert (command, self->map);
  g_ptr_array_add (self->redo, command);
  self->can_merge = FALSE;
  update_state (self);
  return TRUE;
}

gboolean
sm_history_redo (SmHistory *self)
{
  SmCommand *command;

  g_return_val_if_fail (SM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  sm_command_apply (command, self->map);
  g_ptr_array_add (self->undo, command);
  self->can_merge = FALSE;
  update_state (self);
  return TRUE;
}

gboolean
sm_history_can_undo (SmHistory *self)
{
  g_return_val_if_fail (SM_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
sm_history_can_redo (SmHistory *self)
{
  g_return_val_if_fail (SM_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

/* The name of the step Undo would take back, or NULL. */
char *
sm_history_dup_undo_title (SmHistory *self)
{
  g_return_val_if_fail (SM_IS_HISTORY (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return sm_command_dup_title (g_ptr_array_index (self->undo, self->undo->len - 1));
}

char *
sm_history_dup_redo_title (SmHistory *self)
{
  g_return_val_if_fail (SM_IS_HISTORY (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return sm_command_dup_title (g_ptr_array_index (self->redo, self->redo->len - 1));
}

/* Everything pushed until the matching end_group is one step. Groups nest;
 * the outermost title names the step. */
void
sm_history_begin_group (SmHistory  *self,
                        const char *title)
{
  g_return_if_fail (SM_IS_HISTORY (self));

  if (self->group_depth++ == 0)
    self->group = sm_command_new_group (title);
}

void
sm_history_end_group (SmHistory *self)
{
  SmCommand *group;

  g_return_if_fail (SM_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (sm_command_group_get_size (group) == 0)
    {
      g_object_unref (group);
      return;
    }

  /* Already applied command by command: record it without applying again. */
  if (self->redo->len > 0)
    {
      if (self->save_depth > (gint64) self->undo->len)
        self->save_depth = -1;
      g_ptr_array_set_size (self->redo, 0);
    }
  g_ptr_array_add (self->undo, group);
  self->can_merge = FALSE;
  update_state (self);
}

/* The next edit starts a new step even if it touches the same member. */
void
sm_history_break_merge (SmHistory *self)
{
  g_return_if_fail (SM_IS_HISTORY (self));
  self->can_merge = FALSE;
}

/* The map now matches its file. */
void
sm_history_set_save_point (SmHistory *self)
{
  g_return_if_fail (SM_IS_HISTORY (self));
  self->save_depth = self->undo->len;
  self->can_merge = FALSE;
  update_state (self);
}

/* No state in the history matches the file: a map recovered after a crash,
 * or imported, is modified until it is saved. */
void
sm_history_clear_save_point (SmHistory *self)
{
  g_return_if_fail (SM_IS_HISTORY (self));
  self->save_depth = -1;
  update_state (self);
}

gboolean
sm_history_get_modified (SmHistory *self)
{
  g_return_val_if_fail (SM_IS_HISTORY (self), FALSE);
  return self->save_depth != (gint64) self->undo->len ||
         (self->group != NULL && sm_command_group_get_size (self->group) > 0);
}

/* Forgets every step; the current state becomes the save point. */
void
sm_history_clear (SmHistory *self)
{
  g_return_if_fail (SM_IS_HISTORY (self));
  g_return_if_fail (self->group == NULL);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->save_depth = 0;
  self->can_merge = FALSE;
  update_state (self);
}

/* sm-move-command.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Moves that fold into the next move of the same stakeholders, so that a
 * drag or a run of arrow presses is one undo step. */

#include "config.h"

#include "sm-move-command.h"

/* The map follows a drag, and a run of arrow presses, live; the core's move
 * is a plain group, which never merges, so each motion would be an undo
 * step of its own. This keeps the first move (whose revert restores where
 * the stakeholders were) and the latest (which puts them where they are). */

struct _SmMoveCommand
{
  SmCommand parent_instance;

  GPtrArray *stakeholders;
  SmCommand *first;
  SmCommand *last; /* NULL until another move merged */
};

G_DEFINE_FINAL_TYPE (SmMoveCommand, sm_move_command, SM_TYPE_COMMAND)

static void
sm_move_command_apply (SmCommand *command,
                       SmMap     *map)
{
  SmMoveCommand *self = SM_MOVE_COMMAND (command);

  sm_command_apply (self->first, map);
  if (self->last != NULL)
    sm_command_apply (self->last, map);
}

static void
sm_move_command_revert (SmCommand *command,
                        SmMap     *map)
{
  SmMoveCommand *self = SM_MOVE_COMMAND (command);

  if (self->last != NULL)
    sm_command_revert (self->last, map);
  sm_command_revert (self->first, map);
}

static gboolean
sm_move_command_merge (SmCommand *command,
                       SmCommand *next)
{
  SmMoveCommand *self = SM_MOVE_COMMAND (command);
  SmMoveCommand *other;

  if (!SM_IS_MOVE_COMMAND (next))
    return FALSE;
  other = SM_MOVE_COMMAND (next);
  if (other->last != NULL || other->stakeholders->len != self->stakeholders->len)
    return FALSE;
  for (guint i = 0; i < self->stakeholders->len; i++)
    if (g_ptr_array_index (self->stakeholders, i) != g_ptr_array_index (other->stakeholders, i))
      return FALSE;

  g_set_object (&self->last, other->first);
  return TRUE;
}

static char *
sm_move_command_dup_title (SmCommand *command)
{
  return sm_command_dup_title (SM_MOVE_COMMAND (command)->first);
}

static void
sm_move_command_finalize (GObject *object)
{
  SmMoveCommand *self = (SmMoveCommand *) object;

  g_clear_pointer (&self->stakeholders, g_ptr_array_unref);
  g_clear_object (&self->first);
  g_clear_object (&self->last);

  G_OBJECT_CLASS (sm_move_command_parent_class)->finalize (object);
}

static void
sm_move_command_class_init (SmMoveCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_move_command_finalize;
  command_class->apply = sm_move_command_apply;
  command_class->revert = sm_move_command_revert;
  command_class->merge = sm_move_command_merge;
  command_class->dup_title = sm_move_command_dup_title;
}

static void
sm_move_command_init (SmMoveCommand *self)
{
}

/**
 * sm_move_command_new:
 * @stakeholders: (element-type SmRecord): the stakeholders to move, kept
 * @x: the new x of each, in map units
 * @y: the new y of each
 *
 * Moves @stakeholders to new positions; undo puts them back where they were
 * when the command was first applied. The title is the menu's
 * "Move N Stakeholders", as for sm_command_new_move().
 */
SmCommand *
sm_move_command_new (GPtrArray    *stakeholders,
                     const double *x,
                     const double *y)
{
  SmMoveCommand *self;

  g_return_val_if_fail (stakeholders != NULL, NULL);

  self = g_object_new (SM_TYPE_MOVE_COMMAND, NULL);
  self->stakeholders = g_ptr_array_ref (stakeholders);
  self->first = sm_command_new_move (stakeholders, x, y);
  return SM_COMMAND (self);
}

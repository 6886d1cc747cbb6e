/* sm-history.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sm-command.h"

G_BEGIN_DECLS

/* Undo and redo for one map. Pushing a command applies it; consecutive edits
 * of one member merge into one step; a save point tells whether the map
 * differs from the file. */

#define SM_TYPE_HISTORY (sm_history_get_type ())
G_DECLARE_FINAL_TYPE (SmHistory, sm_history, SM, HISTORY, GObject)

SmHistory *sm_history_new (SmMap *map);
SmMap     *sm_history_get_map (SmHistory *self);
void       sm_history_push (SmHistory *self,
                            SmCommand *command);
gboolean   sm_history_undo (SmHistory *self);
gboolean   sm_history_redo (SmHistory *self);
gboolean   sm_history_can_undo (SmHistory *self);
gboolean   sm_history_can_redo (SmHistory *self);
char      *sm_history_dup_undo_title (SmHistory *self);
char      *sm_history_dup_redo_title (SmHistory *self);
void       sm_history_begin_group (SmHistory  *self,
                                   const char *title);
void       sm_history_end_group (SmHistory *self);
void       sm_history_break_merge (SmHistory *self);
void       sm_history_set_save_point (SmHistory *self);
void       sm_history_clear_save_point (SmHistory *self);
gboolean   sm_history_get_modified (SmHistory *self);
void       sm_history_clear (SmHistory *self);

G_END_DECLS

/* sm-command.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sm-map.h"

G_BEGIN_DECLS

/* Every edit of a map is a command: it can be applied, reverted, merged
 * with the edit after it (typing into one field is one step) and named in
 * the Undo menu item. Push commands on an SmHistory to apply them. */

#define SM_TYPE_COMMAND (sm_command_get_type ())
G_DECLARE_DERIVABLE_TYPE (SmCommand, sm_command, SM, COMMAND, GObject)

struct _SmCommandClass
{
  GObjectClass parent_class;

  void (*apply) (SmCommand *self,
                 SmMap     *map);
  void (*revert) (SmCommand *self,
                  SmMap     *map);
  gboolean (*merge) (SmCommand *self,
                     SmCommand *next);
  char *(*dup_title) (SmCommand *self);
};

void     sm_command_apply (SmCommand *self,
                           SmMap     *map);
void     sm_command_revert (SmCommand *self,
                            SmMap     *map);
gboolean sm_command_merge (SmCommand *self,
                           SmCommand *next);
char    *sm_command_dup_title (SmCommand *self);

SmCommand *sm_command_new_set_value (SmRecord   *record,
                                     const char *path,
                                     JsonNode   *value);
SmCommand *sm_command_try_set_value (SmRecord   *record,
                                     const char *path,
                                     JsonNode   *value,
                                     GError    **error);
SmCommand *sm_command_new_set_string (SmRecord   *record,
                                      const char *path,
                                      const char *value);
SmCommand *sm_command_new_set_number (SmRecord   *record,
                                      const char *path,
                                      double      value);
SmCommand *sm_command_new_add (SmMap       *map,
                               SmRecordKind kind,
                               JsonObject  *data);
SmCommand *sm_command_try_add (SmMap       *map,
                               SmRecordKind kind,
                               JsonObject  *data,
                               GError     **error);
SmCommand *sm_command_new_remove (SmMap    *map,
                                  SmRecord *record);
SmCommand *sm_command_new_move (GPtrArray    *stakeholders,
                                const double *x,
                                const double *y);
SmCommand *sm_command_new_group (const char *title);
void       sm_command_group_add (SmCommand *group,
                                 SmCommand *command);
guint      sm_command_group_get_size (SmCommand *group);

G_END_DECLS

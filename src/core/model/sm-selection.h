/* sm-selection.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sm-map.h"

G_BEGIN_DECLS

/* The records a user has selected, by id, in the order they were selected.
 * One selection is shared by every view of a map (canvas, tables,
 * inspector, evaluation), so selecting in one selects in all. Records that
 * leave the map leave the selection. */

#define SM_TYPE_SELECTION (sm_selection_get_type ())
G_DECLARE_FINAL_TYPE (SmSelection, sm_selection, SM, SELECTION, GObject)

SmSelection     *sm_selection_new (SmMap *map);
SmMap           *sm_selection_get_map (SmSelection *self);
guint            sm_selection_get_size (SmSelection *self);
const GPtrArray *sm_selection_get_ids (SmSelection *self);
gboolean         sm_selection_contains (SmSelection *self,
                                        const char  *id);
const char      *sm_selection_get_primary (SmSelection *self);
SmRecord        *sm_selection_get_primary_record (SmSelection *self);
GPtrArray       *sm_selection_dup_records (SmSelection *self,
                                           SmRecordKind kind);
void             sm_selection_set (SmSelection       *self,
                                   const char *const *ids);
void             sm_selection_select_only (SmSelection *self,
                                           const char  *id);
void             sm_selection_add (SmSelection *self,
                                   const char  *id);
void             sm_selection_remove (SmSelection *self,
                                      const char  *id);
void             sm_selection_toggle (SmSelection *self,
                                      const char  *id);
void             sm_selection_clear (SmSelection *self);

G_END_DECLS

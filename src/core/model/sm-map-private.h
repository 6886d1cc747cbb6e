/* sm-map-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-map.h"

G_BEGIN_DECLS

/* Changing the map directly: for commands, the loader and importers only. */

void  _sm_map_insert_record (SmMap    *self,
                             SmRecord *record,
                             guint     position);
guint _sm_map_remove_record (SmMap    *self,
                             SmRecord *record);
void  _sm_map_set_value (SmMap      *self,
                         SmRecord   *record,
                         const char *path,
                         JsonNode   *value);
void  _sm_map_set_metadata (SmMap      *self,
                            JsonObject *data);
void  _sm_map_set_extra (SmMap      *self,
                         JsonObject *extra);
void  _sm_map_set_version (SmMap *self,
                           gint64 version);

/* Every change to what sm_map_copy_full() reads (records' data, the
 * collections, metadata, extra members, the evaluation member, version)
 * is made between these two, on the map's own thread: a copy running on
 * another thread gives up and starts again, and the change waits only
 * until it has let go. Signals are emitted after _sm_map_edit_end(). */
void _sm_map_edit_begin (SmMap *self);
void _sm_map_record_changed (SmMap      *self,
                             SmRecord   *record,
                             const char *path);
void _sm_map_edit_end (SmMap *self);

/* The file's "evaluation" member (sm-evaluation-store.c), NULL when the
 * file has none. The object is never changed in place: setting a new one
 * emits "evaluation-changed". */
JsonObject *_sm_map_get_evaluation (SmMap *self);
void        _sm_map_set_evaluation (SmMap      *self,
                                    JsonObject *evaluation);

G_END_DECLS

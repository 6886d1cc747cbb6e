/* sm-map.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-collection.h"
#include "sm-record.h"

G_BEGIN_DECLS

/* The map document: its metadata record and one collection per kind of
 * record. Views read it and listen to its signals; edits go through
 * commands on an SmHistory (sm-command.h), never straight to the map. */

#define SM_TYPE_MAP (sm_map_get_type ())
G_DECLARE_FINAL_TYPE (SmMap, sm_map, SM, MAP, GObject)

SmMap        *sm_map_new (void);
SmMap        *sm_map_copy (SmMap *self);
SmMap        *sm_map_copy_full (SmMap        *self,
                                GCancellable *cancellable,
                                GError      **error);
SmRecord     *sm_map_get_metadata (SmMap *self);
const char   *sm_map_get_title (SmMap *self);
SmCollection *sm_map_get_collection (SmMap       *self,
                                     SmRecordKind kind);
SmCollection *sm_map_get_stakeholders (SmMap *self);
SmCollection *sm_map_get_relationships (SmMap *self);
SmRecord     *sm_map_lookup (SmMap      *self,
                             const char *id);
SmRecord     *sm_map_lookup_kind (SmMap       *self,
                                  SmRecordKind kind,
                                  const char  *id);
char         *sm_map_make_id (SmMap       *self,
                              SmRecordKind kind);
GPtrArray    *sm_map_dup_relationships_of (SmMap    *self,
                                           SmRecord *stakeholder);
JsonObject   *sm_map_get_extra (SmMap *self);
gint64        sm_map_get_version (SmMap *self);
gboolean      sm_map_get_read_only (SmMap *self);
char         *sm_name_dup_key (const char *name);
SmRecord     *sm_map_find_same_name (SmMap      *self,
                                     const char *name,
                                     SmRecord   *except);

G_END_DECLS

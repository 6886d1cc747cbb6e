/* sm-collection.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-record.h"

G_BEGIN_DECLS

/* The records of one kind in file order, as a list model views can bind to. */

#define SM_TYPE_COLLECTION (sm_collection_get_type ())
G_DECLARE_FINAL_TYPE (SmCollection, sm_collection, SM, COLLECTION, GObject)

SmCollection *sm_collection_new (SmRecordKind kind);
SmRecordKind  sm_collection_get_kind (SmCollection *self);
guint         sm_collection_get_size (SmCollection *self);
SmRecord     *sm_collection_get (SmCollection *self,
                                 guint         position);
gboolean      sm_collection_find (SmCollection *self,
                                  SmRecord     *record,
                                  guint        *position);
void          _sm_collection_insert (SmCollection *self,
                                     guint         position,
                                     SmRecord     *record);
/* The same in two halves, so the map can change the list under its lock
 * and tell the list's watchers after letting go (sm-map-private.h). */
void _sm_collection_insert_quiet (SmCollection *self,
                                  guint         position,
                                  SmRecord     *record);
void _sm_collection_remove_quiet (SmCollection *self,
                                  guint         position);
void _sm_collection_items_changed (SmCollection *self,
                                   guint         position,
                                   guint         removed,
                                   guint         added);
void _sm_collection_remove (SmCollection *self,
                            guint         position);

G_END_DECLS

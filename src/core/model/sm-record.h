/* sm-record.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sm-schema.h"
#include "sm-types.h"

G_BEGIN_DECLS

/* One stakeholder, relationship, space, decision, affected group, annotation
 * or the map's own metadata. Its members are kept in a compact typed form
 * (see sm-record.c); members this version does not know are kept as JSON,
 * so they survive a round trip. Typed getters read members with the
 * defaults of docs/format.md; sm_record_dup_data() gives them as JSON.
 * Records are changed only through SmMap (and so through commands on the
 * history). */

#define SM_TYPE_RECORD (sm_record_get_type ())
G_DECLARE_FINAL_TYPE (SmRecord, sm_record, SM, RECORD, GObject)

SmRecord    *sm_record_new (SmRecordKind kind,
                            JsonObject  *data);
SmRecordKind sm_record_get_kind (SmRecord *self);
const char  *sm_record_get_id (SmRecord *self);
SmMap       *sm_record_get_map (SmRecord *self);
JsonObject  *sm_record_dup_data (SmRecord *self);
JsonNode    *sm_record_get_value (SmRecord   *self,
                                  const char *path);
JsonNode    *sm_record_dup_value (SmRecord   *self,
                                  const char *path);
const char  *sm_record_get_string (SmRecord   *self,
                                   const char *path);
const char  *sm_record_get_enum (SmRecord   *self,
                                 const char *path);
double       sm_record_get_score (SmRecord   *self,
                                  const char *path);
double       sm_record_get_number (SmRecord   *self,
                                   const char *path,
                                   double      fallback);
SmTristate   sm_record_get_boolean (SmRecord   *self,
                                    const char *path);
gboolean     sm_record_has_value (SmRecord   *self,
                                  const char *path);
const char  *sm_record_get_label (SmRecord *self);

/* Stakeholders */
const char *sm_stakeholder_get_name (SmRecord *self);
gboolean    sm_stakeholder_get_position (SmRecord *self,
                                         double   *x,
                                         double   *y);
SmSide      sm_stakeholder_get_side (SmRecord *self);

/* Relationships */
const char *sm_relationship_get_source (SmRecord *self);
const char *sm_relationship_get_target (SmRecord *self);

/* Regions: x and y are the centre. A region without a size has this one. */
#define SM_REGION_DEFAULT_SIZE 200.0

void     sm_region_get_rect (SmRecord *self,
                             double   *cx,
                             double   *cy,
                             double   *width,
                             double   *height);
gboolean sm_region_is_ellipse (SmRecord *self);
gboolean sm_region_contains (SmRecord *self,
                             double    x,
                             double    y);

/* For SmMap only. */
void      _sm_record_set_map (SmRecord *self,
                              SmMap    *map);
void      _sm_record_set_value (SmRecord   *self,
                                const char *path,
                                JsonNode   *value);
void      _sm_record_replace_data (SmRecord   *self,
                                   JsonObject *data);
void      _sm_record_replace_with (SmRecord *self,
                                   SmRecord *other);
SmRecord *_sm_record_copy (SmRecord *self);
void      _sm_record_write (SmRecord *self,
                            GString  *out,
                            guint     indent);

G_END_DECLS

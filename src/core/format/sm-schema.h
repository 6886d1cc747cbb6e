/* sm-schema.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sm-types.h"

G_BEGIN_DECLS

/* The shape of every member of format v1 (docs/format.md), as one table per
 * record kind. Validation, writing in a stable order, set-field commands,
 * reference clean-up and the inspector all read these tables, so a field is
 * described exactly once. */

typedef enum
{
  SM_FIELD_STRING,      /* any string */
  SM_FIELD_ID,          /* the record's own id: non-empty, unique in the file */
  SM_FIELD_DATE,        /* "YYYY-MM-DD" */
  SM_FIELD_BOOLEAN,     /* true, false or "unknown" */
  SM_FIELD_SCORE,       /* number from min to max, or "unknown" */
  SM_FIELD_LEVEL,       /* integer from min to max, or "unknown" */
  SM_FIELD_INTEGER,     /* integer from min to max */
  SM_FIELD_NUMBER,      /* finite number from min to max */
  SM_FIELD_ENUM,        /* snake_case string; values not in the table are kept */
  SM_FIELD_ENUM_LIST,   /* array of enum strings */
  SM_FIELD_STRING_LIST, /* array of strings */
  SM_FIELD_REF,         /* id of another record (ref_kind) */
  SM_FIELD_REF_LIST,    /* array of such ids */
  SM_FIELD_OBJECT,      /* object with its own fields (children) */
  SM_FIELD_OBJECT_LIST, /* array of such objects */
  SM_FIELD_ENUM_MAP,    /* object: free keys, enum values */
  SM_FIELD_LEVEL_MAP,   /* object: enum keys (key_values), level values */
} SmFieldType;

typedef enum
{
  SM_FIELD_REQUIRED = 1 << 0,
  SM_FIELD_MULTILINE = 1 << 1, /* long free text (notes, purpose) */
  SM_FIELD_COMMON = 1 << 2,    /* shown first in editors */
  SM_FIELD_ABOVE_MIN = 1 << 3, /* NUMBER: min itself is refused (sizes) */
  SM_FIELD_HIDDEN = 1 << 4,    /* kept by the app itself, not shown in editors */
} SmFieldFlags;

/* What a reference names. SM_REF_ANY accepts stakeholders and relationships. */
typedef enum
{
  SM_REF_NONE,
  SM_REF_STAKEHOLDER,
  SM_REF_SPACE,
  SM_REF_AFFECTED_GROUP,
  SM_REF_NODE_OR_EDGE,
} SmRefKind;

typedef struct _SmField SmField;

struct _SmField
{
  const char        *name;
  SmFieldType        type;
  const char        *label; /* N_(), for editors */
  SmFieldFlags       flags;
  const char *const *values; /* enum values, NULL-terminated */
  double             min;
  double             max;
  const char        *default_json;   /* the documented default, as JSON text */
  const SmField     *children;       /* OBJECT, OBJECT_LIST; NULL name ends */
  SmRefKind          ref;            /* REF, REF_LIST */
  const char *const *key_values;     /* LEVEL_MAP keys */
  const char        *default_string; /* ENUM: the default, unquoted */
};

const SmField *sm_schema_get_fields (SmRecordKind kind);
const SmField *sm_schema_lookup (const SmField *fields,
                                 const char    *name);
int            sm_schema_index (const SmField *fields,
                                const char    *name);
guint          sm_schema_count (const SmField *fields);
const SmField *sm_schema_lookup_path (SmRecordKind kind,
                                      const char  *path);
const char    *sm_schema_get_array_name (SmRecordKind kind);
const char    *sm_schema_get_element_name (SmRecordKind kind);
gboolean       sm_schema_enum_has_value (const SmField *field,
                                         const char    *value);
gboolean       sm_schema_field_has_refs (const SmField *field);

/* Whether the reference to @id is to go. */
typedef gboolean (*SmSchemaRefGone) (const char *id,
                                     gpointer    data);
JsonNode   *sm_schema_without_refs (JsonNode       *node,
                                    const SmField  *field,
                                    SmSchemaRefGone gone,
                                    gpointer        data,
                                    gboolean       *drop);
const char *sm_schema_enum_resolve (const SmField *field,
                                    const char    *value);

/* Enumerations other code needs by name. */
extern const char *const sm_stakeholder_kinds[];
extern const char *const sm_relationship_categories[];
extern const char *const sm_stages[];
extern const char *const sm_region_shapes[];
extern const char *const sm_region_colours[];

G_END_DECLS

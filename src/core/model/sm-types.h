/* sm-types.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SmMap        SmMap;
typedef struct _SmRecord     SmRecord;
typedef struct _SmCollection SmCollection;
typedef struct _SmHistory    SmHistory;
typedef struct _SmCommand    SmCommand;

/* What kind of thing a record is; also names the array it lives in. */
typedef enum
{
  SM_RECORD_MAP,
  SM_RECORD_STAKEHOLDER,
  SM_RECORD_RELATIONSHIP,
  SM_RECORD_SPACE,
  SM_RECORD_DECISION,
  SM_RECORD_AFFECTED_GROUP,
  SM_RECORD_ANNOTATION,
  SM_RECORD_REGION, /* labelled shapes behind the map (issue 12) */
} SmRecordKind;

#define SM_N_COLLECTIONS 7 /* every kind but SM_RECORD_MAP */
#define SM_RECORD_LAST SM_RECORD_REGION

/* Side (principles.md §3.7), derived from kind and lived experience. */
typedef enum
{
  SM_SIDE_OTHER,
  SM_SIDE_COMMUNITY,
  SM_SIDE_INSTITUTIONAL,
} SmSide;

/* A boolean that may be "unknown": unknown is never taken as "no". */
typedef enum
{
  SM_TRISTATE_UNKNOWN = -1,
  SM_TRISTATE_FALSE = 0,
  SM_TRISTATE_TRUE = 1,
} SmTristate;

/* Scores (0–10) and ladder levels (0–7) read back as this when unknown. */
#define SM_UNKNOWN (-1.0)
#define SM_IS_KNOWN(v) ((v) >= 0.0)

G_END_DECLS

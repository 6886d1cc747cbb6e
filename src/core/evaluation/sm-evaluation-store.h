/* sm-evaluation-store.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-command.h"
#include "sm-evaluate.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* What a group adds to an evaluation, kept in the project file so it
 * travels with the map (principles.md §7.6, §8.5): thresholds it changed,
 * with who, when, the old and new value and why; and its responses to
 * findings ("Discuss", "We see it differently"). Every change is a command
 * on the history, so it can be undone. The file member is described in
 * docs/format.md ("evaluation"). */

typedef enum
{
  SM_RESPONSE_DISCUSS,
  SM_RESPONSE_DIFFER,
} SmResponseKind;

typedef struct
{
  char          *id;   /* unique among responses */
  char          *rule; /* "SP-01" */
  SmResponseKind kind;
  char          *text; /* what the group said */
  char          *by;   /* who recorded it (free text), may be NULL */
  char          *at;   /* ISO 8601 date-time, may be NULL */
} SmResponse;

typedef struct
{
  char  *key; /* an SmEvalConfig key */
  double old_value;
  double new_value;
  char  *by;     /* may be NULL */
  char  *at;     /* ISO 8601 date-time */
  char  *reason; /* may be NULL */
} SmThresholdChange;

void sm_response_free (SmResponse *response);
void sm_threshold_change_free (SmThresholdChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmResponse, sm_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmThresholdChange, sm_threshold_change_free)

/* The configuration the map's evaluation uses: the defaults of §10 with
 * the map's own thresholds applied. */
SmEvalConfig *sm_map_dup_eval_config (SmMap *map);

/* Responses, oldest first; of one rule, or all when @rule is NULL. */
GPtrArray *sm_map_dup_responses (SmMap      *map,
                                 const char *rule);
/* Threshold changes, oldest first. */
GPtrArray *sm_map_dup_threshold_log (SmMap *map);

SmCommand *sm_command_new_add_response (SmMap         *map,
                                        const char    *rule,
                                        SmResponseKind kind,
                                        const char    *text,
                                        const char    *by);
SmCommand *sm_command_new_remove_response (SmMap      *map,
                                           const char *id);
/* Sets @key to @value and logs the change with @by, @reason and now. */
SmCommand *sm_command_new_set_threshold (SmMap      *map,
                                         const char *key,
                                         double      value,
                                         const char *by,
                                         const char *reason);

/* What the evaluation said at a snapshot of the map (principles.md §7.5):
 * each rule's main value and status, and each principle's status, so a later
 * evaluation can show the change with an arrow ("was Partly met on …"). */
typedef struct
{
  char       *date;             /* the map's snapshot date when recorded (ISO 8601) */
  gint64      version;          /* the map's snapshot version, 0 when unknown */
  char       *recorded_at;      /* ISO 8601 date-time it was recorded */
  GHashTable *values;           /* rule id → double* (NAN: none) */
  GHashTable *rule_status;      /* rule id → status string ("pass") */
  GHashTable *principle_status; /* "P1" → status string ("partly_met") */
} SmEvalSnapshot;

void sm_eval_snapshot_free (SmEvalSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmEvalSnapshot, sm_eval_snapshot_free)

/* Recorded snapshots, oldest first. */
GPtrArray *sm_map_dup_eval_snapshots (SmMap *map);
/* The newest snapshot recorded before the map's current snapshot (by date,
 * then version), or NULL. */
SmEvalSnapshot *sm_map_dup_previous_snapshot (SmMap *map);
/* Records @evaluation's values at the map's current snapshot date and
 * version, replacing a record of the same date and version. */
SmCommand *sm_command_new_record_snapshot (SmMap        *map,
                                           SmEvaluation *evaluation);

/* SmMap emits "evaluation-changed" (no arguments) whenever thresholds,
 * responses or snapshots change, by a command or its undo. */

G_END_DECLS

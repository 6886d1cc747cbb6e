/* sm-merge.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sm-command.h"
#include "sm-diff.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* A three-way merge of two versions of a map (ours, theirs) made from a
 * common one (base), by id and field by field: the map's details, every
 * collection, the evaluation's responses and the file's other members.
 * What only one side changed is taken; where both changed the same field
 * differently, or one side removed a record the other changed or now
 * refers to (and then each relationship the same side removed with that
 * stakeholder), there is a conflict, resolved as OURS until a choice says
 * otherwise. Nested objects are merged member by member ("power.holder");
 * arrays (tags, members, stakeholders of a decision) are one value each.
 * Positions (x, y) are fields like any other; sm_merge_conflict_is_move()
 * tells them apart so a front end can keep them quiet. An SmMerge is a
 * snapshot of the three maps: later edits of them do not change it. */

typedef enum
{
  SM_MERGE_CHOICE_OURS,
  SM_MERGE_CHOICE_THEIRS,
} SmMergeChoice;

typedef struct _SmMerge         SmMerge;
typedef struct _SmMergeConflict SmMergeConflict;

SmMerge *sm_merge_new (SmMap *base,
                       SmMap *ours,
                       SmMap *theirs);
void     sm_merge_free (SmMerge *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmMerge, sm_merge_free)

guint            sm_merge_get_n_conflicts (SmMerge *self);
SmMergeConflict *sm_merge_get_conflict (SmMerge *self,
                                        guint    position);

SmDiffKind  sm_merge_conflict_get_kind (SmMergeConflict *conflict);
const char *sm_merge_conflict_get_id (SmMergeConflict *conflict);
/* As sm_diff_entry_get_name(); never NULL. */
const char *sm_merge_conflict_get_name (SmMergeConflict *conflict);
/* The field's dotted path; NULL when the conflict is about the whole
 * record (removed on one side, changed or referred to on the other).
 * Members of the file outside "map" and the collections have a path
 * starting with "$." ("$.evaluation.thresholds"). */
const char *sm_merge_conflict_get_path (SmMergeConflict *conflict);
/* NULL when absent on that side. */
JsonNode     *sm_merge_conflict_get_base (SmMergeConflict *conflict);
JsonNode     *sm_merge_conflict_get_ours (SmMergeConflict *conflict);
JsonNode     *sm_merge_conflict_get_theirs (SmMergeConflict *conflict);
gboolean      sm_merge_conflict_is_move (SmMergeConflict *conflict);
SmMergeChoice sm_merge_conflict_get_choice (SmMergeConflict *conflict);
void          sm_merge_conflict_set_choice (SmMergeConflict *conflict,
                                            SmMergeChoice    choice);

/* The merged map: ours, theirs' changes, and the choices. References a
 * choice would leave dangling are cleared the way deleting the record in
 * the app clears them (a relationship to a removed stakeholder goes);
 * each such repair is listed by sm_merge_get_n_notes() after the call. */
SmMap      *sm_merge_dup_result (SmMerge *self,
                                 GError **error);
guint       sm_merge_get_n_notes (SmMerge *self);
const char *sm_merge_get_note (SmMerge *self,
                               guint    position);

/* One command, "Merge Changes", that turns @live_ours (the open document,
 * holding what ours held) into the result: one step to undo. It is made
 * against @live_ours as it is now: push it at once; edits made to the
 * document after sm_merge_new() and before this call are replaced by the
 * result where they differ. */
SmCommand *sm_merge_build_command (SmMerge *self,
                                   SmMap   *live_ours,
                                   GError **error);

/* {"conflicts": [...], "notes": [...]} (docs/cli.md); notes are those of
 * the last sm_merge_dup_result(). */
JsonNode *sm_merge_to_json (SmMerge *self);

G_END_DECLS

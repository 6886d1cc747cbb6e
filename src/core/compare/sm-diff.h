/* sm-diff.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sm-map.h"

G_BEGIN_DECLS

/* What changed between two versions of a map, compared by id: records of
 * each collection, the map's own details and the evaluation's responses.
 * A change is listed field by field (a dotted path within the record, old
 * and new value); moves (only x and y changed) of stakeholders, notes and
 * regions are counted, not listed. Entries come in a fixed order: the map's
 * details, then each collection in file order (added and changed in B's
 * order, then removed in A's), then responses. An SmDiff is a snapshot:
 * later edits of either map do not change it. */

typedef enum
{
  SM_DIFF_KIND_MAP = SM_RECORD_MAP,
  SM_DIFF_KIND_STAKEHOLDER = SM_RECORD_STAKEHOLDER,
  SM_DIFF_KIND_RELATIONSHIP = SM_RECORD_RELATIONSHIP,
  SM_DIFF_KIND_SPACE = SM_RECORD_SPACE,
  SM_DIFF_KIND_DECISION = SM_RECORD_DECISION,
  SM_DIFF_KIND_AFFECTED_GROUP = SM_RECORD_AFFECTED_GROUP,
  SM_DIFF_KIND_ANNOTATION = SM_RECORD_ANNOTATION,
  SM_DIFF_KIND_REGION = SM_RECORD_REGION,
  SM_DIFF_KIND_RESPONSE, /* a response in the file's "evaluation" */
} SmDiffKind;

#define SM_DIFF_N_KINDS (SM_DIFF_KIND_RESPONSE + 1)

typedef enum
{
  SM_DIFF_ADDED,
  SM_DIFF_REMOVED,
  SM_DIFF_CHANGED,
} SmDiffChange;

typedef struct _SmDiff      SmDiff;
typedef struct _SmDiffEntry SmDiffEntry;
typedef struct _SmDiffField SmDiffField;

SmDiff *sm_diff_new (SmMap *a,
                     SmMap *b);
void    sm_diff_free (SmDiff *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmDiff, sm_diff_free)

/* TRUE when nothing differs, moves included. */
gboolean     sm_diff_is_empty (SmDiff *self);
guint        sm_diff_get_n_entries (SmDiff *self);
SmDiffEntry *sm_diff_get_entry (SmDiff *self,
                                guint   position);
/* How many records of @kind only moved (stakeholders, notes, regions). */
guint sm_diff_get_n_moved (SmDiff    *self,
                           SmDiffKind kind);

SmDiffKind   sm_diff_entry_get_kind (SmDiffEntry *entry);
const char  *sm_diff_entry_get_id (SmDiffEntry *entry);
SmDiffChange sm_diff_entry_get_change (SmDiffEntry *entry);
/* A name to show: a stakeholder's name, a relationship's "A → B" by the
 * stakeholders' names, a note's text, the map's title, a response's rule;
 * never NULL. Names are as the file has them: a front end that shows them
 * beyond the team applies the consent rule itself. */
const char *sm_diff_entry_get_name (SmDiffEntry *entry);
/* Changed fields, by path; empty for added and removed records. */
guint        sm_diff_entry_get_n_fields (SmDiffEntry *entry);
SmDiffField *sm_diff_entry_get_field (SmDiffEntry *entry,
                                      guint        position);

const char *sm_diff_field_get_path (SmDiffField *field);
/* NULL when the member is absent on that side. */
JsonNode *sm_diff_field_get_old (SmDiffField *field);
JsonNode *sm_diff_field_get_new (SmDiffField *field);

/* "stakeholder", "relationship", …, "note", "region", "map", "response":
 * the kind as the JSON form of the diff writes it. */
const char *sm_diff_kind_to_string (SmDiffKind kind);
const char *sm_diff_change_to_string (SmDiffChange change);
const char *sm_diff_kind_get_label (SmDiffKind kind,
                                    gboolean   capital);
const char *sm_diff_kind_get_change_label (SmDiffKind   kind,
                                           SmDiffChange change);

/* The diff as JSON: {"changes": [...], "moved": {...}} (docs/cli.md). */
JsonNode *sm_diff_to_json (SmDiff *self);

G_END_DECLS

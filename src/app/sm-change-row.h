/* sm-change-row.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sm-diff.h"
#include "sm-schema.h"

G_BEGIN_DECLS

/* A change between two versions of a map, in words, as Compare With… and
 * Merge Changes From… list them: the record's name, "Stakeholder changed",
 * and each field's "Influence: 3 → 7". Stakeholders a value refers to are
 * named from @map, or else from @other. */
GtkWidget *_sm_change_row_new (SmDiffEntry *entry,
                               SmMap       *map,
                               SmMap       *other);
/* A value as a reader knows it: the label of a schema value, a
 * stakeholder's name, a number; "nothing" for an absent one. */
char *_sm_change_value_text (const SmField *field,
                             JsonNode      *node,
                             SmMap         *map,
                             SmMap         *other);
/* The field's label ("Influence"), or its path where it has none. */
const char *_sm_change_field_label (SmDiffKind  kind,
                                    const char *path);

G_END_DECLS

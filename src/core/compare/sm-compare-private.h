/* sm-compare-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sm-map.h"

G_BEGIN_DECLS

/* What the diff and the merge share: one idea of equal values and one way
 * to name a record. */

/* Values are equal as the file means them: 4 and 4.0 are one number. */
gboolean _sm_compare_values_equal (JsonNode *a,
                                   JsonNode *b);
/* A stakeholder's name, a relationship's "A → B" by the names in @map. */
char *_sm_compare_record_name (SmMap    *map,
                               SmRecord *record);
/* A response's rule and kind ("SP-01, discuss"), or its id. */
char *_sm_compare_response_name (JsonObject *response);
/* A copy of @node for JSON output; JSON null for an absent value. */
JsonNode *_sm_compare_node_or_null (JsonNode *node);

G_END_DECLS

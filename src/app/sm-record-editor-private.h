/* sm-record-editor-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-record-editor.h"

G_BEGIN_DECLS

/* For tests: the control that edits @key, a field path such as "influence"
 * or "lived_experience.relevant" ("assets.0.type" inside a list, and
 * "goal_positions/open-data" inside a map of values). A suffix picks a part
 * of a compound control: ":unknown" (the Unknown or Not set check), ":yes",
 * ":no", ":unknown" of a yes/no/unknown choice, ":add" of a list, or
 * ":VALUE" for one check of a list of choices. */
GtkWidget *sm_record_editor_get_control (SmRecordEditor *self,
                                         const char     *key);

G_END_DECLS

/* sm-thresholds-dialog.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sm-document.h"

G_BEGIN_DECLS

/* Every threshold the checks use (principles.md §10): its value for this
 * map, its default, and whether it is a judgement call. Changing one asks
 * who is changing it and why, and is logged with the map (§7.6); the log
 * is shown here too. */

#define SM_TYPE_THRESHOLDS_DIALOG (sm_thresholds_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SmThresholdsDialog, sm_thresholds_dialog, SM, THRESHOLDS_DIALOG, AdwPreferencesWindow)

GtkWidget *sm_thresholds_dialog_new (SmDocument *document);
/* What the row's Change button does: asks who and why, then changes @key. */
void sm_thresholds_dialog_request_change (SmThresholdsDialog *self,
                                          const char         *key,
                                          double              value);

G_END_DECLS

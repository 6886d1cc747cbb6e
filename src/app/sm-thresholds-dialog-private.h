/* sm-thresholds-dialog-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-thresholds-dialog.h"

G_BEGIN_DECLS

/* Test hooks: the row of @key, and the log as shown, newest first. */
GtkWidget *_sm_thresholds_dialog_test_get_row (SmThresholdsDialog *self,
                                               const char         *key);
GPtrArray *_sm_thresholds_dialog_test_dup_log_titles (SmThresholdsDialog *self);
/* The toast of the last Use for New Maps, while it is shown. */
AdwToast *_sm_thresholds_dialog_test_get_team_toast (SmThresholdsDialog *self);

G_END_DECLS

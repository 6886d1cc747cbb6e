/* sm-application-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-application.h"

G_BEGIN_DECLS

/* Test hooks */

/* How long a big file is read before its feedback window shows (half a
 * second); the tests make it 0. */
void _sm_application_set_load_feedback_delay (gint64 usec);
/* How many files are being read on a worker (cancelled ones until their
 * worker comes back). */
guint _sm_application_test_get_n_loading (SmApplication *self);

G_END_DECLS

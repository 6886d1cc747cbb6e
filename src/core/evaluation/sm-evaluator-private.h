/* sm-evaluator-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-evaluator.h"

G_BEGIN_DECLS

/* Test hooks */

/* From how many stakeholders and relationships the map is evaluated on a
 * worker thread (1000 otherwise): 0 sends every run there. */
void _sm_evaluator_test_set_background_from (SmEvaluator *self,
                                             guint        n_records);

G_END_DECLS

/* sm-progress.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How far a long piece of work (evaluation, metrics, a report) has got,
 * for a front end to show. The work runs on one thread and reports
 * through sm_progress_update(); the front end either reads the state
 * from another thread (the app polls it from a timeout) or is called
 * back on the working thread (the command line). Cancelling goes through
 * a GCancellable, as everywhere in GIO. */

#define SM_TYPE_PROGRESS (sm_progress_get_type ())
G_DECLARE_FINAL_TYPE (SmProgress, sm_progress, SM, PROGRESS, GObject)

/* Called on the working thread, at most every few milliseconds. */
typedef void (*SmProgressFunc) (SmProgress *progress,
                                double      fraction,
                                const char *stage,
                                gpointer    user_data);

SmProgress *sm_progress_new (void);
void        sm_progress_set_func (SmProgress    *self,
                                  SmProgressFunc func,
                                  gpointer       user_data,
                                  GDestroyNotify destroy);
void        sm_progress_update (SmProgress *self,
                                double      fraction,
                                const char *stage);
void        sm_progress_push_range (SmProgress *self,
                                    double      start,
                                    double      end);
void        sm_progress_pop_range (SmProgress *self);
double      sm_progress_get_fraction (SmProgress *self);
char       *sm_progress_dup_stage (SmProgress *self);

G_END_DECLS

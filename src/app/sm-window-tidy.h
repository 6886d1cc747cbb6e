/* sm-window-tidy.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-layout.h"
#include "sm-window.h"

G_BEGIN_DECLS

/* Maps with more stakeholders than this are tidied on a worker thread. */
#define SM_WINDOW_TIDY_IN_BACKGROUND 1000

/* Tidy Up of a large map on a worker thread, from a copy of the map: the
 * window stays usable, a bar above the map says how far it is and offers
 * Cancel, and the result lands as one "Tidy Up" step on the history. If
 * the map is edited while it runs, the result is dropped and a toast says
 * so.
 * @pinned is the set of the window's stakeholders that stay (NULL:
 * none), @boxes one per stakeholder (taken). Does nothing while another
 * Tidy Up of the window runs. */
void _sm_window_tidy_in_background (SmWindow    *self,
                                    GHashTable  *pinned,
                                    SmLayoutBox *boxes);
/* "win.tidy-up-cancel": stops a Tidy Up running in the background; the
 * map stays as it is. */
void _sm_window_tidy_cancel (SmWindow *self);

/* Test hooks: TRUE while a Tidy Up runs in the background; the bar that
 * shows how far it is; how many workers (of any window) have not yet
 * handed back their result, cancelled ones included. */
gboolean   _sm_window_test_get_tidying (SmWindow *self);
GtkWidget *_sm_window_test_get_tidy_bar (SmWindow *self);
guint      _sm_window_test_get_tidy_workers (void);
/* How long a Tidy Up runs before its bar shows (half a second). */
void _sm_window_test_set_tidy_bar_delay (gint64 usec);

G_END_DECLS

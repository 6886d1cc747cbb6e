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

/* Opens @uri for @parent; gtk_show_uri_full() unless a test swaps it. */
typedef void (*SmUriLauncher) (GtkWindow  *parent,
                               const char *uri);
/* Makes app.help (and whatever else opens a URI) call @launcher instead;
 * NULL puts the real one back. */
void _sm_application_test_set_uri_launcher (SmUriLauncher launcher);
/* Where app.help looks for the installed guide (instead of the XDG data
 * directories and HELP_DIR) and for the pages in the source tree; NULL
 * puts the real places back. */
void _sm_application_test_set_help_dirs (const char *const *data_dirs,
                                         const char        *source_dir);

G_END_DECLS

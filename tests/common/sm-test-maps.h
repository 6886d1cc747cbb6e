/* sm-test-maps.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps the tests build, shared between the suites. */

char *sm_test_big_map_json (guint       n,
                            const char *title);
char *sm_test_write_big_map (const char *dir,
                             const char *name,
                             guint       n);

G_END_DECLS

/* sm-ui-test-utils.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the widget suites share: letting GTK run as a user would wait,
 * closing what a test opened, and finding widgets and dialogs. The core
 * helpers (loading maps, scratch files) come with it. */

#pragma once

#include <adwaita.h>

#include "sm-test-utils.h"

G_BEGIN_DECLS

void       sm_test_spin (void);
void       sm_test_wait_for_idle (void);
void       sm_test_wait_until_visible (GtkWidget *widget);
void       sm_test_close_all (void);
GtkWidget *sm_test_find_by_css_class (GtkWidget  *widget,
                                      const char *name);

G_END_DECLS

/* sm-preferences-window.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SM_TYPE_PREFERENCES_WINDOW (sm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SmPreferencesWindow, sm_preferences_window, SM, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sm_preferences_window_new (GtkWindow *parent);

/* Test hook: the switch of a workshop step, by its id. */
GtkWidget *_sm_preferences_window_test_get_step_switch (SmPreferencesWindow *self,
                                                        const char          *id);

G_END_DECLS

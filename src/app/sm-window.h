/* sm-window.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-application.h"
#include "sm-map.h"

G_BEGIN_DECLS

#define SM_TYPE_WINDOW (sm_window_get_type ())
G_DECLARE_FINAL_TYPE (SmWindow, sm_window, SM, WINDOW, GtkApplicationWindow)

GtkWindow *sm_window_new     (SmApplication *app,
                              GFile         *file);
SmMap     *sm_window_get_map (SmWindow      *self);

G_END_DECLS

/* sm-application.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SM_TYPE_APPLICATION (sm_application_get_type ())
G_DECLARE_FINAL_TYPE (SmApplication, sm_application, SM, APPLICATION, GtkApplication)

SmApplication *sm_application_new (void);

G_END_DECLS

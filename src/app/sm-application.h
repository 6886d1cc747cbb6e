/* sm-application.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SM_TYPE_APPLICATION (sm_application_get_type ())
G_DECLARE_FINAL_TYPE (SmApplication, sm_application, SM, APPLICATION, AdwApplication)

SmApplication *sm_application_new (void);
GtkWindow     *sm_application_open_file (SmApplication *self,
                                         GFile         *file,
                                         GtkWindow     *parent);
GtkWindow     *sm_application_import_files (SmApplication *self,
                                            GFile        **files,
                                            guint          n_files,
                                            GtkWindow     *parent);
GtkWindow     *sm_application_new_map (SmApplication *self);
GMenuModel    *sm_application_get_recent_menu (void);

G_END_DECLS

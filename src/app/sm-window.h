/* sm-window.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sm-application.h"
#include "sm-document.h"

#include "sm-report.h"

G_BEGIN_DECLS

#define SM_TYPE_WINDOW (sm_window_get_type ())
G_DECLARE_FINAL_TYPE (SmWindow, sm_window, SM, WINDOW, AdwApplicationWindow)

SmWindow   *sm_window_new (SmApplication *app,
                           SmDocument    *document);
SmDocument *sm_window_get_document (SmWindow *self);
gboolean    sm_window_is_pristine (SmWindow *self);
void        sm_window_set_autosave_id (SmWindow   *self,
                                       const char *id);
void        sm_window_show_toast (SmWindow   *self,
                                  const char *text);
void        sm_window_show_error (SmWindow   *self,
                                  const char *heading,
                                  const char *body);
void        sm_window_show_import_changes (SmWindow          *self,
                                           const char        *text,
                                           const char        *name,
                                           const char *const *changes);
void        sm_window_warn_same_name (GtkWidget  *inside,
                                      SmMap      *map,
                                      const char *id);
char       *sm_window_dup_same_name_text (const char *other_name);
GtkWidget  *sm_window_get_canvas (SmWindow *self);
void        sm_window_compare_with (SmWindow *self,
                                    GFile    *file);
gboolean    sm_window_get_comparing (SmWindow *self);
SmMap      *sm_window_get_compare_other (SmWindow *self);
const char *sm_window_get_compare_name (SmWindow *self);
void        sm_window_merge_from (SmWindow *self,
                                  GFile    *file,
                                  GFile    *base);
GtkWidget  *sm_window_get_evaluation_panel (SmWindow *self);
GtkWidget  *sm_window_get_map_panel (SmWindow *self);
gboolean    sm_window_export_report (SmWindow     *self,
                                     GFile        *file,
                                     SmReportStyle style);

G_END_DECLS

/* sm-map-panel.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-document.h"

G_BEGIN_DECLS

/* What the map as a whole records: its title, purpose, question and the
 * rest of its metadata, and the lists of decisions, spaces and affected
 * groups, each with its own editor. */

#define SM_TYPE_MAP_PANEL (sm_map_panel_get_type ())
G_DECLARE_FINAL_TYPE (SmMapPanel, sm_map_panel, SM, MAP_PANEL, GtkWidget)

GtkWidget  *sm_map_panel_new (SmDocument *document);
SmDocument *sm_map_panel_get_document (SmMapPanel *self);
gboolean    sm_map_panel_show_record (SmMapPanel *self,
                                      SmRecord   *record);
SmRecord   *sm_map_panel_get_shown_record (SmMapPanel *self);

G_END_DECLS

/* sm-table-view.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-document.h"

G_BEGIN_DECLS

/* The map as two sortable, editable tables (stakeholders, relationships):
 * the keyboard and screen-reader alternative to the canvas. It edits the
 * document through commands and shares its selection. */

#define SM_TYPE_TABLE_VIEW (sm_table_view_get_type ())
G_DECLARE_FINAL_TYPE (SmTableView, sm_table_view, SM, TABLE_VIEW, GtkWidget)

GtkWidget  *sm_table_view_new (SmDocument *document);
SmDocument *sm_table_view_get_document (SmTableView *self);

G_END_DECLS

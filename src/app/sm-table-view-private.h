/* sm-table-view-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-table-view.h"

G_BEGIN_DECLS

/* For tests: the two tables, to reach their models, columns and cells. */
GtkColumnView *sm_table_view_get_stakeholder_table (SmTableView *self);
GtkColumnView *sm_table_view_get_relationship_table (SmTableView *self);

G_END_DECLS

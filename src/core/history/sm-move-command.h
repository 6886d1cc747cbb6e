/* sm-move-command.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-command.h"

G_BEGIN_DECLS

/* Moving stakeholders as a view does it: the map follows a drag, or a run
 * of arrow presses, live, and the whole run is one undo step. Each motion
 * is pushed as a move command; a move of the same stakeholders merges into
 * the one before it. */

#define SM_TYPE_MOVE_COMMAND (sm_move_command_get_type ())
G_DECLARE_FINAL_TYPE (SmMoveCommand, sm_move_command, SM, MOVE_COMMAND, SmCommand)

SmCommand *sm_move_command_new (GPtrArray    *stakeholders,
                                const double *x,
                                const double *y);

G_END_DECLS

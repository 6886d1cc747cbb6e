/* sm-graph-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-graph.h"

G_BEGIN_DECLS

/* Whether betweenness, after a search that reached every node, resets
 * its arrays and adds up the dependencies in one pass over all the nodes
 * (TRUE, the default) or node by node in the order the search reached
 * them, as it does when some were not reached. For the tests, which
 * check that both give the same numbers bit for bit. */
void _sm_graph_set_betweenness_sweep (gboolean sweep);

G_END_DECLS

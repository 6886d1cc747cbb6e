/* sm-arrangement-map.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map: stakeholders where people put them, at their own x and y. The
 * only arrangement that can be rearranged by dragging. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-render-private.h"

static void
arrange_map (SmRenderer *self,
             GPtrArray  *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      node->placed = node->map_placed;
      node->x = node->map_x;
      node->y = node->map_y;
    }
}

const SmArrangementInfo _sm_arrangement_map = {
  .id = "map",
  .label = N_ ("_Map"),
  .arrange = arrange_map,
};

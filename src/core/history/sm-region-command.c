/* sm-region-command.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sm-command.h"
#include "sm-map.h"
#include "sm-record.h"
#include "sm-region-command.h"

#define REGION_MARGIN 24.0     /* map units around the stakeholders */
#define REGION_LABEL_ROOM 32.0 /* above them, for the region's label */
#define REGION_NEW_WIDTH 320.0 /* a region drawn on empty ground */
#define REGION_NEW_HEIGHT 220.0
#define RINGS_MIN_RADIUS 240.0
#define REGION_SIZE_MAX 1e6 /* as the format allows */

/* Like sm_layout's own: any shape and a two-line name. */
static const SmLayoutBox any_box = { -75, -44, 75, 88 };

static JsonObject *
region_data (const char *label,
             const char *shape,
             const char *colour,
             double      cx,
             double      cy,
             double      width,
             double      height)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "label", label != NULL ? label : "");
  if (shape != NULL)
    json_object_set_string_member (data, "shape", shape);
  /* Whole units: the file stays readable. */
  json_object_set_int_member (data, "x", (gint64) round (cx));
  json_object_set_int_member (data, "y", (gint64) round (cy));
  json_object_set_int_member (data, "width", (gint64) CLAMP (ceil (width), 1, REGION_SIZE_MAX));
  json_object_set_int_member (data, "height", (gint64) CLAMP (ceil (height), 1, REGION_SIZE_MAX));
  if (colour != NULL)
    json_object_set_string_member (data, "colour", colour);
  return data;
}

JsonObject *
sm_region_dup_data_around (SmMap             *map,
                           GPtrArray         *stakeholder_ids,
                           const SmLayoutBox *boxes,
                           double             x,
                           double             y,
                           const char        *label)
{
  SmCollection *people;
  double        x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (isfinite (x) && isfinite (y), NULL);

  people = sm_map_get_stakeholders (map);
  for (guint i = 0; stakeholder_ids != NULL && i < stakeholder_ids->len; i++)
    {
      SmRecord          *person = sm_map_lookup (map, g_ptr_array_index (stakeholder_ids, i));
      const SmLayoutBox *box = &any_box;
      double             sx, sy;
      guint              position;

      if (person == NULL || sm_record_get_kind (person) != SM_RECORD_STAKEHOLDER ||
          !sm_stakeholder_get_position (person, &sx, &sy))
        continue;
      if (boxes != NULL && sm_collection_find (people, person, &position))
        box = &boxes[position];
      x0 = MIN (x0, sx + box->left);
      y0 = MIN (y0, sy + box->top);
      x1 = MAX (x1, sx + box->right);
      y1 = MAX (y1, sy + box->bottom);
    }

  if (x0 > x1)
    return region_data (label, NULL, NULL, x, y, REGION_NEW_WIDTH, REGION_NEW_HEIGHT);
  x0 -= REGION_MARGIN, x1 += REGION_MARGIN;
  y0 -= REGION_MARGIN + REGION_LABEL_ROOM, y1 += REGION_MARGIN;
  return region_data (label, NULL, NULL, (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0);
}

SmCommand *
sm_region_command_new_around (SmMap             *map,
                              GPtrArray         *stakeholder_ids,
                              const SmLayoutBox *boxes,
                              double             x,
                              double             y,
                              const char        *label)
{
  g_autoptr(JsonObject) data = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (isfinite (x) && isfinite (y), NULL);

  data = sm_region_dup_data_around (map, stakeholder_ids, boxes, x, y, label);
  return sm_command_new_add (map, SM_RECORD_REGION, data);
}

SmCommand *
sm_rings_command_new (SmMap *map,
                      double cx,
                      double cy)
{
  SmCollection *people;
  double        hx = RINGS_MIN_RADIUS, hy = RINGS_MIN_RADIUS, reach = 1.0;
  SmCommand    *group;
  static const struct
  {
    const char *label;
    const char *colour;
    double      part;
  } rings[] = {
    /* Outermost first: the file lists them as they are drawn. */
    { N_ ("Outside the room"), "grey", 1.0 },
    { N_ ("Involved"), "blue", 2.0 / 3.0 },
    { N_ ("Inner circle"), "green", 1.0 / 3.0 },
  };

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (isfinite (cx) && isfinite (cy), NULL);

  people = sm_map_get_stakeholders (map);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double sx, sy;

      if (!sm_stakeholder_get_position (sm_collection_get (people, i), &sx, &sy))
        continue;
      /* The shape and the name reach this far around the centre. */
      hx = MAX (hx, fabs (sx - cx) + any_box.right + REGION_MARGIN);
      hy = MAX (hy, fabs (sy - cy) + any_box.bottom + REGION_MARGIN);
    }
  /* The outer ring, of the map's proportions, just holds the farthest
   * centre with room for its drawing: up to √2 times the half-sizes when
   * someone stands in a corner, less for a rounder map. */
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double sx, sy, dx, dy;

      if (!sm_stakeholder_get_position (sm_collection_get (people, i), &sx, &sy))
        continue;
      dx = (fabs (sx - cx) + any_box.right + REGION_MARGIN) / hx;
      dy = (fabs (sy - cy) + any_box.bottom + REGION_MARGIN) / hy;
      reach = MAX (reach, sqrt (dx * dx + dy * dy));
    }
  reach = MIN (reach, G_SQRT2);

  group = sm_command_new_group (_ ("Add Rings"));
  for (guint i = 0; i < G_N_ELEMENTS (rings); i++)
    {
      double w = 2 * hx * reach * rings[i].part;
      double h = 2 * hy * reach * rings[i].part;
      g_autoptr(JsonObject) data = region_data (_ (rings[i].label), "ellipse", rings[i].colour, cx, cy, w, h);

      sm_command_group_add (group, sm_command_new_add (map, SM_RECORD_REGION, data));
    }
  return group;
}

SmCommand *
sm_region_command_new_set_rect (SmRecord *region,
                                double    cx,
                                double    cy,
                                double    width,
                                double    height)
{
  double     ox, oy, ow, oh;
  SmCommand *group;

  g_return_val_if_fail (SM_IS_RECORD (region), NULL);
  g_return_val_if_fail (sm_record_get_kind (region) == SM_RECORD_REGION, NULL);
  g_return_val_if_fail (isfinite (cx) && isfinite (cy), NULL);

  if (!(width > 0 && width <= REGION_SIZE_MAX && height > 0 && height <= REGION_SIZE_MAX))
    return NULL;
  sm_region_get_rect (region, &ox, &oy, &ow, &oh);
  group = sm_command_new_group (ow == width && oh == height ? _ ("Move Region") : _ ("Resize Region"));
  sm_command_group_add (group, sm_command_new_set_number (region, "x", cx));
  sm_command_group_add (group, sm_command_new_set_number (region, "y", cy));
  sm_command_group_add (group, sm_command_new_set_number (region, "width", width));
  sm_command_group_add (group, sm_command_new_set_number (region, "height", height));
  return group;
}

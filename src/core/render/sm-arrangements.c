/* sm-arrangements.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The list of arrangements: every view of the map that the canvas's menu,
 * the command line, the tests and the benchmark offer, in the order they
 * offer them. A new arrangement is a file of its own and a line here. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-render-private.h"

extern const SmArrangementInfo _sm_arrangement_map;
extern const SmArrangementInfo _sm_arrangement_power_interest;
extern const SmArrangementInfo _sm_arrangement_ladder;
extern const SmArrangementInfo _sm_arrangement_power_cube;
extern const SmArrangementInfo _sm_arrangement_towers;

/* The first four are at the positions SmArrangement names. */
static const SmArrangementInfo *const arrangements[] = {
  &_sm_arrangement_map,
  &_sm_arrangement_power_interest,
  &_sm_arrangement_ladder,
  &_sm_arrangement_power_cube,
  &_sm_arrangement_towers,
};

/* Every arrangement, in menu order; @n_arrangements is set to how many. */
const SmArrangementInfo *const *
sm_arrangements_get_all (guint *n_arrangements)
{
  if (n_arrangements != NULL)
    *n_arrangements = G_N_ELEMENTS (arrangements);
  return arrangements;
}

/* The arrangement whose id is @id ("map", "power-interest", "ladder",
 * "power-cube", "towers"), or NULL when there is none. */
const SmArrangementInfo *
sm_arrangement_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (arrangements); i++)
    if (g_strcmp0 (id, arrangements[i]->id) == 0)
      return arrangements[i];
  return NULL;
}

const SmArrangementInfo *
_sm_arrangement_get (SmArrangement arrangement)
{
  return arrangement < G_N_ELEMENTS (arrangements) ? arrangements[arrangement] : NULL;
}

const char *
sm_arrangement_info_get_id (const SmArrangementInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/* The name for menus, translated, with a mnemonic: "_Ladder of
 * Co-production". */
const char *
sm_arrangement_info_get_label (const SmArrangementInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _ (self->label);
}

/* Where @self is in sm_arrangements_get_all(). */
SmArrangement
sm_arrangement_info_get_position (const SmArrangementInfo *self)
{
  g_return_val_if_fail (self != NULL, SM_ARRANGEMENT_MAP);

  for (guint i = 0; i < G_N_ELEMENTS (arrangements); i++)
    if (arrangements[i] == self)
      return i;
  g_return_val_if_reached (SM_ARRANGEMENT_MAP);
}

/* "map", "power-interest", "ladder", "power-cube": for actions and
 * settings. */
const char *
sm_arrangement_to_string (SmArrangement arrangement)
{
  g_return_val_if_fail (arrangement < G_N_ELEMENTS (arrangements), NULL);
  return arrangements[arrangement]->id;
}

gboolean
sm_arrangement_from_string (const char    *name,
                            SmArrangement *arrangement)
{
  for (guint i = 0; i < G_N_ELEMENTS (arrangements); i++)
    if (g_strcmp0 (name, arrangements[i]->id) == 0)
      {
        if (arrangement != NULL)
          *arrangement = i;
        return TRUE;
      }
  return FALSE;
}

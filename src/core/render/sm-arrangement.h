/* sm-arrangement.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How stakeholders are laid out: a view of the map. The map is where
 * people put them (their stored x and y); the other arrangements compute
 * positions from the record, for the view only, and never write them to
 * the map. Every arrangement is listed once (sm_arrangements_get_all());
 * the canvas's menu, the tests and the benchmark read that list. */
typedef struct _SmArrangementInfo SmArrangementInfo;

/* A position in sm_arrangements_get_all(). The values below are the
 * built-in arrangements' positions; an arrangement added to the list needs
 * no value here: find it by id with sm_arrangement_find(). */
typedef enum
{
  SM_ARRANGEMENT_MAP,
  SM_ARRANGEMENT_POWER_INTEREST, /* Mendelow grid: interest across, influence up (EP-01) */
  SM_ARRANGEMENT_LADDER,         /* rows by participation level (SP-04) */
  SM_ARRANGEMENT_POWER_CUBE,     /* spaces by type and level, with their decisions (WS-03, SP-03) */
} SmArrangement;

const SmArrangementInfo *const *sm_arrangements_get_all (guint *n_arrangements);
const SmArrangementInfo        *sm_arrangement_find (const char *id);
const char                     *sm_arrangement_info_get_id (const SmArrangementInfo *self);
const char                     *sm_arrangement_info_get_label (const SmArrangementInfo *self);
SmArrangement                   sm_arrangement_info_get_position (const SmArrangementInfo *self);

const char *sm_arrangement_to_string (SmArrangement arrangement);
gboolean    sm_arrangement_from_string (const char    *name,
                                        SmArrangement *arrangement);

G_END_DECLS

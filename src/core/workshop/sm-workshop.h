/* sm-workshop.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-command.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* The guided workshop walks a group through Net-Map's interview on the
 * live map, one step at a time (Schiffer and Hauck's Net-Map: who is
 * involved, how they are linked, how influential they are, what they
 * want), then reads the evaluation together. The steps a group runs and
 * the step it reached are kept in the map's `workshop` member, so a
 * workshop can be left and resumed from the file. */

typedef enum
{
  SM_WORKSHOP_QUESTION,   /* the question and who is affected */
  SM_WORKSHOP_WHO,        /* who is involved */
  SM_WORKSHOP_LINKS,      /* how they are linked, by kind of tie */
  SM_WORKSHOP_INFLUENCE,  /* how much influence each has */
  SM_WORKSHOP_GOALS,      /* what each wants, against the goals */
  SM_WORKSHOP_POWER,      /* power differences and hidden power */
  SM_WORKSHOP_EVALUATION, /* the evaluation, read together */
  SM_WORKSHOP_N_STEPS
} SmWorkshopStep;

const char *sm_workshop_step_get_id (SmWorkshopStep step);
gboolean    sm_workshop_step_from_id (const char     *id,
                                      SmWorkshopStep *step);
const char *sm_workshop_step_get_title (SmWorkshopStep step);
const char *sm_workshop_step_get_task (SmWorkshopStep step);
const char *sm_workshop_step_get_arrangement (SmWorkshopStep step);
char       *sm_workshop_dup_progress (SmMap         *map,
                                      SmWorkshopStep step);

/* Where a group is: the steps it runs, in order, the one it reached and
 * those it skipped. */
typedef struct _SmWorkshop SmWorkshop;

struct _SmWorkshop
{
  SmWorkshopStep steps[SM_WORKSHOP_N_STEPS];
  guint          n_steps;
  SmWorkshopStep step;    /* one of steps[] */
  guint          skipped; /* a bit per SmWorkshopStep */
  gboolean       started; /* the map holds a workshop member */
};

void       sm_workshop_init (SmWorkshop        *self,
                             SmMap             *map,
                             const char *const *default_steps);
int        sm_workshop_get_index (const SmWorkshop *self);
gboolean   sm_workshop_has_step (const SmWorkshop *self,
                                 SmWorkshopStep    step);
gboolean   sm_workshop_is_skipped (const SmWorkshop *self,
                                   SmWorkshopStep    step);
void       sm_workshop_go_to (SmWorkshop    *self,
                              SmWorkshopStep step,
                              gboolean       skipping);
JsonNode  *sm_workshop_to_json (const SmWorkshop *self);
gboolean   sm_workshop_equal_map (const SmWorkshop *self,
                                  SmMap            *map);
SmCommand *sm_workshop_build_command (const SmWorkshop *self,
                                      SmMap            *map);

G_END_DECLS

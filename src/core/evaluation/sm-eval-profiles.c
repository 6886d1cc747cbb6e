/* sm-eval-profiles.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-eval-profiles.h"

static const SmEvalProfile profiles[] = {
  { SM_EVAL_PROFILE_DEFAULT,
    N_ ("Stakemap’s defaults"),
    N_ ("The thresholds of the principles catalogue, version 0.1. Most are judgement calls for the group to "
        "try out and change.") },
};

const SmEvalProfile *
sm_eval_profiles_get_all (guint *n)
{
  g_return_val_if_fail (n != NULL, NULL);

  *n = G_N_ELEMENTS (profiles);
  return profiles;
}

/* NULL for an id this version does not know. */
const SmEvalProfile *
sm_eval_profile_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (profiles); i++)
    if (g_str_equal (profiles[i].id, id))
      return &profiles[i];
  return NULL;
}

const char *
sm_eval_profile_get_label (const SmEvalProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);
  return _ (profile->label);
}

const char *
sm_eval_profile_get_description (const SmEvalProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);
  return _ (profile->description);
}

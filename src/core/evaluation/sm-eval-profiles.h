/* sm-eval-profiles.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The threshold profiles this version knows (principles.md §10): named
 * sets of starting thresholds a map can say it was made under
 * (config_profile_id). A map's own changes to thresholds sit on top of
 * its profile. Sector profiles are an open question (§11); until they
 * are written there is one. */

#define SM_EVAL_PROFILE_DEFAULT "default-v0.1"

typedef struct
{
  const char *id;          /* as written in a map: "default-v0.1" */
  const char *label;       /* untranslated: use sm_eval_profile_get_label() */
  const char *description; /* untranslated: use sm_eval_profile_get_description() */
} SmEvalProfile;

const SmEvalProfile *sm_eval_profiles_get_all (guint *n);
const SmEvalProfile *sm_eval_profile_lookup (const char *id);
const char          *sm_eval_profile_get_label (const SmEvalProfile *profile);
const char          *sm_eval_profile_get_description (const SmEvalProfile *profile);

G_END_DECLS

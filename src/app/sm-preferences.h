/* sm-preferences.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-autosave.h"
#include "sm-evaluate.h"
#include "sm-exporter.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* What the Preferences window sets (GSettings, io.github.stakemap.Stakemap)
 * and where each setting takes effect. */

GSettings *sm_preferences_get_settings (void);

void          sm_preferences_apply_to_new_map (SmMap *map);
const char   *sm_preferences_get_default_profile (void);
SmExportNames sm_preferences_get_export_names (void);

/* The team's thresholds: saved from a map, and chosen for new maps as
 * default-profile "team". */
#define SM_PREFERENCES_PROFILE_TEAM "team"

SmEvalConfig *sm_preferences_dup_team_thresholds (char **from,
                                                  char **date);
guint         sm_preferences_count_changed (const SmEvalConfig *config);
gboolean      sm_preferences_save_team_thresholds (SmMap *map);
void          sm_preferences_forget_team_thresholds (void);
void          sm_preferences_follow_autosave (SmAutosave *autosave);

/* The steps a new workshop runs (sm-workshop.h names them). */
char **sm_preferences_dup_workshop_steps (void);

G_END_DECLS

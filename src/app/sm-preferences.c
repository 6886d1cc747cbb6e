/* sm-preferences.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-command.h"
#include "sm-eval-profiles.h"
#include "sm-preferences.h"
#include "sm-workshop.h"

/* One for the whole app, so every window hears a change at once. NULL
 * when the schema is not installed (an uninstalled build run by hand):
 * then every setting has its default. */
GSettings *
sm_preferences_get_settings (void)
{
  static GSettings *settings;
  static gboolean   looked;

  if (!looked)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "workshop-steps"))
        settings = g_settings_new_full (schema, NULL, NULL);
    }
  return settings;
}

/* A known profile's id, whatever the key holds. */
const char *
sm_preferences_get_default_profile (void)
{
  GSettings           *settings = sm_preferences_get_settings ();
  g_autofree char     *id = settings != NULL ? g_settings_get_string (settings, "default-profile") : NULL;
  const SmEvalProfile *profile = sm_eval_profile_lookup (id);

  return profile != NULL ? profile->id : SM_EVAL_PROFILE_DEFAULT;
}

/* A new map says which thresholds it starts from. It is set before the
 * map has a history: making the map is not an edit to undo. */
void
sm_preferences_apply_to_new_map (SmMap *map)
{
  g_autoptr(SmCommand) command = NULL;

  g_return_if_fail (SM_IS_MAP (map));

  command = sm_command_new_set_string (sm_map_get_metadata (map), "config_profile_id",
                                       sm_preferences_get_default_profile ());
  sm_command_apply (command, map);
}

/* Names that follow consent, or organisations only: everyone by name is
 * chosen in one export, for the group, and never carried over to the
 * next, whatever the key holds. */
SmExportNames
sm_preferences_get_export_names (void)
{
  GSettings       *settings = sm_preferences_get_settings ();
  g_autofree char *id = settings != NULL ? g_settings_get_string (settings, "export-names") : NULL;

  return g_strcmp0 (id, "none") == 0 ? SM_EXPORT_NAMES_NONE : SM_EXPORT_NAMES_CONSENT;
}

static void
autosave_interval_changed_cb (SmAutosave *autosave,
                              const char *key,
                              GSettings  *settings)
{
  sm_autosave_set_interval (autosave, g_settings_get_int (settings, "autosave-interval"));
}

/* Gives @autosave the interval of the settings, now and whenever it
 * changes, for as long as @autosave lives. */
void
sm_preferences_follow_autosave (SmAutosave *autosave)
{
  GSettings *settings = sm_preferences_get_settings ();

  g_return_if_fail (SM_IS_AUTOSAVE (autosave));

  if (settings == NULL)
    return;
  sm_autosave_set_interval (autosave, g_settings_get_int (settings, "autosave-interval"));
  g_signal_connect_object (settings, "changed::autosave-interval",
                           G_CALLBACK (autosave_interval_changed_cb), autosave, G_CONNECT_SWAPPED);
}

/* The ids of the steps a new workshop runs, in Net-Map's order, read from
 * workshop-steps: unknown and repeated ids are left out, and a list with
 * nothing left in it (set by hand) runs every step. */
char **
sm_preferences_dup_workshop_steps (void)
{
  GSettings *settings = sm_preferences_get_settings ();
  g_auto(GStrv) chosen = settings != NULL ? g_settings_get_strv (settings, "workshop-steps") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (SmWorkshopStep step = 0; step < SM_WORKSHOP_N_STEPS; step++)
    if (chosen == NULL || g_strv_contains ((const char *const *) chosen, sm_workshop_step_get_id (step)))
      {
        g_strv_builder_add (builder, sm_workshop_step_get_id (step));
        n++;
      }
  if (n == 0)
    for (SmWorkshopStep step = 0; step < SM_WORKSHOP_N_STEPS; step++)
      g_strv_builder_add (builder, sm_workshop_step_get_id (step));
  return g_strv_builder_end (builder);
}

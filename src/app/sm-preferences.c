/* sm-preferences.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sm-command.h"
#include "sm-eval-profiles.h"
#include "sm-evaluation-store.h"
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

/* A known profile's id, whatever the key holds. The team's thresholds sit
 * on top of Stakemap's defaults, so a map made under them names those. */
const char *
sm_preferences_get_default_profile (void)
{
  GSettings           *settings = sm_preferences_get_settings ();
  g_autofree char     *id = settings != NULL ? g_settings_get_string (settings, "default-profile") : NULL;
  const SmEvalProfile *profile = sm_eval_profile_lookup (id);

  return profile != NULL ? profile->id : SM_EVAL_PROFILE_DEFAULT;
}

/* The team's thresholds */

/* A key no longer than this is not a team's thresholds but a mistake. */
#define TEAM_THRESHOLDS_MAX_LENGTH (64 * 1024)
#define TEAM_FROM_MAX_CHARS 200

/* A strict "YYYY-MM-DD" that exists in the calendar. */
static gboolean
is_iso_date (const char *text)
{
  int  y, m, d;
  char tail;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy (d, m, y);
}

/**
 * sm_preferences_dup_team_thresholds:
 * @from: (out) (optional): the title of the map they were saved from, or %NULL
 * @date: (out) (optional): the day they were saved ("YYYY-MM-DD"), or %NULL
 *
 * The thresholds the team saved, checked as the file loader checks a map's
 * thresholds: a value that is not a number, a key this version does not
 * know and a value it refuses are each left out, and a key that is not a
 * JSON object is ignored whole. A hand-edited key never reaches a map.
 *
 * Returns: (transfer full) (nullable): Stakemap's defaults with the team's
 *   changes applied; %NULL when no valid change is saved
 */
SmEvalConfig *
sm_preferences_dup_team_thresholds (char **from,
                                    char **date)
{
  GSettings       *settings = sm_preferences_get_settings ();
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(SmEvalConfig) config = NULL;
  JsonNode      *root;
  JsonObjectIter iter;
  const char    *key;
  JsonNode      *value;
  guint          n_changed = 0;

  if (from != NULL)
    *from = NULL;
  if (date != NULL)
    *date = NULL;
  if (settings == NULL)
    return NULL;

  text = g_settings_get_string (settings, "team-thresholds");
  if (*text == '\0' || strlen (text) > TEAM_THRESHOLDS_MAX_LENGTH)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  config = sm_eval_config_new ();
  json_object_iter_init_ordered (&iter, json_node_get_object (root));
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      GType  type;
      double v;

      if (!JSON_NODE_HOLDS_VALUE (value) || !sm_eval_config_has_key (key))
        continue;
      type = json_node_get_value_type (value);
      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        continue;
      v = json_node_get_double (value);
      if (isfinite (v) && sm_eval_config_set (config, key, v, NULL) && !sm_eval_config_is_default (config, key))
        n_changed++;
    }
  if (n_changed == 0)
    return NULL;

  title = g_settings_get_string (settings, "team-thresholds-from");
  saved = g_settings_get_string (settings, "team-thresholds-saved");
  if (from != NULL && *title != '\0' && g_utf8_validate (title, -1, NULL))
    {
      /* One line, and short: it is shown in a list and written in logs. */
      g_strdelimit (title, "\n\r\t", ' ');
      *from = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), TEAM_FROM_MAX_CHARS));
    }
  if (date != NULL && is_iso_date (saved))
    *date = g_steal_pointer (&saved);
  return g_steal_pointer (&config);
}

/* The number of thresholds @config changes from Stakemap's defaults. */
guint
sm_preferences_count_changed (const SmEvalConfig *config)
{
  const char *const *keys = sm_eval_config_list_keys ();
  guint              n = 0;

  g_return_val_if_fail (config != NULL, 0);

  for (guint i = 0; keys[i] != NULL; i++)
    n += !sm_eval_config_is_default (config, keys[i]);
  return n;
}

/**
 * sm_preferences_save_team_thresholds:
 *
 * Keeps the thresholds @map changed as the team's, with its title and
 * today's date, and makes them the choice for new maps.
 *
 * Returns: %FALSE, saving nothing, when @map changes no threshold or there
 *   is no settings schema
 */
gboolean
sm_preferences_save_team_thresholds (SmMap *map)
{
  GSettings         *settings = sm_preferences_get_settings ();
  const char *const *keys = sm_eval_config_list_keys ();
  g_autoptr(SmEvalConfig) config = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *today = NULL;
  const char      *title;

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);

  config = sm_map_dup_eval_config (map);
  if (settings == NULL || sm_preferences_count_changed (config) == 0)
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    if (!sm_eval_config_is_default (config, keys[i]))
      {
        json_builder_set_member_name (builder, keys[i]);
        json_builder_add_double_value (builder, sm_eval_config_get (config, keys[i]));
      }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  title = sm_record_get_string (sm_map_get_metadata (map), "title");
  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");

  /* The thresholds last: who listens sees the title and date with them. */
  g_settings_set_string (settings, "team-thresholds-from", title != NULL ? title : "");
  g_settings_set_string (settings, "team-thresholds-saved", today);
  g_settings_set_string (settings, "team-thresholds", text);
  g_settings_set_string (settings, "default-profile", SM_PREFERENCES_PROFILE_TEAM);
  return TRUE;
}

/* No saved thresholds; new maps start from Stakemap's defaults again. */
void
sm_preferences_forget_team_thresholds (void)
{
  GSettings *settings = sm_preferences_get_settings ();

  if (settings == NULL)
    return;
  g_settings_reset (settings, "default-profile");
  g_settings_reset (settings, "team-thresholds");
  g_settings_reset (settings, "team-thresholds-from");
  g_settings_reset (settings, "team-thresholds-saved");
}

/* What a new map starts from, when the team's thresholds are chosen and
 * saved: NULL otherwise. */
static SmEvalConfig *
dup_new_map_thresholds (char **from,
                        char **date)
{
  GSettings       *settings = sm_preferences_get_settings ();
  g_autofree char *id = settings != NULL ? g_settings_get_string (settings, "default-profile") : NULL;

  if (g_strcmp0 (id, SM_PREFERENCES_PROFILE_TEAM) != 0)
    {
      *from = *date = NULL;
      return NULL;
    }
  return sm_preferences_dup_team_thresholds (from, date);
}

/* A new map says which thresholds it starts from, and under the team's,
 * has them, each with a line in its log saying where it came from
 * (principles.md §7.6). It is all set before the map has a history:
 * making the map is not an edit to undo. */
void
sm_preferences_apply_to_new_map (SmMap *map)
{
  g_autoptr(SmCommand) command = NULL;
  g_autoptr(SmEvalConfig) team = NULL;
  g_autofree char   *from = NULL;
  g_autofree char   *date = NULL;
  g_autofree char   *reason = NULL;
  const char *const *keys = sm_eval_config_list_keys ();

  g_return_if_fail (SM_IS_MAP (map));

  command = sm_command_new_set_string (sm_map_get_metadata (map), "config_profile_id",
                                       sm_preferences_get_default_profile ());
  sm_command_apply (command, map);

  team = dup_new_map_thresholds (&from, &date);
  if (team == NULL)
    return;
  if (from != NULL && date != NULL)
    reason = g_strdup_printf (_ ("Your team’s thresholds, saved from “%s” on %s"), from, date);
  else if (from != NULL)
    reason = g_strdup_printf (_ ("Your team’s thresholds, saved from “%s”"), from);
  else
    reason = g_strdup (_ ("Your team’s thresholds, from Preferences"));
  for (guint i = 0; keys[i] != NULL; i++)
    if (!sm_eval_config_is_default (team, keys[i]))
      {
        g_autoptr(SmCommand) set = sm_command_new_set_threshold (map, keys[i], sm_eval_config_get (team, keys[i]),
                                                                  _ ("your team"), reason);

        sm_command_apply (set, map);
      }
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

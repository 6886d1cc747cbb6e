/* test-preferences.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-application-private.h"
#include "sm-eval-profiles.h"
#include "sm-evaluation-store.h"
#include "sm-export-dialog-private.h"
#include "sm-preferences-window.h"
#include "sm-preferences.h"
#include "sm-thresholds-dialog-private.h"
#include "sm-ui-test-utils.h"
#include "sm-window-private.h"

/* Preferences as a facilitator sets them before a meeting: opened from the
 * main menu's action, each row keeping its setting, and each setting
 * reaching what it is for: the recovery copies of the maps already open,
 * the next new map, the next export. */

static SmApplication *app;
static char          *scratch;

static const char *const keys[] = { "default-profile", "export-names", "autosave-interval", "export-page",
                                    "export-orientation", "export-width", "workshop-steps", "team-thresholds",
                                    "team-thresholds-from", "team-thresholds-saved" };

static GSettings *
settings (void)
{
  GSettings *settings = sm_preferences_get_settings ();

  g_assert_nonnull (settings);
  return settings;
}

static void
reset_settings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings (), keys[i]);
}

static SmWindow *
new_map (void)
{
  GtkWindow *window = sm_application_new_map (app);

  sm_test_spin ();
  return SM_WINDOW (window);
}

static SmWindow *
open_map (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = sm_application_open_file (app, file, NULL);

  sm_test_spin ();
  g_assert_nonnull (window);
  return SM_WINDOW (window);
}

/* Preferences as the menu item and Ctrl+comma open them. */
static SmPreferencesWindow *
open_preferences (SmWindow *window)
{
  g_autoptr(GList) toplevels = NULL;
  SmPreferencesWindow *found = NULL;

  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  sm_test_spin ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SM_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
child (SmPreferencesWindow *preferences,
       const char          *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (preferences), SM_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
row_item (SmPreferencesWindow *preferences,
          const char          *row,
          guint                position)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (child (preferences, row)));

  g_assert_cmpuint (position, <, g_list_model_get_n_items (model));
  return gtk_string_list_get_string (GTK_STRING_LIST (model), position);
}

static GtkSwitch *
step_switch (SmPreferencesWindow *preferences,
             const char          *id)
{
  GtkWidget *found = _sm_preferences_window_test_get_step_switch (preferences, id);

  g_assert_true (GTK_IS_SWITCH (found));
  return GTK_SWITCH (found);
}

static char *
get_string (const char *key)
{
  return g_settings_get_string (settings (), key);
}

/* Over the map, modal, keyboard first; Ctrl+comma is its shortcut. */
static void
test_opens_by_action (void)
{
  g_auto(GStrv) accels = NULL;
  SmWindow            *window;
  SmPreferencesWindow *preferences;

  reset_settings ();
  window = new_map ();
  preferences = open_preferences (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preferences)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "Preferences");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  /* Closing the map closes them too. */
  gtk_window_destroy (GTK_WINDOW (window));
  sm_test_spin ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      g_assert_false (SM_IS_PREFERENCES_WINDOW (l->data));
  }
  sm_test_close_all ();
}

/* Each row keeps its setting, and shows the one kept. */
static void
test_rows_change_keys (void)
{
  SmPreferencesWindow *preferences;
  g_autofree char     *page = NULL;
  g_autofree char     *orientation = NULL;
  guint                n;
  const SmEvalProfile *profiles = sm_eval_profiles_get_all (&n);

  reset_settings ();
  preferences = open_preferences (new_map ());

  /* The profiles the core knows, in words, not ids. */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (row_item (preferences, "profile_row", i), ==, sm_eval_profile_get_label (&profiles[i]));
      g_assert_cmpstr (row_item (preferences, "profile_row", i), !=, profiles[i].id);
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (preferences, "profile_row")), n - 1);
  {
    g_autofree char *profile = get_string ("default-profile");

    g_assert_cmpstr (profile, ==, profiles[n - 1].id);
  }

  /* Names: the policy that follows consent and organisations only, in
   * the export dialog's words; the settings refuse all names. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (child (preferences, "names_row")))),
                    ==, 2);
  g_assert_cmpstr (row_item (preferences, "names_row", 0), ==, "Only agreed names");
  g_assert_cmpstr (row_item (preferences, "names_row", 1), ==, "Organisations only");
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_autoptr(GSettingsSchemaKey) key = NULL;
    g_autoptr(GVariant) all = g_variant_ref_sink (g_variant_new_string ("all"));
    g_autofree char *names = get_string ("export-names");

    g_object_get (settings (), "settings-schema", &schema, NULL);
    key = g_settings_schema_get_key (schema, "export-names");
    g_assert_false (g_settings_schema_key_range_check (key, all));
    g_assert_cmpstr (names, ==, "consent");
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (preferences, "names_row")), 1);
  {
    g_autofree char *names = get_string ("export-names");

    g_assert_cmpstr (names, ==, "none");
  }
  g_settings_set_string (settings (), "export-names", "consent");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (preferences, "names_row"))), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (preferences, "page_row")), 2);
  page = get_string ("export-page");
  g_assert_cmpstr (page, ==, "a3");
  g_settings_set_string (settings (), "export-page", "letter");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (preferences, "page_row"))), ==, 1);
  g_assert_cmpstr (row_item (preferences, "page_row", 1), ==, "Letter");

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (preferences, "orientation_row")), 2);
  orientation = get_string ("export-orientation");
  g_assert_cmpstr (orientation, ==, "landscape");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "width_spin")), 1234);
  g_assert_cmpint (g_settings_get_int (settings (), "export-width"), ==, 1234);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "autosave_spin")), 42);
  g_assert_cmpint (g_settings_get_int (settings (), "autosave-interval"), ==, 42);
  g_settings_set_int (settings (), "autosave-interval", 17);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (preferences, "autosave_spin"))), ==, 17);

  sm_test_close_all ();
  reset_settings ();
}

static char *
steps_text (void)
{
  g_auto(GStrv) steps = g_settings_get_strv (settings (), "workshop-steps");

  return g_strjoinv (",", steps);
}

/* Seven switches in Net-Map's order; the list kept is in that order
 * whatever was switched first, and the last step on stays on. */
static void
test_workshop_steps (void)
{
  const char          *order[] = { "question", "who", "links", "influence", "goals", "power", "evaluation" };
  SmPreferencesWindow *preferences;
  GtkWidget           *row;
  guint                n = SM_WORKSHOP_N_STEPS;
  g_autofree char     *text = NULL;
  guint                i = 0;

  reset_settings ();
  preferences = open_preferences (new_map ());

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (order));
  /* The rows, as the group shows them: titled, in order. */
  for (row = gtk_widget_get_first_child (gtk_widget_get_parent (
         gtk_widget_get_ancestor (GTK_WIDGET (step_switch (preferences, "question")),
                                  ADW_TYPE_ACTION_ROW)));
       row != NULL; row = gtk_widget_get_next_sibling (row), i++)
    {
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, sm_workshop_step_get_title (i));

      g_assert_cmpstr (sm_workshop_step_get_id (i), ==, order[i]);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      g_assert_true (gtk_switch_get_active (step_switch (preferences, order[i])));
    }
  g_assert_cmpuint (i, ==, 7);

  gtk_switch_set_active (step_switch (preferences, "links"), FALSE);
  gtk_switch_set_active (step_switch (preferences, "question"), FALSE);
  text = steps_text ();
  g_assert_cmpstr (text, ==, "who,influence,goals,power,evaluation");
  g_clear_pointer (&text, g_free);
  gtk_switch_set_active (step_switch (preferences, "question"), TRUE);
  text = steps_text ();
  g_assert_cmpstr (text, ==, "question,who,influence,goals,power,evaluation");
  g_clear_pointer (&text, g_free);

  for (i = 0; i < n - 1; i++)
    gtk_switch_set_active (step_switch (preferences, order[i]), FALSE);
  text = steps_text ();
  g_assert_cmpstr (text, ==, "evaluation");
  g_clear_pointer (&text, g_free);
  g_assert_false (gtk_widget_get_sensitive ((GtkWidget *) step_switch (preferences, "evaluation")));
  gtk_switch_set_active (step_switch (preferences, "evaluation"), FALSE);
  g_assert_true (gtk_switch_get_active (step_switch (preferences, "evaluation")));
  text = steps_text ();
  g_assert_cmpstr (text, ==, "evaluation");
  g_clear_pointer (&text, g_free);

  /* A second step on frees the first again. */
  gtk_switch_set_active (step_switch (preferences, "who"), TRUE);
  g_assert_true (gtk_widget_get_sensitive ((GtkWidget *) step_switch (preferences, "evaluation")));

  /* What the workshop reads: known ids, in order; never none. */
  g_settings_set_strv (settings (), "workshop-steps", (const char *[]) { "power", "bogus", "who", "who", NULL });
  {
    g_auto(GStrv) read = sm_preferences_dup_workshop_steps ();
    g_autofree char *joined = g_strjoinv (",", read);

    g_assert_cmpstr (joined, ==, "who,power");
    g_assert_true (gtk_switch_get_active (step_switch (preferences, "power")));
    g_assert_false (gtk_switch_get_active (step_switch (preferences, "links")));
  }
  g_settings_set_strv (settings (), "workshop-steps", (const char *[]) { NULL });
  {
    g_auto(GStrv) read = sm_preferences_dup_workshop_steps ();

    g_assert_cmpuint (g_strv_length (read), ==, 7);
  }

  sm_test_close_all ();
  reset_settings ();
}

/* The interval reaches the recovery copies of the maps already open, and
 * of the next. */
static void
test_autosave_interval (void)
{
  SmWindow            *window;
  SmWindow            *later;
  SmPreferencesWindow *preferences;

  reset_settings ();
  window = new_map ();
  g_assert_nonnull (window->autosave);
  g_assert_cmpuint (sm_autosave_get_interval (window->autosave), ==, SM_AUTOSAVE_INTERVAL);

  preferences = open_preferences (window);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "autosave_spin")), 42);
  g_assert_cmpuint (sm_autosave_get_interval (window->autosave), ==, 42);

  later = new_map ();
  g_assert_cmpuint (sm_autosave_get_interval (later->autosave), ==, 42);

  g_settings_set_int (settings (), "autosave-interval", 2);
  g_assert_cmpuint (sm_autosave_get_interval (window->autosave), ==, 2);
  g_assert_cmpuint (sm_autosave_get_interval (later->autosave), ==, 2);

  sm_test_close_all ();
  reset_settings ();
}

/* A new map starts from the chosen thresholds; a map opened from a file
 * that names none is left as it is. */
static void
test_default_profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  SmWindow        *window;
  SmDocument      *document;
  SmRecord        *metadata;

  reset_settings ();
  g_settings_set_string (settings (), "default-profile", SM_EVAL_PROFILE_DEFAULT);
  window = new_map ();
  document = sm_window_get_document (window);
  metadata = sm_map_get_metadata (sm_document_get_map (document));
  g_assert_cmpstr (sm_record_get_string (metadata, "config_profile_id"), ==, SM_EVAL_PROFILE_DEFAULT);
  /* Not an edit: nothing to save, nothing to undo. */
  g_assert_false (sm_document_get_modified (document));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));
  g_assert_true (sm_window_is_pristine (window));
  sm_test_close_all ();

  window = open_map (path);
  document = sm_window_get_document (window);
  metadata = sm_map_get_metadata (sm_document_get_map (document));
  g_assert_false (sm_record_has_value (metadata, "config_profile_id"));
  g_assert_false (sm_document_get_modified (document));
  sm_test_close_all ();
}

/* Export Image… starts with the names policy of Preferences: names that
 * follow consent, or organisations only. All names is still there to
 * choose, in that export. */
static void
test_export_names (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "neighbourhood-air.stakemap", NULL);
  g_autoptr(GList) toplevels = NULL;
  SmWindow       *window;
  SmExportDialog *dialog = NULL;
  GtkWidget      *names_row;

  reset_settings ();
  window = open_map (path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-image", NULL));
  sm_test_spin ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SM_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);

  names_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SM_TYPE_EXPORT_DIALOG, "names_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (names_row)), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (names_row))), 0),
                   ==, "Only agreed names");
  /* Gloria has not said yes to her name. */
  g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog), "shown as “Participant N”"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (names_row))), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sm_test_spin ();

  /* Organisations only in Preferences: the next export starts with it,
   * and counts every person as hidden. */
  g_settings_set_string (settings (), "export-names", "none");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-image", NULL));
  sm_test_spin ();
  g_clear_pointer (&toplevels, g_list_free);
  dialog = NULL;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SM_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  names_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SM_TYPE_EXPORT_DIALOG, "names_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (names_row)), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (names_row))), 2),
                   ==, "Organisations only");
  g_assert_nonnull (strstr (_sm_export_dialog_test_get_caption (dialog), "only organisations named"));
  reset_settings ();

  sm_test_close_all ();
}

/* The team's thresholds */

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A new map titled "Drop-in redesign" whose group changed two thresholds. */
static SmWindow *
new_map_with_thresholds (void)
{
  SmWindow   *window = new_map ();
  SmDocument *document = sm_window_get_document (window);
  SmMap      *map = sm_document_get_map (document);

  sm_document_push (document, sm_command_new_set_string (sm_map_get_metadata (map), "title", "Drop-in redesign"));
  sm_document_push (document, sm_command_new_set_threshold (map, "sp01.fail_ratio", 2.5, "Amina", "The board agreed"));
  sm_document_push (document, sm_command_new_set_threshold (map, "ep03.warn", 0.3, "Amina", "The board agreed"));
  return window;
}

static SmThresholdsDialog *
open_thresholds (SmWindow *window)
{
  GtkWidget *dialog = sm_thresholds_dialog_new (sm_window_get_document (window));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  sm_test_spin ();
  return SM_THRESHOLDS_DIALOG (dialog);
}

static GtkWidget *
team_button (SmThresholdsDialog *dialog)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), SM_TYPE_THRESHOLDS_DIALOG, "team_button");

  g_assert_true (GTK_IS_BUTTON (object));
  return GTK_WIDGET (object);
}

static double
team_value (const char *key)
{
  g_autoptr(SmEvalConfig) team = sm_preferences_dup_team_thresholds (NULL, NULL);

  g_assert_nonnull (team);
  return sm_eval_config_get (team, key);
}

/* Use for New Maps keeps this map's changed thresholds, its title and the
 * date, and chooses them for new maps; Undo on the toast puts back what was
 * there. A map that changed none has nothing to offer. */
static void
test_team_save (void)
{
  g_autofree char    *date = today ();
  SmThresholdsDialog *dialog;
  SmWindow           *window;

  reset_settings ();
  dialog = open_thresholds (new_map ());
  g_assert_false (gtk_widget_get_sensitive (team_button (dialog)));
  sm_test_close_all ();

  window = new_map_with_thresholds ();
  dialog = open_thresholds (window);
  g_assert_true (gtk_widget_get_sensitive (team_button (dialog)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (team_button (dialog))), ==, "_Use for New Maps");
  g_signal_emit_by_name (team_button (dialog), "clicked");
  {
    g_autofree char *profile = get_string ("default-profile");
    g_autofree char *from = get_string ("team-thresholds-from");
    g_autofree char *saved = get_string ("team-thresholds-saved");
    g_autofree char *text = get_string ("team-thresholds");
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;

    g_assert_cmpstr (profile, ==, "team");
    g_assert_cmpstr (from, ==, "Drop-in redesign");
    g_assert_cmpstr (saved, ==, date);
    /* Only what the group changed, as numbers. */
    g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpuint (json_object_get_size (object), ==, 2);
    g_assert_cmpfloat (json_object_get_double_member (object, "sp01.fail_ratio"), ==, 2.5);
    g_assert_cmpfloat (json_object_get_double_member (object, "ep03.warn"), ==, 0.3);
  }
  g_assert_cmpfloat (team_value ("sp01.fail_ratio"), ==, 2.5);
  /* The map itself is as it was. */
  g_assert_true (sm_history_can_undo (sm_document_get_history (sm_window_get_document (window))));

  g_assert_nonnull (_sm_thresholds_dialog_test_get_team_toast (dialog));
  g_assert_cmpstr (adw_toast_get_title (_sm_thresholds_dialog_test_get_team_toast (dialog)), ==,
                   "New maps will start with these thresholds");
  g_signal_emit_by_name (_sm_thresholds_dialog_test_get_team_toast (dialog), "button-clicked");
  {
    g_autofree char *profile = get_string ("default-profile");
    g_autofree char *text = get_string ("team-thresholds");

    g_assert_cmpstr (profile, ==, SM_EVAL_PROFILE_DEFAULT);
    g_assert_cmpstr (text, ==, "");
    g_assert_null (sm_preferences_dup_team_thresholds (NULL, NULL));
  }
  sm_test_close_all ();
  reset_settings ();
}

static void
save_team_thresholds (void)
{
  SmWindow *window = new_map_with_thresholds ();

  g_assert_true (sm_preferences_save_team_thresholds (sm_document_get_map (sm_window_get_document (window))));
  gtk_window_destroy (GTK_WINDOW (window));
  sm_test_spin ();
}

/* The row offers the team's thresholds only when some are saved, says from
 * which map, when and how many; Forget takes them away again. */
static void
test_team_row (void)
{
  g_autofree char     *date = today ();
  g_autofree char     *label = g_strdup_printf ("Your team’s thresholds (from “Drop-in redesign”, %s: 2 changed)", date);
  SmPreferencesWindow *preferences;
  GtkWidget           *row, *forget;

  reset_settings ();
  preferences = open_preferences (new_map ());
  row = child (preferences, "profile_row");
  forget = child (preferences, "forget_button");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 1);
  g_assert_cmpstr (row_item (preferences, "profile_row", 0), ==, "Stakemap’s defaults");
  g_assert_false (gtk_widget_get_visible (forget));

  /* Chosen by hand without a saved set: still only the defaults. */
  g_settings_set_string (settings (), "default-profile", "team");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 1);
  g_settings_reset (settings (), "default-profile");

  save_team_thresholds ();
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 2);
  g_assert_cmpstr (row_item (preferences, "profile_row", 1), ==, label);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_true (gtk_widget_get_visible (forget));

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  {
    g_autofree char *profile = get_string ("default-profile");

    g_assert_cmpstr (profile, ==, SM_EVAL_PROFILE_DEFAULT);
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  {
    g_autofree char *profile = get_string ("default-profile");

    g_assert_cmpstr (profile, ==, "team");
  }

  g_signal_emit_by_name (forget, "clicked");
  {
    g_autofree char *profile = get_string ("default-profile");
    g_autofree char *text = get_string ("team-thresholds");

    g_assert_cmpstr (profile, ==, SM_EVAL_PROFILE_DEFAULT);
    g_assert_cmpstr (text, ==, "");
  }
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 1);
  g_assert_false (gtk_widget_get_visible (forget));

  sm_test_close_all ();
  reset_settings ();
}

static GPtrArray *
threshold_log (SmWindow *window)
{
  return sm_map_dup_threshold_log (sm_document_get_map (sm_window_get_document (window)));
}

/* A new map under the team's thresholds has them, each with a line in the
 * log saying where it came from, and nothing to save or undo. A map opened
 * from a file, and a new map under Stakemap's defaults, are left alone. */
static void
test_team_new_map (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  g_autofree char *date = today ();
  g_autofree char *reason = g_strdup_printf ("Your team’s thresholds, saved from “Drop-in redesign” on %s", date);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(SmEvalConfig) config = NULL;
  SmWindow   *window;
  SmDocument *document;

  reset_settings ();
  save_team_thresholds ();

  window = new_map ();
  document = sm_window_get_document (window);
  config = sm_map_dup_eval_config (sm_document_get_map (document));
  g_assert_cmpfloat (sm_eval_config_get (config, "sp01.fail_ratio"), ==, 2.5);
  g_assert_cmpfloat (sm_eval_config_get (config, "ep03.warn"), ==, 0.3);
  g_assert_cmpuint (sm_preferences_count_changed (config), ==, 2);
  log = threshold_log (window);
  g_assert_cmpuint (log->len, ==, 2);
  for (guint i = 0; i < log->len; i++)
    {
      SmThresholdChange *change = g_ptr_array_index (log, i);

      g_assert_cmpstr (change->by, ==, "your team");
      g_assert_cmpstr (change->reason, ==, reason);
    }
  g_assert_false (sm_document_get_modified (document));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));
  g_assert_true (sm_window_is_pristine (window));
  {
    SmRecord *metadata = sm_map_get_metadata (sm_document_get_map (document));

    g_assert_cmpstr (sm_record_get_string (metadata, "config_profile_id"), ==, SM_EVAL_PROFILE_DEFAULT);
  }
  sm_test_close_all ();
  g_clear_pointer (&log, g_ptr_array_unref);
  g_clear_pointer (&config, sm_eval_config_free);

  window = open_map (path);
  document = sm_window_get_document (window);
  log = threshold_log (window);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_false (sm_document_get_modified (document));
  sm_test_close_all ();
  g_clear_pointer (&log, g_ptr_array_unref);

  g_settings_set_string (settings (), "default-profile", SM_EVAL_PROFILE_DEFAULT);
  window = new_map ();
  log = threshold_log (window);
  g_assert_cmpuint (log->len, ==, 0);
  sm_test_close_all ();
  reset_settings ();
}

/* A key edited by hand is read as the file loader reads thresholds: what
 * is broken is left out, and never reaches a map or the row. */
static void
test_team_broken_key (void)
{
  const char *const unreadable[] = { "{not json", "[1, 2]", "\"sp01.fail_ratio\"", "{}",
                                     "{\"sp01.fail_ratio\": -1, \"bogus.key\": 3, \"ep03.warn\": \"0.3\", "
                                     "\"gate.sharing_power\": 0.5, \"sp03.min_share\": null, "
                                     "\"sp02.warn_share\": {\"x\": 1}, \"sp01.warn_ratio\": 1.5}" };
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(SmEvalConfig) team = NULL;
  g_autofree char     *from = NULL;
  g_autofree char     *date = NULL;
  SmWindow            *window;
  SmPreferencesWindow *preferences;

  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    {
      reset_settings ();
      g_settings_set_string (settings (), "team-thresholds-from", "Drop-in redesign");
      g_settings_set_string (settings (), "team-thresholds", unreadable[i]);
      g_settings_set_string (settings (), "default-profile", "team");
      g_assert_null (sm_preferences_dup_team_thresholds (NULL, NULL));
      window = new_map ();
      log = threshold_log (window);
      g_assert_cmpuint (log->len, ==, 0);
      g_clear_pointer (&log, g_ptr_array_unref);
      preferences = open_preferences (window);
      g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (child (preferences, "profile_row")))),
                        ==, 1);
      sm_test_close_all ();
    }

  /* The good among the bad is kept; a title over several lines is one line,
   * and a date that is not one is dropped. */
  reset_settings ();
  g_settings_set_string (settings (), "team-thresholds-from", "Drop-in\nredesign");
  g_settings_set_string (settings (), "team-thresholds-saved", "2026-02-30");
  g_settings_set_string (settings (), "team-thresholds",
                         "{\"sp01.fail_ratio\": -1, \"bogus.key\": 3, \"ep03.warn\": \"0.3\", "
                         "\"gate.sharing_power\": 0.5, \"sp01.warn_ratio\": 1.8}");
  g_settings_set_string (settings (), "default-profile", "team");
  team = sm_preferences_dup_team_thresholds (&from, &date);
  g_assert_nonnull (team);
  g_assert_cmpuint (sm_preferences_count_changed (team), ==, 1);
  g_assert_cmpfloat (sm_eval_config_get (team, "sp01.warn_ratio"), ==, 1.8);
  g_assert_cmpstr (from, ==, "Drop-in redesign");
  g_assert_null (date);

  window = new_map ();
  log = threshold_log (window);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((SmThresholdChange *) g_ptr_array_index (log, 0))->key, ==, "sp01.warn_ratio");
  g_assert_cmpstr (((SmThresholdChange *) g_ptr_array_index (log, 0))->reason, ==,
                   "Your team’s thresholds, saved from “Drop-in redesign”");
  g_assert_false (sm_document_get_modified (sm_window_get_document (window)));
  sm_test_close_all ();
  reset_settings ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sm_test_application_new ("stakemap-ui-preferences", &scratch);

  g_test_add_func ("/ui/preferences/opens-by-action", test_opens_by_action);
  g_test_add_func ("/ui/preferences/rows-change-keys", test_rows_change_keys);
  g_test_add_func ("/ui/preferences/workshop-steps", test_workshop_steps);
  g_test_add_func ("/ui/preferences/autosave-interval", test_autosave_interval);
  g_test_add_func ("/ui/preferences/default-profile", test_default_profile);
  g_test_add_func ("/ui/preferences/export-names", test_export_names);
  g_test_add_func ("/ui/preferences/team-save", test_team_save);
  g_test_add_func ("/ui/preferences/team-row", test_team_row);
  g_test_add_func ("/ui/preferences/team-new-map", test_team_new_map);
  g_test_add_func ("/ui/preferences/team-broken-key", test_team_broken_key);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

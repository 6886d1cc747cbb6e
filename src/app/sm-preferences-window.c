/* sm-preferences-window.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-eval-profiles.h"
#include "sm-preferences-window.h"
#include "sm-preferences.h"
#include "sm-workshop.h"

/* Every row is bound to its key: a change is kept at once, and reaches
 * what uses it (sm-preferences.c says where). */

struct _SmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkWidget *profile_row;
  GtkWidget *forget_button;
  GtkWidget *autosave_spin;
  GtkWidget *names_row;
  GtkWidget *page_row;
  GtkWidget *orientation_row;
  GtkWidget *width_spin;
  GtkWidget *steps_group;

  /* State */
  GSettings *settings;
  GPtrArray *step_switches; /* GtkSwitch, in the order of the steps */
  GStrv      profile_ids;   /* of profile_row's items, in order */
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (SmPreferencesWindow, sm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const page_ids[] = { "a4", "letter", "a3", NULL };
static const char *const orientation_ids[] = { "auto", "portrait", "landscape", NULL };
static const char *const names_ids[] = { "consent", "none", NULL };

/* A combo row's position and a string key, through a list of the key's
 * values in the row's order. A value the row does not list (set by hand)
 * shows as the first. */

static gboolean
position_from_key (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *const *ids = user_data;
  const char        *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_key (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char *const *ids = user_data;
  guint              position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) ids))
    return NULL;
  return g_variant_new_string (ids[position]);
}

/* The binding keeps its own copy of @ids: a row may outlive the window. */
static void
bind_choice (SmPreferencesWindow *self,
             const char          *key,
             GtkWidget           *row,
             const char *const   *ids)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                position_from_key, position_to_key, g_strdupv ((char **) ids),
                                (GDestroyNotify) g_strfreev);
}

/* Workshop steps */

static void
update_steps (SmPreferencesWindow *self)
{
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "workshop-steps");
  guint n_steps = SM_WORKSHOP_N_STEPS, n_on = 0;

  self->updating = TRUE;
  for (guint i = 0; i < n_steps; i++)
    {
      gboolean on = g_strv_contains ((const char *const *) chosen, sm_workshop_step_get_id (i));

      gtk_switch_set_active (g_ptr_array_index (self->step_switches, i), on);
      n_on += on;
    }
  /* The last step left on cannot be turned off: a workshop of no steps
   * would be none. (A list emptied by hand runs every step.) */
  for (guint i = 0; i < n_steps; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (self->step_switches, i);

      gtk_widget_set_sensitive (toggle, n_on != 1 || !gtk_switch_get_active (GTK_SWITCH (toggle)));
    }
  self->updating = FALSE;
}

static void
step_toggled_cb (SmPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) chosen = NULL;
  guint n_steps = SM_WORKSHOP_N_STEPS;

  if (self->updating)
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n_steps; i++)
    if (gtk_switch_get_active (g_ptr_array_index (self->step_switches, i)))
      g_strv_builder_add (builder, sm_workshop_step_get_id (i));
  chosen = g_strv_builder_end (builder);
  if (chosen[0] == NULL)
    {
      update_steps (self);
      return;
    }
  /* Written in Net-Map's order, whichever was switched first. */
  g_settings_set_strv (self->settings, "workshop-steps", (const char *const *) chosen);
}

static void
build_steps (SmPreferencesWindow *self)
{
  for (guint i = 0; i < SM_WORKSHOP_N_STEPS; i++)
    {
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *toggle = gtk_switch_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, sm_workshop_step_get_title (i));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->steps_group), row);
      g_ptr_array_add (self->step_switches, toggle);
      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (step_toggled_cb), self);
    }
  g_signal_connect_object (self->settings, "changed::workshop-steps", G_CALLBACK (update_steps), self,
                           G_CONNECT_SWAPPED);
  update_steps (self);
}

/* Threshold profiles: the core's, and the team's when one is saved. The
 * row is kept in step by hand, as its choices change with the team's. */

/* Selects the profile of default-profile; one the row does not list (set
 * by hand, or the team's when none is saved) shows as the first. */
static void
update_profile_selected (SmPreferencesWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "default-profile");
  guint            selected = 0;

  for (guint i = 0; self->profile_ids[i] != NULL; i++)
    if (g_str_equal (self->profile_ids[i], chosen))
      selected = i;
  /* Only on a change: this runs inside the row's own selecting too. */
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->profile_row)) != selected)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->profile_row), selected);
      self->updating = FALSE;
    }
}

static void
update_profiles (SmPreferencesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(SmEvalConfig) team = NULL;
  g_autofree char     *from = NULL;
  g_autofree char     *date = NULL;
  guint                n;
  const SmEvalProfile *profiles = sm_eval_profiles_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (labels, sm_eval_profile_get_label (&profiles[i]));
      g_strv_builder_add (builder, profiles[i].id);
    }
  team = sm_preferences_dup_team_thresholds (&from, &date);
  if (team != NULL)
    {
      guint            changed = sm_preferences_count_changed (team);
      g_autofree char *label = NULL;

      /* TRANSLATORS: "Your team’s thresholds (from “Drop-in redesign”, 2026-03-31: 3 changed)" */
      label = g_strdup_printf (ngettext ("Your team’s thresholds (from “%s”, %s: %u changed)",
                                         "Your team’s thresholds (from “%s”, %s: %u changed)", changed),
                               from != NULL ? from : _ ("a map"), date != NULL ? date : _ ("undated"), changed);
      gtk_string_list_append (labels, label);
      g_strv_builder_add (builder, SM_PREFERENCES_PROFILE_TEAM);
    }
  g_strfreev (self->profile_ids);
  self->profile_ids = g_strv_builder_end (builder);

  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->profile_row), G_LIST_MODEL (labels));
  self->updating = FALSE;
  gtk_widget_set_visible (self->forget_button, team != NULL);
  update_profile_selected (self);
}

static void
profile_selected_cb (SmPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->profile_row));

  if (self->updating || self->profile_ids == NULL || selected >= g_strv_length (self->profile_ids))
    return;
  g_settings_set_string (self->settings, "default-profile", self->profile_ids[selected]);
}

static void
forget_clicked_cb (SmPreferencesWindow *self)
{
  sm_preferences_forget_team_thresholds ();
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_ ("New maps will start with Stakemap’s defaults")));
}

static void
build_profiles (SmPreferencesWindow *self)
{
  const char *const keys[] = { "team-thresholds", "team-thresholds-from", "team-thresholds-saved" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", keys[i]);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (update_profiles), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->settings, "changed::default-profile", G_CALLBACK (update_profile_selected), self,
                           G_CONNECT_SWAPPED);
  update_profiles (self);
  g_signal_connect_swapped (self->profile_row, "notify::selected", G_CALLBACK (profile_selected_cb), self);
}

static void
sm_preferences_window_dispose (GObject *object)
{
  SmPreferencesWindow *self = (SmPreferencesWindow *) object;

  if (self->settings != NULL)
    {
      GtkWidget *bound[] = { self->names_row, self->page_row, self->orientation_row };

      g_signal_handlers_disconnect_by_data (self->settings, self);
      for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
        g_settings_unbind (bound[i], "selected");
      g_settings_unbind (self->autosave_spin, "value");
      g_settings_unbind (self->width_spin, "value");
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sm_preferences_window_parent_class)->dispose (object);
}

static void
sm_preferences_window_finalize (GObject *object)
{
  SmPreferencesWindow *self = (SmPreferencesWindow *) object;

  g_clear_pointer (&self->step_switches, g_ptr_array_unref);
  g_clear_pointer (&self->profile_ids, g_strfreev);

  G_OBJECT_CLASS (sm_preferences_window_parent_class)->finalize (object);
}

static void
sm_preferences_window_class_init (SmPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sm_preferences_window_dispose;
  object_class->finalize = sm_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, forget_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, names_row);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, page_row);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, steps_group);
}

static void
sm_preferences_window_init (SmPreferencesWindow *self)
{
  self->step_switches = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns a new window over @parent; NULL without the settings schema, as
 * there is nothing to keep the preferences in. */
GtkWidget *
sm_preferences_window_new (GtkWindow *parent)
{
  GSettings           *settings = sm_preferences_get_settings ();
  SmPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (settings == NULL)
    return NULL;
  self = g_object_new (SM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  build_profiles (self);
  bind_choice (self, "export-names", self->names_row, names_ids);
  bind_choice (self, "export-page", self->page_row, page_ids);
  bind_choice (self, "export-orientation", self->orientation_row, orientation_ids);
  g_settings_bind (self->settings, "autosave-interval", self->autosave_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-width", self->width_spin, "value", G_SETTINGS_BIND_DEFAULT);
  build_steps (self);
  return GTK_WIDGET (self);
}

GtkWidget *
_sm_preferences_window_test_get_step_switch (SmPreferencesWindow *self,
                                             const char          *id)
{
  g_return_val_if_fail (SM_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < SM_WORKSHOP_N_STEPS; i++)
    if (g_str_equal (sm_workshop_step_get_id (i), id))
      return g_ptr_array_index (self->step_switches, i);
  return NULL;
}

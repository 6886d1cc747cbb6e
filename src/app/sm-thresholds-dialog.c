/* sm-thresholds-dialog.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-evaluation-store.h"
#include "sm-preferences.h"
#include "sm-thresholds-dialog-private.h"

/* One row per key, grouped by the check that uses it. A threshold is a
 * judgement the group owns, so a change is never silent: it asks who and
 * why, and the log of changes sits at the top of the page. */

typedef struct
{
  SmThresholdsDialog *dialog;
  const char         *key;
  GtkWidget          *row;
  GtkWidget          *spin;   /* numbers */
  GtkWidget          *toggle; /* yes/no keys */
  GtkWidget          *apply;
} KeyRow;

/* What one "Change …?" question is about, until it is answered. */
typedef struct
{
  GWeakRef     dialog;
  char        *key;
  double       value;
  GtkEditable *by;
  GtkEditable *reason;
} ChangeRequest;

struct _SmThresholdsDialog
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkWidget *page;
  GtkWidget *log_group;
  GtkWidget *log_list;
  GtkWidget *team_button;

  /* State */
  SmDocument *document;
  GPtrArray  *rows; /* KeyRow */
  gboolean    updating;
  AdwToast   *team_toast; /* weak: the last "New maps will start…" */
};

G_DEFINE_FINAL_TYPE (SmThresholdsDialog, sm_thresholds_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static char *
format_value (double value)
{
  char *text = g_strdup_printf ("%.4f", value);
  char *end = text + strlen (text) - 1;

  while (end > text && *end == '0')
    *end-- = '\0';
  if (end > text && !g_ascii_isdigit (*end))
    *end = '\0';
  return text;
}

static const char *
basis_words (SmBasis basis)
{
  switch (basis)
    {
    case SM_BASIS_SOURCE:
      return _ ("set by the sources");
    case SM_BASIS_CONVENTION:
      return _ ("a convention of the method");
    case SM_BASIS_JUDGEMENT:
    default:
      return _ ("a judgement call you can change");
    }
}

/* "sp01" → "SP-01", the check the key belongs to; NULL for shared keys. */
static char *
rule_of_key (const char *key)
{
  const char *dot = strchr (key, '.');

  if (dot == NULL || dot - key != 4 || !g_ascii_isalpha (key[0]) || !g_ascii_isdigit (key[2]))
    return NULL;
  return g_strdup_printf ("%c%c-%c%c", g_ascii_toupper (key[0]), g_ascii_toupper (key[1]), key[2], key[3]);
}

static char *
group_title (const char *key)
{
  g_autofree char *rule = rule_of_key (key);

  if (rule != NULL)
    return g_steal_pointer (&rule);
  if (g_str_has_prefix (key, "graph."))
    return g_strdup (_ ("Network Checks"));
  if (g_str_has_prefix (key, "score."))
    return g_strdup (_ ("Principle Status"));
  if (g_str_has_prefix (key, "gate."))
    return g_strdup (_ ("The Sharing-Power Gate"));
  if (g_str_has_prefix (key, "dq."))
    return g_strdup (_ ("About the Map’s Data"));
  return g_strdup (_ ("All Checks"));
}

static char *
row_subtitle (SmThresholdsDialog *self,
              const char         *key)
{
  g_autofree char *fallback = NULL;

  if (sm_eval_config_is_boolean (key))
    fallback = g_strdup (sm_eval_config_get_default (key) != 0 ? _ ("on") : _ ("off"));
  else
    fallback = format_value (sm_eval_config_get_default (key));
  /* TRANSLATORS: "sp01.fail_ratio · default 2 · a judgement call you can change" */
  return g_strdup_printf (_ ("%s · default %s · %s"), key, fallback,
                          basis_words (sm_eval_config_get_basis (key)));
}

static KeyRow *
find_row (SmThresholdsDialog *self,
          const char         *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      KeyRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}

/* Values and log */

static void
update_values (SmThresholdsDialog *self)
{
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (sm_document_get_map (self->document));
  gboolean editable = !sm_document_get_read_only (self->document);

  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      KeyRow  *row = g_ptr_array_index (self->rows, i);
      double   value = sm_eval_config_get (config, row->key);
      gboolean changed = !sm_eval_config_is_default (config, row->key);

      if (row->toggle != NULL)
        {
          gtk_switch_set_active (GTK_SWITCH (row->toggle), value != 0);
          gtk_widget_set_sensitive (row->toggle, editable);
        }
      else
        {
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->spin), value);
          gtk_widget_set_sensitive (row->spin, editable);
          gtk_widget_set_sensitive (row->apply, FALSE);
        }
      /* Changed keys stand out by a word, not only by emphasis. */
      if (changed)
        gtk_widget_add_css_class (row->row, "threshold-changed");
      else
        gtk_widget_remove_css_class (row->row, "threshold-changed");
      {
        g_autofree char *subtitle = row_subtitle (self, row->key);
        g_autofree char *shown = changed ? g_strdup_printf (_ ("%s · changed for this map"), subtitle)
                                         : g_strdup (subtitle);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), shown);
      }
    }
  self->updating = FALSE;

  /* Only a changed set is worth keeping: the defaults are a choice already. */
  gtk_widget_set_sensitive (self->team_button,
                            sm_preferences_get_settings () != NULL && sm_preferences_count_changed (config) > 0);
}

static void
update_log (SmThresholdsDialog *self)
{
  g_autoptr(GPtrArray) log = sm_map_dup_threshold_log (sm_document_get_map (self->document));
  GtkListBoxRow *old;

  /* Rows only: the placeholder is a child of the list too. */
  while ((old = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->log_list), 0)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->log_list), GTK_WIDGET (old));

  /* Newest first: the last change is the one people ask about. */
  for (guint i = log->len; i-- > 0;)
    {
      SmThresholdChange *change = g_ptr_array_index (log, i);
      GtkWidget         *row = adw_action_row_new ();
      g_autofree char   *old_value = format_value (change->old_value);
      g_autofree char   *new_value = format_value (change->new_value);
      g_autofree char   *title = g_strdup_printf (_ ("%s: %s → %s"), change->key, old_value, new_value);
      g_autofree char   *date = change->at != NULL ? g_strndup (change->at, 10) : g_strdup ("");
      const char        *by = change->by != NULL && *change->by != '\0' ? change->by : _ ("someone not named");
      g_autofree char   *subtitle = NULL;

      if (change->reason != NULL && *change->reason != '\0')
        subtitle = g_strdup_printf (_ ("By %s on %s: %s"), by, date, change->reason);
      else
        subtitle = g_strdup_printf (_ ("By %s on %s"), by, date);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_list_box_append (GTK_LIST_BOX (self->log_list), row);
    }
}

static void
evaluation_changed_cb (SmThresholdsDialog *self)
{
  update_values (self);
  update_log (self);
}

/* Asking who and why */

static void
reason_changed_cb (GtkEditable      *reason,
                   AdwMessageDialog *ask)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (ask, "change", *text != '\0');
}

static void
change_request_free (gpointer  data,
                     GClosure *closure)
{
  ChangeRequest *request = data;

  g_weak_ref_clear (&request->dialog);
  g_free (request->key);
  g_free (request);
}

static void
ask_response_cb (AdwMessageDialog *ask,
                 const char       *response,
                 ChangeRequest    *request)
{
  g_autoptr(SmThresholdsDialog) self = g_weak_ref_get (&request->dialog);
  g_autofree char *who = g_strstrip (g_strdup (gtk_editable_get_text (request->by)));
  g_autofree char *why = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));
  SmMap           *map;

  if (self == NULL)
    return; /* the dialog it was asked from has gone */
  map = sm_document_get_map (self->document);
  if (g_strcmp0 (response, "change") == 0 && *why != '\0')
    sm_document_push (self->document,
                      sm_command_new_set_threshold (map, request->key, request->value,
                                                    *who != '\0' ? who : NULL, why));
  else
    update_values (self); /* put the control back as it was */
}

void
sm_thresholds_dialog_request_change (SmThresholdsDialog *self,
                                     const char         *key,
                                     double              value)
{
  g_autoptr(SmEvalConfig) config = NULL;
  g_autoptr(SmEvalConfig) check = sm_eval_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *ask, *box, *by, *reason;
  ChangeRequest   *request;
  double           old_value;

  g_return_if_fail (SM_IS_THRESHOLDS_DIALOG (self));
  g_return_if_fail (sm_eval_config_has_key (key));

  if (!sm_eval_config_set (check, key, value, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      update_values (self);
      return;
    }
  config = sm_map_dup_eval_config (sm_document_get_map (self->document));
  old_value = sm_eval_config_get (config, key);
  if (old_value == value)
    return;

  if (sm_eval_config_is_boolean (key))
    {
      old_text = g_strdup (old_value != 0 ? _ ("on") : _ ("off"));
      new_text = g_strdup (value != 0 ? _ ("on") : _ ("off"));
    }
  else
    {
      old_text = format_value (old_value);
      new_text = format_value (value);
    }
  body = g_strdup_printf (_ ("From %s to %s. The change is kept with the map, with who made it and why, "
                             "so everyone can see the judgement calls behind the findings."),
                          old_text, new_text);
  ask = adw_message_dialog_new (GTK_WINDOW (self), NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (ask), _ ("Change “%s”?"), key);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  by = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (by), _ ("Who is changing it (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (by), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Who is changing it"), -1);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _ ("Why"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Why the group is changing it"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_box_append (GTK_BOX (box), by);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (ask), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask),
                                    "cancel", _ ("_Cancel"),
                                    "change", _ ("C_hange"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (ask), "change", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");

  request = g_new0 (ChangeRequest, 1);
  g_weak_ref_init (&request->dialog, self);
  request->key = g_strdup (key);
  request->value = value;
  request->by = GTK_EDITABLE (by);
  request->reason = GTK_EDITABLE (reason);
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), ask);
  g_signal_connect_data (ask, "response", G_CALLBACK (ask_response_cb), request, change_request_free, 0);
  gtk_window_present (GTK_WINDOW (ask));
  gtk_widget_grab_focus (by);
}

/* The team's thresholds */

/* The settings a save replaces, to put back on Undo. */
static const char *const team_keys[] = { "default-profile", "team-thresholds-from", "team-thresholds-saved",
                                         "team-thresholds" };

static void
team_undo_cb (AdwToast *toast,
              GVariant *before)
{
  GSettings *settings = sm_preferences_get_settings ();

  for (guint i = 0; settings != NULL && i < G_N_ELEMENTS (team_keys); i++)
    {
      const char *value = NULL;

      g_variant_get_child (before, i, "&s", &value);
      g_settings_set_string (settings, team_keys[i], value);
    }
}

static void
team_clicked_cb (SmThresholdsDialog *self)
{
  GSettings      *settings = sm_preferences_get_settings ();
  GVariantBuilder before;
  AdwToast       *toast;

  if (settings == NULL)
    return;
  g_variant_builder_init (&before, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < G_N_ELEMENTS (team_keys); i++)
    {
      g_autofree char *value = g_settings_get_string (settings, team_keys[i]);

      g_variant_builder_add (&before, "s", value);
    }
  if (!sm_preferences_save_team_thresholds (sm_document_get_map (self->document)))
    {
      g_variant_builder_clear (&before);
      return;
    }

  toast = adw_toast_new (_ ("New maps will start with these thresholds"));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (team_undo_cb),
                         g_variant_ref_sink (g_variant_builder_end (&before)),
                         (GClosureNotify) (void (*) (void)) g_variant_unref, 0);
  g_set_weak_pointer (&self->team_toast, toast);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* Rows */

static void
spin_changed_cb (GtkSpinButton *spin,
                 KeyRow        *row)
{
  g_autoptr(SmEvalConfig) config = NULL;

  if (row->dialog->updating)
    return;
  config = sm_map_dup_eval_config (sm_document_get_map (row->dialog->document));
  gtk_widget_set_sensitive (row->apply, gtk_spin_button_get_value (spin) != sm_eval_config_get (config, row->key));
}

static void
apply_clicked_cb (GtkButton *button,
                  KeyRow    *row)
{
  gtk_spin_button_update (GTK_SPIN_BUTTON (row->spin));
  sm_thresholds_dialog_request_change (row->dialog, row->key, gtk_spin_button_get_value (GTK_SPIN_BUTTON (row->spin)));
}

static void
switch_changed_cb (GtkSwitch  *toggle,
                   GParamSpec *pspec,
                   KeyRow     *row)
{
  if (row->dialog->updating)
    return;
  sm_thresholds_dialog_request_change (row->dialog, row->key, gtk_switch_get_active (toggle) ? 1 : 0);
}

static KeyRow *
build_row (SmThresholdsDialog *self,
           const char         *key)
{
  KeyRow *row = g_new0 (KeyRow, 1);
  double  fallback = sm_eval_config_get_default (key);

  row->dialog = self;
  row->key = key;
  row->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  {
    /* "sp01.fail_ratio" → "fail ratio"; the key itself is in the subtitle. */
    const char      *dot = strchr (key, '.');
    g_autofree char *title = g_strdup (dot != NULL ? dot + 1 : key);

    g_strdelimit (title, "_", ' ');
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row->row), 3);

  if (sm_eval_config_is_boolean (key))
    {
      row->toggle = gtk_switch_new ();
      gtk_widget_set_valign (row->toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, key, -1);
      g_signal_connect (row->toggle, "notify::active", G_CALLBACK (switch_changed_cb), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), row->toggle);
      return row;
    }

  {
    /* Counts and 0–10 scores go in ones; shares and ratios in small steps. */
    gboolean whole = fallback == floor (fallback) && fallback >= 2 && strstr (key, "ratio") == NULL;
    double   step = whole ? 1 : 0.05;
    guint    digits = whole ? 0 : (fabs (fallback * 100 - round (fallback * 100)) > 1e-9 ? 4 : 2);

    row->spin = gtk_spin_button_new_with_range (0, 100000, step);
    gtk_spin_button_set_digits (GTK_SPIN_BUTTON (row->spin), digits);
  }
  gtk_widget_set_valign (row->spin, GTK_ALIGN_CENTER);
  /* One width for every number, so the column lines up. */
  gtk_editable_set_width_chars (GTK_EDITABLE (row->spin), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, key, -1);
  g_signal_connect (row->spin, "value-changed", G_CALLBACK (spin_changed_cb), row);

  row->apply = gtk_button_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_valign (row->apply, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->apply, "flat");
  gtk_widget_set_tooltip_text (row->apply, _ ("Change Threshold…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->apply), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Change Threshold…"), -1);
  gtk_widget_set_sensitive (row->apply, FALSE);
  g_signal_connect (row->apply, "clicked", G_CALLBACK (apply_clicked_cb), row);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->apply);
  return row;
}

/* Enter in the number asks as the button does. */
static void
spin_activate_cb (GtkText *text,
                  KeyRow  *row)
{
  apply_clicked_cb (NULL, row);
}

/* The log's group is in the template; a group per check follows it. */
static void
build_pages (SmThresholdsDialog *self)
{
  const char *const *keys = sm_eval_config_list_keys ();
  GtkWidget         *group = NULL;
  g_autofree char   *current = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *title = group_title (keys[i]);
      KeyRow          *row;

      if (group == NULL || g_strcmp0 (current, title) != 0)
        {
          g_autofree char *rule_id = rule_of_key (keys[i]);
          const SmRuleDef *rule = rule_id != NULL ? sm_rules_lookup (rule_id) : NULL;

          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
          if (rule != NULL)
            adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                                   sm_rule_def_get_question (rule));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
          g_free (current);
          current = g_strdup (title);
        }
      row = build_row (self, keys[i]);
      if (row->spin != NULL)
        g_signal_connect_after (gtk_editable_get_delegate (GTK_EDITABLE (row->spin)), "activate",
                                G_CALLBACK (spin_activate_cb), row);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row->row);
    }
}

static void
sm_thresholds_dialog_dispose (GObject *object)
{
  SmThresholdsDialog *self = (SmThresholdsDialog *) object;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (sm_document_get_map (self->document), self);
  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->team_toast);

  G_OBJECT_CLASS (sm_thresholds_dialog_parent_class)->dispose (object);
}

static void
sm_thresholds_dialog_finalize (GObject *object)
{
  SmThresholdsDialog *self = (SmThresholdsDialog *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sm_thresholds_dialog_parent_class)->finalize (object);
}

static void
sm_thresholds_dialog_class_init (SmThresholdsDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sm_thresholds_dialog_dispose;
  object_class->finalize = sm_thresholds_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-thresholds-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SmThresholdsDialog, page);
  gtk_widget_class_bind_template_child (widget_class, SmThresholdsDialog, log_group);
  gtk_widget_class_bind_template_child (widget_class, SmThresholdsDialog, log_list);
  gtk_widget_class_bind_template_child (widget_class, SmThresholdsDialog, team_button);
  gtk_widget_class_bind_template_callback (widget_class, team_clicked_cb);
}

static void
sm_thresholds_dialog_init (SmThresholdsDialog *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sm_thresholds_dialog_new (SmDocument *document)
{
  SmThresholdsDialog *self;

  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  self = g_object_new (SM_TYPE_THRESHOLDS_DIALOG, NULL);
  self->document = g_object_ref (document);
  build_pages (self);
  g_signal_connect_swapped (sm_document_get_map (document), "evaluation-changed",
                            G_CALLBACK (evaluation_changed_cb), self);
  update_values (self);
  update_log (self);
  return GTK_WIDGET (self);
}

GtkWidget *
_sm_thresholds_dialog_test_get_row (SmThresholdsDialog *self,
                                    const char         *key)
{
  KeyRow *row;

  g_return_val_if_fail (SM_IS_THRESHOLDS_DIALOG (self), NULL);
  row = find_row (self, key);
  return row != NULL ? row->row : NULL;
}

GPtrArray *
_sm_thresholds_dialog_test_dup_log_titles (SmThresholdsDialog *self)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SM_IS_THRESHOLDS_DIALOG (self), titles);
  for (GtkWidget *row = gtk_widget_get_first_child (self->log_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
  return titles;
}

AdwToast *
_sm_thresholds_dialog_test_get_team_toast (SmThresholdsDialog *self)
{
  g_return_val_if_fail (SM_IS_THRESHOLDS_DIALOG (self), NULL);
  return self->team_toast;
}

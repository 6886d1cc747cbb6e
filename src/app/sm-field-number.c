/* sm-field-number.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The widget for a number: a spin button for scores (with Unknown), whole
 * numbers and coordinates. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sm-record-editor-private.h"

/* Numbers: scores with Unknown, whole numbers, coordinates */

static gboolean
spin_can_be_unset (Binding *b)
{
  return b->field->type == SM_FIELD_SCORE ||
         (b->field->default_json == NULL && !(b->field->flags & SM_FIELD_REQUIRED));
}

static void
write_number (Binding *b,
              double   value,
              gboolean mergeable)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  if (b->field->type != SM_FIELD_NUMBER && b->field->type != SM_FIELD_SCORE)
    value = floor (value + 0.5);
  if (value == floor (value))
    json_node_init_int (node, (gint64) value);
  else
    json_node_init_double (node, value);
  _sm_field_binding_write (b, node, mergeable);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Binding       *b)
{
  if (b->dead || b->blocked > 0)
    return;
  write_number (b, gtk_spin_button_get_value (spin), TRUE);
}

static void
spin_unknown_toggled_cb (GtkCheckButton *check,
                         Binding        *b)
{
  gboolean unset = gtk_check_button_get_active (check);

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  gtk_widget_set_sensitive (b->control, !unset);
  if (!unset)
    write_number (b, gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->control)), FALSE);
  else if (b->field->type == SM_FIELD_SCORE)
    _sm_field_write_string (b, "unknown", FALSE);
  else
    _sm_field_binding_write (b, NULL, FALSE);
}

void
_sm_field_spin_update (Binding *b)
{
  g_autoptr(JsonNode) node = _sm_field_binding_dup_effective (b);
  double   value;
  gboolean known = _sm_field_node_number (node, &value);

  b->blocked++;
  if (known)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (b->control);

      /* Scores are usually whole; show a half point when there is one. */
      if (b->field->type == SM_FIELD_SCORE)
        gtk_spin_button_set_digits (spin, value != floor (value) ? 1 : 0);
      if (gtk_spin_button_get_value (spin) != value)
        gtk_spin_button_set_value (spin, value);
    }
  if (b->check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (b->check), !known);
  gtk_widget_set_sensitive (b->control, known || b->check == NULL);
  b->blocked--;
}

GtkWidget *
_sm_field_build_spin (Binding *b)
{
  GtkWidget *row = _sm_field_plain (adw_action_row_new ());
  double     step = b->field->type == SM_FIELD_NUMBER ? 10 : 1;
  /* A size may not be 0: the smallest the field shows (one decimal). */
  double      min = (b->field->flags & SM_FIELD_ABOVE_MIN) ? b->field->min + 0.1 : b->field->min;
  GtkWidget  *spin = gtk_spin_button_new_with_range (min, b->field->max, step);
  const char *label = _sm_field_field_label (b);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), b->field->type == SM_FIELD_NUMBER ? 1 : 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), b->field->max <= 100 ? 3 : 7);
  _sm_field_set_accessible_label (spin, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  b->row = row;
  b->control = spin;
  _sm_field_connect_binding (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), b);
  _sm_field_watch_focus (b, spin);

  if (spin_can_be_unset (b))
    {
      gboolean         score = b->field->type == SM_FIELD_SCORE;
      GtkWidget       *check = gtk_check_button_new_with_label (score ? _ ("Unknown") : _ ("Not set"));
      g_autofree char *name = g_strdup_printf (score ? _ ("%s unknown") : _ ("%s not set"), label);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      _sm_field_set_accessible_label (check, name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      b->check = check;
      _sm_field_binding_add_part (b, "unknown", check);
      _sm_field_connect_binding (check, "toggled", G_CALLBACK (spin_unknown_toggled_cb), b);
    }
  return row;
}

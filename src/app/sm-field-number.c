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
#include <string.h>

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

static gboolean
spin_is_unknown (Binding *b)
{
  return b->check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (b->check));
}

/* +, −, the arrows, or a number typed and entered. */
static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Binding       *b)
{
  if (b->dead || b->blocked > 0)
    return;
  write_number (b, gtk_spin_button_get_value (spin), TRUE);
}

/* An unknown score shows an empty box that takes a number at once:
 * typing a number sets it, and the Unknown box unticks itself, in one
 * step. Later keys go the usual way (Enter, or leaving the box). */
static void
spin_text_changed_cb (GtkEditable *editable,
                      Binding     *b)
{
  g_autofree char *text = NULL;
  char            *end = NULL;
  double           value;

  if (b->dead || b->blocked > 0 || !spin_is_unknown (b))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  if (*text == '\0')
    return;
  value = g_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < b->field->min || value > b->field->max)
    return;
  write_number (b, value, TRUE);
}

/* An empty box is not a number: it stays unknown rather than reading 0. */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *value,
               Binding       *b)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0')
    return FALSE;
  *value = gtk_spin_button_get_value (spin);
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                Binding       *b)
{
  if (!spin_is_unknown (b))
    return FALSE;
  if (*gtk_editable_get_text (GTK_EDITABLE (spin)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
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
  GtkSpinButton *spin = GTK_SPIN_BUTTON (b->control);
  double         value;
  gboolean       known = _sm_field_node_number (node, &value);

  b->blocked++;
  if (b->check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (b->check), !known);
  if (known)
    {
      /* Scores are usually whole; show a half point when there is one. */
      if (b->field->type == SM_FIELD_SCORE)
        gtk_spin_button_set_digits (spin, value != floor (value) ? 1 : 0);
      if (gtk_spin_button_get_value (spin) != value)
        gtk_spin_button_set_value (spin, value);
      else
        gtk_spin_button_update (spin);
    }
  else if (b->check != NULL)
    {
      /* + from unknown starts at the bottom of the scale. */
      gtk_spin_button_set_value (spin, gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)));
      gtk_editable_set_text (GTK_EDITABLE (spin), "");
    }
  b->blocked--;
}

/* What the numbers of a scale mean, in plain words, beside the control
 * that sets it (principles.md §3). */
static const struct
{
  const char *field;
  const char *words;
} scales[] = {
  { "influence", N_ ("How much say they have over the map’s question: 0 none · 5 some · 10 the most") },
  { "influence_self", N_ ("How much say they feel they have: 0 none · 5 some · 10 the most") },
  { "interest", N_ ("How much they care or are affected: 0 not at all · 5 some · 10 a great deal") },
  { "legitimacy", N_ ("How rightful their stake is: 0 not at all · 10 fully") },
  { "urgency", N_ ("How pressing their stake is: 0 it can wait · 10 it cannot wait") },
  { "magnitude", N_ ("0 none · 1 a little · 2 some · 3 a lot") },
  { "strength", N_ ("1 light or now and then · 5 strong or all the time") },
};

static const char *
scale_words (Binding *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (strcmp (b->field->name, scales[i].field) == 0)
      return _ (scales[i].words);
  return NULL;
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
  if (scale_words (b) != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), scale_words (b));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      scale_words (b), -1);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  b->row = row;
  b->control = spin;
  _sm_field_connect_binding (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), b);
  _sm_field_connect_binding (spin, "changed", G_CALLBACK (spin_text_changed_cb), b);
  _sm_field_connect_binding (spin, "input", G_CALLBACK (spin_input_cb), b);
  _sm_field_connect_binding (spin, "output", G_CALLBACK (spin_output_cb), b);
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

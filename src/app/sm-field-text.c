/* sm-field-text.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The widgets for text: a one-line entry for strings and dates (checked
 * as you type), and a text view for long text. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sm-record-editor-private.h"

/* Entries: strings and dates */

static gboolean
is_date (const char *text)
{
  int y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  return g_date_valid_dmy (d, m, y);
}

static void
set_invalid (Binding *b,
             gboolean invalid)
{
  if (invalid)
    gtk_widget_add_css_class (b->row, "error");
  else
    gtk_widget_remove_css_class (b->row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (b->control), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Binding     *b)
{
  const char *text = gtk_editable_get_text (editable);
  gboolean    keep_empty = (b->field->flags & SM_FIELD_REQUIRED) ||
                        (b->array_path != NULL && *b->path == '\0');

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  if (b->kind == W_DATE)
    {
      gboolean valid = *text == '\0' || is_date (text);

      /* Nothing is written until the date is whole and real. */
      set_invalid (b, !valid);
      if (!valid)
        return;
    }
  _sm_field_write_string (b, *text == '\0' && !keep_empty ? NULL : text, TRUE);
}

void
_sm_field_entry_update (Binding *b)
{
  GtkEditable *editable = GTK_EDITABLE (b->control);
  const char  *value = _sm_field_node_string (_sm_field_binding_get (b));
  const char  *text = gtk_editable_get_text (editable);
  int          position;

  if (value == NULL)
    value = "";
  if (strcmp (value, text) == 0)
    return;
  /* A half-typed date stays while the user is still typing it. */
  if (b->kind == W_DATE && _sm_field_has_focus_within (b->row) && *text != '\0' && !is_date (text))
    return;

  position = gtk_editable_get_position (editable);
  b->blocked++;
  gtk_editable_set_text (editable, value);
  gtk_editable_set_position (editable, MIN (position, (int) g_utf8_strlen (value, -1)));
  b->blocked--;
  if (b->kind == W_DATE)
    set_invalid (b, FALSE);
}

GtkWidget *
_sm_field_build_entry (Binding    *b,
                       const char *title)
{
  GtkWidget *row = _sm_field_plain (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  b->row = b->control = row;
  if (b->kind == W_DATE)
    gtk_widget_set_tooltip_text (row, _ ("A date such as 2026-03-31"));
  _sm_field_set_accessible_label (row, title);
  _sm_field_connect_binding (row, "changed", G_CALLBACK (entry_changed_cb), b);
  _sm_field_watch_focus (b, row);
  return row;
}

/* Long text */

static void
text_changed_cb (GtkTextBuffer *buffer,
                 Binding       *b)
{
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  _sm_field_write_string (b, *text == '\0' && !(b->field->flags & SM_FIELD_REQUIRED) ? NULL : text, TRUE);
}

void
_sm_field_text_update (Binding *b)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->control));
  const char      *value = _sm_field_node_string (_sm_field_binding_get (b));
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  if (value == NULL)
    value = "";
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (strcmp (text, value) == 0)
    return;
  b->blocked++;
  gtk_text_buffer_set_text (buffer, value, -1);
  b->blocked--;
}

GtkWidget *
_sm_field_build_text (Binding *b)
{
  GtkWidget *row = _sm_field_plain (adw_preferences_row_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_sm_field_field_label (b));
  GtkWidget *view = gtk_text_view_new ();

  /* A preferences row, so groups put it in their list with the others. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _sm_field_field_label (b));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "inline");
  gtk_widget_set_size_request (view, -1, 54);
  _sm_field_set_accessible_label (view, _sm_field_field_label (b));
  _sm_field_set_accessible_label (row, _sm_field_field_label (b));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  b->row = row;
  b->control = view;
  _sm_field_connect_binding (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                             G_CALLBACK (text_changed_cb), b);
  _sm_field_watch_focus (b, view);
  return row;
}

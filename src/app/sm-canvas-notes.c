/* sm-canvas-notes.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Notes on the map (the file's annotations): adding one, and typing its
 * text in place, in a text view over its card. A new note joins the map
 * only when its text is confirmed, so adding it and writing it are one
 * undo step; a note is never left without words: a new one left empty is
 * not added, and an edit that empties a note is refused (Delete removes
 * a note). Selecting, moving and deleting notes go the way stakeholders
 * do, in sm-canvas-input.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sm-canvas-private.h"
#include "sm-command.h"

#define NOTE_EDITOR_MIN_PX 220
#define NOTE_EDITOR_MIN_HEIGHT_PX 64

gboolean
_sm_canvas_is_editing_note (SmCanvas *self)
{
  return self->note_pending != NULL || self->note_editing_id != NULL;
}

static char *
dup_editor_text (SmCanvas *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
begin_note_editing (SmCanvas   *self,
                    const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  GtkTextIter    start, end;

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_widget_set_visible (self->note_view, TRUE);
  _sm_canvas_update_hint (self);
  gtk_widget_grab_focus (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &end, &start);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts a new note centred on map point (x, y), about the selected
 * stakeholders; it joins the map when its text is confirmed. */
void
_sm_canvas_begin_new_note (SmCanvas *self,
                           double    x,
                           double    y)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) people = NULL;

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  json_object_set_string_member (data, "text", "");
  json_object_set_int_member (data, "x", (gint64) round (x));
  json_object_set_int_member (data, "y", (gint64) round (y));
  if (people->len > 0)
    {
      JsonArray *refs = json_array_sized_new (people->len);

      for (guint i = 0; i < people->len; i++)
        json_array_add_string_element (refs, sm_record_get_id (g_ptr_array_index (people, i)));
      json_object_set_array_member (data, "refers_to", refs);
    }
  self->note_pending = sm_record_new (SM_RECORD_ANNOTATION, data);
  /* Room for half the card round its centre; the view jumps only when the
   * card would be cut. */
  _sm_canvas_ensure_visible (self, round (x), round (y), 60);
  begin_note_editing (self, "");
}

void
_sm_canvas_begin_note_edit (SmCanvas *self,
                            SmRecord *note)
{
  const char *text;

  if (!_sm_canvas_can_place (self) || note == NULL)
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  text = sm_record_get_string (note, "text");
  self->note_editing_id = g_strdup (sm_record_get_id (note));
  sm_selection_select_only (self->selection, self->note_editing_id);
  begin_note_editing (self, text != NULL ? text : "");
}

/* Ends typing a note: @commit adds the new note with its text, or sets the
 * text of the one edited, as one step. Empty text commits nothing. */
void
_sm_canvas_stop_note_editing (SmCanvas *self,
                              gboolean  commit)
{
  g_autoptr(SmRecord) pending = NULL;
  g_autofree char *editing_id = NULL;
  g_autofree char *text = NULL;

  if (!_sm_canvas_is_editing_note (self))
    return;

  /* Leave the editing state first: moving the focus below ends up here
   * again through the text view's focus-leave handler. */
  pending = g_steal_pointer (&self->note_pending);
  editing_id = g_steal_pointer (&self->note_editing_id);
  text = dup_editor_text (self);

  if (commit && *text != '\0' && !_sm_canvas_is_read_only (self))
    {
      if (pending != NULL)
        {
          g_autoptr(JsonObject) data = sm_record_dup_data (pending);
          g_autofree char *id = sm_map_make_id (self->map, SM_RECORD_ANNOTATION);

          json_object_set_string_member (data, "id", id);
          json_object_set_string_member (data, "text", text);
          sm_history_break_merge (sm_document_get_history (self->document));
          sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_ANNOTATION, data));
          sm_selection_select_only (self->selection, id);
        }
      else
        {
          SmRecord *note = sm_map_lookup_kind (self->map, SM_RECORD_ANNOTATION, editing_id);

          if (note != NULL && g_strcmp0 (sm_record_get_string (note, "text"), text) != 0)
            {
              sm_history_break_merge (sm_document_get_history (self->document));
              sm_document_push (self->document, sm_command_new_set_string (note, "text", text));
              sm_history_break_merge (sm_document_get_history (self->document));
            }
        }
    }

  if (gtk_widget_has_focus (self->note_view) || gtk_widget_get_focus_child (GTK_WIDGET (self)) == self->note_view)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->note_view, FALSE);
  _sm_canvas_update_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ctrl+Enter confirms (Enter starts a new line), Escape cancels. An edit
 * that would leave a note empty is refused: the editor stays. */
static gboolean
note_key_pressed_cb (SmCanvas       *self,
                     guint           keyval,
                     guint           keycode,
                     GdkModifierType state)
{
  g_autofree char *text = NULL;

  if (keyval == GDK_KEY_Escape)
    {
      _sm_canvas_stop_note_editing (self, FALSE);
      return TRUE;
    }
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  text = dup_editor_text (self);
  if (*text == '\0' && self->note_editing_id != NULL)
    {
      gtk_widget_error_bell (self->note_view);
      return TRUE;
    }
  _sm_canvas_stop_note_editing (self, TRUE);
  return TRUE;
}

/* Clicking away confirms; an emptied note keeps its text. */
static void
note_leave_cb (SmCanvas *self)
{
  _sm_canvas_stop_note_editing (self, TRUE);
}

static void
note_changed_cb (SmCanvas *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Puts the editor over the card of the note being typed. */
void
_sm_canvas_allocate_note_editor (SmCanvas *self)
{
  SmRecord *note;
  double    x = 0, y = 0, w = 0, h = 0, cx, cy;
  int       min_h, nat_h, width, height;

  if (!gtk_widget_get_visible (self->note_view))
    return;
  note = self->note_pending;
  if (note == NULL)
    note = sm_map_lookup_kind (self->map, SM_RECORD_ANNOTATION, self->note_editing_id);
  if (note == NULL || !sm_renderer_get_note_rect (self->renderer, note, &x, &y, &w, &h))
    return;

  cx = (x + w / 2 - self->view_x) * self->scale;
  cy = (y + h / 2 - self->view_y) * self->scale;
  width = MAX ((int) round (w * self->scale), NOTE_EDITOR_MIN_PX);
  gtk_widget_measure (self->note_view, GTK_ORIENTATION_VERTICAL, width, &min_h, &nat_h, NULL, NULL);
  height = MAX (MAX (min_h, nat_h), MAX ((int) round (h * self->scale), NOTE_EDITOR_MIN_HEIGHT_PX));
  gtk_widget_size_allocate (self->note_view,
                            &(GtkAllocation) {
                              .x = (int) round (cx - width / 2.0),
                              .y = (int) round (cy - height / 2.0),
                              .width = width,
                              .height = height },
                            -1);
}

/* The text view a note's text is typed into, over the map. */
void
_sm_canvas_init_notes (SmCanvas *self)
{
  GtkEventController *controller;

  self->note_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->note_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->note_view), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->note_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->note_view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->note_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->note_view), 8);
  gtk_widget_add_css_class (self->note_view, "note-editor");
  gtk_widget_set_tooltip_text (self->note_view, _ ("Ctrl+Enter to confirm, Escape to cancel"));
  gtk_widget_set_visible (self->note_view, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Note text"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _ ("Press Control+Enter to confirm or Escape to cancel"),
                                  -1);
  gtk_widget_set_parent (self->note_view, GTK_WIDGET (self));
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view)), "changed",
                            G_CALLBACK (note_changed_cb), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (note_leave_cb), self);
  gtk_widget_add_controller (self->note_view, controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (note_key_pressed_cb), self);
  gtk_widget_add_controller (self->note_view, controller);
}

/* Test hooks */

GtkWidget *
_sm_canvas_test_get_note_editor (SmCanvas *self)
{
  return self->note_view;
}

/* A key pressed in the note's editor, before the text view sees it. */
gboolean
_sm_canvas_test_note_key (SmCanvas       *self,
                          guint           keyval,
                          GdkModifierType state)
{
  return note_key_pressed_cb (self, keyval, 0, state);
}

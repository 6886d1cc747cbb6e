/* test-canvas-notes.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sm-canvas-private.h"
#include "sm-format.h"
#include "sm-render.h"
#include "sm-ui-test-utils.h"

/* Notes on the map as a facilitator uses them: added with a key about the
 * selected stakeholders, typed in place, selected, dragged, nudged,
 * edited and deleted, each one undo step, and kept in the saved file.
 * GTK 4 cannot synthesise input, so the tests call the code the gestures
 * and key controllers call (sm-canvas-private.h). */

#define MAP_WITH_NOTES                                                                      \
  "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Air\"},"                     \
  "\"stakeholders\":["                                                                      \
  "{\"id\":\"a\",\"name\":\"Ann\",\"x\":0,\"y\":0},"                                        \
  "{\"id\":\"b\",\"name\":\"Bea\",\"x\":400,\"y\":0},"                                      \
  "{\"id\":\"c\",\"name\":\"Cy\",\"x\":200,\"y\":300}],"                                    \
  "\"relationships\":[{\"id\":\"r\",\"source\":\"a\",\"target\":\"b\"}],"                   \
  "\"annotations\":["                                                                       \
  "{\"id\":\"n1\",\"text\":\"On the line\",\"x\":200,\"y\":0,\"refers_to\":[\"a\",\"b\"]}," \
  "{\"id\":\"n2\",\"text\":\"Far below\",\"x\":200,\"y\":500},"                             \
  "{\"id\":\"n3\",\"text\":\"Beside Cy\",\"refers_to\":[\"c\"]}]}"

typedef SmCanvasFixture Fixture;

/* @data: a replacement for the file's version, for a newer (read-only)
 * file; NULL for this version. */
static void
setup (Fixture      *fixture,
       gconstpointer data)
{
  sm_test_canvas_fixture_set_up (fixture, MAP_WITH_NOTES, data);
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  sm_test_canvas_fixture_tear_down (fixture);
}

static SmCollection *
notes (Fixture *fixture)
{
  return sm_map_get_collection (fixture->map, SM_RECORD_ANNOTATION);
}

static void
assert_undo_title (Fixture    *fixture,
                   const char *title)
{
  g_autofree char *undo = sm_history_dup_undo_title (fixture->history);

  g_assert_cmpstr (undo, ==, title);
}

/* The middle of a note's card, in widget pixels. */
static void
note_at (Fixture    *fixture,
         const char *id,
         double     *x,
         double     *y)
{
  double nx, ny, nw, nh;

  g_assert_true (sm_renderer_get_note_rect (sm_canvas_get_renderer (fixture->canvas),
                                            sm_map_lookup (fixture->map, id), &nx, &ny, &nw, &nh));
  _sm_canvas_test_map_to_widget (fixture->canvas, nx + nw / 2, ny + nh / 2, x, y);
}

static char *
refers_to (SmRecord *note)
{
  JsonNode  *refs = sm_record_get_value (note, "refers_to");
  JsonArray *array;
  GString   *text = g_string_new (NULL);

  if (refs == NULL)
    return g_string_free (text, FALSE);
  array = json_node_get_array (refs);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", json_array_get_string_element (array, i));
  return g_string_free (text, FALSE);
}

static gboolean
editor_open (Fixture *fixture)
{
  GtkWidget *editor = _sm_canvas_test_get_note_editor (fixture->canvas);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return gtk_widget_get_visible (editor) && focus != NULL &&
         (focus == editor || gtk_widget_is_ancestor (focus, editor));
}

static char *
editor_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_sm_canvas_test_get_note_editor (fixture->canvas)));
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_text (Fixture    *fixture,
           const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_sm_canvas_test_get_note_editor (fixture->canvas)));

  gtk_text_buffer_set_text (buffer, text, -1);
  sm_test_settle ();
}

/* Shift+N with the pointer over the map: a note there, about the selected
 * stakeholders, typed at once; Ctrl+Enter adds it and its text as one
 * step. */
static void
test_add (Fixture      *fixture,
          gconstpointer data)
{
  const char      *ab[] = { "a", "b", NULL };
  SmRecord        *note;
  double           mx, my;
  g_autofree char *refs = NULL;
  g_autofree char *id = NULL;

  sm_selection_set (fixture->selection, ab);
  fixture->canvas->pointer_x = 500;
  fixture->canvas->pointer_y = 420;
  fixture->canvas->pointer_inside = TRUE;
  _sm_canvas_test_widget_to_map (fixture->canvas, 500, 420, &mx, &my);

  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_N, GDK_SHIFT_MASK));
  sm_test_settle ();
  g_assert_true (editor_open (fixture));
  /* Nothing is added before the text is. */
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 3);

  type_text (fixture, "Ask the tenants first\nthen the council");
  /* Enter alone is a new line. */
  g_assert_false (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Return, 0));
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Return, GDK_CONTROL_MASK));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (_sm_canvas_test_get_note_editor (fixture->canvas)));

  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 4);
  note = sm_collection_get (notes (fixture), 3);
  id = g_strdup (sm_record_get_id (note));
  g_assert_cmpstr (sm_record_get_string (note, "text"), ==, "Ask the tenants first\nthen the council");
  refs = refers_to (note);
  g_assert_cmpstr (refs, ==, "a,b");
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "x", G_MAXDOUBLE), round (mx), 0.5);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "y", G_MAXDOUBLE), round (my), 0.5);
  g_assert_true (sm_selection_contains (fixture->selection, id));
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 1);
  assert_undo_title (fixture, "Add Note");

  /* One step back removes it, one forward brings it back with its text. */
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 3);
  g_assert_null (sm_map_lookup (fixture->map, id));
  g_assert_true (sm_history_redo (fixture->history));
  note = sm_map_lookup (fixture->map, id);
  g_assert_nonnull (note);
  g_assert_cmpstr (sm_record_get_string (note, "text"), ==, "Ask the tenants first\nthen the council");
}

/* Away from the map (the menu), the note goes in the middle of the view;
 * Escape, or no text, adds nothing. */
static void
test_add_cancel (Fixture      *fixture,
                 gconstpointer data)
{
  SmRecord *note;
  double    mx, my;

  fixture->canvas->pointer_inside = FALSE;
  sm_selection_clear (fixture->selection);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-note", NULL);
  sm_test_settle ();
  g_assert_true (editor_open (fixture));
  type_text (fixture, "Never mind");
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Escape, 0));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (_sm_canvas_test_get_note_editor (fixture->canvas)));
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 3);
  g_assert_false (sm_history_can_undo (fixture->history));

  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_N, GDK_SHIFT_MASK));
  sm_test_settle ();
  type_text (fixture, "  \n ");
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Return, GDK_CONTROL_MASK));
  sm_test_settle ();
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 3);
  g_assert_false (sm_history_can_undo (fixture->history));

  /* N with Caps Lock (no Shift) still adds a stakeholder. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_N, GDK_LOCK_MASK));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (_sm_canvas_test_get_note_editor (fixture->canvas)));
  g_assert_true (gtk_widget_get_visible (_sm_canvas_test_get_entry (fixture->canvas)));
  _sm_canvas_stop_editing (fixture->canvas, FALSE, FALSE);

  /* From the menu: the middle of the view, about nobody. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-note", NULL);
  sm_test_settle ();
  type_text (fixture, "Middle");
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_KP_Enter, GDK_CONTROL_MASK));
  sm_test_settle ();
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 4);
  note = sm_collection_get (notes (fixture), 3);
  _sm_canvas_test_widget_to_map (fixture->canvas, 400, 300, &mx, &my);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "x", G_MAXDOUBLE), mx, 2);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "y", G_MAXDOUBLE), my, 2);
  g_assert_false (sm_record_has_value (note, "refers_to"));
}

/* A click selects a note; a stakeholder over a card wins, a note wins over
 * a relationship under it. */
static void
test_select (Fixture      *fixture,
             gconstpointer data)
{
  double x, y;

  note_at (fixture, "n1", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 1);
  g_assert_true (sm_selection_contains (fixture->selection, "n1"));
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==, "Selected: Note: On the line");

  /* n3 stands beside Cy; Cy's own shape is Cy. */
  _sm_canvas_test_map_to_widget (fixture->canvas, 200, 300, &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "c"));

  /* Off the cards, on the line: the relationship. */
  _sm_canvas_test_map_to_widget (fixture->canvas, 60, 0, &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "r"));
}

/* Dragging a note moves it as one step; a note with no place of its own
 * gets one. Arrows nudge it. */
static void
test_drag (Fixture      *fixture,
           gconstpointer data)
{
  SmRecord *n1 = sm_map_lookup (fixture->map, "n1");
  SmRecord *n3 = sm_map_lookup (fixture->map, "n3");
  double    x, y, nx, ny, nw, nh;

  note_at (fixture, "n1", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 60, y + 40, 0);
  sm_test_settle ();
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (n1, "x", 0), 260, 0.5);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (n1, "y", 0), 40, 0.5);
  /* The stakeholders it is about stay. */
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (sm_map_lookup (fixture->map, "a"), "x", 1), 0, 0.001);
  assert_undo_title (fixture, "Move Note");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (n1, "x", 0), 200, 0.001);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (n1, "y", 0), 0, 0.001);
  g_assert_false (sm_history_can_undo (fixture->history));

  /* Beside Cy until moved: then where it was dropped. */
  g_assert_false (sm_record_has_value (n3, "x"));
  g_assert_true (sm_renderer_get_note_rect (sm_canvas_get_renderer (fixture->canvas), n3, &nx, &ny, &nw, &nh));
  note_at (fixture, "n3", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x - 30, y + 100, 0);
  sm_test_settle ();
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (n3, "x", 0), round (nx + nw / 2) - 30, 0.5);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (n3, "y", 0), round (ny + nh / 2) + 100, 0.5);
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_false (sm_record_has_value (n3, "x"));

  /* Arrows: a run of presses is one step. */
  sm_selection_select_only (fixture->selection, "n2");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (sm_map_lookup (fixture->map, "n2"), "x", 0), 204, 0.001);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (sm_map_lookup (fixture->map, "n2"), "y", 0), 520, 0.001);
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (sm_map_lookup (fixture->map, "n2"), "x", 0), 200, 0.001);
  g_assert_false (sm_history_can_undo (fixture->history));
}

/* Double-click, or Enter on the selected note, edits its text in place:
 * one step; an emptied note is refused. */
static void
test_edit (Fixture      *fixture,
           gconstpointer data)
{
  SmRecord        *n2 = sm_map_lookup (fixture->map, "n2");
  g_autofree char *before = NULL;
  double           x, y;

  note_at (fixture, "n2", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  _sm_canvas_test_click (fixture->canvas, x, y, 2, 0);
  sm_test_settle ();
  g_assert_true (editor_open (fixture));
  before = editor_text (fixture);
  g_assert_cmpstr (before, ==, "Far below");
  type_text (fixture, "Far below the line");
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Return, GDK_CONTROL_MASK));
  sm_test_settle ();
  g_assert_cmpstr (sm_record_get_string (n2, "text"), ==, "Far below the line");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpstr (sm_record_get_string (n2, "text"), ==, "Far below");
  g_assert_false (sm_history_can_undo (fixture->history));

  /* Enter on the selected note; clicking away confirms. */
  sm_selection_select_only (fixture->selection, "n2");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_F2, 0));
  sm_test_settle ();
  g_assert_true (editor_open (fixture));
  type_text (fixture, "");
  /* Emptied: refused, still editing, nothing changed. */
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Return, GDK_CONTROL_MASK));
  sm_test_settle ();
  g_assert_true (editor_open (fixture));
  g_assert_cmpstr (sm_record_get_string (n2, "text"), ==, "Far below");
  type_text (fixture, "Changed by clicking away");
  _sm_canvas_test_click (fixture->canvas, 5, 5, 1, 0);
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (_sm_canvas_test_get_note_editor (fixture->canvas)));
  g_assert_cmpstr (sm_record_get_string (n2, "text"), ==, "Changed by clicking away");
  assert_undo_title (fixture, "Change Text");
}

/* Delete removes the selected note, and undo puts it back in its place;
 * deleting a stakeholder keeps the notes about it, without its id. */
static void
test_delete (Fixture      *fixture,
             gconstpointer data)
{
  SmRecord        *n1 = sm_map_lookup (fixture->map, "n1");
  g_autofree char *refs = NULL;

  g_object_ref (n1);
  sm_selection_select_only (fixture->selection, "n1");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_null (sm_map_lookup (fixture->map, "n1"));
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 2);
  assert_undo_title (fixture, "Delete Note");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_true (sm_collection_get (notes (fixture), 0) == n1);
  g_object_unref (n1);

  sm_selection_select_only (fixture->selection, "a");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_BackSpace, 0));
  g_assert_null (sm_map_lookup (fixture->map, "a"));
  n1 = sm_map_lookup (fixture->map, "n1");
  g_assert_nonnull (n1);
  refs = refers_to (n1);
  g_assert_cmpstr (refs, ==, "b");
  g_assert_true (sm_history_undo (fixture->history));
  g_clear_pointer (&refs, g_free);
  refs = refers_to (n1);
  g_assert_cmpstr (refs, ==, "a,b");
  g_assert_nonnull (sm_map_lookup (fixture->map, "a"));
}

/* A rubber band takes in the notes whose middle it covers; Tab walks the
 * stakeholders, then the notes. */
static void
test_band_and_tab (Fixture      *fixture,
                   gconstpointer data)
{
  double x0, y0, x1, y1;

  _sm_canvas_test_map_to_widget (fixture->canvas, 100, -60, &x0, &y0);
  _sm_canvas_test_map_to_widget (fixture->canvas, 300, 60, &x1, &y1);
  _sm_canvas_test_drag (fixture->canvas, x0, y0, x1, y1, GDK_SHIFT_MASK);
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 1);
  g_assert_true (sm_selection_contains (fixture->selection, "n1"));
  g_assert_false (sm_history_can_undo (fixture->history));

  sm_selection_select_only (fixture->selection, "c");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "n1");
  g_assert_cmpstr (fixture->canvas->focus_id, ==, "n1");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "n3");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "a");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "n3");
}

/* A map from a newer version is only looked at: no note is added,
 * edited, moved or deleted. */
static void
test_read_only (Fixture      *fixture,
                gconstpointer data)
{
  SmRecord *n1 = sm_map_lookup (fixture->map, "n1");
  double    x, y;

  g_assert_true (sm_document_get_read_only (fixture->document));
  fixture->canvas->pointer_inside = TRUE;
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_N, GDK_SHIFT_MASK));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-note", NULL);
  note_at (fixture, "n1", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "n1"));
  _sm_canvas_test_click (fixture->canvas, x, y, 2, 0);
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_F2, 0));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (_sm_canvas_test_get_note_editor (fixture->canvas)));
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 50, y + 50, 0);
  g_assert_cmpfloat (sm_record_get_number (n1, "x", 0), ==, 200);
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_nonnull (sm_map_lookup (fixture->map, "n1"));
  g_assert_cmpuint (sm_collection_get_size (notes (fixture)), ==, 3);
  g_assert_false (sm_history_can_undo (fixture->history));
}

/* What was added, moved and typed is in the saved file. */
static void
test_save_reload (Fixture      *fixture,
                  gconstpointer data)
{
  g_autofree char *dir = sm_test_make_temp_dir ("notes-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) loaded = NULL;
  SmCollection *loaded_notes;
  SmRecord     *note;
  double        x, y;

  sm_selection_select_only (fixture->selection, "c");
  fixture->canvas->pointer_x = 600;
  fixture->canvas->pointer_y = 100;
  fixture->canvas->pointer_inside = TRUE;
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_n, GDK_SHIFT_MASK));
  sm_test_settle ();
  type_text (fixture, "Kept");
  g_assert_true (_sm_canvas_test_note_key (fixture->canvas, GDK_KEY_Return, GDK_CONTROL_MASK));
  sm_test_settle ();
  note_at (fixture, "n3", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 10, y + 10, 0);

  g_assert_true (sm_format_save_file (fixture->map, file, NULL, &error));
  g_assert_no_error (error);
  loaded = sm_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  loaded_notes = sm_map_get_collection (loaded, SM_RECORD_ANNOTATION);
  g_assert_cmpuint (sm_collection_get_size (loaded_notes), ==, 4);
  note = sm_collection_get (loaded_notes, 3);
  g_assert_cmpstr (sm_record_get_string (note, "text"), ==, "Kept");
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "x", 0), 400, 0.5);
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "y", 0), -50, 0.5);
  {
    g_autofree char *refs = refers_to (note);

    g_assert_cmpstr (refs, ==, "c");
  }
  note = sm_map_lookup (loaded, "n3");
  g_assert_cmpfloat_with_epsilon (sm_record_get_number (note, "x", G_MAXDOUBLE),
                                  sm_record_get_number (sm_map_lookup (fixture->map, "n3"), "x", 0), 0.001);
  g_assert_true (sm_record_has_value (note, "y"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/canvas-notes/add", Fixture, NULL, setup, test_add, teardown);
  g_test_add ("/ui/canvas-notes/add-cancel", Fixture, NULL, setup, test_add_cancel, teardown);
  g_test_add ("/ui/canvas-notes/select", Fixture, NULL, setup, test_select, teardown);
  g_test_add ("/ui/canvas-notes/drag", Fixture, NULL, setup, test_drag, teardown);
  g_test_add ("/ui/canvas-notes/edit", Fixture, NULL, setup, test_edit, teardown);
  g_test_add ("/ui/canvas-notes/delete", Fixture, NULL, setup, test_delete, teardown);
  g_test_add ("/ui/canvas-notes/band-and-tab", Fixture, NULL, setup, test_band_and_tab, teardown);
  g_test_add ("/ui/canvas-notes/read-only", Fixture, "\"version\":2", setup, test_read_only, teardown);
  g_test_add ("/ui/canvas-notes/save-reload", Fixture, NULL, setup, test_save_reload, teardown);

  return g_test_run ();
}

/* test-canvas-regions.c
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

/* Regions on the map as a facilitator uses them: added with a key around
 * the selected stakeholders, labelled in place, selected, dragged,
 * resized, renamed and deleted, each one undo step, and kept in the saved
 * file. GTK 4 cannot synthesise input, so the tests call the code the
 * gestures and key controllers call (sm-canvas-private.h). */

#define MAP_WITH_REGIONS                                                  \
  "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Air\"},"   \
  "\"stakeholders\":["                                                    \
  "{\"id\":\"a\",\"name\":\"Ann\",\"x\":0,\"y\":0},"                      \
  "{\"id\":\"b\",\"name\":\"Bea\",\"x\":400,\"y\":0},"                    \
  "{\"id\":\"c\",\"name\":\"Cy\",\"x\":200,\"y\":300}],"                  \
  "\"relationships\":[{\"id\":\"r\",\"source\":\"a\",\"target\":\"c\"}]," \
  "\"regions\":["                                                         \
  "{\"id\":\"g1\",\"label\":\"Decision makers\",\"x\":210,\"y\":250,\"width\":300,\"height\":200}]}"

typedef SmCanvasFixture Fixture;

/* @data: a replacement for the file's version, for a newer (read-only)
 * file; NULL for this version. */
static void
setup (Fixture      *fixture,
       gconstpointer data)
{
  sm_test_canvas_fixture_set_up (fixture, MAP_WITH_REGIONS, data);
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  sm_test_canvas_fixture_tear_down (fixture);
}

static SmCollection *
regions (Fixture *fixture)
{
  return sm_map_get_collection (fixture->map, SM_RECORD_REGION);
}

static void
assert_undo_title (Fixture    *fixture,
                   const char *title)
{
  g_autofree char *undo = sm_history_dup_undo_title (fixture->history);

  g_assert_cmpstr (undo, ==, title);
}

/* The middle of a region's label, in widget pixels. */
static void
label_at (Fixture    *fixture,
          const char *id,
          double     *x,
          double     *y)
{
  double lx, ly, lw, lh;

  g_assert_true (sm_renderer_get_map_region_label_rect (sm_canvas_get_renderer (fixture->canvas),
                                                        sm_map_lookup (fixture->map, id), &lx, &ly, &lw, &lh));
  _sm_canvas_test_map_to_widget (fixture->canvas, lx + lw / 2, ly + lh / 2, x, y);
}

static GtkWidget *
entry (Fixture *fixture)
{
  return _sm_canvas_test_get_entry (fixture->canvas);
}

static gboolean
entry_open (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return gtk_widget_get_visible (entry (fixture)) && focus != NULL &&
         (focus == entry (fixture) || gtk_widget_is_ancestor (focus, entry (fixture)));
}

static void
type_and_enter (Fixture    *fixture,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry (fixture)), text);
  g_signal_emit_by_name (entry (fixture), "activate");
  sm_test_settle ();
}

static void
get_rect (SmRecord *region,
          double   *x0,
          double   *y0,
          double   *w,
          double   *h)
{
  double cx, cy;

  sm_region_get_rect (region, &cx, &cy, w, h);
  *x0 = cx - *w / 2;
  *y0 = cy - *h / 2;
}

/* Shift+R with stakeholders selected: a region around them, its label
 * typed at once over where it is drawn; Enter adds it and its label as
 * one step, which one undo takes back. */
static void
test_add_around (Fixture      *fixture,
                 gconstpointer data)
{
  const char      *ab[] = { "a", "b", NULL };
  SmRecord        *region;
  g_autofree char *id = NULL;
  graphene_rect_t  bounds;
  double           x0, y0, w, h, wx, wy;

  sm_selection_set (fixture->selection, ab);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_R, GDK_SHIFT_MASK));
  sm_test_settle ();
  g_assert_true (entry_open (fixture));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "Region");
  /* Nothing is added before the label is confirmed. */
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 1);
  g_assert_false (sm_history_can_undo (fixture->history));
  /* The entry is at the top left of the region to be, above Ann and Bea. */
  g_assert_true (gtk_widget_compute_bounds (entry (fixture), GTK_WIDGET (fixture->canvas), &bounds));
  _sm_canvas_test_map_to_widget (fixture->canvas, 0, 0, &wx, &wy);
  g_assert_cmpfloat (bounds.origin.x, <, wx);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <, wy);

  type_and_enter (fixture, "Inner circle");
  g_assert_false (gtk_widget_get_visible (entry (fixture)));
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 2);
  region = sm_collection_get (regions (fixture), 1);
  id = g_strdup (sm_record_get_id (region));
  g_assert_cmpstr (sm_record_get_string (region, "label"), ==, "Inner circle");
  g_assert_true (sm_region_contains (region, 0, 0));
  g_assert_true (sm_region_contains (region, 400, 0));
  g_assert_false (sm_region_contains (region, 200, 300));
  /* Room for their names too. */
  get_rect (region, &x0, &y0, &w, &h);
  g_assert_cmpfloat (x0, <, -60);
  g_assert_cmpfloat (x0 + w, >, 460);
  g_assert_true (sm_selection_contains (fixture->selection, id));
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 1);
  assert_undo_title (fixture, "Add Region");

  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 1);
  g_assert_null (sm_map_lookup (fixture->map, id));
  g_assert_false (sm_history_can_undo (fixture->history));
  g_assert_true (sm_history_redo (fixture->history));
  g_assert_cmpstr (sm_record_get_string (sm_map_lookup (fixture->map, id), "label"), ==, "Inner circle");
}

/* With nothing selected, from the menu: a region of a usual size in the
 * middle of the view. Escape adds nothing; an emptied label keeps
 * "Region". R without Shift (Caps Lock) adds nothing. */
static void
test_add_empty (Fixture      *fixture,
                gconstpointer data)
{
  SmRecord *region;
  double    mx, my, cx, cy, w, h;

  sm_selection_clear (fixture->selection);
  fixture->canvas->pointer_inside = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-region", NULL);
  sm_test_settle ();
  g_assert_true (entry_open (fixture));
  gtk_editable_set_text (GTK_EDITABLE (entry (fixture)), "Never mind");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (entry (fixture)));
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 1);
  g_assert_false (sm_history_can_undo (fixture->history));

  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_R, GDK_LOCK_MASK));
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_r, 0));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (entry (fixture)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-region", NULL);
  sm_test_settle ();
  type_and_enter (fixture, "   ");
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 2);
  region = sm_collection_get (regions (fixture), 1);
  g_assert_cmpstr (sm_record_get_string (region, "label"), ==, "Region");
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  _sm_canvas_test_widget_to_map (fixture->canvas, 400, 300, &mx, &my);
  g_assert_cmpfloat_with_epsilon (cx, mx, 2);
  g_assert_cmpfloat_with_epsilon (cy, my, 2);
  g_assert_cmpfloat (w, >=, 200);
  g_assert_cmpfloat (h, >=, 120);
  assert_undo_title (fixture, "Add Region");
}

/* A click on the label or the border selects the region, and the label
 * wins over a relationship passing under it; a click inside reaches the
 * empty map. */
static void
test_select (Fixture      *fixture,
             gconstpointer data)
{
  SmRenderer *renderer = sm_canvas_get_renderer (fixture->canvas);
  double      lx, ly, lw, lh, x, y;

  label_at (fixture, "g1", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 1);
  g_assert_true (sm_selection_contains (fixture->selection, "g1"));

  /* Inside, away from everything: nothing. */
  _sm_canvas_test_map_to_widget (fixture->canvas, 300, 250, &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 0);

  /* The right border. */
  _sm_canvas_test_map_to_widget (fixture->canvas, 360, 300, &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "g1"));

  /* Ann–Cy runs across the label (x = 2y/3): the label is hit. */
  g_assert_true (sm_renderer_get_map_region_label_rect (renderer, sm_map_lookup (fixture->map, "g1"),
                                                        &lx, &ly, &lw, &lh));
  g_assert_cmpfloat (2 * (ly + lh / 2) / 3, >, lx + 4);
  g_assert_cmpfloat (2 * (ly + lh / 2) / 3, <, lx + lw - 4);
  sm_selection_clear (fixture->selection);
  _sm_canvas_test_map_to_widget (fixture->canvas, 2 * (ly + lh / 2) / 3, ly + lh / 2, &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "g1"));
  /* Elsewhere on the line, the relationship. */
  _sm_canvas_test_map_to_widget (fixture->canvas, 60, 90, &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "r"));
}

/* Dragging a region by its label moves it as one step, and the
 * stakeholders in it stay where they are. Arrows nudge it. */
static void
test_drag (Fixture      *fixture,
           gconstpointer data)
{
  SmRecord *g1 = sm_map_lookup (fixture->map, "g1");
  SmRecord *c = sm_map_lookup (fixture->map, "c");
  double    x, y, cx, cy, w, h;

  label_at (fixture, "g1", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 50, y + 30, 0);
  sm_test_settle ();
  sm_region_get_rect (g1, &cx, &cy, &w, &h);
  g_assert_cmpfloat_with_epsilon (cx, 260, 0.5);
  g_assert_cmpfloat_with_epsilon (cy, 280, 0.5);
  g_assert_cmpfloat (w, ==, 300);
  g_assert_cmpfloat (h, ==, 200);
  g_assert_cmpfloat (sm_record_get_number (c, "x", 0), ==, 200);
  g_assert_cmpfloat (sm_record_get_number (c, "y", 0), ==, 300);
  assert_undo_title (fixture, "Move Region");
  g_assert_true (sm_history_undo (fixture->history));
  sm_region_get_rect (g1, &cx, &cy, NULL, NULL);
  g_assert_cmpfloat (cx, ==, 210);
  g_assert_cmpfloat (cy, ==, 250);
  g_assert_false (sm_history_can_undo (fixture->history));

  /* Arrows: a run of presses is one step. */
  sm_selection_select_only (fixture->selection, "g1");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Down, GDK_SHIFT_MASK));
  sm_region_get_rect (g1, &cx, &cy, NULL, NULL);
  g_assert_cmpfloat (cx, ==, 212);
  g_assert_cmpfloat (cy, ==, 270);
  g_assert_cmpfloat (sm_record_get_number (c, "x", 0), ==, 200);
  g_assert_true (sm_history_undo (fixture->history));
  sm_region_get_rect (g1, &cx, &cy, NULL, NULL);
  g_assert_cmpfloat (cx, ==, 210);
  g_assert_false (sm_history_can_undo (fixture->history));
}

/* The handle at the bottom-right corner of a selected region resizes it
 * as one step, its top-left corner staying; never below a minimum size.
 * An unselected region has no handle. */
static void
test_resize (Fixture      *fixture,
             gconstpointer data)
{
  SmRecord *g1 = sm_map_lookup (fixture->map, "g1");
  double    x, y, x0, y0, w, h;

  _sm_canvas_test_map_to_widget (fixture->canvas, 360, 350, &x, &y);
  sm_selection_clear (fixture->selection);
  g_assert_null (_sm_canvas_hit_region_handle (fixture->canvas, x, y));

  sm_selection_select_only (fixture->selection, "g1");
  g_assert_true (_sm_canvas_hit_region_handle (fixture->canvas, x, y) == g1);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 40, y + 20, 0);
  sm_test_settle ();
  get_rect (g1, &x0, &y0, &w, &h);
  g_assert_cmpfloat_with_epsilon (x0, 60, 0.5);
  g_assert_cmpfloat_with_epsilon (y0, 150, 0.5);
  g_assert_cmpfloat_with_epsilon (w, 340, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 220, 0.5);
  g_assert_true (sm_selection_contains (fixture->selection, "g1"));
  assert_undo_title (fixture, "Resize Region");
  g_assert_true (sm_history_undo (fixture->history));
  get_rect (g1, &x0, &y0, &w, &h);
  g_assert_cmpfloat (w, ==, 300);
  g_assert_cmpfloat (h, ==, 200);
  g_assert_false (sm_history_can_undo (fixture->history));

  /* Dragged far up and left: the smallest size, not a negative one. */
  _sm_canvas_test_drag (fixture->canvas, x, y, x - 600, y - 600, 0);
  sm_test_settle ();
  get_rect (g1, &x0, &y0, &w, &h);
  g_assert_cmpfloat_with_epsilon (x0, 60, 0.5);
  g_assert_cmpfloat_with_epsilon (y0, 150, 0.5);
  g_assert_cmpfloat (w, >=, 40);
  g_assert_cmpfloat (w, <=, 60);
  g_assert_cmpfloat (h, >=, 40);
  g_assert_cmpfloat (h, <=, 60);
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_false (sm_history_can_undo (fixture->history));
}

/* Double-click on the label, or F2 on the selected region, edits the
 * label in place: one step; Escape changes nothing. */
static void
test_rename (Fixture      *fixture,
             gconstpointer data)
{
  SmRecord *g1 = sm_map_lookup (fixture->map, "g1");
  double    x, y;

  label_at (fixture, "g1", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  _sm_canvas_test_click (fixture->canvas, x, y, 2, 0);
  sm_test_settle ();
  g_assert_true (entry_open (fixture));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "Decision makers");
  type_and_enter (fixture, "The board");
  g_assert_cmpstr (sm_record_get_string (g1, "label"), ==, "The board");
  assert_undo_title (fixture, "Rename Region");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpstr (sm_record_get_string (g1, "label"), ==, "Decision makers");
  g_assert_false (sm_history_can_undo (fixture->history));

  sm_selection_select_only (fixture->selection, "g1");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_F2, 0));
  sm_test_settle ();
  g_assert_true (entry_open (fixture));
  gtk_editable_set_text (GTK_EDITABLE (entry (fixture)), "Not this");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (entry (fixture)));
  g_assert_cmpstr (sm_record_get_string (g1, "label"), ==, "Decision makers");
  g_assert_false (sm_history_can_undo (fixture->history));

  /* The entry names stakeholders again afterwards. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_n, 0));
  sm_test_settle ();
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry (fixture))), ==, "Name");
  type_and_enter (fixture, "Dee");
  _sm_canvas_stop_editing (fixture->canvas, FALSE, FALSE);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (fixture->map)), ==, 4);
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 1);
}

/* Delete removes the selected region, and only it; undo puts it back. */
static void
test_delete (Fixture      *fixture,
             gconstpointer data)
{
  SmRecord *g1 = sm_map_lookup (fixture->map, "g1");

  g_object_ref (g1);
  sm_selection_select_only (fixture->selection, "g1");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_null (sm_map_lookup (fixture->map, "g1"));
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 0);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (fixture->map)), ==, 3);
  assert_undo_title (fixture, "Delete Region");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_true (sm_collection_get (regions (fixture), 0) == g1);
  g_object_unref (g1);
}

/* Add Rings: three concentric ellipses round everyone, one step. */
static void
test_rings (Fixture      *fixture,
            gconstpointer data)
{
  SmCollection *people = sm_map_get_stakeholders (fixture->map);

  sm_canvas_add_rings (fixture->canvas);
  sm_test_settle ();
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 4);
  for (guint i = 1; i < 4; i++)
    g_assert_true (sm_region_is_ellipse (sm_collection_get (regions (fixture), i)));
  /* The outer one holds everyone. */
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double x, y;

      g_assert_true (sm_stakeholder_get_position (sm_collection_get (people, i), &x, &y));
      g_assert_true (sm_region_contains (sm_collection_get (regions (fixture), 1), x, y));
    }
  assert_undo_title (fixture, "Add Rings");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 1);
  g_assert_false (sm_history_can_undo (fixture->history));
}

/* A map from a newer version is only looked at: no region is added,
 * renamed, moved, resized or deleted. */
static void
test_read_only (Fixture      *fixture,
                gconstpointer data)
{
  SmRecord *g1 = sm_map_lookup (fixture->map, "g1");
  double    x, y, cx, cy, w, h;

  g_assert_true (sm_document_get_read_only (fixture->document));
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_R, GDK_SHIFT_MASK));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-region", NULL);
  sm_canvas_add_rings (fixture->canvas);
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (entry (fixture)));
  label_at (fixture, "g1", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (sm_selection_contains (fixture->selection, "g1"));
  _sm_canvas_test_click (fixture->canvas, x, y, 2, 0);
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_F2, 0));
  sm_test_settle ();
  g_assert_false (gtk_widget_get_visible (entry (fixture)));
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 50, y + 50, 0);
  _sm_canvas_test_map_to_widget (fixture->canvas, 360, 350, &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 50, y + 50, 0);
  sm_region_get_rect (g1, &cx, &cy, &w, &h);
  g_assert_cmpfloat (cx, ==, 210);
  g_assert_cmpfloat (w, ==, 300);
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_nonnull (sm_map_lookup (fixture->map, "g1"));
  g_assert_cmpuint (sm_collection_get_size (regions (fixture)), ==, 1);
  g_assert_false (sm_history_can_undo (fixture->history));
}

/* What was added, moved and resized is in the saved file. */
static void
test_save_reload (Fixture      *fixture,
                  gconstpointer data)
{
  g_autofree char *dir = sm_test_make_temp_dir ("regions-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) loaded = NULL;
  SmCollection *loaded_regions;
  SmRecord     *region;
  double        x, y, cx, cy, w, h;

  sm_selection_select_only (fixture->selection, "a");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_R, GDK_SHIFT_MASK));
  sm_test_settle ();
  type_and_enter (fixture, "Kept");
  label_at (fixture, "g1", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 10, y + 20, 0);
  sm_selection_select_only (fixture->selection, "g1");
  _sm_canvas_test_map_to_widget (fixture->canvas, 370, 370, &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 30, y + 30, 0);

  g_assert_true (sm_format_save_file (fixture->map, file, NULL, &error));
  g_assert_no_error (error);
  loaded = sm_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  loaded_regions = sm_map_get_collection (loaded, SM_RECORD_REGION);
  g_assert_cmpuint (sm_collection_get_size (loaded_regions), ==, 2);
  region = sm_collection_get (loaded_regions, 1);
  g_assert_cmpstr (sm_record_get_string (region, "label"), ==, "Kept");
  g_assert_true (sm_region_contains (region, 0, 0));
  region = sm_map_lookup (loaded, "g1");
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  g_assert_cmpfloat_with_epsilon (cx - w / 2, 70, 0.5);
  g_assert_cmpfloat_with_epsilon (cy - h / 2, 170, 0.5);
  g_assert_cmpfloat_with_epsilon (w, 330, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 230, 0.5);
  g_unlink (path);
  g_rmdir (dir);
}

/* A selected region is drawn with an outline and its resize handle. */
static void
test_draw_selected (Fixture      *fixture,
                    gconstpointer data)
{
  SmRenderer      *renderer = sm_canvas_get_renderer (fixture->canvas);
  SmViewport       viewport = { .x = -200, .y = -150, .width = 800, .height = 600, .scale = 1.0 };
  SmRenderState    plain = { 0 }, selected = { 0 };
  cairo_surface_t *before = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_surface_t *after = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t         *cr;
  guint32         *p0, *p1;
  int              stride, hx, hy;
  guint            differ = 0;

  sm_selection_select_only (fixture->selection, "g1");
  selected.selection = fixture->selection;
  cr = cairo_create (before);
  sm_renderer_draw (renderer, cr, &viewport, &plain);
  cairo_destroy (cr);
  cr = cairo_create (after);
  sm_renderer_draw (renderer, cr, &viewport, &selected);
  cairo_destroy (cr);
  cairo_surface_flush (before);
  cairo_surface_flush (after);
  stride = cairo_image_surface_get_stride (before) / 4;
  p0 = (guint32 *) cairo_image_surface_get_data (before);
  p1 = (guint32 *) cairo_image_surface_get_data (after);
  /* The handle: just outside the bottom-right corner (360, 350), where
   * nothing else is drawn. */
  hx = 360 + 200 + 3;
  hy = 350 + 150 + 3;
  g_assert_cmpuint (p0[hy * stride + hx], !=, p1[hy * stride + hx]);
  /* The outline, along the top border. */
  for (int x = 60 + 200 + 150; x < 60 + 200 + 280; x++)
    differ += p0[(150 + 150 - 2) * stride + x] != p1[(150 + 150 - 2) * stride + x];
  g_assert_cmpuint (differ, >, 100);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/canvas-regions/add-around", Fixture, NULL, setup, test_add_around, teardown);
  g_test_add ("/ui/canvas-regions/add-empty", Fixture, NULL, setup, test_add_empty, teardown);
  g_test_add ("/ui/canvas-regions/select", Fixture, NULL, setup, test_select, teardown);
  g_test_add ("/ui/canvas-regions/drag", Fixture, NULL, setup, test_drag, teardown);
  g_test_add ("/ui/canvas-regions/resize", Fixture, NULL, setup, test_resize, teardown);
  g_test_add ("/ui/canvas-regions/rename", Fixture, NULL, setup, test_rename, teardown);
  g_test_add ("/ui/canvas-regions/delete", Fixture, NULL, setup, test_delete, teardown);
  g_test_add ("/ui/canvas-regions/rings", Fixture, NULL, setup, test_rings, teardown);
  g_test_add ("/ui/canvas-regions/read-only", Fixture, "\"version\":2", setup, test_read_only, teardown);
  g_test_add ("/ui/canvas-regions/save-reload", Fixture, NULL, setup, test_save_reload, teardown);
  g_test_add ("/ui/canvas-regions/draw-selected", Fixture, NULL, setup, test_draw_selected, teardown);

  return g_test_run ();
}

/* test-legend.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sm-application-private.h"
#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-legend-dock.h"
#include "sm-window-private.h"
#include "sm-ui-test-utils.h"

/* Nothing the window draws over the map hides a stakeholder: the legend is
 * docked under the map and folds away, fitting keeps the map clear of the
 * zoom bar and the legend, and new stakeholders land where they can be
 * seen. A blank map says how to begin. */

static SmApplication *app;

static SmWindow *
open_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SmWindow *window = SM_WINDOW (sm_application_open_file (app, file, NULL));

  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_wait_for_idle ();
  return window;
}

static SmWindow *
open_blank (void)
{
  SmWindow *window = SM_WINDOW (sm_application_new_map (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_wait_for_idle ();
  return window;
}

/* Where a stakeholder and its name are on screen, in the canvas's pixels. */
static void
stakeholder_bounds (SmCanvas        *canvas,
                    SmRecord        *stakeholder,
                    graphene_rect_t *bounds)
{
  SmRenderer     *renderer = sm_canvas_get_renderer (canvas);
  double          x, y, r, lx, ly, lw, lh, x0, y0, x1, y1;
  graphene_rect_t label;

  g_assert_true (sm_renderer_get_position (renderer, stakeholder, &x, &y));
  r = sm_renderer_node_radius (stakeholder);
  _sm_canvas_test_map_to_widget (canvas, x - r, y - r, &x0, &y0);
  _sm_canvas_test_map_to_widget (canvas, x + r, y + r, &x1, &y1);
  graphene_rect_init (bounds, x0, y0, x1 - x0, y1 - y0);
  sm_renderer_get_label_rect (renderer, stakeholder, &lx, &ly, &lw, &lh);
  _sm_canvas_test_map_to_widget (canvas, lx, ly, &x0, &y0);
  _sm_canvas_test_map_to_widget (canvas, lx + lw, ly + lh, &x1, &y1);
  graphene_rect_init (&label, x0, y0, x1 - x0, y1 - y0);
  graphene_rect_union (bounds, &label, bounds);
}

/* @stakeholder, name and all, is on the canvas and under nothing. */
static void
assert_uncovered (SmWindow *window,
                  SmRecord *stakeholder)
{
  SmCanvas       *canvas = SM_CANVAS (window->canvas);
  graphene_rect_t bounds, bar, legend;
  int             width = gtk_widget_get_width (window->canvas);
  int             height = gtk_widget_get_height (window->canvas);

  stakeholder_bounds (canvas, stakeholder, &bounds);
  g_assert_true (gtk_widget_compute_bounds (window->zoom_bar, window->canvas, &bar));
  if (g_test_verbose ())
    g_test_message ("%s at %g,%g %gx%g; bar at %g,%g %gx%g; canvas %dx%d",
                    sm_stakeholder_get_name (stakeholder), bounds.origin.x, bounds.origin.y, bounds.size.width,
                    bounds.size.height, bar.origin.x, bar.origin.y, bar.size.width, bar.size.height, width,
                    height);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
  g_assert_false (graphene_rect_intersection (&bounds, &bar, NULL));
  if (gtk_widget_get_visible (window->legend_dock))
    {
      g_assert_true (gtk_widget_compute_bounds (window->legend_dock, window->canvas, &legend));
      g_assert_false (graphene_rect_intersection (&bounds, &legend, NULL));
    }
}

static void
assert_all_uncovered (SmWindow *window)
{
  SmCollection *people = sm_map_get_stakeholders (sm_document_get_map (window->document));

  g_assert_cmpuint (sm_collection_get_size (people), >, 0);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    assert_uncovered (window, sm_collection_get (people, i));
}

/* The legend is under the map, not over it; Ctrl+1 fits the map clear of
 * the zoom bar; folding the legend (with the legend button) gives its room
 * to the map, and is remembered. */
static void
test_docked_legend (void)
{
  SmWindow *window = open_example ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.stakemap.Stakemap");
  graphene_rect_t legend;
  int             height;
  double          zoom;

  g_assert_true (gtk_widget_get_mapped (window->legend_dock));
  g_assert_true (sm_legend_dock_get_expanded (SM_LEGEND_DOCK (window->legend_dock)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (window->legend_button)));
  /* Docked below the canvas, at least a few rows of it unfolded. */
  g_assert_true (gtk_widget_compute_bounds (window->legend_dock, window->canvas, &legend));
  height = gtk_widget_get_height (window->canvas);
  g_assert_cmpfloat (legend.origin.y, >=, height);
  g_assert_cmpfloat (legend.size.height, >, 100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  sm_test_wait_for_idle ();
  assert_all_uncovered (window);
  zoom = sm_canvas_get_zoom (SM_CANVAS (window->canvas));

  /* The legend button folds it: the map gets the room. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (window->legend_button), FALSE);
  sm_test_wait_for_idle ();
  g_assert_false (sm_legend_dock_get_expanded (SM_LEGEND_DOCK (window->legend_dock)));
  g_assert_false (g_settings_get_boolean (settings, "legend-expanded"));
  g_assert_cmpint (gtk_widget_get_height (window->canvas), >, height + 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  sm_test_wait_for_idle ();
  assert_all_uncovered (window);
  g_assert_cmpfloat (sm_canvas_get_zoom (SM_CANVAS (window->canvas)), >, zoom);
  sm_test_close_all ();

  /* The next window opens with it folded. */
  window = open_example ();
  g_assert_false (sm_legend_dock_get_expanded (SM_LEGEND_DOCK (window->legend_dock)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (window->legend_button)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (window->legend_button), TRUE);
  sm_test_wait_for_idle ();
  g_assert_true (g_settings_get_boolean (settings, "legend-expanded"));
  sm_test_close_all ();
}

/* Ctrl+1 on a map as wide for its height as the canvas, which without the
 * zoom bar would fill the canvas to its bottom-right corner. */
static void
add_at (SmDocument *document,
        guint       n,
        double      x,
        double      y)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *name = g_strdup_printf ("Person %u", n);

  json_object_set_string_member (data, "name", name);
  json_object_set_int_member (data, "x", (gint64) x);
  json_object_set_int_member (data, "y", (gint64) y);
  sm_document_push (document, sm_command_new_add (sm_document_get_map (document), SM_RECORD_STAKEHOLDER, data));
}

/* Ctrl+1 on a map as wide for its height as the canvas, which without the
 * zoom bar would fill the canvas to its bottom-right corner. */
static void
test_fit_clear_of_zoom_bar (void)
{
  SmWindow   *window = open_blank ();
  SmDocument *document = window->document;
  double      width, height;

  /* The first stakeholder brings the legend in under the map. */
  add_at (document, 1, 0, 0);
  sm_test_wait_for_idle ();
  width = gtk_widget_get_width (window->canvas);
  height = gtk_widget_get_height (window->canvas);
  g_assert_cmpfloat (width, >, 0);
  for (guint j = 0; j < 4; j++)
    for (guint i = j == 0 ? 1 : 0; i < 5; i++)
      add_at (document, j * 5 + i + 1, i * 300, j * 1200 * height / width / 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  sm_test_wait_for_idle ();
  assert_all_uncovered (window);
  sm_test_close_all ();
}

static SmRecord *
last_added (SmWindow *window)
{
  SmCollection *people = sm_map_get_stakeholders (sm_document_get_map (window->document));

  return sm_collection_get (people, sm_collection_get_size (people) - 1);
}

/* Stakeholders typed in one after another fill the view, never under the
 * zoom bar; one double-clicked in beside the bar moves clear of it. */
static void
test_new_stakeholders_uncovered (void)
{
  SmWindow       *window = open_blank ();
  SmCanvas       *canvas = SM_CANVAS (window->canvas);
  GtkWidget      *entry = _sm_canvas_test_get_entry (canvas);
  graphene_rect_t bar;
  double          view_x, view_y, click_x, click_y, x, y;

  sm_canvas_add_stakeholder (canvas);
  sm_test_wait_for_idle ();
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);

      g_assert_true (gtk_widget_get_visible (entry));
      gtk_editable_set_text (GTK_EDITABLE (entry), name);
      g_signal_emit_by_name (entry, "activate");
      sm_test_wait_for_idle ();
      assert_uncovered (window, last_added (window));
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "activate");
  sm_test_wait_for_idle ();

  /* A double-click just above the middle of the zoom bar, where there is
   * room after the people typed in: the stakeholder goes beside the bar,
   * near the click, and the map stays where it is. */
  sm_canvas_zoom_out (canvas);
  sm_canvas_zoom_out (canvas);
  sm_test_wait_for_idle ();
  g_assert_true (gtk_widget_compute_bounds (window->zoom_bar, window->canvas, &bar));
  _sm_canvas_test_widget_to_map (canvas, 0, 0, &view_x, &view_y);
  click_x = bar.origin.x + bar.size.width / 2;
  click_y = bar.origin.y - 4;
  _sm_canvas_test_click (canvas, click_x, click_y, 1, 0);
  _sm_canvas_test_click (canvas, click_x, click_y, 2, 0);
  sm_test_wait_for_idle ();
  g_assert_true (gtk_widget_get_visible (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "By the bar");
  g_signal_emit_by_name (entry, "activate");
  sm_test_wait_for_idle ();
  g_assert_cmpstr (sm_stakeholder_get_name (last_added (window)), ==, "By the bar");
  assert_uncovered (window, last_added (window));
  _sm_canvas_test_widget_to_map (canvas, 0, 0, &x, &y);
  g_assert_cmpfloat (x, ==, view_x);
  g_assert_cmpfloat (y, ==, view_y);
  g_assert_true (sm_stakeholder_get_position (last_added (window), &x, &y));
  _sm_canvas_test_map_to_widget (canvas, x, y, &x, &y);
  g_assert_cmpfloat (fabs (x - click_x), <, 100);
  g_assert_cmpfloat (y, <, click_y);
  g_assert_cmpfloat (click_y - y, <, 150);

  sm_test_close_all ();
}

/* A blank map says how to add a stakeholder and connect two, in words a
 * screen reader hears too; the hint goes at the first stakeholder and
 * comes back when the map is blank again. */
static void
test_blank_map_hint (void)
{
  SmWindow       *window = open_blank ();
  SmCanvas       *canvas = SM_CANVAS (window->canvas);
  GtkWidget      *hint = _sm_canvas_test_get_hint (canvas);
  GtkWidget      *entry = _sm_canvas_test_get_entry (canvas);
  const char     *text;
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (hint));
  g_assert_true (gtk_widget_compute_bounds (hint, window->canvas, &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 100);
  text = gtk_label_get_text (GTK_LABEL (hint));
  g_assert_nonnull (strstr (text, "press N"));
  g_assert_nonnull (strstr (text, "press C"));
  g_assert_nonnull (strstr (text, "double-click"));
  g_assert_nonnull (strstr (_sm_canvas_test_get_description (canvas), "press N"));
  /* The blank map has nothing to explain: no legend. */
  g_assert_false (gtk_widget_get_visible (window->legend_dock));

  /* Not over the name being typed. */
  g_assert_true (_sm_canvas_test_key (canvas, GDK_KEY_n, 0));
  sm_test_wait_for_idle ();
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_false (gtk_widget_get_visible (hint));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Amina");
  g_signal_emit_by_name (entry, "activate");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "activate");
  sm_test_wait_for_idle ();
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (sm_document_get_map (window->document))), ==, 1);
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_null (strstr (_sm_canvas_test_get_description (canvas), "press N"));
  g_assert_true (gtk_widget_get_visible (window->legend_dock));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sm_test_wait_for_idle ();
  g_assert_true (gtk_widget_get_mapped (hint));
  g_assert_nonnull (strstr (_sm_canvas_test_get_description (canvas), "press N"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  sm_test_wait_for_idle ();
  g_assert_false (gtk_widget_get_visible (hint));

  /* Deleting the last one brings it back too. */
  sm_selection_select_only (sm_document_get_selection (window->document),
                            sm_record_get_id (last_added (window)));
  gtk_widget_grab_focus (window->canvas);
  g_assert_true (_sm_canvas_test_key (canvas, GDK_KEY_Delete, 0));
  sm_test_wait_for_idle ();
  g_assert_true (gtk_widget_get_mapped (hint));

  sm_test_close_all ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("stakemap-ui-legend-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (scratch, "state", NULL);
  g_autofree char *data = g_build_filename (scratch, "data", NULL);
  int              status;

  /* Recent files and recovery copies stay in the scratch directory. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_test_init (&argc, &argv, NULL);

  app = sm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/legend/docked-legend", test_docked_legend);
  g_test_add_func ("/ui/legend/fit-clear-of-zoom-bar", test_fit_clear_of_zoom_bar);
  g_test_add_func ("/ui/legend/new-stakeholders-uncovered", test_new_stakeholders_uncovered);
  g_test_add_func ("/ui/legend/blank-map-hint", test_blank_map_hint);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

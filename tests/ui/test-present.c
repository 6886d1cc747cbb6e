/* test-present.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-application-private.h"
#include "sm-arrangement.h"
#include "sm-canvas-private.h"
#include "sm-evaluator.h"
#include "sm-render.h"
#include "sm-window-private.h"
#include "sm-ui-test-utils.h"

/* Presentation mode as a facilitator uses it in front of a room: F5 shows
 * the map alone in the high-contrast style, the keys step through the
 * arrangements and the findings with their evidence, nothing can be
 * edited, and Esc gives back the window as it was, with the map
 * untouched. */

static SmApplication *app;

static gboolean
presenting (SmWindow *window)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "present");

  g_assert_nonnull (state);
  return g_variant_get_boolean (state);
}

static GtkWidget *
header_bar (SmWindow *window)
{
  return gtk_widget_get_first_child (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
}

static gboolean
caption_ends_with (SmWindow *window,
                   guint     step,
                   guint     n_steps)
{
  const char      *caption = _sm_window_test_get_present_caption (window);
  g_autofree char *end = g_strdup_printf (" · %u of %u", step, n_steps);

  g_test_message ("caption: %s", caption);
  return caption != NULL && g_str_has_suffix (caption, end);
}

/* The first finding the sequence reaches: the first principle's first
 * finding with evidence, in the evaluation panel's order. */
static SmRuleResult *
first_finding (SmEvaluation *evaluation)
{
  for (guint p = 1; p <= SM_N_PRINCIPLES; p++)
    for (guint i = 0; i < evaluation->order->len; i++)
      {
        SmRuleResult    *r = g_ptr_array_index (evaluation->order, i);
        g_autofree char *id = g_strdup_printf ("P%u", p);

        if (g_str_equal (sm_rule_def_get_principle (r->rule), id) && r->evidence->len > 0)
          return r;
      }
  return NULL;
}

static void
test_present (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  const SmArrangementInfo *const *all;
  guint                           n_arrangements = 0, n_steps;
  SmWindow                       *window;
  SmDocument                     *document;
  SmMap                          *map;
  SmCanvas                       *canvas;
  SmSelection                    *selection;
  SmEvaluator                    *evaluator;
  SmRecord                       *person;
  SmRuleResult                   *finding;
  GHashTable                     *highlight;
  double                          scale, cx, cy, scale2, cx2, cy2, x0, y0, x1, y1, wx, wy;
  g_autofree char                *person_id = NULL;

  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  document = sm_window_get_document (window);
  map = sm_document_get_map (document);
  canvas = SM_CANVAS (sm_window_get_canvas (window));
  selection = sm_document_get_selection (document);
  evaluator = sm_document_get_evaluator (document);
  all = sm_arrangements_get_all (&n_arrangements);
  g_assert_cmpuint (n_arrangements, >=, 3);

  /* The facilitator's own view: the grid, zoomed in, someone selected,
   * the side panel open. */
  gtk_widget_set_visible (window->side, TRUE);
  sm_canvas_set_arrangement (canvas, "power-interest");
  sm_test_spin ();
  sm_canvas_zoom_in (canvas);
  person = sm_collection_get (sm_map_get_stakeholders (map), 0);
  person_id = g_strdup (sm_record_get_id (person));
  sm_selection_select_only (selection, person_id);
  sm_test_spin ();
  sm_canvas_get_view (canvas, &scale, &cx, &cy);
  g_assert_false (sm_document_get_modified (document));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));

  /* F5 */
  g_assert_false (presenting (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  sm_test_spin ();
  g_assert_true (presenting (window));
  g_test_message ("full screen: %d", gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_false (gtk_widget_get_visible (window->side));
  g_assert_false (gtk_widget_get_visible (header_bar (window)));
  g_assert_false (gtk_widget_get_visible (window->zoom_bar));
  g_assert_false (gtk_widget_get_visible (window->legend_dock));
  g_assert_true (sm_renderer_get_high_contrast (sm_canvas_get_renderer (canvas)));
  /* Names larger than at the laptop, for the back of the room. */
  g_assert_cmpfloat (sm_renderer_get_name_min_size (sm_canvas_get_renderer (canvas)), >=, 16);
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 0);
  /* It starts where the facilitator was: the grid, second of the views. */
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, "power-interest");
  sm_evaluator_flush (evaluator);
  sm_test_spin ();
  n_steps = _sm_window_test_get_present_steps (window);
  g_assert_cmpuint (n_steps, >, n_arrangements);
  g_assert_true (caption_ends_with (window, 2, n_steps));
  g_assert_true (g_str_has_prefix (_sm_window_test_get_present_caption (window), "Power"));

  /* Editing is off: a drag moves nobody, Delete deletes nobody. */
  g_assert_true (_sm_window_present_key (window, GDK_KEY_Home, 0));
  sm_test_spin ();
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, sm_arrangement_info_get_id (all[0]));
  g_assert_true (caption_ends_with (window, 1, n_steps));
  g_assert_true (sm_stakeholder_get_position (person, &x0, &y0));
  _sm_canvas_test_map_to_widget (canvas, x0, y0, &wx, &wy);
  _sm_canvas_test_drag (canvas, wx, wy, wx + 80, wy + 60, 0);
  sm_test_spin ();
  g_assert_true (sm_stakeholder_get_position (person, &x1, &y1));
  g_assert_cmpfloat (x1, ==, x0);
  g_assert_cmpfloat (y1, ==, y0);
  sm_selection_select_only (selection, person_id);
  _sm_canvas_test_key (canvas, GDK_KEY_Delete, 0);
  g_assert_true (_sm_window_present_key (window, GDK_KEY_Delete, 0));
  sm_test_spin ();
  g_assert_nonnull (sm_map_lookup (map, person_id));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stakeholder", NULL) &&
                  sm_history_can_undo (sm_document_get_history (document)));

  /* Forwards through every view in the registry's order… */
  for (guint i = 1; i < n_arrangements; i++)
    {
      g_assert_true (_sm_window_present_key (window, i % 2 ? GDK_KEY_Right : GDK_KEY_space, 0));
      sm_test_spin ();
      g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, sm_arrangement_info_get_id (all[i]));
      g_assert_true (caption_ends_with (window, i + 1, n_steps));
      g_assert_null (_sm_canvas_test_get_highlight (canvas));
      /* The legend stays away, though each view has one of its own. */
      g_assert_false (gtk_widget_get_visible (window->legend_dock));
      /* Double-clicking a space's card in the Power Cube opens no panel. */
      if (g_str_equal (sm_arrangement_info_get_id (all[i]), "power-cube"))
        {
          SmRecord *space = sm_map_lookup (map, "space-board");
          double    sx, sy, sw, sh;

          g_assert_nonnull (space);
          g_assert_true (sm_renderer_get_record_region (sm_canvas_get_renderer (canvas), space, &sx, &sy, &sw, &sh));
          _sm_canvas_test_map_to_widget (canvas, sx + sw / 2, sy + 8, &wx, &wy);
          _sm_canvas_test_click (canvas, wx, wy, 1, 0);
          _sm_canvas_test_click (canvas, wx, wy, 2, 0);
          sm_test_spin ();
          g_assert_false (gtk_widget_get_visible (window->side));
        }
    }
  /* …then the first finding, its evidence lit up and in view. */
  g_assert_true (_sm_window_present_key (window, GDK_KEY_Page_Down, 0));
  sm_test_spin ();
  finding = first_finding (sm_evaluator_get_evaluation (evaluator));
  g_assert_nonnull (finding);
  g_assert_cmpstr (sm_evaluator_get_highlight_rule (evaluator), ==, sm_rule_def_get_id (finding->rule));
  highlight = _sm_canvas_test_get_highlight (canvas);
  g_assert_nonnull (highlight);
  for (guint i = 0; i < finding->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (finding->evidence, i);

      if (g_str_equal (e->type, "stakeholder") || g_str_equal (e->type, "relationship"))
        g_assert_true (g_hash_table_contains (highlight, e->id));
    }
  g_assert_true (caption_ends_with (window, n_arrangements + 1, n_steps));
  g_assert_nonnull (strstr (_sm_window_test_get_present_caption (window), sm_rule_def_get_question (finding->rule)));
  {
    GHashTableIter iter;
    gpointer       key;

    /* Every stakeholder of the evidence is on the screen. */
    g_hash_table_iter_init (&iter, highlight);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        SmRecord *record = sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, key);
        double    px, py;

        if (record == NULL)
          continue;
        g_assert_true (sm_renderer_get_position (sm_canvas_get_renderer (canvas), record, &px, &py));
        _sm_canvas_test_map_to_widget (canvas, px, py, &wx, &wy);
        g_assert_cmpfloat (wx, >=, 0);
        g_assert_cmpfloat (wy, >=, 0);
        g_assert_cmpfloat (wx, <=, gtk_widget_get_width (GTK_WIDGET (canvas)));
        g_assert_cmpfloat (wy, <=, gtk_widget_get_height (GTK_WIDGET (canvas)));
      }
  }
  /* Back: the last view, nothing lit up. End: the last finding. */
  g_assert_true (_sm_window_present_key (window, GDK_KEY_BackSpace, 0));
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, sm_arrangement_info_get_id (all[n_arrangements - 1]));
  g_assert_null (_sm_canvas_test_get_highlight (canvas));
  g_assert_true (_sm_window_present_key (window, GDK_KEY_End, 0));
  g_assert_true (caption_ends_with (window, n_steps, n_steps));
  g_assert_nonnull (_sm_canvas_test_get_highlight (canvas));

  /* Esc: everything as it was. */
  g_assert_true (_sm_window_present_key (window, GDK_KEY_Escape, 0));
  sm_test_spin ();
  g_assert_false (presenting (window));
  g_assert_false (_sm_window_present_key (window, GDK_KEY_Right, 0));
  g_assert_true (gtk_widget_get_visible (window->side));
  g_assert_true (gtk_widget_get_visible (header_bar (window)));
  g_assert_true (gtk_widget_get_visible (window->zoom_bar));
  g_assert_true (gtk_widget_get_visible (window->legend_dock));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_false (sm_renderer_get_high_contrast (sm_canvas_get_renderer (canvas)));
  g_assert_cmpfloat (sm_renderer_get_name_min_size (sm_canvas_get_renderer (canvas)), ==, SM_RENDER_NAME_MIN_SIZE);
  g_assert_null (_sm_window_test_get_present_caption (window));
  g_assert_cmpstr (sm_canvas_get_arrangement (canvas), ==, "power-interest");
  g_assert_null (_sm_canvas_test_get_highlight (canvas));
  sm_canvas_get_view (canvas, &scale2, &cx2, &cy2);
  g_assert_cmpfloat_with_epsilon (scale2, scale, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx2, cx, 0.5);
  g_assert_cmpfloat_with_epsilon (cy2, cy, 0.5);
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 1);
  g_assert_true (sm_selection_contains (selection, person_id));
  /* The map was never touched. */
  g_assert_false (sm_document_get_modified (document));
  g_assert_false (sm_history_can_undo (sm_document_get_history (document)));
  g_assert_true (sm_stakeholder_get_position (person, &x1, &y1));
  g_assert_cmpfloat (x1, ==, x0);

  /* F5 again, and F5 to leave. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  g_assert_true (presenting (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  sm_test_spin ();
  g_assert_false (presenting (window));
  g_assert_true (gtk_widget_get_visible (window->side));
  g_assert_false (sm_document_get_modified (document));

  /* Closed while presenting: it just closes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  sm_test_spin ();
  g_assert_true (presenting (window));
  sm_test_close_all ();
}

/* The canvas as it would be drawn on screen: the pixel at (x, y). */
static guint32
canvas_pixel (SmCanvas *canvas,
              int       x,
              int       y)
{
  GtkSnapshot     *snapshot = gtk_snapshot_new ();
  GskRenderNode   *node;
  cairo_surface_t *surface;
  cairo_t         *cr;
  guint32          pixel;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (GTK_WIDGET (canvas)),
                                        gtk_widget_get_height (GTK_WIDGET (canvas)));
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(const guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) +
                              4 * x);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);
  return pixel;
}

/* On a dark desktop too, the room sees near-black on white. */
static void
test_present_dark (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "neighbourhood-air.stakemap", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  AdwStyleManager *style = adw_style_manager_get_default ();
  SmWindow        *window;
  SmCanvas        *canvas;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = SM_WINDOW (sm_application_open_file (app, source, NULL));
  gtk_window_present (GTK_WINDOW (window));
  sm_test_spin ();
  canvas = SM_CANVAS (sm_window_get_canvas (window));
  g_assert_true (adw_style_manager_get_dark (style));
  /* Not presenting: the window's own dark background shows through. */
  g_assert_cmphex (canvas_pixel (canvas, 1, 1), !=, 0xffffffff);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  sm_test_spin ();
  g_assert_cmphex (canvas_pixel (canvas, 1, 1), ==, 0xffffffff);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  sm_test_spin ();
  g_assert_cmphex (canvas_pixel (canvas, 1, 1), !=, 0xffffffff);
  sm_test_close_all ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("stakemap-ui-present-XXXXXX", NULL);
  int              status;

  /* Recent files and recovery copies stay away from the user's. */
  {
    g_autofree char *state = g_build_filename (scratch, "state", NULL);
    g_autofree char *data = g_build_filename (scratch, "data", NULL);

    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  g_test_init (&argc, &argv, NULL);

  app = sm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/present/enter-step-leave", test_present);
  g_test_add_func ("/ui/present/dark-desktop", test_present_dark);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

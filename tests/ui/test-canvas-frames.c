/* test-canvas-frames.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-format.h"
#include "sm-render.h"

/* The canvas keeps its last picture (sm-canvas.c, "Frames"): a pan shows
 * it shifted, a zoom step scaled, and the exact frame is drawn once the
 * view rests. What the user is left with must be what a full redraw of
 * the same view draws, pixel for pixel, and no change to the map or to
 * what is marked on it may leave an old picture on screen. Run twice:
 * at the display's scale and, with --hidpi, at device scale 2. */

#define N_STAKEHOLDERS 120
#define SPREAD 1500.0

static const char *const kinds[] = { "service_user", "carer", "professional", "manager", "commissioner",
                                     "community_org" };

typedef struct
{
  SmMap       *map;
  SmDocument  *document;
  SmHistory   *history;
  SmSelection *selection;
  GtkWidget   *window;
  SmCanvas    *canvas;
  GRand       *rand;
} Fixture;

/* A random map: stakeholders with names over a wide square, and about
 * two relationships each. */
static char *
random_map (GRand *rand)
{
  GString *json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Frames\"},"
                                "\"stakeholders\":[");

  for (guint i = 0; i < N_STAKEHOLDERS; i++)
    g_string_append_printf (json, "%s{\"id\":\"s%u\",\"name\":\"Person %u\",\"kind\":\"%s\",\"influence\":%d,"
                                  "\"x\":%d,\"y\":%d}",
                            i > 0 ? "," : "", i, i, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                            g_rand_int_range (rand, 0, 11), g_rand_int_range (rand, -SPREAD, SPREAD),
                            g_rand_int_range (rand, -SPREAD, SPREAD));
  g_string_append (json, "],\"relationships\":[");
  for (guint i = 1; i < 2 * N_STAKEHOLDERS; i++)
    {
      guint source = g_rand_int_range (rand, 0, N_STAKEHOLDERS);
      guint target = (source + g_rand_int_range (rand, 1, N_STAKEHOLDERS)) % N_STAKEHOLDERS;

      g_string_append_printf (json, "%s{\"id\":\"r%u\",\"source\":\"s%u\",\"target\":\"s%u\"%s}", i > 1 ? "," : "",
                              i, source, target, i % 3 == 0 ? ",\"direction\":\"two_way\"" : "");
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
spin (void)
{
  for (guint i = 0; i < 10; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* Lets the view rest: the exact frame drawn. */
static void
rest (SmCanvas *canvas)
{
  cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
  _sm_canvas_test_settle (canvas);
  cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
}

static void
setup (Fixture      *fixture,
       gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  fixture->rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  text = random_map (fixture->rand);
  bytes = g_bytes_new (text, strlen (text));
  fixture->map = sm_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  fixture->document = sm_document_new (fixture->map, NULL);
  fixture->history = sm_document_get_history (fixture->document);
  fixture->selection = sm_document_get_selection (fixture->document);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 480);
  fixture->canvas = SM_CANVAS (sm_canvas_new (fixture->document));
  /* No timer: the view rests when the test says. */
  _sm_canvas_test_settle_by_hand (fixture->canvas);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->canvas));
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->canvas)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) <= 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  spin ();
  /* Close enough that names, arrowheads and marks are drawn. */
  sm_canvas_set_view (fixture->canvas, 0.45, 0, 0);
  spin ();
  rest (fixture->canvas);
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin ();
  g_rand_free (fixture->rand);
  g_assert_finalize_object (fixture->document);
  g_assert_finalize_object (fixture->map);
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int bytes = cairo_image_surface_get_width (a) * 4;

  if (cairo_image_surface_get_width (a) != cairo_image_surface_get_width (b) ||
      height != cairo_image_surface_get_height (b))
    return FALSE;
  for (int y = 0; y < height; y++)
    if (memcmp (cairo_image_surface_get_data (a) + (gsize) y * cairo_image_surface_get_stride (a),
                cairo_image_surface_get_data (b) + (gsize) y * cairo_image_surface_get_stride (b), bytes) != 0)
      return FALSE;
  return TRUE;
}

/* How many pixels of @surface's leftmost @columns have ink. */
static guint
inked_columns (cairo_surface_t *surface,
               int              columns)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  guint   n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < columns; x++)
      n += ((guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface)))[x] != 0;
  return n;
}

static guint
inked (cairo_surface_t *surface)
{
  return inked_columns (surface, cairo_image_surface_get_width (surface));
}

/* What the canvas shows now equals a full redraw of its view. */
static void
assert_exact (Fixture *fixture)
{
  cairo_surface_t *shown = _sm_canvas_test_dup_frame (fixture->canvas);
  cairo_surface_t *fresh = _sm_canvas_test_draw_fresh (fixture->canvas);

  g_assert_true (same_pixels (shown, fresh));
  cairo_surface_destroy (shown);
  cairo_surface_destroy (fresh);
}

/* The frame after a change that is not the view's: drawn afresh, equal
 * to a full redraw, and not the picture from before. */
static void
assert_redrawn (Fixture         *fixture,
                cairo_surface_t *before)
{
  cairo_surface_t *shown = _sm_canvas_test_dup_frame (fixture->canvas);
  cairo_surface_t *fresh = _sm_canvas_test_draw_fresh (fixture->canvas);

  g_assert_cmpint (_sm_canvas_test_get_frame_kind (fixture->canvas), ==, SM_CANVAS_FRAME_DRAWN);
  g_assert_true (same_pixels (shown, fresh));
  g_assert_false (same_pixels (shown, before));
  cairo_surface_destroy (shown);
  cairo_surface_destroy (fresh);
}

static SmRecord *
in_view (Fixture *fixture)
{
  /* A stakeholder near the middle of the view. */
  int       width = gtk_widget_get_width (GTK_WIDGET (fixture->canvas));
  int       height = gtk_widget_get_height (GTK_WIDGET (fixture->canvas));
  SmRecord *best = NULL;
  double    best_d = G_MAXDOUBLE;

  for (guint i = 0; i < N_STAKEHOLDERS; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      SmRecord        *record = sm_map_lookup (fixture->map, id);
      double           mx, my, x, y, d;

      if (record == NULL || !sm_stakeholder_get_position (record, &mx, &my))
        continue;
      _sm_canvas_test_map_to_widget (fixture->canvas, mx, my, &x, &y);
      d = hypot (x - width / 2.0, y - height / 2.0);
      if (d < best_d)
        best_d = d, best = record;
    }
  g_assert_nonnull (best);
  return best;
}

static void
move_one (Fixture *fixture)
{
  SmRecord *record = in_view (fixture);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  double mx, my, x, y;

  g_assert_true (sm_stakeholder_get_position (record, &mx, &my));
  g_ptr_array_add (records, record);
  x = mx + 40, y = my - 30;
  sm_history_push (fixture->history, sm_command_new_move (records, &x, &y));
}

/* Whether @shown is @before moved by (@dx, @dy) whole widget pixels,
 * pixel for pixel where @before lands. */
static gboolean
same_moved (cairo_surface_t *shown,
            cairo_surface_t *before,
            int              factor,
            int              dx,
            int              dy)
{
  int     w = cairo_image_surface_get_width (shown), h = cairo_image_surface_get_height (shown);
  int     sx = -dx * factor, sy = -dy * factor;
  guint8 *a = cairo_image_surface_get_data (shown), *b = cairo_image_surface_get_data (before);
  int     stride = cairo_image_surface_get_stride (shown);

  for (int y = MAX (sy, 0); y < MIN (h, h + sy); y++)
    if (memcmp (a + (gsize) y * stride + 4 * MAX (sx, 0), b + (gsize) (y - sy) * stride + 4 * MAX (-sx, 0),
                4 * (w - abs (sx))) != 0)
      return FALSE;
  return TRUE;
}

/* Random pans, whole pixels and fractions, with edits, undo, selection
 * and hover between some of them. Each pan shows the last picture
 * shifted by whole device pixels, unblurred; each change draws afresh;
 * at rest the picture is a full redraw's. */
static void
test_pan (Fixture      *fixture,
          gconstpointer data)
{
  SmCanvas        *canvas = fixture->canvas;
  int              factor = gtk_widget_get_scale_factor (GTK_WIDGET (canvas));
  cairo_surface_t *last = _sm_canvas_test_dup_frame (canvas);

  for (guint step = 0; step < 24; step++)
    {
      double           dx = g_rand_int_range (fixture->rand, -70, 71);
      double           dy = g_rand_int_range (fixture->rand, -70, 71);
      gboolean         whole = step % 2 == 0;
      cairo_surface_t *shown;

      if (!whole)
        dx += g_rand_double (fixture->rand), dy -= g_rand_double (fixture->rand);
      _sm_canvas_pan_by (canvas, dx, dy);
      shown = _sm_canvas_test_dup_frame (canvas);
      g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SHIFTED);
      /* GTK's recording of the frame lent the picture and gave it back
       * with the recording: the canvas holds the only references, as the
       * moved picture and as the one shown. */
      g_assert_true (canvas->shown == canvas->shifted);
      g_assert_cmpuint (cairo_surface_get_reference_count (canvas->shifted), ==, 2);
      /* The old picture where it lands, pixel for pixel. */
      if (whole)
        g_assert_true (same_moved (shown, last, factor, (int) dx, (int) dy));
      cairo_surface_destroy (last);
      last = shown;

      switch (step % 6)
        {
        case 1:
          move_one (fixture);
          break;
        case 2:
          g_assert_true (sm_history_undo (fixture->history));
          break;
        case 3:
          /* Select someone, or no one if they are. */
          if (g_strcmp0 (sm_selection_get_primary (fixture->selection), sm_record_get_id (in_view (fixture))) == 0)
            sm_selection_clear (fixture->selection);
          else
            sm_selection_select_only (fixture->selection, sm_record_get_id (in_view (fixture)));
          break;
        case 4:
          {
            double mx, my, x, y;

            /* Onto a stakeholder, or off the one hovered. */
            g_assert_true (sm_stakeholder_get_position (in_view (fixture), &mx, &my));
            _sm_canvas_test_map_to_widget (canvas, mx, my, &x, &y);
            if (_sm_canvas_test_get_hover (canvas) != NULL)
              x = 1, y = 1;
            _sm_canvas_test_motion (canvas, x, y);
          }
          break;
        case 5:
          /* At rest: the exact frame. */
          g_assert_true (_sm_canvas_test_settle (canvas));
          cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
          g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_DRAWN);
          assert_exact (fixture);
          break;
        default:
          continue;
        }
      if (step % 6 != 5)
        {
          /* A change, then the next pan: drawn afresh, no old picture. */
          _sm_canvas_pan_by (canvas, 7, -5);
          cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
          g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_DRAWN);
          assert_exact (fixture);
        }
      cairo_surface_destroy (last);
      last = _sm_canvas_test_dup_frame (canvas);
    }
  cairo_surface_destroy (last);

  _sm_canvas_pan_by (canvas, 3.5, -12);
  cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
  g_assert_true (_sm_canvas_test_settle (canvas));
  assert_exact (fixture);
  /* The same view again: the picture kept, nothing drawn, still exact. */
  assert_exact (fixture);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_REUSED);
}

/* The strips a pan uncovers are drawn: nothing left blank where the map
 * has something. */
static void
test_pan_strips (Fixture      *fixture,
                 gconstpointer data)
{
  SmCanvas        *canvas = fixture->canvas;
  int              width = gtk_widget_get_width (GTK_WIDGET (canvas));
  cairo_surface_t *shown, *fresh;

  /* Far out to the left, then a whole view back: all of it a strip. */
  sm_canvas_set_view (canvas, 0.45, -SPREAD - 2 * width / 0.45, 0);
  rest (canvas);
  shown = _sm_canvas_test_dup_frame (canvas);
  g_assert_cmpuint (inked (shown), ==, 0);
  cairo_surface_destroy (shown);
  for (guint i = 0; i < 12; i++)
    _sm_canvas_pan_by (canvas, width / 4.0, 0), cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
  shown = _sm_canvas_test_dup_frame (canvas);
  fresh = _sm_canvas_test_draw_fresh (canvas);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SHIFTED);
  g_assert_cmpuint (inked (fresh), >, 0);
  /* Names kept in view may land elsewhere in a strip: about as much ink. */
  g_assert_cmpfloat (fabs ((double) inked (shown) - inked (fresh)), <, 0.1 * inked (fresh));
  cairo_surface_destroy (shown);
  cairo_surface_destroy (fresh);
}

/* Pans by fractions of a pixel (a touchpad, a slow drag) add up: after
 * twenty pans of 0.3 pixels the picture has moved by six. */
static void
test_pan_fractions (Fixture      *fixture,
                    gconstpointer data)
{
  SmCanvas        *canvas = fixture->canvas;
  int              factor = gtk_widget_get_scale_factor (GTK_WIDGET (canvas));
  cairo_surface_t *first = _sm_canvas_test_dup_frame (canvas);
  cairo_surface_t *shown;
  int              w = cairo_image_surface_get_width (first), h = cairo_image_surface_get_height (first);
  int              stride = cairo_image_surface_get_stride (first);
  int              sx = -6 * factor;

  for (guint i = 0; i < 20; i++)
    {
      _sm_canvas_pan_by (canvas, 0.3, 0);
      cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
    }
  shown = _sm_canvas_test_dup_frame (canvas);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SHIFTED);
  for (int y = 0; y < h; y++)
    g_assert_cmpint (memcmp (cairo_image_surface_get_data (shown) + (gsize) y * stride,
                             cairo_image_surface_get_data (first) + (gsize) y * stride + 4 * -sx, 4 * (w + sx)),
                     ==, 0);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (first);
}

/* Pans by (@dx, @dy) and returns the frame shown, of @kind. */
static cairo_surface_t *
pan_to_kind (SmCanvas         *canvas,
             double            dx,
             double            dy,
             SmCanvasFrameKind kind)
{
  cairo_surface_t *shown;

  _sm_canvas_pan_by (canvas, dx, dy);
  shown = _sm_canvas_test_dup_frame (canvas);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, kind);
  return shown;
}

/* The margin drawn round the view in idle time: pans within it draw
 * nothing and show the exact picture moved, pixel for pixel, with the
 * margin about as inked as a full redraw; a pan beyond it draws what it
 * uncovers; as the view nears its edge the next one is drawn round it.
 * A margin goes only with the exact frame and the map it was drawn for:
 * after a change, a rest or a zoom it is drawn again before it is shown,
 * and a margin half drawn when the map changes is given up. */
static void
test_pan_margin (Fixture      *fixture,
                 gconstpointer data)
{
  SmCanvas        *canvas = fixture->canvas;
  int              factor = gtk_widget_get_scale_factor (GTK_WIDGET (canvas));
  cairo_surface_t *exact = _sm_canvas_test_dup_frame (canvas);
  cairo_surface_t *shown, *fresh;
  int              x = 0, y = 0;

  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  /* Drawn: none wanted until the view nears its edge. */
  g_assert_false (_sm_canvas_test_draw_margin (canvas, 0));
  for (guint step = 0; step < 12; step++)
    {
      int dx = g_rand_int_range (fixture->rand, -40, 41), dy = g_rand_int_range (fixture->rand, -40, 41);

      /* Within 120 pixels of where the margin was drawn round. */
      dx = CLAMP (x + dx, -120, 120) - x, dy = CLAMP (y + dy, -120, 120) - y;
      x += dx, y += dy;
      shown = pan_to_kind (canvas, dx, dy, SM_CANVAS_FRAME_MARGIN);
      g_assert_true (same_moved (shown, exact, factor, x, y));
      cairo_surface_destroy (shown);
    }
  /* By a fraction, still the margin; back by it, the same picture. */
  cairo_surface_destroy (pan_to_kind (canvas, 0.4, -0.3, SM_CANVAS_FRAME_MARGIN));
  shown = pan_to_kind (canvas, -0.4, 0.3, SM_CANVAS_FRAME_MARGIN);
  g_assert_true (same_moved (shown, exact, factor, x, y));
  cairo_surface_destroy (shown);

  /* Far into the margin: drawn there as a full redraw draws about. */
  shown = pan_to_kind (canvas, 240 - x, 240 - y, SM_CANVAS_FRAME_MARGIN);
  x = y = 240;
  fresh = _sm_canvas_test_draw_fresh (canvas);
  g_assert_true (same_moved (shown, exact, factor, x, y));
  g_assert_cmpuint (inked (fresh), >, 0);
  g_assert_cmpfloat (fabs ((double) inked (shown) - inked (fresh)), <, 0.1 * inked (fresh));
  cairo_surface_destroy (shown);
  cairo_surface_destroy (fresh);

  /* Beyond it: what it leaves uncovered is drawn. Near its edge, the
   * next margin is drawn round the view, from the last. */
  cairo_surface_destroy (pan_to_kind (canvas, 40, 0, SM_CANVAS_FRAME_SHIFTED));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  cairo_surface_destroy (pan_to_kind (canvas, 100, 40, SM_CANVAS_FRAME_MARGIN));
  /* Near the edge of the margin shown: the next is drawn from it, and
   * holds what it held. */
  cairo_surface_destroy (pan_to_kind (canvas, 60, 0, SM_CANVAS_FRAME_MARGIN));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  shown = pan_to_kind (canvas, 10, 0, SM_CANVAS_FRAME_MARGIN);
  fresh = _sm_canvas_test_draw_fresh (canvas);
  g_assert_true (same_moved (shown, exact, factor, 450, 280));
  g_assert_cmpfloat (fabs ((double) inked (shown) - inked (fresh)), <, 0.1 * inked (fresh));
  cairo_surface_destroy (shown);
  cairo_surface_destroy (fresh);

  /* At rest: the exact frame, and the margin drawn round it again before
   * it is shown. */
  g_assert_true (_sm_canvas_test_settle (canvas));
  assert_exact (fixture);
  cairo_surface_destroy (exact);
  exact = _sm_canvas_test_dup_frame (canvas);
  cairo_surface_destroy (pan_to_kind (canvas, 30, 0, SM_CANVAS_FRAME_SHIFTED));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  shown = pan_to_kind (canvas, 30, 20, SM_CANVAS_FRAME_MARGIN);
  g_assert_true (same_moved (shown, exact, factor, 60, 20));
  cairo_surface_destroy (shown);

  /* An edit while the margin is drawn: given up, and drawn afresh round
   * the new exact frame. */
  g_assert_true (_sm_canvas_test_settle (canvas));
  cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 2));
  move_one (fixture);
  cairo_surface_destroy (exact);
  exact = pan_to_kind (canvas, 0, 0, SM_CANVAS_FRAME_DRAWN);
  cairo_surface_destroy (pan_to_kind (canvas, -20, 10, SM_CANVAS_FRAME_SHIFTED));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  g_assert_true (_sm_canvas_test_settle (canvas));
  cairo_surface_destroy (exact);
  exact = _sm_canvas_test_dup_frame (canvas);
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  shown = pan_to_kind (canvas, -50, -60, SM_CANVAS_FRAME_MARGIN);
  g_assert_true (same_moved (shown, exact, factor, -50, -60));
  cairo_surface_destroy (shown);

  /* Someone hovered: drawn afresh, the margin dropped. */
  {
    double mx, my, hx, hy;

    g_assert_true (sm_stakeholder_get_position (in_view (fixture), &mx, &my));
    _sm_canvas_test_map_to_widget (canvas, mx, my, &hx, &hy);
    _sm_canvas_test_motion (canvas, hx, hy);
    g_assert_nonnull (_sm_canvas_test_get_hover (canvas));
  }
  cairo_surface_destroy (pan_to_kind (canvas, 0, 0, SM_CANVAS_FRAME_DRAWN));
  cairo_surface_destroy (pan_to_kind (canvas, 20, 0, SM_CANVAS_FRAME_SHIFTED));

  /* A zoom step and its rest: the margin is drawn at the new scale. */
  g_assert_true (_sm_canvas_test_settle (canvas));
  cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  _sm_canvas_test_key (canvas, GDK_KEY_plus, GDK_CONTROL_MASK);
  cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SCALED);
  g_assert_false (_sm_canvas_test_draw_margin (canvas, 0));
  g_assert_true (_sm_canvas_test_settle (canvas));
  cairo_surface_destroy (exact);
  exact = _sm_canvas_test_dup_frame (canvas);
  cairo_surface_destroy (pan_to_kind (canvas, 10, 10, SM_CANVAS_FRAME_SHIFTED));
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  shown = pan_to_kind (canvas, 10, 10, SM_CANVAS_FRAME_MARGIN);
  g_assert_true (same_moved (shown, exact, factor, 20, 20));
  cairo_surface_destroy (shown);
  g_assert_true (_sm_canvas_test_settle (canvas));
  assert_exact (fixture);
  cairo_surface_destroy (exact);
}

/* Zooming out shows the exact picture scaled, with the margin round it
 * when there is one: what is round the view, not a blank border. */
static void
test_zoom_margin (Fixture      *fixture,
                  gconstpointer data)
{
  SmCanvas *canvas = fixture->canvas;
  int       factor = gtk_widget_get_scale_factor (GTK_WIDGET (canvas));
  /* A step out leaves a tenth of the width each side: the leftmost
   * twentieth is outside the exact picture. */
  int              columns = gtk_widget_get_width (GTK_WIDGET (canvas)) * factor / 20;
  cairo_surface_t *bare, *with_margin;
  double           scale, cx, cy;

  sm_canvas_get_view (canvas, &scale, &cx, &cy);
  _sm_canvas_test_key (canvas, GDK_KEY_minus, GDK_CONTROL_MASK);
  bare = _sm_canvas_test_dup_frame (canvas);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SCALED);
  g_assert_cmpuint (inked_columns (bare, columns), ==, 0);

  sm_canvas_set_view (canvas, scale, cx, cy);
  rest (canvas);
  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  _sm_canvas_test_key (canvas, GDK_KEY_minus, GDK_CONTROL_MASK);
  with_margin = _sm_canvas_test_dup_frame (canvas);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SCALED);
  g_assert_cmpuint (inked_columns (with_margin, columns), >, 0);
  /* Inside where the exact picture lands, the same picture either way. */
  for (int y = cairo_image_surface_get_height (bare) / 4; y < cairo_image_surface_get_height (bare) * 3 / 4; y++)
    {
      int width = cairo_image_surface_get_width (bare);

      g_assert_cmpint (memcmp (cairo_image_surface_get_data (bare) + (gsize) y * cairo_image_surface_get_stride (bare) +
                                 4 * (width / 4),
                               cairo_image_surface_get_data (with_margin) +
                                 (gsize) y * cairo_image_surface_get_stride (with_margin) + 4 * (width / 4),
                               4 * (width / 2)),
                       ==, 0);
    }
  g_assert_true (_sm_canvas_test_settle (canvas));
  assert_exact (fixture);
  cairo_surface_destroy (bare);
  cairo_surface_destroy (with_margin);
}

/* A hidden canvas lets its pictures go; shown again, it draws afresh. */
static void
test_hidden (Fixture      *fixture,
             gconstpointer data)
{
  SmCanvas *canvas = fixture->canvas;

  g_assert_true (_sm_canvas_test_draw_margin (canvas, 0));
  g_assert_nonnull (canvas->frame);
  gtk_widget_set_visible (GTK_WIDGET (canvas), FALSE);
  g_assert_null (canvas->frame);
  g_assert_null (canvas->margin);
  g_assert_null (canvas->shown);
  gtk_widget_set_visible (GTK_WIDGET (canvas), TRUE);
  spin ();
  assert_exact (fixture);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), !=, SM_CANVAS_FRAME_MARGIN);
}

/* Left to itself, the canvas draws the margin in idle time after a
 * frame, and a drag step then draws nothing. */
static void
test_pan_margin_idle (Fixture      *fixture,
                      gconstpointer data)
{
  SmCanvas *canvas = fixture->canvas;
  gint64    end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  canvas->settle_by_hand = FALSE;
  cairo_surface_destroy (pan_to_kind (canvas, 30, 0, SM_CANVAS_FRAME_SHIFTED));
  /* No rest meanwhile, however slow the machine. */
  g_clear_handle_id (&canvas->settle_id, g_source_remove);
  while (canvas->margin == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_assert_true (canvas->margin_id != 0);
      g_main_context_iteration (NULL, FALSE);
    }
  cairo_surface_destroy (pan_to_kind (canvas, 30, 0, SM_CANVAS_FRAME_MARGIN));
  canvas->settle_by_hand = TRUE;
  g_clear_handle_id (&canvas->settle_id, g_source_remove);
}

/* Zoom steps show the last exact picture scaled; at rest, the exact
 * frame. */
static void
test_zoom (Fixture      *fixture,
           gconstpointer data)
{
  SmCanvas *canvas = fixture->canvas;
  double    scale, cx, cy;

  for (guint run = 0; run < 3; run++)
    {
      for (guint step = 0; step < 4; step++)
        {
          double x = g_rand_double_range (fixture->rand, 0, gtk_widget_get_width (GTK_WIDGET (canvas)));
          double y = g_rand_double_range (fixture->rand, 0, gtk_widget_get_height (GTK_WIDGET (canvas)));

          if (step % 2 == 0)
            _sm_canvas_test_scroll (canvas, x, y, 0, run == 1 ? 1 : -1, GDK_CONTROL_MASK);
          else
            _sm_canvas_test_key (canvas, run == 1 ? GDK_KEY_minus : GDK_KEY_plus, GDK_CONTROL_MASK);
          cairo_surface_destroy (_sm_canvas_test_dup_frame (canvas));
          g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_SCALED);
        }
      g_assert_true (_sm_canvas_test_settle (canvas));
      assert_exact (fixture);
      g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_DRAWN);
    }
  /* The exact frame is the one a still view keeps. */
  sm_canvas_get_view (canvas, &scale, &cx, &cy);
  g_assert_false (_sm_canvas_test_settle (canvas));
  assert_exact (fixture);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), ==, SM_CANVAS_FRAME_REUSED);
}

/* Each change but the view's drops the picture: the next frame is drawn
 * afresh, equal to a full redraw, and differs from the one before. */
static void
test_invalidate (Fixture      *fixture,
                 gconstpointer data)
{
  SmCanvas        *canvas = fixture->canvas;
  SmRecord        *record = in_view (fixture);
  const char      *id = sm_record_get_id (record);
  cairo_surface_t *before;
  double           mx, my, x, y;

  g_assert_true (sm_stakeholder_get_position (record, &mx, &my));
  _sm_canvas_test_map_to_widget (canvas, mx, my, &x, &y);

#define CHANGE(what)                             \
  G_STMT_START                                   \
  {                                              \
    before = _sm_canvas_test_dup_frame (canvas); \
    what;                                        \
    g_test_message ("%s", #what);                \
    assert_redrawn (fixture, before);            \
    cairo_surface_destroy (before);              \
  }                                              \
  G_STMT_END

  /* An edit, its undo and redo. */
  CHANGE (move_one (fixture));
  CHANGE (g_assert_true (sm_history_undo (fixture->history)));
  CHANGE (g_assert_true (sm_history_redo (fixture->history)));
  CHANGE (g_assert_true (sm_history_undo (fixture->history)));
  /* What is selected, hovered, highlighted or marked. */
  CHANGE (sm_selection_select_only (fixture->selection, id));
  CHANGE (sm_selection_clear (fixture->selection));
  CHANGE (_sm_canvas_test_motion (canvas, x, y));
  CHANGE (_sm_canvas_test_motion (canvas, 2, 2));
  {
    g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) marks = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_add (ids, (gpointer) id);
    CHANGE (sm_canvas_set_highlight (canvas, ids));
    CHANGE (sm_canvas_set_highlight (canvas, NULL));
    g_hash_table_insert (marks, (gpointer) id, GUINT_TO_POINTER (SM_MARK_FEW_TIES));
    CHANGE (sm_canvas_set_marks (canvas, marks));
    CHANGE (sm_canvas_set_marks (canvas, NULL));
  }
  /* The style, the view of the map, the window's size. */
  CHANGE (adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK));
  CHANGE (adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT));
  CHANGE (sm_canvas_set_arrangement (canvas, "power-interest"));
  CHANGE (sm_canvas_set_arrangement (canvas, "map"));
#undef CHANGE

  /* A new size: the window draws itself while it is laid out, so the
   * picture may be drawn already; it is the new size's. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), <, 700);
  gtk_widget_set_size_request (GTK_WIDGET (canvas), 700, 520);
  {
    /* The window grows when the display server says so: on a busy
     * machine that can take longer than one spin. */
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    do
      spin ();
    while (gtk_widget_get_width (GTK_WIDGET (canvas)) != 700 && g_get_monotonic_time () < deadline);
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), ==, 700);
  assert_exact (fixture);
  g_assert_cmpint (_sm_canvas_test_get_frame_kind (canvas), !=, SM_CANVAS_FRAME_SHIFTED);
}

int
main (int    argc,
      char **argv)
{
  /* --hidpi: the same tests at device scale 2 (X11 reads GDK_SCALE). */
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--hidpi") == 0)
      {
        g_setenv ("GDK_SCALE", "2", TRUE);
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        break;
      }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autofree char *pan = g_strdup_printf ("/ui/canvas-frames/pan/%u", seed);
      g_autofree char *zoom = g_strdup_printf ("/ui/canvas-frames/zoom/%u", seed);

      g_test_add (pan, Fixture, GUINT_TO_POINTER (seed), setup, test_pan, teardown);
      g_test_add (zoom, Fixture, GUINT_TO_POINTER (seed), setup, test_zoom, teardown);
    }
  g_test_add ("/ui/canvas-frames/pan-fractions", Fixture, GUINT_TO_POINTER (6), setup, test_pan_fractions,
              teardown);
  g_test_add ("/ui/canvas-frames/pan-strips", Fixture, GUINT_TO_POINTER (4), setup, test_pan_strips, teardown);
  g_test_add ("/ui/canvas-frames/pan-margin", Fixture, GUINT_TO_POINTER (7), setup, test_pan_margin, teardown);
  g_test_add ("/ui/canvas-frames/zoom-margin", Fixture, GUINT_TO_POINTER (9), setup, test_zoom_margin, teardown);
  g_test_add ("/ui/canvas-frames/hidden", Fixture, GUINT_TO_POINTER (10), setup, test_hidden, teardown);
  g_test_add ("/ui/canvas-frames/pan-margin-idle", Fixture, GUINT_TO_POINTER (8), setup, test_pan_margin_idle,
              teardown);
  g_test_add ("/ui/canvas-frames/invalidate", Fixture, GUINT_TO_POINTER (5), setup, test_invalidate, teardown);
  return g_test_run ();
}

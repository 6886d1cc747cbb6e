/* bench-canvas.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Frames of the real canvas widget, drawn offscreen: what a user waits for
 * when panning and zooming a large map.
 *
 *   bench-canvas FILE [N] [SCALE CENTRE-X CENTRE-Y [KINDS]]
 *
 * Loads FILE into an SmCanvas alone in a 1600 × 1200 window, sets the view
 * (SCALE device pixels a map unit, centred on the map point; without them
 * the canvas's own zoom to fit), and times N frames of each kind:
 *   still  the same view drawn again;
 *   pan    the view moved by 40 pixels (a drag step) before each frame,
 *          PAN_STEPS of them, right and down in turn for the first half
 *          and back for the second, so that the view ends where it began
 *          (the frames after are of the same view), with the main loop
 *          run between them as GTK runs it between the frames of a drag
 *          (the canvas draws its margin then); the view rests before the
 *          first. Also printed: margin_ms, what drawing the margin took
 *          while the view rested, and pan_idle_ms, what the margin took
 *          between steps, the mean a step;
 *   uncovered  the same steps with the margin dropped before each, as in
 *          a drag that outruns it: each frame draws the strip it
 *          uncovers;
 *   zoom   the view zoomed by 10 % around its centre before each frame,
 *          in then out, so as many stakeholders stay in view;
 *   settle the exact frame drawn once a zoom step rests.
 * KINDS, a list such as "pan,settle", times only those (and runs each N
 * times), so that `perf record` of a run sees little else.
 * A frame is the canvas's snapshot (the render node it appends, with the
 * map drawn into it by the core renderer) and that node drawn into a
 * cairo image surface of the canvas's size, as GTK's renderers do with a
 * cairo node before they upload it. The still frames' nodes are also drawn
 * by the window's own GskRenderer into a texture, timed apart ("gsk"):
 * under Xvfb that is software GL, so it says little about a real screen.
 * The main loop does not run between timed frames, so the window does
 * not paint itself on top of what is timed.
 *
 * Runs under a display (xvfb-run, GDK_BACKEND=x11); prints one JSON
 * object, medians in milliseconds. run-bench.py drives it. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-timing.h"
#include "sm-canvas.h"
#include "sm-canvas-private.h"
#include "sm-document.h"
#include "sm-format.h"

#define WINDOW_WIDTH 1600
#define WINDOW_HEIGHT 1200
#define PAN_STEP_PX 40.0
#define PAN_STEPS 16
#define PAN_ZOOM_STEP 1.1

typedef struct
{
  SmCanvas    *canvas;
  GskRenderer *renderer;
  GArray      *frame;    /* snapshot + cairo draw */
  GArray      *snapshot; /* the snapshot alone */
  GArray      *gsk;      /* the window's renderer, to a texture */
} Bench;

/* Lets GTK do what it would between two frames: layout, idles, the
 * window's own redraw (not timed). */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
frame (Bench   *bench,
       gboolean with_gsk)
{
  GtkWidget       *widget = GTK_WIDGET (bench->canvas);
  int              width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkSnapshot     *snapshot;
  GskRenderNode   *node;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           t0, t1, t2;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);

  t0 = now_ms ();
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  t1 = now_ms ();
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_surface_flush (surface);
  t2 = now_ms ();
  samples_add (bench->snapshot, t1 - t0);
  samples_add (bench->frame, t2 - t0);

  if (with_gsk && node != NULL && bench->renderer != NULL)
    {
      graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, width, height);
      GdkTexture     *texture;

      t0 = now_ms ();
      texture = gsk_renderer_render_texture (bench->renderer, node, &viewport);
      t1 = now_ms ();
      samples_add (bench->gsk, t1 - t0);
      g_clear_object (&texture);
    }

  g_clear_pointer (&node, gsk_render_node_unref);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
bench_reset (Bench *bench)
{
  g_array_set_size (bench->frame, 0);
  g_array_set_size (bench->snapshot, 0);
  g_array_set_size (bench->gsk, 0);
}

static void
print_kind (Bench      *bench,
            const char *kind)
{
  printf (", \"%s_ms\": %.2f, \"%s_snapshot_ms\": %.2f", kind, median (bench->frame), kind, median (bench->snapshot));
  if (bench->gsk->len > 0)
    printf (", \"%s_gsk_ms\": %.2f", kind, median (bench->gsk));
  fflush (stdout);
  bench_reset (bench);
}

/* Moves the view for pan step @i of @steps: right and down in turn,
 * then back. */
static void
pan_step (int     i,
          int     steps,
          double  scale,
          double *cx,
          double *cy)
{
  double step = (i < steps / 2 ? PAN_STEP_PX : -PAN_STEP_PX) / scale;

  *cx += i % 2 == 0 ? step : 0;
  *cy += i % 2 == 1 ? step : 0;
}

/* Whether the frames of @kind are timed: all of them unless KINDS was given. */
static gboolean
wanted (GStrv       kinds,
        const char *kind)
{
  return kinds == NULL || g_strv_contains ((const char *const *) kinds, kind);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gsk = g_array_new (FALSE, FALSE, sizeof (double));
  Bench      bench = { NULL, NULL, frames, snapshots, gsk };
  GtkWidget *window;
  g_auto(GStrv) kinds = NULL;
  double scale, cx, cy;
  int    runs;

  if (argc < 2 || argc == 4 || argc == 5 || argc > 7)
    {
      fprintf (stderr, "usage: bench-canvas FILE [RUNS] [SCALE CENTRE-X CENTRE-Y [KINDS]]\n");
      return 2;
    }
  runs = argc > 2 ? MAX (atoi (argv[2]), 1) : 5;
  if (argc == 7)
    kinds = g_strsplit (argv[6], ",", -1);

  gtk_init ();
  adw_init ();

  file = g_file_new_for_commandline_arg (argv[1]);
  bytes = sm_format_read_file (file, NULL, &error);
  if (bytes != NULL)
    map = sm_format_load_bytes (bytes, &error);
  if (map == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  document = sm_document_new (map, NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  bench.canvas = SM_CANVAS (sm_canvas_new (document));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bench.canvas));
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 5000 && (gtk_widget_get_width (GTK_WIDGET (bench.canvas)) <= 0 ||
                               !gtk_widget_get_mapped (GTK_WIDGET (bench.canvas)));
       i++)
    {
      settle ();
      g_usleep (1000);
    }
  if (gtk_widget_get_width (GTK_WIDGET (bench.canvas)) <= 0)
    {
      fprintf (stderr, "bench-canvas: the canvas was never given a size (is there a display?)\n");
      return 1;
    }
  bench.renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  if (argc >= 6)
    {
      scale = g_ascii_strtod (argv[3], NULL);
      cx = g_ascii_strtod (argv[4], NULL);
      cy = g_ascii_strtod (argv[5], NULL);
      if (!(scale > 0))
        {
          fprintf (stderr, "bench-canvas: SCALE must be a positive number, not '%s'\n", argv[3]);
          return 2;
        }
      sm_canvas_set_view (bench.canvas, scale, cx, cy);
    }
  else
    sm_canvas_zoom_to_fit (bench.canvas);
  settle ();
  sm_canvas_get_view (bench.canvas, &scale, &cx, &cy);

  printf ("{\"width\": %d, \"height\": %d, \"scale\": %.6g, \"renderer\": \"%s\"",
          gtk_widget_get_width (GTK_WIDGET (bench.canvas)), gtk_widget_get_height (GTK_WIDGET (bench.canvas)), scale,
          bench.renderer != NULL ? G_OBJECT_TYPE_NAME (bench.renderer) : "none");
  fflush (stdout);

  /* The first frame builds what later frames reuse (text layouts, the
   * index): it is what opening the map costs, not a frame. Drawn
   * afresh: the window has drawn itself, and the canvas keeps that. */
  _sm_canvas_redraw (bench.canvas);
  frame (&bench, FALSE);
  printf (", \"first_ms\": %.2f", median (bench.frame));
  bench_reset (&bench);

  for (int i = 0; i < runs && wanted (kinds, "still"); i++)
    frame (&bench, TRUE);
  if (wanted (kinds, "still"))
    print_kind (&bench, "still");

  for (int i = 0; i < runs && wanted (kinds, "fresh"); i++)
    {
      _sm_canvas_redraw (bench.canvas);
      frame (&bench, FALSE);
    }
  if (wanted (kinds, "fresh"))
    print_kind (&bench, "fresh");

  if (wanted (kinds, "pan"))
    {
      double idle = 0;
      int    steps = MAX (runs, PAN_STEPS);

      /* The view rests: the margin is drawn. */
      _sm_canvas_test_take_margin_ms (bench.canvas);
      settle ();
      printf (", \"margin_ms\": %.2f", _sm_canvas_test_take_margin_ms (bench.canvas));
      for (int i = 0; i < steps; i++)
        {
          pan_step (i, steps, scale, &cx, &cy);
          sm_canvas_set_view (bench.canvas, scale, cx, cy);
          frame (&bench, FALSE);
          settle ();
          idle += _sm_canvas_test_take_margin_ms (bench.canvas);
        }
      printf (", \"pan_idle_ms\": %.2f", idle / steps);
      print_kind (&bench, "pan");
    }

  for (int i = 0, steps = MAX (runs, PAN_STEPS); i < steps && wanted (kinds, "uncovered"); i++)
    {
      pan_step (i, steps, scale, &cx, &cy);
      sm_canvas_set_view (bench.canvas, scale, cx, cy);
      _sm_canvas_test_drop_margin (bench.canvas);
      frame (&bench, FALSE);
    }
  if (wanted (kinds, "uncovered"))
    print_kind (&bench, "uncovered");

  for (int i = 0; i < runs && wanted (kinds, "zoom"); i++)
    {
      /* In for the first half, out for the second. */
      scale = i < (runs + 1) / 2 ? scale * PAN_ZOOM_STEP : scale / PAN_ZOOM_STEP;
      sm_canvas_set_view (bench.canvas, scale, cx, cy);
      frame (&bench, FALSE);
    }
  if (wanted (kinds, "zoom"))
    print_kind (&bench, "zoom");

  for (int i = 0; i < runs && wanted (kinds, "settle"); i++)
    {
      GArray *kept = bench.frame;
      g_autoptr(GArray) untimed = g_array_new (FALSE, FALSE, sizeof (double));

      /* A zoom step, its frame not timed, then the rest. */
      scale = i % 2 == 0 ? scale * PAN_ZOOM_STEP : scale / PAN_ZOOM_STEP;
      sm_canvas_set_view (bench.canvas, scale, cx, cy);
      bench.frame = untimed;
      frame (&bench, FALSE);
      bench.frame = kept;
      g_array_set_size (bench.snapshot, 0);
      _sm_canvas_test_settle (bench.canvas);
      frame (&bench, FALSE);
    }
  if (wanted (kinds, "settle"))
    print_kind (&bench, "settle");
  printf ("}\n");

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  return 0;
}

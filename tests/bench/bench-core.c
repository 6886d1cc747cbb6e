/* bench-core.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-timing.h"
#include "sm-evaluate.h"
#include "sm-export-private.h"
#include "sm-format.h"
#include "sm-graph.h"
#include "sm-layout.h"
#include "sm-metrics.h"
#include "sm-render.h"

/* Times the core on one file and prints milliseconds, the median of N
 * runs (5 unless given); where two things are compared they alternate
 * (ours, theirs, ours, theirs…) so both meet the same load:
 *   bench-core load FILE [N]     our loader (parse + validate + build)
 *                                and a bare json-glib parse of the same bytes
 *   bench-core load FILE N ours  our loader alone, from the file; prints the
 *                                heap the loaded map holds
 *   bench-core save FILE [N]     writing the project file, alternating
 *                                with loading it (for the save/load ratio)
 *   bench-core metrics FILE [N]  degree, betweenness, components,
 *                                articulation points, communities
 *   bench-core evaluate FILE [N] all 27 rules, principle scores and
 *                                the summary (principles.md §5–§7)
 *   bench-core render FILE [N] [OUT.png]
 *                                the whole map fitted to a 1600 × 1200
 *                                image with background and legend, as an
 *                                export draws it; also the first frame of
 *                                a 1600 × 1200 view at natural size on the
 *                                map's centre (what the canvas draws)
 *   bench-core png FILE [N]      encoding the 2,000 px picture of the
 *                                map as PNG: Stakemap's encoder beside
 *                                cairo's (time and size)
 *   bench-core arrange FILE [N] [layout|draw] [VIEW]
 *                                for each arrangement in
 *                                sm_arrangements_get_all(), or VIEW's
 *                                alone ("ladder", for perf record):
 *                                switching to it and fitting it to
 *                                1600 × 1200 (the layout), then drawing
 *                                that fitted view (not with "layout":
 *                                its time is then -1)
 *   bench-core frames FILE [N] [IN-VIEW]
 *                                canvas frames through the renderer, as
 *                                the canvas draws them (no background, no
 *                                legend) in a 1600 × 1200 view: the whole
 *                                map fitted, and, with IN-VIEW, a view
 *                                zoomed on the map's middle so about
 *                                IN-VIEW stakeholders are in it (the zoom
 *                                is found from the map's density; the
 *                                count in view is printed)
 *   bench-core tidy FILE [N] [OUT]
 *                                Tidy Up of the whole map, median of N;
 *                                crossings and stress before and after
 *                                (OUT: the tidy map written there)
 *   bench-core layout-quality FILE PLAIN
 *                                crossings and stress of the positions in
 *                                Graphviz -Tplain output for the same ids
 * Output is one JSON object (tidy and layout-quality: one line of words
 * and numbers). run-bench.py (build-aux/dev bench) drives it
 * beside the peers and prints the table for docs/performance.md;
 * compare-builds.py runs two builds of it side by side. */

/* Stress from at most this many sources (all pairs up to this size). */
#define TIDY_STRESS_SOURCES 1000

#define VIEW_WIDTH 1600
#define VIEW_HEIGHT 1200

static cairo_status_t
count_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static SmMap *
load_or_die (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_format_load_bytes (bytes, &error);

  if (map == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  return map;
}

/* Our loader alone, from the file as the app and stakemap-cli read it, so
 * the peak memory of the process is the loader's: and the heap the loaded
 * map holds. */
static int
bench_load_file (GFile *file,
                 int    runs)
{
  g_autoptr(GArray) ours = samples_new ();
  size_t model = 0;

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SmMap) map = NULL;
      size_t before = mallinfo2 ().uordblks;
      double t0 = now_ms ();

      map = sm_format_load_file (file, NULL, &error);
      samples_add (ours, now_ms () - t0);
      if (map == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      model = mallinfo2 ().uordblks - before;
    }
  printf ("{\"stakemap_load_ms\": %.2f, \"model_heap_bytes\": %zu}\n", median (ours), model);
  return 0;
}

static int
bench_load (GBytes *bytes,
            int     runs)
{
  g_autoptr(GArray) ours = samples_new ();
  g_autoptr(GArray) jsonglib = samples_new ();
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < runs; i++)
    {
      double t0 = now_ms ();
      g_autoptr(SmMap) map = load_or_die (bytes);
      g_autoptr(JsonParser) parser = NULL;

      samples_add (ours, now_ms () - t0);
      g_clear_object (&map);

      t0 = now_ms ();
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      samples_add (jsonglib, now_ms () - t0);
    }
  printf ("{\"stakemap_load_ms\": %.2f, \"jsonglib_parse_ms\": %.2f}\n", median (ours), median (jsonglib));
  return 0;
}

static int
bench_save (GBytes *bytes,
            int     runs)
{
  g_autoptr(GArray) load = samples_new ();
  g_autoptr(GArray) save = samples_new ();

  for (int i = 0; i < runs; i++)
    {
      double t0 = now_ms ();
      g_autoptr(SmMap) map = load_or_die (bytes);
      g_autoptr(GBytes) out = NULL;

      samples_add (load, now_ms () - t0);
      t0 = now_ms ();
      out = sm_format_save_to_bytes (map);
      samples_add (save, now_ms () - t0);
    }
  printf ("{\"stakemap_save_ms\": %.2f, \"stakemap_load_ms\": %.2f}\n", median (save), median (load));
  return 0;
}

static int
bench_metrics (GBytes *bytes,
               int     runs)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(GArray) samples = samples_new ();

  for (int i = 0; i < runs; i++)
    {
      double t0;
      g_autoptr(SmMetrics) metrics = NULL;

      /* Each run measures betweenness afresh, not the one remembered. */
      sm_graph_clear_betweenness_cache ();
      t0 = now_ms ();
      metrics = sm_metrics_compute (map, FALSE);

      samples_add (samples, now_ms () - t0);
    }
  printf ("{\"stakemap_metrics_ms\": %.2f}\n", median (samples));
  return 0;
}

static int
bench_evaluate (GBytes *bytes,
                int     runs)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(GArray) samples = samples_new ();

  for (int i = 0; i < runs; i++)
    {
      double t0;
      g_autoptr(SmEvaluation) eval = NULL;

      sm_graph_clear_betweenness_cache ();
      t0 = now_ms ();
      eval = sm_evaluate (map, NULL, SM_LENS_NONE);

      samples_add (samples, now_ms () - t0);
    }
  printf ("{\"stakemap_evaluate_ms\": %.2f}\n", median (samples));
  return 0;
}

static int
bench_png (GBytes *bytes,
           int     runs)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ours = samples_new ();
  g_autoptr(GArray) theirs = samples_new ();
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
  g_autoptr(SmImage) picture = NULL;
  double           width, height;
  gsize            ours_size = 0, cairo_size = 0;
  cairo_surface_t *surface;
  cairo_t         *cr;

  image.width = 2000;
  picture = sm_image_new (map, &options, &error);
  if (picture == NULL || !sm_image_get_size (picture, &width, &height, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (surface);
  sm_image_draw (picture, cr);
  cairo_destroy (cr);
  for (int i = 0; i < runs; i++)
    {
      double t0 = now_ms ();
      g_autoptr(GBytes) png = _sm_export_encode_png (surface, FALSE, 96, NULL);

      samples_add (ours, now_ms () - t0);
      ours_size = g_bytes_get_size (png);
      cairo_size = 0;
      t0 = now_ms ();
      cairo_surface_write_to_png_stream (surface, count_cb, &cairo_size);
      samples_add (theirs, now_ms () - t0);
    }
  cairo_surface_destroy (surface);
  printf ("{\"stakemap_png_ms\": %.2f, \"stakemap_png_bytes\": %" G_GSIZE_FORMAT ", \"cairo_png_ms\": %.2f, "
          "\"cairo_png_bytes\": %" G_GSIZE_FORMAT "}\n",
          median (ours), ours_size, median (theirs), cairo_size);
  return 0;
}

/* One frame drawn into @surface, cleared first (not timed): milliseconds. */
static double
time_frame (SmRenderer          *renderer,
            cairo_surface_t     *surface,
            const SmViewport    *viewport,
            const SmRenderState *state)
{
  cairo_t *cr = cairo_create (surface);
  double   t0, ms;

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_surface_flush (surface);
  t0 = now_ms ();
  sm_renderer_draw (renderer, cr, viewport, state);
  cairo_surface_flush (surface);
  ms = now_ms () - t0;
  cairo_destroy (cr);
  return ms;
}

static int
bench_render (GBytes     *bytes,
              int         runs,
              const char *png_path)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(SmRenderer) renderer = NULL;
  g_autoptr(GArray) fit_samples = samples_new ();
  g_autoptr(GArray) view_samples = samples_new ();
  SmRenderState    state = { SM_RENDER_BACKGROUND | SM_RENDER_LEGEND };
  SmViewport       fit, view;
  double           t0;
  cairo_surface_t *surface;
  guint            drawn_view;

  t0 = now_ms ();
  renderer = sm_renderer_new (map);
  sm_renderer_fit_viewport (renderer, VIEW_WIDTH, VIEW_HEIGHT, 24, state.flags, &fit);
  printf ("{\"stakemap_index_ms\": %.2f, ", now_ms () - t0);

  view = fit;
  view.scale = 1.0;
  view.x = fit.x + fit.width / fit.scale / 2 - VIEW_WIDTH / 2;
  view.y = fit.y + fit.height / fit.scale / 2 - VIEW_HEIGHT / 2;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  for (int i = 0; i < runs; i++)
    samples_add (view_samples, time_frame (renderer, surface, &view, &state));
  drawn_view = sm_renderer_get_drawn_count (renderer);
  for (int i = 0; i < runs; i++)
    samples_add (fit_samples, time_frame (renderer, surface, &fit, &state));
  if (png_path != NULL)
    cairo_surface_write_to_png (surface, png_path);
  cairo_surface_destroy (surface);
  printf ("\"stakemap_render_ms\": %.2f, \"stakemap_view_ms\": %.2f, \"view_drawn\": %u}\n", median (fit_samples),
          median (view_samples), drawn_view);
  return 0;
}

/* How many stakeholders have their centre in a 1600 × 1200 view at @scale
 * centred on (@cx, @cy). */
static guint
count_in_view (SmRenderer *renderer,
               double      scale,
               double      cx,
               double      cy)
{
  double w = VIEW_WIDTH / scale, h = VIEW_HEIGHT / scale;
  g_autoptr(GPtrArray) in_view = sm_renderer_stakeholders_in_rect (renderer, cx - w / 2, cy - h / 2, w, h);

  return in_view->len;
}

/* The zoom (a scale at least @fit_scale) at which a view centred on
 * (@cx, @cy) holds the count nearest @target. Fewer are in view as the
 * view zooms in, so a bisection on the logarithm of the scale finds it. */
static double
scale_for_count (SmRenderer *renderer,
                 double      fit_scale,
                 double      cx,
                 double      cy,
                 guint       target)
{
  double lo = log (fit_scale), hi = log (fit_scale * 1e4), best = fit_scale;
  guint  best_error = G_MAXUINT;

  for (int i = 0; i < 60; i++)
    {
      double mid = (lo + hi) / 2;
      guint  count = count_in_view (renderer, exp (mid), cx, cy);
      guint  error = count > target ? count - target : target - count;

      if (error < best_error)
        best_error = error, best = exp (mid);
      if (count > target)
        lo = mid;
      else if (count < target)
        hi = mid;
      else
        break;
    }
  return best;
}

static int
bench_frames (GBytes *bytes,
              int     runs,
              guint   target)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  g_autoptr(GArray) fit_samples = samples_new ();
  g_autoptr(GArray) zoom_samples = samples_new ();
  SmRenderState    state = { SM_RENDER_NONE };
  SmViewport       fit, zoom;
  cairo_surface_t *surface;
  guint            fit_drawn;

  sm_renderer_fit_viewport (renderer, VIEW_WIDTH, VIEW_HEIGHT, 24, state.flags, &fit);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  for (int i = 0; i < runs; i++)
    samples_add (fit_samples, time_frame (renderer, surface, &fit, &state));
  fit_drawn = sm_renderer_get_drawn_count (renderer);
  printf ("{\"fit_ms\": %.2f, \"fit_drawn\": %u, \"fit_scale\": %.6g, \"fit_cx\": %.6g, \"fit_cy\": %.6g",
          median (fit_samples), fit_drawn, fit.scale, fit.x + fit.width / fit.scale / 2,
          fit.y + fit.height / fit.scale / 2);

  if (target > 0)
    {
      double cx = fit.x + fit.width / fit.scale / 2, cy = fit.y + fit.height / fit.scale / 2;
      double scale = scale_for_count (renderer, fit.scale, cx, cy, target);

      zoom.scale = scale;
      zoom.width = VIEW_WIDTH;
      zoom.height = VIEW_HEIGHT;
      zoom.x = cx - VIEW_WIDTH / scale / 2;
      zoom.y = cy - VIEW_HEIGHT / scale / 2;
      for (int i = 0; i < runs; i++)
        samples_add (zoom_samples, time_frame (renderer, surface, &zoom, &state));
      printf (", \"zoom_ms\": %.2f, \"zoom_in_view\": %u, \"zoom_drawn\": %u, \"zoom_visited\": %u, "
              "\"zoom_scale\": %.6g, \"zoom_cx\": %.6g, \"zoom_cy\": %.6g",
              median (zoom_samples), count_in_view (renderer, scale, cx, cy), sm_renderer_get_drawn_count (renderer),
              sm_renderer_get_visited_count (renderer), scale, cx, cy);
    }
  printf ("}\n");
  cairo_surface_destroy (surface);
  return 0;
}

static int
bench_arrange (GBytes     *bytes,
               int         runs,
               gboolean    draw_too,
               const char *only)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  SmRenderState                   state = { SM_RENDER_BACKGROUND | SM_RENDER_LEGEND };
  guint                           n_arrangements;
  const SmArrangementInfo *const *arrangements = sm_arrangements_get_all (&n_arrangements);
  cairo_surface_t                *surface;

  if (only != NULL && sm_arrangement_find (only) == NULL)
    {
      fprintf (stderr, "bench-core: no view \"%s\"\n", only);
      return 2;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  printf ("{");
  for (guint a = 0, printed = 0; a < n_arrangements; a++)
    {
      g_autoptr(GArray) layout = samples_new ();
      g_autoptr(GArray) draw = samples_new ();

      if (only != NULL && g_strcmp0 (sm_arrangement_info_get_id (arrangements[a]), only) != 0)
        continue;
      for (int i = 0; i < runs; i++)
        {
          SmViewport fit;
          double     t0;

          /* From another arrangement, so each run lays out afresh. */
          sm_renderer_set_arrangement_info (renderer, arrangements[a == 0 ? 1 : 0]);
          sm_renderer_fit_viewport (renderer, VIEW_WIDTH, VIEW_HEIGHT, 24, state.flags, &fit);
          t0 = now_ms ();
          sm_renderer_set_arrangement_info (renderer, arrangements[a]);
          sm_renderer_fit_viewport (renderer, VIEW_WIDTH, VIEW_HEIGHT, 24, state.flags, &fit);
          samples_add (layout, now_ms () - t0);
          if (draw_too)
            samples_add (draw, time_frame (renderer, surface, &fit, &state));
        }
      printf ("%s\"%s\": [%.2f, %.2f]", printed++ > 0 ? ", " : "", sm_arrangement_info_get_id (arrangements[a]),
              median (layout), draw_too ? median (draw) : -1.0);
      fflush (stdout);
    }
  printf ("}\n");
  cairo_surface_destroy (surface);
  return 0;
}

/* Tidy Up of the whole map, as the app runs it (the renderer's boxes,
 * nobody pinned): the median of N runs, then crossings and stress (from
 * at most TIDY_STRESS_SOURCES sources) before and after. */
static int
bench_tidy (GBytes     *bytes,
            int         runs,
            const char *out_path)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  g_autoptr(GArray) samples = samples_new ();
  g_autofree SmLayoutBox *boxes = sm_renderer_dup_layout_boxes (renderer);
  guint                   n = sm_collection_get_size (sm_map_get_stakeholders (map));
  g_autofree double      *x = g_new (double, MAX (n, 1));
  g_autofree double      *y = g_new (double, MAX (n, 1));

  for (int i = 0; i < runs; i++)
    {
      double t0 = now_ms ();

      sm_layout_tidy (map, NULL, boxes, x, y);
      samples_add (samples, now_ms () - t0);
    }
  printf ("tidy %.1f crossings-before %u crossings-after %u stress-before %.6g stress-after %.6g\n",
          median (samples), sm_layout_count_crossings (map, NULL, NULL), sm_layout_count_crossings (map, x, y),
          sm_layout_measure_stress (map, NULL, NULL, TIDY_STRESS_SOURCES),
          sm_layout_measure_stress (map, x, y, TIDY_STRESS_SOURCES));
  if (out_path != NULL)
    {
      /* The tidy positions written into a copy of the map. */
      g_autoptr(SmCommand) tidy = sm_layout_tidy_command_new (map, NULL, boxes);
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GError) error = NULL;

      if (tidy != NULL)
        sm_command_apply (tidy, map);
      out = sm_format_save_to_bytes (map);
      if (!g_file_set_contents (out_path, g_bytes_get_data (out, NULL), g_bytes_get_size (out), &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

/* Another tool's layout of the same map, from Graphviz -Tplain ("node ID
 * X Y …" lines), judged by the same measures. */
static int
bench_layout_quality (GBytes     *bytes,
                      const char *plain_path)
{
  g_autoptr(SmMap) map = load_or_die (bytes);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char   *plain = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_auto (GStrv) lines = NULL;
  SmCollection *people = sm_map_get_stakeholders (map);
  guint         n = sm_collection_get_size (people), found = 0;

  if (!g_file_get_contents (plain_path, &plain, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  x = g_new0 (double, MAX (n, 1));
  y = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index, (char *) sm_record_get_id (sm_collection_get (people, i)), GUINT_TO_POINTER (i + 1));
  lines = g_strsplit (plain, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto (GStrv) fields = NULL;
      guint i;

      if (!g_str_has_prefix (lines[l], "node ") || !g_shell_parse_argv (lines[l], NULL, &fields, NULL) ||
          g_strv_length (fields) < 4)
        continue;
      i = GPOINTER_TO_UINT (g_hash_table_lookup (index, fields[1]));
      if (i == 0)
        continue;
      /* Inches to points; the measures do not depend on the scale. */
      x[i - 1] = g_ascii_strtod (fields[2], NULL) * 72;
      y[i - 1] = -g_ascii_strtod (fields[3], NULL) * 72;
      found++;
    }
  if (found != n)
    {
      fprintf (stderr, "%s: %u of %u stakeholders have a position\n", plain_path, found, n);
      return 1;
    }
  printf ("crossings %u stress %.6g\n", sm_layout_count_crossings (map, x, y),
          sm_layout_measure_stress (map, x, y, TIDY_STRESS_SOURCES));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *command;
  int         runs;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-core load|save|metrics|evaluate|render|png|arrange|frames|tidy|layout-quality FILE [RUNS] [ARG]\n");
      return 2;
    }
  command = argv[1];
  runs = argc > 3 ? MAX (atoi (argv[3]), 1) : 5;
  file = g_file_new_for_commandline_arg (argv[2]);
  if (strcmp (command, "load") == 0 && argc > 4 && strcmp (argv[4], "ours") == 0)
    return bench_load_file (file, runs);
  bytes = sm_format_read_file (file, NULL, &error);
  if (bytes == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  if (strcmp (command, "load") == 0)
    return bench_load (bytes, runs);
  if (strcmp (command, "save") == 0)
    return bench_save (bytes, runs);
  if (strcmp (command, "metrics") == 0)
    return bench_metrics (bytes, runs);
  if (strcmp (command, "evaluate") == 0)
    return bench_evaluate (bytes, runs);
  if (strcmp (command, "png") == 0)
    return bench_png (bytes, runs);
  if (strcmp (command, "render") == 0)
    return bench_render (bytes, runs, argc > 4 ? argv[4] : NULL);
  if (strcmp (command, "frames") == 0)
    return bench_frames (bytes, runs, argc > 4 ? (guint) atoi (argv[4]) : 0);
  if (strcmp (command, "arrange") == 0)
    return bench_arrange (bytes, runs, !(argc > 4 && strcmp (argv[4], "layout") == 0), argc > 5 ? argv[5] : NULL);

  if (strcmp (command, "tidy") == 0)
    return bench_tidy (bytes, runs, argc > 4 ? argv[4] : NULL);
  if (strcmp (command, "layout-quality") == 0 && argc > 3)
    return bench_layout_quality (bytes, argv[3]);

  fprintf (stderr, "bench-core: unknown command '%s'\n", command);
  return 2;
}

/* bench-core.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sm-evaluate.h"
#include "sm-export-private.h"
#include "sm-format.h"
#include "sm-metrics.h"
#include "sm-render.h"

/* Times the core on one file and prints milliseconds, best of N runs:
 *   bench-core load FILE [N]     our loader (parse + validate + build)
 *                                and a bare json-glib parse of the same bytes
 *   bench-core save FILE [N]     writing the project file
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
 *   bench-core arrange FILE [N]  for each arrangement in
 *                                sm_arrangements_get_all(): switching
 *                                to it and fitting it to 1600 × 1200 (the
 *                                layout), then drawing that fitted view
 *   bench-core tidy FILE [N] [OUT]
 *                                Tidy Up of the whole map, median of N;
 *                                crossings and stress before and after
 *                                (OUT: the tidy map written there)
 *   bench-core layout-quality FILE PLAIN
 *                                crossings and stress of the positions in
 *                                Graphviz -Tplain output for the same ids
 * run-bench.py drives it beside networkx and prints the table in
 * docs/performance.md. */

/* Stress from at most this many sources (all pairs up to this size). */
#define TIDY_STRESS_SOURCES 1000

static cairo_status_t
count_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int runs;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-core load|save|metrics|evaluate|render|png|arrange FILE [RUNS] [OUT.png]\n");
      return 2;
    }
  runs = argc > 3 ? atoi (argv[3]) : 5;
  file = g_file_new_for_commandline_arg (argv[2]);
  bytes = sm_format_read_file (file, NULL, &error);
  if (bytes == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  if (strcmp (argv[1], "load") == 0)
    {
      double best_ours = G_MAXDOUBLE, best_jsonglib = G_MAXDOUBLE;

      for (int i = 0; i < runs; i++)
        {
          double t0 = now_ms ();
          g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
          double t1;
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (map == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          t1 = now_ms ();
          best_ours = MIN (best_ours, t1 - t0);

          t0 = now_ms ();
          if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          t1 = now_ms ();
          best_jsonglib = MIN (best_jsonglib, t1 - t0);
        }
      printf ("{\"stakemap_load_ms\": %.2f, \"jsonglib_parse_ms\": %.2f}\n", best_ours, best_jsonglib);
    }
  else if (strcmp (argv[1], "save") == 0)
    {
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      double best = G_MAXDOUBLE;

      if (map == NULL)
        return 1;
      for (int i = 0; i < runs; i++)
        {
          double t0 = now_ms ();
          g_autoptr(GBytes) out = sm_format_save_to_bytes (map);
          best = MIN (best, now_ms () - t0);
        }
      printf ("{\"stakemap_save_ms\": %.2f}\n", best);
    }
  else if (strcmp (argv[1], "metrics") == 0)
    {
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      double best = G_MAXDOUBLE;

      if (map == NULL)
        return 1;
      for (int i = 0; i < runs; i++)
        {
          double t0 = now_ms ();
          g_autoptr(SmMetrics) metrics = sm_metrics_compute (map, FALSE);
          best = MIN (best, now_ms () - t0);
        }
      printf ("{\"stakemap_metrics_ms\": %.2f}\n", best);
    }
  else if (strcmp (argv[1], "evaluate") == 0)
    {
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      double best = G_MAXDOUBLE;

      if (map == NULL)
        return 1;
      for (int i = 0; i < runs; i++)
        {
          double t0 = now_ms ();
          g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);
          best = MIN (best, now_ms () - t0);
        }
      printf ("{\"stakemap_evaluate_ms\": %.2f}\n", best);
    }
  else if (strcmp (argv[1], "png") == 0)
    {
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
      SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
      g_autoptr(SmImage) picture = NULL;
      double           width, height, best_ours = G_MAXDOUBLE, best_cairo = G_MAXDOUBLE;
      gsize            ours_size = 0, cairo_size = 0;
      cairo_surface_t *surface;
      cairo_t         *cr;

      if (map == NULL)
        return 1;
      image.width = 2000;
      picture = sm_image_new (map, &options, &error);
      if (picture == NULL || !sm_image_get_size (picture, &width, &height, &error))
        return 1;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
      cr = cairo_create (surface);
      sm_image_draw (picture, cr);
      cairo_destroy (cr);
      for (int i = 0; i < runs; i++)
        {
          double t0 = now_ms ();
          g_autoptr(GBytes) png = _sm_export_encode_png (surface, FALSE, 96, NULL);

          best_ours = MIN (best_ours, now_ms () - t0);
          ours_size = g_bytes_get_size (png);
          cairo_size = 0;
          t0 = now_ms ();
          cairo_surface_write_to_png_stream (surface, count_cb, &cairo_size);
          best_cairo = MIN (best_cairo, now_ms () - t0);
        }
      cairo_surface_destroy (surface);
      printf ("{\"stakemap_png_ms\": %.2f, \"stakemap_png_bytes\": %" G_GSIZE_FORMAT ", \"cairo_png_ms\": %.2f, "
              "\"cairo_png_bytes\": %" G_GSIZE_FORMAT "}\n",
              best_ours, ours_size, best_cairo, cairo_size);
    }
  else if (strcmp (argv[1], "render") == 0)
    {
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      g_autoptr(SmRenderer) renderer = NULL;
      SmRenderState    state = { SM_RENDER_BACKGROUND | SM_RENDER_LEGEND };
      SmViewport       fit, view;
      double           best_fit = G_MAXDOUBLE, best_view = G_MAXDOUBLE, t0;
      cairo_surface_t *surface;
      guint            drawn_view;

      if (map == NULL)
        return 1;
      t0 = now_ms ();
      renderer = sm_renderer_new (map);
      sm_renderer_fit_viewport (renderer, 1600, 1200, 24, state.flags, &fit);
      printf ("{\"stakemap_index_ms\": %.2f, ", now_ms () - t0);

      view = fit;
      view.scale = 1.0;
      view.x = fit.x + fit.width / fit.scale / 2 - 800;
      view.y = fit.y + fit.height / fit.scale / 2 - 600;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
      for (int i = 0; i < runs; i++)
        {
          cairo_t *cr = cairo_create (surface);

          t0 = now_ms ();
          sm_renderer_draw (renderer, cr, &view, &state);
          cairo_surface_flush (surface);
          best_view = MIN (best_view, now_ms () - t0);
          cairo_destroy (cr);
        }
      drawn_view = sm_renderer_get_drawn_count (renderer);
      for (int i = 0; i < runs; i++)
        {
          cairo_t *cr = cairo_create (surface);

          t0 = now_ms ();
          sm_renderer_draw (renderer, cr, &fit, &state);
          cairo_surface_flush (surface);
          best_fit = MIN (best_fit, now_ms () - t0);
          cairo_destroy (cr);
        }
      if (argc > 4)
        cairo_surface_write_to_png (surface, argv[4]);
      cairo_surface_destroy (surface);
      printf ("\"stakemap_render_ms\": %.2f, \"stakemap_view_ms\": %.2f, \"view_drawn\": %u}\n",
              best_fit, best_view, drawn_view);
    }
  else if (strcmp (argv[1], "arrange") == 0)
    {
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      g_autoptr(SmRenderer) renderer = NULL;
      SmRenderState    state = { SM_RENDER_BACKGROUND | SM_RENDER_LEGEND };
      cairo_surface_t *surface;

      if (map == NULL)
        return 1;
      renderer = sm_renderer_new (map);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
      printf ("{");
      guint                           n_arrangements;
      const SmArrangementInfo *const *arrangements = sm_arrangements_get_all (&n_arrangements);

      for (guint a = 0; a < n_arrangements; a++)
        {
          double best_layout = G_MAXDOUBLE, best_draw = G_MAXDOUBLE, t0;

          for (int i = 0; i < runs; i++)
            {
              SmViewport fit;
              cairo_t   *cr;

              /* From another arrangement, so each run lays out afresh. */
              sm_renderer_set_arrangement_info (renderer, arrangements[a == 0 ? 1 : 0]);
              sm_renderer_fit_viewport (renderer, 1600, 1200, 24, state.flags, &fit);
              t0 = now_ms ();
              sm_renderer_set_arrangement_info (renderer, arrangements[a]);
              sm_renderer_fit_viewport (renderer, 1600, 1200, 24, state.flags, &fit);
              best_layout = MIN (best_layout, now_ms () - t0);

              cr = cairo_create (surface);
              t0 = now_ms ();
              sm_renderer_draw (renderer, cr, &fit, &state);
              cairo_surface_flush (surface);
              best_draw = MIN (best_draw, now_ms () - t0);
              cairo_destroy (cr);
            }
          printf ("%s\"%s\": [%.2f, %.2f]", a > 0 ? ", " : "", sm_arrangement_info_get_id (arrangements[a]), best_layout,
                  best_draw);
        }
      printf ("}\n");
      cairo_surface_destroy (surface);
    }
  else if (strcmp (argv[1], "tidy") == 0)
    {
      /* Tidy Up of the whole map, as the app runs it (the renderer's
       * boxes, nobody pinned): the median of N runs, then crossings and
       * stress (from at most TIDY_STRESS_SOURCES sources) before and
       * after. */
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      g_autoptr(SmRenderer) renderer = NULL;
      g_autofree SmLayoutBox *boxes = NULL;
      g_autofree double      *x = NULL;
      g_autofree double      *y = NULL;
      g_autofree double      *times = NULL;
      guint                   n;

      if (map == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      runs = MAX (runs, 1);
      n = sm_collection_get_size (sm_map_get_stakeholders (map));
      renderer = sm_renderer_new (map);
      boxes = sm_renderer_dup_layout_boxes (renderer);
      x = g_new (double, MAX (n, 1));
      y = g_new (double, MAX (n, 1));
      times = g_new (double, runs);
      for (int i = 0; i < runs; i++)
        {
          double t0 = now_ms ();

          sm_layout_tidy (map, NULL, boxes, x, y);
          times[i] = now_ms () - t0;
        }
      for (int i = 1; i < runs; i++)
        for (int j = i; j > 0 && times[j - 1] > times[j]; j--)
          {
            double swap = times[j];

            times[j] = times[j - 1];
            times[j - 1] = swap;
          }
      printf ("tidy %.1f crossings-before %u crossings-after %u stress-before %.6g stress-after %.6g\n",
              runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2,
              sm_layout_count_crossings (map, NULL, NULL), sm_layout_count_crossings (map, x, y),
              sm_layout_measure_stress (map, NULL, NULL, TIDY_STRESS_SOURCES),
              sm_layout_measure_stress (map, x, y, TIDY_STRESS_SOURCES));
      if (argc > 4)
        {
          /* The tidy positions written into a copy of the map. */
          g_autoptr(SmCommand) tidy = sm_layout_tidy_command_new (map, NULL, boxes);
          g_autoptr(GBytes) out = NULL;

          if (tidy != NULL)
            sm_command_apply (tidy, map);
          out = sm_format_save_to_bytes (map);
          if (!g_file_set_contents (argv[4], g_bytes_get_data (out, NULL), g_bytes_get_size (out), &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
        }
    }
  else if (strcmp (argv[1], "layout-quality") == 0 && argc > 3)
    {
      /* Another tool's layout of the same map, from Graphviz -Tplain
       * ("node ID X Y …" lines), judged by the same measures. */
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
      g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char   *plain = NULL;
      g_autofree double *x = NULL;
      g_autofree double *y = NULL;
      g_auto (GStrv) lines = NULL;
      SmCollection *people;
      guint         n, found = 0;

      if (map == NULL || !g_file_get_contents (argv[3], &plain, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      people = sm_map_get_stakeholders (map);
      n = sm_collection_get_size (people);
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
          fprintf (stderr, "%s: %u of %u stakeholders have a position\n", argv[3], found, n);
          return 1;
        }
      printf ("crossings %u stress %.6g\n", sm_layout_count_crossings (map, x, y),
              sm_layout_measure_stress (map, x, y, TIDY_STRESS_SOURCES));
    }
  else
    return 2;

  return 0;
}

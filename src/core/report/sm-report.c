/* sm-report.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The evaluation report: gathering what it says, laying it out section
 * by section in the chosen version, and writing it as PDF or HTML. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-command.h"
#include "sm-easy-read.h"
#include "sm-file-writer.h"
#include "sm-format.h"
#include "sm-labels.h"
#include "sm-report-private.h"
#include "sm-sources.h"

/* Every footer says "Page 3 of 9", so the pages are counted before they
 * are drawn: the report is laid out once, what each page draws kept (the
 * lines of text, with their layouts, and the drawings), and drawn once
 * the pages are counted, as a second pass would (sm-report-page.c).
 * Laying text out is most of a report's work. Text flows line by line,
 * so a long paragraph or list breaks across pages instead of running off
 * one.
 *
 * Consent (DQ-05) is handled once, at the start: the report is made from a
 * copy of the map in which every individual who has not agreed to be
 * named is called "Participant N", as every output calls them
 * (sm_public_names_new()). The rules, their messages and the
 * drawn map then only ever see that name. Free text the group wrote (the
 * purpose, responses, reasons) is searched for the hidden names too. */

/* Writing */

typedef void (*Section) (SmReport *r);

/* Section by section, so a cancelled report stops at the next one and a
 * progress moves as they are written. */
void
_sm_report_put_sections (SmReport *r)
{
  static const Section easy_read[] = { _sm_report_put_easy_intro, _sm_report_put_map, _sm_report_put_easy_principles, _sm_report_put_easy_ending, NULL };
  static const Section plain[] = { _sm_report_put_title_block, _sm_report_put_profile, _sm_report_put_map, _sm_report_put_findings,
                                   _sm_report_put_threshold_changes, _sm_report_put_sources, NULL };
  static const Section full[] = { _sm_report_put_title_block, _sm_report_put_profile, _sm_report_put_map, _sm_report_put_findings,
                                  _sm_report_put_thresholds, _sm_report_put_sources, NULL };
  const Section       *sections;
  guint                n = 0;

  switch (r->style)
    {
    case SM_REPORT_EASY_READ:
      sections = easy_read;
      break;
    case SM_REPORT_PLAIN:
      sections = plain;
      break;
    case SM_REPORT_FULL:
    default:
      sections = full;
      break;
    }
  while (sections[n] != NULL)
    n++;
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (r->cancellable))
        return;
      sm_progress_update (r->progress, r->pass_start + (r->pass_end - r->pass_start) * i / n,
                          _ ("Writing the report…"));
      sections[i](r);
    }
}

const char *
_sm_report_style_title (SmReportStyle style)
{
  switch (style)
    {
    case SM_REPORT_PLAIN:
      return _ ("Co-production evaluation report (plain language)");
    case SM_REPORT_EASY_READ:
      return _ ("Co-production evaluation report (easy read)");
    case SM_REPORT_FULL:
    default:
      return _ ("Co-production evaluation report");
    }
}

/* Lay the pages out once, keeping what they draw, or (for tests) twice. */
static gboolean two_passes;

void
_sm_report_set_two_passes (gboolean two)
{
  two_passes = two;
}

typedef enum
{
  PASS_COUNT, /* lay the pages out to count them */
  PASS_DRAW,  /* lay them out again and draw them */
  PASS_ONCE,  /* lay them out, keeping what they draw; draw it once counted */
} Pass;

static cairo_status_t
draw_report (SmReport          *r,
             Pass               pass,
             cairo_write_func_t write,
             void              *closure)
{
  cairo_status_t   status;
  g_autofree char *title = _sm_report_scrub (r, sm_map_get_title (r->map));

  r->page_width = PAGE_WIDTH;
  r->page_height = PAGE_HEIGHT;
  /* Counting the pages needs only the type's measures, which the context
   * below fixes whatever the surface: nothing is drawn. */
  r->counting = pass == PASS_COUNT;
  r->recording = pass == PASS_ONCE;
  if (r->counting)
    r->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  else
    {
      r->surface = cairo_pdf_surface_create_for_stream (write, closure, r->page_width, r->page_height);
      cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_TITLE,
                                      *title != '\0' ? title : _ ("Evaluation report"));
      cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_SUBJECT, _sm_report_style_title (r->style));
      cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_CREATOR, "Stakemap " PACKAGE_VERSION);
      cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_CREATE_DATE, r->created);
      cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_MOD_DATE, r->created);
    }
  r->cr = cairo_create (r->surface);
  if (r->context == NULL)
    r->context = _sm_report_context_new (pango_cairo_font_map_get_default ());
  r->scratch = pango_layout_new (r->context);
  /* While recording, each text gets a layout of its own (r->layout). */
  r->layout = r->recording ? NULL : r->scratch;
  r->marker = pango_layout_new (r->context);
  r->aside = pango_layout_new (r->context);
  if (r->recording)
    r->ops = _sm_report_ops_new ();

  r->page = 1;
  r->y = MARGIN;
  r->blank = TRUE;
  r->outline = CAIRO_PDF_OUTLINE_ROOT;
  cairo_set_source_rgb (r->cr, 0.1, 0.1, 0.1);
  _sm_report_begin_page (r);

  /* The findings' long paragraphs are laid out on the other cores while
   * the sections before them are written. */
  if (r->recording && r->style != SM_REPORT_EASY_READ)
    _sm_report_put_findings_ahead (r);
  _sm_report_put_sections (r);
  if (r->recording && !g_cancellable_is_cancelled (r->cancellable))
    {
      /* The pages are counted: draw them as a second pass would. */
      g_clear_object (&r->layout);
      r->recording = FALSE;
      r->n_pages = r->page;
      r->page = 1;
      r->page_width = PAGE_WIDTH;
      r->page_height = PAGE_HEIGHT;
      r->pass_start = r->pass_end;
      r->pass_end = 1.0;
      _sm_report_play (r);
    }
  _sm_report_finish_page (r);

  if (r->recording)
    g_clear_object (&r->layout);
  r->layout = NULL;
  r->recording = FALSE;
  g_clear_pointer (&r->ahead, g_hash_table_unref);
  g_clear_pointer (&r->workers, _sm_report_workers_free);
  /* What the pages drew is let go in report_clear(), with the map. */
  g_clear_object (&r->scratch);
  g_clear_object (&r->marker);
  g_clear_object (&r->aside);
  cairo_destroy (r->cr);
  r->cr = NULL;
  cairo_surface_finish (r->surface);
  status = cairo_surface_status (r->surface);
  cairo_surface_destroy (r->surface);
  r->surface = NULL;
  return status;
}

static gpointer
drop_map_thread (gpointer data)
{
  g_object_unref (data);
  return NULL;
}

static void
report_clear (SmReport *r)
{
  GThread *dropping = NULL;

  g_clear_object (&r->renderer);
  g_clear_pointer (&r->eval, sm_evaluation_free);
  /* On a large map, letting go of the copy of the map and of the layouts
   * the pages drew each take tens of milliseconds: the copy goes on
   * another thread meanwhile (nothing else holds it, and it shares
   * nothing with the original). */
  if (r->map != NULL && r->ops != NULL)
    dropping = g_thread_new ("sm-report-drop", drop_map_thread, g_steal_pointer (&r->map));
  g_clear_pointer (&r->ops, _sm_report_ops_free);
  g_clear_object (&r->map);
  g_clear_pointer (&r->map_config, sm_eval_config_free);
  g_clear_pointer (&r->responses, g_ptr_array_unref);
  g_clear_pointer (&r->log, g_ptr_array_unref);
  g_clear_pointer (&r->config, sm_eval_config_free);
  g_clear_pointer (&r->names, sm_public_names_free);
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&r->fonts[i], pango_font_description_free);
  g_clear_object (&r->context);
  if (r->html != NULL)
    g_string_free (r->html, TRUE);
  r->html = NULL;
  g_free (r->date);
  g_free (r->long_date);
  g_free (r->created);
  g_free (r->footer);
  if (dropping != NULL)
    g_thread_join (dropping);
}

/**
 * sm_report_make:
 * @map: the map
 * @options: (nullable): what report to make; NULL for a full PDF
 * @error: return location for an error
 *
 * Makes the evaluation report of @map. The same map, options and date
 * give the same bytes.
 *
 * Returns: (transfer full): the PDF or HTML, or NULL with @error set
 */
GBytes *
sm_report_make (SmMap                 *map,
                const SmReportOptions *options,
                GError               **error)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return sm_report_make_full (map, options, NULL, NULL, error);
}

static gboolean
report_cancelled (SmReport *r,
                  GError  **error)
{
  if (!g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return FALSE;
  report_clear (r);
  return TRUE;
}

/**
 * sm_report_make_full:
 * @cancellable: (nullable): stops the report between two steps (and
 *   inside the network measures of its evaluation)
 * @progress: (nullable): told how far it has got
 *
 * sm_report_make() for long work, on any thread: @map must not change
 * while it runs (give it a sm_map_copy() of the window's map). Nothing is
 * written anywhere: the caller writes the bytes once they are whole.
 *
 * Returns: (transfer full): the PDF or HTML, or NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when cancelled)
 */
GBytes *
sm_report_make_full (SmMap                 *map,
                     const SmReportOptions *options,
                     GCancellable          *cancellable,
                     SmProgress            *progress,
                     GError               **error)
{
  static const SmReportOptions defaults = { 0 };
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GByteArray) pdf = NULL;
  g_autofree char *title = NULL;
  cairo_status_t   status;
  SmReport         r = { 0 };

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail (options->style <= SM_REPORT_EASY_READ, NULL);
  g_return_val_if_fail (options->format <= SM_REPORT_HTML, NULL);

  when = options->now != NULL ? g_date_time_ref (options->now) : g_date_time_new_now_local ();
  utc = g_date_time_to_utc (when);

  r.style = options->style;
  r.format = options->format;
  r.hide_people = (options->names & SM_PUBLIC_NAMES_HIDE_PEOPLE) != 0;
  r.original = map;
  r.cancellable = cancellable;
  r.progress = progress;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  sm_progress_update (progress, 0.0, _ ("Reading the map…"));
  r.date = g_date_time_format (when, "%Y-%m-%d");
  r.long_date = g_date_time_format (when, "%-d %B %Y");
  if (!_sm_report_make_copy (&r, error))
    {
      report_clear (&r);
      return NULL;
    }

  r.map_config = sm_map_dup_eval_config (map);
  /* DQ-04 counts the map's age to the day of the report. */
  r.config = sm_eval_config_copy (options->config != NULL ? options->config : r.map_config);
  r.responses = sm_map_dup_responses (map, NULL);
  r.log = sm_map_dup_threshold_log (map);
  if (r.responses == NULL)
    r.responses = g_ptr_array_new ();
  if (r.log == NULL)
    r.log = g_ptr_array_new ();
  sm_eval_config_set_today (r.config, r.date, NULL);
  if (report_cancelled (&r, error))
    return NULL;
  /* The evaluation is most of the work on a large map. */
  sm_progress_push_range (progress, 0.05, 0.70);
  r.eval = sm_evaluate_full (r.map, r.config, options->lens, cancellable, progress, NULL);
  sm_progress_pop_range (progress);
  if (r.eval == NULL)
    {
      /* sm_evaluate_full() fails only when cancelled. */
      g_cancellable_set_error_if_cancelled (cancellable, error);
      report_clear (&r);
      return NULL;
    }
  r.renderer = sm_renderer_new (r.map);
  r.created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  title = _sm_report_scrub (&r, sm_map_get_title (r.map));
  r.footer = g_strdup_printf (_ ("%s — evaluation report, %s"),
                              *title != '\0' ? title : _ ("Untitled map"), r.date);

  if (r.format == SM_REPORT_HTML)
    {
      GBytes *html;

      r.pass_start = 0.70;
      r.pass_end = 1.0;
      _sm_report_write_html (&r);
      if (report_cancelled (&r, error))
        return NULL;
      html = g_bytes_new (r.html->str, r.html->len);
      report_clear (&r);
      return html;
    }

  for (guint i = 0; i < N_STYLES; i++)
    {
      r.fonts[i] = pango_font_description_from_string (FONT_FAMILY);
      pango_font_description_set_absolute_size (r.fonts[i], sm_report_sizes[r.style][i] * PANGO_SCALE);
      pango_font_description_set_weight (r.fonts[i], sm_report_styles[i].weight);
    }

  pdf = g_byte_array_new ();
  r.pass_start = 0.70;
  r.pass_end = 0.85;
  if (!two_passes)
    status = draw_report (&r, PASS_ONCE, _sm_report_append_cb, pdf);
  else
    {
      /* First count the pages, then write them. */
      status = draw_report (&r, PASS_COUNT, NULL, NULL);
      if (report_cancelled (&r, error))
        return NULL;
      if (status == CAIRO_STATUS_SUCCESS)
        {
          r.n_pages = r.page;
          r.pass_start = 0.85;
          r.pass_end = 1.0;
          status = draw_report (&r, PASS_DRAW, _sm_report_append_cb, pdf);
        }
    }
  if (report_cancelled (&r, error))
    return NULL;
  report_clear (&r);
  sm_progress_update (progress, 1.0, NULL);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not make the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * sm_report_write:
 * @map: the map
 * @options: (nullable): what report to make; NULL for a full PDF
 * @path: where to write it
 * @error: return location for an error
 *
 * Writes the evaluation report of @map to @path, safely (see
 * sm-file-writer.h): a failure leaves any earlier file as it was.
 */
gboolean
sm_report_write (SmMap                 *map,
                 const SmReportOptions *options,
                 const char            *path,
                 GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = sm_report_make (map, options, error);
  if (bytes == NULL)
    return FALSE;

  file = g_file_new_for_path (path);
  if (!sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   _ ("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *const style_names[] = {
  [SM_REPORT_FULL] = "full",
  [SM_REPORT_PLAIN] = "plain",
  [SM_REPORT_EASY_READ] = "easy-read",
};

const char *
sm_report_style_to_string (SmReportStyle style)
{
  g_return_val_if_fail (style <= SM_REPORT_EASY_READ, NULL);
  return style_names[style];
}

gboolean
sm_report_style_from_string (const char    *name,
                             SmReportStyle *style)
{
  for (guint i = 0; i < G_N_ELEMENTS (style_names); i++)
    if (g_strcmp0 (name, style_names[i]) == 0)
      {
        if (style != NULL)
          *style = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
sm_report_format_for_path (const char     *path,
                           SmReportFormat *format)
{
  g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;
  SmReportFormat   found;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".pdf"))
    found = SM_REPORT_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    found = SM_REPORT_HTML;
  else
    return FALSE;
  if (format != NULL)
    *format = found;
  return TRUE;
}

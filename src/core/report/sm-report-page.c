/* sm-report-page.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The page flow of the PDF version: type, pages, and the blocks the
 * sections are made of (paragraphs, lists, headings, callouts, table
 * rows), each written as PDF or handed to the HTML page. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-report-private.h"

/* Spacing is for the full report's 10 pt body; the other versions scale
 * it with their type. */
const SmReportTextStyleInfo sm_report_styles[N_STYLES] = {
  [STYLE_BODY] = { PANGO_WEIGHT_NORMAL, 0, 4, "p" },
  [STYLE_SMALL] = { PANGO_WEIGHT_NORMAL, 0, 3, "p class=\"small\"" },
  [STYLE_TITLE] = { PANGO_WEIGHT_BOLD, 0, 10, "h1" },
  [STYLE_H1] = { PANGO_WEIGHT_BOLD, 16, 8, "h2" },
  [STYLE_H2] = { PANGO_WEIGHT_BOLD, 14, 5, "h3" },
  [STYLE_H3] = { PANGO_WEIGHT_BOLD, 10, 3, "h4" },
  [STYLE_FOOTER] = { PANGO_WEIGHT_NORMAL, 0, 0, "p" },
};

/* Type sizes in points: body, small, title, h1, h2, h3, footer. Easy read
 * wants 14 pt at the least, and more room between lines. */
const double sm_report_sizes[][N_STYLES] = {
  [SM_REPORT_FULL] = { 10.0, 8.5, 22.0, 16.0, 12.5, 10.0, 8.0 },
  [SM_REPORT_PLAIN] = { 11.0, 9.5, 22.0, 17.0, 13.5, 11.0, 8.0 },
  [SM_REPORT_EASY_READ] = { 16.0, 14.0, 28.0, 24.0, 20.0, 16.0, 10.0 },
};

/* Output */

cairo_status_t
_sm_report_append_cb (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The type's measures: points as font units, and the same metrics at
 * any zoom, whatever the surface (nothing is hinted). */
PangoContext *
_sm_report_context_new (PangoFontMap *map)
{
  PangoContext         *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* Pages */

double
_sm_report_content_width (SmReport *r)
{
  return r->page_width - 2 * MARGIN;
}

double
_sm_report_content_bottom (SmReport *r)
{
  return r->page_height - MARGIN;
}

/* Spacing around a block, grown with the type of the version. */
double
_sm_report_style_space (SmReport *r,
                        double    points)
{
  return points * sm_report_sizes[r->style][STYLE_BODY] / sm_report_sizes[SM_REPORT_FULL][STYLE_BODY];
}

/* What the one pass keeps of a page to draw it once the pages are
 * counted: a line of text, a whole layout, a new page, or a drawing. */
typedef enum
{
  OP_LINE,
  OP_LAYOUT,
  OP_PAGE,
  OP_DRAW,
} OpKind;

typedef struct
{
  OpKind           kind;
  double           x, y; /* OP_PAGE: the new page's size */
  PangoLayout     *layout;
  PangoLayoutLine *line; /* the layout's */
  SmReportDrawFunc draw;
  gpointer         data;
  GDestroyNotify   destroy;
} SmReportOp;

GArray *
_sm_report_ops_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (SmReportOp));
}

void
_sm_report_ops_free (GArray *ops)
{
  for (guint i = 0; i < ops->len; i++)
    {
      SmReportOp *op = &g_array_index (ops, SmReportOp, i);

      g_clear_object (&op->layout);
      if (op->destroy != NULL)
        op->destroy (op->data);
    }
  g_array_unref (ops);
}

static void
record (SmReport  *r,
        SmReportOp op)
{
  if (op.layout != NULL)
    g_object_ref (op.layout);
  g_array_append_val (r->ops, op);
}

/* A line of @layout with its baseline's left end at (@x, @y). */
static void
draw_line (SmReport        *r,
           PangoLayout     *layout,
           PangoLayoutLine *line,
           double           x,
           double           y)
{
  if (r->recording)
    record (r, (SmReportOp) { OP_LINE, x, y, layout, line });
  else if (!r->counting)
    {
      cairo_move_to (r->cr, x, y);
      pango_cairo_show_layout_line (r->cr, line);
    }
}

/* All of @layout, its top left at (@x, @y). */
static void
draw_layout (SmReport    *r,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (r->recording)
    record (r, (SmReportOp) { OP_LAYOUT, x, y, layout });
  else if (!r->counting)
    {
      cairo_move_to (r->cr, x, y);
      pango_cairo_show_layout (r->cr, layout);
    }
}

void
_sm_report_draw_later (SmReport        *r,
                       SmReportDrawFunc draw,
                       gpointer         data,
                       GDestroyNotify   destroy)
{
  if (r->recording)
    {
      record (r, (SmReportOp) { OP_DRAW, .draw = draw, .data = data, .destroy = destroy });
      return;
    }
  if (!r->counting)
    draw (r, data);
  if (destroy != NULL)
    destroy (data);
}

/* A new layout for each text while recording, as the pages keep them;
 * otherwise one, laid out again for each text. */
static PangoLayout *
text_layout (SmReport    *r,
             PangoLayout *scratch)
{
  if (!r->recording)
    return scratch;
  g_clear_object (&r->layout);
  r->layout = pango_layout_new (r->context);
  return r->layout;
}

/* Lays @markup out in @width points (lines after a paragraph's first
 * indented by @hang, with a tab stop there), in @font; easy read leaves
 * more room between lines. */
static void
configure_layout (PangoLayout                *layout,
                  const PangoFontDescription *font,
                  gboolean                    easy,
                  double                      width,
                  double                      hang,
                  const char                 *markup)
{
  int w = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  int h = (int) (hang * PANGO_SCALE);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, w);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_line_spacing (layout, easy ? EASY_LINE_SPACING : 0);
  pango_layout_set_indent (layout, -h);
  if (h > 0)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT, h);

      pango_layout_set_tabs (layout, tabs);
      pango_tab_array_free (tabs);
    }
  else
    pango_layout_set_tabs (layout, NULL);
  pango_layout_set_markup (layout, markup, -1);
}

/* The same as r->layout. */
static void
set_layout_hanging (SmReport         *r,
                    SmReportTextStyle style,
                    double            width,
                    double            hang,
                    const char       *markup)
{
  PangoLayout *layout = text_layout (r, r->scratch);

  configure_layout (layout, r->fonts[style], r->style == SM_REPORT_EASY_READ, width, hang, markup);
  r->layout = layout;
}

static void
set_layout (SmReport         *r,
            SmReportTextStyle style,
            double            width,
            const char       *markup)
{
  set_layout_hanging (r, style, width, 0, markup);
}

static double
layout_height (SmReport *r)
{
  PangoRectangle logical;

  pango_layout_get_extents (r->layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

void
_sm_report_finish_page (SmReport *r)
{
  g_autofree char *number = NULL;
  double           baseline = _sm_report_content_bottom (r) + FOOTER_DROP;
  PangoRectangle   logical;
  double           width;

  if (r->cr == NULL || r->counting || r->recording)
    return;
  if (r->n_pages > 0)
    number = g_strdup_printf (_ ("Page %u of %u"), r->page, r->n_pages);
  else
    number = g_strdup_printf (_ ("Page %u"), r->page);

  cairo_save (r->cr);
  cairo_set_source_rgb (r->cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (r->cr, 0.5);
  cairo_move_to (r->cr, MARGIN, _sm_report_content_bottom (r) + 8);
  cairo_line_to (r->cr, r->page_width - MARGIN, _sm_report_content_bottom (r) + 8);
  cairo_stroke (r->cr);

  pango_layout_set_font_description (r->aside, r->fonts[STYLE_FOOTER]);
  pango_layout_set_width (r->aside, -1);
  pango_layout_set_ellipsize (r->aside, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (r->aside, number, -1);
  pango_layout_get_extents (r->aside, NULL, &logical);
  width = (double) logical.width / PANGO_SCALE;
  cairo_move_to (r->cr, r->page_width - MARGIN - width, baseline);
  pango_cairo_show_layout_line (r->cr, pango_layout_get_line_readonly (r->aside, 0));

  pango_layout_set_width (r->aside, (int) ((_sm_report_content_width (r) - width - 24) * PANGO_SCALE));
  pango_layout_set_ellipsize (r->aside, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (r->aside, r->footer, -1);
  cairo_move_to (r->cr, MARGIN, baseline);
  pango_cairo_show_layout_line (r->cr, pango_layout_get_line_readonly (r->aside, 0));
  cairo_restore (r->cr);
}

/* A page starts white. Drawn, the white takes in the whole page at once,
 * so cairo's PDF writer, which gathers the parts of a page that each
 * drawing covers, finds every later one already inside it instead of
 * adding thousands of glyph runs' boxes one by one. */
void
_sm_report_begin_page (SmReport *r)
{
  if (r->counting || r->recording || r->html != NULL)
    return;
  cairo_save (r->cr);
  cairo_set_source_rgb (r->cr, 1, 1, 1);
  cairo_paint (r->cr);
  cairo_restore (r->cr);
}

static void
turn_page (SmReport *r,
           double    width,
           double    height)
{
  _sm_report_finish_page (r);
  r->page++;
  r->page_width = width;
  r->page_height = height;
  if (r->recording)
    record (r, (SmReportOp) { OP_PAGE, width, height });
  else if (!r->counting)
    {
      cairo_show_page (r->cr);
      cairo_pdf_surface_set_size (r->surface, r->page_width, r->page_height);
      _sm_report_begin_page (r);
    }
}

/* A new page; in HTML, where there are no pages, nothing. */
void
_sm_report_new_page (SmReport *r,
                     gboolean  landscape)
{
  if (r->html != NULL)
    return;
  turn_page (r, landscape ? PAGE_HEIGHT : PAGE_WIDTH, landscape ? PAGE_WIDTH : PAGE_HEIGHT);
  r->y = MARGIN;
  r->blank = TRUE;
}

/* Draws what the one pass kept, now that the pages are counted: the same
 * drawing, in the same order, as a second pass would make. */
void
_sm_report_play (SmReport *r)
{
  g_assert (!r->recording && !r->counting);

  _sm_report_begin_page (r);
  for (guint i = 0; i < r->ops->len; i++)
    {
      SmReportOp *op = &g_array_index (r->ops, SmReportOp, i);

      switch (op->kind)
        {
        case OP_LINE:
          draw_line (r, op->layout, op->line, op->x, op->y);
          break;
        case OP_LAYOUT:
          draw_layout (r, op->layout, op->x, op->y);
          break;
        case OP_PAGE:
          turn_page (r, op->x, op->y);
          sm_progress_update (r->progress, r->pass_start + (r->pass_end - r->pass_start) * r->page / MAX (r->n_pages, 1),
                              _ ("Writing the report…"));
          break;
        case OP_DRAW:
          op->draw (r, op->data);
          break;
        }
      if (op->kind == OP_PAGE && g_cancellable_is_cancelled (r->cancellable))
        return;
    }
}

/* Room for @height more points, or a new page. */
void
_sm_report_keep (SmReport *r,
                 double    height)
{
  if (r->html == NULL && !r->blank && r->y + height > _sm_report_content_bottom (r))
    _sm_report_new_page (r, FALSE);
}

void
_sm_report_space (SmReport *r,
                  double    height)
{
  if (!r->blank)
    r->y += _sm_report_style_space (r, height);
}

typedef struct
{
  PangoLayoutLine *line; /* the layout's */
  double           x, y, height, baseline;
  int              start; /* its first byte in the layout's text */
} Line;

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray          *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle extents;
      Line           line;

      pango_layout_iter_get_line_extents (iter, NULL, &extents);
      line.x = (double) extents.x / PANGO_SCALE;
      line.y = (double) extents.y / PANGO_SCALE;
      line.height = (double) extents.height / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      line.line = pango_layout_iter_get_line_readonly (iter);
      line.start = line.line->start_index;
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

/* Draws lines [@first, @last) of the layout at @x, breaking pages between
 * lines. @marker, when given, is markup drawn before the first line at
 * @marker_x (a bullet, or easy read's symbol). A short paragraph is not
 * worth splitting: one line alone at the foot or the top of a page is
 * harder to read than a shorter page. While the pages are counted,
 * nothing is drawn. */
static void
flow_lines (SmReport   *r,
            GArray     *lines,
            guint       first,
            guint       last,
            double      x,
            const char *marker,
            double      marker_x)
{
  const Line *top_line = &g_array_index (lines, Line, first);
  const Line *last_line = &g_array_index (lines, Line, last - 1);
  double      top = top_line->y; /* the layout's y at the top of this page's part */
  double      end = top;

  if (last_line->y + last_line->height - top <= _sm_report_style_space (r, SHORT_PARAGRAPH))
    _sm_report_keep (r, last_line->y + last_line->height - top);

  for (guint i = first; i < last; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);

      if (r->y + (line->y - top) + line->height > _sm_report_content_bottom (r) && !(r->blank && line->y == top))
        {
          r->y += line->y - top;
          _sm_report_new_page (r, FALSE);
          top = line->y;
        }
      if (!r->counting)
        {
          draw_line (r, r->layout, line->line, x + line->x, r->y + line->baseline - top);
          if (i == first && marker != NULL)
            {
              PangoLayout *layout = r->recording ? pango_layout_new (r->context) : g_object_ref (r->marker);

              pango_layout_set_font_description (layout, pango_layout_get_font_description (r->layout));
              pango_layout_set_markup (layout, marker, -1);
              draw_line (r, layout, pango_layout_get_line_readonly (layout, 0), marker_x, r->y + line->baseline - top);
              g_object_unref (layout);
            }
        }
      end = line->y + line->height;
      r->blank = FALSE;
    }
  r->y += end - top;
}

/* Draws the layout at @x, a line at a time, breaking pages between lines. */
static void
flow (SmReport   *r,
      double      x,
      const char *marker,
      double      marker_x)
{
  g_autoptr(GArray) lines = layout_lines (r->layout);

  flow_lines (r, lines, 0, lines->len, x, marker, marker_x);
}

/* One paragraph of markup, indented by @indent. */
void
_sm_report_put_markup (SmReport         *r,
                       SmReportTextStyle style,
                       double            indent,
                       const char       *markup)
{
  if (r->html != NULL)
    {
      _sm_report_html_block (r, sm_report_styles[style].html, markup);
      return;
    }
  _sm_report_space (r, sm_report_styles[style].before);
  set_layout (r, style, _sm_report_content_width (r) - indent, markup);
  flow (r, MARGIN + indent, NULL, 0);
  r->y += _sm_report_style_space (r, sm_report_styles[style].after);
}

/* "Label: text" as markup, the label in bold; both scrubbed of hidden
 * names. */
static char *
label_markup (SmReport   *r,
              const char *label,
              const char *text)
{
  g_autofree char *clean = _sm_report_scrub (r, text);

  if (label != NULL)
    return g_markup_printf_escaped ("<b>%s</b> %s", label, clean);
  return g_markup_escape_text (clean, -1);
}

static gboolean put_ahead (SmReport         *r,
                           SmReportTextStyle style,
                           double            indent,
                           const char       *label,
                           const char       *text);

/* "Label: text", the label in bold; both scrubbed of hidden names. */
void
_sm_report_put (SmReport         *r,
                SmReportTextStyle style,
                double            indent,
                const char       *label,
                const char       *text)
{
  g_autofree char *markup = NULL;

  if (put_ahead (r, style, indent, label, text))
    return;
  markup = label_markup (r, label, text);
  _sm_report_put_markup (r, style, indent, markup);
}

/* An item of a list. @marker is markup drawn in the margin (NULL: a
 * bullet); easy read puts a symbol there, as easy-read documents put a
 * picture beside each point. */
void
_sm_report_put_item (SmReport         *r,
                     SmReportTextStyle style,
                     double            indent,
                     const char       *marker,
                     const char       *markup)
{
  double hang = r->style == SM_REPORT_EASY_READ ? EASY_INDENT : BULLET_INDENT;

  if (r->html != NULL)
    {
      if (r->in_table)
        _sm_report_html_close (r);
      if (!r->in_list)
        g_string_append_printf (r->html, "<ul%s>\n", marker != NULL ? " class=\"marked\"" : "");
      r->in_list = TRUE;
      g_string_append (r->html, "<li>");
      if (marker != NULL)
        {
          g_string_append (r->html, "<span class=\"mark\" aria-hidden=\"true\">");
          _sm_report_append_markup_as_html (r->html, marker);
          g_string_append (r->html, "</span> ");
        }
      _sm_report_append_markup_as_html (r->html, markup);
      g_string_append (r->html, "</li>\n");
      return;
    }
  set_layout (r, style, _sm_report_content_width (r) - indent - hang, markup);
  flow (r, MARGIN + indent + hang, marker != NULL ? marker : "•", MARGIN + indent);
  r->y += _sm_report_style_space (r, r->style == SM_REPORT_EASY_READ ? 6 : 1.5);
}

/* Items of a list as one text: the bullet and a tab before each item. */
static char *
bullets_text (const char *const *items,
              guint              n_items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_items; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, "•\t");
      /* A break inside an item stays inside it (U+2028), under its text. */
      for (const char *p = items[i]; *p != '\0'; p++)
        if (*p == '\n')
          g_string_append (text, "\xe2\x80\xa8");
        else if (*p != '\r')
          g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* Flows the @lines of r->layout, a list laid out by bullets_text(), item
 * by item, as _sm_report_put_item() would. */
static void
flow_bullets (SmReport *r,
              double    indent,
              GArray   *lines)
{
  const char *plain = pango_layout_get_text (r->layout);
  guint       first = 0;

  for (guint i = 1; i <= lines->len; i++)
    if (i == lines->len || plain[g_array_index (lines, Line, i).start - 1] == '\n')
      {
        flow_lines (r, lines, first, i, MARGIN + indent, NULL, 0);
        r->y += _sm_report_style_space (r, r->style == SM_REPORT_EASY_READ ? 6 : 1.5);
        first = i;
      }
}

/* Long lists laid out on the other cores, while recording. A layout is
 * made in a Pango context of the thread that makes it, never touched by
 * two threads at once: the worker lays it out and measures its lines,
 * then hands it to the report's thread, which only flows those lines and
 * keeps the layout to draw once the pages are counted. The text is laid
 * out as it would be in the report's own context, so the pages are the
 * same. */

#define BULLETS_PER_LAYOUT 64

typedef struct
{
  char        *text;
  PangoLayout *layout; /* once laid out */
  GArray      *lines;
  gboolean     done; /* under the batch's lock */
} Part;

typedef struct
{
  const PangoFontDescription *font;
  gboolean                    easy;
  double                      width, hang;
  Part                       *parts;
  guint                       n_parts;
  int                         next; /* the next part to lay out, taken atomically */
  GMutex                      lock;
  GCond                       done;
} Batch;

static void
batch_clear (gpointer data)
{
  Batch *batch = data;

  for (guint i = 0; i < batch->n_parts; i++)
    {
      g_free (batch->parts[i].text);
      g_clear_object (&batch->parts[i].layout);
      g_clear_pointer (&batch->parts[i].lines, g_array_unref);
    }
  g_free (batch->parts);
  g_mutex_clear (&batch->lock);
  g_cond_clear (&batch->done);
}

static void
batch_unref (Batch *batch)
{
  g_atomic_rc_box_release_full (batch, batch_clear);
}

/* Lays out parts until none is left to take. FALSE when there was none. */
static gboolean
batch_work (Batch        *batch,
            PangoContext *context)
{
  guint        i = (guint) g_atomic_int_add (&batch->next, 1);
  PangoLayout *layout;
  GArray      *lines;

  if (i >= batch->n_parts)
    return FALSE;
  layout = pango_layout_new (context);
  configure_layout (layout, batch->font, batch->easy, batch->width, batch->hang, batch->parts[i].text);
  lines = layout_lines (layout);
  g_mutex_lock (&batch->lock);
  batch->parts[i].layout = layout;
  batch->parts[i].lines = lines;
  batch->parts[i].done = TRUE;
  g_cond_broadcast (&batch->done);
  g_mutex_unlock (&batch->lock);
  return TRUE;
}

struct _SmReportWorkers
{
  GAsyncQueue *queue; /* of Batch, each with a reference for its worker */
  GPtrArray   *threads;
};

static Batch stop_working;

static gpointer
worker_main (gpointer data)
{
  GAsyncQueue  *queue = data;
  PangoFontMap *map = pango_cairo_font_map_new ();
  PangoContext *context = _sm_report_context_new (map);
  Batch        *batch;

  while ((batch = g_async_queue_pop (queue)) != &stop_working)
    {
      while (batch_work (batch, context))
        ;
      batch_unref (batch);
    }
  g_object_unref (context);
  g_object_unref (map);
  g_async_queue_unref (queue);
  return NULL;
}

static int n_workers = -1;

void
_sm_report_set_n_workers (int n)
{
  n_workers = n;
}

/* Workers on all cores but this one's (up to three), or NULL on one core. */
static SmReportWorkers *
workers_new (void)
{
  guint            n = n_workers >= 0 ? (guint) n_workers : MIN (g_get_num_processors (), 4) - 1;
  SmReportWorkers *workers;

  if (n == 0)
    return NULL;
  workers = g_new (SmReportWorkers, 1);
  workers->queue = g_async_queue_new ();
  workers->threads = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (workers->threads, g_thread_new ("sm-report-layout", worker_main, g_async_queue_ref (workers->queue)));
  return workers;
}

void
_sm_report_workers_free (SmReportWorkers *workers)
{
  for (guint i = 0; i < workers->threads->len; i++)
    g_async_queue_push (workers->queue, &stop_working);
  for (guint i = 0; i < workers->threads->len; i++)
    g_thread_join (g_ptr_array_index (workers->threads, i));
  g_ptr_array_unref (workers->threads);
  g_async_queue_unref (workers->queue);
  g_free (workers);
}

/* Hands @batch to the workers: to as many as it has parts. */
static void
batch_push (SmReport *r,
            Batch    *batch)
{
  for (guint i = 0; i < MIN (batch->n_parts, r->workers->threads->len); i++)
    g_async_queue_push (r->workers->queue, g_atomic_rc_box_acquire (batch));
}

/* Makes part @i of @batch r->layout, with its @lines: laid out on this
 * thread if no worker has taken it yet, or once the worker that took it
 * is done. (This thread lays out the parts after it too, while it waits,
 * if nobody has taken them.) */
static void
batch_take (SmReport *r,
            Batch    *batch,
            guint     i,
            GArray  **lines)
{
  Part *part = &batch->parts[i];

  g_mutex_lock (&batch->lock);
  while (!part->done)
    {
      g_mutex_unlock (&batch->lock);
      if (!batch_work (batch, r->context))
        {
          g_mutex_lock (&batch->lock);
          while (!part->done)
            g_cond_wait (&batch->done, &batch->lock);
          break;
        }
      g_mutex_lock (&batch->lock);
    }
  g_clear_object (&r->layout);
  r->layout = g_steal_pointer (&part->layout);
  *lines = g_steal_pointer (&part->lines);
  g_mutex_unlock (&batch->lock);
}

/* Lays out the parts of a long list on the workers and this thread, and
 * flows them in order as each is ready. */
static void
put_bullets_on_workers (SmReport          *r,
                        SmReportTextStyle  style,
                        double             indent,
                        const char *const *items,
                        guint              n_items)
{
  double hang = r->style == SM_REPORT_EASY_READ ? EASY_INDENT : BULLET_INDENT;
  Batch *batch = g_atomic_rc_box_new0 (Batch);

  batch->font = r->fonts[style];
  batch->easy = r->style == SM_REPORT_EASY_READ;
  batch->width = _sm_report_content_width (r) - indent;
  batch->hang = hang;
  batch->n_parts = (n_items + BULLETS_PER_LAYOUT - 1) / BULLETS_PER_LAYOUT;
  batch->parts = g_new0 (Part, batch->n_parts);
  for (guint i = 0; i < batch->n_parts; i++)
    batch->parts[i].text = bullets_text (items + i * BULLETS_PER_LAYOUT,
                                         MIN (BULLETS_PER_LAYOUT, n_items - i * BULLETS_PER_LAYOUT));
  g_mutex_init (&batch->lock);
  g_cond_init (&batch->done);
  batch_push (r, batch);

  for (guint i = 0; i < batch->n_parts; i++)
    {
      g_autoptr(GArray) lines = NULL;

      batch_take (r, batch, i, &lines);
      flow_bullets (r, indent, lines);
    }
  batch_unref (batch);
}

/* Long paragraphs laid out ahead, while recording. A finding's message
 * or its data gaps can run to hundreds of thousands of characters on a
 * large map, one paragraph that only one thread can lay out. Handed to
 * the workers before the flow reaches them, they are laid out while this
 * thread writes what comes before; _sm_report_put() then takes the layout
 * and its lines (or, if no worker has started it, lays it out itself, the
 * same way). */

#define AHEAD_MIN_BYTES 2048

static guint n_put_ahead; /* atomically */

guint
_sm_report_get_n_put_ahead (void)
{
  return (guint) g_atomic_int_get (&n_put_ahead);
}

typedef struct
{
  Batch            *batch; /* of one part: the paragraph's markup */
  SmReportTextStyle style;
  double            indent;
} Ahead;

/* Frees @data, a paragraph laid out ahead; if no worker has started it
 * (the report was cancelled, or the paragraph not reached), none will. */
static void
ahead_free (gpointer data)
{
  Ahead *ahead = data;

  g_atomic_int_set (&ahead->batch->next, (int) ahead->batch->n_parts);
  batch_unref (ahead->batch);
  g_free (ahead);
}

/* What a paragraph is found by: its label and text, before scrubbing. */
static char *
ahead_key (const char *label,
           const char *text)
{
  return g_strconcat (label != NULL ? "1" : "0", label != NULL ? label : "", "\x1f", text, NULL);
}

/* Has "@label @text", as _sm_report_put() will put it with @style and
 * @indent, laid out on a worker now, if it is long and there are
 * workers. A text given twice is laid out ahead once. */
void
_sm_report_put_ahead (SmReport         *r,
                      SmReportTextStyle style,
                      double            indent,
                      const char       *label,
                      const char       *text)
{
  g_autofree char *key = NULL;
  Batch           *batch;
  Ahead           *ahead;

  if (!r->recording || text == NULL || strlen (text) < AHEAD_MIN_BYTES)
    return;
  if (r->workers == NULL)
    r->workers = workers_new ();
  if (r->workers == NULL)
    return;
  if (r->ahead == NULL)
    r->ahead = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ahead_free);
  key = ahead_key (label, text);
  if (g_hash_table_contains (r->ahead, key))
    return;

  batch = g_atomic_rc_box_new0 (Batch);
  batch->font = r->fonts[style];
  batch->easy = r->style == SM_REPORT_EASY_READ;
  batch->width = _sm_report_content_width (r) - indent;
  batch->n_parts = 1;
  batch->parts = g_new0 (Part, 1);
  batch->parts[0].text = label_markup (r, label, text);
  g_mutex_init (&batch->lock);
  g_cond_init (&batch->done);
  batch_push (r, batch);

  ahead = g_new (Ahead, 1);
  ahead->batch = batch;
  ahead->style = style;
  ahead->indent = indent;
  g_hash_table_insert (r->ahead, g_steal_pointer (&key), ahead);
}

/* Puts "@label @text" as _sm_report_put_markup() would, if it was laid
 * out ahead for the same style and width. FALSE when it was not. */
static gboolean
put_ahead (SmReport         *r,
           SmReportTextStyle style,
           double            indent,
           const char       *label,
           const char       *text)
{
  g_autofree char *key = NULL;
  g_autoptr(GArray) lines = NULL;
  gpointer stolen_key, found;
  Ahead   *ahead;
  gboolean same;

  if (r->ahead == NULL || !r->recording || text == NULL || strlen (text) < AHEAD_MIN_BYTES)
    return FALSE;
  key = ahead_key (label, text);
  if (!g_hash_table_steal_extended (r->ahead, key, &stolen_key, &found))
    return FALSE;
  g_free (stolen_key);
  ahead = found;
  same = ahead->style == style && ahead->indent == indent &&
         ahead->batch->width == _sm_report_content_width (r) - indent;
  if (same)
    {
      _sm_report_space (r, sm_report_styles[style].before);
      batch_take (r, ahead->batch, 0, &lines);
      flow_lines (r, lines, 0, lines->len, MARGIN + indent, NULL, 0);
      r->y += _sm_report_style_space (r, sm_report_styles[style].after);
      g_atomic_int_inc (&n_put_ahead);
    }
  ahead_free (ahead);
  return same;
}

/* A list of items of markup, each with a bullet, as _sm_report_put_item()
 * draws them one by one: the same lines, pages and spacing. A long list
 * (a finding's evidence on a large map) is laid out a few dozen items at
 * a time as one text, the bullet and a tab before each item and the lines
 * after an item's first hanging under its text: a fraction of the cost
 * of a layout per item. (Pango finds a line's place in a text by counting
 * its characters from the start, so one text for the whole list would
 * cost the square of its length. Parts of another size would be cheaper
 * to count but place some lines a few thousandths of a point higher or
 * lower, and the file would change.) While recording, a list of more
 * than a few such parts is laid out on all cores. */
void
_sm_report_put_bullets (SmReport         *r,
                        SmReportTextStyle style,
                        double            indent,
                        GPtrArray        *items)
{
  double hang = r->style == SM_REPORT_EASY_READ ? EASY_INDENT : BULLET_INDENT;

  if (r->html != NULL || items->len < 2)
    {
      for (guint i = 0; i < items->len; i++)
        _sm_report_put_item (r, style, indent, NULL, g_ptr_array_index (items, i));
      return;
    }
  if (r->recording && items->len > 2 * BULLETS_PER_LAYOUT && r->workers == NULL)
    r->workers = workers_new ();
  if (r->recording && items->len > 2 * BULLETS_PER_LAYOUT && r->workers != NULL)
    {
      put_bullets_on_workers (r, style, indent, (const char *const *) items->pdata, items->len);
      return;
    }
  for (guint i = 0; i < items->len; i += BULLETS_PER_LAYOUT)
    {
      g_autofree char *text = bullets_text ((const char *const *) items->pdata + i, MIN (BULLETS_PER_LAYOUT, items->len - i));
      g_autoptr(GArray) lines = NULL;

      set_layout_hanging (r, style, _sm_report_content_width (r) - indent, hang, text);
      lines = layout_lines (r->layout);
      flow_bullets (r, indent, lines);
    }
}

void
_sm_report_put_bullet (SmReport         *r,
                       SmReportTextStyle style,
                       double            indent,
                       const char       *markup)
{
  _sm_report_put_item (r, style, indent, NULL, markup);
}

/* A line of markup that leads what follows and stays with it: a
 * finding's status and question. */
void
_sm_report_put_lead (SmReport   *r,
                     const char *markup,
                     double      keep_with)
{
  if (r->html != NULL)
    {
      _sm_report_html_block (r, "h4", markup);
      return;
    }
  _sm_report_space (r, sm_report_styles[STYLE_H3].before);
  set_layout (r, STYLE_BODY, _sm_report_content_width (r), markup);
  _sm_report_keep (r, layout_height (r) + keep_with);
  flow (r, MARGIN, NULL, 0);
  r->y += 3;
}

/* A heading's entry in the PDF's outline, added with the drawing (in the
 * same order, so the one pass writes the same file as two). */
typedef struct
{
  gboolean top; /* a section; or one of the current section's parts */
  char    *name;
  char    *link;
} Bookmark;

static void
bookmark_free (gpointer data)
{
  Bookmark *mark = data;

  g_free (mark->name);
  g_free (mark->link);
  g_free (mark);
}

static void
add_bookmark (SmReport *r,
              gpointer  data)
{
  Bookmark *mark = data;

  if (mark->top)
    r->outline = cairo_pdf_surface_add_outline (r->surface, CAIRO_PDF_OUTLINE_ROOT, mark->name, mark->link, 0);
  else
    cairo_pdf_surface_add_outline (r->surface, r->outline, mark->name, mark->link, 0);
}

void
_sm_report_heading (SmReport         *r,
                    SmReportTextStyle style,
                    const char       *text,
                    double            keep_with)
{
  g_autofree char *clean = _sm_report_scrub (r, text);
  g_autofree char *markup = g_markup_escape_text (clean, -1);

  if (r->html != NULL)
    {
      _sm_report_html_block (r, sm_report_styles[style].html, markup);
      return;
    }
  set_layout (r, style, _sm_report_content_width (r), markup);
  _sm_report_keep (r, _sm_report_style_space (r, sm_report_styles[style].before) + layout_height (r) + keep_with);
  _sm_report_space (r, sm_report_styles[style].before);
  if (style == STYLE_H1 || style == STYLE_TITLE || style == STYLE_H2)
    {
      Bookmark *mark = g_new (Bookmark, 1);

      mark->top = style != STYLE_H2;
      mark->name = g_steal_pointer (&clean);
      mark->link = g_strdup_printf ("page=%u pos=[%d %d]", r->page, (int) MARGIN, (int) r->y);
      _sm_report_draw_later (r, add_bookmark, mark, bookmark_free);
    }
  flow (r, MARGIN, NULL, 0);
  r->y += _sm_report_style_space (r, sm_report_styles[style].after);
}

typedef struct
{
  double x, y, width, height;
} Box;

static gpointer
box_new (double x,
         double y,
         double width,
         double height)
{
  Box *box = g_new (Box, 1);

  *box = (Box) { x, y, width, height };
  return box;
}

#define CALLOUT_BAR 4.0

static void
draw_callout_ground (SmReport *r,
                     gpointer  data)
{
  Box *box = data;

  cairo_save (r->cr);
  cairo_rectangle (r->cr, box->x, box->y, box->width, box->height);
  cairo_set_source_rgb (r->cr, 0.99, 0.94, 0.89);
  cairo_fill (r->cr);
  cairo_rectangle (r->cr, box->x, box->y, CALLOUT_BAR, box->height);
  cairo_set_source_rgb (r->cr, 0.835, 0.369, 0.0);
  cairo_fill (r->cr);
  cairo_restore (r->cr);
}

/* A short block on a tinted ground with a bar on the left (the gate). */
void
_sm_report_callout (SmReport   *r,
                    const char *text)
{
  g_autofree char *clean = _sm_report_scrub (r, text);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", clean);
  double           pad = 8, bar = CALLOUT_BAR, height;

  if (r->html != NULL)
    {
      _sm_report_html_block (r, "div class=\"callout\" role=\"note\"", markup);
      return;
    }
  set_layout (r, STYLE_BODY, _sm_report_content_width (r) - 2 * pad - bar, markup);
  height = layout_height (r) + 2 * pad;
  _sm_report_keep (r, height);
  _sm_report_draw_later (r, draw_callout_ground, box_new (MARGIN, r->y, _sm_report_content_width (r), height), g_free);
  draw_layout (r, r->layout, MARGIN + bar + pad, r->y + pad);
  r->y += height + 6;
  r->blank = FALSE;
}

static void
draw_rule (SmReport *r,
           gpointer  data)
{
  Box *box = data;

  cairo_save (r->cr);
  cairo_set_source_rgb (r->cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (r->cr, 0.5);
  cairo_move_to (r->cr, box->x, box->y);
  cairo_line_to (r->cr, box->x + box->width, box->y);
  cairo_stroke (r->cr);
  cairo_restore (r->cr);
}

/* A table row: one markup per column, of the given widths. Rows are short,
 * so a row is kept whole on one page; on a new page the @header row, when
 * given, comes first again. A row without @header is the header. */
void
_sm_report_table_row (SmReport          *r,
                      SmReportTextStyle  style,
                      guint              n,
                      const double      *widths,
                      const char *const *cells,
                      gboolean           rule_below,
                      const char *const *header)
{
  double height = 0, x = MARGIN, gap = 6;
  guint  page = r->page;

  if (r->html != NULL)
    {
      gboolean head = header == NULL;

      if (r->in_list || (head && r->in_table))
        _sm_report_html_close (r);
      if (!r->in_table)
        g_string_append (r->html, head ? "<table>\n<thead>" : "<table>\n<tbody>");
      g_string_append (r->html, "<tr>");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (r->html, head ? "<th scope=\"col\">" : "<td>");
          _sm_report_append_markup_as_html (r->html, cells[i] != NULL ? cells[i] : "");
          g_string_append (r->html, head ? "</th>" : "</td>");
        }
      g_string_append (r->html, head ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
      r->in_table = TRUE;
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      set_layout (r, style, widths[i] - gap, cells[i] != NULL ? cells[i] : "");
      height = MAX (height, layout_height (r));
    }
  _sm_report_keep (r, height + 4);
  if (header != NULL && r->page != page)
    _sm_report_table_row (r, style, n, widths, header, TRUE, NULL);
  for (guint i = 0; i < n; i++)
    {
      set_layout (r, style, widths[i] - gap, cells[i] != NULL ? cells[i] : "");
      draw_layout (r, r->layout, x, r->y + 2);
      x += widths[i];
    }
  r->y += height + 4;
  if (rule_below)
    _sm_report_draw_later (r, draw_rule, box_new (MARGIN, r->y, _sm_report_content_width (r), 0), g_free);
  r->blank = FALSE;
}

/* sm-report-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of the report share: the report being written (SmReport),
 * its type styles and badges, and the page flow, HTML, consent and
 * section functions each file gives the others. */

#pragma once

#include <pango/pangocairo.h>

#include "sm-evaluate-private.h"
#include "sm-evaluation-store.h"
#include "sm-render.h"
#include "sm-report.h"

G_BEGIN_DECLS

#define PAGE_WIDTH 595.276 /* A4, in points */
#define PAGE_HEIGHT 841.890
#define MARGIN 56.7      /* 2 cm */
#define FOOTER_DROP 22.0 /* footer baseline below the text area */
#define BULLET_INDENT 12.0
#define SHORT_PARAGRAPH 64.0 /* kept on one page */
#define MAP_PADDING 16.0
/* The renderer sizes its legend for a screen; on paper 8 pt is enough,
 * and leaves the map more room. */
#define MAP_SCALE 0.72

#define FONT_FAMILY "Cantarell, DejaVu Sans, Sans"

typedef enum
{
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_TITLE,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_FOOTER,
  N_STYLES,
} SmReportTextStyle;

typedef struct
{
  PangoWeight weight;
  double      before;
  double      after;
  const char *html; /* the element it becomes in HTML */
} SmReportTextStyleInfo;

/* Spacing is for the full report's 10 pt body; the other versions scale
 * it with their type. */
extern const SmReportTextStyleInfo sm_report_styles[N_STYLES];

/* Type sizes in points: body, small, title, h1, h2, h3, footer. Easy read
 * wants 14 pt at the least, and more room between lines. */
extern const double sm_report_sizes[][N_STYLES];

#define EASY_LINE_SPACING 1.3
#define EASY_INDENT 34.0 /* room for the symbol on the left */

/* Okabe–Ito colours, always beside a word and a symbol. */
typedef struct
{
  const char *symbol;
  const char *background;
  const char *foreground;
} SmReportBadge;

extern const SmReportBadge sm_report_rule_badges[];
extern const SmReportBadge sm_report_principle_badges[];

typedef struct _SmReportWorkers SmReportWorkers;

/* The report being written: what it says, gathered once, and where the
 * writer is. */
typedef struct
{
  SmReportStyle  style;
  SmReportFormat format;

  /* What the report says, gathered once. */
  SmMap         *original;
  SmMap         *map; /* the copy, with names hidden */
  SmRenderer    *renderer;
  SmEvaluation  *eval;
  SmEvalConfig  *config;      /* the thresholds in use, counting to the report date */
  SmEvalConfig  *map_config;  /* the thresholds saved in the map */
  GPtrArray     *responses;   /* SmResponse */
  GPtrArray     *log;         /* SmThresholdChange */
  SmPublicNames *names;       /* of the original map */
  guint          n_hidden;    /* individuals shown as "Participant N" */
  gboolean       hide_people; /* every individual is, not only those without consent */
  char          *date;        /* of the report, YYYY-MM-DD */
  char          *long_date;   /* "2 January 2030", for easy read */
  char          *created;     /* for the PDF's metadata */
  char          *footer;

  /* Where the writer is. */
  cairo_surface_t      *surface; /* the PDF (or, while counting, a stand-in) */
  cairo_t              *cr;
  PangoContext         *context;
  PangoLayout          *layout; /* the one being written: scratch, or a new one while recording */
  PangoLayout          *scratch;
  GArray               *ops;     /* while recording: what the pages draw, in order */
  SmReportWorkers      *workers; /* while recording: threads laying out long lists */
  GHashTable           *ahead;   /* while recording: long paragraphs laid out before they are reached */
  PangoLayout          *marker;
  PangoLayout          *aside; /* the footer: drawn in the middle of a flow */
  PangoFontDescription *fonts[N_STYLES];
  double                page_width;
  double                page_height;
  double                y;
  guint                 page;
  guint                 n_pages;   /* once counted; 0 while counting */
  gboolean              counting;  /* the first of two passes: pages are measured, not drawn */
  gboolean              recording; /* the one pass: pages are laid out, their drawing kept */
  gboolean              blank;     /* nothing on this page yet */
  int                   outline;   /* the current top-level bookmark */

  /* Or, for HTML, the page so far. */
  GString *html;
  gboolean in_list;
  gboolean in_table;

  /* Long work (sm_report_make_full): both may be NULL. */
  GCancellable *cancellable;
  SmProgress   *progress;
  double        pass_start; /* the part of the progress a drawing pass fills */
  double        pass_end;
} SmReport;

/* sm-report.c: the sections of each version, in order */
void        _sm_report_put_sections (SmReport *r);
const char *_sm_report_style_title (SmReportStyle style);

/* For tests: lay the pages out twice, counting them first, instead of
 * once, keeping what they draw (the two give the same bytes); lay long
 * lists out on @n other threads (-1: one per other core, up to three). */
void _sm_report_set_two_passes (gboolean two);
void _sm_report_set_n_workers (int n);
/* For tests: how many paragraphs were laid out ahead and put. */
guint _sm_report_get_n_put_ahead (void);

/* sm-report-consent.c: hiding the names of people who have not agreed to be named */
char    *_sm_report_scrub (SmReport   *r,
                           const char *text);
gboolean _sm_report_make_copy (SmReport *r,
                               GError  **error);

/* sm-report-words.c: numbers, dates and names as the report writes them */
char       *_sm_report_format_number (double value);
char       *_sm_report_format_threshold (const char *key,
                                         double      value);
const char *_sm_report_basis_tag (const char *key);
char       *_sm_report_date_part (const char *iso);
char       *_sm_report_record_name (SmReport *r,
                                    SmRecord *record);
char       *_sm_report_name_for_id (SmReport   *r,
                                    const char *id);
char       *_sm_report_names_of_refs (SmReport   *r,
                                      const char *path);
char       *_sm_report_badge_markup (const SmReportBadge *badge,
                                     const char          *word);

/* What a page draws besides text, drawn now or, while recording, once
 * the pages are counted; @data is freed after. */
typedef void (*SmReportDrawFunc) (SmReport *r,
                                  gpointer  data);

/* sm-report-page.c: the page flow, and the blocks sections are made of */
PangoContext  *_sm_report_context_new (PangoFontMap *map);
void           _sm_report_workers_free (SmReportWorkers *workers);
GArray        *_sm_report_ops_new (void);
void           _sm_report_ops_free (GArray *ops);
void           _sm_report_draw_later (SmReport        *r,
                                      SmReportDrawFunc draw,
                                      gpointer         data,
                                      GDestroyNotify   destroy);
void           _sm_report_play (SmReport *r);
void           _sm_report_begin_page (SmReport *r);
cairo_status_t _sm_report_append_cb (void                *closure,
                                     const unsigned char *data,
                                     unsigned int         length);
double         _sm_report_content_width (SmReport *r);
double         _sm_report_content_bottom (SmReport *r);
double         _sm_report_style_space (SmReport *r,
                                       double    points);
void           _sm_report_finish_page (SmReport *r);
void           _sm_report_new_page (SmReport *r,
                                    gboolean  landscape);
void           _sm_report_keep (SmReport *r,
                                double    height);
void           _sm_report_space (SmReport *r,
                                 double    height);
void           _sm_report_put_markup (SmReport         *r,
                                      SmReportTextStyle style,
                                      double            indent,
                                      const char       *markup);
void           _sm_report_put (SmReport         *r,
                               SmReportTextStyle style,
                               double            indent,
                               const char       *label,
                               const char       *text);
void           _sm_report_put_item (SmReport         *r,
                                    SmReportTextStyle style,
                                    double            indent,
                                    const char       *marker,
                                    const char       *markup);
void           _sm_report_put_ahead (SmReport         *r,
                                     SmReportTextStyle style,
                                     double            indent,
                                     const char       *label,
                                     const char       *text);
void           _sm_report_put_bullets (SmReport         *r,
                                       SmReportTextStyle style,
                                       double            indent,
                                       GPtrArray        *items);
void           _sm_report_put_bullet (SmReport         *r,
                                      SmReportTextStyle style,
                                      double            indent,
                                      const char       *markup);
void           _sm_report_put_lead (SmReport   *r,
                                    const char *markup,
                                    double      keep_with);
void           _sm_report_heading (SmReport         *r,
                                   SmReportTextStyle style,
                                   const char       *text,
                                   double            keep_with);
void           _sm_report_callout (SmReport   *r,
                                   const char *text);
void           _sm_report_table_row (SmReport          *r,
                                     SmReportTextStyle  style,
                                     guint              n,
                                     const double      *widths,
                                     const char *const *cells,
                                     gboolean           rule_below,
                                     const char *const *header);

/* sm-report-html.c: the web page */
char *_sm_report_html_escape (const char *text,
                              gssize      length);
void  _sm_report_append_markup_as_html (GString    *out,
                                        const char *markup);
void  _sm_report_html_close (SmReport *r);
void  _sm_report_html_block (SmReport   *r,
                             const char *element,
                             const char *markup);
void  _sm_report_write_html (SmReport *r);

/* The sections: sm-report-profile.c, -map.c, -findings.c, -thresholds.c
 * and -easy-read.c */
void _sm_report_put_title_block (SmReport *r);
void _sm_report_put_hidden_note (SmReport *r);
void _sm_report_put_profile (SmReport *r);
void _sm_report_put_map (SmReport *r);
void _sm_report_put_findings (SmReport *r);
void _sm_report_put_findings_ahead (SmReport *r);
void _sm_report_put_sources (SmReport *r);
void _sm_report_put_threshold_changes (SmReport *r);
void _sm_report_put_thresholds (SmReport *r);
void _sm_report_put_easy_intro (SmReport *r);
void _sm_report_put_easy_principles (SmReport *r);
void _sm_report_put_easy_ending (SmReport *r);

G_END_DECLS

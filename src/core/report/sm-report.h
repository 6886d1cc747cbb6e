/* sm-report.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-evaluate.h"
#include "sm-map.h"
#include "sm-progress.h"

G_BEGIN_DECLS

/* The evaluation report (principles.md §8.6): the map, the principle
 * profile, every finding with its evidence by name, what the group could
 * do, the sources, the group's responses, the thresholds in use with the
 * non-defaults marked, and the data gaps. It comes as A4 PDF pages or as
 * one self-contained HTML page, and in three versions for different
 * readers.
 *
 * Names respect consent (DQ-05): an individual whose consent_to_be_mapped
 * is not true appears as "Participant N" everywhere in the report,
 * on the drawn map too; with SM_PUBLIC_NAMES_HIDE_PEOPLE, every
 * individual does, and only organisations and groups are named. */

typedef enum
{
  SM_REPORT_FULL,      /* everything, with measurements, thresholds and sources */
  SM_REPORT_PLAIN,     /* the findings and what to do, without the apparatus */
  SM_REPORT_EASY_READ, /* short sentences, large type, a symbol beside each point */
} SmReportStyle;

typedef enum
{
  SM_REPORT_PDF,
  SM_REPORT_HTML,
} SmReportFormat;

typedef struct
{
  const SmEvalConfig *config; /* thresholds; NULL: the map's own */
  SmLens              lens;   /* which perspective's findings come first */
  SmReportStyle       style;
  SmReportFormat      format;
  GDateTime          *now;   /* the report date; NULL: the current time */
  SmPublicNamesFlags  names; /* whom it hides besides people without consent */
} SmReportOptions;

/* The report as bytes (PDF or UTF-8 HTML). @options may be NULL: a full
 * PDF with the map's own thresholds, dated now. */
GBytes *sm_report_make (SmMap                 *map,
                        const SmReportOptions *options,
                        GError               **error);

/* Writes the report to @path, replacing any file there only once the
 * whole report is made. */
GBytes  *sm_report_make_full (SmMap                 *map,
                              const SmReportOptions *options,
                              GCancellable          *cancellable,
                              SmProgress            *progress,
                              GError               **error);
gboolean sm_report_write (SmMap                 *map,
                          const SmReportOptions *options,
                          const char            *path,
                          GError               **error);

/* "full", "plain" and "easy-read", as the command line spells them. */
const char *sm_report_style_to_string (SmReportStyle style);
gboolean    sm_report_style_from_string (const char    *name,
                                         SmReportStyle *style);

/* HTML for a path ending in .html or .htm, PDF for .pdf; FALSE for any
 * other ending. */
gboolean sm_report_format_for_path (const char     *path,
                                    SmReportFormat *format);

G_END_DECLS

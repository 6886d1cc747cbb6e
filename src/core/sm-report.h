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

G_BEGIN_DECLS

/* The printable evaluation report (principles.md §8.6): the map, the
 * principle profile, every finding with its evidence by name, what the
 * group could do, the sources, the group's responses, the thresholds in
 * use with the non-defaults marked, and the data gaps, on A4 pages.
 *
 * Names respect consent (DQ-05): an individual whose consent_to_be_mapped
 * is not true appears as "Unnamed participant" everywhere in the report,
 * on the drawn map too. */

/* Writes the report as PDF to @path, replacing any file there only once
 * the whole report is made. @config is the thresholds to use (NULL: the
 * map's own, sm_map_dup_eval_config()); @now is the report date (NULL:
 * the current time). */
gboolean sm_report_write_pdf (SmMap              *map,
                              const SmEvalConfig *config,
                              SmLens              lens,
                              GDateTime          *now,
                              const char         *path,
                              GError            **error);

/* The report as PDF bytes, for callers that write it themselves. */
GBytes  *sm_report_to_pdf    (SmMap              *map,
                              const SmEvalConfig *config,
                              SmLens              lens,
                              GDateTime          *now,
                              GError            **error);

G_END_DECLS

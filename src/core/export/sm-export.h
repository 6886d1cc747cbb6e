/* sm-export.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-exporter.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* The map's data for other tools: GraphML for Gephi, yEd, networkx and
 * Cytoscape; CSV for spreadsheets (UTF-8, RFC 4180), one file for the
 * stakeholders and one for the relationships. sm_import_csv() reads the
 * CSV back to the same stakeholders and relationships.
 *
 * CSV is neutral for spreadsheets: a text cell that starts with =, +, -,
 * @, a tab or a carriage return (or with ' and one of those, or '') gets a
 * leading ', which the importer takes off again; numbers are written as
 * they are. No control character but tab and line breaks is written raw.
 *
 * Names follow consent unless @options say otherwise (NULL: they do):
 * an individual who has not agreed to be named is "Participant N" in the
 * name column and in every free-text cell, as in the report, and their id
 * is "participant-N" wherever it is written (sm_public_names_get_id()).
 *
 * Front ends choose and write a format through the exporter list
 * (sm-exporter.h); these are the formats' own functions. */

GBytes *sm_export_graphml (SmMap                 *map,
                           const SmExportOptions *options);
GBytes *sm_export_gexf (SmMap                 *map,
                        const SmExportOptions *options);
GBytes *sm_export_csv_stakeholders (SmMap                 *map,
                                    const SmExportOptions *options);
GBytes *sm_export_csv_relationships (SmMap                 *map,
                                     const SmExportOptions *options);

gboolean sm_export_write_csv_files (SmMap   *map,
                                    GFile   *stakeholders,
                                    GFile   *relationships,
                                    GError **error);

char *sm_export_replace_controls (const char *text,
                                  const char *keep);

G_END_DECLS

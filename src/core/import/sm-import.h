/* sm-import.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-map.h"

G_BEGIN_DECLS

/* Maps from spreadsheets (CSV) and network tools (GraphML, GEXF). An import
 * either fails with a message that says where (a line, a column) or gives a
 * map that is valid format v1, with every stakeholder placed. */

/* Budgets, spent as the input is read: an import that would pass one is
 * refused there, with the line, before it costs more (docs/cli.md). */
#define SM_IMPORT_MAX_ROWS 1000000             /* rows of one CSV; nodes; edges */
#define SM_IMPORT_MAX_VALUES 2000000           /* filled cells, or attributes with the defaults of keys, in all */
#define SM_IMPORT_MAX_TEXT (128 * 1024 * 1024) /* bytes of names and values those hold, in all */
#define SM_IMPORT_MAX_DEPTH 256                /* GraphML elements inside one another */

#define SM_IMPORT_ERROR (sm_import_error_quark ())

typedef enum
{
  SM_IMPORT_ERROR_TOO_LARGE,
  SM_IMPORT_ERROR_ENCODING,
  SM_IMPORT_ERROR_EMPTY,
  SM_IMPORT_ERROR_SYNTAX,      /* broken CSV quoting, XML that is not well formed */
  SM_IMPORT_ERROR_HEADER,      /* a required column is missing or doubled */
  SM_IMPORT_ERROR_VALUE,       /* a cell or attribute that does not fit its field */
  SM_IMPORT_ERROR_REFERENCE,   /* an unknown or ambiguous stakeholder, an edge to a missing node */
  SM_IMPORT_ERROR_DUPLICATE,   /* an id used twice */
  SM_IMPORT_ERROR_UNSUPPORTED, /* GraphML hyperedges */
  SM_IMPORT_ERROR_INVALID,     /* the result would not be a valid map */
} SmImportError;

GQuark sm_import_error_quark (void);

/* Errors about @relationships_csv start with "relationships". */
SmMap *sm_import_csv (GBytes  *stakeholders_csv,
                      GBytes  *relationships_csv,
                      GError **error);
SmMap *sm_import_graphml (GBytes  *data,
                          GError **error);
SmMap *sm_import_gexf (GBytes  *data,
                       GError **error);

/* As above, and @warnings (nullable) is set to what the import changed or
 * kept aside, each with where (a line, a column); empty when nothing. */
SmMap   *sm_import_csv_full (GBytes  *stakeholders_csv,
                             GBytes  *relationships_csv,
                             GStrv   *warnings,
                             GError **error);
SmMap   *sm_import_graphml_full (GBytes  *data,
                                 GStrv   *warnings,
                                 GError **error);
SmMap   *sm_import_gexf_full (GBytes  *data,
                              GStrv   *warnings,
                              GError **error);
SmMap   *sm_import_xlsx_full (GBytes  *data,
                              GStrv   *warnings,
                              GError **error);
gboolean sm_import_reads_as_field (SmRecordKind kind,
                                   const char  *name);

G_END_DECLS

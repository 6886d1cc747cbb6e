/* sm-import-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the CSV and GraphML importers share (sm-import.c): the document
 * under construction, its ids and budgets, and the rules that read a
 * cell or an attribute as a field. */

#pragma once

#include <json-glib/json-glib.h>

#include "sm-import.h"
#include "sm-schema.h"

G_BEGIN_DECLS

#define SM_IMPORT_MAX_ID_LENGTH 200 /* as sm-format.c */
#define SM_IMPORT_MAX_COLUMNS 10000
#define SM_IMPORT_COORD_MAX 1e9
#define SM_IMPORT_MAX_WARNINGS 1000

/* Where a value goes and what it must be. */
typedef struct
{
  const SmField *field; /* NULL when the schema does not know it: kept as is */
  GStrv          path;  /* member path: { "remuneration", "time_paid", NULL } */
} SmImportTarget;

/* What an import has made so far, against SM_IMPORT_MAX_VALUES and
 * SM_IMPORT_MAX_TEXT. */
typedef struct
{
  guint64 values;
  guint64 bytes;
} SmImportBudget;

/* Where a row or a cell of a table is, for messages: CSV says "line 7,
 * column "name"", XLSX "Connections!B7". @column is a header as written,
 * or NULL for the whole row. */
typedef char *(*SmImportLocateFunc) (gpointer     source,
                                     SmRecordKind kind,
                                     guint        line,
                                     const char  *column);

/* Puts the next row's cells (char *) in @cells and its number in @line;
 * FALSE at the end, or with @error. */
typedef gboolean (*SmImportNextRowFunc) (gpointer   source,
                                         GPtrArray *cells,
                                         guint     *line,
                                         GError   **error);

/* A table of rows, from a CSV or a sheet of a workbook. */
typedef struct
{
  SmImportNextRowFunc next_row;
  SmImportLocateFunc  locate;
  gpointer            source;
  const char         *prefix; /* before the header's messages: "relationships: " */
  const char         *empty;  /* the message when no row has anything in it */
} SmImportTable;

/* The document under construction, shared by both importers. */

typedef struct
{
  JsonNode    *node;   /* the string to replace by a stakeholder id */
  guint        record; /* index of the record it belongs to */
  SmRecordKind kind;
  char        *column;
} SmImportPendingRef;

typedef struct
{
  gboolean           csv;
  JsonArray         *records[2]; /* stakeholders, relationships */
  GArray            *lines[2];   /* guint: where each record starts */
  GArray            *refs;       /* SmImportPendingRef */
  SmImportBudget     budget;     /* cells read */
  GPtrArray         *warnings;   /* char *: what was changed or kept aside, with where */
  guint              more_warnings;
  GHashTable        *dropped_ids; /* JsonObject * → char *: an id given but not kept, for the warning */
  SmImportLocateFunc locate;      /* NULL: lines of CSV or GraphML; else where records are (XLSX) */
  gpointer           locate_source;
  JsonArray         *spaces;       /* nullable: spaces made whole, members by final id (yEd's groups) */
  GHashTable        *reserved_ids; /* nullable: ids records may not take (the spaces'), char * set */
} SmImportBuilder;

#define SM_IMPORT_SLOT(kind) ((kind) == SM_RECORD_STAKEHOLDER ? 0 : 1)

void      sm_import_target_clear (SmImportTarget *target);
void      sm_import_resolve_name (SmRecordKind    kind,
                                  const char     *name,
                                  SmImportTarget *target);
gboolean  sm_import_set_path (JsonObject *object,
                              GStrv       path,
                              JsonNode   *value);
JsonNode *sm_import_new_string (const char *text);
JsonNode *sm_import_convert_text (const SmField *field,
                                  const char    *text,
                                  char         **message);
gboolean  sm_import_budget_spend (SmImportBudget *budget,
                                  guint64         values,
                                  guint64         bytes);
void      sm_import_budget_error (SmImportBudget *budget,
                                  const char     *where,
                                  GError        **error);
void      sm_import_builder_init (SmImportBuilder *b,
                                  gboolean         csv);
guint     sm_import_builder_add (SmImportBuilder *b,
                                 SmRecordKind     kind,
                                 JsonObject      *object,
                                 guint            line);
char     *sm_import_csv_location (SmRecordKind kind,
                                  guint        line,
                                  const char  *column);
char     *sm_import_graphml_location (guint       line,
                                      const char *attribute);
gboolean  sm_import_builder_assign_ids (SmImportBuilder *b,
                                        GError         **error);
void      sm_import_builder_defer_refs (SmImportBuilder *b,
                                        const SmField   *field,
                                        JsonNode        *value,
                                        SmRecordKind     kind,
                                        guint            record,
                                        const char      *column);
SmMap    *sm_import_builder_finish (SmImportBuilder *b,
                                    GError         **error);
gboolean  sm_import_check_input (GBytes      *bytes,
                                 const char  *what,
                                 const char **data,
                                 gsize       *length,
                                 GError     **error);
gboolean  sm_import_is_blank (const char *text);
gboolean  sm_import_is_blank_len (const char *data,
                                  gsize       length);
void      sm_import_builder_clear (SmImportBuilder *b);
void      sm_import_builder_warn (SmImportBuilder *b,
                                  const char      *format,
                                  ...) G_GNUC_PRINTF (2, 3);
GStrv     sm_import_builder_steal_warnings (SmImportBuilder *b);
void      sm_import_builder_drop_id (SmImportBuilder *b,
                                     JsonObject      *object,
                                     const char      *id);

gboolean sm_import_read_table (SmImportBuilder     *b,
                               SmRecordKind         kind,
                               const SmImportTable *table,
                               GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SmImportBuilder, sm_import_builder_clear)

G_END_DECLS

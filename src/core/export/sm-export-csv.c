/* sm-export-csv.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map as two CSV tables, stakeholders and relationships, for
 * spreadsheets; and the CSV exporter, which writes the pair. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-export-private.h"
#include "sm-file-writer.h"

/* Whether a text cell needs a leading ' so that no spreadsheet reads it as
 * a formula; and so that a ' written before is not taken off on import. */
static gboolean
csv_needs_mark (const char *text)
{
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    return TRUE;
  /* The importer reads a line break in a cell as \n: a ' before one is
   * marked too, so it comes back. */
  return text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r\n'", text[1]) != NULL;
}

static void
csv_append (GString    *out,
            const char *text,
            gboolean    number)
{
  g_autofree char *safe = sm_export_replace_controls (text, "\t\r\n");
  g_autofree char *cell = !number && csv_needs_mark (safe) ? g_strconcat ("'", safe, NULL)
                                                           : g_steal_pointer (&safe);
  gsize            len = strlen (cell);
  gboolean         quote = strpbrk (cell, ",\"\r\n") != NULL ||
                   (len > 0 && (g_ascii_isspace (cell[0]) || g_ascii_isspace (cell[len - 1])));

  if (!quote)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* One table of @map as sm_export_dup_public_map() gave it, with @names. */
static GBytes *
export_table (SmMap         *map,
              SmPublicNames *names,
              SmRecordKind   kind)
{
  SmCollection *records = sm_map_get_collection (map, kind);
  g_autoptr(GPtrArray) columns = sm_export_collect_columns (map, kind);
  GString *out = g_string_sized_new (4096);

  for (guint c = 0; c < columns->len; c++)
    {
      SmExportColumn *column = g_ptr_array_index (columns, c);

      if (c > 0)
        g_string_append_c (out, ',');
      csv_append (out, column->name, FALSE);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < sm_collection_get_size (records); i++)
    {
      SmRecord *record = sm_collection_get (records, i);
      g_autoptr(JsonObject) object = sm_record_dup_data (record);

      for (guint c = 0; c < columns->len; c++)
        {
          SmExportColumn  *column = g_ptr_array_index (columns, c);
          JsonNode        *node = sm_export_lookup (object, column->path);
          g_autofree char *text = sm_export_public_cell (names, record, column,
                                                         sm_export_cell_text (column, node));

          if (c > 0)
            g_string_append_c (out, ',');
          csv_append (out, text, is_number (node));
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}

static GBytes *
export_csv (SmMap                 *map,
            SmRecordKind           kind,
            const SmExportOptions *options)
{
  g_autoptr(SmPublicNames) names = NULL;
  g_autoptr(SmMap) public_map = sm_export_dup_public_map (map, options, &names, NULL);

  if (public_map == NULL)
    return NULL;
  return export_table (public_map, names, kind);
}

/**
 * sm_export_csv_stakeholders:
 *
 * The stakeholders as CSV: a header row, then one row each, with a column
 * for every field any of them has (lists joined with ";", nested members
 * as dotted columns such as "remuneration.time_paid").
 */
GBytes *
sm_export_csv_stakeholders (SmMap                 *map,
                            const SmExportOptions *options)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return export_csv (map, SM_RECORD_STAKEHOLDER, options);
}

/* The relationships as CSV, source and target given by stakeholder id. */
GBytes *
sm_export_csv_relationships (SmMap                 *map,
                             const SmExportOptions *options)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return export_csv (map, SM_RECORD_RELATIONSHIP, options);
}

/**
 * sm_export_write_csv_files:
 * @stakeholders: the stakeholders' table
 * @relationships: the relationships' table
 *
 * Writes both tables safely (see sm-file-writer.h) through the CSV
 * exporter. Both are complete on disk before either takes its place, so a
 * full disk or a folder that cannot be written leaves the pair as it was.
 * An error names the file it is about.
 */
gboolean
sm_export_write_csv_files (SmMap   *map,
                           GFile   *stakeholders,
                           GFile   *relationships,
                           GError **error)
{
  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (G_IS_FILE (stakeholders) && G_IS_FILE (relationships), FALSE);

  return sm_exporter_write_file (&sm_exporter_csv, map, NULL, stakeholders, relationships,
                                 NULL, NULL, error);
}

/* The exporter */

static gboolean
write_csv (SmMap                 *map,
           const SmExportOptions *options,
           GOutputStream         *stream,
           GOutputStream         *companion,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(SmPublicNames) names = NULL;
  g_autoptr(SmMap) public_map = sm_export_dup_public_map (map, options, &names, NULL);
  g_autoptr(GBytes) people = NULL;
  g_autoptr(GBytes) ties = NULL;

  /* The public copy is made once for both tables. */
  if (public_map == NULL)
    return sm_export_names_failed (error);
  people = export_table (public_map, names, SM_RECORD_STAKEHOLDER);
  ties = export_table (public_map, names, SM_RECORD_RELATIONSHIP);
  return sm_export_write_all (stream, people, cancellable, error) &&
         sm_export_write_all (companion, ties, cancellable, error);
}

static const char *const csv_extensions[] = { "csv", NULL };

/* The stakeholders go to the file chosen, the relationships beside it:
 * people.csv and people.relationships.csv. sm_import_csv() reads the
 * pair back. */
const SmExporter sm_exporter_csv = {
  .id = "csv",
  .label = N_ ("CSV tables"),
  .mime_type = "text/csv",
  .extensions = csv_extensions,
  .companion_suffix = ".relationships.csv",
  .write = write_csv,
};

/* sm-export-xlsx.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map as one workbook for Excel and LibreOffice: a sheet of
 * stakeholders and one of relationships, with the CSV export's columns
 * (sm_export_collect_columns()). sm_import_xlsx_full() reads it back. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "sm-export-private.h"

/* 2026-01-01T00:00:00Z, for every workbook (see write_xlsx()). */
#define XLSX_CREATED ((time_t) 1767225600)

/* Whole numbers beyond this lose digits as a spreadsheet's numbers. */
#define XLSX_MAX_EXACT 9007199254740992.0

static gboolean
cell_number (JsonNode *node,
             double   *number)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *number = json_node_get_double (node);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    *number = (double) json_node_get_int (node);
  else
    return FALSE;
  return *number >= -XLSX_MAX_EXACT && *number <= XLSX_MAX_EXACT;
}

static const char *
sheet_name (SmRecordKind kind)
{
  /* Not translated: a sheet name is data, read back by scripts. */
  return kind == SM_RECORD_STAKEHOLDER ? "Stakeholders" : "Relationships";
}

static gboolean
cell_failed (lxw_error    status,
             SmRecordKind kind,
             guint        row,
             const char  *column,
             GError     **error)
{
  if (status == LXW_NO_ERROR)
    return FALSE;
  if (status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _ ("%s, row %u, column “%s”: longer than the 32,767 characters a spreadsheet cell "
                    "holds; export as CSV to keep it whole"),
                 sheet_name (kind), row + 1, column);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("%s, row %u, column “%s”: %s"), sheet_name (kind),
                 row + 1, column, lxw_strerror (status));
  return TRUE;
}

/* One sheet of @map as sm_export_dup_public_map() gave it, with @names. */
static gboolean
write_sheet (lxw_workbook  *workbook,
             lxw_format    *bold,
             SmMap         *map,
             SmPublicNames *names,
             SmRecordKind   kind,
             GError       **error)
{
  SmCollection *records = sm_map_get_collection (map, kind);
  g_autoptr(GPtrArray) columns = sm_export_collect_columns (map, kind);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, sheet_name (kind));
  guint          size = sm_collection_get_size (records);

  if (sheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("the sheet “%s” could not be made"), sheet_name (kind));
      return FALSE;
    }
  if (size >= LXW_ROW_MAX || columns->len > LXW_COL_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("%s: %u rows of %u columns; a spreadsheet holds at most %d rows and %d columns; "
                      "export as CSV instead"),
                   sheet_name (kind), size + 1, columns->len, LXW_ROW_MAX, LXW_COL_MAX);
      return FALSE;
    }

  for (guint c = 0; c < columns->len; c++)
    {
      SmExportColumn *column = g_ptr_array_index (columns, c);

      if (cell_failed (worksheet_write_string (sheet, 0, c, column->name, bold), kind, 0, column->name, error))
        return FALSE;
    }
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint i = 0; i < size; i++)
    {
      SmRecord *record = sm_collection_get (records, i);
      g_autoptr(JsonObject) object = sm_record_dup_data (record);

      for (guint c = 0; c < columns->len; c++)
        {
          SmExportColumn  *column = g_ptr_array_index (columns, c);
          JsonNode        *node = sm_export_lookup (object, column->path);
          g_autofree char *text = NULL;
          g_autofree char *safe = NULL;
          double           number;
          lxw_error        status;

          if (cell_number (node, &number))
            status = worksheet_write_number (sheet, i + 1, c, number, NULL);
          else
            {
              text = sm_export_public_cell (names, record, column, sm_export_cell_text (column, node));
              if (*text == '\0')
                continue;
              /* XML holds no control characters but tabs and line breaks. */
              safe = sm_export_replace_controls (text, "\t\n");
              status = worksheet_write_string (sheet, i + 1, c, safe, NULL);
            }
          if (cell_failed (status, kind, i + 1, column->name, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* libxlsxwriter writes to a file name: the workbook is made in a
 * temporary file, then copied into @stream, which the safe writer puts in
 * its place. */
static gboolean
write_xlsx (SmMap                 *map,
            const SmExportOptions *options,
            GOutputStream         *stream,
            GOutputStream         *companion,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(SmPublicNames) names = NULL;
  g_autoptr(SmMap) public_map = sm_export_dup_public_map (map, options, &names, NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  lxw_workbook_options workbook_options = { LXW_TRUE, (char *) g_get_tmp_dir (), LXW_FALSE };
  lxw_doc_properties   properties = { 0 };
  lxw_workbook        *workbook;
  lxw_format          *bold;
  lxw_error            status;
  gsize                length;
  gboolean             ok;
  int                  fd;

  if (public_map == NULL)
    return sm_export_names_failed (error);

  fd = g_file_open_tmp ("stakemap-XXXXXX.xlsx", &path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  workbook = workbook_new_opt (path, &workbook_options);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("the workbook could not be started in “%s”"), path);
      g_unlink (path);
      return FALSE;
    }
  /* The same map makes the same file, byte for byte: the workbook's
   * creation date is not the day it was written. */
  properties.title = (char *) sm_map_get_title (public_map);
  properties.created = XLSX_CREATED;
  workbook_set_properties (workbook, &properties);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  ok = write_sheet (workbook, bold, public_map, names, SM_RECORD_STAKEHOLDER, error) &&
       write_sheet (workbook, bold, public_map, names, SM_RECORD_RELATIONSHIP, error);
  status = workbook_close (workbook);
  if (ok && status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("the workbook could not be written: %s"),
                   lxw_strerror (status));
      ok = FALSE;
    }
  if (ok && g_file_get_contents (path, &contents, &length, error))
    {
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      ok = sm_export_write_all (stream, bytes, cancellable, error);
    }
  else
    ok = FALSE;
  g_unlink (path);
  return ok;
}

static const char *const xlsx_extensions[] = { "xlsx", NULL };

/* Both tables in one workbook: the sheets "Stakeholders" and
 * "Relationships", the header row bold and frozen, numbers as numbers. */
const SmExporter sm_exporter_xlsx = {
  .id = "xlsx",
  .label = N_ ("Excel workbook"),
  .mime_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  .extensions = xlsx_extensions,
  .write = write_xlsx,
};

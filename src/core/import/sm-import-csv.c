/* sm-import-csv.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Maps from spreadsheets: the stakeholders' CSV and, beside it, the
 * relationships'. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-import-private.h"
#include "sm-labels.h"
#include "sm-schema.h"

/* CSV (RFC 4180 and what spreadsheets really write). */

typedef struct
{
  const char  *p;
  const char  *end;
  char         separator;
  guint        line;
  GPtrArray   *cells; /* char *, as read, with the exporter's ' taken off */
  SmRecordKind kind;
  gboolean     header_seen;
} CsvReader;

/* The separator: a comma, unless the header has none and has semicolons
 * (Excel where the comma is the decimal mark) or tabs. */
static char
csv_detect_separator (const char *p,
                      const char *end)
{
  guint    commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }
  if (commas == 0 && semicolons > 0)
    return ';';
  if (commas == 0 && tabs > 0)
    return '\t';
  return ',';
}

/* The ' that sm_export_csv_*() puts before a cell a spreadsheet could take
 * for a formula ("'=1+1"), or before one that starts so ("''=1+1"), as
 * spreadsheets do: the cell is the text after it. */
static char *
csv_unmark (const GString *cell)
{
  if (cell->str[0] == '\'' && cell->str[1] != '\0' && strchr ("=+-@\t\r\n'", cell->str[1]) != NULL)
    return g_strdup (cell->str + 1);
  return g_strdup (cell->str);
}

static gboolean
csv_read_row (CsvReader *r,
              guint     *row_line,
              GError   **error)
{
  g_autoptr(GString) cell = g_string_new (NULL);

  g_ptr_array_set_size (r->cells, 0);
  if (r->p >= r->end)
    return FALSE;
  *row_line = r->line;

  for (;;)
    {
      const char *q = r->p;

      g_string_truncate (cell, 0);
      while (q < r->end && (*q == ' ' || *q == '\t') && *q != r->separator)
        q++;

      if (q < r->end && *q == '"')
        {
          guint quote_line = r->line;

          r->p = q + 1;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  g_autofree char *loc = sm_import_csv_location (r->kind, quote_line, NULL);

                  g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                               _ ("%s: unterminated quoted field (a \" opens it and none closes it)"), loc);
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (cell, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\r' || *r->p == '\n')
                {
                  /* Line breaks inside a cell become \n, whatever the file uses. */
                  if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
                    r->p++;
                  g_string_append_c (cell, '\n');
                  r->line++;
                  r->p++;
                  continue;
                }
              g_string_append_c (cell, *r->p++);
            }
          /* Text after the closing quote is kept, as spreadsheets do. */
          while (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
            {
              if (*r->p != ' ' && *r->p != '\t')
                g_string_append_c (cell, *r->p);
              r->p++;
            }
          g_ptr_array_add (r->cells, csv_unmark (cell));
        }
      else
        {
          /* Kept as read, spaces and tabs included. */
          q = r->p;
          while (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
            r->p++;
          g_string_append_len (cell, q, r->p - q);
          g_ptr_array_add (r->cells, csv_unmark (cell));
        }

      if (r->cells->len > SM_IMPORT_MAX_COLUMNS)
        {
          g_autofree char *loc = sm_import_csv_location (r->kind, *row_line, NULL);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("%s: more than %d cells in one row"), loc, SM_IMPORT_MAX_COLUMNS);
          return FALSE;
        }

      if (r->p < r->end && *r->p == r->separator)
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
}

static gboolean
row_is_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (!sm_import_is_blank (g_ptr_array_index (cells, i)))
      return FALSE;
  return TRUE;
}

/* Columns that Kumu's and Gephi's spreadsheets name their own way, read
 * cell by cell. */
typedef enum
{
  ROLE_PLAIN,
  ROLE_KIND,      /* Kumu's element Type: the kind where one matches, else kept as "type" */
  ROLE_TYPE,      /* Gephi's edge Type: Directed or Undirected, else kept as "type" */
  ROLE_DIRECTION, /* also Kumu's directed, mutual and undirected */
  ROLE_WEIGHT,    /* Gephi's Weight: the strength where it fits, else kept as "weight" */
} ColumnRole;

typedef struct
{
  char          *header; /* as written, for messages */
  SmImportTarget target;
  ColumnRole     role;
} Column;

static gboolean
column_is_exact (const Column *column)
{
  g_autofree char *joined = g_strjoinv (".", column->target.path);

  return g_strcmp0 (joined, column->header) == 0;
}

/* Names are matched without regard to case, for spreadsheets' "Name" and
 * "Influence". But a project file may hold a member that differs from a
 * field only in case ("Reciprocity" beside "reciprocity"), and its CSV
 * export has both columns: where one column names a field exactly, the
 * others that only match it are kept under their own names. */
static void
keep_near_names_as_written (GArray *columns)
{
  for (guint i = 0; i < columns->len; i++)
    {
      Column *exact = &g_array_index (columns, Column, i);

      if (!column_is_exact (exact))
        continue;
      for (guint j = 0; j < columns->len; j++)
        {
          Column *near = &g_array_index (columns, Column, j);

          if (j == i || column_is_exact (near) ||
              !g_strv_equal ((const char *const *) near->target.path,
                             (const char *const *) exact->target.path))
            continue;
          sm_import_target_clear (&near->target);
          near->target.field = NULL;
          near->target.path = g_new0 (char *, 2);
          near->target.path[0] = g_strdup (near->header);
        }
    }
}

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->header);
  sm_import_target_clear (&column->target);
}

/* What a header of Kumu's or Gephi's is read as: @as is the name to
 * resolve instead of the header (NULL: the header itself). Own names win:
 * "Label" is the name only where no column is called "name". */
static ColumnRole
header_role (SmRecordKind kind,
             const char  *lower,
             GHashTable  *headers,
             const char **as)
{
  *as = NULL;
  if (kind == SM_RECORD_STAKEHOLDER)
    {
      if (strcmp (lower, "label") == 0 && !g_hash_table_contains (headers, "name"))
        *as = "name";
      else if (strcmp (lower, "description") == 0 && !g_hash_table_contains (headers, "notes"))
        *as = "notes";
      else if (strcmp (lower, "type") == 0 && !g_hash_table_contains (headers, "kind"))
        return ROLE_KIND;
      return ROLE_PLAIN;
    }

  if (strcmp (lower, "from") == 0 && !g_hash_table_contains (headers, "source"))
    *as = "source";
  else if (strcmp (lower, "to") == 0 && !g_hash_table_contains (headers, "target"))
    *as = "target";
  else if (strcmp (lower, "direction") == 0)
    return ROLE_DIRECTION;
  else if (strcmp (lower, "type") == 0 && !g_hash_table_contains (headers, "direction"))
    return ROLE_TYPE;
  else if (strcmp (lower, "weight") == 0 && !g_hash_table_contains (headers, "strength"))
    return ROLE_WEIGHT;
  return ROLE_PLAIN;
}

/* The stakeholder kind that @text names, by its value or its label, in
 * any case ("Funder", "elected member", "Elected member"). */
static const char *
match_kind (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *snake = NULL;

  g_strstrip (folded);
  snake = g_strdelimit (g_strdup (folded), " -", '_');
  for (guint i = 0; sm_stakeholder_kinds[i] != NULL; i++)
    {
      g_autofree char *label = g_utf8_casefold (sm_value_label (sm_stakeholder_kinds[i]), -1);

      if (strcmp (snake, sm_stakeholder_kinds[i]) == 0 || strcmp (folded, label) == 0)
        return sm_stakeholder_kinds[i];
    }
  return NULL;
}

/* Reads a cell of a Kumu or Gephi column; FALSE to read it as the column's
 * field after all (a direction written the Stakemap way). */
static gboolean
read_by_role (SmImportBuilder     *b,
              const SmImportTable *table,
              SmRecordKind         kind,
              guint                line,
              Column              *column,
              JsonObject          *object,
              const char          *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autofree char *loc = table->locate (table->source, kind, line, column->header);
  const char      *value;

  g_strstrip (lower);
  switch (column->role)
    {
    case ROLE_KIND:
      value = match_kind (text);
      if (value != NULL)
        json_object_set_string_member (object, "kind", value);
      else
        {
          json_object_set_string_member (object, column->target.path[0], text);
          sm_import_builder_warn (b, _ ("%s: \"%s\" is not a stakeholder kind; kept as \"%s\", and the "
                                        "kind left as other"),
                                  loc, text, column->target.path[0]);
        }
      return TRUE;

    case ROLE_TYPE:
      if (strcmp (lower, "directed") == 0 || strcmp (lower, "undirected") == 0)
        json_object_set_string_member (object, "direction", lower[0] == 'd' ? "one_way" : "two_way");
      else
        {
          json_object_set_string_member (object, column->target.path[0], text);
          sm_import_builder_warn (b, _ ("%s: \"%s\" is neither Directed nor Undirected; kept as \"%s\", "
                                        "and the relationship read as one way"),
                                  loc, text, column->target.path[0]);
        }
      return TRUE;

    case ROLE_DIRECTION:
      if (strcmp (lower, "directed") == 0)
        value = "one_way";
      else if (strcmp (lower, "mutual") == 0 || strcmp (lower, "undirected") == 0)
        value = "two_way";
      else
        return FALSE;
      json_object_set_string_member (object, "direction", value);
      return TRUE;

    case ROLE_WEIGHT:
      {
        char    *end = NULL;
        double   weight = g_ascii_strtod (lower, &end);
        gboolean number = end != lower && *end == '\0' && isfinite (weight);

        if (number && weight == floor (weight) && weight >= 1 && weight <= 5)
          json_object_set_int_member (object, "strength", (gint64) weight);
        else
          {
            if (number && weight == floor (weight) && fabs (weight) < 9e15)
              json_object_set_int_member (object, column->target.path[0], (gint64) weight);
            else if (number)
              json_object_set_double_member (object, column->target.path[0], weight);
            else
              json_object_set_string_member (object, column->target.path[0], text);
            sm_import_builder_warn (b, _ ("%s: the weight %s is not a strength (a whole number from 1 to 5); "
                                          "kept as \"%s\""),
                                    loc, lower, column->target.path[0]);
          }
        return TRUE;
      }

    case ROLE_PLAIN:
    default:
      g_assert_not_reached ();
    }
}

/**
 * sm_import_read_table:
 * @table: where the rows come from, and how to say where one is
 *
 * Reads a table of @kind into @b: the first row that is not blank is the
 * header, matched as CSV's is (Stakemap's own names, Kumu's and Gephi's);
 * every other row that is not blank is a record. CSV and XLSX both feed it.
 */
gboolean
sm_import_read_table (SmImportBuilder     *b,
                      SmRecordKind         kind,
                      const SmImportTable *table,
                      GError             **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char              *prefix = table->prefix;
  guint                    line = 0, rows = 0;
  const char *const       *required;
  static const char *const people_required[] = { "name", NULL };
  static const char *const ties_required[] = { "source", "target", NULL };
  GError                  *local_error = NULL;

  g_array_set_clear_func (columns, column_clear);

  /* The header: the first row that is not blank. */
  for (;;)
    {
      if (!table->next_row (table->source, cells, &line, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_EMPTY, table->empty);
          return FALSE;
        }
      if (!row_is_empty (cells))
        break;
    }

  for (guint i = 0; i < cells->len; i++)
    {
      const char      *text = g_ptr_array_index (cells, i);
      g_autofree char *lower = g_utf8_strdown (text, -1);

      g_strstrip (lower);
      g_hash_table_add (headers, g_steal_pointer (&lower));
    }
  for (guint i = 0; i < cells->len; i++)
    {
      const char      *text = g_ptr_array_index (cells, i);
      Column           column = { 0 };
      g_autofree char *lower = NULL;
      const char      *as = NULL;

      column.header = !sm_import_is_blank (text) ? g_strstrip (g_strdup (text)) : g_strdup_printf ("column_%u", i + 1);
      lower = g_utf8_strdown (column.header, -1);
      column.role = header_role (kind, lower, headers, &as);
      sm_import_resolve_name (kind, as != NULL ? as : column.header, &column.target);
      g_array_append_val (columns, column);
    }
  keep_near_names_as_written (columns);

  for (guint i = 0; i < columns->len; i++)
    {
      Column          *column = &g_array_index (columns, Column, i);
      g_autofree char *key = g_strjoinv ("\x1f", column->target.path);
      const char      *other;

      other = g_hash_table_lookup (seen, key);
      if (other != NULL)
        {
          g_autofree char *joined = g_strjoinv (".", column->target.path);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                       _ ("%sheader: the columns \"%s\" and \"%s\" both give \"%s\"; keep one"),
                       prefix, other, column->header, joined);
          return FALSE;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), g_strdup (column->header));
    }

  required = kind == SM_RECORD_STAKEHOLDER ? people_required : ties_required;
  for (guint i = 0; required[i] != NULL; i++)
    if (!g_hash_table_contains (seen, required[i]))
      {
        if (kind == SM_RECORD_STAKEHOLDER)
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                       _ ("%sheader: no \"name\" column; call the stakeholders' names \"name\", or \"Label\" as "
                          "Kumu and Gephi do (other columns may be \"id\" or Gephi's \"Id\", \"kind\" or "
                          "Kumu's \"Type\", \"notes\" or Kumu's \"Description\", any field of the format, "
                          "or anything else, kept as written)"),
                       prefix);
        else
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                       _ ("%sheader: no \"%s\" column; the ends of a relationship are read from "
                          "\"source\" and \"target\" (Stakemap, Gephi) or \"From\" and \"To\" (Kumu)"),
                       prefix, required[i]);
        return FALSE;
      }

  while (table->next_row (table->source, cells, &line, &local_error))
    {
      g_autoptr(JsonObject) object = NULL;
      guint record;

      if (row_is_empty (cells))
        continue;
      if (++rows > SM_IMPORT_MAX_ROWS)
        {
          g_autofree char *loc = table->locate (table->source, kind, line, NULL);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("%s: more than %d rows; no real map is this big"), loc, SM_IMPORT_MAX_ROWS);
          return FALSE;
        }
      for (guint i = columns->len; i < cells->len; i++)
        if (!sm_import_is_blank (g_ptr_array_index (cells, i)))
          {
            g_autofree char *loc = table->locate (table->source, kind, line, NULL);

            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                         _ ("%s: this row has %u cells but the header names only %u columns"),
                         loc, cells->len, columns->len);
            return FALSE;
          }

      for (guint i = 0; i < MIN (cells->len, columns->len); i++)
        {
          const char *text = g_ptr_array_index (cells, i);
          Column     *column = &g_array_index (columns, Column, i);

          if (!sm_import_is_blank (text) &&
              !sm_import_budget_spend (&b->budget, 1, strlen (column->header) + strlen (text)))
            {
              g_autofree char *loc = table->locate (table->source, kind, line, column->header);

              sm_import_budget_error (&b->budget, loc, error);
              return FALSE;
            }
        }

      object = json_object_new ();
      record = sm_import_builder_add (b, kind, object, line);
      for (guint i = 0; i < MIN (cells->len, columns->len); i++)
        {
          Column          *column = &g_array_index (columns, Column, i);
          const char      *text = g_ptr_array_index (cells, i);
          g_autofree char *message = NULL;
          JsonNode        *value;

          if (sm_import_is_blank (text))
            continue;
          if (column->role != ROLE_PLAIN && read_by_role (b, table, kind, line, column, object, text))
            continue;
          if (column->target.field != NULL)
            value = sm_import_convert_text (column->target.field, text, &message);
          else
            value = sm_import_new_string (text);
          if (value == NULL)
            {
              g_autofree char *loc = table->locate (table->source, kind, line, column->header);

              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE, "%s: %s", loc, message);
              return FALSE;
            }
          sm_import_builder_defer_refs (b, column->target.field, value, kind, record, column->header);
          if (!sm_import_set_path (object, column->target.path, value))
            {
              g_autofree char *loc = table->locate (table->source, kind, line, column->header);

              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_HEADER,
                           _ ("%s: \"%s\" already holds a value that is not an object"),
                           loc, column->target.path[0]);
              return FALSE;
            }
        }

      /* A map may hold a stakeholder whose name was cleared: its row has
       * an id and an empty name, and comes back so. A row with neither is
       * a mistake. */
      if (kind == SM_RECORD_STAKEHOLDER && !json_object_has_member (object, "name") &&
          json_object_has_member (object, "id"))
        json_object_set_string_member (object, "name", "");
      if (kind == SM_RECORD_STAKEHOLDER && !json_object_has_member (object, "name"))
        {
          g_autofree char *loc = table->locate (table->source, kind, line, "name");

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE,
                       _ ("%s: empty; every stakeholder needs a name"), loc);
          return FALSE;
        }
      for (guint i = 0; kind == SM_RECORD_RELATIONSHIP && i < 2; i++)
        if (!json_object_has_member (object, ties_required[i]))
          {
            g_autofree char *loc = table->locate (table->source, kind, line, ties_required[i]);

            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_VALUE,
                         _ ("%s: empty; every relationship needs a %s"), loc, ties_required[i]);
            return FALSE;
          }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* CSV as a table: rows from the reader, places as lines. */

static gboolean
csv_next_row (gpointer   source,
              GPtrArray *cells,
              guint     *line,
              GError   **error)
{
  CsvReader *r = source;

  r->cells = cells;
  if (!csv_read_row (r, line, error))
    return FALSE;
  /* Until the header, each blank line may be followed by a header of
   * another separator. */
  if (!r->header_seen && row_is_empty (cells))
    r->separator = csv_detect_separator (r->p, r->end);
  else
    r->header_seen = TRUE;
  return TRUE;
}

static char *
csv_locate (gpointer     source,
            SmRecordKind kind,
            guint        line,
            const char  *column)
{
  return sm_import_csv_location (kind, line, column);
}

/* Reads one CSV into @b. */
static gboolean
read_csv (SmImportBuilder *b,
          SmRecordKind     kind,
          GBytes          *bytes,
          GError         **error)
{
  g_autofree char *empty = NULL;
  const char      *prefix = kind == SM_RECORD_RELATIONSHIP ? _ ("relationships: ") : "";
  const char      *data;
  gsize            length;
  CsvReader        r = { 0 };
  SmImportTable    table = { csv_next_row, csv_locate, &r, prefix, NULL };

  if (!sm_import_check_input (bytes, prefix, &data, &length, error))
    return FALSE;

  r.p = data;
  r.end = data + length;
  r.line = 1;
  r.kind = kind;
  r.separator = csv_detect_separator (r.p, r.end);
  empty = g_strdup_printf (_ ("%sthe file is empty; expected a header row naming the columns"), prefix);
  table.empty = empty;
  return sm_import_read_table (b, kind, &table, error);
}

/**
 * sm_import_csv:
 * @stakeholders_csv: one stakeholder a row; the header names the fields
 * @relationships_csv: (nullable): one relationship a row, with source and
 *   target given by id or by name
 *
 * Builds a map from spreadsheets. Columns named like fields of the format
 * (in any case, nested members with dots: "remuneration.time_paid") are
 * read as those fields; other columns are kept as text members.
 */
SmMap *
sm_import_csv (GBytes  *stakeholders_csv,
               GBytes  *relationships_csv,
               GError **error)
{
  return sm_import_csv_full (stakeholders_csv, relationships_csv, NULL, error);
}

/**
 * sm_import_csv_full:
 * @warnings: (out) (optional): what the import changed or kept aside
 *
 * As sm_import_csv(), telling what it did that the user should know.
 */
SmMap *
sm_import_csv_full (GBytes  *stakeholders_csv,
                    GBytes  *relationships_csv,
                    GStrv   *warnings,
                    GError **error)
{
  g_auto(SmImportBuilder) b = { 0 };
  g_autoptr(SmMap) map = NULL;

  g_return_val_if_fail (stakeholders_csv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sm_import_builder_init (&b, TRUE);
  if (!read_csv (&b, SM_RECORD_STAKEHOLDER, stakeholders_csv, error))
    return NULL;
  if (relationships_csv != NULL && !read_csv (&b, SM_RECORD_RELATIONSHIP, relationships_csv, error))
    return NULL;
  map = sm_import_builder_finish (&b, error);
  if (map != NULL && warnings != NULL)
    *warnings = sm_import_builder_steal_warnings (&b);
  return g_steal_pointer (&map);
}

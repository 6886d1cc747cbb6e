/* sm-import-xlsx.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Maps from workbooks (.xlsx): Kumu's "Elements" and "Connections", or a
 * register kept in Excel or LibreOffice. The zip is read with libarchive,
 * the XML with GMarkup (no DTDs, no external entities), and each sheet's
 * rows go through the same header matching and row reading as CSV's
 * (sm_import_read_table()). */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-import-private.h"

/* A workbook's members are small; a member that unpacks to more is a zip
 * bomb, or no stakeholder map. */
#define XLSX_MAX_MEMBER ((gint64) 256 * 1024 * 1024)
#define XLSX_MAX_TOTAL ((gint64) 512 * 1024 * 1024)
#define XLSX_MAX_MEMBERS 10000
#define XLSX_MAX_SHEETS 1000
#define XLSX_MAX_ROW 1048576 /* as Excel */
#define XLSX_PARSE_PIECE (1024 * 1024)
/* Cells, empty ones included, that the rows kept would spread over: a
 * short row can name a far column, which CSV would spell out cell by
 * cell. */
#define XLSX_MAX_SLOTS 100000000

/* A row as the sheet gives it: only the cells with text in them, so that
 * a cell far to the right costs no more than one beside the last. */
typedef struct
{
  guint  number;  /* 1-based, as the sheet says */
  guint  width;   /* the last column with text, + 1 */
  guint *columns; /* of each of cells, from 0, rising */
  GStrv  cells;
} XlsxRow;

typedef struct
{
  char       *name;
  char       *path;      /* the member: "xl/worksheets/sheet1.xml" */
  GArray     *rows;      /* XlsxRow, only those with something in them */
  GHashTable *headers;   /* header, lower case → column index + 1 */
  guint       next;      /* the row sm_import_read_table() reads next */
  gboolean    truncated; /* stopped reading past the row budget */
} XlsxSheet;

typedef struct
{
  GHashTable *members; /* name → GBytes */
  GPtrArray  *strings; /* the shared strings */
  GPtrArray  *sheets;  /* XlsxSheet, in the workbook's order */
  XlsxSheet  *tables[2];
  GArray     *date_styles; /* gboolean, by cell style: shows a date */
  gboolean    date1904;    /* days counted from 1904, as old Mac Excel did */
  guint64     cells;       /* filled cells read, in all sheets */
  guint64     bytes;
  guint64     slots;  /* cells, empty ones included, of the rows kept */
  guint64     parsed; /* bytes of XML read, all passes over all members */
} XlsxReader;

static void
xlsx_row_clear (gpointer data)
{
  XlsxRow *row = data;

  g_strfreev (row->cells);
  g_free (row->columns);
}

static void
xlsx_sheet_free (gpointer data)
{
  XlsxSheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->path);
  g_clear_pointer (&sheet->rows, g_array_unref);
  g_clear_pointer (&sheet->headers, g_hash_table_unref);
  g_free (sheet);
}

static void
xlsx_reader_clear (XlsxReader *r)
{
  g_clear_pointer (&r->members, g_hash_table_unref);
  g_clear_pointer (&r->strings, g_ptr_array_unref);
  g_clear_pointer (&r->sheets, g_ptr_array_unref);
  g_clear_pointer (&r->date_styles, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XlsxReader, xlsx_reader_clear)

/* "Connections", or 'My sheet' as spreadsheets quote a name with spaces. */
static char *
quote_sheet_name (const char *name)
{
  g_autoptr(GString) out = NULL;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && (guchar) *p < 0x80)
      goto quote;
  return g_strdup (name);

quote:
  out = g_string_new ("'");
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
column_letters (guint index)
{
  char  buffer[8];
  char *p = buffer + sizeof buffer - 1;

  *p = '\0';
  index++;
  while (index > 0 && p > buffer)
    {
      *--p = 'A' + (index - 1) % 26;
      index = (index - 1) / 26;
    }
  return g_strdup (p);
}

static char *
cell_name (const XlsxSheet *sheet,
           guint            column,
           guint            row)
{
  g_autofree char *quoted = quote_sheet_name (sheet->name);
  g_autofree char *letters = column_letters (column);

  return g_strdup_printf ("%s!%s%u", quoted, letters, row);
}

/* Where a row or a cell of a sheet is: "Connections!B7", or
 * "Connections, row 7". */
static char *
sheet_locate (gpointer     source,
              SmRecordKind kind,
              guint        line,
              const char  *column)
{
  XlsxSheet       *sheet = source;
  g_autofree char *quoted = quote_sheet_name (sheet->name);
  g_autofree char *lower = column != NULL ? g_utf8_strdown (column, -1) : NULL;
  guint            index = lower != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (sheet->headers, lower)) : 0;

  if (index > 0)
    return cell_name (sheet, index - 1, line);
  if (column != NULL)
    return g_strdup_printf (_ ("%s, row %u, column \"%s\""), quoted, line, column);
  return g_strdup_printf (_ ("%s, row %u"), quoted, line);
}

/* The same, for the builder, which knows only the kind of record. */
static char *
xlsx_locate (gpointer     source,
             SmRecordKind kind,
             guint        line,
             const char  *column)
{
  XlsxReader *r = source;

  return sheet_locate (r->tables[SM_IMPORT_SLOT (kind)], kind, line, column);
}

static gboolean
xlsx_next_row (gpointer   source,
               GPtrArray *cells,
               guint     *line,
               GError   **error)
{
  XlsxSheet *sheet = source;
  XlsxRow   *row;

  g_ptr_array_set_size (cells, 0);
  if (sheet->next >= sheet->rows->len)
    return FALSE;
  row = &g_array_index (sheet->rows, XlsxRow, sheet->next++);
  for (guint i = 0; row->cells[i] != NULL; i++)
    {
      while (cells->len < row->columns[i])
        g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, g_strdup (row->cells[i]));
    }
  *line = row->number;
  return TRUE;
}

/* The zip */

/* Only what the rows need: a pivot table's cache, drawings and the like
 * are passed over unread, however big. */
static gboolean
member_wanted (const char *name)
{
  return strcmp (name, "xl/workbook.xml") == 0 || strcmp (name, "xl/_rels/workbook.xml.rels") == 0 ||
         strcmp (name, "xl/sharedStrings.xml") == 0 || strcmp (name, "xl/styles.xml") == 0 ||
         (g_str_has_prefix (name, "xl/worksheets/") && g_str_has_suffix (name, ".xml") && strchr (name + 14, '/') == NULL);
}

/* Reads the XML members of the zip in @data into @r->members, each up to
 * XLSX_MAX_MEMBER and all up to XLSX_MAX_TOTAL. */
static gboolean
read_members (XlsxReader *r,
              GBytes     *data,
              GError    **error)
{
  struct archive *a = NULL;
  const guchar   *bytes;
  gsize           length;
  gint64          total = 0;
  guint           count = 0;
  gboolean        ok = FALSE;

  bytes = g_bytes_get_data (data, &length);
  if (length >= 8 && memcmp (bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_UNSUPPORTED,
                           _ ("this is not an .xlsx workbook but an older Excel file (.xls), or a "
                              "workbook locked with a password; open it in the spreadsheet and save "
                              "it as .xlsx without a password"));
      return FALSE;
    }
  if (length < 4 || memcmp (bytes, "PK", 2) != 0)
    {
      g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                           _ ("this is not an .xlsx workbook (one is a zip archive, and this is not); "
                              "save it from the spreadsheet as .xlsx, or each sheet as CSV"));
      return FALSE;
    }

  a = archive_read_new ();
  archive_read_support_format_zip_seekable (a);
  if (archive_read_open_memory (a, bytes, length) != ARCHIVE_OK)
    goto damaged;

  for (;;)
    {
      struct archive_entry *entry;
      const char           *name;
      int                   status = archive_read_next_header (a, &entry);
      g_autoptr(GByteArray) content = NULL;

      if (status == ARCHIVE_EOF)
        break;
      if (status < ARCHIVE_WARN)
        goto damaged;
      if (++count > XLSX_MAX_MEMBERS)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("the workbook holds more than %d files; no real workbook does"), XLSX_MAX_MEMBERS);
          goto out;
        }
      name = archive_entry_pathname (entry);
      if (name == NULL || !member_wanted (name))
        continue;
      if (archive_entry_is_encrypted (entry))
        {
          g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_UNSUPPORTED,
                               _ ("the workbook is encrypted; save it again without a password"));
          goto out;
        }
      if (g_hash_table_contains (r->members, name))
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("the workbook holds “%s” twice; it is damaged"), name);
          goto out;
        }

      content = g_byte_array_new ();
      for (;;)
        {
          guchar  buffer[65536];
          ssize_t n = archive_read_data (a, buffer, sizeof buffer);

          if (n == 0)
            break;
          if (n < 0)
            {
              if (archive_entry_is_encrypted (entry) || archive_read_has_encrypted_entries (a) > 0)
                g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_UNSUPPORTED,
                                     _ ("the workbook is encrypted; save it again without a password"));
              else
                g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                             _ ("“%s” in the workbook cannot be read (%s); the file is damaged or cut short"),
                             name, archive_error_string (a) != NULL ? archive_error_string (a) : "?");
              goto out;
            }
          if ((gint64) content->len + n > XLSX_MAX_MEMBER || total + n > XLSX_MAX_TOTAL)
            {
              g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                           (gint64) content->len + n > XLSX_MAX_MEMBER
                             ? _ ("“%s” in the workbook unpacks to more than %d MiB; no real workbook "
                                  "does (a zip bomb?)")
                             : _ ("“%s”: the workbook unpacks to more than %d MiB in all; no real "
                                  "workbook does (a zip bomb?)"),
                           name,
                           (int) (((gint64) content->len + n > XLSX_MAX_MEMBER ? XLSX_MAX_MEMBER : XLSX_MAX_TOTAL) /
                                  (1024 * 1024)));
              goto out;
            }
          g_byte_array_append (content, buffer, n);
          total += n;
        }
      g_hash_table_insert (r->members, g_strdup (name), g_byte_array_free_to_bytes (g_steal_pointer (&content)));
    }
  ok = TRUE;
  goto out;

damaged:
  g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
               _ ("the workbook cannot be read as a zip archive (%s); the file is damaged or cut short"),
               archive_error_string (a) != NULL ? archive_error_string (a) : "?");
out:
  archive_read_free (a);
  return ok;
}

/* The XML */

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
find_attribute (const char  *wanted,
                const char **names,
                const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (local_name (names[i]), wanted) == 0)
      return values[i];
  return NULL;
}

typedef struct
{
  XlsxReader *r;
  const char *member;
  guint       depth;

  /* styles.xml */
  GHashTable *formats;    /* numFmtId → formatCode */
  GArray     *xf_formats; /* guint, numFmtId of each cell style */
  gboolean    in_cell_xfs;

  /* workbook.xml and its relationships */
  GPtrArray  *sheet_ids; /* char *, beside r->sheets */
  GHashTable *targets;   /* relationship id → member */

  /* shared strings and sheets: the text being read */
  GString *text;
  gboolean in_text;  /* inside <t> (not in <rPh>) or <v> */
  guint    phonetic; /* inside <rPh> */

  /* sheets */
  XlsxSheet *sheet;
  GPtrArray *row;         /* char *, this row's cells with text */
  GArray    *row_columns; /* guint, the column of each */
  guint      next_column; /* where a cell with no reference is */
  guint      row_number;
  guint      column; /* the cell being read */
  char      *type;   /* its t="" */
  guint      style;  /* its s="" */
  gboolean   has_value;
  gboolean   header_only; /* a sheet that may not be read: its first row is enough */
  gboolean   stop;        /* past the row budget, or the header read: the rest is not needed */
} Parse;

static gboolean
depth_ok (Parse   *p,
          GError **error)
{
  if (++p->depth > SM_IMPORT_MAX_DEPTH)
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                   _ ("“%s”: elements nested more than %d deep"), p->member, SM_IMPORT_MAX_DEPTH);
      return FALSE;
    }
  return TRUE;
}

static void
parse_end_cb (GMarkupParseContext *context,
              const char          *element,
              gpointer             user_data,
              GError             **error)
{
  Parse *p = user_data;

  p->depth--;
}

static void
workbook_start_cb (GMarkupParseContext *context,
                   const char          *element,
                   const char         **names,
                   const char         **values,
                   gpointer             user_data,
                   GError             **error)
{
  Parse      *p = user_data;
  const char *local = local_name (element);

  if (!depth_ok (p, error))
    return;
  if (strcmp (local, "workbookPr") == 0)
    {
      const char *date1904 = find_attribute ("date1904", names, values);

      p->r->date1904 = date1904 != NULL && (strcmp (date1904, "1") == 0 || strcmp (date1904, "true") == 0);
    }
  else if (strcmp (local, "sheet") == 0)
    {
      const char *name = find_attribute ("name", names, values);
      const char *id = find_attribute ("id", names, values);
      XlsxSheet  *sheet;

      if (p->r->sheets->len >= XLSX_MAX_SHEETS)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("the workbook has more than %d sheets"), XLSX_MAX_SHEETS);
          return;
        }
      sheet = g_new0 (XlsxSheet, 1);
      sheet->name = g_strdup (name != NULL ? name : "");
      g_ptr_array_add (p->r->sheets, sheet);
      g_ptr_array_add (p->sheet_ids, g_strdup (id != NULL ? id : ""));
    }
  else if (strcmp (local, "Relationship") == 0)
    {
      const char *id = find_attribute ("Id", names, values);
      const char *target = find_attribute ("Target", names, values);

      if (id != NULL && target != NULL)
        g_hash_table_insert (p->targets, g_strdup (id),
                             target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL));
    }
}

static void
strings_start_cb (GMarkupParseContext *context,
                  const char          *element,
                  const char         **names,
                  const char         **values,
                  gpointer             user_data,
                  GError             **error)
{
  Parse      *p = user_data;
  const char *local = local_name (element);

  if (!depth_ok (p, error))
    return;
  if (strcmp (local, "si") == 0)
    g_string_truncate (p->text, 0);
  else if (strcmp (local, "rPh") == 0)
    p->phonetic++;
  else if (strcmp (local, "t") == 0 && p->phonetic == 0)
    p->in_text = TRUE;
}

static void
strings_end_cb (GMarkupParseContext *context,
                const char          *element,
                gpointer             user_data,
                GError             **error)
{
  Parse      *p = user_data;
  const char *local = local_name (element);

  p->depth--;
  if (strcmp (local, "t") == 0)
    p->in_text = FALSE;
  else if (strcmp (local, "rPh") == 0 && p->phonetic > 0)
    p->phonetic--;
  else if (strcmp (local, "si") == 0)
    {
      p->r->bytes += p->text->len;
      if (p->r->strings->len >= SM_IMPORT_MAX_VALUES || p->r->bytes > SM_IMPORT_MAX_TEXT)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("“%s”: more than %d texts or %d MiB of them; no real map is this big"),
                       p->member, SM_IMPORT_MAX_VALUES, SM_IMPORT_MAX_TEXT / (1024 * 1024));
          return;
        }
      /* Spaces are read as an empty cell: kept as one, they cost nothing
       * each time a cell uses them. */
      g_ptr_array_add (p->r->strings, g_strdup (sm_import_is_blank (p->text->str) ? "" : p->text->str));
    }
}

static void
text_cb (GMarkupParseContext *context,
         const char          *text,
         gsize                length,
         gpointer             user_data,
         GError             **error)
{
  Parse *p = user_data;

  if (p->in_text)
    {
      if (p->text->len + length > SM_IMPORT_MAX_TEXT)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("“%s”: a text of more than %d MiB"), p->member, SM_IMPORT_MAX_TEXT / (1024 * 1024));
          return;
        }
      g_string_append_len (p->text, text, length);
    }
}

/* "BC12": the column (from 0) and the row; FALSE if it is not a cell. */
static gboolean
parse_reference (const char *reference,
                 guint      *column,
                 guint      *row)
{
  guint64     c = 0, n = 0;
  const char *s = reference;

  for (; g_ascii_isalpha (*s); s++)
    {
      c = c * 26 + (g_ascii_toupper (*s) - 'A' + 1);
      if (c > SM_IMPORT_MAX_COLUMNS + 1)
        return FALSE;
    }
  for (; g_ascii_isdigit (*s); s++)
    {
      n = n * 10 + (*s - '0');
      if (n > XLSX_MAX_ROW)
        return FALSE;
    }
  if (*s != '\0' || c == 0 || n == 0)
    return FALSE;
  *column = c - 1;
  *row = n;
  return TRUE;
}

static gboolean
row_has_text (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    if (!sm_import_is_blank (g_ptr_array_index (row, i)))
      return TRUE;
  return FALSE;
}

static void
sheet_start_cb (GMarkupParseContext *context,
                const char          *element,
                const char         **names,
                const char         **values,
                gpointer             user_data,
                GError             **error)
{
  Parse      *p = user_data;
  const char *local = local_name (element);

  if (!depth_ok (p, error))
    return;
  if (strcmp (local, "row") == 0)
    {
      const char *r = find_attribute ("r", names, values);
      guint64     number = p->row_number + 1;

      if (r != NULL)
        number = g_ascii_strtoull (r, NULL, 10);
      if (number == 0 || number > XLSX_MAX_ROW)
        {
          g_autofree char *quoted = quote_sheet_name (p->sheet->name);

          if (r != NULL)
            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                         _ ("%s: the row number “%s” is not one a sheet has (1 to %d)"), quoted, r,
                         XLSX_MAX_ROW);
          else
            g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                         _ ("%s: more than %d rows; a sheet has no more"), quoted, XLSX_MAX_ROW);
          return;
        }
      p->row_number = number;
      p->column = 0;
      p->next_column = 0;
      g_ptr_array_set_size (p->row, 0);
      g_array_set_size (p->row_columns, 0);
    }
  else if (strcmp (local, "c") == 0)
    {
      const char *r = find_attribute ("r", names, values);
      guint       column = p->next_column, row = p->row_number;

      if (r != NULL && !parse_reference (r, &column, &row))
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("%s: “%s” is not a cell of the sheet (at most %d columns)"),
                       p->sheet->name, r, SM_IMPORT_MAX_COLUMNS);
          return;
        }
      if (column >= SM_IMPORT_MAX_COLUMNS || column < p->next_column)
        {
          g_autofree char *where = cell_name (p->sheet, MIN (column, SM_IMPORT_MAX_COLUMNS), p->row_number);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       column < p->next_column ? _ ("%s: this cell comes twice, or out of order")
                                               : _ ("%s: more than %d cells in one row"),
                       where, SM_IMPORT_MAX_COLUMNS);
          return;
        }
      p->column = column;
      p->next_column = column + 1;
      g_free (p->type);
      p->type = g_strdup (find_attribute ("t", names, values));
      p->style = (guint) MIN (g_ascii_strtoull (find_attribute ("s", names, values) != NULL
                                                  ? find_attribute ("s", names, values)
                                                  : "0",
                                                NULL, 10),
                              G_MAXUINT);
      g_string_truncate (p->text, 0);
      p->has_value = FALSE;
    }
  else if (strcmp (local, "v") == 0)
    {
      g_string_truncate (p->text, 0);
      p->in_text = TRUE;
      p->has_value = TRUE;
    }
  else if (strcmp (local, "is") == 0)
    {
      g_string_truncate (p->text, 0);
      p->has_value = TRUE;
    }
  else if (strcmp (local, "rPh") == 0)
    p->phonetic++;
  else if (strcmp (local, "t") == 0 && p->phonetic == 0)
    p->in_text = TRUE;
}

/* Text as OOXML escapes it: "_x000D_" is a carriage return, "_x005F_" a
 * "_" (so "_x005F_x0041_" is the text "_x0041_"). */
static char *
unescape_text (const char *text)
{
  GString *out;

  if (strstr (text, "_x") == NULL)
    return g_strdup (text);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8) |
                       (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c != 0 && g_unichar_validate (c))
            {
              g_string_append_unichar (out, c);
              p += 7;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Styles: which cell styles show a date. */

static void
styles_start_cb (GMarkupParseContext *context,
                 const char          *element,
                 const char         **names,
                 const char         **values,
                 gpointer             user_data,
                 GError             **error)
{
  Parse      *p = user_data;
  const char *local = local_name (element);

  if (!depth_ok (p, error))
    return;
  if (strcmp (local, "numFmt") == 0)
    {
      const char *id = find_attribute ("numFmtId", names, values);
      const char *code = find_attribute ("formatCode", names, values);

      if (id != NULL && code != NULL)
        g_hash_table_insert (p->formats, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                             g_strdup (code));
    }
  else if (strcmp (local, "cellXfs") == 0)
    p->in_cell_xfs = TRUE;
  else if (strcmp (local, "xf") == 0 && p->in_cell_xfs && p->xf_formats->len < SM_IMPORT_MAX_VALUES)
    {
      const char *id = find_attribute ("numFmtId", names, values);
      guint       format = id != NULL ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;

      g_array_append_val (p->xf_formats, format);
    }
}

static void
styles_end_cb (GMarkupParseContext *context,
               const char          *element,
               gpointer             user_data,
               GError             **error)
{
  Parse *p = user_data;

  p->depth--;
  if (strcmp (local_name (element), "cellXfs") == 0)
    p->in_cell_xfs = FALSE;
}

/* Whether a number format shows a date or a time: Excel's own (14–22,
 * 45–47), or a code with d, m, y, h or s outside quotes and brackets. */
static gboolean
format_is_date (guint       id,
                const char *code)
{
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
    return TRUE;
  if (code == NULL)
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    {
      if (*c == '"')
        {
          c = strchr (c + 1, '"');
          if (c == NULL)
            return FALSE;
        }
      else if (*c == '[')
        {
          c = strchr (c + 1, ']');
          if (c == NULL)
            return FALSE;
        }
      else if (*c == '\\' && c[1] != '\0')
        c++;
      else if (strchr ("dDmMyYhHsS", *c) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A date cell's number of days as the format writes dates
 * ("2024-01-01", or "2024-01-01T09:30:00" with a time); NULL if it is
 * none. Day 60 of 1900 is Excel's 29 February 1900, which never was. */
static char *
serial_to_date (const char *text,
                gboolean    date1904)
{
  char  *end = NULL;
  double serial = g_ascii_strtod (text, &end);
  gint64 days, seconds;
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (end == text || *end != '\0' || !(serial >= 1 && serial < 2958466)) /* to 9999-12-31 */
    return NULL;
  days = (gint64) serial;
  seconds = (gint64) ((serial - (double) days) * 86400.0 + 0.5);
  if (date1904)
    base = g_date_time_new_utc (1904, 1, 1, 0, 0, 0);
  else
    base = days >= 61 ? g_date_time_new_utc (1899, 12, 30, 0, 0, 0) : g_date_time_new_utc (1899, 12, 31, 0, 0, 0);
  if (!date1904 && days == 60)
    return NULL;
  when = g_date_time_add_seconds (base, (double) (days * 86400 + seconds));
  if (when == NULL)
    return NULL;
  return g_date_time_format (when, seconds == 0 ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%S");
}

/* The text of the cell just read, as CSV would hold it. */
static char *
cell_text (Parse   *p,
           GError **error)
{
  const char *type = p->type != NULL ? p->type : "n";

  if (!p->has_value)
    return g_strdup ("");
  if (strcmp (type, "s") == 0)
    {
      char   *end = NULL;
      guint64 index = g_ascii_strtoull (p->text->str, &end, 10);

      if (end == p->text->str || *end != '\0' || index >= p->r->strings->len)
        {
          g_autofree char *where = cell_name (p->sheet, p->column, p->row_number);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("%s: the shared text “%s” is not in the workbook; it is damaged"), where,
                       p->text->str);
          return NULL;
        }
      return unescape_text (g_ptr_array_index (p->r->strings, index));
    }
  if (strcmp (type, "b") == 0)
    return g_strdup (strcmp (p->text->str, "0") == 0 ? "false" : "true");
  if (strcmp (type, "inlineStr") == 0 || strcmp (type, "str") == 0)
    return unescape_text (p->text->str);
  if (strcmp (type, "n") == 0 && p->r->date_styles != NULL && p->style < p->r->date_styles->len &&
      g_array_index (p->r->date_styles, gboolean, p->style))
    {
      char *date = serial_to_date (p->text->str, p->r->date1904);

      if (date != NULL)
        return date;
    }
  /* Numbers as written ("2", "0.5", "1E-3"); errors ("#N/A") and dates
   * as text. */
  return g_strdup (p->text->str);
}

static void
sheet_end_cb (GMarkupParseContext *context,
              const char          *element,
              gpointer             user_data,
              GError             **error)
{
  Parse      *p = user_data;
  const char *local = local_name (element);

  p->depth--;
  if (strcmp (local, "v") == 0 || strcmp (local, "t") == 0)
    p->in_text = FALSE;
  else if (strcmp (local, "rPh") == 0 && p->phonetic > 0)
    p->phonetic--;
  else if (strcmp (local, "c") == 0)
    {
      char *text = cell_text (p, error);

      if (text == NULL)
        return;
      /* A cell of spaces is read as empty, so it is not kept; every cell
       * kept is a copy, so each use of a shared text counts. */
      if (sm_import_is_blank (text))
        {
          g_free (text);
          return;
        }
      p->r->cells++;
      p->r->bytes += strlen (text);
      if (p->r->cells > SM_IMPORT_MAX_VALUES || p->r->bytes > SM_IMPORT_MAX_TEXT)
        {
          g_autofree char *where = cell_name (p->sheet, p->column, p->row_number);

          g_free (text);
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("%s: more than %d filled cells, or %d MiB of text in them; no real map is "
                          "this big"),
                       where, SM_IMPORT_MAX_VALUES, SM_IMPORT_MAX_TEXT / (1024 * 1024));
          return;
        }
      g_ptr_array_add (p->row, text);
      g_array_append_val (p->row_columns, p->column);
    }
  else if (strcmp (local, "row") == 0 && row_has_text (p->row))
    {
      XlsxRow row = { p->row_number, 0, NULL, NULL };

      row.width = g_array_index (p->row_columns, guint, p->row_columns->len - 1) + 1;
      p->r->slots += row.width;
      if (p->r->slots > XLSX_MAX_SLOTS)
        {
          g_autofree char *quoted = quote_sheet_name (p->sheet->name);

          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("%s, row %u: more than %d cells in all, empty ones included; no real map is this big"),
                       quoted, p->row_number, XLSX_MAX_SLOTS);
          return;
        }
      g_ptr_array_add (p->row, NULL);
      row.cells = (GStrv) g_ptr_array_steal (p->row, NULL);
      row.columns = (guint *) g_array_steal (p->row_columns, NULL);
      g_array_append_val (p->sheet->rows, row);
      /* The header and one row past the budget are enough to refuse it. */
      if (p->header_only || p->sheet->rows->len > SM_IMPORT_MAX_ROWS + 1)
        {
          p->sheet->truncated = !p->header_only;
          p->stop = TRUE;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
        }
    }
}

static gboolean
parse_member (Parse               *p,
              const char          *member,
              const GMarkupParser *parser,
              gboolean             required,
              GError             **error)
{
  GBytes *bytes = g_hash_table_lookup (p->r->members, member);
  g_autoptr(GMarkupParseContext) context = NULL;
  GError     *local_error = NULL;
  const char *data;
  gsize       length;

  if (bytes == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                   _ ("the workbook has no “%s”; is it an .xlsx workbook?"), member);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);
  p->member = member;
  p->depth = 0;
  context = g_markup_parse_context_new (parser, 0, p, NULL);
  /* Fed a piece at a time, so that what is read is what is counted: a
   * sheet whose header is all that is wanted costs its first piece. */
  for (gsize offset = 0; offset < length;)
    {
      gsize piece = MIN (length - offset, XLSX_PARSE_PIECE);

      p->r->parsed += piece;
      if (p->r->parsed > XLSX_MAX_TOTAL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_TOO_LARGE,
                       _ ("“%s”: the workbook has more than %d MiB of sheets to read; no real map "
                          "is this big"),
                       member, (int) (XLSX_MAX_TOTAL / (1024 * 1024)));
          return FALSE;
        }
      if (!g_markup_parse_context_parse (context, data + offset, piece, &local_error))
        break;
      offset += piece;
    }
  if (local_error == NULL && g_markup_parse_context_end_parse (context, &local_error))
    return TRUE;
  if (p->stop)
    {
      g_clear_error (&local_error);
      return TRUE;
    }
  if (local_error->domain == SM_IMPORT_ERROR)
    g_propagate_error (error, local_error);
  else
    {
      g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                   _ ("“%s” in the workbook is not well-formed XML: %s"), member, local_error->message);
      g_error_free (local_error);
    }
  return FALSE;
}

/* The rows of @sheet with something in them; with @header_only, the
 * first such row only. */
static gboolean
parse_sheet (XlsxReader *r,
             XlsxSheet  *sheet,
             gboolean    header_only,
             GError    **error)
{
  static const GMarkupParser sheet_parser = { sheet_start_cb, sheet_end_cb, text_cb, NULL, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  Parse    p = { .r = r, .text = text, .sheet = sheet, .header_only = header_only };
  gboolean ok;

  g_array_set_size (sheet->rows, 0);
  p.row = g_ptr_array_new_with_free_func (g_free);
  p.row_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  ok = parse_member (&p, sheet->path, &sheet_parser, TRUE, error);
  g_clear_pointer (&p.row, g_ptr_array_unref);
  g_clear_pointer (&p.row_columns, g_array_unref);
  g_clear_pointer (&p.type, g_free);
  return ok;
}

static gboolean
read_workbook (XlsxReader *r,
               GError    **error)
{
  static const GMarkupParser workbook_parser = { workbook_start_cb, parse_end_cb, NULL, NULL, NULL };
  static const GMarkupParser strings_parser = { strings_start_cb, strings_end_cb, text_cb, NULL, NULL };
  static const GMarkupParser styles_parser = { styles_start_cb, styles_end_cb, NULL, NULL, NULL };
  gboolean                   ok;
  guint64                    cells, bytes, slots;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  Parse p = { .r = r, .sheet_ids = ids, .targets = targets, .text = text };

  if (!parse_member (&p, "xl/workbook.xml", &workbook_parser, TRUE, error) ||
      !parse_member (&p, "xl/_rels/workbook.xml.rels", &workbook_parser, TRUE, error) ||
      !parse_member (&p, "xl/sharedStrings.xml", &strings_parser, FALSE, error))
    return FALSE;

  /* Which cell styles show dates: those cells are written as dates. */
  p.formats = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  p.xf_formats = g_array_new (FALSE, FALSE, sizeof (guint));
  ok = parse_member (&p, "xl/styles.xml", &styles_parser, FALSE, error);
  r->date_styles = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), p.xf_formats->len);
  for (guint i = 0; i < p.xf_formats->len; i++)
    {
      guint    id = g_array_index (p.xf_formats, guint, i);
      gboolean date = format_is_date (id, g_hash_table_lookup (p.formats, GUINT_TO_POINTER (id)));

      g_array_append_val (r->date_styles, date);
    }
  g_clear_pointer (&p.formats, g_hash_table_unref);
  g_clear_pointer (&p.xf_formats, g_array_unref);
  if (!ok)
    return FALSE;

  /* Two sheets on one worksheet would have it read twice; no spreadsheet
   * writes that. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < r->sheets->len; i++)
    {
      XlsxSheet  *sheet = g_ptr_array_index (r->sheets, i);
      const char *path = g_hash_table_lookup (targets, g_ptr_array_index (ids, i));
      XlsxSheet  *other;

      if (path == NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("the workbook does not say where its sheet “%s” is; it is damaged"), sheet->name);
          return FALSE;
        }
      other = g_hash_table_lookup (seen, path);
      if (other != NULL)
        {
          g_set_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_SYNTAX,
                       _ ("the sheets “%s” and “%s” are the same worksheet (“%s”); the workbook is damaged"),
                       other->name, sheet->name, path);
          return FALSE;
        }
      sheet->path = g_strdup (path);
      g_hash_table_insert (seen, sheet->path, sheet);
      sheet->rows = g_array_new (FALSE, FALSE, sizeof (XlsxRow));
      g_array_set_clear_func (sheet->rows, xlsx_row_clear);
      sheet->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  /* Only the header of each sheet, to choose the two to read: the budgets
   * spent on it are spent again when a sheet is read in full. */
  cells = r->cells;
  bytes = r->bytes;
  slots = r->slots;
  for (guint i = 0; i < r->sheets->len; i++)
    {
      XlsxSheet *sheet = g_ptr_array_index (r->sheets, i);

      if (!parse_sheet (r, sheet, TRUE, error))
        return FALSE;

      /* Its header, for the cells' names in messages. */
      if (sheet->rows->len > 0)
        {
          XlsxRow *header = &g_array_index (sheet->rows, XlsxRow, 0);

          for (guint c = 0, k = 0; c < header->width; c++)
            {
              const char      *cell = header->columns[k] == c ? header->cells[k++] : "";
              g_autofree char *name = !sm_import_is_blank (cell) ? g_strstrip (g_strdup (cell))
                                                                 : g_strdup_printf ("column_%u", c + 1);
              char            *lower = g_utf8_strdown (name, -1);

              if (!g_hash_table_contains (sheet->headers, lower))
                g_hash_table_insert (sheet->headers, lower, GUINT_TO_POINTER (c + 1));
              else
                g_free (lower);
            }
        }
    }
  r->cells = cells;
  r->bytes = bytes;
  r->slots = slots;
  return TRUE;
}

/* Which sheets are read */

static gboolean
sheet_has_header (XlsxSheet  *sheet,
                  const char *a,
                  const char *b)
{
  return g_hash_table_contains (sheet->headers, a) && g_hash_table_contains (sheet->headers, b);
}

static XlsxSheet *
find_sheet (XlsxReader *r,
            const char *name)
{
  for (guint i = 0; i < r->sheets->len; i++)
    {
      XlsxSheet *sheet = g_ptr_array_index (r->sheets, i);

      if (g_ascii_strcasecmp (sheet->name, name) == 0)
        return sheet;
    }
  return NULL;
}

/* Kumu's "Elements" and "Connections"; otherwise the first sheet with
 * source and target (or From and To) columns holds the relationships, and
 * the first other sheet with anything in it the stakeholders. */
static gboolean
choose_sheets (XlsxReader      *r,
               SmImportBuilder *b,
               GError         **error)
{
  XlsxSheet *people = find_sheet (r, "Elements");
  XlsxSheet *ties = find_sheet (r, "Connections");

  if (ties == NULL)
    for (guint i = 0; i < r->sheets->len && ties == NULL; i++)
      {
        XlsxSheet *sheet = g_ptr_array_index (r->sheets, i);

        if (sheet != people &&
            (sheet_has_header (sheet, "source", "target") || sheet_has_header (sheet, "from", "to")))
          ties = sheet;
      }
  for (guint i = 0; i < r->sheets->len && people == NULL; i++)
    {
      XlsxSheet *sheet = g_ptr_array_index (r->sheets, i);

      if (sheet != ties && sheet->rows->len > 0)
        people = sheet;
    }
  if (people == NULL)
    {
      g_set_error_literal (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_EMPTY,
                           ties != NULL ? _ ("the workbook has a sheet of relationships but none of "
                                             "stakeholders; add a sheet with a \"name\" (or \"Label\") column")
                                        : _ ("the workbook is empty; expected a sheet of stakeholders with a "
                                             "header row naming the columns"));
      return FALSE;
    }
  r->tables[0] = people;
  r->tables[1] = ties;

  for (guint i = 0; i < r->sheets->len; i++)
    {
      XlsxSheet       *sheet = g_ptr_array_index (r->sheets, i);
      g_autofree char *quoted = quote_sheet_name (sheet->name);

      if (sheet != people && sheet != ties && sheet->rows->len > 0)
        sm_import_builder_warn (b, _ ("%s: this sheet was not read; a workbook gives one sheet of "
                                      "stakeholders and one of relationships"),
                                quoted);
    }
  return TRUE;
}

static gboolean
read_sheet (XlsxReader      *r,
            SmImportBuilder *b,
            SmRecordKind     kind,
            GError         **error)
{
  XlsxSheet       *sheet = r->tables[SM_IMPORT_SLOT (kind)];
  g_autofree char *quoted = quote_sheet_name (sheet->name);
  g_autofree char *prefix = g_strdup_printf ("%s: ", quoted);
  g_autofree char *empty = g_strdup_printf (_ ("%s: the sheet is empty; expected a header row naming the "
                                               "columns"),
                                            quoted);
  SmImportTable    table = { xlsx_next_row, sheet_locate, sheet, prefix, empty };

  return sm_import_read_table (b, kind, &table, error);
}

/**
 * sm_import_xlsx_full:
 * @data: an .xlsx workbook
 * @warnings: (out) (optional): what the import changed or kept aside
 *
 * Builds a map from a workbook: Kumu's "Elements" and "Connections", or
 * a sheet of stakeholders and, beside it, one of relationships (the sheet
 * whose header has source and target, or From and To). Each is read as
 * sm_import_csv() reads a CSV; places are given as cells ("Connections!B7").
 */
SmMap *
sm_import_xlsx_full (GBytes  *data,
                     GStrv   *warnings,
                     GError **error)
{
  g_auto(SmImportBuilder) b = { 0 };
  g_auto(XlsxReader) r = { 0 };
  g_autoptr(SmMap) map = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  r.strings = g_ptr_array_new_with_free_func (g_free);
  r.sheets = g_ptr_array_new_with_free_func (xlsx_sheet_free);
  sm_import_builder_init (&b, TRUE);
  b.locate = xlsx_locate;
  b.locate_source = &r;

  if (!read_members (&r, data, error) || !read_workbook (&r, error) || !choose_sheets (&r, &b, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (r.tables); i++)
    if (r.tables[i] != NULL && !parse_sheet (&r, r.tables[i], FALSE, error))
      return NULL;
  g_clear_pointer (&r.members, g_hash_table_unref);
  if (!read_sheet (&r, &b, SM_RECORD_STAKEHOLDER, error))
    return NULL;
  if (r.tables[1] != NULL && !read_sheet (&r, &b, SM_RECORD_RELATIONSHIP, error))
    return NULL;
  map = sm_import_builder_finish (&b, error);
  if (map != NULL && warnings != NULL)
    *warnings = sm_import_builder_steal_warnings (&b);
  return g_steal_pointer (&map);
}

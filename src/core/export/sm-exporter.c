/* sm-exporter.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The list of exporters, finding one by id or by a file's name, and
 * writing an export to disk safely whatever its format. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-export-private.h"
#include "sm-file-writer.h"

/* Every format, in the order menus offer them. */
static const SmExporter *const exporters[] = {
  &sm_exporter_graphml,
  &sm_exporter_gexf,
  &sm_exporter_csv,
  &sm_exporter_xlsx,
  &sm_exporter_png,
  &sm_exporter_svg,
  &sm_exporter_pdf,
  &sm_exporter_html,
  NULL,
};

/**
 * sm_exporters_get_all:
 *
 * Returns: (transfer none): every exporter, %NULL-terminated
 */
const SmExporter *const *
sm_exporters_get_all (void)
{
  return exporters;
}

/**
 * sm_exporter_lookup:
 * @id: "graphml", "csv", …
 *
 * Returns: (nullable): the exporter with that id
 */
const SmExporter *
sm_exporter_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; exporters[i] != NULL; i++)
    if (strcmp (exporters[i]->id, id) == 0)
      return exporters[i];
  return NULL;
}

/* The extension of @exporter that @path ends in (".csv", in any case),
 * or NULL. */
static const char *
matching_extension (const SmExporter *exporter,
                    const char       *path)
{
  gsize len = strlen (path);

  for (guint e = 0; exporter->extensions[e] != NULL; e++)
    {
      const char *extension = exporter->extensions[e];
      gsize       ext_len = strlen (extension);

      if (len > ext_len && path[len - ext_len - 1] == '.' &&
          g_ascii_strcasecmp (path + len - ext_len, extension) == 0)
        return extension;
    }
  return NULL;
}

/**
 * sm_exporter_guess_for_path:
 * @path: a file name or path, such as "map.graphml" or "People.CSV"
 *
 * Returns: (nullable): the exporter whose extension @path ends in, in any
 *   case; %NULL when none does
 */
const SmExporter *
sm_exporter_guess_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; exporters[i] != NULL; i++)
    if (matching_extension (exporters[i], path) != NULL)
      return exporters[i];
  return NULL;
}

/* The exporter's name for menus and file choosers, translated. */
const char *
sm_exporter_get_label (const SmExporter *exporter)
{
  g_return_val_if_fail (exporter != NULL, NULL);

  return _ (exporter->label);
}

/**
 * sm_exporter_dup_companion_path:
 * @path: the file chosen for the export
 *
 * The second file an exporter writes beside @path: people.csv gives
 * people.relationships.csv. A @path without one of the exporter's
 * extensions keeps all of its name.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL for a format
 *   that is one file
 */
char *
sm_exporter_dup_companion_path (const SmExporter *exporter,
                                const char       *path)
{
  const char *extension;
  gsize       len;

  g_return_val_if_fail (exporter != NULL && path != NULL, NULL);

  if (exporter->companion_suffix == NULL)
    return NULL;
  extension = matching_extension (exporter, path);
  len = strlen (path) - (extension != NULL ? strlen (extension) + 1 : 0);
  return g_strdup_printf ("%.*s%s", (int) len, path, exporter->companion_suffix);
}

gboolean
sm_export_write_all (GOutputStream *stream,
                     GBytes        *bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gsize       size;
  const void *data = g_bytes_get_data (bytes, &size);

  return g_output_stream_write_all (stream, data, size, NULL, cancellable, error);
}

static GBytes *
steal_bytes (GOutputStream *stream)
{
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

/* "consent", "all" or "none", as stakemap-cli convert --names takes them. */
gboolean
sm_export_names_from_string (const char    *text,
                             SmExportNames *names)
{
  g_return_val_if_fail (names != NULL, FALSE);

  if (g_strcmp0 (text, "consent") == 0)
    *names = SM_EXPORT_NAMES_CONSENT;
  else if (g_strcmp0 (text, "all") == 0)
    *names = SM_EXPORT_NAMES_ALL;
  else if (g_strcmp0 (text, "none") == 0)
    *names = SM_EXPORT_NAMES_NONE;
  else
    return FALSE;
  return TRUE;
}

const char *
sm_export_names_to_string (SmExportNames names)
{
  switch (names)
    {
    case SM_EXPORT_NAMES_ALL:
      return "all";
    case SM_EXPORT_NAMES_NONE:
      return "none";
    case SM_EXPORT_NAMES_CONSENT:
    default:
      return "consent";
    }
}

/**
 * sm_exporter_write_bytes:
 * @bytes: (out): the file chosen's contents
 * @companion: (out) (optional): the second file's, for a format that has one
 *
 * The export in memory.
 */
gboolean
sm_exporter_write_bytes (const SmExporter      *exporter,
                         SmMap                 *map,
                         const SmExportOptions *options,
                         GBytes               **bytes,
                         GBytes               **companion,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GOutputStream) second = NULL;

  g_return_val_if_fail (exporter != NULL, FALSE);
  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  stream = g_memory_output_stream_new_resizable ();
  if (exporter->companion_suffix != NULL)
    second = g_memory_output_stream_new_resizable ();
  if (!exporter->write (map, options, stream, second, cancellable, error))
    return FALSE;
  *bytes = steal_bytes (stream);
  if (companion != NULL)
    *companion = second != NULL ? steal_bytes (second) : NULL;
  return TRUE;
}

/* @error's message, with the name of @file in front. */
static void
prefix_with_name (GError **error,
                  GFile   *file)
{
  g_autofree char *name = NULL;

  if (error == NULL || *error == NULL)
    return;
  name = g_file_get_parse_name (file);
  g_prefix_error (error, "%s: ", name);
}

/* Both files are complete on disk before either takes its place, so a
 * full disk or a folder that cannot be written leaves the pair as it was.
 * An error names the file it is about. */
static gboolean
write_pair (GFile             *first,
            GFile             *second,
            GBytes            *first_bytes,
            GBytes            *second_bytes,
            const SmFileStamp *expected,
            GError           **error)
{
  GFile  *files[2] = { first, second };
  GBytes *contents[2] = { first_bytes, second_bytes };
  g_autoptr(SmFileWriter) first_writer = NULL;
  g_autoptr(SmFileWriter) second_writer = NULL;
  SmFileWriter **writers[2] = { &first_writer, &second_writer };

  for (guint i = 0; i < 2; i++)
    {
      gsize       size;
      const char *data = g_bytes_get_data (contents[i], &size);

      *writers[i] = sm_file_writer_open (files[i], SM_FILE_WRITE_NONE, error);
      if (*writers[i] == NULL ||
          !sm_file_writer_write (*writers[i], data, size, error) ||
          !sm_file_writer_sync (*writers[i], error))
        {
          prefix_with_name (error, files[i]);
          return FALSE;
        }
    }

  /* Only the renames are left, which do not fail for want of room. */
  if (!sm_file_writer_commit (g_steal_pointer (&first_writer), expected, NULL, error))
    {
      prefix_with_name (error, first);
      return FALSE;
    }
  if (!sm_file_writer_commit (g_steal_pointer (&second_writer), NULL, NULL, error))
    {
      g_autofree char *first_name = g_file_get_parse_name (first);
      g_autofree char *second_name = g_file_get_parse_name (second);
      g_autoptr(GError) local_error = g_steal_pointer (error);

      g_set_error (error, local_error->domain, local_error->code,
                   _ ("%s was written, but %s could not be: %s"),
                   first_name, second_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * sm_exporter_write_file:
 * @file: the file chosen
 * @companion: (nullable): the second file, for a format that has one (see
 *   sm_exporter_dup_companion_path()); %NULL otherwise
 * @expected: (nullable): what @file was when read, to refuse to replace
 *   it when another program changed it since (sm_file_write_bytes())
 *
 * Makes the export and writes it safely (see sm-file-writer.h): whatever
 * goes wrong, the files already there are left as they were. For a
 * format that is two files, neither takes its place until both are
 * complete on disk, and an error names the file it is about; for one
 * file, the caller names it.
 */
gboolean
sm_exporter_write_file (const SmExporter      *exporter,
                        SmMap                 *map,
                        const SmExportOptions *options,
                        GFile                 *file,
                        GFile                 *companion,
                        const SmFileStamp     *expected,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) second = NULL;

  g_return_val_if_fail (exporter != NULL, FALSE);
  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail ((exporter->companion_suffix != NULL) == G_IS_FILE (companion), FALSE);

  if (!sm_exporter_write_bytes (exporter, map, options, &bytes, &second, cancellable, error))
    return FALSE;
  if (companion == NULL)
    return sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, expected, NULL, error);
  return write_pair (file, companion, bytes, second, expected, error);
}

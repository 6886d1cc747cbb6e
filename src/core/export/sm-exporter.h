/* sm-exporter.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-file-writer.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* The formats a map can be exported to, listed once: `stakemap-cli
 * convert` chooses from the list by the output's extension, and a new
 * format is a new file (sm-export-FORMAT.c) plus one entry in it
 * (sm-exporter.c).
 *
 * An exporter writes to streams, not to files: saving goes through
 * sm_exporter_write_file(), which keeps the safe writer's promises (see
 * sm-file-writer.h) for every format. Some formats are two files (CSV:
 * the stakeholders and, beside them, the relationships). Such an exporter
 * names its second file by a suffix and its write() gets a second stream;
 * the pair is written so that neither takes its place until both are
 * complete on disk. */

/* Whose names an export shows (§3.9, DQ-05). */
typedef enum
{
  /* Organisations, groups and people who said yes by name; everyone else
   * as "Participant N", in every field (sm_public_names_new()). */
  SM_EXPORT_NAMES_CONSENT,
  /* Everyone by name: for the group itself, never to be passed on. */
  SM_EXPORT_NAMES_ALL,
  /* Organisations and groups by name, every person as "Participant N",
   * even one who agreed to be named: for a public board paper or a
   * website (sm_public_names_new_full()). */
  SM_EXPORT_NAMES_NONE,
} SmExportNames;

typedef struct _SmImageOptions SmImageOptions;

/* What a user can choose about an export. Pass NULL for the defaults,
 * or start from SM_EXPORT_OPTIONS_INIT. */
typedef struct _SmExportOptions
{
  SmExportNames         names;
  const SmImageOptions *image; /* pictures (sm-export-image.h); NULL: the defaults */
} SmExportOptions;

#define SM_EXPORT_OPTIONS_INIT \
  {                            \
    SM_EXPORT_NAMES_CONSENT    \
  }

gboolean    sm_export_names_from_string (const char    *text,
                                         SmExportNames *names);
const char *sm_export_names_to_string (SmExportNames names);

typedef gboolean (*SmExportWriteFunc) (SmMap                 *map,
                                       const SmExportOptions *options,
                                       GOutputStream         *stream,
                                       GOutputStream         *companion,
                                       GCancellable          *cancellable,
                                       GError               **error);

typedef struct
{
  const char        *id;               /* "graphml", "csv": as scripts and settings spell it */
  const char        *label;            /* N_(): sm_exporter_get_label() translates it */
  const char        *mime_type;        /* of the file chosen */
  const char *const *extensions;       /* lower case, no dot; the first for new names */
  const char        *companion_suffix; /* NULL, or what replaces the extension to name a
                                        * second file beside the first: ".relationships.csv" */
  SmExportWriteFunc write;             /* @companion is NULL unless companion_suffix is set */
  gboolean          picture;           /* a picture of the map (sm-export-image.h), not its data:
                                        * `export` writes it, `convert` refuses it. The web page
                                        * is one, with the data a reader needs beside it */
} SmExporter;

const SmExporter *const *sm_exporters_get_all (void);
const SmExporter        *sm_exporter_lookup (const char *id);
const SmExporter        *sm_exporter_guess_for_path (const char *path);

const char *sm_exporter_get_label (const SmExporter *exporter);
char       *sm_exporter_dup_companion_path (const SmExporter *exporter,
                                            const char       *path);

gboolean sm_exporter_write_bytes (const SmExporter      *exporter,
                                  SmMap                 *map,
                                  const SmExportOptions *options,
                                  GBytes               **bytes,
                                  GBytes               **companion,
                                  GCancellable          *cancellable,
                                  GError               **error);
gboolean sm_exporter_write_file (const SmExporter      *exporter,
                                 SmMap                 *map,
                                 const SmExportOptions *options,
                                 GFile                 *file,
                                 GFile                 *companion,
                                 const SmFileStamp     *expected,
                                 GCancellable          *cancellable,
                                 GError               **error);

G_END_DECLS

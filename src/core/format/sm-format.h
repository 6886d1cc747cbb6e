/* sm-format.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sm-file-writer.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* Project files, format v1 (docs/format.md). */

#define SM_FORMAT_VERSION 1
#define SM_FORMAT_MAX_PROBLEMS 100

#define SM_FORMAT_ERROR (sm_format_error_quark ())

typedef enum
{
  SM_FORMAT_ERROR_TOO_LARGE,
  SM_FORMAT_ERROR_ENCODING,
  SM_FORMAT_ERROR_SYNTAX,
  SM_FORMAT_ERROR_TOO_DEEP,
  SM_FORMAT_ERROR_NOT_STAKEMAP,
  SM_FORMAT_ERROR_VERSION,
  SM_FORMAT_ERROR_INVALID,
  SM_FORMAT_ERROR_READ_ONLY,
} SmFormatError;

GQuark sm_format_error_quark (void);

SmMap     *sm_format_load_bytes (GBytes  *bytes,
                                 GError **error);
SmMap     *sm_format_load_file (GFile        *file,
                                GCancellable *cancellable,
                                GError      **error);
GBytes    *sm_format_read_file (GFile        *file,
                                GCancellable *cancellable,
                                GError      **error);
GPtrArray *sm_format_check_bytes (GBytes *bytes,
                                  guint  *n_problems);
GPtrArray *sm_format_check_file (GFile        *file,
                                 GCancellable *cancellable,
                                 guint        *n_problems,
                                 GError      **error);
SmMap     *sm_format_load_node (JsonNode *root,
                                GError  **error);
GBytes    *sm_format_save_to_bytes (SmMap *map);
gboolean   sm_format_save_file (SmMap        *map,
                                GFile        *file,
                                GCancellable *cancellable,
                                GError      **error);
gboolean   sm_format_save_file_full (SmMap             *map,
                                     GFile             *file,
                                     const SmFileStamp *expected,
                                     SmFileStamp       *written,
                                     GCancellable      *cancellable,
                                     GError           **error);

G_END_DECLS

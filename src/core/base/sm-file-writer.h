/* sm-file-writer.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every file Stakemap writes goes through here: maps, recovery copies,
 * reports and data exports. The old file is sacred until the new one is
 * complete. The new contents go to a temporary file in the same folder;
 * every write is checked, the file is flushed to disk, the previous version
 * is kept as FILE~ (a hard link, or a copy, made before anything moves),
 * and only then is the temporary file renamed over the target and the
 * folder flushed. On any error the temporary file is deleted and the
 * target and its backup are left byte for byte as they were. Nothing is
 * ever rewritten in place. */

/* Failures of the system come as G_IO_ERROR, with messages that say what
 * happened to the file; this domain is for what only Stakemap knows. */
#define SM_FILE_ERROR (sm_file_error_quark ())

typedef enum
{
  SM_FILE_ERROR_CHANGED, /* another program changed the file since it was read */
} SmFileError;

/* What a file on disk was when it was read or written, to notice when
 * another program changes it. */
typedef struct
{
  gboolean exists;
  guint64  size;
  gint64   mtime_ns;
  guint64  device;
  guint64  inode;
} SmFileStamp;

typedef enum
{
  SM_FILE_WRITE_NONE = 0,
  SM_FILE_WRITE_BACKUP = 1 << 0,  /* keep the previous version as FILE~ */
  SM_FILE_WRITE_PRIVATE = 1 << 1, /* readable by the user alone */
} SmFileWriteFlags;

typedef struct _SmFileWriter SmFileWriter;

GQuark sm_file_error_quark (void);

gboolean sm_file_stamp_read (GFile       *file,
                             SmFileStamp *stamp,
                             GError     **error);
gboolean sm_file_stamp_equal (const SmFileStamp *a,
                              const SmFileStamp *b);

SmFileWriter *sm_file_writer_open (GFile           *file,
                                   SmFileWriteFlags flags,
                                   GError         **error);
gboolean      sm_file_writer_write (SmFileWriter *self,
                                    const void   *data,
                                    gsize         size,
                                    GError      **error);
gboolean      sm_file_writer_sync (SmFileWriter *self,
                                   GError      **error);
gboolean      sm_file_writer_commit (SmFileWriter      *self,
                                     const SmFileStamp *expected,
                                     SmFileStamp       *written,
                                     GError           **error);
void          sm_file_writer_abort (SmFileWriter *self);

gboolean sm_file_write_bytes (GFile             *file,
                              GBytes            *bytes,
                              SmFileWriteFlags   flags,
                              const SmFileStamp *expected,
                              SmFileStamp       *written,
                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmFileWriter, sm_file_writer_abort)

G_END_DECLS

/* sm-file-writer.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sm-file-writer-private.h"

/* GLib 2.74's g_file_replace_contents() renames its temporary file over
 * the target even after a failed write, and falls back to rewriting the
 * target in place when the folder cannot take a new file: a full disk then
 * leaves a truncated map. So the sequence is owned here, in plain POSIX
 * calls whose every result is checked. */

struct _SmFileWriter
{
  char            *path;      /* the target, with symbolic links followed */
  char            *temp_path; /* beside it, in the same folder */
  int              fd;
  SmFileWriteFlags flags;
  gboolean         existed;
  mode_t           mode;   /* given to the new file once written; 0: as created */
  gboolean         synced; /* on disk and closed: only the rename is left */
  SmFileStamp      stamp;  /* the new file, read once it is on disk */
};

/* clang-format off */
G_DEFINE_QUARK (sm-file-error-quark, sm_file_error)
/* clang-format on */

static int fail_step = SM_FILE_STEP_NONE;
static int fail_errno = 0;
static int fail_skip = 0;

void
_sm_file_writer_fail_at (SmFileStep step,
                         int        error_number)
{
  _sm_file_writer_fail_at_nth (step, error_number, 1);
}

void
_sm_file_writer_fail_at_nth (SmFileStep step,
                             int        error_number,
                             guint      n)
{
  g_atomic_int_set (&fail_errno, error_number);
  g_atomic_int_set (&fail_skip, n > 0 ? n - 1 : 0);
  g_atomic_int_set (&fail_step, error_number != 0 ? step : SM_FILE_STEP_NONE);
}

/* TRUE, with errno set, when the tests asked @step to fail. */
static gboolean
injected_failure (SmFileStep step)
{
  if (g_atomic_int_get (&fail_step) != (int) step)
    return FALSE;
  if (g_atomic_int_get (&fail_skip) > 0)
    {
      g_atomic_int_add (&fail_skip, -1);
      return FALSE;
    }
  if (!g_atomic_int_compare_and_exchange (&fail_step, step, SM_FILE_STEP_NONE))
    return FALSE;
  errno = g_atomic_int_get (&fail_errno);
  return TRUE;
}

static void
stamp_from_stat (SmFileStamp       *stamp,
                 const struct stat *st)
{
  stamp->exists = TRUE;
  stamp->size = st->st_size;
  stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  stamp->device = st->st_dev;
  stamp->inode = st->st_ino;
}

/* Reads what @file is now: @stamp->exists is FALSE when there is no such
 * file, which is not an error. */
gboolean
sm_file_stamp_read (GFile       *file,
                    SmFileStamp *stamp,
                    GError     **error)
{
  g_autofree char *path = NULL;
  struct stat      st;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  memset (stamp, 0, sizeof *stamp);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Stakemap can only work with files in a local folder"));
      return FALSE;
    }
  if (stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }
  stamp_from_stat (stamp, &st);
  return TRUE;
}

/* The same file, unchanged: a rename over it, a write to it or its removal
 * all show. */
gboolean
sm_file_stamp_equal (const SmFileStamp *a,
                     const SmFileStamp *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->exists != b->exists)
    return FALSE;
  return !a->exists ||
         (a->size == b->size && a->mtime_ns == b->mtime_ns &&
          a->device == b->device && a->inode == b->inode);
}

/* Where a write to @path lands: the file a symbolic link points to, so the
 * link stays a link. */
static char *
resolve_target (const char *path)
{
  struct stat st;
  char       *resolved;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);

  resolved = realpath (path, NULL);
  if (resolved != NULL)
    {
      char *copy = g_strdup (resolved);

      free (resolved);
      return copy;
    }

  /* A link to a file that does not exist yet: create that file. */
  {
    g_autofree char *target = g_file_read_link (path, NULL);
    g_autofree char *dir = NULL;

    if (target == NULL)
      return g_strdup (path);
    if (g_path_is_absolute (target))
      return g_steal_pointer (&target);
    dir = g_path_get_dirname (path);
    return g_build_filename (dir, target, NULL);
  }
}

static void
set_failed (GError     **error,
            int          error_number,
            GIOErrorEnum code,
            gboolean     existed,
            const char  *what)
{
  const char *reason = g_strerror (error_number);

  if (what != NULL)
    {
      if (existed)
        g_set_error (error, G_IO_ERROR, code,
                     _ ("%s: %s. The file on disk was not changed."), what, reason);
      else
        g_set_error (error, G_IO_ERROR, code,
                     _ ("%s: %s. No file was written."), what, reason);
    }
  else if (existed)
    g_set_error (error, G_IO_ERROR, code,
                 _ ("%s. The file on disk was not changed."), reason);
  else
    g_set_error (error, G_IO_ERROR, code,
                 _ ("%s. No file was written."), reason);
}

/* A name for a new file beside @path, hidden, and short enough for any
 * file system however long the target's name. */
static char *
temp_template (const char *path,
               const char *suffix)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;

  if (strlen (base) > 200)
    base[200] = '\0';
  name = g_strdup_printf (".%s%s.XXXXXX", base, suffix);
  return g_build_filename (dir, name, NULL);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       size)
{
  while (size > 0)
    {
      gssize n;

      if (injected_failure (SM_FILE_STEP_WRITE))
        return FALSE;
      n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      size -= n;
    }
  return TRUE;
}

/* fsync(), and close() whose error (NFS reports late write failures there)
 * counts too. @st, when given, is what the file is once on disk: some file
 * systems change the time when they flush. */
static gboolean
sync_and_close (int         *fd,
                struct stat *st)
{
  int status = 0;

  if (injected_failure (SM_FILE_STEP_SYNC) || fsync (*fd) != 0 ||
      (st != NULL && fstat (*fd, st) != 0))
    {
      int saved_errno = errno;

      close (*fd);
      *fd = -1;
      errno = saved_errno;
      return FALSE;
    }
  status = close (*fd);
  *fd = -1;
  return status == 0;
}

/**
 * sm_file_writer_open:
 * @file: the file to write
 * @flags: whether to keep a backup, and who may read the file
 *
 * Starts writing @file: the contents go to a temporary file beside it,
 * and @file is not touched until sm_file_writer_commit().
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL when the
 *   folder cannot take a new file or @file is not a file
 */
SmFileWriter *
sm_file_writer_open (GFile           *file,
                     SmFileWriteFlags flags,
                     GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *temp_path = NULL;
  SmFileWriter    *self;
  struct stat      st;
  gboolean         existed;
  int              fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Stakemap can only write to a local folder"));
      return NULL;
    }

  resolved = resolve_target (path);
  existed = stat (resolved, &st) == 0;
  if (existed && !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR,
                           S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                           S_ISDIR (st.st_mode) ? _ ("There is a folder of that name")
                                                : _ ("This is not a file Stakemap can write over"));
      return NULL;
    }

  /* The folder decides whether a file can be replaced, but a file marked
   * read-only is not to be written over, as an editor would refuse it. */
  if (existed && access (resolved, W_OK) != 0 && errno == EACCES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _ ("The file is read-only. Save it under another name."));
      return NULL;
    }

  /* Until it has its final permissions, the new file is the user's alone:
   * the old one may have been private in a shared folder. */
  temp_path = temp_template (resolved, "");
  if (injected_failure (SM_FILE_STEP_CREATE))
    fd = -1;
  else
    fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC,
                         ((flags & SM_FILE_WRITE_PRIVATE) || existed) ? 0600 : 0666);
  if (fd < 0)
    {
      int              saved_errno = errno;
      g_autofree char *dir = g_path_get_dirname (resolved);
      g_autofree char *dir_name = g_filename_display_name (dir);

      if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _ ("Stakemap can't write in the folder “%s” (%s). Save the file somewhere else."),
                     dir_name, g_strerror (saved_errno));
      else if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _ ("There is no folder “%s”"), dir_name);
      else
        set_failed (error, saved_errno, g_io_error_from_errno (saved_errno), existed, NULL);
      return NULL;
    }

  /* The new version keeps the old one's group and owner (as far as the
   * user may give them), and its permissions once written, as an editor
   * that rewrote the file in place would. */
  self = g_new0 (SmFileWriter, 1);
  if (flags & SM_FILE_WRITE_PRIVATE)
    self->mode = 0600;
  else if (existed)
    {
      self->mode = st.st_mode & 07777;
      if (st.st_gid != getegid () && fchown (fd, -1, st.st_gid) != 0)
        g_debug ("The new “%s” could not keep its group: %s", path, g_strerror (errno));
      if (st.st_uid != geteuid () && fchown (fd, st.st_uid, -1) != 0)
        g_debug ("The new “%s” could not keep its owner: %s", path, g_strerror (errno));
    }

  self->path = g_steal_pointer (&resolved);
  self->temp_path = g_steal_pointer (&temp_path);
  self->fd = fd;
  self->flags = flags;
  self->existed = existed;
  return self;
}

gboolean
sm_file_writer_write (SmFileWriter *self,
                      const void   *data,
                      gsize         size,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (!write_all (self->fd, data, size))
    {
      set_failed (error, errno, g_io_error_from_errno (errno), self->existed, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Copies @path to a new file named from @template. */
static gboolean
copy_file (const char *path,
           char *template)
{
  char        buffer[65536];
  gboolean    ok = TRUE;
  int         saved_errno;
  struct stat st;
  int         in, out;

  in = open (path, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return FALSE;
  out = fstat (in, &st) == 0 ? g_mkstemp_full (template, O_RDWR | O_CLOEXEC, st.st_mode & 0777) : -1;
  while (ok && out >= 0)
    {
      gssize n = read (in, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        ok = errno == EINTR;
      else
        ok = write_all (out, buffer, n);
    }
  saved_errno = errno;
  close (in);
  errno = saved_errno;
  if (out < 0)
    return FALSE;

  if (ok && sync_and_close (&out, NULL))
    return TRUE;
  saved_errno = errno;
  if (out >= 0)
    close (out);
  g_unlink (template);
  errno = saved_errno;
  return FALSE;
}

/* The version now on disk, under a temporary name beside FILE~: a hard
 * link costs nothing; where the file system has none, a copy. It becomes
 * FILE~ only once the new file is in place, so until then the old file and
 * the old backup are both as they were. */
static char *
prepare_backup (const char *path)
{
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  struct stat      st;

  if (injected_failure (SM_FILE_STEP_BACKUP))
    return NULL;

  /* Something that is not a file where the backup goes would only show
   * once the new file is in place: say so before. */
  if (lstat (backup, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISLNK (st.st_mode))
    {
      errno = S_ISDIR (st.st_mode) ? EISDIR : EEXIST;
      return NULL;
    }

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *link_path = temp_template (backup, "");

      /* link() cannot pick a free name as mkstemp() does: fill in the
       * template's X's and try again on a clash. */
      for (char *x = link_path + strlen (link_path) - 6; *x != '\0'; x++)
        *x = "abcdefghijklmnopqrstuvwxyz0123456789"[g_random_int_range (0, 36)];

      if (link (path, link_path) == 0)
        return g_steal_pointer (&link_path);
      if (errno != EEXIST)
        break;
    }
  if (errno == EEXIST || errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP ||
      errno == EXDEV || errno == EMLINK || errno == ENOSYS || errno == EACCES)
    {
      g_autofree char *copy_path = temp_template (backup, "");

      if (copy_file (path, copy_path))
        return g_steal_pointer (&copy_path);
    }
  return NULL;
}

/**
 * sm_file_writer_sync:
 *
 * Puts the new contents on disk, with the permissions they will have,
 * and closes the temporary file; the target is not touched yet. Writers of
 * files that belong together sync them all before committing any, so a
 * full disk leaves all of them as they were.
 */
gboolean
sm_file_writer_sync (SmFileWriter *self,
                     GError      **error)
{
  struct stat st;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->synced)
    return TRUE;
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if ((self->mode != 0 && fchmod (self->fd, self->mode) != 0) ||
      !sync_and_close (&self->fd, &st))
    {
      set_failed (error, errno, g_io_error_from_errno (errno), self->existed, NULL);
      return FALSE;
    }
  /* A rename keeps the inode, the size and the modification time: this is
   * what the target will be, read before anyone else could change it. */
  stamp_from_stat (&self->stamp, &st);
  self->synced = TRUE;
  return TRUE;
}

/**
 * sm_file_writer_commit:
 * @self: (transfer full): the writer, freed whatever happens
 * @expected: (nullable): what the target was when it was read; if another
 *   file is there now, another program changed it, and nothing is written
 * @written: (out caller-allocates) (optional): the new file's stamp
 *
 * Syncs the new contents (if sm_file_writer_sync() has not), keeps the
 * backup, and puts the new file in the target's place.
 */
gboolean
sm_file_writer_commit (SmFileWriter      *self,
                       const SmFileStamp *expected,
                       SmFileStamp       *written,
                       GError           **error)
{
  g_autoptr(SmFileWriter) owned = self;
  g_autofree char *backup_temp = NULL;
  g_autofree char *dir = NULL;
  int              dir_fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!sm_file_writer_sync (self, error))
    return FALSE;

  if (expected != NULL)
    {
      SmFileStamp now = { 0 };
      struct stat target;

      if (injected_failure (SM_FILE_STEP_CHECK))
        {
          set_failed (error, errno, g_io_error_from_errno (errno), self->existed, NULL);
          return FALSE;
        }
      /* A file that is gone has nothing to lose: only a file there now,
       * other than the one read, would be overwritten. */
      if (stat (self->path, &target) == 0)
        stamp_from_stat (&now, &target);
      if (now.exists && !sm_file_stamp_equal (&now, expected))
        {
          g_set_error_literal (error, SM_FILE_ERROR, SM_FILE_ERROR_CHANGED,
                               _ ("The file was changed by another program since Stakemap read it"));
          return FALSE;
        }
    }

  if ((self->flags & SM_FILE_WRITE_BACKUP) && self->existed &&
      g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      backup_temp = prepare_backup (self->path);
      if (backup_temp == NULL)
        {
          set_failed (error, errno, G_IO_ERROR_CANT_CREATE_BACKUP, TRUE,
                      _ ("Could not keep the previous version as a backup"));
          return FALSE;
        }
    }

  if (injected_failure (SM_FILE_STEP_RENAME) || rename (self->temp_path, self->path) != 0)
    {
      int saved_errno = errno;

      if (backup_temp != NULL)
        g_unlink (backup_temp);
      set_failed (error, saved_errno, g_io_error_from_errno (saved_errno), self->existed, NULL);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);

  /* The new file is in place: the old one becomes the backup. Should that
   * fail, the save has still succeeded, and the older backup stays. A
   * backup that already was the same file (a hard link) leaves the name
   * behind, which goes too. */
  if (backup_temp != NULL)
    {
      g_autofree char *backup = g_strconcat (self->path, "~", NULL);

      if (rename (backup_temp, backup) != 0)
        g_debug ("Could not keep the previous version of “%s”: %s", self->path, g_strerror (errno));
      g_unlink (backup_temp);
    }

  /* The rename is done and cannot be taken back: a folder that cannot be
   * flushed (some file systems refuse) leaves a complete file, so it is
   * not reported as a failure to save. */
  dir = g_path_get_dirname (self->path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      if (injected_failure (SM_FILE_STEP_SYNC_FOLDER) || fsync (dir_fd) != 0)
        g_debug ("Could not flush the folder “%s”: %s", dir, g_strerror (errno));
      close (dir_fd);
    }

  if (written != NULL)
    *written = self->stamp;
  return TRUE;
}

/* Gives up: the temporary file goes, the target was never touched. */
void
sm_file_writer_abort (SmFileWriter *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

/**
 * sm_file_write_bytes:
 * @expected: (nullable): see sm_file_writer_commit()
 * @written: (out caller-allocates) (optional): the new file's stamp
 *
 * Writes @bytes as the whole of @file, safely.
 */
gboolean
sm_file_write_bytes (GFile             *file,
                     GBytes            *bytes,
                     SmFileWriteFlags   flags,
                     const SmFileStamp *expected,
                     SmFileStamp       *written,
                     GError           **error)
{
  g_autoptr(SmFileWriter) writer = NULL;
  gsize       size;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  writer = sm_file_writer_open (file, flags, error);
  if (writer == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!sm_file_writer_write (writer, data, size, error))
    return FALSE;
  return sm_file_writer_commit (g_steal_pointer (&writer), expected, written, error);
}

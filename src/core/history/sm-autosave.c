/* sm-autosave.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/types.h>
#include <unistd.h>

#include "sm-autosave.h"
#include "sm-file-writer.h"
#include "sm-format.h"

#define INFO_GROUP "autosave"

struct _SmAutosave
{
  GObject parent_instance;

  SmDocument *document;
  GFile      *dir;
  char       *id;
  guint       timeout_id;
  guint       interval_s;
  gboolean    dirty;   /* the map changed since the last copy */
  gboolean    written; /* a copy exists on disk */
  int         lock_fd; /* holds ID.lock while the copy is ours, or -1 */
};

G_DEFINE_FINAL_TYPE (SmAutosave, sm_autosave, G_TYPE_OBJECT)

void
sm_autosave_entry_free (SmAutosaveEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_clear_object (&entry->data);
  g_clear_object (&entry->original);
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry);
}

GFile *
sm_autosave_get_default_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "stakemap", "autosave", NULL);

  return g_file_new_for_path (path);
}

static GFile *
child (SmAutosave *self,
       const char *suffix)
{
  g_autofree char *name = g_strconcat (self->id, suffix, NULL);

  return g_file_get_child (self->dir, name);
}

/* Which process wrote a copy.
 *
 * A process id alone cannot tell: after a reboot, or once ids wrap round,
 * the id in a note belongs to some other live process and the copy would be
 * skipped for ever. So the note also records the process's start time
 * (field 22 of /proc/PID/stat, clock ticks since boot) and the boot id, which
 * together with the pid name one process for all time; and the writer holds
 * a lock on ID.lock, which the kernel drops whatever way the process ends.
 *
 * The lock is a flock(), not a POSIX fcntl() lock: a POSIX lock is dropped
 * when the process closes any descriptor of the file, so merely looking at
 * another window's lock from the same process would release it. flock()
 * locks belong to one open file description, so a second open() of the
 * file, in this process or another, sees the lock as held (which is also
 * what lets the tests check it in one process); and they exist on the BSDs
 * and macOS too, where OFD locks do not. (On NFS, Linux makes a flock() a
 * POSIX lock; the app looks at locks only when it starts, before it holds
 * any, so that does no harm there.) */

/* The start time and the state (field 3: 'R', 'S', …, 'Z' for a process
 * that has ended and not yet been reaped) of process @pid. */
static gboolean
read_process (const char *pid,
              guint64    *start_time,
              char       *state)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *rest;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  /* The command name, field 2, is in brackets and may hold spaces and
   * brackets itself: field 3 on follow the last ')'. */
  rest = strrchr (contents, ')');
  if (rest == NULL)
    return FALSE;
  fields = g_strsplit (g_strchug ((char *) rest + 1), " ", 0);
  if (state != NULL)
    *state = fields[0] != NULL ? fields[0][0] : '?';
  return g_strv_length (fields) > 22 - 3 &&
         g_ascii_string_to_unsigned (fields[22 - 3], 10, 0, G_MAXUINT64, start_time, NULL);
}

static gboolean
read_start_time (const char *pid,
                 guint64    *start_time)
{
  return read_process (pid, start_time, NULL);
}

static char *
read_boot_id (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return NULL;
  g_strstrip (contents);
  return *contents != '\0' ? g_steal_pointer (&contents) : NULL;
}

/* Takes ID.lock for this process. A check from another process holds a
 * shared lock for an instant, so a refusal is tried again a few times. */
static void
hold_lock (SmAutosave *self)
{
  g_autoptr(GFile) lock = NULL;
  int fd;

  if (self->lock_fd >= 0)
    return;
  lock = child (self, ".lock");
  fd = open (g_file_peek_path (lock), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  for (int tries = 0; tries < 20; tries++)
    {
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          self->lock_fd = fd;
          return;
        }
      if (errno != EWOULDBLOCK && errno != EINTR)
        break;
      g_usleep (5000);
    }
  /* No locks here (some network file systems), or another Stakemap has
   * recovered the same copy: the note's process record still tells. */
  close (fd);
}

static void
release_lock (SmAutosave *self)
{
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  self->lock_fd = -1;
}

void
sm_autosave_discard (SmAutosave *self)
{
  g_autoptr(GFile) data = NULL;
  g_autoptr(GFile) info = NULL;
  g_autoptr(GFile) lock = NULL;

  g_return_if_fail (SM_IS_AUTOSAVE (self));

  data = child (self, ".stakemap");
  info = child (self, ".info");
  lock = child (self, ".lock");
  g_file_delete (data, NULL, NULL);
  g_file_delete (info, NULL, NULL);
  /* Removed while still held, so no one finds it free in between; the
   * next copy takes a new one. */
  if (self->lock_fd >= 0)
    g_file_delete (lock, NULL, NULL);
  release_lock (self);
  self->written = FALSE;
}

/* Takes the lock, then writes the note, then the copy, each atomically: an
 * orphan always has a whole project file or none. */
gboolean
sm_autosave_write_now (SmAutosave *self,
                       GError    **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) note_bytes = NULL;
  g_autoptr(GFile) data = NULL;
  g_autoptr(GFile) info = NULL;
  g_autofree char *note = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *boot_id = read_boot_id ();
  GFile           *original;
  gsize            note_length;
  guint64          start_time;

  g_return_val_if_fail (SM_IS_AUTOSAVE (self), FALSE);

  if (!g_file_make_directory_with_parents (self->dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  hold_lock (self);

  original = sm_document_get_file (self->document);
  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      SmFileStamp      stamp;

      g_key_file_set_string (key_file, INFO_GROUP, "file", uri);
      /* So that, recovered, the map notices what another program did to
       * the file since it was read, and never saves over it unasked. */
      if (sm_document_get_disk_stamp (self->document, &stamp))
        {
          g_key_file_set_boolean (key_file, INFO_GROUP, "file-exists", stamp.exists);
          g_key_file_set_uint64 (key_file, INFO_GROUP, "file-size", stamp.size);
          g_key_file_set_int64 (key_file, INFO_GROUP, "file-mtime-ns", stamp.mtime_ns);
          g_key_file_set_uint64 (key_file, INFO_GROUP, "file-device", stamp.device);
          g_key_file_set_uint64 (key_file, INFO_GROUP, "file-inode", stamp.inode);
        }
    }
  time = g_date_time_format_iso8601 (now);
  g_key_file_set_string (key_file, INFO_GROUP, "time", time);
  g_key_file_set_int64 (key_file, INFO_GROUP, "pid", getpid ());
  if (read_start_time ("self", &start_time))
    g_key_file_set_uint64 (key_file, INFO_GROUP, "start-time", start_time);
  if (boot_id != NULL)
    g_key_file_set_string (key_file, INFO_GROUP, "boot-id", boot_id);
  g_key_file_set_boolean (key_file, INFO_GROUP, "lock", self->lock_fd >= 0);
  note = g_key_file_to_data (key_file, &note_length, NULL);

  info = child (self, ".info");
  note_bytes = g_bytes_new_take (g_steal_pointer (&note), note_length);
  if (!sm_file_write_bytes (info, note_bytes, SM_FILE_WRITE_PRIVATE, NULL, NULL, error))
    return FALSE;

  bytes = sm_format_save_to_bytes (sm_document_get_map (self->document));
  data = child (self, ".stakemap");
  if (!sm_file_write_bytes (data, bytes, SM_FILE_WRITE_PRIVATE, NULL, NULL, error))
    return FALSE;

  self->dirty = FALSE;
  self->written = TRUE;
  return TRUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  SmAutosave *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->dirty && sm_document_get_modified (self->document) &&
      !sm_autosave_write_now (self, &error))
    g_warning ("Could not keep a recovery copy of the map: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
map_changed_cb (SmAutosave *self)
{
  self->dirty = TRUE;
}

static void
modified_cb (SmAutosave *self)
{
  /* Saved, or undone back to the saved state: the copy is not needed. */
  if (!sm_document_get_modified (self->document) && self->written)
    sm_autosave_discard (self);
}

static void
sm_autosave_dispose (GObject *object)
{
  SmAutosave *self = (SmAutosave *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (sm_document_get_map (self->document), self);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->dir);

  G_OBJECT_CLASS (sm_autosave_parent_class)->dispose (object);
}

static void
sm_autosave_finalize (GObject *object)
{
  SmAutosave *self = SM_AUTOSAVE (object);

  release_lock (self);
  g_free (self->id);

  G_OBJECT_CLASS (sm_autosave_parent_class)->finalize (object);
}

static void
sm_autosave_class_init (SmAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_autosave_dispose;
  object_class->finalize = sm_autosave_finalize;
}

static void
sm_autosave_init (SmAutosave *self)
{
  self->lock_fd = -1;
}

/* Keeps a recovery copy of @document in @dir (NULL: the default) under @id
 * (NULL: a new one; a recovered map passes its orphan's id so the copy
 * carries on where it was). Unreffing it stops the copies but leaves the
 * last one: call sm_autosave_discard() when the user chose to close. */
SmAutosave *
sm_autosave_new (SmDocument *document,
                 GFile      *dir,
                 const char *id)
{
  SmAutosave *self;

  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  self = g_object_new (SM_TYPE_AUTOSAVE, NULL);
  self->document = g_object_ref (document);
  self->dir = dir != NULL ? g_object_ref (dir) : sm_autosave_get_default_dir ();
  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->written = id != NULL;
  self->dirty = id != NULL;
  /* A recovered copy is ours from now on, before its next note. */
  if (id != NULL)
    hold_lock (self);
  g_signal_connect_swapped (sm_document_get_map (document), "changed",
                            G_CALLBACK (map_changed_cb), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (modified_cb), self);
  self->interval_s = SM_AUTOSAVE_INTERVAL;
  self->timeout_id = g_timeout_add_seconds (self->interval_s, tick_cb, self);
  return self;
}

const char *
sm_autosave_get_id (SmAutosave *self)
{
  g_return_val_if_fail (SM_IS_AUTOSAVE (self), NULL);
  return self->id;
}

guint
sm_autosave_get_interval (SmAutosave *self)
{
  g_return_val_if_fail (SM_IS_AUTOSAVE (self), 0);
  return self->interval_s;
}

/* Changes take effect at once: the wait for the next copy starts again
 * from now, so a shorter interval never leaves the old, longer wait. */
void
sm_autosave_set_interval (SmAutosave *self,
                          guint       seconds)
{
  g_return_if_fail (SM_IS_AUTOSAVE (self));

  seconds = CLAMP (seconds, SM_AUTOSAVE_INTERVAL_MIN, SM_AUTOSAVE_INTERVAL_MAX);
  if (seconds == self->interval_s)
    return;
  self->interval_s = seconds;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (self->interval_s, tick_cb, self);
}

static gboolean
process_alive (gint64 pid)
{
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (pid == getpid ())
    return TRUE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

typedef enum
{
  LOCK_MISSING,
  LOCK_FREE,
  LOCK_HELD,
  LOCK_UNKNOWN, /* the file system keeps no locks, or the file is unreadable */
} LockState;

static LockState
probe_lock (GFile      *dir,
            const char *id)
{
  g_autofree char *name = g_strconcat (id, ".lock", NULL);
  g_autofree char *path = g_build_filename (g_file_peek_path (dir), name, NULL);
  LockState        state;
  int              fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return errno == ENOENT ? LOCK_MISSING : LOCK_UNKNOWN;
  if (flock (fd, LOCK_SH | LOCK_NB) == 0)
    state = LOCK_FREE;
  else
    state = errno == EWOULDBLOCK ? LOCK_HELD : LOCK_UNKNOWN;
  close (fd); /* and with it the shared lock just taken */
  return state;
}

/* Whether the process that wrote @note is still running. Each fact the
 * note records must be confirmed now; one that cannot be checked (no /proc)
 * does not confirm it. Without /proc (not Linux) a note records the pid
 * alone, and then the lock decides, or, where the lock could not be taken
 * either, a live pid. */
static gboolean
writer_alive (GKeyFile *note,
              LockState lock)
{
  gint64           pid = g_key_file_get_int64 (note, INFO_GROUP, "pid", NULL);
  g_autofree char *boot_id = g_key_file_get_string (note, INFO_GROUP, "boot-id", NULL);
  g_autofree char *pid_name = NULL;

  /* Written by an earlier Stakemap, which kept no lock and no record
   * beyond the pid: that pid may well be another process now (after a
   * reboot it nearly always is), and an earlier Stakemap still running
   * would have answered this start in place of this one. An orphan. */
  if (!g_key_file_has_key (note, INFO_GROUP, "lock", NULL))
    return FALSE;
  /* The writer held the lock, and no one holds it now. */
  if (g_key_file_get_boolean (note, INFO_GROUP, "lock", NULL) && lock == LOCK_FREE)
    return FALSE;

  if (!process_alive (pid))
    return FALSE;
  /* A writer that crashed is a zombie until its parent reaps it: a pid
   * that answers, but no process that will ever write again. */
  {
    g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
    guint64          started;
    char             state = '?';

    if (read_process (name, &started, &state) && (state == 'Z' || state == 'X'))
      return FALSE;
  }
  if (boot_id != NULL)
    {
      g_autofree char *current = read_boot_id ();

      if (g_strcmp0 (boot_id, current) != 0)
        return FALSE;
    }
  if (g_key_file_has_key (note, INFO_GROUP, "start-time", NULL))
    {
      guint64 recorded = g_key_file_get_uint64 (note, INFO_GROUP, "start-time", NULL);
      guint64 now;

      pid_name = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
      if (!read_start_time (pid_name, &now) || now != recorded)
        return FALSE;
    }
  return TRUE;
}

static GDateTime *
modification_time (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GDateTime *time = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;

  return time != NULL ? time : g_date_time_new_from_unix_utc (0);
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SmAutosaveEntry *x = *(SmAutosaveEntry **) a;
  const SmAutosaveEntry *y = *(SmAutosaveEntry **) b;

  return g_date_time_compare (x->time, y->time);
}

enum
{
  HAS_NOTE = 1 << 0,
  HAS_DATA = 1 << 1,
  HAS_LOCK = 1 << 2,
};

static void
delete_child (GFile      *dir,
              const char *id,
              const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);
  g_autoptr(GFile) file = g_file_get_child (dir, name);

  g_file_delete (file, NULL, NULL);
}

/* Every copy in @dir (NULL: the default) not held by a live Stakemap,
 * oldest first, so that none is left unused without a word: a copy whose
 * note is missing or unreadable comes with unknown_origin set and the time
 * of the file. What holds nothing to recover, a note or a lock without its
 * copy and without a live writer, is removed. */
GPtrArray *
sm_autosave_find_orphans (GFile *dir)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_autosave_entry_free);
  g_autoptr(GFile) default_dir = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const struct
  {
    const char *suffix;
    guint       flag;
  } kinds[] = {
    { ".info", HAS_NOTE },
    { ".stakemap", HAS_DATA },
    { ".lock", HAS_LOCK },
  };
  GHashTableIter iter;
  gpointer       key, value;
  GFileInfo     *info;

  if (dir == NULL)
    dir = default_dir = sm_autosave_get_default_dir ();
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    return entries;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);

      /* Anything else (a temporary file of a write under way) is not ours
       * to judge. */
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_str_has_suffix (name, kinds[k].suffix) && *name != '.' &&
            strlen (name) > strlen (kinds[k].suffix))
          {
            char *id = g_strndup (name, strlen (name) - strlen (kinds[k].suffix));
            guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (ids, id));

            g_hash_table_insert (ids, id, GUINT_TO_POINTER (flags | kinds[k].flag));
            break;
          }
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *id = key;
      guint       flags = GPOINTER_TO_UINT (value);
      LockState   lock = flags & HAS_LOCK ? probe_lock (dir, id) : LOCK_MISSING;
      g_autoptr(GKeyFile) note = NULL;
      g_autoptr(SmAutosaveEntry) entry = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *time = NULL;

      if (lock == LOCK_HELD)
        continue;
      if (flags & HAS_NOTE)
        {
          g_autofree char *name = g_strconcat (id, ".info", NULL);
          g_autofree char *path = g_build_filename (g_file_peek_path (dir), name, NULL);

          note = g_key_file_new ();
          if (!g_key_file_load_from_file (note, path, G_KEY_FILE_NONE, NULL))
            g_clear_pointer (&note, g_key_file_unref);
          else if (writer_alive (note, lock))
            continue;
        }

      if (!(flags & HAS_DATA))
        {
          /* Nothing to recover, and no one writing it. */
          delete_child (dir, id, ".info");
          if (lock != LOCK_UNKNOWN)
            delete_child (dir, id, ".lock");
          continue;
        }

      entry = g_new0 (SmAutosaveEntry, 1);
      entry->id = g_strdup (id);
      {
        g_autofree char *data_name = g_strconcat (id, ".stakemap", NULL);
        entry->data = g_file_get_child (dir, data_name);
      }
      entry->unknown_origin = note == NULL;
      if (note != NULL)
        {
          uri = g_key_file_get_string (note, INFO_GROUP, "file", NULL);
          time = g_key_file_get_string (note, INFO_GROUP, "time", NULL);
          entry->has_stamp = g_key_file_has_key (note, INFO_GROUP, "file-exists", NULL);
          entry->stamp.exists = g_key_file_get_boolean (note, INFO_GROUP, "file-exists", NULL);
          entry->stamp.size = g_key_file_get_uint64 (note, INFO_GROUP, "file-size", NULL);
          entry->stamp.mtime_ns = g_key_file_get_int64 (note, INFO_GROUP, "file-mtime-ns", NULL);
          entry->stamp.device = g_key_file_get_uint64 (note, INFO_GROUP, "file-device", NULL);
          entry->stamp.inode = g_key_file_get_uint64 (note, INFO_GROUP, "file-inode", NULL);
        }
      if (uri != NULL && *uri != '\0')
        entry->original = g_file_new_for_uri (uri);
      entry->time = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      if (entry->time == NULL)
        entry->time = modification_time (entry->data);
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

/* The user recovered or discarded it. */
void
sm_autosave_delete_entry (SmAutosaveEntry *entry)
{
  g_autoptr(GFile) dir = NULL;

  g_return_if_fail (entry != NULL);

  dir = g_file_get_parent (entry->data);
  delete_child (dir, entry->id, ".stakemap");
  delete_child (dir, entry->id, ".info");
  delete_child (dir, entry->id, ".lock");
}

/* sm-autosave.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
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
  GFile *dir;
  char *id;
  guint timeout_id;
  gboolean dirty;   /* the map changed since the last copy */
  gboolean written; /* a copy exists on disk */
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

void
sm_autosave_discard (SmAutosave *self)
{
  g_autoptr(GFile) data = NULL;
  g_autoptr(GFile) info = NULL;

  g_return_if_fail (SM_IS_AUTOSAVE (self));

  data = child (self, ".stakemap");
  info = child (self, ".info");
  g_file_delete (data, NULL, NULL);
  g_file_delete (info, NULL, NULL);
  self->written = FALSE;
}

/* Writes the note first, then the copy, each atomically: an orphan always
 * has a whole project file or none. */
gboolean
sm_autosave_write_now (SmAutosave  *self,
                       GError     **error)
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
  GFile *original;
  gsize note_length;

  g_return_val_if_fail (SM_IS_AUTOSAVE (self), FALSE);

  if (!g_file_make_directory_with_parents (self->dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  original = sm_document_get_file (self->document);
  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (key_file, INFO_GROUP, "file", uri);
    }
  time = g_date_time_format_iso8601 (now);
  g_key_file_set_string (key_file, INFO_GROUP, "time", time);
  g_key_file_set_int64 (key_file, INFO_GROUP, "pid", getpid ());
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
  g_free (SM_AUTOSAVE (object)->id);

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
  g_signal_connect_swapped (sm_document_get_map (document), "changed",
                            G_CALLBACK (map_changed_cb), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (modified_cb), self);
  self->timeout_id = g_timeout_add_seconds (SM_AUTOSAVE_INTERVAL, tick_cb, self);
  return self;
}

const char *
sm_autosave_get_id (SmAutosave *self)
{
  g_return_val_if_fail (SM_IS_AUTOSAVE (self), NULL);
  return self->id;
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

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SmAutosaveEntry *x = *(SmAutosaveEntry **) a;
  const SmAutosaveEntry *y = *(SmAutosaveEntry **) b;

  return g_date_time_compare (x->time, y->time);
}

/* Copies left by a process that is gone, oldest first. Notes that cannot
 * be read, or whose copy is missing, are skipped (and left alone). */
GPtrArray *
sm_autosave_find_orphans (GFile *dir)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_autosave_entry_free);
  g_autoptr(GFile) default_dir = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  if (dir == NULL)
    dir = default_dir = sm_autosave_get_default_dir ();
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    return entries;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autoptr(SmAutosaveEntry) entry = NULL;
      g_autofree char *note_path = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *time = NULL;
      const char *name = g_file_info_get_name (info);

      if (!g_str_has_suffix (name, ".info"))
        continue;
      note_path = g_build_filename (g_file_peek_path (dir), name, NULL);
      if (!g_key_file_load_from_file (key_file, note_path, G_KEY_FILE_NONE, NULL) ||
          process_alive (g_key_file_get_int64 (key_file, INFO_GROUP, "pid", NULL)))
        continue;

      entry = g_new0 (SmAutosaveEntry, 1);
      entry->id = g_strndup (name, strlen (name) - strlen (".info"));
      {
        g_autofree char *data_name = g_strconcat (entry->id, ".stakemap", NULL);
        entry->data = g_file_get_child (dir, data_name);
      }
      if (!g_file_query_exists (entry->data, NULL))
        continue;
      uri = g_key_file_get_string (key_file, INFO_GROUP, "file", NULL);
      if (uri != NULL && *uri != '\0')
        entry->original = g_file_new_for_uri (uri);
      time = g_key_file_get_string (key_file, INFO_GROUP, "time", NULL);
      entry->time = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      if (entry->time == NULL)
        entry->time = g_date_time_new_from_unix_utc (0);
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
  g_autofree char *info_name = NULL;
  g_autoptr(GFile) info = NULL;

  g_return_if_fail (entry != NULL);

  dir = g_file_get_parent (entry->data);
  info_name = g_strconcat (entry->id, ".info", NULL);
  info = g_file_get_child (dir, info_name);
  g_file_delete (entry->data, NULL, NULL);
  g_file_delete (info, NULL, NULL);
}

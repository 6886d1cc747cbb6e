/* test-autosave.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sm-autosave.h"
#include "sm-document.h"
#include "sm-format.h"
#include "sm-test-utils.h"

/* Recovery copies: which copies are offered at the next start. A copy
 * held by a live Stakemap never is; every other one always is, whatever
 * became of its note; a note with nothing to recover is removed. */

#define THREE                                                           \
  "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Air\"}," \
  "\"stakeholders\":["                                                  \
  "{\"id\":\"a\",\"name\":\"Ann\",\"x\":0,\"y\":0},"                    \
  "{\"id\":\"b\",\"name\":\"Bea\",\"x\":100,\"y\":0},"                  \
  "{\"id\":\"c\",\"name\":\"Cy\",\"x\":200,\"y\":0}],"                  \
  "\"relationships\":[{\"id\":\"r\",\"source\":\"a\",\"target\":\"b\"}]}"

typedef struct
{
  char       *path;
  GFile      *dir;
  SmMap      *map;
  SmDocument *document;
  SmAutosave *autosave;
  char       *note_path;
  char       *data_path;
  char       *lock_path;
} Fixture;

/* A map with unsaved changes and its recovery copy, written by this
 * (live) process into a directory of its own. */
static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GFile) original = g_file_new_for_path ("/tmp/meeting.stakemap");
  g_autoptr(GError) error = NULL;
  const char *id;

  f->path = g_dir_make_tmp ("stakemap-autosave-XXXXXX", NULL);
  f->dir = g_file_new_for_path (f->path);
  f->map = sm_test_load (THREE);
  f->document = sm_document_new (f->map, original);
  f->autosave = sm_autosave_new (f->document, f->dir, NULL);
  sm_document_push (f->document, sm_command_new_set_string (sm_map_lookup (f->map, "a"), "name", "Anne"));
  g_assert_true (sm_autosave_write_now (f->autosave, &error));
  g_assert_no_error (error);

  id = sm_autosave_get_id (f->autosave);
  f->note_path = g_strdup_printf ("%s/%s.info", f->path, id);
  f->data_path = g_strdup_printf ("%s/%s.stakemap", f->path, id);
  f->lock_path = g_strdup_printf ("%s/%s.lock", f->path, id);
  g_assert_true (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (f->data_path, G_FILE_TEST_EXISTS));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->autosave);
  g_clear_object (&f->document);
  g_clear_object (&f->map);
  dir = g_dir_open (f->path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->path);
  g_clear_object (&f->dir);
  g_free (f->path);
  g_free (f->note_path);
  g_free (f->data_path);
  g_free (f->lock_path);
}

/* The process that wrote the copy ends: its lock goes with it. */
static void
writer_gone (Fixture *f)
{
  g_clear_object (&f->autosave);
}

static GPtrArray *
find (Fixture *f)
{
  return sm_autosave_find_orphans (f->dir);
}

static void
edit_note (Fixture    *f,
           const char *key,
           const char *value)
{
  g_autoptr(GKeyFile) note = g_key_file_new ();

  g_assert_true (g_key_file_load_from_file (note, f->note_path, G_KEY_FILE_NONE, NULL));
  if (value != NULL)
    g_key_file_set_value (note, "autosave", key, value);
  else
    g_key_file_remove_key (note, "autosave", key, NULL);
  g_assert_true (g_key_file_save_to_file (note, f->note_path, NULL));
}

static char *
read_note (Fixture    *f,
           const char *key)
{
  g_autoptr(GKeyFile) note = g_key_file_new ();

  g_assert_true (g_key_file_load_from_file (note, f->note_path, G_KEY_FILE_NONE, NULL));
  return g_key_file_get_value (note, "autosave", key, NULL);
}

static void
test_recovery (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) recovered = NULL;
  g_autoptr(GFile) original = g_file_new_for_path ("/tmp/meeting.stakemap");
  SmAutosaveEntry *entry;

  /* This process is alive: its copy is not an orphan. */
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* Undoing back to the saved state removes the copy, note and lock. */
  sm_history_undo (sm_document_get_history (f->document));
  g_assert_false (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->data_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));

  /* Changed again, then the process ends. */
  sm_history_redo (sm_document_get_history (f->document));
  g_assert_true (sm_autosave_write_now (f->autosave, &error));
  g_assert_no_error (error);
  writer_gone (f);

  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_false (entry->unknown_origin);
  g_assert_true (g_file_equal (entry->original, original));
  recovered = sm_format_load_file (entry->data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (recovered, "a")), ==, "Anne");

  /* Discarded: nothing is left. */
  sm_autosave_delete_entry (entry);
  {
    g_autoptr(GDir) dir = g_dir_open (f->path, 0, NULL);
    g_assert_null (g_dir_read_name (dir));
  }
}

/* The lock decides, whatever the note says of the process. */
static void
test_held_by_lock (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;

  g_assert_true (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
  edit_note (f, "pid", "0");
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* Same pid, same start time, same boot: only the lock is gone. */
  {
    g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
    edit_note (f, "pid", pid);
  }
  writer_gone (f);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
}

/* Where the writer could not take a lock, its pid, start time and boot
 * id must all match a live process. */
static void
test_process_record (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autofree char *boot_id = NULL;
  g_autofree char *start_time = NULL;
  g_autofree char *other_start = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *recorded_pid = read_note (f, "pid");

  g_assert_cmpstr (recorded_pid, ==, pid);
  boot_id = read_note (f, "boot-id");
  start_time = read_note (f, "start-time");
  if (boot_id == NULL || start_time == NULL)
    {
      g_test_skip ("No /proc here: the note records the pid only");
      return;
    }

  writer_gone (f);
  edit_note (f, "lock", "false");
  /* This very process, still alive. */
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* After a reboot, the pid is some other live process. */
  edit_note (f, "boot-id", "00000000-0000-0000-0000-000000000000");
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  edit_note (f, "boot-id", boot_id);

  /* The pid came round again to a process started later. */
  other_start = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                 g_ascii_strtoull (start_time, NULL, 10) + 1);
  edit_note (f, "start-time", other_start);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  edit_note (f, "start-time", start_time);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
}

/* A writer that crashed but is not yet reaped is a zombie: its pid still
 * answers, and /proc still shows its start time. Its copy is offered all
 * the same. (Where the writer could take no lock, only the process record
 * decides.) */
static void
test_crashed_writer_not_reaped (Fixture      *f,
                                gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autofree char *start_time = read_note (f, "start-time");
  g_autofree char *child_pid = NULL;
  g_autofree char *child_start = NULL;
  int              go[2];
  pid_t            child;
  char             state = '?';

  if (start_time == NULL)
    {
      g_test_skip ("No /proc here: the note records the pid only");
      return;
    }
  g_assert_cmpint (pipe (go), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      char c;

      /* The writer: it waits to be told, then crashes. */
      close (go[1]);
      if (read (go[0], &c, 1) < 0)
        _exit (2);
      raise (SIGKILL);
      _exit (1);
    }
  close (go[0]);

  /* The note says the child wrote the copy and could take no lock. */
  child_pid = g_strdup_printf ("%d", (int) child);
  {
    g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) child);
    g_autofree char *contents = NULL;
    g_auto(GStrv) fields = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    fields = g_strsplit (g_strchug (strrchr (contents, ')') + 1), " ", 0);
    child_start = g_strdup (fields[22 - 3]);
  }
  writer_gone (f);
  edit_note (f, "lock", "false");
  edit_note (f, "pid", child_pid);
  edit_note (f, "start-time", child_start);

  /* Alive: its copy is its own. */
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* It crashes, and no one has reaped it yet. */
  close (go[1]);
  for (int i = 0; i < 500 && state != 'Z'; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) child);
      g_autofree char *contents = NULL;

      g_usleep (10 * 1000);
      if (g_file_get_contents (path, &contents, NULL, NULL))
        state = strrchr (contents, ')')[2];
    }
  g_assert_cmpint (state, ==, 'Z');
  g_assert_cmpint (kill (child, 0), ==, 0);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
}

/* A note from an earlier Stakemap: pid only, no lock. Its pid is this
 * live process, as after a reboot; the copy is still offered. */
static void
test_old_note (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GFile) original = g_file_new_for_path ("/tmp/meeting.stakemap");
  SmAutosaveEntry *entry;

  writer_gone (f);
  g_unlink (f->lock_path);
  edit_note (f, "lock", NULL);
  edit_note (f, "boot-id", NULL);
  edit_note (f, "start-time", NULL);

  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_false (entry->unknown_origin);
  g_assert_true (g_file_equal (entry->original, original));
}

/* A copy with no note, or one that cannot be read, is offered all the
 * same, with the time of the file. */
static void
test_copy_without_note (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = NULL;
  SmAutosaveEntry *entry;

  writer_gone (f);
  g_assert_cmpint (g_unlink (f->note_path), ==, 0);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_true (entry->unknown_origin);
  g_assert_null (entry->original);
  g_assert_true (g_file_test (g_file_peek_path (entry->data), G_FILE_TEST_EXISTS));
  /* Written moments ago, not at the epoch. */
  then = g_date_time_add_hours (now, -1);
  g_assert_cmpint (g_date_time_compare (entry->time, then), >, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  g_assert_true (g_file_set_contents (f->note_path, "not [a key file", -1, NULL));
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_true (entry->unknown_origin);
}

/* A note whose copy is gone holds nothing to recover: removed, with its
 * lock, once no one holds it. */
static void
test_note_without_copy (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;

  g_assert_cmpint (g_unlink (f->data_path), ==, 0);
  /* Still held: the writer may be about to write the copy. */
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_true (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&orphans, g_ptr_array_unref);

  writer_gone (f);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_false (g_file_test (f->note_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
}

/* Recovered in a new process: the copy is held again straight away,
 * before its next note is written. */
static void
test_recovered_copy_is_held (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(SmAutosave) again = NULL;
  g_autofree char *id = g_strdup (sm_autosave_get_id (f->autosave));

  writer_gone (f);
  again = sm_autosave_new (f->document, f->dir, id);
  edit_note (f, "pid", "0");
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  g_clear_object (&again);
  orphans = find (f);
  g_assert_cmpuint (orphans->len, ==, 1);
}

/* Stakemap stops with unsaved changes; meanwhile a colleague's version
 * arrives in the file. The recovered map knows the file as it was when it
 * was read, so saving asks instead of overwriting the colleague's. */
static void
test_recovered_map_notices_changes_since (void)
{
  g_autofree char *folder = g_dir_make_tmp ("stakemap-recovered-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "estate.stakemap", NULL);
  g_autofree char *autosave_path = g_build_filename (folder, "autosave", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_new_for_path (autosave_path);
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(SmDocument) recovered = NULL;
  g_autoptr(SmAutosave) autosave = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  SmAutosaveEntry *entry;
  JsonObject      *data = json_object_new ();

  g_assert_true (g_file_set_contents (path, "{\"format\":\"stakemap\",\"version\":1}", -1, NULL));
  document = sm_document_load (file, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (data, "name", "Ours");
  sm_document_push (document, sm_command_new_add (sm_document_get_map (document),
                                                  SM_RECORD_STAKEHOLDER, data));
  json_object_unref (data);
  autosave = sm_autosave_new (document, dir, NULL);
  g_assert_true (sm_autosave_write_now (autosave, &error));
  g_clear_object (&autosave);

  g_assert_true (g_file_set_contents (path, "{\"format\":\"stakemap\",\"version\":1,"
                                            "\"map\":{\"title\":\"Theirs\"}}",
                                      -1, NULL));

  orphans = sm_autosave_find_orphans (dir);
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_true (entry->has_stamp);
  map = sm_format_load_file (entry->data, NULL, &error);
  g_assert_no_error (error);
  recovered = sm_document_new (map, entry->original);
  sm_document_set_disk_stamp (recovered, &entry->stamp);
  g_assert_true (sm_document_get_changed_on_disk (recovered));
  g_assert_false (sm_document_save (recovered, NULL, NULL, &error));
  g_assert_error (error, SM_FILE_ERROR, SM_FILE_ERROR_CHANGED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Theirs"));

  sm_autosave_delete_entry (entry);
  g_unlink (path);
  g_rmdir (autosave_path);
  g_rmdir (folder);
}

/* The app says how often a copy is kept (Preferences), within limits:
 * never a copy every instant, never a wait of hours. */
static void
test_interval (Fixture      *f,
               gconstpointer data)
{
  g_assert_cmpuint (sm_autosave_get_interval (f->autosave), ==, SM_AUTOSAVE_INTERVAL);
  sm_autosave_set_interval (f->autosave, 60);
  g_assert_cmpuint (sm_autosave_get_interval (f->autosave), ==, 60);
  sm_autosave_set_interval (f->autosave, 0);
  g_assert_cmpuint (sm_autosave_get_interval (f->autosave), ==, SM_AUTOSAVE_INTERVAL_MIN);
  sm_autosave_set_interval (f->autosave, 100000);
  g_assert_cmpuint (sm_autosave_get_interval (f->autosave), ==, SM_AUTOSAVE_INTERVAL_MAX);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/autosave/recovery", test_recovery);
  ADD ("/core/autosave/held-by-lock", test_held_by_lock);
  ADD ("/core/autosave/crashed-writer-not-reaped", test_crashed_writer_not_reaped);
  ADD ("/core/autosave/process-record", test_process_record);
  ADD ("/core/autosave/old-note", test_old_note);
  ADD ("/core/autosave/copy-without-note", test_copy_without_note);
  ADD ("/core/autosave/note-without-copy", test_note_without_copy);
  ADD ("/core/autosave/recovered-copy-is-held", test_recovered_copy_is_held);
  ADD ("/core/autosave/interval", test_interval);
#undef ADD
  g_test_add_func ("/core/autosave/recovered-map-notices-changes-since",
                   test_recovered_map_notices_changes_since);

  return g_test_run ();
}

/* test-file-writer.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sm-autosave.h"
#include "sm-document.h"
#include "sm-export.h"
#include "sm-file-writer-private.h"
#include "sm-format.h"
#include "sm-report.h"
#include "sm-test-utils.h"

/* Every kind of file Stakemap writes, each failing at every step of the
 * write as a full disk or a failing device would: the file already there
 * and its backup must come out byte for byte as they were, with nothing
 * left beside them. */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The folder's names, sorted, one string: what is there, and nothing else
 * (but the lock a recovery copy's owner holds, which is not written). */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_suffix (name, ".lock"))
      g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* The outputs, each a function that writes @map into @dir and says which
 * files it writes. */
typedef struct
{
  const char *name;
  const char *files[2];
  gboolean    pair; /* the files belong together: neither changes without the other */
  gboolean    backup;
  gboolean (*write) (SmMap *map, const char *dir, GError **error);
} Output;

static gboolean
write_map (SmMap      *map,
           const char *dir,
           GError    **error)
{
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return sm_format_save_file (map, file, NULL, error);
}

static gboolean
write_document (SmMap      *map,
                const char *dir,
                GError    **error)
{
  g_autofree char *path = g_build_filename (dir, "document.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SmDocument) document = sm_document_new (map, file);

  return sm_document_save (document, NULL, NULL, error);
}

static gboolean
write_recovery_copy (SmMap      *map,
                     const char *dir,
                     GError    **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(SmDocument) document = sm_document_new (map, NULL);
  g_autoptr(SmAutosave) autosave = sm_autosave_new (document, folder, "copy");

  return sm_autosave_write_now (autosave, error);
}

static gboolean
write_report (SmMap         *map,
              const char    *dir,
              SmReportFormat format,
              GError       **error)
{
  g_autofree char *path = g_build_filename (dir, format == SM_REPORT_PDF ? "report.pdf" : "report.html", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 3, 9, 0, 0);
  SmReportOptions options = { 0 };

  options.format = format;
  options.now = now;
  return sm_report_write (map, &options, path, error);
}

static gboolean
write_pdf_report (SmMap      *map,
                  const char *dir,
                  GError    **error)
{
  return write_report (map, dir, SM_REPORT_PDF, error);
}

static gboolean
write_html_report (SmMap      *map,
                   const char *dir,
                   GError    **error)
{
  return write_report (map, dir, SM_REPORT_HTML, error);
}

static gboolean
write_graphml (SmMap      *map,
               const char *dir,
               GError    **error)
{
  g_autofree char *path = g_build_filename (dir, "map.graphml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = sm_export_graphml (map, NULL);

  return sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, NULL, NULL, error);
}

static gboolean
write_csv (SmMap      *map,
           const char *dir,
           GError    **error)
{
  g_autofree char *people_path = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *ties_path = g_build_filename (dir, "people.relationships.csv", NULL);
  g_autoptr(GFile) people = g_file_new_for_path (people_path);
  g_autoptr(GFile) ties = g_file_new_for_path (ties_path);

  return sm_export_write_csv_files (map, people, ties, error);
}

static const Output outputs[] = {
  { "map", { "map.stakemap" }, FALSE, TRUE, write_map },
  { "document", { "document.stakemap" }, FALSE, TRUE, write_document },
  { "recovery-copy", { "copy.info", "copy.stakemap" }, FALSE, FALSE, write_recovery_copy },
  { "pdf-report", { "report.pdf" }, FALSE, FALSE, write_pdf_report },
  { "html-report", { "report.html" }, FALSE, FALSE, write_html_report },
  { "graphml", { "map.graphml" }, FALSE, FALSE, write_graphml },
  { "csv", { "people.csv", "people.relationships.csv" }, TRUE, FALSE, write_csv },
};

static const struct
{
  SmFileStep step;
  int        error_number;
} faults[] = {
  { SM_FILE_STEP_CREATE, ENOSPC },
  { SM_FILE_STEP_CREATE, EACCES },
  { SM_FILE_STEP_WRITE, ENOSPC },
  { SM_FILE_STEP_WRITE, EIO },
  { SM_FILE_STEP_SYNC, EIO },
  { SM_FILE_STEP_BACKUP, ENOSPC },
  { SM_FILE_STEP_RENAME, EIO },
};

/* Each output over old files (and old backups), failing at each step;
 * for a pair of files, at each step of the second file too (all but the
 * rename: both are on disk before either moves, and then only renames are
 * left). */
static void
test_failure_at_every_step (gconstpointer data)
{
  const Output *output = data;
  g_autoptr(SmMap) map = sm_test_load_worked_example ();

  for (guint f = 0; f < 2 * G_N_ELEMENTS (faults); f++)
    {
      guint      nth = f < G_N_ELEMENTS (faults) ? 1 : 2;
      SmFileStep step = faults[f % G_N_ELEMENTS (faults)].step;
      int        error_number = faults[f % G_N_ELEMENTS (faults)].error_number;

      g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      if ((step == SM_FILE_STEP_BACKUP && !output->backup) ||
          (nth == 2 && (!output->pair || step == SM_FILE_STEP_RENAME)))
        {
          remove_tree (dir);
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (output->files) && output->files[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (dir, output->files[i], NULL);
          g_autofree char *backup = g_strconcat (path, "~", NULL);
          g_autofree char *old = g_strdup_printf ("the old %s", output->files[i]);
          g_autofree char *older = g_strdup_printf ("the older %s", output->files[i]);

          sm_test_write_file (path, old);
          if (output->backup)
            sm_test_write_file (backup, older);
        }
      before = list_dir (dir);

      g_test_message ("%s, failing at step %d of file %u with %s", output->name, step, nth,
                      g_strerror (error_number));
      _sm_file_writer_fail_at_nth (step, error_number, nth);
      g_assert_false (output->write (map, dir, &error));
      _sm_file_writer_fail_at (SM_FILE_STEP_NONE, 0);
      g_assert_nonnull (error);

      /* The user is told what happened, and that the file is safe. */
      g_assert_true (strstr (error->message, g_strerror (error_number)) != NULL);
      if (output->pair)
        g_assert_nonnull (strstr (error->message, output->files[nth - 1]));
      if (step == SM_FILE_STEP_CREATE && error_number == EACCES)
        g_assert_true (strstr (error->message, "can't write in the folder") != NULL);
      else
        g_assert_true (strstr (error->message, "was not changed") != NULL);

      after = list_dir (dir);
      g_assert_cmpstr (after, ==, before);
      for (guint i = 0; i < G_N_ELEMENTS (output->files) && output->files[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (dir, output->files[i], NULL);
          g_autofree char *backup = g_strconcat (path, "~", NULL);
          g_autofree char *old = g_strdup_printf ("the old %s", output->files[i]);
          g_autofree char *older = g_strdup_printf ("the older %s", output->files[i]);
          g_autofree char *contents = sm_test_read_file (path);

          g_assert_cmpstr (contents, ==, old);
          if (output->backup)
            {
              g_autofree char *backup_contents = sm_test_read_file (backup);
              g_assert_cmpstr (backup_contents, ==, older);
            }
        }
      remove_tree (dir);
    }
}

/* The same writes succeed without a fault, with the old version as the
 * backup where there is one, and nothing else left in the folder; a
 * folder that cannot be flushed after the rename does not fail a write
 * that is complete. */
static void
test_success (gconstpointer data)
{
  const Output *output = data;
  g_autoptr(SmMap) map = sm_test_load_worked_example ();

  for (int flush_fails = 0; flush_fails < 2; flush_fails++)
    {
      g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *listing = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (output->files) && output->files[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (dir, output->files[i], NULL);

          sm_test_write_file (path, "the old version");
        }

      if (flush_fails)
        _sm_file_writer_fail_at (SM_FILE_STEP_SYNC_FOLDER, EIO);
      g_assert_true (output->write (map, dir, &error));
      g_assert_no_error (error);
      _sm_file_writer_fail_at (SM_FILE_STEP_NONE, 0);

      for (guint i = 0; i < G_N_ELEMENTS (output->files) && output->files[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (dir, output->files[i], NULL);
          g_autofree char *contents = sm_test_read_file (path);

          g_assert_cmpstr (contents, !=, "the old version");
          g_assert_cmpuint (strlen (contents), >, 20);
          if (i > 0)
            g_string_append_c (expected, ' ');
          g_string_append (expected, output->files[i]);
          if (output->backup)
            {
              g_autofree char *backup = g_strconcat (path, "~", NULL);
              g_autofree char *backup_contents = sm_test_read_file (backup);

              g_assert_cmpstr (backup_contents, ==, "the old version");
              g_string_append_printf (expected, " %s~", output->files[i]);
            }
        }
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, expected->str);
      remove_tree (dir);
    }
}

/* A recovery copy holds private facts: only its owner may read it. A new
 * file follows the umask; a replaced one keeps its permissions. */
static void
test_permissions (void)
{
  g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "file.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("text", 4);
  g_autoptr(GError) error = NULL;
  mode_t      mask = umask (022);
  struct stat st;

  g_assert_true (sm_file_write_bytes (file, bytes, SM_FILE_WRITE_PRIVATE, NULL, NULL, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_unlink (path);

  g_assert_true (sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, NULL, NULL, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (sm_file_write_bytes (file, bytes, SM_FILE_WRITE_BACKUP, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  umask (mask);
  remove_tree (dir);
}

/* A file marked read-only is not written over, though the folder would
 * let it be replaced. Root may write anything: as root, the write is
 * tried as another user. */
static void
test_read_only_file (void)
{
  g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  int              status;
  pid_t            pid;

  sm_test_write_file (path, "the old map");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) bytes = g_bytes_new_static ("the new map", 11);
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (3);
      if (sm_file_write_bytes (file, bytes, SM_FILE_WRITE_BACKUP, NULL, NULL, &error))
        _exit (1);
      _exit (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) &&
                 strstr (error->message, "read-only") != NULL
               ? 0
               : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  {
    g_autofree char *contents = sm_test_read_file (path);
    g_autofree char *listing = list_dir (dir);

    g_assert_cmpstr (contents, ==, "the old map");
    g_assert_cmpstr (listing, ==, "map.stakemap");
  }
  remove_tree (dir);
}

/* A file shared through its group keeps the group (and, for root, the
 * owner); a backup that already is the file, by a hard link, leaves no
 * stray name behind. */
static void
test_owner_and_links (void)
{
  g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("the new map", 11);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  struct stat      st;

  sm_test_write_file (path, "the old map");
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_cmpint (link (path, backup), ==, 0);

  g_assert_true (sm_file_write_bytes (file, bytes, SM_FILE_WRITE_BACKUP, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if (geteuid () == 0)
    {
      g_assert_cmpint (st.st_uid, ==, 65534);
      g_assert_cmpint (st.st_gid, ==, 65534);
    }
  else
    g_test_message ("not root: the owner cannot be given away here");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "map.stakemap map.stakemap~");
  contents = sm_test_read_file (backup);
  g_assert_cmpstr (contents, ==, "the old map");

  remove_tree (dir);
}

/* Saving through a symbolic link writes the file it points to, and the
 * link stays a link. */
static void
test_symbolic_link (void)
{
  g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
  g_autofree char *target = g_build_filename (dir, "real.stakemap", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.stakemap", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;

  sm_test_write_file (target, "old");
  g_assert_cmpint (symlink ("real.stakemap", link_path), ==, 0);
  g_assert_true (sm_format_save_file (map, link_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  contents = sm_test_read_file (target);
  g_assert_true (g_str_has_prefix (contents, "{"));
  backup = sm_test_read_file (g_strconcat (target, "~", NULL));
  g_assert_cmpstr (backup, ==, "old");

  remove_tree (dir);
}

/* A folder where the file should be is refused, and left alone. */
static void
test_not_a_file (void)
{
  g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_false (sm_format_save_file (map, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  remove_tree (dir);
}

/* Another program changes the open map: saving over it refuses and
 * writes nothing. A file that was deleted meanwhile has nothing to lose,
 * so saving writes it again. */
static void
test_changed_on_disk (void)
{
  g_autofree char *dir = sm_test_make_temp_dir ("stakemap-writer-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autofree char *other = g_build_filename (dir, "other.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (sm_format_save_file (map, file, NULL, &error));
  document = sm_document_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sm_document_get_changed_on_disk (document));

  /* Another program writes the file, as an editor would: in place. */
  sm_test_write_file (path, "{\"format\": \"stakemap\", \"version\": 1, \"title\": \"Theirs\"}\n");
  g_assert_true (sm_document_get_changed_on_disk (document));
  g_assert_false (sm_document_save (document, NULL, NULL, &error));
  g_assert_error (error, SM_FILE_ERROR, SM_FILE_ERROR_CHANGED);
  g_clear_error (&error);
  contents = sm_test_read_file (path);
  g_assert_true (strstr (contents, "Theirs") != NULL);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "map.stakemap");

  /* Save As elsewhere is not a conflict, and the document follows. */
  g_assert_true (sm_document_save (document, other_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sm_document_get_changed_on_disk (document));
  g_assert_true (sm_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A new map to be saved at a path where another program then puts a
   * file: that file is not overwritten either. */
  {
    g_autofree char *fresh = g_build_filename (dir, "fresh.stakemap", NULL);
    g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
    g_autoptr(SmDocument) fresh_document = sm_document_new (map, fresh_file);
    g_autofree char *theirs = NULL;

    g_assert_false (sm_document_get_changed_on_disk (fresh_document));
    sm_test_write_file (fresh, "theirs");
    g_assert_true (sm_document_get_changed_on_disk (fresh_document));
    g_assert_false (sm_document_save (fresh_document, NULL, NULL, &error));
    g_assert_error (error, SM_FILE_ERROR, SM_FILE_ERROR_CHANGED);
    g_clear_error (&error);
    theirs = sm_test_read_file (fresh);
    g_assert_cmpstr (theirs, ==, "theirs");
    g_unlink (fresh);
  }

  /* Deleted meanwhile: written again. */
  g_unlink (other);
  g_assert_false (sm_document_get_changed_on_disk (document));
  g_assert_true (sm_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *failure = g_strdup_printf ("/core/file-writer/failure-at-every-step/%s", outputs[i].name);
      g_autofree char *success = g_strdup_printf ("/core/file-writer/success/%s", outputs[i].name);

      g_test_add_data_func (failure, &outputs[i], test_failure_at_every_step);
      g_test_add_data_func (success, &outputs[i], test_success);
    }
  g_test_add_func ("/core/file-writer/permissions", test_permissions);
  g_test_add_func ("/core/file-writer/symbolic-link", test_symbolic_link);
  g_test_add_func ("/core/file-writer/read-only-file", test_read_only_file);
  g_test_add_func ("/core/file-writer/owner-and-links", test_owner_and_links);
  g_test_add_func ("/core/file-writer/not-a-file", test_not_a_file);
  g_test_add_func ("/core/file-writer/changed-on-disk", test_changed_on_disk);

  return g_test_run ();
}

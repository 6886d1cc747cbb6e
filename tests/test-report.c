/* test-report.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sm-format.h"
#include "sm-report.h"

/* The evaluation report as the core makes it: the same map and date give
 * the same PDF, the map it is made from is left alone (names included),
 * and writing replaces the file in one step or says which file it could
 * not write. What the pages say is read back by tests/test-cli.py. */

static SmMap *
load_worked_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2030, 1, 2, 3, 4, 5);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  /* Binary: g_strstr_len() would stop at the first NUL. */
  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_report_deterministic (void)
{
  g_autoptr(SmMap) map = load_worked_example ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;

  one = sm_report_to_pdf (map, NULL, SM_LENS_NONE, now, &error);
  g_assert_no_error (error);
  two = sm_report_to_pdf (map, NULL, SM_LENS_NONE, now, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (one, NULL), 5, "%PDF-", 5);
  g_assert_true (g_bytes_equal (one, two));
  /* The injected date is the report's date, down to the metadata. */
  g_assert_true (bytes_contain (one, "20300102030405"));
}

static void
test_report_leaves_map_alone (void)
{
  g_autoptr(SmMap) map = load_worked_example ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = sm_format_save_to_bytes (map);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) pdf = NULL;
  SmRecord *sub = sm_map_lookup (map, "SUB");

  pdf = sm_report_to_pdf (map, NULL, SM_LENS_ELUCIDATION, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  /* Service user B has not said yes to being named: hidden in the report,
   * but still themselves on the map the group is editing. */
  g_assert_cmpstr (sm_stakeholder_get_name (sub), ==, "Service user B");
  after = sm_format_save_to_bytes (map);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_report_write (void)
{
  g_autoptr(SmMap) map = load_worked_example ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stakemap-report-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  gsize length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  g_assert_true (g_file_set_contents (path, "an older report", -1, &error));
  g_assert_no_error (error);

  g_assert_true (sm_report_write_pdf (map, NULL, SM_LENS_NONE, now, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);

  /* Nothing but the report is left in the folder. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "report.pdf");
  g_assert_null (g_dir_read_name (listing));

  missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_assert_false (sm_report_write_pdf (map, NULL, SM_LENS_NONE, now, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_report_empty_map (void)
{
  g_autoptr(SmMap) map = sm_map_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sm_report_to_pdf (map, NULL, SM_LENS_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/report/deterministic", test_report_deterministic);
  g_test_add_func ("/core/report/leaves-map-alone", test_report_leaves_map_alone);
  g_test_add_func ("/core/report/write", test_report_write);
  g_test_add_func ("/core/report/empty-map", test_report_empty_map);

  return g_test_run ();
}

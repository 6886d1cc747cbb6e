/* test-export.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "sm-evaluate.h"
#include "sm-export.h"
#include "sm-exporter.h"
#include "sm-format.h"
#include "sm-import.h"

/* The exporter list: what `stakemap-cli convert` and the app offer. Each
 * format is found by its id and by a file's name, and writes what the
 * format's own functions make. */

static SmMap *
worked_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (g_bytes_get_size (a), >, 0);
  g_assert_true (g_bytes_equal (a, b));
}

static void
assert_file_holds (const char *path,
                   GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length;
  g_autoptr(GBytes) bytes = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (contents, length);
  assert_bytes_equal (bytes, expected);
}

static void
assert_file_starts_like (const char *path,
                         GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 64);
  g_assert_cmpmem (contents, 8, g_bytes_get_data (expected, NULL), 8);
}

/* Every exporter is complete, found by its id and by each of its
 * extensions in any case. */
static void
test_registry_all (void)
{
  const SmExporter *const *all = sm_exporters_get_all ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (; all[n] != NULL; n++)
    {
      const SmExporter *exporter = all[n];

      g_assert_nonnull (exporter->id);
      g_assert_true (g_hash_table_add (ids, (char *) exporter->id));
      g_assert_cmpstr (sm_exporter_get_label (exporter), !=, "");
      g_assert_nonnull (exporter->mime_type);
      g_assert_nonnull (exporter->write);
      g_assert_nonnull (exporter->extensions[0]);
      g_assert_true (sm_exporter_lookup (exporter->id) == exporter);
      for (guint e = 0; exporter->extensions[e] != NULL; e++)
        {
          g_autofree char *name = g_strconcat ("some map.", exporter->extensions[e], NULL);
          g_autofree char *upper = g_ascii_strup (name, -1);

          g_assert_true (sm_exporter_guess_for_path (name) == exporter);
          g_assert_true (sm_exporter_guess_for_path (upper) == exporter);
        }
    }
  /* GraphML and CSV at least; images come next. */
  g_assert_cmpuint (n, >=, 2);
  g_assert_nonnull (sm_exporter_lookup ("graphml"));
  g_assert_nonnull (sm_exporter_lookup ("csv"));
  g_assert_null (sm_exporter_lookup ("GraphML"));
  g_assert_null (sm_exporter_lookup ("docx"));
}

/* The names `stakemap-cli convert` has always taken, and the ones it
 * refuses. */
static void
test_registry_guess (void)
{
  const SmExporter *graphml = sm_exporter_lookup ("graphml");
  const SmExporter *csv = sm_exporter_lookup ("csv");

  g_assert_true (sm_exporter_guess_for_path ("out/network.graphml") == graphml);
  g_assert_true (sm_exporter_guess_for_path ("Network.GraphML") == graphml);
  g_assert_true (sm_exporter_guess_for_path ("network.xml") == graphml);
  g_assert_true (sm_exporter_guess_for_path ("/tmp/people.csv") == csv);
  g_assert_true (sm_exporter_guess_for_path ("PEOPLE.CSV") == csv);
  g_assert_null (sm_exporter_guess_for_path ("map.stakemap"));
  g_assert_null (sm_exporter_guess_for_path ("map.csv.txt"));
  g_assert_null (sm_exporter_guess_for_path ("csv"));
  g_assert_null (sm_exporter_guess_for_path ("mapcsv"));
  g_assert_null (sm_exporter_guess_for_path (""));
}

/* CSV writes the relationships beside the stakeholders; GraphML is one
 * file. */
static void
test_registry_companion (void)
{
  const SmExporter *csv = sm_exporter_lookup ("csv");
  g_autofree char  *a = sm_exporter_dup_companion_path (csv, "out/people.csv");
  g_autofree char  *b = sm_exporter_dup_companion_path (csv, "People.CSV");
  g_autofree char  *c = sm_exporter_dup_companion_path (sm_exporter_lookup ("graphml"), "net.graphml");

  g_assert_cmpstr (a, ==, "out/people.relationships.csv");
  g_assert_cmpstr (b, ==, "People.relationships.csv");
  g_assert_null (c);
}

static void
test_graphml_worked_example (void)
{
  g_autoptr(SmMap) map = worked_example ();
  const SmExporter *exporter = sm_exporter_guess_for_path ("example.graphml");
  g_autoptr(GBytes) expected = sm_export_graphml (map, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) companion = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (exporter);
  g_assert_cmpstr (exporter->id, ==, "graphml");
  g_assert_true (sm_exporter_write_bytes (exporter, map, NULL, &bytes, &companion, NULL, &error));
  g_assert_no_error (error);
  assert_bytes_equal (bytes, expected);
  g_assert_null (companion);
}

static void
test_csv_worked_example (void)
{
  g_autoptr(SmMap) map = worked_example ();
  const SmExporter *exporter = sm_exporter_guess_for_path ("example.csv");
  g_autoptr(GBytes) people = sm_export_csv_stakeholders (map, NULL);
  g_autoptr(GBytes) ties = sm_export_csv_relationships (map, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) companion = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (exporter);
  g_assert_cmpstr (exporter->id, ==, "csv");
  g_assert_true (sm_exporter_write_bytes (exporter, map, NULL, &bytes, &companion, NULL, &error));
  g_assert_no_error (error);
  assert_bytes_equal (bytes, people);
  assert_bytes_equal (companion, ties);
}

/* Through the safe writer, every exporter's files hold what it makes. */
static void
test_write_file (void)
{
  g_autoptr(SmMap) map = worked_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char         *dir = g_dir_make_tmp ("stakemap-export-XXXXXX", &error);
  const SmExporter *const *all = sm_exporters_get_all ();

  g_assert_no_error (error);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("example.", all[i]->extensions[0], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *second_path = sm_exporter_dup_companion_path (all[i], path);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) second = second_path != NULL ? g_file_new_for_path (second_path) : NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) companion = NULL;

      g_assert_true (sm_exporter_write_bytes (all[i], map, NULL, &bytes, &companion, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (sm_exporter_write_file (all[i], map, NULL, file, second, NULL, NULL, &error));
      g_assert_no_error (error);
      /* cairo numbers the parts of an SVG across the process: a
       * picture made again is the same but for those numbers. */
      if (all[i]->picture)
        assert_file_starts_like (path, bytes);
      else
        assert_file_holds (path, bytes);
      if (second_path != NULL)
        assert_file_holds (second_path, companion);
      g_remove (path);
      if (second_path != NULL)
        g_remove (second_path);
    }
  g_rmdir (dir);
}

/* A pair that cannot be written says which file, and leaves neither. */
static void
test_write_pair_error (void)
{
  g_autoptr(SmMap) map = worked_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stakemap-export-XXXXXX", &error);
  g_autofree char *people_path = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *ties_path = g_build_filename (dir, "missing", "people.relationships.csv", NULL);
  g_autoptr(GFile) people = g_file_new_for_path (people_path);
  g_autoptr(GFile) ties = g_file_new_for_path (ties_path);
  g_autofree char *ties_name = g_file_get_parse_name (ties);

  g_assert_no_error (error);
  g_assert_false (sm_exporter_write_file (sm_exporter_lookup ("csv"), map, NULL, people, ties, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, ties_name));
  g_assert_false (g_file_test (people_path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* Names follow consent (issue 11, DQ-05): by default no hidden person's
 * name is anywhere in the bytes of any data export, whatever field it was
 * typed in; organisations keep theirs; --names=all shows everyone. */
static const char consent_map[] =
  "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
  "{\"id\":\"s1\",\"name\":\"Gloria Mensah\",\"kind\":\"service_user\",\"notes\":\"Gloria Mensah asked the "
  "Tenants association chair\",\"remuneration\":{\"notes\":\"paid via Derek\"},\"favourite\":\"Derek's\"},"
  "{\"id\":\"s2\",\"name\":\"Derek\",\"kind\":\"carer\",\"consent_to_be_mapped\":false,"
  "\"tags\":[\"Gloria Mensah\"]},"
  "{\"id\":\"s3\",\"name\":\"Amina\",\"kind\":\"citizen\",\"consent_to_be_mapped\":true},"
  "{\"id\":\"s4\",\"name\":\"Tenants association\",\"kind\":\"community_org\"},"
  "{\"id\":\"s5\",\"name\":\"Housing association board\",\"kind\":\"provider_org\"}],"
  "\"relationships\":[{\"id\":\"r1\",\"source\":\"s2\",\"target\":\"s1\",\"label\":\"Derek cares for Gloria "
  "Mensah\"},{\"id\":\"r2\",\"source\":\"s4\",\"target\":\"s5\",\"label\":\"Tenants association writes to "
  "the board\"}]}";

static gboolean
bytes_contain (GBytes     *bytes,
               const char *text)
{
  gsize         size = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return data != NULL && g_strstr_len ((const char *) data, size, text) != NULL;
}

/* A workbook is a zip: the text of all its files, to search. */
static GBytes *
unpacked (const SmExporter *exporter,
          GBytes           *bytes)
{
  struct archive       *a;
  struct archive_entry *entry;
  GByteArray           *out;
  gsize                 length;
  const void           *data = g_bytes_get_data (bytes, &length);

  if (strcmp (exporter->id, "xlsx") != 0)
    return bytes;
  out = g_byte_array_new ();
  a = archive_read_new ();
  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_memory (a, data, length), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      guchar     buffer[4096];
      la_ssize_t n;

      while ((n = archive_read_data (a, buffer, sizeof buffer)) > 0)
        g_byte_array_append (out, buffer, n);
      g_assert_cmpint (n, ==, 0);
    }
  archive_read_free (a);
  g_bytes_unref (bytes);
  return g_byte_array_free_to_bytes (out);
}

static void
test_names_follow_consent (void)
{
  g_autoptr(GBytes) json = g_bytes_new_static (consent_map, sizeof consent_map - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (json, &error);
  const SmExporter *const *all = sm_exporters_get_all ();
  static const char *const hidden[] = { "Gloria", "Mensah", "Derek", NULL };
  static const char *const shown[] = { "Amina", "Tenants association", "Housing association board", NULL };
  const SmExportOptions    everyone = { SM_EXPORT_NAMES_ALL };

  g_assert_no_error (error);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) companion = NULL;
      g_autoptr(GBytes) full = NULL;
      g_autoptr(GBytes) full_companion = NULL;

      /* Pictures are read as their readers do, in test-cli.py. */
      if (all[i]->picture)
        continue;
      g_test_message ("%s", all[i]->id);
      g_assert_true (sm_exporter_write_bytes (all[i], map, NULL, &bytes, &companion, NULL, &error));
      g_assert_no_error (error);
      bytes = unpacked (all[i], g_steal_pointer (&bytes));
      for (guint n = 0; hidden[n] != NULL; n++)
        {
          if (bytes_contain (bytes, hidden[n]) || bytes_contain (companion, hidden[n]))
            g_error ("%s names %s", all[i]->id, hidden[n]);
        }
      for (guint n = 0; shown[n] != NULL; n++)
        g_assert_true (bytes_contain (bytes, shown[n]));
      /* Numbered in map order, as in the report; whole words only. */
      g_assert_true (bytes_contain (bytes, "Participant 1"));
      g_assert_true (bytes_contain (bytes, "Participant 2"));
      g_assert_true (bytes_contain (bytes, "Participant 1 asked the Tenants association chair"));
      g_assert_true (bytes_contain (bytes, "Participant 2's"));
      g_assert_true (bytes_contain (companion != NULL ? companion : bytes, "Participant 2 cares for Participant 1"));

      g_assert_true (sm_exporter_write_bytes (all[i], map, &everyone, &full, &full_companion, NULL, &error));
      g_assert_no_error (error);
      full = unpacked (all[i], g_steal_pointer (&full));
      for (guint n = 0; hidden[n] != NULL; n++)
        g_assert_true (bytes_contain (full, hidden[n]));
      for (guint n = 0; shown[n] != NULL; n++)
        g_assert_true (bytes_contain (full, shown[n]));
      g_assert_false (bytes_contain (full, "Participant"));
    }
}

/* A map whose hidden people have ids that spell their names (issue 11):
 * Gloria Mensah ("gloria") and Derek ("derek") have not agreed to be
 * named, and are referred to from every kind of record; the housing board
 * already has the id "participant-1", so Gloria's public id takes a
 * suffix. Amina agreed to be named but keeps her details private. */
static const char hidden_ids_map[] =
  "{\"format\":\"stakemap\",\"version\":1,"
  "\"map\":{\"title\":\"Riverside\",\"perspective\":{\"drawn_by\":[\"gloria\",\"amina\"]},"
  "\"on_the_table\":[{\"item\":\"Rents\",\"notes\":\"Derek raised it\"}],"
  "\"off_the_table\":[{\"item\":\"Demolition\",\"reason\":\"Gloria Mensah was told no\",\"decided_by\":\"derek\"}]},"
  "\"stakeholders\":["
  "{\"id\":\"gloria\",\"name\":\"Gloria Mensah\",\"kind\":\"service_user\","
  "\"lived_experience\":{\"relevant\":true,\"of\":\"eviction\"},\"needs\":[\"a quiet room\"],"
  "\"accessibility\":{\"needs\":[\"step-free access\"]},"
  "\"assets\":[{\"type\":\"local_knowledge\",\"description\":\"knows every stairwell\"}],"
  "\"notes\":\"Gloria Mensah told the Tenants' association chair\",\"buddy\":\"derek\"},"
  "{\"id\":\"derek\",\"name\":\"Derek\",\"kind\":\"carer\",\"consent_to_be_mapped\":false,"
  "\"favourite\":\"Derek's garden\"},"
  "{\"id\":\"amina\",\"name\":\"Amina\",\"kind\":\"citizen\",\"consent_to_be_mapped\":true,"
  "\"visibility\":\"private\",\"needs\":[\"childcare\"],\"lived_experience\":{\"of\":\"homelessness\"}},"
  "{\"id\":\"tenants\",\"name\":\"Tenants' association\",\"kind\":\"community_org\","
  "\"notes\":\"Tenants' association chair: Derek\"},"
  "{\"id\":\"participant-1\",\"name\":\"Housing association board\",\"kind\":\"provider_org\"}],"
  "\"relationships\":["
  "{\"id\":\"r1\",\"source\":\"derek\",\"target\":\"gloria\",\"label\":\"Derek cares for Gloria Mensah\","
  "\"recorded_by\":\"amina\"},"
  "{\"id\":\"r2\",\"source\":\"tenants\",\"target\":\"participant-1\",\"label\":\"Tenants' association chair "
  "writes to the board\"},"
  "{\"id\":\"r3\",\"source\":\"gloria\",\"target\":\"tenants\",\"evidence\":\"Gloria Mensah's minutes\","
  "\"recorded_by\":\"derek\"}],"
  "\"spaces\":[{\"id\":\"sp1\",\"name\":\"Gloria Mensah's kitchen table\",\"type\":\"claimed\","
  "\"convened_by\":\"gloria\",\"members\":[{\"stakeholder\":\"gloria\"},{\"stakeholder\":\"derek\"}]}],"
  "\"decisions\":[{\"id\":\"d1\",\"title\":\"Rent freeze\",\"decided_by\":[\"participant-1\"],"
  "\"input_from\":[\"gloria\",\"derek\"]}],"
  "\"annotations\":[{\"id\":\"n1\",\"text\":\"Ask Derek first\",\"refers_to\":[\"derek\",\"r1\"]}],"
  "\"regions\":[{\"id\":\"rg1\",\"label\":\"Derek's street\",\"x\":0,\"y\":0,\"width\":300,\"height\":200,"
  "\"notes\":\"Gloria Mensah lives here\"}],"
  "\"evaluation\":{\"threshold_log\":[{\"key\":\"sp01.warn_ratio\",\"old\":2,\"new\":3,\"by\":\"Derek\","
  "\"at\":\"2026-03-31T14:05:00Z\",\"reason\":\"Gloria Mensah asked\"}],"
  "\"thresholds\":{\"sp01.warn_ratio\":3},"
  "\"responses\":[{\"id\":\"r1\",\"rule\":\"SP-01\",\"kind\":\"discuss\",\"text\":\"Gloria Mensah disagrees\","
  "\"by\":\"Derek\"}]}}";

static SmMap *
hidden_ids_example (void)
{
  g_autoptr(GBytes) json = g_bytes_new_static (hidden_ids_map, sizeof hidden_ids_map - 1);
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_format_load_bytes (json, &error);

  g_assert_no_error (error);
  return map;
}

/* Whether any hidden person's name or id is in @bytes, in any case. */
static const char *
leaked_name (GBytes *bytes)
{
  static const char *const hidden[] = { "gloria", "mensah", "derek", NULL };
  gsize                    size = 0;
  const char              *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  g_autofree char         *lower = data != NULL ? g_ascii_strdown (data, size) : NULL;

  for (guint n = 0; lower != NULL && hidden[n] != NULL; n++)
    if (g_strstr_len (lower, size, hidden[n]) != NULL)
      return hidden[n];
  return NULL;
}

/* Every reference of the map is to a record that exists. */
static void
assert_references_resolve (SmMap *map)
{
  SmCollection *ties = sm_map_get_relationships (map);

  g_assert_cmpuint (sm_collection_get_size (ties), ==, 3);
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord *tie = sm_collection_get (ties, i);

      g_assert_nonnull (sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, sm_relationship_get_source (tie)));
      g_assert_nonnull (sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, sm_relationship_get_target (tie)));
    }
}

/* Item 1: a hidden person's id is "participant-N" in the default exports,
 * and every reference to it follows, so the file re-imports whole. */
static void
test_names_hidden_ids (void)
{
  g_autoptr(SmMap) map = hidden_ids_example ();
  g_autoptr(GError) error = NULL;
  const SmExporter *graphml = sm_exporter_lookup ("graphml");
  const SmExporter *csv = sm_exporter_lookup ("csv");
  g_autoptr(GBytes) network = NULL;
  g_autoptr(GBytes) people = NULL;
  g_autoptr(GBytes) ties = NULL;
  g_autoptr(SmMap) from_graphml = NULL;
  g_autoptr(SmMap) from_csv = NULL;
  g_autoptr(SmPublicNames) names = sm_public_names_new (map);

  g_assert_cmpstr (sm_public_names_get_id (names, sm_map_lookup (map, "gloria")), ==, "participant-1-2");
  g_assert_cmpstr (sm_public_names_get_id (names, sm_map_lookup (map, "derek")), ==, "participant-2");
  g_assert_cmpstr (sm_public_names_get_id (names, sm_map_lookup (map, "amina")), ==, "amina");

  g_assert_true (sm_exporter_write_bytes (graphml, map, NULL, &network, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sm_exporter_write_bytes (csv, map, NULL, &people, &ties, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (leaked_name (network));
  g_assert_null (leaked_name (people));
  g_assert_null (leaked_name (ties));
  g_assert_true (bytes_contain (network, "<node id=\"participant-1-2\">"));
  g_assert_true (bytes_contain (network, "source=\"participant-2\" target=\"participant-1-2\""));
  g_assert_true (bytes_contain (ties, "r3,participant-1-2,tenants"));
  g_assert_true (bytes_contain (network, "Tenants' association chair"));
  g_assert_true (bytes_contain (people, "Tenants' association chair"));

  from_graphml = sm_import_graphml (network, &error);
  g_assert_no_error (error);
  assert_references_resolve (from_graphml);
  g_assert_nonnull (sm_map_lookup (from_graphml, "participant-1"));
  from_csv = sm_import_csv (people, ties, &error);
  g_assert_no_error (error);
  assert_references_resolve (from_csv);
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (from_csv, "participant-1-2")), ==, "Participant 1");
}

/* The copy the pictures and the report draw from: a region's label, like
 * a note's text, has hidden names taken out. */
static void
test_names_public_copy_regions (void)
{
  g_autoptr(SmMap) map = hidden_ids_example ();
  g_autoptr(SmPublicNames) names = sm_public_names_new (map);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) copy = sm_public_names_dup_map (names, map, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sm_record_get_string (sm_map_lookup (copy, "rg1"), "label"), ==, "Participant 2's street");
}

/* Organisations only: Amina agreed to be named and is still
 * "Participant 3" (after Gloria and Derek, in the map's order) in every
 * data export, by name and by id; the organisations keep theirs. */
static void
test_names_none (void)
{
  g_autoptr(SmMap) map = hidden_ids_example ();
  g_autoptr(SmPublicNames) names = sm_public_names_new_full (map, SM_PUBLIC_NAMES_HIDE_PEOPLE);
  const SmExportOptions none = { SM_EXPORT_NAMES_NONE };
  const char *const     formats[] = { "graphml", "csv", "gexf", "xlsx", NULL };

  g_assert_cmpuint (sm_public_names_get_n_hidden (names), ==, 3);
  g_assert_cmpstr (sm_public_names_get_name (names, sm_map_lookup (map, "gloria")), ==, "Participant 1");
  g_assert_cmpstr (sm_public_names_get_name (names, sm_map_lookup (map, "amina")), ==, "Participant 3");
  g_assert_cmpstr (sm_public_names_get_id (names, sm_map_lookup (map, "amina")), ==, "participant-3");
  g_assert_cmpstr (sm_public_names_get_name (names, sm_map_lookup (map, "tenants")), ==, "Tenants' association");
  g_assert_false (sm_public_names_is_hidden (names, sm_map_lookup (map, "participant-1")));

  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GBytes) companion = NULL;
      g_autoptr(GBytes) consent = NULL;
      g_autoptr(GError) error = NULL;
      const SmExporter *exporter = sm_exporter_lookup (formats[i]);

      g_assert_nonnull (exporter);
      g_assert_true (sm_exporter_write_bytes (exporter, map, NULL, &consent, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (sm_exporter_write_bytes (exporter, map, &none, &out, &companion, NULL, &error));
      g_assert_no_error (error);
      g_assert_null (leaked_name (out));
      g_assert_null (leaked_name (companion));
      if (strcmp (formats[i], "xlsx") == 0)
        continue; /* zipped: only the check that nothing leaks stands */
      g_assert_true (bytes_contain (consent, "Amina"));
      g_assert_false (bytes_contain (out, "Amina"));
      g_assert_false (bytes_contain (out, "amina"));
      g_assert_true (bytes_contain (out, "Participant 3"));
      g_assert_true (bytes_contain (out, "Tenants' association") || bytes_contain (out, "Tenants&apos; association"));
    }
}

/* A note says "Kai", not "Kai (16)" as the map does: hidden too, but
 * not when someone named is called just that. */
static void
test_names_short_name (void)
{
  static const char text[] =
    "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
    "{\"id\":\"k\",\"name\":\"Kai (16)\",\"kind\":\"citizen\",\"consent_to_be_mapped\":true},"
    "{\"id\":\"t\",\"name\":\"Tomasz (chair)\",\"kind\":\"citizen\"},"
    "{\"id\":\"t2\",\"name\":\"Tomasz\",\"kind\":\"citizen\",\"consent_to_be_mapped\":true}]}";
  g_autoptr(GBytes) json = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (json, &error);
  g_autoptr(SmPublicNames) consent = NULL;
  g_autoptr(SmPublicNames) none = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  consent = sm_public_names_new (map);
  none = sm_public_names_new_full (map, SM_PUBLIC_NAMES_HIDE_PEOPLE);
  a = sm_public_names_scrub (consent, "Kai, Kaitlyn, Tomasz (chair) and Tomasz");
  g_assert_cmpstr (a, ==, "Kai, Kaitlyn, Participant 1 and Tomasz");
  b = sm_public_names_scrub (none, "Kai, Kaitlyn, Tomasz (chair) and Tomasz (16)");
  g_assert_cmpstr (b, ==, "Participant 1, Kaitlyn, Participant 2 and Participant 3 (16)");
}

/* Item 2: a file with every name says it is for the group only. */
static void
test_names_all_says_so (void)
{
  g_autoptr(SmMap) map = hidden_ids_example ();
  const SmExportOptions everyone = { SM_EXPORT_NAMES_ALL };
  g_autoptr(GBytes) full = sm_export_graphml (map, &everyone);
  g_autoptr(GBytes) public = sm_export_graphml (map, NULL);

  g_assert_true (bytes_contain (full, "for=\"graph\" attr.name=\"names\""));
  g_assert_true (bytes_contain (full, "for the group only, not to be passed on"));
  g_assert_true (bytes_contain (full, "<node id=\"gloria\">"));
  g_assert_false (bytes_contain (public, "for the group only"));
}

/* Item 3: the anonymised copy names no hidden person anywhere, in any
 * format, drops notes and private details, keeps organisations' names and
 * every reference, and loads as a file does. */
static void
test_names_anonymised_copy (void)
{
  g_autoptr(SmMap) map = hidden_ids_example ();
  g_autoptr(SmPublicNames) names = sm_public_names_new (map);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) copy = sm_public_names_dup_anonymised (names, map, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const SmExporter *const *all = sm_exporters_get_all ();
  const SmExportOptions    everyone = { SM_EXPORT_NAMES_ALL };
  guint                    n_problems = 0;
  SmRecord                *gloria, *amina;
  SmRecord                *space;

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  saved = sm_format_save_to_bytes (copy);
  g_assert_null (leaked_name (saved));
  problems = sm_format_check_bytes (saved, &n_problems);
  g_assert_cmpuint (n_problems, ==, 0);

  assert_references_resolve (copy);
  gloria = sm_map_lookup (copy, "participant-1-2");
  amina = sm_map_lookup (copy, "amina");
  g_assert_nonnull (gloria);
  g_assert_cmpstr (sm_stakeholder_get_name (gloria), ==, "Participant 1");
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (copy, "participant-2")), ==, "Participant 2");
  g_assert_cmpstr (sm_stakeholder_get_name (amina), ==, "Amina");
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (copy, "tenants")), ==, "Tenants' association");
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (copy, "participant-1")), ==, "Housing association board");
  g_assert_true (bytes_contain (saved, "Tenants' association chair writes to the board"));
  g_assert_true (bytes_contain (saved, "\"reason\": \"Participant 1 was told no\""));
  g_assert_true (bytes_contain (saved, "\"text\": \"Participant 1 disagrees\""));
  g_assert_true (bytes_contain (saved, "\"by\": \"Participant 2\""));
  g_assert_true (bytes_contain (saved, "\"key\": \"sp01.warn_ratio\""));
  g_assert_true (bytes_contain (saved, "\"kind\": \"discuss\""));
  g_assert_true (bytes_contain (saved, "\"buddy\": \"participant-2\""));
  g_assert_true (bytes_contain (saved, "Participant 2's garden"));
  /* A region's label is the group's words, like a note's. */
  g_assert_true (bytes_contain (saved, "\"label\": \"Participant 2's street\""));
  /* Notes and private details stay with the group. */
  g_assert_false (bytes_contain (saved, "\"notes\""));
  g_assert_false (bytes_contain (saved, "eviction"));
  g_assert_false (bytes_contain (saved, "stairwell"));
  g_assert_false (bytes_contain (saved, "step-free"));
  g_assert_false (bytes_contain (saved, "quiet room"));
  g_assert_false (bytes_contain (saved, "childcare"));
  g_assert_false (bytes_contain (saved, "homelessness"));
  g_assert_true (bytes_contain (saved, "\"relevant\": true"));
  /* References everywhere follow the new ids. */
  space = sm_map_lookup (copy, "sp1");
  g_assert_cmpstr (sm_record_get_string (space, "convened_by"), ==, "participant-1-2");
  g_assert_true (bytes_contain (saved, "\"drawn_by\": [\n        \"participant-1-2\""));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (copy)), ==,
                    sm_collection_get_size (sm_map_get_relationships (map)));
  /* The original is as it was. */
  g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (map, "gloria")), ==, "Gloria Mensah");

  /* Any format written from the copy, even with every name. */
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) companion = NULL;

      /* Pictures are read as their readers do, in test-cli.py. */
      if (all[i]->picture)
        continue;
      g_assert_true (sm_exporter_write_bytes (all[i], copy, &everyone, &bytes, &companion, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("%s", all[i]->id);
      bytes = unpacked (all[i], g_steal_pointer (&bytes));
      g_assert_null (leaked_name (bytes));
      g_assert_null (leaked_name (companion));
      g_assert_true (bytes_contain (bytes, "Tenants' association"));
    }
}

/* A cell holds at most 32,767 characters: a longer note is refused with
 * where it is, never cut short. */
static void
test_xlsx_long_cell (void)
{
  g_autofree char *notes = g_strnfill (40000, 'a');
  g_autofree char *json = g_strdup_printf ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": "
                                           "[{\"id\": \"a\", \"name\": \"Ann\", \"kind\": \"funder\"}, "
                                           "{\"id\": \"b\", \"name\": \"Bob\", \"kind\": \"funder\", "
                                           "\"notes\": \"%s\"}]}",
                                           notes);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) companion = NULL;

  g_assert_no_error (error);
  g_assert_false (sm_exporter_write_bytes (sm_exporter_lookup ("xlsx"), map, NULL, &out, &companion, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "Stakeholders, row 3, column “notes”: longer than the 32,767"));
}

static void
test_names_option_words (void)
{
  SmExportNames names = SM_EXPORT_NAMES_ALL;

  g_assert_true (sm_export_names_from_string ("consent", &names));
  g_assert_cmpint (names, ==, SM_EXPORT_NAMES_CONSENT);
  g_assert_true (sm_export_names_from_string ("all", &names));
  g_assert_cmpint (names, ==, SM_EXPORT_NAMES_ALL);
  g_assert_false (sm_export_names_from_string ("All", &names));
  g_assert_false (sm_export_names_from_string (NULL, &names));
  g_assert_cmpstr (sm_export_names_to_string (SM_EXPORT_NAMES_CONSENT), ==, "consent");
  g_assert_true (sm_export_names_from_string ("none", &names));
  g_assert_cmpint (names, ==, SM_EXPORT_NAMES_NONE);
  g_assert_cmpstr (sm_export_names_to_string (SM_EXPORT_NAMES_NONE), ==, "none");
  g_assert_cmpstr (sm_export_names_to_string (SM_EXPORT_NAMES_ALL), ==, "all");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Pictures made twice are the same bytes. */
  g_setenv ("SOURCE_DATE_EPOCH", "1764720000", TRUE);

  g_test_add_func ("/export/registry/all", test_registry_all);
  g_test_add_func ("/export/registry/guess", test_registry_guess);
  g_test_add_func ("/export/registry/companion", test_registry_companion);
  g_test_add_func ("/export/graphml/worked-example", test_graphml_worked_example);
  g_test_add_func ("/export/csv/worked-example", test_csv_worked_example);
  g_test_add_func ("/export/write-file", test_write_file);
  g_test_add_func ("/export/write-file/pair-error", test_write_pair_error);
  g_test_add_func ("/export/names/consent", test_names_follow_consent);
  g_test_add_func ("/export/xlsx/long-cell", test_xlsx_long_cell);
  g_test_add_func ("/export/names/option", test_names_option_words);
  g_test_add_func ("/export/names/hidden-ids", test_names_hidden_ids);
  g_test_add_func ("/export/names/all-says-so", test_names_all_says_so);
  g_test_add_func ("/export/names/none", test_names_none);
  g_test_add_func ("/export/names/short-name", test_names_short_name);
  g_test_add_func ("/export/names/anonymised-copy", test_names_anonymised_copy);
  g_test_add_func ("/export/names/public-copy-regions", test_names_public_copy_regions);

  return g_test_run ();
}

/* test-import.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <archive.h>
#include <archive_entry.h>
#include <math.h>
#include <string.h>

#include "sm-export.h"
#include "sm-format.h"
#include "sm-import.h"
#include "sm-layout.h"

/* Fixtures live in tests/data/import; networkx.graphml was written by
 * networkx's write_graphml, the others follow what Gephi, Cytoscape and yEd
 * write. */

/* The round trips carry every name back: consent is the exports' own
 * business (test-export.c). */
static const SmExportOptions all_names = { SM_EXPORT_NAMES_ALL };

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GBytes *
text (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

/* Every import must give a map that saves and loads back. */
static void
assert_saves_and_loads (SmMap *map)
{
  g_autoptr(GBytes) saved = sm_format_save_to_bytes (map);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) again = sm_format_load_bytes (saved, &error);

  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (again)), ==,
                    sm_collection_get_size (sm_map_get_stakeholders (map)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (again)), ==,
                    sm_collection_get_size (sm_map_get_relationships (map)));
}

/* Every stakeholder placed, at a finite position, none on top of another. */
static void
assert_all_placed (SmMap *map)
{
  SmCollection      *people = sm_map_get_stakeholders (map);
  guint              n = sm_collection_get_size (people);
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (sm_stakeholder_get_position (sm_collection_get (people, i), &x[i], &y[i]));
      g_assert_true (isfinite (x[i]) && isfinite (y[i]));
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      g_assert_cmpfloat (hypot (x[i] - x[j], y[i] - y[j]), >, 10.0);
}

static SmRecord *
person (SmMap      *map,
        const char *id)
{
  SmRecord *record = sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id);

  g_assert_nonnull (record);
  return record;
}

static SmRecord *
tie (SmMap *map,
     guint  index)
{
  return sm_collection_get (sm_map_get_relationships (map), index);
}

static SmMap *
import_csv_ok (const char *people,
               const char *ties)
{
  g_autoptr(GBytes) a = text (people);
  g_autoptr(GBytes) b = ties != NULL ? text (ties) : NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_import_csv (a, b, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  assert_saves_and_loads (map);
  return map;
}

static void
assert_csv_fails (const char *people,
                  const char *ties,
                  int         code,
                  const char *message)
{
  g_autoptr(GBytes) a = text (people);
  g_autoptr(GBytes) b = ties != NULL ? text (ties) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_csv (a, b, &error);

  g_assert_null (map);
  g_assert_error (error, SM_IMPORT_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected \"%s\" in \"%s\"", message, error->message);
}

static void
assert_graphml_fails (const char *xml,
                      int         code,
                      const char *message)
{
  g_autoptr(GBytes) bytes = text (xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_graphml (bytes, &error);

  g_assert_null (map);
  g_assert_error (error, SM_IMPORT_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected \"%s\" in \"%s\"", message, error->message);
}

static SmMap *
import_fixtures (const char *people,
                 const char *ties)
{
  g_autoptr(GBytes) a = fixture (people);
  g_autoptr(GBytes) b = ties != NULL ? fixture (ties) : NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_import_csv (a, b, &error);

  g_assert_no_error (error);
  assert_saves_and_loads (map);
  return map;
}

static SmMap *
import_graphml_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = fixture (name);
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_import_graphml (bytes, &error);

  g_assert_no_error (error);
  assert_saves_and_loads (map);
  assert_all_placed (map);
  return map;
}

/* CSV */

static void
test_csv_bom_crlf (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-bom-crlf.csv", NULL);
  double x, y;

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  /* The byte order mark does not end up in the first column's name. */
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "p1")), ==, "Ann Smith");
  g_assert_true (sm_stakeholder_get_position (person (map, "p1"), &x, &y));
  g_assert_cmpfloat (x, ==, 10);
  g_assert_cmpfloat (y, ==, 20);
  g_assert_true (sm_stakeholder_get_position (person (map, "p2"), &x, &y));
  g_assert_cmpfloat (x, ==, -35.5);
  /* Trailing empty lines make no stakeholders. */
  assert_all_placed (map);
}

static void
test_csv_quotes (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-bom-crlf.csv", NULL);

  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "p2")), ==, "Bob, the \"boss\"");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "p3")), ==, "Carers\nNetwork");
  g_assert_cmpstr (sm_record_get_string (person (map, "p3"), "Favourite colour"), ==, "blue, mostly");
  /* A quoted number is still a number. */
  g_assert_cmpfloat (sm_record_get_score (person (map, "p2"), "interest"), ==, 4);
}

static void
test_csv_mixed_case_headers (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-bom-crlf.csv", NULL);
  SmRecord *ann = person (map, "p1");
  SmRecord *carers = person (map, "p3");
  JsonNode *roles;

  g_assert_cmpstr (sm_record_get_enum (ann, "kind"), ==, "service_user");
  g_assert_cmpfloat (sm_record_get_score (ann, "influence"), ==, 3);
  g_assert_cmpfloat (sm_record_get_score (carers, "influence"), ==, SM_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (ann, "is_group"), ==, SM_TRISTATE_FALSE);
  g_assert_cmpint (sm_record_get_boolean (carers, "is_group"), ==, SM_TRISTATE_TRUE);
  g_assert_cmpfloat (sm_record_get_number (carers, "group_size", 0), ==, 40);
  g_assert_false (sm_record_has_value (ann, "group_size"));
  g_assert_cmpint (sm_record_get_boolean (ann, "lived_experience.relevant"), ==, SM_TRISTATE_TRUE);
  g_assert_cmpint (sm_record_get_boolean (person (map, "p2"), "lived_experience.relevant"), ==,
                   SM_TRISTATE_UNKNOWN);
  g_assert_cmpstr (sm_record_get_enum (ann, "remuneration.time_paid"), ==, "voucher_or_in_kind");
  g_assert_cmpint (sm_record_get_boolean (carers, "consent_to_be_mapped"), ==, SM_TRISTATE_TRUE);

  roles = sm_record_get_value (ann, "roles");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (roles));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (roles)), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (roles), 1), ==, "peer_supporter");
  roles = sm_record_get_value (carers, "roles");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (roles), 1), ==, "co_facilitator");
}

static void
test_csv_unknown_columns_kept (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-bom-crlf.csv", NULL);

  g_assert_cmpstr (sm_record_get_string (person (map, "p1"), "Favourite colour"), ==, "green");
  /* An empty cell is an absent member, not an empty string. */
  g_assert_false (sm_record_has_value (person (map, "p2"), "Favourite colour"));
}

static void
test_csv_semicolon (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-semicolon.csv", NULL);
  SmRecord *cafe = person (map, "s1");

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 2);
  g_assert_cmpstr (sm_stakeholder_get_name (cafe), ==, "Café Lumière");
  /* The comma as decimal mark, as European spreadsheets write it. */
  g_assert_cmpfloat (sm_record_get_score (cafe, "influence"), ==, 4.5);
  g_assert_cmpstr (sm_record_get_string (cafe, "notes"), ==, "Meets on Fridays; open to all");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "s2")), ==, "Ørsted Trust");
  assert_all_placed (map);
}

static void
test_csv_relationships_by_name (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-bom-crlf.csv", "ties-by-name.csv");

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 3);
  /* By id */
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, "p1");
  /* By exact name */
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "p2");
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 1)), ==, "p2");
  /* By name in another case */
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 1)), ==, "p1");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 1), "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 2), "category"), ==, "peer_support");
  g_assert_cmpstr (sm_record_get_string (tie (map, 2), "label"), ==, "weekly \"drop-in\"");
  g_assert_cmpfloat (sm_record_get_number (tie (map, 2), "strength", 0), ==, 5);
  g_assert_cmpstr (sm_record_get_id (tie (map, 0)), ==, "r1");
}

static void
test_csv_relationships_by_id (void)
{
  g_autoptr(SmMap) map = import_fixtures ("people-abc.csv", "ties-by-id.csv");
  SmRecord *t1 = sm_map_lookup_kind (map, SM_RECORD_RELATIONSHIP, "t1");

  g_assert_nonnull (t1);
  g_assert_cmpstr (sm_relationship_get_source (t1), ==, "a");
  g_assert_cmpstr (sm_relationship_get_target (t1), ==, "b");
  g_assert_cmpstr (sm_record_get_enum (t1, "reciprocity"), ==, "balanced");
  g_assert_cmpstr (sm_record_get_enum (t1, "power_difference.holder"), ==, "source");
  g_assert_cmpfloat (sm_record_get_number (t1, "power_difference.magnitude", 0), ==, 2);
  g_assert_false (sm_record_has_value (sm_map_lookup (map, "t2"), "power_difference"));
  assert_all_placed (map);
}

static void
test_csv_ids_made (void)
{
  g_autoptr(SmMap) map = import_csv_ok ("name,id\nAnn,\nBob,s1\nCat,\n",
                                         "source,target\nAnn,Cat\nCat,Bob\n");

  /* Made ids never clash with given ones. */
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "s1")), ==, "Bob");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "s2")), ==, "Ann");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "s3")), ==, "Cat");
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, "s2");
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 1)), ==, "s1");
}

static void
test_csv_header_only (void)
{
  g_autoptr(SmMap) map = import_csv_ok ("name,kind\r\n", NULL);

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 0);
}

static void
test_csv_lf_no_final_newline (void)
{
  g_autoptr(SmMap) map = import_csv_ok ("name,visibility,date_of_note\nAnn,Private,2026-01-02", NULL);
  SmRecord *ann = sm_collection_get (sm_map_get_stakeholders (map), 0);

  g_assert_cmpstr (sm_record_get_enum (ann, "visibility"), ==, "private");
  g_assert_cmpstr (sm_record_get_string (ann, "date_of_note"), ==, "2026-01-02");
}

static void
test_csv_missing_name_column (void)
{
  assert_csv_fails ("id,kind\ns1,manager\n", NULL, SM_IMPORT_ERROR_HEADER, "header: no \"name\" column");
}

static void
test_csv_missing_source_column (void)
{
  assert_csv_fails ("name\nAnn\n", "origin,target\nAnn,Ann\n", SM_IMPORT_ERROR_HEADER,
                    "relationships: header: no \"source\" column; the ends of a relationship are read from "
                    "\"source\" and \"target\" (Stakemap, Gephi) or \"From\" and \"To\" (Kumu)");
  /* Kumu's From beside a source column is kept as it is. */
  assert_csv_fails ("name\nAnn\n", "from,source\nAnn,Ann\n", SM_IMPORT_ERROR_HEADER,
                    "relationships: header: no \"target\" column");
}

static void
test_csv_unknown_stakeholder (void)
{
  assert_csv_fails ("name\nAnn\nCat\n", "source,target\nAnn,Cat\n\nAnn,Bob\n", SM_IMPORT_ERROR_REFERENCE,
                    "relationships, line 4, column \"target\": no stakeholder is called \"Bob\"");
}

static void
test_csv_ambiguous_name (void)
{
  assert_csv_fails ("name\nAnn\nann\nCat\n", "source,target\nCat,ANN\n", SM_IMPORT_ERROR_REFERENCE,
                    "relationships, line 2, column \"target\": 2 stakeholders are called \"ANN\"");
  /* An exact match settles it. */
  g_object_unref (import_csv_ok ("name\nAnn\nann\nCat\n", "source,target\nCat,ann\n"));
}

static void
test_csv_unterminated_quote (void)
{
  assert_csv_fails ("name,notes\nAnn,fine\nBob,\"never\nclosed\n", NULL, SM_IMPORT_ERROR_SYNTAX,
                    "line 3: unterminated quoted field");
}

static void
test_csv_bad_number (void)
{
  assert_csv_fails ("name,influence\r\nAnn,3\r\nBob,high\r\n", NULL, SM_IMPORT_ERROR_VALUE,
                    "line 3, column \"influence\": expected a number from 0 to 10, or \"unknown\"");
}

static void
test_csv_bad_values (void)
{
  assert_csv_fails ("Name,Influence,Notes\nAnn,3,\nBob,4,\"multi\nline\"\nCat,lots,\n", NULL, SM_IMPORT_ERROR_VALUE,
                    "line 5, column \"Influence\": expected a number from 0 to 10, or \"unknown\"");
  assert_csv_fails ("name,influence\nAnn,11\n", NULL, SM_IMPORT_ERROR_VALUE, "line 2, column \"influence\"");
  assert_csv_fails ("name,influence\nAnn,nan\n", NULL, SM_IMPORT_ERROR_VALUE, "line 2");
  assert_csv_fails ("name,x\nAnn,inf\n", NULL, SM_IMPORT_ERROR_VALUE, "line 2, column \"x\"");
  assert_csv_fails ("name,participation_level\nAnn,2.5\n", NULL, SM_IMPORT_ERROR_VALUE, "whole number");
  assert_csv_fails ("name,is_group,group_size\nAnn,true,2000000000000000\n", NULL, SM_IMPORT_ERROR_VALUE,
                    "line 2, column \"group_size\": expected a whole number from 0 to 1000000000000000");
  assert_csv_fails ("name,is_group\nAnn,maybe\n", NULL, SM_IMPORT_ERROR_VALUE, "expected true, false");
  assert_csv_fails ("name,kind\nAnn,!!\n", NULL, SM_IMPORT_ERROR_VALUE, "expected one of professional");
  assert_csv_fails ("name,represents\nAnn,g1\n", NULL, SM_IMPORT_ERROR_VALUE, "cannot bring in");
  assert_csv_fails ("name,assets\nAnn,\"[{\"\"type\"\": 3}]\"\n", NULL, SM_IMPORT_ERROR_INVALID,
                    "line 2, column \"assets[0].type\"");
}

static void
test_csv_empty_name (void)
{
  assert_csv_fails ("name,kind\nAnn,carer\n,manager\n", NULL, SM_IMPORT_ERROR_VALUE,
                    "line 3, column \"name\": empty");
}

static void
test_csv_duplicate_id (void)
{
  assert_csv_fails ("id,name\na,Ann\nb,Bob\na,Cat\n", NULL, SM_IMPORT_ERROR_DUPLICATE,
                    "line 4, column \"id\": the id \"a\" is already used on line 2");
  /* Two relationships with one id are refused; one with a stakeholder's id
   * is made anew (test_csv_gephi). */
  assert_csv_fails ("id,name\na,Ann\nb,Bob\n", "id,source,target\nx,a,b\nx,b,a\n", SM_IMPORT_ERROR_DUPLICATE,
                    "relationships, line 3, column \"id\": the id \"x\" is already used on line 2");
  assert_csv_fails ("Name,NAME\nAnn,Bob\n", NULL, SM_IMPORT_ERROR_HEADER, "both give \"name\"");
}

static SmMap *
import_csv_warned (const char *people,
                   const char *ties,
                   GStrv      *warnings)
{
  g_autoptr(GBytes) a = text (people);
  g_autoptr(GBytes) b = ties != NULL ? text (ties) : NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_import_csv_full (a, b, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  g_assert_nonnull (*warnings);
  assert_saves_and_loads (map);
  return map;
}

static void
assert_warned (GStrv       warnings,
               const char *message)
{
  for (guint i = 0; warnings[i] != NULL; i++)
    if (strstr (warnings[i], message) != NULL)
      return;
  g_error ("no warning says \"%s\" (%u warnings)", message, g_strv_length (warnings));
}

/* As Gephi's Data Laboratory exports its nodes and edges tables: nodes
 * and edges each numbered from 0, Type for the direction, Weight as a
 * number with a decimal point. */
static void
test_csv_gephi (void)
{
  static const char *const nodes[] = {
    "\"Id\",\"Label\",\"timeset\",\"modularity_class\"\n\"0\",\"Ann\",\"\",\"1\"\n\"1\",\"Bob\",\"\",\"0\"\n"
    "\"2\",\"Cat\",\"\",\"0\"\n",
    "Id,Label,timeset,modularity_class\r\n0,Ann,,1\r\n1,Bob,,0\r\n2,Cat,,0\r\n",
  };
  static const char *const edges[] = {
    "\"Source\",\"Target\",\"Type\",\"Id\",\"Label\",\"timeset\",\"Weight\"\n"
    "\"0\",\"1\",\"Directed\",\"0\",\"\",\"\",\"1.0\"\n\"1\",\"2\",\"Undirected\",\"1\",\"\",\"\",\"2.5\"\n"
    "\"2\",\"0\",\"undirected\",\"7\",\"knows\",\"\",\"3.0\"\n",
    "Source,Target,Type,Id,Label,timeset,Weight\r\n0,1,Directed,0,,,1.0\r\n1,2,Undirected,1,,,2.5\r\n"
    "2,0,undirected,7,knows,,3.0\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_auto(GStrv) warnings = NULL;
      g_autoptr(SmMap) map = import_csv_warned (nodes[i], edges[i], &warnings);

      g_assert_cmpstr (sm_record_get_string (person (map, "0"), "name"), ==, "Ann");
      g_assert_cmpstr (sm_record_get_string (person (map, "2"), "name"), ==, "Cat");
      g_assert_cmpstr (sm_record_get_string (person (map, "1"), "modularity_class"), ==, "0");

      g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, "0");
      g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "1");
      g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "one_way");
      g_assert_cmpstr (sm_record_get_enum (tie (map, 1), "direction"), ==, "two_way");
      g_assert_cmpstr (sm_record_get_enum (tie (map, 2), "direction"), ==, "two_way");
      g_assert_null (sm_record_get_value (tie (map, 0), "Type"));

      /* The weight is the strength where it fits, and kept where not. */
      g_assert_cmpint (json_node_get_int (sm_record_get_value (tie (map, 0), "strength")), ==, 1);
      g_assert_cmpint (json_node_get_int (sm_record_get_value (tie (map, 2), "strength")), ==, 3);
      g_assert_null (sm_record_get_value (tie (map, 1), "strength"));
      g_assert_cmpfloat (json_node_get_double (sm_record_get_value (tie (map, 1), "Weight")), ==, 2.5);
      assert_warned (warnings, "relationships, line 3, column \"Weight\": the weight 2.5 is not a strength");

      /* Edge ids that are node ids are made anew, and said so; others kept. */
      g_assert_cmpstr (sm_record_get_id (tie (map, 2)), ==, "7");
      g_assert_cmpstr (sm_record_get_id (tie (map, 0)), !=, "0");
      assert_warned (warnings, "relationships, line 2, column \"id\": the id \"0\" is used by another record");
      assert_warned (warnings, "relationships, line 3, column \"id\": the id \"1\" is used by another record");
      g_assert_cmpuint (g_strv_length (warnings), ==, 3);
    }
}

/* Many warnings: the first thousand, then how many more. */
static void
test_csv_many_warnings (void)
{
  g_autoptr(GString) nodes = g_string_new ("Id,Label\n");
  g_autoptr(GString) edges = g_string_new ("Source,Target,Id\n");
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = NULL;

  for (guint i = 0; i < 1300; i++)
    {
      g_string_append_printf (nodes, "%u,N%u\n", i, i);
      g_string_append_printf (edges, "%u,%u,%u\n", i, (i + 1) % 1300, i);
    }
  map = import_csv_warned (nodes->str, edges->str, &warnings);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1001);
  g_assert_cmpstr (warnings[1000], ==, "and 300 more warnings like these");
  g_assert_nonnull (strstr (warnings[999], "line 1001, column \"id\": the id \"999\""));
}

/* As Kumu exports a map: elements with Label, Type, Description and Tags;
 * connections with From, To, Type and Direction. */
static void
test_csv_kumu (void)
{
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = import_csv_warned (
    "Label,Type,Description,Tags\nAnn,Funder,\"Gives money, sometimes\",funding | city\n"
    "Bob,elected member,,\nCat,Volunteer,,\nDee,SERVICE_USER,,\n",
    "From,To,Type,Direction\nAnn,Bob,funding,directed\nBob,Cat,,mutual\nCat,Ann,,undirected\nDee,Ann,,\n",
    &warnings);
  SmCollection *people = sm_map_get_stakeholders (map);

  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 0), "name"), ==, "Ann");
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (people, 0), "kind"), ==, "funder");
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 0), "notes"), ==, "Gives money, sometimes");
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 0), "Tags"), ==, "funding | city");
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (people, 1), "kind"), ==, "elected_member");
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (people, 3), "kind"), ==, "service_user");

  /* A type that is no kind is kept, and said so. */
  g_assert_null (sm_record_get_value (sm_collection_get (people, 2), "kind"));
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 2), "Type"), ==, "Volunteer");
  assert_warned (warnings, "line 4, column \"Type\": \"Volunteer\" is not a stakeholder kind; kept as \"Type\"");
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);

  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, sm_record_get_id (sm_collection_get (people, 0)));
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "one_way");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 1), "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 2), "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 3), "direction"), ==, "one_way");
  /* Kumu's connection type is kept as written. */
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "Type"), ==, "funding");
}

/* A header that matches nothing says which would work. */
static void
test_csv_unknown_header (void)
{
  assert_csv_fails ("Nom,Genre\nAnn,x\n", NULL, SM_IMPORT_ERROR_HEADER,
                    "header: no \"name\" column; call the stakeholders' names \"name\", or \"Label\" as Kumu "
                    "and Gephi do");
  /* An own name column wins over Label, which is kept. */
  {
    g_auto(GStrv) warnings = NULL;
    g_autoptr(SmMap) map = import_csv_warned ("name,label\nAnn,A\n", NULL, &warnings);

    g_assert_cmpstr (sm_record_get_string (sm_collection_get (sm_map_get_stakeholders (map), 0), "name"), ==, "Ann");
    g_assert_cmpstr (sm_record_get_string (sm_collection_get (sm_map_get_stakeholders (map), 0), "label"), ==, "A");
    g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  }
}

static void
test_csv_empty (void)
{
  assert_csv_fails ("", NULL, SM_IMPORT_ERROR_EMPTY, "the file is empty");
  assert_csv_fails ("\xEF\xBB\xBF\r\n\r\n", NULL, SM_IMPORT_ERROR_EMPTY, "the file is empty");
  assert_csv_fails ("name\nAnn\n", "", SM_IMPORT_ERROR_EMPTY, "relationships: the file is empty");
}

static void
test_csv_not_utf8 (void)
{
  assert_csv_fails ("name\nAnn\nCaf\xE9\n", NULL, SM_IMPORT_ERROR_ENCODING, "line 3: the file is not UTF-8");
  {
    /* A NUL byte is not text either. */
    g_autoptr(GBytes) bytes = g_bytes_new ("name\nA\0nn\n", 10);
    g_autoptr(GError) error = NULL;
    g_autoptr(SmMap) map = sm_import_csv (bytes, NULL, &error);

    g_assert_null (map);
    g_assert_error (error, SM_IMPORT_ERROR, SM_IMPORT_ERROR_ENCODING);
    g_assert_cmpstr (error->message, ==, "line 2, column 2: a NUL byte, which text never holds; "
                                         "this is not a text file, or it is damaged");
  }
  {
    g_autoptr(GBytes) people = text ("name\nAnn\n");
    g_autoptr(GBytes) ties = g_bytes_new ("source,target\nAnn,Z\xc3\xa9\0\n", 23);
    g_autoptr(GError) error = NULL;
    g_autoptr(SmMap) map = sm_import_csv (people, ties, &error);

    g_assert_null (map);
    g_assert_cmpstr (error->message, ==, "relationships: line 2, column 7: a NUL byte, which text never holds; "
                                         "this is not a text file, or it is damaged");
  }
}

/* The importer keeps what it reads: spaces and tabs included. */
static void
test_csv_keeps_what_it_reads (void)
{
  g_autoptr(SmMap) map = import_csv_ok ("id,name,notes\n"
                                         "a,\t=cmd,  padded \n"
                                         "b,'=x,'hello\n"
                                         "c,\"''=y\",'\n",
                                         "source,target\nb, =cmd\n");

  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "a")), ==, "\t=cmd");
  g_assert_cmpstr (sm_record_get_string (person (map, "a"), "notes"), ==, "  padded ");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "b")), ==, "=x");
  g_assert_cmpstr (sm_record_get_string (person (map, "b"), "notes"), ==, "'hello");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "c")), ==, "'=y");
  g_assert_cmpstr (sm_record_get_string (person (map, "c"), "notes"), ==, "'");
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "a");
}

static void
test_csv_extra_cells (void)
{
  /* Empty trailing cells, as spreadsheets leave them, are fine. */
  g_object_unref (import_csv_ok ("name,kind\nAnn,carer,,\n", NULL));
  assert_csv_fails ("name,kind\nAnn,carer,oops\n", NULL, SM_IMPORT_ERROR_SYNTAX,
                    "line 2: this row has 3 cells but the header names only 2 columns");
}

static void
test_csv_hostile (void)
{
  g_autoptr(GString) wide = g_string_new ("name");
  g_autoptr(GString) deep = g_string_new ("name,assets\nAnn,\"");

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (wide, ',');
  assert_csv_fails (wide->str, NULL, SM_IMPORT_ERROR_TOO_LARGE, "more than 10000 cells");

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "\"\n");
  assert_csv_fails (deep->str, NULL, SM_IMPORT_ERROR_VALUE, "line 2, column \"assets\"");
}

/* XLSX: workbooks are built here, member by member, as Excel, LibreOffice
 * and openpyxl write them (shared strings, inline strings, cells that skip
 * columns), with libarchive's zip writer. tests/test-cli.py reads one
 * that openpyxl itself wrote. */

static la_ssize_t
zip_write_cb (struct archive *a,
              void           *data,
              const void     *buffer,
              size_t          length)
{
  g_byte_array_append (data, buffer, length);
  return length;
}

static void
zip_add (struct archive *a,
         const char     *name,
         const char     *data,
         gsize           length)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
  for (gsize done = 0; done < length;)
    {
      la_ssize_t n = archive_write_data (a, data + done, MIN (length - done, 1 << 20));

      g_assert_cmpint (n, >, 0);
      done += n;
    }
  archive_entry_free (entry);
}

static struct archive *
zip_new (GByteArray *out)
{
  struct archive *a = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  /* No padding after the zip, as zip tools write it. */
  g_assert_cmpint (archive_write_set_bytes_in_last_block (a, 1), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open (a, out, NULL, zip_write_cb, NULL), ==, ARCHIVE_OK);
  return a;
}

static GBytes *
zip_finish (struct archive *a,
            GByteArray     *out)
{
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (out);
}

/* A workbook of @sheets: name, then the inside of <sheetData>, for each;
 * @shared: the <si> elements, or NULL for no shared strings. */
static GBytes *
workbook_with_styles (const char *shared,
                      const char *styles,
                      const char *sheets[])
{
  GByteArray     *out = g_byte_array_new ();
  struct archive *a = zip_new (out);
  g_autoptr(GString) book = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
  g_autoptr(GString) rels = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");

  for (guint i = 0; sheets[2 * i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1);
      g_autofree char *xml = g_strdup_printf (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>%s</sheetData></worksheet>",
        sheets[2 * i + 1]);

      g_string_append_printf (book, "<sheet name=\"%s\" sheetId=\"%u\" r:id=\"rId%u\"/>", sheets[2 * i], i + 1, i + 1);
      g_string_append_printf (rels,
                              "<Relationship Id=\"rId%u\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                              "2006/relationships/worksheet\" Target=\"worksheets/sheet%u.xml\"/>",
                              i + 1, i + 1);
      zip_add (a, name, xml, strlen (xml));
    }
  g_string_append (book, "</sheets></workbook>");
  g_string_append (rels, "</Relationships>");
  zip_add (a, "xl/workbook.xml", book->str, book->len);
  zip_add (a, "xl/_rels/workbook.xml.rels", rels->str, rels->len);
  if (shared != NULL)
    {
      g_autofree char *sst = g_strdup_printf (
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">%s</sst>", shared);

      zip_add (a, "xl/sharedStrings.xml", sst, strlen (sst));
    }
  if (styles != NULL)
    {
      g_autofree char *xml = g_strdup_printf (
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">%s</styleSheet>", styles);

      zip_add (a, "xl/styles.xml", xml, strlen (xml));
    }
  return zip_finish (a, out);
}

static GBytes *
workbook_with (const char *shared,
               const char *sheets[])
{
  return workbook_with_styles (shared, NULL, sheets);
}

static SmMap *
import_xlsx_warned (GBytes *workbook,
                    GStrv  *warnings)
{
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_import_xlsx_full (workbook, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  assert_saves_and_loads (map);
  return map;
}

static void
assert_xlsx_fails (GBytes     *workbook,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_xlsx_full (workbook, NULL, &error);

  g_assert_null (map);
  g_assert_error (error, SM_IMPORT_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
}

/* Kumu's export: Elements and Connections, text as shared strings. */
static const char kumu_strings[] =
  "<si><t>Label</t></si><si><t>Type</t></si><si><t>Description</t></si><si><t>Tags</t></si>"
  "<si><t>Ann</t></si><si><t>Funder</t></si><si><r><t>Gives money, </t></r><r><t>sometimes</t></r>"
  "<rPh><t>ignored</t></rPh></si><si><t>funding | city</t></si>"
  "<si><t>Bob</t></si><si><t>elected member</t></si><si><t>Cat</t></si><si><t>Volunteer</t></si>"
  "<si><t>From</t></si><si><t>To</t></si><si><t>Direction</t></si><si><t>directed</t></si>"
  "<si><t>mutual</t></si><si><t>funding</t></si>";

static const char kumu_elements[] =
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
  "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>"
  "<c r=\"C2\" t=\"s\"><v>6</v></c><c r=\"D2\" t=\"s\"><v>7</v></c></row>"
  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>8</v></c><c r=\"B3\" t=\"s\"><v>9</v></c></row>"
  "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>10</v></c><c r=\"B4\" t=\"s\"><v>11</v></c></row>";

static const char kumu_connections[] =
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>12</v></c><c r=\"B1\" t=\"s\"><v>13</v></c>"
  "<c r=\"C1\" t=\"s\"><v>1</v></c><c r=\"D1\" t=\"s\"><v>14</v></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>8</v></c>"
  "<c r=\"C2\" t=\"s\"><v>17</v></c><c r=\"D2\" t=\"s\"><v>15</v></c></row>"
  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>8</v></c><c r=\"B3\" t=\"s\"><v>10</v></c>"
  "<c r=\"D3\" t=\"s\"><v>16</v></c></row>";

static void
test_xlsx_kumu (void)
{
  const char *sheets[] = { "Elements", kumu_elements, "Connections", kumu_connections, NULL };
  g_autoptr(GBytes) workbook = workbook_with (kumu_strings, sheets);
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = import_xlsx_warned (workbook, &warnings);
  SmCollection *people = sm_map_get_stakeholders (map);

  g_assert_cmpuint (sm_collection_get_size (people), ==, 3);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 2);
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 0), "name"), ==, "Ann");
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (people, 0), "kind"), ==, "funder");
  /* Rich text is its runs, without the phonetic guide. */
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 0), "notes"), ==, "Gives money, sometimes");
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 0), "Tags"), ==, "funding | city");
  g_assert_cmpstr (sm_record_get_enum (sm_collection_get (people, 1), "kind"), ==, "elected_member");
  g_assert_cmpstr (sm_record_get_string (sm_collection_get (people, 2), "Type"), ==, "Volunteer");
  /* Said with the sheet and the cell. */
  assert_warned (warnings, "Elements!B4: \"Volunteer\" is not a stakeholder kind");
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);

  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, sm_record_get_id (sm_collection_get (people, 0)));
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, sm_record_get_id (sm_collection_get (people, 1)));
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "one_way");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 1), "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "Type"), ==, "funding");
}

/* A register with its own headers: the relationships' sheet is told by
 * its source and target columns, wherever it is; inline strings, numbers,
 * booleans, formulas' values; a cell that skips a column. */
static void
test_xlsx_register (void)
{
  const char *sheets[] = {
    "Links",
    "<row><c t=\"inlineStr\"><is><t>source</t></is></c><c t=\"inlineStr\"><is><t>target</t></is></c>"
    "<c t=\"inlineStr\"><is><t>strength</t></is></c></row>"
    "<row><c t=\"inlineStr\"><is><t>Ann</t></is></c><c t=\"inlineStr\"><is><t>Bob</t></is></c>"
    "<c><f>1+2</f><v>3</v></c></row>",
    "My register",
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>influence</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>role</t></is></c>"
    "<c r=\"D1\" t=\"inlineStr\"><is><t>paid</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>label</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Ann</t></is></c><c r=\"B3\"><v>7</v></c>"
    "<c r=\"C3\" t=\"str\"><f>A3&amp;\"!\"</f><v>Ann!</v></c><c r=\"D3\" t=\"b\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Bob</t></is></c>"
    "<c r=\"C4\" t=\"inlineStr\"><is><t>chair_x000D_\n_x005F_x0041_</t></is></c><c r=\"E4\" t=\"inlineStr\"><is><t>B</t></is></c></row>",
    "Notes",
    "<row><c t=\"inlineStr\"><is><t>to do</t></is></c></row>",
    "Empty",
    "",
    NULL,
  };
  g_autoptr(GBytes) workbook = workbook_with (NULL, sheets);
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = import_xlsx_warned (workbook, &warnings);
  SmCollection *people = sm_map_get_stakeholders (map);
  SmRecord     *ann = sm_collection_get (people, 0);
  SmRecord     *bob = sm_collection_get (people, 1);

  g_assert_cmpuint (sm_collection_get_size (people), ==, 2);
  g_assert_cmpstr (sm_stakeholder_get_name (ann), ==, "Ann");
  g_assert_cmpfloat (sm_record_get_score (ann, "influence"), ==, 7);
  g_assert_cmpstr (sm_record_get_string (ann, "role"), ==, "Ann!");
  g_assert_cmpstr (sm_record_get_string (ann, "paid"), ==, "true");
  /* B4 is missing: Bob's role is in C, his label in E; OOXML's escapes
   * read as what they stand for. */
  g_assert_false (sm_record_has_value (bob, "influence"));
  g_assert_cmpstr (sm_record_get_string (bob, "role"), ==, "chair\r\n_x0041_");
  g_assert_cmpstr (sm_record_get_string (bob, "label"), ==, "B");
  g_assert_false (sm_record_has_value (bob, "paid"));

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, sm_record_get_id (ann));
  g_assert_cmpfloat (sm_record_get_number (tie (map, 0), "strength", 0), ==, 3);

  /* A sheet with something in it is not dropped unsaid; an empty one is. */
  assert_warned (warnings, "Notes: this sheet was not read");
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
}

/* A number in a cell styled as a date is the date, as the format writes
 * dates; other numbers, and quoted letters in a format, are not. */
static void
test_xlsx_dates (void)
{
  const char *sheets[] = {
    "People",
    "<row><c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\"><is><t>joined</t></is></c>"
    "<c t=\"inlineStr\"><is><t>seen</t></is></c><c t=\"inlineStr\"><is><t>count</t></is></c>"
    "<c t=\"inlineStr\"><is><t>plain</t></is></c></row>"
    "<row><c t=\"inlineStr\"><is><t>Ann</t></is></c><c s=\"1\"><v>45292</v></c><c s=\"2\"><v>45292.5</v></c>"
    "<c s=\"3\"><v>3</v></c><c><v>45292</v></c></row>",
    NULL,
  };
  g_autoptr(GBytes) workbook = workbook_with_styles (
    NULL,
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.0&quot; days&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>",
    sheets);
  g_autoptr(SmMap) map = import_xlsx_warned (workbook, NULL);
  SmRecord *ann = sm_collection_get (sm_map_get_stakeholders (map), 0);

  g_assert_cmpstr (sm_record_get_string (ann, "joined"), ==, "2024-01-01");
  g_assert_cmpstr (sm_record_get_string (ann, "seen"), ==, "2024-01-01T12:00:00");
  g_assert_cmpstr (sm_record_get_string (ann, "count"), ==, "3");
  g_assert_cmpstr (sm_record_get_string (ann, "plain"), ==, "45292");
}

/* Errors name the sheet and the cell, quoted as spreadsheets quote. */
static void
test_xlsx_errors (void)
{
  const char *unknown[] = {
    "Elements",
    kumu_elements,
    "Connections",
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>12</v></c><c r=\"B1\" t=\"s\"><v>13</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>4</v></c><c r=\"B7\" t=\"inlineStr\"><is><t>Amna</t></is></c></row>",
    NULL,
  };
  const char *bad_number[] = {
    "Our people",
    "<row><c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\"><is><t>influence</t></is></c></row>"
    "<row><c t=\"inlineStr\"><is><t>Ann</t></is></c><c t=\"inlineStr\"><is><t>lots</t></is></c></row>",
    NULL,
  };
  const char *no_name[] = { "Sheet1", "<row><c t=\"inlineStr\"><is><t>Nom</t></is></c></row>", NULL };
  const char *bad_shared[] = { "Sheet1", "<row><c t=\"s\"><v>99</v></c></row>", NULL };
  const char *nothing[] = { "Sheet1", "", NULL };
  g_autoptr(GBytes) a = workbook_with (kumu_strings, unknown);
  g_autoptr(GBytes) b = workbook_with (NULL, bad_number);
  g_autoptr(GBytes) c = workbook_with (NULL, no_name);
  g_autoptr(GBytes) d = workbook_with ("<si><t>name</t></si>", bad_shared);
  g_autoptr(GBytes) e = workbook_with (NULL, nothing);

  assert_xlsx_fails (a, SM_IMPORT_ERROR_REFERENCE, "Connections!B7: no stakeholder is called \"Amna\"");
  assert_xlsx_fails (b, SM_IMPORT_ERROR_VALUE, "'Our people'!B2: ");
  assert_xlsx_fails (c, SM_IMPORT_ERROR_HEADER, "Sheet1: header: no \"name\" column");
  assert_xlsx_fails (d, SM_IMPORT_ERROR_SYNTAX, "Sheet1!A1: the shared text “99” is not in the workbook");
  assert_xlsx_fails (e, SM_IMPORT_ERROR_EMPTY, "the workbook is empty");
}

/* Whatever the bytes, a clear refusal: never a crash, never a hang. */
static void
test_xlsx_hostile (void)
{
  const char *sheets[] = { "Elements", kumu_elements, "Connections", kumu_connections, NULL };
  g_autoptr(GBytes) good = workbook_with (kumu_strings, sheets);
  g_autoptr(GBytes) csv = text ("name\nAnn\n");
  g_autoptr(GBytes) xls = g_bytes_new ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0", 12);
  g_autoptr(GString) deep = g_string_new (NULL);
  gsize         length;
  const guchar *data = g_bytes_get_data (good, &length);

  assert_xlsx_fails (csv, SM_IMPORT_ERROR_SYNTAX, "not an .xlsx workbook (one is a zip archive");
  assert_xlsx_fails (xls, SM_IMPORT_ERROR_UNSUPPORTED, "older Excel file (.xls), or a workbook locked with a password");

  /* A zip with a password. */
  {
    GByteArray     *out = g_byte_array_new ();
    struct archive *a = archive_write_new ();
    g_autoptr(GBytes) locked = NULL;

    g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
    g_assert_cmpint (archive_write_set_bytes_in_last_block (a, 1), ==, ARCHIVE_OK);
    g_assert_cmpint (archive_write_set_options (a, "zip:encryption=zipcrypt"), ==, ARCHIVE_OK);
    g_assert_cmpint (archive_write_set_passphrase (a, "secret"), ==, ARCHIVE_OK);
    g_assert_cmpint (archive_write_open (a, out, NULL, zip_write_cb, NULL), ==, ARCHIVE_OK);
    zip_add (a, "xl/workbook.xml", "<workbook/>", 11);
    locked = zip_finish (a, out);
    assert_xlsx_fails (locked, SM_IMPORT_ERROR_UNSUPPORTED, "the workbook is encrypted; save it again without a password");
  }

  /* Cut short anywhere. */
  for (gsize cut = 0; cut < length; cut += 37)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(SmMap) map = sm_import_xlsx_full (part, NULL, &error);

      if (map != NULL)
        g_error ("cut at %zu of %zu", cut, length);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SM_IMPORT_ERROR);
    }
  {
    g_autoptr(GBytes) half = g_bytes_new (data, length / 2);

    assert_xlsx_fails (half, SM_IMPORT_ERROR_SYNTAX, "damaged or cut short");
  }

  /* Elements inside one another, too deep. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "<x>");
  {
    const char *nested[] = { "Sheet1", deep->str, NULL };
    g_autoptr(GBytes) workbook = workbook_with (NULL, nested);

    assert_xlsx_fails (workbook, SM_IMPORT_ERROR_TOO_LARGE, "nested more than 256 deep");
  }
}

/* 257 MiB of spaces, in a few hundred kilobytes. */
static void
zip_add_bomb (struct archive *a,
              const char     *name)
{
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char      *spaces = g_malloc (1 << 20);

  memset (spaces, ' ', 1 << 20);
  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, (gint64) 257 << 20);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
  for (guint i = 0; i < 257; i++)
    g_assert_cmpint (archive_write_data (a, spaces, 1 << 20), ==, 1 << 20);
  archive_entry_free (entry);
}

/* A zip bomb: a member that unpacks to more than any workbook, stopped
 * there. The same beside a workbook, where the rows do not need it (a
 * pivot table's cache), is passed over unread. */
static void
test_xlsx_zip_bomb (void)
{
  GByteArray     *out = g_byte_array_new ();
  struct archive *a = zip_new (out);
  g_autoptr(GBytes) workbook = NULL;
  g_autoptr(GBytes) with_cache = NULL;

  zip_add_bomb (a, "xl/worksheets/sheet1.xml");
  workbook = zip_finish (a, out);
  g_assert_cmpuint (g_bytes_get_size (workbook), <, 2 << 20);
  assert_xlsx_fails (workbook, SM_IMPORT_ERROR_TOO_LARGE,
                     "“xl/worksheets/sheet1.xml” in the workbook unpacks to more than 256 MiB");

  {
    const char *sheets[] = { "People", "<row><c t=\"inlineStr\"><is><t>name</t></is></c></row>"
                                       "<row><c t=\"inlineStr\"><is><t>Ann</t></is></c></row>",
                             NULL };
    g_autoptr(GBytes) plain = workbook_with (NULL, sheets);
    struct archive       *copy = archive_read_new ();
    struct archive_entry *entry;
    gsize                 length;
    const void           *data = g_bytes_get_data (plain, &length);

    /* The plain workbook's members, and the cache beside them. */
    out = g_byte_array_new ();
    a = zip_new (out);
    archive_read_support_format_zip (copy);
    g_assert_cmpint (archive_read_open_memory (copy, data, length), ==, ARCHIVE_OK);
    while (archive_read_next_header (copy, &entry) == ARCHIVE_OK)
      {
        g_autofree char *content = g_malloc (archive_entry_size (entry) + 1);
        const char      *name = archive_entry_pathname (entry);

        g_assert_cmpint (archive_read_data (copy, content, archive_entry_size (entry)), ==, archive_entry_size (entry));
        zip_add (a, name, content, archive_entry_size (entry));
      }
    archive_read_free (copy);
    zip_add_bomb (a, "xl/pivotCache/pivotCacheRecords1.xml");
    with_cache = zip_finish (a, out);
    {
      g_autoptr(SmMap) map = import_xlsx_warned (with_cache, NULL);

      g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 1);
    }
  }
}

/* The same row budget as CSV: 1,000,001 stakeholders are refused at the
 * row past it. */
static void
test_xlsx_budget_rows (void)
{
  g_autoptr(GString) rows = g_string_sized_new (40 * (SM_IMPORT_MAX_ROWS + 2));
  g_autoptr(GBytes) workbook = NULL;
  const char *sheets[] = { "People", NULL, NULL };

  g_string_append (rows, "<row><c t=\"s\"><v>0</v></c></row>");
  for (guint i = 0; i < SM_IMPORT_MAX_ROWS + 1; i++)
    g_string_append (rows, "<row><c t=\"s\"><v>1</v></c></row>");
  sheets[1] = rows->str;
  workbook = workbook_with ("<si><t>name</t></si><si><t>x</t></si>", sheets);
  assert_xlsx_fails (workbook, SM_IMPORT_ERROR_TOO_LARGE, "People, row 1000002: more than 1000000 rows");
}

/* A few bytes can name a far column: a row whose one cell is in the
 * 10,000th column counts as 10,000 cells, as CSV would spell it out, and
 * rows of them are refused before they cost more. */
static void
test_xlsx_budget_far_columns (void)
{
  g_autoptr(GString) rows = g_string_new ("<row><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"NTP1\" t=\"s\"><v>1</v></c></row>");
  g_autoptr(GBytes) workbook = NULL;
  const char *sheets[] = { "People", NULL, NULL };

  for (guint i = 0; i < 10001; i++)
    g_string_append (rows, "<row><c r=\"NTP1\" t=\"s\"><v>1</v></c></row>");
  sheets[1] = rows->str;
  workbook = workbook_with ("<si><t>name</t></si><si><t>x</t></si>", sheets);
  assert_xlsx_fails (workbook, SM_IMPORT_ERROR_TOO_LARGE,
                     "People, row 10001: more than 100000000 cells in all, empty ones included");
}

/* A cell of spaces is an empty cell: far to the right it widens no row,
 * and however long it is it costs nothing; a long text is counted each
 * time a cell shows it. */
static void
test_xlsx_blank_cells (void)
{
  g_autoptr(GString) rows = g_string_new ("<row><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
  g_autoptr(GString) shared = g_string_new ("<si><t>name</t></si><si><t xml:space=\"preserve\">");
  g_autoptr(GString) big = g_string_new ("<si><t>name</t></si><si><t>");
  g_autoptr(GString) uses = g_string_new ("<row><c t=\"s\"><v>0</v></c></row><row>");
  g_autoptr(GBytes) workbook = NULL;
  g_autoptr(GBytes) heavy = NULL;
  g_autoptr(SmMap) map = NULL;
  const char *sheets[] = { "People", NULL, NULL };

  g_string_append_printf (shared, "%*s</t></si>", 1024, "");
  for (guint i = 0; i < 10001; i++)
    g_string_append_printf (rows, "<row r=\"%u\"><c r=\"A%u\" t=\"inlineStr\"><is><t>p%u</t></is></c>"
                                  "<c r=\"NTP%u\" t=\"inlineStr\"><is><t xml:space=\"preserve\">   </t></is></c></row>",
                            i + 2, i + 2, i, i + 2);
  sheets[1] = rows->str;
  workbook = workbook_with (shared->str, sheets);
  map = import_xlsx_warned (workbook, NULL);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 10001);

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "</t></si>");
  for (guint i = 0; i < 200; i++)
    g_string_append (uses, "<c t=\"s\"><v>1</v></c>");
  g_string_append (uses, "</row>");
  sheets[1] = uses->str;
  heavy = workbook_with (big->str, sheets);
  assert_xlsx_fails (heavy, SM_IMPORT_ERROR_TOO_LARGE, "People!DW2: more than 2000000 filled cells, or 128 MiB");
}

/* Two sheets on one worksheet are refused before it is read twice. */
static void
test_xlsx_same_worksheet (void)
{
  GByteArray     *out = g_byte_array_new ();
  struct archive *a = zip_new (out);
  const char      book[] = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"A\" r:id=\"rId1\"/>"
                           "<sheet name=\"B\" r:id=\"rId1\"/></sheets></workbook>";
  const char      rels[] = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                           "</Relationships>";
  const char      sheet[] = "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>name</t></is></c></row>"
                            "</sheetData></worksheet>";
  g_autoptr(GBytes) workbook = NULL;

  zip_add (a, "xl/workbook.xml", book, strlen (book));
  zip_add (a, "xl/_rels/workbook.xml.rels", rels, strlen (rels));
  zip_add (a, "xl/worksheets/sheet1.xml", sheet, strlen (sheet));
  workbook = zip_finish (a, out);
  assert_xlsx_fails (workbook, SM_IMPORT_ERROR_SYNTAX,
                     "the sheets “A” and “B” are the same worksheet (“xl/worksheets/sheet1.xml”)");
}

/* A sheet that is not read is read no further than its header: what is
 * below it, broken or not, is not the import's business. */
static void
test_xlsx_unread_sheet (void)
{
  const char *sheets[] = {
    "People",
    "<row><c t=\"inlineStr\"><is><t>name</t></is></c></row>"
    "<row><c t=\"inlineStr\"><is><t>Ann</t></is></c></row>",
    "Notes",
    "<row><c t=\"inlineStr\"><is><t>note</t></is></c></row><row><c t=\"s\"><v>99</v></c></row>",
    NULL,
    NULL,
  };
  g_autoptr(GBytes) workbook = workbook_with (NULL, sheets);
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = import_xlsx_warned (workbook, &warnings);

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 1);
  g_assert_nonnull (warnings);
  g_assert_nonnull (strstr (warnings[0], "Notes: this sheet was not read"));
}

/* Rows without numbers are counted: the one past a sheet's last is named. */
static void
test_xlsx_too_many_rows (void)
{
  g_autoptr(GString) rows = g_string_new ("<row><c t=\"inlineStr\"><is><t>name</t></is></c></row>");
  g_autoptr(GBytes) workbook = NULL;
  const char *sheets[] = { "People", NULL, NULL };

  for (guint i = 0; i < 1048576; i++)
    g_string_append (rows, "<row/>");
  sheets[1] = rows->str;
  workbook = workbook_with (NULL, sheets);
  assert_xlsx_fails (workbook, SM_IMPORT_ERROR_SYNTAX, "People: more than 1048576 rows; a sheet has no more");
}

/* GraphML */

static void
test_graphml_gephi (void)
{
  g_autoptr(SmMap) map = import_graphml_fixture ("gephi.graphml");
  SmRecord *housing = person (map, "0");
  SmRecord *residents = person (map, "1");
  double    x, y;

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 2);
  g_assert_cmpstr (sm_stakeholder_get_name (housing), ==, "Housing association");
  g_assert_false (sm_record_has_value (housing, "label"));
  g_assert_cmpstr (sm_record_get_enum (residents, "kind"), ==, "community_org");
  g_assert_cmpfloat (sm_record_get_score (person (map, "2"), "influence"), ==, 8.5);
  /* Gephi's y axis points up. */
  g_assert_true (sm_stakeholder_get_position (housing, &x, &y));
  g_assert_cmpfloat (x, ==, -152);
  g_assert_cmpfloat (y, ==, -88.5);
  /* Other attributes kept, typed as declared. */
  g_assert_cmpfloat (sm_record_get_number (housing, "size", 0), ==, 20);
  g_assert_cmpfloat (sm_record_get_number (residents, "Modularity Class", 0), ==, 1);
  g_assert_cmpint (json_node_get_value_type (sm_record_get_value (residents, "r")), ==, G_TYPE_INT64);
  /* Edge ids "0" and "1" clash with node ids: made anew. */
  g_assert_cmpstr (sm_record_get_id (tie (map, 0)), ==, "r1");
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, "0");
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "1");
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "label"), ==, "repairs");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "two_way");
  g_assert_cmpfloat (sm_record_get_number (tie (map, 0), "weight", 0), ==, 2);
}

static void
test_graphml_networkx (void)
{
  g_autoptr(SmMap) map = import_graphml_fixture ("networkx.graphml");
  SmRecord *council = person (map, "council");

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 4);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 4);
  g_assert_cmpstr (sm_stakeholder_get_name (council), ==, "City Council");
  g_assert_cmpstr (sm_record_get_enum (council, "kind"), ==, "commissioner");
  g_assert_cmpfloat (sm_record_get_score (council, "influence"), ==, 9);
  g_assert_cmpfloat (sm_record_get_score (person (map, "forum"), "influence"), ==, 3.5);
  g_assert_cmpint (sm_record_get_boolean (person (map, "nurse"), "consent_to_be_mapped"), ==, SM_TRISTATE_FALSE);
  g_assert_cmpstr (sm_record_get_string (council, "ward"), ==, "North");
  g_assert_cmpstr (sm_record_get_id (tie (map, 0)), ==, "r1");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "category"), ==, "money_funding");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "one_way");
  g_assert_cmpfloat (sm_record_get_number (tie (map, 0), "strength", 0), ==, 4);
  g_assert_cmpfloat (sm_record_get_number (tie (map, 0), "weight", 0), ==, 2.5);
}

static void
test_graphml_cytoscape (void)
{
  g_autoptr(SmMap) map = import_graphml_fixture ("cytoscape.graphml");
  SmRecord *gp = person (map, "106");

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  g_assert_cmpstr (sm_stakeholder_get_name (gp), ==, "GP practice");
  g_assert_cmpfloat (sm_record_get_score (gp, "interest"), ==, 4);
  g_assert_cmpint (json_node_get_boolean (sm_record_get_value (person (map, "108"), "selected")), ==, TRUE);
  g_assert_cmpint (json_node_get_int (sm_record_get_value (gp, "SUID")), ==, 106);
  g_assert_cmpstr (sm_record_get_string (gp, "shared name"), ==, "GP practice");
  g_assert_cmpstr (sm_record_get_id (tie (map, 0)), ==, "r1");
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "interaction"), ==, "refers");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "one_way");
  /* An attribute named like a field wins over edgedefault. */
  g_assert_cmpstr (sm_record_get_enum (tie (map, 1), "direction"), ==, "two_way");
}

/* The space @id's members' ids, joined by spaces, having checked its name. */
static char *
space_members (SmMap      *map,
               const char *id,
               const char *name)
{
  SmRecord  *space = sm_map_lookup_kind (map, SM_RECORD_SPACE, id);
  JsonArray *members;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (space);
  g_assert_cmpstr (sm_record_get_string (space, "name"), ==, name);
  members = json_node_get_array (sm_record_get_value (space, "members"));
  for (guint i = 0; i < json_array_get_length (members); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (members, i), "stakeholder"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_graphml_yed (void)
{
  g_autoptr(SmMap) map = import_graphml_fixture ("yed.graphml");
  g_autofree char *volunteers = NULL;
  SmRecord        *clinic = person (map, "n0");
  double           x, y;

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 2);
  g_assert_cmpstr (sm_stakeholder_get_name (clinic), ==, "Clinic");
  g_assert_cmpstr (sm_record_get_string (clinic, "description"), ==, "Runs the Tuesday clinic");
  /* The centre of the Geometry. */
  g_assert_true (sm_stakeholder_get_position (clinic, &x, &y));
  g_assert_cmpfloat (x, ==, 140);
  g_assert_cmpfloat (y, ==, 215);
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "n1")), ==, "Patients'\npanel");
  /* A group is a space, named by its open realizer's label, with the
   * stakeholder inside it as its member. */
  g_assert_null (sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, "n2"));
  volunteers = space_members (map, "n2", "Volunteers");
  g_assert_cmpstr (volunteers, ==, "n2::n0");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "n2::n0")), ==, "Driver");
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "label"), ==, "refers to");
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "description"), ==, "weekly");
  g_assert_cmpstr (sm_record_get_id (tie (map, 1)), ==, "n2::e0");
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 1)), ==, "n2::n0");
}

/* Groups as yEd writes them, one inside another: each is a space, and a
 * stakeholder in the inner one sits in the outer one too. An edge to a
 * group cannot be a relationship: it is left out, and that is told. */
static void
test_graphml_yed_groups (void)
{
  g_autoptr(GBytes) bytes = fixture ("yed-groups.graphml");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = sm_import_graphml_full (bytes, &warnings, &error);
  g_autofree char *board = NULL;
  g_autofree char *panel = NULL;
  SmRecord        *space;
  double           x, y;

  g_assert_no_error (error);
  assert_saves_and_loads (map);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 4);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_collection (map, SM_RECORD_SPACE)), ==, 2);
  board = space_members (map, "n0", "Programme Board");
  panel = space_members (map, "n0::n1", "Residents' panel");
  g_assert_cmpstr (board, ==, "n0::n0 n0::n1::n0 n0::n1::n1");
  g_assert_cmpstr (panel, ==, "n0::n1::n0 n0::n1::n1");
  space = sm_map_lookup_kind (map, SM_RECORD_SPACE, "n0");
  g_assert_cmpstr (sm_record_get_string (space, "description"), ==, "Meets monthly at the town hall");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "n0::n1::n0")), ==, "Amina");
  g_assert_true (sm_stakeholder_get_position (person (map, "n0::n1::n0"), &x, &y));
  g_assert_cmpfloat (x, ==, 70);
  g_assert_cmpfloat (y, ==, 115);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
  g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, "n0::n1::n0");
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  assert_warned (warnings, "line 130: the edge from \"n1\" to \"n0\" is not kept: it joins a group");
}

/* GEXF */

static void
assert_gexf_refused (const char *gexf,
                     int         code,
                     const char *message)
{
  g_autoptr(GBytes) bytes = text (gexf);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_gexf (bytes, &error);

  g_assert_null (map);
  g_assert_error (error, SM_IMPORT_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, message);
}

/* Broken and hostile files are refused, saying where, before they cost
 * more than a real map would. */
static void
test_gexf_refused (void)
{
  g_autoptr(GString) deep = g_string_new ("<gexf><graph><nodes>");

  assert_gexf_refused ("<graphml/>", SM_IMPORT_ERROR_SYNTAX, "line 1: this is not GEXF");
  assert_gexf_refused ("<gexf><graph><nodes><node id=\"a\">", SM_IMPORT_ERROR_SYNTAX, "not well-formed XML");
  assert_gexf_refused ("<gexf><graph><nodes><node id=\"a\"/>\n<node id=\"a\"/></nodes></graph></gexf>",
                       SM_IMPORT_ERROR_DUPLICATE, "line 2: the node id \"a\" is used twice (first on line 1)");
  assert_gexf_refused ("<gexf><graph><nodes><node id=\"a\"/></nodes>\n<edges><edge source=\"a\" target=\"b\"/>"
                       "</edges></graph></gexf>",
                       SM_IMPORT_ERROR_REFERENCE, "line 2: the edge goes to the node \"b\", which is not in the file");
  assert_gexf_refused ("<gexf><graph><nodes><node/></nodes></graph></gexf>", SM_IMPORT_ERROR_SYNTAX,
                       "a node without an id");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (deep, "<node id=\"n%u\"><nodes>", i);
  assert_gexf_refused (deep->str, SM_IMPORT_ERROR_TOO_LARGE, "nested more than 256 deep");
  assert_gexf_refused ("", SM_IMPORT_ERROR_EMPTY, "empty");
}

/* An attribute or key inside another is refused: the outer one's default
 * would reach every node uncounted. */
static void
test_network_nested_keys (void)
{
  assert_gexf_refused ("<gexf><graph><attributes class=\"node\">\n<attribute id=\"a\" title=\"note\">"
                       "<default>x</default><x>\n<attribute id=\"b\" title=\"other\"/></x></attribute>"
                       "</attributes><nodes><node id=\"n\"/></nodes></graph></gexf>",
                       SM_IMPORT_ERROR_SYNTAX, "line 3: an <attribute> inside the <attribute> \"a\"");
  assert_graphml_fails ("<graphml><key id=\"a\" for=\"node\" attr.name=\"note\"><default>x</default>\n"
                        "<key id=\"b\" for=\"node\" attr.name=\"other\"/></key>"
                        "<graph><node id=\"n\"/></graph></graphml>",
                        SM_IMPORT_ERROR_SYNTAX, "line 2: a <key> inside the <key> \"a\"");
}

/* A group's id stays its space's: a node that needs an id gets another. */
static void
test_graphml_group_id_kept (void)
{
  g_autoptr(GBytes) bytes = text ("<graphml><graph edgedefault=\"directed\">\n"
                                   "<node id=\"s1\" yfiles.foldertype=\"group\"><graph><node id=\"\"/>"
                                   "<node id=\"b\"/></graph></node>\n<edge source=\"\" target=\"b\"/>\n"
                                   "</graph></graphml>");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_graphml (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 2);
  g_assert_null (sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, "s1"));
  assert_saves_and_loads (map);
}

/* Gephi's hierarchy, nodes inside a node, is a space, as yEd's groups;
 * a label is the name as written, spaces and all. */
static void
test_gexf_hierarchy (void)
{
  g_autoptr(GBytes) bytes = text ("<gexf version=\"1.3\"><graph defaultedgetype=\"mutual\"><nodes>\n"
                                   "<node id=\"board\" label=\"Board\"><nodes><node id=\"a\" label=\" Ann \"/>"
                                   "<node id=\"b\" label=\"Bob\"/></nodes></node>\n"
                                   "<node id=\"c\" label=\"Cat\"/></nodes><edges>"
                                   "<edge source=\"a\" target=\"c\"/><edge source=\"b\" target=\"c\" type=\"directed\" "
                                   "weight=\"2.5\"/></edges></graph></gexf>");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = sm_import_gexf_full (bytes, &warnings, &error);
  g_autofree char *members = NULL;

  g_assert_no_error (error);
  assert_saves_and_loads (map);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  members = space_members (map, "board", "Board");
  g_assert_cmpstr (members, ==, "a b");
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "a")), ==, " Ann ");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 1), "direction"), ==, "one_way");
  /* A weight that cannot be a strength is kept as it is. */
  g_assert_cmpfloat (json_node_get_double (sm_record_get_value (tie (map, 1), "weight")), ==, 2.5);
  g_assert_cmpint (sm_record_get_score (tie (map, 1), "strength"), <, 0);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
}

static void
test_graphml_defaults (void)
{
  g_autoptr(GBytes) bytes = text (
    "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>"
    "<key id='k' for='node' attr.name='kind' attr.type='string'><default>carer</default></key>"
    "<key id='c' for='all' attr.name='colour' attr.type='string'><default>red</default></key>"
    "<graph edgedefault='undirected'>"
    "<node id='a'/><node id='b'><data key='k'>manager</data><data key='c'>blue</data></node>"
    "<edge source='a' target='b' directed='true'/>"
    "</graph></graphml>");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_graphml (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "a")), ==, "a");
  g_assert_cmpstr (sm_record_get_enum (person (map, "a"), "kind"), ==, "carer");
  g_assert_cmpstr (sm_record_get_enum (person (map, "b"), "kind"), ==, "manager");
  g_assert_cmpstr (sm_record_get_string (person (map, "a"), "colour"), ==, "red");
  g_assert_cmpstr (sm_record_get_string (person (map, "b"), "colour"), ==, "blue");
  g_assert_cmpstr (sm_record_get_string (tie (map, 0), "colour"), ==, "red");
  g_assert_cmpstr (sm_record_get_enum (tie (map, 0), "direction"), ==, "one_way");
  assert_saves_and_loads (map);
}

/* The issue's hostile file: 357 KB whose 2000 keys declare a default that
 * each of 9999 nodes takes, 20 million values if expanded. */
static GString *
expanding_graphml (guint    keys,
                   guint    nodes,
                   gboolean keys_last)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n"
                               "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
  g_autoptr(GString) declared = g_string_new (NULL);

  for (guint k = 0; k < keys; k++)
    g_string_append_printf (declared, "<key id=\"k%u\" for=\"node\" attr.name=\"a%u\"><default>v</default></key>\n",
                            k, k);
  if (!keys_last)
    g_string_append (xml, declared->str);
  g_string_append (xml, "<graph edgedefault=\"undirected\">\n");
  for (guint n = 0; n < nodes; n++)
    g_string_append_printf (xml, "<node id=\"n%u\"/>\n", n);
  g_string_append (xml, "</graph>\n");
  if (keys_last)
    g_string_append (xml, declared->str);
  g_string_append (xml, "</graphml>\n");
  return xml;
}

static void
test_graphml_budget_values (void)
{
  g_autoptr(GString) hostile = expanding_graphml (2000, 9999, FALSE);
  g_autoptr(GString) late = expanding_graphml (2000, 1001, TRUE);
  g_autofree char *budget = g_strdup_printf ("more than %d values", SM_IMPORT_MAX_VALUES);

  g_assert_cmpuint (hostile->len, <, 400 * 1024);
  /* Refused at the node that passes the budget, not after making them all. */
  assert_graphml_fails (hostile->str, SM_IMPORT_ERROR_TOO_LARGE, budget);
  assert_graphml_fails (hostile->str, SM_IMPORT_ERROR_TOO_LARGE, "line 3004: ");
  /* As it is read: the rest of the file is never looked at. */
  g_string_truncate (hostile, hostile->len - 30);
  assert_graphml_fails (hostile->str, SM_IMPORT_ERROR_TOO_LARGE, budget);
  /* Keys declared after the graph are counted too, before any default is made. */
  assert_graphml_fails (late->str, SM_IMPORT_ERROR_TOO_LARGE, budget);
  assert_graphml_fails (late->str, SM_IMPORT_ERROR_TOO_LARGE, "line 1004: ");
}

/* What a node gives is counted once, not again when every key is known. */
static void
test_graphml_budget_given_once (void)
{
  g_autoptr(GString) xml = g_string_new ("<graphml><key id=\"k\" for=\"node\" attr.name=\"note\">"
                                          "<default>d</default></key><graph>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *value = g_strnfill (SM_IMPORT_MAX_TEXT / 3, 'x');

  /* Two nodes give a value of a third of the text budget: two thirds in
   * all, more than the budget if counted twice. */
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (xml, "<node id=\"n%u\"><data key=\"k\">%s</data></node>\n", i, i < 2 ? value : "y");
  g_string_append (xml, "</graph></graphml>");
  bytes = g_bytes_new (xml->str, xml->len);
  map = sm_import_graphml (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
}

static void
test_graphml_budget_text (void)
{
  g_autoptr(GString) xml = g_string_new ("<graphml><key id=\"k\" for=\"all\" attr.name=\"note\"><default>");
  g_autofree char *limit = g_format_size_full (SM_IMPORT_MAX_TEXT, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *budget = g_strdup_printf ("more than %s of text", limit);

  /* 300 KB of default that each of 1000 nodes would take: 300 MB. */
  for (guint i = 0; i < 300 * 1000; i++)
    g_string_append_c (xml, 'x');
  g_string_append (xml, "</default></key><graph>\n");
  for (guint n = 0; n < 1000; n++)
    g_string_append_printf (xml, "<node id=\"n%u\"/>\n", n);
  g_string_append (xml, "</graph></graphml>");
  assert_graphml_fails (xml->str, SM_IMPORT_ERROR_TOO_LARGE, budget);
  assert_graphml_fails (xml->str, SM_IMPORT_ERROR_TOO_LARGE, "line 449: ");
}

static void
test_graphml_budget_depth (void)
{
  g_autoptr(GString) xml = g_string_new ("<graphml><graph><node id=\"a\"><data key=\"k\">");
  g_autofree char *budget = g_strdup_printf ("line 1: elements nested more than %d deep", SM_IMPORT_MAX_DEPTH);

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<x>");
  assert_graphml_fails (xml->str, SM_IMPORT_ERROR_TOO_LARGE, budget);
}

/* yEd puts a second label on a node for notes; the first is its name (and
 * the second must not leak: the fuzzer found that). */
static void
test_graphml_yed_two_labels (void)
{
  g_autoptr(GBytes) bytes = text (
    "<graphml xmlns='http://graphml.graphdrawing.org/xmlns' xmlns:y='http://www.yworks.com/xml/graphml'>"
    "<key id='d0' for='node' yfiles.type='nodegraphics'/>"
    "<graph edgedefault='directed'><node id='n0'><data key='d0'><y:ShapeNode>"
    "<y:Geometry x='0' y='0' width='30' height='30'/>"
    "<y:NodeLabel>Tenants' union</y:NodeLabel><y:NodeLabel>meets monthly</y:NodeLabel>"
    "</y:ShapeNode></data></node></graph></graphml>");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_import_graphml (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sm_stakeholder_get_name (person (map, "n0")), ==, "Tenants' union");
}

static void
test_graphml_malformed (void)
{
  assert_graphml_fails ("<graphml><graph><node id='a'></graph></graphml>", SM_IMPORT_ERROR_SYNTAX,
                        "not well-formed XML");
  assert_graphml_fails ("<graphml><graph>&lol;</graph></graphml>", SM_IMPORT_ERROR_SYNTAX,
                        "not well-formed XML");
  assert_graphml_fails ("<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'aaaa'>]>\n<graphml>&a;</graphml>",
                        SM_IMPORT_ERROR_SYNTAX, "not well-formed XML");
  assert_graphml_fails ("<html><body/></html>", SM_IMPORT_ERROR_SYNTAX, "not GraphML");
  assert_graphml_fails ("name,kind\nAnn,carer\n", SM_IMPORT_ERROR_SYNTAX, "not well-formed XML");
}

static void
test_graphml_edge_to_missing_node (void)
{
  assert_graphml_fails ("<graphml>\n<graph edgedefault='directed'>\n<node id='a'/>\n"
                        "<edge source='a' target='zed'/>\n</graph></graphml>",
                        SM_IMPORT_ERROR_REFERENCE,
                        "line 4: the edge goes to the node \"zed\", which is not in the file");
}

static void
test_graphml_duplicate_node_id (void)
{
  assert_graphml_fails ("<graphml>\n<graph edgedefault='directed'>\n<node id='a'/>\n\n<node id='a'/>\n"
                        "</graph></graphml>",
                        SM_IMPORT_ERROR_DUPLICATE, "line 5: the node id \"a\" is used twice (first on line 3)");
}

static void
test_graphml_empty (void)
{
  assert_graphml_fails ("", SM_IMPORT_ERROR_EMPTY, "the file is empty");
  assert_graphml_fails ("  \n\t\n", SM_IMPORT_ERROR_EMPTY, "the file is empty");
}

static void
test_graphml_bad_value (void)
{
  assert_graphml_fails ("<graphml>\n<key id='i' for='node' attr.name='influence' attr.type='double'/>\n"
                        "<graph>\n<node id='a'><data key='i'>12</data></node>\n</graph></graphml>",
                        SM_IMPORT_ERROR_VALUE,
                        "line 4, \"influence\": expected a number from 0 to 10, or \"unknown\" (on the node \"a\")");
}

static void
test_graphml_hyperedge (void)
{
  assert_graphml_fails ("<graphml><graph><node id='a'/><node id='b'/>\n<hyperedge>"
                        "<endpoint node='a'/><endpoint node='b'/></hyperedge></graph></graphml>",
                        SM_IMPORT_ERROR_UNSUPPORTED, "line 2: hyperedges");
}

static void
test_graphml_ids (void)
{
  g_autoptr(GString) xml = g_string_new ("<graphml><graph edgedefault='directed'><node id='");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;

  /* An id too long for the format is made anew, and edges follow it. */
  for (guint i = 0; i < 300; i++)
    g_string_append_c (xml, 'x');
  g_string_append (xml, "'/><node id='s1'/><node id='b'/><edge id='s1' source='s1' target='");
  for (guint i = 0; i < 300; i++)
    g_string_append_c (xml, 'x');
  g_string_append (xml, "'/><edge id='e' source='s1' target='b'/><edge id='e' source='s1' target='b'/>"
                        "</graph></graphml>");
  bytes = text (xml->str);
  map = sm_import_graphml (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sm_record_get_id (sm_collection_get (sm_map_get_stakeholders (map), 0)), ==, "s2");
  g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "s2");
  g_assert_cmpstr (sm_record_get_id (tie (map, 0)), ==, "r1");
  g_assert_cmpstr (sm_record_get_id (tie (map, 1)), ==, "e");
  g_assert_cmpstr (sm_record_get_id (tie (map, 2)), ==, "r2");
  assert_saves_and_loads (map);
}

/* Nothing changes silently: ids made anew, names trimmed and values not
 * kept are each told, with the element's line. */
static void
test_graphml_warnings (void)
{
  g_autoptr(GBytes) bytes = text (
    "<graphml>\n"
    "<key id='l' for='node' attr.name='label' attr.type='string'/>\n"
    "<key id='i' for='node' attr.name='id' attr.type='string'/>\n"
    "<key id='k' for='node' attr.name='kind' attr.type='string'/>\n"
    "<key id='t' for='node' attr.name='Kind' attr.type='string'/>\n"
    "<graph edgedefault='directed'>\n"
    "<node id='a'><data key='l'> Ann </data><data key='i'>other</data></node>\n"
    "<node id='b'><data key='l'>Bob</data><data key='k'>manager</data><data key='t'>service_user</data></node>\n"
    "<edge id='a' source='a' target='b'/>\n"
    "<edge id='e' source='a' target='b'/>\n"
    "<edge id='e' source='b' target='a'/>\n"
    "</graph></graphml>\n");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(SmMap) map = sm_import_graphml_full (bytes, &warnings, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sm_record_get_string (person (map, "a"), "name"), ==, "Ann");
  assert_warned (warnings, "line 7, \"label\": spaces around the name \"Ann\" were taken off");
  assert_warned (warnings, "line 7, \"id\": \"other\" is not kept: the node's own id is \"a\"");
  g_assert_cmpstr (sm_record_get_enum (person (map, "b"), "kind"), ==, "manager");
  g_assert_cmpstr (sm_record_get_string (person (map, "b"), "Kind"), ==, "service_user");
  assert_warned (warnings, "line 8, \"Kind\": \"kind\" is given by another attribute too; this one is kept under "
                           "its own name");
  g_assert_cmpstr (sm_record_get_id (tie (map, 0)), ==, "r1");
  assert_warned (warnings, "line 9: the id \"a\" is used by another record or is not a valid id; this relationship "
                           "is now \"r1\"");
  g_assert_cmpstr (sm_record_get_id (tie (map, 1)), ==, "e");
  assert_warned (warnings, "line 11: the id \"e\" is used by another record or is not a valid id; this "
                           "relationship is now \"r2\"");
  g_assert_cmpuint (g_strv_length (warnings), ==, 5);

  /* A file that changes nothing says nothing. */
  g_clear_pointer (&warnings, g_strfreev);
  g_clear_object (&map);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = text ("<graphml><graph edgedefault='undirected'><node id='a'/><node id='b'/>"
                "<edge id='e' source='a' target='b'/></graph></graphml>");
  map = sm_import_graphml_full (bytes, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
}

/* Export */

static const char *round_trip_map =
  "{\"format\": \"stakemap\", \"version\": 1, \"map\": {\"title\": \"Round trip\"},"
  " \"stakeholders\": ["
  "  {\"id\": \"a\", \"name\": \"Ann, \\\"the chair\\\"\", \"is_group\": false, \"kind\": \"service_user\","
  "   \"roles\": [\"chair\", \"co_researcher\"], \"lived_experience\": {\"relevant\": true, \"of\": \"the service\"},"
  "   \"influence\": 4.5, \"interest\": \"unknown\", \"goal_positions\": {\"g1\": \"supports\"},"
  "   \"assets\": [{\"type\": \"time\", \"in_use\": true}], \"needs\": [\"step-free; quiet room\", \"a\"],"
  "   \"remuneration\": {\"time_paid\": \"fee\", \"other_recognition\": [\"training\"], \"bonus\": \"yes\"},"
  "   \"participation_level\": 5, \"participation_by_stage\": {\"design\": 6},"
  "   \"notes\": \"Line one\\nline two\", \"x\": 10.0, \"y\": -20.5, \"aura\": \"blue\"},"
  "  {\"id\": \"b\", \"name\": \" Bob \", \"kind\": \"time_traveller\", \"influence\": 9, \"x\": 200.0, \"y\": 0.0,"
  "   \"group_size\": 12, \"consent_to_be_mapped\": \"unknown\"},"
  "  {\"id\": \"c\", \"name\": \"Café\", \"roles\": [], \"x\": 100.0, \"y\": 100.0}"
  " ],"
  " \"relationships\": ["
  "  {\"id\": \"r1\", \"source\": \"a\", \"target\": \"b\", \"category\": \"information\", \"label\": \"asks, often\","
  "   \"direction\": \"two_way\", \"strength\": 3, \"power_difference\": {\"holder\": \"target\", \"magnitude\": 2},"
  "   \"recorded_by\": \"c\"},"
  "  {\"id\": \"r2\", \"source\": \"c\", \"target\": \"a\"}"
  " ]}";

static SmMap *
round_trip_source (void)
{
  g_autoptr(GBytes) bytes = text (round_trip_map);
  g_autoptr(GError) error = NULL;
  SmMap *map = sm_format_load_bytes (bytes, &error);

  g_assert_no_error (error);
  return map;
}

/* The records of a map as their saved JSON text, without the metadata
 * that CSV does not carry. */
static char *
records_text (SmMap *map)
{
  g_autoptr(GBytes) saved = sm_format_save_to_bytes (map);
  const char *s = g_bytes_get_data (saved, NULL);
  const char *start = strstr (s, "\"stakeholders\"");

  g_assert_nonnull (start);
  return g_strndup (start, g_bytes_get_size (saved) - (start - s));
}

static void
test_export_csv_round_trip (void)
{
  g_autoptr(SmMap) map = round_trip_source ();
  g_autoptr(GBytes) people = sm_export_csv_stakeholders (map, &all_names);
  g_autoptr(GBytes) ties = sm_export_csv_relationships (map, &all_names);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) back = sm_import_csv (people, ties, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  before = records_text (map);
  after = records_text (back);
  g_assert_cmpstr (after, ==, before);
}

static void
test_export_csv_format (void)
{
  g_autoptr(SmMap) map = round_trip_source ();
  g_autoptr(GBytes) people = sm_export_csv_stakeholders (map, &all_names);
  g_autoptr(GBytes) ties = sm_export_csv_relationships (map, &all_names);
  g_autofree char *p = g_strndup (g_bytes_get_data (people, NULL), g_bytes_get_size (people));
  g_autofree char *t = g_strndup (g_bytes_get_data (ties, NULL), g_bytes_get_size (ties));

  g_assert_true (g_str_has_prefix (p, "id,name,is_group,group_size,kind,roles,lived_experience.relevant,"
                                      "lived_experience.of,influence,interest,goal_positions,assets,needs,"
                                      "remuneration.time_paid,remuneration.other_recognition,"
                                      "remuneration.bonus,participation_level,participation_by_stage,"
                                      "consent_to_be_mapped,notes,x,y,aura\r\n"));
  g_assert_nonnull (strstr (p, "a,\"Ann, \"\"the chair\"\"\",false,,service_user,chair;co_researcher,true,"));
  g_assert_nonnull (strstr (p, ",\"Line one\nline two\",10.0,-20.5,blue\r\n"));
  g_assert_nonnull (strstr (p, "c,Café,,,,[],"));
  g_assert_true (g_str_has_prefix (t, "id,source,target,category,label,direction,strength,"
                                      "power_difference.holder,power_difference.magnitude,recorded_by\r\n"
                                      "r1,a,b,information,\"asks, often\",two_way,3,target,2,c\r\n"
                                      "r2,c,a,,,,,,,\r\n"));
}

/* Cells a spreadsheet would take for formulas get a leading ', which the
 * importer takes off again: the round trip loses nothing. */
static const char neutral_map[] =
  "{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": ["
  "{\"id\": \"a\", \"name\": \"=HYPERLINK(\\\"http://x\\\")\", \"x\": -3, \"y\": 0, \"code\": \"-3\"},"
  "{\"id\": \"b\", \"name\": \"+1\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"c\", \"name\": \"-2\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"d\", \"name\": \"@SUM(1)\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"e\", \"name\": \"\\tTab\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"f\", \"name\": \"'=quoted\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"g\", \"name\": \"'plain\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"h\", \"name\": \"''\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"i\", \"name\": \"a-b =c\", \"x\": 0, \"y\": 0},"
  "{\"id\": \"j\", \"name\": \"'\\nline\", \"x\": 0, \"y\": 0}]}";

static void
test_export_csv_neutral (void)
{
  g_autoptr(GBytes) bytes = text (neutral_map);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) people = NULL;
  g_autoptr(SmMap) back = NULL;
  g_autofree char *p = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  people = sm_export_csv_stakeholders (map, &all_names);
  p = g_strndup (g_bytes_get_data (people, NULL), g_bytes_get_size (people));
  g_assert_nonnull (strstr (p, "\r\na,\"'=HYPERLINK(\"\"http://x\"\")\",-3,0,'-3\r\n"));
  g_assert_nonnull (strstr (p, "\r\nb,'+1,"));
  g_assert_nonnull (strstr (p, "\r\nc,'-2,"));
  g_assert_nonnull (strstr (p, "\r\nd,'@SUM(1),"));
  g_assert_nonnull (strstr (p, "\r\ne,'\tTab,"));
  g_assert_nonnull (strstr (p, "\r\nf,''=quoted,"));
  g_assert_nonnull (strstr (p, "\r\ng,'plain,"));
  g_assert_nonnull (strstr (p, "\r\nh,''',"));
  g_assert_nonnull (strstr (p, "\r\ni,a-b =c,"));

  back = sm_import_csv (people, NULL, &error);
  g_assert_no_error (error);
  before = records_text (map);
  after = records_text (back);
  g_assert_cmpstr (after, ==, before);

  /* A text that starts with a carriage return is marked; the importer
   * reads the line break as \n, and still takes the mark off. */
  {
    g_autoptr(GBytes) cr = text ("id,name\r\nk,\"'\r=1+1\"\r\n");
    g_autoptr(SmMap) cr_map = sm_import_csv (cr, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sm_stakeholder_get_name (sm_map_lookup (cr_map, "k")), ==, "\n=1+1");
  }
}

/* Control characters other than tab and line breaks never reach a CSV. */
static void
test_export_csv_controls (void)
{
  g_autoptr(GBytes) bytes = text ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": ["
                                   "{\"id\": \"a\", \"name\": \"\\u001b[2J\\u0007Bell\\u007f\\u0085\\rx\\ny\\tz\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) people = NULL;
  g_autofree char *p = NULL;

  g_assert_no_error (error);
  people = sm_export_csv_stakeholders (map, &all_names);
  p = g_strndup (g_bytes_get_data (people, NULL), g_bytes_get_size (people));
  g_assert_nonnull (strstr (p, "\r\na,\"\uFFFD[2J\uFFFDBell\uFFFD\uFFFD\rx\ny\tz\""));
}

/* A project file may hold a member that differs from a field only in case;
 * its CSV has both columns, and imports back with both kept apart (found
 * by fuzz-export). */
static void
test_export_csv_near_names (void)
{
  g_autoptr(GBytes) bytes = text ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": ["
                                   "{\"id\": \"a\", \"name\": \"Ann\", \"x\": 0, \"y\": 0},"
                                   "{\"id\": \"b\", \"name\": \"Bob\", \"Name\": \"kept\", \"x\": 0, \"y\": 0}],"
                                   "\"relationships\": [{\"id\": \"r\", \"source\": \"a\", \"target\": \"b\","
                                   "\"reciprocity\": \"mutual\", \"recipRocity\": \"theirs\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) people = NULL;
  g_autoptr(GBytes) ties = NULL;
  g_autoptr(SmMap) back = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  people = sm_export_csv_stakeholders (map, &all_names);
  ties = sm_export_csv_relationships (map, &all_names);
  back = sm_import_csv (people, ties, &error);
  g_assert_no_error (error);
  before = records_text (map);
  after = records_text (back);
  g_assert_cmpstr (after, ==, before);
}

/* A stakeholder whose name was cleared exports as its id and an empty
 * name, and comes back so (found by fuzz-export); a row with neither an id
 * nor a name is still refused. */
static void
test_export_csv_empty_name (void)
{
  g_autoptr(GBytes) bytes = text ("{\"format\": \"stakemap\", \"version\": 1, \"stakeholders\": ["
                                   "{\"id\": \"a\", \"name\": \"Ann\", \"x\": 0, \"y\": 0},"
                                   "{\"id\": \"b\", \"name\": \"\", \"x\": 0, \"y\": 0}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) people = NULL;
  g_autoptr(SmMap) back = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  people = sm_export_csv_stakeholders (map, &all_names);
  back = sm_import_csv (people, NULL, &error);
  g_assert_no_error (error);
  before = records_text (map);
  after = records_text (back);
  g_assert_cmpstr (after, ==, before);

  assert_csv_fails ("name,kind\nAnn,carer\n,manager\n", NULL, SM_IMPORT_ERROR_VALUE,
                    "every stakeholder needs a name");
}

static void
test_export_graphml_round_trip (void)
{
  g_autoptr(SmMap) map = round_trip_source ();
  g_autoptr(GBytes) xml = sm_export_graphml (map, &all_names);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) back = sm_import_graphml (xml, &error);
  SmRecord *ann, *bob;
  double    x, y;

  g_assert_no_error (error);
  assert_saves_and_loads (back);
  ann = person (back, "a");
  bob = person (back, "b");
  g_assert_cmpstr (sm_stakeholder_get_name (ann), ==, "Ann, \"the chair\"");
  /* Space around a GraphML label is layout, not data. */
  g_assert_cmpstr (sm_stakeholder_get_name (bob), ==, "Bob");
  g_assert_cmpstr (sm_record_get_string (bob, "kind"), ==, "time_traveller");
  g_assert_cmpfloat (sm_record_get_score (ann, "influence"), ==, 4.5);
  g_assert_cmpfloat (sm_record_get_score (ann, "interest"), ==, SM_UNKNOWN);
  g_assert_true (sm_stakeholder_get_position (ann, &x, &y));
  g_assert_cmpfloat (x, ==, 10);
  g_assert_cmpfloat (y, ==, -20.5);
  g_assert_cmpstr (sm_record_get_string (ann, "notes"), ==, "Line one\nline two");
  g_assert_cmpstr (sm_record_get_string (ann, "aura"), ==, "blue");
  g_assert_cmpstr (sm_record_get_enum (ann, "remuneration.time_paid"), ==, "fee");
  g_assert_cmpint (sm_record_get_boolean (bob, "consent_to_be_mapped"), ==, SM_TRISTATE_UNKNOWN);
  /* The side is derived, so it does not come back as a member. */
  g_assert_false (sm_record_has_value (ann, "side"));
  g_assert_false (sm_record_has_value (ann, "label"));
  g_assert_cmpstr (sm_record_get_id (tie (back, 0)), ==, "r1");
  g_assert_cmpstr (sm_record_get_string (tie (back, 0), "label"), ==, "asks, often");
  g_assert_cmpstr (sm_record_get_enum (tie (back, 0), "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_string (tie (back, 0), "recorded_by"), ==, "c");
  g_assert_cmpfloat (sm_record_get_number (tie (back, 0), "power_difference.magnitude", 0), ==, 2);
}

static void
test_export_graphml_format (void)
{
  g_autoptr(SmMap) map = round_trip_source ();
  g_autoptr(GBytes) xml = sm_export_graphml (map, &all_names);
  g_autofree char *s = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));

  g_assert_nonnull (strstr (s, "<key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>"));
  g_assert_nonnull (strstr (s, "for=\"node\" attr.name=\"side\" attr.type=\"string\"/>"));
  g_assert_nonnull (strstr (s, "for=\"node\" attr.name=\"influence\" attr.type=\"double\"/>"));
  g_assert_nonnull (strstr (s, "for=\"node\" attr.name=\"interest\" attr.type=\"double\"/>"));
  g_assert_nonnull (strstr (s, "for=\"node\" attr.name=\"x\" attr.type=\"double\"/>"));
  g_assert_nonnull (strstr (s, "for=\"edge\" attr.name=\"category\" attr.type=\"string\"/>"));
  g_assert_nonnull (strstr (s, "for=\"edge\" attr.name=\"direction\" attr.type=\"string\"/>"));
  /* One two-way relationship beside a one-way one (test_export_graphml_directions). */
  g_assert_nonnull (strstr (s, "<graph id=\"G\" edgedefault=\"directed\">"));
  g_assert_nonnull (strstr (s, "<data key=\"d0\">Ann, &quot;the chair&quot;</data>"));
  g_assert_nonnull (strstr (s, "<data key=\"d1\">community</data>"));
  g_assert_nonnull (strstr (s, "<edge id=\"r1\" source=\"a\" target=\"b\" directed=\"false\">"));
  g_assert_nonnull (strstr (s, "<edge id=\"r2\" source=\"c\" target=\"a\">"));
}

/* Two-way ties beside one-way ones: a directed graph whose two-way edges
 * say directed="false"; and each comes back as it was, even without the
 * "direction" data other tools may drop. */
static void
test_export_graphml_directions (void)
{
  g_autoptr(SmMap) map = import_csv_ok ("id,name\na,Ann\nb,Bob\n",
                                         "id,source,target,direction\nr1,a,b,one_way\nr2,b,a,two_way\n");
  g_autoptr(GBytes) xml = sm_export_graphml (map, &all_names);
  g_autofree char *s = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) back = NULL;
  g_autoptr(GRegex) data = g_regex_new ("<data key=\"d[0-9]+\">(one_way|two_way)</data>\\s*", 0, 0, NULL);
  g_autofree char *bare = NULL;

  g_assert_nonnull (strstr (s, "<graph id=\"G\" edgedefault=\"directed\">"));
  g_assert_nonnull (strstr (s, "<edge id=\"r1\" source=\"a\" target=\"b\">"));
  g_assert_nonnull (strstr (s, "<edge id=\"r2\" source=\"b\" target=\"a\" directed=\"false\">"));

  back = sm_import_graphml (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sm_record_get_enum (tie (back, 0), "direction"), ==, "one_way");
  g_assert_cmpstr (sm_record_get_enum (tie (back, 1), "direction"), ==, "two_way");
  g_clear_object (&back);

  /* Without the direction data, the edges alone say it. */
  bare = g_regex_replace (data, s, -1, 0, "", 0, NULL);
  g_assert_null (strstr (bare, "two_way"));
  {
    g_autoptr(GBytes) bytes = text (bare);

    back = sm_import_graphml (bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sm_record_get_enum (tie (back, 0), "direction"), ==, "one_way");
    g_assert_cmpstr (sm_record_get_enum (tie (back, 1), "direction"), ==, "two_way");
  }
  g_clear_object (&back);
  g_clear_object (&map);
  g_clear_pointer (&xml, g_bytes_unref);
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&bare, g_free);

  /* Every tie two-way: an undirected graph, read back so without the data. */
  map = import_csv_ok ("id,name\na,Ann\nb,Bob\n", "id,source,target,direction\nr1,a,b,two_way\nr2,b,a,two_way\n");
  xml = sm_export_graphml (map, &all_names);
  s = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_assert_nonnull (strstr (s, "<graph id=\"G\" edgedefault=\"undirected\">"));
  g_assert_nonnull (strstr (s, "<edge id=\"r2\" source=\"b\" target=\"a\">"));
  g_assert_null (strstr (s, "directed=\"false\""));
  bare = g_regex_replace (data, s, -1, 0, "", 0, NULL);
  {
    g_autoptr(GBytes) bytes = text (bare);

    back = sm_import_graphml (bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sm_record_get_enum (tie (back, 0), "direction"), ==, "two_way");
    g_assert_cmpstr (sm_record_get_enum (tie (back, 1), "direction"), ==, "two_way");
  }
}

/* Layout */

/* A map of @n stakeholders without positions (except those listed in
 * @fixed), related in rings of @ring, plus @loners with no relationships. */
static SmMap *
layout_map (guint        n,
            guint        ring,
            guint        loners,
            const guint *fixed,
            guint        n_fixed)
{
  g_autoptr(GString) people = g_string_new ("id,name,x,y\n");
  g_autoptr(GString) ties = g_string_new ("source,target\n");

  for (guint i = 0; i < n + loners; i++)
    {
      gboolean is_fixed = FALSE;

      for (guint f = 0; f < n_fixed; f++)
        is_fixed = is_fixed || fixed[f] == i;
      if (is_fixed)
        g_string_append_printf (people, "p%u,Person %u,%u,%u\n", i, i, 1000 + i * 7, 500 - i * 3);
      else
        g_string_append_printf (people, "p%u,Person %u,,\n", i, i);
    }
  for (guint i = 0; i < n; i++)
    {
      guint base = i / ring * ring;
      guint next = base + (i - base + 1) % ring;

      if (next < n && next != i)
        g_string_append_printf (ties, "p%u,p%u\n", i, next);
      /* A chord now and then, so it is not only rings. */
      if (i % 5 == 0 && base + (i - base + ring / 2) % ring < n && ring / 2 > 0)
        g_string_append_printf (ties, "p%u,p%u\n", i, base + (i - base + ring / 2) % ring);
    }
  return import_csv_ok (people->str, ties->str);
}

static void
test_layout_places_everyone (void)
{
  g_autoptr(SmMap) map = layout_map (60, 12, 7, NULL, 0);
  SmCollection *people = sm_map_get_stakeholders (map);
  double        min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;
  double        x0, y0, x1, y1, d;

  assert_all_placed (map);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double x, y;

      sm_stakeholder_get_position (sm_collection_get (people, i), &x, &y);
      min_x = MIN (min_x, x), max_x = MAX (max_x, x);
      min_y = MIN (min_y, y), max_y = MAX (max_y, y);
    }
  /* Five rings and seven loners are packed, not flung apart. */
  g_assert_cmpfloat (max_x - min_x, <, 3000);
  g_assert_cmpfloat (max_y - min_y, <, 3000);

  /* Related stakeholders end up about the spacing apart. */
  sm_stakeholder_get_position (person (map, "p0"), &x0, &y0);
  sm_stakeholder_get_position (person (map, "p1"), &x1, &y1);
  d = hypot (x1 - x0, y1 - y0);
  g_assert_cmpfloat (d, >, SM_LAYOUT_SPACING * 0.4);
  g_assert_cmpfloat (d, <, SM_LAYOUT_SPACING * 2.5);
}

static void
test_layout_keeps_fixed (void)
{
  static const guint fixed[] = { 0, 3, 17 };
  g_autoptr(SmMap) map = layout_map (30, 10, 3, fixed, G_N_ELEMENTS (fixed));

  assert_all_placed (map);
  for (guint f = 0; f < G_N_ELEMENTS (fixed); f++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", fixed[f]);
      double           x, y;

      sm_stakeholder_get_position (person (map, id), &x, &y);
      g_assert_cmpfloat (x, ==, 1000 + fixed[f] * 7);
      g_assert_cmpfloat (y, ==, 500 - (double) fixed[f] * 3);
    }
}

static void
test_layout_deterministic (void)
{
  static const guint fixed[] = { 5 };
  g_autoptr(SmMap) a = layout_map (40, 8, 4, fixed, 1);
  g_autoptr(SmMap) b = layout_map (40, 8, 4, fixed, 1);
  g_autoptr(GBytes) saved_a = sm_format_save_to_bytes (a);
  g_autoptr(GBytes) saved_b = sm_format_save_to_bytes (b);

  g_assert_true (g_bytes_equal (saved_a, saved_b));
}

static void
test_layout_small_and_large (void)
{
  g_autoptr(SmMap) one = layout_map (1, 1, 0, NULL, 0);
  g_autoptr(SmMap) five = layout_map (5, 5, 0, NULL, 0);
  g_autoptr(SmMap) large = NULL;
  gint64 start;

  assert_all_placed (one);
  assert_all_placed (five);

  /* Many small groups, and one large one (the quadtree's case). */
  start = g_get_monotonic_time ();
  large = layout_map (1000, 25, 50, NULL, 0);
  g_test_message ("import and layout of 1,050 stakeholders in groups of 25: %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  assert_all_placed (large);
  g_clear_object (&large);

  start = g_get_monotonic_time ();
  large = layout_map (1000, 1000, 0, NULL, 0);
  g_test_message ("import and layout of 1,000 stakeholders in one group: %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  assert_all_placed (large);
}

/* A tie from someone to themselves (a loop in Gephi or yEd) is no
 * relationship: every importer leaves it out and says where it was. */
static void
test_self_links_left_out (void)
{
  static const char connections[] =
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>12</v></c><c r=\"B1\" t=\"s\"><v>13</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>8</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>10</v></c><c r=\"B3\" t=\"s\"><v>10</v></c></row>";
  const char *sheets[] = { "Elements", kumu_elements, "Connections", connections, NULL };
  g_autoptr(GBytes) graphml = text ("<graphml><key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                                     "<graph edgedefault=\"directed\"><node id=\"a\"><data key=\"l\">Ann</data></node>\n"
                                     "<node id=\"b\"><data key=\"l\">Bob</data></node>\n"
                                     "<edge source=\"a\" target=\"b\"/>\n"
                                     "<edge source=\"b\" target=\"b\"/>\n"
                                     "</graph></graphml>");
  g_autoptr(GBytes) gexf = text ("<gexf version=\"1.3\"><graph><nodes>\n"
                                  "<node id=\"a\" label=\"Ann\"/><node id=\"b\" label=\"Bob\"/></nodes><edges>\n"
                                  "<edge source=\"a\" target=\"a\"/>\n"
                                  "<edge source=\"a\" target=\"b\"/></edges></graph></gexf>");
  g_autoptr(GBytes) workbook = workbook_with (kumu_strings, sheets);
  g_autoptr(GError) error = NULL;

  {
    g_auto(GStrv) warnings = NULL;
    g_autoptr(SmMap) map = import_csv_warned ("name\nAnn\nBob\n", "source,target\nAnn,Bob\nBob,Bob\nAnn,Ann\n",
                                               &warnings);

    g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
    g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "s2");
    assert_warned (warnings, "relationships, line 3: a relationship from “Bob” to itself was left out");
    assert_warned (warnings, "relationships, line 4: a relationship from “Ann” to itself was left out");
    g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  }
  {
    g_auto(GStrv) warnings = NULL;
    g_autoptr(SmMap) map = sm_import_graphml_full (graphml, &warnings, &error);

    g_assert_no_error (error);
    assert_saves_and_loads (map);
    g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
    assert_warned (warnings, "line 5: a relationship from “Bob” to itself was left out");
    g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  }
  {
    g_auto(GStrv) warnings = NULL;
    g_autoptr(SmMap) map = sm_import_gexf_full (gexf, &warnings, &error);

    g_assert_no_error (error);
    assert_saves_and_loads (map);
    g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
    g_assert_cmpstr (sm_relationship_get_source (tie (map, 0)), ==, "a");
    g_assert_cmpstr (sm_relationship_get_target (tie (map, 0)), ==, "b");
    assert_warned (warnings, "line 3: a relationship from “Ann” to itself was left out");
    g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  }
  {
    g_auto(GStrv) warnings = NULL;
    g_autoptr(SmMap) map = import_xlsx_warned (workbook, &warnings);

    g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);
    assert_warned (warnings, "Connections, row 3: a relationship from “Cat” to itself was left out");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/csv-bom-crlf", test_csv_bom_crlf);
  g_test_add_func ("/core/import/csv-quotes", test_csv_quotes);
  g_test_add_func ("/core/import/csv-mixed-case-headers", test_csv_mixed_case_headers);
  g_test_add_func ("/core/import/csv-unknown-columns-kept", test_csv_unknown_columns_kept);
  g_test_add_func ("/core/import/csv-semicolon", test_csv_semicolon);
  g_test_add_func ("/core/import/csv-relationships-by-name", test_csv_relationships_by_name);
  g_test_add_func ("/core/import/csv-relationships-by-id", test_csv_relationships_by_id);
  g_test_add_func ("/core/import/csv-ids-made", test_csv_ids_made);
  g_test_add_func ("/core/import/csv-header-only", test_csv_header_only);
  g_test_add_func ("/core/import/csv-lf-no-final-newline", test_csv_lf_no_final_newline);
  g_test_add_func ("/core/import/csv-missing-name-column", test_csv_missing_name_column);
  g_test_add_func ("/core/import/csv-missing-source-column", test_csv_missing_source_column);
  g_test_add_func ("/core/import/csv-unknown-stakeholder", test_csv_unknown_stakeholder);
  g_test_add_func ("/core/import/csv-ambiguous-name", test_csv_ambiguous_name);
  g_test_add_func ("/core/import/csv-unterminated-quote", test_csv_unterminated_quote);
  g_test_add_func ("/core/import/csv-bad-number", test_csv_bad_number);
  g_test_add_func ("/core/import/csv-bad-values", test_csv_bad_values);
  g_test_add_func ("/core/import/csv-empty-name", test_csv_empty_name);
  g_test_add_func ("/core/import/csv-duplicate-id", test_csv_duplicate_id);
  g_test_add_func ("/core/import/csv-gephi", test_csv_gephi);
  g_test_add_func ("/core/import/csv-kumu", test_csv_kumu);
  g_test_add_func ("/core/import/csv-many-warnings", test_csv_many_warnings);
  g_test_add_func ("/core/import/csv-unknown-header", test_csv_unknown_header);
  g_test_add_func ("/core/import/csv-empty", test_csv_empty);
  g_test_add_func ("/core/import/csv-not-utf8", test_csv_not_utf8);
  g_test_add_func ("/core/import/csv-extra-cells", test_csv_extra_cells);
  g_test_add_func ("/core/import/csv-keeps-what-it-reads", test_csv_keeps_what_it_reads);
  g_test_add_func ("/core/import/csv-hostile", test_csv_hostile);
  g_test_add_func ("/core/import/xlsx-kumu", test_xlsx_kumu);
  g_test_add_func ("/core/import/xlsx-register", test_xlsx_register);
  g_test_add_func ("/core/import/xlsx-dates", test_xlsx_dates);
  g_test_add_func ("/core/import/xlsx-errors", test_xlsx_errors);
  g_test_add_func ("/core/import/xlsx-hostile", test_xlsx_hostile);
  g_test_add_func ("/core/import/xlsx-zip-bomb", test_xlsx_zip_bomb);
  g_test_add_func ("/core/import/xlsx-budget-rows", test_xlsx_budget_rows);
  g_test_add_func ("/core/import/xlsx-budget-far-columns", test_xlsx_budget_far_columns);
  g_test_add_func ("/core/import/xlsx-blank-cells", test_xlsx_blank_cells);
  g_test_add_func ("/core/import/xlsx-same-worksheet", test_xlsx_same_worksheet);
  g_test_add_func ("/core/import/xlsx-unread-sheet", test_xlsx_unread_sheet);
  g_test_add_func ("/core/import/xlsx-too-many-rows", test_xlsx_too_many_rows);
  g_test_add_func ("/core/import/graphml-gephi", test_graphml_gephi);
  g_test_add_func ("/core/import/graphml-networkx", test_graphml_networkx);
  g_test_add_func ("/core/import/graphml-cytoscape", test_graphml_cytoscape);
  g_test_add_func ("/core/import/graphml-yed", test_graphml_yed);
  g_test_add_func ("/core/import/graphml-yed-two-labels", test_graphml_yed_two_labels);
  g_test_add_func ("/core/import/graphml-yed-groups", test_graphml_yed_groups);
  g_test_add_func ("/core/import/gexf-refused", test_gexf_refused);
  g_test_add_func ("/core/import/self-links-left-out", test_self_links_left_out);
  g_test_add_func ("/core/import/network-nested-keys", test_network_nested_keys);
  g_test_add_func ("/core/import/graphml-group-id-kept", test_graphml_group_id_kept);
  g_test_add_func ("/core/import/gexf-hierarchy", test_gexf_hierarchy);
  g_test_add_func ("/core/import/graphml-defaults", test_graphml_defaults);
  g_test_add_func ("/core/import/graphml-budget-values", test_graphml_budget_values);
  g_test_add_func ("/core/import/graphml-budget-given-once", test_graphml_budget_given_once);
  g_test_add_func ("/core/import/graphml-budget-text", test_graphml_budget_text);
  g_test_add_func ("/core/import/graphml-budget-depth", test_graphml_budget_depth);
  g_test_add_func ("/core/import/graphml-malformed", test_graphml_malformed);
  g_test_add_func ("/core/import/graphml-edge-to-missing-node", test_graphml_edge_to_missing_node);
  g_test_add_func ("/core/import/graphml-duplicate-node-id", test_graphml_duplicate_node_id);
  g_test_add_func ("/core/import/graphml-empty", test_graphml_empty);
  g_test_add_func ("/core/import/graphml-bad-value", test_graphml_bad_value);
  g_test_add_func ("/core/import/graphml-hyperedge", test_graphml_hyperedge);
  g_test_add_func ("/core/import/graphml-ids", test_graphml_ids);
  g_test_add_func ("/core/import/graphml-warnings", test_graphml_warnings);
  g_test_add_func ("/core/export/csv-round-trip", test_export_csv_round_trip);
  g_test_add_func ("/core/export/csv-format", test_export_csv_format);
  g_test_add_func ("/core/export/csv-neutral", test_export_csv_neutral);
  g_test_add_func ("/core/export/csv-near-names", test_export_csv_near_names);
  g_test_add_func ("/core/export/csv-empty-name", test_export_csv_empty_name);
  g_test_add_func ("/core/export/csv-controls", test_export_csv_controls);
  g_test_add_func ("/core/export/graphml-round-trip", test_export_graphml_round_trip);
  g_test_add_func ("/core/export/graphml-format", test_export_graphml_format);
  g_test_add_func ("/core/export/graphml-directions", test_export_graphml_directions);
  g_test_add_func ("/core/layout/places-everyone", test_layout_places_everyone);
  g_test_add_func ("/core/layout/keeps-fixed", test_layout_keeps_fixed);
  g_test_add_func ("/core/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/core/layout/small-and-large", test_layout_small_and_large);

  return g_test_run ();
}

/* test-model.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-command.h"
#include "sm-format.h"
#include "sm-history.h"
#include "sm-map-private.h"
#include "sm-test-utils.h"

static JsonNode *
json_q (const char *text)
{
  g_autofree char *json = g_strdup (text);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  for (char *p = json; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return node;
}

/* A record of @kind made from a JSON object written with ' for ". */
static SmRecord *
record_q (SmRecordKind kind,
          const char  *text)
{
  g_autoptr(JsonNode) node = json_q (text);

  return sm_record_new (kind, json_node_get_object (node));
}

#define EVERY_KIND                                                              \
  "{'format':'stakemap','version':1,'map':{'title':'Old title','purpose':'P'}," \
  "'stakeholders':[{'id':'a','name':'Ann','kind':'carer','influence':7},"       \
  "{'id':'b','name':'Bob','kind':'manager'},{'id':'c','name':'Cy'}],"           \
  "'relationships':[{'id':'r','source':'a','target':'b'},"                      \
  "{'id':'r2','source':'b','target':'a','label':'Funds'}],"                     \
  "'spaces':[{'id':'sp','name':'Board','members':[{'stakeholder':'a'}]}],"      \
  "'decisions':[{'id':'d','title':'Hours','decided_by':['a']}],"                \
  "'affected_groups':[{'id':'g','name':'Parents'}],"                            \
  "'annotations':[{'id':'n','text':'Note','refers_to':['r']}],"                 \
  "'regions':[{'id':'rg','label':'Inner circle','width':10,'height':10}]}"

static void
test_lookup (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  static const struct
  {
    const char  *id;
    SmRecordKind kind;
  } ids[] = {
    { "a", SM_RECORD_STAKEHOLDER },
    { "b", SM_RECORD_STAKEHOLDER },
    { "r", SM_RECORD_RELATIONSHIP },
    { "sp", SM_RECORD_SPACE },
    { "d", SM_RECORD_DECISION },
    { "g", SM_RECORD_AFFECTED_GROUP },
    { "n", SM_RECORD_ANNOTATION },
    { "rg", SM_RECORD_REGION },
  };
  g_autoptr(GPtrArray) of_a = NULL;
  g_autoptr(GPtrArray) of_c = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      SmRecord     *record = sm_map_lookup (map, ids[i].id);
      SmCollection *collection = sm_map_get_collection (map, ids[i].kind);
      guint         position;

      g_assert_nonnull (record);
      g_assert_cmpint (sm_record_get_kind (record), ==, ids[i].kind);
      g_assert_cmpstr (sm_record_get_id (record), ==, ids[i].id);
      g_assert_true (sm_record_get_map (record) == map);
      g_assert_true (sm_map_lookup_kind (map, ids[i].kind, ids[i].id) == record);
      g_assert_true (sm_collection_find (collection, record, &position));
      g_assert_true (sm_collection_get (collection, position) == record);
      g_assert_cmpint (sm_collection_get_kind (collection), ==, ids[i].kind);
    }

  g_assert_null (sm_map_lookup (map, "zz"));
  g_assert_null (sm_map_lookup (map, NULL));
  g_assert_null (sm_map_lookup (map, ""));
  g_assert_null (sm_map_lookup_kind (map, SM_RECORD_RELATIONSHIP, "a"));
  g_assert_null (sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, "r"));

  /* File order. */
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  g_assert_cmpstr (sm_record_get_id (sm_collection_get (sm_map_get_stakeholders (map), 2)), ==, "c");
  g_assert_true (sm_map_get_relationships (map) == sm_map_get_collection (map, SM_RECORD_RELATIONSHIP));

  of_a = sm_map_dup_relationships_of (map, sm_map_lookup (map, "a"));
  g_assert_cmpuint (of_a->len, ==, 2);
  g_assert_cmpstr (sm_record_get_id (g_ptr_array_index (of_a, 0)), ==, "r");
  g_assert_cmpstr (sm_record_get_id (g_ptr_array_index (of_a, 1)), ==, "r2");
  of_c = sm_map_dup_relationships_of (map, sm_map_lookup (map, "c"));
  g_assert_cmpuint (of_c->len, ==, 0);

  g_assert_cmpstr (sm_map_get_title (map), ==, "Old title");
  g_assert_cmpstr (sm_record_get_label (sm_map_lookup (map, "r2")), ==, "Funds");
  g_assert_cmpstr (sm_record_get_label (sm_map_lookup (map, "r")), ==, "other");
  g_assert_cmpstr (sm_record_get_label (sm_map_lookup (map, "n")), ==, "Note");
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
count_cb (gpointer instance,
          gpointer arg,
          guint   *count)
{
  (*count)++;
}

static void
changed_cb (SmMap *map,
            guint *count)
{
  (*count)++;
}

static void
assert_change (GArray *changes,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *c;

  g_assert_cmpuint (changes->len, ==, 1);
  c = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
  g_array_set_size (changes, 0);
}

static void
assert_order (GListModel *model,
              const char *expected)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SmRecord) record = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", sm_record_get_id (record));
    }
  g_assert_cmpstr (ids->str, ==, expected);
}

static void
test_collection_list_model (void)
{
  g_autoptr(SmMap) map = sm_map_new ();
  GListModel *model = G_LIST_MODEL (sm_map_get_stakeholders (map));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(SmRecord) s1 = record_q (SM_RECORD_STAKEHOLDER, "{'id':'s1','name':'One'}");
  g_autoptr(SmRecord) s2 = record_q (SM_RECORD_STAKEHOLDER, "{'id':'s2','name':'Two'}");
  g_autoptr(SmRecord) s3 = record_q (SM_RECORD_STAKEHOLDER, "{'id':'s3','name':'Three'}");
  g_autoptr(SmRecord) r1 = record_q (SM_RECORD_RELATIONSHIP, "{'id':'r1','source':'s1','target':'s2'}");
  guint added = 0, removed = 0, changed = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (map, "record-added", G_CALLBACK (count_cb), &added);
  g_signal_connect (map, "record-removed", G_CALLBACK (count_cb), &removed);
  g_signal_connect (map, "changed", G_CALLBACK (changed_cb), &changed);

  g_assert_true (g_list_model_get_item_type (model) == SM_TYPE_RECORD);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));

  /* Past the end means at the end. */
  _sm_map_insert_record (map, s1, G_MAXUINT);
  assert_change (changes, 0, 0, 1);
  _sm_map_insert_record (map, s2, 0);
  assert_change (changes, 0, 0, 1);
  _sm_map_insert_record (map, s3, 1);
  assert_change (changes, 1, 0, 1);
  assert_order (model, "s2,s3,s1");
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_true (sm_record_get_map (s3) == map);
  g_assert_true (sm_map_lookup (map, "s3") == s3);

  /* Other kinds go to their own collection. */
  _sm_map_insert_record (map, r1, 0);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 1);

  {
    g_autoptr(SmRecord) item = g_list_model_get_item (model, 1);
    g_assert_true (item == s3);
  }
  g_assert_null (g_list_model_get_item (model, 3));

  g_assert_cmpuint (_sm_map_remove_record (map, s3), ==, 1);
  assert_change (changes, 1, 1, 0);
  assert_order (model, "s2,s1");
  g_assert_cmpuint (removed, ==, 1);
  g_assert_null (sm_map_lookup (map, "s3"));
  g_assert_null (sm_record_get_map (s3));

  g_assert_cmpuint (_sm_map_remove_record (map, s1), ==, 1);
  assert_change (changes, 1, 1, 0);
  g_assert_cmpuint (_sm_map_remove_record (map, s2), ==, 0);
  assert_change (changes, 0, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* A removed record can go back where it was (undo). */
  _sm_map_insert_record (map, s3, 0);
  assert_change (changes, 0, 0, 1);
  g_assert_true (sm_map_lookup (map, "s3") == s3);

  g_signal_handlers_disconnect_by_data (model, changes);
}

static void
test_insert_taken_id (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  g_autoptr(SmRecord) again = record_q (SM_RECORD_RELATIONSHIP, "{'id':'a','source':'a','target':'b'}");
  g_autoptr(SmRecord) no_id = record_q (SM_RECORD_STAKEHOLDER, "{'name':'Nobody'}");

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  _sm_map_insert_record (map, again, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  _sm_map_insert_record (map, no_id, 0);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (map)), ==, 2);
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 3);
  g_assert_cmpint (sm_record_get_kind (sm_map_lookup (map, "a")), ==, SM_RECORD_STAKEHOLDER);
  g_assert_null (sm_record_get_map (again));
}

typedef struct
{
  SmRecordKind kind;
  const char  *path;
  const char  *expected;
} EnumCase;

static void
test_enum_defaults (void)
{
  static const EnumCase cases[] = {
    /* Documented defaults */
    { SM_RECORD_STAKEHOLDER, "kind", "other" },
    { SM_RECORD_STAKEHOLDER, "visibility", "project" },
    { SM_RECORD_STAKEHOLDER, "remuneration.time_paid", "unknown" },
    { SM_RECORD_STAKEHOLDER, "remuneration.expenses_covered", "unknown" },
    { SM_RECORD_STAKEHOLDER, "accessibility.met", "unknown" },
    { SM_RECORD_RELATIONSHIP, "direction", "one_way" },
    { SM_RECORD_RELATIONSHIP, "category", "other" },
    { SM_RECORD_RELATIONSHIP, "reciprocity", "unknown" },
    { SM_RECORD_RELATIONSHIP, "power_form", "unknown" },
    { SM_RECORD_RELATIONSHIP, "power_difference.holder", "unknown" },
    { SM_RECORD_SPACE, "accessible", "unknown" },
    { SM_RECORD_DECISION, "input_changed_outcome", "unknown" },
    { SM_RECORD_MAP, "snapshot.status", "draft" },
    /* No default: "unknown" */
    { SM_RECORD_STAKEHOLDER, "level", "unknown" },
    { SM_RECORD_STAKEHOLDER, "rating_confidence", "unknown" },
    { SM_RECORD_STAKEHOLDER, "influence_rated_by", "unknown" },
    { SM_RECORD_RELATIONSHIP, "formality", "unknown" },
    { SM_RECORD_RELATIONSHIP, "valence", "unknown" },
    { SM_RECORD_SPACE, "type", "unknown" },
    { SM_RECORD_SPACE, "decision_rights", "unknown" },
    { SM_RECORD_DECISION, "stage", "unknown" },
    { SM_RECORD_DECISION, "status", "unknown" },
    { SM_RECORD_MAP, "sector", "unknown" },
    { SM_RECORD_MAP, "lens", "unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SmRecord) record = record_q (cases[i].kind, "{'id':'x'}");

      g_test_message ("%s", cases[i].path);
      g_assert_cmpstr (sm_record_get_enum (record, cases[i].path), ==, cases[i].expected);
    }
}

static void
test_enum_values (void)
{
  g_autoptr(SmRecord) s = record_q (SM_RECORD_STAKEHOLDER,
                                     "{'id':'x','kind':'funder','visibility':'private',"
                                     "'remuneration':{'time_paid':'fee'},'level':'global'}");
  g_autoptr(SmRecord) future = record_q (SM_RECORD_STAKEHOLDER,
                                          "{'id':'y','kind':'space_alien','visibility':'galactic',"
                                          "'remuneration':{'time_paid':'stardust'}}");
  g_autoptr(SmRecord) r = record_q (SM_RECORD_RELATIONSHIP,
                                     "{'id':'r','direction':'two_way','category':'telepathy'}");

  g_assert_cmpstr (sm_record_get_enum (s, "kind"), ==, "funder");
  g_assert_cmpstr (sm_record_get_enum (s, "visibility"), ==, "private");
  g_assert_cmpstr (sm_record_get_enum (s, "remuneration.time_paid"), ==, "fee");
  g_assert_cmpstr (sm_record_get_enum (s, "level"), ==, "global");

  /* Values from a newer version: "other" where the enumeration has one. */
  g_assert_cmpstr (sm_record_get_enum (future, "kind"), ==, "other");
  g_assert_cmpstr (sm_record_get_enum (future, "visibility"), ==, "unknown");
  g_assert_cmpstr (sm_record_get_enum (future, "remuneration.time_paid"), ==, "unknown");
  g_assert_cmpstr (sm_record_get_string (future, "kind"), ==, "space_alien");
  g_assert_cmpstr (sm_record_get_enum (r, "direction"), ==, "two_way");
  g_assert_cmpstr (sm_record_get_enum (r, "category"), ==, "other");
}

static void
test_score (void)
{
  g_autoptr(SmRecord) s = record_q (SM_RECORD_STAKEHOLDER,
                                     "{'id':'x','influence':7,'interest':6.5,'legitimacy':'unknown',"
                                     "'urgency':0,'participation_level':3,"
                                     "'participation_by_stage':{'design':6}}");
  g_autoptr(SmRecord) m = record_q (SM_RECORD_MAP, "{'claimed_approach':7}");

  g_assert_cmpfloat (sm_record_get_score (s, "influence"), ==, 7.0);
  g_assert_cmpfloat (sm_record_get_score (s, "interest"), ==, 6.5);
  g_assert_cmpfloat (sm_record_get_score (s, "legitimacy"), ==, SM_UNKNOWN);
  g_assert_cmpfloat (sm_record_get_score (s, "influence_self"), ==, SM_UNKNOWN);
  g_assert_cmpfloat (sm_record_get_score (s, "urgency"), ==, 0.0);
  g_assert_true (SM_IS_KNOWN (sm_record_get_score (s, "urgency")));
  g_assert_false (SM_IS_KNOWN (sm_record_get_score (s, "legitimacy")));
  g_assert_cmpfloat (sm_record_get_score (s, "participation_level"), ==, 3.0);
  g_assert_cmpfloat (sm_record_get_score (s, "participation_by_stage.design"), ==, 6.0);
  g_assert_cmpfloat (sm_record_get_score (s, "participation_by_stage.delivery"), ==, SM_UNKNOWN);
  g_assert_cmpfloat (sm_record_get_score (m, "claimed_approach"), ==, 7.0);

  g_assert_cmpfloat (sm_record_get_number (s, "influence", -5), ==, 7.0);
  g_assert_cmpfloat (sm_record_get_number (s, "legitimacy", -5), ==, -5.0);
  g_assert_cmpfloat (sm_record_get_number (s, "x", 42), ==, 42.0);
  g_assert_true (sm_record_has_value (s, "participation_by_stage.design"));
  g_assert_false (sm_record_has_value (s, "x"));
}

static void
test_boolean (void)
{
  g_autoptr(SmRecord) empty = record_q (SM_RECORD_STAKEHOLDER, "{'id':'x'}");
  g_autoptr(SmRecord) set = record_q (SM_RECORD_STAKEHOLDER,
                                       "{'id':'y','is_group':true,'consent_to_be_mapped':false,"
                                       "'community_led':'unknown','lived_experience':{'relevant':true}}");
  g_autoptr(SmRecord) unknown_group = record_q (SM_RECORD_STAKEHOLDER, "{'id':'z','is_group':'unknown'}");

  /* is_group is the one boolean documented as false by default. */
  g_assert_cmpint (sm_record_get_boolean (empty, "is_group"), ==, SM_TRISTATE_FALSE);
  g_assert_cmpint (sm_record_get_boolean (empty, "consent_to_be_mapped"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (empty, "community_led"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (empty, "lived_experience.relevant"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (empty, "remuneration.payment_offered"), ==, SM_TRISTATE_UNKNOWN);

  g_assert_cmpint (sm_record_get_boolean (set, "is_group"), ==, SM_TRISTATE_TRUE);
  g_assert_cmpint (sm_record_get_boolean (set, "consent_to_be_mapped"), ==, SM_TRISTATE_FALSE);
  g_assert_cmpint (sm_record_get_boolean (set, "community_led"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (set, "lived_experience.relevant"), ==, SM_TRISTATE_TRUE);
  g_assert_cmpint (sm_record_get_boolean (set, "lived_experience.in_role"), ==, SM_TRISTATE_UNKNOWN);

  /* "unknown" is never read as the default "no". */
  g_assert_cmpint (sm_record_get_boolean (unknown_group, "is_group"), ==, SM_TRISTATE_UNKNOWN);
}

typedef struct
{
  const char *name;
  const char *json;
  SmSide      side;
} SideCase;

static const SideCase side_cases[] = {
  /* Community kinds */
  { "service-user", "{'id':'x','kind':'service_user'}", SM_SIDE_COMMUNITY },
  { "carer", "{'id':'x','kind':'carer'}", SM_SIDE_COMMUNITY },
  { "citizen", "{'id':'x','kind':'citizen'}", SM_SIDE_COMMUNITY },
  { "peer-worker", "{'id':'x','kind':'peer_worker'}", SM_SIDE_COMMUNITY },
  /* Lived experience brought in role */
  { "professional-lived-experience-in-role",
    "{'id':'x','kind':'professional','lived_experience':{'relevant':true,'in_role':true}}", SM_SIDE_COMMUNITY },
  { "professional-lived-experience-not-in-role",
    "{'id':'x','kind':'professional','lived_experience':{'relevant':true,'in_role':false}}", SM_SIDE_INSTITUTIONAL },
  { "professional-lived-experience-in-role-unknown",
    "{'id':'x','kind':'professional','lived_experience':{'relevant':true,'in_role':'unknown'}}", SM_SIDE_INSTITUTIONAL },
  { "professional-in-role-not-relevant",
    "{'id':'x','kind':'professional','lived_experience':{'relevant':false,'in_role':true}}", SM_SIDE_INSTITUTIONAL },
  { "advocate-lived-experience-in-role",
    "{'id':'x','kind':'advocate','lived_experience':{'relevant':true,'in_role':true}}", SM_SIDE_COMMUNITY },
  /* Community organisations */
  { "community-org-led", "{'id':'x','kind':'community_org','community_led':true}", SM_SIDE_COMMUNITY },
  { "community-org-not-led", "{'id':'x','kind':'community_org','community_led':false}", SM_SIDE_OTHER },
  { "community-org-led-unknown", "{'id':'x','kind':'community_org','community_led':'unknown'}", SM_SIDE_OTHER },
  { "community-org-led-absent", "{'id':'x','kind':'community_org'}", SM_SIDE_OTHER },
  { "provider-org-community-led", "{'id':'x','kind':'provider_org','community_led':true}", SM_SIDE_INSTITUTIONAL },
  /* Institutional kinds */
  { "professional", "{'id':'x','kind':'professional'}", SM_SIDE_INSTITUTIONAL },
  { "manager", "{'id':'x','kind':'manager'}", SM_SIDE_INSTITUTIONAL },
  { "commissioner", "{'id':'x','kind':'commissioner'}", SM_SIDE_INSTITUTIONAL },
  { "funder", "{'id':'x','kind':'funder'}", SM_SIDE_INSTITUTIONAL },
  { "elected-member", "{'id':'x','kind':'elected_member'}", SM_SIDE_INSTITUTIONAL },
  { "researcher", "{'id':'x','kind':'researcher'}", SM_SIDE_INSTITUTIONAL },
  { "provider-org", "{'id':'x','kind':'provider_org'}", SM_SIDE_INSTITUTIONAL },
  { "regulator", "{'id':'x','kind':'regulator'}", SM_SIDE_INSTITUTIONAL },
  /* Neither */
  { "advocate", "{'id':'x','kind':'advocate'}", SM_SIDE_OTHER },
  { "other", "{'id':'x','kind':'other'}", SM_SIDE_OTHER },
  { "no-kind", "{'id':'x'}", SM_SIDE_OTHER },
  { "future-kind", "{'id':'x','kind':'space_alien'}", SM_SIDE_OTHER },
  /* The override wins */
  { "override-community",
    "{'id':'x','kind':'manager','side_override':{'side':'community','reason':'r'}}", SM_SIDE_COMMUNITY },
  { "override-institutional",
    "{'id':'x','kind':'service_user','side_override':{'side':'institutional','reason':'r'}}", SM_SIDE_INSTITUTIONAL },
  { "override-other",
    "{'id':'x','kind':'carer','lived_experience':{'relevant':true,'in_role':true},"
    "'side_override':{'side':'other','reason':'r'}}",
    SM_SIDE_OTHER },
};

static void
test_side (gconstpointer data)
{
  const SideCase *c = data;
  g_autoptr(SmRecord) record = record_q (SM_RECORD_STAKEHOLDER, c->json);

  g_assert_cmpint (sm_stakeholder_get_side (record), ==, c->side);
}

static void
test_make_id (void)
{
  g_autoptr(SmMap) map =
               sm_test_load_q ("{'format':'stakemap','version':1,"
                               "'stakeholders':[{'id':'s1','name':'A'},{'id':'s2','name':'B'},"
                               "{'id':'s4','name':'D'},{'id':'sp1','name':'Confusing'}],"
                               "'relationships':[{'id':'r1','source':'s1','target':'s2'}],"
                               "'spaces':[{'id':'s3'}],'annotations':[{'id':'a2'}],"
                               "'regions':[{'id':'rg1'},{'id':'a1'}]}");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *stakeholder = sm_map_make_id (map, SM_RECORD_STAKEHOLDER);
  g_autofree char *relationship = sm_map_make_id (map, SM_RECORD_RELATIONSHIP);
  g_autofree char *space = sm_map_make_id (map, SM_RECORD_SPACE);
  g_autofree char *annotation = sm_map_make_id (map, SM_RECORD_ANNOTATION);
  g_autofree char *group = sm_map_make_id (map, SM_RECORD_AFFECTED_GROUP);
  g_autofree char *decision = sm_map_make_id (map, SM_RECORD_DECISION);
  g_autofree char *region = sm_map_make_id (map, SM_RECORD_REGION);
  g_autoptr(SmRecord) record = NULL;
  g_autofree char *json = NULL;

  /* Ids are unique across kinds: "s3" is a space, "sp1" a stakeholder. */
  g_assert_cmpstr (stakeholder, ==, "s5");
  g_assert_cmpstr (relationship, ==, "r2");
  g_assert_cmpstr (space, ==, "sp2");
  /* "a1" is taken by a region. */
  g_assert_cmpstr (annotation, ==, "a3");
  g_assert_cmpstr (region, ==, "rg2");
  g_assert_cmpstr (group, ==, "g1");
  g_assert_cmpstr (decision, ==, "d1");

  /* Asking again never gives the same id, even before it is used. */
  for (guint i = 0; i < 50; i++)
    {
      char *id = sm_map_make_id (map, SM_RECORD_ANNOTATION);

      g_assert_null (sm_map_lookup (map, id));
      g_assert_cmpstr (id, !=, "a2");
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }

  json = g_strdup_printf ("{'id':'%s','name':'E'}", stakeholder);
  record = record_q (SM_RECORD_STAKEHOLDER, json);
  _sm_map_insert_record (map, record, G_MAXUINT);
  g_assert_true (sm_map_lookup (map, "s5") == record);
}

typedef struct
{
  guint     count;
  SmRecord *record;
  char     *path;
} Seen;

static void
record_changed_cb (SmMap      *map,
                   SmRecord   *record,
                   const char *path,
                   Seen       *seen)
{
  seen->count++;
  seen->record = record;
  g_free (seen->path);
  seen->path = g_strdup (path);
}

static void
detail_cb (SmRecord   *record,
           const char *path,
           Seen       *seen)
{
  seen->count++;
  g_free (seen->path);
  seen->path = g_strdup (path);
}

static void
test_record_changed (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  SmRecord *a = sm_map_lookup (map, "a");
  Seen      on_map = { 0 }, on_remuneration = { 0 }, on_influence = { 0 };
  guint     changed = 0;
  g_autoptr(JsonNode) fee = json_q ("'fee'");
  g_autoptr(JsonNode) nine = json_q ("9");
  g_autoptr(SmRecord) held = g_object_ref (a);

  g_signal_connect (map, "record-changed", G_CALLBACK (record_changed_cb), &on_map);
  g_signal_connect (map, "changed", G_CALLBACK (changed_cb), &changed);
  g_signal_connect (a, "changed::remuneration", G_CALLBACK (detail_cb), &on_remuneration);
  g_signal_connect (a, "changed::influence", G_CALLBACK (detail_cb), &on_influence);

  _sm_map_set_value (map, a, "remuneration.time_paid", fee);
  g_assert_cmpuint (on_map.count, ==, 1);
  g_assert_true (on_map.record == a);
  g_assert_cmpstr (on_map.path, ==, "remuneration.time_paid");
  g_assert_cmpuint (on_remuneration.count, ==, 1);
  g_assert_cmpstr (on_remuneration.path, ==, "remuneration.time_paid");
  g_assert_cmpuint (on_influence.count, ==, 0);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (sm_record_get_enum (a, "remuneration.time_paid"), ==, "fee");

  _sm_map_set_value (map, a, "influence", nine);
  g_assert_cmpuint (on_map.count, ==, 2);
  g_assert_cmpstr (on_map.path, ==, "influence");
  g_assert_cmpuint (on_influence.count, ==, 1);
  g_assert_cmpfloat (sm_record_get_score (a, "influence"), ==, 9.0);

  /* NULL removes the member: it reads as its default again. */
  _sm_map_set_value (map, a, "remuneration.time_paid", NULL);
  g_assert_cmpuint (on_map.count, ==, 3);
  g_assert_cmpstr (on_map.path, ==, "remuneration.time_paid");
  g_assert_cmpstr (sm_record_get_enum (a, "remuneration.time_paid"), ==, "unknown");
  g_assert_false (sm_record_has_value (a, "remuneration.time_paid"));

  /* A record taken out of the map no longer reports to it. */
  _sm_map_remove_record (map, a);
  _sm_record_set_value (held, "influence", nine);
  g_assert_cmpuint (on_map.count, ==, 3);
  g_assert_cmpuint (on_influence.count, ==, 2);

  g_signal_handlers_disconnect_by_data (held, &on_remuneration);
  g_signal_handlers_disconnect_by_data (held, &on_influence);
  g_signal_handlers_disconnect_by_data (map, &on_map);
  g_free (on_map.path);
  g_free (on_remuneration.path);
  g_free (on_influence.path);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_title_notify (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  SmRecord *meta = sm_map_get_metadata (map);
  g_autoptr(JsonNode) title = json_q ("'New title'");
  g_autoptr(JsonNode) purpose = json_q ("'Why'");
  g_autoptr(JsonNode) replacement = json_q ("{'title':'Replaced'}");
  g_autofree char *value = NULL;
  guint            titles = 0, read_only = 0;
  Seen             seen = { 0 };

  g_signal_connect (map, "notify::title", G_CALLBACK (notify_cb), &titles);
  g_signal_connect (map, "notify::read-only", G_CALLBACK (notify_cb), &read_only);
  g_signal_connect (map, "record-changed", G_CALLBACK (record_changed_cb), &seen);

  _sm_map_set_value (map, meta, "title", title);
  g_assert_cmpuint (titles, ==, 1);
  g_assert_cmpstr (sm_map_get_title (map), ==, "New title");
  g_object_get (map, "title", &value, NULL);
  g_assert_cmpstr (value, ==, "New title");
  g_assert_true (seen.record == meta);
  g_assert_cmpstr (seen.path, ==, "title");

  /* Other members do not touch the title. */
  _sm_map_set_value (map, meta, "purpose", purpose);
  g_assert_cmpuint (titles, ==, 1);
  g_assert_cmpuint (seen.count, ==, 2);

  /* Replacing all the metadata may change the title. */
  _sm_map_set_metadata (map, json_node_get_object (replacement));
  g_assert_cmpuint (titles, ==, 2);
  g_assert_cmpstr (sm_map_get_title (map), ==, "Replaced");
  g_assert_cmpstr (seen.path, ==, "");

  /* read-only follows the version, notified when it flips. */
  g_assert_false (sm_map_get_read_only (map));
  _sm_map_set_version (map, 2);
  g_assert_true (sm_map_get_read_only (map));
  g_assert_cmpuint (read_only, ==, 1);
  _sm_map_set_version (map, 3);
  g_assert_cmpuint (read_only, ==, 1);
  _sm_map_set_version (map, 1);
  g_assert_false (sm_map_get_read_only (map));
  g_assert_cmpuint (read_only, ==, 2);

  g_signal_handlers_disconnect_by_data (map, &seen);
  g_free (seen.path);
}

static void
test_data_copies (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  SmRecord *a = sm_map_lookup (map, "a");
  g_autoptr(JsonObject) copy = sm_record_dup_data (a);
  g_autoptr(JsonNode) value = sm_record_dup_value (a, "influence");
  double x = 1, y = 1;

  json_object_set_string_member (copy, "name", "Changed");
  g_assert_cmpstr (sm_stakeholder_get_name (a), ==, "Ann");
  g_assert_cmpint (json_node_get_int (value), ==, 7);
  g_assert_null (sm_record_dup_value (a, "nothing"));

  g_assert_false (sm_stakeholder_get_position (a, &x, &y));
  g_assert_cmpfloat (x, ==, 0.0);
  g_assert_cmpfloat (y, ==, 0.0);
}

static void
test_position (void)
{
  g_autoptr(SmRecord) placed = record_q (SM_RECORD_STAKEHOLDER, "{'id':'x','x':12.5,'y':-3}");
  g_autoptr(SmRecord) half = record_q (SM_RECORD_STAKEHOLDER, "{'id':'y','x':12.5}");
  double x = 0, y = 0;

  g_assert_true (sm_stakeholder_get_position (placed, &x, &y));
  g_assert_cmpfloat (x, ==, 12.5);
  g_assert_cmpfloat (y, ==, -3.0);
  g_assert_false (sm_stakeholder_get_position (half, NULL, NULL));
}

static void
test_finalize (void)
{
  SmMap    *map = sm_test_load_q (EVERY_KIND);
  SmMap    *empty = sm_map_new ();
  SmRecord *kept = g_object_ref (sm_map_lookup (map, "a"));
  SmRecord *removed = g_object_ref (sm_map_lookup (map, "r"));
  /* A view may hold a collection: its records stay while it does. */
  SmCollection *annotations = g_object_ref (sm_map_get_collection (map, SM_RECORD_ANNOTATION));
  SmRecord     *note = sm_map_lookup (map, "n");
  SmRecord     *weak[16] = { NULL };
  guint         n_weak = 0;
  guint         changed = 0;

  g_assert_finalize_object (empty);

  _sm_map_remove_record (map, removed);

  /* Every other record the map holds goes with it. */
  for (SmRecordKind k = SM_RECORD_STAKEHOLDER; k <= SM_RECORD_LAST; k++)
    {
      SmCollection *c = sm_map_get_collection (map, k);

      for (guint i = 0; i < sm_collection_get_size (c); i++)
        {
          SmRecord *r = sm_collection_get (c, i);

          if (r == kept || r == note)
            continue;
          g_assert_cmpuint (n_weak, <, G_N_ELEMENTS (weak));
          weak[n_weak] = r;
          g_object_add_weak_pointer (G_OBJECT (r), (gpointer *) &weak[n_weak]);
          n_weak++;
        }
    }
  g_assert_cmpuint (n_weak, ==, 7);
  g_object_add_weak_pointer (G_OBJECT (note), (gpointer *) &note);
  g_signal_connect (map, "changed", G_CALLBACK (changed_cb), &changed);

  g_assert_finalize_object (map);
  for (guint i = 0; i < n_weak; i++)
    g_assert_null (weak[i]);

  /* Records and collections that outlive the map forget it. */
  g_assert_null (sm_record_get_map (kept));
  g_assert_cmpstr (sm_stakeholder_get_name (kept), ==, "Ann");
  g_assert_nonnull (note);
  g_assert_null (sm_record_get_map (note));
  g_assert_cmpuint (sm_collection_get_size (annotations), ==, 1);
  g_assert_finalize_object (annotations);
  g_assert_null (note);
  g_assert_finalize_object (kept);
  g_assert_finalize_object (removed);
  g_assert_cmpuint (changed, ==, 0);
}

/* A value handed to the map is copied: changing the caller's node later
 * must not change the record behind the map's back (no signal, no undo). */
static void
test_set_value_copies (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  SmRecord *a = sm_map_lookup (map, "a");
  g_autoptr(JsonNode) fee = json_q ("'fee'");
  g_autoptr(JsonNode) nine = json_q ("9");

  _sm_map_set_value (map, a, "remuneration.time_paid", fee);
  _sm_map_set_value (map, a, "influence", nine);
  json_node_set_string (fee, "salaried");
  json_node_set_int (nine, 2);
  g_assert_cmpstr (sm_record_get_enum (a, "remuneration.time_paid"), ==, "fee");
  g_assert_cmpfloat (sm_record_get_score (a, "influence"), ==, 9.0);
}

/* sm_record_dup_value() gives the caller its own value. */
static void
test_dup_value_copies (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (EVERY_KIND);
  SmRecord *a = sm_map_lookup (map, "a");
  g_autoptr(JsonNode) influence = sm_record_dup_value (a, "influence");
  g_autoptr(JsonNode) name = sm_record_dup_value (a, "name");

  json_node_set_int (influence, 2);
  json_node_set_string (name, "Changed");
  g_assert_cmpfloat (sm_record_get_score (a, "influence"), ==, 7.0);
  g_assert_cmpstr (sm_stakeholder_get_name (a), ==, "Ann");
}

/* The metadata record can outlive its map (a view may hold it): it must
 * not point at the freed map. */
static void
test_metadata_outlives_map (void)
{
  SmMap    *map = sm_test_load_q (EVERY_KIND);
  SmRecord *meta = g_object_ref (sm_map_get_metadata (map));

  g_assert_true (sm_record_get_map (meta) == map);
  g_assert_finalize_object (map);
  g_assert_null (sm_record_get_map (meta));
  g_assert_finalize_object (meta);
}

/* sm_map_find_same_name() the slow way: the first other stakeholder on
 * the map whose name has the same key. */
static SmRecord *
naive_same_name (SmMap      *map,
                 const char *name,
                 SmRecord   *except)
{
  g_autofree char *key = sm_name_dup_key (name);
  SmCollection    *people = sm_map_get_stakeholders (map);

  for (guint i = 0; key != NULL && i < sm_collection_get_size (people); i++)
    {
      SmRecord        *other = sm_collection_get (people, i);
      g_autofree char *other_key = sm_name_dup_key (sm_stakeholder_get_name (other));

      if (other != except && g_strcmp0 (key, other_key) == 0)
        return other;
    }
  return NULL;
}

/* Telling two people apart keeps an index of names: through renames,
 * additions, removals, undo and redo it answers as a pass over the map
 * would, for names that differ only in case, spacing or Unicode form. */
static void
test_same_name_index (void)
{
  static const char *const names[] = { "Ann", "ann ", "ANN", "Bob", " bob  ", "Zo\xc3\xab", "Zoe\xcc\x88", "Cy", "", "  " };

  for (guint seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SmMap) map = sm_test_load ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
                                            "{\"id\":\"a\",\"name\":\"Ann\"},{\"id\":\"b\",\"name\":\"Bob\"}]}");
      g_autoptr(SmHistory) history = sm_history_new (map);
      SmCollection *people = sm_map_get_stakeholders (map);

      for (guint step = 0; step < 120; step++)
        {
          guint n = sm_collection_get_size (people);
          guint op = g_rand_int_range (rand, 0, 6);

          if (op == 0 || n == 0)
            {
              JsonObject      *data = json_object_new ();
              g_autofree char *id = sm_map_make_id (map, SM_RECORD_STAKEHOLDER);

              json_object_set_string_member (data, "id", id);
              json_object_set_string_member (data, "name", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
              sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
            }
          else if (op == 1)
            sm_history_push (history, sm_command_new_remove (map, sm_collection_get (people, g_rand_int_range (rand, 0, n))));
          else if (op <= 3)
            sm_history_push (history, sm_command_new_set_string (sm_collection_get (people, g_rand_int_range (rand, 0, n)), "name",
                                                                 names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]));
          else if (op == 4)
            sm_history_undo (history);
          else
            sm_history_redo (history);
          sm_history_break_merge (history);

          for (guint i = 0; i < sm_collection_get_size (people); i++)
            {
              SmRecord   *person = sm_collection_get (people, i);
              const char *name = sm_stakeholder_get_name (person);

              g_assert_true (sm_map_find_same_name (map, name, person) == naive_same_name (map, name, person));
            }
          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            g_assert_true (sm_map_find_same_name (map, names[k], NULL) == naive_same_name (map, names[k], NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Report every failing case, not only the first. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/core/model/lookup", test_lookup);
  g_test_add_func ("/core/model/collection-list-model", test_collection_list_model);
  g_test_add_func ("/core/model/insert-taken-id", test_insert_taken_id);
  g_test_add_func ("/core/model/enum-defaults", test_enum_defaults);
  g_test_add_func ("/core/model/enum-values", test_enum_values);
  g_test_add_func ("/core/model/score", test_score);
  g_test_add_func ("/core/model/boolean", test_boolean);
  for (guint i = 0; i < G_N_ELEMENTS (side_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/model/side/%s", side_cases[i].name);
      g_test_add_data_func (path, &side_cases[i], test_side);
    }
  g_test_add_func ("/core/model/make-id", test_make_id);
  g_test_add_func ("/core/model/record-changed", test_record_changed);
  g_test_add_func ("/core/model/title-notify", test_title_notify);
  g_test_add_func ("/core/model/data-copies", test_data_copies);
  g_test_add_func ("/core/model/position", test_position);
  g_test_add_func ("/core/model/finalize", test_finalize);
  g_test_add_func ("/core/model/set-value-copies", test_set_value_copies);
  g_test_add_func ("/core/model/dup-value-copies", test_dup_value_copies);
  g_test_add_func ("/core/model/metadata-outlives-map", test_metadata_outlives_map);
  g_test_add_func ("/core/model/same-name-index", test_same_name_index);

  return g_test_run ();
}

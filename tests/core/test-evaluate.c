/* test-evaluate.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "sm-command.h"
#include "sm-evaluate-private.h"
#include "sm-evaluate.h"
#include "sm-evaluation-store.h"
#include "sm-format.h"
#include "sm-history.h"
#include "sm-metrics.h"
#include "sm-sources.h"
#include "sm-test-maps.h"
#include "sm-test-utils.h"

/* The rule engine against principles.md: the worked example of §9 rule by
 * rule, each rule's pass / warn / fail boundaries on small maps, gate G0,
 * unknowns never read as "no", minimum sizes, thresholds and lenses. */

#define TOLERANCE 1e-3

/* Maps are written with ' for " so the cases stay readable. */
static SmMap *
map_from (const char *json)
{
  g_autofree char *text = g_strdup (json);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map;

  g_strdelimit (text, "'", '"');
  bytes = g_bytes_new (text, strlen (text));
  map = sm_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

#define DOC(...) "{'format':'stakemap','version':1," __VA_ARGS__ "}"

static SmEvaluation *
evaluate_json (const char *json)
{
  g_autoptr(SmMap) map = map_from (json);

  return sm_evaluate (map, NULL, SM_LENS_NONE);
}

static double
named (GArray     *values,
       const char *name)
{
  for (guint i = 0; i < values->len; i++)
    if (strcmp (g_array_index (values, SmNamedValue, i).name, name) == 0)
      return g_array_index (values, SmNamedValue, i).value;
  g_error ("no value named %s", name);
  return NAN;
}

static void
assert_rule (SmEvaluation *eval,
             const char   *id,
             SmRuleStatus  status,
             double        value)
{
  SmRuleResult *r = sm_evaluation_lookup (eval, id);

  g_assert_nonnull (r);
  if (r->status != status)
    g_error ("%s: expected %s, got %s (%s)", id, sm_rule_status_to_string (status),
             sm_rule_status_to_string (r->status), r->message);
  if (!isnan (value))
    {
      if (fabs (r->value - value) > TOLERANCE)
        g_error ("%s: expected value %g, got %g", id, value, r->value);
    }
  g_assert_nonnull (r->message);
  g_assert_cmpstr (r->message, !=, "");
  /* No placeholder may survive into a message. */
  g_assert_null (strchr (r->message, '{'));
}

/* §9, rule by rule */

typedef struct
{
  const char  *id;
  SmRuleStatus status;
  double       value;
} Expected;

static void
test_worked_example (void)
{
  static const Expected expected[] = {
    { "SP-01", SM_RULE_FAIL, 7.0 / 2.75 }, /* mI 7.0 vs mC 2.75 → 2.55 */
    { "SP-02", SM_RULE_WARN, 1.0 / 3 },
    { "SP-03", SM_RULE_FAIL, 0.0 },
    { "SP-04", SM_RULE_FAIL, 3 },
    { "EP-01", SM_RULE_FAIL, 1.0 },
    { "EP-02", SM_RULE_FAIL, 4 }, /* 4 dependent */
    { "EP-03", SM_RULE_PASS, 0.25 },
    { "EP-04", SM_RULE_PASS, 0.6 },
    { "WS-01", SM_RULE_PASS, 1 }, /* MGR adjacent to SUA */
    { "WS-02", SM_RULE_WARN, 1 }, /* planning side only */
    { "WS-03", SM_RULE_WARN, 2.0 / 3 },
    { "WS-04", SM_RULE_PASS, 0.5 },
    { "AI-01", SM_RULE_WARN, NAN },
    { "AI-02", SM_RULE_FAIL, 2.0 / 3 },
    { "AI-03", SM_RULE_WARN, 2.0 / 3 },
    { "AI-04", SM_RULE_PASS, 0 },
    { "RM-01", SM_RULE_WARN, 0.4 },
    { "RM-02", SM_RULE_WARN, 0.25 },
    { "RM-03", SM_RULE_PASS, 1.0 },
    { "AR-01", SM_RULE_WARN, 0.75 },
    { "AR-02", SM_RULE_PASS, 0.6 },
    { "AR-03", SM_RULE_WARN, 1.0 / 3 },
    { "AR-04", SM_RULE_PASS, 0.5 },
    { "OT-01", SM_RULE_PASS, 2 },
    { "OT-02", SM_RULE_WARN, 2.0 / 3 },
    { "OT-03", SM_RULE_WARN, 3 },
    { "OT-04", SM_RULE_FAIL, 0.5 },
  };
  static const struct
  {
    SmPrincipleStatus status;
    double            score;
  } principles[SM_N_PRINCIPLES] = {
    { SM_PRINCIPLE_NOT_MET, 0.125 },
    { SM_PRINCIPLE_NOT_MET, 0.5 },
    { SM_PRINCIPLE_PARTLY_MET, 0.75 },
    { SM_PRINCIPLE_PARTLY_MET, 0.5 },
    { SM_PRINCIPLE_PARTLY_MET, 2.0 / 3 },
    { SM_PRINCIPLE_PARTLY_MET, 0.75 },
    { SM_PRINCIPLE_PARTLY_MET, 0.5 },
  };
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  SmRuleResult *r;

  g_assert_cmpuint (eval->rules->len, ==, sm_rules_get_count ());
  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, sm_rules_get_count ());
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_rule (eval, expected[i].id, expected[i].status, expected[i].value);

  /* The other figures §9 quotes. */
  r = sm_evaluation_lookup (eval, "SP-01");
  g_assert_cmpfloat_with_epsilon (named (r->values, "mean_institutional"), 7.0, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (named (r->values, "mean_community"), 2.75, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (named (r->values, "gap"), 4.25, TOLERANCE);
  g_assert_nonnull (strstr (r->message, "2.55×"));
  r = sm_evaluation_lookup (eval, "SP-04");
  g_assert_cmpfloat (named (r->values, "median_community"), ==, 4);
  r = sm_evaluation_lookup (eval, "EP-02");
  g_assert_cmpfloat (named (r->values, "no_route"), ==, 2);
  g_assert_nonnull (strstr (r->message, "Carer C and Peer support group"));
  r = sm_evaluation_lookup (eval, "EP-04");
  g_assert_cmpfloat (named (r->values, "community_to_institutional"), ==, 3);
  g_assert_cmpfloat (named (r->values, "institutional_to_community"), ==, 2);
  r = sm_evaluation_lookup (eval, "WS-02");
  g_assert_cmpfloat (named (r->values, "assessment_active"), ==, 1);
  r = sm_evaluation_lookup (eval, "AI-01");
  g_assert_cmpfloat_with_epsilon (named (r->values, "unknown_share"), 0.25, TOLERANCE);
  g_assert_nonnull (strstr (r->message, "Service user B"));
  r = sm_evaluation_lookup (eval, "AI-02");
  g_assert_cmpfloat (named (r->values, "out_of_pocket"), ==, 1);
  g_assert_cmpfloat (named (r->values, "institutional_paid_share"), ==, 1);
  r = sm_evaluation_lookup (eval, "RM-03");
  /* E-I counted over relationship records, as §9 does: 5/9. */
  g_assert_cmpfloat_with_epsilon (named (r->values, "ei_index"), 5.0 / 9, TOLERANCE);
  r = sm_evaluation_lookup (eval, "AR-01");
  g_assert_cmpfloat_with_epsilon (named (r->values, "institutional_coverage"), 0.8, TOLERANCE);
  g_assert_nonnull (strstr (r->message, "Service user B"));
  r = sm_evaluation_lookup (eval, "AR-04");
  g_assert_cmpfloat (named (r->values, "staff_trained"), ==, 1);
  r = sm_evaluation_lookup (eval, "OT-03");
  g_assert_cmpfloat_with_epsilon (named (r->values, "annotated_share"), 3.0 / 13, TOLERANCE);
  r = sm_evaluation_lookup (eval, "OT-04");
  g_assert_nonnull (strstr (r->message, "Community nurse"));
  g_assert_nonnull (strstr (r->message, "Service user B and Carer C"));

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      g_assert_cmpint (eval->principles[p].status, ==, principles[p].status);
      g_assert_cmpfloat_with_epsilon (eval->principles[p].score, principles[p].score, TOLERANCE);
    }

  g_assert_cmpstr (eval->gate_id, ==, "sharing_power");
  g_assert_true (g_str_has_prefix (eval->gate_message, "The map does not yet show power being shared"));
  g_assert_true (g_str_has_prefix (eval->summary, "0 met, 5 partly met, 2 not met, 0 not assessed."));
  g_assert_cmpfloat (eval->index, ==, 54);
}

/* Statuses never depend on the order of evaluation or the lens. */
static void
test_lens (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmEvaluation) plain = sm_evaluate (map, NULL, SM_LENS_NONE);
  g_autoptr(SmEvaluation) lens = sm_evaluate (map, NULL, SM_LENS_ELUCIDATION);
  g_autoptr(SmEvaluation) clar = sm_evaluate (map, NULL, SM_LENS_CLARIFICATION);

  g_assert_cmpuint (lens->headlines->len, ==, 3);
  g_assert_true (g_ptr_array_index (lens->headlines, 0) == sm_evaluation_lookup (lens, "SP-01"));
  g_assert_true (g_ptr_array_index (lens->headlines, 1) == sm_evaluation_lookup (lens, "EP-02"));
  g_assert_true (g_ptr_array_index (lens->headlines, 2) == sm_evaluation_lookup (lens, "OT-04"));
  g_assert_true (g_ptr_array_index (lens->order, 0) == g_ptr_array_index (lens->headlines, 0));
  g_assert_cmpuint (lens->order->len, ==, sm_rules_get_count ());

  /* Clarification: SP-04 (fail) before SP-02 (warn), then OT-01 (pass). */
  g_assert_true (g_ptr_array_index (clar->headlines, 0) == sm_evaluation_lookup (clar, "SP-04"));
  g_assert_true (g_ptr_array_index (clar->headlines, 1) == sm_evaluation_lookup (clar, "SP-02"));

  for (guint i = 0; i < plain->rules->len; i++)
    {
      SmRuleResult *a = g_ptr_array_index (plain->rules, i);
      SmRuleResult *b = g_ptr_array_index (lens->rules, i);

      g_assert_cmpint (a->status, ==, b->status);
    }
  g_assert_cmpfloat (plain->index, ==, lens->index);
  g_assert_true (plain->order->len == sm_rules_get_count () && plain->headlines->len == 0);
}

/* Gate G0: no one with lived experience → one clear message. */
static void
test_gate_g0 (void)
{
  g_autoptr(SmEvaluation) eval = evaluate_json (DOC (
    "'map':{'claimed_approach':7},"
    "'stakeholders':[{'id':'a','name':'A','kind':'manager','influence':8,'participation_level':6},"
    "{'id':'b','name':'B','kind':'professional','influence':5},"
    "{'id':'c','name':'C','kind':'commissioner','influence':9},"
    "{'id':'d','name':'D','kind':'researcher','influence':4}],"
    "'relationships':[{'id':'r1','source':'a','target':'b'},{'id':'r2','source':'a','target':'c'},"
    "{'id':'r3','source':'c','target':'d'}]"));
  SmRuleResult *sp01 = sm_evaluation_lookup (eval, "SP-01");
  guint         not_applicable = 0;

  g_assert_cmpstr (eval->gate_id, ==, "G0");
  g_assert_true (g_str_has_prefix (eval->gate_message, "No one on this map is here because of lived experience"));
  g_assert_cmpint (sp01->status, ==, SM_RULE_FAIL);
  g_assert_true (g_str_has_prefix (sp01->message, "No one on this map is here because of lived experience"));

  for (guint i = 0; i < eval->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (eval->rules, i);

      if (r->status == SM_RULE_NOT_APPLICABLE && strstr (r->message, "first finding") != NULL)
        not_applicable++;
    }
  /* Every rule that compares the community with others. */
  g_assert_cmpuint (not_applicable, >=, 20);
  g_assert_cmpint (sm_evaluation_lookup (eval, "SP-02")->status, ==, SM_RULE_NOT_APPLICABLE);
  g_assert_cmpint (sm_evaluation_lookup (eval, "OT-04")->status, ==, SM_RULE_NOT_APPLICABLE);
  /* Rules about the map as a whole still speak. */
  g_assert_cmpint (sm_evaluation_lookup (eval, "EP-03")->status, !=, SM_RULE_NOT_APPLICABLE);
  g_assert_cmpint (eval->principles[0].status, ==, SM_PRINCIPLE_NOT_ASSESSED);
}

/* Boundaries: one small map per case */

typedef struct
{
  const char  *name;
  const char  *rule;
  const char  *json;
  SmRuleStatus status;
  double       value;
} Case;

#define I(id, infl) "{'id':'" id "','name':'" id "','kind':'professional','influence':" #infl "}"
#define C(id, infl) "{'id':'" id "','name':'" id "','kind':'service_user','influence':" #infl "}"
#define REL(id, s, t, extra) "{'id':'" id "','source':'" s "','target':'" t "'" extra "}"

static const Case cases[] = {
  /* SP-01: ratio and gap guards */
  { "sp01-pass", "SP-01", DOC ("'stakeholders':[" I ("i", 6) "," C ("c", 4) "]"), SM_RULE_PASS, 1.5 },
  { "sp01-warn", "SP-01", DOC ("'stakeholders':[" I ("i", 7) "," C ("c", 4) "]"), SM_RULE_WARN, 1.75 },
  { "sp01-fail", "SP-01", DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "]"), SM_RULE_FAIL, 8.0 / 3 },
  { "sp01-gap-guard", "SP-01", DOC ("'stakeholders':[" I ("i", 1.2) "," C ("c", 0) "]"), SM_RULE_PASS, 2.4 },

  /* SP-02: none shared fails ([S]); below half warns */
  { "sp02-fail", "SP-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i'],'input_from':['c']}]"),
    SM_RULE_FAIL, 0 },
  { "sp02-warn", "SP-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i','c']},"
                                                      "{'id':'d2','status':'made','decided_by':['i']},{'id':'d3','status':'made','decided_by':['i']}]"),
    SM_RULE_WARN, 1.0 / 3 },
  { "sp02-pass", "SP-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i','c']},{'id':'d2','status':'open','decided_by':['i']}]"),
    SM_RULE_PASS, 0.5 },
  { "sp02-none", "SP-02", DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "]"), SM_RULE_NOT_APPLICABLE, NAN },

  /* SP-03: the one-third precedent */
  { "sp03-fail", "SP-03",
    DOC ("'stakeholders':[" I ("i", 8) "," I ("j", 8) "," C ("c", 3) "],"
                                                                     "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'decide',"
                                                                     "'members':[{'stakeholder':'i','role':'chair'},{'stakeholder':'j','role':'voting'},"
                                                                     "{'stakeholder':'c','role':'observer'}]}]"),
    SM_RULE_FAIL, 0 },
  { "sp03-warn", "SP-03",
    DOC ("'stakeholders':[" I ("i", 8) "," I ("j", 8) "," I ("k", 8) "," C ("c", 3) "],"
                                                                                    "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'decide',"
                                                                                    "'members':[{'stakeholder':'i','role':'chair'},{'stakeholder':'j','role':'voting'},"
                                                                                    "{'stakeholder':'k','role':'voting'},{'stakeholder':'c','role':'voting'}]}]"),
    SM_RULE_WARN, 0.25 },
  { "sp03-pass", "SP-03",
    DOC ("'stakeholders':[" I ("i", 8) "," I ("j", 8) "," C ("c", 3) "],"
                                                                     "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'veto',"
                                                                     "'members':[{'stakeholder':'i','role':'chair'},{'stakeholder':'j','role':'voting'},"
                                                                     "{'stakeholder':'c','role':'co_chair'}]}]"),
    SM_RULE_PASS, 1.0 / 3 },
  { "sp03-recommend-ignored", "SP-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'spaces':[{'id':'g','name':'Group','type':'invited','decision_rights':'recommend',"
                                                      "'members':[{'stakeholder':'i','role':'chair'}]}]"),
    SM_RULE_NOT_APPLICABLE, NAN },

  /* SP-04: lower median, gap, coercion */
  { "sp04-fail", "SP-04",
    DOC ("'map':{'claimed_approach':7},'stakeholders':[" I ("i", 8) ","
                                                                    "{'id':'c','name':'c','kind':'carer','participation_level':4},"
                                                                    "{'id':'d','name':'d','kind':'carer','participation_level':6}]"),
    SM_RULE_FAIL, 3 },
  { "sp04-warn", "SP-04",
    DOC ("'map':{'claimed_approach':7},'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_level':5}]"),
    SM_RULE_WARN, 2 },
  { "sp04-pass", "SP-04",
    DOC ("'map':{'claimed_approach':6},'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_level':6}]"),
    SM_RULE_PASS, 0 },
  { "sp04-coercion", "SP-04",
    DOC ("'map':{'claimed_approach':7},'stakeholders':["
         "{'id':'c','name':'c','kind':'carer','participation_level':7},"
         "{'id':'d','name':'d','kind':'carer','participation_level':7},"
         "{'id':'e','name':'e','kind':'carer','participation_level':1}]"),
    SM_RULE_FAIL, 0 },
  { "sp04-no-claim", "SP-04",
    DOC ("'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_level':6}]"),
    SM_RULE_INSUFFICIENT_DATA, NAN },

  /* EP-01: high stake, low say */
  { "ep01-fail", "EP-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','interest':8,'influence':3},"
         "{'id':'b','name':'b','kind':'carer','interest':9,'influence':5}]"),
    SM_RULE_FAIL, 1 },
  { "ep01-warn", "EP-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','interest':8,'influence':3},"
         "{'id':'b','name':'b','kind':'carer','interest':9,'influence':6}]"),
    SM_RULE_WARN, 0.5 },
  { "ep01-min-n", "EP-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','interest':8,'influence':3}]"),
    SM_RULE_WARN, 1 },
  { "ep01-pass", "EP-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','interest':8,'influence':7},"
         "{'id':'b','name':'b','kind':'carer','interest':3,'influence':1}]"),
    SM_RULE_PASS, 0 },

  /* EP-02: dependent with and without a route */
  { "ep02-fail", "EP-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'c','name':'c','kind':'carer','influence':2,'legitimacy':7,'urgency':7}]"),
    SM_RULE_FAIL, 1 },
  { "ep02-warn", "EP-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'c','name':'c','kind':'carer','influence':2,'legitimacy':7,'urgency':7}],"
                                       "'relationships':[" REL ("r", "i", "c", ",'category':'representation_advocacy'") "]"),
    SM_RULE_WARN, 1 },
  { "ep02-pass", "EP-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'c','name':'c','kind':'carer','influence':7,'legitimacy':7,'urgency':7}]"),
    SM_RULE_PASS, 0 },

  /* EP-03: Freeman centralisation; a star around a professional fails */
  { "ep03-fail", "EP-03",
    DOC ("'stakeholders':[" I ("h", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "],"
                                                                                                   "'relationships':[" REL ("1", "h", "a", "") "," REL ("2", "h", "b", "") "," REL ("3", "h", "c", "") "," REL ("4", "h", "d", "") "]"),
    SM_RULE_FAIL, 1 },
  { "ep03-community-hub", "EP-03",
    DOC ("'stakeholders':[" C ("h", 8) "," I ("a", 3) "," I ("b", 3) "," I ("c", 3) "],"
                                                                                    "'relationships':[" REL ("1", "h", "a", "") "," REL ("2", "h", "b", "") "," REL ("3", "h", "c", "") "]"),
    SM_RULE_WARN, 1 },
  { "ep03-pass", "EP-03",
    DOC ("'stakeholders':[" I ("a", 8) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "],"
                                                                                    "'relationships':[" REL ("1", "a", "b", "") "," REL ("2", "b", "c", "") "," REL ("3", "c", "d", "") "," REL ("4", "d", "a", "") "]"),
    SM_RULE_PASS, 0 },
  { "ep03-too-small", "EP-03",
    DOC ("'stakeholders':[" I ("a", 8) "," C ("b", 3) "," C ("c", 3) "],"
                                                                     "'relationships':[" REL ("1", "a", "b", "") "," REL ("2", "b", "c", "") "," REL ("3", "c", "a", "") "]"),
    SM_RULE_NOT_APPLICABLE, NAN },

  /* EP-04: knowledge flows, two-way counted both ways */
  { "ep04-fail", "EP-04",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "c", ",'category':'information'") "," REL ("2", "i", "c", ",'category':'knowledge_advice'") "," REL ("3", "i", "c", ",'category':'training_capacity'") "]"),
    SM_RULE_FAIL, 0 },
  { "ep04-warn", "EP-04",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "c", ",'category':'information'") "," REL ("2", "i", "c", ",'category':'knowledge_advice'") "," REL ("3", "i", "c", ",'category':'training_capacity'") "," REL ("4", "c", "i", ",'category':'information'") "]"),
    SM_RULE_WARN, 0.25 },
  { "ep04-pass", "EP-04",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "c", ",'category':'information','direction':'two_way'") "," REL ("2", "i", "c", ",'category':'knowledge_advice'") "]"),
    SM_RULE_PASS, 1.0 / 3 },
  { "ep04-min-flows", "EP-04",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "c", ",'category':'information'") "]"),
    SM_RULE_NOT_APPLICABLE, NAN },

  /* WS-01: champion, intermediary, no path */
  { "ws01-pass", "WS-01",
    DOC ("'stakeholders':[{'id':'h','name':'h','kind':'manager','influence':8,'participation_level':5}," C ("c", 3) "],"
                                                                                                                    "'relationships':[" REL ("1", "h", "c", "") "]"),
    SM_RULE_PASS, 1 },
  { "ws01-low-level", "WS-01",
    DOC ("'stakeholders':[{'id':'h','name':'h','kind':'manager','influence':8,'participation_level':4}," C ("c", 3) "],"
                                                                                                                    "'relationships':[" REL ("1", "h", "c", "") "]"),
    SM_RULE_WARN, 1 },
  { "ws01-intermediary", "WS-01",
    DOC ("'stakeholders':[{'id':'h','name':'h','kind':'manager','influence':8,'participation_level':6}," I ("m", 5) "," C ("c", 3) "],"
                                                                                                                                   "'relationships':[" REL ("1", "h", "m", "") "," REL ("2", "m", "c", "") "]"),
    SM_RULE_WARN, 2 },
  { "ws01-fail", "WS-01",
    DOC ("'stakeholders':[{'id':'h','name':'h','kind':'manager','influence':8,'participation_level':6}," I ("m", 5) "," I ("n", 5) "," C ("c", 3) "],"
                                                                                                                                                  "'relationships':[" REL ("1", "h", "m", "") "," REL ("2", "m", "n", "") "," REL ("3", "n", "c", "") "]"),
    SM_RULE_FAIL, 3 },
  { "ws01-commissioning-decider", "WS-01",
    DOC ("'stakeholders':[{'id':'h','name':'h','kind':'manager','influence':5,'participation_level':6}," C ("c", 3) "],"
                                                                                                                    "'relationships':[" REL ("1", "h", "c", "") "],"
                                                                                                                                                                "'decisions':[{'id':'d','stage':'commissioning','decided_by':['h'],'status':'made'}]"),
    SM_RULE_PASS, 1 },
  { "ws01-no-holders", "WS-01", DOC ("'stakeholders':[" I ("h", 5) "," C ("c", 3) "]"), SM_RULE_NOT_APPLICABLE, NAN },

  /* WS-02: planning and delivery */
  { "ws02-pass", "WS-02",
    DOC ("'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_by_stage':{'design':6,'delivery':7}}]"),
    SM_RULE_PASS, 2 },
  { "ws02-warn", "WS-02",
    DOC ("'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_by_stage':{'design':6,'delivery':5}}]"),
    SM_RULE_WARN, 1 },
  { "ws02-fail", "WS-02",
    DOC ("'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_level':4,'participation_by_stage':{'design':4}}]"),
    SM_RULE_FAIL, 0 },
  { "ws02-shared-decision", "WS-02",
    DOC ("'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_level':4}],"
         "'decisions':[{'id':'d1','stage':'delivery','decided_by':['c'],'status':'made'},"
         "{'id':'d2','stage':'design','decided_by':['c'],'status':'made'}]"),
    SM_RULE_PASS, 2 },
  { "ws02-delivery-out-of-scope", "WS-02",
    DOC ("'map':{'stages_in_scope':['design']},"
         "'stakeholders':[{'id':'c','name':'c','kind':'carer','participation_by_stage':{'design':6}}]"),
    SM_RULE_PASS, 1 },

  /* WS-03: confined to invited spaces */
  { "ws03-fail", "WS-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'decide','members':[{'stakeholder':'i','role':'voting'}]},"
                                                      "{'id':'g','name':'Group','type':'invited','decision_rights':'advise','members':[{'stakeholder':'c'}]}]"),
    SM_RULE_FAIL, 1 },
  { "ws03-warn", "WS-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "," C ("d", 3) "],"
                                                                     "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'decide',"
                                                                     "'members':[{'stakeholder':'i','role':'voting'},{'stakeholder':'d','role':'voting'}]},"
                                                                     "{'id':'g','name':'Group','type':'invited','decision_rights':'advise','members':[{'stakeholder':'c'}]}]"),
    SM_RULE_WARN, 0.5 },
  { "ws03-pass", "WS-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("c", 3) "],"
                                                      "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'decide',"
                                                      "'members':[{'stakeholder':'i','role':'voting'},{'stakeholder':'c','role':'voting'}]}]"),
    SM_RULE_PASS, 0 },
  { "ws03-no-closed", "WS-03",
    DOC ("'stakeholders':[" C ("c", 3) "],'spaces':[{'id':'g','name':'G','type':'invited','members':[{'stakeholder':'c'}]}]"),
    SM_RULE_NOT_APPLICABLE, NAN },

  /* WS-04: producing roles */
  { "ws04-fail", "WS-04", DOC ("'stakeholders':[" C ("a", 3) "," C ("b", 3) "]"), SM_RULE_FAIL, 0 },
  { "ws04-warn", "WS-04",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','roles':['trainer']}," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "]"),
    SM_RULE_WARN, 0.2 },
  { "ws04-pass", "WS-04",
    DOC ("'stakeholders':[" C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," I ("d", 3) "],"
                                                                                    "'relationships':[" REL ("1", "d", "a", ",'category':'collaboration','direction':'two_way'") "]"),
    SM_RULE_PASS, 1.0 / 3 },

  /* AI-01: access needs; unknown is not "no" */
  { "ai01-fail", "AI-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','accessibility':{'needs_declared':true,'met':'no'}},"
         "{'id':'b','name':'b','kind':'carer','accessibility':{'needs_declared':true,'met':'yes'}}]"),
    SM_RULE_FAIL, 0.5 },
  { "ai01-warn", "AI-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','accessibility':{'needs_declared':true,'met':'partly'}},"
         "{'id':'b','name':'b','kind':'carer','accessibility':{'needs_declared':true,'met':'yes'}}]"),
    SM_RULE_WARN, 0.5 },
  { "ai01-pass", "AI-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','accessibility':{'needs_declared':true,'met':'yes'}},"
         "{'id':'b','name':'b','kind':'carer','accessibility':{'needs_declared':false}}]"),
    SM_RULE_PASS, 0 },
  { "ai01-unknown-not-no", "AI-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer'},{'id':'b','name':'b','kind':'carer'}]"),
    SM_RULE_WARN, 0 },
  { "ai01-unknown-within-limit", "AI-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer'},"
         "{'id':'b','name':'b','kind':'carer','accessibility':{'needs_declared':false}},"
         "{'id':'c','name':'c','kind':'carer','accessibility':{'needs_declared':false}},"
         "{'id':'d','name':'d','kind':'carer','accessibility':{'needs_declared':false}}]"),
    SM_RULE_PASS, 0 },

  /* AI-02: out of pocket ([S]) and recognition */
  { "ai02-fail", "AI-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':4,"
         "'remuneration':{'time_paid':'fee','expenses_covered':'no'}}]"),
    SM_RULE_FAIL, 0 },
  { "ai02-fail-unrecognised", "AI-02",
    DOC ("'stakeholders':[{'id':'i','name':'i','kind':'manager','remuneration':{'time_paid':'salaried'}},"
         "{'id':'a','name':'a','kind':'carer','participation_level':4,'remuneration':{'time_paid':'none','expenses_covered':'yes'}}]"),
    SM_RULE_FAIL, 0 },
  { "ai02-warn", "AI-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':4,'remuneration':{'time_paid':'fee','expenses_covered':'yes'}},"
         "{'id':'b','name':'b','kind':'carer','participation_level':4,'remuneration':{'time_paid':'none','expenses_covered':'yes'}}]"),
    SM_RULE_WARN, 0.5 },
  { "ai02-pass-declined", "AI-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':5,"
         "'remuneration':{'time_paid':'declined','payment_offered':true,'expenses_covered':'not_applicable'}}]"),
    SM_RULE_PASS, 1 },
  { "ai02-unknown-not-out-of-pocket", "AI-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':5}]"),
    SM_RULE_INSUFFICIENT_DATA, NAN },

  /* AI-03: affected groups */
  { "ai03-pass", "AI-03",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':5,'represents':['g']}],"
         "'affected_groups':[{'id':'g','name':'G'}]"),
    SM_RULE_PASS, 1 },
  { "ai03-warn", "AI-03",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':5,'represents':['g']},"
         "{'id':'b','name':'b','kind':'carer','participation_level':4,'represents':['h']}],"
         "'affected_groups':[{'id':'g','name':'G'},{'id':'h','name':'H'}]"),
    SM_RULE_WARN, 0.5 },
  { "ai03-fail", "AI-03",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':5,'represents':['g']}],"
         "'affected_groups':[{'id':'g','name':'G'},{'id':'h','name':'H'},{'id':'k','name':'K'}]"),
    SM_RULE_FAIL, 1.0 / 3 },
  { "ai03-none", "AI-03", DOC ("'stakeholders':[" C ("a", 3) "]"), SM_RULE_NOT_APPLICABLE, NAN },

  /* AI-04: isolates and single threads */
  { "ai04-fail", "AI-04",
    DOC ("'stakeholders':[" I ("i", 8) "," I ("j", 8) "," C ("a", 3) "," C ("b", 3) "],"
                                                                                    "'relationships':[" REL ("1", "i", "j", "") "," REL ("2", "i", "a", "") "," REL ("3", "j", "a", "") "]"),
    SM_RULE_FAIL, 0.5 },
  { "ai04-warn-isolate", "AI-04",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "],"
                                                                                                                  "'relationships':[" REL ("1", "a", "b", "") "," REL ("2", "b", "c", "") "," REL ("3", "c", "d", "") "," REL ("4", "i", "a", "") "]"),
    SM_RULE_WARN, 0.2 },
  { "ai04-warn-single", "AI-04",
    DOC ("'stakeholders':[" I ("i", 8) "," I ("j", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                                                   "'relationships':[" REL ("1", "i", "a", "") "," REL ("2", "i", "b", "") "," REL ("3", "j", "c", "") "," REL ("4", "i", "j", "") "]"),
    SM_RULE_WARN, 0 },
  { "ai04-pass", "AI-04",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                                    "'relationships':[" REL ("1", "i", "a", "") "," REL ("2", "a", "b", "") "," REL ("3", "b", "c", "") "]"),
    SM_RULE_PASS, 0 },

  /* RM-01: pairs that run both ways */
  { "rm01-fail", "RM-01",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "],"
                                                                                                                  "'relationships':[" REL ("1", "i", "a", "") "," REL ("2", "i", "b", "") "," REL ("3", "i", "c", "") "," REL ("4", "i", "d", "") "," REL ("5", "i", "e", ",'direction':'two_way'") "]"),
    SM_RULE_FAIL, 0.2 },
  { "rm01-warn", "RM-01",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                                    "'relationships':[" REL ("1", "i", "a", "") "," REL ("2", "i", "b", "") "," REL ("3", "c", "i", "") "," REL ("4", "i", "c", ",'reciprocity':'some'") "]"),
    SM_RULE_WARN, 1.0 / 3 },
  { "rm01-pass-balanced", "RM-01",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "a", ",'reciprocity':'balanced'") "]"),
    SM_RULE_PASS, 1 },
  { "rm01-conflict-ignored", "RM-01",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "a", ",'category':'conflict_tension','direction':'two_way'") "]"),
    SM_RULE_NOT_APPLICABLE, NAN },

  /* RM-02: giving without getting back */
  { "rm02-fail", "RM-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'a','name':'a','kind':'carer','remuneration':{'time_paid':'none','expenses_covered':'yes'}}],"
                                       "'relationships':[" REL ("1", "a", "i", ",'category':'knowledge_advice'") "]"),
    SM_RULE_FAIL, 1 },
  { "rm02-service-is-not-a-return", "RM-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'a','name':'a','kind':'carer','remuneration':{'time_paid':'none','expenses_covered':'yes'}},"
                                       "{'id':'b','name':'b','kind':'carer'},{'id':'c','name':'c','kind':'carer'}],"
                                       "'relationships':[" REL ("1", "a", "i", ",'category':'knowledge_advice'") "," REL ("2", "i", "a", ",'category':'service_delivery'") "]"),
    SM_RULE_WARN, 1.0 / 3 },
  { "rm02-pass-recognised", "RM-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'a','name':'a','kind':'carer','remuneration':{'time_paid':'fee','expenses_covered':'yes'}}],"
                                       "'relationships':[" REL ("1", "a", "i", ",'category':'knowledge_advice'") "]"),
    SM_RULE_PASS, 0 },
  { "rm02-unknown-not-extractive", "RM-02",
    DOC ("'stakeholders':[" I ("i", 8) ",{'id':'a','name':'a','kind':'carer'}],"
                                       "'relationships':[" REL ("1", "a", "i", ",'category':'knowledge_advice'") "]"),
    SM_RULE_INSUFFICIENT_DATA, NAN },

  /* RM-03: peer ties */
  { "rm03-fail", "RM-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                                    "'relationships':[" REL ("1", "i", "a", "") "," REL ("2", "i", "b", "") "," REL ("3", "i", "c", "") "]"),
    SM_RULE_FAIL, 0 },
  { "rm03-warn", "RM-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "],"
                                                                                                                  "'relationships':[" REL ("1", "a", "b", "") "," REL ("2", "i", "c", "") "]"),
    SM_RULE_WARN, 0.4 },
  { "rm03-pass", "RM-03",
    DOC ("'stakeholders':[" C ("a", 3) "," C ("b", 3) "],'relationships':[" REL ("1", "a", "b", "") "]"),
    SM_RULE_PASS, 1 },
  { "rm03-conflict-is-not-peer", "RM-03",
    DOC ("'stakeholders':[" C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                     "'relationships':[" REL ("1", "a", "b", ",'category':'conflict_tension'") "]"),
    SM_RULE_FAIL, 0 },

  /* AR-01: assets recorded */
  { "ar01-fail", "AR-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time'}]}," C ("b", 3) "," C ("c", 3) "]"),
    SM_RULE_FAIL, 1.0 / 3 },
  { "ar01-warn-deficit", "AR-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time'}]},"
         "{'id':'b','name':'b','kind':'carer','assets':[{'type':'time'}]},"
         "{'id':'c','name':'c','kind':'carer','assets':[{'type':'time'}]},"
         "{'id':'d','name':'d','kind':'carer','assets':[{'type':'time'}]},"
         "{'id':'e','name':'e','kind':'carer','needs':['transport']}]"),
    SM_RULE_WARN, 0.8 },
  { "ar01-pass", "AR-01",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time'}]}]"),
    SM_RULE_PASS, 1 },

  /* AR-02: assets in use */
  { "ar02-fail", "AR-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time','in_use':false},{'type':'skills','in_use':false}]}]"),
    SM_RULE_FAIL, 0 },
  { "ar02-warn", "AR-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time','in_use':true},"
         "{'type':'skills','in_use':false},{'type':'networks','in_use':false}]}]"),
    SM_RULE_WARN, 1.0 / 3 },
  { "ar02-pass", "AR-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time','in_use':true},{'type':'skills','in_use':false}]}]"),
    SM_RULE_PASS, 0.5 },
  { "ar02-min-assets", "AR-02",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','assets':[{'type':'time','in_use':true}]}]"),
    SM_RULE_NOT_APPLICABLE, NAN },

  /* AR-03: hidden labour */
  { "ar03-fail", "AR-03",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','remuneration':{'time_paid':'none'}}," C ("b", 3) "],"
                                                                                                                "'relationships':[" REL ("1", "a", "b", ",'category':'support_care'") "]"),
    SM_RULE_FAIL, 1 },
  { "ar03-pass", "AR-03",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','remuneration':{'time_paid':'none'},"
         "'assets':[{'type':'time','recognised':true}]}," C ("b", 3) "],"
                                                                     "'relationships':[" REL ("1", "a", "b", ",'category':'support_care'") "]"),
    SM_RULE_PASS, 0 },
  { "ar03-none", "AR-03", DOC ("'stakeholders':[" C ("a", 3) "]"), SM_RULE_NOT_APPLICABLE, NAN },

  /* AR-04: capped at warn */
  { "ar04-warn", "AR-04",
    DOC ("'stakeholders':[{'id':'i','name':'i','kind':'manager','capacity_support':['training']},"
         "{'id':'a','name':'a','kind':'carer','participation_level':5},{'id':'b','name':'b','kind':'carer','participation_level':6}]"),
    SM_RULE_WARN, 0 },
  { "ar04-warn-no-staff", "AR-04",
    DOC ("'stakeholders':[{'id':'a','name':'a','kind':'carer','participation_level':5,'capacity_support':['mentoring']}]"),
    SM_RULE_WARN, 1 },
  { "ar04-pass", "AR-04",
    DOC ("'stakeholders':[{'id':'i','name':'i','kind':'manager','capacity_support':['training']},"
         "{'id':'a','name':'a','kind':'carer','participation_level':5,'capacity_support':['briefing']}]"),
    SM_RULE_PASS, 1 },

  /* OT-01: on and off the table */
  { "ot01-fail", "OT-01", DOC ("'stakeholders':[" C ("a", 3) "]"), SM_RULE_FAIL, 0 },
  { "ot01-warn", "OT-01", DOC ("'map':{'on_the_table':[{'item':'Hours'}]},'stakeholders':[" C ("a", 3) "]"), SM_RULE_WARN, 1 },
  { "ot01-warn-reason", "OT-01",
    DOC ("'map':{'on_the_table':[{'item':'Hours'}],'off_the_table':[{'item':'Budget'}]},'stakeholders':[" C ("a", 3) "]"),
    SM_RULE_WARN, 2 },
  { "ot01-pass", "OT-01",
    DOC ("'map':{'on_the_table':[{'item':'Hours'}],'off_the_table':[{'item':'Budget','reason':'Fixed'}]},'stakeholders':[" C ("a", 3) "]"),
    SM_RULE_PASS, 2 },

  /* OT-02: we said, we did */
  { "ot02-fail", "OT-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i'],'input_from':['a'],'reported_back':false},"
                                                      "{'id':'d2','status':'made','decided_by':['i'],'input_from':['a'],'reported_back':false}]"),
    SM_RULE_FAIL, 0 },
  { "ot02-warn-outcome-unknown", "OT-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i'],'input_from':['a'],'reported_back':true}]"),
    SM_RULE_WARN, 0 },
  { "ot02-pass", "OT-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i'],'input_from':['a'],'reported_back':true,'input_changed_outcome':'no'}]"),
    SM_RULE_PASS, 1 },
  { "ot02-unknown-not-untold", "OT-02",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'decisions':[{'id':'d1','status':'made','decided_by':['i'],'input_from':['a']}]"),
    SM_RULE_INSUFFICIENT_DATA, NAN },

  /* OT-03: capped at warn; info prompt on a well-annotated map */
  { "ot03-warn", "OT-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "a", ",'power_form':'hidden'") "]"),
    SM_RULE_WARN, 1 },
  { "ot03-pass", "OT-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "a", ",'power_form':'hidden','power_note':'Discussed at the June session'") "]"),
    SM_RULE_PASS, 0 },
  { "ot03-steep", "OT-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                      "'relationships':[" REL ("1", "i", "a", ",'power_form':'visible','power_difference':{'holder':'source','magnitude':3}") "]"),
    SM_RULE_WARN, 0 },
  { "ot03-info", "OT-03",
    DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "],"
                                                                                                                  "'relationships':[" REL ("1", "i", "a", ",'power_form':'visible'") "," REL ("2", "i", "b", ",'power_form':'visible'") "," REL ("3", "i", "c", ",'power_form':'visible'") "," REL ("4", "i", "d", ",'power_form':'visible'") "," REL ("5", "i", "e", ",'power_form':'visible'") "," REL ("6", "a", "b", ",'power_form':'none_identified'") "," REL ("7", "b", "c", ",'power_form':'none_identified'") "," REL ("8", "c", "d", ",'power_form':'none_identified'") "," REL ("9", "d", "e", ",'power_form':'none_identified'") "," REL ("10", "e", "a", ",'power_form':'none_identified'") "]"),
    SM_RULE_INFO, 0 },

  /* OT-04: gatekeepers */
  { "ot04-fail", "OT-04",
    DOC ("'stakeholders':[" I ("h", 9) "," I ("g", 5) "," C ("a", 3) "," C ("b", 3) "],"
                                                                                    "'relationships':[" REL ("1", "h", "g", "") "," REL ("2", "g", "a", "") "," REL ("3", "g", "b", "") "," REL ("4", "a", "b", "") "]"),
    SM_RULE_FAIL, 1 },
  { "ot04-warn", "OT-04",
    DOC ("'stakeholders':[" I ("h", 9) "," I ("g", 5) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                                                   "'relationships':[" REL ("1", "h", "g", "") "," REL ("2", "g", "a", "") "," REL ("3", "h", "b", "") "," REL ("4", "h", "c", "") "]"),
    SM_RULE_WARN, 1.0 / 3 },
  { "ot04-info", "OT-04",
    DOC ("'stakeholders':[" I ("h", 9) "," C ("a", 3) "," C ("b", 3) "," I ("x", 3) "],"
                                                                                    "'relationships':[" REL ("1", "h", "a", "") "," REL ("2", "a", "b", "") "," REL ("3", "a", "x", "") "," REL ("4", "x", "h", "") "]"),
    SM_RULE_INFO, 0 },
  { "ot04-pass", "OT-04",
    DOC ("'stakeholders':[" I ("h", 9) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "],"
                                                                                    "'relationships':[" REL ("1", "h", "a", "") "," REL ("2", "h", "b", "") "," REL ("3", "h", "c", "") "," REL ("4", "a", "b", "") "," REL ("5", "b", "c", "") "," REL ("6", "c", "a", "") "]"),
    SM_RULE_PASS, 0 },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(SmEvaluation) eval = evaluate_json (c->json);

  assert_rule (eval, c->rule, c->status, c->value);
}

/* A message with a count takes the plural form its number needs: the
 * translators' catalogues have one entry per message with its forms. */
static void
test_plural_messages (void)
{
  g_autoptr(SmEvaluation) one =
               evaluate_json (DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "],"
                                                                                "'relationships':[" REL ("1", "i", "a", ",'reciprocity':'balanced'") "]"));
  g_autoptr(SmEvaluation) five =
               evaluate_json (DOC ("'stakeholders':[" I ("i", 8) "," C ("a", 3) "," C ("b", 3) "," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "],"
                                                                                                                                            "'relationships':[" REL ("1", "i", "a", "") "," REL ("2", "i", "b", "") "," REL ("3", "i", "c", "") "," REL ("4", "i", "d", "") "," REL ("5", "i", "e", ",'direction':'two_way'") "]"));

  assert_rule (one, "RM-01", SM_RULE_PASS, 1);
  g_assert_cmpstr (sm_evaluation_lookup (one, "RM-01")->message, ==,
                   "1 of 1 link between professionals and people with lived experience runs both ways.");
  g_autoptr(SmEvaluation) board =
               evaluate_json (DOC ("'stakeholders':[" I ("i", 8) "," I ("j", 8) "," C ("c", 3) "],"
                                                                                               "'spaces':[{'id':'b','name':'Board','type':'closed','decision_rights':'decide',"
                                                                                               "'members':[{'stakeholder':'i','role':'chair'},{'stakeholder':'j','role':'voting'},"
                                                                                               "{'stakeholder':'c','role':'observer'}]}]"));

  /* A space's rights are part of the sentence, not a word put into it. */
  assert_rule (board, "SP-03", SM_RULE_FAIL, 0);
  g_assert_true (g_str_has_prefix (sm_evaluation_lookup (board, "SP-03")->message,
                                   "Board takes decisions, but none of its 2 voting members is there because of "
                                   "lived experience."));
  assert_rule (five, "RM-01", SM_RULE_FAIL, 0.2);
  g_assert_true (g_str_has_prefix (sm_evaluation_lookup (five, "RM-01")->message,
                                   "Only 1 of 5 links between professionals and people with lived experience "
                                   "run both ways."));
}

/* Names in a sentence: "Ann", "Ann and Bob", "Ann, Bob and Cy". */
static void
test_names_join (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *none = _sm_names_join (names);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *four = NULL;

  g_assert_cmpstr (none, ==, "");
  g_ptr_array_add (names, (gpointer) "Ann");
  one = _sm_names_join (names);
  g_assert_cmpstr (one, ==, "Ann");
  g_ptr_array_add (names, (gpointer) "Bob");
  two = _sm_names_join (names);
  g_assert_cmpstr (two, ==, "Ann and Bob");
  g_ptr_array_add (names, (gpointer) "Cy");
  g_ptr_array_add (names, (gpointer) "Di %s");
  four = _sm_names_join (names);
  g_assert_cmpstr (four, ==, "Ann, Bob, Cy and Di %s");
}

/* Every threshold has a whole label, one string for the translators, not
 * one built from the key's words. */
static void
test_threshold_labels (void)
{
  const char *const *keys = sm_eval_config_list_keys ();
  g_autofree char   *ratio = sm_eval_config_dup_label ("sp01.fail_ratio");
  g_autofree char   *level = sm_eval_config_dup_label ("ai02.min_level");

  g_assert_cmpstr (ratio, ==, "“Needs attention” ratio");
  g_assert_cmpstr (level, ==, "minimum level");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *label = sm_eval_config_dup_label (keys[i]);

      if (g_str_equal (label, keys[i]) || strchr (label, '_') != NULL || g_str_has_suffix (label, " "))
        g_error ("%s has no label of its own (“%s”)", keys[i], label);
    }
}

/* Unknown is never counted as "no" (§3): an unknown rating leaves the
 * denominator and is listed as a data gap. */
static void
test_unknown_excluded (void)
{
  g_autoptr(SmEvaluation) eval = evaluate_json (DOC (
    "'stakeholders':[" I ("i", 8) "," C ("a", 3) ",{'id':'b','name':'b','kind':'carer','influence':'unknown'}," C ("c", 3) "," C ("d", 3) "," C ("e", 3) "]"));
  SmRuleResult *sp01 = sm_evaluation_lookup (eval, "SP-01");

  g_assert_cmpfloat_with_epsilon (named (sp01->values, "mean_community"), 3, TOLERANCE);
  g_assert_cmpfloat (named (sp01->values, "n_community"), ==, 4);
  g_assert_cmpuint (sp01->data_gaps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sp01->data_gaps, 0), ==, "b: influence");
  g_assert_cmpfloat_with_epsilon (sp01->completeness, 5.0 / 6, TOLERANCE);
}

/* DQ-01: below min_known_share of inputs known, no verdict. */
static void
test_insufficient_data (void)
{
  g_autoptr(SmEvaluation) eval = evaluate_json (DOC (
    "'stakeholders':[" I ("i", 8) "," C ("a", 3) ",{'id':'b','name':'b','kind':'carer'},"
                                                 "{'id':'c','name':'c','kind':'carer'}]"));
  SmRuleResult *sp01 = sm_evaluation_lookup (eval, "SP-01");

  g_assert_cmpint (sp01->status, ==, SM_RULE_INSUFFICIENT_DATA);
  g_assert_cmpfloat_with_epsilon (sp01->completeness, 0.5, TOLERANCE);
  g_assert_nonnull (strstr (sp01->message, "b: influence"));
  g_assert_nonnull (sp01->action);
}

/* A map with almost nothing recorded: principles are not assessed, and
 * there is no index. */
static void
test_not_assessed (void)
{
  g_autoptr(SmEvaluation) eval = evaluate_json (DOC ("'stakeholders':[" C ("a", 3) "]"));

  g_assert_cmpint (eval->principles[1].status, ==, SM_PRINCIPLE_NOT_ASSESSED);
  g_assert_true (isnan (eval->index));
  g_assert_null (eval->gate_id);
  g_assert_nonnull (strstr (eval->summary, "not assessed"));
}

static void
test_config (void)
{
  g_autoptr(SmEvalConfig) config = sm_eval_config_new ();
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmEvaluation) eval = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (const char *const *k = sm_eval_config_list_keys (); *k != NULL; k++)
    {
      g_assert_true (sm_eval_config_is_default (config, *k));
      n++;
    }
  g_assert_cmpuint (n, >=, 60);
  g_assert_cmpfloat (sm_eval_config_get (config, "sp01.fail_ratio"), ==, 2.0);
  g_assert_cmpint (sm_eval_config_get_basis ("sp01.fail_ratio"), ==, SM_BASIS_JUDGEMENT);
  /* Yes-or-no settings are told apart from cut-offs, for the dialog and
   * the report. */
  g_assert_true (sm_eval_config_is_boolean ("gate.sharing_power"));
  g_assert_true (sm_eval_config_is_boolean ("sp03.include_recommend"));
  g_assert_false (sm_eval_config_is_boolean ("sp01.fail_ratio"));
  g_assert_false (sm_eval_config_is_boolean ("no.such_key"));
  g_assert_cmpint (sm_eval_config_get_basis ("sp03.min_share"), ==, SM_BASIS_SOURCE);

  /* Nested as §10 writes it, and flat. */
  node = json_from_string ("{\"sp01\": {\"fail_ratio\": 3.0}, \"ep03.warn\": 0.2, "
                           "\"gate\": {\"sharing_power\": false}, \"profile\": \"pilot\"}",
                           &error);
  g_assert_no_error (error);
  g_assert_true (sm_eval_config_load_json (config, node, &error));
  g_assert_no_error (error);
  g_assert_false (sm_eval_config_is_default (config, "sp01.fail_ratio"));

  eval = sm_evaluate (map, config, SM_LENS_NONE);
  assert_rule (eval, "SP-01", SM_RULE_WARN, 7.0 / 2.75);
  assert_rule (eval, "EP-03", SM_RULE_WARN, 0.25);
  g_assert_null (eval->gate_id);
  g_assert_cmpfloat (named (sm_evaluation_lookup (eval, "SP-01")->thresholds, "sp01.fail_ratio"), ==, 3.0);

  /* A bad file changes nothing. */
  g_clear_pointer (&node, json_node_unref);
  node = json_from_string ("{\"sp01\": {\"warn_ratio\": 1.0, \"no_such\": 1}}", NULL);
  g_assert_false (sm_eval_config_load_json (config, node, &error));
  g_assert_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_UNKNOWN_KEY);
  g_assert_cmpfloat (sm_eval_config_get (config, "sp01.warn_ratio"), ==, 1.5);
  g_clear_error (&error);
  g_assert_false (sm_eval_config_set (config, "gate.sharing_power", 0.5, &error));
  g_assert_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE);
}

/* Every rule in the table is complete and has its sources; the catalogue
 * holds every principle's rules, in principle order, each id once. */
static void
test_catalogue (void)
{
  guint n_principle[SM_N_PRINCIPLES] = { 0 };
  int   last = 0;

  g_assert_cmpuint (sm_rules_get_count (), >, 0);
  for (guint i = 0; i < sm_rules_get_count (); i++)
    {
      const SmRuleDef *rule = sm_rules_get (i);
      const char      *principle = sm_rule_def_get_principle (rule);
      int              p = principle[0] == 'P' ? principle[1] - '0' : 0;

      g_assert_cmpint (p, >=, 1);
      g_assert_cmpint (p, <=, SM_N_PRINCIPLES);
      g_assert_cmpint (p, >=, last);
      last = p;
      n_principle[p - 1]++;

      g_assert_nonnull (sm_rule_def_get_question (rule));
      g_assert_nonnull (sm_rule_def_get_action (rule));
      g_assert_nonnull (sm_rule_def_get_sources (rule)[0]);
      g_assert_true (sm_rules_lookup (sm_rule_def_get_id (rule)) == rule);
    }
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    g_assert_cmpuint (n_principle[p], >, 0);
  g_assert_true (sm_rule_def_get_capped (sm_rules_lookup ("AR-04")));
  g_assert_true (sm_rule_def_get_capped (sm_rules_lookup ("OT-03")));
}

/* The row that names @key, among the rules and then the checks, or NULL;
 * @position is the row's place in that order. */
static const SmRuleDef *
find_row_naming (const char *key,
                 guint      *position,
                 guint      *n_naming)
{
  const SmRuleDef *found = NULL;
  guint            n_rules = sm_rules_get_count ();

  *n_naming = 0;
  for (guint i = 0; i < n_rules + sm_checks_get_count (); i++)
    {
      const SmRuleDef *row = i < n_rules ? sm_rules_get (i) : sm_checks_get (i - n_rules);

      for (const char *const *k = row->thresholds; k != NULL && *k != NULL; k++)
        if (g_strcmp0 (*k, key) == 0)
          {
            found = row;
            *position = i;
            (*n_naming)++;
          }
    }
  return found;
}

/* The configuration keys and the rows agree: no key is listed twice; a
 * key with a rule's prefix ("sp01.…") is named by that rule's row and no
 * other, and the rules' keys come in catalogue order; only the engine's
 * own (no prefix, graph., score., gate.) are named by no row; and every
 * key a row names is a key. */
static void
test_config_keys_from_rows (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const *keys = sm_eval_config_list_keys ();
  guint              n_named = 0, last_position = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char      *key = keys[i];
      const char      *dot = strchr (key, '.');
      g_autofree char *prefix = dot != NULL ? g_strndup (key, dot - key) : NULL;
      const SmRuleDef *owner;
      guint            position = 0, n_naming;

      g_test_message ("%s", key);
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, (gpointer) key);
      owner = find_row_naming (key, &position, &n_naming);
      if (prefix == NULL || g_str_equal (prefix, "graph") || g_str_equal (prefix, "score") ||
          g_str_equal (prefix, "gate"))
        {
          g_assert_null (owner);
          continue;
        }
      g_assert_nonnull (owner);
      g_assert_cmpuint (n_naming, ==, 1);
      g_assert_cmpuint (position, >=, last_position);
      last_position = position;
      if (g_str_equal (prefix, "dq"))
        g_assert_cmpstr (sm_rule_def_get_principle (owner), ==, "DQ");
      else
        {
          /* "sp01" belongs to SP-01. */
          g_autofree char *id = g_ascii_strup (prefix, -1);
          g_autofree char *rule_id = g_strdup_printf ("%.2s-%s", id, id + 2);

          g_assert_cmpstr (sm_rule_def_get_id (owner), ==, rule_id);
        }
      n_named++;
    }

  /* And every key a row names is a key. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < (pass == 0 ? sm_rules_get_count () : sm_checks_get_count ()); i++)
      {
        const SmRuleDef *row = pass == 0 ? sm_rules_get (i) : sm_checks_get (i);

        for (const char *const *k = row->thresholds; k != NULL && *k != NULL; k++)
          {
            g_assert_true (g_hash_table_contains (seen, *k));
            g_assert_true (sm_eval_config_has_key (*k));
            n_named--;
          }
      }
  g_assert_cmpuint (n_named, ==, 0);
}

static void
test_json (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  g_autoptr(JsonNode) root = sm_evaluation_to_json (eval);
  JsonObject *object = json_node_get_object (root);
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (object, "rules"), 0);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "rules")), ==, sm_rules_get_count ());
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "principles")), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "SP-01");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "fail");
  g_assert_true (json_object_has_member (first, "thresholds"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "gate"), "id"), ==,
                   "sharing_power");
}

/* The data-quality checks of §6 (DQ-02 … DQ-05): one small map each. */

typedef struct
{
  const char  *name;
  const char  *check;
  const char  *json;
  const char  *today; /* NULL: 2026-06-01 */
  SmRuleStatus status;
  double       value;    /* NAN: not checked */
  const char  *message;  /* a part the message must hold, or NULL */
  const char  *evidence; /* "a,b": the stakeholders named as evidence, or NULL */
} CheckCase;

#define P(id, kind, extra) "{'id':'" id "','name':'Name " id "','kind':'" kind "'" extra "}"
#define DRAWN(d, v) "'map':{'perspective':{'drawn_by':[" d "],'validated_by':[" v "]}},"
#define TWO_SIDES "'stakeholders':[" P ("m", "manager", "") "," P ("u", "service_user", "") "]"
#define RATED(id, kind, infl, by, extra) P (id, kind, ",'influence':" #infl ",'influence_rated_by':'" by "'" extra)
#define TAKEN(date, extra) "'map':{'snapshot':{'date':'" date "'}" extra "},'stakeholders':[]"

static const CheckCase check_cases[] = {
  /* DQ-02: whose map is this? */
  { "dq02-nobody-recorded", "DQ-02", DOC (TWO_SIDES), NULL, SM_RULE_INSUFFICIENT_DATA, NAN, "who drew it", NULL },
  { "dq02-drawn-by-staff", "DQ-02", DOC (DRAWN ("'m'", "") TWO_SIDES), NULL,
    SM_RULE_WARN, 0, "This map shows the view of Name m.", "m" },
  { "dq02-checked-by-community", "DQ-02", DOC (DRAWN ("'m'", "'u'") TWO_SIDES), NULL,
    SM_RULE_PASS, 1, "(Name u)", "m,u" },
  { "dq02-only-checked-by-staff", "DQ-02", DOC (DRAWN ("", "'m'") TWO_SIDES), NULL,
    SM_RULE_WARN, 0, "the view of Name m", "m" },
  { "dq02-community-led-organisation", "DQ-02",
    DOC (DRAWN ("'o'", "") "'stakeholders':[" P ("o", "community_org", ",'community_led':true,'is_group':true") "]"),
    NULL, SM_RULE_PASS, 1, NULL, "o" },

  /* DQ-03: rating provenance */
  { "dq03-no-ratings", "DQ-03", DOC (TWO_SIDES), NULL, SM_RULE_NOT_APPLICABLE, NAN, NULL, NULL },
  { "dq03-rated-together", "DQ-03",
    DOC ("'stakeholders':[" RATED ("a", "manager", 8, "group", "") "," RATED ("b", "carer", 3, "mixed", "") "]"),
    NULL, SM_RULE_PASS, 0, NULL, NULL },
  { "dq03-mostly-one-person", "DQ-03",
    DOC ("'stakeholders':[" RATED ("a", "manager", 8, "facilitator", "") "," RATED ("b", "carer", 3, "facilitator", "") "," RATED ("c", "carer", 3, "self", "") "," RATED ("d", "carer", 3, "group", "") "]"),
    NULL, SM_RULE_WARN, 0.75, "75% of the influence ratings", NULL },
  { "dq03-half-is-not-most", "DQ-03",
    DOC ("'stakeholders':[" RATED ("a", "manager", 8, "facilitator", "") "," RATED ("b", "carer", 3, "group", "") "]"),
    NULL, SM_RULE_PASS, 0.5, NULL, NULL },
  { "dq03-self-rating-differs-by-3", "DQ-03",
    DOC ("'stakeholders':[" RATED ("a", "manager", 8, "group", ",'influence_self':5") "," RATED ("b", "carer", 2, "group", ",'influence_self':5") "]"),
    NULL, SM_RULE_WARN, 0, "Name a and Name b see their own influence very differently", "a,b" },
  { "dq03-self-rating-differs-by-less", "DQ-03",
    DOC ("'stakeholders':[" RATED ("a", "manager", 8, "group", ",'influence_self':5.1") "]"),
    NULL, SM_RULE_PASS, 0, NULL, "" },
  { "dq03-who-rated-unknown", "DQ-03",
    DOC ("'stakeholders':[" P ("a", "manager", ",'influence':8") "," RATED ("b", "carer", 3, "facilitator", "") "]"),
    NULL, SM_RULE_INSUFFICIENT_DATA, NAN, NULL, NULL },

  /* DQ-04: staleness; 90 days by default */
  { "dq04-no-date", "DQ-04", DOC (TWO_SIDES), NULL, SM_RULE_INSUFFICIENT_DATA, NAN, "when it was drawn", NULL },
  { "dq04-89-days", "DQ-04", DOC (TAKEN ("2026-01-01", "")), "2026-03-31", SM_RULE_PASS, 89, "89 days ago", NULL },
  { "dq04-one-day", "DQ-04", DOC (TAKEN ("2026-01-01", "")), "2026-01-02", SM_RULE_PASS, 1, "drawn on 2026-01-01, 1 day ago,", NULL },
  { "dq04-90-days", "DQ-04", DOC (TAKEN ("2026-01-01", "")), "2026-04-01", SM_RULE_PASS, 90, NULL, NULL },
  { "dq04-91-days", "DQ-04", DOC (TAKEN ("2026-01-01", "")), "2026-04-02", SM_RULE_WARN, 91,
    "This map is 91 days old", NULL },
  { "dq04-map-interval", "DQ-04", DOC (TAKEN ("2026-01-01", ",'review_interval_days':30")), "2026-02-01",
    SM_RULE_WARN, 31, "every 30 days", NULL },
  { "dq04-threshold-interval", "DQ-04",
    DOC (TAKEN ("2026-01-01", "") ",'evaluation':{'thresholds':{'dq.review_interval_days':120}}"), "2026-04-02",
    SM_RULE_PASS, 91, "within the 120 days", NULL },
  { "dq04-future-date", "DQ-04", DOC (TAKEN ("2026-09-01", "")), "2026-06-01", SM_RULE_PASS, 0, NULL, NULL },
  { "dq04-with-previous-snapshot", "DQ-04",
    DOC (TAKEN ("2026-05-01", "") ",'evaluation':{'snapshots':[{'date':'2026-02-01'}]}"), "2026-06-01",
    SM_RULE_PASS, 31, "since the results recorded on 2026-02-01", NULL },

  /* DQ-05: consent; the message never names anyone */
  { "dq05-only-groups", "DQ-05",
    DOC ("'stakeholders':[" P ("g", "community_org", ",'is_group':true") "]"), NULL,
    SM_RULE_NOT_APPLICABLE, NAN, NULL, NULL },
  { "dq05-everyone-agreed", "DQ-05",
    DOC ("'stakeholders':[" P ("a", "carer", ",'consent_to_be_mapped':true") "," P ("g", "funder", ",'is_group':true") "]"),
    NULL, SM_RULE_PASS, 0, NULL, "" },
  { "dq05-not-asked-and-refused", "DQ-05",
    DOC ("'stakeholders':[" P ("a", "carer", ",'consent_to_be_mapped':true") "," P ("b", "carer", "") "," P ("c", "manager", ",'consent_to_be_mapped':false") "," P ("g", "funder", ",'is_group':true") "]"),
    NULL, SM_RULE_WARN, 2, "2 of the 3 people on this map have not agreed", "b,c" },
};

static void
test_check_case (gconstpointer data)
{
  const CheckCase *c = data;
  g_autoptr(SmMap) map = map_from (c->json);
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (map);
  g_autoptr(SmEvaluation) eval = NULL;
  g_autoptr(GError) error = NULL;
  SmRuleResult *r;

  sm_eval_config_set_today (config, c->today != NULL ? c->today : "2026-06-01", &error);
  g_assert_no_error (error);
  eval = sm_evaluate (map, config, SM_LENS_NONE);
  r = sm_evaluation_lookup_check (eval, c->check);
  g_assert_nonnull (r);
  g_test_message ("%s: %s", sm_rule_status_to_string (r->status), r->message);

  g_assert_cmpstr (sm_rule_status_to_string (r->status), ==, sm_rule_status_to_string (c->status));
  if (!isnan (c->value))
    g_assert_cmpfloat_with_epsilon (r->value, c->value, TOLERANCE);
  g_assert_cmpstr (r->message, !=, "");
  g_assert_null (strchr (r->message, '{'));
  if (c->message != NULL)
    g_assert_nonnull (strstr (r->message, c->message));
  if (r->status != SM_RULE_NOT_APPLICABLE)
    g_assert_nonnull (r->action);
  if (c->evidence != NULL)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < r->evidence->len; i++)
        {
          SmEvidence *e = g_ptr_array_index (r->evidence, i);

          g_assert_cmpstr (e->type, ==, "stakeholder");
          g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", e->id);
        }
      g_assert_cmpstr (ids->str, ==, c->evidence);
    }
  /* Names stay out of the consent finding, which goes into exports. */
  if (strcmp (c->check, "DQ-05") == 0)
    g_assert_null (strstr (r->message, "Name "));
  /* The review interval shown beside the figure is the one the check used:
   * the map's own interval replaces the threshold. */
  if (strcmp (c->check, "DQ-04") == 0)
    {
      gboolean own_interval = strstr (c->json, "'review_interval_days'") != NULL;
      gboolean shown = FALSE;

      for (guint i = 0; i < r->thresholds->len; i++)
        shown |= g_strcmp0 (g_array_index (r->thresholds, SmNamedValue, i).name, "dq.review_interval_days") == 0;
      g_assert_true (shown != own_interval);
    }
}

/* Checks have a catalogue of their own and are never scored. */
static void
test_checks_not_scored (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  g_autoptr(JsonNode) root = sm_evaluation_to_json (eval);
  JsonArray               *checks = json_object_get_array_member (json_node_get_object (root), "checks");
  static const char *const ids[] = { "DQ-02", "DQ-03", "DQ-04", "DQ-05" };

  g_assert_cmpuint (sm_checks_get_count (), ==, G_N_ELEMENTS (ids));
  g_assert_cmpuint (eval->checks->len, ==, G_N_ELEMENTS (ids));
  g_assert_cmpuint (eval->rules->len, ==, sm_rules_get_count ());
  g_assert_cmpuint (json_array_get_length (checks), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const SmRuleDef *check = sm_checks_get (i);
      JsonObject      *json = json_array_get_object_element (checks, i);

      g_assert_cmpstr (sm_rule_def_get_id (check), ==, ids[i]);
      g_assert_true (sm_checks_lookup (ids[i]) == check);
      g_assert_null (sm_rules_lookup (ids[i]));
      g_assert_cmpstr (sm_rule_def_get_principle (check), ==, "DQ");
      g_assert_nonnull (sm_rule_def_get_question (check));
      g_assert_nonnull (sm_rule_def_get_action (check));
      g_assert_cmpstr (json_object_get_string_member (json, "id"), ==, ids[i]);
      g_assert_cmpstr (json_object_get_string_member (json, "principle"), ==, "DQ");
      g_assert_true (json_object_has_member (json, "evidence"));
      g_assert_true (json_object_has_member (json, "message"));
    }
  for (guint i = 0; i < eval->rules->len; i++)
    g_assert_cmpstr (sm_rule_def_get_principle (((SmRuleResult *) g_ptr_array_index (eval->rules, i))->rule), !=, "DQ");
  /* The profile of §9 is what it was before the checks existed. */
  g_assert_cmpfloat (eval->index, ==, 54);
}

static void
test_today (void)
{
  g_autoptr(SmEvalConfig) config = sm_eval_config_new ();
  g_autoptr(SmEvalConfig) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *real = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *got = sm_eval_config_dup_today (config);
  g_autofree char *set = NULL;
  g_autofree char *copied = NULL;

  g_assert_cmpstr (got, ==, real);
  g_assert_false (sm_eval_config_set_today (config, "2026-02-30", &error));
  g_assert_error (error, SM_EVAL_ERROR, SM_EVAL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (sm_eval_config_set_today (config, "1/3/2026", &error));
  g_clear_error (&error);
  g_assert_true (sm_eval_config_set_today (config, "2024-02-29", &error));
  set = sm_eval_config_dup_today (config);
  g_assert_cmpstr (set, ==, "2024-02-29");
  copy = sm_eval_config_copy (config);
  copied = sm_eval_config_dup_today (copy);
  g_assert_cmpstr (copied, ==, "2024-02-29");
  g_assert_true (sm_eval_config_set_today (config, NULL, &error));
  g_clear_pointer (&got, g_free);
  got = sm_eval_config_dup_today (config);
  g_assert_cmpstr (got, ==, real);
}

/* §3.9: exports name only people who agreed; groups are always named. */
static void
test_display_name (void)
{
  g_autoptr(SmMap) map = map_from (DOC ("'stakeholders':[" P ("a", "carer", ",'consent_to_be_mapped':true") "," P ("b", "carer", "") "," P ("c", "carer", ",'consent_to_be_mapped':false") "," P ("g", "funder", ",'is_group':true") "]"));
  static const struct
  {
    const char *id;
    gboolean    named;
  } people[] = {
    { "a", TRUE },
    { "b", FALSE },
    { "c", FALSE },
    { "g", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      SmRecord        *s = sm_map_lookup (map, people[i].id);
      g_autofree char *plain = sm_stakeholder_dup_display_name (s, FALSE);
      g_autofree char *shown = sm_stakeholder_dup_display_name (s, TRUE);
      g_autofree char *expected = g_strdup_printf ("Name %s", people[i].id);

      g_assert_cmpint (sm_stakeholder_may_be_named (s), ==, people[i].named);
      g_assert_cmpstr (plain, ==, expected);
      g_assert_cmpstr (shown, ==, people[i].named ? expected : "Participant");
    }
}

/* Issue 11: organisations keep their names without is_group; a person is
 * "Participant N" unless they said yes, N counting hidden people in map
 * order, the same every time the names are worked out. */
static void
test_public_names (void)
{
  g_autoptr(SmMap) map = map_from (DOC ("'stakeholders':["
                                         "{'id':'t','name':'Tenants association','kind':'community_org'},"
                                         "{'id':'b','name':'Housing association board','kind':'provider_org'},"
                                         "{'id':'f','name':'Town Fund','kind':'funder'},"
                                         "{'id':'x','name':'Derek','kind':'carer'},"
                                         "{'id':'y','name':'Amina','kind':'citizen','consent_to_be_mapped':true},"
                                         "{'id':'z','name':'Gloria','kind':'service_user','consent_to_be_mapped':false},"
                                         "{'id':'g','name':'Parents','kind':'citizen','is_group':true},"
                                         "{'id':'c','name':'Jo','kind':'commissioner'}]"));
  static const struct
  {
    const char *id;
    const char *shown;
  } people[] = {
    { "t", "Tenants association" },
    { "b", "Housing association board" },
    { "f", "Town Fund" },
    { "x", "Participant 1" },
    { "y", "Amina" },
    { "z", "Participant 2" },
    { "g", "Parents" },
    { "c", "Participant 3" },
  };
  g_autoptr(SmPublicNames) names = sm_public_names_new (map);
  g_autoptr(SmPublicNames) again = sm_public_names_new (map);
  g_autofree char *note = NULL;
  g_autofree char *same = NULL;

  g_assert_cmpuint (sm_public_names_get_n_hidden (names), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      SmRecord *s = sm_map_lookup (map, people[i].id);

      g_assert_cmpstr (sm_public_names_get_name (names, s), ==, people[i].shown);
      g_assert_cmpstr (sm_public_names_get_name (again, s), ==, people[i].shown);
      g_assert_cmpint (sm_public_names_is_hidden (names, s), ==, g_str_has_prefix (people[i].shown, "Participant"));
    }

  /* Whole words only, organisations untouched, short names left alone. */
  note = sm_public_names_scrub (names, "Derek and Gloria asked the Tenants association chair; "
                                       "Dereks, Gloria's, Jo and Amina stay");
  g_assert_cmpstr (note, ==, "Participant 1 and Participant 2 asked the Tenants association chair; "
                             "Dereks, Participant 2's, Jo and Amina stay");
  same = sm_public_names_scrub (again, "Derek and Gloria asked the Tenants association chair; "
                                       "Dereks, Gloria's, Jo and Amina stay");
  g_assert_cmpstr (same, ==, note);
}

/* A name met in free text is replaced once: a hidden person called
 * "Participant" does not turn the others' pseudonyms into nonsense, and a
 * longer name wins over a shorter one that begins it. */
static void
test_public_names_scrub (void)
{
  g_autoptr(SmMap) map = map_from (DOC ("'stakeholders':["
                                         "{'id':'a','name':'Ann Lee','kind':'carer'},"
                                         "{'id':'b','name':'Ann','kind':'carer'},"
                                         "{'id':'c','name':'Participant','kind':'carer'}]"));
  g_autoptr(SmPublicNames) names = sm_public_names_new (map);
  g_autofree char *text = sm_public_names_scrub (names, "Ann Lee met Ann, Anne and Participant.");
  g_autofree char *empty = sm_public_names_scrub (names, NULL);

  g_assert_cmpstr (text, ==, "Participant 1 met Participant 2, Anne and Participant 3.");
  g_assert_cmpstr (empty, ==, "");
}

/* Many people whose names begin with the same word ("Person 1" …
 * "Person 120"): each is found whole, the longest name first. */
static void
test_public_names_scrub_shared_word (void)
{
  g_autoptr(GString) json = g_string_new ("{'format':'stakemap','version':1,'stakeholders':[");
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmPublicNames) names = NULL;
  g_autofree char *text = NULL;

  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (json, "%s{'id':'p%u','name':'Person %u','kind':'citizen'}", i > 1 ? "," : "", i, i);
  g_string_append (json, "]}");
  map = map_from (json->str);
  names = sm_public_names_new (map);
  text = sm_public_names_scrub (names, "Person 12, Person 120 and Person 1 but not Person 121 or Persona 1");
  g_assert_cmpstr (text, ==, "Participant 12, Participant 120 and Participant 1 but not Person 121 or Persona 1");
}

/* The scrub as its contract says, the slow way: at the start of each word
 * and at each other character, the longest hidden name of three letters
 * or more found there that ends where a word does; the first person of a
 * name gives the pseudonym. */
static gboolean
naive_is_word (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  return *p != '\0' && (g_unichar_isalnum (c) || c == '_');
}

static char *
naive_scrub (GPtrArray  *hidden_names,
             const char *text)
{
  GString    *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gsize best_len = 0;
      guint best = 0;

      for (guint k = 0; k < hidden_names->len; k++)
        {
          const char *name = g_ptr_array_index (hidden_names, k);
          gsize       len = strlen (name);
          gboolean    earlier = FALSE;

          for (guint j = 0; j < k && !earlier; j++)
            earlier = strcmp (g_ptr_array_index (hidden_names, j), name) == 0;
          if (earlier || g_utf8_strlen (name, -1) < 3 || strncmp (p, name, len) != 0 || naive_is_word (p + len))
            continue;
          if (len > best_len)
            best_len = len, best = k;
        }
      if (best_len > 0)
        {
          g_string_append_printf (out, "Participant %u", best + 1);
          p += best_len;
        }
      else if (naive_is_word (p))
        while (naive_is_word (p))
          {
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
            p = g_utf8_next_char (p);
          }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
        }
    }
  return g_string_free (out, FALSE);
}

/* Random names made of a few words that begin one another ("Ann",
 * "Ann Lee", "Anne", "Ann-Lee"), hidden or named, in random text: the
 * scrub's one walk along the text finds exactly what trying every name
 * at every place finds. */
static void
test_public_names_scrub_random (void)
{
  static const char *const words[] = { "Ann", "Lee", "Anne", "Ann-Lee", "Bo", "José", "Jos", "Öz", "Lee_2", "an", "Ann Lee" };
  static const char *const glue[] = { " ", ", ", "-", ".", " and ", "’s ", "" };

  for (guint seed = 1; seed <= 25; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GString) json = g_string_new ("{'format':'stakemap','version':1,'stakeholders':[");
      g_autoptr(GPtrArray) hidden_names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(SmMap) map = NULL;
      g_autoptr(SmPublicNames) names = NULL;
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;

      for (guint i = 0; i < 40; i++)
        {
          g_autoptr(GString) name = g_string_new (NULL);
          gboolean hidden = g_rand_int_range (rand, 0, 3) > 0;
          guint    n_words = g_rand_int_range (rand, 1, 4);

          for (guint w = 0; w < n_words; w++)
            g_string_append_printf (name, "%s%s", w > 0 ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_append_printf (json, "%s{'id':'p%u','name':'%s','kind':'%s'}", i > 0 ? "," : "", i, name->str,
                                  hidden ? "carer" : "community_org");
          if (hidden)
            g_ptr_array_add (hidden_names, g_strdup (name->str));
        }
      g_string_append (json, "]}");
      for (guint i = 0; i < 200; i++)
        g_string_append_printf (text, "%s%s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                glue[g_rand_int_range (rand, 0, G_N_ELEMENTS (glue))]);

      map = map_from (json->str);
      names = sm_public_names_new (map);
      fast = sm_public_names_scrub (names, text->str);
      slow = naive_scrub (hidden_names, text->str);
      g_assert_cmpstr (fast, ==, slow);
    }
}

/* §7.5: every rule says which way is better; the spec's own examples. */
static void
test_better_direction (void)
{
  for (guint i = 0; i < sm_rules_get_count (); i++)
    {
      int better = sm_rule_def_get_better (sm_rules_get (i));

      g_assert_true (better == -1 || better == 1);
    }
  g_assert_cmpint (sm_rule_def_get_better (sm_rules_lookup ("SP-01")), ==, -1);
  g_assert_cmpint (sm_rule_def_get_better (sm_rules_lookup ("RM-01")), ==, 1);
  g_assert_cmpint (sm_rule_def_get_better (sm_rules_lookup ("SP-02")), ==, 1);
  g_assert_cmpint (sm_rule_def_get_better (sm_rules_lookup ("OT-04")), ==, -1);
}

#define TREND_MAP(snapshot, recorded)                                                                                  \
  DOC ("'map':{'snapshot':{'date':'" snapshot "','version':1}},"                                                       \
       "'stakeholders':[" I ("i", 7) "," C ("c", 4) "],"                                                               \
                                                    "'decisions':[{'id':'d1','status':'made','decided_by':['i','c']}," \
                                                    "{'id':'d2','status':'made','decided_by':['i']}],"                 \
                                                    "'evaluation':{'snapshots':[" recorded "]}")
#define RECORDED(date, sp01, sp02, p1)                                                  \
  "{'date':'" date "','version':1,'rules':{'SP-01':{'value':" sp01 ",'status':'fail'}," \
  "'SP-02':{'value':" sp02 ",'status':'warn'},'SP-03':{'value':null}},'principles':{'P1':'" p1 "'}}"

/* Each rule against the previous snapshot: the arrow follows the rule's
 * better direction, and the principle remembers its earlier status. */
static void
test_trend (void)
{
  /* Now: SP-01 ratio 1.75, SP-02 share 0.5. */
  g_autoptr(SmMap) map = map_from (TREND_MAP ("2026-06-01", RECORDED ("2026-03-01", "2.5", "0.5", "partly_met") "," RECORDED ("2026-06-01", "9", "0", "met")));
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  g_autoptr(JsonNode) root = sm_evaluation_to_json (eval);
  SmRuleResult *sp01 = sm_evaluation_lookup (eval, "SP-01");
  SmRuleResult *sp02 = sm_evaluation_lookup (eval, "SP-02");
  SmRuleResult *sp03 = sm_evaluation_lookup (eval, "SP-03");
  JsonArray    *rules = json_object_get_array_member (json_node_get_object (root), "rules");
  JsonObject   *p1 = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                                  "principles"),
                                                    0);

  /* The record of the map's own snapshot is not "previous". */
  g_assert_cmpstr (eval->previous_date, ==, "2026-03-01");
  g_assert_cmpfloat_with_epsilon (sp01->value, 1.75, TOLERANCE);
  g_assert_cmpfloat (sp01->previous_value, ==, 2.5);
  g_assert_cmpint (sp01->trend, ==, 1); /* the ratio went down: better */
  g_assert_cmpfloat (sp02->previous_value, ==, 0.5);
  g_assert_cmpint (sp02->trend, ==, 0); /* the same share */
  g_assert_true (isnan (sp03->previous_value));
  g_assert_cmpint (sp03->trend, ==, 0);
  g_assert_cmpint (eval->principles[0].previous_status, ==, SM_PRINCIPLE_PARTLY_MET);
  g_assert_cmpstr (eval->principles[0].previous_date, ==, "2026-03-01");
  g_assert_cmpint (eval->principles[1].previous_status, ==, -1);

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *r = json_array_get_object_element (rules, i);
      const char *id = json_object_get_string_member (r, "id");
      JsonObject *previous = json_object_get_object_member (r, "previous");

      g_assert_nonnull (previous);
      g_assert_cmpstr (json_object_get_string_member (previous, "date"), ==, "2026-03-01");
      if (strcmp (id, "SP-01") == 0)
        g_assert_cmpstr (json_object_get_string_member (r, "trend"), ==, "better");
      else if (strcmp (id, "SP-02") == 0)
        g_assert_cmpstr (json_object_get_string_member (r, "trend"), ==, "same");
      else
        g_assert_false (json_object_has_member (r, "trend"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (p1, "previous"), "status"), ==,
                   "partly_met");
}

static void
test_trend_worse_and_none (void)
{
  g_autoptr(SmMap) worse_map = map_from (TREND_MAP ("2026-06-01", RECORDED ("2026-03-01", "1.2", "1", "met")));
  g_autoptr(SmMap) first_map = map_from (TREND_MAP ("2026-06-01", RECORDED ("2026-07-01", "1.2", "1", "met")));
  g_autoptr(SmEvaluation) worse = sm_evaluate (worse_map, NULL, SM_LENS_NONE);
  g_autoptr(SmEvaluation) first = sm_evaluate (first_map, NULL, SM_LENS_NONE);
  g_autoptr(JsonNode) root = sm_evaluation_to_json (first);
  JsonObject *rule = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                                  "rules"),
                                                    0);

  /* SP-01 up from 1.2 and SP-02 down from 1: both worse. */
  g_assert_cmpint (sm_evaluation_lookup (worse, "SP-01")->trend, ==, -1);
  g_assert_cmpint (sm_evaluation_lookup (worse, "SP-02")->trend, ==, -1);

  /* Only a later record: nothing to compare with. */
  g_assert_null (first->previous_date);
  g_assert_true (isnan (sm_evaluation_lookup (first, "SP-01")->previous_value));
  g_assert_cmpint (sm_evaluation_lookup (first, "SP-01")->trend, ==, 0);
  g_assert_cmpint (first->principles[0].previous_status, ==, -1);
  g_assert_false (json_object_has_member (rule, "previous"));
  g_assert_false (json_object_has_member (rule, "trend"));
}

/* Data gaps and evidence are shown by name, never by id, and respect
 * consent when they leave the team. */
static void
test_labels_in_words (void)
{
  g_autoptr(SmMap) map = map_from (DOC (
    "'map':{'off_the_table':[{'item':'Budget'},{'item':'Site'}]},"
    "'stakeholders':[{'id':'a','name':'Amina','consent_to_be_mapped':true},"
    "{'id':'b','name':'Derek'}],"
    "'relationships':[{'id':'r1','source':'a','target':'b','direction':'two_way'}],"
    "'decisions':[{'id':'d1','title':'Opening hours'}]"));
  struct
  {
    const char *gap;
    gboolean    respect;
    const char *words;
  } gaps[] = {
    { "a: influence", FALSE, "Amina: Influence" },
    { "b: interest", FALSE, "Derek: Interest" },
    { "b: interest", TRUE, "Participant: Interest" },
    { "map: off_the_table[1].reason", FALSE, "The map: Off the table 2 › Reason" },
    { "map: off_the_table[x].reason", FALSE, "The map: off_the_table[x].reason" },
    { "zz: influence", FALSE, "zz: influence" },
    { "a: no_such_field", FALSE, "Amina: no_such_field" },
    { "no colon", FALSE, "no colon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (gaps); i++)
    {
      g_autofree char *words = sm_data_gap_dup_label (map, gaps[i].gap, gaps[i].respect);

      g_assert_cmpstr (words, ==, gaps[i].words);
    }

  {
    g_autofree char *edge = sm_map_dup_record_label (map, "r1", TRUE);
    g_autofree char *decision = sm_map_dup_record_label (map, "d1", FALSE);
    g_autofree char *nothing = sm_map_dup_record_label (map, "nope", FALSE);

    g_assert_cmpstr (edge, ==, "Amina ⇄ Participant");
    g_assert_cmpstr (decision, ==, "Opening hours");
    g_assert_null (nothing);
  }
}

/* Every source a rule or check cites is in the list of sources, so the
 * report and the app can name it in full; every one says why it matters. */
static void
test_sources_resolve (void)
{
  guint n_cited = 0;

  for (guint i = 0; i < sm_rules_get_count () + sm_checks_get_count (); i++)
    {
      const SmRuleDef   *rule = i < sm_rules_get_count () ? sm_rules_get (i)
                                                          : sm_checks_get (i - sm_rules_get_count ());
      const char *const *ids = sm_rule_def_get_sources (rule);

      /* And says why it matters, in a sentence or two. */
      g_assert_nonnull (sm_rule_def_get_why (rule));
      g_assert_cmpuint (strlen (sm_rule_def_get_why (rule)), >, 40);
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++, n_cited++)
        {
          g_test_message ("%s cites %s", sm_rule_def_get_id (rule), ids[j]);
          g_assert_nonnull (sm_source_get_short (ids[j]));
          g_assert_nonnull (sm_source_get_citation (ids[j]));
        }
    }
  g_assert_cmpuint (n_cited, >, sm_rules_get_count ());
  g_assert_null (sm_source_get_short ("S99"));
  g_assert_null (sm_source_get_citation (NULL));
  g_assert_cmpstr (sm_source_get_short ("S6"), ==, "Arnstein (1969)");
}

/* Long work: a copy of the map, cancelling, progress */

/* A copy reads back the same and shares nothing: changing the original
 * leaves the copy as it was, so a worker can read it while the window
 * edits. */
static void
test_map_copy (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(SmMap) copy = sm_map_copy (map);
  g_autoptr(GBytes) before = sm_format_save_to_bytes (map);
  g_autoptr(GBytes) copied = sm_format_save_to_bytes (copy);
  SmRecord *first = sm_collection_get (sm_map_get_stakeholders (map), 0);
  g_autoptr(SmCommand) rename = sm_command_new_set_string (first, "name", "Someone else");
  g_autoptr(GBytes) after = NULL;

  g_assert_true (g_bytes_equal (before, copied));
  sm_command_apply (rename, map);
  after = sm_format_save_to_bytes (copy);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpstr (sm_stakeholder_get_name (sm_collection_get (sm_map_get_stakeholders (copy), 0)), !=,
                   "Someone else");
  g_assert_finalize_object (g_steal_pointer (&copy));
}

/* A network of @n stakeholders with a few hubs: measuring betweenness
 * takes a good part of a second. */
static SmMap *
big_map (guint n)
{
  g_autofree char *json = sm_test_big_map_json (n, NULL);

  return map_from (json);
}

typedef struct
{
  SmMap   *map;
  gint     stop;
  guint    n_copies;
  gboolean torn; /* a copy that was not the map between two edits */
} CopyRace;

static gpointer
copy_thread (gpointer data)
{
  CopyRace *race = data;

  while (!g_atomic_int_get (&race->stop))
    {
      g_autoptr(SmMap) copy = sm_map_copy_full (race->map, NULL, NULL);
      SmCollection *people = sm_map_get_stakeholders (copy);
      guint         n = sm_collection_get_size (people);
      g_autoptr(GBytes) bytes = sm_format_save_to_bytes (copy);
      double first = sm_record_get_number (sm_collection_get (people, 0), "x", 0);
      double last = sm_record_get_number (sm_collection_get (people, n - 1), "x", 0);

      /* The first stakeholder moves to k, then the last one does: between
       * two edits the first is at the last's place or one step ahead. A
       * copy read while the edits went on would see the last one ahead. */
      if (first < last || first > last + 1)
        race->torn = TRUE;
      g_assert_nonnull (bytes);
      race->n_copies++;
    }
  return NULL;
}

/* A copy made on another thread while the map's own thread edits it is
 * always the map as it was between two edits, and nothing crashes. */
static void
test_map_copy_while_editing (void)
{
  g_autoptr(SmMap) map = big_map (1500);
  SmCollection *people = sm_map_get_stakeholders (map);
  SmRecord     *first = sm_collection_get (people, 0);
  SmRecord     *last = sm_collection_get (people, sm_collection_get_size (people) - 1);
  CopyRace      race = { .map = map };
  GThread      *thread;

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(SmCommand) move = sm_command_new_set_number (k == 0 ? first : last, "x", 0);

      sm_command_apply (move, map);
    }
  thread = g_thread_new ("copy", copy_thread, &race);
  for (guint k = 1; k < 2000 || race.n_copies < 3; k++)
    {
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(SmCommand) move = sm_command_new_set_number (i == 0 ? first : last, "x", k);

          sm_command_apply (move, map);
        }
      g_usleep (100);
    }
  g_atomic_int_set (&race.stop, 1);
  g_thread_join (thread);
  g_assert_cmpuint (race.n_copies, >=, 3);
  g_assert_false (race.torn);
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
  gboolean      backwards;
  gboolean      measuring; /* cancel once the network measures start */
  guint         calls;
} Watch;

static void
watch_cb (SmProgress *progress,
          double      fraction,
          const char *stage,
          gpointer    user_data)
{
  Watch *w = user_data;

  if (fraction < w->last)
    w->backwards = TRUE;
  w->last = fraction;
  w->calls++;
  if (w->measuring && w->cancellable != NULL && g_strcmp0 (stage, "Measuring the network…") == 0 &&
      fraction > 0.2)
    g_cancellable_cancel (w->cancellable);
}

/* Progress only moves forward, ends at 1, and the result is the same as
 * without it. */
static void
test_progress (void)
{
  g_autoptr(SmMap) map = big_map (1500);
  g_autoptr(SmProgress) progress = sm_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SmEvaluation) plain = sm_evaluate (map, NULL, SM_LENS_NONE);
  g_autoptr(SmEvaluation) eval = NULL;
  Watch w = { 0 };

  sm_progress_set_func (progress, watch_cb, &w, NULL);
  eval = sm_evaluate_full (map, NULL, SM_LENS_NONE, cancellable, progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (eval);
  g_assert_false (w.backwards);
  g_assert_cmpuint (w.calls, >, 30);
  g_assert_cmpfloat (sm_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (sm_evaluation_lookup (eval, "EP-03")->value,
                                  sm_evaluation_lookup (plain, "EP-03")->value, 1e-9);
}

/* Cancelled before it starts or in the middle of measuring betweenness:
 * no result, a "cancelled" error, and the next run is whole. */
static void
test_cancel (void)
{
  g_autoptr(SmMap) map = big_map (1500);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SmProgress) progress = sm_progress_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SmEvaluation) again = NULL;
  SmEvaluation *eval;
  Watch         w = { .cancellable = cancellable, .measuring = TRUE };

  g_cancellable_cancel (cancellable);
  eval = sm_evaluate_full (map, NULL, SM_LENS_NONE, cancellable, NULL, &error);
  g_assert_null (eval);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_cancellable_reset (cancellable);
  sm_progress_set_func (progress, watch_cb, &w, NULL);
  /* Measured afresh, not remembered from the test before. */
  sm_graph_clear_betweenness_cache ();
  eval = sm_evaluate_full (map, NULL, SM_LENS_NONE, cancellable, progress, &error);
  g_assert_null (eval);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Stopped in the middle of the network measures, not after them. */
  g_assert_cmpfloat (w.last, <, 0.5);
  g_clear_error (&error);

  again = sm_evaluate_full (map, NULL, SM_LENS_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpfloat (sm_evaluation_lookup (again, "EP-03")->value, >, 0);
}

/* A principle's counts are the ones its status was worked out from, and
 * its sentence never seems to contradict its findings: "Not assessed"
 * with one finding that needs attention says so. */
static void
assert_counts_match_scoring (SmEvaluation *eval)
{
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &eval->principles[p];
      SmPrincipleCounts  c;

      sm_principle_result_get_counts (eval, p, &c);
      g_assert_cmpuint (c.n_rules, ==, pr->n_rules);
      g_assert_cmpuint (c.n_eval, ==, pr->n_eval);
      g_assert_cmpuint (c.n_fail, ==, pr->n_fail);
      g_assert_cmpuint (c.n_pass + c.n_warn + c.n_fail, ==, c.n_eval);
    }
}

static char *
checks_text (SmEvaluation *eval,
             const char   *id)
{
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    if (strcmp (eval->principles[p].id, id) == 0)
      return sm_principle_result_dup_checks_text (eval, p);
  g_assert_not_reached ();
}

static void
test_principle_checks_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "neighbourhood-air.stakemap",
                                                 NULL);
  g_autofree char *json = sm_test_read_file (path);
  g_autoptr(SmMap) example = sm_test_load (json);
  g_autoptr(SmEvaluation) eval = sm_evaluate (example, NULL, SM_LENS_NONE);
  g_autoptr(SmEvaluation) tiny = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *p3 = NULL;
  g_autofree char *p4 = NULL;
  g_autofree char *p7 = NULL;
  g_autofree char *tiny_p1 = NULL;
  g_autofree char *tiny_p2 = NULL;
  g_autofree char *tiny_p3 = NULL;

  assert_counts_match_scoring (eval);
  p1 = checks_text (eval, "P1");
  p7 = checks_text (eval, "P7");
  g_assert_cmpstr (p1, ==, "0 of 4 checks look OK");
  /* The verb agrees with the checks that look OK, the noun with all of them. */
  p4 = checks_text (eval, "P4");
  g_assert_cmpstr (p4, ==, "1 of 4 checks looks OK");
  /* One of its checks could not run: the count says so, not "1 of 4". */
  g_assert_cmpstr (p7, ==, "1 of the 3 checks that could run looks OK; 1 more could not run yet");

  /* Two people and one tie: most principles have one check that could run. */
  tiny = evaluate_json (DOC ("'stakeholders':[{'id':'s1','name':'Council','kind':'commissioner','influence':9},"
                             "{'id':'s2','name':'Tenants','kind':'service_user','influence':2}],"
                             "'relationships':[{'id':'r1','source':'s1','target':'s2'}]"));
  assert_counts_match_scoring (tiny);
  g_assert_cmpint (tiny->principles[0].status, ==, SM_PRINCIPLE_NOT_ASSESSED);
  tiny_p1 = checks_text (tiny, "P1");
  tiny_p2 = checks_text (tiny, "P2");
  tiny_p3 = checks_text (tiny, "P3");
  g_assert_cmpstr (tiny_p1, ==, "Not enough to judge yet — 1 of 4 checks could run, and it needs attention");
  g_assert_cmpstr (tiny_p2, ==, "Not enough to judge yet — none of its 4 checks could run");
  g_assert_cmpstr (tiny_p3, ==, "Not enough to judge yet — 1 of 4 checks could run, and it is worth a look");
}

/* Lists of names read as before however long they are: the list is
 * written in one go, the same as nesting "%s, %s" name by name. */
static void
test_names_join_long (void)
{
  static const guint lengths[] = { 0, 1, 2, 3, 4, 7, 2500 };

  for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *got = NULL;
      char            *expected;

      for (guint i = 0; i < lengths[k]; i++)
        g_ptr_array_add (names, g_strdup_printf ("Name %u", i));
      expected = lengths[k] > 0 ? g_strdup (g_ptr_array_index (names, lengths[k] - 1)) : g_strdup ("");
      if (lengths[k] >= 2)
        {
          char *last = expected;

          expected = g_strdup_printf ("%s and %s", (char *) g_ptr_array_index (names, lengths[k] - 2), last);
          g_free (last);
        }
      for (guint i = lengths[k] >= 2 ? lengths[k] - 2 : 0; i-- > 0;)
        {
          char *rest = expected;

          expected = g_strdup_printf ("%s, %s", (char *) g_ptr_array_index (names, i), rest);
          g_free (rest);
        }
      got = _sm_names_join (names);
      g_assert_cmpstr (got, ==, expected);
      g_free (expected);
    }
}

/* Incremental evaluation */

typedef struct
{
  SmEvalInputs changed;
} Changes;

static void
record_touched_cb (SmMap    *map,
                   SmRecord *record,
                   gpointer  user_data)
{
  ((Changes *) user_data)->changed |= sm_eval_inputs_for_kind (sm_record_get_kind (record));
}

static void
record_changed_cb (SmMap      *map,
                   SmRecord   *record,
                   const char *path,
                   gpointer    user_data)
{
  record_touched_cb (map, record, user_data);
}

static SmRecord *
random_record (GRand       *rand,
               SmMap       *map,
               SmRecordKind kind)
{
  SmCollection *records = sm_map_get_collection (map, kind);
  guint         n = sm_collection_get_size (records);

  return n > 0 ? sm_collection_get (records, g_rand_int_range (rand, 0, n)) : NULL;
}

static const char *
random_of (GRand             *rand,
           const char *const *words)
{
  return words[g_rand_int_range (rand, 0, g_strv_length ((char **) words))];
}

/* One edit a user could make, through the history; NULL when the random
 * choice made no sense for the map (a value the format refuses). */
static SmCommand *
random_edit (GRand *rand,
             SmMap *map)
{
  static const char *const kinds[] = { "service_user", "carer", "commissioner", "provider", "community_group",
                                       "advocate", "politician", "funder", "researcher", NULL };
  static const char *const categories[] = { "information", "funding", "commissioning_contract",
                                            "representation_advocacy", "peer_support", "conflict_tension",
                                            "care_support", "accountability", NULL };
  static const char *const forms[] = { "visible", "hidden", "invisible", "unknown", NULL };
  static const char *const reciprocity[] = { "none", "some", "balanced", "unknown", NULL };
  static const char *const stages[] = { "commissioning", "design", "delivery", "assessment", NULL };
  static const char *const space_types[] = { "closed", "invited", "claimed", NULL };
  static const char *const rights[] = { "advise", "recommend", "decide", NULL };
  static const char *const score_fields[] = { "influence", "interest", "legitimacy", "urgency", NULL };
  SmRecord                *person = random_record (rand, map, SM_RECORD_STAKEHOLDER);
  SmRecord                *other = random_record (rand, map, SM_RECORD_STAKEHOLDER);
  SmRecord                *tie = random_record (rand, map, SM_RECORD_RELATIONSHIP);
  SmRecord                *space = random_record (rand, map, SM_RECORD_SPACE);
  SmRecord                *decision = random_record (rand, map, SM_RECORD_DECISION);
  SmRecord                *group = random_record (rand, map, SM_RECORD_AFFECTED_GROUP);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  SmCommand *command = NULL;

  switch (g_rand_int_range (rand, 0, 21))
    {
    case 0:
      return sm_command_new_set_number (person, random_of (rand, score_fields), g_rand_int_range (rand, 0, 11));
    case 1:
      return sm_command_new_set_number (person, "participation_level", g_rand_int_range (rand, 1, 8));
    case 2:
      return sm_command_new_set_string (person, "kind", random_of (rand, kinds));
    case 3:
      value = json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
      command = sm_command_try_set_value (person, "lived_experience.relevant", value, &error);
      break;
    case 4:
      return sm_command_new_set_string (person, "name", g_rand_boolean (rand) ? "Ada" : "Participant");
    case 5:
      if (tie != NULL)
        return sm_command_new_set_string (tie, "category", random_of (rand, categories));
      break;
    case 6:
      if (tie != NULL)
        return sm_command_new_set_string (tie, "power_form", random_of (rand, forms));
      break;
    case 7:
      if (tie != NULL)
        return sm_command_new_set_string (tie, "reciprocity", random_of (rand, reciprocity));
      break;
    case 8:
      if (tie != NULL)
        return sm_command_new_set_string (tie, "direction", g_rand_boolean (rand) ? "one_way" : "two_way");
      break;
    case 9:
      {
        g_autoptr(JsonObject) data = json_object_new ();

        json_object_set_string_member (data, "source", sm_record_get_id (person));
        json_object_set_string_member (data, "target", sm_record_get_id (other));
        json_object_set_string_member (data, "category", random_of (rand, categories));
        command = sm_command_try_add (map, SM_RECORD_RELATIONSHIP, data, &error);
      }
      break;
    case 10:
      if (tie != NULL)
        return sm_command_new_remove (map, tie);
      break;
    case 11:
      if (decision != NULL)
        return sm_command_new_set_string (decision, "stage", random_of (rand, stages));
      break;
    case 12:
      if (decision != NULL)
        {
          value = json_node_init_array (json_node_alloc (), json_array_new ());
          json_array_add_string_element (json_node_get_array (value), sm_record_get_id (person));
          command = sm_command_try_set_value (decision, "decided_by", value, &error);
        }
      break;
    case 13:
      if (space != NULL)
        return sm_command_new_set_string (space, g_rand_boolean (rand) ? "type" : "decision_rights",
                                          g_rand_boolean (rand) ? random_of (rand, space_types)
                                                                : random_of (rand, rights));
      break;
    case 14:
      if (group != NULL)
        return sm_command_new_set_string (group, "name", g_rand_boolean (rand) ? "Tenants" : "Carers");
      break;
    case 15:
      return sm_command_new_set_number (sm_map_get_metadata (map), "claimed_approach", g_rand_int_range (rand, 1, 8));
    case 16:
      {
        g_autoptr(JsonObject) data = json_object_new ();

        json_object_set_string_member (data, "name", "Someone new");
        json_object_set_string_member (data, "kind", random_of (rand, kinds));
        json_object_set_int_member (data, "influence", g_rand_int_range (rand, 0, 11));
        command = sm_command_try_add (map, SM_RECORD_STAKEHOLDER, data, &error);
      }
      break;
    case 17:
      if (sm_collection_get_size (sm_map_get_stakeholders (map)) > 20)
        return sm_command_new_remove (map, person);
      break;
    case 18:
      if (space != NULL)
        {
          /* New members: with shared spaces as ties, new edges. */
          value = json_node_init_array (json_node_alloc (), json_array_new ());
          for (guint k = 0; k < 3; k++)
            {
              JsonObject *member = json_object_new ();
              SmRecord   *who = random_record (rand, map, SM_RECORD_STAKEHOLDER);

              json_object_set_string_member (member, "stakeholder", sm_record_get_id (who));
              json_object_set_string_member (member, "role", g_rand_boolean (rand) ? "voting" : "observer");
              json_array_add_object_element (json_node_get_array (value), member);
            }
          command = sm_command_try_set_value (space, "members", value, &error);
        }
      break;
    case 19:
      if (decision != NULL && space != NULL)
        return sm_command_new_set_string (decision, "space_id", sm_record_get_id (space));
      break;
    case 20:
      if (decision != NULL)
        {
          value = json_node_init_array (json_node_alloc (), json_array_new ());
          json_array_add_string_element (json_node_get_array (value), sm_record_get_id (person));
          json_array_add_string_element (json_node_get_array (value), sm_record_get_id (other));
          command = sm_command_try_set_value (decision, "input_from", value, &error);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return command;
}

/* The copy the report and the pictures are drawn from, made the
 * straightforward way: the map saved and read again, each hidden person
 * renamed and the text drawn beside the names scrubbed, by commands. */
static SmMap *
public_map_by_reloading (SmPublicNames *names,
                         SmMap         *map)
{
  g_autoptr(GBytes) bytes = sm_format_save_to_bytes (map);
  g_autoptr(GError) error = NULL;
  SmMap        *copy = sm_format_load_bytes (bytes, &error);
  SmCollection *people = sm_map_get_stakeholders (map);
  static const struct
  {
    SmRecordKind kind;
    const char  *path;
  } texts[] = {
    { SM_RECORD_RELATIONSHIP, "label" },
    { SM_RECORD_ANNOTATION, "text" },
    { SM_RECORD_REGION, "label" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *person = sm_collection_get (people, i);

      if (sm_public_names_is_hidden (names, person))
        {
          g_autoptr(SmCommand) rename = sm_command_new_set_string (
            sm_collection_get (sm_map_get_stakeholders (copy), i), "name", sm_public_names_get_name (names, person));

          sm_command_apply (rename, copy);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
    {
      SmCollection *records = sm_map_get_collection (copy, texts[k].kind);

      for (guint i = 0; i < sm_collection_get_size (records); i++)
        {
          SmRecord        *record = sm_collection_get (records, i);
          const char      *text = sm_record_get_string (record, texts[k].path);
          g_autofree char *clean = NULL;

          if (text == NULL)
            continue;
          clean = sm_public_names_scrub (names, text);
          if (strcmp (clean, text) != 0)
            {
              g_autoptr(SmCommand) scrub = sm_command_new_set_string (record, texts[k].path, clean);

              sm_command_apply (scrub, copy);
            }
        }
    }
  return copy;
}

/* A map with people named, hidden and in groups, who the ties' labels,
 * the notes on the canvas and the regions' labels talk about, with
 * members this version does not know. */
static SmMap *
random_people_map (GRand *rand)
{
  static const char *const names[] = { "Ann", "Ann Lee", "Kai (16)", "Kai", "Bo", "José Díaz", "Lee", NULL };
  static const char *const kinds[] = { "service_user", "carer", "citizen", "community_org", "funder", NULL };
  static const char *const consent[] = { "", "\"consent_to_be_mapped\": true, ",
                                         "\"consent_to_be_mapped\": false, ", NULL };
  g_autoptr(GString) json = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, \"app_future_field\": "
                                           "{\"said_by\": \"Ann Lee\"}, \"map\": {\"title\": \"Riverside\"}, "
                                           "\"stakeholders\": [");
  guint n = g_rand_int_range (rand, 5, 40);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"p%u\", \"name\": \"%s\", \"kind\": \"%s\", %s%s\"x\": %d, "
                            "\"y\": %d, \"notes\": \"%s said so\", \"favourite\": \"%s\"}",
                            i > 0 ? ", " : "", i, random_of (rand, names), random_of (rand, kinds),
                            random_of (rand, consent), g_rand_int_range (rand, 0, 6) == 0 ? "\"is_group\": true, " : "",
                            g_rand_int_range (rand, -500, 500), g_rand_int_range (rand, -500, 500),
                            random_of (rand, names), random_of (rand, names));
  g_string_append (json, "], \"relationships\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"r%u\", \"source\": \"p%u\", \"target\": \"p%u\", "
                                  "\"label\": \"%s asks %s\"}",
                            i > 0 ? ", " : "", i, i, (i + g_rand_int_range (rand, 1, n)) % n, random_of (rand, names),
                            random_of (rand, names));
  g_string_append_printf (json, "], \"annotations\": [{\"id\": \"n1\", \"text\": \"Ask %s, not %s\", \"x\": 1, "
                                "\"y\": 2, \"refers_to\": [\"p0\"]}], \"regions\": [{\"id\": \"g1\", \"label\": "
                                "\"%s’s circle\", \"width\": 300}]}",
                          random_of (rand, names), random_of (rand, names), random_of (rand, names));
  return map_from (json->str);
}

/* The copy with hidden names is made directly, not by saving the map and
 * reading it again, and is the same: the same bytes saved, on random maps
 * after random edits, for both ways of hiding people, and on the files
 * with hidden ids and an evaluation; the map itself is left as it was. */
static void
test_public_names_dup_map (void)
{
  static const char *const files[] = { "hidden-ids.stakemap", "evaluation-60.stakemap" };

  for (guint seed = 1; seed <= 12; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SmMap) map = NULL;
      g_autoptr(GError) error = NULL;

      if (seed <= G_N_ELEMENTS (files))
        {
          g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[seed - 1], NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);

          map = sm_format_load_file (file, NULL, &error);
          g_assert_no_error (error);
        }
      else
        map = random_people_map (rand);
      for (guint step = 0; step < 10; step++)
        {
          g_autoptr(SmCommand) command = random_edit (rand, map);

          if (command != NULL)
            sm_command_apply (command, map);
        }
      for (guint hide = 0; hide < 2; hide++)
        {
          g_autoptr(SmPublicNames) names = sm_public_names_new_full (map, hide ? SM_PUBLIC_NAMES_HIDE_PEOPLE : SM_PUBLIC_NAMES_CONSENT);
          g_autoptr(GBytes) before = sm_format_save_to_bytes (map);
          g_autoptr(SmMap) direct = sm_public_names_dup_map (names, map, &error);
          g_autoptr(SmMap) reloaded = public_map_by_reloading (names, map);
          g_autoptr(GBytes) direct_bytes = NULL;
          g_autoptr(GBytes) reloaded_bytes = NULL;
          g_autoptr(GBytes) after = sm_format_save_to_bytes (map);

          g_assert_no_error (error);
          g_assert_cmpuint (sm_public_names_get_n_hidden (names), >, 0);
          direct_bytes = sm_format_save_to_bytes (direct);
          reloaded_bytes = sm_format_save_to_bytes (reloaded);
          if (!g_bytes_equal (direct_bytes, reloaded_bytes))
            g_error ("seed %u, %s: the copy differs from the map saved and read again:\n%.*s\n----\n%.*s", seed,
                     hide ? "every person hidden" : "by consent", (int) g_bytes_get_size (direct_bytes),
                     (const char *) g_bytes_get_data (direct_bytes, NULL), (int) g_bytes_get_size (reloaded_bytes),
                     (const char *) g_bytes_get_data (reloaded_bytes, NULL));
          g_assert_true (g_bytes_equal (before, after));
        }
    }
}

static char *
evaluation_text (SmEvaluation *eval)
{
  g_autoptr(JsonNode) node = sm_evaluation_to_json (eval);

  return json_to_string (node, TRUE);
}

/* After every edit of a random sequence, the update from the evaluation
 * before equals a full evaluation: every finding, figure, status,
 * evidence list and score. The edits are commands through the history,
 * what changed is what the map's signals said, as in the app. */
static void
test_incremental (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "evaluation-60.stakemap", NULL);
  guint            carried = 0, steps = 0;

  for (guint seed = 1; seed <= 6; seed++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(SmMap) map = sm_format_load_file (file, NULL, &error);
      g_autoptr(SmHistory) history = NULL;
      g_autoptr(SmEvalConfig) config = sm_eval_config_new ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      SmEvaluation *previous;
      Changes       changes = { 0 };

      g_assert_no_error (error);
      g_assert_true (sm_eval_config_set_today (config, "2026-06-01", NULL));
      /* Shared spaces as ties in half the runs: then spaces make the graph. */
      if (seed % 2 == 0)
        g_assert_true (sm_eval_config_set (config, "graph.space_comembership_as_tie", 1, NULL));
      history = sm_history_new (map);
      g_signal_connect (map, "record-added", G_CALLBACK (record_touched_cb), &changes);
      g_signal_connect (map, "record-removed", G_CALLBACK (record_touched_cb), &changes);
      g_signal_connect (map, "record-changed", G_CALLBACK (record_changed_cb), &changes);
      previous = sm_evaluate (map, config, SM_LENS_NONE);

      for (guint step = 0; step < 80; step++)
        {
          SmCommand       *command = random_edit (rand, map);
          SmEvaluation    *update, *full;
          g_autofree char *update_text = NULL;
          g_autofree char *full_text = NULL;
          SmLens           lens = g_rand_int_range (rand, 0, 4);

          if (command == NULL)
            continue;
          changes.changed = SM_EVAL_INPUT_NONE;
          if (g_rand_int_range (rand, 0, 8) == 0 && sm_history_can_undo (history))
            {
              g_object_unref (command);
              sm_history_undo (history);
            }
          else
            sm_history_push (history, command);

          update = sm_evaluate_update (map, config, lens, previous, changes.changed, NULL, NULL, &error);
          g_assert_no_error (error);
          full = sm_evaluate (map, config, lens);
          update_text = evaluation_text (update);
          full_text = evaluation_text (full);
          if (g_strcmp0 (update_text, full_text) != 0)
            g_error ("seed %u, step %u (changed %#x): the update differs from a full evaluation", seed, step,
                     changes.changed);
          g_assert_cmpfloat (update->index, ==, full->index);
          carried += sm_rules_get_count () - sm_evaluation_get_n_rules_run (update);
          steps++;
          sm_evaluation_free (previous);
          sm_evaluation_free (full);
          previous = update;
        }
      sm_evaluation_free (previous);
    }
  /* Most edits touch one kind of record: most rules are carried over. */
  g_test_message ("%u steps, %u rule results carried over", steps, carried);
  g_assert_cmpuint (carried, >, steps * 3);
}

/* The evaluation builds its graph from the ties it has read, not from
 * the records again: the same graph as sm_metrics_build_graph() (the
 * same edges added in the same order, so the same degrees and
 * betweenness bit for bit), with shared spaces as ties or not, after
 * random edits (conflicts, new ties and members, removed stakeholders). */
static void
test_graph_from_ties (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "evaluation-60.stakemap", NULL);

  for (guint seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(SmMap) map = sm_format_load_file (file, NULL, &error);
      g_autoptr(SmHistory) history = NULL;
      g_autoptr(SmEvalConfig) config = sm_eval_config_new ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      gboolean spaces = seed % 2 == 0;

      g_assert_no_error (error);
      history = sm_history_new (map);
      if (spaces)
        g_assert_true (sm_eval_config_set (config, "graph.space_comembership_as_tie", 1, NULL));
      for (guint step = 0; step < 40; step++)
        {
          SmCommand *command = random_edit (rand, map);
          g_autoptr(SmGraph) fast = NULL;
          g_autoptr(SmGraph) straight = NULL;
          guint n;

          if (command != NULL)
            sm_history_push (history, command);
          fast = _sm_evaluate_build_graph (map, config);
          straight = sm_metrics_build_graph (map, spaces);
          n = sm_graph_get_n_nodes (straight);
          g_assert_cmpuint (sm_graph_get_n_nodes (fast), ==, n);
          g_assert_cmpuint (sm_graph_get_n_edges (fast), ==, sm_graph_get_n_edges (straight));
          {
            g_autofree guint  *degree_fast = g_new0 (guint, MAX (n, 1));
            g_autofree guint  *degree_straight = g_new0 (guint, MAX (n, 1));
            g_autofree double *between_fast = g_new0 (double, MAX (n, 1));
            g_autofree double *between_straight = g_new0 (double, MAX (n, 1));

            sm_graph_degree (fast, degree_fast);
            sm_graph_degree (straight, degree_straight);
            g_assert_cmpmem (degree_fast, n * sizeof (guint), degree_straight, n * sizeof (guint));
            for (guint a = 0; a < n; a++)
              for (guint b = a + 1; b < n; b++)
                g_assert_cmpint (sm_graph_has_edge (fast, a, b), ==, sm_graph_has_edge (straight, a, b));
            sm_graph_betweenness (fast, between_fast);
            sm_graph_betweenness (straight, between_straight);
            g_assert_cmpmem (between_fast, n * sizeof (double), between_straight, n * sizeof (double));
          }
        }
    }
}

/* The rules that read betweenness run last, while it is measured on the
 * other cores: the evaluation equals the one made the straightforward
 * way (every rule in table order, betweenness measured when first
 * asked), for maps big enough to measure on several threads and after
 * random edits, updated and in full. */
static void
test_betweenness_early (void)
{
  static const guint sizes[] = { 60, 400 };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (guint seed = 1; seed <= 3; seed++)
      {
        g_autoptr(SmMap) map = big_map (sizes[k]);
        g_autoptr(SmHistory) history = sm_history_new (map);
        g_autoptr(SmEvalConfig) config = sm_eval_config_new ();
        g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
        SmEvaluation *previous = NULL;
        guint         runs = sm_graph_get_n_betweenness_runs ();

        if (seed == 2)
          g_assert_true (sm_eval_config_set (config, "graph.space_comembership_as_tie", 1, NULL));
        for (guint step = 0; step < 6; step++)
          {
            SmCommand       *command = random_edit (rand, map);
            SmEvaluation    *early, *straight, *update;
            g_autofree char *early_text = NULL;
            g_autofree char *straight_text = NULL;
            g_autofree char *update_text = NULL;

            if (command != NULL)
              sm_history_push (history, command);
            sm_graph_clear_betweenness_cache ();
            early = sm_evaluate (map, config, SM_LENS_NONE);
            sm_graph_clear_betweenness_cache ();
            _sm_evaluate_set_in_table_order (TRUE);
            straight = sm_evaluate (map, config, SM_LENS_NONE);
            _sm_evaluate_set_in_table_order (FALSE);
            sm_graph_clear_betweenness_cache ();
            update = sm_evaluate_update (map, config, SM_LENS_NONE, previous, SM_EVAL_INPUT_ALL, NULL, NULL, NULL);
            early_text = evaluation_text (early);
            straight_text = evaluation_text (straight);
            update_text = evaluation_text (update);
            if (g_strcmp0 (early_text, straight_text) != 0 || g_strcmp0 (update_text, straight_text) != 0)
              g_error ("%u stakeholders, seed %u, step %u: the evaluation differs from the one made in table "
                       "order",
                       sizes[k], seed, step);
            g_clear_pointer (&previous, sm_evaluation_free);
            previous = update;
            sm_evaluation_free (early);
            sm_evaluation_free (straight);
          }
        g_clear_pointer (&previous, sm_evaluation_free);
        /* Betweenness was measured, not skipped: three times a step. */
        g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 18);
      }
}

/* Betweenness is measured once for a graph: an edit of a field that is
 * not part of the graph costs no new measurement; a new relationship
 * does. */
static void
test_betweenness_shared (void)
{
  g_autoptr(SmMap) map = big_map (400);
  g_autoptr(SmHistory) history = sm_history_new (map);
  SmCollection *people = sm_map_get_stakeholders (map);
  g_autoptr(JsonObject) data = json_object_new ();
  SmEvaluation *eval;
  guint         runs;

  sm_graph_clear_betweenness_cache ();
  runs = sm_graph_get_n_betweenness_runs ();
  eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  sm_evaluation_free (eval);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);

  sm_history_push (history, sm_command_new_set_number (sm_collection_get (people, 3), "influence", 9));
  sm_history_push (history, sm_command_new_set_string (sm_collection_get (people, 5), "name", "Renamed"));
  eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  sm_evaluation_free (eval);
  {
    g_autoptr(SmMetrics) metrics = sm_metrics_compute (map, FALSE);
  }
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 1);

  json_object_set_string_member (data, "source", sm_record_get_id (sm_collection_get (people, 7)));
  json_object_set_string_member (data, "target", sm_record_get_id (sm_collection_get (people, 350)));
  json_object_set_string_member (data, "category", "information");
  sm_history_push (history, sm_command_new_add (map, SM_RECORD_RELATIONSHIP, data));
  eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  sm_evaluation_free (eval);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 2);

  /* Undone, the graph is the one measured first, and remembered. */
  sm_history_undo (history);
  eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  sm_evaluation_free (eval);
  g_assert_cmpuint (sm_graph_get_n_betweenness_runs (), ==, runs + 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/evaluate/worked-example", test_worked_example);
  g_test_add_func ("/core/evaluate/principle-checks-text", test_principle_checks_text);
  g_test_add_func ("/core/evaluate/map-copy", test_map_copy);
  g_test_add_func ("/core/evaluate/map-copy-while-editing", test_map_copy_while_editing);
  g_test_add_func ("/core/evaluate/progress", test_progress);
  g_test_add_func ("/core/evaluate/cancel", test_cancel);
  g_test_add_func ("/core/evaluate/lens", test_lens);
  g_test_add_func ("/core/evaluate/gate-g0", test_gate_g0);
  g_test_add_func ("/core/evaluate/unknown-excluded", test_unknown_excluded);
  g_test_add_func ("/core/evaluate/insufficient-data", test_insufficient_data);
  g_test_add_func ("/core/evaluate/not-assessed", test_not_assessed);
  g_test_add_func ("/core/evaluate/config", test_config);
  g_test_add_func ("/core/evaluate/catalogue", test_catalogue);
  g_test_add_func ("/core/evaluate/catalogue/config-keys-from-rows", test_config_keys_from_rows);
  g_test_add_func ("/core/evaluate/json", test_json);
  g_test_add_func ("/core/evaluate/checks/not-scored", test_checks_not_scored);
  g_test_add_func ("/core/evaluate/checks/today", test_today);
  g_test_add_func ("/core/evaluate/checks/display-name", test_display_name);
  g_test_add_func ("/core/evaluate/checks/public-names", test_public_names);
  g_test_add_func ("/core/evaluate/checks/public-names-scrub", test_public_names_scrub);
  g_test_add_func ("/core/evaluate/checks/public-names-scrub-shared-word", test_public_names_scrub_shared_word);
  g_test_add_func ("/core/evaluate/checks/public-names-scrub-random", test_public_names_scrub_random);
  g_test_add_func ("/core/evaluate/checks/public-names-dup-map", test_public_names_dup_map);
  g_test_add_func ("/core/evaluate/trend/better-direction", test_better_direction);
  g_test_add_func ("/core/evaluate/trend/previous-snapshot", test_trend);
  g_test_add_func ("/core/evaluate/trend/worse-and-none", test_trend_worse_and_none);
  g_test_add_func ("/core/evaluate/catalogue/sources-resolve", test_sources_resolve);
  g_test_add_func ("/core/evaluate/labels-in-words", test_labels_in_words);
  g_test_add_func ("/core/evaluate/plural-messages", test_plural_messages);
  g_test_add_func ("/core/evaluate/threshold-labels", test_threshold_labels);
  g_test_add_func ("/core/evaluate/names-join", test_names_join);
  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/evaluate/check/%s", check_cases[i].name);

      g_test_add_data_func (path, &check_cases[i], test_check_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/evaluate/rule/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  g_test_add_func ("/core/evaluate/names-join-long", test_names_join_long);

  g_test_add_func ("/core/evaluate/incremental", test_incremental);
  g_test_add_func ("/core/evaluate/betweenness-shared", test_betweenness_shared);
  g_test_add_func ("/core/evaluate/betweenness-early", test_betweenness_early);
  g_test_add_func ("/core/evaluate/graph-from-ties", test_graph_from_ties);

  return g_test_run ();
}

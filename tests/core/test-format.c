/* test-format.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "sm-format.h"
#include "sm-json.h"
#include "sm-map-private.h"
#include "sm-test-utils.h"

/* Test documents are written with ' for " so they stay readable; the few
 * that need a real apostrophe or raw bytes are written out in full. */

static char *
q (const char *text)
{
  char *s = g_strdup (text);

  for (char *p = s; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';
  return s;
}

static GBytes *
bytes_q (const char *text)
{
  char *s = q (text);

  return g_bytes_new_take (s, strlen (s));
}

/* Loads @text and saves it again. */
static char *
resave_q (const char *text)
{
  g_autoptr(SmMap) map = sm_test_load_q (text);

  return sm_test_save_to_string (map);
}

static char *
resave_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(SmMap) map = sm_test_load_bytes (bytes);

  return sm_test_save_to_string (map);
}

static JsonNode *
parse_with_json_glib (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* Removes a temporary directory made by a test, one level of
 * subdirectories deep, which is all the tests make. */
static void
remove_temp_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_chmod (child, 0755);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_temp_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
read_text_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_text_file (const char *path,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Refusals */

static void
assert_refused_bytes (GBytes     *bytes,
                      int         code,
                      const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *head = NULL;

  g_assert_null (map);
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_test_message ("message: %s", error->message);
  g_assert_error (error, SM_FORMAT_ERROR, code);

  if (where != NULL)
    {
      /* "where: what", with something after the colon. */
      prefix = g_strconcat (where, ": ", NULL);
      head = g_strndup (error->message, strlen (prefix));
      g_assert_cmpstr (head, ==, prefix);
      g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
    }

  /* The same single problem, and nothing else, from the checker. */
  problems = sm_format_check_bytes (bytes, NULL);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  if (problems->len == 1)
    g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, error->message);
}

typedef struct
{
  const char   *path;
  const char   *text; /* ' for " */
  SmFormatError code;
  const char   *where;
} Refusal;

#define HEAD "{'format':'stakemap','version':1,"
#define TWO "'stakeholders':[{'id':'a','name':'A'},{'id':'b','name':'B'}]"
#define ONE_WITH(members) "'stakeholders':[{'id':'a','name':'A'," members "}]"
/* The number is on line 3, column 13. */
#define NUMBER_AT_3_13(n) HEAD "\n'stakeholders':[{'id':'a','name':'A',\n'influence':" n "}]}"
/* The string starts on line 2, column 16; its text at column 17. */
#define TITLE_AT_2_16(s) HEAD "\n'map':{'title':'" s "'}}"

static const Refusal refusals[] = {
  /* Wrong types */
  { "type/name-number", HEAD "'stakeholders':[{'id':'a','name':5}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].name" },
  { "type/influence-high",
    HEAD "'stakeholders':[{'id':'a','name':'A'},{'id':'b','name':'B'},"
         "{'id':'c','name':'C','influence':7},{'id':'d','name':'D','influence':'high'}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[3].influence" },
  { "type/roles-not-array", HEAD ONE_WITH ("'roles':'chair'") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].roles" },
  { "type/map-not-object", HEAD "'map':['title']}",
    SM_FORMAT_ERROR_INVALID, "$.map" },
  { "type/stakeholders-not-array", HEAD "'stakeholders':{'id':'a','name':'A'}}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders" },
  { "type/stakeholder-not-object", HEAD "'stakeholders':[{'id':'a','name':'A'},'b']}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[1]" },
  { "type/null-member", HEAD ONE_WITH ("'notes':null") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].notes" },
  { "type/boolean-yes", HEAD ONE_WITH ("'is_group':'yes'") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].is_group" },
  { "type/nested-member", HEAD ONE_WITH ("'remuneration':{'payment_offered':1}") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].remuneration.payment_offered" },
  { "type/top-level-array", "[]",
    SM_FORMAT_ERROR_NOT_STAKEMAP, "$" },

  /* Scores and levels out of range */
  { "range/influence-11", HEAD ONE_WITH ("'influence':11") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].influence" },
  { "range/influence-negative", HEAD ONE_WITH ("'influence':-1") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].influence" },
  { "range/participation-level-8", HEAD ONE_WITH ("'participation_level':8") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].participation_level" },
  { "range/participation-level-fraction", HEAD ONE_WITH ("'participation_level':2.5") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].participation_level" },
  { "range/stage-level-8", HEAD ONE_WITH ("'participation_by_stage':{'design':6,'delivery':8}") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].participation_by_stage.delivery" },
  { "range/strength-0", HEAD TWO ",'relationships':[{'id':'r','source':'a','target':'b','strength':0}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].strength" },
  { "range/strength-6", HEAD TWO ",'relationships':[{'id':'r','source':'a','target':'b','strength':6}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].strength" },
  { "range/x-too-far", HEAD ONE_WITH ("'x':1e10") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].x" },

  /* Numbers JSON does not allow, or that do not fit a double */
  { "number/nan", NUMBER_AT_3_13 ("NaN"), SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },
  { "number/infinity", NUMBER_AT_3_13 ("Infinity"), SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },
  { "number/minus-infinity", NUMBER_AT_3_13 ("-Infinity"), SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },
  { "number/1e999", NUMBER_AT_3_13 ("1e999"), SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },
  { "number/minus-1e999", NUMBER_AT_3_13 ("-1e999"), SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },
  { "number/leading-zero", NUMBER_AT_3_13 ("07"), SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },

  /* Ids */
  { "id/duplicate-same-kind", HEAD "'stakeholders':[{'id':'a','name':'A'},{'id':'a','name':'B'}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[1].id" },
  { "id/duplicate-across-kinds", HEAD TWO ",'relationships':[{'id':'b','source':'a','target':'b'}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].id" },
  { "id/duplicate-space-and-group", HEAD "'spaces':[{'id':'x'}],'affected_groups':[{'id':'x'}]}",
    SM_FORMAT_ERROR_INVALID, "$.affected_groups[0].id" },
  { "id/duplicate-region-and-stakeholder", HEAD TWO ",'regions':[{'id':'b','width':10,'height':10}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].id" },
  { "id/duplicate-region-and-note",
    HEAD "'annotations':[{'id':'n'}],'regions':[{'id':'rg','width':1,'height':1},{'id':'n','width':1,'height':1}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[1].id" },
  { "id/duplicate-region", HEAD "'regions':[{'id':'rg','width':1,'height':1},{'id':'rg','width':1,'height':1}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[1].id" },
  { "id/empty", HEAD "'stakeholders':[{'id':'','name':'A'}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].id" },
  { "id/missing", HEAD "'stakeholders':[{'id':'a','name':'A'},{'name':'B'}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[1].id" },
  { "id/duplicate-goal", HEAD "'map':{'goals':[{'id':'g1'},{'id':'g2'},{'id':'g1'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.map.goals[2].id" },
  { "required/stakeholder-name", HEAD "'stakeholders':[{'id':'a'}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].name" },
  { "required/relationship-target", HEAD TWO ",'relationships':[{'id':'r','source':'a'}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].target" },

  /* References that name nothing */
  { "ref/relationship-source", HEAD TWO ",'relationships':[{'id':'r','source':'zz','target':'b'}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].source" },
  { "ref/relationship-target", HEAD TWO ",'relationships':[{'id':'r','source':'a','target':'zz'}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].target" },
  { "ref/relationship-target-is-space",
    HEAD TWO ",'spaces':[{'id':'sp'}],'relationships':[{'id':'r','source':'a','target':'sp'}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].target" },
  { "ref/space-member",
    HEAD TWO ",'spaces':[{'id':'sp','members':[{'stakeholder':'a'},{'stakeholder':'zz'}]}]}",
    SM_FORMAT_ERROR_INVALID, "$.spaces[0].members[1].stakeholder" },
  { "ref/decision-decided-by", HEAD TWO ",'decisions':[{'id':'d','decided_by':['a','zz']}]}",
    SM_FORMAT_ERROR_INVALID, "$.decisions[0].decided_by[1]" },
  { "ref/decision-space", HEAD TWO ",'spaces':[{'id':'sp'}],'decisions':[{'id':'d','space_id':'zz'}]}",
    SM_FORMAT_ERROR_INVALID, "$.decisions[0].space_id" },
  { "ref/decision-space-is-stakeholder", HEAD TWO ",'decisions':[{'id':'d','space_id':'a'}]}",
    SM_FORMAT_ERROR_INVALID, "$.decisions[0].space_id" },
  { "ref/represents",
    HEAD "'affected_groups':[{'id':'g'}],'stakeholders':[{'id':'a','name':'A','represents':['g','zz']}]}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].represents[1]" },
  { "ref/annotation-refers-to",
    HEAD TWO ",'relationships':[{'id':'r','source':'a','target':'b'}],"
             "'annotations':[{'id':'n','refers_to':['r','a','zz']}]}",
    SM_FORMAT_ERROR_INVALID, "$.annotations[0].refers_to[2]" },
  /* Regions */
  { "region/width-zero", HEAD "'regions':[{'id':'rg','x':0,'y':0,'width':0,'height':10}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].width" },
  { "region/height-negative", HEAD "'regions':[{'id':'rg','width':10,'height':-3}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].height" },
  { "region/width-too-large", HEAD "'regions':[{'id':'rg','width':1000001,'height':10}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].width" },
  { "region/height-not-a-number", HEAD "'regions':[{'id':'rg','width':10,'height':'tall'}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].height" },
  { "region/shape-not-snake-case", HEAD "'regions':[{'id':'rg','shape':'Circle!'}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].shape" },
  { "region/colour-not-a-string", HEAD "'regions':[{'id':'rg','colour':3}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].colour" },
  { "region/x-too-far", HEAD "'regions':[{'id':'rg','x':2e9,'width':1,'height':1}]}",
    SM_FORMAT_ERROR_INVALID, "$.regions[0].x" },
  { "region/not-an-array", HEAD "'regions':{'id':'rg'}}",
    SM_FORMAT_ERROR_INVALID, "$.regions" },
  { "ref/drawn-by", HEAD "'map':{'perspective':{'drawn_by':['a','zz']}}," TWO "}",
    SM_FORMAT_ERROR_INVALID, "$.map.perspective.drawn_by[1]" },
  { "ref/off-the-table-decided-by",
    HEAD "'map':{'off_the_table':[{'item':'x','decided_by':'zz'}]}," TWO "}",
    SM_FORMAT_ERROR_INVALID, "$.map.off_the_table[0].decided_by" },

  /* The header */
  { "header/format-missing", "{'version':1}", SM_FORMAT_ERROR_NOT_STAKEMAP, "$.format" },
  { "header/format-foreign", "{'format':'geojson','version':1}", SM_FORMAT_ERROR_NOT_STAKEMAP, "$.format" },
  { "header/format-not-string", "{'format':1,'version':1}", SM_FORMAT_ERROR_NOT_STAKEMAP, "$.format" },
  { "header/version-missing", "{'format':'stakemap'}", SM_FORMAT_ERROR_VERSION, "$.version" },
  { "header/version-string", "{'format':'stakemap','version':'1'}", SM_FORMAT_ERROR_VERSION, "$.version" },
  { "header/version-0", "{'format':'stakemap','version':0}", SM_FORMAT_ERROR_VERSION, "$.version" },
  { "header/version-negative", "{'format':'stakemap','version':-3}", SM_FORMAT_ERROR_VERSION, "$.version" },
  { "header/version-fraction", "{'format':'stakemap','version':1.5}", SM_FORMAT_ERROR_VERSION, "$.version" },
  { "header/version-integral-real", "{'format':'stakemap','version':1.0}", SM_FORMAT_ERROR_VERSION, "$.version" },

  /* Encoding. Columns count characters: "é" is one. */
  { "encoding/string", TITLE_AT_2_16 ("\xc3\xa9\xff"), SM_FORMAT_ERROR_ENCODING, "line 2, column 18" },
  { "encoding/member-name", HEAD "\n'x\xc3':1}", SM_FORMAT_ERROR_ENCODING, "line 2, column 3" },
  { "encoding/overlong", TITLE_AT_2_16 ("a\xc0\xaf"), SM_FORMAT_ERROR_ENCODING, "line 2, column 18" },
  { "encoding/nul-escaped", TITLE_AT_2_16 ("a\\u0000"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },
  { "encoding/nul-escaped-in-name", HEAD "\n'a\\u0000':1}", SM_FORMAT_ERROR_SYNTAX, "line 2, column 3" },
  { "encoding/lone-high-surrogate", TITLE_AT_2_16 ("a\\ud800"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },
  { "encoding/lone-low-surrogate", TITLE_AT_2_16 ("a\\udc00"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },
  { "encoding/high-surrogate-then-letter", TITLE_AT_2_16 ("a\\ud800\\u0041"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },
  { "encoding/two-high-surrogates", TITLE_AT_2_16 ("a\\ud800\\ud800"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },

  /* Broken JSON */
  { "syntax/missing-comma", "{\n  'format': 'stakemap',\n  'version': 1 'map': {}\n}",
    SM_FORMAT_ERROR_SYNTAX, "line 3, column 16" },
  { "syntax/trailing-comma-object", "{\n  'format': 'stakemap',\n  'version': 1,\n}",
    SM_FORMAT_ERROR_SYNTAX, "line 4, column 1" },
  { "syntax/trailing-comma-array", HEAD "\n'stakeholders':[{'id':'a','name':'A'},]}",
    SM_FORMAT_ERROR_SYNTAX, "line 2, column 39" },
  { "syntax/unterminated-string", HEAD "\n'map':{'title':'abc",
    SM_FORMAT_ERROR_SYNTAX, "line 2, column 16" },
  { "syntax/unterminated-object", HEAD "\n'map':{'title':'abc'}\n",
    SM_FORMAT_ERROR_SYNTAX, "line 3, column 1" },
  { "syntax/bare-word", "{'format': stakemap}", SM_FORMAT_ERROR_SYNTAX, "line 1, column 12" },
  { "syntax/empty", "", SM_FORMAT_ERROR_SYNTAX, "line 1, column 1" },
  { "syntax/only-whitespace", "  \n\t\n   ", SM_FORMAT_ERROR_SYNTAX, "line 3, column 4" },
  { "syntax/text-after-document", "{'format':'stakemap','version':1}\n  x",
    SM_FORMAT_ERROR_SYNTAX, "line 2, column 3" },
  { "syntax/second-document", "{'format':'stakemap','version':1}{}",
    SM_FORMAT_ERROR_SYNTAX, "line 1, column 34" },
  { "syntax/control-character", TITLE_AT_2_16 ("a\tb"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },
  { "syntax/bad-escape", TITLE_AT_2_16 ("a\\x41"), SM_FORMAT_ERROR_SYNTAX, "line 2, column 18" },
  { "syntax/columns-count-characters", HEAD "\n'map':{'title':'\xc3\xa9\xe2\x82\xac\xf0\x9f\x8c\x8d' 'x'}}",
    SM_FORMAT_ERROR_SYNTAX, "line 2, column 22" },
  { "syntax/crlf-lines", "{\r\n'format':'stakemap',\r\n'version':1,,\r\n}",
    SM_FORMAT_ERROR_SYNTAX, "line 3, column 13" },
  { "syntax/bom-not-a-column", "\xef\xbb\xbf{x}", SM_FORMAT_ERROR_SYNTAX, "line 1, column 2" },
  { "syntax/duplicate-member", HEAD "\n'stakeholders':[{'id':'a','name':'A','name':'B'}]}",
    SM_FORMAT_ERROR_SYNTAX, "line 2, column 38" },
  { "syntax/duplicate-top-level-member", "{'format':'stakemap','version':1,'version':2}",
    SM_FORMAT_ERROR_SYNTAX, "line 1, column 34" },
  { "syntax/duplicate-member-escaped", "{'format':'stakemap','version':1,'k':1,'\\u006b':2}",
    SM_FORMAT_ERROR_SYNTAX, "line 1, column 40" },
  { "syntax/duplicate-unknown-member", HEAD "\n'future':{'k':1,\n  'k':2}}",
    SM_FORMAT_ERROR_SYNTAX, "line 3, column 3" },

  /* Dates */
  { "date/february-30", HEAD TWO ",'decisions':[{'id':'d','date':'2026-02-30'}]}",
    SM_FORMAT_ERROR_INVALID, "$.decisions[0].date" },
  { "date/day-first",
    HEAD TWO ",'relationships':[{'id':'r','source':'a','target':'b','since':'22/11/2026'}]}",
    SM_FORMAT_ERROR_INVALID, "$.relationships[0].since" },
  { "date/month-13", HEAD "'map':{'snapshot':{'date':'2026-13-01'}}}",
    SM_FORMAT_ERROR_INVALID, "$.map.snapshot.date" },

  /* Enumerations */
  { "enum/not-snake-case", HEAD ONE_WITH ("'kind':'Service User'") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].kind" },
  { "enum/list-not-snake-case", HEAD ONE_WITH ("'roles':['chair','Co Chair']") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].roles[1]" },
  { "enum/not-a-string", HEAD ONE_WITH ("'kind':3") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].kind" },
  { "enum/odd-member-name-in-path", HEAD ONE_WITH ("'goal_positions':{'air quality':'Strongly'}") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].goal_positions[\"air quality\"]" },
  /* The name as written, like check-schema.py and docs/format.md §15.4. */
  { "enum/non-ascii-member-name-in-path", HEAD ONE_WITH ("'goal_positions':{'qualit\xc3\xa9':'Bad'}") "}",
    SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].goal_positions[\"qualit\xc3\xa9\"]" },

  /* The evaluation member: thresholds, their log, responses, snapshots. */
  { "evaluation/not-an-object", HEAD "'evaluation':[]}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation" },
  { "evaluation/thresholds-not-an-object", HEAD "'evaluation':{'thresholds':[1]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.thresholds" },
  { "evaluation/threshold-not-a-number", HEAD "'evaluation':{'thresholds':{'sp01.warn_ratio':'high'}}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.thresholds[\"sp01.warn_ratio\"]" },
  { "evaluation/threshold-negative", HEAD "'evaluation':{'thresholds':{'sp01.warn_ratio':-1}}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.thresholds[\"sp01.warn_ratio\"]" },
  { "evaluation/threshold-switch-not-0-or-1", HEAD "'evaluation':{'thresholds':{'gate.sharing_power':2}}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.thresholds[\"gate.sharing_power\"]" },
  { "evaluation/threshold-boolean", HEAD "'evaluation':{'thresholds':{'gate.sharing_power':true}}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.thresholds[\"gate.sharing_power\"]" },
  { "evaluation/unknown-threshold-not-a-number", HEAD "'evaluation':{'thresholds':{'zz01.future':'x'}}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.thresholds[\"zz01.future\"]" },
  { "evaluation/log-not-an-array", HEAD "'evaluation':{'threshold_log':{}}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.threshold_log" },
  { "evaluation/log-entry-not-an-object", HEAD "'evaluation':{'threshold_log':[3]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.threshold_log[0]" },
  { "evaluation/log-missing-at", HEAD "'evaluation':{'threshold_log':[{'key':'sp01.floor','old':0.5,'new':1}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.threshold_log[0].at" },
  { "evaluation/log-at-not-a-time",
    HEAD "'evaluation':{'threshold_log':[{'key':'sp01.floor','old':0.5,'new':1,'at':'yesterday'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.threshold_log[0].at" },
  { "evaluation/log-old-not-a-number",
    HEAD "'evaluation':{'threshold_log':[{'key':'sp01.floor','old':'half','new':1,'at':'2026-03-01T10:00:00Z'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.threshold_log[0].old" },
  { "evaluation/log-missing-key",
    HEAD "'evaluation':{'threshold_log':[{'old':0.5,'new':1,'at':'2026-03-01T10:00:00Z'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.threshold_log[0].key" },
  { "evaluation/response-duplicate-id",
    HEAD "'evaluation':{'responses':[{'id':'r1','rule':'SP-01','kind':'discuss','text':'a'},"
         "{'id':'r1','rule':'SP-02','kind':'differ','text':'b'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.responses[1].id" },
  { "evaluation/response-empty-id",
    HEAD "'evaluation':{'responses':[{'id':'','rule':'SP-01','kind':'discuss','text':'a'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.responses[0].id" },
  { "evaluation/response-missing-text",
    HEAD "'evaluation':{'responses':[{'id':'r1','rule':'SP-01','kind':'discuss'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.responses[0].text" },
  { "evaluation/response-missing-rule",
    HEAD "'evaluation':{'responses':[{'id':'r1','kind':'discuss','text':'a'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.responses[0].rule" },
  { "evaluation/response-kind-not-snake-case",
    HEAD "'evaluation':{'responses':[{'id':'r1','rule':'SP-01','kind':'We Differ','text':'a'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.responses[0].kind" },
  { "evaluation/response-at-not-a-time",
    HEAD "'evaluation':{'responses':[{'id':'r1','rule':'SP-01','kind':'discuss','text':'a','at':'2026-02-30T10:00:00Z'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.responses[0].at" },
  { "evaluation/snapshot-missing-date", HEAD "'evaluation':{'snapshots':[{'version':1}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].date" },
  { "evaluation/snapshot-bad-date", HEAD "'evaluation':{'snapshots':[{'date':'2026-02-30'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].date" },
  { "evaluation/snapshot-negative-version", HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','version':-1}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].version" },
  { "evaluation/snapshot-twice",
    HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','version':1},{'date':'2026-02-01','version':1}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[1]" },
  { "evaluation/snapshot-twice-version-0-is-absent",
    HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01'},{'date':'2026-02-01','version':0}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[1]" },
  { "evaluation/snapshot-rule-value-not-a-number",
    HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','rules':{'SP-01':{'value':'2.5'}}}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].rules[\"SP-01\"].value" },
  { "evaluation/snapshot-rule-status-not-snake-case",
    HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','rules':{'SP-01':{'value':1,'status':'Pass'}}}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].rules[\"SP-01\"].status" },
  { "evaluation/snapshot-principle-status-not-a-string",
    HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','principles':{'P1':1}}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].principles.P1" },
  { "evaluation/snapshot-recorded-at-not-a-time",
    HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','recorded_at':'2026-02-01'}]}}",
    SM_FORMAT_ERROR_INVALID, "$.evaluation.snapshots[0].recorded_at" },
};

static void
test_refusal (gconstpointer data)
{
  const Refusal *r = data;
  g_autoptr(GBytes) bytes = bytes_q (r->text);

  assert_refused_bytes (bytes, r->code, r->where);
}

/* A raw NUL byte cannot go through a C string. */
static void
test_refuse_nul_byte (void)
{
  static const char text[] = "{\"format\":\"stakemap\",\"version\":1,\n\"map\":{\"title\":\"a\0b\"}}";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);

  assert_refused_bytes (bytes, SM_FORMAT_ERROR_ENCODING, "line 2, column 18");
}

static void
test_refuse_nul_byte_at_end (void)
{
  static const char text[] = "{\"format\":\"stakemap\",\"version\":1}\n\0";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);

  assert_refused_bytes (bytes, SM_FORMAT_ERROR_ENCODING, "line 2, column 1");
}

/* 10^399 is larger than any double: refused, not read as infinity. */
static void
test_refuse_400_digits (void)
{
  g_autofree char *digits = g_strnfill (400, '0');
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  digits[0] = '1';
  text = g_strdup_printf (NUMBER_AT_3_13 ("%s"), digits);
  bytes = bytes_q (text);
  assert_refused_bytes (bytes, SM_FORMAT_ERROR_SYNTAX, "line 3, column 13");
}

/* 10^299 fits a double: it loads as a finite double, and a score that
 * large is then refused as out of range rather than as bad JSON. */
static void
test_accept_300_digits (void)
{
  g_autofree char *digits = g_strnfill (300, '0');
  g_autofree char *text = NULL;
  g_autofree char *in_range = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *big;

  digits[0] = '1';
  text = g_strdup_printf (HEAD "'big':%s}", digits);
  map = sm_test_load_q (text);
  big = json_object_get_member (sm_map_get_extra (map), "big");
  g_assert_nonnull (big);
  g_assert_cmpint (json_node_get_value_type (big), ==, G_TYPE_DOUBLE);
  g_assert_true (isfinite (json_node_get_double (big)));
  g_assert_cmpfloat (json_node_get_double (big), ==, 1e299);

  in_range = g_strdup_printf (HEAD ONE_WITH ("'influence':%s") "}", digits);
  bytes = bytes_q (in_range);
  assert_refused_bytes (bytes, SM_FORMAT_ERROR_INVALID, "$.stakeholders[0].influence");
}

/* Depth */

static void
test_refuse_deep_arrays (void)
{
  gsize n = 200000;
  char *text = g_malloc (n);
  g_autoptr(GBytes) bytes = NULL;
  gint64 start;

  memset (text, '[', n);
  bytes = g_bytes_new_take (text, n);

  /* The 65th '[' is one level too many. */
  start = g_get_monotonic_time ();
  assert_refused_bytes (bytes, SM_FORMAT_ERROR_TOO_DEEP, "line 1, column 65");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

#define DEPTH_PREFIX "{'format':'stakemap','version':1,'x':"

/* The top-level object is level 1; "x" holds @depth - 1 more levels. */
static char *
nested_objects (guint depth)
{
  GString *s = g_string_new (DEPTH_PREFIX);

  for (guint i = 0; i + 2 < depth; i++)
    g_string_append (s, "{'a':");
  g_string_append (s, "{}");
  for (guint i = 0; i + 1 < depth; i++)
    g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_refuse_deep_objects (void)
{
  g_autofree char *text = nested_objects (65);
  g_autoptr(GBytes) bytes = bytes_q (text);
  /* The innermost "{}" is level 65: after the prefix and 63 "{'a':". */
  g_autofree char *where = g_strdup_printf ("line 1, column %zu", strlen (DEPTH_PREFIX) + 63 * 5 + 1);

  assert_refused_bytes (bytes, SM_FORMAT_ERROR_TOO_DEEP, where);
}

static void
test_accept_depth_64 (void)
{
  g_autofree char *text = nested_objects (64);
  g_autoptr(SmMap) map = sm_test_load_q (text);

  g_assert_true (json_object_has_member (sm_map_get_extra (map), "x"));
}

/* 60 levels inside a member this version does not know are kept whole. */
static void
test_accept_deep_unknown_member (void)
{
  g_autofree char *text = nested_objects (61);
  g_autofree char *json = q (text);
  g_autofree char *saved = resave_string (json);
  g_autoptr(JsonNode) before = parse_with_json_glib (json);
  g_autoptr(JsonNode) after = parse_with_json_glib (saved);
  JsonNode *x_before = json_object_get_member (json_node_get_object (before), "x");
  JsonNode *x_after = json_object_get_member (json_node_get_object (after), "x");
  guint     depth = 0;

  g_assert_nonnull (x_after);
  g_assert_true (json_node_equal (x_before, x_after));
  for (JsonNode *n = x_after; n != NULL && JSON_NODE_HOLDS_OBJECT (n); depth++)
    n = json_object_get_member (json_node_get_object (n), "a");
  g_assert_cmpuint (depth, ==, 60);
}

/* Size */

static void
test_refuse_too_large_bytes (void)
{
  gsize size = SM_JSON_MAX_SIZE + 1;
  /* Zeroed pages from calloc are not touched unless read. */
  char *buffer = g_malloc0 (size);
  g_autoptr(GBytes) bytes = g_bytes_new_static (buffer, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_null (map);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE);

  problems = sm_format_check_bytes (bytes, NULL);
  g_assert_cmpuint (problems->len, ==, 1);

  g_clear_pointer (&bytes, g_bytes_unref);
  g_free (buffer);
}

/* Exactly at the limit is not "too large" (it fails later, as text). */
static void
test_size_limit_is_inclusive (void)
{
  gsize size = SM_JSON_MAX_SIZE;
  char *buffer = g_malloc0 (size);
  g_autoptr(GBytes) bytes = g_bytes_new_static (buffer, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);

  g_assert_null (map);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_ENCODING);

  g_clear_pointer (&bytes, g_bytes_unref);
  g_free (buffer);
}

static void
test_refuse_dev_zero (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }

  bytes = sm_format_read_file (file, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE);
}

/* A file known to be too large is refused before any of it is read, with
 * its size and the limit. */
static void
test_refuse_large_file_unread (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int fd = g_file_open_tmp ("large-XXXXXX.stakemap", &path, &error);

  g_assert_no_error (error);
  /* Sparse: takes no disk, reads as zeros. */
  g_assert_cmpint (ftruncate (fd, 300 * 1024 * 1024), ==, 0);
  close (fd);
  file = g_file_new_for_path (path);

  bytes = sm_format_read_file (file, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "the file is 300.0\u00a0MiB"));
  g_assert_nonnull (strstr (error->message, "the limit is 256.0\u00a0MiB"));
  g_unlink (path);
}

/* Accepted */

/* The format version is the integer 1, as the JSON Schema says: 1.0 is
 * refused, saying how to write it; a whole number over a field's top is
 * told what the top is. */
static void
test_refuse_messages_name_bounds (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "{'format':'stakemap','version':1.0}",
      "$.version: expected a whole number from 1, the format version, written without a decimal point (1, not 1.0)" },
    { HEAD ONE_WITH ("'is_group':true,'group_size':2e15") "}",
      "$.stakeholders[0].group_size: expected a whole number from 0 to 1000000000000000" },
    { HEAD "'evaluation':{'snapshots':[{'date':'2026-01-01','version':3000000000}]}}",
      "to 2147483647" },
    { HEAD "'regions':[{'id':'rg','width':0,'height':1}]}",
      "$.regions[0].width: expected a number greater than 0 and at most 1000000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdelimit (g_strdup (cases[i].text), "'", '"');
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);

      g_assert_null (map);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("expected \"%s\" in \"%s\"", cases[i].message, error->message);
    }
}

static void
test_accept_minimal (void)
{
  g_autoptr(SmMap) map = sm_test_load_q ("{'format':'stakemap','version':1}");
  g_autofree char *saved = sm_test_save_to_string (map);

  g_assert_cmpstr (sm_map_get_title (map), ==, "");
  g_assert_cmpint (sm_map_get_version (map), ==, 1);
  g_assert_false (sm_map_get_read_only (map));
  for (SmRecordKind k = SM_RECORD_STAKEHOLDER; k <= SM_RECORD_LAST; k++)
    g_assert_cmpuint (sm_collection_get_size (sm_map_get_collection (map, k)), ==, 0);

  g_assert_cmpstr (saved, ==,
                   "{\n"
                   "  \"format\": \"stakemap\",\n"
                   "  \"version\": 1,\n"
                   "  \"map\": {},\n"
                   "  \"stakeholders\": [],\n"
                   "  \"relationships\": [],\n"
                   "  \"spaces\": [],\n"
                   "  \"decisions\": [],\n"
                   "  \"affected_groups\": [],\n"
                   "  \"annotations\": []\n"
                   "}\n");
}

#define UNKNOWN_ENUMS                                               \
  HEAD "'stakeholders':[{'id':'a','name':'A','kind':'space_alien'," \
       "'roles':['chair','space_pilot'],'visibility':'galactic',"   \
       "'remuneration':{'time_paid':'in_moon_rocks'}}]}"

static void
test_accept_unknown_enum_value (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (UNKNOWN_ENUMS);
  g_autofree char *saved = sm_test_save_to_string (map);
  SmRecord        *a = sm_map_lookup (map, "a");

  /* Read as "other", or "unknown" where there is no "other"... */
  g_assert_cmpstr (sm_record_get_enum (a, "kind"), ==, "other");
  g_assert_cmpstr (sm_record_get_enum (a, "visibility"), ==, "unknown");
  g_assert_cmpstr (sm_record_get_enum (a, "remuneration.time_paid"), ==, "unknown");
  g_assert_cmpint (sm_stakeholder_get_side (a), ==, SM_SIDE_OTHER);

  /* ...but kept as written. */
  g_assert_cmpstr (sm_record_get_string (a, "kind"), ==, "space_alien");
  g_assert_nonnull (strstr (saved, "\"kind\": \"space_alien\""));
  g_assert_nonnull (strstr (saved, "\"visibility\": \"galactic\""));
  g_assert_nonnull (strstr (saved, "\"time_paid\": \"in_moon_rocks\""));
  g_assert_nonnull (strstr (saved, "\"space_pilot\""));
}

#define UNKNOWN_VALUES                                                                    \
  HEAD "'map':{'claimed_approach':'unknown','resources':{'payment_policy':'unknown'}},"   \
       "'stakeholders':[{'id':'a','name':'A','is_group':'unknown','influence':'unknown'," \
       "'interest':'unknown','participation_level':'unknown',"                            \
       "'participation_by_stage':{'design':'unknown'},'consent_to_be_mapped':'unknown',"  \
       "'lived_experience':{'relevant':'unknown'}}]}"

static void
test_accept_unknown (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (UNKNOWN_VALUES);
  g_autofree char *saved = sm_test_save_to_string (map);
  SmRecord        *a = sm_map_lookup (map, "a");
  SmRecord        *meta = sm_map_get_metadata (map);

  g_assert_cmpfloat (sm_record_get_score (a, "influence"), ==, SM_UNKNOWN);
  g_assert_cmpfloat (sm_record_get_score (a, "participation_level"), ==, SM_UNKNOWN);
  g_assert_cmpfloat (sm_record_get_score (meta, "claimed_approach"), ==, SM_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (a, "is_group"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (a, "consent_to_be_mapped"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (a, "lived_experience.relevant"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpint (sm_record_get_boolean (meta, "resources.payment_policy"), ==, SM_TRISTATE_UNKNOWN);

  /* "unknown" is kept, not dropped or turned into a default. */
  g_assert_nonnull (strstr (saved, "\"is_group\": \"unknown\""));
  g_assert_nonnull (strstr (saved, "\"influence\": \"unknown\""));
  g_assert_nonnull (strstr (saved, "\"design\": \"unknown\""));
}

#define BOM_TEXT "\xef\xbb\xbf{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"BOM\"}}"

static void
test_accept_bom (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (BOM_TEXT, strlen (BOM_TEXT));
  g_autoptr(SmMap) map = sm_test_load_bytes (bytes);
  g_autofree char *saved = sm_test_save_to_string (map);

  g_assert_cmpstr (sm_map_get_title (map), ==, "BOM");
  /* The mark is not written back. */
  g_assert_true (g_str_has_prefix (saved, "{\n"));
}

#define VERSION_2                                         \
  "{'format':'stakemap','version':2,'new_in_v2':{'x':1}," \
  "'stakeholders':[{'id':'a','name':'A','v2_member':true}]}"

static void
test_version_2_read_only (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (VERSION_2);
  g_autofree char *saved = sm_test_save_to_string (map);
  g_autofree char *dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "newer.stakemap", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) fresh = g_file_new_for_path (fresh_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gboolean         read_only = FALSE;

  g_assert_cmpint (sm_map_get_version (map), ==, 2);
  g_assert_true (sm_map_get_read_only (map));
  g_object_get (map, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_nonnull (sm_map_lookup (map, "a"));
  /* Whatever writes it keeps the version it claims. */
  g_assert_nonnull (strstr (saved, "\"version\": 2,"));

  write_text_file (path, "the newer version's file");
  g_assert_false (sm_format_save_file (map, file, NULL, &error));
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_READ_ONLY);
  g_clear_error (&error);
  contents = read_text_file (path);
  g_assert_cmpstr (contents, ==, "the newer version's file");

  g_assert_false (sm_format_save_file (map, fresh, NULL, &error));
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_READ_ONLY);
  g_assert_false (g_file_test (fresh_path, G_FILE_TEST_EXISTS));

  remove_temp_dir (dir);
}

static void
test_version_large (void)
{
  g_autoptr(SmMap) map = sm_test_load_q ("{'format':'stakemap','version':9007199254740993}");

  g_assert_cmpint (sm_map_get_version (map), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_true (sm_map_get_read_only (map));
}

/* Round trips */

#define RICH                                                                                       \
  "{'format':'stakemap','version':1,"                                                              \
  "'top_future':{'a':[1,2.5,{'b':null}],'c':'d'},"                                                 \
  "'map':{'title':'T','map_future':1,"                                                             \
  "'snapshot':{'date':'2026-01-02','version':3,'snap_future':'x'},"                                \
  "'perspective':{'drawn_by':['a'],'method':'workshop','persp_future':true},"                      \
  "'goals':[{'id':'g1','label':'Clean air','goal_future':1}],"                                     \
  "'resources':{'involvement_budget':true,'res_future':[]}},"                                      \
  "'stakeholders':["                                                                               \
  "{'id':'a','name':'A','kind':'service_user','roles':['co_researcher'],"                          \
  "'lived_experience':{'relevant':true,'in_role':true,'of':'uses it','le_future':[]},"             \
  "'influence':6.5,'interest':9,'goal_positions':{'g1':'supports','g9':'opposes'},"                \
  "'assets':[{'type':'time','in_use':true,'asset_future':{'deep':1}},{'type':'skills'}],"          \
  "'remuneration':{'time_paid':'fee','rem_future':2.5},"                                           \
  "'participation_level':6,'participation_by_stage':{'design':6,'delivery':3},"                    \
  "'represents':['g'],'x':100,'y':-20.25,'st_future':'kept'},"                                     \
  "{'id':'b','name':'B','kind':'commissioner'}],"                                                  \
  "'relationships':[{'id':'r','source':'a','target':'b','category':'knowledge_advice',"            \
  "'power_difference':{'holder':'target','magnitude':2,'basis':['money'],'pd_future':'y'},"        \
  "'strength':3,'rel_future':0}],"                                                                 \
  "'spaces':[{'id':'sp','name':'Board','type':'invited',"                                          \
  "'members':[{'stakeholder':'a','role':'chair','member_future':'z'},{'stakeholder':'b'}],"        \
  "'space_future':1}],"                                                                            \
  "'decisions':[{'id':'d','title':'Hours','stage':'design','space_id':'sp',"                       \
  "'decided_by':['a','b'],'date':'2024-02-29','dec_future':{}}],"                                  \
  "'affected_groups':[{'id':'g','name':'Parents','estimated_size':300,'ag_future':[]}],"           \
  "'annotations':[{'id':'n','text':'note','x':1.5,'y':2,'refers_to':['r','a'],'ann_future':'w'}]," \
  "'regions':[{'id':'rg','label':'Inner circle','shape':'ellipse','x':-10,'y':20.5,"               \
  "'width':300,'height':0.25,'colour':'blue','notes':'n','reg_future':[1]},"                       \
  "{'id':'rg2','shape':'hexagon','colour':'teal','width':1000000,'height':1}],"                    \
  "'top_future_2':'last'}"

/* Every level's unknown member survives, and nothing else changes. */
static void
test_round_trip_unknown_members (void)
{
  g_autofree char *json = q (RICH);
  g_autofree char *saved = resave_string (json);
  g_autoptr(JsonNode) before = parse_with_json_glib (json);
  g_autoptr(JsonNode) after = parse_with_json_glib (saved);
  static const char *const names[] = {
    "top_future",
    "top_future_2",
    "map_future",
    "snap_future",
    "persp_future",
    "goal_future",
    "res_future",
    "le_future",
    "asset_future",
    "rem_future",
    "st_future",
    "pd_future",
    "rel_future",
    "member_future",
    "space_future",
    "dec_future",
    "ag_future",
    "ann_future",
    "reg_future",
  };

  g_assert_true (json_node_equal (before, after));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *needle = g_strdup_printf ("\"%s\":", names[i]);
      g_assert_nonnull (strstr (saved, needle));
    }
}

/* Each unknown member also counts on its own: dropping any one of them
 * shows up as a difference. */
static void
test_round_trip_compares_trees (void)
{
  g_autofree char *json = q (RICH);
  g_autoptr(JsonNode) before = parse_with_json_glib (json);
  g_autoptr(JsonNode) changed = parse_with_json_glib (json);
  JsonObject *top = json_node_get_object (changed);
  JsonObject *rel = json_array_get_object_element (json_object_get_array_member (top, "relationships"), 0);

  json_object_remove_member (json_object_get_object_member (rel, "power_difference"), "pd_future");
  g_assert_false (json_node_equal (before, changed));
}

static void
test_round_trip_byte_identical (void)
{
  g_autofree char *first = resave_q (RICH);
  g_autofree char *second = resave_string (first);
  g_autofree char *third = resave_string (second);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (second, ==, third);
}

#define SCRAMBLED                                                                         \
  "{'annotations':[],'later':true,"                                                       \
  "'stakeholders':[{'zeta':1,'y':2,'name':'A','alpha':2,'influence':3,"                   \
  "'id':'a','x':1,'kind':'carer','lived_experience':{'of':'x','zz':1,'relevant':true}}]," \
  "'version':1,'map':{'title':'T','extra':1,'id':'m'},'format':'stakemap','earlier':false}"

static void
test_round_trip_member_order (void)
{
  g_autofree char *saved = resave_q (SCRAMBLED);

  g_assert_cmpstr (saved, ==,
                   "{\n"
                   "  \"format\": \"stakemap\",\n"
                   "  \"version\": 1,\n"
                   "  \"map\": {\n"
                   "    \"id\": \"m\",\n"
                   "    \"title\": \"T\",\n"
                   "    \"extra\": 1\n"
                   "  },\n"
                   "  \"stakeholders\": [\n"
                   "    {\n"
                   "      \"id\": \"a\",\n"
                   "      \"name\": \"A\",\n"
                   "      \"kind\": \"carer\",\n"
                   "      \"lived_experience\": {\n"
                   "        \"relevant\": true,\n"
                   "        \"of\": \"x\",\n"
                   "        \"zz\": 1\n"
                   "      },\n"
                   "      \"influence\": 3,\n"
                   "      \"x\": 1,\n"
                   "      \"y\": 2,\n"
                   "      \"zeta\": 1,\n"
                   "      \"alpha\": 2\n"
                   "    }\n"
                   "  ],\n"
                   "  \"relationships\": [],\n"
                   "  \"spaces\": [],\n"
                   "  \"decisions\": [],\n"
                   "  \"affected_groups\": [],\n"
                   "  \"annotations\": [],\n"
                   "  \"later\": true,\n"
                   "  \"earlier\": false\n"
                   "}\n");
}

#define DOUBLES                                                                 \
  HEAD "'stakeholders':[{'id':'a','name':'A','x':0.30000000000000004,'y':-0.1," \
       "'influence':9.999999999999998}],"                                       \
       "'doubles':[0.30000000000000004,0.1,1e300,2.0,123456789.12345679,-0.0,"  \
       "5e-324,1.7976931348623157e308,2.2250738585072014e-308,1e21,100.0]}"

static void
test_round_trip_doubles (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (DOUBLES);
  g_autofree char *saved = sm_test_save_to_string (map);
  g_autoptr(GBytes) bytes = g_bytes_new (saved, strlen (saved));
  g_autoptr(SmMap) again = sm_test_load_bytes (bytes);
  SmRecord  *a = sm_map_lookup (again, "a");
  JsonArray *before = json_object_get_array_member (sm_map_get_extra (map), "doubles");
  JsonArray *after = json_object_get_array_member (sm_map_get_extra (again), "doubles");
  double     sum = 0.1;

  sum += 0.2;
  g_assert_cmpfloat (sm_record_get_number (a, "x", 0), ==, sum);
  g_assert_cmpfloat (sm_record_get_number (a, "y", 0), ==, -0.1);
  g_assert_cmpfloat (sm_record_get_score (a, "influence"), ==, 9.999999999999998);
  g_assert_nonnull (strstr (saved, "\"x\": 0.30000000000000004,"));

  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before));
  for (guint i = 0; i < json_array_get_length (before); i++)
    {
      JsonNode *b = json_array_get_element (before, i);
      JsonNode *c = json_array_get_element (after, i);
      double    vb = json_node_get_double (b);
      double    vc = json_node_get_double (c);

      g_assert_cmpint (json_node_get_value_type (b), ==, G_TYPE_DOUBLE);
      g_assert_cmpint (json_node_get_value_type (c), ==, G_TYPE_DOUBLE);
      /* Bit for bit, so -0.0 keeps its sign. */
      g_assert_cmpmem (&vb, sizeof vb, &vc, sizeof vc);
    }
}

#define NUMBERS                                                                   \
  HEAD "'stakeholders':[{'id':'a','name':'A','influence':2,'interest':2.0,"       \
       "'legitimacy':0,'urgency':0.0,'group_size':1000000000000000}],"            \
       "'ints':[9007199254740993,-9223372036854775808,9223372036854775807,0,-1]," \
       "'reals':[2.0,1E2,-3.0e0,0.5]}"

static void
test_round_trip_integers_and_doubles (void)
{
  g_autofree char *saved = resave_q (NUMBERS);
  g_autofree char *again = resave_string (saved);
  g_autoptr(JsonNode) tree = parse_with_json_glib (saved);
  JsonObject *top = json_node_get_object (tree);
  JsonArray  *ints = json_object_get_array_member (top, "ints");
  JsonArray  *reals = json_object_get_array_member (top, "reals");

  g_assert_nonnull (strstr (saved, "\"influence\": 2,\n"));
  g_assert_nonnull (strstr (saved, "\"interest\": 2.0,\n"));
  g_assert_nonnull (strstr (saved, "\"legitimacy\": 0,\n"));
  g_assert_nonnull (strstr (saved, "\"urgency\": 0.0\n"));
  g_assert_nonnull (strstr (saved, "\"group_size\": 1000000000000000,\n"));
  g_assert_nonnull (strstr (saved, "9007199254740993,"));
  g_assert_nonnull (strstr (saved, "-9223372036854775808,"));
  g_assert_nonnull (strstr (saved, "9223372036854775807,"));

  for (guint i = 0; i < json_array_get_length (ints); i++)
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (ints, i)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (ints, 0), ==, G_GINT64_CONSTANT (9007199254740993));
  for (guint i = 0; i < json_array_get_length (reals); i++)
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (reals, i)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (reals, 1), ==, 100.0);

  g_assert_cmpstr (saved, ==, again);
}

/* Escapes, control characters, emoji (as UTF-8 and as a surrogate pair)
 * and an apostrophe, in a value and in a member name. */
#define STRINGS                                                                                                   \
  "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[{\"id\":\"a\","                                       \
  "\"name\":\"Zo\\u00eb \xf0\x9f\x8c\x8d \\\"Q\\\"\\n\\ttab\\u0001 \\\\ \\/ \\ud83d\\ude00 it's\\u007f\\u0085\"," \
  "\"we\\\"ird\\nname\\u001f\":\"\\r\\b\\f\"}]}"
#define STRINGS_NAME "Zo\xc3\xab \xf0\x9f\x8c\x8d \"Q\"\n\ttab\001 \\ / \xf0\x9f\x98\x80 it's\x7f\xc2\x85"

static void
test_round_trip_strings (void)
{
  g_autofree char *saved = resave_string (STRINGS);
  g_autoptr(GBytes) bytes = g_bytes_new (saved, strlen (saved));
  g_autoptr(SmMap) map = sm_test_load_bytes (bytes);
  g_autofree char *again = sm_test_save_to_string (map);
  SmRecord        *a = sm_map_lookup (map, "a");

  g_assert_cmpstr (sm_stakeholder_get_name (a), ==, STRINGS_NAME);
  g_assert_cmpstr (sm_record_get_string (a, "we\"ird\nname\037"), ==, "\r\b\f");
  g_assert_nonnull (strstr (saved,
                            "\"name\": \"Zo\xc3\xab \xf0\x9f\x8c\x8d \\\"Q\\\"\\n\\ttab\\u0001 \\\\ / "
                            "\xf0\x9f\x98\x80 it's\\u007f\\u0085\""));
  g_assert_nonnull (strstr (saved, "\"we\\\"ird\\nname\\u001f\": \"\\r\\b\\f\""));
  g_assert_cmpstr (saved, ==, again);
}

/* The evaluation member: kept whole, unknown parts included, and written
 * with its known members in a fixed order. */

#define EVALUATION                                                                                       \
  "{'format':'stakemap','version':1,'map':{'snapshot':{'date':'2026-03-01','version':2}},"               \
  "'evaluation':{'eval_future':{'a':1},"                                                                 \
  "'snapshots':[{'principles':{'P1':'not_met','P2':'someday_status'},'date':'2026-03-01',"               \
  "'version':2,'recorded_at':'2026-03-01T10:00:00Z','snap_future':true,"                                 \
  "'rules':{'SP-01':{'value':2.55,'status':'fail'},'SP-02':{'value':null,'status':'not_applicable'}}}]," \
  "'responses':[{'text':'We talked','id':'r1','rule':'SP-01','kind':'discuss','by':'Ann',"               \
  "'at':'2026-03-02T09:00:00Z'},{'id':'r2','rule':'SP-02','kind':'future_kind','text':'x'}],"            \
  "'threshold_log':[{'key':'sp01.warn_ratio','old':1.5,'new':2.5,'by':'Ann',"                            \
  "'at':'2026-03-01T09:00:00+01:00','reason':'The board agreed'}],"                                      \
  "'thresholds':{'sp01.warn_ratio':2.5,'zz99.future_key':-3}}}"

static void
test_evaluation_round_trip (void)
{
  g_autofree char *json = q (EVALUATION);
  g_autofree char *first = resave_string (json);
  g_autofree char *second = resave_string (first);
  g_autoptr(JsonNode) before = parse_with_json_glib (json);
  g_autoptr(JsonNode) after = parse_with_json_glib (first);
  const char *order[] = {
    "\"thresholds\"",
    "\"threshold_log\"",
    "\"responses\"",
    "\"snapshots\"",
    "\"eval_future\"",
  };
  const char *at = first;

  /* Nothing lost, unknown threshold keys, kinds and members included. */
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (before), "evaluation"),
                                  json_object_get_member (json_node_get_object (after), "evaluation")));
  g_assert_nonnull (strstr (first, "\"zz99.future_key\": -3"));
  g_assert_nonnull (strstr (first, "\"kind\": \"future_kind\""));
  g_assert_nonnull (strstr (first, "\"snap_future\": true"));
  g_assert_cmpstr (first, ==, second);

  /* Known members first, in the documented order; elements too. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *found = strstr (at, order[i]);

      g_assert_nonnull (found);
      at = found;
    }
  g_assert_nonnull (strstr (first, "{\n        \"id\": \"r1\",\n        \"rule\": \"SP-01\",\n"
                                   "        \"kind\": \"discuss\",\n        \"text\": \"We talked\","));
  g_assert_nonnull (strstr (first, "{\n        \"date\": \"2026-03-01\",\n        \"version\": 2,\n"
                                   "        \"recorded_at\": \"2026-03-01T10:00:00Z\",\n        \"rules\": {"));
  /* After the records, before members this version does not know. */
  g_assert_true (strstr (first, "\"annotations\"") < strstr (first, "\"evaluation\""));
}

/* Absent stays absent, so maps saved before the member existed keep their
 * bytes; an empty one that is present stays present. */
static void
test_evaluation_absent_or_empty (void)
{
  g_autofree char *absent = resave_q ("{'format':'stakemap','version':1,'map':{'title':'First'}}");
  g_autofree char *empty = resave_q ("{'format':'stakemap','version':1,'evaluation':{},'z':1}");

  g_assert_null (strstr (absent, "evaluation"));
  g_assert_nonnull (strstr (empty, "\"evaluation\": {},\n  \"z\": 1\n}"));
}

/* Regions load as records of their own, keep shapes and colours this
 * version does not know, and are written after the notes; a map with none
 * is written without the member, as before regions existed. */
static void
test_regions_round_trip (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (RICH);
  g_autofree char *saved = sm_test_save_to_string (map);
  g_autofree char *none = resave_q ("{'format':'stakemap','version':1,'regions':[]}");
  SmCollection    *regions = sm_map_get_collection (map, SM_RECORD_REGION);
  SmRecord        *inner = sm_map_lookup (map, "rg");
  SmRecord        *odd = sm_map_lookup (map, "rg2");

  g_assert_cmpuint (sm_collection_get_size (regions), ==, 2);
  g_assert_nonnull (inner);
  g_assert_cmpint (sm_record_get_kind (inner), ==, SM_RECORD_REGION);
  g_assert_cmpstr (sm_record_get_label (inner), ==, "Inner circle");
  g_assert_cmpstr (sm_record_get_enum (inner, "shape"), ==, "ellipse");
  g_assert_cmpfloat (sm_record_get_number (inner, "y", 0), ==, 20.5);
  g_assert_cmpfloat (sm_record_get_number (inner, "height", 0), ==, 0.25);
  g_assert_cmpstr (sm_record_get_string (odd, "colour"), ==, "teal");
  g_assert_cmpstr (sm_record_get_enum (odd, "colour"), ==, "unknown");
  g_assert_nonnull (strstr (saved, "\"hexagon\""));
  g_assert_true (strstr (saved, "\"annotations\"") < strstr (saved, "\"regions\""));
  g_assert_true (strstr (saved, "\"regions\"") < strstr (saved, "\"top_future\""));
  g_assert_null (strstr (none, "regions"));
}

/* Saved files are what other tools read: check them with the JSON Schema. */

static gboolean
schema_tools_available (char **python_out)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  const char      *argv[] = { NULL, "-c", "import jsonschema", NULL };
  int              status = 0;

  if (python == NULL)
    return FALSE;
  argv[0] = python;
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  *python_out = g_steal_pointer (&python);
  return TRUE;
}

/* Runs check-schema.py on @files; TRUE when it says all are valid. */
static gboolean
run_check_schema (const char *python,
                  GPtrArray  *files,
                  char      **output)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-schema.py", NULL);
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "stakemap.schema.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_file_test (script, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (schema, G_FILE_TEST_EXISTS));

  g_ptr_array_add (argv, (char *) python);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, schema);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (files, i));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  *output = g_strconcat (out, err, NULL);
  return g_spawn_check_wait_status (status, NULL);
}

#define FIRST "{'format':'stakemap','version':1,'map':{'title':'First'}}"
#define SECOND "{'format':'stakemap','version':1,'map':{'title':'Second'},'stakeholders':[{'id':'a','name':'A'}]}"

static const char *const written_documents[] = {
  FIRST,
  SECOND,
  "{'format':'stakemap','version':1}",
  RICH,
  SCRAMBLED,
  DOUBLES,
  NUMBERS,
  UNKNOWN_ENUMS,
  UNKNOWN_VALUES,
  EVALUATION,
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
example_files (void)
{
  GPtrArray       *files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *examples = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autofree char *worked = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  g_autoptr(GDir) dir = g_dir_open (examples, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".stakemap"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_build_filename (examples, g_ptr_array_index (names, i), NULL));
  if (g_file_test (worked, G_FILE_TEST_EXISTS))
    g_ptr_array_add (files, g_steal_pointer (&worked));
  return files;
}

static char *
load_and_save_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return sm_test_save_to_string (map);
}

static void
test_schema_written_files (void)
{
  g_autofree char *python = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) examples = example_files ();
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bad_path = NULL;
  gboolean         valid;

  if (!schema_tools_available (&python))
    {
      g_test_skip ("python3 with jsonschema is not installed");
      return;
    }

  dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  for (guint i = 0; i < G_N_ELEMENTS (written_documents); i++)
    {
      g_autofree char *saved = resave_q (written_documents[i]);
      char            *path = g_strdup_printf ("%s/written-%u.stakemap", dir, i);

      write_text_file (path, saved);
      g_ptr_array_add (files, path);
    }
  {
    g_autofree char *saved = resave_string (STRINGS);
    char            *path = g_build_filename (dir, "strings.stakemap", NULL);

    write_text_file (path, saved);
    g_ptr_array_add (files, path);
  }
  {
    g_autofree char *deep = nested_objects (61);
    g_autofree char *saved = resave_q (deep);
    char            *path = g_build_filename (dir, "deep.stakemap", NULL);

    write_text_file (path, saved);
    g_ptr_array_add (files, path);
  }
  for (guint i = 0; i < examples->len; i++)
    {
      g_autofree char *saved = load_and_save_file (g_ptr_array_index (examples, i));
      char            *path = g_strdup_printf ("%s/example-%u.stakemap", dir, i);

      write_text_file (path, saved);
      g_ptr_array_add (files, path);
    }

  valid = run_check_schema (python, files, &output);
  if (!valid)
    g_test_message ("%s", output);
  g_assert_true (valid);

  /* And the checker does refuse what the loader refuses. */
  bad_path = g_build_filename (dir, "bad.stakemap", NULL);
  {
    g_autofree char *text = q (HEAD ONE_WITH ("'influence':11") "}");
    write_text_file (bad_path, text);
  }
  g_ptr_array_add (bad, g_strdup (bad_path));
  g_clear_pointer (&output, g_free);
  g_assert_false (run_check_schema (python, bad, &output));
  g_assert_nonnull (strstr (output, "$.stakeholders[0].influence"));

  remove_temp_dir (dir);
}

/* What the loader refuses in the evaluation member, the schema checker
 * refuses too, at the same place. */
static void
test_schema_evaluation_refusals (void)
{
  static const struct
  {
    const char *text;
    const char *where;
  } bad[] = {
    { HEAD "'evaluation':{'thresholds':{'sp01.warn_ratio':'high'}}}", "$.evaluation.thresholds[\"sp01.warn_ratio\"]" },
    { HEAD "'evaluation':{'threshold_log':[{'key':'sp01.floor','old':0.5,'new':1}]}}", "$.evaluation.threshold_log[0]" },
    { HEAD "'evaluation':{'responses':[{'id':'r1','rule':'SP-01','kind':'discuss','text':'a'},"
           "{'id':'r1','rule':'SP-02','kind':'differ','text':'b'}]}}",
      "$.evaluation.responses[1].id" },
    { HEAD "'evaluation':{'responses':[{'id':'r1','rule':'SP-01','kind':'We Differ','text':'a'}]}}",
      "$.evaluation.responses[0].kind" },
    { HEAD "'evaluation':{'snapshots':[{'date':'2026-02-30'}]}}", "$.evaluation.snapshots[0].date" },
    { HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01'},{'date':'2026-02-01','version':0}]}}",
      "$.evaluation.snapshots[1]" },
    { HEAD "'evaluation':{'snapshots':[{'date':'2026-02-01','rules':{'SP-01':{'value':'2.5'}}}]}}",
      "$.evaluation.snapshots[0].rules[\"SP-01\"].value" },
    { HEAD "'regions':[{'id':'rg','width':0,'height':1}]}", "$.regions[0].width" },
    { HEAD "'regions':[{'id':'rg','width':1,'height':2000000}]}", "$.regions[0].height" },
    { HEAD TWO ",'regions':[{'id':'a','width':1,'height':1}]}", "$.regions[0].id" },
  };
  g_autofree char *python = NULL;
  g_autofree char *dir = NULL;

  if (!schema_tools_available (&python))
    {
      g_test_skip ("python3 with jsonschema is not installed");
      return;
    }

  dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = q (bad[i].text);
      g_autofree char *path = g_strdup_printf ("%s/bad-%u.stakemap", dir, i);
      g_autofree char *output = NULL;

      write_text_file (path, text);
      g_ptr_array_add (files, g_strdup (path));
      g_assert_false (run_check_schema (python, files, &output));
      g_test_message ("%s", output);
      g_assert_nonnull (strstr (output, bad[i].where));
    }
  remove_temp_dir (dir);
}

static void
test_round_trip_examples (void)
{
  g_autoptr(GPtrArray) files = example_files ();

  g_assert_cmpuint (files->len, >=, 1);
  for (guint i = 0; i < files->len; i++)
    {
      const char      *path = g_ptr_array_index (files, i);
      g_autofree char *first = load_and_save_file (path);
      g_autofree char *second = resave_string (first);

      g_test_message ("%s", path);
      g_assert_cmpstr (first, ==, second);
    }
}

/* Saving to disk */

static void
test_save_writes_file (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (RICH);
  g_autofree char *expected = sm_test_save_to_string (map);
  g_autofree char *dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(SmMap) again = NULL;

  g_assert_true (sm_format_save_file (map, file, NULL, &error));
  g_assert_no_error (error);
  contents = read_text_file (path);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  again = sm_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sm_map_get_title (again), ==, "T");

  remove_temp_dir (dir);
}

static void
test_save_keeps_backup (void)
{
  g_autoptr(SmMap) first = sm_test_load_q (FIRST);
  g_autoptr(SmMap) second = sm_test_load_q (SECOND);
  g_autofree char *first_text = sm_test_save_to_string (first);
  g_autofree char *second_text = sm_test_save_to_string (second);
  g_autofree char *dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup_contents = NULL;

  g_assert_true (sm_format_save_file (first, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sm_format_save_file (second, file, NULL, &error));
  g_assert_no_error (error);

  contents = read_text_file (path);
  backup_contents = read_text_file (backup);
  g_assert_cmpstr (contents, ==, second_text);
  g_assert_cmpstr (backup_contents, ==, first_text);

  remove_temp_dir (dir);
}

static void
test_save_missing_parent (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (RICH);
  g_autofree char *dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  g_autofree char *parent = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (parent, "map.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (sm_format_save_file (map, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));

  remove_temp_dir (dir);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A save that fails half-way leaves the old file as it was, and no
 * temporary file behind. */
static void
test_save_failure_keeps_old_file (void)
{
  g_autoptr(SmMap) map = sm_test_load_q (RICH);
  g_autofree char *dir = sm_test_make_temp_dir ("test-format-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "map.stakemap", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *blocker = g_build_filename (backup, "keep", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  write_text_file (path, "old content");

  /* The backup cannot be made: FILE~ is a folder that is not empty. */
  g_assert_cmpint (g_mkdir (backup, 0755), ==, 0);
  write_text_file (blocker, "");
  g_assert_false (sm_format_save_file (map, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANT_CREATE_BACKUP);
  g_clear_error (&error);
  contents = read_text_file (path);
  g_assert_cmpstr (contents, ==, "old content");
  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_unlink (blocker);
  g_rmdir (backup);

  /* A folder that cannot be written to (root may write anywhere). */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_false (sm_format_save_file (map, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_chmod (dir, 0755);
      g_clear_pointer (&contents, g_free);
      contents = read_text_file (path);
      g_assert_cmpstr (contents, ==, "old content");
      g_assert_cmpuint (count_entries (dir), ==, 1);
    }
  else
    g_test_message ("running as root: the read-only folder case is not tested");

  remove_temp_dir (dir);
}

/* sm_format_check_bytes */

static void
test_check_all_problems (void)
{
  g_autoptr(GBytes) bytes =
               bytes_q (HEAD "'stakeholders':[{'id':'a','influence':11},{'id':'b','name':'B'}],"
                             "'relationships':[{'id':'r','source':'a','target':'zz'}]}");
  g_autoptr(GPtrArray) problems = sm_format_check_bytes (bytes, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);

  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "$.stakeholders[0].name: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "$.stakeholders[0].influence: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "$.relationships[0].target: "));

  /* Loading names the first and counts the rest. */
  g_assert_null (map);
  g_assert_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, g_ptr_array_index (problems, 0)));
  g_assert_nonnull (strstr (error->message, "2"));
}

static void
test_check_cap (void)
{
  GString *text = g_string_new (HEAD "'stakeholders':[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_problems = 0;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "%s{'id':'s%u','name':'S','influence':11}", i > 0 ? "," : "", i);
  g_string_append (text, "]}");
  bytes = bytes_q (text->str);
  g_string_free (text, TRUE);

  problems = sm_format_check_bytes (bytes, &n_problems);
  g_assert_cmpuint (problems->len, ==, SM_FORMAT_MAX_PROBLEMS);
  g_assert_cmpuint (n_problems, ==, 150);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "$.stakeholders[0].influence: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, SM_FORMAT_MAX_PROBLEMS - 1),
                                   "$.stakeholders[99].influence: "));

  /* The count in the message covers every problem, not only those listed. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SmMap) map = sm_format_load_bytes (bytes, &error);

    g_assert_null (map);
    g_assert_nonnull (strstr (error->message, "(and 149 more problems)"));
  }
}

static void
test_check_valid_and_broken (void)
{
  g_autoptr(GBytes) good = bytes_q (RICH);
  g_autoptr(GBytes) broken = bytes_q ("{\n'format':\n");
  g_autoptr(GPtrArray) none = sm_format_check_bytes (good, NULL);
  g_autoptr(GPtrArray) one = sm_format_check_bytes (broken, NULL);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (one, 0), "line 3, column 1: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Report every failing case, not only the first. */
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/format/refuse/%s", refusals[i].path);
      g_test_add_data_func (path, &refusals[i], test_refusal);
    }
  g_test_add_func ("/core/format/refuse/encoding/nul-byte", test_refuse_nul_byte);
  g_test_add_func ("/core/format/refuse/encoding/nul-byte-at-end", test_refuse_nul_byte_at_end);
  g_test_add_func ("/core/format/refuse/number/400-digits", test_refuse_400_digits);
  g_test_add_func ("/core/format/refuse/depth/arrays-200000", test_refuse_deep_arrays);
  g_test_add_func ("/core/format/refuse/depth/objects-65", test_refuse_deep_objects);
  g_test_add_func ("/core/format/refuse/size/bytes", test_refuse_too_large_bytes);
  g_test_add_func ("/core/format/refuse/size/dev-zero", test_refuse_dev_zero);
  g_test_add_func ("/core/format/refuse/size/large-file-unread", test_refuse_large_file_unread);

  g_test_add_func ("/core/format/accept/minimal", test_accept_minimal);
  g_test_add_func ("/core/format/accept/number/300-digits", test_accept_300_digits);
  g_test_add_func ("/core/format/accept/depth/objects-64", test_accept_depth_64);
  g_test_add_func ("/core/format/accept/depth/unknown-member-60", test_accept_deep_unknown_member);
  g_test_add_func ("/core/format/accept/size/at-limit", test_size_limit_is_inclusive);
  g_test_add_func ("/core/format/accept/unknown-enum-value", test_accept_unknown_enum_value);
  g_test_add_func ("/core/format/accept/unknown", test_accept_unknown);
  g_test_add_func ("/core/format/accept/bom", test_accept_bom);
  g_test_add_func ("/core/format/accept/version-2-read-only", test_version_2_read_only);
  g_test_add_func ("/core/format/accept/version-large", test_version_large);

  g_test_add_func ("/core/format/round-trip/unknown-members", test_round_trip_unknown_members);
  g_test_add_func ("/core/format/round-trip/tree-comparison-sees-loss", test_round_trip_compares_trees);
  g_test_add_func ("/core/format/round-trip/byte-identical", test_round_trip_byte_identical);
  g_test_add_func ("/core/format/round-trip/member-order", test_round_trip_member_order);
  g_test_add_func ("/core/format/round-trip/doubles", test_round_trip_doubles);
  g_test_add_func ("/core/format/round-trip/integers-and-doubles", test_round_trip_integers_and_doubles);
  g_test_add_func ("/core/format/round-trip/strings", test_round_trip_strings);
  g_test_add_func ("/core/format/round-trip/examples", test_round_trip_examples);
  g_test_add_func ("/core/format/round-trip/evaluation", test_evaluation_round_trip);
  g_test_add_func ("/core/format/round-trip/regions", test_regions_round_trip);
  g_test_add_func ("/core/format/round-trip/evaluation-absent-or-empty", test_evaluation_absent_or_empty);
  g_test_add_func ("/core/format/schema/written-files", test_schema_written_files);
  g_test_add_func ("/core/format/schema/evaluation-refusals", test_schema_evaluation_refusals);

  g_test_add_func ("/core/format/save/writes-file", test_save_writes_file);
  g_test_add_func ("/core/format/save/keeps-backup", test_save_keeps_backup);
  g_test_add_func ("/core/format/save/missing-parent", test_save_missing_parent);
  g_test_add_func ("/core/format/save/failure-keeps-old-file", test_save_failure_keeps_old_file);

  g_test_add_func ("/core/format/check/all-problems", test_check_all_problems);
  g_test_add_func ("/core/format/check/cap", test_check_cap);
  g_test_add_func ("/core/format/refuse/messages-name-bounds", test_refuse_messages_name_bounds);
  g_test_add_func ("/core/format/check/valid-and-broken", test_check_valid_and_broken);

  return g_test_run ();
}

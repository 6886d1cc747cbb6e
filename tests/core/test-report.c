/* test-report.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sm-easy-read.h"
#include "sm-format.h"
#include "sm-report-private.h"
#include "sm-report.h"
#include "sm-test-utils.h"

/* The evaluation report as the core makes it: the same map and date give
 * the same PDF, the map it is made from is left alone (names included),
 * and writing replaces the file in one step or says which file it could
 * not write. What the pages say is read back by tests/core/test-cli.py. */

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2030, 1, 2, 3, 4, 5);
}

static GBytes *
make_report (SmMap         *map,
             SmLens         lens,
             SmReportStyle  style,
             SmReportFormat format,
             GDateTime     *now)
{
  SmReportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  options.lens = lens;
  options.style = style;
  options.format = format;
  options.now = now;
  bytes = sm_report_make (map, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* The HTML report as a string. */
static char *
make_html (SmMap        *map,
           SmReportStyle style)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GBytes) bytes = make_report (map, SM_LENS_NONE, style, SM_REPORT_HTML, now);
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (g_utf8_validate (data, size, NULL));
  return g_strndup (data, size);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize       size, n = strlen (needle);
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
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;

  one = make_report (map, SM_LENS_NONE, SM_REPORT_FULL, SM_REPORT_PDF, now);
  two = make_report (map, SM_LENS_NONE, SM_REPORT_FULL, SM_REPORT_PDF, now);
  g_assert_cmpmem (g_bytes_get_data (one, NULL), 5, "%PDF-", 5);
  g_assert_true (g_bytes_equal (one, two));
  /* The injected date is the report's date, down to the metadata. */
  g_assert_true (bytes_contain (one, "20300102030405"));
}

static void
test_report_leaves_map_alone (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GBytes) before = sm_format_save_to_bytes (map);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) pdf = NULL;
  SmRecord *sub = sm_map_lookup (map, "SUB");

  pdf = make_report (map, SM_LENS_ELUCIDATION, SM_REPORT_EASY_READ, SM_REPORT_HTML, now);
  /* Service user B has not said yes to being named: hidden in the report,
   * but still themselves on the map the group is editing. */
  g_assert_cmpstr (sm_stakeholder_get_name (sub), ==, "Service user B");
  after = sm_format_save_to_bytes (map);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_report_write (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stakemap-report-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  SmReportOptions options = { 0 };
  gsize           length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  g_assert_true (g_file_set_contents (path, "an older report", -1, &error));
  g_assert_no_error (error);

  options.now = now;
  g_assert_true (sm_report_write (map, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);

  /* Nothing but the report is left in the folder. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "report.pdf");
  g_assert_null (g_dir_read_name (listing));

  missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_assert_false (sm_report_write (map, &options, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_report_empty_map (void)
{
  g_autoptr(SmMap) map = sm_map_new ();

  /* Every version, in both formats, of a map with nothing on it. */
  for (SmReportStyle style = SM_REPORT_FULL; style <= SM_REPORT_EASY_READ; style++)
    {
      g_autoptr(GBytes) pdf = make_report (map, SM_LENS_NONE, style, SM_REPORT_PDF, NULL);
      g_autofree char *html = make_html (map, style);

      g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
      g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
      g_assert_true (g_str_has_suffix (html, "</html>\n"));
    }
}

/* The HTML report: the same findings as the PDF, the map drawn inline with
 * a table beside it, nothing fetched from elsewhere, names hidden. */
static void
test_report_html (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autofree char *html = make_html (map, SM_REPORT_FULL);
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\""));
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, "<img src=\"data:image/svg+xml;base64,"));
  g_assert_nonnull (strstr (html, "The map as a table"));
  g_assert_null (strstr (html, "http://"));
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "<script"));
  /* Every principle and every finding's question and action. */
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    g_assert_nonnull (strstr (html, eval->principles[p].name));
  g_assert_nonnull (strstr (html, "<h4>"));
  g_assert_nonnull (strstr (html, "SP-01"));
  g_assert_nonnull (strstr (html, "Thresholds in use"));
  g_assert_nonnull (strstr (html, "Arnstein, S. R. (1969)"));
  /* Service user B has not said yes to being named. */
  g_assert_null (strstr (html, "Service user B"));
  g_assert_nonnull (strstr (html, "Participant 7"));
  g_assert_null (strstr (html, "Unnamed participant"));
}

/* Whatever people type goes into the page as text, never as markup. */
static void
test_report_html_escapes (void)
{
  static const char json[] =
    "{\"format\":\"stakemap\",\"version\":1,"
    "\"map\":{\"title\":\"Rent & repairs <b>now</b>\\u0001\",\"purpose\":\"Bell\\u0007, tab\\u000b, del\\u007f, nel\\u0085\"},"
    "\"stakeholders\":[{\"id\":\"a\",\"name\":\"<script>alert(1)</script>\","
    "\"consent_to_be_mapped\":true,\"x\":10,\"y\":20}]}";
  g_autoptr(SmMap) map = sm_test_load (json);
  g_autofree char *html = NULL;

  for (SmReportStyle style = SM_REPORT_FULL; style <= SM_REPORT_EASY_READ; style++)
    {
      g_free (html);
      html = make_html (map, style);
      g_assert_null (strstr (html, "<script>"));
      g_assert_null (strstr (html, "<b>now</b>"));
      g_assert_nonnull (strstr (html, "Rent &amp; repairs &lt;b&gt;now&lt;/b&gt;"));
      /* No control characters, nor references to them. */
      g_assert_null (strstr (html, "&#x"));
      for (const char *p = html; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_assert_true ((c >= 0x20 && (c < 0x7f || c > 0x9f)) || c == '\n' || c == '\t');
        }
    }
  g_assert_nonnull (strstr (html, "Easy read"));
  html = (g_free (html), make_html (map, SM_REPORT_FULL));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/* The plain-language version: what needs a look, in full, with what to do;
 * what looks OK in a line; no measurements, no threshold table. */
static void
test_report_plain (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autofree char *html = make_html (map, SM_REPORT_PLAIN);
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);
  guint shown = 0;

  g_assert_nonnull (strstr (html, "plain-language version"));
  g_assert_null (strstr (html, "Measured:"));
  g_assert_null (strstr (html, "Thresholds in use"));
  g_assert_null (strstr (html, "[J]"));
  g_assert_null (strstr (html, "Indicative index"));
  for (guint i = 0; i < eval->rules->len; i++)
    {
      SmRuleResult    *res = g_ptr_array_index (eval->rules, i);
      g_autofree char *question = g_markup_escape_text (sm_rule_def_get_question (res->rule), -1);

      if (res->status == SM_RULE_WARN || res->status == SM_RULE_FAIL)
        {
          g_autofree char *action = g_markup_escape_text (res->action, -1);

          g_assert_nonnull (strstr (html, action));
          shown++;
        }
      if (res->status == SM_RULE_PASS)
        g_assert_nonnull (strstr (html, question));
    }
  g_assert_cmpuint (shown, >, 5);
  g_assert_nonnull (strstr (html, "These look OK:"));
  /* The data-quality checks that look OK are listed too (DQ-02 here). */
  for (guint i = 0; i < eval->checks->len; i++)
    {
      SmRuleResult    *res = g_ptr_array_index (eval->checks, i);
      g_autofree char *question = g_markup_escape_text (sm_rule_def_get_question (res->rule), -1);

      if (res->status == SM_RULE_PASS)
        {
          g_assert_nonnull (strstr (html, question));
          shown++;
        }
    }
  g_assert_cmpuint (shown, >, 6);
}

/* The easy-read version: each principle in easy words, its status in a
 * sentence, what needs work with what the group could do, and none of
 * the apparatus. */
static void
test_report_easy_read (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autofree char *html = make_html (map, SM_REPORT_EASY_READ);
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, NULL, SM_LENS_NONE);

  g_assert_nonnull (strstr (html, "<body class=\"easy-read\">"));
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      g_autofree char *name = g_markup_escape_text (sm_easy_read_principle_name (eval->principles[p].id), -1);

      g_assert_nonnull (strstr (html, name));
    }
  for (guint i = 0; i < eval->rules->len; i++)
    {
      SmRuleResult    *res = g_ptr_array_index (eval->rules, i);
      const char      *id = sm_rule_def_get_id (res->rule);
      g_autofree char *concern = g_markup_escape_text (sm_easy_read_rule (id, SM_EASY_CONCERN), -1);
      g_autofree char *ok = g_markup_escape_text (sm_easy_read_rule (id, SM_EASY_OK), -1);

      /* Sentences are set one to a line, so compare the first. */
      *strchr (concern, '.') = '\0';
      *strchr (ok, '.') = '\0';
      if (res->status == SM_RULE_WARN || res->status == SM_RULE_FAIL)
        g_assert_nonnull (strstr (html, concern));
      else if (res->status == SM_RULE_PASS)
        g_assert_nonnull (strstr (html, ok));
      else
        g_assert_null (strstr (html, concern));
    }
  g_assert_nonnull (strstr (html, "You could:"));
  g_assert_nonnull (strstr (html, "What next"));
  g_assert_null (strstr (html, "SP-01"));
  g_assert_null (strstr (html, "[J]"));
  g_assert_null (strstr (html, "threshold"));
  g_assert_null (strstr (html, "Service user B"));
}

/* A hidden name is hidden in every version and format, even with a full
 * stop inside it, in what the group wrote and in who wrote it. */
static void
test_report_hides_names_everywhere (void)
{
  static const char json[] =
    "{\"format\":\"stakemap\",\"version\":1,"
    "\"map\":{\"title\":\"Talks with Dr. Ahmed\",\"perspective\":{\"drawn_by\":[\"a\"]}},"
    "\"stakeholders\":[{\"id\":\"a\",\"name\":\"Dr. Ahmed\",\"x\":0,\"y\":0,"
    "\"lived_experience\":{\"relevant\":true,\"in_role\":true},\"influence\":1},"
    "{\"id\":\"b\",\"name\":\"Council\",\"is_group\":true,\"kind\":\"commissioner\",\"influence\":9,"
    "\"x\":100,\"y\":0},"
    "{\"id\":\"c\",\"name\":\"Tenants association\",\"kind\":\"community_org\",\"x\":50,\"y\":50}],"
    "\"evaluation\":{\"responses\":[{\"id\":\"q1\",\"rule\":\"SP-01\",\"kind\":\"discuss\","
    "\"by\":\"Dr. Ahmed\",\"at\":\"2026-01-01T00:00:00Z\","
    "\"text\":\"We asked Dr. Ahmed and the Tenants association chair about it.\"}]}}";
  g_autoptr(SmMap) map = sm_test_load (json);

  for (SmReportStyle style = SM_REPORT_FULL; style <= SM_REPORT_EASY_READ; style++)
    {
      g_autofree char *html = make_html (map, style);

      if (strstr (html, "Ahmed") != NULL)
        g_error ("%s version names a hidden person: …%.80s", sm_report_style_to_string (style),
                 strstr (html, "Ahmed") - 40);
      g_assert_nonnull (strstr (html, "Participant 1"));
      /* An organisation keeps its name, without is_group (issue 11). */
      g_assert_nonnull (strstr (html, "Tenants association"));
      g_assert_nonnull (strstr (html, "Participant 1 and the Tenants association chair"));
    }
}

/* A map with every input the rules read, so that most rules list
 * evidence by name, some of it hundreds of names long (as on a large
 * imported map); some people have not agreed to be named, and some names
 * are long enough to wrap. The same @seed gives the same map. */
static char *
random_map_json (guint   n,
                 guint32 seed)
{
  static const char *const kinds[] = { "service_user", "carer", "citizen", "professional", "manager",
                                       "commissioner", "community_org", "researcher", "elected_member", "advocate" };
  static const char *const consent[] = { "true", "false", "\"unknown\"" };
  static const char *const roles[] = { "service_user", "co_researcher", "peer_supporter", "carer" };
  static const char *const met[] = { "yes", "partly", "no" };
  static const char *const reciprocity[] = { "none", "some", "balanced", "unknown" };
  static const char *const power[] = { "visible", "hidden", "invisible", "unknown" };
  static const char *const space_types[] = { "closed", "invited", "claimed" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *json = g_string_new (NULL);
  guint    n_ties = 0;

  g_string_append_printf (json, "{\"format\": \"stakemap\", \"version\": 1, \"map\": {\"title\": \"Seed %u\", "
                                "\"claimed_approach\": 7, \"on_the_table\": [{\"item\": \"Hours\"}]}, "
                                "\"affected_groups\": [{\"id\": \"g0\", \"name\": \"Tenants\"}, "
                                "{\"id\": \"g1\", \"name\": \"Carers\"}], \"stakeholders\": [",
                          seed);
  for (guint i = 0; i < n; i++)
    {
      const char *kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];

      g_string_append_printf (json, "%s{\"id\": \"s%u\", \"name\": \"%s %u%s\", \"kind\": \"%s\", "
                                    "\"consent_to_be_mapped\": %s, \"influence\": %d, \"interest\": %d, "
                                    "\"legitimacy\": %d, \"urgency\": %d, \"participation_level\": %d, "
                                    "\"lived_experience\": {\"relevant\": %s, \"in_role\": %s}, "
                                    "\"roles\": [\"%s\"], \"represents\": [\"g%d\"], "
                                    "\"assets\": [{\"type\": \"skills\", \"in_use\": %s, \"recognised\": %s}], "
                                    "\"accessibility\": {\"needs_declared\": %s, \"met\": \"%s\"}, "
                                    "\"participation_by_stage\": {\"design\": %d, \"delivery\": %d}, "
                                    "\"x\": %d, \"y\": %d}",
                              i > 0 ? ", " : "", i, g_rand_boolean (rand) ? "Member" : "Friends of the", i,
                              g_rand_int_range (rand, 0, 8) == 0 ? " Neighbourhood Forum for the Northern Estates and the Riverside" : "",
                              kind, consent[g_rand_int_range (rand, 0, 3)], g_rand_int_range (rand, 0, 11),
                              g_rand_int_range (rand, 0, 11), g_rand_int_range (rand, 0, 11), g_rand_int_range (rand, 0, 11),
                              g_rand_int_range (rand, 1, 8), g_rand_boolean (rand) ? "true" : "false",
                              g_rand_boolean (rand) ? "true" : "false", roles[g_rand_int_range (rand, 0, 4)],
                              g_rand_int_range (rand, 0, 2), g_rand_boolean (rand) ? "true" : "false",
                              g_rand_boolean (rand) ? "true" : "false", g_rand_boolean (rand) ? "true" : "false",
                              met[g_rand_int_range (rand, 0, 3)], g_rand_int_range (rand, 1, 8), g_rand_int_range (rand, 1, 8),
                              g_rand_int_range (rand, -2000, 2000), g_rand_int_range (rand, -2000, 2000));
    }
  g_string_append (json, "], \"relationships\": [");
  g_array_append_val (targets, (guint) { 0 });
  for (guint i = 1; i < n; i++)
    {
      for (int k = 0; k < 2; k++)
        {
          guint j = g_array_index (targets, guint, g_rand_int_range (rand, 0, targets->len));

          if (j == i)
            continue;
          g_string_append_printf (json, "%s{\"id\": \"r%u\", \"source\": \"s%u\", \"target\": \"s%u\", "
                                        "\"reciprocity\": \"%s\", \"power_form\": \"%s\"}",
                                  n_ties > 0 ? ", " : "", n_ties, i, j, reciprocity[g_rand_int_range (rand, 0, 4)],
                                  power[g_rand_int_range (rand, 0, 4)]);
          n_ties++;
          g_array_append_val (targets, j);
        }
      g_array_append_val (targets, i);
    }
  g_string_append (json, "], \"spaces\": [");
  for (guint k = 0; k < 4; k++)
    {
      g_string_append_printf (json, "%s{\"id\": \"sp%u\", \"name\": \"Space %u\", \"type\": \"%s\", "
                                    "\"decision_rights\": \"decide\", \"members\": [",
                              k > 0 ? ", " : "", k, k, space_types[k % 3]);
      for (guint m = 0; m < 6; m++)
        g_string_append_printf (json, "%s{\"stakeholder\": \"s%u\", \"role\": \"%s\"}", m > 0 ? ", " : "",
                                (k * 6 + m) % n, m == 0 ? "chair" : "voting");
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

/* The report is laid out once, what each page draws kept until the pages
 * are counted, and its long lists and paragraphs laid out on other
 * threads: it must write the very file that laying the pages out twice
 * (counting them, then drawing them) on one thread writes, lines, page
 * breaks, footers and bookmarks alike, in every version, on maps with
 * lists long enough to be laid out in parts and findings long enough to
 * be laid out ahead, whatever the number of threads. */
static void
test_report_one_pass_as_two (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  guint n_put_ahead = _sm_report_get_n_put_ahead ();

  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autofree char *json = random_map_json (180 + 30 * seed, seed);
      g_autoptr(SmMap) map = sm_test_load (json);

      for (SmReportStyle style = SM_REPORT_FULL; style <= SM_REPORT_EASY_READ; style++)
        {
          g_autoptr(GBytes) two = NULL;

          _sm_report_set_two_passes (TRUE);
          two = make_report (map, SM_LENS_NONE, style, SM_REPORT_PDF, now);
          _sm_report_set_two_passes (FALSE);
          /* No other thread, and three (the other tests use one per core). */
          for (int workers = 0; workers <= 3; workers += 3)
            {
              g_autoptr(GBytes) one = NULL;
              gsize         n_one, n_two, at = 0;
              const guint8 *a, *b;

              _sm_report_set_n_workers (workers);
              one = make_report (map, SM_LENS_NONE, style, SM_REPORT_PDF, now);
              a = g_bytes_get_data (one, &n_one);
              b = g_bytes_get_data (two, &n_two);
              while (at < MIN (n_one, n_two) && a[at] == b[at])
                at++;
              if (n_one != n_two || at < n_one)
                g_error ("seed %u, %s version, %d workers: one pass wrote %" G_GSIZE_FORMAT " bytes, "
                         "two passes %" G_GSIZE_FORMAT "; they differ from byte %" G_GSIZE_FORMAT,
                         seed, sm_report_style_to_string (style), workers, n_one, n_two, at);
            }
        }
    }
  _sm_report_set_n_workers (-1);
  /* The maps' longest findings were laid out ahead, on a worker. */
  g_assert_cmpuint (_sm_report_get_n_put_ahead (), >, n_put_ahead);
}

/* Easy read's words: one for every rule and check, in sentences of
 * fifteen words or fewer. */
static void
test_easy_read_words (void)
{
  const char *principles[] = { "P1", "P2", "P3", "P4", "P5", "P6", "P7" };
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < sm_rules_get_count () + sm_checks_get_count (); i++)
    {
      const SmRuleDef *rule = i < sm_rules_get_count () ? sm_rules_get (i) : sm_checks_get (i - sm_rules_get_count ());

      for (SmEasyPart part = SM_EASY_OK; part <= SM_EASY_TODO; part++)
        {
          const char *text = sm_easy_read_rule (sm_rule_def_get_id (rule), part);

          if (text == NULL)
            g_error ("%s has no easy-read words (part %d)", sm_rule_def_get_id (rule), part);
          g_ptr_array_add (texts, (gpointer) text);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (principles); i++)
    {
      g_assert_nonnull (sm_easy_read_principle_name (principles[i]));
      g_ptr_array_add (texts, (gpointer) sm_easy_read_principle_about (principles[i]));
    }
  for (SmPrincipleStatus s = SM_PRINCIPLE_MET; s <= SM_PRINCIPLE_NOT_ASSESSED; s++)
    g_ptr_array_add (texts, (gpointer) sm_easy_read_status (s));
  g_ptr_array_add (texts, (gpointer) sm_easy_read_gate ("G0"));
  g_ptr_array_add (texts, (gpointer) sm_easy_read_gate ("sharing_power"));
  g_assert_null (sm_easy_read_rule ("XX-99", SM_EASY_OK));

  for (guint i = 0; i < texts->len; i++)
    {
      g_auto(GStrv) sentences = g_regex_split_simple ("(?<=[.?!])\\s+", g_ptr_array_index (texts, i), 0, 0);

      for (guint j = 0; sentences[j] != NULL; j++)
        {
          g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (sentences[j]), 0, 0);

          if (*sentences[j] == '\0')
            continue;
          if (g_strv_length (words) > 15)
            g_error ("Too long for easy read (%u words): %s", g_strv_length (words), sentences[j]);
        }
    }
}

typedef struct
{
  GCancellable *cancellable;
  const char   *cancel_at; /* the stage at which to cancel */
  double        last;
  gboolean      backwards;
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
  if (w->cancel_at != NULL && g_strcmp0 (stage, w->cancel_at) == 0)
    g_cancellable_cancel (w->cancellable);
}

/* A report made with progress is the same report; progress goes forward
 * to the end. Cancelled before or while it is being written, there are
 * no bytes and the error says so. */
static void
test_report_cancel (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2030, 1, 2, 10, 0, 0);
  SmReportOptions options = { .now = now };
  g_autoptr(GBytes) plain = sm_report_make (map, &options, NULL);
  g_autoptr(GBytes) watched = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SmProgress) progress = sm_progress_new ();
  g_autoptr(GError) error = NULL;
  Watch   w = { .cancellable = cancellable };
  GBytes *bytes;

  sm_progress_set_func (progress, watch_cb, &w, NULL);
  watched = sm_report_make_full (map, &options, cancellable, progress, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, watched));
  g_assert_false (w.backwards);
  g_assert_cmpfloat (w.last, ==, 1.0);

  g_cancellable_cancel (cancellable);
  bytes = sm_report_make_full (map, &options, cancellable, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  for (guint f = 0; f < 2; f++)
    {
      g_cancellable_reset (cancellable);
      w.cancel_at = "Writing the report…";
      w.last = 0;
      options.format = f == 0 ? SM_REPORT_PDF : SM_REPORT_HTML;
      bytes = sm_report_make_full (map, &options, cancellable, progress, &error);
      g_assert_null (bytes);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpfloat (w.last, <, 1.0);
      g_clear_error (&error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/report/deterministic", test_report_deterministic);
  g_test_add_func ("/core/report/one-pass-as-two", test_report_one_pass_as_two);
  g_test_add_func ("/core/report/leaves-map-alone", test_report_leaves_map_alone);
  g_test_add_func ("/core/report/write", test_report_write);
  g_test_add_func ("/core/report/empty-map", test_report_empty_map);
  g_test_add_func ("/core/report/html", test_report_html);
  g_test_add_func ("/core/report/cancel", test_report_cancel);
  g_test_add_func ("/core/report/html-escapes", test_report_html_escapes);
  g_test_add_func ("/core/report/plain", test_report_plain);
  g_test_add_func ("/core/report/easy-read", test_report_easy_read);
  g_test_add_func ("/core/report/hides-names-everywhere", test_report_hides_names_everywhere);
  g_test_add_func ("/core/report/easy-read-words", test_easy_read_words);

  return g_test_run ();
}

/* sm-cli-diff.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-diff.h"
#include "sm-format.h"
#include "sm-json.h"

/* stakemap-cli diff: what changed between two versions of a map, also as
 * git's external diff driver. Names are shown as the files hold them, as
 * `evaluate` and `metrics` do: the diff is for the team that holds both
 * files. */

int sm_cli_run_diff (int    argc,
                     char **argv);

enum
{
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
  EXIT_DIFFERENT = 3,
};

/* Git passes /dev/null for the side where the file does not exist. */
static SmMap *
load (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map;

  if (strcmp (path, "/dev/null") == 0)
    return sm_map_new ();

  file = g_file_new_for_commandline_arg (path);
  bytes = sm_format_read_file (file, NULL, &error);
  map = bytes != NULL ? sm_format_load_bytes (bytes, &error) : NULL;
  if (map == NULL)
    g_printerr ("stakemap-cli: %s: %s\n", path, error->message);
  return map;
}

/* “Amina” (amina); a relationship's "A → B" is not quoted. */
static char *
describe (SmDiffEntry *entry)
{
  g_autofree char *name = g_strdelimit (g_strdup (sm_diff_entry_get_name (entry)), "\n\r\t", ' ');
  const char      *id = sm_diff_entry_get_id (entry);

  if (sm_diff_entry_get_kind (entry) == SM_DIFF_KIND_MAP)
    return g_strdup_printf ("“%s”", name);
  if (sm_diff_entry_get_kind (entry) == SM_DIFF_KIND_RELATIONSHIP)
    return g_strdup_printf ("%s (%s)", name, id);
  return g_strdup_printf ("“%s” (%s)", name, id);
}

static char *
value_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup (_ ("(none)"));
  /* JSON on one line: a list or an object reads as the file has it. */
  return json_to_string (node, FALSE);
}

/* "Added stakeholder “Amina” (s3)": one whole line per kind, for the
 * translators. */
static void
print_added (SmDiffKind  kind,
             const char *what)
{
  switch (kind)
    {
    case SM_DIFF_KIND_STAKEHOLDER:
      /* TRANSLATORS: "Added stakeholder “Amina” (s3)"; %s is the record's name and
       * id */
      g_print (_ ("Added stakeholder %s\n"), what);
      break;
    case SM_DIFF_KIND_RELATIONSHIP:
      g_print (_ ("Added relationship %s\n"), what);
      break;
    case SM_DIFF_KIND_SPACE:
      g_print (_ ("Added space %s\n"), what);
      break;
    case SM_DIFF_KIND_DECISION:
      g_print (_ ("Added decision %s\n"), what);
      break;
    case SM_DIFF_KIND_AFFECTED_GROUP:
      g_print (_ ("Added affected group %s\n"), what);
      break;
    case SM_DIFF_KIND_ANNOTATION:
      g_print (_ ("Added note %s\n"), what);
      break;
    case SM_DIFF_KIND_REGION:
      g_print (_ ("Added region %s\n"), what);
      break;
    case SM_DIFF_KIND_RESPONSE:
      g_print (_ ("Added response %s\n"), what);
      break;
    case SM_DIFF_KIND_MAP:
    default:
      g_assert_not_reached ();
    }
}

/* "Removed stakeholder “Amina” (s3)" */
static void
print_removed (SmDiffKind  kind,
               const char *what)
{
  switch (kind)
    {
    case SM_DIFF_KIND_STAKEHOLDER:
      /* TRANSLATORS: "Removed stakeholder “Amina” (s3)"; %s is the record's name
       * and id */
      g_print (_ ("Removed stakeholder %s\n"), what);
      break;
    case SM_DIFF_KIND_RELATIONSHIP:
      g_print (_ ("Removed relationship %s\n"), what);
      break;
    case SM_DIFF_KIND_SPACE:
      g_print (_ ("Removed space %s\n"), what);
      break;
    case SM_DIFF_KIND_DECISION:
      g_print (_ ("Removed decision %s\n"), what);
      break;
    case SM_DIFF_KIND_AFFECTED_GROUP:
      g_print (_ ("Removed affected group %s\n"), what);
      break;
    case SM_DIFF_KIND_ANNOTATION:
      g_print (_ ("Removed note %s\n"), what);
      break;
    case SM_DIFF_KIND_REGION:
      g_print (_ ("Removed region %s\n"), what);
      break;
    case SM_DIFF_KIND_RESPONSE:
      g_print (_ ("Removed response %s\n"), what);
      break;
    case SM_DIFF_KIND_MAP:
    default:
      g_assert_not_reached ();
    }
}

/* "Stakeholder “Amina” (s3): influence 4 → 6" */
static void
print_changed (SmDiffKind  kind,
               const char *what,
               const char *path,
               const char *old_text,
               const char *new_text)
{
  switch (kind)
    {
    case SM_DIFF_KIND_STAKEHOLDER:
      /* TRANSLATORS: "Stakeholder “Amina” (s3): influence 4 → 6"; the first %s is
       * the record's name and id, the second the field, the third and
       * fourth its old and new values */
      g_print (_ ("Stakeholder %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_RELATIONSHIP:
      g_print (_ ("Relationship %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_SPACE:
      g_print (_ ("Space %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_DECISION:
      g_print (_ ("Decision %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_AFFECTED_GROUP:
      g_print (_ ("Affected group %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_ANNOTATION:
      g_print (_ ("Note %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_REGION:
      g_print (_ ("Region %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_RESPONSE:
      g_print (_ ("Response %s: %s %s → %s\n"), what, path, old_text, new_text);
      break;
    case SM_DIFF_KIND_MAP:
    default:
      g_assert_not_reached ();
    }
}

static void
print_text (SmDiff *diff)
{
  guint moved;

  for (guint i = 0; i < sm_diff_get_n_entries (diff); i++)
    {
      SmDiffEntry     *entry = sm_diff_get_entry (diff, i);
      SmDiffKind       kind = sm_diff_entry_get_kind (entry);
      g_autofree char *what = describe (entry);

      switch (sm_diff_entry_get_change (entry))
        {
        case SM_DIFF_ADDED:
          print_added (kind, what);
          break;
        case SM_DIFF_REMOVED:
          print_removed (kind, what);
          break;
        case SM_DIFF_CHANGED:
          for (guint f = 0; f < sm_diff_entry_get_n_fields (entry); f++)
            {
              SmDiffField     *field = sm_diff_entry_get_field (entry, f);
              g_autofree char *old_text = value_text (sm_diff_field_get_old (field));
              g_autofree char *new_text = value_text (sm_diff_field_get_new (field));

              if (kind == SM_DIFF_KIND_MAP)
                g_print (_ ("Map details: %s %s → %s\n"), sm_diff_field_get_path (field), old_text, new_text);
              else
                print_changed (kind, what, sm_diff_field_get_path (field), old_text, new_text);
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  moved = sm_diff_get_n_moved (diff, SM_DIFF_KIND_STAKEHOLDER);
  if (moved > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder moved\n", "%u stakeholders moved\n", moved), moved);
  moved = sm_diff_get_n_moved (diff, SM_DIFF_KIND_ANNOTATION);
  if (moved > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u note moved\n", "%u notes moved\n", moved), moved);
  moved = sm_diff_get_n_moved (diff, SM_DIFF_KIND_REGION);
  if (moved > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u region moved\n", "%u regions moved\n", moved), moved);
}

static void
print_json (SmDiff     *diff,
            const char *a,
            const char *b)
{
  g_autoptr(JsonNode) root = sm_diff_to_json (diff);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(JsonObject) ordered = json_object_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  json_object_set_string_member (ordered, "a", a);
  json_object_set_string_member (ordered, "b", b);
  json_object_set_member (ordered, "changes", json_node_ref (json_object_get_member (object, "changes")));
  json_object_set_member (ordered, "moved", json_node_ref (json_object_get_member (object, "moved")));
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), ordered);

    sm_json_write (out, node, NULL, 0);
  }
  g_print ("%s\n", out->str);
}

int
sm_cli_run_diff (int    argc,
                 char **argv)
{
  g_autofree char   *format = NULL;
  gboolean           exit_code = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_ ("Output format: text (default) or json"), N_ ("FORMAT") },
    { "exit-code", 0, 0, G_OPTION_ARG_NONE, &exit_code, N_ ("Exit with status 3 when the maps differ"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("A B — what changed between two versions of a map"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) a = NULL;
  g_autoptr(SmMap) b = NULL;
  g_autoptr(SmDiff) diff = NULL;
  const char *path_a;
  const char *path_b;
  const char *git_path = NULL;

  g_option_context_set_summary (context,
                                _ ("Lists, by id, what was added, removed and changed from A to B: the map's\n"
                                   "details, stakeholders, relationships, spaces, decisions, affected groups,\n"
                                   "notes, regions and the evaluation's responses, field by field with the\n"
                                   "old and new value. Moves are counted, not listed. Names are shown as the\n"
                                   "files hold them: the diff is for the team that holds both files.\n"
                                   "Given the seven arguments of git's external diff driver (PATH OLD-FILE\n"
                                   "OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE), it compares OLD-FILE and\n"
                                   "NEW-FILE under a heading with PATH (docs/cli.md)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("stakemap-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      g_printerr ("stakemap-cli: %s\n", _ ("diff: --format must be text or json"));
      return EXIT_USAGE;
    }
  if (argc == 3)
    {
      path_a = argv[1];
      path_b = argv[2];
    }
  else if (argc == 8)
    {
      git_path = argv[1];
      path_a = argv[2];
      path_b = argv[5];
    }
  else
    {
      g_printerr ("stakemap-cli: %s\n", _ ("diff: give two files, A and B"));
      g_printerr (_ ("Try “%s --help” for more information.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  a = load (path_a);
  if (a == NULL)
    return EXIT_BAD_INPUT;
  b = load (path_b);
  if (b == NULL)
    return EXIT_BAD_INPUT;

  diff = sm_diff_new (a, b);
  if (git_path != NULL)
    {
      /* Git reads a failing driver as a broken diff: always 0 here. */
      g_print ("stakemap diff %s\n", git_path);
      if (g_strcmp0 (format, "json") == 0)
        print_json (diff, path_a, path_b);
      else
        print_text (diff);
      return EXIT_OK;
    }
  if (g_strcmp0 (format, "json") == 0)
    print_json (diff, path_a, path_b);
  else
    print_text (diff);

  return exit_code && !sm_diff_is_empty (diff) ? EXIT_DIFFERENT : EXIT_OK;
}

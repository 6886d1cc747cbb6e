/* sm-cli-merge.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-diff.h"
#include "sm-file-writer.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-merge.h"

/* stakemap-cli merge: a three-way merge of two copies of a map, also as
 * git's merge driver (it writes into OURS, as git wants of %A). Names are
 * shown as the files hold them, as `diff` does. */

int sm_cli_run_merge (int    argc,
                      char **argv);

enum
{
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
  EXIT_CONFLICTS = 3,
};

/* Git gives an empty file as the base when both sides added the file. */
static SmMap *
load (const char *path,
      gboolean    empty_is_new)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SmMap *map = NULL;

  if (empty_is_new && strcmp (path, "/dev/null") == 0)
    return sm_map_new ();

  file = g_file_new_for_commandline_arg (path);
  bytes = sm_format_read_file (file, NULL, &error);
  if (bytes != NULL && empty_is_new && g_bytes_get_size (bytes) == 0)
    return sm_map_new ();
  if (bytes != NULL)
    map = sm_format_load_bytes (bytes, &error);
  if (map == NULL)
    g_printerr ("stakemap-cli: %s: %s\n", path, error->message);
  return map;
}

/* Stakeholder “Amina” (s3); a relationship's "A → B" is not quoted. */
static char *
describe (SmMergeConflict *conflict)
{
  g_autofree char *name = g_strdelimit (g_strdup (sm_merge_conflict_get_name (conflict)), "\n\r\t", ' ');
  SmDiffKind       kind = sm_merge_conflict_get_kind (conflict);
  const char      *id = sm_merge_conflict_get_id (conflict);

  if (kind == SM_DIFF_KIND_MAP)
    return g_strdup (_ ("Map details"));
  if (kind == SM_DIFF_KIND_RELATIONSHIP)
    return g_strdup_printf ("%s %s (%s)", sm_diff_kind_get_label (kind, TRUE), name, id);
  return g_strdup_printf ("%s “%s” (%s)", sm_diff_kind_get_label (kind, TRUE), name, id);
}

static char *
value_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup (_ ("(none)"));
  return json_to_string (node, FALSE);
}

static void
count_changes (SmDiff *diff,
               guint   counts[4])
{
  memset (counts, 0, 4 * sizeof (guint));
  for (guint i = 0; i < sm_diff_get_n_entries (diff); i++)
    counts[sm_diff_entry_get_change (sm_diff_get_entry (diff, i))]++;
  for (guint kind = 0; kind < SM_DIFF_N_KINDS; kind++)
    counts[3] += sm_diff_get_n_moved (diff, kind);
}

static void
print_text (SmMerge    *merge,
            SmDiff     *taken,
            const char *output)
{
  guint            counts[4];
  guint            n = sm_merge_get_n_conflicts (merge);
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *moved = NULL;

  count_changes (taken, counts);
  /* TRANSLATORS: parts of "3 added, 2 removed, 1 changed, 5 moved" */
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", counts[SM_DIFF_ADDED]),
                           counts[SM_DIFF_ADDED]);
  /* TRANSLATORS: a part of "3 added, 2 removed, 1 changed, 5 moved" */
  removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed", "%u removed", counts[SM_DIFF_REMOVED]),
                             counts[SM_DIFF_REMOVED]);
  /* TRANSLATORS: a part of "3 added, 2 removed, 1 changed, 5 moved" */
  changed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed", counts[SM_DIFF_CHANGED]),
                             counts[SM_DIFF_CHANGED]);
  /* TRANSLATORS: a part of "3 added, 2 removed, 1 changed, 5 moved" */
  moved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u moved", "%u moved", counts[3]), counts[3]);
  /* TRANSLATORS: what the merge took from THEIRS into OURS. The first %s is
   * the file written, then how many records were added ("3 added"),
   * removed ("2 removed"), changed ("1 changed") and moved ("5 moved"). */
  g_print (_ ("Merged into %s: %s, %s, %s, %s\n"), output, added, removed, changed, moved);

  for (guint i = 0; i < n; i++)
    {
      SmMergeConflict *c = sm_merge_get_conflict (merge, i);
      g_autofree char *what = describe (c);
      const char      *kept = sm_merge_conflict_get_choice (c) == SM_MERGE_CHOICE_THEIRS ? _ ("theirs kept")
                                                                                         : _ ("ours kept");

      if (sm_merge_conflict_is_move (c))
        {
          SmMergeConflict *previous = i > 0 ? sm_merge_get_conflict (merge, i - 1) : NULL;

          /* x and y of one record: one line, positions are not read out */
          if (previous != NULL && sm_merge_conflict_is_move (previous) &&
              strcmp (sm_merge_conflict_get_id (previous), sm_merge_conflict_get_id (c)) == 0)
            continue;
          g_print (_ ("Conflict: %s: moved on both sides; %s\n"), what, kept);
        }
      else if (sm_merge_conflict_get_path (c) == NULL)
        {
          if (sm_merge_conflict_get_ours (c) == NULL)
            g_print (_ ("Conflict: %s: removed in ours, changed or referred to in theirs; %s\n"), what, kept);
          else
            g_print (_ ("Conflict: %s: removed in theirs, changed or referred to in ours; %s\n"), what, kept);
        }
      else
        {
          g_autofree char *base = value_text (sm_merge_conflict_get_base (c));
          g_autofree char *ours = value_text (sm_merge_conflict_get_ours (c));
          g_autofree char *theirs = value_text (sm_merge_conflict_get_theirs (c));

          /* TRANSLATORS: "Conflict: Stakeholder “Amina” (s3): influence: base 4, ours 6, theirs 7; ours kept" */
          g_print (_ ("Conflict: %s: %s: base %s, ours %s, theirs %s; %s\n"), what, sm_merge_conflict_get_path (c),
                   base, ours, theirs, kept);
        }
    }
  for (guint i = 0; i < sm_merge_get_n_notes (merge); i++)
    g_print (_ ("Note: %s\n"), sm_merge_get_note (merge, i));
  if (n > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u conflict: ours kept; the merge needs a look\n",
                          "%u conflicts: ours kept for each; the merge needs a look\n", n),
             n);
}

static void
print_json (SmMerge    *merge,
            SmDiff     *taken,
            const char *paths[3],
            const char *output)
{
  g_autoptr(JsonNode) root = sm_merge_to_json (merge);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(JsonObject) ordered = json_object_new ();
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  guint counts[4];

  count_changes (taken, counts);
  json_object_set_string_member (ordered, "base", paths[0]);
  json_object_set_string_member (ordered, "ours", paths[1]);
  json_object_set_string_member (ordered, "theirs", paths[2]);
  json_object_set_string_member (ordered, "output", output);
  json_object_set_int_member (merged, "added", counts[SM_DIFF_ADDED]);
  json_object_set_int_member (merged, "removed", counts[SM_DIFF_REMOVED]);
  json_object_set_int_member (merged, "changed", counts[SM_DIFF_CHANGED]);
  json_object_set_int_member (merged, "moved", counts[3]);
  json_object_set_object_member (ordered, "merged", json_object_ref (merged));
  json_object_set_member (ordered, "conflicts", json_node_ref (json_object_get_member (object, "conflicts")));
  json_object_set_member (ordered, "notes", json_node_ref (json_object_get_member (object, "notes")));
  node = json_node_init_object (json_node_alloc (), ordered);
  sm_json_write (out, node, NULL, 0);
  g_print ("%s\n", out->str);
}

int
sm_cli_run_merge (int    argc,
                  char **argv)
{
  g_autofree char   *format = NULL;
  g_autofree char   *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the merged map here, not into OURS"), N_ ("OUT") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_ ("Output format: text (default) or json"), N_ ("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
               g_option_context_new (_ ("BASE OURS THEIRS — merge two copies of a map made from one"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) base = NULL;
  g_autoptr(SmMap) ours = NULL;
  g_autoptr(SmMap) theirs = NULL;
  g_autoptr(SmMerge) merge = NULL;
  g_autoptr(SmMap) result = NULL;
  g_autoptr(SmDiff) taken = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  const char *paths[3];
  const char *target;

  g_option_context_set_summary (context,
                                _ ("Merges, by id and field by field, what THEIRS changed since BASE into\n"
                                   "OURS: both sides' additions and removals are kept. Where both changed\n"
                                   "the same field differently, or one removed what the other changed or\n"
                                   "now refers to, OURS is kept and the conflict is reported, with the exit\n"
                                   "status 3. Lists and tags are compared as whole values. Without -o the\n"
                                   "result is written into OURS, as git's merge driver does\n"
                                   "(stakemap-cli merge %O %A %B; docs/cli.md). Nothing is written when a\n"
                                   "file is bad."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("stakemap-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      g_printerr ("stakemap-cli: %s\n", _ ("merge: --format must be text or json"));
      return EXIT_USAGE;
    }
  if (argc != 4)
    {
      g_printerr ("stakemap-cli: %s\n", _ ("merge: give three files, BASE, OURS and THEIRS"));
      g_printerr (_ ("Try “%s --help” for more information.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  for (guint i = 0; i < 3; i++)
    paths[i] = argv[i + 1];
  base = load (paths[0], TRUE);
  if (base == NULL)
    return EXIT_BAD_INPUT;
  ours = load (paths[1], FALSE);
  if (ours == NULL)
    return EXIT_BAD_INPUT;
  theirs = load (paths[2], FALSE);
  if (theirs == NULL)
    return EXIT_BAD_INPUT;
  target = output != NULL ? output : paths[1];

  merge = sm_merge_new (base, ours, theirs);
  result = sm_merge_dup_result (merge, &error);
  if (result == NULL)
    {
      g_printerr ("stakemap-cli: %s: %s\n", paths[2], error->message);
      return EXIT_BAD_INPUT;
    }
  if (sm_map_get_read_only (result))
    {
      g_printerr ("stakemap-cli: %s: %s\n", paths[1],
                  _ ("this map was made by a newer version of Stakemap; it can be read but not merged by this "
                     "version"));
      return EXIT_BAD_INPUT;
    }

  bytes = sm_format_save_to_bytes (result);
  file = g_file_new_for_commandline_arg (target);
  if (!sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, NULL, NULL, &error))
    {
      g_printerr ("stakemap-cli: %s: %s\n", target, error->message);
      return EXIT_BAD_INPUT;
    }

  taken = sm_diff_new (ours, result);
  if (g_strcmp0 (format, "json") == 0)
    print_json (merge, taken, paths, target);
  else
    print_text (merge, taken, target);

  return sm_merge_get_n_conflicts (merge) > 0 ? EXIT_CONFLICTS : EXIT_OK;
}

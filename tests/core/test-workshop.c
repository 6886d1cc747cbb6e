/* test-workshop.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stakemap-core.h"
#include "sm-test-utils.h"

/* Where a group got to in a workshop is kept in the map, read back as it
 * was written, and moved on by commands the history can undo. */

static SmMap *
load (const char *text)
{
  return sm_test_load (text);
}

static void
test_workshop_defaults (void)
{
  g_autoptr(SmMap) map = load ("{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"T\"},"
                                "\"stakeholders\":[],\"relationships\":[]}");
  const char *const chosen[] = { "power", "who", "nonsense", "who", NULL };
  SmWorkshop        w;

  sm_workshop_init (&w, map, NULL);
  g_assert_false (w.started);
  g_assert_cmpuint (w.n_steps, ==, SM_WORKSHOP_N_STEPS);
  g_assert_cmpint (w.step, ==, SM_WORKSHOP_QUESTION);
  /* The group's choice of steps keeps Net-Map's order, each once. */
  sm_workshop_init (&w, map, chosen);
  g_assert_cmpuint (w.n_steps, ==, 2);
  g_assert_cmpint (w.steps[0], ==, SM_WORKSHOP_WHO);
  g_assert_cmpint (w.steps[1], ==, SM_WORKSHOP_POWER);
  g_assert_cmpint (w.step, ==, SM_WORKSHOP_WHO);
  g_assert_false (sm_workshop_has_step (&w, SM_WORKSHOP_LINKS));
}

static void
test_workshop_resume_and_undo (void)
{
  g_autoptr(SmMap) map = load ("{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"T\"},"
                                "\"stakeholders\":[],\"relationships\":[]}");
  g_autoptr(SmCommand) command = NULL;
  g_autoptr(SmMap) again = NULL;
  g_autofree char *text = NULL;
  SmWorkshop       w, read;

  sm_workshop_init (&w, map, NULL);
  /* Nothing is written until the group moves on. */
  command = sm_workshop_build_command (&w, map);
  g_assert_nonnull (command);
  g_clear_object (&command);
  g_assert_null (sm_record_get_value (sm_map_get_metadata (map), "workshop"));

  sm_workshop_go_to (&w, SM_WORKSHOP_WHO, FALSE);
  sm_workshop_go_to (&w, SM_WORKSHOP_LINKS, TRUE); /* who is skipped, for later */
  command = sm_workshop_build_command (&w, map);
  sm_command_apply (command, map);
  g_assert_null (sm_workshop_build_command (&w, map));

  /* Saved and opened again, it resumes where it stopped. */
  text = sm_test_save_to_string (map);
  g_assert_nonnull (strstr (text, "\"workshop\""));
  again = load (text);
  sm_workshop_init (&read, again, NULL);
  g_assert_true (read.started);
  g_assert_cmpint (read.step, ==, SM_WORKSHOP_LINKS);
  g_assert_true (sm_workshop_is_skipped (&read, SM_WORKSHOP_WHO));
  g_assert_false (sm_workshop_is_skipped (&read, SM_WORKSHOP_QUESTION));
  g_assert_cmpint (sm_workshop_get_index (&read), ==, 2);

  /* Going back to a skipped step takes its mark off. */
  sm_workshop_go_to (&read, SM_WORKSHOP_WHO, FALSE);
  g_assert_false (sm_workshop_is_skipped (&read, SM_WORKSHOP_WHO));

  /* Undo takes the step back out of the map. */
  sm_command_revert (command, map);
  g_assert_null (sm_record_get_value (sm_map_get_metadata (map), "workshop"));
}

/* A file made by hand or by a later version: odd ids are skipped, a step
 * not among the steps run is not resumed, nothing crashes. */
static void
test_workshop_odd_file (void)
{
  g_autoptr(SmMap) map = load ("{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"T\","
                                "\"workshop\":{\"steps\":[\"links\",\"dance\",\"goals\"],"
                                "\"step\":\"question\",\"skipped\":[\"goals\",\"dance\"],\"later\":1}},"
                                "\"stakeholders\":[],\"relationships\":[]}");
  SmWorkshop w;

  sm_workshop_init (&w, map, NULL);
  g_assert_cmpuint (w.n_steps, ==, 2);
  g_assert_cmpint (w.step, ==, SM_WORKSHOP_LINKS);
  g_assert_true (sm_workshop_is_skipped (&w, SM_WORKSHOP_GOALS));
}

static void
test_workshop_progress (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autofree char *who = sm_workshop_dup_progress (map, SM_WORKSHOP_WHO);
  g_autofree char *influence = sm_workshop_dup_progress (map, SM_WORKSHOP_INFLUENCE);
  g_autofree char *expected = g_strdup_printf ("%u stakeholders so far",
                                               sm_collection_get_size (sm_map_get_stakeholders (map)));

  g_assert_cmpstr (who, ==, expected);
  g_assert_nonnull (strstr (influence, "have an influence score"));
  for (SmWorkshopStep step = 0; step < SM_WORKSHOP_N_STEPS; step++)
    {
      g_autofree char *words = sm_workshop_dup_progress (map, step);

      g_assert_nonnull (sm_workshop_step_get_title (step));
      g_assert_nonnull (sm_workshop_step_get_task (step));
      g_assert_nonnull (words);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workshop/defaults", test_workshop_defaults);
  g_test_add_func ("/workshop/resume-and-undo", test_workshop_resume_and_undo);
  g_test_add_func ("/workshop/odd-file", test_workshop_odd_file);
  g_test_add_func ("/workshop/progress", test_workshop_progress);
  return g_test_run ();
}

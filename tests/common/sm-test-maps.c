/* sm-test-maps.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-test-maps.h"

/**
 * sm_test_big_map_json:
 * @title: (nullable): the map's title
 *
 * A project file of @n stakeholders whose ties go mostly to the well
 * connected, so a few hubs stand out as in the benchmark's maps (and in
 * real networks): big enough from a few thousand that evaluating it,
 * mostly measuring betweenness, takes seconds. The same map every time.
 */
char *
sm_test_big_map_json (guint       n,
                      const char *title)
{
  GString *json = g_string_new ("{\"format\": \"stakemap\", \"version\": 1, ");
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_ties = 0;

  if (title != NULL)
    g_string_append_printf (json, "\"map\": {\"title\": \"%s\"}, ", title);
  g_string_append (json, "\"stakeholders\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"name\": \"Stakeholder %u\", \"kind\": \"%s\", "
                                  "\"influence\": %d, \"x\": %d, \"y\": %d}",
                            i > 0 ? ", " : "", i, i, i % 3 == 0 ? "service_user" : "professional",
                            g_rand_int_range (rand, 0, 11), g_rand_int_range (rand, -5000, 5000),
                            g_rand_int_range (rand, -5000, 5000));
  g_string_append (json, "], \"relationships\": [");
  g_array_append_val (targets, (guint) { 0 });
  for (guint i = 1; i < n; i++)
    {
      for (int k = 0; k < 2; k++)
        {
          guint j = g_array_index (targets, guint, g_rand_int_range (rand, 0, targets->len));

          if (j == i)
            continue;
          g_string_append_printf (json, "%s{\"id\": \"r%u\", \"source\": \"s%u\", \"target\": \"s%u\"}",
                                  n_ties > 0 ? ", " : "", n_ties, i, j);
          n_ties++;
          g_array_append_val (targets, j);
        }
      g_array_append_val (targets, i);
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

/* The same, written to @dir/@name; returns its path. */
char *
sm_test_write_big_map (const char *dir,
                       const char *name,
                       guint       n)
{
  g_autofree char *json = sm_test_big_map_json (n, "Big");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return path;
}

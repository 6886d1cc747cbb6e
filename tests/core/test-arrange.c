/* test-arrange.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-format.h"
#include "sm-history.h"
#include "sm-render-private.h"
#include "sm-render.h"
#include "sm-selection.h"
#include "sm-test-utils.h"

/* The views of a map (arrangements) as large maps need them: a meeting's
 * map is placed exactly as it always was, a crowded view draws its lines
 * as density and still shows what the user picked, and the index that
 * makes switching a huge map fast hands the renderer every line and
 * every stakeholder a plain search would find. */

static const char *const kinds[] = {
  "service_user",
  "carer",
  "citizen",
  "professional",
  "manager",
  "commissioner",
  "community_org",
  "researcher",
  "elected_member",
  "advocate",
};

/* A map of @n stakeholders like an imported register: scores sometimes
 * missing, ties by preferential attachment (a few hubs), a few spaces
 * with members and decisions; @rated: everyone has both scores. The same
 * @seed gives the same map. */
static char *
random_map (guint    n,
            guint32  seed,
            gboolean rated)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (guint));
  guint ties = 0, zero = 0;

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (json, "%s{\"id\":\"s%u\",\"name\":\"Stakeholder %u\",\"kind\":\"%s\"", i ? "," : "", i,
                              i, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);
      if (g_rand_int_range (rand, 0, 10) > 0 || rated)
        g_string_append_printf (json, ",\"influence\":%d", g_rand_int_range (rand, 0, 11));
      if (g_rand_int_range (rand, 0, 10) > 0 || rated)
        g_string_append_printf (json, ",\"interest\":%d", g_rand_int_range (rand, 0, 11));
      if (g_rand_int_range (rand, 0, 10) > 0)
        g_string_append_printf (json, ",\"participation_level\":%d", g_rand_int_range (rand, 0, 8));
      g_string_append_printf (json, ",\"x\":%d,\"y\":%d}", g_rand_int_range (rand, -3000, 3000),
                              g_rand_int_range (rand, -3000, 3000));
    }
  g_string_append (json, "],\"relationships\":[");
  g_array_append_val (targets, zero);
  for (guint i = 1; i < n; i++)
    {
      for (guint k = 0; k < 2; k++)
        {
          guint j = g_array_index (targets, guint, g_rand_int_range (rand, 0, targets->len));

          if (j == i)
            continue;
          g_string_append_printf (json, "%s{\"id\":\"r%u\",\"source\":\"s%u\",\"target\":\"s%u\",\"direction\":\"%s\"}",
                                  ties ? "," : "", ties, i, j, g_rand_boolean (rand) ? "one_way" : "two_way");
          ties++;
          g_array_append_val (targets, j);
        }
      g_array_append_val (targets, i);
    }
  g_string_append (json, "],\"spaces\":[");
  for (guint k = 0; k < 6; k++)
    {
      static const char *const types[] = { "closed", "invited", "claimed" };
      static const char *const levels[] = { "national", "local", "neighbourhood" };

      g_string_append_printf (json, "%s{\"id\":\"sp%u\",\"name\":\"Space %u\",\"type\":\"%s\",\"level\":\"%s\","
                                    "\"decision_rights\":\"decide\",\"members\":[",
                              k ? "," : "", k, k, types[k % 3], levels[k / 2]);
      for (guint m = 0; m < 8; m++)
        g_string_append_printf (json, "%s{\"stakeholder\":\"s%u\",\"role\":\"%s\"}", m ? "," : "",
                                g_rand_int_range (rand, 0, n), m % 3 ? "voting" : "observer");
      g_string_append (json, "]}");
    }
  g_string_append (json, "],\"decisions\":[");
  /* Decisions in a space, and one in none. */
  for (guint k = 0; k < 10; k++)
    {
      g_string_append_printf (json, "%s{\"id\":\"d%u\",\"title\":\"Decision %u\",\"status\":\"made\"",
                              k ? "," : "", k, k);
      if (k % 7 < 6)
        g_string_append_printf (json, ",\"space_id\":\"sp%u\"", k % 7);
      g_string_append (json, "}");
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static SmMap *
load_map (guint    n,
          guint32  seed,
          gboolean rated)
{
  g_autofree char *json = random_map (n, seed, rated);

  return sm_test_load (json);
}

static SmMap *
load_random_map (guint   n,
                 guint32 seed)
{
  return load_map (n, seed, FALSE);
}

/* Where every stakeholder is in every arrangement, and the fit of
 * 1600 × 1200 with the legend, as one checksum per arrangement. */
static char *
positions_digest (SmMap *map)
{
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  g_autoptr(GString) digests = g_string_new (NULL);
  SmCollection                   *people = sm_map_get_stakeholders (map);
  guint                           n;
  const SmArrangementInfo *const *all = sm_arrangements_get_all (&n);

  for (guint a = 0; a < n; a++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *sum = NULL;
      SmViewport       fit;

      sm_renderer_set_arrangement_info (renderer, all[a]);
      for (guint i = 0; i < sm_collection_get_size (people); i++)
        {
          double x, y;

          if (sm_renderer_get_position (renderer, sm_collection_get (people, i), &x, &y))
            g_string_append_printf (text, "%.4f %.4f\n", x, y);
          else
            g_string_append (text, "-\n");
        }
      g_assert_true (sm_renderer_fit_viewport (renderer, 1600, 1200, 24, SM_RENDER_LEGEND, &fit));
      g_string_append_printf (text, "%.6f %.4f %.4f\n", fit.scale, fit.x, fit.y);
      sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, -1);
      g_string_append_printf (digests, "%s %.12s\n", sm_arrangement_info_get_id (all[a]), sum);
    }
  return g_string_free (g_steal_pointer (&digests), FALSE);
}

/* Taken from the renderer of commit acae43b, before this work; the
 * power–interest grid's since crowded stakeholders move to the nearest
 * free place of one lattice all share. */
#define EXAMPLE_DIGEST                                                   \
  "map dc7d8c6675dc\npower-interest 0ebce5a667ee\nladder 2ac84e9dee32\n" \
  "power-cube d791383ac758\ntowers 7306211abf45\n"
#define RANDOM_DIGEST                                                    \
  "map 3836c5b273cd\npower-interest e8e08d2fb817\nladder f27219d0ca47\n" \
  "power-cube 5e323f0fce17\ntowers 5a3536a3be91\n"
#define FULL_DIGEST                                                      \
  "map ea3fee911f1c\npower-interest 0504aa8cdf5a\nladder e4507ffbbf0d\n" \
  "power-cube e472047a3297\ntowers d1b498cbc4c1\n"
#define LARGE_DIGEST                                                     \
  "map 00a011882b8c\npower-interest ef9d600cac87\nladder 812fc07ad12a\n" \
  "power-cube 16beb1c8ebdd\ntowers 6b231558ca77\n"

/* A meeting's map (up to 500 stakeholders) is placed in every view as it
 * was before large maps were made fast: the checksums below were taken
 * from the renderer before that work (the grid's: see above). */
static void
test_positions_unchanged (void)
{
  g_autoptr(SmMap) example = sm_test_load_fixture ("..", "data", "examples", "neighbourhood-air.stakemap", NULL);
  g_autoptr(SmMap) random = load_random_map (300, 300);
  g_autoptr(SmMap) full = load_random_map (500, 5);
  g_autoptr(SmMap) large = load_random_map (1000, 11);
  g_autofree char *example_digest = positions_digest (example);
  g_autofree char *random_digest = positions_digest (random);
  g_autofree char *full_digest = positions_digest (full);
  g_autofree char *large_digest = positions_digest (large);

  g_test_message ("example:\n%srandom 300:\n%srandom 500:\n%srandom 1000:\n%s", example_digest, random_digest,
                  full_digest, large_digest);
  g_assert_cmpstr (example_digest, ==, EXAMPLE_DIGEST);
  g_assert_cmpstr (random_digest, ==, RANDOM_DIGEST);
  g_assert_cmpstr (full_digest, ==, FULL_DIGEST);
  /* The grid still pulls 1,000 rated stakeholders apart, the most it
   * does. */
  g_assert_cmpstr (large_digest, ==, LARGE_DIGEST);
}

/* Every stakeholder's place, the fit, and every relationship as
 * @renderer holds it (placed or not, and between which places), in the
 * map's order, for the arrangement it shows. */
static char *
view_digest (SmRenderer *renderer,
             SmMap      *map)
{
  GString      *text = g_string_new (NULL);
  SmCollection *people = sm_map_get_stakeholders (map);
  SmCollection *ties = sm_map_get_relationships (map);
  SmViewport    fit;

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double x, y;

      if (sm_renderer_get_position (renderer, sm_collection_get (people, i), &x, &y))
        g_string_append_printf (text, "%.4f %.4f\n", x, y);
      else
        g_string_append (text, "-\n");
    }
  if (sm_renderer_fit_viewport (renderer, 1600, 1200, 24, SM_RENDER_LEGEND, &fit))
    g_string_append_printf (text, "%.6f %.4f %.4f\n", fit.scale, fit.x, fit.y);
  /* What the legend explains, found on the way by laying out the view. */
  {
    const Legend *l = &renderer->legend;

    g_string_append_printf (text, "legend %d%d%d %d%d%d %d %d %d\n", l->direction[0], l->direction[1],
                            l->direction[2], l->form[0], l->form[1], l->form[2], l->conflict, l->power,
                            l->power_unknown);
  }
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      Edge *edge = g_hash_table_lookup (renderer->edges, sm_collection_get (ties, i));

      g_assert_nonnull (edge);
      /* The ends kept are those the ids name now. */
      g_assert_true (edge->source_node == _sm_render_lookup_node (renderer, edge->source));
      g_assert_true (edge->target_node == _sm_render_lookup_node (renderer, edge->target));
      g_assert_cmpint (_sm_render_edge_is_placed (edge), ==, sm_index_contains (renderer->edge_index, edge));
      if (_sm_render_edge_is_placed (edge))
        g_string_append_printf (text, "%s %s %.4f %.4f %.4f %.4f\n", edge->source, edge->target,
                                edge->source_node->x, edge->source_node->y, edge->target_node->x,
                                edge->target_node->y);
      else
        g_string_append_printf (text, "%s %s -\n", edge->source, edge->target);
    }
  return g_string_free (text, FALSE);
}

static SmRecord *
random_record (SmMap   *map,
               gboolean people,
               GRand   *rand)
{
  SmCollection *all = people ? sm_map_get_stakeholders (map) : sm_map_get_relationships (map);
  guint         n = sm_collection_get_size (all);

  return n > 0 ? sm_collection_get (all, g_rand_int_range (rand, 0, n)) : NULL;
}

/* An id that may be taken, may have been taken once, or never was. */
static char *
random_id (GRand *rand,
           guint  n)
{
  return g_strdup_printf ("s%u", g_rand_int_range (rand, 0, n + 20));
}

/* A renderer that followed every edit (stakeholders added, removed and
 * brought back with their ids, relationships added, removed and pointed
 * at other stakeholders, moves, undo and redo), switching views as it
 * went, shows every view exactly as a renderer made afresh from the map
 * after the edits: its relationships' ends are kept right by the edits. */
static void
test_edits_match_fresh (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(SmMap) map = load_random_map (150, seed);
      g_autoptr(SmHistory) history = sm_history_new (map);
      g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint                           n_arrangements, added = 0;
      const SmArrangementInfo *const *all = sm_arrangements_get_all (&n_arrangements);

      for (guint step = 0; step < 200; step++)
        {
          SmCommand *command = NULL;
          SmRecord  *record;

          switch (g_rand_int_range (rand, 0, 9))
            {
            case 0:
              {
                g_autoptr(JsonObject) data = json_object_new ();
                g_autofree char *id = g_rand_boolean (rand) ? random_id (rand, 150)
                                                            : g_strdup_printf ("new%u", added++);

                if (sm_map_lookup (map, id) != NULL)
                  break;
                json_object_set_string_member (data, "id", id);
                json_object_set_string_member (data, "name", id);
                json_object_set_string_member (data, "kind", "citizen");
                json_object_set_int_member (data, "participation_level", g_rand_int_range (rand, 0, 8));
                json_object_set_int_member (data, "x", g_rand_int_range (rand, -3000, 3000));
                json_object_set_int_member (data, "y", g_rand_int_range (rand, -3000, 3000));
                command = sm_command_try_add (map, SM_RECORD_STAKEHOLDER, data, NULL);
              }
              break;
            case 1:
              if ((record = random_record (map, TRUE, rand)) != NULL)
                command = sm_command_new_remove (map, record);
              break;
            case 2:
              {
                g_autoptr(JsonObject) data = json_object_new ();
                SmRecord *a = random_record (map, TRUE, rand), *b = random_record (map, TRUE, rand);

                if (a == NULL || b == NULL)
                  break;
                json_object_set_string_member (data, "source", sm_record_get_id (a));
                json_object_set_string_member (data, "target", sm_record_get_id (b));
                json_object_set_string_member (data, "direction", "two_way");
                command = sm_command_try_add (map, SM_RECORD_RELATIONSHIP, data, NULL);
              }
              break;
            case 3:
              {
                g_autofree char         *id = random_id (rand, 150);
                static const char *const directions[] = { "one_way", "two_way" };
                static const char *const forms[] = { "visible", "hidden", "invisible" };

                if ((record = random_record (map, FALSE, rand)) == NULL)
                  break;
                /* Its ends, or what the legend says of it. */
                switch (g_rand_int_range (rand, 0, 4))
                  {
                  case 0:
                    command = sm_command_new_set_string (record, "direction", directions[g_rand_int_range (rand, 0, 2)]);
                    break;
                  case 1:
                    command = sm_command_new_set_string (record, "power_form", forms[g_rand_int_range (rand, 0, 3)]);
                    break;
                  default:
                    command = sm_command_new_set_string (record, g_rand_boolean (rand) ? "source" : "target", id);
                    break;
                  }
              }
              break;
            case 4:
              if ((record = random_record (map, FALSE, rand)) != NULL)
                command = sm_command_new_remove (map, record);
              break;
            case 5:
              if ((record = random_record (map, TRUE, rand)) != NULL)
                command = sm_command_new_set_number (record, g_rand_boolean (rand) ? "x" : "participation_level",
                                                     g_rand_int_range (rand, 0, 8));
              break;
            case 6:
            case 7:
              sm_history_undo (history);
              break;
            default:
              sm_history_redo (history);
              break;
            }
          if (command != NULL)
            sm_history_push (history, command);
          /* Lay out a view after some edits, not all. */
          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              double x0, y0, x1, y1;

              sm_renderer_set_arrangement_info (renderer, all[g_rand_int_range (rand, 0, n_arrangements)]);
              sm_renderer_get_bounds (renderer, &x0, &y0, &x1, &y1);
            }
          if (step % 50 == 49)
            {
              g_autoptr(SmRenderer) fresh = sm_renderer_new (map);

              for (guint a = 0; a < n_arrangements; a++)
                {
                  g_autofree char *kept = NULL;
                  g_autofree char *made = NULL;

                  sm_renderer_set_arrangement_info (renderer, all[a]);
                  sm_renderer_set_arrangement_info (fresh, all[a]);
                  kept = view_digest (renderer, map);
                  made = view_digest (fresh, map);
                  g_assert_cmpstr (kept, ==, made);
                }
            }
        }
    }
}

static gboolean
segment_meets_rect (const double *s,
                    const double *rect)
{
  return _sm_render_segment_meets_rect (s[0], s[1], s[2], s[3], rect[0], rect[1], rect[2], rect[3]);
}

/* Switching lays every relationship into an index whose cells grow with
 * the lines' length. Whatever the arrangement and the view, the index
 * offers every relationship that crosses the view and every stakeholder
 * whose box meets it: what a search of all of them finds. */
static void
test_index_finds_all (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(SmMap) map = load_random_map (700, seed);
      g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint                           n;
      const SmArrangementInfo *const *all = sm_arrangements_get_all (&n);

      for (guint a = 0; a < n; a++)
        {
          double         x0, y0, x1, y1, total = 0;
          guint          lines = 0;
          GHashTableIter iter;
          gpointer       value;

          sm_renderer_set_arrangement_info (renderer, all[a]);
          g_assert_true (sm_renderer_get_bounds (renderer, &x0, &y0, &x1, &y1));
          g_hash_table_iter_init (&iter, renderer->edges);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              Edge *edge = value;
              Node *s = _sm_render_lookup_node (renderer, edge->source);
              Node *t = _sm_render_lookup_node (renderer, edge->target);

              if (_sm_render_edge_is_placed (edge))
                total += fabs (s->x - t->x) + fabs (s->y - t->y), lines++;
            }
          /* The ladder's rows are long: its lines need the larger cells. */
          if (g_str_equal (sm_arrangement_info_get_id (all[a]), "ladder"))
            g_assert_cmpfloat (total / lines, >, 8 * CELL_SIZE);

          for (guint q = 0; q < 40; q++)
            {
              double w = g_rand_double_range (rand, 10, (x1 - x0) / 2);
              double h = g_rand_double_range (rand, 10, (y1 - y0) / 2);
              double rect[4];
              g_autoptr(GPtrArray) found = g_ptr_array_new ();
              g_autoptr(GHashTable) offered = g_hash_table_new (NULL, NULL);
              guint expected = 0, met = 0;

              rect[0] = g_rand_double_range (rand, x0 - w / 2, x1 - w / 2);
              rect[1] = g_rand_double_range (rand, y0 - h / 2, y1 - h / 2);
              rect[2] = rect[0] + w;
              rect[3] = rect[1] + h;

              sm_index_query (renderer->edge_index, rect[0], rect[1], w, h, found);
              for (guint i = 0; i < found->len; i++)
                g_hash_table_add (offered, g_ptr_array_index (found, i));
              g_hash_table_iter_init (&iter, renderer->edges);
              while (g_hash_table_iter_next (&iter, NULL, &value))
                {
                  Edge  *edge = value;
                  Node  *s = _sm_render_lookup_node (renderer, edge->source);
                  Node  *t = _sm_render_lookup_node (renderer, edge->target);
                  double segment[4];

                  if (!_sm_render_edge_is_placed (edge))
                    continue;
                  segment[0] = s->x, segment[1] = s->y, segment[2] = t->x, segment[3] = t->y;
                  if (!segment_meets_rect (segment, rect))
                    continue;
                  expected++;
                  if (g_hash_table_contains (offered, edge))
                    met++;
                }
              g_assert_cmpuint (met, ==, expected);

              g_ptr_array_set_size (found, 0);
              g_hash_table_remove_all (offered);
              expected = met = 0;
              sm_index_query (renderer->node_index, rect[0], rect[1], w, h, found);
              for (guint i = 0; i < found->len; i++)
                g_hash_table_add (offered, g_ptr_array_index (found, i));
              g_hash_table_iter_init (&iter, renderer->nodes);
              while (g_hash_table_iter_next (&iter, NULL, &value))
                {
                  Node  *node = value;
                  double e = _sm_render_node_extent (node);

                  if (!node->placed || node->x + e < rect[0] || node->x - e > rect[2] ||
                      node->y + e < rect[1] || node->y - e > rect[3])
                    continue;
                  expected++;
                  if (g_hash_table_contains (offered, node))
                    met++;
                }
              g_assert_cmpuint (met, ==, expected);
            }
        }
    }
}

/* How far the box @b (two corners) is from the segment @s (its ends). */
static double
box_segment_distance (const double *b,
                      const double *s)
{
  double x0 = MIN (b[0], b[2]), y0 = MIN (b[1], b[3]), x1 = MAX (b[0], b[2]), y1 = MAX (b[1], b[3]);
  double corners[4][2] = { { x0, y0 }, { x1, y0 }, { x0, y1 }, { x1, y1 } };
  double rect[4] = { x0, y0, x1, y1 };
  double best = G_MAXDOUBLE;

  if (segment_meets_rect (s, rect))
    return 0;
  /* Apart, the nearest points are an end of one and a point of the other. */
  for (int e = 0; e < 2; e++)
    {
      double px = s[2 * e], py = s[2 * e + 1];

      best = MIN (best, hypot (px - CLAMP (px, x0, x1), py - CLAMP (py, y0, y1)));
    }
  for (int c = 0; c < 4; c++)
    {
      double dx = s[2] - s[0], dy = s[3] - s[1], len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? ((corners[c][0] - s[0]) * dx + (corners[c][1] - s[1]) * dy) / len2 : 0;

      t = CLAMP (t, 0, 1);
      best = MIN (best, hypot (corners[c][0] - (s[0] + t * dx), corners[c][1] - (s[1] + t * dy)));
    }
  return best;
}

/* Whether the box @b (two corners) meets the rectangle beside the segment
 * @s: within @reach of its line, from @beyond before its start to @beyond
 * past its end. An edge of the rectangle crosses the box, or the box lies
 * inside it. */
static gboolean
box_meets_beside (const double *b,
                  const double *s,
                  double        reach,
                  double        beyond)
{
  double x0 = MIN (b[0], b[2]), y0 = MIN (b[1], b[3]), x1 = MAX (b[0], b[2]), y1 = MAX (b[1], b[3]);
  double rect[4] = { x0, y0, x1, y1 };
  double len = hypot (s[2] - s[0], s[3] - s[1]);
  double ux = (s[2] - s[0]) / len, uy = (s[3] - s[1]) / len;
  double corners[4][2], along, side;

  for (int c = 0; c < 4; c++)
    {
      double a = c < 2 ? -beyond : len + beyond, d = c == 0 || c == 3 ? -reach : reach;

      corners[c][0] = s[0] + ux * a - uy * d;
      corners[c][1] = s[1] + uy * a + ux * d;
    }
  for (int c = 0; c < 4; c++)
    {
      double edge[4] = { corners[c][0], corners[c][1], corners[(c + 1) % 4][0], corners[(c + 1) % 4][1] };

      if (segment_meets_rect (edge, rect))
        return TRUE;
    }
  along = ((x0 - s[0]) * ux + (y0 - s[1]) * uy);
  side = (y0 - s[1]) * ux - (x0 - s[0]) * uy;
  return along >= -beyond && along <= len + beyond && fabs (side) <= reach;
}

/* The spatial index itself, through many moves and removals (its table of
 * cells grows, and empties cells out of the middle of runs of them):
 * every query offers every item whose box or segment meets the rectangle
 * that a search of them all finds, no line that passes beside it, and
 * nothing removed; asked for what is near a segment (as routes ask), it
 * offers, once each, every box that comes within the reach of it, or of
 * its line between a shorter distance past its ends, and none wholly
 * further past them. */
static void
test_index_after_edits (void)
{
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SmIndex) index = sm_index_new (seed % 2 ? 50 : 400);
      enum
      {
        N = 600
      };
      double   items[N][4];
      gboolean in[N] = { FALSE }, segment[N] = { FALSE };

      for (guint step = 0; step < 6000; step++)
        {
          guint i = g_rand_int_range (rand, 0, N);

          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              g_assert_cmpint (sm_index_remove (index, GUINT_TO_POINTER (i + 1)), ==, in[i]);
              in[i] = FALSE;
              continue;
            }
          segment[i] = g_rand_boolean (rand);
          items[i][0] = g_rand_double_range (rand, -5000, 5000);
          items[i][1] = g_rand_double_range (rand, -5000, 5000);
          items[i][2] = items[i][0] + g_rand_double_range (rand, -1500, 1500);
          items[i][3] = items[i][1] + g_rand_double_range (rand, -1500, 1500);
          if (segment[i])
            sm_index_set_segment (index, GUINT_TO_POINTER (i + 1), items[i][0], items[i][1], items[i][2],
                                  items[i][3]);
          else
            sm_index_set_box (index, GUINT_TO_POINTER (i + 1), items[i][0], items[i][1], items[i][2], items[i][3]);
          in[i] = TRUE;

          if (step % 100 == 99)
            for (guint q = 0; q < 20; q++)
              {
                double rect[4];
                g_autoptr(GPtrArray) found = g_ptr_array_new ();
                g_autoptr(GHashTable) offered = g_hash_table_new (NULL, NULL);

                rect[0] = g_rand_double_range (rand, -6000, 6000);
                rect[1] = g_rand_double_range (rand, -6000, 6000);
                rect[2] = rect[0] + g_rand_double_range (rand, 1, q % 5 ? 800 : 12000);
                rect[3] = rect[1] + g_rand_double_range (rand, 1, q % 5 ? 800 : 12000);
                sm_index_query (index, rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1], found);
                for (guint k = 0; k < found->len; k++)
                  {
                    guint item = GPOINTER_TO_UINT (g_ptr_array_index (found, k)) - 1;

                    g_assert_true (in[item]);
                    g_assert_true (g_hash_table_add (offered, g_ptr_array_index (found, k)));
                    /* A line is offered only where it is: one whose box
                     * meets the rectangle but which passes beside it is
                     * left out (to within rounding). */
                    if (segment[item])
                      {
                        double grown[4] = { rect[0] - 1e-6, rect[1] - 1e-6, rect[2] + 1e-6, rect[3] + 1e-6 };

                        g_assert_true (segment_meets_rect (items[item], grown));
                      }
                  }
                for (guint k = 0; k < N; k++)
                  {
                    gboolean meets;

                    if (!in[k])
                      continue;
                    if (segment[k])
                      meets = segment_meets_rect (items[k], rect);
                    else
                      meets = MAX (items[k][0], items[k][2]) >= rect[0] && MIN (items[k][0], items[k][2]) <= rect[2] &&
                              MAX (items[k][1], items[k][3]) >= rect[1] && MIN (items[k][1], items[k][3]) <= rect[3];
                    if (meets)
                      g_assert_true (g_hash_table_contains (offered, GUINT_TO_POINTER (k + 1)));
                  }
              }
          if (step % 100 == 99)
            for (guint q = 0; q < 20; q++)
              {
                double line[4], reach = g_rand_double_range (rand, 0, q % 5 ? 300 : 4000);
                /* As far past the ends as across, or less (as routes ask). */
                double beyond = q % 2 ? reach : g_rand_double_range (rand, 0, q % 4 ? 60 : reach);
                g_autoptr(GPtrArray) found = g_ptr_array_new ();
                g_autoptr(GHashTable) offered = g_hash_table_new (NULL, NULL);

                line[0] = g_rand_double_range (rand, -6000, 6000);
                line[1] = g_rand_double_range (rand, -6000, 6000);
                /* Some straight across or down, some a point. */
                line[2] = q % 7 == 1 ? line[0] : line[0] + g_rand_double_range (rand, -5000, 5000);
                line[3] = q % 7 == 2 ? line[1] : line[1] + g_rand_double_range (rand, -5000, 5000);
                if (q % 7 == 3)
                  line[2] = line[0], line[3] = line[1];
                sm_index_query_near_segment (index, line[0], line[1], line[2], line[3], reach, beyond, found);
                for (guint k = 0; k < found->len; k++)
                  {
                    g_assert_true (in[GPOINTER_TO_UINT (g_ptr_array_index (found, k)) - 1]);
                    g_assert_true (g_hash_table_add (offered, g_ptr_array_index (found, k)));
                  }
                for (guint k = 0; k < N; k++)
                  {
                    gboolean near;

                    if (!in[k] || segment[k])
                      continue;
                    if (beyond == reach || (line[0] == line[2] && line[1] == line[3]))
                      near = box_segment_distance (items[k], line) <= MIN (reach, beyond);
                    else
                      near = box_meets_beside (items[k], line, reach, beyond);
                    if (near)
                      g_assert_true (g_hash_table_contains (offered, GUINT_TO_POINTER (k + 1)));
                  }
                /* Nor is it offered much past the ends: a box wholly
                 * before the start or past the end by a margin stays out. */
                for (guint k = 0; k < found->len; k++)
                  {
                    guint         item = GPOINTER_TO_UINT (g_ptr_array_index (found, k)) - 1;
                    const double *b = items[item];
                    double        len = hypot (line[2] - line[0], line[3] - line[1]);
                    double        first = G_MAXDOUBLE, last = -G_MAXDOUBLE;

                    if (segment[item] || len == 0)
                      continue;
                    for (int c = 0; c < 4; c++)
                      {
                        double x = c % 2 ? b[2] : b[0], y = c < 2 ? b[1] : b[3];
                        double along = ((x - line[0]) * (line[2] - line[0]) + (y - line[1]) * (line[3] - line[1])) / len;

                        first = MIN (first, along), last = MAX (last, along);
                      }
                    g_assert_cmpfloat (last, >=, -beyond - 1e-6);
                    g_assert_cmpfloat (first, <=, len + beyond + 1e-6);
                  }
              }
        }
      for (guint k = 0; k < N; k++)
        g_assert_cmpint (sm_index_contains (index, GUINT_TO_POINTER (k + 1)), ==, in[k]);
    }
}

/* Two indexes asked the same: the same items, in the same order. */
static void
assert_same_answers (SmIndex *a,
                     SmIndex *b,
                     GRand   *rand)
{
  for (guint q = 0; q < 40; q++)
    {
      double line[4], reach = g_rand_double_range (rand, 0, q % 5 ? 300 : 4000);
      g_autoptr(GPtrArray) found_a = g_ptr_array_new ();
      g_autoptr(GPtrArray) found_b = g_ptr_array_new ();

      line[0] = g_rand_double_range (rand, -6000, 6000);
      line[1] = g_rand_double_range (rand, -6000, 6000);
      line[2] = line[0] + g_rand_double_range (rand, 1, q % 5 ? 800 : 12000);
      line[3] = line[1] + g_rand_double_range (rand, 1, q % 5 ? 800 : 12000);
      sm_index_query (a, line[0], line[1], line[2] - line[0], line[3] - line[1], found_a);
      sm_index_query (b, line[0], line[1], line[2] - line[0], line[3] - line[1], found_b);
      g_assert_cmpmem (found_a->pdata, found_a->len * sizeof (gpointer), found_b->pdata,
                       found_b->len * sizeof (gpointer));
      g_ptr_array_set_size (found_a, 0);
      g_ptr_array_set_size (found_b, 0);
      sm_index_query_near_segment (a, line[0], line[1], line[2], line[3], reach, q % 3 ? reach : reach / 4,
                                   found_a);
      sm_index_query_near_segment (b, line[0], line[1], line[2], line[3], reach, q % 3 ? reach : reach / 4,
                                   found_b);
      g_assert_cmpmem (found_a->pdata, found_a->len * sizeof (gpointer), found_b->pdata,
                       found_b->len * sizeof (gpointer));
    }
  g_assert_cmpuint (sm_index_get_size (a), ==, sm_index_get_size (b));
}

/* An index filled with sm_index_add_box() and sm_index_add_segment(), as
 * a switch of view fills one, answers every query exactly as one filled
 * item by item with sm_index_set_box() and sm_index_set_segment(), the
 * same items in the same order, and goes on doing so through moves,
 * removals and more items added. */
static void
test_index_added_matches_set (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SmIndex) added = sm_index_new (seed % 2 ? 50 : 400);
      g_autoptr(SmIndex) set = sm_index_new (seed % 2 ? 50 : 400);
      enum
      {
        N = 3000
      };
      gboolean in[N] = { FALSE };

      for (guint i = 0; i < N; i++)
        {
          double   x = g_rand_double_range (rand, -5000, 5000), y = g_rand_double_range (rand, -5000, 5000);
          double   x1 = x + g_rand_double_range (rand, -1500, 1500), y1 = y + g_rand_double_range (rand, -1500, 1500);
          gpointer item = GUINT_TO_POINTER (i + 1);

          /* Some are left out, to be put in after the edits. */
          if (i % 7 == 3)
            continue;
          if (i % 3 == 0)
            {
              sm_index_add_segment (added, item, x, y, x1, y1);
              sm_index_set_segment (set, item, x, y, x1, y1);
            }
          else
            {
              sm_index_add_box (added, item, x, y, x1, y1);
              sm_index_set_box (set, item, x, y, x1, y1);
            }
          in[i] = TRUE;
        }
      assert_same_answers (added, set, rand);

      for (guint step = 0; step < 600; step++)
        {
          guint    i = g_rand_int_range (rand, 0, N);
          gpointer item = GUINT_TO_POINTER (i + 1);
          double   x = g_rand_double_range (rand, -5000, 5000), y = g_rand_double_range (rand, -5000, 5000);

          if (step % 3 == 0)
            {
              g_assert_cmpint (sm_index_remove (added, item), ==, in[i]);
              g_assert_cmpint (sm_index_remove (set, item), ==, in[i]);
              in[i] = FALSE;
            }
          else if (!in[i])
            {
              sm_index_add_box (added, item, x, y, x + 40, y + 30);
              sm_index_set_box (set, item, x, y, x + 40, y + 30);
              in[i] = TRUE;
            }
          else
            {
              sm_index_set_segment (added, item, x, y, x + 900, y - 300);
              sm_index_set_segment (set, item, x, y, x + 900, y - 300);
            }
        }
      assert_same_answers (added, set, rand);
      for (guint k = 0; k < N; k++)
        g_assert_cmpint (sm_index_contains (added, GUINT_TO_POINTER (k + 1)), ==, in[k]);
    }
}

static void
collect_text_cb (cairo_t      *cr,
                 PangoLayout  *layout,
                 const double *halo,
                 gpointer      user_data)
{
  g_ptr_array_add (user_data, g_strdup (pango_layout_get_text (layout)));
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

static guint
count_prefix (GPtrArray  *texts,
              const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (texts, i), prefix);
  return n;
}

/* The selection's accent, #1c71d8, within a few pixels of (x, y). */
static gboolean
accent_near (cairo_surface_t *surface,
             double           x,
             double           y)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int     stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      {
        int     px = (int) x + dx, py = (int) y + dy;
        guint32 v;

        if (px < 0 || py < 0 || px >= cairo_image_surface_get_width (surface) ||
            py >= cairo_image_surface_get_height (surface))
          continue;
        v = *(guint32 *) (data + py * stride + px * 4);
        if (ABS ((int) ((v >> 16) & 0xff) - 0x1c) < 40 && ABS ((int) ((v >> 8) & 0xff) - 0x71) < 40 &&
            ABS ((int) (v & 0xff) - 0xd8) < 40)
          return TRUE;
      }
  return FALSE;
}

/* A view of the ladder fitted round 700 stakeholders is too far out for
 * names and too crowded for each line: the lines are density. What the
 * user picked still shows: the selected relationship as a line, the
 * selected and the highlighted stakeholders with their names. */
static void
test_crowded_keeps_picked (void)
{
  g_autoptr(SmMap) map = load_random_map (700, 7);
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  g_autoptr(SmSelection) selection = sm_selection_new (map);
  g_autoptr(GHashTable) highlight = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  SmRenderState    state = { SM_RENDER_BACKGROUND };
  SmViewport       fit;
  cairo_surface_t *surface;
  cairo_t         *cr;
  SmRecord        *tie = sm_map_lookup (map, "r100");
  double           sx, sy, tx, ty;

  g_assert_nonnull (tie);
  sm_renderer_set_arrangement (renderer, SM_ARRANGEMENT_LADDER);
  sm_renderer_set_text_func (renderer, collect_text_cb, texts);
  g_assert_true (sm_renderer_fit_viewport (renderer, 1600, 1200, 24, 0, &fit));
  g_assert_cmpfloat (fit.scale, <, LOD_LABELS);

  sm_selection_set (selection, (const char *const[]) { "r100", "s42", NULL });
  g_hash_table_add (highlight, (gpointer) "s7");
  state.selection = selection;
  state.highlight = highlight;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
  cr = cairo_create (surface);
  sm_renderer_draw (renderer, cr, &fit, &state);
  cairo_destroy (cr);

  g_assert_cmpuint (sm_renderer_get_drawn_count (renderer), ==, 700);
  /* Names: only those picked. */
  g_assert_true (has_text (texts, "Stakeholder 42"));
  g_assert_true (has_text (texts, "Stakeholder 7"));
  g_assert_cmpuint (count_prefix (texts, "Stakeholder "), ==, 2);

  /* The selected relationship, straight between its ends. */
  g_assert_true (sm_renderer_get_position (renderer, sm_map_lookup (map, sm_relationship_get_source (tie)), &sx, &sy));
  g_assert_true (sm_renderer_get_position (renderer, sm_map_lookup (map, sm_relationship_get_target (tie)), &tx, &ty));
  for (double t = 0.3; t <= 0.7; t += 0.2)
    g_assert_true (accent_near (surface, ((sx + (tx - sx) * t) - fit.x) * fit.scale,
                                ((sy + (ty - sy) * t) - fit.y) * fit.scale));
  cairo_surface_destroy (surface);

  /* Nothing picked: no names at all. */
  g_ptr_array_set_size (texts, 0);
  state.selection = NULL;
  state.highlight = NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
  cr = cairo_create (surface);
  sm_renderer_draw (renderer, cr, &fit, &state);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (count_prefix (texts, "Stakeholder "), ==, 0);
}

static guint
count_fitted_names (SmMap        *map,
                    SmArrangement arrangement,
                    const char   *selected,
                    GPtrArray    *texts,
                    double       *scale)
{
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  g_autoptr(SmSelection) selection = sm_selection_new (map);
  SmRenderState    state = { SM_RENDER_BACKGROUND, selection };
  SmViewport       fit;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
  cairo_t         *cr = cairo_create (surface);

  if (selected != NULL)
    sm_selection_select_only (selection, selected);
  sm_renderer_set_arrangement (renderer, arrangement);
  sm_renderer_set_text_func (renderer, collect_text_cb, texts);
  g_assert_true (sm_renderer_fit_viewport (renderer, 1600, 1200, 24, 0, &fit));
  sm_renderer_draw (renderer, cr, &fit, &state);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  *scale = fit.scale;
  return count_prefix (texts, "Stakeholder ");
}

/* The grid fitted round 1,000 stakeholders is far enough out that names
 * would have to grow to be read, and too crowded for them to find room:
 * only the selected one keeps its name. A meeting's grid keeps them. */
static void
test_crowded_names (void)
{
  g_autoptr(SmMap) large = load_map (1000, 11, TRUE);
  g_autoptr(SmMap) meeting = load_map (300, 300, TRUE);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  double scale;

  g_assert_cmpuint (count_fitted_names (large, SM_ARRANGEMENT_POWER_INTEREST, "s3", texts, &scale), ==, 1);
  g_assert_cmpfloat (scale, >=, LOD_LABELS);
  g_assert_cmpfloat (LABEL_FONT_SIZE * scale, <, SM_RENDER_NAME_MIN_SIZE);
  g_assert_true (has_text (texts, "Stakeholder 3"));

  g_ptr_array_set_size (texts, 0);
  g_assert_cmpuint (count_fitted_names (meeting, SM_ARRANGEMENT_POWER_INTEREST, NULL, texts, &scale), >, 50);
}

/* A map of @n rated stakeholders crowded on @n_places places of the
 * power–interest grid (@places: interest and influence of each), taken
 * in turn at random; with ties, so shapes differ in size. */
static SmMap *
crowded_map (guint         n,
             guint32       seed,
             const double *places,
             guint         n_places)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");

  for (guint i = 0; i < n; i++)
    {
      guint p = g_rand_int_range (rand, 0, n_places);

      g_string_append_printf (json, "%s{\"id\":\"s%u\",\"name\":\"Stakeholder %u\",\"kind\":\"%s\",\"interest\":%g,"
                                    "\"influence\":%g,\"x\":0,\"y\":0}",
                              i ? "," : "", i, i, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                              places[2 * p], places[2 * p + 1]);
    }
  g_string_append (json, "],\"relationships\":[");
  for (guint i = 1; i < n; i++)
    g_string_append_printf (json, "%s{\"id\":\"r%u\",\"source\":\"s%u\",\"target\":\"s%u\"}", i > 1 ? "," : "", i,
                            i, g_rand_int_range (rand, 0, i));
  g_string_append (json, "]}");
  return sm_test_load (json->str);
}

/* Where every stakeholder is on the power–interest grid, one per line;
 * @plain: the search for free places tries every place in turn.
 * @spilled: how many are outside the grid, where a full quadrant spills. */
static char *
grid_positions (SmMap   *map,
                gboolean plain,
                guint   *spilled)
{
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  SmCollection *people = sm_map_get_stakeholders (map);
  GString      *text = g_string_new (NULL);
  double        gx, gy, gw, gh;

  renderer->plain_spread = plain;
  sm_renderer_set_arrangement_info (renderer, sm_arrangement_find ("power-interest"));
  g_assert_true (sm_renderer_get_region (renderer, SM_REGION_GRID, &gx, &gy, &gw, &gh));
  *spilled = 0;
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      double x, y;

      g_assert_true (sm_renderer_get_position (renderer, sm_collection_get (people, i), &x, &y));
      g_string_append_printf (text, "%.17g %.17g\n", x, y);
      if (x < gx || x > gx + gw || y < gy || y > gy + gh)
        (*spilled)++;
    }
  return g_string_free (text, FALSE);
}

/* The grid's search for a free place reads bits kept from one search to
 * the next, marked for a width class, and rows at a time: where crowds
 * fill a quadrant and spill over the grid's edge, everyone lands exactly
 * where trying every place of the lattice against every placed shape
 * puts them. */
static void
test_crowded_spread_matches_plain (void)
{
  /* Everyone on one place; a high quadrant of four places; places by the
   * cuts, in corners and between whole scores. */
  static const double one[] = { 8, 8 };
  static const double quadrant[] = { 7, 7, 8, 10, 10, 10, 9, 6 };
  static const double edges[] = { 6, 6, 5, 5, 0, 0, 10, 0, 0, 10, 5.5, 6.4, 10, 10, 2, 9 };
  static const struct
  {
    const double *places;
    guint         n_places, n;
  } cases[] = {
    { one, 1, 1000 },
    { one, 1, 300 },
    { quadrant, 4, 1000 },
    { edges, 8, 1000 },
  };

  for (guint c = 0; c <= G_N_ELEMENTS (cases); c++)
    {
      /* The last: every place of the grid, as a register of 1,000 has. */
      g_autoptr(SmMap) map = c < G_N_ELEMENTS (cases)
                                ? crowded_map (cases[c].n, 40 + c, cases[c].places, cases[c].n_places)
                                : load_map (1000, 23, TRUE);
      guint            fast_spilled, plain_spilled;
      g_autofree char *fast = grid_positions (map, FALSE, &fast_spilled);
      g_autofree char *plain = grid_positions (map, TRUE, &plain_spilled);

      g_auto (GStrv) fast_lines = g_strsplit (fast, "\n", -1);
      g_auto (GStrv) plain_lines = g_strsplit (plain, "\n", -1);

      for (guint i = 0; plain_lines[i] != NULL; i++)
        {
          g_autofree char *where = g_strdup_printf ("map %u, stakeholder %u: %s", c, i, plain_lines[i]);
          g_autofree char *fast_where = g_strdup_printf ("map %u, stakeholder %u: %s", c, i, fast_lines[i]);

          g_assert_cmpstr (fast_where, ==, where);
        }
      /* Crowded enough to search far. */
      g_assert_cmpuint (plain_spilled, >, 20);
    }
}

/* The grid keeps, per side of the cuts and width class, a bit for each
 * place of its lattice that a placed shape is in the way of, and a
 * search reads the bits outwards from its start; trying every place
 * against every shape gives the same place, or none, on crowds that
 * cover the bounds just, or just not: shapes about a reach apart, some
 * of them missing, sharing edges or sitting on the bounds' edges. */
static void
test_grid_nearest_free_matches_plain (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  guint taken = 0, free = 0;

  for (guint trial = 0; trial < 3000; trial++)
    {
      double  e = g_rand_double_range (rand, 5, 30);
      double  bounds[4];
      double  step = g_rand_double_range (rand, 20, 90);
      guint   cols = g_rand_int_range (rand, 1, 7), rows = g_rand_int_range (rand, 1, 7);
      guint   n = 0, fast_taken, plain_taken;
      double *shapes = g_new (double, 3 * (cols * rows + 4));
      double  x0, y0, fx = 0, fy = 0, px = 0, py = 0;

      bounds[0] = g_rand_double_range (rand, -200, 200);
      bounds[1] = bounds[0] + (trial % 17 == 0 ? 0 : g_rand_double_range (rand, 0, cols * step));
      bounds[2] = g_rand_double_range (rand, -200, 200);
      bounds[3] = bounds[2] + (trial % 13 == 0 ? 0 : g_rand_double_range (rand, 0, rows * step));
      for (guint i = 0; i < cols; i++)
        for (guint j = 0; j < rows; j++)
          {
            double oe = g_rand_double_range (rand, 5, 30);

            if (g_rand_int_range (rand, 0, 12) == 0)
              continue;
            /* A reach is e + oe + the gap: a grid of about that step
             * leaves gaps now and then. */
            shapes[3 * n] = bounds[0] + i * step + (trial % 3 ? g_rand_double_range (rand, -4, 4) : 0);
            shapes[3 * n + 1] = bounds[2] + j * step + (trial % 5 ? g_rand_double_range (rand, -4, 4) : 0);
            shapes[3 * n + 2] = trial % 2 ? MAX (5, step / 2 - e - 3 + g_rand_double_range (rand, -2, 6)) : oe;
            n++;
          }
      /* From inside the bounds, from their edge or from outside them. */
      x0 = g_rand_double_range (rand, bounds[0] - 40, bounds[1] + 40);
      y0 = g_rand_double_range (rand, bounds[2] - 40, bounds[3] + 40);
      gboolean plain = _sm_render_test_grid_nearest_free (shapes, n, e, bounds, x0, y0, 1, &px, &py, &plain_taken);
      gboolean fast = _sm_render_test_grid_nearest_free (shapes, n, e, bounds, x0, y0, 0, &fx, &fy, &fast_taken);

      g_assert_cmpint (fast, ==, plain);
      g_assert_cmpuint (fast_taken, ==, plain_taken);
      if (plain)
        {
          g_assert_cmpfloat (fx, ==, px);
          g_assert_cmpfloat (fy, ==, py);
          free++;
        }
      else
        taken++;
      g_free (shapes);
    }
  /* Both answers, often. */
  g_assert_cmpuint (taken, >, 300);
  g_assert_cmpuint (free, >, 300);
}

/* A placed shape sets the bits of exactly the places it is in the way
 * of: wide shapes and narrow, just inside or just outside their reach
 * of the bounds on every side, wherever the lattice's places fall. */
static void
test_grid_marks_match_plain (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  guint taken = 0, places = 0;

  for (guint trial = 0; trial < 2000; trial++)
    {
      double bounds[4];
      double e = g_rand_double_range (rand, 5, 60);
      double shapes[3 * 64];
      guint  n = 0, fast_taken, plain_taken;
      double x, y;

      bounds[0] = g_rand_double_range (rand, -1500, 1500);
      bounds[1] = bounds[0] + g_rand_double_range (rand, 0, 150);
      bounds[2] = g_rand_double_range (rand, -1500, 1500);
      bounds[3] = bounds[2] + g_rand_double_range (rand, 0, 150);
      for (guint k = 0; k < 4; k++)
        for (guint side = 0; side < 4; side++)
          {
            double oe = g_rand_int_range (rand, 0, 3) == 0 ? 60 : g_rand_double_range (rand, 5, 60);
            double reach = e + oe + 6 + g_rand_double_range (rand, -8, 8);
            double along = g_rand_double_range (rand, -100, 250);

            shapes[3 * n] = side == 0   ? bounds[0] - reach
                            : side == 1 ? bounds[1] + reach
                                        : bounds[0] + along;
            shapes[3 * n + 1] = side == 2   ? bounds[2] - reach
                                : side == 3 ? bounds[3] + reach
                                            : bounds[2] + along;
            shapes[3 * n + 2] = oe;
            n++;
          }
      _sm_render_test_grid_nearest_free (shapes, n, e, bounds, bounds[0], bounds[2], 1, &x, &y, &plain_taken);
      _sm_render_test_grid_nearest_free (shapes, n, e, bounds, bounds[0], bounds[2], 0, &x, &y, &fast_taken);
      g_assert_cmpuint (fast_taken, ==, plain_taken);
      taken += plain_taken;
      /* About how many places the lattice, 8 apart, has there. */
      places += (guint) (((bounds[1] - bounds[0]) / 8 + 1) * ((bounds[3] - bounds[2]) / 8 + 1));
    }
  /* Places taken and places free, many of each. */
  g_assert_cmpuint (taken, >, places / 20);
  g_assert_cmpuint (taken, <, places * 9 / 10);
}

/* Fitting a view measures the names at its rim at three or four zooms in
 * turn, and the measures of a name's last few zooms are kept: the bounds
 * at each scale are what a renderer measuring every name afresh finds,
 * through zooms met again, zooms pushed out and after every name
 * changed. */
static void
test_fit_names_kept_match_fresh (void)
{
  static const double scales[] = { 0.5, 0.4, 0.35, 0.5, 0.45, 0.4, 0.31, 0.5, 0.35, 0.33, 0.45 };
  g_autoptr(SmMap) map = load_map (300, 29, TRUE);
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  SmCollection *people = sm_map_get_stakeholders (map);
  double        first[4] = { 0 };

  sm_renderer_set_arrangement_info (renderer, sm_arrangement_find ("power-interest"));
  for (guint round = 0; round < 2; round++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
        {
          g_autoptr(SmRenderer) fresh = sm_renderer_new (map);
          double kept[4], measured[4];

          sm_renderer_set_arrangement_info (fresh, sm_arrangement_find ("power-interest"));
          /* Against measuring every name: skipping those that cannot
           * reach past the bounds found so far changes nothing. */
          fresh->plain_bounds = TRUE;
          g_assert_true (sm_renderer_get_bounds_at_scale (renderer, scales[k], &kept[0], &kept[1], &kept[2], &kept[3]));
          g_assert_true (
            sm_renderer_get_bounds_at_scale (fresh, scales[k], &measured[0], &measured[1], &measured[2], &measured[3]));
          for (guint i = 0; i < 4; i++)
            g_assert_cmpfloat (kept[i], ==, measured[i]);
          if (k == 0 && round == 0)
            memcpy (first, kept, sizeof first);
          /* The longer names reach further. */
          if (k == 0 && round == 1)
            g_assert_cmpfloat (kept[2], >, first[2]);
        }
      if (round == 0)
        for (guint i = 0; i < sm_collection_get_size (people); i++)
          {
            g_autofree char *name = g_strdup_printf ("A stakeholder with a much longer name, number %u", i);
            JsonNode        *value = json_node_init_string (json_node_alloc (), name);
            g_autoptr(SmCommand) edit = sm_command_new_set_value (sm_collection_get (people, i), "name", value);

            sm_command_apply (edit, map);
            json_node_unref (value);
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/arrange/positions-unchanged", test_positions_unchanged);
  g_test_add_func ("/core/arrange/index-finds-all", test_index_finds_all);
  g_test_add_func ("/core/arrange/edits-match-fresh", test_edits_match_fresh);
  g_test_add_func ("/core/arrange/index-after-edits", test_index_after_edits);
  g_test_add_func ("/core/arrange/index-added-matches-set", test_index_added_matches_set);
  g_test_add_func ("/core/arrange/crowded-keeps-picked", test_crowded_keeps_picked);
  g_test_add_func ("/core/arrange/crowded-names", test_crowded_names);
  g_test_add_func ("/core/arrange/crowded-spread-matches-plain", test_crowded_spread_matches_plain);
  g_test_add_func ("/core/arrange/grid-nearest-free-matches-plain", test_grid_nearest_free_matches_plain);
  g_test_add_func ("/core/arrange/grid-marks-match-plain", test_grid_marks_match_plain);
  g_test_add_func ("/core/arrange/fit-names-kept-match-fresh", test_fit_names_kept_match_fresh);

  return g_test_run ();
}

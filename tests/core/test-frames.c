/* test-frames.c
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
#include "sm-map-private.h"
#include "sm-render-private.h"
#include "sm-render.h"
#include "sm-selection.h"
#include "sm-test-utils.h"

/* What keeps a frame of a large map cheap (routes kept between frames,
 * relationships batched by style, level of detail) must draw what the
 * straightforward way draws: the same pixels after any edit, and never
 * less than the user asked to see. */

#define WIDTH 480
#define HEIGHT 360

static SmViewport
view_on (double cx,
         double cy,
         double scale)
{
  SmViewport v = { scale, cx - WIDTH / 2.0 / scale, cy - HEIGHT / 2.0 / scale, WIDTH, HEIGHT };

  return v;
}

static cairo_surface_t *
draw (SmRenderer          *renderer,
      const SmViewport    *viewport,
      const SmRenderState *state)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, viewport->width, viewport->height);
  cairo_t         *cr = cairo_create (surface);

  sm_renderer_draw (renderer, cr, viewport, state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many pixels differ between two drawings of the same size. */
static guint
count_different (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int     stride = cairo_image_surface_get_stride (a);
  int     width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint   n = 0;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (da + y * stride + 4 * x, db + y * stride + 4 * x, 4) != 0)
        n++;
  return n;
}

/* How many pixels differ by more than @slack in a channel. */
static guint
count_different_by (cairo_surface_t *a,
                    cairo_surface_t *b,
                    int              slack)
{
  int     stride = cairo_image_surface_get_stride (a);
  int     width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint   n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      for (int c = 0; c < 4; c++)
        if (ABS ((int) da[y * stride + 4 * x + c] - (int) db[y * stride + 4 * x + c]) > slack)
          {
            n++;
            break;
          }
  return n;
}

/* A crowded random map: lines pass through stakeholders and must bow. */
static SmMap *
random_map (GRand *rand,
            guint  n,
            double spread)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");
  static const char *kinds[] = { "citizen", "professional", "manager", "community_org", "advocate" };
  static const char *forms[] = { "visible", "hidden", "invisible" };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\":\"s%u\",\"name\":\"Person %u\",\"kind\":\"%s\",\"influence\":%d,"
                            "\"lived_experience\":{\"relevant\":%s,\"in_role\":true},\"x\":%.1f,\"y\":%.1f}",
                            i ? "," : "", i, i, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                            g_rand_int_range (rand, 0, 11), g_rand_boolean (rand) ? "true" : "false",
                            g_rand_double_range (rand, -spread, spread), g_rand_double_range (rand, -spread, spread));
  g_string_append (json, "],\"relationships\":[");
  for (guint i = 0; i < 2 * n; i++)
    {
      guint s = g_rand_int_range (rand, 0, n), t = g_rand_int_range (rand, 0, n);

      if (s == t)
        t = (t + 1) % n;
      g_string_append_printf (json,
                              "%s{\"id\":\"r%u\",\"source\":\"s%u\",\"target\":\"s%u\",\"direction\":\"%s\","
                              "\"power_form\":\"%s\"%s}",
                              i ? "," : "", i, s, t, g_rand_boolean (rand) ? "one_way" : "two_way",
                              forms[g_rand_int_range (rand, 0, G_N_ELEMENTS (forms))],
                              g_rand_int_range (rand, 0, 5) == 0 ? ",\"category\":\"conflict_tension\"" : "");
    }
  g_string_append (json, "]}");
  return sm_test_load (json->str);
}

/* One random edit of the kinds a user makes: move, resize, mark, add,
 * connect, remove; or an undo. */
static void
random_edit (GRand     *rand,
             SmMap     *map,
             SmHistory *history,
             double     spread,
             guint     *next_id)
{
  SmCollection *people = sm_map_get_stakeholders (map);
  SmCollection *ties = sm_map_get_relationships (map);
  guint         n = sm_collection_get_size (people);
  SmRecord     *someone = sm_collection_get (people, g_rand_int_range (rand, 0, n));

  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:
    case 1:
      {
        g_autoptr(GPtrArray) moved = g_ptr_array_new ();
        double x = g_rand_double_range (rand, -spread, spread), y = g_rand_double_range (rand, -spread, spread);

        g_ptr_array_add (moved, someone);
        sm_history_push (history, sm_command_new_move (moved, &x, &y));
      }
      break;
    case 2:
      sm_history_push (history, sm_command_new_set_number (someone, "influence", g_rand_int_range (rand, 0, 11)));
      break;
    case 3:
      sm_history_push (history, sm_command_new_set_value (someone, "lived_experience.relevant",
                                                          json_node_init_boolean (json_node_alloc (),
                                                                                  g_rand_boolean (rand))));
      break;
    case 4:
      {
        g_autoptr(JsonObject) data = json_object_new ();
        g_autofree char *id = g_strdup_printf ("new%u", (*next_id)++);

        json_object_set_string_member (data, "id", id);
        json_object_set_string_member (data, "name", id);
        json_object_set_double_member (data, "x", g_rand_double_range (rand, -spread, spread));
        json_object_set_double_member (data, "y", g_rand_double_range (rand, -spread, spread));
        json_object_set_int_member (data, "influence", 10);
        sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
      }
      break;
    case 5:
      {
        g_autoptr(JsonObject) data = json_object_new ();
        g_autofree char *id = g_strdup_printf ("tie%u", (*next_id)++);
        SmRecord        *other = sm_collection_get (people, g_rand_int_range (rand, 0, n));

        if (other == someone)
          return;
        json_object_set_string_member (data, "id", id);
        json_object_set_string_member (data, "source", sm_record_get_id (someone));
        json_object_set_string_member (data, "target", sm_record_get_id (other));
        sm_history_push (history, sm_command_new_add (map, SM_RECORD_RELATIONSHIP, data));
      }
      break;
    case 6:
      if (g_rand_boolean (rand) && sm_collection_get_size (ties) > 0)
        sm_history_push (history, sm_command_new_remove (map, sm_collection_get (ties, g_rand_int_range (rand, 0, sm_collection_get_size (ties)))));
      else if (n > 4)
        sm_history_push (history, sm_command_new_remove (map, someone));
      break;
    default:
      sm_history_undo (history);
      break;
    }
}

/* A renderer kept through a session of edits draws exactly what a renderer
 * made afresh for the edited map draws: whatever it keeps between frames
 * (routes around stakeholders, the index) follows every edit and undo. */
static void
test_kept_matches_fresh (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      double spread = 260;
      g_autoptr(SmMap) map = random_map (rand, 40, spread);
      g_autoptr(SmHistory) history = sm_history_new (map);
      g_autoptr(SmRenderer) kept = sm_renderer_new (map);
      SmRenderState state = { SM_RENDER_BACKGROUND };
      /* Near enough for arrowheads and names, and far enough for all. */
      SmViewport views[] = { view_on (0, 0, 0.6), view_on (-80, 40, 1.3) };
      guint      next_id = 0;

      for (guint step = 0; step < 30; step++)
        {
          g_autoptr(SmRenderer) fresh = NULL;

          random_edit (rand, map, history, spread, &next_id);
          fresh = sm_renderer_new (map);
          /* Each view a few edits running, so that the kept renderer has
           * what it kept of the same view to reuse or drop. */
          for (guint v = (step / 5) % G_N_ELEMENTS (views); v == (step / 5) % G_N_ELEMENTS (views); v++)
            {
              cairo_surface_t *a = draw (kept, &views[v], &state);
              cairo_surface_t *b = draw (fresh, &views[v], &state);
              guint            different = count_different (a, b);

              if (different != 0)
                g_test_message ("seed %u, edit %u, view %u: %u pixels differ", seed, step, v, different);
              g_assert_cmpuint (different, ==, 0);
              cairo_surface_destroy (a);
              cairo_surface_destroy (b);
            }
        }
    }
}

/* Where lines crowd a view they are drawn as a texture: each pixel
 * counted under however many lines cross it. That texture is exactly the
 * one laid down line by line, pixel by pixel (self->plain_density), on
 * random maps zoomed in and out, and it follows every edit and undo of a
 * renderer kept through them (the lines' ends, the lines crossing the
 * view and the last texture it keeps between frames), counted by one
 * thread or two. */
static void
test_density_matches_plain (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      double spread = 4000;
      g_autoptr(SmMap) map = random_map (rand, 1500, spread);
      g_autoptr(SmHistory) history = sm_history_new (map);
      g_autoptr(SmRenderer) kept = sm_renderer_new (map);
      SmRenderState state = { SM_RENDER_BACKGROUND };
      /* Zoomed in under a thicket of lines, nearer still, and far out. */
      SmViewport views[] = { view_on (0, 0, 0.5), view_on (g_rand_double_range (rand, -2000, 2000), 300, 1.7),
                             view_on (0, 0, 0.04) };
      guint      next_id = 0;

      for (guint step = 0; step < 24; step++)
        {
          g_autoptr(SmRenderer) plain = NULL;

          if (step > 0)
            random_edit (rand, map, history, spread, &next_id);
          plain = sm_renderer_new (map);
          plain->plain_density = TRUE;
          for (guint v = (step / 4) % G_N_ELEMENTS (views); v == (step / 4) % G_N_ELEMENTS (views); v++)
            {
              cairo_surface_t *a = draw (kept, &views[v], &state);
              cairo_surface_t *b = draw (plain, &views[v], &state);
              cairo_surface_t *blank = draw (plain, &(SmViewport) { 1, 1e6, 1e6, WIDTH, HEIGHT }, &state);
              guint            different = count_different (a, b);
              guint            ink = count_different_by (b, blank, 8);

              if (different != 0)
                g_test_message ("seed %u, edit %u, view %u: %u pixels differ", seed, step, v, different);
              /* The view is crossed by lines: most of it is darker than the paper. */
              g_assert_cmpuint (ink, >, WIDTH * HEIGHT / 4);
              g_assert_cmpuint (different, ==, 0);
              cairo_surface_destroy (a);
              cairo_surface_destroy (b);
              cairo_surface_destroy (blank);
            }
        }
      /* Views crossed by thousands of lines: counted by two threads, on
       * a machine with two cores. */
      if (g_get_num_processors () > 1)
        g_assert_cmpuint (kept->density_shared, >, 0);
    }
}

/* A pan draws the strips it uncovers as parts of the view
 * (SM_RENDER_PART), their lines found among those kept for the
 * neighbourhood the pan moves through. Each strip is exactly the strip a
 * renderer drawing it as a view of its own draws: through a run of pans
 * left, right, up and down, columns and rows in turn, far enough to
 * leave the neighbourhood, with edits between them (a line moved into a
 * strip is drawn in it), at a zoom where the lines are a texture and
 * one where they are drawn one by one. Long lines from far out of view
 * cross every strip; a strip of them alone is not blank. And a strip
 * leaves what the renderer keeps of the whole view: the view drawn again
 * after the strips is the view a fresh renderer draws. */
static void
test_part_matches_whole (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      double spread = 4000;
      g_autoptr(SmMap) map = random_map (rand, 1500, spread);
      g_autoptr(SmHistory) history = sm_history_new (map);
      g_autoptr(SmRenderer) kept = sm_renderer_new (map);
      g_autoptr(SmSelection) selection = sm_selection_new (map);
      const char   *picked[] = { "r3", "s7", NULL };
      SmRenderState state = { SM_RENDER_BACKGROUND };
      SmRenderState part = { SM_RENDER_BACKGROUND | SM_RENDER_PART };
      double        scales[] = { 0.5, 1.7 };
      guint         next_id = 0, strips = 0, inked = 0;

      sm_selection_set (selection, picked);
      state.selection = part.selection = selection;
      for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
        {
          SmViewport view = view_on (g_rand_double_range (rand, -1500, 1500), 200, scales[k]);
          double     step = 40 / view.scale;

          cairo_surface_destroy (draw (kept, &view, &state));
          for (guint i = 0; i < 48; i++)
            {
              g_autoptr(SmRenderer) plain = NULL;
              /* Right for a while, then down, left and up. */
              guint            way = (i / 12) % 4;
              double           dx = way == 0 ? step : way == 2 ? -step
                                                               : 0;
              double           dy = way == 1 ? step : way == 3 ? -step
                                                               : 0;
              SmViewport       strip = view;
              cairo_surface_t *a, *b, *blank;
              guint            different;

              if (i % 7 == 6)
                random_edit (rand, map, history, spread, &next_id);
              view.x += dx, view.y += dy;
              /* The column or the row the move uncovers. */
              if (dx != 0)
                {
                  strip.width = 40;
                  strip.x = dx > 0 ? view.x + (WIDTH - 40) / view.scale : view.x;
                  strip.y = view.y;
                }
              else
                {
                  strip.height = 40;
                  strip.x = view.x;
                  strip.y = dy > 0 ? view.y + (HEIGHT - 40) / view.scale : view.y;
                }
              plain = sm_renderer_new (map);
              a = draw (kept, &strip, &part);
              b = draw (plain, &strip, &state);
              blank = draw (plain, &(SmViewport) { 1, 1e6, 1e6, strip.width, strip.height }, &state);
              different = count_different (a, b);
              if (different != 0)
                g_test_message ("seed %u, scale %g, strip %u: %u pixels differ", seed, scales[k], i, different);
              g_assert_cmpuint (different, ==, 0);
              strips++;
              inked += count_different_by (b, blank, 8) > 0;
              cairo_surface_destroy (a);
              cairo_surface_destroy (b);
              cairo_surface_destroy (blank);
            }

          {
            g_autoptr(SmRenderer) fresh = sm_renderer_new (map);
            cairo_surface_t *a = draw (kept, &view, &state);
            cairo_surface_t *b = draw (fresh, &view, &state);

            g_assert_cmpuint (count_different (a, b), ==, 0);
            cairo_surface_destroy (a);
            cairo_surface_destroy (b);
          }
        }
      /* Lines cross the strips: none of them is bare paper. */
      g_assert_cmpuint (inked, ==, strips);
    }
}

/* On pixels, shapes and names that fall wholly outside the frame are not
 * drawn (_sm_render_box_in_view()): a thin strip of a pan would
 * otherwise draw everyone whose name could reach it. Every view and every
 * strip, with someone selected and hovered, is the same, pixel for pixel,
 * as the renderer drawing all of them draws it; and the strips show
 * names and shapes cut at their edges, so a box drawn too small would
 * show. */
static void
test_culled_matches_unculled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(SmMap) map = random_map (rand, 400, 1200);
  g_autoptr(SmRenderer) culled = sm_renderer_new (map);
  g_autoptr(SmRenderer) plain = sm_renderer_new (map);
  g_autoptr(SmSelection) selection = sm_selection_new (map);
  const char   *picked[] = { "s3", "s11", "r5", NULL };
  SmRenderState state = { SM_RENDER_BACKGROUND };
  double        scales[] = { 0.35, 1.0, 2.5 };
  guint         inked = 0, strips = 0;

  sm_selection_set (selection, picked);
  state.selection = selection;
  state.hover_id = "s20";
  plain->unculled = TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    for (guint i = 0; i < 20; i++)
      {
        SmViewport       view = view_on (g_rand_double_range (rand, -800, 800),
                                         g_rand_double_range (rand, -800, 800), scales[k]);
        cairo_surface_t *a, *b, *blank;
        guint            different;

        /* The whole view, then a column or a row 40 pixels thick. */
        if (i % 3 == 1)
          view.width = 40;
        else if (i % 3 == 2)
          view.height = 40;
        a = draw (culled, &view, &state);
        b = draw (plain, &view, &state);
        blank = draw (plain, &(SmViewport) { 1, 1e6, 1e6, view.width, view.height }, &state);
        different = count_different (a, b);
        if (different != 0)
          g_test_message ("scale %g, view %u: %u pixels differ", scales[k], i, different);
        g_assert_cmpuint (different, ==, 0);
        if (i % 3 != 0)
          {
            strips++;
            inked += count_different_by (b, blank, 8) > 0;
          }
        cairo_surface_destroy (a);
        cairo_surface_destroy (b);
        cairo_surface_destroy (blank);
      }
  /* Most strips show something. */
  g_assert_cmpuint (inked, >, strips / 2);
}

/* The canvas hands GTK a recording of its frame to play back onto the
 * screen: zoomed out, that frame lays crowded lines down as density just
 * as a picture of the map does, not as thousands of vector hairlines. */
static void
test_recorded_frame_matches_image (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(SmMap) map = random_map (rand, 400, 4000);
  g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
  SmRenderState     state = { SM_RENDER_BACKGROUND };
  SmViewport        v = view_on (0, 0, 0.05);
  cairo_rectangle_t extents = { 0, 0, WIDTH, HEIGHT };
  cairo_surface_t  *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_surface_t  *direct = draw (renderer, &v, &state);
  cairo_surface_t  *played = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t          *cr = cairo_create (recording);
  guint             different;

  sm_renderer_draw (renderer, cr, &v, &state);
  cairo_destroy (cr);
  cr = cairo_create (played);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (played);

  different = count_different (direct, played);
  g_test_message ("%u pixels differ", different);
  g_assert_cmpuint (different, ==, 0);
  cairo_surface_destroy (recording);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (played);
}

/* Each name's halo is laid from its glyphs' halos, kept between frames:
 * over a thicket of lines it hides them as the stroked outline of the
 * whole name does, to within antialiasing at the edges. */
static void
test_halo_from_glyphs (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmRenderer) renderer = NULL;
  SmRenderState state = { SM_RENDER_BACKGROUND };
  double        scales[] = { 0.4, 1.0, 2.5 };

  /* Names in a row, and behind them lines from far above to far below. */
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (json, "%s{\"id\":\"n%u\",\"name\":\"Ynys Wyllt %u Café\",\"influence\":0,"
                                  "\"x\":%d,\"y\":0}",
                            i ? "," : "", i, i, (int) i * 160 - 400);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (json, ",{\"id\":\"a%u\",\"name\":\"\",\"x\":%d,\"y\":-900},{\"id\":\"b%u\",\"name\":\"\",\"x\":%d,\"y\":900}",
                            i, (int) i * 23 - 460, i, (int) i * 19 - 380);
  g_string_append (json, "],\"relationships\":[");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (json, "%s{\"id\":\"r%u\",\"source\":\"a%u\",\"target\":\"b%u\"}", i ? "," : "", i, i, i);
  g_string_append (json, "]}");
  map = sm_test_load (json->str);
  renderer = sm_renderer_new (map);

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      SmViewport       v = view_on (-80, 30, scales[k]);
      cairo_surface_t *glyphs, *stroked;
      guint            different;

      renderer->stroked_halo = FALSE;
      glyphs = draw (renderer, &v, &state);
      /* Twice: the second frame is drawn from the kept masks. */
      cairo_surface_destroy (glyphs);
      glyphs = draw (renderer, &v, &state);
      renderer->stroked_halo = TRUE;
      stroked = draw (renderer, &v, &state);
      different = count_different_by (glyphs, stroked, 48);
      g_test_message ("scale %g: %u pixels differ by more than 48", scales[k], different);
      g_assert_cmpuint (different, <=, 25);
      cairo_surface_destroy (glyphs);
      cairo_surface_destroy (stroked);
    }
}

#define ACCENT 0x1c71d8    /* selection */
#define HIGHLIGHT 0xe5a50a /* evidence of a finding */

/* Pixels of @rgb, give or take @slack, in the box of @half pixels round
 * (x, y). */
static guint
count_colour (cairo_surface_t *surface,
              double           x,
              double           y,
              int              half,
              guint32          rgb,
              int              slack)
{
  int     stride = cairo_image_surface_get_stride (surface);
  guint8 *data = cairo_image_surface_get_data (surface);
  guint   n = 0;

  for (int py = MAX (0, (int) y - half); py < MIN (HEIGHT, (int) y + half); py++)
    for (int px = MAX (0, (int) x - half); px < MIN (WIDTH, (int) x + half); px++)
      {
        guint32 v = *(guint32 *) (data + py * stride + 4 * px);

        if (ABS ((int) ((v >> 16) & 0xff) - (int) (rgb >> 16)) <= slack &&
            ABS ((int) ((v >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff)) <= slack &&
            ABS ((int) (v & 0xff) - (int) (rgb & 0xff)) <= slack)
          n++;
      }
  return n;
}

/* However far out the view, and however crowded with lines (drawn then as
 * density and dots), the stakeholders the user selected and those a
 * finding points at stay marked where they are. */
static void
test_detail_keeps_picked (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmRenderer) renderer = NULL;
  g_autoptr(SmSelection) selection = NULL;
  g_autoptr(GHashTable) highlight = g_hash_table_new (g_str_hash, g_str_equal);
  const char   *picked[] = { "picked", NULL };
  SmRenderState state = { SM_RENDER_BACKGROUND };
  /* Far out: dots; nearer, with 4,500 lines across the view: crowded. */
  double scales[] = { 0.03, 0.08, 0.5, 1.0 };

  g_string_append (json, "{\"id\":\"picked\",\"name\":\"Picked\",\"kind\":\"professional\",\"x\":0,\"y\":0},"
                         "{\"id\":\"evidence\",\"name\":\"Evidence\",\"kind\":\"professional\",\"x\":150,\"y\":60}");
  /* Lines from far west to far east, every one through the middle. */
  for (guint i = 0; i < 4500; i++)
    {
      double y = g_rand_double_range (rand, -3000, 3000);

      g_string_append_printf (json, ",{\"id\":\"w%u\",\"name\":\"W%u\",\"kind\":\"professional\",\"x\":-8000,\"y\":%.0f},"
                                    "{\"id\":\"e%u\",\"name\":\"E%u\",\"kind\":\"professional\",\"x\":8000,\"y\":%.0f}",
                              i, i, y, i, i, -y);
    }
  g_string_append (json, "],\"relationships\":[");
  for (guint i = 0; i < 4500; i++)
    g_string_append_printf (json, "%s{\"id\":\"r%u\",\"source\":\"w%u\",\"target\":\"e%u\"}", i ? "," : "", i, i, i);
  g_string_append (json, "]}");
  map = sm_test_load (json->str);
  renderer = sm_renderer_new (map);
  selection = sm_selection_new (map);
  sm_selection_set (selection, picked);
  g_hash_table_add (highlight, (gpointer) "evidence");
  state.selection = selection;
  state.highlight = highlight;

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      SmViewport       v = view_on (75, 30, scales[k]);
      cairo_surface_t *surface = draw (renderer, &v, &state);
      double           px = (0 - v.x) * v.scale, py = (0 - v.y) * v.scale;
      double           hx = (150 - v.x) * v.scale, hy = (60 - v.y) * v.scale;
      guint            accent = count_colour (surface, px, py, 8 + 50 * v.scale, ACCENT, 30);
      guint            marked = count_colour (surface, hx, hy, 8 + 50 * v.scale, HIGHLIGHT, 30);

      g_test_message ("scale %g: %u selection pixels, %u highlight pixels", scales[k], accent, marked);
      g_assert_cmpuint (accent, >=, 4);
      g_assert_cmpuint (marked, >=, 4);
      cairo_surface_destroy (surface);
    }
}

/* The largest difference between two drawings in any channel. */
static int
max_difference (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int     stride = cairo_image_surface_get_stride (a);
  int     width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  int     most = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 4; x++)
      most = MAX (most, ABS ((int) da[y * stride + x] - (int) db[y * stride + x]));
  return most;
}

/* A line between two stakeholders far out of view that crosses it is
 * drawn, only the part in view stroked, and looks as the whole line does
 * (to within the rasteriser's rounding): plain, dashed, dotted, zigzag.
 * Moved off the view it is gone; the undo brings it back. */
static void
test_long_line_through_view (void)
{
  static const char *styles[] = { "", ",\"power_form\":\"hidden\"", ",\"power_form\":\"invisible\"",
                                  ",\"category\":\"conflict_tension\"",
                                  ",\"category\":\"conflict_tension\",\"power_form\":\"hidden\"" };

  for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
        "{\"id\":\"w\",\"name\":\"West\",\"x\":-20000,\"y\":-3000},"
        "{\"id\":\"e\",\"name\":\"East\",\"x\":20000,\"y\":3100},"
        "{\"id\":\"n\",\"name\":\"North\",\"x\":1500,\"y\":-30000},"
        "{\"id\":\"s\",\"name\":\"South\",\"x\":-1300,\"y\":30000}],"
        "\"relationships\":[{\"id\":\"r1\",\"source\":\"w\",\"target\":\"e\",\"direction\":\"one_way\"%s},"
        "{\"id\":\"r2\",\"source\":\"n\",\"target\":\"s\",\"direction\":\"two_way\"%s}]}",
        styles[k], styles[k]);
      g_autoptr(SmMap) map = sm_test_load (json);
      g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
      g_autoptr(SmHistory) history = sm_history_new (map);
      g_autoptr(GPtrArray) moved = g_ptr_array_new ();
      SmRenderState    state = { SM_RENDER_BACKGROUND };
      double           scales[] = { 0.7, 2.0, 6.0 };
      double           x = 20000, y = -9000;
      cairo_surface_t *clipped, *whole, *blank;
      guint            ink;

      for (guint v = 0; v < G_N_ELEMENTS (scales); v++)
        {
          SmViewport view = view_on (0, 50, scales[v]);

          renderer->unclipped = TRUE;
          renderer->unbatched = TRUE;
          whole = draw (renderer, &view, &state);
          renderer->unclipped = FALSE;
          renderer->unbatched = FALSE;
          clipped = draw (renderer, &view, &state);
          blank = draw (renderer, &(SmViewport) { 1, 1e6, 1e6, WIDTH, HEIGHT }, &state);
          ink = count_different_by (clipped, blank, 40);
          cairo_surface_destroy (blank);
          g_test_message ("style %u, scale %g: %u pixels of lines, most difference %d", k, scales[v], ink,
                          max_difference (clipped, whole));
          g_assert_cmpuint (ink, >, 300);
          g_assert_cmpint (max_difference (clipped, whole), <=, 32);
          cairo_surface_destroy (whole);
          cairo_surface_destroy (clipped);
        }

      /* East moves up and north moves aside: neither line crosses the view. */
      {
        SmViewport view = view_on (0, 50, 2.0);
        SmViewport empty = { 1, 1e6, 1e6, WIDTH, HEIGHT };
        double     nx = 30000, ny = -30000;

        blank = draw (renderer, &empty, &state);

        g_ptr_array_add (moved, sm_map_lookup (map, "e"));
        sm_history_push (history, sm_command_new_move (moved, &x, &y));
        g_ptr_array_index (moved, 0) = sm_map_lookup (map, "n");
        sm_history_push (history, sm_command_new_move (moved, &nx, &ny));
        g_ptr_array_index (moved, 0) = sm_map_lookup (map, "s");
        sm_history_push (history, sm_command_new_move (moved, &nx, &y));
        clipped = draw (renderer, &view, &state);
        g_assert_cmpuint (count_different_by (clipped, blank, 40), ==, 0);
        cairo_surface_destroy (clipped);

        g_assert_true (sm_history_undo (history));
        g_assert_true (sm_history_undo (history));
        g_assert_true (sm_history_undo (history));
        clipped = draw (renderer, &view, &state);
        g_assert_cmpuint (count_different_by (clipped, blank, 40), >, 300);
        cairo_surface_destroy (clipped);
        cairo_surface_destroy (blank);
      }
    }
}

/* A line that bows round stakeholders in its way, between two
 * stakeholders far out of view, crossing it: drawn, only the part of the
 * curve in view laid down, and as cairo strokes the whole curve. */
static void
test_long_curve_through_view (void)
{
  static const char *styles[] = { "", ",\"power_form\":\"hidden\"", ",\"power_form\":\"invisible\"" };

  for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
    {
      g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
                                               "{\"id\":\"w\",\"name\":\"West\",\"x\":-1200,\"y\":-100},"
                                               "{\"id\":\"e\",\"name\":\"East\",\"x\":1200,\"y\":100}");
      g_autoptr(SmMap) map = NULL;
      g_autoptr(SmRenderer) renderer = NULL;
      SmRenderState state = { SM_RENDER_BACKGROUND };
      /* Lines longer than twice the view's diagonal stay straight: these
       * views are narrower than the line and no more than that. */
      double scales[] = { 0.25, 0.35, 0.45 };

      /* A row of people on the straight line, so that it must bow. */
      for (int i = -5; i <= 5; i++)
        g_string_append_printf (json,
                                ",{\"id\":\"p%d\",\"name\":\"P %d\",\"influence\":10,\"x\":%d,\"y\":%.1f}",
                                i + 5, i + 5, i * 200, i * 200 / 12.0);
      g_string_append_printf (json,
                              "],\"relationships\":[{\"id\":\"r\",\"source\":\"w\",\"target\":\"e\","
                              "\"direction\":\"one_way\"%s}]}",
                              styles[k]);
      map = sm_test_load (json->str);
      renderer = sm_renderer_new (map);
      for (guint v = 0; v < G_N_ELEMENTS (scales); v++)
        {
          SmViewport       view = view_on (0, 0, scales[v]);
          cairo_surface_t *clipped, *stroked, *whole, *blank;
          Route            route;
          guint            ink;

          renderer->unclipped = TRUE;
          renderer->unbatched = TRUE;
          whole = draw (renderer, &view, &state);
          renderer->unclipped = FALSE;
          /* Clipped, stroked by cairo. */
          stroked = draw (renderer, &view, &state);
          renderer->unbatched = FALSE;
          /* Clipped, and laid into the mask where it is plain. */
          clipped = draw (renderer, &view, &state);
          g_assert_true (_sm_render_edge_route (
            renderer, g_hash_table_lookup (renderer->edges, sm_map_lookup (map, "r")), &route));
          g_assert_true (route.curved);
          g_assert_cmpfloat (view.x, >, -1200);
          g_assert_cmpfloat (view.x + WIDTH / view.scale, <, 1200);
          blank = draw (renderer, &(SmViewport) { 1, 1e6, 1e6, WIDTH, HEIGHT }, &state);
          ink = count_different_by (clipped, blank, 40);
          g_test_message ("style %u, scale %g: %u pixels of ink, most difference %d stroked, %d laid", k, scales[v],
                          ink, max_difference (stroked, whole), max_difference (clipped, whole));
          g_assert_cmpuint (ink, >, 300);
          g_assert_cmpint (max_difference (stroked, whole), <=, 32);
          g_assert_cmpint (max_difference (clipped, whole), <=, 48);
          g_assert_cmpuint (count_different_by (clipped, whole, 16), <=, ink / 20);
          cairo_surface_destroy (blank);
          cairo_surface_destroy (whole);
          cairo_surface_destroy (stroked);
          cairo_surface_destroy (clipped);
        }
    }
}

/* Plain lines on pixels are laid into a mask by the renderer's own
 * rasteriser and painted a colour at a time: on random maps (straight
 * and bowed lines, dashed and dotted, conflict, arrowheads and power
 * marks, one line picked and one under the pointer), zoomed so that
 * names show, so that they do not, and out past arrowheads, the picture
 * is the one cairo strokes line by line, to within the rasterisers'
 * rounding, and every line shows. */
static void
test_batched_lines_match_strokes (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      double spread = 900;
      g_autoptr(SmMap) map = random_map (rand, 60, spread);
      g_autoptr(SmRenderer) renderer = sm_renderer_new (map);
      g_autoptr(SmSelection) selection = sm_selection_new (map);
      SmCollection *ties = sm_map_get_relationships (map);
      SmRenderState state = { SM_RENDER_BACKGROUND };
      SmViewport    views[] = { view_on (0, 0, 1.2), view_on (100, -50, 0.32), view_on (0, 0, 0.27),
                                view_on (0, 0, 0.2) };

      sm_selection_select_only (selection, sm_record_get_id (sm_collection_get (ties, 0)));
      state.selection = selection;
      state.hover_id = sm_record_get_id (sm_collection_get (ties, 1));
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          cairo_surface_t *batched, *stroked, *blank;
          guint            ink, off;
          int              most;

          renderer->unbatched = TRUE;
          stroked = draw (renderer, &views[v], &state);
          renderer->unbatched = FALSE;
          batched = draw (renderer, &views[v], &state);
          blank = draw (renderer, &(SmViewport) { 1, 1e6, 1e6, WIDTH, HEIGHT }, &state);
          ink = count_different_by (stroked, blank, 40);
          off = count_different_by (batched, stroked, 16);
          most = max_difference (batched, stroked);
          g_test_message ("seed %u, view %u: %u pixels of ink, %u off by more than 16, most %d", seed, v, ink, off,
                          most);
          g_assert_cmpuint (ink, >, 1000);
          g_assert_cmpint (most, <=, 48);
          g_assert_cmpuint (off, <=, ink / 20);
          cairo_surface_destroy (blank);
          cairo_surface_destroy (batched);
          cairo_surface_destroy (stroked);
        }
    }
}

/* The line masks are kept from one frame to the next of the same size:
 * each frame, after frames of other views and sizes, is the same, byte
 * for byte, as a fresh renderer draws it, so nothing of the lines before
 * is left in them. */
static void
test_kept_line_masks (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(SmMap) map = random_map (rand, 60, 900);
  g_autoptr(SmRenderer) kept = sm_renderer_new (map);
  SmRenderState state = { SM_RENDER_BACKGROUND };
  SmViewport    views[] = { view_on (0, 0, 1.2), view_on (100, -50, 0.32), view_on (-200, 80, 0.6),
                            view_on (0, 0, 0.27), view_on (100, -50, 0.32) };

  /* One of another size between them. */
  views[3].width = WIDTH / 2, views[3].height = HEIGHT / 3;
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(SmRenderer) fresh = sm_renderer_new (map);
      cairo_surface_t *a = draw (kept, &views[v], &state);
      cairo_surface_t *b = draw (fresh, &views[v], &state);

      g_assert_nonnull (kept->kept_lines);
      g_assert_cmpint (max_difference (a, b), ==, 0);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* Each relationship keeps the stakeholders at its ends between frames.
 * One taken out of the map (as an import or a merge may, its lines left
 * waiting) and put back after others came in: the kept renderer draws the
 * line to where it is, as a fresh one does, not to what was there. */
static void
test_ends_follow_stakeholders (void)
{
  g_autoptr(SmMap) map = sm_test_load ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
                                        "{\"id\":\"w\",\"name\":\"West\",\"x\":-20000,\"y\":-3000},"
                                        "{\"id\":\"e\",\"name\":\"East\",\"x\":20000,\"y\":3100}],"
                                        "\"relationships\":[{\"id\":\"r1\",\"source\":\"w\",\"target\":\"e\"}]}");
  g_autoptr(SmRenderer) kept = sm_renderer_new (map);
  g_autoptr(SmRenderer) fresh = NULL;
  g_autoptr(SmHistory) history = sm_history_new (map);
  g_autoptr(SmRecord) east = g_object_ref (sm_map_lookup (map, "e"));
  SmRenderState    state = { SM_RENDER_BACKGROUND };
  SmViewport       view = view_on (0, 50, 1.0);
  cairo_surface_t *a, *b, *blank;
  guint            position;

  cairo_surface_destroy (draw (kept, &view, &state));
  position = _sm_map_remove_record (map, east);
  /* Newcomers, one of them where East's line would then cross the view. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonObject) data = json_object_new ();
      g_autofree char *id = g_strdup_printf ("new%u", i);

      json_object_set_string_member (data, "id", id);
      json_object_set_string_member (data, "name", id);
      json_object_set_double_member (data, "x", 20000);
      json_object_set_double_member (data, "y", -9000.0 * (i + 1));
      sm_history_push (history, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
    }
  cairo_surface_destroy (draw (kept, &view, &state));
  _sm_map_insert_record (map, east, position);

  fresh = sm_renderer_new (map);
  a = draw (kept, &view, &state);
  b = draw (fresh, &view, &state);
  blank = draw (fresh, &(SmViewport) { 1, 1e6, 1e6, WIDTH, HEIGHT }, &state);
  g_test_message ("%u pixels differ, %u pixels of the line", count_different (a, b), count_different_by (b, blank, 40));
  g_assert_cmpuint (count_different_by (b, blank, 40), >, 300);
  g_assert_cmpuint (count_different (a, b), ==, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (blank);
}

/* Zoomed in on a few stakeholders under a mass of long lines from
 * elsewhere, the lines are drawn as a texture, but the stakeholders keep
 * their shapes and names, and a selected line is drawn whole over it. */
static void
test_crowded_lines_keep_names (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":[");
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmRenderer) renderer = NULL;
  g_autoptr(SmSelection) selection = NULL;
  const char      *picked[] = { "r0", NULL };
  SmRenderState    state = { SM_RENDER_BACKGROUND };
  SmViewport       v = view_on (0, 0, 1.0);
  cairo_surface_t *surface;
  guint            text, accent;

  g_string_append (json, "{\"id\":\"here\",\"name\":\"Here\",\"kind\":\"professional\",\"influence\":10,\"x\":0,\"y\":-40}");
  for (guint i = 0; i < 4500; i++)
    {
      double y = g_rand_double_range (rand, -3000, 3000);

      g_string_append_printf (json, ",{\"id\":\"w%u\",\"name\":\"W%u\",\"x\":-8000,\"y\":%.0f},"
                                    "{\"id\":\"e%u\",\"name\":\"E%u\",\"x\":8000,\"y\":%.0f}",
                              i, i, y + g_rand_double_range (rand, -150, 150), i, i,
                              -y + g_rand_double_range (rand, -150, 150));
    }
  g_string_append (json, "],\"relationships\":[");
  for (guint i = 0; i < 4500; i++)
    g_string_append_printf (json, "%s{\"id\":\"r%u\",\"source\":\"w%u\",\"target\":\"e%u\"}", i ? "," : "", i, i, i);
  g_string_append (json, "]}");
  map = sm_test_load (json->str);
  renderer = sm_renderer_new (map);
  selection = sm_selection_new (map);
  sm_selection_set (selection, picked);
  state.selection = selection;

  surface = draw (renderer, &v, &state);
  /* The name, dark words under the shape, and the selected line. */
  text = count_colour (surface, WIDTH / 2.0, HEIGHT / 2.0 + 30, 28, 0x1f1f24, 40);
  accent = count_colour (surface, WIDTH / 2.0, HEIGHT / 2.0, WIDTH / 2, ACCENT, 40);
  g_test_message ("%u pixels of the name, %u of the selected line", text, accent);
  g_assert_cmpuint (text, >=, 20);
  g_assert_cmpuint (accent, >=, 200);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/frames/kept-matches-fresh", test_kept_matches_fresh);
  g_test_add_func ("/core/frames/density-matches-plain", test_density_matches_plain);
  g_test_add_func ("/core/frames/part-matches-whole", test_part_matches_whole);
  g_test_add_func ("/core/frames/culled-matches-unculled", test_culled_matches_unculled);
  g_test_add_func ("/core/frames/recorded-frame-matches-image", test_recorded_frame_matches_image);
  g_test_add_func ("/core/frames/halo-from-glyphs", test_halo_from_glyphs);
  g_test_add_func ("/core/frames/detail-keeps-picked", test_detail_keeps_picked);
  g_test_add_func ("/core/frames/long-line-through-view", test_long_line_through_view);
  g_test_add_func ("/core/frames/long-curve-through-view", test_long_curve_through_view);
  g_test_add_func ("/core/frames/batched-lines-match-strokes", test_batched_lines_match_strokes);
  g_test_add_func ("/core/frames/kept-line-masks", test_kept_line_masks);
  g_test_add_func ("/core/frames/crowded-lines-keep-names", test_crowded_lines_keep_names);
  g_test_add_func ("/core/frames/ends-follow-stakeholders", test_ends_follow_stakeholders);

  return g_test_run ();
}

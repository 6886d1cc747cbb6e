/* test-image.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pictures of the map: every view against its reference image, and the
 * promises a picture makes: the legend beside the map, never over it;
 * the size asked for; the DPI recorded; names that follow consent; a
 * selection on its own; clear errors and nothing half made.
 *
 * The reference images are in tests/data/reference/. After a change to
 * how maps are drawn, look at the new pictures and refresh them with
 *
 *   STAKEMAP_UPDATE_REFERENCES=1 meson test -C _build image
 *
 * A failing comparison writes the picture it made beside the test log
 * (image-VIEW.actual.png), to compare by eye. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sm-arrangement.h"
#include "sm-command.h"
#include "sm-export-private.h"
#include "sm-format.h"
#include "sm-test-utils.h"

/* How far a picture may stray from its reference: fonts and cairo
 * versions move edges of letters by a pixel, never whole shapes. A pixel
 * differs when a channel is more than CHANNEL_TOLERANCE apart; at most
 * DIFFERENT_PIXELS of them may, and the mean difference of every channel
 * over the whole picture stays under MEAN_TOLERANCE. */
#define CHANNEL_TOLERANCE 48
#define DIFFERENT_PIXELS 0.01
#define MEAN_TOLERANCE 1.5

static const char consent_map[] =
  "{\"format\":\"stakemap\",\"version\":1,"
  "\"map\":{\"title\":\"Estate repairs with Gloria Mensah\",\"question\":\"Who decides on repairs?\","
  "\"snapshot\":{\"date\":\"2026-11-20\"},\"perspective\":{\"drawn_by\":[\"s1\",\"s4\"]}},"
  "\"stakeholders\":["
  "{\"id\":\"s1\",\"name\":\"Gloria Mensah\",\"kind\":\"service_user\",\"influence\":4,\"x\":0,\"y\":0},"
  "{\"id\":\"s2\",\"name\":\"Derek\",\"kind\":\"carer\",\"consent_to_be_mapped\":false,\"x\":200,\"y\":0},"
  "{\"id\":\"s3\",\"name\":\"Amina\",\"kind\":\"citizen\",\"consent_to_be_mapped\":true,\"x\":0,\"y\":200},"
  "{\"id\":\"s4\",\"name\":\"Tenants association\",\"kind\":\"community_org\",\"x\":200,\"y\":200},"
  "{\"id\":\"s5\",\"name\":\"Housing association board\",\"kind\":\"provider_org\",\"influence\":9,"
  "\"x\":400,\"y\":100}],"
  "\"relationships\":[{\"id\":\"r1\",\"source\":\"s2\",\"target\":\"s1\"},"
  "{\"id\":\"r2\",\"source\":\"s4\",\"target\":\"s5\",\"power\":{\"holder\":\"target\"}}]}";

static SmMap *
consent_fixture (void)
{
  return sm_test_load (consent_map);
}

static GDateTime *
fixed_date (void)
{
  return g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
}

static GBytes *
picture (SmMap                *map,
         SmExportNames         names,
         const SmImageOptions *image,
         SmImageFormat         format)
{
  SmExportOptions options = { names, image };
  g_autoptr(GError) error = NULL;
  g_autoptr(SmImage) self = sm_image_new (map, &options, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = sm_image_write_bytes (self, format, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Binary files hold NULs: no string search. */
static const guint8 *
find (const guint8 *data,
      gsize         size,
      const char   *text)
{
  gsize length = strlen (text);

  for (gsize i = 0; i + length <= size; i++)
    if (data[i] == (guint8) text[0] && memcmp (data + i, text, length) == 0)
      return data + i;
  return NULL;
}

static gboolean
contains (GBytes     *bytes,
          const char *text)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return find (data, size, text) != NULL;
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} PngReader;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *data,
         unsigned int   length)
{
  PngReader    *reader = closure;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (reader->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *bytes)
{
  PngReader        reader = { bytes, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_cb, &reader);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);

  return ((const guint32 *) row)[x];
}

/* TRUE when @actual is within the tolerance of @expected; says why not. */
static gboolean
close_enough (cairo_surface_t *actual,
              cairo_surface_t *expected,
              char           **why)
{
  int     width = cairo_image_surface_get_width (actual);
  int     height = cairo_image_surface_get_height (actual);
  guint64 different = 0, total = 0;
  double  mean;

  cairo_surface_flush (actual);
  cairo_surface_flush (expected);
  if (width != cairo_image_surface_get_width (expected) || height != cairo_image_surface_get_height (expected))
    {
      *why = g_strdup_printf ("%d × %d, the reference is %d × %d", width, height,
                              cairo_image_surface_get_width (expected), cairo_image_surface_get_height (expected));
      return FALSE;
    }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32  a = pixel (actual, x, y), b = pixel (expected, x, y);
        gboolean differs = FALSE;

        for (int c = 0; c < 32; c += 8)
          {
            int d = abs ((int) ((a >> c) & 0xff) - (int) ((b >> c) & 0xff));

            total += d;
            differs |= d > CHANNEL_TOLERANCE;
          }
        different += differs;
      }
  mean = (double) total / ((double) width * height * 4);
  if ((double) different / ((double) width * height) <= DIFFERENT_PIXELS && mean <= MEAN_TOLERANCE)
    return TRUE;
  *why = g_strdup_printf ("%.2f%% of pixels differ (at most %.2f%%), mean difference %.2f (at most %.2f)",
                          100.0 * different / ((double) width * height), 100 * DIFFERENT_PIXELS, mean, MEAN_TOLERANCE);
  return FALSE;
}

/* Every view of the worked example, as a 1000 px PNG, against its
 * reference: a new view needs a reference too. */
static void
test_views_match_references (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GDateTime) date = fixed_date ();
  guint                           n;
  const SmArrangementInfo *const *all = sm_arrangements_get_all (&n);
  gboolean                        update = g_getenv ("STAKEMAP_UPDATE_REFERENCES") != NULL;
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char      *view = sm_arrangement_info_get_id (all[i]);
      SmImageOptions   image = SM_IMAGE_OPTIONS_INIT;
      g_autofree char *name = g_strdup_printf ("image-%s.png", view);
      g_autofree char *reference = g_test_build_filename (G_TEST_DIST, "data", "reference", name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      cairo_surface_t *actual, *expected;
      g_autofree char *why = NULL;

      image.view = view;
      image.width = 1000;
      image.date = date;
      bytes = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_PNG);
      if (update)
        {
          g_autoptr(GError) error = NULL;

          g_file_set_contents (reference, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
          g_assert_no_error (error);
          g_test_message ("refreshed %s", reference);
          continue;
        }
      if (!g_file_test (reference, G_FILE_TEST_EXISTS))
        {
          g_string_append_printf (failures, "no reference image for the view “%s” (%s); ", view, reference);
          continue;
        }
      actual = decode_png (bytes);
      expected = cairo_image_surface_create_from_png (reference);
      g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
      if (!close_enough (actual, expected, &why))
        {
          g_autofree char *keep = g_strdup_printf ("image-%s.actual.png", view);

          g_file_set_contents (keep, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
          g_string_append_printf (failures, "%s: %s (the picture made is %s); ", view, why, keep);
        }
      cairo_surface_destroy (actual);
      cairo_surface_destroy (expected);
    }
  if (failures->len > 0)
    g_error ("%sif the change is meant, refresh them: STAKEMAP_UPDATE_REFERENCES=1 meson test -C _build image",
             failures->str);
}

static gboolean
boxes_meet (const double *a,
            const double *b)
{
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/* On every paper, either way round, and as a picture of any width, the
 * legend is beside or below the map and inside the page: never over it. */
static void
test_legend_beside_map (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  guint                           n;
  const SmArrangementInfo *const *all = sm_arrangements_get_all (&n);

  for (guint v = 0; v < n; v++)
    for (int page = -1; page <= SM_PAGE_A3; page++)
      for (int landscape = 0; landscape < 2; landscape++)
        {
          SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
          SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
          g_autoptr(SmImage) self = NULL;
          double width = 0, height = 0, map_box[4], legend[4];

          image.view = sm_arrangement_info_get_id (all[v]);
          image.width = landscape ? 2400 : 640;
          if (page >= 0)
            sm_page_size_get_points (page, landscape, &width, &height);
          self = sm_image_new (map, &options, NULL);
          _sm_image_test_get_boxes (self, width, height, map_box, legend);
          g_assert_cmpfloat (legend[2], >, 0);
          g_assert_cmpfloat (map_box[2], >, 0);
          if (boxes_meet (map_box, legend))
            g_error ("%s, page %d, landscape %d: the legend (%g, %g, %g × %g) covers the map (%g, %g, %g × %g)",
                     image.view, page, landscape, legend[0], legend[1], legend[2], legend[3], map_box[0], map_box[1],
                     map_box[2], map_box[3]);
          if (page >= 0)
            {
              g_assert_cmpfloat (legend[0] + legend[2], <=, width + 0.01);
              g_assert_cmpfloat (legend[1] + legend[3], <=, height + 0.01);
              g_assert_cmpfloat (map_box[1] + map_box[3], <=, height + 0.01);
            }
        }
}

/* A narrow picture of a wide map holds all of it: the map box and the
 * legend stay inside the width asked for. */
static void
test_narrow_picture (void)
{
  g_autoptr(SmMap) map = sm_test_load ("{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
                                        "{\"id\":\"a\",\"name\":\"Ann\",\"x\":1000,\"y\":0},"
                                        "{\"id\":\"b\",\"name\":\"Bob\",\"x\":3000,\"y\":0}]}");

  for (double width = 100; width <= 700; width += 150)
    {
      SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
      SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
      g_autoptr(SmImage) self = NULL;
      double map_box[4], legend[4], w, h;

      image.width = width;
      self = sm_image_new (map, &options, NULL);
      g_assert_true (sm_image_get_size (self, &w, &h, NULL));
      g_assert_cmpfloat (w, ==, width);
      _sm_image_test_get_boxes (self, 0, 0, map_box, legend);
      g_assert_cmpfloat (map_box[0] + map_box[2], <=, width + 0.01);
      g_assert_cmpfloat (legend[0] + legend[2], <=, width + 0.01);
    }
}

/* Without the legend, there is none, and the map takes the room. */
static void
test_no_legend (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
  double          with_map[4], with_legend[4], without_map[4], without_legend[4];
  g_autoptr(SmImage) with = sm_image_new (map, &options, NULL);
  g_autoptr(SmImage) without = NULL;

  image.no_legend = TRUE;
  without = sm_image_new (map, &options, NULL);
  _sm_image_test_get_boxes (with, 595, 842, with_map, with_legend);
  _sm_image_test_get_boxes (without, 595, 842, without_map, without_legend);
  g_assert_cmpfloat (without_legend[2], ==, 0);
  g_assert_cmpfloat (without_map[2] * without_map[3], >, with_map[2] * with_map[3]);
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The width asked for, exactly, and the DPI in a pHYs chunk a word
 * processor reads; transparent means transparent. */
static void
test_png_size_dpi_background (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(GBytes) white = NULL;
  g_autoptr(GBytes) clear = NULL;
  cairo_surface_t *surface;
  const guint8    *data;
  gsize            size;
  const guint8    *phys;

  image.width = 3200;
  white = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_PNG);
  surface = decode_png (white);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 3200);
  g_assert_cmpuint (pixel (surface, 0, 0), ==, 0xffffffff);
  cairo_surface_destroy (surface);

  data = g_bytes_get_data (white, &size);
  phys = find (data, MIN (size, 200), "pHYs");
  g_assert_nonnull (phys);
  /* 3200 px wide is drawn at twice the size of the canvas: 192 DPI. */
  g_assert_cmpuint (read_be32 (phys + 4), ==, (guint32) lround (192 / 0.0254));
  g_assert_cmpuint (read_be32 (phys + 8), ==, (guint32) lround (192 / 0.0254));
  g_assert_cmpuint (phys[12], ==, 1);

  image.width = 0;
  image.scale = 1;
  image.transparent = TRUE;
  clear = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_PNG);
  surface = decode_png (clear);
  g_assert_cmpuint (pixel (surface, 0, 0) >> 24, ==, 0);
  cairo_surface_destroy (surface);
}

/* Hidden individuals are "Participant N" everywhere in the picture, the
 * title and "drawn by" included; organisations keep their names; with
 * every name shown, the picture says it is for the group only. */
static void
test_names_follow_consent (void)
{
  g_autoptr(SmMap) map = consent_fixture ();
  g_autoptr(GDateTime) date = fixed_date ();
  SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) all = NULL;
  g_autoptr(GBytes) pdf = NULL;

  image.date = date;
  svg = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_false (contains (svg, "Gloria"));
  g_assert_false (contains (svg, "Mensah"));
  g_assert_false (contains (svg, "Derek"));
  g_assert_true (contains (svg, ">Participant 1<"));
  g_assert_true (contains (svg, ">Participant 2<"));
  g_assert_true (contains (svg, ">Amina<"));
  g_assert_true (contains (svg, ">Tenants association<"));
  g_assert_true (contains (svg, "Estate repairs with Participant 1"));
  g_assert_true (contains (svg, "Drawn by Participant 1, Tenants association"));
  g_assert_true (contains (svg, "2 people are shown as"));
  g_assert_false (contains (svg, "for the group only"));

  /* The PDF's words are glyphs; its title is text. */
  pdf = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_PDF);
  g_assert_false (contains (pdf, "Gloria"));
  g_assert_false (contains (pdf, "Derek"));

  all = picture (map, SM_EXPORT_NAMES_ALL, &image, SM_IMAGE_SVG);
  g_assert_true (contains (all, ">Gloria Mensah<"));
  g_assert_true (contains (all, ">Derek<"));
  g_assert_true (contains (all, "for the group only"));
  g_assert_false (contains (all, "Participant"));

  /* Without the title block, every name still comes with its warning. */
  image.no_title = TRUE;
  g_clear_pointer (&all, g_bytes_unref);
  all = picture (map, SM_EXPORT_NAMES_ALL, &image, SM_IMAGE_SVG);
  g_assert_true (contains (all, "for the group only"));
  g_assert_false (contains (all, "Who decides on repairs?"));
  g_clear_pointer (&svg, g_bytes_unref);
  svg = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_false (contains (svg, "Who decides on repairs?"));
  g_assert_false (contains (svg, "shown as"));
}

/* Organisations only: a person who agreed to be named is "Participant N"
 * too, in the labels, the title block, the notes and the notice, with
 * the numbers the map's order gives every person; organisations keep
 * their names. */
static void
test_names_none (void)
{
  g_autoptr(SmMap) map = sm_test_load (
    "{\"format\":\"stakemap\",\"version\":1,"
    "\"map\":{\"title\":\"Estate repairs with Amina\",\"perspective\":{\"drawn_by\":[\"s3\",\"s4\"]}},"
    "\"stakeholders\":["
    "{\"id\":\"s1\",\"name\":\"Gloria Mensah\",\"kind\":\"service_user\",\"x\":0,\"y\":0},"
    "{\"id\":\"s3\",\"name\":\"Amina\",\"kind\":\"citizen\",\"consent_to_be_mapped\":true,\"x\":0,\"y\":200},"
    "{\"id\":\"s4\",\"name\":\"Tenants association\",\"kind\":\"community_org\",\"x\":200,\"y\":200},"
    "{\"id\":\"s6\",\"name\":\"Repairs forum\",\"kind\":\"citizen\",\"is_group\":true,"
    "\"consent_to_be_mapped\":false,\"x\":400,\"y\":200}],"
    "\"annotations\":[{\"id\":\"n1\",\"text\":\"Ask Amina about the lift\",\"x\":150,\"y\":-200,"
    "\"refers_to\":[\"s3\"]}]}");
  SmImageOptions           image = SM_IMAGE_OPTIONS_INIT;
  static const char *const selection[] = { "s3", NULL };
  g_autoptr(GBytes) consent = NULL;
  g_autoptr(GBytes) none = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) pdf = NULL;

  consent = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_true (contains (consent, ">Amina<"));
  g_assert_true (contains (consent, ">Ask Amina about the lift<"));
  g_assert_true (contains (consent, "Drawn by Amina, Tenants association"));

  none = picture (map, SM_EXPORT_NAMES_NONE, &image, SM_IMAGE_SVG);
  g_assert_false (contains (none, "Amina"));
  g_assert_false (contains (none, "Gloria"));
  g_assert_true (contains (none, ">Participant 1<"));
  g_assert_true (contains (none, ">Participant 2<"));
  g_assert_true (contains (none, ">Ask Participant 2 about the lift<"));
  g_assert_true (contains (none, "Estate repairs with Participant 2"));
  g_assert_true (contains (none, "Drawn by Participant 2, Tenants association"));
  g_assert_true (contains (none, ">Tenants association<"));
  g_assert_true (contains (none, ">Repairs forum<"));
  g_assert_true (contains (none, "2 people are shown as"));
  g_assert_true (contains (none, "only organisations and groups are named"));
  g_assert_false (contains (none, "for the group only"));

  pdf = picture (map, SM_EXPORT_NAMES_NONE, &image, SM_IMAGE_PDF);
  g_assert_false (contains (pdf, "Amina"));

  /* A selection keeps the whole map's numbers. */
  image.selection = selection;
  part = picture (map, SM_EXPORT_NAMES_NONE, &image, SM_IMAGE_SVG);
  g_assert_false (contains (part, "Amina"));
  g_assert_true (contains (part, ">Participant 2<"));
  g_assert_true (contains (part, "1 person is shown as"));
}

/* A picture made before an edit hides, under organisations only, a
 * person added since even though they agreed to be named. */
static void
test_names_none_after_edit (void)
{
  g_autoptr(SmMap) map = consent_fixture ();
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions options = { SM_EXPORT_NAMES_NONE, &image };
  g_autoptr(SmImage) self = sm_image_new (map, &options, NULL);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(SmCommand) add = NULL;
  g_autoptr(GBytes) svg = NULL;

  json_object_set_string_member (data, "id", "s6");
  json_object_set_string_member (data, "name", "Yusuf Okafor");
  json_object_set_boolean_member (data, "consent_to_be_mapped", TRUE);
  json_object_set_double_member (data, "x", 300);
  json_object_set_double_member (data, "y", 300);
  add = sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data);
  sm_command_apply (add, map);
  svg = sm_image_write_bytes (self, SM_IMAGE_SVG, NULL);
  g_assert_false (contains (svg, "Yusuf"));
  g_assert_false (contains (svg, "Amina"));
  /* Gloria, Derek, Amina, then Yusuf. */
  g_assert_true (contains (svg, ">Participant 4<"));
}

/* Notes on the map are drawn, as text, with hidden names taken out, and
 * only in the map view. */
static void
test_notes (void)
{
  g_autoptr(SmMap) map = sm_test_load (
    "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
    "{\"id\":\"a\",\"name\":\"Gloria Mensah\",\"kind\":\"carer\",\"x\":0,\"y\":0},"
    "{\"id\":\"b\",\"name\":\"Tenants association\",\"kind\":\"community_org\",\"x\":300,\"y\":0}],"
    "\"annotations\":[{\"id\":\"n1\",\"text\":\"Ask Gloria Mensah about the lift\",\"x\":150,\"y\":-200,"
    "\"refers_to\":[\"a\"]},{\"id\":\"n2\",\"text\":\"The association meets on Tuesdays\","
    "\"refers_to\":[\"b\"]}]}");
  SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) ladder = NULL;

  svg = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_true (contains (svg, ">Ask Participant 1 about the lift<"));
  /* Without a position, beside the stakeholder it is about. */
  g_assert_true (contains (svg, "The association meets on"));
  g_assert_false (contains (svg, "Gloria"));
  image.view = "ladder";
  ladder = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_false (contains (ladder, "about the lift"));
}

/* Regions are drawn in the map view's pictures, their labels as text with
 * hidden names taken out, and left out of the views that place people
 * by their scores. */
static void
test_regions (void)
{
  g_autoptr(SmMap) map = sm_test_load (
    "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
    "{\"id\":\"a\",\"name\":\"Gloria Mensah\",\"kind\":\"carer\",\"x\":0,\"y\":0},"
    "{\"id\":\"b\",\"name\":\"Tenants association\",\"kind\":\"community_org\",\"x\":300,\"y\":0}],"
    "\"regions\":[{\"id\":\"rg1\",\"label\":\"Gloria Mensah's neighbours\",\"shape\":\"ellipse\","
    "\"x\":150,\"y\":0,\"width\":700,\"height\":400,\"colour\":\"green\"}]}");
  SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) grid = NULL;

  svg = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_true (contains (svg, ">Participant 1&apos;s neighbours<"));
  g_assert_false (contains (svg, "Gloria"));
  image.view = "power-interest";
  grid = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_false (contains (grid, "neighbours"));
}

/* A picture made before an edit still hides the people added since. */
static void
test_names_after_edit (void)
{
  g_autoptr(SmMap) map = consent_fixture ();
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
  g_autoptr(SmImage) self = sm_image_new (map, &options, NULL);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(SmCommand) add = NULL;
  g_autoptr(GBytes) svg = NULL;

  json_object_set_string_member (data, "id", "s6");
  json_object_set_string_member (data, "name", "Yusuf Okafor");
  json_object_set_double_member (data, "x", 300);
  json_object_set_double_member (data, "y", 300);
  add = sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data);
  sm_command_apply (add, map);
  svg = sm_image_write_bytes (self, SM_IMAGE_SVG, NULL);
  g_assert_false (contains (svg, "Yusuf"));
  g_assert_true (contains (svg, ">Participant 3<"));
}

/* A selection on its own: what was chosen and the ends of the
 * relationships chosen, and the title says how many of how many. */
static void
test_selection (void)
{
  g_autoptr(SmMap) map = consent_fixture ();
  SmImageOptions           image = SM_IMAGE_OPTIONS_INIT;
  static const char *const selection[] = { "s3", "r2", NULL };
  g_autoptr(GBytes) svg = NULL;

  image.selection = selection;
  svg = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  g_assert_true (contains (svg, ">Amina<"));
  g_assert_true (contains (svg, ">Tenants association<"));
  g_assert_true (contains (svg, ">Housing association board<"));
  g_assert_false (contains (svg, ">Participant 1<"));
  g_assert_false (contains (svg, ">Participant 2<"));
  g_assert_true (contains (svg, "3 of 5 stakeholders"));
  /* Nobody hidden is in the picture, so it says nothing about them. */
  g_assert_false (contains (svg, "shown as"));
  /* The map itself is untouched. */
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (map)), ==, 5);
}

/* Fitted is one page; tiled at a larger scale takes more, and never
 * more than the limit. */
static void
test_pages (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
  g_autoptr(SmImage) fitted = sm_image_new (map, &options, NULL);
  g_autoptr(SmImage) small = NULL;
  g_autoptr(SmImage) large = NULL;
  g_autoptr(SmImage) huge = NULL;
  g_autoptr(GBytes) pdf = NULL;
  guint n_small, n_large;

  g_assert_cmpuint (sm_image_get_n_pages (fitted, 595, 842), ==, 1);
  image.tile = TRUE;
  image.scale = 1;
  small = sm_image_new (map, &options, NULL);
  image.scale = 3;
  large = sm_image_new (map, &options, NULL);
  n_small = sm_image_get_n_pages (small, 595, 842);
  n_large = sm_image_get_n_pages (large, 595, 842);
  g_assert_cmpuint (n_small, >=, 1);
  g_assert_cmpuint (n_large, >, n_small);
  pdf = sm_image_write_bytes (large, SM_IMAGE_PDF, NULL);
  g_assert_nonnull (pdf);
  g_assert_true (contains (pdf, "/Count"));

  /* Turned whichever way takes fewer sheets, unless told. */
  {
    SmImageOptions turned = image;
    g_autoptr(SmImage) either = NULL;
    guint portrait, landscape, chosen;

    turned.scale = 2;
    either = sm_image_new (map, &(SmExportOptions) { SM_EXPORT_NAMES_CONSENT, &turned }, NULL);
    portrait = sm_image_get_n_pages (either, 595.276, 841.89);
    landscape = sm_image_get_n_pages (either, 841.89, 595.276);
    chosen = sm_image_is_landscape (either) ? landscape : portrait;
    g_assert_cmpuint (chosen, ==, MIN (portrait, landscape));
  }

  image.scale = 100;
  huge = sm_image_new (map, &options, NULL);
  g_assert_cmpuint (sm_image_get_n_pages (huge, 595, 842), ==, 0);
}

/* What cannot be made is refused with a reason, before anything is
 * written. */
static void
test_errors (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions options = { SM_EXPORT_NAMES_CONSENT, &image };
  g_autoptr(GError) error = NULL;
  g_autoptr(SmImage) self = NULL;
  g_autoptr(GBytes) bytes = NULL;

  image.view = "towers-of-hanoi";
  self = sm_image_new (map, &options, &error);
  g_assert_null (self);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "towers-of-hanoi"));
  g_clear_error (&error);

  image.view = NULL;
  image.scale = 90;
  self = sm_image_new (map, &options, &error);
  g_assert_no_error (error);
  bytes = sm_image_write_bytes (self, SM_IMAGE_PNG, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "PNG"));
  g_clear_error (&error);

  image.scale = 100;
  image.tile = TRUE;
  g_clear_pointer (&self, sm_image_free);
  self = sm_image_new (map, &options, NULL);
  bytes = sm_image_write_bytes (self, SM_IMAGE_PDF, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* A map with nobody on it still makes a picture, which says so. */
static void
test_empty_map (void)
{
  g_autoptr(SmMap) map = sm_test_load ("{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Blank\"}}");

  for (SmImageFormat format = SM_IMAGE_PNG; format <= SM_IMAGE_PDF; format++)
    {
      SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
      g_autoptr(GBytes) bytes = NULL;

      image.width = format == SM_IMAGE_PDF ? 0 : 800;
      bytes = picture (map, SM_EXPORT_NAMES_CONSENT, &image, format);
      if (format == SM_IMAGE_SVG)
        g_assert_true (contains (bytes, "No stakeholder is on the map yet."));
    }
}

/* SVG keeps every word as text, in a document a parser accepts. */
static void
test_svg_text (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(GBytes) svg = NULL;
  GMarkupParser        parser = { 0 };
  GMarkupParseContext *context;
  g_autoptr(GError) error = NULL;
  gsize       size;
  const char *data;

  svg = picture (map, SM_EXPORT_NAMES_CONSENT, &image, SM_IMAGE_SVG);
  data = g_bytes_get_data (svg, &size);
  /* Past the XML declaration, which GMarkup does not take. */
  data = strstr (data, "<svg");
  g_assert_nonnull (data);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, data, size - (data - (const char *) g_bytes_get_data (svg, NULL)), &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_true (contains (svg, ">Relationships<"));
  g_assert_true (contains (svg, "<text "));
}

/* Nearly black pixels of a PNG: words, outlines and lines. */
static guint
count_near_black (GBytes *png)
{
  cairo_surface_t *surface = decode_png (png);
  guint            n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 p = pixel (surface, x, y);
        double  l = 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);

        if ((p >> 24) == 0xff && l < 60)
          n++;
      }
  cairo_surface_destroy (surface);
  return n;
}

/* A picture for the projector: whoever asks for the high-contrast style
 * gets it in the file too. */
static void
test_high_contrast (void)
{
  g_autoptr(SmMap) map = sm_test_load_worked_example ();
  g_autoptr(GDateTime) date = fixed_date ();
  SmImageOptions image = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(GBytes) normal = NULL;
  g_autoptr(GBytes) contrast = NULL;
  guint n_normal, n_contrast;

  image.width = 1200;
  image.no_title = TRUE;
  image.date = date;
  normal = picture (map, SM_EXPORT_NAMES_ALL, &image, SM_IMAGE_PNG);
  image.high_contrast = TRUE;
  contrast = picture (map, SM_EXPORT_NAMES_ALL, &image, SM_IMAGE_PNG);
  n_normal = count_near_black (normal);
  n_contrast = count_near_black (contrast);
  g_test_message ("near-black pixels: %u ordinary, %u high contrast", n_normal, n_contrast);
  g_assert_cmpuint (n_contrast, >, 2 * n_normal);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("SOURCE_DATE_EPOCH", "1764590400", TRUE);

  g_test_add_func ("/image/views/references", test_views_match_references);
  g_test_add_func ("/image/legend/beside-map", test_legend_beside_map);
  g_test_add_func ("/image/legend/none", test_no_legend);
  g_test_add_func ("/image/high-contrast", test_high_contrast);
  g_test_add_func ("/image/narrow", test_narrow_picture);
  g_test_add_func ("/image/png/size-dpi-background", test_png_size_dpi_background);
  g_test_add_func ("/image/names/consent", test_names_follow_consent);
  g_test_add_func ("/image/names/after-edit", test_names_after_edit);
  g_test_add_func ("/image/names/none", test_names_none);
  g_test_add_func ("/image/names/none-after-edit", test_names_none_after_edit);
  g_test_add_func ("/image/notes", test_notes);
  g_test_add_func ("/image/regions", test_regions);
  g_test_add_func ("/image/selection", test_selection);
  g_test_add_func ("/image/pages", test_pages);
  g_test_add_func ("/image/errors", test_errors);
  g_test_add_func ("/image/empty-map", test_empty_map);
  g_test_add_func ("/image/svg/text", test_svg_text);

  return g_test_run ();
}

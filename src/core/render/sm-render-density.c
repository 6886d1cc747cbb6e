/* sm-render-density.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-render-private.h"

/* Lines too many to follow, drawn as a texture of how many cross each
 * pixel rather than one by one: what a view zoomed out over thousands of
 * relationships shows, and what a pan strip of a large map lays down. */

/* Bresenham's walk from pixel @start, @major steps along (each moving
 * @along in memory), across it @minor of them (each moving @across) at
 * @first + k × @sign for k from 0. */
typedef struct
{
  guint8  *start;
  gssize   along, across;
  int      major, minor;
  int      first, sign;
  gboolean sideways; /* in the mask on its side */
} Walk;

#define DENSITY_BAND 256

/* The first step of @walk at which it has stepped across @m times. Along
 * the longer axis it steps every time; after k steps it has stepped
 * across floor ((2 minor k + major) / (2 major)) times. */
static int
walk_first_step (const Walk *walk,
                 int         m)
{
  gint64 num, den;

  if (m <= 0)
    return 0;
  if (m > walk->minor)
    return walk->major + 1;
  num = 2 * (gint64) walk->major * m - walk->major;
  den = 2 * (gint64) walk->minor;
  return (int) ((num + den - 1) / den);
}

/* Counts @walk's pixels whose place across is in [@lo, @hi) (rows of the
 * mask, or columns of the one on its side), up to @full. The count of
 * steps across is kept as a fraction of 2^45 (exact: the numerator stays
 * below 2^30 and the divisor below 2^15), so each step is an addition,
 * none waiting on a comparison. */
static void
walk_band (const Walk *walk,
           int         lo,
           int         hi,
           guint       full)
{
  int     m0, m1, k0, k1;
  guint64 unit, at, rise;
  guint8 *pixel;

  if (walk->sign > 0)
    m0 = lo - walk->first, m1 = hi - walk->first;
  else
    m0 = walk->first - hi + 1, m1 = walk->first - lo + 1;
  if (m1 <= 0 || m0 > walk->minor)
    return;
  if (walk->major == 0)
    {
      *walk->start += *walk->start < full;
      return;
    }
  k0 = walk_first_step (walk, m0);
  k1 = walk_first_step (walk, m1);
  unit = ((G_GUINT64_CONSTANT (1) << 45) + 2 * (guint64) walk->major - 1) / (2 * (guint64) walk->major);
  at = ((guint64) walk->major + 2 * (guint64) walk->minor * k0) * unit;
  rise = 2 * (guint64) walk->minor * unit;
  pixel = walk->start + k0 * walk->along;
  for (int k = k0; k < k1; k++, at += rise, pixel += walk->along)
    {
      guint8 *p_at = pixel + (gssize) (at >> 45) * walk->across;

      *p_at += *p_at < full;
    }
}

/* A texture being counted, shared by the threads counting it. Its jobs
 * are bands, each of one mask (rows of the mask, or columns of the one on
 * its side), taken in turn, so that the threads finish together; two
 * bands never touch the same pixel. Then blocks of rows, each turned from
 * counts into coverage. */
typedef struct
{
  GArray       *walks[2]; /* along the mask's rows; on its side */
  int           n_bands[2];
  int           width, height;
  guint         full;
  guint8       *data;
  int           stride;
  guint8       *columns; /* the mask on its side */
  const guint8 *coverage;
  gint          next; /* the next job, taken atomically */
} Count;

#define COVERAGE_BLOCK 64

/* Band by band across the masks, so that the part being counted stays in
 * the processor's cache: a walk that crossed the whole mask waited on
 * memory at every other step. */
static gpointer
count_bands (gpointer data)
{
  Count *count = data;
  int    job;

  while ((job = g_atomic_int_add (&count->next, 1)) < count->n_bands[0] + count->n_bands[1])
    {
      gboolean sideways = job >= count->n_bands[0];
      GArray  *walks = count->walks[sideways];
      int      across = sideways ? count->width : count->height;
      int      band = (sideways ? job - count->n_bands[0] : job) * DENSITY_BAND;

      for (guint i = 0; i < walks->len; i++)
        walk_band (&g_array_index (walks, Walk, i), band, MIN (band + DENSITY_BAND, across), count->full);
    }
  return NULL;
}

/* Both counts, added up, as coverage; in blocks, so that the mask on its
 * side is read a few rows at a time. */
static gpointer
count_coverage (gpointer data)
{
  Count *count = data;
  int    block;

  while ((block = g_atomic_int_add (&count->next, 1)) * COVERAGE_BLOCK < count->height)
    {
      int by = block * COVERAGE_BLOCK;

      for (int bx = 0; bx < count->width; bx += COVERAGE_BLOCK)
        for (int y = by; y < MIN (by + COVERAGE_BLOCK, count->height); y++)
          {
            guint8 *line = count->data + (gsize) y * count->stride;

            for (int x = bx; x < MIN (bx + COVERAGE_BLOCK, count->width); x++)
              {
                guint n = line[x] + count->columns[(gsize) x * count->height + y];

                line[x] = count->coverage[MIN (n, count->full)];
              }
          }
    }
  return NULL;
}

/* Runs @job on the calling thread and, when @shared, on a second one. */
static gboolean
count_run (GThreadFunc job,
           Count      *count,
           gboolean    shared)
{
  GThread *helper;

  count->next = 0;
  helper = shared ? g_thread_try_new ("sm-density", job, count, NULL) : NULL;
  job (count);
  if (helper == NULL)
    return FALSE;
  g_thread_join (helper);
  return TRUE;
}

/* With this many lines or more, a second thread shares the count: a view
 * of a large map is crossed by thousands, and their walk was a third of
 * its frame. */
#define DENSITY_SHARED_WALKS 256

static guint64
mix (guint64 hash,
     guint64 value)
{
  hash ^= value + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (hash << 6) + (hash >> 2);
  return hash * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
}

static guint64
mix_double (guint64 hash,
            double  value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return mix (hash, bits);
}

/* What a texture of @segments drawn through @m into the device box is
 * made of, as one number. */
static guint64
density_key (GArray               *segments,
             const cairo_matrix_t *m,
             int                   ox,
             int                   oy,
             int                   width,
             int                   height,
             guint                 step)
{
  guint64 hash = mix (segments->len, step);

  hash = mix (hash, ((guint64) (guint32) ox << 32) | (guint32) oy);
  hash = mix (hash, ((guint64) (guint32) width << 32) | (guint32) height);
  hash = mix_double (mix_double (mix_double (mix_double (hash, m->xx), m->yy), m->x0), m->y0);
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      hash = mix_double (mix_double (mix_double (mix_double (hash, segment->x0), segment->y0), segment->x1),
                         segment->y1);
    }
  return hash;
}

static void
paint_density (cairo_t         *cr,
               const Palette   *p,
               cairo_surface_t *mask,
               int              ox,
               int              oy)
{
  cairo_save (cr);
  cairo_identity_matrix (cr);
  _sm_render_set_rgb (cr, p->line);
  cairo_mask_surface (cr, mask, ox, oy);
  cairo_restore (cr);
}

/* Thousands of crossing lines read as a texture, not as lines: on an
 * image they are laid down one pixel wide into a mask, each darkening
 * what is under it as a line of @alpha would, and the mask is painted
 * once. Stroking them one by one costs twenty times as much and looks
 * the same. FALSE when @cr does not draw pixels (_sm_render_is_raster()).
 *
 * Each line darkens a pixel by @alpha of what is left: after n lines the
 * pixel is the n-th step of that sequence, whatever the order. So the
 * mask first counts the lines through each pixel (up to where the
 * sequence stops changing) and then turns counts into coverage with a
 * table. The walk along a line is Bresenham's, the same pixels step for
 * step, without branches: on a view crossed by tens of thousands of long
 * lines, a mispredicted branch a pixel was most of the frame.
 * self->plain_density (for tests) lays each pixel down as it goes, the
 * straightforward way. */
gboolean
_sm_render_draw_density (SmRenderer    *self,
                         cairo_t       *cr,
                         const Palette *p,
                         GArray        *segments,
                         double         alpha)
{
  cairo_matrix_t   m;
  int              ox, oy, width, height, stride;
  cairo_surface_t *mask;
  guint8          *data;
  guint            step = (guint) lround (alpha * 255);
  guint8           coverage[256];
  guint            full = 0;
  guint8          *columns = NULL;
  guint64          key;
  GArray          *walks[2];

  if (!_sm_render_is_raster (cr))
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0)
    return FALSE;
  if (!_sm_render_clip_pixels (cr, &ox, &oy, &width, &height))
    return FALSE;

  /* The texture of the frame before, when it was drawn from the same
   * lines at the same place and scale: a frame redrawn for a hover, a
   * selection or a finding. What it was drawn from is its key, every
   * line's ends and the matrix, so no change can slip past it. */
  /* A strip's texture is never asked for again: no key. */
  key = self->drawing_part ? 0 : density_key (segments, &m, ox, oy, width, height, step);
  if (self->density != NULL && self->density_key == key && !self->plain_density && !self->drawing_part)
    {
      paint_density (cr, p, self->density, ox, oy);
      return TRUE;
    }

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  if (cairo_surface_status (mask) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (mask);
      return FALSE;
    }
  cairo_surface_flush (mask);
  data = cairo_image_surface_get_data (mask);
  stride = cairo_image_surface_get_stride (mask);

  /* coverage[n]: a pixel under n lines; from coverage[full] on it no
   * longer changes. */
  coverage[0] = 0;
  for (guint n = 1; n < G_N_ELEMENTS (coverage); n++)
    {
      coverage[n] = coverage[n - 1] + (step * (255u - coverage[n - 1]) + 127) / 255;
      if (full == 0 && coverage[n] == coverage[n - 1])
        full = n - 1;
    }
  if (full == 0)
    full = G_N_ELEMENTS (coverage) - 1;

  /* Lines steeper than 45° are counted in a second mask, turned on its
   * side, so that every walk goes along its mask's rows: a step down a
   * column was a step to memory not yet read. */
  if (!self->plain_density)
    columns = g_malloc0 ((gsize) width * height);
  walks[0] = g_array_sized_new (FALSE, FALSE, sizeof (Walk), segments->len);
  walks[1] = g_array_new (FALSE, FALSE, sizeof (Walk));
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);
      double         x0 = segment->x0, y0 = segment->y0, x1 = segment->x1, y1 = segment->y1;
      int            ix, iy, ex, ey, sx, sy, dx, dy, err, e2;
      guint8        *pixel;
      Walk           walk;

      cairo_user_to_device (cr, &x0, &y0);
      cairo_user_to_device (cr, &x1, &y1);
      x0 -= ox, y0 -= oy, x1 -= ox, y1 -= oy;
      if (!_sm_render_clip_segment (&x0, &y0, &x1, &y1, width - 1, height - 1))
        continue;
      /* Bresenham: one pixel a step along the longer axis. */
      ix = (int) lround (x0), iy = (int) lround (y0);
      ex = (int) lround (x1), ey = (int) lround (y1);
      dx = abs (ex - ix), dy = -abs (ey - iy);
      sx = ix < ex ? 1 : -1, sy = iy < ey ? 1 : -1;
      err = dx + dy;
      if (self->plain_density)
        {
          for (;;)
            {
              pixel = data + (gsize) iy * stride + ix;
              *pixel += (step * (255u - *pixel) + 127) / 255;
              if (ix == ex && iy == ey)
                break;
              e2 = 2 * err;
              if (e2 >= dy)
                err += dy, ix += sx;
              if (e2 <= dx)
                err += dx, iy += sy;
            }
          continue;
        }

      /* The same walk in closed form, for later (walk_band()). */
      if (dx >= -dy)
        walk = (Walk) { data + (gsize) iy * stride + ix, sx, sy * (gssize) stride, dx, -dy, iy, sy, FALSE };
      else
        walk = (Walk) { columns + (gsize) ix * height + iy, sy, sx * (gssize) height, -dy, dx, ix, sx, TRUE };
      g_array_append_val (walks[walk.sideways], walk);
    }
  if (!self->plain_density)
    {
      Count    count = { { walks[0], walks[1] },
                         { (height + DENSITY_BAND - 1) / DENSITY_BAND, (width + DENSITY_BAND - 1) / DENSITY_BAND },
                         width,
                         height,
                         full,
                         data,
                         stride,
                         columns,
                         coverage,
                         0 };
      gboolean shared = walks[0]->len + walks[1]->len >= DENSITY_SHARED_WALKS && g_get_num_processors () > 1;

      if (count_run (count_bands, &count, shared))
        self->density_shared++;
      count_run (count_coverage, &count, shared);
    }
  g_array_unref (walks[0]);
  g_array_unref (walks[1]);
  g_free (columns);
  cairo_surface_mark_dirty (mask);

  paint_density (cr, p, mask, ox, oy);
  /* A strip's texture is never asked for again; the view's may be (a
   * hover, a selection), so a strip leaves it. */
  if (!self->plain_density && !self->drawing_part)
    {
      g_clear_pointer (&self->density, cairo_surface_destroy);
      self->density = mask;
      self->density_key = key;
    }
  else
    cairo_surface_destroy (mask);
  return TRUE;
}

#define OVERVIEW_BATCH 64

/* Lines too many to follow, as a texture: on pixels, as density;
 * elsewhere as lines one pixel wide without antialiasing, in batches: a
 * stroke at a time would cost as much again, and the few lines that cross
 * within a batch darken once, not twice. */
void
_sm_render_draw_texture (SmRenderer    *self,
                         cairo_t       *cr,
                         const Palette *p,
                         GPtrArray     *edges,
                         GArray        *segments,
                         double         scale)
{
  if (_sm_render_draw_density (self, cr, p, segments, 0.4))
    return;
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_line_width (cr, 1.0 / scale);
  _sm_render_set_rgba (cr, p->line, 0.4);
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = g_ptr_array_index (edges, i);
      Node *s, *t;

      _sm_render_edge_ends (self, edge, &s, &t);
      cairo_move_to (cr, s->x, s->y);
      cairo_line_to (cr, t->x, t->y);
      if ((i + 1) % OVERVIEW_BATCH == 0)
        cairo_stroke (cr);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

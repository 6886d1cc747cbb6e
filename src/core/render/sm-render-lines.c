/* sm-render-lines.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sm-render-private.h"

/* Plain lines on pixels.
 *
 * Zoomed in on a large map, a thousand long lines cross the view, and
 * cairo's scan converter costs about a microsecond for every pixel row a
 * thin line crosses: most of the frame. A plain line (solid, one colour)
 * is a long thin rectangle, and the share of each pixel it covers has a
 * closed form: along the line's longer axis, each column of pixels is
 * crossed by a band between two parallel edges, and the area of a pixel
 * under that band is an integral of a clamped linear function. Only the
 * few columns at the line's ends, where the square cap cuts across the
 * band, are clipped as polygons. Each line darkens the mask as cairo's
 * stroke darkens the picture (OVER, coverage of what is left), and lines
 * of one colour commute, so the mask painted once in that colour is the
 * picture the strokes draw, to within the rasterisers' rounding.
 * /core/frames/batched-lines-match-strokes holds it to cairo's strokes. */

/* The antiderivative of t clamped to [0, 1]: 0, then t² / 2, then
 * t - 1/2. Without branches: which of the three a pixel's edge falls in
 * is a coin toss the processor kept losing. */
static inline double
ramp_integral (double t)
{
  double in = MIN (MAX (t, 0.0), 1.0);

  return in * in / 2 + MAX (t - 1, 0.0);
}

/* The area of the polygon @pts (@n corners) clipped to the unit square
 * at (@i, @r): Sutherland–Hodgman against each side, then the shoelace. */
static double
polygon_cell_area (const double *pts,
                   int           n,
                   double        i,
                   double        r)
{
  double a[2 * 12], b[2 * 12], area = 0;
  double bounds[4] = { i, r, i + 1, r + 1 };
  int    na = n;

  memcpy (a, pts, sizeof (double) * 2 * n);
  for (int side = 0; side < 4 && na > 0; side++)
    {
      int    axis = side % 2, nb = 0;
      double edge = bounds[side];
      double sign = side < 2 ? 1 : -1; /* inside: sign × (v - edge) ≥ 0 */

      for (int k = 0; k < na; k++)
        {
          const double *p = a + 2 * k, *q = a + 2 * ((k + 1) % na);
          double        dp = sign * (p[axis] - edge), dq = sign * (q[axis] - edge);

          if (dp >= 0)
            b[2 * nb] = p[0], b[2 * nb + 1] = p[1], nb++;
          if ((dp >= 0) != (dq >= 0))
            {
              double t = dp / (dp - dq);

              b[2 * nb] = p[0] + t * (q[0] - p[0]);
              b[2 * nb + 1] = p[1] + t * (q[1] - p[1]);
              nb++;
            }
        }
      memcpy (a, b, sizeof (double) * 2 * nb);
      na = nb;
    }
  for (int k = 0; k < na; k++)
    {
      const double *p = a + 2 * k, *q = a + 2 * ((k + 1) % na);

      area += p[0] * q[1] - q[0] * p[1];
    }
  return fabs (area) / 2;
}

/* Darkens the cell at @px by @cover, as OVER does. */
static inline void
lay_down (guint8 *px,
          double  cover)
{
  cover = MIN (MAX (cover, 0.0), 1.0);
  *px += (guint8) (int) (cover * (255 - *px) + 0.5);
}

/* Lays @rows pixels down a column, @step apart from @px on, under a band
 * whose edges cross the column from @top0 to @top1 and from @bottom0 to
 * @bottom1 (measured from the first row's top; each row one further):
 * each pixel's cover is the ramp integrals' difference at its four
 * corners, times @per_s. This is most of the work of a frame zoomed in
 * on a large map, so the two differences are taken side by side where
 * the processor can (SSE2, every x86-64), in the same order either way,
 * so that the mask is the same, byte for byte. */
static inline void
lay_band (guint8 *px,
          gssize  step,
          int     rows,
          double  top0,
          double  top1,
          double  bottom0,
          double  bottom1,
          double  per_s)
{
#ifdef __SSE2__
  const __m128d zero = _mm_setzero_pd (), one = _mm_set1_pd (1.0), half = _mm_set1_pd (0.5);
  /* (top1, bottom0) and (top0, bottom1): the corners added and taken away. */
  __m128d up = _mm_set_pd (bottom0, top1), down = _mm_set_pd (bottom1, top0);

  for (int r = 0; r < rows; r++, px += step, up = _mm_sub_pd (up, one), down = _mm_sub_pd (down, one))
    {
      __m128d in_up = _mm_min_pd (_mm_max_pd (up, zero), one), in_down = _mm_min_pd (_mm_max_pd (down, zero), one);
      __m128d ramp_up = _mm_add_pd (_mm_mul_pd (_mm_mul_pd (in_up, in_up), half),
                                    _mm_max_pd (_mm_sub_pd (up, one), zero));
      __m128d ramp_down = _mm_add_pd (_mm_mul_pd (_mm_mul_pd (in_down, in_down), half),
                                      _mm_max_pd (_mm_sub_pd (down, one), zero));
      __m128d difference = _mm_sub_pd (ramp_up, ramp_down);

      lay_down (px, (_mm_cvtsd_f64 (difference) + _mm_cvtsd_f64 (_mm_unpackhi_pd (difference, difference))) * per_s);
    }
#else
  for (int r = 0; r < rows; r++, px += step, top0--, top1--, bottom0--, bottom1--)
    lay_down (px, ((ramp_integral (top1) - ramp_integral (top0)) + (ramp_integral (bottom0) - ramp_integral (bottom1))) *
                    per_s);
#endif
}

#define LAY_INTERLEAVE 8

/* Lays the line from (@a0, @b0) to (@a1, @b1), @width wide, into @data,
 * in coordinates along its longer axis (a, @major_step apart in memory,
 * @major_size of them) and across it (b). An end is square when @cap0 or
 * @cap1 says so, else cut straight across the longer axis, so that the
 * chords of a curve meet without a seam. */
static void
lay_line (guint8  *data,
          gssize   major_step,
          gssize   minor_step,
          int      major_size,
          int      minor_size,
          double   a0,
          double   b0,
          double   a1,
          double   b1,
          double   width,
          gboolean cap0,
          gboolean cap1)
{
  double   len, ua, ub, s, per_s, h, e0, e1, quad[8];
  int      first, last, inner_first, inner_last;
  gboolean flat;

  if (a1 < a0)
    {
      double   t = a0;
      gboolean c = cap0;

      a0 = a1, a1 = t;
      t = b0, b0 = b1, b1 = t;
      cap0 = cap1, cap1 = c;
    }
  len = hypot (a1 - a0, b1 - b0);
  if (len < 1e-9)
    return;
  ua = (a1 - a0) / len, ub = (b1 - b0) / len;
  s = ub / ua; /* across per step along; |s| ≤ 1 */
  flat = fabs (s) < 1e-12;
  per_s = flat ? 0 : 1 / s;
  h = width / 2 / ua; /* half the band, measured across */
  /* How far along a square end reaches either way. */
  e0 = cap0 ? fabs (ub) * width / 2 : 0;
  e1 = cap1 ? fabs (ub) * width / 2 : 0;
  quad[0] = a0 + ub * width / 2, quad[1] = b0 - ua * width / 2;
  quad[2] = a1 + ub * width / 2, quad[3] = b1 - ua * width / 2;
  quad[4] = a1 - ub * width / 2, quad[5] = b1 + ua * width / 2;
  quad[6] = a0 - ub * width / 2, quad[7] = b0 + ua * width / 2;

  first = MAX (0, (int) floor (a0 - e0));
  last = MIN (major_size - 1, (int) floor (a1 + e1));
  /* Columns clear of the square ends are crossed by the band alone, cut
   * where a cut end is. */
  inner_first = cap0 ? (int) ceil (a0 + e0) : (int) floor (a0);
  inner_last = cap1 ? (int) floor (a1 - e1) - 1 : (int) floor (a1);
  /* The columns in LAY_INTERLEAVE passes, each taking every
   * LAY_INTERLEAVE-th: a pixel read just after its neighbour in memory
   * was written waited for that write, and laying them side by side cost
   * a fifth of a frame zoomed in on a large map. Each column is laid
   * alone, so the order changes nothing in the mask. */
  for (int pass = 0; pass < LAY_INTERLEAVE; pass++)
    for (int i = first + pass; i <= last; i += LAY_INTERLEAVE)
      {
        double  lo = MAX (i, a0), hi = MIN (i + 1, a1);
        double  c0 = b0 + s * (lo - a0), c1 = b0 + s * (hi - a0);
        int     r0 = MAX (0, (int) floor (MIN (c0, c1) - h));
        int     r1 = MIN (minor_size - 1, (int) floor (MAX (c0, c1) + h));
        guint8 *column = data + i * major_step;

        if (i < inner_first || i > inner_last)
          {
            /* A square end reaches past the line's own ends. */
            double end0 = b0 + s * (MAX (i, a0 - e0) - a0), end1 = b0 + s * (MIN (i + 1, a1 + e1) - a0);

            r0 = MAX (0, (int) floor (MIN (end0, end1) - h));
            r1 = MIN (minor_size - 1, (int) floor (MAX (end0, end1) + h));
            for (int r = r0; r <= r1; r++)
              lay_down (column + r * minor_step, polygon_cell_area (quad, 4, i, r));
            continue;
          }
        if (flat)
          for (int r = r0; r <= r1; r++)
            lay_down (column + r * minor_step,
                      (hi - lo) * (CLAMP (c0 + h - r, 0, 1) - CLAMP (c0 - h - r, 0, 1)));
        else
          {
            /* The band's edges at either side of the column, measured
             * from the row's top. */
            double top0 = c0 + h - r0, top1 = c1 + h - r0, bottom0 = c0 - h - r0, bottom1 = c1 - h - r0;

            lay_band (column + r0 * minor_step, minor_step, r1 - r0 + 1, top0, top1, bottom0, bottom1, per_s);
          }
      }
}

/* Lays the line from (@x0, @y0) to (@x1, @y1), in map units, into the
 * batch's mask. */
static void
batch_segment (LineBatch *lines,
               double     x0,
               double     y0,
               double     x1,
               double     y1,
               double     width,
               gboolean   cap0,
               gboolean   cap1)
{
  double margin = width + 2;

  cairo_matrix_transform_point (&lines->matrix, &x0, &y0);
  cairo_matrix_transform_point (&lines->matrix, &x1, &y1);
  /* Only the part near the mask: cut far enough out that its ends do
   * not show. */
  x0 += margin - lines->ox, x1 += margin - lines->ox, y0 += margin - lines->oy, y1 += margin - lines->oy;
  if (!_sm_render_clip_segment (&x0, &y0, &x1, &y1, lines->width + 2 * margin, lines->height + 2 * margin))
    return;
  x0 -= margin, x1 -= margin, y0 -= margin, y1 -= margin;

  lines->x0 = MAX (0, MIN (lines->x0, (int) floor (MIN (x0, x1) - width)));
  lines->y0 = MAX (0, MIN (lines->y0, (int) floor (MIN (y0, y1) - width)));
  lines->x1 = MIN (lines->width, MAX (lines->x1, (int) ceil (MAX (x0, x1) + width) + 1));
  lines->y1 = MIN (lines->height, MAX (lines->y1, (int) ceil (MAX (y0, y1) + width) + 1));
  /* Each line goes along its mask's rows: a step down a column was a step
   * to memory not yet read. */
  if (fabs (x1 - x0) >= fabs (y1 - y0))
    lay_line (lines->data, 1, lines->stride, lines->width, lines->height, x0, y0, x1, y1, width, cap0, cap1);
  else
    lay_line (lines->columns, 1, lines->height, lines->height, lines->width, y0, x0, y1, x1, width, cap0, cap1);
}

/* Lays the part of @route from @t0 to @t1 into the batch: a curve as
 * chords within a tenth of a pixel of it, as cairo flattens it. */
void
_sm_render_lines_add_route (SmRenderer  *self,
                            const Route *route,
                            double       t0,
                            double       t1,
                            double       width)
{
  LineBatch *lines = self->lines;
  double     x0, y0, x1, y1, cx, cy, ddx, ddy;
  int        n;

  _sm_render_route_point (route, t0, &x0, &y0);
  _sm_render_route_point (route, t1, &x1, &y1);
  if (!route->curved)
    {
      batch_segment (lines, x0, y0, x1, y1, width, TRUE, TRUE);
      return;
    }
  /* The part's own control point, as _sm_render_route_path() finds it. */
  cx = (1 - t0) * ((1 - t1) * route->x0 + t1 * route->cx) + t0 * ((1 - t1) * route->cx + t1 * route->x1);
  cy = (1 - t0) * ((1 - t1) * route->y0 + t1 * route->cy) + t0 * ((1 - t1) * route->cy + t1 * route->y1);
  /* A chord of 1/n of a quadratic strays |p0 - 2c + p1| / (4 n²) from it. */
  ddx = (x0 - 2 * cx + x1) * lines->matrix.xx, ddy = (y0 - 2 * cy + y1) * lines->matrix.yy;
  n = (int) CLAMP (ceil (sqrt (hypot (ddx, ddy) / (4 * 0.1))), 1, 1000);
  {
    double ax = x0, ay = y0;
    /* Chords along the same axis meet cut across it; where the axis
     * turns, both ends are square. */
    gboolean steep, next_steep, prev_steep = FALSE;

    for (int k = 0; k < n; k++)
      {
        double u = (double) (k + 1) / n;
        double bx = (1 - u) * (1 - u) * x0 + 2 * (1 - u) * u * cx + u * u * x1;
        double by = (1 - u) * (1 - u) * y0 + 2 * (1 - u) * u * cy + u * u * y1;
        double u2 = (double) (k + 2) / n;
        double nx = (1 - u2) * (1 - u2) * x0 + 2 * (1 - u2) * u2 * cx + u2 * u2 * x1;
        double ny = (1 - u2) * (1 - u2) * y0 + 2 * (1 - u2) * u2 * cy + u2 * u2 * y1;

        steep = fabs (by - ay) > fabs (bx - ax);
        next_steep = fabs (ny - by) > fabs (nx - bx);
        batch_segment (lines, ax, ay, bx, by, width, k == 0 || steep != prev_steep,
                       k == n - 1 || steep != next_steep);
        prev_steep = steep;
        ax = bx, ay = by;
      }
  }
}

/* Starts laying plain lines into a mask instead of stroking them, when
 * @cr draws pixels at one scale both ways and nothing else is drawn over
 * the lines (another version compared). */
void
_sm_render_lines_begin (SmRenderer *self,
                        cairo_t    *cr)
{
  LineBatch *lines;
  int        ox, oy, width, height;

  g_assert (self->lines == NULL);
  if (self->unbatched || self->compare != NULL || !_sm_render_is_raster (cr))
    return;
  lines = g_new0 (LineBatch, 1);
  cairo_get_matrix (cr, &lines->matrix);
  if (lines->matrix.xy != 0 || lines->matrix.yx != 0 || lines->matrix.xx <= 0 ||
      fabs (lines->matrix.xx - lines->matrix.yy) > 1e-9 * lines->matrix.xx)
    {
      g_free (lines);
      return;
    }
  if (!_sm_render_clip_pixels (cr, &ox, &oy, &width, &height))
    {
      g_free (lines);
      return;
    }
  /* The masks of the frame before, when of this size: painting left
   * them clear, so there is no need to make and clear megabytes afresh
   * for every frame. */
  if (self->kept_lines != NULL && self->kept_lines->width == width && self->kept_lines->height == height)
    {
      lines->mask = g_steal_pointer (&self->kept_lines->mask);
      lines->columns = g_steal_pointer (&self->kept_lines->columns);
    }
  else
    {
      lines->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
      if (cairo_surface_status (lines->mask) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (lines->mask);
          g_free (lines);
          return;
        }
      lines->columns = g_malloc0 ((gsize) width * height);
    }
  g_clear_pointer (&self->kept_lines, _sm_render_lines_free);
  cairo_surface_flush (lines->mask);
  lines->data = cairo_image_surface_get_data (lines->mask);
  lines->stride = cairo_image_surface_get_stride (lines->mask);
  lines->ox = ox, lines->oy = oy, lines->width = width, lines->height = height;
  lines->x0 = width, lines->y0 = height, lines->x1 = lines->y1 = 0;
  self->lines = lines;
}

/* Frees a batch and its masks. */
void
_sm_render_lines_free (LineBatch *lines)
{
  g_clear_pointer (&lines->mask, cairo_surface_destroy);
  g_free (lines->columns);
  g_free (lines);
}

/* Paints the lines laid down so far and empties the mask: before
 * anything else is drawn that they must be under. */
void
_sm_render_lines_flush (SmRenderer *self,
                        cairo_t    *cr)
{
  LineBatch *lines = self->lines;

  if (lines == NULL || lines->x1 <= lines->x0 || lines->y1 <= lines->y0)
    return;
  /* The steep lines over the others, as OVER would lay them; in blocks,
   * so that the mask on its side is read a few rows at a time. */
  for (int by = lines->y0; by < lines->y1; by += 64)
    for (int bx = lines->x0; bx < lines->x1; bx += 64)
      for (int y = by; y < MIN (by + 64, lines->y1); y++)
        {
          guint8 *row = lines->data + (gsize) y * lines->stride;

          for (int x = bx; x < MIN (bx + 64, lines->x1); x++)
            row[x] += (lines->columns[(gsize) x * lines->height + y] * (255 - row[x]) + 127) / 255;
        }
  for (int x = lines->x0; x < lines->x1; x++)
    memset (lines->columns + (gsize) x * lines->height + lines->y0, 0, lines->y1 - lines->y0);
  cairo_surface_mark_dirty (lines->mask);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_rectangle (cr, lines->ox + lines->x0, lines->oy + lines->y0, lines->x1 - lines->x0, lines->y1 - lines->y0);
  cairo_clip (cr);
  _sm_render_set_rgb (cr, lines->colour);
  cairo_mask_surface (cr, lines->mask, lines->ox, lines->oy);
  cairo_restore (cr);
  cairo_surface_flush (lines->mask);
  for (int y = lines->y0; y < lines->y1; y++)
    memset (lines->data + (gsize) y * lines->stride + lines->x0, 0, lines->x1 - lines->x0);
  lines->x0 = lines->width, lines->y0 = lines->height, lines->x1 = lines->y1 = 0;
}

/* The largest masks kept for the next frame, in pixels: a canvas on a
 * large screen at twice its size. A picture exported larger makes its
 * own and lets them go. */
#define LINES_KEPT_MAX (4096 * 2400)

/* Paints what is left and stops laying lines into a mask, keeping the
 * masks, clear, for the next frame of the same size. */
void
_sm_render_lines_end (SmRenderer *self,
                      cairo_t    *cr)
{
  LineBatch *lines = self->lines;

  if (lines == NULL)
    return;
  _sm_render_lines_flush (self, cr);
  self->lines = NULL;
  if ((gint64) lines->width * lines->height > LINES_KEPT_MAX)
    {
      _sm_render_lines_free (lines);
      return;
    }
  g_clear_pointer (&self->kept_lines, _sm_render_lines_free);
  self->kept_lines = lines;
}

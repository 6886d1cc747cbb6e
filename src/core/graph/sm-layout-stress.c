/* sm-layout-stress.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-layout-private.h"

/* Tidy Up's last refinement on large maps, after the forces of
 * sm-layout-force.c: towards less stress. */

#define SEED_REFINE G_GUINT64_CONSTANT (0x5354524553530a00) /* the refinement's shuffles */
#define STRESS_PIVOTS 16
#define STRESS_EPOCHS 8
#define STRESS_STEP_FIRST 0.9 /* the step weights, first epoch … */
#define STRESS_STEP_LAST 0.09 /* … and last, falling by the same factor each */

/* splitmix64: the refinement's order, the same on every platform. */
static guint64
stress_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Stress: how far each pair's distance on the page is from its distance
 * in the network (steps), which the forces only keep roughly. The picture
 * the levels left is refined towards less stress with the sparse model of
 * Ortmann, Klimenta and Brandes ("A sparse stress model", 2016): a few
 * pivots, spread out by taking each time the one farthest from those
 * taken, stand for the stakeholders nearest them, and each stakeholder
 * keeps to its distance from every pivot, weighted by how many the pivot
 * stands for within half that distance over its square. The steps are
 * Zheng, Pawar and Goodman's ("Graph drawing by stochastic gradient
 * descent", 2018): each term in turn moves its stakeholder part of the
 * way to where the term wants it, the part shrinking epoch by epoch,
 * stakeholders taken in a shuffled order. The steps start small: the
 * picture is nearly settled, and stronger steps bring back crossings.
 * Only the component of the first stakeholder with most relationships is
 * refined, where the pivots are. */
void
_sm_layout_stress_refine (guint        n,
                          const guint *start,
                          const guint *adj,
                          double      *x,
                          double      *y)
{
  guint             k = MIN (STRESS_PIVOTS, n), hub = 0, reached;
  g_autofree guint *dist = g_new (guint, MAX (n, 1));
  g_autofree guint *queue = g_new (guint, MAX (n, 1));
  g_autofree guint *nearest = g_new (guint, MAX (n, 1)); /* steps to the nearest pivot */
  g_autofree guint *region = g_new (guint, MAX (n, 1));  /* which pivot that is */
  g_autofree guint *pivot = g_new (guint, MAX (k, 1));
  g_autofree float *want = g_new (float, (gsize) MAX (n, 1) * k); /* steps to each pivot */
  g_autofree float *weight = g_new0 (float, (gsize) MAX (n, 1) * k);
  g_autofree guint *within = NULL;
  guint64           state = SEED_REFINE;
  double            se = 0, sd = 0, unit;

  if (n < 3 || k < 2)
    return;
  for (guint i = 1; i < n; i++)
    if (start[i + 1] - start[i] > start[hub + 1] - start[hub])
      hub = i;
  for (guint i = 0; i < n; i++)
    nearest[i] = G_MAXUINT;

  /* Pivots, and each stakeholder's steps to every one. */
  pivot[0] = hub;
  for (guint p = 0; p < k; p++)
    {
      guint far = pivot[p], farthest = 0;

      reached = _sm_layout_steps_from (n, start, adj, pivot[p], dist, queue);
      if (reached < 3)
        return;
      for (guint i = 0; i < n; i++)
        {
          want[(gsize) i * k + p] = dist[i];
          if (dist[i] < nearest[i])
            nearest[i] = dist[i], region[i] = p;
          if (nearest[i] != G_MAXUINT && nearest[i] > farthest)
            farthest = nearest[i], far = i;
        }
      if (p + 1 < k)
        pivot[p + 1] = far;
    }

  /* How many each pivot stands for within each number of steps, and so
   * each term's weight (in shares of a pivot's fair part, so that the
   * steps do as much at every size). */
  {
    guint longest = 0;

    for (guint i = 0; i < n; i++)
      if (nearest[i] != G_MAXUINT)
        longest = MAX (longest, nearest[i]);
    within = g_new0 (guint, (gsize) k * (longest + 1));
    for (guint i = 0; i < n; i++)
      if (nearest[i] != G_MAXUINT)
        within[(gsize) region[i] * (longest + 1) + nearest[i]]++;
    for (guint p = 0; p < k; p++)
      for (guint s = 1; s <= longest; s++)
        within[(gsize) p * (longest + 1) + s] += within[(gsize) p * (longest + 1) + s - 1];
    for (guint i = 0; i < n; i++)
      for (guint p = 0; p < k; p++)
        {
          double d = want[(gsize) i * k + p];

          if (d < 2 || nearest[i] == G_MAXUINT)
            continue;
          weight[(gsize) i * k + p] =
            within[(gsize) p * (longest + 1) + MIN ((guint) d / 2, longest)] * (double) k / reached / (d * d);
        }
  }

  /* In units of the length that fits the picture best. */
  for (guint i = 0; i < n; i++)
    for (guint p = 0; p < k; p++)
      {
        double w = weight[(gsize) i * k + p], d = want[(gsize) i * k + p];

        se += w * d * hypot (x[i] - x[pivot[p]], y[i] - y[pivot[p]]);
        sd += w * d * d;
      }
  if (!(se > 0) || !(sd > 0))
    return;
  unit = se / sd;

  for (guint e = 0; e < STRESS_EPOCHS; e++)
    {
      double eta = STRESS_STEP_FIRST * pow (STRESS_STEP_LAST / STRESS_STEP_FIRST, (double) e / (STRESS_EPOCHS - 1));

      for (guint i = 0; i < n; i++)
        queue[i] = i;
      for (guint i = n; i > 1; i--)
        {
          guint r = (guint) (stress_random (&state) % i), t = queue[i - 1];

          queue[i - 1] = queue[r], queue[r] = t;
        }
      for (guint o = 0; o < n; o++)
        {
          guint  i = queue[o];
          double xi = x[i], yi = y[i];

          for (guint p = 0; p < k; p++)
            {
              double w = weight[(gsize) i * k + p];
              double dx, dy, length, mu;

              if (w == 0)
                continue;
              dx = xi - x[pivot[p]], dy = yi - y[pivot[p]];
              length = sqrt (dx * dx + dy * dy);
              if (length < 1e-9)
                continue;
              /* Part of the way to the term's distance along the line
               * from the pivot. */
              mu = MIN (1.0, eta * w);
              length = mu * (length - unit * want[(gsize) i * k + p]) / length;
              xi -= length * dx, yi -= length * dy;
            }
          x[i] = xi, y[i] = yi;
        }
    }
}

/* bench-timing.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Milliseconds and medians, for bench-core and bench-canvas alike. */

#pragma once

#include <glib.h>

static inline double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of the samples (the mean of the middle two for an even
 * count); sorts them. */
static inline double
median (GArray *samples)
{
  guint n = samples->len;

  if (n == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);
  return (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

static inline GArray *
samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static inline void
samples_add (GArray *samples,
             double  ms)
{
  g_array_append_val (samples, ms);
}

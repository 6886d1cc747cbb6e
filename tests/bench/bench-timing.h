/* bench-timing.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Milliseconds and medians, for bench-core and bench-canvas alike. */

#pragma once

#include <glib.h>

#include <stdlib.h>
#include <time.h>

/* The time now, in milliseconds: wall-clock time, or with
 * STAKEMAP_BENCH_CPU_TIME=1 in the environment the processor time of the
 * calling thread, which says more than the clock on a machine busy with
 * other work (it leaves out time spent waiting for a core). */
static inline double
now_ms (void)
{
  static int cpu = -1;

  if (cpu < 0)
    cpu = g_strcmp0 (getenv ("STAKEMAP_BENCH_CPU_TIME"), "1") == 0;
  if (cpu)
    {
      struct timespec t;

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
      return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
    }
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

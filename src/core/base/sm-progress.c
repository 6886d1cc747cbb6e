/* sm-progress.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-progress.h"

struct _SmProgress
{
  GObject parent_instance;

  /* Written by the working thread, read by any: under the lock. */
  GMutex lock;
  double fraction;
  char  *stage;
  /* A sub-range of the whole: work that is one part of a larger job
   * (the evaluation inside a report, betweenness inside the evaluation)
   * reports 0–1 of its own part. Ranges nest: the stack keeps the outer
   * ones. */
  double  start;
  double  end;
  GArray *outer; /* double pairs: start, end */

  SmProgressFunc func;
  gpointer       user_data;
  GDestroyNotify destroy;
};

G_DEFINE_FINAL_TYPE (SmProgress, sm_progress, G_TYPE_OBJECT)

static void
sm_progress_finalize (GObject *object)
{
  SmProgress *self = (SmProgress *) object;

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self->stage);
  g_array_unref (self->outer);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sm_progress_parent_class)->finalize (object);
}

static void
sm_progress_class_init (SmProgressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_progress_finalize;
}

static void
sm_progress_init (SmProgress *self)
{
  g_mutex_init (&self->lock);
  self->end = 1.0;
  self->outer = g_array_new (FALSE, FALSE, sizeof (double));
}

SmProgress *
sm_progress_new (void)
{
  return g_object_new (SM_TYPE_PROGRESS, NULL);
}

/* Set before the work starts: @func runs on the working thread. */
void
sm_progress_set_func (SmProgress    *self,
                      SmProgressFunc func,
                      gpointer       user_data,
                      GDestroyNotify destroy)
{
  g_return_if_fail (SM_IS_PROGRESS (self));

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;
}

/**
 * sm_progress_update:
 * @self: (nullable): the progress, or %NULL when nobody watches
 * @fraction: 0 to 1 of the current range; negative keeps the fraction
 * @stage: (nullable): what is being done, in words; %NULL keeps it
 */
void
sm_progress_update (SmProgress *self,
                    double      fraction,
                    const char *stage)
{
  double           whole;
  g_autofree char *stage_copy = NULL;

  if (self == NULL)
    return;
  g_return_if_fail (SM_IS_PROGRESS (self));

  g_mutex_lock (&self->lock);
  if (fraction >= 0)
    self->fraction = self->start + CLAMP (fraction, 0.0, 1.0) * (self->end - self->start);
  if (stage != NULL && g_strcmp0 (stage, self->stage) != 0)
    {
      g_free (self->stage);
      self->stage = g_strdup (stage);
    }
  whole = self->fraction;
  if (self->func != NULL)
    stage_copy = g_strdup (self->stage);
  g_mutex_unlock (&self->lock);

  if (self->func != NULL)
    self->func (self, whole, stage_copy, self->user_data);
}

/* Until the matching sm_progress_pop_range(), updates fill [@start, @end]
 * of the current range. */
void
sm_progress_push_range (SmProgress *self,
                        double      start,
                        double      end)
{
  double width;

  if (self == NULL)
    return;
  g_return_if_fail (SM_IS_PROGRESS (self));

  g_mutex_lock (&self->lock);
  g_array_append_val (self->outer, self->start);
  g_array_append_val (self->outer, self->end);
  width = self->end - self->start;
  start = CLAMP (start, 0.0, 1.0);
  end = CLAMP (end, start, 1.0);
  self->end = self->start + end * width;
  self->start = self->start + start * width;
  self->fraction = MAX (self->fraction, self->start);
  g_mutex_unlock (&self->lock);
}

/* Back to the range before the last sm_progress_push_range(), at its end. */
void
sm_progress_pop_range (SmProgress *self)
{
  if (self == NULL)
    return;
  g_return_if_fail (SM_IS_PROGRESS (self));

  g_mutex_lock (&self->lock);
  g_return_if_fail (self->outer->len >= 2);
  self->fraction = MAX (self->fraction, self->end);
  self->end = g_array_index (self->outer, double, self->outer->len - 1);
  self->start = g_array_index (self->outer, double, self->outer->len - 2);
  g_array_set_size (self->outer, self->outer->len - 2);
  g_mutex_unlock (&self->lock);
}

double
sm_progress_get_fraction (SmProgress *self)
{
  double fraction;

  g_return_val_if_fail (SM_IS_PROGRESS (self), 0.0);

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

char *
sm_progress_dup_stage (SmProgress *self)
{
  char *stage;

  g_return_val_if_fail (SM_IS_PROGRESS (self), NULL);

  g_mutex_lock (&self->lock);
  stage = g_strdup (self->stage);
  g_mutex_unlock (&self->lock);
  return stage;
}

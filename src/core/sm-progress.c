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
  char *stage;
  /* A sub-range of the whole: work that is one part of a larger job
   * (the evaluation inside a report) reports 0–1 of its own part. */
  double start;
  double end;

  SmProgressFunc func;
  gpointer user_data;
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
}

SmProgress *
sm_progress_new (void)
{
  return g_object_new (SM_TYPE_PROGRESS, NULL);
}

/* Set before the work starts: @func runs on the working thread. */
void
sm_progress_set_func (SmProgress     *self,
                      SmProgressFunc  func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
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
  double whole;
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

/* Later updates fill [@start, @end] of the whole. */
void
sm_progress_set_range (SmProgress *self,
                       double      start,
                       double      end)
{
  if (self == NULL)
    return;
  g_return_if_fail (SM_IS_PROGRESS (self));

  g_mutex_lock (&self->lock);
  self->start = CLAMP (start, 0.0, 1.0);
  self->end = CLAMP (end, self->start, 1.0);
  self->fraction = self->start;
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

/* sm-evaluator.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeps one map's evaluation current for the views that read it: when to
 * evaluate (a pause after edits, only while someone reads the results),
 * where (at once on a small map, on a worker for a big one) and which
 * result may land (only one of the map as it is now). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-evaluation-store.h"
#include "sm-evaluator-private.h"
#include "sm-record.h"

/* A burst of edits (typing a name, dragging) becomes one evaluation. */
#define REEVALUATE_DELAY_MS 200

/* Evaluation runs on a worker thread, on a copy of the map (sm_map_copy),
 * so the window never freezes: on a map of 100,000 stakeholders it takes
 * minutes. A small map is evaluated at once on the main thread instead:
 * there it takes a few milliseconds, less than copying the map and
 * starting a thread, and the result is there before the next frame. */
#define EVALUATE_IN_THREAD_FROM 1000 /* stakeholders and relationships */

struct _SmEvaluator
{
  GObject parent_instance;

  SmMap        *map;
  SmEvaluation *evaluation;
  SmLens        lens;
  guint         pending;
  gboolean      dirty;
  gboolean      active; /* someone reads the results */
  guint         n_evaluations;
  guint         background_from;

  /* The evaluation running on a worker thread, if any. */
  GCancellable *cancellable;
  SmProgress   *progress;
  gint64        started;
  gboolean      stopped; /* the group pressed Stop: wait to be asked again */

  char       *highlight_rule; /* whose evidence glows on the map */
  GHashTable *highlight;

  /* What the edits since the evaluation shown touched: the next one runs
   * only the rules that read it (sm_evaluate_update). */
  SmEvalInputs changed;
  gboolean     record_noted; /* a record signal came before "changed" */
};

G_DEFINE_FINAL_TYPE (SmEvaluator, sm_evaluator, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MAP,
  PROP_EVALUATION,
  PROP_ACTIVE,
  PROP_LENS,
  PROP_RUNNING,
  PROP_DIRTY,
  PROP_STOPPED,
  PROP_HIGHLIGHT_RULE,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_dirty (SmEvaluator *self,
           gboolean     dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
set_stopped (SmEvaluator *self,
             gboolean     stopped)
{
  if (self->stopped == stopped)
    return;
  self->stopped = stopped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
}

/* Highlighting evidence on the map */

/* Adds the ids of stakeholders named in @node: a string, or an array of
 * strings or of objects with @member ("members": [{"stakeholder": …}]). */
static void
add_refs (JsonNode   *node,
          const char *member,
          GHashTable *ids)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) && member != NULL)
        element = json_object_get_member (json_node_get_object (element), member);
      if (element != NULL && JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING)
        g_hash_table_add (ids, g_strdup (json_node_get_string (element)));
    }
}

/* What lights up on the map for a piece of evidence: the record itself, or
 * for a space or a decision, which are not drawn, the people in it. */
static void
light_record (SmMap      *map,
              const char *id,
              GHashTable *ids)
{
  SmRecord *record = sm_map_lookup (map, id);

  g_hash_table_add (ids, g_strdup (id));
  if (record == NULL)
    return;
  if (sm_record_get_kind (record) == SM_RECORD_SPACE)
    add_refs (sm_record_get_value (record, "members"), "stakeholder", ids);
  else if (sm_record_get_kind (record) == SM_RECORD_DECISION)
    add_refs (sm_record_get_value (record, "decided_by"), NULL, ids);
}

static void
set_highlight (SmEvaluator *self,
               GHashTable  *ids)
{
  if (ids == NULL && self->highlight == NULL)
    return;
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  if (ids != NULL)
    self->highlight = g_hash_table_ref (ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

/* The evidence of the finding picked, in the evaluation as it is now: the
 * map may have changed since the finding was picked. */
static void
update_highlight (SmEvaluator *self)
{
  SmRuleResult *result = NULL;
  g_autoptr(GHashTable) ids = NULL;

  if (self->highlight_rule == NULL)
    return;
  if (self->evaluation != NULL)
    {
      result = sm_evaluation_lookup (self->evaluation, self->highlight_rule);
      if (result == NULL)
        result = sm_evaluation_lookup_check (self->evaluation, self->highlight_rule);
    }
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (result != NULL)
    for (guint i = 0; i < result->evidence->len; i++)
      light_record (self->map, ((SmEvidence *) g_ptr_array_index (result->evidence, i))->id, ids);
  set_highlight (self, g_hash_table_size (ids) > 0 ? ids : NULL);
}

/* Evaluating */

static void
show_result (SmEvaluator  *self,
             SmEvaluation *evaluation)
{
  g_clear_pointer (&self->evaluation, sm_evaluation_free);
  self->evaluation = evaluation;
  self->n_evaluations++;
  update_highlight (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATION]);
}

/* Stops the evaluation running on the worker thread, if any: its result
 * will never be shown. */
static void
cancel_running (SmEvaluator *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
evaluate_sync (SmEvaluator *self)
{
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (self->map);
  gint64 start = g_get_monotonic_time ();

  cancel_running (self);
  g_clear_handle_id (&self->pending, g_source_remove);
  set_dirty (self, FALSE);
  set_stopped (self, FALSE);
  show_result (self, sm_evaluate_update (self->map, config, self->lens, self->evaluation, self->changed,
                                         NULL, NULL, NULL));
  self->changed = SM_EVAL_INPUT_NONE;
  g_debug ("Evaluated in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

typedef struct
{
  SmMap        *map; /* the window's: only sm_map_copy_full() reads it */
  SmEvalConfig *config;
  SmLens        lens;
  SmProgress   *progress;
  SmEvaluation *previous; /* a copy of the one shown, or NULL */
  SmEvalInputs  changed;  /* since then */
} EvaluateJob;

static void
evaluate_job_free (gpointer data)
{
  EvaluateJob *job = data;

  g_clear_object (&job->map);
  g_clear_pointer (&job->config, sm_eval_config_free);
  g_clear_object (&job->progress);
  g_clear_pointer (&job->previous, sm_evaluation_free);
  g_free (job);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EvaluateJob *job = task_data;
  g_autoptr(SmMap) snapshot = NULL;
  GError       *error = NULL;
  SmEvaluation *evaluation = NULL;

  /* The copy is made here, not on the main thread: it takes seconds on a
   * map of 100,000 stakeholders. The evaluation reads only the copy, and
   * freeing it (a while too) also happens here. */
  sm_progress_update (job->progress, 0.0, _ ("Reading the map…"));
  snapshot = sm_map_copy_full (job->map, cancellable, &error);
  if (snapshot != NULL)
    evaluation = sm_evaluate_update (snapshot, job->config, job->lens, job->previous, job->changed,
                                     cancellable, job->progress, &error);
  if (evaluation == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, evaluation, (GDestroyNotify) sm_evaluation_free);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* On the main thread. The task holds only a weak reference on the
 * evaluator, so a window closed in the middle goes away at once (dispose
 * cancels the run). A cancelled run (an edit came in, nobody reads the
 * results any more, the window closed, or Stop was pressed) shows
 * nothing. Every edit cancels the run, so a result that arrives is of
 * the map as it is now. */
static void
evaluate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SmEvaluator) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  SmEvaluation *evaluation;

  weak_ref_free (user_data);
  /* The window's map is let go here, on its own thread. */
  g_clear_object (&((EvaluateJob *) g_task_get_task_data (G_TASK (result)))->map);
  evaluation = g_task_propagate_pointer (G_TASK (result), &error);
  if (evaluation == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not evaluate the map: %s", error->message);
      return;
    }
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      sm_evaluation_free (evaluation);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);
  g_debug ("Evaluated in the background in %.1f ms",
           (g_get_monotonic_time () - self->started) / 1000.0);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  /* Every edit cancels the run: this is of the map as it is now. */
  self->changed = SM_EVAL_INPUT_NONE;
  show_result (self, evaluation);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sm_evaluator_evaluate:
 *
 * Evaluates the map as it is now, whether or not anyone reads the
 * results: at once on a small map, on a worker thread on a big one (the
 * result lands later, unless an edit makes it out of date first).
 */
void
sm_evaluator_evaluate (SmEvaluator *self)
{
  g_autoptr(GTask) task = NULL;
  EvaluateJob *job;
  GWeakRef    *ref;

  g_return_if_fail (SM_IS_EVALUATOR (self));

  if (!sm_evaluator_get_in_background (self))
    {
      evaluate_sync (self);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  cancel_running (self);
  g_clear_handle_id (&self->pending, g_source_remove);
  set_dirty (self, FALSE);
  set_stopped (self, FALSE);

  /* The worker copies the map and reads only the copy; the window goes on
   * editing the map (sm_map_copy_full). */
  job = g_new0 (EvaluateJob, 1);
  job->map = g_object_ref (self->map);
  job->config = sm_map_dup_eval_config (self->map);
  job->lens = self->lens;
  job->progress = sm_progress_new ();
  /* A copy: the one shown may be replaced while the worker reads it. */
  job->previous = self->evaluation != NULL ? sm_evaluation_copy (self->evaluation) : NULL;
  job->changed = self->changed;

  self->cancellable = g_cancellable_new ();
  self->progress = g_object_ref (job->progress);
  self->started = g_get_monotonic_time ();

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->cancellable, evaluate_done_cb, ref);
  g_task_set_source_tag (task, sm_evaluator_evaluate);
  g_task_set_name (task, "[stakemap] evaluate");
  g_task_set_task_data (task, job, evaluate_job_free);
  g_task_run_in_thread (task, evaluate_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
evaluate_cb (gpointer user_data)
{
  SmEvaluator *self = user_data;

  self->pending = 0;
  sm_evaluator_evaluate (self);
  return G_SOURCE_REMOVE;
}

/* Nobody reading, the evaluator only notes that it is out of date: a
 * large map is not evaluated on every edit for nobody to read. An edit
 * makes a running evaluation out of date: it is stopped, and a new one
 * starts when the edits pause. */
static void
map_changed_cb (SmEvaluator *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_dirty (self, TRUE);
  cancel_running (self);
  if (self->pending == 0 && self->active)
    self->pending = g_timeout_add (REEVALUATE_DELAY_MS, evaluate_cb, self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Where a stakeholder sits on the canvas is read by no rule: dragging one
 * re-evaluates nothing but the data checks. */
static void
record_changed_cb (SmEvaluator *self,
                   SmRecord    *record,
                   const char  *path)
{
  self->record_noted = TRUE;
  if (g_strcmp0 (path, "x") == 0 || g_strcmp0 (path, "y") == 0)
    self->changed |= SM_EVAL_INPUT_OTHER;
  else
    self->changed |= sm_eval_inputs_for_kind (sm_record_get_kind (record));
}

static void
record_added_cb (SmEvaluator *self,
                 SmRecord    *record)
{
  self->record_noted = TRUE;
  self->changed |= sm_eval_inputs_for_kind (sm_record_get_kind (record));
}

/* A change no record signal told about (thresholds, snapshots, anything
 * new) may touch any rule. */
static void
changed_cb (SmEvaluator *self)
{
  if (!self->record_noted)
    self->changed = SM_EVAL_INPUT_ALL;
  self->record_noted = FALSE;
  map_changed_cb (self);
}

static void
sm_evaluator_dispose (GObject *object)
{
  SmEvaluator *self = (SmEvaluator *) object;

  g_clear_handle_id (&self->pending, g_source_remove);
  /* A run still going ends soon and shows nothing (evaluate_done_cb). */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->evaluation, sm_evaluation_free);
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  g_clear_pointer (&self->highlight_rule, g_free);

  G_OBJECT_CLASS (sm_evaluator_parent_class)->dispose (object);
}

static void
sm_evaluator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SmEvaluator *self = SM_EVALUATOR (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_EVALUATION:
      g_value_set_pointer (value, self->evaluation);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_LENS:
      g_value_set_int (value, self->lens);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_STOPPED:
      g_value_set_boolean (value, self->stopped);
      break;
    case PROP_HIGHLIGHT_RULE:
      g_value_set_string (value, self->highlight_rule);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_boxed (value, self->highlight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_evaluator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SmEvaluator *self = SM_EVALUATOR (object);

  switch (prop_id)
    {
    case PROP_MAP:
      self->map = g_value_dup_object (value);
      break;
    case PROP_ACTIVE:
      sm_evaluator_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_LENS:
      sm_evaluator_set_lens (self, g_value_get_int (value));
      break;
    case PROP_HIGHLIGHT_RULE:
      sm_evaluator_set_highlight_rule (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_evaluator_constructed (GObject *object)
{
  SmEvaluator *self = (SmEvaluator *) object;

  G_OBJECT_CLASS (sm_evaluator_parent_class)->constructed (object);

  g_assert (SM_IS_MAP (self->map));
  g_signal_connect_swapped (self->map, "record-changed", G_CALLBACK (record_changed_cb), self);
  g_signal_connect_swapped (self->map, "record-added", G_CALLBACK (record_added_cb), self);
  g_signal_connect_swapped (self->map, "record-removed", G_CALLBACK (record_added_cb), self);
  g_signal_connect_swapped (self->map, "changed", G_CALLBACK (changed_cb), self);
  /* Thresholds and responses change without the map's records changing. */
  g_signal_connect_swapped (self->map, "evaluation-changed", G_CALLBACK (changed_cb), self);
}

static void
sm_evaluator_class_init (SmEvaluatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sm_evaluator_constructed;
  object_class->dispose = sm_evaluator_dispose;
  object_class->get_property = sm_evaluator_get_property;
  object_class->set_property = sm_evaluator_set_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, SM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The latest SmEvaluation (owned by the evaluator), NULL before the
   * first. Notified each time a new one lands. */
  properties[PROP_EVALUATION] =
    g_param_spec_pointer ("evaluation", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* TRUE while someone reads the results (the Evaluation page is on
   * screen): the evaluation follows the map, and the map shows what the
   * findings are about. */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An SmLens: which findings come first. */
  properties[PROP_LENS] =
    g_param_spec_int ("lens", NULL, NULL, SM_LENS_NONE, SM_LENS_PROVOCATION, SM_LENS_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An evaluation runs on a worker thread. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The map changed since the evaluation shown was made. */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The group stopped a run: no evaluation starts until asked. */
  properties[PROP_STOPPED] =
    g_param_spec_boolean ("stopped", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The rule or check whose evidence is picked out on the map. */
  properties[PROP_HIGHLIGHT_RULE] =
    g_param_spec_string ("highlight-rule", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The ids that evidence lights up (a set of strings), or NULL. */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_boxed ("highlight", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_evaluator_init (SmEvaluator *self)
{
  self->dirty = TRUE;
  self->changed = SM_EVAL_INPUT_ALL;
  self->background_from = EVALUATE_IN_THREAD_FROM;
}

SmEvaluator *
sm_evaluator_new (SmMap *map)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return g_object_new (SM_TYPE_EVALUATOR, "map", map, NULL);
}

SmMap *
sm_evaluator_get_map (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), NULL);
  return self->map;
}

/* The latest evaluation, NULL before the first; it may be of the map as
 * it was a moment ago (see sm_evaluator_flush()). */
SmEvaluation *
sm_evaluator_get_evaluation (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), NULL);
  return self->evaluation;
}

/* How many evaluations have landed. */
guint
sm_evaluator_get_n_evaluations (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), 0);
  return self->n_evaluations;
}

gboolean
sm_evaluator_get_active (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), FALSE);
  return self->active;
}

/**
 * sm_evaluator_set_active:
 *
 * Someone starts or stops reading the results. Starting, the map is
 * evaluated if it changed since (unless the group stopped the last run);
 * stopping, a pending or running evaluation is dropped until next time,
 * and no evidence is picked out any more.
 */
void
sm_evaluator_set_active (SmEvaluator *self,
                         gboolean     active)
{
  g_return_if_fail (SM_IS_EVALUATOR (self));

  active = !!active;
  if (self->active == active)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  if (active)
    {
      if ((self->dirty || self->evaluation == NULL) && self->cancellable == NULL && !self->stopped)
        sm_evaluator_evaluate (self);
    }
  else
    {
      /* Evidence glows only while its finding is on screen. */
      sm_evaluator_set_highlight_rule (self, NULL);
      if (self->pending != 0)
        {
          g_clear_handle_id (&self->pending, g_source_remove);
          set_dirty (self, TRUE);
        }
      /* Nobody reads it: stop, and start again when read. */
      if (self->cancellable != NULL)
        {
          cancel_running (self);
          set_dirty (self, TRUE);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
}

SmLens
sm_evaluator_get_lens (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), SM_LENS_NONE);
  return self->lens;
}

/* The lens re-orders the findings: the map is evaluated again at once. */
void
sm_evaluator_set_lens (SmEvaluator *self,
                       SmLens       lens)
{
  g_return_if_fail (SM_IS_EVALUATOR (self));

  if (lens > SM_LENS_PROVOCATION || lens == self->lens)
    return;
  self->lens = lens;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS]);
  sm_evaluator_evaluate (self);
}

/* TRUE while an evaluation runs on the worker thread. */
gboolean
sm_evaluator_get_running (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), FALSE);
  return self->cancellable != NULL;
}

/* How far the run on the worker is, NULL when none runs. */
SmProgress *
sm_evaluator_get_progress (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), NULL);
  return self->progress;
}

/* When the run on the worker started (g_get_monotonic_time()). */
gint64
sm_evaluator_get_started (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), 0);
  return self->started;
}

gboolean
sm_evaluator_get_dirty (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), FALSE);
  return self->dirty;
}

gboolean
sm_evaluator_get_stopped (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), FALSE);
  return self->stopped;
}

/* TRUE when the map is big enough to be evaluated on a worker thread, so
 * sm_evaluator_flush() would keep the caller waiting. */
gboolean
sm_evaluator_get_in_background (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), FALSE);

  return sm_collection_get_size (sm_map_get_stakeholders (self->map)) +
           sm_collection_get_size (sm_map_get_relationships (self->map)) >=
         self->background_from;
}

/**
 * sm_evaluator_flush:
 *
 * Makes the evaluation of the map as it is now, at once and on this
 * thread, if the one there is not: instead of after the pause that
 * gathers a burst of edits into one, or of waiting for the worker.
 */
void
sm_evaluator_flush (SmEvaluator *self)
{
  g_return_if_fail (SM_IS_EVALUATOR (self));

  if (self->dirty || self->pending != 0 || self->evaluation == NULL || self->cancellable != NULL)
    evaluate_sync (self);
}

/* The group pressed Stop: the run ends without a result, and none starts
 * again until asked (sm_evaluator_evaluate()). */
void
sm_evaluator_stop (SmEvaluator *self)
{
  g_return_if_fail (SM_IS_EVALUATOR (self));

  if (self->cancellable == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  cancel_running (self);
  set_dirty (self, TRUE);
  set_stopped (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
sm_evaluator_get_highlight_rule (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), NULL);
  return self->highlight_rule;
}

/**
 * sm_evaluator_set_highlight_rule:
 * @rule_id: (nullable): a rule or check id, %NULL for none
 *
 * Picks out the evidence of one finding on the map; it follows the map as
 * new evaluations land.
 */
void
sm_evaluator_set_highlight_rule (SmEvaluator *self,
                                 const char  *rule_id)
{
  g_return_if_fail (SM_IS_EVALUATOR (self));

  if (g_strcmp0 (rule_id, self->highlight_rule) != 0)
    {
      g_free (self->highlight_rule);
      self->highlight_rule = g_strdup (rule_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_RULE]);
    }
  if (rule_id == NULL)
    set_highlight (self, NULL);
  else
    update_highlight (self);
}

/* The ids picked out as evidence (a set of strings), or NULL. */
GHashTable *
sm_evaluator_get_highlight (SmEvaluator *self)
{
  g_return_val_if_fail (SM_IS_EVALUATOR (self), NULL);
  return self->highlight;
}

/* Test hooks */

void
_sm_evaluator_test_set_background_from (SmEvaluator *self,
                                        guint        n_records)
{
  g_return_if_fail (SM_IS_EVALUATOR (self));
  self->background_from = n_records;
}

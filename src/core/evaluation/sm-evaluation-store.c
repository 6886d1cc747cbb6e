/* sm-evaluation-store.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-evaluation-store.h"
#include "sm-json.h"
#include "sm-map-private.h"

/* The map keeps the file's "evaluation" member as it was read (so members
 * this version does not know survive), and never changes it in place: a
 * command builds a changed copy and swaps it in, and undo swaps the old one
 * back. The typed views below are read from it on demand. */

void
sm_response_free (SmResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->id);
  g_free (response->rule);
  g_free (response->text);
  g_free (response->by);
  g_free (response->at);
  g_free (response);
}

void
sm_threshold_change_free (SmThresholdChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_free (change->by);
  g_free (change->at);
  g_free (change->reason);
  g_free (change);
}

void
sm_eval_snapshot_free (SmEvalSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->date);
  g_free (snapshot->recorded_at);
  g_clear_pointer (&snapshot->values, g_hash_table_unref);
  g_clear_pointer (&snapshot->rule_status, g_hash_table_unref);
  g_clear_pointer (&snapshot->principle_status, g_hash_table_unref);
  g_free (snapshot);
}

/* Reading */

static const char *
object_get_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
object_get_number (JsonObject *object,
                   const char *name,
                   double      fallback)
{
  JsonNode *node = json_object_get_member (object, name);
  GType     type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return fallback;
  return json_node_get_double (node);
}

/* The objects of the evaluation's array @name; empty when there is none. */
static GPtrArray *
list_objects (SmMap      *map,
              const char *name)
{
  JsonObject *evaluation = _sm_map_get_evaluation (map);
  GPtrArray  *objects = g_ptr_array_new ();
  JsonNode   *node;
  JsonArray  *array;

  if (evaluation == NULL)
    return objects;
  node = json_object_get_member (evaluation, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return objects;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (objects, json_node_get_object (element));
    }
  return objects;
}

/* The map's thresholds object, or NULL. */
static JsonObject *
get_thresholds (SmMap *map)
{
  JsonObject *evaluation = _sm_map_get_evaluation (map);
  JsonNode   *node;

  if (evaluation == NULL)
    return NULL;
  node = json_object_get_member (evaluation, "thresholds");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/**
 * sm_map_dup_eval_config:
 *
 * The defaults of principles.md §10 with the map's thresholds applied.
 * Keys this version does not know are kept in the file but ignored here.
 */
SmEvalConfig *
sm_map_dup_eval_config (SmMap *map)
{
  SmEvalConfig  *config;
  JsonObject    *thresholds;
  JsonObjectIter iter;
  const char    *key;
  JsonNode      *value;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  config = sm_eval_config_new ();
  thresholds = get_thresholds (map);
  if (thresholds == NULL)
    return config;

  json_object_iter_init_ordered (&iter, thresholds);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      double v = object_get_number (thresholds, key, NAN);

      /* The loader refused invalid values of known keys already. */
      if (sm_eval_config_has_key (key) && isfinite (v))
        sm_eval_config_set (config, key, v, NULL);
    }
  return config;
}

static gboolean
response_kind_from_string (const char     *text,
                           SmResponseKind *kind)
{
  if (g_strcmp0 (text, "discuss") == 0)
    *kind = SM_RESPONSE_DISCUSS;
  else if (g_strcmp0 (text, "differ") == 0)
    *kind = SM_RESPONSE_DIFFER;
  else
    return FALSE;
  return TRUE;
}

static const char *
response_kind_to_string (SmResponseKind kind)
{
  return kind == SM_RESPONSE_DIFFER ? "differ" : "discuss";
}

/**
 * sm_map_dup_responses:
 * @rule: (nullable): a rule id, or %NULL for all
 *
 * Responses of a kind this version does not know are kept in the file but
 * not listed.
 *
 * Returns: (transfer full) (element-type SmResponse): oldest first
 */
GPtrArray *
sm_map_dup_responses (SmMap      *map,
                      const char *rule)
{
  g_autoptr(GPtrArray) objects = NULL;
  GPtrArray *responses;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  responses = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_response_free);
  objects = list_objects (map, "responses");
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject    *object = g_ptr_array_index (objects, i);
      SmResponse    *response;
      SmResponseKind kind;

      if (!response_kind_from_string (object_get_string (object, "kind"), &kind))
        continue;
      if (rule != NULL && g_strcmp0 (object_get_string (object, "rule"), rule) != 0)
        continue;

      response = g_new0 (SmResponse, 1);
      response->id = g_strdup (object_get_string (object, "id"));
      response->rule = g_strdup (object_get_string (object, "rule"));
      response->kind = kind;
      response->text = g_strdup (object_get_string (object, "text"));
      response->by = g_strdup (object_get_string (object, "by"));
      response->at = g_strdup (object_get_string (object, "at"));
      g_ptr_array_add (responses, response);
    }
  return responses;
}

/**
 * sm_map_dup_threshold_log:
 *
 * Returns: (transfer full) (element-type SmThresholdChange): oldest first
 */
GPtrArray *
sm_map_dup_threshold_log (SmMap *map)
{
  g_autoptr(GPtrArray) objects = NULL;
  GPtrArray *log;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  log = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_threshold_change_free);
  objects = list_objects (map, "threshold_log");
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject        *object = g_ptr_array_index (objects, i);
      SmThresholdChange *change = g_new0 (SmThresholdChange, 1);

      change->key = g_strdup (object_get_string (object, "key"));
      change->old_value = object_get_number (object, "old", NAN);
      change->new_value = object_get_number (object, "new", NAN);
      change->by = g_strdup (object_get_string (object, "by"));
      change->at = g_strdup (object_get_string (object, "at"));
      change->reason = g_strdup (object_get_string (object, "reason"));
      g_ptr_array_add (log, change);
    }
  return log;
}

static double *
double_new (double value)
{
  double *p = g_new (double, 1);

  *p = value;
  return p;
}

static SmEvalSnapshot *
snapshot_from_object (JsonObject *object)
{
  SmEvalSnapshot *snapshot = g_new0 (SmEvalSnapshot, 1);
  JsonNode       *node;

  snapshot->date = g_strdup (object_get_string (object, "date"));
  snapshot->version = (gint64) object_get_number (object, "version", 0);
  snapshot->recorded_at = g_strdup (object_get_string (object, "recorded_at"));
  snapshot->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  snapshot->rule_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  snapshot->principle_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  node = json_object_get_member (object, "rules");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char    *rule;
      JsonNode      *result;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &rule, &result))
        {
          const char *status;

          if (!JSON_NODE_HOLDS_OBJECT (result))
            continue;
          g_hash_table_insert (snapshot->values, g_strdup (rule),
                               double_new (object_get_number (json_node_get_object (result), "value", NAN)));
          status = object_get_string (json_node_get_object (result), "status");
          if (status != NULL)
            g_hash_table_insert (snapshot->rule_status, g_strdup (rule), g_strdup (status));
        }
    }

  node = json_object_get_member (object, "principles");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject    *principles = json_node_get_object (node);
      JsonObjectIter iter;
      const char    *id;
      JsonNode      *status;

      json_object_iter_init_ordered (&iter, principles);
      while (json_object_iter_next_ordered (&iter, &id, &status))
        if (object_get_string (principles, id) != NULL)
          g_hash_table_insert (snapshot->principle_status, g_strdup (id),
                               g_strdup (object_get_string (principles, id)));
    }
  return snapshot;
}

/* Orders snapshots by date, then version. */
static int
compare_at (const char *date_a,
            gint64      version_a,
            const char *date_b,
            gint64      version_b)
{
  int by_date = g_strcmp0 (date_a, date_b);

  if (by_date != 0)
    return by_date;
  return version_a < version_b ? -1 : version_a > version_b ? 1
                                                            : 0;
}

static int
compare_snapshots (gconstpointer a,
                   gconstpointer b)
{
  const SmEvalSnapshot *sa = *(SmEvalSnapshot **) a;
  const SmEvalSnapshot *sb = *(SmEvalSnapshot **) b;

  return compare_at (sa->date, sa->version, sb->date, sb->version);
}

/**
 * sm_map_dup_eval_snapshots:
 *
 * Returns: (transfer full) (element-type SmEvalSnapshot): oldest first (by
 *   date, then version)
 */
GPtrArray *
sm_map_dup_eval_snapshots (SmMap *map)
{
  g_autoptr(GPtrArray) objects = NULL;
  GPtrArray *snapshots;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_eval_snapshot_free);
  objects = list_objects (map, "snapshots");
  for (guint i = 0; i < objects->len; i++)
    g_ptr_array_add (snapshots, snapshot_from_object (g_ptr_array_index (objects, i)));
  /* Stable, so a hand-edited file keeps its order among equals. */
  g_ptr_array_sort (snapshots, compare_snapshots);
  return snapshots;
}

/* The user's today, as DQ-04 counts it (sm_eval_config_dup_today). */
static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The map's snapshot date and version; today when it records no date. */
static void
get_current_snapshot (SmMap  *map,
                      char  **date,
                      gint64 *version)
{
  SmRecord   *metadata = sm_map_get_metadata (map);
  const char *d = sm_record_get_string (metadata, "snapshot.date");

  *date = d != NULL ? g_strdup (d) : dup_today ();
  *version = (gint64) sm_record_get_number (metadata, "snapshot.version", 0);
}

SmEvalSnapshot *
sm_map_dup_previous_snapshot (SmMap *map)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *date = NULL;
  gint64           version;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  get_current_snapshot (map, &date, &version);
  snapshots = sm_map_dup_eval_snapshots (map);
  for (guint i = snapshots->len; i > 0; i--)
    {
      SmEvalSnapshot *snapshot = g_ptr_array_index (snapshots, i - 1);

      if (compare_at (snapshot->date, snapshot->version, date, version) < 0)
        return g_ptr_array_steal_index (snapshots, i - 1);
    }
  return NULL;
}

/* Commands: each builds the changed member from the one before it. */

typedef enum
{
  CHANGE_ADD_RESPONSE,
  CHANGE_REMOVE_RESPONSE,
  CHANGE_SET_THRESHOLD,
  CHANGE_RECORD_SNAPSHOT,
} ChangeKind;

#define SM_TYPE_EVALUATION_COMMAND (sm_evaluation_command_get_type ())
G_DECLARE_FINAL_TYPE (SmEvaluationCommand, sm_evaluation_command, SM, EVALUATION_COMMAND, SmCommand)

struct _SmEvaluationCommand
{
  SmCommand parent_instance;

  ChangeKind     kind;
  char          *rule; /* add response */
  SmResponseKind response_kind;
  char          *text;
  char          *by;  /* add response, set threshold */
  char          *at;  /* when the command was made */
  char          *id;  /* remove response */
  char          *key; /* set threshold */
  double         value;
  char          *reason;
  JsonObject    *snapshot; /* record snapshot: the record to store */

  gboolean    applied_once;
  JsonObject *before; /* NULL: the map had no evaluation member */
  JsonObject *after;
};

G_DEFINE_FINAL_TYPE (SmEvaluationCommand, sm_evaluation_command, SM_TYPE_COMMAND)

static JsonObject *
object_deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = sm_json_deep_copy (node);

  return json_node_dup_object (copy);
}

/* The array member @name of @object, added when missing or not an array. */
static JsonArray *
ensure_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (object, name, json_array_new ());
      node = json_object_get_member (object, name);
    }
  return json_node_get_array (node);
}

static JsonObject *
ensure_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (object, name, json_object_new ());
      node = json_object_get_member (object, name);
    }
  return json_node_get_object (node);
}

/* Whole numbers as JSON integers, as the rest of the file writes them. */
static JsonNode *
number_node (double value)
{
  JsonNode *node = json_node_alloc ();

  if (!isfinite (value))
    return json_node_init_null (node);
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    return json_node_init_int (node, (gint64) value);
  return json_node_init_double (node, value);
}

static void
set_optional_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

static gboolean
is_empty_member (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node)) == 0;
  return FALSE;
}

/* Known members left empty go, and so does the whole member when nothing is
 * left, so a map whose every change was undone writes as it was read. */
static JsonObject *
normalise (JsonObject *evaluation)
{
  static const char *const known[] = { "thresholds", "threshold_log", "responses", "snapshots" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      JsonNode *node = json_object_get_member (evaluation, known[i]);

      if (node != NULL && is_empty_member (node))
        json_object_remove_member (evaluation, known[i]);
    }
  if (json_object_get_size (evaluation) == 0)
    {
      json_object_unref (evaluation);
      return NULL;
    }
  return evaluation;
}

static char *
make_response_id (JsonArray *responses)
{
  for (guint n = json_array_get_length (responses) + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", n);
      gboolean         used = FALSE;

      for (guint i = 0; i < json_array_get_length (responses) && !used; i++)
        {
          JsonNode *element = json_array_get_element (responses, i);

          used = JSON_NODE_HOLDS_OBJECT (element) &&
                 g_strcmp0 (object_get_string (json_node_get_object (element), "id"), id) == 0;
        }
      if (!used)
        return g_steal_pointer (&id);
    }
}

static void
change_add_response (SmEvaluationCommand *self,
                     JsonObject          *evaluation)
{
  JsonArray       *responses = ensure_array (evaluation, "responses");
  g_autofree char *id = make_response_id (responses);
  JsonObject      *response = json_object_new ();

  json_object_set_string_member (response, "id", id);
  json_object_set_string_member (response, "rule", self->rule);
  json_object_set_string_member (response, "kind", response_kind_to_string (self->response_kind));
  json_object_set_string_member (response, "text", self->text);
  set_optional_string (response, "by", self->by);
  json_object_set_string_member (response, "at", self->at);
  json_array_add_object_element (responses, response);
}

static void
change_remove_response (SmEvaluationCommand *self,
                        JsonObject          *evaluation)
{
  JsonArray *responses = ensure_array (evaluation, "responses");

  for (guint i = 0; i < json_array_get_length (responses); i++)
    {
      JsonNode *element = json_array_get_element (responses, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (object_get_string (json_node_get_object (element), "id"), self->id) == 0)
        {
          json_array_remove_element (responses, i);
          return;
        }
    }
}

static void
change_set_threshold (SmEvaluationCommand *self,
                      JsonObject          *evaluation)
{
  JsonObject *thresholds = ensure_object (evaluation, "thresholds");
  JsonArray  *log = ensure_array (evaluation, "threshold_log");
  double      old_value = object_get_number (thresholds, self->key,
                                             sm_eval_config_get_default (self->key));
  JsonObject *change = json_object_new ();

  /* Back at the default, the key goes: only changes stay visible. */
  if (self->value == sm_eval_config_get_default (self->key))
    {
      if (json_object_has_member (thresholds, self->key))
        json_object_remove_member (thresholds, self->key);
    }
  else
    json_object_set_member (thresholds, self->key, number_node (self->value));

  json_object_set_string_member (change, "key", self->key);
  json_object_set_member (change, "old", number_node (old_value));
  json_object_set_member (change, "new", number_node (self->value));
  set_optional_string (change, "by", self->by);
  json_object_set_string_member (change, "at", self->at);
  set_optional_string (change, "reason", self->reason);
  json_array_add_object_element (log, change);
}

static void
change_record_snapshot (SmEvaluationCommand *self,
                        JsonObject          *evaluation)
{
  JsonArray  *snapshots = ensure_array (evaluation, "snapshots");
  const char *date = object_get_string (self->snapshot, "date");
  gint64      version = (gint64) object_get_number (self->snapshot, "version", 0);
  guint       n = json_array_get_length (snapshots);
  guint       position = n;

  for (guint i = 0; i < n; i++)
    {
      JsonNode   *element = json_array_get_element (snapshots, i);
      JsonObject *other;
      int         order;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      other = json_node_get_object (element);
      order = compare_at (object_get_string (other, "date"),
                          (gint64) object_get_number (other, "version", 0), date, version);
      if (order == 0)
        {
          /* The same snapshot recorded again: the newer record replaces it
           * where it stands. */
          json_array_remove_element (snapshots, i);
          position = i;
          break;
        }
      if (order > 0 && position == n)
        position = i;
    }

  /* JsonArray has no insert: rebuild it with the record in its place. */
  {
    g_autoptr(JsonArray) rebuilt = json_array_new ();
    JsonObject *record = object_deep_copy (self->snapshot);

    for (guint i = 0; i < json_array_get_length (snapshots); i++)
      {
        if (i == position)
          json_array_add_object_element (rebuilt, json_object_ref (record));
        json_array_add_element (rebuilt, sm_json_deep_copy (json_array_get_element (snapshots, i)));
      }
    if (position >= json_array_get_length (snapshots))
      json_array_add_object_element (rebuilt, json_object_ref (record));
    json_object_unref (record);
    json_object_set_array_member (evaluation, "snapshots", json_array_ref (rebuilt));
  }
}

static void
sm_evaluation_command_apply (SmCommand *command,
                             SmMap     *map)
{
  SmEvaluationCommand *self = SM_EVALUATION_COMMAND (command);

  if (!self->applied_once)
    {
      JsonObject *current = _sm_map_get_evaluation (map);
      JsonObject *evaluation = current != NULL ? object_deep_copy (current) : json_object_new ();

      self->before = current != NULL ? json_object_ref (current) : NULL;
      switch (self->kind)
        {
        case CHANGE_ADD_RESPONSE:
          change_add_response (self, evaluation);
          break;
        case CHANGE_REMOVE_RESPONSE:
          change_remove_response (self, evaluation);
          break;
        case CHANGE_SET_THRESHOLD:
          change_set_threshold (self, evaluation);
          break;
        case CHANGE_RECORD_SNAPSHOT:
          change_record_snapshot (self, evaluation);
          break;
        default:
          g_assert_not_reached ();
        }
      self->after = normalise (evaluation);
      self->applied_once = TRUE;
    }
  _sm_map_set_evaluation (map, self->after);
}

static void
sm_evaluation_command_revert (SmCommand *command,
                              SmMap     *map)
{
  SmEvaluationCommand *self = SM_EVALUATION_COMMAND (command);

  g_return_if_fail (self->applied_once);
  _sm_map_set_evaluation (map, self->before);
}

static char *
sm_evaluation_command_dup_title (SmCommand *command)
{
  SmEvaluationCommand *self = SM_EVALUATION_COMMAND (command);

  switch (self->kind)
    {
    case CHANGE_ADD_RESPONSE:
      return g_strdup (_ ("Add Response"));
    case CHANGE_REMOVE_RESPONSE:
      return g_strdup (_ ("Delete Response"));
    case CHANGE_SET_THRESHOLD:
      return g_strdup (_ ("Change Threshold"));
    case CHANGE_RECORD_SNAPSHOT:
      return g_strdup (_ ("Record Snapshot"));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
sm_evaluation_command_finalize (GObject *object)
{
  SmEvaluationCommand *self = (SmEvaluationCommand *) object;

  g_free (self->rule);
  g_free (self->text);
  g_free (self->by);
  g_free (self->at);
  g_free (self->id);
  g_free (self->key);
  g_free (self->reason);
  g_clear_pointer (&self->snapshot, json_object_unref);
  g_clear_pointer (&self->before, json_object_unref);
  g_clear_pointer (&self->after, json_object_unref);

  G_OBJECT_CLASS (sm_evaluation_command_parent_class)->finalize (object);
}

static void
sm_evaluation_command_class_init (SmEvaluationCommandClass *klass)
{
  SmCommandClass *command_class = SM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sm_evaluation_command_finalize;
  command_class->apply = sm_evaluation_command_apply;
  command_class->revert = sm_evaluation_command_revert;
  command_class->dup_title = sm_evaluation_command_dup_title;
}

static void
sm_evaluation_command_init (SmEvaluationCommand *self)
{
}

/* Now, in UTC, to the second: "2026-03-31T14:05:00Z". */
static char *
dup_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static SmEvaluationCommand *
evaluation_command_new (ChangeKind kind)
{
  SmEvaluationCommand *self = g_object_new (SM_TYPE_EVALUATION_COMMAND, NULL);

  self->kind = kind;
  self->at = dup_now ();
  return self;
}

/**
 * sm_command_new_add_response:
 * @by: (nullable): who recorded it
 *
 * Adds a response to the findings of @rule with a new id ("r1", "r2", …)
 * and the time now.
 */
SmCommand *
sm_command_new_add_response (SmMap         *map,
                             const char    *rule,
                             SmResponseKind kind,
                             const char    *text,
                             const char    *by)
{
  SmEvaluationCommand *self;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (rule != NULL && *rule != '\0', NULL);
  g_return_val_if_fail (kind == SM_RESPONSE_DISCUSS || kind == SM_RESPONSE_DIFFER, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = evaluation_command_new (CHANGE_ADD_RESPONSE);
  self->rule = g_strdup (rule);
  self->response_kind = kind;
  self->text = g_strdup (text);
  self->by = g_strdup (by);
  return SM_COMMAND (self);
}

/* Removes the response @id; undo puts it back where it was. */
SmCommand *
sm_command_new_remove_response (SmMap      *map,
                                const char *id)
{
  SmEvaluationCommand *self;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = evaluation_command_new (CHANGE_REMOVE_RESPONSE);
  self->id = g_strdup (id);
  return SM_COMMAND (self);
}

/**
 * sm_command_new_set_threshold:
 * @key: a key of sm_eval_config_list_keys()
 * @value: a value sm_eval_config_set() accepts for @key (check it there
 *   first, to tell the user why a value is refused)
 * @by: (nullable): who changed it
 * @reason: (nullable): why
 *
 * Undo restores the old value and takes the change off the log. A key set
 * back to its default is no longer listed among the thresholds, but the log
 * keeps both changes.
 */
SmCommand *
sm_command_new_set_threshold (SmMap      *map,
                              const char *key,
                              double      value,
                              const char *by,
                              const char *reason)
{
  g_autoptr(SmEvalConfig) check = sm_eval_config_new ();
  SmEvaluationCommand *self;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (sm_eval_config_has_key (key), NULL);
  g_return_val_if_fail (sm_eval_config_set (check, key, value, NULL), NULL);

  self = evaluation_command_new (CHANGE_SET_THRESHOLD);
  self->key = g_strdup (key);
  self->value = value;
  self->by = g_strdup (by);
  self->reason = g_strdup (reason);
  return SM_COMMAND (self);
}

/* Values stored as they are shown (docs/cli.md: 4 decimal places), so a
 * later comparison is not swayed by rounding noise. */
static JsonNode *
rounded_node (double value)
{
  if (!isfinite (value))
    return json_node_init_null (json_node_alloc ());
  return number_node (round (value * 10000) / 10000);
}

SmCommand *
sm_command_new_record_snapshot (SmMap        *map,
                                SmEvaluation *evaluation)
{
  SmEvaluationCommand *self;
  g_autofree char     *date = NULL;
  JsonObject          *rules, *principles;
  gint64               version;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (evaluation != NULL, NULL);

  self = evaluation_command_new (CHANGE_RECORD_SNAPSHOT);
  get_current_snapshot (map, &date, &version);

  self->snapshot = json_object_new ();
  json_object_set_string_member (self->snapshot, "date", date);
  json_object_set_int_member (self->snapshot, "version", version);
  json_object_set_string_member (self->snapshot, "recorded_at", self->at);

  rules = json_object_new ();
  for (guint i = 0; i < evaluation->rules->len; i++)
    {
      SmRuleResult *r = g_ptr_array_index (evaluation->rules, i);
      JsonObject   *result = json_object_new ();

      json_object_set_member (result, "value", rounded_node (r->value));
      json_object_set_string_member (result, "status", sm_rule_status_to_string (r->status));
      json_object_set_object_member (rules, sm_rule_def_get_id (r->rule), result);
    }
  json_object_set_object_member (self->snapshot, "rules", rules);

  principles = json_object_new ();
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    json_object_set_string_member (principles, evaluation->principles[p].id,
                                   sm_principle_status_to_string (evaluation->principles[p].status));
  json_object_set_object_member (self->snapshot, "principles", principles);

  return SM_COMMAND (self);
}

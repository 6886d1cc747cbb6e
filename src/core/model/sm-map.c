/* sm-map.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-format.h"
#include "sm-json.h"
#include "sm-map-private.h"

struct _SmMap
{
  GObject parent_instance;

  SmRecord     *metadata;
  SmCollection *collections[SM_N_COLLECTIONS];
  GHashTable   *by_id;      /* id → SmRecord, all kinds: ids are unique per file */
  JsonObject   *extra;      /* top-level members this version does not know */
  JsonObject   *evaluation; /* the "evaluation" member, or NULL */
  gint64        version;
  guint         next_id[SM_N_COLLECTIONS];

  /* For sm_map_copy_full() on another thread: it reads under the lock,
   * and gives up when `edits` moves (an edit wants the lock). */
  GRWLock lock;
  gint    edits;

  /* For sm_map_find_same_name(): made on its first use, then kept up
   * to date, so telling two people apart is not a pass over the map. */
  GHashTable *name_keys;   /* a stakeholder → the key of its name (owned) */
  GHashTable *by_name_key; /* a key → GPtrArray of the stakeholders with it */
};

G_DEFINE_FINAL_TYPE (SmMap, sm_map, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_READ_ONLY,
  N_PROPS
};

enum
{
  RECORD_ADDED,
  RECORD_REMOVED,
  RECORD_CHANGED,
  CHANGED,
  EVALUATION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

#define COLLECTION_INDEX(kind) ((kind) - (SM_RECORD_STAKEHOLDER))

static void
name_index_add (SmMap    *self,
                SmRecord *record)
{
  char      *key;
  GPtrArray *same;

  if (self->name_keys == NULL || sm_record_get_kind (record) != SM_RECORD_STAKEHOLDER)
    return;
  key = sm_name_dup_key (sm_stakeholder_get_name (record));
  if (key == NULL)
    return;
  g_hash_table_insert (self->name_keys, record, key);
  same = g_hash_table_lookup (self->by_name_key, key);
  if (same == NULL)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (self->by_name_key, g_strdup (key), same);
    }
  g_ptr_array_add (same, record);
}

static void
name_index_remove (SmMap    *self,
                   SmRecord *record)
{
  const char *key;
  GPtrArray  *same;

  if (self->name_keys == NULL || (key = g_hash_table_lookup (self->name_keys, record)) == NULL)
    return;
  same = g_hash_table_lookup (self->by_name_key, key);
  g_ptr_array_remove_fast (same, record);
  if (same->len == 0)
    g_hash_table_remove (self->by_name_key, key);
  g_hash_table_remove (self->name_keys, record);
}

/* Called by the record itself, before its own "changed": a signal
 * handler on each of a large map's records cost more memory than the
 * record. */
void
_sm_map_record_changed (SmMap      *self,
                        SmRecord   *record,
                        const char *path)
{
  if (*path == '\0' || strcmp (path, "name") == 0)
    {
      name_index_remove (self, record);
      name_index_add (self, record);
    }
  g_signal_emit (self, signals[RECORD_CHANGED], 0, record, path);
  if (record == self->metadata && (*path == '\0' || strcmp (path, "title") == 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sm_map_dispose (GObject *object)
{
  SmMap *self = (SmMap *) object;

  if (self->metadata != NULL)
    {
      _sm_record_set_map (self->metadata, NULL);
    }
  for (guint k = 0; k < SM_N_COLLECTIONS; k++)
    if (self->collections[k] != NULL)
      {
        guint n = sm_collection_get_size (self->collections[k]);

        for (guint i = 0; i < n; i++)
          {
            SmRecord *record = sm_collection_get (self->collections[k], i);

            _sm_record_set_map (record, NULL);
          }
      }

  g_clear_object (&self->metadata);
  for (guint k = 0; k < SM_N_COLLECTIONS; k++)
    g_clear_object (&self->collections[k]);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->name_keys, g_hash_table_unref);
  g_clear_pointer (&self->by_name_key, g_hash_table_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->evaluation, json_object_unref);

  G_OBJECT_CLASS (sm_map_parent_class)->dispose (object);
}

static void
sm_map_finalize (GObject *object)
{
  SmMap *self = (SmMap *) object;

  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (sm_map_parent_class)->finalize (object);
}

static void
sm_map_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  SmMap *self = SM_MAP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, sm_map_get_title (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, sm_map_get_read_only (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_map_class_init (SmMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_map_dispose;
  object_class->finalize = sm_map_finalize;
  object_class->get_property = sm_map_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECORD_ADDED] =
    g_signal_new ("record-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SM_TYPE_RECORD);
  signals[RECORD_REMOVED] =
    g_signal_new ("record-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SM_TYPE_RECORD);
  /**
   * SmMap::record-changed:
   * @record: the record, or the map's metadata record
   * @path: the member that changed ("" when all of them may have)
   */
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SM_TYPE_RECORD, G_TYPE_STRING);
  /* Anything changed: for views that simply redraw. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SmMap::evaluation-changed:
   *
   * The group's thresholds, responses or recorded snapshots changed
   * (sm-evaluation-store.h), by a command or its undo.
   */
  signals[EVALUATION_CHANGED] =
    g_signal_new ("evaluation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_map_init (SmMap *self)
{
  g_rw_lock_init (&self->lock);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->extra = json_object_new ();
  self->version = SM_FORMAT_VERSION;
  self->metadata = sm_record_new (SM_RECORD_MAP, NULL);
  _sm_record_set_map (self->metadata, self);
  for (guint k = 0; k < SM_N_COLLECTIONS; k++)
    self->collections[k] = sm_collection_new (SM_RECORD_STAKEHOLDER + k);
}

SmMap *
sm_map_new (void)
{
  return g_object_new (SM_TYPE_MAP, NULL);
}

SmRecord *
sm_map_get_metadata (SmMap *self)
{
  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  return self->metadata;
}

const char *
sm_map_get_title (SmMap *self)
{
  const char *title;

  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  title = sm_record_get_string (self->metadata, "title");
  return title != NULL ? title : "";
}

SmCollection *
sm_map_get_collection (SmMap       *self,
                       SmRecordKind kind)
{
  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  g_return_val_if_fail (kind >= SM_RECORD_STAKEHOLDER && kind <= SM_RECORD_LAST, NULL);
  return self->collections[COLLECTION_INDEX (kind)];
}

SmCollection *
sm_map_get_stakeholders (SmMap *self)
{
  return sm_map_get_collection (self, SM_RECORD_STAKEHOLDER);
}

SmCollection *
sm_map_get_relationships (SmMap *self)
{
  return sm_map_get_collection (self, SM_RECORD_RELATIONSHIP);
}

void
_sm_map_edit_begin (SmMap *self)
{
  g_atomic_int_inc (&self->edits);
  g_rw_lock_writer_lock (&self->lock);
}

void
_sm_map_edit_end (SmMap *self)
{
  g_rw_lock_writer_unlock (&self->lock);
}

/* Copies every member, touching no reference count of @object: json-glib
 * 1.6 counts JsonObject references without atomics, so a copy made on
 * another thread must only read. (sm_json_deep_copy() reads only, and
 * builds fresh scalars: json_node_copy would share them.) */
static JsonObject *
object_deep_copy (JsonObject *object)
{
  JsonObject    *copy = json_object_new ();
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, sm_json_deep_copy (member));
  return copy;
}

/* One attempt: NULL when an edit came in part-way (unless @hold: then
 * the edit waits) or @cancellable was cancelled. */
static SmMap *
copy_once (SmMap        *self,
           gboolean      hold,
           GCancellable *cancellable)
{
  g_autoptr(SmMap) copy = sm_map_new ();
  gint     edits = g_atomic_int_get (&self->edits);
  gboolean whole = TRUE;

  g_rw_lock_reader_lock (&self->lock);
  {
    g_autoptr(SmRecord) metadata = _sm_record_copy (self->metadata);

    _sm_record_replace_with (copy->metadata, metadata);
  }
  for (guint k = 0; whole && k < SM_N_COLLECTIONS; k++)
    {
      guint n = sm_collection_get_size (self->collections[k]);

      for (guint i = 0; i < n; i++)
        {
          SmRecord *record = sm_collection_get (self->collections[k], i);
          g_autoptr(SmRecord) twin = NULL;

          if ((i & 255) == 0 &&
              ((!hold && g_atomic_int_get (&self->edits) != edits) || g_cancellable_is_cancelled (cancellable)))
            {
              whole = FALSE;
              break;
            }
          twin = _sm_record_copy (record);
          _sm_map_insert_record (copy, twin, i);
        }
      copy->next_id[k] = self->next_id[k];
    }
  if (whole)
    {
      g_clear_pointer (&copy->extra, json_object_unref);
      copy->extra = object_deep_copy (self->extra);
      if (self->evaluation != NULL)
        copy->evaluation = object_deep_copy (self->evaluation);
      copy->version = self->version;
    }
  g_rw_lock_reader_unlock (&self->lock);
  return whole ? g_steal_pointer (&copy) : NULL;
}

/**
 * sm_map_copy_full:
 * @self: the map
 * @cancellable: (nullable): stops the copy
 * @error: %G_IO_ERROR_CANCELLED when cancelled
 *
 * A snapshot of @self for work on another thread (evaluation, metrics, a
 * report): the copy shares nothing with @self, so the window can go on
 * editing @self while a worker reads the copy. Every JSON value is copied:
 * json-glib 1.6 counts JsonObject references without atomics and shares
 * scalar values between a node and its json_node_copy().
 *
 * May be called on any thread while the map's own thread goes on using
 * and editing @self (the caller holds a reference on @self). On a map of
 * 100,000 stakeholders a copy takes seconds, so it is made on the worker,
 * not the main thread: the copy reads under the map's lock, and an edit
 * made meanwhile makes it start again (the edit waits only until it has
 * let go; after three tries, until the copy is done), so the copy is
 * always of the map between two edits.
 *
 * A deep copy rather than saving to bytes and loading them again: it takes
 * a fraction of the time (no writing, parsing or validation).
 *
 * Returns: (transfer full) (nullable): the copy, or %NULL when cancelled
 */
SmMap *
sm_map_copy_full (SmMap        *self,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_return_val_if_fail (SM_IS_MAP (self), NULL);

  for (guint attempt = 0;; attempt++)
    {
      SmMap *copy;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* Edits that never pause (a long drag) would keep a copy from ever
       * finishing: after a few tries they wait for it instead. */
      copy = copy_once (self, attempt >= 3, cancellable);
      if (copy != NULL)
        return copy;
      /* An edit is under way: let it finish. */
      g_usleep (G_USEC_PER_SEC / 100);
    }
}

/* sm_map_copy_full() on the map's own thread, where nothing can edit it
 * meanwhile. */
SmMap *
sm_map_copy (SmMap *self)
{
  return sm_map_copy_full (self, NULL, NULL);
}

/* Any record by id (ids are unique across the whole file). */
SmRecord *
sm_map_lookup (SmMap      *self,
               const char *id)
{
  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

SmRecord *
sm_map_lookup_kind (SmMap       *self,
                    SmRecordKind kind,
                    const char  *id)
{
  SmRecord *record = sm_map_lookup (self, id);

  if (record != NULL && sm_record_get_kind (record) != kind)
    return NULL;
  return record;
}

/* An id no record uses yet: "s12" for a stakeholder, "r4" for a relationship. */
char *
sm_map_make_id (SmMap       *self,
                SmRecordKind kind)
{
  static const char *const prefixes[] = { "s", "r", "sp", "d", "g", "a", "rg" };
  guint                    k;

  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  g_return_val_if_fail (kind >= SM_RECORD_STAKEHOLDER && kind <= SM_RECORD_LAST, NULL);

  k = COLLECTION_INDEX (kind);
  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefixes[k], ++self->next_id[k]);

      if (!g_hash_table_contains (self->by_id, id))
        return id;
      g_free (id);
    }
}

/* Relationships with @stakeholder at either end, in file order. */
GPtrArray *
sm_map_dup_relationships_of (SmMap    *self,
                             SmRecord *stakeholder)
{
  SmCollection *relationships;
  const char   *id;
  GPtrArray    *result;
  guint         n;

  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  id = sm_record_get_id (stakeholder);
  relationships = sm_map_get_relationships (self);
  n = sm_collection_get_size (relationships);
  for (guint i = 0; i < n; i++)
    {
      SmRecord *r = sm_collection_get (relationships, i);

      if (g_strcmp0 (sm_relationship_get_source (r), id) == 0 ||
          g_strcmp0 (sm_relationship_get_target (r), id) == 0)
        g_ptr_array_add (result, g_object_ref (r));
    }
  return result;
}

/* Top-level members this version does not know, kept for writing back. */
JsonObject *
sm_map_get_extra (SmMap *self)
{
  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  return self->extra;
}

/* The format version of the file the map came from. */
gint64
sm_map_get_version (SmMap *self)
{
  g_return_val_if_fail (SM_IS_MAP (self), 0);
  return self->version;
}

/* TRUE for a file from a newer version: it opens, but saving over it could
 * lose what that version meant, so it is not written back. */
gboolean
sm_map_get_read_only (SmMap *self)
{
  g_return_val_if_fail (SM_IS_MAP (self), FALSE);
  return self->version > SM_FORMAT_VERSION;
}

void
_sm_map_insert_record (SmMap    *self,
                       SmRecord *record,
                       guint     position)
{
  SmRecordKind  kind = sm_record_get_kind (record);
  SmCollection *collection = sm_map_get_collection (self, kind);
  const char   *id = sm_record_get_id (record);

  g_return_if_fail (id != NULL);
  g_return_if_fail (!g_hash_table_contains (self->by_id, id));
  g_return_if_fail (sm_record_get_map (record) == NULL);

  if (position > sm_collection_get_size (collection))
    position = sm_collection_get_size (collection);

  /* The id string lives in the record's data, which outlives the entry. */
  g_hash_table_insert (self->by_id, (char *) id, record);
  _sm_record_set_map (record, self);
  name_index_add (self, record);
  _sm_map_edit_begin (self);
  _sm_collection_insert_quiet (collection, position, record);
  _sm_map_edit_end (self);
  _sm_collection_items_changed (collection, position, 0, 1);

  g_signal_emit (self, signals[RECORD_ADDED], 0, record);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Returns the position the record had, for putting it back. */
guint
_sm_map_remove_record (SmMap    *self,
                       SmRecord *record)
{
  g_autoptr(SmRecord) hold = g_object_ref (record);
  SmCollection *collection = sm_map_get_collection (self, sm_record_get_kind (record));
  guint         position;

  if (!sm_collection_find (collection, record, &position))
    g_return_val_if_reached (0);

  g_hash_table_remove (self->by_id, sm_record_get_id (record));
  name_index_remove (self, record);
  _sm_record_set_map (record, NULL);
  _sm_map_edit_begin (self);
  _sm_collection_remove_quiet (collection, position);
  _sm_map_edit_end (self);
  _sm_collection_items_changed (collection, position, 1, 0);

  g_signal_emit (self, signals[RECORD_REMOVED], 0, record);
  g_signal_emit (self, signals[CHANGED], 0);
  return position;
}

/* Sets one member (NULL removes it). Ids never change: other records and
 * saved files refer to them. */
void
_sm_map_set_value (SmMap      *self,
                   SmRecord   *record,
                   const char *path,
                   JsonNode   *value)
{
  g_return_if_fail (SM_IS_RECORD (record));
  g_return_if_fail (strcmp (path, "id") != 0 || record == self->metadata);

  _sm_record_set_value (record, path, value);
}

void
_sm_map_set_metadata (SmMap      *self,
                      JsonObject *data)
{
  _sm_record_replace_data (self->metadata, data);
}

void
_sm_map_set_extra (SmMap      *self,
                   JsonObject *extra)
{
  json_object_ref (extra);
  _sm_map_edit_begin (self);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
  _sm_map_edit_end (self);
}

void
_sm_map_set_version (SmMap *self,
                     gint64 version)
{
  gboolean was_read_only = sm_map_get_read_only (self);

  _sm_map_edit_begin (self);
  self->version = version;
  _sm_map_edit_end (self);
  if (was_read_only != sm_map_get_read_only (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

JsonObject *
_sm_map_get_evaluation (SmMap *self)
{
  g_return_val_if_fail (SM_IS_MAP (self), NULL);
  return self->evaluation;
}

/* Takes a reference to @evaluation (NULL: the file has no such member). */
void
_sm_map_set_evaluation (SmMap      *self,
                        JsonObject *evaluation)
{
  g_return_if_fail (SM_IS_MAP (self));

  if (evaluation == self->evaluation)
    return;
  if (evaluation != NULL)
    json_object_ref (evaluation);
  _sm_map_edit_begin (self);
  g_clear_pointer (&self->evaluation, json_object_unref);
  self->evaluation = evaluation;
  _sm_map_edit_end (self);
  g_signal_emit (self, signals[EVALUATION_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sm_name_dup_key:
 * @name: (nullable): a stakeholder's name
 *
 * The name as a person compares it: case folded, normalised, with spaces
 * at the ends dropped and runs of spaces made one, so "Tenants  Forum"
 * and "tenants forum" give the same key.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL for a name that
 *   is empty or only spaces
 */
char *
sm_name_dup_key (const char *name)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) key = NULL;
  gboolean space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  if (normal == NULL)
    return NULL;
  folded = g_utf8_casefold (normal, -1);
  key = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          space = TRUE;
          continue;
        }
      if (space && key->len > 0)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  if (key->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/**
 * sm_map_find_same_name:
 * @name: (nullable): a name
 * @except: (nullable): the stakeholder that has or is given @name
 *
 * Another stakeholder a person would take to have the same name as
 * @name (see sm_name_dup_key()), so two people can be told apart.
 *
 * Returns: (transfer none) (nullable): the first such stakeholder other
 *   than @except, or %NULL
 */
SmRecord *
sm_map_find_same_name (SmMap      *self,
                       const char *name,
                       SmRecord   *except)
{
  g_autofree char *key = NULL;
  SmCollection    *people;
  GPtrArray       *same;

  g_return_val_if_fail (SM_IS_MAP (self), NULL);

  key = sm_name_dup_key (name);
  if (key == NULL)
    return NULL;
  people = sm_map_get_stakeholders (self);
  if (self->name_keys == NULL)
    {
      self->name_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      self->by_name_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < sm_collection_get_size (people); i++)
        name_index_add (self, sm_collection_get (people, i));
    }

  same = g_hash_table_lookup (self->by_name_key, key);
  if (same == NULL || (same->len == 1 && g_ptr_array_index (same, 0) == except))
    return NULL;
  if (same->len == 1 || (same->len == 2 && g_ptr_array_find (same, except, NULL)))
    return g_ptr_array_index (same, g_ptr_array_index (same, 0) == except ? 1 : 0);
  /* Several: the first on the map. */
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *other = sm_collection_get (people, i);

      if (other != except && g_strcmp0 (g_hash_table_lookup (self->name_keys, other), key) == 0)
        return other;
    }
  return NULL;
}

/* sm-selection.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-selection.h"

struct _SmSelection
{
  GObject parent_instance;

  SmMap      *map; /* weak: the selection lives no longer than its map's views */
  GPtrArray  *ids; /* owned strings, in selection order */
  GHashTable *set; /* borrowed from ids */
};

G_DEFINE_FINAL_TYPE (SmSelection, sm_selection, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (SmSelection *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
remove_id (SmSelection *self,
           const char  *id)
{
  guint index;

  if (!g_hash_table_contains (self->set, id))
    return FALSE;
  for (index = 0; index < self->ids->len; index++)
    if (strcmp (g_ptr_array_index (self->ids, index), id) == 0)
      break;
  g_hash_table_remove (self->set, id);
  g_ptr_array_remove_index (self->ids, index);
  return TRUE;
}

static gboolean
add_id (SmSelection *self,
        const char  *id)
{
  char *copy;

  if (g_hash_table_contains (self->set, id) || sm_map_lookup (self->map, id) == NULL)
    return FALSE;
  copy = g_strdup (id);
  g_ptr_array_add (self->ids, copy);
  g_hash_table_add (self->set, copy);
  return TRUE;
}

static void
record_removed_cb (SmMap       *map,
                   SmRecord    *record,
                   SmSelection *self)
{
  if (remove_id (self, sm_record_get_id (record)))
    emit_changed (self);
}

static void
sm_selection_dispose (GObject *object)
{
  SmSelection *self = (SmSelection *) object;

  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->map, self);
      g_clear_weak_pointer (&self->map);
    }

  G_OBJECT_CLASS (sm_selection_parent_class)->dispose (object);
}

static void
sm_selection_finalize (GObject *object)
{
  SmSelection *self = (SmSelection *) object;

  g_hash_table_unref (self->set);
  g_ptr_array_unref (self->ids);

  G_OBJECT_CLASS (sm_selection_parent_class)->finalize (object);
}

static void
sm_selection_class_init (SmSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_selection_dispose;
  object_class->finalize = sm_selection_finalize;

  /**
   * SmSelection::changed:
   *
   * The set of selected records, or their order, changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_selection_init (SmSelection *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->set = g_hash_table_new (g_str_hash, g_str_equal);
}

SmSelection *
sm_selection_new (SmMap *map)
{
  SmSelection *self;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  self = g_object_new (SM_TYPE_SELECTION, NULL);
  g_set_weak_pointer (&self->map, map);
  g_signal_connect (map, "record-removed", G_CALLBACK (record_removed_cb), self);
  return self;
}

SmMap *
sm_selection_get_map (SmSelection *self)
{
  g_return_val_if_fail (SM_IS_SELECTION (self), NULL);
  return self->map;
}

guint
sm_selection_get_size (SmSelection *self)
{
  g_return_val_if_fail (SM_IS_SELECTION (self), 0);
  return self->ids->len;
}

/* The selected ids, oldest first. Do not change the array. */
const GPtrArray *
sm_selection_get_ids (SmSelection *self)
{
  g_return_val_if_fail (SM_IS_SELECTION (self), NULL);
  return self->ids;
}

gboolean
sm_selection_contains (SmSelection *self,
                       const char  *id)
{
  g_return_val_if_fail (SM_IS_SELECTION (self), FALSE);
  return id != NULL && g_hash_table_contains (self->set, id);
}

/* The record selected last: the one the inspector shows. */
const char *
sm_selection_get_primary (SmSelection *self)
{
  g_return_val_if_fail (SM_IS_SELECTION (self), NULL);
  if (self->ids->len == 0)
    return NULL;
  return g_ptr_array_index (self->ids, self->ids->len - 1);
}

SmRecord *
sm_selection_get_primary_record (SmSelection *self)
{
  const char *id = sm_selection_get_primary (self);

  if (id == NULL || self->map == NULL)
    return NULL;
  return sm_map_lookup (self->map, id);
}

/* The selected records of @kind, in selection order (new references). */
GPtrArray *
sm_selection_dup_records (SmSelection *self,
                          SmRecordKind kind)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SM_IS_SELECTION (self), records);

  for (guint i = 0; self->map != NULL && i < self->ids->len; i++)
    {
      SmRecord *record = sm_map_lookup (self->map, g_ptr_array_index (self->ids, i));

      if (record != NULL && sm_record_get_kind (record) == kind)
        g_ptr_array_add (records, g_object_ref (record));
    }
  return records;
}

/* Replaces the selection with @ids (NULL-terminated; NULL clears). Ids not
 * in the map are skipped. */
void
sm_selection_set (SmSelection       *self,
                  const char *const *ids)
{
  g_autoptr(GPtrArray) before = NULL;
  gboolean same;

  g_return_if_fail (SM_IS_SELECTION (self));

  before = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->ids->len; i++)
    g_ptr_array_add (before, g_strdup (g_ptr_array_index (self->ids, i)));
  g_hash_table_remove_all (self->set);
  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    add_id (self, ids[i]);

  same = before->len == self->ids->len;
  for (guint i = 0; same && i < before->len; i++)
    same = strcmp (g_ptr_array_index (before, i), g_ptr_array_index (self->ids, i)) == 0;
  if (!same)
    emit_changed (self);
}

void
sm_selection_select_only (SmSelection *self,
                          const char  *id)
{
  const char *ids[] = { id, NULL };

  sm_selection_set (self, ids);
}

void
sm_selection_add (SmSelection *self,
                  const char  *id)
{
  g_return_if_fail (SM_IS_SELECTION (self));
  g_return_if_fail (id != NULL);

  if (g_hash_table_contains (self->set, id))
    {
      /* Selecting it again makes it the primary record. */
      if (strcmp (sm_selection_get_primary (self), id) == 0)
        return;
      remove_id (self, id);
    }
  if (add_id (self, id))
    emit_changed (self);
}

void
sm_selection_remove (SmSelection *self,
                     const char  *id)
{
  g_return_if_fail (SM_IS_SELECTION (self));
  g_return_if_fail (id != NULL);

  if (remove_id (self, id))
    emit_changed (self);
}

void
sm_selection_toggle (SmSelection *self,
                     const char  *id)
{
  g_return_if_fail (SM_IS_SELECTION (self));
  g_return_if_fail (id != NULL);

  if (!remove_id (self, id) && !add_id (self, id))
    return;
  emit_changed (self);
}

void
sm_selection_clear (SmSelection *self)
{
  sm_selection_set (self, NULL);
}

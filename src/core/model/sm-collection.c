/* sm-collection.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-collection.h"

struct _SmCollection
{
  GObject parent_instance;

  SmRecordKind kind;
  GPtrArray   *records;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SmCollection, sm_collection, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
sm_collection_get_item_type (GListModel *model)
{
  return SM_TYPE_RECORD;
}

static guint
sm_collection_get_n_items (GListModel *model)
{
  return SM_COLLECTION (model)->records->len;
}

static gpointer
sm_collection_get_item (GListModel *model,
                        guint       position)
{
  SmCollection *self = SM_COLLECTION (model);

  if (position >= self->records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sm_collection_get_item_type;
  iface->get_n_items = sm_collection_get_n_items;
  iface->get_item = sm_collection_get_item;
}

static void
sm_collection_finalize (GObject *object)
{
  SmCollection *self = (SmCollection *) object;

  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (sm_collection_parent_class)->finalize (object);
}

static void
sm_collection_class_init (SmCollectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_collection_finalize;
}

static void
sm_collection_init (SmCollection *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

SmCollection *
sm_collection_new (SmRecordKind kind)
{
  SmCollection *self = g_object_new (SM_TYPE_COLLECTION, NULL);

  self->kind = kind;
  return self;
}

SmRecordKind
sm_collection_get_kind (SmCollection *self)
{
  g_return_val_if_fail (SM_IS_COLLECTION (self), SM_RECORD_MAP);
  return self->kind;
}

guint
sm_collection_get_size (SmCollection *self)
{
  g_return_val_if_fail (SM_IS_COLLECTION (self), 0);
  return self->records->len;
}

/* Borrowed. */
SmRecord *
sm_collection_get (SmCollection *self,
                   guint         position)
{
  g_return_val_if_fail (SM_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (position < self->records->len, NULL);
  return g_ptr_array_index (self->records, position);
}

gboolean
sm_collection_find (SmCollection *self,
                    SmRecord     *record,
                    guint        *position)
{
  g_return_val_if_fail (SM_IS_COLLECTION (self), FALSE);
  return g_ptr_array_find (self->records, record, position);
}

void
_sm_collection_insert (SmCollection *self,
                       guint         position,
                       SmRecord     *record)
{
  g_assert (position <= self->records->len);
  g_ptr_array_insert (self->records, position, g_object_ref (record));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
_sm_collection_remove (SmCollection *self,
                       guint         position)
{
  g_assert (position < self->records->len);
  g_ptr_array_remove_index (self->records, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

void
_sm_collection_insert_quiet (SmCollection *self,
                             guint         position,
                             SmRecord     *record)
{
  g_assert (position <= self->records->len);
  g_ptr_array_insert (self->records, position, g_object_ref (record));
}

/* The record is unreferenced here: the caller holds its own reference. */
void
_sm_collection_remove_quiet (SmCollection *self,
                             guint         position)
{
  g_assert (position < self->records->len);
  g_ptr_array_remove_index (self->records, position);
}

void
_sm_collection_items_changed (SmCollection *self,
                              guint         position,
                              guint         removed,
                              guint         added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

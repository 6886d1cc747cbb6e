/* sm-document.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-document.h"
#include "sm-format.h"

struct _SmDocument
{
  GObject parent_instance;

  SmMap       *map;
  SmHistory   *history;
  SmSelection *selection;
  SmEvaluator *evaluator; /* made when first asked for */
  GFile       *file;
  SmFileStamp  stamp; /* what the file was when last read or written */
  gboolean     stamp_known;
};

G_DEFINE_FINAL_TYPE (SmDocument, sm_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MAP,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
history_modified_cb (SmDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
map_title_cb (SmDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
sm_document_dispose (GObject *object)
{
  SmDocument *self = (SmDocument *) object;

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->evaluator);
  g_clear_object (&self->selection);
  g_clear_object (&self->history);
  g_clear_object (&self->map);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sm_document_parent_class)->dispose (object);
}

static void
sm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SmDocument *self = SM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, sm_document_get_modified (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, sm_document_dup_display_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_document_class_init (SmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_document_dispose;
  object_class->get_property = sm_document_get_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, SM_TYPE_MAP,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The map's title, else the file's name, else "New Map". */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_document_init (SmDocument *self)
{
}

/* Takes a reference on @map; @file may be NULL for a map never saved. */
SmDocument *
sm_document_new (SmMap *map,
                 GFile *file)
{
  SmDocument *self;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (SM_TYPE_DOCUMENT, NULL);
  self->map = g_object_ref (map);
  self->history = sm_history_new (map);
  self->selection = sm_selection_new (map);
  g_set_object (&self->file, file);
  self->stamp_known = file != NULL && sm_file_stamp_read (file, &self->stamp, NULL);
  g_signal_connect_swapped (self->history, "notify::modified",
                            G_CALLBACK (history_modified_cb), self);
  g_signal_connect_swapped (self->map, "notify::title", G_CALLBACK (map_title_cb), self);
  return self;
}

/**
 * sm_document_load:
 *
 * Opens the map in @file. What the file was is noted before it is read, so
 * a change by another program while it was being read still shows when
 * the map is saved.
 */
SmDocument *
sm_document_load (GFile        *file,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr(SmMap) map = NULL;
  SmFileStamp stamp = { 0 };
  SmDocument *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!sm_file_stamp_read (file, &stamp, error))
    return NULL;
  map = sm_format_load_file (file, cancellable, error);
  if (map == NULL)
    return NULL;
  self = sm_document_new (map, file);
  self->stamp = stamp;
  self->stamp_known = TRUE;
  return self;
}

SmMap *
sm_document_get_map (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), NULL);
  return self->map;
}

SmHistory *
sm_document_get_history (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), NULL);
  return self->history;
}

SmSelection *
sm_document_get_selection (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), NULL);
  return self->selection;
}

/* The evaluation of the map, kept current while a view reads it. */
SmEvaluator *
sm_document_get_evaluator (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), NULL);

  if (self->evaluator == NULL)
    self->evaluator = sm_evaluator_new (self->map);
  return self->evaluator;
}

GFile *
sm_document_get_file (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
sm_document_set_file (SmDocument *self,
                      GFile      *file)
{
  g_return_if_fail (SM_IS_DOCUMENT (self));

  if (g_set_object (&self->file, file))
    {
      self->stamp_known = file != NULL && sm_file_stamp_read (file, &self->stamp, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

gboolean
sm_document_get_modified (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), FALSE);
  return sm_history_get_modified (self->history);
}

gboolean
sm_document_get_read_only (SmDocument *self)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), FALSE);
  return sm_map_get_read_only (self->map);
}

char *
sm_document_dup_display_title (SmDocument *self)
{
  const char *title;

  g_return_val_if_fail (SM_IS_DOCUMENT (self), NULL);

  title = sm_map_get_title (self->map);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_ ("New Map"));
}

/* Applies @command (transfer full) and records it for undo. */
void
sm_document_push (SmDocument *self,
                  SmCommand  *command)
{
  g_return_if_fail (SM_IS_DOCUMENT (self));

  if (sm_map_get_read_only (self->map))
    {
      /* A newer version's map is shown, never changed. */
      g_object_unref (command);
      return;
    }
  sm_history_push (self->history, command);
}

/* TRUE when another program has changed the document's file since the map
 * was read from it or saved to it, or made one where there was none. A
 * file that is gone has nothing to lose, so it does not count. */
gboolean
sm_document_get_changed_on_disk (SmDocument *self)
{
  SmFileStamp now;

  g_return_val_if_fail (SM_IS_DOCUMENT (self), FALSE);

  if (self->file == NULL || !self->stamp_known ||
      !sm_file_stamp_read (self->file, &now, NULL) || !now.exists)
    return FALSE;
  return !sm_file_stamp_equal (&now, &self->stamp);
}

/* What the document's file was when the map was last read from it or
 * saved to it; FALSE when that is not known. */
gboolean
sm_document_get_disk_stamp (SmDocument  *self,
                            SmFileStamp *stamp)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  *stamp = self->stamp;
  return self->stamp_known;
}

/* A recovered map was read from its file before the crash: what the file
 * was then, so a change since is noticed as any other. */
void
sm_document_set_disk_stamp (SmDocument        *self,
                            const SmFileStamp *stamp)
{
  g_return_if_fail (SM_IS_DOCUMENT (self));
  g_return_if_fail (stamp != NULL);

  self->stamp = *stamp;
  self->stamp_known = TRUE;
}

/* Saves to @file (NULL: the document's file) safely, keeping the previous
 * file as a backup; on success the document is unmodified and @file
 * becomes its file. Saving over the document's own file fails with
 * %SM_FILE_ERROR_CHANGED, writing nothing, when another program changed
 * it since it was read or saved. */
gboolean
sm_document_save (SmDocument   *self,
                  GFile        *file,
                  GCancellable *cancellable,
                  GError      **error)
{
  const SmFileStamp *expected = NULL;
  SmFileStamp        written;

  g_return_val_if_fail (SM_IS_DOCUMENT (self), FALSE);

  if (file == NULL)
    file = self->file;
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->file != NULL && self->stamp_known && g_file_equal (file, self->file))
    expected = &self->stamp;
  if (!sm_format_save_file_full (self->map, file, expected, &written, cancellable, error))
    return FALSE;
  sm_document_set_file (self, file);
  self->stamp = written;
  self->stamp_known = TRUE;
  sm_history_set_save_point (self->history);
  return TRUE;
}

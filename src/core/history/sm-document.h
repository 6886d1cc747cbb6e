/* sm-document.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-evaluator.h"
#include "sm-file-writer.h"
#include "sm-history.h"
#include "sm-map.h"
#include "sm-selection.h"

G_BEGIN_DECLS

/* One open map: the map, its history, the selection every view shares and
 * the file it is saved to (NULL for a map never saved). Views edit the map
 * only by pushing commands here. */

#define SM_TYPE_DOCUMENT (sm_document_get_type ())
G_DECLARE_FINAL_TYPE (SmDocument, sm_document, SM, DOCUMENT, GObject)

SmDocument  *sm_document_new (SmMap *map,
                              GFile *file);
SmDocument  *sm_document_load (GFile        *file,
                               GCancellable *cancellable,
                               GError      **error);
SmMap       *sm_document_get_map (SmDocument *self);
SmHistory   *sm_document_get_history (SmDocument *self);
SmSelection *sm_document_get_selection (SmDocument *self);
SmEvaluator *sm_document_get_evaluator (SmDocument *self);
GFile       *sm_document_get_file (SmDocument *self);
void         sm_document_set_file (SmDocument *self,
                                   GFile      *file);
gboolean     sm_document_get_modified (SmDocument *self);
gboolean     sm_document_get_read_only (SmDocument *self);
char        *sm_document_dup_display_title (SmDocument *self);
void         sm_document_push (SmDocument *self,
                               SmCommand  *command);
gboolean     sm_document_get_changed_on_disk (SmDocument *self);
gboolean     sm_document_get_disk_stamp (SmDocument  *self,
                                         SmFileStamp *stamp);
void         sm_document_set_disk_stamp (SmDocument        *self,
                                         const SmFileStamp *stamp);
gboolean     sm_document_save (SmDocument   *self,
                               GFile        *file,
                               GCancellable *cancellable,
                               GError      **error);

G_END_DECLS

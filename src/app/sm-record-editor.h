/* sm-record-editor.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-document.h"

G_BEGIN_DECLS

/* Edits every field of one record, built from its kind's field table
 * (sm-schema.h), so a field added to the schema appears without code. Each
 * change is a command pushed on the document; changes made elsewhere
 * (undo, canvas, tables) show up in the widgets. */

#define SM_TYPE_RECORD_EDITOR (sm_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (SmRecordEditor, sm_record_editor, SM, RECORD_EDITOR, GtkWidget)

GtkWidget  *sm_record_editor_new (SmDocument *document,
                                  SmRecord   *record);
SmDocument *sm_record_editor_get_document (SmRecordEditor *self);
SmRecord   *sm_record_editor_get_record (SmRecordEditor *self);
void        sm_record_editor_set_record (SmRecordEditor *self,
                                         SmRecord       *record);

G_END_DECLS

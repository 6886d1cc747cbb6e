/* sm-autosave.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sm-document.h"

G_BEGIN_DECLS

/* Nothing lost if the laptop dies: while a document has unsaved changes, a
 * copy ID.stakemap is written every few seconds to the user's state
 * directory ($XDG_STATE_HOME/stakemap/autosave), beside a small note ID.info
 * of which file it belongs to and which process wrote it, and a lock file
 * ID.lock the writing process holds for as long as it keeps the copy.
 * Saving, or undoing back to the saved state, removes them; every copy not
 * held by a live Stakemap is an orphan, offered for recovery when the app
 * next starts. */

/* How often a copy is written, in seconds, unless the front end says
 * otherwise (the app's Preferences: sm_autosave_set_interval()). */
#define SM_AUTOSAVE_INTERVAL 5
#define SM_AUTOSAVE_INTERVAL_MIN 2
#define SM_AUTOSAVE_INTERVAL_MAX 300

typedef struct
{
  char      *id;             /* names the copy in the directory */
  GFile     *data;           /* the copy: a project file */
  GFile     *original;       /* the file it belongs to, or NULL for a new map */
  GDateTime *time;           /* when it was written */
  gboolean   unknown_origin; /* its note was missing or unreadable: nothing is
                              * known but the copy and its time on disk */
  gboolean    has_stamp;     /* what the original was when the map was read */
  SmFileStamp stamp;
} SmAutosaveEntry;

void sm_autosave_entry_free (SmAutosaveEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmAutosaveEntry, sm_autosave_entry_free)

#define SM_TYPE_AUTOSAVE (sm_autosave_get_type ())
G_DECLARE_FINAL_TYPE (SmAutosave, sm_autosave, SM, AUTOSAVE, GObject)

GFile      *sm_autosave_get_default_dir (void);
SmAutosave *sm_autosave_new (SmDocument *document,
                             GFile      *dir,
                             const char *id);
const char *sm_autosave_get_id (SmAutosave *self);
guint       sm_autosave_get_interval (SmAutosave *self);
void        sm_autosave_set_interval (SmAutosave *self,
                                      guint       seconds);
gboolean    sm_autosave_write_now (SmAutosave *self,
                                   GError    **error);
void        sm_autosave_discard (SmAutosave *self);
GPtrArray  *sm_autosave_find_orphans (GFile *dir);
void        sm_autosave_delete_entry (SmAutosaveEntry *entry);

G_END_DECLS

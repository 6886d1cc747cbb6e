/* sm-export-dialog.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sm-export-image.h"
#include "sm-window.h"

G_BEGIN_DECLS

/* The choices a picture of the map is made with, as Export Image… last
 * left them (GSettings). Copy Image and Print start from them too. Whose
 * names are shown is not among them: every picture starts with names
 * that follow consent. */
typedef struct
{
  SmImageFormat     format;
  gboolean          legend;
  gboolean          title;
  gboolean          transparent;
  int               width; /* PNG, in pixels */
  SmPageSize        page;
  SmPageOrientation orientation;
  gboolean          tile;
  int               margin; /* PDF and print, in millimetres */
} SmExportChoices;

void sm_export_choices_load (SmExportChoices *choices);
void sm_export_choices_save (const SmExportChoices *choices);
void sm_export_choices_apply (const SmExportChoices *choices,
                              SmImageOptions        *image);

char *sm_export_propose_name (SmDocument   *document,
                              const char   *view,
                              SmImageFormat format);

#define SM_TYPE_EXPORT_DIALOG (sm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SmExportDialog, sm_export_dialog, SM, EXPORT_DIALOG, AdwWindow)

SmExportDialog *sm_export_dialog_new (SmWindow *window);

G_END_DECLS

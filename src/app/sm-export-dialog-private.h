/* sm-export-dialog-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-export-dialog.h"
#include "sm-window.h"

G_BEGIN_DECLS

/* sm-window-export.c: the window's Export Image…, Copy Image and Print…
 * (win.export-image, win.copy-image, win.print). */
void _sm_window_class_export_init (GtkWidgetClass *widget_class);

/* The Names choice of the export dialog and the print dialog, by
 * position: only agreed names, all names, organisations only. */
SmExportNames _sm_export_names_from_position (guint position);
guint         _sm_export_names_to_position (SmExportNames names);

/* Test hooks: what the file chooser and the print dialog would do. */
char            *_sm_export_dialog_test_dup_proposed_name (SmExportDialog *self);
gboolean         _sm_export_dialog_test_export_to (SmExportDialog *self,
                                                   GFile          *file,
                                                   GError        **error);
cairo_surface_t *_sm_export_dialog_test_draw_preview (SmExportDialog *self,
                                                      int             width,
                                                      int             height);
const char      *_sm_export_dialog_test_get_caption (SmExportDialog *self);
gboolean         _sm_window_test_export_web_page (SmWindow     *window,
                                                  const char   *path,
                                                  SmExportNames names,
                                                  GError      **error);
gboolean         _sm_window_test_print_to_file (SmWindow   *window,
                                                const char *path,
                                                GError    **error);

G_END_DECLS

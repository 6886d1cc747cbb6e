/* sm-inspector.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-document.h"

G_BEGIN_DECLS

/* The side panel that edits what is selected: every field of the
 * selection's primary record (the one selected last), or a hint when
 * nothing is selected. */

#define SM_TYPE_INSPECTOR (sm_inspector_get_type ())
G_DECLARE_FINAL_TYPE (SmInspector, sm_inspector, SM, INSPECTOR, GtkWidget)

GtkWidget  *sm_inspector_new (SmDocument *document);
SmDocument *sm_inspector_get_document (SmInspector *self);

G_END_DECLS

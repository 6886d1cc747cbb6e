/* sm-wrap-box.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Children side by side at their natural width, wrapping onto the next
 * line when the width runs out, as words do: for rows of small buttons
 * such as a finding's evidence. (GTK 4.8 has no such container; GtkFlowBox
 * lines its children up in columns.) */

#define SM_TYPE_WRAP_BOX (sm_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (SmWrapBox, sm_wrap_box, SM, WRAP_BOX, GtkWidget)

GtkWidget *sm_wrap_box_new (int spacing);
void       sm_wrap_box_append (SmWrapBox *self,
                               GtkWidget *child);
void       sm_wrap_box_remove_all (SmWrapBox *self);

G_END_DECLS

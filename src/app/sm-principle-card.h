/* sm-principle-card.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-evaluate.h"

G_BEGIN_DECLS

/* One principle's card on the evaluation's summary page: an activatable
 * row of a list (activating it opens the principle's findings) that
 * shows the principle's status, score and checks from an evaluation. */

#define SM_TYPE_PRINCIPLE_CARD (sm_principle_card_get_type ())
G_DECLARE_FINAL_TYPE (SmPrincipleCard, sm_principle_card, SM, PRINCIPLE_CARD, GtkListBoxRow)

GtkWidget  *sm_principle_card_new (guint index);
guint       sm_principle_card_get_index (SmPrincipleCard *self);
void        sm_principle_card_update (SmPrincipleCard *self,
                                      SmEvaluation    *evaluation);
const char *sm_principle_card_get_status_text (SmPrincipleCard *self);
const char *sm_principle_card_get_previous_text (SmPrincipleCard *self);

G_END_DECLS

/* sm-evaluation-status.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sm-evaluate.h"

G_BEGIN_DECLS

/* How the evaluation's widgets (the panel, a principle's card, a finding)
 * show a status: in words and icons, never colour alone (§4, §8.7). */

const char *_sm_rule_status_icon (SmRuleStatus status);
const char *_sm_rule_status_css (SmRuleStatus status);
const char *_sm_principle_status_icon (SmPrincipleStatus status);
const char *_sm_principle_status_css (SmPrincipleStatus status);
void        _sm_status_image_set (GtkWidget  *image,
                                  const char *icon,
                                  const char *css,
                                  const char *word);
char       *_sm_principle_status_dup_text (const SmPrincipleResult *pr);
void        _sm_score_bar_init (GtkWidget *bar);

G_END_DECLS

/* sm-easy-read.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sm-evaluate.h"

G_BEGIN_DECLS

/* The words of the easy-read report (principles.md §8.6): short sentences
 * of everyday words, one idea each, for the people on the receiving end of
 * a service as much as for those who run it. Every rule and check has
 * three: what it looks like when it goes well, what it looks like when it
 * needs work, and what the group could do. They say what the finding is
 * about without its numbers; the full report has those. */

typedef enum
{
  SM_EASY_OK,      /* "People with lived experience help make real decisions." */
  SM_EASY_CONCERN, /* "Professionals make the decisions. …" */
  SM_EASY_TODO,    /* "Pick one real decision. Agree to make it together." */
} SmEasyPart;

/* Translated, or NULL for an id this version doesn't know. */
const char *sm_easy_read_rule (const char *rule_id,
                               SmEasyPart  part);
/* "Working as equals" for P2. */
const char *sm_easy_read_principle_name (const char *principle_id);
/* One or two sentences on what the principle means. */
const char *sm_easy_read_principle_about (const char *principle_id);
/* "This is going well." … */
const char *sm_easy_read_status (SmPrincipleStatus status);
/* "Going well", for a list of the seven. */
const char *sm_easy_read_status_short (SmPrincipleStatus status);
/* The gate (SmEvaluation.gate_id) in easy words, or NULL. */
const char *sm_easy_read_gate (const char *gate_id);

G_END_DECLS

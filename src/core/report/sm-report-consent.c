/* sm-report-consent.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Consent (DQ-05): the copy of the map the report is made from, with
 * every individual who has not agreed to be named called "Participant N"
 * (sm_public_names_new(): the same N as every other output), in their
 * record and in free text; for a public paper, every individual. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-report-private.h"

/* @text with every whole-word occurrence of a hidden name replaced. */
char *
_sm_report_scrub (SmReport   *r,
                  const char *text)
{
  return sm_public_names_scrub (r->names, text);
}

/* The copy of the map the report is made from. */
gboolean
_sm_report_make_copy (SmReport *r,
                      GError  **error)
{
  r->names = sm_public_names_new_full (r->original,
                                       r->hide_people ? SM_PUBLIC_NAMES_HIDE_PEOPLE : SM_PUBLIC_NAMES_CONSENT);
  r->n_hidden = sm_public_names_get_n_hidden (r->names);
  r->map = sm_public_names_dup_map (r->names, r->original, error);
  return r->map != NULL;
}

/* sm-sources.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The published sources the rules rest on (principles.md §1), by id
 * ("S2", "S6b"), so findings can say where an idea comes from. */

guint       sm_sources_get_count (void);
const char *sm_sources_get_id (guint index);
/* Author and year, or the organisation: "Arnstein (1969)". NULL when the
 * id is not a source. */
const char *sm_source_get_short (const char *id);
/* The full reference: authors, year, title, publisher. */
const char *sm_source_get_citation (const char *id);

G_END_DECLS

/* sm-labels.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words for people: the translated label of an enumeration value of format
 * v1 ("service_user" → "Service user"). A value this version does not know
 * is shown as its own text made readable. The string lives as long as the
 * program. */
const char *sm_value_label (const char *value);

G_END_DECLS

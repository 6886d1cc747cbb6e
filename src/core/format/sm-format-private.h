/* sm-format-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-format.h"

G_BEGIN_DECLS

/* For tests: files are read in chunks of @size bytes (0: the default). */
void _sm_format_set_chunk_size (gsize size);
/* For tests: the check of the whole file as one tree, which the reading
 * of a stream must agree with. */
GPtrArray *_sm_format_check_bytes_whole (GBytes *bytes,
                                         guint  *n_problems);

G_END_DECLS

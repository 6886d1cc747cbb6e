/* sm-file-writer-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-file-writer.h"

G_BEGIN_DECLS

/* The steps of a write, in order, for the tests to make one of them fail
 * as a full disk or a failing device would. */
typedef enum
{
  SM_FILE_STEP_NONE,
  SM_FILE_STEP_CREATE, /* the temporary file */
  SM_FILE_STEP_WRITE,
  SM_FILE_STEP_SYNC,
  SM_FILE_STEP_CHECK, /* looking at the target before replacing it */
  SM_FILE_STEP_BACKUP,
  SM_FILE_STEP_RENAME,
  SM_FILE_STEP_SYNC_FOLDER,
  SM_FILE_N_STEPS,
} SmFileStep;

/* Makes the next write fail at @step with @error_number (0: no failure),
 * once, in every thread. */
void _sm_file_writer_fail_at (SmFileStep step,
                              int        error_number);
/* The same, at the @n-th time the step is taken (1: the next). */
void _sm_file_writer_fail_at_nth (SmFileStep step,
                                  int        error_number,
                                  guint      n);

G_END_DECLS

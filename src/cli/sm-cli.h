/* sm-cli.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the two programs of the command line share: `stakemap-cli`, which
 * checks files itself and hands every other command on, and
 * `stakemap-cli-commands`, which runs them all (sm-cli-common.c). */

/* Exit statuses, as `stakemap-cli --help` states them. */
enum
{
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 130, /* 128 + SIGINT, as shells report it */
};

void sm_cli_init (void);
void sm_cli_print_file_error (const char *file,
                              const char *message);
int  sm_cli_usage_error (GOptionContext *context,
                         const char     *message);
int  sm_cli_run_check (int    argc,
                       char **argv);

G_END_DECLS

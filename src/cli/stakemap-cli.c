/* stakemap-cli.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "sm-cli.h"

/* The program users run. `check` it runs itself: a check in a script or a
 * commit hook is over in the time a whole process takes to start, and
 * this program loads only GLib and json-glib. Every other command, with
 * --help and --version, it hands on to stakemap-cli-commands, which
 * loads the rest (the evaluation, the drawing, import and export). */

#define COMMANDS_PROGRAM "stakemap-cli-commands"

/* stakemap-cli-commands beside this program (the build tree) or else
 * where it is installed. */
static char *
find_commands (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, COMMANDS_PROGRAM, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (LIBEXECDIR, COMMANDS_PROGRAM, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *commands = NULL;
  int              saved_errno;

  sm_cli_init ();

  if (argc >= 2 && strcmp (argv[1], "check") == 0)
    {
      g_set_prgname ("stakemap-cli check");
      return sm_cli_run_check (argc - 1, argv + 1);
    }

  commands = find_commands ();
  execv (commands, argv);
  saved_errno = errno;
  /* TRANSLATORS: %s is a program's path, then why it could not run */
  g_printerr (_ ("stakemap-cli: could not run %s: %s\n"), commands, g_strerror (saved_errno));
  g_printerr (_ ("Only “stakemap-cli check” works without it; reinstalling Stakemap should bring it back.\n"));
  /* As a shell says it: not there, or there but not runnable. */
  return saved_errno == ENOENT ? 127 : 126;
}

/* main.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sm-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SmApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* STAKEMAP_LOCALEDIR: catalogues other than the installed ones, for
   * the tests and for running from the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STAKEMAP_LOCALEDIR") != NULL ? g_getenv ("STAKEMAP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

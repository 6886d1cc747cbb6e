/* sm-cli-common.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "sm-cli.h"
#include "sm-export.h"
#include "sm-format.h"

/* Everything stakemap-cli prints goes through here. Text from a map may
 * hold control characters (an escape sequence in a name could rewrite the
 * terminal): they are shown as U+FFFD; the line breaks and tabs of the
 * output itself are kept. JSON output has them escaped already. */
static void
print_safe (FILE       *stream,
            const char *text)
{
  g_autofree char *safe = sm_export_replace_controls (text, "\n\t");
  const char      *charset;

  /* As GLib's own handler would, in the terminal's character set. */
  if (!g_get_charset (&charset))
    {
      g_autofree char *converted = g_convert_with_fallback (safe, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);
      if (converted != NULL)
        {
          fputs (converted, stream);
          return;
        }
    }
  fputs (safe, stream);
}

static void
print_cb (const char *text)
{
  print_safe (stdout, text);
}

static void
printerr_cb (const char *text)
{
  print_safe (stderr, text);
}

void
sm_cli_init (void)
{
  setlocale (LC_ALL, "");
  g_set_print_handler (print_cb);
  g_set_printerr_handler (printerr_cb);
  /* STAKEMAP_LOCALEDIR: catalogues other than the installed ones, for
   * the tests and for running from the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STAKEMAP_LOCALEDIR") != NULL ? g_getenv ("STAKEMAP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
sm_cli_print_file_error (const char *file,
                         const char *message)
{
  g_printerr ("stakemap-cli: %s: %s\n", file, message);
}

int
sm_cli_usage_error (GOptionContext *context,
                    const char     *message)
{
  g_printerr ("stakemap-cli: %s\n", message);
  if (context != NULL)
    g_printerr (_ ("Try “%s --help” for more information.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

/* check: the one command stakemap-cli runs itself (stakemap-cli.c). */

int
sm_cli_run_check (int    argc,
                  char **argv)
{
  gboolean           quiet = FALSE;
  int                status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_ ("Print nothing for valid files"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("FILE… — check project files"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
                                _ ("Checks that each FILE is a valid Stakemap project and prints one line\n"
                                   "for each problem found, saying where it is."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc < 2)
    return sm_cli_usage_error (context, _ ("check: no file given"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GPtrArray) problems = NULL;
      guint n_problems = 0;

      problems = sm_format_check_file (file, NULL, &n_problems, &read_error);
      if (problems == NULL)
        {
          sm_cli_print_file_error (argv[i], read_error->message);
          status = EXIT_BAD_INPUT;
          continue;
        }
      for (guint p = 0; p < problems->len; p++)
        sm_cli_print_file_error (argv[i], g_ptr_array_index (problems, p));
      if (n_problems > problems->len)
        {
          g_autofree char *more =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more problem, not listed (the first %u are)",
                                          "and %u more problems, not listed (the first %u are)",
                                          n_problems - problems->len),
                             n_problems - problems->len, problems->len);

          sm_cli_print_file_error (argv[i], more);
        }
      if (problems->len > 0)
        status = EXIT_BAD_INPUT;
      else if (!quiet)
        g_print (_ ("%s: valid\n"), argv[i]);
    }

  return status;
}

/* stakemap-cli-commands.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sm-arrangement.h"
#include "sm-cli.h"
#include "sm-evaluate.h"
#include "sm-evaluation-store.h"
#include "sm-export-image.h"
#include "sm-export.h"
#include "sm-exporter.h"
#include "sm-format.h"
#include "sm-import.h"
#include "sm-json.h"
#include "sm-layout.h"
#include "sm-metrics.h"
#include "sm-report.h"
#include "sm-sources.h"

/* The headless front end: scripts, CI and bulk users drive the core here.
 * Exit status 0 when all is well, 1 for bad input, 2 for bad usage.
 * Users run stakemap-cli, which checks files itself and runs this program,
 * installed in libexecdir, for every other command (stakemap-cli.c). */

typedef struct
{
  const char *name;
  const char *parameters;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

/* Commands in files of their own. */
int sm_cli_run_diff (int    argc,
                     char **argv);
int sm_cli_run_merge (int    argc,
                      char **argv);

/* Text from a map for one line of a table or a list: no line breaks or
 * tabs either. */
static char *
one_line (const char *text)
{
  return sm_export_replace_controls (text, "");
}

typedef enum
{
  FILE_TYPE_UNKNOWN,
  FILE_TYPE_STAKEMAP,
  FILE_TYPE_GRAPHML,
  FILE_TYPE_GEXF,
  FILE_TYPE_CSV,
  FILE_TYPE_XLSX,
} FileType;

static FileType
file_type_for (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".stakemap") || g_str_has_suffix (lower, ".json"))
    return FILE_TYPE_STAKEMAP;
  if (g_str_has_suffix (lower, ".graphml") || g_str_has_suffix (lower, ".xml"))
    return FILE_TYPE_GRAPHML;
  if (g_str_has_suffix (lower, ".gexf"))
    return FILE_TYPE_GEXF;
  if (g_str_has_suffix (lower, ".csv"))
    return FILE_TYPE_CSV;
  if (g_str_has_suffix (lower, ".xlsx"))
    return FILE_TYPE_XLSX;
  return FILE_TYPE_UNKNOWN;
}

/* What the map's file was when it was read: a command that writes a map
 * back over it refuses when another program changed it meanwhile. */
static struct
{
  GFile      *file;
  SmFileStamp stamp;
} input;

static void
remember_input (const char *path)
{
  g_clear_object (&input.file);
  input.file = g_file_new_for_commandline_arg (path);
  if (!sm_file_stamp_read (input.file, &input.stamp, NULL))
    g_clear_object (&input.file);
}

/* The stamp to check before writing over @file, when it is the input. */
static const SmFileStamp *
expected_stamp (GFile *file)
{
  if (input.file == NULL || !input.stamp.exists)
    return NULL;
  if (g_file_equal (file, input.file))
    return &input.stamp;

  /* Another name for the same file: a link, or "./" in front. */
  {
    SmFileStamp stamp;

    if (sm_file_stamp_read (file, &stamp, NULL) && stamp.exists &&
        stamp.device == input.stamp.device && stamp.inode == input.stamp.inode)
      return &input.stamp;
  }
  return NULL;
}

static GBytes *
read_input (const char *path,
            GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return sm_format_read_file (file, NULL, error);
}

/* Long work: loading, evaluating, measuring or reporting on a big map
 * takes minutes. It runs on a worker thread while the main thread waits,
 * shows progress on a terminal, and turns Ctrl+C into a cancellation.
 * Output is written only after the work is whole, so an interrupted
 * command leaves nothing half written. */

typedef gpointer (*LongWorkFunc) (gpointer      data,
                                  GCancellable *cancellable,
                                  SmProgress   *progress);

typedef struct
{
  LongWorkFunc  func;
  gpointer      data;
  GCancellable *cancellable;
  SmProgress   *progress;
  gpointer      result;
  GMutex        lock;
  GCond         cond;
  gboolean      done;
} LongWork;

/* Progress shows only for work a person would notice waiting for. */
#define SHOW_PROGRESS_AFTER_US (G_USEC_PER_SEC / 2)
#define PROGRESS_EVERY_US (G_USEC_PER_SEC / 10)

static volatile sig_atomic_t interrupted;

static void
sigint_cb (int signum)
{
  interrupted = 1;
}

/* From the first long work on, Ctrl+C is ours: it only sets a flag (the
 * one thing a signal handler may safely do), which the main thread turns
 * into a cancellation and the command into exit status 130. */
static void
catch_interrupt (void)
{
  static gboolean  installed;
  struct sigaction action = { 0 };

  if (installed)
    return;
  action.sa_handler = sigint_cb;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  installed = TRUE;
}

static int
exit_interrupted (void)
{
  g_printerr ("stakemap-cli: %s\n", _ ("interrupted"));
  return EXIT_INTERRUPTED;
}

static gpointer
long_work_thread (gpointer user_data)
{
  LongWork *work = user_data;
  gpointer  result = work->func (work->data, work->cancellable, work->progress);

  g_mutex_lock (&work->lock);
  work->result = result;
  work->done = TRUE;
  g_cond_signal (&work->cond);
  g_mutex_unlock (&work->lock);
  return NULL;
}

/* "Measuring the network… 42 %" on one line of the terminal. */
static void
show_progress (SmProgress *progress)
{
  g_autofree char *stage = sm_progress_dup_stage (progress);
  double           fraction = sm_progress_get_fraction (progress);

  if (stage == NULL)
    stage = g_strdup (_ ("Working…"));
  if (fraction > 0)
    fprintf (stderr, "\r\033[K%s %.0f %%", stage, floor (fraction * 100));
  else
    fprintf (stderr, "\r\033[K%s", stage);
  fflush (stderr);
}

/* Runs @func on a worker thread and returns what it returns; NULL when
 * it failed (it has said why) or when interrupted (check `interrupted`). */
static gpointer
run_long (LongWorkFunc   func,
          gpointer       data,
          GDestroyNotify free_result)
{
  LongWork work = { func, data };
  gboolean terminal = isatty (STDERR_FILENO);
  gboolean shown = FALSE;
  gint64   start = g_get_monotonic_time ();
  GThread *thread;

  catch_interrupt ();
  if (interrupted)
    return NULL;
  work.cancellable = g_cancellable_new ();
  work.progress = sm_progress_new ();
  g_mutex_init (&work.lock);
  g_cond_init (&work.cond);

  thread = g_thread_new ("stakemap-cli work", long_work_thread, &work);
  g_mutex_lock (&work.lock);
  while (!work.done)
    {
      gint64 now;

      /* Wakes at once when the work ends, and often enough to see a
       * Ctrl+C and keep the progress moving. */
      g_cond_wait_until (&work.cond, &work.lock, g_get_monotonic_time () + PROGRESS_EVERY_US);
      if (work.done)
        break;
      now = g_get_monotonic_time ();
      if (interrupted)
        g_cancellable_cancel (work.cancellable);
      if (terminal && now - start >= SHOW_PROGRESS_AFTER_US)
        {
          show_progress (work.progress);
          shown = TRUE;
        }
    }
  g_mutex_unlock (&work.lock);
  g_thread_join (thread);

  if (shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
    }
  g_mutex_clear (&work.lock);
  g_cond_clear (&work.cond);
  g_object_unref (work.progress);
  g_object_unref (work.cancellable);
  /* Done just as Ctrl+C came: interrupted all the same. */
  if (interrupted && work.result != NULL)
    g_clear_pointer (&work.result, free_result);
  return work.result;
}

/* Loads any input the command line accepts, by its extension. On failure
 * the message has been printed. */
static SmMap *
load_map (const char *path,
          const char *relationships_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) relationships = NULL;
  g_auto(GStrv) warnings = NULL;
  SmMap *map = NULL;

  remember_input (path);
  if (file_type_for (path) == FILE_TYPE_STAKEMAP || file_type_for (path) == FILE_TYPE_UNKNOWN)
    {
      /* Read a chunk at a time: a big map's text is never all in memory. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      map = sm_format_load_file (file, NULL, &error);
      if (map == NULL)
        sm_cli_print_file_error (path, error->message);
      return map;
    }
  bytes = read_input (path, &error);
  if (bytes == NULL)
    {
      sm_cli_print_file_error (path, error->message);
      return NULL;
    }

  switch (file_type_for (path))
    {
    case FILE_TYPE_GRAPHML:
      map = sm_import_graphml_full (bytes, &warnings, &error);
      break;
    case FILE_TYPE_GEXF:
      map = sm_import_gexf_full (bytes, &warnings, &error);
      break;
    case FILE_TYPE_CSV:
      if (relationships_path != NULL)
        {
          relationships = read_input (relationships_path, &error);
          if (relationships == NULL)
            {
              sm_cli_print_file_error (relationships_path, error->message);
              return NULL;
            }
        }
      map = sm_import_csv_full (bytes, relationships, &warnings, &error);
      break;
    case FILE_TYPE_XLSX:
      map = sm_import_xlsx_full (bytes, &warnings, &error);
      break;
    case FILE_TYPE_STAKEMAP:
    case FILE_TYPE_UNKNOWN:
    default:
      map = sm_format_load_bytes (bytes, &error);
      break;
    }

  /* Nothing an import changes goes unsaid. */
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr (_ ("stakemap-cli: %s: warning: %s\n"),
                g_str_has_prefix (warnings[i], "relationships") && relationships_path != NULL ? relationships_path
                                                                                              : path,
                warnings[i]);

  if (map == NULL)
    sm_cli_print_file_error (error->domain == SM_IMPORT_ERROR && relationships_path != NULL &&
                                 g_str_has_prefix (error->message, "relationships")
                               ? relationships_path
                               : path,
                             error->message);
  return map;
}

typedef struct
{
  const char *path;
  const char *relationships_path;
} LoadJob;

static gpointer
load_work (gpointer      data,
           GCancellable *cancellable,
           SmProgress   *progress)
{
  LoadJob *job = data;

  sm_progress_update (progress, -1, _ ("Reading the map…"));
  return load_map (job->path, job->relationships_path);
}

/* load_map() as long work: a map of 100,000 stakeholders takes seconds. */
static SmMap *
load_map_long (const char *path,
               const char *relationships_path)
{
  LoadJob job = { path, relationships_path };

  return run_long (load_work, &job, g_object_unref);
}

/* convert */

static gboolean
write_bytes (const char *path,
             GBytes     *bytes,
             GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, expected_stamp (file), NULL, error);
}

/* Makes OUT's bytes as long work, then writes them: Ctrl+C or a failure
 * while they are made leaves nothing behind. @job_error is where @func
 * says what went wrong. */
static int
make_and_write (LongWorkFunc func,
                gpointer     job,
                GError     **job_error,
                const char  *output)
{
  g_autoptr(GBytes) bytes = run_long (func, job, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;

  if (interrupted)
    {
      g_clear_error (job_error);
      return exit_interrupted ();
    }
  if (bytes == NULL)
    {
      sm_cli_print_file_error (output, (*job_error)->message);
      g_clear_error (job_error);
      return EXIT_BAD_INPUT;
    }
  if (!write_bytes (output, bytes, &error))
    {
      sm_cli_print_file_error (output, error->message);
      return EXIT_BAD_INPUT;
    }
  return EXIT_OK;
}

static gboolean
save_map (SmMap      *map,
          const char *path,
          GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return sm_format_save_file_full (map, file, expected_stamp (file), NULL, NULL, error);
}

static int
run_convert (int    argc,
             char **argv)
{
  g_autofree char   *output = NULL;
  g_autofree char   *relationships = NULL;
  g_autofree char   *names = NULL;
  gboolean           anonymise = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write to OUT (its extension sets the format)"), N_ ("OUT") },
    { "relationships", 'r', 0, G_OPTION_ARG_FILENAME, &relationships,
      N_ ("With a CSV input: the relationships CSV"), N_ ("FILE") },
    { "names", 0, 0, G_OPTION_ARG_STRING, &names,
      N_ ("consent (the default): people who have not agreed to be named are \"Participant N\"; none: every "
          "person is, only organisations and groups are named; all: everyone by name"),
      N_ ("consent|none|all") },
    { "anonymise", 0, 0, G_OPTION_ARG_NONE, &anonymise,
      N_ ("Write a copy to pass on: hidden people as \"Participant N\" (ids participant-N) everywhere, "
          "notes and private details left out"),
      NULL },
    { NULL }
  };
  SmExportOptions options = SM_EXPORT_OPTIONS_INIT;
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("IN -o OUT — convert between formats"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  const SmExporter *exporter = NULL;

  g_option_context_set_summary (context,
                                _ ("Converts between Stakemap projects (.stakemap), GraphML (.graphml),\n"
                                   "GEXF (.gexf), CSV (.csv) and workbooks (.xlsx), by file extension. A CSV\n"
                                   "output writes the stakeholders to OUT and the relationships beside it as\n"
                                   "NAME.relationships.csv; a workbook holds both as two sheets.\n"
                                   "GraphML, GEXF, CSV and XLSX show people who have not agreed to be named as\n"
                                   "\"Participant N\", unless --names=all; --names=none shows every person so.\n"
                                   "A .stakemap output is a full copy.\n"
                                   "--anonymise writes any of them from a copy to pass on: hidden names and\n"
                                   "ids replaced in every field, every note and private detail left out."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc != 2)
    return sm_cli_usage_error (context, _ ("convert: give one input file"));
  if (output == NULL)
    return sm_cli_usage_error (context, _ ("convert: no output file given (use -o OUT)"));
  if (file_type_for (argv[1]) == FILE_TYPE_UNKNOWN)
    return sm_cli_usage_error (context, _ ("convert: the input must end in .stakemap, .graphml, .gexf, .csv or .xlsx"));
  /* A project file, or any format an exporter writes. */
  if (file_type_for (output) != FILE_TYPE_STAKEMAP)
    exporter = sm_exporter_guess_for_path (output);
  if (file_type_for (output) != FILE_TYPE_STAKEMAP && (exporter == NULL || exporter->picture))
    return sm_cli_usage_error (context, exporter != NULL
                                          ? _ ("convert: for a picture of the map use “stakemap-cli export”")
                                          : _ ("convert: the output must end in .stakemap, .graphml, .gexf, .csv or .xlsx"));
  if (relationships != NULL && file_type_for (argv[1]) != FILE_TYPE_CSV)
    return sm_cli_usage_error (context, _ ("convert: --relationships goes with a CSV input"));
  if (names != NULL && !sm_export_names_from_string (names, &options.names))
    return sm_cli_usage_error (context, _ ("convert: --names must be consent, none or all"));
  if (anonymise && options.names == SM_EXPORT_NAMES_ALL)
    return sm_cli_usage_error (context, _ ("convert: --anonymise hides names; it cannot go with --names=all"));

  map = load_map_long (argv[1], relationships);
  if (interrupted)
    return exit_interrupted ();
  if (map == NULL)
    return EXIT_BAD_INPUT;
  if (anonymise)
    {
      g_autoptr(SmPublicNames) public_names =
                   sm_public_names_new_full (map, options.names == SM_EXPORT_NAMES_NONE ? SM_PUBLIC_NAMES_HIDE_PEOPLE
                                                                                        : SM_PUBLIC_NAMES_CONSENT);
      SmMap *copy = sm_public_names_dup_anonymised (public_names, map, &error);

      if (copy == NULL)
        {
          sm_cli_print_file_error (argv[1], error->message);
          return EXIT_BAD_INPUT;
        }
      g_object_unref (map);
      map = copy;
    }

  if (exporter == NULL)
    {
      if (!save_map (map, output, &error))
        {
          sm_cli_print_file_error (output, error->message);
          return EXIT_BAD_INPUT;
        }
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
      g_autofree char *companion_path = sm_exporter_dup_companion_path (exporter, output);
      g_autoptr(GFile) companion = companion_path != NULL ? g_file_new_for_commandline_arg (companion_path) : NULL;

      /* As convert always has: a single output file is checked against
       * the input read (another program may have changed it since); a
       * CSV pair is not. */
      if (!sm_exporter_write_file (exporter, map, &options, file, companion,
                                   companion == NULL ? expected_stamp (file) : NULL, NULL, &error))
        {
          /* With two files, the message names the one it is about. */
          if (companion != NULL)
            g_printerr ("stakemap-cli: %s\n", error->message);
          else
            sm_cli_print_file_error (output, error->message);
          return EXIT_BAD_INPUT;
        }
    }

  return EXIT_OK;
}

/* export */

static char *
list_views (void)
{
  guint                           n;
  const SmArrangementInfo *const *all = sm_arrangements_get_all (&n);
  GString                        *list = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", sm_arrangement_info_get_id (all[i]));
  return g_string_free (list, FALSE);
}

typedef struct
{
  SmMap                 *map;
  const SmExportOptions *options;
  SmImageFormat          format;
  const SmExporter      *page; /* the web page, or NULL for a picture of @format */
  GError                *error;
} ExportJob;

static gpointer
export_work (gpointer      data,
             GCancellable *cancellable,
             SmProgress   *progress)
{
  ExportJob *job = data;
  g_autoptr(SmImage) image = NULL;

  /* As the app opens it: stakeholders without a position are placed. */
  sm_layout_place_missing (job->map);
  if (job->page != NULL)
    {
      GBytes *bytes = NULL;

      if (!sm_exporter_write_bytes (job->page, job->map, job->options, &bytes, NULL, cancellable, &job->error))
        return NULL;
      return bytes;
    }
  image = sm_image_new (job->map, job->options, &job->error);
  if (image == NULL)
    return NULL;
  return sm_image_write_bytes (image, job->format, &job->error);
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char   *output = NULL;
  g_autofree char   *view = NULL;
  g_autofree char   *page = NULL;
  g_autofree char   *background = NULL;
  g_autofree char   *names = NULL;
  g_autofree char   *only = NULL;
  g_autofree char   *compare_with = NULL;
  int                width = 0;
  double             scale = 0, margin = -1;
  gboolean           landscape = FALSE, portrait = FALSE, tile = FALSE, no_legend = FALSE, no_title = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write to OUT: .png, .svg, .pdf or .html"), N_ ("OUT") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view, N_ ("The view to draw (default: map)"), N_ ("VIEW") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_ ("PNG, SVG: the picture's width in pixels"), N_ ("PX") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_ ("PNG, SVG: pixels per pixel of the canvas at 100% (default 1); tiled PDF: the same, at 96 per inch"),
      N_ ("N") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, N_ ("PDF: the paper (default a4)"), N_ ("a4|letter|a3") },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_ ("PDF: landscape pages"), NULL },
    { "portrait", 0, 0, G_OPTION_ARG_NONE, &portrait, N_ ("PDF: portrait pages (default: as the map is wide or tall)"),
      NULL },
    { "margin", 0, 0, G_OPTION_ARG_DOUBLE, &margin, N_ ("PDF: the margin in millimetres (default 10)"), N_ ("MM") },
    { "tile", 0, 0, G_OPTION_ARG_NONE, &tile, N_ ("PDF: spread the map over several pages at --scale"), NULL },
    { "background", 0, 0, G_OPTION_ARG_STRING, &background, N_ ("PNG, SVG: the background (default white)"),
      N_ ("white|transparent") },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend, N_ ("Leave out the legend"), NULL },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &no_title, N_ ("Leave out the title block"), NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      N_ ("Only these stakeholders and relationships, by id, separated by commas"), N_ ("IDS") },
    { "names", 0, 0, G_OPTION_ARG_STRING, &names,
      N_ ("consent (the default): people who have not agreed to be named are \"Participant N\"; none: every "
          "person is, only organisations and groups are named; all: everyone by name"),
      N_ ("consent|none|all") },
    { "compare-with", 0, 0, G_OPTION_ARG_FILENAME, &compare_with,
      N_ ("Mark what changed since OLD, another version of the map: added, changed, and removed drawn dashed"),
      N_ ("OLD") },
    { NULL }
  };
  g_autoptr(SmMap) older = NULL;
  SmImageOptions    image = SM_IMAGE_OPTIONS_INIT;
  SmExportOptions   options = SM_EXPORT_OPTIONS_INIT;
  SmImageFormat     format = SM_IMAGE_SVG;
  const SmExporter *web = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GOptionContext) context =
               g_option_context_new (_ ("FILE -o OUT — draw the map as PNG, SVG, PDF or a web page"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autofree char *views = list_views ();
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (_ ("Draws the map as the app shows it, with a title block and the legend\n"
                                "beside it, as PNG, SVG or PDF by OUT's extension. Views: %s.\n"
                                "OUT.html is one web page that needs nothing beside it: the map to pan\n"
                                "and zoom, each stakeholder's details, and the evaluation's summary.\n"
                                "People who have not agreed to be named are \"Participant N\" unless\n"
                                "--names=all, and the picture then says it is for the group only.\n"
                                "With --names=none every person is \"Participant N\": only organisations\n"
                                "and groups are named, for a public paper or a website."),
                             views);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc != 2)
    return sm_cli_usage_error (context, _ ("export: give one project file"));
  if (output == NULL)
    return sm_cli_usage_error (context, _ ("export: no output file given (use -o OUT)"));
  web = sm_exporter_guess_for_path (output);
  if (web != NULL && strcmp (web->id, "html") != 0)
    web = NULL;
  if (web == NULL && !sm_image_format_from_path (output, &format))
    return sm_cli_usage_error (context, _ ("export: the output must end in .png, .svg, .pdf or .html"));
  if (web != NULL && (width != 0 || scale != 0 || background != NULL || no_title || only != NULL))
    return sm_cli_usage_error (context,
                               _ ("export: --width, --scale, --background, --no-title and --only go with pictures; a web "
                                  "page shows the whole map, and its reader zooms"));
  if (file_type_for (argv[1]) == FILE_TYPE_UNKNOWN)
    return sm_cli_usage_error (context, _ ("export: the input must end in .stakemap, .graphml, .gexf, .csv or .xlsx"));
  if (view != NULL && sm_arrangement_find (view) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("export: --view must be one of %s"), views);

      return sm_cli_usage_error (context, message);
    }
  if (width < 0 || (width > 0 && width < SM_IMAGE_MIN_WIDTH) || width > SM_IMAGE_MAX_SIDE)
    {
      g_autofree char *message =
        g_strdup_printf (_ ("export: --width must be from %d to %d"), SM_IMAGE_MIN_WIDTH, SM_IMAGE_MAX_SIDE);

      return sm_cli_usage_error (context, message);
    }
  if (scale < 0 || scale > 100 || isnan (scale))
    return sm_cli_usage_error (context, _ ("export: --scale must be more than 0 and at most 100"));
  if (width > 0 && scale > 0)
    return sm_cli_usage_error (context, _ ("export: give --width or --scale, not both"));
  if (format == SM_IMAGE_PDF && width > 0)
    return sm_cli_usage_error (context, _ ("export: --width goes with PNG and SVG; a PDF is fitted to its page"));
  if (format == SM_IMAGE_PDF && scale > 0 && !tile)
    return sm_cli_usage_error (context, _ ("export: with a PDF, --scale goes with --tile"));
  if (format != SM_IMAGE_PDF && (page != NULL || landscape || portrait || tile || margin >= 0))
    return sm_cli_usage_error (context, _ ("export: --page, --landscape, --portrait, --margin and --tile go with a PDF"));
  if (landscape && portrait)
    return sm_cli_usage_error (context, _ ("export: give --landscape or --portrait, not both"));
  if (page != NULL && !sm_page_size_from_string (page, &image.page))
    return sm_cli_usage_error (context, _ ("export: --page must be a4, letter or a3"));
  if (margin > 50)
    return sm_cli_usage_error (context, _ ("export: --margin must be from 0 to 50 millimetres"));
  if (background != NULL && strcmp (background, "white") != 0 && strcmp (background, "transparent") != 0)
    return sm_cli_usage_error (context, _ ("export: --background must be white or transparent"));
  if (format == SM_IMAGE_PDF && background != NULL)
    return sm_cli_usage_error (context, _ ("export: --background goes with PNG and SVG"));
  if (names != NULL && !sm_export_names_from_string (names, &options.names))
    return sm_cli_usage_error (context, _ ("export: --names must be consent, none or all"));
  if (only != NULL)
    {
      ids = g_strsplit (only, ",", -1);
      for (guint i = 0; ids[i] != NULL; i++)
        g_strstrip (ids[i]);
    }

  image.view = view;
  image.width = width;
  image.scale = scale;
  image.orientation = landscape ? SM_PAGE_LANDSCAPE : portrait ? SM_PAGE_PORTRAIT
                                                               : SM_PAGE_AUTO;
  image.margin = margin;
  image.tile = tile;
  image.transparent = g_strcmp0 (background, "transparent") == 0;
  image.no_legend = no_legend;
  image.no_title = no_title;
  image.selection = (const char *const *) ids;
  options.image = &image;

  map = load_map_long (argv[1], NULL);
  if (interrupted)
    return exit_interrupted ();
  if (map == NULL)
    return EXIT_BAD_INPUT;
  if (compare_with != NULL)
    {
      older = load_map_long (compare_with, NULL);
      if (interrupted)
        return exit_interrupted ();
      if (older == NULL)
        return EXIT_BAD_INPUT;
      image.compare_with = older;
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (sm_map_lookup (map, ids[i]) == NULL)
      {
        g_autofree char *message = g_strdup_printf (_ ("--only: no stakeholder or relationship has the id “%s”"), ids[i]);

        sm_cli_print_file_error (argv[1], message);
        return EXIT_BAD_INPUT;
      }

  /* Drawn whole on a worker, then written: Ctrl+C while it is drawn
   * leaves nothing behind. */
  {
    ExportJob job = { map, &options, format, web, NULL };

    return make_and_write (export_work, &job, &job.error, output);
  }
}

/* metrics */

static JsonNode *
metrics_to_json (SmMap     *map,
                 SmMetrics *metrics)
{
  SmCollection *stakeholders = sm_map_get_stakeholders (map);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stakeholders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < metrics->n_stakeholders; i++)
    {
      SmRecord *s = sm_collection_get (stakeholders, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, sm_record_get_id (s));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, sm_stakeholder_get_name (s));
      json_builder_set_member_name (builder, "degree");
      json_builder_add_int_value (builder, metrics->degree[i]);
      json_builder_set_member_name (builder, "betweenness");
      json_builder_add_double_value (builder, metrics->betweenness[i]);
      json_builder_set_member_name (builder, "community");
      json_builder_add_int_value (builder, metrics->community[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "map");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stakeholders");
  json_builder_add_int_value (builder, metrics->n_stakeholders);
  json_builder_set_member_name (builder, "edges");
  json_builder_add_int_value (builder, metrics->n_edges);
  json_builder_set_member_name (builder, "degree_centralization");
  json_builder_add_double_value (builder, metrics->degree_centralization);
  json_builder_set_member_name (builder, "components");
  json_builder_add_int_value (builder, metrics->n_components);
  json_builder_set_member_name (builder, "articulation_points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < metrics->articulation_points->len; i++)
    {
      guint k = g_array_index (metrics->articulation_points, guint, i);
      json_builder_add_string_value (builder, sm_record_get_id (sm_collection_get (stakeholders, k)));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "communities");
  json_builder_add_int_value (builder, metrics->n_communities);
  json_builder_set_member_name (builder, "ei_index_community");
  if (isnan (metrics->ei_community))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, metrics->ei_community);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_metrics_text (SmMap     *map,
                    SmMetrics *metrics)
{
  SmCollection *stakeholders = sm_map_get_stakeholders (map);
  int           width = 4;

  for (guint i = 0; i < metrics->n_stakeholders; i++)
    width = MAX (width, (int) g_utf8_strlen (sm_stakeholder_get_name (sm_collection_get (stakeholders, i)), -1));
  width = MIN (width, 40);

  g_print ("%-*s  %6s  %11s  %9s\n", width, _ ("Name"), _ ("Degree"), _ ("Betweenness"), _ ("Community"));
  for (guint i = 0; i < metrics->n_stakeholders; i++)
    {
      g_autofree char *name = one_line (sm_stakeholder_get_name (sm_collection_get (stakeholders, i)));
      int              pad = width - (int) g_utf8_strlen (name, -1);

      g_print ("%s%*s  %6u  %11.4f  %9u\n", name, MAX (pad, 0), "",
               metrics->degree[i], metrics->betweenness[i], metrics->community[i] + 1);
    }

  g_print ("\n");
  g_print (_ ("Stakeholders: %u\n"), metrics->n_stakeholders);
  g_print (_ ("Ties (undirected, without conflict): %u\n"), metrics->n_edges);
  g_print (_ ("Degree centralisation: %.4f\n"), metrics->degree_centralization);
  g_print (_ ("Connected components: %u\n"), metrics->n_components);
  g_print (_ ("Communities: %u\n"), metrics->n_communities);
  if (isnan (metrics->ei_community))
    g_print (_ ("E-I index of people with lived experience: not defined (no ties)\n"));
  else
    g_print (_ ("E-I index of people with lived experience: %+.2f\n"), metrics->ei_community);
  g_print (_ ("Gatekeepers (articulation points):"));
  if (metrics->articulation_points->len == 0)
    g_print (" %s", _ ("none"));
  for (guint i = 0; i < metrics->articulation_points->len; i++)
    {
      guint            k = g_array_index (metrics->articulation_points, guint, i);
      g_autofree char *name = one_line (sm_stakeholder_get_name (sm_collection_get (stakeholders, k)));

      g_print ("%s %s", i > 0 ? "," : "", name);
    }
  g_print ("\n");
}

typedef struct
{
  SmMap   *map;
  gboolean comembership;
} MetricsJob;

static gpointer
metrics_work (gpointer      data,
              GCancellable *cancellable,
              SmProgress   *progress)
{
  MetricsJob *job = data;

  return sm_metrics_compute_full (job->map, job->comembership, cancellable, progress, NULL);
}

static int
run_metrics (int    argc,
             char **argv)
{
  g_autofree char   *format = NULL;
  gboolean           comembership = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_ ("Output format: text (default) or json"), N_ ("FORMAT") },
    { "space-ties", 0, 0, G_OPTION_ARG_NONE, &comembership,
      N_ ("Count sitting in the same space as a tie"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("FILE — network measures of a map"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmMetrics) metrics = NULL;

  g_option_context_set_summary (context,
                                _ ("Prints each stakeholder's degree and betweenness (normalised, on the\n"
                                   "undirected graph, as networkx computes it) and map-level measures:\n"
                                   "degree centralisation, components, gatekeepers and communities."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc != 2)
    return sm_cli_usage_error (context, _ ("metrics: give one file"));
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    return sm_cli_usage_error (context, _ ("metrics: --format must be text or json"));

  map = load_map_long (argv[1], NULL);
  if (interrupted)
    return exit_interrupted ();
  if (map == NULL)
    return EXIT_BAD_INPUT;

  {
    MetricsJob job = { map, comembership };

    metrics = run_long (metrics_work, &job, (GDestroyNotify) sm_metrics_free);
    if (interrupted)
      return exit_interrupted ();
  }
  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = metrics_to_json (map, metrics);
      g_autoptr(GString) out = g_string_new (NULL);

      sm_json_write (out, root, NULL, 0);
      g_print ("%s\n", out->str);
    }
  else
    print_metrics_text (map, metrics);

  return EXIT_OK;
}

/* evaluate */

/* "2.55", "0.4", "3": two places at most, no trailing zeros. */
static char *
format_value (double value)
{
  char *text = g_strdup_printf ("%.2f", round (value * 100) / 100);
  char *end = text + strlen (text) - 1;

  while (end > text && *end == '0')
    *end-- = '\0';
  if (end > text && !g_ascii_isdigit (*end))
    *end = '\0';
  return text;
}

/* §7.5: how the rule's value moved since the previous snapshot. */
static void
print_trend_text (SmRuleResult *r,
                  const char   *previous_date)
{
  g_autofree char *before = NULL;

  if (previous_date == NULL || !isfinite (r->previous_value) || !isfinite (r->value))
    return;
  before = format_value (r->previous_value);
  if (r->trend == 0)
    g_print (_ ("      = the same as on %s (%s)\n"), previous_date, before);
  else
    g_print (_ ("      %s from %s on %s: %s\n"),
             round (r->value * 10000) / 10000 < r->previous_value ? "↓" : "↑",
             before, previous_date, r->trend > 0 ? _ ("better") : _ ("worse"));
}

static void
print_rule_text (SmMap        *map,
                 SmRuleResult *r,
                 const char   *previous_date)
{
  const char *const *sources = sm_rule_def_get_sources (r->rule);

  g_print ("  %s  %s\n", sm_rule_def_get_id (r->rule), sm_rule_status_to_label (r->status));
  if (r->message != NULL && *r->message != '\0')
    g_print ("      %s\n", r->message);
  print_trend_text (r, previous_date);
  if (r->action != NULL && (r->status == SM_RULE_WARN || r->status == SM_RULE_FAIL ||
                            r->status == SM_RULE_INFO || r->status == SM_RULE_INSUFFICIENT_DATA))
    {
      if (sm_rule_def_get_why (r->rule) != NULL)
        g_print (_ ("      Why this matters: %s\n"), sm_rule_def_get_why (r->rule));
      g_print (_ ("      What you could do: %s\n"), r->action);
    }
  if (r->data_gaps->len > 0 && r->status != SM_RULE_INSUFFICIENT_DATA)
    {
      g_autoptr(GString) gaps = g_string_new (NULL);

      for (guint i = 0; i < r->data_gaps->len; i++)
        {
          g_autofree char *gap = sm_data_gap_dup_label (map, g_ptr_array_index (r->data_gaps, i), FALSE);

          g_string_append_printf (gaps, "%s%s", i > 0 ? "; " : "", gap);
        }
      g_print (_ ("      Not recorded: %s\n"), gaps->str);
    }
  if (sources != NULL && sources[0] != NULL &&
      (r->status == SM_RULE_WARN || r->status == SM_RULE_FAIL || r->status == SM_RULE_INFO))
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; sources[i] != NULL; i++)
        {
          const char *name = sm_source_get_short (sources[i]);

          g_string_append_printf (list, "%s%s%s%s", i > 0 ? "; " : "", sources[i],
                                  name != NULL ? " " : "", name != NULL ? name : "");
        }
      g_print (_ ("      Sources: %s\n"), list->str);
    }
}

/* §7.6: every threshold that is not the default, with who changed it, when
 * and why, from the map's log; or that --config set it. */
static void
print_thresholds_text (SmMap              *map,
                       const SmEvalConfig *config)
{
  g_autoptr(SmEvalConfig) own = sm_map_dup_eval_config (map);
  g_autoptr(GPtrArray) log = sm_map_dup_threshold_log (map);
  gboolean any = FALSE;

  for (const char *const *key = sm_eval_config_list_keys (); *key != NULL; key++)
    {
      double             value = sm_eval_config_get (config, *key);
      SmThresholdChange *change = NULL;

      if (sm_eval_config_is_default (config, *key))
        continue;
      if (!any)
        g_print ("\n%s\n", _ ("Thresholds changed from the defaults:"));
      any = TRUE;
      g_print (_ ("  %s = %g (default %g)"), *key, value, sm_eval_config_get_default (*key));

      if (sm_eval_config_get (own, *key) != value)
        {
          g_print (_ (", set with --config\n"));
          continue;
        }
      for (guint i = log->len; i > 0 && change == NULL; i--)
        {
          SmThresholdChange *c = g_ptr_array_index (log, i - 1);

          if (g_strcmp0 (c->key, *key) == 0)
            change = c;
        }
      if (change == NULL)
        {
          g_print ("\n");
          continue;
        }
      {
        g_autofree char *day = g_strndup (change->at != NULL ? change->at : "", 10);

        if (change->by != NULL)
          g_print (_ (", changed by %s on %s"), change->by, day);
        else
          g_print (_ (", changed on %s"), day);
        if (change->reason != NULL && *change->reason != '\0')
          g_print (": %s", change->reason);
        g_print ("\n");
      }
    }
}

static void
print_evaluation_text (SmMap              *map,
                       const SmEvalConfig *config,
                       SmEvaluation       *eval)
{
  const char *title = sm_map_get_title (map);

  if (title != NULL && *title != '\0')
    g_print ("%s\n\n", title);
  if (eval->gate_message != NULL)
    g_print ("%s\n\n", eval->gate_message);
  g_print ("%s\n", eval->summary);
  if (!isnan (eval->index))
    g_print (_ ("Indicative index: %.0f (indicative — not a grade)\n"), eval->index);
  g_print (_ ("Each finding is a prompt for discussion, not a verdict. Thresholds marked as judgement "
              "calls can be changed with --config.\n"));
  if (eval->previous_date != NULL)
    g_print (_ ("Compared with the results recorded on %s.\n"), eval->previous_date);
  print_thresholds_text (map, config);

  if (eval->lens != SM_LENS_NONE && eval->headlines->len > 0)
    {
      g_print ("\n%s\n", _ ("Headlines for this lens:"));
      for (guint i = 0; i < eval->headlines->len; i++)
        print_rule_text (map, g_ptr_array_index (eval->headlines, i), eval->previous_date);
    }

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &eval->principles[p];
      g_autofree char   *checks = NULL;

      g_print ("\n%s %s: %s", pr->id, pr->name, sm_principle_status_to_label (pr->status));
      if (pr->status != SM_PRINCIPLE_NOT_ASSESSED)
        g_print (_ (" — %s (score %.2f)"), sm_confidence_to_label (pr->confidence),
                 round (pr->score * 100) / 100);
      g_print ("\n");
      checks = sm_principle_result_dup_checks_text (eval, p);
      g_print ("    %s\n", checks);
      if (pr->previous_status >= 0 && pr->previous_status != (int) pr->status)
        {
          g_autofree char *was = sm_principle_status_dup_was (pr->previous_status, pr->previous_date);

          g_print ("    %s\n", was);
        }
      for (guint i = 0; i < eval->rules->len; i++)
        {
          SmRuleResult *r = g_ptr_array_index (eval->rules, i);

          if (strcmp (sm_rule_def_get_principle (r->rule), pr->id) == 0 &&
              (eval->headlines == NULL || !g_ptr_array_find (eval->headlines, r, NULL)))
            print_rule_text (map, r, eval->previous_date);
        }
    }

  g_print ("\n%s\n", _ ("Data quality (not scored)"));
  for (guint i = 0; i < eval->checks->len; i++)
    print_rule_text (map, g_ptr_array_index (eval->checks, i), NULL);
}

static gboolean apply_config_file (SmEvalConfig *config,
                                   const char   *path);

typedef struct
{
  SmMap              *map;
  const SmEvalConfig *config;
  SmLens              lens;
} EvaluateJob;

static gpointer
evaluate_work (gpointer      data,
               GCancellable *cancellable,
               SmProgress   *progress)
{
  EvaluateJob *job = data;

  return sm_evaluate_full (job->map, job->config, job->lens, cancellable, progress, NULL);
}

static int
run_evaluate (int    argc,
              char **argv)
{
  g_autofree char   *format = NULL;
  g_autofree char   *lens_name = NULL;
  g_autofree char   *config_path = NULL;
  g_autofree char   *today = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_ ("Output format: text (default) or json"), N_ ("FORMAT") },
    { "lens", 0, 0, G_OPTION_ARG_STRING, &lens_name,
      N_ ("Put first the findings of one perspective: clarification, elucidation or provocation"), N_ ("LENS") },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_ ("Thresholds to use on top of the map's own (a JSON object)"), N_ ("FILE") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_ ("Count the map's age (DQ-04) to this day instead of today"), N_ ("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("FILE — check a map against the principles of co-production"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmEvalConfig) config = NULL;
  g_autoptr(SmEvaluation) eval = NULL;
  SmLens lens = SM_LENS_NONE;

  g_option_context_set_summary (context,
                                _ ("Runs the 27 checks of the seven principles of co-production and prints\n"
                                   "each finding with what the map shows, what you could do and its sources.\n"
                                   "A finding is a prompt for discussion, not a verdict. The lens re-orders\n"
                                   "the findings; it never changes a result."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc != 2)
    return sm_cli_usage_error (context, _ ("evaluate: give one file"));
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    return sm_cli_usage_error (context, _ ("evaluate: --format must be text or json"));
  if (lens_name != NULL && (!sm_lens_from_string (lens_name, &lens) || lens == SM_LENS_NONE))
    return sm_cli_usage_error (context, _ ("evaluate: --lens must be clarification, elucidation or provocation"));

  if (today != NULL)
    {
      g_autoptr(SmEvalConfig) check = sm_eval_config_new ();

      if (!sm_eval_config_set_today (check, today, &error))
        return sm_cli_usage_error (context, error->message);
    }

  map = load_map_long (argv[1], NULL);
  if (interrupted)
    return exit_interrupted ();
  if (map == NULL)
    return EXIT_BAD_INPUT;

  config = sm_map_dup_eval_config (map);
  if (config_path != NULL && !apply_config_file (config, config_path))
    return EXIT_BAD_INPUT;
  sm_eval_config_set_today (config, today, NULL);

  {
    EvaluateJob job = { map, config, lens };

    eval = run_long (evaluate_work, &job, (GDestroyNotify) sm_evaluation_free);
    if (interrupted)
      return exit_interrupted ();
  }
  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = sm_evaluation_to_json (eval);
      g_autoptr(GString) out = g_string_new (NULL);

      sm_json_write (out, root, NULL, 0);
      g_print ("%s\n", out->str);
    }
  else
    print_evaluation_text (map, config, eval);

  return EXIT_OK;
}

/* snapshot */

static int
run_snapshot (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("FILE — record the evaluation in the map"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmEvalConfig) config = NULL;
  g_autoptr(SmEvaluation) eval = NULL;
  g_autoptr(SmCommand) command = NULL;

  g_option_context_set_summary (context,
                                _ ("Evaluates the map with its own thresholds and records, in the file, each\n"
                                   "rule's value and status and each principle's status at the map's snapshot\n"
                                   "date and version (a record of the same date and version is replaced).\n"
                                   "Later evaluations show what changed since. The file is saved safely and\n"
                                   "the previous one is kept as FILE~; if another program changed the file\n"
                                   "meanwhile, nothing is written."));
  g_option_context_add_main_entries (context, (const GOptionEntry[]) { { NULL } }, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc != 2)
    return sm_cli_usage_error (context, _ ("snapshot: give one file"));
  if (file_type_for (argv[1]) != FILE_TYPE_STAKEMAP)
    return sm_cli_usage_error (context, _ ("snapshot: the file must be a Stakemap project (.stakemap)"));

  map = load_map (argv[1], NULL);
  if (map == NULL)
    return EXIT_BAD_INPUT;

  config = sm_map_dup_eval_config (map);
  eval = sm_evaluate (map, config, SM_LENS_NONE);
  command = sm_command_new_record_snapshot (map, eval);
  sm_command_apply (command, map);

  if (!save_map (map, argv[1], &error))
    {
      sm_cli_print_file_error (argv[1], error->message);
      return EXIT_BAD_INPUT;
    }

  {
    SmRecord        *metadata = sm_map_get_metadata (map);
    const char      *d = sm_record_get_string (metadata, "snapshot.date");
    g_autofree char *date = d != NULL ? g_strdup (d) : sm_eval_config_dup_today (config);
    g_print (_ ("%s: recorded the evaluation at snapshot %s, version %.0f\n"), argv[1], date,
             sm_record_get_number (metadata, "snapshot.version", 0));
  }
  return EXIT_OK;
}

/* report */

/* Thresholds from a JSON file, applied on top of @config. */
static gboolean
apply_config_file (SmEvalConfig *config,
                   const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(JsonNode) root = NULL;

  if ((contents = read_input (path, &error)) == NULL ||
      (root = sm_json_parse (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &error)) == NULL ||
      !sm_eval_config_load_json (config, root, &error))
    {
      sm_cli_print_file_error (path, error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  SmMap                 *map;
  const SmReportOptions *options;
  GError                *error;
} ReportJob;

static gpointer
report_work (gpointer      data,
             GCancellable *cancellable,
             SmProgress   *progress)
{
  ReportJob *job = data;

  return sm_report_make_full (job->map, job->options, cancellable, progress, &job->error);
}

static int
run_report (int    argc,
            char **argv)
{
  g_autofree char   *output = NULL;
  g_autofree char   *lens_name = NULL;
  g_autofree char   *config_path = NULL;
  g_autofree char   *style_name = NULL;
  g_autofree char   *format_name = NULL;
  g_autofree char   *names = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the report to OUT (.pdf or .html)"), N_ ("OUT") },
    { "style", 's', 0, G_OPTION_ARG_STRING, &style_name,
      N_ ("Which version: full (the default), plain (plain language) or easy-read"), N_ ("STYLE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_ ("pdf or html (the default: from the name of OUT)"), N_ ("FORMAT") },
    { "lens", 0, 0, G_OPTION_ARG_STRING, &lens_name,
      N_ ("Put first the findings of one perspective: clarification, elucidation or provocation"), N_ ("LENS") },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_ ("Thresholds to use on top of the map's own (a JSON object)"), N_ ("FILE") },
    { "names", 0, 0, G_OPTION_ARG_STRING, &names,
      N_ ("consent (the default): people who have not agreed to be named are \"Participant N\"; none: every "
          "person is, only organisations and groups are named"),
      N_ ("consent|none") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_ ("FILE -o OUT — an evaluation report to print or share"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(SmEvalConfig) config = NULL;
  SmReportOptions options = { 0 };

  g_option_context_set_summary (context,
                                _ ("Writes a report of the map's evaluation, as A4 PDF or as one HTML page:\n"
                                   "the map, the principle profile, every finding with its evidence by name,\n"
                                   "what you could do and its sources, the group's responses, the thresholds\n"
                                   "in use (changes from the defaults marked, with who changed them and why)\n"
                                   "and the data gaps. --style=plain leaves out the measurements and lists\n"
                                   "only what the group changed; --style=easy-read is in short sentences and\n"
                                   "large type. People who have not agreed to be named are shown as\n"
                                   "\"Participant\" and a number, the same in every output; with\n"
                                   "--names=none every person is, for a public board paper or a website."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error (context, error->message);
  if (argc != 2)
    return sm_cli_usage_error (context, _ ("report: give one file"));
  if (output == NULL)
    return sm_cli_usage_error (context, _ ("report: no output file given (use -o OUT.pdf or -o OUT.html)"));
  if (format_name != NULL)
    {
      SmReportFormat named;

      if (g_strcmp0 (format_name, "pdf") == 0)
        options.format = SM_REPORT_PDF;
      else if (g_strcmp0 (format_name, "html") == 0)
        options.format = SM_REPORT_HTML;
      else
        return sm_cli_usage_error (context, _ ("report: --format must be pdf or html"));
      /* A web page in a file called .pdf would open as neither. */
      if (sm_report_format_for_path (output, &named) && named != options.format)
        return sm_cli_usage_error (context, _ ("report: --format does not match the ending of the output file"));
    }
  else if (!sm_report_format_for_path (output, &options.format))
    return sm_cli_usage_error (context, _ ("report: the output must end in .pdf or .html (or give --format)"));
  if (style_name != NULL && !sm_report_style_from_string (style_name, &options.style))
    return sm_cli_usage_error (context, _ ("report: --style must be full, plain or easy-read"));
  if (lens_name != NULL && (!sm_lens_from_string (lens_name, &options.lens) || options.lens == SM_LENS_NONE))
    return sm_cli_usage_error (context, _ ("report: --lens must be clarification, elucidation or provocation"));
  /* A report is passed on: all names is never one of its choices. */
  if (g_strcmp0 (names, "none") == 0)
    options.names = SM_PUBLIC_NAMES_HIDE_PEOPLE;
  else if (names != NULL && g_strcmp0 (names, "consent") != 0)
    return sm_cli_usage_error (context, _ ("report: --names must be consent or none"));

  map = load_map_long (argv[1], NULL);
  if (interrupted)
    return exit_interrupted ();
  if (map == NULL)
    return EXIT_BAD_INPUT;

  config = sm_map_dup_eval_config (map);
  if (config_path != NULL && !apply_config_file (config, config_path))
    return EXIT_BAD_INPUT;
  options.config = config;

  /* Made whole first, then written: Ctrl+C while it is being made leaves
   * no file behind. */
  {
    ReportJob job = { map, &options, NULL };

    return make_and_write (report_work, &job, &job.error, output);
  }
}

static const Command commands[] = {
  { "check", N_ ("FILE…"), N_ ("Check project files and say where any problem is"), sm_cli_run_check },
  { "convert", N_ ("IN -o OUT"), N_ ("Convert between .stakemap, .graphml, .gexf, .csv and .xlsx"), run_convert },
  { "diff", N_ ("A B"), N_ ("What changed between two versions of a map"), sm_cli_run_diff },
  { "export", N_ ("FILE -o OUT"), N_ ("Draw the map as PNG, SVG or PDF"), run_export },
  { "evaluate", N_ ("FILE"), N_ ("Check a map against the principles of co-production"), run_evaluate },
  { "merge", N_ ("BASE OURS THEIRS"), N_ ("Merge two copies of a map made from one"), sm_cli_run_merge },
  { "metrics", N_ ("FILE"), N_ ("Network measures: degree, betweenness, gatekeepers"), run_metrics },
  { "report", N_ ("FILE -o OUT"), N_ ("An evaluation report with the map, as PDF or HTML"), run_report },
  { "snapshot", N_ ("FILE"), N_ ("Record the evaluation in the map, to show change later"), run_snapshot },
};

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n", _ ("Usage: stakemap-cli COMMAND [OPTION…] ARGUMENTS"));
  fprintf (stream, "\n%s\n\n", _ ("Stakeholder and power maps for co-production, without a display."));
  fprintf (stream, "%s\n", _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", commands[i].name, _ (commands[i].parameters));
      fprintf (stream, "  %-22s %s\n", usage, _ (commands[i].summary));
    }
  fprintf (stream, "\n%s\n", _ ("Options:"));
  fprintf (stream, "  %-22s %s\n", "-h, --help", _ ("Show this help (COMMAND --help for a command's)"));
  fprintf (stream, "  %-22s %s\n", "--version", _ ("Show the version"));
  fprintf (stream, "\n%s\n", _ ("Exit status: 0 when all is well, 1 for bad input, 2 for bad usage."));
}

int
main (int    argc,
      char **argv)
{
  sm_cli_init ();

  if (argc < 2)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("stakemap-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("stakemap-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_ ("stakemap-cli: unknown command “%s”\n"), argv[1]);
  g_printerr (_ ("Try “stakemap-cli --help” for the list of commands.\n"));
  return EXIT_USAGE;
}

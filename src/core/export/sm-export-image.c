/* sm-export-image.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map as a picture: the page is composed here (title block, map,
 * legend beside it), the drawing is the renderer's. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sm-arrangement.h"
#include "sm-command.h"
#include "sm-evaluate.h"
#include "sm-export-image.h"
#include "sm-export-private.h"
#include "sm-render.h"

/* In pixels of the canvas. */
#define PAD 16.0        /* around the picture */
#define GAP 16.0        /* between title, map and legend */
#define MAP_PAD 24.0    /* between the map's outermost shapes and its box */
#define TITLE_SIZE 22.0 /* the map's title */
#define QUESTION_SIZE 14.0
#define INFO_SIZE 12.0
#define MIN_WIDTH 480.0       /* room for the title block of a tiny map */
#define POINTS_PER_PIXEL 0.75 /* a pixel of the canvas is 1/96 inch */
#define TILE_OVERLAP 10.0     /* millimetres shared by neighbouring sheets */
#define MM 2.8346456693       /* points in a millimetre */
#define DEFAULT_MARGIN 10.0   /* millimetres */

struct _SmImage
{
  SmMap                *map;          /* drawn: the map itself, or a copy of a selection */
  SmPublicNames        *public_names; /* of the map as it was when the picture was made */
  gboolean              renames;      /* the renderer draws the map itself with them */
  gboolean              names_stale;  /* the map changed since they were made */
  gulong                changed_id;
  SmRenderer           *renderer;
  SmImageOptions        options;
  SmExportNames         names;
  char                 *view_label; /* NULL for the map itself */
  guint                 n_hidden;
  guint                 n_shown; /* stakeholders in a selection, or all */
  guint                 n_all;
  char                 *title;
  char                 *question;
  char                 *info;
  char                 *notice;
  gboolean              warn; /* the notice is a warning */
  gboolean              empty;
  double                bx, by, bw, bh; /* the map's bounds, in map units */
  PangoFontDescription *font;
  GString              *svg_text; /* while writing SVG: where words go */
  GDateTime            *made;     /* when: now, or SOURCE_DATE_EPOCH for builds that must not change */
};

/* Where each part goes, in device units. */
typedef struct
{
  double   unit; /* device units per pixel of the canvas: the title's and legend's size */
  double   lod;  /* device units per pixel of the screen: what the renderer leaves out */
  double   width, height;
  double   title_x, title_y, title_width, title_height;
  double   map_x, map_y, map_width, map_height;
  double   scale; /* of the map: device units per map unit */
  gboolean legend;
  double   legend_x, legend_y, legend_scale;
} Layout;

gboolean
sm_image_format_from_path (const char    *path,
                           SmImageFormat *format)
{
  static const struct
  {
    const char   *extension;
    SmImageFormat format;
  } known[] = {
    { ".png", SM_IMAGE_PNG },
    { ".svg", SM_IMAGE_SVG },
    { ".pdf", SM_IMAGE_PDF },
  };

  g_return_val_if_fail (path != NULL, FALSE);

  /* In any case: "Map.PNG" is a PNG. */
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strlen (path) > 4 && g_ascii_strcasecmp (path + strlen (path) - 4, known[i].extension) == 0)
      {
        if (format != NULL)
          *format = known[i].format;
        return TRUE;
      }
  return FALSE;
}

static const struct
{
  const char *name;
  double      width, height; /* points, portrait */
} pages[] = {
  [SM_PAGE_A4] = { "a4", 595.276, 841.89 },
  [SM_PAGE_LETTER] = { "letter", 612, 792 },
  [SM_PAGE_A3] = { "a3", 841.89, 1190.551 },
};

gboolean
sm_page_size_from_string (const char *text,
                          SmPageSize *page)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (text != NULL && g_ascii_strcasecmp (text, pages[i].name) == 0)
      {
        *page = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sm_page_size_to_string (SmPageSize page)
{
  g_return_val_if_fail (page < G_N_ELEMENTS (pages), NULL);
  return pages[page].name;
}

void
sm_page_size_get_points (SmPageSize page,
                         gboolean   landscape,
                         double    *width,
                         double    *height)
{
  g_return_if_fail (page < G_N_ELEMENTS (pages));

  *width = landscape ? pages[page].height : pages[page].width;
  *height = landscape ? pages[page].width : pages[page].height;
}

/* Only what was chosen, and the ends of the relationships chosen; the
 * copy loses the rest, with whatever refers to it. */
static void
keep_selection (SmMap             *map,
                const char *const *selection)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  SmCollection *people = sm_map_get_stakeholders (map);
  SmCollection *ties = sm_map_get_relationships (map);

  for (guint i = 0; selection[i] != NULL; i++)
    {
      SmRecord *record = sm_map_lookup (map, selection[i]);

      if (record == NULL)
        continue;
      if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        g_hash_table_add (keep, (gpointer) sm_record_get_id (record));
      else if (sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP)
        {
          g_hash_table_add (keep, (gpointer) sm_relationship_get_source (record));
          g_hash_table_add (keep, (gpointer) sm_relationship_get_target (record));
        }
    }

  /* Relationships first: a stakeholder's removal takes its own. */
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord *tie = sm_collection_get (ties, i);

      if (!g_hash_table_contains (keep, sm_relationship_get_source (tie)) ||
          !g_hash_table_contains (keep, sm_relationship_get_target (tie)))
        g_ptr_array_add (doomed, g_object_ref (tie));
    }
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *person = sm_collection_get (people, i);

      if (!g_hash_table_contains (keep, sm_record_get_id (person)))
        g_ptr_array_add (doomed, g_object_ref (person));
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      SmRecord *record = g_ptr_array_index (doomed, i);

      if (sm_record_get_map (record) == map)
        {
          g_autoptr(SmCommand) command = sm_command_new_remove (map, record);

          sm_command_apply (command, map);
        }
    }
}

static GDateTime *
new_made (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64     seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);
  return g_date_time_new_now_local ();
}

static char *
format_date (SmImage   *self,
             SmRecord  *metadata,
             GDateTime *date_asked)
{
  const char *snapshot = sm_record_get_string (metadata, "snapshot.date");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (date_asked != NULL)
    when = g_date_time_ref (date_asked);
  else if (snapshot != NULL && *snapshot != '\0')
    {
      g_autofree char *iso = g_strconcat (snapshot, "T12:00:00Z", NULL);

      when = g_date_time_new_from_iso8601 (iso, NULL);
      if (when != NULL)
        {
          date = g_date_time_format (when, "%-d %B %Y");
          /* Translators: the date the map shows the situation on */
          return g_strdup_printf (_ ("Snapshot of %s"), date);
        }
    }
  if (when == NULL)
    when = g_date_time_ref (self->made);
  date = g_date_time_format (when, "%-d %B %Y");
  return g_strdup (date);
}

static SmPublicNamesFlags
public_names_flags (SmImage *self)
{
  return self->names == SM_EXPORT_NAMES_NONE ? SM_PUBLIC_NAMES_HIDE_PEOPLE : SM_PUBLIC_NAMES_CONSENT;
}

/* "Drawn by …", by the names the picture uses. */
static char *
format_drawn_by (SmImage       *self,
                 SmPublicNames *names,
                 SmMap         *original)
{
  JsonNode *node = sm_record_get_value (sm_map_get_metadata (original), "perspective.drawn_by");
  g_autoptr(GPtrArray) who = g_ptr_array_new ();
  g_autofree char *list = NULL;
  JsonArray       *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      SmRecord *person;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      person = sm_map_lookup_kind (original, SM_RECORD_STAKEHOLDER, json_node_get_string (element));
      if (person == NULL)
        continue;
      g_ptr_array_add (who, (gpointer) (self->names == SM_EXPORT_NAMES_ALL ? sm_stakeholder_get_name (person)
                                                                           : sm_public_names_get_name (names, person)));
    }
  if (who->len == 0)
    return NULL;
  g_ptr_array_add (who, NULL);
  /* Translators: separates the people who drew the map */
  list = g_strjoinv (_ (", "), (char **) who->pdata);
  /* Translators: who drew the map, in the title block of a picture */
  return g_strdup_printf (_ ("Drawn by %s"), list);
}

static void
make_words (SmImage       *self,
            SmPublicNames *names,
            SmMap         *original,
            GDateTime     *date_asked)
{
  SmRecord        *metadata = sm_map_get_metadata (original);
  const char      *title = sm_map_get_title (original);
  const char      *question = sm_record_get_string (metadata, "question");
  g_autofree char *date = format_date (self, metadata, date_asked);
  g_autofree char *drawn = format_drawn_by (self, names, original);
  g_autofree char *clean_title = NULL;
  GString         *info = g_string_new (date);

  if (title == NULL || *title == '\0')
    title = _ ("Untitled map");
  clean_title = self->names == SM_EXPORT_NAMES_ALL ? g_strdup (title) : sm_public_names_scrub (names, title);
  if (self->view_label != NULL)
    /* Translators: a picture's title: the map's title and the view shown */
    self->title = g_strdup_printf (_ ("%s: %s"), clean_title, self->view_label);
  else
    self->title = g_steal_pointer (&clean_title);
  if (question != NULL && *question != '\0')
    self->question = self->names == SM_EXPORT_NAMES_ALL ? g_strdup (question) : sm_public_names_scrub (names, question);
  if (drawn != NULL)
    {
      g_string_append (info, " · ");
      g_string_append (info, drawn);
    }
  if (self->n_shown < self->n_all)
    {
      g_string_append (info, " · ");
      g_string_append_printf (info, g_dngettext (GETTEXT_PACKAGE, "%u of %u stakeholder", "%u of %u stakeholders", self->n_all),
                              self->n_shown, self->n_all);
    }
  self->info = g_string_free (info, FALSE);

  if (self->names == SM_EXPORT_NAMES_ALL)
    {
      self->notice = g_strdup (_ ("All names shown, for the group only: do not pass this on."));
      self->warn = TRUE;
    }
  else if (self->n_hidden > 0 && self->names == SM_EXPORT_NAMES_NONE)
    self->notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u person is shown as “Participant N”: only organisations and groups are named.",
                                                 "%u people are shown as “Participant N”: only organisations and groups are named.",
                                                 self->n_hidden),
                                    self->n_hidden);
  else if (self->n_hidden > 0)
    self->notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u person is shown as “Participant N” until they agree to be named.",
                                                 "%u people are shown as “Participant N” until they agree to be named.",
                                                 self->n_hidden),
                                    self->n_hidden);
}

static void
map_changed_cb (SmImage *self)
{
  self->names_stale = TRUE;
}

/* A menu label as words: "Power _Cube" is "Power Cube". */
static char *
without_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * sm_image_new:
 * @options: (nullable): whose names, and the picture's options in
 *   @options->image; %NULL for the defaults
 *
 * Prepares a picture of @map. The picture holds @map and draws it as it
 * stands when drawn, but for a selection, which it copies; the words of
 * the title block are those of the moment it was made.
 *
 * Returns: (transfer full): the picture, or %NULL with @error set
 */
SmImage *
sm_image_new (SmMap                 *map,
              const SmExportOptions *options,
              GError               **error)
{
  static const SmImageOptions defaults = SM_IMAGE_OPTIONS_INIT;
  g_autoptr(SmImage) self = g_new0 (SmImage, 1);
  SmPublicNames           *names;
  const SmArrangementInfo *arrangement = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  self->options = options != NULL && options->image != NULL ? *options->image : defaults;
  /* Borrowed while the picture is made, never kept. */
  self->options.selection = NULL;
  self->options.date = NULL;
  if (self->options.marks != NULL)
    g_hash_table_ref (self->options.marks);
  self->names = options != NULL ? options->names : SM_EXPORT_NAMES_CONSENT;
  if (self->options.margin < 0)
    self->options.margin = DEFAULT_MARGIN;
  if (self->options.scale <= 0)
    self->options.scale = 1.0;

  if (self->options.view != NULL)
    {
      arrangement = sm_arrangement_find (self->options.view);
      if (arrangement == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _ ("There is no view called “%s”"),
                       self->options.view);
          return NULL;
        }
      if (sm_arrangement_info_get_position (arrangement) != SM_ARRANGEMENT_MAP)
        self->view_label = without_mnemonic (sm_arrangement_info_get_label (arrangement));
    }

  names = self->public_names = sm_public_names_new_full (map, public_names_flags (self));
  self->n_all = sm_collection_get_size (sm_map_get_stakeholders (map));
  if (self->names != SM_EXPORT_NAMES_ALL)
    self->n_hidden = sm_public_names_get_n_hidden (names);
  if (options != NULL && options->image != NULL && options->image->selection != NULL)
    {
      /* A copy, cut down to the selection: named as the whole map
       * names them, so Participant 3 is Participant 3 in both. */
      self->map = self->names == SM_EXPORT_NAMES_ALL ? sm_map_copy_full (map, NULL, error)
                                                     : sm_public_names_dup_map (names, map, error);
      if (self->map == NULL)
        return NULL;
      keep_selection (self->map, options->image->selection);
    }
  else
    {
      /* The map itself, drawn with the names that leave the team: a
       * large map is not copied to be drawn. */
      self->map = g_object_ref (map);
      self->renames = self->names != SM_EXPORT_NAMES_ALL;
      if (self->renames)
        self->changed_id = g_signal_connect_swapped (map, "changed", G_CALLBACK (map_changed_cb), self);
    }
  self->n_shown = sm_collection_get_size (sm_map_get_stakeholders (self->map));
  if (self->n_shown < self->n_all && self->n_hidden > 0)
    {
      guint hidden = 0;

      /* The notice counts the people in the picture. */
      for (guint i = 0; i < sm_collection_get_size (sm_map_get_stakeholders (map)); i++)
        {
          SmRecord *person = sm_collection_get (sm_map_get_stakeholders (map), i);

          if (sm_public_names_is_hidden (names, person) &&
              sm_map_lookup_kind (self->map, SM_RECORD_STAKEHOLDER, sm_record_get_id (person)) != NULL)
            hidden++;
        }
      self->n_hidden = hidden;
    }

  self->renderer = sm_renderer_new (self->map);
  sm_renderer_set_high_contrast (self->renderer, self->options.high_contrast);
  if (self->renames)
    sm_renderer_set_public_names (self->renderer, names);
  if (arrangement != NULL)
    sm_renderer_set_arrangement_info (self->renderer, arrangement);
  if (self->options.compare_with != NULL)
    {
      /* Against the whole map: what a selection leaves out was not
       * removed. */
      g_autoptr(SmDiff) diff = sm_diff_new (self->options.compare_with, map);

      sm_renderer_set_compare (self->renderer, diff, self->options.compare_with);
    }
  self->empty = !sm_renderer_get_bounds (self->renderer, &self->bx, &self->by, &self->bw, &self->bh);
  if (self->empty)
    self->bw = self->bh = 200;
  self->bw = MAX (self->bw, 1);
  self->bh = MAX (self->bh, 1);

  self->font = pango_font_description_from_string ("Cantarell, DejaVu Sans, Sans");
  self->made = new_made ();
  make_words (self, names, map, options != NULL && options->image != NULL ? options->image->date : NULL);
  return g_steal_pointer (&self);
}

void
sm_image_free (SmImage *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->renderer);
  if (self->changed_id != 0)
    g_signal_handler_disconnect (self->map, self->changed_id);
  g_clear_object (&self->map);
  g_clear_pointer (&self->public_names, sm_public_names_free);
  g_clear_pointer (&self->options.marks, g_hash_table_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->made, g_date_time_unref);
  g_free (self->view_label);
  g_free (self->title);
  g_free (self->question);
  g_free (self->info);
  g_free (self->notice);
  g_free (self);
}

/* How many people the picture shows as "Participant N". */
guint
sm_image_get_n_hidden (SmImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_hidden;
}

/* The title block. */

static PangoLayout *
new_layout (SmImage    *self,
            cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->font);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same shapes at every size: hinting would move words between
   * the preview and the file. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
show_layout (SmImage     *self,
             cairo_t     *cr,
             PangoLayout *layout)
{
  if (self->svg_text != NULL)
    _sm_export_svg_text_cb (cr, layout, NULL, self->svg_text);
  else
    pango_cairo_show_layout (cr, layout);
}

typedef struct
{
  const char *text;
  double      size;
  gboolean    bold;
  gboolean    warn;
} TitleLine;

static guint
title_lines (SmImage   *self,
             TitleLine *lines)
{
  guint n = 0;

  /* Without the title block, a picture with every name still says whom
   * it is for. */
  if (self->options.no_title)
    {
      if (self->warn)
        lines[n++] = (TitleLine) { self->notice, INFO_SIZE, TRUE, TRUE };
      return n;
    }
  lines[n++] = (TitleLine) { self->title, TITLE_SIZE, TRUE, FALSE };
  if (self->question != NULL)
    lines[n++] = (TitleLine) { self->question, QUESTION_SIZE, FALSE, FALSE };
  lines[n++] = (TitleLine) { self->info, INFO_SIZE, FALSE, FALSE };
  if (self->notice != NULL)
    lines[n++] = (TitleLine) { self->notice, INFO_SIZE, TRUE, self->warn };
  return n;
}

/* Draws the title block at the origin, @width device units wide, in
 * @unit device units per pixel; returns its height. @cr may be a
 * measuring context. */
static double
draw_title (SmImage *self,
            cairo_t *cr,
            double   unit,
            double   width,
            gboolean draw)
{
  TitleLine lines[4];
  guint     n = title_lines (self, lines);
  double    y = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, cr, lines[i].text, lines[i].size * unit, lines[i].bold,
                                                   width);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      if (draw)
        {
          cairo_move_to (cr, 0, y);
          if (lines[i].warn)
            cairo_set_source_rgb (cr, 0.65, 0.11, 0.11);
          else if (i == 0)
            cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          else
            cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
          show_layout (self, cr, layout);
        }
      y += (double) logical.height / PANGO_SCALE + (i == 0 ? 4 : 2) * unit;
    }
  return y;
}

static double
measure_title (SmImage *self,
               double   unit,
               double   width)
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           height;

  if (self->options.no_title && !self->warn)
    return 0;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  height = draw_title (self, cr, unit, width, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return height;
}

/* Composing the picture. */

static void
legend_size (SmImage *self,
             double  *width,
             double  *height)
{
  *width = *height = 0;
  if (!self->options.no_legend && !self->empty)
    sm_renderer_get_legend_size (self->renderer, width, height);
}

/* The map's bounds with its names as drawn at @scale (screen pixels per
 * map unit): zoomed out, names grow to stay readable, and the map with
 * them. */
static void
use_bounds_at (SmImage *self,
               double   scale)
{
  if (self->empty)
    return;
  sm_renderer_get_bounds_at_scale (self->renderer, scale, &self->bx, &self->by, &self->bw, &self->bh);
  self->bw = MAX (self->bw, 1);
  self->bh = MAX (self->bh, 1);
}

/* After composing @l to fit: the bounds at the scale it came to, and
 * composed again until the scale settles. */
static gboolean
settle_names (SmImage *self,
              Layout  *l)
{
  double bw = self->bw, bh = self->bh;

  use_bounds_at (self, l->scale / l->lod);
  return fabs (self->bw - bw) > 1e-3 * bw || fabs (self->bh - bh) > 1e-3 * bh;
}

/* The map's scale that fits it in @width × @height device units. */
static double
fit_scale (SmImage *self,
           double   unit,
           double   width,
           double   height)
{
  double pad = 2 * MAP_PAD * unit;

  if (width <= pad || height <= pad)
    return 0;
  return MIN ((width - pad) / self->bw, (height - pad) / self->bh);
}

static void
place_map (Layout *l,
           double  x,
           double  y,
           double  width,
           double  height)
{
  l->map_x = x;
  l->map_y = y;
  l->map_width = width;
  l->map_height = height;
}

/* Fitted into a box of @width × @height device units at (@x, @y): a page. */
static void
compose_fit (SmImage *self,
             Layout  *l,
             double   x,
             double   y,
             double   width,
             double   height)
{
  double lw, lh, top, room, beside, below, ls, side_scale, low_scale;

  legend_size (self, &lw, &lh);
  lw *= l->unit;
  lh *= l->unit;
  l->title_x = x;
  l->title_y = y;
  l->title_width = width;
  l->title_height = measure_title (self, l->unit, width);
  top = y + (l->title_height > 0 ? l->title_height + GAP * l->unit : 0);
  room = y + height - top;
  l->width = width;
  l->height = height;
  l->legend = lw > 0;
  if (!l->legend)
    {
      place_map (l, x, top, width, room);
      l->scale = fit_scale (self, l->unit, width, room);
      return;
    }

  /* Beside the map or below it, whichever leaves the map larger; a
   * third of the page at most, smaller if need be: the map comes
   * first. */
  side_scale = MIN (1.0, MIN (room / lh, width / 3 / lw));
  low_scale = MIN (1.0, MIN (width / lw, room / 4 / lh));
  beside = fit_scale (self, l->unit, width - lw * side_scale - GAP * l->unit, room);
  below = fit_scale (self, l->unit, width, room - lh * low_scale - GAP * l->unit);
  if (beside >= below)
    {
      ls = side_scale;
      place_map (l, x, top, width - lw * ls - GAP * l->unit, room);
      l->scale = beside;
      l->legend_x = x + width - lw * ls;
      l->legend_y = top;
    }
  else
    {
      ls = low_scale;
      place_map (l, x, top, width, room - lh * ls - GAP * l->unit);
      l->scale = below;
      l->legend_x = x;
      l->legend_y = top + l->map_height + GAP * l->unit;
    }
  l->legend_scale = ls;
}

/* The map at @scale, the picture as large as it needs, or @fixed device
 * units wide inside its padding (0: as it needs). */
static void
compose_scaled (SmImage *self,
                Layout  *l,
                double   scale,
                double   pad,
                double   fixed,
                int      beside)
{
  double lw, lh, map_width, map_height, content, top;

  legend_size (self, &lw, &lh);
  lw *= l->unit;
  lh *= l->unit;
  l->scale = scale;
  l->legend = lw > 0;
  l->legend_scale = 1.0;
  map_width = self->bw * scale + 2 * MAP_PAD * l->unit;
  map_height = self->bh * scale + 2 * MAP_PAD * l->unit;

  /* Beside a map tall enough to hold it, else below, unless told. */
  if (beside < 0)
    beside = l->legend && map_height >= lh;
  beside = beside && l->legend;
  if (beside)
    content = map_width + GAP * l->unit + lw;
  else
    content = MAX (map_width, lw);
  /* A picture of a chosen width is that wide; one drawn to scale is
   * wide enough for its title block. */
  content = fixed > 0 ? fixed : MAX (content, MIN_WIDTH * l->unit);

  l->title_x = pad;
  l->title_y = pad;
  l->title_width = content;
  l->title_height = measure_title (self, l->unit, content);
  top = pad + (l->title_height > 0 ? l->title_height + GAP * l->unit : 0);
  if (beside)
    {
      place_map (l, pad, top, content - lw - GAP * l->unit, map_height);
      l->legend_x = pad + content - lw;
      l->legend_y = top;
      l->height = top + map_height + pad;
    }
  else
    {
      place_map (l, pad, top, content, map_height);
      /* Smaller in a narrow picture, never cut. */
      if (l->legend && lw > content)
        l->legend_scale = content / lw;
      l->legend_x = pad;
      l->legend_y = top + map_height + GAP * l->unit;
      l->height = l->legend ? l->legend_y + lh * l->legend_scale + pad : top + map_height + pad;
    }
  l->width = content + 2 * pad;
}

/* The picture @width device units wide. */
static void
compose_width (SmImage *self,
               Layout  *l,
               double   width)
{
  double   lw, lh, pad = PAD * l->unit, inner = width - 2 * pad, scale;
  gboolean beside;

  legend_size (self, &lw, &lh);
  lw *= l->unit;
  lh *= l->unit;
  /* Beside the map if it is then tall enough to hold it, else below. */
  scale = (inner - (lw > 0 ? lw + GAP * l->unit : 0) - 2 * MAP_PAD * l->unit) / self->bw;
  beside = lw > 0 && scale > 0 && self->bh * scale + 2 * MAP_PAD * l->unit >= lh;
  if (!beside)
    scale = (inner - 2 * MAP_PAD * l->unit) / self->bw;
  compose_scaled (self, l, MAX (scale, 1e-6), pad, inner, beside);
}

static gboolean
compose_picture (SmImage *self,
                 Layout  *l,
                 double   lod,
                 GError **error)
{
  const SmImageOptions *o = &self->options;

  memset (l, 0, sizeof *l);
  l->lod = lod;
  if (o->width > 0 && o->width < SM_IMAGE_MIN_WIDTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("A picture %.0f pixels wide is too small to show the map; choose at least %d"), o->width,
                   SM_IMAGE_MIN_WIDTH);
      return FALSE;
    }
  if (o->width > 0)
    {
      /* Title and legend grow with large pictures, to stay readable
       * when the picture is shown smaller. */
      l->unit = CLAMP (o->width / 1600, 1.0, 4.0);
      use_bounds_at (self, G_MAXDOUBLE);
      compose_width (self, l, o->width);
      for (guint round = 0; round < 3 && settle_names (self, l); round++)
        compose_width (self, l, o->width);
      l->width = o->width;
    }
  else
    {
      l->unit = o->scale;
      use_bounds_at (self, o->scale / lod);
      compose_scaled (self, l, o->scale, PAD * l->unit, 0, -1);
    }
  l->width = ceil (l->width);
  l->height = ceil (l->height);
  if (l->scale <= 0 || l->width < 1 || l->height < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The picture would be too small to show the map; choose a larger width or scale"));
      return FALSE;
    }
  return TRUE;
}

/* Drawing. */

/* A map edited since the picture was made may hold people the names
 * do not know: never drawn by their own name. */
static void
ensure_names (SmImage *self)
{
  if (!self->renames || !self->names_stale)
    return;
  sm_renderer_set_public_names (self->renderer, NULL);
  sm_public_names_free (self->public_names);
  self->public_names = sm_public_names_new_full (self->map, public_names_flags (self));
  self->names_stale = FALSE;
  sm_renderer_set_public_names (self->renderer, self->public_names);
}

/* The map in its box; only the part inside @visible (x, y, width,
 * height in the picture's units; NULL: all of it) when a sheet shows
 * one part of a large map, so that each page holds its own part alone. */
static void
draw_map (SmImage      *self,
          cairo_t      *cr,
          const Layout *l,
          const double *visible)
{
  SmRenderState state = { 0 };
  SmViewport    viewport;
  double        scale = l->scale / l->lod;
  double        x0 = l->map_x, y0 = l->map_y, x1 = l->map_x + l->map_width, y1 = l->map_y + l->map_height;

  if (visible != NULL)
    {
      x0 = MAX (x0, visible[0]);
      y0 = MAX (y0, visible[1]);
      x1 = MIN (x1, visible[0] + visible[2]);
      y1 = MIN (y1, visible[1] + visible[3]);
      if (x1 <= x0 || y1 <= y0)
        return;
    }

  ensure_names (self);
  cairo_save (cr);
  if (self->empty)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, cr, _ ("No stakeholder is on the map yet."),
                                                   QUESTION_SIZE * l->unit, FALSE, l->map_width);

      cairo_translate (cr, l->map_x, l->map_y);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_move_to (cr, 0, l->map_height / 2);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      show_layout (self, cr, layout);
      cairo_restore (cr);
      return;
    }
  cairo_translate (cr, x0, y0);
  cairo_rectangle (cr, 0, 0, x1 - x0, y1 - y0);
  cairo_clip (cr);
  cairo_scale (cr, l->lod, l->lod);
  viewport.scale = scale;
  /* Where the whole map's view would start, then the part shown. */
  viewport.x = self->bx + self->bw / 2 - l->map_width / l->lod / 2 / scale + (x0 - l->map_x) / l->lod / scale;
  viewport.y = self->by + self->bh / 2 - l->map_height / l->lod / 2 / scale + (y0 - l->map_y) / l->lod / scale;
  viewport.width = (x1 - x0) / l->lod;
  viewport.height = (y1 - y0) / l->lod;
  state.marks = self->options.marks;
  sm_renderer_draw (self->renderer, cr, &viewport, &state);
  cairo_restore (cr);
}

static void
draw_composition (SmImage      *self,
                  cairo_t      *cr,
                  const Layout *l,
                  const double *visible)
{
  if (l->title_height > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, l->title_x, l->title_y);
      draw_title (self, cr, l->unit, l->title_width, TRUE);
      cairo_restore (cr);
    }
  draw_map (self, cr, l, visible);
  if (l->legend)
    {
      cairo_save (cr);
      cairo_translate (cr, l->legend_x, l->legend_y);
      cairo_scale (cr, l->unit * l->legend_scale, l->unit * l->legend_scale);
      sm_renderer_draw_legend (self->renderer, cr, SM_RENDER_NONE);
      cairo_restore (cr);
    }
}

static void
paint_background (SmImage *self,
                  cairo_t *cr)
{
  if (self->options.transparent)
    return;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * sm_image_get_size:
 *
 * The size of the picture as a PNG or SVG, in pixels.
 *
 * Returns: %FALSE with @error set when the options make no picture
 */
gboolean
sm_image_get_size (SmImage *self,
                   double  *width,
                   double  *height,
                   GError **error)
{
  Layout l;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!compose_picture (self, &l, 1.0, error))
    return FALSE;
  if (width != NULL)
    *width = l.width;
  if (height != NULL)
    *height = l.height;
  return TRUE;
}

/* Draws the picture at the origin of @cr, at the size
 * sm_image_get_size() gives, background included. */
void
sm_image_draw (SmImage *self,
               cairo_t *cr)
{
  Layout l;

  g_return_if_fail (self != NULL);

  if (!compose_picture (self, &l, 1.0, NULL))
    return;
  paint_background (self, cr);
  draw_composition (self, cr, &l, NULL);
}

/* Pages. */

typedef struct
{
  Layout l;
  double margin; /* points */
  double box_width, box_height;
  guint  columns, rows;
  double step_x, step_y;
  double overlap;
} Sheets;

static void
compose_pages (SmImage *self,
               Sheets  *s,
               double   width,
               double   height)
{
  memset (s, 0, sizeof *s);
  s->margin = MIN (self->options.margin * MM, MIN (width, height) / 4);
  s->box_width = width - 2 * s->margin;
  s->box_height = height - 2 * s->margin;
  s->l.lod = POINTS_PER_PIXEL;
  s->l.unit = POINTS_PER_PIXEL;
  s->columns = s->rows = 1;
  if (!self->options.tile)
    {
      use_bounds_at (self, G_MAXDOUBLE);
      compose_fit (self, &s->l, s->margin, s->margin, s->box_width, s->box_height);
      for (guint round = 0; round < 3 && settle_names (self, &s->l); round++)
        compose_fit (self, &s->l, s->margin, s->margin, s->box_width, s->box_height);
      return;
    }

  s->l.unit = POINTS_PER_PIXEL * self->options.scale;
  use_bounds_at (self, self->options.scale);
  compose_scaled (self, &s->l, POINTS_PER_PIXEL * self->options.scale, 0, 0, -1);
  s->overlap = MIN (TILE_OVERLAP * MM, MIN (s->box_width, s->box_height) / 4);
  s->step_x = s->box_width - s->overlap;
  s->step_y = s->box_height - s->overlap;
  s->columns = (guint) MAX (1, ceil ((s->l.width - s->overlap) / s->step_x));
  s->rows = (guint) MAX (1, ceil ((s->l.height - s->overlap) / s->step_y));
  if ((guint64) s->columns * s->rows > SM_IMAGE_MAX_PAGES)
    s->columns = s->rows = 0;
}

/**
 * sm_image_get_n_pages:
 * @width: of a page, in points
 * @height: of a page, in points
 *
 * Returns: how many pages the picture takes: 1 when fitted, more when
 *   tiled; 0 when tiling would take more than %SM_IMAGE_MAX_PAGES
 */
guint
sm_image_get_n_pages (SmImage *self,
                      double   width,
                      double   height)
{
  Sheets s;

  g_return_val_if_fail (self != NULL, 0);

  compose_pages (self, &s, width, height);
  return s.columns * s.rows;
}

/* Short marks in the margin where the sheets overlap, so they can be
 * trimmed and pasted edge to edge. */
static void
draw_overlap_marks (cairo_t      *cr,
                    const Sheets *s,
                    guint         column,
                    guint         row)
{
  double x0 = s->margin, y0 = s->margin, x1 = s->margin + s->box_width, y1 = s->margin + s->box_height;
  double tick = MIN (s->margin * 0.8, 14);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.5);
  for (int side = 0; side < 2; side++)
    {
      /* Where this sheet's own part ends: its neighbour starts over it. */
      double x = side == 0 ? x0 + (column > 0 ? s->overlap : 0) : x1 - (column + 1 < s->columns ? s->overlap : 0);
      double y = side == 0 ? y0 + (row > 0 ? s->overlap : 0) : y1 - (row + 1 < s->rows ? s->overlap : 0);

      cairo_move_to (cr, x, y0 - tick);
      cairo_line_to (cr, x, y0 - 2);
      cairo_move_to (cr, x, y1 + 2);
      cairo_line_to (cr, x, y1 + tick);
      cairo_move_to (cr, x0 - tick, y);
      cairo_line_to (cr, x0 - 2, y);
      cairo_move_to (cr, x1 + 2, y);
      cairo_line_to (cr, x1 + tick, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_sheet_label (SmImage      *self,
                  cairo_t      *cr,
                  const Sheets *s,
                  guint         column,
                  guint         row)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: printed under each sheet of a map spread over several */
  text = g_strdup_printf (_ ("%s · sheet %u of %u: row %u, column %u"), self->title, row * s->columns + column + 1,
                          s->columns * s->rows, row + 1, column + 1);
  layout = new_layout (self, cr, text, 7, FALSE, s->box_width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_height (layout, -1);
  cairo_save (cr);
  cairo_move_to (cr, s->margin, s->margin + s->box_height + MIN (s->margin / 2, 8));
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * sm_image_draw_page:
 * @page: from 0 to sm_image_get_n_pages() - 1
 *
 * Draws one page of @width × @height points into @cr: the picture fitted
 * inside the margins, or one sheet of it tiled, with marks where the
 * sheets overlap.
 */
void
sm_image_draw_page (SmImage *self,
                    cairo_t *cr,
                    guint    page,
                    double   width,
                    double   height)
{
  Sheets s;
  guint  column, row;

  g_return_if_fail (self != NULL);

  compose_pages (self, &s, width, height);
  if (page >= s.columns * s.rows)
    return;
  cairo_save (cr);
  if (!self->options.tile)
    draw_composition (self, cr, &s.l, NULL);
  else
    {
      column = page % s.columns;
      row = page / s.columns;
      cairo_save (cr);
      cairo_rectangle (cr, s.margin, s.margin, s.box_width, s.box_height);
      cairo_clip (cr);
      cairo_translate (cr, s.margin - column * s.step_x, s.margin - row * s.step_y);
      {
        double visible[4] = { column * s.step_x, row * s.step_y, s.box_width, s.box_height };

        draw_composition (self, cr, &s.l, visible);
      }
      cairo_restore (cr);
      if (s.columns * s.rows > 1)
        {
          draw_overlap_marks (cr, &s, column, row);
          draw_sheet_label (self, cr, &s, column, row);
        }
    }
  cairo_restore (cr);
}

void
_sm_image_test_get_boxes (SmImage *self,
                          double   page_width,
                          double   page_height,
                          double  *map,
                          double  *legend)
{
  Sheets        s;
  const Layout *l = &s.l;
  double        lw = 0, lh = 0;

  if (page_width > 0)
    compose_pages (self, &s, page_width, page_height);
  else
    compose_picture (self, &s.l, 1.0, NULL);
  map[0] = l->map_x, map[1] = l->map_y, map[2] = l->map_width, map[3] = l->map_height;
  legend_size (self, &lw, &lh);
  legend[0] = l->legend ? l->legend_x : 0;
  legend[1] = l->legend ? l->legend_y : 0;
  legend[2] = l->legend ? lw * l->unit * l->legend_scale : 0;
  legend[3] = l->legend ? lh * l->unit * l->legend_scale : 0;
}

/* For the web page (sm-export-html.c): where each stakeholder is drawn
 * in the picture sm_image_write_bytes() makes, in its pixels, by the id
 * the page may show (a hidden person's public one). */
GArray *
_sm_image_dup_spots (SmImage *self,
                     GError **error)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  GArray       *spots;
  Layout        l;
  double        vx, vy;

  if (!compose_picture (self, &l, 1.0, error))
    return NULL;
  spots = g_array_new (FALSE, TRUE, sizeof (SmImageSpot));
  if (self->empty)
    return spots;
  ensure_names (self);
  /* As draw_map() places the whole map in its box. */
  vx = self->bx + self->bw / 2 - l.map_width / 2 / l.scale;
  vy = self->by + self->bh / 2 - l.map_height / 2 / l.scale;
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord   *person = sm_collection_get (people, i);
      SmImageSpot spot = { 0 };
      double      x, y;

      if (!sm_renderer_get_position (self->renderer, person, &x, &y))
        continue;
      spot.x = l.map_x + (x - vx) * l.scale;
      spot.y = l.map_y + (y - vy) * l.scale;
      spot.radius = sm_renderer_node_radius (person) * l.scale;
      if (spot.x < l.map_x || spot.y < l.map_y || spot.x > l.map_x + l.map_width || spot.y > l.map_y + l.map_height)
        continue;
      spot.record = person;
      spot.id = self->names != SM_EXPORT_NAMES_ALL ? sm_public_names_get_id (self->public_names, person)
                                                   : sm_record_get_id (person);
      g_array_append_val (spots, spot);
    }
  return spots;
}

/* The words of the title block, for a page that sets them itself. */
void
_sm_image_get_words (SmImage     *self,
                     const char **title,
                     const char **question,
                     const char **info,
                     const char **notice,
                     GDateTime  **made)
{
  *title = self->title;
  *question = self->question;
  *info = self->info;
  *notice = self->notice;
  *made = self->made;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_surface (cairo_surface_t *surface,
               GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not draw the picture: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

static GBytes *
write_png (SmImage *self,
           GError **error)
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  Layout           l;
  GBytes          *bytes;

  if (!compose_picture (self, &l, 1.0, error))
    return NULL;
  if (l.width > SM_IMAGE_MAX_SIDE || l.height > SM_IMAGE_MAX_SIDE || l.width * l.height > SM_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The picture would be %.0f × %.0f pixels, more than a PNG can hold (%d a side, %d million "
                      "in all); choose a smaller width or scale, or export SVG or PDF"),
                   l.width, l.height, SM_IMAGE_MAX_SIDE, SM_IMAGE_MAX_PIXELS / 1000000);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) l.width, (int) l.height);
  if (!check_surface (surface, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  paint_background (self, cr);
  draw_composition (self, cr, &l, NULL);
  cairo_destroy (cr);
  bytes = _sm_export_encode_png (surface, self->options.transparent, 96.0 * l.unit, error);
  cairo_surface_destroy (surface);
  return bytes;
}

static GBytes *
write_svg (SmImage *self,
           GError **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t         *cr;
  Layout           l;
  gboolean         ok;

  if (!compose_picture (self, &l, 1.0, error))
    return NULL;
  surface = cairo_svg_surface_create_for_stream (append_cb, svg, l.width, l.height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  paint_background (self, cr);
  self->svg_text = text;
  sm_renderer_set_text_func (self->renderer, _sm_export_svg_text_cb, text);
  draw_composition (self, cr, &l, NULL);
  sm_renderer_set_text_func (self->renderer, NULL, NULL);
  self->svg_text = NULL;
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return NULL;

  if (!_sm_export_svg_add_text (svg, text, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&svg));
}

/* The orientation a page gets: as chosen, or landscape for a map wider
 * than it is tall; tiled, whichever takes fewer sheets. */
gboolean
sm_image_is_landscape (SmImage *self)
{
  double width, height;
  guint  portrait, landscape;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->options.orientation != SM_PAGE_AUTO)
    return self->options.orientation == SM_PAGE_LANDSCAPE;
  if (!self->options.tile)
    return self->bw > self->bh * 1.1;
  /* Across sheets: the way that takes fewer. */
  sm_page_size_get_points (self->options.page, FALSE, &width, &height);
  portrait = sm_image_get_n_pages (self, width, height);
  landscape = sm_image_get_n_pages (self, height, width);
  if (portrait == 0 || landscape == 0)
    return landscape != 0 || (portrait == 0 && self->bw > self->bh * 1.1);
  if (portrait != landscape)
    return landscape < portrait;
  return self->bw > self->bh * 1.1;
}

static GBytes *
write_pdf (SmImage *self,
           GError **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           width, height;
  guint            n;
  gboolean         ok;
  g_autofree char *made = NULL;

  sm_page_size_get_points (self->options.page, sm_image_is_landscape (self), &width, &height);
  n = sm_image_get_n_pages (self, width, height);
  if (n == 0)
    {
      /* Translators: %d is the most pages a map may take */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The map would take more than %d page at this scale; choose a smaller scale or fit "
                                "it to one page",
                                "The map would take more than %d pages at this scale; choose a smaller scale or fit "
                                "it to one page",
                                SM_IMAGE_MAX_PAGES),
                   SM_IMAGE_MAX_PAGES);
      return NULL;
    }
  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Stakemap");
  made = g_date_time_format (self->made, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, made);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, made);
  if (self->question != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->question);
  cr = cairo_create (surface);
  for (guint i = 0; i < n; i++)
    {
      sm_image_draw_page (self, cr, i, width, height);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * sm_image_write_bytes:
 *
 * Returns: (transfer full): the picture as a file of @format, or %NULL
 *   with @error set
 */
GBytes *
sm_image_write_bytes (SmImage      *self,
                      SmImageFormat format,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (format)
    {
    case SM_IMAGE_PNG:
      return write_png (self, error);
    case SM_IMAGE_SVG:
      return write_svg (self, error);
    case SM_IMAGE_PDF:
      return write_pdf (self, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
sm_image_write (SmImage       *self,
                SmImageFormat  format,
                GOutputStream *stream,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) bytes = sm_image_write_bytes (self, format, error);

  return bytes != NULL && sm_export_write_all (stream, bytes, cancellable, error);
}

/* The pictures in the list of exporters: `convert` and the app's Export
 * Image dialog reach them as they reach GraphML. */

static gboolean
write_image (SmImageFormat          format,
             SmMap                 *map,
             const SmExportOptions *options,
             GOutputStream         *stream,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autoptr(SmImage) image = sm_image_new (map, options, error);

  return image != NULL && sm_image_write (image, format, stream, cancellable, error);
}

static gboolean
write_png_export (SmMap                 *map,
                  const SmExportOptions *options,
                  GOutputStream         *stream,
                  GOutputStream         *companion,
                  GCancellable          *cancellable,
                  GError               **error)
{
  return write_image (SM_IMAGE_PNG, map, options, stream, cancellable, error);
}

static gboolean
write_svg_export (SmMap                 *map,
                  const SmExportOptions *options,
                  GOutputStream         *stream,
                  GOutputStream         *companion,
                  GCancellable          *cancellable,
                  GError               **error)
{
  return write_image (SM_IMAGE_SVG, map, options, stream, cancellable, error);
}

static gboolean
write_pdf_export (SmMap                 *map,
                  const SmExportOptions *options,
                  GOutputStream         *stream,
                  GOutputStream         *companion,
                  GCancellable          *cancellable,
                  GError               **error)
{
  return write_image (SM_IMAGE_PDF, map, options, stream, cancellable, error);
}

static const char *const png_extensions[] = { "png", NULL };
static const char *const svg_extensions[] = { "svg", NULL };
static const char *const pdf_extensions[] = { "pdf", NULL };

const SmExporter sm_exporter_png = {
  "png", N_ ("PNG image"), "image/png", png_extensions, NULL, write_png_export, TRUE
};
const SmExporter sm_exporter_svg = {
  "svg", N_ ("SVG image"), "image/svg+xml", svg_extensions, NULL, write_svg_export, TRUE
};
const SmExporter sm_exporter_pdf = {
  "pdf", N_ ("PDF document"), "application/pdf", pdf_extensions, NULL, write_pdf_export, TRUE
};

/* sm-report.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sm-command.h"
#include "sm-evaluation-store.h"
#include "sm-format.h"
#include "sm-labels.h"
#include "sm-render.h"
#include "sm-report.h"
#include "sm-sources.h"

/* The report is laid out twice: once to count the pages, then for real,
 * so every footer can say "Page 3 of 9". Text flows line by line, so a
 * long paragraph or list breaks across pages instead of running off one.
 *
 * Consent (DQ-05) is handled once, at the start: the report is made from a
 * copy of the map in which every individual who has not agreed to be
 * named is called "Unnamed participant". The rules, their messages and the
 * drawn map then only ever see that name. Free text the group wrote (the
 * purpose, responses, reasons) is searched for the hidden names too. */

#define PAGE_WIDTH  595.276 /* A4, in points */
#define PAGE_HEIGHT 841.890
#define MARGIN      56.7    /* 2 cm */
#define FOOTER_DROP 22.0    /* footer baseline below the text area */
#define BULLET_INDENT 12.0
#define SHORT_PARAGRAPH 64.0 /* kept on one page */
#define MAP_PADDING 16.0
/* The renderer sizes its legend for a screen; on paper 8 pt is enough,
 * and leaves the map more room. */
#define MAP_SCALE   0.72

#define FONT_FAMILY "Cantarell, DejaVu Sans, Sans"

typedef enum
{
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_TITLE,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_FOOTER,
  N_STYLES,
} Style;

static const struct
{
  double size;
  PangoWeight weight;
  double before;
  double after;
} styles[N_STYLES] = {
  [STYLE_BODY] = { 10.0, PANGO_WEIGHT_NORMAL, 0, 4 },
  [STYLE_SMALL] = { 8.5, PANGO_WEIGHT_NORMAL, 0, 3 },
  [STYLE_TITLE] = { 22.0, PANGO_WEIGHT_BOLD, 0, 10 },
  [STYLE_H1] = { 16.0, PANGO_WEIGHT_BOLD, 16, 8 },
  [STYLE_H2] = { 12.5, PANGO_WEIGHT_BOLD, 14, 5 },
  [STYLE_H3] = { 10.0, PANGO_WEIGHT_BOLD, 10, 3 },
  [STYLE_FOOTER] = { 8.0, PANGO_WEIGHT_NORMAL, 0, 0 },
};

/* Okabe–Ito colours, always beside a word and a symbol. */
typedef struct
{
  const char *symbol;
  const char *background;
  const char *foreground;
} Badge;

static const Badge rule_badges[] = {
  [SM_RULE_PASS] = { "✓", "#009E73", "#FFFFFF" },
  [SM_RULE_WARN] = { "!", "#E69F00", "#000000" },
  [SM_RULE_FAIL] = { "✗", "#D55E00", "#FFFFFF" },
  [SM_RULE_NOT_APPLICABLE] = { "–", "#DDDDDD", "#000000" },
  [SM_RULE_INSUFFICIENT_DATA] = { "?", "#56B4E9", "#000000" },
  [SM_RULE_INFO] = { "i", "#0072B2", "#FFFFFF" },
};

static const Badge principle_badges[] = {
  [SM_PRINCIPLE_MET] = { "✓", "#009E73", "#FFFFFF" },
  [SM_PRINCIPLE_PARTLY_MET] = { "◐", "#E69F00", "#000000" },
  [SM_PRINCIPLE_NOT_MET] = { "✗", "#D55E00", "#FFFFFF" },
  [SM_PRINCIPLE_NOT_ASSESSED] = { "?", "#DDDDDD", "#000000" },
};

/* An individual's name and what the report calls them instead. */
typedef struct
{
  char *name;
  char *pseudonym;
} Hidden;

typedef struct
{
  /* What the report says, gathered once. */
  SmMap *original;
  SmMap *map;                /* the copy, with names hidden */
  SmRenderer *renderer;
  SmEvaluation *eval;
  SmEvalConfig *config;      /* the thresholds in use, counting to the report date */
  SmEvalConfig *map_config;  /* the thresholds saved in the map */
  GPtrArray *responses;      /* SmResponse */
  GPtrArray *log;            /* SmThresholdChange */
  GPtrArray *hidden;         /* Hidden, longest name first */
  guint n_hidden;            /* individuals shown as "Unnamed participant" */
  char *date;                /* of the report, YYYY-MM-DD */
  char *created;             /* for the PDF's metadata */
  char *footer;

  /* Where the writer is. */
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoLayout *marker;
  PangoLayout *aside;        /* the footer: drawn in the middle of a flow */
  PangoFontDescription *fonts[N_STYLES];
  double page_width;
  double page_height;
  double y;
  guint page;
  guint n_pages;             /* from the first pass; 0 while counting */
  gboolean blank;            /* nothing on this page yet */
  int outline;               /* the current top-level bookmark */
} Report;

static void
hidden_free (gpointer data)
{
  Hidden *h = data;

  g_free (h->name);
  g_free (h->pseudonym);
  g_free (h);
}

static int
compare_hidden (gconstpointer a,
                gconstpointer b)
{
  const Hidden *ha = *(const Hidden **) a;
  const Hidden *hb = *(const Hidden **) b;

  return (int) strlen (hb->name) - (int) strlen (ha->name);
}

/* Consent */

static gboolean
must_hide (SmRecord *stakeholder)
{
  return !sm_stakeholder_may_be_named (stakeholder);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* @text with every whole-word occurrence of a hidden name replaced. */
static char *
scrub (Report     *r,
       const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_new (text);
  for (guint i = 0; i < r->hidden->len; i++)
    {
      Hidden *h = g_ptr_array_index (r->hidden, i);
      gsize len = strlen (h->name);
      gsize from = 0;

      for (;;)
        {
          char *hit = strstr (out->str + from, h->name);
          gsize at;
          gboolean start_ok, end_ok;

          if (hit == NULL)
            break;
          at = hit - out->str;
          start_ok = at == 0 ||
                     !is_word_char (g_utf8_get_char (g_utf8_find_prev_char (out->str, hit)));
          end_ok = hit[len] == '\0' || !is_word_char (g_utf8_get_char (hit + len));
          if (start_ok && end_ok)
            {
              g_string_erase (out, at, len);
              g_string_insert (out, at, h->pseudonym);
              from = at + strlen (h->pseudonym);
            }
          else
            from = at + 1;
        }
    }
  return g_string_free (out, FALSE);
}

static void
scrub_field (Report     *r,
             SmRecord   *record,
             const char *path)
{
  const char *text = sm_record_get_string (record, path);
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  clean = scrub (r, text);
  if (strcmp (clean, text) != 0)
    {
      g_autoptr(SmCommand) command = sm_command_new_set_string (record, path, clean);

      sm_command_apply (command, r->map);
    }
}

/* The copy of the map the report is made from. */
static gboolean
make_copy (Report  *r,
           GError **error)
{
  SmCollection *people = sm_map_get_stakeholders (r->original);
  g_autoptr(GBytes) bytes = sm_format_save_to_bytes (r->original);
  SmCollection *copies, *ties, *notes;
  guint n_hidden = 0, k = 0;

  r->map = sm_format_load_bytes (bytes, error);
  if (r->map == NULL)
    return FALSE;

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    n_hidden += must_hide (sm_collection_get (people, i));

  copies = sm_map_get_stakeholders (r->map);
  for (guint i = 0; i < sm_collection_get_size (copies); i++)
    {
      SmRecord *person = sm_collection_get (copies, i);
      g_autoptr(SmCommand) command = NULL;
      Hidden *h;

      if (!must_hide (person))
        continue;
      h = g_new0 (Hidden, 1);
      h->name = g_strdup (sm_stakeholder_get_name (person));
      /* Numbered when there are several, so findings and the map can
       * still be read together. */
      h->pseudonym = n_hidden > 1 ? g_strdup_printf (_("Unnamed participant %u"), ++k)
                                  : sm_stakeholder_dup_display_name (person, TRUE);
      command = sm_command_new_set_string (person, "name", h->pseudonym);
      sm_command_apply (command, r->map);
      /* Never a report with a name that should have been hidden. */
      if (g_strcmp0 (sm_stakeholder_get_name (person), h->pseudonym) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not hide the name of a participant who has not agreed to be named"));
          hidden_free (h);
          return FALSE;
        }
      /* Only names of three letters or more are looked for in free text:
       * shorter ones would match ordinary words. */
      if (g_utf8_strlen (h->name, -1) >= 3)
        g_ptr_array_add (r->hidden, h);
      else
        hidden_free (h);
    }
  g_ptr_array_sort (r->hidden, compare_hidden);
  r->n_hidden = n_hidden;

  /* Text the renderer may draw beside the names. */
  ties = sm_map_get_relationships (r->map);
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    scrub_field (r, sm_collection_get (ties, i), "label");
  notes = sm_map_get_collection (r->map, SM_RECORD_ANNOTATION);
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    scrub_field (r, sm_collection_get (notes, i), "text");
  return TRUE;
}

/* Words */

static char *
format_number (double value)
{
  char *text;
  char *end;

  if (isnan (value))
    return g_strdup ("—");
  text = g_strdup_printf ("%.2f", value);
  /* "2.50" → "2.5", "54.00" → "54" */
  end = text + strlen (text) - 1;
  if (strchr (text, '.') != NULL || strchr (text, ',') != NULL)
    {
      while (end > text && *end == '0')
        *end-- = '\0';
      if (*end == '.' || *end == ',')
        *end = '\0';
    }
  return text;
}

static char *
format_threshold (const char *key,
                  double      value)
{
  static const char *const booleans[] = {
    "graph.space_comembership_as_tie", "sp03.include_recommend", "ep02.proxy_if_missing",
    "gate.sharing_power", NULL,
  };

  if (g_strv_contains (booleans, key))
    return g_strdup (value != 0 ? _("yes") : _("no"));
  if (strcmp (key, "sp04.median") == 0)
    return g_strdup (value != 0 ? _("upper") : _("lower"));
  return format_number (value);
}

static const char *
basis_tag (const char *key)
{
  switch (sm_eval_config_get_basis (key))
    {
    case SM_BASIS_SOURCE:
      return _("[S]");
    case SM_BASIS_CONVENTION:
      return _("[C]");
    case SM_BASIS_JUDGEMENT:
    default:
      return _("[J]");
    }
}

/* "2025-03-20T10:00:00Z" → "2025-03-20" */
static char *
date_part (const char *iso)
{
  if (iso == NULL || *iso == '\0')
    return g_strdup (_("no date"));
  return g_strndup (iso, MIN (strlen (iso), 10));
}

static const char *
stakeholder_name (Report     *r,
                  const char *id)
{
  SmRecord *record = sm_map_lookup_kind (r->map, SM_RECORD_STAKEHOLDER, id);

  return record != NULL ? sm_stakeholder_get_name (record) : id;
}

/* What a record is called in the report: names, never ids. */
static char *
record_name (Report   *r,
             SmRecord *record)
{
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      return g_strdup (sm_stakeholder_get_name (record));

    case SM_RECORD_RELATIONSHIP:
      {
        const char *category = sm_record_get_enum (record, "category");
        const char *direction = sm_record_get_enum (record, "direction");
        const char *label = sm_record_get_string (record, "label");

        return g_strdup_printf ("%s %s %s (%s)",
                                stakeholder_name (r, sm_relationship_get_source (record)),
                                g_strcmp0 (direction, "two_way") == 0 ? "⇄" : "→",
                                stakeholder_name (r, sm_relationship_get_target (record)),
                                label != NULL && *label != '\0' ? label
                                : category != NULL ? sm_value_label (category)
                                : _("relationship"));
      }

    case SM_RECORD_MAP:
      return g_strdup (_("The map"));

    case SM_RECORD_SPACE:
    case SM_RECORD_DECISION:
    case SM_RECORD_AFFECTED_GROUP:
    case SM_RECORD_ANNOTATION:
    default:
      return g_strdup (sm_record_get_label (record));
    }
}

static char *
name_for_id (Report     *r,
             const char *id)
{
  SmRecord *record = id != NULL ? sm_map_lookup (r->map, id) : NULL;

  if (record == NULL)
    return g_strdup (id != NULL ? id : "");
  return record_name (r, record);
}

static char *
names_of_refs (Report     *r,
               const char *path)
{
  JsonNode *node = sm_record_get_value (sm_map_get_metadata (r->map), path);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *name = NULL;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      name = name_for_id (r, json_node_get_string (element));
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", name);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
badge_markup (const Badge *badge,
              const char  *word)
{
  return g_markup_printf_escaped ("<span background=\"%s\" foreground=\"%s\"> %s %s </span>",
                                  badge->background, badge->foreground, badge->symbol, word);
}

/* Pages */

static double
content_width (Report *r)
{
  return r->page_width - 2 * MARGIN;
}

static double
content_bottom (Report *r)
{
  return r->page_height - MARGIN;
}

static void
set_layout (Report     *r,
            Style       style,
            double      width,
            const char *markup)
{
  pango_layout_set_font_description (r->layout, r->fonts[style]);
  pango_layout_set_width (r->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (r->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (r->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (r->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_markup (r->layout, markup, -1);
}

static double
layout_height (Report *r)
{
  PangoRectangle logical;

  pango_layout_get_extents (r->layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
finish_page (Report *r)
{
  g_autofree char *number = NULL;
  double baseline = content_bottom (r) + FOOTER_DROP;
  PangoRectangle logical;
  double width;

  if (r->n_pages > 0)
    number = g_strdup_printf (_("Page %u of %u"), r->page, r->n_pages);
  else
    number = g_strdup_printf (_("Page %u"), r->page);

  cairo_save (r->cr);
  cairo_set_source_rgb (r->cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (r->cr, 0.5);
  cairo_move_to (r->cr, MARGIN, content_bottom (r) + 8);
  cairo_line_to (r->cr, r->page_width - MARGIN, content_bottom (r) + 8);
  cairo_stroke (r->cr);

  pango_layout_set_font_description (r->aside, r->fonts[STYLE_FOOTER]);
  pango_layout_set_width (r->aside, -1);
  pango_layout_set_ellipsize (r->aside, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (r->aside, number, -1);
  pango_layout_get_extents (r->aside, NULL, &logical);
  width = (double) logical.width / PANGO_SCALE;
  cairo_move_to (r->cr, r->page_width - MARGIN - width, baseline);
  pango_cairo_show_layout_line (r->cr, pango_layout_get_line_readonly (r->aside, 0));

  pango_layout_set_width (r->aside, (int) ((content_width (r) - width - 24) * PANGO_SCALE));
  pango_layout_set_ellipsize (r->aside, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (r->aside, r->footer, -1);
  cairo_move_to (r->cr, MARGIN, baseline);
  pango_cairo_show_layout_line (r->cr, pango_layout_get_line_readonly (r->aside, 0));
  cairo_restore (r->cr);
}

static void
new_page (Report   *r,
          gboolean  landscape)
{
  finish_page (r);
  cairo_show_page (r->cr);
  r->page++;
  r->page_width = landscape ? PAGE_HEIGHT : PAGE_WIDTH;
  r->page_height = landscape ? PAGE_WIDTH : PAGE_HEIGHT;
  cairo_pdf_surface_set_size (r->surface, r->page_width, r->page_height);
  r->y = MARGIN;
  r->blank = TRUE;
}

/* Room for @height more points, or a new page. */
static void
keep (Report *r,
      double  height)
{
  if (!r->blank && r->y + height > content_bottom (r))
    new_page (r, FALSE);
}

static void
space (Report *r,
       double  height)
{
  if (!r->blank)
    r->y += height;
}

/* Draws the layout at @x, a line at a time, breaking pages between lines.
 * @marker, when given, is drawn before the first line (a bullet). */
static void
flow (Report     *r,
      double      x,
      const char *marker)
{
  PangoLayoutIter *iter;
  double top = 0;   /* the layout's y at the top of this page's part */
  double end = 0;
  gboolean first = TRUE;

  /* A short paragraph is not worth splitting: one line alone at the
   * foot or the top of a page is harder to read than a shorter page. */
  if (layout_height (r) <= SHORT_PARAGRAPH)
    keep (r, layout_height (r));

  iter = pango_layout_get_iter (r->layout);
  do
    {
      PangoRectangle line;
      double ly, lh, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      ly = (double) line.y / PANGO_SCALE;
      lh = (double) line.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      if (r->y + (ly - top) + lh > content_bottom (r) && !(r->blank && ly == top))
        {
          r->y += ly - top;
          new_page (r, FALSE);
          top = ly;
        }
      cairo_move_to (r->cr, x + (double) line.x / PANGO_SCALE, r->y + baseline - top);
      pango_cairo_show_layout_line (r->cr, pango_layout_iter_get_line_readonly (iter));
      if (first && marker != NULL)
        {
          pango_layout_set_font_description (r->marker, pango_layout_get_font_description (r->layout));
          pango_layout_set_text (r->marker, marker, -1);
          cairo_move_to (r->cr, x - BULLET_INDENT, r->y + baseline - top);
          pango_cairo_show_layout_line (r->cr, pango_layout_get_line_readonly (r->marker, 0));
        }
      first = FALSE;
      end = ly + lh;
      r->blank = FALSE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  r->y += end - top;
}

/* One paragraph of markup, indented by @indent. */
static void
put_markup (Report     *r,
            Style       style,
            double      indent,
            const char *markup)
{
  space (r, styles[style].before);
  set_layout (r, style, content_width (r) - indent, markup);
  flow (r, MARGIN + indent, NULL);
  r->y += styles[style].after;
}

/* "Label: text", the label in bold; both scrubbed of hidden names. */
static void
put (Report     *r,
     Style       style,
     double      indent,
     const char *label,
     const char *text)
{
  g_autofree char *clean = scrub (r, text);
  g_autofree char *markup = NULL;

  if (label != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b> %s", label, clean);
  else
    markup = g_markup_escape_text (clean, -1);
  put_markup (r, style, indent, markup);
}

static void
put_bullet (Report     *r,
            Style       style,
            double      indent,
            const char *markup)
{
  set_layout (r, style, content_width (r) - indent - BULLET_INDENT, markup);
  flow (r, MARGIN + indent + BULLET_INDENT, "•");
  r->y += 1.5;
}

static void
heading (Report     *r,
         Style       style,
         const char *text,
         double      keep_with)
{
  g_autofree char *clean = scrub (r, text);
  g_autofree char *markup = g_markup_escape_text (clean, -1);
  g_autofree char *link = NULL;
  int id;

  set_layout (r, style, content_width (r), markup);
  keep (r, styles[style].before + layout_height (r) + keep_with);
  space (r, styles[style].before);
  link = g_strdup_printf ("page=%u pos=[%d %d]", r->page, (int) MARGIN, (int) r->y);
  if (style == STYLE_H1 || style == STYLE_TITLE)
    {
      id = cairo_pdf_surface_add_outline (r->surface, CAIRO_PDF_OUTLINE_ROOT, clean, link, 0);
      r->outline = id;
    }
  else if (style == STYLE_H2)
    cairo_pdf_surface_add_outline (r->surface, r->outline, clean, link, 0);
  flow (r, MARGIN, NULL);
  r->y += styles[style].after;
}

/* A short block on a tinted ground with a bar on the left (the gate). */
static void
callout (Report     *r,
         const char *text)
{
  g_autofree char *clean = scrub (r, text);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", clean);
  double pad = 8, bar = 4, height;

  set_layout (r, STYLE_BODY, content_width (r) - 2 * pad - bar, markup);
  height = layout_height (r) + 2 * pad;
  keep (r, height);
  cairo_save (r->cr);
  cairo_rectangle (r->cr, MARGIN, r->y, content_width (r), height);
  cairo_set_source_rgb (r->cr, 0.99, 0.94, 0.89);
  cairo_fill (r->cr);
  cairo_rectangle (r->cr, MARGIN, r->y, bar, height);
  cairo_set_source_rgb (r->cr, 0.835, 0.369, 0.0);
  cairo_fill (r->cr);
  cairo_restore (r->cr);
  cairo_move_to (r->cr, MARGIN + bar + pad, r->y + pad);
  pango_cairo_show_layout (r->cr, r->layout);
  r->y += height + 6;
  r->blank = FALSE;
}

/* A table row: one markup per column, of the given widths. Rows are short,
 * so a row is kept whole on one page; on a new page the @header row, when
 * given, comes first again. */
static void
table_row (Report             *r,
           Style               style,
           guint               n,
           const double       *widths,
           const char *const  *cells,
           gboolean            rule_below,
           const char *const  *header)
{
  double height = 0, x = MARGIN, gap = 6;
  guint page = r->page;

  for (guint i = 0; i < n; i++)
    {
      set_layout (r, style, widths[i] - gap, cells[i] != NULL ? cells[i] : "");
      height = MAX (height, layout_height (r));
    }
  keep (r, height + 4);
  if (header != NULL && r->page != page)
    table_row (r, style, n, widths, header, TRUE, NULL);
  for (guint i = 0; i < n; i++)
    {
      set_layout (r, style, widths[i] - gap, cells[i] != NULL ? cells[i] : "");
      cairo_move_to (r->cr, x, r->y + 2);
      pango_cairo_show_layout (r->cr, r->layout);
      x += widths[i];
    }
  r->y += height + 4;
  if (rule_below)
    {
      cairo_save (r->cr);
      cairo_set_source_rgb (r->cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (r->cr, 0.5);
      cairo_move_to (r->cr, MARGIN, r->y);
      cairo_line_to (r->cr, MARGIN + content_width (r), r->y);
      cairo_stroke (r->cr);
      cairo_restore (r->cr);
    }
  r->blank = FALSE;
}

/* Sections */

static void
put_title_block (Report *r)
{
  SmRecord *meta = sm_map_get_metadata (r->map);
  const char *title = sm_map_get_title (r->map);
  const char *purpose = sm_record_get_string (meta, "purpose");
  const char *question = sm_record_get_string (meta, "question");
  const char *snap_date = sm_record_get_string (meta, "snapshot.date");
  const char *snap_status = sm_record_get_enum (meta, "snapshot.status");
  double snap_version = sm_record_get_number (meta, "snapshot.version", -1);
  const char *method = sm_record_get_enum (meta, "perspective.method");
  const char *validated_on = sm_record_get_string (meta, "perspective.validated_on");
  g_autofree char *drawn = names_of_refs (r, "perspective.drawn_by");
  g_autofree char *validated = names_of_refs (r, "perspective.validated_by");
  g_autoptr(GString) snapshot = g_string_new (NULL);
  g_autofree char *kicker = NULL;
  guint changed = 0;

  kicker = g_markup_printf_escaped ("<span foreground=\"#555555\">%s</span>",
                                    _("Co-production evaluation report"));
  put_markup (r, STYLE_BODY, 0, kicker);
  heading (r, STYLE_TITLE, title != NULL && *title != '\0' ? title : _("Untitled map"), 60);

  if (purpose != NULL && *purpose != '\0')
    put (r, STYLE_BODY, 0, _("Purpose:"), purpose);
  if (question != NULL && *question != '\0')
    put (r, STYLE_BODY, 0, _("Framing question:"), question);

  g_string_append (snapshot, snap_date != NULL && *snap_date != '\0' ? snap_date : _("no date recorded"));
  if (snap_version >= 0)
    g_string_append_printf (snapshot, _(", version %.0f"), snap_version);
  if (snap_status != NULL)
    g_string_append_printf (snapshot, " (%s)", sm_value_label (snap_status));
  put (r, STYLE_BODY, 0, _("Snapshot:"), snapshot->str);

  if (drawn != NULL)
    {
      g_autofree char *text = NULL;

      if (method != NULL && strcmp (method, "unknown") != 0)
        text = g_strdup_printf (_("%s (method: %s)"), drawn, sm_value_label (method));
      put (r, STYLE_BODY, 0, _("Drawn by:"), text != NULL ? text : drawn);
    }
  else
    put (r, STYLE_BODY, 0, _("Drawn by:"), _("not recorded"));

  if (validated != NULL)
    {
      g_autofree char *text = NULL;

      if (validated_on != NULL && *validated_on != '\0')
        text = g_strdup_printf (_("%s, on %s"), validated, validated_on);
      put (r, STYLE_BODY, 0, _("Validated by:"), text != NULL ? text : validated);
    }
  else
    put (r, STYLE_BODY, 0, _("Validated by:"), _("not yet validated"));

  put (r, STYLE_BODY, 0, _("Report date:"), r->date);
  if (r->eval->lens != SM_LENS_NONE)
    put (r, STYLE_BODY, 0, _("Lens:"), sm_value_label (sm_lens_to_string (r->eval->lens)));

  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    changed += !sm_eval_config_is_default (r->config, *keys);
  if (changed == 0)
    put (r, STYLE_BODY, 0, _("Thresholds:"), _("the defaults of the rule catalogue"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u changed from the default (see “Thresholds in use”)",
                                                            "%u changed from the defaults (see “Thresholds in use”)",
                                                            changed),
                                               changed);
      put (r, STYLE_BODY, 0, _("Thresholds:"), text);
    }

  space (r, 4);
  put (r, STYLE_SMALL, 0, NULL,
       _("Each finding is a prompt for discussion, not a verdict: a map is one group’s view at one "
         "point in time. Thresholds marked [J] are judgement calls the group can change."));
  if (r->n_hidden > 0)
    put (r, STYLE_SMALL, 0, NULL,
         _("People who have not agreed to be named on the map are shown as “Unnamed participant”."));
}

/* "was Partly met on 2024-11-10" (principles.md §7.5), or NULL. */
static char *
principle_change (SmPrincipleResult *pr)
{
  g_autofree char *date = NULL;

  if (pr->previous_status < 0 || pr->previous_status > SM_PRINCIPLE_NOT_ASSESSED)
    return NULL;
  date = date_part (pr->previous_date);
  if ((SmPrincipleStatus) pr->previous_status == pr->status)
    return g_strdup_printf (_("unchanged since %s"), date);
  return g_strdup_printf (_("was %s on %s"), sm_principle_status_to_label (pr->previous_status), date);
}

static void
put_profile (Report *r)
{
  const double widths[] = { 180, 88, 38, 92, 0 };
  double w[5];
  const char *header[5];
  char *h[5];

  memcpy (w, widths, sizeof w);
  w[4] = content_width (r) - (w[0] + w[1] + w[2] + w[3]);

  heading (r, STYLE_H1, _("Principle profile"), 80);
  if (r->eval->gate_message != NULL)
    callout (r, r->eval->gate_message);
  if (r->eval->summary != NULL)
    put (r, STYLE_BODY, 0, NULL, r->eval->summary);
  if (!isnan (r->eval->index))
    {
      g_autofree char *text = g_strdup_printf (_("Indicative index: %.0f (indicative — not a grade; not for "
                                                 "comparing projects)"),
                                               r->eval->index);
      put (r, STYLE_BODY, 0, NULL, text);
    }
  space (r, 6);

  h[0] = g_markup_printf_escaped ("<b>%s</b>", _("Principle"));
  h[1] = g_markup_printf_escaped ("<b>%s</b>", _("Status"));
  h[2] = g_markup_printf_escaped ("<b>%s</b>", _("Score"));
  h[3] = g_markup_printf_escaped ("<b>%s</b>", _("Confidence"));
  h[4] = g_markup_printf_escaped ("<b>%s</b>", _("Change"));
  for (guint i = 0; i < 5; i++)
    header[i] = h[i];
  table_row (r, STYLE_SMALL, 5, w, header, TRUE, NULL);

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];
      guint ok = 0;
      g_autofree char *name = NULL;
      g_autofree char *status = badge_markup (&principle_badges[pr->status],
                                              sm_principle_status_to_label (pr->status));
      g_autofree char *score = isnan (pr->score) ? g_strdup ("—") : g_strdup_printf ("%.2f", pr->score);
      g_autofree char *confidence = NULL;
      g_autofree char *previous = NULL;
      g_autofree char *change = NULL;
      g_autofree char *checks = NULL;
      const char *cells[5];

      for (guint i = 0; i < r->eval->rules->len; i++)
        {
          SmRuleResult *res = g_ptr_array_index (r->eval->rules, i);

          if (strcmp (sm_rule_def_get_principle (res->rule), pr->id) == 0 && res->status == SM_RULE_PASS)
            ok++;
        }
      checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u check looks OK",
                                             "%u of %u checks look OK", pr->n_rules),
                                ok, pr->n_rules);
      name = g_markup_printf_escaped ("<b>%s %s</b>\n<span size=\"smaller\">%s</span>",
                                      pr->id, pr->name, checks);
      confidence = g_markup_escape_text (pr->status == SM_PRINCIPLE_NOT_ASSESSED
                                           ? "—" : sm_confidence_to_label (pr->confidence), -1);
      previous = principle_change (pr);
      change = g_markup_escape_text (previous != NULL ? previous : "—", -1);
      cells[0] = name;
      cells[1] = status;
      cells[2] = score;
      cells[3] = confidence;
      cells[4] = change;
      table_row (r, STYLE_SMALL, 5, w, cells, TRUE, header);
    }
  for (guint i = 0; i < 5; i++)
    g_free (h[i]);

  if (r->eval->lens != SM_LENS_NONE && r->eval->headlines != NULL && r->eval->headlines->len > 0)
    {
      g_autofree char *title = g_strdup_printf (_("Headlines for the %s lens"),
                                                sm_value_label (sm_lens_to_string (r->eval->lens)));

      heading (r, STYLE_H2, title, 30);
      put (r, STYLE_SMALL, 0, NULL,
           _("A lens puts some findings first; it never changes a result. Each is set out in full "
             "under its principle."));
      for (guint i = 0; i < r->eval->headlines->len; i++)
        {
          SmRuleResult *res = g_ptr_array_index (r->eval->headlines, i);
          g_autofree char *badge = badge_markup (&rule_badges[res->status], sm_rule_status_to_label (res->status));
          g_autofree char *question = scrub (r, sm_rule_def_get_question (res->rule));
          g_autofree char *rest = g_markup_printf_escaped ("<b>%s</b> %s", sm_rule_def_get_id (res->rule), question);
          g_autofree char *all = g_strconcat (badge, " ", rest, NULL);

          put_bullet (r, STYLE_BODY, 0, all);
        }
    }
}

static void
put_map (Report *r)
{
  double bx, by, bw, bh, box_y, box_w, box_h;
  SmRenderState state = { 0 };
  SmViewport viewport;
  gboolean placed;

  placed = sm_renderer_get_bounds (r->renderer, &bx, &by, &bw, &bh);
  new_page (r, placed && bw > bh);
  heading (r, STYLE_H1, _("The map"), 200);
  if (!placed)
    {
      put (r, STYLE_BODY, 0, NULL, _("No stakeholder has a place on the map yet."));
      return;
    }
  put (r, STYLE_SMALL, 0, NULL,
       _("Size shows influence; shape and colour show the side; the legend explains the lines."));

  box_y = r->y + 4;
  box_w = content_width (r);
  box_h = content_bottom (r) - box_y;
  state.flags = SM_RENDER_BACKGROUND | SM_RENDER_LEGEND;
  sm_renderer_fit_viewport (r->renderer, box_w / MAP_SCALE, box_h / MAP_SCALE, MAP_PADDING,
                            state.flags, &viewport);

  cairo_save (r->cr);
  cairo_translate (r->cr, MARGIN, box_y);
  cairo_rectangle (r->cr, 0, 0, box_w, box_h);
  cairo_clip (r->cr);
  cairo_scale (r->cr, MAP_SCALE, MAP_SCALE);
  sm_renderer_draw (r->renderer, r->cr, &viewport, &state);
  cairo_restore (r->cr);

  cairo_save (r->cr);
  cairo_rectangle (r->cr, MARGIN, box_y, box_w, box_h);
  cairo_set_source_rgb (r->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (r->cr, 0.5);
  cairo_stroke (r->cr);
  cairo_restore (r->cr);
  r->y = content_bottom (r);
  r->blank = FALSE;
}

static char *
measured_words (SmRuleResult *res,
                Report       *r)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean judgement = FALSE, changed = FALSE;

  if (!isnan (res->value))
    {
      g_autofree char *value = format_number (res->value);

      g_string_append_printf (out, _("the map shows %s"), value);
      if (!isnan (res->previous_value))
        {
          g_autofree char *was = format_number (res->previous_value);
          g_autofree char *date = date_part (r->eval->previous_date);
          const char *trend = res->trend > 0 ? _("better") : res->trend < 0 ? _("worse") : NULL;

          if (trend != NULL)
            g_string_append_printf (out, _(" (%s on %s: %s)"), was, date, trend);
          else
            g_string_append_printf (out, _(" (%s on %s)"), was, date);
        }
    }
  if (res->thresholds != NULL && res->thresholds->len > 0)
    {
      if (out->len > 0)
        g_string_append (out, _("; "));
      g_string_append (out, res->thresholds->len > 1 ? _("thresholds in use: ") : _("threshold in use: "));
      for (guint i = 0; i < res->thresholds->len; i++)
        {
          SmNamedValue *t = &g_array_index (res->thresholds, SmNamedValue, i);
          g_autofree char *value = format_threshold (t->name, t->value);
          gboolean is_default = sm_eval_config_is_default (r->config, t->name);

          g_string_append_printf (out, "%s%s = %s %s%s", i > 0 ? ", " : "", t->name, value,
                                  basis_tag (t->name), is_default ? "" : " ✱");
          judgement |= sm_eval_config_get_basis (t->name) == SM_BASIS_JUDGEMENT;
          changed |= !is_default;
        }
      if (judgement)
        g_string_append (out, _(" ([J]: a judgement call the group can change)"));
      if (changed)
        g_string_append (out, _(" (✱: changed from the default)"));
    }
  if (out->len == 0)
    return NULL;
  out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
response_markup (Report     *r,
                 SmResponse *response)
{
  const char *kind = response->kind == SM_RESPONSE_DIFFER ? _("We see it differently") : _("Discuss");
  g_autofree char *by = scrub (r, response->by != NULL && *response->by != '\0' ? response->by
                                                                                 : _("someone in the group"));
  g_autofree char *when = date_part (response->at);
  g_autofree char *text = scrub (r, response->text);

  return g_markup_printf_escaped (_("<b>%s</b> — %s, %s: %s"), kind, by, when, text);
}

static gboolean
shows_action (SmRuleStatus status)
{
  return status == SM_RULE_WARN || status == SM_RULE_FAIL || status == SM_RULE_INFO ||
         status == SM_RULE_INSUFFICIENT_DATA;
}

static void
put_finding (Report       *r,
             SmRuleResult *res)
{
  const char *id = sm_rule_def_get_id (res->rule);
  g_autofree char *badge = badge_markup (&rule_badges[res->status], sm_rule_status_to_label (res->status));
  g_autofree char *question = scrub (r, sm_rule_def_get_question (res->rule));
  g_autofree char *title = g_markup_printf_escaped ("<b>%s  %s</b>", id, question);
  g_autofree char *markup = g_strconcat (badge, "  ", title, NULL);
  g_autofree char *measured = measured_words (res, r);
  const char *const *sources = sm_rule_def_get_sources (res->rule);
  guint n_responses = 0;

  /* The heading and the first lines of the finding stay together. */
  space (r, styles[STYLE_H3].before);
  set_layout (r, STYLE_BODY, content_width (r), markup);
  keep (r, layout_height (r) + 36);
  flow (r, MARGIN, NULL);
  r->y += 3;

  if (res->message != NULL && *res->message != '\0')
    put (r, STYLE_BODY, 0, NULL, res->message);
  if (measured != NULL)
    put (r, STYLE_SMALL, 0, _("Measured:"), measured);

  if (res->evidence->len > 0)
    {
      put (r, STYLE_SMALL, 0, _("Evidence:"), "");
      for (guint i = 0; i < res->evidence->len; i++)
        {
          SmEvidence *e = g_ptr_array_index (res->evidence, i);
          g_autofree char *name = name_for_id (r, e->id);
          g_autofree char *clean_name = scrub (r, name);
          g_autofree char *detail = scrub (r, e->detail);
          g_autofree char *item = NULL;

          if (detail != NULL && *detail != '\0')
            item = g_markup_printf_escaped ("<b>%s</b> — %s", clean_name, detail);
          else
            item = g_markup_printf_escaped ("<b>%s</b>", clean_name);
          put_bullet (r, STYLE_SMALL, 0, item);
        }
      r->y += 2;
    }

  if (res->action != NULL && *res->action != '\0' && shows_action (res->status))
    put (r, STYLE_BODY, 0, _("What you could do:"), res->action);

  if (res->data_gaps->len > 0)
    {
      g_autoptr(GString) gaps = g_string_new (NULL);

      for (guint i = 0; i < res->data_gaps->len; i++)
        {
          g_autofree char *words = sm_data_gap_dup_label (r->map, g_ptr_array_index (res->data_gaps, i), FALSE);

          g_string_append_printf (gaps, "%s%s", i > 0 ? "; " : "", words);
        }
      put (r, STYLE_SMALL, 0, _("Not recorded (data gaps):"), gaps->str);
    }

  if (sources != NULL && sources[0] != NULL)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; sources[i] != NULL; i++)
        {
          const char *name = sm_source_get_short (sources[i]);

          if (i > 0)
            g_string_append (list, "; ");
          if (name != NULL)
            g_string_append_printf (list, "%s %s", sources[i], name);
          else
            g_string_append (list, sources[i]);
        }
      put (r, STYLE_SMALL, 0, _("Sources:"), list->str);
    }

  for (guint i = 0; i < r->responses->len; i++)
    {
      SmResponse *response = g_ptr_array_index (r->responses, i);
      g_autofree char *item = NULL;

      if (g_strcmp0 (response->rule, id) != 0)
        continue;
      if (n_responses++ == 0)
        put (r, STYLE_SMALL, 0, _("The group’s responses:"), "");
      item = response_markup (r, response);
      put_bullet (r, STYLE_SMALL, 0, item);
    }

  r->y += 4;
}

static void
put_findings (Report *r)
{
  GPtrArray *order = r->eval->order != NULL ? r->eval->order : r->eval->rules;

  new_page (r, FALSE);
  heading (r, STYLE_H1, _("Findings"), 40);
  if (r->eval->lens != SM_LENS_NONE)
    put (r, STYLE_SMALL, 0, NULL,
         _("Within each principle, the findings of the chosen lens come first."));

  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];
      g_autofree char *title = g_strdup_printf ("%s %s — %s %s", pr->id, pr->name,
                                                principle_badges[pr->status].symbol,
                                                sm_principle_status_to_label (pr->status));

      heading (r, STYLE_H2, title, 60);
      for (guint i = 0; i < order->len; i++)
        {
          SmRuleResult *res = g_ptr_array_index (order, i);

          if (strcmp (sm_rule_def_get_principle (res->rule), pr->id) == 0)
            put_finding (r, res);
        }
    }

  if (r->eval->checks != NULL && r->eval->checks->len > 0)
    {
      heading (r, STYLE_H2, _("Data-quality checks"), 60);
      put (r, STYLE_SMALL, 0, NULL,
           _("These checks are not scored: they say how far the map can be relied on."));
      for (guint i = 0; i < r->eval->checks->len; i++)
        put_finding (r, g_ptr_array_index (r->eval->checks, i));
    }

  /* Responses to findings this version does not know stay visible. */
  for (guint i = 0, n = 0; i < r->responses->len; i++)
    {
      SmResponse *response = g_ptr_array_index (r->responses, i);
      g_autofree char *item = NULL;

      if (response->rule != NULL &&
          (sm_rules_lookup (response->rule) != NULL || sm_checks_lookup (response->rule) != NULL))
        continue;
      if (n++ == 0)
        heading (r, STYLE_H2, _("Other responses from the group"), 30);
      item = response_markup (r, response);
      put_bullet (r, STYLE_SMALL, 0, item);
    }
}

static SmThresholdChange *
last_change (Report     *r,
             const char *key)
{
  for (guint i = r->log->len; i > 0; i--)
    {
      SmThresholdChange *change = g_ptr_array_index (r->log, i - 1);

      if (g_strcmp0 (change->key, key) == 0)
        return change;
    }
  return NULL;
}

static char *
change_words (Report            *r,
              SmThresholdChange *change)
{
  g_autofree char *old_value = format_threshold (change->key, change->old_value);
  g_autofree char *new_value = format_threshold (change->key, change->new_value);
  g_autofree char *by = scrub (r, change->by != NULL && *change->by != '\0' ? change->by : _("not recorded"));
  g_autofree char *when = date_part (change->at);
  g_autofree char *reason = scrub (r, change->reason != NULL && *change->reason != '\0'
                                        ? change->reason : _("no reason recorded"));

  return g_strdup_printf (_("%s → %s, by %s on %s. Why: %s"), old_value, new_value, by, when, reason);
}

static void
put_thresholds (Report *r)
{
  double w[3];
  g_autofree char *h0 = g_markup_printf_escaped ("<b>%s</b>", _("Threshold"));
  g_autofree char *h1 = g_markup_printf_escaped ("<b>%s</b>", _("Value"));
  g_autofree char *h2 = g_markup_printf_escaped ("<b>%s</b>", _("Note"));
  const char *header[3] = { h0, h1, h2 };

  w[0] = 190;
  w[1] = 70;
  w[2] = content_width (r) - w[0] - w[1];

  new_page (r, FALSE);
  heading (r, STYLE_H1, _("Thresholds in use"), 60);
  put (r, STYLE_SMALL, 0, NULL,
       _("[S] stated or implied by a source; [C] a convention of the method; [J] a judgement call "
         "the group can change and should record why. ✱ marks a value changed from the default of "
         "the rule catalogue (principles.md §10), with the record of who changed it, when and why."));
  space (r, 4);
  table_row (r, STYLE_SMALL, 3, w, header, TRUE, NULL);

  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    {
      const char *key = *keys;
      double value = sm_eval_config_get (r->config, key);
      gboolean is_default = sm_eval_config_is_default (r->config, key);
      g_autofree char *text = format_threshold (key, value);
      g_autofree char *name = NULL;
      g_autofree char *cell = NULL;
      g_autofree char *note = NULL;
      const char *cells[3];

      if (is_default)
        {
          name = g_markup_printf_escaped ("%s", key);
          cell = g_markup_printf_escaped ("%s %s", text, basis_tag (key));
          note = g_strdup ("");
        }
      else
        {
          g_autofree char *was = format_threshold (key, sm_eval_config_get_default (key));
          SmThresholdChange *change = last_change (r, key);
          g_autoptr(GString) words = g_string_new (NULL);

          name = g_markup_printf_escaped ("<b>✱ %s</b>", key);
          cell = g_markup_printf_escaped ("<b>%s</b> %s", text, basis_tag (key));
          g_string_append_printf (words, _("Changed from the default %s."), was);
          if (sm_eval_config_get (r->map_config, key) != value)
            g_string_append_printf (words, " %s", _("Set for this report only; not saved in the map."));
          else if (change != NULL)
            {
              g_autofree char *said = change_words (r, change);

              g_string_append_printf (words, " %s", said);
            }
          else
            g_string_append_printf (words, " %s", _("No record of who changed it."));
          note = g_markup_escape_text (words->str, -1);
        }
      cells[0] = name;
      cells[1] = cell;
      cells[2] = note;
      table_row (r, STYLE_SMALL, 3, w, cells, FALSE, header);
    }

  heading (r, STYLE_H2, _("Changes to thresholds"), 30);
  if (r->log->len == 0)
    put (r, STYLE_SMALL, 0, NULL, _("No threshold of this map has been changed."));
  for (guint i = 0; i < r->log->len; i++)
    {
      SmThresholdChange *change = g_ptr_array_index (r->log, i);
      g_autofree char *said = change_words (r, change);
      g_autofree char *clean = scrub (r, said);
      g_autofree char *item = g_markup_printf_escaped ("<b>%s</b>: %s", change->key, clean);

      put_bullet (r, STYLE_SMALL, 0, item);
    }
}

/* The full references of the sources the findings cite. */
static void
put_sources (Report *r)
{
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < r->eval->rules->len; i++)
    {
      SmRuleResult *res = g_ptr_array_index (r->eval->rules, i);
      const char *const *ids = sm_rule_def_get_sources (res->rule);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        g_hash_table_add (cited, (gpointer) ids[j]);
    }

  heading (r, STYLE_H2, _("Sources"), 30);
  put (r, STYLE_SMALL, 0, NULL,
       _("The published work each finding rests on. A finding is a prompt for discussion; "
         "the sources say why it matters."));
  for (guint i = 0; i < sm_sources_get_count (); i++)
    {
      const char *id = sm_sources_get_id (i);
      g_autofree char *item = NULL;

      if (!g_hash_table_contains (cited, id))
        continue;
      item = g_markup_printf_escaped ("<b>%s</b>  %s", id, sm_source_get_citation (id));
      put_bullet (r, STYLE_SMALL, 0, item);
    }
}

/* Writing */

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
draw_report (Report              *r,
             cairo_write_func_t   write,
             void                *closure)
{
  cairo_font_options_t *options;
  PangoContext *context;
  cairo_status_t status;
  g_autofree char *title = scrub (r, sm_map_get_title (r->map));

  r->page_width = PAGE_WIDTH;
  r->page_height = PAGE_HEIGHT;
  r->surface = cairo_pdf_surface_create_for_stream (write, closure, r->page_width, r->page_height);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_TITLE,
                                  *title != '\0' ? title : _("Evaluation report"));
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_SUBJECT, _("Co-production evaluation report"));
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_CREATOR, "Stakemap " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_CREATE_DATE, r->created);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_MOD_DATE, r->created);
  r->cr = cairo_create (r->surface);
  /* Points as font units, and the same metrics at any zoom. */
  context = pango_cairo_create_context (r->cr);
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  r->layout = pango_layout_new (context);
  r->marker = pango_layout_new (context);
  r->aside = pango_layout_new (context);
  g_object_unref (context);

  r->page = 1;
  r->y = MARGIN;
  r->blank = TRUE;
  r->outline = CAIRO_PDF_OUTLINE_ROOT;
  cairo_set_source_rgb (r->cr, 0.1, 0.1, 0.1);

  put_title_block (r);
  put_profile (r);
  put_map (r);
  put_findings (r);
  put_thresholds (r);
  put_sources (r);
  finish_page (r);

  g_clear_object (&r->layout);
  g_clear_object (&r->marker);
  g_clear_object (&r->aside);
  cairo_destroy (r->cr);
  r->cr = NULL;
  cairo_surface_finish (r->surface);
  status = cairo_surface_status (r->surface);
  cairo_surface_destroy (r->surface);
  r->surface = NULL;
  return status;
}

static void
report_clear (Report *r)
{
  g_clear_object (&r->renderer);
  g_clear_pointer (&r->eval, sm_evaluation_free);
  g_clear_object (&r->map);
  g_clear_pointer (&r->map_config, sm_eval_config_free);
  g_clear_pointer (&r->responses, g_ptr_array_unref);
  g_clear_pointer (&r->log, g_ptr_array_unref);
  g_clear_pointer (&r->config, sm_eval_config_free);
  g_clear_pointer (&r->hidden, g_ptr_array_unref);
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&r->fonts[i], pango_font_description_free);
  g_free (r->date);
  g_free (r->created);
  g_free (r->footer);
}

/**
 * sm_report_to_pdf:
 * @map: the map
 * @config: (nullable): thresholds; NULL for the map's own
 * @lens: which perspective's findings come first
 * @now: (nullable): the report date; NULL for now
 * @error: return location for an error
 *
 * Makes the evaluation report of @map as a PDF document.
 *
 * Returns: (transfer full): the PDF, or NULL with @error set
 */
GBytes *
sm_report_to_pdf (SmMap              *map,
                  const SmEvalConfig *config,
                  SmLens              lens,
                  GDateTime          *now,
                  GError            **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GByteArray) pdf = NULL;
  g_autofree char *title = NULL;
  cairo_status_t status;
  Report r = { 0 };

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  when = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  utc = g_date_time_to_utc (when);

  r.original = map;
  r.date = g_date_time_format (when, "%Y-%m-%d");
  r.hidden = g_ptr_array_new_with_free_func (hidden_free);
  if (!make_copy (&r, error))
    {
      report_clear (&r);
      return NULL;
    }

  r.map_config = sm_map_dup_eval_config (map);
  /* DQ-04 counts the map's age to the day of the report. */
  r.config = sm_eval_config_copy (config != NULL ? config : r.map_config);
  r.responses = sm_map_dup_responses (map, NULL);
  r.log = sm_map_dup_threshold_log (map);
  if (r.responses == NULL)
    r.responses = g_ptr_array_new ();
  if (r.log == NULL)
    r.log = g_ptr_array_new ();
  sm_eval_config_set_today (r.config, r.date, NULL);
  r.eval = sm_evaluate (r.map, r.config, lens);
  r.renderer = sm_renderer_new (r.map);
  r.created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  title = scrub (&r, sm_map_get_title (r.map));
  r.footer = g_strdup_printf (_("%s — evaluation report, %s"),
                              *title != '\0' ? title : _("Untitled map"), r.date);

  for (guint i = 0; i < N_STYLES; i++)
    {
      r.fonts[i] = pango_font_description_from_string (FONT_FAMILY);
      pango_font_description_set_absolute_size (r.fonts[i], styles[i].size * PANGO_SCALE);
      pango_font_description_set_weight (r.fonts[i], styles[i].weight);
    }

  /* First count the pages, then write them. */
  status = draw_report (&r, discard_cb, NULL);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      r.n_pages = r.page;
      pdf = g_byte_array_new ();
      status = draw_report (&r, append_cb, pdf);
    }
  report_clear (&r);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * sm_report_write_pdf:
 * @map: the map
 * @config: (nullable): thresholds; NULL for the map's own
 * @lens: which perspective's findings come first
 * @now: (nullable): the report date; NULL for now
 * @path: where to write the PDF
 * @error: return location for an error
 *
 * Writes the evaluation report of @map to @path. The file is written
 * beside @path and renamed over it, so a failure leaves any earlier file
 * as it was.
 */
gboolean
sm_report_write_pdf (SmMap              *map,
                     const SmEvalConfig *config,
                     SmLens              lens,
                     GDateTime          *now,
                     const char         *path,
                     GError            **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = sm_report_to_pdf (map, config, lens, now, error);
  if (pdf == NULL)
    return FALSE;

  file = g_file_new_for_path (path);
  if (!g_file_replace_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    {
      /* GIO names the file in most of its messages; never twice. */
      if (strstr (local_error->message, path) != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

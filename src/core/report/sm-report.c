/* sm-report.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sm-command.h"
#include "sm-easy-read.h"
#include "sm-file-writer.h"
#include "sm-evaluate-private.h"
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

/* Spacing is for the full report's 10 pt body; the other versions scale
 * it with their type. */
static const struct
{
  PangoWeight weight;
  double before;
  double after;
  const char *html;    /* the element it becomes in HTML */
} styles[N_STYLES] = {
  [STYLE_BODY] = { PANGO_WEIGHT_NORMAL, 0, 4, "p" },
  [STYLE_SMALL] = { PANGO_WEIGHT_NORMAL, 0, 3, "p class=\"small\"" },
  [STYLE_TITLE] = { PANGO_WEIGHT_BOLD, 0, 10, "h1" },
  [STYLE_H1] = { PANGO_WEIGHT_BOLD, 16, 8, "h2" },
  [STYLE_H2] = { PANGO_WEIGHT_BOLD, 14, 5, "h3" },
  [STYLE_H3] = { PANGO_WEIGHT_BOLD, 10, 3, "h4" },
  [STYLE_FOOTER] = { PANGO_WEIGHT_NORMAL, 0, 0, "p" },
};

/* Type sizes in points: body, small, title, h1, h2, h3, footer. Easy read
 * wants 14 pt at the least, and more room between lines. */
static const double sizes[][N_STYLES] = {
  [SM_REPORT_FULL] = { 10.0, 8.5, 22.0, 16.0, 12.5, 10.0, 8.0 },
  [SM_REPORT_PLAIN] = { 11.0, 9.5, 22.0, 17.0, 13.5, 11.0, 8.0 },
  [SM_REPORT_EASY_READ] = { 16.0, 14.0, 28.0, 24.0, 20.0, 16.0, 10.0 },
};
#define EASY_LINE_SPACING 1.3
#define EASY_INDENT 34.0   /* room for the symbol on the left */

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
  SmReportStyle style;
  SmReportFormat format;

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
  char *long_date;           /* "2 January 2030", for easy read */
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

  /* Or, for HTML, the page so far. */
  GString *html;
  gboolean in_list;
  gboolean in_table;

  /* Long work (sm_report_make_full): both may be NULL. */
  GCancellable *cancellable;
  SmProgress *progress;
  double pass_start;         /* the part of the progress a drawing pass fills */
  double pass_end;
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
  if (sm_eval_config_is_boolean (key))
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

/* Output */

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

/* HTML */

/* Our Pango markup (<b>, <i> and <span> with colours and size, every
 * user-written string already escaped) as HTML. */
static gboolean
is_colour (const char *value)
{
  if (value == NULL || value[0] != '#' || strlen (value) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (value[i]))
      return FALSE;
  return TRUE;
}

static void
html_start_element (GMarkupParseContext  *context,
                    const char           *element,
                    const char          **names,
                    const char          **values,
                    gpointer              user_data,
                    GError              **error)
{
  GString *out = user_data;

  if (strcmp (element, "b") == 0)
    g_string_append (out, "<strong>");
  else if (strcmp (element, "i") == 0)
    g_string_append (out, "<em>");
  else if (strcmp (element, "span") == 0)
    {
      g_autoptr(GString) style = g_string_new (NULL);

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (strcmp (names[i], "background") == 0 && is_colour (values[i]))
            g_string_append_printf (style, "background:%s;padding:0 .25em;border-radius:3px;", values[i]);
          else if (strcmp (names[i], "foreground") == 0 && is_colour (values[i]))
            g_string_append_printf (style, "color:%s;", values[i]);
          else if (strcmp (names[i], "size") == 0 && strcmp (values[i], "smaller") == 0)
            g_string_append (style, "font-size:smaller;");
          else if (strcmp (names[i], "weight") == 0 && strcmp (values[i], "bold") == 0)
            g_string_append (style, "font-weight:bold;");
        }
      if (style->len > 0)
        g_string_append_printf (out, "<span style=\"%s\">", style->str);
      else
        g_string_append (out, "<span>");
    }
}

static void
html_end_element (GMarkupParseContext  *context,
                  const char           *element,
                  gpointer              user_data,
                  GError              **error)
{
  GString *out = user_data;

  if (strcmp (element, "b") == 0)
    g_string_append (out, "</strong>");
  else if (strcmp (element, "i") == 0)
    g_string_append (out, "</em>");
  else if (strcmp (element, "span") == 0)
    g_string_append (out, "</span>");
}

/* @text (UTF-8, @length bytes or -1) escaped for a web page. Control
 * characters have no place there (HTML forbids even their references): C0
 * but tab and newline, DEL and C1 become a space, which keeps the words
 * apart. */
static char *
html_escape (const char *text,
             gssize      length)
{
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  g_autoptr(GString) plain = g_string_new (NULL);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f))
        g_string_append_c (plain, ' ');
      else
        g_string_append_unichar (plain, c);
    }
  return g_markup_escape_text (plain->str, -1);
}

/* Text, escaped; a line break in the markup is one in the page too. */
static void
html_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  g_autofree char *escaped = html_escape (text, (gssize) length);
  g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (user_data, "%s%s", i > 0 ? "<br>\n" : "", lines[i]);
}

static void
append_markup_as_html (GString    *out,
                       const char *markup)
{
  static const GMarkupParser parser = {
    html_start_element, html_end_element, html_text, NULL, NULL,
  };
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, html, NULL);
  gboolean ok = g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
                g_markup_parse_context_end_parse (context, NULL);

  g_markup_parse_context_free (context);
  if (ok)
    g_string_append (out, html->str);
  else
    {
      /* Never markup as it stands: show what it says, escaped. */
      g_autofree char *escaped = g_markup_escape_text (markup, -1);

      g_string_append (out, escaped);
    }
}

/* Closes an open list or table before something else starts. */
static void
html_close (Report *r)
{
  if (r->in_list)
    g_string_append (r->html, "</ul>\n");
  if (r->in_table)
    g_string_append (r->html, "</tbody></table>\n");
  r->in_list = r->in_table = FALSE;
}

static void
html_block (Report     *r,
            const char *element,
            const char *markup)
{
  g_autofree char *tag = g_strndup (element, strcspn (element, " "));

  html_close (r);
  g_string_append_printf (r->html, "<%s>", element);
  append_markup_as_html (r->html, markup);
  g_string_append_printf (r->html, "</%s>\n", tag);
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

/* Spacing around a block, grown with the type of the version. */
static double
style_space (Report *r,
             double  points)
{
  return points * sizes[r->style][STYLE_BODY] / sizes[SM_REPORT_FULL][STYLE_BODY];
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
  pango_layout_set_line_spacing (r->layout, r->style == SM_REPORT_EASY_READ ? EASY_LINE_SPACING : 0);
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

  if (r->cr == NULL)
    return;
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

/* A new page; in HTML, where there are no pages, nothing. */
static void
new_page (Report   *r,
          gboolean  landscape)
{
  if (r->html != NULL)
    return;
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
  if (r->html == NULL && !r->blank && r->y + height > content_bottom (r))
    new_page (r, FALSE);
}

static void
space (Report *r,
       double  height)
{
  if (!r->blank)
    r->y += style_space (r, height);
}

/* Draws the layout at @x, a line at a time, breaking pages between lines.
 * @marker, when given, is markup drawn before the first line at
 * @marker_x (a bullet, or easy read's symbol). */
static void
flow (Report     *r,
      double      x,
      const char *marker,
      double      marker_x)
{
  PangoLayoutIter *iter;
  double top = 0;   /* the layout's y at the top of this page's part */
  double end = 0;
  gboolean first = TRUE;

  /* A short paragraph is not worth splitting: one line alone at the
   * foot or the top of a page is harder to read than a shorter page. */
  if (layout_height (r) <= style_space (r, SHORT_PARAGRAPH))
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
          pango_layout_set_markup (r->marker, marker, -1);
          cairo_move_to (r->cr, marker_x, r->y + baseline - top);
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
  if (r->html != NULL)
    {
      html_block (r, styles[style].html, markup);
      return;
    }
  space (r, styles[style].before);
  set_layout (r, style, content_width (r) - indent, markup);
  flow (r, MARGIN + indent, NULL, 0);
  r->y += style_space (r, styles[style].after);
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

/* An item of a list. @marker is markup drawn in the margin (NULL: a
 * bullet); easy read puts a symbol there, as easy-read documents put a
 * picture beside each point. */
static void
put_item (Report     *r,
          Style       style,
          double      indent,
          const char *marker,
          const char *markup)
{
  double hang = r->style == SM_REPORT_EASY_READ ? EASY_INDENT : BULLET_INDENT;

  if (r->html != NULL)
    {
      if (r->in_table)
        html_close (r);
      if (!r->in_list)
        g_string_append_printf (r->html, "<ul%s>\n", marker != NULL ? " class=\"marked\"" : "");
      r->in_list = TRUE;
      g_string_append (r->html, "<li>");
      if (marker != NULL)
        {
          g_string_append (r->html, "<span class=\"mark\" aria-hidden=\"true\">");
          append_markup_as_html (r->html, marker);
          g_string_append (r->html, "</span> ");
        }
      append_markup_as_html (r->html, markup);
      g_string_append (r->html, "</li>\n");
      return;
    }
  set_layout (r, style, content_width (r) - indent - hang, markup);
  flow (r, MARGIN + indent + hang, marker != NULL ? marker : "•", MARGIN + indent);
  r->y += style_space (r, r->style == SM_REPORT_EASY_READ ? 6 : 1.5);
}

static void
put_bullet (Report     *r,
            Style       style,
            double      indent,
            const char *markup)
{
  put_item (r, style, indent, NULL, markup);
}

/* A line of markup that leads what follows and stays with it: a
 * finding's status and question. */
static void
put_lead (Report     *r,
          const char *markup,
          double      keep_with)
{
  if (r->html != NULL)
    {
      html_block (r, "h4", markup);
      return;
    }
  space (r, styles[STYLE_H3].before);
  set_layout (r, STYLE_BODY, content_width (r), markup);
  keep (r, layout_height (r) + keep_with);
  flow (r, MARGIN, NULL, 0);
  r->y += 3;
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

  if (r->html != NULL)
    {
      html_block (r, styles[style].html, markup);
      return;
    }
  set_layout (r, style, content_width (r), markup);
  keep (r, style_space (r, styles[style].before) + layout_height (r) + keep_with);
  space (r, styles[style].before);
  link = g_strdup_printf ("page=%u pos=[%d %d]", r->page, (int) MARGIN, (int) r->y);
  if (style == STYLE_H1 || style == STYLE_TITLE)
    {
      id = cairo_pdf_surface_add_outline (r->surface, CAIRO_PDF_OUTLINE_ROOT, clean, link, 0);
      r->outline = id;
    }
  else if (style == STYLE_H2)
    cairo_pdf_surface_add_outline (r->surface, r->outline, clean, link, 0);
  flow (r, MARGIN, NULL, 0);
  r->y += style_space (r, styles[style].after);
}

/* A short block on a tinted ground with a bar on the left (the gate). */
static void
callout (Report     *r,
         const char *text)
{
  g_autofree char *clean = scrub (r, text);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", clean);
  double pad = 8, bar = 4, height;

  if (r->html != NULL)
    {
      html_block (r, "div class=\"callout\" role=\"note\"", markup);
      return;
    }
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
 * given, comes first again. A row without @header is the header. */
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

  if (r->html != NULL)
    {
      gboolean head = header == NULL;

      if (r->in_list || (head && r->in_table))
        html_close (r);
      if (!r->in_table)
        g_string_append (r->html, head ? "<table>\n<thead>" : "<table>\n<tbody>");
      g_string_append (r->html, "<tr>");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (r->html, head ? "<th scope=\"col\">" : "<td>");
          append_markup_as_html (r->html, cells[i] != NULL ? cells[i] : "");
          g_string_append (r->html, head ? "</th>" : "</td>");
        }
      g_string_append (r->html, head ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
      r->in_table = TRUE;
      return;
    }

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
  if (r->style == SM_REPORT_PLAIN)
    {
      space (r, 4);
      put (r, STYLE_SMALL, 0, NULL,
           _("This is the plain-language version of the report. Each finding is a prompt for "
             "discussion, not a verdict: a map is one group’s view at one point in time. The full "
             "version adds the measurements, the thresholds and the sources."));
      if (r->n_hidden > 0)
        put (r, STYLE_SMALL, 0, NULL,
             _("People who have not agreed to be named on the map are shown as “Unnamed participant”."));
      return;
    }
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
  /* The plain-language version has no score column. */
  gboolean full = r->style == SM_REPORT_FULL;
  const double widths[] = { 180, 88, 38, 92, 0 };
  double w[5];
  const char *header[5];
  char *h[5];
  guint n = full ? 5 : 4;

  memcpy (w, widths, sizeof w);
  if (!full)
    {
      w[0] += 20;
      w[2] = w[3] + 18;
    }
  w[n - 1] = content_width (r);
  for (guint i = 0; i + 1 < n; i++)
    w[n - 1] -= w[i];

  heading (r, STYLE_H1, _("Principle profile"), 80);
  if (r->eval->gate_message != NULL)
    callout (r, r->eval->gate_message);
  if (r->eval->summary != NULL)
    put (r, STYLE_BODY, 0, NULL, r->eval->summary);
  if (!isnan (r->eval->index) && full)
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
  h[3] = g_markup_printf_escaped ("<b>%s</b>", full ? _("Confidence") : _("How sure"));
  h[4] = g_markup_printf_escaped ("<b>%s</b>", _("Change"));
  if (!full)
    {
      g_free (h[2]);
      h[2] = h[3];
      h[3] = h[4];
      h[4] = NULL;
    }
  for (guint i = 0; i < 5; i++)
    header[i] = h[i];
  table_row (r, STYLE_SMALL, n, w, header, TRUE, NULL);

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
      cells[2] = full ? score : confidence;
      cells[3] = full ? confidence : change;
      cells[4] = full ? change : NULL;
      table_row (r, STYLE_SMALL, n, w, cells, TRUE, header);
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

/* The drawn map as an SVG image inside the HTML page, drawn by the same
 * renderer, with a text alternative and, in the fuller versions, the
 * same stakeholders as a table. */
static void
put_map_html (Report *r,
              double  bw,
              double  bh)
{
  const double width = 960;
  double height = CLAMP (width * bh / MAX (bw, 1), 420, 960);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autofree char *encoded = NULL;
  g_autofree char *alt = NULL;
  SmRenderState state = { 0 };
  SmViewport viewport;
  SmCollection *people = sm_map_get_stakeholders (r->map);
  SmCollection *ties = sm_map_get_relationships (r->map);
  cairo_surface_t *surface;
  cairo_t *cr;

  state.flags = SM_RENDER_BACKGROUND | SM_RENDER_LEGEND;
  sm_renderer_fit_viewport (r->renderer, width, height, MAP_PADDING, state.flags, &viewport);
  surface = cairo_svg_surface_create_for_stream (append_cb, svg, width, height);
  cr = cairo_create (surface);
  sm_renderer_draw (r->renderer, cr, &viewport, &state);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  if (r->style == SM_REPORT_EASY_READ)
    alt = g_strdup (_("The map your group made."));
  else
    alt = g_strdup_printf (_("The map: %u stakeholders and %u relationships. Size shows influence; shape "
                             "and colour show the side. The table after the map lists the same stakeholders."),
                           sm_collection_get_size (people), sm_collection_get_size (ties));
  encoded = g_base64_encode (svg->data, svg->len);
  html_close (r);
  g_string_append_printf (r->html, "<figure class=\"map\"><img src=\"data:image/svg+xml;base64,%s\" "
                                   "width=\"%.0f\" height=\"%.0f\" alt=\"",
                          encoded, width, height);
  append_markup_as_html (r->html, alt);
  g_string_append (r->html, "\"></figure>\n");
  if (r->style == SM_REPORT_EASY_READ)
    return;

  {
    g_autofree char *summary = html_escape (_("The map as a table"), -1);

    g_string_append_printf (r->html, "<details><summary>%s</summary>\n<table>\n<thead><tr>", summary);
  }
  {
    const char *columns[] = {
      _("Name"), _("Side"), _("Kind"), _("Influence"), _("Interest"), _("Participation"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_autofree char *column = html_escape (columns[i], -1);

        g_string_append_printf (r->html, "<th scope=\"col\">%s</th>", column);
      }
  }
  g_string_append (r->html, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *person = sm_collection_get (people, i);
      static const char *const sides[] = {
        [SM_SIDE_OTHER] = "other", [SM_SIDE_COMMUNITY] = "community", [SM_SIDE_INSTITUTIONAL] = "institutional",
      };
      const char *kind = sm_record_get_enum (person, "kind");
      double influence = sm_record_get_number (person, "influence", SM_UNKNOWN);
      double interest = sm_record_get_number (person, "interest", SM_UNKNOWN);
      double level = sm_record_get_number (person, "participation_level", SM_UNKNOWN);
      g_autofree char *influence_text = SM_IS_KNOWN (influence) ? format_number (influence) : g_strdup (_("unknown"));
      g_autofree char *interest_text = SM_IS_KNOWN (interest) ? format_number (interest) : g_strdup (_("unknown"));
      g_autofree char *row = g_markup_printf_escaped ("<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
                                                      "<td>%s</td><td>%s</td><td>%s</td></tr>\n",
                                                      sm_stakeholder_get_name (person),
                                                      sm_value_label (sides[sm_stakeholder_get_side (person)]),
                                                      kind != NULL ? sm_value_label (kind) : _("unknown"),
                                                      influence_text, interest_text,
                                                      SM_IS_KNOWN (level) ? _sm_ladder_label (level) : _("unknown"));

      g_string_append (r->html, row);
    }
  g_string_append (r->html, "</tbody></table></details>\n");
}

static void
put_map (Report *r)
{
  double bx, by, bw, bh, box_y, box_w, box_h;
  SmRenderState state = { 0 };
  SmViewport viewport;
  gboolean placed;
  gboolean easy = r->style == SM_REPORT_EASY_READ;

  placed = sm_renderer_get_bounds (r->renderer, &bx, &by, &bw, &bh);
  new_page (r, placed && bw > bh);
  heading (r, STYLE_H1, easy ? _("Your map") : _("The map"), 200);
  if (!placed)
    {
      put (r, STYLE_BODY, 0, NULL,
           easy ? _("Nobody has been put on the map yet.") : _("No stakeholder has a place on the map yet."));
      return;
    }
  if (easy)
    put (r, STYLE_BODY, 0, NULL, _("This is the map your group made. Bigger shapes have more say."));
  else
    put (r, STYLE_SMALL, 0, NULL,
         _("Size shows influence; shape and colour show the side; the legend explains the lines."));

  if (r->html != NULL)
    {
      put_map_html (r, bw, bh);
      return;
    }

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
  g_autofree char *title = r->style == SM_REPORT_FULL
                           ? g_markup_printf_escaped ("<b>%s  %s</b>", id, question)
                           : g_markup_printf_escaped ("<b>%s</b>", question);
  g_autofree char *markup = g_strconcat (badge, "  ", title, NULL);
  g_autofree char *measured = measured_words (res, r);
  const char *const *sources = sm_rule_def_get_sources (res->rule);
  guint n_responses = 0;

  /* The heading and the first lines of the finding stay together. */
  put_lead (r, markup, 36);

  if (res->message != NULL && *res->message != '\0')
    put (r, STYLE_BODY, 0, NULL, res->message);
  /* The plain-language version leaves out the numbers behind a finding. */
  if (measured != NULL && r->style == SM_REPORT_FULL)
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

  if (sm_rule_def_get_why (res->rule) != NULL && shows_action (res->status))
    put (r, STYLE_SMALL, 0, _("Why this matters:"), sm_rule_def_get_why (res->rule));
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

  if (sources != NULL && sources[0] != NULL && r->style == SM_REPORT_FULL)
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

/* The plain-language version sets out only what needs a look; what looks
 * OK is listed in one line each, and what does not apply is left out. */
static gboolean
plain_leaves_out (Report       *r,
                  SmRuleResult *res)
{
  return r->style == SM_REPORT_PLAIN && (res->status == SM_RULE_PASS || res->status == SM_RULE_NOT_APPLICABLE);
}

static void
put_passes (Report     *r,
            GPtrArray  *order,
            const char *principle)
{
  guint n = 0;

  for (guint i = 0; i < order->len; i++)
    {
      SmRuleResult *res = g_ptr_array_index (order, i);
      g_autofree char *question = NULL;
      g_autofree char *item = NULL;

      if (res->status != SM_RULE_PASS || strcmp (sm_rule_def_get_principle (res->rule), principle) != 0)
        continue;
      if (n++ == 0)
        put (r, STYLE_BODY, 0, _("These look OK:"), "");
      question = scrub (r, sm_rule_def_get_question (res->rule));
      item = g_markup_escape_text (question, -1);
      put_item (r, STYLE_BODY, 0, rule_badges[SM_RULE_PASS].symbol, item);
    }
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

          if (strcmp (sm_rule_def_get_principle (res->rule), pr->id) == 0 && !plain_leaves_out (r, res))
            put_finding (r, res);
        }
      if (r->style == SM_REPORT_PLAIN)
        put_passes (r, order, pr->id);
    }

  if (r->eval->checks != NULL && r->eval->checks->len > 0)
    {
      gboolean any = FALSE;

      /* The plain version leaves out what doesn't apply, and so the
       * heading when nothing does. */
      for (guint i = 0; i < r->eval->checks->len; i++)
        any |= r->style != SM_REPORT_PLAIN ||
               ((SmRuleResult *) g_ptr_array_index (r->eval->checks, i))->status != SM_RULE_NOT_APPLICABLE;
      if (any)
        {
          heading (r, STYLE_H2, r->style == SM_REPORT_FULL ? _("Data-quality checks") : _("How far to trust the map"),
                   60);
          put (r, STYLE_SMALL, 0, NULL,
               _("These checks are not scored: they say how far the map can be relied on."));
        }
      for (guint i = 0; i < r->eval->checks->len; i++)
        if (!plain_leaves_out (r, g_ptr_array_index (r->eval->checks, i)))
          put_finding (r, g_ptr_array_index (r->eval->checks, i));
      if (r->style == SM_REPORT_PLAIN)
        put_passes (r, r->eval->checks, "DQ");
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

/* "“Needs attention” ratio (SP-01)" for "sp01.fail_ratio". */
static char *
threshold_name (const char *key)
{
  g_autofree char *words = sm_eval_config_dup_label (key);

  if (strlen (key) > 5 && g_ascii_isalpha (key[0]) && g_ascii_isalpha (key[1]) && g_ascii_isdigit (key[2]) &&
      g_ascii_isdigit (key[3]) && key[4] == '.')
    {
      g_autofree char *rule = g_strdup_printf ("%c%c-%c%c", g_ascii_toupper (key[0]), g_ascii_toupper (key[1]),
                                               key[2], key[3]);

      if (sm_rules_lookup (rule) != NULL)
        return g_strdup_printf (_("%s (%s)"), words, rule);
    }
  return g_steal_pointer (&words);
}

/* For the plain-language version: only what the group changed. */
static void
put_threshold_changes (Report *r)
{
  guint changed = 0;

  heading (r, STYLE_H1, _("Thresholds"), 60);
  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    changed += !sm_eval_config_is_default (r->config, *keys);
  if (changed == 0)
    {
      put (r, STYLE_BODY, 0, NULL,
           _("Each check has thresholds: the points at which a finding becomes “Worth a look” or “Needs "
             "attention”. This report uses the thresholds the method suggests; the group has not changed "
             "any of them."));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Each check has thresholds: the points at which a finding "
                                                          "becomes “Worth a look” or “Needs attention”. %u of them "
                                                          "differs from what the method suggests:",
                                                          "Each check has thresholds: the points at which a finding "
                                                          "becomes “Worth a look” or “Needs attention”. %u of them "
                                                          "differ from what the method suggests:",
                                                          changed),
                                             changed);
    put (r, STYLE_BODY, 0, NULL, text);
  }
  for (const char *const *keys = sm_eval_config_list_keys (); *keys != NULL; keys++)
    {
      SmThresholdChange *change;
      g_autofree char *words = NULL;
      g_autofree char *item = NULL;

      if (sm_eval_config_is_default (r->config, *keys))
        continue;
      change = last_change (r, *keys);
      if (change != NULL && sm_eval_config_get (r->map_config, *keys) == sm_eval_config_get (r->config, *keys))
        words = change_words (r, change);
      else
        {
          g_autofree char *was = format_threshold (*keys, sm_eval_config_get_default (*keys));
          g_autofree char *now = format_threshold (*keys, sm_eval_config_get (r->config, *keys));

          words = g_strdup_printf (_("%s → %s"), was, now);
        }
      {
        /* change_words() has hidden any name already. */
        g_autofree char *name = threshold_name (*keys);

        item = g_markup_printf_escaped ("<b>%s</b>: %s", name, words);
      }
      put_bullet (r, STYLE_BODY, 0, item);
    }
  put (r, STYLE_SMALL, 0, NULL, _("The full version of the report lists every threshold."));
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
      g_autofree char *item = g_markup_printf_escaped ("<b>%s</b>: %s", change->key, said);

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
  if (r->style == SM_REPORT_PLAIN)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < sm_sources_get_count (); i++)
        {
          const char *id = sm_sources_get_id (i);

          if (g_hash_table_contains (cited, id))
            g_string_append_printf (names, "%s%s", names->len > 0 ? "; " : "", sm_source_get_short (id));
        }
      put (r, STYLE_SMALL, 0, _("The checks rest on published work on co-production:"), names->str);
      return;
    }
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

/* Easy read */

/* One sentence to a line, as easy-read documents set them. */
static char *
easy_lines (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '.' || c == '?' || c == '!') && p[1] == ' ' && g_unichar_isupper (g_utf8_get_char (p + 2)))
        {
          g_string_append_unichar (out, c);
          g_string_append_c (out, '\n');
          p++;   /* the space */
          continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A point with its symbol on the left: a badge without its word, since
 * the sentence beside it says it. */
static void
easy_item (Report      *r,
           const Badge *badge,
           double       indent,
           const char  *label,
           const char  *text,
           gboolean     split)
{
  /* Names are hidden before anything else, so "Dr. Ahmed" is found whole;
   * only the report's own sentences are set one to a line, never what
   * people wrote. */
  g_autofree char *scrubbed = scrub (r, text);
  g_autofree char *clean = split ? easy_lines (scrubbed) : g_strdup (scrubbed);
  g_autofree char *clean_label = label != NULL ? scrub (r, label) : NULL;
  g_autofree char *marker = NULL;
  g_autofree char *markup = NULL;

  if (badge != NULL)
    marker = g_markup_printf_escaped ("<span background=\"%s\" foreground=\"%s\" weight=\"bold\"> %s </span>",
                                      badge->background, badge->foreground, badge->symbol);
  else
    marker = g_strdup ("•");
  if (label != NULL && *clean == '\0')
    markup = g_markup_printf_escaped ("<b>%s</b>", clean_label);
  else if (label != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", clean_label, clean);
  else
    markup = g_markup_escape_text (clean, -1);
  put_item (r, STYLE_BODY, indent, marker, markup);
}

/* One of the report's own sentences, or several, one to a line. A
 * sentence with a name or a title in it goes through easy_sentence(). */
static void
easy_para (Report     *r,
           const char *text)
{
  g_autofree char *lines = easy_lines (text);

  put (r, STYLE_BODY, 0, NULL, lines);
}

static void
easy_sentence (Report     *r,
               const char *text)
{
  put (r, STYLE_BODY, 0, NULL, text);
}

/* Who a finding is about: people, spaces and decisions by name, six at
 * most. */
static char *
easy_names (Report       *r,
            SmRuleResult *res)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint more = 0;

  for (guint i = 0; i < res->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (res->evidence, i);
      SmRecord *record = e->id != NULL ? sm_map_lookup (r->map, e->id) : NULL;

      if (record == NULL || sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP ||
          sm_record_get_kind (record) == SM_RECORD_MAP || g_hash_table_contains (seen, e->id))
        continue;
      g_hash_table_add (seen, (gpointer) e->id);
      if (names->len < 6)
        g_ptr_array_add (names, record_name (r, record));
      else
        more++;
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);

    if (more > 0)
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This is about: %s and %u more.",
                                           "This is about: %s and %u more.", more),
                              list, more);
    return g_strdup_printf (_("This is about: %s."), list);
  }
}

static void
put_easy_intro (Report *r)
{
  const char *title = sm_map_get_title (r->map);
  g_autofree char *drawn = names_of_refs (r, "perspective.drawn_by");
  g_autofree char *kicker = g_markup_printf_escaped ("<span foreground=\"#555555\">%s</span>", _("Easy read"));
  g_autofree char *about = NULL;
  g_autofree char *when = NULL;

  put_markup (r, STYLE_BODY, 0, kicker);
  heading (r, STYLE_TITLE, title != NULL && *title != '\0' ? title : _("Untitled map"), 60);
  heading (r, STYLE_H1, _("About this report"), 60);

  about = g_strdup_printf (_("This report is about the map “%s”."),
                           title != NULL && *title != '\0' ? title : _("Untitled map"));
  easy_sentence (r, about);
  easy_para (r, _("The map shows the people and groups in your project. It shows how they work together."));
  easy_para (r, _("The report checks the map for 7 things. These things help people work together as equals. "
                  "This is called co-production."));
  if (drawn != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The map was made by: %s."), drawn);

      easy_sentence (r, text);
    }
  when = g_strdup_printf (_("This report was made on %s."), r->long_date);
  easy_sentence (r, when);
  easy_para (r, _("The report is not a test. It helps your group talk about what to do next."));
  if (r->n_hidden > 0)
    easy_para (r, _("Some people have not said yes to being named. We do not show their names."));

  if (r->eval->gate_id != NULL && sm_easy_read_gate (r->eval->gate_id) != NULL)
    {
      g_autofree char *lines = easy_lines (sm_easy_read_gate (r->eval->gate_id));

      space (r, 6);
      callout (r, lines);
    }

  heading (r, STYLE_H1, _("The 7 things"), 80);
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];

      easy_item (r, &principle_badges[pr->status], 0, sm_easy_read_principle_name (pr->id),
                 sm_easy_read_status_short (pr->status), TRUE);
    }
}

/* The findings of one group (going well, needs work …) of a principle. */
static guint
put_easy_findings (Report     *r,
                   const char *principle,
                   gboolean  (*wanted) (SmRuleStatus status),
                   const char *title)
{
  GPtrArray *order = r->eval->order != NULL ? r->eval->order : r->eval->rules;
  guint n = 0;

  for (guint i = 0; i < order->len; i++)
    {
      SmRuleResult *res = g_ptr_array_index (order, i);
      const char *id = sm_rule_def_get_id (res->rule);
      gboolean good = res->status == SM_RULE_PASS;
      g_autofree char *names = NULL;

      if (g_strcmp0 (sm_rule_def_get_principle (res->rule), principle) != 0 || !wanted (res->status) ||
          sm_easy_read_rule (id, SM_EASY_OK) == NULL)
        continue;
      if (n++ == 0)
        heading (r, STYLE_H2, title, 60);
      /* A point, who it is about and what to do stay on one page. */
      if (!good)
        keep (r, style_space (r, 110));
      easy_item (r, &rule_badges[res->status], 0, NULL,
                 sm_easy_read_rule (id, good ? SM_EASY_OK : SM_EASY_CONCERN), TRUE);
      if (good)
        continue;
      names = easy_names (r, res);
      if (names != NULL)
        easy_item (r, NULL, EASY_INDENT, NULL, names, FALSE);
      easy_item (r, NULL, EASY_INDENT, _("You could:"), sm_easy_read_rule (id, SM_EASY_TODO), TRUE);
    }
  return n;
}

static gboolean
is_good (SmRuleStatus status)
{
  return status == SM_RULE_PASS;
}

static gboolean
is_concern (SmRuleStatus status)
{
  return status == SM_RULE_WARN || status == SM_RULE_FAIL;
}

static gboolean
is_info (SmRuleStatus status)
{
  return status == SM_RULE_INFO;
}

static void
put_easy_responses (Report     *r,
                    const char *principle)
{
  guint n = 0;

  for (guint i = 0; i < r->responses->len; i++)
    {
      SmResponse *response = g_ptr_array_index (r->responses, i);
      const SmRuleDef *rule = response->rule != NULL ? sm_rules_lookup (response->rule) : NULL;
      const SmRuleDef *check = response->rule != NULL ? sm_checks_lookup (response->rule) : NULL;
      const char *of = rule != NULL ? sm_rule_def_get_principle (rule)
                       : check != NULL ? sm_rule_def_get_principle (check) : "DQ";

      if (g_strcmp0 (of, principle) != 0)
        continue;
      if (n++ == 0)
        heading (r, STYLE_H2, _("What your group said"), 60);
      if (response->by != NULL && *response->by != '\0')
        {
          g_autofree char *who = g_strdup_printf (_("%s said:"), response->by);

          easy_item (r, NULL, 0, who, response->text, FALSE);
        }
      else
        easy_item (r, NULL, 0, NULL, response->text, FALSE);
    }
}

static void
put_easy_principles (Report *r)
{
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &r->eval->principles[p];
      g_autofree char *title = g_strdup_printf (_("%u. %s"), p + 1, sm_easy_read_principle_name (pr->id));
      gboolean unknown = FALSE;

      new_page (r, FALSE);
      heading (r, STYLE_H1, title, 120);
      easy_para (r, sm_easy_read_principle_about (pr->id));
      easy_item (r, &principle_badges[pr->status], 0, sm_easy_read_status (pr->status), "", TRUE);
      put_easy_findings (r, pr->id, is_concern, _("Needs work"));
      put_easy_findings (r, pr->id, is_info, _("Worth talking about"));
      put_easy_findings (r, pr->id, is_good, _("Going well"));
      for (guint i = 0; i < r->eval->rules->len; i++)
        {
          SmRuleResult *res = g_ptr_array_index (r->eval->rules, i);

          unknown |= res->status == SM_RULE_INSUFFICIENT_DATA &&
                     g_strcmp0 (sm_rule_def_get_principle (res->rule), pr->id) == 0;
        }
      if (unknown && pr->status != SM_PRINCIPLE_NOT_ASSESSED)
        {
          space (r, 6);
          easy_item (r, &rule_badges[SM_RULE_INSUFFICIENT_DATA], 0, NULL,
                     _("We could not check everything. The map needs more information."), TRUE);
        }
      put_easy_responses (r, pr->id);
    }
}

static void
put_easy_ending (Report *r)
{
  guint n = 0;

  new_page (r, FALSE);
  for (guint i = 0; r->eval->checks != NULL && i < r->eval->checks->len; i++)
    {
      SmRuleResult *res = g_ptr_array_index (r->eval->checks, i);
      const char *id = sm_rule_def_get_id (res->rule);

      if (!is_concern (res->status) || sm_easy_read_rule (id, SM_EASY_CONCERN) == NULL)
        continue;
      if (n++ == 0)
        {
          heading (r, STYLE_H1, _("About the map"), 80);
          easy_para (r, _("These things tell you how much you can trust the map."));
        }
      easy_item (r, &rule_badges[res->status], 0, NULL, sm_easy_read_rule (id, SM_EASY_CONCERN), TRUE);
      easy_item (r, NULL, EASY_INDENT, _("You could:"), sm_easy_read_rule (id, SM_EASY_TODO), TRUE);
    }
  put_easy_responses (r, "DQ");

  heading (r, STYLE_H1, _("What next"), 80);
  easy_item (r, NULL, 0, NULL, _("Talk about this report with your group."), TRUE);
  easy_item (r, NULL, 0, NULL, _("Choose one thing to work on first."), TRUE);
  easy_item (r, NULL, 0, NULL, _("Change the map when things change. Then check it again."), TRUE);
  easy_item (r, NULL, 0, NULL, _("There is a longer version of this report. It has more detail."), TRUE);
}

/* Writing */

typedef void (*Section) (Report *r);

/* Section by section, so a cancelled report stops at the next one and a
 * progress moves as they are written. */
static void
put_sections (Report *r)
{
  static const Section easy_read[] = { put_easy_intro, put_map, put_easy_principles, put_easy_ending, NULL };
  static const Section plain[] = { put_title_block, put_profile, put_map, put_findings,
                                   put_threshold_changes, put_sources, NULL };
  static const Section full[] = { put_title_block, put_profile, put_map, put_findings,
                                  put_thresholds, put_sources, NULL };
  const Section *sections;
  guint n = 0;

  switch (r->style)
    {
    case SM_REPORT_EASY_READ:
      sections = easy_read;
      break;
    case SM_REPORT_PLAIN:
      sections = plain;
      break;
    case SM_REPORT_FULL:
    default:
      sections = full;
      break;
    }
  while (sections[n] != NULL)
    n++;
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (r->cancellable))
        return;
      sm_progress_update (r->progress, r->pass_start + (r->pass_end - r->pass_start) * i / n,
                          _("Writing the report…"));
      sections[i] (r);
    }
}

static const char *
style_title (SmReportStyle style)
{
  switch (style)
    {
    case SM_REPORT_PLAIN:
      return _("Co-production evaluation report (plain language)");
    case SM_REPORT_EASY_READ:
      return _("Co-production evaluation report (easy read)");
    case SM_REPORT_FULL:
    default:
      return _("Co-production evaluation report");
    }
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
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_SUBJECT, style_title (r->style));
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

  put_sections (r);
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

/* One page that needs nothing beside it: the map is inline SVG, the
 * style sheet is in the head, nothing is fetched. */
static const char html_style[] =
  "body{font-family:Cantarell,'DejaVu Sans',sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;"
  "max-width:46em;margin:2em auto;padding:0 1em}"
  "h1{font-size:1.9em;margin:.2em 0 .5em}h2{margin-top:1.6em}h3{margin-top:1.4em}h4{margin:1.2em 0 .3em}"
  ".kicker,.small{color:#555;font-size:.9em}"
  ".callout{background:#fdf0e3;border-left:4px solid #d55e00;padding:.6em .8em;margin:1em 0}"
  "table{border-collapse:collapse;width:100%;margin:.5em 0 1em}"
  "th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #ccc}"
  "figure.map{margin:1em 0}figure.map img{max-width:100%;height:auto;border:1px solid #bbb}"
  "ul.marked{list-style:none;padding-left:0}ul.marked li{margin:.4em 0;padding-left:2em;text-indent:-2em}"
  ".mark{display:inline-block;min-width:1.6em}"
  "body.easy-read{font-size:1.35em;line-height:1.7;max-width:36em}"
  "body.easy-read ul.marked li{margin:.8em 0}"
  "@media print{body{max-width:none;margin:0}details{display:block}h2{break-before:auto}}";

static void
write_html (Report *r)
{
  static const char *const classes[] = {
    [SM_REPORT_FULL] = "full", [SM_REPORT_PLAIN] = "plain", [SM_REPORT_EASY_READ] = "easy-read",
  };
  g_autofree char *title = scrub (r, sm_map_get_title (r->map));
  g_autofree char *both = g_strdup_printf ("%s — %s", *title != '\0' ? title : _("Untitled map"),
                                           style_title (r->style));
  g_autofree char *page_title = html_escape (both, -1);
  /* TRANSLATORS: the language of the report, as an HTML lang attribute */
  g_autofree char *lang = html_escape (C_("html lang", "en"), -1);

  r->html = g_string_new (NULL);
  g_string_append_printf (r->html,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"generator\" content=\"Stakemap %s\">\n"
                          "<meta name=\"date\" content=\"%s\">\n"
                          "<title>%s</title>\n<style>%s</style>\n</head>\n<body class=\"%s\">\n<main>\n",
                          lang, PACKAGE_VERSION, r->date, page_title, html_style,
                          classes[r->style]);
  put_sections (r);
  html_close (r);
  {
    g_autofree char *footer = html_escape (r->footer, -1);

    g_string_append_printf (r->html, "</main>\n<footer><p class=\"small\">%s</p></footer>\n</body>\n</html>\n",
                            footer);
  }
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
  if (r->html != NULL)
    g_string_free (r->html, TRUE);
  r->html = NULL;
  g_free (r->date);
  g_free (r->long_date);
  g_free (r->created);
  g_free (r->footer);
}

/**
 * sm_report_make:
 * @map: the map
 * @options: (nullable): what report to make; NULL for a full PDF
 * @error: return location for an error
 *
 * Makes the evaluation report of @map. The same map, options and date
 * give the same bytes.
 *
 * Returns: (transfer full): the PDF or HTML, or NULL with @error set
 */
GBytes *
sm_report_make (SmMap                 *map,
                const SmReportOptions *options,
                GError               **error)
{
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return sm_report_make_full (map, options, NULL, NULL, error);
}

static gboolean
report_cancelled (Report  *r,
                  GError **error)
{
  if (!g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return FALSE;
  report_clear (r);
  return TRUE;
}

/**
 * sm_report_make_full:
 * @cancellable: (nullable): stops the report between two steps (and
 *   inside the network measures of its evaluation)
 * @progress: (nullable): told how far it has got
 *
 * sm_report_make() for long work, on any thread: @map must not change
 * while it runs (give it a sm_map_copy() of the window's map). Nothing is
 * written anywhere: the caller writes the bytes once they are whole.
 *
 * Returns: (transfer full): the PDF or HTML, or NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when cancelled)
 */
GBytes *
sm_report_make_full (SmMap                 *map,
                     const SmReportOptions *options,
                     GCancellable          *cancellable,
                     SmProgress            *progress,
                     GError               **error)
{
  static const SmReportOptions defaults = { 0 };
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GByteArray) pdf = NULL;
  g_autofree char *title = NULL;
  cairo_status_t status;
  Report r = { 0 };

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail (options->style <= SM_REPORT_EASY_READ, NULL);
  g_return_val_if_fail (options->format <= SM_REPORT_HTML, NULL);

  when = options->now != NULL ? g_date_time_ref (options->now) : g_date_time_new_now_local ();
  utc = g_date_time_to_utc (when);

  r.style = options->style;
  r.format = options->format;
  r.original = map;
  r.cancellable = cancellable;
  r.progress = progress;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  sm_progress_update (progress, 0.0, _("Reading the map…"));
  r.date = g_date_time_format (when, "%Y-%m-%d");
  r.long_date = g_date_time_format (when, "%-d %B %Y");
  r.hidden = g_ptr_array_new_with_free_func (hidden_free);
  if (!make_copy (&r, error))
    {
      report_clear (&r);
      return NULL;
    }

  r.map_config = sm_map_dup_eval_config (map);
  /* DQ-04 counts the map's age to the day of the report. */
  r.config = sm_eval_config_copy (options->config != NULL ? options->config : r.map_config);
  r.responses = sm_map_dup_responses (map, NULL);
  r.log = sm_map_dup_threshold_log (map);
  if (r.responses == NULL)
    r.responses = g_ptr_array_new ();
  if (r.log == NULL)
    r.log = g_ptr_array_new ();
  sm_eval_config_set_today (r.config, r.date, NULL);
  if (report_cancelled (&r, error))
    return NULL;
  /* The evaluation is most of the work on a large map. */
  sm_progress_push_range (progress, 0.05, 0.70);
  r.eval = sm_evaluate_full (r.map, r.config, options->lens, cancellable, progress, NULL);
  sm_progress_pop_range (progress);
  if (r.eval == NULL)
    {
      /* sm_evaluate_full() fails only when cancelled. */
      g_cancellable_set_error_if_cancelled (cancellable, error);
      report_clear (&r);
      return NULL;
    }
  r.renderer = sm_renderer_new (r.map);
  r.created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  title = scrub (&r, sm_map_get_title (r.map));
  r.footer = g_strdup_printf (_("%s — evaluation report, %s"),
                              *title != '\0' ? title : _("Untitled map"), r.date);

  if (r.format == SM_REPORT_HTML)
    {
      GBytes *html;

      r.pass_start = 0.70;
      r.pass_end = 1.0;
      write_html (&r);
      if (report_cancelled (&r, error))
        return NULL;
      html = g_bytes_new (r.html->str, r.html->len);
      report_clear (&r);
      return html;
    }

  for (guint i = 0; i < N_STYLES; i++)
    {
      r.fonts[i] = pango_font_description_from_string (FONT_FAMILY);
      pango_font_description_set_absolute_size (r.fonts[i], sizes[r.style][i] * PANGO_SCALE);
      pango_font_description_set_weight (r.fonts[i], styles[i].weight);
    }

  /* First count the pages, then write them. */
  r.pass_start = 0.70;
  r.pass_end = 0.85;
  status = draw_report (&r, discard_cb, NULL);
  if (report_cancelled (&r, error))
    return NULL;
  if (status == CAIRO_STATUS_SUCCESS)
    {
      r.n_pages = r.page;
      r.pass_start = 0.85;
      r.pass_end = 1.0;
      pdf = g_byte_array_new ();
      status = draw_report (&r, append_cb, pdf);
    }
  if (report_cancelled (&r, error))
    return NULL;
  report_clear (&r);
  sm_progress_update (progress, 1.0, NULL);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * sm_report_write:
 * @map: the map
 * @options: (nullable): what report to make; NULL for a full PDF
 * @path: where to write it
 * @error: return location for an error
 *
 * Writes the evaluation report of @map to @path, safely (see
 * sm-file-writer.h): a failure leaves any earlier file as it was.
 */
gboolean
sm_report_write (SmMap                 *map,
                 const SmReportOptions *options,
                 const char            *path,
                 GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SM_IS_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = sm_report_make (map, options, error);
  if (bytes == NULL)
    return FALSE;

  file = g_file_new_for_path (path);
  if (!sm_file_write_bytes (file, bytes, SM_FILE_WRITE_NONE, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *const style_names[] = {
  [SM_REPORT_FULL] = "full",
  [SM_REPORT_PLAIN] = "plain",
  [SM_REPORT_EASY_READ] = "easy-read",
};

const char *
sm_report_style_to_string (SmReportStyle style)
{
  g_return_val_if_fail (style <= SM_REPORT_EASY_READ, NULL);
  return style_names[style];
}

gboolean
sm_report_style_from_string (const char    *name,
                             SmReportStyle *style)
{
  for (guint i = 0; i < G_N_ELEMENTS (style_names); i++)
    if (g_strcmp0 (name, style_names[i]) == 0)
      {
        if (style != NULL)
          *style = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
sm_report_format_for_path (const char     *path,
                           SmReportFormat *format)
{
  g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;
  SmReportFormat found;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".pdf"))
    found = SM_REPORT_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    found = SM_REPORT_HTML;
  else
    return FALSE;
  if (format != NULL)
    *format = found;
  return TRUE;
}

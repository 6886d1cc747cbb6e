/* sm-report-html.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The web page version: the report's Pango markup as HTML, and the one
 * self-contained page it goes into. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-report-private.h"

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
html_start_element (GMarkupParseContext *context,
                    const char          *element,
                    const char         **names,
                    const char         **values,
                    gpointer             user_data,
                    GError             **error)
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
html_end_element (GMarkupParseContext *context,
                  const char          *element,
                  gpointer             user_data,
                  GError             **error)
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
 * but tab and newline, DEL and C1 become a _sm_report_space, which keeps the words
 * apart. */
char *
_sm_report_html_escape (const char *text,
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
html_text (GMarkupParseContext *context,
           const char          *text,
           gsize                length,
           gpointer             user_data,
           GError             **error)
{
  g_autofree char *escaped = _sm_report_html_escape (text, (gssize) length);
  g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (user_data, "%s%s", i > 0 ? "<br>\n" : "", lines[i]);
}

void
_sm_report_append_markup_as_html (GString    *out,
                                  const char *markup)
{
  static const GMarkupParser parser = {
    html_start_element,
    html_end_element,
    html_text,
    NULL,
    NULL,
  };
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, html, NULL);
  gboolean             ok = g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
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
void
_sm_report_html_close (SmReport *r)
{
  if (r->in_list)
    g_string_append (r->html, "</ul>\n");
  if (r->in_table)
    g_string_append (r->html, "</tbody></table>\n");
  r->in_list = r->in_table = FALSE;
}

void
_sm_report_html_block (SmReport   *r,
                       const char *element,
                       const char *markup)
{
  g_autofree char *tag = g_strndup (element, strcspn (element, " "));

  _sm_report_html_close (r);
  g_string_append_printf (r->html, "<%s>", element);
  _sm_report_append_markup_as_html (r->html, markup);
  g_string_append_printf (r->html, "</%s>\n", tag);
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

void
_sm_report_write_html (SmReport *r)
{
  static const char *const classes[] = {
    [SM_REPORT_FULL] = "full",
    [SM_REPORT_PLAIN] = "plain",
    [SM_REPORT_EASY_READ] = "easy-read",
  };
  g_autofree char *title = _sm_report_scrub (r, sm_map_get_title (r->map));
  g_autofree char *both = g_strdup_printf ("%s — %s", *title != '\0' ? title : _ ("Untitled map"),
                                           _sm_report_style_title (r->style));
  g_autofree char *page_title = _sm_report_html_escape (both, -1);
  /* TRANSLATORS: the language of the report, as an HTML lang attribute */
  g_autofree char *lang = _sm_report_html_escape (C_ ("html lang", "en"), -1);

  r->html = g_string_new (NULL);
  g_string_append_printf (r->html,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"generator\" content=\"Stakemap %s\">\n"
                          "<meta name=\"date\" content=\"%s\">\n"
                          "<title>%s</title>\n<style>%s</style>\n</head>\n<body class=\"%s\">\n<main>\n",
                          lang, PACKAGE_VERSION, r->date, page_title, html_style,
                          classes[r->style]);
  _sm_report_put_sections (r);
  _sm_report_html_close (r);
  {
    g_autofree char *footer = _sm_report_html_escape (r->footer, -1);

    g_string_append_printf (r->html, "</main>\n<footer><p class=\"small\">%s</p></footer>\n</body>\n</html>\n",
                            footer);
  }
}

/* sm-export-svg.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Words in an SVG picture: cairo draws shapes and lines, and would draw
 * words as outlines; the renderer hands every piece of text here instead
 * (sm_renderer_set_text_func()), and each line becomes a text element, so
 * that names can be searched, copied, edited and read aloud. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-export-private.h"

static void
insert_bytes (GByteArray   *array,
              guint         at,
              const guint8 *data,
              guint         length)
{
  guint old = array->len;

  g_byte_array_set_size (array, old + length);
  memmove (array->data + at + length, array->data + at, old - at);
  memcpy (array->data + at, data, length);
}

/* SVG: cairo draws shapes and lines; names and every other word are
 * written as text elements, so that they can be searched, copied and
 * edited. */

static void
append_colour (GString      *out,
               const char   *what,
               const double *rgba)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", what, (int) lround (CLAMP (rgba[0], 0, 1) * 255),
                          (int) lround (CLAMP (rgba[1], 0, 1) * 255), (int) lround (CLAMP (rgba[2], 0, 1) * 255));
  if (rgba[3] < 1)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, " %s-opacity=\"%s\"", what, g_ascii_formatd (number, sizeof number, "%.3g", rgba[3]));
    }
}

static void
append_number (GString *out,
               double   value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (number, sizeof number, "%.4g", fabs (value) < 1e-9 ? 0 : value));
}

/* The text a line shows: an ellipsis in place of what it leaves out. */
static char *
line_text (PangoLayout     *layout,
           PangoLayoutLine *line)
{
  const char *text = pango_layout_get_text (layout);
  GString    *out = g_string_new (NULL);

  if (!pango_layout_is_ellipsized (layout))
    g_string_append_len (out, text + line->start_index, line->length);
  else
    for (GSList *r = line->runs; r != NULL; r = r->next)
      {
        PangoGlyphItem *run = r->data;
        const char     *start = text + run->item->offset;

        /* The ellipsis is one glyph standing for the text it hides. */
        if (run->glyphs->num_glyphs == 1 && run->item->num_chars > 1)
          g_string_append (out, "…");
        else
          g_string_append_len (out, start, run->item->length);
      }
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

void
_sm_export_svg_text_cb (cairo_t      *cr,
                        PangoLayout  *layout,
                        const double *halo,
                        gpointer      user_data)
{
  GString                    *out = user_data;
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  cairo_matrix_t              m;
  double                      x = 0, y = 0, rgba[4] = { 0, 0, 0, 1 };
  PangoLayoutIter            *iter;

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x, &y);
  cairo_get_matrix (cr, &m);
  if (cairo_pattern_get_rgba (cairo_get_source (cr), &rgba[0], &rgba[1], &rgba[2], &rgba[3]) != CAIRO_STATUS_SUCCESS)
    rgba[3] = 1;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle   logical;
      g_autofree char *text = line_text (layout, line);
      g_autofree char *escaped = NULL;

      if (*text == '\0')
        continue;
      {
        /* XML 1.0 has no place for control characters, even escaped. */
        g_autofree char *clean = sm_export_replace_controls (text, "");

        escaped = g_markup_escape_text (clean, -1);
      }
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      g_string_append (out, "<text transform=\"matrix(");
      append_number (out, m.xx);
      g_string_append_c (out, ' ');
      append_number (out, m.yx);
      g_string_append_c (out, ' ');
      append_number (out, m.xy);
      g_string_append_c (out, ' ');
      append_number (out, m.yy);
      g_string_append_c (out, ' ');
      append_number (out, m.x0);
      g_string_append_c (out, ' ');
      append_number (out, m.y0);
      g_string_append (out, ")\" x=\"");
      append_number (out, x + (double) logical.x / PANGO_SCALE);
      g_string_append (out, "\" y=\"");
      append_number (out, y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
      g_string_append (out, "\" font-size=\"");
      append_number (out, (double) pango_font_description_get_size (font) / PANGO_SCALE);
      g_string_append_c (out, '"');
      if (pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD)
        g_string_append (out, " font-weight=\"bold\"");
      /* Bold rows of the legend are bold by attribute. */
      else if (pango_layout_get_attributes (layout) != NULL)
        g_string_append (out, " font-weight=\"bold\"");
      append_colour (out, "fill", rgba);
      if (halo != NULL)
        {
          append_colour (out, "stroke", halo);
          g_string_append (out, " stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }
      g_string_append_printf (out, ">%s</text>\n", escaped);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Puts the words gathered in @text over the drawing cairo wrote to
 * @svg. */
gboolean
_sm_export_svg_add_text (GByteArray *svg,
                         GString    *text,
                         GError    **error)
{
  static const char open[] = "<g font-family=\"Cantarell, 'DejaVu Sans', sans-serif\">\n";
  static const char close[] = "</g>\n";
  char             *end = svg->len >= 6 ? g_strrstr_len ((char *) svg->data, svg->len, "</svg>") : NULL;
  gsize             at;

  if (end == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not make the SVG"));
      return FALSE;
    }
  at = end - (char *) svg->data;
  insert_bytes (svg, at, (const guint8 *) close, strlen (close));
  insert_bytes (svg, at, (const guint8 *) text->str, text->len);
  insert_bytes (svg, at, (const guint8 *) open, strlen (open));
  return TRUE;
}

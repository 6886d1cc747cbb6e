/* sm-report-map.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The drawn map in the report, by the same renderer as the screen: on a
 * PDF page, or as SVG inside the web page. */

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-report-private.h"

/* The drawn map as an SVG image inside the HTML page, drawn by the same
 * renderer, with a text alternative and, in the fuller versions, the
 * same stakeholders as a table. */
static void
put_map_html (SmReport *r,
              double    bw,
              double    bh)
{
  const double width = 960;
  double       height = CLAMP (width * bh / MAX (bw, 1), 420, 960);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autofree char *encoded = NULL;
  g_autofree char *alt = NULL;
  SmRenderState    state = { 0 };
  SmViewport       viewport;
  SmCollection    *people = sm_map_get_stakeholders (r->map);
  SmCollection    *ties = sm_map_get_relationships (r->map);
  cairo_surface_t *surface;
  cairo_t         *cr;

  state.flags = SM_RENDER_BACKGROUND | SM_RENDER_LEGEND;
  sm_renderer_fit_viewport (r->renderer, width, height, MAP_PADDING, state.flags, &viewport);
  surface = cairo_svg_surface_create_for_stream (_sm_report_append_cb, svg, width, height);
  cr = cairo_create (surface);
  sm_renderer_draw (r->renderer, cr, &viewport, &state);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  if (r->style == SM_REPORT_EASY_READ)
    alt = g_strdup (_ ("The map your group made."));
  else
    {
      guint n_people = sm_collection_get_size (people);
      guint n_ties = sm_collection_get_size (ties);
      /* Translators: a piece of "The map: %s and %s." below */
      g_autofree char *people_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder",
                                                                   "%u stakeholders", n_people),
                                                      n_people);
      /* Translators: a piece of "The map: %s and %s." below */
      g_autofree char *ties_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u relationship",
                                                                 "%u relationships", n_ties),
                                                    n_ties);

      /* Translators: the map picture's text for screen readers. The first %s
       * is how many stakeholders ("12 stakeholders"), the second how many
       * relationships ("15 relationships"). */
      alt = g_strdup_printf (_ ("The map: %s and %s. Size shows influence; shape and colour show the side. "
                                "The table after the map lists the same stakeholders."),
                             people_text, ties_text);
    }
  encoded = g_base64_encode (svg->data, svg->len);
  _sm_report_html_close (r);
  g_string_append_printf (r->html, "<figure class=\"map\"><img src=\"data:image/svg+xml;base64,%s\" "
                                   "width=\"%.0f\" height=\"%.0f\" alt=\"",
                          encoded, width, height);
  _sm_report_append_markup_as_html (r->html, alt);
  g_string_append (r->html, "\"></figure>\n");
  if (r->style == SM_REPORT_EASY_READ)
    return;

  {
    g_autofree char *summary = _sm_report_html_escape (_ ("The map as a table"), -1);

    g_string_append_printf (r->html, "<details><summary>%s</summary>\n<table>\n<thead><tr>", summary);
  }
  {
    const char *columns[] = {
      _ ("Name"),
      _ ("Side"),
      _ ("Kind"),
      _ ("Influence"),
      _ ("Interest"),
      _ ("Participation"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_autofree char *column = _sm_report_html_escape (columns[i], -1);

        g_string_append_printf (r->html, "<th scope=\"col\">%s</th>", column);
      }
  }
  g_string_append (r->html, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord                *person = sm_collection_get (people, i);
      static const char *const sides[] = {
        [SM_SIDE_OTHER] = "other",
        [SM_SIDE_COMMUNITY] = "community",
        [SM_SIDE_INSTITUTIONAL] = "institutional",
      };
      const char      *kind = sm_record_get_enum (person, "kind");
      double           influence = sm_record_get_number (person, "influence", SM_UNKNOWN);
      double           interest = sm_record_get_number (person, "interest", SM_UNKNOWN);
      double           level = sm_record_get_number (person, "participation_level", SM_UNKNOWN);
      g_autofree char *influence_text = SM_IS_KNOWN (influence) ? _sm_report_format_number (influence) : g_strdup (_ ("unknown"));
      g_autofree char *interest_text = SM_IS_KNOWN (interest) ? _sm_report_format_number (interest) : g_strdup (_ ("unknown"));
      g_autofree char *row = g_markup_printf_escaped ("<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
                                                      "<td>%s</td><td>%s</td><td>%s</td></tr>\n",
                                                      sm_stakeholder_get_name (person),
                                                      sm_value_label (sides[sm_stakeholder_get_side (person)]),
                                                      kind != NULL ? sm_value_label (kind) : _ ("unknown"),
                                                      influence_text, interest_text,
                                                      SM_IS_KNOWN (level) ? _sm_ladder_label (level) : _ ("unknown"));

      g_string_append (r->html, row);
    }
  g_string_append (r->html, "</tbody></table></details>\n");
}

typedef struct
{
  double        y, width, height; /* the box on the page */
  SmViewport    viewport;
  SmRenderState state;
} MapBox;

static void
draw_map (SmReport *r,
          gpointer  data)
{
  MapBox *box = data;

  cairo_save (r->cr);
  cairo_translate (r->cr, MARGIN, box->y);
  cairo_rectangle (r->cr, 0, 0, box->width, box->height);
  cairo_clip (r->cr);
  cairo_scale (r->cr, MAP_SCALE, MAP_SCALE);
  sm_renderer_draw (r->renderer, r->cr, &box->viewport, &box->state);
  cairo_restore (r->cr);

  cairo_save (r->cr);
  cairo_rectangle (r->cr, MARGIN, box->y, box->width, box->height);
  cairo_set_source_rgb (r->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (r->cr, 0.5);
  cairo_stroke (r->cr);
  cairo_restore (r->cr);
}

void
_sm_report_put_map (SmReport *r)
{
  double   bx, by, bw, bh;
  MapBox  *box;
  gboolean placed;
  gboolean easy = r->style == SM_REPORT_EASY_READ;

  placed = sm_renderer_get_bounds (r->renderer, &bx, &by, &bw, &bh);
  _sm_report_new_page (r, placed && bw > bh);
  _sm_report_heading (r, STYLE_H1, easy ? _ ("Your map") : _ ("The map"), 200);
  if (!placed)
    {
      _sm_report_put (r, STYLE_BODY, 0, NULL,
                      easy ? _ ("Nobody has been put on the map yet.") : _ ("No stakeholder has a place on the map yet."));
      return;
    }
  if (easy)
    _sm_report_put (r, STYLE_BODY, 0, NULL, _ ("This is the map your group made. Bigger shapes have more say."));
  else
    _sm_report_put (r, STYLE_SMALL, 0, NULL,
                    _ ("Size shows influence; shape and colour show the side; the legend explains the lines."));

  if (r->html != NULL)
    {
      put_map_html (r, bw, bh);
      return;
    }

  box = g_new0 (MapBox, 1);
  box->y = r->y + 4;
  box->width = _sm_report_content_width (r);
  box->height = _sm_report_content_bottom (r) - box->y;
  box->state.flags = SM_RENDER_BACKGROUND | SM_RENDER_LEGEND;
  sm_renderer_fit_viewport (r->renderer, box->width / MAP_SCALE, box->height / MAP_SCALE, MAP_PADDING,
                            box->state.flags, &box->viewport);
  _sm_report_draw_later (r, draw_map, box, g_free);
  r->y = _sm_report_content_bottom (r);
  r->blank = FALSE;
}

/* sm-export-html.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The map as one web page for people without the app: a councillor, a
 * funder, residents on their phones. The page needs nothing beside it
 * and fetches nothing: the map is the SVG picture (the same renderer,
 * legend and all) written inline, with an invisible target over each
 * stakeholder; what a reader can learn of each is in a JSON block; a
 * small script pans, zooms and opens a stakeholder's fields; the
 * evaluation's summary follows in words. Names follow consent as in
 * every other output: with consent, the data comes from the copy made to
 * pass on (sm_public_names_dup_anonymised()). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-export-private.h"
#include "sm-labels.h"
#include "sm-report-private.h"

/* Only what is in the page itself may run or style it. */
#define CSP "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

static const char page_style[] =
  "*{box-sizing:border-box}"
  "body{font-family:Cantarell,'DejaVu Sans',sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}"
  "header,#sm-summary,footer{max-width:60em;margin:0 auto;padding:0 1em}"
  "h1{font-size:1.6em;margin:.6em 0 .2em}"
  ".sm-small{color:#555;font-size:.9em;margin:.2em 0}"
  ".sm-warn{color:#a51d1d;font-weight:bold}"
  "#sm-map{position:relative;margin:.5em auto;max-width:100%}"
  "#sm-viewport{position:relative;overflow:hidden;height:72vh;min-height:18em;border-top:1px solid #ccc;"
  "border-bottom:1px solid #ccc;background:#fff;touch-action:none;cursor:grab;outline-offset:-3px}"
  "#sm-viewport.sm-dragging{cursor:grabbing}"
  "#sm-stage{position:absolute;left:0;top:0;transform-origin:0 0}"
  "#sm-stage svg{display:block}"
  ".sm-hit{cursor:pointer;fill:transparent;stroke:none}"
  ".sm-hit:focus{outline:none}"
  ".sm-hit:focus circle,.sm-hit:hover circle,.sm-hit.sm-open circle{stroke:#1c71d8;stroke-width:3}"
  ".sm-tools{position:absolute;right:.5em;bottom:.5em;z-index:2;display:flex;gap:.3em}"
  ".sm-tools button,#sm-close{font:inherit;font-size:1.1em;min-width:2.4em;min-height:2.4em;border:1px solid #999;"
  "border-radius:6px;background:#f6f5f4;color:#1a1a1a}"
  "#sm-panel{position:absolute;left:.5em;top:.5em;z-index:3;width:min(24em,calc(100% - 1em));max-height:calc(100% - 1em);"
  "overflow:auto;background:#fff;border:1px solid #999;border-radius:8px;padding:.6em 1em;"
  "box-shadow:0 2px 8px rgba(0,0,0,.25)}"
  "#sm-panel h2{font-size:1.2em;margin:.2em 2.6em .4em 0}"
  "#sm-close{position:absolute;right:.5em;top:.5em}"
  "#sm-panel dt{font-weight:bold;margin-top:.4em}#sm-panel dd{margin:0 0 0 1em;white-space:pre-wrap}"
  ".sm-principles{padding-left:1.2em}.sm-principles li{margin:.4em 0}"
  "footer{margin-top:2em;padding-bottom:1em;border-top:1px solid #ccc}"
  "@media print{#sm-viewport{height:auto;overflow:visible}.sm-tools,#sm-panel{display:none}"
  "#sm-stage{position:static;transform:none!important}}";

/* Pan, zoom and the panel. Words come from the page (data-* attributes),
 * so that they are translated with the rest; text is only ever set as
 * text, never as markup. */
static const char page_script[] =
  "(function(){'use strict';\n"
  "var data=JSON.parse(document.getElementById('sm-data').textContent);\n"
  "var byId={};data.stakeholders.forEach(function(s){byId[s.id]=s;});\n"
  "var vp=document.getElementById('sm-viewport'),stage=document.getElementById('sm-stage');\n"
  "var svg=stage.querySelector('svg');if(!svg)return;\n"
  "var W=parseFloat(svg.getAttribute('width'))||800,H=parseFloat(svg.getAttribute('height'))||600;\n"
  "var panel=document.getElementById('sm-panel'),ptitle=document.getElementById('sm-panel-title'),"
  "pfields=document.getElementById('sm-panel-fields'),opened=null,lastFocus=null;\n"
  "var v={x:0,y:0,k:1};\n"
  "function apply(){stage.style.transform='translate('+v.x+'px,'+v.y+'px) scale('+v.k+')';}\n"
  "function fit(){var w=vp.clientWidth,h=vp.clientHeight;v.k=Math.min(w/W,h/H);"
  "v.x=(w-W*v.k)/2;v.y=(h-H*v.k)/2;apply();}\n"
  "function zoom(f,cx,cy){var k=Math.max(0.05,Math.min(20,v.k*f));if(cx===undefined){cx=vp.clientWidth/2;"
  "cy=vp.clientHeight/2;}v.x=cx-(cx-v.x)*k/v.k;v.y=cy-(cy-v.y)*k/v.k;v.k=k;apply();}\n"
  "function pan(dx,dy){v.x+=dx;v.y+=dy;apply();}\n"
  "function open(id){var s=byId[id];if(!s)return;close(true);opened=document.querySelector("
  "'.sm-hit[data-id=\"'+CSS.escape(id)+'\"]');if(opened)opened.classList.add('sm-open');"
  "lastFocus=document.activeElement;ptitle.textContent=s.name;while(pfields.firstChild)"
  "pfields.removeChild(pfields.firstChild);s.fields.forEach(function(f){var dt=document.createElement('dt');"
  "dt.textContent=f[0];var dd=document.createElement('dd');dd.textContent=f[1];pfields.appendChild(dt);"
  "pfields.appendChild(dd);});if(!s.fields.length){var dd=document.createElement('dd');"
  "dd.textContent=panel.getAttribute('data-empty');pfields.appendChild(dd);}panel.hidden=false;"
  "document.getElementById('sm-close').focus();}\n"
  "function close(quiet){if(opened)opened.classList.remove('sm-open');opened=null;panel.hidden=true;"
  "if(!quiet&&lastFocus&&lastFocus.focus)lastFocus.focus();}\n"
  "document.getElementById('sm-close').addEventListener('click',function(){close(false);});\n"
  "document.getElementById('sm-zoom-in').addEventListener('click',function(){zoom(1.25);});\n"
  "document.getElementById('sm-zoom-out').addEventListener('click',function(){zoom(0.8);});\n"
  "document.getElementById('sm-fit').addEventListener('click',fit);\n"
  "var ptrs={},start=null,moved=false,pinch=null;\n"
  "function hitOf(t){while(t&&t!==vp){if(t.getAttribute&&t.getAttribute('data-id')!==null&&"
  "t.classList.contains('sm-hit'))return t;t=t.parentNode;}return null;}\n"
  "vp.addEventListener('pointerdown',function(e){if(e.target.closest&&e.target.closest('#sm-panel,.sm-tools'))"
  "return;ptrs[e.pointerId]={x:e.clientX,y:e.clientY};var ids=Object.keys(ptrs);if(ids.length===1){"
  "start={x:e.clientX,y:e.clientY,vx:v.x,vy:v.y,hit:hitOf(e.target)};moved=false;pinch=null;}"
  "else if(ids.length===2){var a=ptrs[ids[0]],b=ptrs[ids[1]];pinch={d:Math.hypot(a.x-b.x,a.y-b.y),k:v.k};"
  "moved=true;}try{vp.setPointerCapture(e.pointerId);}catch(x){}});\n"
  "vp.addEventListener('pointermove',function(e){if(!ptrs[e.pointerId])return;ptrs[e.pointerId]="
  "{x:e.clientX,y:e.clientY};var ids=Object.keys(ptrs),r=vp.getBoundingClientRect();"
  "if(pinch&&ids.length===2){var a=ptrs[ids[0]],b=ptrs[ids[1]],d=Math.hypot(a.x-b.x,a.y-b.y);"
  "if(pinch.d>0)zoom(pinch.k*d/pinch.d/v.k,(a.x+b.x)/2-r.left,(a.y+b.y)/2-r.top);return;}"
  "if(start){var dx=e.clientX-start.x,dy=e.clientY-start.y;if(Math.abs(dx)+Math.abs(dy)>6)moved=true;"
  "if(moved){vp.classList.add('sm-dragging');v.x=start.vx+dx;v.y=start.vy+dy;apply();}}});\n"
  "function up(e){if(!ptrs[e.pointerId])return;delete ptrs[e.pointerId];vp.classList.remove('sm-dragging');"
  "if(Object.keys(ptrs).length===0){if(start&&!moved&&e.type==='pointerup'){if(start.hit)"
  "open(start.hit.getAttribute('data-id'));else close(true);}start=null;pinch=null;}}\n"
  "vp.addEventListener('pointerup',up);vp.addEventListener('pointercancel',up);\n"
  "vp.addEventListener('wheel',function(e){e.preventDefault();var r=vp.getBoundingClientRect();"
  "zoom(Math.exp(-e.deltaY*(e.deltaMode?0.05:0.0015)),e.clientX-r.left,e.clientY-r.top);},{passive:false});\n"
  "vp.addEventListener('keydown',function(e){var s=60;var h=hitOf(e.target);"
  "if(h&&(e.key==='Enter'||e.key===' ')){e.preventDefault();open(h.getAttribute('data-id'));return;}"
  "switch(e.key){case 'ArrowLeft':pan(s,0);break;case 'ArrowRight':pan(-s,0);break;case 'ArrowUp':pan(0,s);break;"
  "case 'ArrowDown':pan(0,-s);break;case '+':case '=':zoom(1.25);break;case '-':case '_':zoom(0.8);break;"
  "case '0':fit();break;default:return;}e.preventDefault();});\n"
  "document.addEventListener('keydown',function(e){if(e.key==='Escape'&&!panel.hidden){e.preventDefault();"
  "close(false);}});\n"
  "window.addEventListener('resize',fit);fit();\n"
  "})();\n";

static char *
escape (const char *text)
{
  return _sm_report_html_escape (text != NULL ? text : "", -1);
}

static char *
format_number (double value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (number, sizeof number, "%.4g", value));
}

/* A value in words, as a reader wants it: labels for enumerations, Yes
 * and No, names for references. */
static void
append_words (GString       *out,
              const SmField *field,
              JsonNode      *node,
              SmMap         *map)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? _ ("Yes") : _ ("No"));
        else if (type == G_TYPE_STRING)
          {
            const char *s = json_node_get_string (node);
            SmFieldType kind = field != NULL ? field->type : SM_FIELD_STRING;

            if (strcmp (s, "unknown") == 0 || kind == SM_FIELD_ENUM || kind == SM_FIELD_ENUM_LIST ||
                kind == SM_FIELD_ENUM_MAP)
              g_string_append (out, sm_value_label (s));
            else if (kind == SM_FIELD_REF || kind == SM_FIELD_REF_LIST)
              {
                g_autofree char *label = sm_map_dup_record_label (map, s, FALSE);

                g_string_append (out, label != NULL ? label : s);
              }
            else
              g_string_append (out, s);
          }
        else
          {
            g_autofree char *number = format_number (json_node_get_double (node));

            g_string_append (out, number);
          }
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (i > 0)
              g_string_append (out, JSON_NODE_HOLDS_OBJECT (element) ? "\n" : ", ");
            append_words (out, field, element, map);
          }
        break;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *member;
        gboolean       first = TRUE;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            const SmField *child = NULL;
            const char    *label;

            if (field != NULL && field->children != NULL)
              child = sm_schema_lookup (field->children, name);
            label = child != NULL && child->label != NULL ? _ (child->label) : sm_value_label (name);
            if (!first)
              g_string_append (out, "; ");
            first = FALSE;
            g_string_append_printf (out, "%s: ", label);
            /* Enumerated maps hold labels as values; level maps numbers. */
            append_words (out, child != NULL ? child : field, member, map);
          }
        break;
      }

    default:
      break;
    }
}

static void
add_field (JsonBuilder *builder,
           const char  *label,
           const char  *text)
{
  if (text == NULL || *text == '\0')
    return;
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, label);
  json_builder_add_string_value (builder, text);
  json_builder_end_array (builder);
}

static gboolean
skipped (const char *name)
{
  static const char *const names[] = { "id", "name", "x", "y", "source", "target", "width", "height", NULL };

  return g_strv_contains (names, name);
}

/* The record's fields as [label, words] pairs, in the order of the
 * schema, then the members it does not know. */
static void
add_fields (JsonBuilder *builder,
            SmRecord    *record,
            SmMap       *map)
{
  const SmField *fields = sm_schema_get_fields (sm_record_get_kind (record));
  g_autoptr(JsonObject) data = sm_record_dup_data (record);
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (const SmField *f = fields; f->name != NULL; f++)
    {
      if (skipped (f->name) || f->type == SM_FIELD_ID || (node = json_object_get_member (data, f->name)) == NULL)
        continue;
      if (f->type == SM_FIELD_OBJECT && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          /* One line per part: "Lived experience: Of". */
          json_object_iter_init_ordered (&iter, object);
          while (json_object_iter_next_ordered (&iter, &name, &node))
            {
              const SmField   *child = sm_schema_lookup (f->children, name);
              g_autofree char *label = g_strdup_printf (_ ("%s: %s"), _ (f->label),
                                                        child != NULL ? _ (child->label) : sm_value_label (name));
              g_autoptr(GString) text = g_string_new (NULL);

              append_words (text, child, node, map);
              add_field (builder, label, text->str);
            }
          continue;
        }
      {
        g_autoptr(GString) text = g_string_new (NULL);

        append_words (text, f, node, map);
        add_field (builder, _ (f->label), text->str);
      }
    }
  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autoptr(GString) text = NULL;

      if (skipped (name) || sm_schema_lookup (fields, name) != NULL)
        continue;
      text = g_string_new (NULL);
      append_words (text, NULL, node, map);
      add_field (builder, sm_value_label (name), text->str);
    }
  json_builder_end_array (builder);
}

/* JSON that no name can break out of: inside <script>, only "</script"
 * and "<!--" mean anything, and neither can start without a "<". */
static void
append_json_for_script (GString    *out,
                        const char *json)
{
  for (const char *p = json; *p != '\0'; p++)
    {
      if (*p == '<')
        g_string_append (out, "\\u003c");
      else if (*p == '>')
        g_string_append (out, "\\u003e");
      else if (*p == '&')
        g_string_append (out, "\\u0026");
      else
        g_string_append_c (out, *p);
    }
}

static void
append_data (GString *out,
             SmMap   *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  SmCollection    *people = sm_map_get_stakeholders (map);
  SmCollection    *ties = sm_map_get_relationships (map);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stakeholders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *person = sm_collection_get (people, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, sm_record_get_id (person));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, sm_stakeholder_get_name (person));
      add_fields (builder, person, map);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "relationships");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    {
      SmRecord        *tie = sm_collection_get (ties, i);
      g_autofree char *label = sm_map_dup_record_label (map, sm_record_get_id (tie), FALSE);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, sm_record_get_id (tie));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, sm_relationship_get_source (tie));
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, sm_relationship_get_target (tie));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, label != NULL ? label : sm_record_get_id (tie));
      add_fields (builder, tie, map);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_string_append (out, "<script type=\"application/json\" id=\"sm-data\">");
  append_json_for_script (out, json);
  g_string_append (out, "</script>\n");
}

/* The evaluation in words: the summary, then each principle's status
 * with the headlines of what needs a look. */
static void
append_summary (GString       *out,
                SmMap         *map,
                SmPublicNames *names)
{
  g_autoptr(SmEvalConfig) config = sm_map_dup_eval_config (map);
  g_autoptr(SmEvaluation) eval = sm_evaluate (map, config, SM_LENS_NONE);
  g_autofree char *heading = escape (_ ("How the map measures up"));
  g_autofree char *lead = escape (_ ("Against the principles of co-production: a prompt for discussion, not a "
                                     "verdict."));

  g_string_append_printf (out, "<section id=\"sm-summary\">\n<h2>%s</h2>\n<p class=\"sm-small\">%s</p>\n", heading,
                          lead);
  if (eval->summary != NULL && *eval->summary != '\0')
    {
      g_autofree char *clean = names != NULL ? sm_public_names_scrub (names, eval->summary) : g_strdup (eval->summary);
      g_autofree char *text = escape (clean);

      g_string_append_printf (out, "<p>%s</p>\n", text);
    }
  g_string_append (out, "<ul class=\"sm-principles\">\n");
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      const SmPrincipleResult *principle = &eval->principles[p];
      g_autofree char         *name = escape (principle->name);
      g_autofree char         *status = escape (sm_principle_status_to_label (principle->status));
      gboolean                 open = FALSE;

      g_string_append_printf (out, "<li><strong>%s</strong>: %s", name, status);
      for (guint i = 0; i < eval->rules->len; i++)
        {
          SmRuleResult    *res = g_ptr_array_index (eval->rules, i);
          g_autofree char *question = NULL, *message = NULL, *status_word = NULL;

          if (g_strcmp0 (sm_rule_def_get_principle (res->rule), principle->id) != 0 ||
              (res->status != SM_RULE_FAIL && res->status != SM_RULE_WARN))
            continue;
          if (!open)
            g_string_append (out, "\n<ul>\n");
          open = TRUE;
          question = names != NULL ? sm_public_names_scrub (names, sm_rule_def_get_question (res->rule))
                                   : g_strdup (sm_rule_def_get_question (res->rule));
          message = names != NULL ? sm_public_names_scrub (names, res->message) : g_strdup (res->message);
          {
            g_autofree char *q = escape (question);
            g_autofree char *m = escape (message);
            g_autofree char *s = escape (sm_rule_status_to_label (res->status));

            g_string_append_printf (out, "<li><em>%s</em> %s%s%s</li>\n", s, q, *m != '\0' ? " " : "", m);
          }
        }
      g_string_append (out, open ? "</ul></li>\n" : "</li>\n");
    }
  g_string_append (out, "</ul>\n</section>\n");
}

/* The SVG with its prolog taken off, so it can stand inside the page, and
 * a target over each stakeholder, last, so that it is on top. */
static gboolean
append_svg (GString *out,
            GBytes  *svg,
            GArray  *spots,
            SmMap   *data_map,
            GError **error)
{
  gsize            size;
  const char      *data = g_bytes_get_data (svg, &size);
  g_autofree char *text = g_strndup (data, size);
  const char      *start = strstr (text, "<svg");
  char            *end = g_strrstr (text, "</svg>");

  if (start == NULL || end == NULL || end < start)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not make the SVG"));
      return FALSE;
    }
  *end = '\0';
  g_string_append (out, start);
  g_string_append (out, "<g class=\"sm-hits\">\n");
  for (guint i = 0; i < spots->len; i++)
    {
      SmImageSpot     *spot = &g_array_index (spots, SmImageSpot, i);
      g_autofree char *id = escape (spot->id);
      g_autofree char *x = format_number (spot->x);
      g_autofree char *y = format_number (spot->y);
      /* Large enough for a finger. */
      g_autofree char *r = format_number (MAX (spot->radius * 1.15, 10));
      /* Named as the data names them, for screen readers. */
      SmRecord        *person = sm_map_lookup_kind (data_map, SM_RECORD_STAKEHOLDER, spot->id);
      g_autofree char *name = escape (person != NULL ? sm_stakeholder_get_name (person) : spot->id);

      g_string_append_printf (out,
                              "<g class=\"sm-hit\" data-id=\"%s\" tabindex=\"0\" role=\"button\" "
                              "aria-label=\"%s\"><circle cx=\"%s\" cy=\"%s\" r=\"%s\"/></g>\n",
                              id, name, x, y, r);
    }
  g_string_append (out, "</g>\n</svg>\n");
  return TRUE;
}

static gboolean
write_html (SmMap                 *map,
            const SmExportOptions *options,
            GOutputStream         *stream,
            GOutputStream         *companion,
            GCancellable          *cancellable,
            GError               **error)
{
  static const SmImageOptions defaults = SM_IMAGE_OPTIONS_INIT;
  SmImageOptions              image = options != NULL && options->image != NULL ? *options->image : defaults;
  SmExportOptions             mine = options != NULL ? *options : (SmExportOptions) SM_EXPORT_OPTIONS_INIT;
  g_autoptr(SmImage) picture = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GArray) spots = NULL;
  g_autoptr(SmPublicNames) names = NULL;
  g_autoptr(SmMap) data_map = NULL;
  g_autoptr(SmMap) eval_map = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  const char *title, *question, *info, *notice;
  GDateTime  *made;
  gboolean    consent = mine.names != SM_EXPORT_NAMES_ALL;

  /* The page sets the title block in words and fits the map itself;
   * the whole map, always. */
  image.no_title = TRUE;
  image.transparent = FALSE;
  image.width = 0;
  image.scale = 0;
  image.selection = NULL;
  mine.image = &image;
  picture = sm_image_new (map, &mine, error);
  if (picture == NULL)
    return FALSE;
  svg = sm_image_write_bytes (picture, SM_IMAGE_SVG, error);
  if (svg == NULL)
    return FALSE;
  spots = _sm_image_dup_spots (picture, error);
  if (spots == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (consent)
    {
      names = sm_public_names_new_full (map, mine.names == SM_EXPORT_NAMES_NONE ? SM_PUBLIC_NAMES_HIDE_PEOPLE
                                                                                : SM_PUBLIC_NAMES_CONSENT);
      data_map = sm_public_names_dup_anonymised (names, map, error);
      if (data_map == NULL)
        return FALSE;
      eval_map = sm_public_names_dup_map (names, map, error);
      if (eval_map == NULL)
        return FALSE;
    }
  else
    {
      data_map = g_object_ref (map);
      eval_map = g_object_ref (map);
    }

  _sm_image_get_words (picture, &title, &question, &info, &notice, &made);
  {
    /* TRANSLATORS: the language of the report, as an HTML lang attribute */
    g_autofree char *lang = escape (C_ ("html lang", "en"));
    g_autofree char *page_title = escape (title);
    g_autofree char *date = g_date_time_format (made, "%Y-%m-%d");

    g_string_append_printf (out,
                            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                            "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
                            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                            "<meta name=\"generator\" content=\"Stakemap %s\">\n"
                            "<meta name=\"date\" content=\"%s\">\n"
                            "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>%s</h1>\n",
                            lang, CSP, PACKAGE_VERSION, date, page_title, page_style, page_title);
  }
  if (question != NULL)
    {
      g_autofree char *text = escape (question);

      g_string_append_printf (out, "<p>%s</p>\n", text);
    }
  {
    g_autofree char *text = escape (info);

    g_string_append_printf (out, "<p class=\"sm-small\">%s</p>\n", text);
  }
  if (notice != NULL)
    {
      g_autofree char *text = escape (notice);

      g_string_append_printf (out, "<p class=\"sm-small%s\">%s</p>\n", consent ? "" : " sm-warn", text);
    }
  {
    g_autofree char *help = escape (_ ("Drag or use the arrow keys to move the map, the wheel, a pinch or + and − to "
                                       "zoom; choose a stakeholder to read about them."));
    g_autofree char *map_label = escape (_ ("The map"));
    g_autofree char *zoom_in = escape (_ ("Zoom in"));
    g_autofree char *zoom_out = escape (_ ("Zoom out"));
    g_autofree char *fit = escape (_ ("Fit"));
    g_autofree char *fit_label = escape (_ ("Show the whole map"));
    g_autofree char *close = escape (_ ("Close"));
    g_autofree char *empty = escape (_ ("Nothing more is recorded."));

    g_string_append_printf (out,
                            "<p class=\"sm-small\" id=\"sm-help\">%s</p>\n</header>\n<main>\n"
                            "<section id=\"sm-map\" aria-label=\"%s\">\n"
                            "<div class=\"sm-tools\"><button type=\"button\" id=\"sm-zoom-in\" aria-label=\"%s\" "
                            "title=\"%s\">+</button><button type=\"button\" id=\"sm-zoom-out\" aria-label=\"%s\" "
                            "title=\"%s\">−</button><button type=\"button\" id=\"sm-fit\" title=\"%s\">%s</button>"
                            "</div>\n"
                            "<div id=\"sm-panel\" role=\"dialog\" aria-labelledby=\"sm-panel-title\" data-empty=\"%s\" "
                            "hidden><button type=\"button\" id=\"sm-close\" aria-label=\"%s\" title=\"%s\">×</button>"
                            "<h2 id=\"sm-panel-title\"></h2><dl id=\"sm-panel-fields\"></dl></div>\n"
                            "<div id=\"sm-viewport\" tabindex=\"0\" aria-describedby=\"sm-help\">\n"
                            "<div id=\"sm-stage\">\n",
                            help, map_label, zoom_in, zoom_in, zoom_out, zoom_out, fit_label, fit, empty, close,
                            close);
  }
  if (!append_svg (out, svg, spots, data_map, error))
    return FALSE;
  g_string_append (out, "</div>\n</div>\n</section>\n");
  append_summary (out, eval_map, names);
  {
    g_autofree char *date = g_date_time_format (made, "%-d %B %Y");
    g_autofree char *words = g_strdup_printf (_ ("Made with Stakemap on %s."), date);
    g_autofree char *text = escape (words);

    g_string_append_printf (out, "</main>\n<footer><p class=\"sm-small\">%s</p></footer>\n", text);
  }
  append_data (out, data_map);
  g_string_append_printf (out, "<script>%s</script>\n</body>\n</html>\n", page_script);

  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  return sm_export_write_all (stream, bytes, cancellable, error);
}

static const char *const html_extensions[] = { "html", "htm", NULL };

/* A picture of the map that carries its data: `export` writes it, and
 * the app's Export Image dialog offers it, with the names choice. */
const SmExporter sm_exporter_html = {
  "html", N_ ("Web page"), "text/html", html_extensions, NULL, write_html, TRUE
};

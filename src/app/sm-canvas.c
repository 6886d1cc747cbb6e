/* sm-canvas.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-canvas.h"
#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-move-command.h"
#include "sm-render.h"

#define MIN_ZOOM 0.02
#define MAX_ZOOM 8.0
#define FIT_MAX_ZOOM 1.5 /* a map of two stakeholders should not fill the screen */
#define ZOOM_STEP 1.25
#define HIT_PX 4.0        /* how near, in pixels, the pointer must be to hit */
#define RIM_PX 8.0        /* width, in pixels, of the rim a relationship starts from */
#define NUDGE_PX 2.0      /* arrow keys move selected stakeholders this far on screen… */
#define NUDGE_BIG_PX 20.0 /* …and this far with Shift */
#define PAN_PX 60.0
#define WHEEL_PX 50.0 /* one notch of a mouse wheel pans this far */
#define ENTRY_MIN_PX 200

/* The canvas */

typedef enum
{
  DRAG_NONE,
  DRAG_PENDING, /* button down, not yet past the drag threshold */
  DRAG_PAN,
  DRAG_BAND,
  DRAG_MOVE,
  DRAG_CONNECT,   /* drawing a relationship */
  DRAG_CANCELLED, /* Escape during a drag: ignore the rest of it */
} DragMode;

struct _SmCanvas
{
  GtkWidget parent_instance;

  SmDocument      *document;
  SmMap           *map;
  SmSelection     *selection;
  SmRenderer      *renderer;
  GHashTable      *highlight;
  GHashTable      *marks;
  gboolean         show_legend;
  AdwStyleManager *style_manager;

  /* The viewport: the map point at the top-left corner, and the scale. */
  double   scale;
  double   view_x;
  double   view_y;
  int      last_width;
  int      last_height;
  gboolean fitted;

  /* Naming in place: a new stakeholder (not yet in the map) or a rename. */
  GtkWidget *entry;
  SmRecord  *pending;
  char      *editing_id;
  gboolean   have_last;
  double     last_x; /* where the last stakeholder was added, for the next one */
  double     last_y;

  char  *hover_id;
  char  *focus_id; /* set by the keyboard; the focus ring shows it */
  double pointer_x;
  double pointer_y;

  /* The primary button's drag. */
  DragMode        mode;
  double          press_x;
  double          press_y;
  GdkModifierType press_state;
  SmRecord       *press_hit;
  gboolean        press_rim;
  gboolean        press_was_selected;
  gboolean        dragged;
  double          origin_view_x; /* the view when a pan began */
  double          origin_view_y;
  GPtrArray      *moving;
  double         *moving_x;
  double         *moving_y;
  gboolean        moved;
  double          band_x0;
  double          band_y0;
  double          band_x1;
  double          band_y1;
  char           *connect_source;
  double          draft_x;
  double          draft_y;

  /* Connecting from the keyboard. */
  gboolean key_connect;
  char    *connect_target;

  gboolean nudging;
  gboolean click_consumed; /* the press did all the click does */
  gboolean allocating;

  double pinch_scale;
  double pinch_x;
  double pinch_y;

  char *description;
};

G_DEFINE_FINAL_TYPE (SmCanvas, sm_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_SHOW_LEGEND,
  PROP_ARRANGEMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SHOW_RECORD,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void stop_editing (SmCanvas *self,
                          gboolean  commit,
                          gboolean  chain);

/* Geometry */

static void
widget_to_map (SmCanvas *self,
               double    x,
               double    y,
               double   *map_x,
               double   *map_y)
{
  *map_x = x / self->scale + self->view_x;
  *map_y = y / self->scale + self->view_y;
}

static void
map_to_widget (SmCanvas *self,
               double    map_x,
               double    map_y,
               double   *x,
               double   *y)
{
  *x = (map_x - self->view_x) * self->scale;
  *y = (map_y - self->view_y) * self->scale;
}

static void
get_viewport (SmCanvas   *self,
              SmViewport *viewport)
{
  viewport->scale = self->scale;
  viewport->x = self->view_x;
  viewport->y = self->view_y;
  viewport->width = gtk_widget_get_width (GTK_WIDGET (self));
  viewport->height = gtk_widget_get_height (GTK_WIDGET (self));
}

static gboolean
is_read_only (SmCanvas *self)
{
  return sm_document_get_read_only (self->document);
}

/* Only the map arrangement shows stored positions: elsewhere they are
 * computed from the record, so stakeholders are neither moved nor placed. */
static gboolean
can_place (SmCanvas *self)
{
  return !is_read_only (self) &&
         sm_renderer_get_arrangement (self->renderer) == SM_ARRANGEMENT_MAP;
}

static gboolean
is_editing (SmCanvas *self)
{
  return self->pending != NULL || self->editing_id != NULL;
}

static SmRecord *
lookup_stakeholder (SmCanvas   *self,
                    const char *id)
{
  if (id == NULL)
    return NULL;
  return sm_map_lookup_kind (self->map, SM_RECORD_STAKEHOLDER, id);
}

static void
set_string (char      **field,
            const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* What is under widget point (x, y); *rim tells whether it is the outer ring
 * of a stakeholder, where relationships are drawn from. */
static SmRecord *
hit (SmCanvas *self,
     double    x,
     double    y,
     gboolean *rim)
{
  SmRecord *record;
  double    mx, my, sx, sy, r, d;

  if (rim != NULL)
    *rim = FALSE;
  widget_to_map (self, x, y, &mx, &my);
  record = sm_renderer_hit (self->renderer, mx, my, HIT_PX / self->scale);
  if (record == NULL || rim == NULL || sm_record_get_kind (record) != SM_RECORD_STAKEHOLDER)
    return record;
  if (!sm_renderer_get_position (self->renderer, record, &sx, &sy))
    return record;
  r = sm_renderer_node_radius (record);
  d = hypot (mx - sx, my - sy);
  *rim = d >= r - MAX (RIM_PX / self->scale, 0.2 * r);
  return record;
}

/* The viewport */

static void
set_view (SmCanvas *self,
          double    scale,
          double    view_x,
          double    view_y)
{
  gboolean zoom_changed = scale != self->scale;

  if (!isfinite (scale) || !isfinite (view_x) || !isfinite (view_y))
    return;
  if (zoom_changed == FALSE && view_x == self->view_x && view_y == self->view_y)
    return;
  self->scale = scale;
  self->view_x = view_x;
  self->view_y = view_y;
  if (is_editing (self) && !self->allocating)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Zooms to @scale keeping the map point under widget point (x, y) there. */
static void
zoom_around (SmCanvas *self,
             double    scale,
             double    x,
             double    y)
{
  double mx, my;

  scale = CLAMP (scale, MIN_ZOOM, MAX_ZOOM);
  widget_to_map (self, x, y, &mx, &my);
  set_view (self, scale, mx - x / scale, my - y / scale);
}

static void
zoom_around_centre (SmCanvas *self,
                    double    scale)
{
  zoom_around (self, scale,
               gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
pan_by (SmCanvas *self,
        double    dx,
        double    dy)
{
  set_view (self, self->scale, self->view_x + dx / self->scale, self->view_y + dy / self->scale);
}

static void
centre_on (SmCanvas *self,
           double    map_x,
           double    map_y)
{
  set_view (self, self->scale,
            map_x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / self->scale,
            map_y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / self->scale);
}

/* Brings a map point into view, moving the view only when it is not. */
static void
ensure_visible (SmCanvas *self,
                double    map_x,
                double    map_y,
                double    margin_px)
{
  double x, y;
  int    width = gtk_widget_get_width (GTK_WIDGET (self));
  int    height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;
  map_to_widget (self, map_x, map_y, &x, &y);
  margin_px = MIN (margin_px, MIN (width, height) / 2.0);
  if (x < margin_px || y < margin_px || x > width - margin_px || y > height - margin_px)
    centre_on (self, map_x, map_y);
}

static void
fit (SmCanvas *self)
{
  int        width = gtk_widget_get_width (GTK_WIDGET (self));
  int        height = gtk_widget_get_height (GTK_WIDGET (self));
  SmViewport viewport;

  if (width <= 0 || height <= 0)
    return;
  /* The renderer keeps the map clear of the legend it draws. */
  if (!sm_renderer_fit_viewport (self->renderer, width, height, 32,
                                 self->show_legend ? SM_RENDER_LEGEND : SM_RENDER_NONE, &viewport))
    {
      set_view (self, 1.0, -width / 2.0, -height / 2.0);
      return;
    }
  if (viewport.scale < MIN_ZOOM || viewport.scale > FIT_MAX_ZOOM)
    {
      double scale = CLAMP (viewport.scale, MIN_ZOOM, FIT_MAX_ZOOM);
      double cx = viewport.x + width / 2.0 / viewport.scale;
      double cy = viewport.y + height / 2.0 / viewport.scale;

      set_view (self, scale, cx - width / 2.0 / scale, cy - height / 2.0 / scale);
      return;
    }
  set_view (self, viewport.scale, viewport.x, viewport.y);
}

/* Finding room for the next stakeholder */

/* How far apart stakeholders must be, centre to centre, so that neither
 * their shapes nor their labels overlap. */
static void
get_spacing (SmCanvas *self,
             double   *step_x,
             double   *step_y)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(SmRecord) sample = NULL;
  double r, lx = 0, ly = 0, lw = 0, lh = 0;

  json_object_set_string_member (data, "name", "");
  json_object_set_int_member (data, "x", 0);
  json_object_set_int_member (data, "y", 0);
  sample = sm_record_new (SM_RECORD_STAKEHOLDER, data);
  r = sm_renderer_node_radius (sample);
  sm_renderer_get_label_rect (self->renderer, sample, &lx, &ly, &lw, &lh);

  /* Room for a name of twenty letters or so, whatever an empty one measures. */
  *step_x = MAX (MAX (2 * r, lw), 150) + 24;
  *step_y = r + MAX (ly + lh, r) + 24;
}

static gboolean
is_free (SmCanvas *self,
         double    x,
         double    y,
         double    step_x,
         double    step_y)
{
  g_autoptr(GPtrArray) near = NULL;

  near = sm_renderer_stakeholders_in_rect (self->renderer, x - step_x + 1, y - step_y + 1,
                                           2 * step_x - 2, 2 * step_y - 2);
  return near->len == 0;
}

/* The free grid point nearest (ox, oy), ring by ring. */
static void
find_free_around (SmCanvas *self,
                  double    ox,
                  double    oy,
                  double    step_x,
                  double    step_y,
                  double   *x,
                  double   *y)
{
  for (int k = 0; k < 200; k++)
    {
      double best = G_MAXDOUBLE;

      for (int j = -k; j <= k; j++)
        for (int i = -k; i <= k; i++)
          {
            double cx = ox + i * step_x, cy = oy + j * step_y, d;

            if (MAX (ABS (i), ABS (j)) != k)
              continue;
            d = hypot (i * step_x, j * step_y);
            if (d < best && is_free (self, cx, cy, step_x, step_y))
              {
                best = d;
                *x = cx;
                *y = cy;
              }
          }
      if (best < G_MAXDOUBLE)
        return;
    }
  *x = ox;
  *y = oy;
}

/* Where the next stakeholder goes. Names called out in a meeting should
 * land like writing on a flip chart: after the last one, along its row to
 * the edge of the view, then on the next row down, on a grid that keeps
 * shapes and labels apart. */
static void
find_spot (SmCanvas *self,
           double   *x,
           double   *y)
{
  int    width = gtk_widget_get_width (GTK_WIDGET (self));
  int    height = gtk_widget_get_height (GTK_WIDGET (self));
  double vx0, vy0, vx1, vy1, step_x, step_y, ox, oy;
  int    imin, imax, jmin, jmax;

  get_spacing (self, &step_x, &step_y);
  widget_to_map (self, 0, 0, &vx0, &vy0);
  widget_to_map (self, MAX (width, 1), MAX (height, 1), &vx1, &vy1);

  if (!self->have_last || self->last_x < vx0 || self->last_x > vx1 ||
      self->last_y < vy0 || self->last_y > vy1)
    {
      find_free_around (self, (vx0 + vx1) / 2, (vy0 + vy1) / 2, step_x, step_y, x, y);
      return;
    }

  ox = self->last_x;
  oy = self->last_y;
  imin = (int) ceil ((vx0 + step_x / 2 - ox) / step_x);
  imax = (int) floor ((vx1 - step_x / 2 - ox) / step_x);
  jmin = (int) ceil ((vy0 + step_y / 2 - oy) / step_y);
  jmax = (int) floor ((vy1 - step_y / 2 - oy) / step_y);

  for (int j = 0; j <= jmax; j++)
    for (int i = j == 0 ? 1 : imin; i <= imax; i++)
      if (is_free (self, ox + i * step_x, oy + j * step_y, step_x, step_y))
        {
          *x = ox + i * step_x;
          *y = oy + j * step_y;
          return;
        }
  for (int j = jmin; j < 0; j++)
    for (int i = imin; i <= imax; i++)
      if (is_free (self, ox + i * step_x, oy + j * step_y, step_x, step_y))
        {
          *x = ox + i * step_x;
          *y = oy + j * step_y;
          return;
        }

  /* The view is full: the nearest room outside it, which is then shown. */
  find_free_around (self, ox, oy, step_x, step_y, x, y);
}

/* Accessibility */

static char *
describe_stakeholder (SmRecord *stakeholder)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name = sm_stakeholder_get_name (stakeholder);
  const char *kind = sm_record_get_enum (stakeholder, "kind");
  double      influence = sm_record_get_score (stakeholder, "influence");

  g_string_append (text, name != NULL && *name != '\0' ? name : _("Unnamed stakeholder"));
  if (kind != NULL && sm_record_has_value (stakeholder, "kind"))
    {
      g_autofree char *words = g_strdup (kind);

      g_strdelimit (words, "_", ' ');
      g_string_append_printf (text, ", %s", words);
    }
  if (SM_IS_KNOWN (influence))
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, _("influence %g"), influence);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
name_of (SmCanvas   *self,
         const char *id)
{
  SmRecord *record = lookup_stakeholder (self, id);

  return record != NULL ? sm_record_get_label (record) : "";
}

/* Screen readers hear which stakeholders are selected, since the drawing
 * itself says nothing to them. */
static void
update_description (SmCanvas *self)
{
  g_autoptr(GPtrArray) people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  g_autoptr(GPtrArray) links = sm_selection_dup_records (self->selection, SM_RECORD_RELATIONSHIP);
  g_autofree char *text = NULL;
  guint            n = people->len + links->len;

  if (self->key_connect)
    text = g_strdup_printf (_("Connecting %s to %s. Press Enter to connect or Escape to cancel."),
                               name_of (self, self->connect_source), name_of (self, self->connect_target));
  else if (n == 0)
    text = g_strdup (_("Nothing selected"));
  else if (n == 1 && people->len == 1)
    {
      g_autofree char *what = describe_stakeholder (g_ptr_array_index (people, 0));

      text = g_strdup_printf (_("Selected: %s"), what);
    }
  else if (n == 1)
    {
      SmRecord *link = g_ptr_array_index (links, 0);

      text = g_strdup_printf (_("Selected: relationship from %s to %s"),
                                 name_of (self, sm_relationship_get_source (link)),
                                 name_of (self, sm_relationship_get_target (link)));
    }
  else if (links->len == 0)
    text = g_strdup_printf (ngettext ("%u stakeholder selected", "%u stakeholders selected", n), n);
  else
    text = g_strdup_printf (ngettext ("%u item selected", "%u items selected", n), n);

  if (g_strcmp0 (text, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* Naming in place */

static void
begin_editing (SmCanvas   *self,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_widget_set_visible (self->entry, TRUE);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts a new stakeholder at map point (x, y); it joins the map only when
 * it has a name, so adding it and naming it are one undo step. */
static void
begin_new (SmCanvas *self,
           double    x,
           double    y)
{
  g_autoptr(JsonObject) data = json_object_new ();

  if (!can_place (self))
    return;
  if (is_editing (self))
    stop_editing (self, TRUE, FALSE);

  json_object_set_string_member (data, "name", "");
  json_object_set_int_member (data, "x", (gint64) round (x));
  json_object_set_int_member (data, "y", (gint64) round (y));
  self->pending = sm_record_new (SM_RECORD_STAKEHOLDER, data);
  ensure_visible (self, round (x), round (y), 80);
  begin_editing (self, "");
}

static void
begin_rename (SmCanvas *self,
              SmRecord *stakeholder)
{
  const char *name;

  if (is_read_only (self) || stakeholder == NULL)
    return;
  if (is_editing (self))
    stop_editing (self, TRUE, FALSE);

  name = sm_stakeholder_get_name (stakeholder);
  self->editing_id = g_strdup (sm_record_get_id (stakeholder));
  sm_selection_select_only (self->selection, self->editing_id);
  begin_editing (self, name != NULL ? name : "");
}

static void
stop_editing (SmCanvas *self,
              gboolean  commit,
              gboolean  chain)
{
  g_autoptr(SmRecord) pending = NULL;
  g_autofree char *editing_id = NULL;
  g_autofree char *text = NULL;
  gboolean         added = FALSE;

  if (!is_editing (self))
    return;

  /* Leave the editing state first: moving the focus below ends up here
   * again through the entry's focus-leave handler. */
  pending = g_steal_pointer (&self->pending);
  editing_id = g_steal_pointer (&self->editing_id);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (commit && *text != '\0' && !is_read_only (self))
    {
      if (pending != NULL)
        {
          g_autoptr(JsonObject) data = json_object_new ();
          g_autofree char *id = sm_map_make_id (self->map, SM_RECORD_STAKEHOLDER);
          double           x = 0, y = 0;

          sm_stakeholder_get_position (pending, &x, &y);
          json_object_set_string_member (data, "id", id);
          json_object_set_string_member (data, "name", text);
          json_object_set_int_member (data, "x", (gint64) x);
          json_object_set_int_member (data, "y", (gint64) y);
          sm_history_break_merge (sm_document_get_history (self->document));
          sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_STAKEHOLDER, data));
          sm_selection_select_only (self->selection, id);
          set_string (&self->focus_id, NULL);
          self->have_last = TRUE;
          self->last_x = x;
          self->last_y = y;
          added = TRUE;
        }
      else
        {
          SmRecord *stakeholder = lookup_stakeholder (self, editing_id);

          if (stakeholder != NULL && g_strcmp0 (sm_stakeholder_get_name (stakeholder), text) != 0)
            sm_document_push (self->document, sm_command_new_set_string (stakeholder, "name", text));
        }
    }

  if (chain && added)
    {
      double x, y;

      /* The entry keeps the focus: the next name can be typed at once. */
      find_spot (self, &x, &y);
      begin_new (self, x, y);
      return;
    }

  if (gtk_widget_has_focus (self->entry) || gtk_widget_get_focus_child (GTK_WIDGET (self)) == self->entry)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
entry_activate_cb (SmCanvas *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* Enter on an empty name is how a run of additions ends. */
  if (self->pending != NULL && *stripped == '\0')
    stop_editing (self, FALSE, FALSE);
  else
    stop_editing (self, TRUE, self->pending != NULL);
}

static void
entry_leave_cb (SmCanvas *self)
{
  stop_editing (self, TRUE, FALSE);
}

static gboolean
entry_key_pressed_cb (SmCanvas       *self,
                      guint           keyval,
                      guint           keycode,
                      GdkModifierType state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  stop_editing (self, FALSE, FALSE);
  return TRUE;
}

/* Selection and editing commands */

static void
remember_focus (SmCanvas   *self,
                const char *id)
{
  set_string (&self->focus_id, id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
select_all (SmCanvas *self)
{
  SmCollection           *people = sm_map_get_stakeholders (self->map);
  guint                   n = sm_collection_get_size (people);
  g_autofree const char **ids = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = sm_record_get_id (sm_collection_get (people, i));
  sm_selection_set (self->selection, ids);
}

static void
delete_selection (SmCanvas *self)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *title = NULL;
  SmCommand       *group;
  guint            n;

  if (is_read_only (self))
    return;
  people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  links = sm_selection_dup_records (self->selection, SM_RECORD_RELATIONSHIP);
  n = people->len + links->len;
  if (n == 0)
    return;

  if (n == 1)
    title = NULL; /* the one removal names the step */
  else if (links->len == 0)
    title = g_strdup_printf (ngettext ("Delete %u Stakeholder", "Delete %u Stakeholders", n), n);
  else if (people->len == 0)
    title = g_strdup_printf (ngettext ("Delete %u Relationship", "Delete %u Relationships", n), n);
  else
    title = g_strdup_printf (ngettext ("Delete %u Item", "Delete %u Items", n), n);

  /* Relationships first: a stakeholder's removal takes its relationships
   * with it, and nothing may be removed twice. */
  group = sm_command_new_group (title);
  for (guint i = 0; i < links->len; i++)
    sm_command_group_add (group, sm_command_new_remove (self->map, g_ptr_array_index (links, i)));
  for (guint i = 0; i < people->len; i++)
    sm_command_group_add (group, sm_command_new_remove (self->map, g_ptr_array_index (people, i)));
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, group);
}

static gboolean
connect (SmCanvas   *self,
         const char *source,
         const char *target)
{
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *id = NULL;

  if (is_read_only (self) || source == NULL || target == NULL || strcmp (source, target) == 0 ||
      lookup_stakeholder (self, source) == NULL || lookup_stakeholder (self, target) == NULL)
    return FALSE;

  id = sm_map_make_id (self->map, SM_RECORD_RELATIONSHIP);
  data = json_object_new ();
  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "source", source);
  json_object_set_string_member (data, "target", target);
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_RELATIONSHIP, data));
  /* Selected, so the inspector shows the new relationship to describe it. */
  sm_selection_select_only (self->selection, id);
  return TRUE;
}

/* Moves the selected stakeholders by (dx, dy) map units; a run of these is
 * one undo step. */
static void
nudge (SmCanvas *self,
       double    dx,
       double    dy)
{
  g_autoptr(GPtrArray) people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  g_autoptr(GPtrArray) placed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *xs = g_new (double, people->len);
  g_autofree double *ys = g_new (double, people->len);

  for (guint i = 0; i < people->len; i++)
    {
      SmRecord *s = g_ptr_array_index (people, i);
      double    x, y;

      if (!sm_stakeholder_get_position (s, &x, &y))
        continue;
      xs[placed->len] = round (x + dx);
      ys[placed->len] = round (y + dy);
      g_ptr_array_add (placed, g_object_ref (s));
    }
  if (placed->len == 0)
    return;

  if (!self->nudging)
    {
      sm_history_break_merge (sm_document_get_history (self->document));
      self->nudging = TRUE;
    }
  sm_document_push (self->document, sm_move_command_new (placed, xs, ys));
  if (placed->len == 1)
    ensure_visible (self, xs[0], ys[0], 40);
}

static void
cycle (SmCanvas *self,
       gboolean  forward)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  guint         n = sm_collection_get_size (people);
  SmRecord     *current = lookup_stakeholder (self, sm_selection_get_primary (self->selection));
  SmRecord     *next;
  guint         position;
  double        x, y;

  if (n == 0)
    return;
  if (current != NULL && sm_collection_find (people, current, &position))
    position = forward ? (position + 1) % n : (position + n - 1) % n;
  else
    position = forward ? 0 : n - 1;

  next = sm_collection_get (people, position);
  sm_selection_select_only (self->selection, sm_record_get_id (next));
  remember_focus (self, sm_record_get_id (next));
  if (sm_renderer_get_position (self->renderer, next, &x, &y))
    ensure_visible (self, x, y, 60);
}

/* Connecting from the keyboard */

static void
update_key_connect_draft (SmCanvas *self)
{
  SmRecord *target = lookup_stakeholder (self, self->connect_target);
  double    x, y;

  if (target != NULL && sm_renderer_get_position (self->renderer, target, &x, &y))
    {
      self->draft_x = x;
      self->draft_y = y;
      ensure_visible (self, x, y, 60);
    }
  remember_focus (self, self->connect_target);
  update_description (self);
}

static void
stop_key_connect (SmCanvas *self)
{
  if (!self->key_connect)
    return;
  self->key_connect = FALSE;
  g_clear_pointer (&self->connect_source, g_free);
  g_clear_pointer (&self->connect_target, g_free);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_description (self);
}

/* The other stakeholder nearest @from in direction (dx, dy), or nearest at
 * all when both are 0. */
static SmRecord *
nearest (SmCanvas *self,
         SmRecord *from,
         double    dx,
         double    dy)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  const char   *source = self->connect_source;
  SmRecord     *best = NULL;
  double        fx, fy, best_score = G_MAXDOUBLE;

  if (!sm_renderer_get_position (self->renderer, from, &fx, &fy))
    return NULL;
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord *s = sm_collection_get (people, i);
      double    x, y, along, across, score;

      if (s == from || g_strcmp0 (sm_record_get_id (s), source) == 0 ||
          !sm_renderer_get_position (self->renderer, s, &x, &y))
        continue;
      if (dx == 0 && dy == 0)
        score = hypot (x - fx, y - fy);
      else
        {
          along = (x - fx) * dx + (y - fy) * dy;
          across = fabs ((x - fx) * dy - (y - fy) * dx);
          if (along <= 0)
            continue;
          /* Straight ahead beats nearer but off to one side. */
          score = along + 2 * across;
        }
      if (score < best_score)
        {
          best_score = score;
          best = s;
        }
    }
  return best;
}

static gboolean
start_key_connect (SmCanvas *self)
{
  g_autoptr(GPtrArray) people = NULL;
  SmRecord *source, *target;

  if (is_read_only (self) || is_editing (self))
    return FALSE;
  people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  if (people->len != 1)
    return FALSE;
  source = g_ptr_array_index (people, 0);
  target = nearest (self, source, 0, 0);
  if (target == NULL)
    return FALSE;

  stop_key_connect (self);
  self->key_connect = TRUE;
  self->connect_source = g_strdup (sm_record_get_id (source));
  self->connect_target = g_strdup (sm_record_get_id (target));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  update_key_connect_draft (self);
  return TRUE;
}

static void
key_connect_cycle (SmCanvas *self,
                   gboolean  forward)
{
  SmCollection *people = sm_map_get_stakeholders (self->map);
  SmRecord     *current = lookup_stakeholder (self, self->connect_target);
  guint         n = sm_collection_get_size (people);
  guint         position = 0;

  if (current == NULL || !sm_collection_find (people, current, &position))
    position = 0;
  for (guint step = 0; step < n; step++)
    {
      SmRecord *s;

      position = forward ? (position + 1) % n : (position + n - 1) % n;
      s = sm_collection_get (people, position);
      if (g_strcmp0 (sm_record_get_id (s), self->connect_source) != 0)
        {
          set_string (&self->connect_target, sm_record_get_id (s));
          break;
        }
    }
  update_key_connect_draft (self);
}

static void
key_connect_move (SmCanvas *self,
                  double    dx,
                  double    dy)
{
  SmRecord *current = lookup_stakeholder (self, self->connect_target);
  SmRecord *next = current != NULL ? nearest (self, current, dx, dy) : NULL;

  if (next != NULL)
    {
      set_string (&self->connect_target, sm_record_get_id (next));
      update_key_connect_draft (self);
    }
}

static gboolean
key_connect_key (SmCanvas       *self,
                 guint           keyval,
                 GdkModifierType state)
{
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      key_connect_cycle (self, (state & GDK_SHIFT_MASK) == 0);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      key_connect_cycle (self, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      key_connect_move (self, -1, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      key_connect_move (self, 1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      key_connect_move (self, 0, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      key_connect_move (self, 0, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      {
        g_autofree char *source = g_strdup (self->connect_source);
        g_autofree char *target = g_strdup (self->connect_target);

        stop_key_connect (self);
        connect (self, source, target);
        remember_focus (self, NULL);
        return TRUE;
      }
    case GDK_KEY_Escape:
      stop_key_connect (self);
      remember_focus (self, NULL);
      return TRUE;
    default:
      /* Anything else ends connecting and does what it always does. */
      stop_key_connect (self);
      return FALSE;
    }
}

/* Pointer: clicks */

/* Presses on the name entry are the entry's. */
static gboolean
in_entry (SmCanvas *self,
          double    x,
          double    y)
{
  graphene_rect_t bounds;

  return gtk_widget_get_visible (self->entry) &&
         gtk_widget_compute_bounds (self->entry, GTK_WIDGET (self), &bounds) &&
         graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y));
}

static void
canvas_press (SmCanvas       *self,
              int             n_press,
              double          x,
              double          y,
              GdkModifierType state)
{
  SmRecord *record;
  gboolean  rim;

  self->click_consumed = TRUE;
  if (in_entry (self, x, y))
    return;
  self->nudging = FALSE;
  self->pointer_x = x;
  self->pointer_y = y;
  /* Takes the focus from the name entry, which keeps what was typed. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  stop_editing (self, TRUE, FALSE);
  remember_focus (self, NULL);

  record = hit (self, x, y, &rim);

  if (self->key_connect)
    {
      g_autofree char *source = g_strdup (self->connect_source);

      stop_key_connect (self);
      if (record != NULL && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        connect (self, source, sm_record_get_id (record));
      self->mode = DRAG_CANCELLED;
      return;
    }

  self->click_consumed = FALSE;
  if (n_press == 2)
    {
      if (record == NULL)
        {
          double    mx, my;
          SmRecord *place;

          widget_to_map (self, x, y, &mx, &my);
          /* A space or decision in the Power Cube opens for editing. */
          place = sm_renderer_hit_place (self->renderer, mx, my);
          if (place != NULL)
            g_signal_emit (self, signals[SHOW_RECORD], 0, place);
          else
            begin_new (self, mx, my);
        }
      else if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER)
        begin_rename (self, record);
      return;
    }

  if (n_press != 1)
    return;

  /* An unselected stakeholder is selected at once, so that dragging it
   * moves it; a selected one keeps the selection in case the whole
   * selection is dragged, and is made the only one on release. */
  if (record != NULL && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0 &&
      !sm_selection_contains (self->selection, sm_record_get_id (record)))
    sm_selection_select_only (self->selection, sm_record_get_id (record));
}

static void
canvas_release (SmCanvas       *self,
                int             n_press,
                double          x,
                double          y,
                GdkModifierType state)
{
  SmRecord *record;

  if (n_press != 1 || self->dragged || self->click_consumed)
    return;

  record = hit (self, x, y, NULL);
  if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    {
      if (record != NULL)
        sm_selection_toggle (self->selection, sm_record_get_id (record));
    }
  else if (record != NULL)
    sm_selection_select_only (self->selection, sm_record_get_id (record));
  else
    sm_selection_clear (self->selection);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SmCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  canvas_press (self, n_press, x, y, state);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             SmCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  canvas_release (self, n_press, x, y, state);
}

/* Pointer: drags */

static void
clear_moving (SmCanvas *self)
{
  g_clear_pointer (&self->moving, g_ptr_array_unref);
  g_clear_pointer (&self->moving_x, g_free);
  g_clear_pointer (&self->moving_y, g_free);
  self->moved = FALSE;
}

static void
canvas_drag_begin (SmCanvas       *self,
                   double          x,
                   double          y,
                   GdkModifierType state)
{
  self->press_x = x;
  self->press_y = y;
  self->press_state = state;
  self->dragged = FALSE;
  g_clear_object (&self->press_hit);
  if (self->mode == DRAG_CANCELLED)
    return;
  if (in_entry (self, x, y))
    {
      self->mode = DRAG_CANCELLED;
      return;
    }
  self->mode = DRAG_PENDING;
  self->press_hit = hit (self, x, y, &self->press_rim);
  if (self->press_hit != NULL)
    g_object_ref (self->press_hit);
}

/* The drag has gone past the threshold: decide what it does. */
static void
start_drag (SmCanvas *self)
{
  SmRecord       *record = self->press_hit;
  GdkModifierType state = self->press_state;
  gboolean        on_stakeholder = record != NULL && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER &&
                            sm_record_get_map (record) == self->map;

  self->dragged = TRUE;
  self->nudging = FALSE;

  if (on_stakeholder && !is_read_only (self) && (self->press_rim || (state & GDK_ALT_MASK)))
    {
      self->mode = DRAG_CONNECT;
      set_string (&self->connect_source, sm_record_get_id (record));
      widget_to_map (self, self->press_x, self->press_y, &self->draft_x, &self->draft_y);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else if (on_stakeholder && can_place (self))
    {
      g_autoptr(GPtrArray) people = NULL;

      if (!sm_selection_contains (self->selection, sm_record_get_id (record)))
        {
          if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
            sm_selection_add (self->selection, sm_record_get_id (record));
          else
            sm_selection_select_only (self->selection, sm_record_get_id (record));
        }

      people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
      clear_moving (self);
      self->moving = g_ptr_array_new_with_free_func (g_object_unref);
      self->moving_x = g_new (double, people->len);
      self->moving_y = g_new (double, people->len);
      for (guint i = 0; i < people->len; i++)
        {
          SmRecord *s = g_ptr_array_index (people, i);
          double    sx, sy;

          if (!sm_stakeholder_get_position (s, &sx, &sy))
            continue;
          self->moving_x[self->moving->len] = sx;
          self->moving_y[self->moving->len] = sy;
          g_ptr_array_add (self->moving, g_object_ref (s));
        }
      self->mode = DRAG_MOVE;
      sm_history_break_merge (sm_document_get_history (self->document));
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  else if (state & GDK_SHIFT_MASK)
    {
      self->mode = DRAG_BAND;
      widget_to_map (self, self->press_x, self->press_y, &self->band_x0, &self->band_y0);
      self->band_x1 = self->band_x0;
      self->band_y1 = self->band_y0;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else
    {
      self->mode = DRAG_PAN;
      self->origin_view_x = self->view_x;
      self->origin_view_y = self->view_y;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
}

static void
canvas_drag_update (SmCanvas *self,
                    double    dx,
                    double    dy)
{
  int threshold = 8;

  self->pointer_x = self->press_x + dx;
  self->pointer_y = self->press_y + dy;

  if (self->mode == DRAG_PENDING)
    {
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
      if (hypot (dx, dy) < threshold)
        return;
      start_drag (self);
    }

  switch (self->mode)
    {
    case DRAG_PAN:
      set_view (self, self->scale, self->origin_view_x - dx / self->scale,
                self->origin_view_y - dy / self->scale);
      break;

    case DRAG_BAND:
      widget_to_map (self, self->pointer_x, self->pointer_y, &self->band_x1, &self->band_y1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_MOVE:
      {
        g_autofree double *xs = NULL;
        g_autofree double *ys = NULL;

        if (self->moving == NULL || self->moving->len == 0)
          break;
        for (guint i = 0; i < self->moving->len; i++)
          if (sm_record_get_map (g_ptr_array_index (self->moving, i)) != self->map)
            {
              /* Another view removed one of them (or undo did). */
              clear_moving (self);
              self->mode = DRAG_CANCELLED;
              return;
            }
        xs = g_new (double, self->moving->len);
        ys = g_new (double, self->moving->len);
        for (guint i = 0; i < self->moving->len; i++)
          {
            xs[i] = round (self->moving_x[i] + dx / self->scale);
            ys[i] = round (self->moving_y[i] + dy / self->scale);
          }
        sm_document_push (self->document, sm_move_command_new (self->moving, xs, ys));
        self->moved = TRUE;
      }
      break;

    case DRAG_CONNECT:
      {
        SmRecord *target;

        widget_to_map (self, self->pointer_x, self->pointer_y, &self->draft_x, &self->draft_y);
        target = hit (self, self->pointer_x, self->pointer_y, NULL);
        if (target != NULL && sm_record_get_kind (target) == SM_RECORD_STAKEHOLDER)
          set_string (&self->hover_id, sm_record_get_id (target));
        else
          set_string (&self->hover_id, NULL);
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_CANCELLED:
    default:
      break;
    }
}

static void
canvas_drag_end (SmCanvas *self,
                 double    dx,
                 double    dy)
{
  DragMode mode = self->mode;

  if (mode != DRAG_NONE && mode != DRAG_PENDING && mode != DRAG_CANCELLED)
    canvas_drag_update (self, dx, dy);
  self->mode = DRAG_NONE;

  switch (mode)
    {
    case DRAG_BAND:
      {
        g_autoptr(GPtrArray) inside = NULL;
        /* Copies: setting the selection frees the strings it holds. */
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
        const GPtrArray *before = sm_selection_get_ids (self->selection);

        inside = sm_renderer_stakeholders_in_rect (self->renderer,
                                                   MIN (self->band_x0, self->band_x1),
                                                   MIN (self->band_y0, self->band_y1),
                                                   fabs (self->band_x1 - self->band_x0),
                                                   fabs (self->band_y1 - self->band_y0));
        if (self->press_state & GDK_CONTROL_MASK)
          for (guint i = 0; i < before->len; i++)
            g_ptr_array_add (ids, g_strdup (g_ptr_array_index (before, i)));
        for (guint i = 0; i < inside->len; i++)
          g_ptr_array_add (ids, g_strdup (sm_record_get_id (g_ptr_array_index (inside, i))));
        g_ptr_array_add (ids, NULL);
        sm_selection_set (self->selection, (const char *const *) ids->pdata);
      }
      break;

    case DRAG_MOVE:
      sm_history_break_merge (sm_document_get_history (self->document));
      clear_moving (self);
      break;

    case DRAG_CONNECT:
      {
        SmRecord        *target = hit (self, self->pointer_x, self->pointer_y, NULL);
        g_autofree char *source = g_steal_pointer (&self->connect_source);

        set_string (&self->hover_id, NULL);
        if (target != NULL && sm_record_get_kind (target) == SM_RECORD_STAKEHOLDER)
          connect (self, source, sm_record_get_id (target));
      }
      break;

    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_PAN:
    case DRAG_CANCELLED:
    default:
      break;
    }

  g_clear_pointer (&self->connect_source, g_free);
  g_clear_object (&self->press_hit);
  if (!self->key_connect)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Escape during a drag puts things back as they were before it. */
static gboolean
cancel_drag (SmCanvas *self)
{
  switch (self->mode)
    {
    case DRAG_MOVE:
      if (self->moved)
        sm_history_undo (sm_document_get_history (self->document));
      clear_moving (self);
      break;
    case DRAG_PAN:
      set_view (self, self->scale, self->origin_view_x, self->origin_view_y);
      break;
    case DRAG_BAND:
    case DRAG_CONNECT:
      break;
    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_CANCELLED:
    default:
      return FALSE;
    }
  self->mode = DRAG_CANCELLED;
  g_clear_pointer (&self->connect_source, g_free);
  set_string (&self->hover_id, NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SmCanvas       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  canvas_drag_begin (self, x, y, state);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SmCanvas       *self)
{
  canvas_drag_update (self, dx, dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SmCanvas       *self)
{
  canvas_drag_end (self, dx, dy);
}

/* The middle button pans wherever it starts. */
static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              SmCanvas       *self)
{
  self->origin_view_x = self->view_x;
  self->origin_view_y = self->view_y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               SmCanvas       *self)
{
  set_view (self, self->scale, self->origin_view_x - dx / self->scale,
            self->origin_view_y - dy / self->scale);
}

static void
pan_end_cb (GtkGestureDrag *gesture,
            double          dx,
            double          dy,
            SmCanvas       *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* Pointer: hover, scroll, pinch */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SmCanvas                 *self)
{
  SmRecord   *record;
  gboolean    rim;
  const char *cursor;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->mode != DRAG_NONE || self->key_connect)
    return;

  record = hit (self, x, y, &rim);
  if (g_strcmp0 (self->hover_id, record != NULL ? sm_record_get_id (record) : NULL) != 0)
    {
      set_string (&self->hover_id, record != NULL ? sm_record_get_id (record) : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  if (record == NULL)
    cursor = NULL;
  else if (sm_record_get_kind (record) != SM_RECORD_STAKEHOLDER || is_read_only (self))
    cursor = "pointer";
  else if (rim)
    cursor = "crosshair";
  else if (!can_place (self))
    cursor = "pointer";
  else
    cursor = "grab";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          SmCanvas                 *self)
{
  if (self->hover_id != NULL && self->mode == DRAG_NONE)
    {
      set_string (&self->hover_id, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
canvas_scroll (SmCanvas       *self,
               double          dx,
               double          dy,
               gboolean        wheel,
               GdkModifierType state)
{
  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (wheel ? ZOOM_STEP : 1.01, -dy);

      zoom_around (self, self->scale * factor, self->pointer_x, self->pointer_y);
      return;
    }

  if (wheel)
    {
      dx *= WHEEL_PX;
      dy *= WHEEL_PX;
    }
  /* Mouse wheels have one axis: Shift turns it sideways. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  pan_by (self, dx, dy);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SmCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean        wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  canvas_scroll (self, dx, dy, wheel, state);
  return TRUE;
}

static void
pinch_begin (SmCanvas *self,
             double    x,
             double    y)
{
  self->pinch_scale = self->scale;
  self->pinch_x = x;
  self->pinch_y = y;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SmCanvas         *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  pinch_begin (self, x, y);
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        SmCanvas       *self)
{
  zoom_around (self, self->pinch_scale * scale, self->pinch_x, self->pinch_y);
}

/* Keyboard */

static gboolean
canvas_key (SmCanvas       *self,
            guint           keyval,
            GdkModifierType state)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean        ctrl = (mods & GDK_CONTROL_MASK) != 0;
  gboolean        shift = (mods & GDK_SHIFT_MASK) != 0;
  gboolean        plain = (mods & ~GDK_SHIFT_MASK) == 0;
  gboolean        arrow = FALSE;
  double          ax = 0, ay = 0;

  /* Keys the name entry did not take (Up, Down…) stay with it. */
  if (is_editing (self))
    {
      if (keyval == GDK_KEY_Escape)
        {
          stop_editing (self, FALSE, FALSE);
          return TRUE;
        }
      return FALSE;
    }

  if (keyval == GDK_KEY_Escape && cancel_drag (self))
    return TRUE;

  if (self->key_connect && key_connect_key (self, keyval, state))
    return TRUE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      ax = -1, arrow = TRUE;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      ax = 1, arrow = TRUE;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      ay = -1, arrow = TRUE;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      ay = 1, arrow = TRUE;
      break;
    default:
      break;
    }

  if (arrow && (mods & ~(GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
    {
      g_autoptr(GPtrArray) people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);

      if (!ctrl && people->len > 0 && can_place (self))
        {
          double step = (shift ? NUDGE_BIG_PX : NUDGE_PX) / self->scale;

          nudge (self, ax * MAX (round (step), 1), ay * MAX (round (step), 1));
        }
      else
        pan_by (self, ax * PAN_PX, ay * PAN_PX);
      return TRUE;
    }

  self->nudging = FALSE;

  if (ctrl && (mods & ~(GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          sm_canvas_zoom_in (self);
          return TRUE;
        case GDK_KEY_minus:
        case GDK_KEY_underscore:
        case GDK_KEY_KP_Subtract:
          sm_canvas_zoom_out (self);
          return TRUE;
        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          sm_canvas_zoom_reset (self);
          return TRUE;
        case GDK_KEY_a:
        case GDK_KEY_A:
          if (shift)
            return FALSE;
          select_all (self);
          return TRUE;
        default:
          /* Ctrl+Tab leaves the map, like in any widget that uses Tab. */
          return FALSE;
        }
    }

  if (!plain)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (sm_collection_get_size (sm_map_get_stakeholders (self->map)) == 0)
        return FALSE;
      cycle (self, keyval != GDK_KEY_ISO_Left_Tab && !shift);
      return TRUE;

    case GDK_KEY_Insert:
    case GDK_KEY_KP_Insert:
    case GDK_KEY_n:
    case GDK_KEY_N:
      if (is_read_only (self))
        return FALSE;
      sm_canvas_add_stakeholder (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_F2:
      {
        g_autoptr(GPtrArray) people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);

        if (people->len == 0 || is_read_only (self))
          return FALSE;
        /* The last selected stakeholder, even if a relationship came after. */
        begin_rename (self, g_ptr_array_index (people, people->len - 1));
        return TRUE;
      }

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (is_read_only (self) || sm_selection_get_size (self->selection) == 0)
        return FALSE;
      delete_selection (self);
      return TRUE;

    case GDK_KEY_c:
    case GDK_KEY_C:
      return sm_canvas_start_connect (self);

    case GDK_KEY_f:
    case GDK_KEY_F:
      sm_canvas_zoom_to_fit (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->focus_id == NULL && sm_selection_get_size (self->selection) == 0)
        return FALSE;
      remember_focus (self, NULL);
      sm_selection_clear (self->selection);
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SmCanvas              *self)
{
  return canvas_key (self, keyval, state);
}

static void
focus_leave_cb (SmCanvas *self)
{
  self->nudging = FALSE;
  stop_key_connect (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Model signals */

static void
map_changed_cb (SmCanvas *self)
{
  if (self->editing_id != NULL && lookup_stakeholder (self, self->editing_id) == NULL)
    stop_editing (self, FALSE, FALSE);
  if (self->key_connect &&
      (lookup_stakeholder (self, self->connect_source) == NULL ||
       lookup_stakeholder (self, self->connect_target) == NULL))
    stop_key_connect (self);
  if (self->hover_id != NULL && sm_map_lookup (self->map, self->hover_id) == NULL)
    set_string (&self->hover_id, NULL);
  if (self->focus_id != NULL && sm_map_lookup (self->map, self->focus_id) == NULL)
    set_string (&self->focus_id, NULL);

  if (is_editing (self))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_description (self);
}

static void
selection_changed_cb (SmCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_description (self);
}

static void
update_actions (SmCanvas *self)
{
  gboolean editable = !is_read_only (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-stakeholder", can_place (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.connect", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", editable);
  if (!editable)
    stop_editing (self, FALSE, FALSE);
}

/* GtkWidget */

static void
sm_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SmCanvas     *self = SM_CANVAS (widget);
  int           width = gtk_widget_get_width (widget);
  int           height = gtk_widget_get_height (widget);
  gboolean      dark = adw_style_manager_get_dark (self->style_manager);
  SmRenderState state = { 0 };
  SmViewport    viewport;
  cairo_t      *cr;

  if (width <= 0 || height <= 0)
    return;

  get_viewport (self, &viewport);
  state.flags = (self->show_legend ? SM_RENDER_LEGEND : 0) | (dark ? SM_RENDER_DARK : 0);
  state.selection = self->selection;
  state.highlight = self->highlight;
  state.marks = self->marks;
  state.hover_id = self->hover_id;
  state.focus_id = gtk_widget_has_focus (widget) ? self->focus_id : NULL;
  state.editing_id = self->editing_id;
  if (self->mode == DRAG_CONNECT || self->key_connect)
    {
      state.draft_source = self->connect_source;
      state.draft_x = self->draft_x;
      state.draft_y = self->draft_y;
    }
  if (self->mode == DRAG_BAND)
    {
      state.band = TRUE;
      state.band_x = MIN (self->band_x0, self->band_x1);
      state.band_y = MIN (self->band_y0, self->band_y1);
      state.band_width = fabs (self->band_x1 - self->band_x0);
      state.band_height = fabs (self->band_y1 - self->band_y0);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sm_renderer_draw (self->renderer, cr, &viewport, &state);

  /* The stakeholder being named is not in the map yet: mark its place. */
  if (self->pending != NULL)
    {
      double mx = 0, my = 0, x, y;
      double dashes[] = { 6, 4 };

      sm_stakeholder_get_position (self->pending, &mx, &my);
      map_to_widget (self, mx, my, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, sm_renderer_node_radius (self->pending) * self->scale, 0, 2 * G_PI);
      /* The Adwaita accent blue, lighter on dark. */
      if (dark)
        cairo_set_source_rgb (cr, 0.47, 0.68, 0.93);
      else
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  if (gtk_widget_get_visible (self->entry))
    gtk_widget_snapshot_child (widget, self->entry, snapshot);
}

static void
sm_canvas_measure (GtkWidget     *widget,
                   GtkOrientation orientation,
                   int            for_size,
                   int           *minimum,
                   int           *natural,
                   int           *minimum_baseline,
                   int           *natural_baseline)
{
  /* The map scrolls and zooms: any size will do; the entry is placed
   * over it, not beside it. */
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
sm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SmCanvas *self = SM_CANVAS (widget);
  SmRecord *record;

  /* A resized view keeps its centre on the same place of the map. */
  self->allocating = TRUE;
  if (self->last_width > 0 && self->last_height > 0 &&
      (width != self->last_width || height != self->last_height))
    set_view (self, self->scale,
              self->view_x + (self->last_width - width) / 2.0 / self->scale,
              self->view_y + (self->last_height - height) / 2.0 / self->scale);
  self->allocating = FALSE;
  self->last_width = width;
  self->last_height = height;

  if (!self->fitted && width > 0 && height > 0)
    {
      self->fitted = TRUE;
      self->allocating = TRUE;
      fit (self);
      self->allocating = FALSE;
    }

  record = self->pending != NULL ? self->pending : lookup_stakeholder (self, self->editing_id);
  if (record != NULL && gtk_widget_get_visible (self->entry))
    {
      double lx = 0, ly = 0, lw = 0, lh = 0, x0, y0, x1, y1;
      int    min_w, nat_w, min_h, nat_h, w, h;

      sm_renderer_get_label_rect (self->renderer, record, &lx, &ly, &lw, &lh);
      map_to_widget (self, lx, ly, &x0, &y0);
      map_to_widget (self, lx + lw, ly + lh, &x1, &y1);
      gtk_widget_measure (self->entry, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = MAX (MAX (min_w, ENTRY_MIN_PX), (int) (x1 - x0));
      gtk_widget_measure (self->entry, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      h = MAX (min_h, nat_h);
      gtk_widget_size_allocate (self->entry,
                                &(GtkAllocation){
                                    .x = (int) round ((x0 + x1) / 2 - w / 2.0),
                                    .y = (int) round ((y0 + y1) / 2 - h / 2.0),
                                    .width = w,
                                    .height = h,
                                },
                                -1);
    }
}

static void
sm_canvas_dispose (GObject *object)
{
  SmCanvas *self = (SmCanvas *) object;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->style_manager, self);
  /* Not editing any more, so the entry leaving commits nothing. */
  g_clear_object (&self->pending);
  g_clear_pointer (&self->editing_id, g_free);
  g_clear_pointer (&self->entry, gtk_widget_unparent);
  clear_moving (self);
  g_clear_object (&self->press_hit);
  g_clear_object (&self->renderer);
  g_clear_object (&self->selection);
  g_clear_object (&self->map);
  g_clear_object (&self->document);
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);

  G_OBJECT_CLASS (sm_canvas_parent_class)->dispose (object);
}

static void
sm_canvas_finalize (GObject *object)
{
  SmCanvas *self = (SmCanvas *) object;

  g_free (self->hover_id);
  g_free (self->focus_id);
  g_free (self->connect_source);
  g_free (self->connect_target);
  g_free (self->description);

  G_OBJECT_CLASS (sm_canvas_parent_class)->finalize (object);
}

static void
sm_canvas_constructed (GObject *object)
{
  SmCanvas *self = (SmCanvas *) object;

  G_OBJECT_CLASS (sm_canvas_parent_class)->constructed (object);

  g_assert (SM_IS_DOCUMENT (self->document));
  self->map = g_object_ref (sm_document_get_map (self->document));
  self->selection = g_object_ref (sm_document_get_selection (self->document));
  self->renderer = sm_renderer_new (self->map);

  g_signal_connect_swapped (self->map, "changed", G_CALLBACK (map_changed_cb), self);
  g_signal_connect_swapped (self->map, "notify::read-only", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (selection_changed_cb), self);
  update_actions (self);
  update_description (self);
}

static void
sm_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SmCanvas *self = SM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->scale);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_ARRANGEMENT:
      g_value_set_string (value, sm_arrangement_to_string (sm_renderer_get_arrangement (self->renderer)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SmCanvas *self = SM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_SHOW_LEGEND:
      if (self->show_legend != g_value_get_boolean (value))
        {
          self->show_legend = g_value_get_boolean (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ARRANGEMENT:
      sm_canvas_set_arrangement (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_stakeholder_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sm_canvas_add_stakeholder (SM_CANVAS (widget));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sm_canvas_start_connect (SM_CANVAS (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  delete_selection (SM_CANVAS (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SmCanvas *self = SM_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    sm_canvas_zoom_in (self);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    sm_canvas_zoom_out (self);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    sm_canvas_zoom_reset (self);
  else
    sm_canvas_zoom_to_fit (self);
}

static void
sm_canvas_class_init (SmCanvasClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_canvas_constructed;
  object_class->dispose = sm_canvas_dispose;
  object_class->finalize = sm_canvas_finalize;
  object_class->get_property = sm_canvas_get_property;
  object_class->set_property = sm_canvas_set_property;

  widget_class->snapshot = sm_canvas_snapshot;
  widget_class->measure = sm_canvas_measure;
  widget_class->size_allocate = sm_canvas_size_allocate;

  properties[PROP_DOCUMENT] =
      g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Device pixels per map unit, for a zoom level label. */
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The legend explains shapes, colours and lines; people who know them
   * can give its corner back to the map. */
  properties[PROP_SHOW_LEGEND] =
      g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "map", "power-interest", "ladder" or "power-cube": how stakeholders
   * are laid out. */
  properties[PROP_ARRANGEMENT] =
      g_param_spec_string ("arrangement", NULL, NULL, "map",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SmCanvas::show-record:
   * @record: a space or a decision
   *
   * A space's card or a decision's line in the Power Cube was
   * double-clicked: the window shows it where it can be edited.
   */
  signals[SHOW_RECORD] = g_signal_new ("show-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, SM_TYPE_RECORD);

  gtk_widget_class_install_action (widget_class, "canvas.add-stakeholder", NULL, add_stakeholder_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);

  gtk_widget_class_set_css_name (widget_class, "stakemap-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sm_canvas_init (SmCanvas *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkGesture         *gesture;
  GtkEventController *controller;

  self->scale = 1.0;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map"), -1);

  self->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Name"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 12);
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stakeholder name"), -1);
  gtk_widget_set_parent (self->entry, widget);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (entry_leave_cb), self);
  gtk_widget_add_controller (self->entry, controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (widget, controller);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw), self);
}

/* Public API */

GtkWidget *
sm_canvas_new (SmDocument *document)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);
  return g_object_new (SM_TYPE_CANVAS, "document", document, NULL);
}

SmDocument *
sm_canvas_get_document (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return self->document;
}

/* Lays the stakeholders out as the map has them ("map"), on the
 * power–interest grid ("power-interest"), on the ladder ("ladder") or in
 * the Power Cube ("power-cube"), and fits the view to it. Only the map can
 * be rearranged by dragging. */
void
sm_canvas_set_arrangement (SmCanvas   *self,
                           const char *name)
{
  SmArrangement arrangement;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (!sm_arrangement_from_string (name, &arrangement))
    {
      g_warning ("Unknown arrangement “%s”", name);
      return;
    }
  if (arrangement == sm_renderer_get_arrangement (self->renderer))
    return;
  stop_editing (self, TRUE, FALSE);
  stop_key_connect (self);
  if (self->mode != DRAG_NONE)
    self->mode = DRAG_CANCELLED;
  clear_moving (self);
  sm_renderer_set_arrangement (self->renderer, arrangement);
  update_actions (self);
  sm_canvas_zoom_to_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARRANGEMENT]);
}

const char *
sm_canvas_get_arrangement (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return sm_arrangement_to_string (sm_renderer_get_arrangement (self->renderer));
}

/* Starts a new stakeholder at a free spot near the last one added (or the
 * middle of the view) and focuses its name entry. */
void
sm_canvas_add_stakeholder (SmCanvas *self)
{
  double x, y;

  g_return_if_fail (SM_IS_CANVAS (self));

  if (!can_place (self))
    return;
  if (is_editing (self))
    stop_editing (self, TRUE, FALSE);
  find_spot (self, &x, &y);
  begin_new (self, x, y);
}

/* Connects the one selected stakeholder to another chosen with Tab or the
 * arrows; FALSE when there is not exactly one stakeholder selected, or no
 * other to connect it to. */
gboolean
sm_canvas_start_connect (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), FALSE);

  if (!start_key_connect (self))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

void
sm_canvas_zoom_in (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  zoom_around_centre (self, self->scale * ZOOM_STEP);
}

void
sm_canvas_zoom_out (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  zoom_around_centre (self, self->scale / ZOOM_STEP);
}

void
sm_canvas_zoom_reset (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));
  zoom_around_centre (self, 1.0);
}

void
sm_canvas_zoom_to_fit (SmCanvas *self)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  /* Not allocated yet: fit when it is. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->fitted = FALSE;
      return;
    }
  fit (self);
}

/* Device pixels per map unit: 1.0 is 100 %. */
double
sm_canvas_get_zoom (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), 1.0);
  return self->scale;
}

/**
 * sm_canvas_set_highlight:
 * @ids: (nullable): a set of record ids (const char *) to emphasise, such
 *   as a finding's evidence; %NULL for none
 */
void
sm_canvas_set_highlight (SmCanvas   *self,
                         GHashTable *ids)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  if (ids == self->highlight)
    return;
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  if (ids != NULL)
    self->highlight = g_hash_table_ref (ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_canvas_set_marks:
 * @marks: (nullable): stakeholder id → SmMarks, from
 *   sm_render_marks_from_evaluation(); NULL for none
 *
 * Draws the evaluation's findings on the map: a halo with words around
 * people with few or no ties, gatekeepers and people who rely on others.
 */
void
sm_canvas_set_marks (SmCanvas   *self,
                     GHashTable *marks)
{
  g_return_if_fail (SM_IS_CANVAS (self));

  if (marks == self->marks)
    return;
  g_clear_pointer (&self->marks, g_hash_table_unref);
  if (marks != NULL)
    self->marks = g_hash_table_ref (marks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GHashTable *
sm_canvas_get_marks (SmCanvas *self)
{
  g_return_val_if_fail (SM_IS_CANVAS (self), NULL);
  return self->marks;
}

/* For tests */

/* The ids emphasised as evidence, or NULL. */
GHashTable *
sm_canvas_test_get_highlight (SmCanvas *self)
{
  return self->highlight;
}

void
sm_canvas_test_click (SmCanvas       *self,
                      double          x,
                      double          y,
                      guint           n_press,
                      GdkModifierType state)
{
  /* A click is a drag that never passes the threshold, as in the gestures. */
  canvas_drag_begin (self, x, y, state);
  canvas_press (self, n_press, x, y, state);
  canvas_drag_end (self, 0, 0);
  canvas_release (self, n_press, x, y, state);
}

void
sm_canvas_test_drag (SmCanvas       *self,
                     double          x0,
                     double          y0,
                     double          x1,
                     double          y1,
                     GdkModifierType state)
{
  canvas_drag_begin (self, x0, y0, state);
  canvas_press (self, 1, x0, y0, state);
  for (guint i = 1; i <= 4; i++)
    canvas_drag_update (self, (x1 - x0) * i / 4, (y1 - y0) * i / 4);
  canvas_drag_end (self, x1 - x0, y1 - y0);
  /* The click gesture stops when the pointer moves: no release. */
}

gboolean
sm_canvas_test_key (SmCanvas       *self,
                    guint           keyval,
                    GdkModifierType state)
{
  return canvas_key (self, keyval, state);
}

void
sm_canvas_test_scroll (SmCanvas       *self,
                       double          x,
                       double          y,
                       double          dx,
                       double          dy,
                       GdkModifierType state)
{
  self->pointer_x = x;
  self->pointer_y = y;
  canvas_scroll (self, dx, dy, TRUE, state);
}

void
sm_canvas_test_pinch (SmCanvas *self,
                      double    x,
                      double    y,
                      double    scale)
{
  pinch_begin (self, x, y);
  zoom_around (self, self->pinch_scale * scale, self->pinch_x, self->pinch_y);
}

GtkWidget *
sm_canvas_test_get_entry (SmCanvas *self)
{
  return self->entry;
}

const char *
sm_canvas_test_get_description (SmCanvas *self)
{
  return self->description;
}

void
sm_canvas_test_map_to_widget (SmCanvas *self,
                              double    map_x,
                              double    map_y,
                              double   *x,
                              double   *y)
{
  map_to_widget (self, map_x, map_y, x, y);
}

void
sm_canvas_test_widget_to_map (SmCanvas *self,
                              double    x,
                              double    y,
                              double   *map_x,
                              double   *map_y)
{
  widget_to_map (self, x, y, map_x, map_y);
}

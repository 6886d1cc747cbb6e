/* test-canvas.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sm-canvas-private.h"
#include "sm-format.h"
#include "sm-render.h"
#include "sm-ui-test-utils.h"

/* The map canvas as a facilitator uses it: typing names in, selecting,
 * dragging, connecting, deleting, the keyboard, zoom, and a read-only map.
 * GTK 4 cannot synthesise input, so the tests call the code the gestures
 * and the key controller call (sm-canvas-private.h), on a canvas shown in a
 * window of known size. */

#define THREE                                                                 \
  "{\"format\":\"stakemap\",\"version\":%d,\"map\":{\"title\":\"Air\"},"      \
  "\"stakeholders\":["                                                        \
  "{\"id\":\"a\",\"name\":\"Ann\",\"kind\":\"service_user\",\"influence\":3," \
  "\"x\":0,\"y\":0},"                                                         \
  "{\"id\":\"b\",\"name\":\"Bea\",\"x\":300,\"y\":0},"                        \
  "{\"id\":\"c\",\"name\":\"Cy\",\"x\":150,\"y\":250}],"                      \
  "\"relationships\":[{\"id\":\"r\",\"source\":\"a\",\"target\":\"b\"}]}"

#define EMPTY "{\"format\":\"stakemap\",\"version\":1}"

typedef struct
{
  SmMap       *map;
  SmDocument  *document;
  SmHistory   *history;
  SmSelection *selection;
  GtkWidget   *window;
  SmCanvas    *canvas;
  SmRenderer  *renderer; /* the canvas's geometry, for finding things on screen */
} Fixture;

static void
wait_for (Fixture *fixture,
          gboolean (*done) (Fixture *))
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
canvas_allocated (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->canvas);

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Lets GTK lay out and draw what the last step changed. */
static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
setup_with (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  fixture->map = sm_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  fixture->document = sm_document_new (fixture->map, NULL);
  fixture->history = sm_document_get_history (fixture->document);
  fixture->selection = sm_document_get_selection (fixture->document);
  fixture->renderer = sm_renderer_new (fixture->map);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  fixture->canvas = SM_CANVAS (sm_canvas_new (fixture->document));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->canvas));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for (fixture, canvas_allocated);
  settle ();
  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));
}

static void
setup_three (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *text = g_strdup_printf (THREE, 1);

  setup_with (fixture, text);
}

static void
setup_read_only (Fixture      *fixture,
                 gconstpointer data)
{
  g_autofree char *text = g_strdup_printf (THREE, 2);

  setup_with (fixture, text);
  g_assert_true (sm_document_get_read_only (fixture->document));
}

static void
setup_empty (Fixture      *fixture,
             gconstpointer data)
{
  setup_with (fixture, EMPTY);
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();
  g_clear_object (&fixture->renderer);
  g_assert_finalize_object (fixture->document);
  g_assert_finalize_object (fixture->map);
}

static SmRecord *
get (Fixture    *fixture,
     const char *id)
{
  return sm_map_lookup (fixture->map, id);
}

/* Where stakeholder @id is on screen. */
static void
at (Fixture    *fixture,
    const char *id,
    double     *x,
    double     *y)
{
  double mx, my;

  g_assert_true (sm_stakeholder_get_position (get (fixture, id), &mx, &my));
  _sm_canvas_test_map_to_widget (fixture->canvas, mx, my, x, y);
}

static void
position (Fixture    *fixture,
          const char *id,
          double     *x,
          double     *y)
{
  g_assert_true (sm_stakeholder_get_position (get (fixture, id), x, y));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The selected ids, sorted, joined by commas. */
static char *
selected (Fixture *fixture)
{
  const GPtrArray *ids = sm_selection_get_ids (fixture->selection);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (ids, i));
  g_ptr_array_sort (sorted, compare_ids);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv (",", (char **) sorted->pdata);
}

static guint
n_stakeholders (Fixture *fixture)
{
  return sm_collection_get_size (sm_map_get_stakeholders (fixture->map));
}

static guint
n_relationships (Fixture *fixture)
{
  return sm_collection_get_size (sm_map_get_relationships (fixture->map));
}

static void
assert_undo_title (Fixture    *fixture,
                   const char *title)
{
  g_autofree char *undo = sm_history_dup_undo_title (fixture->history);

  g_assert_cmpstr (undo, ==, title);
}

static gboolean
entry_has_focus (Fixture *fixture)
{
  GtkWidget *entry = _sm_canvas_test_get_entry (fixture->canvas);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static void
type_name (Fixture    *fixture,
           const char *name)
{
  GtkWidget *entry = _sm_canvas_test_get_entry (fixture->canvas);

  g_assert_true (gtk_widget_get_visible (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
  settle ();
}

static SmRecord *
stakeholder_named (Fixture    *fixture,
                   const char *name)
{
  SmCollection *people = sm_map_get_stakeholders (fixture->map);

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    if (g_strcmp0 (sm_stakeholder_get_name (sm_collection_get (people, i)), name) == 0)
      return sm_collection_get (people, i);
  return NULL;
}

static void
test_add_by_typing (Fixture      *fixture,
                    gconstpointer data)
{
  const char *names[] = { "Amina Yusuf", "Council housing team", "Tenants' association" };
  GtkWidget  *entry = _sm_canvas_test_get_entry (fixture->canvas);

  sm_canvas_add_stakeholder (fixture->canvas);
  settle ();
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_true (entry_has_focus (fixture));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 0);

  /* Enter adds and at once offers the next one. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      type_name (fixture, names[i]);
      g_assert_cmpuint (n_stakeholders (fixture), ==, i + 1);
      g_assert_true (gtk_widget_get_visible (entry));
      g_assert_true (entry_has_focus (fixture));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    }

  /* The entry sits over where the name will be drawn. */
  {
    SmRecord       *last = stakeholder_named (fixture, names[2]);
    graphene_rect_t bounds;
    double          lx, ly, lw, lh, x0, y0, x1, y1;

    sm_renderer_get_label_rect (fixture->renderer, last, &lx, &ly, &lw, &lh);
    _sm_canvas_test_map_to_widget (fixture->canvas, lx, ly, &x0, &y0);
    _sm_canvas_test_map_to_widget (fixture->canvas, lx + lw, ly + lh, &x1, &y1);
    /* …for the stakeholder after it, which is elsewhere. */
    g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (fixture->canvas), &bounds));
    g_assert_cmpfloat (bounds.size.width, >=, 100);
    g_assert_true (bounds.origin.x >= 0 && bounds.origin.y >= 0);
    g_assert_true (bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (fixture->canvas)));
    g_assert_false (fabs ((bounds.origin.x + bounds.size.width / 2) - (x0 + x1) / 2) < 1 &&
                    fabs ((bounds.origin.y + bounds.size.height / 2) - (y0 + y1) / 2) < 1);
  }

  /* Enter on an empty name stops. */
  type_name (fixture, "");
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (fixture->canvas));

  /* Each landed in a place of its own, in view. */
  for (guint i = 0; i < 3; i++)
    for (guint j = i + 1; j < 3; j++)
      {
        SmRecord *p = stakeholder_named (fixture, names[i]);
        SmRecord *q = stakeholder_named (fixture, names[j]);
        double    px, py, qx, qy;

        g_assert_true (sm_stakeholder_get_position (p, &px, &py));
        g_assert_true (sm_stakeholder_get_position (q, &qx, &qy));
        g_assert_cmpfloat (hypot (px - qx, py - qy), >, 2 * sm_renderer_node_radius (p) + 40);
      }
  for (guint i = 0; i < 3; i++)
    {
      double mx, my, x, y;

      sm_stakeholder_get_position (stakeholder_named (fixture, names[i]), &mx, &my);
      _sm_canvas_test_map_to_widget (fixture->canvas, mx, my, &x, &y);
      g_assert_true (x > 0 && y > 0 && x < 800 && y < 600);
    }

  /* Three steps, each adding one named stakeholder. */
  assert_undo_title (fixture, "Add Stakeholder");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_null (stakeholder_named (fixture, names[2]));
  g_assert_nonnull (stakeholder_named (fixture, names[1]));
  assert_undo_title (fixture, "Add Stakeholder");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 0);
  g_assert_false (sm_history_can_undo (fixture->history));
}

static void
test_escape_cancels (Fixture      *fixture,
                     gconstpointer data)
{
  GtkWidget *entry = _sm_canvas_test_get_entry (fixture->canvas);
  double     mx, my;
  SmRecord  *dee;
  double     dx, dy;

  /* An empty new stakeholder is not kept. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Insert, 0));
  settle ();
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 0);
  g_assert_false (sm_history_can_undo (fixture->history));

  /* Nor is a typed one: Escape means "not this". */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_n, 0));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Zed");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 0);

  /* Double-click on empty space adds right there. */
  _sm_canvas_test_click (fixture->canvas, 200, 150, 1, 0);
  _sm_canvas_test_click (fixture->canvas, 200, 150, 2, 0);
  settle ();
  g_assert_true (entry_has_focus (fixture));
  type_name (fixture, "Dee");
  dee = stakeholder_named (fixture, "Dee");
  g_assert_nonnull (dee);
  _sm_canvas_test_widget_to_map (fixture->canvas, 200, 150, &mx, &my);
  g_assert_true (sm_stakeholder_get_position (dee, &dx, &dy));
  g_assert_cmpfloat (fabs (dx - mx), <=, 1);
  g_assert_cmpfloat (fabs (dy - my), <=, 1);
  g_assert_true (sm_selection_contains (fixture->selection, sm_record_get_id (dee)));

  /* Escape on the one offered next leaves Dee alone. */
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 1);

  /* Clicking elsewhere keeps a typed name. */
  sm_canvas_add_stakeholder (fixture->canvas);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Eve");
  _sm_canvas_test_click (fixture->canvas, 700, 550, 1, 0);
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_nonnull (stakeholder_named (fixture, "Eve"));
}

static void
test_rename (Fixture      *fixture,
             gconstpointer data)
{
  GtkWidget *entry = _sm_canvas_test_get_entry (fixture->canvas);
  double     x, y;

  at (fixture, "a", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Return, 0));
  settle ();
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Ann");

  /* The entry sits where the name is drawn, and takes the typing. */
  {
    graphene_rect_t bounds;
    double          lx, ly, lw, lh, x0, y0, x1, y1;

    g_assert_true (entry_has_focus (fixture));
    sm_renderer_get_label_rect (fixture->renderer, get (fixture, "a"), &lx, &ly, &lw, &lh);
    _sm_canvas_test_map_to_widget (fixture->canvas, lx, ly, &x0, &y0);
    _sm_canvas_test_map_to_widget (fixture->canvas, lx + lw, ly + lh, &x1, &y1);
    g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (fixture->canvas), &bounds));
    g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width / 2 - (x0 + x1) / 2), <=, 1);
    g_assert_cmpfloat (fabs (bounds.origin.y + bounds.size.height / 2 - (y0 + y1) / 2), <=, 1);
    g_assert_cmpfloat (bounds.size.width, >=, x1 - x0 - 1);
  }
  type_name (fixture, "Anne");
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_cmpstr (sm_stakeholder_get_name (get (fixture, "a")), ==, "Anne");
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
  assert_undo_title (fixture, "Rename Stakeholder");

  /* Double-click renames too; Escape keeps the name. */
  at (fixture, "b", &x, &y);
  _sm_canvas_test_click (fixture->canvas, x, y, 2, 0);
  g_assert_true (gtk_widget_get_visible (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Nobody");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_cmpstr (sm_stakeholder_get_name (get (fixture, "b")), ==, "Bea");

  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpstr (sm_stakeholder_get_name (get (fixture, "a")), ==, "Ann");
}

static void
test_select (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *toggled = NULL;
  g_autofree char *none = NULL;
  g_autofree char *band = NULL;
  double           ax, ay, bx, by, cx, cy;

  at (fixture, "a", &ax, &ay);
  at (fixture, "b", &bx, &by);
  at (fixture, "c", &cx, &cy);

  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  one = selected (fixture);
  g_assert_cmpstr (one, ==, "a");
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==,
                   "Selected: Ann, service user, influence 3");

  _sm_canvas_test_click (fixture->canvas, bx, by, 1, GDK_CONTROL_MASK);
  two = selected (fixture);
  g_assert_cmpstr (two, ==, "a,b");
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==, "2 stakeholders selected");

  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, GDK_SHIFT_MASK);
  toggled = selected (fixture);
  g_assert_cmpstr (toggled, ==, "b");

  /* Empty space clears. */
  _sm_canvas_test_click (fixture->canvas, ax, cy + 90, 1, 0);
  none = selected (fixture);
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==, "Nothing selected");

  /* Shift+drag bands a and b, not c below them. */
  _sm_canvas_test_drag (fixture->canvas, ax - 40, ay - 40, bx + 40, (ay + cy) / 2, GDK_SHIFT_MASK);
  band = selected (fixture);
  g_assert_cmpstr (band, ==, "a,b");

  /* Shift+Ctrl+drag adds c. */
  _sm_canvas_test_drag (fixture->canvas, (ax + cx) / 2, cy - 30, cx + (cx - ax) / 2, cy + 30,
                        GDK_SHIFT_MASK | GDK_CONTROL_MASK);
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 3);

  /* A plain drag on empty space pans and leaves the selection alone. */
  _sm_canvas_test_drag (fixture->canvas, ax, cy + 90, ax + 50, cy + 120, 0);
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 3);
  {
    double nx, ny;

    at (fixture, "a", &nx, &ny);
    g_assert_cmpfloat (fabs (nx - (ax + 50)), <, 0.01);
    g_assert_cmpfloat (fabs (ny - (ay + 30)), <, 0.01);
  }
  g_assert_false (sm_history_can_undo (fixture->history));
}

static void
test_select_relationship (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *picked = NULL;
  double           ax, ay, bx, by;
  SmRecord        *line;

  at (fixture, "a", &ax, &ay);
  at (fixture, "b", &bx, &by);
  line = sm_renderer_hit (fixture->renderer, 150, 0, 4);
  if (line == NULL)
    {
      g_test_skip ("the renderer does not hit relationships");
      return;
    }
  _sm_canvas_test_click (fixture->canvas, (ax + bx) / 2, (ay + by) / 2, 1, 0);
  picked = selected (fixture);
  g_assert_cmpstr (picked, ==, "r");
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==,
                   "Selected: relationship from Ann to Bea");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_relationships (fixture), ==, 0);
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
}

static void
test_drag_moves (Fixture      *fixture,
                 gconstpointer data)
{
  double ax, ay, bx, by, x, y, scale = sm_canvas_get_zoom (fixture->canvas);

  at (fixture, "a", &ax, &ay);
  at (fixture, "b", &bx, &by);
  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  _sm_canvas_test_click (fixture->canvas, bx, by, 1, GDK_CONTROL_MASK);

  /* Dragging one selected stakeholder moves the whole selection. */
  _sm_canvas_test_drag (fixture->canvas, ax, ay, ax + 40, ay + 30, 0);
  position (fixture, "a", &x, &y);
  g_assert_cmpfloat (fabs (x - 40 / scale), <=, 1);
  g_assert_cmpfloat (fabs (y - 30 / scale), <=, 1);
  position (fixture, "b", &x, &y);
  g_assert_cmpfloat (fabs (x - (300 + 40 / scale)), <=, 1);
  g_assert_cmpfloat (fabs (y - 30 / scale), <=, 1);
  position (fixture, "c", &x, &y);
  g_assert_cmpfloat (x, ==, 150);
  g_assert_cmpfloat (y, ==, 250);

  /* One step, and undo puts everyone back. */
  assert_undo_title (fixture, "Move 2 Stakeholders");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_false (sm_history_can_undo (fixture->history));
  position (fixture, "a", &x, &y);
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat (y, ==, 0);
  position (fixture, "b", &x, &y);
  g_assert_cmpfloat (x, ==, 300);
  g_assert_cmpfloat (y, ==, 0);
  g_assert_true (sm_history_redo (fixture->history));
  position (fixture, "b", &x, &y);
  g_assert_cmpfloat (fabs (x - (300 + 40 / scale)), <=, 1);
  g_assert_true (sm_history_undo (fixture->history));

  /* An unselected stakeholder moves alone, and becomes the selection. */
  {
    g_autofree char *only = NULL;
    double           cx, cy;

    at (fixture, "c", &cx, &cy);
    _sm_canvas_test_drag (fixture->canvas, cx, cy, cx - 20, cy + 10, 0);
    only = selected (fixture);
    g_assert_cmpstr (only, ==, "c");
    position (fixture, "a", &x, &y);
    g_assert_cmpfloat (x, ==, 0);
    assert_undo_title (fixture, "Move 1 Stakeholder");
  }

  /* Two drags are two steps. */
  at (fixture, "c", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 20, y, 0);
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_true (sm_history_undo (fixture->history));
  position (fixture, "c", &x, &y);
  g_assert_cmpfloat (x, ==, 150);
  g_assert_cmpfloat (y, ==, 250);
}

/* In every arrangement but the map (power and interest, the ladder, the
 * Power Cube and any added to the list) positions are computed: a click
 * selects what is drawn there, a drag moves nothing and pushes nothing,
 * and the map's own positions stay as they were. */
static void
test_arrangement_no_drag (Fixture      *fixture,
                          gconstpointer data)
{
  const SmArrangementInfo *const *arrangements;
  guint                           n_arrangements, n_tried = 0;
  double                          x, y, mx, my;

  arrangements = sm_arrangements_get_all (&n_arrangements);
  for (guint i = 0; i < n_arrangements; i++)
    {
      const char *id = sm_arrangement_info_get_id (arrangements[i]);

      if (g_str_equal (id, "map"))
        continue;
      n_tried++;
      g_object_set (fixture->canvas, "arrangement", id, NULL);
      g_assert_cmpstr (sm_canvas_get_arrangement (fixture->canvas), ==, id);
      settle ();
      sm_renderer_set_arrangement_info (fixture->renderer, arrangements[i]);

      /* Ann is drawn at her computed place, and a click there selects her. */
      g_assert_true (sm_renderer_get_position (fixture->renderer, get (fixture, "a"), &mx, &my));
      _sm_canvas_test_map_to_widget (fixture->canvas, mx, my, &x, &y);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, 800);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, 600);
      _sm_canvas_test_click (fixture->canvas, x, y, 1, 0);
      {
        g_autofree char *only = selected (fixture);

        g_assert_cmpstr (only, ==, "a");
      }

      _sm_canvas_test_drag (fixture->canvas, x, y, x + 60, y + 40, 0);
      g_assert_false (sm_history_can_undo (fixture->history));
      g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
      g_assert_false (sm_history_can_undo (fixture->history));
      /* Nor is a stakeholder added at a computed place. */
      _sm_canvas_test_click (fixture->canvas, 5, 5, 1, 0);
      _sm_canvas_test_click (fixture->canvas, 5, 5, 2, 0);
      g_assert_false (sm_history_can_undo (fixture->history));
      g_assert_false (gtk_widget_get_visible (_sm_canvas_test_get_entry (fixture->canvas)));

      position (fixture, "a", &x, &y);
      g_assert_cmpfloat (x, ==, 0);
      g_assert_cmpfloat (y, ==, 0);
      position (fixture, "b", &x, &y);
      g_assert_cmpfloat (x, ==, 300);
      g_assert_cmpfloat (y, ==, 0);
    }

  g_assert_cmpuint (n_tried, >=, 3);

  /* Back on the map, dragging moves again. */
  g_object_set (fixture->canvas, "arrangement", "map", NULL);
  settle ();
  at (fixture, "c", &x, &y);
  _sm_canvas_test_drag (fixture->canvas, x, y, x + 20, y, 0);
  g_assert_true (sm_history_can_undo (fixture->history));
}

static void
test_drag_connects (Fixture      *fixture,
                    gconstpointer data)
{
  double    ax, ay, bx, by, cx, cy;
  double    rim = sm_renderer_node_radius (get (fixture, "a")) * sm_canvas_get_zoom (fixture->canvas) - 2;
  SmRecord *link;

  at (fixture, "a", &ax, &ay);
  at (fixture, "b", &bx, &by);
  at (fixture, "c", &cx, &cy);
  g_assert_cmpuint (n_relationships (fixture), ==, 1);

  /* From a's rim to c. */
  _sm_canvas_test_drag (fixture->canvas, ax + rim, ay, cx, cy, 0);
  g_assert_cmpuint (n_relationships (fixture), ==, 2);
  link = sm_collection_get (sm_map_get_relationships (fixture->map), 1);
  g_assert_cmpstr (sm_relationship_get_source (link), ==, "a");
  g_assert_cmpstr (sm_relationship_get_target (link), ==, "c");
  g_assert_true (sm_selection_contains (fixture->selection, sm_record_get_id (link)));
  position (fixture, "a", &ax, &ay);
  g_assert_cmpfloat (ax, ==, 0); /* drawing a relationship moves nothing */
  assert_undo_title (fixture, "Add Relationship");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (n_relationships (fixture), ==, 1);

  /* Alt+drag from anywhere on b. */
  _sm_canvas_test_drag (fixture->canvas, bx, by, cx, cy, GDK_ALT_MASK);
  g_assert_cmpuint (n_relationships (fixture), ==, 2);
  link = sm_collection_get (sm_map_get_relationships (fixture->map), 1);
  g_assert_cmpstr (sm_relationship_get_source (link), ==, "b");
  g_assert_cmpstr (sm_relationship_get_target (link), ==, "c");

  /* Into empty space, or back onto itself: nothing. */
  at (fixture, "a", &ax, &ay);
  _sm_canvas_test_drag (fixture->canvas, ax + rim, ay, ax, ay + 150, 0);
  _sm_canvas_test_drag (fixture->canvas, ax + rim, ay, ax + 60, ay, 0);
  _sm_canvas_test_drag (fixture->canvas, ax, ay, ax, ay, GDK_ALT_MASK);
  g_assert_cmpuint (n_relationships (fixture), ==, 2);
}

static void
test_key_connect (Fixture      *fixture,
                  gconstpointer data)
{
  double    ax, ay;
  SmRecord *link;

  /* Needs exactly one stakeholder selected. */
  g_assert_false (sm_canvas_start_connect (fixture->canvas));
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_c, 0));

  at (fixture, "a", &ax, &ay);
  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_c, 0));
  /* c (291 away) is nearer a than b (300). */
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==,
                   "Connecting Ann to Cy. Press Enter to connect or Escape to cancel.");
  /* Right of c is b. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  g_assert_true (g_str_has_prefix (_sm_canvas_test_get_description (fixture->canvas), "Connecting Ann to Bea."));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_true (g_str_has_prefix (_sm_canvas_test_get_description (fixture->canvas), "Connecting Ann to Cy."));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (g_str_has_prefix (_sm_canvas_test_get_description (fixture->canvas), "Connecting Ann to Bea."));
  g_assert_cmpuint (n_relationships (fixture), ==, 1);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Return, 0));
  g_assert_cmpuint (n_relationships (fixture), ==, 2);
  link = sm_collection_get (sm_map_get_relationships (fixture->map), 1);
  g_assert_cmpstr (sm_relationship_get_source (link), ==, "a");
  g_assert_cmpstr (sm_relationship_get_target (link), ==, "b");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (n_relationships (fixture), ==, 1);

  /* Escape cancels. */
  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  g_assert_true (sm_canvas_start_connect (fixture->canvas));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Return, 0)); /* renames, not connects */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_cmpuint (n_relationships (fixture), ==, 1);
  g_assert_cmpstr (_sm_canvas_test_get_description (fixture->canvas), ==,
                   "Selected: Ann, service user, influence 3");
}

static void
test_delete (Fixture      *fixture,
             gconstpointer data)
{
  double ax, ay, cx, cy;

  at (fixture, "a", &ax, &ay);
  at (fixture, "c", &cx, &cy);

  /* Nothing selected: nothing to delete, and the key is not taken. */
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));

  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_null (get (fixture, "a"));
  g_assert_null (get (fixture, "r")); /* its relationship went with it */
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 0);
  assert_undo_title (fixture, "Delete Stakeholder");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_nonnull (get (fixture, "a"));
  g_assert_nonnull (get (fixture, "r"));
  g_assert_false (sm_history_can_undo (fixture->history));

  /* Several, with BackSpace, in one step. */
  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  _sm_canvas_test_click (fixture->canvas, cx, cy, 1, GDK_CONTROL_MASK);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 1);
  g_assert_cmpuint (n_relationships (fixture), ==, 0);
  assert_undo_title (fixture, "Delete 2 Stakeholders");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
  g_assert_cmpuint (n_relationships (fixture), ==, 1);
  g_assert_false (sm_history_can_undo (fixture->history));

  /* A selected relationship and both its ends: removed once, restored. */
  sm_selection_set (fixture->selection, (const char *const[]) { "a", "r", "b", NULL });
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 1);
  g_assert_cmpuint (n_relationships (fixture), ==, 0);
  assert_undo_title (fixture, "Delete 3 Items");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
  g_assert_cmpuint (n_relationships (fixture), ==, 1);
}

static void
test_tab_cycles (Fixture      *fixture,
                 gconstpointer data)
{
  const char *expected[] = { "a", "b", "c", "a" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
      g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, expected[i]);
      g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 1);
    }
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "c");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "b");

  /* Ctrl+Tab is left to the window, to move the focus on. */
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, GDK_CONTROL_MASK));

  /* Escape clears the selection; then it is not the map's any more. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 0);
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Escape, 0));

  /* Ctrl+A selects everyone. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_cmpuint (sm_selection_get_size (fixture->selection), ==, 3);
}

static void
test_arrows_move (Fixture      *fixture,
                  gconstpointer data)
{
  double x, y, x1, y1, view_x, view_y, after_x, after_y;

  /* With nothing selected, arrows pan. */
  _sm_canvas_test_widget_to_map (fixture->canvas, 0, 0, &view_x, &view_y);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  _sm_canvas_test_widget_to_map (fixture->canvas, 0, 0, &after_x, &after_y);
  g_assert_cmpfloat (after_x, >, view_x);
  g_assert_cmpfloat (after_y, ==, view_y);
  g_assert_false (sm_history_can_undo (fixture->history));

  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "a");
  for (guint i = 0; i < 3; i++)
    g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Down, GDK_SHIFT_MASK));
  position (fixture, "a", &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, >, x / 3); /* Shift takes a bigger step */

  /* The run of presses is one step. */
  assert_undo_title (fixture, "Move 1 Stakeholder");
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_false (sm_history_can_undo (fixture->history));
  position (fixture, "a", &x1, &y1);
  g_assert_cmpfloat (x1, ==, 0);
  g_assert_cmpfloat (y1, ==, 0);

  /* Another action between runs makes two steps. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Left, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_f, 0));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Left, 0));
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_true (sm_history_can_undo (fixture->history));
  g_assert_true (sm_history_undo (fixture->history));
  position (fixture, "a", &x1, &y1);
  g_assert_cmpfloat (x1, ==, 0);

  /* Ctrl+arrows pan even with a selection. */
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Up, GDK_CONTROL_MASK));
  position (fixture, "a", &x1, &y1);
  g_assert_cmpfloat (y1, ==, 0);
}

static void
assert_fits (Fixture *fixture)
{
  const char *ids[] = { "a", "b", "c" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      double x, y;

      at (fixture, ids[i], &x, &y);
      g_assert_true (x > 0 && y > 0 && x < gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) &&
                     y < gtk_widget_get_height (GTK_WIDGET (fixture->canvas)));
    }
}

static void
test_zoom (Fixture      *fixture,
           gconstpointer data)
{
  double zoom, mx, my, mx2, my2, x, y;
  guint  notified = 0;

  /* A map is fitted to the view when first shown. */
  assert_fits (fixture);
  zoom = sm_canvas_get_zoom (fixture->canvas);
  g_signal_connect (fixture->canvas, "notify::zoom", G_CALLBACK (sm_test_notify_count_cb), &notified);

  sm_canvas_zoom_in (fixture->canvas);
  g_assert_cmpfloat_with_epsilon (sm_canvas_get_zoom (fixture->canvas), zoom * 1.25, 1e-9);
  g_assert_cmpuint (notified, ==, 1);
  sm_canvas_zoom_out (fixture->canvas);
  g_assert_cmpfloat_with_epsilon (sm_canvas_get_zoom (fixture->canvas), zoom, 1e-9);
  sm_canvas_zoom_reset (fixture->canvas);
  g_assert_cmpfloat (sm_canvas_get_zoom (fixture->canvas), ==, 1.0);

  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (sm_canvas_get_zoom (fixture->canvas), 1.25, 1e-9);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (sm_canvas_get_zoom (fixture->canvas), 0.8, 1e-9);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_0, GDK_CONTROL_MASK));
  g_assert_cmpfloat (sm_canvas_get_zoom (fixture->canvas), ==, 1.0);

  /* Ctrl+scroll keeps the map point under the pointer where it is. */
  _sm_canvas_test_widget_to_map (fixture->canvas, 123, 234, &mx, &my);
  _sm_canvas_test_scroll (fixture->canvas, 123, 234, 0, -2, GDK_CONTROL_MASK);
  g_assert_cmpfloat (sm_canvas_get_zoom (fixture->canvas), >, 1.5);
  _sm_canvas_test_widget_to_map (fixture->canvas, 123, 234, &mx2, &my2);
  g_assert_cmpfloat_with_epsilon (mx2, mx, 1e-6);
  g_assert_cmpfloat_with_epsilon (my2, my, 1e-6);
  _sm_canvas_test_scroll (fixture->canvas, 600, 50, 0, 3, GDK_CONTROL_MASK);
  g_assert_cmpfloat (sm_canvas_get_zoom (fixture->canvas), <, 1.0);

  /* So does a pinch, around its centre. */
  zoom = sm_canvas_get_zoom (fixture->canvas);
  _sm_canvas_test_widget_to_map (fixture->canvas, 300, 200, &mx, &my);
  _sm_canvas_test_pinch (fixture->canvas, 300, 200, 2.0);
  g_assert_cmpfloat_with_epsilon (sm_canvas_get_zoom (fixture->canvas), zoom * 2, 1e-9);
  _sm_canvas_test_widget_to_map (fixture->canvas, 300, 200, &mx2, &my2);
  g_assert_cmpfloat_with_epsilon (mx2, mx, 1e-6);

  /* Plain scrolling pans; Shift turns it sideways. */
  zoom = sm_canvas_get_zoom (fixture->canvas);
  at (fixture, "a", &x, &y);
  _sm_canvas_test_scroll (fixture->canvas, 10, 10, 0, 1, 0);
  {
    double x2, y2;

    at (fixture, "a", &x2, &y2);
    g_assert_cmpfloat (x2, ==, x);
    g_assert_cmpfloat (y2, <, y);
    _sm_canvas_test_scroll (fixture->canvas, 10, 10, 0, 1, GDK_SHIFT_MASK);
    at (fixture, "a", &x, &y);
    g_assert_cmpfloat (x, <, x2);
    g_assert_cmpfloat (y, ==, y2);
  }
  g_assert_cmpfloat (sm_canvas_get_zoom (fixture->canvas), ==, zoom);

  /* Zoom to fit brings everyone back. */
  sm_canvas_zoom_in (fixture->canvas);
  sm_canvas_zoom_in (fixture->canvas);
  sm_canvas_zoom_in (fixture->canvas);
  _sm_canvas_test_scroll (fixture->canvas, 10, 10, 20, 20, 0);
  sm_canvas_zoom_to_fit (fixture->canvas);
  assert_fits (fixture);
  sm_canvas_zoom_in (fixture->canvas);
  sm_canvas_zoom_in (fixture->canvas);
  _sm_canvas_test_scroll (fixture->canvas, 10, 10, 20, 20, 0);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_f, 0));
  assert_fits (fixture);

  /* Zooming is not an edit. */
  g_assert_false (sm_history_can_undo (fixture->history));
}

static void
test_read_only (Fixture      *fixture,
                gconstpointer data)
{
  GtkWidget       *entry = _sm_canvas_test_get_entry (fixture->canvas);
  g_autofree char *two = NULL;
  double           ax, ay, bx, by, cx, cy, x, y;
  double           rim = sm_renderer_node_radius (get (fixture, "a")) * sm_canvas_get_zoom (fixture->canvas) - 2;

  at (fixture, "a", &ax, &ay);
  at (fixture, "b", &bx, &by);
  at (fixture, "c", &cx, &cy);

  sm_canvas_add_stakeholder (fixture->canvas);
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Insert, 0));
  _sm_canvas_test_click (fixture->canvas, (ax + cx) / 2, cy + 60, 2, 0);
  g_assert_false (gtk_widget_get_visible (entry));

  /* Selection still works, … */
  _sm_canvas_test_click (fixture->canvas, ax, ay, 1, 0);
  _sm_canvas_test_click (fixture->canvas, bx, by, 1, GDK_SHIFT_MASK);
  two = selected (fixture);
  g_assert_cmpstr (two, ==, "a,b");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));
  g_assert_cmpstr (sm_selection_get_primary (fixture->selection), ==, "c");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Tab, 0));

  /* …editing does not. */
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Return, 0));
  _sm_canvas_test_click (fixture->canvas, ax, ay, 2, 0);
  g_assert_false (gtk_widget_get_visible (entry));
  _sm_canvas_test_drag (fixture->canvas, ax, ay, ax + 50, ay + 50, 0);
  _sm_canvas_test_drag (fixture->canvas, ax + 50 + rim, ay + 50, cx + 50, cy + 50, 0);
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Right, 0));
  g_assert_false (sm_canvas_start_connect (fixture->canvas));
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_c, 0));
  sm_selection_select_only (fixture->selection, "a");
  g_assert_false (_sm_canvas_test_key (fixture->canvas, GDK_KEY_Delete, 0));

  position (fixture, "a", &x, &y);
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat (y, ==, 0);
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
  g_assert_cmpuint (n_relationships (fixture), ==, 1);
  g_assert_cmpstr (sm_stakeholder_get_name (get (fixture, "a")), ==, "Ann");
  g_assert_false (sm_history_can_undo (fixture->history));
  g_assert_false (sm_document_get_modified (fixture->document));
}

static void
test_undo_while_renaming (Fixture      *fixture,
                          gconstpointer data)
{
  GtkWidget *entry = _sm_canvas_test_get_entry (fixture->canvas);

  /* Named, then renamed; undoing the add while renaming it ends the rename. */
  sm_canvas_add_stakeholder (fixture->canvas);
  type_name (fixture, "Flo");
  type_name (fixture, "");
  g_assert_true (_sm_canvas_test_key (fixture->canvas, GDK_KEY_F2, 0));
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_true (sm_history_undo (fixture->history));
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_cmpuint (n_stakeholders (fixture), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/canvas/add-by-typing", Fixture, NULL, setup_empty, test_add_by_typing, teardown);
  g_test_add ("/ui/canvas/escape-cancels", Fixture, NULL, setup_empty, test_escape_cancels, teardown);
  g_test_add ("/ui/canvas/rename", Fixture, NULL, setup_three, test_rename, teardown);
  g_test_add ("/ui/canvas/undo-while-renaming", Fixture, NULL, setup_three, test_undo_while_renaming, teardown);
  g_test_add ("/ui/canvas/select", Fixture, NULL, setup_three, test_select, teardown);
  g_test_add ("/ui/canvas/select-relationship", Fixture, NULL, setup_three, test_select_relationship, teardown);
  g_test_add ("/ui/canvas/drag-moves", Fixture, NULL, setup_three, test_drag_moves, teardown);
  g_test_add ("/ui/canvas/arrangement-no-drag", Fixture, NULL, setup_three, test_arrangement_no_drag, teardown);
  g_test_add ("/ui/canvas/drag-connects", Fixture, NULL, setup_three, test_drag_connects, teardown);
  g_test_add ("/ui/canvas/key-connect", Fixture, NULL, setup_three, test_key_connect, teardown);
  g_test_add ("/ui/canvas/delete", Fixture, NULL, setup_three, test_delete, teardown);
  g_test_add ("/ui/canvas/tab-cycles", Fixture, NULL, setup_three, test_tab_cycles, teardown);
  g_test_add ("/ui/canvas/arrows-move", Fixture, NULL, setup_three, test_arrows_move, teardown);
  g_test_add ("/ui/canvas/zoom", Fixture, NULL, setup_three, test_zoom, teardown);
  g_test_add ("/ui/canvas/read-only", Fixture, NULL, setup_read_only, test_read_only, teardown);

  return g_test_run ();
}

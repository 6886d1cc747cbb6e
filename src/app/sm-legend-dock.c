/* sm-legend-dock.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sm-legend-dock.h"
#include "sm-render.h"

/* A legend taller than this scrolls, so a small window keeps most of its
 * height for the map. */
#define MAX_LEGEND_HEIGHT 220

struct _SmLegendDock
{
  GtkWidget parent_instance;

  SmCanvas        *canvas;
  SmMap           *map;
  AdwStyleManager *style_manager;
  GtkWidget       *expander;
  GtkWidget       *scroller;
  GtkWidget       *area;
  int              width; /* allocated: the legend flows into as many columns as fit */
};

G_DEFINE_FINAL_TYPE (SmLegendDock, sm_legend_dock, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CANVAS,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The width the legend may take: the dock's less the margins round it
 * and the frame's line; 0 before the dock has one. */
static double
legend_width (SmLegendDock *self)
{
  return self->width > 0 ? MAX (self->width - 4 * 6 - 1, 1) : 0;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  SmLegendDock *self = user_data;
  SmRenderer   *renderer = sm_canvas_get_renderer (self->canvas);

  sm_renderer_draw_legend_for_width (renderer, cr,
                                     adw_style_manager_get_dark (self->style_manager) ? SM_RENDER_DARK
                                                                                      : SM_RENDER_NONE,
                                     legend_width (self));
}

/* The legend follows what the map holds and how it is arranged. */
static void
update (SmLegendDock *self)
{
  double width = 0, height = 0;
  int    w, h;

  if (!sm_renderer_get_legend_size_for_width (sm_canvas_get_renderer (self->canvas), legend_width (self), &width,
                                              &height))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  /* One pixel more for the frame's line on the right and bottom. */
  w = (int) ceil (width) + 1;
  h = (int) ceil (height) + 1;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), w);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), h);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), MAX_LEGEND_HEIGHT);
  gtk_widget_queue_draw (self->area);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
expanded_cb (SmLegendDock *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

static void
sm_legend_dock_constructed (GObject *object)
{
  SmLegendDock *self = (SmLegendDock *) object;

  G_OBJECT_CLASS (sm_legend_dock_parent_class)->constructed (object);

  g_assert (SM_IS_CANVAS (self->canvas));
  self->map = g_object_ref (sm_document_get_map (sm_canvas_get_document (self->canvas)));
  g_signal_connect_object (self->map, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::arrangement", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::comparing", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
sm_legend_dock_dispose (GObject *object)
{
  SmLegendDock *self = (SmLegendDock *) object;

  g_clear_pointer (&self->expander, gtk_widget_unparent);
  g_clear_object (&self->map);
  g_clear_object (&self->canvas);

  G_OBJECT_CLASS (sm_legend_dock_parent_class)->dispose (object);
}

static void
sm_legend_dock_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SmLegendDock *self = SM_LEGEND_DOCK (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_EXPANDED:
      g_value_set_boolean (value, sm_legend_dock_get_expanded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_legend_dock_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SmLegendDock *self = SM_LEGEND_DOCK (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      self->canvas = g_value_dup_object (value);
      break;
    case PROP_EXPANDED:
      sm_legend_dock_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_legend_dock_measure (GtkWidget     *widget,
                        GtkOrientation orientation,
                        int            for_size,
                        int           *minimum,
                        int           *natural,
                        int           *minimum_baseline,
                        int           *natural_baseline)
{
  SmLegendDock *self = SM_LEGEND_DOCK (widget);

  gtk_widget_measure (self->expander, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

/* A wider dock takes more columns and less of the canvas's height. */
static void
sm_legend_dock_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SmLegendDock *self = SM_LEGEND_DOCK (widget);

  if (width != self->width)
    {
      self->width = width;
      update (self);
    }
  gtk_widget_allocate (self->expander, width, height, baseline, NULL);
}

static void
sm_legend_dock_class_init (SmLegendDockClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_legend_dock_constructed;
  object_class->dispose = sm_legend_dock_dispose;
  object_class->get_property = sm_legend_dock_get_property;
  object_class->set_property = sm_legend_dock_set_property;
  widget_class->measure = sm_legend_dock_measure;
  widget_class->size_allocate = sm_legend_dock_size_allocate;

  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, SM_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The legend explains shapes, colours and lines; people who know them
   * fold it away and give its room to the map. */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "legend-dock");
}

static void
sm_legend_dock_init (SmLegendDock *self)
{
  self->area = gtk_drawing_area_new ();
  gtk_widget_set_halign (self->area, GTK_ALIGN_START);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  /* A screen reader is told what the legend is; the table view says
   * everything it explains in words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Legend of the shapes, colours and lines on the map"), -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->area);
  gtk_widget_set_margin_start (self->scroller, 6);
  gtk_widget_set_margin_end (self->scroller, 6);
  gtk_widget_set_margin_bottom (self->scroller, 6);

  self->expander = gtk_expander_new_with_mnemonic (_ ("_Legend"));
  gtk_expander_set_expanded (GTK_EXPANDER (self->expander), TRUE);
  gtk_expander_set_child (GTK_EXPANDER (self->expander), self->scroller);
  gtk_widget_set_margin_start (self->expander, 6);
  gtk_widget_set_margin_end (self->expander, 6);
  gtk_widget_set_margin_top (self->expander, 4);
  gtk_widget_set_margin_bottom (self->expander, 4);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
  /* The expander is the button that folds the legend: GTK 4.8 gives it
   * no name of its own. */
  {
    GtkWidget *label = gtk_expander_get_label_widget (GTK_EXPANDER (self->expander));

    if (GTK_IS_LABEL (label))
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (label)), -1);
  }
  g_signal_connect_swapped (self->expander, "notify::expanded", G_CALLBACK (expanded_cb), self);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_object (self->style_manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw), self->area,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
sm_legend_dock_new (SmCanvas *canvas)
{
  g_return_val_if_fail (SM_IS_CANVAS (canvas), NULL);
  return g_object_new (SM_TYPE_LEGEND_DOCK, "canvas", canvas, NULL);
}

gboolean
sm_legend_dock_get_expanded (SmLegendDock *self)
{
  g_return_val_if_fail (SM_IS_LEGEND_DOCK (self), FALSE);
  return gtk_expander_get_expanded (GTK_EXPANDER (self->expander));
}

void
sm_legend_dock_set_expanded (SmLegendDock *self,
                             gboolean      expanded)
{
  g_return_if_fail (SM_IS_LEGEND_DOCK (self));
  gtk_expander_set_expanded (GTK_EXPANDER (self->expander), expanded);
}

/* sm-wrap-box.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-wrap-box.h"

struct _SmWrapBox
{
  GtkWidget parent_instance;

  int spacing;
};

G_DEFINE_FINAL_TYPE (SmWrapBox, sm_wrap_box, GTK_TYPE_WIDGET)

/* Lays the children out in @width (allocating them when @allocate) and
 * returns the height used. A child wider than the line gets the line. */
static int
flow (SmWrapBox *self,
      int        width,
      gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, min_h, nat_h, w;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = MIN (nat_w, MAX (width, min_w));
      if (x > 0 && x + w > width)
        {
          y += line_height + self->spacing;
          x = 0;
          line_height = 0;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, nat_h }, -1);
      x += w + self->spacing;
      line_height = MAX (line_height, nat_h);
    }
  return line_height > 0 ? y + line_height : 0;
}

static GtkSizeRequestMode
sm_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sm_wrap_box_measure (GtkWidget     *widget,
                     GtkOrientation orientation,
                     int            for_size,
                     int           *minimum,
                     int           *natural,
                     int           *minimum_baseline,
                     int           *natural_baseline)
{
  SmWrapBox *self = SM_WRAP_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrowest: the widest child alone; widest: all on one line. */
      gboolean first = TRUE;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += nat + (first ? 0 : self->spacing);
          first = FALSE;
        }
    }
  else
    {
      int width = for_size;

      if (width < 0)
        sm_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, &(int) { 0 }, NULL, NULL);
      *minimum = *natural = flow (self, width, FALSE);
    }
}

static void
sm_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  flow (SM_WRAP_BOX (widget), width, TRUE);
}

static void
sm_wrap_box_dispose (GObject *object)
{
  sm_wrap_box_remove_all (SM_WRAP_BOX (object));

  G_OBJECT_CLASS (sm_wrap_box_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sm_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SmWrapBox *self = SM_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SmWrapBox *self = SM_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      if (self->spacing != g_value_get_int (value))
        {
          self->spacing = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_wrap_box_class_init (SmWrapBoxClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sm_wrap_box_dispose;
  object_class->get_property = sm_wrap_box_get_property;
  object_class->set_property = sm_wrap_box_set_property;
  widget_class->get_request_mode = sm_wrap_box_get_request_mode;
  widget_class->measure = sm_wrap_box_measure;
  widget_class->size_allocate = sm_wrap_box_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /* Between children on a line, and between lines; settable in a .ui. */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_wrap_box_init (SmWrapBox *self)
{
}

GtkWidget *
sm_wrap_box_new (int spacing)
{
  return g_object_new (SM_TYPE_WRAP_BOX, "spacing", MAX (spacing, 0), NULL);
}

void
sm_wrap_box_append (SmWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (SM_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
sm_wrap_box_remove_all (SmWrapBox *self)
{
  GtkWidget *child;

  g_return_if_fail (SM_IS_WRAP_BOX (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

/* sm-window.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-format.h"
#include "sm-window.h"

/* For now the window lists the stakeholders of one map; the canvas, the
 * inspector and the table views build on it. */

struct _SmWindow
{
  GtkApplicationWindow parent_instance;

  SmMap *map;
  GFile *file;
  GtkWidget *stack;
  GtkWidget *error_label;
};

G_DEFINE_FINAL_TYPE (SmWindow, sm_window, GTK_TYPE_APPLICATION_WINDOW)

static void
sm_window_dispose (GObject *object)
{
  SmWindow *self = (SmWindow *) object;

  g_clear_object (&self->map);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sm_window_parent_class)->dispose (object);
}

static void
sm_window_class_init (SmWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_window_dispose;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  SmRecord *record = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  double influence = sm_record_get_score (record, "influence");
  g_autofree char *text = NULL;

  if (SM_IS_KNOWN (influence))
    text = g_strdup_printf (_("%s — %s, influence %g"), sm_stakeholder_get_name (record),
                            sm_record_get_enum (record, "kind"), influence);
  else
    text = g_strdup_printf (_("%s — %s"), sm_stakeholder_get_name (record),
                            sm_record_get_enum (record, "kind"));
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
sm_window_init (SmWindow *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("_About Stakemap"), "app.about");
  g_menu_append (menu, _("_Quit"), "app.quit");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (menu_button), TRUE);
  gtk_widget_set_tooltip_text (menu_button, _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), menu_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 640);

  self->stack = gtk_stack_new ();
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_set_margin_start (self->error_label, 24);
  gtk_widget_set_margin_end (self->error_label, 24);
  gtk_stack_add_named (GTK_STACK (self->stack), self->error_label, "error");
  gtk_window_set_child (GTK_WINDOW (self), self->stack);
}

static void
show_map (SmWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;
  GtkWidget *list, *scrolled;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (
    g_object_ref (G_LIST_MODEL (sm_map_get_stakeholders (self->map)))));
  list = gtk_list_view_new (selection, factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stakeholders"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "map");
  gtk_stack_set_visible_child (GTK_STACK (self->stack), scrolled);
}

static void
update_title (SmWindow *self)
{
  const char *title = self->map != NULL ? sm_map_get_title (self->map) : "";
  g_autofree char *basename = self->file != NULL ? g_file_get_basename (self->file) : NULL;

  if (*title != '\0')
    gtk_window_set_title (GTK_WINDOW (self), title);
  else if (basename != NULL)
    gtk_window_set_title (GTK_WINDOW (self), basename);
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Map"));
}

GtkWindow *
sm_window_new (SmApplication *app,
               GFile         *file)
{
  SmWindow *self = g_object_new (SM_TYPE_WINDOW, "application", app, NULL);
  g_autoptr(GError) error = NULL;

  if (file != NULL)
    {
      self->file = g_object_ref (file);
      if (g_file_query_exists (file, NULL))
        self->map = sm_format_load_file (file, NULL, &error);
      else
        self->map = sm_map_new ();
    }
  else
    self->map = sm_map_new ();

  if (self->map != NULL)
    show_map (self);
  else
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);

      gtk_label_set_text (GTK_LABEL (self->error_label), text);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->error_label);
    }
  update_title (self);
  return GTK_WINDOW (self);
}

SmMap *
sm_window_get_map (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->map;
}

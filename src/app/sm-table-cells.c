/* sm-table-cells.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-command.h"
#include "sm-table-view-private.h"
#include "sm-window.h"

/* A table's cells: the widget each column puts in a row, bound to its
 * record and refreshed when it changes; an edit in a cell is a command. */

/* Cells */

typedef struct
{
  Column    *column;
  GtkWidget *widget;
  SmRecord  *record;
  SmMap     *map;
  gulong     changed_id;
  gulong     map_changed_id;
  gboolean   updating;
  gboolean   has_odd;
} Cell;

static void
cell_disconnect (Cell *cell)
{
  if (cell->record != NULL)
    g_clear_signal_handler (&cell->changed_id, cell->record);
  if (cell->map != NULL)
    g_clear_signal_handler (&cell->map_changed_id, cell->map);
  g_clear_object (&cell->record);
  g_clear_object (&cell->map);
}

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  cell_disconnect (cell);
  g_free (cell);
}

static Cell *
cell_get (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "sm-cell");
}

static void
cell_update_accessible (Cell *cell)
{
  g_autofree char *row = _sm_table_dup_row_name (cell->record);
  /* Translators: an editable cell: the column, then the row ("Influence of Ann") */
  g_autofree char *name = g_strdup_printf (_ ("%s of %s"), _ (cell->column->info->title), row);

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
cell_refresh (Cell *cell)
{
  Column   *column = cell->column;
  SmRecord *record = cell->record;

  if (record == NULL)
    return;

  cell->updating = TRUE;
  if (GTK_IS_LABEL (cell->widget))
    {
      g_autofree char *text = _sm_table_column_dup_text (column, record);

      gtk_label_set_text (GTK_LABEL (cell->widget), text);
    }
  else if (GTK_IS_EDITABLE_LABEL (cell->widget))
    {
      /* Never pull the text from under someone typing. */
      if (!gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (cell->widget)))
        gtk_editable_set_text (GTK_EDITABLE (cell->widget), sm_record_get_label (record));
      cell_update_accessible (cell);
    }
  else if (GTK_IS_DROP_DOWN (cell->widget))
    {
      GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (cell->widget)));
      int            choice = _sm_table_column_get_choice (column, record);

      /* A value no option names is shown as one more option, picked. */
      if (cell->has_odd)
        gtk_string_list_remove (list, column->labels->len);
      cell->has_odd = choice < 0;
      if (cell->has_odd)
        {
          g_autofree char *odd = _sm_table_column_dup_odd_label (column, record);

          gtk_string_list_append (list, odd);
          choice = column->labels->len;
        }
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cell->widget), choice);
      cell_update_accessible (cell);
    }
  cell->updating = FALSE;
}

static void
record_changed_cb (SmRecord   *record,
                   const char *path,
                   Cell       *cell)
{
  /* Names appear in accessible names, so they refresh every cell. */
  if (_sm_table_column_depends_on (cell->column->info, path) ||
      strcmp (path, "name") == 0)
    cell_refresh (cell);
}

/* From and To show other records' names. */
static void
map_record_changed_cb (SmMap      *map,
                       SmRecord   *record,
                       const char *path,
                       Cell       *cell)
{
  const char *id;

  if (record == cell->record || sm_record_get_kind (record) != SM_RECORD_STAKEHOLDER)
    return;
  if (*path != '\0' && strcmp (path, "name") != 0)
    return;
  id = sm_record_get_id (record);
  if (g_strcmp0 (id, sm_record_get_string (cell->record, "source")) == 0 ||
      g_strcmp0 (id, sm_record_get_string (cell->record, "target")) == 0)
    cell_refresh (cell);
}

/* A pick in a cell is a decision of its own, so each is one undo step
 * even when the one before changed the same field. */
static void
push_edit (SmTableView *self,
           SmCommand   *command)
{
  sm_history_break_merge (sm_document_get_history (self->document));
  self->own_edit++;
  sm_document_push (self->document, command);
  self->own_edit--;
}

static void
name_editing_cb (GtkEditableLabel *label,
                 GParamSpec       *pspec,
                 Cell             *cell)
{
  SmTableView     *self = cell->column->table->self;
  g_autofree char *text = NULL;

  if (cell->updating || cell->record == NULL || gtk_editable_label_get_editing (label))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label))));
  if (*text == '\0' || g_strcmp0 (text, sm_record_get_label (cell->record)) == 0)
    {
      /* A stakeholder needs a name: an emptied one keeps its old one. */
      cell_refresh (cell);
      return;
    }
  push_edit (self, sm_command_new_set_string (cell->record, "name", text));
  if (sm_record_get_kind (cell->record) == SM_RECORD_STAKEHOLDER)
    sm_window_warn_same_name (GTK_WIDGET (self), sm_document_get_map (self->document),
                              sm_record_get_id (cell->record));
}

static void
choice_selected_cb (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    Cell        *cell)
{
  SmTableView *self = cell->column->table->self;
  Column      *column = cell->column;
  guint        selected = gtk_drop_down_get_selected (drop_down);

  if (cell->updating || cell->record == NULL || selected >= column->labels->len)
    return;
  if ((int) selected == _sm_table_column_get_choice (column, cell->record))
    return;
  push_edit (self, sm_command_new_set_value (cell->record, column->info->path,
                                             g_ptr_array_index (column->values, selected)));
}

static gboolean
start_editing_cb (gpointer data)
{
  GtkWidget *widget = data;

  if (gtk_widget_get_mapped (widget))
    {
      gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (widget));
      gtk_widget_grab_focus (widget);
    }
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's editable label finishes editing from a timeout 100 ms after
 * focus leaves it, without holding on to itself: a cell destroyed in that
 * time (its row deleted, the window closed) would be used after it is
 * freed. Keep the cell alive until that timeout has run. */
static gboolean
release_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
name_focus_leave_cb (GtkEventControllerFocus *controller,
                     GtkWidget               *widget)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 250, release_cb,
                      g_object_ref (widget), g_object_unref);
}

void
_sm_table_cell_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         Column                   *column)
{
  SmTableView *self = column->table->self;
  Cell        *cell = g_new0 (Cell, 1);
  GtkWidget   *widget;
  CellType     type = column->info->cell;

  /* A map that can only be read shows plain text. */
  if (self->read_only)
    type = CELL_TEXT;

  switch (type)
    {
    case CELL_NAME:
      widget = gtk_editable_label_new ("");
      break;

    case CELL_CHOICE:
      {
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

        for (guint i = 0; i < column->labels->len; i++)
          gtk_string_list_append (list, g_ptr_array_index (column->labels, i));
        widget = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
        g_signal_connect (widget, "notify::selected", G_CALLBACK (choice_selected_cb), cell);
      }
      break;

    case CELL_TEXT:
    default:
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 0);
      if (column->info->expand)
        gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (widget, 6);
      gtk_widget_set_margin_end (widget, 6);
      break;
    }

  if (GTK_IS_EDITABLE_LABEL (widget))
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (name_focus_leave_cb), widget);
      gtk_widget_add_controller (widget, focus);
      gtk_widget_set_margin_start (widget, 6);
      gtk_widget_set_margin_end (widget, 6);
      g_signal_connect (widget, "notify::editing", G_CALLBACK (name_editing_cb), cell);
    }

  cell->column = column;
  cell->widget = widget;
  g_object_set_data_full (G_OBJECT (widget), "sm-cell", cell, cell_free);
  gtk_list_item_set_child (item, widget);
}

void
_sm_table_cell_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        Column                   *column)
{
  SmTableView *self = column->table->self;
  GtkWidget   *widget = gtk_list_item_get_child (item);
  Cell        *cell = cell_get (widget);
  SmRecord    *record = gtk_list_item_get_item (item);

  cell_disconnect (cell);
  cell->record = g_object_ref (record);
  cell->changed_id = g_signal_connect (record, "changed", G_CALLBACK (record_changed_cb), cell);
  if (column->info->text == _sm_table_source_text || column->info->text == _sm_table_target_text)
    {
      cell->map = g_object_ref (self->map);
      cell->map_changed_id = g_signal_connect (self->map, "record-changed",
                                               G_CALLBACK (map_record_changed_cb), cell);
    }
  cell_refresh (cell);

  if (self->pending_edit != NULL && GTK_IS_EDITABLE_LABEL (widget) &&
      g_strcmp0 (self->pending_edit, sm_record_get_id (record)) == 0)
    {
      g_clear_pointer (&self->pending_edit, g_free);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_editing_cb,
                       g_object_ref (widget), g_object_unref);
    }
}

void
_sm_table_cell_unbind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          Column                   *column)
{
  cell_disconnect (cell_get (gtk_list_item_get_child (item)));
}

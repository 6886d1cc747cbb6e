/* sm-table-view.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sm-command.h"
#include "sm-schema.h"
#include "sm-table-view-private.h"

/* Everything the canvas shows, as rows a keyboard and a screen reader can
 * reach. Cells edit through commands, so each edit is one undo step, and
 * follow the record when it changes elsewhere. The tables' selections
 * mirror the document's shared selection.
 *
 * This file holds the view itself: the selection it shares with the
 * document, its actions, building its tables and the GObject. What a
 * column shows and how it sorts is in sm-table-columns.c, the cells in
 * sm-table-cells.c. */

G_DEFINE_FINAL_TYPE (SmTableView, sm_table_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Selection, shared with the document */

static GtkWidget *
table_find_list_view (Table *table)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (table->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static void
table_scroll_to (Table *table,
                 guint  position)
{
  GtkWidget *list_view = table_find_list_view (table);

  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* Selects the rows whose records the document has selected. */
static void
table_follow_document (Table   *table,
                       gboolean scroll)
{
  SmTableView *self = table->self;
  GListModel  *model = G_LIST_MODEL (table->sorted);
  guint        n = g_list_model_get_n_items (model);
  const char  *primary = sm_selection_get_primary (self->selection);
  guint        primary_position = G_MAXUINT;
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  g_autoptr(GtkBitset) current = NULL;

  if (sm_selection_get_size (self->selection) > 0)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(SmRecord) record = g_list_model_get_item (model, i);
        const char *id = sm_record_get_id (record);

        if (sm_selection_contains (self->selection, id))
          {
            gtk_bitset_add (selected, i);
            if (g_strcmp0 (id, primary) == 0)
              primary_position = i;
          }
      }

  current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  if (!gtk_bitset_equals (current, selected))
    {
      mask = gtk_bitset_new_range (0, n);
      self->syncing++;
      gtk_selection_model_set_selection (GTK_SELECTION_MODEL (table->selection), selected, mask);
      self->syncing--;
    }

  if (scroll && primary_position != G_MAXUINT)
    table_scroll_to (table, primary_position);
}

static void
update_actions (SmTableView *self)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
  Table      *table = &self->tables[g_strcmp0 (page, "relationships") == 0];
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.add-stakeholder", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.remove",
                                 !self->read_only && !gtk_bitset_is_empty (selected));
}

/* The rows picked in a table become the document's selection; records
 * that stay selected keep their order so the primary one stays put. */
static void
table_selection_changed_cb (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            Table             *table)
{
  SmTableView *self = table->self;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GHashTable) picked = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  const GPtrArray *before;
  GtkBitsetIter    iter;
  guint            i;

  update_actions (self);
  if (self->syncing > 0)
    return;

  selected = gtk_selection_model_get_selection (model);
  picked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ids = g_ptr_array_new ();
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &i);
       more;
       more = gtk_bitset_iter_next (&iter, &i))
    {
      g_autoptr(SmRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_hash_table_add (picked, g_strdup (sm_record_get_id (record)));
    }

  before = sm_selection_get_ids (self->selection);
  for (guint k = 0; k < before->len; k++)
    if (g_hash_table_remove (picked, g_ptr_array_index (before, k)))
      g_ptr_array_add (ids, g_ptr_array_index (before, k));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &i);
       more;
       more = gtk_bitset_iter_next (&iter, &i))
    {
      g_autoptr(SmRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_hash_table_contains (picked, sm_record_get_id (record)))
        g_ptr_array_add (ids, (gpointer) sm_record_get_id (record));
    }
  g_ptr_array_add (ids, NULL);

  /* The ids are borrowed from records and the old selection: copy them
   * before the selection lets go of its own. */
  {
    g_auto(GStrv) copy = g_strdupv ((char **) ids->pdata);

    self->syncing++;
    sm_selection_set (self->selection, (const char *const *) copy);
    self->syncing--;
  }

  /* The other table now shows none of its rows as selected. */
  table_follow_document (&self->tables[table == &self->tables[0]], FALSE);
}

static void
table_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Table      *table)
{
  /* Rows re-sorted or brought back by undo keep the document's selection. */
  if (sm_selection_get_size (table->self->selection) > 0)
    table_follow_document (table, FALSE);
  update_actions (table->self);
}

static void
document_selection_changed_cb (SmSelection *selection,
                               SmTableView *self)
{
  if (self->syncing > 0)
    return;
  for (guint i = 0; i < N_TABLES; i++)
    table_follow_document (&self->tables[i], TRUE);
}

/* Edits made elsewhere (the canvas, the inspector, undo) re-sort rows; a
 * cell's own edit does not, so the row being edited stays under the
 * keyboard. */
static void
map_record_changed_resort_cb (SmMap       *map,
                              SmRecord    *record,
                              const char  *path,
                              SmTableView *self)
{
  SmRecordKind kind = sm_record_get_kind (record);

  if (self->own_edit > 0)
    return;
  for (guint t = 0; t < N_TABLES; t++)
    {
      Table *table = &self->tables[t];

      for (guint i = 0; i < table->columns->len; i++)
        {
          Column  *column = g_ptr_array_index (table->columns, i);
          gboolean affected;

          if (kind == table->kind)
            affected = _sm_table_column_depends_on (column->info, path);
          else
            affected = kind == SM_RECORD_STAKEHOLDER && column->info->text != NULL &&
                       (column->info->text == _sm_table_source_text || column->info->text == _sm_table_target_text) &&
                       (*path == '\0' || strcmp (path, "name") == 0);
          /* Only sorted columns' sorters are listened to: others are free. */
          if (affected)
            gtk_sorter_changed (column->sorter, GTK_SORTER_CHANGE_DIFFERENT);
        }
    }
}

/* Actions */

static Table *
visible_table (SmTableView *self)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  return &self->tables[g_strcmp0 (page, "relationships") == 0];
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SmTableView *self = SM_TABLE_VIEW (widget);
  Table       *table = visible_table (self);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  SmCommand    *command;
  GtkBitsetIter iter;
  guint         i;

  if (self->read_only)
    return;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &i);
       more;
       more = gtk_bitset_iter_next (&iter, &i))
    g_ptr_array_add (records, g_list_model_get_item (G_LIST_MODEL (table->sorted), i));

  if (records->len == 0)
    return;
  if (records->len == 1)
    command = sm_command_new_remove (self->map, g_ptr_array_index (records, 0));
  else
    {
      g_autofree char *title = NULL;

      if (table->kind == SM_RECORD_STAKEHOLDER)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Stakeholder",
                                              "Delete %u Stakeholders", records->len),
                                 records->len);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Relationship",
                                              "Delete %u Relationships", records->len),
                                 records->len);
      /* Each removal takes its relationships when it is applied, so one
       * already gone with an earlier stakeholder is not removed twice. */
      command = sm_command_new_group (title);
      for (guint k = 0; k < records->len; k++)
        sm_command_group_add (command, sm_command_new_remove (self->map, g_ptr_array_index (records, k)));
    }
  sm_document_push (self->document, command);
}

/* To the right of everything on the map, so the new stakeholder covers
 * nobody on the canvas. */
static void
find_free_spot (SmTableView *self,
                double      *x,
                double      *y)
{
  SmCollection *stakeholders = sm_map_get_stakeholders (self->map);
  guint         n = sm_collection_get_size (stakeholders);
  gboolean      any = FALSE;
  double        right = 0, top = 0;

  for (guint i = 0; i < n; i++)
    {
      double sx, sy;

      if (!sm_stakeholder_get_position (sm_collection_get (stakeholders, i), &sx, &sy))
        continue;
      right = any ? MAX (right, sx) : sx;
      top = any ? MIN (top, sy) : sy;
      any = TRUE;
    }
  *x = any ? right + 160 : 0;
  *y = top;
}

static void
add_stakeholder_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SmTableView *self = SM_TABLE_VIEW (widget);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *id = NULL;
  double           x, y;

  if (self->read_only)
    return;

  id = sm_map_make_id (self->map, SM_RECORD_STAKEHOLDER);
  find_free_spot (self, &x, &y);
  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "name", _ ("New stakeholder"));
  json_object_set_double_member (data, "x", x);
  json_object_set_double_member (data, "y", y);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "stakeholders");
  /* Its name cell starts editing when it is bound (see _sm_table_cell_bind_cb ()). */
  g_free (self->pending_edit);
  self->pending_edit = g_strdup (id);
  sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_STAKEHOLDER, data));
  sm_selection_select_only (self->selection, id);
}

/* Building */

static void
table_init (SmTableView      *self,
            Table            *table,
            SmRecordKind      kind,
            const ColumnInfo *infos,
            const char       *label)
{
  SmCollection *collection = sm_map_get_collection (self->map, kind);

  table->self = self;
  table->kind = kind;
  table->columns = g_ptr_array_new_with_free_func (NULL);

  table->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (table->view, TRUE);
  gtk_column_view_set_show_column_separators (table->view, TRUE);
  gtk_column_view_set_enable_rubberband (table->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (table->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (table->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* Connected before the sort model, so directions are known before it
   * sorts. */
  table->view_sorter = g_object_ref (gtk_column_view_get_sorter (table->view));
  g_signal_connect (table->view_sorter, "changed", G_CALLBACK (_sm_table_view_sorter_changed_cb), table);

  table->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (collection)),
                                           g_object_ref (table->view_sorter));
  table->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (table->sorted)));
  gtk_column_view_set_model (table->view, GTK_SELECTION_MODEL (table->selection));
  g_signal_connect (table->selection, "selection-changed",
                    G_CALLBACK (table_selection_changed_cb), table);
  g_signal_connect (table->selection, "items-changed",
                    G_CALLBACK (table_items_changed_cb), table);

  for (const ColumnInfo *info = infos; info->title != NULL; info++)
    {
      Column *column = g_new0 (Column, 1);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      column->info = info;
      column->table = table;
      column->field = sm_schema_lookup_path (kind, info->path);
      if (info->cell == CELL_CHOICE)
        _sm_table_column_init_choices (column);

      g_signal_connect (factory, "setup", G_CALLBACK (_sm_table_cell_setup_cb), column);
      g_signal_connect (factory, "bind", G_CALLBACK (_sm_table_cell_bind_cb), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (_sm_table_cell_unbind_cb), column);

      column->column = gtk_column_view_column_new (_ (info->title), g_steal_pointer (&factory));
      column->sorter = _sm_table_column_make_sorter (column);
      gtk_column_view_column_set_sorter (column->column, column->sorter);
      gtk_column_view_column_set_expand (column->column, info->expand);
      gtk_column_view_column_set_resizable (column->column, TRUE);
      gtk_column_view_append_column (table->view, column->column);
      g_ptr_array_add (table->columns, column);
    }

  table->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table->scrolled), GTK_WIDGET (table->view));
  gtk_widget_set_vexpand (table->scrolled, TRUE);
  gtk_widget_set_hexpand (table->scrolled, TRUE);
}

static void
table_clear (Table *table)
{
  if (table->columns == NULL)
    return;

  g_signal_handlers_disconnect_by_data (table->view_sorter, table);
  g_signal_handlers_disconnect_by_data (table->selection, table);
  g_clear_object (&table->view_sorter);
  for (guint i = 0; i < table->columns->len; i++)
    {
      Column *column = g_ptr_array_index (table->columns, i);

      g_clear_object (&column->column);
      g_clear_object (&column->sorter);
      g_clear_pointer (&column->labels, g_ptr_array_unref);
      g_clear_pointer (&column->values, g_ptr_array_unref);
      g_free (column);
    }
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_object (&table->selection);
  g_clear_object (&table->sorted);
}

static void
visible_child_cb (GtkStack    *stack,
                  GParamSpec  *pspec,
                  SmTableView *self)
{
  update_actions (self);
}

static void
sm_table_view_constructed (GObject *object)
{
  SmTableView *self = (SmTableView *) object;
  GtkWidget   *switcher;
  GtkWidget   *add_button;
  GtkWidget   *remove_button;
  GtkWidget   *content;

  G_OBJECT_CLASS (sm_table_view_parent_class)->constructed (object);

  g_assert (SM_IS_DOCUMENT (self->document));
  self->map = g_object_ref (sm_document_get_map (self->document));
  self->selection = g_object_ref (sm_document_get_selection (self->document));
  self->read_only = sm_document_get_read_only (self->document);
  self->probe_a = sm_record_new (SM_RECORD_STAKEHOLDER, NULL);
  self->probe_b = sm_record_new (SM_RECORD_STAKEHOLDER, NULL);

  table_init (self, &self->tables[TABLE_STAKEHOLDERS], SM_RECORD_STAKEHOLDER,
              _sm_table_stakeholder_columns, _ ("Stakeholders"));
  table_init (self, &self->tables[TABLE_RELATIONSHIPS], SM_RECORD_RELATIONSHIP,
              _sm_table_relationship_columns, _ ("Relationships"));

  self->stack = gtk_stack_new ();
  gtk_stack_add_titled (GTK_STACK (self->stack), self->tables[TABLE_STAKEHOLDERS].scrolled,
                        "stakeholders", _ ("Stakeholders"));
  gtk_stack_add_titled (GTK_STACK (self->stack), self->tables[TABLE_RELATIONSHIPS].scrolled,
                        "relationships", _ ("Relationships"));
  g_signal_connect (self->stack, "notify::visible-child", G_CALLBACK (visible_child_cb), self);

  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->stack));

  add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add_button),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "list-add-symbolic",
                                      "label", _ ("_Add Stakeholder"),
                                      "use-underline", TRUE,
                                      NULL));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "table.add-stakeholder");
  gtk_widget_set_tooltip_text (add_button, _ ("Add a stakeholder and type its name"));

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "table.remove");
  gtk_widget_set_tooltip_text (remove_button, _ ("Remove the selected rows (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Remove"),
                                  -1);

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->header, "toolbar");
  gtk_box_append (GTK_BOX (self->header), switcher);
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_widget_set_halign (content, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (content), add_button);
  gtk_box_append (GTK_BOX (content), remove_button);
  gtk_box_append (GTK_BOX (self->header), content);

  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  g_signal_connect (self->selection, "changed", G_CALLBACK (document_selection_changed_cb), self);
  g_signal_connect (self->map, "record-changed", G_CALLBACK (map_record_changed_resort_cb), self);

  for (guint i = 0; i < N_TABLES; i++)
    table_follow_document (&self->tables[i], FALSE);
  update_actions (self);
}

static void
sm_table_view_dispose (GObject *object)
{
  SmTableView *self = (SmTableView *) object;
  GtkWidget   *child;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->header = NULL;
  self->stack = NULL;

  for (guint i = 0; i < N_TABLES; i++)
    table_clear (&self->tables[i]);

  g_clear_pointer (&self->pending_edit, g_free);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_object (&self->selection);
  g_clear_object (&self->map);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sm_table_view_parent_class)->dispose (object);
}

static void
sm_table_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SmTableView *self = SM_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_table_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SmTableView *self = SM_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Expands as its tables do, like a box would. */
static void
sm_table_view_compute_expand (GtkWidget *widget,
                              gboolean  *hexpand,
                              gboolean  *vexpand)
{
  *hexpand = *vexpand = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *hexpand = *hexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand = *vexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

/* Drop-downs in every cell would make a wall of buttons: they read as
 * text until pointed at or focused. */
static const char table_css[] =
  "sm-table-view columnview dropdown > button {"
  "  background: none; box-shadow: none; font-weight: normal;"
  "  min-height: 24px; padding: 2px 6px; }"
  "sm-table-view columnview dropdown > button:hover,"
  "sm-table-view columnview dropdown > button:focus-visible {"
  "  background: alpha(currentColor, 0.08); }"
  "sm-table-view columnview dropdown > button arrow { opacity: 0.4; }"
  "sm-table-view columnview dropdown > button:hover arrow { opacity: 1; }";

static void
sm_table_view_realize (GtkWidget *widget)
{
  static GdkDisplay *styled;
  GdkDisplay        *display = gtk_widget_get_display (widget);

  if (styled != display)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, table_css, -1);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      styled = display;
    }

  GTK_WIDGET_CLASS (sm_table_view_parent_class)->realize (widget);
}

static void
sm_table_view_class_init (SmTableViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_table_view_constructed;
  object_class->dispose = sm_table_view_dispose;
  object_class->get_property = sm_table_view_get_property;
  object_class->set_property = sm_table_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "table.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "table.add-stakeholder", NULL, add_stakeholder_action);
  /* A cell being typed in takes Delete first; only a row's Delete
   * reaches here. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "table.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "table.remove", NULL);

  widget_class->realize = sm_table_view_realize;
  widget_class->compute_expand = sm_table_view_compute_expand;

  gtk_widget_class_set_css_name (widget_class, "sm-table-view");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sm_table_view_init (SmTableView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
sm_table_view_new (SmDocument *document)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  return g_object_new (SM_TYPE_TABLE_VIEW, "document", document, NULL);
}

SmDocument *
sm_table_view_get_document (SmTableView *self)
{
  g_return_val_if_fail (SM_IS_TABLE_VIEW (self), NULL);
  return self->document;
}

GtkColumnView *
sm_table_view_get_stakeholder_table (SmTableView *self)
{
  g_return_val_if_fail (SM_IS_TABLE_VIEW (self), NULL);
  return self->tables[TABLE_STAKEHOLDERS].view;
}

GtkColumnView *
sm_table_view_get_relationship_table (SmTableView *self)
{
  g_return_val_if_fail (SM_IS_TABLE_VIEW (self), NULL);
  return self->tables[TABLE_RELATIONSHIPS].view;
}

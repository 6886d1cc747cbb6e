/* test-table.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sm-command.h"
#include "sm-format.h"
#include "sm-table-view-private.h"
#include "sm-ui-test-utils.h"

/* The table view as someone using a keyboard or a screen reader meets it:
 * rows that follow the map, sorting with unknowns last, editing in place
 * with undo, the selection shared with the canvas, and deleting. */

#define MAP                                                                                           \
  "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Air\"},"                               \
  "\"stakeholders\":["                                                                                \
  "{\"id\":\"a\",\"name\":\"Ann\",\"kind\":\"citizen\",\"influence\":5,\"x\":0,\"y\":0},"             \
  "{\"id\":\"b\",\"name\":\"Bea\",\"kind\":\"funder\",\"influence\":\"unknown\",\"x\":100,\"y\":50}," \
  "{\"id\":\"c\",\"name\":\"Cy\",\"kind\":\"carer\",\"influence\":2,\"x\":200,\"y\":0},"              \
  "{\"id\":\"d\",\"name\":\"Dee\",\"kind\":\"manager\",\"influence\":8,\"x\":300,\"y\":-20}],"        \
  "\"relationships\":["                                                                               \
  "{\"id\":\"r1\",\"source\":\"a\",\"target\":\"b\",\"category\":\"information\"},"                   \
  "{\"id\":\"r2\",\"source\":\"b\",\"target\":\"c\",\"category\":\"collaboration\"},"                 \
  "{\"id\":\"r3\",\"source\":\"c\",\"target\":\"d\",\"category\":\"money_funding\"}]}"

typedef struct
{
  SmMap         *map;
  SmDocument    *document;
  GtkWidget     *window;
  SmTableView   *view;
  GtkColumnView *stakeholders;
  GtkColumnView *relationships;
} Fixture;

static void
fixture_set_up_text (Fixture    *f,
                     const char *text)
{
  f->map = sm_test_load (text);
  f->document = sm_document_new (f->map, NULL);
  f->view = SM_TABLE_VIEW (sm_table_view_new (f->document));
  f->stakeholders = sm_table_view_get_stakeholder_table (f->view);
  f->relationships = sm_table_view_get_relationship_table (f->view);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
  sm_test_wait_for_idle ();
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  fixture_set_up_text (f, MAP);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  /* GTK finishes a name edit 100 ms after focus leaves it. */
  sm_test_wait_for_idle ();
  sm_test_wait_for_idle ();
  g_assert_null (f->view);
  g_clear_object (&f->document);
  g_assert_finalize_object (f->map);
}

static GListModel *
rows_of (GtkColumnView *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

/* The rows' labels, in the order the table shows them: "Ann Bea". */
static char *
row_names (GtkColumnView *view)
{
  GListModel *rows = rows_of (view);
  GString    *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SmRecord) record = g_list_model_get_item (rows, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", sm_record_get_label (record));
    }
  return g_string_free (text, FALSE);
}

static char *
selected_names (GtkColumnView *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  GString           *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    if (gtk_selection_model_is_selected (model, i))
      {
        g_autoptr(SmRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", sm_record_get_label (record));
      }
  return g_string_free (text, FALSE);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static guint
column_index (GtkColumnView *view,
              const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE_LABEL (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  return NULL;
}

/* The widget in the cell of @title on the row whose first cell reads
 * @row_name, found as a user sees it: rows of cells, in column order. */
static GtkWidget *
find_cell (GtkColumnView *view,
           const char    *row_name,
           const char    *title)
{
  guint wanted = column_index (view, title);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_VIEW (child))
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (child);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *cell = gtk_widget_get_first_child (row);
          GtkWidget *found = NULL;

          if (cell == NULL || !gtk_widget_get_visible (row) ||
              g_strcmp0 (widget_text (gtk_widget_get_first_child (cell)), row_name) != 0)
            continue;
          for (guint i = 0; cell != NULL; i++, cell = gtk_widget_get_next_sibling (cell))
            if (i == wanted)
              found = gtk_widget_get_first_child (cell);
          return found;
        }
    }
  return NULL;
}

static guint
count_widgets (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);
  return n;
}

static void
count_cb (gpointer instance,
          guint   *count)
{
  (*count)++;
}

static void
test_rows_follow_map (Fixture      *f,
                      gconstpointer data)
{
  SmHistory *history = sm_document_get_history (f->document);
  g_autoptr(JsonObject) eve = json_object_new ();
  g_autofree char *names = NULL;
  g_autofree char *after_add = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_remove = NULL;
  g_autofree char *relationships = NULL;

  names = row_names (f->stakeholders);
  g_assert_cmpstr (names, ==, "Ann Bea Cy Dee");
  relationships = row_names (f->relationships);
  g_assert_cmpstr (relationships, ==, "information collaboration money_funding");

  json_object_set_string_member (eve, "name", "Eve");
  sm_document_push (f->document, sm_command_new_add (f->map, SM_RECORD_STAKEHOLDER, eve));
  after_add = row_names (f->stakeholders);
  g_assert_cmpstr (after_add, ==, "Ann Bea Cy Dee Eve");

  sm_history_undo (history);
  after_undo = row_names (f->stakeholders);
  g_assert_cmpstr (after_undo, ==, "Ann Bea Cy Dee");

  sm_document_push (f->document, sm_command_new_remove (f->map, sm_map_lookup (f->map, "b")));
  after_remove = row_names (f->stakeholders);
  g_assert_cmpstr (after_remove, ==, "Ann Cy Dee");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->relationships)), ==, 1);

  sm_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->stakeholders)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->relationships)), ==, 3);

  /* Names changed elsewhere show in the cells and in From and To. */
  sm_document_push (f->document, sm_command_new_set_string (sm_map_lookup (f->map, "a"), "name", "Annie"));
  sm_test_wait_for_idle ();
  g_assert_nonnull (find_cell (f->stakeholders, "Annie", "Name"));
  g_assert_cmpstr (widget_text (find_cell (f->relationships, "Annie", "To")), ==, "Bea");
}

static void
test_sort_unknown_last (Fixture      *f,
                        gconstpointer data)
{
  GtkColumnViewColumn *influence = column_titled (f->stakeholders, "Influence");
  g_autofree char     *ascending = NULL;
  g_autofree char     *descending = NULL;
  g_autofree char     *by_name = NULL;
  g_autofree char     *resorted = NULL;

  gtk_column_view_sort_by_column (f->stakeholders, influence, GTK_SORT_ASCENDING);
  ascending = row_names (f->stakeholders);
  g_assert_cmpstr (ascending, ==, "Cy Ann Dee Bea");

  /* Most powerful first, and still nobody unknown in between. */
  gtk_column_view_sort_by_column (f->stakeholders, influence, GTK_SORT_DESCENDING);
  descending = row_names (f->stakeholders);
  g_assert_cmpstr (descending, ==, "Dee Ann Cy Bea");

  /* An edit made elsewhere moves its row. */
  sm_document_push (f->document, sm_command_new_set_number (sm_map_lookup (f->map, "c"), "influence", 9));
  resorted = row_names (f->stakeholders);
  g_assert_cmpstr (resorted, ==, "Cy Dee Ann Bea");

  gtk_column_view_sort_by_column (f->stakeholders, column_titled (f->stakeholders, "Name"),
                                  GTK_SORT_DESCENDING);
  by_name = row_names (f->stakeholders);
  g_assert_cmpstr (by_name, ==, "Dee Cy Bea Ann");
}

static void
test_edit_name (Fixture      *f,
                gconstpointer data)
{
  SmRecord  *ann = sm_map_lookup (f->map, "a");
  GtkWidget *cell = find_cell (f->stakeholders, "Ann", "Name");

  g_assert_true (GTK_IS_EDITABLE_LABEL (cell));
  gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "Annie");
  /* Typing alone changes nothing; pressing Enter does. */
  g_assert_cmpstr (sm_stakeholder_get_name (ann), ==, "Ann");
  gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (cell), TRUE);
  g_assert_cmpstr (sm_stakeholder_get_name (ann), ==, "Annie");

  sm_history_undo (sm_document_get_history (f->document));
  sm_test_wait_for_idle ();
  g_assert_cmpstr (sm_stakeholder_get_name (ann), ==, "Ann");
  g_assert_nonnull (find_cell (f->stakeholders, "Ann", "Name"));
  g_assert_null (find_cell (f->stakeholders, "Annie", "Name"));

  /* Escape, and an emptied name, change nothing. */
  cell = find_cell (f->stakeholders, "Ann", "Name");
  gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "");
  gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (cell), TRUE);
  g_assert_cmpstr (sm_stakeholder_get_name (ann), ==, "Ann");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "Ann");
  g_assert_false (sm_history_can_undo (sm_document_get_history (f->document)));
}

static void
test_edit_choices (Fixture      *f,
                   gconstpointer data)
{
  SmHistory  *history = sm_document_get_history (f->document);
  SmRecord   *ann = sm_map_lookup (f->map, "a");
  SmRecord   *r1 = sm_map_lookup (f->map, "r1");
  GtkWidget  *influence = find_cell (f->stakeholders, "Ann", "Influence");
  GtkWidget  *kind = find_cell (f->stakeholders, "Ann", "Kind");
  GtkWidget  *strength = find_cell (f->relationships, "Ann", "Strength");
  GListModel *options;

  g_assert_true (GTK_IS_DROP_DOWN (influence));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (influence)), ==, 5);
  options = gtk_drop_down_get_model (GTK_DROP_DOWN (influence));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 12);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (options), 11), ==, "Unknown");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (influence), 7);
  g_assert_cmpfloat (sm_record_get_score (ann, "influence"), ==, 7);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (influence), 11);
  g_assert_cmpstr (sm_record_get_string (ann, "influence"), ==, "unknown");

  /* Undo from elsewhere puts the cell back. */
  sm_history_undo (history);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (influence)), ==, 7);
  sm_history_undo (history);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (influence)), ==, 5);
  g_assert_cmpfloat (sm_record_get_score (ann, "influence"), ==, 5);

  /* A score no option names is shown as it is, and left alone. */
  sm_document_push (f->document, sm_command_new_set_number (ann, "influence", 6.5));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (influence)), ==, 12);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (options), 12), ==, "6.5");
  sm_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 12);

  g_assert_true (GTK_IS_DROP_DOWN (kind));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 0);
  g_assert_cmpstr (sm_record_get_enum (ann, "kind"), ==, "professional");
  /* The derived side follows. */
  g_assert_cmpstr (widget_text (find_cell (f->stakeholders, "Ann", "Side")), ==, "Institutional");
  sm_history_undo (history);
  g_assert_cmpstr (widget_text (find_cell (f->stakeholders, "Ann", "Side")), ==, "Community");

  /* Strength has no "unknown": choosing it leaves the member out. */
  g_assert_true (GTK_IS_DROP_DOWN (strength));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (strength), 2);
  g_assert_cmpfloat (sm_record_get_score (r1, "strength"), ==, 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (strength), 5);
  g_assert_false (sm_record_has_value (r1, "strength"));
}

static void
test_selection_shared (Fixture      *f,
                       gconstpointer data)
{
  SmSelection       *selection = sm_document_get_selection (f->document);
  GtkSelectionModel *rows = gtk_column_view_get_model (f->stakeholders);
  guint              changes = 0;
  g_autofree char   *ids = NULL;
  g_autofree char   *ids2 = NULL;
  g_autofree char   *picked = NULL;
  g_autofree char   *edges = NULL;
  g_autofree char   *none = NULL;
  const char        *canvas[] = { "d", "b", "r2", NULL };

  g_signal_connect (selection, "changed", G_CALLBACK (count_cb), &changes);

  /* Clicking a row selects that record, once. */
  gtk_selection_model_select_item (rows, 2, TRUE);
  ids = sm_test_ids_of (selection, " ");
  g_assert_cmpstr (ids, ==, "c");
  g_assert_cmpuint (changes, ==, 1);

  /* Extending keeps the first one and makes the new one primary. */
  gtk_selection_model_select_item (rows, 0, FALSE);
  ids2 = sm_test_ids_of (selection, " ");
  g_assert_cmpstr (ids2, ==, "c a");
  g_assert_cmpstr (sm_selection_get_primary (selection), ==, "a");
  g_assert_cmpuint (changes, ==, 2);

  /* Selecting on the canvas selects rows in both tables. */
  sm_selection_set (selection, canvas);
  g_assert_cmpuint (changes, ==, 3);
  picked = selected_names (f->stakeholders);
  g_assert_cmpstr (picked, ==, "Bea Dee");
  edges = selected_names (f->relationships);
  g_assert_cmpstr (edges, ==, "collaboration");

  /* Rows keep their records' selection when they are sorted. */
  gtk_column_view_sort_by_column (f->stakeholders, column_titled (f->stakeholders, "Name"),
                                  GTK_SORT_DESCENDING);
  g_clear_pointer (&picked, g_free);
  picked = selected_names (f->stakeholders);
  g_assert_cmpstr (picked, ==, "Dee Bea");
  g_assert_cmpuint (changes, ==, 3);

  sm_selection_clear (selection);
  none = selected_names (f->stakeholders);
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpuint (changes, ==, 4);
}

static void
test_delete_selection (Fixture      *f,
                       gconstpointer data)
{
  SmSelection     *selection = sm_document_get_selection (f->document);
  SmHistory       *history = sm_document_get_history (f->document);
  const char      *ids[] = { "b", "c", NULL };
  g_autofree char *left = NULL;
  g_autofree char *title = NULL;

  /* Nothing selected: nothing to delete. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "table.remove", NULL);
  g_assert_false (sm_history_can_undo (history));

  sm_selection_set (selection, ids);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "table.remove", NULL));
  left = row_names (f->stakeholders);
  g_assert_cmpstr (left, ==, "Ann Dee");
  /* Every relationship touched one of them. */
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->relationships)), ==, 0);
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 0);
  title = sm_history_dup_undo_title (history);
  g_assert_cmpstr (title, ==, "Delete 2 Stakeholders");

  /* One undo brings them all back. */
  sm_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->stakeholders)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->relationships)), ==, 3);
  g_assert_false (sm_history_can_undo (history));
}

/* Delete is bound to removing, and reaches it from a focused row. */
static void
test_delete_key (Fixture      *f,
                 gconstpointer data)
{
  SmSelection *selection = sm_document_get_selection (f->document);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  gboolean   bound = FALSE;
  GtkWidget *cell;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction  *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Delete &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "table.remove") == 0)
            bound = TRUE;
        }
    }
  g_assert_true (bound);

  sm_selection_select_only (selection, "d");
  sm_test_wait_for_idle ();
  cell = find_cell (f->stakeholders, "Dee", "Side");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_activate_action (cell, "table.remove", NULL));
  g_assert_null (sm_map_lookup (f->map, "d"));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->relationships)), ==, 2);
}

static void
test_add_stakeholder (Fixture      *f,
                      gconstpointer data)
{
  SmSelection *selection = sm_document_get_selection (f->document);
  SmRecord    *added;
  GtkWidget   *cell;
  double       x, y;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "table.add-stakeholder", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->stakeholders)), ==, 5);
  added = sm_selection_get_primary_record (selection);
  g_assert_nonnull (added);
  g_assert_cmpstr (sm_stakeholder_get_name (added), ==, "New stakeholder");
  g_assert_cmpuint (sm_selection_get_size (selection), ==, 1);
  /* To the right of everyone, so it covers nobody. */
  g_assert_true (sm_stakeholder_get_position (added, &x, &y));
  g_assert_cmpfloat (x, >, 300 + 50);

  sm_test_wait_for_idle ();
  cell = find_cell (f->stakeholders, "New stakeholder", "Name");
  g_assert_true (GTK_IS_EDITABLE_LABEL (cell));
  g_assert_true (gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (cell)));
  gtk_editable_set_text (GTK_EDITABLE (cell), "Fay");
  gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (cell), TRUE);
  g_assert_cmpstr (sm_stakeholder_get_name (added), ==, "Fay");
}

static void
test_read_only (void)
{
  Fixture  fixture = { 0 };
  Fixture *f = &fixture;

  fixture_set_up_text (f, "{\"format\":\"stakemap\",\"version\":2,"
                          "\"stakeholders\":[{\"id\":\"a\",\"name\":\"Ann\",\"influence\":4}]}");
  g_assert_true (sm_document_get_read_only (f->document));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->stakeholders)), ==, 1);
  g_assert_true (GTK_IS_LABEL (find_cell (f->stakeholders, "Ann", "Influence")));
  g_assert_cmpstr (widget_text (find_cell (f->stakeholders, "Ann", "Influence")), ==, "4");
  g_assert_cmpuint (count_widgets (GTK_WIDGET (f->view), GTK_TYPE_EDITABLE_LABEL), ==, 0);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "table.add-stakeholder", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (f->stakeholders)), ==, 1);
  sm_selection_select_only (sm_document_get_selection (f->document), "a");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "table.remove", NULL);
  g_assert_nonnull (sm_map_lookup (f->map, "a"));
  fixture_tear_down (f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/ui/table/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("rows-follow-map", test_rows_follow_map);
  ADD ("sort-unknown-last", test_sort_unknown_last);
  ADD ("edit-name", test_edit_name);
  ADD ("edit-choices", test_edit_choices);
  ADD ("selection-shared", test_selection_shared);
  ADD ("delete-selection", test_delete_selection);
  ADD ("delete-key", test_delete_key);
  ADD ("add-stakeholder", test_add_stakeholder);
  g_test_add_func ("/ui/table/read-only", test_read_only);

  return g_test_run ();
}

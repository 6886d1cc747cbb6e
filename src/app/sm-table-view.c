/* sm-table-view.c
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

#include "sm-command.h"
#include "sm-labels.h"
#include "sm-schema.h"
#include "sm-table-view-private.h"

/* Everything the canvas shows, as rows a keyboard and a screen reader can
 * reach. Cells edit through commands, so each edit is one undo step, and
 * follow the record when it changes elsewhere. The tables' selections
 * mirror the document's shared selection. */

typedef enum
{
  CELL_NAME,   /* editable label on "name" */
  CELL_CHOICE, /* drop-down over the field's values, "Unknown" last */
  CELL_TEXT,   /* derived or summarised text, read only */
} CellType;

typedef struct
{
  const char        *title; /* N_() */
  const char        *path;  /* the field, or the member a text reads */
  CellType           cell;
  const char        *depends;       /* top-level members it shows, space separated */
  const char *const *labels;        /* CELL_CHOICE: own labels, in the field's order */
  char *(*text) (SmRecord *record); /* CELL_TEXT */
  int (*key) (SmRecord *record);    /* CELL_TEXT: sort key, -1 unknown; NULL sorts by text */
  gboolean expand;
} ColumnInfo;

typedef struct _Table Table;

typedef struct
{
  const ColumnInfo    *info;
  Table               *table;
  GtkColumnViewColumn *column;
  GtkSorter           *sorter;
  const SmField       *field;
  GPtrArray           *labels;  /* CELL_CHOICE: option labels */
  GPtrArray           *values;  /* CELL_CHOICE: JsonNode per option, NULL removes the member */
  guint                unknown; /* CELL_CHOICE: the option meaning "unknown", or G_MAXUINT */
  gboolean             descending;
} Column;

struct _Table
{
  SmTableView       *self;
  SmRecordKind       kind;
  GtkWidget         *scrolled;
  GtkColumnView     *view;
  GtkSorter         *view_sorter;
  GtkSortListModel  *sorted;
  GtkMultiSelection *selection;
  GPtrArray         *columns;
};

enum
{
  TABLE_STAKEHOLDERS,
  TABLE_RELATIONSHIPS,
  N_TABLES
};

struct _SmTableView
{
  GtkWidget parent_instance;

  SmDocument  *document;
  SmMap       *map;
  SmSelection *selection;
  gboolean     read_only;

  GtkWidget *header;
  GtkWidget *stack;
  Table      tables[N_TABLES];

  /* Two blank records compared to learn a column's sort direction (see
   * probe_sort_order ()). */
  SmRecord *probe_a;
  SmRecord *probe_b;
  Column   *probing;

  char *pending_edit; /* id of an added stakeholder whose name to edit */
  guint syncing;      /* > 0 while the selections are being matched */
  guint own_edit;     /* > 0 while a cell pushes its command */
};

G_DEFINE_FINAL_TYPE (SmTableView, sm_table_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the columns show */

static char *
side_text (SmRecord *record)
{
  static const char *const names[] = { "other", "community", "institutional" };

  return g_strdup (sm_value_label (names[sm_stakeholder_get_side (record)]));
}

static int
side_key (SmRecord *record)
{
  /* Community first: the side co-production most often leaves out. */
  switch (sm_stakeholder_get_side (record))
    {
    case SM_SIDE_COMMUNITY:
      return 0;
    case SM_SIDE_INSTITUTIONAL:
      return 1;
    case SM_SIDE_OTHER:
    default:
      return 2;
    }
}

/* "Fee, expenses": what a facilitator needs to see at a glance. */
static char *
paid_text (SmRecord *record)
{
  const char *time_paid = sm_record_get_enum (record, "remuneration.time_paid");
  const char *expenses = sm_record_get_enum (record, "remuneration.expenses_covered");

  if (g_strcmp0 (time_paid, "unknown") == 0)
    return g_strdup (_ ("Unknown"));
  if (g_strcmp0 (expenses, "yes") == 0)
    /* Translators: how someone is paid, then that their expenses are covered */
    return g_strdup_printf (_ ("%s, expenses"), sm_value_label (time_paid));
  return g_strdup (sm_value_label (time_paid));
}

static int
paid_key (SmRecord *record)
{
  const SmField *field = sm_schema_lookup_path (SM_RECORD_STAKEHOLDER, "remuneration.time_paid");
  const char    *value = sm_record_get_enum (record, "remuneration.time_paid");

  if (g_strcmp0 (value, "unknown") == 0)
    return -1;
  for (int i = 0; field->values[i] != NULL; i++)
    if (g_strcmp0 (field->values[i], value) == 0)
      return i;
  return G_MAXINT;
}

static const char *
endpoint_name (SmRecord   *relationship,
               const char *end)
{
  SmMap      *map = sm_record_get_map (relationship);
  const char *id = sm_record_get_string (relationship, end);
  SmRecord   *stakeholder = NULL;

  if (map != NULL && id != NULL)
    stakeholder = sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id);
  if (stakeholder == NULL)
    return id != NULL ? id : "";
  return sm_stakeholder_get_name (stakeholder);
}

static char *
source_text (SmRecord *record)
{
  return g_strdup (endpoint_name (record, "source"));
}

static char *
target_text (SmRecord *record)
{
  return g_strdup (endpoint_name (record, "target"));
}

static const char *const ladder_labels[] = {
  N_ ("0 Not involved"), N_ ("1 Coercion"), N_ ("2 Educating"), N_ ("3 Informing"),
  N_ ("4 Consultation"), N_ ("5 Engagement"), N_ ("6 Co-design"), N_ ("7 Co-production"),
  N_ ("Unknown"), NULL
};

static const char *const holder_labels[] = {
  N_ ("From"), N_ ("To"), N_ ("Equal"), N_ ("Unknown"), NULL
};

static const ColumnInfo stakeholder_columns[] = {
  { N_ ("Name"), "name", CELL_NAME, "name", .expand = TRUE },
  { N_ ("Kind"), "kind", CELL_CHOICE, "kind" },
  { N_ ("Side"), "side", CELL_TEXT, "kind lived_experience community_led side_override",
    .text = side_text, .key = side_key },
  { N_ ("Influence"), "influence", CELL_CHOICE, "influence" },
  { N_ ("Interest"), "interest", CELL_CHOICE, "interest" },
  { N_ ("Lived experience"), "lived_experience.relevant", CELL_CHOICE, "lived_experience" },
  { N_ ("Participation"), "participation_level", CELL_CHOICE, "participation_level",
    .labels = ladder_labels },
  { N_ ("Paid"), "remuneration", CELL_TEXT, "remuneration", .text = paid_text, .key = paid_key },
  { NULL }
};

static const ColumnInfo relationship_columns[] = {
  { N_ ("From"), "source", CELL_TEXT, "source", .text = source_text, .expand = TRUE },
  { N_ ("To"), "target", CELL_TEXT, "target", .text = target_text, .expand = TRUE },
  { N_ ("Category"), "category", CELL_CHOICE, "category" },
  { N_ ("Direction"), "direction", CELL_CHOICE, "direction" },
  { N_ ("Strength"), "strength", CELL_CHOICE, "strength" },
  { N_ ("More power"), "power_difference.holder", CELL_CHOICE, "power_difference",
    .labels = holder_labels },
  { N_ ("Form of power"), "power_form", CELL_CHOICE, "power_form" },
  { NULL }
};

static gboolean
column_depends_on (const ColumnInfo *info,
                   const char       *path)
{
  g_auto(GStrv) deps = NULL;
  g_autofree char *member = NULL;
  const char      *dot;

  if (path == NULL || *path == '\0')
    return TRUE;
  dot = strchr (path, '.');
  member = dot != NULL ? g_strndup (path, dot - path) : g_strdup (path);
  deps = g_strsplit (info->depends, " ", -1);
  return g_strv_contains ((const char *const *) deps, member);
}

/* The name a row goes by, for accessible names: "Ann" or "Ann to Bea". */
static char *
dup_row_name (SmRecord *record)
{
  if (sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP)
    /* Translators: a relationship, from one stakeholder to another */
    return g_strdup_printf (_ ("%s to %s"), endpoint_name (record, "source"),
                            endpoint_name (record, "target"));
  return g_strdup (sm_record_get_label (record));
}

/* Choices */

static void
free_node (gpointer node)
{
  if (node != NULL)
    json_node_unref (node);
}

static void
column_init_choices (Column *column)
{
  const SmField    *field = column->field;
  const ColumnInfo *info = column->info;

  column->labels = g_ptr_array_new_with_free_func (g_free);
  column->values = g_ptr_array_new_with_free_func (free_node);
  column->unknown = G_MAXUINT;

  switch (field->type)
    {
    case SM_FIELD_ENUM:
      for (guint i = 0; field->values[i] != NULL; i++)
        {
          const char *value = field->values[i];

          if (g_strcmp0 (value, "unknown") == 0)
            column->unknown = i;
          g_ptr_array_add (column->labels, g_strdup (info->labels != NULL ? _ (info->labels[i])
                                                                          : sm_value_label (value)));
          g_ptr_array_add (column->values, json_node_init_string (json_node_alloc (), value));
        }
      break;

    case SM_FIELD_SCORE:
    case SM_FIELD_LEVEL:
    case SM_FIELD_INTEGER:
      for (int i = (int) field->min; i <= (int) field->max; i++)
        {
          g_ptr_array_add (column->labels, info->labels != NULL ? g_strdup (_ (info->labels[i]))
                                                                : g_strdup_printf ("%d", i));
          g_ptr_array_add (column->values, json_node_init_int (json_node_alloc (), i));
        }
      column->unknown = column->labels->len;
      g_ptr_array_add (column->labels, g_strdup (_ ("Unknown")));
      /* Scores and levels may say "unknown"; other numbers are left out. */
      g_ptr_array_add (column->values, field->type == SM_FIELD_INTEGER
                                         ? NULL
                                         : json_node_init_string (json_node_alloc (), "unknown"));
      break;

    case SM_FIELD_BOOLEAN:
      g_ptr_array_add (column->labels, g_strdup (_ ("Yes")));
      g_ptr_array_add (column->values, json_node_init_boolean (json_node_alloc (), TRUE));
      g_ptr_array_add (column->labels, g_strdup (_ ("No")));
      g_ptr_array_add (column->values, json_node_init_boolean (json_node_alloc (), FALSE));
      column->unknown = 2;
      g_ptr_array_add (column->labels, g_strdup (_ ("Unknown")));
      g_ptr_array_add (column->values, json_node_init_string (json_node_alloc (), "unknown"));
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
column_is_numeric (Column *column)
{
  return column->field->type == SM_FIELD_SCORE ||
         column->field->type == SM_FIELD_LEVEL ||
         column->field->type == SM_FIELD_INTEGER;
}

/* The option @record holds, or -1 for a value no option names (such as a
 * score of 6.5, kept as it is). */
static int
column_get_choice (Column   *column,
                   SmRecord *record)
{
  const char *path = column->info->path;

  switch (column->field->type)
    {
    case SM_FIELD_ENUM:
      {
        const char *value = sm_record_get_enum (record, path);

        for (guint i = 0; column->field->values[i] != NULL; i++)
          if (g_strcmp0 (column->field->values[i], value) == 0)
            return i;
        return -1;
      }

    case SM_FIELD_SCORE:
    case SM_FIELD_LEVEL:
    case SM_FIELD_INTEGER:
      {
        double score = sm_record_get_score (record, path);

        if (!SM_IS_KNOWN (score))
          return column->unknown;
        if (score == floor (score) && score >= column->field->min && score <= column->field->max)
          return (int) (score - column->field->min);
        return -1;
      }

    case SM_FIELD_BOOLEAN:
      switch (sm_record_get_boolean (record, path))
        {
        case SM_TRISTATE_TRUE:
          return 0;
        case SM_TRISTATE_FALSE:
          return 1;
        case SM_TRISTATE_UNKNOWN:
        default:
          return column->unknown;
        }

    default:
      g_assert_not_reached ();
    }
}

static char *
column_dup_odd_label (Column   *column,
                      SmRecord *record)
{
  if (column_is_numeric (column))
    return g_strdup_printf ("%g", sm_record_get_score (record, column->info->path));
  return g_strdup (sm_value_label (sm_record_get_string (record, column->info->path)));
}

static char *
column_dup_text (Column   *column,
                 SmRecord *record)
{
  int choice;

  switch (column->info->cell)
    {
    case CELL_NAME:
      return g_strdup (sm_record_get_label (record));
    case CELL_TEXT:
      return column->info->text (record);
    case CELL_CHOICE:
      choice = column_get_choice (column, record);
      if (choice < 0)
        return column_dup_odd_label (column, record);
      return g_strdup (g_ptr_array_index (column->labels, choice));
    default:
      g_assert_not_reached ();
    }
}

/* Sorting */

/* A column's sorter sees blank probe records only from probe_sort_order ():
 * the column being probed orders them, every other column ties. */
static gboolean
is_probe (SmTableView  *self,
          gconstpointer a,
          gconstpointer b,
          Column       *column,
          int          *result)
{
  if (a != self->probe_a || b != self->probe_b)
    return FALSE;
  *result = self->probing == column ? GTK_ORDERING_SMALLER : GTK_ORDERING_EQUAL;
  return TRUE;
}

/* Unknown values go last whichever way the column is sorted: the column
 * view turns the whole result round for a descending sort, so turn the
 * unknowns round first. */
static int
compare_unknowns (Column  *column,
                  gboolean a_unknown,
                  gboolean b_unknown)
{
  int last = column->descending ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  if (a_unknown && b_unknown)
    return GTK_ORDERING_EQUAL;
  return a_unknown ? last : -last;
}

static int
compare_numbers (double a,
                 double b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER
                                              : GTK_ORDERING_EQUAL;
}

static int
column_compare_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  Column   *column = user_data;
  SmRecord *ra = (SmRecord *) a;
  SmRecord *rb = (SmRecord *) b;
  double    ka, kb;
  int       result;

  if (is_probe (column->table->self, a, b, column, &result))
    return result;

  if (column->info->cell == CELL_TEXT)
    {
      ka = column->info->key (ra);
      kb = column->info->key (rb);
    }
  else if (column_is_numeric (column))
    {
      ka = sm_record_get_score (ra, column->info->path);
      kb = sm_record_get_score (rb, column->info->path);
    }
  else
    {
      int ca = column_get_choice (column, ra);
      int cb = column_get_choice (column, rb);

      /* Values no option names sort after the known ones. */
      ka = ca == (int) column->unknown ? -1 : ca < 0 ? G_MAXINT
                                                     : ca;
      kb = cb == (int) column->unknown ? -1 : cb < 0 ? G_MAXINT
                                                     : cb;
    }

  if (ka < 0 || kb < 0)
    return compare_unknowns (column, ka < 0, kb < 0);
  return compare_numbers (ka, kb);
}

static char *
column_sort_text_cb (SmRecord *record,
                     Column   *column)
{
  if (record == NULL || sm_record_get_map (record) == NULL)
    return g_strdup ("");
  return column_dup_text (column, record);
}

static GtkSorter *
column_make_sorter (Column *column)
{
  GtkExpression *expression;

  if (column->info->cell == CELL_CHOICE || column->info->key != NULL)
    return GTK_SORTER (gtk_custom_sorter_new (column_compare_cb, column, NULL));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (column_sort_text_cb), column, NULL);
  return GTK_SORTER (gtk_string_sorter_new (expression));
}

/* GTK 4.8 cannot tell which way a column is sorted, but it can be asked
 * to compare two records: with every other column tying, the answer is
 * this column's direction. Runs before the sort model re-sorts. */
static void
probe_sort_order (Table *table)
{
  SmTableView *self = table->self;
  GtkSorter   *sorter = table->view_sorter;

  for (guint i = 0; i < table->columns->len; i++)
    {
      Column *column = g_ptr_array_index (table->columns, i);

      self->probing = column;
      column->descending = gtk_sorter_compare (sorter, self->probe_a, self->probe_b) == GTK_ORDERING_LARGER;
    }
  self->probing = NULL;
}

static void
view_sorter_changed_cb (GtkSorter      *sorter,
                        GtkSorterChange change,
                        Table          *table)
{
  probe_sort_order (table);
}

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
  g_autofree char *row = dup_row_name (cell->record);
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
      g_autofree char *text = column_dup_text (column, record);

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
      int            choice = column_get_choice (column, record);

      /* A value no option names is shown as one more option, picked. */
      if (cell->has_odd)
        gtk_string_list_remove (list, column->labels->len);
      cell->has_odd = choice < 0;
      if (cell->has_odd)
        {
          g_autofree char *odd = column_dup_odd_label (column, record);

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
  if (column_depends_on (cell->column->info, path) ||
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
  if ((int) selected == column_get_choice (column, cell->record))
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

static void
setup_cb (GtkSignalListItemFactory *factory,
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

static void
bind_cb (GtkSignalListItemFactory *factory,
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
  if (column->info->text == source_text || column->info->text == target_text)
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

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Column                   *column)
{
  cell_disconnect (cell_get (gtk_list_item_get_child (item)));
}

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
            affected = column_depends_on (column->info, path);
          else
            affected = kind == SM_RECORD_STAKEHOLDER && column->info->text != NULL &&
                       (column->info->text == source_text || column->info->text == target_text) &&
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
  /* Its name cell starts editing when it is bound (see bind_cb ()). */
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
  g_signal_connect (table->view_sorter, "changed", G_CALLBACK (view_sorter_changed_cb), table);

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
        column_init_choices (column);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), column);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);

      column->column = gtk_column_view_column_new (_ (info->title), g_steal_pointer (&factory));
      column->sorter = column_make_sorter (column);
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
              stakeholder_columns, _ ("Stakeholders"));
  table_init (self, &self->tables[TABLE_RELATIONSHIPS], SM_RECORD_RELATIONSHIP,
              relationship_columns, _ ("Relationships"));

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

/* sm-table-columns.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-schema.h"
#include "sm-table-view-private.h"

/* The tables' columns: what each one shows of a record, the choices a
 * drop-down cell offers, and how a column sorts, unknowns last. */

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

char *
_sm_table_source_text (SmRecord *record)
{
  return g_strdup (endpoint_name (record, "source"));
}

char *
_sm_table_target_text (SmRecord *record)
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

const ColumnInfo _sm_table_stakeholder_columns[] = {
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

const ColumnInfo _sm_table_relationship_columns[] = {
  { N_ ("From"), "source", CELL_TEXT, "source", .text = _sm_table_source_text, .expand = TRUE },
  { N_ ("To"), "target", CELL_TEXT, "target", .text = _sm_table_target_text, .expand = TRUE },
  { N_ ("Category"), "category", CELL_CHOICE, "category" },
  { N_ ("Direction"), "direction", CELL_CHOICE, "direction" },
  { N_ ("Strength"), "strength", CELL_CHOICE, "strength" },
  { N_ ("More power"), "power_difference.holder", CELL_CHOICE, "power_difference",
    .labels = holder_labels },
  { N_ ("Form of power"), "power_form", CELL_CHOICE, "power_form" },
  { NULL }
};

gboolean
_sm_table_column_depends_on (const ColumnInfo *info,
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
char *
_sm_table_dup_row_name (SmRecord *record)
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

void
_sm_table_column_init_choices (Column *column)
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
int
_sm_table_column_get_choice (Column   *column,
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

char *
_sm_table_column_dup_odd_label (Column   *column,
                                SmRecord *record)
{
  if (column_is_numeric (column))
    return g_strdup_printf ("%g", sm_record_get_score (record, column->info->path));
  return g_strdup (sm_value_label (sm_record_get_string (record, column->info->path)));
}

char *
_sm_table_column_dup_text (Column   *column,
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
      choice = _sm_table_column_get_choice (column, record);
      if (choice < 0)
        return _sm_table_column_dup_odd_label (column, record);
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
      int ca = _sm_table_column_get_choice (column, ra);
      int cb = _sm_table_column_get_choice (column, rb);

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
  return _sm_table_column_dup_text (column, record);
}

GtkSorter *
_sm_table_column_make_sorter (Column *column)
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

void
_sm_table_view_sorter_changed_cb (GtkSorter      *sorter,
                                  GtkSorterChange change,
                                  Table          *table)
{
  probe_sort_order (table);
}

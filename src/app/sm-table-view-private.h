/* sm-table-view-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-schema.h"
#include "sm-table-view.h"

G_BEGIN_DECLS

/* Shared by sm-table-view.c, sm-table-columns.c and sm-table-cells.c. */

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

/* sm-table-columns.c */
extern const ColumnInfo _sm_table_stakeholder_columns[];
extern const ColumnInfo _sm_table_relationship_columns[];

char      *_sm_table_source_text (SmRecord *record);
char      *_sm_table_target_text (SmRecord *record);
gboolean   _sm_table_column_depends_on (const ColumnInfo *info,
                                        const char       *path);
char      *_sm_table_dup_row_name (SmRecord *record);
void       _sm_table_column_init_choices (Column *column);
int        _sm_table_column_get_choice (Column   *column,
                                        SmRecord *record);
char      *_sm_table_column_dup_odd_label (Column   *column,
                                           SmRecord *record);
char      *_sm_table_column_dup_text (Column   *column,
                                      SmRecord *record);
GtkSorter *_sm_table_column_make_sorter (Column *column);
void       _sm_table_view_sorter_changed_cb (GtkSorter      *sorter,
                                             GtkSorterChange change,
                                             Table          *table);

/* sm-table-cells.c: a column's list item factory */
void _sm_table_cell_setup_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              Column                   *column);
void _sm_table_cell_bind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             Column                   *column);
void _sm_table_cell_unbind_cb (GtkSignalListItemFactory *factory,
                               GtkListItem              *item,
                               Column                   *column);

/* For tests: the two tables, to reach their models, columns and cells. */
GtkColumnView *sm_table_view_get_stakeholder_table (SmTableView *self);
GtkColumnView *sm_table_view_get_relationship_table (SmTableView *self);

G_END_DECLS

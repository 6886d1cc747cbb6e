/* sm-record-editor-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sm-record-editor.h"
#include "sm-schema.h"

G_BEGIN_DECLS

/* Every control is tied to one place in the record by a Binding: a member
 * path, or a path inside one element of an array member, or one key of a
 * map member. Reading and writing go through the binding, so each kind of
 * widget is written once, whatever the field it edits. */

typedef enum
{
  W_ENTRY,
  W_DATE,
  W_TEXT,
  W_SPIN,
  W_COMBO,
  W_TRISTATE,
  W_CHECKS,
  W_STRINGS,
  W_OBJECT,
  W_OBJECTS,
  W_MAP,
} WidgetKind;

typedef struct _Binding Binding;

struct _Binding
{
  /* Signal handlers hold references: a widget can outlive its binding for
   * a moment (GTK reports focus leaving a removed entry later), and then
   * finds the binding dead rather than freed. */
  guint    ref_count;
  gboolean dead;

  SmRecordEditor *editor;
  Binding        *parent; /* the list a list element belongs to */
  const SmField  *field;
  WidgetKind      kind;

  char *array_path; /* the array member holding the element, or NULL */
  int   index;      /* the element of array_path */
  char *path;       /* from the record, or inside the element ("" = itself) */
  char *map_key;    /* the key edited in a map member, or NULL */
  char *key;        /* names the control, for merging and tests */
  char *top;        /* the top-level member: its changes update us */

  GtkWidget  *row;
  GtkWidget  *control;
  GtkWidget  *check;       /* W_SPIN: Unknown / Not set */
  GtkWidget  *add;         /* W_STRINGS: the entry row that adds; W_OBJECTS: the button */
  char       *add_tooltip; /* W_OBJECTS: the button's tooltip when it can add */
  GtkWidget  *container;   /* where child rows go */
  GHashTable *parts;       /* suffix → widget, for tests */

  GPtrArray *items; /* W_COMBO, W_CHECKS: item keys (NULL = not set) */
  GPtrArray *item_labels;
  GPtrArray *item_widgets; /* W_TRISTATE, W_CHECKS: each item's button, borrowed */
  GPtrArray *children;     /* child bindings */
  GPtrArray *child_rows;   /* rows made for the children, to remove them */
  gboolean   built;        /* W_CHECKS: rows are made when first expanded */
  guint      blocked;
};

struct _SmRecordEditor
{
  GtkWidget parent_instance;

  SmDocument *document;
  SmRecord   *record;
  GtkWidget  *box;
  GPtrArray  *bindings;      /* top-level fields */
  GHashTable *by_key;        /* key → Binding, every binding, borrowed */
  char       *last_key;      /* the control of the last edit, for merging */
  GtkWidget  *consent_row;   /* a stakeholder's consent, beside the name */
  GtkWidget  *same_name_row; /* under the name: another has it too */
  GtkWidget  *same_name_label;
  GtkWidget  *same_name_button;
};

/* Each kind of field's widget is built by _sm_field_build_KIND() and
 * shown again from the record by _sm_field_KIND_update(); the editor
 * chooses them by the field's type in _sm_field_build_field() and
 * _sm_field_binding_update(). */

/* sm-record-editor.c */

void        _sm_field_binding_free (Binding *b);
void        _sm_field_connect_binding (gpointer    instance,
                                       const char *signal,
                                       GCallback   callback,
                                       Binding    *b);
Binding    *_sm_field_binding_new (SmRecordEditor *self,
                                   const SmField  *field,
                                   WidgetKind      kind,
                                   const char     *array_path,
                                   int             index,
                                   const char     *path,
                                   const char     *map_key);
void        _sm_field_binding_add_part (Binding    *b,
                                        const char *part,
                                        GtkWidget  *widget);
JsonNode   *_sm_field_binding_get_whole (Binding *b);
JsonNode   *_sm_field_binding_get (Binding *b);
JsonNode   *_sm_field_binding_dup_effective (Binding *b);
const char *_sm_field_node_string (JsonNode *node);
gboolean    _sm_field_node_number (JsonNode *node,
                                   double   *value);
char       *_sm_field_node_key (JsonNode *node);
void        _sm_field_binding_write (Binding  *b,
                                     JsonNode *value,
                                     gboolean  mergeable);
void        _sm_field_write_string (Binding    *b,
                                    const char *text,
                                    gboolean    mergeable);
void        _sm_field_watch_focus (Binding   *b,
                                   GtkWidget *widget);
void        _sm_field_set_accessible_label (GtkWidget  *widget,
                                            const char *label);
gboolean    _sm_field_has_focus_within (GtkWidget *widget);
void        _sm_field_add_row (GtkWidget *parent,
                               GtkWidget *row);
void        _sm_field_remove_row (GtkWidget *parent,
                                  GtkWidget *row);
GtkWidget  *_sm_field_plain (GtkWidget *row);
const char *_sm_field_field_label (Binding *b);
const char *_sm_field_binding_item_for (Binding   *b,
                                        GtkWidget *button);
void        _sm_field_binding_update (Binding *b);
Binding    *_sm_field_build_field (SmRecordEditor *self,
                                   GtkWidget      *parent,
                                   const SmField  *field,
                                   const char     *array_path,
                                   int             index,
                                   const char     *path,
                                   const char     *map_key);

/* sm-field-text.c */

void       _sm_field_entry_update (Binding *b);
GtkWidget *_sm_field_build_entry (Binding    *b,
                                  const char *title);
void       _sm_field_text_update (Binding *b);
GtkWidget *_sm_field_build_text (Binding *b);

/* sm-field-number.c */

void       _sm_field_spin_update (Binding *b);
GtkWidget *_sm_field_build_spin (Binding *b);

/* sm-field-choice.c */

void       _sm_field_collect_candidates (SmRecordEditor *self,
                                         SmRefKind       ref,
                                         GPtrArray      *keys,
                                         GPtrArray      *labels);
gboolean   _sm_field_str_arrays_equal (GPtrArray *a,
                                       GPtrArray *b);
gboolean   _sm_field_is_holder (Binding *b);
void       _sm_field_combo_update (Binding *b);
GtkWidget *_sm_field_build_combo (Binding    *b,
                                  const char *title);
void       _sm_field_tristate_update (Binding *b);
GtkWidget *_sm_field_build_tristate (Binding *b);

/* sm-field-list.c */

gboolean   _sm_field_str_array_contains (GPtrArray  *array,
                                         const char *value);
void       _sm_field_checks_update (Binding *b);
void       _sm_field_checks_expanded_cb (AdwExpanderRow *row,
                                         GParamSpec     *pspec,
                                         Binding        *b);
GtkWidget *_sm_field_build_expander (Binding    *b,
                                     const char *title);
void       _sm_field_remove_element_cb (GtkButton *button,
                                        Binding   *item);
void       _sm_field_strings_add_cb (AdwEntryRow *entry,
                                     Binding     *b);
guint      _sm_field_array_length (JsonNode *node);
void       _sm_field_strings_update (Binding *b);

/* sm-field-object.c */

void       _sm_field_object_update (Binding *b);
void       _sm_field_build_children (Binding *b);
void       _sm_field_objects_update_add (Binding *b);
void       _sm_field_objects_update (Binding *b);
GtkWidget *_sm_field_build_objects (Binding   *b,
                                    GtkWidget *parent);
void       _sm_field_map_update (Binding *b);

/* The control of a field by its key ("name", "assets.0.type", or
 * "key:part"); the map panel focuses one, tests drive them. */
GtkWidget *sm_record_editor_get_control (SmRecordEditor *self,
                                         const char     *key);

G_END_DECLS

/* sm-record-editor.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-json.h"
#include "sm-labels.h"
#include "sm-record-editor-private.h"

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
  guint ref_count;
  gboolean dead;

  SmRecordEditor *editor;
  Binding *parent;      /* the list a list element belongs to */
  const SmField *field;
  WidgetKind kind;

  char *array_path; /* the array member holding the element, or NULL */
  int index;        /* the element of array_path */
  char *path;       /* from the record, or inside the element ("" = itself) */
  char *map_key;    /* the key edited in a map member, or NULL */
  char *key;        /* names the control, for merging and tests */
  char *top;        /* the top-level member: its changes update us */

  GtkWidget *row;
  GtkWidget *control;
  GtkWidget *check;      /* W_SPIN: Unknown / Not set */
  GtkWidget *add;        /* W_STRINGS: the entry row that adds; W_OBJECTS: the button */
  GtkWidget *container;  /* where child rows go */
  GHashTable *parts;     /* suffix → widget, for tests */

  GPtrArray *items;      /* W_COMBO, W_CHECKS: item keys (NULL = not set) */
  GPtrArray *item_labels;
  GPtrArray *children;   /* child bindings */
  GPtrArray *child_rows; /* rows made for the children, to remove them */
  gboolean built;        /* W_CHECKS: rows are made when first expanded */
  guint blocked;
};

struct _SmRecordEditor
{
  GtkWidget parent_instance;

  SmDocument *document;
  SmRecord *record;
  GtkWidget *box;
  GPtrArray *bindings;  /* top-level fields */
  GHashTable *by_key;   /* key → Binding, every binding, borrowed */
  char *last_key;       /* the control of the last edit, for merging */
};

G_DEFINE_FINAL_TYPE (SmRecordEditor, sm_record_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void binding_update (Binding *b);
static Binding *build_field (SmRecordEditor *self,
                             GtkWidget      *parent,
                             const SmField  *field,
                             const char     *array_path,
                             int             index,
                             const char     *path,
                             const char     *map_key);

/* TLAP ladder steps (principles.md §3.7): every level field is a ladder. */
static const char *const ladder[] = {
  N_("Not involved"), N_("Coercion"), N_("Educating"), N_("Informing"),
  N_("Consultation"), N_("Engagement"), N_("Co-design"), N_("Co-production"),
};

/* Bindings */

static Binding *
binding_ref (Binding *b)
{
  b->ref_count++;
  return b;
}

static void
binding_unref (Binding *b)
{
  if (--b->ref_count > 0)
    return;
  g_clear_pointer (&b->items, g_ptr_array_unref);
  g_clear_pointer (&b->item_labels, g_ptr_array_unref);
  g_clear_pointer (&b->parts, g_hash_table_unref);
  g_free (b->array_path);
  g_free (b->path);
  g_free (b->map_key);
  g_free (b->key);
  g_free (b->top);
  g_free (b);
}

static void
binding_closure_unref (gpointer  data,
                       GClosure *closure)
{
  binding_unref (data);
}

/* Its widgets are gone: from now on its handlers do nothing. */
static void
binding_free (Binding *b)
{
  SmRecordEditor *self = b->editor;

  b->dead = TRUE;
  if (self->by_key != NULL && g_hash_table_lookup (self->by_key, b->key) == b)
    g_hash_table_remove (self->by_key, b->key);
  g_clear_pointer (&b->children, g_ptr_array_unref);
  g_clear_pointer (&b->child_rows, g_ptr_array_unref);
  binding_unref (b);
}

static void
connect_binding (gpointer     instance,
                 const char  *signal,
                 GCallback    callback,
                 Binding     *b)
{
  g_signal_connect_data (instance, signal, callback, binding_ref (b), binding_closure_unref, 0);
}

static Binding *
binding_new (SmRecordEditor *self,
             const SmField  *field,
             WidgetKind      kind,
             const char     *array_path,
             int             index,
             const char     *path,
             const char     *map_key)
{
  Binding *b = g_new0 (Binding, 1);
  const char *from = array_path != NULL ? array_path : path;
  const char *dot = strchr (from, '.');

  b->ref_count = 1;
  b->editor = self;
  b->field = field;
  b->kind = kind;
  b->array_path = g_strdup (array_path);
  b->index = index;
  b->path = g_strdup (path);
  b->map_key = g_strdup (map_key);
  b->top = dot != NULL ? g_strndup (from, dot - from) : g_strdup (from);
  if (array_path != NULL)
    b->key = *path != '\0' ? g_strdup_printf ("%s.%d.%s", array_path, index, path)
                           : g_strdup_printf ("%s.%d", array_path, index);
  else
    b->key = g_strdup (path);
  if (map_key != NULL)
    {
      char *with_key = g_strdup_printf ("%s/%s", b->key, map_key);

      g_free (b->key);
      b->key = with_key;
    }
  b->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (self->by_key, b->key, b);
  return b;
}

static void
binding_add_part (Binding    *b,
                  const char *part,
                  GtkWidget  *widget)
{
  g_hash_table_replace (b->parts, g_strdup (part), widget);
}

static JsonNode *
walk (JsonNode   *node,
      const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (*path == '\0')
    return node;
  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
    }
  return node;
}

/* The value the binding's member holds, before the key of a map. */
static JsonNode *
binding_get_whole (Binding *b)
{
  SmRecord *record = b->editor->record;
  JsonNode *array;

  if (b->array_path == NULL)
    return sm_record_get_value (record, b->path);

  array = sm_record_get_value (record, b->array_path);
  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array) ||
      (guint) b->index >= json_array_get_length (json_node_get_array (array)))
    return NULL;
  return walk (json_array_get_element (json_node_get_array (array), b->index), b->path);
}

/* What the file holds here, or NULL when the member is absent. */
static JsonNode *
binding_get (Binding *b)
{
  JsonNode *node = binding_get_whole (b);

  if (b->map_key == NULL)
    return node;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), b->map_key);
}

/* The value as the app reads it: an absent member has its documented
 * default. The caller owns the node. */
static JsonNode *
binding_dup_effective (Binding *b)
{
  JsonNode *node = binding_get (b);

  if (node != NULL)
    return json_node_ref (node);
  if (b->map_key == NULL && b->field->default_json != NULL)
    return json_from_string (b->field->default_json, NULL);
  return NULL;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
node_number (JsonNode *node,
             double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* A string that names a value for list items and combo entries. */
static char *
node_key (JsonNode *node)
{
  double v;

  if (node == NULL)
    return NULL;
  if (node_string (node) != NULL)
    return g_strdup (node_string (node));
  if (node_number (node, &v))
    return g_strdup_printf ("%g", v);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return json_to_string (node, FALSE);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      double va, vb;

      /* 7 and 7.0 are one value: the file may hold either. */
      if (node_number (a, &va) && node_number (b, &vb))
        return va == vb;
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      ka = node_key (a);
      kb = node_key (b);
      return g_strcmp0 (ka, kb) == 0;
    }
  return json_node_equal (a, b);
}

/* Editing */

static void
editor_push (SmRecordEditor *self,
             const char     *key,
             SmCommand      *command,
             gboolean        mergeable)
{
  SmHistory *history = sm_document_get_history (self->document);

  /* The history merges consecutive edits of one member. Typing into one
   * control is one step; a new control, or a choice from a list, starts
   * another even when it edits the same member. */
  if (!mergeable || g_strcmp0 (self->last_key, key) != 0)
    sm_history_break_merge (history);
  g_free (self->last_key);
  self->last_key = mergeable ? g_strdup (key) : NULL;
  sm_document_push (self->document, command);
  if (!mergeable)
    sm_history_break_merge (history);
}

static void
set_in_object (JsonObject *object,
               const char *path,
               JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          json_object_set_object_member (object, parts[i], json_object_new ());
          child = json_object_get_member (object, parts[i]);
        }
      object = json_node_get_object (child);
    }
  if (value != NULL)
    json_object_set_member (object, parts[n - 1], sm_json_deep_copy (value));
  else if (json_object_has_member (object, parts[n - 1]))
    json_object_remove_member (object, parts[n - 1]);
}

/* Writes @value (NULL: remove) where @b points, as one command. */
static void
binding_write (Binding  *b,
               JsonNode *value,
               gboolean  mergeable)
{
  SmRecordEditor *self = b->editor;
  g_autoptr(JsonNode) whole = NULL;
  g_autoptr(JsonNode) current = NULL;
  SmCommand *command;

  if (self->record == NULL || b->blocked > 0)
    return;
  if (nodes_equal (binding_get (b), value))
    return;

  if (b->map_key != NULL)
    {
      JsonNode *old = binding_get_whole (b);
      g_autoptr(JsonObject) object = NULL;

      if (old != NULL && JSON_NODE_HOLDS_OBJECT (old))
        {
          g_autoptr(JsonNode) copy = sm_json_deep_copy (old);
          object = json_object_ref (json_node_get_object (copy));
        }
      else
        object = json_object_new ();
      if (value != NULL)
        json_object_set_member (object, b->map_key, sm_json_deep_copy (value));
      else if (json_object_has_member (object, b->map_key))
        json_object_remove_member (object, b->map_key);
      whole = json_node_init_object (json_node_alloc (), object);
      value = whole;
    }

  if (b->array_path == NULL)
    {
      const char *path = b->path;
      g_autofree char *parent = NULL;

      /* An object without its required member would not load again:
       * clearing that member clears the object. */
      if (value == NULL && (b->field->flags & SM_FIELD_REQUIRED) && strchr (path, '.') != NULL)
        {
          parent = g_strndup (path, strrchr (path, '.') - path);
          path = parent;
        }
      command = sm_command_new_set_value (self->record, path, value);
    }
  else
    {
      JsonNode *array = sm_record_get_value (self->record, b->array_path);
      JsonArray *copy;
      JsonNode *element;

      if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array) ||
          (guint) b->index >= json_array_get_length (json_node_get_array (array)))
        return;
      current = sm_json_deep_copy (array);
      copy = json_node_get_array (current);
      element = json_array_get_element (copy, b->index);
      if (*b->path == '\0')
        {
          JsonNode *replacement = value != NULL ? sm_json_deep_copy (value) : json_node_new (JSON_NODE_NULL);

          /* json-glib has no "replace element": rebuild the array. */
          g_autoptr(JsonArray) rebuilt = json_array_new ();
          guint n = json_array_get_length (copy);

          for (guint i = 0; i < n; i++)
            json_array_add_element (rebuilt, (int) i == b->index ? replacement
                                                                 : sm_json_deep_copy (json_array_get_element (copy, i)));
          json_node_set_array (current, rebuilt);
        }
      else if (JSON_NODE_HOLDS_OBJECT (element))
        set_in_object (json_node_get_object (element), b->path, value);
      else
        return;
      command = sm_command_new_set_value (self->record, b->array_path, current);
    }

  editor_push (self, b->key, command, mergeable);
}

static void
write_string (Binding    *b,
              const char *text,
              gboolean    mergeable)
{
  g_autoptr(JsonNode) node = NULL;

  if (text != NULL)
    node = json_node_init_string (json_node_alloc (), text);
  binding_write (b, node, mergeable);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                Binding                 *b)
{
  if (b->dead)
    return;
  /* Coming back to a field later is a new step. */
  g_clear_pointer (&b->editor->last_key, g_free);
}

static void
watch_focus (Binding   *b,
             GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  connect_binding (focus, "leave", G_CALLBACK (focus_leave_cb), b);
  gtk_widget_add_controller (widget, focus);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
add_row (GtkWidget *parent,
         GtkWidget *row)
{
  if (ADW_IS_PREFERENCES_GROUP (parent))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  else if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    g_assert_not_reached ();
}

static void
remove_row (GtkWidget *parent,
            GtkWidget *row)
{
  if (ADW_IS_PREFERENCES_GROUP (parent))
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (parent), row);
  else
    adw_expander_row_remove (ADW_EXPANDER_ROW (parent), row);
}

/* Titles are names people typed ("Parents & carers"), never markup. */
static GtkWidget *
plain (GtkWidget *row)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static const char *
field_label (Binding *b)
{
  return _(b->field->label);
}

/* Entries: strings and dates */

static gboolean
is_date (const char *text)
{
  int y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  return g_date_valid_dmy (d, m, y);
}

static void
set_invalid (Binding  *b,
             gboolean  invalid)
{
  if (invalid)
    gtk_widget_add_css_class (b->row, "error");
  else
    gtk_widget_remove_css_class (b->row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (b->control), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Binding     *b)
{
  const char *text = gtk_editable_get_text (editable);
  gboolean keep_empty = (b->field->flags & SM_FIELD_REQUIRED) ||
                        (b->array_path != NULL && *b->path == '\0');

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  if (b->kind == W_DATE)
    {
      gboolean valid = *text == '\0' || is_date (text);

      /* Nothing is written until the date is whole and real. */
      set_invalid (b, !valid);
      if (!valid)
        return;
    }
  write_string (b, *text == '\0' && !keep_empty ? NULL : text, TRUE);
}

static void
entry_update (Binding *b)
{
  GtkEditable *editable = GTK_EDITABLE (b->control);
  const char *value = node_string (binding_get (b));
  const char *text = gtk_editable_get_text (editable);
  int position;

  if (value == NULL)
    value = "";
  if (strcmp (value, text) == 0)
    return;
  /* A half-typed date stays while the user is still typing it. */
  if (b->kind == W_DATE && has_focus_within (b->row) && *text != '\0' && !is_date (text))
    return;

  position = gtk_editable_get_position (editable);
  b->blocked++;
  gtk_editable_set_text (editable, value);
  gtk_editable_set_position (editable, MIN (position, (int) g_utf8_strlen (value, -1)));
  b->blocked--;
  if (b->kind == W_DATE)
    set_invalid (b, FALSE);
}

static GtkWidget *
build_entry (Binding    *b,
             const char *title)
{
  GtkWidget *row = plain (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  b->row = b->control = row;
  if (b->kind == W_DATE)
    gtk_widget_set_tooltip_text (row, _("A date such as 2026-03-31"));
  set_accessible_label (row, title);
  connect_binding (row, "changed", G_CALLBACK (entry_changed_cb), b);
  watch_focus (b, row);
  return row;
}

/* Long text */

static void
text_changed_cb (GtkTextBuffer *buffer,
                 Binding       *b)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  write_string (b, *text == '\0' && !(b->field->flags & SM_FIELD_REQUIRED) ? NULL : text, TRUE);
}

static void
text_update (Binding *b)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->control));
  const char *value = node_string (binding_get (b));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (value == NULL)
    value = "";
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (strcmp (text, value) == 0)
    return;
  b->blocked++;
  gtk_text_buffer_set_text (buffer, value, -1);
  b->blocked--;
}

static GtkWidget *
build_text (Binding *b)
{
  GtkWidget *row = plain (adw_preferences_row_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (field_label (b));
  GtkWidget *view = gtk_text_view_new ();

  /* A preferences row, so groups put it in their list with the others. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (b));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "inline");
  gtk_widget_set_size_request (view, -1, 54);
  set_accessible_label (view, field_label (b));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  b->row = row;
  b->control = view;
  connect_binding (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                   G_CALLBACK (text_changed_cb), b);
  watch_focus (b, view);
  return row;
}

/* Numbers: scores with Unknown, whole numbers, coordinates */

static gboolean
spin_can_be_unset (Binding *b)
{
  return b->field->type == SM_FIELD_SCORE ||
         (b->field->default_json == NULL && !(b->field->flags & SM_FIELD_REQUIRED));
}

static void
write_number (Binding *b,
              double   value,
              gboolean mergeable)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  if (b->field->type != SM_FIELD_NUMBER && b->field->type != SM_FIELD_SCORE)
    value = floor (value + 0.5);
  if (value == floor (value))
    json_node_init_int (node, (gint64) value);
  else
    json_node_init_double (node, value);
  binding_write (b, node, mergeable);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Binding       *b)
{
  if (b->dead || b->blocked > 0)
    return;
  write_number (b, gtk_spin_button_get_value (spin), TRUE);
}

static void
spin_unknown_toggled_cb (GtkCheckButton *check,
                         Binding        *b)
{
  gboolean unset = gtk_check_button_get_active (check);

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  gtk_widget_set_sensitive (b->control, !unset);
  if (!unset)
    write_number (b, gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->control)), FALSE);
  else if (b->field->type == SM_FIELD_SCORE)
    write_string (b, "unknown", FALSE);
  else
    binding_write (b, NULL, FALSE);
}

static void
spin_update (Binding *b)
{
  g_autoptr(JsonNode) node = binding_dup_effective (b);
  double value;
  gboolean known = node_number (node, &value);

  b->blocked++;
  if (known)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (b->control);

      /* Scores are usually whole; show a half point when there is one. */
      if (b->field->type == SM_FIELD_SCORE)
        gtk_spin_button_set_digits (spin, value != floor (value) ? 1 : 0);
      if (gtk_spin_button_get_value (spin) != value)
        gtk_spin_button_set_value (spin, value);
    }
  if (b->check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (b->check), !known);
  gtk_widget_set_sensitive (b->control, known || b->check == NULL);
  b->blocked--;
}

static GtkWidget *
build_spin (Binding *b)
{
  GtkWidget *row = plain (adw_action_row_new ());
  double step = b->field->type == SM_FIELD_NUMBER ? 10 : 1;
  GtkWidget *spin = gtk_spin_button_new_with_range (b->field->min, b->field->max, step);
  const char *label = field_label (b);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), b->field->type == SM_FIELD_NUMBER ? 1 : 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), b->field->max <= 100 ? 3 : 7);
  set_accessible_label (spin, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  b->row = row;
  b->control = spin;
  connect_binding (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), b);
  watch_focus (b, spin);

  if (spin_can_be_unset (b))
    {
      gboolean score = b->field->type == SM_FIELD_SCORE;
      GtkWidget *check = gtk_check_button_new_with_label (score ? _("Unknown") : _("Not set"));
      g_autofree char *name = g_strdup_printf (score ? _("%s unknown") : _("%s not set"), label);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      set_accessible_label (check, name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      b->check = check;
      binding_add_part (b, "unknown", check);
      connect_binding (check, "toggled", G_CALLBACK (spin_unknown_toggled_cb), b);
    }
  return row;
}

/* Choices from a list: enumerations, ladder levels, references */

static void
collect_candidates (SmRecordEditor *self,
                    SmRefKind       ref,
                    GPtrArray      *keys,
                    GPtrArray      *labels)
{
  SmMap *map = sm_document_get_map (self->document);
  SmRecordKind kinds[2];
  guint n_kinds = 0;

  switch (ref)
    {
    case SM_REF_STAKEHOLDER:
      kinds[n_kinds++] = SM_RECORD_STAKEHOLDER;
      break;
    case SM_REF_SPACE:
      kinds[n_kinds++] = SM_RECORD_SPACE;
      break;
    case SM_REF_AFFECTED_GROUP:
      kinds[n_kinds++] = SM_RECORD_AFFECTED_GROUP;
      break;
    case SM_REF_NODE_OR_EDGE:
      kinds[n_kinds++] = SM_RECORD_STAKEHOLDER;
      kinds[n_kinds++] = SM_RECORD_RELATIONSHIP;
      break;
    case SM_REF_NONE:
    default:
      break;
    }

  for (guint k = 0; k < n_kinds; k++)
    {
      SmCollection *collection = sm_map_get_collection (map, kinds[k]);
      guint n = sm_collection_get_size (collection);

      for (guint i = 0; i < n; i++)
        {
          SmRecord *record = sm_collection_get (collection, i);

          g_ptr_array_add (keys, g_strdup (sm_record_get_id (record)));
          if (kinds[k] == SM_RECORD_RELATIONSHIP)
            {
              SmRecord *source = sm_map_lookup (map, sm_relationship_get_source (record));
              SmRecord *target = sm_map_lookup (map, sm_relationship_get_target (record));

              g_ptr_array_add (labels, g_strdup_printf (_("%s → %s"),
                                                        source ? sm_record_get_label (source) : "?",
                                                        target ? sm_record_get_label (target) : "?"));
            }
          else
            g_ptr_array_add (labels, g_strdup (sm_record_get_label (record)));
        }
    }
}

static gboolean
is_level (Binding *b)
{
  return b->field->type == SM_FIELD_LEVEL || b->field->type == SM_FIELD_LEVEL_MAP;
}

/* The items a combo offers now: keys (NULL = not set) and labels. */
static void
combo_items (Binding   *b,
             JsonNode  *current,
             GPtrArray *keys,
             GPtrArray *labels)
{
  const SmField *f = b->field;
  g_autofree char *current_key = node_key (current);
  gboolean nested = b->array_path == NULL && strchr (b->path, '.') != NULL;
  gboolean found = FALSE;

  if (is_level (b))
    {
      if (b->map_key != NULL)
        {
          g_ptr_array_add (keys, NULL);
          g_ptr_array_add (labels, g_strdup (_("Not set")));
        }
      else
        {
          g_ptr_array_add (keys, g_strdup ("unknown"));
          g_ptr_array_add (labels, g_strdup (_("Unknown")));
        }
      for (int level = (int) f->min; level <= (int) f->max; level++)
        {
          g_ptr_array_add (keys, g_strdup_printf ("%d", level));
          if (f->min == 0 && f->max == G_N_ELEMENTS (ladder) - 1)
            g_ptr_array_add (labels, g_strdup_printf (_("%d · %s"), level, _(ladder[level])));
          else
            g_ptr_array_add (labels, g_strdup_printf ("%d", level));
        }
    }
  else
    {
      gboolean required = (f->flags & SM_FIELD_REQUIRED) && (b->array_path != NULL || !nested);

      if (b->map_key != NULL || (f->default_string == NULL && !required) || current == NULL)
        {
          g_ptr_array_add (keys, NULL);
          g_ptr_array_add (labels, g_strdup (f->type == SM_FIELD_REF ? _("None") : _("Not set")));
        }
      if (f->type == SM_FIELD_REF)
        collect_candidates (b->editor, f->ref, keys, labels);
      else
        for (guint i = 0; f->values != NULL && f->values[i] != NULL; i++)
          {
            g_ptr_array_add (keys, g_strdup (f->values[i]));
            g_ptr_array_add (labels, g_strdup (sm_value_label (f->values[i])));
          }
    }

  /* A value this version does not know, or a reference to nothing, is
   * shown as itself so that it is kept until the user picks another. */
  if (current_key == NULL)
    return;
  for (guint i = 0; i < keys->len && !found; i++)
    found = g_strcmp0 (g_ptr_array_index (keys, i), current_key) == 0;
  if (!found)
    {
      g_ptr_array_add (keys, g_strdup (current_key));
      g_ptr_array_add (labels, g_strdup (f->type == SM_FIELD_REF ? current_key
                                                                 : sm_value_label (current_key)));
    }
}

static gboolean
str_arrays_equal (GPtrArray *a,
                  GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static GtkStringList *
string_list_from (GPtrArray *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  return list;
}

static void
combo_update (Binding *b)
{
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *current_key = node_key (current);
  guint selected = GTK_INVALID_LIST_POSITION;

  combo_items (b, current, keys, labels);
  b->blocked++;
  if (!str_arrays_equal (keys, b->items) || !str_arrays_equal (labels, b->item_labels))
    {
      g_autoptr(GtkStringList) model = string_list_from (labels);

      adw_combo_row_set_model (ADW_COMBO_ROW (b->row), G_LIST_MODEL (model));
      g_clear_pointer (&b->items, g_ptr_array_unref);
      g_clear_pointer (&b->item_labels, g_ptr_array_unref);
      b->items = g_steal_pointer (&keys);
      b->item_labels = g_steal_pointer (&labels);
    }
  for (guint i = 0; i < b->items->len; i++)
    if (g_strcmp0 (g_ptr_array_index (b->items, i), current_key) == 0)
      selected = i;
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (b->row)) != selected)
    adw_combo_row_set_selected (ADW_COMBO_ROW (b->row), selected);
  b->blocked--;
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Binding     *b)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *key;
  g_autoptr(JsonNode) node = NULL;

  if (b->dead)
    return;
  if (b->blocked > 0 || b->items == NULL || selected >= b->items->len)
    return;
  key = g_ptr_array_index (b->items, selected);
  if (key != NULL)
    {
      node = json_node_alloc ();
      if (is_level (b) && g_ascii_isdigit (*key))
        json_node_init_int (node, g_ascii_strtoll (key, NULL, 10));
      else
        json_node_init_string (node, key);
    }
  binding_write (b, node, FALSE);
}

static GtkWidget *
build_combo (Binding    *b,
             const char *title)
{
  GtkWidget *row = plain (adw_combo_row_new ());
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  gtk_expression_unref (expression);
  set_accessible_label (row, title);
  b->row = b->control = row;
  connect_binding (row, "notify::selected", G_CALLBACK (combo_selected_cb), b);
  return row;
}

/* Yes / No / Unknown */

static void
tristate_toggled_cb (GtkToggleButton *button,
                     Binding         *b)
{
  const char *value = g_object_get_data (G_OBJECT (button), "sm-value");
  g_autoptr(JsonNode) node = json_node_alloc ();

  if (b->dead)
    return;
  if (b->blocked > 0 || !gtk_toggle_button_get_active (button))
    return;
  if (strcmp (value, "unknown") == 0)
    json_node_init_string (node, "unknown");
  else
    json_node_init_boolean (node, strcmp (value, "yes") == 0);
  binding_write (b, node, FALSE);
}

static void
tristate_update (Binding *b)
{
  g_autoptr(JsonNode) node = binding_dup_effective (b);
  const char *part = "unknown";
  GtkWidget *button;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    part = json_node_get_boolean (node) ? "yes" : "no";
  button = g_hash_table_lookup (b->parts, part);
  b->blocked++;
  if (button != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  else
    {
      /* "unknown" where the field has no Unknown choice: show neither. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (g_hash_table_lookup (b->parts, "yes")), FALSE);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (g_hash_table_lookup (b->parts, "no")), FALSE);
    }
  b->blocked--;
}

static GtkWidget *
build_tristate (Binding *b)
{
  static const struct { const char *value; const char *label; } choices[] = {
    { "yes", N_("Yes") }, { "no", N_("No") }, { "unknown", N_("Unknown") },
  };
  GtkWidget *row = plain (adw_action_row_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *label = field_label (b);
  gboolean with_unknown = g_strcmp0 (b->field->default_json, "true") != 0 &&
                          g_strcmp0 (b->field->default_json, "false") != 0;
  GtkWidget *first = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  set_accessible_label (box, label);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget *button;
      g_autofree char *name = NULL;

      if (!with_unknown && strcmp (choices[i].value, "unknown") == 0)
        continue;
      button = gtk_toggle_button_new_with_label (_(choices[i].label));
      name = g_strdup_printf (_("%s: %s"), label, _(choices[i].label));
      set_accessible_label (button, name);
      g_object_set_data (G_OBJECT (button), "sm-value", (gpointer) choices[i].value);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      connect_binding (button, "toggled", G_CALLBACK (tristate_toggled_cb), b);
      gtk_box_append (GTK_BOX (box), button);
      binding_add_part (b, choices[i].value, button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  b->row = row;
  b->control = box;
  return row;
}

/* Lists of choices: enumeration lists (roles) and reference lists */

static GPtrArray *
dup_string_array (JsonNode *node)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = node_string (json_array_get_element (array, i));

          if (s != NULL)
            g_ptr_array_add (values, g_strdup (s));
        }
    }
  return values;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
checks_items (Binding   *b,
              GPtrArray *chosen,
              GPtrArray *keys,
              GPtrArray *labels)
{
  if (b->field->type == SM_FIELD_REF_LIST)
    collect_candidates (b->editor, b->field->ref, keys, labels);
  else
    for (guint i = 0; b->field->values[i] != NULL; i++)
      {
        g_ptr_array_add (keys, g_strdup (b->field->values[i]));
        g_ptr_array_add (labels, g_strdup (sm_value_label (b->field->values[i])));
      }
  for (guint i = 0; i < chosen->len; i++)
    if (!str_array_contains (keys, g_ptr_array_index (chosen, i)))
      {
        const char *value = g_ptr_array_index (chosen, i);

        g_ptr_array_add (keys, g_strdup (value));
        g_ptr_array_add (labels, g_strdup (b->field->type == SM_FIELD_REF_LIST ? value
                                                                               : sm_value_label (value)));
      }
}

static void
check_toggled_cb (GtkCheckButton *check,
                  Binding        *b)
{
  const char *value = g_object_get_data (G_OBJECT (check), "sm-value");
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(GPtrArray) chosen = dup_string_array (current);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  gboolean active = gtk_check_button_get_active (check);

  if (b->dead)
    return;
  if (b->blocked > 0)
    return;
  /* Keep the order in the file; a new choice goes at the end. */
  for (guint i = 0; i < chosen->len; i++)
    if (active || g_strcmp0 (g_ptr_array_index (chosen, i), value) != 0)
      json_array_add_string_element (array, g_ptr_array_index (chosen, i));
  if (active && !str_array_contains (chosen, value))
    json_array_add_string_element (array, value);
  node = json_node_init_array (json_node_alloc (), array);
  binding_write (b, node, FALSE);
}

static void
checks_update (Binding *b)
{
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(GPtrArray) chosen = dup_string_array (current);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) summary = g_string_new (NULL);

  checks_items (b, chosen, keys, labels);
  for (guint i = 0; i < keys->len; i++)
    if (str_array_contains (chosen, g_ptr_array_index (keys, i)))
      {
        if (summary->len > 0)
          g_string_append (summary, _(", "));
        g_string_append (summary, g_ptr_array_index (labels, i));
      }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row),
                                 summary->len > 0 ? summary->str : _("None"));

  /* Rows are made when the list is first opened: a reference list can
   * offer thousands of stakeholders. */
  if (!b->built)
    return;

  b->blocked++;
  if (!str_arrays_equal (keys, b->items) || !str_arrays_equal (labels, b->item_labels))
    {
      for (guint i = 0; i < b->child_rows->len; i++)
        remove_row (b->row, g_ptr_array_index (b->child_rows, i));
      g_ptr_array_set_size (b->child_rows, 0);
      g_hash_table_remove_all (b->parts);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *row = plain (adw_action_row_new ());
          GtkWidget *check = gtk_check_button_new ();
          const char *key = g_ptr_array_index (keys, i);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (labels, i));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          set_accessible_label (check, g_ptr_array_index (labels, i));
          g_object_set_data_full (G_OBJECT (check), "sm-value", g_strdup (key), g_free);
          connect_binding (check, "toggled", G_CALLBACK (check_toggled_cb), b);
          binding_add_part (b, key, check);
          add_row (b->row, row);
          g_ptr_array_add (b->child_rows, row);
        }
      g_clear_pointer (&b->items, g_ptr_array_unref);
      g_clear_pointer (&b->item_labels, g_ptr_array_unref);
      b->items = g_steal_pointer (&keys);
      b->item_labels = g_steal_pointer (&labels);
    }
  for (guint i = 0; i < b->items->len; i++)
    {
      const char *key = g_ptr_array_index (b->items, i);
      GtkCheckButton *check = g_hash_table_lookup (b->parts, key);

      gtk_check_button_set_active (check, str_array_contains (chosen, key));
    }
  b->blocked--;
}

static void
checks_expanded_cb (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    Binding        *b)
{
  if (b->dead || b->built || !adw_expander_row_get_expanded (row))
    return;
  b->built = TRUE;
  checks_update (b);
}

static GtkWidget *
build_expander (Binding    *b,
                const char *title)
{
  GtkWidget *row = plain (adw_expander_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_accessible_label (row, title);
  b->row = b->control = b->container = row;
  b->child_rows = g_ptr_array_new ();
  b->children = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);
  return row;
}

/* Lists of free text (access needs) */

/* @b is the element's binding; its list's binding writes. */
static void
remove_element_cb (GtkButton *button,
                   Binding   *item)
{
  Binding *b = item->parent;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  if (item->dead)
    return;
  current = binding_dup_effective (b);
  if (current == NULL || !JSON_NODE_HOLDS_ARRAY (current))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (current)); i++)
    if ((int) i != item->index)
      json_array_add_element (array, sm_json_deep_copy (json_array_get_element (json_node_get_array (current), i)));
  node = json_node_init_array (json_node_alloc (), array);
  binding_write (b, node, FALSE);
}

static void
strings_add_cb (AdwEntryRow *entry,
                Binding     *b)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (b->dead)
    return;
  if (*text == '\0')
    return;
  if (current != NULL && JSON_NODE_HOLDS_ARRAY (current))
    node = sm_json_deep_copy (current);
  else
    node = json_node_init_array (json_node_alloc (), json_array_new ());
  array = json_node_get_array (node);
  json_array_add_string_element (array, text);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  binding_write (b, node, FALSE);
}

static guint
array_length (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  return json_array_get_length (json_node_get_array (node));
}

static void
strings_update (Binding *b)
{
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(GPtrArray) values = dup_string_array (current);
  guint n = array_length (current);
  g_autofree char *summary = NULL;

  if (n != b->children->len)
    {
      gboolean refocus = has_focus_within (b->add);
      const char *array_path = b->array_path != NULL ? NULL : b->path;

      for (guint i = 0; i < b->child_rows->len; i++)
        remove_row (b->row, g_ptr_array_index (b->child_rows, i));
      g_ptr_array_set_size (b->child_rows, 0);
      g_ptr_array_set_size (b->children, 0);
      g_object_ref (b->add);
      remove_row (b->row, b->add);

      for (guint i = 0; i < n && array_path != NULL; i++)
        {
          Binding *item = binding_new (b->editor, b->field, W_ENTRY, array_path, i, "", NULL);
          GtkWidget *row = build_entry (item, field_label (b));
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *name = g_strdup_printf (_("Remove from %s"), field_label (b));

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, name);
          set_accessible_label (remove, name);
          item->parent = b;
          connect_binding (remove, "clicked", G_CALLBACK (remove_element_cb), item);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
          binding_add_part (item, "remove", remove);
          add_row (b->row, row);
          g_ptr_array_add (b->child_rows, row);
          g_ptr_array_add (b->children, item);
        }
      add_row (b->row, b->add);
      g_object_unref (b->add);
      if (refocus)
        gtk_widget_grab_focus (b->add);
    }
  for (guint i = 0; i < b->children->len; i++)
    entry_update (g_ptr_array_index (b->children, i));

  g_ptr_array_add (values, NULL);
  summary = g_strjoinv (_(", "), (char **) values->pdata);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), *summary != '\0' ? summary : _("None"));
}

/* Objects: an expander of their members */

static const char *
object_summary_part (SmRecordEditor *self,
                     const SmField  *child,
                     JsonNode       *value)
{
  const char *s = node_string (value);

  if (s == NULL || *s == '\0')
    return NULL;
  if (child->type == SM_FIELD_ENUM)
    return sm_value_label (s);
  if (child->type == SM_FIELD_REF)
    {
      SmRecord *record = sm_map_lookup (sm_document_get_map (self->document), s);

      return record != NULL ? sm_record_get_label (record) : s;
    }
  if (child->type == SM_FIELD_STRING)
    return s;
  return NULL;
}

static void
object_update (Binding *b)
{
  JsonNode *node = binding_get (b);
  gboolean complete = TRUE;

  for (const SmField *c = b->field->children; c->name != NULL; c++)
    if ((c->flags & SM_FIELD_REQUIRED) &&
        (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
         !json_object_has_member (json_node_get_object (node), c->name)))
      complete = FALSE;

  for (guint i = 0; i < b->children->len; i++)
    {
      Binding *child = g_ptr_array_index (b->children, i);

      binding_update (child);
      /* The other members wait for the required ones, or the object
       * would not load again. */
      gtk_widget_set_sensitive (child->row, complete || (child->field->flags & SM_FIELD_REQUIRED));
    }

  if (b->array_path != NULL)
    {
      const char *title = NULL;
      const char *subtitle = NULL;

      for (const SmField *c = b->field->children; c->name != NULL; c++)
        {
          JsonNode *member = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                               ? json_object_get_member (json_node_get_object (node), c->name)
                               : NULL;
          const char *part = object_summary_part (b->editor, c, member);

          if (part == NULL || c->type == SM_FIELD_ID || strcmp (c->name, "id") == 0)
            continue;
          if (title == NULL)
            title = part;
          else if (subtitle == NULL)
            subtitle = part;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->row), title != NULL ? title : _("(empty)"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), subtitle != NULL ? subtitle : "");
    }
}

static void
build_children (Binding *b)
{
  SmRecordEditor *self = b->editor;

  for (const SmField *c = b->field->children; c->name != NULL; c++)
    {
      g_autofree char *path = *b->path != '\0' ? g_strdup_printf ("%s.%s", b->path, c->name)
                                               : g_strdup (c->name);
      Binding *child;

      if (c->type == SM_FIELD_ID)
        continue;
      child = build_field (self, b->container, c, b->array_path, b->index, path, NULL);
      if (child != NULL)
        g_ptr_array_add (b->children, child);
    }
}

/* Lists of objects (assets, members, goals…) */

/* A new element with what it must have, so the file stays valid. Returns
 * FALSE when it cannot have it (a member needs a stakeholder, and the map
 * has none). */
static gboolean
fill_required (SmRecordEditor *self,
               const SmField  *fields,
               JsonNode       *array,
               JsonObject     *element)
{
  for (const SmField *c = fields; c->name != NULL; c++)
    {
      if (!(c->flags & SM_FIELD_REQUIRED))
        continue;
      switch (c->type)
        {
        case SM_FIELD_STRING:
          if (strcmp (c->name, "id") == 0)
            {
              /* Ids of goals and the like: unique in the list. */
              for (guint n = array_length (array) + 1;; n++)
                {
                  g_autofree char *id = g_strdup_printf ("%s-%u", c->name, n);
                  gboolean used = FALSE;

                  for (guint i = 0; i < array_length (array); i++)
                    {
                      JsonNode *e = json_array_get_element (json_node_get_array (array), i);

                      if (JSON_NODE_HOLDS_OBJECT (e) &&
                          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (e), c->name, NULL), id) == 0)
                        used = TRUE;
                    }
                  if (!used)
                    {
                      json_object_set_string_member (element, c->name, id);
                      break;
                    }
                }
            }
          else
            json_object_set_string_member (element, c->name, "");
          break;

        case SM_FIELD_REF:
          {
            g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
            g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

            collect_candidates (self, c->ref, keys, labels);
            if (keys->len == 0)
              return FALSE;
            json_object_set_string_member (element, c->name, g_ptr_array_index (keys, 0));
            break;
          }

        case SM_FIELD_ENUM:
          json_object_set_string_member (element, c->name,
                                         c->default_string != NULL ? c->default_string : c->values[0]);
          break;

        default:
          if (c->default_json != NULL)
            json_object_set_member (element, c->name, json_from_string (c->default_json, NULL));
          break;
        }
    }
  return TRUE;
}

static void
objects_add_cb (GtkButton *button,
                Binding   *b)
{
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) element = json_object_new ();
  SmRecordEditor *self = b->editor;
  GtkWidget *row;
  guint n;

  if (b->dead)
    return;
  if (!fill_required (self, b->field->children, current, element))
    return;
  if (current != NULL && JSON_NODE_HOLDS_ARRAY (current))
    node = sm_json_deep_copy (current);
  else
    node = json_node_init_array (json_node_alloc (), json_array_new ());
  json_array_add_object_element (json_node_get_array (node), g_steal_pointer (&element));
  n = array_length (node);
  binding_write (b, node, FALSE);

  /* Open the new element, ready to fill in. */
  if (b->child_rows != NULL && b->child_rows->len == n)
    {
      row = g_ptr_array_index (b->child_rows, n - 1);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

static void
objects_update_add (Binding *b)
{
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  g_autoptr(JsonObject) probe = json_object_new ();
  gboolean can_add = fill_required (b->editor, b->field->children, current, probe);

  gtk_widget_set_sensitive (b->add, can_add);
  gtk_widget_set_tooltip_text (b->add, can_add ? g_object_get_data (G_OBJECT (b->add), "sm-tooltip")
                                               : _("Add stakeholders to the map first"));
}

static void
objects_update (Binding *b)
{
  g_autoptr(JsonNode) current = binding_dup_effective (b);
  guint n = array_length (current);

  if (n != b->children->len)
    {
      GPtrArray *expanded = g_ptr_array_new ();

      for (guint i = 0; i < b->child_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (b->child_rows, i);

          g_ptr_array_add (expanded, GINT_TO_POINTER (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row))));
          remove_row (b->container, row);
        }
      g_ptr_array_set_size (b->child_rows, 0);
      g_ptr_array_set_size (b->children, 0);

      for (guint i = 0; i < n; i++)
        {
          Binding *element = binding_new (b->editor, b->field, W_OBJECT, b->path, i, "", NULL);
          GtkWidget *row = build_expander (element, "");
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *name = g_strdup_printf (_("Remove from %s"), field_label (b));

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, name);
          set_accessible_label (remove, name);
          element->parent = b;
          connect_binding (remove, "clicked", G_CALLBACK (remove_element_cb), element);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
          binding_add_part (element, "remove", remove);
          build_children (element);
          if (i < expanded->len && GPOINTER_TO_INT (g_ptr_array_index (expanded, i)))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          add_row (b->container, row);
          g_ptr_array_add (b->child_rows, row);
          g_ptr_array_add (b->children, element);
        }
      g_ptr_array_unref (expanded);
    }

  for (guint i = 0; i < b->children->len; i++)
    binding_update (g_ptr_array_index (b->children, i));
  objects_update_add (b);
}

static GtkWidget *
build_objects (Binding   *b,
               GtkWidget *parent)
{
  const char *label = field_label (b);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autofree char *name = g_strdup_printf (_("Add to %s"), label);

  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, name);
  g_object_set_data_full (G_OBJECT (add), "sm-tooltip", g_strdup (name), g_free);
  set_accessible_label (add, name);
  connect_binding (add, "clicked", G_CALLBACK (objects_add_cb), b);
  b->add = add;
  binding_add_part (b, "add", add);
  b->child_rows = g_ptr_array_new ();
  b->children = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);

  if (ADW_IS_PREFERENCES_GROUP (parent))
    {
      /* A list of objects at the top is a group of its own, not a row. */
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), label);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
      b->row = b->control = b->container = group;
      return group;
    }

  build_expander (b, label);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (b->row), add);
  return b->row;
}

/* Maps of values (positions on goals, participation by stage) */

static void
map_keys (Binding   *b,
          GPtrArray *keys,
          GPtrArray *labels)
{
  JsonNode *current = binding_get_whole (b);

  if (b->field->key_values != NULL)
    for (guint i = 0; b->field->key_values[i] != NULL; i++)
      {
        g_ptr_array_add (keys, g_strdup (b->field->key_values[i]));
        g_ptr_array_add (labels, g_strdup (sm_value_label (b->field->key_values[i])));
      }
  else
    {
      /* Free keys name the map's goals (Net-Map). */
      SmRecord *metadata = sm_map_get_metadata (sm_document_get_map (b->editor->document));
      JsonNode *goals = sm_record_get_value (metadata, "goals");

      for (guint i = 0; i < array_length (goals); i++)
        {
          JsonNode *goal = json_array_get_element (json_node_get_array (goals), i);
          const char *id, *label;

          if (!JSON_NODE_HOLDS_OBJECT (goal))
            continue;
          id = json_object_get_string_member_with_default (json_node_get_object (goal), "id", NULL);
          label = json_object_get_string_member_with_default (json_node_get_object (goal), "label", NULL);
          if (id == NULL || str_array_contains (keys, id))
            continue;
          g_ptr_array_add (keys, g_strdup (id));
          g_ptr_array_add (labels, g_strdup (label != NULL && *label != '\0' ? label : id));
        }
    }

  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (current));
      while (json_object_iter_next_ordered (&iter, &key, &member))
        if (!str_array_contains (keys, key))
          {
            g_ptr_array_add (keys, g_strdup (key));
            g_ptr_array_add (labels, g_strdup (key));
          }
    }
}

static void
map_update (Binding *b)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  map_keys (b, keys, labels);
  if (!str_arrays_equal (keys, b->items) || !str_arrays_equal (labels, b->item_labels))
    {
      for (guint i = 0; i < b->child_rows->len; i++)
        remove_row (b->row, g_ptr_array_index (b->child_rows, i));
      g_ptr_array_set_size (b->child_rows, 0);
      g_ptr_array_set_size (b->children, 0);
      for (guint i = 0; i < keys->len; i++)
        {
          Binding *child = binding_new (b->editor, b->field, W_COMBO, b->array_path, b->index,
                                        b->path, g_ptr_array_index (keys, i));
          GtkWidget *row = build_combo (child, g_ptr_array_index (labels, i));

          add_row (b->row, row);
          g_ptr_array_add (b->child_rows, row);
          g_ptr_array_add (b->children, child);
        }
      g_clear_pointer (&b->items, g_ptr_array_unref);
      g_clear_pointer (&b->item_labels, g_ptr_array_unref);
      b->items = g_steal_pointer (&keys);
      b->item_labels = g_steal_pointer (&labels);
    }
  for (guint i = 0; i < b->children->len; i++)
    combo_update (g_ptr_array_index (b->children, i));
  if (b->items->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), _("Add goals to the map first"));
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), "");
}

/* Building */

static void
binding_update (Binding *b)
{
  switch (b->kind)
    {
    case W_ENTRY:
    case W_DATE:
      entry_update (b);
      break;
    case W_TEXT:
      text_update (b);
      break;
    case W_SPIN:
      spin_update (b);
      break;
    case W_COMBO:
      combo_update (b);
      break;
    case W_TRISTATE:
      tristate_update (b);
      break;
    case W_CHECKS:
      checks_update (b);
      break;
    case W_STRINGS:
      strings_update (b);
      break;
    case W_OBJECT:
      object_update (b);
      break;
    case W_OBJECTS:
      objects_update (b);
      break;
    case W_MAP:
      map_update (b);
      break;
    default:
      g_assert_not_reached ();
    }
}

static Binding *
build_field (SmRecordEditor *self,
             GtkWidget      *parent,
             const SmField  *field,
             const char     *array_path,
             int             index,
             const char     *path,
             const char     *map_key)
{
  Binding *b;
  GtkWidget *row = NULL;

  switch (field->type)
    {
    case SM_FIELD_ID:
      return NULL;

    case SM_FIELD_STRING:
      if (field->flags & SM_FIELD_MULTILINE)
        {
          b = binding_new (self, field, W_TEXT, array_path, index, path, map_key);
          row = build_text (b);
        }
      else
        {
          b = binding_new (self, field, W_ENTRY, array_path, index, path, map_key);
          row = build_entry (b, _(field->label));
        }
      break;

    case SM_FIELD_DATE:
      b = binding_new (self, field, W_DATE, array_path, index, path, map_key);
      row = build_entry (b, _(field->label));
      break;

    case SM_FIELD_BOOLEAN:
      b = binding_new (self, field, W_TRISTATE, array_path, index, path, map_key);
      row = build_tristate (b);
      break;

    case SM_FIELD_SCORE:
    case SM_FIELD_INTEGER:
    case SM_FIELD_NUMBER:
      b = binding_new (self, field, W_SPIN, array_path, index, path, map_key);
      row = build_spin (b);
      break;

    case SM_FIELD_LEVEL:
    case SM_FIELD_ENUM:
    case SM_FIELD_REF:
      b = binding_new (self, field, W_COMBO, array_path, index, path, map_key);
      row = build_combo (b, _(field->label));
      break;

    case SM_FIELD_ENUM_LIST:
    case SM_FIELD_REF_LIST:
      b = binding_new (self, field, W_CHECKS, array_path, index, path, map_key);
      row = build_expander (b, _(field->label));
      connect_binding (row, "notify::expanded", G_CALLBACK (checks_expanded_cb), b);
      break;

    case SM_FIELD_STRING_LIST:
      if (array_path != NULL)
        return NULL; /* lists inside list elements: none in format v1 */
      b = binding_new (self, field, W_STRINGS, array_path, index, path, map_key);
      row = build_expander (b, _(field->label));
      b->add = adw_entry_row_new ();
      {
        g_autofree char *title = g_strdup_printf (_("Add to %s"), _(field->label));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->add), title);
        set_accessible_label (b->add, title);
      }
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (b->add), TRUE);
      connect_binding (b->add, "apply", G_CALLBACK (strings_add_cb), b);
      connect_binding (b->add, "entry-activated", G_CALLBACK (strings_add_cb), b);
      binding_add_part (b, "add", b->add);
      add_row (row, b->add);
      break;

    case SM_FIELD_OBJECT:
      b = binding_new (self, field, W_OBJECT, array_path, index, path, map_key);
      row = build_expander (b, _(field->label));
      build_children (b);
      break;

    case SM_FIELD_OBJECT_LIST:
      if (array_path != NULL)
        return NULL;
      b = binding_new (self, field, W_OBJECTS, array_path, index, path, map_key);
      row = build_objects (b, parent);
      break;

    case SM_FIELD_ENUM_MAP:
    case SM_FIELD_LEVEL_MAP:
      b = binding_new (self, field, W_MAP, array_path, index, path, map_key);
      row = build_expander (b, _(field->label));
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  /* A list of objects at the top of the record is a group beside the
   * others, added by the caller. */
  if (!(field->type == SM_FIELD_OBJECT_LIST && ADW_IS_PREFERENCES_GROUP (parent)))
    add_row (parent, row);
  return b;
}

static void
clear_widgets (SmRecordEditor *self)
{
  GtkWidget *child;

  /* Widgets first: removing a focused one still calls its handlers. */
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_ptr_array_set_size (self->bindings, 0);
  g_hash_table_remove_all (self->by_key);
  g_clear_pointer (&self->last_key, g_free);
}

/* Common fields first; objects and lists in expanders; other single
 * values together under "More details"; lists of objects as groups. */
static void
build (SmRecordEditor *self)
{
  const SmField *fields = sm_schema_get_fields (sm_record_get_kind (self->record));
  GtkWidget *common = adw_preferences_group_new ();
  GtkWidget *details = adw_preferences_group_new ();
  GtkWidget *more = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  gboolean any_details = FALSE;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (details), _("Details"));
  gtk_box_append (GTK_BOX (self->box), common);
  gtk_box_append (GTK_BOX (self->box), details);

  for (const SmField *f = fields; f->name != NULL; f++)
    {
      gboolean single = f->type != SM_FIELD_OBJECT && f->type != SM_FIELD_OBJECT_LIST &&
                        f->type != SM_FIELD_ENUM_LIST && f->type != SM_FIELD_REF_LIST &&
                        f->type != SM_FIELD_STRING_LIST && f->type != SM_FIELD_ENUM_MAP &&
                        f->type != SM_FIELD_LEVEL_MAP;
      GtkWidget *parent;
      Binding *b;

      if (f->type == SM_FIELD_ID)
        continue;
      if (f->flags & SM_FIELD_COMMON)
        parent = common;
      else if (f->type == SM_FIELD_OBJECT_LIST)
        parent = details;
      else if (single)
        {
          if (more == NULL)
            {
              more = adw_expander_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), _("More details"));
              set_accessible_label (more, _("More details"));
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), more);
            }
          parent = more;
        }
      else
        parent = details;

      b = build_field (self, parent, f, NULL, -1, f->name, NULL);
      if (b == NULL)
        continue;
      if (parent == details && f->type != SM_FIELD_OBJECT_LIST)
        any_details = TRUE;
      if (f->type == SM_FIELD_OBJECT_LIST && !(f->flags & SM_FIELD_COMMON))
        g_ptr_array_add (lists, b->row);
      else if (f->type == SM_FIELD_OBJECT_LIST)
        gtk_box_append (GTK_BOX (self->box), b->row);
      g_ptr_array_add (self->bindings, b);
    }

  if (more != NULL)
    any_details = TRUE;
  gtk_widget_set_visible (details, any_details);
  for (guint i = 0; i < lists->len; i++)
    gtk_box_append (GTK_BOX (self->box), g_ptr_array_index (lists, i));

  for (guint i = 0; i < self->bindings->len; i++)
    binding_update (g_ptr_array_index (self->bindings, i));
}

/* Changes from anywhere */

static gboolean
path_is_name (const char *path)
{
  return *path == '\0' || strcmp (path, "name") == 0 || strcmp (path, "title") == 0 ||
         strcmp (path, "source") == 0 || strcmp (path, "target") == 0;
}

static void
update_kind (GPtrArray *bindings,
             gboolean   refs,
             gboolean   maps)
{
  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (bindings, i);

      if ((refs && (b->field->type == SM_FIELD_REF || b->field->type == SM_FIELD_REF_LIST) &&
           b->map_key == NULL) ||
          (maps && b->kind == W_MAP))
        binding_update (b);
      else if (b->kind == W_OBJECTS)
        {
          objects_update_add (b);
          update_kind (b->children, refs, maps);
        }
      else if (b->kind == W_OBJECT)
        {
          update_kind (b->children, refs, maps);
          if (refs && b->array_path != NULL)
            object_update (b);
        }
    }
}

static void
record_changed_cb (SmMap          *map,
                   SmRecord       *record,
                   const char     *path,
                   SmRecordEditor *self)
{
  if (self->record == NULL)
    return;

  if (record == self->record)
    {
      g_autofree char *top = g_strdup (path);
      char *dot = strchr (top, '.');

      if (dot != NULL)
        *dot = '\0';
      for (guint i = 0; i < self->bindings->len; i++)
        {
          Binding *b = g_ptr_array_index (self->bindings, i);

          if (*top == '\0' || strcmp (b->top, top) == 0)
            binding_update (b);
        }
    }

  /* Other records name the choices of references and goals. */
  if (record != self->record && sm_record_get_kind (record) != SM_RECORD_MAP && path_is_name (path))
    update_kind (self->bindings, TRUE, FALSE);
  if (sm_record_get_kind (record) == SM_RECORD_MAP && record != self->record &&
      (*path == '\0' || g_str_has_prefix (path, "goals")))
    update_kind (self->bindings, FALSE, TRUE);
}

static void
records_changed_cb (SmMap          *map,
                    SmRecord       *record,
                    SmRecordEditor *self)
{
  if (self->record != NULL)
    update_kind (self->bindings, TRUE, FALSE);
}

static void
read_only_cb (SmRecordEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self), !sm_document_get_read_only (self->document));
}

/* GObject */

static void
sm_record_editor_dispose (GObject *object)
{
  SmRecordEditor *self = (SmRecordEditor *) object;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (sm_document_get_map (self->document), self);
  if (self->box != NULL)
    {
      clear_widgets (self);
      g_clear_pointer (&self->box, gtk_widget_unparent);
    }
  g_clear_object (&self->record);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sm_record_editor_parent_class)->dispose (object);
}

static void
sm_record_editor_finalize (GObject *object)
{
  SmRecordEditor *self = (SmRecordEditor *) object;

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_free (self->last_key);

  G_OBJECT_CLASS (sm_record_editor_parent_class)->finalize (object);
}

static void
sm_record_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SmRecordEditor *self = SM_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_record_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SmRecordEditor *self = SM_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      {
        SmMap *map;

        self->document = g_value_dup_object (value);
        map = sm_document_get_map (self->document);
        g_signal_connect (map, "record-changed", G_CALLBACK (record_changed_cb), self);
        g_signal_connect (map, "record-added", G_CALLBACK (records_changed_cb), self);
        g_signal_connect (map, "record-removed", G_CALLBACK (records_changed_cb), self);
        g_signal_connect_swapped (map, "notify::read-only", G_CALLBACK (read_only_cb), self);
        read_only_cb (self);
        break;
      }
    case PROP_RECORD:
      sm_record_editor_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_record_editor_class_init (SmRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sm_record_editor_dispose;
  object_class->finalize = sm_record_editor_finalize;
  object_class->get_property = sm_record_editor_get_property;
  object_class->set_property = sm_record_editor_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, SM_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sm_record_editor_init (SmRecordEditor *self)
{
  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * sm_record_editor_new:
 * @record: (nullable): the record to edit
 */
GtkWidget *
sm_record_editor_new (SmDocument *document,
                      SmRecord   *record)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (record == NULL || SM_IS_RECORD (record), NULL);

  return g_object_new (SM_TYPE_RECORD_EDITOR, "document", document, "record", record, NULL);
}

SmDocument *
sm_record_editor_get_document (SmRecordEditor *self)
{
  g_return_val_if_fail (SM_IS_RECORD_EDITOR (self), NULL);
  return self->document;
}

SmRecord *
sm_record_editor_get_record (SmRecordEditor *self)
{
  g_return_val_if_fail (SM_IS_RECORD_EDITOR (self), NULL);
  return self->record;
}

/* Shows @record (NULL: nothing); the widgets are made anew for its kind. */
void
sm_record_editor_set_record (SmRecordEditor *self,
                             SmRecord       *record)
{
  g_return_if_fail (SM_IS_RECORD_EDITOR (self));
  g_return_if_fail (record == NULL || SM_IS_RECORD (record));

  if (self->record == record)
    return;
  clear_widgets (self);
  g_set_object (&self->record, record);
  if (record != NULL)
    build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

GtkWidget *
sm_record_editor_get_control (SmRecordEditor *self,
                              const char     *key)
{
  g_autofree char *field = NULL;
  const char *part;
  Binding *b;

  g_return_val_if_fail (SM_IS_RECORD_EDITOR (self), NULL);

  part = strchr (key, ':');
  field = part != NULL ? g_strndup (key, part - key) : g_strdup (key);
  b = g_hash_table_lookup (self->by_key, field);
  if (b == NULL)
    return NULL;
  if (part == NULL)
    return b->control;
  if (b->kind == W_CHECKS && !b->built)
    {
      b->built = TRUE;
      checks_update (b);
    }
  return g_hash_table_lookup (b->parts, part + 1);
}

/* sm-record-editor.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The record editor: every field of a record, built from the schema's
 * table (sm-schema.c) in code, each tied to its place in the record by a
 * binding that reads and writes it as one command. The widgets for each
 * kind of field are in sm-field-*.c. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-evaluate.h"
#include "sm-json.h"
#include "sm-labels.h"
#include "sm-record-editor-private.h"
#include "sm-window.h"

G_DEFINE_FINAL_TYPE (SmRecordEditor, sm_record_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  g_clear_pointer (&b->item_widgets, g_ptr_array_unref);
  g_clear_pointer (&b->parts, g_hash_table_unref);
  g_free (b->add_tooltip);
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
void
_sm_field_binding_free (Binding *b)
{
  SmRecordEditor *self = b->editor;

  b->dead = TRUE;
  if (self->by_key != NULL && g_hash_table_lookup (self->by_key, b->key) == b)
    g_hash_table_remove (self->by_key, b->key);
  g_clear_pointer (&b->children, g_ptr_array_unref);
  g_clear_pointer (&b->child_rows, g_ptr_array_unref);
  binding_unref (b);
}

void
_sm_field_connect_binding (gpointer    instance,
                           const char *signal,
                           GCallback   callback,
                           Binding    *b)
{
  g_signal_connect_data (instance, signal, callback, binding_ref (b), binding_closure_unref, 0);
}

Binding *
_sm_field_binding_new (SmRecordEditor *self,
                       const SmField  *field,
                       WidgetKind      kind,
                       const char     *array_path,
                       int             index,
                       const char     *path,
                       const char     *map_key)
{
  Binding    *b = g_new0 (Binding, 1);
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

void
_sm_field_binding_add_part (Binding    *b,
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
JsonNode *
_sm_field_binding_get_whole (Binding *b)
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
JsonNode *
_sm_field_binding_get (Binding *b)
{
  JsonNode *node = _sm_field_binding_get_whole (b);

  if (b->map_key == NULL)
    return node;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), b->map_key);
}

/* The value as the app reads it: an absent member has its documented
 * default. The caller owns the node. */
JsonNode *
_sm_field_binding_dup_effective (Binding *b)
{
  JsonNode *node = _sm_field_binding_get (b);

  if (node != NULL)
    return json_node_ref (node);
  if (b->map_key == NULL && b->field->default_json != NULL)
    return json_from_string (b->field->default_json, NULL);
  return NULL;
}

const char *
_sm_field_node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_sm_field_node_number (JsonNode *node,
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
char *
_sm_field_node_key (JsonNode *node)
{
  double v;

  if (node == NULL)
    return NULL;
  if (_sm_field_node_string (node) != NULL)
    return g_strdup (_sm_field_node_string (node));
  if (_sm_field_node_number (node, &v))
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
      if (_sm_field_node_number (a, &va) && _sm_field_node_number (b, &vb))
        return va == vb;
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      ka = _sm_field_node_key (a);
      kb = _sm_field_node_key (b);
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
void
_sm_field_binding_write (Binding  *b,
                         JsonNode *value,
                         gboolean  mergeable)
{
  SmRecordEditor *self = b->editor;
  g_autoptr(JsonNode) whole = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GError) error = NULL;
  SmCommand *command;

  if (self->record == NULL || b->blocked > 0)
    return;
  if (nodes_equal (_sm_field_binding_get (b), value))
    return;

  if (b->map_key != NULL)
    {
      JsonNode *old = _sm_field_binding_get_whole (b);
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
      const char      *path = b->path;
      g_autofree char *parent = NULL;

      /* An object without its required member would not load again:
       * clearing that member clears the object. */
      if (value == NULL && (b->field->flags & SM_FIELD_REQUIRED) && strchr (path, '.') != NULL)
        {
          parent = g_strndup (path, strrchr (path, '.') - path);
          path = parent;
        }
      command = sm_command_try_set_value (self->record, path, value, &error);
      if (command == NULL)
        {
          /* Refused (a relationship to its own "from"): the control shows
           * the stored value again, and a toast says why. */
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

          _sm_field_binding_update (b);
          if (SM_IS_WINDOW (root))
            sm_window_show_toast (SM_WINDOW (root), error->message);
          return;
        }
    }
  else
    {
      JsonNode  *array = sm_record_get_value (self->record, b->array_path);
      JsonArray *copy;
      JsonNode  *element;

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

void
_sm_field_write_string (Binding    *b,
                        const char *text,
                        gboolean    mergeable)
{
  g_autoptr(JsonNode) node = NULL;

  if (text != NULL)
    node = json_node_init_string (json_node_alloc (), text);
  _sm_field_binding_write (b, node, mergeable);
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

void
_sm_field_watch_focus (Binding   *b,
                       GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  _sm_field_connect_binding (focus, "leave", G_CALLBACK (focus_leave_cb), b);
  gtk_widget_add_controller (widget, focus);
}

void
_sm_field_set_accessible_label (GtkWidget  *widget,
                                const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

gboolean
_sm_field_has_focus_within (GtkWidget *widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

void
_sm_field_add_row (GtkWidget *parent,
                   GtkWidget *row)
{
  if (ADW_IS_PREFERENCES_GROUP (parent))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  else if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    g_assert_not_reached ();
}

void
_sm_field_remove_row (GtkWidget *parent,
                      GtkWidget *row)
{
  if (ADW_IS_PREFERENCES_GROUP (parent))
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (parent), row);
  else
    adw_expander_row_remove (ADW_EXPANDER_ROW (parent), row);
}

/* Titles are names people typed ("Parents & carers"), never markup. */
GtkWidget *
_sm_field_plain (GtkWidget *row)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

const char *
_sm_field_field_label (Binding *b)
{
  return _ (b->field->label);
}

/* The item (a key of b->items) that @button stands for. */
const char *
_sm_field_binding_item_for (Binding   *b,
                            GtkWidget *button)
{
  guint i;

  if (b->item_widgets == NULL || b->items == NULL ||
      !g_ptr_array_find (b->item_widgets, button, &i) || i >= b->items->len)
    return NULL;
  return g_ptr_array_index (b->items, i);
}

/* Building */

void
_sm_field_binding_update (Binding *b)
{
  switch (b->kind)
    {
    case W_ENTRY:
    case W_DATE:
      _sm_field_entry_update (b);
      break;
    case W_TEXT:
      _sm_field_text_update (b);
      break;
    case W_SPIN:
      _sm_field_spin_update (b);
      break;
    case W_COMBO:
      _sm_field_combo_update (b);
      break;
    case W_TRISTATE:
      _sm_field_tristate_update (b);
      break;
    case W_CHECKS:
      _sm_field_checks_update (b);
      break;
    case W_STRINGS:
      _sm_field_strings_update (b);
      break;
    case W_OBJECT:
      _sm_field_object_update (b);
      break;
    case W_OBJECTS:
      _sm_field_objects_update (b);
      break;
    case W_MAP:
      _sm_field_map_update (b);
      break;
    default:
      g_assert_not_reached ();
    }
}

Binding *
_sm_field_build_field (SmRecordEditor *self,
                       GtkWidget      *parent,
                       const SmField  *field,
                       const char     *array_path,
                       int             index,
                       const char     *path,
                       const char     *map_key)
{
  Binding   *b;
  GtkWidget *row = NULL;

  switch (field->type)
    {
    case SM_FIELD_ID:
      return NULL;

    case SM_FIELD_STRING:
      if (field->flags & SM_FIELD_MULTILINE)
        {
          b = _sm_field_binding_new (self, field, W_TEXT, array_path, index, path, map_key);
          row = _sm_field_build_text (b);
        }
      else
        {
          b = _sm_field_binding_new (self, field, W_ENTRY, array_path, index, path, map_key);
          row = _sm_field_build_entry (b, _ (field->label));
        }
      break;

    case SM_FIELD_DATE:
      b = _sm_field_binding_new (self, field, W_DATE, array_path, index, path, map_key);
      row = _sm_field_build_entry (b, _ (field->label));
      break;

    case SM_FIELD_BOOLEAN:
      b = _sm_field_binding_new (self, field, W_TRISTATE, array_path, index, path, map_key);
      row = _sm_field_build_tristate (b);
      break;

    case SM_FIELD_SCORE:
    case SM_FIELD_INTEGER:
    case SM_FIELD_NUMBER:
      b = _sm_field_binding_new (self, field, W_SPIN, array_path, index, path, map_key);
      row = _sm_field_build_spin (b);
      break;

    case SM_FIELD_LEVEL:
    case SM_FIELD_ENUM:
    case SM_FIELD_REF:
      b = _sm_field_binding_new (self, field, W_COMBO, array_path, index, path, map_key);
      row = _sm_field_build_combo (b, _ (field->label));
      break;

    case SM_FIELD_ENUM_LIST:
    case SM_FIELD_REF_LIST:
      b = _sm_field_binding_new (self, field, W_CHECKS, array_path, index, path, map_key);
      row = _sm_field_build_expander (b, _ (field->label));
      _sm_field_connect_binding (row, "notify::expanded", G_CALLBACK (_sm_field_checks_expanded_cb), b);
      break;

    case SM_FIELD_STRING_LIST:
      if (array_path != NULL)
        return NULL; /* lists inside list elements: none in format v1 */
      b = _sm_field_binding_new (self, field, W_STRINGS, array_path, index, path, map_key);
      row = _sm_field_build_expander (b, _ (field->label));
      b->add = adw_entry_row_new ();
      {
        g_autofree char *title = g_strdup_printf (_ ("Add to %s"), _ (field->label));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->add), title);
        _sm_field_set_accessible_label (b->add, title);
      }
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (b->add), TRUE);
      _sm_field_connect_binding (b->add, "apply", G_CALLBACK (_sm_field_strings_add_cb), b);
      _sm_field_connect_binding (b->add, "entry-activated", G_CALLBACK (_sm_field_strings_add_cb), b);
      _sm_field_binding_add_part (b, "add", b->add);
      _sm_field_add_row (row, b->add);
      break;

    case SM_FIELD_OBJECT:
      b = _sm_field_binding_new (self, field, W_OBJECT, array_path, index, path, map_key);
      row = _sm_field_build_expander (b, _ (field->label));
      _sm_field_build_children (b);
      break;

    case SM_FIELD_OBJECT_LIST:
      if (array_path != NULL)
        return NULL;
      b = _sm_field_binding_new (self, field, W_OBJECTS, array_path, index, path, map_key);
      row = _sm_field_build_objects (b, parent);
      break;

    case SM_FIELD_ENUM_MAP:
    case SM_FIELD_LEVEL_MAP:
      b = _sm_field_binding_new (self, field, W_MAP, array_path, index, path, map_key);
      row = _sm_field_build_expander (b, _ (field->label));
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  /* A list of objects at the top of the record is a group beside the
   * others, added by the caller. */
  if (!(field->type == SM_FIELD_OBJECT_LIST && ADW_IS_PREFERENCES_GROUP (parent)))
    _sm_field_add_row (parent, row);
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
  self->consent_row = NULL;
  self->same_name_row = self->same_name_label = self->same_name_button = NULL;
}

/* Two stakeholders a person would call by one name: a note under the
 * name, never a refusal, with a way to see the other one. */
static GtkWidget *
build_same_name_row (SmRecordEditor *self)
{
  GtkWidget *row = _sm_field_plain (adw_preferences_row_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "dim-label");
  self->same_name_label = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (self->same_name_label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (self->same_name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->same_name_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->same_name_label), 0);
  gtk_widget_set_hexpand (self->same_name_label, TRUE);
  self->same_name_button = gtk_button_new_with_mnemonic (_ ("_Show the Other"));
  gtk_widget_set_valign (self->same_name_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), self->same_name_label);
  gtk_box_append (GTK_BOX (box), self->same_name_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_visible (row, FALSE);
  self->same_name_row = row;
  return row;
}

static void
update_same_name (SmRecordEditor *self)
{
  SmRecord        *other;
  g_autofree char *text = NULL;

  if (self->same_name_row == NULL || self->record == NULL)
    return;
  other = sm_map_find_same_name (sm_document_get_map (self->document),
                                 sm_stakeholder_get_name (self->record), self->record);
  gtk_widget_set_visible (self->same_name_row, other != NULL);
  if (other == NULL)
    return;
  text = sm_window_dup_same_name_text (sm_stakeholder_get_name (other));
  gtk_label_set_text (GTK_LABEL (self->same_name_label), text);
  _sm_field_set_accessible_label (self->same_name_row, text);
  /* The target first: the action takes an id. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->same_name_button),
                                          g_variant_new_string (sm_record_get_id (other)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->same_name_button), "win.show-stakeholder");
}

/* Consent (DQ-05) beside the name, with what it means outside the group:
 * the same rule as sm_public_names_new(), and the same N. */
static void
update_consent_note (SmRecordEditor *self)
{
  SmMap           *map;
  SmCollection    *people;
  g_autofree char *note = NULL;

  if (self->consent_row == NULL || self->record == NULL)
    return;
  if (sm_stakeholder_is_organisation (self->record))
    note = g_strdup (sm_record_get_boolean (self->record, "is_group") == SM_TRISTATE_TRUE
                       ? _ ("Named in exports: a group")
                       : _ ("Named in exports: an organisation"));
  else
    {
      g_autofree char *status = NULL;
      g_autofree char *choices = NULL;
      guint            n = 0;

      /* The number this person has, or would have without a yes. */
      map = sm_document_get_map (self->document);
      people = sm_map_get_stakeholders (map);
      for (guint i = 0; i < sm_collection_get_size (people); i++)
        {
          SmRecord *person = sm_collection_get (people, i);

          if (person == self->record)
            {
              n++;
              break;
            }
          if (!sm_stakeholder_may_be_named (person))
            n++;
        }
      if (sm_stakeholder_may_be_named (self->record))
        status = g_strdup (_ ("Named in exports: agreed to be named"));
      else
        /* TRANSLATORS: what a person who has not agreed to be named is called outside the group */
        status = g_strdup_printf (_ ("Shown as Participant %u in exports and the report"), n);
      /* TRANSLATORS: explains the Yes, No and Unknown buttons of "May be named in exports and reports" */
      choices = g_strdup_printf (_ ("Yes: named everywhere. No or Unknown: shown as “Participant %u” "
                                    "outside this window."),
                                 n);
      note = g_strdup_printf ("%s\n%s", status, choices);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->consent_row), note);
}

/* Whether a change at @path can change who is named. */
static gboolean
path_is_consent (const char *path)
{
  return *path == '\0' || strcmp (path, "consent_to_be_mapped") == 0 || strcmp (path, "kind") == 0 ||
         strcmp (path, "is_group") == 0;
}

/* Common fields first; objects and lists in expanders; other single
 * values together under "More details"; lists of objects as groups. */
static void
build (SmRecordEditor *self)
{
  const SmField *fields = sm_schema_get_fields (sm_record_get_kind (self->record));
  GtkWidget     *common = adw_preferences_group_new ();
  GtkWidget     *details = adw_preferences_group_new ();
  GtkWidget     *more = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  gboolean       any_details = FALSE;
  const SmField *consent = NULL;

  if (sm_record_get_kind (self->record) == SM_RECORD_STAKEHOLDER)
    consent = sm_schema_lookup (fields, "consent_to_be_mapped");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (details), _ ("Details"));
  gtk_box_append (GTK_BOX (self->box), common);
  gtk_box_append (GTK_BOX (self->box), details);

  for (const SmField *f = fields; f->name != NULL; f++)
    {
      gboolean single = f->type != SM_FIELD_OBJECT && f->type != SM_FIELD_OBJECT_LIST &&
                        f->type != SM_FIELD_ENUM_LIST && f->type != SM_FIELD_REF_LIST &&
                        f->type != SM_FIELD_STRING_LIST && f->type != SM_FIELD_ENUM_MAP &&
                        f->type != SM_FIELD_LEVEL_MAP;
      GtkWidget *parent;
      Binding   *b;

      if (f->type == SM_FIELD_ID || (f->flags & SM_FIELD_HIDDEN))
        continue;
      /* Consent goes with the name, below. */
      if (f == consent)
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
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), _ ("More details"));
              _sm_field_set_accessible_label (more, _ ("More details"));
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), more);
            }
          parent = more;
        }
      else
        parent = details;

      b = _sm_field_build_field (self, parent, f, NULL, -1, f->name, NULL);
      if (b == NULL)
        continue;
      if (parent == details && f->type != SM_FIELD_OBJECT_LIST)
        any_details = TRUE;
      if (f->type == SM_FIELD_OBJECT_LIST && !(f->flags & SM_FIELD_COMMON))
        g_ptr_array_add (lists, b->row);
      else if (f->type == SM_FIELD_OBJECT_LIST)
        gtk_box_append (GTK_BOX (self->box), b->row);
      g_ptr_array_add (self->bindings, b);

      /* Whether a person may be named is decided with their name, and
       * says what follows from it. */
      if (consent != NULL && strcmp (f->name, "name") == 0)
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (common), build_same_name_row (self));
          b = _sm_field_build_field (self, common, consent, NULL, -1, consent->name, NULL);
          g_ptr_array_add (self->bindings, b);
          self->consent_row = b->row;
        }
    }

  if (more != NULL)
    any_details = TRUE;
  gtk_widget_set_visible (details, any_details);
  for (guint i = 0; i < lists->len; i++)
    gtk_box_append (GTK_BOX (self->box), g_ptr_array_index (lists, i));

  for (guint i = 0; i < self->bindings->len; i++)
    _sm_field_binding_update (g_ptr_array_index (self->bindings, i));
  update_consent_note (self);
  update_same_name (self);
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
          (refs && b->kind == W_COMBO && _sm_field_is_holder (b)) || (maps && b->kind == W_MAP))
        _sm_field_binding_update (b);
      else if (b->kind == W_OBJECTS)
        {
          _sm_field_objects_update_add (b);
          update_kind (b->children, refs, maps);
        }
      else if (b->kind == W_OBJECT)
        {
          update_kind (b->children, refs, maps);
          if (refs && b->array_path != NULL)
            _sm_field_object_update (b);
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
      char            *dot = strchr (top, '.');

      if (dot != NULL)
        *dot = '\0';
      for (guint i = 0; i < self->bindings->len; i++)
        {
          Binding *b = g_ptr_array_index (self->bindings, i);

          if (*top == '\0' || strcmp (b->top, top) == 0)
            _sm_field_binding_update (b);
        }
    }

  if (self->consent_row != NULL && sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER &&
      path_is_consent (path))
    update_consent_note (self);
  if (sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER &&
      (*path == '\0' || strcmp (path, "name") == 0))
    update_same_name (self);

  /* Other records name the choices of references and goals; a
   * relationship's ends name who may hold more power. */
  if (record != self->record && sm_record_get_kind (record) != SM_RECORD_MAP && path_is_name (path))
    update_kind (self->bindings, TRUE, FALSE);
  else if (record == self->record && sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP &&
           (*path == '\0' || strcmp (path, "source") == 0 || strcmp (path, "target") == 0))
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
  /* A person added or removed before this one changes its number. */
  update_consent_note (self);
  update_same_name (self);
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
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
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
  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_field_binding_free);
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
  const char      *part;
  Binding         *b;

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
      _sm_field_checks_update (b);
    }
  return g_hash_table_lookup (b->parts, part + 1);
}

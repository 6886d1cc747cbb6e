/* sm-field-list.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The widgets for lists: check boxes for lists of choices (roles,
 * references) and rows of free text (access needs). */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sm-json.h"
#include "sm-labels.h"
#include "sm-record-editor-private.h"

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
          const char *s = _sm_field_node_string (json_array_get_element (array, i));

          if (s != NULL)
            g_ptr_array_add (values, g_strdup (s));
        }
    }
  return values;
}

gboolean
_sm_field_str_array_contains (GPtrArray  *array,
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
    _sm_field_collect_candidates (b->editor, b->field->ref, keys, labels);
  else
    for (guint i = 0; b->field->values[i] != NULL; i++)
      {
        g_ptr_array_add (keys, g_strdup (b->field->values[i]));
        g_ptr_array_add (labels, g_strdup (sm_value_label (b->field->values[i])));
      }
  for (guint i = 0; i < chosen->len; i++)
    if (!_sm_field_str_array_contains (keys, g_ptr_array_index (chosen, i)))
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
  const char *value = _sm_field_binding_item_for (b, GTK_WIDGET (check));
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
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
  if (active && !_sm_field_str_array_contains (chosen, value))
    json_array_add_string_element (array, value);
  node = json_node_init_array (json_node_alloc (), array);
  _sm_field_binding_write (b, node, FALSE);
}

void
_sm_field_checks_update (Binding *b)
{
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
  g_autoptr(GPtrArray) chosen = dup_string_array (current);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) summary = g_string_new (NULL);

  checks_items (b, chosen, keys, labels);
  for (guint i = 0; i < keys->len; i++)
    if (_sm_field_str_array_contains (chosen, g_ptr_array_index (keys, i)))
      {
        if (summary->len > 0)
          g_string_append (summary, _ (", "));
        g_string_append (summary, g_ptr_array_index (labels, i));
      }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row),
                                 summary->len > 0 ? summary->str : _ ("None"));

  /* Rows are made when the list is first opened: a reference list can
   * offer thousands of stakeholders. */
  if (!b->built)
    return;

  b->blocked++;
  if (!_sm_field_str_arrays_equal (keys, b->items) || !_sm_field_str_arrays_equal (labels, b->item_labels))
    {
      for (guint i = 0; i < b->child_rows->len; i++)
        _sm_field_remove_row (b->row, g_ptr_array_index (b->child_rows, i));
      g_ptr_array_set_size (b->child_rows, 0);
      g_hash_table_remove_all (b->parts);
      g_clear_pointer (&b->item_widgets, g_ptr_array_unref);
      b->item_widgets = g_ptr_array_new ();
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget  *row = _sm_field_plain (adw_action_row_new ());
          GtkWidget  *check = gtk_check_button_new ();
          const char *key = g_ptr_array_index (keys, i);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (labels, i));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          _sm_field_set_accessible_label (check, g_ptr_array_index (labels, i));
          g_ptr_array_add (b->item_widgets, check);
          _sm_field_connect_binding (check, "toggled", G_CALLBACK (check_toggled_cb), b);
          _sm_field_binding_add_part (b, key, check);
          _sm_field_add_row (b->row, row);
          g_ptr_array_add (b->child_rows, row);
        }
      g_clear_pointer (&b->items, g_ptr_array_unref);
      g_clear_pointer (&b->item_labels, g_ptr_array_unref);
      b->items = g_steal_pointer (&keys);
      b->item_labels = g_steal_pointer (&labels);
    }
  for (guint i = 0; i < b->items->len; i++)
    {
      const char     *key = g_ptr_array_index (b->items, i);
      GtkCheckButton *check = g_hash_table_lookup (b->parts, key);

      gtk_check_button_set_active (check, _sm_field_str_array_contains (chosen, key));
    }
  b->blocked--;
}

void
_sm_field_checks_expanded_cb (AdwExpanderRow *row,
                              GParamSpec     *pspec,
                              Binding        *b)
{
  if (b->dead || b->built || !adw_expander_row_get_expanded (row))
    return;
  b->built = TRUE;
  _sm_field_checks_update (b);
}

GtkWidget *
_sm_field_build_expander (Binding    *b,
                          const char *title)
{
  GtkWidget *row = _sm_field_plain (adw_expander_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  _sm_field_set_accessible_label (row, title);
  b->row = b->control = b->container = row;
  b->child_rows = g_ptr_array_new ();
  b->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_field_binding_free);
  return row;
}

/* Lists of free text (access needs) */

/* @b is the element's binding; its list's binding writes. */
void
_sm_field_remove_element_cb (GtkButton *button,
                             Binding   *item)
{
  Binding *b = item->parent;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  if (item->dead)
    return;
  current = _sm_field_binding_dup_effective (b);
  if (current == NULL || !JSON_NODE_HOLDS_ARRAY (current))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (current)); i++)
    if ((int) i != item->index)
      json_array_add_element (array, sm_json_deep_copy (json_array_get_element (json_node_get_array (current), i)));
  node = json_node_init_array (json_node_alloc (), array);
  _sm_field_binding_write (b, node, FALSE);
}

void
_sm_field_strings_add_cb (AdwEntryRow *entry,
                          Binding     *b)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
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
  _sm_field_binding_write (b, node, FALSE);
}

guint
_sm_field_array_length (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  return json_array_get_length (json_node_get_array (node));
}

void
_sm_field_strings_update (Binding *b)
{
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
  g_autoptr(GPtrArray) values = dup_string_array (current);
  guint            n = _sm_field_array_length (current);
  g_autofree char *summary = NULL;

  if (n != b->children->len)
    {
      gboolean    refocus = _sm_field_has_focus_within (b->add);
      const char *array_path = b->array_path != NULL ? NULL : b->path;

      for (guint i = 0; i < b->child_rows->len; i++)
        _sm_field_remove_row (b->row, g_ptr_array_index (b->child_rows, i));
      g_ptr_array_set_size (b->child_rows, 0);
      g_ptr_array_set_size (b->children, 0);
      g_object_ref (b->add);
      _sm_field_remove_row (b->row, b->add);

      for (guint i = 0; i < n && array_path != NULL; i++)
        {
          Binding         *item = _sm_field_binding_new (b->editor, b->field, W_ENTRY, array_path, i, "", NULL);
          GtkWidget       *row = _sm_field_build_entry (item, _sm_field_field_label (b));
          GtkWidget       *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *name = g_strdup_printf (_ ("Remove from %s"), _sm_field_field_label (b));

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, name);
          _sm_field_set_accessible_label (remove, name);
          item->parent = b;
          _sm_field_connect_binding (remove, "clicked", G_CALLBACK (_sm_field_remove_element_cb), item);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
          _sm_field_binding_add_part (item, "remove", remove);
          _sm_field_add_row (b->row, row);
          g_ptr_array_add (b->child_rows, row);
          g_ptr_array_add (b->children, item);
        }
      _sm_field_add_row (b->row, b->add);
      g_object_unref (b->add);
      if (refocus)
        gtk_widget_grab_focus (b->add);
    }
  for (guint i = 0; i < b->children->len; i++)
    _sm_field_entry_update (g_ptr_array_index (b->children, i));

  g_ptr_array_add (values, NULL);
  summary = g_strjoinv (_ (", "), (char **) values->pdata);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), *summary != '\0' ? summary : _ ("None"));
}

/* sm-field-object.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The widgets for structured fields: an object as an expander of its
 * members, lists of objects (assets, members, goals…) and maps of values
 * (positions on goals, participation by stage). */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sm-json.h"
#include "sm-labels.h"
#include "sm-record-editor-private.h"

/* Objects: an expander of their members */

static const char *
object_summary_part (SmRecordEditor *self,
                     const SmField  *child,
                     JsonNode       *value)
{
  const char *s = _sm_field_node_string (value);

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

void
_sm_field_object_update (Binding *b)
{
  JsonNode *node = _sm_field_binding_get (b);
  gboolean  complete = TRUE;

  for (const SmField *c = b->field->children; c->name != NULL; c++)
    if ((c->flags & SM_FIELD_REQUIRED) &&
        (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
         !json_object_has_member (json_node_get_object (node), c->name)))
      complete = FALSE;

  for (guint i = 0; i < b->children->len; i++)
    {
      Binding *child = g_ptr_array_index (b->children, i);

      _sm_field_binding_update (child);
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
          JsonNode   *member = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
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
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->row), title != NULL ? title : _ ("(empty)"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), subtitle != NULL ? subtitle : "");
      /* An item of a list is read by what it says, like its heading. */
      _sm_field_set_accessible_label (b->row, title != NULL ? title : _ ("(empty)"));
    }
}

void
_sm_field_build_children (Binding *b)
{
  SmRecordEditor *self = b->editor;

  for (const SmField *c = b->field->children; c->name != NULL; c++)
    {
      g_autofree char *path = *b->path != '\0' ? g_strdup_printf ("%s.%s", b->path, c->name)
                                               : g_strdup (c->name);
      Binding         *child;

      if (c->type == SM_FIELD_ID)
        continue;
      child = _sm_field_build_field (self, b->container, c, b->array_path, b->index, path, NULL);
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
              for (guint n = _sm_field_array_length (array) + 1;; n++)
                {
                  g_autofree char *id = g_strdup_printf ("%s-%u", c->name, n);
                  gboolean         used = FALSE;

                  for (guint i = 0; i < _sm_field_array_length (array); i++)
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

            _sm_field_collect_candidates (self, c->ref, keys, labels);
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
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) element = json_object_new ();
  SmRecordEditor *self = b->editor;
  GtkWidget      *row;
  guint           n;

  if (b->dead)
    return;
  if (!fill_required (self, b->field->children, current, element))
    return;
  if (current != NULL && JSON_NODE_HOLDS_ARRAY (current))
    node = sm_json_deep_copy (current);
  else
    node = json_node_init_array (json_node_alloc (), json_array_new ());
  json_array_add_object_element (json_node_get_array (node), g_steal_pointer (&element));
  n = _sm_field_array_length (node);
  _sm_field_binding_write (b, node, FALSE);

  /* Open the new element, ready to fill in. */
  if (b->child_rows != NULL && b->child_rows->len == n)
    {
      row = g_ptr_array_index (b->child_rows, n - 1);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

void
_sm_field_objects_update_add (Binding *b)
{
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
  g_autoptr(JsonObject) probe = json_object_new ();
  gboolean can_add = fill_required (b->editor, b->field->children, current, probe);

  gtk_widget_set_sensitive (b->add, can_add);
  gtk_widget_set_tooltip_text (b->add, can_add ? b->add_tooltip
                                               : _ ("Add stakeholders to the map first"));
}

void
_sm_field_objects_update (Binding *b)
{
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
  guint n = _sm_field_array_length (current);

  if (n != b->children->len)
    {
      GPtrArray *expanded = g_ptr_array_new ();

      for (guint i = 0; i < b->child_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (b->child_rows, i);

          g_ptr_array_add (expanded, GINT_TO_POINTER (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row))));
          _sm_field_remove_row (b->container, row);
        }
      g_ptr_array_set_size (b->child_rows, 0);
      g_ptr_array_set_size (b->children, 0);

      for (guint i = 0; i < n; i++)
        {
          Binding         *element = _sm_field_binding_new (b->editor, b->field, W_OBJECT, b->path, i, "", NULL);
          GtkWidget       *row = _sm_field_build_expander (element, "");
          GtkWidget       *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *name = g_strdup_printf (_ ("Remove from %s"), _sm_field_field_label (b));

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, name);
          _sm_field_set_accessible_label (remove, name);
          element->parent = b;
          _sm_field_connect_binding (remove, "clicked", G_CALLBACK (_sm_field_remove_element_cb), element);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
          _sm_field_binding_add_part (element, "remove", remove);
          _sm_field_build_children (element);
          if (i < expanded->len && GPOINTER_TO_INT (g_ptr_array_index (expanded, i)))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          _sm_field_add_row (b->container, row);
          g_ptr_array_add (b->child_rows, row);
          g_ptr_array_add (b->children, element);
        }
      g_ptr_array_unref (expanded);
    }

  for (guint i = 0; i < b->children->len; i++)
    _sm_field_binding_update (g_ptr_array_index (b->children, i));
  _sm_field_objects_update_add (b);
}

GtkWidget *
_sm_field_build_objects (Binding   *b,
                         GtkWidget *parent)
{
  const char      *label = _sm_field_field_label (b);
  GtkWidget       *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autofree char *name = g_strdup_printf (_ ("Add to %s"), label);

  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, name);
  b->add_tooltip = g_strdup (name);
  _sm_field_set_accessible_label (add, name);
  _sm_field_connect_binding (add, "clicked", G_CALLBACK (objects_add_cb), b);
  b->add = add;
  _sm_field_binding_add_part (b, "add", add);
  b->child_rows = g_ptr_array_new ();
  b->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_field_binding_free);

  if (ADW_IS_PREFERENCES_GROUP (parent))
    {
      /* A list of objects at the top is a group of its own, not a row. */
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), label);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
      b->row = b->control = b->container = group;
      return group;
    }

  _sm_field_build_expander (b, label);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (b->row), add);
  return b->row;
}

/* Maps of values (positions on goals, participation by stage) */

static void
map_keys (Binding   *b,
          GPtrArray *keys,
          GPtrArray *labels)
{
  JsonNode *current = _sm_field_binding_get_whole (b);

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

      for (guint i = 0; i < _sm_field_array_length (goals); i++)
        {
          JsonNode   *goal = json_array_get_element (json_node_get_array (goals), i);
          const char *id, *label;

          if (!JSON_NODE_HOLDS_OBJECT (goal))
            continue;
          id = json_object_get_string_member_with_default (json_node_get_object (goal), "id", NULL);
          label = json_object_get_string_member_with_default (json_node_get_object (goal), "label", NULL);
          if (id == NULL || _sm_field_str_array_contains (keys, id))
            continue;
          g_ptr_array_add (keys, g_strdup (id));
          g_ptr_array_add (labels, g_strdup (label != NULL && *label != '\0' ? label : id));
        }
    }

  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      JsonObjectIter iter;
      const char    *key;
      JsonNode      *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (current));
      while (json_object_iter_next_ordered (&iter, &key, &member))
        if (!_sm_field_str_array_contains (keys, key))
          {
            g_ptr_array_add (keys, g_strdup (key));
            g_ptr_array_add (labels, g_strdup (key));
          }
    }
}

void
_sm_field_map_update (Binding *b)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  map_keys (b, keys, labels);
  if (!_sm_field_str_arrays_equal (keys, b->items) || !_sm_field_str_arrays_equal (labels, b->item_labels))
    {
      for (guint i = 0; i < b->child_rows->len; i++)
        _sm_field_remove_row (b->row, g_ptr_array_index (b->child_rows, i));
      g_ptr_array_set_size (b->child_rows, 0);
      g_ptr_array_set_size (b->children, 0);
      for (guint i = 0; i < keys->len; i++)
        {
          Binding   *child = _sm_field_binding_new (b->editor, b->field, W_COMBO, b->array_path, b->index,
                                                    b->path, g_ptr_array_index (keys, i));
          GtkWidget *row = _sm_field_build_combo (child, g_ptr_array_index (labels, i));

          _sm_field_add_row (b->row, row);
          g_ptr_array_add (b->child_rows, row);
          g_ptr_array_add (b->children, child);
        }
      g_clear_pointer (&b->items, g_ptr_array_unref);
      g_clear_pointer (&b->item_labels, g_ptr_array_unref);
      b->items = g_steal_pointer (&keys);
      b->item_labels = g_steal_pointer (&labels);
    }
  for (guint i = 0; i < b->children->len; i++)
    _sm_field_combo_update (g_ptr_array_index (b->children, i));
  if (b->items->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), _ ("Add goals to the map first"));
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), "");
}

/* sm-field-choice.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The widgets for one choice: a dropdown for enumerations, ladder levels
 * and references to other records, and Yes / No / Unknown buttons. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-record-editor-private.h"

/* Choices from a list: enumerations, ladder levels, references */

/* TLAP ladder steps (principles.md §3.7): every level field is a ladder. */
static const char *const ladder[] = {
  N_ ("Not involved"),
  N_ ("Coercion"),
  N_ ("Educating"),
  N_ ("Informing"),
  N_ ("Consultation"),
  N_ ("Engagement"),
  N_ ("Co-design"),
  N_ ("Co-production"),
};

void
_sm_field_collect_candidates (SmRecordEditor *self,
                              SmRefKind       ref,
                              GPtrArray      *keys,
                              GPtrArray      *labels)
{
  SmMap       *map = sm_document_get_map (self->document);
  SmRecordKind kinds[2];
  guint        n_kinds = 0;

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
      guint         n = sm_collection_get_size (collection);

      for (guint i = 0; i < n; i++)
        {
          SmRecord *record = sm_collection_get (collection, i);

          g_ptr_array_add (keys, g_strdup (sm_record_get_id (record)));
          if (kinds[k] == SM_RECORD_RELATIONSHIP)
            {
              SmRecord *source = sm_map_lookup (map, sm_relationship_get_source (record));
              SmRecord *target = sm_map_lookup (map, sm_relationship_get_target (record));

              g_ptr_array_add (labels, g_strdup_printf (_ ("%s → %s"),
                                                        source ? sm_record_get_label (source) : "?",
                                                        target ? sm_record_get_label (target) : "?"));
            }
          else
            g_ptr_array_add (labels, g_strdup (sm_record_get_label (record)));
        }
    }
}

/* "Who holds more power" on a relationship offers the two people by name,
 * rather than "the from stakeholder". */
gboolean
_sm_field_is_holder (Binding *b)
{
  SmRecord *record = b->editor->record;

  return record != NULL && sm_record_get_kind (record) == SM_RECORD_RELATIONSHIP && b->field->type == SM_FIELD_ENUM &&
         strcmp (b->field->name, "holder") == 0 && sm_schema_enum_has_value (b->field, "source") &&
         sm_schema_enum_has_value (b->field, "target");
}

/* The name of the end @value ("source", "target") stands for, or NULL
 * when it has none or both ends share one, so the choice stays clear. */
static char *
holder_label (Binding    *b,
              const char *value)
{
  SmRecord   *relationship = b->editor->record;
  SmMap      *map = sm_document_get_map (b->editor->document);
  SmRecord   *source = sm_map_lookup (map, sm_relationship_get_source (relationship));
  SmRecord   *target = sm_map_lookup (map, sm_relationship_get_target (relationship));
  const char *source_name = source != NULL ? sm_record_get_label (source) : NULL;
  const char *target_name = target != NULL ? sm_record_get_label (target) : NULL;
  const char *name;

  if (strcmp (value, "source") == 0)
    name = source_name;
  else if (strcmp (value, "target") == 0)
    name = target_name;
  else
    return NULL;
  if (name == NULL || *name == '\0' || g_strcmp0 (source_name, target_name) == 0)
    return NULL;
  return g_strdup (name);
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
  const SmField   *f = b->field;
  g_autofree char *current_key = _sm_field_node_key (current);
  gboolean         nested = b->array_path == NULL && strchr (b->path, '.') != NULL;
  gboolean         found = FALSE;

  if (is_level (b))
    {
      if (b->map_key != NULL)
        {
          g_ptr_array_add (keys, NULL);
          g_ptr_array_add (labels, g_strdup (_ ("Not set")));
        }
      else
        {
          g_ptr_array_add (keys, g_strdup ("unknown"));
          g_ptr_array_add (labels, g_strdup (_ ("Unknown")));
        }
      for (int level = (int) f->min; level <= (int) f->max; level++)
        {
          g_ptr_array_add (keys, g_strdup_printf ("%d", level));
          if (f->min == 0 && f->max == G_N_ELEMENTS (ladder) - 1)
            g_ptr_array_add (labels, g_strdup_printf (_ ("%d · %s"), level, _ (ladder[level])));
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
          g_ptr_array_add (labels, g_strdup (f->type == SM_FIELD_REF ? _ ("None") : _ ("Not set")));
        }
      if (f->type == SM_FIELD_REF)
        _sm_field_collect_candidates (b->editor, f->ref, keys, labels);
      else
        for (guint i = 0; f->values != NULL && f->values[i] != NULL; i++)
          {
            char *name = _sm_field_is_holder (b) ? holder_label (b, f->values[i]) : NULL;

            g_ptr_array_add (keys, g_strdup (f->values[i]));
            g_ptr_array_add (labels, name != NULL ? name : g_strdup (sm_value_label (f->values[i])));
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

gboolean
_sm_field_str_arrays_equal (GPtrArray *a,
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

void
_sm_field_combo_update (Binding *b)
{
  g_autoptr(JsonNode) current = _sm_field_binding_dup_effective (b);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *current_key = _sm_field_node_key (current);
  guint            selected = GTK_INVALID_LIST_POSITION;

  combo_items (b, current, keys, labels);
  b->blocked++;
  if (!_sm_field_str_arrays_equal (keys, b->items) || !_sm_field_str_arrays_equal (labels, b->item_labels))
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
  guint       selected = adw_combo_row_get_selected (row);
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
  _sm_field_binding_write (b, node, FALSE);
}

GtkWidget *
_sm_field_build_combo (Binding    *b,
                       const char *title)
{
  GtkWidget     *row = _sm_field_plain (adw_combo_row_new ());
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  gtk_expression_unref (expression);
  _sm_field_set_accessible_label (row, title);
  b->row = b->control = row;
  _sm_field_connect_binding (row, "notify::selected", G_CALLBACK (combo_selected_cb), b);
  return row;
}

/* Yes / No / Unknown */

static void
tristate_toggled_cb (GtkToggleButton *button,
                     Binding         *b)
{
  const char *value;
  g_autoptr(JsonNode) node = json_node_alloc ();

  if (b->dead)
    return;
  if (b->blocked > 0 || !gtk_toggle_button_get_active (button))
    return;
  value = _sm_field_binding_item_for (b, GTK_WIDGET (button));
  g_return_if_fail (value != NULL);
  if (strcmp (value, "unknown") == 0)
    json_node_init_string (node, "unknown");
  else
    json_node_init_boolean (node, strcmp (value, "yes") == 0);
  _sm_field_binding_write (b, node, FALSE);
}

void
_sm_field_tristate_update (Binding *b)
{
  g_autoptr(JsonNode) node = _sm_field_binding_dup_effective (b);
  const char *part = "unknown";
  GtkWidget  *button;

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

GtkWidget *
_sm_field_build_tristate (Binding *b)
{
  static const struct
  {
    const char *value;
    const char *label;
  } choices[] = {
    { "yes", N_ ("Yes") },
    { "no", N_ ("No") },
    { "unknown", N_ ("Unknown") },
  };
  GtkWidget  *row = _sm_field_plain (adw_action_row_new ());
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *label = _sm_field_field_label (b);
  gboolean    with_unknown = g_strcmp0 (b->field->default_json, "true") != 0 &&
                          g_strcmp0 (b->field->default_json, "false") != 0;
  GtkWidget *first = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  b->items = g_ptr_array_new_with_free_func (g_free);
  b->item_widgets = g_ptr_array_new ();
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  _sm_field_set_accessible_label (box, label);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget       *button;
      g_autofree char *name = NULL;

      if (!with_unknown && strcmp (choices[i].value, "unknown") == 0)
        continue;
      button = gtk_toggle_button_new_with_label (_ (choices[i].label));
      name = g_strdup_printf (_ ("%s: %s"), label, _ (choices[i].label));
      _sm_field_set_accessible_label (button, name);
      g_ptr_array_add (b->items, g_strdup (choices[i].value));
      g_ptr_array_add (b->item_widgets, button);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      _sm_field_connect_binding (button, "toggled", G_CALLBACK (tristate_toggled_cb), b);
      gtk_box_append (GTK_BOX (box), button);
      _sm_field_binding_add_part (b, choices[i].value, button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  b->row = row;
  b->control = box;
  return row;
}

/* sm-change-row.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-change-row.h"
#include "sm-labels.h"

#define MAX_FIELDS_SHOWN 3
#define MAX_VALUE_CHARS 48

static char *
shorten (const char *text)
{
  g_autofree char *flat = g_strdelimit (g_strdup (text), "\n\r\t", ' ');
  g_autofree char *start = NULL;

  if (g_utf8_strlen (flat, -1) <= MAX_VALUE_CHARS)
    return g_steal_pointer (&flat);
  start = g_utf8_substring (flat, 0, MAX_VALUE_CHARS - 1);
  /* TRANSLATORS: a long value cut short in the list of changes */
  return g_strdup_printf (_ ("%s…"), start);
}

char *
_sm_change_value_text (const SmField *field,
                       JsonNode      *node,
                       SmMap         *map,
                       SmMap         *other)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_ ("nothing"));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _ ("yes") : _ ("no"));
      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        return g_strdup_printf ("%g", json_node_get_double (node));
      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          if (field != NULL && field->type == SM_FIELD_REF && field->ref == SM_REF_STAKEHOLDER)
            {
              SmRecord *record = map != NULL ? sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, text) : NULL;

              if (record == NULL && other != NULL)
                record = sm_map_lookup_kind (other, SM_RECORD_STAKEHOLDER, text);
              if (record != NULL)
                return shorten (sm_stakeholder_get_name (record));
            }
          if (field != NULL && (field->type == SM_FIELD_ENUM || field->type == SM_FIELD_BOOLEAN ||
                                field->type == SM_FIELD_SCORE || field->type == SM_FIELD_LEVEL))
            return shorten (sm_value_label (text));
          return shorten (text);
        }
    }
  {
    g_autofree char *json = json_to_string (node, FALSE);

    return shorten (json);
  }
}

const char *
_sm_change_field_label (SmDiffKind  kind,
                        const char *path)
{
  const SmField *def = kind < SM_DIFF_KIND_RESPONSE && path != NULL
                         ? sm_schema_lookup_path ((SmRecordKind) kind, path)
                         : NULL;

  return def != NULL && def->label != NULL ? _ (def->label) : (path != NULL ? path : "");
}

static char *
field_text (SmDiffKind   kind,
            SmDiffField *field,
            SmMap       *map,
            SmMap       *other)
{
  const char      *path = sm_diff_field_get_path (field);
  const SmField   *def = kind < SM_DIFF_KIND_RESPONSE ? sm_schema_lookup_path ((SmRecordKind) kind, path) : NULL;
  g_autofree char *old_text = _sm_change_value_text (def, sm_diff_field_get_old (field), map, other);
  g_autofree char *new_text = _sm_change_value_text (def, sm_diff_field_get_new (field), map, other);

  /* TRANSLATORS: a field's change: "Influence: 3 → 7" */
  return g_strdup_printf (_ ("%s: %s → %s"), _sm_change_field_label (kind, path), old_text, new_text);
}

static char *
entry_subtitle (SmDiffEntry *entry,
                SmMap       *map,
                SmMap       *other)
{
  SmDiffKind kind = sm_diff_entry_get_kind (entry);
  g_autoptr(GString) text = g_string_new (sm_diff_kind_get_change_label (kind, sm_diff_entry_get_change (entry)));
  guint n = sm_diff_entry_get_n_fields (entry);

  for (guint i = 0; i < MIN (n, MAX_FIELDS_SHOWN); i++)
    {
      g_autofree char *change = field_text (kind, sm_diff_entry_get_field (entry, i), map, other);

      g_string_append_c (text, '\n');
      g_string_append (text, change);
    }
  if (n > MAX_FIELDS_SHOWN)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more field", "and %u more fields", n - MAX_FIELDS_SHOWN),
                              n - MAX_FIELDS_SHOWN);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
change_icon (SmDiffChange change)
{
  switch (change)
    {
    case SM_DIFF_ADDED:
      return "list-add-symbolic";
    case SM_DIFF_REMOVED:
      return "list-remove-symbolic";
    case SM_DIFF_CHANGED:
    default:
      return "document-edit-symbolic";
    }
}

GtkWidget *
_sm_change_row_new (SmDiffEntry *entry,
                    SmMap       *map,
                    SmMap       *other)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon = gtk_image_new_from_icon_name (change_icon (sm_diff_entry_get_change (entry)));
  g_autofree char *subtitle = entry_subtitle (entry, map, other);

  /* Names and values are the user's own words, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sm_diff_entry_get_name (entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), MAX_FIELDS_SHOWN + 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (icon, sm_diff_entry_get_change (entry) == SM_DIFF_ADDED     ? "compare-added"
                                  : sm_diff_entry_get_change (entry) == SM_DIFF_REMOVED ? "compare-removed"
                                                                                        : "compare-changed");
  return row;
}

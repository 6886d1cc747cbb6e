/* sm-workshop-steps.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each step of the workshop's own controls on the Workshop page: the
 * question and the affected groups, quick name entry, linking by kind of
 * tie, influence set together, positions on goals, who holds more power,
 * and the way to the evaluation. Each control edits the map with
 * commands and shows what the map holds after edits made anywhere. */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-canvas.h"
#include "sm-labels.h"
#include "sm-window-workshop-private.h"

void
_sm_workshop_bound_free (gpointer data)
{
  Bound *b = data;

  g_clear_object (&b->record);
  g_free (b->path);
  g_free (b->goal);
  g_free (b);
}

void
_sm_workshop_set_focus (SmWindow  *self,
                        GtkWidget *widget)
{
  SmGuide *g = self->guide;

  if (g->focus != NULL)
    gtk_widget_remove_css_class (g->focus, "workshop-focus");
  g_set_object (&g->focus, widget);
  if (widget != NULL)
    gtk_widget_add_css_class (widget, "workshop-focus");
}

/* Names of records, for rows and drop-downs */

static const char *
stakeholder_name (SmMap      *map,
                  const char *id)
{
  SmRecord   *record = id != NULL ? sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id) : NULL;
  const char *name = record != NULL ? sm_stakeholder_get_name (record) : NULL;

  return name != NULL && *name != '\0' ? name : _ ("Unnamed stakeholder");
}

GtkWidget *
_sm_workshop_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

GtkWidget *
_sm_workshop_new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

GtkWidget *
_sm_workshop_new_row (const char *title,
                      const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
note_more (GtkWidget *box,
           guint      shown,
           guint      total)
{
  GtkWidget       *label;
  g_autofree char *text = NULL;

  if (shown >= total)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u of %u; the Table view has them all.",
                                       "Showing %u of %u; the Table view has them all.", total),
                          shown, total);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
}

/* Gives a drop-down and the button inside it, which is what a screen
 * reader lands on, the name @label. */
static void
name_control (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Controls bound to a record: they edit it with commands, and show what it
 * holds after edits made anywhere (undo, the canvas, the tables). */

static int
enum_index (const char *const *values,
            const char        *value)
{
  for (int i = 0; value != NULL && values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return -1;
}

static const char *
goal_position (SmRecord   *record,
               const char *goal)
{
  JsonNode *node = sm_record_get_value (record, "goal_positions");
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), goal);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

void
_sm_workshop_bound_show (gpointer data)
{
  Bound     *b = data;
  GtkRoot   *root = gtk_widget_get_root (b->widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Never under the fingers of someone typing in it. */
  if (b->kind == BOUND_SCORE && focus != NULL && (focus == b->widget || gtk_widget_is_ancestor (focus, b->widget)))
    return;
  g_signal_handler_block (b->widget, b->handler);
  if (b->kind == BOUND_SCORE)
    {
      gboolean known = sm_record_has_value (b->record, b->path) &&
                       g_strcmp0 (sm_record_get_enum (b->record, b->path), "unknown") != 0;

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (b->widget), known ? sm_record_get_score (b->record, b->path) : 0);
      /* An unrated stakeholder reads as unknown, not as 0. */
      if (!known)
        gtk_editable_set_text (GTK_EDITABLE (b->widget), "");
    }
  else
    {
      const char *value = b->kind == BOUND_GOAL ? goal_position (b->record, b->goal)
                                                : sm_record_get_enum (b->record, b->path);
      int         index = enum_index (b->values, value != NULL ? value : "unknown");

      gtk_drop_down_set_selected (GTK_DROP_DOWN (b->widget), index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION);
    }
  g_signal_handler_unblock (b->widget, b->handler);
}

static void
score_changed_cb (GtkSpinButton *spin,
                  Bound         *b)
{
  SmWindow *self = b->guide->window;

  push (self, sm_command_new_set_number (b->record, b->path, gtk_spin_button_get_value (spin)));
}

static void
choice_changed_cb (GtkDropDown *drop,
                   GParamSpec  *pspec,
                   Bound       *b)
{
  SmWindow *self = b->guide->window;
  guint     selected = gtk_drop_down_get_selected (drop);

  if (selected == GTK_INVALID_LIST_POSITION || b->values[selected] == NULL)
    return;
  if (b->kind == BOUND_GOAL)
    {
      JsonNode *node = sm_record_get_value (b->record, "goal_positions");
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) value = json_node_new (JSON_NODE_OBJECT);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char    *key;
          JsonNode      *member;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &key, &member))
            json_object_set_member (object, key, json_node_copy (member));
        }
      json_object_set_string_member (object, b->goal, b->values[selected]);
      json_node_set_object (value, object);
      push (self, sm_command_new_set_value (b->record, "goal_positions", value));
    }
  else
    push (self, sm_command_new_set_string (b->record, b->path, b->values[selected]));
}

/* Selecting the record a control is about shows it on the map. */
static void
bound_focus_cb (GtkEventControllerFocus *controller,
                Bound                   *b)
{
  SmWindow *self = b->guide->window;

  sm_selection_select_only (sm_document_get_selection (self->document), sm_record_get_id (b->record));
}

static Bound *
bind (SmWindow          *self,
      SmRecord          *record,
      const char        *path,
      BoundKind          kind,
      const char *const *values,
      const char *const *labels,
      const char        *goal,
      const char        *accessible)
{
  Bound              *b = g_new0 (Bound, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  b->guide = self->guide;
  b->record = g_object_ref (record);
  b->path = g_strdup (path);
  b->goal = g_strdup (goal);
  b->kind = kind;
  b->values = values;
  if (kind == BOUND_SCORE)
    {
      b->widget = gtk_spin_button_new_with_range (0, 10, 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (b->widget), TRUE);
      b->handler = g_signal_connect (b->widget, "value-changed", G_CALLBACK (score_changed_cb), b);
    }
  else
    {
      b->widget = gtk_drop_down_new_from_strings (labels);
      b->handler = g_signal_connect (b->widget, "notify::selected", G_CALLBACK (choice_changed_cb), b);
    }
  gtk_widget_set_valign (b->widget, GTK_ALIGN_CENTER);
  name_control (b->widget, accessible);
  g_signal_connect (focus, "enter", G_CALLBACK (bound_focus_cb), b);
  gtk_widget_add_controller (b->widget, focus);
  g_ptr_array_add (self->guide->bound, b);
  _sm_workshop_bound_show (b);
  return b;
}

/* Labels for a field's values, from the words the app uses for them. */
static char **
value_labels (const char *const *values)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char        **labels;

  for (guint i = 0; values[i] != NULL; i++)
    g_strv_builder_add (builder, sm_value_label (values[i]));
  labels = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return labels;
}

/* Step 1: the question and who is affected */

void
_sm_workshop_question_apply (GtkEditable *entry,
                             SmWindow    *self)
{
  SmRecord   *metadata = sm_map_get_metadata (guide_map (self));
  const char *text = gtk_editable_get_text (entry);

  if (g_strcmp0 (text, sm_record_get_string (metadata, "question")) != 0 &&
      !(*text == '\0' && sm_record_get_string (metadata, "question") == NULL))
    push (self, sm_command_new_set_string (metadata, "question", text));
}

static void
question_leave_cb (GtkEventControllerFocus *controller,
                   SmWindow                *self)
{
  _sm_workshop_question_apply (GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))), self);
}

static void
add_group_cb (GtkEntry *entry,
              SmWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(JsonObject) data = NULL;

  if (*name == '\0')
    return;
  data = json_object_new ();
  json_object_set_string_member (data, "name", name);
  sm_history_break_merge (sm_document_get_history (self->document));
  push (self, sm_command_new_add (guide_map (self), SM_RECORD_AFFECTED_GROUP, data));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWidget *
labelled_entry (const char *label_text,
                const char *placeholder,
                GtkWidget **entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  *entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (*entry), placeholder);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), *entry);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), *entry);
  return box;
}

void
_sm_workshop_build_question (SmWindow *self)
{
  SmGuide            *g = self->guide;
  SmMap              *map = guide_map (self);
  SmCollection       *groups = sm_map_get_collection (map, SM_RECORD_AFFECTED_GROUP);
  const char         *question = sm_record_get_string (sm_map_get_metadata (map), "question");
  GtkWidget          *entry, *box, *list;
  GtkEventController *focus = gtk_event_controller_focus_new ();
  guint               n = sm_collection_get_size (groups);

  box = labelled_entry (_ ("The _question"), _ ("Who can influence …?"), &entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), question != NULL ? question : "");
  g_signal_connect (entry, "activate", G_CALLBACK (_sm_workshop_question_apply), self);
  g_signal_connect (focus, "leave", G_CALLBACK (question_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  gtk_box_append (GTK_BOX (g->controls), box);
  _sm_workshop_set_focus (self, box);
  g->first_entry = entry;

  box = labelled_entry (_ ("Add an _affected group"), _ ("Type a group and press Enter"), &entry);
  g_signal_connect (entry, "activate", G_CALLBACK (add_group_cb), self);
  gtk_box_append (GTK_BOX (g->controls), box);
  g->name_entry = entry;

  list = _sm_workshop_new_list ();
  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      SmRecord   *group = sm_collection_get (groups, i);
      const char *name = sm_record_get_string (group, "name");

      gtk_list_box_append (GTK_LIST_BOX (list), _sm_workshop_new_row (name != NULL && *name != '\0' ? name : _ ("Unnamed group"), NULL));
    }
  gtk_widget_set_visible (list, n > 0);
  gtk_box_append (GTK_BOX (g->controls), list);
  note_more (g->controls, MIN (n, MAX_ROWS), n);
}

/* Step 2: who is involved */

static void
add_name_cb (GtkEntry *entry,
             SmWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *id = NULL;

  if (*name == '\0')
    return;
  id = sm_canvas_add_named_stakeholder (SM_CANVAS (self->canvas), name);
  if (id != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  /* The canvas takes the selection; the next name follows here. */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

void
_sm_workshop_build_who (SmWindow *self)
{
  SmGuide      *g = self->guide;
  SmCollection *stakeholders = sm_map_get_stakeholders (guide_map (self));
  guint         n = sm_collection_get_size (stakeholders);
  GtkWidget    *entry, *box, *list;

  box = labelled_entry (_ ("_Name"), _ ("Type a name and press Enter"), &entry);
  g_signal_connect (entry, "activate", G_CALLBACK (add_name_cb), self);
  gtk_box_append (GTK_BOX (g->controls), box);
  _sm_workshop_set_focus (self, box);
  g->name_entry = entry;

  list = _sm_workshop_new_list ();
  /* The latest first: the name just called out is at the top. */
  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      SmRecord *record = sm_collection_get (stakeholders, n - 1 - i);

      const char *kind = sm_record_get_enum (record, "kind");

      gtk_list_box_append (GTK_LIST_BOX (list), _sm_workshop_new_row (stakeholder_name (guide_map (self), sm_record_get_id (record)),
                                                                      kind != NULL && !g_str_equal (kind, "other")
                                                                        ? sm_value_label (kind)
                                                                        : NULL));
    }
  gtk_widget_set_visible (list, n > 0);
  gtk_box_append (GTK_BOX (g->controls), list);
  note_more (g->controls, MIN (n, MAX_ROWS), n);
}

/* Step 3: how they are linked */

static void
update_link_button (SmWindow  *self,
                    GtkWidget *button)
{
  SmGuide *g = self->guide;
  guint    from = gtk_drop_down_get_selected (GTK_DROP_DOWN (g->link_from));
  guint    to = gtk_drop_down_get_selected (GTK_DROP_DOWN (g->link_to));

  /* Nobody is linked to themselves. */
  gtk_widget_set_sensitive (button, from != GTK_INVALID_LIST_POSITION && to != GTK_INVALID_LIST_POSITION &&
                                      from < g->ids->len && to < g->ids->len && from != to);
}

static void
link_ends_changed_cb (GtkDropDown *drop,
                      GParamSpec  *pspec,
                      GtkWidget   *button)
{
  SmWindow *self = g_object_get_data (G_OBJECT (button), "sm-window");
  SmGuide  *g = self->guide;
  guint     selected = gtk_drop_down_get_selected (drop);
  char    **id = drop == GTK_DROP_DOWN (g->link_from) ? &g->from_id : &g->to_id;

  g_free (*id);
  *id = selected < g->ids->len ? g_strdup (g_ptr_array_index (g->ids, selected)) : NULL;
  update_link_button (self, button);
}

static void
link_kind_changed_cb (GtkDropDown *drop,
                      GParamSpec  *pspec,
                      SmWindow    *self)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (selected < g_strv_length ((char **) sm_relationship_categories))
    {
      g_free (self->guide->link_category);
      self->guide->link_category = g_strdup (sm_relationship_categories[selected]);
      sm_canvas_set_link_category (SM_CANVAS (self->canvas), self->guide->link_category);
    }
}

static void
add_link_cb (GtkButton *button,
             SmWindow  *self)
{
  SmGuide *g = self->guide;
  guint    from = gtk_drop_down_get_selected (GTK_DROP_DOWN (g->link_from));
  guint    to = gtk_drop_down_get_selected (GTK_DROP_DOWN (g->link_to));
  guint    kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (g->link_kind));
  g_autoptr(JsonObject) data = NULL;

  if (from >= g->ids->len || to >= g->ids->len || from == to)
    return;
  data = json_object_new ();
  json_object_set_string_member (data, "source", g_ptr_array_index (g->ids, from));
  json_object_set_string_member (data, "target", g_ptr_array_index (g->ids, to));
  if (kind != GTK_INVALID_LIST_POSITION && sm_relationship_categories[kind] != NULL)
    json_object_set_string_member (data, "category", sm_relationship_categories[kind]);
  sm_history_break_merge (sm_document_get_history (self->document));
  push (self, sm_command_new_add (guide_map (self), SM_RECORD_RELATIONSHIP, data));
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  name_control (widget, gtk_label_get_text (GTK_LABEL (label)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

void
_sm_workshop_build_links (SmWindow *self)
{
  SmGuide      *g = self->guide;
  SmMap        *map = guide_map (self);
  SmCollection *stakeholders = sm_map_get_stakeholders (map);
  SmCollection *relationships = sm_map_get_relationships (map);
  guint         n = sm_collection_get_size (relationships);
  g_auto(GStrv) kinds = value_labels (sm_relationship_categories);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button, *list;

  g_ptr_array_set_size (g->ids, 0);
  for (guint i = 0; i < sm_collection_get_size (stakeholders); i++)
    {
      SmRecord *record = sm_collection_get (stakeholders, i);

      g_ptr_array_add (g->ids, g_strdup (sm_record_get_id (record)));
      g_strv_builder_add (builder, stakeholder_name (map, sm_record_get_id (record)));
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  g->link_kind = gtk_drop_down_new_from_strings ((const char *const *) kinds);
  if (g->link_category != NULL)
    for (guint i = 0; sm_relationship_categories[i] != NULL; i++)
      if (g_str_equal (sm_relationship_categories[i], g->link_category))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (g->link_kind), i);
  link_kind_changed_cb (GTK_DROP_DOWN (g->link_kind), NULL, self);
  g_signal_connect (g->link_kind, "notify::selected", G_CALLBACK (link_kind_changed_cb), self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_Kind of tie"), g->link_kind));
  g->first_entry = g->link_kind;
  g->link_from = gtk_drop_down_new_from_strings ((const char *const *) names);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (g->link_from), TRUE);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_From"), g->link_from));
  g->link_to = gtk_drop_down_new_from_strings ((const char *const *) names);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (g->link_to), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g->link_to), g->ids->len > 1 ? 1 : 0);
  for (guint i = 0; i < g->ids->len; i++)
    {
      if (g_strcmp0 (g->from_id, g_ptr_array_index (g->ids, i)) == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (g->link_from), i);
      if (g_strcmp0 (g->to_id, g_ptr_array_index (g->ids, i)) == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (g->link_to), i);
    }
  gtk_box_append (GTK_BOX (box), labelled (_ ("_To"), g->link_to));

  button = gtk_button_new_with_mnemonic (_ ("_Link Them"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (button), "sm-window", self);
  g_signal_connect (button, "clicked", G_CALLBACK (add_link_cb), self);
  g_signal_connect (g->link_from, "notify::selected", G_CALLBACK (link_ends_changed_cb), button);
  g_signal_connect (g->link_to, "notify::selected", G_CALLBACK (link_ends_changed_cb), button);
  g_hash_table_insert (g->keyed, g_strdup ("kind"), g->link_kind);
  g_hash_table_insert (g->keyed, g_strdup ("from"), g->link_from);
  g_hash_table_insert (g->keyed, g_strdup ("to"), g->link_to);
  g_hash_table_insert (g->keyed, g_strdup ("link"), button);
  update_link_button (self, button);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (g->controls), box);
  _sm_workshop_set_focus (self, box);

  list = _sm_workshop_new_list ();
  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      SmRecord        *record = sm_collection_get (relationships, n - 1 - i);
      g_autofree char *title = g_strdup_printf (_ ("%s → %s"), stakeholder_name (map, sm_relationship_get_source (record)),
                                                stakeholder_name (map, sm_relationship_get_target (record)));

      gtk_list_box_append (GTK_LIST_BOX (list), _sm_workshop_new_row (title, sm_value_label (sm_record_get_enum (record, "category"))));
    }
  gtk_widget_set_visible (list, n > 0);
  gtk_box_append (GTK_BOX (g->controls), list);
  note_more (g->controls, MIN (n, MAX_ROWS), n);
}

/* Step 4: how much influence each has */

void
_sm_workshop_build_influence (SmWindow *self)
{
  SmGuide      *g = self->guide;
  SmMap        *map = guide_map (self);
  SmCollection *stakeholders = sm_map_get_stakeholders (map);
  guint         n = sm_collection_get_size (stakeholders);
  GtkWidget    *list = _sm_workshop_new_list ();

  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      SmRecord        *record = sm_collection_get (stakeholders, i);
      const char      *name = stakeholder_name (map, sm_record_get_id (record));
      g_autofree char *accessible = g_strdup_printf (_ ("Influence of %s, 0 to 10"), name);
      GtkWidget       *row = _sm_workshop_new_row (name, NULL);
      Bound           *b = bind (self, record, "influence", BOUND_SCORE, NULL, NULL, NULL, accessible);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b->widget);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (g->controls), _sm_workshop_heading (_ ("Influence, from 0 (none) to 10 (decides it)")));
  gtk_box_append (GTK_BOX (g->controls), list);
  note_more (g->controls, MIN (n, MAX_ROWS), n);
  /* The towers on the map are where the group compares. */
  _sm_workshop_set_focus (self, self->canvas);
}

/* Step 5: what each wants */

static void
add_goal_cb (GtkEntry *entry,
             SmWindow *self)
{
  SmRecord        *metadata = sm_map_get_metadata (guide_map (self));
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  JsonNode        *goals = sm_record_get_value (metadata, "goals");
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonObject) goal = json_object_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = NULL;

  if (*label == '\0')
    return;
  if (goals != NULL && JSON_NODE_HOLDS_ARRAY (goals))
    {
      JsonArray *old = json_node_get_array (goals);

      for (guint i = 0; i < json_array_get_length (old); i++)
        {
          JsonNode *element = json_array_get_element (old, i);

          json_array_add_element (array, json_node_copy (element));
          if (JSON_NODE_HOLDS_OBJECT (element) && json_object_has_member (json_node_get_object (element), "id"))
            g_hash_table_add (taken, (gpointer) json_object_get_string_member_with_default (
                                       json_node_get_object (element), "id", ""));
        }
    }
  for (guint i = json_array_get_length (array) + 1; id == NULL || g_hash_table_contains (taken, id); i++)
    {
      g_free (id);
      id = g_strdup_printf ("g%u", i);
    }
  json_object_set_string_member (goal, "id", id);
  json_object_set_string_member (goal, "label", label);
  json_array_add_object_element (array, g_steal_pointer (&goal));
  json_node_set_array (node, array);
  g_free (self->guide->goal);
  self->guide->goal = g_strdup (id);
  sm_history_break_merge (sm_document_get_history (self->document));
  push (self, sm_command_new_set_value (metadata, "goals", node));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
goal_chosen_cb (GtkDropDown *drop,
                GParamSpec  *pspec,
                SmWindow    *self)
{
  JsonNode *goals = sm_record_get_value (sm_map_get_metadata (guide_map (self)), "goals");
  guint     selected = gtk_drop_down_get_selected (drop);
  JsonNode *element;

  if (goals == NULL || !JSON_NODE_HOLDS_ARRAY (goals) || selected >= json_array_get_length (json_node_get_array (goals)))
    return;
  element = json_array_get_element (json_node_get_array (goals), selected);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return;
  g_free (self->guide->goal);
  self->guide->goal = g_strdup (json_object_get_string_member_with_default (json_node_get_object (element), "id", ""));
  _sm_workshop_build_step (self);
}

void
_sm_workshop_build_goals (SmWindow *self)
{
  static const char *const positions[] = { "supports", "neutral", "opposes", "unknown", NULL };
  SmGuide                 *g = self->guide;
  SmMap                   *map = guide_map (self);
  SmCollection            *stakeholders = sm_map_get_stakeholders (map);
  JsonNode                *goals = sm_record_get_value (sm_map_get_metadata (map), "goals");
  JsonArray               *array = goals != NULL && JSON_NODE_HOLDS_ARRAY (goals) ? json_node_get_array (goals) : NULL;
  guint                    n_goals = array != NULL ? json_array_get_length (array) : 0;
  guint                    n = sm_collection_get_size (stakeholders);
  g_auto(GStrv) labels = value_labels (positions);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_auto(GStrv) goal_labels = NULL;
  const char *goal = NULL;
  guint       goal_index = 0;
  GtkWidget  *entry, *box, *list;

  box = labelled_entry (_ ("Add a _goal"), _ ("Type a goal and press Enter"), &entry);
  g_signal_connect (entry, "activate", G_CALLBACK (add_goal_cb), self);
  gtk_box_append (GTK_BOX (g->controls), box);
  g->name_entry = entry;

  for (guint i = 0; i < n_goals; i++)
    {
      JsonNode   *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *id = object != NULL ? json_object_get_string_member_with_default (object, "id", NULL) : NULL;
      const char *label = object != NULL ? json_object_get_string_member_with_default (object, "label", NULL) : NULL;

      g_strv_builder_add (builder, label != NULL && *label != '\0' ? label : id != NULL ? id
                                                                                        : "");
      if (id != NULL && (goal == NULL || g_strcmp0 (id, g->goal) == 0))
        {
          goal = id;
          goal_index = i;
        }
    }
  goal_labels = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g->built_goals = n_goals;
  if (goal == NULL)
    {
      _sm_workshop_set_focus (self, box);
      return;
    }

  g->goal_choice = gtk_drop_down_new_from_strings ((const char *const *) goal_labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g->goal_choice), goal_index);
  g_signal_connect (g->goal_choice, "notify::selected", G_CALLBACK (goal_chosen_cb), self);
  gtk_box_append (GTK_BOX (g->controls), labelled (_ ("_Positions on the goal"), g->goal_choice));

  list = _sm_workshop_new_list ();
  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      SmRecord        *record = sm_collection_get (stakeholders, i);
      const char      *name = stakeholder_name (map, sm_record_get_id (record));
      g_autofree char *accessible = g_strdup_printf (_ ("Position of %s on “%s”"), name, goal_labels[goal_index]);
      GtkWidget       *row = _sm_workshop_new_row (name, NULL);
      Bound           *b = bind (self, record, "goal_positions", BOUND_GOAL, positions,
                                 (const char *const *) labels, goal, accessible);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b->widget);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (g->controls), list);
  note_more (g->controls, MIN (n, MAX_ROWS), n);
  _sm_workshop_set_focus (self, list);
}

/* Step 6: where the power lies */

void
_sm_workshop_build_power (SmWindow *self)
{
  static const char *const holders[] = { "source", "target", "equal", "unknown", NULL };
  static const char *const forms[] = { "visible", "hidden", "invisible", "none_identified", "unknown", NULL };
  SmGuide                 *g = self->guide;
  SmMap                   *map = guide_map (self);
  SmCollection            *relationships = sm_map_get_relationships (map);
  guint                    n = sm_collection_get_size (relationships);
  g_auto(GStrv) form_labels = value_labels (forms);
  GtkWidget *list = _sm_workshop_new_list ();

  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      SmRecord        *record = sm_collection_get (relationships, i);
      const char      *from = stakeholder_name (map, sm_relationship_get_source (record));
      const char      *to = stakeholder_name (map, sm_relationship_get_target (record));
      g_autofree char *title = g_strdup_printf (_ ("%s → %s"), from, to);
      const char      *holder_labels[] = { from, to, _ ("Equal"), _ ("Unknown"), NULL };
      g_autofree char *who = g_strdup_printf (_ ("Who holds more power: %s or %s"), from, to);
      g_autofree char *form = g_strdup_printf (_ ("Form of power between %s and %s"), from, to);
      GtkWidget       *row = adw_expander_row_new ();
      GtkWidget       *inner;
      Bound           *b;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);

      inner = _sm_workshop_new_row (_ ("Who holds more power"), NULL);
      b = bind (self, record, "power_difference.holder", BOUND_ENUM, holders, holder_labels, NULL, who);
      adw_action_row_add_suffix (ADW_ACTION_ROW (inner), b->widget);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), inner);

      inner = _sm_workshop_new_row (_ ("Form of power"), _ ("Hidden: set behind closed doors. Invisible: taken for granted."));
      b = bind (self, record, "power_form", BOUND_ENUM, forms, (const char *const *) form_labels, NULL, form);
      adw_action_row_add_suffix (ADW_ACTION_ROW (inner), b->widget);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), inner);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (g->controls), list);
  note_more (g->controls, MIN (n, MAX_ROWS), n);
  _sm_workshop_set_focus (self, list);
}

/* Step 7: the evaluation, read together */

static void
open_evaluation_cb (GtkButton *button,
                    SmWindow  *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-panel", "s", "evaluation");
}

void
_sm_workshop_build_evaluation (SmWindow *self)
{
  SmGuide   *g = self->guide;
  GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Open the Evaluation"));

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect (button, "clicked", G_CALLBACK (open_evaluation_cb), self);
  gtk_box_append (GTK_BOX (g->controls), button);
  _sm_workshop_set_focus (self, self->evaluation);
}

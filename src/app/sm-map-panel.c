/* sm-map-panel.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sm-labels.h"
#include "sm-map-panel.h"
#include "sm-record-editor-private.h"

#define N_LISTS 3

/* One page per list: the records, and an editor for the one picked. */
typedef struct
{
  SmMapPanel  *panel;
  SmRecordKind kind;
  GtkWidget   *list;
  GtkWidget   *add;
  GtkWidget   *editor;
} ListPage;

struct _SmMapPanel
{
  GtkWidget parent_instance;

  SmDocument *document;
  GtkWidget  *box;
  GtkWidget  *stack;
  GtkWidget  *map_editor;
  ListPage    pages[N_LISTS];
};

G_DEFINE_FINAL_TYPE (SmMapPanel, sm_map_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SmRecordKind kind;
  const char  *page;
  const char  *icon;
  const char  *title;
  const char  *description;
  const char  *add;
  const char  *remove;
  const char  *empty;
  const char  *new_name;
} ListInfo;

static const ListInfo lists[N_LISTS] = {
  { SM_RECORD_DECISION, "decisions", "emblem-ok-symbolic", N_ ("Decisions"),
    N_ ("What has been decided, who decided and whether people’s input changed it"),
    N_ ("Add Decision"), N_ ("Remove Decision"), N_ ("No decisions yet"), N_ ("New decision") },
  { SM_RECORD_SPACE, "spaces", "mark-location-symbolic", N_ ("Spaces"),
    N_ ("Where decisions are shaped: boards, groups and forums, who sits in them and what they may decide"),
    N_ ("Add Space"), N_ ("Remove Space"), N_ ("No spaces yet"), N_ ("New space") },
  { SM_RECORD_AFFECTED_GROUP, "groups", "system-users-symbolic", N_ ("Affected Groups"),
    N_ ("People with a specific stake in the issue, whether or not they are on the map"),
    N_ ("Add Affected Group"), N_ ("Remove Affected Group"), N_ ("No affected groups yet"),
    N_ ("New affected group") },
};

/* The member that names a record of @kind ("title" or "name"). */
static const char *
name_member (SmRecordKind kind)
{
  for (const SmField *f = sm_schema_get_fields (kind); f->name != NULL; f++)
    if (f->type == SM_FIELD_STRING && (f->flags & SM_FIELD_COMMON))
      return f->name;
  return "name";
}

static void
update_row (GtkWidget *row)
{
  SmRecord      *record = g_object_get_data (G_OBJECT (row), "sm-record");
  const SmField *fields = sm_schema_get_fields (sm_record_get_kind (record));
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* The common choices say what a record is at a glance: "Design · Made". */
  for (const SmField *f = fields; f->name != NULL; f++)
    if (f->type == SM_FIELD_ENUM && (f->flags & SM_FIELD_COMMON) && sm_record_has_value (record, f->name))
      {
        if (subtitle->len > 0)
          g_string_append (subtitle, _ (" · "));
        g_string_append (subtitle, sm_value_label (sm_record_get_enum (record, f->name)));
      }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sm_record_get_label (record));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
}

static void
remove_clicked_cb (GtkButton *button,
                   ListPage  *page)
{
  SmRecord   *record = g_object_get_data (G_OBJECT (button), "sm-record");
  SmDocument *document = page->panel->document;

  sm_document_push (document, sm_command_new_remove (sm_document_get_map (document), record));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ListPage   *page = user_data;
  SmRecord   *record = item;
  GtkWidget  *row = adw_action_row_new ();
  GtkWidget  *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *remove_label = _ (lists[page - page->panel->pages].remove);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "sm-record", g_object_ref (record), g_object_unref);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_set_sensitive (remove, !sm_document_get_read_only (page->panel->document));
  g_object_set_data_full (G_OBJECT (remove), "sm-record", g_object_ref (record), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), page);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_signal_connect_object (record, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);
  return row;
}

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 ListPage      *page)
{
  SmRecord *record = row != NULL ? g_object_get_data (G_OBJECT (row), "sm-record") : NULL;

  sm_record_editor_set_record (SM_RECORD_EDITOR (page->editor), record);
  gtk_widget_set_visible (page->editor, record != NULL);
}

static void
add_clicked_cb (GtkButton *button,
                ListPage  *page)
{
  SmDocument      *document = page->panel->document;
  SmMap           *map = sm_document_get_map (document);
  const char      *member = name_member (page->kind);
  g_autofree char *id = sm_map_make_id (map, page->kind);
  g_autoptr(JsonObject) data = json_object_new ();
  SmRecord      *record;
  GtkListBoxRow *row;
  GtkWidget     *entry;
  guint          position;

  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, member, _ (lists[page - page->panel->pages].new_name));
  sm_document_push (document, sm_command_new_add (map, page->kind, data));

  /* Ready to type the new record's name over the placeholder one. */
  record = sm_map_lookup (map, id);
  if (record == NULL || !sm_collection_find (sm_map_get_collection (map, page->kind), record, &position))
    return;
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (page->list), position);
  gtk_list_box_select_row (GTK_LIST_BOX (page->list), row);
  entry = sm_record_editor_get_control (SM_RECORD_EDITOR (page->editor), member);
  if (entry != NULL && GTK_IS_EDITABLE (entry))
    {
      gtk_widget_grab_focus (entry);
      gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
    }
}

static GtkWidget *
build_list_page (SmMapPanel *self,
                 guint       i)
{
  ListPage       *page = &self->pages[i];
  const ListInfo *info = &lists[i];
  GtkWidget      *group = adw_preferences_group_new ();
  GtkWidget      *placeholder = gtk_label_new (_ (info->empty));
  GtkWidget      *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  SmCollection   *collection = sm_map_get_collection (sm_document_get_map (self->document), info->kind);

  page->panel = self;
  page->kind = info->kind;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ (info->title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _ (info->description));

  page->add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (page->add, "flat");
  gtk_widget_set_valign (page->add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (page->add, _ (info->add));
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (info->add), -1);
  g_signal_connect (page->add, "clicked", G_CALLBACK (add_clicked_cb), page);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), page->add);

  page->list = gtk_list_box_new ();
  gtk_widget_add_css_class (page->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (page->list), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (page->list), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (info->title), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (page->list), G_LIST_MODEL (collection),
                           create_row_cb, page, NULL);
  g_signal_connect (page->list, "row-selected", G_CALLBACK (row_selected_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), page->list);

  page->editor = sm_record_editor_new (self->document, NULL);
  gtk_widget_set_visible (page->editor, FALSE);

  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), page->editor);
  return box;
}

static GtkWidget *
scrolled_page (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 24);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static void
read_only_cb (SmMapPanel *self)
{
  gboolean writable = !sm_document_get_read_only (self->document);

  for (guint i = 0; i < N_LISTS; i++)
    {
      GtkWidget *row;

      gtk_widget_set_sensitive (self->pages[i].add, writable);
      for (row = gtk_widget_get_first_child (self->pages[i].list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (ADW_IS_ACTION_ROW (row))
          {
            /* The remove button is the row's only suffix. */
            GtkWidget *button = gtk_widget_get_last_child (row);

            while (button != NULL && !GTK_IS_BUTTON (button))
              button = gtk_widget_get_last_child (button);
            if (button != NULL)
              gtk_widget_set_sensitive (button, writable);
          }
    }
}

static void
sm_map_panel_constructed (GObject *object)
{
  SmMapPanel       *self = (SmMapPanel *) object;
  SmMap            *map;
  GtkWidget        *switcher;
  AdwViewStackPage *page;

  G_OBJECT_CLASS (sm_map_panel_parent_class)->constructed (object);

  map = sm_document_get_map (self->document);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->stack = adw_view_stack_new ();
  switcher = adw_view_switcher_new ();
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (self->stack));
  /* Icons over words keeps four pages within a side panel's width. */
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_NARROW);
  gtk_widget_set_halign (switcher, GTK_ALIGN_FILL);
  gtk_widget_set_margin_top (switcher, 12);
  gtk_widget_set_margin_bottom (switcher, 6);
  gtk_widget_set_margin_start (switcher, 12);
  gtk_widget_set_margin_end (switcher, 12);
  gtk_box_append (GTK_BOX (self->box), switcher);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  self->map_editor = sm_record_editor_new (self->document, sm_map_get_metadata (map));
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->stack), scrolled_page (self->map_editor),
                                    "map", _ ("Map"));
  adw_view_stack_page_set_icon_name (page, "document-properties-symbolic");
  for (guint i = 0; i < N_LISTS; i++)
    {
      page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->stack),
                                        scrolled_page (build_list_page (self, i)),
                                        lists[i].page, _ (lists[i].title));
      adw_view_stack_page_set_icon_name (page, lists[i].icon);
    }

  g_signal_connect_swapped (map, "notify::read-only", G_CALLBACK (read_only_cb), self);
  read_only_cb (self);
}

static void
sm_map_panel_dispose (GObject *object)
{
  SmMapPanel *self = (SmMapPanel *) object;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (sm_document_get_map (self->document), self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sm_map_panel_parent_class)->dispose (object);
}

static void
sm_map_panel_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SmMapPanel *self = SM_MAP_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_map_panel_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SmMapPanel *self = SM_MAP_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_map_panel_class_init (SmMapPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_map_panel_constructed;
  object_class->dispose = sm_map_panel_dispose;
  object_class->get_property = sm_map_panel_get_property;
  object_class->set_property = sm_map_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sm_map_panel_init (SmMapPanel *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Map Details"), -1);
}

GtkWidget *
sm_map_panel_new (SmDocument *document)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  return g_object_new (SM_TYPE_MAP_PANEL, "document", document, NULL);
}

SmDocument *
sm_map_panel_get_document (SmMapPanel *self)
{
  g_return_val_if_fail (SM_IS_MAP_PANEL (self), NULL);
  return self->document;
}

/**
 * sm_map_panel_show_record:
 * @record: a decision, space or affected group of the panel's map
 *
 * Turns to @record's list and selects it, so its editor shows.
 *
 * Returns: whether the panel has a list for @record
 */
gboolean
sm_map_panel_show_record (SmMapPanel *self,
                          SmRecord   *record)
{
  g_return_val_if_fail (SM_IS_MAP_PANEL (self), FALSE);
  g_return_val_if_fail (SM_IS_RECORD (record), FALSE);

  for (guint i = 0; i < N_LISTS; i++)
    {
      ListPage      *page = &self->pages[i];
      SmCollection  *collection;
      GtkListBoxRow *row;
      guint          position;

      if (page->kind != sm_record_get_kind (record))
        continue;
      collection = sm_map_get_collection (sm_document_get_map (self->document), page->kind);
      if (!sm_collection_find (collection, record, &position))
        return FALSE;
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), lists[i].page);
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (page->list), position);
      gtk_list_box_select_row (GTK_LIST_BOX (page->list), row);
      return TRUE;
    }
  return FALSE;
}

/* The record whose editor the visible list shows, or NULL. */
SmRecord *
sm_map_panel_get_shown_record (SmMapPanel *self)
{
  const char *name;

  g_return_val_if_fail (SM_IS_MAP_PANEL (self), NULL);

  name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->stack));
  for (guint i = 0; i < N_LISTS; i++)
    if (g_strcmp0 (name, lists[i].page) == 0 && gtk_widget_get_visible (self->pages[i].editor))
      return sm_record_editor_get_record (SM_RECORD_EDITOR (self->pages[i].editor));
  return NULL;
}

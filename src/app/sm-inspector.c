/* sm-inspector.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sm-inspector.h"
#include "sm-labels.h"
#include "sm-record-editor.h"

struct _SmInspector
{
  GtkWidget parent_instance;

  SmDocument *document;
  SmRecord   *record; /* shown now; the editor holds the reference */
  GtkWidget  *stack;
  GtkWidget  *empty;
  GtkWidget  *scrolled;
  GtkWidget  *title;
  GtkWidget  *subtitle;
  GtkWidget  *several;
  GtkWidget  *editor;
};

G_DEFINE_FINAL_TYPE (SmInspector, sm_inspector, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_word (SmRecordKind kind)
{
  static const char *const words[] = {
    N_ ("Map"),
    N_ ("Stakeholder"),
    N_ ("Relationship"),
    N_ ("Space"),
    N_ ("Decision"),
    N_ ("Affected group"),
    N_ ("Note"),
    N_ ("Region"),
  };

  return _ (words[kind]);
}

static const char *
name_of (SmMap      *map,
         const char *id)
{
  SmRecord *record = sm_map_lookup (map, id);

  if (record == NULL)
    return id != NULL ? id : "?";
  return sm_record_get_label (record);
}

/* The heading says what is edited: a stakeholder by name, a relationship
 * by the two it joins. */
static void
update_header (SmInspector *self)
{
  SmMap           *map = sm_document_get_map (self->document);
  SmRecordKind     kind = sm_record_get_kind (self->record);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  switch (kind)
    {
    case SM_RECORD_STAKEHOLDER:
      title = g_strdup (*sm_stakeholder_get_name (self->record) != '\0'
                          ? sm_stakeholder_get_name (self->record)
                          : _ ("Unnamed stakeholder"));
      subtitle = g_strdup_printf (_ ("%s · %s"), kind_word (kind),
                                  sm_value_label (sm_record_get_enum (self->record, "kind")));
      break;

    case SM_RECORD_RELATIONSHIP:
      title = g_strdup_printf (_ ("%s → %s"),
                               name_of (map, sm_relationship_get_source (self->record)),
                               name_of (map, sm_relationship_get_target (self->record)));
      subtitle = g_strdup_printf (_ ("%s · %s"), kind_word (kind),
                                  sm_value_label (sm_record_get_enum (self->record, "category")));
      break;

    default:
      title = g_strdup (sm_record_get_label (self->record));
      subtitle = g_strdup (kind_word (kind));
      break;
    }

  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
}

static void
selection_changed_cb (SmInspector *self)
{
  SmSelection *selection = sm_document_get_selection (self->document);
  SmRecord    *record = sm_selection_get_primary_record (selection);
  guint        n = sm_selection_get_size (selection);

  if (record == NULL)
    {
      self->record = NULL;
      sm_record_editor_set_record (SM_RECORD_EDITOR (self->editor), NULL);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->empty);
      return;
    }

  if (record != self->record)
    {
      GtkAdjustment *adjustment;

      self->record = record;
      sm_record_editor_set_record (SM_RECORD_EDITOR (self->editor), record);
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
      gtk_adjustment_set_value (adjustment, 0);
    }
  update_header (self);

  if (n > 1)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u selected; editing the last one",
                                                         "%u selected; editing the last one", n),
                                               n);

      gtk_label_set_text (GTK_LABEL (self->several), text);
    }
  gtk_widget_set_visible (self->several, n > 1);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->scrolled);
}

static void
record_changed_cb (SmMap       *map,
                   SmRecord    *record,
                   const char  *path,
                   SmInspector *self)
{
  if (self->record == NULL)
    return;
  /* Renaming either end of a relationship renames its heading too. */
  if (record == self->record ||
      (sm_record_get_kind (self->record) == SM_RECORD_RELATIONSHIP &&
       sm_record_get_kind (record) == SM_RECORD_STAKEHOLDER))
    update_header (self);
}

static void
sm_inspector_dispose (GObject *object)
{
  SmInspector *self = (SmInspector *) object;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (sm_document_get_selection (self->document), self);
      g_signal_handlers_disconnect_by_data (sm_document_get_map (self->document), self);
    }
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sm_inspector_parent_class)->dispose (object);
}

static void
sm_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SmInspector *self = SM_INSPECTOR (object);

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
sm_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SmInspector *self = SM_INSPECTOR (object);

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
sm_inspector_constructed (GObject *object)
{
  SmInspector *self = (SmInspector *) object;
  GtkWidget   *box, *clamp, *header;

  G_OBJECT_CLASS (sm_inspector_parent_class)->constructed (object);

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "edit-select-all-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _ ("Nothing Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _ ("Select a stakeholder, relationship or note on the map to edit it"));
  gtk_widget_add_css_class (self->empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty, "empty");

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->title), FALSE);
  gtk_widget_add_css_class (self->title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  self->several = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->several), 0);
  gtk_label_set_wrap (GTK_LABEL (self->several), TRUE);
  gtk_widget_add_css_class (self->several, "caption");
  gtk_widget_add_css_class (self->several, "accent");
  gtk_widget_set_margin_top (self->several, 4);
  gtk_widget_set_visible (self->several, FALSE);
  gtk_box_append (GTK_BOX (header), self->title);
  gtk_box_append (GTK_BOX (header), self->subtitle);
  gtk_box_append (GTK_BOX (header), self->several);

  self->editor = sm_record_editor_new (self->document, NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->editor);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_stack_add_named (GTK_STACK (self->stack), self->scrolled, "record");

  g_signal_connect_swapped (sm_document_get_selection (self->document), "changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (sm_document_get_map (self->document), "record-changed",
                    G_CALLBACK (record_changed_cb), self);
  selection_changed_cb (self);
}

static void
sm_inspector_class_init (SmInspectorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_inspector_constructed;
  object_class->dispose = sm_inspector_dispose;
  object_class->get_property = sm_inspector_get_property;
  object_class->set_property = sm_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sm_inspector_init (SmInspector *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Inspector"), -1);
}

GtkWidget *
sm_inspector_new (SmDocument *document)
{
  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  return g_object_new (SM_TYPE_INSPECTOR, "document", document, NULL);
}

SmDocument *
sm_inspector_get_document (SmInspector *self)
{
  g_return_val_if_fail (SM_IS_INSPECTOR (self), NULL);
  return self->document;
}

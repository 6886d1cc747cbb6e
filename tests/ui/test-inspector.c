/* test-inspector.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sm-evaluate.h"
#include "sm-format.h"
#include "sm-inspector.h"
#include "sm-map-panel.h"
#include "sm-record-editor-private.h"
#include "sm-ui-test-utils.h"

/* The inspector and the map panel as a facilitator meets them: edits land
 * in the map as one undo step each, undo shows up in the widgets, unknowns
 * stay unknown, values from newer versions survive, and a read-only map
 * cannot be changed. */

#define MAP                                                                               \
  "{\"format\":\"stakemap\",\"version\":1,\"map\":{\"title\":\"Air\","                    \
  "\"goals\":[{\"id\":\"g1\",\"label\":\"Clean air\"}]},"                                 \
  "\"stakeholders\":["                                                                    \
  "{\"id\":\"a\",\"name\":\"Ann\",\"kind\":\"citizen\",\"influence\":5,\"x\":0,\"y\":0}," \
  "{\"id\":\"b\",\"name\":\"Bea\",\"kind\":\"funder\",\"influence\":\"unknown\"},"        \
  "{\"id\":\"c\",\"name\":\"Cy\",\"kind\":\"fenceline_monitor\",\"interest\":3}],"        \
  "\"relationships\":["                                                                   \
  "{\"id\":\"r1\",\"source\":\"a\",\"target\":\"b\",\"category\":\"information\"}]}"

typedef struct
{
  SmMap      *map;
  SmDocument *document;
  GtkWidget  *window;
  GtkWidget  *inspector;
  GtkWidget  *panel;
} Fixture;

static void
fixture_set_up_text (Fixture    *f,
                     const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->map = sm_test_load (text);
  f->document = sm_document_new (f->map, NULL);
  f->inspector = sm_inspector_new (f->document);
  f->panel = sm_map_panel_new (f->document);
  gtk_widget_set_size_request (f->inspector, 400, -1);
  gtk_widget_set_size_request (f->panel, 400, -1);
  gtk_box_append (GTK_BOX (box), f->inspector);
  gtk_box_append (GTK_BOX (box), f->panel);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  sm_test_wait_for_idle ();
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  fixture_set_up_text (f, MAP);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_object_add_weak_pointer (G_OBJECT (f->inspector), (gpointer *) &f->inspector);
  g_object_add_weak_pointer (G_OBJECT (f->panel), (gpointer *) &f->panel);
  gtk_window_destroy (GTK_WINDOW (f->window));
  sm_test_wait_for_idle ();
  g_assert_null (f->inspector);
  g_assert_null (f->panel);
  g_clear_object (&f->document);
  g_assert_finalize_object (f->map);
}

/* Finding widgets the way a user sees them */

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find (GtkWidget    *root,
      Match         match,
      gconstpointer data)
{
  if (gtk_widget_get_visible (root) && match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      /* Only the page on show counts: stacks hide the others this way. */
      if (!gtk_widget_get_child_visible (c))
        continue;
      found = find (c, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_editor (GtkWidget    *widget,
           gconstpointer data)
{
  return SM_IS_RECORD_EDITOR (widget) && sm_record_editor_get_record (SM_RECORD_EDITOR (widget)) != NULL;
}

static gboolean
has_tooltip (GtkWidget    *widget,
             gconstpointer data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
is_label (GtkWidget    *widget,
          gconstpointer data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_status_page (GtkWidget    *widget,
                gconstpointer data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_view_stack (GtkWidget    *widget,
               gconstpointer data)
{
  return ADW_IS_VIEW_STACK (widget);
}

static SmRecordEditor *
inspector_editor (Fixture *f)
{
  GtkWidget *editor = find (f->inspector, is_editor, NULL);

  g_assert_nonnull (editor);
  return SM_RECORD_EDITOR (editor);
}

static GtkWidget *
control (SmRecordEditor *editor,
         const char     *key)
{
  GtkWidget *widget = sm_record_editor_get_control (editor, key);

  g_assert_nonnull (widget);
  return widget;
}

static SmRecordEditor *
select_record (Fixture    *f,
               const char *id)
{
  sm_selection_select_only (sm_document_get_selection (f->document), id);
  sm_test_wait_for_idle ();
  return inspector_editor (f);
}

static SmRecord *
record (Fixture    *f,
        const char *id)
{
  SmRecord *r = sm_map_lookup (f->map, id);

  g_assert_nonnull (r);
  return r;
}

static gboolean
undo (Fixture *f)
{
  gboolean done = sm_history_undo (sm_document_get_history (f->document));

  sm_test_wait_for_idle ();
  return done;
}

/* Picks the item a combo row shows as @label. */
static void
choose (GtkWidget  *combo,
        const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strcmp (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
          return;
        }
    }
  g_error ("no item “%s”", label);
}

static const char *
chosen (GtkWidget *combo)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (combo));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
type_text (GtkWidget  *editable,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      int position = strlen (gtk_editable_get_text (GTK_EDITABLE (editable)));

      gtk_editable_insert_text (GTK_EDITABLE (editable), p, 1, &position);
    }
}

/* Tests */

static void
test_nothing_selected (Fixture      *f,
                       gconstpointer data)
{
  g_assert_nonnull (find (f->inspector, is_status_page, NULL));
  g_assert_null (find (f->inspector, is_editor, NULL));

  select_record (f, "a");
  g_assert_null (find (f->inspector, is_status_page, NULL));
  sm_selection_clear (sm_document_get_selection (f->document));
  sm_test_wait_for_idle ();
  g_assert_nonnull (find (f->inspector, is_status_page, NULL));
}

static void
test_score_undo (Fixture      *f,
                 gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "a");
  GtkWidget      *spin = control (editor, "influence");

  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 8);
  g_assert_cmpfloat (sm_record_get_score (record (f, "a"), "influence"), ==, 8);

  g_assert_true (undo (f));
  g_assert_cmpfloat (sm_record_get_score (record (f, "a"), "influence"), ==, 5);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 5);
  g_assert_false (sm_history_can_undo (sm_document_get_history (f->document)));
}

static void
test_typing_is_one_step (Fixture      *f,
                         gconstpointer data)
{
  SmRecordEditor  *editor = select_record (f, "a");
  GtkWidget       *entry = control (editor, "name");
  g_autofree char *title = NULL;

  type_text (entry, "ie B");
  g_assert_cmpstr (sm_stakeholder_get_name (record (f, "a")), ==, "Annie B");
  title = sm_history_dup_undo_title (sm_document_get_history (f->document));
  g_assert_cmpstr (title, ==, "Rename Stakeholder");

  g_assert_true (undo (f));
  g_assert_cmpstr (sm_stakeholder_get_name (record (f, "a")), ==, "Ann");
  /* Undo shows in the entry, and that was the only step. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Ann");
  g_assert_false (sm_history_can_undo (sm_document_get_history (f->document)));
}

static void
test_changes_from_elsewhere (Fixture      *f,
                             gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "a");
  GtkWidget      *entry = control (editor, "name");
  GtkWidget      *spin = control (editor, "influence");

  /* Another view (the table, the canvas) renames and rescores. */
  sm_document_push (f->document, sm_command_new_set_string (record (f, "a"), "name", "Anna"));
  sm_document_push (f->document, sm_command_new_set_number (record (f, "a"), "interest", 9));
  sm_document_push (f->document, sm_command_new_set_number (record (f, "a"), "influence", 2));
  sm_test_wait_for_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Anna");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (control (editor, "interest"))), ==, 9);
  /* Showing the change pushed nothing of its own. */
  g_assert_true (undo (f));
  g_assert_true (undo (f));
  g_assert_true (undo (f));
  g_assert_false (sm_history_can_undo (sm_document_get_history (f->document)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Ann");
}

static void
test_unknown_round_trip (Fixture      *f,
                         gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "b");
  GtkWidget      *unknown = control (editor, "influence:unknown");
  GtkWidget      *spin = control (editor, "influence");
  JsonNode       *node;

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));
  g_assert_true (gtk_widget_get_sensitive (spin));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (unknown), FALSE);
  g_assert_true (SM_IS_KNOWN (sm_record_get_score (record (f, "b"), "influence")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 7);
  g_assert_cmpfloat (sm_record_get_score (record (f, "b"), "influence"), ==, 7);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (unknown), TRUE);
  node = sm_record_get_value (record (f, "b"), "influence");
  g_assert_nonnull (node);
  g_assert_cmpstr (json_node_get_string (node), ==, "unknown");

  /* Undo goes back through the steps, the checkbox following. */
  g_assert_true (undo (f));
  g_assert_cmpfloat (sm_record_get_score (record (f, "b"), "influence"), ==, 7);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));
  g_assert_true (undo (f));
  g_assert_true (undo (f));
  g_assert_cmpstr (sm_record_get_string (record (f, "b"), "influence"), ==, "unknown");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));
}

/* A score that is not known yet takes a number typed into it at once:
 * the number is set and Unknown unticks, as one step that one Undo takes
 * back. + and − do the same; ticking Unknown sets it back. */
static void
test_type_unknown_score (Fixture      *f,
                         gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "b");
  GtkWidget      *unknown = control (editor, "influence:unknown");
  GtkWidget      *spin = control (editor, "influence");
  SmHistory      *history = sm_document_get_history (f->document);

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));
  g_assert_true (gtk_widget_get_sensitive (spin));
  g_assert_true (gtk_widget_get_can_focus (spin));

  /* As the keyboard does: the text changes, nothing else is pressed. */
  gtk_widget_grab_focus (spin);
  gtk_editable_set_text (GTK_EDITABLE (spin), "7");
  sm_test_wait_for_idle ();
  g_assert_cmpfloat (sm_record_get_score (record (f, "b"), "influence"), ==, 7);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "7");

  g_assert_true (undo (f));
  g_assert_false (sm_history_can_undo (history));
  g_assert_cmpstr (sm_record_get_string (record (f, "b"), "influence"), ==, "unknown");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");

  /* Leaving the empty box changes nothing. */
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  sm_test_wait_for_idle ();
  g_assert_cmpstr (sm_record_get_string (record (f, "b"), "influence"), ==, "unknown");
  g_assert_false (sm_history_can_undo (history));

  /* + from unknown: the bottom of the scale and one up. */
  gtk_spin_button_spin (GTK_SPIN_BUTTON (spin), GTK_SPIN_STEP_FORWARD, 1);
  sm_test_wait_for_idle ();
  g_assert_cmpfloat (sm_record_get_score (record (f, "b"), "influence"), ==, 1);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (unknown)));

  /* Unknown again, by the box. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (unknown), TRUE);
  sm_test_wait_for_idle ();
  g_assert_cmpstr (sm_record_get_string (record (f, "b"), "influence"), ==, "unknown");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");
  g_assert_true (undo (f));
  g_assert_cmpfloat (sm_record_get_score (record (f, "b"), "influence"), ==, 1);
  g_assert_true (undo (f));
  g_assert_false (sm_history_can_undo (history));
  g_assert_cmpstr (sm_record_get_string (record (f, "b"), "influence"), ==, "unknown");
}

static void
set_string (Fixture    *f,
            const char *id,
            const char *path,
            const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  sm_document_push (f->document, sm_command_new_set_value (record (f, id), path, node));
  sm_test_wait_for_idle ();
}

static char *
combo_labels (GtkWidget *combo)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo));
  GString    *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " / " : "", gtk_string_object_get_string (item));
    }
  return g_string_free (text, FALSE);
}

/* Who holds more power on a relationship is chosen between the two people
 * by name, and the names follow renaming and a changed end. */
static void
test_power_holder_names (Fixture      *f,
                         gconstpointer data)
{
  SmRecordEditor  *editor = select_record (f, "r1");
  GtkWidget       *holder = control (editor, "power_difference.holder");
  g_autofree char *before = combo_labels (holder);
  g_autofree char *renamed = NULL;
  g_autofree char *moved = NULL;

  g_assert_cmpstr (before, ==, "Ann / Bea / Equal / Unknown");
  choose (holder, "Bea");
  g_assert_cmpstr (sm_record_get_string (record (f, "r1"), "power_difference.holder"), ==, "target");

  /* Names people typed are shown as they are, never as markup. */
  set_string (f, "a", "name", "Housing <b>association</b> board");
  renamed = combo_labels (holder);
  g_assert_cmpstr (renamed, ==, "Housing <b>association</b> board / Bea / Equal / Unknown");
  g_assert_cmpstr (chosen (holder), ==, "Bea");

  set_string (f, "r1", "target", "c");
  moved = combo_labels (holder);
  g_assert_cmpstr (moved, ==, "Housing <b>association</b> board / Cy / Equal / Unknown");
  g_assert_cmpstr (chosen (holder), ==, "Cy");
}

/* Each scale says what its numbers mean beside the control that sets it. */
static void
test_scales_explained (Fixture      *f,
                       gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "a");
  GtkWidget      *influence = gtk_widget_get_ancestor (control (editor, "influence"), ADW_TYPE_ACTION_ROW);
  GtkWidget      *interest = gtk_widget_get_ancestor (control (editor, "interest"), ADW_TYPE_ACTION_ROW);
  GtkWidget      *magnitude;

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (influence)), "0 none"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (influence)), "10 the most"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (interest)), "0 not at all"));

  editor = select_record (f, "r1");
  magnitude = gtk_widget_get_ancestor (control (editor, "power_difference.magnitude"), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (magnitude)), ==,
                   "0 none · 1 a little · 2 some · 3 a lot");
}

static void
test_enum_writes (Fixture      *f,
                  gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "a");
  GtkWidget      *kind = control (editor, "kind");

  g_assert_cmpstr (chosen (kind), ==, "Citizen");
  choose (kind, "Carer");
  g_assert_cmpstr (sm_record_get_string (record (f, "a"), "kind"), ==, "carer");
  g_assert_true (undo (f));
  g_assert_cmpstr (sm_record_get_string (record (f, "a"), "kind"), ==, "citizen");
  g_assert_cmpstr (chosen (kind), ==, "Citizen");
}

static void
test_unknown_enum_kept (Fixture      *f,
                        gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "c");
  GtkWidget      *kind = control (editor, "kind");

  /* A kind from a newer version shows as itself… */
  g_assert_cmpstr (chosen (kind), ==, "Fenceline monitor");
  /* …and survives edits of other fields. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control (editor, "interest")), 6);
  type_text (control (editor, "name"), "ril");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (control (editor, "influence:unknown")), FALSE);
  g_assert_cmpstr (sm_record_get_string (record (f, "c"), "kind"), ==, "fenceline_monitor");
  g_assert_cmpstr (chosen (kind), ==, "Fenceline monitor");
}

static void
test_nested_and_lists (Fixture      *f,
                       gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "a");
  SmRecord       *a = record (f, "a");
  GtkWidget      *yes = control (editor, "lived_experience.relevant:yes");
  GtkWidget      *unknown = control (editor, "lived_experience.relevant:unknown");
  GtkWidget      *co_researcher = control (editor, "roles:co_researcher");
  GtkWidget      *design = control (editor, "participation_by_stage/design");
  GtkWidget      *goal = control (editor, "goal_positions/g1");

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (unknown)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yes), TRUE);
  g_assert_cmpint (sm_record_get_boolean (a, "lived_experience.relevant"), ==, SM_TRISTATE_TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (unknown), TRUE);
  g_assert_cmpint (sm_record_get_boolean (a, "lived_experience.relevant"), ==, SM_TRISTATE_UNKNOWN);
  g_assert_cmpstr (sm_record_get_string (a, "lived_experience.relevant"), ==, "unknown");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (co_researcher), TRUE);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (sm_record_get_value (a, "roles")), 0),
                   ==, "co_researcher");

  choose (design, "6 · Co-design");
  g_assert_cmpfloat (sm_record_get_number (a, "participation_by_stage.design", -1), ==, 6);
  choose (goal, "Opposes");
  g_assert_cmpstr (sm_record_get_string (a, "goal_positions.g1"), ==, "opposes");

  /* Each choice is its own step. */
  g_assert_true (undo (f));
  g_assert_false (sm_record_has_value (a, "goal_positions.g1"));
  g_assert_cmpstr (chosen (goal), ==, "Not set");
  g_assert_true (undo (f));
  g_assert_false (sm_record_has_value (a, "participation_by_stage.design"));
  g_assert_true (undo (f));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (co_researcher)));
  g_assert_true (undo (f));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
}

static void
test_date_validated (Fixture      *f,
                     gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "r1");
  GtkWidget      *since = control (editor, "since");

  type_text (since, "2025-02-3");
  g_assert_false (sm_record_has_value (record (f, "r1"), "since"));
  g_assert_true (gtk_widget_has_css_class (since, "error"));
  gtk_editable_set_text (GTK_EDITABLE (since), "2025-02-30");
  g_assert_false (sm_record_has_value (record (f, "r1"), "since"));
  gtk_editable_set_text (GTK_EDITABLE (since), "2025-02-28");
  g_assert_cmpstr (sm_record_get_string (record (f, "r1"), "since"), ==, "2025-02-28");
  g_assert_false (gtk_widget_has_css_class (since, "error"));
}

static void
test_object_list (Fixture      *f,
                  gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "a");
  SmRecord       *a = record (f, "a");
  GtkWidget      *description;

  g_signal_emit_by_name (control (editor, "assets:add"), "clicked");
  sm_test_wait_for_idle ();
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sm_record_get_value (a, "assets"))), ==, 1);
  choose (control (editor, "assets.0.type"), "Local knowledge");
  description = control (editor, "assets.0.description");
  type_text (description, "Knows the bus routes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                                                    json_node_get_array (sm_record_get_value (a, "assets")), 0),
                                                  "type"),
                   ==, "local_knowledge");

  g_assert_true (undo (f)); /* the description */
  g_assert_true (undo (f)); /* the type */
  g_assert_true (undo (f)); /* the new asset */
  g_assert_null (sm_record_get_value (a, "assets"));
  g_assert_null (sm_record_editor_get_control (editor, "assets.0.type"));
}

static void
test_relationship (Fixture      *f,
                   gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "r1");

  g_assert_true (sm_record_editor_get_record (editor) == record (f, "r1"));
  g_assert_nonnull (find (f->inspector, is_label, "Ann → Bea"));
  g_assert_cmpstr (chosen (control (editor, "source")), ==, "Ann");

  /* Renaming an end renames the heading. */
  sm_document_push (f->document, sm_command_new_set_string (record (f, "b"), "name", "Beatrice"));
  sm_test_wait_for_idle ();
  g_assert_nonnull (find (f->inspector, is_label, "Ann → Beatrice"));
  g_assert_cmpstr (chosen (control (editor, "target")), ==, "Beatrice");

  choose (control (editor, "category"), "Peer support");
  g_assert_cmpstr (sm_record_get_string (record (f, "r1"), "category"), ==, "peer_support");

  sm_selection_set (sm_document_get_selection (f->document), (const char *const[]) { "c", "a", "r1", NULL });
  sm_test_wait_for_idle ();
  g_assert_nonnull (find (f->inspector, is_label, "3 selected; editing the last one"));
}

static void
test_map_panel_add_decision (Fixture      *f,
                             gconstpointer data)
{
  SmCollection *decisions = sm_map_get_collection (f->map, SM_RECORD_DECISION);
  AdwViewStack *stack = ADW_VIEW_STACK (find (f->panel, is_view_stack, NULL));
  GtkWidget    *add, *editor, *remove;

  adw_view_stack_set_visible_child_name (stack, "decisions");
  sm_test_wait_for_idle ();
  add = find (f->panel, has_tooltip, "Add Decision");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  sm_test_wait_for_idle ();
  g_assert_cmpuint (sm_collection_get_size (decisions), ==, 1);

  /* The new decision is open for editing. */
  editor = find (f->panel, is_editor, NULL);
  g_assert_nonnull (editor);
  g_assert_true (sm_record_editor_get_record (SM_RECORD_EDITOR (editor)) == sm_collection_get (decisions, 0));
  gtk_editable_set_text (GTK_EDITABLE (control (SM_RECORD_EDITOR (editor), "title")), "Where monitors go");
  g_assert_cmpstr (sm_record_get_label (sm_collection_get (decisions, 0)), ==, "Where monitors go");
  g_assert_nonnull (find (f->panel, is_label, "Where monitors go"));

  g_assert_true (undo (f));
  g_assert_true (undo (f));
  g_assert_cmpuint (sm_collection_get_size (decisions), ==, 0);
  g_assert_null (find (f->panel, is_editor, NULL));

  /* Remove is undoable too. */
  sm_history_redo (sm_document_get_history (f->document));
  sm_test_wait_for_idle ();
  remove = find (f->panel, has_tooltip, "Remove Decision");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  sm_test_wait_for_idle ();
  g_assert_cmpuint (sm_collection_get_size (decisions), ==, 0);
  g_assert_true (undo (f));
  g_assert_cmpuint (sm_collection_get_size (decisions), ==, 1);
}

static void
test_map_metadata (Fixture      *f,
                   gconstpointer data)
{
  SmRecordEditor *editor = SM_RECORD_EDITOR (find (f->panel, is_editor, NULL));
  SmRecord       *metadata = sm_map_get_metadata (f->map);

  g_assert_true (sm_record_editor_get_record (editor) == metadata);
  type_text (control (editor, "question"), "Who decides?");
  g_assert_cmpstr (sm_record_get_string (metadata, "question"), ==, "Who decides?");
  choose (control (editor, "claimed_approach"), "7 · Co-production");
  g_assert_cmpfloat (sm_record_get_score (metadata, "claimed_approach"), ==, 7);
  /* A whole date, and nested in the snapshot. */
  gtk_editable_set_text (GTK_EDITABLE (control (editor, "snapshot.date")), "2026-01-15");
  g_assert_cmpstr (sm_record_get_string (metadata, "snapshot.date"), ==, "2026-01-15");
  /* The stages in scope start from the documented default, all four. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (control (editor, "stages_in_scope:delivery"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (control (editor, "stages_in_scope:delivery")), FALSE);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sm_record_get_value (metadata, "stages_in_scope"))), ==, 3);
}

static void
test_read_only (Fixture      *f,
                gconstpointer data)
{
  SmRecordEditor *editor;
  AdwViewStack   *stack = ADW_VIEW_STACK (find (f->panel, is_view_stack, NULL));

  g_assert_true (sm_document_get_read_only (f->document));
  editor = select_record (f, "a");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_is_sensitive (control (editor, "name")));

  /* The map's own details, and its lists. */
  g_assert_false (gtk_widget_is_sensitive (find (f->panel, is_editor, NULL)));
  adw_view_stack_set_visible_child_name (stack, "decisions");
  sm_test_wait_for_idle ();
  g_assert_false (gtk_widget_get_sensitive (find (f->panel, has_tooltip, "Add Decision")));
  g_signal_emit_by_name (find (f->panel, has_tooltip, "Add Decision"), "clicked");
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_collection (f->map, SM_RECORD_DECISION)), ==, 0);
}

static void
read_only_set_up (Fixture      *f,
                  gconstpointer data)
{
  fixture_set_up_text (f, "{\"format\":\"stakemap\",\"version\":2,\"map\":{\"title\":\"Newer\"},"
                          "\"stakeholders\":[{\"id\":\"a\",\"name\":\"Ann\"}]}");
}

/* What a user reads beside a stakeholder's consent: the row that holds
 * its buttons, in the same group as the name, not under More details. */
static const char *
consent_note (SmRecordEditor *editor)
{
  GtkWidget *button = control (editor, "consent_to_be_mapped:yes");
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  GtkWidget *name = control (editor, "name");

  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_ancestor (button, ADW_TYPE_EXPANDER_ROW));
  g_assert_true (gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP) ==
                 gtk_widget_get_ancestor (name, ADW_TYPE_PREFERENCES_GROUP));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "May be named in exports and reports");
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* What the consent buttons mean, with the number this person has or would have. */
#define CHOICES(n) "Yes: named everywhere. No or Unknown: shown as “Participant " n "” outside this window."

static void
test_consent_beside_name (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);
  SmRecordEditor *editor;

  /* Ann and Cy have not said yes: Participant 1 and 2, in map order. */
  editor = select_record (f, "c");
  g_assert_cmpstr (consent_note (editor), ==, "Shown as Participant 2 in exports and the report\n" CHOICES ("2"));
  editor = select_record (f, "b");
  g_assert_cmpstr (consent_note (editor), ==, "Named in exports: an organisation");

  /* Ann says yes, in the panel: she is named, and Cy becomes Participant 1. */
  editor = select_record (f, "a");
  g_assert_cmpstr (consent_note (editor), ==, "Shown as Participant 1 in exports and the report\n" CHOICES ("1"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (control (editor, "consent_to_be_mapped:yes")), TRUE);
  sm_test_wait_for_idle ();
  g_assert_true (sm_record_get_boolean (record (f, "a"), "consent_to_be_mapped") == SM_TRISTATE_TRUE);
  g_assert_cmpstr (consent_note (editor), ==, "Named in exports: agreed to be named\n" CHOICES ("1"));
  editor = select_record (f, "c");
  g_assert_cmpstr (consent_note (editor), ==, "Shown as Participant 1 in exports and the report\n" CHOICES ("1"));

  /* Another view marks Cy as a group: named, and the note follows. */
  sm_document_push (f->document, sm_command_new_set_value (record (f, "c"), "is_group", yes));
  sm_test_wait_for_idle ();
  g_assert_cmpstr (consent_note (editor), ==, "Named in exports: a group");
  g_assert_true (undo (f));
  g_assert_cmpstr (consent_note (editor), ==, "Shown as Participant 1 in exports and the report\n" CHOICES ("1"));
}

/* The note under the name when another stakeholder has it, as a person
 * compares names: it never refuses the name, says the other's name as
 * text, and goes when the name is told apart. */
static gboolean
is_same_name_note (GtkWidget    *widget,
                   gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Another stakeholder");
}

static void
test_same_name_note (Fixture      *f,
                     gconstpointer data)
{
  SmRecordEditor *editor = select_record (f, "c");
  GtkWidget      *note, *button;

  g_assert_null (find (GTK_WIDGET (editor), is_same_name_note, NULL));
  gtk_editable_set_text (GTK_EDITABLE (control (editor, "name")), " ANN ");
  sm_test_wait_for_idle ();
  g_assert_cmpstr (sm_stakeholder_get_name (record (f, "c")), ==, " ANN ");
  note = find (GTK_WIDGET (editor), is_same_name_note, NULL);
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_mapped (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==,
                   "Another stakeholder is called “Ann”. Add something to tell them apart, like a role or a place.");
  /* Under the name, in its group. */
  g_assert_true (gtk_widget_get_ancestor (note, ADW_TYPE_PREFERENCES_GROUP) ==
                 gtk_widget_get_ancestor (control (editor, "name"), ADW_TYPE_PREFERENCES_GROUP));
  button = gtk_widget_get_next_sibling (note);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Show the Other");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.show-stakeholder");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                   ==, "a");

  /* Ann is renamed elsewhere, to markup: shown as text, still a match. */
  sm_document_push (f->document, sm_command_new_set_string (record (f, "a"), "name", "<b>Ann</b>"));
  sm_test_wait_for_idle ();
  g_assert_null (find (GTK_WIDGET (editor), is_same_name_note, NULL));
  gtk_editable_set_text (GTK_EDITABLE (control (editor, "name")), "<B>ann</b>");
  sm_test_wait_for_idle ();
  note = find (GTK_WIDGET (editor), is_same_name_note, NULL);
  g_assert_nonnull (note);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==,
                   "Another stakeholder is called “<b>Ann</b>”. Add something to tell them apart, like a role or a place.");

  /* Told apart: the note goes. */
  gtk_editable_set_text (GTK_EDITABLE (control (editor, "name")), "<B>ann</b> (tenant)");
  sm_test_wait_for_idle ();
  g_assert_null (find (GTK_WIDGET (editor), is_same_name_note, NULL));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/inspector/nothing-selected", test_nothing_selected);
  ADD ("/ui/inspector/score-undo", test_score_undo);
  ADD ("/ui/inspector/typing-is-one-step", test_typing_is_one_step);
  ADD ("/ui/inspector/changes-from-elsewhere", test_changes_from_elsewhere);
  ADD ("/ui/inspector/unknown-round-trip", test_unknown_round_trip);
  ADD ("/ui/inspector/type-unknown-score", test_type_unknown_score);
  ADD ("/ui/inspector/power-holder-names", test_power_holder_names);
  ADD ("/ui/inspector/scales-explained", test_scales_explained);
  ADD ("/ui/inspector/enum-writes", test_enum_writes);
  ADD ("/ui/inspector/unknown-enum-kept", test_unknown_enum_kept);
  ADD ("/ui/inspector/nested-and-lists", test_nested_and_lists);
  ADD ("/ui/inspector/date-validated", test_date_validated);
  ADD ("/ui/inspector/object-list", test_object_list);
  ADD ("/ui/inspector/relationship", test_relationship);
  ADD ("/ui/inspector/consent-beside-name", test_consent_beside_name);
  ADD ("/ui/inspector/same-name-note", test_same_name_note);
  ADD ("/ui/map-panel/add-decision", test_map_panel_add_decision);
  ADD ("/ui/map-panel/metadata", test_map_metadata);
#undef ADD
  g_test_add ("/ui/inspector/read-only", Fixture, NULL, read_only_set_up, test_read_only, fixture_tear_down);

  return g_test_run ();
}

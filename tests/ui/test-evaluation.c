/* test-evaluation.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sm-application-private.h"
#include "sm-canvas-private.h"
#include "sm-evaluation-panel-private.h"
#include "sm-graph.h"
#include "sm-render.h"
#include "sm-evaluation-store.h"
#include "sm-thresholds-dialog-private.h"
#include "sm-test-maps.h"
#include "sm-window.h"
#include "sm-ui-test-utils.h"

/* The evaluation panel as a group meets it, on the worked example of
 * principles.md §9: the seven cards, evidence that lights up on the map,
 * the group's responses (undoable and saved), the lens, re-evaluation as
 * the map changes, and a threshold changed with who and why. */

static SmApplication *app;
static char          *scratch;

typedef struct
{
  GtkWindow         *window;
  SmDocument        *document;
  SmEvaluationPanel *panel;
  SmCanvas          *canvas;
  char              *path;
} Fixture;

/* A fresh copy of the worked example, opened in a window with the
 * Evaluation page of the side panel showing. */
static void
fixture_open (Fixture *f)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "worked-example.stakemap", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = g_strdup_printf ("example-%u.stakemap", g_random_int ());
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  f->path = g_build_filename (scratch, name, NULL);
  g_file_set_contents (f->path, contents, length, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (f->path);
  f->window = sm_application_open_file (app, file, NULL);
  g_assert_nonnull (f->window);
  f->document = sm_window_get_document (SM_WINDOW (f->window));
  f->panel = SM_EVALUATION_PANEL (sm_window_get_evaluation_panel (SM_WINDOW (f->window)));
  f->canvas = SM_CANVAS (sm_window_get_canvas (SM_WINDOW (f->window)));
  gtk_window_present (f->window);
  sm_test_spin ();

  /* Off screen, the panel has not evaluated anything yet. */
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f->panel), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "evaluation");
  sm_test_spin ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->panel)));
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f->panel), ==, 1);
}

static void
fixture_close (Fixture *f)
{
  sm_test_close_all ();
  g_unlink (f->path);
  g_free (f->path);
}

static SmRuleStatus
rule_status (Fixture    *f,
             const char *rule_id)
{
  SmRuleResult *r = sm_evaluation_lookup (_sm_evaluation_panel_test_get_evaluation (f->panel), rule_id);

  g_assert_nonnull (r);
  return r->status;
}

/* The status word a finding shows: its first line is icon, word, … */
static const char *
finding_word (Fixture    *f,
              const char *rule_id)
{
  GtkWidget *frame = _sm_evaluation_panel_test_get_finding (f->panel, rule_id);
  GtkWidget *top, *word;

  g_assert_nonnull (frame);
  top = gtk_widget_get_first_child (frame);
  word = gtk_widget_get_next_sibling (gtk_widget_get_first_child (top));
  g_assert_true (GTK_IS_LABEL (word));
  return gtk_label_get_label (GTK_LABEL (word));
}

static void
open_principle_of (SmEvaluationPanel *panel,
                   guint              index)
{
  /* As a click or Enter on the card does. */
  gtk_widget_activate (_sm_evaluation_panel_test_get_card (panel, index));
  sm_test_spin ();
}

static void
open_principle (Fixture *f,
                guint    index)
{
  open_principle_of (f->panel, index);
}

/* Message dialogs are toplevels of their own. */
static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static SmThresholdsDialog *
find_thresholds_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SM_IS_THRESHOLDS_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
contains_text (GPtrArray  *texts,
               const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_seven_cards (void)
{
  static const char *const expected[SM_N_PRINCIPLES] = {
    "Not met",
    "Not met",
    "Partly met",
    "Partly met",
    "Partly met",
    "Partly met",
    "Partly met",
  };
  Fixture    f = { 0 };
  GtkWidget *gate;

  fixture_open (&f);

  /* §9: 0 met, 5 partly met, 2 not met, and the sharing-power gate. */
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    {
      const char *status = _sm_evaluation_panel_test_get_card_status (f.panel, i);

      g_assert_true (g_str_has_prefix (status, expected[i]));
      /* The word and the confidence, never colour alone. */
      g_assert_nonnull (strstr (status, "confidence"));
      g_assert_true (gtk_widget_get_mapped (_sm_evaluation_panel_test_get_card (f.panel, i)));
    }
  gate = _sm_evaluation_panel_test_get_gate_label (f.panel);
  g_assert_true (gtk_widget_get_mapped (gate));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (gate)),
                                   "The map does not yet show power being shared"));

  /* A card opens its principle's findings, in catalogue order. */
  open_principle (&f, 0);
  {
    g_autoptr(GPtrArray) order = _sm_evaluation_panel_test_dup_finding_order (f.panel);

    g_assert_cmpuint (order->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (order, 0), ==, "SP-01");
    g_assert_cmpstr (g_ptr_array_index (order, 3), ==, "SP-04");
  }
  g_assert_cmpstr (finding_word (&f, "SP-01"), ==, "Needs attention");
  g_assert_cmpstr (finding_word (&f, "SP-02"), ==, "Worth a look");

  fixture_close (&f);
}

static void
test_evidence_chip (void)
{
  Fixture       f = { 0 };
  SmRuleResult *sp01;
  GHashTable   *highlight;
  GtkWidget    *chip = NULL;

  fixture_open (&f);
  open_principle (&f, 0);

  /* From the table, a chip brings the map back to show its evidence. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.view", "s", "table");
  sm_test_spin ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f.canvas)));

  {
    g_autoptr(GPtrArray) chips = _sm_evaluation_panel_test_dup_chips (f.panel, "SP-01");

    g_assert_cmpuint (chips->len, >, 1);
    for (guint i = 0; i < chips->len; i++)
      if (g_strcmp0 (_sm_evaluation_panel_test_get_chip_id (g_ptr_array_index (chips, i)), "SUB") == 0)
        chip = g_ptr_array_index (chips, i);
    g_assert_nonnull (chip);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (chip)), ==, "Service user B");
  }
  g_assert_null (_sm_canvas_test_get_highlight (f.canvas));

  g_signal_emit_by_name (chip, "clicked");
  sm_test_spin ();

  g_assert_cmpstr (sm_selection_get_primary (sm_document_get_selection (f.document)), ==, "SUB");
  g_assert_cmpuint (sm_selection_get_size (sm_document_get_selection (f.document)), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f.canvas)));
  highlight = _sm_canvas_test_get_highlight (f.canvas);
  g_assert_nonnull (highlight);
  sp01 = sm_evaluation_lookup (_sm_evaluation_panel_test_get_evaluation (f.panel), "SP-01");
  g_assert_cmpuint (g_hash_table_size (highlight), ==, sp01->evidence->len);
  for (guint i = 0; i < sp01->evidence->len; i++)
    g_assert_true (g_hash_table_contains (highlight, ((SmEvidence *) g_ptr_array_index (sp01->evidence, i))->id));
  /* The Evaluation page stays open beside the map. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f.panel)));

  /* The light follows the map: someone with lived experience and no say
   * at all joins, and is among the evidence that glows. */
  {
    SmMap           *map = sm_document_get_map (f.document);
    g_autofree char *id = sm_map_make_id (map, SM_RECORD_STAKEHOLDER);
    g_autoptr(JsonObject) data = json_object_new ();
    g_autoptr(JsonObject) lived = json_object_new ();

    json_object_set_string_member (data, "id", id);
    json_object_set_string_member (data, "name", "Newcomer");
    json_object_set_string_member (data, "kind", "service_user");
    json_object_set_boolean_member (lived, "relevant", TRUE);
    json_object_set_object_member (data, "lived_experience", g_steal_pointer (&lived));
    json_object_set_double_member (data, "influence", 0);
    sm_document_push (f.document, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
    _sm_evaluation_panel_test_flush (f.panel);
    highlight = _sm_canvas_test_get_highlight (f.canvas);
    g_assert_nonnull (highlight);
    g_assert_true (g_hash_table_contains (highlight, id));
  }

  /* Back to the summary, the map is plain again. */
  sm_evaluation_panel_show_summary (f.panel);
  sm_test_spin ();
  g_assert_null (_sm_canvas_test_get_highlight (f.canvas));

  fixture_close (&f);
}

static const char *
side_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (f->panel))));
}

/* Selecting someone on the map or in a table shows them in the side
 * panel, whichever page was open; picking a finding's evidence selects on
 * the map and keeps the finding open beside it. */
static void
test_panel_follows_selection (void)
{
  Fixture      f = { 0 };
  SmSelection *selection;
  GtkWidget   *chip = NULL;

  fixture_open (&f);
  selection = sm_document_get_selection (f.document);
  g_assert_cmpstr (side_page (&f), ==, "evaluation");

  /* As a click on the canvas or a row of the table does. */
  sm_selection_select_only (selection, "SUA");
  sm_test_spin ();
  g_assert_cmpstr (side_page (&f), ==, "selection");

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "map");
  sm_test_spin ();
  sm_selection_select_only (selection, "R03");
  sm_test_spin ();
  g_assert_cmpstr (side_page (&f), ==, "selection");

  /* Clearing the selection leaves the page alone. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "map");
  sm_test_spin ();
  sm_selection_clear (selection);
  sm_test_spin ();
  g_assert_cmpstr (side_page (&f), ==, "map");

  /* A finding's evidence is shown on the map; the finding stays open. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "evaluation");
  sm_test_spin ();
  open_principle (&f, 0);
  {
    g_autoptr(GPtrArray) chips = _sm_evaluation_panel_test_dup_chips (f.panel, "SP-01");

    for (guint i = 0; i < chips->len; i++)
      if (g_strcmp0 (_sm_evaluation_panel_test_get_chip_id (g_ptr_array_index (chips, i)), "SUB") == 0)
        chip = g_ptr_array_index (chips, i);
  }
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  sm_test_spin ();
  g_assert_cmpstr (sm_selection_get_primary (selection), ==, "SUB");
  g_assert_cmpstr (side_page (&f), ==, "evaluation");

  /* Then a click on someone else on the map shows them. */
  sm_selection_select_only (selection, "CAR");
  sm_test_spin ();
  g_assert_cmpstr (side_page (&f), ==, "selection");

  fixture_close (&f);
}

/* While the Evaluation page is on screen, the map marks the people the
 * findings are about (§8.3); leaving the page takes the marks away, and an
 * edit that connects someone takes theirs off. */
static void
test_marks_on_map (void)
{
  Fixture     f = { 0 };
  GHashTable *marks;
  guint       n;

  fixture_open (&f);
  marks = sm_canvas_get_marks (f.canvas);
  g_assert_nonnull (marks);
  n = g_hash_table_size (marks);
  g_assert_cmpuint (n, >, 0);
  {
    g_autoptr(GHashTable) expected = sm_render_marks_from_evaluation (_sm_evaluation_panel_test_get_evaluation (f.panel));
    GHashTableIter iter;
    gpointer       key, value;

    g_assert_cmpuint (g_hash_table_size (expected), ==, n);
    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (marks, key)), ==, GPOINTER_TO_UINT (value));
  }

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "selection");
  sm_test_spin ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f.panel)));
  g_assert_null (sm_canvas_get_marks (f.canvas));

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "evaluation");
  sm_test_spin ();
  g_assert_nonnull (sm_canvas_get_marks (f.canvas));
  g_assert_cmpuint (g_hash_table_size (sm_canvas_get_marks (f.canvas)), ==, n);

  fixture_close (&f);
}

/* A space or a decision is not drawn on the map: its chip lights up the
 * people in it, so the group sees who sits on the board. */
static void
test_space_chip_lights_members (void)
{
  Fixture     f = { 0 };
  GtkWidget  *chip = NULL;
  GHashTable *highlight;
  SmRecord   *board;
  JsonArray  *members;

  fixture_open (&f);
  open_principle (&f, 0);
  {
    g_autoptr(GPtrArray) chips = _sm_evaluation_panel_test_dup_chips (f.panel, "SP-03");

    for (guint i = 0; i < chips->len; i++)
      if (g_strcmp0 (_sm_evaluation_panel_test_get_chip_id (g_ptr_array_index (chips, i)), "BOARD") == 0)
        chip = g_ptr_array_index (chips, i);
  }
  g_assert_nonnull (chip);
  board = sm_map_lookup (sm_document_get_map (f.document), "BOARD");
  members = json_node_get_array (sm_record_get_value (board, "members"));
  g_assert_cmpuint (json_array_get_length (members), >, 1);

  g_signal_emit_by_name (chip, "clicked");
  sm_test_spin ();
  highlight = _sm_canvas_test_get_highlight (f.canvas);
  g_assert_nonnull (highlight);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      g_assert_true (g_hash_table_contains (highlight, json_object_get_string_member (member, "stakeholder")));
    }

  fixture_close (&f);
}

static void
test_discuss_response (void)
{
  const char       *said = "We agreed the service users will co-chair the board from March.";
  Fixture           f = { 0 };
  SmHistory        *history;
  AdwMessageDialog *dialog;
  GtkWidget        *box, *frame, *scrolled, *view;
  GtkTextBuffer    *buffer;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  fixture_open (&f);
  history = sm_document_get_history (f.document);
  open_principle (&f, 0);
  g_assert_false (sm_document_get_modified (f.document));

  g_signal_emit_by_name (_sm_evaluation_panel_test_get_finding_button (f.panel, "SP-01", "discuss"), "clicked");
  sm_test_spin ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);

  /* Nothing to add until something is written. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  box = adw_message_dialog_get_extra_child (dialog);
  frame = gtk_widget_get_first_child (box);
  scrolled = gtk_frame_get_child (GTK_FRAME (frame));
  view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (view))
    view = gtk_viewport_get_child (GTK_VIEWPORT (view));
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, said, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_next_sibling (frame)), "Co-production group");
  adw_message_dialog_response (dialog, "add");
  sm_test_spin ();
  _sm_evaluation_panel_test_flush (f.panel);

  /* Listed under the finding, kept with the map, one undo step. */
  {
    g_autoptr(GPtrArray) texts = _sm_evaluation_panel_test_dup_response_texts (f.panel, "SP-01");
    g_autoptr(GPtrArray) others = _sm_evaluation_panel_test_dup_response_texts (f.panel, "SP-02");

    g_assert_cmpuint (texts->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, said);
    g_assert_cmpuint (others->len, ==, 0);
  }
  g_assert_true (sm_document_get_modified (f.document));
  /* The finding itself is never hidden or changed by a response. */
  g_assert_cmpint (rule_status (&f, "SP-01"), ==, SM_RULE_FAIL);

  g_assert_true (sm_history_undo (history));
  sm_test_spin ();
  _sm_evaluation_panel_test_flush (f.panel);
  {
    g_autoptr(GPtrArray) texts = _sm_evaluation_panel_test_dup_response_texts (f.panel, "SP-01");

    g_assert_cmpuint (texts->len, ==, 0);
  }

  g_assert_true (sm_history_redo (history));
  sm_test_spin ();
  _sm_evaluation_panel_test_flush (f.panel);
  {
    g_autoptr(GPtrArray) texts = _sm_evaluation_panel_test_dup_response_texts (f.panel, "SP-01");

    g_assert_true (contains_text (texts, said));
  }

  /* Its remove button takes it away, as one more undoable step. */
  {
    GtkWidget *remove = _sm_evaluation_panel_test_get_response_remove (f.panel, "SP-01", 0);
    g_autoptr(GPtrArray) texts = NULL;

    g_assert_true (GTK_IS_BUTTON (remove));
    g_assert_true (gtk_widget_get_sensitive (remove));
    g_signal_emit_by_name (remove, "clicked");
    sm_test_spin ();
    _sm_evaluation_panel_test_flush (f.panel);
    texts = _sm_evaluation_panel_test_dup_response_texts (f.panel, "SP-01");
    g_assert_cmpuint (texts->len, ==, 0);
    g_assert_true (sm_history_undo (history));
    sm_test_spin ();
    _sm_evaluation_panel_test_flush (f.panel);
  }
  {
    g_autoptr(GPtrArray) texts = _sm_evaluation_panel_test_dup_response_texts (f.panel, "SP-01");

    g_assert_cmpuint (texts->len, ==, 1);
  }

  /* Saving writes it into the project file. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.save", NULL);
  sm_test_spin ();
  g_assert_false (sm_document_get_modified (f.document));
  g_file_get_contents (f.path, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, said));
  g_assert_nonnull (strstr (saved, "\"SP-01\""));

  fixture_close (&f);
}

static void
test_lens_reorders (void)
{
  Fixture       f = { 0 };
  SmRuleStatus  before[64];
  char         *cards_before[SM_N_PRINCIPLES];
  SmEvaluation *eval;
  guint         n_rules;

  fixture_open (&f);
  eval = _sm_evaluation_panel_test_get_evaluation (f.panel);
  n_rules = eval->rules->len;
  g_assert_cmpuint (n_rules, <=, G_N_ELEMENTS (before));
  for (guint i = 0; i < n_rules; i++)
    before[i] = ((SmRuleResult *) g_ptr_array_index (eval->rules, i))->status;
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    cards_before[i] = g_strdup (_sm_evaluation_panel_test_get_card_status (f.panel, i));

  open_principle (&f, 0);
  g_assert_false (gtk_widget_get_visible (
    gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (
      gtk_widget_get_first_child (gtk_widget_get_first_child (_sm_evaluation_panel_test_get_finding (f.panel, "SP-04"))))))); /* no headline mark */
  _sm_evaluation_panel_test_set_lens (f.panel, SM_LENS_CLARIFICATION);
  sm_test_spin ();

  /* Clarification puts SP-04 and SP-02 first and marks them. */
  {
    g_autoptr(GPtrArray) order = _sm_evaluation_panel_test_dup_finding_order (f.panel);

    g_assert_cmpuint (order->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (order, 0), ==, "SP-04");
    g_assert_cmpstr (g_ptr_array_index (order, 1), ==, "SP-02");
    g_assert_cmpstr (g_ptr_array_index (order, 2), ==, "SP-01");
    g_assert_cmpstr (g_ptr_array_index (order, 3), ==, "SP-03");
  }
  {
    GtkWidget *top = gtk_widget_get_first_child (_sm_evaluation_panel_test_get_finding (f.panel, "SP-04"));
    GtkWidget *headline = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (top)));

    g_assert_true (GTK_IS_LABEL (headline));
    g_assert_true (gtk_widget_get_visible (headline));
  }

  /* Statuses never change with the lens. */
  eval = _sm_evaluation_panel_test_get_evaluation (f.panel);
  g_assert_cmpint (eval->lens, ==, SM_LENS_CLARIFICATION);
  g_assert_cmpuint (eval->headlines->len, ==, 3);
  for (guint i = 0; i < n_rules; i++)
    g_assert_cmpint (((SmRuleResult *) g_ptr_array_index (eval->rules, i))->status, ==, before[i]);
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    {
      g_assert_cmpstr (_sm_evaluation_panel_test_get_card_status (f.panel, i), ==, cards_before[i]);
      g_free (cards_before[i]);
    }
  g_assert_cmpstr (finding_word (&f, "SP-04"), ==, "Needs attention");

  /* The summary lists the three headlines; one leads to its finding,
   * with the keyboard on it. OT-01 is on P7's page. */
  sm_evaluation_panel_show_summary (f.panel);
  sm_test_spin ();
  g_assert_nonnull (_sm_evaluation_panel_test_get_headline (f.panel, 2));
  g_assert_null (_sm_evaluation_panel_test_get_headline (f.panel, 3));
  gtk_widget_activate (_sm_evaluation_panel_test_get_headline (f.panel, 2));
  {
    gint64     deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
    GtkWidget *target = NULL;

    while (g_get_monotonic_time () < deadline &&
           ((target = _sm_evaluation_panel_test_get_finding (f.panel, "OT-01")) == NULL || !gtk_widget_has_focus (target)))
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (target);
    g_assert_true (gtk_widget_has_focus (target));
  }

  /* Back to no lens: catalogue order, no headlines. */
  _sm_evaluation_panel_test_set_lens (f.panel, SM_LENS_NONE);
  sm_test_spin ();
  g_assert_cmpuint (_sm_evaluation_panel_test_get_evaluation (f.panel)->lens, ==, SM_LENS_NONE);
  sm_evaluation_panel_show_summary (f.panel);
  sm_test_spin ();
  g_assert_null (_sm_evaluation_panel_test_get_headline (f.panel, 0));

  fixture_close (&f);
}

static SmCommand *
add_resident (SmMap      *map,
              const char *name,
              double      influence)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonObject) lived = json_object_new ();

  json_object_set_string_member (data, "name", name);
  json_object_set_string_member (data, "kind", "service_user");
  json_object_set_boolean_member (lived, "relevant", TRUE);
  json_object_set_object_member (data, "lived_experience", g_steal_pointer (&lived));
  json_object_set_double_member (data, "influence", influence);
  json_object_set_int_member (data, "x", 100);
  json_object_set_int_member (data, "y", 100);
  return sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data);
}

static void
wait_for_evaluation (Fixture *f,
                     guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (_sm_evaluation_panel_test_get_n_evaluations (f->panel) < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f->panel), ==, n);
}

static void
test_edit_reevaluates (void)
{
  Fixture f = { 0 };
  SmMap  *map;
  guint   n;

  fixture_open (&f);
  map = sm_document_get_map (f.document);
  open_principle (&f, 0);
  g_assert_cmpstr (finding_word (&f, "SP-01"), ==, "Needs attention");
  n = _sm_evaluation_panel_test_get_n_evaluations (f.panel);

  /* A resident with a strong say joins: the influence gap narrows
   * (mean 4 against 7: 1.75×), from "Needs attention" to "Worth a look".
   * No flush: the panel follows the map by itself. */
  sm_document_push (f.document, add_resident (map, "Resident with asthma", 9));
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f.panel), ==, n);
  wait_for_evaluation (&f, n + 1);
  g_assert_cmpstr (finding_word (&f, "SP-01"), ==, "Worth a look");
  g_assert_cmpint (rule_status (&f, "SP-01"), ==, SM_RULE_WARN);

  /* A burst of edits is evaluated once. */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Resident %d", i);
      sm_document_push (f.document, add_resident (map, name, 2));
    }
  wait_for_evaluation (&f, n + 2);
  sm_test_spin ();
  g_usleep (300 * 1000);
  sm_test_spin ();
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f.panel), ==, n + 2);

  /* Undo goes back to where the group started. */
  for (int i = 0; i < 6; i++)
    g_assert_true (sm_history_undo (sm_document_get_history (f.document)));
  _sm_evaluation_panel_test_flush (f.panel);
  g_assert_cmpstr (finding_word (&f, "SP-01"), ==, "Needs attention");

  /* Off screen, edits wait until the panel is shown again. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "selection");
  sm_test_spin ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f.panel)));
  n = _sm_evaluation_panel_test_get_n_evaluations (f.panel);
  sm_document_push (f.document, add_resident (map, "Resident with asthma", 9));
  sm_test_spin ();
  g_usleep (300 * 1000);
  sm_test_spin ();
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f.panel), ==, n);
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-panel", "s", "evaluation");
  sm_test_spin ();
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (f.panel), ==, n + 1);
  g_assert_cmpint (rule_status (&f, "SP-01"), ==, SM_RULE_WARN);

  fixture_close (&f);
}

static void
test_threshold_change (void)
{
  Fixture             f = { 0 };
  SmThresholdsDialog *dialog;
  AdwMessageDialog   *ask;
  GtkWidget          *box, *by, *reason;

  fixture_open (&f);
  g_assert_cmpint (rule_status (&f, "SP-01"), ==, SM_RULE_FAIL);

  g_signal_emit_by_name (_sm_evaluation_panel_test_get_thresholds_button (f.panel), "clicked");
  sm_test_spin ();
  dialog = find_thresholds_dialog ();
  g_assert_nonnull (dialog);
  /* Every key of the catalogue has a row. */
  for (const char *const *key = sm_eval_config_list_keys (); *key != NULL; key++)
    g_assert_nonnull (_sm_thresholds_dialog_test_get_row (dialog, *key));
  {
    g_autoptr(GPtrArray) log = _sm_thresholds_dialog_test_dup_log_titles (dialog);
    g_assert_cmpuint (log->len, ==, 0);
  }

  /* The group raises the ratio that needs attention from 2 to 3: the
   * 2.55× gap is now "Worth a look". A reason is needed first. */
  sm_thresholds_dialog_request_change (dialog, "sp01.fail_ratio", 3.0);
  sm_test_spin ();
  ask = find_message_dialog ();
  g_assert_nonnull (ask);
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "change"));
  box = adw_message_dialog_get_extra_child (ask);
  by = gtk_widget_get_first_child (box);
  reason = gtk_widget_get_next_sibling (by);
  gtk_editable_set_text (GTK_EDITABLE (by), "Facilitator");
  gtk_editable_set_text (GTK_EDITABLE (reason), "Piloting a looser threshold with the group");
  g_assert_true (adw_message_dialog_get_response_enabled (ask, "change"));
  adw_message_dialog_response (ask, "change");
  sm_test_spin ();
  _sm_evaluation_panel_test_flush (f.panel);

  g_assert_cmpint (rule_status (&f, "SP-01"), ==, SM_RULE_WARN);
  {
    g_autoptr(GPtrArray) log = _sm_thresholds_dialog_test_dup_log_titles (dialog);
    g_autoptr(GPtrArray) stored = sm_map_dup_threshold_log (sm_document_get_map (f.document));
    SmThresholdChange *change;

    g_assert_cmpuint (log->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "sp01.fail_ratio: 2 → 3");
    g_assert_cmpuint (stored->len, ==, 1);
    change = g_ptr_array_index (stored, 0);
    g_assert_cmpstr (change->by, ==, "Facilitator");
    g_assert_cmpstr (change->reason, ==, "Piloting a looser threshold with the group");
  }

  /* Cancelling changes nothing. */
  sm_thresholds_dialog_request_change (dialog, "sp01.fail_ratio", 5.0);
  sm_test_spin ();
  ask = find_message_dialog ();
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "cancel");
  sm_test_spin ();
  {
    g_autoptr(GPtrArray) stored = sm_map_dup_threshold_log (sm_document_get_map (f.document));
    g_assert_cmpuint (stored->len, ==, 1);
  }

  /* And the change is one undo step. */
  g_assert_true (sm_history_undo (sm_document_get_history (f.document)));
  sm_test_spin ();
  _sm_evaluation_panel_test_flush (f.panel);
  g_assert_cmpint (rule_status (&f, "SP-01"), ==, SM_RULE_FAIL);
  {
    g_autoptr(GPtrArray) log = _sm_thresholds_dialog_test_dup_log_titles (dialog);
    g_assert_cmpuint (log->len, ==, 0);
  }

  fixture_close (&f);
}

static void
test_record_and_compare (void)
{
  Fixture       f = { 0 };
  SmMap        *map;
  SmEvaluation *eval;
  const char   *measure;
  g_autoptr(GPtrArray) snapshots = NULL;

  fixture_open (&f);
  map = sm_document_get_map (f.document);
  eval = _sm_evaluation_panel_test_get_evaluation (f.panel);

  /* The data checks are shown, not scored. */
  g_assert_cmpuint (eval->checks->len, >, 0);
  for (guint i = 0; i < eval->checks->len; i++)
    {
      SmRuleResult *check = g_ptr_array_index (eval->checks, i);
      GtkWidget    *frame = _sm_evaluation_panel_test_get_check (f.panel, sm_rule_def_get_id (check->rule));

      g_assert_nonnull (frame);
      g_assert_true (gtk_widget_get_mapped (frame));
    }
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    g_assert_null (_sm_evaluation_panel_test_get_card_previous (f.panel, i));

  /* Record today's results, then move on to a later snapshot where the
   * group has lowered the bar for "Met": P3 (0.75) is met now, and its
   * card says what it was. */
  g_signal_emit_by_name (_sm_evaluation_panel_test_get_record_button (f.panel), "clicked");
  sm_test_spin ();
  snapshots = sm_map_dup_eval_snapshots (map);
  g_assert_cmpuint (snapshots->len, ==, 1);
  sm_document_push (f.document, sm_command_new_set_string (sm_map_get_metadata (map), "snapshot.date", "2099-01-01"));
  sm_document_push (f.document, sm_command_new_set_threshold (map, "score.met", 0.7, "Facilitator", "Pilot"));
  _sm_evaluation_panel_test_flush (f.panel);

  g_assert_true (g_str_has_prefix (_sm_evaluation_panel_test_get_card_status (f.panel, 2), "Met"));
  g_assert_nonnull (_sm_evaluation_panel_test_get_card_previous (f.panel, 2));
  g_assert_true (g_str_has_prefix (_sm_evaluation_panel_test_get_card_previous (f.panel, 2), "Was Partly met on "));
  /* P1 has not changed, so it says nothing. */
  g_assert_null (_sm_evaluation_panel_test_get_card_previous (f.panel, 0));

  /* Each finding shows its earlier value. */
  open_principle (&f, 0);
  measure = _sm_evaluation_panel_test_get_finding_measure (f.panel, "SP-01");
  g_assert_nonnull (measure);
  g_assert_nonnull (strstr (measure, "→ no change: was 2.55 on "));

  fixture_close (&f);
}

/* A principle with one check that could run, and that one needs
 * attention: the card says both, so it never seems to contradict its
 * finding, and counts as the report and the command line do. */
static void
test_card_agrees_with_its_finding (void)
{
  static const char json[] =
    "{\"format\":\"stakemap\",\"version\":1,\"stakeholders\":["
    "{\"id\":\"s1\",\"name\":\"Council\",\"kind\":\"commissioner\",\"influence\":9,\"x\":0,\"y\":0},"
    "{\"id\":\"s2\",\"name\":\"Tenants\",\"kind\":\"service_user\",\"influence\":2,\"x\":200,\"y\":0}],"
    "\"relationships\":[{\"id\":\"r1\",\"source\":\"s1\",\"target\":\"s2\"}]}";
  g_autofree char *path = g_build_filename (scratch, "one-check.stakemap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SmEvaluationPanel *panel;
  GtkWindow         *window;
  const char        *failure;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  window = sm_application_open_file (app, file, NULL);
  g_assert_nonnull (window);
  panel = SM_EVALUATION_PANEL (sm_window_get_evaluation_panel (SM_WINDOW (window)));
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", "evaluation");
  sm_test_spin ();

  g_assert_true (g_str_has_prefix (_sm_evaluation_panel_test_get_card_status (panel, 0), "Not assessed"));
  failure = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (_sm_evaluation_panel_test_get_card (panel, 0)), GTK_ACCESSIBLE_PROPERTY_LABEL,
    "Sharing power: Not assessed. Not enough to judge yet — 1 of 4 checks could run, and it needs attention");
  if (failure != NULL)
    g_error ("%s", failure);
  failure = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (_sm_evaluation_panel_test_get_card (panel, 1)), GTK_ACCESSIBLE_PROPERTY_LABEL,
    "Equality and partnership: Not assessed. Not enough to judge yet — none of its 4 checks could run");
  if (failure != NULL)
    g_error ("%s", failure);

  sm_test_close_all ();
  g_unlink (path);
}

/* A new, empty map: nothing can be assessed yet, and the panel says so
 * plainly instead of failing. */
static void
test_empty_map (void)
{
  GtkWindow         *window = sm_application_new_map (app);
  SmEvaluationPanel *panel = SM_EVALUATION_PANEL (sm_window_get_evaluation_panel (SM_WINDOW (window)));
  GtkWidget         *gate = _sm_evaluation_panel_test_get_gate_label (panel);

  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", "evaluation");
  sm_test_spin ();
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (panel), ==, 1);
  for (guint i = 0; i < SM_N_PRINCIPLES; i++)
    g_assert_true (g_str_has_prefix (_sm_evaluation_panel_test_get_card_status (panel, i), "Not assessed"));
  /* Gate G0: no one here because of lived experience. */
  g_assert_true (gtk_widget_get_mapped (gate));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (gate)), "lived experience"));
  /* The keyboard is on the first card. */
  g_assert_true (gtk_widget_has_focus (_sm_evaluation_panel_test_get_card (panel, 0)));
  open_principle_of (panel, 0);
  g_assert_nonnull (_sm_evaluation_panel_test_get_finding (panel, "SP-01"));

  sm_test_close_all ();
}

/* Every control a user can reach says what it is: buttons by their label
 * or an accessible name, entries, numbers and switches by an accessible
 * name, cards and findings by a name that includes the status word. */
static void
assert_named (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("%s in %s in %s %s has no accessible name", G_OBJECT_TYPE_NAME (widget), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widget))),
             gtk_widget_get_tooltip_text (widget) != NULL ? gtk_widget_get_tooltip_text (widget) : "");
}

static guint
check_names (GtkWidget *widget)
{
  guint n = 0;

  /* Window chrome is libadwaita's, named by libadwaita. */
  if (!gtk_widget_get_visible (widget) || ADW_IS_VIEW_SWITCHER (widget) || ADW_IS_HEADER_BAR (widget) ||
      GTK_IS_HEADER_BAR (widget))
    return 0;
  if (GTK_IS_BUTTON (widget) && !GTK_IS_LINK_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (label == NULL || *label == '\0')
        assert_named (widget);
      n++;
    }
  else if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_ENTRY (widget) ||
           GTK_IS_TEXT_VIEW (widget) || GTK_IS_LEVEL_BAR (widget))
    {
      assert_named (widget);
      n++;
    }
  else if (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
           !ADW_IS_PREFERENCES_ROW (widget))
    {
      assert_named (widget);
      n++;
    }
  /* Menu buttons and combo rows name themselves from their labels. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget))
    return n;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_names (child);
  return n;
}

static void
test_accessible_names (void)
{
  Fixture             f = { 0 };
  SmThresholdsDialog *dialog;
  guint               n;

  fixture_open (&f);
  n = check_names (GTK_WIDGET (f.panel));
  g_assert_cmpuint (n, >=, SM_N_PRINCIPLES + 2);
  /* Cards are named with their status word, for a screen reader. */
  g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (_sm_evaluation_panel_test_get_card (f.panel, 0)),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Sharing power: Not met — high confidence. 0 of 4 checks look OK") == NULL);

  open_principle (&f, 0);
  n = check_names (GTK_WIDGET (f.panel));
  g_assert_cmpuint (n, >=, 4 * 2 + 1);
  g_assert_true (gtk_widget_get_focusable (_sm_evaluation_panel_test_get_finding (f.panel, "SP-01")));
  g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (_sm_evaluation_panel_test_get_finding (f.panel, "SP-01")),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, "SP-01, Needs attention") == NULL);

  g_signal_emit_by_name (_sm_evaluation_panel_test_get_thresholds_button (f.panel), "clicked");
  sm_test_spin ();
  dialog = find_thresholds_dialog ();
  g_assert_nonnull (dialog);
  n = check_names (GTK_WIDGET (dialog));
  g_assert_cmpuint (n, >=, g_strv_length ((char **) sm_eval_config_list_keys ()));

  fixture_close (&f);
}

/* Big maps: the evaluation runs in the background */

/* A network of @n stakeholders with a few hubs, like the benchmark's
 * maps: big enough that the evaluation takes a second or more, most of
 * it measuring betweenness. Returns the path of the file. */
static char *
write_big_map (guint n)
{
  g_autofree char *name = g_strdup_printf ("big-%u.stakemap", g_random_int ());

  return sm_test_write_big_map (scratch, name, n);
}

typedef struct
{
  SmEvaluationPanel *panel;
  guint              ticks;          /* main-loop turns before the result came */
  gboolean           progress;       /* the progress was on screen */
  gboolean           busy;           /* it was seen evaluating before the result came */
  gboolean           record_offered; /* Record Results could be pressed while it was */
  gboolean           cards_early;    /* the pages showed before the first findings */
} Ticker;

/* What the window looked like at each turn of the main loop until the
 * first findings, however fast or slow the machine is. */
static gboolean
tick_cb (gpointer user_data)
{
  Ticker    *t = user_data;
  GtkWidget *progress = _sm_evaluation_panel_test_get_progress (t->panel);

  if (_sm_evaluation_panel_test_get_n_evaluations (t->panel) == 0)
    {
      t->ticks++;
      if (_sm_evaluation_panel_test_get_busy (t->panel))
        {
          t->busy = TRUE;
          if (gtk_widget_get_sensitive (_sm_evaluation_panel_test_get_record_button (t->panel)))
            t->record_offered = TRUE;
        }
      if (gtk_widget_get_visible (gtk_widget_get_next_sibling (progress)))
        t->cards_early = TRUE;
    }
  if (gtk_widget_get_mapped (progress))
    t->progress = TRUE;
  return G_SOURCE_CONTINUE;
}

static GtkWindow *
open_big_map (const char         *path,
              SmEvaluationPanel **panel)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = sm_application_open_file (app, file, NULL);
  gint64     deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  /* A big file is read in the background; then the window is there. */
  while (window == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (_sm_application_test_get_n_loading (app) == 0)
        window = sm_application_open_file (app, file, NULL);
    }
  g_assert_nonnull (window);
  *panel = SM_EVALUATION_PANEL (sm_window_get_evaluation_panel (SM_WINDOW (window)));
  gtk_window_present (window);
  sm_test_spin ();
  return window;
}

/* While a big map is evaluated the window keeps drawing and answering:
 * the main loop turns many times before the findings arrive, a progress
 * with a Stop button shows, and the findings still arrive. */
static void
test_big_map_stays_responsive (void)
{
  g_autofree char   *path = write_big_map (20000);
  SmEvaluationPanel *panel;
  GtkWindow         *window = open_big_map (path, &panel);
  Ticker             ticker = { 0 };
  gint64             deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint              source;

  ticker.panel = panel;
  source = g_timeout_add (10, tick_cb, &ticker);
  /* Measured afresh: not remembered from an earlier test or another panel. */
  sm_graph_clear_betweenness_cache ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", "evaluation");
  while (_sm_evaluation_panel_test_get_n_evaluations (panel) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
  g_assert_true (ticker.busy);
  /* Nothing to record until the results are of the map as it is. */
  g_assert_false (ticker.record_offered);
  /* No empty cards before the first findings: the pages below the
   * progress show only with them. */
  g_assert_false (ticker.cards_early);
  g_assert_true (gtk_widget_get_sensitive (_sm_evaluation_panel_test_get_record_button (panel)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_next_sibling (_sm_evaluation_panel_test_get_progress (panel))));

  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (panel), ==, 1);
  g_assert_nonnull (sm_evaluation_lookup (_sm_evaluation_panel_test_get_evaluation (panel), "EP-03"));
  g_assert_cmpuint (ticker.ticks, >=, 10);
  g_assert_true (ticker.progress);
  /* Done: the progress has gone. */
  g_assert_false (gtk_widget_get_visible (_sm_evaluation_panel_test_get_progress (panel)));
  g_assert_false (_sm_evaluation_panel_test_get_busy (panel));

  sm_test_close_all ();
  g_unlink (path);
}

/* Stop ends the run without showing anything; an edit starts a new run;
 * closing the window in the middle of one is safe, and the panel is
 * freed once the worker has stopped. */
static void
test_big_map_stop_and_close (void)
{
  g_autofree char   *path = write_big_map (20000);
  SmEvaluationPanel *panel;
  GtkWindow         *window = open_big_map (path, &panel);
  SmDocument        *document = sm_window_get_document (SM_WINDOW (window));
  GtkWidget         *progress = _sm_evaluation_panel_test_get_progress (panel);
  GtkWidget         *button = _sm_evaluation_panel_test_get_progress_button (panel);
  gint64             deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  sm_graph_clear_betweenness_cache ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panel", "s", "evaluation");
  /* Not sm_test_spin(): the run's progress keeps events pending, so on a
   * busy machine that would spin until the run is over. */
  while (!_sm_evaluation_panel_test_get_busy (panel) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (_sm_evaluation_panel_test_get_busy (panel));
  while (!gtk_widget_get_mapped (progress) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (progress));
  g_assert_true (_sm_evaluation_panel_test_get_busy (panel));

  /* Stop: nothing arrives, and the page offers to start again. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (_sm_evaluation_panel_test_get_busy (panel));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Evaluate Again");
  for (int i = 0; i < 50; i++)
    {
      sm_test_spin ();
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (_sm_evaluation_panel_test_get_n_evaluations (panel), ==, 0);
  g_assert_null (_sm_evaluation_panel_test_get_evaluation (panel));

  /* Again, then an edit in the middle: the run is stopped and a new one
   * starts once the edit has settled. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (_sm_evaluation_panel_test_get_busy (panel));
  sm_document_push (document, add_resident (sm_document_get_map (document), "Resident", 9));
  g_assert_false (_sm_evaluation_panel_test_get_busy (panel));
  while (!_sm_evaluation_panel_test_get_busy (panel) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (_sm_evaluation_panel_test_get_busy (panel));

  /* Closing the window mid-run. */
  g_object_add_weak_pointer (G_OBJECT (panel), (gpointer *) &panel);
  sm_test_close_all ();
  while (panel != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (panel);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  scratch = g_dir_make_tmp ("stakemap-ui-evaluation-XXXXXX", NULL);
  {
    g_autofree char *state = g_build_filename (scratch, "state", NULL);
    g_autofree char *data = g_build_filename (scratch, "data", NULL);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  /* One test reads accessible names: they are kept only with an
   * accessibility backend, and the test one needs no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);

  app = sm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/evaluation/seven-cards", test_seven_cards);
  g_test_add_func ("/ui/evaluation/card-agrees-with-its-finding", test_card_agrees_with_its_finding);
  g_test_add_func ("/ui/evaluation/marks-on-map", test_marks_on_map);
  g_test_add_func ("/ui/evaluation/evidence-chip", test_evidence_chip);
  g_test_add_func ("/ui/evaluation/panel-follows-selection", test_panel_follows_selection);
  g_test_add_func ("/ui/evaluation/space-chip-lights-members", test_space_chip_lights_members);
  g_test_add_func ("/ui/evaluation/discuss-response", test_discuss_response);
  g_test_add_func ("/ui/evaluation/lens-reorders", test_lens_reorders);
  g_test_add_func ("/ui/evaluation/edit-reevaluates", test_edit_reevaluates);
  g_test_add_func ("/ui/evaluation/threshold-change", test_threshold_change);
  g_test_add_func ("/ui/evaluation/record-and-compare", test_record_and_compare);
  g_test_add_func ("/ui/evaluation/empty-map", test_empty_map);
  g_test_add_func ("/ui/evaluation/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/evaluation/big-map-stays-responsive", test_big_map_stays_responsive);
  g_test_add_func ("/ui/evaluation/big-map-stop-and-close", test_big_map_stop_and_close);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_rmdir (scratch);
  return status;
}

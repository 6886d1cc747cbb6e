/* sm-window-merge.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-change-row.h"
#include "sm-format.h"
#include "sm-merge.h"
#include "sm-window-private.h"

/* Merge Changes From… (win.merge): two facilitators each took a copy of
 * the map to a group; one brings the other's copy back. The other copy is
 * read with the version both started from, the common base: a file the
 * user names, this map as last saved (when it has changed since), or one
 * of the backups Save keeps beside each copy (FILE~), whichever is
 * nearest to both. Without one, nothing is taken as removed:
 * every record of either copy is kept, and where the two differ the user
 * chooses.
 *
 * The dialog lists what the other copy brings, and each conflict (both
 * changed the same field differently, or one removed what the other
 * changed) with a choice between this map's value and theirs. Merging
 * applies it all as one step on the history, so one Undo takes it back. */

typedef struct
{
  char  *label; /* as the base menu lists it */
  GFile *file;  /* NULL: no common version */
  SmMap *map;
} Base;

typedef struct
{
  SmWindow  *window; /* weak */
  GtkWidget *dialog;
  GFile     *file;
  char      *name;
  SmMap     *theirs;
  GPtrArray *bases; /* Base; the first is "no common version" */
  guint      base;
  gboolean   named_base; /* the second is the one the caller named */
  gboolean   closed;     /* the dialog is gone; a read still running finds nothing to fill */
  SmMerge   *merge;

  GtkWidget *base_row;
  GtkWidget *summary;
  GtkWidget *conflicts_group;
  GtkWidget *conflicts;
  GtkWidget *changes;
  GtkWidget *merge_button;
} Merging;

static void merging_refresh (Merging *m);

static void
base_free (gpointer data)
{
  Base *base = data;

  g_free (base->label);
  g_clear_object (&base->file);
  g_clear_object (&base->map);
  g_free (base);
}

static void
merging_free (Merging *m)
{
  g_clear_weak_pointer (&m->window);
  g_clear_object (&m->file);
  g_free (m->name);
  g_clear_object (&m->theirs);
  g_clear_pointer (&m->bases, g_ptr_array_unref);
  g_clear_pointer (&m->merge, sm_merge_free);
  g_free (m);
}

static Base *
base_new (const char *label,
          GFile      *file,
          SmMap      *map)
{
  Base *base = g_new0 (Base, 1);

  base->label = g_strdup (label);
  base->file = file != NULL ? g_object_ref (file) : NULL;
  base->map = g_object_ref (map);
  return base;
}

static guint
distance (SmMap *a,
          SmMap *b)
{
  g_autoptr(SmDiff) diff = sm_diff_new (a, b);
  guint n = sm_diff_get_n_entries (diff);

  for (guint k = 0; k < SM_DIFF_N_KINDS; k++)
    n += sm_diff_get_n_moved (diff, k);
  return n;
}

/* Conflicts */

static void
choice_toggled_cb (GtkCheckButton *button,
                   Merging        *m)
{
  SmMergeConflict *conflict = g_object_get_data (G_OBJECT (button), "conflict");
  SmMergeChoice    choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));

  if (!gtk_check_button_get_active (button) || conflict == NULL)
    return;
  if (conflict == GINT_TO_POINTER (1))
    {
      /* Every position at once. */
      for (guint i = 0; i < sm_merge_get_n_conflicts (m->merge); i++)
        if (sm_merge_conflict_is_move (sm_merge_get_conflict (m->merge, i)))
          sm_merge_conflict_set_choice (sm_merge_get_conflict (m->merge, i), choice);
    }
  else
    sm_merge_conflict_set_choice (conflict, choice);
  merging_refresh (m);
}

static GtkWidget *
choice_buttons (Merging         *m,
                SmMergeConflict *conflict,
                const char      *ours,
                const char      *theirs,
                SmMergeChoice    chosen)
{
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *ours_text = g_strdup_printf (_ ("Keep this map’s: %s"), ours);
  g_autofree char *theirs_text = g_strdup_printf (_ ("Take theirs: %s"), theirs);
  GtkWidget       *keep = gtk_check_button_new_with_label (ours_text);
  GtkWidget       *take = gtk_check_button_new_with_label (theirs_text);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (take), GTK_CHECK_BUTTON (keep));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (chosen == SM_MERGE_CHOICE_THEIRS ? take : keep), TRUE);
  g_object_set_data (G_OBJECT (keep), "conflict", conflict);
  g_object_set_data (G_OBJECT (take), "conflict", conflict);
  g_object_set_data (G_OBJECT (keep), "choice", GINT_TO_POINTER (SM_MERGE_CHOICE_OURS));
  g_object_set_data (G_OBJECT (take), "choice", GINT_TO_POINTER (SM_MERGE_CHOICE_THEIRS));
  g_signal_connect (keep, "toggled", G_CALLBACK (choice_toggled_cb), m);
  g_signal_connect (take, "toggled", G_CALLBACK (choice_toggled_cb), m);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), keep);
  gtk_box_append (GTK_BOX (box), take);
  return box;
}

static GtkWidget *
conflict_row (Merging         *m,
              SmMergeConflict *conflict)
{
  SmMap           *ours = sm_document_get_map (sm_window_get_document (m->window));
  SmDiffKind       kind = sm_merge_conflict_get_kind (conflict);
  const char      *path = sm_merge_conflict_get_path (conflict);
  const SmField   *def = path != NULL && kind < SM_DIFF_KIND_RESPONSE
                           ? sm_schema_lookup_path ((SmRecordKind) kind, path)
                           : NULL;
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *base = NULL;
  g_autofree char *ours_text = NULL;
  g_autofree char *theirs_text = NULL;

  if (path != NULL)
    {
      base = _sm_change_value_text (def, sm_merge_conflict_get_base (conflict), ours, m->theirs);
      ours_text = _sm_change_value_text (def, sm_merge_conflict_get_ours (conflict), ours, m->theirs);
      theirs_text = _sm_change_value_text (def, sm_merge_conflict_get_theirs (conflict), ours, m->theirs);
      /* TRANSLATORS: "Cllr Begum: Influence" */
      title = g_strdup_printf (_ ("%s: %s"), sm_merge_conflict_get_name (conflict),
                               _sm_change_field_label (kind, path));
      /* TRANSLATORS: the value in the version both copies started from */
      subtitle = g_strdup_printf (_ ("%s · was %s"), sm_diff_kind_get_label (kind, TRUE), base);
    }
  else
    {
      /* One side removed the record, the other changed it or refers to it. */
      gboolean ours_has = sm_merge_conflict_get_ours (conflict) != NULL;

      title = g_strdup (sm_merge_conflict_get_name (conflict));
      subtitle = g_strdup_printf (ours_has ? _ ("%s · removed in their copy, changed in this one")
                                           : _ ("%s · removed in this map, changed in their copy"),
                                  sm_diff_kind_get_label (kind, TRUE));
      ours_text = g_strdup (ours_has ? _ ("kept") : _ ("removed"));
      theirs_text = g_strdup (ours_has ? _ ("removed") : _ ("kept"));
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             choice_buttons (m, conflict, ours_text, theirs_text,
                                             sm_merge_conflict_get_choice (conflict)));
  return row;
}

/* Positions both moved differently: one row for all, rarely worth a
 * choice each. */
static GtkWidget *
moves_row (Merging *m,
           guint    n_moves)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf (
    ngettext ("%u item moved differently in each copy", "%u items moved differently in each copy", n_moves),
    n_moves);
  SmMergeChoice choice = SM_MERGE_CHOICE_OURS;

  for (guint i = 0; i < sm_merge_get_n_conflicts (m->merge); i++)
    if (sm_merge_conflict_is_move (sm_merge_get_conflict (m->merge, i)))
      choice = sm_merge_conflict_get_choice (sm_merge_get_conflict (m->merge, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             choice_buttons (m, GINT_TO_POINTER (1), _ ("where they are here"),
                                             _ ("where they put them"), choice));
  return row;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* What merging would do with the choices as they are now. */
static void
merging_refresh (Merging *m)
{
  SmMap *ours = sm_document_get_map (sm_window_get_document (m->window));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) result = sm_merge_dup_result (m->merge, &error);
  g_autoptr(SmDiff) diff = NULL;
  guint            n_conflicts = sm_merge_get_n_conflicts (m->merge), n_changes = 0;
  g_autofree char *text = NULL;

  clear_list (m->changes);
  if (result == NULL)
    {
      gtk_label_set_text (GTK_LABEL (m->summary), error->message);
      gtk_widget_set_sensitive (m->merge_button, FALSE);
      return;
    }
  diff = sm_diff_new (ours, result);
  for (guint i = 0; i < sm_diff_get_n_entries (diff); i++, n_changes++)
    {
      GtkWidget *row = _sm_change_row_new (sm_diff_get_entry (diff, i), result, ours);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (m->changes), row);
    }
  for (guint k = 0; k < SM_DIFF_N_KINDS; k++)
    n_changes += sm_diff_get_n_moved (diff, k);
  if (n_changes == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Nothing to change in this map"));
      gtk_list_box_append (GTK_LIST_BOX (m->changes), row);
    }
  for (guint i = 0; i < sm_merge_get_n_notes (m->merge); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sm_merge_get_note (m->merge, i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-information-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (m->changes), row);
    }

  /* TRANSLATORS: "5 changes to make in this map, 2 conflicts to choose" */
  {
    g_autofree char *changes = g_strdup_printf (
      ngettext ("%u change to make in this map", "%u changes to make in this map", n_changes), n_changes);
    g_autofree char *conflicts = g_strdup_printf (
      ngettext ("%u conflict to choose", "%u conflicts to choose", n_conflicts), n_conflicts);

    text = n_conflicts > 0 ? g_strdup_printf (_ ("%s; %s. Where both copies changed the same thing, this "
                                                 "map’s version is kept unless you choose theirs."),
                                              changes, conflicts)
                           : g_strdup_printf (_ ("%s, and no conflicts."), changes);
  }
  gtk_label_set_text (GTK_LABEL (m->summary), text);
  gtk_widget_set_sensitive (m->merge_button, n_changes > 0);
}

/* Lists the conflicts of a new SmMerge, with the current choices. */
static void
fill_conflicts (Merging *m)
{
  guint n_moves = 0;

  clear_list (m->conflicts);
  for (guint i = 0; i < sm_merge_get_n_conflicts (m->merge); i++)
    {
      SmMergeConflict *conflict = sm_merge_get_conflict (m->merge, i);

      if (sm_merge_conflict_is_move (conflict))
        n_moves++;
      else
        gtk_list_box_append (GTK_LIST_BOX (m->conflicts), conflict_row (m, conflict));
    }
  if (n_moves > 0)
    gtk_list_box_append (GTK_LIST_BOX (m->conflicts), moves_row (m, n_moves));
  gtk_widget_set_visible (m->conflicts_group, sm_merge_get_n_conflicts (m->merge) > 0);
}

static void
use_base (Merging *m,
          guint    index)
{
  Base *base = g_ptr_array_index (m->bases, index);

  m->base = index;
  g_clear_pointer (&m->merge, sm_merge_free);
  m->merge = sm_merge_new (base->map, sm_document_get_map (sm_window_get_document (m->window)), m->theirs);
  fill_conflicts (m);
  merging_refresh (m);
}

static void
base_selected_cb (AdwComboRow *row,
                  GParamSpec  *pspec,
                  Merging     *m)
{
  guint index = adw_combo_row_get_selected (row);

  if (index < m->bases->len && index != m->base)
    use_base (m, index);
}

/* The dialog */

static void
merging_closed_cb (Merging *m)
{
  m->closed = TRUE;
}

static void
merge_clicked_cb (Merging *m)
{
  SmDocument *document;
  g_autoptr(GError) error = NULL;
  SmCommand       *command;
  g_autofree char *toast = NULL;

  if (m->window == NULL)
    return;
  document = sm_window_get_document (m->window);
  command = sm_merge_build_command (m->merge, sm_document_get_map (document), &error);
  if (command == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Merge Changes From “%s”"), m->name);

      sm_window_show_error (m->window, heading, error->message);
      return;
    }
  sm_document_push (document, command);
  toast = g_strdup_printf (_ ("Merged changes from “%s”. Undo takes them back."), m->name);
  sm_window_show_toast (m->window, toast);
  gtk_window_destroy (GTK_WINDOW (m->dialog));
}

static GtkWidget *
group (const char *title,
       const char *description,
       GtkWidget **list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (*list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), *list);
  return box;
}

/* Another file as the common version, read in the background. */
static void
base_read_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GtkWidget *dialog = GTK_WIDGET (source);
  Merging   *m = g_object_get_data (G_OBJECT (dialog), "merging");
  GFile     *file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = _sm_window_read_map_finish (result, &file, &error);
  g_autofree char *name = g_file_get_basename (file);

  if (m == NULL || m->window == NULL || m->closed)
    return;
  if (map == NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("The common version “%s” could not be read: %s"), name,
                                               error->message);

      gtk_label_set_text (GTK_LABEL (m->summary), text);
      return;
    }
  g_ptr_array_add (m->bases, base_new (name, file, map));
  gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (m->base_row))), name);
  adw_combo_row_set_selected (ADW_COMBO_ROW (m->base_row), m->bases->len - 1);
}

static void
base_chosen (GFile   *file,
             gpointer data)
{
  _sm_window_read_map_async (data, file, NULL, base_read_done_cb, NULL);
}

static void
choose_base_cb (Merging *m)
{
  _sm_window_choose_map (m->window, GTK_WINDOW (m->dialog), _ ("Choose the Common Version"), _ ("_Choose"),
                         base_chosen, m->dialog);
}

static void
show_dialog (Merging *m)
{
  GtkWidget       *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget       *header = adw_header_bar_new ();
  GtkWidget       *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget       *scrolled = gtk_scrolled_window_new ();
  GtkWidget       *clamp = adw_clamp_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget       *bases_list = gtk_list_box_new ();
  GtkStringList   *labels = gtk_string_list_new (NULL);
  g_autofree char *title = g_strdup_printf (_ ("Merge Changes From “%s”"), m->name);
  guint            best = 0, best_distance = G_MAXUINT;
  GtkWidget       *changes_box;

  m->dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (m->dialog), title);
  gtk_window_set_transient_for (GTK_WINDOW (m->dialog), GTK_WINDOW (m->window));
  gtk_window_set_modal (GTK_WINDOW (m->dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (m->dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (m->dialog), 640, 680);
  g_object_set_data_full (G_OBJECT (m->dialog), "merging", m, (GDestroyNotify) merging_free);
  g_signal_connect_swapped (m->dialog, "destroy", G_CALLBACK (merging_closed_cb), m);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), m->dialog);
  m->merge_button = gtk_button_new_with_mnemonic (_ ("_Merge"));
  gtk_widget_add_css_class (m->merge_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), m->merge_button);
  g_signal_connect_swapped (m->merge_button, "clicked", G_CALLBACK (merge_clicked_cb), m);
  gtk_box_append (GTK_BOX (toolbar), header);

  /* The common version: the one named, or else the one nearest both
   * copies. */
  for (guint i = 0; i < m->bases->len; i++)
    {
      Base *base = g_ptr_array_index (m->bases, i);

      gtk_string_list_append (labels, base->label);
      if (m->named_base)
        best = 1;
      else if (i > 0)
        {
          guint d = distance (base->map, sm_document_get_map (sm_window_get_document (m->window))) +
                    distance (base->map, m->theirs);

          if (d < best_distance)
            best = i, best_distance = d;
        }
    }
  m->base_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (m->base_row), _ ("Common Version"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (m->base_row),
                               _ ("The copy both started from: what only one side changed is taken from it"));
  adw_combo_row_set_model (ADW_COMBO_ROW (m->base_row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  {
    GtkWidget *choose = gtk_button_new_with_mnemonic (_ ("C_hoose…"));

    gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (choose, _ ("Choose the file both copies started from"));
    g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_base_cb), m);
    adw_action_row_add_suffix (ADW_ACTION_ROW (m->base_row), choose);
  }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (bases_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (bases_list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (bases_list), m->base_row);
  gtk_box_append (GTK_BOX (box), bases_list);

  m->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (m->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (m->summary), 0);
  gtk_box_append (GTK_BOX (box), m->summary);

  m->conflicts_group = group (_ ("Conflicts"), _ ("Both copies changed these. Choose which to keep."), &m->conflicts);
  gtk_box_append (GTK_BOX (box), m->conflicts_group);
  changes_box = group (_ ("Changes to This Map"), NULL, &m->changes);
  gtk_box_append (GTK_BOX (box), changes_box);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (m->dialog), toolbar);

  m->base = G_MAXUINT;
  adw_combo_row_set_selected (ADW_COMBO_ROW (m->base_row), best);
  use_base (m, best);
  g_signal_connect (m->base_row, "notify::selected", G_CALLBACK (base_selected_cb), m);
  /* Read, then Enter merges; Escape cancels. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (m->dialog, keys);
  }
  gtk_window_set_default_widget (GTK_WINDOW (m->dialog), m->merge_button);
  gtk_window_present (GTK_WINDOW (m->dialog));
  gtk_widget_grab_focus (m->merge_button);
}

/* Reading the copies */

typedef struct
{
  GFile   *theirs;
  GFile   *ours;          /* nullable */
  gboolean ours_modified; /* the open map has changes since it was saved */
  GFile   *base;          /* nullable: the common version the caller named */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->theirs);
  g_clear_object (&data->ours);
  g_clear_object (&data->base);
  g_free (data);
}

/* FILE~, the version Save kept of @file, where it is a readable map. */
static Base *
backup_base (GFile   *file,
             gboolean ours)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *backup_path = path != NULL ? g_strconcat (path, "~", NULL) : NULL;
  g_autoptr(GFile) backup = backup_path != NULL ? g_file_new_for_path (backup_path) : NULL;
  g_autoptr(SmMap) map = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (backup == NULL || !g_file_query_exists (backup, NULL))
    return NULL;
  map = sm_format_load_file (backup, NULL, NULL);
  if (map == NULL)
    return NULL;
  name = g_file_get_basename (backup);
  /* TRANSLATORS: a common version to merge from: "map.stakemap~ (this map's backup)" */
  label = ours ? g_strdup_printf (_ ("%s (this map’s backup)"), name)
               : g_strdup_printf (_ ("%s (their copy’s backup)"), name);
  return base_new (label, backup, map);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData  *data = task_data;
  GError    *error = NULL;
  SmMap     *theirs = sm_format_load_file (data->theirs, cancellable, &error);
  GPtrArray *bases;
  Base      *base;

  if (theirs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  bases = g_ptr_array_new_with_free_func (base_free);
  g_ptr_array_add (bases, base_new (_ ("None: keep everything from both copies"), NULL, sm_map_new ()));
  g_object_unref (((Base *) g_ptr_array_index (bases, 0))->map);
  /* The file as last saved, when the map has changed since: the copy
   * handed out before this group's latest edits. */
  if (data->ours != NULL && data->ours_modified)
    {
      g_autoptr(SmMap) saved = sm_format_load_file (data->ours, cancellable, NULL);
      g_autofree char *name = g_file_get_basename (data->ours);
      g_autofree char *label = g_strdup_printf (_ ("%s (this map as last saved)"), name);

      if (saved != NULL)
        g_ptr_array_add (bases, base_new (label, data->ours, saved));
    }
  if ((base = backup_base (data->ours, TRUE)) != NULL)
    g_ptr_array_add (bases, base);
  if ((base = backup_base (data->theirs, FALSE)) != NULL)
    g_ptr_array_add (bases, base);
  /* A common version the caller named comes first after "none". */
  if (data->base != NULL)
    {
      g_autoptr(SmMap) map = sm_format_load_file (data->base, cancellable, &error);
      g_autofree char *name = g_file_get_basename (data->base);

      if (map == NULL)
        {
          g_prefix_error (&error, _ ("The common version “%s”: "), name);
          g_ptr_array_unref (bases);
          g_object_unref (theirs);
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_insert (bases, 1, base_new (name, data->base, map));
    }
  g_object_set_data_full (G_OBJECT (task), "bases", bases, (GDestroyNotify) g_ptr_array_unref);
  g_task_return_pointer (task, theirs, g_object_unref);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Merging *m = user_data;
  g_autoptr(GError) error = NULL;
  SmMap *theirs = g_task_propagate_pointer (G_TASK (result), &error);

  if (m->window == NULL)
    {
      g_clear_object (&theirs);
      merging_free (m);
      return;
    }
  if (theirs == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Merge Changes From “%s”"), m->name);

      sm_window_show_error (m->window, heading, error->message);
      merging_free (m);
      return;
    }
  m->theirs = theirs;
  m->bases = g_ptr_array_ref (g_object_get_data (G_OBJECT (result), "bases"));
  show_dialog (m);
}

/**
 * sm_window_merge_from:
 * @file: another copy of the map
 * @base: (nullable): the version both copies started from; %NULL to
 *   look for one beside the copies
 *
 * Reads @file in the background and opens the Merge Changes dialog.
 */
void
sm_window_merge_from (SmWindow *self,
                      GFile    *file,
                      GFile    *base)
{
  g_autoptr(GTask) task = NULL;
  Merging  *m;
  ReadData *data;

  g_return_if_fail (SM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  m = g_new0 (Merging, 1);
  g_set_weak_pointer (&m->window, self);
  m->file = g_object_ref (file);
  m->name = g_file_get_basename (file);
  data = g_new0 (ReadData, 1);
  data->theirs = g_object_ref (file);
  data->ours = sm_document_get_file (sm_window_get_document (self)) != NULL
                 ? g_object_ref (sm_document_get_file (sm_window_get_document (self)))
                 : NULL;
  task = g_task_new (NULL, NULL, read_done_cb, m);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  data->ours_modified = sm_document_get_modified (sm_window_get_document (self));
  data->base = base != NULL ? g_object_ref (base) : NULL;
  m->named_base = base != NULL;
  g_task_run_in_thread (task, read_thread);
}

/* Actions */

static void
merge_chosen (GFile   *file,
              gpointer data)
{
  sm_window_merge_from (SM_WINDOW (data), file, NULL);
}

static void
merge_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  _sm_window_choose_map (SM_WINDOW (widget), GTK_WINDOW (widget), _ ("Merge Changes From Another Copy"),
                         _ ("_Choose"), merge_chosen, widget);
}

void
_sm_window_class_merge_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.merge", NULL, merge_action);
}

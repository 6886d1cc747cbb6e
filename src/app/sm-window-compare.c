/* sm-window-compare.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-canvas.h"
#include "sm-change-row.h"
#include "sm-diff.h"
#include "sm-format.h"
#include "sm-window-private.h"

/* Compare With… (win.compare): another version of the map, chosen from a
 * file, drawn over this one. What was added since that version is marked,
 * what was removed is ghosted where it was, what changed is badged, and
 * a "Changes" page in the side panel lists every change; choosing one
 * selects it on the canvas and brings it into view. The map itself is
 * never touched: editing goes on as usual and the comparison follows it,
 * and leaving puts nothing on the history. */

struct _SmComparison
{
  GFile        *file;
  char         *name; /* the other version's file, as the user knows it */
  SmMap        *other;
  SmDiff       *diff;
  GCancellable *cancellable; /* the other version being read */

  GtkWidget *bar;
  GtkWidget *bar_label;
  GtkWidget *page; /* in the side stack while comparing */
  GtkWidget *list;
  char      *page_before; /* the side panel's page before comparing */

  gulong map_handler;
  guint  refresh;
  gint64 refresh_cost; /* how long the last comparison took, in µs */
};

/* A comparison that takes longer than a frame waits for a pause in the
 * editing (a drag moves the map many times a second), so a large map
 * stays smooth to edit while it is compared. */
#define SLOW_REFRESH_US 16000
#define REFRESH_AFTER_PAUSE_MS 250

static void leave (SmWindow *self);

/* Words */

static char *
summary_text (SmDiff *diff)
{
  guint added = 0, removed = 0, changed = 0, moved = 0;

  for (guint i = 0; i < sm_diff_get_n_entries (diff); i++)
    switch (sm_diff_entry_get_change (sm_diff_get_entry (diff, i)))
      {
      case SM_DIFF_ADDED:
        added++;
        break;
      case SM_DIFF_REMOVED:
        removed++;
        break;
      case SM_DIFF_CHANGED:
      default:
        changed++;
        break;
      }
  for (guint k = 0; k < SM_DIFF_N_KINDS; k++)
    moved += sm_diff_get_n_moved (diff, k);
  if (sm_diff_is_empty (diff))
    return g_strdup (_ ("no differences"));
  {
    guint    counts[4] = { added, removed, changed, moved };
    char    *parts[4];
    GString *text = g_string_new (NULL);

    /* TRANSLATORS: parts of "3 added, 2 removed, 1 changed, 5 moved" */
    parts[0] = g_strdup_printf (ngettext ("%u added", "%u added", added), added);
    parts[1] = g_strdup_printf (ngettext ("%u removed", "%u removed", removed), removed);
    parts[2] = g_strdup_printf (ngettext ("%u changed", "%u changed", changed), changed);
    parts[3] = g_strdup_printf (ngettext ("%u moved", "%u moved", moved), moved);
    for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
      {
        if (counts[i] > 0)
          {
            if (text->len > 0)
              /* TRANSLATORS: between the parts of "3 added, 2 removed" */
              g_string_append (text, _ (", "));
            g_string_append (text, parts[i]);
          }
        g_free (parts[i]);
      }
    return g_string_free (text, FALSE);
  }
}

/* Going to a change */

/* Where a change is drawn: the record now, or, removed, where the other
 * version had it. */
static gboolean
change_centre (SmWindow    *self,
               SmDiffEntry *entry,
               double      *x,
               double      *y)
{
  SmRenderer *renderer = sm_canvas_get_renderer (SM_CANVAS (self->canvas));
  SmMap      *map = sm_document_get_map (self->document);
  SmMap      *from = sm_diff_entry_get_change (entry) == SM_DIFF_REMOVED ? self->comparison->other : map;
  SmRecord   *record = sm_map_lookup (from, sm_diff_entry_get_id (entry));
  double      x0, y0, x1, y1, w, h;

  if (record == NULL)
    return FALSE;
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      if (from == map)
        return sm_renderer_get_position (renderer, record, x, y);
      return sm_stakeholder_get_position (record, x, y);
    case SM_RECORD_RELATIONSHIP:
      {
        SmRecord *s = sm_map_lookup (map, sm_relationship_get_source (record));
        SmRecord *t = sm_map_lookup (map, sm_relationship_get_target (record));

        if (s == NULL || !sm_renderer_get_position (renderer, s, &x0, &y0))
          {
            s = sm_map_lookup (self->comparison->other, sm_relationship_get_source (record));
            if (s == NULL || !sm_stakeholder_get_position (s, &x0, &y0))
              return FALSE;
          }
        if (t == NULL || !sm_renderer_get_position (renderer, t, &x1, &y1))
          {
            t = sm_map_lookup (self->comparison->other, sm_relationship_get_target (record));
            if (t == NULL || !sm_stakeholder_get_position (t, &x1, &y1))
              return FALSE;
          }
        *x = (x0 + x1) / 2, *y = (y0 + y1) / 2;
        return TRUE;
      }
    case SM_RECORD_ANNOTATION:
      if (from == map && sm_renderer_get_note_rect (renderer, record, &x0, &y0, &w, &h))
        {
          *x = x0 + w / 2, *y = y0 + h / 2;
          return TRUE;
        }
      if (!sm_record_has_value (record, "x") || !sm_record_has_value (record, "y"))
        return FALSE;
      *x = sm_record_get_number (record, "x", 0), *y = sm_record_get_number (record, "y", 0);
      return TRUE;
    case SM_RECORD_REGION:
      sm_region_get_rect (record, &x0, &y0, &w, &h);
      *x = x0 + w / 2, *y = y0 + h / 2;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  SmWindow      *self)
{
  SmComparison *cmp = self->comparison;
  int           index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "entry")) - 1;
  SmDiffEntry  *entry;
  SmSelection  *selection = sm_document_get_selection (self->document);
  SmMap        *map = sm_document_get_map (self->document);
  SmRecord     *record;
  double        scale, cx, cy, x, y;

  if (cmp == NULL || index < 0 || (guint) index >= sm_diff_get_n_entries (cmp->diff))
    return;
  entry = sm_diff_get_entry (cmp->diff, index);
  switch (sm_diff_entry_get_kind (entry))
    {
    case SM_DIFF_KIND_MAP:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-panel", "s", "map");
      return;
    case SM_DIFF_KIND_RESPONSE:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-panel", "s", "evaluation");
      return;
    default:
      break;
    }

  record = sm_diff_entry_get_change (entry) != SM_DIFF_REMOVED ? sm_map_lookup (map, sm_diff_entry_get_id (entry))
                                                               : NULL;
  self->keep_side_page = TRUE;
  if (record != NULL)
    sm_selection_select_only (selection, sm_diff_entry_get_id (entry));
  else
    sm_selection_clear (selection);
  self->keep_side_page = FALSE;
  /* The map is shown at the zoom it is, centred on the change. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->views), "map");
  if (change_centre (self, entry, &x, &y))
    {
      sm_canvas_get_view (SM_CANVAS (self->canvas), &scale, &cx, &cy);
      sm_canvas_set_view (SM_CANVAS (self->canvas), scale, x, y);
    }
}

/* The list */

static GtkWidget *
entry_row (SmWindow    *self,
           SmDiffEntry *entry,
           guint        index)
{
  GtkWidget *row = _sm_change_row_new (entry, sm_document_get_map (self->document), self->comparison->other);

  g_object_set_data (G_OBJECT (row), "entry", GINT_TO_POINTER (index + 1));
  return row;
}

static GtkWidget *
moved_row (SmDiff *diff)
{
  guint      stakeholders = sm_diff_get_n_moved (diff, SM_DIFF_KIND_STAKEHOLDER);
  guint      notes = sm_diff_get_n_moved (diff, SM_DIFF_KIND_ANNOTATION);
  guint      regions = sm_diff_get_n_moved (diff, SM_DIFF_KIND_REGION);
  GtkWidget *row;
  g_autoptr(GString) text = g_string_new (NULL);

  if (stakeholders + notes + regions == 0)
    return NULL;
  if (stakeholders > 0)
    g_string_append_printf (text,
                            ngettext ("%u stakeholder moved", "%u stakeholders moved",
                                      stakeholders),
                            stakeholders);
  if (notes > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%u note moved", "%u notes moved", notes), notes);
    }
  if (regions > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%u region moved", "%u regions moved", regions),
                              regions);
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Moved"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("view-fullscreen-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
fill_list (SmWindow *self)
{
  SmComparison    *cmp = self->comparison;
  GtkWidget       *child, *moved;
  g_autofree char *summary = summary_text (cmp->diff);
  g_autofree char *bar = NULL;

  while ((child = gtk_widget_get_first_child (cmp->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (cmp->list), child);
  for (guint i = 0; i < sm_diff_get_n_entries (cmp->diff); i++)
    gtk_list_box_append (GTK_LIST_BOX (cmp->list), entry_row (self, sm_diff_get_entry (cmp->diff, i), i));
  moved = moved_row (cmp->diff);
  if (moved != NULL)
    gtk_list_box_append (GTK_LIST_BOX (cmp->list), moved);

  /* TRANSLATORS: the bar over the map: "Comparing with “before.stakemap”: 3 added, …" */
  bar = g_strdup_printf (_ ("Comparing with “%s”: %s"), cmp->name, summary);
  gtk_label_set_text (GTK_LABEL (cmp->bar_label), bar);
}

/* The map changed while comparing: the comparison follows, once the
 * edit is done (on a large map, once the editing pauses). */
static gboolean
refresh_cb (gpointer user_data)
{
  SmWindow     *self = user_data;
  SmComparison *cmp = self->comparison;
  gint64        start = g_get_monotonic_time ();

  cmp->refresh = 0;
  g_clear_pointer (&cmp->diff, sm_diff_free);
  cmp->diff = sm_diff_new (cmp->other, sm_document_get_map (self->document));
  sm_canvas_set_compare (SM_CANVAS (self->canvas), cmp->diff, cmp->other);
  fill_list (self);
  cmp->refresh_cost = g_get_monotonic_time () - start;
  return G_SOURCE_REMOVE;
}

static void
map_changed_cb (SmWindow *self)
{
  SmComparison *cmp = self->comparison;

  if (cmp == NULL || cmp->diff == NULL)
    return;
  if (cmp->refresh_cost > SLOW_REFRESH_US)
    {
      g_clear_handle_id (&cmp->refresh, g_source_remove);
      cmp->refresh = g_timeout_add (REFRESH_AFTER_PAUSE_MS, refresh_cb, self);
    }
  else if (cmp->refresh == 0)
    cmp->refresh = g_idle_add (refresh_cb, self);
}

/* Starting and leaving */

static GtkWidget *
build_page (SmWindow *self)
{
  SmComparison *cmp = self->comparison;
  GtkWidget    *scrolled = gtk_scrolled_window_new ();
  GtkWidget    *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget    *heading = gtk_label_new (_ ("Changes since the other version"));
  GtkWidget    *hint = gtk_label_new (_ ("Choose a change to see it on the map."));
  GtkWidget    *leave_button = gtk_button_new_with_mnemonic (_ ("_Leave Comparison"));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  cmp->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (cmp->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (cmp->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cmp->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Changes since the other version"), -1);
  g_signal_connect (cmp->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave_button), "win.compare-leave");
  gtk_widget_set_halign (leave_button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), cmp->list);
  gtk_box_append (GTK_BOX (box), leave_button);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  return scrolled;
}

static GtkWidget *
build_bar (SmWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Leave Comparison"));

  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "compare-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Comparing versions"), -1);
  gtk_box_append (GTK_BOX (bar), gtk_image_new_from_icon_name ("view-dual-symbolic"));
  self->comparison->bar_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->comparison->bar_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->comparison->bar_label), 0);
  gtk_widget_set_hexpand (self->comparison->bar_label, TRUE);
  gtk_box_append (GTK_BOX (bar), self->comparison->bar_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.compare-leave");
  gtk_widget_set_tooltip_text (button, _ ("Stop showing the other version; the map stays as it is"));
  gtk_box_append (GTK_BOX (bar), button);
  return bar;
}

static void
comparison_free (SmComparison *cmp)
{
  if (cmp == NULL)
    return;
  g_cancellable_cancel (cmp->cancellable);
  g_clear_object (&cmp->cancellable);
  g_clear_handle_id (&cmp->refresh, g_source_remove);
  g_clear_pointer (&cmp->diff, sm_diff_free);
  g_clear_object (&cmp->other);
  g_clear_object (&cmp->file);
  g_free (cmp->name);
  g_free (cmp->page_before);
  g_free (cmp);
}

/* Shows @other over the map. Takes @other. */
static void
start (SmWindow *self,
       SmMap    *other)
{
  SmComparison *cmp = self->comparison;
  GtkWidget    *content;
  GtkStackPage *page;
  SmMap        *map = sm_document_get_map (self->document);

  cmp->other = other;
  cmp->diff = sm_diff_new (other, map);
  cmp->bar = build_bar (self);
  content = gtk_widget_get_parent (self->changed_bar);
  gtk_box_insert_child_after (GTK_BOX (content), cmp->bar, gtk_widget_get_prev_sibling (self->changed_bar));
  cmp->page = build_page (self);
  cmp->page_before = g_strdup (gtk_stack_get_visible_child_name (GTK_STACK (self->side_stack)));
  page = gtk_stack_add_titled (GTK_STACK (self->side_stack), cmp->page, "changes", _ ("Changes"));
  (void) page;
  fill_list (self);
  cmp->map_handler = g_signal_connect_swapped (map, "changed", G_CALLBACK (map_changed_cb), self);
  sm_canvas_set_compare (SM_CANVAS (self->canvas), cmp->diff, cmp->other);
  gtk_widget_set_visible (self->side, TRUE);
  gtk_stack_set_visible_child (GTK_STACK (self->side_stack), cmp->page);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->views), "map");
  _sm_window_update_actions (self);
}

static void
leave (SmWindow *self)
{
  SmComparison *cmp = g_steal_pointer (&self->comparison);

  if (cmp == NULL)
    return;
  if (cmp->map_handler != 0 && self->document != NULL)
    g_signal_handler_disconnect (sm_document_get_map (self->document), cmp->map_handler);
  if (self->canvas != NULL)
    sm_canvas_set_compare (SM_CANVAS (self->canvas), NULL, NULL);
  if (cmp->bar != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (cmp->bar)), cmp->bar);
  if (cmp->page != NULL)
    {
      gboolean shown = gtk_stack_get_visible_child (GTK_STACK (self->side_stack)) == cmp->page;

      gtk_stack_remove (GTK_STACK (self->side_stack), cmp->page);
      if (shown && cmp->page_before != NULL)
        gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), cmp->page_before);
    }
  comparison_free (cmp);
  _sm_window_update_actions (self);
}

void
_sm_window_compare_dispose (SmWindow *self)
{
  SmComparison *cmp = g_steal_pointer (&self->comparison);

  if (cmp == NULL)
    return;
  if (cmp->map_handler != 0 && self->document != NULL)
    g_signal_handler_disconnect (sm_document_get_map (self->document), cmp->map_handler);
  comparison_free (cmp);
}

/* Reading and choosing another version (shared with sm-window-merge.c) */

static void
read_map_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  SmMap  *map = sm_format_load_file (task_data, cancellable, &error);

  if (map == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, map, g_object_unref);
}

/* Reads the map in @file on a worker; @callback gets @source and calls
 * _sm_window_read_map_finish(). */
void
_sm_window_read_map_async (gpointer            source,
                           GFile              *file,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_map_thread);
}

SmMap *
_sm_window_read_map_finish (GAsyncResult *result,
                            GFile       **file,
                            GError      **error)
{
  if (file != NULL)
    *file = g_task_get_task_data (G_TASK (result));
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  SmWindowMapChosen chosen;
  gpointer          data;
} Choosing;

static void
choose_map_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Choosing        *choosing)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        choosing->chosen (file, choosing->data);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_free (choosing);
}

/* Asks for another version of @self's map, starting in its folder, and
 * hands the file chosen to @chosen. */
void
_sm_window_choose_map (SmWindow         *self,
                       GtkWindow        *parent,
                       const char       *title,
                       const char       *accept,
                       SmWindowMapChosen chosen,
                       gpointer          data)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter        *maps = gtk_file_filter_new ();
  GFile                *current = sm_document_get_file (self->document);
  Choosing             *choosing = g_new0 (Choosing, 1);

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, accept, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (maps, _ ("Stakemap Maps"));
  gtk_file_filter_add_pattern (maps, "*.stakemap");
  /* The backups Save keeps are versions too. */
  gtk_file_filter_add_pattern (maps, "*.stakemap~");
  gtk_file_filter_add_mime_type (maps, "application/x-stakemap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), maps);
  g_object_unref (maps);
  /* Other versions usually sit beside this one. */
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  choosing->chosen = chosen;
  choosing->data = data;
  g_signal_connect (chooser, "response", G_CALLBACK (choose_map_response_cb), choosing);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SmWindow *self = SM_WINDOW (source);
  g_autoptr(GError) error = NULL;
  SmMap *other = _sm_window_read_map_finish (result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->comparison == NULL ||
      self->comparison->cancellable != g_task_get_cancellable (G_TASK (result)))
    {
      g_clear_object (&other);
      return;
    }
  if (other == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Compare With “%s”"), self->comparison->name);

      leave (self);
      sm_window_show_error (self, heading, error->message);
      return;
    }
  start (self, other);
}

/**
 * sm_window_compare_with:
 * @file: another version of the map
 *
 * Reads @file in the background and shows it over the map, leaving any
 * comparison shown before.
 */
void
sm_window_compare_with (SmWindow *self,
                        GFile    *file)
{
  SmComparison *cmp;

  g_return_if_fail (SM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  leave (self);
  cmp = self->comparison = g_new0 (SmComparison, 1);
  cmp->file = g_object_ref (file);
  cmp->name = g_file_get_basename (file);
  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                    G_FILE_QUERY_INFO_NONE, NULL, NULL);

    if (info != NULL)
      {
        g_free (cmp->name);
        cmp->name = g_strdup (g_file_info_get_display_name (info));
      }
  }
  cmp->cancellable = g_cancellable_new ();
  _sm_window_read_map_async (self, file, cmp->cancellable, read_done_cb, NULL);
}

gboolean
sm_window_get_comparing (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);
  return self->comparison != NULL && self->comparison->diff != NULL;
}

/* The other version while one is shown over the map, for pictures that
 * show what the screen shows; NULL otherwise. */
SmMap *
sm_window_get_compare_other (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return sm_window_get_comparing (self) ? self->comparison->other : NULL;
}

const char *
sm_window_get_compare_name (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->comparison != NULL ? self->comparison->name : NULL;
}

/* Actions */

static void
compare_chosen (GFile   *file,
                gpointer data)
{
  sm_window_compare_with (SM_WINDOW (data), file);
}

static void
compare_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  _sm_window_choose_map (SM_WINDOW (widget), GTK_WINDOW (widget), _ ("Compare With Another Version"),
                         _ ("_Compare"), compare_chosen, widget);
}

static void
compare_leave_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  leave (SM_WINDOW (widget));
}

void
_sm_window_class_compare_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.compare-leave", NULL, compare_leave_action);
}

/* Test hooks */

GtkWidget *
_sm_window_test_get_compare_list (SmWindow *self)
{
  return self->comparison != NULL ? self->comparison->list : NULL;
}

const char *
_sm_window_test_get_compare_bar_text (SmWindow *self)
{
  return self->comparison != NULL && self->comparison->bar_label != NULL
           ? gtk_label_get_text (GTK_LABEL (self->comparison->bar_label))
           : NULL;
}

/* As if comparing took longer than a frame, as on a large map. */
void
_sm_window_test_set_compare_slow (SmWindow *self)
{
  g_return_if_fail (self->comparison != NULL);

  self->comparison->refresh_cost = G_MAXINT64;
}

/* sm-window-actions.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-canvas.h"
#include "sm-evaluation-panel.h"
#include "sm-export-dialog-private.h"
#include "sm-layout.h"
#include "sm-render.h"
#include "sm-report.h"
#include "sm-window-private.h"
#include "sm-window-tidy.h"

/* The window's win.* actions, their shortcuts, and when they are enabled:
 * what the header bar, the menus and the keyboard ask the window to do. */

void
_sm_window_update_actions (SmWindow *self)
{
  SmHistory       *history = sm_document_get_history (self->document);
  gboolean         editable = !sm_document_get_read_only (self->document) && !self->presenting;
  g_autofree char *undo_title = sm_history_dup_undo_title (history);
  g_autofree char *redo_title = sm_history_dup_redo_title (history);
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", editable && sm_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", editable && sm_history_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-stakeholder", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-note", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-region", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-rings", editable);
  /* In front of the room, the map is all there is. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view", !self->presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-side", !self->presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-panel", !self->presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", !self->presenting && self->guide == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-leave", self->comparison != NULL);
  /* A workshop edits the map in front of the group: not while presenting
   * or comparing, and those wait until it is left. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop",
                                 editable && self->comparison == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-leave", self->guide != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", self->guide == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-go", self->guide != NULL);
  if (self->guide == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-back", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-next", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop-skip", FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tidy-up",
                                 editable && sm_collection_get_size (sm_map_get_stakeholders (
                                               sm_document_get_map (self->document))) >= 2);

  /* The tooltip says what would be undone: "Undo Move". */
  undo_tip = undo_title != NULL ? g_strdup_printf (_ ("Undo %s"), undo_title) : g_strdup (_ ("Undo"));
  redo_tip = redo_title != NULL ? g_strdup_printf (_ ("Redo %s"), redo_title) : g_strdup (_ ("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
}

/* What an export dialog offered, until it answers: the kind of file
 * each filter stands for, and the name it suggested. */
typedef struct
{
  SmWindow      *window;
  GtkFileFilter *pdf;
  GtkFileFilter *html;
  char          *offered_name;
} ExportRequest;

static void
export_request_free (gpointer  data,
                     GClosure *closure)
{
  ExportRequest *request = data;

  g_clear_object (&request->pdf);
  g_clear_object (&request->html);
  g_free (request->offered_name);
  g_free (request);
}

static void
export_report_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           ExportRequest   *request)
{
  SmWindow *self = request->window;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
      g_autofree char *name = g_file_get_basename (chosen);
      GtkFileFilter   *filter = gtk_file_chooser_get_filter (chooser);
      const char      *choice = gtk_file_chooser_get_choice (chooser, "style");
      const char      *kind = filter == NULL            ? NULL
                              : filter == request->pdf  ? "pdf"
                              : filter == request->html ? "html"
                                                        : NULL;
      const char      *offered = request->offered_name;
      SmReportStyle    style = SM_REPORT_FULL;
      g_autoptr(GFile) file = NULL;

      sm_report_style_from_string (choice, &style);
      /* An ending the user typed decides. Otherwise the kind of file picked
       * in the dialog does, and the name gets its ending: "Web Pages" with
       * the offered "….pdf" name writes "….html". */
      if (sm_report_format_for_path (name, NULL) && (kind == NULL || g_strcmp0 (name, offered) != 0))
        file = g_object_ref (chosen);
      else
        {
          gboolean html = g_strcmp0 (kind, "html") == 0;
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *stem = sm_report_format_for_path (name, NULL)
                                    ? g_strndup (name, strrchr (name, '.') - name)
                                    : g_strdup (name);
          g_autofree char *full = g_strconcat (stem, html ? ".html" : ".pdf", NULL);

          file = g_file_get_child (parent, full);
        }
      sm_window_export_report (self, file, style);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SmWindow             *self = SM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) html = gtk_file_filter_new ();
  g_autofree char *title = sm_document_dup_display_title (self->document);
  g_autofree char *base = g_str_has_suffix (title, ".stakemap")
                            ? g_strndup (title, strlen (title) - strlen (".stakemap"))
                            : g_strdup (title);
  /* TRANSLATORS: the file name offered for a report; %s is the map's title */
  g_autofree char *name = g_strdup_printf (_ ("%s — evaluation.pdf"), base);
  const char      *style_ids[] = { "full", "plain", "easy-read", NULL };
  const char      *style_labels[] = { _ ("Full"), _ ("Plain language"), _ ("Easy read"), NULL };
  GFile           *file = sm_document_get_file (self->document);
  ExportRequest   *request;

  dialog = gtk_file_chooser_native_new (_ ("Export Evaluation Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (pdf, _ ("PDF Documents"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_filter_set_name (html, _ ("Web Pages"));
  gtk_file_filter_add_pattern (html, "*.html");
  gtk_file_filter_add_pattern (html, "*.htm");
  gtk_file_filter_add_mime_type (html, "text/html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), html);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "style", _ ("Version"), style_ids, style_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "style", "full");
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  request = g_new0 (ExportRequest, 1);
  request->window = self;
  request->pdf = g_object_ref (pdf);
  request->html = g_object_ref (html);
  request->offered_name = g_strdup (name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (export_report_response_cb), request,
                         export_request_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Ctrl+Z in a text field undoes the typing there first, as everywhere in
 * GNOME; elsewhere it undoes the last change to the map. */
static gboolean
forward_to_text (SmWindow   *self,
                 const char *action)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_TEXT (w) || GTK_IS_TEXT_VIEW (w))
      return gtk_widget_activate_action (w, action, NULL);
  return FALSE;
}

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  if (!forward_to_text (self, "text.undo"))
    sm_history_undo (sm_document_get_history (self->document));
}

static void
redo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  if (!forward_to_text (self, "text.redo"))
    sm_history_redo (sm_document_get_history (self->document));
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  _sm_window_save (SM_WINDOW (widget), FALSE);
}

static void
reload_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  _sm_window_ask_to_reload (SM_WINDOW (widget));
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  _sm_window_keep_mine (SM_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  _sm_window_save_as (SM_WINDOW (widget), FALSE);
}

static void
save_anonymised_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  _sm_window_save_anonymised (SM_WINDOW (widget));
}

static void
show_view (SmWindow   *self,
           const char *view)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->views), view);
}

static void
add_stakeholder_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  show_view (self, "map");
  /* Stakeholders are placed on the map, not in a computed arrangement. */
  sm_canvas_set_arrangement (SM_CANVAS (self->canvas), "map");
  sm_canvas_add_stakeholder (SM_CANVAS (self->canvas));
}

/* Notes stand where the group put them, on the map. */
static void
add_note_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  show_view (self, "map");
  sm_canvas_set_arrangement (SM_CANVAS (self->canvas), "map");
  sm_canvas_add_note (SM_CANVAS (self->canvas));
}

/* Regions, like notes, are drawn where the group put them, on the map. */
static void
add_region_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  show_view (self, "map");
  sm_canvas_set_arrangement (SM_CANVAS (self->canvas), "map");
  if (g_str_equal (name, "win.add-rings"))
    sm_canvas_add_rings (SM_CANVAS (self->canvas));
  else
    sm_canvas_add_region (SM_CANVAS (self->canvas));
}

/* Tidy Up moves the selected stakeholders and keeps the others where they
 * are; with no stakeholder selected, it moves everyone. The result is
 * shown on the map, where positions are. A map of thousands is tidied in
 * the background (sm-window-tidy.c). */
static void
tidy_up_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  SmWindow     *self = SM_WINDOW (widget);
  SmMap        *map = sm_document_get_map (self->document);
  SmCollection *people = sm_map_get_stakeholders (map);
  g_autoptr(GPtrArray) selected = sm_selection_dup_records (sm_document_get_selection (self->document),
                                                             SM_RECORD_STAKEHOLDER);
  g_autoptr(GHashTable) pinned = g_hash_table_new (NULL, NULL);
  g_autoptr(SmRenderer) renderer = NULL;
  g_autofree SmLayoutBox *boxes = NULL;
  SmCommand              *command;

  if (sm_document_get_read_only (self->document) || _sm_window_test_get_tidying (self))
    return;
  if (selected->len > 0)
    {
      for (guint i = 0; i < sm_collection_get_size (people); i++)
        g_hash_table_add (pinned, sm_collection_get (people, i));
      for (guint i = 0; i < selected->len; i++)
        g_hash_table_remove (pinned, g_ptr_array_index (selected, i));
    }
  renderer = sm_renderer_new (map);
  boxes = sm_renderer_dup_layout_boxes (renderer);
  show_view (self, "map");
  sm_canvas_set_arrangement (SM_CANVAS (self->canvas), "map");
  if (sm_collection_get_size (people) > SM_WINDOW_TIDY_IN_BACKGROUND)
    {
      _sm_window_tidy_in_background (self, pinned, g_steal_pointer (&boxes));
      return;
    }
  command = sm_layout_tidy_command_new (map, pinned, boxes);
  if (command == NULL)
    return;
  sm_document_push (self->document, command);
  /* The whole map moved, maybe far from the view: show all of it. */
  if (selected->len == 0)
    sm_canvas_zoom_to_fit (SM_CANVAS (self->canvas));
}

static void
tidy_up_cancel_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  _sm_window_tidy_cancel (SM_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  SmCanvas *canvas = SM_CANVAS (self->canvas);

  show_view (self, "map");
  if (g_str_equal (name, "win.zoom-in"))
    sm_canvas_zoom_in (canvas);
  else if (g_str_equal (name, "win.zoom-out"))
    sm_canvas_zoom_out (canvas);
  else if (g_str_equal (name, "win.zoom-reset"))
    sm_canvas_zoom_reset (canvas);
  else
    sm_canvas_zoom_to_fit (canvas);
}

static void
view_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  show_view (SM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* "win.show-stakeholder" with an id: that stakeholder selected, in the
 * middle of the map, so two with one name can be told apart. */
static void
show_stakeholder_action (GtkWidget  *widget,
                         const char *name,
                         GVariant   *parameter)
{
  SmWindow   *self = SM_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (sm_map_lookup_kind (sm_document_get_map (self->document), SM_RECORD_STAKEHOLDER, id) == NULL)
    return;
  show_view (self, "map");
  sm_selection_select_only (sm_document_get_selection (self->document), id);
  sm_canvas_centre_on (SM_CANVAS (self->canvas), id);
}

static void
toggle_side_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  gtk_widget_set_visible (self->side, !gtk_widget_get_visible (self->side));
}

static void
show_panel_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  gtk_widget_set_visible (self->side, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), g_variant_get_string (parameter, NULL));
  /* Asked for by shortcut or menu, the evaluation is read from the
   * keyboard next: the focus goes to its cards. */
  if (g_str_equal (g_variant_get_string (parameter, NULL), "evaluation"))
    gtk_widget_grab_focus (self->evaluation);
}

void
_sm_window_class_actions_init (SmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-anonymised", NULL, save_anonymised_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.add-stakeholder", NULL, add_stakeholder_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "win.add-region", NULL, add_region_action);
  gtk_widget_class_install_action (widget_class, "win.add-rings", NULL, add_region_action);
  gtk_widget_class_install_action (widget_class, "win.tidy-up", NULL, tidy_up_action);
  gtk_widget_class_install_action (widget_class, "win.tidy-up-cancel", NULL, tidy_up_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-side", NULL, toggle_side_action);
  gtk_widget_class_install_action (widget_class, "win.show-stakeholder", "s", show_stakeholder_action);
  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);
  _sm_window_class_export_init (widget_class);
  _sm_window_class_present_init (widget_class);
  _sm_window_class_compare_init (widget_class);
  _sm_window_class_merge_init (widget_class);
  _sm_window_class_workshop_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s", "table");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.show-panel", "s", "evaluation");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "win.add-stakeholder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.tidy-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.tidy-up", NULL);
}

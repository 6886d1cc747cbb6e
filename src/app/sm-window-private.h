/* sm-window-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-autosave.h"
#include "sm-exporter.h"
#include "sm-window.h"
#include "sm-workshop.h"

G_BEGIN_DECLS

typedef struct _SmPresentation SmPresentation;
typedef struct _SmComparison   SmComparison;
typedef struct _SmGuide        SmGuide;

/* The window's insides, shared by sm-window.c (files, the report,
 * construction) and sm-window-actions.c (the win.* actions). */

struct _SmWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkWidget *title;
  GtkWidget *undo_button;
  GtkWidget *redo_button;
  GtkWidget *toasts;
  GtkWidget *views;
  GtkWidget *map_page;
  GtkWidget *map_overlay;
  GtkWidget *zoom_bar;
  GtkWidget *zoom_label;
  GtkWidget *legend_button;
  GtkWidget *arrangement_button;
  GtkWidget *side;
  GtkWidget *side_stack;
  GtkWidget *read_only_bar;
  GtkWidget *changed_bar;
  GtkWidget *report_bar;
  GtkWidget *report_label;
  GtkWidget *report_bar_progress;
  GtkWidget *report_cancel;
  GtkWidget *tidy_bar;
  GtkWidget *tidy_label;
  GtkWidget *tidy_bar_progress;
  GMenu     *recent_submenu;
  GMenu     *arrangement_submenu;

  /* Views of the document, made by sm_window_new() */
  GtkWidget *canvas;
  GtkWidget *legend_dock;
  GtkWidget *table;
  GtkWidget *table_page; /* the table's place; it is made when first shown */
  GtkWidget *inspector;
  GtkWidget *map_panel;
  GtkWidget *evaluation;

  /* State */
  SmDocument   *document;
  SmAutosave   *autosave;
  GFileMonitor *monitor;
  gboolean      close_confirmed;
  gboolean      close_after_keeping; /* a close asked to save, and met a change on disk */

  /* Presentation mode (sm-window-present.c): nothing is edited. */
  gboolean        presenting;
  SmPresentation *presentation;

  /* Another version shown over the map (sm-window-compare.c). */
  SmComparison *comparison;

  /* The guided workshop, when one is running (sm-window-workshop.c). */
  SmGuide *guide;

  /* The side panel follows the selection to the Selection page, except
   * while a page of its own selects (a change or a finding's evidence). */
  gboolean keep_side_page;

  /* The report being made in the background, if any. */
  GCancellable *report_cancellable;
  SmProgress   *report_progress;
  char         *report_name;
  gint64        report_started;
  guint         report_poll;

  AdwToast *last_toast; /* the toast shown last, for the tests */
};

/* sm-window.c */
void     _sm_window_save (SmWindow *self,
                          gboolean  then_close);
void     _sm_window_save_as (SmWindow *self,
                             gboolean  then_close);
gboolean _sm_window_keep_mine (SmWindow *self);
void     _sm_window_hide_work_bar (SmWindow  *self,
                                   GtkWidget *bar);
void     _sm_window_add_toast (SmWindow *self,
                               AdwToast *toast);
void     _sm_window_ask_to_reload (SmWindow *self);

/* sm-window-anonymise.c */
void     _sm_window_save_anonymised (SmWindow *self);
gboolean _sm_window_save_anonymised_to (SmWindow         *self,
                                        GFile            *file,
                                        const SmExporter *exporter);

/* sm-window-actions.c */
void _sm_window_class_actions_init (SmWindowClass *klass);
void _sm_window_update_actions (SmWindow *self);

/* sm-window-present.c */
void     _sm_window_class_present_init (GtkWidgetClass *widget_class);
void     _sm_window_present_init (SmWindow *self);
void     _sm_window_present_dispose (SmWindow *self);
gboolean _sm_window_present_key (SmWindow       *self,
                                 guint           keyval,
                                 GdkModifierType state);

/* sm-window-compare.c */
void _sm_window_class_compare_init (GtkWidgetClass *widget_class);
void _sm_window_compare_dispose (SmWindow *self);
typedef void (*SmWindowMapChosen) (GFile   *file,
                                   gpointer data);
void   _sm_window_choose_map (SmWindow         *self,
                              GtkWindow        *parent,
                              const char       *title,
                              const char       *accept,
                              SmWindowMapChosen chosen,
                              gpointer          data);
void   _sm_window_read_map_async (gpointer            source,
                                  GFile              *file,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
SmMap *_sm_window_read_map_finish (GAsyncResult *result,
                                   GFile       **file,
                                   GError      **error);

/* sm-window-merge.c */
void _sm_window_class_merge_init (GtkWidgetClass *widget_class);

/* sm-window-workshop.c */
void _sm_window_class_workshop_init (GtkWidgetClass *widget_class);
void _sm_window_workshop_dispose (SmWindow *self);

/* Test hooks */
const char    *_sm_window_test_get_present_caption (SmWindow *self);
GtkWidget     *_sm_window_test_get_compare_list (SmWindow *self);
const char    *_sm_window_test_get_compare_bar_text (SmWindow *self);
void           _sm_window_test_set_compare_slow (SmWindow *self);
guint          _sm_window_test_get_present_steps (SmWindow *self);
gboolean       _sm_window_test_get_exporting (SmWindow *self);
GtkWidget     *_sm_window_test_get_report_bar (SmWindow *self);
GtkWidget     *_sm_window_test_get_report_cancel (SmWindow *self);
AdwToast      *_sm_window_test_get_last_toast (SmWindow *self);
void           _sm_window_test_set_anonymised_file (SmWindow *self,
                                                    GFile    *file);
SmWorkshopStep _sm_window_test_get_workshop_step (SmWindow *self);
GtkWidget     *_sm_window_test_get_workshop_controls (SmWindow *self);
GtkWidget     *_sm_window_test_get_workshop_focus (SmWindow *self);

G_END_DECLS

/* sm-window-workshop-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sm-window-private.h"
#include "sm-workshop.h"

G_BEGIN_DECLS

/* The workshop's state, shared by sm-window-workshop.c (the bar, the
 * page, moving between steps) and sm-workshop-steps.c (each step's own
 * controls). */

#define MAX_ROWS 200 /* rows a step lists; the table has the rest */

typedef enum
{
  BOUND_SCORE, /* a spin button: a score, set at once */
  BOUND_ENUM,  /* a drop-down: one of field values */
  BOUND_GOAL,  /* a drop-down: a position on one goal */
} BoundKind;

typedef struct
{
  SmRecord          *record;
  char              *path;
  char              *goal;
  BoundKind          kind;
  const char *const *values;
  GtkWidget         *widget;
  gulong             handler;
  struct _SmGuide   *guide;
} Bound;

struct _SmGuide
{
  SmWindow  *window;
  SmWorkshop state;

  GtkWidget *bar;
  GtkWidget *bar_label;
  GtkWidget *bar_task; /* what to do, when the Workshop page is not in view */
  GtkWidget *page;
  GtkWidget *steps_box;
  GtkWidget *title_label;
  GtkWidget *task_label;
  GtkWidget *progress_label;
  GtkWidget *controls;
  GtkWidget *focus;       /* outlined: where to work */
  GtkWidget *name_entry;  /* keeps its text and focus when the step is rebuilt */
  GtkWidget *first_entry; /* where the step starts */
  GtkWidget *link_kind;
  GtkWidget *link_from;
  GtkWidget *link_to;
  GtkWidget *goal_choice;

  GPtrArray  *bound;
  GHashTable *keyed; /* name → control, to give the focus back after a rebuild */
  GPtrArray  *ids;   /* the stakeholders the link drop-downs list */
  guint       built_sizes[SM_RECORD_LAST + 1];
  guint       built_goals;
  char       *goal;          /* the goal whose positions are shown */
  char       *link_category; /* the kind of tie being drawn */
  char       *from_id;       /* the ends chosen for the next link */
  char       *to_id;

  char  *page_before;
  char  *arrangement_before;
  gulong map_handler;
  gulong page_handler;
  guint  refresh;
};

static inline SmMap *
guide_map (SmWindow *self)
{
  return sm_document_get_map (self->document);
}

static inline void
push (SmWindow  *self,
      SmCommand *command)
{
  if (command != NULL)
    sm_document_push (self->document, command);
}

/* sm-window-workshop.c */
void _sm_workshop_build_step (SmWindow *self);

/* sm-workshop-steps.c */
void       _sm_workshop_bound_free (gpointer data);
void       _sm_workshop_bound_show (gpointer data);
void       _sm_workshop_set_focus (SmWindow  *self,
                                   GtkWidget *widget);
GtkWidget *_sm_workshop_new_list (void);
GtkWidget *_sm_workshop_new_row (const char *title,
                                 const char *subtitle);
GtkWidget *_sm_workshop_heading (const char *text);
void       _sm_workshop_question_apply (GtkEditable *entry,
                                        SmWindow    *self);
void       _sm_workshop_build_question (SmWindow *self);
void       _sm_workshop_build_who (SmWindow *self);
void       _sm_workshop_build_links (SmWindow *self);
void       _sm_workshop_build_influence (SmWindow *self);
void       _sm_workshop_build_goals (SmWindow *self);
void       _sm_workshop_build_power (SmWindow *self);
void       _sm_workshop_build_evaluation (SmWindow *self);

G_END_DECLS

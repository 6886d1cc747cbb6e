/* sm-principle-card.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sm-evaluation-status.h"
#include "sm-principle-card.h"

/* A principle at a glance: the fixed parts in the template, the words
 * from each new evaluation, updated in place so focus stays on the card. */

struct _SmPrincipleCard
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *status;
  GtkWidget *level;
  GtkWidget *checks;
  GtkWidget *finding;
  GtkWidget *previous;

  /* State */
  guint index; /* 0 for P1 */
};

G_DEFINE_FINAL_TYPE (SmPrincipleCard, sm_principle_card, GTK_TYPE_LIST_BOX_ROW)

enum
{
  PROP_0,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The finding a card leads with: the most pressing, in lens order. */
static SmRuleResult *
top_finding (SmEvaluation *evaluation,
             const char   *principle)
{
  static const SmRuleStatus rank[] = {
    SM_RULE_FAIL,
    SM_RULE_WARN,
    SM_RULE_INFO,
    SM_RULE_INSUFFICIENT_DATA,
    SM_RULE_PASS,
  };
  GPtrArray *order = evaluation->order;

  for (guint k = 0; k < G_N_ELEMENTS (rank); k++)
    for (guint i = 0; i < order->len; i++)
      {
        SmRuleResult *r = g_ptr_array_index (order, i);

        if (r->status == rank[k] && g_str_equal (sm_rule_def_get_principle (r->rule), principle))
          return r;
      }
  return NULL;
}

/**
 * sm_principle_card_update:
 * @evaluation: the evaluation shown
 *
 * Shows how this card's principle stands in @evaluation.
 */
void
sm_principle_card_update (SmPrincipleCard *self,
                          SmEvaluation    *evaluation)
{
  SmPrincipleResult *pr;
  SmRuleResult      *top;
  const char        *word;
  g_autofree char   *title = NULL;
  g_autofree char   *status = NULL;
  g_autofree char   *checks = NULL;
  g_autofree char   *a11y = NULL;

  g_return_if_fail (SM_IS_PRINCIPLE_CARD (self));
  g_return_if_fail (evaluation != NULL);

  pr = &evaluation->principles[self->index];
  top = top_finding (evaluation, pr->id);
  word = sm_principle_status_to_label (pr->status);
  title = g_strdup_printf (_ ("%s · %s"), pr->id, pr->name);

  _sm_status_image_set (self->icon, _sm_principle_status_icon (pr->status), _sm_principle_status_css (pr->status), word);
  gtk_label_set_label (GTK_LABEL (self->title), title);
  status = _sm_principle_status_dup_text (pr);
  gtk_label_set_label (GTK_LABEL (self->status), status);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->level), isnan (pr->score) ? 0 : pr->score);
  gtk_widget_set_visible (self->level, !isnan (pr->score));

  checks = sm_principle_result_dup_checks_text (evaluation, self->index);
  gtk_label_set_label (GTK_LABEL (self->checks), checks);
  gtk_label_set_label (GTK_LABEL (self->finding), top != NULL ? top->message : NULL);
  gtk_widget_set_visible (self->finding, top != NULL && top->message != NULL);

  /* §7.5: "was Partly met on 2026-01-10" when it has changed since the
   * results recorded at the previous snapshot of the map. */
  if (pr->previous_status >= 0 && pr->previous_status != (int) pr->status && pr->previous_date != NULL)
    {
      g_autofree char *was = g_strdup_printf (_ ("Was %s on %s"),
                                              sm_principle_status_to_label (pr->previous_status),
                                              pr->previous_date);

      gtk_label_set_label (GTK_LABEL (self->previous), was);
      gtk_widget_set_visible (self->previous, TRUE);
    }
  else
    gtk_widget_set_visible (self->previous, FALSE);

  a11y = g_strdup_printf (_ ("%s: %s. %s"), pr->name, status, checks);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, top != NULL ? top->message : "",
                                  -1);
}

static void
sm_principle_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SmPrincipleCard *self = SM_PRINCIPLE_CARD (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_principle_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SmPrincipleCard *self = SM_PRINCIPLE_CARD (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_principle_card_class_init (SmPrincipleCardClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sm_principle_card_get_property;
  object_class->set_property = sm_principle_card_set_property;

  /* Which principle: 0 for P1 … 6 for P7. */
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, SM_N_PRINCIPLES - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-principle-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, icon);
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, title);
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, status);
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, level);
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, checks);
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, finding);
  gtk_widget_class_bind_template_child (widget_class, SmPrincipleCard, previous);
}

static void
sm_principle_card_init (SmPrincipleCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _sm_score_bar_init (self->level);
}

/* @index: 0 for P1 … 6 for P7 */
GtkWidget *
sm_principle_card_new (guint index)
{
  g_return_val_if_fail (index < SM_N_PRINCIPLES, NULL);

  return g_object_new (SM_TYPE_PRINCIPLE_CARD, "index", index, NULL);
}

guint
sm_principle_card_get_index (SmPrincipleCard *self)
{
  g_return_val_if_fail (SM_IS_PRINCIPLE_CARD (self), 0);
  return self->index;
}

/* "Not met — high confidence": the status as the card words it. */
const char *
sm_principle_card_get_status_text (SmPrincipleCard *self)
{
  g_return_val_if_fail (SM_IS_PRINCIPLE_CARD (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->status));
}

/* "Was Partly met on …", or NULL when the card does not show it. */
const char *
sm_principle_card_get_previous_text (SmPrincipleCard *self)
{
  g_return_val_if_fail (SM_IS_PRINCIPLE_CARD (self), NULL);
  if (!gtk_widget_get_visible (self->previous))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->previous));
}

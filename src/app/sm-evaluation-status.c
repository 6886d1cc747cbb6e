/* sm-evaluation-status.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-evaluation-status.h"

/* Status words, icons and style classes shared by the panel, the
 * principle cards and the findings, so a status looks the same
 * wherever it shows. */

/* Words and icons: never colour alone (§4, §8.7). */

const char *
_sm_rule_status_icon (SmRuleStatus status)
{
  switch (status)
    {
    case SM_RULE_PASS:
      return "emblem-ok-symbolic";
    case SM_RULE_WARN:
      return "dialog-warning-symbolic";
    case SM_RULE_FAIL:
      return "dialog-error-symbolic";
    case SM_RULE_NOT_APPLICABLE:
      return "action-unavailable-symbolic";
    case SM_RULE_INSUFFICIENT_DATA:
      return "dialog-question-symbolic";
    case SM_RULE_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
_sm_rule_status_css (SmRuleStatus status)
{
  switch (status)
    {
    case SM_RULE_PASS:
      return "success";
    case SM_RULE_WARN:
      return "warning";
    case SM_RULE_FAIL:
      return "error";
    default:
      return "dim-label";
    }
}

const char *
_sm_principle_status_icon (SmPrincipleStatus status)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      return "emblem-ok-symbolic";
    case SM_PRINCIPLE_PARTLY_MET:
      return "dialog-warning-symbolic";
    case SM_PRINCIPLE_NOT_MET:
      return "dialog-error-symbolic";
    case SM_PRINCIPLE_NOT_ASSESSED:
    default:
      return "dialog-question-symbolic";
    }
}

const char *
_sm_principle_status_css (SmPrincipleStatus status)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      return "success";
    case SM_PRINCIPLE_PARTLY_MET:
      return "warning";
    case SM_PRINCIPLE_NOT_MET:
      return "error";
    default:
      return "dim-label";
    }
}

static void
set_status_class (GtkWidget  *widget,
                  const char *css)
{
  static const char *const all[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (all[i], css) != 0)
      gtk_widget_remove_css_class (widget, all[i]);
  gtk_widget_add_css_class (widget, css);
}

void
_sm_status_image_set (GtkWidget  *image,
                      const char *icon,
                      const char *css,
                      const char *word)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  set_status_class (image, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, word, -1);
}

/* "Not met — high confidence", or only the word when not assessed. */
char *
_sm_principle_status_dup_text (const SmPrincipleResult *pr)
{
  const char *word = sm_principle_status_to_label (pr->status);

  return pr->status == SM_PRINCIPLE_NOT_ASSESSED
           ? g_strdup (word)
           : g_strdup_printf (_ ("%s — %s"), word, sm_confidence_to_label (pr->confidence));
}

/* One colour for the score whatever its size: the status word and icon
 * say how it stands, and a bar changing colour at other cut-offs than the
 * status would contradict them. */
void
_sm_score_bar_init (GtkWidget *bar)
{
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
}

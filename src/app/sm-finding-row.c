/* sm-finding-row.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-evaluation-status.h"
#include "sm-finding-row.h"
#include "sm-sources.h"
#include "sm-wrap-box.h"

/* A finding as a group reads it: the fixed parts in the template, the
 * words and evidence from each new result, updated in place so focus
 * and "Show All" survive a re-evaluation. */

/* Evidence buttons shown before "Show all". */
#define MAX_CHIPS 12

/* Data gaps by field, a few names each: "accessibility met: Carer C".
 * On a large map one field can be missing for hundreds of people. */
#define MAX_GAP_NAMES 5

/* An evidence button as last shown: what it names and where it leads. */
typedef struct
{
  char *id;
  char *label;
  char *detail;
} Chip;

struct _SmFindingRow
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkWidget *icon;
  GtkWidget *status;
  GtkWidget *headline;
  GtkWidget *id_label;
  GtkWidget *question;
  GtkWidget *message;
  GtkWidget *measure;
  GtkWidget *chips;
  GtkWidget *more;
  GtkWidget *why_box;
  GtkWidget *why;
  GtkWidget *sources;
  GtkWidget *action_box;
  GtkWidget *action;
  GtkWidget *gaps;
  GtkWidget *responses;
  GtkWidget *buttons;
  GtkWidget *discuss;
  GtkWidget *differ;

  /* State */
  const SmRuleDef *rule;
  GPtrArray       *evidence;     /* Chip */
  char            *evidence_key; /* the evidence the chips show, to skip rebuilding */
  gboolean         show_all;
};

G_DEFINE_FINAL_TYPE (SmFindingRow, sm_finding_row, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_RULE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RESPOND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chip_free (gpointer data)
{
  Chip *chip = data;

  g_free (chip->id);
  g_free (chip->label);
  g_free (chip->detail);
  g_free (chip);
}

static gboolean
rule_is_check (const SmRuleDef *rule)
{
  return g_strcmp0 (sm_rule_def_get_principle (rule), "DQ") == 0;
}

/* "2.55", "7", "0.33": as the core's messages write numbers. */
static char *
format_number (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  char *end = text + strlen (text) - 1;

  while (end > text && *end == '0')
    *end-- = '\0';
  if (end > text && !g_ascii_isdigit (*end))
    *end = '\0';
  return text;
}

/* §8.2: the measured value against the thresholds, in words. */
/* §7.5: the value at the previous snapshot and which way it moved, in
 * words beside the arrow. */
static char *
trend_text (SmRuleResult *result,
            const char   *date)
{
  g_autofree char *was = NULL;
  const char      *arrow = result->value > result->previous_value ? "↑" : "↓";

  if (isnan (result->previous_value) || isnan (result->value) || date == NULL)
    return NULL;
  was = format_number (result->previous_value);
  /* One whole phrase per way it moved, for the translators. */
  if (result->trend > 0)
    /* TRANSLATORS: "↓ better: was 2.8 on 2026-01-10"; the first %s is an
     * arrow, the second the value at the previous results, the third
     * their date */
    return g_strdup_printf (_ ("%s better: was %s on %s"), arrow, was, date);
  if (result->trend < 0)
    /* TRANSLATORS: as above: "↑ worse: was 2.8 on 2026-01-10" */
    return g_strdup_printf (_ ("%s worse: was %s on %s"), arrow, was, date);
  /* Recorded values keep four decimal places. */
  if (round (result->value * 10000) == round (result->previous_value * 10000))
    /* TRANSLATORS: as above: "→ no change: was 2.8 on 2026-01-10" */
    return g_strdup_printf (_ ("→ no change: was %s on %s"), was, date);
  /* TRANSLATORS: as above: "→ changed: was 2.8 on 2026-01-10" (a value
   * with no better or worse) */
  return g_strdup_printf (_ ("→ changed: was %s on %s"), was, date);
}

static char *
measure_text (SmRuleResult *result)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *value = NULL;
  guint            n_judgement = 0;
  guint            n_listed = 0;
  const char      *basis;

  if (isnan (result->value) || result->status == SM_RULE_NOT_APPLICABLE)
    return NULL;
  value = format_number (result->value);
  for (guint i = 0; i < result->thresholds->len; i++)
    {
      SmNamedValue    *t = &g_array_index (result->thresholds, SmNamedValue, i);
      g_autofree char *words = NULL;
      g_autofree char *number = NULL;

      /* Conventions of the method (a floor against dividing by zero) and
       * switches are not cut-offs; they stay out of the sentence. */
      if (sm_eval_config_get_basis (t->name) == SM_BASIS_CONVENTION || sm_eval_config_is_boolean (t->name))
        continue;
      words = sm_eval_config_dup_label (t->name);
      number = format_number (t->value);
      n_listed++;
      if (list->len > 0)
        g_string_append (list, _ (", "));
      g_string_append_printf (list, C_ ("threshold and value", "%s %s"), words, number);
      if (sm_eval_config_get_basis (t->name) == SM_BASIS_JUDGEMENT)
        n_judgement++;
    }
  if (list->len == 0)
    return g_strdup_printf (_ ("Measured: %s"), value);

  if (n_judgement == n_listed)
    basis = g_dngettext (GETTEXT_PACKAGE, "a judgement call you can change",
                         "judgement calls you can change", n_judgement);
  else if (n_judgement > 0)
    basis = _ ("some are judgement calls you can change");
  else
    basis = _ ("set by the sources");
  /* TRANSLATORS: "Measured: 2.55 (thresholds: “Needs attention” ratio 2 — a judgement call you can change)" */
  return g_strdup_printf (_ ("Measured: %s (thresholds: %s — %s)"), value, list->str, basis);
}

/* A chip names what the evidence is: a relationship by the two it joins. */
static char *
evidence_label (SmMap      *map,
                SmEvidence *evidence)
{
  char *label = sm_map_dup_record_label (map, evidence->id, FALSE);

  return label != NULL ? label : g_strdup (evidence->id);
}

static char *
gaps_text (SmMap        *map,
           SmRuleResult *result)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < result->data_gaps->len; i++)
    {
      const char      *gap = g_ptr_array_index (result->data_gaps, i);
      const char      *colon = strstr (gap, ": ");
      g_autofree char *id = colon != NULL ? g_strndup (gap, colon - gap) : NULL;
      g_autofree char *field = g_strdup (colon != NULL ? colon + 2 : gap);
      guint            k;

      g_strdelimit (field, "._", ' ');
      if (!g_ptr_array_find_with_equal_func (fields, field, g_str_equal, &k))
        {
          k = fields->len;
          g_ptr_array_add (fields, g_steal_pointer (&field));
          g_ptr_array_add (names, g_ptr_array_new_with_free_func (g_free));
        }
      if (id != NULL && !g_str_equal (id, "map"))
        {
          char *name = sm_map_dup_record_label (map, id, FALSE);

          g_ptr_array_add (g_ptr_array_index (names, k), name != NULL ? name : g_strdup (id));
        }
    }

  for (guint k = 0; k < fields->len; k++)
    {
      GPtrArray *who = g_ptr_array_index (names, k);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (fields, k));
      for (guint i = 0; i < who->len && i < MAX_GAP_NAMES; i++)
        g_string_append_printf (text, i == 0 ? _ (": %s") : _ (", %s"), (char *) g_ptr_array_index (who, i));
      if (who->len > MAX_GAP_NAMES)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", who->len - MAX_GAP_NAMES),
                                who->len - MAX_GAP_NAMES);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Evidence */

static void
rebuild_chips (SmFindingRow *self)
{
  guint shown;

  sm_wrap_box_remove_all (SM_WRAP_BOX (self->chips));

  shown = self->show_all ? self->evidence->len : MIN (self->evidence->len, MAX_CHIPS);
  for (guint i = 0; i < shown; i++)
    {
      Chip            *e = g_ptr_array_index (self->evidence, i);
      g_autofree char *a11y = NULL;
      GtkWidget       *chip = gtk_button_new_with_label (e->label);
      GtkWidget       *label_widget = gtk_button_get_child (GTK_BUTTON (chip));

      gtk_label_set_ellipsize (GTK_LABEL (label_widget), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label_widget), 28);
      gtk_widget_add_css_class (chip, "evidence-chip");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "evaluation.show-evidence");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "(ss)", sm_rule_def_get_id (self->rule), e->id);
      if (e->detail != NULL && *e->detail != '\0')
        gtk_widget_set_tooltip_text (chip, e->detail);
      a11y = g_strdup_printf (_ ("Show %s on the map"), e->label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      sm_wrap_box_append (SM_WRAP_BOX (self->chips), chip);
    }
  gtk_widget_set_visible (self->chips, shown > 0);

  if (self->evidence->len > MAX_CHIPS)
    {
      g_autofree char *more = NULL;

      if (self->show_all)
        more = g_strdup (_ ("Show Fewer"));
      else
        more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u", "Show All %u",
                                             self->evidence->len),
                                self->evidence->len);
      gtk_button_set_label (GTK_BUTTON (self->more), more);
      gtk_widget_set_visible (self->more, TRUE);
    }
  else
    gtk_widget_set_visible (self->more, FALSE);
}

static void
update_chips (SmFindingRow *self,
              SmMap        *map,
              SmRuleResult *result)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (chip_free);

  /* Names can change without the evidence changing, so the key has both. */
  for (guint i = 0; i < result->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (result->evidence, i);
      Chip       *chip = g_new0 (Chip, 1);

      chip->id = g_strdup (e->id);
      chip->label = evidence_label (map, e);
      chip->detail = g_strdup (e->detail);
      g_ptr_array_add (evidence, chip);
      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", e->id, chip->label, e->detail);
    }
  if (self->evidence_key != NULL && g_str_equal (self->evidence_key, key->str))
    return;
  g_free (self->evidence_key);
  self->evidence_key = g_strdup (key->str);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  self->evidence = g_steal_pointer (&evidence);
  rebuild_chips (self);
}

static void
more_clicked_cb (SmFindingRow *self)
{
  self->show_all = !self->show_all;
  rebuild_chips (self);
}

/* Responses: "Discuss", "We see it differently" (§8.5) */

static void
discuss_clicked_cb (SmFindingRow *self)
{
  g_signal_emit (self, signals[RESPOND], 0, (guint) SM_RESPONSE_DISCUSS);
}

static void
differ_clicked_cb (SmFindingRow *self)
{
  g_signal_emit (self, signals[RESPOND], 0, (guint) SM_RESPONSE_DIFFER);
}

/**
 * sm_finding_row_set_responses:
 * @responses: (element-type SmResponse): the group's responses to this finding
 * @editable: whether they can be removed (the map is not read-only)
 */
void
sm_finding_row_set_responses (SmFindingRow *self,
                              GPtrArray    *responses,
                              gboolean      editable)
{
  GtkWidget *child;

  g_return_if_fail (SM_IS_FINDING_ROW (self));
  g_return_if_fail (responses != NULL);

  while ((child = gtk_widget_get_first_child (self->responses)) != NULL)
    gtk_box_remove (GTK_BOX (self->responses), child);

  for (guint i = 0; i < responses->len; i++)
    {
      SmResponse *response = g_ptr_array_index (responses, i);
      GtkWidget  *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget  *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget  *kind = gtk_label_new (response->kind == SM_RESPONSE_DIFFER ? _ ("We see it differently")
                                                                             : _ ("Discussed"));
      GtkWidget  *text = gtk_label_new (response->text);
      GtkWidget  *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (row, "evaluation-response");
      gtk_widget_add_css_class (kind, "caption-heading");
      gtk_label_set_xalign (GTK_LABEL (kind), 0);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (text_box), kind);
      gtk_box_append (GTK_BOX (text_box), text);
      if ((response->by != NULL && *response->by != '\0') || response->at != NULL)
        {
          g_autofree char *date = response->at != NULL ? g_strndup (response->at, 10) : NULL;
          g_autofree char *who = NULL;
          GtkWidget       *meta;

          if (response->by != NULL && *response->by != '\0' && date != NULL)
            who = g_strdup_printf (_ ("%s, %s"), response->by, date);
          else
            who = g_strdup (response->by != NULL && *response->by != '\0' ? response->by : date);
          meta = gtk_label_new (who);
          gtk_label_set_xalign (GTK_LABEL (meta), 0);
          gtk_widget_add_css_class (meta, "caption");
          gtk_widget_add_css_class (meta, "dim-label");
          gtk_box_append (GTK_BOX (text_box), meta);
        }
      gtk_widget_set_hexpand (text_box, TRUE);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (remove, _ ("Remove Response"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Remove Response"), -1);
      gtk_widget_set_sensitive (remove, editable);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "evaluation.remove-response");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", response->id);

      gtk_box_append (GTK_BOX (row), text_box);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (GTK_BOX (self->responses), row);
    }
  gtk_widget_set_visible (self->responses, responses->len > 0);
}

/* "Sources: S2 Leeds City Lab; S6 Arnstein (1969)", the full references
 * as its tooltip. */
static void
set_sources (GtkWidget         *label,
             const char *const *sources)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) citations = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; sources[i] != NULL; i++)
    {
      const char *name = sm_source_get_short (sources[i]);
      const char *citation = sm_source_get_citation (sources[i]);

      g_string_append_printf (names, "%s%s%s%s", i > 0 ? "; " : "", sources[i], name != NULL ? " " : "",
                              name != NULL ? name : "");
      if (citation != NULL)
        g_string_append_printf (citations, "%s%s %s", citations->len > 0 ? "\n" : "", sources[i], citation);
    }
  text = g_strdup_printf (_ ("Sources: %s"), names->str);
  gtk_label_set_label (GTK_LABEL (label), text);
  if (citations->len > 0)
    gtk_widget_set_tooltip_text (label, citations->str);
}

/* Updating */

/**
 * sm_finding_row_update:
 * @map: the map the evidence and data gaps name records of
 * @result: this finding's result in the evaluation shown
 * @previous_date: the previous snapshot's date, for the trend, or NULL
 * @headline: whether the lens puts this finding first
 * @editable: whether the group can respond (the map is not read-only)
 */
void
sm_finding_row_update (SmFindingRow *self,
                       SmMap        *map,
                       SmRuleResult *result,
                       const char   *previous_date,
                       gboolean      headline,
                       gboolean      editable)
{
  const char      *word;
  g_autofree char *value = NULL;
  g_autofree char *trend = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *gaps = NULL;
  g_autofree char *a11y = NULL;

  g_return_if_fail (SM_IS_FINDING_ROW (self));
  g_return_if_fail (result != NULL);

  word = sm_rule_status_to_label (result->status);
  value = measure_text (result);
  trend = trend_text (result, previous_date);
  gaps = gaps_text (map, result);

  _sm_status_image_set (self->icon, _sm_rule_status_icon (result->status), _sm_rule_status_css (result->status), word);
  gtk_label_set_label (GTK_LABEL (self->status), word);
  gtk_widget_set_visible (self->headline, headline);
  gtk_label_set_label (GTK_LABEL (self->message), result->message);

  if (value != NULL && trend != NULL)
    measure = g_strdup_printf ("%s\n%s", value, trend);
  else
    measure = g_strdup (value != NULL ? value : trend);
  gtk_label_set_label (GTK_LABEL (self->measure), measure);
  gtk_widget_set_visible (self->measure, measure != NULL);

  update_chips (self, map, result);

  gtk_label_set_label (GTK_LABEL (self->action), result->action);
  gtk_widget_set_visible (self->action_box, result->action != NULL && *result->action != '\0' &&
                                              result->status != SM_RULE_PASS &&
                                              result->status != SM_RULE_NOT_APPLICABLE);
  if (gaps != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("Not recorded on the map:\n%s"), gaps);

      gtk_label_set_label (GTK_LABEL (self->gaps), text);
    }
  gtk_widget_set_visible (self->gaps, gaps != NULL);

  gtk_widget_set_sensitive (self->discuss, editable);
  gtk_widget_set_sensitive (self->differ, editable);

  a11y = g_strdup_printf (headline ? _ ("%s, %s, headline") : _ ("%s, %s"),
                          sm_rule_def_get_id (self->rule), word);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, result->message,
                                  -1);
}

/* Building */

static void
sm_finding_row_constructed (GObject *object)
{
  SmFindingRow      *self = SM_FINDING_ROW (object);
  const char *const *sources;
  const char        *why;

  G_OBJECT_CLASS (sm_finding_row_parent_class)->constructed (object);

  g_assert (self->rule != NULL);
  sources = sm_rule_def_get_sources (self->rule);
  why = sm_rule_def_get_why (self->rule);

  gtk_label_set_label (GTK_LABEL (self->id_label), sm_rule_def_get_id (self->rule));
  gtk_label_set_label (GTK_LABEL (self->question), sm_rule_def_get_question (self->rule));

  if (why != NULL)
    gtk_label_set_label (GTK_LABEL (self->why), why);
  gtk_widget_set_visible (self->why, why != NULL);
  if (sources != NULL && sources[0] != NULL)
    set_sources (self->sources, sources);
  gtk_widget_set_visible (self->sources, sources != NULL && sources[0] != NULL);
  gtk_widget_set_visible (self->why_box, why != NULL || (sources != NULL && sources[0] != NULL));

  gtk_widget_set_visible (self->buttons, !rule_is_check (self->rule));
}

static void
sm_finding_row_finalize (GObject *object)
{
  SmFindingRow *self = SM_FINDING_ROW (object);

  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_free (self->evidence_key);

  G_OBJECT_CLASS (sm_finding_row_parent_class)->finalize (object);
}

static void
sm_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SmFindingRow *self = SM_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_pointer (value, (gpointer) self->rule);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SmFindingRow *self = SM_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_RULE:
      self->rule = g_value_get_pointer (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_finding_row_class_init (SmFindingRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_finding_row_constructed;
  object_class->finalize = sm_finding_row_finalize;
  object_class->get_property = sm_finding_row_get_property;
  object_class->set_property = sm_finding_row_set_property;

  /* The catalogue's definition (static) of the rule or check shown. */
  properties[PROP_RULE] =
    g_param_spec_pointer ("rule", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SmFindingRow::respond:
   * @kind: the SmResponseKind asked for
   *
   * Discuss or We See It Differently was pressed.
   */
  signals[RESPOND] =
    g_signal_new ("respond", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (SM_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, icon);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, status);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, headline);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, question);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, message);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, measure);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, chips);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, more);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, why_box);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, why);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, sources);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, action_box);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, action);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, gaps);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, responses);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, buttons);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, discuss);
  gtk_widget_class_bind_template_child (widget_class, SmFindingRow, differ);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, discuss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, differ_clicked_cb);
}

static void
sm_finding_row_init (SmFindingRow *self)
{
  self->evidence = g_ptr_array_new_with_free_func (chip_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @rule: a rule or a data check from the catalogue */
GtkWidget *
sm_finding_row_new (const SmRuleDef *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  return g_object_new (SM_TYPE_FINDING_ROW, "rule", rule, NULL);
}

const SmRuleDef *
sm_finding_row_get_rule (SmFindingRow *self)
{
  g_return_val_if_fail (SM_IS_FINDING_ROW (self), NULL);
  return self->rule;
}

/* Test hooks */

GtkWidget *
_sm_finding_row_test_get_button (SmFindingRow *self,
                                 const char   *name)
{
  g_return_val_if_fail (SM_IS_FINDING_ROW (self), NULL);
  if (g_strcmp0 (name, "discuss") == 0)
    return self->discuss;
  if (g_strcmp0 (name, "differ") == 0)
    return self->differ;
  if (g_strcmp0 (name, "more") == 0)
    return self->more;
  return NULL;
}

GPtrArray *
_sm_finding_row_test_dup_chips (SmFindingRow *self)
{
  GPtrArray *chips = g_ptr_array_new ();

  g_return_val_if_fail (SM_IS_FINDING_ROW (self), chips);
  for (GtkWidget *child = gtk_widget_get_first_child (self->chips); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (chips, child);
  return chips;
}

GPtrArray *
_sm_finding_row_test_dup_response_texts (SmFindingRow *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SM_IS_FINDING_ROW (self), texts);
  /* Each response row: a text column (kind, text, who) and a button. */
  for (GtkWidget *row = gtk_widget_get_first_child (self->responses); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *column = gtk_widget_get_first_child (row);
      GtkWidget *text = column != NULL ? gtk_widget_get_next_sibling (gtk_widget_get_first_child (column)) : NULL;

      if (text != NULL && GTK_IS_LABEL (text))
        g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (text))));
    }
  return texts;
}

GtkWidget *
_sm_finding_row_test_get_response_remove (SmFindingRow *self,
                                          guint         index)
{
  GtkWidget *row;

  g_return_val_if_fail (SM_IS_FINDING_ROW (self), NULL);
  row = gtk_widget_get_first_child (self->responses);
  for (guint i = 0; row != NULL && i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  return row != NULL ? gtk_widget_get_last_child (row) : NULL;
}

const char *
_sm_finding_row_test_get_measure (SmFindingRow *self)
{
  g_return_val_if_fail (SM_IS_FINDING_ROW (self), NULL);
  if (!gtk_widget_get_visible (self->measure))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->measure));
}

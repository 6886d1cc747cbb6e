/* sm-eval-json.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An evaluation as JSON, for `stakemap-cli evaluate --format=json`
 * (docs/cli.md) and snapshots. */

#include "config.h"

#include <math.h>

#include "sm-evaluate-private.h"

/* JSON (docs/cli.md): numbers rounded to 4 places so output is stable. */

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == round (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, round (value * 10000) / 10000);
}

static void
add_named_values (JsonBuilder *builder,
                  GArray      *values)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < values->len; i++)
    {
      SmNamedValue *v = &g_array_index (values, SmNamedValue, i);

      json_builder_set_member_name (builder, v->name);
      add_number (builder, v->value);
    }
  json_builder_end_object (builder);
}

static const char *
trend_to_string (int trend)
{
  return trend > 0 ? "better" : trend < 0 ? "worse"
                                          : "same";
}

/* @previous_date: the previous snapshot's, or NULL (checks: always NULL). */
static void
add_rule (JsonBuilder  *builder,
          SmRuleResult *r,
          const char   *previous_date)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, r->rule->id);
  json_builder_set_member_name (builder, "principle");
  json_builder_add_string_value (builder, r->rule->principle);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sm_rule_status_to_string (r->status));
  json_builder_set_member_name (builder, "value");
  add_number (builder, r->value);
  json_builder_set_member_name (builder, "values");
  add_named_values (builder, r->values);
  json_builder_set_member_name (builder, "thresholds");
  add_named_values (builder, r->thresholds);
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->evidence->len; i++)
    {
      SmEvidence *e = g_ptr_array_index (r->evidence, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, e->type);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, e->id);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, e->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "data_gaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->data_gaps->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (r->data_gaps, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "completeness");
  add_number (builder, r->completeness);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, r->message);
  json_builder_set_member_name (builder, "action");
  if (r->action != NULL)
    json_builder_add_string_value (builder, r->action);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; r->rule->sources[i] != NULL; i++)
    json_builder_add_string_value (builder, r->rule->sources[i]);
  json_builder_end_array (builder);
  if (previous_date != NULL)
    {
      json_builder_set_member_name (builder, "previous");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      add_number (builder, r->previous_value);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, previous_date);
      json_builder_end_object (builder);
      if (isfinite (r->previous_value) && isfinite (r->value))
        {
          json_builder_set_member_name (builder, "trend");
          json_builder_add_string_value (builder, trend_to_string (r->trend));
        }
    }
  json_builder_end_object (builder);
}

JsonNode *
sm_evaluation_to_json (SmEvaluation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->order->len; i++)
    add_rule (builder, g_ptr_array_index (self->order, i), self->previous_date);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "principles");
  json_builder_begin_array (builder);
  for (guint p = 0; p < SM_N_PRINCIPLES; p++)
    {
      SmPrincipleResult *pr = &self->principles[p];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, pr->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pr->name);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, sm_principle_status_to_string (pr->status));
      json_builder_set_member_name (builder, "score");
      add_number (builder, pr->score);
      json_builder_set_member_name (builder, "confidence");
      json_builder_add_string_value (builder, sm_confidence_to_string (pr->confidence));
      if (pr->previous_status >= 0)
        {
          json_builder_set_member_name (builder, "previous");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, sm_principle_status_to_string (pr->previous_status));
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, pr->previous_date);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    add_rule (builder, g_ptr_array_index (self->checks, i), NULL);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "gate");
  if (self->gate_id != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, self->gate_id);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, self->gate_message);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, self->summary);
  json_builder_set_member_name (builder, "index");
  add_number (builder, self->index);

  if (self->lens != SM_LENS_NONE)
    {
      json_builder_set_member_name (builder, "lens");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, sm_lens_to_string (self->lens));
      json_builder_set_member_name (builder, "headlines");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->headlines->len; i++)
        json_builder_add_string_value (builder,
                                       ((SmRuleResult *) g_ptr_array_index (self->headlines, i))->rule->id);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

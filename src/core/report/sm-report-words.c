/* sm-report-words.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report's words for what the map holds: numbers, dates, thresholds,
 * records by name (never by id), and the badges beside findings. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-report-private.h"

const SmReportBadge sm_report_rule_badges[] = {
  [SM_RULE_PASS] = { "✓", "#009E73", "#FFFFFF" },
  [SM_RULE_WARN] = { "!", "#E69F00", "#000000" },
  [SM_RULE_FAIL] = { "✗", "#D55E00", "#FFFFFF" },
  [SM_RULE_NOT_APPLICABLE] = { "–", "#DDDDDD", "#000000" },
  [SM_RULE_INSUFFICIENT_DATA] = { "?", "#56B4E9", "#000000" },
  [SM_RULE_INFO] = { "i", "#0072B2", "#FFFFFF" },
};

const SmReportBadge sm_report_principle_badges[] = {
  [SM_PRINCIPLE_MET] = { "✓", "#009E73", "#FFFFFF" },
  [SM_PRINCIPLE_PARTLY_MET] = { "◐", "#E69F00", "#000000" },
  [SM_PRINCIPLE_NOT_MET] = { "✗", "#D55E00", "#FFFFFF" },
  [SM_PRINCIPLE_NOT_ASSESSED] = { "?", "#DDDDDD", "#000000" },
};

/* Words */

char *
_sm_report_format_number (double value)
{
  char *text;
  char *end;

  if (isnan (value))
    return g_strdup ("—");
  text = g_strdup_printf ("%.2f", value);
  /* "2.50" → "2.5", "54.00" → "54" */
  end = text + strlen (text) - 1;
  if (strchr (text, '.') != NULL || strchr (text, ',') != NULL)
    {
      while (end > text && *end == '0')
        *end-- = '\0';
      if (*end == '.' || *end == ',')
        *end = '\0';
    }
  return text;
}

char *
_sm_report_format_threshold (const char *key,
                             double      value)
{
  if (sm_eval_config_is_boolean (key))
    return g_strdup (value != 0 ? _ ("yes") : _ ("no"));
  if (strcmp (key, "sp04.median") == 0)
    return g_strdup (value != 0 ? _ ("upper") : _ ("lower"));
  return _sm_report_format_number (value);
}

const char *
_sm_report_basis_tag (const char *key)
{
  switch (sm_eval_config_get_basis (key))
    {
    case SM_BASIS_SOURCE:
      return _ ("[S]");
    case SM_BASIS_CONVENTION:
      return _ ("[C]");
    case SM_BASIS_JUDGEMENT:
    default:
      return _ ("[J]");
    }
}

/* "2025-03-20T10:00:00Z" → "2025-03-20" */
char *
_sm_report_date_part (const char *iso)
{
  if (iso == NULL || *iso == '\0')
    return g_strdup (_ ("no date"));
  return g_strndup (iso, MIN (strlen (iso), 10));
}

static const char *
stakeholder_name (SmReport   *r,
                  const char *id)
{
  SmRecord *record = sm_map_lookup_kind (r->map, SM_RECORD_STAKEHOLDER, id);

  return record != NULL ? sm_stakeholder_get_name (record) : id;
}

/* What a record is called in the report: names, never ids. */
char *
_sm_report_record_name (SmReport *r,
                        SmRecord *record)
{
  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      return g_strdup (sm_stakeholder_get_name (record));

    case SM_RECORD_RELATIONSHIP:
      {
        const char *category = sm_record_get_enum (record, "category");
        const char *direction = sm_record_get_enum (record, "direction");
        const char *label = sm_record_get_string (record, "label");

        return g_strdup_printf ("%s %s %s (%s)",
                                stakeholder_name (r, sm_relationship_get_source (record)),
                                g_strcmp0 (direction, "two_way") == 0 ? "⇄" : "→",
                                stakeholder_name (r, sm_relationship_get_target (record)),
                                label != NULL && *label != '\0' ? label
                                : category != NULL              ? sm_value_label (category)
                                                                : _ ("relationship"));
      }

    case SM_RECORD_MAP:
      return g_strdup (_ ("The map"));

    case SM_RECORD_SPACE:
    case SM_RECORD_DECISION:
    case SM_RECORD_AFFECTED_GROUP:
    case SM_RECORD_ANNOTATION:
    case SM_RECORD_REGION:
    default:
      return g_strdup (sm_record_get_label (record));
    }
}

char *
_sm_report_name_for_id (SmReport   *r,
                        const char *id)
{
  SmRecord *record = id != NULL ? sm_map_lookup (r->map, id) : NULL;

  if (record == NULL)
    return g_strdup (id != NULL ? id : "");
  return _sm_report_record_name (r, record);
}

char *
_sm_report_names_of_refs (SmReport   *r,
                          const char *path)
{
  JsonNode *node = sm_record_get_value (sm_map_get_metadata (r->map), path);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode        *element = json_array_get_element (array, i);
      g_autofree char *name = NULL;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      name = _sm_report_name_for_id (r, json_node_get_string (element));
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", name);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

char *
_sm_report_badge_markup (const SmReportBadge *badge,
                         const char          *word)
{
  return g_markup_printf_escaped ("<span background=\"%s\" foreground=\"%s\"> %s %s </span>",
                                  badge->background, badge->foreground, badge->symbol, word);
}

/* sm-eval-names.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a finding calls the people and records it is about: a person by
 * name only with their consent (§3.9, DQ-05), any record by what a
 * reader would recognise, a missing field by where it is. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-evaluate-private.h"
#include "sm-schema.h"

/* Consent (§3.9, DQ-05): groups and organisations are named; a person only
 * when they have agreed ("unknown" is not agreement). */
gboolean
sm_stakeholder_may_be_named (SmRecord *stakeholder)
{
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), FALSE);

  if (sm_record_get_boolean (stakeholder, "is_group") == SM_TRISTATE_TRUE)
    return TRUE;
  return sm_record_get_boolean (stakeholder, "consent_to_be_mapped") == SM_TRISTATE_TRUE;
}

/**
 * sm_stakeholder_dup_display_name:
 * @respect_consent: %TRUE for anything that leaves the team (exports,
 *   reports): people who have not agreed to be named are "Unnamed
 *   participant"
 */
char *
sm_stakeholder_dup_display_name (SmRecord *stakeholder,
                                 gboolean  respect_consent)
{
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), NULL);

  if (respect_consent && !sm_stakeholder_may_be_named (stakeholder))
    return g_strdup (_ ("Unnamed participant"));
  return g_strdup (sm_stakeholder_get_name (stakeholder));
}

static char *
stakeholder_label (SmMap      *map,
                   const char *id,
                   gboolean    respect_consent)
{
  SmRecord *record = id != NULL ? sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id) : NULL;

  if (record == NULL)
    return g_strdup (id != NULL ? id : "?");
  return sm_stakeholder_dup_display_name (record, respect_consent);
}

/**
 * sm_map_dup_record_label:
 * @respect_consent: as for sm_stakeholder_dup_display_name()
 */
char *
sm_map_dup_record_label (SmMap      *map,
                         const char *id,
                         gboolean    respect_consent)
{
  SmRecord *record;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  if (g_strcmp0 (id, "map") == 0)
    return g_strdup (_ ("The map"));
  record = id != NULL ? sm_map_lookup (map, id) : NULL;
  if (record == NULL)
    return NULL;

  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      return sm_stakeholder_dup_display_name (record, respect_consent);

    case SM_RECORD_RELATIONSHIP:
      {
        g_autofree char *source = stakeholder_label (map, sm_relationship_get_source (record),
                                                     respect_consent);
        g_autofree char *target = stakeholder_label (map, sm_relationship_get_target (record),
                                                     respect_consent);
        gboolean         both_ways = g_strcmp0 (sm_record_get_enum (record, "direction"), "two_way") == 0;

        return g_strdup_printf ("%s %s %s", source, both_ways ? "⇄" : "→", target);
      }

    case SM_RECORD_MAP:
      return g_strdup (_ ("The map"));

    default:
      return g_strdup (sm_record_get_label (record));
    }
}

/* "off_the_table[1].decided_by" as "Off the table 2 › Decided by"; NULL
 * when the path is not a field of @kind. */
static char *
field_path_label (SmRecordKind kind,
                  const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  const SmField *fields = sm_schema_get_fields (kind);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char          *bracket = strchr (parts[i], '[');
      const SmField *field;
      guint64        index = 0;
      gboolean       indexed = FALSE;

      if (bracket != NULL)
        {
          char *end = NULL;

          index = g_ascii_strtoull (bracket + 1, &end, 10);
          indexed = end != bracket + 1 && *end == ']' && end[1] == '\0';
          if (!indexed)
            return NULL;
          *bracket = '\0';
        }
      field = fields != NULL ? sm_schema_lookup (fields, parts[i]) : NULL;
      if (field == NULL || field->label == NULL)
        return NULL;
      if (out->len > 0)
        g_string_append (out, " › ");
      g_string_append (out, _ (field->label));
      if (indexed)
        g_string_append_printf (out, " %" G_GUINT64_FORMAT, index + 1);
      fields = field->children;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sm_data_gap_dup_label:
 * @gap: a data gap as rules give it, "ID: field.path"
 * @respect_consent: as for sm_stakeholder_dup_display_name()
 */
char *
sm_data_gap_dup_label (SmMap      *map,
                       const char *gap,
                       gboolean    respect_consent)
{
  const char      *colon;
  g_autofree char *id = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;
  const char      *path;
  SmRecord        *record;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (gap != NULL, NULL);

  colon = strstr (gap, ": ");
  if (colon == NULL)
    return g_strdup (gap);
  id = g_strndup (gap, colon - gap);
  path = colon + 2;
  record = strcmp (id, "map") == 0 ? sm_map_get_metadata (map) : sm_map_lookup (map, id);
  who = sm_map_dup_record_label (map, id, respect_consent);
  if (record == NULL || who == NULL)
    return g_strdup (gap);
  where = field_path_label (sm_record_get_kind (record), path);
  return g_strdup_printf ("%s: %s", who, where != NULL ? where : path);
}

/* fuzz-export.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-collection.h"
#include "sm-export.h"
#include "sm-format.h"
#include "sm-import.h"
#include "sm-record.h"
#include "sm-schema.h"

/* The input is a project file. Any map Stakemap opens exports to GraphML
 * and to CSV, and each export imports back with every stakeholder and
 * every relationship. Maps that keep a member named like a field but for
 * case ("Influence") are left out: exported, such a member is read back
 * as the field, as a spreadsheet's column would be (see
 * sm_import_reads_as_field()). */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_counts (SmMap *map,
              SmMap *again)
{
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_stakeholders (again)), ==,
                    sm_collection_get_size (sm_map_get_stakeholders (map)));
  g_assert_cmpuint (sm_collection_get_size (sm_map_get_relationships (again)), ==,
                    sm_collection_get_size (sm_map_get_relationships (map)));
}

/* A member under @prefix that the schema does not know by its own name,
 * but that an import would read as a field. */
static gboolean
shadows_a_field (SmRecordKind kind,
                 JsonObject  *object,
                 const char  *prefix)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *path = prefix != NULL ? g_strconcat (prefix, ".", l->data, NULL) : g_strdup (l->data);
      const SmField   *field = sm_schema_lookup_path (kind, path);
      JsonNode        *node = json_object_get_member (object, l->data);

      if (field == NULL && sm_import_reads_as_field (kind, path))
        return TRUE;
      if (field != NULL && field->type == SM_FIELD_OBJECT && JSON_NODE_HOLDS_OBJECT (node) &&
          shadows_a_field (kind, json_node_get_object (node), path))
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_shadows_a_field (SmMap *map)
{
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_RELATIONSHIP; kind++)
    {
      SmCollection *records = kind == SM_RECORD_STAKEHOLDER ? sm_map_get_stakeholders (map)
                                                            : sm_map_get_relationships (map);

      for (guint i = 0; i < sm_collection_get_size (records); i++)
        {
          g_autoptr(JsonObject) data = sm_record_dup_data (sm_collection_get (records, i));

          if (shadows_a_field (kind, data, NULL))
            return TRUE;
        }
    }
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  map = sm_format_load_bytes (bytes, NULL);
  if (map == NULL || sm_collection_get_size (sm_map_get_stakeholders (map)) == 0 ||
      any_shadows_a_field (map))
    return 0;

  {
    g_autoptr(GBytes) graphml = sm_export_graphml (map, NULL);
    g_autoptr(SmMap) again = sm_import_graphml (graphml, &error);

    g_assert_no_error (error);
    check_counts (map, again);
  }
  {
    g_autoptr(GBytes) people = sm_export_csv_stakeholders (map, NULL);
    g_autoptr(GBytes) ties = sm_export_csv_relationships (map, NULL);
    g_autoptr(SmMap) again = sm_import_csv (people, ties, &error);

    g_assert_no_error (error);
    check_counts (map, again);
  }
  return 0;
}

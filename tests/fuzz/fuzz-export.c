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

/* The input is a project file. Any map Stakemap opens exports to GraphML
 * and to CSV, and each export imports back with every stakeholder and
 * every relationship. */
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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  map = sm_format_load_bytes (bytes, NULL);
  if (map == NULL || sm_collection_get_size (sm_map_get_stakeholders (map)) == 0)
    return 0;

  {
    g_autoptr(GBytes) graphml = sm_export_graphml (map);
    g_autoptr(SmMap) again = sm_import_graphml (graphml, &error);

    g_assert_no_error (error);
    check_counts (map, again);
  }
  {
    g_autoptr(GBytes) people = sm_export_csv_stakeholders (map);
    g_autoptr(GBytes) ties = sm_export_csv_relationships (map);
    g_autoptr(SmMap) again = sm_import_csv (people, ties, &error);

    g_assert_no_error (error);
    check_counts (map, again);
  }
  return 0;
}

/* fuzz-import-csv.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-format.h"
#include "sm-import.h"

/* The input is a stakeholders CSV, optionally followed by a form feed and a
 * relationships CSV. An import either fails with a message or gives a map
 * that saves and loads back. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const guint8 *split = memchr (data, '\f', size);
  g_autoptr(GBytes) people = NULL;
  g_autoptr(GBytes) ties = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (split != NULL)
    {
      people = g_bytes_new_static (data, split - data);
      ties = g_bytes_new_static (split + 1, size - (split - data) - 1);
    }
  else
    people = g_bytes_new_static (data, size);

  map = sm_import_csv (people, ties, &error);
  if (map != NULL)
    {
      g_autoptr(GBytes) saved = sm_format_save_to_bytes (map);
      g_autoptr(SmMap) again = sm_format_load_bytes (saved, &error);

      g_assert_no_error (error);
      g_assert (again != NULL);
    }
  else
    g_assert (error != NULL && error->message[0] != '\0');

  return 0;
}

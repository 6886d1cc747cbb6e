/* fuzz-import-xlsx.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-format.h"
#include "sm-import.h"

/* Workbooks from anyone (zip and XML): an import either fails with a
 * message or gives a map that saves and loads back. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  map = sm_import_xlsx_full (bytes, NULL, &error);
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

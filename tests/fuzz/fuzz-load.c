/* fuzz-load.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sm-format.h"

/* Any bytes: the loader refuses them cleanly or loads a map that saves, and
 * what it saves loads again to the very same bytes. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) map = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  map = sm_format_load_bytes (bytes, &error);
  problems = sm_format_check_bytes (bytes, NULL);

  /* check and load agree on whether the file is good */
  g_assert ((map == NULL) == (problems->len > 0));

  if (map != NULL)
    {
      g_autoptr(GBytes) saved = sm_format_save_to_bytes (map);
      g_autoptr(SmMap) again = sm_format_load_bytes (saved, &error);
      g_autoptr(GBytes) saved_again = NULL;

      g_assert_no_error (error);
      saved_again = sm_format_save_to_bytes (again);
      g_assert (g_bytes_equal (saved, saved_again));
    }
  else
    g_assert (error != NULL && error->message[0] != '\0');

  return 0;
}

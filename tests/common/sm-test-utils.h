/* sm-test-utils.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every suite needs and none should write again: a map from JSON
 * written in the test, the fixtures under tests/data, scratch folders and
 * small files. Each helper fails the test on an error instead of
 * returning it. */

#pragma once

#include "stakemap-core.h"

G_BEGIN_DECLS

SmMap *sm_test_load (const char *json);
SmMap *sm_test_load_q (const char *json);
SmMap *sm_test_load_bytes (GBytes *bytes);
SmMap *sm_test_load_fixture (const char *first_element,
                             ...) G_GNUC_NULL_TERMINATED;
SmMap *sm_test_load_worked_example (void);

char *sm_test_save_to_string (SmMap *map);
char *sm_test_make_temp_dir (const char *tmpl);
char *sm_test_read_file (const char *path);
void  sm_test_write_file (const char *path,
                          const char *text);
char *sm_test_ids_of (SmSelection *selection,
                      const char  *separator);

void sm_test_notify_count_cb (GObject    *object,
                              GParamSpec *pspec,
                              guint      *count);

G_END_DECLS

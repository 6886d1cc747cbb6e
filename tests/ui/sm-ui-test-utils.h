/* sm-ui-test-utils.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the widget suites share: letting GTK run as a user would wait,
 * closing what a test opened, and finding widgets and dialogs. The core
 * helpers (loading maps, scratch files) come with it. */

#pragma once

#include <adwaita.h>

#include "sm-application.h"
#include "sm-canvas.h"
#include "sm-test-utils.h"

G_BEGIN_DECLS

void       sm_test_spin (void);
void       sm_test_wait_for_idle (void);
void       sm_test_wait_until_visible (GtkWidget *widget);
void       sm_test_close_all (void);
GtkWidget *sm_test_find_by_css_class (GtkWidget  *widget,
                                      const char *name);

/* A canvas alone in a window, on a map read from @json, shown at a known
 * view: 1 pixel a map unit, map point (0, 0) at widget point (200, 150).
 * @version: a replacement for the file's "version":1, for a newer
 * (read-only) file; NULL for this version. */
typedef struct
{
  SmMap       *map;
  SmDocument  *document;
  SmHistory   *history;
  SmSelection *selection;
  GtkWidget   *window;
  SmCanvas    *canvas;
} SmCanvasFixture;

void sm_test_canvas_fixture_set_up (SmCanvasFixture *fixture,
                                    const char      *json,
                                    const char      *version);
void sm_test_canvas_fixture_tear_down (SmCanvasFixture *fixture);
/* Lets the canvas settle: idles run, a few milliseconds apart. */
void sm_test_settle (void);

SmApplication *sm_test_application_new (const char *name,
                                        char      **scratch);

G_END_DECLS

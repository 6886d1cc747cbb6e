/* sm-index.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A uniform grid over map units that answers "what might be in this
 * rectangle?" in time that follows the rectangle, not the map. Items are
 * opaque pointers placed either by a box (stakeholders with their labels)
 * or by a segment (relationships), which only enters the cells the line
 * really crosses, so a long edge does not land in every cell of its
 * bounding box. Answers are candidates: callers test the exact shape. */

typedef struct _SmIndex SmIndex;

SmIndex *sm_index_new (double cell_size);
void     sm_index_free (SmIndex *self);
guint    sm_index_get_size (SmIndex *self);
void     sm_index_set_box (SmIndex *self,
                           gpointer item,
                           double   x0,
                           double   y0,
                           double   x1,
                           double   y1);
void     sm_index_set_segment (SmIndex *self,
                               gpointer item,
                               double   x0,
                               double   y0,
                               double   x1,
                               double   y1);
void     sm_index_add_box (SmIndex *self,
                           gpointer item,
                           double   x0,
                           double   y0,
                           double   x1,
                           double   y1);
void     sm_index_add_segment (SmIndex *self,
                               gpointer item,
                               double   x0,
                               double   y0,
                               double   x1,
                               double   y1);
gboolean sm_index_remove (SmIndex *self,
                          gpointer item);
gboolean sm_index_contains (SmIndex *self,
                            gpointer item);
guint    sm_index_query (SmIndex   *self,
                         double     x,
                         double     y,
                         double     width,
                         double     height,
                         GPtrArray *out);
guint    sm_index_query_near_segment (SmIndex   *self,
                                      double     x0,
                                      double     y0,
                                      double     x1,
                                      double     y1,
                                      double     reach,
                                      double     beyond,
                                      GPtrArray *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmIndex, sm_index_free)

G_END_DECLS

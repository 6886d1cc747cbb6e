/* sm-export-image.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sm-exporter.h"
#include "sm-map.h"

G_BEGIN_DECLS

/* The map as a picture: PNG, SVG and PDF files, the clipboard and the
 * printed page. Every one is drawn by the renderer the canvas uses, from
 * the copy of the map whose names follow consent (sm_public_names_dup_map()),
 * and is composed the same way: a title block (the map's title, its
 * question, the date, who drew it, and whose names are shown), the map,
 * and the legend beside or below it, never over it.
 *
 * Sizes are in the units of the output: pixels for PNG and SVG, points
 * (1/72 inch) for PDF and printing. "A pixel of the canvas" is a map unit
 * at 100% zoom; a scale of 2 draws the map twice as large. */

typedef enum
{
  SM_IMAGE_PNG,
  SM_IMAGE_SVG,
  SM_IMAGE_PDF,
} SmImageFormat;

typedef enum
{
  SM_PAGE_A4,
  SM_PAGE_LETTER,
  SM_PAGE_A3,
} SmPageSize;

typedef enum
{
  SM_PAGE_AUTO, /* landscape for a map wider than it is tall */
  SM_PAGE_PORTRAIT,
  SM_PAGE_LANDSCAPE,
} SmPageOrientation;

struct _SmImageOptions
{
  const char *view;               /* an arrangement's id (sm_arrangement_find()); NULL: the map */
  double      width;              /* PNG, SVG: the picture's width in pixels; 0: from @scale */
  double      scale;              /* pixels of the picture per pixel of the canvas; 0: 1. PDF:
                                   * fitted to the page unless @tile */
  gboolean           transparent; /* PNG, SVG: no background */
  gboolean           no_legend;
  gboolean           no_title;
  SmPageSize         page; /* PDF and printing */
  SmPageOrientation  orientation;
  double             margin;        /* around the page, in millimetres; below 0: 10 */
  gboolean           tile;          /* PDF and printing: across pages at @scale, instead of fitted to one */
  const char *const *selection;     /* ids of stakeholders and relationships to show on their own; NULL: all */
  GHashTable        *marks;         /* findings to draw on the map, as SmRenderState.marks; may be NULL */
  GDateTime         *date;          /* for the title block; NULL: the snapshot's date, or today */
  gboolean           high_contrast; /* the projector's palette (sm_renderer_set_high_contrast()) */
  SmMap             *compare_with;  /* another version: what changed since it is marked, as Compare With…
                                     * shows it (sm_renderer_set_compare()); NULL: none */
};

#define SM_IMAGE_OPTIONS_INIT \
  {                           \
    .margin = -1              \
  }

/* The narrowest picture, and the most pixels a PNG may have, a side and
 * in all. */
#define SM_IMAGE_MIN_WIDTH 100
#define SM_IMAGE_MAX_SIDE 32767
#define SM_IMAGE_MAX_PIXELS (200 * 1000 * 1000)
/* The most pages a tiled PDF or print may have. */
#define SM_IMAGE_MAX_PAGES 400

gboolean    sm_image_format_from_path (const char    *path,
                                       SmImageFormat *format);
gboolean    sm_page_size_from_string (const char *text,
                                      SmPageSize *page);
const char *sm_page_size_to_string (SmPageSize page);
void        sm_page_size_get_points (SmPageSize page,
                                     gboolean   landscape,
                                     double    *width,
                                     double    *height);

typedef struct _SmImage SmImage;

SmImage *sm_image_new (SmMap                 *map,
                       const SmExportOptions *options,
                       GError               **error);
void     sm_image_free (SmImage *self);
guint    sm_image_get_n_hidden (SmImage *self);
gboolean sm_image_is_landscape (SmImage *self);

/* One picture (PNG, SVG): its size in pixels, and drawing it. */
gboolean sm_image_get_size (SmImage *self,
                            double  *width,
                            double  *height,
                            GError **error);
void     sm_image_draw (SmImage *self,
                        cairo_t *cr);

/* Pages of @width × @height points (PDF, printing). */
guint sm_image_get_n_pages (SmImage *self,
                            double   width,
                            double   height);
void  sm_image_draw_page (SmImage *self,
                          cairo_t *cr,
                          guint    page,
                          double   width,
                          double   height);

gboolean sm_image_write (SmImage       *self,
                         SmImageFormat  format,
                         GOutputStream *stream,
                         GCancellable  *cancellable,
                         GError       **error);
GBytes  *sm_image_write_bytes (SmImage      *self,
                               SmImageFormat format,
                               GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmImage, sm_image_free)

G_END_DECLS

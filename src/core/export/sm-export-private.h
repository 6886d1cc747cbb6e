/* sm-export-private.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the exporters share: the table columns both data formats are made
 * of (sm-export.c), and the exporters themselves, for the list in
 * sm-exporter.c. */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sm-evaluate.h"
#include "sm-export.h"
#include "sm-export-image.h"
#include "sm-exporter.h"
#include "sm-schema.h"

G_BEGIN_DECLS

/* Both formats are tables: one column per member present in any record,
 * in the order of the schema, then the members it does not know in the
 * order first met. */
typedef struct
{
  char          *name; /* the column name: "remuneration.time_paid" */
  GStrv          path;
  const SmField *field; /* NULL for members the schema does not know */
  gboolean       json;  /* written as JSON text */
} SmExportColumn;

void       sm_export_column_free (gpointer data);
void       sm_export_add_column (GPtrArray     *columns,
                                 const char    *parent,
                                 const char    *name,
                                 const SmField *field,
                                 gboolean       json);
GPtrArray *sm_export_collect_columns (SmMap       *map,
                                      SmRecordKind kind);
JsonNode  *sm_export_lookup (JsonObject *object,
                             GStrv       path);
char      *sm_export_cell_text (SmExportColumn *column,
                                JsonNode       *node);

/* The names an export uses: NULL when @options ask for all of them. */
SmPublicNames *sm_export_dup_public_names (SmMap                 *map,
                                           const SmExportOptions *options);
SmMap         *sm_export_dup_public_map (SmMap                 *map,
                                         const SmExportOptions *options,
                                         SmPublicNames        **names,
                                         GError               **error);
gboolean       sm_export_names_failed (GError **error);
char          *sm_export_public_cell (SmPublicNames  *names,
                                      SmRecord       *record,
                                      SmExportColumn *column,
                                      char           *text);

/* What the network formats share (sm-export-graphml.c). */
void        sm_export_xml_append (GString    *out,
                                  const char *text,
                                  gboolean    attribute);
const char *sm_export_network_type (SmCollection   *records,
                                    SmExportColumn *column);
char       *sm_export_network_text (SmExportColumn *column,
                                    const char     *type,
                                    SmRecord       *record,
                                    SmPublicNames  *names);

gboolean sm_export_write_all (GOutputStream *stream,
                              GBytes        *bytes,
                              GCancellable  *cancellable,
                              GError       **error);

/* For the tests: where a picture puts the map and the legend (x, y,
 * width, height; the legend's all 0 when there is none), as one picture
 * (@page_width 0) or on a page of @page_width × @page_height points. */
void _sm_image_test_get_boxes (SmImage *self,
                               double   page_width,
                               double   page_height,
                               double  *map,
                               double  *legend);

/* Where a picture draws a stakeholder, in its pixels (sm-export-html.c). */
typedef struct
{
  SmRecord   *record; /* of the map the picture draws */
  const char *id;     /* as the export may show it */
  double      x, y, radius;
} SmImageSpot;

GArray *_sm_image_dup_spots (SmImage *self,
                             GError **error);
void    _sm_image_get_words (SmImage     *self,
                             const char **title,
                             const char **question,
                             const char **info,
                             const char **notice,
                             GDateTime  **made);

/* The pictures' formats (sm-export-png.c, sm-export-svg.c). */
GBytes  *_sm_export_encode_png (cairo_surface_t *surface,
                                gboolean         alpha,
                                double           dpi,
                                GError         **error);
void     _sm_export_svg_text_cb (cairo_t      *cr,
                                 PangoLayout  *layout,
                                 const double *halo,
                                 gpointer      user_data);
gboolean _sm_export_svg_add_text (GByteArray *svg,
                                  GString    *text,
                                  GError    **error);

/* One per file sm-export-FORMAT.c; listed in sm-exporter.c. */
extern const SmExporter sm_exporter_csv;
extern const SmExporter sm_exporter_gexf;
extern const SmExporter sm_exporter_graphml;
extern const SmExporter sm_exporter_html;
extern const SmExporter sm_exporter_pdf;
extern const SmExporter sm_exporter_png;
extern const SmExporter sm_exporter_svg;
extern const SmExporter sm_exporter_xlsx;

G_END_DECLS

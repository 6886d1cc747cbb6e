/* sm-json.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sm-schema.h"

G_BEGIN_DECLS

/* Limits that keep a hostile file from exhausting the stack or memory. */
#define SM_JSON_MAX_DEPTH 64
#define SM_JSON_MAX_SIZE (256 * 1024 * 1024)

JsonNode                    *sm_json_parse (const char *data,
                                            gsize       length,
                                            GError    **error);
JsonNode                    *sm_json_deep_copy (JsonNode *node);
void                         sm_json_write (GString       *out,
                                            JsonNode      *node,
                                            const SmField *fields,
                                            guint          indent);
void                         sm_json_write_string (GString    *out,
                                                   const char *str);
void                         sm_json_write_double (GString *out,
                                                   double   value);
typedef struct _SmJsonStream SmJsonStream;

SmJsonStream *sm_json_stream_new (GInputStream *input,
                                  gsize         chunk_size,
                                  GCancellable *cancellable);
void          sm_json_stream_free (SmJsonStream *s);
int           sm_json_stream_peek (SmJsonStream *s,
                                   GError      **error);
gboolean      sm_json_stream_enter (SmJsonStream *s,
                                    GError      **error);
gboolean      sm_json_stream_next_member (SmJsonStream *s,
                                          const char  **name,
                                          GError      **error);
gboolean      sm_json_stream_next_element (SmJsonStream *s,
                                           GError      **error);
JsonNode     *sm_json_stream_read_value (SmJsonStream *s,
                                         GError      **error);
gboolean      sm_json_stream_finish (SmJsonStream *s,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmJsonStream, sm_json_stream_free)

gsize _sm_json_stream_take_largest_buffer (void);

void sm_json_write_object_members (GString       *out,
                                   JsonObject    *object,
                                   const SmField *fields,
                                   guint          indent,
                                   gboolean      *first);

G_END_DECLS

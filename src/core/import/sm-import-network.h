/* sm-import-network.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the GraphML and GEXF importers share (sm-import-graphml.c): the
 * network as read, keys or attributes declared, nodes and edges with their
 * values, the budgets spent as they are read, and the making of the map
 * from them. Each format only reads its own markup into these. */

#pragma once

#include "sm-import-private.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *domain; /* "node", "edge", "graph", "all" */
  char *name;   /* attr.name; NULL for yEd's graphics keys */
  char *type;   /* attr.type */
  char *default_value;
} Key;

typedef struct
{
  char *key;
  char *value;
} Datum;

typedef struct _Element Element;

struct _Element
{
  gboolean is_edge;
  guint    index; /* among the nodes or among the edges; once built, its record's, or NOT_BUILT */
  char    *id;    /* as written; NULL for an edge without one */
  char    *source;
  char    *target;
  int      directed; /* the edge's own "directed", or -1 */
  gboolean graph_directed;
  guint    line;
  GArray  *data;  /* Datum */
  char    *label; /* yEd's NodeLabel or EdgeLabel */
  gboolean has_geometry;
  double   gx, gy, gw, gh;
  gboolean is_group; /* yEd's group or folder, or a node holding a graph: a space */
  Element *group;    /* the group whose graph holds this node, or NULL */
};

#define NOT_BUILT G_MAXUINT

typedef enum
{
  FRAME_OTHER,
  FRAME_KEY,
  FRAME_DEFAULT,
  FRAME_GRAPH,
  FRAME_NODE,
  FRAME_EDGE,
  FRAME_DATA,
  FRAME_LABEL,
} FrameKind;

typedef struct
{
  FrameKind   kind;
  Element    *owner;    /* the innermost open node or edge; NULL in a graph */
  gboolean    directed; /* the innermost graph's edgedefault */
  Element    *group;    /* the group node whose graph this is inside, or NULL */
  const char *domain;   /* GEXF: "node" or "edge", the class of the open <attributes> */
} Frame;

typedef struct
{
  GMarkupParseContext *context;
  GArray              *frames;   /* Frame */
  GHashTable          *keys;     /* id → Key */
  GPtrArray           *nodes;    /* Element */
  GPtrArray           *edges;    /* Element */
  GHashTable          *node_ids; /* id → Element */
  Key                 *key;      /* the open <key> (GraphML) or <attribute> (GEXF) */
  GString             *text;     /* text of the open <default>, <data> or label */
  guint                n_data;
  guint64              n_defaults[2];    /* keys with a default, for nodes and for edges */
  guint64              default_bytes[2]; /* their names and defaults */
  SmImportBudget       budget;           /* nodes and edges read, with the defaults they get */
} SmNetworkParser;

const char *sm_network_local_name (const char *name);
const char *sm_network_find_attribute (const char **names,
                                       const char **values,
                                       const char  *wanted);
guint       sm_network_parser_line (SmNetworkParser *p);
Frame      *sm_network_top_frame (SmNetworkParser *p);
gboolean    sm_network_enter_element (SmNetworkParser *p,
                                      const char      *element_name,
                                      const char      *root,
                                      const char      *format,
                                      Frame          **parent,
                                      GError         **error);
gboolean    sm_network_parse_coordinate (const char *text,
                                         double     *value);
Key        *sm_network_lookup_key (SmNetworkParser *p,
                                   const char      *id,
                                   gboolean         is_edge);
Key        *sm_network_add_key (SmNetworkParser *p,
                                const char      *id,
                                const char      *domain,
                                const char      *name,
                                const char      *type,
                                guint            line,
                                GError         **error);
void        sm_network_end_key (SmNetworkParser *p);
Element    *sm_network_add_node (SmNetworkParser *p,
                                 const char      *id,
                                 Element         *group,
                                 guint            line,
                                 GError         **error);
Element    *sm_network_add_edge (SmNetworkParser *p,
                                 const char      *id,
                                 const char      *source,
                                 const char      *target,
                                 int              directed,
                                 gboolean         graph_directed,
                                 guint            line,
                                 GError         **error);
Datum      *sm_network_add_datum (SmNetworkParser *p,
                                  Element         *owner,
                                  const char      *key,
                                  guint            line,
                                  GError         **error);
gboolean    sm_network_end_element (SmNetworkParser *p,
                                    Element         *element,
                                    GError         **error);
SmMap      *sm_network_import (GBytes              *bytes,
                               const GMarkupParser *parser,
                               GStrv               *warnings,
                               GError             **error);

G_END_DECLS

/* sm-record.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-json.h"
#include "sm-map-private.h"
#include "sm-record.h"

struct _SmRecord
{
  GObject parent_instance;

  SmRecordKind kind;
  JsonObject  *data;
  SmMap       *map; /* not owned: the map owns its records */
};

G_DEFINE_FINAL_TYPE (SmRecord, sm_record, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sm_record_finalize (GObject *object)
{
  SmRecord *self = (SmRecord *) object;

  g_clear_pointer (&self->data, json_object_unref);

  G_OBJECT_CLASS (sm_record_parent_class)->finalize (object);
}

static void
sm_record_class_init (SmRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sm_record_finalize;

  /**
   * SmRecord::changed:
   * @path: the member that changed, such as "influence" or
   *   "remuneration.time_paid"; the detail is its first part
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sm_record_init (SmRecord *self)
{
}

/* Takes a reference on @data; the caller must not change it afterwards. */
SmRecord *
sm_record_new (SmRecordKind kind,
               JsonObject  *data)
{
  SmRecord *self = g_object_new (SM_TYPE_RECORD, NULL);

  self->kind = kind;
  self->data = data != NULL ? json_object_ref (data) : json_object_new ();
  return self;
}

SmRecordKind
sm_record_get_kind (SmRecord *self)
{
  g_return_val_if_fail (SM_IS_RECORD (self), SM_RECORD_MAP);
  return self->kind;
}

const char *
sm_record_get_id (SmRecord *self)
{
  g_return_val_if_fail (SM_IS_RECORD (self), NULL);
  return sm_record_get_string (self, "id");
}

SmMap *
sm_record_get_map (SmRecord *self)
{
  g_return_val_if_fail (SM_IS_RECORD (self), NULL);
  return self->map;
}

void
_sm_record_set_map (SmRecord *self,
                    SmMap    *map)
{
  self->map = map;
}

/* The record's members, borrowed; do not change them. */
JsonObject *
sm_record_get_data (SmRecord *self)
{
  g_return_val_if_fail (SM_IS_RECORD (self), NULL);
  return self->data;
}

JsonObject *
sm_record_dup_data (SmRecord *self)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  g_return_val_if_fail (SM_IS_RECORD (self), NULL);

  json_node_set_object (node, self->data);
  copy = sm_json_deep_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/* Walks "a.b.c" through nested objects; NULL when any part is missing. */
JsonNode *
sm_record_get_value (SmRecord   *self,
                     const char *path)
{
  JsonObject *object;
  const char *part = path;

  g_return_val_if_fail (SM_IS_RECORD (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  object = self->data;
  for (;;)
    {
      const char *dot = strchr (part, '.');
      JsonNode   *node;

      if (dot == NULL)
        return json_object_get_member (object, part);

      {
        char  name[64];
        gsize len = dot - part;

        if (len >= sizeof name)
          return NULL;
        memcpy (name, part, len);
        name[len] = '\0';
        node = json_object_get_member (object, name);
      }
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
      part = dot + 1;
    }
}

JsonNode *
sm_record_dup_value (SmRecord   *self,
                     const char *path)
{
  JsonNode *node = sm_record_get_value (self, path);

  return node != NULL ? sm_json_deep_copy (node) : NULL;
}

gboolean
sm_record_has_value (SmRecord   *self,
                     const char *path)
{
  return sm_record_get_value (self, path) != NULL;
}

const char *
sm_record_get_string (SmRecord   *self,
                      const char *path)
{
  JsonNode *node = sm_record_get_value (self, path);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* An enumeration value, with values this version does not know read as
 * "other", and the documented default ("unknown" if none) when the member
 * is absent. */
const char *
sm_record_get_enum (SmRecord   *self,
                    const char *path)
{
  const SmField *field = sm_schema_lookup_path (self->kind, path);
  const char    *value = sm_record_get_string (self, path);

  if (field == NULL || field->type != SM_FIELD_ENUM)
    return value;
  if (value == NULL)
    return field->default_string != NULL ? field->default_string : "unknown";
  return sm_schema_enum_resolve (field, value);
}

/* A score or level, or SM_UNKNOWN. */
double
sm_record_get_score (SmRecord   *self,
                     const char *path)
{
  JsonNode *node = sm_record_get_value (self, path);
  GType     type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return SM_UNKNOWN;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return SM_UNKNOWN;
}

double
sm_record_get_number (SmRecord   *self,
                      const char *path,
                      double      fallback)
{
  JsonNode *node = sm_record_get_value (self, path);
  GType     type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return fallback;
}

SmTristate
sm_record_get_boolean (SmRecord   *self,
                       const char *path)
{
  JsonNode *node = sm_record_get_value (self, path);

  if (node == NULL)
    {
      const SmField *field = sm_schema_lookup_path (self->kind, path);

      if (field != NULL && g_strcmp0 (field->default_json, "true") == 0)
        return SM_TRISTATE_TRUE;
      if (field != NULL && g_strcmp0 (field->default_json, "false") == 0)
        return SM_TRISTATE_FALSE;
      return SM_TRISTATE_UNKNOWN;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? SM_TRISTATE_TRUE : SM_TRISTATE_FALSE;
  return SM_TRISTATE_UNKNOWN;
}

/* A short human name for the record, for lists, messages and undo titles. */
const char *
sm_record_get_label (SmRecord *self)
{
  static const char *const members[] = {
    "title",
    "name",
    "label",
    "name",
    "title",
    "name",
    "text",
    "label",
  };
  const char *label;

  g_return_val_if_fail (SM_IS_RECORD (self), NULL);

  label = sm_record_get_string (self, members[self->kind]);
  if (label == NULL && self->kind == SM_RECORD_RELATIONSHIP)
    label = sm_record_get_enum (self, "category");
  if (label == NULL || *label == '\0')
    label = sm_record_get_id (self);
  return label != NULL ? label : "";
}

void
_sm_record_set_value (SmRecord   *self,
                      const char *path,
                      JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint       n = g_strv_length (parts);
  JsonObject *object = self->data;

  g_return_if_fail (n > 0);

  if (self->map != NULL)
    _sm_map_edit_begin (self->map);
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          if (value == NULL)
            goto done;
          json_object_set_object_member (object, parts[i], json_object_new ());
          child = json_object_get_member (object, parts[i]);
        }
      object = json_node_get_object (child);
    }

  if (value != NULL)
    json_object_set_member (object, parts[n - 1], sm_json_deep_copy (value));
  else if (json_object_has_member (object, parts[n - 1]))
    json_object_remove_member (object, parts[n - 1]);

done:
  if (self->map != NULL)
    _sm_map_edit_end (self->map);
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (parts[0]), path);
}

void
_sm_record_replace_data (SmRecord   *self,
                         JsonObject *data)
{
  if (self->map != NULL)
    _sm_map_edit_begin (self->map);
  json_object_ref (data);
  g_clear_pointer (&self->data, json_object_unref);
  self->data = data;
  if (self->map != NULL)
    _sm_map_edit_end (self->map);
  g_signal_emit (self, signals[CHANGED], 0, "");
}

/* Stakeholders */

const char *
sm_stakeholder_get_name (SmRecord *self)
{
  const char *name = sm_record_get_string (self, "name");

  return name != NULL ? name : "";
}

/* FALSE when the stakeholder has no position yet (it gets one by layout). */
gboolean
sm_stakeholder_get_position (SmRecord *self,
                             double   *x,
                             double   *y)
{
  JsonNode *nx = json_object_get_member (self->data, "x");
  JsonNode *ny = json_object_get_member (self->data, "y");
  gboolean  known = nx != NULL && ny != NULL &&
                   JSON_NODE_HOLDS_VALUE (nx) && JSON_NODE_HOLDS_VALUE (ny) &&
                   json_node_get_value_type (nx) != G_TYPE_STRING &&
                   json_node_get_value_type (ny) != G_TYPE_STRING;

  if (x != NULL)
    *x = known ? json_node_get_double (nx) : 0.0;
  if (y != NULL)
    *y = known ? json_node_get_double (ny) : 0.0;
  return known;
}

/* A region's centre and size. Sizes the loader refuses never reach here,
 * but records built in code may lack them: they get the default. */
void
sm_region_get_rect (SmRecord *self,
                    double   *cx,
                    double   *cy,
                    double   *width,
                    double   *height)
{
  double w, h;

  g_return_if_fail (SM_IS_RECORD (self));

  w = sm_record_get_number (self, "width", SM_REGION_DEFAULT_SIZE);
  h = sm_record_get_number (self, "height", SM_REGION_DEFAULT_SIZE);
  if (cx != NULL)
    *cx = sm_record_get_number (self, "x", 0.0);
  if (cy != NULL)
    *cy = sm_record_get_number (self, "y", 0.0);
  if (width != NULL)
    *width = isfinite (w) && w > 0 ? w : SM_REGION_DEFAULT_SIZE;
  if (height != NULL)
    *height = isfinite (h) && h > 0 ? h : SM_REGION_DEFAULT_SIZE;
}

/* Shapes this version does not know are drawn, and count, as rectangles. */
gboolean
sm_region_is_ellipse (SmRecord *self)
{
  g_return_val_if_fail (SM_IS_RECORD (self), FALSE);

  return g_strcmp0 (sm_record_get_string (self, "shape"), "ellipse") == 0;
}

/* Membership is where a stakeholder stands: its centre inside the shape. */
gboolean
sm_region_contains (SmRecord *self,
                    double    x,
                    double    y)
{
  double cx, cy, w, h, dx, dy;

  g_return_val_if_fail (SM_IS_RECORD (self), FALSE);

  sm_region_get_rect (self, &cx, &cy, &w, &h);
  dx = (x - cx) / (w / 2);
  dy = (y - cy) / (h / 2);
  if (sm_region_is_ellipse (self))
    return dx * dx + dy * dy <= 1.0;
  return fabs (dx) <= 1.0 && fabs (dy) <= 1.0;
}

static gboolean
str_in (const char        *s,
        const char *const *list)
{
  return s != NULL && g_strv_contains (list, s);
}

/* principles.md §3.7: the side a stakeholder is on, derived. */
SmSide
sm_stakeholder_get_side (SmRecord *self)
{
  static const char *const community_kinds[] = {
    "service_user", "carer", "citizen", "peer_worker", NULL
  };
  static const char *const institutional_kinds[] = {
    "professional", "manager", "commissioner", "funder", "elected_member",
    "researcher", "provider_org", "regulator", NULL
  };
  const char *override = sm_record_get_string (self, "side_override.side");
  const char *kind;

  if (override != NULL)
    {
      if (strcmp (override, "community") == 0)
        return SM_SIDE_COMMUNITY;
      if (strcmp (override, "institutional") == 0)
        return SM_SIDE_INSTITUTIONAL;
      return SM_SIDE_OTHER;
    }

  kind = sm_record_get_enum (self, "kind");
  if ((sm_record_get_boolean (self, "lived_experience.relevant") == SM_TRISTATE_TRUE &&
       sm_record_get_boolean (self, "lived_experience.in_role") == SM_TRISTATE_TRUE) ||
      str_in (kind, community_kinds) ||
      (g_strcmp0 (kind, "community_org") == 0 &&
       sm_record_get_boolean (self, "community_led") == SM_TRISTATE_TRUE))
    return SM_SIDE_COMMUNITY;
  if (str_in (kind, institutional_kinds))
    return SM_SIDE_INSTITUTIONAL;
  return SM_SIDE_OTHER;
}

/* Relationships */

const char *
sm_relationship_get_source (SmRecord *self)
{
  return sm_record_get_string (self, "source");
}

const char *
sm_relationship_get_target (SmRecord *self)
{
  return sm_record_get_string (self, "target");
}

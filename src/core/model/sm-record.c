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

/* A record keeps its members in a compact, typed form rather than as a
 * json-glib tree, which cost seven times as much memory: a small array of
 * members, each a slot of its kind's schema (or a member this version does
 * not know, kept as JSON with its name) and a value. Scalars are held as
 * numbers, booleans and strings (enumeration values point into the schema
 * tables); an object field whose members are all known (lived_experience,
 * remuneration, …) is flattened into a marker and one member per child.
 * Arrays, other objects and unknown members stay JSON.
 *
 * Known members are kept sorted by slot, top-level fields first in schema
 * order, then the children of flattened objects; members this version does
 * not know follow, in the order they were read, which is the order they are
 * written back. */

typedef enum
{
  VAL_NULL,
  VAL_TRUE,
  VAL_FALSE,
  VAL_INT,
  VAL_DOUBLE,
  VAL_STRING, /* owned */
  VAL_STATIC, /* a string of the schema tables */
  VAL_ID,     /* an id or a reference: an interned GRefString, so a
               * stakeholder's id and the ends of its relationships share
               * one string */
  VAL_JSON,   /* owned JsonNode: arrays, objects that are not flattened */
  VAL_OBJECT, /* a flattened object: its children are members of their own */
  VAL_UNKNOWN /* a member this version does not know: Unknown */
} ValueTag;

typedef struct
{
  char     *name;
  JsonNode *node;
} Unknown;

/* Packed: 11 bytes rather than 16, on the largest part of a large map. */
typedef struct __attribute__ ((packed))
{
  union
  {
    gint64      i;
    double      d;
    char       *s;
    const char *cs;
    JsonNode   *node;
    Unknown    *unknown;
  } v;
  guint16 slot;
  guint8  tag;
} Member;

#define NO_SLOT G_MAXUINT16

/* The slots of one kind: its fields, then the children of object fields. */
typedef struct
{
  const SmField  *fields;
  guint           n_top;
  guint           n_slots;
  const SmField **slot_field;
  guint          *child_base; /* per top-level field: slot of its first child, or 0 */
} Layout;

struct _SmRecord
{
  GObject parent_instance;

  SmRecordKind kind;
  guint16      n_members;
  guint16      n_known;
  Member      *members;
  SmMap       *map; /* not owned: the map owns its records */
};

G_DEFINE_FINAL_TYPE (SmRecord, sm_record, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const Layout *
layout_for (SmRecordKind kind)
{
  static Layout *layouts; /* SM_RECORD_LAST + 1 of them */

  if (g_once_init_enter (&layouts))
    {
      Layout *all = g_new0 (Layout, SM_RECORD_LAST + 1);

      for (SmRecordKind k = SM_RECORD_MAP; k <= SM_RECORD_LAST; k++)
        {
          Layout *l = &all[k];
          guint   slot;

          l->fields = sm_schema_get_fields (k);
          l->n_top = sm_schema_count (l->fields);
          l->n_slots = l->n_top;
          for (guint i = 0; i < l->n_top; i++)
            if (l->fields[i].type == SM_FIELD_OBJECT && l->fields[i].children != NULL)
              l->n_slots += sm_schema_count (l->fields[i].children);
          g_assert (l->n_slots < NO_SLOT);
          l->slot_field = g_new0 (const SmField *, l->n_slots);
          l->child_base = g_new0 (guint, l->n_top);
          slot = l->n_top;
          for (guint i = 0; i < l->n_top; i++)
            {
              l->slot_field[i] = &l->fields[i];
              if (l->fields[i].type == SM_FIELD_OBJECT && l->fields[i].children != NULL)
                {
                  guint n = sm_schema_count (l->fields[i].children);

                  l->child_base[i] = slot;
                  for (guint j = 0; j < n; j++)
                    l->slot_field[slot + j] = &l->fields[i].children[j];
                  slot += n;
                }
            }
        }
      g_once_init_leave (&layouts, all);
    }
  return &layouts[kind];
}

static void
member_clear (Member *m)
{
  switch (m->tag)
    {
    case VAL_STRING:
      g_free (m->v.s);
      break;
    case VAL_ID:
      g_ref_string_release (m->v.s);
      break;
    case VAL_JSON:
      json_node_unref (m->v.node);
      break;
    case VAL_UNKNOWN:
      g_free (m->v.unknown->name);
      json_node_unref (m->v.unknown->node);
      g_free (m->v.unknown);
      break;
    default:
      break;
    }
}

static void
members_clear (SmRecord *self)
{
  for (guint i = 0; i < self->n_members; i++)
    member_clear (&self->members[i]);
  g_clear_pointer (&self->members, g_free);
  self->n_members = self->n_known = 0;
}

static void
sm_record_finalize (GObject *object)
{
  SmRecord *self = (SmRecord *) object;

  members_clear (self);

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

static void
emit_changed (SmRecord   *self,
              GQuark      detail,
              const char *path)
{
  if (self->map != NULL)
    _sm_map_record_changed (self->map, self, path);
  g_signal_emit (self, signals[CHANGED], detail, path);
}

/* Building members from JSON */

/* Members are built into a growing array, then sorted once. */
typedef struct
{
  GArray *known;   /* Member */
  GArray *unknown; /* Member */
} Builder;

/* Ids that other records name (stakeholders, spaces, affected groups)
 * and references are interned, so an id and every mention of it share one
 * string. Other ids (relationships, decisions, notes, regions: most of a
 * big map's records) are their own: interning them would cost a place in
 * the table of interned strings and a larger string each, for nothing
 * shared. */
static gboolean
is_shared_id (const SmField *field)
{
  static const SmField *shared[3];

  if (field->type == SM_FIELD_REF)
    return TRUE;
  if (field->type != SM_FIELD_ID)
    return FALSE;
  if (g_once_init_enter (&shared[2]))
    {
      const SmRecordKind kinds[3] = { SM_RECORD_STAKEHOLDER, SM_RECORD_SPACE, SM_RECORD_AFFECTED_GROUP };
      const SmField     *found[3];

      for (guint i = 0; i < 3; i++)
        {
          const SmField *fields = sm_schema_get_fields (kinds[i]);

          found[i] = &fields[sm_schema_index (fields, "id")];
        }
      shared[0] = found[0];
      shared[1] = found[1];
      g_once_init_leave (&shared[2], found[2]);
    }
  return field == shared[0] || field == shared[1] || field == shared[2];
}

static gboolean
scalar_from_node (Member        *m,
                  JsonNode      *node,
                  const SmField *field)
{
  GType type;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      m->tag = VAL_NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      m->tag = VAL_INT;
      m->v.i = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      m->tag = VAL_DOUBLE;
      m->v.d = json_node_get_double (node);
    }
  else if (type == G_TYPE_BOOLEAN)
    m->tag = json_node_get_boolean (node) ? VAL_TRUE : VAL_FALSE;
  else
    {
      const char *str = json_node_get_string (node);

      if (strcmp (str, "unknown") == 0)
        {
          m->tag = VAL_STATIC;
          m->v.cs = "unknown";
          return TRUE;
        }
      for (guint i = 0; field->values != NULL && field->values[i] != NULL; i++)
        if (strcmp (field->values[i], str) == 0)
          {
            m->tag = VAL_STATIC;
            m->v.cs = field->values[i];
            return TRUE;
          }
      if (is_shared_id (field))
        {
          m->tag = VAL_ID;
          m->v.s = g_ref_string_new_intern (str);
        }
      else
        {
          m->tag = VAL_STRING;
          m->v.s = g_strdup (str);
        }
    }
  return TRUE;
}

static void
member_from_node (Member        *m,
                  JsonNode      *node,
                  const SmField *field)
{
  if (!scalar_from_node (m, node, field))
    {
      m->tag = VAL_JSON;
      m->v.node = sm_json_deep_copy (node);
    }
}

/* Whether every member of @object is a known child of @field. */
static gboolean
can_flatten (const SmField *field,
             JsonObject    *object)
{
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (sm_schema_index (field->children, name) < 0)
      return FALSE;
  return TRUE;
}

static void
builder_add (Builder      *b,
             const Layout *l,
             const char   *name,
             JsonNode     *node)
{
  int    i = sm_schema_index (l->fields, name);
  Member m = { 0 };

  if (i < 0)
    {
      m.slot = NO_SLOT;
      m.tag = VAL_UNKNOWN;
      m.v.unknown = g_new (Unknown, 1);
      m.v.unknown->name = g_strdup (name);
      m.v.unknown->node = sm_json_deep_copy (node);
      g_array_append_val (b->unknown, m);
      return;
    }

  m.slot = i;
  if (l->child_base[i] != 0 && JSON_NODE_HOLDS_OBJECT (node) &&
      can_flatten (&l->fields[i], json_node_get_object (node)))
    {
      JsonObjectIter iter;
      const char    *child_name;
      JsonNode      *child;

      m.tag = VAL_OBJECT;
      g_array_append_val (b->known, m);
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &child_name, &child))
        {
          int    j = sm_schema_index (l->fields[i].children, child_name);
          Member c = { 0 };

          c.slot = l->child_base[i] + j;

          member_from_node (&c, child, &l->fields[i].children[j]);
          g_array_append_val (b->known, c);
        }
      return;
    }
  member_from_node (&m, node, &l->fields[i]);
  g_array_append_val (b->known, m);
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  return (int) ((const Member *) a)->slot - (int) ((const Member *) b)->slot;
}

/* Replaces the members with the builder's. */
static void
builder_finish (Builder  *b,
                SmRecord *self)
{
  guint n = b->known->len + b->unknown->len;

  g_assert (n < G_MAXUINT16);
  g_array_sort (b->known, compare_slots);
  members_clear (self);
  self->members = g_new (Member, MAX (n, 1));
  /* An empty GArray may have no data at all, which memcpy() must not see. */
  if (b->known->len > 0)
    memcpy (self->members, b->known->data, b->known->len * sizeof (Member));
  if (b->unknown->len > 0)
    memcpy (self->members + b->known->len, b->unknown->data, b->unknown->len * sizeof (Member));
  self->n_known = b->known->len;
  self->n_members = n;
  g_array_unref (b->known);
  g_array_unref (b->unknown);
}

static void
builder_init (Builder *b)
{
  b->known = g_array_sized_new (FALSE, FALSE, sizeof (Member), 16);
  b->unknown = g_array_new (FALSE, FALSE, sizeof (Member));
}

static void
set_from_object (SmRecord   *self,
                 JsonObject *data)
{
  const Layout  *l = layout_for (self->kind);
  Builder        b;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  builder_init (&b);
  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    builder_add (&b, l, name, member);
  builder_finish (&b, self);
}

/* Members back to JSON */

static JsonNode *
member_to_node (const Member *m)
{
  JsonNode *node;

  switch (m->tag)
    {
    case VAL_NULL:
      return json_node_new (JSON_NODE_NULL);
    case VAL_TRUE:
    case VAL_FALSE:
      return json_node_init_boolean (json_node_alloc (), m->tag == VAL_TRUE);
    case VAL_INT:
      return json_node_init_int (json_node_alloc (), m->v.i);
    case VAL_DOUBLE:
      return json_node_init_double (json_node_alloc (), m->v.d);
    case VAL_STRING:
    case VAL_STATIC:
    case VAL_ID:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, m->v.cs);
      return node;
    case VAL_JSON:
      return sm_json_deep_copy (m->v.node);
    case VAL_UNKNOWN:
      return sm_json_deep_copy (m->v.unknown->node);
    default:
      g_assert_not_reached ();
    }
}

/* The children of the flattened object at member @k: [*first, *end). */
static void
children_range (SmRecord *self,
                guint     k,
                guint    *first,
                guint    *end)
{
  const Layout *l = layout_for (self->kind);
  guint         base = l->child_base[self->members[k].slot];
  guint         top = base + sm_schema_count (l->fields[self->members[k].slot].children);
  guint         i = self->n_known;

  /* Children follow every top-level member, sorted. */
  for (guint j = k + 1; j < self->n_known; j++)
    if (self->members[j].slot >= base)
      {
        i = j;
        break;
      }
  *first = i;
  while (i < self->n_known && self->members[i].slot < top)
    i++;
  *end = i;
}

/* The whole value of top-level member @k, as JSON (owned). */
static JsonNode *
top_member_to_node (SmRecord *self,
                    guint     k)
{
  const Layout *l = layout_for (self->kind);
  const Member *m = &self->members[k];
  JsonObject   *object;
  guint         first, end;

  if (m->tag != VAL_OBJECT)
    return member_to_node (m);

  object = json_object_new ();
  children_range (self, k, &first, &end);
  for (guint i = first; i < end; i++)
    json_object_set_member (object, l->slot_field[self->members[i].slot]->name,
                            member_to_node (&self->members[i]));
  return json_node_init_object (json_node_alloc (), object);
}

static const char *
top_member_name (SmRecord     *self,
                 const Member *m)
{
  if (m->tag == VAL_UNKNOWN)
    return m->v.unknown->name;
  return layout_for (self->kind)->slot_field[m->slot]->name;
}

static JsonObject *
to_object (SmRecord *self)
{
  const Layout *l = layout_for (self->kind);
  JsonObject   *object = json_object_new ();

  for (guint k = 0; k < self->n_members; k++)
    {
      const Member *m = &self->members[k];

      if (m->tag != VAL_UNKNOWN && m->slot >= l->n_top)
        continue;
      json_object_set_member (object, top_member_name (self, m), top_member_to_node (self, k));
    }
  return object;
}

/* Finding members */

/* The member holding top-level @name, or -1. */
static int
find_top (SmRecord   *self,
          const char *name,
          gsize       len)
{
  const Layout *l = layout_for (self->kind);
  char          buffer[64];
  const char   *key = name;
  int           slot;

  if (name[len] != '\0')
    {
      if (len >= sizeof buffer)
        return -1;
      memcpy (buffer, name, len);
      buffer[len] = '\0';
      key = buffer;
    }
  slot = sm_schema_index (l->fields, key);
  if (slot < 0)
    {
      for (guint k = self->n_known; k < self->n_members; k++)
        if (strcmp (self->members[k].v.unknown->name, key) == 0)
          return k;
      return -1;
    }
  for (guint k = 0; k < self->n_known && self->members[k].slot <= slot; k++)
    if (self->members[k].slot == slot)
      return k;
  return -1;
}

/* Walks "b.c" through nested JSON objects. */
static JsonNode *
walk_json (JsonNode   *node,
           const char *path)
{
  const char *part = path;

  for (;;)
    {
      const char *dot = strchr (part, '.');
      JsonObject *object;
      char        name[64];
      gsize       len;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
      if (dot == NULL)
        return json_object_get_member (object, part);
      len = dot - part;
      if (len >= sizeof name)
        return NULL;
      memcpy (name, part, len);
      name[len] = '\0';
      node = json_object_get_member (object, name);
      part = dot + 1;
    }
}

/* What @path holds: a typed member, or a node inside JSON; neither when
 * absent. */
typedef struct
{
  const Member *member; /* never VAL_JSON nor VAL_UNKNOWN */
  JsonNode     *node;
  int           top; /* the top-level member it is in, or -1 */
} Found;

static gboolean
find_path (SmRecord   *self,
           const char *path,
           Found      *found)
{
  const char *dot = strchr (path, '.');
  gsize       len = dot != NULL ? (gsize) (dot - path) : strlen (path);
  int         k = find_top (self, path, len);
  Member     *m;

  found->member = NULL;
  found->node = NULL;
  found->top = k;
  if (k < 0)
    return FALSE;
  m = &self->members[k];
  if (m->tag == VAL_UNKNOWN || m->tag == VAL_JSON)
    {
      JsonNode *node = m->tag == VAL_JSON ? m->v.node : m->v.unknown->node;

      found->node = dot == NULL ? node : walk_json (node, dot + 1);
      return found->node != NULL;
    }
  if (dot == NULL)
    {
      found->member = m;
      return TRUE;
    }
  if (m->tag == VAL_OBJECT)
    {
      const Layout *l = layout_for (self->kind);
      const char   *rest = dot + 1;
      const char   *dot2 = strchr (rest, '.');
      char          name[64];
      const char   *key = rest;
      int           j;
      guint         first, end;

      if (dot2 != NULL)
        {
          gsize n = dot2 - rest;

          if (n >= sizeof name)
            return FALSE;
          memcpy (name, rest, n);
          name[n] = '\0';
          key = name;
        }
      j = sm_schema_index (l->fields[m->slot].children, key);
      if (j < 0)
        return FALSE;
      children_range (self, k, &first, &end);
      for (guint i = first; i < end; i++)
        if (self->members[i].slot == l->child_base[m->slot] + (guint) j)
          {
            Member *c = &self->members[i];

            if (c->tag == VAL_JSON)
              {
                found->node = dot2 == NULL ? c->v.node : walk_json (c->v.node, dot2 + 1);
                return found->node != NULL;
              }
            if (dot2 != NULL)
              return FALSE;
            found->member = c;
            return TRUE;
          }
    }
  return FALSE;
}

/* Public API */

/* Copies @data: the caller may go on using it. */
SmRecord *
sm_record_new (SmRecordKind kind,
               JsonObject  *data)
{
  SmRecord *self = g_object_new (SM_TYPE_RECORD, NULL);

  self->kind = kind;
  if (data != NULL)
    set_from_object (self, data);
  return self;
}

/* A record with the same members, sharing nothing with @self; reads
 * @self only, so it may run on another thread while @self is read. */
SmRecord *
_sm_record_copy (SmRecord *self)
{
  SmRecord *copy = g_object_new (SM_TYPE_RECORD, NULL);

  copy->kind = self->kind;
  copy->n_members = self->n_members;
  copy->n_known = self->n_known;
  copy->members = g_new (Member, MAX (self->n_members, 1));
  for (guint k = 0; k < self->n_members; k++)
    {
      const Member *m = &self->members[k];
      Member       *c = &copy->members[k];

      *c = *m;
      if (m->tag == VAL_STRING)
        c->v.s = g_strdup (m->v.s);
      else if (m->tag == VAL_ID)
        c->v.s = g_ref_string_acquire (m->v.s);
      else if (m->tag == VAL_JSON)
        c->v.node = sm_json_deep_copy (m->v.node);
      else if (m->tag == VAL_UNKNOWN)
        {
          c->v.unknown = g_new (Unknown, 1);
          c->v.unknown->name = g_strdup (m->v.unknown->name);
          c->v.unknown->node = sm_json_deep_copy (m->v.unknown->node);
        }
    }
  return copy;
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

/* The record's members as a JSON object of its own, built on demand:
 * known members in the order of docs/format.md, then the others in the
 * order they were read. */
JsonObject *
sm_record_dup_data (SmRecord *self)
{
  g_return_val_if_fail (SM_IS_RECORD (self), NULL);

  return to_object (self);
}

/* Turns top-level member @k into JSON in place, so a borrowed node can be
 * handed out. */
static void
demote (SmRecord *self,
        guint     k)
{
  Member   *m = &self->members[k];
  JsonNode *node;
  guint     first = k + 1, end = k + 1;

  if (m->tag == VAL_JSON || m->tag == VAL_UNKNOWN)
    return;
  node = top_member_to_node (self, k);
  if (m->tag == VAL_OBJECT)
    children_range (self, k, &first, &end);
  if (self->map != NULL)
    _sm_map_edit_begin (self->map);
  member_clear (m);
  m->tag = VAL_JSON;
  m->v.node = node;
  if (end > first)
    {
      for (guint i = first; i < end; i++)
        member_clear (&self->members[i]);
      memmove (&self->members[first], &self->members[end],
               (self->n_members - end) * sizeof (Member));
      self->n_members -= end - first;
      self->n_known -= end - first;
    }
  if (self->map != NULL)
    _sm_map_edit_end (self->map);
}

/* Walks "a.b.c" through nested objects; NULL when any part is missing.
 * Borrowed: a member held in typed form is turned back into JSON for it,
 * so prefer the typed getters, or sm_record_dup_value(), for scalars. */
JsonNode *
sm_record_get_value (SmRecord   *self,
                     const char *path)
{
  Found found;

  g_return_val_if_fail (SM_IS_RECORD (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!find_path (self, path, &found))
    return NULL;
  if (found.node != NULL)
    return found.node;
  demote (self, found.top);
  find_path (self, path, &found);
  return found.node;
}

JsonNode *
sm_record_dup_value (SmRecord   *self,
                     const char *path)
{
  Found found;

  g_return_val_if_fail (SM_IS_RECORD (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!find_path (self, path, &found))
    return NULL;
  if (found.node != NULL)
    return sm_json_deep_copy (found.node);
  if (found.member->tag == VAL_OBJECT)
    return top_member_to_node (self, found.member - self->members);
  return member_to_node (found.member);
}

gboolean
sm_record_has_value (SmRecord   *self,
                     const char *path)
{
  Found found;

  g_return_val_if_fail (SM_IS_RECORD (self), FALSE);
  return find_path (self, path, &found);
}

/* A scalar found at a path, in one form whether typed or JSON. */
static ValueTag
found_scalar (const Found *found,
              gint64      *i,
              double      *d,
              const char **s)
{
  if (found->member != NULL)
    {
      *i = found->member->v.i;
      *d = found->member->v.d;
      *s = found->member->v.cs;
      return found->member->tag;
    }
  if (found->node != NULL && JSON_NODE_HOLDS_VALUE (found->node))
    {
      GType type = json_node_get_value_type (found->node);

      if (type == G_TYPE_INT64)
        {
          *i = json_node_get_int (found->node);
          return VAL_INT;
        }
      if (type == G_TYPE_DOUBLE)
        {
          *d = json_node_get_double (found->node);
          return VAL_DOUBLE;
        }
      if (type == G_TYPE_BOOLEAN)
        return json_node_get_boolean (found->node) ? VAL_TRUE : VAL_FALSE;
      *s = json_node_get_string (found->node);
      return VAL_STRING;
    }
  return VAL_JSON;
}

static gboolean
get_number (SmRecord   *self,
            const char *path,
            double     *value)
{
  Found       found;
  gint64      i = 0;
  double      d = 0;
  const char *s = NULL;

  if (!find_path (self, path, &found))
    return FALSE;
  switch (found_scalar (&found, &i, &d, &s))
    {
    case VAL_INT:
      *value = (double) i;
      return TRUE;
    case VAL_DOUBLE:
      *value = d;
      return TRUE;
    default:
      return FALSE;
    }
}

const char *
sm_record_get_string (SmRecord   *self,
                      const char *path)
{
  Found       found;
  gint64      i = 0;
  double      d = 0;
  const char *s = NULL;
  ValueTag    tag;

  g_return_val_if_fail (SM_IS_RECORD (self), NULL);

  if (!find_path (self, path, &found))
    return NULL;
  tag = found_scalar (&found, &i, &d, &s);
  return tag == VAL_STRING || tag == VAL_STATIC || tag == VAL_ID ? s : NULL;
}

/* The field a path names in the kind's schema, without allocating. */
static const SmField *
field_for_path (SmRecordKind kind,
                const char  *path)
{
  const char    *dot = strchr (path, '.');
  const Layout  *l = layout_for (kind);
  char           name[64];
  const SmField *field;
  int            i;

  if (dot == NULL)
    return sm_schema_lookup (l->fields, path);
  if ((gsize) (dot - path) >= sizeof name)
    return NULL;
  memcpy (name, path, dot - path);
  name[dot - path] = '\0';
  i = sm_schema_index (l->fields, name);
  if (i < 0 || strchr (dot + 1, '.') != NULL)
    return sm_schema_lookup_path (kind, path);
  field = &l->fields[i];
  if (field->type != SM_FIELD_OBJECT)
    return NULL;
  return sm_schema_lookup (field->children, dot + 1);
}

/* An enumeration value, with values this version does not know read as
 * "other", and the documented default ("unknown" if none) when the member
 * is absent. */
const char *
sm_record_get_enum (SmRecord   *self,
                    const char *path)
{
  const SmField *field = field_for_path (self->kind, path);
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
  double value;

  return get_number (self, path, &value) ? value : SM_UNKNOWN;
}

double
sm_record_get_number (SmRecord   *self,
                      const char *path,
                      double      fallback)
{
  double value;

  return get_number (self, path, &value) ? value : fallback;
}

SmTristate
sm_record_get_boolean (SmRecord   *self,
                       const char *path)
{
  Found       found;
  gint64      i = 0;
  double      d = 0;
  const char *s = NULL;

  if (!find_path (self, path, &found))
    {
      const SmField *field = field_for_path (self->kind, path);

      if (field != NULL && g_strcmp0 (field->default_json, "true") == 0)
        return SM_TRISTATE_TRUE;
      if (field != NULL && g_strcmp0 (field->default_json, "false") == 0)
        return SM_TRISTATE_FALSE;
      return SM_TRISTATE_UNKNOWN;
    }
  switch (found_scalar (&found, &i, &d, &s))
    {
    case VAL_TRUE:
      return SM_TRISTATE_TRUE;
    case VAL_FALSE:
      return SM_TRISTATE_FALSE;
    default:
      return SM_TRISTATE_UNKNOWN;
    }
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

/* Sets @path in @object as the file would have it: missing objects on the
 * way are made, and a NULL @value removes the member. */
static void
object_set_path (JsonObject *object,
                 char      **parts,
                 guint       n,
                 JsonNode   *value)
{
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          if (value == NULL)
            return;
          json_object_set_object_member (object, parts[i], json_object_new ());
          child = json_object_get_member (object, parts[i]);
        }
      object = json_node_get_object (child);
    }

  if (value != NULL)
    json_object_set_member (object, parts[n - 1], sm_json_deep_copy (value));
  else if (json_object_has_member (object, parts[n - 1]))
    json_object_remove_member (object, parts[n - 1]);
}

/* Replaces top-level member @k (or adds @name when @k is -1) by @node, or
 * removes it when @node is NULL. A member this version does not know keeps
 * its place among the others. */
static void
replace_top (SmRecord   *self,
             int         k,
             const char *name,
             JsonNode   *node)
{
  const Layout *l = layout_for (self->kind);
  Builder       b;

  builder_init (&b);
  for (guint i = 0; i < self->n_known; i++)
    {
      Member *m = &self->members[i];

      if (k >= 0 && i == (guint) k)
        continue;
      if (k >= 0 && self->members[k].tag == VAL_OBJECT && m->slot >= l->n_top)
        {
          guint first, end;

          children_range (self, k, &first, &end);
          if (i >= first && i < end)
            {
              member_clear (m);
              continue;
            }
        }
      g_array_append_val (b.known, *m);
    }
  for (guint i = self->n_known; i < self->n_members; i++)
    {
      if (k >= 0 && i == (guint) k)
        {
          if (node != NULL)
            builder_add (&b, l, name, node);
          continue;
        }
      g_array_append_val (b.unknown, self->members[i]);
    }
  if (node != NULL && (k < 0 || (guint) k < self->n_known))
    builder_add (&b, l, name, node);
  if (k >= 0)
    member_clear (&self->members[k]);

  /* The members moved to the builder: only the array goes. */
  g_clear_pointer (&self->members, g_free);
  self->n_members = self->n_known = 0;
  builder_finish (&b, self);
}

void
_sm_record_set_value (SmRecord   *self,
                      const char *path,
                      JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  int   k;
  g_autoptr(JsonNode) whole = NULL;

  g_return_if_fail (n > 0);

  k = find_top (self, parts[0], strlen (parts[0]));
  if (n == 1)
    whole = value != NULL ? sm_json_deep_copy (value) : NULL;
  else
    {
      g_autoptr(JsonObject) scratch = json_object_new ();

      if (k >= 0)
        json_object_set_member (scratch, parts[0], top_member_to_node (self, k));
      object_set_path (scratch, parts, n, value);
      if (json_object_has_member (scratch, parts[0]))
        whole = json_node_ref (json_object_get_member (scratch, parts[0]));
      else if (k < 0)
        goto done;
    }

  if (self->map != NULL)
    _sm_map_edit_begin (self->map);
  replace_top (self, k, parts[0], whole);
  if (self->map != NULL)
    _sm_map_edit_end (self->map);

done:
  emit_changed (self, g_quark_from_string (parts[0]), path);
}

void
_sm_record_replace_data (SmRecord   *self,
                         JsonObject *data)
{
  if (self->map != NULL)
    _sm_map_edit_begin (self->map);
  set_from_object (self, data);
  if (self->map != NULL)
    _sm_map_edit_end (self->map);
  emit_changed (self, 0, "");
}

/* Takes @other's members (it is left empty), as _sm_record_replace_data. */
void
_sm_record_replace_with (SmRecord *self,
                         SmRecord *other)
{
  g_return_if_fail (self->kind == other->kind);

  if (self->map != NULL)
    _sm_map_edit_begin (self->map);
  members_clear (self);
  self->members = g_steal_pointer (&other->members);
  self->n_members = other->n_members;
  self->n_known = other->n_known;
  other->n_members = other->n_known = 0;
  if (self->map != NULL)
    _sm_map_edit_end (self->map);
  emit_changed (self, 0, "");
}

/* Writing */

static void
write_indent (GString *out,
              guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static void
write_int (GString *out,
           gint64   value)
{
  char    buffer[24];
  char   *p = buffer + sizeof buffer;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + u % 10;
      u /= 10;
    }
  while (u != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buffer + sizeof buffer - p);
}

static void
write_value (GString       *out,
             const Member  *m,
             const SmField *field,
             guint          indent)
{
  switch (m->tag)
    {
    case VAL_NULL:
      g_string_append (out, "null");
      break;
    case VAL_TRUE:
      g_string_append (out, "true");
      break;
    case VAL_FALSE:
      g_string_append (out, "false");
      break;
    case VAL_INT:
      write_int (out, m->v.i);
      break;
    case VAL_DOUBLE:
      sm_json_write_double (out, m->v.d);
      break;
    case VAL_STRING:
    case VAL_STATIC:
    case VAL_ID:
      sm_json_write_string (out, m->v.cs);
      break;
    case VAL_JSON:
      sm_json_write (out, m->v.node,
                     field != NULL && (field->type == SM_FIELD_OBJECT || field->type == SM_FIELD_OBJECT_LIST)
                       ? field->children
                       : NULL,
                     indent);
      break;
    case VAL_UNKNOWN:
      sm_json_write (out, m->v.unknown->node, NULL, indent);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
write_name (GString    *out,
            const char *name,
            guint       indent,
            gboolean   *first)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  write_indent (out, indent);
  sm_json_write_string (out, name);
  g_string_append (out, ": ");
}

/* Writes the record as sm_json_write() writes its JSON object: known
 * members in schema order, then the others in their order. */
void
_sm_record_write (SmRecord *self,
                  GString  *out,
                  guint     indent)
{
  const Layout *l = layout_for (self->kind);
  gboolean      first = TRUE;

  if (self->n_members == 0)
    {
      g_string_append (out, "{}");
      return;
    }
  g_string_append_c (out, '{');
  for (guint k = 0; k < self->n_members; k++)
    {
      const Member  *m = &self->members[k];
      const SmField *field;

      if (m->tag == VAL_UNKNOWN)
        {
          write_name (out, m->v.unknown->name, indent + 1, &first);
          write_value (out, m, NULL, indent + 1);
          continue;
        }
      if (m->slot >= l->n_top)
        continue;
      field = l->slot_field[m->slot];
      write_name (out, field->name, indent + 1, &first);
      if (m->tag == VAL_OBJECT)
        {
          guint    c_first, c_end;
          gboolean c_is_first = TRUE;

          children_range (self, k, &c_first, &c_end);
          if (c_first == c_end)
            {
              g_string_append (out, "{}");
              continue;
            }
          g_string_append_c (out, '{');
          for (guint i = c_first; i < c_end; i++)
            {
              const SmField *child = l->slot_field[self->members[i].slot];

              write_name (out, child->name, indent + 2, &c_is_first);
              write_value (out, &self->members[i], child, indent + 2);
            }
          write_indent (out, indent + 1);
          g_string_append_c (out, '}');
        }
      else
        write_value (out, m, field, indent + 1);
    }
  write_indent (out, indent);
  g_string_append_c (out, '}');
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
  double   vx = 0.0, vy = 0.0;
  gboolean known = get_number (self, "x", &vx) && get_number (self, "y", &vy);

  if (x != NULL)
    *x = known ? vx : 0.0;
  if (y != NULL)
    *y = known ? vy : 0.0;
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

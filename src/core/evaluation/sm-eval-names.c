/* sm-eval-names.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a finding calls the people and records it is about: a person by
 * name only with their consent (§3.9, DQ-05), any record by what a
 * reader would recognise, a missing field by where it is. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-command.h"
#include "sm-evaluate-private.h"
#include "sm-format.h"
#include "sm-json.h"
#include "sm-schema.h"

/* Kinds that are organisations, never one person (principles.md §3.7).
 * A commissioner, a manager or an advocate is usually one person, so their
 * kinds are not here: a team among them is marked is_group. */
static const char *const organisation_kinds[] = {
  "community_org", "provider_org", "funder", "regulator", NULL
};

/**
 * sm_stakeholder_is_organisation:
 *
 * Returns: whether @stakeholder is an organisation or a group: its kind is
 *   an organisation's, or it is marked is_group
 */
gboolean
sm_stakeholder_is_organisation (SmRecord *stakeholder)
{
  const char *kind;

  g_return_val_if_fail (SM_IS_RECORD (stakeholder), FALSE);

  if (sm_record_get_boolean (stakeholder, "is_group") == SM_TRISTATE_TRUE)
    return TRUE;
  kind = sm_record_get_enum (stakeholder, "kind");
  return kind != NULL && g_strv_contains (organisation_kinds, kind);
}

/* Consent (§3.9, DQ-05): organisations and groups are named; a person only
 * when they have agreed ("unknown" is not agreement). */
gboolean
sm_stakeholder_may_be_named (SmRecord *stakeholder)
{
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), FALSE);

  if (sm_stakeholder_is_organisation (stakeholder))
    return TRUE;
  return sm_record_get_boolean (stakeholder, "consent_to_be_mapped") == SM_TRISTATE_TRUE;
}

/**
 * sm_stakeholder_dup_display_name:
 * @respect_consent: %TRUE for anything that leaves the team: people who
 *   have not agreed to be named are "Participant" (SmPublicNames numbers
 *   them within their map)
 */
char *
sm_stakeholder_dup_display_name (SmRecord *stakeholder,
                                 gboolean  respect_consent)
{
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), NULL);

  if (respect_consent && !sm_stakeholder_may_be_named (stakeholder))
    return g_strdup (_ ("Participant"));
  return g_strdup (sm_stakeholder_get_name (stakeholder));
}

/* Public names: one rule for every output that leaves the team. */

typedef struct
{
  char *name;       /* the real name, looked for in free text */
  char *short_name; /* "Kai" for "Kai (16)": how free text calls them too; or NULL */
  char *pseudonym;  /* "Participant N" */
  char *id;         /* the real id */
  char *public_id;  /* "participant-N", or with a suffix when that is taken */
} Hidden;

struct _SmPublicNames
{
  GHashTable        *by_record; /* SmRecord * → Hidden *, every hidden person */
  GHashTable        *by_id;     /* a hidden person's real id → Hidden * */
  GHashTable        *by_name;   /* a name looked for in free text → the first Hidden * with it */
  GPtrArray         *trie;      /* the names looked for, a byte a step: node → the Hidden * whose name ends there */
  GHashTable        *edges;     /* node × 256 + byte → its child node */
  GPtrArray         *hidden;    /* Hidden *, in map order; owns them */
  SmPublicNamesFlags flags;
};

static void
hidden_free (gpointer data)
{
  Hidden *h = data;

  g_free (h->name);
  g_free (h->short_name);
  g_free (h->pseudonym);
  g_free (h->id);
  g_free (h->public_id);
  g_free (h);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* The bytes of the run of word characters at @p (0 when @p is not one). */
static gsize
word_length (const char *p)
{
  const char *q = p;

  while (*q != '\0' && is_word_char (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  return q - p;
}

/* The names looked for in free text are a trie of their bytes, so the
 * scrub finds every name that begins at a place in one walk along the
 * text from there, however many people are hidden and whatever their
 * names share. Node 0 is the root. */
static gsize
trie_edge (gsize  node,
           guchar byte)
{
  return node * 256 + byte + 1;
}

static gsize
trie_child (SmPublicNames *self,
            gsize          node,
            guchar         byte)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (self->edges, GSIZE_TO_POINTER (trie_edge (node, byte))));
}

/* Looks for @name (owned by @h) in free text. Only names of three letters
 * or more are: shorter ones would match ordinary words. */
static void
look_for_name (SmPublicNames *self,
               Hidden        *h,
               const char    *name)
{
  gsize node = 0;

  if (g_utf8_strlen (name, -1) < 3 || g_hash_table_contains (self->by_name, name))
    return;
  g_hash_table_insert (self->by_name, (gpointer) name, h);
  for (const guchar *p = (const guchar *) name; *p != '\0'; p++)
    {
      gsize child = trie_child (self, node, *p);

      if (child == 0)
        {
          child = self->trie->len;
          g_ptr_array_add (self->trie, NULL);
          g_hash_table_insert (self->edges, GSIZE_TO_POINTER (trie_edge (node, *p)), GSIZE_TO_POINTER (child));
        }
      node = child;
    }
  g_ptr_array_index (self->trie, node) = h;
}

/* "Kai" for "Kai (16)": a note says "Kai", not the age the map adds. */
static char *
dup_short_name (const char *name)
{
  const char *open = g_strrstr (name, " (");

  if (open == NULL || open == name || !g_str_has_suffix (name, ")"))
    return NULL;
  return g_strstrip (g_strndup (name, open - name));
}

/* An id like "gloria" says the name it should hide: a hidden person's id
 * outside the team is "participant-N", with the N of their "Participant N",
 * or "participant-N-2", … when another record already has that id. */
static void
assign_public_ids (SmPublicNames *self,
                   SmMap         *map)
{
  g_autoptr(GHashTable) taken = NULL;

  if (self->hidden->len == 0)
    return;
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (SmRecordKind kind = SM_RECORD_STAKEHOLDER; kind <= SM_RECORD_LAST; kind++)
    {
      SmCollection *records = sm_map_get_collection (map, kind);

      for (guint i = 0; i < sm_collection_get_size (records); i++)
        {
          const char *id = sm_record_get_id (sm_collection_get (records, i));

          /* The hidden people's own ids are all replaced: they free theirs. */
          if (id != NULL && !g_hash_table_contains (self->by_id, id))
            g_hash_table_add (taken, g_strdup (id));
        }
    }
  for (guint i = 0; i < self->hidden->len; i++)
    {
      Hidden *h = g_ptr_array_index (self->hidden, i);
      char   *id = g_strdup_printf ("participant-%u", i + 1);

      for (guint suffix = 2; g_hash_table_contains (taken, id); suffix++)
        {
          g_free (id);
          id = g_strdup_printf ("participant-%u-%u", i + 1, suffix);
        }
      h->public_id = id;
      g_hash_table_add (taken, g_strdup (id));
    }
}

/**
 * sm_public_names_new:
 *
 * The names everything that leaves the team uses for the stakeholders of
 * @map as it is now: an individual who has not agreed to be named is
 * "Participant N", N counting the hidden individuals in the map's order,
 * so the same person has the same N in the report, the exports and the
 * findings made from the same map. Build it once per output: it reads
 * the map once.
 */
SmPublicNames *
sm_public_names_new (SmMap *map)
{
  return sm_public_names_new_full (map, SM_PUBLIC_NAMES_CONSENT);
}

/**
 * sm_public_names_new_full:
 * @flags: %SM_PUBLIC_NAMES_HIDE_PEOPLE to hide every individual, even one
 *   who agreed to be named; organisations and groups stay named
 *
 * As sm_public_names_new(), N counting the hidden individuals in the
 * map's order whoever they are.
 */
SmPublicNames *
sm_public_names_new_full (SmMap             *map,
                          SmPublicNamesFlags flags)
{
  SmPublicNames *self;
  SmCollection  *people;
  g_autoptr(GHashTable) named = NULL; /* the names of people who are named */

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  self = g_new0 (SmPublicNames, 1);
  self->flags = flags;
  self->by_record = g_hash_table_new (NULL, NULL);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->trie = g_ptr_array_new ();
  g_ptr_array_add (self->trie, NULL);
  self->edges = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->hidden = g_ptr_array_new_with_free_func (hidden_free);
  people = sm_map_get_stakeholders (map);
  for (guint i = 0; i < sm_collection_get_size (people); i++)
    {
      SmRecord   *person = sm_collection_get (people, i);
      const char *name = sm_stakeholder_get_name (person);
      Hidden     *h;

      if ((flags & SM_PUBLIC_NAMES_HIDE_PEOPLE) != 0 ? sm_stakeholder_is_organisation (person)
                                                     : sm_stakeholder_may_be_named (person))
        continue;
      h = g_new0 (Hidden, 1);
      h->name = g_strdup (name != NULL ? name : "");
      h->pseudonym = g_strdup_printf (_ ("Participant %u"), self->hidden->len + 1);
      h->id = g_strdup (sm_record_get_id (person));
      g_ptr_array_add (self->hidden, h);
      g_hash_table_insert (self->by_record, person, h);
      if (h->id != NULL)
        g_hash_table_insert (self->by_id, h->id, h);

      look_for_name (self, h, h->name);
    }
  /* Then the short names, after every full one, and none that is the
   * name of someone named. */
  for (guint i = 0; i < self->hidden->len; i++)
    {
      Hidden *h = g_ptr_array_index (self->hidden, i);

      h->short_name = dup_short_name (h->name);
      if (h->short_name == NULL)
        continue;
      if (named == NULL)
        {
          named = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint k = 0; k < sm_collection_get_size (people); k++)
            {
              SmRecord   *other = sm_collection_get (people, k);
              const char *other_name = sm_stakeholder_get_name (other);

              if (other_name != NULL && !g_hash_table_contains (self->by_record, other))
                g_hash_table_add (named, (gpointer) other_name);
            }
        }
      if (!g_hash_table_contains (named, h->short_name))
        look_for_name (self, h, h->short_name);
    }
  assign_public_ids (self, map);
  return self;
}

void
sm_public_names_free (SmPublicNames *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_record);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->by_name);
  g_ptr_array_unref (self->trie);
  g_hash_table_unref (self->edges);
  g_ptr_array_unref (self->hidden);
  g_free (self);
}

/* Whether every individual is hidden, or only those without consent. */
SmPublicNamesFlags
sm_public_names_get_flags (SmPublicNames *self)
{
  g_return_val_if_fail (self != NULL, SM_PUBLIC_NAMES_CONSENT);

  return self->flags;
}

/* How many individuals are hidden. */
guint
sm_public_names_get_n_hidden (SmPublicNames *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->hidden->len;
}

/* Whether @stakeholder is one of the hidden individuals. */
gboolean
sm_public_names_is_hidden (SmPublicNames *self,
                           SmRecord      *stakeholder)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_hash_table_contains (self->by_record, stakeholder);
}

/**
 * sm_public_names_get_name:
 *
 * Returns: (transfer none): what @stakeholder is called outside the team:
 *   its name, or "Participant N"
 */
const char *
sm_public_names_get_name (SmPublicNames *self,
                          SmRecord      *stakeholder)
{
  Hidden *h;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), NULL);

  h = g_hash_table_lookup (self->by_record, stakeholder);
  return h != NULL ? h->pseudonym : sm_stakeholder_get_name (stakeholder);
}

/**
 * sm_public_names_get_id:
 *
 * Returns: (transfer none): @stakeholder's id outside the team: its own,
 *   or "participant-N" for a hidden person
 */
const char *
sm_public_names_get_id (SmPublicNames *self,
                        SmRecord      *stakeholder)
{
  Hidden *h;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SM_IS_RECORD (stakeholder), NULL);

  h = g_hash_table_lookup (self->by_record, stakeholder);
  return h != NULL ? h->public_id : sm_record_get_id (stakeholder);
}

/**
 * sm_public_names_scrub:
 *
 * Returns: @text (NULL as "") with every whole-word occurrence of a hidden
 *   person's name replaced by their "Participant N"; other words, even
 *   ones that begin like a hidden name, stay as they are. One pass, so a
 *   pseudonym is never scrubbed again.
 */
char *
sm_public_names_scrub (SmPublicNames *self,
                       const char    *text)
{
  GString    *out;
  const char *p;

  g_return_val_if_fail (self != NULL, NULL);

  if (text == NULL)
    return g_strdup ("");
  if (self->trie->len == 1)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      Hidden *found = NULL;
      gsize   found_len = 0, word;
      gsize   node = 0;

      /* Here p is at the start of a word, or at a character that is not
       * part of one: a name can only begin at either. The walk down the
       * trie meets every name that begins here; the longest that ends
       * where a word does wins. */
      for (const char *q = p; *q != '\0'; q++)
        {
          node = trie_child (self, node, (guchar) *q);
          if (node == 0)
            break;
          if (g_ptr_array_index (self->trie, node) != NULL &&
              (q[1] == '\0' || !is_word_char (g_utf8_get_char_validated (q + 1, -1))))
            {
              found = g_ptr_array_index (self->trie, node);
              found_len = q + 1 - p;
            }
        }
      if (found != NULL)
        {
          g_string_append (out, found->pseudonym);
          p += found_len;
          continue;
        }
      word = word_length (p);
      if (word == 0)
        word = g_utf8_next_char (p) - p;
      g_string_append_len (out, p, word);
      p += word;
    }
  return g_string_free (out, FALSE);
}

static void
scrub_field (SmPublicNames *self,
             SmMap         *copy,
             SmRecord      *record,
             const char    *path)
{
  const char      *text = sm_record_get_string (record, path);
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  clean = sm_public_names_scrub (self, text);
  if (strcmp (clean, text) != 0)
    {
      g_autoptr(SmCommand) command = sm_command_new_set_string (record, path, clean);

      sm_command_apply (command, copy);
    }
}

/**
 * sm_public_names_dup_map:
 * @self: the names of @map
 * @map: the map they were made from
 *
 * A copy of @map for readers outside the group, as the report and the
 * images draw it: every hidden individual renamed "Participant N", and
 * the text drawn beside the names (relationship labels, notes on the
 * canvas, region labels) scrubbed of hidden names. Ids and other members are kept.
 *
 * Returns: (transfer full): the copy, or %NULL with @error set when a
 *   name could not be hidden
 */
SmMap *
sm_public_names_dup_map (SmPublicNames *self,
                         SmMap         *map,
                         GError       **error)
{
  SmCollection *people;
  g_autoptr(SmMap) copy = NULL;
  SmCollection *copies, *ties, *notes, *regions;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  /* A deep copy, not the map saved and read again: the same records and
   * members in the same order, without writing, parsing and checking
   * them all (test-evaluate's public-names-dup-map compares the two). */
  people = sm_map_get_stakeholders (map);
  copy = sm_map_copy_full (map, NULL, error);
  if (copy == NULL)
    return NULL;

  /* The copy holds the same stakeholders in the same order. */
  copies = sm_map_get_stakeholders (copy);
  g_assert (sm_collection_get_size (copies) == sm_collection_get_size (people));
  for (guint i = 0; i < sm_collection_get_size (copies); i++)
    {
      SmRecord   *original = sm_collection_get (people, i);
      SmRecord   *person = sm_collection_get (copies, i);
      const char *pseudonym;
      g_autoptr(SmCommand) command = NULL;

      if (!sm_public_names_is_hidden (self, original))
        continue;
      pseudonym = sm_public_names_get_name (self, original);
      command = sm_command_new_set_string (person, "name", pseudonym);
      sm_command_apply (command, copy);
      /* Never a copy with a name that should have been hidden. */
      if (g_strcmp0 (sm_stakeholder_get_name (person), pseudonym) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("Could not hide the name of a participant who has not agreed to be named"));
          return NULL;
        }
    }

  ties = sm_map_get_relationships (copy);
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    scrub_field (self, copy, sm_collection_get (ties, i), "label");
  notes = sm_map_get_collection (copy, SM_RECORD_ANNOTATION);
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    scrub_field (self, copy, sm_collection_get (notes, i), "text");
  /* A region's label is the group's own words, drawn on the map too. */
  regions = sm_map_get_collection (copy, SM_RECORD_REGION);
  for (guint i = 0; i < sm_collection_get_size (regions); i++)
    scrub_field (self, copy, sm_collection_get (regions, i), "label");
  return g_steal_pointer (&copy);
}

/* Copies for passing on: the saved tree rewritten, member by member, with
 * the schema saying which members are ids, references and text. */

typedef struct
{
  SmPublicNames *names;
  gboolean       anonymise; /* names, text and notes too, not only ids */
} Rewrite;

/* What the group adds to the evaluation (docs/format.md §19): only `by`,
 * `reason` and `text` are text anyone typed; the rest are keys, rule ids,
 * kinds, times and figures, and stay as they are. */
static const SmField threshold_change_fields[] = {
  { "key", SM_FIELD_ENUM },
  { "by", SM_FIELD_STRING },
  { "at", SM_FIELD_DATE },
  { "reason", SM_FIELD_STRING },
  { NULL }
};

static const SmField response_fields[] = {
  { "id", SM_FIELD_ENUM },
  { "rule", SM_FIELD_ENUM },
  { "kind", SM_FIELD_ENUM },
  { "text", SM_FIELD_STRING },
  { "by", SM_FIELD_STRING },
  { "at", SM_FIELD_DATE },
  { NULL }
};

static const SmField evaluation_fields[] = {
  { "thresholds", SM_FIELD_ENUM_MAP },
  { "threshold_log", SM_FIELD_OBJECT_LIST, NULL, 0, NULL, 0, 0, NULL, threshold_change_fields },
  { "responses", SM_FIELD_OBJECT_LIST, NULL, 0, NULL, 0, 0, NULL, response_fields },
  { "snapshots", SM_FIELD_ENUM_MAP },
  { NULL }
};

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A hidden person's id becomes their public one. */
static void
rewrite_id (Rewrite  *rw,
            JsonNode *node)
{
  Hidden *h;

  if (!is_string (node))
    return;
  h = g_hash_table_lookup (rw->names->by_id, json_node_get_string (node));
  if (h != NULL)
    json_node_set_string (node, h->public_id);
}

static void
rewrite_text (Rewrite  *rw,
              JsonNode *node)
{
  g_autofree char *clean = NULL;

  if (!rw->anonymise || !is_string (node))
    return;
  clean = sm_public_names_scrub (rw->names, json_node_get_string (node));
  json_node_set_string (node, clean);
}

/* Members this version does not know: a value that is a hidden person's id
 * is taken for a reference to them, and any other text is scrubbed; keys
 * are never changed. Notes go wherever they are. */
static void
rewrite_unknown (Rewrite  *rw,
                 JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (is_string (node) && g_hash_table_contains (rw->names->by_id, json_node_get_string (node)))
        rewrite_id (rw, node);
      else
        rewrite_text (rw, node);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          rewrite_unknown (rw, json_array_get_element (array, i));
        break;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        for (GList *l = members; l != NULL; l = l->next)
          {
            if (rw->anonymise && strcmp (l->data, "notes") == 0)
              json_object_remove_member (object, l->data);
            else
              rewrite_unknown (rw, json_object_get_member (object, l->data));
          }
        break;
      }

    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* Members named like ids ("id", "config_profile_id") are keys other
 * members point at, not text, even where the schema calls them strings. */
static gboolean
names_an_id (const char *member)
{
  return strcmp (member, "id") == 0 || g_str_has_suffix (member, "_id");
}

static void
rewrite_object (Rewrite       *rw,
                JsonObject    *object,
                const SmField *fields)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char    *name = l->data;
      JsonNode      *node = json_object_get_member (object, name);
      const SmField *field = sm_schema_lookup (fields, name);

      if (rw->anonymise && strcmp (name, "notes") == 0)
        {
          json_object_remove_member (object, name);
          continue;
        }
      if (field == NULL)
        {
          rewrite_unknown (rw, node);
          continue;
        }
      switch (field->type)
        {
        case SM_FIELD_STRING:
          if (!names_an_id (name))
            rewrite_text (rw, node);
          break;

        case SM_FIELD_STRING_LIST:
          if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (array); i++)
                rewrite_text (rw, json_array_get_element (array, i));
            }
          break;

        case SM_FIELD_ID:
        case SM_FIELD_REF:
          rewrite_id (rw, node);
          break;

        case SM_FIELD_REF_LIST:
          if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (array); i++)
                rewrite_id (rw, json_array_get_element (array, i));
            }
          break;

        case SM_FIELD_OBJECT:
          if (JSON_NODE_HOLDS_OBJECT (node))
            rewrite_object (rw, json_node_get_object (node), field->children);
          break;

        case SM_FIELD_OBJECT_LIST:
          if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  JsonNode *element = json_array_get_element (array, i);

                  if (JSON_NODE_HOLDS_OBJECT (element))
                    rewrite_object (rw, json_node_get_object (element), field->children);
                }
            }
          break;

        default:
          /* Enumerations, numbers, dates and maps keyed by ids or
           * enumerations: nothing anyone typed about a person. */
          break;
        }
    }
}

static void
remove_path (JsonObject *object,
             const char *parent,
             const char *member)
{
  JsonObject *outer = object;

  if (parent != NULL)
    {
      JsonNode *node = json_object_get_member (object, parent);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return;
      object = json_node_get_object (node);
    }
  if (!json_object_has_member (object, member))
    return;
  json_object_remove_member (object, member);
  /* An object left empty says nothing: it goes too. */
  if (parent != NULL && json_object_get_size (object) == 0)
    json_object_remove_member (outer, parent);
}

/* What a person told the group about themselves stays with the group when
 * they are not named or asked to be kept private. */
static void
drop_personal_details (JsonObject *person)
{
  JsonNode *assets = json_object_get_member (person, "assets");

  remove_path (person, "lived_experience", "of");
  remove_path (person, "accessibility", "needs");
  remove_path (person, NULL, "needs");
  if (assets != NULL && JSON_NODE_HOLDS_ARRAY (assets))
    {
      JsonArray *array = json_node_get_array (assets);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *asset = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (asset))
            remove_path (json_node_get_object (asset), NULL, "description");
        }
    }
}

static SmMap *
dup_rewritten (SmPublicNames *self,
               SmMap         *map,
               gboolean       anonymise,
               GError       **error)
{
  g_autoptr(GBytes) bytes = sm_format_save_to_bytes (map);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  SmCollection *people = sm_map_get_stakeholders (map);
  JsonObject   *top;
  Rewrite       rw = { self, anonymise };
  gsize         length;
  const char   *data = g_bytes_get_data (bytes, &length);

  root = sm_json_parse (data, length, error);
  if (root == NULL)
    return NULL;
  top = json_node_get_object (root);
  members = json_object_get_members (top);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode   *node = json_object_get_member (top, name);

      if (strcmp (name, "format") == 0 || strcmp (name, "version") == 0)
        continue;
      if (strcmp (name, "map") == 0)
        rewrite_object (&rw, json_node_get_object (node), sm_schema_get_fields (SM_RECORD_MAP));
      else if (strcmp (name, "evaluation") == 0)
        rewrite_object (&rw, json_node_get_object (node), evaluation_fields);
      else
        {
          SmRecordKind kind = SM_RECORD_STAKEHOLDER;
          JsonArray   *array;

          while (kind <= SM_RECORD_LAST && strcmp (name, sm_schema_get_array_name (kind)) != 0)
            kind++;
          if (kind > SM_RECORD_LAST)
            {
              rewrite_unknown (&rw, node);
              continue;
            }
          array = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *record = json_array_get_object_element (array, i);

              if (kind == SM_RECORD_STAKEHOLDER && anonymise)
                {
                  /* The saved file holds the stakeholders in the map's order. */
                  SmRecord *person = sm_collection_get (people, i);
                  Hidden   *h = g_hash_table_lookup (self->by_record, person);

                  if (h != NULL || g_strcmp0 (sm_record_get_enum (person, "visibility"), "private") == 0)
                    drop_personal_details (record);
                  rewrite_object (&rw, record, sm_schema_get_fields (kind));
                  if (h != NULL)
                    json_object_set_string_member (record, "name", h->pseudonym);
                }
              else
                rewrite_object (&rw, record, sm_schema_get_fields (kind));
            }
        }
    }
  return sm_format_load_node (root, error);
}

/**
 * sm_public_names_dup_public_ids:
 * @self: the names of @map
 *
 * A copy of @map in which each hidden individual's id is their public one
 * (sm_public_names_get_id()), and every reference to them follows, so the
 * copy is whole. Names and text are as in @map: the data exports, which
 * write names their own way, read ids from this.
 *
 * Returns: (transfer full): the copy, or %NULL with @error set
 */
SmMap *
sm_public_names_dup_public_ids (SmPublicNames *self,
                                SmMap         *map,
                                GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return dup_rewritten (self, map, FALSE, error);
}

/**
 * sm_public_names_dup_anonymised:
 * @self: the names of @map
 *
 * A copy of @map to pass on: every hidden individual is "Participant N"
 * with the id "participant-N", and every reference to them follows (in
 * the records, map.perspective and the evaluation); every text member is
 * scrubbed of hidden names; every `notes` member is dropped, and so are
 * the personal details (lived_experience.of, accessibility.needs, needs,
 * assets' descriptions) of hidden individuals and of stakeholders whose
 * visibility is private. Enumerations, ids of other records and keys stay
 * as they are. The copy is checked as a file is.
 *
 * Returns: (transfer full): the copy, or %NULL with @error set
 */
SmMap *
sm_public_names_dup_anonymised (SmPublicNames *self,
                                SmMap         *map,
                                GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  return dup_rewritten (self, map, TRUE, error);
}

static char *
stakeholder_label (SmMap      *map,
                   const char *id,
                   gboolean    respect_consent)
{
  SmRecord *record = id != NULL ? sm_map_lookup_kind (map, SM_RECORD_STAKEHOLDER, id) : NULL;

  if (record == NULL)
    return g_strdup (id != NULL ? id : "?");
  return sm_stakeholder_dup_display_name (record, respect_consent);
}

/**
 * sm_map_dup_record_label:
 * @respect_consent: as for sm_stakeholder_dup_display_name()
 */
char *
sm_map_dup_record_label (SmMap      *map,
                         const char *id,
                         gboolean    respect_consent)
{
  SmRecord *record;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);

  if (g_strcmp0 (id, "map") == 0)
    return g_strdup (_ ("The map"));
  record = id != NULL ? sm_map_lookup (map, id) : NULL;
  if (record == NULL)
    return NULL;

  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_STAKEHOLDER:
      return sm_stakeholder_dup_display_name (record, respect_consent);

    case SM_RECORD_RELATIONSHIP:
      {
        g_autofree char *source = stakeholder_label (map, sm_relationship_get_source (record),
                                                     respect_consent);
        g_autofree char *target = stakeholder_label (map, sm_relationship_get_target (record),
                                                     respect_consent);
        gboolean         both_ways = g_strcmp0 (sm_record_get_enum (record, "direction"), "two_way") == 0;

        return g_strdup_printf ("%s %s %s", source, both_ways ? "⇄" : "→", target);
      }

    case SM_RECORD_MAP:
      return g_strdup (_ ("The map"));

    default:
      return g_strdup (sm_record_get_label (record));
    }
}

/* "off_the_table[1].decided_by" as "Off the table 2 › Decided by"; NULL
 * when the path is not a field of @kind. */
static char *
field_path_label (SmRecordKind kind,
                  const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  const SmField *fields = sm_schema_get_fields (kind);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char          *bracket = strchr (parts[i], '[');
      const SmField *field;
      guint64        index = 0;
      gboolean       indexed = FALSE;

      if (bracket != NULL)
        {
          char *end = NULL;

          index = g_ascii_strtoull (bracket + 1, &end, 10);
          indexed = end != bracket + 1 && *end == ']' && end[1] == '\0';
          if (!indexed)
            return NULL;
          *bracket = '\0';
        }
      field = fields != NULL ? sm_schema_lookup (fields, parts[i]) : NULL;
      if (field == NULL || field->label == NULL)
        return NULL;
      if (out->len > 0)
        g_string_append (out, " › ");
      g_string_append (out, _ (field->label));
      if (indexed)
        g_string_append_printf (out, " %" G_GUINT64_FORMAT, index + 1);
      fields = field->children;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sm_data_gap_dup_label:
 * @gap: a data gap as rules give it, "ID: field.path"
 * @respect_consent: as for sm_stakeholder_dup_display_name()
 */
char *
sm_data_gap_dup_label (SmMap      *map,
                       const char *gap,
                       gboolean    respect_consent)
{
  const char      *colon;
  g_autofree char *id = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;
  const char      *path;
  SmRecord        *record;

  g_return_val_if_fail (SM_IS_MAP (map), NULL);
  g_return_val_if_fail (gap != NULL, NULL);

  colon = strstr (gap, ": ");
  if (colon == NULL)
    return g_strdup (gap);
  id = g_strndup (gap, colon - gap);
  path = colon + 2;
  record = strcmp (id, "map") == 0 ? sm_map_get_metadata (map) : sm_map_lookup (map, id);
  who = sm_map_dup_record_label (map, id, respect_consent);
  if (record == NULL || who == NULL)
    return g_strdup (gap);
  where = field_path_label (sm_record_get_kind (record), path);
  return g_strdup_printf ("%s: %s", who, where != NULL ? where : path);
}

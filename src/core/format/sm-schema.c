/* sm-schema.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-json.h"
#include "sm-schema.h"

/* Field order is the order of principles.md §3; the writer follows it. */

#define END \
  {         \
    NULL    \
  }
#define DEF_UNKNOWN "\"unknown\""

/* Enumerations (principles.md §3.7) */

const char *const sm_stakeholder_kinds[] = {
  "professional", "manager", "commissioner", "funder", "elected_member",
  "researcher", "provider_org", "regulator", "service_user", "carer",
  "citizen", "community_org", "peer_worker", "advocate", "other", NULL
};

const char *const sm_relationship_categories[] = {
  "information", "knowledge_advice", "training_capacity", "collaboration",
  "support_care", "peer_support", "service_delivery", "money_funding",
  "commissioning_contract", "recognition_payment", "representation_advocacy",
  "command_accountability", "influence_lobbying", "access_gatekeeping",
  "conflict_tension", "other", NULL
};

const char *const sm_stages[] = {
  "commissioning", "design", "delivery", "assessment", NULL
};

static const char *const roles[] = {
  "deliverer", "co_facilitator", "co_researcher", "trainer", "peer_supporter",
  "chair", "co_chair", "decision_maker", "co_commissioner", "evaluator",
  "service_user", "carer", "resident", "facilitator", "catalyst",
  "commissioner", "funder", "observer", "other", NULL
};

static const char *const sectors[] = {
  "public_service", "participatory_research", "planning", "other", NULL
};
static const char *const snapshot_statuses[] = { "draft", "agreed", NULL };
static const char *const methods[] = {
  "workshop", "interview", "desk", "mixed", NULL
};
static const char *const leadership_styles[] = {
  "creative", "outcomes_focused", "visionary", "egalitarian", "mixed", NULL
};
static const char *const lenses[] = {
  "clarification", "elucidation", "provocation", NULL
};
static const char *const space_types[] = {
  "closed", "invited", "claimed", NULL
};
static const char *const levels[] = {
  "neighbourhood", "local", "regional", "national", "global", NULL
};
static const char *const decision_rights[] = {
  "none", "advise", "recommend", "decide", "veto", NULL
};
static const char *const member_roles[] = {
  "chair", "co_chair", "voting", "non_voting", "observer", "facilitator", NULL
};
static const char *const selections[] = {
  "elected_by_constituency", "open_recruitment", "invited_by_convener",
  "self_selected", "unknown", NULL
};
static const char *const access_states[] = {
  "yes", "partly", "no", "unknown", NULL
};
static const char *const decision_statuses[] = {
  "open", "made", "implemented", NULL
};
static const char *const yes_partly_no[] = {
  "yes", "partly", "no", "unknown", NULL
};
static const char *const sides[] = {
  "community", "institutional", "other", NULL
};
static const char *const rating_sources[] = {
  "self", "group", "facilitator", "mixed", NULL
};
static const char *const goal_positions[] = {
  "supports", "neutral", "opposes", "unknown", NULL
};
static const char *const asset_types[] = {
  "lived_experience_knowledge", "professional_expertise", "skills", "time",
  "networks", "local_knowledge", "relationships", "venue", "money", "data",
  "authority", "creativity", "other", NULL
};
static const char *const time_paid[] = {
  "salaried", "fee", "voucher_or_in_kind", "declined", "none", "unknown", NULL
};
static const char *const recognitions[] = {
  "co_authorship", "accreditation", "reference", "certificate",
  "public_acknowledgement", "training", NULL
};
static const char *const expenses[] = {
  "yes", "no", "not_applicable", "unknown", NULL
};
static const char *const met_states[] = {
  "yes", "partly", "no", "none_needed", "unknown", NULL
};
static const char *const supports[] = {
  "training", "mentoring", "briefing", "buddy", "none", NULL
};
static const char *const visibilities[] = {
  "project", "private", "public", NULL
};
static const char *const confidences[] = { "low", "medium", "high", NULL };
static const char *const directions[] = { "one_way", "two_way", NULL };
static const char *const reciprocities[] = {
  "none", "some", "balanced", "unknown", NULL
};
static const char *const formalities[] = { "formal", "informal", NULL };
static const char *const holders[] = {
  "source", "target", "equal", "unknown", NULL
};
static const char *const power_bases[] = {
  "position", "money", "expertise_claim", "information", "statutory",
  "status", "service_dependency", NULL
};
static const char *const power_forms[] = {
  "visible", "hidden", "invisible", "none_identified", "unknown", NULL
};
static const char *const valences[] = {
  "positive", "neutral", "tension", NULL
};

/* Shorthands keep the tables readable: one field a line. */
#define F_ID                                        \
  {                                                 \
    "id", SM_FIELD_ID, N_ ("Id"), SM_FIELD_REQUIRED \
  }
#define F_STR(n, l, fl)       \
  {                           \
    n, SM_FIELD_STRING, l, fl \
  }
#define F_DATE(n, l)       \
  {                        \
    n, SM_FIELD_DATE, l, 0 \
  }
#define F_BOOL(n, l, d)                      \
  {                                          \
    n, SM_FIELD_BOOLEAN, l, 0, NULL, 0, 0, d \
  }
#define F_SCORE(n, l, fl)                              \
  {                                                    \
    n, SM_FIELD_SCORE, l, fl, NULL, 0, 10, DEF_UNKNOWN \
  }
#define F_LEVEL(n, l, fl)                             \
  {                                                   \
    n, SM_FIELD_LEVEL, l, fl, NULL, 0, 7, DEF_UNKNOWN \
  }
#define F_INT(n, l, lo, hi, d)                 \
  {                                            \
    n, SM_FIELD_INTEGER, l, 0, NULL, lo, hi, d \
  }
#define F_NUM(n, l, lo, hi)                \
  {                                        \
    n, SM_FIELD_NUMBER, l, 0, NULL, lo, hi \
  }
#define F_ENUM(n, l, v, fl)                \
  {                                        \
    n, SM_FIELD_ENUM, l, fl, v, 0, 0, NULL \
  }
#define F_ENUM_D(n, l, v, d, fl)                                       \
  {                                                                    \
    n, SM_FIELD_ENUM, l, fl, v, 0, 0, "\"" d "\"", .default_string = d \
  }
#define F_ENUMS(n, l, v)                       \
  {                                            \
    n, SM_FIELD_ENUM_LIST, l, 0, v, 0, 0, "[]" \
  }
#define F_STRS(n, l)                                \
  {                                                 \
    n, SM_FIELD_STRING_LIST, l, 0, NULL, 0, 0, "[]" \
  }
#define F_REF(n, l, r, fl)                            \
  {                                                   \
    n, SM_FIELD_REF, l, fl, NULL, 0, 0, NULL, NULL, r \
  }
#define F_REFS(n, l, r)                                   \
  {                                                       \
    n, SM_FIELD_REF_LIST, l, 0, NULL, 0, 0, "[]", NULL, r \
  }
#define F_OBJ(n, l, c)                            \
  {                                               \
    n, SM_FIELD_OBJECT, l, 0, NULL, 0, 0, NULL, c \
  }
#define F_OBJS(n, l, c)                                \
  {                                                    \
    n, SM_FIELD_OBJECT_LIST, l, 0, NULL, 0, 0, "[]", c \
  }

#define COORD_MAX 1e9

/* §3.1 map */

static const SmField snapshot_fields[] = {
  F_DATE ("date", N_ ("Snapshot date")),
  F_INT ("version", N_ ("Snapshot version"), 0, G_MAXINT32, NULL),
  F_STR ("previous_snapshot_id", N_ ("Previous snapshot"), 0),
  F_ENUM_D ("status", N_ ("Status"), snapshot_statuses, "draft", 0),
  END
};

static const SmField perspective_fields[] = {
  F_REFS ("drawn_by", N_ ("Drawn by"), SM_REF_STAKEHOLDER),
  F_ENUM ("method", N_ ("Method"), methods, 0),
  F_REFS ("validated_by", N_ ("Checked by"), SM_REF_STAKEHOLDER),
  F_DATE ("validated_on", N_ ("Checked on")),
  END
};

static const SmField on_table_fields[] = {
  F_STR ("item", N_ ("Item"), SM_FIELD_REQUIRED),
  F_STR ("notes", N_ ("Notes"), SM_FIELD_MULTILINE),
  END
};

static const SmField off_table_fields[] = {
  F_STR ("item", N_ ("Item"), SM_FIELD_REQUIRED),
  F_STR ("reason", N_ ("Reason"), SM_FIELD_MULTILINE),
  F_REF ("decided_by", N_ ("Decided by"), SM_REF_STAKEHOLDER, 0),
  F_BOOL ("negotiable", N_ ("Negotiable"), DEF_UNKNOWN),
  END
};

static const SmField goal_fields[] = {
  F_STR ("id", N_ ("Id"), SM_FIELD_REQUIRED),
  F_STR ("label", N_ ("Goal"), 0),
  END
};

static const SmField resources_fields[] = {
  F_BOOL ("involvement_budget", N_ ("Involvement budget"), DEF_UNKNOWN),
  F_BOOL ("payment_policy", N_ ("Payment policy"), DEF_UNKNOWN),
  F_BOOL ("expenses_policy", N_ ("Expenses policy"), DEF_UNKNOWN),
  END
};

/* The guided workshop's progress (sm-workshop.h). */
static const char *const workshop_steps[] = {
  "question", "who", "links", "influence", "goals", "power", "evaluation", NULL
};

static const SmField workshop_fields[] = {
  F_ENUMS ("steps", N_ ("Steps"), workshop_steps),
  F_ENUM ("step", N_ ("Step reached"), workshop_steps, 0),
  F_ENUMS ("skipped", N_ ("Steps skipped"), workshop_steps),
  END
};

static const SmField map_fields[] = {
  F_STR ("id", N_ ("Id"), 0),
  F_STR ("title", N_ ("Title"), SM_FIELD_COMMON),
  F_STR ("purpose", N_ ("Purpose"), SM_FIELD_COMMON | SM_FIELD_MULTILINE),
  F_STR ("question", N_ ("Framing question"), SM_FIELD_COMMON),
  F_ENUM ("sector", N_ ("Sector"), sectors, 0),
  F_LEVEL ("claimed_approach", N_ ("Claimed approach"), SM_FIELD_COMMON),
  F_OBJ ("snapshot", N_ ("Snapshot"), snapshot_fields),
  F_OBJ ("perspective", N_ ("Perspective"), perspective_fields),
  F_OBJS ("on_the_table", N_ ("On the table"), on_table_fields),
  F_OBJS ("off_the_table", N_ ("Off the table"), off_table_fields),
  F_OBJS ("goals", N_ ("Goals"), goal_fields),
  { "stages_in_scope", SM_FIELD_ENUM_LIST, N_ ("Stages in scope"), 0, sm_stages, 0, 0,
    "[\"commissioning\",\"design\",\"delivery\",\"assessment\"]" },
  F_OBJ ("resources", N_ ("Resources"), resources_fields),
  F_ENUM ("leadership_style", N_ ("Leadership style"), leadership_styles, 0),
  F_ENUM ("lens", N_ ("Lens"), lenses, 0),
  F_INT ("review_interval_days", N_ ("Review every (days)"), 1, 36500, "90"),
  F_STR ("config_profile_id", N_ ("Threshold profile"), 0),
  { "workshop", SM_FIELD_OBJECT, N_ ("Workshop progress"), SM_FIELD_HIDDEN, NULL, 0, 0, NULL, workshop_fields },
  END
};

/* §3.2 space */

static const SmField member_fields[] = {
  F_REF ("stakeholder", N_ ("Stakeholder"), SM_REF_STAKEHOLDER, SM_FIELD_REQUIRED),
  F_ENUM ("role", N_ ("Role"), member_roles, 0),
  F_ENUM_D ("selection", N_ ("Selection"), selections, "unknown", 0),
  END
};

static const SmField space_fields[] = {
  F_ID,
  F_STR ("name", N_ ("Name"), SM_FIELD_COMMON),
  F_ENUM ("type", N_ ("Type"), space_types, SM_FIELD_COMMON),
  F_ENUM ("level", N_ ("Level"), levels, 0),
  F_REF ("convened_by", N_ ("Convened by"), SM_REF_STAKEHOLDER, 0),
  F_ENUM ("decision_rights", N_ ("Decision rights"), decision_rights, SM_FIELD_COMMON),
  F_OBJS ("members", N_ ("Members"), member_fields),
  F_ENUM_D ("accessible", N_ ("Accessible"), access_states, "unknown", 0),
  END
};

/* §3.3 decision */

static const SmField decision_fields[] = {
  F_ID,
  F_STR ("title", N_ ("Title"), SM_FIELD_COMMON),
  F_ENUM ("stage", N_ ("Stage"), sm_stages, SM_FIELD_COMMON),
  { "space_id", SM_FIELD_REF, N_ ("Space"), 0, NULL, 0, 0, NULL, NULL, SM_REF_SPACE },
  F_REFS ("decided_by", N_ ("Decided by"), SM_REF_STAKEHOLDER),
  F_REFS ("input_from", N_ ("Input from"), SM_REF_STAKEHOLDER),
  F_ENUM ("status", N_ ("Status"), decision_statuses, SM_FIELD_COMMON),
  F_DATE ("date", N_ ("Date")),
  F_BOOL ("community_led", N_ ("Community led"), DEF_UNKNOWN),
  F_ENUM_D ("input_changed_outcome", N_ ("Input changed the outcome"), yes_partly_no, "unknown", 0),
  F_BOOL ("reported_back", N_ ("Reported back"), DEF_UNKNOWN),
  F_DATE ("reported_on", N_ ("Reported on")),
  END
};

/* §3.4 affected group */

static const SmField affected_group_fields[] = {
  F_ID,
  F_STR ("name", N_ ("Name"), SM_FIELD_COMMON),
  F_STR ("description", N_ ("Description"), SM_FIELD_MULTILINE),
  F_INT ("estimated_size", N_ ("Estimated size"), 0, 1e15, NULL),
  END
};

/* §3.5 stakeholder */

static const SmField lived_experience_fields[] = {
  F_BOOL ("relevant", N_ ("Relevant to this issue"), DEF_UNKNOWN),
  F_BOOL ("in_role", N_ ("Brought in that capacity"), DEF_UNKNOWN),
  F_STR ("of", N_ ("Experience of"), 0),
  END
};

static const SmField side_override_fields[] = {
  F_ENUM ("side", N_ ("Side"), sides, SM_FIELD_REQUIRED),
  F_STR ("reason", N_ ("Reason"), SM_FIELD_MULTILINE),
  END
};

static const SmField asset_fields[] = {
  F_ENUM_D ("type", N_ ("Type"), asset_types, "other", 0),
  F_STR ("description", N_ ("Description"), 0),
  F_BOOL ("in_use", N_ ("In use"), DEF_UNKNOWN),
  F_BOOL ("recognised", N_ ("Recognised"), DEF_UNKNOWN),
  END
};

static const SmField remuneration_fields[] = {
  F_ENUM_D ("time_paid", N_ ("Time paid"), time_paid, "unknown", 0),
  F_BOOL ("payment_offered", N_ ("Payment offered"), DEF_UNKNOWN),
  F_ENUMS ("other_recognition", N_ ("Other recognition"), recognitions),
  F_ENUM_D ("expenses_covered", N_ ("Expenses covered"), expenses, "unknown", 0),
  END
};

static const SmField accessibility_fields[] = {
  F_BOOL ("needs_declared", N_ ("Needs declared"), DEF_UNKNOWN),
  F_STRS ("needs", N_ ("Access needs")),
  F_ENUM_D ("met", N_ ("Needs met"), met_states, "unknown", 0),
  END
};

static const SmField stakeholder_fields[] = {
  F_ID,
  F_STR ("name", N_ ("Name"), SM_FIELD_REQUIRED | SM_FIELD_COMMON),
  F_BOOL ("is_group", N_ ("Group"), "false"),
  F_INT ("group_size", N_ ("Group size"), 0, 1e15, NULL),
  F_ENUM_D ("kind", N_ ("Kind"), sm_stakeholder_kinds, "other", SM_FIELD_COMMON),
  F_ENUMS ("roles", N_ ("Roles"), roles),
  /* Among the first things a group records (issue: common fields first). */
  { "lived_experience", SM_FIELD_OBJECT, N_ ("Lived experience"), SM_FIELD_COMMON, NULL, 0, 0, NULL,
    lived_experience_fields },
  F_BOOL ("community_led", N_ ("Community led"), DEF_UNKNOWN),
  F_OBJ ("side_override", N_ ("Side override"), side_override_fields),
  F_SCORE ("influence", N_ ("Influence"), SM_FIELD_COMMON),
  F_ENUM ("influence_rated_by", N_ ("Influence rated by"), rating_sources, 0),
  F_SCORE ("influence_self", N_ ("Influence (own rating)"), 0),
  F_SCORE ("interest", N_ ("Interest"), SM_FIELD_COMMON),
  F_SCORE ("legitimacy", N_ ("Legitimacy"), 0),
  F_SCORE ("urgency", N_ ("Urgency"), 0),
  { "goal_positions", SM_FIELD_ENUM_MAP, N_ ("Positions on goals"), 0, goal_positions, 0, 0, "{}" },
  F_OBJS ("assets", N_ ("Assets"), asset_fields),
  F_STRS ("needs", N_ ("Needs")),
  F_OBJ ("remuneration", N_ ("Payment and recognition"), remuneration_fields),
  F_OBJ ("accessibility", N_ ("Access"), accessibility_fields),
  F_LEVEL ("participation_level", N_ ("Participation level"), SM_FIELD_COMMON),
  { "participation_by_stage", SM_FIELD_LEVEL_MAP, N_ ("Participation by stage"), 0, NULL, 0, 7, "{}", NULL, SM_REF_NONE, sm_stages },
  F_REFS ("represents", N_ ("Represents"), SM_REF_AFFECTED_GROUP),
  F_BOOL ("accountable_to_constituency", N_ ("Accountable to a constituency"), DEF_UNKNOWN),
  F_ENUMS ("capacity_support", N_ ("Capacity support"), supports),
  F_ENUM ("level", N_ ("Level"), levels, 0),
  F_BOOL ("consent_to_be_mapped", N_ ("May be named in exports and reports"), DEF_UNKNOWN),
  F_ENUM_D ("visibility", N_ ("Visibility"), visibilities, "project", 0),
  F_ENUM ("rating_confidence", N_ ("Rating confidence"), confidences, 0),
  F_STR ("notes", N_ ("Notes"), SM_FIELD_MULTILINE),
  F_NUM ("x", N_ ("X"), -COORD_MAX, COORD_MAX),
  F_NUM ("y", N_ ("Y"), -COORD_MAX, COORD_MAX),
  END
};

/* §3.6 relationship */

static const SmField power_difference_fields[] = {
  F_ENUM_D ("holder", N_ ("Who holds more power"), holders, "unknown", 0),
  F_INT ("magnitude", N_ ("How much"), 0, 3, NULL),
  F_ENUMS ("basis", N_ ("Based on"), power_bases),
  END
};

static const SmField relationship_fields[] = {
  F_ID,
  F_REF ("source", N_ ("From"), SM_REF_STAKEHOLDER, SM_FIELD_REQUIRED | SM_FIELD_COMMON),
  F_REF ("target", N_ ("To"), SM_REF_STAKEHOLDER, SM_FIELD_REQUIRED | SM_FIELD_COMMON),
  F_ENUM_D ("category", N_ ("Category"), sm_relationship_categories, "other", SM_FIELD_COMMON),
  F_STR ("label", N_ ("Label"), SM_FIELD_COMMON),
  F_ENUM_D ("direction", N_ ("Direction"), directions, "one_way", SM_FIELD_COMMON),
  F_ENUM_D ("reciprocity", N_ ("Reciprocity"), reciprocities, "unknown", SM_FIELD_COMMON),
  F_INT ("strength", N_ ("Strength"), 1, 5, NULL),
  F_ENUM ("formality", N_ ("Formality"), formalities, 0),
  F_OBJ ("power_difference", N_ ("Power difference"), power_difference_fields),
  F_ENUM_D ("power_form", N_ ("Form of power"), power_forms, "unknown", 0),
  F_STR ("power_note", N_ ("How power is addressed"), SM_FIELD_MULTILINE),
  F_ENUM ("valence", N_ ("Valence"), valences, 0),
  { "space_id", SM_FIELD_REF, N_ ("Space"), 0, NULL, 0, 0, NULL, NULL, SM_REF_SPACE },
  F_DATE ("since", N_ ("Since")),
  F_STR ("evidence", N_ ("Evidence"), SM_FIELD_MULTILINE),
  F_REF ("recorded_by", N_ ("Recorded by"), SM_REF_STAKEHOLDER, 0),
  END
};

/* Annotations: notes placed on the canvas (an app extension). */

static const SmField annotation_fields[] = {
  F_ID,
  F_STR ("text", N_ ("Text"), SM_FIELD_MULTILINE | SM_FIELD_COMMON),
  F_NUM ("x", N_ ("X"), -COORD_MAX, COORD_MAX),
  F_NUM ("y", N_ ("Y"), -COORD_MAX, COORD_MAX),
  F_REFS ("refers_to", N_ ("Refers to"), SM_REF_NODE_OR_EDGE),
  END
};

/* Regions: labelled shapes drawn behind the stakeholders (an app
 * extension). x and y are the centre; who is in a region follows from
 * where they stand, so nothing here names a stakeholder. */

const char *const sm_region_shapes[] = { "rectangle", "ellipse", NULL };
const char *const sm_region_colours[] = {
  "grey", "blue", "green", "yellow", "red", "purple", NULL
};

#define SM_REGION_SIZE_MAX 1e6

static const SmField region_fields[] = {
  F_ID,
  F_STR ("label", N_ ("Label"), SM_FIELD_COMMON),
  F_ENUM_D ("shape", N_ ("Shape"), sm_region_shapes, "rectangle", SM_FIELD_COMMON),
  F_NUM ("x", N_ ("X"), -COORD_MAX, COORD_MAX),
  F_NUM ("y", N_ ("Y"), -COORD_MAX, COORD_MAX),
  { "width", SM_FIELD_NUMBER, N_ ("Width"), SM_FIELD_ABOVE_MIN, NULL, 0, SM_REGION_SIZE_MAX },
  { "height", SM_FIELD_NUMBER, N_ ("Height"), SM_FIELD_ABOVE_MIN, NULL, 0, SM_REGION_SIZE_MAX },
  F_ENUM_D ("colour", N_ ("Colour"), sm_region_colours, "grey", SM_FIELD_COMMON),
  F_STR ("notes", N_ ("Notes"), SM_FIELD_MULTILINE),
  END
};

const SmField *
sm_schema_get_fields (SmRecordKind kind)
{
  switch (kind)
    {
    case SM_RECORD_MAP:
      return map_fields;
    case SM_RECORD_STAKEHOLDER:
      return stakeholder_fields;
    case SM_RECORD_RELATIONSHIP:
      return relationship_fields;
    case SM_RECORD_SPACE:
      return space_fields;
    case SM_RECORD_DECISION:
      return decision_fields;
    case SM_RECORD_AFFECTED_GROUP:
      return affected_group_fields;
    case SM_RECORD_ANNOTATION:
      return annotation_fields;
    case SM_RECORD_REGION:
      return region_fields;
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sm_schema_get_array_name (SmRecordKind kind)
{
  static const char *const names[] = {
    "map",
    "stakeholders",
    "relationships",
    "spaces",
    "decisions",
    "affected_groups",
    "annotations",
    "regions",
  };

  g_return_val_if_fail (kind <= SM_RECORD_LAST, NULL);
  return names[kind];
}

/* A user-facing word for one record of a kind, for messages. */
const char *
sm_schema_get_element_name (SmRecordKind kind)
{
  static const char *const names[] = {
    N_ ("map"),
    N_ ("stakeholder"),
    N_ ("relationship"),
    N_ ("space"),
    N_ ("decision"),
    N_ ("affected group"),
    N_ ("annotation"),
    N_ ("region"),
  };

  g_return_val_if_fail (kind <= SM_RECORD_LAST, NULL);
  return _ (names[kind]);
}

/* Name → position, for every table reachable from the record kinds, built
 * once: validation and the model look members up by name for every member
 * of every record, and a linear search of 40 names was most of that. */
static GHashTable *
schema_indexes (void)
{
  static GHashTable *indexes; /* const SmField * → GHashTable (name → position + 1) */

  if (g_once_init_enter (&indexes))
    {
      GHashTable *all = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
      GPtrArray  *todo = g_ptr_array_new ();

      for (SmRecordKind kind = SM_RECORD_MAP; kind <= SM_RECORD_LAST; kind++)
        g_ptr_array_add (todo, (gpointer) sm_schema_get_fields (kind));
      while (todo->len > 0)
        {
          const SmField *fields = g_ptr_array_steal_index_fast (todo, todo->len - 1);
          GHashTable    *names;

          if (g_hash_table_contains (all, fields))
            continue;
          names = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; fields[i].name != NULL; i++)
            {
              g_hash_table_insert (names, (gpointer) fields[i].name, GUINT_TO_POINTER (i + 1));
              if (fields[i].children != NULL)
                g_ptr_array_add (todo, (gpointer) fields[i].children);
            }
          g_hash_table_insert (all, (gpointer) fields, names);
        }
      g_ptr_array_unref (todo);
      g_once_init_leave (&indexes, all);
    }
  return indexes;
}

/* The position of @name in @fields, or -1. */
int
sm_schema_index (const SmField *fields,
                 const char    *name)
{
  GHashTable *names;

  if (fields == NULL)
    return -1;
  names = g_hash_table_lookup (schema_indexes (), fields);
  if (names != NULL)
    return (int) GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) - 1;

  /* Tables kept elsewhere (the evaluation member's) are small. */
  for (guint i = 0; fields[i].name != NULL; i++)
    if (strcmp (fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

guint
sm_schema_count (const SmField *fields)
{
  guint n = 0;

  while (fields != NULL && fields[n].name != NULL)
    n++;
  return n;
}

const SmField *
sm_schema_lookup (const SmField *fields,
                  const char    *name)
{
  int i = sm_schema_index (fields, name);

  return i >= 0 ? &fields[i] : NULL;
}

/* "remuneration.time_paid" → the field of time_paid inside remuneration. */
const SmField *
sm_schema_lookup_path (SmRecordKind kind,
                       const char  *path)
{
  const SmField *fields = sm_schema_get_fields (kind);
  const SmField *field = NULL;
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (fields == NULL)
        return NULL;
      field = sm_schema_lookup (fields, parts[i]);
      if (field == NULL)
        return NULL;
      fields = field->type == SM_FIELD_OBJECT ? field->children : NULL;
    }

  return field;
}

gboolean
sm_schema_enum_has_value (const SmField *field,
                          const char    *value)
{
  if (field->values == NULL || value == NULL)
    return FALSE;
  for (guint i = 0; field->values[i] != NULL; i++)
    if (strcmp (field->values[i], value) == 0)
      return TRUE;
  return FALSE;
}

/* Values this version does not know are kept in the file but read as
 * "other" (or "unknown" where the enumeration has no "other"). */
const char *
sm_schema_enum_resolve (const SmField *field,
                        const char    *value)
{
  if (value != NULL && sm_schema_enum_has_value (field, value))
    return value;
  if (value == NULL)
    return NULL;
  for (guint i = 0; field->values != NULL && field->values[i] != NULL; i++)
    if (strcmp (field->values[i], "other") == 0)
      return "other";
  return "unknown";
}

/* References */

/* Whether @field holds references to other records, itself or in its
 * members. */
gboolean
sm_schema_field_has_refs (const SmField *field)
{
  if (field->type == SM_FIELD_REF || field->type == SM_FIELD_REF_LIST)
    return TRUE;
  if (field->type == SM_FIELD_OBJECT || field->type == SM_FIELD_OBJECT_LIST)
    for (const SmField *c = field->children; c->name != NULL; c++)
      if (sm_schema_field_has_refs (c))
        return TRUE;
  return FALSE;
}

static gboolean
ref_gone (JsonNode       *node,
          SmSchemaRefGone gone,
          gpointer        data)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         gone (json_node_get_string (node), data);
}

/**
 * sm_schema_without_refs:
 * @node: a value of @field
 * @gone: says which ids are to go
 * @drop: (out): set when the whole value should go: a reference that
 *   goes, or an object whose required reference goes
 *
 * What deleting a record, and merging, do to what referred to it: the
 * references @gone names are taken out of lists, optional ones cleared.
 *
 * Returns: (transfer full) (nullable): a copy of @node without them, or
 *   %NULL when nothing in @node goes
 */
JsonNode *
sm_schema_without_refs (JsonNode       *node,
                        const SmField  *field,
                        SmSchemaRefGone gone,
                        gpointer        data,
                        gboolean       *drop)
{
  *drop = FALSE;

  switch (field->type)
    {
    case SM_FIELD_REF:
      *drop = ref_gone (node, gone, data);
      return NULL;

    case SM_FIELD_REF_LIST:
    case SM_FIELD_OBJECT_LIST:
      {
        JsonArray *array;
        g_autoptr(JsonArray) kept = NULL;
        gboolean changed = FALSE;
        SmField  element_field = *field;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return NULL;
        element_field.type = field->type == SM_FIELD_REF_LIST ? SM_FIELD_REF : SM_FIELD_OBJECT;
        array = json_node_get_array (node);
        kept = json_array_sized_new (json_array_get_length (array));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            gboolean  drop_element = FALSE;
            g_autoptr(JsonNode) cleaned = sm_schema_without_refs (element, &element_field, gone, data, &drop_element);

            changed |= drop_element || cleaned != NULL;
            if (!drop_element)
              json_array_add_element (kept, cleaned != NULL ? g_steal_pointer (&cleaned) : sm_json_deep_copy (element));
          }
        return changed ? json_node_init_array (json_node_alloc (), kept) : NULL;
      }

    case SM_FIELD_OBJECT:
      {
        g_autoptr(JsonNode) copy = NULL;
        gboolean changed = FALSE;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return NULL;
        copy = sm_json_deep_copy (node);
        for (const SmField *c = field->children; c->name != NULL; c++)
          {
            JsonNode *member = json_object_get_member (json_node_get_object (node), c->name);
            gboolean  drop_member = FALSE;
            g_autoptr(JsonNode) cleaned = NULL;

            if (member == NULL || !sm_schema_field_has_refs (c))
              continue;
            cleaned = sm_schema_without_refs (member, c, gone, data, &drop_member);
            if (drop_member && (c->flags & SM_FIELD_REQUIRED))
              {
                *drop = TRUE;
                return NULL;
              }
            changed |= drop_member || cleaned != NULL;
            if (drop_member)
              json_object_remove_member (json_node_get_object (copy), c->name);
            else if (cleaned != NULL)
              json_object_set_member (json_node_get_object (copy), c->name, g_steal_pointer (&cleaned));
          }
        return changed ? g_steal_pointer (&copy) : NULL;
      }

    default:
      return NULL;
    }
}

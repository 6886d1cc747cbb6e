/* sm-labels.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-labels.h"

typedef struct
{
  const char *value;
  const char *label;
} ValueLabel;

/* One entry per value, whichever enumerations share it ("other",
 * "unknown", "training"), so a word reads the same everywhere. Grouped by
 * the enumeration that first uses it, in the order of sm-schema.c. */
static const ValueLabel labels[] = {
  /* Shared */
  { "other", N_ ("Other") },
  { "unknown", N_ ("Unknown") },
  { "none", N_ ("None") },
  { "yes", N_ ("Yes") },
  { "no", N_ ("No") },
  { "partly", N_ ("Partly") },
  { "mixed", N_ ("Mixed") },
  { "neutral", N_ ("Neutral") },

  /* Stakeholder kinds */
  { "professional", N_ ("Professional") },
  { "manager", N_ ("Manager") },
  { "commissioner", N_ ("Commissioner") },
  { "funder", N_ ("Funder") },
  { "elected_member", N_ ("Elected member") },
  { "researcher", N_ ("Researcher") },
  { "provider_org", N_ ("Provider organisation") },
  { "regulator", N_ ("Regulator") },
  { "service_user", N_ ("Service user") },
  { "carer", N_ ("Carer") },
  { "citizen", N_ ("Citizen") },
  { "community_org", N_ ("Community organisation") },
  { "peer_worker", N_ ("Peer worker") },
  { "advocate", N_ ("Advocate") },

  /* Relationship categories */
  { "information", N_ ("Information") },
  { "knowledge_advice", N_ ("Knowledge and advice") },
  { "training_capacity", N_ ("Training and capacity building") },
  { "collaboration", N_ ("Collaboration") },
  { "support_care", N_ ("Support and care") },
  { "peer_support", N_ ("Peer support") },
  { "service_delivery", N_ ("Service delivery") },
  { "money_funding", N_ ("Money and funding") },
  { "commissioning_contract", N_ ("Commissioning or contract") },
  { "recognition_payment", N_ ("Recognition or payment") },
  { "representation_advocacy", N_ ("Representation and advocacy") },
  { "command_accountability", N_ ("Line of command or accountability") },
  { "influence_lobbying", N_ ("Influence and lobbying") },
  { "access_gatekeeping", N_ ("Controls access") },
  { "conflict_tension", N_ ("Conflict or tension") },

  /* Stages (Four Co's) */
  { "commissioning", N_ ("Commissioning") },
  { "design", N_ ("Design") },
  { "delivery", N_ ("Delivery") },
  { "assessment", N_ ("Assessment") },

  /* Roles */
  { "deliverer", N_ ("Deliverer") },
  { "co_facilitator", N_ ("Co-facilitator") },
  { "co_researcher", N_ ("Co-researcher") },
  { "trainer", N_ ("Trainer") },
  { "peer_supporter", N_ ("Peer supporter") },
  { "chair", N_ ("Chair") },
  { "co_chair", N_ ("Co-chair") },
  { "decision_maker", N_ ("Decision maker") },
  { "co_commissioner", N_ ("Co-commissioner") },
  { "evaluator", N_ ("Evaluator") },
  { "resident", N_ ("Resident") },
  { "facilitator", N_ ("Facilitator") },
  { "catalyst", N_ ("Catalyst") },
  { "observer", N_ ("Observer") },

  /* Map: sector, snapshot status, method, leadership style, lens */
  { "public_service", N_ ("Public service") },
  { "participatory_research", N_ ("Participatory research") },
  { "planning", N_ ("Planning") },
  { "draft", N_ ("Draft") },
  { "agreed", N_ ("Agreed") },
  { "workshop", N_ ("Workshop") },
  { "interview", N_ ("Interviews") },
  { "desk", N_ ("Desk research") },
  { "creative", N_ ("Creative") },
  { "outcomes_focused", N_ ("Focused on outcomes") },
  { "visionary", N_ ("Visionary") },
  { "egalitarian", N_ ("Egalitarian") },
  { "clarification", N_ ("Clarification") },
  { "elucidation", N_ ("Elucidation") },
  { "provocation", N_ ("Provocation") },

  /* Spaces (Power Cube) */
  { "closed", N_ ("Closed") },
  { "invited", N_ ("Invited") },
  { "claimed", N_ ("Claimed") },
  { "neighbourhood", N_ ("Neighbourhood") },
  { "local", N_ ("Local") },
  { "regional", N_ ("Regional") },
  { "national", N_ ("National") },
  { "global", N_ ("Global") },
  { "advise", N_ ("Advise") },
  { "recommend", N_ ("Recommend") },
  { "decide", N_ ("Decide") },
  { "veto", N_ ("Veto") },
  { "voting", N_ ("Voting member") },
  { "non_voting", N_ ("Non-voting member") },
  { "elected_by_constituency", N_ ("Elected by the people they represent") },
  { "open_recruitment", N_ ("Open recruitment") },
  { "invited_by_convener", N_ ("Invited by the convener") },
  { "self_selected", N_ ("Self-selected") },

  /* Decisions */
  { "open", N_ ("Open") },
  { "made", N_ ("Made") },
  { "implemented", N_ ("Put into practice") },

  /* Stakeholders */
  { "community", N_ ("Community") },
  { "institutional", N_ ("Institutional") },
  { "self", N_ ("Themselves") },
  { "group", N_ ("The group") },
  { "supports", N_ ("Supports") },
  { "opposes", N_ ("Opposes") },
  { "lived_experience_knowledge", N_ ("Knowledge from lived experience") },
  { "professional_expertise", N_ ("Professional expertise") },
  { "skills", N_ ("Skills") },
  { "time", N_ ("Time") },
  { "networks", N_ ("Networks") },
  { "local_knowledge", N_ ("Local knowledge") },
  { "relationships", N_ ("Relationships") },
  { "venue", N_ ("Venue") },
  { "money", N_ ("Money") },
  { "data", N_ ("Data") },
  { "authority", N_ ("Authority") },
  { "creativity", N_ ("Creativity") },
  { "salaried", N_ ("Salaried") },
  { "fee", N_ ("Fee") },
  { "voucher_or_in_kind", N_ ("Voucher or in kind") },
  { "declined", N_ ("Declined payment") },
  { "co_authorship", N_ ("Co-authorship") },
  { "accreditation", N_ ("Accreditation") },
  { "reference", N_ ("Reference") },
  { "certificate", N_ ("Certificate") },
  { "public_acknowledgement", N_ ("Public acknowledgement") },
  { "training", N_ ("Training") },
  { "not_applicable", N_ ("Not applicable") },
  { "none_needed", N_ ("None needed") },
  { "mentoring", N_ ("Mentoring") },
  { "briefing", N_ ("Briefing") },
  { "buddy", N_ ("Buddy") },
  { "project", N_ ("Project team") },
  { "private", N_ ("Private") },
  { "public", N_ ("Public") },
  { "low", N_ ("Low") },
  { "medium", N_ ("Medium") },
  { "high", N_ ("High") },

  /* Relationships */
  { "one_way", N_ ("One way") },
  { "two_way", N_ ("Both ways") },
  { "some", N_ ("Some") },
  { "balanced", N_ ("Balanced") },
  { "formal", N_ ("Formal") },
  { "informal", N_ ("Informal") },
  { "source", N_ ("The “from” stakeholder") },
  { "target", N_ ("The “to” stakeholder") },
  { "equal", N_ ("Equal") },
  { "position", N_ ("Position") },
  { "expertise_claim", N_ ("Claimed expertise") },
  { "statutory", N_ ("Statutory powers") },
  { "status", N_ ("Status") },
  { "service_dependency", N_ ("Depends on their service") },
  { "visible", N_ ("Visible") },
  { "hidden", N_ ("Hidden") },
  { "invisible", N_ ("Invisible") },
  { "none_identified", N_ ("None identified") },
  { "positive", N_ ("Positive") },
  { "tension", N_ ("Tension") },
};

/* Values without a label of their own: "peer_support" → "Peer support",
 * kept in an interned string so callers need not free it. */
static const char *
humanise (const char *value)
{
  g_autoptr(GString) text = g_string_new (value);

  for (gsize i = 0; i < text->len; i++)
    if (text->str[i] == '_')
      text->str[i] = ' ';
  if (text->len > 0)
    text->str[0] = g_ascii_toupper (text->str[0]);
  return g_intern_string (text->str);
}

/* Views ask for labels while drawing every node, so look-ups are hashed. */
static GHashTable *
get_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
        g_hash_table_insert (t, (gpointer) labels[i].value, (gpointer) labels[i].label);
      g_once_init_leave (&table, (gsize) t);
    }
  return (GHashTable *) table;
}

const char *
sm_value_label (const char *value)
{
  const char *label;

  g_return_val_if_fail (value != NULL, "");

  label = g_hash_table_lookup (get_table (), value);
  if (label != NULL)
    return _ (label);
  return humanise (value);
}

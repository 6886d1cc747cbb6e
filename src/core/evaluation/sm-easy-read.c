/* sm-easy-read.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-easy-read.h"

/* Written to the usual easy-read rules: sentences of fifteen words or
 * fewer, one idea each, everyday words, "people with lived experience"
 * rather than "community stakeholders", no percentages, no blame. A test
 * keeps every sentence short. Easy read is best checked with the people it
 * is for; translators and groups adapting these words should do the same. */

static const struct
{
  const char *id;
  const char *ok;
  const char *concern;
  const char *todo;
} rules[] = {
  /* P1 Sharing power */
  { "SP-01",
    N_ ("People with lived experience have about as much say as professionals."),
    N_ ("Professionals have much more say than people with lived experience."),
    N_ ("Agree some decisions that people with lived experience will make. Then rate everyone’s "
        "say again, together.") },
  { "SP-02",
    N_ ("People with lived experience help make real decisions."),
    N_ ("Few decisions are made together with people with lived experience. Mostly they only "
        "give ideas."),
    N_ ("Pick one real decision. Agree to make it together.") },
  { "SP-03",
    N_ ("People with lived experience have fair seats where decisions are made."),
    N_ ("Where decisions are made, people with lived experience have few seats or none."),
    N_ ("Give people with lived experience seats where decisions are made. Two seats are better "
        "than one.") },
  { "SP-04",
    N_ ("What the project calls itself fits what it really does."),
    N_ ("The project says it is co-production. But people with lived experience have little say in "
        "it."),
    N_ ("Call it something that fits, like engagement. Or give people with lived experience more "
        "say.") },

  /* P2 Equality and partnership */
  { "EP-01",
    N_ ("The people who care most also have a say."),
    N_ ("Some people care a lot about this but have little say."),
    N_ ("Give the people who care most a real part in the decisions.") },
  { "EP-02",
    N_ ("Everyone who needs change now has someone with power on their side."),
    N_ ("Some people need change now but have no power. Nobody with power is on their side."),
    N_ ("Find someone with power to support them. Or give them a place where decisions are "
        "made.") },
  { "EP-03",
    N_ ("Many people are linked to each other. It works like a partnership."),
    N_ ("Most links go through one person or one organisation."),
    N_ ("Help people link up with each other directly.") },
  { "EP-04",
    N_ ("Professionals learn from people with lived experience."),
    N_ ("Knowledge only goes one way: from professionals to people with lived experience."),
    N_ ("Make time for professionals to learn from people with lived experience.") },

  /* P3 Changing the way the whole system works */
  { "WS-01",
    N_ ("The work is linked to the people who control money and decisions."),
    N_ ("The work is not linked to the people who control money and decisions."),
    N_ ("Ask a senior leader to support the work and come to meetings.") },
  { "WS-02",
    N_ ("People with lived experience help plan things and also help do them."),
    N_ ("People with lived experience only help at one stage of the work."),
    N_ ("Involve people with lived experience in planning, doing and checking the work.") },
  { "WS-03",
    N_ ("People with lived experience are in the places where decisions are made."),
    N_ ("People with lived experience only give advice. Real decisions are made somewhere else."),
    N_ ("Bring people with lived experience into the meetings where decisions are made.") },
  { "WS-04",
    N_ ("People with lived experience help run things and deliver them."),
    N_ ("People with lived experience only use services or give advice."),
    N_ ("Offer roles like peer support, research or training others.") },

  /* P4 Being accessible and inclusive */
  { "AI-01",
    N_ ("People get the support they need to take part."),
    N_ ("Some people do not get the support they need to take part."),
    N_ ("Ask each person what they need. Then make sure they get it.") },
  { "AI-02",
    N_ ("People with lived experience are paid or thanked for their time."),
    N_ ("Professionals are paid to be there. Some people with lived experience are not."),
    N_ ("Pay people for their time. Pay for their travel and other costs too.") },
  { "AI-03",
    N_ ("Every group that is affected has someone who can speak for them."),
    N_ ("Some groups who are affected have nobody to speak for them."),
    N_ ("Find people from these groups. Ask them how they want to take part.") },
  { "AI-04",
    N_ ("Everyone with lived experience is linked to other people on the map."),
    N_ ("Some people with lived experience are on the map but not linked to anyone."),
    N_ ("Introduce them to others. Ask what they need to take part.") },

  /* P5 Encouraging reciprocity and mutual support */
  { "RM-01",
    N_ ("Professionals and people with lived experience both give and both get something back."),
    N_ ("Help mostly goes one way: from professionals to people with lived experience."),
    N_ ("Find ways for both sides to give something and get something back.") },
  { "RM-02",
    N_ ("Everyone who gives time or care gets something back."),
    N_ ("Some people give time or care and get nothing back."),
    N_ ("Thank people in a way they choose. This could be pay, training or a reference.") },
  { "RM-03",
    N_ ("People with lived experience are linked to each other."),
    N_ ("People with lived experience are linked to professionals, but not to each other."),
    N_ ("Make time and space for people with lived experience to meet each other.") },

  /* P6 Using assets and resources */
  { "AR-01",
    N_ ("The map shows what people with lived experience bring, not only what they need."),
    N_ ("The map shows what people need. It does not show what they bring."),
    N_ ("Ask people what they are good at. Add it to the map.") },
  { "AR-02",
    N_ ("The project uses what people with lived experience are good at."),
    N_ ("People have skills and knowledge that the project does not use."),
    N_ ("Find a way to use each person’s skills in the project.") },
  { "AR-03",
    N_ ("The work people already do, like caring, is seen and valued."),
    N_ ("Some work people already do, like caring, is not seen or valued."),
    N_ ("Say thank you for this work. Count it as part of the project.") },
  { "AR-04",
    N_ ("People with lived experience and staff get training and support."),
    N_ ("Not enough people get training or support for working together."),
    N_ ("Offer training for staff and people with lived experience together.") },

  /* P7 Being open and transparent */
  { "OT-01",
    N_ ("Everyone knows what can change and what cannot."),
    N_ ("The map does not say what can change and what cannot."),
    N_ ("Write down what cannot change, and why. Say who decided that.") },
  { "OT-02",
    N_ ("People are told what happened to their ideas."),
    N_ ("People are not always told what happened to their ideas."),
    N_ ("Tell people what was decided. Say what changed because of their ideas.") },
  { "OT-03",
    N_ ("The group has looked for power that is hard to see."),
    N_ ("The map may not show power that is hard to see."),
    N_ ("Talk together about who has power that is not written down.") },
  { "OT-04",
    N_ ("Nobody has to go through just one person to reach the decision makers."),
    N_ ("Many people can only reach the decision makers through one person."),
    N_ ("Help people build more links to the decision makers.") },

  /* About the map's data */
  { "DQ-02",
    N_ ("People with lived experience helped draw or check this map."),
    N_ ("People with lived experience did not draw or check this map."),
    N_ ("Check the map with people with lived experience.") },
  { "DQ-03",
    N_ ("The group decided together how much say everyone has."),
    N_ ("It is not clear that the group decided together how much say everyone has."),
    N_ ("Look at how much say everyone has again, as a group.") },
  { "DQ-04",
    N_ ("The map is up to date."),
    N_ ("The map is old. Things may have changed since."),
    N_ ("Look at the map again with the group.") },
  { "DQ-05",
    N_ ("Everyone on the map has said yes to being named."),
    N_ ("Some people have not said yes to being named. We do not show their names."),
    N_ ("Ask each person if they are happy to be named.") },
};

static const struct
{
  const char *id;
  const char *name;
  const char *about;
} principles[] = {
  { "P1", N_ ("Sharing power"),
    N_ ("People with lived experience help make the decisions.") },
  { "P2", N_ ("Working as equals"),
    N_ ("Everyone’s knowledge counts. People work together as partners.") },
  { "P3", N_ ("Changing how things work"),
    N_ ("Co-production changes how the whole service works. It is more than one meeting.") },
  { "P4", N_ ("Everyone can take part"),
    N_ ("Everyone who is affected can join in. They get the help they need to take part.") },
  { "P5", N_ ("Giving and getting back"),
    N_ ("People get something back for what they give. People support each other.") },
  { "P6", N_ ("Using what people are good at"),
    N_ ("Everyone has skills and knowledge. The project uses them.") },
  { "P7", N_ ("Being open and honest"),
    N_ ("People know what can change and what cannot. People are told what happened to their "
        "ideas.") },
};

const char *
sm_easy_read_rule (const char *rule_id,
                   SmEasyPart  part)
{
  g_return_val_if_fail (part <= SM_EASY_TODO, NULL);

  for (guint i = 0; rule_id != NULL && i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].id, rule_id) == 0)
      {
        switch (part)
          {
          case SM_EASY_OK:
            return _ (rules[i].ok);
          case SM_EASY_CONCERN:
            return _ (rules[i].concern);
          case SM_EASY_TODO:
          default:
            return _ (rules[i].todo);
          }
      }
  return NULL;
}

const char *
sm_easy_read_principle_name (const char *principle_id)
{
  for (guint i = 0; principle_id != NULL && i < G_N_ELEMENTS (principles); i++)
    if (strcmp (principles[i].id, principle_id) == 0)
      return _ (principles[i].name);
  return NULL;
}

const char *
sm_easy_read_principle_about (const char *principle_id)
{
  for (guint i = 0; principle_id != NULL && i < G_N_ELEMENTS (principles); i++)
    if (strcmp (principles[i].id, principle_id) == 0)
      return _ (principles[i].about);
  return NULL;
}

const char *
sm_easy_read_status (SmPrincipleStatus status)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      return _ ("This is going well.");
    case SM_PRINCIPLE_PARTLY_MET:
      return _ ("Some things are going well. Some things need work.");
    case SM_PRINCIPLE_NOT_MET:
      return _ ("This needs work.");
    case SM_PRINCIPLE_NOT_ASSESSED:
    default:
      return _ ("We cannot tell yet. The map needs more information.");
    }
}

const char *
sm_easy_read_status_short (SmPrincipleStatus status)
{
  switch (status)
    {
    case SM_PRINCIPLE_MET:
      return _ ("Going well");
    case SM_PRINCIPLE_PARTLY_MET:
      return _ ("Partly going well");
    case SM_PRINCIPLE_NOT_MET:
      return _ ("Needs work");
    case SM_PRINCIPLE_NOT_ASSESSED:
    default:
      return _ ("Cannot tell yet");
    }
}

const char *
sm_easy_read_gate (const char *gate_id)
{
  if (g_strcmp0 (gate_id, "G0") == 0)
    return _ ("Nobody on this map has lived experience of the issue. Co-production starts with the "
              "people who are affected. Add them to the map first.");
  if (g_strcmp0 (gate_id, "sharing_power") == 0)
    return _ ("The map does not show power being shared yet. So this is not co-production yet. It "
              "can still be good work with people.");
  return NULL;
}

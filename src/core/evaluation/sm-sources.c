/* sm-sources.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sm-sources.h"

/* References are given in the language they were published in, so they are
 * not translated. */
static const struct
{
  const char *id;
  const char *short_name;
  const char *citation;
} sources[] = {
  { "S1", "Durose, Richardson & Perry (2024)",
    "Durose, C., Richardson, L. and Perry, B. (2024) Co-production is everywhere: "
    "but is it useful? Heseltine Institute Policy Briefing 3(10). doi:10.17638/03172461" },
  { "S2", "Leeds City Lab",
    "Leeds City Lab, What is co-production? (the nef and Co-production Critical Friends "
    "definitions and seven principles)" },
  { "S3", "Boyle & Harris (2009)",
    "Boyle, D. and Harris, M. (2009) The Challenge of Co-production. London: NESTA and nef" },
  { "S4", "Co-production Critical Friends (2013)",
    "Co-production Critical Friends (2013), briefings and definition (JRF, TLAP and nef; "
    "definition after Slay and Stephens 2013)" },
  { "S5", "TLAP, Ladder of co-production",
    "Think Local Act Personal and the National Co-production Advisory Group, "
    "The ladder of co-production" },
  { "S6", "Arnstein (1969)",
    "Arnstein, S. R. (1969) A Ladder of Citizen Participation. Journal of the American "
    "Institute of Planners 35(4), 216–224" },
  { "S6b", "Community Action Programs",
    "On the 1960s US Community Action Programs and their rule that a third of board seats "
    "come from the low-income community (Chief Organizer, 2025)" },
  { "S7", "Gaventa, Power Cube",
    "Gaventa, J., The Power Cube: spaces, forms and levels of power (powercube.net; "
    "Gaventa 2006, IDS Bulletin 37(6))" },
  { "S8", "Mendelow (1981)",
    "Mendelow, A. (1981) Environmental Scanning: The Impact of the Stakeholder Concept. "
    "Proceedings of the International Conference on Information Systems" },
  { "S9", "Mitchell, Agle & Wood (1997)",
    "Mitchell, R. K., Agle, B. R. and Wood, D. J. (1997) Toward a Theory of Stakeholder "
    "Identification and Salience. Academy of Management Review 22(4), 853–886" },
  { "S10", "Schiffer, Net-Map",
    "Schiffer, E., Net-Map toolbox: influence mapping of social networks (IFPRI)" },
  { "S11", "NHS England (2016)",
    "NHS England and the Coalition for Collaborative Care (2016) A co-production model: "
    "five values and seven steps" },
  { "S12", "SCIE (2013)",
    "Social Care Institute for Excellence (2013) Co-production in social care: what it is "
    "and how to do it (Guide 51), and the SCIE co-production charter" },
  { "S13", "NIHR INVOLVE (2018)",
    "Hickey, G. et al. (2018, revised 2021) Guidance on co-producing a research project. "
    "Southampton: NIHR INVOLVE" },
  { "S14", "NIHR payment guidance (2023)",
    "NIHR (2023) Payment guidance for researchers and professionals, version 1.4" },
  { "S15", "Durose, Perry, Richardson & Dean (2023)",
    "Durose, C., Perry, B., Richardson, L. and Dean, R. (2023) Leadership and the hidden "
    "politics of co-produced research. International Journal of Social Research "
    "Methodology 26(1)" },
  { "S16", "Jam & Justice, TERRAPINS",
    "Durose, C. and Richardson, L., Jam & Justice: the TERRAPINS values of co-production" },
  { "S17", "Williams et al. (2020)",
    "Williams, O. et al. (2020) Lost in the shadows: reflections on the dark side of "
    "co-production. Health Research Policy and Systems 18:43" },
  { "S18", "Bovaird (2007); Loeffler (2020)",
    "Bovaird, T. (2007) Beyond engagement and participation. Public Administration Review "
    "67(5), 846–860; Loeffler, E. (2020) The Four Co's" },
  { "S19", "Freeman (1978); Krackhardt & Stern (1988)",
    "Freeman, L. C. (1978) Centrality in social networks: conceptual clarification. Social "
    "Networks 1, 215–239; Brandes, U. (2001) on betweenness; Krackhardt, D. and Stern, R. "
    "(1988) on the E-I index" },
  { "S20", "Burton (2013)",
    "Burton, P. (2013) Still climbing the stairway to heaven. ISOCARP Congress" },
  { "S21", "Co-Create",
    "Co-Create, Components of co-production" },
  { "S22", "EPIC (2022)",
    "EPIC (2022) Better not do it at all, than do co-production badly" },
  { "S23", "Tower Hamlets Together",
    "Tower Hamlets Together, Co-production values and principles" },
  { "S24", "A brighter social care future",
    "A brighter social care future: Sharing power as equals (respect, recognition, rewards "
    "and representation)" },
};

guint
sm_sources_get_count (void)
{
  return G_N_ELEMENTS (sources);
}

const char *
sm_sources_get_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (sources), NULL);

  return sources[index].id;
}

static int
find (const char *id)
{
  if (id == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (strcmp (sources[i].id, id) == 0)
      return i;
  return -1;
}

const char *
sm_source_get_short (const char *id)
{
  int i = find (id);

  return i >= 0 ? sources[i].short_name : NULL;
}

const char *
sm_source_get_citation (const char *id)
{
  int i = find (id);

  return i >= 0 ? sources[i].citation : NULL;
}

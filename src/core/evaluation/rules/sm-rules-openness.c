/* sm-rules-openness.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-rules-private.h"

/* The rules of principle P7, being open and transparent (principles.md §5):
 * what is on the table, reporting back, hidden power, gatekeepers. Each rule
 * is one compute function and one row of the table at the end of the file. */

/* P7 — Being open and transparent */

static void
sm_rule_ot01 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmRecord  *meta = sm_map_get_metadata (ctx->map);
  JsonArray *off = _sm_rules_get_array (meta, "off_the_table");
  guint      n_on = _sm_rules_array_length (meta, "on_the_table");
  guint      n_off = off != NULL ? json_array_get_length (off) : 0;
  g_autoptr(GPtrArray) no_reason = g_ptr_array_new ();

  for (guint i = 0; i < n_off; i++)
    {
      JsonNode   *node = json_array_get_element (off, i);
      JsonObject *item;
      const char *reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      reason = json_object_get_string_member_with_default (item, "reason", NULL);
      if (reason == NULL || *reason == '\0')
        g_ptr_array_add (no_reason, (char *) json_object_get_string_member_with_default (item, "item", "?"));
      if (json_object_get_string_member_with_default (item, "decided_by", NULL) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("off_the_table[%u].decided_by", i);

          /* Noted, not scored: §9 passes with one item lacking it. */
          _sm_result_gap (result, NULL, path);
        }
    }

  result->value = (n_on > 0) + (n_off > 0);
  _sm_result_set (result, "on_the_table", n_on);
  _sm_result_set (result, "off_the_table", n_off);
  _sm_result_set (result, "off_without_reason", no_reason->len);
  _sm_result_var_number (result, "n_on", n_on, 0);
  _sm_result_var_number (result, "n_off", n_off, 0);

  if (n_on == 0 && n_off == 0)
    result->status = SM_RULE_FAIL;
  else if (n_off == 0)
    result->status = SM_RULE_WARN;
  else if (n_on == 0)
    {
      result->status = SM_RULE_WARN;
      _sm_result_template (result, _ ("The map records what is off the table but not what is on it: what "
                                      "people can actually change."));
    }
  else if (no_reason->len > 0)
    {
      result->status = SM_RULE_WARN;
      _sm_rules_var_names (result, "items", no_reason);
      _sm_result_template (result, ngettext ("“{items}” is off the table, but the map doesn’t say why.",
                                             "{items} are off the table, but the map doesn’t say why.",
                                             no_reason->len));
    }
  else
    result->status = SM_RULE_PASS;
}

static void
sm_rule_ot02 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  SmCollection *decisions = sm_map_get_collection (ctx->map, SM_RECORD_DECISION);
  g_autoptr(GPtrArray) untold = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unclear = g_ptr_array_new_with_free_func (g_free);
  GString *message;
  guint    n = 0, ok = 0;

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord *decision = sm_collection_get (decisions, d);
      g_autoptr(GArray) input = _sm_rules_refs_of (ctx, decision, "input_from");
      g_autoptr(GArray) by = _sm_rules_refs_of (ctx, decision, "decided_by");
      const char *space_id = sm_record_get_string (decision, "space_id");
      SmRecord   *space = space_id != NULL ? sm_map_lookup_kind (ctx->map, SM_RECORD_SPACE, space_id) : NULL;
      gboolean    closed = space != NULL && g_strcmp0 (sm_record_get_enum (space, "type"), "closed") == 0;
      gboolean    c_input = _sm_rules_any_community (ctx, input);
      SmTristate  reported;

      /* D*: community involvement counts whether they gave input or
       * co-decided (§9 counts D3, co-decided by SUA, with 0.67); only
       * input_from asks whether the input changed the outcome. An open
       * decision has no outcome to report yet (§9's are all made). */
      if ((!c_input && !_sm_rules_any_community (ctx, by) && !closed) ||
          g_strcmp0 (sm_record_get_enum (decision, "status"), "open") == 0)
        continue;
      reported = sm_record_get_boolean (decision, "reported_back");
      _sm_result_need (result, reported != SM_TRISTATE_UNKNOWN);
      if (reported == SM_TRISTATE_UNKNOWN)
        {
          _sm_result_gap (result, decision, "reported_back");
          continue;
        }
      n++;
      if (reported == SM_TRISTATE_FALSE)
        {
          g_ptr_array_add (untold, g_strdup_printf (_ ("“%s”"), sm_record_get_label (decision)));
          _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                               closed ? _ ("taken in a closed space; not reported back") : _ ("not reported back"));
        }
      else if (c_input && g_strcmp0 (sm_record_get_enum (decision, "input_changed_outcome"), "unknown") == 0)
        {
          g_ptr_array_add (unclear, g_strdup_printf (_ ("“%s”"), sm_record_get_label (decision)));
          _sm_result_evidence (result, "decision", sm_record_get_id (decision),
                               _ ("reported back, but not whether input changed the outcome"));
        }
      else
        ok++;
    }

  if (n == 0)
    {
      if (result->data_gaps->len > 0)
        _sm_result_insufficient (result, _ ("The map doesn’t say whether people were told the outcome of "
                                            "the decisions they gave input to."));
      else
        _sm_result_not_applicable (result, _ ("No decision on this map had input from people with lived "
                                              "experience or was taken behind closed doors."));
      return;
    }

  result->value = (double) ok / n;
  _sm_result_set (result, "decisions", n);
  _sm_result_set (result, "reported", ok);

  if (ok == 0 && n >= _sm_eval_cfg (ctx, "ot02.min_n_fail"))
    result->status = SM_RULE_FAIL;
  else if (result->value < _sm_eval_cfg (ctx, "ot02.warn_share"))
    result->status = SM_RULE_WARN;
  else
    result->status = SM_RULE_PASS;

  message = g_string_new (NULL);
  if (untold->len > 0)
    {
      g_autofree char *list = _sm_names_join (untold);

      g_string_append_printf (message, _ ("The map doesn’t show that people were told the outcome of %s. "), list);
    }
  if (unclear->len > 0)
    {
      g_autofree char *list = _sm_names_join (unclear);

      g_string_append_printf (message, _ ("For %s, the map doesn’t say whether people’s input changed "
                                          "anything. "),
                              list);
    }
  if (result->status == SM_RULE_PASS && message->len == 0)
    /* Translators: %u is how many decisions people gave input to or
     * that were taken behind closed doors. */
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "People were told the outcome of the %u decision they gave input "
                                                                   "to or that was taken behind closed doors. ",
                                                  "People were told the outcome of all %u decisions they gave input "
                                                  "to or that were taken behind closed doors. ",
                                                  n),
                            n);
  else
    {
      /* Translators: a piece of "%u of %s was fully reported back" below;
       * %u is how many decisions people gave input to or that were taken
       * behind closed doors. */
      g_autofree char *decisions_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u such decision",
                                                                      "%u such decisions", n),
                                                         n);

      /* Translators: %u is how many decisions were fully reported back
       * (the plural follows it), %s how many there were ("4 such
       * decisions"), %.0f%% a share. */
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u of %s was fully reported back (worth a look "
                                                                     "below %.0f%%, a judgement call you can change). ",
                                                    "%u of %s were fully reported back (worth a look "
                                                    "below %.0f%%, a judgement call you can change). ",
                                                    ok),
                              ok, decisions_text, _sm_eval_cfg (ctx, "ot02.warn_share") * 100);
    }
  g_strchomp (message->str);
  _sm_result_template (result, message->str);
  g_string_free (message, TRUE);
}

static void
sm_rule_ot03 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) steep = g_ptr_array_new_with_free_func (g_free);
  GString *message;
  guint    annotated = 0, n_hidden = 0;
  double   share, min_annotated = _sm_eval_cfg (ctx, "ot03.min_annotated");

  if (ctx->n_ties == 0)
    {
      _sm_result_not_applicable (result, _ ("The map has no relationships yet."));
      return;
    }

  for (guint t = 0; t < ctx->n_ties; t++)
    {
      SmRecord   *r = ctx->tie_records[t];
      const char *form = sm_record_get_enum (r, "power_form");
      const char *note = sm_record_get_string (r, "power_note");
      gboolean    noted = note != NULL && *note != '\0';
      guint       s = ctx->tie_source[t], d = ctx->tie_target[t];

      if (g_strcmp0 (form, "unknown") != 0)
        annotated++;
      if (g_strcmp0 (form, "hidden") == 0 || g_strcmp0 (form, "invisible") == 0)
        {
          n_hidden++;
          if (!noted)
            {
              g_autofree char *label = _sm_rules_tie_label (ctx, t);
              g_autofree char *word = g_utf8_strdown (sm_value_label (form), -1);
              char            *item = g_strdup_printf (_ ("%s (%s)"), label, word);

              _sm_result_evidence (result, "relationship", _sm_rules_tie_id (ctx, t), item);
              g_ptr_array_add (hidden, item);
            }
        }
      if (!noted && sm_record_get_number (r, "power_difference.magnitude", 0) >= 2 &&
          ((_sm_rules_is_c (ctx, s) && _sm_rules_is_i (ctx, d)) || (_sm_rules_is_i (ctx, s) && _sm_rules_is_c (ctx, d))))
        {
          char *label = _sm_rules_tie_label (ctx, t);

          _sm_result_evidence (result, "relationship", _sm_rules_tie_id (ctx, t), _ ("marked power difference, no note"));
          g_ptr_array_add (steep, label);
        }
    }

  share = (double) annotated / ctx->n_ties;
  result->value = hidden->len;
  _sm_result_set (result, "annotated_share", share);
  _sm_result_set (result, "hidden_or_invisible", n_hidden);
  _sm_result_set (result, "steep_without_note", steep->len);

  if (hidden->len > 0 || steep->len > 0 || share < min_annotated)
    result->status = SM_RULE_WARN;
  else if (n_hidden == 0 && ctx->n_ties >= _sm_eval_cfg (ctx, "ot03.prompt_min_edges"))
    result->status = SM_RULE_INFO;
  else
    result->status = SM_RULE_PASS;

  message = g_string_new (NULL);
  if (hidden->len > 0)
    {
      g_autofree char *list = _sm_names_join (hidden);

      g_string_append_printf (message,
                              ngettext ("%u relationship is marked as involving hidden or invisible power "
                                        "(%s), but the map doesn’t say how this is being acknowledged or "
                                        "addressed. ",
                                        "%u relationships are marked as involving hidden or invisible power "
                                        "(%s), but the map doesn’t say how this is being acknowledged or "
                                        "addressed. ",
                                        hidden->len),
                              hidden->len, list);
    }
  if (steep->len > 0)
    {
      g_autofree char *list = _sm_names_join (steep);

      g_string_append_printf (message, _ ("The map shows a marked power difference between professionals "
                                          "and people with lived experience in %s, with no note on how it "
                                          "is handled. "),
                              list);
    }
  if (share < min_annotated)
    g_string_append_printf (message, _ ("The form of power is recorded for %.0f%% of relationships, so power "
                                        "may not have been looked at closely yet (your threshold: %.0f%%, a "
                                        "judgement call you can change). "),
                            share * 100, min_annotated * 100);
  if (result->status == SM_RULE_INFO)
    g_string_append (message, _ ("No hidden or invisible power is recorded. Is that because there is none, "
                                 "or because it is hard to see? "));
  else if (result->status == SM_RULE_PASS)
    g_string_append (message, n_hidden > 0 ? _ ("The hidden and invisible power on the map has notes on how it "
                                                "is being addressed. ")
                                           : _ ("The map records the forms of power in its relationships. "));
  g_strchomp (message->str);
  _sm_result_template (result, message->str);
  g_string_free (message, TRUE);
}

/* Which community members reach a decision-holder only through g: for
 * each articulation point of the graph plus one node joined to every
 * decision-holder, one search without it. The cut vertices of that
 * graph are the only candidates, so this stays near O(V + E) per cut
 * vertex rather than per stakeholder pair. */
static void
sm_rule_ot04 (SmEvalContext *ctx,
              SmRuleResult  *result)
{
  guint n = ctx->n, sink = ctx->n;
  g_autoptr(SmGraph) graph = NULL;
  g_autoptr(GArray) cuts = NULL;
  g_autofree gboolean *reach = NULL;
  g_autofree gboolean *seen = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GPtrArray) gate_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) brokers = g_ptr_array_new ();
  g_autoptr(GPtrArray) worst_names = g_ptr_array_new ();
  const double *betweenness;
  gboolean      institutional = FALSE, community_only = TRUE;
  double        best_share = 0;
  int           worst = -1;

  if (ctx->n_decision_holders == 0)
    {
      _sm_result_not_applicable (result, _ ("The map doesn’t show who holds the budget or final decisions, so "
                                            "there are no routes to them to check."));
      return;
    }
  if (_sm_rules_graph_too_small (ctx, result))
    return;
  _sm_rules_list_decision_holders (ctx, result);

  graph = sm_graph_new (n + 1);
  for (guint u = 0; u < n; u++)
    {
      GArray *adj = g_ptr_array_index (ctx->adjacency, u);

      for (guint a = 0; a < adj->len; a++)
        if (u < g_array_index (adj, guint, a))
          sm_graph_add_edge (graph, u, g_array_index (adj, guint, a));
      if (ctx->decision_holder[u])
        sm_graph_add_edge (graph, u, sink);
    }
  cuts = sm_graph_articulation_points (graph);

  reach = g_new0 (gboolean, n + 1);
  seen = g_new0 (gboolean, n + 1);
  queue = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Who reaches a decision-holder at all. */
  for (int pass = -1; pass < (int) cuts->len; pass++)
    {
      guint skip = pass >= 0 ? g_array_index (cuts, guint, pass) : G_MAXUINT;
      g_autoptr(GPtrArray) cut_off = NULL;
      guint count = 0;

      if (pass >= 0 && (skip == sink || ctx->decision_holder[skip]))
        continue;
      memset (seen, 0, (n + 1) * sizeof (gboolean));
      g_array_set_size (queue, 0);
      seen[sink] = TRUE;
      g_array_append_val (queue, sink);
      for (guint q = 0; q < queue->len; q++)
        {
          guint u = g_array_index (queue, guint, q);

          if (u == sink)
            {
              for (guint v = 0; v < n; v++)
                if (ctx->decision_holder[v] && v != skip && !seen[v])
                  {
                    seen[v] = TRUE;
                    g_array_append_val (queue, v);
                  }
              continue;
            }
          for (guint a = 0; a < ((GArray *) g_ptr_array_index (ctx->adjacency, u))->len; a++)
            {
              guint v = g_array_index ((GArray *) g_ptr_array_index (ctx->adjacency, u), guint, a);

              if (v != skip && !seen[v])
                {
                  seen[v] = TRUE;
                  g_array_append_val (queue, v);
                }
            }
        }
      if (pass < 0)
        {
          memcpy (reach, seen, (n + 1) * sizeof (gboolean));
          continue;
        }

      cut_off = g_ptr_array_new ();
      for (guint c = 0; c < n; c++)
        if (_sm_rules_is_c (ctx, c) && c != skip && reach[c] && !seen[c])
          {
            count++;
            g_ptr_array_add (cut_off, (char *) _sm_eval_person (ctx, c));
          }
      if (count == 0)
        continue;

      {
        g_autofree char *names = _sm_names_join (cut_off);
        g_autofree char *detail = g_strdup_printf (_ ("the only route to decision-makers for %s"), names);
        double           share = (double) count / ctx->n_community;

        _sm_result_evidence_person (ctx, result, skip, detail);
        g_ptr_array_add (gate_names, g_strdup_printf (_ ("%s (for %s)"), _sm_eval_person (ctx, skip), names));
        if (!_sm_rules_is_c (ctx, skip))
          community_only = FALSE;
        if (_sm_rules_is_i (ctx, skip))
          {
            institutional = TRUE;
            if (share > best_share)
              {
                best_share = share;
                worst = skip;
                g_ptr_array_set_size (worst_names, 0);
                for (guint k = 0; k < cut_off->len; k++)
                  g_ptr_array_add (worst_names, g_ptr_array_index (cut_off, k));
              }
          }
      }
    }

  betweenness = _sm_eval_betweenness (ctx);
  for (guint i = 0; i < n; i++)
    if (betweenness[i] >= _sm_eval_cfg (ctx, "ot04.broker"))
      {
        g_autofree char *detail = g_strdup_printf (_ ("broker: betweenness %.2f"), betweenness[i]);

        g_ptr_array_add (brokers, (char *) _sm_eval_person (ctx, i));
        _sm_result_evidence_person (ctx, result, i, detail);
        if (!_sm_rules_is_c (ctx, i))
          community_only = FALSE;
        if (_sm_rules_is_i (ctx, i))
          institutional = TRUE;
      }

  result->value = best_share;
  _sm_result_set (result, "gatekeepers", gate_names->len);
  _sm_result_set (result, "brokers", brokers->len);
  _sm_rules_var_threshold_pct (ctx, result, "fail_pct", "ot04.fail_gate_share");
  _sm_result_var_number (result, "broker", _sm_eval_cfg (ctx, "ot04.broker"), 2);
  _sm_result_var_take (result, "gatekeepers", _sm_names_join (gate_names));
  _sm_rules_var_names (result, "brokers", brokers);
  if (worst >= 0)
    {
      _sm_result_var (result, "g", _sm_eval_person (ctx, worst));
      _sm_rules_var_names (result, "names", worst_names);
    }

  if (worst >= 0 && best_share >= _sm_eval_cfg (ctx, "ot04.fail_gate_share"))
    result->status = SM_RULE_FAIL;
  else if (gate_names->len == 0 && brokers->len == 0)
    result->status = SM_RULE_PASS;
  else if (community_only)
    {
      result->status = SM_RULE_INFO;
      if (gate_names->len == 0)
        _sm_result_template (result, _ ("The map shows {brokers}, with lived experience, on many of the "
                                        "shortest paths between others (brokers, from a betweenness of {broker}, "
                                        "a judgement call you can change). That can be a strength (a "
                                        "boundary spanner); check their load and who they answer to."));
    }
  else
    {
      result->status = SM_RULE_WARN;
      if (gate_names->len == 0)
        _sm_result_template (result, _ ("The map shows {brokers} on many of the shortest paths between "
                                        "others (brokers, from a betweenness of {broker}, a judgement call you "
                                        "can change). Much may depend on them passing things on."));
    }
  (void) institutional;
}

/* The rows, in catalogue order; the catalogue (sm-rules.c) lists this array. */

const SmRuleDef _sm_rules_openness[] = {
  { "OT-01", "P7",
    N_ ("Has the project said clearly what can and can’t be changed, and why?"),
    INPUTS ("on_the_table", "off_the_table.reason", "off_the_table.decided_by"),
    NULL,
    sm_rule_ot01, FALSE, FALSE,
    NULL,
    N_ ("The map doesn’t record what is off the table. People can’t judge whether their time is worth it "
        "without knowing what can actually change."),
    N_ ("The map doesn’t record what is on or off the table. People can’t judge whether their time is "
        "worth it without knowing what can actually change."),
    NULL,
    N_ ("List the fixed constraints (budget, legal duties, decisions already made), who set them, and "
        "whether they can be revisited."),
    SOURCES ("S1", "S11", "S21", "S22"),
    .better = 1,
    .why = N_ ("Honest practice means being clear about what is on the table and what isn’t (Durose et al.). "
               "Co-Create: everyone knows what can and can’t be changed."),
    .plurals = PLURALS (
      /* Translators: {n_on} is how many items are on the table (the plural follows it), {n_off} how many are off it. */
      PLURAL (PASS, "n_on", "The map says what is on the table ({n_on} item) and what is off it ({n_off}), with reasons.", "The map says what is on the table ({n_on} items) and what is off it ({n_off}), with reasons.")) },
  { "OT-02", "P7",
    N_ ("When people give input, or decisions are taken elsewhere, are people told what happened and why?"),
    INPUTS ("decisions.input_from", "decisions.space_id", "decisions.reported_back", "decisions.input_changed_outcome"),
    THRESHOLDS ("ot02.warn_share", "ot02.min_n_fail"),
    sm_rule_ot02, FALSE, FALSE,
    NULL, NULL, NULL, NULL,
    N_ ("Report back on every decision in plain language: what was decided, what changed because of "
        "people’s input, and what didn’t and why."),
    SOURCES ("S11", "S6", "S7"),
    .better = 1,
    .why = N_ ("Regular review and reporting back (“We said, We did”) is a step in NHS England’s model. "
               "Without it, people can’t tell whether their input mattered.") },
  { "OT-03", "P7",
    N_ ("Has the group looked for power that isn’t visible in formal roles?"),
    INPUTS ("relationships.power_form", "relationships.power_note", "relationships.power_difference"),
    THRESHOLDS ("ot03.min_annotated", "ot03.prompt_min_edges"),
    sm_rule_ot03, TRUE, FALSE,
    NULL, NULL, NULL, NULL,
    N_ ("Discuss each one: who sets the agenda, whose ways of talking count, and what people feel they "
        "can’t say. Agree one change for each."),
    SOURCES ("S7", "S1", "S15", "S13", "S21"),
    .better = -1,
    .why = N_ ("Gaventa’s Power Cube describes hidden power (who sets the agenda) and invisible power (what "
               "people take for granted). Co-Create asks that power differences are acknowledged and "
               "addressed.") },
  { "OT-04", "P7",
    N_ ("Does access to decision-makers depend on one person?"),
    INPUTS ("relationships", "influence", "decisions", "side"),
    THRESHOLDS ("ot04.fail_gate_share", "ot04.broker"),
    sm_rule_ot04, FALSE, TRUE,
    N_ ("Everyone with lived experience who is linked to decision-makers ({dh}) has more than one route to "
        "them, and no one is a broker for many others."),
    N_ ("Some people stand between people with lived experience and the decision-makers ({dh}): "
        "{gatekeepers}."),
    /* xgettext:no-c-format */
    N_ ("{g} is the only link between {names} and the people who make decisions ({dh}). If {g} is absent, "
        "busy or disagrees, these voices don’t get through. (Needs attention from {fail_pct}% of people "
        "with lived experience, a judgement call you can change.)"),
    N_ ("{gatekeepers}: people with lived experience who are the link to decision-makers ({dh}) for others. "
        "That can be a strength (a boundary spanner); check their load and who they answer to."),
    N_ ("Create a second route (a direct seat, a named contact, or a peer representative) and agree openly "
        "how messages are passed on."),
    SOURCES ("S10", "S19", "S7"),
    .better = -1,
    .reads_betweenness = TRUE,
    .why = N_ ("Net-Map looks for the boundary spanners in a network. One person who controls access to "
               "decision-makers can open doors for others or close them.") },
  { NULL }
};

/* sm-evaluate.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include <gio/gio.h>

#include "sm-map.h"
#include "sm-progress.h"

G_BEGIN_DECLS

/* The evaluation engine of principles.md §4–§8: the 27 rules, run as pure
 * functions of (map, configuration), the seven principle statuses, the
 * gates and the summary. A result is a prompt for discussion, not a
 * verdict; nothing here changes the map. */

typedef enum
{
  SM_RULE_PASS,
  SM_RULE_WARN,
  SM_RULE_FAIL,
  SM_RULE_NOT_APPLICABLE,
  SM_RULE_INSUFFICIENT_DATA,
  SM_RULE_INFO,
} SmRuleStatus;

typedef enum
{
  SM_PRINCIPLE_MET,
  SM_PRINCIPLE_PARTLY_MET,
  SM_PRINCIPLE_NOT_MET,
  SM_PRINCIPLE_NOT_ASSESSED,
} SmPrincipleStatus;

typedef enum
{
  SM_CONFIDENCE_LOW,
  SM_CONFIDENCE_MEDIUM,
  SM_CONFIDENCE_HIGH,
} SmConfidence;

/* The Heseltine perspectives (S1): they re-order findings, never statuses. */
typedef enum
{
  SM_LENS_NONE,
  SM_LENS_CLARIFICATION,
  SM_LENS_ELUCIDATION,
  SM_LENS_PROVOCATION,
} SmLens;

typedef enum
{
  SM_BASIS_SOURCE,     /* [S] stated or implied by a source */
  SM_BASIS_CONVENTION, /* [C] a convention of the method */
  SM_BASIS_JUDGEMENT,  /* [J] our judgement call: adjustable, shown as such */
} SmBasis;

#define SM_EVAL_ERROR (sm_eval_error_quark ())

typedef enum
{
  SM_EVAL_ERROR_UNKNOWN_KEY,
  SM_EVAL_ERROR_INVALID_VALUE,
} SmEvalError;

GQuark sm_eval_error_quark (void);

/* Thresholds (principles.md §10), by key: "high_cutoff", "sp01.warn_ratio". */

typedef struct _SmEvalConfig SmEvalConfig;

SmEvalConfig      *sm_eval_config_new (void);
SmEvalConfig      *sm_eval_config_copy (const SmEvalConfig *self);
void               sm_eval_config_free (SmEvalConfig *self);
const char *const *sm_eval_config_list_keys (void);
gboolean           sm_eval_config_has_key (const char *key);
double             sm_eval_config_get (const SmEvalConfig *self,
                                       const char         *key);
double             sm_eval_config_get_default (const char *key);
SmBasis            sm_eval_config_get_basis (const char *key);
gboolean           sm_eval_config_is_boolean (const char *key);
char              *sm_eval_config_dup_label (const char *key);
gboolean           sm_eval_config_set (SmEvalConfig *self,
                                       const char   *key,
                                       double        value,
                                       GError      **error);
gboolean           sm_eval_config_is_default (const SmEvalConfig *self,
                                              const char         *key);
gboolean           sm_eval_config_load_json (SmEvalConfig *self,
                                             JsonNode     *node,
                                             GError      **error);
/* The day DQ-04 counts a map's age to: the real today (local time) unless
 * set, so a script or a test can get the same result on any day. */
gboolean sm_eval_config_set_today (SmEvalConfig *self,
                                   const char   *date,
                                   GError      **error);
char    *sm_eval_config_dup_today (const SmEvalConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmEvalConfig, sm_eval_config_free)

/* The catalogue (read-only, one row per rule). */

typedef struct _SmRuleDef SmRuleDef;

guint            sm_rules_get_count (void);
const SmRuleDef *sm_rules_get (guint index);
const SmRuleDef *sm_rules_lookup (const char *id);
const char      *sm_rule_def_get_id (const SmRuleDef *rule);
const char      *sm_rule_def_get_principle (const SmRuleDef *rule);
const char      *sm_rule_def_get_question (const SmRuleDef *rule);
const char      *sm_rule_def_get_action (const SmRuleDef *rule);
/* "Why this matters": a sentence or two from the rule's sources. */
const char        *sm_rule_def_get_why (const SmRuleDef *rule);
const char *const *sm_rule_def_get_sources (const SmRuleDef *rule);
const char *const *sm_rule_def_get_inputs (const SmRuleDef *rule);
gboolean           sm_rule_def_get_capped (const SmRuleDef *rule);
/* Which way the main value should move (§7.5): -1 lower is better, +1
 * higher is better, 0 no direction. */
int sm_rule_def_get_better (const SmRuleDef *rule);

/* The data-quality checks of §6 (DQ-02 … DQ-05), a catalogue of their own
 * with principle "DQ": they are reported, never scored. */
guint            sm_checks_get_count (void);
const SmRuleDef *sm_checks_get (guint index);
const SmRuleDef *sm_checks_lookup (const char *id);

/* Results */

typedef struct
{
  char *type; /* "stakeholder", "relationship", "decision", "space", "group" */
  char *id;
  char *detail;
} SmEvidence;

typedef struct
{
  char  *name;
  double value;
} SmNamedValue;

typedef struct
{
  const SmRuleDef *rule;
  SmRuleStatus     status;
  double           value;        /* the rule's main figure; NAN when there is none */
  GArray          *values;       /* SmNamedValue: other figures the rule reports */
  GArray          *thresholds;   /* SmNamedValue: the thresholds it used, by key */
  GPtrArray       *evidence;     /* SmEvidence */
  GPtrArray       *data_gaps;    /* "ID: field.path" */
  double           completeness; /* share of the inputs it needs that are known */
  char            *message;
  char            *action;
  double           previous_value; /* at the previous snapshot (§7.5); NAN when none */
  int              trend;          /* +1 better, -1 worse, 0 the same or unknown */
} SmRuleResult;

typedef struct
{
  const char       *id;   /* "P1" … "P7" */
  const char       *name; /* translated */
  SmPrincipleStatus status;
  double            score; /* NAN when no rule could be scored */
  guint             n_rules;
  guint             n_eval;
  guint             n_fail;
  double            completeness;
  SmConfidence      confidence;
  int               previous_status; /* SmPrincipleStatus at the previous snapshot, -1 when none */
  const char       *previous_date;   /* that snapshot's date, or NULL */
} SmPrincipleResult;

#define SM_N_PRINCIPLES 7

typedef struct
{
  GPtrArray        *rules; /* SmRuleResult, in catalogue order */
  SmPrincipleResult principles[SM_N_PRINCIPLES];
  char             *gate_id; /* "G0", "sharing_power" or NULL */
  char             *gate_message;
  char             *summary;
  double            index; /* indicative, 0–100; NAN when not shown */
  SmLens            lens;
  GPtrArray        *order;         /* SmRuleResult, borrowed: lens order */
  GPtrArray        *headlines;     /* SmRuleResult, borrowed: up to three */
  GPtrArray        *checks;        /* SmRuleResult: DQ-02 … DQ-05, not scored */
  char             *previous_date; /* the previous snapshot's date, or NULL */
  gint64            previous_version;
  SmEvalConfig     *config;      /* private: what it was worked out with */
  guint             n_rules_run; /* private: rules computed, not carried over */
} SmEvaluation;

/* What an edit touched, for sm_evaluate_update(): the kinds of record
 * whose fields the rules read. Every rule names stakeholders, so an edit
 * of a stakeholder runs them all again. */
typedef enum
{
  SM_EVAL_INPUT_NONE = 0,
  SM_EVAL_INPUT_STAKEHOLDERS = 1 << 0,
  SM_EVAL_INPUT_RELATIONSHIPS = 1 << 1,
  SM_EVAL_INPUT_SPACES = 1 << 2,
  SM_EVAL_INPUT_DECISIONS = 1 << 3,
  SM_EVAL_INPUT_GROUPS = 1 << 4,
  SM_EVAL_INPUT_MAP = 1 << 5,   /* the map's own fields */
  SM_EVAL_INPUT_OTHER = 1 << 6, /* notes and regions: no rule reads them */
  SM_EVAL_INPUT_ALL = (1 << 7) - 1,
} SmEvalInputs;

SmEvalInputs sm_eval_inputs_for_kind (SmRecordKind kind);
SmEvalInputs sm_rule_def_get_reads (const SmRuleDef *rule);

SmEvaluation *sm_evaluate (SmMap              *map,
                           const SmEvalConfig *config,
                           SmLens              lens);
SmEvaluation *sm_evaluate_full (SmMap              *map,
                                const SmEvalConfig *config,
                                SmLens              lens,
                                GCancellable       *cancellable,
                                SmProgress         *progress,
                                GError            **error);
SmEvaluation *sm_evaluate_update (SmMap              *map,
                                  const SmEvalConfig *config,
                                  SmLens              lens,
                                  const SmEvaluation *previous,
                                  SmEvalInputs        changed,
                                  GCancellable       *cancellable,
                                  SmProgress         *progress,
                                  GError            **error);
SmEvaluation *sm_evaluation_copy (const SmEvaluation *self);
guint         sm_evaluation_get_n_rules_run (const SmEvaluation *self);
void          sm_evaluation_free (SmEvaluation *self);
SmRuleResult *sm_evaluation_lookup (SmEvaluation *self,
                                    const char   *rule_id);
SmRuleResult *sm_evaluation_lookup_check (SmEvaluation *self,
                                          const char   *check_id);
JsonNode     *sm_evaluation_to_json (SmEvaluation *self);

/* How a principle's checks came out, counted one way for the app's card,
 * every report and the command line. */
typedef struct
{
  guint n_rules; /* the principle's checks */
  guint n_eval;  /* those that could run and were scored (pass, warn, fail) */
  guint n_pass;
  guint n_warn;
  guint n_fail;
} SmPrincipleCounts;

void  sm_principle_result_get_counts (const SmEvaluation *evaluation,
                                      guint               principle,
                                      SmPrincipleCounts  *counts);
char *sm_principle_result_dup_checks_text (const SmEvaluation *evaluation,
                                           guint               principle);

const char *sm_rule_status_to_string (SmRuleStatus status);
const char *sm_rule_status_to_label (SmRuleStatus status);
const char *sm_principle_status_to_string (SmPrincipleStatus status);
const char *sm_principle_status_to_label (SmPrincipleStatus status);
char       *sm_principle_status_dup_was (SmPrincipleStatus status,
                                         const char       *date);
const char *sm_confidence_to_string (SmConfidence confidence);
const char *sm_confidence_to_label (SmConfidence confidence);
gboolean    sm_lens_from_string (const char *text,
                                 SmLens     *lens);
const char *sm_lens_to_string (SmLens lens);

/* Names in everything that leaves the team (§3.9, DQ-05): organisations
 * and groups are named; an individual who has not agreed to be named
 * (consent_to_be_mapped not true) is "Participant N". */
gboolean                      sm_stakeholder_is_organisation (SmRecord *stakeholder);
gboolean                      sm_stakeholder_may_be_named (SmRecord *stakeholder);
char                         *sm_stakeholder_dup_display_name (SmRecord *stakeholder,
                                                               gboolean  respect_consent);
typedef struct _SmPublicNames SmPublicNames;

/* Who is hidden besides the people who have not agreed to be named. */
typedef enum
{
  SM_PUBLIC_NAMES_CONSENT = 0,
  /* Every individual, consent or not: only organisations and groups are
   * named (a picture for a public board paper or a website). */
  SM_PUBLIC_NAMES_HIDE_PEOPLE = 1 << 0,
} SmPublicNamesFlags;

SmPublicNames     *sm_public_names_new (SmMap *map);
SmPublicNames     *sm_public_names_new_full (SmMap             *map,
                                             SmPublicNamesFlags flags);
SmPublicNamesFlags sm_public_names_get_flags (SmPublicNames *self);
void               sm_public_names_free (SmPublicNames *self);
guint              sm_public_names_get_n_hidden (SmPublicNames *self);
gboolean           sm_public_names_is_hidden (SmPublicNames *self,
                                              SmRecord      *stakeholder);
const char        *sm_public_names_get_name (SmPublicNames *self,
                                             SmRecord      *stakeholder);
const char        *sm_public_names_get_id (SmPublicNames *self,
                                           SmRecord      *stakeholder);
char              *sm_public_names_scrub (SmPublicNames *self,
                                          const char    *text);
SmMap             *sm_public_names_dup_map (SmPublicNames *self,
                                            SmMap         *map,
                                            GError       **error);
SmMap             *sm_public_names_dup_public_ids (SmPublicNames *self,
                                                   SmMap         *map,
                                                   GError       **error);
SmMap             *sm_public_names_dup_anonymised (SmPublicNames *self,
                                                   SmMap         *map,
                                                   GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmPublicNames, sm_public_names_free)

/* A record in words: a stakeholder's name, "A → B" for a relationship, a
 * decision's or space's name; NULL when @id names nothing on @map. */
char *sm_map_dup_record_label (SmMap      *map,
                               const char *id,
                               gboolean    respect_consent);
/* A data gap ("ID: field.path") in words: "Tomasz: Spaces". */
char *sm_data_gap_dup_label (SmMap      *map,
                             const char *gap,
                             gboolean    respect_consent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmEvaluation, sm_evaluation_free)

G_END_DECLS

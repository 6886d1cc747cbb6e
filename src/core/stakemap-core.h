/* stakemap-core.h
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole core in one include, module by module (HACKING.md maps them).
 * Front ends include this; files inside the core include what they use. */

#pragma once

/* base/ */
#include "sm-file-writer.h"
#include "sm-progress.h"

/* model/ */
#include "sm-collection.h"
#include "sm-labels.h"
#include "sm-map.h"
#include "sm-record.h"
#include "sm-selection.h"
#include "sm-types.h"

/* format/ */
#include "sm-format.h"
#include "sm-json.h"
#include "sm-schema.h"

/* history/ */
#include "sm-autosave.h"
#include "sm-command.h"
#include "sm-document.h"
#include "sm-history.h"
#include "sm-move-command.h"
#include "sm-region-command.h"

/* graph/ */
#include "sm-graph.h"
#include "sm-index.h"
#include "sm-layout.h"
#include "sm-metrics.h"

/* evaluation/ */
#include "sm-easy-read.h"
#include "sm-eval-profiles.h"
#include "sm-evaluate.h"
#include "sm-evaluation-store.h"
#include "sm-evaluator.h"
#include "sm-sources.h"

/* render/ */
#include "sm-arrangement.h"
#include "sm-render.h"

/* import/ */
#include "sm-import.h"

/* export/ */
#include "sm-export-image.h"
#include "sm-export.h"
#include "sm-exporter.h"

/* report/ */
#include "sm-report.h"

/* compare/ */
#include "sm-diff.h"
#include "sm-merge.h"

/* workshop/ */
#include "sm-workshop.h"

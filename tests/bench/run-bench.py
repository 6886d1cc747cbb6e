#!/usr/bin/env python3
# run-bench.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stakemap on large maps, beside the tools a user would otherwise pick.

    build-aux/dev bench [SIZES...]          (sets up, builds, runs this)
    python3 tests/bench/run-bench.py --build BUILD-DIR [--json OUT] [SIZES...]

BUILD-DIR is a release build (build-aux/dev bench makes _build-bench). The
default sizes are 100, 1,000, 10,000 and 100,000 stakeholders; some
measurements add their own sizes (metrics at 2,000 for networkx, the
report at 5,000, the 200-stakeholder map the zoomed frames are held to).

The maps are seeded random networks (make_map: preferential attachment, so
a few hubs, about two relationships a stakeholder, positions spread over
±5000 map units); the evaluation, arrangements and report use
make_evaluation_map, which adds the spaces, decisions and groups the rules
read. A copy of each map laid out by Graphviz sfdp (short ties, as real
maps have; stakeholders kept apart by its overlap removal; at 100,000, ten
copies of the 10,000 layout, as sfdp takes too long) is used for a second
set of frames.

Measurements can be left out with --skip (names in MEASUREMENTS): "frames"
is the random maps' frames, "laid-out" the laid-out maps' frames, "canvas"
the widget's part of either.

How it measures:
  - every figure is a median; where Stakemap is compared with a peer, the
    two run alternately (ours, peer, ours, peer…), ROUNDS times (5; set
    BENCH_ROUNDS), so both meet the same load on a shared machine. A
    measurement that has used its time budget (BENCH_BUDGET seconds, 60)
    stops after the round it is in, so the largest sizes may have fewer
    rounds: the table says how many ran;
  - "whole process" figures time the command as a user runs it, start-up
    included; "in process" figures come from bench-core or bench-canvas,
    which time the core call itself and print medians of their own runs;
  - a measurement that runs past its time limit is reported as "> N s",
    and a peer that would take too long at a size is skipped, with a note.

Prints the machine and the command first, then one Markdown table (to
paste into docs/performance.md): each operation and size, our median, the
peer's median, the ratio, the target of issue 15 and whether it is met,
and the growth factor from that size to 10× that size (target at most 12×
for operations that should be linear). Not a test: figures depend on the
machine."""

import argparse
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

KINDS = ["service_user", "carer", "citizen", "professional", "manager", "commissioner",
         "community_org", "researcher", "elected_member", "advocate"]
CATEGORIES = ["information", "knowledge_advice", "collaboration", "support_care",
              "service_delivery", "command_accountability", "peer_support"]

DEFAULT_SIZES = [100, 1000, 10000, 100000]
MEASUREMENTS = ["check", "memory", "load", "metrics", "render", "frames", "canvas", "laid-out", "evaluate",
                "arrange", "tidy", "diff", "report"]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BUDGET_S = float(os.environ.get("BENCH_BUDGET", "60"))
METRICS_SIZES = [100, 1000, 2000]     # networkx's betweenness is too slow beyond
NETWORKX_MAX = 2000
REPORT_SIZES = [1000, 5000]
TIDY_SIZES = [1000, 10000]
DIFF_SIZES = [1000, 10000]
FRAME_IN_VIEW = 200                   # the zoomed frame
XVFB_SERVER_ARGS = "-screen 0 1920x1280x24"


# ---------------------------------------------------------------------------
# Maps


def make_map(n, seed=7, spread=5000):
    """A seeded random map of n stakeholders: preferential attachment (a
    few hubs, like real stakeholder maps), about two relationships each,
    positions uniform over ±spread map units (5000), every field type
    present."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        people.append({
            "id": "s%d" % i, "name": "Stakeholder %d" % i, "kind": rng.choice(KINDS),
            "influence": rng.randint(0, 10), "interest": rng.randint(0, 10),
            "lived_experience": {"relevant": rng.random() < 0.4, "in_role": rng.random() < 0.4},
            "participation_level": rng.randint(1, 7),
            "remuneration": {"time_paid": "fee", "expenses_covered": "yes"},
            "x": rng.uniform(-spread, spread), "y": rng.uniform(-spread, spread),
        })
    ties = []
    seen = set()
    # preferential attachment: a few hubs, like real stakeholder maps
    targets = [0]
    for i in range(1, n):
        for _ in range(2):
            j = rng.choice(targets)
            if j != i and (i, j) not in seen:
                seen.add((i, j))
                ties.append({"id": "r%d" % len(ties), "source": "s%d" % i, "target": "s%d" % j,
                             "category": rng.choice(CATEGORIES),
                             "direction": rng.choice(["one_way", "two_way"])})
                targets.append(j)
        targets.append(i)
    return {"format": "stakemap", "version": 1, "map": {"title": "Benchmark %d" % n},
            "stakeholders": people, "relationships": ties}


def make_evaluation_map(n, seed=11):
    """A map with every input the rules read: spaces, decisions, affected
    groups, assets and payment, so no rule stops early for lack of data."""
    rng = random.Random(seed)
    doc = make_map(n, seed)
    doc["map"].update({"claimed_approach": 7, "on_the_table": [{"item": "Hours"}],
                       "off_the_table": [{"item": "Budget", "reason": "Fixed"}]})
    ids = [s["id"] for s in doc["stakeholders"]]
    groups = [{"id": "g%d" % k, "name": "Group %d" % k} for k in range(10)]
    for s in doc["stakeholders"]:
        s.update({"legitimacy": rng.randint(0, 10), "urgency": rng.randint(0, 10),
                  "roles": [rng.choice(["service_user", "co_researcher", "peer_supporter", "carer"])],
                  "assets": [{"type": "skills", "in_use": rng.random() < 0.6, "recognised": rng.random() < 0.5}],
                  "accessibility": {"needs_declared": rng.random() < 0.3, "met": rng.choice(["yes", "partly", "no"])},
                  "participation_by_stage": {"design": rng.randint(1, 7), "delivery": rng.randint(1, 7)},
                  "represents": [rng.choice(groups)["id"]],
                  "capacity_support": [rng.choice(["training", "none"])]})
    for r in doc["relationships"]:
        r.update({"reciprocity": rng.choice(["none", "some", "balanced", "unknown"]),
                  "power_form": rng.choice(["visible", "hidden", "invisible", "unknown"])})
    doc["spaces"] = [{"id": "sp%d" % k, "name": "Space %d" % k, "type": rng.choice(["closed", "invited", "claimed"]),
                      "decision_rights": rng.choice(["advise", "recommend", "decide"]),
                      "members": [{"stakeholder": m, "role": rng.choice(["voting", "chair", "observer"])}
                                  for m in rng.sample(ids, min(12, len(ids)))]} for k in range(20)]
    doc["decisions"] = [{"id": "d%d" % k, "title": "Decision %d" % k,
                         "stage": rng.choice(["commissioning", "design", "delivery", "assessment"]),
                         "space_id": "sp%d" % rng.randrange(20), "status": "made",
                         "decided_by": rng.sample(ids, 2), "input_from": rng.sample(ids, 4),
                         "input_changed_outcome": "yes", "reported_back": rng.random() < 0.7}
                        for k in range(40)]
    doc["affected_groups"] = groups
    return doc


def make_edited_copy(doc, edits, seed):
    """Another version of the same map with `edits` edits, as a second
    facilitator would make: a third change a field, a third move someone,
    the rest add or remove a stakeholder or a relationship."""
    rng = random.Random(seed)
    copy = json.loads(json.dumps(doc))
    people, ties = copy["stakeholders"], copy["relationships"]
    for k in range(edits):
        what = k % 6
        if what in (0, 1):
            rng.choice(people)["influence"] = rng.randint(0, 10)
        elif what in (2, 3):
            s = rng.choice(people)
            s["x"] += rng.uniform(-50, 50)
            s["y"] += rng.uniform(-50, 50)
        elif what == 4:
            new_id = "s-%d-%d" % (seed, k)
            people.append({"id": new_id, "name": "New %d %d" % (seed, k), "kind": rng.choice(KINDS),
                           "x": rng.uniform(-5000, 5000), "y": rng.uniform(-5000, 5000)})
            ties.append({"id": "r-%d-%d" % (seed, k), "source": new_id, "target": rng.choice(people)["id"],
                         "direction": "one_way"})
        else:
            ties.pop(rng.randrange(len(ties)))
    return copy


def write_json(doc, path):
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def node_radius(stakeholder):
    """The radius the renderer gives a stakeholder (map units), from influence."""
    return math.sqrt(14 ** 2 + (44 ** 2 - 14 ** 2) * stakeholder.get("influence", 5) / 10)


def write_graph(doc, path):
    """The map's network alone for sfdp to lay out: no positions, each
    stakeholder a circle of the size we draw it (a map unit is a point),
    so sfdp's overlap removal keeps them apart as Tidy Up does."""
    with open(path, "w") as f:
        f.write('graph map {\n  node [shape=circle, fixedsize=true, label=""];\n')
        for s in doc["stakeholders"]:
            f.write('  "%s" [width=%.3f];\n' % (s["id"], 2 * node_radius(s) / 72))
        for r in doc["relationships"]:
            f.write('  "%s" -- "%s";\n' % (r["source"], r["target"]))
        f.write("}\n")
    return path


def read_plain_positions(path):
    """Node positions (inches) from Graphviz -Tplain output."""
    positions = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] == "node":
                positions[parts[1].strip('"')] = (float(parts[2]), float(parts[3]))
    return positions


def laid_out_copy(doc, positions):
    """The map with sfdp's positions (inches) in map units (points, the
    unit its node sizes were given in), y pointing down."""
    copy = json.loads(json.dumps(doc))
    for s in copy["stakeholders"]:
        x, y = positions[s["id"]]
        s["x"], s["y"] = round(x * 72, 2), round(-y * 72, 2)
    return copy


def tiled_copy(doc, copies, n):
    """`copies` copies of a laid-out map side by side in a grid, ids made
    unique: a laid-out map of n stakeholders where sfdp would take too
    long (it did not finish 100,000 in 10 minutes here)."""
    xs = [s["x"] for s in doc["stakeholders"]]
    ys = [s["y"] for s in doc["stakeholders"]]
    width, height = max(xs) - min(xs) + 400, max(ys) - min(ys) + 400
    columns = math.ceil(math.sqrt(copies))
    tiled = {key: value for key, value in doc.items() if key not in ("stakeholders", "relationships")}
    tiled["stakeholders"], tiled["relationships"] = [], []
    for k in range(copies):
        dx, dy = (k % columns) * width, (k // columns) * height
        for s in doc["stakeholders"]:
            tiled["stakeholders"].append(dict(s, id="c%d-%s" % (k, s["id"]), x=s["x"] + dx, y=s["y"] + dy))
        for r in doc["relationships"]:
            tiled["relationships"].append(dict(r, id="c%d-%s" % (k, r["id"]), source="c%d-%s" % (k, r["source"]),
                                               target="c%d-%s" % (k, r["target"])))
    tiled["stakeholders"] = tiled["stakeholders"][:n]
    kept = {s["id"] for s in tiled["stakeholders"]}
    tiled["relationships"] = [r for r in tiled["relationships"] if r["source"] in kept and r["target"] in kept]
    return tiled


def write_dot(doc, path, width_px=1600, height_px=1200):
    """The same map for Graphviz: positions pinned, sizes from influence,
    arrowheads as we draw them, drawn at width_px × height_px at most."""
    def quote(text):
        return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')

    with open(path, "w") as f:
        f.write('digraph map {\n  graph [size="%.3f,%.3f", dpi=96, bgcolor=white, outputorder=edgesfirst];\n'
                '  node [shape=circle, fixedsize=true, style=filled, fillcolor="#E69F00", fontsize=12];\n'
                '  edge [color="#66666e"];\n' % (width_px / 96, height_px / 96))
        for s in doc["stakeholders"]:
            f.write('  %s [pos="%.2f,%.2f!", width=%.3f, label=%s];\n' % (
                quote(s["id"]), s["x"], -s["y"], 2 * node_radius(s) / 72, quote(s["name"])))
        for r in doc["relationships"]:
            f.write('  %s -> %s [dir=%s];\n' % (
                quote(r["source"]), quote(r["target"]),
                "both" if r.get("direction") == "two_way" else "forward"))
        f.write("}\n")
    return path


# ---------------------------------------------------------------------------
# Running things


class TimedOut(Exception):
    pass


class Tools:
    """Where the programs under test are, and the environment they need."""

    def __init__(self, build):
        self.build = os.path.abspath(build)
        self.bench_core = os.path.join(self.build, "tests", "bench", "bench-core")
        self.bench_canvas = os.path.join(self.build, "tests", "bench", "bench-canvas")
        self.cli = os.path.join(self.build, "src", "cli", "stakemap-cli")
        self.neato = shutil.which("neato")
        self.sfdp = shutil.which("sfdp")
        self.validate = shutil.which("json-glib-validate")
        self.xvfb_run = shutil.which("xvfb-run")
        self.canvas_env = dict(os.environ, GDK_BACKEND="x11", GTK_A11Y="none", NO_AT_BRIDGE="1",
                               ADW_DISABLE_PORTAL="1", GSETTINGS_BACKEND="memory",
                               GSETTINGS_SCHEMA_DIR=os.path.join(self.build, "data"), LC_ALL="C.UTF-8")
        self._has = {}
        self.canvas_reference = {}

    def has_canvas(self):
        return os.access(self.bench_canvas, os.X_OK) and (
            bool(os.environ.get("DISPLAY")) or self.xvfb_run is not None)

    def canvas_command(self, args):
        command = [self.bench_canvas, *args]
        if not os.environ.get("DISPLAY"):
            command = [self.xvfb_run, "-a", "-s", XVFB_SERVER_ARGS, *command]
        return command

    def core_has(self, command, probe_args):
        """Whether bench-core knows `command` (the Tidy Up subcommands land
        separately): an unknown command exits 2 and prints nothing."""
        if command not in self._has:
            result = subprocess.run([self.bench_core, command, *probe_args], capture_output=True, text=True)
            self._has[command] = not (result.returncode == 2 and not result.stdout.strip())
        return self._has[command]


def run_ms(command, timeout, env=None, ok=(0,)):
    """Wall-clock milliseconds of a whole process (its output discarded);
    an exit status not in `ok` is an error."""
    t0 = time.perf_counter()
    try:
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise TimedOut()
    if result.returncode not in ok:
        raise subprocess.CalledProcessError(result.returncode, command, stderr=result.stderr)
    return (time.perf_counter() - t0) * 1000


def run_json(command, timeout, env=None):
    """The JSON object a bench program prints."""
    try:
        out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout, env=env).stdout
    except subprocess.TimeoutExpired:
        raise TimedOut()
    return json.loads(out.strip().splitlines()[-1])


def peak_kib(command, timeout):
    """The command's maximum resident set size (KiB), from GNU time: a
    small process that execs it, since an exec'd child starts its peak
    from its parent's (Python's, here)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        try:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *command], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise TimedOut()
        return int(out.read().split()[-1])


def alternate(tasks, rounds=None, budget_s=None):
    """Runs the callables of `tasks` (name -> callable returning one
    sample) in turn, round after round, and returns name -> samples. A task
    that times out is dropped (its samples become "timeout"). Stops early
    once the budget is spent, after a whole round."""
    rounds = rounds or ROUNDS
    budget_s = BUDGET_S if budget_s is None else budget_s
    samples = {name: [] for name in tasks}
    live = dict(tasks)
    t0 = time.monotonic()
    for _ in range(rounds):
        for name, task in list(live.items()):
            try:
                samples[name].append(task())
            except TimedOut:
                samples[name] = "timeout"
                del live[name]
        if not live or time.monotonic() - t0 > budget_s:
            break
    return samples


def med(samples, key=None):
    """Median of numbers, or of one key of dicts; "timeout" stays so."""
    if samples == "timeout" or samples is None:
        return samples
    values = [s[key] if key else s for s in samples]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def progress(text):
    print("bench: " + text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Results


class Table:
    """The rows of the final table, and the notes under it."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, op, n, ours, unit="ms", peer=None, theirs=None, ratio=None, target=None, met=None,
            linear=False, runs=None, detail=""):
        """One row. `ours`/`theirs` are numbers, "timeout", or None (not
        measured); `target` the issue's goal in words, `met` whether it
        holds (None when it does not apply at this size)."""
        if ratio is None and isinstance(ours, (int, float)) and isinstance(theirs, (int, float)) and theirs > 0:
            ratio = ours / theirs
        self.rows.append({"op": op, "n": n, "ours": ours, "unit": unit, "peer": peer, "theirs": theirs,
                          "ratio": ratio, "target": target, "met": met, "linear": linear, "runs": runs,
                          "detail": detail})

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def growth(self, row):
        """ours at 10× this size / ours at this size, for the same op (times
        only: memory is already per stakeholder)."""
        if row["unit"] != "ms":
            return None
        for other in self.rows:
            if other["op"] == row["op"] and other["n"] == row["n"] * 10:
                a, b = row["ours"], other["ours"]
                if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a > 0:
                    return b / a
                if isinstance(a, (int, float)) and b == "timeout":
                    return "timeout"
        return None

    def print_markdown(self, out=sys.stdout):
        def cell(value, unit):
            if value is None:
                return "—"
            if value == "timeout":
                return "timeout"
            if unit == "ms":
                return "%.0f ms" % value if value >= 100 else "%.1f ms" % value if value >= 1 else "%.2f ms" % value
            if unit == "KiB/stakeholder":
                return "%.2f KiB" % value
            text = "{:,.0f}".format(value) if abs(value) >= 1000 else "%.3g" % value
            return (text + " " + unit).strip()

        print("| operation | stakeholders | Stakemap | peer | peer's | ratio | target | met | growth ×10 | runs |",
              file=out)
        print("|---|---:|---:|---|---:|---:|---|:---:|---:|---:|", file=out)
        for row in self.rows:
            growth = self.growth(row)
            if growth is None:
                growth_cell = "—"
            elif growth == "timeout":
                growth_cell = "timeout"
            else:
                growth_cell = "%.1f×" % growth
                if row["linear"]:
                    growth_cell += " ✓" if growth <= 12 else " ✗"
            met = {True: "yes", False: "**no**", None: ""}[row["met"]]
            ours = cell(row["ours"], row["unit"])
            if row["detail"]:
                ours += " (%s)" % row["detail"]
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                row["op"], "{:,}".format(row["n"]), ours, row["peer"] or "—",
                cell(row["theirs"], row["unit"]),
                "%.3g" % row["ratio"] if isinstance(row["ratio"], (int, float)) else "—",
                row["target"] or "", met, growth_cell, row["runs"] or ""), file=out)
        if self.notes:
            print(file=out)
            for text in self.notes:
                print("- " + text, file=out)


def number(value):
    return isinstance(value, (int, float))


# ---------------------------------------------------------------------------
# Measurements: one function each


def measure_check(tools, table, n, path):
    """`stakemap-cli check FILE` (parse, validate, build the map: a whole
    process) beside `json-glib-validate FILE` (parse only). Target: at most
    1.2× json-glib-validate."""
    timeout = 600
    tasks = {"ours": lambda: run_ms([tools.cli, "check", "--quiet", path], timeout)}
    if tools.validate:
        tasks["peer"] = lambda: run_ms([tools.validate, path], timeout)
    s = alternate(tasks)
    ours, theirs = med(s["ours"]), med(s.get("peer"))
    ratio = ours / theirs if number(ours) and number(theirs) else None
    table.add("check (whole process)", n, ours, peer="json-glib-validate", theirs=theirs,
              target="≤ 1.2× peer", met=ratio <= 1.2 if ratio else None, linear=True, runs=len(s["ours"]))


def measure_memory(tools, table, n, path, empty):
    """Peak resident memory of `stakemap-cli check FILE`, per stakeholder
    (the whole process, so small maps are dominated by the libraries;
    the detail gives it above the peak for a one-stakeholder map), beside
    json-glib-validate's. Target: at most 1 KiB a stakeholder (with its
    relationships) at 100,000."""
    try:
        peak = peak_kib([tools.cli, "check", "--quiet", path], 600)
        ours = peak / n
        detail = "%.2f KiB above a 1-stakeholder map" % ((peak - peak_kib([tools.cli, "check", "--quiet", empty], 60))
                                                          / n)
    except TimedOut:
        ours, detail = "timeout", ""
    theirs = peak_kib([tools.validate, path], 600) / n if tools.validate else None
    table.add("peak memory of check, per stakeholder", n, ours, unit="KiB/stakeholder",
              peer="json-glib-validate", theirs=theirs,
              target="≤ 1 KiB at 100,000" if n >= 100000 else None,
              met=(ours <= 1.0 if number(ours) else False) if n >= 100000 else None, linear=False, runs=1,
              detail=detail)


def measure_load_save(tools, table, n, path):
    """Loading (parse, validate, build) in process beside a bare json-glib
    parse of the same bytes; then saving beside loading, alternating in one
    bench-core process. Target: saving at most 1× loading."""
    runs = 5 if n <= 10000 else 3
    try:
        load = run_json([tools.bench_core, "load", path, str(runs)], 900)
        table.add("load (in process)", n, load["stakemap_load_ms"], peer="json-glib parse",
                  theirs=load["jsonglib_parse_ms"], linear=True, runs=runs)
    except TimedOut:
        table.add("load (in process)", n, "timeout", linear=True)
    try:
        save = run_json([tools.bench_core, "save", path, str(runs)], 900)
        ratio = save["stakemap_save_ms"] / save["stakemap_load_ms"]
        table.add("save (in process)", n, save["stakemap_save_ms"], peer="our load", theirs=save["stakemap_load_ms"],
                  ratio=ratio, target="≤ 1× load", met=ratio <= 1.0, linear=True, runs=runs)
    except TimedOut:
        table.add("save (in process)", n, "timeout", linear=True)


def networkx_metrics_ms(doc):
    """networkx computing what `metrics` computes: degree, betweenness
    (exact), components, articulation points, communities (in process)."""
    import networkx as nx
    t0 = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(s["id"] for s in doc["stakeholders"])
    g.add_edges_from((r["source"], r["target"]) for r in doc["relationships"])
    dict(g.degree)
    nx.betweenness_centrality(g)
    nx.number_connected_components(g)
    list(nx.articulation_points(g))
    nx.community.greedy_modularity_communities(g)
    return (time.perf_counter() - t0) * 1000


def measure_metrics(tools, table, n, path, doc):
    """Network measures in process (degree, exact betweenness, components,
    articulation points, communities) beside networkx, up to 2,000
    stakeholders. Target: at most 1/50 of networkx's time at 2,000."""
    timeout = 300
    tasks = {"ours": lambda: run_json([tools.bench_core, "metrics", path, "1"], timeout)["stakemap_metrics_ms"]}
    with_peer = n <= NETWORKX_MAX
    try:
        import networkx  # noqa: F401
    except ImportError:
        with_peer = False
    if with_peer:
        tasks["peer"] = lambda: networkx_metrics_ms(doc)
    else:
        table.note("networkx metrics are measured up to %s stakeholders only: its exact betweenness "
                   "(pure Python, O(n·m)) takes minutes beyond." % "{:,}".format(NETWORKX_MAX))
    s = alternate(tasks, rounds=ROUNDS if n <= 2000 else 3)
    ours, theirs = med(s["ours"]), med(s.get("peer"))
    ratio = ours / theirs if number(ours) and number(theirs) else None
    table.add("metrics (in process)", n, ours, peer="networkx", theirs=theirs,
              target="≤ 0.02× peer" if n == 2000 else None,
              met=(ratio <= 0.02 if ratio else False) if n == 2000 else None,
              runs=len(s["ours"]) if s["ours"] != "timeout" else 1)


def measure_evaluate(tools, table, n, path):
    """A full evaluation in process: 27 rules, data-quality checks,
    principle scores and the summary. Targets: 1,000 stakeholders in at
    most 20 ms, 10,000 in at most 1 s. No peer."""
    timeout = 120 if n >= 100000 else 300
    runs = 5 if n <= 1000 else 1
    try:
        ours = run_json([tools.bench_core, "evaluate", path, str(runs)], timeout)["stakemap_evaluate_ms"]
    except TimedOut:
        ours = "timeout"
        table.note("evaluate at %s stakeholders stopped after %d s." % ("{:,}".format(n), timeout))
    targets = {1000: 20, 10000: 1000}
    met = None
    if n in targets:
        met = number(ours) and ours <= targets[n]
    table.add("evaluate (in process)", n, ours, target="≤ %d ms" % targets[n] if n in targets else None, met=met,
              runs=runs)


def measure_render(tools, table, n, path, doc, d):
    """The whole map fitted to a 1,600 × 1,200 picture: drawing in process
    (bench-core render), then `stakemap-cli export` to PNG and to PDF as
    whole processes, each beside Graphviz `neato -n2` drawing the same
    positions (circles sized by influence, names, arrowheads) to the same
    size and format."""
    runs = 3 if n <= 10000 else 1
    try:
        r = run_json([tools.bench_core, "render", path, str(runs)], 900)
        table.add("draw whole map fitted, 1600×1200 (in process)", n, r["stakemap_render_ms"], linear=True,
                  runs=runs)
    except TimedOut:
        table.add("draw whole map fitted, 1600×1200 (in process)", n, "timeout", linear=True)

    dot = write_dot(doc, os.path.join(d, "draw-%d.dot" % n))
    timeout = 300
    for fmt, extra in (("png", ["--width=1600"]), ("pdf", [])):
        out = os.path.join(d, "export-%d.%s" % (n, fmt))
        tasks = {"ours": lambda: run_ms([tools.cli, "export", path, "-o", out, *extra], timeout)}
        if tools.neato:
            tasks["peer"] = lambda: run_ms([tools.neato, "-n2", "-T" + fmt, "-o", out + ".neato", dot], timeout)
        s = alternate(tasks, rounds=ROUNDS if n <= 1000 else 3 if n <= 10000 else 1)
        ours, theirs = med(s["ours"]), med(s.get("peer"))
        if theirs == "timeout":
            table.note("neato -n2 -T%s at %s stakeholders stopped after %d s." % (fmt, "{:,}".format(n), timeout))
        table.add("export %s, whole map (whole process)" % fmt.upper(), n, ours, peer="neato -n2 -T%s" % fmt,
                  theirs=theirs, linear=True, runs=len(s["ours"]) if s["ours"] != "timeout" else 1)


def measure_frames(tools, table, n, path, reference, label):
    """Canvas frames through the renderer (bench-core frames), as the
    canvas draws them: a 1,600 × 1,200 view zoomed on the map's middle so
    about 200 stakeholders are in it (the count is printed), beside a
    200-stakeholder map fitted (same layout kind; a random one is made at
    the density of the big map, so it is drawn at about the same zoom,
    names and all, as the issue's "a 200-stakeholder map showing about as
    many stakeholders"); and the whole map fitted. Target: the zoomed frame at most 2× the 200-stakeholder
    frame. Returns the zoomed viewport for the widget's frames."""
    runs = 5 if n <= 10000 else 3
    timeout = 900
    zoom = n >= FRAME_IN_VIEW * 1.2
    tasks = {"ours": lambda: run_json([tools.bench_core, "frames", path, str(runs),
                                       str(FRAME_IN_VIEW if zoom else 0)], timeout),
             "peer": lambda: run_json([tools.bench_core, "frames", reference, str(runs), "0"], timeout)}
    s = alternate(tasks, rounds=3)
    if s["ours"] == "timeout":
        table.add("frame, ~200 in view, renderer (%s)" % label, n, "timeout")
        return None
    theirs = med(s["peer"], "fit_ms")
    last = s["ours"][-1]
    if zoom:
        ours = med(s["ours"], "zoom_ms")
        ratio = ours / theirs
        table.add("frame, ~200 in view, renderer (%s)" % label, n, ours, peer="200-stakeholder map fitted",
                  theirs=theirs, target="≤ 2× peer", met=ratio <= 2,
                  runs=len(s["ours"]), detail="%d in view, %d drawn" % (last["zoom_in_view"], last["zoom_drawn"]))
    else:
        table.note("At %s stakeholders the whole map is fewer than ~200: the zoomed frame is not measured."
                   % "{:,}".format(n))
    table.add("frame, whole map fitted, renderer (%s)" % label, n, med(s["ours"], "fit_ms"), linear=True,
              runs=len(s["ours"]), detail="%d drawn" % last["fit_drawn"])
    if zoom:
        return last["zoom_scale"], last["zoom_cx"], last["zoom_cy"]
    return None


def measure_canvas(tools, table, n, path, reference, view, label):
    """Frames of the real SmCanvas widget offscreen (bench-canvas, under
    xvfb-run): its snapshot plus drawing that node, still (the picture the
    canvas keeps), fresh (drawn afresh, as after an edit), a run of pan
    steps of 40 px with the main loop run between them (a window of the
    margin the canvas draws in idle time; what drawing it took is printed
    too, at rest and the mean a step), the same steps with the margin
    dropped (uncovered: each draws the strip it uncovers, as in a drag
    that outruns the margin), zoom steps of 10 % (the kept picture
    scaled), and settle (the exact frame once a zoom rests). At the
    ~200-in-view zoom beside the
    200-stakeholder map fitted, and at the canvas's own zoom to fit.
    Targets: pan and zoom under 16 ms a frame at 10,000; the zoomed frame
    at most 2× the 200-stakeholder map's."""
    if not tools.has_canvas():
        table.note("bench-canvas was not built or there is no display (nor xvfb-run): widget frames skipped.")
        return
    runs = 3
    timeout = 900
    env = tools.canvas_env

    def frames(file, *args):
        return run_json(tools.canvas_command([file, str(runs), *args]), timeout, env=env)

    def reference_frames():
        # The 200-stakeholder map's frames are measured once a run (a
        # widget run takes a while); the map's own runs follow.
        if reference not in tools.canvas_reference:
            tools.canvas_reference[reference] = frames(reference)
        return tools.canvas_reference[reference]

    views = []
    if view is not None:
        views.append(("~200 in view", [("%.6g" % v) for v in view]))
    if n <= 10000 and label == "random":
        views.append(("whole map fitted", []))
    elif label == "random":
        table.note("The widget's fitted frame is not measured at %s stakeholders (over a second a frame); "
                   "the renderer's row shows that frame." % "{:,}".format(n))
    for name, args in views:
        s = alternate({"peer": reference_frames, "ours": lambda: frames(path, *args)}, rounds=1)
        for kind in ("still", "fresh", "pan", "uncovered", "zoom", "settle"):
            op = "canvas widget frame, %s, %s (%s)" % (kind, name, label)
            if s["ours"] != "timeout" and kind + "_ms" not in s["ours"][-1]:
                continue  # a bench-canvas from before the kept picture
            if s["ours"] == "timeout":
                table.add(op, n, "timeout")
                continue
            ours = med(s["ours"], kind + "_ms")
            theirs = (med(s["peer"], kind + "_ms")
                      if s["peer"] != "timeout" and kind + "_ms" in s["peer"][-1] else None)
            targets, met = [], []
            if kind in ("pan", "zoom") and n == 10000:
                targets.append("< 16 ms")
                met.append(ours < 16)
            # A drag that outruns the margin is shown beside the peer, not
            # held to the target: the pan row is the frame a drag waits for.
            if name.startswith("~200") and number(theirs) and kind != "uncovered":
                targets.append("≤ 2× peer")
                met.append(ours <= 2 * theirs)
            table.add(op, n, ours, peer="200-stakeholder map fitted" if name.startswith("~200") else None,
                      theirs=theirs if name.startswith("~200") else None, target=", ".join(targets) or None,
                      met=all(met) if met else None, runs=len(s["ours"]) * runs,
                      linear=name == "whole map fitted")
        if s["ours"] != "timeout" and "pan_idle_ms" in s["ours"][-1]:
            table.add("canvas margin drawn in idle time, at rest, %s (%s)" % (name, label), n,
                      med(s["ours"], "margin_ms"), runs=len(s["ours"]))
            table.add("canvas margin drawn in idle time, a pan step's mean, %s (%s)" % (name, label), n,
                      med(s["ours"], "pan_idle_ms"), runs=len(s["ours"]))
        if s["ours"] != "timeout" and "still_gsk_ms" in s["ours"][-1]:
            table.add("canvas widget frame, still, %s, window's %s (%s)" % (name, s["ours"][-1]["renderer"], label),
                      n, med(s["ours"], "still_gsk_ms"), runs=len(s["ours"]) * runs)


def measure_arrange(tools, table, n, path):
    """Switching to each view (arrangement) and fitting it to 1,600 ×
    1,200, then drawing that fitted view (bench-core arrange, in process).
    Targets: switching at most 0.5 s at 100,000; the fitted frame under
    50 ms at 1,000."""
    # Three runs at every size: a single switch at 10,000 takes 7-12 ms
    # and at 100,000 includes the first touch of fresh memory, too noisy
    # for the growth factor between the two.
    runs = 3
    timeout = 900
    draw = n < 100000
    if not draw:
        table.note("At %s stakeholders only switching to each view is timed, not its fitted frame "
                   "(over a second a frame)." % "{:,}".format(n))
    try:
        views = run_json([tools.bench_core, "arrange", path, str(runs), "draw" if draw else "layout"], timeout)
    except TimedOut:
        table.add("switch to a view", n, "timeout")
        table.note("bench-core arrange at %s stakeholders stopped after %d s." % ("{:,}".format(n), timeout))
        return
    for view, (layout_ms, draw_ms) in views.items():
        table.add("switch to %s" % view, n, layout_ms, target="≤ 500 ms" if n >= 100000 else None,
                  met=layout_ms <= 500 if n >= 100000 else None, linear=True, runs=runs)
        if draw_ms >= 0:
            table.add("fitted frame of %s" % view, n, draw_ms, target="< 50 ms" if n == 1000 else None,
                      met=draw_ms < 50 if n == 1000 else None, linear=True, runs=runs)


def sfdp_layout(tools, doc, d, n, timeout=900):
    """sfdp's layout of the map's network (-Tplain) with its overlaps
    removed (-Goverlap=prism), and its time (ms)."""
    graph = write_graph(doc, os.path.join(d, "graph-%d.gv" % n))
    plain = os.path.join(d, "graph-%d.plain" % n)
    ms = run_ms([tools.sfdp, "-Goverlap=prism", "-Tplain", "-o", plain, graph], timeout)
    return plain, ms


SFDP_MAX = 20000   # beyond, the laid-out map is tiled from one a tenth the size


def laid_out_map(tools, doc, d, n, laid_docs):
    """The map laid out by sfdp (short ties, as real maps have, and no
    stakeholder over another); beyond SFDP_MAX stakeholders, ten copies of the
    laid-out map of a tenth the size, side by side (and a note says so)."""
    if n <= SFDP_MAX:
        plain, _ = sfdp_layout(tools, doc, d, n)
        laid_docs[n] = laid_out_copy(doc, read_plain_positions(plain))
        return laid_docs[n]
    base = laid_docs.get(n // 10) or laid_out_map(tools, make_map(n // 10), d, n // 10, laid_docs)
    return tiled_copy(base, 10, n)


def measure_tidy(tools, table, n, path, doc, d):
    """Tidy Up (bench-core tidy, in process) beside Graphviz `sfdp` (whole
    process) on the same graph, with edge crossings and stress of both
    layouts (bench-core layout-quality on sfdp's -Tplain positions).
    Target: at most half sfdp's time, a layout at least as readable."""
    has_tidy = tools.core_has("tidy", [path, "1"])
    has_quality = tools.core_has("layout-quality", [path, os.devnull])
    if not has_tidy or not has_quality:
        table.note("bench-core has no `tidy`/`layout-quality` yet: Tidy Up's time, crossings and stress "
                   "are shown as —.")
    graph = write_graph(doc, os.path.join(d, "tidy-%d.gv" % n))
    plain = os.path.join(d, "tidy-%d.plain" % n)
    tasks = {"peer": lambda: run_ms([tools.sfdp, "-Tplain", "-o", plain, graph], 900)}
    if has_tidy:
        tasks["ours"] = lambda: tidy_result(tools, path)
    s = alternate(tasks, rounds=3 if has_tidy else 1)
    ours = med(s["ours"], "ms") if has_tidy and s["ours"] != "timeout" else s.get("ours")
    theirs = med(s["peer"])
    ratio = ours / theirs if number(ours) and number(theirs) else None
    table.add("Tidy Up", n, ours, peer="sfdp -Tplain (whole process)", theirs=theirs, ratio=ratio,
              target="≤ 0.5× peer", met=ratio <= 0.5 if ratio else None,
              runs=len(s["peer"]) if s["peer"] != "timeout" else 1)

    # Readability: the layout Tidy Up made (its last run) beside sfdp's.
    theirs_quality = layout_quality(tools, path, plain) if has_quality and number(theirs) else {}
    ours_quality = s["ours"][-1] if has_tidy and number(ours) else {}
    for measure, key, unit in (("edge crossings", "crossings", "crossings"), ("stress", "stress", "")):
        a, b = ours_quality.get(key + "-after"), theirs_quality.get(key)
        table.add("Tidy Up layout: %s" % measure, n, a, unit=unit, peer="sfdp's layout", theirs=b,
                  target="≤ peer", met=a <= b if number(a) and number(b) else None, runs=1)


def tidy_result(tools, path):
    """`bench-core tidy FILE 1`: "tidy <ms> crossings-before <c0> …" as a dict."""
    try:
        out = subprocess.run([tools.bench_core, "tidy", path, "1"], check=True, capture_output=True,
                             text=True, timeout=900).stdout.split()
    except subprocess.TimeoutExpired:
        raise TimedOut()
    result = {"ms": float(out[1])}
    for key, value in zip(out[2::2], out[3::2]):
        result[key] = float(value)
    return result


def layout_quality(tools, path, plain):
    """`bench-core layout-quality FILE PLAIN`: "crossings <c> stress <s>"."""
    out = subprocess.run([tools.bench_core, "layout-quality", path, plain], check=True, capture_output=True,
                         text=True, timeout=900).stdout.split()
    return {key: float(value) for key, value in zip(out[0::2], out[1::2])}


def measure_report(tools, table, n, path, doc, d):
    """`stakemap-cli report FILE -o OUT.pdf` (the full evaluation report
    with the map, a whole process) beside Graphviz `neato -n2 -Tpdf`
    drawing the same map. Target: at most 2 s at 5,000."""
    timeout = 300
    dot = write_dot(doc, os.path.join(d, "report-%d.dot" % n))
    out = os.path.join(d, "report-%d.pdf" % n)
    tasks = {"ours": lambda: run_ms([tools.cli, "report", path, "-o", out], timeout)}
    if tools.neato:
        tasks["peer"] = lambda: run_ms([tools.neato, "-n2", "-Tpdf", "-o", out + ".neato.pdf", dot], timeout)
    s = alternate(tasks, rounds=3)
    ours, theirs = med(s["ours"]), med(s.get("peer"))
    table.add("report PDF (whole process)", n, ours, peer="neato -n2 -Tpdf", theirs=theirs,
              target="≤ 2000 ms" if n == 5000 else None,
              met=(number(ours) and ours <= 2000) if n == 5000 else None,
              runs=len(s["ours"]) if s["ours"] != "timeout" else 1)


def measure_diff_merge(tools, table, n, doc, d):
    """`stakemap-cli diff BASE OURS` and `merge BASE OURS THEIRS -o OUT`
    (whole processes) on two versions of the map with 300 edits each
    (fields, moves, additions, removals; some collide, so the merge has
    conflicts and exits 3, as it does for a user). No peer: growth only."""
    base = write_json(doc, os.path.join(d, "base-%d.stakemap" % n))
    ours_file = write_json(make_edited_copy(doc, 300, 1), os.path.join(d, "ours-%d.stakemap" % n))
    theirs_file = write_json(make_edited_copy(doc, 300, 2), os.path.join(d, "theirs-%d.stakemap" % n))
    out = os.path.join(d, "merged-%d.stakemap" % n)
    timeout = 300
    s = alternate({"diff": lambda: run_ms([tools.cli, "diff", base, ours_file], timeout),
                   "merge": lambda: run_ms([tools.cli, "merge", base, ours_file, theirs_file, "-o", out], timeout,
                                            ok=(0, 3))})
    table.add("diff, 300 edits (whole process)", n, med(s["diff"]), linear=True,
              runs=len(s["diff"]) if s["diff"] != "timeout" else 1)
    table.add("merge, 300 edits a side (whole process)", n, med(s["merge"]), linear=True,
              runs=len(s["merge"]) if s["merge"] != "timeout" else 1)


# ---------------------------------------------------------------------------


def machine(command):
    """The machine and the versions of the peers, as Markdown lines."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    debian = "?"
    if os.path.exists("/etc/debian_version"):
        with open("/etc/debian_version") as f:
            debian = f.read().strip()

    def version(command, stream="stdout"):
        try:
            result = subprocess.run(command, capture_output=True, text=True)
        except OSError:
            return "not installed"
        return (result.stdout if stream == "stdout" else result.stderr).strip().splitlines()[0] \
            if (result.stdout or result.stderr) else "?"

    try:
        import networkx
        nx_version = networkx.__version__
    except ImportError:
        nx_version = "not installed"
    jsonglib = version(["dpkg-query", "-W", "-f=${Version}", "libjson-glib-1.0-0"])
    return [
        "Command: `%s`" % command,
        "Machine: %s, %d cores, Linux %s, Debian %s" % (cpu, os.cpu_count() or 0, platform.release(), debian),
        "Peers: %s; networkx %s (Python %s); json-glib %s (json-glib-validate)" % (
            version(["dot", "-V"], "stderr"), nx_version, platform.python_version(), jsonglib),
        "Date: %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", help="a release build directory (default: the one bench-core is in)")
    parser.add_argument("--json", help="also write every row as JSON to this file")
    parser.add_argument("--command", help="the command to print as the one that reproduces the table")
    parser.add_argument("--skip", default="", help="measurements to leave out, separated by commas: "
                        + ",".join(MEASUREMENTS))
    parser.add_argument("sizes", nargs="*", help="stakeholder counts (default: 100 1000 10000 100000); "
                        "an existing bench-core path first is taken as --build's")
    args = parser.parse_args()
    sizes = []
    for value in args.sizes:
        if os.path.isfile(value) and os.access(value, os.X_OK):
            args.build = args.build or os.path.join(os.path.dirname(os.path.abspath(value)), "..", "..")
        else:
            sizes.append(int(value.replace(",", "").replace("_", "")))
    sizes = sorted(set(sizes or DEFAULT_SIZES))
    if not args.build:
        parser.error("--build BUILD-DIR is needed")
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    if skip - set(MEASUREMENTS):
        parser.error("unknown measurement in --skip: %s" % ", ".join(sorted(skip - set(MEASUREMENTS))))

    def want(name):
        return name not in skip

    tools = Tools(args.build)
    for program in (tools.bench_core, tools.cli):
        if not os.access(program, os.X_OK):
            parser.error("%s was not built" % program)
    command = args.command or " ".join([os.path.relpath(sys.argv[0])] + sys.argv[1:])

    table = Table()
    started = time.monotonic()
    for line in machine(command):
        print(line + "  ")
    print(flush=True)

    with tempfile.TemporaryDirectory(prefix="stakemap-bench-") as d:
        def step(text):
            progress("%s (%.0f s in)" % (text, time.monotonic() - started))

        # The 200-stakeholder references for the zoomed frames: random
        # positions (one per size, at that size's density, so that fitted
        # it shows its 200 at the zoom of the big map's ~200 in view) and
        # laid out by sfdp (whose layouts have about one density at any
        # size).
        reference_doc = make_map(FRAME_IN_VIEW)
        reference = write_json(reference_doc, os.path.join(d, "reference.stakemap"))
        empty = write_json(make_map(1), os.path.join(d, "one.stakemap"))
        laid_docs = {}
        reference_laid = None
        if tools.sfdp and want("laid-out"):
            plain, _ = sfdp_layout(tools, reference_doc, d, FRAME_IN_VIEW)
            reference_laid = write_json(laid_out_copy(reference_doc, read_plain_positions(plain)),
                                        os.path.join(d, "reference-laid.stakemap"))
        if not tools.sfdp:
            table.note("Graphviz is not installed: no laid-out maps, no Graphviz columns.")

        for n in sizes:
            size = "{:,}".format(n)
            doc = make_map(n)
            path = write_json(doc, os.path.join(d, "map-%d.stakemap" % n))
            if want("check"):
                step("%s stakeholders: check" % size)
                measure_check(tools, table, n, path)
            if want("memory") and os.access("/usr/bin/time", os.X_OK):
                measure_memory(tools, table, n, path, empty)
            if want("load"):
                step("%s: load and save" % size)
                measure_load_save(tools, table, n, path)
            if want("metrics"):
                if n <= 10000:
                    step("%s: metrics" % size)
                    measure_metrics(tools, table, n, path, doc)
                else:
                    table.note("metrics (exact betweenness) are not run beyond 10,000: hours on today's code.")
            if want("render"):
                step("%s: drawing and export" % size)
                measure_render(tools, table, n, path, doc, d)
            view = None
            if want("frames"):
                reference = write_json(make_map(FRAME_IN_VIEW, spread=5000 * math.sqrt(FRAME_IN_VIEW / n)),
                                       os.path.join(d, "reference-%d.stakemap" % n))
                step("%s: renderer frames" % size)
                view = measure_frames(tools, table, n, path, reference, "random")
            if want("frames") and want("canvas"):
                step("%s: canvas widget frames" % size)
                measure_canvas(tools, table, n, path, reference, view, "random")
            if want("laid-out") and tools.sfdp and reference_laid:
                step("%s: sfdp layout for the laid-out frames" % size)
                if n > SFDP_MAX:
                    table.note("The laid-out map of %s stakeholders is ten copies of the %s-stakeholder map "
                               "laid out by sfdp, side by side: sfdp did not finish %s in 10 minutes here."
                               % (size, "{:,}".format(n // 10), size))
                try:
                    laid = write_json(laid_out_map(tools, doc, d, n, laid_docs),
                                      os.path.join(d, "laid-%d.stakemap" % n))
                    view = measure_frames(tools, table, n, laid, reference_laid, "laid out by sfdp")
                    if want("canvas"):
                        measure_canvas(tools, table, n, laid, reference_laid, view, "laid out by sfdp")
                except TimedOut:
                    table.note("sfdp did not lay out %s stakeholders in time: no laid-out frames there." % size)
            if want("evaluate") or want("arrange"):
                eval_path = write_json(make_evaluation_map(n), os.path.join(d, "evaluate-%d.stakemap" % n))
                if want("evaluate"):
                    step("%s: evaluate" % size)
                    measure_evaluate(tools, table, n, eval_path)
                if want("arrange"):
                    step("%s: arrangements" % size)
                    measure_arrange(tools, table, n, eval_path)
            if want("tidy") and n in TIDY_SIZES and tools.sfdp:
                step("%s: Tidy Up beside sfdp" % size)
                measure_tidy(tools, table, n, path, doc, d)
            if want("diff") and n in DIFF_SIZES:
                step("%s: diff and merge" % size)
                measure_diff_merge(tools, table, n, doc, d)

        # The extra sizes of the peers' comparisons.
        for n in METRICS_SIZES:
            if want("metrics") and n not in sizes and n <= max(sizes) * 2:
                step("%s: metrics" % "{:,}".format(n))
                doc = make_map(n)
                measure_metrics(tools, table, n, write_json(doc, os.path.join(d, "metrics-%d.stakemap" % n)), doc)
        for n in REPORT_SIZES:
            if want("report") and n <= max(sizes) * 5:
                step("%s: report" % "{:,}".format(n))
                doc = make_evaluation_map(n)
                measure_report(tools, table, n, write_json(doc, os.path.join(d, "report-%d.stakemap" % n)), doc, d)

    order = {}
    for row in table.rows:
        order.setdefault(row["op"], len(order))
    table.rows.sort(key=lambda row: (order[row["op"]], row["n"]))
    print()
    table.print_markdown()
    print()
    print("Whole run: %.0f s." % (time.monotonic() - started))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine(command), "rows": table.rows, "notes": table.notes}, f, indent=1)


if __name__ == "__main__":
    main()

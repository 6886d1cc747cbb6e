#!/usr/bin/env python3
# tests/bench/tidy-quality.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tidy Up beside Graphviz sfdp on several maps: is a change to the forces
really more readable, or only a different rounding?

    python3 tests/bench/tidy-quality.py BENCH-CORE [OTHER-BENCH-CORE] [SIZES...]

Builds run-bench.py's random maps for each size (default 1000 and 10000)
and each seed in TIDY_SEEDS (default 7,8,9; 7 is the benchmark's map), lays
each out with `sfdp -Tplain` once, and prints, for every build and map,
Tidy Up's edge crossings and stress as ratios to sfdp's (below 1: more
readable than sfdp), then their means per size. A change that alters the
layout moves each ratio by about 1 % either way from rounding alone, so
judge it by all the maps, never by one.

With TIDY_MAPS=clustered, the maps have the same stakeholders but their
relationships in groups of 100 (two ties a stakeholder inside its group,
one outside for about every third), where a layout that draws groups
tight gains crossings and loses stress; with TIDY_MAPS=uniform, each
relationship joins two stakeholders taken at random (1.5 a stakeholder).

With TIDY_ROUNDS=N (default 0), the builds' Tidy Up (`bench-core tidy
FILE 1`, in process) and sfdp (whole process) are also timed, alternating,
N rounds, and the medians and ratios to sfdp printed. Not a test: figures
depend on the machine.
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import importlib.util

spec = importlib.util.spec_from_file_location(
    "run_bench", os.path.join(os.path.dirname(os.path.abspath(__file__)), "run-bench.py"))
run_bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_bench)


def make_map(n, seed, kind):
    """run_bench.make_map, its relationships replaced for TIDY_MAPS."""
    doc = run_bench.make_map(n, seed)
    if kind == "benchmark":
        return doc
    rng = random.Random(seed)
    ties = set()
    if kind == "clustered":
        for i in range(n):
            group = i // 100 * 100
            for _ in range(2):
                j = min(group + rng.randrange(100), n - 1)
                if j != i:
                    ties.add((min(i, j), max(i, j)))
            if rng.random() < 0.3:
                j = rng.randrange(n)
                if j != i:
                    ties.add((min(i, j), max(i, j)))
    elif kind == "uniform":
        while len(ties) < n * 3 // 2:
            a, b = rng.randrange(n), rng.randrange(n)
            if a != b:
                ties.add((min(a, b), max(a, b)))
    else:
        raise SystemExit("TIDY_MAPS: benchmark, clustered or uniform")
    doc["relationships"] = [{"id": "r%d" % k, "source": "s%d" % a, "target": "s%d" % b}
                            for k, (a, b) in enumerate(sorted(ties))]
    return doc


def tidy(bench, path):
    """`bench-core tidy FILE 1` as a dict: ms, crossings-after, stress-after, …"""
    out = subprocess.run([bench, "tidy", path, "1"], check=True, capture_output=True, text=True).stdout.split()
    result = {"ms": float(out[1])}
    for key, value in zip(out[2::2], out[3::2]):
        result[key] = float(value)
    return result


def quality(bench, path, plain):
    """`bench-core layout-quality FILE PLAIN` as a dict: crossings, stress."""
    out = subprocess.run([bench, "layout-quality", path, plain], check=True, capture_output=True,
                         text=True).stdout.split()
    return {key: float(value) for key, value in zip(out[0::2], out[1::2])}


def main():
    args = sys.argv[1:]
    builds = [a for a in args if not a.isdigit()]
    sizes = [int(a) for a in args if a.isdigit()] or [1000, 10000]
    seeds = [int(s) for s in os.environ.get("TIDY_SEEDS", "7,8,9").split(",")]
    rounds = int(os.environ.get("TIDY_ROUNDS", "0"))
    kind = os.environ.get("TIDY_MAPS", "benchmark")
    if not builds or len(builds) > 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            sums = {b: [[], []] for b in builds}
            for seed in seeds:
                doc = make_map(n, seed, kind)
                path = run_bench.write_json(doc, os.path.join(d, "map-%d-%d.json" % (n, seed)))
                graph = run_bench.write_graph(doc, os.path.join(d, "map-%d-%d.gv" % (n, seed)))
                plain = os.path.join(d, "map-%d-%d.plain" % (n, seed))
                subprocess.run(["sfdp", "-Tplain", "-o", plain, graph], check=True)
                theirs = quality(builds[0], path, plain)
                print("%d, seed %d: sfdp %d crossings, stress %.6g" % (n, seed, theirs["crossings"],
                                                                       theirs["stress"]), flush=True)
                for b in builds:
                    ours = tidy(b, path)
                    c = ours["crossings-after"] / theirs["crossings"]
                    s = ours["stress-after"] / theirs["stress"]
                    sums[b][0].append(c)
                    sums[b][1].append(s)
                    print("  %s: %d crossings (%.4f× sfdp), stress %.6g (%.4f×)"
                          % (b, ours["crossings-after"], c, ours["stress-after"], s), flush=True)
                if rounds > 0:
                    times = {name: [] for name in builds + ["sfdp"]}
                    for _ in range(rounds):
                        for b in builds:
                            times[b].append(tidy(b, path)["ms"])
                        t0 = time.perf_counter()
                        subprocess.run(["sfdp", "-Tplain", "-o", plain, graph], check=True)
                        times["sfdp"].append((time.perf_counter() - t0) * 1000)
                    peer = statistics.median(times["sfdp"])
                    print("  time: sfdp %.0f ms; " % peer
                          + "; ".join("%s %.0f ms (%.3f× sfdp)" % (b, statistics.median(times[b]),
                                                                  statistics.median(times[b]) / peer)
                                      for b in builds), flush=True)
            for b in builds:
                print("%d, mean of %d maps, %s: crossings %.4f× sfdp, stress %.4f×"
                      % (n, len(seeds), b, statistics.mean(sums[b][0]), statistics.mean(sums[b][1])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# tests/bench/compare-builds.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two builds of the core side by side: did a change make anything slower?

    python3 tests/bench/compare-builds.py BEFORE/bench-core AFTER/bench-core [SIZES...]

Builds the same seeded maps as run-bench.py (default sizes 1000 and 10000),
then runs each measurement of bench-core (load, save, render and the
one-view frame, each arrangement's layout and frame, the canvas frames
fitted and with about 200 stakeholders in view; metrics and
evaluation up to 2,000 stakeholders) with the two builds alternating,
ROUNDS times over (5; set COMPARE_ROUNDS to change it), so both meet the
same load on a shared machine. Each bench-core run already prints the
median of several; the table gives the median of those per build and the
ratio after/before. A measurement the BEFORE build does not have is left
out. Not a test: figures depend on the machine.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile

import importlib.util

spec = importlib.util.spec_from_file_location(
    "run_bench", os.path.join(os.path.dirname(os.path.abspath(__file__)), "run-bench.py"))
run_bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_bench)


def measure(bench, command, path, runs, *extra):
    result = subprocess.run([bench, command, path, str(runs), *extra], capture_output=True, text=True)
    if result.returncode == 2 and not result.stdout.strip():
        return {}  # a build from before this command existed
    result.check_returncode()
    out = result.stdout
    data = json.loads(out)
    flat = {}
    for key, value in data.items():
        if isinstance(value, list):  # arrange: {"ladder": [layout_ms, frame_ms]}
            flat[f"{key} layout"] = value[0]
            flat[f"{key} frame"] = value[1]
        elif key.endswith("_ms"):
            flat[key[:-3]] = value
    return flat


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    before, after = sys.argv[1], sys.argv[2]
    sizes = [int(s) for s in sys.argv[3:]] or [1000, 10000]
    rounds = int(os.environ.get("COMPARE_ROUNDS", "5"))

    print("| stakeholders | measure | before (ms) | after (ms) | after / before |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"map-{n}.stakemap")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(run_bench.make_map(n), f)
            commands = [("load", 5), ("save", 5), ("render", 3), ("arrange", 3),
                        ("frames", 3, str(run_bench.FRAME_IN_VIEW))]
            if n <= 2000:
                commands += [("metrics", 3), ("evaluate", 3)]
            results = {"before": {}, "after": {}}
            for _ in range(rounds):
                for label, bench in (("before", before), ("after", after)):
                    for command, runs, *extra in commands:
                        for key, value in measure(bench, command, path, runs, *extra).items():
                            results[label].setdefault(key, []).append(value)
            for key in results["before"]:
                b = statistics.median(results["before"][key])
                a = statistics.median(results["after"].get(key, [float("nan")]))
                ratio = a / b if b > 0 else float("nan")
                print(f"| {n} | {key.replace('_', ' ')} | {b:.2f} | {a:.2f} | {ratio:.2f} |")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

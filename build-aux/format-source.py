#!/usr/bin/env python3
# build-aux/format-source.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Formats Stakemap's C sources with clang-format and .clang-format.

Usage: format-source.py [--check] [FILE...]

With no FILE, every tracked .c and .h file under src/ and tests/. With
--check nothing is written: each file that would change is named with the
first line that differs, and the status is 1 (77, "skipped", when
clang-format is not installed).

It is clang-format and nothing more, so an editor that formats with
clang-format writes exactly what this checks.
"""

import os
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_clang_format():
    for name in ("clang-format", "clang-format-14"):
        path = shutil.which(name)
        if path:
            return path
    return None


def tracked_sources():
    """The C files under src/ and tests/: git's list, or the folders' own
    outside a git checkout (a release tarball)."""
    result = subprocess.run(["git", "-C", TOP, "ls-files", "--", "src", "tests"],
                            capture_output=True, text=True)
    if result.returncode == 0:
        paths = [os.path.join(TOP, p) for p in result.stdout.split()]
    else:
        paths = [os.path.join(d, name)
                 for top in ("src", "tests")
                 for d, _dirs, names in os.walk(os.path.join(TOP, top))
                 for name in names]
    return sorted(p for p in paths if p.endswith((".c", ".h")) and os.path.exists(p))


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if a != "--check"] or tracked_sources()
    clang_format = find_clang_format()
    if clang_format is None:
        print("format-source.py: clang-format is not installed "
              "(Debian: apt-get install clang-format)", file=sys.stderr)
        return 77 if check else 1

    style = "--style=file:" + os.path.join(TOP, ".clang-format")
    unformatted = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        formatted = subprocess.run([clang_format, style, "--assume-filename=" + path],
                                   input=text, capture_output=True, text=True,
                                   check=True).stdout
        if formatted == text:
            continue
        unformatted += 1
        if check:
            old, new = text.split("\n"), formatted.split("\n")
            line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b),
                        min(len(old), len(new)))
            print(f"{os.path.relpath(path, TOP)}:{line + 1}: not formatted; "
                  "run build-aux/dev format")
            print(f"  is:        {old[line] if line < len(old) else ''}")
            print(f"  should be: {new[line] if line < len(new) else ''}")
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(formatted)
    if check and unformatted:
        print(f"{unformatted} file(s) not formatted")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
# build-aux/format-source.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Formats Stakemap's C sources the one way the tree is written.

Usage: format-source.py [--check] [FILE...]

With no FILE, every tracked .c file under src/ and tests/. With
--check nothing is written: each file that would change is named with
the first line that differs, and the status is 1.

clang-format (.clang-format at the top) does the work. It puts a space
before every parenthesis, as GTK's style does, but GTK writes the
gettext macros without one: _("Save"), N_("Map"), C_("ctx", "Map"). After
clang-format this script takes that space out again and moves the lines
that clang-format aligned inside those parentheses one column left with
it, so the result is stable: formatting it again changes nothing.

Headers are not formatted: their prototypes are aligned in columns by
hand (return type, name, parenthesis, parameters), as GTK's are, and
clang-format 14 would align the names but not the parentheses.
"""

import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GETTEXT = re.compile(r"(?<![\w.>])(_|N_|C_|NC_) \(")


def find_clang_format():
    for name in ("clang-format", "clang-format-14"):
        path = shutil.which(name)
        if path:
            return path
    return None


def code_mask(line, state):
    """Marks which columns of line are code (not string, char or comment).
    state carries an open /* comment over lines; returns (mask, state)."""
    mask = [False] * len(line)
    i = 0
    in_comment = state
    while i < len(line):
        c = line[i]
        if in_comment:
            if line.startswith("*/", i):
                in_comment = False
                i += 2
                continue
            i += 1
            continue
        if line.startswith("/*", i):
            in_comment = True
            i += 2
            continue
        if line.startswith("//", i):
            break
        if c in "\"'":
            quote = c
            i += 1
            while i < len(line) and line[i] != quote:
                i += 2 if line[i] == "\\" else 1
            i += 1
            continue
        mask[i] = True
        i += 1
    return mask, in_comment


def tidy_gettext(text):
    """Takes the space out of '_ (' and shifts what clang-format aligned
    after it."""
    out = []
    # Open '_(' groups: (column of the '(', paren depth outside it).
    active = []
    depth = 0
    in_comment = False
    for line in text.split("\n"):
        mask, next_comment = code_mask(line, in_comment)
        # A continuation line aligned inside an earlier '_ (' group moves
        # left once for each removal before its first character.
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped and active:
            shift = sum(1 for col, _ in active if col < indent)
            shift = min(shift, indent)
            if shift:
                line = line[shift:]
                mask = mask[shift:]
        # Remove the spaces on this line, right to left so columns hold.
        removals = [m.start(1) + len(m.group(1)) for m in GETTEXT.finditer(line)
                    if mask[m.start(1)]]
        for col in reversed(removals):
            line = line[:col] + line[col + 1:]
            mask = mask[:col] + mask[col + 1:]
        # The '(' of the i-th removal now sits at its column minus i.
        # Follow the parentheses to know when each group closes.
        pending = [col - i for i, col in enumerate(removals)]
        for i, c in enumerate(line):
            if not mask[i]:
                continue
            if c == "(":
                if pending and i == pending[0]:
                    active.append((pending.pop(0), depth))
                depth += 1
            elif c == ")":
                depth -= 1
                active = [a for a in active if a[1] < depth]
            elif c in ";{}":
                active = [a for a in active if a[1] < depth]
        out.append(line)
        in_comment = next_comment
    return "\n".join(out)


def format_text(clang_format, path, text):
    result = subprocess.run(
        [clang_format, "--style=file:" + os.path.join(TOP, ".clang-format"),
         "--assume-filename=" + path],
        input=text, capture_output=True, text=True, check=True)
    return tidy_gettext(result.stdout)


def tracked_sources():
    """The C source files under src/ and tests/: git's list, or the
    folders' own outside a git checkout (a release tarball)."""
    result = subprocess.run(["git", "-C", TOP, "ls-files", "--", "src", "tests"],
                            capture_output=True, text=True)
    if result.returncode == 0:
        paths = [os.path.join(TOP, p) for p in result.stdout.split()]
    else:
        paths = [os.path.join(d, name)
                 for top in ("src", "tests")
                 for d, _dirs, names in os.walk(os.path.join(TOP, top))
                 for name in names]
    return sorted(p for p in paths if p.endswith(".c") and os.path.exists(p))


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if a != "--check"] or tracked_sources()
    clang_format = find_clang_format()
    if clang_format is None:
        print("format-source.py: clang-format is not installed "
              "(Debian: apt-get install clang-format)", file=sys.stderr)
        return 77 if check else 1

    unformatted = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        formatted = format_text(clang_format, path, text)
        if formatted == text:
            continue
        unformatted += 1
        if check:
            old, new = text.split("\n"), formatted.split("\n")
            line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b),
                        min(len(old), len(new)))
            rel = os.path.relpath(path, TOP)
            print(f"{rel}:{line + 1}: not formatted; run build-aux/dev format")
            print(f"  is:        {old[line] if line < len(old) else ''}")
            print(f"  should be: {new[line] if line < len(new) else ''}")
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(formatted)
    if check and unformatted:
        print(f"{unformatted} file(s) not formatted", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

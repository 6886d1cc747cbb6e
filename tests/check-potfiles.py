#!/usr/bin/env python3
# check-potfiles.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file with a translatable string is listed in po/POTFILES.in,
and every file listed exists, so no message is left out of translation.

Usage: check-potfiles.py TOP
"""

import os
import re
import sys

top = sys.argv[1]
marked = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')

with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]

sources = []
for directory, _dirs, files in os.walk(os.path.join(top, "src")):
    for name in files:
        if name.endswith((".c", ".h", ".ui")):
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                if marked.search(f.read()):
                    sources.append(os.path.relpath(path, top))

problems = []
for path in sorted(sources):
    if path not in listed:
        problems.append(f"po/POTFILES.in: {path} has translatable strings but is not listed")
for path in listed:
    if not os.path.exists(os.path.join(top, path)):
        problems.append(f"po/POTFILES.in: {path} is listed but does not exist")
if listed != sorted(listed):
    problems.append("po/POTFILES.in: the list is not sorted")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)

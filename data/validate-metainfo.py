#!/usr/bin/env python3
# validate-metainfo.py APPSTREAMCLI METAINFO SCREENSHOTS_DIR: the metainfo
# passes appstreamcli without the network, with its pedantic hints too (a
# screenshot without a caption, a caption too long for a software centre),
# and every screenshot it names is in data/screenshots, small enough to
# fetch on a phone.
#
# Copyright 2026 The Stakemap developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# Reverse-DNS ids keep their capital letters, as GNOME's own apps do.
ALLOWED = {'cid-contains-uppercase-letter'}
MAX_BYTES = 400 * 1024
URL = 'https://github.com/stakemap/stakemap/raw/main/data/screenshots/'

appstreamcli, metainfo, shots = sys.argv[1:4]
run = subprocess.run([appstreamcli, 'validate', '--no-net', '--pedantic', '--explain', metainfo],
                     capture_output=True, text=True)
print(run.stdout, run.stderr)
problems = []
if run.returncode != 0:
    problems.append('appstreamcli validate failed (status %d)' % run.returncode)
for tag in re.findall(r'^[EWIP]: \S+: (\S+)', run.stdout, re.M):
    if tag not in ALLOWED:
        problems.append('appstreamcli: ' + tag)

root = ET.parse(metainfo).getroot()
screenshots = root.findall('screenshots/screenshot')
if not screenshots:
    problems.append('no screenshots')
for shot in screenshots:
    caption = shot.find('caption')
    if caption is None or not (caption.text or '').strip():
        problems.append('a screenshot has no caption')
    for image in shot.findall('image'):
        url = image.text.strip()
        if not url.startswith(URL):
            problems.append('%s: not under %s' % (url, URL))
            continue
        path = os.path.join(shots, url[len(URL):])
        if not os.path.isfile(path):
            problems.append('%s: no such file in data/screenshots' % url)
        elif os.path.getsize(path) > MAX_BYTES:
            problems.append('%s: %d bytes, more than %d' % (path, os.path.getsize(path), MAX_BYTES))

for problem in problems:
    print('FAIL:', problem)
sys.exit(1 if problems else 0)

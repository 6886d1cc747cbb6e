#!/usr/bin/env python3
# check-shortcuts.py OVERLAY PAGE: the user guide's shortcuts page lists
# exactly the keys the app's Keyboard Shortcuts window lists, each with its
# words, so the two never drift apart.
#
# Copyright 2026 The Stakemap developers
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys
import xml.etree.ElementTree as ET

MAL = '{http://projectmallard.org/1.0/}'
MODS = {'Control': 'Ctrl', 'Shift': 'Shift', 'Alt': 'Alt'}
KEYS = {'plus': '+', 'minus': '-', 'question': '?', 'Return': 'Enter',
        'Escape': 'Esc', 'space': 'Space', 'Page_Down': 'Page Down',
        'Page_Up': 'Page Up', 'comma': ','}


def words(text):
    return ' '.join(text.replace('\u2019', "'").split())


def overlay_rows(path):
    rows = []
    for obj in ET.parse(path).iter('object'):
        if obj.get('class') != 'GtkShortcutsShortcut':
            continue
        props = {p.get('name'): p.text for p in obj.findall('property')}
        keys = []
        for accel in props['accelerator'].split():
            mods = [MODS[m] for m in re.findall(r'<(\w+)>', accel)]
            key = re.sub(r'<\w+>', '', accel)
            key = KEYS.get(key, key.upper() if len(key) == 1 else key)
            keys.append('+'.join(mods + [key]))
        rows.append((words(props['title']), ', '.join(keys)))
    return rows


def page_rows(path):
    rows = []
    for tr in ET.parse(path).iter(MAL + 'tr'):
        cells = tr.findall(MAL + 'td')
        title = words(''.join(cells[0].itertext()))
        keys = []
        for el in cells[1].iter():
            if el.tag == MAL + 'keyseq':
                keys.append('+'.join(k.text for k in el.findall(MAL + 'key')))
            elif el.tag == MAL + 'key' and el not in skip:
                keys.append(el.text)
            if el.tag == MAL + 'keyseq':
                skip.update(el.findall(MAL + 'key'))
        rows.append((title, ', '.join(keys)))
    return rows


skip = set()
want = overlay_rows(sys.argv[1])
have = page_rows(sys.argv[2])
status = 0
for row in want:
    if row not in have:
        print('missing from the guide: %s (%s)' % row)
        status = 1
for row in have:
    if row not in want:
        print('not in the Keyboard Shortcuts window: %s (%s)' % row)
        status = 1
if status == 0:
    print('%d shortcuts, the same in both' % len(want))
sys.exit(status)

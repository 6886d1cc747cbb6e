#!/usr/bin/env python3
# test-e2e.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real application, driven as a facilitator drives it: start it on a
new file, add three stakeholders by typing their names, connect two, undo,
redo, save with Ctrl+S, and read the saved file. Keys and clicks go through
the X server with xdotool. TAP output.

Usage: test-e2e.py STAKEMAP_BINARY SCHEMA_DIR
Needs DISPLAY (build-aux/dev test runs the suite under Xvfb) and xdotool."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP = sys.argv[1]
SCHEMA_DIR = sys.argv[2]
NAMES = ["Amina Yusuf", "Bilal Ahmed", "Carla Diaz"]

checks = []


def ok(condition, description):
    checks.append((bool(condition), description))


def xdo(*args, timeout=20):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True,
                          timeout=timeout).stdout.strip()


def wait_for(predicate, seconds=30, step=0.2):
    """Polls until predicate() is true; a slow machine only waits longer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def find_window(pattern):
    out = xdo("search", "--onlyvisible", "--name", pattern)
    return out.split()[-1] if out else None


def window_name(window):
    return xdo("getwindowname", window)


def key(window, *keys):
    for k in keys:
        xdo("key", "--clearmodifiers", k)
        time.sleep(0.15)


def type_text(window, text):
    xdo("type", "--delay", "40", text)
    time.sleep(0.2)


def main():
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        print("1..0 # SKIP needs an X display and xdotool")
        return 0

    with tempfile.TemporaryDirectory() as home:
        path = os.path.join(home, "meeting.stakemap")
        env = dict(os.environ)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = os.path.join(home, var.lower())
        env.update({"GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": SCHEMA_DIR,
                    "GDK_BACKEND": "x11", "NO_AT_BRIDGE": "1", "GTK_A11Y": "none",
                    "ADW_DISABLE_PORTAL": "1", "LC_ALL": "C.UTF-8"})
        command = [APP, path]
        if shutil.which("dbus-run-session"):
            command = ["dbus-run-session", "--"] + command
        app = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
        try:
            run(app, path)
        finally:
            # The app, and the session bus started for it.
            try:
                os.killpg(app.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            output = app.communicate(timeout=30)[0]
            for line in output.splitlines():
                print("# app: " + line)

    print("1..%d" % len(checks))
    for i, (passed, description) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", i, description))
    return 0 if all(p for p, _ in checks) else 1


def saved_map(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


# Compare With… marks what changed in violet, with a triangle; count the
# badges' pixels on the screen.
CHANGED = bytes((0x7A, 0x4F, 0xB8))


def changed_pixels():
    try:
        raw = subprocess.run(["import", "-window", "root", "-depth", "8", "rgb:-"],
                             capture_output=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return -1
    return sum(1 for m in re.finditer(re.escape(CHANGED), raw) if m.start() % 3 == 0)


def choose_file(title, path):
    """Types @path into the file chooser titled @title and opens it."""
    chooser = wait_for(lambda: find_window("^" + re.escape(title) + "$"), seconds=10)
    if chooser:
        time.sleep(0.8)
        xdo("windowfocus", "--sync", chooser)
        time.sleep(0.3)
        # A "/" typed in the chooser opens the location entry.
        type_text(chooser, path)
        key(chooser, "Return")
    return chooser


def compare_and_merge(window, path):
    folder = os.path.dirname(path)
    current = saved_map(path)
    if not current or len(current.get("stakeholders", [])) < 2:
        ok(False, "a saved map to compare and merge")
        return

    # Last month's copy: the first stakeholder had another name.
    older = json.loads(json.dumps(current))
    first = older["stakeholders"][0]
    first["name"] = first["name"] + " (old name)"
    older_path = os.path.join(folder, "last month.stakemap")
    with open(older_path, "w", encoding="utf-8") as f:
        json.dump(older, f)

    xdo("windowfocus", "--sync", window)
    time.sleep(0.3)
    before = changed_pixels()
    key(window, "F10", "m")
    ok(choose_file("Compare With Another Version", older_path),
       "F10, M opens Compare With… and its file chooser")
    ok(wait_for(lambda: changed_pixels() > before + 20, seconds=15),
       "the map marks the stakeholder whose name changed since last month")
    # Leave Comparison, at the right of the bar under the header.
    width = int(xdo("getwindowgeometry", "--shell", window).split("WIDTH=")[1].split()[0])
    xdo("windowfocus", "--sync", window)
    xdo("mousemove", "--window", window, str(width - 90), "66", "click", "1")
    ok(wait_for(lambda: changed_pixels() <= before, seconds=10),
       "Leave Comparison takes the marks away")
    ok("•" not in window_name(window) and saved_map(path) == current,
       "comparing changed nothing: nothing to save, the file as it was")

    # A colleague's copy: a fourth stakeholder added, the second renamed.
    theirs = json.loads(json.dumps(current))
    theirs["stakeholders"][1]["name"] = "Renamed by the other group"
    theirs["stakeholders"].append({"id": "from-the-other-group", "name": "Youth worker",
                                   "kind": "professional", "x": 40, "y": 40})
    theirs_path = os.path.join(folder, "their copy.stakemap")
    with open(theirs_path, "w", encoding="utf-8") as f:
        json.dump(theirs, f)
    key(window, "F10", "f")
    ok(choose_file("Merge Changes From Another Copy", theirs_path),
       "F10, F opens Merge Changes From… and its file chooser")
    dialog = wait_for(lambda: find_window("^Merge Changes From"), seconds=15)
    ok(dialog, "the merge dialog shows what their copy brings")
    if not dialog:
        return
    time.sleep(0.8)
    xdo("windowfocus", "--sync", dialog)
    time.sleep(0.3)
    key(dialog, "Return")
    ok(wait_for(lambda: not find_window("^Merge Changes From"), seconds=10)
       and wait_for(lambda: "•" in window_name(window), seconds=5),
       "Enter merges, and the map has unsaved changes")
    xdo("windowfocus", "--sync", window)
    time.sleep(0.3)
    key(window, "ctrl+s")

    def merged():
        saved = saved_map(path) or {}
        names = [s.get("name") for s in saved.get("stakeholders", [])]
        return "Youth worker" in names and "Renamed by the other group" in names

    ok(wait_for(merged, seconds=10), "their new stakeholder and their change are saved in the map")
    key(window, "ctrl+z", "ctrl+s")
    ok(wait_for(lambda: saved_map(path) == current, seconds=10),
       "one Undo takes the whole merge back")



def workshop(window, path):
    """Start a Workshop from the main menu and walk Net-Map's steps with
    the keyboard alone, then check what the saved map holds."""
    before = saved_map(path) or {}
    people = len(before.get("stakeholders", []))
    ties = len(before.get("relationships", []))
    xdo("windowfocus", "--sync", window)
    time.sleep(0.3)
    key(window, "F10")
    time.sleep(0.5)
    key(window, "t")
    time.sleep(1.0)
    # 1: the question, typed where the cursor already is.
    type_text(window, "Who can change the drop-in?")
    key(window, "Return", "alt+Next")
    time.sleep(0.6)
    # 2: names one after another.
    for name in ("Youth council", "Parents forum"):
        type_text(window, name)
        key(window, "Return")
        time.sleep(0.4)
    key(window, "alt+Next")
    time.sleep(0.6)
    # 3: the kind of tie, its two ends, Link Them.
    key(window, "Tab", "Tab", "Tab", "space")
    time.sleep(0.5)
    key(window, "alt+Next")
    time.sleep(0.8)
    # 4: the first stakeholder's influence.
    key(window, "ctrl+a")
    type_text(window, "7")
    key(window, "Tab")
    time.sleep(0.4)
    key(window, "alt+Next")
    time.sleep(0.6)
    # 5: a goal.
    type_text(window, "Open every evening")
    key(window, "Return")
    time.sleep(0.4)
    # 6 and 7: on to the evaluation.
    key(window, "alt+Next")
    time.sleep(0.6)
    key(window, "alt+Next")
    time.sleep(0.8)
    key(window, "ctrl+s")
    data = wait_for(lambda: (lambda d: d if d and d.get("map", {}).get("workshop") else None)(saved_map(path)),
                    seconds=15)
    ok(data is not None, "the workshop's step is saved in the map")
    if data is None:
        return
    meta = data.get("map", {})
    ok(meta.get("workshop", {}).get("step") == "evaluation",
       "the workshop reached the evaluation, step 7 (got %r)" % meta.get("workshop"))
    ok(meta.get("question") == "Who can change the drop-in?", "step 1 set the question (got %r)" % meta.get("question"))
    names = [s.get("name") for s in data.get("stakeholders", [])]
    ok(len(names) == people + 2 and "Youth council" in names and "Parents forum" in names,
       "step 2 added the two names typed (got %r)" % names[people:])
    ok(len(data.get("relationships", [])) == ties + 1, "step 3 linked two of them")
    ok(any(s.get("influence") == 7 for s in data.get("stakeholders", [])), "step 4 set an influence of 7")
    ok([g.get("label") for g in meta.get("goals", [])] == ["Open every evening"], "step 5 added the goal")


def run(app, path):
    window = wait_for(lambda: find_window("meeting.stakemap"))
    ok(window, "the window opens, titled after the new file")
    if not window:
        return
    xdo("windowactivate", "--sync", window)
    xdo("windowfocus", "--sync", window)
    time.sleep(0.5)

    # Double-click on empty canvas, left of the side panel, adds a
    # stakeholder and puts the cursor in its name; Enter starts the next.
    xdo("mousemove", "--window", window, "300", "350")
    xdo("click", "--repeat", "2", "--delay", "80", "1")
    time.sleep(0.4)
    for name in NAMES:
        type_text(window, name)
        key(window, "Return")
    # Enter on the next, empty name stops adding.
    key(window, "Return")
    ok("•" in window_name(window), "unsaved changes mark the title")

    # Connect by keyboard: Tab selects a stakeholder, C starts a
    # relationship, Tab picks the other end, Enter makes it.
    key(window, "Tab")
    key(window, "c", "Tab", "Return")

    key(window, "ctrl+z")
    key(window, "ctrl+shift+z")
    key(window, "ctrl+s")

    data = wait_for(lambda: saved_map(path), seconds=20)
    ok(data is not None, "Ctrl+S saves the new file")
    if data is None:
        return
    names = sorted(s.get("name") for s in data.get("stakeholders", []))
    ok(names == sorted(NAMES), "the three typed names are saved (got %r)" % names)
    ids = {s["id"] for s in data.get("stakeholders", [])}
    ties = data.get("relationships", [])
    ok(len(ties) == 1 and ties[0]["source"] in ids and ties[0]["target"] in ids
       and ties[0]["source"] != ties[0]["target"],
       "one relationship between two of them survives undo and redo (got %r)" % ties)
    ok(all("x" in s and "y" in s for s in data.get("stakeholders", [])),
       "every stakeholder has a position on the canvas")
    ok(wait_for(lambda: "•" not in window_name(window), seconds=5),
       "after saving the title has no unsaved mark")

    # A note, from the keyboard: Shift+N with the pointer over the map,
    # its text typed at once (Enter is a new line), Ctrl+Enter adds it.
    xdo("mousemove", "--window", window, "200", "200")
    time.sleep(0.3)
    key(window, "shift+n")
    time.sleep(0.4)
    type_text(window, "Ask the school")
    key(window, "Return")
    type_text(window, "about Fridays")
    key(window, "ctrl+Return", "ctrl+s")

    def saved_notes():
        saved = saved_map(path) or {}
        return saved.get("annotations") or None

    notes = wait_for(saved_notes, seconds=20)
    ok(notes and len(notes) == 1 and notes[0].get("text") == "Ask the school\nabout Fridays"
       and "x" in notes[0] and "y" in notes[0],
       "a note typed on the map is saved with its text and place (got %r)" % notes)

    # A region round everyone, from the keyboard: Ctrl+A selects them,
    # Shift+R draws a region round them and puts the cursor in its label.
    key(window, "Escape", "ctrl+a")
    time.sleep(0.3)
    key(window, "shift+r")
    time.sleep(0.4)
    key(window, "ctrl+a")
    type_text(window, "Around the table")
    key(window, "Return", "ctrl+s")

    def saved_regions():
        saved = saved_map(path) or {}
        return saved.get("regions") or None

    def inside(region, person):
        return (abs(person["x"] - region["x"]) <= region["width"] / 2
                and abs(person["y"] - region["y"]) <= region["height"] / 2)

    regions = wait_for(saved_regions, seconds=20)
    people = (saved_map(path) or {}).get("stakeholders", [])
    ok(regions and len(regions) == 1 and regions[0].get("label") == "Around the table"
       and all(inside(regions[0], p) for p in people),
       "a region drawn round the selection is saved with its label, everyone inside it (got %r)" % regions)

    # Tidy Up (Ctrl+Shift+T) spreads them out and keeps them in their
    # region; one undo puts everyone back where they were.
    def places():
        return sorted((p["id"], p["x"], p["y"]) for p in (saved_map(path) or {}).get("stakeholders", []))

    before_tidy = places()
    key(window, "ctrl+shift+t", "ctrl+s")
    moved = wait_for(lambda: places() != before_tidy, seconds=10)
    after = saved_map(path) or {}
    ok(moved and regions and all(inside(regions[0], p) for p in after.get("stakeholders", [])),
       "Tidy Up moves them, and everyone is still inside the region")
    key(window, "ctrl+z", "ctrl+s")
    ok(wait_for(lambda: places() == before_tidy, seconds=10),
       "one undo of Tidy Up puts everyone back exactly")

    # The evaluation, from the keyboard: Ctrl+E shows it, Enter opens
    # Sharing power with the keyboard on its first finding (no one here has
    # lived experience, so it names no one and Tab reaches Discuss); the
    # group's response is written and saved with the map.
    key(window, "ctrl+e")
    time.sleep(0.5)
    key(window, "Return")
    time.sleep(0.8)
    key(window, "Tab", "Return")
    time.sleep(0.8)
    type_text(window, "Residents join next time")
    key(window, "Tab")
    type_text(window, "Facilitator")
    key(window, "Return")
    time.sleep(0.5)
    key(window, "ctrl+s")

    def saved_response():
        saved = saved_map(path) or {}
        responses = saved.get("evaluation", {}).get("responses", [])
        return responses if any(r.get("text") == "Residents join next time" for r in responses) else None

    responses = wait_for(saved_response, seconds=20)
    ok(responses and responses[0].get("rule") == "SP-01" and responses[0].get("by") == "Facilitator",
       "a Discuss response typed in the evaluation is saved beside SP-01 (got %r)" % responses)
    ok(wait_for(lambda: "•" not in window_name(window), seconds=5),
       "after saving the response the title has no unsaved mark")

    # The easy-read report as a web page, from the main menu: F10, down to
    # Export Evaluation Report…, the Version picked in the dialog, a name
    # ending in .html.
    report = os.path.join(os.path.dirname(path), "for the group.html")
    key(window, "F10")
    time.sleep(0.8)
    key(window, *(["Down"] * 9), "Return")
    dialog = wait_for(lambda: find_window("Export Evaluation Report"), seconds=10)
    ok(dialog, "Export Evaluation Report… opens the export dialog")
    if dialog:
        height = int(re.search(r"Geometry: \d+x(\d+)", xdo("getwindowgeometry", dialog)).group(1))
        # The Version drop-down sits at the foot of the dialog, on the left.
        xdo("mousemove", "--window", dialog, "93", str(height - 80), "click", "1")
        time.sleep(0.8)
        key(window, "Down", "Down", "Return")
        time.sleep(0.5)
        xdo("mousemove", "--window", dialog, "400", "17", "click", "1")
        key(window, "ctrl+a")
        type_text(window, report)
        key(window, "Return")
        page = wait_for(lambda: os.path.exists(report) and open(report, encoding="utf-8").read(), seconds=20)
        ok(page and '<body class="easy-read">' in page and "Residents join next time" in page,
           "the easy-read web page is written, with the group's response")

    # Web Pages picked in the dialog, the offered name left as it is: the
    # report is a web page, named for it.
    offered = os.path.join(os.path.dirname(path), "meeting — evaluation.html")
    key(window, "F10")
    time.sleep(0.8)
    key(window, *(["Down"] * 9), "Return")
    dialog = wait_for(lambda: find_window("Export Evaluation Report"), seconds=10)
    if dialog:
        geometry = re.search(r"Geometry: (\d+)x(\d+)", xdo("getwindowgeometry", dialog))
        width, height = int(geometry.group(1)), int(geometry.group(2))
        # The kind of file sits at the foot of the dialog, on the right.
        xdo("mousemove", "--window", dialog, str(width - 80), str(height - 80), "click", "1")
        time.sleep(0.8)
        key(window, "Down", "Return")
        time.sleep(0.5)
        # Back in the name, untouched, Enter exports.
        xdo("mousemove", "--window", dialog, "400", "17", "click", "1")
        key(window, "Return")
    page = wait_for(lambda: os.path.exists(offered) and open(offered, encoding="utf-8").read(), seconds=20)
    ok(page and page.startswith("<!DOCTYPE html>") and not os.path.exists(offered[:-5] + ".pdf"),
       "picking Web Pages with the offered name writes “meeting — evaluation.html”")

    # Export Image from the keyboard: Ctrl+Shift+E opens the dialog with
    # Export… focused, Enter opens the file chooser, a typed path and
    # Enter write the picture.
    picture = os.path.join(os.path.dirname(path), "for the slides.png")
    key(window, "ctrl+shift+e")
    dialog = wait_for(lambda: find_window("^Export Image$"), seconds=10)
    ok(dialog, "Ctrl+Shift+E opens the Export Image dialog")
    if dialog:
        # No window manager under Xvfb: the new window is given the focus.
        time.sleep(0.8)
        xdo("windowfocus", "--sync", dialog)
        time.sleep(0.3)
        key(window, "Return")

        def chooser_window():
            found = [w for w in xdo("search", "--onlyvisible", "--name", "^Export Image$").split() if w != dialog]
            return found[-1] if found else None

        chooser = wait_for(chooser_window, seconds=10)
        ok(chooser, "Export… opens the file chooser")
        if chooser:
            time.sleep(0.8)
            xdo("windowfocus", "--sync", chooser)
            time.sleep(0.3)
        key(window, "ctrl+a")
        type_text(window, picture)
        key(window, "Return")

        def png_written():
            try:
                with open(picture, "rb") as f:
                    return f.read(8) == b"\x89PNG\r\n\x1a\n"
            except OSError:
                return False

        written = wait_for(png_written, seconds=20)
        ok(written, "the picture is written where typed, as a PNG")
        ok(written and wait_for(lambda: not find_window("^Export Image$"), seconds=10),
           "the dialog closes once the picture is written")

    # Print…: Ctrl+P opens the print dialog; Escape closes it unprinted.
    key(window, "ctrl+p")
    printing = wait_for(lambda: find_window("^Print$"), seconds=15)
    ok(printing, "Ctrl+P opens the print dialog")
    if printing:
        time.sleep(0.8)
        xdo("windowfocus", "--sync", printing)
        time.sleep(0.3)
        key(window, "Escape")
        ok(wait_for(lambda: not find_window("^Print$"), seconds=10), "Escape closes the print dialog")

    # Preferences: Ctrl+comma opens them over the map; Escape closes them.
    xdo("windowfocus", "--sync", window)
    time.sleep(0.3)
    key(window, "ctrl+comma")
    preferences = wait_for(lambda: find_window("^Preferences$"), seconds=15)
    ok(preferences, "Ctrl+comma opens Preferences")
    if preferences:
        time.sleep(0.8)
        xdo("windowfocus", "--sync", preferences)
        time.sleep(0.3)
        key(window, "Escape")
        ok(wait_for(lambda: not find_window("^Preferences$"), seconds=10), "Escape closes Preferences")

    # Presenting: F5 shows the map alone; the keys step through the views
    # and findings, and Delete, with someone selected, deletes nobody; Esc
    # leaves, and the map is as saved.
    xdo("windowfocus", "--sync", window)
    time.sleep(0.3)
    saved_before = saved_map(path)
    xdo("mousemove", "--window", window, "300", "350", "click", "1")
    key(window, "Tab")
    key(window, "F5")
    time.sleep(0.8)
    key(window, "Right", "Right", "Delete", "End", "BackSpace", "Left", "Escape")
    time.sleep(0.5)
    ok("•" not in window_name(window), "presenting and leaving changes nothing in the map")
    key(window, "Delete")
    ok(wait_for(lambda: "•" in window_name(window), seconds=5),
       "after leaving, the map can be edited again (Delete deletes the selection)")
    key(window, "ctrl+z")
    ok(wait_for(lambda: "•" not in window_name(window), seconds=5) and saved_map(path) == saved_before,
       "undo puts it back; the saved file was never touched")

    compare_and_merge(window, path)
    workshop(window, path)

    key(window, "ctrl+q")
    # Leave the display as found for whatever runs next on it.
    xdo("keyup", "ctrl", "shift")
    ok(wait_for(lambda: app.poll() is not None, seconds=15) is not None or app.poll() is not None,
       "Ctrl+Q quits without asking once everything is saved")


if __name__ == "__main__":
    sys.exit(main())

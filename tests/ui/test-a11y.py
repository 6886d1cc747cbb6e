#!/usr/bin/env python3
# test-a11y.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader finds in the real application: start it on the
example map with its accessibility tree exported over AT-SPI (a private
D-Bus session and accessibility bus), open each page of the side panel in
turn (a stakeholder, a relationship, the map's details, the evaluation and
a principle's findings) and walk the whole tree each time. Every list item,
row and button must have a name to say. TAP output.

Usage: test-a11y.py STAKEMAP_BINARY SCHEMA_DIR MAP
Needs DISPLAY (build-aux/dev test runs the suite under Xvfb), xdotool,
dbus-run-session and python3-gi with Atspi 2.0."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP, SCHEMA_DIR, MAP = sys.argv[1:4]

# Roles a screen reader reads out as something to pick or press.
NAMED_ROLES = {
    "list item", "table row", "tree item", "push button", "toggle button",
    "check box", "radio button", "page tab", "menu item", "combo box",
    "spin button", "link",
}
# GTK 4.8 says a widget's type name when it has no name of its own.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Sm)[A-Z][A-Za-z]*$")

checks = []


def ok(condition, description):
    checks.append((bool(condition), description))


def wait_for(predicate, seconds=60, step=0.2):
    """Polls until predicate() is true; a slow machine only waits longer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def main():
    if os.environ.get("STAKEMAP_A11Y_BUS") is None:
        # Our own session bus, so the accessibility bus is ours too.
        if not os.environ.get("DISPLAY") or shutil.which("dbus-run-session") is None \
                or shutil.which("xdotool") is None:
            print("1..0 # SKIP needs an X display, xdotool and dbus-run-session")
            return 0
        env = dict(os.environ, STAKEMAP_A11Y_BUS="1")
        return subprocess.run(["dbus-run-session", "--", sys.executable] + sys.argv,
                              env=env).returncode

    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi as _Atspi
    global A, Atspi
    A = Atspi = _Atspi

    # The accessibility bus and its registry first, so the app finds them
    # when it starts.
    A.get_desktop(0).get_child_count()

    with tempfile.TemporaryDirectory() as home:
        path = os.path.join(home, "map.stakemap")
        shutil.copyfile(MAP, path)
        env = dict(os.environ)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = os.path.join(home, var.lower())
        for var in ("NO_AT_BRIDGE", "GTK_A11Y", "STAKEMAP_A11Y_BUS"):
            env.pop(var, None)
        env.update({"GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": SCHEMA_DIR,
                    "GDK_BACKEND": "x11", "ADW_DISABLE_PORTAL": "1", "GTK_USE_PORTAL": "0",
                    "LC_ALL": "C.UTF-8"})
        app = subprocess.Popen([APP, path], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            run(app)
        finally:
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
    return 0 if checks and all(p for p, _ in checks) else 1


def find_app(pid):
    desktop = A.get_desktop(0)
    for i in range(desktop.get_child_count()):
        child = desktop.get_child_at_index(i)
        try:
            if child is not None and child.get_name() == "stakemap":
                return child
        except Exception:
            pass
    return None


def children(node):
    try:
        n = node.get_child_count()
    except Exception:
        return []
    return [c for c in (node.get_child_at_index(i) for i in range(n)) if c is not None]


def walk(node, path=(), roles=()):
    """Every accessible below @node, with the names of the ones above (and,
    for nameless(), their roles)."""
    try:
        role, name = node.get_role_name(), node.get_name() or ""
    except Exception:
        return
    here = path + (name or role,)
    yield node, role, name, here
    for child in children(node):
        yield from walk(child, here, roles + (role,))


def walk_roles(node, roles=()):
    try:
        role, name = node.get_role_name(), node.get_name() or ""
    except Exception:
        return
    yield node, role, name, roles
    for child in children(node):
        yield from walk_roles(child, roles + ((role, name),))


def find(root, role, name):
    for node, r, n, _ in walk(root):
        if r == role and n == name:
            return node
    return None


def click(node):
    return node.do_action(0)


def first_text(node):
    """The first words under @node, to say where a nameless one is."""
    for child, role, name, _ in walk(node):
        if child is node:
            continue
        if role in ("label", "text") and name and not TYPE_NAME.match(name):
            return name[:40]
    return ""


# Not yet checked: the Table view's rows and the buttons inside its cells
# are GTK 4.8's own (GtkColumnView, GtkDropDown), named by nothing the app
# can set there; so are the items of a dropdown's list. Reported, not failed.
def in_table(ancestors):
    return any(role in ("table row", "table cell") for role, _ in ancestors)


def in_dropdown_list(node, ancestors):
    return any(role == "list" and name == "GtkListView" for role, name in ancestors[-3:])


def nameless(root):
    found, skipped = [], 0
    for node, role, name, ancestors in walk_roles(root):
        if role in NAMED_ROLES and (not name.strip() or TYPE_NAME.match(name)):
            if role == "table row" or in_table(ancestors) or in_dropdown_list(node, ancestors):
                skipped += 1
                continue
            where = " › ".join(n for _, n in ancestors[-3:] if n and not TYPE_NAME.match(n))
            found.append("%s in %s (%s)" % (role, where[-80:], first_text(node) or "no text"))
    return found, skipped


def check_page(root, page):
    found, skipped = nameless(root)
    for line in sorted(set(found)):
        print("# nameless on %s: %s" % (page, line))
    print("# %s: %d nameless in the table view and dropdown lists, not checked" % (page, skipped))
    ok(not found, "every list item, row and button has a name with %s open (%d without)"
       % (page, len(found)))


def xdo(*args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=20).stdout.strip()


def selected_heading(root, kind):
    """The Selection page's heading says what is selected ("Stakeholder · Carer")."""
    return any(r == "label" and n.startswith(kind + " · ") for _, r, n, _ in walk(root))


def run(app):
    root = wait_for(lambda: find_app(app.pid))
    ok(root is not None, "the app shows up on the accessibility bus")
    if root is None:
        return
    frame = wait_for(lambda: next((c for c in children(root) if c.get_role_name() == "frame"), None))
    ok(frame is not None, "its window is there")
    if frame is None:
        return
    ok(wait_for(lambda: find(frame, "page tab", "Evaluation")) is not None,
       "the side panel's pages are there")
    tabs = {name: find(frame, "page tab", name) for name in ("Selection", "Map Details", "Evaluation")}

    # A stakeholder: Tab on the map selects the first one.
    window = wait_for(lambda: xdo("search", "--onlyvisible", "--pid", str(app.pid)).split())
    if window:
        xdo("windowfocus", "--sync", window[-1])
    time.sleep(0.5)
    xdo("key", "--clearmodifiers", "Tab")
    ok(wait_for(lambda: selected_heading(frame, "Stakeholder"), 30),
       "Tab on the map selects a stakeholder and the panel shows it")
    check_page(frame, "a stakeholder selected")

    click(tabs["Map Details"])
    ok(wait_for(lambda: find(frame, "label", "Purpose") is not None, 30), "Map Details opens")
    check_page(frame, "Map Details")

    click(tabs["Evaluation"])
    card = wait_for(lambda: next((n for n, r, name, _ in walk(frame)
                                  if r == "list item" and name.startswith("Sharing power")), None), 60)
    ok(card is not None, "the evaluation shows its principle cards")
    if card is None:
        return
    cards = [c for c in children(card.get_parent()) if c.get_role_name() == "list item"]
    check_page(frame, "the evaluation")
    open_card(frame, 0)
    check_page(frame, "a principle's findings")

    # A relationship: a chip of the second principle's evidence selects it
    # on the map; the panel keeps the finding open until asked.
    click(find(frame, "push button", "All Principles") or find(frame, "push button", "Back to All Principles"))
    chip = None
    if len(cards) > 1:
        open_card(frame, 1)
        chip = wait_for(lambda: next((n for n, r, name, _ in walk(frame)
                                      if r == "push button" and " → " in name), None), 30)
    ok(chip is not None, "a finding names a relationship")
    if chip is None:
        return
    click(chip)
    time.sleep(1)
    ok(tabs["Evaluation"].get_state_set().contains(Atspi.StateType.SELECTED),
       "picking the evidence keeps the finding open")
    click(tabs["Selection"])
    ok(wait_for(lambda: selected_heading(frame, "Relationship"), 30),
       "the relationship is shown on the Selection page")
    check_page(frame, "a relationship selected")

    # The guided workshop, from the main menu: its page, the list of
    # steps, and the rows of the power step (one per relationship).
    xdo("key", "--clearmodifiers", "F10")
    time.sleep(0.6)
    xdo("key", "--clearmodifiers", "t")
    ok(wait_for(lambda: find(frame, "page tab", "Workshop"), 30) is not None,
       "Start a Workshop opens its page")
    time.sleep(1)
    check_page(frame, "the workshop's first step")
    for _ in range(5):
        xdo("key", "--clearmodifiers", "alt+Next")
        time.sleep(0.8)
    ok(wait_for(lambda: find(frame, "label", "Where the power lies"), 30) is not None,
       "Alt+Page Down walks to the power step")
    check_page(frame, "the workshop's power step")


def open_card(frame, index):
    # As a keyboard user does: Ctrl+E goes to the cards, Down to the next.
    xdo("key", "--clearmodifiers", "ctrl+e")
    time.sleep(0.5)
    for _ in range(index):
        xdo("key", "--clearmodifiers", "Down")
        time.sleep(0.2)
    xdo("key", "--clearmodifiers", "Return")
    ok(wait_for(lambda: find(frame, "push button", "All Principles")
                or find(frame, "push button", "Back to All Principles"), 30) is not None,
       "a principle opens")

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# check-translated.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that stakemap-cli's words all come from the translation catalogue.

Usage: check-translated.py CLI POT MAP [LANGUAGE PO]

POT is a template (po/stakemap.pot, from `ninja stakemap-pot`) or the
source tree's top folder, from which one is extracted as meson's glib
preset does. With CLI, POT and MAP only: builds a pseudo-translation from POT (every
msgstr is "⟦" + msgid + "⟧", placeholders kept), installs it into a
temporary LOCALEDIR, runs `stakemap-cli evaluate` and `stakemap-cli report`
(full, plain and easy-read, as HTML) on MAP under that locale, and fails if
any English is left outside the brackets, apart from the map's own words
(names, notes) and the sources' titles.

With LANGUAGE and PO (a real catalogue, "cy" and po/cy.po): the same run
with that catalogue; English left in the output is then an untranslated
string. check_language() is the function to reuse.

TAP output, one test per command; exit status 77 (skip) when gettext's
tools or localedef are missing.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Words of English sentences; a run of words with two of these left outside
# the brackets is a sentence that was not translated.
ENGLISH = set("""
a about after all also an and any are as at be been but by can cannot
could did do does doesn't don't each every for from has have how if in
into is it its may more most no none not of on one only or other over
same see so some such than that the their them there these they this to
too under up was we were what when where which who whose why will with
would yet you your
""".split())

PSEUDO = "xx"  # the pseudo-language's code, run as fr's locale

# Short words that are English and also words of a shipped language: "on"
# is French ("on peut"), "a" and "i" are Welsh. They do not count there.
ALSO = {
    "fr": {"a", "as", "on", "in", "an", "do", "or", "son", "the"},
    "cy": {"a", "i", "o", "y", "in", "an", "am", "at", "do", "is", "no", "so", "we", "ac"},
}


class Skip(Exception):
    pass


def need(tool):
    if shutil.which(tool) is None:
        raise Skip("%s is not installed" % tool)


def run(args, env=None, **kwargs):
    p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600, **kwargs)
    if p.returncode != 0:
        raise AssertionError("%s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr[-2000:]))
    return p.stdout


def make_pot(top, directory):
    """The template, extracted from po/POTFILES.in as `ninja stakemap-pot`
    does (meson's glib preset and po/meson.build's own keywords)."""
    need("xgettext")
    pot = os.path.join(directory, "stakemap.pot")
    with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
        files = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    run(["xgettext", "--package-name=stakemap", "--from-code=UTF-8", "--add-comments",
         "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
         "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
         "--keyword=PLURAL:3,4",
         "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
         "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
         "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
         "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
         "-o", pot] + files, cwd=top)
    return pot


def pseudo_po(pot, directory):
    """A catalogue where every msgstr is its msgid in brackets."""
    need("msginit")
    need("msgen")
    need("msgfilter")
    base = os.path.join(directory, "base.po")
    english = os.path.join(directory, "en.po")
    out = os.path.join(directory, PSEUDO + ".po")
    run(["msginit", "--no-translator", "--no-wrap", "-l", "fr_FR.UTF-8", "-i", pot, "-o", base])
    run(["msgen", "--no-wrap", "-o", english, base])
    # Each line of a message is bracketed, so a message of several lines
    # (a paragraph break) still reads as translated.
    run(["msgfilter", "--keep-header", "--no-wrap", "-i", english, "-o", out,
         "sed", "-e", "s/^/⟦/", "-e", "s/$/⟧/"])
    return out


def install(po, language, directory):
    need("msgfmt")
    localedir = os.path.join(directory, "locale")
    target = os.path.join(localedir, language, "LC_MESSAGES")
    os.makedirs(target, exist_ok=True)
    run(["msgfmt", "-c", "-o", os.path.join(target, "stakemap.mo"), po])
    return localedir


def messages_locale(directory):
    """A non-C locale for LC_MESSAGES (glibc ignores LANGUAGE under C):
    an installed one, or fr_FR.UTF-8 made with localedef in @directory."""
    have = run(["locale", "-a"]).split()
    for name in have:
        if re.match(r"^[a-z][a-z]_[A-Z][A-Z]\.(utf8|UTF-8)$", name):
            return name, None
    need("localedef")
    locpath = os.path.join(directory, "locales")
    os.makedirs(locpath, exist_ok=True)
    p = subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8", os.path.join(locpath, "fr_FR.UTF-8")],
                       capture_output=True, text=True)
    if not os.path.isdir(os.path.join(locpath, "fr_FR.UTF-8")):
        raise Skip("no locale but C here, and localedef could not make one: " + p.stderr[-300:])
    return "fr_FR.UTF-8", locpath


def map_words(path):
    """Every string the map holds: names, notes, labels are data."""
    words = []

    def walk(value):
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    with open(path, encoding="utf-8") as f:
        walk(json.load(f))
    return sorted(set(w for w in words if len(w) > 3), key=len, reverse=True)


def outside_brackets(text):
    """The text with every bracketed part (nested ones too) taken out."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
    return text


def english_left(text, data, language=PSEUDO):
    """Lines whose text outside the brackets reads as English."""
    bad = []
    english = ENGLISH - ALSO.get(language, set())
    # Words of the map's own text are the group's, in its language; the
    # report may show them with names hidden, so they are taken out word
    # by word as well as whole.
    data_words = set(w.lower() for d in data for w in re.findall(r"[A-Za-z][A-Za-z’']+", d))
    # A message may span lines (easy read's short sentences): brackets are
    # taken out of the whole text before it is read line by line.
    for rest in outside_brackets(text).splitlines():
        for d in data:
            rest = rest.replace(d, " ")
        words = re.findall(r"[A-Za-z][A-Za-z’']+", rest)
        counted = [w for w in words if w.lower() not in data_words]
        if sum(1 for w in counted if w.lower() in english) >= 2 and len(counted) >= 3:
            bad.append(rest.strip())
    return bad


def html_text(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", "\n", text)
    return html.unescape(text)


def check_language(cli, language, po, map_path, extra_data=()):
    """Runs the CLI in @language with catalogue @po on @map_path; returns
    [(what, [lines with English left])]. Raises Skip without the tools."""
    results = []
    with tempfile.TemporaryDirectory() as d:
        localedir = install(po, language, d)
        lc, locpath = messages_locale(d)
        env = dict(os.environ, LANGUAGE=language, LC_ALL=lc, STAKEMAP_LOCALEDIR=localedir)
        if locpath is not None:
            env["LOCPATH"] = locpath
        data = sorted(set(map_words(map_path)) | set(extra_data), key=len, reverse=True)

        out = run([cli, "evaluate", map_path], env=env)
        results.append(("evaluate", english_left(out, data, language)))
        for style in ("full", "plain", "easy-read"):
            html_path = os.path.join(d, style + ".html")
            run([cli, "report", "--style=" + style, map_path, "-o", html_path], env=env)
            results.append(("report --style=%s" % style, english_left(html_text(html_path), data, language)))
    return results


def source_titles(top):
    """The sources' titles and authors (sm-sources.c) are cited as
    published, in their own language."""
    path = os.path.join(top, "src", "core", "evaluation", "sm-sources.c")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # C joins adjacent literals: "a "\n  "b" is "a b".
    text = re.sub(r'"\s*\n\s*"', "", text)
    return sorted(set(s for s in re.findall(r'"((?:[^"\\]|\\.){4,})"', text)), key=len, reverse=True)


def main(argv):
    if len(argv) not in (4, 6):
        sys.stderr.write(__doc__)
        return 2
    cli, pot, map_path = argv[1:4]
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        with tempfile.TemporaryDirectory() as d:
            if len(argv) == 6:
                language, po = argv[4], argv[5]
            else:
                if os.path.isdir(pot):
                    pot = make_pot(pot, d)
                language, po = PSEUDO, pseudo_po(pot, d)
            results = check_language(cli, language, po, map_path, source_titles(top))
    except Skip as e:
        print("1..0 # SKIP %s" % e)
        return 77
    print("1..%d" % len(results))
    failed = 0
    for i, (what, bad) in enumerate(results, 1):
        if bad:
            failed += 1
            print("not ok %d %s: %d lines with English left" % (i, what, len(bad)))
            for line in bad[:40]:
                print("# " + line[:300])
        else:
            print("ok %d %s" % (i, what))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

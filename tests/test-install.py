#!/usr/bin/env python3
# test-install.py BUILDDIR SRCDIR: `meson install` into a scratch folder
# puts everything a desktop needs where it looks (the user guide, the
# icons, the metainfo with its screenshots, the desktop file, the
# GSettings schema, the translations), and the installed stakemap starts
# without a display and looks for its translations and its guide there.
#
# Copyright 2026 The Stakemap developers
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.stakemap.Stakemap'
MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'

builddir, srcdir = sys.argv[1:3]
failures = []


def check(ok, what):
    print(('ok: ' if ok else 'FAIL: ') + what)
    if not ok:
        failures.append(what)


def option(options, name):
    return next(o['value'] for o in options if o['name'] == name)


options = json.loads(subprocess.run(['meson', 'introspect', '--buildoptions', builddir],
                                    check=True, capture_output=True, text=True).stdout)
prefix = option(options, 'prefix')
datadir = os.path.join(prefix, option(options, 'datadir'))
localedir = os.path.join(prefix, option(options, 'localedir'))
bindir = os.path.join(prefix, option(options, 'bindir'))
libexecdir = os.path.join(prefix, option(options, 'libexecdir'))
version = json.loads(subprocess.run(['meson', 'introspect', '--projectinfo', builddir],
                                    check=True, capture_output=True, text=True).stdout)['version']

with tempfile.TemporaryDirectory(prefix='stakemap-install-') as destdir:
    def installed(*parts):
        return os.path.join(destdir + parts[0], *parts[1:])

    run = subprocess.run(['meson', 'install', '-C', builddir, '--no-rebuild', '--quiet',
                          '--destdir', destdir], capture_output=True, text=True)
    check(run.returncode == 0, 'meson install --destdir (%s)' % run.stderr.strip()[-300:])

    # The user guide: every page of help/C, where Yelp finds help:stakemap.
    pages = sorted(os.path.basename(p) for p in glob.glob(os.path.join(srcdir, 'help', 'C', '*.page')))
    check(len(pages) > 0 and 'index.page' in pages, 'the guide has pages in the source tree')
    for page in pages:
        check(os.path.isfile(installed(datadir, 'help', 'C', 'stakemap', page)),
              'help page %s installed' % page)

    # The MIME type, and the icon it names.
    mime = installed(datadir, 'mime', 'packages', APP_ID + '.xml')
    check(os.path.isfile(mime), 'MIME type installed')
    if os.path.isfile(mime):
        icon = ET.parse(mime).getroot().find(MIME_NS + 'mime-type/' + MIME_NS + 'icon')
        check(icon is not None, 'the MIME type names its icon')
        if icon is not None:
            check(os.path.isfile(installed(datadir, 'icons', 'hicolor', 'scalable', 'mimetypes',
                                           icon.get('name') + '.svg')),
                  'MIME icon %s installed' % icon.get('name'))
    check(os.path.isfile(installed(datadir, 'icons', 'hicolor', 'scalable', 'apps', APP_ID + '.svg')),
          'app icon installed')

    # The metainfo, with captioned screenshots.
    metainfo = installed(datadir, 'metainfo', APP_ID + '.metainfo.xml')
    check(os.path.isfile(metainfo), 'metainfo installed')
    if os.path.isfile(metainfo):
        shots = ET.parse(metainfo).getroot().findall('screenshots/screenshot')
        check(len(shots) > 0 and all(s.find('caption') is not None for s in shots),
              'metainfo has %d screenshots, each with a caption' % len(shots))

    check(os.path.isfile(installed(datadir, 'applications', APP_ID + '.desktop')), 'desktop file installed')
    check(os.path.isfile(installed(datadir, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml')),
          'GSettings schema installed')

    # Translations: a catalogue for every language po/LINGUAS lists.
    with open(os.path.join(srcdir, 'po', 'LINGUAS')) as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    for lang in languages:
        check(os.path.isfile(installed(localedir, lang, 'LC_MESSAGES', 'stakemap.mo')),
              'translation %s installed' % lang)

    # The installed binary starts without a display and reads its
    # translations and its guide from where they were installed.
    binary = installed(bindir, 'stakemap')
    check(os.access(binary, os.X_OK), 'stakemap installed')
    if os.access(binary, os.X_OK):
        env = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
        env.update({'G_MESSAGES_DEBUG': 'stakemap', 'XDG_DATA_HOME': os.path.join(destdir, 'nowhere'),
                    'XDG_DATA_DIRS': installed(datadir), 'LC_ALL': 'C.UTF-8'})
        run = subprocess.run([binary, '--version'], env=env, capture_output=True, text=True, timeout=60)
        out = run.stdout + run.stderr
        print(out)
        check(run.returncode == 0 and run.stdout.splitlines()[:1] == ['stakemap ' + version],
              'stakemap --version says "stakemap %s"' % version)
        check('Translations: ' + localedir + '\n' in out, 'it reads translations from ' + localedir)
        check('User guide: help:stakemap\n' in out, 'it finds the installed guide as help:stakemap')

    # The command line: stakemap-cli checks files itself and runs
    # stakemap-cli-commands, from libexecdir, for everything else.
    cli = installed(bindir, 'stakemap-cli')
    commands = installed(libexecdir, 'stakemap-cli-commands')
    check(os.access(cli, os.X_OK), 'stakemap-cli installed')
    check(os.access(commands, os.X_OK), 'stakemap-cli-commands installed in libexecdir')
    if os.access(cli, os.X_OK) and os.access(commands, os.X_OK):
        env = dict(os.environ, LC_ALL='C.UTF-8')
        example = os.path.join(srcdir, 'data', 'examples', 'neighbourhood-air.stakemap')
        run = subprocess.run([cli, 'check', example], env=env, capture_output=True, text=True, timeout=60)
        check(run.returncode == 0 and run.stdout.endswith(': valid\n'), 'the installed stakemap-cli checks a map')
        run = subprocess.run([commands, '--version'], env=env, capture_output=True, text=True, timeout=60)
        check(run.returncode == 0 and run.stdout == 'stakemap-cli %s\n' % version,
              'stakemap-cli-commands --version says "stakemap-cli %s"' % version)
        # Installed under --destdir, stakemap-cli looks for the rest where
        # it will be installed, and says so when it is not there yet.
        run = subprocess.run([cli, '--version'], env=env, capture_output=True, text=True, timeout=60)
        check(run.stdout == 'stakemap-cli %s\n' % version or
              (run.returncode == 127 and os.path.join(libexecdir, 'stakemap-cli-commands') in run.stderr),
              'stakemap-cli runs %s (%s)' % (os.path.join(libexecdir, 'stakemap-cli-commands'),
                                             run.stderr.strip()))

print('%d failures' % len(failures))
sys.exit(1 if failures else 0)

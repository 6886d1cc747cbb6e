#!/usr/bin/env bash
# build-aux/metainfo-screenshots.sh: the pictures the AppStream metainfo
# shows in software centres (data/screenshots/*.png), taken of the built
# app on a virtual display of 1280x720: the example map with its
# evaluation, the ladder of co-production, and the Export Image dialog.
# Run after `ninja -C _build`.
#
# Copyright 2026 The Stakemap developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
cd "$(dirname "$0")/.."
SRCDIR=$(pwd)
app=$SRCDIR/_build/src/app/stakemap
out=$SRCDIR/data/screenshots
[ -x "$app" ] || { echo "build first: ninja -C _build" >&2; exit 1; }
mkdir -p "$out"

home=$(mktemp -d "${TMPDIR:-/tmp}/stakemap-shots.XXXXXX")
trap 'rm -rf "$home"' EXIT

# The map as a facilitator keeps it, so the header shows ~/Documents.
mkdir -p "$home/Documents"
cp data/examples/neighbourhood-air.stakemap "$home/Documents/"

HOME=$home XDG_STATE_HOME=$home/state XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config \
GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$SRCDIR/_build/data \
GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none ADW_DISABLE_PORTAL=1 \
xvfb-run -a -s '-screen 0 1280x720x24' dbus-run-session -- sh -c '
  app=$1 example=$2 out=$3
  shot () { import -window root -strip "$out/$1.png"; }
  "$app" "$example" &
  pid=$!
  for i in $(seq 1 100); do
    xdotool search --onlyvisible --name "Air|Stakemap" >/dev/null 2>&1 && break
    sleep 0.2
  done
  window=$(xdotool search --onlyvisible --name "." | tail -n 1)
  xdotool windowsize "$window" 1280 720 windowmove "$window" 0 0
  sleep 2
  # The evaluation beside the map, a principle open, its evidence lit up.
  xdotool key ctrl+e; sleep 1
  xdotool key Return; sleep 1
  xdotool key Tab Return; sleep 1
  xdotool key ctrl+plus; sleep 2
  shot evaluation
  # The ladder of co-production (the window action, over D-Bus).
  xdotool key Escape; sleep 0.5
  gdbus call --session --dest io.github.stakemap.Stakemap \
    --object-path /io/github/stakemap/Stakemap/window/1 \
    --method org.gtk.Actions.Activate arrangement "[<\"ladder\">]" "{}" >/dev/null
  sleep 2
  shot ladder
  # The Power Cube, with the Export Image dialog over it.
  gdbus call --session --dest io.github.stakemap.Stakemap \
    --object-path /io/github/stakemap/Stakemap/window/1 \
    --method org.gtk.Actions.Activate arrangement "[<\"power-cube\">]" "{}" >/dev/null
  sleep 1
  xdotool key ctrl+shift+e; sleep 2
  xdotool search --onlyvisible --name "Export Image" windowmove 122 30; sleep 1
  shot export
  kill $pid
' sh "$app" "$home/Documents/neighbourhood-air.stakemap" "$out"

ls -l "$out"

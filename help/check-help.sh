#!/bin/sh
# check-help.sh YELP-CHECK DIR: the user guide's pages link to pages and
# sections that exist, each page's id is its file name, and every page is
# reached from another. yelp-check prints what it finds and exits 0 either
# way, so anything it prints is a failure.
#
# Copyright 2026 The Stakemap developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
yelp_check=$1
cd "$2" || exit 1

status=0
for check in links ids orphans; do
  out=$("$yelp_check" "$check" ./*.page 2>&1)
  rc=$?
  if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
    printf 'yelp-check %s:\n%s\n' "$check" "$out"
    status=1
  else
    printf 'yelp-check %s: ok\n' "$check"
  fi
done
exit $status

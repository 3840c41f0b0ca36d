#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# run-scan-lab-test.sh LAB_SH TEST_PROGRAM: starts a private copy of the lab LAN
# (its own namespace prefix and state directory, so it never meets the lab suite's
# own lab), runs the window test inside the lab's admin namespace under Xvfb and a
# private session bus, checks that the canary outside the scope saw nothing, and
# tears the lab down whatever happens. Needs root; exits 77 otherwise.
set -u

LAB_SH=$1
TEST=$2

if [ "$(id -u)" != 0 ]; then
  echo "skip: the lab needs root (network namespaces)"
  exit 77
fi
for cmd in ip xvfb-run dbus-run-session; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "skip: $cmd is not installed"
    exit 77
  fi
done

export OM_LAB_PREFIX=omscanui$$
export OM_LAB_STATE=/tmp/$OM_LAB_PREFIX-state
DATA_DIR=$(mktemp -d /tmp/omscanui-data.XXXXXX)

# lab.sh down kills every process of our namespaces and state directory (also
# samba-dcerpcd, which leaves smbd's session) before it deletes the namespaces.
cleanup () {
  "$LAB_SH" down >/dev/null 2>&1
  rm -rf "$DATA_DIR" "$OM_LAB_STATE"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if ! "$LAB_SH" up; then
  echo "could not start the lab" >&2
  exit 1
fi

# What the scanner needs to browse mDNS through the admin host's Avahi.
LAB_ENV=$("$LAB_SH" env)

"$LAB_SH" exec admin env $LAB_ENV \
  OMAMORI_SCAN_REQUIRE_NETNS=1 \
  OMAMORI_DATA_DIR="$DATA_DIR" \
  GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$TEST"
rc=$?

canary=$("$LAB_SH" canary)
echo "canary frames: $canary"
if [ "$rc" = 0 ] && [ "$canary" != 0 ]; then
  echo "FAIL: the canary outside the scope received $canary frames" >&2
  rc=1
fi
exit $rc

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# The real omamori binary driven only by the keyboard (xdotool, real X key events):
# Ctrl+N adds a device from the overview, typing names it, Ctrl+F searches,
# Ctrl+Q quits — and the name must be in the data file afterwards.
# Run inside run-ui-test.sh. Usage: test-keyboard.sh OMAMORI-BINARY
set -u

echo "1..1"
if ! command -v xdotool >/dev/null 2>&1; then
  echo "ok 1 /ui/keyboard # SKIP xdotool is not installed"
  exit 0
fi

binary="$1"
OMAMORI_DATA_DIR=$(mktemp -d)
export OMAMORI_DATA_DIR
pid=""
cleanup () {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; fi
  rm -rf "$OMAMORI_DATA_DIR"
}
trap cleanup EXIT

"$binary" &
pid=$!

wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^Omamori$' | head -1)
if [ -z "$wid" ]; then
  echo "not ok 1 /ui/keyboard # the window did not appear"
  exit 1
fi
# No window manager under Xvfb: give the window the focus ourselves.
sleep 1
xdotool windowfocus --sync "$wid"
sleep 0.5
xdotool key --delay 100 ctrl+n
sleep 0.5
xdotool type --delay 40 "Keyboard PC"
sleep 0.3
xdotool key --delay 100 ctrl+f
xdotool type --delay 40 "keyb"
sleep 0.5
xdotool key --delay 100 ctrl+q

# Quitting flushes the store; give it a moment, then the process must be gone.
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
  echo "not ok 1 /ui/keyboard # Ctrl+Q did not quit"
  exit 1
fi
pid=""

if grep -q '"Keyboard PC"' "$OMAMORI_DATA_DIR/omamori.json" 2>/dev/null; then
  echo "ok 1 /ui/keyboard"
else
  echo "not ok 1 /ui/keyboard # the typed device is not in the data file"
  exit 1
fi

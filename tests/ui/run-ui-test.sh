#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Runs a display test in its own X server and session bus: the real window needs
# both, and nothing of the user's desktop may leak into the test.
set -e

if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "1..0 # SKIP xvfb-run or dbus-run-session is not installed"
  exit 0
fi

export GDK_BACKEND=x11
export NO_AT_BRIDGE=1
# Tests that drive the window through AT-SPI set GTK_A11Y=atspi themselves.
export GTK_A11Y="${GTK_A11Y:-none}"
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$@"

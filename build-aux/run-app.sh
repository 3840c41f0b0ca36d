#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Installs what is missing, builds Omamori in _build and starts it from the build
# directory.  Run it as root or with sudo:   sudo build-aux/run-app.sh [ARGS…]
# Arguments are passed to the application (e.g. --version).
#
# With sudo, only the package installation and the build run as root: the
# application itself runs as the user who called sudo, so its data goes to that
# user's data folder (~/.local/share/omamori) and it opens on their display.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
builddir="$srcdir/_build"

"$srcdir/build-aux/install-deps.sh"

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir"
fi
# Only what the application needs, so a broken test elsewhere cannot stop it.
targets=(src/omamori src/omamori-cli data/gschemas.compiled)
while read -r lang; do
  case "$lang" in ''|'#'*) continue ;; esac
  targets+=("po/$lang/LC_MESSAGES/omamori.mo")
done < "$srcdir/po/LINGUAS"
ninja -C "$builddir" "${targets[@]}"

# A build made as root inside a user's checkout would be unwritable for that
# user afterwards: hand it back to whoever owns the checkout.
if [ "$(id -u)" -eq 0 ]; then
  chown -R "$(stat -c %u:%g "$srcdir")" "$builddir"
fi

# Uninstalled run: schemas and translations compiled in the build tree, shipped
# data (eol.json) read from the source tree.  The data file goes to the XDG data
# dir as usual.
app_env=(
  "GSETTINGS_SCHEMA_DIR=$builddir/data"
  "OMAMORI_PKGDATADIR=$srcdir/data"
  "OMAMORI_LOCALEDIR=$builddir/po"
)

if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "${SUDO_USER}" != "root" ]; then
  uid=$(id -u "$SUDO_USER")
  user_home=$(getent passwd "$SUDO_USER" | cut -d: -f6)
  runtime_dir="/run/user/$uid"
  app_env+=("HOME=$user_home" "USER=$SUDO_USER" "LOGNAME=$SUDO_USER")
  if [ -d "$runtime_dir" ]; then
    app_env+=("XDG_RUNTIME_DIR=$runtime_dir")
    [ -S "$runtime_dir/bus" ] && app_env+=("DBUS_SESSION_BUS_ADDRESS=unix:path=$runtime_dir/bus")
    # sudo drops WAYLAND_DISPLAY; the compositor's socket is still there.
    if [ -z "${WAYLAND_DISPLAY:-}" ] && [ -S "$runtime_dir/wayland-0" ]; then
      app_env+=("WAYLAND_DISPLAY=wayland-0")
    fi
  fi
  for var in DISPLAY XAUTHORITY WAYLAND_DISPLAY LANG LANGUAGE LC_ALL; do
    [ -n "${!var:-}" ] && app_env+=("$var=${!var}")
  done
  echo "run-app: starting $builddir/src/omamori as $SUDO_USER"
  exec runuser -u "$SUDO_USER" -- env "${app_env[@]}" "$builddir/src/omamori" "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$#" -eq 0 ]; then
  echo "run-app: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "run-app: run this from a graphical session, e.g. a terminal on the desktop." >&2
  exit 1
fi

echo "run-app: starting $builddir/src/omamori"
exec env "${app_env[@]}" "$builddir/src/omamori" "$@"

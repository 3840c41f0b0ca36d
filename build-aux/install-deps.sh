#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Installs every Debian 12 package needed to build Omamori and to run all of its
# test suites.  Idempotent: when everything is installed already it does not
# touch apt at all, so repeated runs take well under a second.
set -euo pipefail

packages=(
  # toolchain and build
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libsecret-1-dev libnm-dev libjson-glib-dev libsoup-3.0-dev
  libsmbclient-dev libsnmp-dev libavahi-client-dev libavahi-glib-dev libcups2-dev libcairo2-dev
  ieee-data
  # data validation (suite "data")
  desktop-file-utils appstream libglib2.0-bin flatpak-builder
  # fuzzing (libFuzzer with ASan/UBSan)
  clang libclang-rt-14-dev
  # window and translation tests (suite "ui")
  xvfb xauth xdotool imagemagick dbus at-spi2-core fonts-noto-cjk poppler-utils
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 gir1.2-gtk-4.0
  # Wi-Fi tests against a mocked NetworkManager (suite "wifi")
  python3-dbusmock gir1.2-nm-1.0
  # Secret Service tests
  gnome-keyring libsecret-tools
  # office LAN in network namespaces (suite "lab")
  iproute2 procps psmisc util-linux uuid-runtime
  cups-ipp-utils samba smbclient avahi-daemon avahi-utils snmpd snmp openssh-server nmap
)

# One dpkg-query for all packages; unknown packages simply print nothing.
declare -A installed=()
while read -r name status; do
  [ "$status" = "installed" ] && installed[${name%%:*}]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for p in "${packages[@]}"; do
  [ -n "${installed[$p]:-}" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: run this script as root (or install sudo): packages are missing" >&2
    exit 1
  fi
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
# --no-install-recommends keeps avahi's libnss-mdns (which rewrites nsswitch.conf)
# and other daemons' extras off the machine.
"${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

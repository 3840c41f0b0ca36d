#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Parses the Flatpak manifest with flatpak-builder (offline) and checks that it
# builds this project with meson and asks for no more sandbox holes than the
# application uses.  Exit 77 (skip) when flatpak-builder is not installed.
set -euo pipefail

manifest=$(realpath "${1:?usage: check-flatpak-manifest.sh MANIFEST}")

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder not installed; skipping"
  exit 77
fi

# flatpak-builder creates .flatpak-builder/ in the working directory: keep it
# out of the source tree.
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
cd "$workdir"

flatpak-builder --show-manifest "$manifest" > shown.json

/usr/bin/python3 - shown.json <<'PY'
import json, sys

with open(sys.argv[1]) as f:
    m = json.load(f)

errors = []

app_id = m.get("id") or m.get("app-id")
if app_id != "jp.omamori.Omamori":
    errors.append("unexpected app id %r" % app_id)
if m.get("runtime") != "org.gnome.Platform" or m.get("sdk") != "org.gnome.Sdk":
    errors.append("runtime/sdk must be org.gnome.Platform/org.gnome.Sdk")
try:
    if int(m.get("runtime-version", "0")) < 47:
        errors.append("runtime-version must be 47 or later")
except ValueError:
    errors.append("runtime-version %r is not a GNOME release" % m.get("runtime-version"))
if m.get("command") != "omamori":
    errors.append("command must be omamori")

allowed = {
    "--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
    "--device=dri",
    "--system-talk-name=org.freedesktop.NetworkManager",
    "--system-talk-name=org.freedesktop.Avahi",
    "--talk-name=org.freedesktop.secrets",
}
finish = m.get("finish-args", [])
extra = sorted(set(finish) - allowed)
if extra:
    errors.append("finish-args not used by the application: %s" % ", ".join(extra))
missing = sorted(allowed - set(finish))
if missing:
    errors.append("finish-args missing: %s" % ", ".join(missing))
if len(finish) != len(set(finish)):
    errors.append("duplicate finish-args")

modules = m.get("modules", [])
if not modules:
    errors.append("no modules")
else:
    app = modules[-1]
    if app.get("name") != "omamori" or app.get("buildsystem") != "meson":
        errors.append("the last module must build omamori with meson")
    srcs = app.get("sources", [])
    if not any(s.get("type") == "dir" and s.get("path") == ".." for s in srcs):
        errors.append("the omamori module must build the checkout (dir source '..')")
    names = [mod.get("name") for mod in modules if isinstance(mod, dict)]
    for needed in ("libnm", "net-snmp", "samba", "avahi-glib"):
        if needed not in names:
            errors.append("module %s missing" % needed)

for e in errors:
    print("manifest: " + e)
if errors:
    sys.exit(1)
print("manifest %s: %d modules, %d finish-args OK" % (app_id, len(modules), len(finish)))
PY

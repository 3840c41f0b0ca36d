#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Starts the namespace lab, proves the canary counts, runs TEST inside the lab's
# admin namespace, and always tears the lab down. Skips (77) when not root.
#   run-lab-tests.sh TEST [ARGS…]
set -u
if [ "$(id -u)" != 0 ]; then
  echo "lab tests need root (network namespaces); skipping" >&2
  exit 77
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# A lab of our own (prefix + PID): two builds testing at once on one machine must
# not share, and so tear down, each other's lab. lab.sh sweeps labs whose runner died.
export OM_LAB_PREFIX=omlabt$$
export OM_LAB_STATE=/tmp/$OM_LAB_PREFIX-state
LAB="$HERE/lab.sh"

trap '"$LAB" down >/dev/null 2>&1' EXIT
# Without this, a SIGTERM (meson's timeout) would end bash without the EXIT trap.
trap 'exit 1' INT TERM
"$LAB" up || exit 1

# The canary must be able to see a packet, or "it saw nothing" proves nothing.
# Sent from another lab host so the admin namespace never talks to the canary.
ip netns exec "$OM_LAB_PREFIX-linux" bash -c 'echo x > /dev/udp/10.203.0.200/9' 2>/dev/null
end=$((SECONDS + 10))
while [ "$SECONDS" -lt "$end" ]; do
  [ "$("$LAB" canary)" -gt 0 ] && break
  sleep 0.05
done
if [ "$("$LAB" canary)" -le 0 ]; then
  echo "canary does not count packets; refusing to trust the lab" >&2
  exit 1
fi

# 'up' has waited until the admin host's Avahi resolves every advert.
ip netns exec "$OM_LAB_PREFIX-admin" env $("$LAB" env) "$@"

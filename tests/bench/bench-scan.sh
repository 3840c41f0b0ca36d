#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Discovery speed on the namespace lab's /24 (prints figures, asserts nothing):
# lab up/down, Omamori's liveness phase and full scan, and nmap on the same ports,
# all run inside the lab's admin namespace. Needs root; exits 77 otherwise.
#
# Memory: peak RSS of the full /24 scan, and a full scan of 10.203.0.0/20 (4096
# addresses, hosts only in the /24) for wall time, peak RSS and hosts found. The
# scan guard (OMAMORI_SCAN_REQUIRE_NETNS=1) allows a scope inside 10.203.0.0/20
# only in a lab namespace. The admin namespace has a single route, the lab's
# 10.203.0.0/24 on eth0, and no default route (checked below before the /20 run;
# the script refuses to go on otherwise): the other 3840 addresses fail with
# "network unreachable" inside the namespace and no packet leaves it.
#   tests/bench/bench-scan.sh [BUILDDIR]
set -u
if [ "$(id -u)" != 0 ]; then
  echo "bench-scan needs root (network namespaces); skipping" >&2
  exit 77
fi
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${1:-$SRC/_build}
CLI="$BUILD/src/omamori-cli"
export OM_LAB_PREFIX=${OM_LAB_PREFIX:-omlabb}
export OM_LAB_STATE=/tmp/$OM_LAB_PREFIX-state
LAB="$SRC/tests/lab/lab.sh"
SCOPE=10.203.0.0/24
PORTS=22,23,80,139,443,445,515,631,3389,5000,5001,8080,9100
DATA=$(mktemp -d)

trap '"$LAB" down >/dev/null 2>&1; rm -rf "$DATA"' EXIT
[ -x "$CLI" ] || { echo "no $CLI (build first)" >&2; exit 1; }

now () { date +%s.%N; }
secs () { awk "BEGIN{printf \"%.2f\", $2-$1}"; }
in_admin () { ip netns exec "$OM_LAB_PREFIX-admin" env $("$LAB" env) OMAMORI_SCAN_REQUIRE_NETNS=1 OMAMORI_DATA_DIR="$DATA" "$@"; }

"$LAB" down >/dev/null 2>&1
t0=$(now); "$LAB" up 2>/dev/null || exit 1; t1=$(now)
echo "lab up:                      $(secs "$t0" "$t1") s"
sleep 3   # Avahi adverts

t0=$(now); in_admin "$CLI" scan --scope $SCOPE --yes --liveness-only --timing >/dev/null 2>"$DATA/live.err"; t1=$(now)
live_hosts=$(sed -n 's/.*hosts \([0-9]*\).*/\1/p' "$DATA/live.err")
echo "omamori liveness (/24):      $(sed -n 's/timing: liveness \([0-9.]*\) s.*/\1/p' "$DATA/live.err") s  ($live_hosts hosts; process $(secs "$t0" "$t1") s)"

rss () { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$1" | awk '{printf "%.1f MB", $1/1024}'; }
t0=$(now); in_admin /usr/bin/time -v "$CLI" scan --scope $SCOPE --yes --timing >/dev/null 2>"$DATA/full.err"; t1=$(now)
echo "omamori full scan (/24):     $(secs "$t0" "$t1") s  ($(sed -n 's/^timing: //p' "$DATA/full.err")); peak RSS $(rss "$DATA/full.err")"
t0=$(now); in_admin "$CLI" scan --scope $SCOPE --yes >/dev/null 2>&1; t1=$(now)
echo "omamori rescan + merge:      $(secs "$t0" "$t1") s"

# The /20: only if the admin namespace cannot route beyond the lab's /24.
routes=$(ip netns exec "$OM_LAB_PREFIX-admin" ip -4 route show)
echo "admin namespace routes:      $(tr '\n' ';' <<<"$routes")"
if [ "$(grep -vc '^10\.203\.0\.0/24 dev eth0 ' <<<"$routes")" != 0 ] \
   || ip netns exec "$OM_LAB_PREFIX-admin" ip -4 route get 10.203.1.1 >/dev/null 2>&1; then
  echo "the admin namespace has a route beyond 10.203.0.0/24: not scanning the /20" >&2
else
  DATA20=$(mktemp -d)
  t0=$(now); in_admin env OMAMORI_DATA_DIR="$DATA20" /usr/bin/time -v "$CLI" scan --scope 10.203.0.0/20 --yes --timing \
    >/dev/null 2>"$DATA/s20.err"; t1=$(now)
  echo "omamori full scan (/20):     $(secs "$t0" "$t1") s  ($(sed -n 's/^timing: //p' "$DATA/s20.err")); peak RSS $(rss "$DATA/s20.err")"
  rm -rf "$DATA20"
fi

if command -v nmap >/dev/null; then
  t0=$(now); up=$(in_admin nmap -n -sn $SCOPE 2>/dev/null | grep -c "Host is up"); t1=$(now)
  echo "nmap -sn (root, ARP):        $(secs "$t0" "$t1") s  ($up hosts)"
  t0=$(now); up=$(in_admin nmap -n -sT -p $PORTS --min-rate 2000 -T4 $SCOPE 2>/dev/null | grep -c "Host is up"); t1=$(now)
  echo "nmap -sT same ports:         $(secs "$t0" "$t1") s  ($up hosts)"
  t0=$(now); up=$(in_admin nmap -n -sT -sV --version-light -p $PORTS -T4 $SCOPE 2>/dev/null | grep -c "Host is up"); t1=$(now)
  echo "nmap -sT -sV same ports:     $(secs "$t0" "$t1") s  ($up hosts)"
else
  echo "nmap not installed: no comparison"
fi
echo "canary frames (bench scans the whole /24, canary included): $("$LAB" canary)"

t0=$(now); "$LAB" down >/dev/null 2>&1; t1=$(now)
echo "lab down:                    $(secs "$t0" "$t1") s"

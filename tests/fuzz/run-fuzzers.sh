#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Builds every fuzz target with clang + libFuzzer + ASan/UBSan in its own build
# directory and runs each for SECONDS (default 60). New inputs go to a scratch
# corpus under the build dir; the seeds in tests/fuzz/corpus/ are read, never written.
# Crashes are left as crash-* files in the build dir; the script exits non-zero.
#
#   tests/fuzz/run-fuzzers.sh 30            # CI
#   FUZZ_BUILDDIR=/tmp/fz tests/fuzz/run-fuzzers.sh 3600
set -eu

SECONDS_PER_TARGET="${1:-60}"
SRCDIR="$(cd "$(dirname "$0")/../.." && pwd)"
BUILDDIR="${FUZZ_BUILDDIR:-$SRCDIR/_build-fuzz}"

if ! command -v clang >/dev/null 2>&1; then
  echo "run-fuzzers: clang is needed (apt-get install clang)" >&2
  exit 1
fi

if [ ! -f "$BUILDDIR/build.ninja" ]; then
  # fuzzer-no-link instruments the libraries for coverage; the targets link libFuzzer.
  CC=clang meson setup "$BUILDDIR" "$SRCDIR" \
    -Dfuzzing=true -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link
fi

# Only the fuzz targets (and the libraries they need), not the whole application.
TARGETS=$(sed -n "s/^ *\['\([a-z0-9_-]*\)',.*/\1/p" "$SRCDIR/tests/fuzz/meson.build")
for name in $TARGETS; do
  ninja -C "$BUILDDIR" -j2 "tests/fuzz/fuzz-$name"
done

status=0
for name in $TARGETS; do
  work="$BUILDDIR/fuzz-corpus/$name"
  mkdir -p "$work"
  echo "== fuzz-$name for ${SECONDS_PER_TARGET}s"
  if ! (cd "$BUILDDIR" && \
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "./tests/fuzz/fuzz-$name" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 \
          -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
          "$work" "$SRCDIR/tests/fuzz/corpus/$name"); then
    echo "run-fuzzers: fuzz-$name FAILED (see crash-* in $BUILDDIR)" >&2
    status=1
  fi
done
exit $status

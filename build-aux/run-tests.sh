#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Installs what is missing, builds Omamori and runs every test suite; this is
# what CI runs (.ci/run).  Run it as root or with sudo:
#
#   sudo build-aux/run-tests.sh
#
# Steps:
#   1. _build:        every suite that exists (unit, data, fuzz replay, ui, wifi, lab, …)
#   2. _build-asan:   -Db_sanitize=address,undefined, unit suite
#   3. _build-werror: -Dwerror=true, compile everything (counted as one check)
#   4. a short libFuzzer run of each fuzz target (counted as one check), when
#      tests/fuzz/run-fuzzers.sh exists
# The last line is the total, e.g. "57 passed, 0 failed, 3 skipped"; the exit
# status is non-zero when anything failed.
#
# Environment: FUZZ_SECONDS (default 10) per fuzz target; set it to 0 to skip
# the fuzz run.
set -uo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
fuzz_seconds="${FUZZ_SECONDS:-10}"

"$srcdir/build-aux/install-deps.sh" || { echo "run-tests: installing packages failed" >&2; exit 1; }

# Results of the steps that are not meson tests: "name result" lines.
extra_results=$(mktemp)
logs=()
trap 'rm -f "$extra_results"' EXIT

step () { printf '\n=== %s\n' "$*"; }
record () { printf '%s %s\n' "$1" "$2" >> "$extra_results"; }

# setup_build DIR [MESON OPTIONS…]: configure DIR unless it is already configured
# with these options (re-running setup on an existing dir keeps it incremental).
setup_build () {
  local dir="$1"; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$srcdir" "$@" > "$dir/run-tests-setup.log" 2>&1 \
      || { cat "$dir/run-tests-setup.log"; return 1; }
  else
    meson setup "$dir" "$srcdir" "$@"
  fi
}

# run_meson_tests DIR [MESON TEST OPTIONS…]: run with our own log name
# (meson-logs/run-tests.json), so another "meson test" in the same build dir
# cannot overwrite the results we count.
run_meson_tests () {
  local dir="$1"; shift
  rm -f "$dir/meson-logs/run-tests.json"
  meson test -C "$dir" --print-errorlogs --logbase run-tests "$@"
  local rc=$?
  if [ -f "$dir/meson-logs/run-tests.json" ]; then
    logs+=("$dir/meson-logs/run-tests.json")
  else
    record "meson-test($dir)" FAIL
  fi
  return $rc
}

# build_suite_targets DIR SUITE: compile only what the tests of SUITE run (plus
# generated headers they need), not the whole application.
build_suite_targets () {
  local dir="$1" suite="$2" targets
  targets=$(meson introspect "$dir" --tests --targets | /usr/bin/python3 -c '
import json, os, sys
builddir, suite = os.path.realpath(sys.argv[1]), sys.argv[2]
info = json.load(sys.stdin)
files = {t["id"]: t["filename"] for t in info["targets"]}
wanted = set()
for t in info["tests"]:
    if "omamori:" + suite not in t.get("suite", []):
        continue
    paths = [t["cmd"][0]] + [f for dep in t.get("depends", []) for f in files.get(dep, [])]
    for path in paths:
        path = os.path.realpath(path)
        if path.startswith(builddir + os.sep):
            wanted.add(os.path.relpath(path, builddir))
# tests/meson.build hands every test OMAMORI_CLI (the built omamori-cli), which
# tests run without declaring it in depends:.
for t in info["targets"]:
    if t["name"] == "omamori-cli":
        wanted.update(os.path.relpath(os.path.realpath(f), builddir) for f in t["filename"])
print("\n".join(sorted(wanted)))
' "$dir" "$suite") || return 1
  [ -n "$targets" ] || { echo "run-tests: no $suite tests in $dir"; return 0; }
  # shellcheck disable=SC2086 # one target per word
  ninja -C "$dir" $targets
}

# runnable_tests DIR: after a partial build, the names of the tests whose
# programs (and the files they depend on) are built and up to date; prints
# "MISSING name" for the others, so a stale binary from an earlier build is
# never run in place of one that failed to compile.
runnable_tests () {
  meson introspect "$1" --tests --targets | /usr/bin/python3 -c '
import json, os, subprocess, sys
builddir = os.path.realpath(sys.argv[1])
info = json.load(sys.stdin)
files = {t["id"]: t["filename"] for t in info["targets"]}

marker = os.path.join(builddir, "run-tests-build-start")
started = os.path.getmtime(marker) if os.path.exists(marker) else None

def up_to_date(path):
    path = os.path.realpath(path)
    if not path.startswith(builddir + os.sep):
        return os.path.exists(path)
    if not os.path.exists(path):
        return False
    # Written by this run: fresh even if a source changed again since.
    if started is not None and os.path.getmtime(path) >= started:
        return True
    rel = os.path.relpath(path, builddir)
    dry = subprocess.run(["ninja", "-C", builddir, "-n", rel],
                         capture_output=True, text=True)
    return dry.returncode == 0 and "no work to do" in dry.stdout

for t in info["tests"]:
    needed = [t["cmd"][0]] + [f for d in t.get("depends", []) for f in files.get(d, [])]
    ok = all(up_to_date(p) for p in needed)
    print(("" if ok else "MISSING ") + t["name"])
' "$1"
}

# 1. Everything, in the normal build
step "build (_build)"
if setup_build _build; then
  touch _build/run-tests-build-start
  if meson compile -C _build; then
    step "meson test: all suites"
    run_meson_tests _build || true
  else
    record build FAIL
    # Build what still builds and run the tests that could be built, so one
    # broken file does not hide every other result.
    ninja -C _build -k 0 > /dev/null 2>&1 || true
    mapfile -t tests < <(runnable_tests _build)
    runnable=()
    for t in "${tests[@]}"; do
      case "$t" in
        "MISSING "*) record "${t#MISSING }(not-built)" FAIL ;;
        *) runnable+=("$t") ;;
      esac
    done
    if [ ${#runnable[@]} -gt 0 ]; then
      step "meson test: the ${#runnable[@]} tests that could be built"
      run_meson_tests _build --no-rebuild "${runnable[@]}" || true
    fi
  fi
else
  record setup FAIL
fi

# 2. AddressSanitizer + UndefinedBehaviorSanitizer, unit suite
step "sanitizer build (_build-asan) and unit suite"
if setup_build _build-asan -Db_sanitize=address,undefined -Dbuildtype=debug \
   && build_suite_targets _build-asan unit; then
  # GLib is built without frame pointers: full unwinding lets lsan.supp match by name.
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
  LSAN_OPTIONS="suppressions=$srcdir/build-aux/lsan.supp:print_suppressions=0" \
    run_meson_tests _build-asan --suite unit --no-rebuild --timeout-multiplier 4 || true
else
  record asan-build FAIL
fi

# 3. Warnings are errors in our code
step "warnings-as-errors build (_build-werror)"
if setup_build _build-werror -Dwerror=true && meson compile -C _build-werror; then
  record werror-build OK
else
  record werror-build FAIL
fi

# 4. Short fuzz run
if [ -x tests/fuzz/run-fuzzers.sh ] && [ "$fuzz_seconds" != "0" ]; then
  step "fuzz: ${fuzz_seconds}s per target"
  if tests/fuzz/run-fuzzers.sh "$fuzz_seconds"; then
    record fuzz-run OK
  else
    record fuzz-run FAIL
  fi
fi

# Build trees made as root inside a user's checkout go back to its owner.
if [ "$(id -u)" -eq 0 ]; then
  owner=$(stat -c %u:%g "$srcdir")
  for d in _build _build-asan _build-werror _build-fuzz; do
    [ -e "$d" ] && chown -R "$owner" "$d"
  done
fi

step "summary"
/usr/bin/python3 - "$extra_results" "${logs[@]}" <<'PY'
import json, sys

passed = failed = skipped = 0
failures = []
OK = {"OK", "EXPECTEDFAIL"}
SKIP = {"SKIP"}

def count(where, name, result):
    global passed, failed, skipped
    if result in OK:
        passed += 1
    elif result in SKIP:
        skipped += 1
    else:
        failed += 1
        failures.append("%s: %s %s" % (where, name, result))

for path in sys.argv[2:]:
    where = path.split("/meson-logs/")[0].rsplit("/", 1)[-1]
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                count(where, "(unreadable line in %s)" % path, "ERROR")
                continue
            count(where, entry.get("name", "?"), entry.get("result", "ERROR"))

with open(sys.argv[1]) as f:
    for line in f:
        name, result = line.split()
        count("checks", name, result)

for failure in failures:
    print("FAILED " + failure)
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
PY

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Credentials only in the Secret Service. Runs inside its own D-Bus session
# with a throw-away gnome-keyring (temporary XDG_DATA_HOME/XDG_RUNTIME_DIR),
# and — when it may (root, unshare) — in a network namespace of its own that
# has nothing but loopback, where an snmpd with SNMPv3-only users answers on
# 127.0.0.1. No packet leaves that namespace.
#
#   run-secret-tests.sh api TEST-BINARY [ARGS…]   om-secrets against the keyring (GLib TAP)
#   run-secret-tests.sh cli                       omamori-cli secrets/scan/export (TAP)
#   run-secret-tests.sh lab                       SNMPv3 against the lab NAS (run by tests/lab/run-lab-tests.sh)
set -u

mode=${1:-}
shift || true

if [ -z "${OM_SECRETS_IN_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
      echo "1..0 # SKIP $tool is not installed"
      exit 0
    fi
  done
  export OM_SECRETS_IN_SESSION=1
  if [ "$mode" = cli ] && [ "$(id -u)" = 0 ] && command -v snmpd >/dev/null \
     && unshare -n true 2>/dev/null; then
    export OM_SECRETS_NETNS=1
    exec unshare -n dbus-run-session -- "$0" "$mode" "$@" 2> >(grep -v 'fd limit' >&2)
  fi
  exec dbus-run-session -- "$0" "$mode" "$@" 2> >(grep -v 'fd limit' >&2)
fi

tmp=$(mktemp -d /tmp/om-secrets.XXXXXX)
keyring_pid=
snmpd_pid=
cleanup () {
  [ -n "$snmpd_pid" ] && kill "$snmpd_pid" 2>/dev/null && wait "$snmpd_pid" 2>/dev/null
  [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null && wait "$keyring_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

export XDG_DATA_HOME=$tmp/data XDG_RUNTIME_DIR=$tmp/run XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export OMAMORI_DATA_DIR=$tmp/omamori
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$OMAMORI_DATA_DIR"
mkdir -m 700 "$XDG_RUNTIME_DIR"

# In the foreground (so we know its PID and can end it), unlocked with a
# known password: the login collection is created without a prompt.
printf test | gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/keyring.env" 2>"$tmp/keyring.log" &
keyring_pid=$!
# Wait until it owns org.freedesktop.secrets; asking earlier would D-Bus-activate
# a second, locked keyring, which prompts.
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done

if [ "$mode" = api ]; then
  if [ "${1:-}" = --x11 ]; then
    shift
    if ! command -v xvfb-run >/dev/null; then
      echo "1..0 # SKIP xvfb-run is not installed"
      exit 0
    fi
    export GDK_BACKEND=x11 GTK_A11Y=none
    xvfb-run -a -s "-screen 0 1280x800x24" "$@"
    exit $?
  fi
  "$@"
  exit $?
fi

if [ "$mode" = lab ]; then
  # Inside the lab's admin namespace (run-lab-tests.sh): the NAS (10.203.0.20)
  # has the SNMPv3 user omamori (SHA + AES) besides the v2c community "public".
  CLI=${OMAMORI_CLI:?OMAMORI_CLI must point at omamori-cli}
  NAS=10.203.0.20
  n=0 failed=0
  check () { local what=$1; shift; n=$((n + 1)); if "$@"; then echo "ok $n - $what"; else failed=$((failed + 1)); echo "not ok $n - $what"; fi; }
  # A community the NAS does not know, so only SNMPv3 can read it.
  scan () { "$CLI" scan --scope "$NAS/32" --yes --no-save --mdns-ms 0 --json "$@" 2>>"$tmp/scan.err"; }

  printf 'authpass123\nprivpass123\n' | "$CLI" secrets set-snmpv3 omamori --auth sha --priv aes >/dev/null
  out=$(scan --community not-the-community)
  check "the NAS answers SNMPv3 with the keyring's credentials: sysDescr" grep -q '"snmp.sysDescr" : "Linux nas01 4.4.180+' <<<"$out"
  check "… over SNMPv3 authPriv, with the Synology model" \
    bash -c 'grep -q "\"snmp.security\" : \"SNMPv3 authPriv\"" <<<"$1" && grep -q "\"snmp.synology.model\" : \"DS920+\"" <<<"$1"' _ "$out"
  printf 'wrong-auth-pass\nprivpass123\n' | "$CLI" secrets set-snmpv3 omamori >/dev/null
  out=$(scan --community not-the-community)
  check "a wrong passphrase does not read sysDescr" bash -c '! grep -q "snmp.sysDescr" <<<"$1"' _ "$out"
  out=$(scan)
  check "… and the v2c community still does (fallback), without claiming SNMPv3" \
    bash -c 'grep -q "\"snmp.community\" : \"public (default)\"" <<<"$1" && ! grep -q snmp.security <<<"$1"' _ "$out"
  "$CLI" secrets clear-snmpv3 >/dev/null

  # One set per device, through the CLI as an admin would: the NAS and the
  # SNMPv3-only copier (10.203.0.130) each answer their own user.
  MFP=10.203.0.130
  printf 'authpass123\nprivpass123\n' | "$CLI" secrets add --label NAS --user omamori --applies-to $NAS >/dev/null
  printf 'mfp-auth-pass\nmfp-priv-pass\n' | "$CLI" secrets add --label Copier --user mfpadmin --auth sha512 \
    --priv aes256 --applies-to 10.203.0.128/25 >/dev/null
  out=$("$CLI" scan --scope "$NAS, $MFP" --yes --no-save --mdns-ms 0 --json --community not-the-community 2>>"$tmp/scan.err")
  check "two sets: the NAS answers its set" grep -q '"snmp.credentials" : "set “NAS” (user omamori, SHA/AES-128)"' <<<"$out"
  check "… and the SNMPv3-only copier its own" \
    bash -c 'grep -q "\"snmp.credentials\" : \"set “Copier” (user mfpadmin, SHA-512/AES-256)\"" <<<"$1" && grep -q "KONICA MINOLTA bizhub C250i" <<<"$1"' _ "$out"
  printf 'wrong-mfp-pass\nmfp-priv-pass\n' | "$CLI" secrets add --replace Copier --label Copier --user mfpadmin \
    --auth sha512 --priv aes256 --applies-to 10.203.0.128/25 >/dev/null
  out=$("$CLI" scan --scope "$MFP" --yes --no-save --mdns-ms 0 --json 2>>"$tmp/scan.err")
  check "a wrong passphrase: the evidence says authentication failed" \
    grep -q '"snmp.v3.error" : "SNMPv3 authentication failed with set “Copier” (user mfpadmin, SHA-512/AES-256): wrong authentication passphrase' <<<"$out"
  err=$("$CLI" scan --scope "$MFP" --yes --no-save --mdns-ms 0 2>&1 >/dev/null)
  check "… and omamori-cli scan says so, naming the device and the set" \
    grep -q "10.203.0.130: SNMPv3 authentication failed with set “Copier”.*Check that credential set" <<<"$err"
  "$CLI" secrets remove Copier >/dev/null
  out=$("$CLI" scan --scope "$MFP" --yes --no-save --mdns-ms 0 --json 2>>"$tmp/scan.err")
  check "no set for the copier: found, no SNMP data, the scan completes" \
    bash -c 'grep -q "\"10.203.0.130\"" <<<"$1" && grep -q jetdirect <<<"$1" && ! grep -q "snmp\." <<<"$1"' _ "$out"
  "$CLI" secrets remove NAS >/dev/null
  check "no passphrase in any scan output" \
    bash -c '! grep -qsF -e authpass123 -e privpass123 -e wrong-auth-pass -e mfp-auth-pass -e mfp-priv-pass -e wrong-mfp-pass "$1"' _ "$tmp/scan.err"
  echo "1..$n"
  [ "$failed" = 0 ]
  exit $?
fi

# ---------------------------------------------------------------------------
# cli
CLI=${OMAMORI_CLI:?OMAMORI_CLI must point at omamori-cli}
AUTH=authpass123 PRIV=privpass123          # the lab NAS user's passphrases
log=$tmp/all-output.log                    # every line any command printed
n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
run () { "$@" 2>&1 | tee -a "$log"; return "${PIPESTATUS[0]}"; }

# The single set of an older version (two items, no data file entry) becomes a
# set for every address on first use.
# Written the way older versions did (their schema name; secret-tool cannot set it).
/usr/bin/python3 - <<'PY'
import gi
gi.require_version('Secret', '1')
from gi.repository import Secret
S = Secret.SchemaAttributeType.STRING
schema = Secret.Schema.new('jp.omamori.Omamori.Credential', Secret.SchemaFlags.NONE,
                           {k: S for k in ('kind', 'scope', 'user', 'auth', 'priv', 'part')})
for part, secret in (('auth', 'legacy-auth-1'), ('priv', 'legacy-priv-1')):
    Secret.password_store_sync(schema, {'kind': 'snmpv3', 'scope': 'default', 'user': 'olduser',
                                        'auth': 'sha256', 'priv': 'aes', 'part': part},
                               Secret.COLLECTION_DEFAULT, 'old', secret, None)
PY
out=$(run "$CLI" secrets list)
check "an older single set is migrated: listed for every address" \
  bash -c 'grep -q "^All devices" <<<"$1" && grep -q "user: olduser" <<<"$1" && grep -q "applies to: every address" <<<"$1" && grep -q "passphrases stored" <<<"$1"' _ "$out"
check "… its old keyring items are gone, one new item holds both passphrases" \
  bash -c '[ -z "$(secret-tool search --all kind snmpv3 2>&1 | grep "^\[/")" ] && [ "$(secret-tool search --all kind snmpv3-set 2>&1 | grep -c "^\[/")" = 1 ]'
check "… and the data file names the user but holds no passphrase" \
  bash -c 'grep -rqs olduser "$1" && ! grep -rqs -e legacy-auth-1 -e legacy-priv-1 "$1"' _ "$OMAMORI_DATA_DIR"
run "$CLI" secrets clear-snmpv3 >/dev/null

out=$(run "$CLI" secrets show-snmpv3)
check "nothing configured at first" grep -q "No SNMPv3 credentials" <<<"$out"

out=$(printf '%s\n%s\n' "$AUTH" "$PRIV" | run "$CLI" secrets set-snmpv3 omamori --auth sha --priv aes)
check "set-snmpv3 reads both passphrases from stdin" [ $? = 0 ]

out=$(run "$CLI" secrets show-snmpv3)
check "show-snmpv3 names the user and the protocols" grep -q "“omamori”, authentication sha, privacy aes" <<<"$out"

set_id () { run "$CLI" secrets list | awk -v want="$1" '$0 == want {found = 1} found && $1 == "id:" {print $2; exit}'; }
all_id=$(set_id "All devices")
check "the keyring holds both passphrases in one item of the set" \
  [ "$(secret-tool lookup kind snmpv3-set set "$all_id" 2>/dev/null)" = "$(printf '%s\n%s' "$AUTH" "$PRIV")" ]

printf '%s\n' "only-one-line" | run "$CLI" secrets set-snmpv3 someone >/dev/null
check "one line on stdin is refused (exit 2)" [ "${PIPESTATUS[1]}" = 2 ]
printf 'short\nshort\n' | run "$CLI" secrets set-snmpv3 someone >/dev/null
check "a passphrase under 8 characters is refused (exit 2)" [ "${PIPESTATUS[1]}" = 2 ]
check "refused input leaves the stored credentials alone" \
  [ "$(secret-tool lookup kind snmpv3-set set "$all_id" 2>/dev/null | head -n 1)" = "$AUTH" ]

# Overwrite: a different user replaces the pair, it does not sit beside it.
printf 'other-auth-456\nother-priv-456\n' | run "$CLI" secrets set-snmpv3 nasadmin --auth sha256 >/dev/null
out=$(run "$CLI" secrets show-snmpv3)
check "overwriting switches user and protocol" grep -q "“nasadmin”, authentication sha256" <<<"$out"
check "overwriting leaves exactly one item" \
  [ "$(secret-tool search --all kind snmpv3-set 2>&1 | grep -c '^\[/')" = 1 ]
printf '%s\n%s\n' "$AUTH" "$PRIV" | run "$CLI" secrets set-snmpv3 omamori >/dev/null

# More sets, per address or range, as in Preferences.
out=$(printf 'copier-auth-1\ncopier-priv-1\n' | run "$CLI" secrets add --label Copier --user mfpadmin \
        --auth sha512 --priv aes256 --applies-to "10.0.0.128/25, 10.0.0.5")
check "secrets add saves a set for addresses and a range" [ $? = 0 ]
out=$(run "$CLI" secrets list)
check "secrets list shows it with its addresses and protocols" \
  bash -c 'grep -q "^Copier" <<<"$1" && grep -q "applies to: 10.0.0.128/25, 10.0.0.5" <<<"$1" && grep -q "authPriv, SHA-512, AES-256" <<<"$1"' _ "$out"
check "… and one more keyring item" [ "$(secret-tool search --all kind snmpv3-set 2>&1 | grep -c '^\[/')" = 2 ]
out=$(printf 'copier-auth-1\ncopier-priv-1\n' | run "$CLI" secrets add --label Bad --user u --applies-to "10.0.0.300"; echo "rc=$?")
check "a bad address is refused with a message that says what to write (exit 2)" \
  bash -c 'grep -q "^rc=2" <<<"$1" && grep -q "is not an IPv4 address" <<<"$1"' _ "$out"
out=$(printf 'x\n' | run "$CLI" secrets add --label Bad --user u --applies-to "10.0.0.9-10.0.0.1")
check "a backwards range is refused" grep -q "ends before it starts" <<<"$out"
out=$(run "$CLI" secrets remove copier)
check "secrets remove (by name) removes the set" bash -c '! "$1" secrets list | grep -q "^Copier"' _ "$CLI"
check "… and its keyring item" [ "$(secret-tool search --all kind snmpv3-set 2>&1 | grep -c '^\[/')" = 1 ]

scan_json () { run "$CLI" scan --scope 127.0.0.1/32 --yes --mdns-ms 0 --json "$@"; }

if [ -n "${OM_SECRETS_NETNS:-}" ]; then
  ip link set lo up
  mkdir -p "$tmp/snmp"
  cat >"$tmp/snmp/snmpd.conf" <<CONF
agentAddress udp:127.0.0.1:161
createUser omamori SHA "$AUTH" AES "$PRIV"
createUser omamori256 SHA-256 "authpass256x" AES "privpass256x"
rouser omamori priv
rouser omamori256 priv
sysDescr Omamori secrets test agent (SNMPv3 only)
sysName v3agent
CONF
  SNMP_PERSISTENT_DIR=$tmp/snmp/state MIBS= MIBDIRS=$tmp/snmp/nomibs \
    snmpd -f -Ln -C -c "$tmp/snmp/snmpd.conf" -p "$tmp/snmp/pid" &
  snmpd_pid=$!
  for _ in $(seq 50); do
    snmpget -v3 -l authPriv -u omamori -a SHA -A "$AUTH" -x AES -X "$PRIV" -t 0.2 -r 0 \
      127.0.0.1 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break
    sleep 0.1
  done

  # This scan saves into the data file, after the secrets were in memory.
  out=$(G_MESSAGES_DEBUG=all run "$CLI" scan --scope 127.0.0.1/32 --yes --mdns-ms 0 --json)
  check "a v3 scan with the keyring's credentials reads sysDescr" \
    grep -q '"snmp.sysDescr" : "Omamori secrets test agent (SNMPv3 only)"' <<<"$out"
  check "… and says it used SNMPv3 authPriv" grep -q '"snmp.security" : "SNMPv3 authPriv"' <<<"$out"
  check "the scan saved the device into the data file" grep -rqs "v3agent" "$OMAMORI_DATA_DIR"

  printf 'authpass256x\nprivpass256x\n' | run "$CLI" secrets set-snmpv3 omamori256 --auth sha256 >/dev/null
  out=$(scan_json --no-save)
  check "SHA-256 + AES works too" grep -q '"snmp.sysName" : "v3agent"' <<<"$out"

  printf 'wrong-auth-pass\n%s\n' "$PRIV" | run "$CLI" secrets set-snmpv3 omamori >/dev/null
  out=$(scan_json --no-save)
  check "a wrong authentication passphrase reads nothing" bash -c '! grep -q "snmp.sysDescr" <<<"$1"' _ "$out"
  printf '%s\nwrong-priv-pass\n' "$AUTH" | run "$CLI" secrets set-snmpv3 omamori >/dev/null
  out=$(scan_json --no-save)
  check "a wrong privacy passphrase reads nothing" bash -c '! grep -q "snmp.sysDescr" <<<"$1"' _ "$out"
  printf '%s\n%s\n' "$AUTH" "$PRIV" | run "$CLI" secrets set-snmpv3 omamori >/dev/null
  out=$(scan_json --no-save --no-snmpv3)
  check "--no-snmpv3 leaves the keyring alone (v2c only: nothing)" bash -c '! grep -q "snmp.sysDescr" <<<"$1"' _ "$out"
else
  for t in "v3 scan reads sysDescr" "says SNMPv3 authPriv" "scan saved the device" "SHA-256" \
           "wrong authentication passphrase" "wrong privacy passphrase" "--no-snmpv3"; do
    n=$((n + 1)); echo "ok $n # SKIP $t: needs root and unshare -n and snmpd"
  done
  # Still write a data file so the leak checks below have one.
  run "$CLI" scan --scope 127.0.0.1/32 --yes --mdns-ms 0 >/dev/null
fi

run "$CLI" export --format json "$tmp/export.json" >/dev/null
run "$CLI" export --format csv "$tmp/export.csv" >/dev/null
check "the data file exists" [ -n "$(find "$OMAMORI_DATA_DIR" -type f -name '*.json')" ]
check "exports were written" test -s "$tmp/export.json" -a -s "$tmp/export.csv"
leaks=0
for secret in "$AUTH" "$PRIV" copier-auth-1 copier-priv-1 legacy-auth-1 legacy-priv-1 authpass256x privpass256x other-auth-456 other-priv-456 wrong-auth-pass wrong-priv-pass; do
  if grep -rqsF -- "$secret" "$OMAMORI_DATA_DIR" "$tmp/export.json" "$tmp/export.csv" "$log"; then
    echo "# leaked: a passphrase appears in the data file, an export or the output" >&2
    grep -rlsF -- "$secret" "$OMAMORI_DATA_DIR" "$tmp/export.json" "$tmp/export.csv" "$log" | sed 's/^/#   /'
    leaks=$((leaks + 1))
  fi
done
check "no passphrase in the data file, the exports or any output (debug log included)" [ "$leaks" = 0 ]

run "$CLI" secrets clear-snmpv3 >/dev/null
out=$(run "$CLI" secrets show-snmpv3)
check "clear-snmpv3 removes them" grep -q "No SNMPv3 credentials" <<<"$out"
check "… from the keyring itself" [ -z "$(secret-tool search --all kind snmpv3-set 2>&1 | grep '^\[/')" ]

echo "1..$n"
[ "$failed" = 0 ]

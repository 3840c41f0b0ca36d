#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# An office LAN in network namespaces, for the discovery tests and the benchmark.
#   lab.sh up | down | status | exec CMD…   (as root)
#
# Everything lives in namespaces named $OM_LAB_PREFIX-* on 10.203.0.0/24 and
# fd00:203::/64, joined by a bridge in its own namespace. Nothing is ever linked
# to the root namespace. Each host runs in its own session (setsid: smbd signals
# its whole process group) and its own mount/UTS namespace with a private /run,
# /etc/hosts and Avahi service directory.
#
# Hosts (address  name      what it pretends to be)
#   .2   admin     where the scanner runs
#   .10  printer   ippeveprinter (IPP), snmpd (Brother sysDescr, Printer-MIB), 9100
#   .20  nas       Samba (guest + private share), snmpd (Synology), sshd, Avahi, HTTP 5000
#   .21  oldsmb    Samba that still allows SMBv1 (NT1), guest share
#   .30  win7      snmpd with a Windows 7 SP1 sysDescr, smbd + nmbd
#   .40  phone     randomised MAC, Avahi "Taros-iPhone.local" (_apple-mobdev2, _companion-link)
#   .50  linux     sshd (Debian OpenSSH banner)
#   .60  quiet     drops every IP packet (tc), still answers ARP
#   .130 mfp       SNMPv3 only (user mfpadmin, SHA-512 + AES-256; no v2c community), 9100;
#                  outside the /25 the discovery tests scan (the SNMPv3 lab test names it)
#   .200 canary    outside the /25 scope; counts every frame addressed to it
set -u

PREFIX=${OM_LAB_PREFIX:-omlab}
STATE=${OM_LAB_STATE:-/tmp/$PREFIX-state}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NET4=10.203.0
NET6=fd00:203:

HOSTS="admin printer nas oldsmb win7 phone linux quiet mfp canary"

host_octet () {
  case $1 in
    admin) echo 2 ;; printer) echo 10 ;; nas) echo 20 ;; oldsmb) echo 21 ;; win7) echo 30 ;;
    phone) echo 40 ;; linux) echo 50 ;; quiet) echo 60 ;; mfp) echo 130 ;; canary) echo 200 ;;
  esac
}

host_mac () {
  case $1 in
    admin) echo 02:03:00:00:00:02 ;;
    printer) echo 3c:2a:f4:10:00:10 ;;   # Brother
    nas) echo 00:11:32:20:00:20 ;;       # Synology
    oldsmb) echo b8:27:eb:21:00:21 ;;    # Raspberry Pi
    win7) echo d4:be:d9:30:00:30 ;;      # Dell
    phone) echo 5a:3c:40:00:00:40 ;;     # locally administered (randomised)
    linux) echo f4:ce:46:50:00:50 ;;     # HP
    quiet) echo 00:0c:29:60:00:60 ;;     # VMware
    mfp) echo 00:20:6b:30:01:30 ;;       # Konica Minolta
    canary) echo 02:03:00:00:02:00 ;;
  esac
}

host_name () {
  case $1 in
    printer) echo BRN3C2AF4100010 ;; nas) echo nas01 ;; oldsmb) echo oldfiles ;;
    win7) echo WIN7-PC ;; phone) echo Taros-iPhone ;; linux) echo srv-linux ;; mfp) echo MFP-2F ;;
    *) echo "$1" ;;
  esac
}

ns () { echo "$PREFIX-$1"; }

log () { echo "lab: $*" >&2; }

# ---------------------------------------------------------------- host side
# Runs inside the host's netns, in a fresh session and mount/UTS namespace.

start_dbus_avahi () {
  local role=$1 dir=$2 name=$3
  mkdir -p /run/dbus /run/avahi-daemon "$dir/avahi-services"
  # The bus socket lives in the state dir so a scanner started with plain
  # 'ip netns exec' (which does not see this /run) can reach this host's Avahi.
  export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/system_bus_socket"
  dbus-daemon --system --nofork --nopidfile --address="$DBUS_SYSTEM_BUS_ADDRESS" >"$dir/dbus.log" 2>&1 &
  local end=$((SECONDS + 20))
  while [ ! -S "$dir/system_bus_socket" ] && [ "$SECONDS" -lt "$end" ]; do sleep 0.02; done
  ln -sf "$dir/system_bus_socket" /run/dbus/system_bus_socket
  cat >"$dir/avahi.conf" <<EOF
[server]
host-name=$name
domain-name=local
use-ipv4=yes
use-ipv6=yes
allow-interfaces=eth0
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
publish-workstation=no
publish-hinfo=no
publish-aaaa-on-ipv4=yes
[reflector]
[rlimits]
EOF
  mount --bind "$dir/avahi-services" /etc/avahi/services
  avahi-daemon -f "$dir/avahi.conf" --no-drop-root --no-chroot --no-rlimits >"$dir/avahi.log" 2>&1 &
  end=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$end" ]; do
    if dbus-send --system --print-reply --dest=org.freedesktop.Avahi / \
         org.freedesktop.Avahi.Server.GetState 2>/dev/null | grep -q 'int32 2'; then
      return 0
    fi
    sleep 0.05
  done
  log "$role: avahi did not reach state 2"
  return 1
}

avahi_service () {
  # avahi_service DIR FILE TYPE PORT [TXT…] (before start_dbus_avahi: published at start-up)
  local dir=$1 file=$2 type=$3 port=$4
  shift 4
  mkdir -p "$dir/avahi-services"
  {
    echo '<?xml version="1.0" standalone="no"?>'
    echo '<!DOCTYPE service-group SYSTEM "avahi-service.dtd">'
    echo '<service-group><name replace-wildcards="yes">%h</name><service>'
    echo "<type>$type</type><port>$port</port>"
    for t in "$@"; do echo "<txt-record>$t</txt-record>"; done
    echo '</service></service-group>'
  } >"$dir/avahi-services/$file.service"
}

start_snmpd () {
  # start_snmpd DIR [--v3-only] LINE…: --v3-only leaves out the v2c community
  local dir=$1 v2c=yes
  shift
  [ "${1:-}" = --v3-only ] && { v2c=no; shift; }
  mkdir -p "$dir/snmp"
  {
    echo "agentAddress udp:161,udp6:161"
    if [ $v2c = yes ]; then
      echo "rocommunity public"
      echo "rocommunity6 public"
    fi
    for line in "$@"; do echo "$line"; done
  } >"$dir/snmpd.conf"
  SNMP_PERSISTENT_DIR="$dir/snmp" snmpd -f -Lf "$dir/snmpd.log" -C -c "$dir/snmpd.conf" \
    -p "$dir/snmpd.pid" -I -smux >/dev/null 2>&1 &
}

start_samba () {
  # start_samba DIR NETBIOS MINPROTO
  local dir=$1 nb=$2 minproto=$3
  mkdir -p /run/samba "$dir/samba"/{run,lock,state,cache,private,ncalrpc,public,private-share}
  echo "Quarterly figures (guest readable)" >"$dir/samba/public/readme.txt"
  echo "secret" >"$dir/samba/private-share/salaries.txt"
  chmod -R a+rX "$dir/samba/public"
  cat >"$dir/smb.conf" <<EOF
[global]
  netbios name = $nb
  workgroup = OFFICE
  server string = Samba file server
  server role = standalone server
  interfaces = eth0
  bind interfaces only = yes
  pid directory = $dir/samba/run
  lock directory = $dir/samba/lock
  state directory = $dir/samba/state
  cache directory = $dir/samba/cache
  private dir = $dir/samba/private
  ncalrpc dir = $dir/samba/ncalrpc
  passdb backend = tdbsam:$dir/samba/private/passdb.tdb
  log file = $dir/samba/log.%m
  log level = 0
  map to guest = Bad User
  guest account = nobody
  restrict anonymous = 0
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  server min protocol = $minproto
  local master = no
  preferred master = no
  domain master = no
  dns proxy = no
  usershare path =
[public]
  path = $dir/samba/public
  guest ok = yes
  read only = yes
  browseable = yes
[private]
  path = $dir/samba/private-share
  guest ok = no
  valid users = alice
  browseable = yes
EOF
  smbd --foreground --no-process-group -s "$dir/smb.conf" >"$dir/smbd.log" 2>&1 &
  nmbd --foreground --no-process-group -s "$dir/smb.conf" >"$dir/nmbd.log" 2>&1 &
}

warm_samba () {
  # Samba starts its RPC helper (samba-dcerpcd) on the first share listing, which
  # can take seconds on a busy machine: do that once here, from the host itself.
  wait_tcp 445 || return 1
  smbclient -N -L "$MYADDR" -s "$1/smb.conf" >/dev/null 2>&1
  return 0
}

start_sshd () {
  local dir=$1
  mkdir -p /run/sshd
  [ -f "$dir/hostkey" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/hostkey" >/dev/null
  /usr/sbin/sshd -D -e -f /dev/null -h "$dir/hostkey" -o PidFile="$dir/sshd.pid" \
    -o UsePAM=no -o PasswordAuthentication=no >"$dir/sshd.log" 2>&1 &
}

wait_tcp () {
  # wait_tcp PORT: until something listens on this host's lab address (bash's /dev/tcp).
  # Deadlines in seconds, not tries: a loaded machine makes every try slower.
  local end=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$end" ]; do
    (exec 3<>"/dev/tcp/$MYADDR/$1") 2>/dev/null && return 0
    sleep 0.03
  done
  log "port $1 did not open"
  return 1
}

wait_snmp () {
  # A bound socket is not an answering agent: snmpd reads its config first.
  local end=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$end" ]; do
    snmpget -v2c -c public -t 0.5 -r 0 -On -m '' -M /dev/null "$MYADDR" 1.3.6.1.2.1.1.1.0 \
      >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "snmpd on $MYADDR does not answer"
  return 1
}

wait_snmpv3 () {
  # wait_snmpv3 USER AUTHPROTO AUTHPASS PRIVPROTO PRIVPASS
  local end=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$end" ]; do
    snmpget -v3 -l authPriv -u "$1" -a "$2" -A "$3" -x "$4" -X "$5" -t 0.5 -r 0 -On -m '' -M /dev/null \
      "$MYADDR" 1.3.6.1.2.1.1.1.0 >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "snmpd (SNMPv3) on $MYADDR does not answer"
  return 1
}

wait_ipp () {
  # ippeveprinter listens before it answers Get-Printer-Attributes.
  local end=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$end" ]; do
    ipptool -q -T 2 "ipp://$MYADDR:631/ipp/print" get-printer-attributes.test >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "IPP on $MYADDR does not answer"
  return 1
}

wait_udp_listen () {
  local end=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$end" ]; do
    grep -q ":$(printf '%04X' "$1") " /proc/net/udp && return 0
    sleep 0.03
  done
  log "udp $1 did not open"
  return 1
}

run_host () {
  local role=$1
  local dir="$STATE/$role" name o
  name=$(host_name "$role")
  o=$(host_octet "$role")
  MYADDR="$NET4.$o"
  mkdir -p "$dir"
  hostname "$name"
  mount -t tmpfs tmpfs /run
  printf '127.0.0.1 localhost\n::1 localhost\n%s.%s %s %s.local\n%s:%s %s %s.local\n' \
    "$NET4" "$o" "$name" "$name" "$NET6" "$o" "$name" "$name" >"$dir/hosts"
  mount --bind "$dir/hosts" /etc/hosts
  cd "$dir" || exit 1

  case $role in
    admin)
      # The scanner browses mDNS through this Avahi (DBUS_SYSTEM_BUS_ADDRESS, see 'env').
      start_dbus_avahi "$role" "$dir" "$name" || exit 1
      ;;
    printer)
      start_dbus_avahi "$role" "$dir" "$name" || exit 1
      start_snmpd "$dir" \
        "sysDescr Brother NC-8300w, Firmware Ver.1.14  ,MID 8C5-K9E,FID 2" \
        "sysObjectID 1.3.6.1.4.1.2435.2.3.9.1" \
        "sysName $name" "sysLocation 2F copy room" "sysContact admin@example.jp" \
        "override 1.3.6.1.2.1.43.5.1.1.16.1 octet_str \"Brother HL-L2375DW series\"" \
        "override 1.3.6.1.2.1.25.3.2.1.3.1 octet_str \"Brother HL-L2375DW series\""
      /usr/bin/python3 "$HERE/labsvc.py" tcp 9100 &
      mkdir -p "$dir/spool"
      ippeveprinter -n "$name" -p 631 -M Brother -m "HL-L2375DW series" -l "2F copy room" \
        -d "$dir/spool" -f application/pdf,image/pwg-raster "Brother HL-L2375DW series" \
        >"$dir/ippeveprinter.log" 2>&1 &
      wait_tcp 631 && wait_tcp 9100 && wait_udp_listen 161 || exit 1
      wait_ipp && wait_snmp || exit 1
      ;;
    nas)
      avahi_service "$dir" smb _smb._tcp 445
      avahi_service "$dir" devinfo _device-info._tcp 0 "model=Xserve"
      avahi_service "$dir" http _http._tcp 5000 "vendor=Synology" "model=DS920+" "serial=2150PDN123456" \
        "version_major=7" "version_minor=1" "version_build=42661" "admin_port=5000"
      start_dbus_avahi "$role" "$dir" "$name" || exit 1
      start_snmpd "$dir" \
        "sysDescr Linux nas01 4.4.180+ #42661 SMP Fri Apr 1 15:33:34 CST 2022 x86_64" \
        "sysObjectID 1.3.6.1.4.1.8072.3.2.10" \
        "sysName nas01" "sysLocation Server rack" "sysContact admin@example.jp" \
        "engineID nas01-engine" \
        "createUser omamori SHA \"authpass123\" AES \"privpass123\"" "rouser omamori priv" \
        "override 1.3.6.1.4.1.6574.1.5.1.0 octet_str \"DS920+\"" \
        "override 1.3.6.1.4.1.6574.1.5.2.0 octet_str \"2150PDN123456\"" \
        "override 1.3.6.1.4.1.6574.1.5.3.0 octet_str \"DSM 7.1-42661\""
      start_samba "$dir" NAS01 SMB2_02
      start_sshd "$dir"
      /usr/bin/python3 "$HERE/labsvc.py" http 5000 nginx "Synology DiskStation - nas01" &
      wait_tcp 445 && wait_tcp 22 && wait_tcp 5000 && wait_udp_listen 161 && wait_udp_listen 137 || exit 1
      wait_snmp || exit 1
      warm_samba "$dir"
      ;;
    oldsmb)
      start_samba "$dir" OLDFILES NT1
      wait_tcp 445 && wait_tcp 139 && wait_udp_listen 137 || exit 1
      warm_samba "$dir"
      ;;
    win7)
      start_snmpd "$dir" \
        "sysDescr Hardware: Intel64 Family 6 Model 60 Stepping 3 AT/AT COMPATIBLE - Software: Windows Version 6.1 (Build 7601 Multiprocessor Free)" \
        "sysObjectID 1.3.6.1.4.1.311.1.1.3.1.1" \
        "sysName WIN7-PC" "sysLocation Accounting" "sysContact accounting"
      start_samba "$dir" WIN7-PC SMB2_02
      wait_tcp 445 && wait_udp_listen 161 && wait_udp_listen 137 || exit 1
      wait_snmp || exit 1
      warm_samba "$dir"
      ;;
    phone)
      avahi_service "$dir" mobdev _apple-mobdev2._tcp 32498
      avahi_service "$dir" companion _companion-link._tcp 49152 "rpMd=iPhone14,5" "rpVr=510.60.2" "rpFl=0x20000"
      avahi_service "$dir" devinfo _device-info._tcp 0 "model=iPhone14,5" "osxvers=17"
      start_dbus_avahi "$role" "$dir" "$name" || exit 1
      ;;
    linux)
      start_sshd "$dir"
      wait_tcp 22 || exit 1
      ;;
    quiet)
      # Drop every IP/IPv6 frame at ingress; ARP still gets its answer.
      tc qdisc add dev eth0 ingress
      tc filter add dev eth0 parent ffff: protocol ip prio 1 matchall action drop
      tc filter add dev eth0 parent ffff: protocol ipv6 prio 2 matchall action drop
      ;;
    mfp)
      # A copier that answers SNMPv3 only, to a user of its own (the NAS has another).
      start_snmpd "$dir" --v3-only \
        "sysDescr KONICA MINOLTA bizhub C250i" \
        "sysObjectID 1.3.6.1.4.1.18334.1.1.1.2.1.232.2.1" \
        "sysName $name" "sysLocation 2F" "sysContact admin@example.jp" \
        "engineID mfp-engine" \
        "createUser mfpadmin SHA-512 \"mfp-auth-pass\" AES-256 \"mfp-priv-pass\"" "rouser mfpadmin priv" \
        "override 1.3.6.1.2.1.43.5.1.1.16.1 octet_str \"KONICA MINOLTA bizhub C250i\"" \
        "override 1.3.6.1.2.1.25.3.2.1.3.1 octet_str \"KONICA MINOLTA bizhub C250i\""
      /usr/bin/python3 "$HERE/labsvc.py" tcp 9100 &
      wait_tcp 9100 && wait_udp_listen 161 || exit 1
      wait_snmpv3 mfpadmin SHA-512 mfp-auth-pass AES-256 mfp-priv-pass || exit 1
      ;;
    canary)
      /usr/bin/python3 "$HERE/labsvc.py" sniff eth0 "$NET4.$o" "$NET6:$o" "$STATE/canary.count" &
      end=$((SECONDS + 20))
      while [ ! -f "$STATE/canary.count" ] && [ "$SECONDS" -lt "$end" ]; do sleep 0.02; done
      [ -f "$STATE/canary.count" ] || { log "the canary does not count"; exit 1; }
      ;;
  esac
  touch "$STATE/ready.$role"
  # Stay as the session leader so 'down' can signal the whole group.
  exec sleep infinity
}

# ---------------------------------------------------------------- control side

# Every process that belongs to this lab: those in its namespaces (samba-dcerpcd
# and its rpcd_* workers start their own session and escape a group kill, but
# never their network namespace) and anything still naming the state directory.
lab_pids () {
  local h n
  for h in $HOSTS br; do
    n=$(ns "$h")
    [ -e "/run/netns/$n" ] && ip netns pids "$n" 2>/dev/null
  done
  # The string comes through the environment so awk's own command line does not match.
  ps -eo pid=,args= | LAB_STATE_DIR="$STATE/" awk 'index($0, ENVIRON["LAB_STATE_DIR"]) > 0 {print $1}'
}

lab_down () {
  local pid pids f h n left
  # 1. The hosts' session groups (recorded by 'up'), politely.
  if [ -d "$STATE/pids" ]; then
    for f in "$STATE"/pids/*; do
      [ -f "$f" ] || continue
      pid=$(cat "$f")
      [ -n "$pid" ] && kill -TERM -- "-$pid" 2>/dev/null
    done
  fi
  # 2. Everything else in the namespaces; then, after at most a second, by force
  #    until nothing is left (a dying smbd may still fork a worker).
  pids=$(lab_pids | sort -u | grep -vx -e "$$" -e "$BASHPID")
  [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
  for _ in $(seq 50); do
    left=""
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && left="$left $pid"; done
    [ -z "$left" ] && break
    sleep 0.02
  done
  for _ in $(seq 20); do
    pids=$(lab_pids | sort -u | grep -vx -e "$$" -e "$BASHPID")
    [ -z "$pids" ] && break
    kill -KILL $pids 2>/dev/null
    sleep 0.05
  done
  [ -n "$pids" ] && log "processes left over: $pids"
  # 3. The namespaces, once empty.
  for h in $HOSTS br; do
    n=$(ns "$h")
    if [ -e "/run/netns/$n" ]; then
      ip netns del "$n" 2>/dev/null || log "could not delete $n"
    fi
  done
  rm -rf "$STATE"
}

# Labs of the test runners (prefix + their PID, e.g. omlabt1234, omscanui1234)
# whose runner is gone: a runner killed hard never got to tear down.
lab_sweep () {
  local n p pid
  for p in $( { ip netns list | awk '{print $1}' | sed -n 's/^\(\(omlabt\|omscanui\)[0-9][0-9]*\)-.*/\1/p'
                ls -d /tmp/omlabt[0-9]*-state /tmp/omscanui[0-9]*-state 2>/dev/null |
                  sed -n 's|^/tmp/\(.*\)-state$|\1|p'; } | sort -u); do
    pid=${p##*[a-z]}
    [ "$pid" = "$$" ] && continue
    # The owner is alive: that lab is in use (another build's tests).
    kill -0 "$pid" 2>/dev/null && continue
    log "sweeping the stale lab $p"
    OM_LAB_PREFIX=$p OM_LAB_STATE=/tmp/$p-state "$0" down >/dev/null 2>&1
  done
}

lab_up () {
  local o mac
  lab_sweep
  if ip netns list | grep -q "^$PREFIX-"; then
    log "a lab with prefix $PREFIX is already up (run: $0 down)"
    return 1
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE/pids"
  trap 'lab_down; exit 1' INT TERM

  # 'netns add' one by one (it switches the calling process's namespace), the rest
  # batched: one 'ip' process per namespace instead of one per command.
  for h in br $HOSTS; do
    ip netns add "$(ns "$h")" || return 1
  done
  {
    echo "link add br0 type bridge stp_state 0 mcast_snooping 0"
    echo "link set br0 up"
    for h in $HOSTS; do
      echo "link add v-$h type veth peer name eth0 netns $(ns "$h")"
      echo "link set v-$h master br0 up"
    done
  } | ip -n "$(ns br)" -batch - || return 1
  for h in $HOSTS; do
    o=$(host_octet "$h")
    mac=$(host_mac "$h")
    printf '%s\n' "link set lo up" "link set eth0 address $mac" "addr add $NET4.$o/24 dev eth0" \
      "addr add $NET6:$o/64 dev eth0 nodad" "link set eth0 up" | ip -n "$(ns "$h")" -batch - || return 1
  done
  for h in $HOSTS; do
    setsid ip netns exec "$(ns "$h")" unshare --mount --uts --propagation private \
      "$0" _host "$h" </dev/null >"$STATE/$h.out" 2>&1 &
    echo $! >"$STATE/pids/$h"
  done
  local missing end=$((SECONDS + 60)) t_hosts t_start=$SECONDS
  while [ "$SECONDS" -lt "$end" ]; do
    missing=""
    for h in $HOSTS; do [ -f "$STATE/ready.$h" ] || missing="$missing $h"; done
    [ -z "$missing" ] && break
    sleep 0.05
  done
  if [ -n "$missing" ]; then
    trap - INT TERM
    log "hosts not ready:$missing"
    for h in $missing; do tail -n 5 "$STATE/$h.out" >&2; done
    return 1
  fi
  t_hosts=$SECONDS
  wait_mdns_from_admin || { trap - INT TERM; return 1; }
  trap - INT TERM
  log "hosts ready after $((t_hosts - t_start)) s, every advert seen from admin after $((SECONDS - t_start)) s"
  return 0
}

# The scanner browses through the admin host's Avahi: wait until it answers
# (state 2, running) and has resolved the adverts of the printer, the NAS and
# the phone, instead of hoping a fixed sleep was long enough.
wait_mdns_from_admin () {
  local out="" bus="unix:path=$STATE/admin/system_bus_socket" end=$((SECONDS + 40))
  while [ "$SECONDS" -lt "$end" ]; do
    out=$(ip netns exec "$(ns admin)" env DBUS_SYSTEM_BUS_ADDRESS="$bus" \
            timeout 5 avahi-browse -a -r -t -p -k 2>/dev/null)
    if ip netns exec "$(ns admin)" env DBUS_SYSTEM_BUS_ADDRESS="$bus" \
         dbus-send --system --print-reply --dest=org.freedesktop.Avahi / \
         org.freedesktop.Avahi.Server.GetState 2>/dev/null | grep -q 'int32 2' \
       && grep -q "^=;eth0;IPv4;.*;_ipp._tcp;.*;$NET4.10;631;" <<<"$out" \
       && grep -q "^=;eth0;IPv4;.*;_http._tcp;.*;$NET4.20;5000;" <<<"$out" \
       && grep -q "^=;eth0;IPv4;.*;_smb._tcp;.*;$NET4.20;445;" <<<"$out" \
       && grep -q "^=;eth0;IPv4;.*;_companion-link._tcp;.*;$NET4.40;49152;" <<<"$out" \
       && grep -q "^=;eth0;IPv4;.*;_apple-mobdev2._tcp;.*;$NET4.40;" <<<"$out"; then
      return 0
    fi
    sleep 0.2
  done
  log "the admin host's Avahi did not see every advert:"
  printf '%s\n' "$out" | grep '^=' >&2
  return 1
}

lab_status () {
  local rc=0
  for h in $HOSTS; do
    local n pid state=down
    n=$(ns "$h")
    pid=$(cat "$STATE/pids/$h" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ -f "$STATE/ready.$h" ]; then state=up; fi
    ip netns list | grep -qw "^$n" || state="$state (no netns)"
    printf '%-8s %-14s %s\n' "$h" "$NET4.$(host_octet "$h")" "$state"
    [ "$state" = up ] || rc=1
  done
  printf 'canary frames: %s\n' "$(cat "$STATE/canary.count" 2>/dev/null || echo '?')"
  return $rc
}

case ${1:-} in
  up)
    t0=$(date +%s.%N)
    if ! lab_up; then [ -n "${OM_LAB_KEEP:-}" ] || lab_down; exit 1; fi
    t1=$(date +%s.%N)
    log "up in $(awk "BEGIN{print $t1-$t0}") s"
    ;;
  down)
    t0=$(date +%s.%N)
    lab_down
    t1=$(date +%s.%N)
    log "down in $(awk "BEGIN{print $t1-$t0}") s"
    ;;
  status)
    lab_status
    ;;
  sweep)
    lab_sweep
    ;;
  exec)
    # exec HOST CMD…: run a command in a lab host's namespace (the tests use admin)
    shift
    h=$1
    shift
    exec ip netns exec "$(ns "$h")" "$@"
    ;;
  canary)
    cat "$STATE/canary.count" 2>/dev/null || echo -1
    ;;
  env)
    # What a program run in the admin namespace needs to reach the lab's Avahi.
    echo "DBUS_SYSTEM_BUS_ADDRESS=unix:path=$STATE/admin/system_bus_socket"
    ;;
  _host)
    run_host "$2"
    ;;
  *)
    echo "usage: $0 up|down|status|canary|exec HOST CMD…" >&2
    exit 2
    ;;
esac

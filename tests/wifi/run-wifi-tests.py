#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# The "wifi" suite: libnm (through OmWifiMonitor and omamori-cli) against
# python-dbusmock's NetworkManager template on a private bus that this script
# starts and stops. Nothing here touches the machine's real system bus or
# NetworkManager: DBUS_SYSTEM_BUS_ADDRESS always points at our own bus (or at
# nothing). Scenarios: no system bus, a bus without NetworkManager, the mock.
# Output is TAP. Every process started here is killed on exit.
#
# Usage: run-wifi-tests.py TEST-WIFI-MONITOR OMAMORI-CLI [TEST-WIFI-PAGE]

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import dbus

monitor_test, cli = sys.argv[1], sys.argv[2]
page_test = sys.argv[3] if len(sys.argv) > 3 else None
children = []
results = []
tmp = tempfile.TemporaryDirectory(prefix='omamori-wifi-')

NM = 'org.freedesktop.NetworkManager'
NM_PATH = '/org/freedesktop/NetworkManager'
MOCK = 'org.freedesktop.DBus.Mock'
AP_IFACE = 'org.freedesktop.NetworkManager.AccessPoint'
DEV = '/org/freedesktop/NetworkManager/Devices/wlan0'

PRIV = 0x1
P_TKIP, P_CCMP, G_TKIP, G_CCMP = 0x4, 0x8, 0x40, 0x80
K_PSK, K_1X, K_SAE, K_OWE, K_OWTM, K_SB = 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000


def cleanup():
    for p in reversed(children):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    children.clear()


atexit.register(cleanup)
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, lambda *_: sys.exit(1))


def report(ok, name, detail=''):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    if detail and not ok:
        for line in str(detail).splitlines():
            print(f'# {line}')
    sys.stdout.flush()


def base_env(bus_address):
    env = dict(os.environ)
    env['DBUS_SYSTEM_BUS_ADDRESS'] = bus_address
    env['OMAMORI_DATA_DIR'] = os.path.join(tmp.name, 'data')
    env['LC_ALL'] = 'C.UTF-8'
    env.pop('LANGUAGE', None)
    return env


def run_in_group(argv, env, timeout):
    # Its own process group, so a hung X server or test goes with it.
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    children.append(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    finally:
        children.remove(proc)
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def run_monitor_tests(scenario, env, argv=None, name='test-wifi-monitor'):
    env = dict(env, OM_WIFI_SCENARIO=scenario)
    try:
        proc = run_in_group(argv or [monitor_test, '--tap'], env, 120)
    except subprocess.TimeoutExpired as e:
        report(False, f'{scenario}: {name} finished in time', e)
        return
    seen = False
    for line in proc.stdout.splitlines():
        for prefix, ok in (('ok ', True), ('not ok ', False)):
            if line.startswith(prefix):
                name = line[len(prefix):].split(' ', 1)[-1]
                report(ok, f'{scenario}: {name}', proc.stderr[-3000:])
                seen = True
    report(proc.returncode == 0 and seen, f'{scenario}: {name} exit status',
           f'exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}')


def run_page_tests(scenario, env):
    if page_test is None:
        return
    if not shutil.which('xvfb-run'):
        print(f'ok {len(results) + 1} {scenario}: window test # SKIP xvfb-run is not installed')
        results.append(True)
        return
    env = dict(env, GDK_BACKEND='x11', GTK_A11Y='none', GSK_RENDERER='cairo', NO_AT_BRIDGE='1')
    run_monitor_tests(scenario, env, ['xvfb-run', '-a', '-s', '-screen 0 1280x1600x24', page_test,
                                      '--tap'], 'test-wifi-page')


def run_cli(args, env):
    proc = subprocess.run([cli] + args, env=env, capture_output=True, text=True, timeout=60)
    # A crash shows as a negative return code (killed by a signal).
    return proc


def start_bus():
    proc = subprocess.Popen(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                            stdout=subprocess.PIPE, text=True)
    children.append(proc)
    address = proc.stdout.readline().strip()
    if not address:
        raise RuntimeError('dbus-daemon did not print its address')
    return proc, address


def start_mock(env, bus):
    proc = subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock', '--system', '--template',
                             'networkmanager'], env=env, stdout=subprocess.DEVNULL)
    children.append(proc)
    for _ in range(200):
        if bus.name_has_owner(NM):
            return proc
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError('python-dbusmock did not take the NetworkManager name')


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=5)
    if proc in children:
        children.remove(proc)


# Every class, the office's two access points, an evil twin (open, unknown BSSID) and a
# hidden network: (object name, SSID, BSSID, MHz, strength, flags, wpa, rsn, expected class)
AIR = [
    ('open', 'Cafe-Free', '02:00:00:00:00:01', 2412, 60, 0, 0, 0, 'open'),
    ('owe', 'Owe-Net', '02:00:00:00:00:02', 2437, 55, PRIV, 0, K_OWE | P_CCMP | G_CCMP, 'owe'),
    ('owetm', 'Owe-Trans', '02:00:00:00:00:03', 2462, 50, 0, 0, K_OWTM, 'owe-transition'),
    ('wep', 'Old-Wep', '02:00:00:00:00:04', 2412, 45, PRIV, 0, 0, 'wep'),
    ('wpa', 'Legacy', '02:00:00:00:00:05', 2437, 40, PRIV, K_PSK | P_TKIP | G_TKIP, 0, 'wpa-tkip'),
    ('mixed', 'Mixed', '02:00:00:00:00:06', 2462, 35, PRIV, K_PSK | P_TKIP | G_TKIP,
     K_PSK | P_TKIP | P_CCMP | G_TKIP, 'wpa-wpa2-mixed'),
    ('tkip', 'Printer-Net', '02:00:00:00:00:07', 5180, 30, PRIV, 0, K_PSK | P_CCMP | G_TKIP,
     'wpa2-tkip'),
    ('office1', 'Office', '00:11:22:33:44:01', 2437, 80, PRIV, 0, K_PSK | P_CCMP | G_CCMP, 'wpa2'),
    ('office2', 'Office', '00:11:22:33:44:02', 5200, 65, PRIV, 0, K_PSK | P_CCMP | G_CCMP, 'wpa2'),
    ('trans', 'Trans', '02:00:00:00:00:09', 5220, 25, PRIV, 0, K_PSK | K_SAE | P_CCMP | G_CCMP,
     'wpa2-wpa3-transition'),
    ('wpa3', 'Secure', '02:00:00:00:00:0a', 5240, 20, PRIV, 0, K_SAE | P_CCMP | G_CCMP, 'wpa3'),
    ('corp', 'Corp', '02:00:00:00:00:0b', 5745, 15, PRIV, 0, K_1X | P_CCMP | G_CCMP, 'enterprise'),
    ('gov', 'Gov', '02:00:00:00:00:0c', 6115, 10, PRIV, 0, K_SB | P_CCMP | G_CCMP, 'suite-b'),
    ('twin', 'Office', '66:66:66:66:66:66', 2412, 90, 0, 0, 0, 'open'),
    ('hidden', '', '02:00:00:00:00:0d', 2412, 5, PRIV, 0, K_PSK | P_CCMP | G_CCMP, 'wpa2'),
    ('guest', 'Office-Guest', '02:00:00:00:00:0f', 2412, 70, 0, 0, 0, 'open'),
]


def populate(bus):
    nm = dbus.Interface(bus.get_object(NM, NM_PATH), MOCK)
    nm.AddWiFiDevice('wlan0', 'wlan0', dbus.Int32(100))
    for name, ssid, bssid, freq, strength, flags, wpa, rsn, _ in AIR:
        path = nm.AddAccessPoint(DEV, name, ssid, bssid, dbus.UInt32(2), dbus.UInt32(freq),
                                 dbus.UInt32(54000), dbus.Byte(strength), dbus.UInt32(rsn))
        for prop, value in (('Flags', flags), ('WpaFlags', wpa), ('RsnFlags', rsn)):
            nm.SetProperty(path, AP_IFACE, prop, dbus.UInt32(value, variant_level=1))
    # A saved WPA2 profile whose password is weak ("password1"); the template's
    # GetSecrets does not answer like NetworkManager, so it is replaced.
    settings = dbus.Interface(bus.get_object(NM, NM_PATH + '/Settings'), NM + '.Settings')
    conn = settings.AddConnection(dbus.Dictionary({
        'connection': dbus.Dictionary({'id': 'Office', 'type': '802-11-wireless',
                                       'uuid': '6f1b8c1e-0000-4000-8000-0000000000aa',
                                       'autoconnect': False}, signature='sv'),
        '802-11-wireless': dbus.Dictionary({'ssid': dbus.ByteArray(b'Office'),
                                            'mode': 'infrastructure'}, signature='sv'),
        '802-11-wireless-security': dbus.Dictionary({
            'key-mgmt': 'wpa-psk', 'proto': dbus.Array(['rsn'], signature='s'),
            'pairwise': dbus.Array(['ccmp'], signature='s')}, signature='sv'),
    }, signature='sa{sv}'))
    dbus.Interface(bus.get_object(NM, conn), MOCK).AddMethod(
        NM + '.Settings.Connection', 'GetSecrets', 's', 'a{sa{sv}}',
        "ret = {'802-11-wireless-security': {'psk': 'password1'}}")


def check_cli_json(env):
    # Registration, as the window does it, persisted in the data file.
    p = run_cli(['wifi', 'register', 'Office', '--purpose', 'office', '--security', 'wpa2',
                 '--bssid', '00:11:22:33:44:01', '--bssid', '00-11-22-33-44-02'], env)
    report(p.returncode == 0, 'cli: wifi register Office', p.stderr)
    p = run_cli(['wifi', 'register', 'Office-Guest', '--purpose', 'guest', '--security', 'wpa2'],
                env)
    report(p.returncode == 0, 'cli: wifi register Office-Guest as guest', p.stderr)
    with open(os.path.join(env['OMAMORI_DATA_DIR'], 'omamori.json'), encoding='utf-8') as f:
        saved = json.load(f)
    regs = {r['ssid']: r for r in saved.get('wifi_networks', [])}
    report(regs.get('Office', {}).get('bssids') == ['00:11:22:33:44:01', '00:11:22:33:44:02']
           and regs['Office']['security'] == 'wpa2'
           and regs.get('Office-Guest', {}).get('purpose') == 'guest',
           'cli: registrations are in the data file', json.dumps(saved)[:2000])

    p = run_cli(['wifi', 'register', 'X', '--purpose', 'office', '--security', 'wpa4'], env)
    report(p.returncode == 2 and 'wpa4' in p.stderr, 'cli: unknown security class is refused',
           p.stderr)
    p = run_cli(['wifi', 'register', 'X', '--purpose', 'office', '--security', 'wpa2',
                 '--bssid', 'zz'], env)
    report(p.returncode == 2, 'cli: malformed BSSID is refused', p.stderr)
    p = run_cli(['wifi', 'register', 'X' * 33, '--purpose', 'office', '--security', 'wpa2'], env)
    report(p.returncode == 2, 'cli: SSID over 32 bytes is refused', p.stderr)

    p = run_cli(['wifi', '--json', '--rescan', '--timeout', '2'], env)
    report(p.returncode == 0, 'cli: wifi --json --rescan exits 0', p.stderr)
    try:
        out = json.loads(p.stdout)
    except ValueError as e:
        report(False, 'cli: --json output parses', f'{e}\n{p.stdout[:2000]}')
        return
    report(out.get('state') == 'ready', 'cli: state is ready', out.get('state'))

    nets = out.get('networks', [])
    for n in nets:
        for key in ('ssid', 'hidden', 'bssids', 'security', 'findings'):
            if key not in n:
                report(False, f'cli: network has “{key}”', json.dumps(n))
                return
    by = {}
    for n in nets:
        by.setdefault((n['ssid'], n['security']), []).append(n)
    expected = {}
    for _, ssid, bssid, *_rest, cls in AIR:
        expected.setdefault((ssid, cls), set()).add(bssid)
    ok = len(nets) == len(expected)
    for (ssid, cls), bssids in expected.items():
        got = by.get((ssid, cls))
        ok = ok and got is not None and len(got) == 1 and set(got[0]['bssids']) == bssids
    report(ok, f'cli: {len(expected)} networks with the right class and BSSIDs',
           json.dumps([(n['ssid'], n['security'], n['bssids']) for n in nets]))
    classes = {n['security'] for n in nets}
    report(len(classes) == 12, 'cli: every one of the 12 classes is seen', sorted(classes))

    hidden = by.get(('', 'wpa2'), [{}])[0]
    report(hidden.get('hidden') is True, 'cli: hidden network recognised', json.dumps(hidden))
    tkip = by.get(('Printer-Net', 'wpa2-tkip'), [{}])[0]
    report(tkip.get('tkip') is True, 'cli: TKIP in the group cipher is seen', json.dumps(tkip))

    findings = out.get('findings', [])
    for f in findings:
        if not all(k in f for k in ('rule', 'severity', 'ssid')):
            report(False, 'cli: finding has rule, severity, ssid', json.dumps(f))
            return
    rules = sorted((f['rule'], f['ssid'], f['severity']) for f in findings)
    report(('wifi.evil-twin-unknown-bssid', 'Office', 'critical') in rules,
           'cli: evil twin of Office found', rules)
    report(('wifi.office-open', 'Office-Guest', 'medium') in rules,
           'cli: open guest network found', rules)
    report(len(rules) == 2, 'cli: no other findings (the office network itself is fine)', rules)
    twin = by.get(('Office', 'open'), [{}])[0]
    report([f['rule'] for f in twin.get('findings', [])] == ['wifi.evil-twin-unknown-bssid']
           and by[('Office', 'wpa2')][0]['findings'] == [],
           'cli: findings are attached to the network they are about', json.dumps(twin))

    p = run_cli(['wifi'], env)
    report(p.returncode == 0 and 'Office' in p.stdout and 'Hidden network' in p.stdout
           and 'WPA2 (TKIP allowed)' in p.stdout, 'cli: human-readable listing', p.stdout[-2000:])

    p = run_cli(['wifi', '--json', '--check-passphrases'], env)
    try:
        out = json.loads(p.stdout)
        rules = sorted((f['rule'], f['ssid'], f['severity']) for f in out['findings'])
        prof = out['profiles']
    except (ValueError, KeyError):
        rules, prof = None, None
    report(p.returncode == 0 and rules is not None
           and ('wifi.weak-passphrase', 'Office', 'medium') in rules
           and prof == [{'name': 'Office', 'ssid': 'Office', 'key_mgmt': 'wpa-psk',
                         'security': 'wpa2', 'autoconnect': False, 'passphrase_length': 9,
                         'passphrase_classes': 2}]
           and 'password1' not in p.stdout + p.stderr,
           'cli: --check-passphrases measures the saved password and never prints it',
           f'{p.stderr}\n{rules}\n{prof}')

    p = run_cli(['wifi', 'unregister', 'Office-Guest'], env)
    p2 = run_cli(['wifi', '--json'], env)
    try:
        left = [f['rule'] for f in json.loads(p2.stdout)['findings']]
    except (ValueError, KeyError):
        left = None
    report(p.returncode == 0 and left == ['wifi.evil-twin-unknown-bssid'],
           'cli: unregister removes the guest network and its finding', f'{p.stderr}\n{left}')


def check_cli_state(env, state, name):
    p = run_cli(['wifi', '--json'], env)
    try:
        out = json.loads(p.stdout)
    except ValueError:
        out = {}
    report(p.returncode == 1 and out.get('state') == state and out.get('message')
           and out.get('networks') == [], f'cli: {name} gives state {state}, exit 1',
           f'exit {p.returncode}\n{p.stdout[:1000]}\n{p.stderr[-1000:]}')


def main():
    # 1. No system bus at all.
    env = base_env('unix:path=' + os.path.join(tmp.name, 'no-such-socket'))
    run_monitor_tests('no-bus', env)
    check_cli_state(env, 'no-system-bus', 'no system bus')

    # 2. A bus without NetworkManager.
    _, address = start_bus()
    env = base_env(address)
    bus = dbus.bus.BusConnection(address)
    run_monitor_tests('no-nm', env)
    check_cli_state(env, 'nm-not-running', 'no NetworkManager')
    run_page_tests('no-nm-ui', env)

    # 3. The NetworkManager mock, driven by test-wifi-monitor itself.
    mock = start_mock(env, bus)
    run_monitor_tests('mock', env)
    stop(mock)

    # 4. A fresh mock with the office's air, read by omamori-cli.
    for _ in range(100):
        if not bus.name_has_owner(NM):
            break
        time.sleep(0.05)
    mock = start_mock(env, bus)
    populate(bus)
    check_cli_json(env)
    # The window last: it removes the evil twin while it is open.
    run_page_tests('mock-ui', env)
    stop(mock)

    print(f'1..{len(results)}')
    return 0 if all(results) else 1


if __name__ == '__main__':
    try:
        sys.exit(main())
    finally:
        cleanup()

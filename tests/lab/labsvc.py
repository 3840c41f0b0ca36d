#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Omamori developers
#
# Small services for the network-namespace lab (run inside a lab host only):
#   tcp PORT                 accept and close (a raw 9100 print port)
#   http PORT SERVER TITLE   answer every GET with a tiny admin page
#   sniff IFACE IPV4 IPV6 OUT  count frames addressed to this host (the canary)
import os
import socket
import struct
import sys
import threading


def serve_tcp(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(256)
    while True:
        c, _ = s.accept()
        c.close()


def serve_http(port, server, title):
    body = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title></head>"
            "<body><p>admin</p></body></html>" % title).encode()
    head = ("HTTP/1.1 200 OK\r\nServer: %s\r\nContent-Type: text/html; charset=utf-8\r\n"
            "Content-Length: %d\r\nConnection: close\r\n\r\n" % (server, len(body))).encode()
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(256)

    def handle(c):
        try:
            c.settimeout(3)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = c.recv(4096)
                if not chunk:
                    break
                data += chunk
            c.sendall(head + (b"" if data.startswith(b"HEAD") else body))
        except OSError:
            pass
        finally:
            c.close()

    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(c,), daemon=True).start()


def sniff(iface, ipv4, ipv6, out):
    v4 = socket.inet_aton(ipv4)
    v6 = socket.inet_pton(socket.AF_INET6, ipv6)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    s.bind((iface, 0))
    count = 0
    with open(out, "w") as f:
        f.write("0\n")
    while True:
        frame, addr = s.recvfrom(65535)
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        etype = struct.unpack("!H", frame[12:14])[0]
        hit = False
        if etype == 0x0800 and frame[30:34] == v4:
            hit = True
        elif etype == 0x0806 and frame[20:22] == b"\x00\x01" and frame[38:42] == v4:
            hit = True          # someone asked who has the canary's address
                                # (replies to the canary's own questions do not count)
        elif etype == 0x86DD:
            if frame[38:54] == v6:
                hit = True
            elif len(frame) >= 78 and frame[54] == 135 and frame[62:78] == v6:
                hit = True      # neighbour solicitation for the canary
        if hit:
            count += 1
            tmp = out + ".tmp"
            with open(tmp, "w") as f:
                f.write("%d\n" % count)
            os.replace(tmp, out)


def main():
    mode = sys.argv[1]
    if mode == "tcp":
        serve_tcp(int(sys.argv[2]))
    elif mode == "http":
        serve_http(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif mode == "sniff":
        sniff(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit("unknown mode")


if __name__ == "__main__":
    main()

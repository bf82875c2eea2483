#!/usr/bin/env python3
"""Kill every process a benchmark run started, and nothing else.

usage: cleanup.py TAG [PIDS_FILE]

A process is ours when its environment holds MBBENCH_TAG=TAG (run.sh exports it, so every
daemon started by the run and, through them, their programs inherit it), or when it is listed
in PIDS_FILE ("pid starttime" lines the benchmark records for every program and daemon it saw)
with the same start time (so a recycled pid is never hit). This process and its ancestors are
spared. SIGTERM first, SIGKILL after up to 3 s.
"""
import os
import signal
import sys
import time


def starttime(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def ppid(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def ancestors():
    out, pid = set(), os.getpid()
    while pid > 1:
        out.add(pid)
        pid = ppid(pid)
    return out


def ours(tag, recorded):
    needle = b"MBBENCH_TAG=" + tag.encode()
    spare = ancestors()
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        if pid in spare or not alive(pid):  # zombies are already dead
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            env = []
        if needle in env:
            found.add(pid)
        elif pid in recorded and recorded[pid] == starttime(pid):
            found.add(pid)
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rindex(b")") + 2:data.rindex(b")") + 3] != b"Z"
    except (OSError, ValueError):
        return False


def main():
    tag = sys.argv[1]
    recorded = {}
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
        with open(sys.argv[2]) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    recorded[int(parts[0])] = int(parts[1])
    pids = ours(tag, recorded)
    if not pids:
        return
    for pid in sorted(pids):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            cmd = "?"
        print(f"cleanup: stopping leftover pid {pid}: {cmd[:150]}", file=sys.stderr)
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    deadline = time.time() + 3
    while time.time() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    for _ in range(5):  # a daemon may respawn a child between the scan and its own death
        left = {p for p in ours(tag, recorded) | pids if alive(p)}
        if not left:
            break
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.1)


if __name__ == "__main__":
    main()

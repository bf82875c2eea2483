#!/usr/bin/env python3
"""Log-intake workload: write N numbered 100-byte lines to stdout as fast as possible.

usage: writer.py N START_FILE DONE_FILE

Line i is b"%09d " % i + b"x" * 89 + b"\\n" (exactly 100 bytes), so N=1_000_000 is 100 MB.
All lines are built in memory first. Before the first byte it stores time.time() in START_FILE; after the last write() returned it
stores time.time() in DONE_FILE (the gap shows how long the child was held up by its logging).
Then it sleeps, so that no supervisor restarts it (a restart would show up as duplicate lines).
"""
import os
import sys
import time


def stamp(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(repr(value))
    os.replace(tmp, path)


def main():
    n = int(sys.argv[1])
    start_file, done_file = sys.argv[2], sys.argv[3]
    pad = b" " + b"x" * 89 + b"\n"
    chunk = 1000  # lines per write(): 100 KB
    # build everything first, so the writing runs at pipe speed and the supervisor is the limit
    bufs = [b"".join(b"%09d" % i + pad for i in range(base, min(n, base + chunk)))
            for base in range(0, n, chunk)]
    stamp(start_file, time.time())
    for buf in bufs:
        view = memoryview(buf)
        while view:
            written = os.write(1, view)
            view = view[written:]
    stamp(done_file, time.time())
    sys.stdout.flush()
    time.sleep(10_000_000)


if __name__ == "__main__":
    main()

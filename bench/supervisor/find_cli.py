#!/usr/bin/env python3
"""Print (as a JSON argv) the built MoneyBot CLI that ./moneybot runs, or nothing.

usage: find_cli.py REPO
Looks for the newest built apphost (ELF executable) or .dll of the supervisor project under the
repo's build output folders and keeps it only if `<it> --help` exits 0.
"""
import json
import os
import subprocess
import sys

NAMES = ("moneybot", "MoneyBot.Supervisor", "MoneyBot.Supervisor.Cli", "mbsup")


def candidates(repo):
    for root, dirs, files in os.walk(repo):
        rel = os.path.relpath(root, repo)
        dirs[:] = [d for d in dirs if d not in (".git", "node_modules", ".peers", "obj", "tests", "TestResults")]
        if rel != "." and not any(p in rel.split(os.sep) for p in (".build", "bin", "publish", "out")):
            continue
        for f in files:
            path = os.path.join(root, f)
            stem = f[:-4] if f.endswith(".dll") else f
            if stem not in NAMES:
                continue
            if f.endswith(".dll"):
                yield os.path.getmtime(path), ["dotnet", path]
            elif os.access(path, os.X_OK):
                with open(path, "rb") as fh:
                    if fh.read(4) == b"\x7fELF":
                        yield os.path.getmtime(path) + 1e-3, [path]  # prefer the apphost


def main():
    repo = sys.argv[1]
    for _, argv in sorted(candidates(repo), reverse=True):
        try:
            if subprocess.run(argv + ["--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=60, cwd=repo).returncode == 0:
                print(json.dumps(argv))
                return
        except (OSError, subprocess.TimeoutExpired):
            continue


if __name__ == "__main__":
    main()

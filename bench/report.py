#!/usr/bin/env python3
"""Combines the sections of one bench/run.sh run into one report (driven by bench/run.sh).

usage: report.py OUT HEADER_FILE SECTION...   where SECTION is NAME=TEXT_FILE:JSON_FILE:STATUS

Prints, and writes to OUT: the header, every section's own table (supervisors side by side; JIT vs
AOT), then one goal table: every goal row of every section with our figure and met?. A section
whose files are missing or whose STATUS is not 0 gets an ERROR row there.
"""
import json
import os
import sys


def main():
    out_path, header_file = sys.argv[1], sys.argv[2]
    with open(header_file) as f:
        header = f.read().rstrip("\n")
    parts, goals = [header, ""], []
    for spec in sys.argv[3:]:
        name, rest = spec.split("=", 1)
        text_file, json_file, status = rest.rsplit(":", 2)
        text = open(text_file).read().rstrip("\n") if os.path.exists(text_file) else ""
        data = {}
        if os.path.exists(json_file):
            try:
                with open(json_file) as f:
                    data = json.load(f)
            except ValueError:
                data = {}
        parts += [f"== {name} ==", text or "(no output)", ""]
        if status != "0" or not data.get("rows"):
            why = f"exit status {status}" if status != "0" else "no result"
            goals.append([name, "ERROR: the section failed (" + why + "; see its log above)", "", "", "ERROR"])
        parent = ""
        for r in data.get("rows", []):
            metric = r["metric"]
            if not metric.startswith(" "):
                parent = min((metric.split(sep)[0] for sep in (":", ",")), key=len)
            else:  # an indented row belongs to the row above it: name that one too
                metric = f"{parent}: {metric.strip()}"
            goal = r.get("goal", "")
            if not goal or goal == "(info)":
                continue
            if "moneybot" in r:  # supervisor / system
                figure = r["moneybot"]
                peers = f"supervisord {r.get('supervisord', 'n/a')}, pm2 {r.get('pm2', 'n/a')}"
            else:  # throughput
                figure = r.get("AOT", "n/a")
                peers = f"JIT {r.get('JIT', 'n/a')}"
            goals.append([name, metric, f"{figure} ({peers})", goal, r.get("met?", "n/a")])
        errors = list(data.get("errors") or []) if isinstance(data.get("errors"), list) else []
        for e in errors:
            goals.append([name, f"ERROR: {e}"[:160], "", "", "ERROR"])
        for sup, res in (data.get("results") or {}).items():  # supervisor / system: per supervisor
            for e in (res.get("errors") or []) if isinstance(res, dict) else []:
                # a peer's error (say PM2 leaving programs behind) is a figure about the peer, not a failure of ours
                ours = sup == "moneybot"
                goals.append([name, f"{'ERROR' if ours else 'peer error'}: {sup}: {e}"[:160], "", "",
                              "ERROR" if ours else "n/a"])
    head = ["section", "goal metric", "ours (peers / JIT)", "goal", "met?"]
    widths = [max(len(str(r[i])) for r in goals + [head]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    met = sum(1 for g in goals if g[4] == "yes")
    not_met = sum(1 for g in goals if g[4].startswith(("NO", "ERROR")))
    parts += ["== goals ==", line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    parts += [line(g) for g in goals]
    parts += ["", f"goals: {met} met, {not_met} not met or failed, {len(goals) - met - not_met} without a figure (n/a)"]
    text = "\n".join(parts) + "\n"
    print(text)
    with open(out_path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
